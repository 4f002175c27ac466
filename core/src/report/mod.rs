//! The one-stop report (reference procedures.md §4.3): received (carried over, new online /
//! direct / postal), resolved (early / on time / late), pending (within deadline / overdue /
//! awaiting supplement), refused and withdrawn, with rates, by group and by period.
//!
//! [`ReportBuilder`] takes dossiers one at a time (streaming, constant memory: only one
//! [`Counts`] per group and period is kept) and classifies each with the rules of
//! [`outcome`](crate::outcome) as of the report's instant. [`input`] reads the CSV / JSON-lines
//! dossier records of `motcua report`.
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

pub mod input;
mod table;

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDateTime, NaiveTime};

use crate::calendar::WorkCalendar;
use crate::deadline::Rules;
use crate::dossier::{Channel, Dossier};
use crate::error::Result;
use crate::outcome::{classify, Outcome};
use crate::procedure::Catalogue;

pub use table::{
    csv_cell, to_csv, to_json, to_table, Counts, Period, PeriodKind, ReportRow, COUNT_COLUMNS,
    RATE_COLUMNS,
};

/// What the report shows.
#[derive(Debug, Clone, PartialEq)]
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

/// Accumulates the report, one dossier at a time.
#[derive(Debug)]
pub struct ReportBuilder<'a> {
    calendar: &'a WorkCalendar,
    catalogue: Option<&'a Catalogue>,
    rules: Rules,
    opts: ReportOptions,
    /// Group values (joined by U+001F) → group index.
    group_index: HashMap<String, usize>,
    groups: Vec<Vec<String>>,
    /// (period ordinal or none, group index) → counts.
    cells: BTreeMap<(Option<Period>, usize), Counts>,
    key_buf: String,
    added: u64,
    left_out: u64,
}

fn end_of_day(d: chrono::NaiveDate) -> NaiveDateTime {
    d.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN))
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
            calendar,
            catalogue,
            rules,
            opts,
            group_index: HashMap::new(),
            groups: Vec::new(),
            cells: BTreeMap::new(),
            key_buf: String::new(),
            added: 0,
            left_out: 0,
        }
    }

    /// The options.
    pub fn options(&self) -> &ReportOptions {
        &self.opts
    }

    /// Dossiers counted so far.
    pub fn added(&self) -> u64 {
        self.added
    }

    /// Dossiers left out because they were received after the as-of instant.
    pub fn left_out(&self) -> u64 {
        self.left_out
    }

    fn group(&mut self, values: &[&str]) -> usize {
        self.key_buf.clear();
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.key_buf.push('\u{1f}');
            }
            self.key_buf.push_str(v);
        }
        if let Some(&g) = self.group_index.get(&self.key_buf) {
            return g;
        }
        let g = self.groups.len();
        self.groups
            .push(values.iter().map(|s| s.to_string()).collect());
        self.group_index.insert(self.key_buf.clone(), g);
        g
    }

    /// Counts one dossier whose grouping values (one per [`ReportOptions::by`] column, in order)
    /// are `group`. Returns `Ok(false)` when the dossier was received after the as-of instant
    /// and left out. Errors are those of [`classify`] (validation, unknown procedure, dates out
    /// of the calendar's range); nothing is counted then.
    pub fn add(&mut self, dossier: &Dossier, group: &[&str]) -> Result<bool> {
        let as_of = self.opts.as_of;
        if dossier.received > as_of {
            self.left_out += 1;
            return Ok(false);
        }
        let final_class = classify(dossier, self.calendar, &self.rules, self.catalogue, as_of)?;
        let closed_on = closing_date(dossier, final_class.outcome, as_of);
        let g = self.group(group);
        let channel = dossier.channel;
        match self.opts.period {
            None => {
                let c = self.cells.entry((None, g)).or_default();
                count_new(c, channel);
                count_outcome(c, final_class.outcome);
            }
            Some(kind) => {
                let first = Period::containing(kind, dossier.received.date());
                let last = Period::containing(kind, as_of.date());
                let close_period = closed_on.map(|d| Period::containing(kind, d));
                let mut p = first;
                loop {
                    // Classification of this period's end, computed before borrowing the cell.
                    let status = if close_period == Some(p) || p == last {
                        final_class.outcome
                    } else {
                        let at = end_of_day(p.end());
                        classify(dossier, self.calendar, &self.rules, self.catalogue, at)?.outcome
                    };
                    let c = self.cells.entry((Some(p), g)).or_default();
                    if p == first {
                        count_new(c, channel);
                    } else {
                        c.carried_over += 1;
                        c.received += 1;
                    }
                    count_outcome(c, status);
                    if close_period == Some(p) || p >= last {
                        break;
                    }
                    p = p.next();
                }
            }
        }
        self.added += 1;
        Ok(true)
    }

    /// The rows: for each period (or once), one row per group in order of the group values,
    /// then the totals row (grouping keys `None`). Without grouping columns only the totals row
    /// is given.
    pub fn finish(self) -> Vec<ReportRow> {
        let names = &self.opts.by;
        let mut rows = Vec::new();
        let mut periods: Vec<Option<Period>> = self.cells.keys().map(|(p, _)| *p).collect();
        periods.dedup();
        if periods.is_empty() && self.opts.period.is_none() {
            periods.push(None);
        }
        for p in periods {
            let mut group_rows: Vec<(&Vec<String>, Counts)> = self
                .cells
                .range((p, 0)..=(p, usize::MAX))
                .filter_map(|((_, g), c)| self.groups.get(*g).map(|vals| (vals, *c)))
                .collect();
            group_rows.sort_by(|a, b| a.0.cmp(b.0));
            let mut total = Counts::default();
            for (_, c) in &group_rows {
                total.add(c);
            }
            let label = p.map(Period::label);
            if !names.is_empty() {
                for (vals, c) in group_rows {
                    rows.push(ReportRow {
                        keys: names
                            .iter()
                            .cloned()
                            .zip(vals.iter().map(|v| Some(v.clone())))
                            .collect(),
                        period: label.clone(),
                        counts: c,
                    });
                }
            }
            rows.push(ReportRow {
                keys: names.iter().map(|n| (n.clone(), None)).collect(),
                period: label,
                counts: total,
            });
        }
        rows
    }
}

/// The date a dossier was closed, for closed outcomes.
fn closing_date(
    dossier: &Dossier,
    outcome: Outcome,
    as_of: NaiveDateTime,
) -> Option<chrono::NaiveDate> {
    use crate::dossier::EventKind;
    let closes = match outcome {
        Outcome::Early | Outcome::OnTime | Outcome::Late => EventKind::Resolved,
        Outcome::Refused => EventKind::Refused,
        Outcome::Withdrawn => EventKind::Withdrawn,
        _ => return None,
    };
    dossier
        .events
        .iter()
        .find(|e| e.kind == closes && e.at <= as_of)
        .or_else(|| dossier.events.iter().find(|e| e.kind == closes))
        .map(|e| e.at.date())
}

fn count_new(c: &mut Counts, channel: Channel) {
    c.received_new += 1;
    c.received += 1;
    match channel {
        Channel::Online => c.received_online += 1,
        Channel::Direct => c.received_direct += 1,
        Channel::Postal => c.received_postal += 1,
    }
}

fn count_outcome(c: &mut Counts, outcome: Outcome) {
    match outcome {
        Outcome::Early => {
            c.resolved += 1;
            c.early += 1;
        }
        Outcome::OnTime => {
            c.resolved += 1;
            c.on_time += 1;
        }
        Outcome::Late => {
            c.resolved += 1;
            c.late += 1;
        }
        Outcome::PendingWithin => {
            c.pending += 1;
            c.pending_within += 1;
        }
        Outcome::Overdue => {
            c.pending += 1;
            c.overdue += 1;
        }
        Outcome::AwaitingSupplement => {
            c.pending += 1;
            c.awaiting_supplement += 1;
        }
        Outcome::Refused => c.refused += 1,
        Outcome::Withdrawn => c.withdrawn += 1,
    }
}
