//! The mergeable partial report: exact cells, one per (period, group), each holding the
//! report's [`Counts`] and the scorecard's [`ServiceTally`]. Cells add up exactly, so the
//! report of many parts (threads, chunks, Spark or Dask partitions) is the sum of their
//! partials; [`PartialReport::rows`] then computes the totals and orders the rows, once, and
//! the rates are computed from the summed counts when rendered (never averaged).
//!
//! A partial travels as JSON text ([`PartialReport::to_json`], what Python pickles).

use chrono::{NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::table::{count_values, Counts, Period, PeriodKind, ReportRow, COUNT_COLUMNS};
use super::{Context, ReportOptions};
use crate::dossier::{Channel, Dossier, EventKind};
use crate::error::{Error, ErrorKind, Result};
use crate::hash::FastMap;
#[cfg(not(target_family = "wasm"))]
use crate::outcome::outcome_of_at_ends;
use crate::outcome::{outcome_of, Outcome};
use crate::records::service::{ServiceRecord, ServiceTally};

/// Grouping column names and values (`None` on a totals row).
pub type Keys = Vec<(String, Option<String>)>;

/// One cell: the counts and the scorecard's tallies of one group in one period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellCounts {
    /// The report's counts.
    pub counts: Counts,
    /// The scorecard's tallies (zero unless the scorecard's columns were read).
    pub service: ServiceTally,
}

/// The exact cells of a report, one per (period, group), each holding the report's [`Counts`]
/// and the scorecard's [`ServiceTally`], mergeable: cells add up exactly, so the report of many
/// parts (threads, chunks, Spark or Dask partitions) is the sum of their partials;
/// [`rows`](PartialReport::rows) then computes the totals and orders the rows, once, and the
/// rates are computed from the summed counts when rendered (never averaged). A partial travels
/// as JSON text ([`to_json`](PartialReport::to_json), what Python pickles).
#[derive(Debug, Clone, PartialEq)]
pub struct PartialReport {
    opts: ReportOptions,
    /// The period holding the as-of instant (with periods): the last a dossier is counted in.
    /// (Natively: WebAssembly finds it per dossier, for a smaller `.wasm`.)
    #[cfg(not(target_family = "wasm"))]
    holding: Option<Period>,
    /// Group values (each after its length, so that no value can pass for two) → group index.
    group_index: FastMap<Vec<u8>, usize>,
    groups: Vec<Vec<String>>,
    /// (period or none, group index) → cell. (Boxed natively, where the memo of keys makes
    /// them large: a report's sink is moved whole.)
    #[cfg(not(target_family = "wasm"))]
    cells: Box<Cells>,
    #[cfg(target_family = "wasm")]
    cells: Cells,
    key_buf: Vec<u8>,
    #[cfg(not(target_family = "wasm"))]
    scratch: Box<Scratch<Buffers>>,
    #[cfg(target_family = "wasm")]
    scratch: Scratch<Buffers>,
    /// The groups last looked up, by a cheap key of their values (see [`GroupMemo`]).
    #[cfg(not(target_family = "wasm"))]
    memo: Scratch<GroupMemo>,
    /// The groups of the group keys of the records of one reader (see [`KeyedGroups`]).
    #[cfg(not(target_family = "wasm"))]
    keyed: Scratch<KeyedGroups>,
    /// The sum of `received` over every cell. Every count of a cell is at most its
    /// `received` (the report's identities), so a sum of counts cannot pass this one, and
    /// this one is kept at most `i64::MAX` (what every binding can hold): no sum of the report
    /// overflows.
    received_sum: u64,
    added: u64,
    left_out: u64,
    /// A dossier left out (received after the as-of instant) gave an online level: the
    /// records carry the level, as when a counted one gives it (the scorecard's full-online
    /// rate then counts the dossiers without one, as the CSV of the same records does).
    levels_seen: bool,
    /// The satisfaction scale the scorecard's columns were read on, once a dossier was added
    /// (0: added without them): partials of different scales, or one with the columns and one
    /// without, are never merged (a rating of 4 is satisfied on a scale of 5, not of 10; the
    /// digitised rate's denominator counts only the dossiers read with the columns).
    scale: Option<u32>,
    /// What the dossiers were counted with, once one was (cells added from a count table
    /// carry none).
    basis: Option<Basis>,
}

/// What a partial's counts depend on besides its options: the calendar, the rules and the
/// catalogue the dossiers were counted with (the calendar and catalogue by their
/// fingerprints). Partials of different bases count differently and are never merged: a
/// month counted before a year's schedule was announced, and one after, would add up to a
/// report neither calendar gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Basis {
    calendar: u64,
    rules: crate::deadline::Rules,
    catalogue: Option<u64>,
}

#[cfg(not(target_arch = "wasm32"))]
impl Basis {
    fn of(ctx: &Context<'_>) -> Basis {
        Basis {
            calendar: ctx.calendar.fingerprint(),
            rules: ctx.rules,
            // An empty catalogue knows no procedure, as no catalogue does.
            catalogue: ctx
                .catalogue
                .filter(|c| !c.is_empty())
                .map(crate::procedure::Catalogue::fingerprint),
        }
    }

    /// What differs between `self` and `other` (which differ): which part, not its values
    /// (each side knows its own).
    #[cold]
    fn difference(&self, other: &Basis) -> &'static str {
        if self.calendar != other.calendar {
            "different calendars (other working days or office hours)"
        } else if self.rules != other.rules {
            "different rules (--rule / rules=)"
        } else {
            "different catalogues (or one with a catalogue, one without)"
        }
    }
}

/// The error of a dossier counted on another basis than the partial's.
#[cfg(not(target_arch = "wasm32"))]
#[cold]
#[inline(never)]
fn basis_refused(what: &str) -> Error {
    Error::new(
        ErrorKind::InvalidArgument,
        format!("this partial report was counted with {what}: a dossier cannot be added to it"),
    )
}

/// The error of scorecard columns read on satisfaction scale `b` (0: not read) meeting a
/// partial read on scale `a`.
#[cfg(not(target_arch = "wasm32"))]
#[cold]
#[inline(never)]
fn scale_refused(a: u32, b: u32) -> Error {
    let on = |s: u32| match s {
        0 => "without the scorecard's columns".to_string(),
        s => format!("with the scorecard's columns on a satisfaction scale of {s}"),
    };
    Error::new(
        ErrorKind::InvalidArgument,
        format!("cannot add up partial reports read {} and {}", on(a), on(b)),
    )
}

/// A memo of groups looked up (a slot per cheap key of the values, holding a group index), so
/// that a group met again (most of a report's dossiers) is found by comparing its values with
/// those of one group, rather than by writing and hashing its key: a slot's group is taken only
/// when its values are the ones looked up, so the memo never changes a group, only how fast it
/// is found. Held as [`Scratch`].
#[cfg(not(target_family = "wasm"))]
struct GroupMemo(Box<[usize; GroupMemo::SLOTS]>);

#[cfg(not(target_family = "wasm"))]
impl Default for GroupMemo {
    fn default() -> GroupMemo {
        GroupMemo(Box::new([usize::MAX; GroupMemo::SLOTS]))
    }
}

#[cfg(not(target_family = "wasm"))]
impl GroupMemo {
    const SLOTS: usize = 256;

    /// The slot of `values`: a hash of each value's length and ends.
    #[inline(always)]
    fn slot<S: AsRef<str>>(values: &[S]) -> usize {
        let mut h = values.len() as u64;
        for v in values {
            let v = v.as_ref().as_bytes();
            let (head, tail) = crate::hash::ends(v);
            h = (h.rotate_left(23) ^ head ^ tail.rotate_left(29) ^ v.len() as u64)
                .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
        (h >> 56) as usize
    }

    /// The group in `slot`, when its values (in `groups`) are `values`.
    #[inline(always)]
    fn get<S: AsRef<str>>(
        &self,
        slot: usize,
        values: &[S],
        groups: &[Vec<String>],
    ) -> Option<usize> {
        let g = *self.0.get(slot)?;
        let held = groups.get(g)?;
        if held.len() != values.len() {
            return None;
        }
        // (a loop, not `all`: kept inline in the report's sink)
        for (a, b) in held.iter().zip(values) {
            let b = b.as_ref().as_bytes();
            if !crate::hash::same(b, crate::hash::ends(b), a.as_bytes()) {
                return None;
            }
        }
        Some(g)
    }

    fn set(&mut self, slot: usize, g: usize) {
        if let Some(s) = self.0.get_mut(slot) {
            *s = g;
        }
    }
}

/// The groups of the group keys a record reader gave ([`Record`](crate::records::Record)'s
/// `group_key`: one key, one group, among the records of one reader), for the reader of one
/// stamp: a slot per cheap hash of the key holding the key and its group's index, so that a
/// group met again is found by one comparison of numbers, not of its values. Another reader's
/// key empties it. Held as [`Scratch`].
#[cfg(not(target_family = "wasm"))]
struct KeyedGroups {
    /// The stamp of the reader whose keys the slots hold (`u64::MAX`: none).
    stamp: u64,
    /// (key, group index); a group index of `usize::MAX`: an empty slot.
    slots: Box<[(u64, usize); KeyedGroups::SLOTS]>,
}

#[cfg(not(target_family = "wasm"))]
impl Default for KeyedGroups {
    fn default() -> KeyedGroups {
        KeyedGroups {
            stamp: u64::MAX,
            slots: Box::new([(0, usize::MAX); KeyedGroups::SLOTS]),
        }
    }
}

#[cfg(not(target_family = "wasm"))]
impl KeyedGroups {
    const SLOTS: usize = 256;

    /// The slot of `key`.
    #[inline(always)]
    fn slot(key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize
    }

    /// The group of `key` of the reader of `stamp`, if held.
    #[inline(always)]
    fn get(&self, stamp: u64, key: u64) -> Option<usize> {
        match self.slots.get(Self::slot(key)) {
            Some(&(k, g)) if k == key && g != usize::MAX && stamp == self.stamp => Some(g),
            _ => None,
        }
    }

    /// Holds `g` as the group of `key` of the reader of `stamp`.
    fn set(&mut self, stamp: u64, key: u64, g: usize) {
        if stamp != self.stamp {
            self.slots.fill((0, usize::MAX));
            self.stamp = stamp;
        }
        if let Some(s) = self.slots.get_mut(Self::slot(key)) {
            *s = (key, g);
        }
    }
}

/// A cell's key: its period (none in a report without periods) and its group's index.
type CellKey = (Option<Period>, usize);

/// The cells of a partial report by key. Natively in a `Vec` found through an index of the
/// keys, with a memo of the keys last met in front (a slot per cheap hash of the key holding a
/// cell's place, taken only when the cell there has that key): most of a report's dossiers
/// count into cells met a moment before, found by one comparison instead of a map's hashing
/// and probing. On WebAssembly a map (a smaller `.wasm`). Equal when they hold the same cells,
/// whatever the order they were added in.
#[cfg(not(target_family = "wasm"))]
#[derive(Clone)]
struct Cells {
    index: FastMap<CellKey, usize>,
    cells: Vec<(CellKey, CellCounts)>,
    memo: [usize; Cells::SLOTS],
    spare: CellCounts,
}

#[cfg(not(target_family = "wasm"))]
impl Default for Cells {
    fn default() -> Cells {
        Cells {
            index: FastMap::default(),
            cells: Vec::new(),
            memo: [usize::MAX; Cells::SLOTS],
            spare: CellCounts::default(),
        }
    }
}

#[cfg(not(target_family = "wasm"))]
impl Cells {
    const SLOTS: usize = 256;

    /// The cell of `key`, a new one (zeros) when there is none.
    #[inline(always)]
    fn get_mut(&mut self, key: CellKey) -> &mut CellCounts {
        let (period, group) = key;
        let p = period.map_or(u64::MAX, |p| p.ordinal() as u64);
        let h = (p.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ group as u64)
            .wrapping_mul(0xD6E8_FEB8_6659_FD93);
        let slot = (h >> 56) as usize;
        let held = self.memo.get(slot).copied().unwrap_or(usize::MAX);
        let at = match self.cells.get(held) {
            Some((k, _)) if *k == key => held,
            _ => {
                let next = self.cells.len();
                let at = *self.index.entry(key).or_insert(next);
                if at == next {
                    self.cells.push((key, CellCounts::default()));
                }
                if let Some(m) = self.memo.get_mut(slot) {
                    *m = at;
                }
                at
            }
        };
        // (Every place the index and the memo hold is a cell's: both are written only with
        // the place of a cell pushed or found. The spare, never read, keeps this free of a
        // panic.)
        debug_assert!(at < self.cells.len(), "a cell's place out of the cells");
        match self.cells.get_mut(at) {
            Some((_, c)) => c,
            None => &mut self.spare,
        }
    }

    /// Every cell with its key, in no particular order.
    fn iter(&self) -> impl Iterator<Item = (&CellKey, &CellCounts)> {
        self.cells.iter().map(|(k, c)| (k, c))
    }
}

#[cfg(not(target_family = "wasm"))]
impl PartialEq for Cells {
    fn eq(&self, other: &Cells) -> bool {
        self.cells.len() == other.cells.len()
            && self.cells.iter().all(|(k, c)| {
                other
                    .index
                    .get(k)
                    .and_then(|&i| other.cells.get(i))
                    .is_some_and(|(_, o)| o == c)
            })
    }
}

#[cfg(not(target_family = "wasm"))]
impl std::fmt::Debug for Cells {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// The cells of a partial report by key (see the native `Cells`).
#[cfg(target_family = "wasm")]
#[derive(Clone, Default, PartialEq, Debug)]
struct Cells(FastMap<CellKey, CellCounts>);

#[cfg(target_family = "wasm")]
impl Cells {
    /// The cell of `key`, a new one (zeros) when there is none.
    fn get_mut(&mut self, key: CellKey) -> &mut CellCounts {
        self.0.entry(key).or_default()
    }

    /// Every cell with its key, in no particular order.
    fn iter(&self) -> impl Iterator<Item = (&CellKey, &CellCounts)> {
        self.0.iter()
    }
}

/// A dossier's statuses at the ends of the periods it stays open across, worked out before any
/// of them is counted, and those ends: buffers reused from one dossier to
/// the next. Held as [`Scratch`].
#[derive(Default)]
struct Buffers {
    statuses: Vec<Outcome>,
    #[cfg(not(target_family = "wasm"))]
    ends: Vec<NaiveDateTime>,
}

/// What a partial keeps only to go faster (buffers, memos), not part of its value: partials
/// are equal, and print, whatever it holds, and a copy starts with it fresh.
#[derive(Default)]
struct Scratch<T>(T);

impl<T: Default> Clone for Scratch<T> {
    fn clone(&self) -> Scratch<T> {
        Scratch::default()
    }
}

impl<T> std::fmt::Debug for Scratch<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Scratch")
    }
}

impl<T> PartialEq for Scratch<T> {
    fn eq(&self, _: &Scratch<T>) -> bool {
        true
    }
}

impl<T> std::ops::Deref for Scratch<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> std::ops::DerefMut for Scratch<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

/// The ends of the periods from `first` to before `last` while `dossier` is open (the periods
/// before that of its first result, refusal or withdrawal), into `ends`: where a report counts
/// its status besides the as-of instant. Whether there is any.
#[cfg(not(target_family = "wasm"))]
fn ends_open(
    dossier: &Dossier,
    first: Period,
    last: Period,
    ends: &mut Vec<NaiveDateTime>,
) -> bool {
    ends.clear();
    let closes = dossier.events.iter().find(|e| e.kind.is_closing());
    let stop = closes.map_or(last, |e| {
        last.min(Period::containing(first.kind(), e.at.date()))
    });
    let mut p = first;
    while p < stop {
        ends.push(end_of_day(p.end()));
        p = p.next();
    }
    !ends.is_empty()
}

fn end_of_day(d: chrono::NaiveDate) -> NaiveDateTime {
    d.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN))
}

impl PartialReport {
    /// An empty partial report.
    pub fn new(opts: ReportOptions) -> PartialReport {
        PartialReport {
            #[cfg(not(target_family = "wasm"))]
            holding: opts
                .period
                .map(|kind| Period::containing(kind, opts.as_of.date())),
            opts,
            group_index: FastMap::default(),
            groups: Vec::new(),
            cells: Default::default(),
            key_buf: Vec::new(),
            scratch: Default::default(),
            #[cfg(not(target_family = "wasm"))]
            memo: Scratch::default(),
            #[cfg(not(target_family = "wasm"))]
            keyed: Scratch::default(),
            received_sum: 0,
            added: 0,
            left_out: 0,
            levels_seen: false,
            scale: None,
            basis: None,
        }
    }

    /// Checks that dossiers counted with `ctx` (and the scorecard's columns of `service`, read
    /// on its satisfaction scale, or none) may be counted here: the first sets the partial's
    /// basis and scale, the others must have them.
    /// (Not in WebAssembly: the JS package hands out no partial report, and every partial of
    /// one of its runs is counted with the run's one context.)
    #[inline]
    #[cfg(not(target_arch = "wasm32"))]
    fn check_basis(
        &mut self,
        ctx: &Context<'_>,
        service: Option<&ServiceRecord>,
        basis_known: bool,
    ) -> Result<()> {
        let scale = service.map_or(0, |s| s.scale);
        // (a sink's dossiers after its first: the scale and the basis as they were)
        if basis_known && self.scale == Some(scale) && self.basis.is_some() {
            return Ok(());
        }
        match self.scale {
            Some(s) if s != scale => return Err(scale_refused(s, scale)),
            _ => self.scale = Some(scale),
        }
        if basis_known && self.basis.is_some() {
            return Ok(());
        }
        let basis = Basis::of(ctx);
        match self.basis {
            Some(b) if b == basis => Ok(()),
            None => {
                self.basis = Some(basis);
                Ok(())
            }
            Some(b) => Err(basis_refused(b.difference(&basis))),
        }
    }

    /// Whether the partial holds the basis of a dossier counted or of a partial merged.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn has_basis(&self) -> bool {
        self.basis.is_some()
    }

    /// The options.
    pub fn options(&self) -> &ReportOptions {
        &self.opts
    }

    /// Dossiers counted.
    pub fn added(&self) -> u64 {
        self.added
    }

    /// Dossiers left out because they were received after the as-of instant.
    pub fn left_out(&self) -> u64 {
        self.left_out
    }

    /// Whether a dossier left out gave an online level (see [`scores`](crate::indicators::scores)).
    pub(crate) fn levels_seen(&self) -> bool {
        self.levels_seen
    }

    #[inline(always)]
    fn group<S: AsRef<str>>(&mut self, values: &[S]) -> usize {
        #[cfg(not(target_family = "wasm"))]
        let slot = {
            let slot = GroupMemo::slot(values);
            if let Some(g) = self.memo.get(slot, values, &self.groups) {
                return g;
            }
            slot
        };
        let g = self.group_indexed(values);
        #[cfg(not(target_family = "wasm"))]
        self.memo.set(slot, g);
        g
    }

    /// The index of the group of `values`, whose group key (see
    /// [`Record`](crate::records::Record)'s) is `key`, if any.
    #[inline(always)]
    fn group_keyed<S: AsRef<str>>(&mut self, values: &[S], key: Option<(u64, u64)>) -> usize {
        #[cfg(not(target_family = "wasm"))]
        if let Some((stamp, key)) = key {
            if let Some(g) = self.keyed.get(stamp, key) {
                return g;
            }
            return self.group_of_key(values, stamp, key);
        }
        #[cfg(target_family = "wasm")]
        let _ = key;
        self.group(values)
    }

    /// The index of the group of `values`, held as the group of `key` of the reader of
    /// `stamp` (out of line: the lookup by values stays inlined once, for records without a
    /// key).
    #[cfg(not(target_family = "wasm"))]
    #[inline(never)]
    fn group_of_key<S: AsRef<str>>(&mut self, values: &[S], stamp: u64, key: u64) -> usize {
        let g = self.group(values);
        self.keyed.set(stamp, key, g);
        g
    }

    /// The index of the group of `values`, from the index of every group (a new group when
    /// none has them).
    #[inline(never)]
    fn group_indexed<S: AsRef<str>>(&mut self, values: &[S]) -> usize {
        self.key_buf.clear();
        for v in values {
            let v = v.as_ref().as_bytes();
            self.key_buf
                .extend_from_slice(&u64::try_from(v.len()).unwrap_or(u64::MAX).to_le_bytes());
            self.key_buf.extend_from_slice(v);
        }
        if let Some(&g) = self.group_index.get(&self.key_buf) {
            return g;
        }
        let g = self.groups.len();
        self.groups
            .push(values.iter().map(|s| s.as_ref().to_string()).collect());
        self.group_index.insert(self.key_buf.clone(), g);
        g
    }

    /// Counts one dossier whose grouping values (one per [`ReportOptions::by`] column, in
    /// order) are `group`, with its scorecard columns when given. Returns `Ok(false)` when the
    /// dossier was received after the as-of instant and left out. Errors are those of
    /// [`classify`](crate::outcome::classify) (validation, unknown procedure, dates out of the calendar's range),
    /// and `invalid_argument` for a number of grouping values other than the report's;
    /// nothing is counted then.
    pub fn add<S: AsRef<str>>(
        &mut self,
        ctx: &Context<'_>,
        dossier: &Dossier,
        group: &[S],
        service: Option<&ServiceRecord>,
    ) -> Result<bool> {
        self.add_read(ctx, dossier, None, group, None, service, false)
    }

    /// [`add`](Self::add) of a dossier read from a record whose `new_due` column made the
    /// apology at index `standing` of its events (see
    /// [`Record`](crate::records::Record)): judged at the end of an earlier period, the apology
    /// is placed for that instant. `basis_known`: `ctx` is the context the partial's basis was
    /// taken from (a sink's own, after its first dossier), so only the scale is checked
    /// (natively; the basis is never checked in WebAssembly). `group_key`: the record's key of
    /// its `group` values, if any (see [`Record`](crate::records::Record)'s).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn add_read<S: AsRef<str>>(
        &mut self,
        ctx: &Context<'_>,
        dossier: &Dossier,
        standing: Option<usize>,
        group: &[S],
        group_key: Option<(u64, u64)>,
        service: Option<&ServiceRecord>,
        basis_known: bool,
    ) -> Result<bool> {
        if group.len() != self.opts.by.len() {
            return Err(self.group_count(group.len()));
        }
        #[cfg(not(target_arch = "wasm32"))]
        self.check_basis(ctx, service, basis_known)?;
        #[cfg(target_arch = "wasm32")]
        let _ = basis_known;
        let as_of = self.opts.as_of;
        ctx.calendar.check_within(dossier.received, "received")?;
        if dossier.received > as_of {
            self.left_out += 1;
            self.levels_seen |= service.is_some_and(ServiceRecord::gives_level);
            return Ok(false);
        }
        let (cal, cat, rules) = (ctx.calendar, ctx.catalogue, &ctx.rules);
        let channel = dossier.channel;
        match self.opts.period {
            None => {
                let outcome = outcome_of(dossier, cal, rules, cat, as_of)?;
                let g = self.group_keyed(group, group_key);
                let c = self.cells.get_mut((None, g));
                count_new(&mut c.counts, channel);
                count_outcome(&mut c.counts, outcome);
                if let Some(s) = service {
                    c.service.add(dossier, s, as_of);
                }
                self.received_sum += 1;
            }
            Some(kind) => {
                let first = Period::containing(kind, dossier.received.date());
                #[cfg(not(target_family = "wasm"))]
                let last = self
                    .holding
                    .unwrap_or_else(|| Period::containing(kind, as_of.date()));
                #[cfg(target_family = "wasm")]
                let last = Period::containing(kind, as_of.date());
                let statuses = &mut self.scratch.0.statuses;
                statuses.clear();
                // The outcome as of the as-of instant, and natively in the same pass the
                // statuses at the ends of the periods before it while the dossier is open
                // (not when an apology of a `new_due` column is placed for each end).
                #[cfg(not(target_family = "wasm"))]
                let across = first < last
                    && standing.is_none()
                    && ends_open(dossier, first, last, &mut self.scratch.0.ends);
                #[cfg(not(target_family = "wasm"))]
                let outcome = match across {
                    true => {
                        let ends = &self.scratch.0.ends;
                        outcome_of_at_ends(dossier, cal, rules, cat, as_of, ends, statuses)?
                    }
                    false => outcome_of(dossier, cal, rules, cat, as_of)?,
                };
                #[cfg(target_family = "wasm")]
                let outcome = outcome_of(dossier, cal, rules, cat, as_of)?;
                let close_period =
                    closing_date(dossier, outcome, as_of).map(|d| Period::containing(kind, d));
                // The status at the end of each period before the one counted last, all known
                // before a cell is touched (an error counts nothing).
                let mut p = first;
                let mut before = 0;
                while close_period != Some(p) && p < last {
                    if before == statuses.len() {
                        let end = end_of_day(p.end());
                        let placed = standing
                            .and_then(|i| crate::records::standing_apology_as_of(dossier, i, end));
                        let d = placed.as_ref().unwrap_or(dossier);
                        statuses.push(outcome_of(d, cal, rules, cat, end)?);
                    }
                    before += 1;
                    p = p.next();
                }
                let g = self.group_keyed(group, group_key);
                let mut p = first;
                for k in 0..=before {
                    let status = match k < before {
                        true => self.scratch.0.statuses.get(k).copied().unwrap_or(outcome),
                        false => outcome,
                    };
                    let c = self.cells.get_mut((Some(p), g));
                    if p == first {
                        count_new(&mut c.counts, channel);
                        if let Some(s) = service {
                            c.service.add(dossier, s, as_of);
                        }
                    } else {
                        c.counts.carried_over += 1;
                        c.counts.received += 1;
                    }
                    count_outcome(&mut c.counts, status);
                    self.received_sum += 1;
                    if k < before {
                        p = p.next();
                    }
                }
            }
        }
        self.added += 1;
        Ok(true)
    }

    /// Adds counts given by the cell (a row of a partial-count table, e.g. from a Spark
    /// aggregation): `group` holds one value per grouping column, `period` the label of a
    /// period of the report's kind (`2026-03`, `2026-Q1`, `2026`) or `None` without periods.
    /// Errors (`invalid_argument`) for a wrong number of values, a malformed label, counts
    /// that break the report's identities (`received = carried_over + received_new`, ...:
    /// not counts of dossiers) or that overflow when summed — never a wrapped number.
    pub fn add_cell(
        &mut self,
        group: &[&str],
        period: Option<&str>,
        cell: &CellCounts,
    ) -> Result<()> {
        if group.len() != self.opts.by.len() {
            return Err(self.group_count(group.len()));
        }
        let p = match (self.opts.period, period) {
            (None, None) => None,
            (Some(kind), Some(label)) => Some(Period::parse(kind, label)?),
            (None, Some(label)) => {
                return Err(Error::new(
                    ErrorKind::InvalidArgument,
                    format!("a cell of period `{label}` in a report without periods"),
                ))
            }
            (Some(_), None) => {
                return Err(Error::new(
                    ErrorKind::InvalidArgument,
                    "a cell without a period in a report by period",
                ))
            }
        };
        let broken = cell.counts.identity_violations();
        if let Some(first) = broken.first() {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("a cell's counts break `{first}`: not counts of dossiers"),
            ));
        }
        if let Some(name) = cell.service.excess(cell.counts.received) {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!(
                    "a cell's `{name}` counts more than the cell's dossiers, or its numerator \
                     more than its denominator: not counts of dossiers"
                ),
            ));
        }
        let total = self.checked_sum(cell.counts.received)?;
        let g = self.group(group);
        let c = self.cells.get_mut((p, g));
        // (no sum passes `total`, at most i64::MAX: what every binding can hold)
        c.counts.add(&cell.counts);
        self.received_sum = total;
        c.service.merge(&cell.service);
        Ok(())
    }

    /// Adds another partial report of the same options into this one (cell by cell, exactly).
    /// Errors (`invalid_argument`) when the options differ, or when the two were counted with
    /// different calendars, rules or catalogues (see
    /// [`WorkCalendar::fingerprint`](crate::WorkCalendar::fingerprint)); a partial holding
    /// only cells added from a count table ([`add_cell`](PartialReport::add_cell)) has no
    /// such record and merges with any.
    pub fn merge(&mut self, other: &PartialReport) -> Result<()> {
        if other.opts != self.opts {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!(
                    "cannot merge partial reports of different options ({} and {})",
                    describe(&self.opts),
                    describe(&other.opts)
                ),
            ));
        }
        #[cfg(not(target_arch = "wasm32"))]
        let basis = match (self.basis, other.basis) {
            (Some(a), Some(b)) if a != b => {
                return Err(Error::new(
                    ErrorKind::InvalidArgument,
                    format!(
                        "cannot merge partial reports counted with {}",
                        a.difference(&b)
                    ),
                ))
            }
            (a, b) => a.or(b),
        };
        #[cfg(not(target_arch = "wasm32"))]
        let scale = match (self.scale, other.scale) {
            (Some(a), Some(b)) if a != b => return Err(scale_refused(a, b)),
            (a, b) => a.or(b),
        };
        let sum = self.checked_sum(other.received_sum)?;
        for ((p, g), c) in other.cells.iter() {
            let Some(values) = other.groups.get(*g) else {
                continue;
            };
            let mine = self.group(values);
            let cell = self.cells.get_mut((*p, mine));
            cell.counts.add(&c.counts);
            cell.service.merge(&c.service);
        }
        self.received_sum = sum;
        #[cfg(not(target_arch = "wasm32"))]
        {
            self.basis = basis;
            self.scale = scale;
        }
        self.added = self.added.saturating_add(other.added);
        self.left_out = self.left_out.saturating_add(other.left_out);
        self.levels_seen |= other.levels_seen;
        Ok(())
    }

    /// `received_sum` with `more` added, at most `i64::MAX`; else an error (every sum of the
    /// report stays below it, see `received_sum`).
    fn checked_sum(&self, more: u64) -> Result<u64> {
        self.received_sum
            .checked_add(more)
            .filter(|&s| s <= i64::MAX.unsigned_abs())
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidArgument,
                    "the report's counts would overflow when summed (over 2^63 - 1 dossiers)",
                )
            })
    }

    fn group_count(&self, n: usize) -> Error {
        Error::new(
            ErrorKind::InvalidArgument,
            format!(
                "{n} grouping value(s) given, the report groups by {} column(s)",
                self.opts.by.len()
            ),
        )
    }

    /// The cells, in row order (periods in order, within each the groups in order of their
    /// values): `(group values, period label, cell)`. No totals.
    pub fn cells(&self) -> Vec<(&[String], Option<String>, &CellCounts)> {
        self.sorted_cells()
            .into_iter()
            .map(|(p, g, c)| (g, p.map(Period::label), c))
            .collect()
    }

    /// The cells sorted by period, then group values: `(period, group values, cell)`. (The
    /// keys are unique, so an unstable sort gives the one order; one sort for every caller
    /// keeps the `.wasm` small.)
    fn sorted_cells(&self) -> Vec<(Option<Period>, &[String], &CellCounts)> {
        let mut out: Vec<(Option<Period>, &[String], &CellCounts)> = self
            .cells
            .iter()
            .filter_map(|((p, g), c)| self.groups.get(*g).map(|v| (*p, v.as_slice(), c)))
            .collect();
        crate::sort::sort_by(&mut out, |a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        out
    }

    /// The notes of grouping values left empty (`Lĩnh vực` blank under merged cells, which an
    /// export fills in the first row of a block only): for each grouping column, how many
    /// dossiers the report counts under an empty value (each once: in the period it was
    /// received in), which a reader of the table may not see. For the CLI's stderr and
    /// Python's warnings (natively); read from the cells, without building the rows.
    #[cfg(not(target_family = "wasm"))]
    pub fn empty_group_notes(&self) -> Vec<String> {
        let mut empty = vec![0u64; self.opts.by.len()];
        for ((_, g), c) in self.cells.iter() {
            let Some(values) = self.groups.get(*g) else {
                continue;
            };
            for (n, v) in empty.iter_mut().zip(values) {
                if v.is_empty() {
                    *n += c.counts.received_new;
                }
            }
        }
        self.opts
            .by
            .iter()
            .zip(empty)
            .filter(|(_, n)| *n > 0)
            .map(|(name, n)| {
                format!(
                    "{n} dossier(s) with an empty `{name}` are counted in a group of no name \
                     (merged cells? fill the column down)"
                )
            })
            .collect()
    }

    /// The rows: for each period (or once), one row per group in order of the group values,
    /// then the totals row (grouping keys `None`). Without grouping columns only the totals
    /// row is given. Split by period, the periods run from the first dossier's to the one
    /// holding the as-of instant, each with its totals row (zeros in a period without a
    /// dossier received or carried over). Without any dossier, one totals row of zeros (split
    /// by period: for the period holding the as-of instant).
    pub fn rows(&self) -> Vec<ReportRow> {
        self.rows_with(|c| c.counts)
            .into_iter()
            .map(|(keys, period, counts)| ReportRow {
                keys,
                period,
                counts,
            })
            .collect()
    }

    /// The groups (then the totals), each with its summed cell, for the scorecard (which has
    /// no periods: with periods, every period's cells are summed per group).
    pub fn group_totals(&self) -> Vec<(Keys, CellCounts)> {
        let names = &self.opts.by;
        // Summed by group index (each group's values once in `groups`), then in the groups'
        // order (a sorted `Vec`, not a map: smaller in the WebAssembly build).
        let mut sums: Vec<Option<CellCounts>> = vec![None; self.groups.len()];
        for ((_, g), c) in self.cells.iter() {
            if let Some(slot) = sums.get_mut(*g) {
                let e = slot.get_or_insert_with(CellCounts::default);
                e.counts.add(&c.counts);
                e.service.merge(&c.service);
            }
        }
        let mut by_group: Vec<(&[String], CellCounts)> = self
            .groups
            .iter()
            .zip(sums)
            .filter_map(|(v, c)| Some((v.as_slice(), c?)))
            .collect();
        crate::sort::sort_by(&mut by_group, |a, b| a.0.cmp(b.0));
        let mut total = CellCounts::default();
        let mut out = Vec::new();
        for (values, c) in by_group {
            total.counts.add(&c.counts);
            total.service.merge(&c.service);
            if !names.is_empty() {
                let keys = names
                    .iter()
                    .cloned()
                    .zip(values.iter().map(|v| Some(v.clone())))
                    .collect();
                out.push((keys, c));
            }
        }
        out.push((names.iter().map(|n| (n.clone(), None)).collect(), total));
        out
    }

    fn rows_with(
        &self,
        pick: impl Fn(&CellCounts) -> Counts,
    ) -> Vec<(Keys, Option<String>, Counts)> {
        let names = &self.opts.by;
        let mut rows = Vec::new();
        // Periods in order, within each the groups in order of their values.
        let cells: Vec<(Option<Period>, &[String], Counts)> = self
            .sorted_cells()
            .into_iter()
            .map(|(p, g, c)| (p, g, pick(c)))
            .collect();
        // Split by period, every period from the first dossier's to the one holding the as-of
        // instant has its row, a period without a dossier a totals row of zeros (a month in
        // which nothing was received or carried over was left out: asked for March, a report
        // printed no March line); with no dossier at all, that last period alone. Else one
        // table.
        let periods: Vec<Option<Period>> = match self.opts.period {
            None => vec![None],
            Some(kind) => {
                let holding = Period::containing(kind, self.opts.as_of.date());
                let first = cells.iter().find_map(|c| c.0).unwrap_or(holding);
                let last = cells
                    .iter()
                    .rev()
                    .find_map(|c| c.0)
                    .map_or(holding, |p| p.max(holding));
                let mut all = vec![Some(first)];
                let mut p = first;
                while p < last {
                    p = p.next();
                    all.push(Some(p));
                }
                all
            }
        };
        let mut at = 0;
        for p in periods {
            let start = at;
            while cells.get(at).is_some_and(|c| c.0 == p) {
                at += 1;
            }
            let group_rows = cells.get(start..at).unwrap_or(&[]);
            let mut total = Counts::default();
            for (_, _, c) in group_rows {
                total.add(c);
            }
            let label = p.map(Period::label);
            if !names.is_empty() {
                for (_, vals, c) in group_rows {
                    let keys = names
                        .iter()
                        .cloned()
                        .zip(vals.iter().map(|v| Some(v.clone())))
                        .collect();
                    rows.push((keys, label.clone(), *c));
                }
            }
            rows.push((
                names.iter().map(|n| (n.clone(), None)).collect(),
                label,
                total,
            ));
        }
        rows
    }

    /// The partial as JSON text (options, counted and left-out dossiers, cells), to send to
    /// another process; [`from_json`](PartialReport::from_json) reads it back.
    pub fn to_json(&self) -> String {
        let wire = Wire {
            version: WIRE_VERSION,
            basis: self.basis,
            as_of: self.opts.as_of,
            by: self.opts.by.clone(),
            period: self.opts.period,
            added: self.added,
            left_out: self.left_out,
            levels_seen: self.levels_seen,
            scale: self.scale,
            cells: self
                .cells()
                .into_iter()
                .map(|(g, p, c)| WireCell {
                    group: g.to_vec(),
                    period: p,
                    counts: count_values(&c.counts).to_vec(),
                    service: c.service,
                })
                .collect(),
        };
        serde_json::to_string(&wire).unwrap_or_default()
    }

    /// Reads a partial written by [`to_json`](PartialReport::to_json). Errors
    /// (`invalid_json`, `invalid_argument`) for text that is not one.
    pub fn from_json(text: &str) -> Result<PartialReport> {
        let wire: Wire = serde_json::from_str(text)
            .map_err(|e| Error::new(ErrorKind::InvalidJson, format!("a partial report: {e}")))?;
        if wire.version != WIRE_VERSION {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!(
                    "a partial report of version {} (this is {WIRE_VERSION}: version 2 records \
                     the calendar, rules and catalogue it was counted with; count it again)",
                    wire.version
                ),
            ));
        }
        let mut out = PartialReport::new(ReportOptions {
            as_of: wire.as_of,
            by: wire.by,
            period: wire.period,
        });
        for c in wire.cells {
            let counts = Counts::from_values(&c.counts).ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidArgument,
                    format!("a cell needs {} counts", COUNT_COLUMNS.len()),
                )
            })?;
            let group: Vec<&str> = c.group.iter().map(String::as_str).collect();
            out.add_cell(
                &group,
                c.period.as_deref(),
                &CellCounts {
                    counts,
                    service: c.service,
                },
            )?;
        }
        out.added = wire.added;
        out.left_out = wire.left_out;
        out.levels_seen = wire.levels_seen;
        out.scale = wire.scale;
        out.basis = wire.basis;
        Ok(out)
    }
}

fn describe(o: &ReportOptions) -> String {
    format!(
        "as of {}, by [{}], period {}",
        o.as_of,
        o.by.join(", "),
        o.period.map_or("none", |p| match p {
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Year => "year",
        })
    )
}

/// The version of [`PartialReport::to_json`]'s text (2: with the basis).
const WIRE_VERSION: u32 = 2;

#[derive(Serialize, Deserialize)]
struct Wire {
    version: u32,
    /// What the dossiers were counted with (none: cells from count tables only).
    #[serde(default)]
    basis: Option<Basis>,
    as_of: NaiveDateTime,
    by: Vec<String>,
    period: Option<PeriodKind>,
    added: u64,
    left_out: u64,
    #[serde(default)]
    levels_seen: bool,
    /// The satisfaction scale (0: without the scorecard's columns; none: nothing added).
    #[serde(default)]
    scale: Option<u32>,
    cells: Vec<WireCell>,
}

#[derive(Serialize, Deserialize)]
struct WireCell {
    group: Vec<String>,
    period: Option<String>,
    counts: Vec<u64>,
    service: ServiceTally,
}

/// The date a dossier was closed, for closed outcomes.
fn closing_date(
    dossier: &Dossier,
    outcome: Outcome,
    as_of: NaiveDateTime,
) -> Option<chrono::NaiveDate> {
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

#[cfg(test)]
#[path = "tests_partial_cells.rs"]
mod tests;

#[cfg(test)]
#[path = "tests_partial.rs"]
mod tests_partial;
