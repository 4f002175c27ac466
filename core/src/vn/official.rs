//! The announced public-sector day-off schedules, embedded as Rust source generated from
//! `core/data/vn-official-schedules.json` (a copy of `reference/vn-official-schedules.json`):
//! 2016–2026 official, 2027 provisional. `official_data.rs` is generated; the test
//! `generated_table_matches_json` regenerates it and fails on any difference (run it with
//! `MOTCUA_REGENERATE=1` to rewrite the file), and `data_copy_matches_reference` checks the copy
//! against `../shared/reference/` when that directory exists.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::law::ymd;
use super::ScheduleStatus;

/// A list of dates: borrowed from the embedded tables, owned when read from a file.
pub type Dates = Cow<'static, [NaiveDate]>;

/// One break of a schedule: a run of consecutive days off, weekends included (a New Year break
/// may start in late December of the previous year). Informative: the days off are those of
/// [`OfficialSchedule::days_off`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Break {
    /// The holiday(s) of the break, e.g. "Tết Nguyên đán" or "30/4 + 1/5".
    pub name: Cow<'static, str>,
    /// First day of the break.
    pub from: NaiveDate,
    /// Last day of the break.
    pub to: NaiveDate,
}

impl Break {
    /// A break named `name` from `from` to `to` (both included).
    pub fn new(name: impl Into<Cow<'static, str>>, from: NaiveDate, to: NaiveDate) -> Break {
        Break {
            name: name.into(),
            from,
            to,
        }
    }
}

/// Announced but unconfirmed changes to a year (not part of `days_off`): applied only when
/// the caller opts in (`VnOptions::include_pending`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PendingChange {
    /// Weekdays that would be off.
    pub days_off: Dates,
    /// Weekend days that would be worked.
    pub makeup_working_days: Dates,
    /// Why they are pending (the missing legal basis).
    #[serde(default)]
    pub basis: Cow<'static, str>,
}

/// The public-sector schedule of one year as announced (or, for a provisional year, as
/// assumed), for agencies on a Monday–Friday week (Decision 188/1999/QĐ-TTg): one year of the
/// schedules file (`--schedules FILE`, [`Schedules`](super::Schedules)), or an embedded year.
///
/// `days_off` and `makeup_working_days` are grouped by the calendar year of the date itself
/// (so Mon 31 Dec 2018, a swapped day of the 2019 New Year break, is in 2018); `breaks` by the
/// year of the holiday.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct OfficialSchedule {
    /// The year.
    #[serde(skip)]
    pub year: i32,
    /// [`ScheduleStatus::Official`] (announced), [`ScheduleStatus::Provisional`] (computed or
    /// assumed, not announced) or [`ScheduleStatus::Statutory`] (a past year computed from the
    /// statute).
    pub status: ScheduleStatus,
    /// Every weekday off (statutory, compensatory or swapped); weekly rest days are never
    /// listed.
    pub days_off: Dates,
    /// Weekly rest days worked (*làm bù*).
    pub makeup_working_days: Dates,
    /// The breaks, weekends included (informative).
    pub breaks: Cow<'static, [Break]>,
    /// The documents announcing the schedule (Government Office dispatches, ministry notices).
    pub documents: Cow<'static, [Cow<'static, str>]>,
    /// Whether every listed day was confirmed from a primary document or a report quoting one.
    pub verified: bool,
    /// Notes (what was checked, what was derived).
    pub notes: Cow<'static, str>,
    /// Announced but unconfirmed changes, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pending: Option<PendingChange>,
}

include!("official_data.rs");

/// The embedded schedule of `year`, if any (2016–2027). A year supplied at run time
/// ([`Schedules`](super::Schedules)) is not seen here: ask a [`Preset`](super::Preset).
pub fn official_schedule(year: i32) -> Option<&'static OfficialSchedule> {
    SCHEDULES.iter().find(|s| s.year == year)
}

/// Every embedded schedule, in year order.
pub fn official_schedules() -> &'static [OfficialSchedule] {
    SCHEDULES
}

/// The last year with an announced ([`ScheduleStatus::Official`]) schedule.
pub(crate) fn last_official_year() -> Option<i32> {
    SCHEDULES
        .iter()
        .filter(|s| s.status == ScheduleStatus::Official)
        .map(|s| s.year)
        .max()
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;
    use std::path::PathBuf;

    use serde_json::Value;

    use super::*;

    fn manifest_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    fn data_path() -> PathBuf {
        manifest_dir()
            .join("data")
            .join("vn-official-schedules.json")
    }

    fn date_expr(s: &str) -> String {
        let d: NaiveDate = s.parse().unwrap_or_else(|e| panic!("bad date {s}: {e}"));
        use chrono::Datelike;
        format!("ymd({}, {}, {})", d.year(), d.month(), d.day())
    }

    fn dates(v: &Value, indent: &str) -> String {
        let list = v.as_array().expect("array of dates");
        if list.is_empty() {
            return "Cow::Borrowed(&[])".into();
        }
        let mut s = String::from("Cow::Borrowed(&[\n");
        for x in list {
            writeln!(
                s,
                "{indent}    {},",
                date_expr(x.as_str().expect("date string"))
            )
            .unwrap();
        }
        write!(s, "{indent}])").unwrap();
        s
    }

    fn lit(v: &Value) -> String {
        format!("{:?}", v.as_str().expect("string"))
    }

    fn cow(v: &Value) -> String {
        format!("Cow::Borrowed({})", lit(v))
    }

    /// Renders `official_data.rs` from the JSON.
    fn render(json: &Value) -> String {
        let mut s = String::new();
        s.push_str(
            "// @generated from core/data/vn-official-schedules.json by the test\n\
             // `vn::official::tests::generated_table_matches_json` (run it with\n\
             // MOTCUA_REGENERATE=1 to rewrite this file). Do not edit by hand.\n\n",
        );
        writeln!(
            s,
            "/// How the embedded schedules were compiled (the JSON's `source_note`).\n\
             pub const SOURCE_NOTE: &str = {};\n",
            lit(&json["source_note"])
        )
        .unwrap();
        s.push_str("/// The embedded schedules, in year order.\nstatic SCHEDULES: &[OfficialSchedule] = &[\n");
        let years = json["years"].as_object().expect("years object");
        let mut keys: Vec<&String> = years.keys().collect();
        keys.sort();
        for k in keys {
            let y = &years[k];
            let status = match y["status"].as_str().expect("status") {
                "official" => "ScheduleStatus::Official",
                "provisional" => "ScheduleStatus::Provisional",
                other => panic!("unknown status {other}"),
            };
            writeln!(s, "    OfficialSchedule {{").unwrap();
            writeln!(s, "        year: {},", k.parse::<i32>().expect("year key")).unwrap();
            writeln!(s, "        status: {status},").unwrap();
            writeln!(
                s,
                "        days_off: {},",
                dates(&y["days_off"], "        ")
            )
            .unwrap();
            writeln!(
                s,
                "        makeup_working_days: {},",
                dates(&y["makeup_working_days"], "        ")
            )
            .unwrap();
            writeln!(s, "        breaks: Cow::Borrowed(&[").unwrap();
            for b in y["breaks"].as_array().expect("breaks") {
                writeln!(
                    s,
                    "            Break {{ name: {}, from: {}, to: {} }},",
                    cow(&b["name"]),
                    date_expr(b["from"].as_str().expect("from")),
                    date_expr(b["to"].as_str().expect("to"))
                )
                .unwrap();
            }
            writeln!(s, "        ]),").unwrap();
            let docs: Vec<String> = y["documents"]
                .as_array()
                .expect("documents")
                .iter()
                .map(cow)
                .collect();
            if docs.is_empty() {
                writeln!(s, "        documents: Cow::Borrowed(&[]),").unwrap();
            } else {
                writeln!(s, "        documents: Cow::Borrowed(&[").unwrap();
                for d in docs {
                    writeln!(s, "            {d},").unwrap();
                }
                writeln!(s, "        ]),").unwrap();
            }
            writeln!(
                s,
                "        verified: {},",
                y["verified"].as_bool().expect("verified")
            )
            .unwrap();
            writeln!(s, "        notes: {},", cow(&y["notes"])).unwrap();
            match y.get("pending") {
                None => writeln!(s, "        pending: None,").unwrap(),
                Some(p) => {
                    writeln!(s, "        pending: Some(PendingChange {{").unwrap();
                    writeln!(
                        s,
                        "            days_off: {},",
                        dates(&p["days_off"], "            ")
                    )
                    .unwrap();
                    writeln!(
                        s,
                        "            makeup_working_days: {},",
                        dates(&p["makeup_working_days"], "            ")
                    )
                    .unwrap();
                    writeln!(s, "            basis: {},", cow(&p["basis"])).unwrap();
                    writeln!(s, "        }}),").unwrap();
                }
            }
            writeln!(s, "    }},").unwrap();
        }
        s.push_str("];\n");
        s
    }

    #[test]
    fn generated_table_matches_json() {
        let json: Value =
            serde_json::from_str(&std::fs::read_to_string(data_path()).unwrap()).unwrap();
        let want = render(&json);
        let path = manifest_dir()
            .join("src")
            .join("vn")
            .join("official_data.rs");
        if std::env::var_os("MOTCUA_REGENERATE").is_some() {
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap();
        assert!(
            have == want,
            "{} is stale: rerun this test with MOTCUA_REGENERATE=1",
            path.display()
        );
    }

    #[test]
    fn data_copy_matches_reference() {
        let reference = manifest_dir()
            .join("..")
            .join("..")
            .join("shared")
            .join("reference")
            .join("vn-official-schedules.json");
        let Ok(text) = std::fs::read_to_string(&reference) else {
            eprintln!("{} not found: skipped", reference.display());
            return;
        };
        let theirs: Value = serde_json::from_str(&text).unwrap();
        let ours: Value =
            serde_json::from_str(&std::fs::read_to_string(data_path()).unwrap()).unwrap();
        assert!(
            theirs == ours,
            "core/data/vn-official-schedules.json differs from {}: copy it over and regenerate",
            reference.display()
        );
    }

    #[test]
    fn embedded_dates_are_valid_and_ordered() {
        for s in SCHEDULES {
            for list in [&s.days_off, &s.makeup_working_days] {
                assert!(list.iter().all(|d| *d != NaiveDate::MIN), "{}", s.year);
                assert!(list.windows(2).all(|w| w[0] < w[1]), "{}", s.year);
            }
            for b in s.breaks.iter() {
                assert!(b.from <= b.to && b.from != NaiveDate::MIN, "{}", s.year);
            }
        }
        assert!(SCHEDULES.windows(2).all(|w| w[0].year < w[1].year));
        assert_eq!(last_official_year(), Some(2026));
        assert!(!SOURCE_NOTE.is_empty());
    }
}
