//! One running count of a limit ([`Clock`]): the unit it is counted in ([`Unit`]), what is
//! left, the day its current round started, a new appointment, a stop while a supplement is
//! awaited; and a due date as the pass holds it ([`Mark`]). The [`Pass`](super::clock::Pass)
//! moves one clock for the dossier and one for the stage holding the file.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::answer::InstantFmt;
use super::facts::Amount;
use super::options::Counting;
use super::rules::{
    calendar_days_due_number, calendar_days_used_number, date_of, number_of, same_day_due_number,
    working_days_due_number, working_days_used_number, working_hours_expiry, working_seconds_used,
    HOURS_PER_DAY,
};
use crate::calendar::WorkCalendar;
use crate::error::{Error, ErrorKind, Result};
use crate::procedure::TimeLimit;

/// The unit a limit is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    WorkingDays,
    CalendarDays,
    /// Working seconds (hour limits, `counting=hours`).
    Seconds,
    /// Same day, with its cut-off.
    SameDay(NaiveTime),
}

impl Unit {
    /// The limit `limit` in the unit it is counted in under `counting`, with its amount.
    pub(crate) fn of(limit: TimeLimit, counting: Counting) -> (Unit, i64) {
        match (limit, counting) {
            (TimeLimit::WorkingDays(n), Counting::Days) => (Unit::WorkingDays, i64::from(n)),
            (TimeLimit::WorkingDays(n), Counting::Hours) => (
                Unit::Seconds,
                i64::from(n) * i64::from(HOURS_PER_DAY) * 3600,
            ),
            (TimeLimit::CalendarDays(n), _) => (Unit::CalendarDays, i64::from(n)),
            (TimeLimit::WorkingHours(n), _) => (Unit::Seconds, i64::from(n) * 3600),
            (TimeLimit::SameDay { cutoff }, _) => (Unit::SameDay(cutoff), 0),
        }
    }

    pub(super) fn amount(self, n: i64) -> Amount {
        match self {
            Unit::WorkingDays => Amount::WorkingDays(n),
            Unit::CalendarDays => Amount::CalendarDays(n),
            Unit::Seconds => Amount::WorkingSeconds(n),
            Unit::SameDay(_) => Amount::SameDay,
        }
    }
}

/// A due date as the pass holds it: a day number, and for a working-time count the expiry
/// instant (a day count is due at the closing time of its day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    /// The due date, as a day number.
    pub(crate) day: i64,
    /// The expiry of a working-time count.
    pub(crate) at: Option<NaiveDateTime>,
}

impl Mark {
    pub(super) fn day(day: i64) -> Mark {
        Mark { day, at: None }
    }

    /// The due date.
    pub(crate) fn date(self) -> Result<NaiveDate> {
        date_of(self.day)
    }

    /// The due instant: the expiry, else the closing time of the due date.
    pub(crate) fn instant(self, closing: NaiveTime) -> Result<NaiveDateTime> {
        match self.at {
            Some(t) => Ok(t),
            None => Ok(self.date()?.and_time(closing)),
        }
    }
}

/// One running count: the current round's start, what is left, overrides. Days are day
/// numbers (days since 1970-01-01).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clock {
    pub(super) unit: Unit,
    /// The whole limit in `unit` (what `restart` starts again with).
    pub(super) total: i64,
    /// What is left, counted from the current round's start.
    pub(super) budget: i64,
    /// Deemed receipt day of the current round.
    pub(super) start_day: i64,
    /// Receipt instant of the current round.
    pub(super) start_at: NaiveDateTime,
    /// A new appointment (apology, extension) replacing the computed due date.
    pub(super) fixed: Option<i64>,
    /// While a request is open: the due date as it stood when it was made.
    pub(super) paused: Option<Mark>,
}

impl Clock {
    pub(crate) fn new(unit: Unit, total: i64, start_day: i64, start_at: NaiveDateTime) -> Clock {
        Clock {
            unit,
            total,
            budget: total,
            start_day,
            start_at,
            fixed: None,
            paused: None,
        }
    }

    /// The due date while the clock runs.
    #[inline(always)]
    pub(super) fn running_due(&self, cal: &WorkCalendar) -> Result<Mark> {
        self.count_due(cal).map_err(|e| self.past_the_end(cal, e))
    }

    /// A due date counted past the calendar's end (DESIGN: an answer outside the range is an
    /// error, never a guess), said as such: from which instant it was counted, the limit
    /// (field `time_limit`) — not "the answer", which a dossier's reader never asked for.
    #[cold]
    #[inline(never)]
    fn past_the_end(&self, cal: &WorkCalendar, e: Error) -> Error {
        if e.kind() != ErrorKind::DateOutOfRange || e.field().is_some() {
            return e;
        }
        // (A calendar-day count says where it lands: past what a date holds, the year.)
        let lands = match self.unit {
            Unit::CalendarDays => format!(
                " ({} calendar days: {})",
                self.budget,
                cal.describe_day(self.start_day.saturating_add(self.budget))
            ),
            _ => String::new(),
        };
        cal.falls_outside(format_args!(
            "the due date counted from {}{lands}",
            InstantFmt(self.start_at)
        ))
        .in_field("time_limit")
    }

    /// The due date of the running count.
    #[inline(always)]
    fn count_due(&self, cal: &WorkCalendar) -> Result<Mark> {
        Ok(match self.unit {
            Unit::WorkingDays => {
                Mark::day(working_days_due_number(cal, self.start_day, self.budget)?)
            }
            Unit::CalendarDays => {
                Mark::day(calendar_days_due_number(cal, self.start_day, self.budget)?)
            }
            Unit::Seconds => {
                let t = working_hours_expiry(cal, self.start_at, self.budget)?;
                Mark {
                    day: number_of(t.date()),
                    at: Some(t),
                }
            }
            Unit::SameDay(cutoff) => Mark::day(same_day_due_number(
                cal,
                self.start_day,
                self.start_at,
                cutoff,
            )?),
        })
    }

    /// The current due date: a new appointment, else the date as it stood when an open
    /// request stopped the clock, else the running count.
    /// (Natively inlined in every caller: left to the compiler, it was called, as a function
    /// of its own, about 20 instructions a dossier more; on WebAssembly bytes count more.)
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    pub(crate) fn current_due(&self, cal: &WorkCalendar) -> Result<Mark> {
        if let Some(f) = self.fixed {
            return Ok(Mark::day(f));
        }
        if let Some(p) = self.paused {
            return Ok(p);
        }
        self.running_due(cal)
    }

    /// What was used of the current round and what is left, for a request on day `r_day` (at
    /// `r_at` for working-time counts); with a new appointment, what is left is the time up to
    /// it.
    pub(super) fn used_and_left(
        &self,
        cal: &WorkCalendar,
        closing: NaiveTime,
        r_day: i64,
        r_at: NaiveDateTime,
    ) -> Result<(i64, i64)> {
        let c = self;
        Ok(match (c.unit, c.fixed) {
            (Unit::WorkingDays, None) => {
                let used = working_days_used_number(cal, c.start_day, r_day)?;
                (used, (c.budget - used).max(0))
            }
            (Unit::WorkingDays, Some(f)) => (
                working_days_used_number(cal, c.start_day, r_day)?,
                working_days_used_number(cal, c.start_day.max(r_day), f)?,
            ),
            (Unit::CalendarDays, None) => {
                let used = calendar_days_used_number(c.start_day, r_day);
                (used, (c.budget - used).max(0))
            }
            (Unit::CalendarDays, Some(f)) => (
                calendar_days_used_number(c.start_day, r_day),
                calendar_days_used_number(c.start_day.max(r_day), f),
            ),
            (Unit::Seconds, None) => {
                let used = working_seconds_used(cal, c.start_at, r_at)?;
                (used, (c.budget - used).max(0))
            }
            (Unit::Seconds, Some(f)) => (
                working_seconds_used(cal, c.start_at, r_at)?,
                working_seconds_used(cal, c.start_at.max(r_at), date_of(f)?.and_time(closing))?,
            ),
            (Unit::SameDay(_), _) => (0, 0),
        })
    }

    /// A supplement request on day `r_day` (at `r_at`) stops the clock: the due date as it
    /// stood, the time used in the current round and what is left (see
    /// [`used_and_left`](Clock::used_and_left)).
    pub(super) fn pause(
        &mut self,
        cal: &WorkCalendar,
        closing: NaiveTime,
        r_day: i64,
        r_at: NaiveDateTime,
    ) -> Result<(Mark, i64, i64)> {
        let due = self.current_due(cal)?;
        let (used, left) = self.used_and_left(cal, closing, r_day, r_at)?;
        self.budget = left;
        self.fixed = None;
        self.paused = Some(due);
        Ok((due, used, left))
    }

    /// A new appointment on day `f`, given on day `g_day` (at `g_at`) while a request keeps
    /// the clock stopped: it replaces the due date as it stood when the clock stopped, and what
    /// is left when the clock runs again is the time from when it was given up to it — as for
    /// an appointment given before the request, which [`pause`](Clock::pause) turns into the
    /// time from the request up to it — so that the wait, the citizen's time, never counts
    /// against the agency. (`used_and_left` measures up to a set appointment: it is set for
    /// that, then the stopped clock holds it.)
    pub(super) fn appoint_while_paused(
        &mut self,
        cal: &WorkCalendar,
        closing: NaiveTime,
        g_day: i64,
        g_at: NaiveDateTime,
        f: i64,
    ) -> Result<()> {
        self.fixed = Some(f);
        let (_, left) = self.used_and_left(cal, closing, g_day, g_at)?;
        self.budget = left;
        self.fixed = None;
        self.paused = Some(Mark::day(f));
        Ok(())
    }

    /// The complete dossier, deemed received on day `d` (at `at`): the clock runs again, with
    /// what was left (`pause`) or the whole limit (`restart`).
    pub(super) fn resume(&mut self, d: i64, at: NaiveDateTime, restart: bool) {
        self.paused = None;
        self.start_day = d;
        self.start_at = at;
        if restart {
            self.budget = self.total;
            self.fixed = None;
        }
    }
}
