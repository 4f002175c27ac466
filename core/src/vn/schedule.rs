//! The merged day-by-day model of the Vietnamese public-sector calendar: for every year of the
//! preset, the statutory computation ([`super::statute`]), replaced by a schedule supplied at
//! run time ([`super::Schedules`]) or the embedded one ([`super::official`]) where one exists
//! and official schedules are wanted, plus the pending days of that schedule (for 2026, the
//! proposed swap around Vietnamese Culture Day), flagged.

use chrono::{Datelike, NaiveDate};

use super::law::{is_weekly_rest, Feast, FIRST_YEAR, LAST_YEAR};
use super::official::OfficialSchedule;
use super::statute::{holiday_days, statute_year, StatuteDay};
use crate::error::Result;

/// What a named day is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Role {
    /// A statutory holiday day (weekly rest days included).
    Holiday,
    /// A compensatory day off (*nghỉ bù*) for a holiday day on a weekly rest day.
    Compensatory,
    /// A working day turned into a day off by an announced swap (*hoán đổi*).
    Swapped,
    /// A weekly rest day worked (*làm bù*).
    Makeup,
}

/// One named day of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The date.
    pub date: NaiveDate,
    /// What it is.
    pub role: Role,
    /// The holiday it is, compensates, or whose break it joins (swaps).
    pub feast: Option<Feast>,
    /// Whether it comes from an unconfirmed change (applied only on request).
    pub pending: bool,
    /// For a make-up day: the swapped day it makes up for (the nearest one, within 31 days).
    pub pair: Option<NaiveDate>,
}

impl Entry {
    fn new(date: NaiveDate, role: Role, feast: Option<Feast>, pending: bool) -> Entry {
        Entry {
            date,
            role,
            feast,
            pending,
            pair: None,
        }
    }

    fn from_statute(s: &StatuteDay, pending: bool) -> Entry {
        let role = if s.compensatory {
            Role::Compensatory
        } else {
            Role::Holiday
        };
        Entry::new(s.date, role, Some(s.feast), pending)
    }

    /// Whether the day is off (everything but a make-up day).
    pub(crate) fn is_day_off(&self) -> bool {
        self.role != Role::Makeup
    }

    /// Vietnamese and English names.
    pub(crate) fn names(&self) -> (String, String) {
        match (self.role, self.feast) {
            (Role::Holiday, Some(f)) => (f.name_vi().into(), f.name_en().into()),
            (Role::Holiday, None) => ("Ngày lễ".into(), "Public holiday".into()),
            (Role::Compensatory, Some(f)) => (
                format!("Nghỉ bù {}", f.name_vi()),
                format!("Compensatory day off for {}", f.name_en()),
            ),
            (Role::Compensatory, None) => ("Nghỉ bù".into(), "Compensatory day off".into()),
            (Role::Swapped, Some(f)) => (
                format!("Nghỉ hoán đổi dịp {}", f.name_vi()),
                format!("Swapped day off ({} break)", f.name_en()),
            ),
            (Role::Swapped, None) => ("Nghỉ hoán đổi".into(), "Swapped day off".into()),
            (Role::Makeup, _) => match self.pair {
                Some(p) => (
                    format!(
                        "Làm bù cho ngày {:02}/{:02}/{}",
                        p.day(),
                        p.month(),
                        p.year()
                    ),
                    format!("Make-up working day for {p}"),
                ),
                None => ("Làm bù".into(), "Make-up working day".into()),
            },
        }
    }
}

/// The English name of a day the preset names in Vietnamese: [`Entry::names`] read backwards,
/// for English explanations (a compiled calendar keeps one name a day, the Vietnamese one).
/// `None` for a name the preset does not give (a user's closure or holiday).
pub(crate) fn english_name(vi: &str) -> Option<String> {
    let feast = |s: &str| Feast::ALL.into_iter().find(|f| f.name_vi() == s);
    let en = match vi {
        "Ngày lễ" => "Public holiday",
        "Nghỉ bù" => "Compensatory day off",
        "Nghỉ hoán đổi" => "Swapped day off",
        "Làm bù" => "Make-up working day",
        _ => {
            if let Some(f) = feast(vi) {
                return Some(f.name_en().into());
            }
            if let Some(f) = vi.strip_prefix("Nghỉ bù ").and_then(feast) {
                return Some(format!("Compensatory day off for {}", f.name_en()));
            }
            if let Some(f) = vi.strip_prefix("Nghỉ hoán đổi dịp ").and_then(feast) {
                return Some(format!("Swapped day off ({} break)", f.name_en()));
            }
            let day = vi.strip_prefix("Làm bù cho ngày ")?;
            let mut parts = day.split('/').map(|p| p.parse::<u32>().ok());
            let (Some(Some(d)), Some(Some(m)), Some(Some(y)), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return None;
            };
            let p = NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)?;
            return Some(format!("Make-up working day for {p}"));
        }
    };
    Some(en.into())
}

/// Every named day of the preset, by date.
#[derive(Debug)]
pub(crate) struct Model {
    /// The entries, one per date, in date order (a sorted `Vec`: built once, then looked up by
    /// date and by range; smaller in the WebAssembly build than a map).
    pub entries: Vec<Entry>,
}

impl Model {
    /// The entries from `from` to `to`, both included.
    pub(crate) fn range(&self, from: NaiveDate, to: NaiveDate) -> &[Entry] {
        let a = self.entries.partition_point(|e| e.date < from);
        let b = self.entries.partition_point(|e| e.date <= to);
        self.entries.get(a..b.max(a)).unwrap_or(&[])
    }

    /// The entry of day `d`, if any.
    pub(crate) fn get(&self, d: NaiveDate) -> Option<&Entry> {
        self.range(d, d).first()
    }
}

/// Adds `e` to the date-ordered `entries` unless its date is there already (the first wins).
fn put_first(entries: &mut Vec<Entry>, e: Entry) {
    if let Err(i) = entries.binary_search_by_key(&e.date, |x| x.date) {
        entries.insert(i, e);
    }
}

/// Builds the model: each year from the schedule `schedule_of(year)` gives (a run-time file's
/// or the embedded one), or from the statute when it gives none.
pub(crate) fn build_model<'s>(
    schedule_of: impl Fn(i32) -> Option<&'s OfficialSchedule>,
) -> Result<Model> {
    let mut entries = Vec::new();
    for year in FIRST_YEAR..=LAST_YEAR {
        for e in year_entries(year, schedule_of(year))? {
            put_first(&mut entries, e);
        }
    }
    pair_makeup_days(&mut entries);
    Ok(Model { entries })
}

/// Holiday days of `year` and its neighbours (inside the preset), to name swaps after the
/// nearest holiday.
fn anchors(year: i32) -> Result<Vec<(NaiveDate, Feast)>> {
    let mut out = Vec::new();
    for y in (year - 1).max(FIRST_YEAR)..=(year + 1).min(LAST_YEAR) {
        out.extend(holiday_days(y)?);
    }
    Ok(out)
}

/// The holiday nearest to `date` (at most 7 days away; ties go to the earlier one): the break a
/// swapped day joins.
fn nearest_feast(date: NaiveDate, anchors: &[(NaiveDate, Feast)]) -> Option<Feast> {
    anchors
        .iter()
        .map(|&(d, f)| ((d - date).num_days().abs(), d, f))
        .filter(|(dist, _, _)| *dist <= 7)
        .min_by_key(|&(dist, d, _)| (dist, d))
        .map(|(_, _, f)| f)
}

/// Classifies the days of an announced schedule against the statute.
///
/// - A statutory holiday day (from `holidays`) is listed when it is a weekly rest day or an
///   announced day off, and not an announced make-up day (the announcement wins).
/// - An announced day off that the statute computes as compensatory is compensatory; any other
///   announced day off is swapped (*hoán đổi*: approved case by case by the Prime Minister in a
///   Government Office dispatch, it cannot be derived from the statute), named after the
///   nearest holiday.
/// - Announced make-up days are make-up days.
fn classify_announced(
    days_off: &[NaiveDate],
    makeup: &[NaiveDate],
    holidays: &[StatuteDay],
    statute: &[StatuteDay],
    anchors: &[(NaiveDate, Feast)],
    pending: bool,
) -> Vec<Entry> {
    // (a year's few days, scanned: a set type would add its own code to the .wasm)
    let (off, work) = (days_off, makeup);
    let mut out: Vec<Entry> = Vec::new();
    for s in holidays.iter().filter(|s| !s.compensatory) {
        if (is_weekly_rest(s.date) || off.contains(&s.date)) && !work.contains(&s.date) {
            put_first(&mut out, Entry::from_statute(s, pending));
        }
    }
    for &d in off {
        if out.binary_search_by_key(&d, |x| x.date).is_ok() {
            continue;
        }
        let e = match statute.iter().find(|s| s.date == d && s.compensatory) {
            Some(s) => Entry::from_statute(s, pending),
            None => match chosen_national_day(d, holidays, off) {
                Some(s) => Entry::from_statute(&StatuteDay { date: d, ..*s }, pending),
                None => Entry::new(d, Role::Swapped, nearest_feast(d, anchors), pending),
            },
        };
        put_first(&mut out, e);
    }
    for &d in work {
        put_first(&mut out, Entry::new(d, Role::Makeup, None, pending));
    }
    out
}

/// The statute's second National Day day when the schedule gives `d`, the other day next to
/// 2 September, instead of it: Labour Code 2019 Art. 112(1)(đ) gives "2 September and one day
/// before or after it", the Prime Minister choosing which each year (Art. 112(3)), so the
/// announced day is the holiday, not a swap (the statute's pick is only the usual pattern).
fn chosen_national_day<'a>(
    d: NaiveDate,
    holidays: &'a [StatuteDay],
    off: &[NaiveDate],
) -> Option<&'a StatuteDay> {
    let sep2 = NaiveDate::from_ymd_opt(d.year(), 9, 2)?;
    if (d - sep2).num_days().abs() != 1 {
        return None;
    }
    let other = sep2 + (sep2 - d);
    holidays.iter().find(|s| {
        s.date == other && !s.compensatory && s.feast == Feast::NationalDay && !off.contains(&other)
    })
}

/// The named days of Gregorian `year`: from `sched` when given (its days off and make-up days,
/// classified against the statute; its pending days flagged), else from the statute.
pub(crate) fn year_entries(year: i32, sched: Option<&OfficialSchedule>) -> Result<Vec<Entry>> {
    let base = statute_year(year)?;
    let Some(s) = sched else {
        return Ok(base.iter().map(|s| Entry::from_statute(s, false)).collect());
    };
    let anchors = anchors(year)?;
    let mut out = classify_announced(
        &s.days_off,
        &s.makeup_working_days,
        &base,
        &base,
        &anchors,
        false,
    );
    if let Some(p) = &s.pending {
        out.extend(classify_announced(
            &p.days_off,
            &p.makeup_working_days,
            &[],
            &base,
            &anchors,
            true,
        ));
    }
    Ok(out)
}

/// Links each make-up day to the nearest swapped day of the same pendingness (within 31 days;
/// ties go to the earlier one), for its name.
fn pair_makeup_days(entries: &mut [Entry]) {
    let swapped: Vec<(NaiveDate, bool)> = entries
        .iter()
        .filter(|e| e.role == Role::Swapped)
        .map(|e| (e.date, e.pending))
        .collect();
    for e in entries.iter_mut().filter(|e| e.role == Role::Makeup) {
        e.pair = swapped
            .iter()
            .filter(|(_, p)| *p == e.pending)
            .map(|&(d, _)| ((d - e.date).num_days().abs(), d))
            .filter(|(dist, _)| *dist <= 31)
            .min()
            .map(|(_, d)| d);
    }
}
