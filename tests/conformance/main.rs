//! One integration-test binary for the workspace: the shared vectors, invariants (proptest),
//! the CLI end to end, and one version number across the packages.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod cli;
mod fuzz;
mod hostile;
mod invariants;
mod report;
mod stages;
mod vectors;
mod versions;
mod worklist;
