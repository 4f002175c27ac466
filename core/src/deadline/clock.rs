//! The one pass of the clock over a dossier's events: the only deadline engine. A [`Clock`]
//! counts one limit (its unit, what is left, the day its current round started, a new
//! appointment, a stop while a supplement is awaited); the [`Pass`] walks the events in order,
//! checks the lifecycle rules, moves the clock by the rules of [`super::rules`], records
//! warnings, and writes typed [`Fact`]s into its [`Trace`]. With [`NoTrace`](super::facts::NoTrace) (the native fast
//! path) every fact and day listing is compiled away, so the answer with and without an explanation
//! comes from the same arithmetic.
//!
//! A stage of an inter-agency dossier is one more [`Clock`] with its own deemed receipt day,
//! counted by the same rules in the same pass: the stage holding the file starts at the
//! receipt (stage 1) or at its `transferred` event, with the deemed receipt rule of a receipt;
//! a supplement request pauses it and the complete dossier resumes it as it does the total;
//! it ends at the next transfer or at the result, refusal or withdrawal, and is compared with
//! its own due date as a result is. New appointments (apology, extension) move the dossier's
//! due date only: a stage's limit is the inter-agency process's.
//!
//! The pass's work on a supplement request, the complete dossier and new appointments is in
//! `clock/pauses.rs`; on the stages, in `clock/stages.rs`.

mod pauses;
mod stages;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::count::{Clock, Unit};
use super::facts::{Amount, Fact, Reason, Round, Trace};
use super::options::rule_set_for_number;
use super::options::{Compare, DeemedReceipt, RuleSetInfo, Rules};
use super::render::warnings::Notice;
use super::rules::{date_of, deemed_receipt_number, is_after_due_number, number_of, text_in_force};
use super::{Evaluation, StageMark};
use crate::calendar::WorkCalendar;
use crate::dossier::{Dossier, Event, EventKind, Lifecycle, LimitSource};
use crate::error::{Error, ErrorKind, Result};
use crate::procedure::{AuthorityLevel, Procedure, Stage, TimeLimit};

/// The pass over one dossier's events: the clock, the lifecycle checks, the warnings and the
/// trace.
pub(crate) struct Pass<'a, T: Trace> {
    cal: &'a WorkCalendar,
    /// The rules: natively by reference (a copy was four more instructions of every dossier's
    /// start), on WebAssembly a copy (fewer bytes of code: each use is one load less).
    rules: Held<'a, Rules>,
    /// The calendar's closing time, on WebAssembly only (natively read from the calendar
    /// where needed rather than copied into the pass on every dossier; see
    /// [`closing`](Pass::closing)).
    #[cfg(target_arch = "wasm32")]
    closing: NaiveTime,
    set: &'static RuleSetInfo,
    /// The first deemed receipt day (day number).
    deemed_receipt: i64,
    clock: Clock,
    life: Lifecycle,
    /// The stages of an inter-agency dossier (empty: none).
    stages: &'a [Stage],
    /// The stage holding the file, with its clock.
    holding: Option<Holding>,
    /// The as-of instant, if any (the stage holding the file is classified against it).
    as_of: Option<NaiveDateTime>,
    /// Before the as-of snapshot: warnings and facts are recorded.
    live: bool,
    /// Whether the running count has been explained since the clock last changed.
    counted: bool,
    /// A new appointment made while the clock is stopped (a day number), for the
    /// explanation of the resumption (set only when tracing).
    appointed: Option<i64>,
    /// The ended stages, the days off listed and the warnings.
    rare: Rare,
    trace: T,
}

/// The lists the pass seldom fills (see [`Rare`]).
#[derive(Debug, Default)]
struct Lists {
    /// The stages that ended, in order (kept only for a dossier with stages).
    ended: Vec<StageMark>,
    /// The days off and make-up days the explanation listed (day numbers; set only when
    /// tracing).
    listed: Vec<i64>,
    /// The warnings, in order.
    warnings: Vec<Notice>,
}

/// The lists the pass seldom fills (warnings, ended stages, listed days off), natively boxed
/// together: one word, a null pointer, to set when the pass starts and to test when it is
/// dropped, where a `Vec` each was three words to write and a capacity to test on every
/// dossier (and a box each, one word to write and one to test each). The box is freed by
/// [`Rare`]'s own `drop`, a test of the pointer and a call out of line when set: held in a
/// `ManuallyDrop`, it has no drop glue of its own, which the compiler called out of line (to
/// drop nothing) on every dossier. On WebAssembly, where bytes count more than instructions,
/// the plain lists (the allocation on the first push is code there).
#[derive(Debug)]
#[cfg(not(target_arch = "wasm32"))]
struct Rare(Option<std::mem::ManuallyDrop<Box<Lists>>>);

#[cfg(not(target_arch = "wasm32"))]
impl Drop for Rare {
    #[inline(always)]
    fn drop(&mut self) {
        if let Some(lists) = self.0.take() {
            free_lists(std::mem::ManuallyDrop::into_inner(lists));
        }
    }
}

/// Frees the lists of a [`Rare`] (out of line: seldom any).
#[cfg(not(target_arch = "wasm32"))]
#[cold]
#[inline(never)]
fn free_lists(lists: Box<Lists>) {
    drop(lists);
}

/// [`Rare`] on WebAssembly: the plain lists.
#[derive(Debug)]
#[cfg(target_arch = "wasm32")]
struct Rare(Lists);

impl Rare {
    /// Empty, without allocating.
    #[inline(always)]
    const fn new() -> Rare {
        #[cfg(not(target_arch = "wasm32"))]
        return Rare(None);
        #[cfg(target_arch = "wasm32")]
        return Rare(Lists {
            ended: Vec::new(),
            listed: Vec::new(),
            warnings: Vec::new(),
        });
    }

    /// The lists, to push to (natively allocated on the first push).
    #[inline]
    fn lists(&mut self) -> &mut Lists {
        #[cfg(not(target_arch = "wasm32"))]
        return self
            .0
            .get_or_insert_with(|| std::mem::ManuallyDrop::new(Box::default()));
        #[cfg(target_arch = "wasm32")]
        return &mut self.0;
    }

    /// The lists as they are, if any.
    #[inline(always)]
    fn get(&self) -> Option<&Lists> {
        #[cfg(not(target_arch = "wasm32"))]
        return self.0.as_deref().map(|b| &**b);
        #[cfg(target_arch = "wasm32")]
        return Some(&self.0);
    }

    /// The warnings, in order.
    #[inline(always)]
    fn warnings(&self) -> &[Notice] {
        self.get().map_or(&[], |l| l.warnings.as_slice())
    }

    /// The days listed, in order.
    #[inline(always)]
    fn listed(&self) -> &[i64] {
        self.get().map_or(&[], |l| l.listed.as_slice())
    }

    /// The ended stages, in order.
    #[inline(always)]
    fn ended(&self) -> &[StageMark] {
        self.get().map_or(&[], |l| l.ended.as_slice())
    }

    /// The warnings when any, leaving none.
    #[inline(always)]
    #[allow(clippy::box_collection)]
    fn take_warnings(&mut self) -> Option<Box<Vec<Notice>>> {
        #[cfg(not(target_arch = "wasm32"))]
        let lists: &mut Lists = self.0.as_deref_mut()?;
        #[cfg(target_arch = "wasm32")]
        let lists = &mut self.0;
        if lists.warnings.is_empty() {
            None
        } else {
            Some(Box::new(std::mem::take(&mut lists.warnings)))
        }
    }
}

/// What the pass holds of a small value of the caller's ([`Rules`]): natively a reference
/// (nothing to copy when the pass starts), on WebAssembly a copy (each use one load less, and
/// bytes count more there than instructions).
#[cfg(not(target_arch = "wasm32"))]
type Held<'a, T> = &'a T;
/// See the native [`Held`].
#[cfg(target_arch = "wasm32")]
type Held<'a, T> = T;

/// The rules as the pass holds them ([`Held`]).
#[cfg(not(target_arch = "wasm32"))]
#[inline(always)]
fn held(rules: &Rules) -> Held<'_, Rules> {
    rules
}

/// The rules as the pass holds them ([`Held`]).
#[cfg(target_arch = "wasm32")]
#[inline(always)]
fn held(rules: &Rules) -> Held<'_, Rules> {
    *rules
}

/// The stage holding the file: which, since when, and its clock.
#[derive(Debug, Clone, Copy)]
struct Holding {
    /// The stage's index in the stages (0-based).
    index: usize,
    /// When it received the file.
    at: NaiveDateTime,
    /// Its deemed receipt day.
    deemed: i64,
    clock: Clock,
}

/// Runs the pass over `dossier` (events after `as_of` are checked but not counted) and
/// returns the evaluation with the sink; the stages are the dossier's own, else those of its
/// `procedure`. Inlined into each door natively (the answer is then
/// built in place); one copy in WebAssembly, where bytes count more.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub(crate) fn run<T: Trace>(
    dossier: &Dossier,
    cal: &WorkCalendar,
    rules: &Rules,
    limit: TimeLimit,
    procedure: Option<&Procedure>,
    as_of: Option<NaiveDateTime>,
    trace: T,
) -> Result<(Evaluation, T)> {
    let stages = dossier.stages_of(procedure);
    let received = dossier.received;
    let d = deemed_receipt_number(cal, received, rules.deemed_receipt)
        .map_err(|err| err.in_field("received"))?;
    let set = rule_set_for_number(d);
    let (unit, total) = Unit::of(limit, rules.counting);
    let mut p = Pass {
        cal,
        rules: held(rules),
        #[cfg(target_arch = "wasm32")]
        closing: cal.closing_time(),
        set,
        deemed_receipt: d,
        clock: Clock::new(unit, total, d, received),
        life: Lifecycle::new(received),
        stages,
        holding: None,
        as_of,
        live: true,
        counted: false,
        appointed: None,
        rare: Rare::new(),
        trace,
    };
    p.start_warnings(procedure);
    if p.trace.on() {
        p.trace.fact(Fact::RuleSet {
            rule_set: set.id,
            deemed_receipt: date_of(d)?,
            rules: *rules,
        });
        let procedure = match (&dossier.limit, procedure) {
            (LimitSource::Procedure(_), Some(p)) => Some((p.code.clone(), p.name.clone())),
            _ => None,
        };
        let counted_as = matches!((limit, unit), (TimeLimit::WorkingDays(_), Unit::Seconds))
            .then_some(Amount::WorkingSeconds(total));
        p.trace.fact(Fact::Limit {
            limit,
            procedure,
            counted_as,
        });
        p.received(
            Round::First,
            dossier.channel,
            received,
            dossier.received_date_only,
            d,
        )?;
    }
    if !stages.is_empty() {
        p.start_stage(0, received)?;
    }
    let mut snapshot = None;
    // The as-of instant until the snapshot is taken at the first event after it (then none:
    // the later events are checked, not counted); tested alone, not with the snapshot.
    let mut cut = as_of;
    for (i, e) in dossier.events.iter().enumerate() {
        #[cfg(not(target_arch = "wasm32"))]
        p.period_ends(Some(e.at))?;
        if let Some(t) = cut {
            if e.at > t {
                cut = None;
                snapshot = Some(p.finish(Some((t, dossier.events.len() - i)))?);
            }
        }
        p.step(i, e, dossier)?;
    }
    #[cfg(not(target_arch = "wasm32"))]
    p.period_ends(None)?;
    let ev = match snapshot {
        Some(s) => s,
        None => p.finish(None)?,
    };
    Ok((ev, p.trace))
}

/// The error of event `i` outside the calendar.
#[cold]
#[inline(never)]
fn event_out_of_range(cal: &WorkCalendar, i: usize, e: &Event) -> Error {
    match cal.check_within(e.at, &format!("events[{i}].at")) {
        Err(err) => err,
        Ok(()) => Error::new(ErrorKind::DateOutOfRange, String::new()),
    }
}

impl<T: Trace> Pass<'_, T> {
    /// Hands the sink the evaluation as of each end it wants before `before` (an event's
    /// instant; `None`: every end left), while the dossier is open (see
    /// [`Trace::end_before`]). Nothing for the other sinks.
    #[cfg(not(target_arch = "wasm32"))]
    #[inline(always)]
    fn period_ends(&mut self, before: Option<NaiveDateTime>) -> Result<()> {
        while self.life.closing_index == usize::MAX {
            let Some(t) = self.trace.end_before(before) else {
                break;
            };
            let ev = self.finish(None)?;
            self.trace.at_end(t, ev);
        }
        Ok(())
    }

    /// The warnings known from the start: an unverified rule set, a district-level procedure
    /// after districts were abolished.
    #[inline(always)]
    fn start_warnings(&mut self, procedure: Option<&Procedure>) {
        if !self.trace.warnings() || (self.set.verified && procedure.is_none()) {
            return;
        }
        self.start_warnings_of(procedure);
    }

    #[cold]
    fn start_warnings_of(&mut self, procedure: Option<&Procedure>) {
        let set = self.set;
        if !set.verified {
            let text = text_in_force(set.text, date_of(self.deemed_receipt).ok());
            self.rare
                .lists()
                .warnings
                .push(Notice::RuleSetUnverified { set, text });
        }
        if let Some(p) = procedure {
            if p.level == AuthorityLevel::District && !set.has_districts {
                if let Ok(deemed) = date_of(self.deemed_receipt) {
                    self.rare
                        .lists()
                        .warnings
                        .push(Notice::DistrictLevelAbolished {
                            code: p.code.clone(),
                            deemed,
                        });
                }
            }
        }
    }

    /// Notes `notice` (made only when it is kept: before the as-of snapshot, warnings
    /// wanted); the door words it.
    #[inline]
    fn warn(&mut self, notice: impl FnOnce() -> Notice) {
        if self.live && self.trace.warnings() {
            self.rare.lists().warnings.push(notice());
        }
    }

    /// The calendar's closing time.
    #[inline(always)]
    fn closing(&self) -> NaiveTime {
        #[cfg(not(target_arch = "wasm32"))]
        return self.cal.closing_time();
        #[cfg(target_arch = "wasm32")]
        return self.closing;
    }

    /// Whether facts are recorded now.
    #[inline(always)]
    fn tracing(&self) -> bool {
        self.live && self.trace.on()
    }

    #[inline]
    fn fact(&mut self, f: impl FnOnce() -> Fact) {
        if self.tracing() {
            self.trace.fact(f());
        }
    }

    /// Records the days off in `from..=to` (day numbers; nothing when `to < from`).
    fn days_off(&mut self, from: i64, to: i64) -> Result<()> {
        if !self.tracing() || to < from {
            return Ok(());
        }
        for (date, class) in self
            .cal
            .named_days_with_class(date_of(from)?, date_of(to)?)?
        {
            // Each day once: a stage and the dossier received at one instant, or two receipts
            // in one break, skip the same days; a stage received on a weekend lists that weekend
            // before the dossier's count lists the days before it (a high-water mark lost them).
            let n = number_of(date);
            if self.rare.listed().contains(&n) {
                continue;
            }
            self.rare.lists().listed.push(n);
            let name = self.cal.day_name(date).map(str::to_string);
            self.trace.fact(match class {
                // A weekly rest day worked: counted, and said so (a Saturday in the list of
                // counted days, unexplained, read as a mistake).
                crate::calendar::DayClass::MakeupWorkingDay => Fact::MakeupDay { date, name },
                _ => Fact::DayOff { date, class, name },
            });
        }
        Ok(())
    }

    /// Records a receipt instant, its deemed receipt day `d` and the days off skipped to it.
    fn received(
        &mut self,
        round: Round,
        channel: crate::dossier::Channel,
        at: NaiveDateTime,
        date_only: bool,
        d: i64,
    ) -> Result<()> {
        if !self.tracing() {
            return Ok(());
        }
        let day = number_of(at.date());
        let reason = match self.reason(at, d)? {
            Reason::BeforeOpening if date_only => Reason::DateOnly,
            r => r,
        };
        self.trace.fact(Fact::Received {
            round,
            channel,
            at,
            date_only,
            date: date_of(d)?,
            reason,
            closing: self.closing(),
        });
        self.days_off(day, d - 1)
    }

    /// Why the receipt instant `at` gave the deemed receipt day `d`.
    fn reason(&self, at: NaiveDateTime, d: i64) -> Result<Reason> {
        let day = number_of(at.date());
        Ok(if self.rules.deemed_receipt == DeemedReceipt::CalendarDay {
            Reason::CalendarDay
        } else if d == day && at.time() < self.cal.office_hours().opening() {
            Reason::BeforeOpening
        } else if d == day {
            Reason::OnWorkingDay
        } else if self.cal.is_working_day_number(day)? {
            Reason::AfterClosing
        } else {
            Reason::NonWorkingDay
        })
    }

    /// The first working moment at or after `at` (where a working-time count starts): one
    /// working second after it, less that second.
    fn first_working_moment(&self, at: NaiveDateTime) -> NaiveDateTime {
        self.cal
            .add_working_seconds(at, 1)
            .map_or(at, |t| t - chrono::TimeDelta::seconds(1))
    }

    /// Records where the running count ends (once per change of the clock).
    fn explain_count(&mut self) -> Result<()> {
        let c = self.clock;
        if !self.tracing() || self.counted || c.fixed.is_some() || c.paused.is_some() {
            return Ok(());
        }
        self.counted = true;
        let mark = c.current_due(self.cal)?;
        let (due, due_at) = (mark.date()?, mark.instant(self.closing())?);
        let start = self.first_working_moment(c.start_at);
        let from = date_of(c.start_day)?;
        let counted =
            |days: Vec<NaiveDate>, last_day: NaiveDate, from_at: Option<NaiveDateTime>| {
                Fact::Counted {
                    amount: c.unit.amount(c.budget),
                    from,
                    from_at,
                    from_opening: from_at.is_some() && start != c.start_at,
                    days,
                    last_day,
                    due,
                    due_at,
                }
            };
        match c.unit {
            Unit::WorkingDays => {
                self.days_off(c.start_day + 1, mark.day)?;
                let mut days = Vec::new();
                for k in 1..=c.budget {
                    days.push(date_of(self.cal.add_working_days_number(c.start_day, k)?)?);
                }
                self.trace.fact(counted(days, due, None));
            }
            Unit::CalendarDays => {
                let end = c.start_day + c.budget;
                self.trace.fact(counted(Vec::new(), date_of(end)?, None));
                if end < mark.day {
                    self.days_off(end, mark.day - 1)?;
                    self.trace.fact(Fact::EndMoved {
                        end: date_of(end)?,
                        due,
                    });
                }
            }
            Unit::Seconds => {
                self.days_off(c.start_day, mark.day)?;
                self.trace.fact(counted(Vec::new(), due, Some(start)));
            }
            Unit::SameDay(cutoff) => {
                let at = c.start_at;
                // To the due day itself: a make-up Saturday it falls on is said (a working day
                // is not listed).
                if number_of(at.date()) == c.start_day && at.time() > cutoff {
                    self.trace.fact(Fact::AfterCutoff { at, cutoff, due });
                    self.days_off(c.start_day + 1, mark.day)?;
                } else {
                    self.days_off(c.start_day, mark.day)?;
                }
                self.trace.fact(counted(Vec::new(), due, None));
            }
        }
        Ok(())
    }

    #[inline(always)]
    fn step(&mut self, i: usize, e: &Event, dossier: &Dossier) -> Result<()> {
        // The open request's index, if any, before this event closes it (looked up only when
        // the clock restarts).
        let request = self.life.open_request_index;
        self.life.step(&dossier.events, i, e)?;
        // Within the calendar (DESIGN: a date outside it is an error, never a guess), checked
        // after the order: an earlier fault of the events is theirs. (Not before its first day:
        // the receipt's day is in the calendar, its deemed receipt day having been found, and
        // the lifecycle checked that the event's day is not before the receipt's.)
        if !self.cal.covers_not_before(e.at) {
            return Err(event_out_of_range(self.cal, i, e));
        }
        match e.kind {
            EventKind::SupplementRequested => {
                // (Tested in this arm, not before the match for every event: the warning comes
                // first, before any of the pause's.)
                // A second request of one agency: in its stage, or (an agency in charge of two
                // stages) in an earlier stage of its (once).
                if self.life.asks_again(e, self.stages, &dossier.events, i) && self.trace.warnings()
                {
                    let once = |n: &Notice| matches!(n, Notice::MultipleSupplementRequests);
                    if !self.rare.warnings().iter().any(once) {
                        self.warn(|| Notice::MultipleSupplementRequests);
                    }
                }
                if self.clock.paused.is_none() {
                    self.pause(i, e, &dossier.events)?;
                } else {
                    self.fact(|| Fact::SupplementRequestedAgain { at: e.at });
                }
            }
            EventKind::SupplementReceived => {
                let at = self.restart_at(e, &dossier.events, request);
                self.resume(at, e.date_only && at == e.at, Round::Supplement, dossier)?;
            }
            EventKind::Apology | EventKind::Extended => {
                self.new_appointment(i, e, &dossier.events)?
            }
            EventKind::Resolved => {
                if self.clock.paused.is_some() {
                    self.warn(|| Notice::ResolvedWhileAwaitingSupplement { at: e.at });
                    let at = self.restart_at(e, &dossier.events, request);
                    self.resume(
                        at,
                        e.date_only && at == e.at,
                        Round::ResultWhileAwaiting,
                        dossier,
                    )?;
                    // Completed by the result: no request is left open (the answer says no
                    // `awaiting_supplement_since`, the class is the result's).
                    self.life.complete_request();
                }
                self.end_stage_at_close(e)?;
            }
            EventKind::Refused | EventKind::Withdrawn => {
                self.close(e, &dossier.events)?;
                self.end_stage_at_close(e)?;
            }
            EventKind::Returned => {}
            EventKind::Transferred => self.transfer(i, e, &dossier.events)?,
        }
        Ok(())
    }

    /// A refusal or withdrawal ends the clock; a refusal after the due date is a warning.
    fn close(&mut self, e: &Event, events: &[Event]) -> Result<()> {
        self.explain_count()?;
        let due = self.clock.current_due(self.cal)?;
        let closing = self.closing();
        // While a request is open the clock stopped when it was made: a refusal then is late
        // when the request came after the due date (the due date does not pass while the
        // citizen completes the dossier, nor is a request a way back into time).
        let (day, at) = match self.clock.paused {
            Some(_) => self.stopped_at(events, self.life.open_request_index),
            None => (number_of(e.date()), e.at),
        };
        let late = e.kind == EventKind::Refused
            && is_after_due_number(
                at,
                day,
                due.day,
                || due.instant(closing).unwrap_or(NaiveDateTime::MAX),
                self.rules.compare,
            );
        if late {
            let basis = text_in_force(self.set.refusal, date_of(self.deemed_receipt).ok());
            let due_date = due.date()?;
            let due_at = (self.rules.compare == Compare::Instant)
                .then(|| due.instant(closing).unwrap_or(NaiveDateTime::MAX));
            self.warn(|| Notice::RefusedLate {
                at: e.at,
                due: due_date,
                due_at,
                basis,
            });
        }
        if self.tracing() {
            self.trace.fact(Fact::Closed {
                event: e.kind,
                at: e.at,
                due: due.date()?,
                late,
            });
        }
        Ok(())
    }

    /// The answer as it stands now; later events are still checked but no longer recorded.
    #[inline(always)]
    fn finish(&mut self, ignored: Option<(NaiveDateTime, usize)>) -> Result<Evaluation> {
        let mark = self.clock.current_due(self.cal)?;
        if self.tracing() {
            let due = date_of(mark.day)?;
            self.explain_count()?;
            if let (Some(since), Some(_)) = (self.life.open_request(), self.clock.paused) {
                self.trace.fact(Fact::AwaitingSupplement {
                    since,
                    reading: self.rules.supplement,
                    due,
                    appointment: self.appointed.map(date_of).transpose()?,
                });
            }
        }
        let keep = self.trace.stages();
        let stages = if self.stages.is_empty() {
            None
        } else {
            let mut marks = if keep {
                self.rare.ended().to_vec()
            } else {
                Vec::new()
            };
            if let Some(h) = self.holding {
                // (worked out also when not kept: its errors are the evaluation's)
                let m = self.stage_mark(&h, None)?;
                self.explain_stage(&m)?;
                if keep {
                    marks.push(m);
                }
            }
            keep.then(|| Box::new(marks))
        };
        if let Some((as_of, events)) = ignored {
            self.fact(|| Fact::IgnoredAfterAsOf { as_of, events });
        }
        self.live = false;
        Ok(Evaluation {
            due_day: mark.day,
            due_at: match mark.at {
                Some(t) => {
                    let u = t.and_utc();
                    (u.timestamp(), u64::from(u.timestamp_subsec_nanos()))
                }
                None => (i64::MIN, 0),
            },
            deemed_receipt: self.deemed_receipt,
            round_start: self.clock.start_day,
            rule_set: self.set,
            awaiting: self.life.open_request_index,
            closing: self.life.closing_index,
            requests: u64::from(self.life.requests),
            warnings: self.rare.take_warnings(),
            stages,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{Notice, Rare};
    use proptest::prelude::*;

    proptest! {
        /// [`Rare`] lists hold what plain lists hold, in order, and hand the warnings over
        /// once: `None` when none was pushed (the pass's answers read "no warnings" from
        /// that), also when another list was filled.
        #[test]
        fn rare_lists_are_vecs(
            days in proptest::collection::vec(any::<i64>(), 0..6),
            warnings in 0usize..4,
        ) {
            let mut r = Rare::new();
            for &x in &days {
                r.lists().listed.push(x);
                prop_assert!(r.listed().contains(&x));
            }
            prop_assert_eq!(r.listed(), days.as_slice());
            let ws: Vec<Notice> = (0..warnings)
                .map(|k| Notice::ResolvedWhileAwaitingSupplement {
                    at: chrono::DateTime::from_timestamp(k as i64 * 60, 0)
                        .unwrap_or_default()
                        .naive_utc(),
                })
                .collect();
            for w in &ws {
                r.lists().warnings.push(w.clone());
            }
            prop_assert_eq!(r.warnings(), ws.as_slice());
            prop_assert!(r.ended().is_empty());
            let taken = r.take_warnings();
            prop_assert_eq!(taken.map(|b| *b), (!ws.is_empty()).then(|| ws.clone()));
            prop_assert!(r.warnings().is_empty());
            prop_assert!(r.take_warnings().is_none());
            prop_assert_eq!(r.listed(), days.as_slice());
        }
    }
}
