//! Administrative procedures (*thủ tục hành chính*) and their time limits (*thời hạn giải
//! quyết*): [`Procedure`], [`TimeLimit`], [`AuthorityLevel`], [`OnlineService`], inter-agency
//! [`Stage`]s, and the procedure [`Catalogue`] (the `--catalogue FILE` format, JSON or CSV rows).
//!
//! # Time limits
//! | compact form | JSON form | meaning |
//! |---|---|---|
//! | `3wd` | `{"working_days": 3}` | 3 working days (*ngày làm việc*) |
//! | `15cd` | `{"calendar_days": 15}` | 15 calendar days (*ngày*) |
//! | `8wh` | `{"working_hours": 8}` | 8 working hours (*giờ làm việc*) |
//! | `same_day` | `{"same_day": true}` | the day of receipt (*trong ngày*), 15:00 cut-off |
//!
//! `N ≥ 1` in every form, else [`ErrorKind::InvalidTimeLimit`]. A same-day limit with another
//! cut-off is written `same_day@14:00` / `{"same_day": true, "cutoff": "14:00"}`.
//!
//! # Catalogue
//! A JSON array of objects, or CSV rows fed through [`Catalogue::from_records`], with the
//! fields `code`, `name`, `field`, `level` (`commune|district|province|central`), `time_limit`
//! (compact or JSON form), `online` (`full|partial|none`; the pre-2022 levels `3` → partial,
//! `4` → full, `1` and `2` → none) and `stages`:
//! `[{"agency": "...", "time_limit": "10wd"}]` (in CSV, a column holding that JSON text).
//! Column names match regardless of ASCII case (`Code` = `code`), as a records file's do.
//! Other keys and columns are ignored (catalogues carry their own metadata). Every error is an [`ErrorKind::InvalidCatalogue`] naming the row
//! (1-based) and the field; a duplicate code is an error.
//!
//! ```
//! use motcua::procedure::{Catalogue, TimeLimit};
//! let cat = Catalogue::from_json(r#"[{"code": "1.001", "name": "Chứng thực bản sao",
//!   "field": "Chứng thực", "level": "commune", "time_limit": "same_day", "online": "partial"}]"#)?;
//! assert_eq!(cat.get("1.001")?.time_limit, TimeLimit::same_day());
//! assert_eq!(cat.get("9.999").unwrap_err().code(), "unknown_procedure");
//! assert_eq!("3wd".parse::<TimeLimit>()?, TimeLimit::WorkingDays(3));
//! # Ok::<(), motcua::Error>(())
//! ```

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveTime, Timelike};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{excerpt, Error, ErrorKind, Result};

// ---------------------------------------------------------------------------------------------
// Time limit
// ---------------------------------------------------------------------------------------------

/// The default cut-off of same-day limits: a request received after 15:00 is due the next
/// working day (Decree 23/2015/NĐ-CP, Art. 7 [S: published procedure sheets; article U]).
pub const SAME_DAY_CUTOFF: NaiveTime = match NaiveTime::from_hms_opt(15, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

/// A procedure's time limit (*thời hạn giải quyết*). See the [module docs](self) for the forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeLimit {
    /// N working days (*ngày làm việc*), N ≥ 1, counted from the day after the deemed
    /// receipt (Civil Code 2015, Art. 147 \[U\]).
    WorkingDays(u32),
    /// N calendar days (*ngày*), N ≥ 1; a period ending on a day off ends at the end of the
    /// next working day (Civil Code 2015, Art. 148 \[U\]).
    CalendarDays(u32),
    /// N working hours (*giờ làm việc*), N ≥ 1, counted inside office hours from the recorded
    /// instant (Civil Code 2015, Art. 147 \[U\]).
    WorkingHours(u32),
    /// The day of receipt (*trong ngày*), or the next working day when received after
    /// `cutoff` (Decree 23/2015/NĐ-CP, Art. 7 \[S\]).
    SameDay {
        /// Instants strictly after this time of day are due the next working day (15:00).
        cutoff: NaiveTime,
    },
}

impl TimeLimit {
    /// A same-day limit with the 15:00 cut-off.
    pub const fn same_day() -> TimeLimit {
        TimeLimit::SameDay {
            cutoff: SAME_DAY_CUTOFF,
        }
    }

    /// The compact kind name: `working_days`, `calendar_days`, `working_hours`, `same_day`.
    pub const fn kind(&self) -> &'static str {
        match self {
            TimeLimit::WorkingDays(_) => "working_days",
            TimeLimit::CalendarDays(_) => "calendar_days",
            TimeLimit::WorkingHours(_) => "working_hours",
            TimeLimit::SameDay { .. } => "same_day",
        }
    }

    /// Parses the JSON form (`{"working_days": 3}`, ...) or a string in the compact form.
    pub fn from_json_value(v: &Value) -> Result<TimeLimit> {
        match v {
            Value::String(s) => s.parse(),
            Value::Object(m) => {
                let entries: Vec<(&str, &Value)> = m.iter().map(|(k, v)| (k.as_str(), v)).collect();
                time_limit_from_entries(&entries)
            }
            other => Err(not_a_time_limit(other)),
        }
    }

    /// The JSON form (`{"working_days": 3}`, `{"same_day": true}`).
    pub fn to_json_value(&self) -> Value {
        let mut m = Map::new();
        match *self {
            TimeLimit::WorkingDays(n) => {
                m.insert("working_days".into(), n.into());
            }
            TimeLimit::CalendarDays(n) => {
                m.insert("calendar_days".into(), n.into());
            }
            TimeLimit::WorkingHours(n) => {
                m.insert("working_hours".into(), n.into());
            }
            TimeLimit::SameDay { cutoff } => {
                m.insert("same_day".into(), true.into());
                if cutoff != SAME_DAY_CUTOFF {
                    m.insert(
                        "cutoff".into(),
                        crate::civil::format_time_of_day(cutoff).into(),
                    );
                }
            }
        }
        Value::Object(m)
    }
}

impl TimeLimit {
    /// An [`ErrorKind::InvalidTimeLimit`] error for a count of 0 (`N ≥ 1` in every form): the
    /// parsers refuse one, but a limit built in code (`TimeLimit::WorkingDays(0)`) would make
    /// the day of receipt the due date without a word; likewise a same-day cut-off with a
    /// fraction of a second (its text form has none).
    pub fn check(self) -> Result<TimeLimit> {
        if self.is_zero() {
            Err(self.zero_error())
        } else {
            Ok(self)
        }
    }

    /// Whether the count is 0, or a same-day cut-off has a fraction of a second (what
    /// [`check`](Self::check) refuses: written `same_day@15:00`, 15:00:00.5 read back as
    /// another limit); the test of the hot path, whose error is built out of line by
    /// [`zero_error`](Self::zero_error).
    #[inline]
    pub(crate) fn is_zero(self) -> bool {
        match self {
            TimeLimit::WorkingDays(n) | TimeLimit::CalendarDays(n) | TimeLimit::WorkingHours(n) => {
                n == 0
            }
            TimeLimit::SameDay { cutoff } => cutoff.nanosecond() != 0,
        }
    }

    /// The error of a limit [`is_zero`](Self::is_zero) refuses.
    #[cold]
    #[inline(never)]
    pub(crate) fn zero_error(self) -> Error {
        match self {
            TimeLimit::SameDay { cutoff } => invalid_limit(format!(
                "same-day cut-off {cutoff} has a fraction of a second: give it to the second"
            )),
            _ => invalid_limit(format!("time limit `{self}` must be at least 1")),
        }
    }
}

fn invalid_limit(msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidTimeLimit, msg)
}

fn positive(n: u64, text: &dyn fmt::Display) -> Result<u32> {
    if n == 0 {
        return Err(invalid_limit(format!(
            "time limit `{text}` must be at least 1",
            text = excerpt(text)
        )));
    }
    u32::try_from(n).map_err(|_| {
        invalid_limit(format!(
            "time limit `{text}` is too large",
            text = excerpt(text)
        ))
    })
}

/// The error of a JSON time limit that is neither an object nor a string.
pub(crate) fn not_a_time_limit(v: &Value) -> Error {
    invalid_limit(format!(
        "expected an object such as {{\"working_days\": 3}} or a string such as \"3wd\", got {}",
        excerpt(v)
    ))
}

/// An object given by its entries, written as compact JSON when displayed (only messages
/// display it, so a well-formed limit never builds it).
struct ObjectText<'a>(&'a [(&'a str, &'a Value)]);

impl fmt::Display for ObjectText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // (inserted one by one: `collect` would bring a sort of its own into the build)
        let mut m = Map::new();
        for &(k, v) in self.0 {
            m.insert(k.to_string(), v.clone());
        }
        write!(f, "{}", Value::Object(m))
    }
}

/// The time limit of a JSON object given by its entries, in key order without duplicate
/// keys (as a `serde_json::Map` iterates them).
pub(crate) fn time_limit_from_entries(entries: &[(&str, &Value)]) -> Result<TimeLimit> {
    const KINDS: &str = "working_days, calendar_days, working_hours or same_day";
    let object = ObjectText(entries);
    let whole = excerpt(&object);
    let mut found: Option<TimeLimit> = None;
    let mut cutoff: Option<NaiveTime> = None;
    for &(k, v) in entries {
        let limit = match k {
            "working_days" | "calendar_days" | "working_hours" => {
                let n = v.as_u64().ok_or_else(|| {
                    invalid_limit(format!(
                        "time limit {whole}: `{k}` must be a whole number ≥ 1, got {v}",
                        k = excerpt(k),
                        v = excerpt(v)
                    ))
                })?;
                let n = positive(n, &whole)?;
                match k {
                    "working_days" => TimeLimit::WorkingDays(n),
                    "calendar_days" => TimeLimit::CalendarDays(n),
                    _ => TimeLimit::WorkingHours(n),
                }
            }
            "same_day" => {
                if v != &Value::Bool(true) {
                    return Err(invalid_limit(format!(
                        "time limit {whole}: `same_day` must be true"
                    )));
                }
                TimeLimit::same_day()
            }
            "cutoff" => {
                let s = v.as_str().ok_or_else(|| {
                    invalid_limit(format!("time limit {whole}: `cutoff` must be \"HH:MM\""))
                })?;
                cutoff = Some(
                    crate::civil::parse_time(s)
                        .map_err(|e| invalid_limit(format!("time limit {whole}: {e}")))?,
                );
                continue;
            }
            other => {
                return Err(invalid_limit(format!(
                    "time limit {whole}: unknown kind `{other}` (expected {KINDS})",
                    other = excerpt(other)
                )))
            }
        };
        if found.is_some() {
            return Err(invalid_limit(format!(
                "time limit {whole} has more than one kind (expected one of {KINDS})"
            )));
        }
        found = Some(limit);
    }
    match (found, cutoff) {
        (None, _) => Err(invalid_limit(format!(
            "time limit {whole} has no kind (expected one of {KINDS})"
        ))),
        (Some(TimeLimit::SameDay { .. }), Some(c)) => Ok(TimeLimit::SameDay { cutoff: c }),
        (Some(_), Some(_)) => Err(invalid_limit(format!(
            "time limit {whole}: `cutoff` belongs to same-day limits only"
        ))),
        (Some(l), None) => Ok(l),
    }
}

impl FromStr for TimeLimit {
    type Err = Error;

    /// Parses the compact forms `3wd`, `15cd`, `8wh`, `same_day`, `same_day@14:00`
    /// (case-insensitive, surrounding spaces ignored), and the Vietnamese wording of published
    /// procedure sheets and exports: `3 ngày làm việc` (working days), `15 ngày` (calendar
    /// days: a period in "ngày" without "làm việc"), `8 giờ làm việc` or `8 giờ`
    /// (working hours), `trong ngày` (same day).
    fn from_str(input: &str) -> Result<TimeLimit> {
        if let Some(t) = vietnamese_limit(input)? {
            return Ok(t);
        }
        let s = input.trim().to_ascii_lowercase();
        if s == "same_day" {
            return Ok(TimeLimit::same_day());
        }
        if let Some(t) = s.strip_prefix("same_day@") {
            let cutoff = crate::civil::parse_time(t).map_err(|e| {
                invalid_limit(format!("time limit `{input}`: {e}", input = excerpt(input)))
            })?;
            return Ok(TimeLimit::SameDay { cutoff });
        }
        let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let (num, unit) = (s.get(..split).unwrap_or(""), s.get(split..).unwrap_or(""));
        let make: fn(u32) -> TimeLimit = match unit {
            "wd" => TimeLimit::WorkingDays,
            "cd" => TimeLimit::CalendarDays,
            "wh" => TimeLimit::WorkingHours,
            _ => {
                return Err(invalid_limit(format!(
                    "`{input}` is not a time limit (expected e.g. 3wd, 15cd, 8wh or same_day)",
                    input = excerpt(input)
                )))
            }
        };
        if num.is_empty() {
            return Err(invalid_limit(format!(
                "`{input}` is not a time limit: the number is missing (e.g. 3wd)",
                input = excerpt(input)
            )));
        }
        let n: u64 = num.parse().map_err(|_| {
            invalid_limit(format!(
                "time limit `{input}` is too large",
                input = excerpt(input)
            ))
        })?;
        Ok(make(positive(n, &input)?))
    }
}

/// The Vietnamese wording of a time limit (see [`TimeLimit::from_str`]), if `input` is one.
fn vietnamese_limit(input: &str) -> Result<Option<TimeLimit>> {
    let lower = crate::casefold::fold(input.trim());
    let words: Vec<&str> = lower.split_whitespace().collect();
    let text = words.join(" ");
    if matches!(
        text.as_str(),
        "trong ngày" | "trong ngay" | "ngay trong ngày" | "trả ngay trong ngày"
    ) {
        return Ok(Some(TimeLimit::same_day()));
    }
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (num, unit) = (
        text.get(..split).unwrap_or(""),
        text.get(split..).unwrap_or("").trim(),
    );
    if num.is_empty() {
        return Ok(None);
    }
    let make: fn(u32) -> TimeLimit = match unit {
        "ngày làm việc" | "ngay lam viec" => TimeLimit::WorkingDays,
        "ngày" | "ngay" => TimeLimit::CalendarDays,
        "giờ làm việc" | "gio lam viec" | "giờ" | "gio" => TimeLimit::WorkingHours,
        _ => return Ok(None),
    };
    let n: u64 = num.parse().map_err(|_| {
        invalid_limit(format!(
            "time limit `{input}` is too large",
            input = excerpt(input)
        ))
    })?;
    Ok(Some(make(positive(n, &input)?)))
}

impl fmt::Display for TimeLimit {
    /// The compact form (`3wd`, `15cd`, `8wh`, `same_day`, `same_day@14:00`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeLimit::WorkingDays(n) => write!(f, "{n}wd"),
            TimeLimit::CalendarDays(n) => write!(f, "{n}cd"),
            TimeLimit::WorkingHours(n) => write!(f, "{n}wh"),
            TimeLimit::SameDay { cutoff } if *cutoff == SAME_DAY_CUTOFF => f.write_str("same_day"),
            TimeLimit::SameDay { cutoff } => {
                write!(f, "same_day@{}", crate::civil::format_time_of_day(*cutoff))
            }
        }
    }
}

impl Serialize for TimeLimit {
    /// Serializes the JSON form (`{"working_days": 3}`).
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_json_value().serialize(s)
    }
}

impl<'de> Deserialize<'de> for TimeLimit {
    /// Accepts the JSON form and the compact string form.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let v = crate::vn::strict_value(d)?;
        TimeLimit::from_json_value(&v).map_err(serde::de::Error::custom)
    }
}

// ---------------------------------------------------------------------------------------------
// Authority level, online service
// ---------------------------------------------------------------------------------------------

/// The level of the authority that settles a procedure (*cấp thẩm quyền*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorityLevel {
    /// *Cấp xã*.
    Commune,
    /// *Cấp huyện*: only for dossiers received before 2025-07-01, when districts were abolished
    /// (two-level local government, Decree 118/2025/NĐ-CP \[S\]).
    District,
    /// *Cấp tỉnh*.
    Province,
    /// *Trung ương* (ministries and central agencies).
    Central,
}

impl AuthorityLevel {
    /// Every level, in declaration order (the bindings' type definitions are generated from
    /// it).
    pub const ALL: [AuthorityLevel; 4] = [
        AuthorityLevel::Commune,
        AuthorityLevel::District,
        AuthorityLevel::Province,
        AuthorityLevel::Central,
    ];

    /// The snake_case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            AuthorityLevel::Commune => "commune",
            AuthorityLevel::District => "district",
            AuthorityLevel::Province => "province",
            AuthorityLevel::Central => "central",
        }
    }
}

impl FromStr for AuthorityLevel {
    type Err = Error;

    fn from_str(s: &str) -> Result<AuthorityLevel> {
        match s.trim().to_ascii_lowercase().as_str() {
            "commune" => Ok(AuthorityLevel::Commune),
            "district" => Ok(AuthorityLevel::District),
            "province" => Ok(AuthorityLevel::Province),
            "central" => Ok(AuthorityLevel::Central),
            _ => Err(Error::new(
                ErrorKind::InvalidArgument,
                format!(
                    "`{s}` is not an authority level (commune, district, province, central)",
                    s = excerpt(s)
                ),
            )),
        }
    }
}

impl fmt::Display for AuthorityLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How far a procedure is offered online (*dịch vụ công trực tuyến*), in the two-level scheme
/// of Decree 42/2022/NĐ-CP [S; article U].
///
/// The levels of Decree 43/2011/NĐ-CP map as 4 → [`Full`](OnlineService::Full), 3 →
/// [`Partial`](OnlineService::Partial) [S/U], and 1, 2 (information and forms
/// only, the dossier itself is filed on paper) → [`None`](OnlineService::None).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnlineService {
    /// *Toàn trình*: the whole procedure online (formerly level 4).
    Full,
    /// *Một phần*: partly online (formerly level 3).
    Partial,
    /// Not offered online.
    None,
}

impl OnlineService {
    /// Every level of online service, in declaration order (the bindings' type definitions
    /// are generated from it).
    pub const ALL: [OnlineService; 3] = [
        OnlineService::Full,
        OnlineService::Partial,
        OnlineService::None,
    ];

    /// The snake_case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            OnlineService::Full => "full",
            OnlineService::Partial => "partial",
            OnlineService::None => "none",
        }
    }
}

impl FromStr for OnlineService {
    type Err = Error;

    fn from_str(s: &str) -> Result<OnlineService> {
        match s.trim().to_ascii_lowercase().as_str() {
            "full" | "4" => Ok(OnlineService::Full),
            "partial" | "3" => Ok(OnlineService::Partial),
            "none" | "1" | "2" => Ok(OnlineService::None),
            _ => {
                Err(Error::new(
                    ErrorKind::InvalidArgument,
                    format!(
                    "`{s}` is not an online service level (full, partial, none; or the old levels \
                     4 = full, 3 = partial, 1 and 2 = none)", s = excerpt(s)),
                ))
            }
        }
    }
}

impl fmt::Display for OnlineService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

// ---------------------------------------------------------------------------------------------
// Procedure, stage
// ---------------------------------------------------------------------------------------------

/// One stage of an inter-agency (*liên thông*) procedure: the agency and its own limit,
/// counted with the same rules from the day the stage receives the file (Decree 61/2018/NĐ-CP,
/// Art. 19(5)–(7) \[U\]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    /// The agency in charge of this stage.
    pub agency: String,
    /// The stage's time limit.
    pub time_limit: TimeLimit,
}

impl Stage {
    /// One stage from its JSON object `{"agency": "...", "time_limit": ...}` (the limit in
    /// either form of [`TimeLimit::from_json_value`]); with `strict`, another key is an error.
    /// Errors are located relative to the stage (`agency`, `time_limit`, the unknown key):
    /// `invalid_time_limit` for the limit, `invalid_dossier` otherwise.
    pub(crate) fn from_json_value(v: &Value, strict: bool) -> Result<Stage> {
        let bad = |m: String| Error::new(ErrorKind::InvalidDossier, m);
        let Value::Object(s) = v else {
            return Err(bad(format!(
                "a stage must be an object, got {v}",
                v = excerpt(v)
            )));
        };
        if strict {
            if let Some(k) = s
                .keys()
                .find(|k| !matches!(k.as_str(), "agency" | "time_limit"))
            {
                return Err(bad(format!(
                    "unknown key `{}` in a stage (expected agency, time_limit)",
                    excerpt(k)
                ))
                .in_field(k.as_str()));
            }
        }
        // As a report groups it (`casefold::group_text`): composed, its runs of white space one
        // space, so that an agency typed in two ways (NFC and NFD, a double space) is one
        // agency in every answer (one row of the stage report, once in `late_agencies`).
        let agency = match s.get("agency") {
            Some(Value::String(a)) => crate::casefold::group_text(a).into_owned(),
            _ => String::new(),
        };
        if agency.is_empty() {
            return Err(bad("`agency` is missing or not a string".into()).in_field("agency"));
        }
        let time_limit = match s.get("time_limit") {
            Some(v) => TimeLimit::from_json_value(v).map_err(|e| e.in_field("time_limit"))?,
            None => return Err(bad("`time_limit` is missing".into()).in_field("time_limit")),
        };
        Ok(Stage { agency, time_limit })
    }
}

/// An administrative procedure (*thủ tục hành chính*) as published in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Procedure {
    /// The procedure's code in the national database (e.g. `1.001612`).
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its field (*lĩnh vực*).
    pub field: String,
    /// The level of the settling authority.
    pub level: AuthorityLevel,
    /// How far it is offered online.
    pub online: OnlineService,
    /// The total time limit printed on the appointment slip.
    pub time_limit: TimeLimit,
    /// Inter-agency stages, if any (a JSON catalogue's `stages`, a CSV catalogue's `stages`
    /// column of JSON text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<Stage>,
}

/// The stages of procedure `code` at `row`: a JSON array of `{"agency", "time_limit"}` objects
/// (`null` is none).
fn stages_of(row: u64, code: &str, v: &Value) -> Result<Vec<Stage>> {
    match v {
        Value::Null => Ok(Vec::new()),
        Value::Array(list) => list
            .iter()
            .enumerate()
            .map(|(i, s)| {
                Stage::from_json_value(s, false).map_err(|e| {
                    catalogue_err(
                        row,
                        &format!("stages[{i}]"),
                        format!("code {code}: {}", e.message()),
                    )
                })
            })
            .collect(),
        other => Err(catalogue_err(
            row,
            "stages",
            format!(
                "code {code}: `stages` must be an array, got {other}",
                other = excerpt(other)
            ),
        )),
    }
}

fn catalogue_err(row: u64, field: &str, msg: impl fmt::Display) -> Error {
    Error::new(ErrorKind::InvalidCatalogue, format!("row {row}: {msg}")).in_field(field)
}

/// The columns a catalogue row is read by ([`Catalogue::from_records`]), in any ASCII case.
const CATALOGUE_COLUMNS: [&str; 7] = [
    "code",
    "name",
    "field",
    "level",
    "time_limit",
    "online",
    "stages",
];

/// The error of a column read given twice in a row's keys, or of a key that misspells a column
/// the row does not give. A column given twice (`time_limit` and `Time_Limit`, or
/// a CSV header naming `code` twice): which one is meant is a guess (the first was read, without
/// a word), as a records header's column given twice is.
fn check_keys<'k>(row: u64, keys: impl Iterator<Item = &'k str> + Clone) -> Result<()> {
    for name in CATALOGUE_COLUMNS {
        let mut same = keys
            .clone()
            .map(str::trim)
            .filter(|k| k.eq_ignore_ascii_case(name));
        if let (Some(a), Some(b)) = (same.next(), same.next()) {
            let how = if a == b {
                String::new()
            } else {
                format!(" (as `{a}` and `{b}`)")
            };
            return Err(catalogue_err(
                row,
                name,
                format!(
                    "column `{name}` is given more than once{how}: which one is meant is a guess"
                ),
            ));
        }
    }
    // A key one slip from a column the row does not give (`stagez`, `time-limit`, `Feild`):
    // read as "another system's column", its value was lost without a word (the inter-agency
    // stages of a procedure, its field). A key beside the column it resembles (`levels` and
    // `level`) is another column. (Natively: WebAssembly names no key.)
    for k in keys.clone().map(str::trim) {
        let Some(c) = crate::dossier::near_key(k, &CATALOGUE_COLUMNS) else {
            continue;
        };
        if !keys.clone().any(|o| o.trim().eq_ignore_ascii_case(c)) {
            return Err(catalogue_err(
                row,
                c,
                format!("key `{}` is not read: did you mean `{c}`?", excerpt(k)),
            ));
        }
    }
    Ok(())
}

impl Procedure {
    /// Builds a procedure from one catalogue row given as a lookup from field name to text
    /// (a CSV row); `row` (1-based) is used in error messages. Empty text counts as absent.
    fn from_lookup<'a>(row: u64, get: impl Fn(&str) -> Option<&'a str>) -> Result<Procedure> {
        let required = |f: &str| -> Result<&'a str> {
            get(f)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .ok_or_else(|| catalogue_err(row, f, format!("`{f}` is missing")))
        };
        let code = required("code")?.to_string();
        let time_limit = required("time_limit")?.parse::<TimeLimit>().map_err(|e| {
            catalogue_err(row, "time_limit", format!("code {code}: {}", e.message()))
        })?;
        let level = required("level")?
            .parse::<AuthorityLevel>()
            .map_err(|e| catalogue_err(row, "level", format!("code {code}: {}", e.message())))?;
        let online = required("online")?
            .parse::<OnlineService>()
            .map_err(|e| catalogue_err(row, "online", format!("code {code}: {}", e.message())))?;
        let text = |f: &str| get(f).map(|s| s.trim().to_string()).unwrap_or_default();
        // A `stages` cell holds the JSON array a JSON catalogue gives (as a records file's
        // `stages` column does).
        let stages = match get("stages").map(str::trim).filter(|s| !s.is_empty()) {
            None => Vec::new(),
            Some(cell) => {
                let v: Value = crate::vn::strict_json(cell).map_err(|e| {
                    catalogue_err(
                        row,
                        "stages",
                        format!("code {code}: `stages` is not JSON ({e}): {}", excerpt(cell)),
                    )
                })?;
                stages_of(row, &code, &v)?
            }
        };
        Ok(Procedure {
            name: text("name"),
            field: text("field"),
            code,
            level,
            online,
            time_limit,
            stages,
        })
    }

    /// Builds a procedure from one JSON catalogue object; `row` (1-based) for messages.
    fn from_json_object(row: u64, obj: &Map<String, Value>) -> Result<Procedure> {
        // A key spelt in another case (`Time_Limit`) was left unread without a word (beside
        // `time_limit`, the other value lost; alone, "`time_limit` is missing"), where a CSV
        // catalogue's header matches in any case.
        for k in obj.keys() {
            let meant = CATALOGUE_COLUMNS
                .iter()
                .find(|c| k.trim().eq_ignore_ascii_case(c) && k != *c);
            if let Some(c) = meant {
                return Err(catalogue_err(
                    row,
                    c,
                    format!("key `{k}` is not read: write `{c}` (a JSON catalogue's keys are read as written)"),
                ));
            }
        }
        // (A key that misspells a column: natively, as WebAssembly names no key.)
        #[cfg(not(target_arch = "wasm32"))]
        check_keys(row, obj.keys().map(String::as_str))?;
        let string = |f: &str| -> Result<Option<String>> {
            match obj.get(f) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
                // A whole number is its digits; a decimal one (`1.001190`) has lost its text
                // (`1.00119`, another code): a string is needed.
                Some(Value::Number(n)) if f == "code" && !(n.is_u64() || n.is_i64()) => {
                    Err(catalogue_err(
                        row,
                        f,
                        format!(
                            "`code` {n} is a decimal number, which does not keep the code's \
                             digits (1.001190 reads as 1.00119): write it as a string"
                        ),
                    ))
                }
                Some(Value::Number(n)) if f == "code" || f == "online" => Ok(Some(n.to_string())),
                Some(other) => Err(catalogue_err(
                    row,
                    f,
                    format!(
                        "`{f}` must be a string, got {other}",
                        other = excerpt(other)
                    ),
                )),
            }
        };
        let code = string("code")?
            .filter(|s| !s.is_empty())
            .ok_or_else(|| catalogue_err(row, "code", "`code` is missing"))?;
        let code_ref = code.as_str();
        let with_code = |f: &'static str| {
            move |e: Error| catalogue_err(row, f, format!("code {code_ref}: {}", e.message()))
        };
        let time_limit = match obj.get("time_limit") {
            None | Some(Value::Null) => {
                return Err(catalogue_err(
                    row,
                    "time_limit",
                    format!("code {code}: `time_limit` is missing"),
                ))
            }
            Some(v) => TimeLimit::from_json_value(v).map_err(with_code("time_limit"))?,
        };
        let level = string("level")?
            .ok_or_else(|| catalogue_err(row, "level", format!("code {code}: `level` is missing")))?
            .parse::<AuthorityLevel>()
            .map_err(with_code("level"))?;
        let online = string("online")?
            .ok_or_else(|| {
                catalogue_err(row, "online", format!("code {code}: `online` is missing"))
            })?
            .parse::<OnlineService>()
            .map_err(with_code("online"))?;
        let stages = match obj.get("stages") {
            None => Vec::new(),
            Some(v) => stages_of(row, &code, v)?,
        };
        Ok(Procedure {
            name: string("name")?.unwrap_or_default(),
            field: string("field")?.unwrap_or_default(),
            code,
            level,
            online,
            time_limit,
            stages,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Catalogue
// ---------------------------------------------------------------------------------------------

/// The slot of `code` among `n` (a power of two; 0: none): a hash of its length and ends.
#[cfg(not(target_family = "wasm"))]
#[inline]
fn code_slot(code: &str, n: usize) -> usize {
    code_slot_of(code, crate::hash::ends(code.as_bytes()), n)
}

/// The slots a code whose home slot is `home` may stand in, in the order they are tried
/// (among `n`, a power of two): the catalogue fills them and looks codes up in this one order.
#[cfg(not(target_family = "wasm"))]
#[inline]
fn probe(home: usize, n: usize) -> impl Iterator<Item = usize> {
    (0..n).map(move |k| home.wrapping_add(k) & n.wrapping_sub(1))
}

/// [`code_slot`] of `code`, whose [`ends`](crate::hash::ends) are `(head, tail)`.
#[cfg(not(target_family = "wasm"))]
#[inline]
fn code_slot_of(code: &str, ends: (u64, u64), n: usize) -> usize {
    let h = crate::hash::ends_hash(code.len(), ends);
    // (the high bits, the best mixed)
    (h >> 32) as usize & n.wrapping_sub(1)
}

/// A procedure catalogue: procedures looked up by code.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    procedures: Vec<Procedure>,
    index: crate::hash::FastMap<String, usize>,
    /// The procedures by a cheap key of their codes (see [`code_slot`]): slot → position in
    /// `procedures` (`u32::MAX`: none), the first of the codes that share a slot. A lookup
    /// takes a slot's procedure only when its code is the one looked up, else asks `index`.
    #[cfg(not(target_family = "wasm"))]
    slots: Vec<u32>,
    /// See [`Catalogue::fingerprint`] (computed on first use).
    fingerprint: std::sync::OnceLock<u64>,
    /// Whether a procedure has stages (an inter-agency one).
    staged: bool,
}

/// The procedures of a catalogue read from a file or rows: none is an error, once, at load
/// (else every record naming a procedure would fail, one by one).
fn non_empty(procedures: Vec<Procedure>) -> Result<Vec<Procedure>> {
    if procedures.is_empty() {
        return Err(Error::new(
            ErrorKind::InvalidCatalogue,
            "the catalogue has no procedure",
        ));
    }
    Ok(procedures)
}

impl Catalogue {
    /// A catalogue of `procedures`; a duplicate code is an [`ErrorKind::InvalidCatalogue`]
    /// error naming its row (1-based position in `procedures`).
    pub fn new(procedures: Vec<Procedure>) -> Result<Catalogue> {
        Catalogue::indexed(procedures, |i| i as u64 + 1)
    }

    /// Indexes `procedures` by code; `row_of(i)` is the row number of position `i`.
    fn indexed(procedures: Vec<Procedure>, row_of: impl Fn(usize) -> u64) -> Result<Catalogue> {
        let mut index = crate::hash::FastMap::default();
        index.reserve(procedures.len());
        for (i, p) in procedures.iter().enumerate() {
            // (what the readers check, for procedures built in code)
            if let Err(e) = p.time_limit.check() {
                return Err(catalogue_err(
                    row_of(i),
                    "time_limit",
                    e.message().to_string(),
                ));
            }
            for (k, s) in p.stages.iter().enumerate() {
                if let Err(e) = s.time_limit.check() {
                    let field = format!("stages[{k}].time_limit");
                    return Err(catalogue_err(row_of(i), &field, e.message().to_string()));
                }
            }
            if let Some(first) = index.insert(p.code.clone(), i) {
                return Err(catalogue_err(
                    row_of(i),
                    "code",
                    format!("duplicate code {} (first in row {})", p.code, row_of(first)),
                ));
            }
        }
        #[cfg(not(target_family = "wasm"))]
        let slots = {
            // Four slots a procedure at least (few codes share one), a power of two.
            let n = procedures.len().saturating_mul(4).next_power_of_two();
            // A code whose slot is taken goes to the next free one (open addressing), so that
            // every code is found by the slots; a lookup stops at a free slot.
            let mut slots = vec![u32::MAX; n];
            for (i, p) in procedures.iter().enumerate() {
                let Ok(i) = u32::try_from(i) else { break };
                let free =
                    probe(code_slot(&p.code, n), n).find(|&s| slots.get(s) == Some(&u32::MAX));
                if let Some(s) = free.and_then(|s| slots.get_mut(s)) {
                    *s = i;
                }
            }
            slots
        };
        Ok(Catalogue {
            staged: procedures.iter().any(|p| !p.stages.is_empty()),
            procedures,
            index,
            #[cfg(not(target_family = "wasm"))]
            slots,
            fingerprint: std::sync::OnceLock::new(),
        })
    }

    /// Whether a procedure of the catalogue has stages (an inter-agency one).
    pub fn has_stages(&self) -> bool {
        self.staged
    }

    /// Parses a JSON catalogue (an array of procedure objects). Malformed JSON is
    /// [`ErrorKind::InvalidJson`] (with line and column); anything else wrong (an empty
    /// array too) is [`ErrorKind::InvalidCatalogue`] naming the row (1-based) and field.
    pub fn from_json(text: &str) -> Result<Catalogue> {
        // (A key given twice in a procedure is an error: the last copy won silently.)
        let v: Value = crate::vn::strict_json(text).map_err(|e| {
            Error::new(ErrorKind::InvalidJson, format!("catalogue: {e}")).at_line(e.line() as u64)
        })?;
        let Value::Array(rows) = v else {
            return Err(Error::new(
                ErrorKind::InvalidCatalogue,
                "a JSON catalogue must be an array of procedure objects",
            ));
        };
        let mut procedures = Vec::with_capacity(rows.len());
        for (i, r) in rows.iter().enumerate() {
            let row = i as u64 + 1;
            let Value::Object(obj) = r else {
                return Err(Error::new(
                    ErrorKind::InvalidCatalogue,
                    format!(
                        "row {row}: a procedure must be an object, got {r}",
                        r = excerpt(r)
                    ),
                ));
            };
            procedures.push(Procedure::from_json_object(row, obj)?);
        }
        Catalogue::new(non_empty(procedures)?)
    }

    /// Builds a catalogue from tabular records (CSV rows): each item is the row number used in
    /// messages (e.g. the CSV line) and the row's `(column, value)` pairs. Columns `code`,
    /// `level`, `time_limit` (compact form) and `online` are required, `name`, `field` and
    /// `stages` (JSON text) optional, matched regardless of ASCII case; an empty cell counts as
    /// absent; other columns are ignored. Errors are
    /// [`ErrorKind::InvalidCatalogue`] naming the row and field (no row at all: one error).
    ///
    /// ```
    /// use motcua::procedure::Catalogue;
    /// let header = ["code", "name", "field", "level", "time_limit", "online"];
    /// let rows = [["1.1", "Đăng ký khai sinh", "Hộ tịch", "commune", "3wd", "4"]];
    /// let cat = Catalogue::from_records(rows.iter().enumerate().map(|(i, r)| {
    ///     (i as u64 + 2, header.iter().copied().zip(r.iter().copied()))
    /// }))?;
    /// assert_eq!(cat.get("1.1")?.online.as_str(), "full");
    /// let bad = [["1.2", "x", "y", "commune", "0wd", "none"]];
    /// let e = Catalogue::from_records(bad.iter().map(|r| (2, header.iter().copied().zip(r.iter().copied()))))
    ///     .unwrap_err();
    /// assert_eq!(e.code(), "invalid_catalogue");
    /// assert_eq!(e.field(), Some("time_limit"));
    /// assert!(e.message().starts_with("row 2: code 1.2"));
    /// # Ok::<(), motcua::Error>(())
    /// ```
    pub fn from_records<I, R, K, V>(records: I) -> Result<Catalogue>
    where
        I: IntoIterator<Item = (u64, R)>,
        R: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut procedures = Vec::new();
        let mut rows = Vec::new();
        for (row, fields) in records {
            let cells: Vec<(K, V)> = fields.into_iter().collect();
            check_keys(row, cells.iter().map(|(k, _)| k.as_ref()))?;
            let get = |name: &str| {
                cells
                    .iter()
                    .find(|(k, _)| k.as_ref().trim().eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.as_ref())
            };
            procedures.push(Procedure::from_lookup(row, get)?);
            rows.push(row);
        }
        let procedures = non_empty(procedures)?;
        Catalogue::indexed(procedures, |i| rows.get(i).copied().unwrap_or(i as u64 + 1))
    }

    /// The procedure with `code`, or an [`ErrorKind::UnknownProcedure`] error.
    pub fn get(&self, code: &str) -> Result<&Procedure> {
        #[cfg(not(target_family = "wasm"))]
        {
            let ends = crate::hash::ends(code.as_bytes());
            let n = self.slots.len();
            // (a free slot is near: a quarter of the slots at most are taken)
            for slot in probe(code_slot_of(code, ends, n), n) {
                let i = self.slots.get(slot).map_or(usize::MAX, |&i| i as usize);
                let Some(p) = self.procedures.get(i) else {
                    break;
                };
                if crate::hash::same(code.as_bytes(), ends, p.code.as_bytes()) {
                    return Ok(p);
                }
            }
        }
        self.index
            .get(code)
            .and_then(|&i| self.procedures.get(i))
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::UnknownProcedure,
                    format!(
                        "procedure `{code}` is not in the catalogue",
                        code = excerpt(code)
                    ),
                )
                .with_value(code)
            })
    }

    /// A number that identifies this catalogue's contents (FNV-1a over every procedure: the
    /// same in every process and on every machine; see
    /// [`WorkCalendar::fingerprint`](crate::WorkCalendar::fingerprint)). A
    /// [`PartialReport`](crate::report::PartialReport) keeps it, so that counts made with
    /// different catalogues are never merged.
    pub fn fingerprint(&self) -> u64 {
        *self.fingerprint.get_or_init(|| {
            let mut f = crate::hash::Fingerprint::default();
            for p in &self.procedures {
                // Every field, in order.
                f.text(&p.code)
                    .text(&p.name)
                    .text(&p.field)
                    .text(p.level.as_str())
                    .text(p.online.as_str())
                    .text(&p.time_limit.to_string());
                for stage in &p.stages {
                    f.text(&stage.agency).text(&stage.time_limit.to_string());
                }
                f.int(-1);
            }
            f.value()
        })
    }

    /// The procedures, in catalogue order.
    pub fn procedures(&self) -> &[Procedure] {
        &self.procedures
    }

    /// Number of procedures.
    pub fn len(&self) -> usize {
        self.procedures.len()
    }

    /// Whether the catalogue is empty.
    pub fn is_empty(&self) -> bool {
        self.procedures.is_empty()
    }
}

#[cfg(test)]
#[path = "tests_procedure.rs"]
mod tests;
