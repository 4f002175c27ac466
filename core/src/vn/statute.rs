//! The statutory computation of a year's days off, from the Labour Code in force on each day
//! alone (no announced swaps): the holiday days themselves and the compensatory days
//! (*nghỉ bù*) for those on a weekly rest day. Each function below cites its article.

use chrono::{Days, NaiveDate};

use super::law::{is_weekly_rest, second_national_day, tet_days_before_new_year, Feast, LabourLaw};
use crate::error::{Error, ErrorKind, Result};

/// A day off by the statute: a holiday day or a compensatory day for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StatuteDay {
    /// The date.
    pub date: NaiveDate,
    /// The holiday it is (or compensates).
    pub feast: Feast,
    /// `true` for a compensatory day, `false` for a holiday day.
    pub compensatory: bool,
}

fn date(year: i32, month: u32, day: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        Error::new(
            ErrorKind::DateOutOfRange,
            format!("{year}-{month:02}-{day:02} is not a representable date"),
        )
    })
}

pub(crate) fn law_on(d: NaiveDate) -> Result<LabourLaw> {
    LabourLaw::in_force_on(d).ok_or_else(|| {
        Error::new(
            ErrorKind::DateOutOfRange,
            format!("{d} is before the Labour Code 1994 took effect (1995-01-01)"),
        )
    })
}

fn shift(d: NaiveDate, back: u64, forward: u64) -> Result<NaiveDate> {
    d.checked_sub_days(Days::new(back))
        .and_then(|x| x.checked_add_days(Days::new(forward)))
        .ok_or_else(|| {
            Error::new(
                ErrorKind::DateOutOfRange,
                format!("{d} shifted leaves the representable range"),
            )
        })
}

/// The first day of lunar year `year` (*mùng 1 Tết*), Vietnam (UTC+7).
pub(crate) fn lunar_new_year(year: i32) -> Result<NaiveDate> {
    crate::lunar::from_lunar(year, 1, 1, false)
}

/// Hùng Kings' Commemoration Day of `year`: the 10th day of the (regular) 3rd lunar month
/// (Law 84/2007/QH11; Labour Code 2012 Art. 115(1)(c); 2019 Art. 112(1)(c)).
pub(crate) fn hung_kings_day(year: i32) -> Result<NaiveDate> {
    crate::lunar::from_lunar(year, 3, 10, false)
}

/// The Tết days of lunar year `year`, by the statute in force on mùng 1: 4 days (the last day
/// of the old year and mùng 1–3) under Labour Code 1994 Art. 73, 5 days (the two calendar days
/// before mùng 1 and mùng 1–3) from Labour Code 2012 Art. 115(1)(b) on. Tết 2013 (10 Feb)
/// came before the 2012 Code took effect (2013-05-01), so it has 4 days.
pub(crate) fn tet_days(year: i32) -> Result<Vec<NaiveDate>> {
    let first = lunar_new_year(year)?;
    let law = law_on(first)?;
    let before = tet_days_before_new_year(law.tet_days());
    (0..u64::from(law.tet_days()))
        .map(|i| shift(first, before, i))
        .collect()
}

/// The holidays of Gregorian year `year` whose dates the law itself fixes (weekly rest days
/// included), in date order: 1 Jan, mùng 1–3 of Tết, Hùng Kings' day, 30 Apr, 1 May, 2 Sep and
/// 24 Nov, each when the law in force on it grants it (as [`holiday_days`]). The other Tết days
/// and the second National Day day are placed by each year's notice, so a schedule need not
/// list the statute's guess of them.
pub(crate) fn fixed_holidays(year: i32) -> Result<Vec<NaiveDate>> {
    // (The holidays' one list, less the days a notice places.)
    let tet = lunar_new_year(year)?;
    let tet3 = shift(tet, 0, 2)?;
    let sep2 = date(year, 9, 2)?;
    Ok(holiday_days(year)?
        .into_iter()
        .filter(|&(d, feast)| match feast {
            Feast::Tet => d >= tet && d <= tet3,
            Feast::NationalDay => d == sep2,
            _ => true,
        })
        .map(|(d, _)| d)
        .collect())
}

/// The holiday days of Gregorian year `year` by the law in force on each (weekly rest days
/// included, compensatory days not), in date order.
///
/// - 1 Jan, 30 Apr, 1 May, 2 Sep: every period (Labour Code 1994 Art. 73; 2012 Art. 115(1);
///   2019 Art. 112(1)).
/// - Tết: [`tet_days`].
/// - Hùng Kings' day: when the law in force on it grants it (from 2007-04-02, Law
///   84/2007/QH11; Hùng Kings' day 2007 was 26 Apr, so 2007 has it).
/// - Second National Day day from 2021 (Labour Code 2019 Art. 112(1)(đ)): see
///   `law::second_national_day`.
/// - 24 November, Vietnamese Culture Day: when the law in force on it grants it (from 2026,
///   Resolution 28/2026/QH16, Art. 2, in force 2026-07-01).
pub(crate) fn holiday_days(year: i32) -> Result<Vec<(NaiveDate, Feast)>> {
    let mut out: Vec<(NaiveDate, Feast)> = Vec::new();
    put(&mut out, date(year, 1, 1)?, Feast::NewYear);
    for d in tet_days(year)? {
        put(&mut out, d, Feast::Tet);
    }
    let hung = hung_kings_day(year)?;
    if law_on(hung)?.has_hung_kings_day() {
        put(&mut out, hung, Feast::HungKings);
    }
    put(&mut out, date(year, 4, 30)?, Feast::Reunification);
    put(&mut out, date(year, 5, 1)?, Feast::Labour);
    let sep2 = date(year, 9, 2)?;
    put(&mut out, sep2, Feast::NationalDay);
    if law_on(sep2)?.national_day_days() >= 2 {
        if let Some(d) = second_national_day(year) {
            put(&mut out, d, Feast::NationalDay);
        }
    }
    let nov24 = date(year, 11, 24)?;
    if law_on(nov24)?.has_culture_day() {
        put(&mut out, nov24, Feast::CultureDay);
    }
    Ok(out)
}

/// Sets day `d` of the date-ordered `days` to `feast` (a few days a year: a sorted `Vec` is
/// all a map would be here, and smaller in the WebAssembly build).
fn put(days: &mut Vec<(NaiveDate, Feast)>, d: NaiveDate, feast: Feast) {
    match days.binary_search_by_key(&d, |&(x, _)| x) {
        Ok(i) => {
            if let Some(slot) = days.get_mut(i) {
                slot.1 = feast;
            }
        }
        Err(i) => days.insert(i, (d, feast)),
    }
}

/// Whether the date-ordered `days` hold day `d`.
fn holds(days: &[(NaiveDate, Feast)], d: NaiveDate) -> bool {
    days.binary_search_by_key(&d, |&(x, _)| x).is_ok()
}

/// The compensatory days (*nghỉ bù*) for `holidays` (date-ordered): each holiday day on a
/// weekly rest day of the public-sector week in force on it gives one compensatory day, on the
/// first working day after the break that contains it (the run of consecutive days off around
/// it, compensatory days already given included), in date order.
///
/// Sources: Labour Code 1994 Art. 73 last paragraph; Labour Code 2012 Art. 115(3) [unverified
/// article number]; Labour Code 2019 Art. 111(3); placement after the whole break as in every
/// public-sector notice 2016–2026 (the labour ministry's annual notices). Before 1999-10-02 the
/// week is Monday–Saturday, so only a holiday on a Sunday is compensated. 24 November (from
/// 2026) on a weekend is compensated like the others \[secondary sources: Resolution
/// 28/2026/QH16 grants the day "off with full pay"; the Code's compensation clause names its own
/// Art. 112(1) days; to be confirmed when the Code is amended\].
pub(crate) fn compensatory_days(holidays: &[(NaiveDate, Feast)]) -> Vec<(NaiveDate, Feast)> {
    let mut hol: Vec<(NaiveDate, Feast)> = Vec::new();
    for &(d, feast) in holidays {
        put(&mut hol, d, feast);
    }
    let mut comp: Vec<(NaiveDate, Feast)> = Vec::new();
    for &(d, feast) in &hol {
        if !is_weekly_rest(d) {
            continue;
        }
        let mut x = d;
        // A break is at most a few weeks long; the bound only guards against a logic error.
        for _ in 0..366 {
            if is_weekly_rest(x) || holds(&hol, x) || holds(&comp, x) {
                match x.succ_opt() {
                    Some(n) => x = n,
                    None => break,
                }
            } else {
                put(&mut comp, x, feast);
                break;
            }
        }
    }
    comp
}

/// Every statutory day off of Gregorian year `year` (holiday days, weekly rest days included,
/// and compensatory days), in date order. See [`holiday_days`] and [`compensatory_days`].
pub(crate) fn statute_year(year: i32) -> Result<Vec<StatuteDay>> {
    let hol = holiday_days(year)?;
    let comp = compensatory_days(&hol);
    let mut out: Vec<StatuteDay> = hol
        .iter()
        .map(|&(date, feast)| StatuteDay {
            date,
            feast,
            compensatory: false,
        })
        .chain(comp.iter().map(|&(date, feast)| StatuteDay {
            date,
            feast,
            compensatory: true,
        }))
        .collect();
    crate::sort::sort_by_key(&mut out, |s| s.date);
    Ok(out)
}
