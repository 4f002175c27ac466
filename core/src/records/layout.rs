//! Where each logical column of a dossier record is ([`Layout`], resolved once from a header
//! with `--map` renaming), and the building of one record's dossier, grouping values and
//! scorecard columns from its cells ([`Layout::read`]), with errors that name the line or
//! row, the column, the value and the dossier's id.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::cell::{parse_channel, Cell};
use super::service::{
    is_unrated, parse_flag, parse_online_level, parse_satisfaction, ServiceRecord,
};
use super::transfers::Transfers;
use crate::dossier::{not_after, Channel, Dossier, Event, EventKind, LimitSource};
use crate::error::{Error, ErrorKind, Result};
use crate::procedure::TimeLimit;

mod names;
mod read;

pub(crate) use names::cell_error;
#[cfg(not(target_family = "wasm"))]
use names::other_words;
#[cfg(not(target_family = "wasm"))]
pub(crate) use names::vietnamese_column;
pub use names::{find_column, header_names};
use names::{looks_like, plain_name};

/// The logical columns of a dossier record (DESIGN.md, `motcua report`), in this order;
/// `stages` (an inter-agency dossier's stages, a JSON array `[{"agency", "time_limit"}]`: the
/// array itself in JSON lines, its text in a CSV cell) is read when present.
pub const DOSSIER_COLUMNS: [&str; 12] = [
    "id",
    "received",
    "time_limit",
    "procedure",
    "channel",
    "supplement_requested",
    "supplement_received",
    "new_due",
    "resolved",
    "refused",
    "withdrawn",
    "stages",
];

/// The scorecard's optional columns (`motcua scorecard`).
pub const SERVICE_COLUMNS: [&str; 6] = [
    "online_level",
    "digitised",
    "result_digitised",
    "satisfaction",
    "feedback_received",
    "feedback_handled",
];

/// The event columns, in the order events are built.
const EVENT_COLUMNS: [(&str, EventKind); 5] = [
    ("supplement_requested", EventKind::SupplementRequested),
    ("supplement_received", EventKind::SupplementReceived),
    ("resolved", EventKind::Resolved),
    ("refused", EventKind::Refused),
    ("withdrawn", EventKind::Withdrawn),
];

/// What to read from the records: logical column renames, grouping columns, and whether the
/// scorecard's columns are read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Logical column name → the source's column that holds it (`--map NAME=SOURCE`).
    pub map: HashMap<String, String>,
    /// The grouping columns (logical names, mapped like the others).
    pub by: Vec<String>,
    /// Read the scorecard's columns, rating satisfaction on this scale (5: ratings 1..5).
    pub satisfaction_scale: Option<u32>,
}

impl ReadOptions {
    /// Renames logical column `name` to the source's column `source`, as every door takes a
    /// map (`--map NAME=SOURCE`, JS's `{name: source}`, Python's `{name: source}`): both
    /// trimmed, as a header's names are. An empty name or source, or a name given twice (two
    /// that trim to one, `received` and ` received`: which source would be read is a guess),
    /// is [`ErrorKind::InvalidArgument`] at field `map`, its message naming them; the door
    /// says where it was given.
    ///
    /// ```
    /// use motcua::records::ReadOptions;
    /// let mut read = ReadOptions::default();
    /// read.map_column(" received ", "ngay_nhan")?;
    /// assert_eq!(read.map["received"], "ngay_nhan");
    /// let twice = read.map_column("received", "ngay_tiep_nhan").unwrap_err();
    /// assert_eq!(twice.message(), "`received` is mapped twice (also to `ngay_nhan`)");
    /// # Ok::<(), motcua::Error>(())
    /// ```
    pub fn map_column(&mut self, name: &str, source: &str) -> Result<()> {
        let (name, source) = (name.trim(), source.trim());
        let empty = if name.is_empty() {
            Some(format!(
                "no logical column is named (for the source column `{source}`)"
            ))
        } else if source.is_empty() {
            Some(format!("`{name}` is mapped to no column (an empty name)"))
        } else {
            None
        };
        if let Some(msg) = empty {
            return Err(Error::new(ErrorKind::InvalidArgument, msg).in_field("map"));
        }
        match self.map.get(name) {
            Some(old) => Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("`{name}` is mapped twice (also to `{old}`)"),
            )
            .in_field("map")),
            None => {
                self.map.insert(name.to_string(), source.to_string());
                Ok(())
            }
        }
    }

    /// Adds grouping columns as every door takes them (`--by`, JS's and Python's `by`, each
    /// `"field,agency"` split at its commas by the door first): each name trimmed, as a
    /// header's names are, and the empty ones dropped (`"field, agency,"`).
    ///
    /// ```
    /// use motcua::records::ReadOptions;
    /// let mut read = ReadOptions::default();
    /// read.group_by("field, agency,".split(','));
    /// assert_eq!(read.by, ["field", "agency"]);
    /// ```
    pub fn group_by<S: AsRef<str>>(&mut self, names: impl IntoIterator<Item = S>) {
        self.by.extend(
            names
                .into_iter()
                .map(|n| n.as_ref().trim().to_string())
                .filter(|n| !n.is_empty()),
        );
    }

    /// Checks the options before any record is read: a `map` of a name no reader uses (a
    /// misspelt `resolvd`, which would change nothing, silently) is
    /// [`ErrorKind::InvalidArgument`] naming it. The names used are [`DOSSIER_COLUMNS`],
    /// [`SERVICE_COLUMNS`] and the grouping columns. [`Layout::resolve`] checks it too.
    pub fn check(&self) -> Result<()> {
        let unused = self
            .map
            .keys()
            .filter(|k| {
                let k = k.as_str();
                !DOSSIER_COLUMNS.contains(&k)
                    && !SERVICE_COLUMNS.contains(&k)
                    && !self.by.iter().any(|b| b == k)
            })
            .min();
        match unused {
            None => Ok(()),
            Some(logical) => Err(Error::new(
                ErrorKind::InvalidArgument,
                format!(
                    "--map {logical}={}: `{logical}` is no column the records are read for \
                     nor a grouping column (see the columns of `motcua report --help`)",
                    self.map.get(logical).map_or("", String::as_str),
                ),
            )
            .in_field(logical.clone())),
        }
    }

    /// Whether the reader may use a source column named `name`: one of [`wanted`](Self::wanted),
    /// or a logical column that `map` does not rename (the scorecard's only when read, a
    /// grouping column) in another ASCII case (`Resolved`), as [`find_column`] matches it. A
    /// binding that hands over a frame's columns picks them with this.
    pub fn reads(&self, name: &str) -> bool {
        // (In NFC, as `header_names` reads a header: a name typed in NFD is the same name.)
        let name = &*crate::casefold::compose(name.trim());
        let same = |n: &str| *crate::casefold::compose(n) == *name;
        let unmapped = |n: &&str| !self.map.contains_key(*n);
        let service = SERVICE_COLUMNS
            .iter()
            .filter(|_| self.satisfaction_scale.is_some());
        self.map.values().any(|v| same(v))
            || DOSSIER_COLUMNS
                .iter()
                .chain(service)
                .copied()
                .chain(self.by.iter().map(String::as_str))
                .filter(unmapped)
                .any(|n| same(n) || n.eq_ignore_ascii_case(name))
    }

    /// Every source column name the reader may use, in a stable order: the logical columns
    /// (and the scorecard's, when read) as mapped, the grouping columns, the mapped sources.
    /// A source that has no header of its own (JSON lines, arrays of objects) reads these.
    pub fn wanted(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let logical = DOSSIER_COLUMNS
            .iter()
            .chain(
                SERVICE_COLUMNS
                    .iter()
                    .filter(|_| self.satisfaction_scale.is_some()),
            )
            .map(|s| s.to_string())
            .chain(self.by.iter().cloned());
        for name in logical {
            let source = self.map.get(&name).cloned().unwrap_or(name);
            if !out.contains(&source) {
                out.push(source);
            }
        }
        // The other mapped sources in order of their names (a few: no sort, which would add
        // a sort's code to the `.wasm` for nothing).
        while let Some(v) = self.map.values().filter(|v| !out.contains(v)).min() {
            out.push(v.clone());
        }
        out
    }
}

/// Where a record is: its line in a text source (1-based, the header is line 1), or its row
/// in a table (0-based; messages call it line `row + 1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locator {
    /// A line of a CSV or JSON-lines source.
    Line(u64),
    /// A row of a table (a frame, an array of objects).
    Row(usize),
}

impl Locator {
    /// The line number shown in messages.
    pub fn line(self) -> u64 {
        match self {
            Locator::Line(l) => l,
            Locator::Row(i) => (i as u64).saturating_add(1),
        }
    }

    /// `e` located here (line, and the row index for tables).
    pub fn locate(self, e: Error) -> Error {
        match self {
            Locator::Line(l) => e.at_line(l),
            Locator::Row(i) => e.at_index(i).at_line(i as u64 + 1),
        }
    }

    /// The same place `n` rows (or lines) further on.
    #[must_use]
    pub fn offset(self, n: usize) -> Locator {
        match self {
            Locator::Line(l) => Locator::Line(l.saturating_add(n as u64)),
            Locator::Row(i) => Locator::Row(i.saturating_add(n)),
        }
    }
}

/// Whether `kind` is a supplement request or the completed dossier.
fn is_supplement(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::SupplementRequested | EventKind::SupplementReceived
    )
}

/// A record's cells, by source column index.
pub trait Row {
    /// Cell `column` of the record ([`Cell::Missing`] past the end).
    fn cell(&self, column: usize) -> Cell<'_>;

    /// Whether the record holds column `column` at all, even empty or null: a JSON line
    /// without the key does not (a table's row, or a CSV record, holds all its columns).
    fn holds(&self, column: usize) -> bool {
        let _ = column;
        true
    }

    /// Whether the record holds a value in any of its first `columns` columns, read or not
    /// (a text record whose fields not read were not cut out says it from its text). Not on
    /// WebAssembly (see [`Tally::unread`](super::Tally::unread)).
    #[cfg(not(target_family = "wasm"))]
    fn holds_any(&self, columns: usize) -> bool {
        (0..columns).any(|c| !self.cell(c).is_missing())
    }
}

/// One record, built in place ([`Layout::read`] reuses the allocations from row to row).
#[derive(Debug, Clone)]
pub struct Record {
    /// The dossier (its `id` is set only by a layout [`with_ids`](Layout::with_ids): else ids
    /// are read only for messages).
    pub dossier: Dossier,
    /// The grouping values, one per grouping column (empty text when missing).
    pub groups: Vec<String>,
    /// The scorecard's columns (when read).
    pub service: ServiceRecord,
    /// The index in the dossier's events of the apology made from the `new_due` column, if
    /// any: "taken as issued in time", it is placed after the supplement events the reader's
    /// as-of instant sees; a report that judges the dossier at an earlier instant (the end of
    /// an earlier period) places it again for that instant ([`standing_apology_as_of`]).
    pub(crate) standing_apology: Option<usize>,
    /// The key the direct reader of a typed table gave the record's groups, if any: (the
    /// reader's stamp, a number of its values of the grouping columns). Two records of one
    /// stamp and one number have the same [`groups`](Self::groups), so that a sink that met
    /// the key finds the group again without looking at its text (records read otherwise
    /// have none).
    #[cfg(not(target_family = "wasm"))]
    pub(crate) group_key: Option<(u64, u64)>,
    buf: String,
    pub(super) tidied: TidyMemo,
}

/// The grouping texts already tidied ([`group_text`](crate::casefold::group_text)), by the
/// text read: a field or an agency repeats down a file, and tidying it again each row
/// (composing its marks, looking for spaces to join) was a tenth of a frame report's
/// instructions. Direct-mapped by both ends and the length of the text read; a slot is used
/// only when its text read is equal, byte for byte, so the answer is `group_text`'s own.
#[cfg(not(target_family = "wasm"))]
#[derive(Debug, Clone, Default)]
pub(super) struct TidyMemo {
    /// (text read, its tidy form); 64 slots once the first text is tidied.
    slots: Vec<(String, String)>,
}

#[cfg(not(target_family = "wasm"))]
impl TidyMemo {
    /// Appends the tidy form of `text` to `out`.
    pub(super) fn push_tidy(&mut self, text: &str, out: &mut String) {
        if self.slots.is_empty() {
            self.slots.resize_with(64, Default::default);
        }
        let h = crate::hash::ends_hash(text.len(), crate::hash::ends(text.as_bytes()));
        match self.slots.get_mut((h >> 58) as usize) {
            Some((read, tidy)) => {
                if read.as_str() != text {
                    read.clear();
                    read.push_str(text);
                    tidy.clear();
                    tidy.push_str(&crate::casefold::group_text(text));
                }
                out.push_str(tidy);
            }
            None => out.push_str(&crate::casefold::group_text(text)),
        }
    }
}

/// On WebAssembly each text is tidied as it comes (the memo's code is not worth its bytes in
/// the package: a browser reports a few thousand rows).
#[cfg(target_family = "wasm")]
#[derive(Debug, Clone, Default)]
pub(super) struct TidyMemo;

#[cfg(target_family = "wasm")]
impl TidyMemo {
    /// Appends the tidy form of `text` to `out`.
    pub(super) fn push_tidy(&mut self, text: &str, out: &mut String) {
        out.push_str(&crate::casefold::group_text(text));
    }
}

impl Default for Record {
    fn default() -> Record {
        Record::new()
    }
}

impl Record {
    /// An empty record.
    pub fn new() -> Record {
        Record {
            dossier: Dossier {
                id: None,
                limit: LimitSource::Procedure(String::new()),
                channel: Channel::Direct,
                received: NaiveDate::MIN.and_time(NaiveTime::MIN),
                received_date_only: false,
                events: Vec::with_capacity(6),
                stages: Vec::new(),
            },
            groups: Vec::new(),
            service: ServiceRecord::default(),
            standing_apology: None,
            #[cfg(not(target_family = "wasm"))]
            group_key: None,
            buf: String::new(),
            // (a unit struct on WebAssembly)
            #[allow(clippy::default_constructed_unit_structs)]
            tidied: TidyMemo::default(),
        }
    }
}

/// The dossier as a reader with the as-of instant `t` would have read it, when the apology
/// made from the `new_due` column (event `apology` of `dossier`, placed after the supplement
/// events a later instant saw) is after `t`: placed after the supplement events `t` sees, at
/// the last of them (or at the receipt). `None` when the placement stands. A closed month's
/// numbers must not move with a later as-of: a supplement requested in April hid from March's
/// row an apology the record states, and the dossier pending within its new appointment at the
/// end of March became overdue there once the run's as-of passed the request.
pub(crate) fn standing_apology_as_of(
    dossier: &Dossier,
    apology: usize,
    t: NaiveDateTime,
) -> Option<Dossier> {
    let placed = dossier.events.get(apology)?;
    if placed.kind != EventKind::Apology || placed.at <= t {
        return None;
    }
    let mut d = dossier.clone();
    let ev = d.events.remove(apology);
    place_apology(&mut d, ev.new_due?, |e| e <= t);
    Some(d)
}

/// Inserts the `new_due` column's apology into `d`'s events (in order), "taken as issued in
/// time": after the supplement events a reader sees (`seen`), at the last of them (at the
/// receipt when none), before the result. Returns its index.
pub(super) fn place_apology(
    d: &mut Dossier,
    new_due: NaiveDate,
    seen: impl Fn(NaiveDateTime) -> bool,
) -> usize {
    let pos = d
        .events
        .iter()
        .position(|e| !(is_supplement(e.kind) && seen(e.at)))
        .unwrap_or(d.events.len());
    let (at, date_only) = match pos.checked_sub(1).and_then(|i| d.events.get(i)) {
        Some(last) => (last.at, last.date_only),
        None => (d.received, false),
    };
    let mut ev = Event::new(EventKind::Apology, at).with_new_due(new_due);
    ev.date_only = date_only;
    d.events.insert(pos, ev);
    pos
}

/// The column index of a grouping column the records do not have and the catalogue gives
/// (see [`ProcedureAttr`]): no source column.
pub(super) const BY_PROCEDURE: usize = usize::MAX;

/// What a missing `field` or `level` of records by procedure code is told: where it comes from.
const FROM_A_CATALOGUE: &str = "a catalogue (--catalogue) gives each procedure's";

/// A grouping column read from each record's procedure in the catalogue, when the records
/// give procedure codes and have no such column: `field` (*lĩnh vực*, the procedure's field)
/// and `level` (`commune`, `province`, ...), the usual breakdowns of a one-stop report, which
/// an export by procedure code often leaves to the catalogue. A record counted by its own
/// `time_limit` is grouped by the procedure in its `procedure` cell, if any; a record without
/// a procedure known to the catalogue is in the empty group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ProcedureAttr {
    /// The procedure's `field`.
    Field,
    /// The procedure's `level`.
    Level,
}

impl ProcedureAttr {
    /// The attribute a grouping column's logical name reads, if any.
    fn of(name: &str) -> Option<ProcedureAttr> {
        [ProcedureAttr::Field, ProcedureAttr::Level]
            .into_iter()
            .find(|a| a.name() == name)
    }

    /// The grouping column's logical name.
    fn name(self) -> &'static str {
        match self {
            ProcedureAttr::Field => "field",
            ProcedureAttr::Level => "level",
        }
    }

    /// Its value for `p`.
    pub(super) fn value(self, p: &crate::procedure::Procedure) -> &str {
        match self {
            ProcedureAttr::Field => &p.field,
            ProcedureAttr::Level => p.level.as_str(),
        }
    }
}

/// Where each logical column is in the source, resolved once from its header.
#[derive(Debug, Clone)]
pub struct Layout {
    pub(super) id: Option<usize>,
    pub(super) received: usize,
    pub(super) time_limit: Option<usize>,
    pub(super) procedure: Option<usize>,
    pub(super) channel: Option<usize>,
    pub(super) new_due: Option<usize>,
    pub(super) stages: Option<usize>,
    pub(super) events: Vec<(usize, EventKind, &'static str)>,
    /// The grouping columns' source columns ([`BY_PROCEDURE`]: from the catalogue).
    pub(super) groups: Vec<usize>,
    /// The grouping columns a procedure's catalogue entry can give: their place among the
    /// grouping columns, what they read, and whether the records lack the column (read from
    /// the catalogue for every record; else for a JSON line without the key: a table's row, a
    /// frame's or a JS object's, holds every column, a missing value being empty). The
    /// catalogue is the sink's, handed to each read ([`Layout::read_with`]).
    pub(super) by_procedure: Vec<(usize, ProcedureAttr, bool)>,
    pub(super) service: Option<([Option<usize>; 6], u32)>,
    /// Set each dossier's `id` from the `id` column (the worklist lists them).
    pub(super) ids: bool,
    /// The source's column names (trimmed, byte-order mark removed).
    pub(super) names: Vec<String>,
    /// Transfers joined to the records by id.
    pub(super) transfers: Option<Arc<Transfers>>,
}

impl Layout {
    /// The source column of the procedure codes, when the records have one.
    pub fn procedure_column(&self) -> Option<&str> {
        self.procedure.map(|i| self.name(i))
    }

    /// Whether the records have a `time_limit` column.
    pub fn has_time_limit(&self) -> bool {
        self.time_limit.is_some()
    }

    /// The source columns not read that look like an optional column the layout did not find
    /// — `resolved_at` or `resovled` when there is no `resolved` — each with that column's
    /// name: other columns are ignored, so a misspelt one leaves its values out without a word
    /// (every resolved dossier then overdue). For a note to the user, never an error: a file
    /// may hold such a column for another purpose.
    ///
    /// ```
    /// use motcua::records::{Layout, ReadOptions};
    /// let header = ["id", "received", "time_limit", "resolved_at", "chanel", "agency"];
    /// let layout = Layout::resolve(&header, &ReadOptions::default())?;
    /// assert_eq!(layout.near_misses(), [("resolved_at".to_string(), "resolved"), ("chanel".to_string(), "channel")]);
    /// # Ok::<(), motcua::Error>(())
    /// ```
    pub fn near_misses(&self) -> Vec<(String, &'static str)> {
        let used = self.used();
        let unread = self
            .names
            .iter()
            .enumerate()
            .filter(|(i, _)| !used.contains(i))
            .map(|(_, n)| n.as_str());
        let found: Vec<&str> = self.events.iter().map(|e| e.2).collect();
        // (Not `time_limit` nor `procedure`: a layout has one of them, and needs no other; not
        // `stages`, JSON text that no export names alike.)
        let missing: Vec<&'static str> = [("channel", self.channel), ("new_due", self.new_due)]
            .into_iter()
            .filter(|(_, c)| c.is_none())
            .map(|(n, _)| n)
            .chain(
                EVENT_COLUMNS
                    .iter()
                    .map(|e| e.0)
                    .filter(|n| !found.contains(n)),
            )
            .collect();
        misses_among(unread, &missing)
    }

    /// The note of a table with no column of a dossier's end (`resolved`, `refused`,
    /// `withdrawn`), if so: every dossier is then counted open, pending or overdue — what a
    /// result column the reader did not recognise (`Resolved (ngày)`, `resolved.1`, a status
    /// export with no dates) gave without a word. `hint` is how the door maps a column to
    /// `resolved` (`--map resolved=COLUMN`). (A table of open dossiers alone has none either:
    /// a note, not an error. JSON lines list every column a record may hold: never said for
    /// them.)
    ///
    /// ```
    /// use motcua::records::{Layout, ReadOptions};
    /// let layout = Layout::resolve(&["received", "time_limit", "Ngày KQ"], &ReadOptions::default())?;
    /// assert!(layout.no_end_note("--map resolved=COLUMN").unwrap().starts_with("no `resolved`, `refused` or `withdrawn` column"));
    /// let layout = Layout::resolve(&["received", "time_limit", "resolved"], &ReadOptions::default())?;
    /// assert_eq!(layout.no_end_note("--map resolved=COLUMN"), None);
    /// # Ok::<(), motcua::Error>(())
    /// ```
    #[cfg(not(target_family = "wasm"))]
    pub fn no_end_note(&self, hint: &str) -> Option<String> {
        if self.events.iter().any(|e| e.1.is_closing()) {
            return None;
        }
        Some(format!(
            "no `resolved`, `refused` or `withdrawn` column: every dossier is counted open \
             (pending or overdue); if a column holds the dates of the results, name it: {hint}"
        ))
    }

    /// [`near_misses`](Self::near_misses) among `keys`, the keys of a JSON-lines record (whose
    /// layout lists every column a record may hold, not the keys the file gives): each key that
    /// is none of the layout's columns and looks like an optional one it did not find.
    ///
    /// ```
    /// use motcua::records::{Layout, ReadOptions};
    /// let layout = Layout::resolve(&["received", "time_limit"], &ReadOptions::default())?;
    /// let keys = ["id", "received", "time_limit", "resolvd", "agency"].map(String::from);
    /// assert_eq!(layout.near_misses_among(&keys), [("resolvd".to_string(), "resolved")]);
    /// # Ok::<(), motcua::Error>(())
    /// ```
    pub fn near_misses_among(&self, keys: &[String]) -> Vec<(String, &'static str)> {
        let listed = |k: &str| self.names.iter().any(|n| n.eq_ignore_ascii_case(k.trim()));
        let given = |c: &str| keys.iter().any(|k| k.trim().eq_ignore_ascii_case(c));
        // (The layout lists every column a record may hold: missing are those the record does
        // not give.)
        let missing: Vec<&'static str> = ["channel", "new_due"]
            .into_iter()
            .chain(EVENT_COLUMNS.iter().map(|e| e.0))
            .filter(|c| !given(c))
            .collect();
        misses_among(
            keys.iter().map(String::as_str).filter(|k| !listed(k)),
            &missing,
        )
    }
}

/// The names among `unread` (columns a layout does not read) that look like one of `missing`
/// (optional columns it did not find), each with that column.
fn misses_among<'n>(
    unread: impl Iterator<Item = &'n str>,
    missing: &[&'static str],
) -> Vec<(String, &'static str)> {
    let known = |n: &str| {
        DOSSIER_COLUMNS
            .iter()
            .chain(&SERVICE_COLUMNS)
            .any(|k| k.eq_ignore_ascii_case(n))
    };
    let mut out = Vec::new();
    for name in unread {
        if known(name) {
            continue;
        }
        let plain = plain_name(name);
        #[cfg(not(target_family = "wasm"))]
        let said = vietnamese_column(name);
        #[cfg(target_family = "wasm")]
        let said: Option<&str> = None;
        #[cfg(not(target_family = "wasm"))]
        let other = other_words(&plain);
        #[cfg(target_family = "wasm")]
        let other: Option<&str> = None;
        let found = missing.iter().find(|m| {
            looks_like(&plain, &plain_name(m), **m != "channel")
                || said == Some(**m)
                || other == Some(**m)
        });
        if let Some(&m) = found {
            out.push((name.to_string(), m));
        }
    }
    out
}

impl Layout {
    /// Resolves the columns from a header. Errors: [`ErrorKind::CsvMissingColumn`] naming
    /// what is missing (`received`; both `time_limit` and `procedure`; a grouping column, but
    /// `field` and `level` of records with a `procedure` column, which a read with a catalogue
    /// takes from it ([`read_with`](Self::read_with)) and one without refuses; the
    /// source of a `--map`), [`ErrorKind::CsvField`] for a column read that the header has
    /// twice, [`ErrorKind::InvalidArgument`] for a satisfaction scale of 0.
    pub fn resolve<S: AsRef<str>>(header: &[S], opts: &ReadOptions) -> Result<Layout> {
        let names = header_names(header);
        let map = &opts.map;
        let find = |logical: &str| find_column(&names, map, logical);
        // The first missing source in order of the logical names, whatever the map's order.
        let unknown = map
            .iter()
            .filter(|(_, source)| {
                let source = crate::casefold::compose(source);
                !names.iter().any(|n| *n == *source)
            })
            .min();
        if let Some((logical, source)) = unknown {
            return Err(Error::new(
                ErrorKind::CsvMissingColumn,
                format!(
                    "--map {logical}={source}: the file has no column `{source}` (columns: {})",
                    names.join(", ")
                ),
            )
            .in_field(source.clone()));
        }
        opts.check()?;
        let missing = |what: &str| {
            // A Vietnamese header that names it, suggested (`Ngày tiếp nhận` for `received`).
            #[cfg(not(target_family = "wasm"))]
            let hint = names
                .iter()
                .find_map(|n| {
                    let logical = vietnamese_column(n)?;
                    what.split("` or `")
                        .any(|w| w == logical)
                        .then(|| format!("; `{n}` may hold it: --map {logical}=\"{n}\""))
                })
                .or_else(|| {
                    // A header cut at the wrong separator (a `;` file whose header holds as
                    // many commas: `id;received;Họ, tên, địa chỉ`): its names hold the other.
                    // (Each separator as said, and as written after `sep=`.)
                    let (_, shown, line) =
                        [(';', ";", ";"), ('\t', "\\t", "<tab>"), (',', ",", ",")]
                            .into_iter()
                            .find(|&(c, _, _)| {
                                names.iter().any(|n| n.contains(c))
                                    && names.iter().any(|n| n.split(c).any(|w| w.trim() == what))
                            })?;
                    Some(format!(
                        "; the header may be separated by `{shown}`: then make `sep={line}` \
                         the file's first line"
                    ))
                })
                .unwrap_or_default();
            #[cfg(target_family = "wasm")]
            let hint = "";
            Error::new(
                ErrorKind::CsvMissingColumn,
                format!(
                    "missing column `{what}` (columns: {}){hint}",
                    names.join(", ")
                ),
            )
            .in_field(what)
        };
        let received = find("received").ok_or_else(|| missing("received"))?;
        let time_limit = find("time_limit");
        let procedure = find("procedure");
        if time_limit.is_none() && procedure.is_none() {
            return Err(missing("time_limit` or `procedure"));
        }
        let mut groups = Vec::with_capacity(opts.by.len());
        let mut by_procedure = Vec::new();
        for (slot, b) in opts.by.iter().enumerate() {
            match (find(b), ProcedureAttr::of(b), procedure) {
                (Some(i), Some(attr), Some(_)) => {
                    groups.push(i);
                    by_procedure.push((slot, attr, false));
                }
                (Some(i), _, _) => groups.push(i),
                // (Records by procedure code without the column: the catalogue's; a run
                // without a catalogue says the column is missing, `Layout::check_group_catalogue`.)
                (None, Some(attr), Some(_)) => {
                    groups.push(BY_PROCEDURE);
                    by_procedure.push((slot, attr, true));
                }
                (None, _, _) => return Err(missing(b)),
            }
        }
        let service = match opts.satisfaction_scale {
            None => None,
            Some(0) => {
                return Err(Error::new(
                    ErrorKind::InvalidArgument,
                    "the satisfaction scale must be at least 1",
                ))
            }
            Some(scale) => Some((SERVICE_COLUMNS.map(find), scale)),
        };
        let layout = Layout {
            id: find("id"),
            received,
            time_limit,
            procedure,
            channel: find("channel"),
            new_due: find("new_due"),
            stages: find("stages"),
            events: EVENT_COLUMNS
                .iter()
                .filter_map(|(name, kind)| find(name).map(|i| (i, *kind, *name)))
                .collect(),
            groups,
            by_procedure,
            service,
            ids: false,
            names,
            transfers: None,
        };
        // A column read twice over (`resolved,resolved`, or `resolved,Resolved` for an
        // unmapped name): which one is meant is a guess.
        for c in layout.used() {
            let name = layout.names.get(c).map_or("", String::as_str);
            let mapped = map.values().any(|v| v == name);
            let twice = layout
                .names
                .iter()
                .filter(|n| *n == name || (!mapped && n.eq_ignore_ascii_case(name)))
                .count()
                > 1;
            if twice {
                return Err(Error::new(
                    ErrorKind::CsvField,
                    format!("the header has column `{name}` more than once"),
                )
                .in_field(name));
            }
        }
        layout.check_roles()?;
        Ok(layout)
    }

    /// That no column is read as two of the record's (`--map received=X --map resolved=X`, or
    /// a `--map` to a column another logical name reads by its own name): every dossier was
    /// then resolved at its receipt, early, with exit 0. An error naming the column and both
    /// names.
    fn check_roles(&self) -> Result<()> {
        let mut roles: Vec<(&str, usize)> = vec![("received", self.received)];
        for (n, i) in [
            ("time_limit", self.time_limit),
            ("procedure", self.procedure),
            ("channel", self.channel),
            ("new_due", self.new_due),
            ("stages", self.stages),
        ] {
            if let Some(i) = i {
                roles.push((n, i));
            }
        }
        for &(i, _, n) in &self.events {
            roles.push((n, i));
        }
        if let Some((cols, _)) = &self.service {
            for (n, i) in SERVICE_COLUMNS.iter().zip(cols) {
                if let Some(i) = *i {
                    roles.push((n, i));
                }
            }
        }
        for (k, &(a, i)) in roles.iter().enumerate() {
            if let Some(&(b, _)) = roles.get(k + 1..).unwrap_or(&[]).iter().find(|r| r.1 == i) {
                let name = self.name(i);
                return Err(Error::new(
                    ErrorKind::InvalidArgument,
                    format!(
                        "column `{name}` would be read as both `{a}` and `{b}`: give each its \
                         own column (--map)"
                    ),
                )
                .in_field(name));
            }
        }
        Ok(())
    }

    /// Once the source is read: a grouping column whose key no record gave (`seen(column)`
    /// false: JSON lines, whose layout lists every column they may hold; keys match in any
    /// ASCII case) is [`ErrorKind::CsvMissingColumn`], as the column missing from a CSV header
    /// is (every record would be in the empty group: a misspelt `--by` gave one row of
    /// everything). A source with a header holds its columns: `seen` is then always true.
    pub fn check_seen(&self, seen: impl Fn(usize) -> bool) -> Result<()> {
        self.check_seen_with(seen, false)
    }

    /// [`check_seen`](Self::check_seen) of a run whose sink has a catalogue when
    /// `with_catalogue`: a grouping column the catalogue gives is not missing then (a record
    /// without the key has its procedure's value).
    pub(crate) fn check_seen_with(
        &self,
        seen: impl Fn(usize) -> bool,
        with_catalogue: bool,
    ) -> Result<()> {
        // (The catalogue gives a column's values only to records that name a procedure: with
        // no `procedure` key on any line, every record was in the empty group.)
        let codes = self.procedure.is_some_and(&seen);
        let by_code = |k: usize| codes && self.by_procedure.iter().any(|p| p.0 == k);
        let unseen = (self.groups.iter().enumerate())
            .find(|&(k, &g)| g != BY_PROCEDURE && !(with_catalogue && by_code(k)) && !seen(g));
        match unseen {
            None => Ok(()),
            Some((k, &g)) => {
                let name = self.names.get(g).map_or("", String::as_str);
                // (Records by code without a catalogue: said as a CSV without the column is.)
                let hint = match by_code(k) {
                    true => format!("; {FROM_A_CATALOGUE}"),
                    false => String::new(),
                };
                Err(Error::new(
                    ErrorKind::CsvMissingColumn,
                    format!(
                        "no record has the key `{}`, a grouping column (a key is matched in any \
                         ASCII case){hint}",
                        crate::error::excerpt(name)
                    ),
                )
                .in_field(name))
            }
        }
    }

    /// This layout, setting each record's dossier `id` from the `id` column when `ids` (an
    /// allocation per record: the report does without).
    #[must_use]
    pub fn with_ids(mut self, ids: bool) -> Layout {
        self.ids = ids;
        self
    }

    /// The same layout joining `transfers` to the records by their `id`: each record whose id
    /// has transfers gets them as `transferred` events (see [`Transfers::join`]). Errors
    /// ([`ErrorKind::CsvMissingColumn`]) when the source has no `id` column.
    pub fn with_transfers(mut self, transfers: Arc<Transfers>) -> Result<Layout> {
        if self.id.is_none() {
            return Err(Error::new(
                ErrorKind::CsvMissingColumn,
                format!(
                    "missing column `id` (transfers are joined to the dossiers by id; columns: {})",
                    self.names.join(", ")
                ),
            )
            .in_field("id"));
        }
        self.transfers = Some(transfers);
        Ok(self)
    }

    /// Whether records read with this layout can be taken with the sink's `catalogue`: a
    /// grouping column the records lack and only a catalogue gives ([`ProcedureAttr`]) is
    /// [`ErrorKind::CsvMissingColumn`] without one, as the column missing from the records.
    pub(crate) fn check_group_catalogue(
        &self,
        catalogue: Option<&crate::procedure::Catalogue>,
    ) -> Result<()> {
        match (catalogue, self.by_procedure.iter().find(|p| p.2)) {
            (None, Some(&(_, attr, _))) => {
                let b = attr.name();
                Err(Error::new(
                    ErrorKind::CsvMissingColumn,
                    format!("missing column `{b}`: the records have none; {FROM_A_CATALOGUE}"),
                )
                .in_field(b))
            }
            _ => Ok(()),
        }
    }

    /// Whether a record filling both `time_limit` and `procedure` takes its procedure's
    /// stages from `catalogue`: the records have both columns and the catalogue inter-agency
    /// procedures. Such a record is counted with its own limit (the report's rule) and,
    /// without a `stages` cell of its own, its procedure's stages (as a dossier of the
    /// procedure would be): they were dropped, and its stages left out of a stage table
    /// without a word, its transfers refused.
    #[inline]
    pub(crate) fn takes_procedure_stages(
        &self,
        catalogue: Option<&crate::procedure::Catalogue>,
    ) -> bool {
        self.time_limit.is_some()
            && self.procedure.is_some()
            && catalogue.is_some_and(crate::procedure::Catalogue::has_stages)
    }

    /// The source's column names (trimmed, byte-order mark removed).
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Every source column the layout reads (to hand over nothing else).
    pub fn used(&self) -> Vec<usize> {
        // Marked, then listed in order: no sort (whose code would weigh on the `.wasm`).
        let mut read = vec![false; self.names.len()];
        let columns = [
            self.id,
            Some(self.received),
            self.time_limit,
            self.procedure,
            self.channel,
            self.new_due,
            self.stages,
        ];
        let events = self.events.iter().map(|e| e.0);
        let service = self.service.iter().flat_map(|(c, _)| c.iter().flatten());
        for c in columns.into_iter().flatten().chain(events) {
            if let Some(r) = read.get_mut(c) {
                *r = true;
            }
        }
        for &c in self.groups.iter().chain(service) {
            if let Some(r) = read.get_mut(c) {
                *r = true;
            }
        }
        (0..read.len())
            .filter(|&i| read.get(i).copied().unwrap_or(false))
            .collect()
    }
}

#[cfg(test)]
#[path = "tests_layout.rs"]
mod tests;
