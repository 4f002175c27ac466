//! Reading one record ([`Layout::read`](super::Layout::read)): its cells into the dossier,
//! the grouping values and the scorecard's columns, with errors that name the line or row, the
//! column, the value and the dossier's id.

use super::*;

impl Layout {
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

    pub(super) fn name(&self, i: usize) -> &str {
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
    /// does holds values only in columns not read: [`Tally::unread`](crate::records::Tally::unread)).
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
        self.read_with(at, row, out, as_of, None)
    }

    /// [`read_as_of`](Self::read_as_of) with the catalogue the record's procedure is looked
    /// up in (a run's sink's): a record filling both `time_limit` and `procedure` takes its
    /// procedure's stages from it, and the grouping columns `field` and `level` the records
    /// lack are its procedure's (a run without a catalogue refuses such a layout, as a
    /// missing column); without one, neither.
    pub fn read_with<R: Row + ?Sized>(
        &self,
        at: Locator,
        row: &R,
        out: &mut Record,
        as_of: Option<NaiveDateTime>,
        catalogue: Option<&crate::procedure::Catalogue>,
    ) -> Result<()> {
        let r = self.read_inner(at, row, out, as_of, catalogue);
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
        catalogue: Option<&crate::procedure::Catalogue>,
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
        // A row filling both `time_limit` and `procedure`: its procedure's stages, unless it
        // gives its own (see `Layout::takes_procedure_stages`).
        if let Some(staged) = catalogue.filter(|_| self.takes_procedure_stages(catalogue)) {
            if self.stages.is_none() {
                d.stages.clear();
            }
            if let (true, LimitSource::TimeLimit(_), Some(i)) =
                (d.stages.is_empty(), &d.limit, self.procedure)
            {
                let c = self.cell(at, row, i)?;
                let code = c.as_text(&mut out.buf).unwrap_or("");
                if let Ok(p) = staged.get(code) {
                    d.stages.clone_from(&p.stages);
                }
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
        // (the groups read here have no key: see `Record::group_key`)
        #[cfg(not(target_family = "wasm"))]
        {
            out.group_key = None;
        }
        for (k, (slot, &g)) in out.groups.iter_mut().zip(&self.groups).enumerate() {
            slot.clear();
            // (A column the records lack, or a JSON line's key left out: the
            // procedure's value in the catalogue, when the run has one.)
            if g == BY_PROCEDURE || (catalogue.is_some() && !row.holds(g)) {
                let value =
                    self.procedure_group(k, at, row, &out.dossier.limit, &mut out.buf, catalogue)?;
                if let Some(v) = value {
                    out.tidied.push_tidy(v, slot);
                    continue;
                }
                // (A column the records lack, read without a catalogue — `Layout::read` of a
                // library user — is missing, as a run says before any record; another grouping
                // column a record leaves out reads as its own, below.)
                if g == BY_PROCEDURE {
                    self.check_group_catalogue(None).map_err(|e| at.locate(e))?;
                    continue;
                }
            }
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

    /// The value of grouping column `k`, read from the catalogue entry of the record's
    /// procedure (its code as the dossier's limit, or in the `procedure` cell of a record
    /// counted by its own `time_limit`): empty without a procedure the catalogue knows;
    /// `None` for a column the catalogue does not give, or without a catalogue.
    #[cold]
    fn procedure_group<'s, R: Row + ?Sized>(
        &'s self,
        k: usize,
        at: Locator,
        row: &R,
        limit: &LimitSource,
        buf: &mut String,
        catalogue: Option<&'s crate::procedure::Catalogue>,
    ) -> Result<Option<&'s str>> {
        let (Some(&(_, attr, _)), Some(catalogue)) =
            (self.by_procedure.iter().find(|p| p.0 == k), catalogue)
        else {
            return Ok(None);
        };
        let code = match (limit, self.procedure) {
            (LimitSource::Procedure(code), _) => code.as_str(),
            (LimitSource::TimeLimit(_), Some(i)) => {
                self.cell(at, row, i)?.as_text(buf).unwrap_or("")
            }
            (LimitSource::TimeLimit(_), None) => "",
        };
        Ok(Some(catalogue.get(code).map_or("", |p| attr.value(p))))
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
                    if is_unrated(text) {
                        continue;
                    }
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
        // Feedback on a dossier is given after its receipt (compared by day: a date alone is
        // 00:00 of its day), and handled after it is received.
        let (kind, column, what) = match (s.feedback_received, s.feedback_handled) {
            (Some(f), _) if f < received.and_time(chrono::NaiveTime::MIN) => (
                ErrorKind::EventsOutOfOrder,
                "feedback_received",
                format!("{f} is before the receipt"),
            ),
            (Some(f), Some(h)) if h < f => (
                ErrorKind::EventsOutOfOrder,
                "feedback_handled",
                format!("handled {h} before the feedback was received {f}"),
            ),
            (None, Some(_)) => (
                ErrorKind::CsvField,
                "feedback_handled",
                "feedback handled but never received (`feedback_received` is empty)".into(),
            ),
            _ => return Ok(()),
        };
        Err(at.locate(
            Error::new(kind, format!("line {line}, column `{column}`: {what}")).in_field(column),
        ))
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
        // A date out of the calendar's range that no event holds: the receipt, or the limit
        // counted from it (the due date past the range's end).
        let out_of_range = column.is_none() && e.kind() == ErrorKind::DateOutOfRange;
        let counted = e.field() == Some("time_limit");
        let column = match column {
            None if out_of_range => {
                let names = |d: NaiveDate| e.message().starts_with(&d.to_string());
                let new_due = dossier.events.iter().find_map(|ev| ev.new_due);
                if counted {
                    // (The column that gave the limit counted: its own, or the procedure's.)
                    let limit = match dossier.limit {
                        LimitSource::TimeLimit(_) => self.time_limit,
                        LimitSource::Procedure(_) => self.procedure,
                    };
                    Some(self.name(limit.unwrap_or(self.received)))
                } else if names(dossier.received.date()) {
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
