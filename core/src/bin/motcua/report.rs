//! `motcua report`: the one-stop report table from dossier records (CSV or JSON lines),
//! streamed in constant memory.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::PathBuf;

use chrono::NaiveDateTime;
use clap::{Args, ValueEnum};
use motcua::deadline::Rules;
use motcua::procedure::Catalogue;
use motcua::report::input::{blank_dossier, Columns, CsvRecords, KNOWN_COLUMNS};
use motcua::report::{to_csv, to_json, to_table, PeriodKind, ReportBuilder, ReportOptions};
use motcua::{Error, ErrorKind, WorkCalendar};

use crate::dossiers::{as_of, load_catalogue};
use crate::lines::Sink;
use crate::{usage, with_calendar, CalendarArgs, Outcome};

pub const REPORT_HELP: &str = "\
Input columns: received (required); time_limit (3wd, 15cd, 8wh, same_day, or the Vietnamese wording \
3 ngày làm việc, 15 ngày, 8 giờ làm việc, trong ngày) or procedure (a code of --catalogue); optional channel (direct|online|postal), supplement_requested, supplement_received, \
new_due (one apology or extension, taken as issued in time), resolved, withdrawn, refused, id, and \
grouping columns (--by). An empty cell means absent; other columns are ignored. Dates: ISO or \
dd/mm/yyyy[ HH:MM]. A bad row is reported with line, column and value; by default the run then fails \
(exit 1, no table); --skip-bad reports the good rows and prints the count and first errors on stderr. \
--as-of T shows the table as it stood at T (dossiers received after T left out, later events ignored; \
default now). Rates are fractions: resolved_rate = resolved / received, on_time_rate = (early + \
on_time) / resolved, online_rate = received_online / received_new; null (or – in the table) when the \
denominator is zero.";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InputFormat {
    Csv,
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum PeriodArg {
    Month,
    Quarter,
    Year,
}

/// The options `report` and `scorecard` share: where the dossier records are and how they are
/// read and counted.
#[derive(Args, Debug)]
pub struct RecordArgs {
    /// A CSV (or .jsonl) file of dossier records, or `-` for stdin.
    input: String,
    /// A procedure catalogue (JSON array or CSV) for rows given by `procedure`.
    #[arg(long, value_name = "FILE")]
    pub(crate) catalogue: Option<PathBuf>,
    /// The instant the table stands at (a date alone = the end of that day). Default: now (UTC+7).
    #[arg(long, value_name = "T")]
    as_of: Option<String>,
    /// Group by these columns (comma-separated, e.g. field,agency).
    #[arg(long, value_name = "COL[,COL]", value_delimiter = ',')]
    by: Vec<String>,
    /// Read the logical column NAME from the file's column SOURCE_COLUMN (repeatable).
    #[arg(long = "map", value_name = "NAME=SOURCE_COLUMN")]
    map: Vec<String>,
    /// Count the good rows and summarise the bad ones instead of failing.
    #[arg(long)]
    pub(crate) skip_bad: bool,
    /// Input format (default: by file extension, `.jsonl`/`.ndjson` = JSON lines, else CSV).
    #[arg(long, value_enum)]
    input_format: Option<InputFormat>,
    /// Switch a counting rule: KEY=VALUE (repeatable; see `motcua due --help`).
    #[arg(long = "rule", value_name = "KEY=VALUE")]
    rules: Vec<String>,
    #[command(flatten)]
    cal: CalendarArgs,
}

/// `motcua report` arguments.
#[derive(Args, Debug)]
pub struct ReportArgs {
    #[command(flatten)]
    records: RecordArgs,
    /// Split by period, with carried-over dossiers.
    #[arg(long, value_enum)]
    period: Option<PeriodArg>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

/// Everything [`RecordArgs`] names, loaded: a failure to load is reported before any record
/// is read.
pub(crate) struct Records {
    pub(crate) calendar: WorkCalendar,
    pub(crate) catalogue: Option<Catalogue>,
    pub(crate) rules: Rules,
    pub(crate) map: HashMap<String, String>,
    pub(crate) by: Vec<String>,
    pub(crate) as_of: NaiveDateTime,
    pub(crate) skip_bad: bool,
    input: String,
    jsonl: bool,
}

/// Reports a data error (exit 1).
pub(crate) fn fail<W: Write, E: Write>(sink: &mut Sink<W, E>, e: &Error) -> io::Result<Outcome> {
    sink.failed = true;
    writeln!(sink.err, "{}: {}", e.code(), e)?;
    Ok(Outcome::BadData)
}

impl RecordArgs {
    /// Checks the options (bad usage exits 2) and loads the calendar and the catalogue (a bad
    /// file is reported, and `None` returned).
    pub(crate) fn load<W: Write, E: Write>(
        &self,
        sink: &mut Sink<W, E>,
    ) -> io::Result<Option<Records>> {
        let mut rules = Rules::default();
        for r in &self.rules {
            if let Err(e) = rules.set_pair(r) {
                usage(&format!("--rule {r}: {e}"));
            }
        }
        let mut map = HashMap::new();
        for m in &self.map {
            match m.split_once('=') {
                Some((k, v)) if !k.trim().is_empty() && !v.trim().is_empty() => {
                    map.insert(k.trim().to_string(), v.trim().to_string());
                }
                _ => usage(&format!("--map {m}: expected NAME=SOURCE_COLUMN")),
            }
        }
        let as_of = match as_of(self.as_of.as_deref()) {
            Ok(t) => t,
            Err(e) => usage(&e.to_string()),
        };
        let by: Vec<String> = self
            .by
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        let Some(calendar) = with_calendar(sink, &self.cal)? else {
            return Ok(None);
        };
        crate::check_as_of(as_of, &calendar);
        let catalogue = match &self.catalogue {
            None => None,
            Some(p) => match load_catalogue(p) {
                Ok(c) => Some(c),
                Err(e) => {
                    fail(sink, &e)?;
                    return Ok(None);
                }
            },
        };
        let jsonl = match self.input_format {
            Some(InputFormat::Jsonl) => true,
            Some(InputFormat::Csv) => false,
            None => {
                let lower = self.input.to_ascii_lowercase();
                lower.ends_with(".jsonl") || lower.ends_with(".ndjson")
            }
        };
        Ok(Some(Records {
            calendar,
            catalogue,
            rules,
            map,
            by,
            as_of,
            skip_bad: self.skip_bad,
            input: self.input.clone(),
            jsonl,
        }))
    }
}

impl Records {
    /// Reads every record, handing each to `on_record`; bad rows are collected in the
    /// returned [`BadRows`] (printed as they come unless `--skip-bad`). `Err` inside: the
    /// input could not be read at all (no header, missing column, no file).
    pub(crate) fn read<E: Write>(
        &self,
        on_record: &mut OnRecord<'_>,
        err: &mut E,
    ) -> io::Result<Result<BadRows, Error>> {
        let (input, bar) = match open_input(&self.input) {
            Ok(r) => r,
            Err(e) => return Ok(Err(e)),
        };
        let mut bad = BadRows::new(!self.skip_bad);
        let result = if self.jsonl {
            read_jsonl(input, &self.map, &self.by, on_record, &mut bad, err)
        } else {
            read_csv(input, &self.map, &self.by, on_record, &mut bad, err)
        };
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        Ok(result?.map(|()| bad))
    }
}

/// How many bad rows `--skip-bad` shows.
const SHOWN_ERRORS: usize = 10;

pub(crate) struct BadRows {
    pub(crate) count: u64,
    shown: Vec<Error>,
    print_all: bool,
}

impl BadRows {
    /// `print_all`: print every bad row as it comes (the failing mode); else keep the first.
    pub(crate) fn new(print_all: bool) -> BadRows {
        BadRows {
            count: 0,
            shown: Vec::new(),
            print_all,
        }
    }

    /// With `--skip-bad`: the count and the first errors, on stderr.
    pub(crate) fn summarise<E: Write>(&self, err: &mut E) -> io::Result<()> {
        if self.count == 0 {
            return Ok(());
        }
        writeln!(err, "skipped {} bad row(s); the first:", self.count)?;
        for e in &self.shown {
            write_row_error(err, "  ", e)?;
        }
        Ok(())
    }

    fn push<E: Write>(&mut self, e: Error, err: &mut E) -> io::Result<()> {
        self.count += 1;
        if self.print_all {
            write_row_error(err, "", &e)?;
        } else if self.shown.len() < SHOWN_ERRORS {
            self.shown.push(e);
        }
        Ok(())
    }
}

/// One bad row on stderr: `line N: code: message`.
fn write_row_error<E: Write>(err: &mut E, indent: &str, e: &Error) -> io::Result<()> {
    match e.line() {
        Some(l) => writeln!(err, "{indent}line {l}: {}: {}", e.code(), e.message()),
        None => writeln!(err, "{indent}{}: {}", e.code(), e.message()),
    }
}

/// A reader that advances a progress bar (bytes) as it is read.
struct Progress<R> {
    inner: R,
    bar: indicatif::ProgressBar,
    pending: u64,
}

impl<R: Read> Read for Progress<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pending += n as u64;
        if self.pending >= 1 << 20 || n == 0 {
            self.bar.inc(self.pending);
            self.pending = 0;
        }
        Ok(n)
    }
}

/// Opens the input; a file read with stderr on a terminal gets a progress bar on stderr.
fn open_input(path: &str) -> Result<(Box<dyn Read>, Option<indicatif::ProgressBar>), Error> {
    use std::io::IsTerminal;
    if path == "-" {
        return Ok((Box::new(io::stdin()), None));
    }
    let f = File::open(path)
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot read {path}: {e}")))?;
    if !io::stderr().is_terminal() {
        return Ok((Box::new(f), None));
    }
    let len = f.metadata().map_or(0, |m| m.len());
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(len),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
    ) {
        bar.set_style(style);
    }
    Ok((
        Box::new(Progress {
            inner: f,
            bar: bar.clone(),
            pending: 0,
        }),
        Some(bar),
    ))
}

/// `motcua report`.
pub fn run<W: Write, E: Write>(args: ReportArgs, sink: &mut Sink<W, E>) -> io::Result<Outcome> {
    let Some(rec) = args.records.load(sink)? else {
        return Ok(Outcome::BadData);
    };
    let opts = ReportOptions {
        as_of: rec.as_of,
        by: rec.by.clone(),
        period: args.period.map(|p| match p {
            PeriodArg::Month => PeriodKind::Month,
            PeriodArg::Quarter => PeriodKind::Quarter,
            PeriodArg::Year => PeriodKind::Year,
        }),
    };
    let mut builder = ReportBuilder::new(&rec.calendar, rec.catalogue.as_ref(), rec.rules, opts);
    let mut dossier = blank_dossier();
    let mut on_record = on_record_fn(|line, columns, get| {
        add_one(columns, line, get, &mut dossier, |d, groups| {
            builder.add(d, groups).map(|_| ())
        })
    });
    let bad = match rec.read(&mut on_record, &mut sink.err)? {
        Ok(bad) => bad,
        Err(e) => return fail(sink, &e),
    };
    if bad.count > 0 && !rec.skip_bad {
        sink.failed = true;
        writeln!(
            sink.err,
            "{} bad row(s): no report (fix them, or use --skip-bad to report the {} good rows)",
            bad.count,
            builder.added() + builder.left_out()
        )?;
        return Ok(Outcome::BadData);
    }
    let by = &rec.by;
    let left_out = builder.left_out();
    let rows = builder.finish();
    let text = match args.format {
        Format::Json => to_json(&rows) + "\n",
        Format::Csv => to_csv(&rows, by, args.period.is_some()),
        Format::Table => to_table(&rows, by, args.period.is_some()),
    };
    sink.out.write_all(text.as_bytes())?;
    if left_out > 0 {
        writeln!(
            sink.err,
            "{left_out} dossier(s) received after the as-of instant left out"
        )?;
    }
    bad.summarise(&mut sink.err)?;
    Ok(Outcome::Ok)
}

/// What is done with each record: build and count it.
pub(crate) type OnRecord<'s> = dyn for<'a> FnMut(u64, &'a Columns, &'a dyn Fn(usize) -> Option<&'a str>) -> Result<(), Error>
    + 's;

fn read_csv<E: Write>(
    input: Box<dyn Read>,
    map: &HashMap<String, String>,
    by: &[String],
    on_record: &mut OnRecord<'_>,
    bad: &mut BadRows,
    err: &mut E,
) -> io::Result<Result<(), Error>> {
    let mut records = match CsvRecords::open(input, map, by) {
        Ok(r) => r,
        Err(e) => return Ok(Err(e)),
    };
    let columns = records.columns().clone();
    while let Some((line, rec)) = records.next_record() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                bad.push(e, err)?;
                continue;
            }
        };
        let get = |i: usize| rec.get(i);
        if let Err(e) = on_record(line, &columns, &get) {
            bad.push(e, err)?;
        }
    }
    Ok(Ok(()))
}

/// Builds the record's dossier and hands it to `count`; errors are located at the line (and
/// the id, when the record has one).
pub(crate) fn add_one<'r>(
    columns: &Columns,
    line: u64,
    get: &dyn Fn(usize) -> Option<&'r str>,
    dossier: &mut motcua::dossier::Dossier,
    count: impl FnOnce(&motcua::dossier::Dossier, &[&'r str]) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut groups: Vec<&'r str> = Vec::new();
    columns.build(line, get, dossier, &mut groups)?;
    count(dossier, &groups).map_err(|e| {
        let e = if e.kind() == ErrorKind::CsvField {
            e
        } else {
            columns.locate(line, dossier, e)
        };
        match columns.id(get) {
            Some(id) => Error::new(e.kind(), format!("{} (id {id})", e.message())).at_line(line),
            None => e,
        }
    })
}

/// Gives a record closure its higher-ranked signature.
pub(crate) fn on_record_fn<F>(f: F) -> F
where
    F: for<'a> FnMut(u64, &'a Columns, &'a dyn Fn(usize) -> Option<&'a str>) -> Result<(), Error>,
{
    f
}

fn read_jsonl<E: Write>(
    input: Box<dyn Read>,
    map: &HashMap<String, String>,
    by: &[String],
    on_record: &mut OnRecord<'_>,
    bad: &mut BadRows,
    err: &mut E,
) -> io::Result<Result<(), Error>> {
    // The header is every name the mapping can ask for.
    let mut header: Vec<String> = KNOWN_COLUMNS
        .iter()
        .chain(motcua::indicators::SERVICE_COLUMNS.iter())
        .map(|s| map.get(*s).cloned().unwrap_or_else(|| s.to_string()))
        .collect();
    for b in by {
        header.push(map.get(b).cloned().unwrap_or_else(|| b.clone()));
    }
    for v in map.values() {
        if !header.contains(v) {
            header.push(v.clone());
        }
    }
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let columns = match Columns::from_header(&header_refs, map, by) {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    let mut reader = BufReader::with_capacity(1 << 16, input);
    let mut buf = String::new();
    let mut line: u64 = 0;
    let mut cells: Vec<Option<String>> = vec![None; header.len()];
    let mut any = false;
    loop {
        buf.clear();
        if reader.read_line(&mut buf)? == 0 {
            break;
        }
        line += 1;
        let text = buf.trim().trim_start_matches('\u{feff}');
        if text.is_empty() {
            continue;
        }
        any = true;
        let obj: serde_json::Map<String, serde_json::Value> = match serde_json::from_str(text) {
            Ok(o) => o,
            Err(e) => {
                bad.push(
                    Error::new(ErrorKind::InvalidJson, format!("line {line}: {e}")).at_line(line),
                    err,
                )?;
                continue;
            }
        };
        for (i, name) in header.iter().enumerate() {
            if let Some(slot) = cells.get_mut(i) {
                *slot = match obj.get(name) {
                    None | Some(serde_json::Value::Null) => None,
                    Some(serde_json::Value::String(s)) => Some(s.clone()),
                    Some(v) => Some(v.to_string()),
                };
            }
        }
        let get = |i: usize| cells.get(i).and_then(|c| c.as_deref());
        if let Err(e) = on_record(line, &columns, &get) {
            bad.push(e, err)?;
        }
    }
    if !any {
        return Ok(Err(Error::new(
            ErrorKind::CsvEmpty,
            "the JSON-lines input has no record",
        )));
    }
    Ok(Ok(()))
}
