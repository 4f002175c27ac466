//! The Vietnamese calendar: `to_lunar` / `from_lunar` over 1M dates (target ≥ 50 M/s), and the
//! cost of `vn::public_sector()` the first time (compiling 205 years) and when cached.
//!
//! Run: `cargo bench -p motcua-benches --bench vn`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use motcua::lunar;
use motcua::vn::{calendar, spec, VnOptions};
use motcua_benches::random_days;

const N: usize = 1_000_000;

fn lunar_bench(c: &mut Criterion) {
    let days = random_days(N, 3);
    let dates: Vec<chrono::NaiveDate> = days
        .iter()
        .map(|&d| motcua::civil::date_from_day_number(i64::from(d)).unwrap())
        .collect();
    let lunars: Vec<lunar::LunarDate> =
        dates.iter().map(|&d| lunar::to_lunar(d).unwrap()).collect();
    let mut g = c.benchmark_group("lunar");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("to_lunar", |b| {
        b.iter(|| {
            let mut acc = 0u64;
            for &d in &dates {
                acc = acc.wrapping_add(u64::from(lunar::to_lunar(d).unwrap().day));
            }
            black_box(acc)
        })
    });
    g.bench_function("to_lunar_day_number", |b| {
        b.iter(|| {
            let mut acc = 0u64;
            for &d in &days {
                acc = acc.wrapping_add(u64::from(lunar::to_lunar_day_number(d).unwrap().day));
            }
            black_box(acc)
        })
    });
    g.bench_function("from_lunar", |b| {
        b.iter(|| {
            let mut acc = 0i64;
            for l in &lunars {
                let d = lunar::from_lunar(l.year, l.month, l.day, l.leap).unwrap();
                acc = acc.wrapping_add(i64::from(motcua::civil::day_number(d)));
            }
            black_box(acc)
        })
    });
    g.finish();
}

fn preset_bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("public_sector");
    // What the first call of public_sector() does: build the 205-year spec and compile it.
    g.bench_function("first_build_spec_and_compile", |b| {
        b.iter(|| black_box(spec(&VnOptions::PUBLIC_SECTOR).unwrap().compile().unwrap()))
    });
    g.bench_function("repeated_cached", |b| {
        b.iter(|| black_box(calendar(&VnOptions::PUBLIC_SECTOR).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, lunar_bench, preset_bench);
criterion_main!(benches);
