//! Running records through a [`Sink`] (a partial report, a scorecard, per-row answers): the
//! rows are cut into chunks (a range of table rows, a block of text), each chunk read into
//! [`Record`]s and handed to a sink of its own, on as many threads as asked; the chunks'
//! sinks are then appended in record order, and the bad records' errors come out in record
//! order too. So the result is the same on one thread or many, and memory stays bounded (a
//! few chunks in flight).

#[cfg(not(target_family = "wasm"))]
use std::collections::BTreeMap;
use std::io::Read;
use std::ops::ControlFlow;
#[cfg(not(target_family = "wasm"))]
use std::sync::atomic::{AtomicBool, Ordering};
#[cfg(not(target_family = "wasm"))]
use std::sync::{mpsc, Condvar, Mutex};

use chrono::NaiveDateTime;

use super::cell::Cell;
use super::layout::{Layout, Locator, Record, Row};
use super::table::Table;
use super::text::{Block, TextParser, TextSource};
use crate::error::{Error, ErrorKind, Result};

/// Rows of a table per chunk.
pub const CHUNK_ROWS: usize = 1 << 16;

/// Rows of a table decoded at a time, a column after another.
const BATCH_ROWS: usize = 1 << 10;

/// A row of a decoded batch: the decoded cells of the columns read, the table's own for the
/// others (the id, read only for messages).
struct BatchRow<'b, 't, 'a> {
    table: &'t Table<'a>,
    cells: &'b [Vec<Cell<'a>>],
    slots: &'b [Option<usize>],
    row: usize,
    at: usize,
}

impl Row for BatchRow<'_, '_, '_> {
    #[inline(always)]
    fn cell(&self, column: usize) -> Cell<'_> {
        match self.slots.get(column).copied().flatten() {
            Some(s) => self
                .cells
                .get(s)
                .and_then(|c| c.get(self.at))
                .copied()
                .unwrap_or(Cell::Missing),
            None => self
                .table
                .column(column)
                .map_or(Cell::Missing, |c| c.cell(self.row)),
        }
    }
}

/// What becomes of a bad record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnBad {
    /// The run stops at the first bad record (in record order) and fails with its error.
    Stop,
    /// The run goes on; each bad record's error is handed over, in record order.
    Skip,
}

/// The most threads a run uses, whatever it is asked for.
pub const MAX_THREADS: usize = 64;

/// How a run goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunOptions {
    /// Threads to use: 0 = as many as the machine has (at most 8); 1 = this thread only
    /// (the answer is the same); more than [`MAX_THREADS`] = that many.
    pub threads: usize,
    /// What becomes of a bad record.
    pub on_bad: OnBad,
    /// The row number of a table's first row (a table handed over in parts: the rows of the
    /// part after the first million are numbered from 1,000,000).
    pub first_row: usize,
}

impl Default for RunOptions {
    fn default() -> RunOptions {
        RunOptions {
            threads: 0,
            on_bad: OnBad::Stop,
            first_row: 0,
        }
    }
}

impl RunOptions {
    fn thread_count(&self) -> usize {
        if cfg!(target_family = "wasm") {
            return 1;
        }
        match self.threads {
            0 => std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .min(8),
            // More would only cost: each thread is spawned whatever the input's size
            // (`MOTCUA_THREADS=1000000` spawned a million for ten rows).
            n => n.min(MAX_THREADS),
        }
    }
}

/// What a run does with the records of one chunk.
///
/// [`check`](Sink::check), [`as_of`](Sink::as_of) and [`catalogue`](Sink::catalogue) have no
/// defaults: each changes how records are read, and a sink that wraps others (a binding's
/// choice of report, worklist or stage table) that left one to a default read the records
/// otherwise than the sink it wraps, without a word (the JS package and Python's per-row
/// answers lost the catalogue's stages so). A sink without a catalogue or an as-of instant
/// says `None`, and [`check_catalogue`] is the check of one that looks procedures up.
pub trait Sink: Send {
    /// Takes one record read without error; `Ok(false)` when it is left out (received
    /// after the as-of instant). An error is located at the record by the run.
    fn record(&mut self, at: Locator, record: &Record) -> Result<bool>;

    /// A bad record (its error already counted and located), for sinks that keep a place
    /// for every record (per-row answers).
    fn reject(&mut self, _at: Locator, _error: &Error) {}

    /// A blank record ([`Layout::is_blank`]: no column read holds a value), which is not a
    /// dossier and is neither counted nor an error, for sinks that keep a place for every
    /// record (per-row answers: missing, without an error).
    fn blank(&mut self, _at: Locator) {}

    /// Appends the sink of the chunk that follows this one.
    fn append(&mut self, later: Self) -> Result<()>
    where
        Self: Sized;

    /// Whether records read with `layout` can be taken at all: an error when every record
    /// would fail alike (time limits given by procedure code, without a catalogue to look
    /// them up), which then fails the run once rather than on every row, before the first
    /// record is read (an input without records gives its empty answer).
    fn check(&self, layout: &Layout) -> Result<()>;

    /// The instant the sink judges its records at, if any: a record's `new_due` is then
    /// placed among the events that instant sees (see [`Layout::read_as_of`]).
    fn as_of(&self) -> Option<NaiveDateTime>;

    /// The time limit the sink would count a dossier of procedure `code` by, when that limit
    /// is all it needs of the procedure (no stages, no warnings, no name): the direct reader
    /// of a frame then reads the limit as the row's own, once per distinct code, instead of
    /// the engine looking the code up in the catalogue for every row. `None` (the default):
    /// the procedure is looked up as usual.
    #[doc(hidden)]
    fn own_limit(&self, _code: &str) -> Option<crate::procedure::TimeLimit> {
        None
    }

    /// The catalogue the sink looks procedures up in, if any: the stages of its inter-agency
    /// procedures go to the records that fill both `time_limit` and `procedure`, and the
    /// grouping columns `field` and `level` records by procedure code lack are read from it
    /// (`Layout::check_group_catalogue`, `Layout::read_with`).
    fn catalogue(&self) -> Option<&crate::procedure::Catalogue>;
}

/// The error of [`Sink::check`] for records whose time limits can only come from a catalogue
/// (a `procedure` column, no `time_limit` column) when none was given.
pub fn check_catalogue(
    layout: &Layout,
    catalogue: Option<&crate::procedure::Catalogue>,
) -> Result<()> {
    match (layout.procedure_column(), catalogue) {
        (Some(name), None) if !layout.has_time_limit() => Err(Error::new(
            ErrorKind::UnknownProcedure,
            format!(
                "the records give their time limits by procedure code (column `{name}`; no \
                 `time_limit` column), and no catalogue was given to look the codes up"
            ),
        )
        .in_field(name)),
        _ => Ok(()),
    }
}

/// Two sinks fed by one read (e.g. the scorecard's report and the per-agency stage table):
/// each record goes to the first, then to the second. `Ok(false)` (left out) when the first
/// leaves it out. Give it sinks that judge a record alike (the same context and as-of
/// instant), so that a record the second refuses was refused by the first already.
impl<A: Sink, B: Sink> Sink for (A, B) {
    fn record(&mut self, at: Locator, record: &Record) -> Result<bool> {
        let counted = self.0.record(at, record)?;
        self.1.record(at, record)?;
        Ok(counted)
    }

    fn check(&self, layout: &Layout) -> Result<()> {
        self.0.check(layout)?;
        self.1.check(layout)
    }

    fn catalogue(&self) -> Option<&crate::procedure::Catalogue> {
        self.0.catalogue()
    }

    fn as_of(&self) -> Option<NaiveDateTime> {
        self.0.as_of()
    }

    fn reject(&mut self, at: Locator, error: &Error) {
        self.0.reject(at, error);
        self.1.reject(at, error);
    }

    fn blank(&mut self, at: Locator) {
        self.0.blank(at);
        self.1.blank(at);
    }

    fn append(&mut self, later: Self) -> Result<()> {
        self.0.append(later.0)?;
        self.1.append(later.1)
    }
}

/// What a run counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Records counted.
    pub counted: u64,
    /// Records left out (received after the as-of instant).
    pub left_out: u64,
    /// Bad records.
    pub bad: u64,
    /// Records skipped as blank that hold values, but only in columns not read (a note, a
    /// footer's total, or a dossier whose columns are not named as the reader expects): not
    /// dossiers to the run, and told apart from empty records so that none is dropped unsaid.
    /// (Not counted on WebAssembly: the JS package does not say it, for a smaller `.wasm`.)
    pub unread: u64,
    /// The line (a table's row + 1) of the first of the [`unread`](Self::unread) records.
    pub first_unread: Option<u64>,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.counted += o.counted;
        self.left_out += o.left_out;
        self.bad += o.bad;
        #[cfg(not(target_family = "wasm"))]
        self.add_unread(o);
    }

    /// The note that says the [`unread`](Self::unread) records, if any (one text for every
    /// door: the CLI's stderr, Python's warning); `map` is how that door names a column mapping
    /// (`--map`, `map=`).
    ///
    /// ```
    /// use motcua::records::Tally;
    /// let t = Tally { unread: 2, first_unread: Some(4), ..Tally::default() };
    /// assert_eq!(
    ///     t.unread_note("--map").as_deref(),
    ///     Some("2 row(s) skipped, their values only in columns not read (the first on line 4): \
    ///           a note or a footer? If they are dossiers, fill in their `received` and name their columns with --map")
    /// );
    /// assert_eq!(Tally::default().unread_note("--map"), None);
    /// ```
    #[cfg(not(target_family = "wasm"))]
    pub fn unread_note(&self, map: &str) -> Option<String> {
        let (n @ 1.., Some(first)) = (self.unread, self.first_unread) else {
            return None;
        };
        Some(format!(
            "{n} row(s) skipped, their values only in columns not read (the first on line \
             {first}): a note or a footer? If they are dossiers, fill in their `received` and name their columns with {map}"
        ))
    }

    /// Adds `o`'s unread records (and the first of them).
    #[cfg(not(target_family = "wasm"))]
    fn add_unread(&mut self, o: &Tally) {
        self.unread += o.unread;
        self.first_unread = match (self.first_unread, o.first_unread) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
}

/// The outcome of one chunk.
struct ChunkOut<S> {
    sink: S,
    tally: Tally,
    errors: Vec<Error>,
    records: u64,
}

impl<S> ChunkOut<S> {
    fn new(sink: S) -> ChunkOut<S> {
        ChunkOut {
            sink,
            tally: Tally::default(),
            errors: Vec::new(),
            records: 0,
        }
    }
}

/// Reads one record into `record` and hands it to `sink`, tallying it.
#[inline]
fn one<S: Sink, R: Row + ?Sized>(
    layout: &Layout,
    at: Locator,
    row: &R,
    record: &mut Record,
    out: &mut ChunkOut<S>,
) -> bool {
    let r = layout.read_with(at, row, record, out.sink.as_of(), out.sink.catalogue());
    if r.is_err() && layout.is_blank(row) {
        // A record of separators alone (`,,,,`: a spreadsheet's empty row), or an empty
        // object: not a dossier, skipped as a blank line is. One with values in columns not
        // read is skipped too (a footer `,,,,Tổng cộng,500` is no dossier) but counted, for
        // the reader to say (not on WebAssembly, whose package does not say it: a smaller
        // `.wasm`).
        #[cfg(not(target_family = "wasm"))]
        if layout.holds_any(row) {
            out.tally.unread += 1;
            let line = at.line();
            out.tally.first_unread = Some(out.tally.first_unread.map_or(line, |f| f.min(line)));
        }
        out.sink.blank(at);
        return true;
    }
    take(layout, at, r, row, record, out);
    true
}

/// Hands the record read at `at` (or its error, `r`) to the sink, tallying it.
#[inline(always)]
fn take<S: Sink, R: Row + ?Sized>(
    layout: &Layout,
    at: Locator,
    r: Result<()>,
    row: &R,
    record: &Record,
    out: &mut ChunkOut<S>,
) {
    out.records += 1;
    let r = r.and_then(|()| {
        out.sink
            .record(at, record)
            .map_err(|e| layout.locate(at, row, &record.dossier, e))
    });
    match r {
        Ok(true) => out.tally.counted += 1,
        Ok(false) => out.tally.left_out += 1,
        Err(e) => {
            out.tally.bad += 1;
            out.sink.reject(at, &e);
            out.errors.push(e);
        }
    }
}

/// The rows of `tables` (segments of one table, in row order, the first row numbered
/// `first_row`) that a run skips as blank but that hold values in columns not read: the
/// [`unread`](Tally::unread) count and the [`first_unread`](Tally::first_unread) line of the
/// tally a run of all the columns gives (the rest zero). For a door that hands a run only the
/// columns it reads (Python's frames): when that run skipped rows as blank, it asks again with
/// every column of those rows, to say them as the CLI does
/// ([`unread_note`](Tally::unread_note)).
#[cfg(not(target_family = "wasm"))]
pub fn unread_rows(tables: &[Table<'_>], layout: &Layout, first_row: usize) -> Tally {
    let mut tally = Tally::default();
    let mut base = first_row;
    for t in tables {
        for i in 0..t.len() {
            let row = t.row(i);
            if layout.is_blank(&row) && layout.holds_any(&row) {
                let line = Locator::Row(base.saturating_add(i)).line();
                tally.unread += 1;
                tally.first_unread.get_or_insert(line);
            }
        }
        base = base.saturating_add(t.len());
    }
    tally
}

/// Runs every row of `tables` (segments of one table, in row order) through sinks made by
/// `make`, one per chunk, appended in order. Bad records: with [`OnBad::Stop`] the run fails
/// with the first one's error; with [`OnBad::Skip`] each error goes to `on_error`, in order.
pub fn run_tables<S: Sink>(
    tables: &[Table<'_>],
    layout: &Layout,
    opts: &RunOptions,
    make: impl Fn() -> S + Sync,
    on_error: impl FnMut(Error),
) -> Result<(S, Tally)> {
    run_tables_with(tables, layout, opts, make, on_error, true)
}

/// [`run_tables`], reading the plain rows of typed tables directly from their buffers when
/// `direct` (natively; see `direct.rs`), else every row through the general reader (what
/// the tests hold the direct reader to).
pub(crate) fn run_tables_with<S: Sink>(
    tables: &[Table<'_>],
    layout: &Layout,
    opts: &RunOptions,
    make: impl Fn() -> S + Sync,
    on_error: impl FnMut(Error),
    direct: bool,
) -> Result<(S, Tally)> {
    let probe = make();
    if tables.iter().any(|t| !t.is_empty()) {
        // (An empty frame gives an empty report, as a header alone does: a Dask `meta`.)
        probe.check(layout)?;
    }
    layout.check_group_catalogue(probe.catalogue())?;
    drop(probe);
    // The chunks: (segment, first row of the segment in the whole table, start, end).
    let mut chunks = Vec::new();
    // Row numbers from `first_row` on must fit (a `first_row` near usize::MAX wrapped them).
    tables
        .iter()
        .try_fold(opts.first_row, |n, t| n.checked_add(t.len()))
        .ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidArgument,
                "first_row + the rows: too large",
            )
        })?;
    let mut base = opts.first_row;
    for (k, t) in tables.iter().enumerate() {
        let mut start = 0;
        while start < t.len() {
            let end = (start + CHUNK_ROWS).min(t.len());
            chunks.push((k, base, start, end));
            start = end;
        }
        base += t.len();
    }
    // No more threads than chunks.
    let opts = &RunOptions {
        threads: opts.thread_count().min(chunks.len().max(1)),
        ..*opts
    };
    let mut iter = chunks.into_iter();
    let stop = opts.on_bad == OnBad::Stop;
    // The columns decoded a batch at a time (the id is read only for messages).
    let decoded: Vec<usize> = layout
        .used()
        .into_iter()
        .filter(|&c| Some(c) != layout.id_column())
        .collect();
    let work = |(k, base, start, end): (usize, usize, usize, usize)| {
        let mut out = ChunkOut::new(make());
        let mut record = Record::new();
        let Some(t) = tables.get(k) else {
            return out;
        };
        #[cfg(not(target_family = "wasm"))]
        if let Some(mut reader) =
            super::direct::Direct::new(layout, t, out.sink.catalogue()).filter(|_| direct)
        {
            let as_of = out.sink.as_of();
            for i in start..end {
                let at = Locator::Row(base + i);
                let row = t.row(i);
                if reader.read(i, &mut record, as_of, &|code| out.sink.own_limit(code)) {
                    take(layout, at, Ok(()), &row, &record, &mut out);
                } else {
                    one(layout, at, &row, &mut record, &mut out);
                }
                if stop && !out.errors.is_empty() {
                    break;
                }
            }
            return out;
        }
        #[cfg(target_family = "wasm")]
        let _ = direct;
        let width = t.names().len();
        let mut slots: Vec<Option<usize>> = vec![None; width];
        for (n, &c) in decoded.iter().enumerate() {
            if let Some(s) = slots.get_mut(c) {
                *s = Some(n);
            }
        }
        let mut cells: Vec<Vec<Cell<'_>>> = decoded.iter().map(|_| Vec::new()).collect();
        let mut from = start;
        'rows: while from < end {
            let to = (from + BATCH_ROWS).min(end);
            for (buf, &c) in cells.iter_mut().zip(&decoded) {
                match t.column(c) {
                    Some(col) => col.cells_into(from, to, buf),
                    None => buf.clear(),
                }
            }
            for i in from..to {
                let row = BatchRow {
                    table: t,
                    cells: &cells,
                    slots: &slots,
                    row: i,
                    at: i - from,
                };
                // WebAssembly reads a table's rows as text rows are read, through `dyn Row`:
                // one copy of the record reader in the `.wasm` (native code keeps the inlined
                // cell access).
                #[cfg(target_family = "wasm")]
                let row: &dyn Row = &row;
                #[cfg(not(target_family = "wasm"))]
                let row = &row;
                one(layout, Locator::Row(base + i), row, &mut record, &mut out);
                if stop && !out.errors.is_empty() {
                    break 'rows;
                }
            }
            from = to;
        }
        out
    };
    let (sink, tally, _) = gather(opts, || Ok(iter.next()), work, &make, on_error)?;
    Ok((sink, tally))
}

/// Runs every record of a CSV or JSON-lines source through sinks made by `make`, as
/// [`run_tables`] does; the blocks are read by whichever thread needs one. Errors of the
/// source itself (input that cannot be read; a JSON-lines input without any record) fail the
/// run.
pub fn run_text<R: Read + Send, S: Sink>(
    source: &mut TextSource<R>,
    layout: &Layout,
    opts: &RunOptions,
    make: impl Fn() -> S + Sync,
    on_error: impl FnMut(Error),
) -> Result<(S, Tally)> {
    // Said when the first block of records is met (a header alone gives an empty report).
    let probe = make();
    let mut checked = probe.check(layout);
    let catalogue = probe.catalogue();
    layout.check_group_catalogue(catalogue)?;
    let with_catalogue = catalogue.is_some();
    drop(probe);
    let parser: TextParser = source
        .parser()
        .reading(&layout.used())
        .naming_ids(layout.id);
    let stop = opts.on_bad == OnBad::Stop;
    let work = |block: Block| {
        let mut out = ChunkOut::new(make());
        let mut record = Record::new();
        parser.parse(&block, |at, row| {
            match row {
                Ok(row) => {
                    one(layout, at, row, &mut record, &mut out);
                }
                Err(e) => {
                    out.records += 1;
                    out.tally.bad += 1;
                    out.sink.reject(at, &e);
                    out.errors.push(e);
                }
            }
            !stop || out.errors.is_empty()
        });
        out
    };
    let next = || {
        let block = source.next_block()?;
        if block.is_some() {
            std::mem::replace(&mut checked, Ok(()))?;
        }
        Ok(block)
    };
    let (sink, tally, records) = gather(opts, next, work, &make, on_error)?;
    parser.finish(records)?;
    layout.check_seen_with(|c| parser.seen(c), with_catalogue)?;
    Ok((sink, tally))
}

/// Runs `work` on the items of `next` (called under a lock, in order) on the run's threads,
/// and appends the chunks' outcomes in item order.
fn gather<W: Send, S: Sink>(
    opts: &RunOptions,
    next: impl FnMut() -> Result<Option<W>> + Send,
    work: impl Fn(W) -> ChunkOut<S> + Sync,
    make: &(impl Fn() -> S + Sync),
    mut on_error: impl FnMut(Error),
) -> Result<(S, Tally, u64)> {
    let mut sink = make();
    let mut tally = Tally::default();
    let mut records = 0u64;
    let mut first_error: Option<Error> = None;
    let mut append_error: Option<Error> = None;
    let stop_on_bad = opts.on_bad == OnBad::Stop;
    ordered(opts.thread_count(), next, work, |out| {
        records += out.records;
        tally.add(&out.tally);
        if let Err(e) = sink.append(out.sink) {
            append_error = Some(e);
            return ControlFlow::Break(());
        }
        for e in out.errors {
            if stop_on_bad {
                first_error = Some(e);
                return ControlFlow::Break(());
            }
            on_error(e);
        }
        ControlFlow::Continue(())
    })?;
    if let Some(e) = first_error.or(append_error) {
        return Err(e);
    }
    Ok((sink, tally, records))
}

/// Calls `work` on each item of `next` on `threads` threads and `collect` on the results in
/// item order (on this thread). `collect` may stop the run. At most a few items per thread
/// are in flight. An error of `next` ends the run with that error. (WebAssembly has no
/// threads: there the items are worked on this thread.)
pub(crate) fn ordered<W: Send, T: Send>(
    threads: usize,
    mut next: impl FnMut() -> Result<Option<W>> + Send,
    work: impl Fn(W) -> T + Sync,
    mut collect: impl FnMut(T) -> ControlFlow<()>,
) -> Result<()> {
    if threads <= 1 || cfg!(target_family = "wasm") {
        while let Some(w) = next()? {
            if collect(work(w)).is_break() {
                break;
            }
        }
        return Ok(());
    }
    parallel(threads, next, work, collect)
}

#[cfg(target_family = "wasm")]
fn parallel<W: Send, T: Send>(
    _: usize,
    _: impl FnMut() -> Result<Option<W>> + Send,
    _: impl Fn(W) -> T + Sync,
    _: impl FnMut(T) -> ControlFlow<()>,
) -> Result<()> {
    Ok(())
}

#[cfg(not(target_family = "wasm"))]
fn parallel<W: Send, T: Send>(
    threads: usize,
    next: impl FnMut() -> Result<Option<W>> + Send,
    work: impl Fn(W) -> T + Sync,
    mut collect: impl FnMut(T) -> ControlFlow<()>,
) -> Result<()> {
    struct State<N> {
        next: N,
        issued: u64,
        collected: u64,
        done: bool,
        error: Option<Error>,
    }
    let window = 2 * threads as u64 + 2;
    let state = Mutex::new(State {
        next,
        issued: 0,
        collected: 0,
        done: false,
        error: None,
    });
    let turn = Condvar::new();
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(u64, T)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (state, turn, stop, work) = (&state, &turn, &stop, &work);
            scope.spawn(move || loop {
                let (seq, item) = {
                    let Ok(mut s) = state.lock() else { return };
                    while !s.done
                        && !stop.load(Ordering::Relaxed)
                        && s.issued - s.collected >= window
                    {
                        s = match turn.wait(s) {
                            Ok(s) => s,
                            Err(_) => return,
                        };
                    }
                    if s.done || stop.load(Ordering::Relaxed) {
                        return;
                    }
                    match (s.next)() {
                        Ok(Some(w)) => {
                            s.issued += 1;
                            (s.issued - 1, w)
                        }
                        Ok(None) => {
                            s.done = true;
                            turn.notify_all();
                            return;
                        }
                        Err(e) => {
                            s.error = Some(e);
                            s.done = true;
                            turn.notify_all();
                            return;
                        }
                    }
                };
                if tx.send((seq, work(item))).is_err() {
                    return;
                }
            });
        }
        drop(tx);
        let mut pending: BTreeMap<u64, T> = BTreeMap::new();
        let mut want = 0u64;
        for (seq, out) in rx.iter() {
            pending.insert(seq, out);
            while let Some(out) = pending.remove(&want) {
                want += 1;
                if let Ok(mut s) = state.lock() {
                    s.collected = want;
                }
                turn.notify_all();
                if !stop.load(Ordering::Relaxed) && collect(out).is_break() {
                    stop.store(true, Ordering::Relaxed);
                    turn.notify_all();
                }
            }
        }
    });
    let error = state.into_inner().ok().and_then(|s| s.error);
    match error {
        Some(e) if !stop.load(Ordering::Relaxed) => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
#[path = "tests_run.rs"]
mod tests;
