//! A supplement request in the pass: it stops the clock (the time used counts, or a fresh
//! limit will run under `supplement=restart`), the complete dossier runs it again from its own
//! deemed receipt day (Decree 61/2018/NĐ-CP, Art. 19), and new appointments (an apology or an
//! extension with `new_due`) move the due date, also while the clock is stopped.

use chrono::NaiveDateTime;

use super::Pass;
use crate::deadline::answer::InstantFmt;
use crate::deadline::count::Unit;
use crate::deadline::facts::{Effect, Fact, Round, Trace};
use crate::deadline::options::{ApologyRule, SupplementRule};
use crate::deadline::render::warnings::Notice;
use crate::deadline::rules::{date_of, deemed_receipt_number, new_appointment_applies, number_of};
use crate::dossier::{Dossier, Event, EventKind};
use crate::error::{Error, ErrorKind, Result};

impl<T: Trace> Pass<'_, T> {
    /// The instant the clock runs again from when event `e` (the complete dossier, or a result)
    /// ends the open request (event `request` of `events`): `e`'s, but never before the request
    /// stopped the clock ([`stopped_at`](Self::stopped_at)) — a complete dossier given by its
    /// date alone on the day of the request (its 00:00) came after the request. Without it the
    /// count restarted at that day's opening, hours before the request and even before the
    /// receipt, and the pause shortened the limit.
    #[inline]
    pub(super) fn restart_at(&self, e: &Event, events: &[Event], request: usize) -> NaiveDateTime {
        // (No request: `stopped_at` is the earliest instant.)
        e.at.max(self.stopped_at(events, request).1)
    }

    /// A supplement request stops the clock: the time used counts (`pause`) or a fresh limit
    /// will run (`restart`).
    pub(super) fn pause(&mut self, i: usize, e: &Event, events: &[Event]) -> Result<()> {
        let (r_day, r_at) = self.stopped_at(events, i);
        let c = self.clock;
        let (due, used, left) = self.clock.pause(self.cal, self.closing(), r_day, r_at)?;
        let closing = self.closing();
        if let Some(h) = &mut self.holding {
            h.clock.pause(self.cal, closing, r_day, r_at)?;
        }
        let after_due = r_day > due.day;
        if after_due {
            let due_date = due.date()?;
            self.warn(|| Notice::SupplementAfterDue {
                at: e.at,
                due: due_date,
            });
        }
        if self.tracing() {
            match c.unit {
                Unit::WorkingDays => self.days_off(c.start_day + 1, r_day)?,
                Unit::Seconds => self.days_off(c.start_day, r_day)?,
                _ => {}
            }
            self.trace.fact(Fact::SupplementRequested {
                at: e.at,
                date_only: e.date_only,
                reading: self.rules.supplement,
                since: date_of(c.start_day)?,
                since_at: (c.unit == Unit::Seconds).then(|| self.first_working_moment(c.start_at)),
                used: c.unit.amount(used),
                left: c.unit.amount(left),
                due: due.date()?,
                after_due,
            });
        }
        self.counted = false;
        Ok(())
    }

    /// The day and the instant of event `i` of `events` as the clock reads a request (when it
    /// stopped the clock) or an appointment made while it is stopped: one given by its date
    /// alone uses the whole day, to closing time, as day counting does — but not past the first
    /// later event of that day given with its time, which it preceded (a complete dossier
    /// received at 08:00 on the day of a request known by its date was requested before 08:00:
    /// taken at closing time, the request used hours that came after the dossier was complete).
    pub(super) fn stopped_at(&self, events: &[Event], i: usize) -> (i64, NaiveDateTime) {
        let Some(e) = events.get(i) else {
            return (i64::MIN, NaiveDateTime::MIN);
        };
        let mut at = e.at;
        if e.date_only {
            at = e.date().and_time(self.closing());
            let day = e.date();
            let later = events.get(i + 1..).unwrap_or(&[]);
            if let Some(n) = later.iter().find(|n| !n.date_only && n.date() == day) {
                at = at.min(n.at);
            }
        }
        (number_of(e.date()), at)
    }

    /// The complete dossier arrived at `at` (or a result while a request was open; given by its
    /// date alone when `date_only`): the clock runs again.
    pub(super) fn resume(
        &mut self,
        at: NaiveDateTime,
        date_only: bool,
        round: Round,
        dossier: &Dossier,
    ) -> Result<()> {
        let d = deemed_receipt_number(self.cal, at, self.rules.deemed_receipt)?;
        self.received(round, dossier.channel, at, date_only, d)?;
        let reading = self.rules.supplement;
        self.clock.resume(d, at, reading == SupplementRule::Restart);
        if let Some(h) = &mut self.holding {
            h.clock.resume(d, at, reading == SupplementRule::Restart);
        }
        self.counted = false;
        if self.tracing() {
            let c = self.clock;
            let from_at = (c.unit == Unit::Seconds).then(|| self.first_working_moment(at));
            self.trace.fact(Fact::ClockResumed {
                reading,
                from: date_of(d)?,
                from_at,
                left: c.unit.amount(c.budget),
                appointment: match (reading, self.appointed.take()) {
                    (SupplementRule::Pause, Some(f)) => Some(date_of(f)?),
                    _ => None,
                },
            });
        }
        Ok(())
    }

    /// An apology or extension with `new_due`.
    pub(super) fn new_appointment(&mut self, i: usize, e: &Event, events: &[Event]) -> Result<()> {
        let Some(new_due) = e.new_due else {
            return Ok(());
        };
        let current = self.clock.current_due(self.cal)?.date()?;
        if new_due < current {
            return Err(Error::new(
                ErrorKind::NewDueEarlier,
                format!(
                    "{} at {}: new_due {new_due} is earlier than the current due date {current}",
                    e.kind,
                    InstantFmt(e.at)
                ),
            )
            .in_field(format!("events[{i}].new_due")));
        }
        // Within the calendar, or an error. An appointment on a day off ends, as any period
        // whose last day is a weekly rest day or a holiday, at the end of the next working day
        // (Civil Code 2015, Art. 148: the office is closed; it was due at a closing time the
        // day has not, and a result on the next working day was late).
        let working = self
            .cal
            .is_working_day(new_due)
            .map_err(|err| err.in_field(format!("events[{i}].new_due")))?;
        let moved = if working {
            None
        } else {
            Some(self.cal.next_working_day(new_due)?)
        };
        // While a supplement request is open the clock is stopped and the due date does not
        // pass: the appointment is judged as of the request (in time when the clock stopped
        // in time), not against the due date as it stood then.
        let issued = match (self.clock.paused, self.life.open_request()) {
            (Some(_), Some(request)) => request.date(),
            _ => e.date(),
        };
        // An appointment already past when given (possible only while the clock is stopped:
        // otherwise it would be before the current due date) is not one: as a late one, it
        // stays a warning and the due date stays.
        let past = self.clock.paused.is_some() && new_due < e.date();
        let applies = !past && new_appointment_applies(e.kind, issued, current, self.rules.apology);
        let late = past || issued > current;
        if late {
            self.warn(|| Notice::NewAppointmentAfterDue {
                apology: e.kind == EventKind::Apology,
                issued: e.date(),
                due: current,
            });
        }
        if self.tracing() {
            self.explain_count()?;
            let effect = if applies {
                Effect::Moved
            } else if late {
                Effect::AfterDue
            } else if self.rules.apology == ApologyRule::MovesDueDayBefore {
                Effect::OnDueDate
            } else {
                Effect::CountsLate
            };
            self.trace.fact(Fact::NewAppointment {
                event: e.kind,
                at: e.at,
                new_due,
                due: current,
                effect,
            });
            if let (true, Some(due)) = (applies, moved) {
                let (from, to) = (number_of(new_due), number_of(due) - 1);
                self.days_off(from, to)?;
                self.trace.fact(Fact::EndMoved { end: new_due, due });
            }
        }
        if applies {
            let day = number_of(moved.unwrap_or(new_due));
            if self.clock.paused.is_some() {
                // Made while the clock is stopped: the time from now up to it is what is left
                // when the clock runs again.
                let (on, at) = self.stopped_at(events, i);
                self.clock
                    .appoint_while_paused(self.cal, self.closing(), on, at, day)?;
                if self.tracing() {
                    self.appointed = Some(day);
                }
            } else {
                self.clock.fixed = Some(day);
            }
        }
        Ok(())
    }
}
