//! The typed facts the pass over a dossier's events emits: what the clock did and why, in the
//! order it happened (the rule set, the limit, each receipt and its deemed day, each day off
//! skipped with its class, each pause, resumption, new appointment and closing, where the
//! count ends, the outcome). The pass writes them into a [`Trace`]: [`NoTrace`] on the fast
//! path (the facts are never built), `Some(Vec<Fact>)` when an explanation is asked for. The
//! renderer ([`super::render`]) turns them into text, in Vietnamese or English, with the legal
//! basis each rests on.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::options::{Compare, RuleSet, Rules, SupplementRule};
use crate::calendar::DayClass;
use crate::dossier::{Channel, EventKind};
use crate::procedure::TimeLimit;

/// The class of a dossier as of an instant: early / on time / late (resolved), within the
/// deadline / overdue / awaiting a supplement (open), refused, withdrawn. (Also
/// [`outcome::Outcome`](crate::outcome::Outcome), where the classification lives.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Resolved before the due date (*trước hạn*).
    Early,
    /// Resolved on the due date (*đúng hạn*).
    OnTime,
    /// Resolved after the due date (*quá hạn*, *trễ hạn*).
    Late,
    /// Open, and the due date has not passed (*đang giải quyết trong hạn*).
    PendingWithin,
    /// Open, and the due date has passed (*đang giải quyết quá hạn*).
    Overdue,
    /// Open, waiting for the citizen to supplement the dossier (clock stopped).
    AwaitingSupplement,
    /// Refused (*từ chối*).
    Refused,
    /// Withdrawn or stopped (*rút hồ sơ*, *dừng giải quyết*).
    Withdrawn,
}

/// An amount of time in the unit a limit is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Amount {
    /// Working days.
    WorkingDays(i64),
    /// Calendar days.
    CalendarDays(i64),
    /// Working seconds inside office hours (hour limits, `counting=hours`).
    WorkingSeconds(i64),
    /// A same-day limit (no amount).
    SameDay,
}

impl Serialize for Amount {
    /// `{"working_days": 3}`, `{"calendar_days": 15}`, `{"working_seconds": 14400}`,
    /// `{"same_day": true}`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(1))?;
        match *self {
            Amount::WorkingDays(n) => m.serialize_entry("working_days", &n)?,
            Amount::CalendarDays(n) => m.serialize_entry("calendar_days", &n)?,
            Amount::WorkingSeconds(n) => m.serialize_entry("working_seconds", &n)?,
            Amount::SameDay => m.serialize_entry("same_day", &true)?,
        }
        m.end()
    }
}

/// Serializes a unit enum as its `as_str()` (far less code than serde's derive, which the
/// WASM package pays for in bytes).
macro_rules! serialize_as_str {
    ($($t:ty),+) => {$(
        impl Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    )+};
}

serialize_as_str!(Outcome, Round, Reason, Effect, StepKind);

/// Which receipt of a dossier a [`Fact::Received`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Round {
    /// The first receipt of the complete dossier.
    First,
    /// The complete dossier after a supplement request.
    Supplement,
    /// A result recorded while a supplement request was open, taken as completing the dossier.
    ResultWhileAwaiting,
}

impl Round {
    /// `"first"`, `"supplement"`, `"result_while_awaiting"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Round::First => "first",
            Round::Supplement => "supplement",
            Round::ResultWhileAwaiting => "result_while_awaiting",
        }
    }
}

/// Why a receipt instant gave its deemed receipt day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    /// On a working day, not after closing time: that day.
    OnWorkingDay,
    /// On a working day before opening: still that day's dossier.
    BeforeOpening,
    /// On a working day after closing time: the next working day.
    AfterClosing,
    /// On a day that is not a working day: the next working day.
    NonWorkingDay,
    /// `deemed_receipt=calendar_day`: the calendar date itself.
    CalendarDay,
    /// Given by its date alone, a working day: that day (no time to compare with the office
    /// hours).
    DateOnly,
}

impl Reason {
    /// `"on_working_day"`, `"before_opening"`, `"after_closing"`, `"non_working_day"`,
    /// `"calendar_day"`, `"date_only"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Reason::OnWorkingDay => "on_working_day",
            Reason::BeforeOpening => "before_opening",
            Reason::AfterClosing => "after_closing",
            Reason::NonWorkingDay => "non_working_day",
            Reason::CalendarDay => "calendar_day",
            Reason::DateOnly => "date_only",
        }
    }
}

/// What an apology or extension did to the due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effect {
    /// The due date moved to the new appointment.
    Moved,
    /// Issued after the due date: the date stays.
    AfterDue,
    /// `apology=counts_late`: the date stays.
    CountsLate,
    /// `apology=moves_due_day_before`, an apology issued on the due date itself: the date
    /// stays.
    OnDueDate,
}

impl Effect {
    /// `"moved"`, `"after_due"`, `"counts_late"`, `"on_due_date"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Effect::Moved => "moved",
            Effect::AfterDue => "after_due",
            Effect::CountsLate => "counts_late",
            Effect::OnDueDate => "on_due_date",
        }
    }
}

/// One typed fact of the count. Dates are civil dates, instants Vietnam wall clock.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fact {
    /// The rule set in force, chosen by the deemed receipt day, and the options.
    RuleSet {
        /// The version.
        rule_set: RuleSet,
        /// The deemed receipt day that chose it.
        deemed_receipt: NaiveDate,
        /// The options in force.
        rules: Rules,
    },
    /// The time limit, and where it comes from.
    Limit {
        /// The limit.
        limit: TimeLimit,
        /// The catalogue procedure it comes from: code and name.
        procedure: Option<(String, String)>,
        /// The amount a day limit is counted as under `counting=hours`.
        counted_as: Option<Amount>,
    },
    /// A receipt instant and its deemed receipt day (day 0 of the count).
    Received {
        /// Which receipt.
        round: Round,
        /// How the dossier came.
        channel: Channel,
        /// When (00:00 of its day when given by its date alone).
        at: NaiveDateTime,
        /// Given by its date alone (no time of day to show).
        date_only: bool,
        /// The deemed receipt day.
        date: NaiveDate,
        /// Why that day.
        reason: Reason,
        /// The calendar's closing time.
        closing: NaiveTime,
    },
    /// A day that is not a working day, skipped.
    DayOff {
        /// The day.
        date: NaiveDate,
        /// What it is.
        class: DayClass,
        /// The calendar's name for it.
        name: Option<String>,
    },
    /// A weekly rest day that is a working day (*làm bù*, a make-up day of an announced swap):
    /// counted as any working day.
    MakeupDay {
        /// The day.
        date: NaiveDate,
        /// The calendar's name for it.
        name: Option<String>,
    },
    /// Where the count of a limit ends.
    Counted {
        /// What was counted (what was left of the limit).
        amount: Amount,
        /// The day counting starts after (the deemed receipt day).
        from: NaiveDate,
        /// The instant counting starts from (working-time counts): the first working moment at
        /// or after the receipt.
        from_at: Option<NaiveDateTime>,
        /// Whether `from_at` is later than the receipt instant (received outside office hours).
        from_opening: bool,
        /// The working days counted, in order (working-day counts).
        days: Vec<NaiveDate>,
        /// The last day of the period (calendar days: before moving off a rest day).
        last_day: NaiveDate,
        /// The due date.
        due: NaiveDate,
        /// The due instant.
        due_at: NaiveDateTime,
    },
    /// A calendar-day period ending on a rest day, moved to the next working day.
    EndMoved {
        /// The period's last day.
        end: NaiveDate,
        /// The next working day: the due date.
        due: NaiveDate,
    },
    /// A same-day request received after the cut-off: due the next working day.
    AfterCutoff {
        /// When it was received.
        at: NaiveDateTime,
        /// The cut-off (15:00).
        cutoff: NaiveTime,
        /// The due date.
        due: NaiveDate,
    },
    /// A supplement request stopped the clock.
    SupplementRequested {
        /// When (00:00 of its day when given by its date alone).
        at: NaiveDateTime,
        /// Given by its date alone: taken as made at closing time (the whole day used), or at
        /// the first later event of its day given with its time.
        date_only: bool,
        /// Pause (the time used counts) or restart.
        reading: SupplementRule,
        /// The deemed receipt day the current round started on.
        since: NaiveDate,
        /// The first working moment of the round (working-time counts).
        since_at: Option<NaiveDateTime>,
        /// Time used in the current round.
        used: Amount,
        /// Time left.
        left: Amount,
        /// The due date as it stood.
        due: NaiveDate,
        /// Whether the request came after that due date.
        after_due: bool,
    },
    /// Another supplement request while one is open: the clock stays stopped.
    SupplementRequestedAgain {
        /// When.
        at: NaiveDateTime,
    },
    /// The complete dossier arrived: the clock runs again.
    ClockResumed {
        /// Pause (the rest runs on) or restart (a fresh limit).
        reading: SupplementRule,
        /// The deemed receipt day of the complete dossier.
        from: NaiveDate,
        /// The first working moment at or after its receipt (working-time counts).
        from_at: Option<NaiveDateTime>,
        /// What is left to count from it.
        left: Amount,
        /// A new appointment given while the clock was stopped (pause reading): `left` is the
        /// time from when it was given up to it, counted on from the complete dossier, as for an
        /// appointment given before the request.
        appointment: Option<NaiveDate>,
    },
    /// An apology or extension with a new appointment.
    NewAppointment {
        /// `apology` or `extended`.
        event: EventKind,
        /// When it was issued.
        at: NaiveDateTime,
        /// The new appointment.
        new_due: NaiveDate,
        /// The due date before it.
        due: NaiveDate,
        /// What it did.
        effect: Effect,
    },
    /// A refusal or withdrawal ended the clock.
    Closed {
        /// `refused` or `withdrawn`.
        event: EventKind,
        /// When.
        at: NaiveDateTime,
        /// The due date then.
        due: NaiveDate,
        /// A refusal after the due date.
        late: bool,
    },
    /// A supplement request is open: the clock is stopped.
    AwaitingSupplement {
        /// When it was requested.
        since: NaiveDateTime,
        /// Pause or restart.
        reading: SupplementRule,
        /// The due date while the clock is stopped: as it stood at the request, or the new
        /// appointment given since.
        due: NaiveDate,
        /// A new appointment given while the clock is stopped (then `due`).
        appointment: Option<NaiveDate>,
    },
    /// Events after the as-of instant, not taken into account.
    IgnoredAfterAsOf {
        /// The as-of instant.
        as_of: NaiveDateTime,
        /// How many.
        events: usize,
    },
    /// The file of an inter-agency dossier reached a stage's agency (the dossier's receipt for
    /// the first stage, a `transferred` event for the others): the stage's count starts from
    /// its deemed receipt day, by the rules of a receipt.
    StageReceived {
        /// The stage, 1-based.
        stage: usize,
        /// The stage's agency.
        agency: String,
        /// The stage's time limit.
        limit: TimeLimit,
        /// When the stage received the file.
        at: NaiveDateTime,
        /// The stage's deemed receipt day.
        date: NaiveDate,
        /// Why that day.
        reason: Reason,
        /// The calendar's closing time.
        closing: NaiveTime,
    },
    /// A stage's due date and how the stage went: at its end (the next transfer or the
    /// result), or as of the as-of instant for the stage holding the file.
    StageEnded {
        /// The stage, 1-based.
        stage: usize,
        /// The stage's agency.
        agency: String,
        /// The stage's due date.
        due: NaiveDate,
        /// The stage's due instant.
        due_at: NaiveDateTime,
        /// When the stage ended (`None` while it holds the file).
        completed: Option<NaiveDateTime>,
        /// How it went (`None` for the stage holding the file without an as-of instant).
        outcome: Option<Outcome>,
        /// Working days from the due date to the end (or as-of) day.
        working_days_late: Option<i64>,
    },
    /// The classification and why.
    Outcome {
        /// The class.
        outcome: Outcome,
        /// The class by the law, before `multi_supplement=late`.
        by_law: Outcome,
        /// The result, refusal or withdrawal instant (`None` while open).
        at: Option<NaiveDateTime>,
        /// The as-of instant.
        as_of: NaiveDateTime,
        /// The day compared with the due date.
        date: NaiveDate,
        /// The due date.
        due: NaiveDate,
        /// The due instant.
        due_at: NaiveDateTime,
        /// Working days from the due date to `date`.
        working_days_late: i64,
        /// How results are compared.
        compare: Compare,
        /// Supplement requests so far.
        requests: u32,
    },
}

/// The kind of a [`Fact`], as serialized in an explanation step's `"kind"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// [`Fact::RuleSet`].
    RuleSet,
    /// [`Fact::Limit`].
    Limit,
    /// [`Fact::Received`].
    Received,
    /// [`Fact::DayOff`].
    DayOff,
    /// [`Fact::MakeupDay`].
    MakeupDay,
    /// [`Fact::Counted`].
    Counted,
    /// [`Fact::EndMoved`].
    EndMoved,
    /// [`Fact::AfterCutoff`].
    AfterCutoff,
    /// [`Fact::SupplementRequested`].
    SupplementRequested,
    /// [`Fact::SupplementRequestedAgain`].
    SupplementRequestedAgain,
    /// [`Fact::ClockResumed`].
    ClockResumed,
    /// [`Fact::NewAppointment`] of an apology.
    Apology,
    /// [`Fact::NewAppointment`] of an extension.
    Extension,
    /// [`Fact::Closed`].
    Closed,
    /// [`Fact::AwaitingSupplement`].
    AwaitingSupplement,
    /// [`Fact::IgnoredAfterAsOf`].
    IgnoredAfterAsOf,
    /// [`Fact::Outcome`].
    Outcome,
    /// [`Fact::StageReceived`].
    StageReceived,
    /// [`Fact::StageEnded`].
    StageEnded,
}

impl StepKind {
    /// Every kind, in declaration order (the bindings' literal types are checked against it).
    pub const ALL: [StepKind; 19] = [
        StepKind::RuleSet,
        StepKind::Limit,
        StepKind::Received,
        StepKind::DayOff,
        StepKind::MakeupDay,
        StepKind::Counted,
        StepKind::EndMoved,
        StepKind::AfterCutoff,
        StepKind::SupplementRequested,
        StepKind::SupplementRequestedAgain,
        StepKind::ClockResumed,
        StepKind::Apology,
        StepKind::Extension,
        StepKind::Closed,
        StepKind::AwaitingSupplement,
        StepKind::IgnoredAfterAsOf,
        StepKind::Outcome,
        StepKind::StageReceived,
        StepKind::StageEnded,
    ];

    /// The snake_case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            StepKind::RuleSet => "rule_set",
            StepKind::Limit => "limit",
            StepKind::Received => "received",
            StepKind::DayOff => "day_off",
            StepKind::MakeupDay => "makeup_day",
            StepKind::Counted => "counted",
            StepKind::EndMoved => "end_moved",
            StepKind::AfterCutoff => "after_cutoff",
            StepKind::SupplementRequested => "supplement_requested",
            StepKind::SupplementRequestedAgain => "supplement_requested_again",
            StepKind::ClockResumed => "clock_resumed",
            StepKind::Apology => "apology",
            StepKind::Extension => "extension",
            StepKind::Closed => "closed",
            StepKind::AwaitingSupplement => "awaiting_supplement",
            StepKind::IgnoredAfterAsOf => "ignored_after_as_of",
            StepKind::Outcome => "outcome",
            StepKind::StageReceived => "stage_received",
            StepKind::StageEnded => "stage_ended",
        }
    }
}

impl Fact {
    /// The kind of the fact.
    pub const fn kind(&self) -> StepKind {
        match self {
            Fact::RuleSet { .. } => StepKind::RuleSet,
            Fact::Limit { .. } => StepKind::Limit,
            Fact::Received { .. } => StepKind::Received,
            Fact::DayOff { .. } => StepKind::DayOff,
            Fact::MakeupDay { .. } => StepKind::MakeupDay,
            Fact::Counted { .. } => StepKind::Counted,
            Fact::EndMoved { .. } => StepKind::EndMoved,
            Fact::AfterCutoff { .. } => StepKind::AfterCutoff,
            Fact::SupplementRequested { .. } => StepKind::SupplementRequested,
            Fact::SupplementRequestedAgain { .. } => StepKind::SupplementRequestedAgain,
            Fact::ClockResumed { .. } => StepKind::ClockResumed,
            Fact::NewAppointment {
                event: EventKind::Apology,
                ..
            } => StepKind::Apology,
            Fact::NewAppointment { .. } => StepKind::Extension,
            Fact::Closed { .. } => StepKind::Closed,
            Fact::AwaitingSupplement { .. } => StepKind::AwaitingSupplement,
            Fact::IgnoredAfterAsOf { .. } => StepKind::IgnoredAfterAsOf,
            Fact::Outcome { .. } => StepKind::Outcome,
            Fact::StageReceived { .. } => StepKind::StageReceived,
            Fact::StageEnded { .. } => StepKind::StageEnded,
        }
    }

    /// The day the fact is about, if one: the deemed receipt day, the day off, the due date of
    /// a count, the day of an event, the day an outcome compares.
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Fact::RuleSet { .. } | Fact::Limit { .. } | Fact::IgnoredAfterAsOf { .. } => None,
            Fact::Received { date, .. }
            | Fact::DayOff { date, .. }
            | Fact::MakeupDay { date, .. }
            | Fact::Outcome { date, .. }
            | Fact::StageReceived { date, .. } => Some(*date),
            Fact::StageEnded { due, .. } => Some(*due),
            Fact::Counted { due, .. } | Fact::EndMoved { due, .. } => Some(*due),
            Fact::ClockResumed { from, .. } => Some(*from),
            Fact::AfterCutoff { at, .. }
            | Fact::SupplementRequested { at, .. }
            | Fact::SupplementRequestedAgain { at }
            | Fact::NewAppointment { at, .. }
            | Fact::Closed { at, .. } => Some(at.date()),
            Fact::AwaitingSupplement { since, .. } => Some(since.date()),
        }
    }
}

/// Where the pass writes its facts. [`NoTrace`] drops them before they are built (its `on` is
/// `false` at compile time, so the pass skips every fact and every day-off listing); an
/// `Option<Vec<Fact>>` keeps them when it is `Some`.
pub(crate) trait Trace {
    /// Whether facts are wanted.
    fn on(&self) -> bool;
    /// Records one fact.
    fn fact(&mut self, fact: Fact);
    /// Whether warnings are wanted (a count of outcomes drops them).
    #[inline(always)]
    fn warnings(&self) -> bool {
        true
    }
    /// Whether the stages' marks are wanted in the evaluation (a count of outcomes drops them:
    /// each is still worked out, for its errors, but its agency is not copied nor the mark
    /// kept).
    #[inline(always)]
    fn stages(&self) -> bool {
        true
    }
    /// The next instant before `before` (`None`: with no bound) at which the pass's state is
    /// wanted besides the as-of instant, taken from the sink's list (a report's period ends,
    /// see [`outcome_of_at_ends`](crate::outcome::outcome_of_at_ends)): the
    /// pass hands over its evaluation there ([`at_end`](Trace::at_end)) before it counts the
    /// first event after it, as it does at the as-of instant. None by default.
    #[cfg(not(target_arch = "wasm32"))]
    #[inline(always)]
    fn end_before(&mut self, _before: Option<NaiveDateTime>) -> Option<NaiveDateTime> {
        None
    }
    /// The pass's evaluation as of `end`, an instant given by [`end_before`](Trace::end_before).
    #[cfg(not(target_arch = "wasm32"))]
    #[inline(always)]
    fn at_end(&mut self, _end: NaiveDateTime, _ev: super::Evaluation) {}
}

/// The native fast path's sink: no facts.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct NoTrace;

#[cfg(not(target_arch = "wasm32"))]
impl Trace for NoTrace {
    #[inline(always)]
    fn on(&self) -> bool {
        false
    }
    #[inline(always)]
    fn fact(&mut self, _: Fact) {}
}

/// The traced path's sink (`Some`), and on WebAssembly also the fast path's (`None`): there the
/// binary's size is budgeted, so both paths share one copy of the pass and the trace is switched
/// off at run time.
impl Trace for Option<Vec<Fact>> {
    #[inline(always)]
    fn on(&self) -> bool {
        self.is_some()
    }
    fn fact(&mut self, fact: Fact) {
        if let Some(facts) = self {
            facts.push(fact);
        }
    }
}

/// The methods of a sink that counts outcomes: no facts, no warnings and no stage marks,
/// which would be written only to be dropped ([`OutcomeOnly`], and the sink of
/// [`outcome_of_at_ends`](crate::outcome::outcome_of_at_ends), which also takes the state at
/// a report's period ends).
#[cfg(not(target_arch = "wasm32"))]
macro_rules! counts_outcomes_only {
    () => {
        #[inline(always)]
        fn on(&self) -> bool {
            false
        }
        #[inline(always)]
        fn fact(&mut self, _: $crate::deadline::Fact) {}
        #[inline(always)]
        fn warnings(&self) -> bool {
            false
        }
        #[inline(always)]
        fn stages(&self) -> bool {
            false
        }
    };
}
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use counts_outcomes_only;

/// The sink of a count of outcomes (a report's count of a dossier at the as-of instant alone):
/// no facts, no warnings and no stage marks.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct OutcomeOnly;

#[cfg(not(target_arch = "wasm32"))]
impl Trace for OutcomeOnly {
    counts_outcomes_only!();
}

/// The sink of a count of outcomes: on WebAssembly the fast path's (one copy of the pass).
#[cfg(target_arch = "wasm32")]
pub(crate) type OutcomeOnly = Quiet;

/// The fast path's sink: [`NoTrace`] natively, an empty `Option` on WebAssembly (see the
/// `Option<Vec<Fact>>` sink).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) type Quiet = NoTrace;
/// The fast path's sink: [`NoTrace`] natively, an empty `Option` on WebAssembly (see the
/// `Option<Vec<Fact>>` sink).
#[cfg(target_arch = "wasm32")]
pub(crate) type Quiet = Option<Vec<Fact>>;
