//! The counting rules, in one place: when the clock starts (the deemed receipt day), how each
//! kind of time limit is counted, the 15:00 cut-off of same-day limits, supplement pauses and
//! restarts, apologies and extensions, the rule set in force, and the switches ([`Rules`]) that
//! reproduce other systems' numbers. The entry points are [`due`], [`due_explained`] and
//! [`Options::due`](crate::Options::due) (as-of instant, explanation);
//! [`outcome::classify`](crate::outcome::classify) builds on them.
//!
//! Every rule is a small function whose doc comment cites the legal text with a status letter:
//! **\[V\]** verified, **\[S\]** secondary sources only, **\[U\]** not verified (recalled, the
//! article number to be checked).
//!
//! # The count, step by step (default rules = the law)
//! 1. The deemed receipt day `D` ([`deemed_receipt_day`]): the day of receipt when it is a
//!    working day and the time is not after closing time, else the next working day.
//! 2. The limit from `D`: [`working_days_due`], [`calendar_days_due`],
//!    [`working_hours_expiry`], [`same_day_due`].
//! 3. Events, in order: a supplement request stops the clock and a complete dossier restarts
//!    it with what was left (the working days, calendar days or working seconds already used
//!    count; or a fresh limit under `supplement=restart`); the first apology
//!    issued by the end of the due date, and any extension, replace the due date with their
//!    `new_due`; a result, refusal or withdrawal ends the clock.
//! 4. The rule set ([`rule_set_for`]) is chosen by `D` and kept for the dossier's whole life.
//! 5. An inter-agency (*liên thông*) dossier's stages (its `stages`, else its catalogue
//!    procedure's) are counted in the same pass by the same rules, each from the deemed receipt
//!    day of the instant it receives the file (the receipt, then each `transferred` event),
//!    paused with the total by a supplement request, and classified at its end (the next
//!    transfer or the result) as a result is ([`StageDue`]); the agencies whose stage was late
//!    or is overdue are the answer's `late_agencies` (Decree
//!    61/2018/NĐ-CP, Art. 19(5)–(7) \[U\]). The dossier's own due date keeps the total limit.
//!
//! # One pass, typed facts, explanations in two languages
//! One pass of the clock over the events computes every answer. When an explanation is asked
//! for, the same pass also writes typed [`Fact`]s (the receipt and its deemed day, each day
//! off skipped with its [`DayClass`](crate::DayClass), each pause and resumption with the
//! days used and left, new appointments, where the count ends), and the renderer turns them
//! into [`ExplainStep`]s in Vietnamese ([`Lang::Vi`], the default) or English ([`Lang::En`]),
//! each citing its [`LegalBasis`] by document and article; without an explanation no fact is
//! built. So an explanation never disagrees with the answer it explains.
//!
//! ```
//! use motcua::{CalendarSpec, deadline::{due, due_explained, Lang, Rules}, dossier::Dossier};
//! let cal = CalendarSpec::weekdays("2026-01-01".parse()?, "2026-12-31".parse()?).compile()?;
//! let d = Dossier::from_json(r#"{"received":"2026-03-02T09:30","time_limit":{"working_days":3}}"#)?;
//! let out = due(&d, &cal, &Rules::default(), None)?;
//! assert_eq!(out.due.to_string(), "2026-03-05");
//! assert_eq!(out.rule_set.as_str(), "nd118");
//! assert_eq!(serde_json::to_string(&out)?,
//!   r#"{"due":"2026-03-05","due_at":"2026-03-05T17:00","rule_set":"nd118","deemed_receipt":"2026-03-02","warnings":[]}"#);
//! let x = due_explained(&d, &cal, &Rules::default(), None, Lang::En)?;
//! assert_eq!(x.explain[3].text, "Counting 3 working days from the day after 2 Mar (the day \
//!   of receipt is not counted): 3 Mar, 4 Mar, 5 Mar → due on Thu 5 Mar 2026, at the end of \
//!   that day (Civil Code 2015, Art. 147).");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod answer;
mod clock;
mod count;
mod facts;
mod law;
mod options;
mod render;
mod rules;

#[cfg(test)]
pub(crate) mod testkit;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_explain;
#[cfg(test)]
mod tests_paths;
#[cfg(test)]
mod tests_regressions;
#[cfg(test)]
mod tests_stages;
#[cfg(test)]
mod tests_warnings;

use chrono::{NaiveDate, NaiveDateTime};

pub use answer::{Due, ExplainStep, StageDue};
pub use facts::{Amount, Effect, Fact, Outcome, Reason, Round, StepKind};
pub use law::{Citation, Document, LegalBasis, Provision, Status};
pub use options::{
    rule_set_for, ApologyRule, Compare, Counting, DeemedReceipt, MultiSupplement, RuleSet,
    RuleSetInfo, Rules, SupplementRule, RULE_SETS,
};
pub use render::Lang;
pub use rules::{
    calendar_days_due, deemed_receipt_day, same_day_due, working_days_due, working_hours_expiry,
    HOURS_PER_DAY,
};

pub use crate::dossier::{Warning, WarningCode};

pub(crate) use answer::InstantFmt;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use facts::counts_outcomes_only;
pub(crate) use facts::{OutcomeOnly, Quiet, Trace};
pub(crate) use render::Context;
pub(crate) use rules::{pending_outcome_number, resolved_outcome_number, stopped_day};

use crate::calendar::WorkCalendar;
use crate::dossier::{Dossier, Event, LimitSource};
use crate::error::{Error, ErrorKind, Result};
use crate::procedure::{Catalogue, Procedure, TimeLimit};
pub(crate) use render::warnings::Notice;

/// The due date of `dossier`, after validating it, using every event.
///
/// `catalogue` resolves a `procedure` code (an [`ErrorKind::UnknownProcedure`] error when the
/// code is missing from it, or when no catalogue is given). Errors: the validation errors of
/// [`Dossier::validate`], `new_due_earlier`, and `date_out_of_range` when a date or the answer
/// falls outside the calendar. The warnings' messages are in Vietnamese, the default [`Lang`]
/// ([`Options::lang`](crate::Options::lang) for English).
#[inline]
pub fn due(
    dossier: &Dossier,
    calendar: &WorkCalendar,
    rules: &Rules,
    catalogue: Option<&Catalogue>,
) -> Result<Due> {
    due_with(
        dossier,
        calendar,
        rules,
        catalogue,
        None,
        false,
        Lang::default(),
    )
}

/// [`due`] with an explanation in `lang`: the rule set and the limit, each receipt and its
/// deemed day, each day off skipped and why, each pause and new appointment, where the count
/// ends (see [`Fact`]), each step citing its legal basis; the warnings in `lang` too.
pub fn due_explained(
    dossier: &Dossier,
    calendar: &WorkCalendar,
    rules: &Rules,
    catalogue: Option<&Catalogue>,
    lang: Lang,
) -> Result<Due> {
    due_with(dossier, calendar, rules, catalogue, None, true, lang)
}

/// The due date as it stood at `as_of` (events after it ignored; the whole dossier is still
/// validated), with an explanation when `explain`; the explanation and the warnings in
/// `lang`. An `as_of` before the receipt is an [`ErrorKind::InvalidArgument`] error.
#[inline]
pub(crate) fn due_with(
    dossier: &Dossier,
    calendar: &WorkCalendar,
    rules: &Rules,
    catalogue: Option<&Catalogue>,
    as_of: Option<NaiveDateTime>,
    explain: bool,
    lang: Lang,
) -> Result<Due> {
    let as_of = as_of.map(crate::civil::whole_second);
    if let Some(t) = as_of {
        check_as_of(calendar, t)?;
    }
    if !explain {
        return evaluate(dossier, calendar, rules, catalogue, as_of, Quiet::default())?
            .0
            .answer(dossier, calendar, lang);
    }
    let (ev, facts, limit) = evaluate_traced(dossier, calendar, rules, catalogue, as_of)?;
    let ctx = ev.context(rules, limit);
    let mut due = ev.answer(dossier, calendar, lang)?;
    due.explain = render::steps(facts, &ctx, lang);
    Ok(due)
}

/// That an as-of instant (read to the second, as the dossier's instants are) is within the
/// calendar, as every date: else [`as_of_out_of_range`]. Every door checks it so.
#[inline(always)]
pub(crate) fn check_as_of(calendar: &WorkCalendar, as_of: NaiveDateTime) -> Result<()> {
    if calendar.covers(as_of) {
        Ok(())
    } else {
        Err(as_of_out_of_range(calendar, as_of))
    }
}

/// The error of an as-of instant outside the calendar, naming `as_of` (a resolved dossier
/// was classified against one, an open one refused, one before the range read as "before the
/// receipt").
#[cold]
#[inline(never)]
fn as_of_out_of_range(calendar: &WorkCalendar, as_of: NaiveDateTime) -> Error {
    match calendar.check_within(as_of, "as_of") {
        Err(e) => e,
        Ok(()) => {
            Error::new(ErrorKind::DateOutOfRange, "as-of outside the calendar").in_field("as_of")
        }
    }
}

/// The time limit of `dossier`: its own, or its procedure's from the catalogue.
#[inline(always)]
pub(crate) fn resolve_limit<'c>(
    dossier: &Dossier,
    catalogue: Option<&'c Catalogue>,
) -> Result<(TimeLimit, Option<&'c Procedure>)> {
    dossier.check_limits()?;
    match &dossier.limit {
        LimitSource::TimeLimit(t) => Ok((*t, None)),
        LimitSource::Procedure(code) => {
            let cat = catalogue.ok_or_else(|| {
                Error::new(
                    ErrorKind::UnknownProcedure,
                    format!("procedure `{code}` cannot be looked up: no catalogue given"),
                )
                .in_field("procedure")
            })?;
            let p = cat.get(code).map_err(|e| e.in_field("procedure"))?;
            Ok((p.time_limit, Some(p)))
        }
    }
}

/// What the pass knows as of the end of the count, in word-sized fields only (day numbers,
/// indexes into the dossier's events, counts), so that moving it from the pass to the door
/// costs plain word copies; the [`Due`] is built once, at the door ([`Evaluation::answer`]).
#[derive(Debug, Clone)]
#[cfg_attr(test, derive(PartialEq))]
pub(crate) struct Evaluation {
    /// The due date, as a day number.
    pub(crate) due_day: i64,
    /// The expiry of a working-time count as seconds since 1970-01-01 (wall clock) and the
    /// nanoseconds, or `i64::MIN` when the count is in days (due at the closing time).
    pub(crate) due_at: (i64, u64),
    /// The first deemed receipt day, as a day number.
    pub(crate) deemed_receipt: i64,
    /// The deemed receipt day the current round of the count started on (the first, or the
    /// completed dossier's), as a day number.
    pub(crate) round_start: i64,
    /// The rule set in force.
    pub(crate) rule_set: &'static RuleSetInfo,
    /// The index of the open supplement request (as of), `usize::MAX` when none.
    pub(crate) awaiting: usize,
    /// The index of the closing event (as of), `usize::MAX` when none.
    pub(crate) closing: usize,
    /// Supplement requests (as of).
    pub(crate) requests: u64,
    /// The warnings (as of), boxed when any: one word to move (a `Vec` is three, copied with
    /// wide loads that stall on the narrow stores that just wrote them), and nothing to allocate
    /// in the common case.
    #[allow(clippy::box_collection)]
    pub(crate) warnings: Option<Box<Vec<Notice>>>,
    /// The stages the file reached (as of), boxed when the dossier has stages.
    #[allow(clippy::box_collection)]
    pub(crate) stages: Option<Box<Vec<StageMark>>>,
}

/// A stage as the pass leaves it: day numbers and instants, turned into a [`StageDue`] at the
/// door.
#[derive(Debug, Clone)]
#[cfg_attr(test, derive(PartialEq))]
pub(crate) struct StageMark {
    /// The stage's agency.
    pub(crate) agency: String,
    /// The stage's index (0-based).
    pub(crate) index: usize,
    /// When it received the file.
    pub(crate) received: NaiveDateTime,
    /// Its deemed receipt day.
    pub(crate) deemed: i64,
    /// Its due date.
    pub(crate) due_day: i64,
    /// The expiry of a working-time count (`None`: the closing time of the due date).
    pub(crate) due_at: Option<NaiveDateTime>,
    /// When it ended.
    pub(crate) completed: Option<NaiveDateTime>,
    /// Its class (see [`StageDue::outcome`]).
    pub(crate) outcome: Option<Outcome>,
    /// Working days from its due date to its end (or as-of) day.
    pub(crate) working_days_late: Option<i64>,
}

impl Evaluation {
    /// The closing event (as of) of `dossier`, the one evaluated.
    #[inline]
    pub(crate) fn closing<'d>(&self, dossier: &'d Dossier) -> Option<&'d Event> {
        dossier.events.get(self.closing)
    }

    /// The due instant: the expiry of a working-time count, else the closing time of the due
    /// date `due`.
    #[inline]
    pub(crate) fn due_at(&self, due: NaiveDate, calendar: &WorkCalendar) -> NaiveDateTime {
        Evaluation::due_instant(self.due_at, due, calendar)
    }

    /// [`due_at`](Evaluation::due_at) from the evaluation's `due_at` field alone (for a
    /// closure that should not hold the whole evaluation).
    #[inline]
    pub(crate) fn due_instant(
        expiry: (i64, u64),
        due: NaiveDate,
        calendar: &WorkCalendar,
    ) -> NaiveDateTime {
        match expiry {
            (i64::MIN, _) => due.and_time(calendar.closing_time()),
            (secs, nanos) => {
                chrono::DateTime::from_timestamp(secs, u32::try_from(nanos).unwrap_or(0))
                    .map_or(NaiveDateTime::MAX, |t| t.naive_utc())
            }
        }
    }

    /// The answer of `due` for `dossier`, the one evaluated, its warnings in `lang`.
    #[inline(always)]
    pub(crate) fn answer(
        self,
        dossier: &Dossier,
        calendar: &WorkCalendar,
        lang: Lang,
    ) -> Result<Due> {
        self.answer_with(dossier, calendar, lang, |due| due)
    }

    /// The answer of `due` for `dossier`, handed to `wrap` (a
    /// [`Classified`](crate::outcome::Classified) holding it): what can fail is done first, then
    /// the answer is built in one expression, in the place where `wrap` puts it rather than
    /// built and then copied there.
    #[inline(always)]
    pub(crate) fn answer_with<T>(
        mut self,
        dossier: &Dossier,
        calendar: &WorkCalendar,
        lang: Lang,
        wrap: impl FnOnce(Due) -> T,
    ) -> Result<T> {
        // (Worded before the lists are built: the wording, which may allocate, then has none
        // to drop should it unwind, and the answer is still built in place.)
        let warnings = match self.warnings.take() {
            None => Vec::new(),
            Some(notices) => words_of(notices, lang),
        };
        // Both dates read from the calendar's table natively (see `date_of_number`).
        #[cfg(not(target_arch = "wasm32"))]
        let (due, deemed_receipt) = (
            calendar.date_of_number(self.due_day)?,
            calendar.date_of_number(self.deemed_receipt)?,
        );
        #[cfg(target_arch = "wasm32")]
        let (due, deemed_receipt) = (
            rules::date_of(self.due_day)?,
            rules::date_of(self.deemed_receipt)?,
        );
        let due_at = self.due_at(due, calendar);
        let (stages, late_agencies) = match self.stages {
            None => (Vec::new(), Vec::new()),
            Some(marks) => stage_answers(*marks, calendar)?,
        };
        Ok(wrap(Due {
            due,
            due_at,
            rule_set: self.rule_set.id,
            deemed_receipt,
            awaiting_supplement_since: dossier.events.get(self.awaiting).map(|e| e.at),
            stages,
            late_agencies,
            warnings,
            explain: Vec::new(),
        }))
    }

    /// What the renderer needs besides the facts.
    pub(crate) fn context(&self, rules: &Rules, limit: TimeLimit) -> Context {
        Context {
            set: self.rule_set,
            rules: *rules,
            limit,
            deemed_receipt: rules::date_of(self.deemed_receipt).ok(),
        }
    }
}

/// The warnings of `notices`, in `lang` (out of line: seldom any).
#[cold]
#[inline(never)]
#[allow(clippy::box_collection, clippy::boxed_local)]
fn words_of(notices: Box<Vec<Notice>>, lang: Lang) -> Vec<Warning> {
    notices.iter().map(|n| n.word(lang)).collect()
}

/// The stages of an answer and the agencies late with their stage (each once, in stage
/// order).
#[cold]
fn stage_answers(
    marks: Vec<StageMark>,
    calendar: &WorkCalendar,
) -> Result<(Vec<StageDue>, Vec<String>)> {
    let closing = calendar.closing_time();
    let mut late: Vec<String> = Vec::new();
    let mut stages = Vec::with_capacity(marks.len());
    for m in marks {
        let due = rules::date_of(m.due_day)?;
        let stage = StageDue {
            agency: m.agency,
            received: m.received,
            deemed_receipt: rules::date_of(m.deemed)?,
            due,
            due_at: m.due_at.unwrap_or_else(|| due.and_time(closing)),
            completed: m.completed,
            outcome: m.outcome,
            working_days_late: m.working_days_late,
        };
        if stage.is_late() && !late.contains(&stage.agency) {
            late.push(stage.agency.clone());
        }
        stages.push(stage);
    }
    Ok((stages, late))
}

/// The whole computation: validation, the due date as of `as_of`, warnings, and the facts in
/// `trace`.
#[inline(always)]
pub(crate) fn evaluate<T: Trace>(
    dossier: &Dossier,
    calendar: &WorkCalendar,
    rules: &Rules,
    catalogue: Option<&Catalogue>,
    as_of: Option<NaiveDateTime>,
    trace: T,
) -> Result<(Evaluation, T, TimeLimit)> {
    let (limit, procedure) = resolve_limit(dossier, catalogue)?;
    if let Some(t) = as_of {
        check_not_before_receipt(dossier, calendar, t)?;
    }
    let (ev, trace) = clock::run(dossier, calendar, rules, limit, procedure, as_of, trace)?;
    Ok((ev, trace, limit))
}

/// The error of an as-of instant `t` before the dossier's receipt.
#[inline(always)]
pub(crate) fn check_not_before_receipt(
    dossier: &Dossier,
    calendar: &WorkCalendar,
    t: NaiveDateTime,
) -> Result<()> {
    match t < dossier.received {
        true => Err(before_receipt(dossier, calendar, t)),
        false => Ok(()),
    }
}

#[cold]
#[inline(never)]
fn before_receipt(dossier: &Dossier, calendar: &WorkCalendar, t: NaiveDateTime) -> Error {
    // A receipt outside the calendar is that error first, as `due` says it (a receipt in 2300
    // was "after the as-of").
    if let Err(err) = calendar.check_within(dossier.received, "received") {
        return err;
    }
    Error::new(
        ErrorKind::InvalidArgument,
        format!(
            "as-of {} is before the dossier's receipt at {}",
            InstantFmt(t),
            InstantFmt(dossier.received)
        ),
    )
}

/// [`evaluate`] with the facts kept: one copy of the traced pass, called by `due` and
/// `classify` alike (the fast pass is inlined into each).
#[inline(never)]
pub(crate) fn evaluate_traced(
    dossier: &Dossier,
    calendar: &WorkCalendar,
    rules: &Rules,
    catalogue: Option<&Catalogue>,
    as_of: Option<NaiveDateTime>,
) -> Result<(Evaluation, Vec<Fact>, TimeLimit)> {
    let (ev, facts, limit) =
        evaluate(dossier, calendar, rules, catalogue, as_of, Some(Vec::new()))?;
    Ok((ev, facts.unwrap_or_default(), limit))
}

/// The explanation steps of `facts` in `lang` (for [`outcome`](crate::outcome), which adds its
/// own fact).
pub(crate) fn render_steps(facts: Vec<Fact>, ctx: &Context, lang: Lang) -> Vec<ExplainStep> {
    render::steps(facts, ctx, lang)
}
