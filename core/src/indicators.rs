//! Service indicators and targets: the office scorecard of the seeds' reports — on-time
//! resolution, online and full-process-online submission, the postal channel, digitised
//! dossiers and results (*số hóa hồ sơ*), citizen satisfaction, feedback handled — each with its
//! numerator and denominator, by group, and a [`Targets`] set that marks each indicator met or
//! not met with the gap. Plus the procedure-catalogue rates (procedures per field, share
//! offered fully online).
//!
//! A rate whose denominator is 0 has no value ("no data"): it is never reported as 0% or 100%,
//! and its target is neither met nor missed.
//!
//! Default targets, from the articles the project grew from (`shared/seeds/`):
//! on-time resolution 100% and satisfaction ≥ 90% and feedback handled 100% (a district's
//! 2023 reform plan: "100% số hồ sơ ... trả kết quả đúng hạn và trước hạn", "mức độ hài lòng
//! ... tối thiểu 90%", "100% các phản ánh, kiến nghị ... xử lý"); online submission ≥ 5% (a
//! district's 2021 goal: "tỷ lệ hồ sơ ... trực tuyến mức độ 3, mức độ 4 đạt từ 5% trở lên").
//! The other indicators have no default target; set one in a targets file.
//!
//! ```
//! use motcua::indicators::{Indicator, Targets};
//! let t = Targets::default();
//! assert_eq!(t.get(Indicator::OnTimeRate), Some(1.0));
//! assert_eq!(t.get(Indicator::DigitisedRate), None);
//! let t = Targets::from_json(r#"{"digitised_rate": 0.8, "online_rate": null}"#)?;
//! assert_eq!(t.get(Indicator::DigitisedRate), Some(0.8));
//! assert_eq!(t.get(Indicator::OnlineRate), None);
//! assert_eq!(t.get(Indicator::OnTimeRate), Some(1.0)); // defaults kept unless overridden
//! # Ok::<(), motcua::Error>(())
//! ```

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, NaiveDateTime};
use serde::ser::SerializeMap;
use serde::Serialize;

use crate::calendar::WorkCalendar;
use crate::deadline::Rules;
use crate::dossier::Dossier;
use crate::error::{Error, ErrorKind, Result};
use crate::procedure::{Catalogue, OnlineService};
use crate::report::{Counts, ReportBuilder, ReportOptions};

/// One indicator of the scorecard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Indicator {
    /// `(early + on_time) / resolved`.
    OnTimeRate,
    /// `resolved / received`.
    ResolvedRate,
    /// `received_online / received_new`.
    OnlineRate,
    /// New dossiers submitted through a full-process online service / new dossiers with a known
    /// online level.
    FullOnlineRate,
    /// `received_postal / received_new`.
    PostalRate,
    /// New dossiers digitised at receipt / new dossiers with the flag recorded.
    DigitisedRate,
    /// Results digitised / resolved dossiers with the flag recorded.
    ResultDigitisedRate,
    /// Satisfied ratings / ratings.
    SatisfactionRate,
    /// Feedback handled by the as-of instant / feedback received by then.
    FeedbackHandledRate,
}

impl Indicator {
    /// Every indicator, in scorecard order.
    pub const ALL: [Indicator; 9] = [
        Indicator::OnTimeRate,
        Indicator::ResolvedRate,
        Indicator::OnlineRate,
        Indicator::FullOnlineRate,
        Indicator::PostalRate,
        Indicator::DigitisedRate,
        Indicator::ResultDigitisedRate,
        Indicator::SatisfactionRate,
        Indicator::FeedbackHandledRate,
    ];

    /// Stable snake_case name (the key in targets files and outputs).
    pub const fn as_str(self) -> &'static str {
        match self {
            Indicator::OnTimeRate => "on_time_rate",
            Indicator::ResolvedRate => "resolved_rate",
            Indicator::OnlineRate => "online_rate",
            Indicator::FullOnlineRate => "full_online_rate",
            Indicator::PostalRate => "postal_rate",
            Indicator::DigitisedRate => "digitised_rate",
            Indicator::ResultDigitisedRate => "result_digitised_rate",
            Indicator::SatisfactionRate => "satisfaction_rate",
            Indicator::FeedbackHandledRate => "feedback_handled_rate",
        }
    }

    /// Vietnamese caption.
    pub const fn caption_vi(self) -> &'static str {
        match self {
            Indicator::OnTimeRate => "Tỷ lệ giải quyết đúng hạn và trước hạn",
            Indicator::ResolvedRate => "Tỷ lệ hồ sơ đã giải quyết",
            Indicator::OnlineRate => "Tỷ lệ hồ sơ trực tuyến",
            Indicator::FullOnlineRate => "Tỷ lệ hồ sơ trực tuyến toàn trình",
            Indicator::PostalRate => "Tỷ lệ hồ sơ qua bưu chính công ích",
            Indicator::DigitisedRate => "Tỷ lệ số hóa hồ sơ",
            Indicator::ResultDigitisedRate => "Tỷ lệ số hóa kết quả",
            Indicator::SatisfactionRate => "Mức độ hài lòng",
            Indicator::FeedbackHandledRate => "Tỷ lệ phản ánh, kiến nghị được xử lý",
        }
    }
}

impl std::str::FromStr for Indicator {
    type Err = Error;

    fn from_str(s: &str) -> Result<Indicator> {
        Indicator::ALL
            .into_iter()
            .find(|i| i.as_str() == s)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidArgument,
                    format!(
                        "unknown indicator `{s}` (known: {})",
                        Indicator::ALL.map(Indicator::as_str).join(", ")
                    ),
                )
            })
    }
}

/// Targets: a minimum value per indicator (a fraction), or none.
#[derive(Debug, Clone, PartialEq)]
pub struct Targets {
    min: BTreeMap<Indicator, f64>,
}

impl Default for Targets {
    /// The targets of the seeds (module docs): on time 100%, satisfaction ≥ 90%, feedback
    /// handled 100%, online ≥ 5%.
    fn default() -> Targets {
        let mut min = BTreeMap::new();
        min.insert(Indicator::OnTimeRate, 1.0);
        min.insert(Indicator::SatisfactionRate, 0.9);
        min.insert(Indicator::FeedbackHandledRate, 1.0);
        min.insert(Indicator::OnlineRate, 0.05);
        Targets { min }
    }
}

impl Targets {
    /// No targets at all.
    pub fn none() -> Targets {
        Targets {
            min: BTreeMap::new(),
        }
    }

    /// The target of `i`, if any.
    pub fn get(&self, i: Indicator) -> Option<f64> {
        self.min.get(&i).copied()
    }

    /// Sets (or with `None` removes) the target of `i`. A target outside `0..=1` is an
    /// `invalid_argument` error.
    pub fn set(&mut self, i: Indicator, target: Option<f64>) -> Result<()> {
        match target {
            None => {
                self.min.remove(&i);
            }
            Some(t) if (0.0..=1.0).contains(&t) => {
                self.min.insert(i, t);
            }
            Some(t) => {
                return Err(Error::new(
                    ErrorKind::InvalidArgument,
                    format!(
                        "target {t} for `{}` must be a fraction between 0 and 1",
                        i.as_str()
                    ),
                ))
            }
        }
        Ok(())
    }

    /// The defaults overridden by a JSON object `{"indicator": fraction | null, ...}`
    /// (`null` removes a target). Unknown indicators and malformed JSON are errors.
    pub fn from_json(text: &str) -> Result<Targets> {
        let v: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            Error::new(ErrorKind::InvalidJson, format!("targets: {e}")).at_line(e.line() as u64)
        })?;
        let serde_json::Value::Object(m) = v else {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                "targets must be a JSON object",
            ));
        };
        let mut t = Targets::default();
        for (k, v) in m {
            let i: Indicator = k.parse()?;
            let target = match v {
                serde_json::Value::Null => None,
                serde_json::Value::Number(n) => n.as_f64(),
                other => {
                    return Err(Error::new(
                        ErrorKind::InvalidArgument,
                        format!("target for `{k}` must be a number or null, got {other}"),
                    ))
                }
            };
            t.set(i, target)?;
        }
        Ok(t)
    }
}

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

/// Parses a satisfaction cell: `satisfied|neutral|dissatisfied` (or the Vietnamese *hài lòng*,
/// *bình thường*, *không hài lòng*), or a number `1..=scale` of which the top fifth counts as
/// satisfied (rating ≥ ⌈0.8 × scale⌉: 4 and 5 on a 5-point scale), the bottom two fifths as
/// dissatisfied.
pub fn parse_satisfaction(s: &str, scale: u32) -> Result<Satisfaction> {
    let t = s.trim().to_lowercase();
    match t.as_str() {
        "satisfied" | "hài lòng" | "rất hài lòng" => return Ok(Satisfaction::Satisfied),
        "neutral" | "bình thường" => return Ok(Satisfaction::Neutral),
        "dissatisfied" | "không hài lòng" => return Ok(Satisfaction::Dissatisfied),
        _ => {}
    }
    let bad = || {
        Error::new(
            ErrorKind::CsvField,
            format!("`{s}` is not a rating (1..={scale}, or satisfied / neutral / dissatisfied)"),
        )
    };
    let n: u32 = t.parse().map_err(|_| bad())?;
    if n == 0 || n > scale {
        return Err(bad());
    }
    let satisfied_from = (scale * 4).div_ceil(5);
    let dissatisfied_to = (scale * 2) / 5;
    Ok(if n >= satisfied_from {
        Satisfaction::Satisfied
    } else if n <= dissatisfied_to {
        Satisfaction::Dissatisfied
    } else {
        Satisfaction::Neutral
    })
}

/// The scorecard columns of one dossier (all optional).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServiceRecord {
    /// Online service level the dossier was submitted through.
    pub online_level: Option<OnlineService>,
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
}

/// Parses `online_level`: `full|partial|none` (also *toàn trình*, *một phần*), or the old
/// levels of Decree 43/2011/NĐ-CP (`4` → full, `3` → partial, `1`/`2` → none), accepted only
/// for records received before 2022 (the two-level split of Decree 42/2022/NĐ-CP, \[S\] in reference/procedures.md §6).
pub fn parse_online_level(s: &str, received: NaiveDate) -> Result<OnlineService> {
    let t = s.trim().to_lowercase();
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
    match t.as_str() {
        "full" | "toàn trình" => Ok(OnlineService::Full),
        "partial" | "một phần" => Ok(OnlineService::Partial),
        "none" => Ok(OnlineService::None),
        "4" | "level 4" | "mức độ 4" => old(OnlineService::Full),
        "3" | "level 3" | "mức độ 3" => old(OnlineService::Partial),
        "1" | "2" | "level 1" | "level 2" => old(OnlineService::None),
        _ => Err(Error::new(
            ErrorKind::CsvField,
            format!("`{s}` is not an online level (full, partial, none; 3 or 4 before 2022)"),
        )),
    }
}

/// Parses a boolean cell: `true/false`, `1/0`, `yes/no`, `x`/empty handled by the caller,
/// `có/không`.
pub fn parse_flag(s: &str) -> Result<bool> {
    match s.trim().to_lowercase().as_str() {
        "true" | "1" | "yes" | "y" | "x" | "có" => Ok(true),
        "false" | "0" | "no" | "n" | "không" => Ok(false),
        _ => Err(Error::new(
            ErrorKind::CsvField,
            format!("`{s}` is not a yes/no value (true/false, 1/0)"),
        )),
    }
}

/// A numerator and a denominator.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
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

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Extra {
    full_online: Ratio,
    digitised: Ratio,
    result_digitised: Ratio,
    satisfaction: Ratio,
    feedback: Ratio,
}

/// One indicator of one group, judged against its target.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// Grouping column names and values (`None` on the totals).
    pub keys: Vec<(String, Option<String>)>,
    /// The indicator.
    pub indicator: Indicator,
    /// Numerator and denominator.
    pub ratio: Ratio,
    /// The target, if any.
    pub target: Option<f64>,
}

impl Score {
    /// The value, `None` = no data.
    pub fn value(&self) -> Option<f64> {
        self.ratio.value()
    }

    /// Met (`Some(true)`), not met (`Some(false)`), or undecided (`None`: no target or no data).
    pub fn met(&self) -> Option<bool> {
        Some(self.value()? >= self.target? - 1e-12)
    }

    /// `value − target` (negative = short of the target), when both exist.
    pub fn gap(&self) -> Option<f64> {
        Some(self.value()? - self.target?)
    }

    /// `"met"`, `"not_met"`, `"no_data"` or `"no_target"`.
    pub fn status(&self) -> &'static str {
        match (self.value(), self.target) {
            (None, _) => "no_data",
            (_, None) => "no_target",
            _ if self.met() == Some(true) => "met",
            _ => "not_met",
        }
    }
}

impl Serialize for Score {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for (k, v) in &self.keys {
            m.serialize_entry(k, v)?;
        }
        m.serialize_entry("indicator", self.indicator.as_str())?;
        m.serialize_entry("numerator", &self.ratio.num)?;
        m.serialize_entry("denominator", &self.ratio.den)?;
        m.serialize_entry("value", &self.value())?;
        m.serialize_entry("target", &self.target)?;
        m.serialize_entry("met", &self.met())?;
        m.serialize_entry("gap", &self.gap())?;
        m.serialize_entry("status", self.status())?;
        m.end()
    }
}

/// Accumulates the scorecard one dossier at a time (streaming, like the report).
#[derive(Debug)]
pub struct ScorecardBuilder<'a> {
    report: ReportBuilder<'a>,
    extra: HashMap<Vec<String>, Extra>,
    targets: Targets,
    as_of: NaiveDateTime,
}

impl<'a> ScorecardBuilder<'a> {
    /// A new scorecard as of `as_of`, grouped by the columns `by`.
    pub fn new(
        calendar: &'a WorkCalendar,
        catalogue: Option<&'a Catalogue>,
        rules: Rules,
        as_of: NaiveDateTime,
        by: Vec<String>,
        targets: Targets,
    ) -> ScorecardBuilder<'a> {
        let mut opts = ReportOptions::new(as_of);
        opts.by = by;
        ScorecardBuilder {
            report: ReportBuilder::new(calendar, catalogue, rules, opts),
            extra: HashMap::new(),
            targets,
            as_of,
        }
    }

    /// Counts one dossier with its scorecard columns. Dossiers received after the as-of
    /// instant are left out (`Ok(false)`).
    pub fn add(
        &mut self,
        dossier: &Dossier,
        service: &ServiceRecord,
        group: &[&str],
    ) -> Result<bool> {
        if !self.report.add(dossier, group)? {
            return Ok(false);
        }
        let e = self
            .extra
            .entry(group.iter().map(|s| s.to_string()).collect())
            .or_default();
        if let Some(level) = service.online_level {
            e.full_online.den += 1;
            e.full_online.num += u64::from(level == OnlineService::Full);
        }
        if let Some(d) = service.digitised {
            e.digitised.den += 1;
            e.digitised.num += u64::from(d);
        }
        let resolved = dossier
            .events
            .iter()
            .any(|ev| ev.kind == crate::dossier::EventKind::Resolved && ev.at <= self.as_of);
        if let (Some(d), true) = (service.result_digitised, resolved) {
            e.result_digitised.den += 1;
            e.result_digitised.num += u64::from(d);
        }
        if let Some(s) = service.satisfaction {
            e.satisfaction.den += 1;
            e.satisfaction.num += u64::from(s == Satisfaction::Satisfied);
        }
        if let Some(f) = service.feedback_received.filter(|f| *f <= self.as_of) {
            e.feedback.den += 1;
            e.feedback.num += u64::from(
                service
                    .feedback_handled
                    .is_some_and(|h| h >= f && h <= self.as_of),
            );
        }
        Ok(true)
    }

    /// The scores: for each group (in order of the group values) then the totals, every
    /// indicator.
    pub fn finish(self) -> Vec<Score> {
        let names = self.report.options().by.clone();
        let rows = self.report.finish();
        let mut total_extra = Extra::default();
        for e in self.extra.values() {
            add_extra(&mut total_extra, e);
        }
        let mut out = Vec::new();
        for row in rows {
            let extra = if row.is_total() {
                total_extra
            } else {
                let key: Vec<String> = row
                    .keys
                    .iter()
                    .map(|(_, v)| v.clone().unwrap_or_default())
                    .collect();
                self.extra.get(&key).copied().unwrap_or_default()
            };
            let keys = if names.is_empty() {
                Vec::new()
            } else {
                row.keys.clone()
            };
            for i in Indicator::ALL {
                out.push(Score {
                    keys: keys.clone(),
                    indicator: i,
                    ratio: ratio(i, &row.counts, &extra),
                    target: self.targets.get(i),
                });
            }
        }
        out
    }
}

fn add_extra(a: &mut Extra, b: &Extra) {
    for (x, y) in [
        (&mut a.full_online, b.full_online),
        (&mut a.digitised, b.digitised),
        (&mut a.result_digitised, b.result_digitised),
        (&mut a.satisfaction, b.satisfaction),
        (&mut a.feedback, b.feedback),
    ] {
        x.num += y.num;
        x.den += y.den;
    }
}

fn ratio(i: Indicator, c: &Counts, e: &Extra) -> Ratio {
    match i {
        Indicator::OnTimeRate => Ratio {
            num: c.early + c.on_time,
            den: c.resolved,
        },
        Indicator::ResolvedRate => Ratio {
            num: c.resolved,
            den: c.received,
        },
        Indicator::OnlineRate => Ratio {
            num: c.received_online,
            den: c.received_new,
        },
        Indicator::FullOnlineRate => e.full_online,
        Indicator::PostalRate => Ratio {
            num: c.received_postal,
            den: c.received_new,
        },
        Indicator::DigitisedRate => e.digitised,
        Indicator::ResultDigitisedRate => e.result_digitised,
        Indicator::SatisfactionRate => e.satisfaction,
        Indicator::FeedbackHandledRate => e.feedback,
    }
}

/// Catalogue indicators of one field: how many procedures, how many offered fully online.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogueField {
    /// The field (*lĩnh vực*); `None` on the totals row.
    pub field: Option<String>,
    /// Procedures published.
    pub procedures: u64,
    /// Offered as full-process online services.
    pub online_full: u64,
    /// Offered as partial online services.
    pub online_partial: u64,
}

impl CatalogueField {
    /// `online_full / procedures`, `None` when there are none.
    pub fn full_online_share(&self) -> Option<f64> {
        Ratio {
            num: self.online_full,
            den: self.procedures,
        }
        .value()
    }
}

/// Procedures per field and their online offer, fields in order, then the totals.
pub fn catalogue_fields(catalogue: &Catalogue) -> Vec<CatalogueField> {
    let mut by: BTreeMap<String, CatalogueField> = BTreeMap::new();
    let mut total = CatalogueField {
        field: None,
        procedures: 0,
        online_full: 0,
        online_partial: 0,
    };
    for p in catalogue.procedures() {
        let f = by.entry(p.field.clone()).or_insert_with(|| CatalogueField {
            field: Some(p.field.clone()),
            procedures: 0,
            online_full: 0,
            online_partial: 0,
        });
        for x in [&mut *f, &mut total] {
            x.procedures += 1;
            x.online_full += u64::from(p.online == OnlineService::Full);
            x.online_partial += u64::from(p.online == OnlineService::Partial);
        }
    }
    let mut out: Vec<CatalogueField> = by.into_values().collect();
    out.push(total);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn satisfaction_scales() {
        assert_eq!(parse_satisfaction("5", 5).unwrap(), Satisfaction::Satisfied);
        assert_eq!(parse_satisfaction("4", 5).unwrap(), Satisfaction::Satisfied);
        assert_eq!(parse_satisfaction("3", 5).unwrap(), Satisfaction::Neutral);
        assert_eq!(
            parse_satisfaction("2", 5).unwrap(),
            Satisfaction::Dissatisfied
        );
        assert_eq!(
            parse_satisfaction("8", 10).unwrap(),
            Satisfaction::Satisfied
        );
        assert_eq!(
            parse_satisfaction("Hài lòng", 5).unwrap(),
            Satisfaction::Satisfied
        );
        assert!(parse_satisfaction("6", 5).is_err());
        assert!(parse_satisfaction("0", 5).is_err());
        assert!(parse_satisfaction("great", 5).is_err());
    }

    #[test]
    fn online_levels() {
        let old = NaiveDate::from_ymd_opt(2021, 5, 1).unwrap();
        let new = NaiveDate::from_ymd_opt(2023, 5, 1).unwrap();
        assert_eq!(parse_online_level("4", old).unwrap(), OnlineService::Full);
        assert_eq!(
            parse_online_level("3", old).unwrap(),
            OnlineService::Partial
        );
        assert!(parse_online_level("4", new).is_err());
        assert_eq!(
            parse_online_level("full", new).unwrap(),
            OnlineService::Full
        );
        assert!(parse_online_level("5", old).is_err());
    }

    #[test]
    fn no_data_is_neither_met_nor_zero() {
        let s = Score {
            keys: vec![],
            indicator: Indicator::OnTimeRate,
            ratio: Ratio::default(),
            target: Some(1.0),
        };
        assert_eq!(
            (s.value(), s.met(), s.gap(), s.status()),
            (None, None, None, "no_data")
        );
        let s = Score {
            ratio: Ratio { num: 9, den: 10 },
            ..s
        };
        assert_eq!((s.met(), s.status()), (Some(false), "not_met"));
        assert!((s.gap().unwrap() + 0.1).abs() < 1e-9);
        let s = Score { target: None, ..s };
        assert_eq!(s.status(), "no_target");
    }

    #[test]
    fn targets_file_errors() {
        assert_eq!(
            Targets::from_json(r#"{"speed": 1}"#).unwrap_err().code(),
            "invalid_argument"
        );
        assert_eq!(
            Targets::from_json(r#"{"online_rate": 5}"#)
                .unwrap_err()
                .code(),
            "invalid_argument"
        );
        assert_eq!(Targets::from_json("{").unwrap_err().code(), "invalid_json");
    }
}

/// Where the scorecard's optional columns are in the records (resolved from the header, with
/// the same `--map NAME=SOURCE` renaming as the report columns).
#[derive(Debug, Clone)]
pub struct ServiceColumns {
    cols: [Option<usize>; 6],
    names: [&'static str; 6],
    satisfaction_scale: u32,
}

/// The scorecard's optional columns.
pub const SERVICE_COLUMNS: [&str; 6] = [
    "online_level",
    "digitised",
    "result_digitised",
    "satisfaction",
    "feedback_received",
    "feedback_handled",
];

impl ServiceColumns {
    /// Resolves the optional columns; `satisfaction_scale` is the top of a numeric rating scale
    /// (5 for 1..5). A scale of 0 is an `invalid_argument` error.
    pub fn from_header(
        header: &[&str],
        map: &HashMap<String, String>,
        satisfaction_scale: u32,
    ) -> Result<ServiceColumns> {
        if satisfaction_scale == 0 {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                "the satisfaction scale must be at least 1",
            ));
        }
        let names = crate::report::input::header_names(header);
        Ok(ServiceColumns {
            cols: SERVICE_COLUMNS.map(|c| crate::report::input::find_column(&names, map, c)),
            names: SERVICE_COLUMNS,
            satisfaction_scale,
        })
    }

    /// Parses the optional columns of one record received at `received`. Errors are
    /// [`ErrorKind::CsvField`] naming line, column and value.
    pub fn build<'r>(
        &self,
        line: u64,
        get: impl Fn(usize) -> Option<&'r str>,
        received: NaiveDate,
    ) -> Result<ServiceRecord> {
        let cell = |k: usize| {
            self.cols
                .get(k)
                .copied()
                .flatten()
                .and_then(&get)
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let locate = |k: usize, v: &str, e: Error| {
            let name = self.names.get(k).copied().unwrap_or("?");
            Error::new(
                ErrorKind::CsvField,
                format!("line {line}, column `{name}`, value `{v}`: {}", e.message()),
            )
            .at_line(line)
            .in_field(name)
        };
        let mut r = ServiceRecord::default();
        if let Some(v) = cell(0) {
            r.online_level = Some(parse_online_level(v, received).map_err(|e| locate(0, v, e))?);
        }
        if let Some(v) = cell(1) {
            r.digitised = Some(parse_flag(v).map_err(|e| locate(1, v, e))?);
        }
        if let Some(v) = cell(2) {
            r.result_digitised = Some(parse_flag(v).map_err(|e| locate(2, v, e))?);
        }
        if let Some(v) = cell(3) {
            r.satisfaction =
                Some(parse_satisfaction(v, self.satisfaction_scale).map_err(|e| locate(3, v, e))?);
        }
        let instant = |k: usize| -> Result<Option<NaiveDateTime>> {
            match cell(k) {
                None => Ok(None),
                Some(v) => crate::civil::parse_instant(v, crate::civil::DateOnly::StartOfDay)
                    .map(Some)
                    .map_err(|e| locate(k, v, e)),
            }
        };
        r.feedback_received = instant(4)?;
        r.feedback_handled = instant(5)?;
        if let (Some(h), Some(f)) = (r.feedback_handled, r.feedback_received) {
            if h < f {
                return Err(Error::new(
                    ErrorKind::EventsOutOfOrder,
                    format!("line {line}, column `feedback_handled`: handled {h} before the feedback was received {f}"),
                )
                .at_line(line)
                .in_field("feedback_handled"));
            }
        }
        if r.feedback_handled.is_some() && r.feedback_received.is_none() {
            return Err(Error::new(
                ErrorKind::CsvField,
                format!("line {line}, column `feedback_handled`: feedback handled but never received (`feedback_received` is empty)"),
            )
            .at_line(line)
            .in_field("feedback_handled"));
        }
        Ok(r)
    }
}
