//! `motcua due` and `motcua classify`: dossiers as JSON lines in, one answer line out per
//! dossier.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use clap::Args;
use motcua::civil::{parse_instant, DateOnly};
use motcua::deadline::{Lang, Rules};
use motcua::dossier::Dossier;
use motcua::procedure::Catalogue;
use motcua::{Error, ErrorKind, Options, WorkCalendar};

use crate::lines::{for_each_line, for_each_stdin_line, Sink};
use crate::{with_calendar, CalendarArgs, Outcome};

pub const DOSSIER_HELP: &str = "\
A dossier line: {\"received\":\"2026-03-02T09:30\",\"channel\":\"direct\",\"time_limit\":{\"working_days\":3},\
\"events\":[{\"type\":\"supplement_requested\",\"at\":\"2026-03-03T10:00\"},{\"type\":\"supplement_received\",\
\"at\":\"2026-03-10T08:00\"},{\"type\":\"resolved\",\"at\":\"2026-03-12T16:00\"}]}. time_limit is one of \
{\"working_days\":N}, {\"calendar_days\":N}, {\"working_hours\":N}, {\"same_day\":true}, or \"procedure\":\"CODE\" \
with --catalogue FILE. Event types: supplement_requested, supplement_received, apology and extended (with \
\"new_due\"), refused, withdrawn, resolved, returned, transferred (with \"to\", the next stage's agency); events in \
non-decreasing time order. Other keys are not read: each gets an unknown_key warning (a key one slip \
from a known one, e.g. event or newDue, is an invalid_dossier error naming the key meant; so is a \
column of the report's records such as resolved or new_due: give it as an event). Rules (--rule \
KEY=VALUE; default = the law): supplement=pause|restart, counting=days|hours, compare=date|instant, \
apology=moves_due|moves_due_day_before|counts_late, multi_supplement=allowed|late, deemed_receipt=next_working_day_after_hours|calendar_day.";

/// Options shared by `due` and `classify`.
#[derive(Args, Debug)]
pub struct DossierArgs {
    /// A file of dossier JSON lines, or `-` for stdin.
    input: String,
    /// Switch a counting rule: KEY=VALUE (repeatable).
    #[arg(long = "rule", value_name = "KEY=VALUE")]
    rules: Vec<String>,
    /// A procedure catalogue (JSON array or CSV) for dossiers given by `"procedure"`.
    #[arg(long, value_name = "FILE")]
    catalogue: Option<PathBuf>,
    /// Add "explain": each step of the count (the receipt and its deemed day, each day off
    /// skipped and why, pauses, new appointments, where the count ends, the outcome), each with
    /// its fields, the legal text it rests on and its text.
    #[arg(long)]
    explain: bool,
    /// The language of the --explain texts and of the warnings' messages: vi (Vietnamese, the
    /// default: officers and citizens read it) or en (English). The warnings' codes are the
    /// same in both.
    #[arg(long, value_name = "vi|en", default_value = "vi", value_parser = parse_lang)]
    lang: Lang,
    #[command(flatten)]
    cal: CalendarArgs,
}

/// `motcua due`.
#[derive(Args, Debug)]
pub struct DueArgs {
    #[command(flatten)]
    common: DossierArgs,
    /// The due date as it stood at T (YYYY-MM-DD[THH:MM[:SS]]; a date alone means the end of
    /// that day): events after T are ignored, the whole dossier is still validated; a dossier
    /// received after T is an error. Default: every event (as Python's and JS's `due`).
    #[arg(long, value_name = "T")]
    as_of: Option<String>,
}

/// `motcua classify`.
#[derive(Args, Debug)]
pub struct ClassifyArgs {
    #[command(flatten)]
    common: DossierArgs,
    /// The instant to classify at (YYYY-MM-DD[THH:MM[:SS]]; a date alone means the end of that
    /// day). Events after it are ignored. Default: now, in Vietnam (UTC+7).
    #[arg(long, value_name = "T")]
    as_of: Option<String>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse().map_err(|e: Error| e.message().to_string())
}

/// Reads a procedure catalogue file: a JSON array or CSV, told apart by content (the core's
/// loader, as every package reads one).
pub fn load_catalogue(path: &Path) -> Result<Catalogue, Error> {
    let text = crate::read_text(path, "catalogue", ErrorKind::InvalidCatalogue)?;
    motcua::records::load_catalogue(&text)
        .map_err(|e| Error::new(e.kind(), format!("{}: {}", path.display(), e.message())))
}

/// "Now" in Vietnam (UTC+7), the default `--as-of`: this process reads the clock, the core
/// says what it means.
pub fn now_in_vietnam() -> NaiveDateTime {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    motcua::civil::vietnam_now(i64::try_from(secs).unwrap_or(0))
}

/// Parses `--as-of` (a date alone = end of that day), or now.
pub fn as_of(arg: Option<&str>) -> Result<NaiveDateTime, Error> {
    match arg {
        Some(s) => parse_instant(s, DateOnly::EndOfDay)
            .map_err(|e| Error::new(e.kind(), format!("--as-of: {}", e.message()))),
        None => Ok(now_in_vietnam()),
    }
}

/// Everything a dossier command needs, loaded once; a failure is reported and ends the run.
struct Setup {
    calendar: WorkCalendar,
    catalogue: Option<Catalogue>,
    rules: Rules,
}

impl Setup {
    /// The options of every dossier of the run (`--explain`, `--lang`, `--rule`, the catalogue).
    fn options(&self, args: &DossierArgs) -> Options<'_> {
        Options::new(&self.calendar)
            .catalogue(self.catalogue.as_ref())
            .rules(self.rules)
            .explain(args.explain)
            .lang(args.lang)
    }
}

/// The rules of `--rule KEY=VALUE` arguments; a bad pair, or a key given twice (one value
/// would be ignored: which is a guess), is bad usage.
pub(crate) fn rules_of(pairs: &[String]) -> Rules {
    Rules::from_pairs(pairs).unwrap_or_else(|(i, e)| {
        let r = pairs.get(i).map_or("", String::as_str);
        crate::usage(&format!("--rule {r}: {e}"))
    })
}

fn setup<W: Write, E: Write>(
    args: &DossierArgs,
    sink: &mut Sink<W, E>,
) -> io::Result<Option<Setup>> {
    let rules = rules_of(&args.rules);
    let Some(calendar) = with_calendar(sink, &args.cal)? else {
        return Ok(None);
    };
    let catalogue = match &args.catalogue {
        None => None,
        Some(p) => match load_catalogue(p) {
            Ok(c) => Some(c),
            Err(e) => {
                sink.failed = true;
                writeln!(sink.err, "{}: {e}", e.code())?;
                return Ok(None);
            }
        },
    };
    Ok(Some(Setup {
        calendar,
        catalogue,
        rules,
    }))
}

/// Runs `query` on each line of the input file or stdin.
fn each_dossier<W: Write, E: Write>(
    input: &str,
    sink: &mut Sink<W, E>,
    query: impl FnMut(&str, &mut Vec<u8>) -> Result<(), Error>,
) -> io::Result<()> {
    if input == "-" {
        for_each_stdin_line(sink, query)
    } else {
        // (a gzip-compressed file is read as its text)
        match File::open(input)
            .map_err(|e| format!("io: cannot read {input}: {e}"))
            .and_then(|f| {
                crate::report::gunzip(Box::new(f)).map_err(|e| format!("{}: {e}", e.code()))
            }) {
            Ok(f) => for_each_line(f, sink, query),
            Err(e) => {
                sink.failed = true;
                writeln!(sink.err, "{e}")
            }
        }
    }
}

fn fill<T: serde::Serialize>(out: &mut Vec<u8>, v: &T) -> Result<(), Error> {
    serde_json::to_writer(out, v).map_err(|e| Error::new(ErrorKind::InvalidArgument, e.to_string()))
}

/// `motcua due FILE|-`.
pub fn run_due<W: Write, E: Write>(args: DueArgs, sink: &mut Sink<W, E>) -> io::Result<Outcome> {
    let a = args.common;
    let t = match args.as_of.as_deref().map(|t| as_of(Some(t))).transpose() {
        Ok(t) => t,
        Err(e) => crate::usage(&e.to_string()),
    };
    let Some(s) = setup(&a, sink)? else {
        return Ok(Outcome::BadData);
    };
    if let Some(t) = t {
        crate::check_as_of(t, &s.calendar);
    }
    each_dossier(&a.input, sink, |line, out| {
        let (d, ignored) = Dossier::from_json_ignoring_unknown_keys(line, a.lang)?;
        let mut due = s.options(&a).as_of(t).due(&d)?;
        due.warnings.extend(ignored);
        fill(out, &due)
    })?;
    Ok(if sink.failed {
        Outcome::BadData
    } else {
        Outcome::Ok
    })
}

/// `motcua classify [--as-of T] FILE|-`.
pub fn run_classify<W: Write, E: Write>(
    args: ClassifyArgs,
    sink: &mut Sink<W, E>,
) -> io::Result<Outcome> {
    let a = args.common;
    let t = match as_of(args.as_of.as_deref()) {
        Ok(t) => t,
        Err(e) => crate::usage(&e.to_string()),
    };
    let Some(s) = setup(&a, sink)? else {
        return Ok(Outcome::BadData);
    };
    crate::check_as_of(t, &s.calendar);
    each_dossier(&a.input, sink, |line, out| {
        let (d, ignored) = Dossier::from_json_ignoring_unknown_keys(line, a.lang)?;
        let mut c = s.options(&a).as_of(t).classify(&d)?;
        c.due.warnings.extend(ignored);
        fill(out, &c)
    })?;
    Ok(if sink.failed {
        Outcome::BadData
    } else {
        Outcome::Ok
    })
}
