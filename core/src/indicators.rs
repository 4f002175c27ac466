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

use chrono::NaiveDateTime;
use serde::ser::SerializeMap;
use serde::Serialize;

use crate::calendar::WorkCalendar;
use crate::deadline::Rules;
use crate::dossier::Dossier;
use crate::error::{Error, ErrorKind, Result};
use crate::procedure::{Catalogue, OnlineService};
pub use crate::records::SERVICE_COLUMNS;
use crate::report::{Context, Counts, PartialReport, ReportOptions};

/// One indicator of the scorecard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Indicator {
    /// `(early + on_time) / resolved`.
    OnTimeRate,
    /// `resolved / received`.
    ResolvedRate,
    /// `received_online / received_new`.
    OnlineRate,
    /// New dossiers submitted online through a full-process online service / new dossiers,
    /// when the records carry `online_level` (an empty cell: not shown to be fully online).
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
    /// By indicator, in the order of [`Indicator::ALL`] (an array, not a map: one less map
    /// type in the WebAssembly module).
    min: [Option<f64>; Indicator::ALL.len()],
}

impl Default for Targets {
    /// The targets of the seeds (module docs): on time 100%, satisfaction ≥ 90%, feedback
    /// handled 100%, online ≥ 5%.
    fn default() -> Targets {
        let mut t = Targets::none();
        for (i, v) in [
            (Indicator::OnTimeRate, 1.0),
            (Indicator::SatisfactionRate, 0.9),
            (Indicator::FeedbackHandledRate, 1.0),
            (Indicator::OnlineRate, 0.05),
        ] {
            if let Some(slot) = t.min.get_mut(i as usize) {
                *slot = Some(v);
            }
        }
        t
    }
}

impl Targets {
    /// No targets at all.
    pub fn none() -> Targets {
        Targets {
            min: [None; Indicator::ALL.len()],
        }
    }

    /// The target of `i`, if any.
    pub fn get(&self, i: Indicator) -> Option<f64> {
        self.min.get(i as usize).copied().flatten()
    }

    /// Sets (or with `None` removes) the target of `i`. A target outside `0..=1` is an
    /// `invalid_argument` error.
    pub fn set(&mut self, i: Indicator, target: Option<f64>) -> Result<()> {
        match target {
            None | Some(0.0..=1.0) => {
                if let Some(slot) = self.min.get_mut(i as usize) {
                    *slot = target;
                }
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
        let v: serde_json::Value = crate::vn::strict_json(text).map_err(|e| {
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

pub use crate::records::service::{
    is_unrated, parse_flag, parse_online_level, parse_satisfaction, Ratio, Satisfaction,
    ServiceRecord, ServiceTally,
};

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

/// The columns of a scorecard row after its grouping columns, in output order.
pub const SCORE_COLUMNS: [&str; 8] = [
    "indicator",
    "numerator",
    "denominator",
    "value",
    "target",
    "met",
    "gap",
    "status",
];

/// Checks the grouping columns `by` of a scorecard: each named once, and none named as one of
/// [`SCORE_COLUMNS`] (a row would hold two values under one name), as
/// [`report::check_grouping`](crate::report::check_grouping) checks a report's.
pub fn check_grouping<S: AsRef<str>>(by: &[S]) -> Result<()> {
    crate::report::check_names(by, "scorecard", &[&SCORE_COLUMNS])
}

/// The scores of a partial report's cells (its scorecard tallies and counts): for each group
/// (in order of the group values) then the totals, every indicator.
pub fn scores(partial: &PartialReport, targets: &Targets) -> Vec<Score> {
    let names = &partial.options().by;
    let groups = partial.group_totals();
    // The totals come last: any level given in the report (or by a dossier left out of it,
    // received after the as-of instant: the records carry the level all the same).
    let levels_given = partial.levels_seen()
        || groups
            .last()
            .is_some_and(|(_, total)| total.service.full_online.den > 0);
    let mut out = Vec::new();
    for (keys, cell) in groups {
        let keys = if names.is_empty() { Vec::new() } else { keys };
        for i in Indicator::ALL {
            out.push(Score {
                keys: keys.clone(),
                indicator: i,
                ratio: ratio(i, &cell.counts, &cell.service, levels_given),
                target: targets.get(i),
            });
        }
    }
    out
}

/// The notes of a scorecard on its flag columns (`digitised`, `result_digitised`) when some
/// dossiers give a value and others leave the cell empty: an empty cell is no value, and the
/// dossier is left out of the rate's denominator (a `true/false` column with gaps says
/// nothing of those dossiers), which a column of ticked boxes (`x`, `1`, and the others left
/// empty) reads as 100% — so the run says how many were left out, and how to count an empty
/// box as not ticked. One text for every door (the CLI's stderr, Python's warning).
///
/// ```
/// use motcua::indicators::{flag_notes, ScorecardBuilder, Targets};
/// use motcua::dossier::Dossier;
/// use motcua::indicators::ServiceRecord;
/// let cal = motcua::vn::public_sector()?;
/// let as_of = "2026-11-15T17:00:00".parse()?;
/// let mut card = ScorecardBuilder::new(&cal, None, Default::default(), as_of, vec![], Targets::none());
/// for digitised in [Some(true), None, None, None] {
///     let d = Dossier::from_json(r#"{"received": "2026-03-03T10:00", "time_limit": {"working_days": 5}}"#)?;
///     let s = ServiceRecord { digitised, ..ServiceRecord::default() };
///     card.add(&d, &s, &[])?;
/// }
/// assert_eq!(card.notes(), [
///     "`digitised`: 3 of the 4 dossiers have no value, left out of digitised_rate (an empty \
///      cell is no value; write 0, false or không for a box not ticked)"
/// ]);
/// // (every dossier given a value, or none: no note)
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn flag_notes(partial: &PartialReport) -> Vec<String> {
    let groups = partial.group_totals();
    let Some((_, total)) = groups.last() else {
        return Vec::new();
    };
    let s = &total.service;
    [
        ("digitised", "", s.digitised.den, total.counts.received_new),
        (
            "result_digitised",
            " resolved",
            s.result_digitised.den,
            total.counts.resolved,
        ),
    ]
    .into_iter()
    .filter(|&(_, _, given, of)| given > 0 && given < of)
    .map(|(column, which, given, of)| {
        format!(
            "`{column}`: {n} of the {of} dossiers{which} have no value, left out of \
             {column}_rate (an empty cell is no value; write 0, false or không for a box not \
             ticked)",
            n = of - given
        )
    })
    .collect()
}

/// Accumulates the scorecard one dossier at a time (streaming, like the report): a
/// [`PartialReport`] whose cells also tally the scorecard's columns.
#[derive(Debug)]
pub struct ScorecardBuilder<'a> {
    ctx: Context<'a>,
    partial: PartialReport,
    targets: Targets,
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
            ctx: Context {
                calendar,
                catalogue,
                rules,
            },
            partial: PartialReport::new(opts),
            targets,
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
        self.partial.add(&self.ctx, dossier, group, Some(service))
    }

    /// The notes on the flag columns so far ([`flag_notes`]).
    pub fn notes(&self) -> Vec<String> {
        flag_notes(&self.partial)
    }

    /// The scores: for each group (in order of the group values) then the totals, every
    /// indicator.
    pub fn finish(self) -> Vec<Score> {
        scores(&self.partial, &self.targets)
    }
}

fn ratio(i: Indicator, c: &Counts, e: &ServiceTally, levels_given: bool) -> Ratio {
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
        Indicator::FullOnlineRate => e.full_online_rate(levels_given),
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
    let mut out: Vec<CatalogueField> = Vec::new();
    let mut total = CatalogueField {
        field: None,
        procedures: 0,
        online_full: 0,
        online_partial: 0,
    };
    for p in catalogue.procedures() {
        let at = match out
            .iter()
            .position(|f| f.field.as_deref() == Some(p.field.as_str()))
        {
            Some(at) => at,
            None => {
                out.push(CatalogueField {
                    field: Some(p.field.clone()),
                    procedures: 0,
                    online_full: 0,
                    online_partial: 0,
                });
                out.len() - 1
            }
        };
        if let Some(f) = out.get_mut(at) {
            for x in [f, &mut total] {
                x.procedures += 1;
                x.online_full += u64::from(p.online == OnlineService::Full);
                x.online_partial += u64::from(p.online == OnlineService::Partial);
            }
        }
    }
    crate::sort::sort_by(&mut out, |a, b| a.field.cmp(&b.field));
    out.push(total);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// An indicator given twice in targets is `invalid_json`: the last copy won silently.
    #[test]
    fn an_indicator_given_twice_in_targets_is_an_error() {
        assert!(Targets::from_json(r#"{"online_rate":0.3}"#).is_ok());
        let e = Targets::from_json(r#"{"online_rate":0.3,"online_rate":0.9}"#).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidJson);
        assert!(e.message().contains("`online_rate` is given twice"), "{e}");
    }

    #[test]
    fn score_columns_are_the_keys_a_score_row_writes() {
        let score = Score {
            keys: vec![("field".into(), Some("Hộ tịch".into()))],
            indicator: Indicator::OnTimeRate,
            ratio: Ratio { num: 1, den: 2 },
            target: Some(1.0),
        };
        let v = serde_json::to_value(&score).unwrap();
        let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        let mut want = vec!["field"];
        want.extend(SCORE_COLUMNS);
        keys.sort_unstable();
        want.sort_unstable();
        assert_eq!(keys, want);
        assert!(check_grouping(&["field", "agency"]).is_ok());
        for bad in [&["value"][..], &["status"], &["field", "field"]] {
            assert_eq!(
                check_grouping(bad).unwrap_err().code(),
                "invalid_argument",
                "{bad:?}"
            );
        }
    }

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
        // A whole number written as a float (pandas saves a rating column with gaps so)
        assert_eq!(
            parse_satisfaction("4.0", 5).unwrap(),
            Satisfaction::Satisfied
        );
        assert_eq!(
            parse_satisfaction("2.00", 5).unwrap(),
            Satisfaction::Dissatisfied
        );
        assert_eq!(
            parse_satisfaction("10.", 10).unwrap(),
            Satisfaction::Satisfied
        );
        for bad in ["4.5", ".0", "6.0", "0.0", "4.0.0", "-4.0", "4.05"] {
            assert!(parse_satisfaction(bad, 5).is_err(), "{bad}");
        }
    }

    #[test]
    fn targets_are_kept_by_declaration_order() {
        // `Targets` indexes its array by `Indicator as usize`: ALL must be in that order.
        for (k, i) in Indicator::ALL.into_iter().enumerate() {
            assert_eq!(i as usize, k);
        }
        let mut t = Targets::none();
        for (k, i) in Indicator::ALL.into_iter().enumerate() {
            t.set(i, Some(k as f64 / 10.0)).unwrap();
        }
        for (k, i) in Indicator::ALL.into_iter().enumerate() {
            assert_eq!(t.get(i), Some(k as f64 / 10.0));
        }
        t.set(Indicator::OnlineRate, None).unwrap();
        assert_eq!(t.get(Indicator::OnlineRate), None);
        assert!(t.set(Indicator::OnlineRate, Some(f64::NAN)).is_err());
        assert!(t.set(Indicator::OnlineRate, Some(1.5)).is_err());
        let d = Targets::default();
        assert_eq!(d.get(Indicator::OnTimeRate), Some(1.0));
        assert_eq!(d.get(Indicator::SatisfactionRate), Some(0.9));
        assert_eq!(d.get(Indicator::FeedbackHandledRate), Some(1.0));
        assert_eq!(d.get(Indicator::OnlineRate), Some(0.05));
        assert_eq!(d.get(Indicator::DigitisedRate), None);
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
    fn the_portals_vietnamese_values() {
        // As the national and provincial portals' exports write them (in any case, either
        // spelling of *hóa*).
        let new = NaiveDate::from_ymd_opt(2025, 5, 1).unwrap();
        let old = NaiveDate::from_ymd_opt(2021, 5, 1).unwrap();
        for (text, level) in [
            ("DVC toàn trình", OnlineService::Full),
            ("Dịch vụ công trực tuyến toàn trình", OnlineService::Full),
            ("DVC trực tuyến một phần", OnlineService::Partial),
            ("DVCTT một phần", OnlineService::Partial),
            ("Trực tuyến toàn trình", OnlineService::Full),
            ("  MỘT PHẦN ", OnlineService::Partial),
            ("Không", OnlineService::None),
        ] {
            assert_eq!(parse_online_level(text, new).unwrap(), level, "{text}");
        }
        assert_eq!(
            parse_online_level("Mức độ 2", old).unwrap(),
            OnlineService::None
        );
        assert!(parse_online_level("Mức độ 2", new).is_err());
        // A prefix alone, or words after the level, are no level.
        for bad in [
            "DVC",
            "dvc toàn trình x",
            "toàn trình một phần",
            "dịch vụ công",
        ] {
            assert!(parse_online_level(bad, new).is_err(), "{bad}");
        }
        for (text, flag) in [
            ("Đã số hóa", true),
            ("đã số hoá", true),
            ("ĐÃ", true),
            ("Chưa số hóa", false),
            ("chưa số hoá", false),
            ("Chưa", false),
        ] {
            assert_eq!(parse_flag(text).unwrap(), flag, "{text}");
        }
        assert!(parse_flag("đã hủy").is_err());
        assert_eq!(
            parse_satisfaction("Rất không hài lòng", 5).unwrap(),
            Satisfaction::Dissatisfied
        );
        assert!(is_unrated("Chưa đánh giá") && is_unrated(" KHÔNG ĐÁNH GIÁ "));
        assert!(!is_unrated("hài lòng") && !is_unrated(""));
        // Not a rating either way: the reader leaves such a cell out, as an empty one.
        assert!(parse_satisfaction("Chưa đánh giá", 5).is_err());
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
