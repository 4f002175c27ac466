//! The per-agency stage table: [`StageTable`].

use std::fmt::Write as _;

use chrono::NaiveDateTime;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::table::{aligned, csv_cell};
use super::Context;
use crate::deadline::StageDue;
use crate::dossier::Dossier;
use crate::error::{Error, ErrorKind, Result};
use crate::outcome::{classify, Outcome};

/// The count columns of the stage table, in order.
pub const STAGE_COLUMNS: [&str; 11] = [
    "received",
    "completed",
    "early",
    "on_time",
    "late",
    "holding",
    "pending_within",
    "overdue",
    "awaiting_supplement",
    "refused",
    "withdrawn",
];

/// The rate columns of the stage table: `on_time_rate` = (early + on_time) / completed.
pub const STAGE_RATE_COLUMNS: [&str; 1] = ["on_time_rate"];

/// One agency's stage counts (see [`StageTable`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StageCounts {
    /// Stages that received the file.
    pub received: u64,
    /// Stages completed: the file passed on, or the dossier resolved
    /// (`received = completed + holding + refused + withdrawn`).
    pub completed: u64,
    /// Completed before their due date.
    pub early: u64,
    /// Completed on their due date.
    pub on_time: u64,
    /// Completed after their due date.
    pub late: u64,
    /// Stages holding the file as of the table's instant.
    pub holding: u64,
    /// Holding, within their due date.
    pub pending_within: u64,
    /// Holding, past their due date.
    pub overdue: u64,
    /// Holding, waiting for the citizen's supplement.
    pub awaiting_supplement: u64,
    /// Ended by the refusal of the dossier (kept out of early / on time / late, as the report
    /// keeps refused dossiers out of them).
    pub refused: u64,
    /// Ended by the withdrawal of the dossier (likewise).
    pub withdrawn: u64,
}

impl StageCounts {
    /// Counts one stage by its outcome: a completed one (`early`, `on_time`, `late`), the
    /// one holding the file (`pending_within`, `overdue`, `awaiting_supplement`), or one ended
    /// by the dossier's refusal or withdrawal (`refused`, `withdrawn`). A stage
    /// without an outcome (an answer of [`due`](crate::deadline::due), made without an as-of
    /// instant) is counted as received and holding only. Counts saturate at `u64::MAX`, as
    /// [`add`](Self::add)'s do (counts built by hand can be anything).
    pub fn add_stage(&mut self, stage: &StageDue) {
        fn one(n: &mut u64) {
            *n = n.saturating_add(1);
        }
        one(&mut self.received);
        match stage.outcome {
            Some(Outcome::Early) => one(&mut self.early),
            Some(Outcome::OnTime) => one(&mut self.on_time),
            Some(Outcome::Late) => one(&mut self.late),
            Some(Outcome::PendingWithin) => one(&mut self.pending_within),
            Some(Outcome::Overdue) => one(&mut self.overdue),
            Some(Outcome::AwaitingSupplement) => one(&mut self.awaiting_supplement),
            Some(Outcome::Refused) => {
                one(&mut self.refused);
                return;
            }
            Some(Outcome::Withdrawn) => {
                one(&mut self.withdrawn);
                return;
            }
            _ => {}
        }
        if stage.completed.is_some() {
            one(&mut self.completed);
        } else {
            one(&mut self.holding);
        }
    }

    /// Adds another agency's (or part's) counts.
    pub fn add(&mut self, o: &StageCounts) {
        // Saturating, as the report's `Counts::add` (counts built by hand can be anything).
        for (a, b) in self.fields_mut().into_iter().zip(o.values()) {
            *a = a.saturating_add(b);
        }
    }

    /// The counts in the order of [`STAGE_COLUMNS`].
    pub fn values(&self) -> [u64; 11] {
        [
            self.received,
            self.completed,
            self.early,
            self.on_time,
            self.late,
            self.holding,
            self.pending_within,
            self.overdue,
            self.awaiting_supplement,
            self.refused,
            self.withdrawn,
        ]
    }

    fn fields_mut(&mut self) -> [&mut u64; 11] {
        [
            &mut self.received,
            &mut self.completed,
            &mut self.early,
            &mut self.on_time,
            &mut self.late,
            &mut self.holding,
            &mut self.pending_within,
            &mut self.overdue,
            &mut self.awaiting_supplement,
            &mut self.refused,
            &mut self.withdrawn,
        ]
    }

    /// `(early + on_time) / completed`; `None` when no stage was completed.
    pub fn on_time_rate(&self) -> Option<f64> {
        (self.completed > 0)
            .then(|| self.early.saturating_add(self.on_time) as f64 / self.completed as f64)
    }
}

/// One row of the stage table: an agency (`None` on the totals row) and its counts.
/// Serialized as `{"agency", "received", ..., "refused", "withdrawn", "on_time_rate"}`.
#[derive(Debug, Clone, PartialEq)]
pub struct StageRow {
    /// The agency; `None` on the totals row.
    pub agency: Option<String>,
    /// Its counts.
    pub counts: StageCounts,
}

impl Serialize for StageRow {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2 + STAGE_COLUMNS.len()))?;
        m.serialize_entry("agency", &self.agency)?;
        for (k, v) in STAGE_COLUMNS.iter().zip(self.counts.values()) {
            m.serialize_entry(k, &v)?;
        }
        m.serialize_entry("on_time_rate", &self.counts.on_time_rate())?;
        m.end()
    }
}

/// The per-agency stage table, accumulated one dossier at a time, mergeable (the counts add
/// up exactly).
///
/// The per-agency stage table of inter-agency (*liên thông*) dossiers (Decree 61/2018/NĐ-CP,
/// Art. 19(5)–(7) \[U\]: each stage counted with the same rules from the day it receives the
/// file; the citizen-facing outcome uses the total limit; stage overruns are reported per
/// agency, who caused the delay).
///
/// For each agency: the stages it `received`; of those, `completed` ones (passed on or
/// closed) `early`, `on_time` or `late`; and the stages it is `holding` as of the table's
/// instant: `pending_within`, `overdue` or `awaiting_supplement` — each stage classified as
/// [`classify`] classifies it (the dossier's [`StageDue`]s), so
/// `received = completed + holding`, `completed = early + on_time + late`, `holding =
/// pending_within + overdue + awaiting_supplement`. An agency in charge of two stages of one
/// dossier counts both. Dossiers without stages count nowhere here (their own outcome is the
/// report's). Rows come out in order of the agency's name, then a totals row (agency `None`).
///
/// ```
/// use motcua::{dossier::Dossier, report::{Context, StageTable}};
/// let cal = motcua::vn::public_sector()?;
/// let ctx = Context { calendar: &cal, catalogue: None, rules: Default::default() };
/// let mut table = StageTable::new("2026-03-31T23:59:00".parse().unwrap());
/// let d = Dossier::from_json(r#"{"received":"2026-03-02T09:30","time_limit":"15wd",
///   "stages":[{"agency":"Land office","time_limit":"10wd"},{"agency":"Tax office","time_limit":"3wd"}],
///   "events":[{"type":"transferred","at":"2026-03-17T10:00","to":"Tax office"}]}"#)?;
/// table.add(&ctx, &d)?;
/// let rows = table.rows();
/// // The land office passed the file on after its 10 days (due 16 March): late; the tax
/// // office holds it past its 3 days (due 20 March) on 31 March: overdue.
/// assert_eq!((rows[0].agency.as_deref(), rows[0].counts.late), (Some("Land office"), 1));
/// assert_eq!((rows[1].agency.as_deref(), rows[1].counts.overdue), (Some("Tax office"), 1));
/// # Ok::<(), motcua::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct StageTable {
    as_of: NaiveDateTime,
    /// The agencies' counts in order of their names (a sorted `Vec`: smaller than a map in the
    /// WebAssembly build).
    agencies: Vec<(String, StageCounts)>,
    dossiers: u64,
    inter_agency: u64,
    left_out: u64,
}

impl StageTable {
    /// An empty table standing at `as_of`.
    pub fn new(as_of: NaiveDateTime) -> StageTable {
        StageTable {
            as_of,
            agencies: Vec::new(),
            dossiers: 0,
            inter_agency: 0,
            left_out: 0,
        }
    }

    /// The instant the table stands at.
    pub fn as_of(&self) -> NaiveDateTime {
        self.as_of
    }

    /// Dossiers counted (with stages or not).
    pub fn dossiers(&self) -> u64 {
        self.dossiers
    }

    /// Dossiers counted that have stages.
    pub fn inter_agency(&self) -> u64 {
        self.inter_agency
    }

    /// Dossiers left out because they were received after the as-of instant.
    pub fn left_out(&self) -> u64 {
        self.left_out
    }

    /// Classifies `dossier` as of the table's instant and counts its stages. `Ok(false)` when
    /// it was received after that instant and left out. Errors are those of
    /// [`classify`] (validation, transfers, unknown procedure, dates out of range); nothing
    /// is counted then.
    pub fn add(&mut self, ctx: &Context<'_>, dossier: &Dossier) -> Result<bool> {
        ctx.calendar.check_within(dossier.received, "received")?;
        if dossier.received > self.as_of {
            self.left_out += 1;
            return Ok(false);
        }
        let c = classify(dossier, ctx.calendar, &ctx.rules, ctx.catalogue, self.as_of)?;
        self.add_stages(&c.due.stages);
        self.dossiers += 1;
        Ok(true)
    }

    /// Counts the stages of one dossier's answer (its [`Due::stages`](crate::deadline::Due)
    /// from `classify` as of this table's instant), as [`add`](StageTable::add) does.
    pub fn add_stages(&mut self, stages: &[StageDue]) {
        if stages.is_empty() {
            return;
        }
        self.inter_agency += 1;
        for s in stages {
            if let Some(c) = self.agency(&s.agency) {
                c.add_stage(s);
            }
        }
    }

    /// Adds another table standing at the same instant (errors, `invalid_argument`, else).
    pub fn merge(&mut self, other: &StageTable) -> Result<()> {
        if other.as_of != self.as_of {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!(
                    "cannot merge stage tables as of {} and {}",
                    self.as_of, other.as_of
                ),
            ));
        }
        for (agency, c) in &other.agencies {
            if let Some(mine) = self.agency(agency) {
                mine.add(c);
            }
        }
        self.dossiers += other.dossiers;
        self.inter_agency += other.inter_agency;
        self.left_out += other.left_out;
        Ok(())
    }

    /// The counts of `agency`, added (zero) in its place when new (`None` only if the index
    /// found or made were not one, which cannot be).
    fn agency(&mut self, agency: &str) -> Option<&mut StageCounts> {
        let i = match self
            .agencies
            .binary_search_by(|(a, _)| a.as_str().cmp(agency))
        {
            Ok(i) => i,
            Err(i) => {
                self.agencies
                    .insert(i, (agency.to_string(), StageCounts::default()));
                i
            }
        };
        self.agencies.get_mut(i).map(|(_, c)| c)
    }

    /// The rows: one per agency in order of its name, then the totals row (agency `None`).
    pub fn rows(&self) -> Vec<StageRow> {
        let mut total = StageCounts::default();
        let mut rows: Vec<StageRow> = self
            .agencies
            .iter()
            .map(|(a, c)| {
                total.add(c);
                StageRow {
                    agency: Some(a.clone()),
                    counts: *c,
                }
            })
            .collect();
        rows.push(StageRow {
            agency: None,
            counts: total,
        });
        rows
    }
}

/// Renders stage rows as JSON (an array of objects).
pub fn stages_to_json(rows: &[StageRow]) -> String {
    serde_json::to_string(rows).unwrap_or_else(|_| "[]".to_string())
}

/// Renders stage rows as CSV with a header (`agency`, the counts, `on_time_rate` as a
/// fraction to six decimals, empty when undefined), as the report's CSV: the totals row reads
/// `TOTAL` (an empty agency was summed as one more agency by a spreadsheet).
pub fn stages_to_csv(rows: &[StageRow]) -> String {
    let mut out = String::from("agency");
    for c in STAGE_COLUMNS.iter().chain(&STAGE_RATE_COLUMNS) {
        out.push(',');
        out.push_str(c);
    }
    out.push('\n');
    for r in rows {
        out.push_str(&csv_cell(r.agency.as_deref().unwrap_or("TOTAL")));
        for v in r.counts.values() {
            let _ = write!(out, ",{v}");
        }
        out.push(',');
        if let Some(x) = r.counts.on_time_rate() {
            let _ = write!(out, "{x:.6}");
        }
        out.push('\n');
    }
    out
}

/// Renders stage rows as an aligned terminal table (the rate as a percentage, `–` when
/// undefined; the totals row labelled `TOTAL`).
pub fn stages_to_table(rows: &[StageRow]) -> String {
    let header: Vec<String> = [
        "agency",
        "received",
        "completed",
        "early",
        "on_time",
        "late",
        "holding",
        "within",
        "overdue",
        "awaiting",
        "refused",
        "withdrawn",
        "on_time%",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut cells = vec![r.agency.clone().unwrap_or_else(|| "TOTAL".into())];
            cells.extend(r.counts.values().iter().map(u64::to_string));
            cells.push(
                r.counts
                    .on_time_rate()
                    .map_or_else(|| "–".into(), |x| super::percent(x, 1.0)),
            );
            cells
        })
        .collect();
    let totals: Vec<bool> = rows.iter().map(|r| r.agency.is_none()).collect();
    aligned(&header, 1, &body, &totals)
}

/// The stage table's [`Sink`](crate::records::Sink) for a run over records
/// ([`run_text`](crate::records::run_text), [`run_tables`](crate::records::run_tables)), with
/// transfers joined by the layout
/// ([`Layout::with_transfers`](crate::records::Layout::with_transfers)).
#[derive(Debug, Clone)]
pub struct StageSink<'a> {
    ctx: Context<'a>,
    table: StageTable,
}

impl<'a> StageSink<'a> {
    /// An empty sink standing at `as_of`.
    pub fn new(ctx: Context<'a>, as_of: NaiveDateTime) -> StageSink<'a> {
        StageSink {
            ctx,
            table: StageTable::new(as_of),
        }
    }

    /// The table, taken.
    pub fn into_table(self) -> StageTable {
        self.table
    }
}

impl crate::records::Sink for StageSink<'_> {
    fn check(&self, layout: &crate::records::Layout) -> Result<()> {
        crate::records::check_catalogue(layout, self.ctx.catalogue)
    }

    fn as_of(&self) -> Option<NaiveDateTime> {
        Some(self.table.as_of())
    }

    fn record(&mut self, _at: crate::records::Locator, r: &crate::records::Record) -> Result<bool> {
        self.table.add(&self.ctx, &r.dossier)
    }

    fn append(&mut self, later: Self) -> Result<()> {
        self.table.merge(&later.table)
    }

    fn catalogue(&self) -> Option<&crate::procedure::Catalogue> {
        self.ctx.catalogue
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// Counting a stage into counts that cannot be real (built by hand) saturates, as `add`
    /// does: it overflowed (a panic in a debug build, 0 in a release one).
    #[test]
    fn counting_a_stage_saturates() {
        let at =
            |s: &str| crate::civil::parse_instant(s, crate::civil::DateOnly::StartOfDay).unwrap();
        let stage = StageDue {
            agency: "A".into(),
            received: at("2026-03-02T09:00"),
            deemed_receipt: at("2026-03-02").date(),
            due: at("2026-03-05").date(),
            due_at: at("2026-03-05T17:00"),
            completed: Some(at("2026-03-04T10:00")),
            outcome: Some(Outcome::Early),
            working_days_late: Some(-1),
        };
        let mut c = StageCounts {
            received: u64::MAX,
            early: u64::MAX,
            completed: u64::MAX,
            ..StageCounts::default()
        };
        c.add_stage(&stage);
        assert_eq!(
            (c.received, c.early, c.completed),
            (u64::MAX, u64::MAX, u64::MAX)
        );
        let mut c = StageCounts::default();
        c.add_stage(&stage);
        assert_eq!((c.received, c.early, c.completed, c.holding), (1, 1, 1, 0));
    }
}
