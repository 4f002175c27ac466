//! `motcua`: the command-line tool. JSON out, one line per answer; `-` reads one query per stdin
//! line. Exit codes: 0 all good, 1 bad data, 2 bad usage. See DESIGN.md, "Public surfaces".

mod lines;

use std::io::{self, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand};
use motcua::civil::parse_date;
use motcua::{CalendarSpec, Error, ErrorKind, WorkCalendar};

use lines::{fields, for_each_line, push_date_json, push_int, Sink};

const CALENDAR_HELP: &str = "\
Calendar: by default the built-in Monday-Friday calendar with no holidays, 1995-01-01..2199-12-31 \
(the Vietnamese public-sector calendar replaces it when it lands). --calendar FILE uses a JSON \
calendar spec instead: {\"weekmask\": \"1111100\", \"from\": \"2000-01-01\", \"to\": \"2050-12-31\", \
\"holidays\": [...], \"working_days\": [...], \"office_hours\": [[\"07:30\",\"11:30\"],[\"13:00\",\"17:00\"]]}.";

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
struct CalendarArgs {
    /// A calendar spec JSON file instead of the built-in calendar.
    #[arg(long, value_name = "FILE")]
    calendar: Option<PathBuf>,
    /// The statute alone: ignore the announced official schedules (swaps, make-up days).
    #[arg(long, conflicts_with = "calendar")]
    no_official: bool,
    /// Also apply days announced without an enacted legal basis (kind `pending`).
    #[arg(long, conflicts_with = "calendar")]
    include_pending: bool,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Is DATE a working day? → true|false   [stdin line: DATE]
    #[command(after_help = CALENDAR_HELP)]
    IsWorking {
        /// YYYY-MM-DD (or dd/mm/yyyy), or `-` for stdin.
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
}

/// How a command ended.
enum Outcome {
    Ok,
    BadData,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
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
        (Err(e), _) | (_, Err(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        (Err(e), _) | (_, Err(e)) => {
            let _ = writeln!(sink.err, "io: {e}");
            ExitCode::from(1)
        }
    }
}

/// A usage error (exit 2) in clap's format.
fn usage(msg: &str) -> ! {
    Cli::command()
        .error(clap::error::ErrorKind::MissingRequiredArgument, msg)
        .exit()
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
            Some(x) => v.push(x.as_str()),
            None => usage(&format!(
                "missing argument {name} (or give `-` to read queries from stdin)"
            )),
        }
    }
    Some(v)
}

fn load_calendar(args: &CalendarArgs) -> Result<WorkCalendar, Error> {
    match &args.calendar {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                Error::new(
                    ErrorKind::Io,
                    format!("cannot read calendar {}: {e}", path.display()),
                )
            })?;
            let spec = CalendarSpec::from_json(&text)
                .map_err(|e| Error::new(e.kind(), format!("{}: {}", path.display(), e)))?;
            spec.compile()
                .map_err(|e| Error::new(e.kind(), format!("{}: {}", path.display(), e)))
        }
        None => default_calendar(args),
    }
}

fn default_calendar(_args: &CalendarArgs) -> Result<WorkCalendar, Error> {
    let from = parse_date("1995-01-01")?;
    let to = parse_date("2199-12-31")?;
    CalendarSpec::weekdays(from, to).compile()
}

fn parse_n(s: &str) -> Result<i64, Error> {
    s.trim().parse::<i64>().map_err(|_| {
        Error::new(
            ErrorKind::InvalidNumber,
            format!("`{s}` is not an integer number of days"),
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
            let stdin = io::stdin();
            let input = BufReader::with_capacity(1 << 16, stdin.lock());
            for_each_line(input, sink, |line, out| {
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

fn with_calendar<W: Write, E: Write>(
    sink: &mut Sink<W, E>,
    cal: &CalendarArgs,
) -> io::Result<Option<WorkCalendar>> {
    match load_calendar(cal) {
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
                    let d = parse_date(field(v, 0))?;
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
                    let d = parse_date(field(v, 0))?;
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
                    let a = parse_date(field(v, 0))?;
                    let b = parse_date(field(v, 1))?;
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
                    let a = parse_date(field(v, 0))?;
                    let b = parse_date(field(v, 1))?;
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
    }
}
