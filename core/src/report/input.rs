//! Dossier records for reports: the columns of `motcua report` (DESIGN.md), read from CSV or
//! JSON lines, turned into [`Dossier`]s with errors that name the line, the column and the
//! value.
//!
//! Columns: `received` (required); `time_limit` (`3wd`, `15cd`, `8wh`, `same_day`, or the
//! Vietnamese wording `3 ngày làm việc`, `15 ngày`, `8 giờ làm việc`, `trong ngày`) or
//! `procedure` (a catalogue code) — at least one of the two columns must exist, and each row
//! needs one of them filled (`time_limit` wins when both are); optional `channel` (`direct`,
//! `online`, `postal`; also the Vietnamese `trực tiếp`, `trực tuyến`, `bưu chính`; empty =
//! direct), `supplement_requested`, `supplement_received`, `new_due` (one apology or
//! extension, taken as issued in time), `resolved`, `withdrawn`, `refused`, `id`, and the
//! grouping columns. An empty cell means absent; other columns are ignored. Dates are ISO
//! (`2026-03-02`, `2026-03-02T09:30`, `2026-03-02 09:30`) or Vietnamese (`02/03/2026`,
//! `02/03/2026 09:30`). CSV fields are separated by `,`, or by `;` or tabs when the header line
//! has more of those. Column names are matched exactly after trimming; `--map NAME=SOURCE`
//! reads the logical column `NAME` from the file's column `SOURCE`.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::civil::{parse_date, parse_instant, DateOnly};
use crate::dossier::{Channel, Dossier, Event, EventKind, LimitSource};
use crate::error::{Error, ErrorKind, Result};
use crate::procedure::TimeLimit;

/// The logical columns, in the order events are built.
const EVENT_COLUMNS: [(&str, EventKind); 5] = [
    ("supplement_requested", EventKind::SupplementRequested),
    ("supplement_received", EventKind::SupplementReceived),
    ("resolved", EventKind::Resolved),
    ("refused", EventKind::Refused),
    ("withdrawn", EventKind::Withdrawn),
];

/// Every logical column the reader knows (grouping columns come on top).
pub const KNOWN_COLUMNS: [&str; 11] = [
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
];

/// A header's column names as matched: trimmed, without a UTF-8 byte-order mark.
pub fn header_names(header: &[&str]) -> Vec<String> {
    header
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
        .collect()
}

/// The index of the logical column `logical` among `names`, read from its `--map` source
/// column when `map` renames it.
pub fn find_column(
    names: &[String],
    map: &HashMap<String, String>,
    logical: &str,
) -> Option<usize> {
    let source = map.get(logical).map(String::as_str).unwrap_or(logical);
    names.iter().position(|n| n == source)
}

/// Where each logical column is in the records, resolved once from the header.
#[derive(Debug, Clone)]
pub struct Columns {
    id: Option<usize>,
    received: usize,
    time_limit: Option<usize>,
    procedure: Option<usize>,
    channel: Option<usize>,
    new_due: Option<usize>,
    events: Vec<(usize, EventKind, &'static str)>,
    groups: Vec<usize>,
    /// Display name of each logical column's source (for messages).
    names: Vec<String>,
}

fn csv_field_error(line: u64, column: &str, value: &str, e: &Error) -> Error {
    Error::new(
        ErrorKind::CsvField,
        format!(
            "line {line}, column `{column}`, value `{value}`: {}",
            e.message()
        ),
    )
    .at_line(line)
    .in_field(column)
}

impl Columns {
    /// Resolves the columns from a header. `map` renames logical columns
    /// (`NAME → SOURCE_COLUMN`); `by` lists the grouping columns (after mapping). Errors:
    /// [`ErrorKind::CsvMissingColumn`] naming what is missing.
    pub fn from_header(
        header: &[&str],
        map: &HashMap<String, String>,
        by: &[String],
    ) -> Result<Columns> {
        let names = header_names(header);
        let find = |logical: &str| find_column(&names, map, logical);
        for (logical, source) in map {
            if !names.iter().any(|n| n == source) {
                return Err(Error::new(
                    ErrorKind::CsvMissingColumn,
                    format!(
                        "--map {logical}={source}: the file has no column `{source}` (columns: {})",
                        names.join(", ")
                    ),
                )
                .in_field(source.clone()));
            }
        }
        let missing = |what: &str| {
            Error::new(
                ErrorKind::CsvMissingColumn,
                format!("missing column `{what}` (columns: {})", names.join(", ")),
            )
            .in_field(what)
        };
        let received = find("received").ok_or_else(|| missing("received"))?;
        let time_limit = find("time_limit");
        let procedure = find("procedure");
        if time_limit.is_none() && procedure.is_none() {
            return Err(missing("time_limit` or `procedure"));
        }
        let mut groups = Vec::with_capacity(by.len());
        for b in by {
            groups.push(find(b).ok_or_else(|| missing(b))?);
        }
        Ok(Columns {
            id: find("id"),
            received,
            time_limit,
            procedure,
            channel: find("channel"),
            new_due: find("new_due"),
            events: EVENT_COLUMNS
                .iter()
                .filter_map(|(name, kind)| find(name).map(|i| (i, *kind, *name)))
                .collect(),
            groups,
            names,
        })
    }

    /// The header's column names (trimmed, byte-order mark removed).
    pub fn names(&self) -> &[String] {
        &self.names
    }

    fn name(&self, i: usize) -> &str {
        self.names.get(i).map(String::as_str).unwrap_or("?")
    }

    /// Builds the dossier of one record into `out` (reusing its allocations) and writes the
    /// grouping values into `groups`. `get(i)` returns cell `i` (trimmed by the caller or
    /// not; an empty cell is absent). Errors name the line, column and value
    /// ([`ErrorKind::CsvField`]), or are the dossier's validation error located at the line.
    pub fn build<'r>(
        &self,
        line: u64,
        get: impl Fn(usize) -> Option<&'r str>,
        out: &mut Dossier,
        groups: &mut Vec<&'r str>,
    ) -> Result<()> {
        let cell = |i: usize| get(i).map(str::trim).filter(|s| !s.is_empty());
        let received_raw = cell(self.received).ok_or_else(|| {
            Error::new(
                ErrorKind::CsvField,
                format!(
                    "line {line}, column `{}`: empty (required)",
                    self.name(self.received)
                ),
            )
            .at_line(line)
            .in_field(self.name(self.received).to_string())
        })?;
        let (received, _) = instant(received_raw)
            .map_err(|e| csv_field_error(line, self.name(self.received), received_raw, &e))?;
        out.received = received;
        out.id = None;
        out.limit = match (
            self.time_limit.and_then(cell),
            self.procedure.and_then(cell),
        ) {
            (Some(t), _) => LimitSource::TimeLimit(t.parse::<TimeLimit>().map_err(|e| {
                csv_field_error(line, self.name(self.time_limit.unwrap_or(0)), t, &e)
            })?),
            (None, Some(p)) => LimitSource::Procedure(p.to_string()),
            (None, None) => {
                return Err(Error::new(
                    ErrorKind::CsvField,
                    format!("line {line}: neither `time_limit` nor `procedure` is filled"),
                )
                .at_line(line)
                .in_field("time_limit"))
            }
        };
        out.channel = match self.channel.and_then(cell) {
            None => Channel::Direct,
            Some(c) => parse_channel(c)
                .map_err(|e| csv_field_error(line, self.name(self.channel.unwrap_or(0)), c, &e))?,
        };
        out.events.clear();
        let mut apology_at = received;
        let mut apology_date_only = false;
        for (i, kind, _) in &self.events {
            if let Some(v) = cell(*i) {
                let (at, date_only) =
                    instant(v).map_err(|e| csv_field_error(line, self.name(*i), v, &e))?;
                if matches!(
                    kind,
                    EventKind::SupplementRequested | EventKind::SupplementReceived
                ) {
                    apology_at = at;
                    apology_date_only = date_only;
                }
                let mut ev = Event::new(*kind, at);
                ev.date_only = date_only;
                out.events.push(ev);
            }
        }
        if let Some(v) = self.new_due.and_then(cell) {
            let d = date_or_instant(v)
                .map_err(|e| csv_field_error(line, self.name(self.new_due.unwrap_or(0)), v, &e))?;
            // "taken as issued in time": after the last supplement event, before the result.
            let pos = out
                .events
                .iter()
                .position(|e| {
                    !matches!(
                        e.kind,
                        EventKind::SupplementRequested | EventKind::SupplementReceived
                    )
                })
                .unwrap_or(out.events.len());
            let mut ev = Event::new(EventKind::Apology, apology_at).with_new_due(d);
            ev.date_only = apology_date_only;
            out.events.insert(pos, ev);
        }
        groups.clear();
        for g in &self.groups {
            groups.push(get(*g).map(str::trim).unwrap_or(""));
        }
        Ok(())
    }

    /// The id cell of a record, for messages.
    pub fn id<'r>(&self, get: impl Fn(usize) -> Option<&'r str>) -> Option<&'r str> {
        self.id
            .and_then(get)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    /// Locates an error of a built dossier at its line, naming the column behind an
    /// `events[i]` field.
    pub fn locate(&self, line: u64, dossier: &Dossier, e: Error) -> Error {
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
        let msg = match column {
            Some(c) => format!("line {line}, column `{c}`: {}", e.message()),
            None => format!("line {line}: {}", e.message()),
        };
        let mut out = Error::new(e.kind(), msg).at_line(line);
        if let Some(c) = column
            .map(str::to_string)
            .or_else(|| e.field().map(str::to_string))
        {
            out = out.in_field(c);
        }
        out
    }
}

/// Parses a channel: English names or the Vietnamese ones, case-insensitive.
pub fn parse_channel(s: &str) -> Result<Channel> {
    match s.trim().to_lowercase().as_str() {
        "direct" | "trực tiếp" | "truc tiep" => Ok(Channel::Direct),
        "online" | "trực tuyến" | "truc tuyen" => Ok(Channel::Online),
        "postal" | "bưu chính" | "buu chinh" | "bưu chính công ích" => Ok(Channel::Postal),
        _ => Err(Error::new(
            ErrorKind::CsvField,
            format!("`{s}` is not a channel (direct, online, postal)"),
        )),
    }
}

fn instant(s: &str) -> Result<(NaiveDateTime, bool)> {
    let date_only = !s.contains(['T', ' ']);
    Ok((parse_instant(s, DateOnly::StartOfDay)?, date_only))
}

fn date_or_instant(s: &str) -> Result<NaiveDate> {
    if s.contains(['T', ' ']) {
        Ok(parse_instant(s, DateOnly::StartOfDay)?.date())
    } else {
        parse_date(s)
    }
}

/// An empty dossier to be filled by [`Columns::build`].
pub fn blank_dossier() -> Dossier {
    Dossier {
        id: None,
        limit: LimitSource::TimeLimit(TimeLimit::WorkingDays(1)),
        channel: Channel::Direct,
        received: NaiveDate::MIN.and_time(NaiveTime::MIN),
        events: Vec::with_capacity(6),
        stages: Vec::new(),
    }
}

/// A CSV source of dossier records: the header is read and resolved on opening, then
/// [`next_record`](CsvRecords::next_record) yields each record with its line number.
#[derive(Debug)]
pub struct CsvRecords<R: Read> {
    rdr: csv::Reader<R>,
    rec: csv::StringRecord,
    width: usize,
    columns: Columns,
    stopped: bool,
}

/// The field delimiter of a CSV file, from its header line: `,` unless the header has more
/// `;` (spreadsheets in locales with a decimal comma) or tabs.
fn sniff_delimiter(head: &[u8]) -> u8 {
    let line = head.split(|&b| b == b'\n').next().unwrap_or(head);
    let count = |c: u8| line.iter().filter(|&&b| b == c).count();
    let (commas, semis, tabs) = (count(b','), count(b';'), count(b'\t'));
    if tabs > commas && tabs >= semis {
        b'\t'
    } else if semis > commas {
        b';'
    } else {
        b','
    }
}

impl<R: Read> CsvRecords<R> {
    /// Opens a CSV source. A file without a header row is [`ErrorKind::CsvEmpty`]; a missing
    /// column [`ErrorKind::CsvMissingColumn`]. A UTF-8 byte-order mark and CRLF line ends are
    /// accepted.
    pub fn open(
        reader: R,
        map: &HashMap<String, String>,
        by: &[String],
    ) -> Result<CsvRecords<BufReader<R>>> {
        let mut reader = BufReader::with_capacity(1 << 16, reader);
        let delimiter = sniff_delimiter(
            reader
                .fill_buf()
                .map_err(|e| Error::new(ErrorKind::Io, format!("cannot read the input: {e}")))?,
        );
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(reader);
        let mut rec = csv::StringRecord::new();
        let header_read = rdr.read_record(&mut rec).map_err(|e| csv_error(&e))?;
        if !header_read || rec.iter().all(|c| c.trim().is_empty()) {
            return Err(Error::new(
                ErrorKind::CsvEmpty,
                "the CSV file has no header row",
            ));
        }
        let header: Vec<&str> = rec.iter().collect();
        let width = header.len();
        let columns = Columns::from_header(&header, map, by)?;
        Ok(CsvRecords {
            rdr,
            rec,
            width,
            columns,
            stopped: false,
        })
    }

    /// The resolved columns.
    pub fn columns(&self) -> &Columns {
        &self.columns
    }

    /// The next record (skipping blank lines) with its line number, `Err` for a malformed one
    /// (wrong number of fields, bad UTF-8, located at its line), `None` at the end.
    pub fn next_record(&mut self) -> Option<(u64, Result<&csv::StringRecord>)> {
        if self.stopped {
            return None;
        }
        loop {
            match self.rdr.read_record(&mut self.rec) {
                Ok(false) => return None,
                Ok(true) => {
                    let line = self.rec.position().map_or(0, csv::Position::line);
                    if self.rec.len() == 1 && self.rec.get(0).is_some_and(|c| c.trim().is_empty()) {
                        continue;
                    }
                    if self.rec.len() != self.width {
                        let e = Error::new(
                            ErrorKind::CsvField,
                            format!(
                                "line {line}: {} fields, the header has {}",
                                self.rec.len(),
                                self.width
                            ),
                        )
                        .at_line(line);
                        return Some((line, Err(e)));
                    }
                    return Some((line, Ok(&self.rec)));
                }
                Err(e) => {
                    let err = csv_error(&e);
                    // An I/O error does not advance the reader: report it once and stop.
                    self.stopped = matches!(e.kind(), csv::ErrorKind::Io(_));
                    return Some((err.line().unwrap_or(0), Err(err)));
                }
            }
        }
    }
}

fn csv_error(e: &csv::Error) -> Error {
    let line = e.position().map(csv::Position::line);
    let mut err = Error::new(
        ErrorKind::CsvField,
        match line {
            Some(l) => format!("line {l}: malformed CSV: {e}"),
            None => format!("malformed CSV: {e}"),
        },
    );
    if let Some(l) = line {
        err = err.at_line(l);
    }
    err
}
