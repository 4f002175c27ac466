//! The switches that reproduce other systems' numbers ([`Rules`]) and the rule-set versions
//! chosen by the deemed receipt day ([`RuleSet`], [`RULE_SETS`]: Decision 09/2015/QĐ-TTg,
//! Decree 61/2018/NĐ-CP, Decree 118/2025/NĐ-CP), with the legal basis of each rule in each
//! version.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::law::{self, LegalBasis};
use crate::error::{excerpt, Error, ErrorKind, Result};

macro_rules! option_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $key:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// The option's key in `--rule KEY=VALUE`.
            pub const KEY: &'static str = $key;
            /// The accepted values, the default (the law) first.
            pub const VALUES: &'static [&'static str] = &[$($text),+];

            /// The value as written in `--rule KEY=VALUE`.
            pub const fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $text, )+ }
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<$name> {
                match s.trim() {
                    $( $text => Ok($name::$variant), )+
                    other => Err(Error::new(
                        ErrorKind::InvalidRule,
                        format!(
                            "rule `{}`: unknown value `{}` (allowed: {})",
                            $key, excerpt(other), $name::VALUES.join(", ")
                        ),
                    )),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

option_enum! {
    /// What a supplement request during processing does to the clock.
    SupplementRule, "supplement" {
        /// The days already used count; the rest runs on from the deemed receipt day of the
        /// complete dossier (Decree 61/2018/NĐ-CP, Art. 19 \[U\]; the national portal counts so
        /// \[S\]). The default.
        #[default]
        Pause = "pause",
        /// A fresh limit from the deemed receipt day of the last complete dossier (some
        /// sectoral laws and provincial processes \[U\]).
        Restart = "restart",
    }
}

option_enum! {
    /// How working-day limits are counted.
    Counting, "counting" {
        /// Whole working days, Civil-Code style (the law). The default.
        #[default]
        Days = "days",
        /// N days = 8N working hours from the receipt instant, due at an instant, as OpenCPS v2
        /// counts (`DueDateUtils`, `DAY_TO_HOURS = 8` [V, source read]).
        Hours = "hours",
    }
}

option_enum! {
    /// How a result (or "now") is compared with the due date.
    Compare, "compare" {
        /// By date: a result on the due date is on time, whatever the hour (Civil Code: a
        /// period ends at the end of its last day [V as content]). The default.
        #[default]
        Date = "date",
        /// By instant: late when after `due_at` (hour-based dashboards).
        Instant = "instant",
    }
}

option_enum! {
    /// What an apology with a new appointment does.
    ApologyRule, "apology" {
        /// The first apology issued by the end of the due date moves the due date (Form 04 of
        /// Circular 01/2018/TT-VPCP \[U\]). The default.
        #[default]
        MovesDue = "moves_due",
        /// The first apology moves the due date only when issued at least one day before it
        /// (issued on an earlier date): the recalled rule of Decree 61/2018/NĐ-CP \[U\]. One
        /// issued on the due date itself leaves it, as one issued after it.
        MovesDueDayBefore = "moves_due_day_before",
        /// The due date stays: a dossier that needed an apology and was resolved after the
        /// original date is late (index-style statistics \[U\]).
        CountsLate = "counts_late",
    }
}

option_enum! {
    /// What more than one supplement request means.
    MultiSupplement, "multi_supplement" {
        /// Accepted: a breach of procedure, not proof of a late result, with a warning when
        /// one agency (one stage of an inter-agency dossier) made more than one request. The
        /// default.
        #[default]
        Allowed = "allowed",
        /// A dossier with more than one request (by any of its agencies) is late (resolved) or
        /// overdue (pending), as dashboards count \[U\]: its class only. Its due date and
        /// `working_days_late` stay the law's (negative when it was resolved, or stood, before
        /// its due date), so that the two say how far the dashboard's class is from the count.
        Late = "late",
    }
}

option_enum! {
    /// Which day the clock starts from.
    DeemedReceipt, "deemed_receipt" {
        /// The receipt day if a working day and not after closing time, else the next working
        /// day. The default.
        #[default]
        NextWorkingDayAfterHours = "next_working_day_after_hours",
        /// The calendar date of receipt, whatever the day and hour (naive date arithmetic).
        CalendarDay = "calendar_day",
    }
}

/// The rule switches. `Rules::default()` is the law; each field is one switch
/// so that analysts can reproduce other systems' numbers. The CLI sets them with
/// `--rule KEY=VALUE` through [`Rules::set_pair`].
///
/// ```
/// use motcua::deadline::{Rules, SupplementRule};
/// let mut r = Rules::default();
/// r.set_pair("supplement=restart")?;
/// assert_eq!(r.supplement, SupplementRule::Restart);
/// assert_eq!(r.set("counting", "minutes").unwrap_err().code(), "invalid_rule");
/// # Ok::<(), motcua::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Rules {
    /// `supplement`: pause (default) or restart.
    pub supplement: SupplementRule,
    /// `counting`: days (default) or hours.
    pub counting: Counting,
    /// `compare`: date (default) or instant.
    pub compare: Compare,
    /// `apology`: moves_due (default), moves_due_day_before or counts_late.
    pub apology: ApologyRule,
    /// `multi_supplement`: allowed (default) or late.
    pub multi_supplement: MultiSupplement,
    /// `deemed_receipt`: next_working_day_after_hours (default) or calendar_day.
    pub deemed_receipt: DeemedReceipt,
}

impl Rules {
    /// The option keys with their values (default first), for help texts.
    pub const OPTIONS: &'static [(&'static str, &'static [&'static str])] = &[
        (SupplementRule::KEY, SupplementRule::VALUES),
        (Counting::KEY, Counting::VALUES),
        (Compare::KEY, Compare::VALUES),
        (ApologyRule::KEY, ApologyRule::VALUES),
        (MultiSupplement::KEY, MultiSupplement::VALUES),
        (DeemedReceipt::KEY, DeemedReceipt::VALUES),
    ];

    /// Sets option `key` to `value`. An unknown key or value is an [`ErrorKind::InvalidRule`]
    /// error whose message lists what is allowed.
    pub fn set(&mut self, key: &str, value: &str) -> Result<()> {
        match key.trim() {
            SupplementRule::KEY => self.supplement = value.parse()?,
            Counting::KEY => self.counting = value.parse()?,
            Compare::KEY => self.compare = value.parse()?,
            ApologyRule::KEY => self.apology = value.parse()?,
            MultiSupplement::KEY => self.multi_supplement = value.parse()?,
            DeemedReceipt::KEY => self.deemed_receipt = value.parse()?,
            other => {
                return Err(Error::new(
                    ErrorKind::InvalidRule,
                    format!(
                        "unknown rule `{other}` (allowed: {})",
                        Rules::OPTIONS
                            .iter()
                            .map(|(k, v)| format!("{k}={}", v.join("|")))
                            .collect::<Vec<_>>()
                            .join(", "),
                        other = excerpt(other)
                    ),
                ))
            }
        }
        Ok(())
    }

    /// Sets an option from a `KEY=VALUE` string (the CLI's `--rule KEY=VALUE`).
    pub fn set_pair(&mut self, pair: &str) -> Result<()> {
        let (k, v) = pair.split_once('=').ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidRule,
                format!(
                    "`{pair}` is not KEY=VALUE (e.g. supplement=restart)",
                    pair = excerpt(pair)
                ),
            )
        })?;
        self.set(k, v)
    }

    /// Rules from `KEY=VALUE` pairs applied in order to the default
    /// ([`set_pair`](Rules::set_pair)); a key given twice is [`ErrorKind::InvalidRule`] too
    /// (one value would be ignored: which is meant is a guess). The error comes with the index
    /// of the pair at fault.
    ///
    /// ```
    /// use motcua::deadline::Rules;
    /// assert!(Rules::from_pairs(&["supplement=restart", "counting=hours"]).is_ok());
    /// let (at, e) = Rules::from_pairs(&["supplement=restart", "supplement=pause"]).unwrap_err();
    /// assert_eq!((at, e.message()), (1, "`supplement` is given twice"));
    /// ```
    pub fn from_pairs<S: AsRef<str>>(pairs: &[S]) -> std::result::Result<Rules, (usize, Error)> {
        let key = |p: &S| {
            let p = p.as_ref();
            p.split_once('=').map_or(p, |(k, _)| k).trim().to_string()
        };
        let mut rules = Rules::default();
        for (i, p) in pairs.iter().enumerate() {
            rules.set_pair(p.as_ref()).map_err(|e| (i, e))?;
            let k = key(p);
            if pairs.iter().take(i).any(|q| key(q) == k) {
                let e = Error::new(ErrorKind::InvalidRule, format!("`{k}` is given twice"));
                return Err((i, e));
            }
        }
        Ok(rules)
    }
}

impl fmt::Display for Rules {
    /// `supplement=pause counting=days compare=date apology=moves_due multi_supplement=allowed
    /// deemed_receipt=next_working_day_after_hours`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "supplement={} counting={} compare={} apology={} multi_supplement={} deemed_receipt={}",
            self.supplement,
            self.counting,
            self.compare,
            self.apology,
            self.multi_supplement,
            self.deemed_receipt
        )
    }
}

/// The rule-set versions, chosen by the deemed receipt day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleSet {
    /// Before 2018-06-21: Decision 09/2015/QĐ-TTg (93/2007/QĐ-TTg before 2015-05) \[U\].
    Pre2018,
    /// 2018-06-21 .. 2025-06-30: Decree 61/2018/NĐ-CP (+ Decree 107/2021/NĐ-CP).
    Nd61,
    /// From 2025-07-01: Decree 118/2025/NĐ-CP (+ Decree 367/2025/NĐ-CP, Circular
    /// 03/2025/TT-VPCP).
    Nd118,
}

impl RuleSet {
    /// `"pre2018"`, `"nd61"` or `"nd118"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            RuleSet::Pre2018 => "pre2018",
            RuleSet::Nd61 => "nd61",
            RuleSet::Nd118 => "nd118",
        }
    }

    /// The table entry of this rule set.
    pub fn info(self) -> &'static RuleSetInfo {
        match self {
            RuleSet::Pre2018 => &RULE_SETS[0],
            RuleSet::Nd61 => &RULE_SETS[1],
            RuleSet::Nd118 => &RULE_SETS[2],
        }
    }
}

impl fmt::Display for RuleSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One row of the rule-set table: what differs between versions. Today the arithmetic is
/// the same in every version; what differs is the verification status, the district level,
/// and the text each rule is found in (the legal basis an explanation cites). A verified
/// difference in arithmetic is a new column here and one line per row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleSetInfo {
    /// The id.
    pub id: RuleSet,
    /// First deemed receipt day the set applies to (`None`: from the beginning).
    pub from: Option<NaiveDate>,
    /// The base texts.
    pub basis: &'static str,
    /// Whether its texts were checked (`pre2018` is flagged "not verified").
    pub verified: bool,
    /// Whether district-level authorities exist (abolished 2025-07-01 \[S\]).
    pub has_districts: bool,
    /// The one-stop text of the version, as cited for the rule set itself.
    pub text: LegalBasis,
    /// Where the deemed receipt day of a direct dossier (and of a complete dossier after a
    /// supplement request) is ruled.
    pub receipt: LegalBasis,
    /// Where a supplement request during processing stops the clock and the time used counts.
    pub supplement: LegalBasis,
    /// Where a refusal must come within the time limit.
    pub refusal: LegalBasis,
    /// Where the apology with a new appointment is ruled.
    pub apology: LegalBasis,
    /// Where an extension is ruled, when the one-stop text rules it (else a sectoral law).
    pub extension: Option<LegalBasis>,
    /// Where withdrawal or a stop of processing is ruled, when the one-stop text rules it.
    pub withdrawal: Option<LegalBasis>,
    /// Where the stages of an inter-agency (*liên thông*) dossier and their limits are ruled.
    pub stages: LegalBasis,
}

const fn ymd((y, m, d): (i32, u32, u32)) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(x) => x,
        None => NaiveDate::MIN,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
const fn days((y, m, d): (i32, u32, u32)) -> i64 {
    let y = y as i64 - (m <= 2) as i64;
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Decree 61/2018/NĐ-CP in force \[V\].
const ND61_FROM: (i32, u32, u32) = (2018, 6, 21);
/// Decree 118/2025/NĐ-CP in force \[S\].
const ND118_FROM: (i32, u32, u32) = (2025, 7, 1);

/// The rule-set table, in date order. Dates \[V\]: Decree 61/2018/NĐ-CP in force 2018-06-21
/// (public copy of its header); Decree 118/2025/NĐ-CP in force 2025-07-01 \[S\]. The
/// articles are those recalled \[U\] (Decree 61/2018/NĐ-CP Arts 17, 19; the forms
/// of Circular 01/2018/TT-VPCP and Circular 03/2025/TT-VPCP); where the article of a newer text
/// is not known, the text is cited without one.
pub const RULE_SETS: [RuleSetInfo; 3] = [
    RuleSetInfo {
        id: RuleSet::Pre2018,
        from: None,
        basis: "Decision 09/2015/QĐ-TTg, 93/2007/QĐ-TTg before May 2015",
        verified: false,
        has_districts: true,
        text: law::DECISION_09_2015,
        receipt: law::DECISION_09_2015,
        supplement: law::DECISION_09_2015,
        refusal: law::DECISION_09_2015,
        apology: law::DECISION_09_2015,
        extension: None,
        withdrawal: None,
        stages: law::DECISION_09_2015,
    },
    RuleSetInfo {
        id: RuleSet::Nd61,
        from: Some(ymd(ND61_FROM)),
        basis: "Decree 61/2018/NĐ-CP as amended by Decree 107/2021/NĐ-CP",
        verified: true,
        has_districts: true,
        text: law::DECREE_61_2018,
        receipt: law::DECREE_61_2018_ART_17,
        supplement: law::DECREE_61_2018_ART_19,
        refusal: law::DECREE_61_2018_ART_19,
        apology: law::CIRCULAR_01_2018_FORM_04,
        extension: None,
        withdrawal: None,
        stages: law::DECREE_61_2018_ART_19_STAGES,
    },
    RuleSetInfo {
        id: RuleSet::Nd118,
        from: Some(ymd(ND118_FROM)),
        basis: "Decree 118/2025/NĐ-CP, Decree 367/2025/NĐ-CP, Circular 03/2025/TT-VPCP",
        verified: true,
        has_districts: false,
        text: law::DECREE_118_2025,
        receipt: law::DECREE_118_2025_RULE,
        supplement: law::DECREE_118_2025_RULE,
        refusal: law::DECREE_118_2025_RULE,
        apology: law::CIRCULAR_03_2025_FORM_04,
        extension: Some(law::CIRCULAR_03_2025_FORM_04),
        withdrawal: Some(law::CIRCULAR_03_2025_FORM_05),
        stages: law::DECREE_118_2025_RULE,
    },
];

/// The rule set in force for a dossier whose deemed receipt day is `d`: the last row of
/// [`RULE_SETS`] starting on or before `d`. A dossier keeps it for its whole life (the usual
/// transitional clause; \[U\] for Decree 118/2025/NĐ-CP).
pub fn rule_set_for(d: NaiveDate) -> &'static RuleSetInfo {
    rule_set_for_number(i64::from(crate::civil::day_number(d)))
}

/// [`rule_set_for`] on a day number.
#[inline]
pub(crate) fn rule_set_for_number(d: i64) -> &'static RuleSetInfo {
    const ND61: i64 = days(ND61_FROM);
    const ND118: i64 = days(ND118_FROM);
    let [pre2018, nd61_set, nd118_set] = &RULE_SETS;
    if d >= ND118 {
        nd118_set
    } else if d >= ND61 {
        nd61_set
    } else {
        pre2018
    }
}
