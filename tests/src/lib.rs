//! Test-only crate: the runner for the shared JSON vectors in `tests/vectors/` and end-to-end
//! tests of the `motcua` CLI (see `conformance/`).
