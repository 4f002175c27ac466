//! The lifecycle rules of a dossier's events, checked one event at a time ([`Lifecycle`]):
//! order, the result before or after closing, a supplement received without a request, a
//! second apology, transfers to the stages in order. Shared by [`Dossier::validate`](super::Dossier::validate) and the
//! deadline pass, so they are stated once.

use chrono::{NaiveDateTime, Timelike};

use super::{bad_dossier, not_after, Event, EventKind};
use crate::civil::format_instant;
use crate::error::{excerpt, Error, ErrorKind, Result};
use crate::procedure::Stage;

/// The ordering rules of dossier events, checked one event at a time (shared by
/// [`Dossier::validate`](super::Dossier::validate) and the deadline computation, so they are stated once).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lifecycle {
    received: NaiveDateTime,
    /// Instant of the open supplement request, if any.
    /// (Meaningful while `open_request_index` is set, see
    /// [`open_request`](Lifecycle::open_request): a plain instant, fully written when the
    /// state is, where an `Option` left bytes unset that were copied through memory.)
    open_request_at: NaiveDateTime,
    /// Index of the open supplement request in the dossier's events (`usize::MAX`: none).
    pub(crate) open_request_index: usize,
    /// Number of supplement requests so far.
    pub(crate) requests: u32,
    /// Supplement requests of the stage holding the file (one agency's), and whether a second
    /// one of a stage was seen (the warning, once).
    stage_requests: u32,
    second_in_stage: bool,
    apologies: u32,
    /// Number of transfers so far (the stage holding the file is `transfers + 1`).
    pub(crate) transfers: u32,
    /// The index of the closing event (resolved, refused, withdrawn) in the dossier's events
    /// (`usize::MAX`: none); its kind and instant are the event's (not copied here: fewer
    /// words to set for every dossier the engine counts).
    pub(crate) closing_index: usize,
}

/// The error of an instant with a fraction of a second, built in code: every text form reads
/// an instant to the second ("17:00:00.5" is 17:00:00) and the constructors
/// ([`Dossier::new`](super::Dossier::new), [`Event::new`]) cut it there, but a field set by hand kept it, and the
/// cut-off, the due instant and the result were compared at full precision: the same dossier
/// had another answer as JSON. Refused, never rounded silently.
#[cold]
#[inline(never)]
pub(super) fn fraction_error(at: NaiveDateTime, field: String) -> Error {
    bad_dossier(format!(
        "{at} has a fraction of a second: instants are read to the second (cut it with \
         `with_nanosecond(0)`, or build it with `Dossier::new` / `Event::new`)"
    ))
    .in_field(field)
}

/// Which check of [`Lifecycle::step`] an event failed.
#[derive(Debug, Clone, Copy)]
enum Fault {
    Fraction,
    NewDue,
    To,
    BeforeReceipt,
    OutOfOrder,
    AfterClosing,
    SupplementWithoutRequest,
    SecondApology,
    TransferWhileAwaiting,
    ReturnedBeforeResult,
}

impl Lifecycle {
    pub(crate) const fn new(received: NaiveDateTime) -> Lifecycle {
        Lifecycle {
            received,
            open_request_at: NaiveDateTime::MIN,
            open_request_index: usize::MAX,
            requests: 0,
            stage_requests: 0,
            second_in_stage: false,
            apologies: 0,
            transfers: 0,
            closing_index: usize::MAX,
        }
    }

    /// The instant of the open supplement request, if any.
    #[inline(always)]
    pub(crate) fn open_request(&self) -> Option<NaiveDateTime> {
        (self.open_request_index != usize::MAX).then_some(self.open_request_at)
    }

    /// Closes the open supplement request, if any (the dossier completed; also by a result
    /// while one is open): its instant.
    pub(crate) fn complete_request(&mut self) -> Option<NaiveDateTime> {
        let at = self.open_request();
        self.open_request_index = usize::MAX;
        at
    }

    /// Whether `e`, just checked by [`step`](Lifecycle::step), is the second supplement
    /// request (a warning, once).
    #[inline]
    pub(crate) fn is_second_request(&self, e: &Event) -> bool {
        e.kind == EventKind::SupplementRequested
            && self.stage_requests == 2
            && !self.second_in_stage
    }

    /// Whether `e`, event `i` of `events` just checked by [`step`](Lifecycle::step), is a second
    /// supplement request of one agency: the second of its stage
    /// ([`is_second_request`](Lifecycle::is_second_request)), or one by an agency of `stages`
    /// that asked in an earlier stage of its ([`asked_in_an_earlier_stage`]). The warning it
    /// calls for is given once by the caller.
    #[inline]
    pub(crate) fn asks_again(
        &self,
        e: &Event,
        stages: &[Stage],
        events: &[Event],
        i: usize,
    ) -> bool {
        self.is_second_request(e)
            || (e.kind == EventKind::SupplementRequested
                && !stages.is_empty()
                && asked_in_an_earlier_stage(stages, self.transfers, events, i))
    }

    /// Checks event `i` against the events before it and records it (a second supplement
    /// request is a warning: [`is_second_request`](Lifecycle::is_second_request)). Only the
    /// checks are here (inlined into the pass); the errors are written by [`fault`](Lifecycle::fault).
    /// The events are stepped through in order, each once: the previous event is `events[i -
    /// 1]`, read there rather than copied into the state at every event.
    #[inline(always)]
    pub(crate) fn step(&mut self, events: &[Event], i: usize, e: &Event) -> Result<()> {
        // An event with nothing but its kind and instant (most are) passes the checks of its
        // fields unless its instant has a fraction or its kind takes a field: tested at once
        // (each check by itself was some 8 instructions an event), the checks made one by one
        // only then.
        if e.at.nanosecond() != 0 || e.new_due.is_some() || e.to.is_some() || e.kind.takes_field() {
            self.check_fields(events, i, e)?;
        }
        // Reference §9: result before receipt; every event follows the receipt.
        if !not_after(self.received, false, e.at, e.date_only) {
            return Err(self.fault(events, i, e, Fault::BeforeReceipt));
        }
        // DESIGN.md: events in non-decreasing `at` order.
        if let Some(p) = previous(events, i) {
            if !not_after(p.at, p.date_only, e.at, e.date_only) {
                return Err(self.fault(events, i, e, Fault::OutOfOrder));
            }
        }
        // After the closing event only `returned` may follow (tested on the closing index
        // alone: the kind only once the dossier is closed).
        if self.closing_index != usize::MAX {
            return match e.kind {
                EventKind::Returned => Ok(()),
                _ => Err(self.after_order(events, i, e, Fault::AfterClosing)),
            };
        }
        match e.kind {
            EventKind::SupplementRequested => {
                self.requests += 1;
                self.second_in_stage |= self.stage_requests >= 2;
                self.stage_requests += 1;
                if self.open_request_index == usize::MAX {
                    self.open_request_at = e.at;
                    self.open_request_index = i;
                }
            }
            EventKind::SupplementReceived => {
                if self.complete_request().is_none() {
                    return Err(self.after_order(events, i, e, Fault::SupplementWithoutRequest));
                }
            }
            EventKind::Apology => {
                self.apologies += 1;
                if self.apologies > 1 {
                    return Err(self.after_order(events, i, e, Fault::SecondApology));
                }
            }
            EventKind::Extended => {}
            EventKind::Transferred => {
                self.transfers = self.transfers.saturating_add(1);
                self.second_in_stage |= self.stage_requests >= 2;
                self.stage_requests = 0;
                if self.open_request_index != usize::MAX {
                    return Err(self.after_order(events, i, e, Fault::TransferWhileAwaiting));
                }
            }
            EventKind::Resolved | EventKind::Refused | EventKind::Withdrawn => {
                self.closing_index = i;
            }
            // (The dossier is not closed here: a `returned` after the closing event passed
            // above.)
            EventKind::Returned => {
                return Err(self.after_order(events, i, e, Fault::ReturnedBeforeResult));
            }
        }
        Ok(())
    }

    /// The checks of an event's fields, in order: its instant to the second, `new_due` exactly
    /// for the kinds that take it, `to` exactly for a transfer (event `i` of `events`).
    #[inline(never)]
    fn check_fields(&self, events: &[Event], i: usize, e: &Event) -> Result<()> {
        if e.at.nanosecond() != 0 {
            return Err(self.fault(events, i, e, Fault::Fraction));
        }
        if e.kind.takes_new_due() != e.new_due.is_some() {
            return Err(self.fault(events, i, e, Fault::NewDue));
        }
        if e.kind.takes_to() != e.to.is_some() {
            return Err(self.fault(events, i, e, Fault::To));
        }
        Ok(())
    }

    /// The error of event `i` failing a check that depends on the order of the events (a
    /// supplement received before any request, ...): when two later events are listed out of
    /// order, that is the error (DESIGN.md: events in non-decreasing `at` order), the failed
    /// check being likely its consequence (a receipt listed before its request).
    #[cold]
    #[inline(never)]
    fn after_order(&self, events: &[Event], i: usize, e: &Event, fault: Fault) -> Error {
        self.disorder_from(events, i)
            .unwrap_or_else(|| self.fault(events, i, e, fault))
    }

    /// `error`, the failed check of event `i` against something outside the lifecycle (a
    /// transfer against the stages), unless two events from `i` on are listed out of order:
    /// then that is the error, as in [`after_order`](Self::after_order) (a transfer listed
    /// before an earlier one reaches the wrong agency as a consequence).
    #[cold]
    #[inline(never)]
    pub(crate) fn or_disorder(&self, events: &[Event], i: usize, error: Error) -> Error {
        self.disorder_from(events, i).unwrap_or(error)
    }

    /// The `events_out_of_order` error of the first two events from `i` on listed out of
    /// order, if any.
    fn disorder_from(&self, events: &[Event], i: usize) -> Option<Error> {
        let later = events.get(i..).unwrap_or(&[]);
        for (k, pair) in later.windows(2).enumerate() {
            if let [a, b] = pair {
                if !not_after(a.at, a.date_only, b.at, b.date_only) {
                    // (`a` is event `j - 1`, the one `fault` names.)
                    let j = i + k + 1;
                    return Some(self.fault(events, j, b, Fault::OutOfOrder));
                }
            }
        }
        None
    }

    /// The error of event `i` of `events` failing the check `fault` of
    /// [`step`](Lifecycle::step), written from the state as the check saw it (and the closing
    /// event, found in `events` by its index).
    #[cold]
    #[inline(never)]
    fn fault(&self, events: &[Event], i: usize, e: &Event, fault: Fault) -> Error {
        let here = format!("events[{i}]");
        match fault {
            Fault::Fraction => fraction_error(e.at, format!("{here}.at")),
            Fault::NewDue => {
                let msg = if e.new_due.is_none() {
                    format!("the {} event needs `new_due`", e.kind)
                } else {
                    format!(
                        "`new_due` belongs to apology and extended events, not to {}",
                        e.kind
                    )
                };
                bad_dossier(msg).in_field(here)
            }
            Fault::To => {
                let msg = if e.to.is_none() {
                    format!(
                        "the {} event needs `to` (the agency the file reached)",
                        e.kind
                    )
                } else {
                    format!("`to` belongs to transferred events, not to {}", e.kind)
                };
                bad_dossier(msg).in_field(format!("{here}.to"))
            }
            Fault::BeforeReceipt => {
                let (kind, what) = if e.kind.is_closing() {
                    (ErrorKind::ResultBeforeReceipt, "result")
                } else {
                    (ErrorKind::EventsOutOfOrder, "event")
                };
                Error::new(
                    kind,
                    format!(
                        "{what} {} at {} is before the receipt at {}",
                        e.kind,
                        format_instant(e.at),
                        format_instant(self.received)
                    ),
                )
                .in_field(here)
            }
            Fault::OutOfOrder => {
                let (prev_kind, p) = previous(events, i)
                    .map_or((EventKind::Returned, self.received), |p| (p.kind, p.at));
                Error::new(
                    ErrorKind::EventsOutOfOrder,
                    format!(
                        "{} at {} comes after {} at {} in the list but is earlier",
                        e.kind,
                        format_instant(e.at),
                        prev_kind,
                        format_instant(p)
                    ),
                )
                .in_field(here)
            }
            Fault::AfterClosing => {
                let (ck, at) = events
                    .get(self.closing_index)
                    .map_or((EventKind::Resolved, self.received), |c| (c.kind, c.at));
                bad_dossier(format!(
                    "{} after the dossier was closed ({ck} at {})",
                    e.kind,
                    format_instant(at)
                ))
                .in_field(here)
            }
            Fault::SupplementWithoutRequest => Error::new(
                ErrorKind::SupplementWithoutRequest,
                format!(
                    "supplement_received at {} without an open supplement request",
                    format_instant(e.at)
                ),
            )
            .in_field(here),
            Fault::SecondApology => Error::new(
                ErrorKind::SecondApology,
                format!(
                    "a second apology at {}: the law allows one new appointment",
                    format_instant(e.at)
                ),
            )
            .in_field(here),
            Fault::TransferWhileAwaiting => Error::new(
                ErrorKind::InvalidTransfer,
                format!(
                    "transferred at {} while the supplement request of {} is open: the file \
                     stays with the agency awaiting the citizen",
                    format_instant(e.at),
                    format_instant(self.open_request().unwrap_or(e.at))
                ),
            )
            .in_field(here),
            Fault::ReturnedBeforeResult => bad_dossier(format!(
                "returned at {} before any result (resolved, refused or withdrawn)",
                format_instant(e.at)
            ))
            .in_field(here),
        }
    }
}

/// The event before event `i` of `events`, if any.
#[inline(always)]
fn previous(events: &[Event], i: usize) -> Option<&Event> {
    i.checked_sub(1).and_then(|j| events.get(j))
}

/// Whether the agency of the stage holding the file after `transfers` transfers made a
/// supplement request in an earlier stage of its, among `events` before event `i`: Decree
/// 107/2021 is recalled as allowing one request per agency \[U\], and an agency in charge of
/// two stages (A, B, A) is one agency (its second request in its second stage was no
/// warning: requests were counted per stage).
#[cold]
#[inline(never)]
fn asked_in_an_earlier_stage(stages: &[Stage], transfers: u32, events: &[Event], i: usize) -> bool {
    let holding = transfers as usize;
    let Some(agency) = stages.get(holding).map(|s| s.agency.as_str()) else {
        return false;
    };
    let mut stage = 0usize;
    for e in events.get(..i).unwrap_or_default() {
        match e.kind {
            EventKind::Transferred => stage += 1,
            EventKind::SupplementRequested
                if stage != holding && stages.get(stage).is_some_and(|s| s.agency == agency) =>
            {
                return true;
            }
            _ => {}
        }
    }
    false
}

/// Checks that the `transfers`-th transfer, event `i`, goes to the next stage of `stages`:
/// stage `transfers + 1` (1-based) must exist and its agency must be the event's `to` (compared
/// after trimming, exactly otherwise).
pub(crate) fn check_transfer(i: usize, e: &Event, transfers: u32, stages: &[Stage]) -> Result<()> {
    let to = e.to.as_deref().unwrap_or("").trim();
    let bad = |msg: String| {
        Err(Error::new(ErrorKind::InvalidTransfer, msg).in_field(format!("events[{i}].to")))
    };
    if stages.is_empty() {
        return bad(format!(
            "transferred to `{}`, but the dossier has no stages (give `stages`, or a catalogue \
             procedure with stages)",
            excerpt(to)
        ));
    }
    let next = usize::try_from(transfers).unwrap_or(usize::MAX);
    match stages.get(next) {
        None => bad(format!(
            "transfer {transfers} to `{}`: the dossier has {} stage{}, so at most {} transfer{}",
            excerpt(to),
            stages.len(),
            if stages.len() == 1 { "" } else { "s" },
            stages.len() - 1,
            if stages.len() == 2 { "" } else { "s" },
        )),
        // (Names that read the same are the same agency: one typed as letters and combining
        // marks, NFD, is its NFC self, natively, see `casefold::compose`; runs of white space
        // are one space, as in the stage's own name: `casefold::group_text`.)
        Some(s) if crate::casefold::group_text(&s.agency) != crate::casefold::group_text(to) => {
            bad(format!(
                "transfer {transfers} goes to `{}`, but stage {} is `{}`",
                excerpt(to),
                next + 1,
                excerpt(&s.agency)
            ))
        }
        Some(_) => Ok(()),
    }
}
