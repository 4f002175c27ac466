//! Dossiers (*hồ sơ*): when and how one was received, its time limit (given, or a procedure
//! code looked up in the catalogue), and its lifecycle [`Event`]s, with the ordering rules
//! every dossier must satisfy ([`Dossier::validate`]) and the JSON line format of the CLI's
//! `due` and `classify` commands ([`Dossier::from_json`]).
//!
//! ```json
//! {"received":"2026-03-02T09:30","channel":"direct","time_limit":{"working_days":3},
//!  "events":[{"type":"supplement_requested","at":"2026-03-03T10:00"},
//!            {"type":"supplement_received","at":"2026-03-10T08:00"},
//!            {"type":"resolved","at":"2026-03-12T16:00"}]}
//! ```
//!
//! Keys: `received` (required), exactly one of `time_limit` (see [`TimeLimit`]) and
//! `procedure` (a catalogue code), optional `channel` (`direct` | `online` | `postal`, default
//! `direct`), `events` (default `[]`), `id` (a string or an integer) and `stages` (an
//! inter-agency dossier's stages, `[{"agency": "...", "time_limit": ...}]`, in order; without
//! it, the catalogue procedure's). An unknown key is an error (a misspelt `event` must not
//! silently drop the events). Each event has `type`, `at` and, for `apology` and `extended`
//! only, `new_due` (a date); for `transferred` only, `to` (the next stage's agency).
//!
//! ```json
//! {"received":"2026-03-02T09:30","time_limit":{"working_days":15},
//!  "stages":[{"agency":"Văn phòng đăng ký đất đai","time_limit":"10wd"},
//!            {"agency":"Chi cục Thuế","time_limit":"3wd"},
//!            {"agency":"Văn phòng đăng ký đất đai","time_limit":"2wd"}],
//!  "events":[{"type":"transferred","at":"2026-03-12T10:00","to":"Chi cục Thuế"}]}
//! ```
//!
//! # Instants
//! `YYYY-MM-DD[THH:MM[:SS]]` (a space may replace the `T`; `dd/mm/yyyy[ HH:MM]` is accepted
//! too). A date alone means 00:00 of that day: for `received` and `supplement_received` that
//! makes the day itself the deemed receipt day when it is a working day (the reading that loses
//! no day). An event given as a date alone is marked [`Event::date_only`]: order checks compare
//! it with its neighbours by date only (a result dated `2026-03-02` may follow a receipt at
//! `2026-03-02T09:30`), and working-hour arithmetic takes a date-only supplement request as made
//! at closing time (the whole day used, as day counting uses it), or at the first later event
//! of its day given with its time when there is one (the request came before it).

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::civil::{format_instant, parse_instant, DateOnly};
use crate::error::{excerpt, Error, ErrorKind, Result};
use crate::procedure::{Stage, TimeLimit};

mod json;
mod keys;
mod lifecycle;

pub(crate) use keys::key_hint;
#[cfg(not(target_arch = "wasm32"))]
use keys::misspelt_key;
pub(crate) use keys::near_key;
use lifecycle::fraction_error;
pub(crate) use lifecycle::{check_transfer, Lifecycle};
#[cfg(any(test, feature = "bench-internals"))]
#[doc(hidden)]
pub mod legacy;

// ---------------------------------------------------------------------------------------------
// Channel, limit source
// ---------------------------------------------------------------------------------------------

/// How the dossier reached the one-stop desk. The channel never changes the arithmetic
/// (every channel reduces to one deemed receipt day); it feeds the report's
/// online / direct / postal columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// At the desk (*trực tiếp*).
    #[default]
    Direct,
    /// Through the public service portal (*trực tuyến*).
    Online,
    /// Through the public postal service (*bưu chính công ích*).
    Postal,
}

impl Channel {
    /// Every channel, in declaration order (the bindings' type definitions are generated from
    /// it).
    pub const ALL: [Channel; 3] = [Channel::Direct, Channel::Online, Channel::Postal];

    /// The snake_case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Channel::Direct => "direct",
            Channel::Online => "online",
            Channel::Postal => "postal",
        }
    }
}

impl FromStr for Channel {
    type Err = Error;

    fn from_str(s: &str) -> Result<Channel> {
        let t = s.trim();
        match Channel::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(t))
        {
            Some(c) => Ok(c),
            None => Err(Error::new(
                ErrorKind::InvalidDossier,
                format!(
                    "`{s}` is not a channel (direct, online, postal)",
                    s = excerpt(s)
                ),
            )
            .in_field("channel")),
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a dossier's time limit comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LimitSource {
    /// Given with the dossier.
    TimeLimit(TimeLimit),
    /// The limit of this procedure code in the catalogue.
    Procedure(String),
}

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

/// What happened to a dossier after its receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The agency asked the citizen to supplement the dossier (Form 02, *yêu cầu bổ sung*).
    SupplementRequested,
    /// The citizen supplied what was asked: the dossier is complete again.
    SupplementReceived,
    /// Apology with a new appointment (*phiếu xin lỗi và hẹn lại*, Form 04); needs `new_due`.
    Apology,
    /// Extension allowed by a sectoral law (*gia hạn*); needs `new_due`.
    Extended,
    /// The agency refused to settle the dossier (*từ chối*). Closes the dossier.
    Refused,
    /// The citizen withdrew the dossier, or processing was stopped. Closes the dossier.
    Withdrawn,
    /// The result was ready at the desk. Closes the dossier.
    Resolved,
    /// The citizen collected the result (informational: it never moves the clock).
    Returned,
    /// The file of an inter-agency (*liên thông*) dossier reached the next stage's agency;
    /// needs `to`, that agency (Decree 61/2018/NĐ-CP, Art. 19(5)–(7) \[U\]).
    Transferred,
}

impl EventKind {
    /// Every kind, in declaration order.
    pub const ALL: [EventKind; 9] = [
        EventKind::SupplementRequested,
        EventKind::SupplementReceived,
        EventKind::Apology,
        EventKind::Extended,
        EventKind::Refused,
        EventKind::Withdrawn,
        EventKind::Resolved,
        EventKind::Returned,
        EventKind::Transferred,
    ];

    /// The snake_case name used in JSON (`"supplement_requested"`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            EventKind::SupplementRequested => "supplement_requested",
            EventKind::SupplementReceived => "supplement_received",
            EventKind::Apology => "apology",
            EventKind::Extended => "extended",
            EventKind::Refused => "refused",
            EventKind::Withdrawn => "withdrawn",
            EventKind::Resolved => "resolved",
            EventKind::Returned => "returned",
            EventKind::Transferred => "transferred",
        }
    }

    /// Whether the event closes the dossier (`resolved`, `refused`, `withdrawn`): the result
    /// events that must not precede the receipt and after which only `returned` may follow.
    pub const fn is_closing(self) -> bool {
        matches!(
            self,
            EventKind::Resolved | EventKind::Refused | EventKind::Withdrawn
        )
    }

    /// Whether the event carries a `new_due` date (`apology`, `extended`).
    pub const fn takes_new_due(self) -> bool {
        matches!(self, EventKind::Apology | EventKind::Extended)
    }

    /// Whether the event carries a `to` agency (`transferred`).
    pub const fn takes_to(self) -> bool {
        matches!(self, EventKind::Transferred)
    }

    /// Whether the event carries a field besides its kind and instant (`new_due` or `to`:
    /// [`takes_new_due`](Self::takes_new_due) or [`takes_to`](Self::takes_to)), as one test
    /// of the kind's bit in a mask (a `matches!` of the three kinds also compared the kind
    /// with the last one first).
    pub(crate) const fn takes_field(self) -> bool {
        const MASK: u32 = 1 << EventKind::Apology as u32
            | 1 << EventKind::Extended as u32
            | 1 << EventKind::Transferred as u32;
        (MASK >> self as u32) & 1 != 0
    }
}

impl FromStr for EventKind {
    type Err = Error;

    fn from_str(s: &str) -> Result<EventKind> {
        EventKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidDossier,
                    format!(
                        "unknown event type `{s}` (expected one of {})",
                        EventKind::ALL.map(EventKind::as_str).join(", "),
                        s = excerpt(s)
                    ),
                )
            })
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One lifecycle event of a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Event {
    /// What happened.
    pub kind: EventKind,
    /// When (local civil time).
    pub at: NaiveDateTime,
    /// The new appointment of an `apology` or `extended` event (required there, absent
    /// elsewhere).
    pub new_due: Option<NaiveDate>,
    /// `true` when the source gave a date without a time of day; `at` is then 00:00 of that
    /// date, and order checks compare the event by date only (see the [module docs](self)).
    pub date_only: bool,
    /// The agency the file reached, for a `transferred` event (required there, absent
    /// elsewhere): the next stage's [`agency`](Stage::agency).
    pub to: Option<String>,
}

impl Event {
    /// An event at an instant with a time of day (read to the second, as every instant is).
    pub fn new(kind: EventKind, at: NaiveDateTime) -> Event {
        Event {
            kind,
            at: crate::civil::whole_second(at),
            new_due: None,
            date_only: false,
            to: None,
        }
    }

    /// An event known by its date only (`at` = 00:00, [`date_only`](Event::date_only) set).
    pub fn on_date(kind: EventKind, date: NaiveDate) -> Event {
        Event {
            kind,
            at: date.and_time(chrono::NaiveTime::MIN),
            new_due: None,
            date_only: true,
            to: None,
        }
    }

    /// The same event with a `new_due` date (for `apology` and `extended`).
    #[must_use]
    pub const fn with_new_due(mut self, new_due: NaiveDate) -> Event {
        self.new_due = Some(new_due);
        self
    }

    /// The same event with a `to` agency (for `transferred`).
    #[must_use]
    pub fn with_to(mut self, agency: impl Into<String>) -> Event {
        self.to = Some(agency.into());
        self
    }

    /// The date of the event.
    pub fn date(&self) -> NaiveDate {
        self.at.date()
    }
}

/// Whether an instant `a` (date-only or not) is not after `b`: by instant, or by date when
/// either side is known by its date only. (Tested date first: instants of different days, the
/// common case of a dossier's events, are told apart by one compare, where comparing the
/// instants, then the dates, was some 14 instructions an event.)
#[inline]
pub(crate) fn not_after(
    a: NaiveDateTime,
    a_date_only: bool,
    b: NaiveDateTime,
    b_date_only: bool,
) -> bool {
    let (da, db) = (a.date(), b.date());
    if da != db {
        return da < db;
    }
    a_date_only || b_date_only || a.time() <= b.time()
}

// ---------------------------------------------------------------------------------------------
// Warnings
// ---------------------------------------------------------------------------------------------

/// The stable code of a [`Warning`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WarningCode {
    /// More than one supplement request (Decree 107/2021 is recalled as allowing one per
    /// agency \[U\]).
    MultipleSupplementRequests,
    /// A supplement request made after the due date.
    SupplementAfterDue,
    /// An apology issued after the end of the due date: it does not move the due date
    /// (Circular 01/2018/TT-VPCP, Form 04 \[U\]).
    ApologyAfterDue,
    /// An extension issued after the end of the due date: it does not move the due date
    /// (read like an apology).
    ExtensionAfterDue,
    /// A refusal issued after the due date: it must come within the time limit (Decree
    /// 61/2018/NĐ-CP, Art. 19 \[U\]).
    RefusedLate,
    /// A result recorded while a supplement request was open: the result is taken as also
    /// completing the dossier.
    ResolvedWhileAwaitingSupplement,
    /// The dossier falls under the `pre2018` rule set, whose texts were not verified
    /// (Decision 09/2015/QĐ-TTg \[U\]).
    RuleSetUnverified,
    /// A district-level procedure for a dossier received after districts were abolished on
    /// 2025-07-01 \[S\].
    DistrictLevelAbolished,
    /// A key of a dossier line that is not a dossier's (nor an event's): ignored, as a report
    /// ignores other columns (the CLI's `due` and `classify`; see [`Dossier::KEYS`]).
    UnknownKey,
}

impl WarningCode {
    /// Every code, in declaration order (the bindings' type definitions are generated from
    /// it).
    pub const ALL: [WarningCode; 9] = [
        WarningCode::MultipleSupplementRequests,
        WarningCode::SupplementAfterDue,
        WarningCode::ApologyAfterDue,
        WarningCode::ExtensionAfterDue,
        WarningCode::RefusedLate,
        WarningCode::ResolvedWhileAwaitingSupplement,
        WarningCode::RuleSetUnverified,
        WarningCode::DistrictLevelAbolished,
        WarningCode::UnknownKey,
    ];

    /// The stable snake_case code.
    pub const fn as_str(self) -> &'static str {
        match self {
            WarningCode::MultipleSupplementRequests => "multiple_supplement_requests",
            WarningCode::SupplementAfterDue => "supplement_after_due",
            WarningCode::ApologyAfterDue => "apology_after_due",
            WarningCode::ExtensionAfterDue => "extension_after_due",
            WarningCode::RefusedLate => "refused_late",
            WarningCode::ResolvedWhileAwaitingSupplement => "resolved_while_awaiting_supplement",
            WarningCode::RuleSetUnverified => "rule_set_unverified",
            WarningCode::DistrictLevelAbolished => "district_level_abolished",
            WarningCode::UnknownKey => "unknown_key",
        }
    }
}

impl fmt::Display for WarningCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something odd but accepted in a dossier; returned with the answer, never printed.
/// Serialized as `{"code": "refused_late", "message": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// The stable code.
    pub code: WarningCode,
    /// What was odd, and where.
    pub message: String,
}

impl Warning {
    /// A warning of `code` with `message`.
    pub fn new(code: WarningCode, message: impl Into<String>) -> Warning {
        Warning {
            code,
            message: message.into(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Dossier
// ---------------------------------------------------------------------------------------------

/// A dossier: receipt, time limit, channel and events (in non-decreasing time order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dossier {
    /// An identifier used in messages, if any.
    pub id: Option<String>,
    /// The time limit, or the procedure whose limit applies.
    pub limit: LimitSource,
    /// How the dossier was received.
    pub channel: Channel,
    /// When the complete dossier was received (a date alone: 00:00).
    pub received: NaiveDateTime,
    /// Whether `received` was given by its date alone (it is then 00:00 of that date): an
    /// explanation says the day, not a time of day nobody gave.
    pub received_date_only: bool,
    /// Lifecycle events, in non-decreasing `at` order.
    pub events: Vec<Event>,
    /// The stages of an inter-agency (*liên thông*) dossier, in order; empty = the catalogue
    /// procedure's stages, if any (see [`stages_of`](Dossier::stages_of)).
    pub stages: Vec<Stage>,
}

fn bad_dossier(msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidDossier, msg)
}

/// The dossier's `stages` from their JSON value (`null` = none): a non-empty array of
/// `{"agency", "time_limit"}` objects, errors located at `stages`, `stages[i]`,
/// `stages[i].agency`, `stages[i].time_limit`.
pub(crate) fn stages_from_value(v: &Value) -> Result<Vec<Stage>> {
    match v {
        Value::Null => Ok(Vec::new()),
        Value::Array(list) if list.is_empty() => Err(bad_dossier(
            "`stages` is empty (omit it, or list the stages in order)",
        )
        .in_field("stages")),
        Value::Array(list) => list
            .iter()
            .enumerate()
            .map(|(i, s)| {
                Stage::from_json_value(s, true).map_err(|e| {
                    let field = match e.field() {
                        Some(f) => format!("stages[{i}].{f}"),
                        None => format!("stages[{i}]"),
                    };
                    e.in_field(field)
                })
            })
            .collect(),
        other => Err(bad_dossier(format!(
            "`stages` must be an array of {{\"agency\", \"time_limit\"}} objects, got {}",
            excerpt(other)
        ))
        .in_field("stages")),
    }
}

/// The `to` of an event of `kind` as read (a string or absent): required, non-empty and
/// trimmed on a `transferred` event, refused elsewhere (the error is located by the caller).
fn event_to(kind: EventKind, to: Option<String>) -> Result<Option<String>> {
    match (kind.takes_to(), to) {
        (true, None) => Err(bad_dossier(format!(
            "the {kind} event needs `to` (the agency the file reached)"
        ))),
        (true, Some(t)) if t.trim().is_empty() => {
            Err(bad_dossier(format!("the {kind} event's `to` is empty")))
        }
        (true, Some(t)) => Ok(Some(t.trim().to_string())),
        (false, Some(_)) => Err(bad_dossier(format!(
            "`to` belongs to transferred events, not to {kind}"
        ))),
        (false, None) => Ok(None),
    }
}

/// Parses an instant of the dossier format; a date alone is 00:00 and flagged.
/// `field` names the field for an error (built only then).
fn parse_dossier_instant(s: &str, field: impl FnOnce() -> String) -> Result<(NaiveDateTime, bool)> {
    let t = crate::civil::trim(s);
    let b = t.as_bytes();
    // (The ISO shapes answer by one byte; anything else is searched.)
    let date_only = match b.len() {
        10 if b.get(4) == Some(&b'-') => !b.iter().any(|&c| c == b'T' || c == b' '),
        16 | 19 if matches!(b.get(10), Some(b'T' | b' ')) => false,
        _ => !b.iter().any(|&c| c == b'T' || c == b' '),
    };
    let at = parse_instant(t, DateOnly::StartOfDay).map_err(|e| {
        let kind = match e.kind() {
            ErrorKind::EmptyInput => ErrorKind::InvalidDate,
            k => k,
        };
        Error::new(kind, e.message().to_string()).in_field(field())
    })?;
    Ok((at, date_only))
}

impl Dossier {
    /// The keys of a dossier's JSON object.
    pub const KEYS: [&'static str; 7] = [
        "received",
        "time_limit",
        "procedure",
        "channel",
        "events",
        "id",
        "stages",
    ];

    /// The keys of an event's JSON object.
    pub const EVENT_KEYS: [&'static str; 4] = ["type", "at", "new_due", "to"];

    /// [`from_json`](Dossier::from_json), except that keys that are neither a dossier's
    /// ([`KEYS`](Dossier::KEYS)) nor an event's ([`EVENT_KEYS`](Dossier::EVENT_KEYS)) are
    /// ignored, each with an [`WarningCode::UnknownKey`] warning, instead of being an error:
    /// how the CLI's `due` and `classify` read dossier lines from other systems, which carry
    /// their own keys (as a report ignores other columns). The warnings' messages are in
    /// `lang`, as the answer's others. Every other error is [`from_json`](Dossier::from_json)'s.
    ///
    /// ```
    /// use motcua::deadline::Lang;
    /// use motcua::dossier::Dossier;
    /// let text = r#"{"received":"2026-03-02T09:30","time_limit":{"working_days":3},"agency":"X",
    ///   "events":[{"type":"resolved","at":"2026-03-04T10:00","by":"clerk 7"}]}"#;
    /// assert_eq!(Dossier::from_json(text).unwrap_err().code(), "invalid_dossier");
    /// let (d, warnings) = Dossier::from_json_ignoring_unknown_keys(text, Lang::En)?;
    /// assert_eq!(d.events.len(), 1);
    /// let keys: Vec<_> = warnings.iter().map(|w| w.message.as_str()).collect();
    /// assert_eq!(keys, ["key `agency` is not read (a dossier's keys: received, time_limit, \
    ///   procedure, channel, events, id, stages)", "key `events[0].by` is not read (an event's \
    ///   keys: type, at, new_due, to)"]);
    /// let (_, vi) = Dossier::from_json_ignoring_unknown_keys(text, Lang::Vi)?;
    /// assert!(vi[0].message.starts_with("khóa `agency` bị bỏ qua, không đọc (khóa của hồ sơ:"));
    /// # Ok::<(), motcua::Error>(())
    /// ```
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_json_ignoring_unknown_keys(
        text: &str,
        lang: crate::deadline::Lang,
    ) -> Result<(Dossier, Vec<Warning>)> {
        let first = match Dossier::from_json(text) {
            Ok(d) => return Ok((d, Vec::new())),
            Err(e) => e,
        };
        // Only a dossier object can have keys to drop; anything else keeps its first error.
        let Ok(Value::Object(mut m)) = serde_json::from_str::<Value>(text) else {
            return Err(first);
        };
        // A key that reads as a misspelling of a known one (`event`, `newDue`, `recieved`) is an
        // error, as in `from_json`: its value was meant to be read, and dropping it (a misspelt
        // `event` lost the events) gives a plausible wrong answer.
        if let Some(e) = misspelt_key(&m) {
            return Err(e);
        }
        let mut warnings = Vec::new();
        let mut drop = |path: String, event: bool, keys: &[&str]| {
            let (key, keys) = (crate::error::excerpt(&path), keys.join(", "));
            warnings.push(Warning::new(
                WarningCode::UnknownKey,
                match (lang, event) {
                    (crate::deadline::Lang::Vi, false) => {
                        format!("khóa `{key}` bị bỏ qua, không đọc (khóa của hồ sơ: {keys})")
                    }
                    (crate::deadline::Lang::Vi, true) => {
                        format!("khóa `{key}` bị bỏ qua, không đọc (khóa của sự kiện: {keys})")
                    }
                    (crate::deadline::Lang::En, false) => {
                        format!("key `{key}` is not read (a dossier's keys: {keys})")
                    }
                    (crate::deadline::Lang::En, true) => {
                        format!("key `{key}` is not read (an event's keys: {keys})")
                    }
                },
            ));
        };
        m.retain(|k, _| {
            let known = Dossier::KEYS.contains(&k.as_str());
            if !known {
                drop(k.clone(), false, &Dossier::KEYS);
            }
            known
        });
        if let Some(Value::Array(events)) = m.get_mut("events") {
            for (i, e) in events.iter_mut().enumerate() {
                if let Value::Object(e) = e {
                    e.retain(|k, _| {
                        let known = Dossier::EVENT_KEYS.contains(&k.as_str());
                        if !known {
                            drop(format!("events[{i}].{k}"), true, &Dossier::EVENT_KEYS);
                        }
                        known
                    });
                }
            }
        }
        if warnings.is_empty() {
            return Err(first);
        }
        Dossier::from_json_value(&Value::Object(m)).map(|d| (d, warnings))
    }

    /// A dossier with a given time limit, received directly at `received` (read to the
    /// second, as every instant is), without events.
    pub fn new(limit: TimeLimit, received: NaiveDateTime) -> Dossier {
        Dossier {
            id: None,
            limit: LimitSource::TimeLimit(limit),
            channel: Channel::Direct,
            received: crate::civil::whole_second(received),
            received_date_only: false,
            events: Vec::new(),
            stages: Vec::new(),
        }
    }

    /// The same dossier with one more event appended.
    #[must_use]
    pub fn with_event(mut self, event: Event) -> Dossier {
        self.events.push(event);
        self
    }

    /// Parses one dossier JSON line (format in the [module docs](self)).
    ///
    /// Errors: malformed JSON → [`ErrorKind::InvalidJson`]; a bad instant or date →
    /// [`ErrorKind::InvalidDate`] located in its field (`received`, `events[2].at`,
    /// `events[2].new_due`); a bad time limit → [`ErrorKind::InvalidTimeLimit`]; an unknown or
    /// missing key, an unknown event type, both or neither of `time_limit` and `procedure`, a
    /// `new_due` missing or misplaced → [`ErrorKind::InvalidDossier`]. The parsed dossier is
    /// not yet [validated](Dossier::validate).
    ///
    /// ```
    /// use motcua::dossier::Dossier;
    /// let d = Dossier::from_json(r#"{"received":"2026-03-02T09:30","time_limit":{"working_days":3},
    ///   "events":[{"type":"resolved","at":"2026-03-04"}]}"#)?;
    /// assert_eq!(d.events.len(), 1);
    /// assert!(d.events[0].date_only);
    /// let e = Dossier::from_json(r#"{"received":"2026-02-30","time_limit":"3wd"}"#).unwrap_err();
    /// assert_eq!((e.code(), e.field()), ("invalid_date", Some("received")));
    /// # Ok::<(), motcua::Error>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Dossier> {
        json::from_str(text)
    }

    /// [`from_json`](Dossier::from_json) on UTF-8 bytes (a request body as received): the
    /// same checks, codes and fields.
    ///
    /// ```
    /// use motcua::dossier::Dossier;
    /// let e = Dossier::from_json_bytes(br#"{"received":"2026-03-02","time_limit":{"working_days":0}}"#)
    ///     .unwrap_err();
    /// assert_eq!((e.code(), e.field()), ("invalid_time_limit", Some("time_limit")));
    /// ```
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Dossier> {
        json::from_slice(bytes)
    }

    /// Builds a dossier from a parsed JSON value; see [`from_json`](Dossier::from_json).
    pub fn from_json_value(v: &Value) -> Result<Dossier> {
        json::from_value(v)
    }

    /// The JSON form of the dossier (the format [`from_json`](Dossier::from_json) reads).
    pub fn to_json_value(&self) -> Value {
        let mut m = Map::new();
        if let Some(id) = &self.id {
            m.insert("id".into(), id.clone().into());
        }
        // (A date alone as a date, as an event's: the JSON reads back to the same dossier.)
        let received = if self.received_date_only {
            self.received.date().to_string()
        } else {
            format_instant(self.received)
        };
        m.insert("received".into(), received.into());
        m.insert("channel".into(), self.channel.as_str().into());
        match &self.limit {
            LimitSource::TimeLimit(t) => {
                m.insert("time_limit".into(), t.to_json_value());
            }
            LimitSource::Procedure(p) => {
                m.insert("procedure".into(), p.clone().into());
            }
        }
        let events = self
            .events
            .iter()
            .map(|e| {
                let mut o = Map::new();
                o.insert("type".into(), e.kind.as_str().into());
                let at = if e.date_only {
                    e.at.date().to_string()
                } else {
                    format_instant(e.at)
                };
                o.insert("at".into(), at.into());
                if let Some(n) = e.new_due {
                    o.insert("new_due".into(), n.to_string().into());
                }
                if let Some(to) = &e.to {
                    o.insert("to".into(), to.clone().into());
                }
                Value::Object(o)
            })
            .collect();
        m.insert("events".into(), Value::Array(events));
        if !self.stages.is_empty() {
            let stages = self
                .stages
                .iter()
                .map(|s| {
                    let mut o = Map::new();
                    o.insert("agency".into(), s.agency.clone().into());
                    o.insert("time_limit".into(), s.time_limit.to_json_value());
                    Value::Object(o)
                })
                .collect();
            m.insert("stages".into(), Value::Array(stages));
        }
        Value::Object(m)
    }

    /// The stages the dossier goes through: its own, else those of its catalogue procedure
    /// `procedure` (as resolved from its `procedure` code), else none.
    pub fn stages_of<'a>(
        &'a self,
        procedure: Option<&'a crate::procedure::Procedure>,
    ) -> &'a [Stage] {
        match procedure {
            Some(p) if self.stages.is_empty() => &p.stages,
            _ => &self.stages,
        }
    }

    /// Checks the lifecycle rules that need no calendar and returns the
    /// warnings. Errors: an event before the previous one or before the receipt →
    /// `events_out_of_order`; a result (resolved, refused, withdrawn) before the receipt →
    /// `result_before_receipt`; `supplement_received` without an open request →
    /// `supplement_without_request`; a second apology → `second_apology`; an event after the
    /// dossier was closed (other than `returned`), `returned` before any result, `new_due`
    /// missing on an apology or extension or present elsewhere, `to` missing on a transfer or
    /// present elsewhere → `invalid_dossier`; a transfer whose `to` is not the next stage's
    /// agency, one more than the stages allow, or one while a supplement request is open →
    /// `invalid_transfer` (checked against the dossier's own `stages`; a dossier that takes its
    /// stages from a catalogue procedure has its transfers checked by
    /// [`deadline::due`](crate::deadline::due)). More than one supplement request is a
    /// warning. The rule that needs the due date (`new_due` earlier than the current due date →
    /// `new_due_earlier`) is checked by [`deadline::due`](crate::deadline::due). The
    /// warnings' messages are in Vietnamese, as [`deadline::due`](crate::deadline::due)'s.
    pub fn validate(&self) -> Result<Vec<Warning>> {
        self.check_limits()?;
        let mut life = Lifecycle::new(self.received);
        let mut warnings = Vec::new();
        let check_stages =
            !self.stages.is_empty() || matches!(self.limit, LimitSource::TimeLimit(_));
        for (i, e) in self.events.iter().enumerate() {
            life.step(&self.events, i, e)?;
            let warned = |w: &Warning| w.code == WarningCode::MultipleSupplementRequests;
            if life.asks_again(e, &self.stages, &self.events, i) && !warnings.iter().any(warned) {
                let once = crate::deadline::Notice::MultipleSupplementRequests;
                warnings.push(once.word(crate::deadline::Lang::default()));
            }
            if e.kind == EventKind::Transferred && check_stages {
                check_transfer(i, e, life.transfers, &self.stages)
                    .map_err(|err| life.or_disorder(&self.events, i, err))?;
            }
        }
        Ok(warnings)
    }
}

impl Dossier {
    /// Its receipt is to the second (see [`fraction_error`]) and its own time limit and its
    /// stages' are at least 1 ([`TimeLimit::check`]: the parsers refuse a 0, a limit built in
    /// code may hold one); on the hot path of `due`, so it only tests, the error being built
    /// out of line.
    #[inline(always)]
    pub(crate) fn check_limits(&self) -> Result<()> {
        if self.received.nanosecond() != 0 {
            return Err(fraction_error(self.received, "received".into()));
        }
        for s in &self.stages {
            if s.time_limit.is_zero() {
                return Err(self.zero_limit_error());
            }
        }
        if let LimitSource::TimeLimit(t) = self.limit {
            if t.is_zero() {
                return Err(self.zero_limit_error());
            }
        }
        Ok(())
    }

    /// The error of [`check_limits`](Self::check_limits): the first limit of 0, its own then
    /// its stages', named by its field.
    #[cold]
    #[inline(never)]
    fn zero_limit_error(&self) -> Error {
        if let LimitSource::TimeLimit(t) = self.limit {
            if t.is_zero() {
                return t.zero_error().in_field("time_limit");
            }
        }
        let (i, s) = self
            .stages
            .iter()
            .enumerate()
            .find(|(_, s)| s.time_limit.is_zero())
            .map_or((0, TimeLimit::WorkingDays(0)), |(i, s)| (i, s.time_limit));
        s.zero_error().in_field(format!("stages[{i}].time_limit"))
    }
}

impl FromStr for Dossier {
    type Err = Error;

    fn from_str(s: &str) -> Result<Dossier> {
        Dossier::from_json(s)
    }
}

impl Serialize for Dossier {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_json_value().serialize(s)
    }
}

/// The JSON form, read as [`Dossier::from_json`] reads it; a failed check becomes the
/// deserializer's custom error with the message (the code and field are in the message's
/// text only: a service that answers with them reads the body with
/// [`Dossier::from_json_bytes`]).
impl<'de> Deserialize<'de> for Dossier {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        json::deserialize(d)
    }
}

#[cfg(test)]
#[path = "tests_dossier.rs"]
mod tests;
