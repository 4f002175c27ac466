//! The scorecard's optional columns of a record ([`ServiceRecord`]: online level, digitised
//! dossier and result, the citizen's rating, feedback received and handled), how their cells
//! are read, and their tally ([`ServiceTally`]): the numerators and denominators that
//! [`indicators`](crate::indicators) turns into the scorecard.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::dossier::{Channel, Dossier, EventKind};
use crate::error::{Error, ErrorKind, Result};
use crate::procedure::OnlineService;

/// How a citizen rated the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Satisfaction {
    /// Satisfied (*hài lòng*).
    Satisfied,
    /// Neither (*bình thường*).
    Neutral,
    /// Dissatisfied (*không hài lòng*).
    Dissatisfied,
}

/// Parses a satisfaction cell: `satisfied|neutral|dissatisfied` (or the Vietnamese *hài lòng*
/// and *rất hài lòng*, *bình thường*, *không hài lòng* and *rất không hài lòng*), or a number
/// `1..=scale`: satisfied from ⌈0.8 × scale⌉
/// (4 and 5 on a 5-point scale, 8 to 10 on a 10-point one), dissatisfied up to ⌊0.4 × scale⌋
/// (1 and 2 of 5), neutral between. A whole number written as a float (`4.0`, as pandas saves
/// a rating column with gaps) is that number.
pub fn parse_satisfaction(s: &str, scale: u32) -> Result<Satisfaction> {
    let t = crate::casefold::fold(s.trim());
    match t.as_str() {
        "satisfied" | "hài lòng" | "rất hài lòng" => return Ok(Satisfaction::Satisfied),
        "neutral" | "bình thường" => return Ok(Satisfaction::Neutral),
        "dissatisfied" | "không hài lòng" | "rất không hài lòng" => {
            return Ok(Satisfaction::Dissatisfied)
        }
        _ => {}
    }
    let bad = || {
        Error::new(
            ErrorKind::CsvField,
            format!("`{s}` is not a rating (1..={scale}, or satisfied / neutral / dissatisfied)"),
        )
    };
    // (`4.0`: a rating column with gaps saved by pandas, as floats; `4.5` is no rating)
    let whole = match t.split_once('.') {
        Some((w, frac)) if frac.bytes().all(|b| b == b'0') => w,
        _ => t.as_str(),
    };
    let n: u32 = whole.parse().map_err(|_| bad())?;
    if n == 0 || n > scale {
        return Err(bad());
    }
    // (In u64: `scale * 4` of a scale above u32::MAX / 4 wrapped.)
    let scale64 = u64::from(scale);
    let satisfied_from = (scale64 * 4).div_ceil(5);
    let dissatisfied_to = (scale64 * 2) / 5;
    let n = u64::from(n);
    Ok(if n >= satisfied_from {
        Satisfaction::Satisfied
    } else if n <= dissatisfied_to {
        Satisfaction::Dissatisfied
    } else {
        Satisfaction::Neutral
    })
}

/// Whether a satisfaction cell says that the citizen gave no rating: *chưa đánh giá* (not yet
/// rated), *không đánh giá* (not rated), as the portals' exports write it. Such a cell is no
/// value, as an empty one: the dossier is left out of the satisfaction rate.
pub fn is_unrated(s: &str) -> bool {
    matches!(
        crate::casefold::fold(s.trim()).as_str(),
        "chưa đánh giá" | "không đánh giá"
    )
}

/// The scorecard columns of one dossier (all optional).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServiceRecord {
    /// Online service level the dossier was submitted through.
    pub online_level: Option<OnlineService>,
    /// The records carry an `online_level` column (in JSON lines: this record gives the key,
    /// even null or empty): a dossier whose cell is empty is then still one of the
    /// full-online rate's dossiers (not shown to be fully online), as a dossier submitted at
    /// the desk is. A JSON line without the key is one of them when any record of the report
    /// gives it (see [`ServiceTally::unlevelled`]); when none does, the rate has no data.
    pub online_level_column: bool,
    /// Dossier digitised at receipt.
    pub digitised: Option<bool>,
    /// Result digitised.
    pub result_digitised: Option<bool>,
    /// The citizen's rating.
    pub satisfaction: Option<Satisfaction>,
    /// Feedback (*phản ánh, kiến nghị*) received at.
    pub feedback_received: Option<NaiveDateTime>,
    /// Feedback handled at.
    pub feedback_handled: Option<NaiveDateTime>,
    /// The rating scale the satisfaction was read on (`--satisfaction-scale`): a partial
    /// report keeps it, so that partials read on different scales are never merged.
    pub scale: u32,
}

impl ServiceRecord {
    /// Whether the record gives an online level: a level read, or the records' `online_level`
    /// column (in JSON lines: the key given, even empty).
    pub fn gives_level(&self) -> bool {
        self.online_level.is_some() || self.online_level_column
    }
}

/// Parses `online_level`: `full|partial|none`, or in Vietnamese *toàn trình*, *một phần*,
/// *không*, also after the words the portals write before them (*dịch vụ công trực tuyến*,
/// *DVC trực tuyến*, *DVCTT*, *DVC*, *trực tuyến*: `DVC toàn trình`, `Dịch vụ công trực tuyến
/// một phần`); or the old levels of Decree 43/2011/NĐ-CP (`4` → full, `3` → partial, `1`/`2`
/// → none, also *mức độ 1*..*4*), accepted only for records received before 2022 (the levels
/// of Decree 43/2011/NĐ-CP, mapped onto the two-level split of Decree 42/2022/NĐ-CP \[S\]).
pub fn parse_online_level(s: &str, received: NaiveDate) -> Result<OnlineService> {
    let folded = crate::casefold::fold(s.trim());
    let t = [
        "dịch vụ công trực tuyến ",
        "dvc trực tuyến ",
        "dvctt ",
        "dvc ",
        "trực tuyến ",
    ]
    .iter()
    .find_map(|p| folded.strip_prefix(p))
    .unwrap_or(&folded);
    let old = |level: OnlineService| {
        if received < NaiveDate::from_ymd_opt(2022, 1, 1).unwrap_or(NaiveDate::MIN) {
            Ok(level)
        } else {
            Err(Error::new(
                ErrorKind::CsvField,
                format!("old online level `{s}` (Decree 43/2011) is only accepted for records received before 2022; use full / partial / none"),
            ))
        }
    };
    match t {
        "full" | "toàn trình" => Ok(OnlineService::Full),
        "partial" | "một phần" => Ok(OnlineService::Partial),
        "none" | "không" => Ok(OnlineService::None),
        "4" | "level 4" | "mức độ 4" => old(OnlineService::Full),
        "3" | "level 3" | "mức độ 3" => old(OnlineService::Partial),
        "1" | "2" | "level 1" | "level 2" | "mức độ 1" | "mức độ 2" => old(OnlineService::None),
        _ => Err(Error::new(
            ErrorKind::CsvField,
            format!("`{s}` is not an online level (full, partial, none or toàn trình, một phần, không; 3 or 4 before 2022)"),
        )),
    }
}

/// Parses a boolean cell (in any case): `true`/`false`, `1`/`0`, `yes`/`no`, `y`/`n`,
/// `có`/`không`, `đã`/`chưa` and the digitisation columns' `đã số hóa`/`chưa số hóa` (either
/// spelling, *hóa* or *hoá*), and `x` for a ticked box (a spreadsheet's mark; an empty cell is
/// no value, handled by the caller). Anything else is an error, never a guess.
pub fn parse_flag(s: &str) -> Result<bool> {
    match crate::casefold::fold(s.trim()).as_str() {
        // (`1.0`, `0.0`: a flag column with gaps saved by pandas, as floats)
        "true" | "1" | "1.0" | "yes" | "y" | "x" | "có" | "đã" | "đã số hóa" | "đã số hoá" => {
            Ok(true)
        }
        "false" | "0" | "0.0" | "no" | "n" | "không" | "chưa" | "chưa số hóa" | "chưa số hoá" => {
            Ok(false)
        }
        _ => Err(Error::new(
            ErrorKind::CsvField,
            format!("`{s}` is not a yes/no value (true/false, 1/0, yes/no, có/không, đã/chưa số hóa, x)"),
        )),
    }
}

/// A numerator and a denominator.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ratio {
    /// Numerator.
    pub num: u64,
    /// Denominator.
    pub den: u64,
}

impl Ratio {
    /// `num / den`, or `None` ("no data") when `den` is 0.
    pub fn value(&self) -> Option<f64> {
        if self.den == 0 {
            None
        } else {
            Some(self.num as f64 / self.den as f64)
        }
    }
}

/// The scorecard's tallies of the service columns over some records (one group of a
/// report): each a numerator and a denominator, summed exactly when merged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceTally {
    /// Online submissions of procedures offered fully online / the dossiers received (those
    /// read with an `online_level` column, or with a level given).
    pub full_online: Ratio,
    /// Digitised at receipt / records with the flag.
    pub digitised: Ratio,
    /// Results digitised / records resolved by the as-of instant with the flag.
    pub result_digitised: Ratio,
    /// Satisfied ratings / ratings, of dossiers resolved by the as-of instant.
    pub satisfaction: Ratio,
    /// Feedback handled by the as-of instant / feedback received by then.
    pub feedback: Ratio,
    /// Dossiers received read without an `online_level` column and without a level (JSON
    /// lines without the key): added to `full_online`'s denominator when any record of the
    /// report gives the key (see [`full_online_rate`](Self::full_online_rate)), so JSON lines
    /// that leave an empty level out give the rate of the CSV that writes it empty.
    #[serde(default)]
    pub unlevelled: u64,
}

impl ServiceTally {
    /// Counts the service columns of one dossier, as of `as_of` (the dossier is counted: it
    /// was received by then).
    pub fn add(&mut self, dossier: &Dossier, service: &ServiceRecord, as_of: NaiveDateTime) {
        if service.gives_level() {
            // The rate is of every dossier received (*tỷ lệ hồ sơ trực tuyến toàn trình* on
            // the total): a dossier of a procedure offered fully online but submitted at the
            // desk or by post was not done online, and one whose level is not given is not
            // shown to be; only an online submission of a full level counts.
            self.full_online.den += 1;
            self.full_online.num += u64::from(
                service.online_level == Some(OnlineService::Full)
                    && dossier.channel == Channel::Online,
            );
        } else {
            self.unlevelled += 1;
        }
        if let Some(d) = service.digitised {
            self.digitised.den += 1;
            self.digitised.num += u64::from(d);
        }
        let resolved = dossier
            .events
            .iter()
            .any(|ev| ev.kind == EventKind::Resolved && ev.at <= as_of);
        if let (Some(d), true) = (service.result_digitised, resolved) {
            self.result_digitised.den += 1;
            self.result_digitised.num += u64::from(d);
        }
        // A rating is of a result: a dossier not resolved by as-of has none yet (its rating,
        // given later, is a later event).
        if let (Some(s), true) = (service.satisfaction, resolved) {
            self.satisfaction.den += 1;
            self.satisfaction.num += u64::from(s == Satisfaction::Satisfied);
        }
        if let Some(f) = service.feedback_received.filter(|f| *f <= as_of) {
            self.feedback.den += 1;
            self.feedback.num += u64::from(
                service
                    .feedback_handled
                    .is_some_and(|h| h >= f && h <= as_of),
            );
        }
    }

    /// Adds `other` into `self` (saturating at `u64::MAX`; a report's tallies never come
    /// near, see [`excess`](Self::excess)).
    pub fn merge(&mut self, other: &ServiceTally) {
        for (x, y) in [
            (&mut self.full_online, other.full_online),
            (&mut self.digitised, other.digitised),
            (&mut self.result_digitised, other.result_digitised),
            (&mut self.satisfaction, other.satisfaction),
            (&mut self.feedback, other.feedback),
        ] {
            x.num = x.num.saturating_add(y.num);
            x.den = x.den.saturating_add(y.den);
        }
        self.unlevelled = self.unlevelled.saturating_add(other.unlevelled);
    }

    /// The full-online rate of this tally, in a report whose records give the online level
    /// somewhere (`levels_given`: its totals' `full_online` denominator is not 0): a dossier
    /// without a level is then one of the rate's dossiers, not shown to be fully online. A
    /// report without the column (or, in JSON lines, the key) has no data.
    #[must_use]
    pub fn full_online_rate(&self, levels_given: bool) -> Ratio {
        let mut r = self.full_online;
        if levels_given {
            r.den = r.den.saturating_add(self.unlevelled);
        }
        r
    }

    /// The first tally that cannot be one of `dossiers` dossiers: a denominator over
    /// `dossiers`, or a numerator over its denominator (what a cell handed over from outside
    /// is checked for, as its counts are against the report's identities).
    pub fn excess(&self, dossiers: u64) -> Option<&'static str> {
        [
            (self.full_online, "full_online"),
            (self.digitised, "digitised"),
            (self.result_digitised, "result_digitised"),
            (self.satisfaction, "satisfaction"),
            (self.feedback, "feedback"),
        ]
        .into_iter()
        .find(|(r, _)| r.den > dossiers || r.num > r.den)
        .map(|(_, name)| name)
        .or_else(|| {
            let levelled = self.full_online.den.saturating_add(self.unlevelled);
            (levelled > dossiers).then_some("unlevelled")
        })
    }
}
