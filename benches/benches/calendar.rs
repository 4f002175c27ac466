//! Working-day arithmetic: single and bulk `add_working_days` / `working_days_between` over 1M
//! random dates, against a naive day-by-day loop.
//!
//! Run: `cargo bench -p motcua-benches --bench calendar` (numbers in the issue notes).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use motcua::calendar::Broadcast;
use motcua::WorkCalendar;
use motcua_benches::{bench_calendar, naive_add, random_days};

const N: usize = 1_000_000;

fn single(c: &mut Criterion) {
    let cal: WorkCalendar = bench_calendar();
    let days = random_days(N, 1);
    let mut g = c.benchmark_group("single");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("add_working_days_number", |b| {
        b.iter(|| {
            let mut acc = 0i64;
            for (i, &d) in days.iter().enumerate() {
                acc = acc.wrapping_add(
                    cal.add_working_days_number(i64::from(d), (i % 30) as i64 + 1)
                        .unwrap(),
                );
            }
            black_box(acc)
        })
    });
    g.bench_function("working_days_between_numbers", |b| {
        b.iter(|| {
            let mut acc = 0i64;
            for w in days.windows(2) {
                acc = acc.wrapping_add(
                    cal.working_days_between_numbers(i64::from(w[0]), i64::from(w[1]))
                        .unwrap(),
                );
            }
            black_box(acc)
        })
    });
    g.bench_function("is_working_day_number", |b| {
        b.iter(|| {
            black_box(
                days.iter()
                    .filter(|&&d| cal.is_working_day_number(i64::from(d)).unwrap())
                    .count(),
            )
        })
    });
    g.finish();

    let mut g = c.benchmark_group("naive");
    let few = &days[..10_000];
    g.throughput(Throughput::Elements(few.len() as u64));
    g.bench_function("naive_loop_add_working_days", |b| {
        b.iter(|| {
            let mut acc = 0i64;
            for (i, &d) in few.iter().enumerate() {
                acc = acc.wrapping_add(naive_add(&cal, i64::from(d), (i % 30) as i64 + 1));
            }
            black_box(acc)
        })
    });
    g.finish();
}

fn bulk(c: &mut Criterion) {
    let cal = bench_calendar();
    let days32 = random_days(N, 2);
    let days64: Vec<i64> = days32.iter().map(|&d| i64::from(d)).collect();
    let mut g = c.benchmark_group("bulk");
    g.throughput(Throughput::Elements(N as u64));
    let mut out32 = vec![0i32; N];
    g.bench_with_input(
        BenchmarkId::new("add_working_days_bulk", "i32"),
        &days32,
        |b, d| {
            b.iter(|| {
                cal.add_working_days_bulk(d, Broadcast::Scalar(5i32), &mut out32)
                    .unwrap()
            })
        },
    );
    let mut out64 = vec![0i64; N];
    g.bench_with_input(
        BenchmarkId::new("add_working_days_bulk", "i64"),
        &days64,
        |b, d| {
            b.iter(|| {
                cal.add_working_days_bulk(d, Broadcast::Scalar(5i64), &mut out64)
                    .unwrap()
            })
        },
    );
    // Two independent random dates per element, 150 years apart at most (memory-bound).
    let other: Vec<i64> = days64.iter().rev().copied().collect();
    g.bench_with_input(
        BenchmarkId::new("working_days_between_bulk", "i64_random_pairs"),
        &days64,
        |b, d| {
            b.iter(|| {
                cal.working_days_between_bulk(d, Broadcast::Each(&other), &mut out64)
                    .unwrap()
            })
        },
    );
    // The common case of dossier data: the second date within 60 days of the first.
    let near: Vec<i64> = days64
        .iter()
        .enumerate()
        .map(|(i, &d)| d + (i % 61) as i64)
        .collect();
    g.bench_with_input(
        BenchmarkId::new("working_days_between_bulk", "i64_nearby_pairs"),
        &days64,
        |b, d| {
            b.iter(|| {
                cal.working_days_between_bulk(d, Broadcast::Each(&near), &mut out64)
                    .unwrap()
            })
        },
    );
    let near32: Vec<i32> = near.iter().map(|&d| d as i32).collect();
    let mut out32b = vec![0i32; N];
    g.bench_with_input(
        BenchmarkId::new("working_days_between_bulk", "i32_nearby_pairs"),
        &days32,
        |b, d| {
            b.iter(|| {
                cal.working_days_between_bulk(d, Broadcast::Each(&near32), &mut out32b)
                    .unwrap()
            })
        },
    );
    g.finish();
}

criterion_group!(benches, single, bulk);
criterion_main!(benches);
