//! The renderer: typed facts into sentences, in Vietnamese or English, each citing the legal
//! text it rests on ("Điều 147 Bộ luật Dân sự 2015", "Civil Code 2015, Art. 147"). No
//! arithmetic here: every date and count comes from the fact.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

mod phrases;
pub(crate) mod warnings;

use super::answer::ExplainStep;
use super::facts::{Amount, Fact, Outcome};
use super::law::LegalBasis;
use super::options::Rules;
use super::rules::basis_of;
use super::RuleSetInfo;
use crate::calendar::DayClass;
use crate::error::{excerpt, Error, ErrorKind, Result};
use crate::procedure::TimeLimit;

/// The language of an explanation: Vietnamese (the default: officers and citizens read it) or
/// English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Vietnamese (*tiếng Việt*), the default.
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// Every language, the default first.
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// `"vi"` or `"en"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

impl FromStr for Lang {
    type Err = Error;

    fn from_str(s: &str) -> Result<Lang> {
        match s.trim() {
            "vi" => Ok(Lang::Vi),
            "en" => Ok(Lang::En),
            other => Err(Error::new(
                ErrorKind::InvalidArgument,
                format!(
                    "unknown language `{other}` (allowed: vi, en)",
                    other = excerpt(other)
                ),
            )),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the renderer knows besides the facts: the rule set, the options and the limit (which
/// decide the legal basis of a step).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Context {
    pub(crate) set: &'static RuleSetInfo,
    pub(crate) rules: Rules,
    pub(crate) limit: TimeLimit,
    /// The deemed receipt day (the texts in force on it are cited).
    pub(crate) deemed_receipt: Option<chrono::NaiveDate>,
}

/// The steps of an explanation in `lang`.
pub(crate) fn steps(facts: Vec<Fact>, ctx: &Context, lang: Lang) -> Vec<ExplainStep> {
    facts
        .into_iter()
        .map(|fact| {
            let basis = basis_of(&fact, ctx);
            let text = text(&fact, basis, lang);
            ExplainStep {
                fact,
                basis,
                text,
                lang,
            }
        })
        .collect()
}

// ------------------------------------------------------------------------------ words

/// The `lang` half of a (Vietnamese, English) pair.
const fn pick(lang: Lang, pair: (&'static str, &'static str)) -> &'static str {
    match lang {
        Lang::Vi => pair.0,
        Lang::En => pair.1,
    }
}

const WEEKDAYS_VI: [&str; 7] = [
    "thứ Hai",
    "thứ Ba",
    "thứ Tư",
    "thứ Năm",
    "thứ Sáu",
    "thứ Bảy",
    "Chủ nhật",
];
const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A date with its weekday: "thứ Hai 16/02/2026", "Mon 16 Feb 2026".
struct Day(NaiveDate, Lang);

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (d, lang) = (self.0, self.1);
        let w = d.weekday().num_days_from_monday() as usize;
        match lang {
            Lang::Vi => write!(
                f,
                "{} {:02}/{:02}/{}",
                WEEKDAYS_VI.get(w).unwrap_or(&""),
                d.day(),
                d.month(),
                d.year()
            ),
            Lang::En => write!(
                f,
                "{} {} {} {}",
                WEEKDAYS_EN.get(w).unwrap_or(&""),
                d.day(),
                MONTHS_EN.get(d.month0() as usize).unwrap_or(&""),
                d.year()
            ),
        }
    }
}

/// A day of the month: "04/03", "4 Mar".
struct Short(NaiveDate, Lang);

impl fmt::Display for Short {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        match self.1 {
            Lang::Vi => write!(f, "{:02}/{:02}", d.day(), d.month()),
            Lang::En => write!(
                f,
                "{} {}",
                d.day(),
                MONTHS_EN.get(d.month0() as usize).unwrap_or(&"")
            ),
        }
    }
}

/// A time of day: "18:30", "18:30:05".
struct Time(NaiveTime);

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.0;
        write!(f, "{:02}:{:02}", t.hour(), t.minute())?;
        if t.second() != 0 {
            write!(f, ":{:02}", t.second())?;
        }
        Ok(())
    }
}

/// An instant: "18:30 thứ Sáu 13/02/2026", "18:30 on Fri 13 Feb 2026".
struct At(NaiveDateTime, Lang);

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (t, lang) = (self.0, self.1);
        match lang {
            Lang::Vi => write!(f, "{} {}", Time(t.time()), Day(t.date(), lang)),
            Lang::En => write!(f, "{} on {}", Time(t.time()), Day(t.date(), lang)),
        }
    }
}

/// "3 ngày làm việc", "3 working days", "28 giờ 30 phút làm việc", "28 h 30 min of working
/// time".
struct Amt(Amount, Lang);

impl fmt::Display for Amt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = |n: i64| if n == 1 { "" } else { "s" };
        match (self.0, self.1) {
            (Amount::WorkingDays(n), Lang::Vi) => write!(f, "{n} ngày làm việc"),
            (Amount::WorkingDays(n), Lang::En) => write!(f, "{n} working day{}", s(n)),
            (Amount::CalendarDays(n), Lang::Vi) => write!(f, "{n} ngày"),
            (Amount::CalendarDays(n), Lang::En) => write!(f, "{n} calendar day{}", s(n)),
            (Amount::WorkingSeconds(n), lang) => {
                // Hours, minutes and seconds, each said when not zero ("1 giờ 58 phút 59
                // giây": 7139 seconds were said as such).
                let (h, m, sec) = (n / 3600, n % 3600 / 60, n % 60);
                match (lang, m, sec) {
                    (Lang::Vi, 0, 0) => return write!(f, "{h} giờ làm việc"),
                    (Lang::En, 0, 0) => return write!(f, "{h} working hour{}", s(h)),
                    _ => {}
                }
                let [hour, min, second, end] = match lang {
                    Lang::Vi => ["giờ", "phút", "giây", "làm việc"],
                    Lang::En => ["h", "min", "s", "of working time"],
                };
                for (k, unit) in [(h, hour), (m, min), (sec, second)] {
                    if k != 0 {
                        write!(f, "{k} {unit} ")?;
                    }
                }
                f.write_str(end)
            }
            (Amount::SameDay, Lang::Vi) => f.write_str("trong ngày"),
            (Amount::SameDay, Lang::En) => f.write_str("the same day"),
        }
    }
}

fn limit_words(limit: TimeLimit, lang: Lang) -> String {
    match (limit, lang) {
        (TimeLimit::WorkingDays(n), _) => Amt(Amount::WorkingDays(i64::from(n)), lang).to_string(),
        (TimeLimit::CalendarDays(n), _) => {
            Amt(Amount::CalendarDays(i64::from(n)), lang).to_string()
        }
        (TimeLimit::WorkingHours(n), Lang::Vi) => format!("{n} giờ làm việc"),
        (TimeLimit::WorkingHours(n), Lang::En) => {
            format!("{n} working hour{}", if n == 1 { "" } else { "s" })
        }
        (TimeLimit::SameDay { cutoff }, Lang::Vi) => format!(
            "trong ngày (nhận sau {} thì trả trong ngày làm việc tiếp theo)",
            Time(cutoff)
        ),
        (TimeLimit::SameDay { cutoff }, Lang::En) => format!(
            "the same day (the next working day when received after {})",
            Time(cutoff)
        ),
    }
}

fn class_words(class: DayClass, lang: Lang) -> &'static str {
    pick(
        lang,
        match class {
            DayClass::Working => ("ngày làm việc", "working day"),
            DayClass::MakeupWorkingDay => ("ngày làm bù", "make-up working day"),
            DayClass::WeeklyRest => ("ngày nghỉ hằng tuần", "weekly rest day"),
            DayClass::Holiday => ("ngày nghỉ", "holiday"),
            DayClass::Statutory => ("ngày nghỉ lễ, tết", "public holiday"),
            DayClass::Compensatory => ("ngày nghỉ bù", "compensatory day off"),
            DayClass::Swapped => ("ngày nghỉ hoán đổi", "swapped day off"),
            DayClass::Provisional => (
                "ngày nghỉ lễ dự kiến, lịch năm chưa công bố",
                "holiday, provisional: not yet announced",
            ),
            DayClass::Pending => (
                "ngày nghỉ chưa có quyết định chính thức",
                "day off pending an official decision",
            ),
            DayClass::Closure => ("ngày nghỉ riêng theo lịch của cơ quan", "extra closure"),
        },
    )
}

fn outcome_words(o: Outcome, lang: Lang) -> &'static str {
    pick(
        lang,
        match o {
            Outcome::Early => ("trước hạn", "early"),
            Outcome::OnTime => ("đúng hạn", "on time"),
            Outcome::Late => ("quá hạn", "late"),
            Outcome::PendingWithin => ("đang giải quyết trong hạn", "pending, within the deadline"),
            Outcome::Overdue => ("đang giải quyết quá hạn", "pending, overdue"),
            Outcome::AwaitingSupplement => ("chờ bổ sung hồ sơ", "awaiting the supplement"),
            Outcome::Refused => ("từ chối giải quyết", "refused"),
            Outcome::Withdrawn => ("rút hồ sơ, dừng giải quyết", "withdrawn"),
        },
    )
}

/// "ngày 04/03, 05/03, 06/03" (all days up to twelve, else the first three and the last).
fn day_list(days: &[NaiveDate], lang: Lang) -> String {
    let show = |d: &NaiveDate| Short(*d, lang).to_string();
    match days {
        [] => String::new(),
        _ if days.len() <= 12 => days.iter().map(show).collect::<Vec<_>>().join(", "),
        [a, b, c, .., z] => format!("{}, {}, {}, …, {}", show(a), show(b), show(c), show(z)),
        _ => String::new(),
    }
}

/// The sentence of `fact` in `lang`, ending with the citation of `basis`.
fn text(fact: &Fact, basis: Option<LegalBasis>, lang: Lang) -> String {
    let mut s = phrases::sentence(fact, lang);
    if let Some(b) = basis {
        let cite = b.cite(lang).to_string();
        s.push_str(&phrases::fill(
            pick(lang, (" (theo {cite})", " ({cite})")),
            &[("cite", &cite)],
        ));
    }
    s.push_str(&phrases::tail(fact, lang));
    s.push('.');
    s
}
