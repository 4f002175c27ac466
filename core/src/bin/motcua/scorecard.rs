//! `motcua scorecard`: the office scorecard (service indicators against targets) from the same
//! dossier records as `motcua report`.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use motcua::indicators::{catalogue_fields, flag_notes, scores, Score, Targets};
use motcua::report::{stages_to_table, ReportOptions, ReportSink, StageSink};
use motcua::ErrorKind;

use crate::lines::Sink;
use crate::report::{fail, RecordArgs};
use crate::{usage, Outcome};

pub const SCORECARD_HELP: &str = "\
The scorecard: on_time_rate, resolved_rate, online_rate, full_online_rate, postal_rate, digitised_rate, \
result_digitised_rate, satisfaction_rate, feedback_handled_rate, each with numerator, denominator, value, \
target, met and gap; a rate with a zero denominator is \"no data\" (null), never 0% or 100%. Default \
targets (from the seeds): on_time_rate 1.0, satisfaction_rate 0.9, feedback_handled_rate 1.0, \
online_rate 0.05; --targets FILE overrides them with a JSON object {\"indicator\": fraction|null}. \
Optional input columns (besides the report's): online_level (full|partial|none, or toàn trình|một \
phần|không, also after DVC / Dịch vụ công trực tuyến as the portals write them; 3|4 before 2022; \
full_online_rate = online submissions of a full level / every new dossier, an empty cell counting as \
not fully online; in JSON lines, a record giving the key null or \"\" is such a cell, and so is one \
without the key when any record gives it; without the column or key the rate has no data), \
digitised, result_digitised (true/false, 1/0, yes/no, y/n, có/không, đã/chưa (số hóa), x for a \
ticked box; any \
case; an empty cell is no value, left out of the rate, and a note on stderr says how many \
were: write 0 for a box not ticked), satisfaction (1..SCALE or \
satisfied|neutral|dissatisfied, or (rất) hài lòng|bình thường|(rất) không hài lòng; chưa đánh giá \
is no rating, as an empty cell), feedback_received, feedback_handled (instants). \
result_digitised_rate and satisfaction_rate are of the dossiers resolved by the as-of instant (a \
rating is of a result: one given to an open, refused or withdrawn dossier is not counted); \
feedback_handled_rate of the feedback received by then. With --catalogue, \
the table also lists procedures per field and the share offered fully online. With --transfers FILE \
(columns id, at, to; stages from the catalogue procedures, as in `motcua report --stages`), the \
scorecard also shows, for each agency of inter-agency dossiers, the stages it completed early / on \
time / late and the open files it is holding, within their stage or overdue (JSON: \"stages\", the \
rows of `motcua report --stages`; the table: a section after the indicators; CSV: the indicators \
only, the stage table being `motcua report --stages --format csv`).";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Table,
    Csv,
    Json,
}

/// `motcua scorecard` arguments.
#[derive(Args, Debug)]
pub struct ScorecardArgs {
    #[command(flatten)]
    records: RecordArgs,
    /// Targets JSON overriding the defaults, e.g. {"online_rate": 0.3, "digitised_rate": 1.0}.
    #[arg(long, value_name = "FILE")]
    targets: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Top of a numeric satisfaction scale (ratings 1..SCALE; from 80% of SCALE "satisfied": 4-5 of 5, 8-10 of 10).
    #[arg(long, value_name = "SCALE", default_value_t = 5)]
    satisfaction_scale: u32,
    /// Transfers between agencies: a CSV (or .jsonl) file with columns id, at, to, joined to
    /// the records by id; adds the per-agency stage table (who holds the open files, whose
    /// stage is overdue).
    #[arg(long, value_name = "FILE")]
    transfers: Option<String>,
}

/// A gap in percentage points, one decimal; a gap smaller than that with the decimals that
/// show it (`-0.03 pts` for 2,999 of 3,000 against 100%: it said `-0.0 pts`).
fn gap_points(g: f64) -> String {
    for digits in 1..=4 {
        let s = format!("{g:+.digits$}");
        if g == 0.0
            || !s
                .trim_start_matches(['+', '-'])
                .trim_matches(['0', '.'])
                .is_empty()
        {
            return format!("{s} pts");
        }
    }
    format!("{g:+.1e} pts")
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(
        || "no data".to_string(),
        |x| format!("{}%", motcua::report::percent(x, 1.0)),
    )
}

fn table(scores: &[Score], by: &[String]) -> String {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut header: Vec<String> = by.to_vec();
    header.extend(
        [
            "indicator",
            "numerator",
            "denominator",
            "value",
            "target",
            "status",
            "gap",
        ]
        .map(String::from),
    );
    for s in scores {
        let mut r: Vec<String> = if by.is_empty() {
            Vec::new()
        } else if s.keys.iter().all(|(_, v)| v.is_none()) {
            let mut v = vec!["TOTAL".to_string()];
            v.extend(std::iter::repeat_n(
                String::new(),
                by.len().saturating_sub(1),
            ));
            v
        } else {
            s.keys
                .iter()
                .map(|(_, v)| motcua::report::printable(v.as_deref().unwrap_or("")).into_owned())
                .collect()
        };
        r.push(s.indicator.as_str().to_string());
        r.push(s.ratio.num.to_string());
        r.push(s.ratio.den.to_string());
        // Short of its target, a value never shows as reaching it (99.97% against 100% is
        // 99.9%, not "100.0% ≥ 100.0% NOT MET").
        r.push(match (s.value(), s.target) {
            (Some(x), Some(t)) => format!("{}%", motcua::report::percent(x, t)),
            (v, _) => pct(v),
        });
        r.push(
            s.target
                .map_or_else(|| "–".to_string(), |t| format!("≥ {:.1}%", t * 100.0)),
        );
        r.push(
            match s.status() {
                "met" => "met ✓",
                "not_met" => "NOT MET ✗",
                "no_data" => "no data",
                _ => "–",
            }
            .to_string(),
        );
        r.push(s.gap().map_or_else(String::new, |g| gap_points(g * 100.0)));
        rows.push(r);
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .chain(header.get(i))
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let fmt = |r: &[String]| {
        let cells: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let w = widths.get(i).copied().unwrap_or(0);
                let pad = " ".repeat(w.saturating_sub(c.chars().count()));
                if i < by.len() + 1 || i >= by.len() + 5 {
                    format!("{c}{pad}")
                } else {
                    format!("{pad}{c}")
                }
            })
            .collect();
        cells.join("  ").trim_end().to_string() + "\n"
    };
    let mut out = fmt(&header);
    out.push_str(&"-".repeat(widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1)));
    out.push('\n');
    let mut last_key: Option<Vec<(String, Option<String>)>> = None;
    for (s, r) in scores.iter().zip(&rows) {
        if last_key.as_ref().is_some_and(|k| *k != s.keys) {
            out.push('\n');
        }
        last_key = Some(s.keys.clone());
        out.push_str(&fmt(r));
    }
    out
}

fn csv(scores: &[Score], by: &[String]) -> String {
    let cell = motcua::report::csv_cell;
    let mut header: Vec<String> = by.to_vec();
    header.extend(motcua::indicators::SCORE_COLUMNS.map(String::from));
    let mut out = header.iter().map(|h| cell(h)).collect::<Vec<_>>().join(",") + "\n";
    for s in scores {
        let total = s.keys.iter().all(|(_, v)| v.is_none());
        let mut r: Vec<String> = if by.is_empty() {
            Vec::new()
        } else {
            // (the totals row reads TOTAL, as in the report's CSV)
            s.keys
                .iter()
                .enumerate()
                .map(|(i, (_, v))| match v {
                    _ if total && i == 0 => "TOTAL".into(),
                    v => cell(v.as_deref().unwrap_or("")),
                })
                .collect()
        };
        r.push(s.indicator.as_str().into());
        r.push(s.ratio.num.to_string());
        r.push(s.ratio.den.to_string());
        r.push(s.value().map_or_else(String::new, |v| format!("{v:.6}")));
        r.push(s.target.map_or_else(String::new, |v| format!("{v}")));
        r.push(s.met().map_or_else(String::new, |m| m.to_string()));
        r.push(s.gap().map_or_else(String::new, |v| format!("{v:.6}")));
        r.push(s.status().into());
        out.push_str(&r.join(","));
        out.push('\n');
    }
    out
}

/// `motcua scorecard`.
pub fn run<W: Write, E: Write>(args: ScorecardArgs, sink: &mut Sink<W, E>) -> io::Result<Outcome> {
    if args.satisfaction_scale == 0 {
        usage("--satisfaction-scale must be at least 1");
    }
    let Some(rec) = args.records.load(sink)? else {
        return Ok(Outcome::BadData);
    };
    if let Err(e) = motcua::indicators::check_grouping(&rec.by) {
        crate::usage(e.message());
    }
    let targets = match &args.targets {
        None => Targets::default(),
        Some(p) => match crate::read_text(p, "targets", ErrorKind::InvalidJson)
            .and_then(|text| Targets::from_json(&text))
        {
            Ok(t) => t,
            Err(e) => return fail(sink, &e),
        },
    };
    let by = &rec.by;
    let mut opts = ReportOptions::new(rec.as_of);
    opts.by = by.clone();
    let transfers = match rec.read_transfers(args.transfers.as_deref(), &mut sink.err)? {
        Ok(t) => t,
        Err(e) => return fail(sink, &e),
    };
    let read = match transfers {
        None => rec
            .read(opts, Some(args.satisfaction_scale), &mut sink.err)?
            .map(|(p, t, b)| (p, None, t, b)),
        Some(t) => {
            // One read, two sinks: the report's cells and the stage table.
            let ctx = rec.context();
            rec.run(
                &rec.read_options(Some(args.satisfaction_scale)),
                false,
                Some(t),
                || {
                    (
                        ReportSink::new(ctx, opts.clone(), true),
                        StageSink::new(ctx, rec.as_of),
                    )
                },
                &mut sink.err,
            )?
            .map(|((r, st), t, b)| (r.into_partial(), Some(st.into_table().rows()), t, b))
        }
    };
    let (partial, stages, tally, bad) = match read {
        Ok(r) => r,
        Err(e) => return fail(sink, &e),
    };
    if bad.count > 0 && !rec.skip_bad {
        sink.failed = true;
        writeln!(
            sink.err,
            "{} bad row(s): no scorecard (fix them, or use --skip-bad)",
            bad.count
        )?;
        return Ok(Outcome::BadData);
    }
    for note in flag_notes(&partial) {
        writeln!(sink.err, "note: {note}")?;
    }
    let scores = scores(&partial, &targets);
    let fields = rec.catalogue.as_ref().map(catalogue_fields);
    let text = match args.format {
        Format::Json => {
            let mut v = serde_json::json!({ "indicators": scores, "catalogue": fields.as_ref().map(|f| f.iter().map(|c| serde_json::json!({
                "field": c.field, "procedures": c.procedures, "online_full": c.online_full,
                "online_partial": c.online_partial, "full_online_share": c.full_online_share()
            })).collect::<Vec<_>>()) });
            if let (Some(rows), Some(m)) = (&stages, v.as_object_mut()) {
                m.insert("stages".into(), serde_json::json!(rows));
            }
            serde_json::to_string(&v).unwrap_or_default() + "\n"
        }
        Format::Csv => csv(&scores, by),
        Format::Table => {
            let mut s = table(&scores, by);
            if let Some(fields) = &fields {
                s.push_str("\nProcedures published and offered online, by field\n");
                let w = fields
                    .iter()
                    .map(|f| {
                        motcua::report::printable(f.field.as_deref().unwrap_or("TOTAL"))
                            .chars()
                            .count()
                    })
                    .max()
                    .unwrap_or(5);
                s.push_str(&format!(
                    "{:<w$}  procedures  full online  partial  full-online share\n",
                    "field"
                ));
                for f in fields {
                    let name = motcua::report::printable(f.field.as_deref().unwrap_or("TOTAL"));
                    let pad = " ".repeat(w.saturating_sub(name.chars().count()));
                    s.push_str(&format!(
                        "{name}{pad}  {:>10}  {:>11}  {:>7}  {:>17}\n",
                        f.procedures,
                        f.online_full,
                        f.online_partial,
                        pct(f.full_online_share())
                    ));
                }
            }
            if let Some(rows) = &stages {
                s.push_str(
                    "\nInter-agency stages, by agency (completed; holding the open files)\n",
                );
                s.push_str(&stages_to_table(rows));
            }
            s
        }
    };
    sink.out.write_all(text.as_bytes())?;
    crate::report::finish(sink, &tally, &bad)
}
