//! One integration-test binary: shared vectors, invariants, CLI end to end.
