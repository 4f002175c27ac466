//! The dossier JSON reader as it was before the typed one (the `json` module): a parse into a
//! `serde_json::Value`, then a walk of it. Kept as the oracle of a differential property test
//! (the typed reader must answer exactly as this one did: the same dossier, or the same error
//! code, field, line and message) and, behind the internal feature `bench-internals`, as the
//! baseline of the reader's benchmark. Not part of the API.

use serde_json::Value;

use super::*;
use crate::civil::parse_day;

/// The old reader: a `Value`, then [`from_json_value`].
pub fn from_json(text: &str) -> Result<Dossier> {
    let v: Value = serde_json::from_str(text).map_err(|e| {
        Error::new(ErrorKind::InvalidJson, format!("dossier: {e}")).at_line(e.line() as u64)
    })?;
    from_json_value(&v)
}

/// The old walk of a parsed value.
pub fn from_json_value(v: &Value) -> Result<Dossier> {
    let Value::Object(m) = v else {
        return Err(bad_dossier(format!(
            "a dossier must be a JSON object, got {v}",
            v = excerpt(v)
        )));
    };
    for k in m.keys() {
        if !Dossier::KEYS.contains(&k.as_str()) {
            let expected = key_hint(k, &Dossier::KEYS);
            return Err(
                bad_dossier(format!("unknown key `{k}` ({expected})", k = excerpt(k)))
                    .in_field(k.as_str()),
            );
        }
    }
    let (received, received_date_only) = match m.get("received") {
        None | Some(Value::Null) => {
            return Err(bad_dossier("`received` is missing").in_field("received"))
        }
        Some(r) => parse_dossier_instant(string_field(r, "received")?, || "received".into())?,
    };
    let limit = match (m.get("time_limit"), m.get("procedure")) {
        (Some(t), None) if !t.is_null() => LimitSource::TimeLimit(
            TimeLimit::from_json_value(t).map_err(|e| e.in_field("time_limit"))?,
        ),
        (None, Some(p)) if !p.is_null() => {
            let code = string_field(p, "procedure")?.trim();
            if code.is_empty() {
                return Err(bad_dossier("`procedure` is empty").in_field("procedure"));
            }
            LimitSource::Procedure(code.to_string())
        }
        (Some(_), Some(_)) => {
            return Err(bad_dossier(
                "give either `time_limit` or `procedure`, not both",
            ))
        }
        _ => {
            return Err(bad_dossier(
                "`time_limit` (e.g. {\"working_days\": 3}) or `procedure` (a catalogue code) \
                     is required",
            ))
        }
    };
    let channel = match m.get("channel") {
        None | Some(Value::Null) => Channel::Direct,
        Some(c) => string_field(c, "channel")?.parse()?,
    };
    let id = match m.get("id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(other) => {
            return Err(bad_dossier(format!(
                "`id` must be a string or a number, got {other}",
                other = excerpt(other)
            ))
            .in_field("id"))
        }
    };
    let stages = match m.get("stages") {
        None => Vec::new(),
        Some(v) => stages_from_value(v)?,
    };
    let events = match m.get("events") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(list)) => list
            .iter()
            .enumerate()
            .map(|(i, e)| event_from_json(i, e))
            .collect::<Result<Vec<_>>>()?,
        Some(other) => {
            return Err(bad_dossier(format!(
                "`events` must be an array, got {other}",
                other = excerpt(other)
            ))
            .in_field("events"))
        }
    };
    Ok(Dossier {
        id,
        limit,
        channel,
        received,
        received_date_only,
        events,
        stages,
    })
}

fn string_field<'a>(v: &'a Value, field: &str) -> Result<&'a str> {
    v.as_str().ok_or_else(|| {
        bad_dossier(format!(
            "`{field}` must be a string, got {v}",
            v = excerpt(v)
        ))
        .in_field(field)
    })
}

fn event_from_json(i: usize, v: &Value) -> Result<Event> {
    let here = format!("events[{i}]");
    let Value::Object(m) = v else {
        return Err(bad_dossier(format!(
            "an event must be an object, got {v}",
            v = excerpt(v)
        ))
        .in_field(here));
    };
    for k in m.keys() {
        if !Dossier::EVENT_KEYS.contains(&k.as_str()) {
            let expected = key_hint(k, &Dossier::EVENT_KEYS);
            return Err(bad_dossier(format!(
                "unknown key `{k}` in an event ({expected})",
                k = excerpt(k)
            ))
            .in_field(format!("{here}.{k}")));
        }
    }
    let kind: EventKind = match m.get("type") {
        None | Some(Value::Null) => {
            return Err(bad_dossier("`type` is missing").in_field(format!("{here}.type")))
        }
        Some(t) => string_field(t, "type")
            .and_then(str::parse)
            .map_err(|e| e.in_field(format!("{here}.type")))?,
    };
    let (at, date_only) = match m.get("at") {
        None | Some(Value::Null) => {
            return Err(
                bad_dossier(format!("`at` is missing from the {kind} event"))
                    .in_field(format!("{here}.at")),
            )
        }
        Some(a) => {
            let field = format!("{here}.at");
            let s = string_field(a, "at").map_err(|e| e.in_field(field.clone()))?;
            parse_dossier_instant(s, || field)?
        }
    };
    let new_due = match m.get("new_due") {
        None | Some(Value::Null) => None,
        Some(n) => {
            let field = format!("{here}.new_due");
            let s = string_field(n, "new_due").map_err(|e| e.in_field(field.clone()))?;
            Some(parse_day(s).map_err(|e| {
                Error::new(ErrorKind::InvalidDate, e.message().to_string()).in_field(field)
            })?)
        }
    };
    match (kind.takes_new_due(), new_due) {
        (true, None) => {
            return Err(bad_dossier(format!(
                "the {kind} event needs `new_due` (the new appointment date)"
            ))
            .in_field(format!("{here}.new_due")))
        }
        (false, Some(_)) => {
            return Err(bad_dossier(format!(
                "`new_due` belongs to apology and extended events, not to {kind}"
            ))
            .in_field(format!("{here}.new_due")))
        }
        _ => {}
    }
    let field = format!("{here}.to");
    let to = match m.get("to") {
        None | Some(Value::Null) => None,
        Some(t) => Some(
            string_field(t, "to")
                .map_err(|e| e.in_field(field.clone()))?
                .to_string(),
        ),
    };
    let to = event_to(kind, to).map_err(|e| e.in_field(field))?;
    Ok(Event {
        kind,
        at,
        new_due,
        date_only,
        to,
    })
}

#[cfg(test)]
mod differential {
    use proptest::prelude::*;

    use super::*;

    /// Either answer, compared in full: the dossier, or the error's code, field, line and
    /// message.
    fn same(new: &Result<Dossier>, old: &Result<Dossier>) -> bool {
        match (new, old) {
            (Ok(a), Ok(b)) => a == b,
            (Err(a), Err(b)) => {
                (a.code(), a.field(), a.line(), a.message())
                    == (b.code(), b.field(), b.line(), b.message())
            }
            _ => false,
        }
    }

    /// A JSON value of any shape, as text: what a key may hold when the sender got it wrong.
    fn any_value() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("null".to_string()),
            Just("true".to_string()),
            Just("false".to_string()),
            Just("0".to_string()),
            Just("-3".to_string()),
            Just("2.5".to_string()),
            Just("1e400".to_string()),
            Just("18446744073709551616".to_string()),
            Just("[]".to_string()),
            Just("[1,\"a\"]".to_string()),
            Just("{}".to_string()),
            Just(r#"{"a":{"b":[null]}}"#.to_string()),
            "\"[ -~]{0,12}\"".prop_map(|s| s.replace('\\', "")),
            Just(r#""\u00e9\n""#.to_string()),
        ]
    }

    fn instant() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(r#""2026-03-02T09:30""#.to_string()),
            Just(r#""2026-03-02""#.to_string()),
            Just(r#""2026-03-03 10:00:00""#.to_string()),
            Just(r#""02/03/2026 08:00""#.to_string()),
            Just(r#""2026-03-12T16:00+07:00""#.to_string()),
            Just(r#""2026-02-30""#.to_string()),
            Just(r#""""#.to_string()),
            Just(r#""2026-03-1\u0030""#.to_string()),
            any_value(),
        ]
    }

    fn time_limit() -> impl Strategy<Value = String> {
        let entry = (
            prop::sample::select(vec![
                "working_days",
                "calendar_days",
                "working_hours",
                "same_day",
                "cutoff",
                "weeks",
            ]),
            prop_oneof![
                Just("3".to_string()),
                Just("0".to_string()),
                Just("true".to_string()),
                Just(r#""14:00""#.to_string()),
                Just("4294967296".to_string()),
                any_value(),
            ],
        );
        prop_oneof![
            prop::collection::vec(entry, 0..4).prop_map(|es| {
                let body: Vec<String> = es.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
                format!("{{{}}}", body.join(","))
            }),
            prop::sample::select(vec![
                "\"3wd\"",
                "\"15cd\"",
                "\"same_day\"",
                "\"0wd\"",
                "\"3 ngày làm việc\"",
                "\"x\""
            ])
            .prop_map(str::to_string),
            any_value(),
        ]
    }

    fn event() -> impl Strategy<Value = String> {
        let kind = prop_oneof![
            prop::sample::select(vec![
                "\"supplement_requested\"",
                "\"supplement_received\"",
                "\"apology\"",
                "\"extended\"",
                "\"resolved\"",
                "\"refused\"",
                "\"withdrawn\"",
                "\"returned\"",
                "\"transferred\"",
                "\"approved\"",
            ])
            .prop_map(str::to_string),
            any_value(),
        ];
        let new_due = prop_oneof![
            Just(r#""2026-03-20""#.to_string()),
            Just(r#""2026-13-01""#.to_string()),
            Just(r#""2026-03-19T20:00Z""#.to_string()),
            any_value(),
        ];
        let entry = prop_oneof![
            kind.prop_map(|v| format!("\"type\":{v}")),
            instant().prop_map(|v| format!("\"at\":{v}")),
            new_due.prop_map(|v| format!("\"new_due\":{v}")),
            prop_oneof![
                Just(r#""Thuế""#.to_string()),
                Just(r#""  ""#.to_string()),
                any_value(),
            ]
            .prop_map(|v| format!("\"to\":{v}")),
            (prop::sample::select(vec!["note", "At", "b"]), any_value())
                .prop_map(|(k, v)| format!("\"{k}\":{v}")),
        ];
        prop_oneof![
            4 => prop::collection::vec(entry, 0..5).prop_map(|es| format!("{{{}}}", es.join(","))),
            1 => any_value(),
        ]
    }

    /// Dossier texts from their pieces: known keys with good and bad values, unknown keys,
    /// keys given twice, events of every kind and shape.
    fn dossier_text() -> impl Strategy<Value = String> {
        let entry = prop_oneof![
            3 => instant().prop_map(|v| format!("\"received\":{v}")),
            3 => time_limit().prop_map(|v| format!("\"time_limit\":{v}")),
            1 => prop_oneof![Just("\"1.001\"".to_string()), Just("\"  \"".to_string()), any_value()]
                .prop_map(|v| format!("\"procedure\":{v}")),
            1 => prop_oneof![Just("\"online\"".to_string()), Just("\"Postal\"".to_string()), any_value()]
                .prop_map(|v| format!("\"channel\":{v}")),
            1 => any_value().prop_map(|v| format!("\"id\":{v}")),
            3 => prop_oneof![
                4 => prop::collection::vec(event(), 0..4).prop_map(|es| format!("[{}]", es.join(","))),
                1 => any_value(),
            ]
            .prop_map(|v| format!("\"events\":{v}")),
            1 => prop_oneof![
                Just(r#"[{"agency":"VPĐKĐĐ","time_limit":"10wd"},{"agency":"Thuế","time_limit":{"working_days":3}}]"#.to_string()),
                Just(r#"[{"agency":"x","time_limit":"0wd"}]"#.to_string()),
                Just(r#"[{"agency":"x","time_limit":"1wd","note":1}]"#.to_string()),
                Just(r#"[{"time_limit":"1wd"}]"#.to_string()),
                Just("[3]".to_string()),
                any_value(),
            ]
            .prop_map(|v| format!("\"stages\":{v}")),
            1 => (prop::sample::select(vec!["event", "zeta", "Received", "a"]), any_value())
                .prop_map(|(k, v)| format!("\"{k}\":{v}")),
        ];
        prop_oneof![
            8 => prop::collection::vec(entry, 0..8).prop_map(|es| format!("{{{}}}", es.join(","))),
            1 => any_value(),
        ]
    }

    /// Whether some object of the JSON text names a key twice (a second reader of the text,
    /// for the one difference the typed reader has from the `Value` one).
    fn repeats_a_key(text: &str) -> bool {
        use serde::de::{self, MapAccess, SeqAccess, Visitor};
        use serde::Deserialize as _;
        struct Walk;
        impl<'de> serde::Deserialize<'de> for Walk {
            fn deserialize<D: serde::Deserializer<'de>>(
                d: D,
            ) -> std::result::Result<Self, D::Error> {
                d.deserialize_any(WalkV)
            }
        }
        struct WalkV;
        impl<'de> Visitor<'de> for WalkV {
            type Value = Walk;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> std::result::Result<Walk, E> {
                Ok(Walk)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> std::result::Result<Walk, E> {
                Ok(Walk)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> std::result::Result<Walk, E> {
                Ok(Walk)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> std::result::Result<Walk, E> {
                Ok(Walk)
            }
            fn visit_str<E: de::Error>(self, _: &str) -> std::result::Result<Walk, E> {
                Ok(Walk)
            }
            fn visit_unit<E: de::Error>(self) -> std::result::Result<Walk, E> {
                Ok(Walk)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> std::result::Result<Walk, A::Error> {
                while s.next_element::<Walk>()?.is_some() {}
                Ok(Walk)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> std::result::Result<Walk, A::Error> {
                let mut keys = std::collections::BTreeSet::new();
                while let Some(k) = m.next_key::<String>()? {
                    if !keys.insert(k) {
                        return Err(de::Error::custom("repeated"));
                    }
                    m.next_value::<Walk>()?;
                }
                Ok(Walk)
            }
        }
        let mut d = serde_json::Deserializer::from_str(text);
        matches!(Walk::deserialize(&mut d), Err(e) if e.to_string().starts_with("repeated"))
    }

    /// A text edited at random: characters dropped, replaced or inserted (syntax errors).
    fn mutated() -> impl Strategy<Value = String> {
        (
            dossier_text(),
            prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, any::<char>()), 1..3),
        )
            .prop_map(|(text, edits)| {
                let mut chars: Vec<char> = text.chars().collect();
                for (at, op, c) in edits {
                    let len = chars.len();
                    match op {
                        0 if len > 0 => {
                            chars.remove(at.index(len));
                        }
                        1 if len > 0 => {
                            if let Some(x) = chars.get_mut(at.index(len)) {
                                *x = c;
                            }
                        }
                        _ => chars.insert(at.index(len + 1), c),
                    }
                }
                chars.into_iter().collect()
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, failure_persistence: None, ..ProptestConfig::default() })]

        /// The typed reader answers as the `Value` reader did, from text, bytes and a value.
        #[test]
        fn typed_reader_answers_as_the_value_reader(text in prop_oneof![3 => dossier_text(), 1 => mutated()]) {
            let old = from_json(&text);
            let new = Dossier::from_json(&text);
            // Where the `Value` reader kept the last of a key given twice, the typed one
            // refuses the text (a guess otherwise); only then, and the text does repeat a key.
            if let Err(e) = &new {
                if e.message().contains("given twice") {
                    prop_assert!(repeats_a_key(&text), "{text}: {e}");
                    prop_assert_eq!(e.kind(), ErrorKind::InvalidJson);
                    return Ok(());
                }
            }
            prop_assert!(same(&new, &old), "{text}\nnew {new:?}\nold {old:?}");
            let bytes = Dossier::from_json_bytes(text.as_bytes());
            prop_assert!(same(&bytes, &old), "{text}\nbytes {bytes:?}\nold {old:?}");
            if let Ok(v) = serde_json::from_str::<Value>(&text) {
                let (new, old) = (Dossier::from_json_value(&v), from_json_value(&v));
                prop_assert!(same(&new, &old), "{text}\nnew {new:?}\nold {old:?}");
            }
        }
    }

    #[test]
    fn the_strategies_reach_both_answers_and_every_dossier_error() {
        // Without this, the property could pass on inputs that all fail the same way.
        use proptest::strategy::ValueTree;
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let mut codes = std::collections::BTreeSet::new();
        let (mut oks, mut plain) = (0, 0);
        for _ in 0..4000 {
            let text = dossier_text().new_tree(&mut runner).unwrap().current();
            if super::json::plain_read(&text).is_some() {
                plain += 1;
            }
            match from_json(&text) {
                Ok(_) => oks += 1,
                Err(e) => {
                    codes.insert(e.code());
                }
            }
        }
        assert!(oks > 20, "{oks}");
        // The plain-shape scanner in front of the serde reader is exercised too.
        assert!(plain > 5, "{plain} of {oks}");
        for code in [
            "invalid_dossier",
            "invalid_date",
            "invalid_time_limit",
            "invalid_json",
        ] {
            assert!(codes.contains(code), "{code} never reached: {codes:?}");
        }
    }
}
