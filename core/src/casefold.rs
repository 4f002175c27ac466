//! Lower case for the words the library reads (channels, ratings, online levels, flags, time
//! limits): ASCII and the Vietnamese alphabet only. `str::to_lowercase` carries the whole
//! Unicode case table (≈ 15 KB of the `.wasm`); every keyword compared after folding is ASCII or
//! Vietnamese, so a letter of another script can never make a match either way.

/// `s` with its ASCII and Vietnamese capitals in lower case (precomposed forms, NFC, as typed
/// and exported); every other character unchanged. Equal to `s.to_lowercase()` on any text
/// written in ASCII and the Vietnamese alphabet.
pub(crate) fn fold(s: &str) -> String {
    s.chars().map(lower).collect()
}

fn lower(c: char) -> char {
    let u = u32::from(c);
    let l = match u {
        // A–Z
        0x41..=0x5A => u + 0x20,
        // Latin-1 capitals (À Á Â Ã È É Ê Ì Í Ò Ó Ô Õ Ù Ú Ý …), not × (U+00D7) nor ß
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        // Ă Đ Ĩ Ũ
        0x102 | 0x110 | 0x128 | 0x168 => u + 1,
        // Ơ Ư
        0x1A0 | 0x1AF => u + 1,
        // Ạ … Ỹ: capitals at even code points, each followed by its small letter
        0x1EA0..=0x1EF9 if u % 2 == 0 => u + 1,
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every letter of the Vietnamese alphabet, capital and small, with every tone mark
    /// (precomposed), and ASCII.
    fn alphabet() -> Vec<char> {
        let mut v: Vec<char> = (0x20u32..0x7F).filter_map(char::from_u32).collect();
        v.extend((0xC0u32..=0xFF).filter_map(char::from_u32));
        v.extend(
            [
                0x102u32, 0x103, 0x110, 0x111, 0x128, 0x129, 0x168, 0x169, 0x1A0, 0x1A1, 0x1AF,
                0x1B0,
            ]
            .iter()
            .filter_map(|&u| char::from_u32(u)),
        );
        v.extend((0x1EA0u32..=0x1EF9).filter_map(char::from_u32));
        v
    }

    #[test]
    fn each_letter_as_the_standard_library_lowers_it() {
        for c in alphabet() {
            if c == 'ß' || c == '×' || c == '÷' {
                assert_eq!(lower(c), c);
                continue;
            }
            let std: String = c.to_lowercase().collect();
            assert_eq!(lower(c).to_string(), std, "{c:?} U+{:04X}", u32::from(c));
        }
    }

    proptest! {
        #[test]
        fn words_as_to_lowercase(s in proptest::collection::vec(proptest::sample::select(alphabet()), 0..40)) {
            let s: String = s.into_iter().collect();
            prop_assert_eq!(fold(&s), s.to_lowercase());
        }
    }
}
