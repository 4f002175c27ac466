//! `motcua report`: the one-stop report table from dossier records (CSV or JSON lines),
//! streamed in constant memory.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDateTime;
use clap::{Args, ValueEnum};
use motcua::deadline::Rules;
use motcua::procedure::Catalogue;
use motcua::records::{
    run_text, OnBad, ReadOptions, RunOptions, Sink as RecordSink, Tally, TextFormat, TextSource,
    Transfers,
};
use motcua::report::{
    printable, stages_to_csv, stages_to_json, stages_to_table, to_csv, to_json, to_table, Context,
    PartialReport, PeriodKind, ReportOptions, ReportSink, StageSink,
};
use motcua::{Error, ErrorKind, WorkCalendar};

use crate::dossiers::{as_of, load_catalogue};
use crate::lines::Sink;
use crate::{usage, with_calendar, CalendarArgs, Outcome};

pub const REPORT_HELP: &str = "\
Input columns: received (required); time_limit (3wd, 15cd, 8wh, same_day, or the Vietnamese wording \
3 ngày làm việc, 15 ngày, 8 giờ làm việc, trong ngày) or procedure (a code of --catalogue; a row filling both is counted with its time_limit, and with its procedure's stages when it has some); optional channel (direct|online|postal; grouped by, the channel read: an empty cell is direct), supplement_requested, supplement_received, \
new_due (one apology or extension, taken as issued in time), resolved, withdrawn, refused, id (named in \
messages), stages (an inter-agency dossier's own stages, as JSON text: [{\"agency\",\"time_limit\"}], \
instead of its procedure's), and grouping columns (--by; records given by procedure code without a `field` or \
`level` column are grouped by their procedure's in the catalogue, and a JSON line without the key \
likewise). Each row is one dossier: a file that lists a dossier twice (two \
pages of an export, a status history) counts it twice, as ids are not checked for repeats (that takes \
memory in proportion to the file; the stream is read in constant memory). A row with no value in any column read (an empty \
spreadsheet row, {} in JSON lines) is no dossier and skipped, as a blank line is; one with values in other columns only \
(a footer) is skipped and said on stderr; so is a table with no resolved, refused or withdrawn column (every dossier then counted \
open). Column names match regardless of ASCII case (Resolved = resolved; a --map source exactly). An empty cell means absent; other columns are ignored. Dates: ISO or \
dd/mm/yyyy[ HH:MM[:SS]] (or h:mm[:ss] SA|CH, the Vietnamese 12-hour clock). A bad row is reported with line, column and value; by default the run then fails \
(exit 1, no table); --skip-bad reports the good rows and prints the count and first errors on stderr (exit 1: bad data, the table leaves them out). \
--as-of T shows the table as it stood at T (dossiers received after T left out, later events ignored; \
default now). Rates are fractions: resolved_rate = resolved / received, on_time_rate = (early + \
on_time) / resolved, online_rate = received_online / received_new; null (or – in the table) when the \
denominator is zero. The records are read on every core (MOTCUA_THREADS=N sets how many threads; the \
answer is the same). --stages prints, instead of the report, the per-agency stage table of \
inter-agency (liên thông) dossiers as of --as-of: for each agency the stages received, completed \
(early, on_time, late), holding the file (within, overdue, awaiting a supplement) and ended by the \
dossier's refusal or withdrawal (refused, withdrawn), on_time% = \
(early + on_time) / completed; stages come from each dossier's catalogue procedure (--catalogue, \
JSON `stages`, or a CSV catalogue's `stages` column of the same JSON text), and --transfers \
FILE (columns id, at, to) joins the transfers to the dossiers by id (a bad transfer, or an id no \
dossier has, is a bad row; an id on two dossiers fails the run).";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
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
    /// Group by these columns (comma-separated, e.g. field,agency); `field` and `level`, when the records have no such column, are each procedure's in the catalogue.
    #[arg(long, value_name = "COL[,COL]", value_delimiter = ',')]
    by: Vec<String>,
    /// Read the logical column NAME from the file's column SOURCE_COLUMN (repeatable).
    #[arg(long = "map", value_name = "NAME=SOURCE_COLUMN")]
    map: Vec<String>,
    /// Count the good rows and summarise the bad ones instead of failing.
    #[arg(long)]
    pub(crate) skip_bad: bool,
    /// Input format (default: by file extension, `.jsonl`/`.ndjson` (also `.gz`) = JSON lines,
    /// else CSV).
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
    /// Instead of the report table, the per-agency stage table of inter-agency dossiers:
    /// for each agency, stages received, completed early / on time / late, holding within /
    /// overdue / awaiting a supplement as of --as-of (the stages of each dossier's catalogue
    /// procedure, joined with --transfers).
    #[arg(long, conflicts_with_all = ["period", "by"])]
    stages: bool,
    /// Transfers between agencies: a CSV (or .jsonl) file with columns id, at, to (the
    /// dossier `id` reached the agency `to` at `at`), joined to the records by id.
    #[arg(long, value_name = "FILE")]
    transfers: Option<String>,
}

/// A transfers file read, with its bad rows.
type ReadTransfers = (Arc<Transfers>, BadRows);

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
    /// Whether a table without a column of a dossier's end is said (`report`, `scorecard`;
    /// not `worklist`, whose input may be the open dossiers alone).
    pub(crate) ends_expected: bool,
    input: String,
    format: TextFormat,
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
        let rules = crate::dossiers::rules_of(&self.rules);
        let mut read = ReadOptions::default();
        for m in &self.map {
            let Some((k, v)) = m.split_once('=') else {
                usage(&format!("--map {m}: expected NAME=SOURCE_COLUMN"));
            };
            if let Err(e) = read.map_column(k, v) {
                usage(&format!("--map {m}: {}", e.message()));
            }
        }
        let as_of = match as_of(self.as_of.as_deref()) {
            Ok(t) => t,
            Err(e) => usage(&e.to_string()),
        };
        read.group_by(&self.by);
        if let Err(e) = read.check() {
            usage(e.message());
        }
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
        Ok(Some(Records {
            calendar,
            catalogue,
            rules,
            map: read.map,
            by: read.by,
            as_of,
            skip_bad: self.skip_bad,
            ends_expected: true,
            input: self.input.clone(),
            format: text_format(&self.input, self.input_format),
        }))
    }
}

/// How many threads to read with: `MOTCUA_THREADS`, else every core.
fn threads<E: Write>(err: &mut E) -> io::Result<usize> {
    let Some(v) = std::env::var_os("MOTCUA_THREADS") else {
        return Ok(0);
    };
    match v.to_str().and_then(|v| v.trim().parse::<usize>().ok()) {
        Some(n) => Ok(n),
        // (The answer is the same on any number of threads: a note, not bad usage.)
        None => {
            writeln!(
                err,
                "note: MOTCUA_THREADS={} is not a number of threads (0 = every core): every \
                 core is used",
                v.to_string_lossy()
            )?;
            Ok(0)
        }
    }
}

impl Records {
    /// Reads every record into a partial report (with the scorecard's columns when
    /// `satisfaction_scale` is given); bad rows are collected in the returned [`BadRows`]
    /// (printed as they come unless `--skip-bad`). `Err` inside: the input could not be read
    /// at all (no header, missing column, no file).
    pub(crate) fn read<E: Write>(
        &self,
        opts: ReportOptions,
        satisfaction_scale: Option<u32>,
        err: &mut E,
    ) -> io::Result<Result<(PartialReport, Tally, BadRows), Error>> {
        let service = satisfaction_scale.is_some();
        let ctx = self.context();
        let read = self.read_options(satisfaction_scale);
        let r = self.run(
            &read,
            false,
            None,
            || ReportSink::new(ctx, opts.clone(), service),
            err,
        )?;
        Ok(r.map(|(sink, tally, bad)| (sink.into_partial(), tally, bad)))
    }

    /// The calendar, catalogue and rules the records are judged with.
    pub(crate) fn context(&self) -> Context<'_> {
        Context {
            calendar: &self.calendar,
            catalogue: self.catalogue.as_ref(),
            rules: self.rules,
        }
    }

    /// How the records are read (`--map`, `--by`, the scorecard's columns).
    pub(crate) fn read_options(&self, satisfaction_scale: Option<u32>) -> ReadOptions {
        ReadOptions {
            map: self.map.clone(),
            by: self.by.clone(),
            satisfaction_scale,
        }
    }

    /// Runs every record through sinks made by `make` (each dossier's `id` set when `ids`),
    /// with `transfers` joined by id (transfers no record carried are bad rows too), as
    /// [`read`](Self::read) does.
    pub(crate) fn run<S: RecordSink, E: Write>(
        &self,
        read: &ReadOptions,
        ids: bool,
        transfers: Option<ReadTransfers>,
        make: impl Fn() -> S + Sync,
        err: &mut E,
    ) -> io::Result<Result<(S, Tally, BadRows), Error>> {
        let (input, bar) = match open_input(&self.input) {
            Ok(r) => r,
            Err(e) => return Ok(Err(e)),
        };
        let (transfers, mut bad) = match transfers {
            Some((t, bad)) => (Some(t), bad),
            None => (None, BadRows::new(!self.skip_bad)),
        };
        // (A note that cannot be written: the error of output that cannot be written.)
        let unwritten = |e: io::Error| Error::new(ErrorKind::Io, format!("cannot write: {e}"));
        let result = (|| {
            let mut source = TextSource::open(input, self.format, read)?;
            let mut layout = source.resolve(read)?.with_ids(ids);
            // Other columns are ignored: one that looks like a column not found (`resolved_at`,
            // `chanel`) is said, or its values are left out without a word.
            for (name, column) in source.near_misses(&layout) {
                // (Quoted for the shell when the name has a space: `Ngày có kết quả`.)
                let arg = if name.contains(char::is_whitespace) {
                    format!("\"{column}={name}\"")
                } else {
                    format!("{column}={name}")
                };
                writeln!(
                    err,
                    "note: column `{name}` is not read; if it holds `{column}`, rename it or \
                     pass --map {arg}"
                )
                .map_err(unwritten)?;
            }
            if let Some(note) = layout
                .no_end_note("--map resolved=COLUMN")
                .filter(|_| self.ends_expected)
            {
                writeln!(err, "note: {note}").map_err(unwritten)?;
            }
            if let Some(t) = &transfers {
                layout = layout.with_transfers(t.clone())?;
            }
            let run = RunOptions {
                threads: threads(err).map_err(unwritten)?,
                on_bad: OnBad::Skip,
                first_row: 0,
            };
            let mut io_err = None;
            let (sink, tally) = run_text(&mut source, &layout, &run, make, |e| {
                if let Err(x) = bad.push(e, err) {
                    io_err.get_or_insert(x);
                }
            })?;
            if let Some(t) = &transfers {
                for e in t.unjoined()? {
                    if let Err(x) = bad.push(e, err) {
                        io_err.get_or_insert(x);
                    }
                }
            }
            Ok((sink, tally, io_err))
        })();
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        match result {
            Ok((sink, tally, None)) => Ok(Ok((sink, tally, bad))),
            Ok((_, _, Some(e))) => Err(e),
            Err(e) => Ok(Err(e)),
        }
    }

    /// With bad rows and without `--skip-bad`: says so (exit 1) and returns `true`.
    pub(crate) fn refuse_bad<W: Write, E: Write>(
        &self,
        sink: &mut Sink<W, E>,
        bad: &BadRows,
        tally: &Tally,
        what: &str,
        verb: &str,
    ) -> io::Result<bool> {
        if bad.count == 0 || self.skip_bad {
            return Ok(false);
        }
        sink.failed = true;
        // The rows the table would count: those received after the as-of instant are left
        // out of it (and not checked), said apart.
        let later = match tally.left_out {
            0 => String::new(),
            n => format!("; {n} more received after the as-of instant are left out"),
        };
        writeln!(
            sink.err,
            "{} bad row(s): no {what} (fix them, or use --skip-bad to {verb} the {} good \
             rows{later})",
            bad.count, tally.counted
        )?;
        Ok(true)
    }

    /// Reads the transfers file of `--transfers`, if given: bad transfers are bad rows
    /// (printed as they come unless `--skip-bad`; the dossier a bad transfer names becomes a
    /// bad row too). `Err` inside: the file cannot be read (no file, no header, a missing
    /// column).
    pub(crate) fn read_transfers<E: Write>(
        &self,
        path: Option<&str>,
        err: &mut E,
    ) -> io::Result<Result<Option<ReadTransfers>, Error>> {
        let Some(path) = path else {
            return Ok(Ok(None));
        };
        let mut bad = BadRows::new(!self.skip_bad);
        let mut io_err = None;
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) => {
                return Ok(Err(Error::new(
                    ErrorKind::Io,
                    format!("cannot read {path}: {e}"),
                )))
            }
        };
        let t = Transfers::read_text(
            io::BufReader::new(file),
            text_format(path, None),
            OnBad::Skip,
            |e| {
                if let Err(x) = bad.push(e, err) {
                    io_err.get_or_insert(x);
                }
            },
        );
        if let Some(e) = io_err {
            return Err(e);
        }
        Ok(t.map(|t| Some((Arc::new(t), bad))))
    }
}

/// The format of an input: `--input-format`, else by its name ([`TextFormat::of_name`]:
/// `.jsonl`/`.ndjson`, also with `.gz`, = JSON lines, else CSV).
fn text_format(path: &str, given: Option<InputFormat>) -> TextFormat {
    match given {
        Some(InputFormat::Jsonl) => TextFormat::JsonLines,
        Some(InputFormat::Csv) => TextFormat::Csv,
        None => TextFormat::of_name(path),
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

    /// After the answer was written (with `--skip-bad`): the count and the first errors on
    /// stderr, and the exit status: 1 when any row was skipped (bad data, as every command's
    /// bad line is: the run went on, and the answer leaves those rows out), else 0.
    pub(crate) fn finish<W: Write, E: Write>(&self, sink: &mut Sink<W, E>) -> io::Result<Outcome> {
        if self.count == 0 {
            return Ok(Outcome::Ok);
        }
        writeln!(sink.err, "skipped {} bad row(s); the first:", self.count)?;
        for e in &self.shown {
            write_row_error(&mut sink.err, "  ", e)?;
        }
        sink.failed = true;
        Ok(Outcome::BadData)
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

/// One bad row on stderr: `line N: code: message (id X)`.
fn write_row_error<E: Write>(err: &mut E, indent: &str, e: &Error) -> io::Result<()> {
    let id = e.id().map(|id| format!(" (id {id})")).unwrap_or_default();
    match e.line() {
        Some(l) => writeln!(
            err,
            "{indent}line {l}: {}: {}{id}",
            e.code(),
            printable(e.message())
        ),
        None => writeln!(err, "{indent}{}: {}{id}", e.code(), printable(e.message())),
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

pub(crate) use motcua::records::{gunzip, Input};

/// Opens the input (gzip read transparently); a file read with stderr on a terminal gets a
/// progress bar on stderr (of the compressed bytes).
fn open_input(path: &str) -> Result<(Input, Option<indicatif::ProgressBar>), Error> {
    let (input, bar) = open_raw(path)?;
    Ok((gunzip(input)?, bar))
}

fn open_raw(path: &str) -> Result<(Input, Option<indicatif::ProgressBar>), Error> {
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
    if let Err(e) = motcua::report::check_grouping(&rec.by, args.period.is_some()) {
        crate::usage(e.message());
    }
    let opts = ReportOptions {
        as_of: rec.as_of,
        by: rec.by.clone(),
        period: args.period.map(|p| match p {
            PeriodArg::Month => PeriodKind::Month,
            PeriodArg::Quarter => PeriodKind::Quarter,
            PeriodArg::Year => PeriodKind::Year,
        }),
    };
    let transfers = match rec.read_transfers(args.transfers.as_deref(), &mut sink.err)? {
        Ok(t) => t,
        Err(e) => return fail(sink, &e),
    };
    if args.stages {
        let known_moves = transfers.is_some();
        let ctx = rec.context();
        let read = rec.run(
            &rec.read_options(None),
            false,
            transfers,
            || StageSink::new(ctx, rec.as_of),
            &mut sink.err,
        )?;
        let (table, tally, bad) = match read {
            Ok(r) => r,
            Err(e) => return fail(sink, &e),
        };
        if rec.refuse_bad(sink, &bad, &tally, "report", "report")? {
            return Ok(Outcome::BadData);
        }
        let rows = table.into_table().rows();
        let text = match args.format {
            Format::Json => stages_to_json(&rows) + "\n",
            Format::Csv => stages_to_csv(&rows),
            Format::Table => stages_to_table(&rows),
        };
        sink.out.write_all(text.as_bytes())?;
        if !known_moves && rows.iter().any(|r| r.agency.is_some()) {
            writeln!(sink.err, "{NO_TRANSFERS}")?;
        }
        return finish(sink, &tally, &bad);
    }
    let read = match transfers {
        None => rec.read(opts, None, &mut sink.err)?,
        Some(t) => {
            let ctx = rec.context();
            rec.run(
                &rec.read_options(None),
                false,
                Some(t),
                || ReportSink::new(ctx, opts.clone(), false),
                &mut sink.err,
            )?
            .map(|(s, tally, bad)| (s.into_partial(), tally, bad))
        }
    };
    let (partial, tally, bad) = match read {
        Ok(r) => r,
        Err(e) => return fail(sink, &e),
    };
    if rec.refuse_bad(sink, &bad, &tally, "report", "report")? {
        return Ok(Outcome::BadData);
    }
    let by = &rec.by;
    let rows = partial.rows();
    let text = match args.format {
        Format::Json => to_json(&rows) + "\n",
        Format::Csv => to_csv(&rows, by, args.period.is_some()),
        Format::Table => to_table(&rows, by, args.period.is_some()),
    };
    sink.out.write_all(text.as_bytes())?;
    for note in partial.empty_group_notes() {
        writeln!(sink.err, "note: {note}")?;
    }
    finish(sink, &tally, &bad)
}

/// The note after a stage table or a worklist of inter-agency dossiers read without
/// `--transfers`: the files' moves are not known, so each is counted at its first stage.
pub(crate) const NO_TRANSFERS: &str = "note: without --transfers the files' moves between \
agencies are not known: each inter-agency file is taken to be still at its first stage's agency";

/// After the table (report, scorecard, worklist): the dossiers left out and the bad rows
/// skipped, on stderr (counted + left out + skipped = the rows read).
pub(crate) fn finish<W: Write, E: Write>(
    sink: &mut Sink<W, E>,
    tally: &Tally,
    bad: &BadRows,
) -> io::Result<Outcome> {
    if tally.left_out > 0 {
        writeln!(
            sink.err,
            "{} dossier(s) received after the as-of instant left out",
            tally.left_out
        )?;
    }
    if let Some(note) = tally.unread_note("--map") {
        writeln!(sink.err, "note: {note}")?;
    }
    bad.finish(sink)
}
