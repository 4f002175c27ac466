//! `motcua worklist` end to end: on the bundled sample against a computation of its own (each
//! dossier built from the CSV here, classified with `outcome::classify`, the working days
//! counted with the calendar: not through `motcua::worklist`), and hand-made cases for every
//! status and for the apology day across the 30 April – 1 May break of 2026.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use motcua::civil::{format_instant, parse_instant, DateOnly};
use motcua::deadline::Rules;
use motcua::dossier::Dossier;
use motcua::outcome::{classify, Outcome};
use motcua_conformance::repo_root;
use serde_json::{json, Value};

use crate::cli::{motcua, stderr, stdout};

const SAMPLE: &str = "core/examples/sample/dossiers.csv";
const CATALOGUE: &str = "core/examples/sample/catalogue.json";
const TRANSFERS: &str = "core/examples/sample/transfers.csv";

/// The sample's transfers by dossier id: `(at, to)` in file order (`id,at,to`; `to` may be
/// quoted, holding commas but no quotes).
fn transfers() -> HashMap<String, Vec<(String, String)>> {
    let text = std::fs::read_to_string(repo_root().join(TRANSFERS)).unwrap();
    let mut out: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for line in text.lines().skip(1) {
        let mut parts = line.splitn(3, ',');
        let (id, at, to) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        let to = to.trim_matches('"');
        assert!(!to.contains('"'), "{line}");
        out.entry(id.to_string())
            .or_default()
            .push((at.to_string(), to.to_string()));
    }
    out
}

/// The expected worklist of the sample, computed dossier by dossier (with the sample's
/// transfers as `transferred` events when `with_transfers`: the holding stage is then the
/// last stage of the classified answer while it is not completed).
fn expected(
    as_of: NaiveDateTime,
    within: i64,
    all: bool,
    by: Option<&str>,
    with_transfers: bool,
) -> Vec<Value> {
    let moves = if with_transfers {
        transfers()
    } else {
        HashMap::new()
    };
    let root = repo_root();
    let cal = motcua::vn::public_sector().unwrap();
    let cat_text = std::fs::read_to_string(root.join(CATALOGUE)).unwrap();
    let cat = motcua::records::load_catalogue(&cat_text).unwrap();
    let text = std::fs::read_to_string(root.join(SAMPLE)).unwrap();
    let mut lines = text.lines();
    let names: Vec<&str> = lines.next().unwrap().split(',').collect();
    let mut rows = Vec::new();
    // (Each record is one line of the file; the header is line 1.)
    for (number, line) in (2u64..).zip(lines) {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells.len(), names.len(), "{line}");
        let c: HashMap<&str, &str> = names.iter().copied().zip(cells).collect();
        // Dates are ISO or dd/mm/yyyy: read with the library's date parser, written ISO.
        let at = |k: &str| {
            c.get(k)
                .copied()
                .filter(|v| !v.is_empty())
                .map(|v| format_instant(parse_instant(v, DateOnly::StartOfDay).unwrap()))
        };
        let received = parse_instant(c["received"], DateOnly::StartOfDay).unwrap();
        if received > as_of {
            continue;
        }
        let mut events = Vec::new();
        let mut last_supplement = format_instant(received);
        for kind in ["supplement_requested", "supplement_received"] {
            if let Some(t) = at(kind) {
                events.push(json!({"type": kind, "at": t}));
                last_supplement = t.clone();
            }
        }
        if let Some(d) = at("new_due") {
            let d = &d[..10];
            events.push(json!({"type": "apology", "at": last_supplement, "new_due": d}));
        }
        for kind in ["resolved", "refused", "withdrawn"] {
            if let Some(t) = at(kind) {
                events.push(json!({"type": kind, "at": t}));
            }
        }
        for (t, to) in moves.get(c["id"]).into_iter().flatten() {
            events.push(json!({"type": "transferred", "at": t, "to": to}));
        }
        // In time order (ISO text sorts as time; a stable sort keeps the order of ties).
        events.sort_by(|a, b| a["at"].as_str().cmp(&b["at"].as_str()));
        let d = json!({"received": format_instant(received), "procedure": c["procedure"],
            "channel": c["channel"], "events": events});
        let d = Dossier::from_json(&d.to_string()).unwrap();
        let k = classify(&d, &cal, &Rules::default(), Some(&cat), as_of).unwrap();
        // Awaiting a supplement, the clock stopped at the request: what was left then.
        let from = match k.due.awaiting_supplement_since {
            Some(request) => request.date(),
            None => as_of.date(),
        };
        let left = cal.working_days_between(from, k.due.due).unwrap();
        let status = match k.outcome {
            Outcome::Overdue => "overdue",
            Outcome::AwaitingSupplement => "awaiting_supplement",
            Outcome::PendingWithin if left == 0 => "due_today",
            Outcome::PendingWithin if left <= within => "due_soon",
            Outcome::PendingWithin => "on_track",
            _ => continue,
        };
        if status == "on_track" && !all {
            continue;
        }
        let apology = if at("new_due").is_some() || status == "overdue" {
            Value::Null
        } else {
            // The working day before the due day, found by stepping back a day at a time.
            let mut day = k.due.due.pred_opt().unwrap();
            while !cal.is_working_day(day).unwrap() {
                day = day.pred_opt().unwrap();
            }
            // Not before the dossier's deemed receipt day (a same-day limit: that day), nor
            // before the complete dossier's after a supplement: the day it came when a working
            // day by 17:00, else the next working day.
            let complete = at("supplement_received")
                .map(|t| parse_instant(&t, DateOnly::StartOfDay).unwrap())
                .filter(|t| *t <= as_of)
                .map(|t| {
                    let mut day = t.date();
                    if !cal.is_working_day(day).unwrap()
                        || t.time() > chrono::NaiveTime::from_hms_opt(17, 0, 0).unwrap()
                    {
                        day = day.succ_opt().unwrap();
                        while !cal.is_working_day(day).unwrap() {
                            day = day.succ_opt().unwrap();
                        }
                    }
                    day
                });
            let floor = complete.map_or(k.due.deemed_receipt, |c| c.max(k.due.deemed_receipt));
            json!(day.max(floor).to_string())
        };
        let mut row = serde_json::Map::new();
        row.insert("id".into(), json!(c["id"]));
        if let Some(b) = by {
            row.insert(b.into(), json!(c[b]));
        }
        row.insert("due".into(), json!(k.due.due.to_string()));
        row.insert(
            "due_at".into(),
            json!(k.due.due_at.format("%Y-%m-%dT%H:%M").to_string()),
        );
        row.insert("working_days_left".into(), json!(left));
        row.insert("status".into(), json!(status));
        row.insert("apology_by".into(), apology);
        let holding = k.due.stages.last().filter(|s| s.completed.is_none());
        row.insert(
            "stage_agency".into(),
            json!(holding.map(|s| s.agency.clone())),
        );
        row.insert(
            "stage_due".into(),
            json!(holding.map(|s| s.due.to_string())),
        );
        row.insert(
            "stage_overdue".into(),
            json!(holding.map(|s| s.outcome == Some(Outcome::Overdue))),
        );
        row.insert("line".into(), json!(number));
        rows.push((k.due.due_at, c["id"].to_string(), Value::Object(row)));
    }
    rows.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    rows.into_iter().map(|r| r.2).collect()
}

fn worklist(extra: &[&str]) -> Vec<Value> {
    let mut args = vec![
        "worklist",
        SAMPLE,
        "--catalogue",
        CATALOGUE,
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let o = motcua(&args, "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_str(stdout(&o).trim()).unwrap()
}

#[test]
fn worklist_on_the_sample_equals_an_independent_computation() {
    let t = |s: &str| s.parse::<NaiveDateTime>().unwrap();
    // (--as-of, as_of, --within, --all, --by, --transfers)
    type Case<'a> = (&'a str, NaiveDateTime, i64, bool, Option<&'a str>, bool);
    let cases: [Case<'_>; 6] = [
        (
            "2026-11-13T10:00",
            t("2026-11-13T10:00:00"),
            3,
            false,
            None,
            false,
        ),
        (
            "2026-11-15",
            t("2026-11-15T23:59:59"),
            3,
            true,
            Some("field"),
            false,
        ),
        (
            "2026-06-01T08:00",
            t("2026-06-01T08:00:00"),
            5,
            false,
            Some("agency"),
            false,
        ),
        (
            "2025-09-03T16:00",
            t("2025-09-03T16:00:00"),
            0,
            true,
            None,
            false,
        ),
        // With the inter-agency transfers: the agency holding each open file.
        (
            "2025-06-13T10:00",
            t("2025-06-13T10:00:00"),
            3,
            true,
            None,
            true,
        ),
        (
            "2026-11-13T10:00",
            t("2026-11-13T10:00:00"),
            3,
            true,
            Some("field"),
            true,
        ),
    ];
    for (flag, as_of, within, all, by, with_transfers) in cases {
        let within_s = within.to_string();
        let mut extra = vec!["--as-of", flag, "--within", &within_s];
        if all {
            extra.push("--all");
        }
        if let Some(b) = by {
            extra.extend(["--by", b]);
        }
        if with_transfers {
            extra.extend(["--transfers", TRANSFERS]);
        }
        let got = worklist(&extra);
        let want = expected(as_of, within, all, by, with_transfers);
        assert!(want.len() > 20, "{flag}: {} rows", want.len());
        if with_transfers {
            // Some rows have a stage, some of those overdue, some not.
            let staged: Vec<&Value> = want
                .iter()
                .filter(|r| !r["stage_agency"].is_null())
                .collect();
            let overdue = staged
                .iter()
                .filter(|r| r["stage_overdue"] == json!(true))
                .count();
            assert!(
                staged.len() >= 5 && overdue >= 1 && overdue < staged.len(),
                "{flag}: {} staged, {overdue} overdue",
                staged.len()
            );
        }
        let statuses: std::collections::BTreeSet<&str> =
            want.iter().map(|r| r["status"].as_str().unwrap()).collect();
        assert!(statuses.len() >= 3, "{flag}: {statuses:?}");
        assert_eq!(got.len(), want.len(), "{flag}");
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g, w, "{flag}");
        }
    }
}

/// The hand-made cases, as of Wednesday 29 April 2026 at 08:00. Days off: 25–27 April
/// (weekend, Hùng Kings' compensatory day), 30 April – 3 May.
const HAND: &str = "\
id,received,time_limit,supplement_requested,new_due,resolved,withdrawn,field
A,2026-04-22T09:00,3wd,,,,,x
B,2026-04-24T09:00,3wd,,,,,x
C,2026-04-24T09:00,2wd,,,,,y
D,2026-04-28T09:00,3wd,,,,,y
E,2026-04-28T09:00,10wd,,,,,x
F,2026-04-20T09:00,5wd,2026-04-21T10:00,,,,y
G,2026-04-22T09:00,3wd,,2026-05-05,,,x
H,2026-04-22T09:00,3wd,,,2026-04-24T10:00,,x
I,2026-04-29T09:00,3wd,,,,,x
J,2026-04-22T09:00,3wd,,,,2026-04-23T10:00,x
";

#[test]
fn worklist_hand_made() {
    let dir = std::env::temp_dir().join(format!("motcua-worklist-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("hand.csv");
    std::fs::write(&path, HAND).unwrap();
    let p = path.to_str().unwrap();
    let run = |extra: &[&str]| {
        let mut a = vec![
            "worklist",
            p,
            "--as-of",
            "2026-04-29T08:00",
            "--format",
            "json",
        ];
        a.extend_from_slice(extra);
        let o = motcua(&a, "");
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let rows: Vec<Value> = serde_json::from_str(stdout(&o).trim()).unwrap();
        rows.iter()
            .map(|r| {
                format!(
                    "{} {} {} {} {}",
                    r["id"].as_str().unwrap(),
                    r["due"].as_str().unwrap(),
                    r["working_days_left"],
                    r["status"].as_str().unwrap(),
                    r["apology_by"].as_str().unwrap_or("-"),
                )
            })
            .collect::<Vec<_>>()
    };
    // A: 23, 24, 28 April → due 28, overdue (29 April is one working day after it).
    // F: due as it stood at the request (21, 22, 23, 24, 28 April), the clock stopped; the
    //    apology by Friday 24 April (25–27 April off).
    // C: 28, 29 → due today; the apology by the 28th.
    // B: 28, 29 April, 4 May → due Monday 4 May, one working day left; the apology by
    //    Wednesday 29 April, across the 30 April – 3 May break.
    // D: 29 April, 4, 5 May → two left. G: due 28 April, moved to 5 May by its new appointment.
    // E: 10 working days → 14 May, 9 left: on track.
    // H resolved, J withdrawn, I received after the as-of instant: not listed.
    let full = [
        "A 2026-04-28 -1 overdue -",
        "F 2026-04-28 4 awaiting_supplement 2026-04-24",
        "C 2026-04-29 0 due_today 2026-04-28",
        "B 2026-05-04 1 due_soon 2026-04-29",
        "D 2026-05-05 2 due_soon 2026-05-04",
        "G 2026-05-05 2 due_soon -",
        "E 2026-05-14 9 on_track 2026-05-13",
    ];
    assert_eq!(run(&["--all"]), full);
    assert_eq!(run(&[]), full[..6]);
    // --within 1: D and G are on track; --apology-lead 2 moves B's day back to 28 April.
    assert_eq!(run(&["--within", "1"]), full[..4]);
    let lead = run(&["--apology-lead", "2"]);
    assert_eq!(lead[3], "B 2026-05-04 1 due_soon 2026-04-28");
    assert_eq!(lead[4], "D 2026-05-05 2 due_soon 2026-04-29");
    // The grouping column follows the id; CSV and the table carry the same rows.
    let o = motcua(
        &[
            "worklist",
            p,
            "--as-of",
            "2026-04-29T08:00",
            "--by",
            "field",
            "--format",
            "csv",
        ],
        "",
    );
    let csv = stdout(&o);
    assert_eq!(
        csv.lines().next().unwrap(),
        "id,field,due,due_at,working_days_left,status,apology_by,stage_agency,stage_due,stage_overdue,line"
    );
    assert!(
        csv.contains("\nB,x,2026-05-04,2026-05-04T17:00,1,due_soon,2026-04-29,,,,3\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\nA,x,2026-04-28,2026-04-28T17:00,-1,overdue,,,,,2\n"),
        "{csv}"
    );
    assert!(
        stderr(&o).contains("1 on-track dossier(s) not listed"),
        "{}",
        stderr(&o)
    );
    let o = motcua(&["worklist", p, "--as-of", "2026-04-29T08:00"], "");
    let table = stdout(&o);
    assert!(
        table.ends_with("6 row(s): overdue 1, due_today 1, due_soon 3, awaiting_supplement 1\n"),
        "{table}"
    );
    // Bad rows follow the report's rules: the run fails naming the line, or --skip-bad lists
    // the good rows and counts the bad.
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, format!("{HAND}K,2026-02-30T09:00,3wd,,,,,x\n")).unwrap();
    let b = bad.to_str().unwrap();
    let o = motcua(&["worklist", b, "--as-of", "2026-04-29T08:00"], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    let err = stderr(&o);
    assert!(
        err.contains("line 12: csv_field") && err.contains("(id K)"),
        "{err}"
    );
    assert!(err.contains("no worklist"), "{err}");
    let o = motcua(
        &[
            "worklist",
            b,
            "--as-of",
            "2026-04-29T08:00",
            "--skip-bad",
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(1), "rows were skipped: bad data");
    assert_eq!(
        serde_json::from_str::<Vec<Value>>(stdout(&o).trim())
            .unwrap()
            .len(),
        6
    );
    assert!(stderr(&o).contains("skipped 1 bad row(s)"));
}

/// The apology day is never before the day the complete dossier is deemed received after a
/// supplement (it was the first receipt's floor only): a same-day limit completed on Thursday
/// 5 March is due that day, its apology then too (it said Wednesday 4 March, before the
/// citizen completed the file). A 3-day limit completed the same morning: 6, 9, 10 March,
/// the apology by Monday 9 March, as before.
#[test]
fn the_apology_is_not_due_before_the_dossier_is_complete() {
    let dir = std::env::temp_dir().join(format!("motcua-apology-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("complete.csv");
    std::fs::write(
        &path,
        "id,received,time_limit,supplement_requested,supplement_received\n\
         A,2026-03-03T10:00,same_day,2026-03-03T11:00,2026-03-05T10:00\n\
         B,2026-03-03T10:00,3wd,2026-03-03T11:00,2026-03-05T10:00\n\
         C,2026-03-03T10:00,same_day,2026-03-03T11:00,2026-03-05T18:00\n",
    )
    .unwrap();
    let o = motcua(
        &[
            "worklist",
            path.to_str().unwrap(),
            "--as-of",
            "2026-03-05T11:00",
            "--all",
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows: Vec<Value> = serde_json::from_str(stdout(&o).trim()).unwrap();
    let got: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                "{} {} {}",
                r["id"].as_str().unwrap(),
                r["due"].as_str().unwrap(),
                r["apology_by"].as_str().unwrap_or("-")
            )
        })
        .collect();
    // C: completed after closing time (deemed Friday 6 March), but as of Thursday 11:00 the
    // supplement had not come: awaiting, the apology by its first receipt's day.
    assert_eq!(
        got,
        [
            "C 2026-03-03 2026-03-03",
            "A 2026-03-05 2026-03-05",
            "B 2026-03-10 2026-03-09"
        ]
    );
}

/// The scorecard with `--transfers`: its indicators are those without (stages never change
/// a dossier's own outcome), its stage rows are `report --stages`' rows, and each agency's
/// open files held (within / overdue) are the worklist's rows holding a stage of that agency.
#[test]
fn scorecard_and_worklist_agree_on_who_holds_the_files() {
    let as_of = "2025-06-13T10:00";
    let run = |args: &[&str]| -> Value {
        let o = motcua(args, "");
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        serde_json::from_str(stdout(&o).trim()).unwrap()
    };
    let common = [
        SAMPLE,
        "--catalogue",
        CATALOGUE,
        "--as-of",
        as_of,
        "--format",
        "json",
    ];
    let with = |cmd: &str, extra: &[&str]| {
        let mut a = vec![cmd];
        a.extend_from_slice(&common);
        a.extend_from_slice(extra);
        run(&a)
    };
    let score = with("scorecard", &["--transfers", TRANSFERS]);
    let plain = with("scorecard", &[]);
    assert_eq!(score["indicators"], plain["indicators"]);
    assert!(plain.get("stages").is_none());
    let stages = with("report", &["--stages", "--transfers", TRANSFERS]);
    assert_eq!(score["stages"], stages);
    let list = with("worklist", &["--all", "--transfers", TRANSFERS]);
    let mut held: std::collections::BTreeMap<String, (u64, u64)> = Default::default();
    for r in list.as_array().unwrap() {
        if let Some(a) = r["stage_agency"].as_str() {
            let e = held.entry(a.to_string()).or_default();
            if r["stage_overdue"] == json!(true) {
                e.1 += 1;
            } else {
                e.0 += 1;
            }
        }
    }
    let rows = stages.as_array().unwrap();
    let mut overdue = 0;
    for row in rows.iter().filter(|r| !r["agency"].is_null()) {
        let agency = row["agency"].as_str().unwrap();
        let (not_overdue, o) = held.get(agency).copied().unwrap_or_default();
        let within =
            row["pending_within"].as_u64().unwrap() + row["awaiting_supplement"].as_u64().unwrap();
        assert_eq!(
            (not_overdue, o),
            (within, row["overdue"].as_u64().unwrap()),
            "{agency}"
        );
        overdue += o;
    }
    assert!(overdue > 0 && held.len() >= 3, "{held:?}");
}

/// A grouping column named as a worklist column would lose its values in JSON (two keys of
/// one name): bad usage (exit 2) naming it. The records' own `agency` column groups.
#[test]
fn a_grouping_column_named_as_a_worklist_column_is_bad_usage() {
    for by in ["status", "stage_agency", "id", "line"] {
        let o = motcua(
            &["worklist", SAMPLE, "--catalogue", CATALOGUE, "--by", by],
            "",
        );
        assert_eq!(o.status.code(), Some(2), "{by}");
        assert!(
            stderr(&o).contains(&format!("cannot group the worklist by `{by}`")),
            "{}",
            stderr(&o)
        );
    }
    // A column named twice: its one JSON key was printed twice (exit 0), as the report and
    // the scorecard refuse it.
    for by in ["agency,agency", "field,agency,field"] {
        let o = motcua(
            &["worklist", SAMPLE, "--catalogue", CATALOGUE, "--by", by],
            "",
        );
        assert_eq!(o.status.code(), Some(2), "{by}");
        assert!(
            stderr(&o).contains("is named twice among the worklist's grouping columns"),
            "{}",
            stderr(&o)
        );
    }
    let rows = worklist(&[
        "--as-of",
        "2025-06-13T10:00",
        "--by",
        "agency",
        "--transfers",
        TRANSFERS,
    ]);
    assert!(rows.iter().all(|r| r["agency"].is_string()));
    assert!(rows.iter().any(|r| r["stage_agency"].is_string()));
}

/// Without `--transfers` the stage table and the worklist cannot know where inter-agency files
/// went: each is taken to be at its first stage, and stderr says so (it was silent, and the
/// first agencies took the blame); with the transfers, no note.
#[test]
fn without_transfers_the_stage_views_say_what_they_assume() {
    let note = "note: without --transfers the files' moves between agencies are not known";
    let base = ["--catalogue", CATALOGUE, "--as-of", "2026-11-13T10:00"];
    for (cmd, extra) in [("report", vec!["--stages"]), ("worklist", vec![])] {
        let mut args = vec![cmd, SAMPLE];
        args.extend(base);
        args.extend(&extra);
        let o = motcua(&args, "");
        assert_eq!(o.status.code(), Some(0), "{cmd}: {}", stderr(&o));
        assert!(stderr(&o).contains(note), "{cmd}: {}", stderr(&o));
        args.extend(["--transfers", TRANSFERS]);
        let o = motcua(&args, "");
        assert_eq!(o.status.code(), Some(0), "{cmd}: {}", stderr(&o));
        assert!(!stderr(&o).contains(note), "{cmd}: {}", stderr(&o));
    }
}

/// A negative `--within` or `--apology-lead` is bad usage naming the option and the value
/// (clap read `-1` as an option and advised `-- -1`, which ended the options there).
#[test]
fn a_negative_count_of_days_is_bad_usage_naming_it() {
    for (flag, value) in [("--within", "-1"), ("--apology-lead", "-2")] {
        let o = motcua(
            &["worklist", SAMPLE, "--catalogue", CATALOGUE, flag, value],
            "",
        );
        assert_eq!(o.status.code(), Some(2), "{flag}");
        let err = stderr(&o);
        assert!(
            err.contains(&format!("invalid value '{value}' for '{flag} <N>'")),
            "{err}"
        );
        assert!(!err.contains("-- "), "{err}");
    }
}

/// Records by procedure code without a `field` (or `level`) column: `--by field` reads each
/// procedure's from the catalogue (it was a missing column). The sample without its `field`
/// column gives the sample's report, scorecard and worklist by field; with a `level` column
/// written here from the catalogue's JSON, `--by level` on the records equals `--by level`
/// read from the catalogue. Without `--catalogue` the column is missing, and says so.
#[test]
fn grouping_by_the_catalogues_field_and_level() {
    let root = repo_root();
    let text = std::fs::read_to_string(root.join(SAMPLE)).unwrap();
    let cat: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(root.join(CATALOGUE)).unwrap()).unwrap();
    let level: HashMap<&str, &str> = cat
        .iter()
        .map(|p| (p["code"].as_str().unwrap(), p["level"].as_str().unwrap()))
        .collect();
    let mut lines = text.lines();
    let names: Vec<&str> = lines.next().unwrap().split(',').collect();
    let field = names.iter().position(|n| *n == "field").unwrap();
    let code = names.iter().position(|n| *n == "procedure").unwrap();
    // (The sample has no quoted cells: a plain split reads it.)
    let mut without = String::new();
    let mut leveled = String::new();
    for (i, line) in text.lines().enumerate() {
        let mut cells: Vec<&str> = line.split(',').collect();
        let lv = if i == 0 { "level" } else { level[cells[code]] };
        leveled.push_str(&format!("{line},{lv}\n"));
        cells.remove(field);
        without.push_str(&cells.join(","));
        without.push('\n');
    }
    let dir = std::env::temp_dir().join(format!("motcua-catalogue-groups-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let without_path = dir.join("without-field.csv");
    let leveled_path = dir.join("with-level.csv");
    std::fs::write(&without_path, &without).unwrap();
    std::fs::write(&leveled_path, &leveled).unwrap();
    let run = |file: &str, command: &str, by: &str| {
        let mut args = vec![command, file, "--catalogue", CATALOGUE, "--by", by];
        args.extend(["--as-of", "2026-11-13T10:00", "--format", "json"]);
        if command == "worklist" {
            args.push("--all");
        }
        let o = motcua(&args, "");
        assert_eq!(o.status.code(), Some(0), "{command} {by}: {}", stderr(&o));
        stdout(&o)
    };
    let without = without_path.to_str().unwrap();
    for command in ["report", "scorecard"] {
        let want = run(SAMPLE, command, "field");
        assert!(want.contains("Hộ tịch"), "{want}");
        assert_eq!(run(without, command, "field"), want, "{command}");
        let want = run(leveled_path.to_str().unwrap(), command, "level");
        assert!(
            want.contains("\"commune\"") && want.contains("\"province\""),
            "{want}"
        );
        assert_eq!(run(without, command, "level"), want, "{command}");
    }
    // The worklist's rows are the sample's, line for line.
    let want = run(SAMPLE, "worklist", "field");
    assert!(want.matches("\"line\"").count() > 20, "{want}");
    assert_eq!(run(without, "worklist", "field"), want);
    let o = motcua(&["report", without, "--by", "field"], "");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("missing column `field`") && err.contains("--catalogue"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// The sample's CSV catalogue is its JSON catalogue: the same report, stage table and
/// worklist (the CSV had no `stages` column, and the stage table from it was empty).
#[test]
fn the_samples_csv_catalogue_is_its_json_one() {
    let run = |catalogue: &str, extra: &[&str]| {
        let mut args = vec![
            "report",
            SAMPLE,
            "--catalogue",
            catalogue,
            "--transfers",
            TRANSFERS,
        ];
        args.extend(["--as-of", "2026-11-13T10:00", "--format", "json"]);
        args.extend_from_slice(extra);
        let o = motcua(&args, "");
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stdout(&o)
    };
    let csv = "core/examples/sample/catalogue.csv";
    for extra in [&["--stages"][..], &["--by", "field"][..]] {
        let want = run(CATALOGUE, extra);
        assert_eq!(run(csv, extra), want, "{extra:?}");
    }
    assert!(run(csv, &["--stages"]).contains("Sở Nội vụ"));
}
