//! The plain shape of dossier JSON read by a scanner of its own, before serde: the shape the
//! library writes and services send (an object with `received`, `time_limit` or `procedure`,
//! `channel`, `id` and `events` whose values are strings without escapes, a `time_limit` object
//! of whole numbers, `true` and strings, and events of string values), each key once.
//!
//! The scanner only tokenizes: what it reads becomes the same shadow the serde reader fills
//! ([`Shadow`], [`EventShadow`], [`LimitShadow`]), checked by the same code. Anything else — a
//! `null`, an escape, a control character, a key given twice, an unknown key, `stages`, a
//! number that is not a plain whole number, malformed JSON, or a check that fails — makes it
//! answer `None`, and the serde reader reads the text from the start: so every error, with its
//! code, field, line and message, comes from one reader, and this one only makes the common
//! dossier cheaper (no serde state machine, no `Value`, keys matched as bytes). The
//! differential property test of the readers runs through it.

use std::borrow::Cow;

use serde_json::Value;

use super::{EventShadow, EventsShadow, LimitShadow, Raw, Shadow};
use crate::dossier::{Dossier, Event};

/// The dossier in `text` when it has the plain shape and passes the checks; else `None`.
pub(super) fn read(text: &str) -> Option<Dossier> {
    let mut s = Scanner { text, pos: 0 };
    let shadow = s.dossier()?;
    s.ws();
    if s.pos != text.len() {
        return None;
    }
    shadow.build().ok()
}

/// The index of the first `"`, `\` or control character of `bytes`, eight bytes at a time.
#[inline]
fn string_end(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of a byte is set in `(x - ONES) & !x & HIGH` where the byte of `x` is zero,
    // and (by the borrow) possibly above such a byte, never below: so the lowest set bit
    // marks the first zero byte. Bytes below 0x20 likewise borrow in `w - 0x20`.
    let special = |w: u64| {
        let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
        zero(w ^ (ONES * u64::from(b'"')))
            | zero(w ^ (ONES * u64::from(b'\\')))
            | (w.wrapping_sub(ONES * 0x20) & !w & HIGH)
    };
    let mut at = 0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in chunks.by_ref() {
        let word = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).ok()?);
        let found = special(word);
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .map(|i| at + i)
}

/// A cursor over the text; every method answers `None` when the text leaves the plain shape.
struct Scanner<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    /// Skips JSON whitespace.
    #[inline]
    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    /// Skips whitespace, then takes `byte`.
    #[inline]
    fn eat(&mut self, byte: u8) -> Option<()> {
        self.ws();
        (self.peek()? == byte).then(|| self.pos += 1)
    }

    /// Skips whitespace; takes `byte` when it comes next (`true`), else leaves the text.
    #[inline]
    fn take(&mut self, byte: u8) -> bool {
        self.ws();
        let next = self.peek() == Some(byte);
        if next {
            self.pos += 1;
        }
        next
    }

    /// A string without escapes or control characters, borrowed from the text.
    #[inline]
    fn string(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.pos;
        let rest = self.text.as_bytes().get(start..)?;
        let len = string_end(rest)?;
        if rest.get(len) != Some(&b'"') {
            return None;
        }
        self.pos = start + len + 1;
        // (Both ends are ASCII bytes of a `str`: character boundaries.)
        self.text.get(start..start + len)
    }

    /// A key: the keys the scanner knows are short ASCII words, so the closing quote is looked
    /// for in the next 16 bytes only (a longer key, or one with an escape, is not one of them:
    /// the caller leaves the text).
    #[inline]
    fn key(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.pos;
        let rest = self.text.as_bytes().get(start..)?;
        let len = string_end(rest.get(..rest.len().min(16))?)?;
        if rest.get(len) != Some(&b'"') {
            return None;
        }
        self.pos = start + len + 1;
        self.text.get(start..start + len)
    }

    /// A string value, as the shadow keeps it.
    #[inline]
    fn raw(&mut self) -> Option<Raw<'a>> {
        self.string().map(|s| Raw::Str(Cow::Borrowed(s)))
    }

    /// The items of an object: `item` reads the value of each key; `,` and `}` between.
    #[inline]
    fn object(&mut self, mut item: impl FnMut(&mut Self, &'a str) -> Option<()>) -> Option<()> {
        self.eat(b'{')?;
        if self.take(b'}') {
            return Some(());
        }
        loop {
            let key = self.key()?;
            self.eat(b':')?;
            item(self, key)?;
            if !self.take(b',') {
                return self.eat(b'}');
            }
        }
    }

    /// A time limit value: a whole number without sign, fraction, exponent or leading zero
    /// (as `u64`), `true`, or a string.
    fn limit_value(&mut self) -> Option<Value> {
        self.ws();
        match self.peek()? {
            b'"' => self.string().map(|s| Value::String(s.to_owned())),
            b't' => {
                let end = self.pos + 4;
                (self.text.get(self.pos..end)? == "true").then(|| {
                    self.pos = end;
                    Value::Bool(true)
                })
            }
            b'1'..=b'9' => {
                let rest = self.text.as_bytes().get(self.pos..)?;
                let len = rest
                    .iter()
                    .position(|b| !b.is_ascii_digit())
                    .unwrap_or(rest.len());
                if matches!(rest.get(len), Some(b'.' | b'e' | b'E')) || len > 19 {
                    return None;
                }
                let mut n: u64 = 0;
                for &d in rest.get(..len)? {
                    n = n.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
                }
                self.pos += len;
                Some(Value::from(n))
            }
            _ => None,
        }
    }

    /// The time limit: a string, or an object of limit values.
    fn time_limit(&mut self) -> Option<LimitShadow<'a>> {
        self.ws();
        if self.peek()? == b'"' {
            return self.string().map(|s| LimitShadow::Str(Cow::Borrowed(s)));
        }
        // (The usual object has one entry: kept without a list.)
        let mut first: Option<(Cow<'a, str>, Value)> = None;
        let mut more: Vec<(Cow<'a, str>, Value)> = Vec::new();
        self.object(|s, key| {
            let entry = (Cow::Borrowed(key), s.limit_value()?);
            match &first {
                None => first = Some(entry),
                Some((k, _)) => {
                    if k == key || more.iter().any(|(k, _)| k == key) {
                        return None;
                    }
                    more.push(entry);
                }
            }
            Some(())
        })?;
        Some(match first {
            None => LimitShadow::Object(Vec::new()),
            Some(one) if more.is_empty() => LimitShadow::One(one),
            Some(one) => {
                more.insert(0, one);
                LimitShadow::Object(more)
            }
        })
    }

    /// Event `i`, checked.
    fn event(&mut self, i: usize) -> Option<Event> {
        let (mut kind, mut at, mut new_due, mut to) = (None, None, None, None);
        self.object(|s, key| {
            let slot = match key {
                "type" => &mut kind,
                "at" => &mut at,
                "new_due" => &mut new_due,
                "to" => &mut to,
                _ => return None,
            };
            if slot.is_some() {
                return None;
            }
            *slot = Some(s.raw()?);
            Some(())
        })?;
        EventShadow::Object {
            kind,
            at,
            new_due,
            to,
            unknown: None,
        }
        .build(i)
        .ok()
    }

    /// The events: an array of event objects.
    fn events(&mut self) -> Option<Vec<Event>> {
        self.eat(b'[')?;
        let mut list = Vec::with_capacity(4);
        if self.take(b']') {
            return Some(list);
        }
        loop {
            list.push(self.event(list.len())?);
            if !self.take(b',') {
                self.eat(b']')?;
                return Some(list);
            }
        }
    }

    /// The dossier object, as its shadow.
    fn dossier(&mut self) -> Option<Shadow<'a>> {
        let (mut received, mut time_limit, mut procedure) = (None, None, None);
        let (mut channel, mut id, mut events) = (None, None, None);
        self.object(|s, key| {
            match key {
                "received" | "procedure" | "channel" | "id" => {
                    let slot = match key {
                        "received" => &mut received,
                        "procedure" => &mut procedure,
                        "channel" => &mut channel,
                        _ => &mut id,
                    };
                    if slot.is_some() {
                        return None;
                    }
                    *slot = Some(s.raw()?);
                }
                "time_limit" if time_limit.is_none() => time_limit = Some(s.time_limit()?),
                "events" if events.is_none() => {
                    events = Some(EventsShadow::List(Ok(s.events()?)));
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(Shadow::Object {
            received,
            time_limit,
            procedure,
            channel,
            id,
            events,
            stages: None,
            unknown: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOSSIER: &str = r#"{"received":"2026-03-02T09:30","channel":"direct","time_limit":{"working_days":3},
   "events":[{"type":"supplement_requested","at":"2026-03-03T10:00"},
             {"type":"supplement_received","at":"2026-03-10T08:00"},
             {"type":"resolved","at":"2026-03-12T16:00"}]}"#;

    #[test]
    fn reads_the_plain_shape_as_the_serde_reader_does() {
        for text in [
            DOSSIER,
            r#"{"received":"2026-03-02","time_limit":"3wd"}"#,
            r#" { "id" : "A-1", "procedure" : "1.001", "events" : [ ] } "#,
            r#"{"received":"2026-03-02T08:00","time_limit":{"same_day":true,"cutoff":"15:00"}}"#,
            r#"{"received":"2026-03-02","time_limit":{"working_days":12},"events":[{"type":"apology","at":"2026-03-09","new_due":"2026-03-20"}]}"#,
            r#"{"received":"2026-03-02","time_limit":{"working_days":3},"events":[{"type":"transferred","at":"2026-03-03","to":"Thuế"}]}"#,
            r#"{"received":"Tháng","time_limit":{}}"#,
        ] {
            let serde = {
                let mut de = serde_json::Deserializer::from_str(text);
                super::super::dossier(&mut de).ok().and_then(Result::ok)
            };
            let plain = read(text);
            assert_eq!(plain, serde, "{text}");
        }
        assert!(read(DOSSIER).is_some());
    }

    #[test]
    fn leaves_every_other_shape_to_the_serde_reader() {
        for text in [
            r#"{"received":"2026-03-02","time_limit":{"working_days":3},"received":"2026-03-03"}"#,
            r#"{"received":"2026-03-02","time_limit":{"working_days":3,"working_days":4}}"#,
            r#"{"received":"2026-03-02","time_limit":{"working_days":03}}"#,
            r#"{"received":"2026-03-02","time_limit":{"working_days":3.0}}"#,
            r#"{"received":"2026-03-02","time_limit":{"working_days":-3}}"#,
            r#"{"received":"2026-03-02","time_limit":{"working_days":99999999999999999999}}"#,
            r#"{"received":"2026-03-02","time_limit":{"working_days":3},"id":null}"#,
            r#"{"received":"2026-03-\u0030","time_limit":"3wd"}"#,
            r#"{"received":"2026-03-02","time_limit":"3wd","extra":1}"#,
            r#"{"received":"2026-03-02","time_limit":"3wd","id":7}"#,
            r#"{"received":"2026-03-02","time_limit":"3wd","stages":[]}"#,
            r#"{"received":"2026-03-02","time_limit":"3wd"} x"#,
            r#"{"received":"2026-03-02","time_limit":"3wd",}"#,
            r#"{"received":"2026-03-02","time_limit":"3wd""#,
            r#"{"received":"2026-02-30","time_limit":"3wd"}"#,
            r#"{"received":"2026-03-02","time_limit":"3wd","events":[{"type":"resolved"}]}"#,
            r#"{"received":"2026-03-02","time_limit":"3wd","events":[{"type":"resolved","at":"2026-03-03","at":"2026-03-04"}]}"#,
            "{\"received\":\"2026-03-02\t\",\"time_limit\":\"3wd\"}",
            "",
            "[]",
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }

    use proptest::prelude::*;

    /// JSON whitespace, sometimes none.
    fn ws() -> impl Strategy<Value = String> {
        "[ \t\r\n]{0,2}"
    }

    /// A plain-shape dossier (with, now and then, one piece outside it: a `null`, an escape, a
    /// key twice, a number that is not plain), in any key order and spacing.
    fn plain_text() -> impl Strategy<Value = String> {
        let instant = prop::sample::select(vec![
            "2026-03-02T09:30",
            "2026-03-02",
            "2026-02-14 18:45:00",
            "02/03/2026 08:00",
            "2026-03-12T16:00+07:00",
            "2026-02-30",
            "",
        ]);
        let limit = prop::sample::select(vec![
            r#"{"working_days":3}"#,
            r#"{"calendar_days":15}"#,
            r#"{"working_hours":8}"#,
            r#"{"working_days":0}"#,
            r#"{"same_day":true,"cutoff":"15:00"}"#,
            r#"{"cutoff":"14:30","same_day":true}"#,
            r#"{"working_days":3,"calendar_days":2}"#,
            r#"{"working_days":18446744073709551615}"#,
            r#"{"working_days":4294967296}"#,
            r#"{}"#,
            r#""3wd""#,
            r#""5 ngày làm việc""#,
            r#"{"working_days":null}"#,
            r#"{"working_days":3,"working_days":4}"#,
            r#"{"working_days":1e1}"#,
        ]);
        let kind = prop::sample::select(vec![
            "supplement_requested",
            "supplement_received",
            "apology",
            "extended",
            "resolved",
            "refused",
            "withdrawn",
            "transferred",
            "Resolved",
        ]);
        let event = (
            kind,
            instant.clone(),
            prop::option::of(prop::sample::select(vec!["2026-03-20", "2026-13-01"])),
            prop::option::of(prop::sample::select(vec!["Thuế", "VPĐK\\u0110", "  "])),
            any::<bool>(),
            ws(),
        )
            .prop_map(|(k, at, new_due, to, reversed, w)| {
                let mut items = vec![
                    format!("\"type\"{w}:{w}\"{k}\""),
                    format!("\"at\":\"{at}\""),
                ];
                if let Some(n) = new_due {
                    items.push(format!("\"new_due\":\"{n}\""));
                }
                if let Some(t) = to {
                    items.push(format!("\"to\":\"{t}\""));
                }
                if reversed {
                    items.reverse();
                }
                format!("{{{w}{}{w}}}", items.join(&format!(",{w}")))
            });
        let entry = prop_oneof![
            instant.prop_map(|v| format!("\"received\":\"{v}\"")),
            limit.prop_map(|v| format!("\"time_limit\":{v}")),
            prop::sample::select(vec!["\"1.001\"", "\"\"", "null"])
                .prop_map(|v| format!("\"procedure\":{v}")),
            prop::sample::select(vec!["\"online\"", "\"postal\"", "\"x\"", "null"])
                .prop_map(|v| format!("\"channel\":{v}")),
            prop::sample::select(vec!["\"HS-1\"", "\"Hồ sơ 2\"", "7", "\"a\\\"b\""])
                .prop_map(|v| format!("\"id\":{v}")),
            (prop::collection::vec(event, 0..4), ws())
                .prop_map(|(es, w)| format!("\"events\":[{w}{}{w}]", es.join(","))),
        ];
        (
            instant_and_limit(),
            prop::collection::vec(entry, 0..4),
            any::<prop::sample::Index>(),
            ws(),
        )
            .prop_map(|((received, limit), mut rest, at, w)| {
                rest.push(received);
                let i = at.index(rest.len() + 1);
                rest.insert(i, limit);
                format!("{w}{{{w}{}{w}}}{w}", rest.join(&format!("{w},{w}")))
            })
    }

    /// A good `received` and `time_limit`, so that most texts are dossiers.
    fn instant_and_limit() -> impl Strategy<Value = (String, String)> {
        (
            prop::sample::select(vec!["2026-03-02T09:30", "2026-01-31 18:00", "2026-04-29"]),
            prop::sample::select(vec![
                r#"{"working_days":3}"#,
                r#""10wd""#,
                r#"{"calendar_days":30}"#,
            ]),
        )
            .prop_map(|(r, l)| {
                (
                    format!("\"received\":\"{r}\""),
                    format!("\"time_limit\":{l}"),
                )
            })
    }

    proptest! {
        /// The word-at-a-time search finds what a byte-at-a-time search finds.
        #[test]
        fn string_end_is_the_first_special_byte(bytes in prop::collection::vec(
            prop_oneof![4 => 0x20u8..0x80, 1 => any::<u8>(), 1 => Just(b'"'), 1 => Just(b'\\')], 0..40)
        ) {
            let naive = bytes.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
            prop_assert_eq!(string_end(&bytes), naive);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

        /// Whatever the scanner accepts, the serde reader reads as the same dossier; and a
        /// dossier the serde reader reads from a text without `null`, escapes, numeric ids or
        /// repeated keys, the scanner reads too.
        #[test]
        fn the_scanner_answers_as_the_serde_reader(text in plain_text()) {
            let serde = {
                let mut de = serde_json::Deserializer::from_str(&text);
                super::super::dossier(&mut de).ok().and_then(Result::ok).filter(|_| de.end().is_ok())
            };
            let plain = read(&text);
            if plain.is_some() {
                prop_assert_eq!(&plain, &serde, "{}", text);
            }
            let outside = text.contains("null") || text.contains('\\') || text.contains("\"id\":7")
                || text.contains("1e1") || text.matches("working_days").count() > 1
                || ["\"received\"", "\"time_limit\"", "\"procedure\"", "\"channel\"", "\"id\"", "\"events\""]
                    .iter().any(|k| text.matches(k).count() > 1);
            if serde.is_some() && !outside {
                prop_assert!(plain.is_some(), "not read: {}", text);
            }
        }
    }

    #[test]
    fn the_strategy_reaches_read_and_left_texts() {
        // Without this, the property could pass on texts the scanner always leaves.
        use proptest::strategy::ValueTree;
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let (mut read_n, mut left) = (0, 0);
        for _ in 0..2000 {
            let text = plain_text().new_tree(&mut runner).unwrap().current();
            match read(&text) {
                Some(_) => read_n += 1,
                None => left += 1,
            }
        }
        assert!(read_n > 400 && left > 400, "read {read_n}, left {left}");
    }
}
