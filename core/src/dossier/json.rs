//! The dossier JSON form read in one pass, without an intermediate `serde_json::Value`.
//!
//! serde reads the text into a shadow of the dossier ([`Shadow`]: borrowed strings, the time
//! limit's entries, the events' fields) that accepts any JSON value in any key, so that only
//! malformed JSON fails there (as `invalid_json`, whatever comes after, like a parse into a
//! `Value`); a value of an unexpected shape is kept as a `Value`, for its message. The shadow
//! is then checked in a fixed order — unknown keys (the first in key order), `received`, the
//! time limit or procedure, `channel`, `id`, `stages` (read as a `Value`: rare and short), then
//! each event (unknown keys, `type`, `at`, `new_due`, `to`) — and becomes the [`Dossier`]. A key given twice keeps its last value.

use std::borrow::Cow;
use std::fmt;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::{
    bad_dossier, parse_dossier_instant, stages_from_value, Channel, Dossier, Event, EventKind,
    LimitSource,
};
use crate::civil::parse_day;
use crate::error::{excerpt, Error, ErrorKind, Result};
use crate::procedure::{not_a_time_limit, time_limit_from_entries, TimeLimit};

#[cfg(not(target_arch = "wasm32"))]
mod plain;

/// The plain-shape scanner alone (for the differential test of the readers).
#[cfg(test)]
pub(super) fn plain_read(text: &str) -> Option<Dossier> {
    plain::read(text)
}

/// Reads dossier JSON text.
pub(super) fn from_str(text: &str) -> Result<Dossier> {
    // (Natively only: in WebAssembly the bytes of a second reader count more than its speed.)
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(d) = plain::read(text) {
        return Ok(d);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    read(&mut de)
}

/// Reads dossier JSON bytes (UTF-8).
pub(super) fn from_slice(bytes: &[u8]) -> Result<Dossier> {
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(d) = std::str::from_utf8(bytes).ok().and_then(plain::read) {
        return Ok(d);
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    read(&mut de)
}

fn read<'de, R: serde_json::de::Read<'de>>(
    de: &mut serde_json::Deserializer<R>,
) -> Result<Dossier> {
    dossier(&mut *de)
        .and_then(|d| de.end().map(|()| d))
        .map_err(|e| {
            Error::new(ErrorKind::InvalidJson, format!("dossier: {e}")).at_line(e.line() as u64)
        })?
}

/// Reads a parsed JSON value: natively by the same reader over the value (no text in between,
/// so a float reads back as itself); in WebAssembly, whose JS objects arrive as values, as its
/// text (the same checks, and one copy of the reader in the `.wasm` instead of one per source).
pub(super) fn from_value(v: &Value) -> Result<Dossier> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        dossier(v).map_err(|e| Error::new(ErrorKind::InvalidJson, format!("dossier: {e}")))?
    }
    #[cfg(target_arch = "wasm32")]
    {
        from_str(&v.to_string())
    }
}

/// `serde`'s door: the shadow, checked; a failed check becomes a custom error carrying the
/// message (its code and field are lost there: use [`Dossier::from_json`] to keep them).
pub(super) fn deserialize<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Dossier, D::Error> {
    dossier(d)?.map_err(|e| de::Error::custom(e.to_string()))
}

/// A JSON value as the dossier's scalar fields need it: a string (borrowed from the input
/// when it has no escapes), `null`, or any other value, kept for its message.
#[derive(Debug)]
enum Raw<'de> {
    Null,
    Str(Cow<'de, str>),
    /// (Boxed: the shadow stays small, and this shape is the rare one.)
    Other(Box<Value>),
}

impl<'de> Raw<'de> {
    /// The string, or the error naming `name` (the key) and located at `field`.
    fn string(&self, name: &str, field: impl FnOnce() -> String) -> Result<&str> {
        match self {
            Raw::Str(s) => Ok(s),
            Raw::Null => Err(not_a_string(name, &Value::Null).in_field(field())),
            Raw::Other(v) => Err(not_a_string(name, v).in_field(field())),
        }
    }

    /// `None` for `null`.
    fn present(self) -> Option<Raw<'de>> {
        match self {
            Raw::Null => None,
            other => Some(other),
        }
    }

    fn into_value(self) -> Value {
        match self {
            Raw::Null => Value::Null,
            Raw::Str(s) => Value::String(s.into_owned()),
            Raw::Other(v) => *v,
        }
    }
}

fn not_a_string(name: &str, v: &Value) -> Error {
    bad_dossier(format!("`{name}` must be a string, got {}", excerpt(v)))
}

/// A visitor that turns every JSON shape other than those `on_*` accepts into a `Value`.
macro_rules! other_shapes {
    ($wrap:expr) => {
        fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<Self::Value, E> {
            Ok($wrap(Value::Bool(v)))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Self::Value, E> {
            Ok($wrap(Value::from(v)))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Self::Value, E> {
            Ok($wrap(Value::from(v)))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Self::Value, E> {
            Ok($wrap(Value::from(v)))
        }
    };
}

/// The strings of [`Raw`] and the unit.
macro_rules! string_shapes {
    ($str:expr, $null:expr) => {
        fn visit_borrowed_str<E: de::Error>(
            self,
            v: &'de str,
        ) -> std::result::Result<Self::Value, E> {
            Ok($str(Cow::Borrowed(v)))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Self::Value, E> {
            Ok($str(Cow::Owned(v.to_owned())))
        }
        fn visit_string<E: de::Error>(self, v: String) -> std::result::Result<Self::Value, E> {
            Ok($str(Cow::Owned(v)))
        }
        fn visit_unit<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
            Ok($null)
        }
        fn visit_none<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
            Ok($null)
        }
    };
}

// (Values kept whole, e.g. `stages`: a key given twice inside is an error there too.)
fn value_of_map<'de, A: MapAccess<'de>>(map: A) -> std::result::Result<Value, A::Error> {
    crate::vn::strict_value(MapAccessDeserializer::new(map))
}

fn value_of_seq<'de, A: SeqAccess<'de>>(seq: A) -> std::result::Result<Value, A::Error> {
    crate::vn::strict_value(SeqAccessDeserializer::new(seq))
}

impl<'de> Deserialize<'de> for Raw<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Raw<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            string_shapes!(Raw::Str, Raw::Null);
            other_shapes!(|v| Raw::Other(Box::new(v)));
            fn visit_seq<A: SeqAccess<'de>>(self, s: A) -> std::result::Result<Raw<'de>, A::Error> {
                value_of_seq(s).map(|v| Raw::Other(Box::new(v)))
            }
            fn visit_map<A: MapAccess<'de>>(self, m: A) -> std::result::Result<Raw<'de>, A::Error> {
                value_of_map(m).map(|v| Raw::Other(Box::new(v)))
            }
        }
        d.deserialize_any(V)
    }
}

/// A key given twice in one object: one of its values would be ignored (which is a guess),
/// so it is malformed JSON, as a CSV header naming a column twice is.
fn twice<E: de::Error>(key: &str) -> E {
    E::custom(format_args!("key `{key}` given twice"))
}

/// Reads the value of a known key into its slot, once (see [`twice`]).
macro_rules! once {
    ($slot:ident, $m:ident, $key:literal) => {{
        if $slot.is_some() {
            return Err(twice($key));
        }
        $slot = Some($m.next_value()?);
    }};
}

/// A key of an object: borrowed when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E: de::Error>(
                self,
                v: &'de str,
            ) -> std::result::Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> std::result::Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// An unknown key: its value is read as a `Value` (not skipped: what a `Value` parse refuses,
/// a number out of range, is refused here too), and the first of the unknown keys in key
/// order (the one a `Value` map reports) is kept in `first`.
fn unknown_key<'de, A: MapAccess<'de>>(
    m: &mut A,
    first: &mut Option<Cow<'de, str>>,
    key: Cow<'de, str>,
) -> std::result::Result<(), A::Error> {
    m.next_value::<Value>()?;
    if first.as_ref().is_none_or(|f| key < *f) {
        *first = Some(key);
    }
    Ok(())
}

/// A time limit as read: the compact string, or the object's entries (in key order, a key
/// given twice keeping its last value, once [`time_limit`](LimitShadow::time_limit) sorts them).
#[derive(Debug)]
enum LimitShadow<'de> {
    Null,
    Str(Cow<'de, str>),
    One((Cow<'de, str>, Value)),
    Object(Vec<(Cow<'de, str>, Value)>),
    Other(Box<Value>),
}

impl<'de> Deserialize<'de> for LimitShadow<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = LimitShadow<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            string_shapes!(LimitShadow::Str, LimitShadow::Null);
            other_shapes!(|v| LimitShadow::Other(Box::new(v)));
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                s: A,
            ) -> std::result::Result<LimitShadow<'de>, A::Error> {
                value_of_seq(s).map(|v| LimitShadow::Other(Box::new(v)))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut m: A,
            ) -> std::result::Result<LimitShadow<'de>, A::Error> {
                // The usual object has one entry: kept without a list.
                let Some(Key(k)) = m.next_key()? else {
                    return Ok(LimitShadow::Object(Vec::new()));
                };
                let first = (k, m.next_value::<Value>()?);
                let Some(Key(k)) = m.next_key()? else {
                    return Ok(LimitShadow::One(first));
                };
                let mut entries = vec![first, (k, m.next_value::<Value>()?)];
                while let Some(Key(k)) = m.next_key()? {
                    entries.push((k, m.next_value::<Value>()?));
                }
                Ok(LimitShadow::Object(entries))
            }
        }
        d.deserialize_any(V)
    }
}

impl LimitShadow<'_> {
    /// The time limit, with the checks and messages of [`TimeLimit::from_json_value`].
    fn time_limit(self) -> Result<TimeLimit> {
        match self {
            LimitShadow::Str(s) => s.parse(),
            LimitShadow::One((k, v)) => time_limit_from_entries(&[(k.as_ref(), &v)]),
            LimitShadow::Object(mut entries) => {
                if entries.len() > 1 {
                    // Key order: a `Map`'s view of the object; a key given twice is refused
                    // (see [`twice`]).
                    crate::sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
                    let repeated = entries
                        .iter()
                        .zip(entries.iter().skip(1))
                        .find(|(a, b)| a.0 == b.0);
                    if let Some((a, _)) = repeated {
                        return Err(Error::new(
                            ErrorKind::InvalidJson,
                            format!("key `{}` given twice", a.0),
                        )
                        .in_field("time_limit"));
                    }
                }
                let view: Vec<(&str, &Value)> =
                    entries.iter().map(|(k, v)| (k.as_ref(), v)).collect();
                time_limit_from_entries(&view)
            }
            LimitShadow::Null => Err(not_a_time_limit(&Value::Null)),
            LimitShadow::Other(v) => Err(not_a_time_limit(&v)),
        }
    }
}

/// An event as read.
#[derive(Debug)]
enum EventShadow<'de> {
    Object {
        kind: Option<Raw<'de>>,
        at: Option<Raw<'de>>,
        new_due: Option<Raw<'de>>,
        to: Option<Raw<'de>>,
        unknown: Option<Cow<'de, str>>,
    },
    Other(Value),
}

/// Reads event `.0` of the list and checks it at once (the shadow never leaves the frame).
struct EventSeed(usize);

impl<'de> DeserializeSeed<'de> for EventSeed {
    type Value = Result<Event>;

    fn deserialize<D: Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<Result<Event>, D::Error> {
        struct V(usize);
        impl<'de> Visitor<'de> for V {
            type Value = Result<Event>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            // Any shape but an object: the error, naming it.
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Result<Event>, E> {
                Ok(EventShadow::Other(Value::String(v.to_owned())).build(self.0))
            }
            fn visit_unit<E: de::Error>(self) -> std::result::Result<Result<Event>, E> {
                Ok(EventShadow::Other(Value::Null).build(self.0))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<Result<Event>, E> {
                Ok(EventShadow::Other(Value::Bool(v)).build(self.0))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Result<Event>, E> {
                Ok(EventShadow::Other(Value::from(v)).build(self.0))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Result<Event>, E> {
                Ok(EventShadow::Other(Value::from(v)).build(self.0))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Result<Event>, E> {
                Ok(EventShadow::Other(Value::from(v)).build(self.0))
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                s: A,
            ) -> std::result::Result<Result<Event>, A::Error> {
                value_of_seq(s).map(|v| EventShadow::Other(v).build(self.0))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut m: A,
            ) -> std::result::Result<Result<Event>, A::Error> {
                let (mut kind, mut at, mut new_due, mut unknown) = (None, None, None, None);
                let mut to = None;
                while let Some(Key(k)) = m.next_key()? {
                    match k.as_ref() {
                        "type" => once!(kind, m, "type"),
                        "at" => once!(at, m, "at"),
                        "new_due" => once!(new_due, m, "new_due"),
                        "to" => once!(to, m, "to"),
                        _ => unknown_key(&mut m, &mut unknown, k)?,
                    }
                }
                Ok(EventShadow::Object {
                    kind,
                    at,
                    new_due,
                    to,
                    unknown,
                }
                .build(self.0))
            }
        }
        d.deserialize_any(V(self.0))
    }
}

/// The events as read: each event is checked as soon as it is read (an event needs nothing
/// from the rest of the dossier), and the first failure kept; [`Shadow::build`] reports it
/// after the checks of the other keys, as their order wants.
#[derive(Debug)]
enum EventsShadow {
    Null,
    List(Result<Vec<Event>>),
    Other(Box<Value>),
}

impl<'de> Deserialize<'de> for EventsShadow {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = EventsShadow;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            string_shapes!(
                |s: Cow<'de, str>| EventsShadow::Other(Box::new(Value::String(s.into_owned()))),
                EventsShadow::Null
            );
            other_shapes!(|v| EventsShadow::Other(Box::new(v)));
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut s: A,
            ) -> std::result::Result<EventsShadow, A::Error> {
                let mut list = Vec::with_capacity(s.size_hint().unwrap_or(4).min(64));
                let mut failed = None;
                let mut i = 0;
                while let Some(e) = s.next_element_seed(EventSeed(i))? {
                    if failed.is_none() {
                        match e {
                            Ok(event) => list.push(event),
                            Err(err) => failed = Some(err),
                        }
                    }
                    i += 1;
                }
                Ok(EventsShadow::List(match failed {
                    Some(err) => Err(err),
                    None => Ok(list),
                }))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                m: A,
            ) -> std::result::Result<EventsShadow, A::Error> {
                value_of_map(m).map(|v| EventsShadow::Other(Box::new(v)))
            }
        }
        d.deserialize_any(V)
    }
}

/// A dossier as read, before its checks.
#[derive(Debug)]
enum Shadow<'de> {
    Object {
        received: Option<Raw<'de>>,
        time_limit: Option<LimitShadow<'de>>,
        procedure: Option<Raw<'de>>,
        channel: Option<Raw<'de>>,
        id: Option<Raw<'de>>,
        events: Option<EventsShadow>,
        /// Boxed: rare, and a `Value` would make every shadow larger.
        stages: Option<Box<Value>>,
        unknown: Option<Cow<'de, str>>,
    },
    Other(Value),
}

/// Reads a dossier and checks it as soon as its object is read (the shadow never leaves the
/// frame); a serde error is malformed JSON, the inner one a failed check.
fn dossier<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Result<Dossier>, D::Error> {
    {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Result<Dossier>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            string_shapes!(
                |s: Cow<'de, str>| Shadow::Other(Value::String(s.into_owned())).build(),
                Shadow::Other(Value::Null).build()
            );
            other_shapes!(|v| Shadow::Other(v).build());
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                s: A,
            ) -> std::result::Result<Result<Dossier>, A::Error> {
                value_of_seq(s).map(|v| Shadow::Other(v).build())
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut m: A,
            ) -> std::result::Result<Result<Dossier>, A::Error> {
                let (mut received, mut time_limit, mut procedure, mut channel) =
                    (None, None, None, None);
                let (mut id, mut events, mut stages, mut unknown) = (None, None, None, None);
                while let Some(Key(k)) = m.next_key()? {
                    match k.as_ref() {
                        "received" => once!(received, m, "received"),
                        "time_limit" => once!(time_limit, m, "time_limit"),
                        "procedure" => once!(procedure, m, "procedure"),
                        "channel" => once!(channel, m, "channel"),
                        "id" => once!(id, m, "id"),
                        "events" => once!(events, m, "events"),
                        "stages" => {
                            if stages.is_some() {
                                return Err(twice("stages"));
                            }
                            // (a key given twice inside a stage is an error)
                            stages = Some(Box::new(m.next_value_seed(crate::vn::Strict)?));
                        }
                        _ => unknown_key(&mut m, &mut unknown, k)?,
                    }
                }
                Ok(Shadow::Object {
                    received,
                    time_limit,
                    procedure,
                    channel,
                    id,
                    events,
                    stages,
                    unknown,
                }
                .build())
            }
        }
        d.deserialize_any(V)
    }
}

impl Shadow<'_> {
    /// The dossier, checked (the order of the checks is in the module docs).
    fn build(self) -> Result<Dossier> {
        let (received, time_limit, procedure, channel, id, events, stages, unknown) = match self {
            Shadow::Object {
                received,
                time_limit,
                procedure,
                channel,
                id,
                events,
                stages,
                unknown,
            } => (
                received, time_limit, procedure, channel, id, events, stages, unknown,
            ),
            Shadow::Other(v) => {
                return Err(bad_dossier(format!(
                    "a dossier must be a JSON object, got {}",
                    excerpt(&v)
                )))
            }
        };
        if let Some(k) = unknown {
            let expected = super::key_hint(&k, &Dossier::KEYS);
            return Err(
                bad_dossier(format!("unknown key `{}` ({expected})", excerpt(&k)))
                    .in_field(k.into_owned()),
            );
        }
        let (received, received_date_only) = match received.and_then(Raw::present) {
            None => return Err(bad_dossier("`received` is missing").in_field("received")),
            Some(r) => parse_dossier_instant(r.string("received", || "received".into())?, || {
                "received".into()
            })?,
        };
        // (A key present with `null` counts as given when both are: "not both".)
        let limit =
            match (time_limit, procedure) {
                (Some(t), None) if !matches!(t, LimitShadow::Null) => {
                    LimitSource::TimeLimit(t.time_limit().map_err(|e| e.in_field("time_limit"))?)
                }
                (None, Some(p)) if !matches!(p, Raw::Null) => {
                    let code = p.string("procedure", || "procedure".into())?.trim();
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
                _ => return Err(bad_dossier(
                    "`time_limit` (e.g. {\"working_days\": 3}) or `procedure` (a catalogue code) \
                     is required",
                )),
            };
        let channel = match channel.and_then(Raw::present) {
            None => Channel::Direct,
            Some(c) => c.string("channel", || "channel".into())?.parse()?,
        };
        let id = match id.and_then(Raw::present) {
            None => None,
            Some(Raw::Str(s)) => Some(s.into_owned()),
            Some(Raw::Other(v)) if v.is_number() => Some(v.to_string()),
            Some(other) => {
                return Err(bad_dossier(format!(
                    "`id` must be a string or a number, got {}",
                    excerpt(&other.into_value())
                ))
                .in_field("id"))
            }
        };
        let stages = match &stages {
            None => Vec::new(),
            Some(v) => stages_from_value(v)?,
        };
        let events = match events {
            None | Some(EventsShadow::Null) => Vec::new(),
            Some(EventsShadow::List(list)) => list?,
            Some(EventsShadow::Other(other)) => {
                return Err(bad_dossier(format!(
                    "`events` must be an array, got {}",
                    excerpt(&other)
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
}

impl EventShadow<'_> {
    /// Event `i`, checked: unknown keys, `type`, `at`, `new_due`.
    fn build(self, i: usize) -> Result<Event> {
        let here = || format!("events[{i}]");
        let (kind, at, new_due, to, unknown) = match self {
            EventShadow::Object {
                kind,
                at,
                new_due,
                to,
                unknown,
            } => (kind, at, new_due, to, unknown),
            EventShadow::Other(v) => {
                return Err(
                    bad_dossier(format!("an event must be an object, got {}", excerpt(&v)))
                        .in_field(here()),
                )
            }
        };
        if let Some(k) = unknown {
            let expected = super::key_hint(&k, &Dossier::EVENT_KEYS);
            return Err(bad_dossier(format!(
                "unknown key `{}` in an event ({expected})",
                excerpt(&k)
            ))
            .in_field(format!("{}.{k}", here())));
        }
        let kind: EventKind = match kind.and_then(Raw::present) {
            None => {
                return Err(bad_dossier("`type` is missing").in_field(format!("{}.type", here())))
            }
            Some(t) => t
                .string("type", || format!("{}.type", here()))
                .and_then(str::parse)
                .map_err(|e| e.in_field(format!("{}.type", here())))?,
        };
        let (at, date_only) = match at.and_then(Raw::present) {
            None => {
                return Err(
                    bad_dossier(format!("`at` is missing from the {kind} event"))
                        .in_field(format!("{}.at", here())),
                )
            }
            Some(a) => {
                let field = || format!("{}.at", here());
                parse_dossier_instant(a.string("at", field)?, field)?
            }
        };
        let new_due = match new_due.and_then(Raw::present) {
            None => None,
            Some(n) => {
                let field = || format!("{}.new_due", here());
                let s = n.string("new_due", field)?;
                Some(parse_day(s).map_err(|e| {
                    Error::new(ErrorKind::InvalidDate, e.message().to_string()).in_field(field())
                })?)
            }
        };
        match (kind.takes_new_due(), new_due) {
            (true, None) => {
                return Err(bad_dossier(format!(
                    "the {kind} event needs `new_due` (the new appointment date)"
                ))
                .in_field(format!("{}.new_due", here())))
            }
            (false, Some(_)) => {
                return Err(bad_dossier(format!(
                    "`new_due` belongs to apology and extended events, not to {kind}"
                ))
                .in_field(format!("{}.new_due", here())))
            }
            _ => {}
        }
        let to = match to.and_then(Raw::present) {
            None => None,
            Some(t) => Some(t.string("to", || format!("{}.to", here()))?.to_string()),
        };
        let to = super::event_to(kind, to).map_err(|e| e.in_field(format!("{}.to", here())))?;
        Ok(Event {
            kind,
            at,
            new_due,
            date_only,
            to,
        })
    }
}
