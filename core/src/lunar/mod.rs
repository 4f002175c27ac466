//! The Vietnamese lunisolar calendar (placeholder: being written).
