//! The one-stop report (the tables of the Government Office's reporting circular,
//! 01/2020/TT-VPCP \[U\]): received (carried over, new online / direct / postal), resolved
//! (early / on time / late), pending (within deadline / overdue / awaiting supplement), refused
//! and withdrawn, with rates, by group and by period.
//!
//! A report is accumulated in a [`PartialReport`] (exact cells that add up: partials of
//! chunks, threads or partitions merge into the same report), classifying each dossier with
//! the rules of [`outcome`](crate::outcome) as of the report's instant; its rows (totals and
//! order) come out once, at the end. [`ReportBuilder`] is a partial report bound to its
//! [`Context`] (calendar, catalogue, rules). The records themselves are read by
//! [`records`](crate::records), the same road for every door.
//!
//! # Periods
//! Without a period the table covers everything received up to the as-of instant `T`
//! (`carried_over` = 0). With `month`, `quarter` or `year`, a dossier appears in every period
//! from the one of its receipt to the one in which it was closed (or the period of `T`):
//! `received_new` in the first, `carried_over` in the others (received before the period and
//! not closed at its start); it is counted as resolved / refused / withdrawn in the period of
//! its closing event, and as pending (classified as of the period's last day, or `T` for the
//! last period) in every period at whose end it was still open. So in every row
//! `received = resolved + pending + refused + withdrawn`.
//!
//! ```
//! use motcua::{CalendarSpec, deadline::Rules, dossier::Dossier, report::{ReportBuilder, ReportOptions}};
//! let cal = CalendarSpec::weekdays("2026-01-01".parse()?, "2026-12-31".parse()?).compile()?;
//! let opts = ReportOptions::new("2026-03-31T23:59:59".parse()?);
//! let mut report = ReportBuilder::new(&cal, None, Rules::default(), opts);
//! let d = Dossier::from_json(r#"{"received":"2026-03-02T09:30","time_limit":"3wd",
//!   "events":[{"type":"resolved","at":"2026-03-04T10:00"}]}"#)?;
//! report.add(&d, &[])?;
//! let rows = report.finish();
//! assert_eq!((rows[0].counts.received, rows[0].counts.early), (1, 1));
//! assert_eq!(rows[0].counts.on_time_rate(), Some(1.0));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod partial;
mod stages;
mod table;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::calendar::WorkCalendar;
use crate::deadline::Rules;
use crate::dossier::Dossier;
use crate::error::Result;
use crate::procedure::Catalogue;

pub use partial::{CellCounts, Keys, PartialReport};
pub use stages::{
    stages_to_csv, stages_to_json, stages_to_table, StageCounts, StageRow, StageSink, StageTable,
    STAGE_COLUMNS, STAGE_RATE_COLUMNS,
};
pub(crate) use table::check_names;
pub use table::{
    check_grouping, csv_cell, percent, printable, to_csv, to_json, to_table, Counts, Period,
    PeriodKind, ReportRow, COUNT_COLUMNS, RATE_COLUMNS,
};

/// What a dossier is judged with: the calendar, the catalogue (for dossiers given by
/// procedure code) and the rule switches.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The working-day calendar.
    pub calendar: &'a WorkCalendar,
    /// The procedure catalogue, if any.
    pub catalogue: Option<&'a Catalogue>,
    /// The rule switches.
    pub rules: Rules,
}

/// What the report shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportOptions {
    /// The instant the table stands at: dossiers received after it are left out, events after
    /// it ignored.
    pub as_of: NaiveDateTime,
    /// Grouping column names (the group values are given with each dossier).
    pub by: Vec<String>,
    /// Split by period, or one table up to `as_of`.
    pub period: Option<PeriodKind>,
}

impl ReportOptions {
    /// One table of everything up to `as_of`, not grouped.
    pub fn new(as_of: NaiveDateTime) -> ReportOptions {
        ReportOptions {
            as_of,
            by: Vec::new(),
            period: None,
        }
    }
}

/// The report of DESIGN.md's public surface (`report::Report`): the builder that counts
/// dossiers one at a time and [`finish`](ReportBuilder::finish)es into the rows.
///
/// ```
/// use motcua::report::{Report, ReportOptions};
/// let cal = motcua::vn::public_sector()?;
/// let as_of = "2026-03-31T23:59:00".parse()?;
/// let mut report = Report::new(&cal, None, Default::default(), ReportOptions::new(as_of));
/// report.add(&motcua::dossier::Dossier::from_json(
///     r#"{"received":"2026-03-02T09:30","time_limit":{"working_days":3}}"#,
/// )?, &[] as &[&str])?;
/// let rows = report.finish();
/// assert_eq!((rows[0].counts.received, rows[0].counts.overdue), (1, 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type Report<'a> = ReportBuilder<'a>;

/// Accumulates the report, one dossier at a time: a [`PartialReport`] with its [`Context`].
#[derive(Debug)]
pub struct ReportBuilder<'a> {
    ctx: Context<'a>,
    partial: PartialReport,
}

impl<'a> ReportBuilder<'a> {
    /// A new, empty report.
    pub fn new(
        calendar: &'a WorkCalendar,
        catalogue: Option<&'a Catalogue>,
        rules: Rules,
        opts: ReportOptions,
    ) -> ReportBuilder<'a> {
        ReportBuilder {
            ctx: Context {
                calendar,
                catalogue,
                rules,
            },
            partial: PartialReport::new(opts),
        }
    }

    /// The options.
    pub fn options(&self) -> &ReportOptions {
        self.partial.options()
    }

    /// Dossiers counted so far.
    pub fn added(&self) -> u64 {
        self.partial.added()
    }

    /// Dossiers left out because they were received after the as-of instant.
    pub fn left_out(&self) -> u64 {
        self.partial.left_out()
    }

    /// Counts one dossier whose grouping values (one per [`ReportOptions::by`] column, in order)
    /// are `group`. Returns `Ok(false)` when the dossier was received after the as-of instant
    /// and left out. Errors are those of [`classify`](crate::outcome::classify) (validation,
    /// unknown procedure, dates out of the calendar's range); nothing is counted then.
    pub fn add(&mut self, dossier: &Dossier, group: &[&str]) -> Result<bool> {
        self.partial.add(&self.ctx, dossier, group, None)
    }

    /// The partial report so far.
    pub fn partial(&self) -> &PartialReport {
        &self.partial
    }

    /// The rows: for each period (or once), one row per group in order of the group values,
    /// then the totals row (grouping keys `None`). Without grouping columns only the totals row
    /// is given.
    pub fn finish(self) -> Vec<ReportRow> {
        self.partial.rows()
    }
}

/// The report's [`Sink`](crate::records::Sink) for a run over records
/// ([`run_text`](crate::records::run_text), [`run_tables`](crate::records::run_tables)): each
/// chunk counts into a partial report of its own, and the partials are merged in order.
///
/// ```
/// use motcua::records::{run_text, Layout, ReadOptions, RunOptions, TextFormat, TextSource};
/// use motcua::report::{Context, ReportOptions, ReportSink};
/// let cal = motcua::vn::public_sector()?;
/// let ctx = Context { calendar: &cal, catalogue: None, rules: Default::default() };
/// let csv = "received,time_limit,resolved\n2026-03-02T09:30,3wd,2026-03-04T10:00\n";
/// let read = ReadOptions::default();
/// let mut src = TextSource::open(csv.as_bytes(), TextFormat::Csv, &read)?;
/// let layout = Layout::resolve(src.names(), &read)?;
/// let opts = ReportOptions::new("2026-03-31T23:59:59".parse().unwrap());
/// let (sink, tally) = run_text(&mut src, &layout, &RunOptions::default(),
///     || ReportSink::new(ctx, opts.clone(), false), |_| {})?;
/// assert_eq!((tally.counted, sink.partial().rows()[0].counts.early), (1, 1));
/// # Ok::<(), motcua::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ReportSink<'a> {
    ctx: Context<'a>,
    partial: PartialReport,
    service: bool,
    /// The partial's basis is the context's (taken from it with the first dossier, or from a
    /// partial merged, which must have the same): the check of each dossier's is skipped.
    /// Natively (WebAssembly checks no basis).
    #[cfg(not(target_arch = "wasm32"))]
    basis_known: bool,
}

impl<'a> ReportSink<'a> {
    /// An empty sink; `service`: tally the scorecard's columns too (the records must have
    /// been read with them, [`ReadOptions::satisfaction_scale`](crate::records::ReadOptions)).
    pub fn new(ctx: Context<'a>, opts: ReportOptions, service: bool) -> ReportSink<'a> {
        ReportSink {
            ctx,
            partial: PartialReport::new(opts),
            service,
            #[cfg(not(target_arch = "wasm32"))]
            basis_known: false,
        }
    }

    /// The partial report.
    pub fn partial(&self) -> &PartialReport {
        &self.partial
    }

    /// The partial report, taken.
    pub fn into_partial(self) -> PartialReport {
        self.partial
    }
}

impl crate::records::Sink for ReportSink<'_> {
    fn check(&self, layout: &crate::records::Layout) -> Result<()> {
        crate::records::check_catalogue(layout, self.ctx.catalogue)
    }

    fn as_of(&self) -> Option<NaiveDateTime> {
        Some(self.partial.options().as_of)
    }

    fn record(&mut self, _at: crate::records::Locator, r: &crate::records::Record) -> Result<bool> {
        let service = self.service.then_some(&r.service);
        #[cfg(not(target_family = "wasm"))]
        let group_key = r.group_key;
        #[cfg(target_family = "wasm")]
        let group_key = None;
        #[cfg(not(target_arch = "wasm32"))]
        let known = self.basis_known;
        #[cfg(target_arch = "wasm32")]
        let known = false;
        let added = self.partial.add_read(
            &self.ctx,
            &r.dossier,
            r.standing_apology,
            &r.groups,
            group_key,
            service,
            known,
        );
        // (the basis was checked, or known, when the dossier was counted or left out)
        #[cfg(not(target_arch = "wasm32"))]
        {
            self.basis_known = added.is_ok() && self.partial.has_basis();
        }
        added
    }

    fn append(&mut self, later: Self) -> Result<()> {
        self.partial.merge(&later.partial)
    }

    fn catalogue(&self) -> Option<&crate::procedure::Catalogue> {
        self.ctx.catalogue
    }

    /// A report counts outcomes only: of a procedure without stages it needs the time limit
    /// alone (its warnings and its name are not counted), which the direct reader may then
    /// read as the row's own (a limit of 0, which the catalogue would refuse for a dossier
    /// of its own, is left to the lookup).
    fn own_limit(&self, code: &str) -> Option<crate::procedure::TimeLimit> {
        self.ctx
            .catalogue?
            .get(code)
            .ok()
            .filter(|p| p.stages.is_empty() && !p.time_limit.is_zero())
            .map(|p| p.time_limit)
    }
}
