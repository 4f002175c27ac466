//! The law in force: which Labour Code governs a date, the public-sector working week, and the
//! holidays each period grants. Every rule cites its document and article; `[unverified]`
//! marks what could not be confirmed from a primary text.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::calendar::Weekmask;

/// A date known valid at compile time (`NaiveDate::MIN` would flag a typo; a test checks).
pub(crate) const fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(x) => x,
        None => NaiveDate::MIN,
    }
}

/// First year covered: the Labour Code 1994 took effect on 1995-01-01.
pub const FIRST_YEAR: i32 = 1995;
/// Last year covered (the lunar calendar's range ends on 2199-12-31).
pub const LAST_YEAR: i32 = 2199;
/// First day of the Vietnamese preset (DESIGN.md: 1995-01-01..2199-12-31).
pub const PRESET_FROM: NaiveDate = ymd(FIRST_YEAR, 1, 1);
/// Last day of the Vietnamese preset.
pub const PRESET_TO: NaiveDate = ymd(LAST_YEAR, 12, 31);

/// First day of the five-day week (Monday–Friday) in state bodies: Decision 188/1999/QĐ-TTg
/// of 17 Sep 1999 (40 hours over 5 days, Saturday and Sunday off). Before it the public-sector
/// week was Monday–Saturday.
///
/// \[unverified\] The decision's own effective-date clause was not read; 2 October 1999 (the
/// first Saturday of October) is the date secondary sources give.
pub const FIVE_DAY_WEEK_FROM: NaiveDate = ymd(1999, 10, 2);

/// First year in which 24 November, Vietnamese Culture Day (*Ngày Văn hóa Việt Nam*), is a
/// statutory day off: Resolution 28/2026/QH16 of the National Assembly on developing Vietnamese
/// culture, Art. 2 ("24 November each year is Vietnamese Culture Day; workers are off with full
/// pay"), in force 1 Jul 2026 ([`LabourLaw::Code2019Culture2026`]). Before 2026 it is an
/// ordinary day. \[secondary sources\]: the resolution was read through public calendars and
/// HR systems citing its published text, not the official gazette.
pub const CULTURE_DAY_FROM_YEAR: i32 = 2026;

/// The public-sector weekly pattern on `date`: Monday–Saturday before
/// [`FIVE_DAY_WEEK_FROM`], Monday–Friday from it (Decision 188/1999/QĐ-TTg).
pub fn public_sector_weekmask(date: NaiveDate) -> Weekmask {
    if date < FIVE_DAY_WEEK_FROM {
        Weekmask::MON_SAT
    } else {
        Weekmask::MON_FRI
    }
}

/// Whether `date` is a weekly rest day of the public-sector week in force on it.
pub(crate) fn is_weekly_rest(date: NaiveDate) -> bool {
    !public_sector_weekmask(date).works(date.weekday())
}

/// The statute that fixes public holidays on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum LabourLaw {
    /// Labour Code 1994, Art. 73 (in force 1995-01-01 .. 2007-04-01): 1 Jan; Tết 4 days (the
    /// last day of the lunar year and the first three days of the new one); 30 Apr; 1 May;
    /// 2 Sep — 8 days. [unverified: only the 2007 amended text was read; the 8-day count
    /// matches news reports and python-holidays' citation of Art. 73.]
    Code1994,
    /// Labour Code 1994, Art. 73 as amended by Law 84/2007/QH11 (in force on publication,
    /// 2007-04-02 .. 2013-04-30): adds Hùng Kings' Commemoration Day, the 10th day of the 3rd
    /// lunar month — 9 days.
    Code1994As2007,
    /// Labour Code 2012 (Law 10/2012/QH13), Art. 115 (2013-05-01 .. 2020-12-31): Tết 5 days —
    /// 10 days; the Prime Minister fixes the public sector's Tết days (Decree 45/2013/NĐ-CP
    /// Art. 8).
    Code2012,
    /// Labour Code 2019 (Law 45/2019/QH14), Art. 112 (from 2021-01-01): National Day 2 days
    /// (2 Sep and the day before or after) — 11 days; the Prime Minister decides each year the
    /// Tết days and the second National Day day (Art. 112(3)).
    Code2019,
    /// Labour Code 2019, Art. 112, with Resolution 28/2026/QH16, Art. 2 (from 2026-07-01):
    /// adds 24 November, Vietnamese Culture Day (*Ngày Văn hóa Việt Nam*) — 12 days.
    /// \[secondary sources citing the published text of the resolution.\]
    Code2019Culture2026,
}

impl LabourLaw {
    /// Every period, oldest first.
    pub const ALL: [LabourLaw; 5] = [
        LabourLaw::Code1994,
        LabourLaw::Code1994As2007,
        LabourLaw::Code2012,
        LabourLaw::Code2019,
        LabourLaw::Code2019Culture2026,
    ];

    /// The first day the statute is in force.
    pub const fn effective_from(self) -> NaiveDate {
        match self {
            LabourLaw::Code1994 => ymd(1995, 1, 1),
            LabourLaw::Code1994As2007 => ymd(2007, 4, 2),
            LabourLaw::Code2012 => ymd(2013, 5, 1),
            LabourLaw::Code2019 => ymd(2021, 1, 1),
            LabourLaw::Code2019Culture2026 => ymd(2026, 7, 1),
        }
    }

    /// The statute in force on `date`; `None` before 1995-01-01.
    pub fn in_force_on(date: NaiveDate) -> Option<LabourLaw> {
        LabourLaw::ALL
            .iter()
            .rev()
            .find(|l| l.effective_from() <= date)
            .copied()
    }

    /// The article that lists the paid public holidays.
    pub const fn holiday_article(self) -> &'static str {
        match self {
            LabourLaw::Code1994 => "Labour Code 1994, Art. 73",
            LabourLaw::Code1994As2007 => "Labour Code 1994, Art. 73 as amended by Law 84/2007/QH11",
            LabourLaw::Code2012 => "Labour Code 2012 (Law 10/2012/QH13), Art. 115(1)",
            LabourLaw::Code2019 => "Labour Code 2019 (Law 45/2019/QH14), Art. 112(1)",
            LabourLaw::Code2019Culture2026 => {
                "Labour Code 2019 (Law 45/2019/QH14), Art. 112(1); Resolution 28/2026/QH16, Art. 2"
            }
        }
    }

    /// The provision granting a compensatory day (*nghỉ bù*) for a holiday on a weekly rest
    /// day.
    pub const fn compensatory_article(self) -> &'static str {
        match self {
            LabourLaw::Code1994 | LabourLaw::Code1994As2007 => {
                "Labour Code 1994, Art. 73, last paragraph"
            }
            LabourLaw::Code2012 => {
                "Labour Code 2012, Art. 115(3) [unverified article number; rule applied in every \
                 2013–2020 notice]"
            }
            LabourLaw::Code2019 => "Labour Code 2019, Art. 111(3)",
            LabourLaw::Code2019Culture2026 => {
                "Labour Code 2019, Art. 111(3) [applied to 24 November as to every other holiday: \
                 secondary sources; to be confirmed when the Code is amended]"
            }
        }
    }

    /// Number of Tết days: 4 until 2013-04-30 (Labour Code 1994 Art. 73), 5 from 2013-05-01
    /// (Labour Code 2012 Art. 115(1)(b); Labour Code 2019 Art. 112(1)(b)).
    pub const fn tet_days(self) -> u8 {
        match self {
            LabourLaw::Code1994 | LabourLaw::Code1994As2007 => 4,
            LabourLaw::Code2012 | LabourLaw::Code2019 | LabourLaw::Code2019Culture2026 => 5,
        }
    }

    /// Whether Hùng Kings' Commemoration Day (10th day of the 3rd lunar month) is a holiday:
    /// from Law 84/2007/QH11 (2007-04-02) on.
    pub const fn has_hung_kings_day(self) -> bool {
        !matches!(self, LabourLaw::Code1994)
    }

    /// Number of National Day days: 1 until 2020 (Labour Code 1994 Art. 73; 2012 Art. 115(1)(đ)),
    /// 2 from 2021 (Labour Code 2019 Art. 112(1)(đ): 2 Sep and one adjacent day).
    pub const fn national_day_days(self) -> u8 {
        match self {
            LabourLaw::Code2019 | LabourLaw::Code2019Culture2026 => 2,
            _ => 1,
        }
    }

    /// Whether 24 November, Vietnamese Culture Day, is a holiday: from Resolution
    /// 28/2026/QH16, Art. 2 (in force 2026-07-01) on.
    pub const fn has_culture_day(self) -> bool {
        matches!(self, LabourLaw::Code2019Culture2026)
    }
}

/// The days before mùng 1 (the first day of the lunar year) that belong to Tết, by the number
/// of Tết days.
///
/// - 4 days (Labour Code 1994 Art. 73): "one day at the end of the year and three at the start
///   of the lunar year" → the last day of the lunar year (mùng 1 − 1) and mùng 1–3.
/// - 5 days (Labour Code 2012 Art. 115(1)(b), 2019 Art. 112(1)(b)): the split is decided by the
///   Prime Minister for the public sector (Decree 45/2013/NĐ-CP Art. 8; 2019 Code Art. 112(3)).
///   motcua uses the two calendar days before mùng 1 and mùng 1–3, which with the
///   compensatory rule reproduces every public-sector schedule 2016–2026
///   (the Prime Minister's approvals and the labour ministry's notices of those years). The
///   notices sometimes name the split
///   differently (2026: "29 Chạp to mùng 4", Mon 16–Fri 20 Feb), with the same days off.
pub(crate) const fn tet_days_before_new_year(tet_days: u8) -> u64 {
    if tet_days >= 5 {
        2
    } else {
        1
    }
}

/// The second National Day day under Labour Code 2019 Art. 112(1)(đ) ("2 September and one
/// adjacent day before or after"), which the Prime Minister picks each year (Art. 112(3)):
/// 3 September when 2 September is a Monday or a Thursday, otherwise 1 September. This is the
/// pattern of every decision 2021–2026 (2021 Thu → 3; 2022 Fri → 1;
/// 2023 Sat → 1; 2024 Mon → 3; 2025 Tue → 1; 2026 Wed → 1); later years are provisional.
pub(crate) fn second_national_day(year: i32) -> Option<NaiveDate> {
    let sep2 = NaiveDate::from_ymd_opt(year, 9, 2)?;
    let day = match sep2.weekday() {
        Weekday::Mon | Weekday::Thu => 3,
        _ => 1,
    };
    NaiveDate::from_ymd_opt(year, 9, day)
}

/// A public holiday, with its Vietnamese and English names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Feast {
    /// 1 January (*Tết Dương lịch*).
    NewYear,
    /// Lunar New Year (*Tết Nguyên đán*).
    Tet,
    /// Hùng Kings' Commemoration Day (*Giỗ Tổ Hùng Vương*, 10th day of the 3rd lunar month).
    HungKings,
    /// 30 April (*Ngày Chiến thắng*).
    Reunification,
    /// 1 May (*Ngày Quốc tế Lao động*).
    Labour,
    /// 2 September and, from 2021, its adjacent day (*Quốc khánh*).
    NationalDay,
    /// 24 November from 2026 (*Ngày Văn hóa Việt Nam*; Resolution 28/2026/QH16, Art. 2).
    CultureDay,
}

impl Feast {
    /// Every feast.
    pub(crate) const ALL: [Feast; 7] = [
        Feast::NewYear,
        Feast::Tet,
        Feast::HungKings,
        Feast::Reunification,
        Feast::Labour,
        Feast::NationalDay,
        Feast::CultureDay,
    ];

    /// Vietnamese name.
    pub(crate) const fn name_vi(self) -> &'static str {
        match self {
            Feast::NewYear => "Tết Dương lịch",
            Feast::Tet => "Tết Nguyên đán",
            Feast::HungKings => "Giỗ Tổ Hùng Vương",
            Feast::Reunification => "Ngày Chiến thắng",
            Feast::Labour => "Ngày Quốc tế Lao động",
            Feast::NationalDay => "Quốc khánh",
            Feast::CultureDay => "Ngày Văn hóa Việt Nam",
        }
    }

    /// English name.
    pub(crate) const fn name_en(self) -> &'static str {
        match self {
            Feast::NewYear => "New Year's Day",
            Feast::Tet => "Lunar New Year",
            Feast::HungKings => "Hùng Kings' Commemoration Day",
            Feast::Reunification => "Reunification Day",
            Feast::Labour => "International Labour Day",
            Feast::NationalDay => "National Day",
            Feast::CultureDay => "Vietnamese Culture Day",
        }
    }
}
