//! The per-agency stage table (`motcua report --stages --transfers`, `StageSink`) against an
//! independent computation: generated inter-agency dossiers are written as a dossier CSV and a
//! long transfers CSV (`id, at, to`, ids interleaved); the core reads and joins them; the
//! reference builds each dossier directly (its `transferred` events in place), classifies it
//! and counts the answer's stages per agency by hand. Then hand-worked cases and bad transfers
//! files (located, typed errors; skip-bad counting).

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use motcua::deadline::Rules;
use motcua::dossier::{Dossier, Event, EventKind, LimitSource};
use motcua::outcome::{classify, Outcome};
use motcua::procedure::Catalogue;
use motcua::records::{
    run_tables, run_text, Column, Layout, OnBad, OwnedCell, ReadOptions, RunOptions, Table,
    TextFormat, TextSource, Transfers,
};
use motcua::report::{Context, StageSink, STAGE_COLUMNS};
use proptest::prelude::*;
use proptest::strategy::ValueTree;

use crate::cli::{motcua, stderr, stdout};

/// Two inter-agency procedures (one with an agency in charge of two stages) and one without.
const CATALOGUE: &str = r#"[
 {"code":"P2","name":"two stages","field":"Đất đai","level":"commune","online":"none","time_limit":"5wd",
  "stages":[{"agency":"Land office","time_limit":"3wd"},{"agency":"Tax office","time_limit":"2wd"}]},
 {"code":"P3","name":"three stages","field":"Đất đai","level":"commune","online":"none","time_limit":"7wd",
  "stages":[{"agency":"Land office","time_limit":"3wd"},{"agency":"Tax office","time_limit":"2wd"},
            {"agency":"Land office","time_limit":"2wd"}]},
 {"code":"P0","name":"one office","field":"Hộ tịch","level":"commune","online":"none","time_limit":"4wd"}
]"#;

const STAGES: [(&str, &[&str]); 3] = [
    ("P2", &["Land office", "Tax office"]),
    ("P3", &["Land office", "Tax office", "Land office"]),
    ("P0", &[]),
];

fn as_of() -> NaiveDateTime {
    "2026-06-30T17:00:00".parse().unwrap()
}

fn at(day: i64, minutes: i64) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 1, 5)
        .unwrap()
        .and_time(NaiveTime::MIN)
        + Duration::days(day)
        + Duration::minutes(minutes)
}

/// One generated dossier: its procedure, receipt, an answered (or open) supplement request
/// before any transfer, its transfers and how it closed.
#[derive(Debug, Clone)]
struct Gen {
    procedure: usize,
    received: NaiveDateTime,
    supplement: Option<(NaiveDateTime, Option<NaiveDateTime>)>,
    transfers: Vec<(NaiveDateTime, String)>,
    close: Option<(EventKind, NaiveDateTime)>,
}

prop_compose! {
    fn gen()(
        procedure in 0usize..3, day in 0i64..170, minute in 0i64..1440,
        supplement in prop::option::of((1i64..3, prop::option::of(1i64..5))),
        gaps in prop::collection::vec((0i64..8, 0i64..1440), 0..3),
        close in prop::option::of((0usize..3, 0i64..9, 0i64..1440)),
    ) -> Gen {
        let received = at(day, minute);
        let mut last = received;
        let mut sup = None;
        if let Some((req, got)) = supplement {
            let r = last + Duration::days(req);
            let g = got.map(|g| r + Duration::days(g));
            last = g.unwrap_or(r);
            sup = Some((r, g));
        }
        let open = matches!(sup, Some((_, None)));
        let agencies = STAGES[procedure].1;
        let mut transfers = Vec::new();
        if !open {
            for (k, (d, m)) in gaps.iter().enumerate().take(agencies.len().saturating_sub(1)) {
                last = last + Duration::days(*d) + Duration::minutes(*m) + Duration::minutes(1);
                transfers.push((last, agencies[k + 1].to_string()));
            }
        }
        let close = match close {
            Some((k, d, m)) if !open => {
                let kind = [EventKind::Resolved, EventKind::Refused, EventKind::Withdrawn][k];
                Some((kind, last + Duration::days(d) + Duration::minutes(m) + Duration::minutes(1)))
            }
            _ => None,
        };
        Gen { procedure, received, supplement: sup, transfers, close }
    }
}

fn iso(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

/// The dossiers CSV and the transfers CSV (ids interleaved: the transfers of dossier i are
/// written in rounds, the first transfer of every dossier, then the second, ...).
fn files(gens: &[Gen]) -> (String, String) {
    let mut d = String::from(
        "id,procedure,received,supplement_requested,supplement_received,resolved,refused,withdrawn\n",
    );
    for (i, g) in gens.iter().enumerate() {
        let (req, got) = match g.supplement {
            Some((r, g)) => (iso(r), g.map(iso).unwrap_or_default()),
            None => (String::new(), String::new()),
        };
        let mut closing = [String::new(), String::new(), String::new()];
        if let Some((kind, t)) = g.close {
            let k = match kind {
                EventKind::Resolved => 0,
                EventKind::Refused => 1,
                _ => 2,
            };
            closing[k] = iso(t);
        }
        d.push_str(&format!(
            "D{i},{},{},{req},{got},{}\n",
            STAGES[g.procedure].0,
            iso(g.received),
            closing.join(",")
        ));
    }
    let mut t = String::from("to,id,at,note\n");
    for round in 0..3 {
        for (i, g) in gens.iter().enumerate() {
            if let Some((when, to)) = g.transfers.get(round) {
                t.push_str(&format!("{to},D{i},{},x\n", iso(*when)));
            }
        }
    }
    (d, t)
}

/// The dossiers as JSON lines carrying their own stages (the catalogue's, copied) and no
/// procedure.
fn jsonl(gens: &[Gen]) -> String {
    let cat: serde_json::Value = serde_json::from_str(CATALOGUE).unwrap();
    let mut out = String::new();
    for (i, g) in gens.iter().enumerate() {
        let p = &cat[g.procedure];
        let mut o = serde_json::json!({
            "id": format!("D{i}"), "received": iso(g.received), "time_limit": p["time_limit"],
        });
        if let Some(st) = p.get("stages") {
            o["stages"] = st.clone();
        }
        if let Some((r, got)) = g.supplement {
            o["supplement_requested"] = iso(r).into();
            if let Some(got) = got {
                o["supplement_received"] = iso(got).into();
            }
        }
        if let Some((kind, t)) = g.close {
            o[kind.as_str()] = iso(t).into();
        }
        out.push_str(&o.to_string());
        out.push('\n');
    }
    out
}

/// The reference: each dossier built directly, classified, its stages counted by hand.
fn by_hand(gens: &[Gen], cat: &Catalogue) -> BTreeMap<Option<String>, [u64; 11]> {
    let cal = motcua::vn::public_sector().unwrap();
    let mut out: BTreeMap<Option<String>, [u64; 11]> = BTreeMap::new();
    for g in gens.iter().filter(|g| g.received <= as_of()) {
        let mut d = Dossier::new(motcua::procedure::TimeLimit::WorkingDays(1), g.received);
        d.limit = LimitSource::Procedure(STAGES[g.procedure].0.to_string());
        if let Some((r, got)) = g.supplement {
            d.events.push(Event::new(EventKind::SupplementRequested, r));
            if let Some(got) = got {
                d.events
                    .push(Event::new(EventKind::SupplementReceived, got));
            }
        }
        for (when, to) in &g.transfers {
            let mut e = Event::new(EventKind::Transferred, *when);
            e.to = Some(to.clone());
            d.events.push(e);
        }
        if let Some((kind, t)) = g.close {
            d.events.push(Event::new(kind, t));
        }
        let c = classify(&d, &cal, &Rules::default(), Some(cat), as_of()).unwrap();
        // The worklist's hook: the stage holding the file is the last one reached, while it is
        // not completed, and only while the dossier is open.
        let closed = g.close.is_some_and(|(_, t)| t <= as_of());
        match c.due.holding() {
            Some(h) => {
                assert!(!closed, "{g:?}");
                assert_eq!(Some(h), c.due.stages.last());
                assert!(h.completed.is_none());
            }
            None => assert!(closed || c.due.stages.is_empty(), "{g:?}"),
        }
        for s in &c.due.stages {
            for key in [Some(s.agency.clone()), None] {
                let row = out.entry(key).or_default();
                // received, completed, early, on_time, late, holding, within, overdue, awaiting,
                // refused, withdrawn
                row[0] += 1;
                let k = match s.outcome.unwrap() {
                    Outcome::Early => 2,
                    Outcome::OnTime => 3,
                    Outcome::Late => 4,
                    Outcome::PendingWithin => 6,
                    Outcome::Overdue => 7,
                    Outcome::AwaitingSupplement => 8,
                    // The stage holding the file when the dossier was refused or withdrawn:
                    // ended by that event, neither completed nor holding.
                    o @ (Outcome::Refused | Outcome::Withdrawn) => {
                        let (kind, t) = g.close.unwrap();
                        assert_eq!((s.completed, o.as_str()), (Some(t), kind.as_str()), "{g:?}");
                        row[if kind == EventKind::Refused { 9 } else { 10 }] += 1;
                        continue;
                    }
                };
                row[if s.completed.is_some() { 1 } else { 5 }] += 1;
                row[k] += 1;
            }
        }
    }
    out.entry(None).or_default();
    out
}

/// The core's table from the two CSV texts, on `threads` threads in small blocks.
fn core_table(
    dossiers: &str,
    format: TextFormat,
    transfers: &str,
    cat: &Catalogue,
    threads: usize,
) -> BTreeMap<Option<String>, [u64; 11]> {
    let cal = motcua::vn::public_sector().unwrap();
    let t =
        Transfers::read_text(transfers.as_bytes(), TextFormat::Csv, OnBad::Stop, |_| {}).unwrap();
    let read = ReadOptions::default();
    let mut src = TextSource::open(dossiers.as_bytes(), format, &read)
        .unwrap()
        .with_block_size(300);
    let layout = Layout::resolve(src.names(), &read)
        .unwrap()
        .with_transfers(Arc::new(t))
        .unwrap();
    let ctx = Context {
        calendar: &cal,
        catalogue: Some(cat),
        rules: Rules::default(),
    };
    let run = RunOptions {
        threads,
        on_bad: OnBad::Stop,
        first_row: 0,
    };
    let (sink, _) = run_text(
        &mut src,
        &layout,
        &run,
        || StageSink::new(ctx, as_of()),
        |_| {},
    )
    .unwrap();
    let rows = sink.into_table().rows();
    rows.into_iter()
        .map(|r| {
            let v = r.counts.values();
            // The table's identities.
            assert_eq!(v[0], v[1] + v[5] + v[9] + v[10], "{r:?}");
            assert_eq!(v[1], v[2] + v[3] + v[4], "{r:?}");
            assert_eq!(v[5], v[6] + v[7] + v[8], "{r:?}");
            (r.agency, v)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn stage_table_equals_stages_counted_by_hand(gens in prop::collection::vec(gen(), 1..40)) {
        let cat = Catalogue::from_json(CATALOGUE).unwrap();
        let (d, t) = files(&gens);
        let want = by_hand(&gens, &cat);
        prop_assert_eq!(&core_table(&d, TextFormat::Csv, &t, &cat, 1), &want);
        prop_assert_eq!(&core_table(&d, TextFormat::Csv, &t, &cat, 3), &want);
        // JSON lines whose dossiers carry their stages themselves.
        prop_assert_eq!(&core_table(&jsonl(&gens), TextFormat::JsonLines, &t, &cat, 2), &want);
    }
}

/// A few hundred generated dossiers through the CLI (`--format json`), against the reference.
#[test]
fn cli_stage_table_equals_stages_counted_by_hand() {
    let cat = Catalogue::from_json(CATALOGUE).unwrap();
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let gens: Vec<Gen> = (0..400)
        .map(|_| gen().new_tree(&mut runner).unwrap().current())
        .collect();
    let want = by_hand(&gens, &cat);
    assert!(want.len() >= 3, "both agencies reached: {want:?}");
    let (d, t) = files(&gens);
    let dir = std::env::temp_dir().join(format!("motcua-stages-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (dp, tp, cp) = (dir.join("d.csv"), dir.join("t.csv"), dir.join("c.json"));
    std::fs::write(&dp, d).unwrap();
    std::fs::write(&tp, t).unwrap();
    std::fs::write(&cp, CATALOGUE).unwrap();
    let out = motcua(
        &[
            "report",
            dp.to_str().unwrap(),
            "--catalogue",
            cp.to_str().unwrap(),
            "--transfers",
            tp.to_str().unwrap(),
            "--stages",
            "--as-of",
            "2026-06-30T17:00",
            "--format",
            "json",
        ],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let got: BTreeMap<Option<String>, [u64; 11]> = rows
        .iter()
        .map(|r| {
            let agency = r["agency"].as_str().map(str::to_string);
            let mut v = [0u64; 11];
            for (slot, c) in v.iter_mut().zip(STAGE_COLUMNS) {
                *slot = r[c].as_u64().unwrap();
            }
            (agency, v)
        })
        .collect();
    assert_eq!(got, want);
    // The report itself is the same with or without the transfers (the total limit).
    let report = |extra: &[&str]| {
        let mut args = vec![
            "report",
            dp.to_str().unwrap(),
            "--catalogue",
            cp.to_str().unwrap(),
            "--as-of",
            "2026-06-30T17:00",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        let o = motcua(&args, "");
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    assert_eq!(report(&[]), report(&["--transfers", tp.to_str().unwrap()]));
    std::fs::remove_dir_all(&dir).ok();
}

/// Hand-worked (calendar of 2026): a land dossier of procedure P3 received Monday 2 March
/// 09:30. Land office (3wd): deemed receipt 2 March, due Thursday 5 March; it passes the file
/// on Friday 6 March 10:00 → late by 1. Tax office (2wd) from 6 March: due Tuesday 10 March;
/// back to the land office on Monday 9 March 16:00 → early. Land office (2wd) from 9 March:
/// due Wednesday 11 March; resolved 11 March → on time. A second P2 dossier received Friday
/// 27 March 16:00 (Land office due Wednesday 1 April), transferred to the tax office Thursday
/// 2 April 08:00 (late); the tax office (2wd: 3 April, then Monday 6 April — the Hùng Kings'
/// day 2026 is Sunday 26 April, no effect) holds it on 3 April 17:00 → within.
#[test]
fn hand_worked_stage_table() {
    let cat = Catalogue::from_json(CATALOGUE).unwrap();
    let d = "id,procedure,received,resolved\nA,P3,2026-03-02T09:30,2026-03-11T15:00\nB,P2,2026-03-27T16:00,\nC,P0,2026-03-02T09:00,\n";
    let t = "id,at,to\nA,2026-03-06T10:00,Tax office\nB,2026-04-02T08:00,Tax office\nA,2026-03-09T16:00,Land office\n";
    let cal = motcua::vn::public_sector().unwrap();
    let tr = Transfers::read_text(t.as_bytes(), TextFormat::Csv, OnBad::Stop, |_| {}).unwrap();
    let read = ReadOptions::default();
    let mut src = TextSource::open(d.as_bytes(), TextFormat::Csv, &read).unwrap();
    let tr = Arc::new(tr);
    let layout = Layout::resolve(src.names(), &read)
        .unwrap()
        .with_transfers(tr.clone())
        .unwrap();
    let ctx = Context {
        calendar: &cal,
        catalogue: Some(&cat),
        rules: Rules::default(),
    };
    let as_of: NaiveDateTime = "2026-04-03T17:00:00".parse().unwrap();
    let (sink, tally) = run_text(
        &mut src,
        &layout,
        &RunOptions::default(),
        || StageSink::new(ctx, as_of),
        |_| {},
    )
    .unwrap();
    assert!(tr.unjoined().unwrap().is_empty());
    assert_eq!(tally.counted, 3);
    let table = sink.into_table();
    assert_eq!((table.dossiers(), table.inter_agency()), (3, 2));
    let rows: Vec<(Option<String>, [u64; 11])> = table
        .rows()
        .into_iter()
        .map(|r| (r.agency, r.counts.values()))
        .collect();
    let named = |a: &str| Some(a.to_string());
    // received, completed, early, on_time, late, holding, within, overdue, awaiting, refused,
    // withdrawn
    assert_eq!(
        rows,
        [
            (named("Land office"), [3, 3, 0, 1, 2, 0, 0, 0, 0, 0, 0]),
            (named("Tax office"), [2, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0]),
            (None, [5, 4, 1, 1, 2, 1, 1, 0, 0, 0, 0]),
        ]
    );
}

fn stage_run(d: &str, t: &str, on_bad: OnBad) -> Result<(u64, Vec<String>), motcua::Error> {
    let cat = Catalogue::from_json(CATALOGUE).unwrap();
    let cal = motcua::vn::public_sector().unwrap();
    let mut errors = Vec::new();
    let push = |e: motcua::Error, errors: &mut Vec<String>| {
        errors.push(format!(
            "{}@{}:{}:{}",
            e.code(),
            e.line().unwrap_or(0),
            e.field().unwrap_or(""),
            e.id().unwrap_or("")
        ));
    };
    let tr = Transfers::read_text(t.as_bytes(), TextFormat::Csv, on_bad, |e| {
        push(e, &mut errors)
    })?;
    let tr = Arc::new(tr);
    let read = ReadOptions::default();
    let mut src = TextSource::open(d.as_bytes(), TextFormat::Csv, &read)?;
    let layout = Layout::resolve(src.names(), &read)?.with_transfers(tr.clone())?;
    let ctx = Context {
        calendar: &cal,
        catalogue: Some(&cat),
        rules: Rules::default(),
    };
    let run = RunOptions {
        threads: 2,
        on_bad,
        first_row: 0,
    };
    let (_, tally) = run_text(
        &mut src,
        &layout,
        &run,
        || StageSink::new(ctx, as_of()),
        |e| push(e, &mut errors),
    )?;
    for e in tr.unjoined()? {
        push(e, &mut errors);
    }
    Ok((tally.counted, errors))
}

const DOSSIERS: &str =
    "id,procedure,received\nA,P2,2026-03-02T09:30\nB,P2,2026-03-02T09:30\nC,P3,2026-03-02T09:30\n";

#[test]
fn bad_transfers_files_are_located_errors() {
    let stop = |t: &str| stage_run(DOSSIERS, t, OnBad::Stop).unwrap_err();
    // A transfer earlier than the one before it for the same dossier.
    let e = stop("id,at,to\nC,2026-03-05T10:00,Tax office\nA,2026-03-04T08:00,Tax office\nC,2026-03-04T10:00,Land office\n");
    assert_eq!(
        (e.code(), e.line(), e.field(), e.id()),
        ("events_out_of_order", Some(4), Some("at"), Some("C"))
    );
    assert!(e.message().contains("transfers, line 4"), "{e}");
    // A bad instant, an empty agency, an empty id.
    let e = stop("id,at,to\nA,31/02/2026,Tax office\n");
    assert_eq!(
        (e.code(), e.line(), e.field(), e.value()),
        ("csv_field", Some(2), Some("at"), Some("31/02/2026"))
    );
    let e = stop("id,at,to\nA,2026-03-04T08:00,\n");
    assert_eq!(
        (e.code(), e.line(), e.field()),
        ("csv_field", Some(2), Some("to"))
    );
    let e = stop("id,at,to\n,2026-03-04T08:00,Tax office\n");
    assert_eq!(
        (e.code(), e.line(), e.field()),
        ("csv_field", Some(2), Some("id"))
    );
    // A missing column, an empty file.
    let e = stop("id,when,to\nA,2026-03-04T08:00,Tax office\n");
    assert_eq!((e.code(), e.field()), ("csv_missing_column", Some("at")));
    assert_eq!(stop("").code(), "csv_empty");
    // A transfer to another agency than the next stage's: the dossier's own validation.
    let e = stop("id,at,to\nB,2026-03-04T08:00,Registry\n");
    assert_eq!(
        (e.code(), e.line(), e.id()),
        ("invalid_transfer", Some(3), Some("B"))
    );
    // An id no dossier has: after the run, located in the transfers.
    let (counted, errors) = stage_run(
        DOSSIERS,
        "id,at,to\nA,2026-03-04T08:00,Tax office\nZ,2026-03-04T08:00,Tax office\n",
        OnBad::Stop,
    )
    .unwrap();
    assert_eq!(
        (counted, errors),
        (3, vec!["invalid_transfer@3:id:Z".to_string()])
    );
    // An id on two dossier records: the join is refused whatever the mode.
    let twice = "id,procedure,received\nA,P2,2026-03-02T09:30\nA,P2,2026-03-03T09:30\n";
    for mode in [OnBad::Stop, OnBad::Skip] {
        let e = stage_run(twice, "id,at,to\nA,2026-03-04T08:00,Tax office\n", mode).unwrap_err();
        assert_eq!(
            (e.code(), e.line(), e.id()),
            ("invalid_transfer", Some(2), Some("A"))
        );
    }
    // The dossier table without an `id` column cannot be joined.
    let e = stage_run(
        "procedure,received\nP2,2026-03-02T09:30\n",
        "id,at,to\nA,2026-03-04T08:00,Tax office\n",
        OnBad::Stop,
    )
    .unwrap_err();
    assert_eq!((e.code(), e.field()), ("csv_missing_column", Some("id")));
}

#[test]
fn skip_bad_counts_bad_transfers_and_their_dossiers() {
    // Line 3 (C's second transfer) is out of order: C is a bad record too, never counted with
    // one transfer missing; Z names no dossier; A and B are counted.
    let t = "id,at,to\nC,2026-03-05T10:00,Tax office\nC,2026-03-04T10:00,Land office\nA,2026-03-04T08:00,Tax office\nZ,2026-03-04T08:00,Tax office\n";
    let (counted, errors) = stage_run(DOSSIERS, t, OnBad::Skip).unwrap();
    assert_eq!(counted, 2);
    assert_eq!(
        errors,
        [
            "events_out_of_order@3:at:C",
            "invalid_transfer@4:id:C",
            "invalid_transfer@5:id:Z"
        ]
    );
}

/// The frame road: a transfers table of typed columns (instants, text), rows numbered from
/// `first_row`, joined to a table of dossiers.
#[test]
fn transfers_from_tables() {
    let ids = [
        OwnedCell::Text("A".into()),
        OwnedCell::Text("A".into()),
        OwnedCell::Missing,
    ];
    let ats = [
        OwnedCell::Instant("2026-03-04T08:00:00".parse().unwrap()),
        OwnedCell::Instant("2026-03-05T08:00:00".parse().unwrap()),
        OwnedCell::Instant("2026-03-05T08:00:00".parse().unwrap()),
    ];
    let tos = [
        OwnedCell::Text("Tax office".into()),
        OwnedCell::Text("Land office".into()),
        OwnedCell::Text("Tax office".into()),
    ];
    let names: Vec<String> = ["id", "at", "to"].iter().map(|s| s.to_string()).collect();
    let table = Table::new(
        names,
        vec![
            Column::cells(&ids),
            Column::cells(&ats),
            Column::cells(&tos),
        ],
    )
    .unwrap();
    let e =
        Transfers::read_tables(std::slice::from_ref(&table), 100, OnBad::Stop, |_| {}).unwrap_err();
    assert_eq!(
        (e.code(), e.index(), e.line(), e.field()),
        ("csv_field", Some(102), Some(103), Some("id"))
    );
    let mut skipped = 0;
    let tr = Transfers::read_tables(&[table], 100, OnBad::Skip, |_| skipped += 1).unwrap();
    assert_eq!((tr.len(), tr.dossiers(), skipped), (2, 1, 1));
    // Joined to a table of dossiers: A's stages end at the result.
    let dn: Vec<String> = ["id", "procedure", "received", "resolved"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let cells = [
        [OwnedCell::Text("A".into())],
        [OwnedCell::Text("P3".into())],
        [OwnedCell::Text("2026-03-02T09:30".into())],
        [OwnedCell::Text("2026-03-06T09:00".into())],
    ];
    let dossiers =
        Table::new(dn.clone(), cells.iter().map(|c| Column::cells(c)).collect()).unwrap();
    let layout = Layout::resolve(&dn, &ReadOptions::default())
        .unwrap()
        .with_transfers(Arc::new(tr))
        .unwrap();
    let cat = Catalogue::from_json(CATALOGUE).unwrap();
    let cal = motcua::vn::public_sector().unwrap();
    let ctx = Context {
        calendar: &cal,
        catalogue: Some(&cat),
        rules: Rules::default(),
    };
    let (sink, _) = run_tables(
        &[dossiers],
        &layout,
        &RunOptions::default(),
        || StageSink::new(ctx, as_of()),
        |_| {},
    )
    .unwrap();
    let rows = sink.into_table().rows();
    // Land office 3wd (due 5 March) then 2wd from 5 March (due 9 March, closed 6 March);
    // tax office 2wd from 4 March (due 6 March), passed on 5 March.
    let v: Vec<[u64; 11]> = rows.iter().map(|r| r.counts.values()).collect();
    assert_eq!(
        v,
        [
            [2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0],
            [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0],
            [3, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0]
        ]
    );
}

/// One agency typed two ways — precomposed (NFC) and as letters with combining marks (NFD),
/// with a double space — is one agency: one row of the stage table, once in `late_agencies`
/// (it was two rows, each a plausible answer; a tester's case).
#[test]
fn an_agency_typed_two_ways_is_one_agency() {
    let nfc = "Chi cục Thuế";
    let nfd = "Chi  cu\u{323}c Thue\u{302}\u{301}";
    assert_ne!(nfc, nfd);
    let stages = |agency: &str| {
        format!(
            r#""[{{""agency"":""A"",""time_limit"":""2wd""}},{{""agency"":""{agency}"",""time_limit"":""2wd""}}]""#
        )
    };
    let d = format!(
        "id,time_limit,stages,received,resolved\n\
         X1,5wd,{},2026-03-02T09:00,2026-03-06T10:00\n\
         X2,5wd,{},2026-03-02T09:00,2026-03-06T10:00\n",
        stages(nfc),
        stages(nfd)
    );
    let t = format!("id,at,to\nX1,2026-03-03T10:00,{nfc}\nX2,2026-03-03T10:00,{nfd}\n");
    let dir = std::env::temp_dir().join(format!("motcua-stages-nf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (dp, tp) = (dir.join("d.csv"), dir.join("t.csv"));
    std::fs::write(&dp, d).unwrap();
    std::fs::write(&tp, t).unwrap();
    let out = motcua(
        &[
            "report",
            dp.to_str().unwrap(),
            "--transfers",
            tp.to_str().unwrap(),
            "--stages",
            "--as-of",
            "2026-03-31",
            "--format",
            "json",
        ],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let agencies: Vec<_> = rows.iter().map(|r| r["agency"].clone()).collect();
    assert_eq!(
        agencies,
        [
            serde_json::json!("A"),
            serde_json::json!(nfc),
            serde_json::Value::Null
        ],
        "{rows:?}"
    );
    // Both dossiers' second stage, in one row: 2 received, 2 late (due 5 March from the
    // transfer on the 3rd; resolved on the 6th).
    assert_eq!(
        (rows[1]["received"].as_u64(), rows[1]["late"].as_u64()),
        (Some(2), Some(2))
    );
    // classify: a dossier whose stages name the agency both ways, late twice, lists it once.
    let line = format!(
        r#"{{"received":"2026-03-02T09:00","time_limit":{{"working_days":10}},"stages":[{{"agency":"{nfc}","time_limit":"1wd"}},{{"agency":"B","time_limit":"2wd"}},{{"agency":"{nfd}","time_limit":"1wd"}}],"events":[{{"type":"transferred","at":"2026-03-04T10:00","to":"B"}},{{"type":"transferred","at":"2026-03-05T10:00","to":"{nfc}"}},{{"type":"resolved","at":"2026-03-09T10:00"}}]}}"#
    );
    let out = motcua(&["classify", "--as-of", "2026-03-31", "-"], &line);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(v["late_agencies"], serde_json::json!([nfc]), "{v}");
    std::fs::remove_dir_all(&dir).ok();
}

/// A row that fills both `time_limit` and `procedure` (exports carry the procedure's code and
/// its limit) is counted with its own limit and its procedure's stages: the stage table of the
/// hand-worked dossiers is the same with a `time_limit` column as without it, transfers
/// included (they were refused: "the dossier has no stages"), and without transfers (its
/// first stage was left out of the table, exit 0). A tester's case.
#[test]
fn a_row_with_both_a_time_limit_and_a_staged_procedure_keeps_its_stages() {
    let dir = std::env::temp_dir().join(format!("motcua-stages-both-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (plain, both, tp, cp) = (
        dir.join("plain.csv"),
        dir.join("both.csv"),
        dir.join("t.csv"),
        dir.join("c.json"),
    );
    std::fs::write(
        &plain,
        "id,procedure,received,resolved\nA,P3,2026-03-02T09:30,2026-03-11T15:00\n\
         B,P2,2026-03-27T16:00,\nC,P0,2026-03-02T09:00,\n",
    )
    .unwrap();
    std::fs::write(
        &both,
        "id,procedure,time_limit,received,resolved\nA,P3,7wd,2026-03-02T09:30,2026-03-11T15:00\n\
         B,P2,5wd,2026-03-27T16:00,\nC,P0,4wd,2026-03-02T09:00,\n",
    )
    .unwrap();
    std::fs::write(
        &tp,
        "id,at,to\nA,2026-03-06T10:00,Tax office\nB,2026-04-02T08:00,Tax office\n\
         A,2026-03-09T16:00,Land office\n",
    )
    .unwrap();
    std::fs::write(&cp, CATALOGUE).unwrap();
    // The stage table of `file` (with the transfers file `transfers`, if any) in `format`.
    let stage_table = |file: &std::path::Path, transfers: Option<&std::path::Path>, format| {
        let mut args = vec![
            "report",
            file.to_str().unwrap(),
            "--catalogue",
            cp.to_str().unwrap(),
            "--stages",
            "--as-of",
            "2026-04-03T17:00",
            "--format",
            format,
        ];
        if let Some(t) = transfers {
            args.extend(["--transfers", t.to_str().unwrap()]);
        }
        let o = motcua(&args, "");
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    let table = |file: &std::path::Path, transfers: Option<&std::path::Path>| {
        serde_json::from_str::<serde_json::Value>(&stage_table(file, transfers, "json")).unwrap()
    };
    for transfers in [Some(tp.as_path()), None] {
        let want = table(&plain, transfers);
        assert!(want.as_array().unwrap().len() >= 2, "{want}");
        assert_eq!(table(&both, transfers), want, "transfers: {transfers:?}");
    }
    // A transfers file's header is found in any ASCII case, as the records' is.
    let upper = dir.join("T.csv");
    std::fs::write(
        &upper,
        std::fs::read_to_string(&tp)
            .unwrap()
            .replacen("id,at,to", "ID,At,TO", 1),
    )
    .unwrap();
    assert_eq!(table(&both, Some(&upper)), table(&plain, Some(&tp)));
    // Its CSV as the report's: the totals row reads TOTAL, the rate six decimals.
    let csv = stage_table(&both, Some(&tp), "csv");
    let last = csv.lines().last().unwrap();
    assert!(
        last.starts_with("TOTAL,") && last.ends_with(",0.500000"),
        "{csv}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
