//! Reading a dossier's JSON: the reader (`Dossier::from_json`: the plain shape by its own
//! scanner, anything else by serde straight into the dossier's shadow, checked as it is read)
//! against the reader it replaced (`legacy_value_reader`: a parse into a `serde_json::Value`,
//! then a walk of it; the issue's target is ≥ 4× faster than it), a parse into a `Value` alone,
//! and a dossier handed over as a `Value` (`Dossier::from_json_value`, which reads the value's
//! text); with `classify` on the parsed dossier for scale. The dossier is DESIGN's: three
//! events.
//!
//! Run: `cargo bench -p motcua-benches --bench dossier_json`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use motcua::prelude::*;

const DOSSIER: &str = r#"{"received":"2026-03-02T09:30","channel":"direct","time_limit":{"working_days":3},
   "events":[{"type":"supplement_requested","at":"2026-03-03T10:00"},
             {"type":"supplement_received","at":"2026-03-10T08:00"},
             {"type":"resolved","at":"2026-03-12T16:00"}]}"#;

fn bench(c: &mut Criterion) {
    let cal = vn::public_sector().unwrap();
    let as_of = parse_instant("2026-03-31", DateOnly::EndOfDay).unwrap();
    let opts = Options::new(&cal).as_of(as_of);
    let parsed = Dossier::from_json(DOSSIER).unwrap();
    let mut g = c.benchmark_group("dossier_json");
    g.bench_function("from_json", |b| {
        b.iter(|| Dossier::from_json(black_box(DOSSIER)).unwrap())
    });
    g.bench_function("from_json_bytes", |b| {
        b.iter(|| Dossier::from_json_bytes(black_box(DOSSIER.as_bytes())).unwrap())
    });
    g.bench_function("legacy_value_reader", |b| {
        b.iter(|| motcua::dossier::legacy::from_json(black_box(DOSSIER)).unwrap())
    });
    g.bench_function("value_only", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(DOSSIER)).unwrap())
    });
    g.bench_function("via_value", |b| {
        b.iter(|| {
            let v: serde_json::Value = serde_json::from_str(black_box(DOSSIER)).unwrap();
            Dossier::from_json_value(&v).unwrap()
        })
    });
    g.bench_function("classify", |b| {
        b.iter(|| opts.classify(black_box(&parsed)).unwrap().outcome)
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
