//! Vietnam: the statutory public holidays by the law in force each year, compensatory days,
//! the embedded official annual schedules, and the public-sector calendar preset
//! ([`public_sector`]), 1995-01-01 ..= 2199-12-31. Sources: `reference/holidays.md` and
//! `reference/vn-official-schedules.json`.
//!
//! # Rules per period ([`LabourLaw`])
//! | in force | statute | holidays |
//! |---|---|---|
//! | 1995-01-01 – 2007-04-01 | Labour Code 1994, Art. 73 | 1 Jan; Tết 4 days (last day of the lunar year + mùng 1–3); 30 Apr; 1 May; 2 Sep |
//! | 2007-04-02 – 2013-04-30 | Art. 73 as amended by Law 84/2007/QH11 | + Hùng Kings' day (10th day of the 3rd lunar month) |
//! | 2013-05-01 – 2020-12-31 | Labour Code 2012, Art. 115 | Tết 5 days (two days before mùng 1 + mùng 1–3) |
//! | from 2021-01-01 | Labour Code 2019, Art. 112 | + a second National Day day: 3 Sep when 2 Sep is a Monday or Thursday, else 1 Sep |
//!
//! Each holiday day follows the law in force on it; Tết follows the law in force on mùng 1, so
//! Tết 2013 (10 Feb, before the 2012 Code took effect) has 4 days, and Hùng Kings' day 2007
//! (26 Apr, after Law 84/2007/QH11) is a holiday. **Compensatory days** (*nghỉ bù*): each
//! holiday day on a weekly rest day gives one day off on the first working day after the break
//! containing it, in date order (Labour Code 1994 Art. 73; 2012 Art. 115(3) [unverified article
//! number]; 2019 Art. 111(3)). **The public-sector week** is Monday–Saturday before
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
//! # Pending days
//! Vietnamese Culture Day (24 Nov, from 2026; Politburo Resolution 80-NQ/TW, no enacted law
//! \[unverified\]) and the reported 2026 arrangement (Mon 23 Nov swapped, Sat 28 Nov worked:
//! a proposal as relayed, unconfirmed) are `pending`: always listed by [`holidays`], applied to
//! the calendar only with [`VnOptions::include_pending`] (CLI `--include-pending`). Without an
//! announced arrangement, a pending 24 Nov on a weekend would be compensated by the statutory
//! rule (the compensatory day is pending too).
//!
//! ```
//! use motcua::vn;
//! let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
//! let cal = vn::public_sector()?;
//! assert!(!cal.is_working_day(d("2026-02-20"))?); // compensatory day of Tết 2026
//! assert!(cal.is_working_day(d("2026-01-10"))?); // make-up Saturday
//! assert!(cal.is_working_day(d("1998-03-07"))?); // a Saturday of the six-day week
//! assert_eq!(cal.day_name(d("2026-02-17")), Some("Tết Nguyên đán"));
//! let list = vn::holidays(2026, &vn::VnOptions::default())?;
//! assert_eq!(list[1].kind, vn::HolidayKind::Swapped); // Fri 2 Jan 2026
//! # Ok::<(), motcua::Error>(())
//! ```

mod law;
mod official;
mod preset;
mod schedule;
mod statute;

#[cfg(test)]
mod tests;

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::{CalendarSpec, OfficeHours, SpecDay, Weekmask, WeekmaskChange, WorkCalendar};
use crate::error::{Error, ErrorKind, Result};

pub use law::{
    public_sector_weekmask, LabourLaw, CULTURE_DAY_FROM_YEAR, FIRST_YEAR, FIVE_DAY_WEEK_FROM,
    LAST_YEAR, PRESET_FROM, PRESET_TO,
};
pub use official::{
    official_schedule, official_schedules, Break, OfficialSchedule, PendingChange,
    SOURCE_NOTE as OFFICIAL_SOURCE_NOTE,
};

use schedule::{build_model, Model, Role};

/// Which variant of the Vietnamese calendar to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VnOptions {
    /// Use the embedded official schedules where they exist (default `true`); `false` = the
    /// statute alone, without announced swaps (CLI `--no-official`).
    pub official: bool,
    /// Apply pending days (Vietnamese Culture Day from 2026 and the proposed 2026 arrangement)
    /// to the calendar (default `false`; CLI `--include-pending`). [`holidays`] lists them
    /// either way.
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

/// Where a year's days off come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScheduleStatus {
    /// An announced public-sector schedule is embedded (2016–2026).
    Official,
    /// Computed from the statute; a past year without an embedded schedule (1995–2015: real
    /// schedules of those years also had swaps, not modelled).
    Statutory,
    /// Computed from the statute; not yet announced (2027 on), so it may change when the
    /// Prime Minister decides the Tết days, the second National Day day and any swap.
    Provisional,
}

impl ScheduleStatus {
    /// Stable snake_case name (`"official"`, `"statutory"`, `"provisional"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            ScheduleStatus::Official => "official",
            ScheduleStatus::Statutory => "statutory",
            ScheduleStatus::Provisional => "provisional",
        }
    }
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

/// Where `year`'s days off come from: [`ScheduleStatus::Official`] for an announced schedule
/// (2016–2026), [`ScheduleStatus::Provisional`] for an embedded provisional schedule (2027) or
/// a year after the last announced one, [`ScheduleStatus::Statutory`] for earlier years
/// (1995–2015). A year outside 1995..=2199 is a `date_out_of_range` error.
pub fn schedule_status(year: i32) -> Result<ScheduleStatus> {
    check_year(year)?;
    if let Some(s) = official_schedule(year) {
        return Ok(s.status);
    }
    Ok(match official::last_official_year() {
        Some(last) if year > last => ScheduleStatus::Provisional,
        _ => ScheduleStatus::Statutory,
    })
}

fn cached<T: Clone>(
    cell: &'static OnceLock<Result<T>>,
    init: impl FnOnce() -> Result<T>,
) -> Result<T> {
    cell.get_or_init(init).clone()
}

fn model(official: bool) -> Result<&'static Model> {
    static OFFICIAL: OnceLock<Result<Model>> = OnceLock::new();
    static STATUTE: OnceLock<Result<Model>> = OnceLock::new();
    let cell = if official { &OFFICIAL } else { &STATUTE };
    match cell.get_or_init(|| build_model(official)) {
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

/// Whether the days off of `year` are labelled `provisional` under `opts`: official schedules
/// wanted and the year not announced.
fn provisional_year(year: i32, opts: &VnOptions) -> bool {
    opts.official && schedule_status(year).is_ok_and(|s| s == ScheduleStatus::Provisional)
}

/// The named days of Gregorian `year`, in date order:
///
/// - every statutory holiday day, even on a weekly rest day (`statutory`);
/// - compensatory days off (`compensatory`) and swapped days off (`swapped`);
/// - make-up working days (`makeup_working_day`);
/// - pending days (`pending`), whether or not `opts.include_pending` applies them (it changes
///   the calendar, not this list);
/// - in a provisional year (with `opts.official`), every day off is `provisional` instead
///   (statutory and compensatory alike).
///
/// For an official year, an announced day off the statute computes as a holiday day is
/// `statutory`, one it computes as compensatory is `compensatory`, any other is `swapped`. The
/// Tết days are those of the statute (two days before mùng 1 and mùng 1–3; see [`LabourLaw`]),
/// so in 2026 Sun 15 – Thu 19 Feb are `statutory` and Fri 20 Feb `compensatory` (the notice
/// calls Mon 16 – Fri 20 "29 Chạp to mùng 4": the same days off). With `opts.official = false`
/// every year is computed from the statute and labelled `statutory`/`compensatory`.
///
/// A year outside 1995..=2199 is a `date_out_of_range` error.
pub fn holidays(year: i32, opts: &VnOptions) -> Result<Vec<Holiday>> {
    check_year(year)?;
    let provisional = provisional_year(year, opts);
    let (Some(first), Some(last)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return Err(Error::new(
            ErrorKind::DateOutOfRange,
            format!("year {year} is not representable"),
        ));
    };
    let m = model(opts.official)?;
    Ok(m.entries
        .range(first..=last)
        .map(|(_, e)| {
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

/// The calendar spec of the Vietnamese public sector for `opts`: range 1995-01-01..=2199-12-31,
/// weekmask Monday–Saturday changing to Monday–Friday on [`FIVE_DAY_WEEK_FROM`], standard office
/// hours (07:30–11:30, 13:00–17:00), every day off in `holidays` and every make-up day in
/// `working_days`, each named in Vietnamese (so explanations can say "Tết Nguyên đán") and
/// classified ([`HolidayKind`]: statutory, compensatory, swapped, provisional, pending,
/// make-up working day), as [`holidays`] lists them.
/// Statutory holiday days on a weekly rest day are listed as holidays too (their
/// [`DayKind`](crate::DayKind) is `holiday`, not `weekly_rest`). `closures` is left empty for
/// the caller's overlay: push into `closures` / `working_days` and
/// [`compile`](CalendarSpec::compile), or use [`calendar_with_overlay`].
pub fn spec(opts: &VnOptions) -> Result<CalendarSpec> {
    Ok(spec_of(model(opts.official)?, opts, true))
}

/// The spec of `opts` from its model; without the day names unless `named` (the names are
/// built for the calendar only when first asked for: [`CalendarSpec::compile_unnamed`]).
fn spec_of(m: &Model, opts: &VnOptions, named: bool) -> CalendarSpec {
    let makeup = m.entries.values().filter(|e| !e.is_day_off()).count();
    let mut holidays = Vec::with_capacity(m.entries.len() - makeup);
    let mut working_days = Vec::with_capacity(makeup);
    for e in m.entries.values() {
        if e.pending && !opts.include_pending {
            continue;
        }
        let day = SpecDay::Classified {
            date: e.date,
            kind: kind_of(e.role, e.pending, provisional_year(e.date.year(), opts)),
            name: named.then(|| e.names().0),
        };
        if e.is_day_off() {
            holidays.push(day);
        } else {
            working_days.push(day);
        }
    }
    spec_shell(opts, holidays, working_days)
}

/// The unnamed spec of `opts` from the embedded tables (the same days as [`spec_of`] without
/// names: the test `preset_tables_match_the_model` checks it), without building the model.
fn preset_spec(opts: &VnOptions) -> CalendarSpec {
    let (holidays, working_days) = preset::days(opts);
    spec_shell(opts, holidays, working_days)
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
    let work: std::collections::BTreeSet<NaiveDate> =
        working_days.iter().map(SpecDay::date).collect();
    let closed: std::collections::BTreeSet<NaiveDate> =
        closures.iter().map(SpecDay::date).collect();
    s.holidays.retain(|d| !work.contains(&d.date()));
    s.working_days.retain(|d| !closed.contains(&d.date()));
    s.closures.extend_from_slice(closures);
    s.working_days.extend_from_slice(working_days);
}

/// Compiles the preset of `opts` with an overlay. The tables do not depend on the day names,
/// so the spec is compiled without them and the named spec (what [`spec`] gives, with the
/// overlay) is built only if the calendar is asked for its spec or a day's name.
fn compile(
    opts: &VnOptions,
    closures: &[SpecDay],
    working_days: &[SpecDay],
) -> Result<WorkCalendar> {
    let mut s = preset_spec(opts);
    overlay(&mut s, closures, working_days);
    let (opts, closures, working_days) = (*opts, closures.to_vec(), working_days.to_vec());
    s.compile_unnamed(Box::new(move || {
        // The model is built here, on the first request for a name, not before. It cannot
        // fail in practice (constants; every variant is built by the tests); if it did, the
        // calendar would stay without names rather than answer wrongly.
        let mut s = match model(opts.official) {
            Ok(m) => spec_of(m, &opts, true),
            Err(_) => preset_spec(&opts),
        };
        overlay(&mut s, &closures, &working_days);
        s
    }))
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
        Some(cell) => cached(cell, || compile(opts, &[], &[])),
        None => compile(opts, &[], &[]),
    }
}

/// The Vietnamese public-sector calendar (official schedules, pending days not applied):
/// `calendar(&VnOptions::default())`. It never fails in practice (its data are constants and a
/// test builds every variant); the `Result` is there because the library never panics.
pub fn public_sector() -> Result<WorkCalendar> {
    calendar(&VnOptions::PUBLIC_SECTOR)
}

/// The calendar for `opts` with the caller's own `closures` (a province's extra day off, a
/// one-off decision) and `working_days` (a one-off make-up day). The overlay wins over the
/// preset: a preset day off listed in `working_days` is worked, a preset make-up day listed in
/// `closures` is off. A date in both overlay lists, or outside 1995..=2199, is an
/// `invalid_spec` error naming it.
pub fn calendar_with_overlay(
    opts: &VnOptions,
    closures: &[SpecDay],
    working_days: &[SpecDay],
) -> Result<WorkCalendar> {
    compile(opts, closures, working_days)
}
