//! The one-stop desk's worklist: every dossier still open at an instant, with what is due
//! when, what is overdue, and the last day on which the citizen can still be sent an apology
//! with a new appointment.
//!
//! The worklist is one more output of the record road ([`records`](crate::records)): the same
//! reader, the same bad-row rules and the same classification as the report
//! ([`outcome::classify`](crate::outcome::classify)). A [`WorklistSink`] collects the open dossiers of a chunk of
//! records; [`WorklistSink::finish`] orders them.
//!
//! # The rows
//! A dossier is listed when it was received by the as-of instant `T` and is open at `T`
//! (not resolved, refused or withdrawn by `T`; events after `T` are ignored): the report's
//! `pending` column. Each [`WorkItem`] carries
//! - `due`, `due_at`: the due date and instant as the report computes them at `T` (for a
//!   dossier awaiting a supplement, as they stood when the supplement was requested);
//! - `working_days_left` = `working_days_between(T's day, due)`: working days `d` with
//!   `T's day < d ≤ due`, negative once a working day has passed since the due day (on the
//!   days off right after it the count is 0 while the dossier is already overdue: the
//!   [`Status`] says which); for a dossier awaiting a
//!   supplement, what was left when the request stopped the clock (counted from the request's
//!   day), which stays as it is while the clock is stopped;
//! - [`Status`]: `overdue` and `awaiting_supplement` exactly as the report classifies the
//!   dossier (so a worklist's overdue rows are the report's `overdue` count); otherwise by
//!   `working_days_left`: 0 = `due_today`, 1..=`within` = `due_soon`, more = `on_track`;
//! - `apology_by`: the last day on which the apology may be sent (below), empty when the
//!   dossier is overdue (or was when a supplement request stopped its clock) or already has a
//!   new appointment (an `apology` or `extended` event;
//!   in a CSV, the `new_due` column). A dossier awaiting a supplement has one too, counted
//!   from its due date as it stood when the request stopped the clock (the `due` it is listed
//!   with); the appointment may move when the dossier is completed (Decree 61/2018, Art. 19
//!   \[U\]).
//! - for an inter-agency dossier (*liên thông*: stages from the dossier or its catalogue
//!   procedure, transfers as `transferred` events), the [`Holding`] stage: the agency holding
//!   the file at `T`, its stage's due date and whether that stage is overdue, counted as
//!   [`Due::holding`](crate::deadline::Due::holding) counts it (each stage from the day it
//!   received the file, with the dossier's rules: Decree 61/2018/NĐ-CP, Art. 18 \[U\], the
//!   stage's limit from the procedure).
//!
//! # The apology rule
//! When the processing unit sees that it cannot return the result on the appointment, it must
//! send the citizen a written apology stating the reason and a new appointment (Decree
//! 61/2018/NĐ-CP, Art. 19 \[U\]; Form 04 of Circular 01/2018/TT-VPCP \[U\]; under Decree
//! 118/2025/NĐ-CP the form of Circular 03/2025/TT-VPCP is an apology and request to extend
//! \[S\]), once only. That it must be sent **at least one working day before the due date**
//! is the provincial regulations' wording as recalled, not verified against a published
//! text \[U\]. So the lead time is an option, [`WorklistOptions::apology_lead`] (default 1):
//! `apology_by` = the `apology_lead`-th working day before the due date
//! ([`WorkCalendar::add_working_days`] with `-apology_lead`). With a lead of 0 it is the due
//! day itself. It is never before the deemed receipt day of the dossier, or of the complete
//! dossier after a supplement: a limit shorter than the lead (a same-day limit, one working
//! day with a lead of 2, a day left when the supplement came) leaves no working day before the
//! due date after receipt, and the apology is then due on that deemed receipt day (it was a
//! day before the dossier arrived, or before it was complete).
//!
//! # Order
//! By due instant, then by id (dossiers without an id first), then in record order.
//!
//! ```
//! use motcua::records::{run_text, Layout, ReadOptions, RunOptions, TextFormat, TextSource};
//! use motcua::report::Context;
//! use motcua::worklist::{Status, WorklistOptions, WorklistSink};
//! let cal = motcua::vn::public_sector()?;
//! let ctx = Context { calendar: &cal, catalogue: None, rules: Default::default() };
//! let csv = "id,received,time_limit,resolved\n\
//!            A,2026-03-02T09:30,3wd,\n\
//!            B,2026-03-02T09:30,10wd,\n\
//!            C,2026-03-02T09:30,3wd,2026-03-04T10:00\n";
//! let read = ReadOptions::default();
//! let mut src = TextSource::open(csv.as_bytes(), TextFormat::Csv, &read)?;
//! let layout = Layout::resolve(src.names(), &read)?.with_ids(true);
//! // Thursday 5 March 2026 at 08:00: A is due that day, B in 7 working days, C is resolved.
//! let opts = WorklistOptions { all: true, ..WorklistOptions::new("2026-03-05T08:00:00".parse().unwrap()) };
//! let (sink, _) = run_text(&mut src, &layout, &RunOptions::default(),
//!     || WorklistSink::new(ctx, opts.clone()), |_| {})?;
//! let rows = sink.finish().items;
//! assert_eq!((rows[0].id.as_deref(), rows[0].status), (Some("A"), Status::DueToday));
//! assert_eq!(rows[0].apology_by.map(|d| d.to_string()).as_deref(), Some("2026-03-04"));
//! assert_eq!((rows[1].id.as_deref(), rows[1].status, rows[1].working_days_left),
//!            (Some("B"), Status::OnTrack, 7));
//! assert_eq!(rows.len(), 2);
//! # Ok::<(), motcua::Error>(())
//! ```

use std::fmt;
use std::fmt::Write as _;

use chrono::{NaiveDate, NaiveDateTime};
use serde::ser::SerializeMap;
use serde::Serialize;

use crate::calendar::WorkCalendar;
use crate::deadline::InstantFmt;
use crate::dossier::Dossier;
use crate::error::Result;
use crate::outcome::{classify_round, Outcome};
use crate::records::{Locator, Record, Sink};
use crate::report::{csv_cell, Context};

/// The default of [`WorklistOptions::within`]: due within 3 working days is `due_soon`.
pub const DEFAULT_WITHIN: u32 = 3;

/// The default of [`WorklistOptions::apology_lead`]: the apology at least one working day
/// before the due date (the provincial regulations under Decree 118/2025, recalled \[U\]).
pub const DEFAULT_APOLOGY_LEAD: u32 = 1;

/// The worklist's columns after the id and the grouping columns, in output order (JSON keys,
/// CSV header): the last three are the [`Holding`] stage's (empty for a dossier without
/// stages).
pub const WORKLIST_COLUMNS: [&str; 8] = [
    "due",
    "due_at",
    "working_days_left",
    "status",
    "apology_by",
    "stage_agency",
    "stage_due",
    "stage_overdue",
];

/// Where an open dossier stands (see the [module docs](self)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Past its due date (the report's `overdue`).
    Overdue,
    /// Due on the as-of day (0 working days left).
    DueToday,
    /// Due within [`WorklistOptions::within`] working days (1..=within left).
    DueSoon,
    /// Waiting for the citizen's supplement: the clock is stopped (the report's
    /// `awaiting_supplement`).
    AwaitingSupplement,
    /// Due later.
    OnTrack,
}

impl Status {
    /// Every status, in declaration order.
    pub const ALL: [Status; 5] = [
        Status::Overdue,
        Status::DueToday,
        Status::DueSoon,
        Status::AwaitingSupplement,
        Status::OnTrack,
    ];

    /// The snake_case name (`"due_soon"`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Overdue => "overdue",
            Status::DueToday => "due_today",
            Status::DueSoon => "due_soon",
            Status::AwaitingSupplement => "awaiting_supplement",
            Status::OnTrack => "on_track",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the worklist shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorklistOptions {
    /// The instant the list stands at: dossiers received after it are left out, events after
    /// it ignored.
    pub as_of: NaiveDateTime,
    /// `due_soon` = due within this many working days (default [`DEFAULT_WITHIN`]).
    pub within: u32,
    /// The apology's lead time in working days before the due date (default
    /// [`DEFAULT_APOLOGY_LEAD`], an unverified rule: see the [module docs](self)).
    pub apology_lead: u32,
    /// List the `on_track` dossiers too.
    pub all: bool,
}

impl WorklistOptions {
    /// The defaults as of `as_of`: within 3 working days, apology one working day ahead,
    /// without the `on_track` rows.
    pub fn new(as_of: NaiveDateTime) -> WorklistOptions {
        WorklistOptions {
            as_of,
            within: DEFAULT_WITHIN,
            apology_lead: DEFAULT_APOLOGY_LEAD,
            all: false,
        }
    }

    /// Checks the options against `calendar` before any dossier is listed:
    /// [`ErrorKind::DateOutOfRange`](crate::ErrorKind::DateOutOfRange) for an `as_of` outside
    /// it (field `as_of`), and
    /// [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) (field
    /// `apology_lead`) for a lead time reaching back past its first day from the as-of day:
    /// the apology day of every dossier due from then on would fall outside the calendar, so
    /// each row would fail. `within` is only compared with the working days left: any value
    /// can be used.
    pub fn check(&self, calendar: &WorkCalendar) -> Result<()> {
        calendar.check_as_of(self.as_of)?;
        let day = self.as_of.date();
        match apology_day(calendar, day, self.apology_lead) {
            Ok(_) => Ok(()),
            Err(_) => Err(crate::Error::new(
                crate::ErrorKind::InvalidArgument,
                format!(
                    "{} working days before the as-of day {day} fall before the calendar's \
                     first day {}",
                    self.apology_lead,
                    calendar.from()
                ),
            )
            .in_field("apology_lead")),
        }
    }
}

/// Checks that no grouping column of a worklist is named twice, or as one of its row's own
/// columns (`id`, [`WORKLIST_COLUMNS`], and `extra`: where the record was, as the door's rows
/// say it — [`LINE`] and, for tables, [`ROW`]): a row is an object keyed by column name, so one
/// of the two would silently lose its values (or a JSON row hold one key twice).
/// [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) naming it otherwise.
pub fn check_grouping<S: AsRef<str>>(by: &[S], extra: &[&str]) -> Result<()> {
    crate::report::check_names(by, "worklist", &[])?;
    let clash = by
        .iter()
        .map(AsRef::as_ref)
        .find(|b| *b == "id" || WORKLIST_COLUMNS.contains(b) || extra.contains(b));
    match clash {
        None => Ok(()),
        Some(b) => {
            let mut own = vec!["id"];
            own.extend(WORKLIST_COLUMNS);
            own.extend(extra);
            Err(crate::Error::new(
                crate::ErrorKind::InvalidArgument,
                format!(
                    "cannot group the worklist by `{b}`: a worklist row has a column of that \
                     name ({}); group by a copy of the column under another name",
                    own.join(", ")
                ),
            ))
        }
    }
}

/// The stage holding the file of an open inter-agency dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holding {
    /// The agency holding the file.
    pub agency: String,
    /// Its stage's due date.
    pub due: NaiveDate,
    /// Its stage's due instant.
    pub due_at: NaiveDateTime,
    /// Whether its stage is overdue as of the as-of instant (the stage's `overdue` outcome; a
    /// stage awaiting a supplement is not).
    pub overdue: bool,
}

/// One open dossier on the worklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkItem {
    /// The dossier's id (the `id` column), if any.
    pub id: Option<String>,
    /// The grouping values, one per grouping column (empty text when missing).
    pub groups: Vec<String>,
    /// The due date as of the as-of instant.
    pub due: NaiveDate,
    /// The due instant (the closing time of the due date for day limits).
    pub due_at: NaiveDateTime,
    /// `working_days_between(as-of day, due)`: negative once a working day has passed since
    /// the due day (0 on the days off right after it, when `status` is already overdue);
    /// awaiting a supplement, counted from the request's day (the clock is stopped).
    pub working_days_left: i64,
    /// Where the dossier stands.
    pub status: Status,
    /// The last day to send the apology with a new appointment; `None` when overdue or when
    /// the dossier already has a new appointment.
    pub apology_by: Option<NaiveDate>,
    /// The stage holding the file, for an inter-agency dossier; `None` for a dossier without
    /// stages.
    pub holding: Option<Holding>,
    /// Where the record was (line of a text source, row of a table).
    pub at: Locator,
}

/// The row of `dossier` (whose grouping values are `groups`) on the worklist as of
/// `opts.as_of`: `Ok(None)` when it is not open then (resolved, refused, withdrawn, or
/// received after `as_of`), or `on_track` without [`WorklistOptions::all`]. Errors are those
/// of [`classify`](crate::outcome::classify) (validation, unknown procedure, dates out of the calendar's range) and of
/// the calendar for `apology_by`.
pub fn work_item<S: AsRef<str>>(
    ctx: &Context<'_>,
    opts: &WorklistOptions,
    dossier: &Dossier,
    groups: &[S],
    at: Locator,
) -> Result<Option<WorkItem>> {
    let as_of = opts.as_of;
    ctx.calendar.check_within(dossier.received, "received")?;
    if dossier.received > as_of {
        return Ok(None);
    }
    let (c, round) = classify_round(
        dossier,
        ctx.calendar,
        &ctx.rules,
        ctx.catalogue,
        as_of,
        crate::deadline::Lang::default(),
    )?;
    let (due, due_at) = (c.due.due, c.due.due_at);
    // Awaiting a supplement, the clock is stopped: what was left when it stopped (as
    // `working_days_late` of the classification is measured to the request), not a count that
    // keeps falling while the citizen completes the dossier.
    let left = match c.outcome {
        Outcome::AwaitingSupplement => -c.working_days_late,
        _ => ctx.calendar.working_days_between(as_of.date(), due)?,
    };
    let status = match c.outcome {
        Outcome::Overdue => Status::Overdue,
        Outcome::AwaitingSupplement => Status::AwaitingSupplement,
        Outcome::PendingWithin => match left {
            ..=0 => Status::DueToday,
            n if n <= i64::from(opts.within) => Status::DueSoon,
            _ => Status::OnTrack,
        },
        _ => return Ok(None),
    };
    if status == Status::OnTrack && !opts.all {
        return Ok(None);
    }
    let reappointed = dossier
        .events
        .iter()
        .any(|e| e.kind.takes_new_due() && e.at <= as_of);
    // (Awaiting a supplement requested after the due date, the dossier was overdue when its
    // clock stopped: an apology now cannot move the date, as for an overdue one.)
    let past_due = status == Status::Overdue || (status == Status::AwaitingSupplement && left < 0);
    let apology_by = if past_due || reappointed {
        None
    } else {
        // Never before the deemed receipt day of the current round: a short limit (same day,
        // one working day, or what is left after a supplement) leaves no day before it, and
        // the apology is then due on that day.
        let round = crate::civil::date_from_day_number(round)?;
        Some(apology_day(ctx.calendar, due, opts.apology_lead)?.max(round))
    };
    let holding = c.due.holding().map(|s| Holding {
        agency: s.agency.clone(),
        due: s.due,
        due_at: s.due_at,
        overdue: s.outcome == Some(Outcome::Overdue),
    });
    Ok(Some(WorkItem {
        id: dossier.id.clone(),
        groups: groups.iter().map(|g| g.as_ref().to_string()).collect(),
        due,
        due_at,
        working_days_left: left,
        status,
        apology_by,
        holding,
        at,
    }))
}

/// The last day to send the apology for a dossier due on `due`: the `lead`-th working day
/// before it (the due day itself for 0). See the [module docs](self) for the rule.
pub fn apology_day(calendar: &WorkCalendar, due: NaiveDate, lead: u32) -> Result<NaiveDate> {
    if lead == 0 {
        return Ok(due);
    }
    calendar.add_working_days(due, -i64::from(lead))
}

/// The worklist's [`Sink`] for a run over records
/// ([`run_text`](crate::records::run_text), [`run_tables`](crate::records::run_tables)): each
/// chunk collects its rows, the chunks are appended in record order, [`finish`](Self::finish)
/// orders them. Read the records with [`Layout::with_ids`](crate::records::Layout::with_ids)
/// to have the ids.
#[derive(Debug, Clone)]
pub struct WorklistSink<'a> {
    ctx: Context<'a>,
    /// The options with `all` set: every open dossier is computed and counted.
    opts: WorklistOptions,
    on_track: bool,
    items: Vec<WorkItem>,
    open: u64,
}

impl<'a> WorklistSink<'a> {
    /// An empty sink.
    pub fn new(ctx: Context<'a>, opts: WorklistOptions) -> WorklistSink<'a> {
        WorklistSink {
            ctx,
            on_track: opts.all,
            opts: WorklistOptions { all: true, ..opts },
            items: Vec::new(),
            open: 0,
        }
    }

    /// The rows in order (due instant, id, record order).
    pub fn finish(self) -> Worklist {
        let mut list = Worklist {
            items: self.items,
            open: self.open,
        };
        list.sort();
        list
    }
}

impl Worklist {
    /// An empty worklist.
    pub fn new() -> Worklist {
        Worklist::default()
    }

    /// Adds the rows of `later` (from records that come after this list's), keeping the order.
    pub fn merge(&mut self, later: Worklist) {
        self.items.extend(later.items);
        self.open = self.open.saturating_add(later.open);
        self.sort();
    }

    /// Orders the rows by due instant, then id; a stable sort, so record order last.
    fn sort(&mut self) {
        crate::sort::sort_by(&mut self.items, |a, b| {
            a.due_at.cmp(&b.due_at).then_with(|| a.id.cmp(&b.id))
        });
    }
}

/// A finished worklist.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Worklist {
    /// The rows, in order.
    pub items: Vec<WorkItem>,
    /// The dossiers open at the as-of instant (the rows, and the `on_track` ones left out
    /// without [`WorklistOptions::all`]).
    pub open: u64,
}

impl Sink for WorklistSink<'_> {
    fn check(&self, layout: &crate::records::Layout) -> Result<()> {
        crate::records::check_catalogue(layout, self.ctx.catalogue)
    }

    fn catalogue(&self) -> Option<&crate::procedure::Catalogue> {
        self.ctx.catalogue
    }

    fn as_of(&self) -> Option<NaiveDateTime> {
        Some(self.opts.as_of)
    }

    fn record(&mut self, at: Locator, r: &Record) -> Result<bool> {
        if r.dossier.received > self.opts.as_of {
            // (One received by then is checked by `work_item`.)
            self.ctx
                .calendar
                .check_within(r.dossier.received, "received")?;
            return Ok(false);
        }
        if let Some(item) = work_item(&self.ctx, &self.opts, &r.dossier, &r.groups, at)? {
            self.open = self.open.saturating_add(1);
            if item.status != Status::OnTrack || self.on_track {
                self.items.push(item);
            }
        }
        Ok(true)
    }

    fn append(&mut self, later: Self) -> Result<()> {
        self.items.extend(later.items);
        self.open = self.open.saturating_add(later.open);
        Ok(())
    }
}

/// A worklist row with its grouping column names, for JSON: `{"id", <groups>, "due",
/// "due_at", "working_days_left", "status", "apology_by", "stage_agency", "stage_due",
/// "stage_overdue"}` (`null` for an absent id or apology day, and for the three stage columns
/// of a dossier without stages), then where the record was: `"line"` (its line in a CSV or
/// JSON-lines source, as an editor numbers it: a CSV's header is line 1) or `"row"` (its index in a table, from
/// 0), so that a row can be found in its source without an id.
#[derive(Debug, Clone, Copy)]
pub struct Named<'a> {
    /// The row.
    pub item: &'a WorkItem,
    /// The grouping column names.
    pub by: &'a [String],
}

impl Serialize for Named<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let r = self.item;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", &r.id)?;
        for (k, v) in self.by.iter().zip(&r.groups) {
            m.serialize_entry(k, v)?;
        }
        m.serialize_entry("due", &r.due.to_string())?;
        m.serialize_entry("due_at", &InstantFmt(r.due_at).to_string())?;
        m.serialize_entry("working_days_left", &r.working_days_left)?;
        m.serialize_entry("status", r.status.as_str())?;
        m.serialize_entry("apology_by", &r.apology_by.map(|d| d.to_string()))?;
        let h = r.holding.as_ref();
        m.serialize_entry("stage_agency", &h.map(|h| h.agency.as_str()))?;
        m.serialize_entry("stage_due", &h.map(|h| h.due.to_string()))?;
        m.serialize_entry("stage_overdue", &h.map(|h| h.overdue))?;
        match r.at {
            Locator::Line(l) => m.serialize_entry(LINE, &l)?,
            Locator::Row(i) => m.serialize_entry(ROW, &i)?,
        }
        m.end()
    }
}

/// The text cells of a row: id, groups, [`WORKLIST_COLUMNS`] (the stage's empty for a
/// dossier without stages), then the record's line.
fn cells(r: &WorkItem) -> Vec<String> {
    let mut v = Vec::with_capacity(r.groups.len() + 10);
    v.push(r.id.clone().unwrap_or_default());
    v.extend(r.groups.iter().cloned());
    v.push(r.due.to_string());
    v.push(InstantFmt(r.due_at).to_string());
    v.push(r.working_days_left.to_string());
    v.push(r.status.as_str().to_string());
    v.push(r.apology_by.map(|d| d.to_string()).unwrap_or_default());
    match &r.holding {
        Some(h) => v.extend([h.agency.clone(), h.due.to_string(), h.overdue.to_string()]),
        None => v.extend([String::new(), String::new(), String::new()]),
    }
    v.push(r.at.line().to_string());
    v
}

fn header(by: &[String]) -> Vec<String> {
    let mut h = vec!["id".to_string()];
    h.extend(by.iter().cloned());
    h.extend(WORKLIST_COLUMNS.iter().map(|s| s.to_string()));
    h.push(LINE.to_string());
    h
}

/// The column of the record's line in a worklist's CSV and table (a grouping column may not
/// take the name: see [`check_grouping`]).
pub const LINE: &str = "line";

/// The key of the record's index in a table (a frame, an array of objects) in a worklist's
/// JSON row, where a text source's row has [`LINE`].
pub const ROW: &str = "row";

/// Renders rows as JSON: an array of objects (see [`Named`]).
pub fn to_json(items: &[WorkItem], by: &[String]) -> String {
    let named: Vec<Named<'_>> = items.iter().map(|item| Named { item, by }).collect();
    serde_json::to_string(&named).unwrap_or_else(|_| "[]".to_string())
}

/// Renders rows as CSV with a header (`id`, the grouping columns, [`WORKLIST_COLUMNS`],
/// `line`: the record's line in its source); absent values are empty cells.
pub fn to_csv(items: &[WorkItem], by: &[String]) -> String {
    let mut out = String::new();
    for row in std::iter::once(header(by)).chain(items.iter().map(cells)) {
        let line: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

/// Renders rows as an aligned terminal table (`working_days_left` right-aligned, `–` for an
/// absent apology day; `stage_overdue` as `OVERDUE` or empty; the stage columns only when a
/// row has a stage; the record's line last; control characters of the values escaped, as the
/// report's table escapes them, so that a value cannot break a line or recolour the
/// terminal), with a last line counting the rows by status.
pub fn to_table(items: &[WorkItem], by: &[String]) -> String {
    let stages = items.iter().any(|r| r.holding.is_some());
    let keep = by.len() + 1 + if stages { 8 } else { 5 };
    // The columns kept, then the line (the last cell).
    let shown = |mut row: Vec<String>| {
        let line = row.pop().unwrap_or_default();
        row.truncate(keep);
        row.push(line);
        row
    };
    let mut head = shown(header(by));
    if let Some(h) = head.get_mut(by.len() + 3) {
        *h = "left".into();
    }
    let apology = by.len() + 5;
    let body: Vec<Vec<String>> = items
        .iter()
        .map(|r| {
            let mut c: Vec<String> = shown(cells(r))
                .into_iter()
                .map(|v| crate::report::printable(&v).into_owned())
                .collect();
            if let Some(a) = c.get_mut(apology).filter(|s| s.is_empty()) {
                *a = "–".into();
            }
            if let Some(o) = c.get_mut(apology + 3) {
                *o = if o == "true" {
                    "OVERDUE".into()
                } else {
                    String::new()
                };
            }
            c
        })
        .collect();
    let widths: Vec<usize> = (0..head.len())
        .map(|i| {
            body.iter()
                .chain(std::iter::once(&head))
                .filter_map(|r| r.get(i))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let right = by.len() + 3;
    let line = head.len() - 1;
    let mut out = String::new();
    for row in std::iter::once(&head).chain(&body) {
        for (i, (c, w)) in row.iter().zip(&widths).enumerate() {
            let pad = " ".repeat(w.saturating_sub(c.chars().count()));
            let sep = if i == 0 { "" } else { "  " };
            if i == right || i == line {
                let _ = write!(out, "{sep}{pad}{c}");
            } else {
                let _ = write!(out, "{sep}{c}{pad}");
            }
        }
        let end = out.trim_end_matches(' ').len();
        out.truncate(end);
        out.push('\n');
    }
    let counts: Vec<String> = Status::ALL
        .iter()
        .map(|s| (s, items.iter().filter(|r| r.status == *s).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{s} {n}"))
        .collect();
    let _ = writeln!(out, "{} row(s): {}", items.len(), counts.join(", "));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CalendarSpec, ErrorKind};

    fn cal() -> WorkCalendar {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let mut spec = CalendarSpec::weekdays(d("2026-01-01"), d("2026-12-31"));
        spec.holidays.push(d("2026-03-09").into());
        spec.compile().unwrap()
    }

    fn item(text: &str, as_of: &str, within: u32) -> Option<WorkItem> {
        let cal = cal();
        let ctx = Context {
            calendar: &cal,
            catalogue: None,
            rules: Default::default(),
        };
        let opts = WorklistOptions {
            within,
            all: true,
            ..WorklistOptions::new(
                crate::civil::parse_instant(as_of, crate::civil::DateOnly::StartOfDay).unwrap(),
            )
        };
        let d = Dossier::from_json(text).unwrap();
        work_item(&ctx, &opts, &d, &["x"], Locator::Line(2)).unwrap()
    }

    #[test]
    fn options_are_checked_against_the_calendar() {
        let cal = cal();
        let at = |s: &str| crate::civil::parse_instant(s, crate::civil::DateOnly::StartOfDay);
        let opts = |as_of: &str, lead: u32| WorklistOptions {
            apology_lead: lead,
            within: u32::MAX,
            ..WorklistOptions::new(at(as_of).unwrap())
        };
        // 2026-01-05 is the calendar's second working day (1 January is a Thursday: 1, 2, 5):
        // one lead day back is the 2nd, three reach past the first.
        assert!(opts("2026-01-05T08:00", 2).check(&cal).is_ok());
        let e = opts("2026-01-05T08:00", 3).check(&cal).unwrap_err();
        assert_eq!(
            (e.kind(), e.field()),
            (ErrorKind::InvalidArgument, Some("apology_lead"))
        );
        let e = opts("2027-01-05T08:00", 0).check(&cal).unwrap_err();
        assert_eq!(
            (e.kind(), e.field()),
            (ErrorKind::DateOutOfRange, Some("as_of"))
        );
    }

    #[test]
    fn the_agency_holding_the_file() {
        // Received Monday 2 March 09:00; 10 working days in all; the commune 3 (3, 4, 5 ->
        // Thursday 5 March), then the tax office 2 from its transfer on Friday 6 March 10:00
        // (day 0 the 6th; the 9th a holiday: 10, 11 -> Wednesday 11 March).
        let d = r#"{"received":"2026-03-02T09:00","time_limit":{"working_days":10},
            "stages":[{"agency":"xã","time_limit":{"working_days":3}},
                      {"agency":"thuế","time_limit":{"working_days":2}}],
            "events":[{"type":"transferred","at":"2026-03-06T10:00","to":"thuế"}]}"#;
        // On Wednesday 4 March the commune holds it, within its stage.
        let h = item(d, "2026-03-04T08:00", 3).unwrap().holding.unwrap();
        assert_eq!(
            (h.agency.as_str(), h.due.to_string(), h.overdue),
            ("xã", "2026-03-05".into(), false)
        );
        // On Thursday 12 March the tax office holds it, a day past its stage; the dossier
        // itself (due Tuesday 17 March: 3, 4, 5, 6, 10, 11, 12, 13, 16, 17) is not overdue.
        let r = item(d, "2026-03-12T08:00", 3).unwrap();
        let h = r.holding.clone().unwrap();
        assert_eq!(
            (h.agency.as_str(), h.due.to_string(), h.overdue),
            ("thuế", "2026-03-11".into(), true)
        );
        assert_eq!(
            (r.due.to_string(), r.status),
            ("2026-03-17".into(), Status::DueSoon)
        );
        let json = to_json(std::slice::from_ref(&r), &["f".into()]);
        assert!(
            json.contains(r#""stage_agency":"thuế","stage_due":"2026-03-11","stage_overdue":true"#),
            "{json}"
        );
        assert!(to_table(std::slice::from_ref(&r), &["f".into()]).contains("OVERDUE"));
        // Without stages: no holding stage, null in JSON, no stage columns in the table.
        let plain = item(
            r#"{"received":"2026-03-02T09:00","time_limit":{"working_days":10}}"#,
            "2026-03-12T08:00",
            3,
        )
        .unwrap();
        assert!(plain.holding.is_none());
        let json = to_json(std::slice::from_ref(&plain), &["f".into()]);
        assert!(
            json.contains(r#""stage_agency":null,"stage_due":null,"stage_overdue":null"#),
            "{json}"
        );
        assert!(!to_table(std::slice::from_ref(&plain), &["f".into()]).contains("stage_due"));
        assert!(to_csv(std::slice::from_ref(&plain), &["f".into()])
            .lines()
            .nth(1)
            .unwrap()
            .ends_with(",,,,2"));
    }

    #[test]
    fn apology_across_a_holiday() {
        // Received Wednesday 4 March, 3 working days: 5, 6 and (Monday 9 March a holiday)
        // 10 March. The apology by Friday 6 March.
        let r = item(
            r#"{"received":"2026-03-04T09:00","time_limit":{"working_days":3}}"#,
            "2026-03-05T08:00",
            3,
        )
        .unwrap();
        assert_eq!(r.due.to_string(), "2026-03-10");
        assert_eq!(r.apology_by.unwrap().to_string(), "2026-03-06");
        // 6 and 10 March (the 7th, 8th are a weekend, the 9th a holiday).
        assert_eq!((r.working_days_left, r.status), (2, Status::DueSoon));
        let cal = cal();
        assert_eq!(
            apology_day(&cal, r.due, 0).unwrap().to_string(),
            "2026-03-10"
        );
        assert_eq!(
            apology_day(&cal, r.due, 2).unwrap().to_string(),
            "2026-03-05"
        );
    }

    #[test]
    fn statuses() {
        let open = r#"{"received":"2026-03-02T09:00","time_limit":{"working_days":3}}"#;
        // Due Thursday 5 March.
        let s = |as_of: &str, within: u32| item(open, as_of, within).map(|r| r.status);
        assert_eq!(s("2026-03-05T16:00", 3), Some(Status::DueToday));
        assert_eq!(s("2026-03-04T16:00", 3), Some(Status::DueSoon));
        assert_eq!(s("2026-03-02T16:00", 3), Some(Status::DueSoon));
        assert_eq!(s("2026-03-02T16:00", 2), Some(Status::OnTrack));
        assert_eq!(s("2026-03-02T16:00", 0), Some(Status::OnTrack));
        let late = item(open, "2026-03-06T08:00", 3).unwrap();
        assert_eq!(
            (late.status, late.working_days_left, late.apology_by),
            (Status::Overdue, -1, None)
        );
        // Received after the as-of instant, resolved, refused, withdrawn: not listed.
        assert_eq!(s("2026-03-02T08:00", 3), None);
        for kind in ["resolved", "refused", "withdrawn"] {
            let t = format!(
                r#"{{"received":"2026-03-02T09:00","time_limit":{{"working_days":3}},
                "events":[{{"type":"{kind}","at":"2026-03-03T10:00"}}]}}"#
            );
            assert_eq!(item(&t, "2026-03-04T08:00", 3), None, "{kind}");
            // Before the event, open.
            assert!(item(&t, "2026-03-03T09:00", 3).is_some(), "{kind}");
        }
        let waiting = r#"{"received":"2026-03-02T09:00","time_limit":{"working_days":3},
            "events":[{"type":"supplement_requested","at":"2026-03-03T10:00"}]}"#;
        let w = item(waiting, "2026-03-20T08:00", 3).unwrap();
        // Its due date as it stood when the request stopped the clock (Thursday 5 March), and
        // the apology by the working day before it.
        assert_eq!(w.status, Status::AwaitingSupplement);
        assert_eq!(w.due.to_string(), "2026-03-05");
        assert_eq!(
            w.apology_by.map(|d| d.to_string()).as_deref(),
            Some("2026-03-04")
        );
        // Requested after its due date (Thursday 5 March: overdue when the clock stopped, by
        // Friday 6 and Tuesday 10; Monday 9 is a holiday here): no apology day to meet, as for
        // an overdue dossier (it was Wednesday 4 March, before the request).
        let late_request = r#"{"received":"2026-03-02T09:00","time_limit":{"working_days":3},
            "events":[{"type":"supplement_requested","at":"2026-03-10T10:00"}]}"#;
        let w = item(late_request, "2026-03-20T08:00", 3).unwrap();
        assert_eq!(
            (w.status, w.working_days_left, w.apology_by),
            (Status::AwaitingSupplement, -2, None)
        );
        // A new appointment: no apology day left to meet.
        let apologised = r#"{"received":"2026-03-02T09:00","time_limit":{"working_days":3},
            "events":[{"type":"apology","at":"2026-03-04T10:00","new_due":"2026-03-10"}]}"#;
        let a = item(apologised, "2026-03-05T08:00", 3).unwrap();
        assert_eq!(a.due.to_string(), "2026-03-10");
        assert_eq!((a.status, a.apology_by), (Status::DueSoon, None));
        // The apology is not known yet before it is sent.
        let b = item(apologised, "2026-03-04T08:00", 3).unwrap();
        assert_eq!(b.apology_by.unwrap().to_string(), "2026-03-04");
        // A limit shorter than the lead: the apology is due on the deemed receipt day, never
        // on a day before the dossier arrived (a tester's case: Friday 27 February for a
        // same-day dossier received Monday 2 March).
        let same_day = r#"{"received":"2026-03-02T09:00","time_limit":{"same_day":true}}"#;
        let one_day = r#"{"received":"2026-03-02T09:00","time_limit":{"working_days":1}}"#;
        for text in [same_day, one_day] {
            let r = item(text, "2026-03-02T10:00", 3).unwrap();
            assert_eq!(r.apology_by.unwrap().to_string(), "2026-03-02", "{text}");
        }
        // After closing time, the next working day is the deemed receipt day.
        let evening = r#"{"received":"2026-03-02T18:00","time_limit":{"same_day":true}}"#;
        let r = item(evening, "2026-03-02T19:00", 3).unwrap();
        assert_eq!(r.apology_by.unwrap().to_string(), "2026-03-03");
    }

    #[test]
    fn renders() {
        let r = item(
            r#"{"id":"A,1","received":"2026-03-04T09:00","time_limit":{"working_days":3}}"#,
            "2026-03-05T08:00",
            3,
        )
        .unwrap();
        let by = vec!["field".to_string()];
        let rows = [r];
        assert_eq!(
            to_json(&rows, &by),
            r#"[{"id":"A,1","field":"x","due":"2026-03-10","due_at":"2026-03-10T17:00","working_days_left":2,"status":"due_soon","apology_by":"2026-03-06","stage_agency":null,"stage_due":null,"stage_overdue":null,"line":2}]"#
        );
        assert_eq!(
            to_csv(&rows, &by),
            "id,field,due,due_at,working_days_left,status,apology_by,stage_agency,stage_due,stage_overdue,line\n\"A,1\",x,2026-03-10,2026-03-10T17:00,2,due_soon,2026-03-06,,,,2\n"
        );
        let t = to_table(&rows, &by);
        assert!(t.starts_with("id   field  due         due_at            left  status"));
        assert!(t.ends_with("1 row(s): due_soon 1\n"), "{t}");
        // The record's line closes the row (right-aligned, as a count): a row without an id
        // can be found in its file.
        let lines: Vec<&str> = t.lines().collect();
        assert!(lines[0].ends_with("apology_by  line"), "{t}");
        assert!(lines[1].ends_with("2026-03-06     2"), "{t}");
        // A row of a table (a frame, an array of objects) is located by its index.
        let mut tabled = rows[0].clone();
        tabled.at = Locator::Row(4);
        assert!(to_json(&[tabled], &by).ends_with(r#""stage_overdue":null,"row":4}]"#));
        // Control characters of an id or a group are escaped in the table: a line break or
        // an escape sequence would split the row or recolour the terminal.
        let mut odd = rows[0].clone();
        odd.id = Some("A\nB".into());
        odd.groups = vec!["x\u{1b}[31my".into()];
        let t = to_table(&[odd], &by);
        assert_eq!(t.lines().count(), 3, "{t}");
        assert!(t.contains("A\\nB") && t.contains("x\\u{1b}[31my"), "{t}");
        assert!(!t.contains('\u{1b}'), "{t}");
    }

    /// Merging counts that cannot be real (built by hand) saturates: it overflowed (a panic in
    /// a debug build, 0 in a release one).
    #[test]
    fn merged_open_counts_saturate() {
        let mut a = Worklist {
            items: Vec::new(),
            open: u64::MAX,
        };
        a.merge(Worklist {
            items: Vec::new(),
            open: 1,
        });
        assert_eq!(a.open, u64::MAX);
    }
}
