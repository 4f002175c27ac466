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

    /// [`from_bom`](Self::from_bom), or, without a mark, the decoder for text whose first
    /// character is ASCII written in UTF-16 (`41 00`, `00 41`: a byte 0, which no text in UTF-8
    /// holds), with a mark of length 0. What some exports write without the mark: read as
    /// `i d ,  p r o c e d u r e`, it was "missing column `received`".
    pub(crate) fn sniff(head: &[u8]) -> Option<(Utf16, usize)> {
        let big_endian = match head.get(..2)? {
            [a, 0] if *a != 0 => false,
            [0, b] if *b != 0 => true,
            _ => return Utf16::from_bom(head),
        };
        let d = Utf16 {
            big_endian,
            odd: None,
            high: None,
        };
        Some((d, 0))
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
    if let Some((mut d, bom)) = Utf16::sniff(bytes) {
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

/// A reader of a text stream in UTF-8 or UTF-16 with its byte-order mark, giving UTF-8 bytes:
/// a stream that starts with a UTF-16 byte-order mark (`FF FE`, `FE FF`) is decoded as it
/// is read (the mark dropped); any other stream passes through unchanged, a UTF-8 byte-order
/// mark included. What Windows PowerShell 5 writes with `>` (UTF-16 little-endian) reads as the
/// same lines as the UTF-8 file. A code unit that is not part of a character comes out as the
/// byte `0xFF`, so the line holding it is not valid UTF-8 where it stands — never a replacement
/// character taken silently.
///
/// The stream is looked at one byte ahead only when its first byte may start a byte-order
/// mark (`0xFF`, `0xFE`: bytes no UTF-8 text starts with), and each read of the inner reader
/// is handed on at once, so a program that writes a line and waits for its answer is not left
/// waiting.
///
/// ```
/// use std::io::Read;
/// use motcua::records::TextReader;
/// let utf16: Vec<u8> = [0xFF, 0xFE].into_iter()
///     .chain("{\"received\":\"2026-03-02\"}\n".encode_utf16().flat_map(u16::to_le_bytes))
///     .collect();
/// let mut text = String::new();
/// TextReader::new(utf16.as_slice()).read_to_string(&mut text)?;
/// assert_eq!(text, "{\"received\":\"2026-03-02\"}\n");
/// let mut same = String::new();
/// TextReader::new(&b"plain\n"[..]).read_to_string(&mut same)?;
/// assert_eq!(same, "plain\n");
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug)]
pub struct TextReader<R> {
    inner: R,
    started: bool,
    /// The decoder, when the stream is UTF-16.
    utf16: Option<Utf16>,
    /// Bytes to hand out (decoded text, or the first bytes read to look for a mark).
    out: Vec<u8>,
    /// How much of `out` was handed out.
    at: usize,
    /// The inner reader told its end (and the decoder, if any, was finished).
    ended: bool,
}

impl<R: std::io::Read> TextReader<R> {
    /// A reader of `inner`'s text as UTF-8.
    pub fn new(inner: R) -> TextReader<R> {
        TextReader {
            inner,
            started: false,
            utf16: None,
            out: Vec::new(),
            at: 0,
            ended: false,
        }
    }

    /// Whether the stream is UTF-16 (known once something was read).
    pub fn is_utf16(&self) -> bool {
        self.utf16.is_some()
    }

    /// The inner reader.
    pub fn into_inner(self) -> R {
        self.inner
    }

    /// One read of the inner reader, retried when interrupted.
    fn read_inner(&mut self, into: &mut [u8]) -> std::io::Result<usize> {
        loop {
            match self.inner.read(into) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                other => return other,
            }
        }
    }

    /// Reads the first two bytes: a UTF-16 mark, or the first character in UTF-16 without one.
    fn start(&mut self) -> std::io::Result<()> {
        self.started = true;
        let mut head = [0u8; 2];
        let mut n = self.read_inner(head.get_mut(..1).unwrap_or(&mut []))?;
        self.ended = n == 0;
        // (Not after a line end: an empty first line from a terminal is answered without
        // waiting for a second byte; any other first line has two bytes at least.)
        if n == 1 && head.first() != Some(&b'\n') {
            let second = self.read_inner(head.get_mut(1..).unwrap_or(&mut []))?;
            self.ended = second == 0;
            n += second;
        }
        let head = head.get(..n).unwrap_or(&[]);
        match Utf16::sniff(head) {
            Some((mut d, mark)) => {
                d.decode(head.get(mark..).unwrap_or(&[]), &mut self.out);
                self.utf16 = Some(d);
            }
            None => self.out.extend_from_slice(head),
        }
        Ok(())
    }

    /// Hands out what is pending in `out`.
    fn give(&mut self, buf: &mut [u8]) -> usize {
        let pending = self.out.get(self.at..).unwrap_or(&[]);
        let n = pending.len().min(buf.len());
        if let (Some(to), Some(from)) = (buf.get_mut(..n), pending.get(..n)) {
            to.copy_from_slice(from);
        }
        self.at += n;
        n
    }
}

impl<R: std::io::Read> std::io::Read for TextReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if !self.started {
            self.start()?;
        }
        if self.at < self.out.len() || buf.is_empty() {
            return Ok(self.give(buf));
        }
        if self.utf16.is_none() {
            return if self.ended {
                Ok(0)
            } else {
                self.read_inner(buf)
            };
        }
        // UTF-16: decode the next read (a read may end inside a character: read again).
        let mut raw = [0u8; 1 << 14];
        self.out.clear();
        self.at = 0;
        while self.out.is_empty() && !self.ended {
            let n = self.read_inner(&mut raw)?;
            let Some(d) = self.utf16.as_mut() else { break };
            match raw.get(..n).unwrap_or(&[]) {
                [] => {
                    d.finish(&mut self.out);
                    self.ended = true;
                }
                bytes => d.decode(bytes, &mut self.out),
            }
        }
        Ok(self.give(buf))
    }
}

/// A reader of any thread's input (a file, stdin), as [`gunzip`] returns it.
#[cfg(feature = "gzip")]
pub type Input = Box<dyn std::io::Read + Send>;

/// `input` decompressed when it is gzip (told by its first two bytes, whatever the file's
/// name; members concatenated by `cat a.gz b.gz` read as one text), else as it is. Its
/// second byte is waited for only when the first may start gzip's mark (`0x1f`, which no
/// text starts with), so a line typed on a terminal is not held back. Only with motcua's
/// `gzip` feature (the CLI's and the Python package's); elsewhere a gzip input is named as
/// such by the readers.
///
/// ```
/// use std::io::{Read, Write};
/// let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
/// gz.write_all(b"received,time_limit\n2026-03-02,3wd\n")?;
/// let bytes = gz.finish()?;
/// let mut text = String::new();
/// motcua::records::gunzip(Box::new(std::io::Cursor::new(bytes)))?.read_to_string(&mut text)?;
/// assert_eq!(text, "received,time_limit\n2026-03-02,3wd\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "gzip")]
pub fn gunzip(mut input: Input) -> Result<Input> {
    use std::io::Read;
    let mut head = [0u8; 2];
    let mut n = 0;
    while n < head.len() {
        match input.read(head.get_mut(n..).unwrap_or(&mut [])) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => {
                return Err(Error::new(
                    ErrorKind::Io,
                    format!("cannot read the input: {e}"),
                ))
            }
        }
        if n == 1 && head[0] != 0x1f {
            break;
        }
    }
    let head = head.get(..n).unwrap_or(&[]);
    let whole = std::io::Cursor::new(head.to_vec()).chain(input);
    Ok(if head == [0x1f, 0x8b] {
        Box::new(flate2::read::MultiGzDecoder::new(whole))
    } else {
        Box::new(whole)
    })
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

    /// Hands out its bytes in the given chunk sizes, then ends; a read after the end was told
    /// is an error (on a terminal it would wait for more).
    struct Chunky {
        bytes: Vec<u8>,
        sizes: Vec<usize>,
        at: usize,
        reads: usize,
        interrupt: bool,
        ended: bool,
    }

    impl std::io::Read for Chunky {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.interrupt {
                self.interrupt = false;
                return Err(std::io::ErrorKind::Interrupted.into());
            }
            if self.at >= self.bytes.len() {
                if self.ended {
                    return Err(std::io::Error::other("read again after the end"));
                }
                self.ended = true;
                self.reads += 1;
                return Ok(0);
            }
            let size = self.sizes.get(self.reads).copied().unwrap_or(7).max(1);
            self.reads += 1;
            let n = size.min(buf.len()).min(self.bytes.len() - self.at);
            buf[..n].copy_from_slice(&self.bytes[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    fn read_all(r: &mut impl std::io::Read, step: usize) -> Vec<u8> {
        let mut all = Vec::new();
        let mut buf = vec![0u8; step];
        loop {
            match r.read(&mut buf).unwrap() {
                0 => return all,
                n => all.extend_from_slice(&buf[..n]),
            }
        }
    }

    proptest! {
        /// Through the reader, UTF-16 text of either byte order, read in any chunks into any
        /// buffer size, gives the text's UTF-8 (the standard library's encoder is the
        /// independent side); bytes without a UTF-16 mark come out unchanged, whatever they
        /// are.
        #[test]
        fn the_text_reader_gives_utf8(
            text in "(\\PC|\\n|\\r|😀){0,40}",
            big_endian: bool,
            sizes in proptest::collection::vec(1usize..9, 0..12),
            step in 1usize..11,
            interrupt: bool,
            raw in proptest::collection::vec(any::<u8>(), 0..40),
        ) {
            let bytes = utf16(&text, big_endian);
            let mut r = TextReader::new(Chunky {
                bytes, sizes: sizes.clone(), at: 0, reads: 0, interrupt, ended: false,
            });
            prop_assert_eq!(String::from_utf8(read_all(&mut r, step)).unwrap(), text);
            prop_assert!(r.is_utf16());
            let marked = matches!(raw.get(..2), Some([0xFF, 0xFE] | [0xFE, 0xFF]))
                || matches!(raw.get(..2), Some([a, 0] | [0, a]) if *a != 0);
            let mut r = TextReader::new(Chunky {
                bytes: raw.clone(), sizes, at: 0, reads: 0, interrupt, ended: false,
            });
            let out = read_all(&mut r, step);
            prop_assert_eq!(r.is_utf16(), marked);
            if !marked {
                prop_assert_eq!(out, raw);
            }
        }
    }

    proptest! {
        /// UTF-16 without its mark, whose first character is ASCII (a header), reads as the
        /// text through the reader and `decode_text` alike.
        #[test]
        fn utf16_without_a_mark_is_read_when_it_starts_with_ascii(
            first in "[a-zA-Z0-9\"{]",
            text in "(\\PC|\\n|\\r|😀){0,40}",
            big_endian: bool,
            sizes in proptest::collection::vec(1usize..9, 0..12),
            step in 1usize..11,
        ) {
            let text = format!("{first}{text}");
            let bytes = utf16(&text, big_endian).split_off(2);
            let mut r = TextReader::new(Chunky {
                bytes: bytes.clone(), sizes, at: 0, reads: 0, interrupt: false, ended: false,
            });
            prop_assert_eq!(String::from_utf8(read_all(&mut r, step)).unwrap(), text.clone());
            let whole = decode_text(&bytes, ErrorKind::CsvField, "").unwrap();
            prop_assert_eq!(whole.as_ref(), text.as_str());
        }
    }

    #[test]
    fn the_text_reader_hands_on_a_first_line_without_reading_ahead() {
        use std::io::Read;
        // An empty first line from a terminal: answered without waiting for a second byte.
        let mut r = TextReader::new(Chunky {
            bytes: b"\n".to_vec(),
            sizes: vec![1],
            at: 0,
            reads: 0,
            interrupt: false,
            ended: false,
        });
        let mut buf = [0u8; 8];
        assert_eq!(r.read(&mut buf).unwrap(), 1);
        assert_eq!(r.into_inner().reads, 1);
        // A bad unit at the end of a UTF-16 stream is the byte 0xFF where it stands.
        let mut bytes = utf16("ab", false);
        bytes.push(b'c');
        let mut r = TextReader::new(bytes.as_slice());
        let mut out = Vec::new();
        r.read_to_end(&mut out).unwrap();
        assert_eq!(out, b"ab\xff");
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
