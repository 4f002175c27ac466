//! Where each logical column of a dossier record is ([`Layout`], resolved once from a header
//! with `--map` renaming), and the building of one record's dossier, grouping values and
//! scorecard columns from its cells ([`Layout::read`]), with errors that name the line or
//! row, the column, the value and the dossier's id.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::cell::{parse_channel, Cell};
use super::service::{parse_flag, parse_online_level, parse_satisfaction, ServiceRecord};
use super::transfers::Transfers;
use crate::dossier::{not_after, Channel, Dossier, Event, EventKind, LimitSource};
use crate::error::{Error, ErrorKind, Result};
use crate::procedure::TimeLimit;

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
    pub(super) groups: Vec<usize>,
    pub(super) service: Option<([Option<usize>; 6], u32)>,
    /// Set each dossier's `id` from the `id` column (the worklist lists them).
    pub(super) ids: bool,
    /// The source's column names (trimmed, byte-order mark removed).
    pub(super) names: Vec<String>,
    /// Transfers joined to the records by id.
    pub(super) transfers: Option<Arc<Transfers>>,
}

/// A column name's ASCII letters and digits, lower-cased (`Resolved At` → `resolvedat`).
fn plain_name(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The column a Vietnamese header names, read by its words without marks (`Ngày có kết quả`:
/// `resolved`; `Ngày tiếp nhận`: `received`), for a note that suggests `--map`: a report of
/// an export whose headers are Vietnamese read no result column and counted every dossier
/// pending, without a word. Phrases in the order they are tried (`yêu cầu bổ sung` before
/// `bổ sung`); a name about an appointment (`hẹn`) is not a result.
#[cfg(not(target_family = "wasm"))]
pub(crate) fn vietnamese_column(name: &str) -> Option<&'static str> {
    // (Every column but the code, the limit and the channel holds an instant: its name also
    // says a day or a time — `Lý do từ chối`, `Cơ quan tiếp nhận` hold other things.)
    const PHRASES: [(&str, &str); 20] = [
        ("yeu cau bo sung", "supplement_requested"),
        ("bo sung", "supplement_received"),
        ("tu choi", "refused"),
        ("rut", "withdrawn"),
        ("hen lai", "new_due"),
        ("hen moi", "new_due"),
        ("gia han", "new_due"),
        ("ma thu tuc", "procedure"),
        ("ma tthc", "procedure"),
        ("thoi han", "time_limit"),
        ("kenh", "channel"),
        ("hinh thuc", "channel"),
        ("phuong thuc", "channel"),
        ("tiep nhan", "received"),
        ("nhan", "received"),
        ("nop", "received"),
        ("co ket qua", "resolved"),
        ("tra ket qua", "resolved"),
        ("xong", "resolved"),
        ("hoan thanh", "resolved"),
    ];
    let words = format!(" {} ", crate::casefold::bare_words(name));
    let has = |p: &str| words.contains(&format!(" {p} "));
    let dated = ["ngay", "thoi gian", "thoi diem", "luc"]
        .iter()
        .any(|w| has(w));
    PHRASES
        .iter()
        .find(|(p, c)| {
            has(p)
                && (dated || matches!(*c, "procedure" | "time_limit" | "channel"))
                && !(*c == "resolved" && has("hen"))
        })
        .map(|&(_, c)| c)
}

/// Whether the plain name `n` looks like the plain column name `column`: a date column's name
/// with a word of time before or after it (`resolvedat`, `dateresolved`, `ngayresolved`; not
/// `resolvedby` or `refusedreason`, which hold other things), or within one edit of it (two for
/// names of eight letters or more: `resovled`, `chanel`; not `status` for `stages`).
fn looks_like(n: &str, column: &str, dated: bool) -> bool {
    if n.is_empty() || n == column {
        return false;
    }
    const TIME_WORDS: [&str; 9] = [
        "at", "on", "date", "time", "day", "dt", "ts", "ngay", "datetime",
    ];
    let affix = n
        .strip_prefix(column)
        .or_else(|| n.strip_suffix(column))
        .is_some_and(|rest| TIME_WORDS.contains(&rest));
    if dated && affix {
        return true;
    }
    if n.starts_with(column) || n.ends_with(column) {
        // The column's name and another word (`resolvedby`): the word says what it holds.
        return false;
    }
    // Levenshtein distance, one row at a time (names are short).
    let (a, b): (Vec<char>, Vec<char>) = (n.chars().collect(), column.chars().collect());
    let most = if b.len() >= 8 { 2 } else { 1 };
    if a.len().abs_diff(b.len()) > most || b.len() < 5 {
        return false;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row.first().copied().unwrap_or(0);
        if let Some(r) = row.first_mut() {
            *r = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let del = row.get(j + 1).copied().unwrap_or(usize::MAX) + 1;
            let ins = row.get(j).copied().unwrap_or(usize::MAX) + 1;
            let sub = prev + usize::from(ca != cb);
            prev = row.get(j + 1).copied().unwrap_or(0);
            if let Some(r) = row.get_mut(j + 1) {
                *r = del.min(ins).min(sub);
            }
        }
    }
    row.last().is_some_and(|&d| d <= most)
}

/// A header's column names as matched: trimmed, without a UTF-8 byte-order mark.
pub fn header_names<S: AsRef<str>>(header: &[S]) -> Vec<String> {
    header
        .iter()
        .map(|h| {
            // In NFC, as the names they are matched with (`--map`, `--by`): a header typed as
            // letters and combining marks (NFD) had no column `Lĩnh vực` that looked the same.
            crate::casefold::compose(h.as_ref().trim().trim_start_matches('\u{feff}')).into_owned()
        })
        .collect()
}

/// The index of the logical column `logical` among `names`, read from its `--map` source
/// column when `map` renames it (that name exactly). An unmapped name is matched exactly,
/// else regardless of ASCII case: the `Resolved` or `CHANNEL` of a spreadsheet's header is
/// the column it names, not a column to ignore (a header naming it twice in two cases is an
/// error of [`Layout::resolve`]).
pub fn find_column(
    names: &[String],
    map: &HashMap<String, String>,
    logical: &str,
) -> Option<usize> {
    // (Names in NFC, as `header_names` gives them.)
    match map.get(logical) {
        Some(source) => {
            let source = crate::casefold::compose(source);
            names.iter().position(|n| *n == *source)
        }
        None => {
            let logical = crate::casefold::compose(logical);
            names
                .iter()
                .position(|n| *n == *logical)
                .or_else(|| names.iter().position(|n| n.eq_ignore_ascii_case(&logical)))
        }
    }
}

/// A cell's error, located: `line N, column `c`, value `v`: why`.
pub(crate) fn cell_error(at: Locator, column: &str, value: &str, e: &Error) -> Error {
    let line = at.line();
    at.locate(
        Error::new(
            ErrorKind::CsvField,
            format!(
                "line {line}, column `{column}`, value `{value}`: {}",
                e.message(),
                value = crate::error::excerpt(value)
            ),
        )
        .in_field(column)
        .with_value(value),
    )
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
        let used = self.used();
        let known = |n: &str| {
            DOSSIER_COLUMNS
                .iter()
                .chain(&SERVICE_COLUMNS)
                .any(|k| k.eq_ignore_ascii_case(n))
        };
        let mut out = Vec::new();
        for (i, name) in self.names.iter().enumerate() {
            if used.contains(&i) || known(name) {
                continue;
            }
            let plain = plain_name(name);
            #[cfg(not(target_family = "wasm"))]
            let said = vietnamese_column(name);
            #[cfg(target_family = "wasm")]
            let said: Option<&str> = None;
            let found = missing.iter().find(|m| {
                looks_like(&plain, &plain_name(m), **m != "channel") || said == Some(**m)
            });
            if let Some(&m) = found {
                out.push((name.clone(), m));
            }
        }
        out
    }

    /// Resolves the columns from a header. Errors: [`ErrorKind::CsvMissingColumn`] naming
    /// what is missing (`received`; both `time_limit` and `procedure`; a grouping column; the
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
        for b in &opts.by {
            groups.push(find(b).ok_or_else(|| missing(b))?);
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
        match self.groups.iter().find(|&&g| !seen(g)) {
            None => Ok(()),
            Some(&g) => {
                let name = self.names.get(g).map_or("", String::as_str);
                Err(Error::new(
                    ErrorKind::CsvMissingColumn,
                    format!(
                        "no record has the key `{}`, a grouping column (a key is matched in any \
                         ASCII case)",
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

    /// Cell `i` of `row`; a malformed one is an error located at `at` and the column.
    #[inline(always)]
    fn cell<'r, R: Row + ?Sized>(&self, at: Locator, row: &'r R, i: usize) -> Result<Cell<'r>> {
        match row.cell(i) {
            Cell::Malformed(why) => Err(at.locate(
                Error::new(
                    ErrorKind::CsvField,
                    format!("line {}, column `{}`: {why}", at.line(), self.name(i)),
                )
                .in_field(self.name(i)),
            )),
            c => Ok(c),
        }
    }

    /// The source column of the record's id (read only for messages), if any.
    pub fn id_column(&self) -> Option<usize> {
        self.id
    }

    fn name(&self, i: usize) -> &str {
        self.names.get(i).map(String::as_str).unwrap_or("?")
    }

    /// Whether no column this layout reads holds a value in `row`: a record of separators
    /// alone (`,,,,`, what a spreadsheet saves for an empty row), a frame's row of nulls, an
    /// empty JSON object. Such a record is not a dossier: the runs skip it as they skip a
    /// blank line (not counted, not an error; per-row answers keep its place, missing). A
    /// record with any value read (an `id` alone, a grouping value) is read, and its errors
    /// reported.
    pub fn is_blank<R: Row + ?Sized>(&self, row: &R) -> bool {
        self.used().into_iter().all(|c| row.cell(c).is_missing())
    }

    /// Whether `row` holds a value in any of its columns, read or not (a blank record that
    /// does holds values only in columns not read: [`Tally::unread`](super::Tally::unread)).
    #[cfg(not(target_family = "wasm"))]
    pub fn holds_any<R: Row + ?Sized>(&self, row: &R) -> bool {
        row.holds_any(self.names.len())
    }

    /// Builds the record at `at` from `row` into `out`. Errors name the line (or row), the
    /// column and the value ([`ErrorKind::CsvField`]), and carry the record's id.
    pub fn read<R: Row + ?Sized>(&self, at: Locator, row: &R, out: &mut Record) -> Result<()> {
        self.read_as_of(at, row, out, None)
    }

    /// [`read`](Self::read) for a reader that judges the record at `as_of`: the `new_due`
    /// column's apology ("taken as issued in time") is placed after the supplement events
    /// that instant sees, not after the last of the row's. A request after `as_of` hid the
    /// apology the record states from the table as of `as_of`: a dossier whose new
    /// appointment is still ahead was overdue there, and one without a request was not.
    pub fn read_as_of<R: Row + ?Sized>(
        &self,
        at: Locator,
        row: &R,
        out: &mut Record,
        as_of: Option<NaiveDateTime>,
    ) -> Result<()> {
        let r = self.read_inner(at, row, out, as_of);
        let r = match &self.transfers {
            None => r,
            Some(t) => t.join(at, self.id(row).as_deref(), r.map(|()| &mut out.dossier)),
        };
        r.map_err(|e| self.with_id(e, row))
    }

    fn read_inner<R: Row + ?Sized>(
        &self,
        at: Locator,
        row: &R,
        out: &mut Record,
        as_of: Option<NaiveDateTime>,
    ) -> Result<()> {
        let received_cell = self.cell(at, row, self.received)?;
        let (received, received_date_only) = match received_cell.instant() {
            Ok(Some(t)) => t,
            Ok(None) => {
                let name = self.name(self.received);
                return Err(at.locate(
                    Error::new(
                        ErrorKind::CsvField,
                        format!("line {}, column `{name}`: empty (required)", at.line()),
                    )
                    .in_field(name),
                ));
            }
            Err(e) => return Err(self.cell_err(at, self.received, received_cell, &e)),
        };
        let d = &mut out.dossier;
        d.received = received;
        d.received_date_only = received_date_only;
        d.id = match self.id.filter(|_| self.ids) {
            // An id the answer carries (a worklist's rows): a malformed one (a JS `NaN`, an
            // invalid `Date`, a dict in a frame) is the row's error, not an id left empty.
            Some(i) => self
                .cell(at, row, i)?
                .as_text(&mut out.buf)
                .map(str::to_string),
            None => None,
        };
        let limit_cell = match self.time_limit {
            Some(i) => Some((i, self.cell(at, row, i)?)),
            None => None,
        };
        match limit_cell {
            Some((i, c)) if !c.is_missing() => {
                let text = c.as_text(&mut out.buf).unwrap_or("");
                let t = text
                    .parse::<TimeLimit>()
                    .map_err(|e| self.cell_err(at, i, c, &e))?;
                d.limit = LimitSource::TimeLimit(t);
            }
            _ => {
                let procedure = match self.procedure {
                    Some(i) => Some(self.cell(at, row, i)?),
                    None => None,
                };
                let code = match procedure {
                    Some(c) if !c.is_missing() => c.as_text(&mut out.buf).unwrap_or(""),
                    _ => {
                        return Err(at.locate(
                            Error::new(
                                ErrorKind::CsvField,
                                format!(
                                    "line {}: neither `time_limit` nor `procedure` is filled",
                                    at.line()
                                ),
                            )
                            .in_field("time_limit"),
                        ))
                    }
                };
                // Reuse the code's allocation from the previous record.
                match &mut d.limit {
                    LimitSource::Procedure(s) => {
                        s.clear();
                        s.push_str(code);
                    }
                    other => *other = LimitSource::Procedure(code.to_string()),
                }
            }
        }
        let channel = match self.channel {
            Some(i) => Some((i, self.cell(at, row, i)?)),
            None => None,
        };
        d.channel = match channel {
            None => Channel::Direct,
            Some((_, Cell::Missing)) => Channel::Direct,
            Some((i, c)) => {
                let text = c.as_text(&mut out.buf).unwrap_or("");
                parse_channel(text).map_err(|e| self.cell_err(at, i, c, &e))?
            }
        };
        if let Some(i) = self.stages {
            let c = self.cell(at, row, i)?;
            d.stages.clear();
            if !c.is_missing() {
                let text = c.as_text(&mut out.buf).unwrap_or("");
                let stages = crate::vn::strict_json(text)
                    .map_err(|e| Error::new(ErrorKind::InvalidJson, format!("not JSON: {e}")))
                    .and_then(|v| crate::dossier::stages_from_value(&v))
                    .map_err(|e| match e.field() {
                        Some(f) => Error::new(e.kind(), format!("{f}: {}", e.message())),
                        None => e,
                    });
                d.stages = stages.map_err(|e| self.cell_err(at, i, c, &e))?;
            }
        }
        d.events.clear();
        out.standing_apology = None;
        // The column of the end already read (a result, refusal or withdrawal), if any.
        let mut ended: Option<usize> = None;
        for &(i, kind, _) in &self.events {
            let c = self.cell(at, row, i)?;
            if let Some((t, date_only)) = c.instant().map_err(|e| self.cell_err(at, i, c, &e))? {
                if kind.is_closing() {
                    if let Some(first) = ended {
                        // Two ends: said by their columns (validation said "comes after ... in
                        // the list", of a row that has no list).
                        let e = Error::new(
                            ErrorKind::InvalidDossier,
                            format!(
                                "`{}` and `{}` are both given: a dossier ends once (a result, a \
                                 refusal or a withdrawal)",
                                self.name(first),
                                self.name(i)
                            ),
                        );
                        return Err(self.cell_err(at, i, c, &e));
                    }
                    ended = Some(i);
                }
                let mut ev = Event::new(kind, t);
                ev.date_only = date_only;
                d.events.push(ev);
            }
        }
        // The columns' events out of order are the record's error, named by their own columns
        // (validation finds them): no apology is made up between them.
        let in_order = d
            .events
            .windows(2)
            .all(|w| matches!(w, [a, b] if not_after(a.at, a.date_only, b.at, b.date_only)));
        if let (Some(i), true) = (self.new_due, in_order) {
            let c = self.cell(at, row, i)?;
            if let Some(day) = c.date().map_err(|e| self.cell_err(at, i, c, &e))? {
                // (A supplement event after as-of is not seen then: the apology goes before it.)
                let pos = place_apology(d, day, |t| as_of.is_none_or(|a| t <= a));
                out.standing_apology = Some(pos);
            }
        }
        let channel = d.channel;
        // (natively, the call only when the number changes; one line of WebAssembly)
        #[cfg(not(target_family = "wasm"))]
        if out.groups.len() != self.groups.len() {
            out.groups.resize_with(self.groups.len(), String::new);
        }
        #[cfg(target_family = "wasm")]
        out.groups.resize_with(self.groups.len(), String::new);
        for (slot, &g) in out.groups.iter_mut().zip(&self.groups) {
            slot.clear();
            if Some(g) == self.channel {
                // Grouped by channel: the channel read (`Online`, `trực tuyến` are `online`; an
                // empty cell `direct`), not the cell's text.
                slot.push_str(channel.as_str());
                continue;
            }
            let c = self.cell(at, row, g)?;
            let text = c.as_text(&mut out.buf).unwrap_or("");
            // Text that reads the same is one group, in NFC with its spaces tidied: a value
            // typed as letters and combining marks (NFD), or with no-break spaces, was a
            // second group that looked the same.
            out.tidied.push_tidy(text, slot);
        }
        if let Some((cols, scale)) = &self.service {
            self.read_service(at, row, cols, *scale, received.date(), out)?;
        }
        Ok(())
    }

    fn read_service<R: Row + ?Sized>(
        &self,
        at: Locator,
        row: &R,
        cols: &[Option<usize>; 6],
        scale: u32,
        received: NaiveDate,
        out: &mut Record,
    ) -> Result<()> {
        let s = &mut out.service;
        *s = ServiceRecord {
            // A JSON line giving the key, even null or empty, is one of the rate's dossiers as
            // a CSV record with the column is; one without the key is not (`Row::holds`).
            online_level_column: cols[0].is_some_and(|i| row.holds(i)),
            scale,
            ..ServiceRecord::default()
        };
        let buf = &mut out.buf;
        for (k, col) in cols.iter().enumerate() {
            let Some(i) = *col else { continue };
            let c = self.cell(at, row, i)?;
            if c.is_missing() {
                continue;
            }
            let err = |e: Error| self.cell_err(at, i, c, &e);
            match k {
                0 => {
                    let text = c.as_text(buf).unwrap_or("");
                    s.online_level = Some(parse_online_level(text, received).map_err(err)?);
                }
                1 | 2 => {
                    let flag = match c {
                        Cell::Bool(b) => b,
                        _ => parse_flag(c.as_text(buf).unwrap_or("")).map_err(err)?,
                    };
                    if k == 1 {
                        s.digitised = Some(flag);
                    } else {
                        s.result_digitised = Some(flag);
                    }
                }
                3 => {
                    let text = c.as_text(buf).unwrap_or("");
                    s.satisfaction = Some(parse_satisfaction(text, scale).map_err(err)?);
                }
                _ => {
                    let t = c.instant().map_err(err)?.map(|(t, _)| t);
                    if k == 4 {
                        s.feedback_received = t;
                    } else {
                        s.feedback_handled = t;
                    }
                }
            }
        }
        let line = at.line();
        if let (Some(h), Some(f)) = (s.feedback_handled, s.feedback_received) {
            if h < f {
                return Err(at.locate(
                    Error::new(
                        ErrorKind::EventsOutOfOrder,
                        format!("line {line}, column `feedback_handled`: handled {h} before the feedback was received {f}"),
                    )
                    .in_field("feedback_handled"),
                ));
            }
        }
        if s.feedback_handled.is_some() && s.feedback_received.is_none() {
            return Err(at.locate(
                Error::new(
                    ErrorKind::CsvField,
                    format!("line {line}, column `feedback_handled`: feedback handled but never received (`feedback_received` is empty)"),
                )
                .in_field("feedback_handled"),
            ));
        }
        Ok(())
    }

    fn cell_err(&self, at: Locator, column: usize, cell: Cell<'_>, e: &Error) -> Error {
        let mut buf = String::new();
        let value = cell.as_text(&mut buf).unwrap_or("");
        cell_error(at, self.name(column), value, e)
    }

    /// The record's id (its `id` cell as text), for messages.
    pub fn id<R: Row + ?Sized>(&self, row: &R) -> Option<String> {
        let mut buf = String::new();
        self.id
            .map(|i| row.cell(i))
            .filter(|c| !matches!(c, Cell::Malformed(_)))
            .and_then(|c| c.as_text(&mut buf).map(str::to_string))
    }

    fn with_id<R: Row + ?Sized>(&self, e: Error, row: &R) -> Error {
        match self.id(row) {
            Some(id) if e.id().is_none() => e.with_id(id),
            _ => e,
        }
    }

    /// Locates an error of the record's dossier (a validation or computation error) at `at`,
    /// naming the column behind an `events[i]` field and the record's id. Errors already
    /// located at a cell are returned as they are (with the id).
    pub fn locate<R: Row + ?Sized>(
        &self,
        at: Locator,
        row: &R,
        dossier: &Dossier,
        e: Error,
    ) -> Error {
        if e.kind() == ErrorKind::CsvField || e.line().is_some() {
            return self.with_id(e, row);
        }
        let column = e.field().and_then(|f| {
            let i: usize = f.strip_prefix("events[")?.split(']').next()?.parse().ok()?;
            let ev = dossier.events.get(i)?;
            if ev.kind == EventKind::Apology {
                return Some("new_due");
            }
            self.events
                .iter()
                .find(|(_, k, _)| *k == ev.kind)
                .map(|(_, _, n)| *n)
        });
        // A date out of the calendar's range that no event holds: the receipt, or what is
        // counted from it (the due date past the range's end).
        let out_of_range = column.is_none() && e.kind() == ErrorKind::DateOutOfRange;
        let counted = e.field() == Some("time_limit");
        let column = match column {
            None if out_of_range => {
                let names = |d: NaiveDate| e.message().starts_with(&d.to_string());
                let new_due = dossier.events.iter().find_map(|ev| ev.new_due);
                if counted || names(dossier.received.date()) {
                    Some(self.name(self.received))
                } else {
                    match (self.new_due, new_due) {
                        (Some(i), Some(d)) if names(d) => Some(self.name(i)),
                        _ => None,
                    }
                }
            }
            c => c,
        };
        let line = at.line();
        // The column's appointment has no instant of its own: said without the one the reader
        // gave it ("apology at 2026-03-20T09:00", the supplement's, read as a date in the
        // file), with how it was placed.
        let message = if e.kind() == ErrorKind::NewDueEarlier && column == Some("new_due") {
            // (After the last colon: the message's own part has none.)
            let why = e.message().rsplit_once(':').map_or(e.message(), |(_, w)| w);
            let mut m = why.trim_start().to_string();
            m.push_str(
                " (a `new_due` is taken as issued in time, after the supplement events: a due \
                 date a supplement round moved later is not brought back)",
            );
            m
        } else {
            e.message().to_string()
        };
        let msg = match column {
            Some(c) => format!("line {line}, column `{c}`: {message}"),
            None => format!("line {line}: {message}"),
        };
        let mut out = at.locate(Error::new(e.kind(), msg));
        if let Some(v) = e.value() {
            out = out.with_value(v);
        }
        if let Some(c) = column
            .map(str::to_string)
            .or_else(|| e.field().map(str::to_string))
        {
            out = out.in_field(c);
        }
        self.with_id(out, row)
    }
}

#[cfg(test)]
#[path = "tests_layout.rs"]
mod tests;
