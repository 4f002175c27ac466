//! A fast hasher for the library's own small maps keyed by short strings (procedure codes,
//! grouping values, report cells), where SipHash's resistance to chosen keys costs more than
//! the lookups themselves: the multiply-rotate hash of rustc's `FxHasher`.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The multiply-rotate hasher (rustc's `FxHasher`), eight bytes at a time.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w.get_mut(..rest.len())
                .unwrap_or(&mut [])
                .copy_from_slice(rest);
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 56));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// FNV-1a (64 bits) over the bytes written: a fingerprint that is the same in every process,
/// on every machine and in every build (the maps' hasher need not be), for what must be
/// compared across processes (the calendar, catalogue and rules a partial report was counted
/// with).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fingerprint(u64);

impl Default for Fingerprint {
    fn default() -> Fingerprint {
        Fingerprint(0xcbf2_9ce4_8422_2325)
    }
}

impl Fingerprint {
    /// Adds `bytes`.
    pub(crate) fn bytes(&mut self, bytes: &[u8]) -> &mut Fingerprint {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self
    }

    /// Adds a text after its length (so that no two lists of texts run together alike).
    pub(crate) fn text(&mut self, text: &str) -> &mut Fingerprint {
        self.int(text.len() as i64).bytes(text.as_bytes())
    }

    /// Adds a number (its eight little-endian bytes).
    pub(crate) fn int(&mut self, v: i64) -> &mut Fingerprint {
        self.bytes(&v.to_le_bytes())
    }

    /// The fingerprint.
    pub(crate) fn value(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` with [`FastHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_is_fnv1a() {
        // The published FNV-1a 64 test values (Fowler, Noll, Vo: "FNV hash" test suite).
        assert_eq!(Fingerprint::default().value(), 0xcbf2_9ce4_8422_2325);
        assert_eq!(
            Fingerprint::default().bytes(b"a").value(),
            0xaf63_dc4c_8601_ec8c
        );
        assert_eq!(
            Fingerprint::default().bytes(b"foobar").value(),
            0x8594_4171_f739_67e8
        );
    }

    #[test]
    fn maps_work_and_spread() {
        let mut m: FastMap<String, usize> = FastMap::default();
        for i in 0..10_000 {
            m.insert(format!("code-{i}"), i);
        }
        assert!((0..10_000).all(|i| m.get(&format!("code-{i}")) == Some(&i)));
        let h = |s: &str| {
            let mut x = FastHasher::default();
            x.write(s.as_bytes());
            x.finish()
        };
        assert_ne!(h("ab"), h("ab\0"));
        assert_ne!(h("12345678"), h("123456789"));
    }
}
