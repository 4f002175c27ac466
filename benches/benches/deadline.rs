//! `due` + `classify` throughput on a million dossiers with working-day limits, 90% resolved
//! (targets single-threaded, no explanation: `due` ≥ 40 M dossiers/s, `classify` ≥ 30 M/s), and
//! the report builder on the same dossiers; then the same pass with its explanation (the facts
//! written and rendered in Vietnamese) on the first 10,000, to show what tracing costs.
//!
//! Run: `cargo bench -p motcua-benches --bench deadline`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use motcua::deadline::{due, due_explained, Lang, Rules};
use motcua::outcome::classify;
use motcua::report::{ReportBuilder, ReportOptions};
use motcua_benches::{bench_as_of, bench_calendar, bench_dossiers};

const N: usize = 1_000_000;

fn bench(c: &mut Criterion) {
    let cal = bench_calendar();
    let rules = Rules::default();
    let ds = bench_dossiers(N);
    let as_of = bench_as_of();
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
