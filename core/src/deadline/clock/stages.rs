//! The stages of an inter-agency (*liên thông*) dossier in the pass: the stage holding the
//! file starts at the receipt or at its `transferred` event (with the deemed receipt rule of a
//! receipt), is marked at its end (the next transfer, the result, a refusal or a withdrawal) or
//! as of the as-of instant, and each end is a fact of the trace (Decree 61/2018/NĐ-CP,
//! Art. 19(5)–(7) \[U\]).

use chrono::NaiveDateTime;

use super::{Holding, Pass};
use crate::deadline::count::{Clock, Unit};
use crate::deadline::facts::{Fact, Trace};
use crate::deadline::rules::{
    date_of, deemed_receipt_number, number_of, pending_outcome_number, resolved_outcome_number,
    stopped_day,
};
use crate::deadline::{Outcome, StageMark};
use crate::dossier::{check_transfer, Event, EventKind};
use crate::error::Result;

impl<T: Trace> Pass<'_, T> {
    /// Stage `index` (0-based) receives the file at `at`: its clock starts from the deemed
    /// receipt day of `at`, by the rules of a receipt.
    pub(super) fn start_stage(&mut self, index: usize, at: NaiveDateTime) -> Result<()> {
        let Some(stage) = self.stages.get(index) else {
            return Ok(());
        };
        let d = deemed_receipt_number(self.cal, at, self.rules.deemed_receipt)?;
        let (unit, total) = Unit::of(stage.time_limit, self.rules.counting);
        self.holding = Some(Holding {
            index,
            at,
            deemed: d,
            clock: Clock::new(unit, total, d, at),
        });
        if self.tracing() {
            let reason = self.reason(at, d)?;
            self.trace.fact(Fact::StageReceived {
                stage: index + 1,
                agency: stage.agency.clone(),
                limit: stage.time_limit,
                at,
                date: date_of(d)?,
                reason,
                closing: self.closing(),
            });
            self.days_off(number_of(at.date()), d - 1)?;
        }
        Ok(())
    }

    /// The stage holding the file ends at `end` (a transfer or the result), or is looked at as
    /// of the as-of instant (`end` = `None`): its mark, with its class.
    pub(super) fn stage_mark(
        &self,
        h: &Holding,
        end: Option<(NaiveDateTime, EventKind)>,
    ) -> Result<StageMark> {
        // (A stage's due date counted past the calendar's end names the stage's limit.)
        let due = h.clock.current_due(self.cal).map_err(|e| match e.field() {
            Some("time_limit") => e.in_field(format!("stages[{}].time_limit", h.index)),
            _ => e,
        })?;
        let closing = self.closing();
        let due_at = || due.instant(closing).unwrap_or(NaiveDateTime::MAX);
        let compare = self.rules.compare;
        let class = match (end, self.as_of) {
            // Ended by the dossier's refusal or withdrawal: neither early nor late, as the
            // report keeps refused and withdrawn dossiers out of those classes.
            (Some((t, EventKind::Refused)), _) => Some((t, Outcome::Refused)),
            (Some((t, EventKind::Withdrawn)), _) => Some((t, Outcome::Withdrawn)),
            (Some((t, _)), _) => Some((
                t,
                resolved_outcome_number(t, number_of(t.date()), due.day, due_at, compare),
            )),
            (None, Some(t)) if h.clock.paused.is_some() => Some((t, Outcome::AwaitingSupplement)),
            (None, Some(t)) => Some((
                t,
                pending_outcome_number(t, number_of(t.date()), due.day, due_at, compare),
            )),
            (None, None) => None,
        };
        let (outcome, working_days_late) = match class {
            Some((t, o)) => {
                // Awaiting a supplement (or ended by a refusal or withdrawal while one was
                // awaited) the stage's clock is stopped: measured to the request, or to the
                // stage's round start when the request came before it, as the dossier's own
                // lateness is (`stopped_day`).
                let to = match (h.clock.paused, self.life.open_request()) {
                    (Some(_), Some(r)) => stopped_day(number_of(r.date()), h.clock.start_day),
                    _ => number_of(t.date()),
                };
                let late = self.cal.working_days_between_numbers(due.day, to)?;
                (Some(o), Some(late))
            }
            None => (None, None),
        };
        Ok(StageMark {
            agency: self
                .stages
                .get(h.index)
                .filter(|_| self.trace.stages())
                .map(|s| s.agency.clone())
                .unwrap_or_default(),
            index: h.index,
            received: h.at,
            deemed: h.deemed,
            due_day: due.day,
            due_at: due.at,
            completed: end.map(|(t, _)| t),
            outcome,
            working_days_late,
        })
    }

    /// Records the end of a stage (or where the stage holding the file stands).
    pub(super) fn explain_stage(&mut self, m: &StageMark) -> Result<()> {
        if self.tracing() {
            let due = date_of(m.due_day)?;
            self.trace.fact(Fact::StageEnded {
                stage: m.index + 1,
                agency: m.agency.clone(),
                due,
                due_at: m.due_at.unwrap_or_else(|| due.and_time(self.closing())),
                completed: m.completed,
                outcome: m.outcome,
                working_days_late: m.working_days_late,
            });
        }
        Ok(())
    }

    /// The stage holding the file ends at `at` by the event `by` (the next transfer, the
    /// result, a refusal or a withdrawal).
    pub(super) fn end_stage(&mut self, at: NaiveDateTime, by: EventKind) -> Result<()> {
        let Some(h) = self.holding.take() else {
            return Ok(());
        };
        let mark = self.stage_mark(&h, Some((at, by)))?;
        self.explain_stage(&mark)?;
        if self.trace.stages() {
            self.rare.lists().ended.push(mark);
        }
        Ok(())
    }

    /// The file reaches the next stage (event `i`): checked against the stages, the stage
    /// holding it ends and the next one starts.
    pub(super) fn transfer(&mut self, i: usize, e: &Event, events: &[Event]) -> Result<()> {
        check_transfer(i, e, self.life.transfers, self.stages)
            .map_err(|err| self.life.or_disorder(events, i, err))?;
        self.end_stage(e.at, e.kind)?;
        let next = usize::try_from(self.life.transfers).unwrap_or(usize::MAX);
        self.start_stage(next, e.at)
    }

    /// A closing event (result, refusal, withdrawal) ends the stage holding the file, if any
    /// (called from the closing arms of [`step`](Self::step), after their own work, rather
    /// than tested after the match for every event). One copy on WebAssembly, where bytes count
    /// more.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub(super) fn end_stage_at_close(&mut self, e: &Event) -> Result<()> {
        if self.holding.is_some() {
            self.end_stage(e.at, e.kind)?;
        }
        Ok(())
    }
}
