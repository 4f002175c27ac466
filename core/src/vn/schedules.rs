//! Announced schedules supplied at run time ([`Schedules`]): the file a user passes with
//! `--schedules FILE` (CLI), `Calendar.vietnam(schedules=...)` (Python) or
//! `Calendar.vietnam({schedules})` (JS), in the format of the embedded
//! `vn-official-schedules.json`. A year in the file replaces the embedded or computed year
//! wholly; the file is validated whole before any of it is used.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::law::{is_weekly_rest, FIRST_YEAR, LAST_YEAR};
use super::official::{Break, OfficialSchedule, PendingChange};
use super::ScheduleStatus;
use crate::error::{excerpt, Error, ErrorKind, Result};

/// Announced public-sector schedules supplied at run time: the years of a schedules file.
///
/// The format is the one of the embedded data (and of `motcua schedule YEAR`):
///
/// ```json
/// {"years": {"2027": {"status": "official",
///                     "days_off": ["2027-01-01", "2027-02-04", "..."],
///                     "makeup_working_days": ["2027-02-20"],
///                     "breaks": [{"name": "Tết Nguyên đán", "from": "2027-02-04", "to": "2027-02-10"}],
///                     "documents": ["Công văn .../VPCP-KGVX"], "verified": true, "notes": "...",
///                     "pending": {"days_off": [], "makeup_working_days": [], "basis": "..."}}}}
/// ```
///
/// - `status` (`official`, `provisional` or `statutory`) and `days_off` (every weekday off:
///   statutory, compensatory or swapped) are required; `makeup_working_days` (weekly rest days
///   worked; none when left out), `breaks`, `documents`, `verified`, `notes`, `pending` and the
///   top-level `source_note` are optional. `breaks` are informative: they are not checked against
///   `days_off`.
/// - Every listed date must be a valid `YYYY-MM-DD` in its year (the key); a day off must be
///   a working day of the public-sector week in force on it (Monday–Friday from 1999-10-02),
///   a make-up day a weekly rest day that is not a public holiday (a holiday is paid leave by
///   the Labour Code in force on it — 2019, Art. 112(1) — and a make-up day only moves a
///   working day: 1 May 2027, a Saturday, cannot be worked); no date may be listed twice (in
///   one list, or in two).
/// - A public holiday whose date the law fixes (1 Jan, mùng 1–3 of Tết, Hùng Kings' day, 30
///   Apr, 1 May, 2 Sep, 24 Nov from 2026) that falls on a working day must be in `days_off`:
///   left out, it would be worked (the other Tết days and the second National Day day are
///   the notice's to place). A break must lie in its year, or reach into the next or the
///   previous one.
/// - Unknown keys are errors (a misspelt `day_off` would otherwise be ignored).
///
/// Any violation is an `invalid_schedule` error naming the year, the key and the value
/// (`invalid_json` for text that is not JSON); nothing is half-applied.
///
/// ```
/// use motcua::vn::{Preset, Schedules, VnOptions};
/// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// let file = r#"{"years": {"2027": {"status": "official",
///     "days_off": ["2027-01-01", "2027-02-04", "2027-02-05", "2027-02-08", "2027-02-09",
///                  "2027-02-10", "2027-02-11", "2027-04-16", "2027-04-30", "2027-05-03",
///                  "2027-09-02", "2027-09-03", "2027-11-24"],
///     "makeup_working_days": ["2027-02-20"]}}}"#;
/// let schedules = Schedules::from_json(file)?;
/// let cal = Preset::new(VnOptions::default()).with_schedules(schedules).calendar()?;
/// assert!(!cal.is_working_day(d("2027-02-11"))?); // a swapped day of the file
/// assert!(cal.is_working_day(d("2027-02-20"))?); // its make-up Saturday
/// # Ok::<(), motcua::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schedules {
    source_note: Option<String>,
    /// One schedule a year, in year order (a sorted `Vec`: a few years, looked up by binary
    /// search; a map costs the WebAssembly build a kilobyte).
    years: Vec<OfficialSchedule>,
}

impl Schedules {
    /// No years: every year comes from the embedded data or the statute.
    pub fn new() -> Schedules {
        Schedules::default()
    }

    /// Parses and validates a schedules file (see the type's docs for the format and checks).
    pub fn from_json(text: &str) -> Result<Schedules> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let file: RawFile = serde_json::from_str(text).map_err(|e| {
            let kind = if e.is_data() {
                ErrorKind::InvalidSchedule
            } else {
                ErrorKind::InvalidJson
            };
            Error::new(
                kind,
                format!(
                    "schedules file, line {} column {}: {}",
                    e.line(),
                    e.column(),
                    strip_serde_position(&e.to_string())
                ),
            )
        })?;
        let mut out = Schedules {
            source_note: file.source_note,
            years: Vec::new(),
        };
        for (key, value) in file.years {
            let year = parse_year_key(&key)?;
            out.put(YearShape::from_value(year, &value)?.validate(year)?);
        }
        Ok(out)
    }

    /// Adds `schedule`, replacing the one of the same year.
    fn put(&mut self, schedule: OfficialSchedule) {
        match self.years.binary_search_by_key(&schedule.year, |s| s.year) {
            Ok(i) => {
                if let Some(slot) = self.years.get_mut(i) {
                    *slot = schedule;
                }
            }
            Err(i) => self.years.insert(i, schedule),
        }
    }

    /// The years of `other` added to (and replacing those of) `self`.
    pub fn merge(&mut self, other: Schedules) {
        if other.source_note.is_some() {
            self.source_note = other.source_note;
        }
        for s in other.years {
            self.put(s);
        }
    }

    /// Adds one year (its [`year`](OfficialSchedule::year) field), replacing any with the same
    /// year, after the checks of [`from_json`](Schedules::from_json).
    pub fn insert(&mut self, schedule: OfficialSchedule) -> Result<()> {
        in_range(schedule.year)?;
        let checked = YearShape::from_schedule(&schedule).validate(schedule.year)?;
        self.put(checked);
        Ok(())
    }

    /// The schedule of `year`, if the file has it.
    pub fn get(&self, year: i32) -> Option<&OfficialSchedule> {
        let i = self.years.binary_search_by_key(&year, |s| s.year).ok()?;
        self.years.get(i)
    }

    /// The years, in order.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.iter().map(|s| s.year)
    }

    /// Whether there is no year.
    pub fn is_empty(&self) -> bool {
        self.years.is_empty()
    }

    /// The file as JSON text on one line, in the format [`from_json`](Schedules::from_json)
    /// reads.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&FileOut {
            source_note: self.source_note.as_deref(),
            years: YearsOut(&self.years),
        })
        .unwrap_or_default()
    }
}

/// The JSON text (one line) of a schedules file holding `schedule` as its only year.
pub(crate) fn year_file_json(schedule: &OfficialSchedule) -> String {
    serde_json::to_string(&FileOut {
        source_note: None,
        years: YearsOut(std::slice::from_ref(schedule)),
    })
    .unwrap_or_default()
}

#[derive(Serialize)]
struct FileOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    source_note: Option<&'a str>,
    years: YearsOut<'a>,
}

/// Schedules in year order, written as the file's `years` object (`{"2027": {...}}`).
struct YearsOut<'a>(&'a [OfficialSchedule]);

impl Serialize for YearsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for y in self.0 {
            m.serialize_entry(&y.year.to_string(), y)?;
        }
        m.end()
    }
}

/// serde_json appends " at line L column C" to its messages; the location is given once, in
/// front.
fn strip_serde_position(msg: &str) -> &str {
    match msg.rfind(" at line ") {
        Some(i) => msg.get(..i).unwrap_or(msg),
        None => msg,
    }
}

fn bad(year: i32, msg: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorKind::InvalidSchedule,
        format!("schedules file, year {year}: {msg}"),
    )
}

fn parse_year_key(key: &str) -> Result<i32> {
    let year = key
        .parse::<i32>()
        .ok()
        .filter(|_| key.len() == 4 && key.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidSchedule,
                format!("schedules file: `years` key `{key}` is not a year (YYYY)"),
            )
        })?;
    in_range(year)
}

/// `year`, when the Vietnamese calendar covers it (a `date_out_of_range` error otherwise).
fn in_range(year: i32) -> Result<i32> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Err(Error::new(
            ErrorKind::DateOutOfRange,
            format!(
                "schedules file: year {year} is outside the Vietnamese calendar's range \
                 {FIRST_YEAR}..={LAST_YEAR}"
            ),
        ));
    }
    Ok(year)
}

/// The file as read: its years as JSON values, in file order. One small visitor, so that a
/// repeated year or an unknown top-level key is an error (a map would keep the last one); the
/// years are then read from the values by hand, which keeps the WASM build small.
struct RawFile {
    source_note: Option<String>,
    years: Vec<(String, Value)>,
}

impl<'de> Deserialize<'de> for RawFile {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Years;
        impl<'de> Visitor<'de> for Years {
            type Value = Vec<(String, Value)>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of years: {\"2027\": {...}}")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let mut out: Vec<(String, Value)> = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if out.iter().any(|(k, _)| *k == key) {
                        return Err(de::Error::custom(format!("year `{key}` is listed twice")));
                    }
                    out.push((key, map.next_value_seed(Strict)?));
                }
                Ok(out)
            }
        }
        impl<'de> DeserializeSeed<'de> for Years {
            type Value = Vec<(String, Value)>;
            fn deserialize<D2: Deserializer<'de>>(
                self,
                d: D2,
            ) -> std::result::Result<Self::Value, D2::Error> {
                d.deserialize_map(self)
            }
        }
        struct File;
        impl<'de> Visitor<'de> for File {
            type Value = RawFile;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a schedules file: {\"years\": {...}}")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<RawFile, A::Error> {
                let (mut note, mut years) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "years" if years.is_none() => years = Some(map.next_value_seed(Years)?),
                        "source_note" if note.is_none() => note = Some(map.next_value::<String>()?),
                        "years" | "source_note" => {
                            return Err(de::Error::custom(format!("`{key}` is given twice")))
                        }
                        other => {
                            return Err(de::Error::custom(format!(
                                "unknown key `{}` (expected `years`, `source_note`)",
                                excerpt(other)
                            )))
                        }
                    }
                }
                Ok(RawFile {
                    source_note: note,
                    years: years.ok_or_else(|| de::Error::missing_field("years"))?,
                })
            }
        }
        d.deserialize_map(File)
    }
}

/// A year's JSON value with every object's keys checked: a key given twice is an error, as a
/// year listed twice is (a `Value` keeps the last: a second `makeup_working_days` dropped the
/// announced make-up days of the first, a second `days_off` made New Year a working day).
pub(crate) struct Strict;

/// A JSON value whose objects each give a key once ([`Strict`]): what a user writes by hand
/// (a catalogue, targets, a time limit, a `stages` cell) is read so, not with the last copy of
/// a key kept silently (a second `time_limit` gave a procedure another limit). (One visitor of
/// values in the `.wasm`, not serde_json's too.)
pub(crate) fn strict_value<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Value, D::Error> {
    Strict.deserialize(d)
}

/// [`strict_value`] of a JSON text (and nothing after it).
pub(crate) fn strict_json(text: &str) -> serde_json::Result<Value> {
    let mut d = serde_json::Deserializer::from_str(text);
    let v = Strict.deserialize(&mut d)?;
    d.end()?;
    Ok(v)
}

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = Value;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> std::result::Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> std::result::Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> std::result::Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> std::result::Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_str<E>(self, v: &str) -> std::result::Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> std::result::Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(Strict)? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "`{}` is given twice",
                    excerpt(&key)
                )));
            }
            let v = map.next_value_seed(Strict)?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

/// One year as written in the file: dates as text, so a bad one is reported with its year.
struct YearShape {
    status: String,
    days_off: Vec<String>,
    makeup_working_days: Vec<String>,
    breaks: Vec<BreakShape>,
    documents: Vec<String>,
    verified: Option<bool>,
    notes: Option<String>,
    pending: Option<PendingShape>,
}

struct BreakShape {
    name: String,
    from: String,
    to: String,
}

struct PendingShape {
    days_off: Vec<String>,
    makeup_working_days: Vec<String>,
    basis: Option<String>,
}

/// Reads the keys of one JSON object: each known key at most once, any other is an error.
struct Fields<'a> {
    year: i32,
    path: &'a str,
    map: &'a Map<String, Value>,
}

impl<'a> Fields<'a> {
    fn new(year: i32, path: &'a str, v: &'a Value, known: &[&str]) -> Result<Fields<'a>> {
        let Value::Object(map) = v else {
            return Err(bad(year, format!("`{path}` must be an object")));
        };
        if let Some(k) = map.keys().find(|k| !known.contains(&k.as_str())) {
            return Err(bad(
                year,
                format!(
                    "unknown key `{}`{} (expected one of {})",
                    excerpt(k),
                    if path.is_empty() {
                        String::new()
                    } else {
                        format!(" in `{path}`")
                    },
                    known.join(", ")
                ),
            ));
        }
        Ok(Fields { year, path, map })
    }

    fn key(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    fn required(&self, key: &str) -> Result<&'a Value> {
        self.map
            .get(key)
            .ok_or_else(|| bad(self.year, format!("missing key `{}`", self.key(key))))
    }

    fn string(&self, key: &str) -> Result<Option<String>> {
        match self.map.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(bad(
                self.year,
                format!("`{}` must be a string", self.key(key)),
            )),
        }
    }

    fn strings(&self, key: &str, v: Option<&Value>) -> Result<Vec<String>> {
        let Some(v) = v else { return Ok(Vec::new()) };
        let list = v.as_array().ok_or_else(|| {
            bad(
                self.year,
                format!("`{}` must be an array of strings", self.key(key)),
            )
        })?;
        list.iter()
            .map(|x| {
                x.as_str().map(str::to_string).ok_or_else(|| {
                    bad(
                        self.year,
                        format!("`{}`: {} is not a string", self.key(key), excerpt(x)),
                    )
                })
            })
            .collect()
    }
}

impl YearShape {
    fn from_value(year: i32, v: &Value) -> Result<YearShape> {
        let f = Fields::new(
            year,
            "",
            v,
            &[
                "status",
                "days_off",
                "makeup_working_days",
                "breaks",
                "documents",
                "verified",
                "notes",
                "pending",
            ],
        )?;
        let status = f
            .string("status")?
            .ok_or_else(|| bad(year, "missing key `status`"))?;
        let mut breaks = Vec::new();
        if let Some(list) = f.map.get("breaks") {
            let list = list
                .as_array()
                .ok_or_else(|| bad(year, "`breaks` must be an array"))?;
            for (i, b) in list.iter().enumerate() {
                let path = format!("breaks[{i}]");
                let bf = Fields::new(year, &path, b, &["name", "from", "to"])?;
                let get = |k: &str| {
                    bf.string(k)?
                        .ok_or_else(|| bad(year, format!("missing key `{}`", bf.key(k))))
                };
                breaks.push(BreakShape {
                    name: get("name")?,
                    from: get("from")?,
                    to: get("to")?,
                });
            }
        }
        let verified = match f.map.get("verified") {
            None => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => return Err(bad(year, "`verified` must be true or false")),
        };
        let pending = match f.map.get("pending") {
            None | Some(Value::Null) => None,
            Some(p) => {
                let pf = Fields::new(
                    year,
                    "pending",
                    p,
                    &["days_off", "makeup_working_days", "basis"],
                )?;
                Some(PendingShape {
                    days_off: pf.strings("days_off", Some(pf.required("days_off")?))?,
                    // (no make-up day when the key is left out)
                    makeup_working_days: pf
                        .strings("makeup_working_days", pf.map.get("makeup_working_days"))?,
                    basis: pf.string("basis")?,
                })
            }
        };
        Ok(YearShape {
            status,
            days_off: f.strings("days_off", Some(f.required("days_off")?))?,
            // (no make-up day when the key is left out)
            makeup_working_days: f
                .strings("makeup_working_days", f.map.get("makeup_working_days"))?,
            breaks,
            documents: f.strings("documents", f.map.get("documents"))?,
            verified,
            notes: f.string("notes")?,
            pending,
        })
    }

    fn from_schedule(s: &OfficialSchedule) -> YearShape {
        YearShape {
            status: s.status.as_str().to_string(),
            days_off: s.days_off.iter().map(iso).collect(),
            makeup_working_days: s.makeup_working_days.iter().map(iso).collect(),
            breaks: s
                .breaks
                .iter()
                .map(|b| BreakShape {
                    name: b.name.to_string(),
                    from: iso(&b.from),
                    to: iso(&b.to),
                })
                .collect(),
            documents: s.documents.iter().map(|d| d.to_string()).collect(),
            verified: Some(s.verified),
            notes: Some(s.notes.to_string()),
            pending: s.pending.as_ref().map(|p| PendingShape {
                days_off: p.days_off.iter().map(iso).collect(),
                makeup_working_days: p.makeup_working_days.iter().map(iso).collect(),
                basis: Some(p.basis.to_string()),
            }),
        }
    }

    fn validate(self, year: i32) -> Result<OfficialSchedule> {
        let status = match self.status.as_str() {
            "official" => ScheduleStatus::Official,
            "provisional" => ScheduleStatus::Provisional,
            "statutory" => ScheduleStatus::Statutory,
            other => {
                return Err(bad(
                    year,
                    format!(
                        "`status` `{}` is not one of official, provisional, statutory",
                        excerpt(other)
                    ),
                ))
            }
        };
        let mut seen: Vec<NaiveDate> = Vec::new();
        let days_off = dates(year, "days_off", &self.days_off, false, &mut seen)?;
        let makeup = dates(
            year,
            "makeup_working_days",
            &self.makeup_working_days,
            true,
            &mut seen,
        )?;
        let pending = match self.pending {
            None => None,
            Some(p) => Some(PendingChange {
                days_off: Cow::Owned(dates(
                    year,
                    "pending.days_off",
                    &p.days_off,
                    false,
                    &mut seen,
                )?),
                makeup_working_days: Cow::Owned(dates(
                    year,
                    "pending.makeup_working_days",
                    &p.makeup_working_days,
                    true,
                    &mut seen,
                )?),
                basis: Cow::Owned(p.basis.unwrap_or_default()),
            }),
        };
        let mut breaks = Vec::with_capacity(self.breaks.len());
        for (i, b) in self.breaks.into_iter().enumerate() {
            let key = format!("breaks[{i}]");
            let from = parse_iso(year, &format!("{key}.from"), &b.from)?;
            let to = parse_iso(year, &format!("{key}.to"), &b.to)?;
            if to < from {
                return Err(bad(
                    year,
                    format!("`{key}` ends ({to}) before it starts ({from})"),
                ));
            }
            // (A break may begin in late December before its year, or end in early January
            // after it; not further.)
            if from.year() < year - 1 || to.year() > year + 1 {
                return Err(bad(
                    year,
                    format!("`{key}` ({from} to {to}) is not a break of {year}"),
                ));
            }
            breaks.push(Break::new(b.name, from, to));
        }
        // A holiday the law fixes, on a working day, is a day off: a year that left one out of
        // `days_off` would have it worked, unsaid (one line lost while copying a notice).
        for d in super::statute::fixed_holidays(year)? {
            if !is_weekly_rest(d) && days_off.binary_search(&d).is_err() {
                return Err(bad(
                    year,
                    format!(
                        "`days_off` lacks {d} ({}), a public holiday ({}): a holiday on a \
                         working day is a day off",
                        weekday_name(d),
                        super::statute::law_on(d)?.holiday_article()
                    ),
                ));
            }
        }
        Ok(OfficialSchedule {
            year,
            status,
            days_off: Cow::Owned(days_off),
            makeup_working_days: Cow::Owned(makeup),
            breaks: Cow::Owned(breaks),
            documents: Cow::Owned(self.documents.into_iter().map(Cow::Owned).collect()),
            verified: self.verified.unwrap_or(false),
            notes: Cow::Owned(self.notes.unwrap_or_default()),
            pending,
        })
    }
}

fn iso(d: &NaiveDate) -> String {
    d.to_string()
}

fn weekday_name(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

fn parse_iso(year: i32, key: &str, s: &str) -> Result<NaiveDate> {
    let iso_shape = s.len() == 10 && !s.contains('/') && s.trim() == s;
    iso_shape
        .then(|| crate::civil::parse_date(s).ok())
        .flatten()
        .ok_or_else(|| {
            bad(
                year,
                format!("`{key}`: `{}` is not a valid date (YYYY-MM-DD)", excerpt(s)),
            )
        })
}

/// Whether `d` is a public holiday by the statute in force on it (weekly rest days included).
fn is_holiday(d: NaiveDate) -> Result<bool> {
    Ok(super::statute::holiday_days(d.year())?
        .iter()
        .any(|&(h, _)| h == d))
}

/// The dates of one list, checked: valid, in `year`, a weekly rest day exactly when `rest`
/// (make-up days, which must not be public holidays) and not when off, each listed once across
/// the whole year.
fn dates(
    year: i32,
    key: &str,
    list: &[String],
    rest: bool,
    seen: &mut Vec<NaiveDate>,
) -> Result<Vec<NaiveDate>> {
    let mut out = Vec::with_capacity(list.len());
    for s in list {
        let d = parse_iso(year, key, s)?;
        if d.year() != year {
            return Err(bad(
                year,
                format!("`{key}`: {d} is not in {year} (each date is listed under its own year)"),
            ));
        }
        match (rest, is_weekly_rest(d)) {
            (false, true) => {
                return Err(bad(
                    year,
                    format!(
                    "`{key}`: {d} ({}) is a weekly rest day: list only working days that are off",
                    weekday_name(d)
                ),
                ))
            }
            (true, false) => {
                return Err(bad(
                    year,
                    format!(
                        "`{key}`: {d} ({}) is not a weekly rest day: a make-up working day is a \
                         rest day worked",
                        weekday_name(d)
                    ),
                ))
            }
            _ => {}
        }
        if rest && is_holiday(d)? {
            return Err(bad(
                year,
                format!(
                    "`{key}`: {d} ({}) is a public holiday ({}): a make-up working day moves a \
                     working day, it cannot take a holiday",
                    weekday_name(d),
                    super::statute::law_on(d)?.holiday_article()
                ),
            ));
        }
        if seen.contains(&d) {
            return Err(bad(year, format!("`{key}`: {d} is listed twice")));
        }
        seen.push(d);
        out.push(d);
    }
    crate::sort::sort(&mut out);
    Ok(out)
}

#[cfg(test)]
#[path = "tests_schedules.rs"]
mod tests;
