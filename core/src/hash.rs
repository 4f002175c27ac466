//! A fast hasher for the library's own small maps keyed by short strings (procedure codes,
//! grouping values, report cells), where SipHash's resistance to chosen keys costs more than
//! the lookups themselves: the multiply-rotate hash of rustc's `FxHasher`.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The multiply-rotate hasher (rustc's `FxHasher`, its rotation moved: see `add`), eight
/// bytes at a time.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    /// rustc's `FxHasher` step with the rotation after the multiply: a multiply carries a
    /// word's bits only upward, so with the rotation before it (`FxHasher`'s) the low bits that
    /// pick a map's bucket knew little of each word's high bytes, and keys told apart by them
    /// (`HS00000001` .. `HS02000000` after their length; procedure codes) shared a few hundred
    /// buckets: a report by id took 44 s for 2M rows. Rotated after it, the low bits are the
    /// product's well-mixed high bits. (No finishing mix: 135 bytes of the gzipped `.wasm`.)
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0 ^ word).wrapping_mul(SEED).rotate_left(26);
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

/// The first and the last eight bytes of `b` as words (four to seven bytes: the first four and
/// the last four in one word, as both; fewer: the bytes, zero-padded, as both). With the
/// length, the pair is the whole string up to 16 bytes: two strings of one length up to 16
/// bytes are equal exactly when their pairs are. A cheap key for the memos of repeated short
/// strings (a column's values, procedure codes, grouping values).
#[cfg(not(target_family = "wasm"))]
#[inline(always)]
pub(crate) fn ends(b: &[u8]) -> (u64, u64) {
    let word = |w: Option<&[u8]>| {
        w.and_then(|w| <[u8; 8]>::try_from(w).ok())
            .map(u64::from_le_bytes)
    };
    let half = |w: Option<&[u8]>| {
        w.and_then(|w| <[u8; 4]>::try_from(w).ok())
            .map(|w| u64::from(u32::from_le_bytes(w)))
    };
    match (word(b.get(..8)), word(b.get(b.len().wrapping_sub(8)..))) {
        (Some(h), Some(t)) => (h, t),
        // Four to seven bytes: the first four and the last four (overlapping), which with the
        // length are the whole string.
        _ => match (half(b.get(..4)), half(b.get(b.len().wrapping_sub(4)..))) {
            (Some(h), Some(t)) => (h | t << 32, h | t << 32),
            _ => {
                let w = b.iter().rev().fold(0u64, |w, &x| (w << 8) | u64::from(x));
                (w, w)
            }
        },
    }
}

/// A hash of a string of `len` bytes whose [`ends`] are `(head, tail)`: the slot key of the
/// memos of repeated short strings (take its high bits, the best mixed).
#[cfg(not(target_family = "wasm"))]
#[inline]
pub(crate) fn ends_hash(len: usize, (head, tail): (u64, u64)) -> u64 {
    (head ^ tail.rotate_left(29) ^ len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Whether `a`, whose [`ends`] are `a_ends`, is `b`: up to 16 bytes by the lengths and ends
/// (no call to compare bytes), else byte for byte.
#[cfg(not(target_family = "wasm"))]
#[inline(always)]
pub(crate) fn same(a: &[u8], a_ends: (u64, u64), b: &[u8]) -> bool {
    a.len() == b.len()
        && if a.len() <= 16 {
            ends(b) == a_ends
        } else {
            a == b
        }
}

/// A `HashMap` with [`FastHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    /// The low bits of the hash (a map's bucket) of keys told apart only by their high bytes —
    /// a report's group keys `HS00000001`, `HS00000002`, ... after their length — spread as
    /// a random hash's would (about 63% of the buckets for as many keys), where they shared a
    /// few hundred buckets and a report by id was quadratic.
    #[test]
    fn keys_that_differ_in_high_bytes_spread_over_the_buckets() {
        use std::hash::BuildHasher;
        let build = BuildHasherDefault::<FastHasher>::default();
        let n = 1usize << 16;
        for stride in [1, 7, 1000] {
            let mut used = std::collections::HashSet::new();
            for i in 0..n {
                let mut key = 10u64.to_le_bytes().to_vec();
                key.extend_from_slice(format!("HS{:08}", i * stride).as_bytes());
                used.insert(build.hash_one(&key) & (n as u64 - 1));
            }
            assert!(
                used.len() * 2 > n,
                "stride {stride}: {} buckets of {n}",
                used.len()
            );
        }
    }

    /// Up to 16 bytes, two strings of one length are equal exactly when their ends are: every
    /// string of up to 7 bytes over three bytes, and pairs differing in one byte up to 16.
    #[test]
    fn ends_are_the_whole_short_string() {
        let mut all: Vec<Vec<u8>> = vec![Vec::new()];
        let mut last: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..7 {
            last = last
                .iter()
                .flat_map(|s| [0u8, 1, 0xFF].map(|b| [s.as_slice(), &[b]].concat()))
                .collect();
            all.extend(last.iter().cloned());
        }
        let mut seen = std::collections::HashMap::new();
        for s in &all {
            assert!(seen.insert((s.len(), ends(s)), s).is_none(), "{s:?}");
        }
        for len in 0..=16usize {
            let base: Vec<u8> = (0..len as u8).map(|i| i.wrapping_mul(37) ^ 0x5A).collect();
            for at in 0..len {
                let mut other = base.clone();
                other[at] ^= 0x80;
                assert_ne!(ends(&base), ends(&other), "{len} {at}");
            }
        }
    }

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
