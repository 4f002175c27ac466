//! Vietnam: the statutory public holidays by the law in force each year, compensatory days,
//! the embedded official annual schedules, and the public-sector calendar preset
//! ([`public_sector`]), 1995-01-01 ..= 2199-12-31. Sources: the Labour Codes 1994, 2012 and
//! 2019, Decision 188/1999/QĐ-TTg, Resolution 28/2026/QH16, and the annual day-off notices
//! (each year's [`ScheduleInfo`] names its own).
//!
//! # Rules per period ([`LabourLaw`])
//! | in force | statute | holidays |
//! |---|---|---|
//! | 1995-01-01 – 2007-04-01 | Labour Code 1994, Art. 73 | 1 Jan; Tết 4 days (last day of the lunar year + mùng 1–3); 30 Apr; 1 May; 2 Sep |
//! | 2007-04-02 – 2013-04-30 | Art. 73 as amended by Law 84/2007/QH11 | + Hùng Kings' day (10th day of the 3rd lunar month) |
//! | 2013-05-01 – 2020-12-31 | Labour Code 2012, Art. 115 | Tết 5 days (two days before mùng 1 + mùng 1–3) |
//! | from 2021-01-01 | Labour Code 2019, Art. 112 | + a second National Day day: 3 Sep when 2 Sep is a Monday or Thursday, else 1 Sep |
//! | from 2026-07-01 | + Resolution 28/2026/QH16, Art. 2 | + 24 Nov, Vietnamese Culture Day (*Ngày Văn hóa Việt Nam*) |
//!
//! Each holiday day follows the law in force on it; Tết follows the law in force on mùng 1, so
//! Tết 2013 (10 Feb, before the 2012 Code took effect) has 4 days, and Hùng Kings' day 2007
//! (26 Apr, after Law 84/2007/QH11) is a holiday. **Compensatory days** (*nghỉ bù*): each
//! holiday day on a weekly rest day gives one day off on the first working day after the break
//! containing it, in date order (Labour Code 1994 Art. 73; 2012 Art. 115(3) [unverified article
//! number]; 2019 Art. 111(3); applied to 24 November as to the others \[secondary sources\]).
//! **The public-sector week** is Monday–Saturday before
//! [`FIVE_DAY_WEEK_FROM`] (1999-10-02 \[unverified\]) and Monday–Friday from it (Decision
//! 188/1999/QĐ-TTg); before it only Sundays are compensated.
//!
//! # Official schedules
//! The schedules announced for 2016–2026 ([`official_schedule`]) win over the statute for their
//! year: they add the announced swaps (a working day off, a Saturday worked) that no rule can
//! derive. 2027 is embedded as provisional (computed, not announced). Without an embedded
//! schedule a year is computed from the statute: [`ScheduleStatus::Statutory`] before 2016,
//! [`ScheduleStatus::Provisional`] after the last announced year (DESIGN.md: "years whose
//! official schedule is not yet announced are computed from the statute and marked
//! provisional"). [`VnOptions::official`] `= false` (CLI `--no-official`) uses the statute
//! alone for every year.
//!
//! # When a new schedule is announced
//! Each year's schedule (the Tết days, swaps, make-up Saturdays) is announced late, often weeks
//! ahead. A user adds it without waiting for a release: [`Schedules`] reads a file in the format
//! of the embedded data (`motcua schedule YEAR` prints a year in it, to edit), and a [`Preset`]
//! with those schedules builds the calendar (CLI `--schedules FILE`). A year of the file
//! replaces the embedded or computed year wholly; the other years are unchanged, with or without
//! `official` (the file's years win; the others follow the option). [`Preset::schedule_source`]
//! says where a year came from ([`ScheduleSource`]).
//!
//! # Pending days
//! Arrangements reported without a decision found — in 2026 the swap around Vietnamese Culture
//! Day (Mon 23 Nov off, Sat 28 Nov worked: a proposal in a Government explainer, no approving
//! dispatch found) — are `pending`: always listed by [`holidays`], applied to the calendar only
//! with [`VnOptions::include_pending`] (CLI `--include-pending`). 24 November itself is a
//! statutory holiday from 2026 (Resolution 28/2026/QH16, Art. 2), not pending.
//!
//! ```
//! use motcua::vn;
//! let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
//! let cal = vn::public_sector()?;
//! assert!(!cal.is_working_day(d("2026-02-20"))?); // compensatory day of Tết 2026
//! assert!(cal.is_working_day(d("2026-01-10"))?); // make-up Saturday
//! assert!(cal.is_working_day(d("1998-03-07"))?); // a Saturday of the six-day week
//! assert_eq!(cal.day_name(d("2026-02-17")), Some("Tết Nguyên đán"));
//! assert!(!cal.is_working_day(d("2026-11-24"))?); // Vietnamese Culture Day, from 2026
//! let list = vn::holidays(2026, &vn::VnOptions::default())?;
//! assert_eq!(list[1].kind, vn::HolidayKind::Swapped); // Fri 2 Jan 2026
//! # Ok::<(), motcua::Error>(())
//! ```

pub(crate) mod law;
mod official;
mod preset;
mod schedule;
mod schedules;
mod statute;

pub(crate) use schedules::{strict_json, strict_value, Strict};

#[cfg(test)]
mod tests;

use std::sync::{Arc, OnceLock};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::{CalendarSpec, OfficeHours, SpecDay, Weekmask, WeekmaskChange, WorkCalendar};
use crate::error::{Error, ErrorKind, Result};

pub use law::{
    public_sector_weekmask, LabourLaw, CULTURE_DAY_FROM_YEAR, FIRST_YEAR, FIVE_DAY_WEEK_FROM,
    LAST_YEAR, PRESET_FROM, PRESET_TO,
};
pub use official::{
    official_schedule, official_schedules, Break, Dates, OfficialSchedule, PendingChange,
    SOURCE_NOTE as OFFICIAL_SOURCE_NOTE,
};
pub use schedules::Schedules;

use law::is_weekly_rest;
pub(crate) use schedule::english_name;
use schedule::{build_model, year_entries, Entry, Model, Role};

/// Which variant of the Vietnamese calendar to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VnOptions {
    /// Use the embedded official schedules where they exist (default `true`); `false` = the
    /// statute alone, without announced swaps (CLI `--no-official`).
    pub official: bool,
    /// Apply pending days (the proposed 2026 arrangement around Vietnamese Culture Day) to the
    /// calendar (default `false`; CLI `--include-pending`). [`holidays`] lists them either way.
    pub include_pending: bool,
}

impl Default for VnOptions {
    fn default() -> VnOptions {
        VnOptions::PUBLIC_SECTOR
    }
}

impl VnOptions {
    /// The default: official schedules, pending days not applied.
    pub const PUBLIC_SECTOR: VnOptions = VnOptions {
        official: true,
        include_pending: false,
    };
    /// The statute alone (`--no-official`).
    pub const STATUTORY: VnOptions = VnOptions {
        official: false,
        include_pending: false,
    };
    /// Official schedules with pending days applied (`--include-pending`).
    pub const WITH_PENDING: VnOptions = VnOptions {
        official: true,
        include_pending: true,
    };
}

/// What a year's schedule is: announced, or computed from the statute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScheduleStatus {
    /// An announced public-sector schedule: embedded (2016–2026) or supplied at run time
    /// ([`Schedules`]).
    Official,
    /// Computed from the statute; a past year without an embedded schedule (1995–2015: real
    /// schedules of those years also had swaps, not modelled).
    Statutory,
    /// Computed from the statute; not yet announced (2027 on), so it may change when the
    /// Prime Minister decides the Tết days, the second National Day day and any swap.
    Provisional,
}

impl ScheduleStatus {
    /// Every status, in declaration order (the bindings' type definitions are generated from
    /// it).
    pub const ALL: [ScheduleStatus; 3] = [
        ScheduleStatus::Official,
        ScheduleStatus::Statutory,
        ScheduleStatus::Provisional,
    ];

    /// Stable snake_case name (`"official"`, `"statutory"`, `"provisional"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            ScheduleStatus::Official => "official",
            ScheduleStatus::Statutory => "statutory",
            ScheduleStatus::Provisional => "provisional",
        }
    }
}

/// Where a year's schedule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScheduleSource {
    /// The data embedded in this release (official 2016–2026, provisional 2027).
    Embedded,
    /// A schedules file supplied at run time ([`Schedules`], CLI `--schedules FILE`).
    File,
    /// The statutory computation (no announced schedule, or `official = false`).
    Statute,
}

impl ScheduleSource {
    /// Every source, in declaration order (the bindings' type definitions are generated from
    /// it).
    pub const ALL: [ScheduleSource; 3] = [
        ScheduleSource::Embedded,
        ScheduleSource::File,
        ScheduleSource::Statute,
    ];

    /// Stable snake_case name (`"embedded"`, `"file"`, `"statute"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            ScheduleSource::Embedded => "embedded",
            ScheduleSource::File => "file",
            ScheduleSource::Statute => "statute",
        }
    }
}

/// Where a year's schedule comes from and what it is ([`Preset::schedule_info`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ScheduleInfo {
    /// The year.
    pub year: i32,
    /// Announced (`official`) or computed (`statutory`, `provisional`).
    pub status: ScheduleStatus,
    /// Embedded data, a run-time file, or the statute.
    pub source: ScheduleSource,
}

/// What a listed day is (serialized snake_case): the [`HolidayKind`] of the calendar module,
/// which the preset hands to the compiled calendar with every day it lists, so explanations
/// give each skipped day its class.
pub use crate::calendar::HolidayKind;

/// One named day of a year (CLI `motcua holidays YEAR`:
/// `{"date","name_vi","name_en","kind"}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    /// The date.
    pub date: NaiveDate,
    /// Vietnamese name, e.g. "Tết Nguyên đán", "Nghỉ bù Quốc khánh".
    pub name_vi: String,
    /// English name, e.g. "Lunar New Year", "Compensatory day off for National Day".
    pub name_en: String,
    /// What the day is.
    pub kind: HolidayKind,
}

fn check_year(year: i32) -> Result<()> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::DateOutOfRange,
            format!(
                "year {year} is outside the Vietnamese calendar's range {FIRST_YEAR}..={LAST_YEAR}"
            ),
        ))
    }
}

/// What `year`'s schedule is on the default preset: [`ScheduleStatus::Official`] for an
/// announced schedule (2016–2026), [`ScheduleStatus::Provisional`] for an embedded provisional
/// schedule (2027) or a year after the last announced one, [`ScheduleStatus::Statutory`] for
/// earlier years (1995–2015). A year outside 1995..=2199 is a `date_out_of_range` error. With
/// a schedules file or other options, ask a [`Preset`].
pub fn schedule_status(year: i32) -> Result<ScheduleStatus> {
    Preset::default().schedule_status(year)
}

fn cached<T: Clone>(
    cell: &'static OnceLock<Result<T>>,
    init: impl FnOnce() -> Result<T>,
) -> Result<T> {
    cell.get_or_init(init).clone()
}

/// The model of the embedded data (`official`) or of the statute alone, built once.
fn embedded_model(official: bool) -> Result<&'static Model> {
    static OFFICIAL: OnceLock<Result<Model>> = OnceLock::new();
    static STATUTE: OnceLock<Result<Model>> = OnceLock::new();
    let cell = if official { &OFFICIAL } else { &STATUTE };
    let built =
        cell.get_or_init(|| build_model(|y| if official { official_schedule(y) } else { None }));
    match built {
        Ok(m) => Ok(m),
        Err(e) => Err(e.clone()),
    }
}

/// The kind of a listed day: pending first, then make-up days, then every day off of a
/// provisional year, else by its role. One function for the holiday list and for the classes
/// the preset hands to the calendar (from the model or from the embedded table).
fn kind_of(role: Role, pending: bool, provisional: bool) -> HolidayKind {
    match role {
        _ if pending => HolidayKind::Pending,
        Role::Makeup => HolidayKind::MakeupWorkingDay,
        _ if provisional => HolidayKind::Provisional,
        Role::Holiday => HolidayKind::Statutory,
        Role::Compensatory => HolidayKind::Compensatory,
        Role::Swapped => HolidayKind::Swapped,
    }
}

/// The named days of Gregorian `year` on the preset of `opts`; see [`Preset::holidays`].
/// A year outside 1995..=2199 is a `date_out_of_range` error.
pub fn holidays(year: i32, opts: &VnOptions) -> Result<Vec<Holiday>> {
    Preset::new(*opts).holidays(year)
}

/// The calendar spec of the Vietnamese public sector for `opts`; see [`Preset::spec`].
pub fn spec(opts: &VnOptions) -> Result<CalendarSpec> {
    Preset::new(*opts).spec()
}

/// The spec of `preset` from its model `m`; without the day names unless `named` (the names
/// are built for the calendar only when first asked for: [`CalendarSpec::compile_unnamed`]).
fn spec_of(m: &Model, preset: &Preset, named: bool) -> CalendarSpec {
    let makeup = m.entries.iter().filter(|e| !e.is_day_off()).count();
    let mut holidays = Vec::with_capacity(m.entries.len() - makeup);
    let mut working_days = Vec::with_capacity(makeup);
    let mut provisional = preset.provisional_years();
    for e in &m.entries {
        push_entry(
            e,
            &preset.options,
            named,
            &mut provisional,
            &mut holidays,
            &mut working_days,
        );
    }
    spec_shell(&preset.options, holidays, working_days)
}

/// Files `e` into the days off or the make-up days of a spec (pending only when `opts` asks),
/// with its kind (`provisional` tells the years whose days off are provisional).
fn push_entry(
    e: &Entry,
    opts: &VnOptions,
    named: bool,
    provisional: &mut impl FnMut(i32) -> bool,
    holidays: &mut Vec<SpecDay>,
    working_days: &mut Vec<SpecDay>,
) {
    if e.pending && !opts.include_pending {
        return;
    }
    let day = SpecDay::Classified {
        date: e.date,
        kind: kind_of(e.role, e.pending, provisional(e.date.year())),
        name: named.then(|| e.names().0),
    };
    if e.is_day_off() {
        holidays.push(day);
    } else {
        working_days.push(day);
    }
}

/// The unnamed spec of `preset` from the embedded tables (the same days and kinds as
/// [`spec_of`] without names: the test `preset_tables_match_the_model` checks it), without
/// building the model; the years of its schedules are replaced by theirs.
fn preset_spec(preset: &Preset) -> Result<CalendarSpec> {
    let (opts, schedules) = (&preset.options, &preset.schedules);
    let (mut holidays, mut working_days) = preset::days(opts);
    if !schedules.is_empty() {
        let mut provisional = preset.provisional_years();
        let replaced: Vec<i32> = schedules.years().collect();
        holidays.retain(|d| !replaced.contains(&d.date().year()));
        working_days.retain(|d| !replaced.contains(&d.date().year()));
        for (year, sched) in schedules
            .years()
            .filter_map(|y| Some((y, schedules.get(y)?)))
        {
            for e in year_entries(year, Some(sched))? {
                push_entry(
                    &e,
                    opts,
                    false,
                    &mut provisional,
                    &mut holidays,
                    &mut working_days,
                );
            }
        }
        // Order does not matter to `compile`; the named spec (built from the model) is sorted.
    }
    Ok(spec_shell(opts, holidays, working_days))
}

/// The preset's spec around its days off and make-up days.
fn spec_shell(
    opts: &VnOptions,
    holidays: Vec<SpecDay>,
    working_days: Vec<SpecDay>,
) -> CalendarSpec {
    let mut description = String::from(
        "Vietnamese public sector (Decision 188/1999/QĐ-TTg week; Labour Code holidays; ",
    );
    description.push_str(if opts.official {
        "official schedules 2016–2026, later years provisional"
    } else {
        "statute alone, no announced swaps"
    });
    if opts.include_pending {
        description.push_str("; pending days applied");
    }
    description.push(')');
    CalendarSpec {
        name: Some("vietnam".into()),
        description: Some(description),
        weekmask: Weekmask::MON_SAT,
        weekmask_changes: vec![WeekmaskChange {
            from: FIVE_DAY_WEEK_FROM,
            weekmask: Weekmask::MON_FRI,
        }],
        from: PRESET_FROM,
        to: PRESET_TO,
        holidays,
        closures: Vec::new(),
        working_days,
        office_hours: OfficeHours::standard(),
    }
}

/// Applies the caller's overlay to a preset spec (see [`calendar_with_overlay`]).
fn overlay(s: &mut CalendarSpec, closures: &[SpecDay], working_days: &[SpecDay]) {
    if closures.is_empty() && working_days.is_empty() {
        return;
    }
    // (scans of the overlay's few days: a set type would add its own code to the .wasm)
    #[inline(never)]
    fn in_list(days: &[SpecDay], d: &SpecDay) -> bool {
        days.iter().any(|w| w.date() == d.date())
    }
    s.holidays.retain(|d| !in_list(working_days, d));
    // (a working day the caller names again is the caller's entry: listed once)
    s.working_days
        .retain(|d| !in_list(closures, d) && !in_list(working_days, d));
    s.closures.extend_from_slice(closures);
    s.working_days.extend_from_slice(working_days);
}

/// The compiled calendar for `opts`, built once per combination of options and then shared
/// (cloning a [`WorkCalendar`] is cheap).
pub fn calendar(opts: &VnOptions) -> Result<WorkCalendar> {
    static CALENDARS: [OnceLock<Result<WorkCalendar>>; 4] = [
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
    ];
    let i = usize::from(opts.official) * 2 + usize::from(opts.include_pending);
    match CALENDARS.get(i) {
        Some(cell) => cached(cell, || Preset::new(*opts).compile()),
        None => Preset::new(*opts).compile(),
    }
}

/// The Vietnamese public-sector calendar (official schedules, pending days not applied):
/// `calendar(&VnOptions::default())`. It never fails in practice (its data are constants and a
/// test builds every variant); the `Result` is there because the library never panics.
pub fn public_sector() -> Result<WorkCalendar> {
    calendar(&VnOptions::PUBLIC_SECTOR)
}

/// The calendar for `opts` with the caller's own `closures` (a province's extra day off, a
/// one-off decision) and `working_days` (a one-off make-up day); see [`Preset::with_overlay`].
pub fn calendar_with_overlay(
    opts: &VnOptions,
    closures: &[SpecDay],
    working_days: &[SpecDay],
) -> Result<WorkCalendar> {
    Preset::new(*opts)
        .with_overlay(closures.to_vec(), working_days.to_vec())
        .calendar()
}

/// The Vietnamese public-sector preset as configured: [`VnOptions`], announced schedules
/// supplied at run time ([`Schedules`]) and the caller's overlay (closures, make-up days).
/// Every Vietnamese calendar, holiday list and schedule is built from one.
///
/// ```
/// use motcua::vn::{Preset, Schedules, ScheduleSource, ScheduleStatus, VnOptions};
/// let preset = Preset::new(VnOptions::default());
/// assert_eq!(preset.schedule_source(2026)?, ScheduleSource::Embedded);
/// assert_eq!(preset.schedule_status(2028)?, ScheduleStatus::Provisional);
/// // Start from the computed 2028, edit it, pass it back:
/// let mut y2028 = preset.schedule(2028)?;
/// y2028.status = ScheduleStatus::Official;
/// let mut file = Schedules::new();
/// file.insert(y2028)?;
/// let preset = preset.with_schedules(file);
/// assert_eq!(preset.schedule_source(2028)?, ScheduleSource::File);
/// assert_eq!(preset.schedule_status(2028)?, ScheduleStatus::Official);
/// let cal = preset.calendar()?;
/// assert!(!cal.is_working_day("2028-11-24".parse().unwrap())?);
/// # Ok::<(), motcua::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Preset {
    options: VnOptions,
    schedules: Schedules,
    closures: Vec<SpecDay>,
    working_days: Vec<SpecDay>,
    /// The model with `schedules` applied, built on first use (without schedules the shared
    /// embedded model serves).
    model: OnceLock<Result<Arc<Model>>>,
}

impl Preset {
    /// The preset of `options`, with the embedded data only.
    pub fn new(options: VnOptions) -> Preset {
        Preset {
            options,
            ..Preset::default()
        }
    }

    /// The same preset with `schedules` (a run-time schedules file): each of its years replaces
    /// the embedded or computed year wholly, whatever [`VnOptions::official`] says.
    #[must_use]
    pub fn with_schedules(mut self, schedules: Schedules) -> Preset {
        self.schedules = schedules;
        self.model = OnceLock::new();
        self
    }

    /// The same preset with the caller's own `closures` (a province's extra day off, a one-off
    /// decision) and `working_days` (a one-off make-up day). The overlay wins over the preset:
    /// a preset day off listed in `working_days` is worked, a preset make-up day listed in
    /// `closures` is off. A date in both overlay lists, or outside 1995..=2199, is an
    /// `invalid_spec` error (from [`calendar`](Preset::calendar)) naming it.
    #[must_use]
    pub fn with_overlay(mut self, closures: Vec<SpecDay>, working_days: Vec<SpecDay>) -> Preset {
        self.closures = closures;
        self.working_days = working_days;
        self
    }

    /// The options.
    pub fn options(&self) -> &VnOptions {
        &self.options
    }

    /// The run-time schedules (empty by default).
    pub fn schedules(&self) -> &Schedules {
        &self.schedules
    }

    /// The schedule a year is taken from: the run-time file's, else the embedded one when
    /// official schedules are wanted.
    fn schedule_of(&self, year: i32) -> Option<&OfficialSchedule> {
        self.schedules.get(year).or(if self.options.official {
            official_schedule(year)
        } else {
            None
        })
    }

    fn model(&self) -> Result<&Model> {
        if self.schedules.is_empty() {
            return embedded_model(self.options.official);
        }
        match self
            .model
            .get_or_init(|| build_model(|y| self.schedule_of(y)).map(Arc::new))
        {
            Ok(m) => Ok(m),
            Err(e) => Err(e.clone()),
        }
    }

    /// Where `year`'s schedule comes from. A year outside 1995..=2199 is a `date_out_of_range`
    /// error.
    pub fn schedule_source(&self, year: i32) -> Result<ScheduleSource> {
        Ok(self.schedule_info(year)?.source)
    }

    /// What `year`'s schedule is: the status of a schedule (run-time or embedded) when there is
    /// one; otherwise computed from the statute — [`ScheduleStatus::Provisional`] after the last
    /// announced embedded year (2026) when official schedules are wanted,
    /// [`ScheduleStatus::Statutory`] otherwise. A year outside 1995..=2199 is a
    /// `date_out_of_range` error.
    pub fn schedule_status(&self, year: i32) -> Result<ScheduleStatus> {
        Ok(self.schedule_info(year)?.status)
    }

    /// [`schedule_status`](Preset::schedule_status) and
    /// [`schedule_source`](Preset::schedule_source) of `year` together.
    pub fn schedule_info(&self, year: i32) -> Result<ScheduleInfo> {
        check_year(year)?;
        let (status, source) = if let Some(s) = self.schedules.get(year) {
            (s.status, ScheduleSource::File)
        } else if let Some(s) = self.schedule_of(year) {
            (s.status, ScheduleSource::Embedded)
        } else {
            let status = match official::last_official_year() {
                Some(last) if self.options.official && year > last => ScheduleStatus::Provisional,
                _ => ScheduleStatus::Statutory,
            };
            (status, ScheduleSource::Statute)
        };
        Ok(ScheduleInfo {
            year,
            status,
            source,
        })
    }

    /// Tells, year by year, whether a year's days off are provisional (asked once a year: the
    /// days come in date order).
    fn provisional_years(&self) -> impl FnMut(i32) -> bool + '_ {
        let mut memo = (i32::MIN, false);
        move |year| {
            if memo.0 != year {
                let status = self.schedule_status(year);
                memo = (year, status.is_ok_and(|s| s == ScheduleStatus::Provisional));
            }
            memo.1
        }
    }

    /// The named days of Gregorian `year`, in date order:
    ///
    /// - every statutory holiday day, even on a weekly rest day (`statutory`);
    /// - compensatory days off (`compensatory`) and swapped days off (`swapped`);
    /// - make-up working days (`makeup_working_day`);
    /// - pending days (`pending`), whether or not [`VnOptions::include_pending`] applies them
    ///   (it changes the calendar, not this list);
    /// - in a provisional year, every day off is `provisional` instead (statutory and
    ///   compensatory alike).
    ///
    /// For a year with a schedule, a day off the statute computes as a holiday day is
    /// `statutory`, one it computes as compensatory is `compensatory`, any other is `swapped`.
    /// The Tết days are those of the statute (two days before mùng 1 and mùng 1–3; see
    /// [`LabourLaw`]), so in 2026 Sun 15 – Thu 19 Feb are `statutory` and Fri 20 Feb
    /// `compensatory` (the notice calls Mon 16 – Fri 20 "29 Chạp to mùng 4": the same days
    /// off). With `official = false` every year without a run-time schedule is computed from
    /// the statute and labelled `statutory`/`compensatory`. The overlay is not listed.
    ///
    /// A year outside 1995..=2199 is a `date_out_of_range` error.
    pub fn holidays(&self, year: i32) -> Result<Vec<Holiday>> {
        let provisional = self.schedule_status(year)? == ScheduleStatus::Provisional;
        let (first, last) = year_bounds(year)?;
        Ok(self
            .model()?
            .range(first, last)
            .iter()
            .map(|e| {
                let (name_vi, name_en) = e.names();
                Holiday {
                    date: e.date,
                    name_vi,
                    name_en,
                    kind: kind_of(e.role, e.pending, provisional),
                }
            })
            .collect())
    }

    /// `year` in the schedules-file format ([`Schedules`], `motcua schedule YEAR`), to edit and
    /// pass back: the run-time or embedded schedule as it is, or the year computed from the
    /// statute (every weekday off, the make-up days, the breaks around its holidays; status
    /// `provisional` or `statutory`, `verified` false). Passed back unchanged it gives the same
    /// calendar.
    pub fn schedule(&self, year: i32) -> Result<OfficialSchedule> {
        let info = self.schedule_info(year)?;
        if let Some(s) = self.schedule_of(year) {
            let mut s = s.clone();
            s.year = year;
            return Ok(s);
        }
        let (first, last) = year_bounds(year)?;
        let m = self.model()?;
        let in_year = || m.range(first, last).iter();
        let days_off: Vec<NaiveDate> = in_year()
            .filter(|e| e.is_day_off() && !e.pending && !is_weekly_rest(e.date))
            .map(|e| e.date)
            .collect();
        let makeup: Vec<NaiveDate> = in_year()
            .filter(|e| !e.is_day_off() && !e.pending)
            .map(|e| e.date)
            .collect();
        Ok(OfficialSchedule {
            year,
            status: info.status,
            days_off: days_off.into(),
            makeup_working_days: makeup.into(),
            breaks: computed_breaks(m, year).into(),
            documents: Vec::new().into(),
            verified: false,
            notes: {
                let law = LabourLaw::in_force_on(last);
                // (Not "no announced schedule": years before the embedded ones had swaps.)
                let announced = official_schedules()
                    .iter()
                    .filter(|s| s.status == ScheduleStatus::Official)
                    .map(|s| s.year);
                let (first, last) = (announced.clone().min(), announced.max());
                format!(
                    "Computed from the statute ({}), without an announced schedule for this year \
                     (the embedded ones cover {}–{}): a swap or extra day off announced for it \
                     is not applied (add the year with a schedules file). The Prime Minister \
                     decides each year the Tết days{} and any swap.",
                    law.map_or("", LabourLaw::holiday_article),
                    first.unwrap_or_default(),
                    last.unwrap_or_default(),
                    if law.is_some_and(|l| l.national_day_days() > 1) {
                        ", the second National Day day"
                    } else {
                        ""
                    }
                )
                .into()
            },
            pending: None,
        })
    }

    /// [`schedule`](Preset::schedule) of `year` as the JSON text (one line) of a schedules file
    /// holding that year alone: what `motcua schedule YEAR` prints.
    pub fn schedule_json(&self, year: i32) -> Result<String> {
        Ok(schedules::year_file_json(&self.schedule(year)?))
    }

    /// The calendar spec: range 1995-01-01..=2199-12-31, weekmask Monday–Saturday changing to
    /// Monday–Friday on [`FIVE_DAY_WEEK_FROM`], standard office hours (07:30–11:30,
    /// 13:00–17:00), every day off in `holidays` and every make-up day in `working_days`, each
    /// named in Vietnamese (so explanations can say "Tết Nguyên đán") and classified
    /// ([`HolidayKind`], as [`holidays`](Preset::holidays) lists them). Statutory holiday days
    /// on a weekly rest day are listed as holidays too (their [`DayKind`](crate::DayKind) is
    /// `holiday`, not `weekly_rest`). The overlay's days are in `closures` / `working_days`.
    pub fn spec(&self) -> Result<CalendarSpec> {
        let mut s = spec_of(self.model()?, self, true);
        overlay(&mut s, &self.closures, &self.working_days);
        Ok(s)
    }

    /// The compiled calendar. Without run-time schedules or overlay it is shared (built once
    /// per combination of options, as [`calendar`](fn@calendar)); otherwise compiled here.
    pub fn calendar(&self) -> Result<WorkCalendar> {
        if self.schedules.is_empty() && self.closures.is_empty() && self.working_days.is_empty() {
            return calendar(&self.options);
        }
        self.compile()
    }

    /// Compiles the preset. The tables do not depend on the day names, so the spec is compiled
    /// without them and the named spec (what [`spec`](Preset::spec) gives) is built only if the
    /// calendar is asked for its spec or a day's name.
    fn compile(&self) -> Result<WorkCalendar> {
        let mut s = preset_spec(self)?;
        overlay(&mut s, &self.closures, &self.working_days);
        let this = Preset {
            model: OnceLock::new(),
            ..self.clone()
        };
        s.compile_unnamed(Box::new(move || {
            // The model is built here, on the first request for a name, not before. It cannot
            // fail in practice (constants and a validated file); if it did, the calendar would
            // stay without names rather than answer wrongly.
            match this.spec() {
                Ok(s) => s,
                Err(_) => {
                    let mut s = preset_spec(&this)
                        .unwrap_or_else(|_| spec_shell(&this.options, Vec::new(), Vec::new()));
                    overlay(&mut s, &this.closures, &this.working_days);
                    s
                }
            }
        }))
    }
}

fn year_bounds(year: i32) -> Result<(NaiveDate, NaiveDate)> {
    check_year(year)?;
    match (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) {
        (Some(first), Some(last)) => Ok((first, last)),
        _ => Err(Error::new(
            ErrorKind::DateOutOfRange,
            format!("year {year} is not representable"),
        )),
    }
}

/// The breaks of a computed `year`: each run of consecutive days off (weekly rest days
/// included) holding a holiday day of `year`, named after its holidays. A New Year break may
/// start in late December of the year before.
fn computed_breaks(m: &Model, year: i32) -> Vec<Break> {
    let off = |d: NaiveDate| {
        m.get(d)
            .map_or(is_weekly_rest(d), |e| e.is_day_off() && !e.pending)
    };
    let mut out: Vec<Break> = Vec::new();
    let holidays = m
        .entries
        .iter()
        .filter(|e| e.date.year() == year && e.role == Role::Holiday && !e.pending);
    for e in holidays {
        if out.iter().any(|b| b.from <= e.date && e.date <= b.to) {
            continue;
        }
        let (mut from, mut to) = (e.date, e.date);
        while let Some(p) = from.pred_opt().filter(|p| off(*p)) {
            from = p;
        }
        while let Some(n) = to.succ_opt().filter(|n| off(*n)) {
            to = n;
        }
        let mut names: Vec<&'static str> = Vec::new();
        for x in m.range(from, to) {
            if let (Role::Holiday, Some(f)) = (x.role, x.feast) {
                if !names.contains(&f.name_vi()) {
                    names.push(f.name_vi());
                }
            }
        }
        out.push(Break::new(names.join(" + "), from, to));
    }
    out
}
