//! Lower case for the words the library reads (channels, ratings, online levels, flags, time
//! limits): ASCII and the Vietnamese alphabet only. `str::to_lowercase` carries the whole
//! Unicode case table (≈ 15 KB of the `.wasm`); every keyword compared after folding is ASCII or
//! Vietnamese, so a letter of another script can never make a match either way.

/// `s` with its ASCII and Vietnamese capitals in lower case, its Vietnamese letters composed
/// first ([`compose`]); every other character unchanged. Equal to `s.to_lowercase()` on any
/// text written in ASCII and the Vietnamese alphabet (in NFC).
pub(crate) fn fold(s: &str) -> String {
    compose(s).chars().map(lower).collect()
}

/// `s` as a report groups it: composed ([`compose`]), every run of white space (a no-break
/// space, a thin space, a tab, a line break in a quoted cell) one space, and the invisible
/// characters a copy from a web page or a word processor leaves (zero-width space and joiners,
/// word joiner, soft hyphen, a byte-order mark inside the text) dropped. Text that reads the
/// same is then one group: `UBND xã Đông Hòa` typed with no-break spaces was a second row that
/// printed the same as the first. Borrowed, without a copy, when there is nothing to change.
pub(crate) fn group_text(s: &str) -> std::borrow::Cow<'_, str> {
    let composed = compose(s);
    // Every character changed here is ASCII white space or has one of these UTF-8 lead bytes
    // (U+0085, U+00A0, U+00AD; U+2000–U+2060; U+3000; U+FEFF); Vietnamese letters have none.
    let b = composed.as_bytes();
    let tidy = b.first() == Some(&b' ')
        || b.last() == Some(&b' ')
        || b.windows(2).any(|w| w == b"  ")
        || b.iter().any(|&x| {
            matches!(
                x,
                b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0xc2 | 0xe2 | 0xe3 | 0xef
            )
        });
    if !tidy {
        return composed;
    }
    let mut out = String::with_capacity(b.len());
    let mut space = false;
    for c in composed.chars() {
        match c {
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {}
            // (Unicode's White_Space characters.)
            ' '
            | '\t'..='\r'
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}' => space = true,
            c => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `s` in lower-case ASCII as a header is matched against Vietnamese words: its letters
/// without their marks (`Ngày có kết quả` → `ngay co ket qua`, `đ` → `d`), every run of other
/// characters one space.
#[cfg(not(target_family = "wasm"))]
pub(crate) fn bare_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in compose(s).chars() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => parts(c).map_or(c, |(b, _)| char::from(b)),
        };
        if c.is_ascii_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c.to_ascii_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// `s` with its Vietnamese letters written as a letter and combining marks (NFD, "Unicode tổ
/// hợp", what Unikey and Windows-1258 workflows produce: `trực` as `tru` + horn + dot below +
/// `c`) composed into the one precomposed letter NFC has (`trực`): text that reads the same
/// is then the same text, one group of a report and one keyword. Borrowed, without a copy,
/// when `s` holds no combining mark. The letters composed are those of the Vietnamese alphabet
/// and of Latin-1 (`COMPOSED`, from Unicode's decompositions); marks on other letters are left
/// as they are. (Not in WebAssembly, where the package's bytes are counted: there text is read
/// as given, and a page normalizes with `String.prototype.normalize("NFC")`.)
#[cfg(target_family = "wasm")]
pub(crate) fn compose(s: &str) -> std::borrow::Cow<'_, str> {
    std::borrow::Cow::Borrowed(s)
}

/// See the WebAssembly `compose` above.
#[cfg(not(target_family = "wasm"))]
pub(crate) fn compose(s: &str) -> std::borrow::Cow<'_, str> {
    if !has_combining_lead(s.as_bytes()) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mark_of = |c: char| {
        MARKS
            .iter()
            .position(|&m| u32::from(m) == u32::from(c))
            .and_then(|i| u8::try_from(i + 1).ok())
    };
    // Canonical order: by combining class (horn 216, dot below 220, cedilla 202, the others
    // 230), as NFD writes them.
    let class = |m: u8| match m {
        9 => 216,
        10 => 220,
        11 => 202,
        _ => 230,
    };
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        // A letter that marks compose with, and the run of marks after it.
        let run = chars.get(i + 1..).map_or(0, |rest| {
            rest.iter().take_while(|&&m| mark_of(m).is_some()).count()
        });
        let Some((base, own)) = parts(c).filter(|_| run > 0) else {
            out.push(c);
            i += 1;
            continue;
        };
        // Its own marks and the run's, in canonical order (stable), composed one after another
        // while a precomposed letter has them all; the others follow it, in that order.
        let mut marks: Vec<u8> = own.iter().copied().filter(|&m| m != 0).collect();
        marks.extend(
            chars
                .get(i + 1..i + 1 + run)
                .unwrap_or(&[])
                .iter()
                .filter_map(|&m| mark_of(m)),
        );
        marks.sort_by_key(|&m| class(m));
        let mut have = [0u8, 0];
        let mut left = Vec::new();
        for m in marks {
            let with = match have {
                [0, _] => [m, 0],
                [a, 0] => [a, m],
                _ => {
                    left.push(m);
                    continue;
                }
            };
            if lookup(base, with).is_some() {
                have = with;
            } else {
                left.push(m);
            }
        }
        out.push(lookup(base, have).unwrap_or(c));
        for m in left {
            let mark = MARKS.get(usize::from(m) - 1).copied().unwrap_or(0);
            out.extend(char::from_u32(u32::from(mark)));
        }
        i += 1 + run;
    }
    std::borrow::Cow::Owned(out)
}

/// Whether `b` holds a byte 0xCC or 0xCD: U+0300..=U+036F, the combining diacritical marks, are
/// 0xCC 0x80..=0xCD 0xAF in UTF-8. Eight bytes at a time (a grouping value is read for every
/// row: byte by byte this test was a tenth of a frame's report).
#[cfg(not(target_family = "wasm"))]
#[inline]
fn has_combining_lead(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte is 0xCC or 0xCD when it is 0xCC with its lowest bit cleared: xor-ing the word,
    // so masked, with 0xCC in every byte leaves a zero byte exactly there.
    let zero_byte = |w: u64| {
        let v = (w & 0xFEFE_FEFE_FEFE_FEFE) ^ 0xCCCC_CCCC_CCCC_CCCC;
        v.wrapping_sub(ONES) & !v & HIGH != 0
    };
    let word = |c: &[u8]| <[u8; 8]>::try_from(c).is_ok_and(|a| zero_byte(u64::from_le_bytes(a)));
    if b.len() < 8 {
        // Padded with bytes that are not a lead (0x00).
        let mut a = [0u8; 8];
        if let Some(dst) = a.get_mut(..b.len()) {
            dst.copy_from_slice(b);
        }
        return zero_byte(u64::from_le_bytes(a));
    }
    // Whole words, then the last eight bytes (overlapping the last whole word).
    b.chunks_exact(8).any(word) || b.get(b.len() - 8..).is_some_and(word)
}

/// The precomposed letter of `base` with `marks` (indexes into `MARKS`, from 1; 0 = none).
#[cfg(not(target_family = "wasm"))]
fn lookup(base: u8, marks: [u8; 2]) -> Option<char> {
    if marks == [0, 0] {
        return Some(char::from(base));
    }
    let key = (u16::from(base) << 8) | (u16::from(marks[0]) << 4) | u16::from(marks[1]);
    COMPOSED
        .binary_search_by_key(&key, |&(k, _)| k)
        .ok()
        .and_then(|i| COMPOSED.get(i))
        .and_then(|&(_, v)| char::from_u32(u32::from(v)))
}

/// `c` as (base letter, marks) when it is a letter that marks compose with.
#[cfg(not(target_family = "wasm"))]
fn parts(c: char) -> Option<(u8, [u8; 2])> {
    if c.is_ascii_alphabetic() {
        return u8::try_from(c).ok().map(|b| (b, [0, 0]));
    }
    let v = u16::try_from(u32::from(c)).ok()?;
    COMPOSED.iter().find(|&&(_, x)| x == v).and_then(|&(k, _)| {
        let base = u8::try_from(k >> 8).ok()?;
        let marks = [
            u8::try_from((k >> 4) & 0xF).ok()?,
            u8::try_from(k & 0xF).ok()?,
        ];
        Some((base, marks))
    })
}

/// The combining marks of the composed letters, in `COMPOSED`'s keys as their index + 1.
/// Generated with Python's `unicodedata` (NFD of every letter of Latin-1 and of the
/// Vietnamese alphabet: U+00C0..=U+00FF, Ă ă Ĩ ĩ Ũ ũ Ơ ơ Ư ư, U+1EA0..=U+1EF9).
#[cfg(not(target_family = "wasm"))]
const MARKS: [u16; 11] = [
    0x0300, 0x0301, 0x0302, 0x0303, 0x0306, 0x0308, 0x0309, 0x030A, 0x031B, 0x0323, 0x0327,
];
/// `(base << 8 | mark1 << 4 | mark2, letter)`, sorted by key (marks in canonical order).
#[cfg(not(target_family = "wasm"))]
const COMPOSED: [(u16, u16); 153] = [
    (0x4110, 0x00C0),
    (0x4120, 0x00C1),
    (0x4130, 0x00C2),
    (0x4131, 0x1EA6),
    (0x4132, 0x1EA4),
    (0x4134, 0x1EAA),
    (0x4137, 0x1EA8),
    (0x4140, 0x00C3),
    (0x4150, 0x0102),
    (0x4151, 0x1EB0),
    (0x4152, 0x1EAE),
    (0x4154, 0x1EB4),
    (0x4157, 0x1EB2),
    (0x4160, 0x00C4),
    (0x4170, 0x1EA2),
    (0x4180, 0x00C5),
    (0x41A0, 0x1EA0),
    (0x41A3, 0x1EAC),
    (0x41A5, 0x1EB6),
    (0x43B0, 0x00C7),
    (0x4510, 0x00C8),
    (0x4520, 0x00C9),
    (0x4530, 0x00CA),
    (0x4531, 0x1EC0),
    (0x4532, 0x1EBE),
    (0x4534, 0x1EC4),
    (0x4537, 0x1EC2),
    (0x4540, 0x1EBC),
    (0x4560, 0x00CB),
    (0x4570, 0x1EBA),
    (0x45A0, 0x1EB8),
    (0x45A3, 0x1EC6),
    (0x4910, 0x00CC),
    (0x4920, 0x00CD),
    (0x4930, 0x00CE),
    (0x4940, 0x0128),
    (0x4960, 0x00CF),
    (0x4970, 0x1EC8),
    (0x49A0, 0x1ECA),
    (0x4E40, 0x00D1),
    (0x4F10, 0x00D2),
    (0x4F20, 0x00D3),
    (0x4F30, 0x00D4),
    (0x4F31, 0x1ED2),
    (0x4F32, 0x1ED0),
    (0x4F34, 0x1ED6),
    (0x4F37, 0x1ED4),
    (0x4F40, 0x00D5),
    (0x4F60, 0x00D6),
    (0x4F70, 0x1ECE),
    (0x4F90, 0x01A0),
    (0x4F91, 0x1EDC),
    (0x4F92, 0x1EDA),
    (0x4F94, 0x1EE0),
    (0x4F97, 0x1EDE),
    (0x4F9A, 0x1EE2),
    (0x4FA0, 0x1ECC),
    (0x4FA3, 0x1ED8),
    (0x5510, 0x00D9),
    (0x5520, 0x00DA),
    (0x5530, 0x00DB),
    (0x5540, 0x0168),
    (0x5560, 0x00DC),
    (0x5570, 0x1EE6),
    (0x5590, 0x01AF),
    (0x5591, 0x1EEA),
    (0x5592, 0x1EE8),
    (0x5594, 0x1EEE),
    (0x5597, 0x1EEC),
    (0x559A, 0x1EF0),
    (0x55A0, 0x1EE4),
    (0x5910, 0x1EF2),
    (0x5920, 0x00DD),
    (0x5940, 0x1EF8),
    (0x5970, 0x1EF6),
    (0x59A0, 0x1EF4),
    (0x6110, 0x00E0),
    (0x6120, 0x00E1),
    (0x6130, 0x00E2),
    (0x6131, 0x1EA7),
    (0x6132, 0x1EA5),
    (0x6134, 0x1EAB),
    (0x6137, 0x1EA9),
    (0x6140, 0x00E3),
    (0x6150, 0x0103),
    (0x6151, 0x1EB1),
    (0x6152, 0x1EAF),
    (0x6154, 0x1EB5),
    (0x6157, 0x1EB3),
    (0x6160, 0x00E4),
    (0x6170, 0x1EA3),
    (0x6180, 0x00E5),
    (0x61A0, 0x1EA1),
    (0x61A3, 0x1EAD),
    (0x61A5, 0x1EB7),
    (0x63B0, 0x00E7),
    (0x6510, 0x00E8),
    (0x6520, 0x00E9),
    (0x6530, 0x00EA),
    (0x6531, 0x1EC1),
    (0x6532, 0x1EBF),
    (0x6534, 0x1EC5),
    (0x6537, 0x1EC3),
    (0x6540, 0x1EBD),
    (0x6560, 0x00EB),
    (0x6570, 0x1EBB),
    (0x65A0, 0x1EB9),
    (0x65A3, 0x1EC7),
    (0x6910, 0x00EC),
    (0x6920, 0x00ED),
    (0x6930, 0x00EE),
    (0x6940, 0x0129),
    (0x6960, 0x00EF),
    (0x6970, 0x1EC9),
    (0x69A0, 0x1ECB),
    (0x6E40, 0x00F1),
    (0x6F10, 0x00F2),
    (0x6F20, 0x00F3),
    (0x6F30, 0x00F4),
    (0x6F31, 0x1ED3),
    (0x6F32, 0x1ED1),
    (0x6F34, 0x1ED7),
    (0x6F37, 0x1ED5),
    (0x6F40, 0x00F5),
    (0x6F60, 0x00F6),
    (0x6F70, 0x1ECF),
    (0x6F90, 0x01A1),
    (0x6F91, 0x1EDD),
    (0x6F92, 0x1EDB),
    (0x6F94, 0x1EE1),
    (0x6F97, 0x1EDF),
    (0x6F9A, 0x1EE3),
    (0x6FA0, 0x1ECD),
    (0x6FA3, 0x1ED9),
    (0x7510, 0x00F9),
    (0x7520, 0x00FA),
    (0x7530, 0x00FB),
    (0x7540, 0x0169),
    (0x7560, 0x00FC),
    (0x7570, 0x1EE7),
    (0x7590, 0x01B0),
    (0x7591, 0x1EEB),
    (0x7592, 0x1EE9),
    (0x7594, 0x1EEF),
    (0x7597, 0x1EED),
    (0x759A, 0x1EF1),
    (0x75A0, 0x1EE5),
    (0x7910, 0x1EF3),
    (0x7920, 0x00FD),
    (0x7940, 0x1EF9),
    (0x7960, 0x00FF),
    (0x7970, 0x1EF7),
    (0x79A0, 0x1EF5),
];

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

    /// Every letter `COMPOSED` holds, decomposed and composed by Python's `unicodedata`
    /// (`normalize("NFD", …)` of the NFC letters, in code point order): an independent source.
    const NFD: &str = "A\u{300}A\u{301}A\u{302}A\u{303}A\u{308}A\u{30A}C\u{327}E\u{300}E\u{301}E\u{302}E\u{308}I\u{300}I\u{301}I\u{302}I\u{308}N\u{303}O\u{300}O\u{301}O\u{302}O\u{303}O\u{308}U\u{300}U\u{301}U\u{302}U\u{308}Y\u{301}a\u{300}a\u{301}a\u{302}a\u{303}a\u{308}a\u{30A}c\u{327}e\u{300}e\u{301}e\u{302}e\u{308}i\u{300}i\u{301}i\u{302}i\u{308}n\u{303}o\u{300}o\u{301}o\u{302}o\u{303}o\u{308}u\u{300}u\u{301}u\u{302}u\u{308}y\u{301}y\u{308}A\u{306}a\u{306}I\u{303}i\u{303}U\u{303}u\u{303}O\u{31B}o\u{31B}U\u{31B}u\u{31B}A\u{323}a\u{323}A\u{309}a\u{309}A\u{302}\u{301}a\u{302}\u{301}A\u{302}\u{300}a\u{302}\u{300}A\u{302}\u{309}a\u{302}\u{309}A\u{302}\u{303}a\u{302}\u{303}A\u{323}\u{302}a\u{323}\u{302}A\u{306}\u{301}a\u{306}\u{301}A\u{306}\u{300}a\u{306}\u{300}A\u{306}\u{309}a\u{306}\u{309}A\u{306}\u{303}a\u{306}\u{303}A\u{323}\u{306}a\u{323}\u{306}E\u{323}e\u{323}E\u{309}e\u{309}E\u{303}e\u{303}E\u{302}\u{301}e\u{302}\u{301}E\u{302}\u{300}e\u{302}\u{300}E\u{302}\u{309}e\u{302}\u{309}E\u{302}\u{303}e\u{302}\u{303}E\u{323}\u{302}e\u{323}\u{302}I\u{309}i\u{309}I\u{323}i\u{323}O\u{323}o\u{323}O\u{309}o\u{309}O\u{302}\u{301}o\u{302}\u{301}O\u{302}\u{300}o\u{302}\u{300}O\u{302}\u{309}o\u{302}\u{309}O\u{302}\u{303}o\u{302}\u{303}O\u{323}\u{302}o\u{323}\u{302}O\u{31B}\u{301}o\u{31B}\u{301}O\u{31B}\u{300}o\u{31B}\u{300}O\u{31B}\u{309}o\u{31B}\u{309}O\u{31B}\u{303}o\u{31B}\u{303}O\u{31B}\u{323}o\u{31B}\u{323}U\u{323}u\u{323}U\u{309}u\u{309}U\u{31B}\u{301}u\u{31B}\u{301}U\u{31B}\u{300}u\u{31B}\u{300}U\u{31B}\u{309}u\u{31B}\u{309}U\u{31B}\u{303}u\u{31B}\u{303}U\u{31B}\u{323}u\u{31B}\u{323}Y\u{300}y\u{300}Y\u{323}y\u{323}Y\u{309}y\u{309}Y\u{303}y\u{303}";
    const NFC: &str = "\u{C0}\u{C1}\u{C2}\u{C3}\u{C4}\u{C5}\u{C7}\u{C8}\u{C9}\u{CA}\u{CB}\u{CC}\u{CD}\u{CE}\u{CF}\u{D1}\u{D2}\u{D3}\u{D4}\u{D5}\u{D6}\u{D9}\u{DA}\u{DB}\u{DC}\u{DD}\u{E0}\u{E1}\u{E2}\u{E3}\u{E4}\u{E5}\u{E7}\u{E8}\u{E9}\u{EA}\u{EB}\u{EC}\u{ED}\u{EE}\u{EF}\u{F1}\u{F2}\u{F3}\u{F4}\u{F5}\u{F6}\u{F9}\u{FA}\u{FB}\u{FC}\u{FD}\u{FF}\u{102}\u{103}\u{128}\u{129}\u{168}\u{169}\u{1A0}\u{1A1}\u{1AF}\u{1B0}\u{1EA0}\u{1EA1}\u{1EA2}\u{1EA3}\u{1EA4}\u{1EA5}\u{1EA6}\u{1EA7}\u{1EA8}\u{1EA9}\u{1EAA}\u{1EAB}\u{1EAC}\u{1EAD}\u{1EAE}\u{1EAF}\u{1EB0}\u{1EB1}\u{1EB2}\u{1EB3}\u{1EB4}\u{1EB5}\u{1EB6}\u{1EB7}\u{1EB8}\u{1EB9}\u{1EBA}\u{1EBB}\u{1EBC}\u{1EBD}\u{1EBE}\u{1EBF}\u{1EC0}\u{1EC1}\u{1EC2}\u{1EC3}\u{1EC4}\u{1EC5}\u{1EC6}\u{1EC7}\u{1EC8}\u{1EC9}\u{1ECA}\u{1ECB}\u{1ECC}\u{1ECD}\u{1ECE}\u{1ECF}\u{1ED0}\u{1ED1}\u{1ED2}\u{1ED3}\u{1ED4}\u{1ED5}\u{1ED6}\u{1ED7}\u{1ED8}\u{1ED9}\u{1EDA}\u{1EDB}\u{1EDC}\u{1EDD}\u{1EDE}\u{1EDF}\u{1EE0}\u{1EE1}\u{1EE2}\u{1EE3}\u{1EE4}\u{1EE5}\u{1EE6}\u{1EE7}\u{1EE8}\u{1EE9}\u{1EEA}\u{1EEB}\u{1EEC}\u{1EED}\u{1EEE}\u{1EEF}\u{1EF0}\u{1EF1}\u{1EF2}\u{1EF3}\u{1EF4}\u{1EF5}\u{1EF6}\u{1EF7}\u{1EF8}\u{1EF9}";

    proptest! {
        /// `group_text` is the text with the invisible characters dropped and its words (split
        /// at std's `char::is_whitespace`, Unicode's White_Space) joined by one space: a second
        /// algorithm; and it is idempotent.
        #[test]
        fn group_text_joins_the_words_by_one_space(
            parts in prop::collection::vec(prop_oneof![
                Just(" "), Just("  "), Just("\u{a0}"), Just("\u{2009}"), Just("\u{3000}"), Just("\t"),
                Just("\n"), Just("\u{200b}"), Just("\u{feff}"), Just("\u{ad}"), Just("\u{2060}"),
                Just("UBND"), Just("xã"), Just("Đông"), Just("Hòa"), Just("a"), Just("“"), Just("…"),
                Just("Ｘ"),
            ], 0..12)
        ) {
            let s: String = parts.concat();
            let kept: String = s
                .chars()
                .filter(|c| !matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'))
                .collect();
            let want = kept.split(char::is_whitespace).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
            let got = group_text(&s);
            prop_assert_eq!(&*got, want.as_str());
            prop_assert_eq!(&*group_text(&got), &*got);
        }
    }

    #[test]
    fn group_text_borrows_plain_text() {
        for s in ["UBND xã Đông Hòa", "Hộ tịch", "A, B"] {
            assert!(
                matches!(group_text(s), std::borrow::Cow::Borrowed(_)),
                "{s}"
            );
        }
        assert_eq!(
            group_text("UBND\u{a0}xã  Đông\u{200b} Hòa"),
            "UBND xã Đông Hòa"
        );
    }

    /// Text typed in NFD (Unikey, Windows-1258) composes to the NFC a keyboard in Unicode
    /// dựng sẵn gives, as Python's `unicodedata.normalize("NFC", …)` does; NFC text is
    /// borrowed as it is; marks also compose given out of canonical order (horn after the tone
    /// mark), and a mark on a letter outside the table is left.
    #[test]
    fn decomposed_vietnamese_composes_as_unicode_says() {
        assert_eq!(compose(NFD), NFC);
        assert!(matches!(compose(NFC), std::borrow::Cow::Borrowed(_)));
        for (nfd, nfc) in [
            ("tru\u{31B}\u{323}c tuye\u{302}\u{301}n", "trực tuyến"),
            ("\u{110}a\u{302}\u{301}t \u{111}ai", "Đất đai"),
            ("3 nga\u{300}y la\u{300}m vie\u{323}\u{302}c", "3 ngày làm việc"),
            ("U\u{309}y ban nha\u{302}n da\u{302}n phu\u{31B}o\u{31B}\u{300}ng Cu\u{31B}\u{309}a Nam", "Ủy ban nhân dân phường Cửa Nam"),
            // Out of canonical order: the tone mark before the horn.
            ("tru\u{323}\u{31B}c", "trực"),
            // Half composed: a precomposed ư with a combining acute.
            ("\u{1B0}\u{301}", "ứ"),
            // Two marks no letter has both of: canonical order, the first composed (NFC of
            // Python's unicodedata: "\u{1EB9}\u{301}"), whichever way it was written.
            ("e\u{301}\u{323}", "\u{1EB9}\u{301}"),
            ("\u{E9}\u{323}", "\u{1EB9}\u{301}"),
            ("e\u{323}\u{301}", "\u{1EB9}\u{301}"),
            ("\u{1EB9}\u{301}", "\u{1EB9}\u{301}"),
            ("e\u{301}\u{301}", "\u{E9}\u{301}"),
            // No precomposed form: kept.
            ("q\u{301} x\u{323}\u{302}", "q\u{301} x\u{323}\u{302}"),
            ("\u{301}a", "\u{301}a"),
        ] {
            assert_eq!(compose(nfd), nfc, "{nfd:?}");
        }
        assert_eq!(fold("TRU\u{31B}\u{323}C TUYE\u{302}\u{301}N"), "trực tuyến");
        // The word-at-a-time test finds a mark lead byte at every position, and no other.
        for len in 0..24 {
            for at in 0..len {
                for lead in [0xCCu8, 0xCD] {
                    let mut b = vec![b'a'; len];
                    b[at] = lead;
                    assert!(has_combining_lead(&b), "{len} {at} {lead:x}");
                }
            }
            for other in [0xCBu8, 0xCE, 0x4C, 0x4D, 0xC3, 0xE1, 0xFF, 0x00] {
                assert!(!has_combining_lead(&vec![other; len]), "{len} {other:x}");
            }
        }
    }

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
