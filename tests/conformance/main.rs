//! One integration-test binary for the workspace: the shared vectors, invariants (proptest)
//! and the CLI end to end.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod cli;
mod hostile;
mod invariants;
mod report;
mod vectors;
