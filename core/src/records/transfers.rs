//! Transfers between agencies joined to dossier records by id: [`Transfers`].

use std::collections::HashMap;
use std::io::Read;
use std::sync::atomic::{AtomicU32, Ordering};

use super::cell::Cell;
use super::layout::{find_column, header_names, Locator, ReadOptions, Row};
use super::run::OnBad;
use super::table::Table;
use super::text::{TextFormat, TextSource};
use crate::dossier::{Dossier, Event, EventKind};
use crate::error::{Error, ErrorKind, Result};
use crate::hash::FastMap;

/// The columns of a transfers table: the dossier's `id`, the instant `at` the file reached
/// the agency, the agency `to` (the next stage's).
pub const TRANSFER_COLUMNS: [&str; 3] = ["id", "at", "to"];

/// The transfers of one dossier id.
#[derive(Debug)]
struct Entry {
    id: String,
    /// Where the id's first transfer is.
    first: Locator,
    events: Vec<Event>,
    /// The first bad transfer of this id (skipped with [`OnBad::Skip`]).
    bad: Option<Error>,
    /// Dossier records that carried the id.
    joined: AtomicU32,
}

/// Transfers by dossier id, read from a CSV or JSON-lines source ([`Transfers::read_text`])
/// or a table of columns ([`Transfers::read_tables`]), joined to dossier records while they
/// are read.
///
/// A long table of transfers (`id, at, to`: the dossier `id` reached the agency `to` at `at`)
/// joined to dossier records by id: each record whose id has transfers gets them as
/// `transferred` events (Decree 61/2018/NĐ-CP, Art. 19(5)–(7) \[U\]), merged into its events
/// in time order, while the record is read ([`Layout::with_transfers`](super::Layout::with_transfers)), so
/// every sink (report, stage table, per-row answers, worklist) sees the same dossier.
///
/// Errors are located in the transfers (the line of a text source, the row of a table, with
/// the dossier id): a bad cell or a missing `id`/`at`/`to` ([`ErrorKind::CsvField`]), a
/// transfer earlier than the one before it for the same dossier
/// ([`ErrorKind::EventsOutOfOrder`]), an id no dossier record has
/// ([`ErrorKind::InvalidTransfer`], from [`Transfers::unjoined`]), an id held by several
/// dossier records ([`ErrorKind::InvalidTransfer`]: the transfers cannot be given to one).
/// With [`OnBad::Skip`] a bad transfer is handed over and the dossier it names becomes a bad
/// record (its transfers are incomplete, so its stages would be wrong), never a dossier
/// counted with a transfer missing.
///
/// ```
/// use motcua::records::{OnBad, TextFormat, Transfers};
/// let csv = "id,at,to\nA,2026-03-05T10:00,Chi cục Thuế\nA,2026-03-09T15:00,VPĐKĐĐ\n";
/// let t = Transfers::read_text(csv.as_bytes(), TextFormat::Csv, OnBad::Stop, |_| {})?;
/// assert_eq!((t.dossiers(), t.len()), (1, 2));
/// # Ok::<(), motcua::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct Transfers {
    index: FastMap<String, usize>,
    entries: Vec<Entry>,
    transfers: usize,
}

impl Transfers {
    /// No transfers.
    pub fn new() -> Transfers {
        Transfers::default()
    }

    /// Reads a transfers source (a header with `id`, `at`, `to`; other columns ignored; JSON
    /// lines with those keys). Errors as [`Transfers`] says: with [`OnBad::Stop`] the
    /// first bad transfer fails the read; with [`OnBad::Skip`] each goes to `on_error` in
    /// order. A source without a header is [`ErrorKind::CsvEmpty`], a missing column
    /// [`ErrorKind::CsvMissingColumn`].
    pub fn read_text<R: Read>(
        reader: R,
        format: TextFormat,
        on_bad: OnBad,
        mut on_error: impl FnMut(Error),
    ) -> Result<Transfers> {
        // JSON lines have no header: the keys read are the dossier columns (`id`) and these.
        let mut opts = ReadOptions::default();
        for c in ["at", "to"] {
            opts.map.insert(c.into(), c.into());
        }
        let mut src = TextSource::open(reader, format, &opts)?;
        let cols = columns(src.names())?;
        let parser = src.parser();
        let mut out = Transfers::new();
        let mut failed = None;
        while let Some(block) = src.next_block()? {
            parser.parse(&block, |at, row| {
                let r = row.and_then(|row| out.push(at, row, cols));
                match r {
                    Ok(()) => true,
                    Err(e) if on_bad == OnBad::Skip => {
                        on_error(e);
                        true
                    }
                    Err(e) => {
                        failed = Some(e);
                        false
                    }
                }
            });
            if let Some(e) = failed.take() {
                return Err(e);
            }
        }
        Ok(out)
    }

    /// Reads transfers from the segments of one table (columns `id`, `at`, `to`; rows numbered
    /// from `first_row`), as [`read_text`](Transfers::read_text) does.
    pub fn read_tables(
        tables: &[Table<'_>],
        first_row: usize,
        on_bad: OnBad,
        on_error: impl FnMut(Error),
    ) -> Result<Transfers> {
        let mut out = Transfers::new();
        out.add_tables(tables, first_row, on_bad, on_error)?;
        Ok(out)
    }

    /// Adds the transfers of more rows of a table (a frame handed over in parts: rows numbered
    /// from `first_row`), as [`read_tables`](Transfers::read_tables) reads them.
    pub fn add_tables(
        &mut self,
        tables: &[Table<'_>],
        first_row: usize,
        on_bad: OnBad,
        mut on_error: impl FnMut(Error),
    ) -> Result<()> {
        let mut base = first_row;
        for t in tables {
            let cols = columns(t.names())?;
            for i in 0..t.len() {
                let row = TableCells(t, i);
                if let Err(e) = self.push(Locator::Row(base + i), &row, cols) {
                    match on_bad {
                        OnBad::Skip => on_error(e),
                        OnBad::Stop => return Err(e),
                    }
                }
            }
            base += t.len();
        }
        Ok(())
    }

    /// Transfers read.
    pub fn len(&self) -> usize {
        self.transfers
    }

    /// Whether no transfer was read.
    pub fn is_empty(&self) -> bool {
        self.transfers == 0
    }

    /// Dossier ids with transfers.
    pub fn dossiers(&self) -> usize {
        self.entries.len()
    }

    /// Adds one transfer row; errors located at `at`. A bad transfer of a known id is kept
    /// against it (its dossier becomes a bad record).
    fn push(&mut self, at: Locator, row: &dyn Row, cols: [usize; 3]) -> Result<()> {
        let mut buf = String::new();
        let [id_col, at_col, to_col] = cols;
        let id = match row.cell(id_col) {
            Cell::Malformed(why) => return Err(cell_err(at, "id", why, "", None)),
            c => c.as_text(&mut buf).map(str::trim).unwrap_or("").to_string(),
        };
        if id.is_empty() {
            return Err(cell_err(at, "id", "empty (required)", "", None));
        }
        let entry = match self.index.get(&id) {
            Some(&k) => k,
            None => {
                let k = self.entries.len();
                self.index.insert(id.clone(), k);
                self.entries.push(Entry {
                    id: id.clone(),
                    first: at,
                    events: Vec::new(),
                    bad: None,
                    joined: AtomicU32::new(0),
                });
                k
            }
        };
        let r = read_transfer(at, row, at_col, to_col, &id, &mut buf).and_then(|ev| {
            let Some(e) = self.entries.get(entry) else {
                return Ok(ev);
            };
            match e.events.last() {
                Some(prev) if before(&ev, prev) => Err(at.locate(
                    Error::new(
                        ErrorKind::EventsOutOfOrder,
                        format!(
                            "transfers, line {}, column `at`: {} is before the transfer before it \
                             for dossier `{id}` ({} to {})",
                            at.line(),
                            show(&ev),
                            show(prev),
                            prev.to.as_deref().unwrap_or(""),
                        ),
                    )
                    .in_field("at")
                    .with_id(id.as_str()),
                )),
                _ => Ok(ev),
            }
        });
        let Some(e) = self.entries.get_mut(entry) else {
            return Ok(());
        };
        match r {
            Ok(ev) => {
                e.events.push(ev);
                self.transfers += 1;
                Ok(())
            }
            Err(err) => {
                if e.bad.is_none() {
                    e.bad = Some(err.clone());
                }
                Err(err)
            }
        }
    }

    /// Joins the transfers of dossier `id` (none when `None` or unknown) to `dossier` (the
    /// record at `at` as read, or its error): marks the id as joined, then merges its `transferred`
    /// events into the dossier's events in time order. At the same instant (or on the same day
    /// when either is known by its date only) a transfer goes before the dossier's events, the
    /// only order that can be valid (a transfer after the result, or while a supplement
    /// request is open, is an error; the next agency may ask for a supplement), except after a
    /// completed supplement (`supplement_received`), which it must follow. Errors: the record's
    /// own; for an id with a bad transfer, that transfer's error.
    pub fn join(&self, at: Locator, id: Option<&str>, dossier: Result<&mut Dossier>) -> Result<()> {
        let entry = id
            .map(str::trim)
            .and_then(|id| self.index.get(id))
            .and_then(|&k| self.entries.get(k));
        let Some(entry) = entry else {
            return dossier.map(|_| ());
        };
        entry.joined.fetch_add(1, Ordering::Relaxed);
        let d = dossier?;
        if let Some(bad) = &entry.bad {
            return Err(at.locate(
                Error::new(
                    ErrorKind::InvalidTransfer,
                    format!(
                        "line {}: its transfers are incomplete ({})",
                        at.line(),
                        bad.message()
                    ),
                )
                .in_field("id"),
            ));
        }
        let mut from = 0;
        for t in &entry.events {
            let pos = d
                .events
                .get(from..)
                .and_then(|rest| rest.iter().position(|e| !goes_before(e, t)))
                .map_or(d.events.len(), |p| from + p);
            d.events.insert(pos, t.clone());
            from = pos + 1;
        }
        Ok(())
    }

    /// After every dossier record was read (joined): the ids no record carried, as
    /// [`ErrorKind::InvalidTransfer`] errors located at their first transfer, in order. Err:
    /// an id carried by several records (its transfers cannot be given to one; the counts
    /// made with them are void), whatever the skip mode.
    pub fn unjoined(&self) -> Result<Vec<Error>> {
        let mut out = Vec::new();
        for e in &self.entries {
            let n = e.joined.load(Ordering::Relaxed);
            if n > 1 {
                return Err(e.first.locate(
                    Error::new(
                        ErrorKind::InvalidTransfer,
                        format!(
                            "transfers, line {}: dossier id `{}` is on {n} dossier records: \
                             its transfers cannot be joined to one (ids must be unique)",
                            e.first.line(),
                            e.id
                        ),
                    )
                    .in_field("id")
                    .with_id(e.id.as_str()),
                ));
            }
            if n == 0 {
                out.push(
                    e.first.locate(
                        Error::new(
                            ErrorKind::InvalidTransfer,
                            format!(
                                "transfers, line {}: no dossier record has id `{}`",
                                e.first.line(),
                                e.id
                            ),
                        )
                        .in_field("id")
                        .with_value(e.id.as_str())
                        .with_id(e.id.as_str()),
                    ),
                );
            }
        }
        Ok(out)
    }
}

/// The cells of a table's row.
struct TableCells<'t, 'a>(&'t Table<'a>, usize);

impl Row for TableCells<'_, '_> {
    fn cell(&self, column: usize) -> Cell<'_> {
        self.0
            .column(column)
            .map_or(Cell::Missing, |c| c.cell(self.1))
    }
}

/// The source columns of `id`, `at`, `to`.
fn columns(names: &[String]) -> Result<[usize; 3]> {
    let names = header_names(names);
    let mut out = [0; 3];
    for (slot, want) in out.iter_mut().zip(TRANSFER_COLUMNS) {
        // (As the records' columns are found: exactly, else in any ASCII case: `ID,AT,TO`.)
        *slot = find_column(&names, &HashMap::new(), want).ok_or_else(|| {
            Error::new(
                ErrorKind::CsvMissingColumn,
                format!(
                    "transfers: missing column `{want}` (columns: {})",
                    names.join(", ")
                ),
            )
            .in_field(want)
        })?;
    }
    Ok(out)
}

/// One transfer's `at` and `to`.
fn read_transfer(
    at: Locator,
    row: &dyn Row,
    at_col: usize,
    to_col: usize,
    id: &str,
    buf: &mut String,
) -> Result<Event> {
    let when = row.cell(at_col);
    let (t, date_only) = match when.instant() {
        Ok(Some(t)) => t,
        Ok(None) => return Err(cell_err(at, "at", "empty (required)", "", Some(id))),
        Err(e) => {
            let mut b = String::new();
            let v = when.as_text(&mut b).unwrap_or("");
            return Err(cell_err(at, "at", e.message(), v, Some(id)));
        }
    };
    let to = match row.cell(to_col) {
        Cell::Malformed(why) => return Err(cell_err(at, "to", why, "", Some(id))),
        c => c.as_text(buf).map(str::trim).unwrap_or(""),
    };
    if to.is_empty() {
        return Err(cell_err(at, "to", "empty (required)", "", Some(id)));
    }
    let mut ev = Event::new(EventKind::Transferred, t);
    ev.date_only = date_only;
    ev.to = Some(to.to_string());
    Ok(ev)
}

/// A transfers cell's error: `transfers, line N, column `c`[, value `v`]: why`.
fn cell_err(at: Locator, column: &str, why: &str, value: &str, id: Option<&str>) -> Error {
    let shown = if value.is_empty() {
        String::new()
    } else {
        format!(", value `{}`", crate::error::excerpt(value))
    };
    let mut e = at.locate(
        Error::new(
            ErrorKind::CsvField,
            format!(
                "transfers, line {}, column `{column}`{shown}: {why}",
                at.line()
            ),
        )
        .in_field(column),
    );
    if !value.is_empty() {
        e = e.with_value(value);
    }
    if let Some(id) = id {
        e = e.with_id(id);
    }
    e
}

/// Whether the dossier's event `e` goes before the transfer `t` (see [`Transfers::join`]):
/// earlier, or a completed supplement at the same time.
fn goes_before(e: &Event, t: &Event) -> bool {
    before(e, t) || (e.kind == EventKind::SupplementReceived && !before(t, e))
}

/// Whether `a` comes strictly before `b` (by date when either is known by its date only).
fn before(a: &Event, b: &Event) -> bool {
    if a.date_only || b.date_only {
        a.at.date() < b.at.date()
    } else {
        a.at < b.at
    }
}

fn show(e: &Event) -> String {
    if e.date_only {
        e.at.date().to_string()
    } else {
        crate::civil::format_instant(e.at)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;

    /// A transfer at the instant of a dossier's event goes before it, but after a completed
    /// supplement: the one order that can be valid. (Before a completed supplement the file
    /// moved while the request was open: valid records were refused, `invalid_transfer`.)
    #[test]
    fn a_transfer_at_an_events_instant_goes_where_it_can_be_valid() {
        let csv = "id,at,to\nA,2026-03-04T10:00,B\n";
        let t = Transfers::read_text(csv.as_bytes(), TextFormat::Csv, OnBad::Stop, |_| {}).unwrap();
        let at =
            |s: &str| crate::civil::parse_instant(s, crate::civil::DateOnly::StartOfDay).unwrap();
        let kinds = |events: &[(EventKind, &str)]| {
            let mut d = Dossier::new(
                crate::procedure::TimeLimit::WorkingDays(5),
                at("2026-03-02T09:00"),
            );
            d.events = events.iter().map(|&(k, s)| Event::new(k, at(s))).collect();
            t.join(Locator::Line(2), Some("A"), Ok(&mut d)).unwrap();
            d.events.iter().map(|e| e.kind).collect::<Vec<_>>()
        };
        use EventKind::{Resolved, SupplementReceived, SupplementRequested, Transferred};
        assert_eq!(
            kinds(&[
                (SupplementRequested, "2026-03-03T09:00"),
                (SupplementReceived, "2026-03-04T10:00"),
                (Resolved, "2026-03-06T10:00")
            ]),
            [
                SupplementRequested,
                SupplementReceived,
                Transferred,
                Resolved
            ]
        );
        assert_eq!(
            kinds(&[(SupplementRequested, "2026-03-04T10:00")]),
            [Transferred, SupplementRequested]
        );
        assert_eq!(
            kinds(&[(Resolved, "2026-03-04T10:00")]),
            [Transferred, Resolved]
        );
        // A supplement completed on that day, known by its date only: before the transfer.
        let mut d = Dossier::new(
            crate::procedure::TimeLimit::WorkingDays(5),
            at("2026-03-02T09:00"),
        );
        d.events = vec![
            Event::new(SupplementRequested, at("2026-03-03T09:00")),
            Event {
                date_only: true,
                ..Event::new(SupplementReceived, at("2026-03-04"))
            },
        ];
        t.join(Locator::Line(2), Some("A"), Ok(&mut d)).unwrap();
        assert_eq!(d.events[2].kind, Transferred);
    }
}
