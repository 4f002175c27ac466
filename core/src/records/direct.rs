//! The direct reader of a typed table's plain rows (natively): a frame's record read straight
//! from its columns' buffers into the reused [`Record`], without the general reader's decoded
//! cells and its checks of every kind of cell. It takes the tables a DataFrame hands over
//! (instants as timestamps or dates, codes, channels and grouping values as text) and the
//! rows whose values are all well-formed; any other row (a missing receipt, a malformed or
//! unreadable value, two ends) it leaves to the general reader
//! ([`Layout::read_as_of`]), which reads it again and reports it. So it gives the record the
//! general reader gives, or none: a property test holds the two to the same reports and
//! errors over random tables.

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{NaiveDate, NaiveDateTime, Timelike};

use super::cell::parse_channel;
use super::layout::{place_apology, Layout, Record};
use super::table::{text_of_bytes, Column, Kind, Presence, SeenTexts, Table, FIRST_DAY};
use crate::dossier::{not_after, Channel, Event, EventKind, LimitSource};
use crate::procedure::TimeLimit;

/// A text column, its values' presence and the values it has shown.
struct TextColumn<'t, 'a> {
    column: &'t Column<'a>,
    present: Presence<'a>,
    seen: SeenTexts<'a>,
}

impl<'t, 'a> TextColumn<'t, 'a> {
    fn new(column: &'t Column<'a>) -> TextColumn<'t, 'a> {
        TextColumn {
            column,
            present: Presence::of(column),
            seen: SeenTexts::new(),
        }
    }

    #[inline(always)]
    fn at(&mut self, i: usize) -> Option<Option<&'a str>> {
        self.column.text_at(i, &mut self.seen, &mut self.present)
    }

    #[inline(always)]
    fn bytes(&mut self, i: usize) -> Option<Option<&'a [u8]>> {
        self.column.bytes_at(i, &mut self.present)
    }
}

/// A column of instants, its values' presence and the day last turned into a date.
struct InstantColumn<'t, 'a> {
    column: &'t Column<'a>,
    present: Presence<'a>,
    last: (i64, NaiveDate),
}

impl<'t, 'a> InstantColumn<'t, 'a> {
    fn new(column: &'t Column<'a>) -> InstantColumn<'t, 'a> {
        InstantColumn {
            column,
            present: Presence::of(column),
            last: FIRST_DAY,
        }
    }

    #[inline(always)]
    fn at(&mut self, i: usize) -> Option<Option<NaiveDateTime>> {
        self.column.instant_at(i, &mut self.last, &mut self.present)
    }

    #[inline(always)]
    fn date(&mut self, i: usize) -> Option<Option<NaiveDate>> {
        self.column.date_at(i, &mut self.last, &mut self.present)
    }
}

/// Slots of a memo of raw values: a power of two.
const MEMO_SLOTS: usize = 128;

/// The slots a value may be kept in, from the slot of its bytes on: a few values whose bytes
/// fall in one slot (31 procedure codes in 64 direct-mapped slots shared some, and each one met
/// threw the other out: a seventh of the rows read their code again) are kept side by side.
const MEMO_PROBES: usize = 4;

/// The slot of `bytes` in a memo of [`MEMO_SLOTS`], and their [`ends`](crate::hash::ends).
#[inline(always)]
fn memo_slot(bytes: &[u8]) -> (usize, (u64, u64)) {
    let ends = crate::hash::ends(bytes);
    (
        (crate::hash::ends_hash(bytes.len(), ends) >> (64 - MEMO_SLOTS.trailing_zeros())) as usize,
        ends,
    )
}

/// What a column's raw values (bytes, before they are checked as UTF-8 and trimmed) last
/// became, by a slot of their bytes: a channel, a tidied group. Only values read without
/// error are kept; two values of the same bytes are the same value. A value is kept in the
/// first free of the [`MEMO_PROBES`] slots from its own (slots are never emptied, so a value
/// kept is found before a free slot), or, when none is free, in its own slot instead of the
/// value there.
struct Memo<'a, T> {
    slots: [Option<(&'a [u8], T)>; MEMO_SLOTS],
}

impl<'a, T> Memo<'a, T> {
    fn new() -> Memo<'a, T> {
        Memo {
            slots: std::array::from_fn(|_| None),
        }
    }

    /// What `bytes` became, if kept.
    #[inline(always)]
    fn get(&self, bytes: &[u8]) -> Option<&T> {
        let (slot, ends) = memo_slot(bytes);
        for k in 0..MEMO_PROBES {
            match self.slots.get((slot + k) % MEMO_SLOTS) {
                Some(Some((b, v))) if crate::hash::same(bytes, ends, b) => return Some(v),
                Some(Some(_)) => {}
                _ => return None,
            }
        }
        None
    }

    /// Keeps what `bytes` (not kept: [`get`](Memo::get) gave `None`) became.
    #[inline]
    fn set(&mut self, bytes: &'a [u8], value: T) {
        let slot = memo_slot(bytes).0;
        let free = (0..MEMO_PROBES)
            .map(|k| (slot + k) % MEMO_SLOTS)
            .find(|&s| matches!(self.slots.get(s), Some(None)))
            .unwrap_or(slot);
        if let Some(s) = self.slots.get_mut(free) {
            *s = Some((bytes, value));
        }
    }
}

/// The reader of one table's plain rows for one layout.
pub(super) struct Direct<'t, 'a> {
    received: InstantColumn<'t, 'a>,
    time_limit: Option<TextColumn<'t, 'a>>,
    /// The last time limit read, and its text.
    limit: (&'a str, TimeLimit),
    procedure: Option<TextColumn<'t, 'a>>,
    /// The codes read, by their raw values, with the limit the sink counts them by when it is
    /// all the sink needs ([`Sink::own_limit`](super::Sink::own_limit)).
    codes: Memo<'a, (&'a str, Option<TimeLimit>)>,
    /// The text of a code, kept while the record's limit is its own (its allocation reused).
    spare: String,
    channel: Option<TextColumn<'t, 'a>>,
    /// The channels read, by their raw values.
    channels: Memo<'a, Channel>,
    events: Vec<(InstantColumn<'t, 'a>, EventKind)>,
    new_due: Option<InstantColumn<'t, 'a>>,
    /// The grouping columns (`None`: grouped by the channel read), with their tidied values
    /// and their numbers (see [`GroupNumbers`]) by their raw values.
    groups: Vec<Option<GroupColumn<'t, 'a>>>,
    /// The reader's stamp, for the records' [`group_key`](Record::group_key)s.
    stamp: u64,
}

/// A grouping column of text, its tidied values by their raw values, each with its number.
type GroupColumn<'t, 'a> = (TextColumn<'t, 'a>, Memo<'a, (String, u64)>, GroupNumbers);

/// The numbers a reader gives the raw values of a grouping column, for the records' group
/// keys: one a value it keeps (a value kept again, or another value that tidies alike, has
/// another number: a key says groups are the same, not that they differ), 0 a missing value.
struct GroupNumbers {
    next: u64,
}

/// The bits of a grouping column's number in a record's group key: a key is the numbers of
/// the columns side by side, so a reader keys records of up to [`KEYED_COLUMNS`] grouping
/// columns, as long as their numbers fit.
const GROUP_NUMBER_BITS: u32 = 16;

/// The most grouping columns a reader keys its records' groups for.
const KEYED_COLUMNS: usize = (u64::BITS / GROUP_NUMBER_BITS) as usize;

/// The stamp of the next reader made (readers of one process never share one).
static NEXT_STAMP: AtomicU64 = AtomicU64::new(0);

impl<'t, 'a> Direct<'t, 'a> {
    /// The reader of `table`'s rows for `layout`, when it can take them: a layout without
    /// stages, transfers, the scorecard's columns or ids to carry, instants in columns of
    /// instants or dates, codes, limits, channels and grouping values in text columns.
    pub(super) fn new(
        layout: &Layout,
        table: &'t Table<'a>,
        catalogue: Option<&crate::procedure::Catalogue>,
    ) -> Option<Direct<'t, 'a>> {
        if layout.stages.is_some()
            || layout.takes_procedure_stages(catalogue)
            || layout.by_procedure.iter().any(|p| p.2)
            || layout.transfers.is_some()
            || layout.service.is_some()
            || (layout.ids && layout.id.is_some())
        {
            return None;
        }
        let of =
            |c: usize, kinds: &[Kind]| table.column(c).filter(|col| kinds.contains(&col.kind()));
        let instants = [Kind::Null, Kind::Instants];
        let text = [Kind::Null, Kind::Text];
        let text_column = |c: Option<usize>| match c {
            None => Some(None),
            Some(c) => of(c, &text).map(|col| Some(TextColumn::new(col))),
        };
        let events = layout
            .events
            .iter()
            .map(|&(c, kind, _)| Some((InstantColumn::new(of(c, &instants)?), kind)))
            .collect::<Option<Vec<_>>>()?;
        let groups = layout
            .groups
            .iter()
            .map(|&g| match Some(g) == layout.channel {
                true => Some(None),
                false => of(g, &text)
                    .map(|col| Some((TextColumn::new(col), Memo::new(), GroupNumbers { next: 1 }))),
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Direct {
            received: InstantColumn::new(of(layout.received, &[Kind::Instants])?),
            time_limit: text_column(layout.time_limit)?,
            limit: ("", TimeLimit::WorkingDays(1)),
            procedure: text_column(layout.procedure)?,
            codes: Memo::new(),
            spare: String::new(),
            channel: text_column(layout.channel)?,
            channels: Memo::new(),
            events,
            new_due: match layout.new_due {
                None => None,
                Some(c) => Some(InstantColumn::new(of(c, &instants)?)),
            },
            groups,
            stamp: NEXT_STAMP.fetch_add(1, Ordering::Relaxed),
        })
    }

    /// Reads row `i` into `out` as [`Layout::read_as_of`] reads it (judged at `as_of`), and
    /// says whether it did: `false` leaves the row (and `out`, partly written) to that
    /// reader.
    #[inline]
    pub(super) fn read(
        &mut self,
        i: usize,
        out: &mut Record,
        as_of: Option<NaiveDateTime>,
        own_limit: &dyn Fn(&str) -> Option<TimeLimit>,
    ) -> bool {
        self.read_row(i, out, as_of, own_limit).is_some()
    }

    #[inline(always)]
    fn read_row(
        &mut self,
        i: usize,
        out: &mut Record,
        as_of: Option<NaiveDateTime>,
        own_limit: &dyn Fn(&str) -> Option<TimeLimit>,
    ) -> Option<()> {
        let received = self.received.at(i)??;
        let d = &mut out.dossier;
        d.received = received;
        d.received_date_only = received.time().num_seconds_from_midnight() == 0;
        d.id = None;
        let limit = match &mut self.time_limit {
            Some(c) => c.at(i)?,
            None => None,
        };
        match limit {
            Some(text) => {
                if text != self.limit.0 {
                    self.limit = (text, text.parse::<TimeLimit>().ok()?);
                }
                d.limit = LimitSource::TimeLimit(self.limit.1);
            }
            None => {
                let c = self.procedure.as_mut()?;
                let bytes = c.bytes(i)??;
                let (code, own) = match self.codes.get(bytes) {
                    Some(&known) => known,
                    None => {
                        let code = text_of_bytes(bytes, &mut c.seen)??;
                        let known = (code, own_limit(code));
                        self.codes.set(bytes, known);
                        known
                    }
                };
                match (own, &mut d.limit) {
                    // The procedure's limit, as the row's own (what the sink counts by).
                    (Some(t), limit) => {
                        let was = std::mem::replace(limit, LimitSource::TimeLimit(t));
                        if let LimitSource::Procedure(s) = was {
                            self.spare = s;
                        }
                    }
                    // Reuse the code's allocation from the previous record.
                    (None, LimitSource::Procedure(s)) => {
                        s.clear();
                        s.push_str(code);
                    }
                    (None, other) => {
                        let mut s = std::mem::take(&mut self.spare);
                        s.clear();
                        s.push_str(code);
                        *other = LimitSource::Procedure(s);
                    }
                }
            }
        }
        d.channel = match &mut self.channel {
            None => Channel::Direct,
            Some(c) => match c.bytes(i)? {
                None => Channel::Direct,
                Some(bytes) => match self.channels.get(bytes) {
                    Some(&channel) => channel,
                    None => {
                        let channel = match text_of_bytes(bytes, &mut c.seen)? {
                            None => Channel::Direct,
                            Some(text) => parse_channel(text).ok()?,
                        };
                        self.channels.set(bytes, channel);
                        channel
                    }
                },
            },
        };
        d.events.clear();
        out.standing_apology = None;
        let mut ended = false;
        for (column, kind) in &mut self.events {
            let Some(t) = column.at(i)? else {
                continue;
            };
            if kind.is_closing() {
                if ended {
                    // Two ends: the general reader's error.
                    return None;
                }
                ended = true;
            }
            let mut ev = Event::new(*kind, t);
            ev.date_only = t.time().num_seconds_from_midnight() == 0;
            d.events.push(ev);
        }
        let in_order = d
            .events
            .windows(2)
            .all(|w| matches!(w, [a, b] if not_after(a.at, a.date_only, b.at, b.date_only)));
        if let (Some(column), true) = (&mut self.new_due, in_order) {
            if let Some(day) = column.date(i)? {
                let pos = place_apology(d, day, |t| as_of.is_none_or(|a| t <= a));
                out.standing_apology = Some(pos);
            }
        }
        let channel = d.channel;
        if out.groups.len() != self.groups.len() {
            out.groups.resize_with(self.groups.len(), String::new);
        }
        // The numbers of the values side by side (`None`: too many columns, or a number too
        // large, for a key).
        let mut key = (self.groups.len() <= KEYED_COLUMNS).then_some(0u64);
        for (slot, g) in out.groups.iter_mut().zip(&mut self.groups) {
            slot.clear();
            let number = match g {
                None => {
                    slot.push_str(channel.as_str());
                    channel as u64 + 1
                }
                Some((c, memo, numbers)) => match c.bytes(i)? {
                    // (a missing value is the group of empty text: the slot as cleared)
                    None => 0,
                    Some(bytes) => match memo.get(bytes) {
                        Some((tidied, number)) => {
                            slot.push_str(tidied);
                            *number
                        }
                        None => {
                            let text = text_of_bytes(bytes, &mut c.seen)?.unwrap_or("");
                            out.tidied.push_tidy(text, slot);
                            let number = numbers.next;
                            numbers.next = number.saturating_add(1);
                            memo.set(bytes, (slot.clone(), number));
                            number
                        }
                    },
                },
            };
            key = key
                .filter(|_| number >> GROUP_NUMBER_BITS == 0)
                .map(|k| k << GROUP_NUMBER_BITS | number);
        }
        out.group_key = key.map(|k| (self.stamp, k));
        Some(())
    }
}

#[cfg(test)]
#[path = "tests_direct.rs"]
mod tests;
