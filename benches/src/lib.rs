//! Benchmarks for motcua live in `benches/` (criterion); this library holds shared helpers.
