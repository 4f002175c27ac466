//! The announced public-sector day-off schedules, embedded as Rust source generated from
//! `core/data/vn-official-schedules.json` (a copy of `reference/vn-official-schedules.json`):
//! 2016–2026 official, 2027 provisional. `official_data.rs` is generated; the test
//! `generated_table_matches_json` regenerates it and fails on any difference (run it with
//! `MOTCUA_REGENERATE=1` to rewrite the file), and `data_copy_matches_reference` checks the copy
//! against `../shared/reference/` when that directory exists.

use chrono::NaiveDate;

use super::law::ymd;
use super::ScheduleStatus;

/// One break of an official schedule: a run of consecutive days off, weekends included (a New
/// Year break may start in late December of the previous year).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Break {
    /// The holiday(s) of the break, e.g. "Tết Nguyên đán" or "30/4 + 1/5".
    pub name: &'static str,
    /// First day of the break.
    pub from: NaiveDate,
    /// Last day of the break.
    pub to: NaiveDate,
}

/// Announced but unconfirmed changes to a year (not part of `days_off`): applied only when
/// the caller opts in (`VnOptions::include_pending`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct PendingChange {
    /// Weekdays that would be off.
    pub days_off: &'static [NaiveDate],
    /// Weekend days that would be worked.
    pub makeup_working_days: &'static [NaiveDate],
    /// Why they are pending (the missing legal basis).
    pub basis: &'static str,
}

/// The public-sector schedule of one year as announced (or, for a provisional year, as
/// assumed), for agencies on a Monday–Friday week (Decision 188/1999/QĐ-TTg).
///
/// `days_off` and `makeup_working_days` are grouped by the calendar year of the date itself
/// (so Mon 31 Dec 2018, a swapped day of the 2019 New Year break, is in 2018); `breaks` by the
/// year of the holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct OfficialSchedule {
    /// The year.
    pub year: i32,
    /// [`ScheduleStatus::Official`] (announced) or [`ScheduleStatus::Provisional`] (computed,
    /// not announced).
    pub status: ScheduleStatus,
    /// Every Monday–Friday off (statutory, compensatory or swapped); weekends are never listed.
    pub days_off: &'static [NaiveDate],
    /// Saturdays or Sundays worked (*làm bù*).
    pub makeup_working_days: &'static [NaiveDate],
    /// The breaks, weekends included.
    pub breaks: &'static [Break],
    /// The documents announcing the schedule (Government Office dispatches, ministry notices).
    pub documents: &'static [&'static str],
    /// Whether every listed day was confirmed from a primary document or a report quoting one.
    pub verified: bool,
    /// Notes from the reference (what was checked, what was derived).
    pub notes: &'static str,
    /// Announced but unconfirmed changes, if any.
    pub pending: Option<PendingChange>,
}

include!("official_data.rs");

/// The embedded schedule of `year`, if any (2016–2027).
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
            return "&[]".into();
        }
        let mut s = String::from("&[\n");
        for x in list {
            writeln!(
                s,
                "{indent}    {},",
                date_expr(x.as_str().expect("date string"))
            )
            .unwrap();
        }
        write!(s, "{indent}]").unwrap();
        s
    }

    fn lit(v: &Value) -> String {
        format!("{:?}", v.as_str().expect("string"))
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
            writeln!(s, "        breaks: &[").unwrap();
            for b in y["breaks"].as_array().expect("breaks") {
                writeln!(
                    s,
                    "            Break {{ name: {}, from: {}, to: {} }},",
                    lit(&b["name"]),
                    date_expr(b["from"].as_str().expect("from")),
                    date_expr(b["to"].as_str().expect("to"))
                )
                .unwrap();
            }
            writeln!(s, "        ],").unwrap();
            let docs: Vec<String> = y["documents"]
                .as_array()
                .expect("documents")
                .iter()
                .map(lit)
                .collect();
            if docs.is_empty() {
                writeln!(s, "        documents: &[],").unwrap();
            } else {
                writeln!(s, "        documents: &[").unwrap();
                for d in docs {
                    writeln!(s, "            {d},").unwrap();
                }
                writeln!(s, "        ],").unwrap();
            }
            writeln!(
                s,
                "        verified: {},",
                y["verified"].as_bool().expect("verified")
            )
            .unwrap();
            writeln!(s, "        notes: {},", lit(&y["notes"])).unwrap();
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
                    writeln!(s, "            basis: {},", lit(&p["basis"])).unwrap();
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
            for list in [s.days_off, s.makeup_working_days] {
                assert!(list.iter().all(|d| *d != NaiveDate::MIN), "{}", s.year);
                assert!(list.windows(2).all(|w| w[0] < w[1]), "{}", s.year);
            }
            for b in s.breaks {
                assert!(b.from <= b.to && b.from != NaiveDate::MIN, "{}", s.year);
            }
        }
        assert!(SCHEDULES.windows(2).all(|w| w[0].year < w[1].year));
        assert_eq!(last_official_year(), Some(2026));
        assert!(!SOURCE_NOTE.is_empty());
    }
}
