//! `motcua`: the command-line tool. JSON out, one line per answer; `-` reads one query per stdin
//! line. Exit codes: 0 all good, 1 bad data, 2 bad usage. See DESIGN.md, "Public surfaces".

mod dossiers;
mod lines;
mod report;
mod scorecard;
mod worklist;

use motcua::error::excerpt;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand};
use motcua::civil::parse_day;
use motcua::vn::{Preset, Schedules, VnOptions};
use motcua::{CalendarSpec, Error, ErrorKind, WorkCalendar};

use lines::{fields, for_each_stdin_line, push_date_json, push_int, Sink};

const CALENDAR_HELP: &str = "\
Calendar: by default the Vietnamese public-sector calendar, 1995-01-01..2199-12-31 (statutory \
holidays by the law of each year, compensatory days, the official schedules 2016-2026 with their \
swaps and make-up Saturdays; later years computed from the statute and marked provisional; \
24 November a holiday from 2026; Monday-Saturday weeks before 1999-10-02). --no-official: the \
statute alone, without the embedded announced schedules, every year then `statutory` (none \
`provisional`: none waits for an announcement; a --schedules FILE given with it still applies: \
its years are yours). --include-pending: also arrangements reported without a decision found (the 2026 \
swap of 23 November, worked 28 November). --schedules FILE: announced years (the format `motcua \
schedule YEAR` prints); a year in the file replaces that year. --calendar FILE uses a JSON \
calendar spec instead: {\"weekmask\": \"1111100\", \"from\": \"2000-01-01\", \"to\": \
\"2050-12-31\", \"holidays\": [...], \"working_days\": [...], \"office_hours\": \
[[\"07:30\",\"11:30\"],[\"13:00\",\"17:00\"]]}.";

#[derive(Parser, Debug)]
#[command(
    name = "motcua",
    version,
    about = "Vietnamese working days, one-stop deadlines and reports",
    long_about = "Vietnamese working days, one-stop (một cửa) deadlines and reports.\n\n\
Every command prints JSON, one line per answer. A positional input given as `-` reads one query \
per stdin line and answers each with exactly one stdout line, in order; a bad line is answered with \
{\"error\":{\"line\":N,\"code\":...,\"message\":...}} (and `line N: code: message` on stderr), the run \
goes on, and the exit code is 1. Exit codes: 0 all good, 1 bad data, 2 bad usage.",
    after_help = CALENDAR_HELP
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Debug, Clone)]
pub(crate) struct CalendarArgs {
    /// A calendar spec JSON file instead of the built-in calendar.
    #[arg(long, value_name = "FILE")]
    calendar: Option<PathBuf>,
    /// The statute alone: ignore the embedded announced schedules (swaps, make-up days); every
    /// year is then `statutory`, none `provisional`; a --schedules FILE still applies.
    #[arg(long, conflicts_with = "calendar")]
    no_official: bool,
    /// Also apply arrangements reported without a decision found (kind `pending`).
    #[arg(long, conflicts_with = "calendar")]
    include_pending: bool,
    /// Announced schedules (JSON, the format of `motcua schedule YEAR`): each year in the file
    /// replaces that year of the Vietnamese calendar.
    #[arg(long, value_name = "FILE", conflicts_with = "calendar")]
    schedules: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Is DATE a working day? → true|false   [stdin line: DATE]
    #[command(after_help = CALENDAR_HELP)]
    IsWorking {
        /// YYYY-MM-DD (or dd/mm/yyyy; an instant is its day in Vietnam: 2026-04-29T23:00Z is 30
        /// April), or `-` for stdin.
        date: String,
        #[command(flatten)]
        cal: CalendarArgs,
    },
    /// The N-th working day after DATE (before it for N < 0; N = 0 rolls forward) → "YYYY-MM-DD"   [stdin line: DATE N]
    #[command(after_help = CALENDAR_HELP, allow_negative_numbers = true)]
    AddDays {
        /// YYYY-MM-DD, or `-` for stdin.
        date: String,
        /// Number of working days (may be negative); omitted with `-`.
        n: Option<String>,
        #[command(flatten)]
        cal: CalendarArgs,
    },
    /// Working days d with A < d ≤ B (negative when B < A) → integer   [stdin line: A B]
    #[command(after_help = CALENDAR_HELP)]
    Between {
        /// YYYY-MM-DD, or `-` for stdin.
        a: String,
        /// YYYY-MM-DD; omitted with `-`.
        b: Option<String>,
        #[command(flatten)]
        cal: CalendarArgs,
    },
    /// Every non-working date in [FROM, TO], weekends included → JSON array   [stdin line: FROM TO]
    #[command(after_help = CALENDAR_HELP)]
    DaysOff {
        /// YYYY-MM-DD, or `-` for stdin.
        from: String,
        /// YYYY-MM-DD; omitted with `-`.
        to: Option<String>,
        #[command(flatten)]
        cal: CalendarArgs,
    },
    /// The named days of YEAR: holidays, compensatory, swapped, make-up working days → JSON array   [stdin line: YEAR]
    ///
    /// Each day: {"date","name_vi","name_en","kind"}, kind one of statutory, compensatory,
    /// swapped, makeup_working_day, provisional (a year not yet announced), pending (applied
    /// only with --include-pending). With --calendar, the kind a day's entry in the spec
    /// states; a bare date is `holiday` (from `holidays`) or `closure` (from `closures`).
    #[command(after_help = CALENDAR_HELP)]
    Holidays {
        /// The Gregorian year, or `-` for stdin.
        year: String,
        #[command(flatten)]
        cal: CalendarArgs,
    },
    /// YEAR of the Vietnamese calendar in the schedules-file format (to edit and pass back with --schedules) → {"years":{"YYYY":{...}}}   [stdin line: YEAR]. The Vietnamese calendar's only: --calendar is bad usage here
    #[command(after_help = CALENDAR_HELP)]
    Schedule {
        /// The Gregorian year, or `-` for stdin.
        year: String,
        #[command(flatten)]
        cal: CalendarArgs,
    },
    /// The Vietnamese lunar date of DATE → {"year","month","day","leap"}   [stdin line: DATE]
    Lunar {
        /// YYYY-MM-DD (1900-01-31..2199-12-31), or `-` for stdin.
        date: String,
    },
    /// The Gregorian date of a Vietnamese lunar date → "YYYY-MM-DD"   [stdin line: YEAR MONTH DAY [true|false]]
    Solar {
        /// Lunar year (the Gregorian year of its Tết), or `-` for stdin.
        year: String,
        /// Lunar month 1..12.
        month: Option<String>,
        /// Day 1..30.
        day: Option<String>,
        /// The leap month of that number.
        #[arg(long)]
        leap: bool,
    },
    /// Due dates of dossiers (JSON lines) → {"due","due_at","rule_set",...}
    #[command(after_help = dossiers::DOSSIER_HELP)]
    Due(dossiers::DueArgs),
    /// Due dates and outcomes of dossiers (JSON lines) as of an instant → {..., "outcome"}
    #[command(after_help = dossiers::DOSSIER_HELP)]
    Classify(dossiers::ClassifyArgs),
    /// The one-stop report table from dossier records (CSV or JSON lines)
    #[command(after_help = report::REPORT_HELP)]
    Report(report::ReportArgs),
    /// The office scorecard: service indicators (on time, online, postal, digitised, satisfaction, feedback) against targets
    #[command(after_help = scorecard::SCORECARD_HELP)]
    Scorecard(scorecard::ScorecardArgs),
    /// The desk's worklist: open dossiers overdue, due today or soon, awaiting a supplement, with the last day for the apology
    #[command(after_help = worklist::WORKLIST_HELP)]
    Worklist(worklist::WorklistArgs),
}

/// How a command ended.
pub(crate) enum Outcome {
    Ok,
    BadData,
}

/// The subcommand being run, for usage errors (they show its usage, not the top level's).
static SUBCOMMAND: std::sync::OnceLock<String> = std::sync::OnceLock::new();

fn main() -> ExitCode {
    let matches = Cli::command()
        .try_get_matches()
        .unwrap_or_else(|e| exit_usage(e));
    if let Some(name) = matches.subcommand_name() {
        let _ = SUBCOMMAND.set(name.to_string());
    }
    let cli = match <Cli as clap::FromArgMatches>::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => exit_usage(e),
    };
    if stdout_closed() {
        // Rust's standard output takes writes to a closed descriptor as done: every answer
        // would be lost with exit 0.
        eprintln!("io: standard output is closed: no answer can be written");
        return ExitCode::from(1);
    }
    let stdout = io::stdout();
    let stderr = io::stderr();
    let mut sink = Sink::new(
        BufWriter::with_capacity(1 << 16, stdout.lock()),
        stderr.lock(),
    );
    let result = run(cli.command, &mut sink);
    let flushed = sink.out.flush();
    match (result, flushed) {
        (Ok(Outcome::Ok), Ok(())) if !sink.failed => ExitCode::SUCCESS,
        (Ok(_), Ok(())) => ExitCode::from(1),
        // The reader went away (`| head -1`): the answers were not all delivered, so the run
        // did not succeed (DESIGN: exit 1 "also when stdout was closed early"), silently.
        (Err(e), _) | (_, Err(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(1),
        (Err(e), _) | (_, Err(e)) => {
            let _ = writeln!(sink.err, "io: {e}");
            ExitCode::from(1)
        }
    }
}

/// A usage error (exit 2) in clap's format, with the running subcommand's usage.
pub(crate) fn usage(msg: &str) -> ! {
    let mut cli = Cli::command();
    cli.build();
    let kind = clap::error::ErrorKind::ValueValidation;
    match SUBCOMMAND
        .get()
        .and_then(|name| cli.find_subcommand_mut(name))
    {
        Some(sub) => exit_usage(sub.error(kind, msg)),
        None => exit_usage(cli.error(kind, msg)),
    }
}

/// Exits with clap's answer to `e`: help and version as clap prints them, and a usage error
/// (exit 2) as one line on stderr (DESIGN: messages on stderr, one line each), clap's tip and
/// usage joined to it with `; `.
fn exit_usage(e: clap::Error) -> ! {
    use clap::error::ErrorKind as K;
    if matches!(
        e.kind(),
        K::DisplayHelp | K::DisplayVersion | K::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        e.exit()
    }
    let text = e.render().to_string();
    let parts: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("For more information"))
        .collect();
    let mut line = String::new();
    let mut prev: Option<&str> = None;
    for part in parts {
        // (a list under a heading ending in `:` continues it; other lines are new parts)
        let sep = match prev {
            None => "",
            Some(p) if p.ends_with(':') => " ",
            Some(_) => "; ",
        };
        line.push_str(sep);
        line.push_str(part);
        prev = Some(part);
    }
    let _ = writeln!(io::stderr(), "{line}");
    std::process::exit(2)
}

/// Whether standard output was closed when the program started (`>&-`). Rust's runtime then
/// opens `/dev/null` read-write in its place (a shell's `> /dev/null` opens it write-only), and
/// every answer would be lost with exit 0. Linux only (read from `/proc`).
fn stdout_closed() -> bool {
    #[cfg(target_os = "linux")]
    {
        let null = std::fs::read_link("/proc/self/fd/1")
            .is_ok_and(|p| p == std::path::Path::new("/dev/null"));
        // `flags:` in octal; the access mode is its lowest two bits (2 = read-write).
        let read_write = || {
            std::fs::read_to_string("/proc/self/fdinfo/1").is_ok_and(|info| {
                info.lines()
                    .find_map(|l| l.strip_prefix("flags:"))
                    .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
                    .is_some_and(|f| f & 3 == 2)
            })
        };
        null && read_write()
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

/// `--as-of T` must fall inside the calendar: a bad option value is bad usage (exit 2),
/// reported before any input is read, not an error blamed on every open row.
pub(crate) fn check_as_of(t: chrono::NaiveDateTime, calendar: &WorkCalendar) {
    if calendar.check_as_of(t).is_err() {
        usage(&format!(
            "--as-of {} is outside the calendar's range {}..{}",
            motcua::civil::format_instant(t),
            calendar.from(),
            calendar.to()
        ));
    }
}

/// The stdin/argument switch: `Some(rest)` when the first positional is a value.
fn stdin_or_args<'a>(first: &'a str, rest: &[(&str, &'a Option<String>)]) -> Option<Vec<&'a str>> {
    if first == "-" {
        if let Some((name, _)) = rest.iter().find(|(_, v)| v.is_some()) {
            usage(&format!(
                "with `-` (stdin) the queries come from stdin: drop the argument {name}"
            ));
        }
        return None;
    }
    let mut v = vec![first];
    for (name, value) in rest {
        match value {
            // `-` stands for the whole query, one per stdin line: first and alone.
            Some(x) if x == "-" => usage(&format!(
                "`-` for {name}: stdin gives whole queries, one per line; give `-` alone, as \
                 the first argument"
            )),
            Some(x) => v.push(x.as_str()),
            None => usage(&format!(
                "missing argument {name} (or give `-` to read queries from stdin)"
            )),
        }
    }
    Some(v)
}

pub(crate) fn load_calendar(args: &CalendarArgs) -> Result<WorkCalendar, Error> {
    match &args.calendar {
        Some(path) => {
            let text = read_text(path, "calendar", ErrorKind::InvalidSpec)?;
            let spec = CalendarSpec::from_json(&text)
                .map_err(|e| Error::new(e.kind(), format!("{}: {}", path.display(), e)))?;
            spec.compile()
                .map_err(|e| Error::new(e.kind(), format!("{}: {}", path.display(), e)))
        }
        None => load_preset(args)?.calendar(),
    }
}

/// The text of the `what` file at `path` (UTF-8, or UTF-16 with its byte-order mark, as the
/// core decodes it); bytes that are not text are an error of `kind` naming the file and line.
pub(crate) fn read_text(
    path: &std::path::Path,
    what: &str,
    kind: ErrorKind,
) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|e| {
        Error::new(
            ErrorKind::Io,
            format!("cannot read {what} {}: {e}", path.display()),
        )
    })?;
    let name = format!("{what} {}", path.display());
    motcua::records::decode_text(&bytes, kind, &name).map(std::borrow::Cow::into_owned)
}

/// The Vietnamese preset of the calendar options (`--no-official`, `--include-pending`,
/// `--schedules FILE`).
fn load_preset(args: &CalendarArgs) -> Result<Preset, Error> {
    if args.no_official && args.include_pending && args.schedules.is_none() {
        eprintln!(
            "note: --include-pending adds nothing with --no-official: the pending days are \
             arrangements of an announced schedule, which --no-official leaves out"
        );
    }
    let preset = Preset::new(VnOptions {
        official: !args.no_official,
        include_pending: args.include_pending,
    });
    match &args.schedules {
        None => Ok(preset),
        Some(path) => {
            let text = read_text(path, "schedules", ErrorKind::InvalidSchedule)?;
            let schedules = Schedules::from_json(&text)
                .map_err(|e| Error::new(e.kind(), format!("{}: {}", path.display(), e)))?;
            Ok(preset.with_schedules(schedules))
        }
    }
}

fn parse_n(s: &str) -> Result<i64, Error> {
    s.trim().parse::<i64>().map_err(|_| {
        Error::new(
            ErrorKind::InvalidNumber,
            format!("`{}` is not an integer number of days", excerpt(s)),
        )
    })
}

type Query<'c> = Box<dyn FnMut(&[&str], &mut Vec<u8>) -> Result<(), Error> + 'c>;

/// Runs a query either once on the arguments or once per stdin line.
fn answer<W: Write, E: Write>(
    sink: &mut Sink<W, E>,
    args: Option<Vec<&str>>,
    names: &[&str],
    mut query: Query<'_>,
) -> io::Result<Outcome> {
    match args {
        Some(values) => {
            let mut out = Vec::with_capacity(64);
            match query(&values, &mut out) {
                Ok(()) => sink.answer(&out)?,
                Err(e) => sink.error(None, &e)?,
            }
        }
        None => {
            for_each_stdin_line(sink, |line, out| {
                let parts = fields(line, names)?;
                query(&parts, out)
            })?;
        }
    }
    Ok(if sink.failed {
        Outcome::BadData
    } else {
        Outcome::Ok
    })
}

pub(crate) fn with_calendar<W: Write, E: Write>(
    sink: &mut Sink<W, E>,
    cal: &CalendarArgs,
) -> io::Result<Option<WorkCalendar>> {
    loaded(sink, load_calendar(cal))
}

/// The loaded value, or `None` after reporting why it failed (exit 1: a bad file).
fn loaded<T, W: Write, E: Write>(
    sink: &mut Sink<W, E>,
    value: Result<T, Error>,
) -> io::Result<Option<T>> {
    match value {
        Ok(c) => Ok(Some(c)),
        Err(e) => {
            sink.failed = true;
            writeln!(sink.err, "{}: {e}", e.code())?;
            Ok(None)
        }
    }
}

fn field<'a>(values: &[&'a str], i: usize) -> &'a str {
    values.get(i).copied().unwrap_or("")
}

fn run<W: Write, E: Write>(command: Command, sink: &mut Sink<W, E>) -> io::Result<Outcome> {
    match command {
        Command::IsWorking { date, cal } => {
            let args = stdin_or_args(&date, &[]);
            let Some(c) = with_calendar(sink, &cal)? else {
                return Ok(Outcome::BadData);
            };
            answer(
                sink,
                args,
                &["DATE"],
                Box::new(|v, out| {
                    let d = parse_day(field(v, 0))?;
                    out.extend_from_slice(if c.is_working_day(d)? {
                        b"true"
                    } else {
                        b"false"
                    });
                    Ok(())
                }),
            )
        }
        Command::AddDays { date, n, cal } => {
            let args = stdin_or_args(&date, &[("N", &n)]);
            let Some(c) = with_calendar(sink, &cal)? else {
                return Ok(Outcome::BadData);
            };
            answer(
                sink,
                args,
                &["DATE", "N"],
                Box::new(|v, out| {
                    let d = parse_day(field(v, 0))?;
                    let n = parse_n(field(v, 1))?;
                    push_date_json(out, c.add_working_days(d, n)?);
                    Ok(())
                }),
            )
        }
        Command::Between { a, b, cal } => {
            let args = stdin_or_args(&a, &[("B", &b)]);
            let Some(c) = with_calendar(sink, &cal)? else {
                return Ok(Outcome::BadData);
            };
            answer(
                sink,
                args,
                &["A", "B"],
                Box::new(|v, out| {
                    let a = parse_day(field(v, 0))?;
                    let b = parse_day(field(v, 1))?;
                    push_int(out, c.working_days_between(a, b)?);
                    Ok(())
                }),
            )
        }
        Command::DaysOff { from, to, cal } => {
            let args = stdin_or_args(&from, &[("TO", &to)]);
            let Some(c) = with_calendar(sink, &cal)? else {
                return Ok(Outcome::BadData);
            };
            answer(
                sink,
                args,
                &["FROM", "TO"],
                Box::new(|v, out| {
                    let a = parse_day(field(v, 0))?;
                    let b = parse_day(field(v, 1))?;
                    let days = c.days_off(a, b)?;
                    out.push(b'[');
                    for (i, d) in days.into_iter().enumerate() {
                        if i > 0 {
                            out.push(b',');
                        }
                        push_date_json(out, d);
                    }
                    out.push(b']');
                    Ok(())
                }),
            )
        }
        Command::Holidays { year, cal } => {
            let args = stdin_or_args(&year, &[]);
            let source = match &cal.calendar {
                Some(_) => match with_calendar(sink, &cal)? {
                    Some(c) => HolidaySource::Spec(c),
                    None => return Ok(Outcome::BadData),
                },
                None => match loaded(sink, load_preset(&cal))? {
                    Some(p) => HolidaySource::Vietnam(p),
                    None => return Ok(Outcome::BadData),
                },
            };
            answer(
                sink,
                args,
                &["YEAR"],
                Box::new(|v, out| {
                    let year = parse_year(field(v, 0))?;
                    let json = match &source {
                        HolidaySource::Vietnam(preset) => to_json(&preset.holidays(year)?),
                        HolidaySource::Spec(c) => to_json(&spec_days(c, year)?),
                    };
                    out.extend_from_slice(json.as_bytes());
                    Ok(())
                }),
            )
        }
        Command::Schedule { year, cal } => {
            if cal.calendar.is_some() {
                usage("`schedule` prints a year of the Vietnamese calendar: drop --calendar");
            }
            let args = stdin_or_args(&year, &[]);
            let Some(preset) = loaded(sink, load_preset(&cal))? else {
                return Ok(Outcome::BadData);
            };
            answer(
                sink,
                args,
                &["YEAR"],
                Box::new(|v, out| {
                    let year = parse_year(field(v, 0))?;
                    out.extend_from_slice(preset.schedule_json(year)?.as_bytes());
                    Ok(())
                }),
            )
        }
        Command::Lunar { date } => {
            let args = stdin_or_args(&date, &[]);
            answer(
                sink,
                args,
                &["DATE"],
                Box::new(|v, out| {
                    let l = motcua::lunar::to_lunar(parse_day(field(v, 0))?)?;
                    out.extend_from_slice(to_json(&l).as_bytes());
                    Ok(())
                }),
            )
        }
        Command::Solar {
            year,
            month,
            day,
            leap,
        } => {
            let args = stdin_or_args(&year, &[("MONTH", &month), ("DAY", &day)]);
            let from_args = args.is_some();
            match args {
                Some(values) => {
                    let mut out = Vec::new();
                    match solar(
                        field(&values, 0),
                        field(&values, 1),
                        field(&values, 2),
                        leap,
                    ) {
                        Ok(d) => {
                            push_date_json(&mut out, d);
                            sink.answer(&out)?;
                        }
                        Err(e) => sink.error(None, &e)?,
                    }
                }
                None => {
                    debug_assert!(!from_args);
                    if leap {
                        usage(
                            "with `-` each stdin line gives its own leap flag (`YEAR MONTH DAY \
                             true`): drop --leap",
                        );
                    }
                    for_each_stdin_line(sink, |line, out| {
                        let parts: Vec<&str> = line.split_whitespace().collect();
                        let leap = match parts.get(3).copied() {
                            None => false,
                            Some("true") => true,
                            Some("false") => false,
                            Some(other) => {
                                return Err(Error::new(
                                    ErrorKind::InvalidArgument,
                                    format!("leap flag `{other}` must be true or false"),
                                ))
                            }
                        };
                        if !(3..=4).contains(&parts.len()) {
                            return Err(Error::new(
                                ErrorKind::InvalidArgument,
                                format!(
                                    "expected `YEAR MONTH DAY [true|false]`, got {} field(s)",
                                    parts.len()
                                ),
                            ));
                        }
                        let d = solar(field(&parts, 0), field(&parts, 1), field(&parts, 2), leap)?;
                        push_date_json(out, d);
                        Ok(())
                    })?;
                }
            }
            Ok(if sink.failed {
                Outcome::BadData
            } else {
                Outcome::Ok
            })
        }
        Command::Due(args) => dossiers::run_due(args, sink),
        Command::Classify(args) => dossiers::run_classify(args, sink),
        Command::Report(args) => report::run(args, sink),
        Command::Scorecard(args) => scorecard::run(args, sink),
        Command::Worklist(args) => worklist::run(args, sink),
    }
}

enum HolidaySource {
    Vietnam(Preset),
    Spec(WorkCalendar),
}

/// A named day of a custom spec, as `holidays` prints it (the Vietnamese days' shape).
#[derive(serde::Serialize)]
struct SpecDayOut<'a> {
    date: chrono::NaiveDate,
    name_vi: &'a str,
    name_en: &'a str,
    kind: &'static str,
}

fn spec_days(c: &WorkCalendar, year: i32) -> Result<Vec<SpecDayOut<'_>>, Error> {
    Ok(c.spec()
        .listed_days(year)?
        .into_iter()
        .map(|d| SpecDayOut {
            date: d.date,
            name_vi: d.name.unwrap_or(""),
            name_en: d.name.unwrap_or(""),
            kind: d.kind,
        })
        .collect())
}

fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".to_string())
}

fn parse_year(s: &str) -> Result<i32, Error> {
    s.trim().parse::<i32>().map_err(|_| {
        Error::new(
            ErrorKind::InvalidNumber,
            format!("`{}` is not a year", excerpt(s)),
        )
    })
}

fn parse_small(s: &str, what: &str) -> Result<u8, Error> {
    s.trim().parse::<u8>().map_err(|_| {
        Error::new(
            ErrorKind::InvalidLunarDate,
            format!("`{}` is not a valid lunar {what}", excerpt(s)),
        )
    })
}

fn solar(year: &str, month: &str, day: &str, leap: bool) -> Result<chrono::NaiveDate, Error> {
    let y = parse_year(year)?;
    let m = parse_small(month, "month")?;
    let d = parse_small(day, "day")?;
    motcua::lunar::from_lunar(y, m, d, leap)
}
