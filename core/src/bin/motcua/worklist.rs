//! `motcua worklist`: the one-stop desk's list of open dossiers (overdue, due today, due soon,
//! awaiting a supplement) from dossier records, read as `report` reads them.

use std::io::{self, Write};

use clap::Args;
use motcua::worklist::{to_csv, to_json, to_table, WorklistOptions, WorklistSink};

use crate::lines::Sink;
use crate::report::{fail, Format, RecordArgs};
use crate::Outcome;

pub const WORKLIST_HELP: &str = "\
The dossiers open at --as-of T (received by T; not resolved, refused or withdrawn by T), read from \
the same columns as `motcua report` (see `motcua report --help`; id names each row), ordered by due \
instant then id. Columns: id, the --by columns, due, due_at, working_days_left (working days d with \
T's day < d <= due; negative once a working day has passed since the due date, and 0 on the \
days off right after it, when the dossier is overdue already: the status says which; awaiting a supplement, what was left when the request \
stopped the clock, counted from the request's day), status, apology_by, the stage columns below, line. status: overdue and \
awaiting_supplement as the report classifies them; else due_today (0 working days left), due_soon \
(1..N, --within N, default 3), on_track (listed only with --all). apology_by: the last day to send \
the apology with a new appointment (Decree 61/2018 Art. 19; Circular 03/2025 form 04 under Decree \
118/2025), --apology-lead N working days before the due date (default 1: the provincial \
regulations' 'at least one working day before', not verified against a published text), never \
before the deemed receipt day (a same-day limit: that day); empty when \
overdue or when the dossier already has a new appointment (new_due); awaiting a supplement, from \
the due date as it stood when the request stopped the clock (empty when it was past then). For an inter-agency dossier (stages \
from its catalogue procedure, transfers from --transfers FILE with columns id, at, to, as in \
`motcua report --stages`): stage_agency (the agency holding the file), stage_due (its stage's due date) \
and stage_overdue (true when that stage is overdue); empty for a dossier without stages (the table \
shows these columns only when a row has a stage); line: the record's line in the file as an editor numbers it (a CSV's header is line 1), which finds a row without an id. Bad rows as in `report`: the run fails (exit 1) \
unless --skip-bad.";

/// `motcua worklist` arguments.
#[derive(Args, Debug)]
pub struct WorklistArgs {
    #[command(flatten)]
    records: RecordArgs,
    /// `due_soon` = due within N working days.
    // (`allow_negative_numbers`: `--within -1` is read, then refused as no count of days;
    // clap's own tip, "use '-- -1'", ended the options there.)
    #[arg(long, value_name = "N", default_value_t = motcua::worklist::DEFAULT_WITHIN, allow_negative_numbers = true)]
    within: u32,
    /// The apology is due N working days before the due date.
    #[arg(long, value_name = "N", default_value_t = motcua::worklist::DEFAULT_APOLOGY_LEAD, allow_negative_numbers = true)]
    apology_lead: u32,
    /// List the on-track dossiers too.
    #[arg(long)]
    all: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Transfers between agencies: a CSV (or .jsonl) file with columns id, at, to (the
    /// dossier `id` reached the agency `to` at `at`), joined to the records by id.
    #[arg(long, value_name = "FILE")]
    transfers: Option<String>,
}

/// `motcua worklist`.
pub fn run<W: Write, E: Write>(args: WorklistArgs, sink: &mut Sink<W, E>) -> io::Result<Outcome> {
    let Some(mut rec) = args.records.load(sink)? else {
        return Ok(Outcome::BadData);
    };
    // (A worklist's input may be the open dossiers alone: no column of their end to say.)
    rec.ends_expected = false;
    let opts = WorklistOptions {
        within: args.within,
        apology_lead: args.apology_lead,
        all: args.all,
        ..WorklistOptions::new(rec.as_of)
    };
    if let Err(e) = motcua::worklist::check_grouping(&rec.by, &[motcua::worklist::LINE]) {
        crate::usage(e.message());
    }
    // A lead time reaching back past the calendar would fail every open dossier: an option
    // value that cannot be used, reported before any row is read.
    if let Err(e) = opts.check(&rec.calendar) {
        crate::usage(&format!(
            "--apology-lead {}: {}",
            args.apology_lead,
            e.message()
        ));
    }
    let ctx = rec.context();
    let read = rec.read_options(None);
    let transfers = match rec.read_transfers(args.transfers.as_deref(), &mut sink.err)? {
        Ok(t) => t,
        Err(e) => return fail(sink, &e),
    };
    let make = || WorklistSink::new(ctx, opts.clone());
    let (list, tally, bad) = match rec.run(&read, true, transfers, make, &mut sink.err)? {
        Ok(r) => r,
        Err(e) => return fail(sink, &e),
    };
    if rec.refuse_bad(sink, &bad, &tally, "worklist", "list")? {
        return Ok(Outcome::BadData);
    }
    let list = list.finish();
    let text = match args.format {
        Format::Json => to_json(&list.items, &rec.by) + "\n",
        Format::Csv => to_csv(&list.items, &rec.by),
        Format::Table => to_table(&list.items, &rec.by),
    };
    sink.out.write_all(text.as_bytes())?;
    if args.transfers.is_none() && list.items.iter().any(|i| i.holding.is_some()) {
        writeln!(sink.err, "{}", crate::report::NO_TRANSFERS)?;
    }
    let hidden = list.open - list.items.len() as u64;
    if hidden > 0 {
        writeln!(
            sink.err,
            "{hidden} on-track dossier(s) not listed (--all lists them)"
        )?;
    }
    crate::report::finish(sink, &tally, &bad)
}
