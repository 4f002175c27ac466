//! The text encodings an input file may come in: UTF-8 (a byte-order mark allowed), or UTF-16
//! with its byte-order mark — what a spreadsheet saves as "Unicode text" (tab-separated,
//! little-endian) — decoded to UTF-8, whole ([`decode_text`]) or as it streams
//! ([`TextSource`](super::TextSource)).
//!
//! A UTF-16 code unit that is not part of a character (a surrogate without its pair, an odd
//! last byte) is decoded to the byte `0xFF`, which no UTF-8 text holds: the reader then
//! reports that line (and field) as not valid text, as it does a bad UTF-8 byte — never a
//! replacement character taken silently.

use std::borrow::Cow;

use crate::error::{Error, ErrorKind, Result};

/// Written for a code unit that is not part of a character: invalid in UTF-8, so the text's
/// validation names its line.
const BAD: u8 = 0xFF;

/// A streaming UTF-16 → UTF-8 decoder (the byte-order mark already taken off).
#[derive(Debug, Clone)]
pub(crate) struct Utf16 {
    big_endian: bool,
    /// The first byte of a code unit split between two reads.
    odd: Option<u8>,
    /// A high surrogate waiting for its low half.
    high: Option<u16>,
}

impl Utf16 {
    /// The decoder for text starting with `head`, when it starts with a UTF-16 byte-order mark
    /// (`FF FE` little-endian, `FE FF` big-endian), and the length of the mark.
    pub(crate) fn from_bom(head: &[u8]) -> Option<(Utf16, usize)> {
        let big_endian = match head.get(..2)? {
            [0xFF, 0xFE] => false,
            [0xFE, 0xFF] => true,
            _ => return None,
        };
        let d = Utf16 {
            big_endian,
            odd: None,
            high: None,
        };
        Some((d, 2))
    }

    /// Decodes `raw` (the next bytes of the text) onto `out`.
    pub(crate) fn decode(&mut self, raw: &[u8], out: &mut Vec<u8>) {
        out.reserve(raw.len() + raw.len() / 2);
        let mut rest = raw;
        if let Some(first) = self.odd.take() {
            match rest.split_first() {
                Some((&second, tail)) => {
                    self.unit(self.join(first, second), out);
                    rest = tail;
                }
                None => {
                    self.odd = Some(first);
                    return;
                }
            }
        }
        // Four code units at a time while they are ASCII (most of a CSV file): one test, four
        // bytes out.
        // (the bits that are 0 in the four units exactly when each is below 0x80)
        let not_ascii = u64::from_be_bytes(if self.big_endian {
            [0xFF, 0x80, 0xFF, 0x80, 0xFF, 0x80, 0xFF, 0x80]
        } else {
            [0x80, 0xFF, 0x80, 0xFF, 0x80, 0xFF, 0x80, 0xFF]
        });
        let mut quads = rest.chunks_exact(8);
        for q in &mut quads {
            let Ok(b) = <[u8; 8]>::try_from(q) else { break };
            if self.high.is_none() && u64::from_be_bytes(b) & not_ascii == 0 {
                let [a0, b0, a1, b1, a2, b2, a3, b3] = b;
                out.extend_from_slice(&if self.big_endian {
                    [b0, b1, b2, b3]
                } else {
                    [a0, a1, a2, a3]
                });
            } else {
                for [a, b] in [[b[0], b[1]], [b[2], b[3]], [b[4], b[5]], [b[6], b[7]]] {
                    self.unit(self.join(a, b), out);
                }
            }
        }
        let mut pairs = quads.remainder().chunks_exact(2);
        for p in &mut pairs {
            if let [a, b] = *p {
                self.unit(self.join(a, b), out);
            }
        }
        self.odd = pairs.remainder().first().copied();
    }

    /// The end of the text: a half code unit or an unpaired high surrogate left over is
    /// written as not valid text.
    pub(crate) fn finish(&mut self, out: &mut Vec<u8>) {
        if self.high.take().is_some() {
            out.push(BAD);
        }
        if self.odd.take().is_some() {
            out.push(BAD);
        }
    }

    fn join(&self, a: u8, b: u8) -> u16 {
        if self.big_endian {
            u16::from_be_bytes([a, b])
        } else {
            u16::from_le_bytes([a, b])
        }
    }

    #[inline]
    fn unit(&mut self, u: u16, out: &mut Vec<u8>) {
        if let Some(h) = self.high.take() {
            if (0xDC00..=0xDFFF).contains(&u) {
                let c = 0x10000 + ((u32::from(h) - 0xD800) << 10) + (u32::from(u) - 0xDC00);
                push_char(c, out);
                return;
            }
            out.push(BAD);
        }
        match u {
            0..=0x7F => out.push(u as u8),
            0xD800..=0xDBFF => self.high = Some(u),
            0xDC00..=0xDFFF => out.push(BAD),
            _ => push_char(u32::from(u), out),
        }
    }
}

fn push_char(c: u32, out: &mut Vec<u8>) {
    match char::from_u32(c) {
        Some(ch) => {
            let mut buf = [0u8; 4];
            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
        }
        None => out.push(BAD),
    }
}

/// The text of a whole file (a catalogue, a calendar spec, a schedules or targets file) from
/// its bytes: UTF-8, its byte-order mark removed, or UTF-16 with a byte-order mark. Bytes that
/// are not text are an error of `kind` at the line, its message starting with `name` (the
/// file, as the caller names it; none when empty) and saying what the bytes look like
/// (compressed, a zip archive) — never a guess.
///
/// ```
/// use motcua::records::decode_text;
/// use motcua::ErrorKind;
/// let utf16: Vec<u8> = [0xFF, 0xFE].into_iter()
///     .chain("code,name\n1.1,Khai sinh\n".encode_utf16().flat_map(u16::to_le_bytes))
///     .collect();
/// let kind = ErrorKind::InvalidCatalogue;
/// assert_eq!(decode_text(&utf16, kind, "")?, "code,name\n1.1,Khai sinh\n");
/// assert_eq!(decode_text("\u{feff}[]".as_bytes(), kind, "")?, "[]");
/// let e = decode_text(b"code\n1.1\n\xe1\n", kind, "catalogue cat.csv").unwrap_err();
/// assert_eq!((e.code(), e.line()), ("invalid_catalogue", Some(3)));
/// assert_eq!(e.message(), "catalogue cat.csv: line 3: not valid UTF-8 text");
/// # Ok::<(), motcua::Error>(())
/// ```
pub fn decode_text<'b>(bytes: &'b [u8], kind: ErrorKind, name: &str) -> Result<Cow<'b, str>> {
    let error = |line: u64, what: &str| {
        let sep = if name.is_empty() { "" } else { ": " };
        Error::new(kind, format!("{name}{sep}line {line}: {what}")).at_line(line)
    };
    let not_text = |bytes: &[u8], e: std::str::Utf8Error, encoding: &str| {
        let before = bytes.get(..e.valid_up_to()).unwrap_or(&[]);
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count() as u64;
        error(line, &format!("not valid {encoding} text"))
    };
    if let Some((mut d, bom)) = Utf16::from_bom(bytes) {
        let mut out = Vec::with_capacity(bytes.len());
        d.decode(bytes.get(bom..).unwrap_or(&[]), &mut out);
        d.finish(&mut out);
        return String::from_utf8(out)
            .map(Cow::Owned)
            .map_err(|e| not_text(e.as_bytes(), e.utf8_error(), "UTF-16"));
    }
    if let Some(e) = super::text::compressed(bytes) {
        let what = e.message().strip_prefix("line 1: ").unwrap_or(e.message());
        return Err(error(1, what));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    std::str::from_utf8(bytes)
        .map(Cow::Borrowed)
        .map_err(|e| not_text(bytes, e, "UTF-8"))
}

/// `text` as UTF-16 with its byte-order mark, by the standard library's encoder (the
/// independent side of the decoding tests here and in the text source's).
#[cfg(test)]
pub(crate) fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let bom: [u8; 2] = if big_endian {
        [0xFE, 0xFF]
    } else {
        [0xFF, 0xFE]
    };
    bom.into_iter()
        .chain(text.encode_utf16().flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        }))
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Decoded in any cutting of the bytes, UTF-16 of either byte order gives back the text
        /// (the standard library's encoder is the independent side).
        #[test]
        fn streamed_utf16_is_the_text(
            text in "(\\PC|\\n|\\r|\t|😀|𝄞){0,40}",
            big_endian: bool,
            cuts in proptest::collection::vec(0usize..90, 0..6),
        ) {
            let bytes = utf16(&text, big_endian);
            let (mut d, bom) = Utf16::from_bom(&bytes).unwrap();
            let body = &bytes[bom..];
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(body.len())).collect();
            cuts.sort_unstable();
            let mut out = Vec::new();
            let mut from = 0;
            for c in cuts.into_iter().chain([body.len()]) {
                d.decode(&body[from..c], &mut out);
                from = c;
            }
            d.finish(&mut out);
            prop_assert_eq!(String::from_utf8(out).unwrap(), text.clone());
            prop_assert_eq!(decode_text(&bytes, ErrorKind::InvalidSpec, "").unwrap(), text);
        }

        /// Any bytes after a byte-order mark decode to valid UTF-8 exactly when they are valid
        /// UTF-16 (the standard library's decoder is the independent side), else to text
        /// holding the byte 0xFF where the bad unit was.
        #[test]
        fn utf16_is_valid_exactly_when_the_standard_decoder_says_so(
            units in proptest::collection::vec(
                prop_oneof![0u16..0x80, 0xD7F0u16..0xE010, any::<u16>()], 0..30),
            odd: bool,
        ) {
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(units.iter().flat_map(|u| u.to_le_bytes()));
            if odd {
                bytes.push(b'a');
            }
            let want = String::from_utf16(&units).ok().filter(|_| !odd);
            match decode_text(&bytes, ErrorKind::InvalidSpec, "") {
                Ok(t) => prop_assert_eq!(Some(t.into_owned()), want),
                Err(e) => {
                    prop_assert!(want.is_none());
                    prop_assert_eq!(e.code(), "invalid_spec");
                }
            }
        }
    }

    #[test]
    fn a_lone_surrogate_is_marked_where_it_stands() {
        // A high surrogate ending a run of four units, then ASCII (the four-at-a-time path),
        // then a low surrogate alone: each is marked in place, the text around them kept.
        for big_endian in [false, true] {
            let units = [
                0x78u16, 0x79, 0x7A, 0xD800, 0x61, 0x62, 0x63, 0x64, 0xDC00, 0x65,
            ];
            let mut d = Utf16 {
                big_endian,
                odd: None,
                high: None,
            };
            let raw: Vec<u8> = units
                .iter()
                .flat_map(|u| {
                    if big_endian {
                        u.to_be_bytes()
                    } else {
                        u.to_le_bytes()
                    }
                })
                .collect();
            let mut out = Vec::new();
            d.decode(&raw, &mut out);
            d.finish(&mut out);
            assert_eq!(out, b"xyz\xffabcd\xffe", "big endian: {big_endian}");
        }
    }

    #[test]
    fn bad_bytes_are_named_by_line_and_what_they_look_like() {
        let e = decode_text(b"a\nb\n\xff\xff\n", ErrorKind::InvalidSchedule, "").unwrap_err();
        assert_eq!(e.code(), "invalid_schedule");
        assert_eq!(e.line(), Some(3));
        assert_eq!(e.message(), "line 3: not valid UTF-8 text");
        let mut bytes = utf16("x\ny\n", false);
        bytes.extend(0xDC00u16.to_le_bytes());
        let e = decode_text(&bytes, ErrorKind::InvalidCatalogue, "cat").unwrap_err();
        assert_eq!(
            (e.line(), e.message()),
            (Some(3), "cat: line 3: not valid UTF-16 text")
        );
        let e = decode_text(b"\x1f\x8b\x08\0", ErrorKind::InvalidCatalogue, "c.gz").unwrap_err();
        assert_eq!(
            e.message(),
            "c.gz: line 1: the input is gzip-compressed, not UTF-8 text: decompress it first"
        );
        assert_eq!(e.code(), "invalid_catalogue");
        assert_eq!(
            decode_text(b"", ErrorKind::InvalidCatalogue, "").unwrap(),
            ""
        );
    }
}
