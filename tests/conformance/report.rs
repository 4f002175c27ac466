//! The report against a naive reference written here: for every period and dossier, decide
//! directly whether the dossier belongs to the period, whether it is new or carried over, and
//! how it stands at the period's end; then compare every count with the streaming
//! `ReportBuilder`, and check the table's identities, on random dossiers (proptest).

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use motcua::deadline::Rules;
use motcua::dossier::{Channel, Dossier, Event, EventKind};
use motcua::outcome::{classify, Outcome};
use motcua::procedure::TimeLimit;
use motcua::report::{Counts, Period, PeriodKind, ReportBuilder, ReportOptions};
use motcua::WorkCalendar;
use proptest::prelude::*;

fn cal() -> WorkCalendar {
    motcua::vn::public_sector().unwrap()
}

fn at(day: i64, minutes: i64) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 1, 1)
        .unwrap()
        .and_time(NaiveTime::MIN)
        + Duration::days(day)
        + Duration::minutes(minutes)
}

prop_compose! {
    fn dossier()(
        day in 0i64..200, minute in 0i64..1440, limit in 1u32..15, channel in 0u8..3,
        supplement in prop::option::of((1i64..10, 1i64..15, any::<bool>())),
        close in prop::option::of((0u8..3, 0i64..40)),
    ) -> Dossier {
        let received = at(day, minute);
        let mut d = Dossier::new(TimeLimit::WorkingDays(limit), received);
        d.channel = [Channel::Direct, Channel::Online, Channel::Postal][usize::from(channel)];
        let mut last = received;
        if let Some((req, got, answered)) = supplement {
            last = received + Duration::days(req);
            d.events.push(Event::new(EventKind::SupplementRequested, last));
            if answered {
                last += Duration::days(got);
                d.events.push(Event::new(EventKind::SupplementReceived, last));
            }
        }
        if let Some((kind, after)) = close {
            let kind = [EventKind::Resolved, EventKind::Refused, EventKind::Withdrawn][usize::from(kind)];
            d.events.push(Event::new(kind, last + Duration::days(after) + Duration::hours(1)));
        }
        d
    }
}

fn bump(c: &mut Counts, o: Outcome) {
    match o {
        Outcome::Early => c.early += 1,
        Outcome::OnTime => c.on_time += 1,
        Outcome::Late => c.late += 1,
        Outcome::PendingWithin => c.pending_within += 1,
        Outcome::Overdue => c.overdue += 1,
        Outcome::AwaitingSupplement => c.awaiting_supplement += 1,
        Outcome::Refused => c.refused += 1,
        Outcome::Withdrawn => c.withdrawn += 1,
    }
    c.resolved = c.early + c.on_time + c.late;
    c.pending = c.pending_within + c.overdue + c.awaiting_supplement;
}

/// The naive monthly table: period label → counts.
fn naive(ds: &[Dossier], cal: &WorkCalendar, as_of: NaiveDateTime) -> BTreeMap<String, Counts> {
    let rules = Rules::default();
    let mut out: BTreeMap<String, Counts> = BTreeMap::new();
    let last = Period::containing(PeriodKind::Month, as_of.date());
    for d in ds.iter().filter(|d| d.received <= as_of) {
        let close = d
            .events
            .iter()
            .find(|e| e.kind.is_closing() && e.at <= as_of)
            .map(|e| e.at.date());
        let mut p = Period::containing(PeriodKind::Month, d.received.date());
        while p <= last {
            if close.is_some_and(|c| c < p.start()) {
                break;
            }
            let c = out.entry(p.label()).or_default();
            if d.received.date() >= p.start() {
                c.received_new += 1;
                match d.channel {
                    Channel::Online => c.received_online += 1,
                    Channel::Direct => c.received_direct += 1,
                    Channel::Postal => c.received_postal += 1,
                }
            } else {
                c.carried_over += 1;
            }
            c.received = c.carried_over + c.received_new;
            let end = p.end().and_hms_opt(23, 59, 59).unwrap().min(as_of);
            let closed_here = close.is_some_and(|x| x <= p.end());
            let when = if closed_here { as_of } else { end };
            bump(c, classify(d, cal, &rules, None, when).unwrap().outcome);
            p = p.next();
        }
    }
    // Every month from the first receipt's to the one holding as-of has its row, zeros when
    // nothing was received or carried over then (nothing counted: that month alone).
    let first = ds
        .iter()
        .filter(|d| d.received <= as_of)
        .map(|d| Period::containing(PeriodKind::Month, d.received.date()))
        .min()
        .unwrap_or(last);
    let mut p = first;
    while p <= last {
        out.entry(p.label()).or_default();
        p = p.next();
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]

    #[test]
    fn monthly_report_matches_naive(ds in prop::collection::vec(dossier(), 1..80), as_of_day in 20i64..260) {
        let cal = cal();
        let as_of = at(as_of_day, 600);
        let mut opts = ReportOptions::new(as_of);
        opts.period = Some(PeriodKind::Month);
        let mut b = ReportBuilder::new(&cal, None, Rules::default(), opts);
        for d in &ds {
            b.add(d, &[]).unwrap();
        }
        let rows = b.finish();
        let expected = naive(&ds, &cal, as_of);
        let got: BTreeMap<String, Counts> = rows.iter().map(|r| (r.period.clone().unwrap(), r.counts)).collect();
        prop_assert_eq!(&got, &expected);
        for r in &rows {
            prop_assert!(r.counts.identity_violations().is_empty(), "{:?}", r.counts.identity_violations());
        }
    }

    #[test]
    fn grouped_rows_sum_to_totals(ds in prop::collection::vec(dossier(), 1..80), as_of_day in 20i64..260) {
        let cal = cal();
        let as_of = at(as_of_day, 600);
        let mut opts = ReportOptions::new(as_of);
        opts.by = vec!["channel".into()];
        let mut b = ReportBuilder::new(&cal, None, Rules::default(), opts);
        for d in &ds {
            b.add(d, &[d.channel.as_str()]).unwrap();
        }
        let rows = b.finish();
        let (total, groups) = rows.split_last().unwrap();
        prop_assert!(total.is_total());
        let mut sum = Counts::default();
        for g in groups {
            prop_assert!(g.counts.identity_violations().is_empty());
            prop_assert_eq!(g.counts.carried_over, 0);
            sum.add(&g.counts);
        }
        prop_assert_eq!(sum, total.counts);
        let received = ds.iter().filter(|d| d.received <= as_of).count() as u64;
        prop_assert_eq!(total.counts.received, received);
    }
}

/// A dossier as a record of `motcua report`: CSV cells in every accepted text form.
fn record_cells(d: &Dossier, form: usize, groups: &str) -> Vec<String> {
    let text = |t: NaiveDateTime, k: usize| match (form + k) % 4 {
        0 => t.format("%Y-%m-%dT%H:%M").to_string(),
        1 => t.format("%d/%m/%Y %H:%M").to_string(),
        2 => t.format("%Y-%m-%d %H:%M:%S").to_string(),
        _ => t.format("%Y-%m-%dT%H:%M:%S").to_string(),
    };
    let event = |kind: EventKind| {
        d.events
            .iter()
            .find(|e| e.kind == kind)
            .map_or(String::new(), |e| text(e.at, kind as usize))
    };
    let limit = match &d.limit {
        motcua::dossier::LimitSource::TimeLimit(t) => t.to_string(),
        motcua::dossier::LimitSource::Procedure(p) => p.clone(),
    };
    vec![
        text(d.received, 0),
        limit,
        d.channel.as_str().to_string(),
        event(EventKind::SupplementRequested),
        event(EventKind::SupplementReceived),
        event(EventKind::Resolved),
        event(EventKind::Refused),
        event(EventKind::Withdrawn),
        groups.to_string(),
    ]
}

const RECORD_HEADER: &str =
    "received,time_limit,channel,supplement_requested,supplement_received,resolved,refused,withdrawn,field";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// The records road (CSV and JSON lines, in blocks, on one thread or several) gives the
    /// report of the dossiers counted one by one.
    #[test]
    fn the_record_road_equals_counting_each_dossier(
        ds in prop::collection::vec(dossier(), 1..120),
        as_of_day in 20i64..260,
        period in prop::option::of(prop_oneof![Just(PeriodKind::Month), Just(PeriodKind::Quarter), Just(PeriodKind::Year)]),
        block in 16usize..400,
    ) {
        use motcua::records::{run_text, Layout, OnBad, ReadOptions, RunOptions, TextFormat, TextSource};
        use motcua::report::{Context, ReportSink};
        let cal = cal();
        let as_of = at(as_of_day, 600);
        let mut opts = ReportOptions::new(as_of);
        opts.by = vec!["field".into()];
        opts.period = period;
        let field = |i: usize| ["Hộ tịch", "Đất đai", "Xây dựng, \"nhà ở\""][i % 3];
        let mut b = ReportBuilder::new(&cal, None, Rules::default(), opts.clone());
        for (i, d) in ds.iter().enumerate() {
            b.add(d, &[field(i)]).unwrap();
        }
        let want = b.finish();
        let mut csv = format!("{RECORD_HEADER}\r\n");
        let mut jsonl = String::new();
        for (i, d) in ds.iter().enumerate() {
            let cells = record_cells(d, i, field(i));
            let quoted: Vec<String> = cells.iter().map(|c| motcua::report::csv_cell(c)).collect();
            csv.push_str(&quoted.join(","));
            csv.push_str(if i % 2 == 0 { "\r\n" } else { "\n\n" });
            let obj: serde_json::Map<String, serde_json::Value> = RECORD_HEADER
                .split(',')
                .zip(&cells)
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k.to_string(), serde_json::Value::String(v.clone())))
                .collect();
            jsonl.push_str(&serde_json::Value::Object(obj).to_string());
            jsonl.push('\n');
        }
        let read = ReadOptions { by: vec!["field".into()], ..ReadOptions::default() };
        let ctx = Context { calendar: &cal, catalogue: None, rules: Rules::default() };
        for (text, format) in [(&csv, TextFormat::Csv), (&jsonl, TextFormat::JsonLines)] {
            for threads in [1, 3] {
                let mut src = TextSource::open(text.as_bytes(), format, &read).unwrap().with_block_size(block);
                let layout = Layout::resolve(src.names(), &read).unwrap();
                let run = RunOptions { threads, on_bad: OnBad::Stop, first_row: 0 };
                let (sink, tally) = run_text(&mut src, &layout, &run, || ReportSink::new(ctx, opts.clone(), false), |_| {}).unwrap();
                prop_assert_eq!(tally.counted + tally.left_out, ds.len() as u64);
                prop_assert_eq!(&sink.partial().rows(), &want, "{:?} threads {}", format, threads);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A closed period's row does not move with a later as-of: a record whose `new_due` column
    /// states an apology ("taken as issued in time") and whose supplement request comes after
    /// the period is judged at the period's end with the apology it had then. A request in
    /// April hid the apology from March's row once the run's as-of passed the request: the
    /// dossier pending within its new appointment at the end of March became overdue there.
    #[test]
    fn a_closed_month_does_not_move_with_a_later_as_of(
        month in 0u32..12, day in 15u32..29, minute in 0i64..1440, limit in 1u32..6,
        request in 1i64..12, answered in prop::option::of(1i64..15),
        resolved in prop::option::of(0i64..30),
        new_due_after in 0i64..30,
        earlier in 0i64..15,
        later in 0i64..60,
    ) {
        // Received late in a month, a supplement requested in the days after (often the next
        // month), as-of instants from the receipt on, around the request.
        let received = NaiveDate::from_ymd_opt(2026, month + 1, day).unwrap().and_time(NaiveTime::MIN)
            + Duration::minutes(minute);
        let mut d = Dossier::new(TimeLimit::WorkingDays(limit), received);
        let mut last = received + Duration::days(request);
        d.events.push(Event::new(EventKind::SupplementRequested, last));
        if let Some(got) = answered {
            last += Duration::days(got);
            d.events.push(Event::new(EventKind::SupplementReceived, last));
        }
        if let Some(after) = resolved {
            d.events.push(Event::new(EventKind::Resolved, last + Duration::days(after) + Duration::hours(1)));
        }
        use motcua::records::{run_text, Layout, OnBad, ReadOptions, RunOptions, TextFormat, TextSource};
        use motcua::report::{Context, ReportSink};
        let cal = cal();
        let new_due = (d.received + Duration::days(new_due_after)).date();
        let mut cells = record_cells(&d, 0, "X");
        cells.push(new_due.to_string());
        let csv = format!("{RECORD_HEADER},new_due\n{}\n", cells.iter().map(|c| motcua::report::csv_cell(c)).collect::<Vec<_>>().join(","));
        let ctx = Context { calendar: &cal, catalogue: None, rules: Rules::default() };
        let report = |as_of: NaiveDateTime| {
            let mut opts = ReportOptions::new(as_of);
            opts.period = Some(PeriodKind::Month);
            let read = ReadOptions::default();
            let mut src = TextSource::open(csv.as_bytes(), TextFormat::Csv, &read).unwrap();
            let layout = Layout::resolve(src.names(), &read).unwrap();
            let run = RunOptions { threads: 1, on_bad: OnBad::Stop, first_row: 0 };
            run_text(&mut src, &layout, &run, || ReportSink::new(ctx, opts.clone(), false), |_| {})
                .map(|(sink, _)| sink.partial().rows())
        };
        let t1 = d.received + Duration::days(earlier) + Duration::minutes(37);
        let t2 = t1 + Duration::days(later) + Duration::hours(1);
        // (A record both readings accept: a new_due earlier than the due date a later supplement
        // round gives is an error then.)
        if let (Ok(a), Ok(b)) = (report(t1), report(t2)) {
            let open = Period::containing(PeriodKind::Month, t1.date()).label();
            let closed = |rows: &[motcua::report::ReportRow]| -> Vec<motcua::report::ReportRow> {
                rows.iter().filter(|r| r.period.as_deref().is_some_and(|p| p < open.as_str())).cloned().collect()
            };
            prop_assert_eq!(closed(&a), closed(&b), "as of {} and {}", t1, t2);
        }
    }
}
