//! `due` + `classify` throughput on a million dossiers with working-day limits, 90% resolved
//! (targets single-threaded, no explanation: `due` ≥ 40 M dossiers/s, `classify` ≥ 30 M/s), and
//! the report builder on the same dossiers; then the same pass with its explanation (the facts
//! written and rendered in Vietnamese) on the first 10,000, to show what tracing costs.
//!
//! Run: `cargo bench -p motcua-benches --bench deadline`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;

use chrono::{Duration, NaiveDateTime, NaiveTime};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use motcua::deadline::{due, due_explained, Lang, Rules};
use motcua::dossier::{Channel, Dossier, Event, EventKind};
use motcua::outcome::classify;
use motcua::procedure::TimeLimit;
use motcua::report::{ReportBuilder, ReportOptions};
use motcua_benches::{bench_calendar, random_days};

const N: usize = 1_000_000;

fn dossiers() -> Vec<Dossier> {
    let days = random_days(N, 4);
    days.iter()
        .enumerate()
        .map(|(i, &d)| {
            let date = motcua::civil::date_from_day_number(i64::from(d % 9000 + 18_000)).unwrap();
            let received = NaiveDateTime::new(
                date,
                NaiveTime::from_hms_opt(8 + (i % 9) as u32, 15, 0).unwrap(),
            );
            let mut dossier = Dossier::new(TimeLimit::WorkingDays(1 + (i % 20) as u32), received);
            dossier.channel = if i % 3 == 0 {
                Channel::Online
            } else {
                Channel::Direct
            };
            if i % 10 != 0 {
                dossier.events.push(Event::new(
                    EventKind::Resolved,
                    received + Duration::days((i % 25) as i64),
                ));
            }
            dossier
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let cal = bench_calendar();
    let rules = Rules::default();
    let ds = dossiers();
    let as_of: NaiveDateTime = "2060-12-31T23:59:59".parse().unwrap();
    let mut g = c.benchmark_group("deadline");
    g.throughput(Throughput::Elements(N as u64));
    g.sample_size(20);
    g.bench_function("due", |b| {
        b.iter(|| {
            let mut acc = 0i64;
            for d in &ds {
                acc = acc.wrapping_add(i64::from(motcua::civil::day_number(
                    due(d, &cal, &rules, None).unwrap().due,
                )));
            }
            black_box(acc)
        })
    });
    g.bench_function("classify", |b| {
        b.iter(|| {
            let mut acc = 0u64;
            for d in &ds {
                acc = acc
                    .wrapping_add(classify(d, &cal, &rules, None, as_of).unwrap().outcome as u64);
            }
            black_box(acc)
        })
    });
    g.bench_function("report_builder", |b| {
        b.iter(|| {
            let mut r = ReportBuilder::new(&cal, None, rules, ReportOptions::new(as_of));
            for d in &ds {
                r.add(d, &[]).unwrap();
            }
            black_box(r.finish())
        })
    });
    g.finish();
    let few = &ds[..10_000];
    let mut g = c.benchmark_group("deadline_explained");
    g.throughput(Throughput::Elements(few.len() as u64));
    g.sample_size(10);
    g.bench_function("due_explained_vi", |b| {
        b.iter(|| {
            let mut acc = 0usize;
            for d in few {
                acc = acc.wrapping_add(
                    due_explained(d, &cal, &rules, None, Lang::Vi)
                        .unwrap()
                        .explain
                        .len(),
                );
            }
            black_box(acc)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
