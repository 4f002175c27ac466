//! Test-only crate: the Rust runner of the shared JSON vectors in `tests/vectors/` (the Python
//! and JS suites run the same files), and helpers for the end-to-end tests of the `motcua` CLI
//! (`conformance/`).
//!
//! [`evaluate`] turns one case into the JSON answer the library gives (or its error); the
//! test binary compares that with the case's `expected` or `error`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use motcua::civil::parse_date;
use motcua::{CalendarSpec, Error, ErrorKind, WorkCalendar};
use serde_json::{json, Value};

/// The repository root (the parent of this crate's directory).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// One vector file.
#[derive(Debug, serde::Deserialize)]
pub struct VectorFile {
    /// What the file covers.
    pub description: String,
    /// Where the expected values come from.
    pub source: String,
    /// The cases.
    pub cases: Vec<Case>,
}

/// One case of a vector file.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Case {
    /// Unique id within its file.
    pub id: String,
    /// Operation name.
    pub op: String,
    /// Calendar: a preset name or an inline spec.
    #[serde(default)]
    pub calendar: Option<Value>,
    /// Arguments by name.
    pub input: Value,
    /// Expected answer.
    #[serde(default)]
    pub expected: Option<Value>,
    /// Expected error code.
    #[serde(default)]
    pub error: Option<String>,
}

/// Loads every `tests/vectors/*.json` file, sorted by name.
pub fn load_vectors() -> Vec<(String, VectorFile)> {
    let dir = repo_root().join("tests").join("vectors");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|x| x == "json"));
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let file: VectorFile = serde_json::from_str(&text).unwrap_or_else(|e| VectorFile {
                description: format!("unparsable: {e}"),
                source: String::new(),
                cases: vec![],
            });
            (name, file)
        })
        .collect()
}

/// Calendars by preset name, compiled once.
#[derive(Default, Debug)]
pub struct Calendars {
    cache: HashMap<String, Result<WorkCalendar, Error>>,
}

impl Calendars {
    /// The calendar a case names (default `"vietnam"`).
    pub fn get(&mut self, which: Option<&Value>) -> Result<WorkCalendar, Error> {
        let key = match which {
            None => "vietnam".to_string(),
            Some(Value::String(s)) => s.clone(),
            Some(v) => v.to_string(),
        };
        self.cache
            .entry(key.clone())
            .or_insert_with(|| build_calendar(&key, which))
            .clone()
    }
}

fn build_calendar(key: &str, which: Option<&Value>) -> Result<WorkCalendar, Error> {
    match (key, which) {
        ("weekdays", _) => {
            let path = repo_root().join("core/examples/weekdays.json");
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::new(ErrorKind::Io, e.to_string()))?;
            CalendarSpec::from_json(&text)?.compile()
        }
        (_, Some(Value::Object(m))) if m.contains_key("schedules") => vn_preset(which)?.calendar(),
        (_, Some(v @ Value::Object(_))) => CalendarSpec::from_json(&v.to_string())?.compile(),
        _ => vn_preset(which)?.calendar(),
    }
}

/// The Vietnamese preset a case names: `"vietnam"`, `"vietnam_statutory"`,
/// `"vietnam_pending"`, or `{"preset": NAME, "schedules": FILE}` (announced years supplied at
/// run time).
fn vn_preset(which: Option<&Value>) -> Result<motcua::vn::Preset, Error> {
    use motcua::vn::{Preset, Schedules, VnOptions};
    let (name, schedules) = match which {
        None => ("vietnam", None),
        Some(Value::String(s)) => (s.as_str(), None),
        Some(Value::Object(m)) => (
            m.get("preset").and_then(Value::as_str).unwrap_or("vietnam"),
            m.get("schedules"),
        ),
        Some(v) => {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("unknown calendar {v}"),
            ))
        }
    };
    let opts = match name {
        "vietnam" => VnOptions::PUBLIC_SECTOR,
        "vietnam_statutory" => VnOptions::STATUTORY,
        "vietnam_pending" => VnOptions::WITH_PENDING,
        other => {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("unknown Vietnamese preset `{other}`"),
            ))
        }
    };
    let preset = Preset::new(opts);
    Ok(match schedules {
        Some(file) => preset.with_schedules(Schedules::from_json(&file.to_string())?),
        None => preset,
    })
}

fn str_arg<'a>(input: &'a Value, name: &str) -> Result<&'a str, Error> {
    input.get(name).and_then(Value::as_str).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidArgument,
            format!("vector input lacks string `{name}`"),
        )
    })
}

fn int_arg(input: &Value, name: &str) -> Result<i64, Error> {
    input.get(name).and_then(Value::as_i64).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidArgument,
            format!("vector input lacks integer `{name}`"),
        )
    })
}

fn date_arg(input: &Value, name: &str) -> Result<NaiveDate, Error> {
    parse_date(str_arg(input, name)?)
}

fn lunar_calendar(input: &Value) -> Result<motcua::lunar::LunarCalendar, Error> {
    match input.get("utc_offset_minutes").and_then(Value::as_i64) {
        None | Some(420) => Ok(motcua::lunar::LunarCalendar::vietnam()),
        Some(480) => Ok(motcua::lunar::LunarCalendar::china()),
        Some(m) => motcua::lunar::LunarCalendar::with_utc_offset_minutes(
            i32::try_from(m).map_err(|_| Error::new(ErrorKind::InvalidArgument, "offset"))?,
        ),
    }
}

/// Evaluates one case with the library; the answer is JSON shaped as the CLI prints it.
pub fn evaluate(case: &Case, calendars: &mut Calendars) -> Result<Value, Error> {
    let input = &case.input;
    match case.op.as_str() {
        "is_working_day" => {
            let cal = calendars.get(case.calendar.as_ref())?;
            Ok(json!(cal.is_working_day(date_arg(input, "date")?)?))
        }
        "add_working_days" => {
            let cal = calendars.get(case.calendar.as_ref())?;
            let d = cal.add_working_days(date_arg(input, "date")?, int_arg(input, "n")?)?;
            Ok(json!(d.to_string()))
        }
        "working_days_between" => {
            let cal = calendars.get(case.calendar.as_ref())?;
            Ok(json!(cal.working_days_between(
                date_arg(input, "a")?,
                date_arg(input, "b")?
            )?))
        }
        "next_working_day" => {
            let cal = calendars.get(case.calendar.as_ref())?;
            Ok(json!(cal
                .next_working_day(date_arg(input, "date")?)?
                .to_string()))
        }
        "previous_working_day" => {
            let cal = calendars.get(case.calendar.as_ref())?;
            Ok(json!(cal
                .previous_working_day(date_arg(input, "date")?)?
                .to_string()))
        }
        "days_off" => {
            let cal = calendars.get(case.calendar.as_ref())?;
            let days = cal.days_off(date_arg(input, "from")?, date_arg(input, "to")?)?;
            Ok(json!(days
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()))
        }
        "to_lunar" => {
            let cal = lunar_calendar(input)?;
            let l = cal.to_lunar(date_arg(input, "date")?)?;
            serde_json::to_value(l)
                .map_err(|e| Error::new(ErrorKind::InvalidArgument, e.to_string()))
        }
        "from_lunar" => {
            let cal = lunar_calendar(input)?;
            let small = |name: &str| {
                u8::try_from(int_arg(input, name)?).map_err(|_| {
                    Error::new(
                        ErrorKind::InvalidLunarDate,
                        format!("`{name}` out of range"),
                    )
                })
            };
            let year = i32::try_from(int_arg(input, "year")?)
                .map_err(|_| Error::new(ErrorKind::DateOutOfRange, "year does not fit"))?;
            let leap = input.get("leap").and_then(Value::as_bool).unwrap_or(false);
            Ok(json!(cal
                .from_lunar(year, small("month")?, small("day")?, leap)?
                .to_string()))
        }
        "due" | "classify" => {
            let cal = calendars.get(case.calendar.as_ref())?;
            let dossier_value = input.get("dossier").ok_or_else(|| {
                Error::new(ErrorKind::InvalidArgument, "vector input lacks `dossier`")
            })?;
            let dossier = motcua::dossier::Dossier::from_json_value(dossier_value)?;
            let mut rules = motcua::deadline::Rules::default();
            if let Some(Value::Object(m)) = input.get("rules") {
                for (k, v) in m {
                    rules.set(k, v.as_str().unwrap_or_default())?;
                }
            }
            let catalogue = match input.get("catalogue") {
                Some(c) => Some(motcua::procedure::Catalogue::from_json(&c.to_string())?),
                None => None,
            };
            let value = if case.op == "due" {
                serde_json::to_value(motcua::deadline::due(
                    &dossier,
                    &cal,
                    &rules,
                    catalogue.as_ref(),
                )?)
            } else {
                let as_of = motcua::civil::parse_instant(
                    str_arg(input, "as_of")?,
                    motcua::civil::DateOnly::EndOfDay,
                )?;
                serde_json::to_value(motcua::outcome::classify(
                    &dossier,
                    &cal,
                    &rules,
                    catalogue.as_ref(),
                    as_of,
                )?)
            };
            value.map_err(|e| Error::new(ErrorKind::InvalidArgument, e.to_string()))
        }
        "holidays" => {
            let year = i32::try_from(int_arg(input, "year")?)
                .map_err(|_| Error::new(ErrorKind::DateOutOfRange, "year does not fit"))?;
            serde_json::to_value(vn_preset(case.calendar.as_ref())?.holidays(year)?)
                .map_err(|e| Error::new(ErrorKind::InvalidArgument, e.to_string()))
        }
        other => Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("the Rust runner has no op `{other}`"),
        )),
    }
}

/// Compares an evaluation with the case: `Ok(())` or a description of the mismatch.
pub fn check(case: &Case, got: &Result<Value, Error>) -> Result<(), String> {
    match (&case.expected, &case.error, got) {
        (Some(exp), None, Ok(v)) => {
            if matches_expected(exp, v) {
                Ok(())
            } else {
                Err(format!("expected {exp}, got {v}"))
            }
        }
        (None, Some(code), Err(e)) if e.code() == code => Ok(()),
        (None, Some(code), Err(e)) => Err(format!(
            "expected error {code}, got error {}: {e}",
            e.code()
        )),
        (None, Some(code), Ok(v)) => Err(format!("expected error {code}, got {v}")),
        (Some(exp), None, Err(e)) => Err(format!("expected {exp}, got error {}: {e}", e.code())),
        _ => Err("a case needs exactly one of `expected` and `error`".into()),
    }
}

/// `expected` matches `got` when equal, except that for objects only the keys present in
/// `expected` are compared (recursively).
pub fn matches_expected(expected: &Value, got: &Value) -> bool {
    match (expected, got) {
        (Value::Object(e), Value::Object(g)) => e
            .iter()
            .all(|(k, ev)| g.get(k).is_some_and(|gv| matches_expected(ev, gv))),
        (Value::Array(e), Value::Array(g)) => {
            e.len() == g.len() && e.iter().zip(g).all(|(a, b)| matches_expected(a, b))
        }
        _ => expected == got,
    }
}

/// Path of the built `motcua` binary (next to the test executable's `deps/` directory).
pub fn cli_path() -> PathBuf {
    if let Some(p) = std::env::var_os("MOTCUA_BIN") {
        return PathBuf::from(p);
    }
    let exe = std::env::current_exe().unwrap_or_default();
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    dir.join(format!("motcua{}", std::env::consts::EXE_SUFFIX))
}

/// The Rust examples of the repository's `README.md`, run as doc tests (the crate's own README,
/// `core/README.md`, is run by the `motcua` crate).
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct RepositoryReadmeDoctests;
