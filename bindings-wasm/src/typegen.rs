//! Generates `src/generated.d.ts`: the TypeScript unions and column lists of the package's
//! types, from the core's const tables (error codes, rule sets, outcomes, day / holiday /
//! step / event kinds, channels, levels, indicators, warning codes, rule switches, report and
//! record columns), so that no name the core defines is typed by hand. The file is committed
//! and shipped in the `.d.ts` (`types.rs`); the test below regenerates it and fails on any
//! difference. After changing a core table:
//!
//! ```text
//! MOTCUA_REGENERATE=1 cargo test -p motcua-wasm typegen
//! ```

use std::fmt::Write;

use motcua::deadline::{StepKind, RULE_SETS};
use motcua::dossier::{Channel, EventKind, WarningCode};
use motcua::indicators::Indicator;
use motcua::outcome::Outcome;
use motcua::procedure::{AuthorityLevel, OnlineService};
use motcua::records::{DOSSIER_COLUMNS, SERVICE_COLUMNS, TRANSFER_COLUMNS};
use motcua::report::{COUNT_COLUMNS, RATE_COLUMNS, STAGE_COLUMNS, STAGE_RATE_COLUMNS};
use motcua::vn::{HolidayKind, ScheduleSource, ScheduleStatus};
use motcua::worklist::WORKLIST_COLUMNS;
use motcua::{DayClass, DayKind, ErrorKind};

use crate::convert::snake_to_camel;
use crate::error::JS_ERROR_CODES;

/// A union, one member a line: `\n  | "a"\n  | "b"`.
fn union<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names
        .into_iter()
        .map(|n| format!("\n  | \"{n}\""))
        .collect()
}

/// A `/** ... */` comment, wrapped at 100 columns.
fn doc(out: &mut String, text: &str) {
    let mut line = String::from("/**");
    for word in text.split_whitespace() {
        if line.len() + 1 + word.len() > 100 {
            out.push_str(&line);
            out.push('\n');
            line = String::from(" *");
        }
        line.push(' ');
        line.push_str(word);
    }
    out.push_str(&line);
    out.push_str(" */\n");
}

fn alias(out: &mut String, text: &str, name: &str, names: Vec<&str>) {
    doc(out, text);
    let _ = writeln!(out, "export type {name} ={};\n", union(names));
}

/// The TypeScript type of a worklist column (`motcua worklist --format json`); `unknown` for a
/// column this file does not know yet (a test fails on it).
fn worklist_type(column: &str) -> &'static str {
    match column {
        "due" | "due_at" => "string",
        "working_days_left" => "number",
        "status" => "WorklistStatus",
        "apology_by" | "stage_agency" | "stage_due" => "string | null",
        "stage_overdue" => "boolean | null",
        _ => "unknown",
    }
}

/// The text of `src/generated.d.ts`.
pub fn generate() -> String {
    let mut out = String::from(
        "// Generated from the core's tables by bindings-wasm/src/typegen.rs: do not edit.\n\
         // Regenerate: MOTCUA_REGENERATE=1 cargo test -p motcua-wasm typegen\n\n",
    );
    let codes: Vec<&str> = ErrorKind::ALL.iter().map(|k| k.code()).collect();
    alias(
        &mut out,
        "The stable error codes of `MotcuaError.code`: the core's (`motcua::ErrorKind::code`), \
         then the JS package's own (`not_initialized`: called before `init()` finished; \
         `init_failed`: the WebAssembly module could not be loaded; `object_freed`: a method of \
         a freed `Calendar`/`Catalogue`).",
        "ErrorCode",
        codes.into_iter().chain(JS_ERROR_CODES).collect(),
    );
    alias(
        &mut out,
        "The rule set in force, chosen by the deemed receipt day: before Decree 61/2018 \
         (`pre2018`), Decree 61/2018/NĐ-CP (`nd61`), Decree 118/2025/NĐ-CP (`nd118`).",
        "RuleSet",
        RULE_SETS.iter().map(|r| r.id.as_str()).collect(),
    );
    alias(
        &mut out,
        "The class of a dossier as of an instant.",
        "Outcome",
        Outcome::ALL.iter().map(|o| o.as_str()).collect(),
    );
    alias(
        &mut out,
        "What a day is in a calendar.",
        "DayKind",
        DayKind::ALL.iter().map(|k| k.as_str()).collect(),
    );
    alias(
        &mut out,
        "What a day is in a calendar, in detail: the class an explanation skips a day off with \
         (a day off in `holidays` without a stated kind is a plain `holiday`).",
        "DayClass",
        DayClass::ALL.iter().map(|k| k.as_str()).collect(),
    );
    alias(
        &mut out,
        "What a named day of the Vietnamese calendar is.",
        "HolidayKind",
        HolidayKind::ALL.iter().map(|k| k.as_str()).collect(),
    );
    alias(
        &mut out,
        "What a year's schedule is: announced (`official`), or computed from the statute.",
        "ScheduleStatus",
        ScheduleStatus::ALL.iter().map(|k| k.as_str()).collect(),
    );
    alias(
        &mut out,
        "Where a year's schedule comes from: this release's data, a schedules file, the statute.",
        "ScheduleSource",
        ScheduleSource::ALL.iter().map(|k| k.as_str()).collect(),
    );
    alias(
        &mut out,
        "What happened to a dossier after its receipt.",
        "EventType",
        EventKind::ALL.iter().map(|k| k.as_str()).collect(),
    );
    alias(
        &mut out,
        "How a dossier reached the one-stop desk.",
        "Channel",
        Channel::ALL.iter().map(|k| k.as_str()).collect(),
    );
    alias(
        &mut out,
        "The level of the authority that settles a procedure.",
        "AuthorityLevel",
        AuthorityLevel::ALL.iter().map(|k| k.as_str()).collect(),
    );
    alias(
        &mut out,
        "How far a procedure is offered online.",
        "OnlineService",
        OnlineService::ALL.iter().map(|k| k.as_str()).collect(),
    );
    alias(
        &mut out,
        "An indicator of the scorecard.",
        "IndicatorName",
        Indicator::ALL.iter().map(|k| k.as_str()).collect(),
    );
    alias(
        &mut out,
        "The code of a warning: something odd but accepted in a dossier.",
        "WarningCode",
        WarningCode::ALL.iter().map(|k| k.as_str()).collect(),
    );
    alias(
        &mut out,
        "What a step of an explanation is about.",
        "StepKind",
        StepKind::ALL.iter().map(|k| k.as_str()).collect(),
    );

    doc(
        &mut out,
        "Switches that reproduce other systems' numbers (the CLI's `--rule KEY=VALUE`); \
         default = the law, the first value. Keys may be camelCase or snake_case, not both.",
    );
    out.push_str("export interface Rules {\n");
    for (key, values) in motcua::deadline::Rules::OPTIONS {
        let names = values
            .iter()
            .map(|v| format!("\"{v}\""))
            .collect::<Vec<_>>()
            .join(" | ");
        let _ = writeln!(out, "  {key}?: {names};");
        let camel = snake_to_camel(key);
        if camel != *key {
            let _ = writeln!(out, "  {camel}?: {names};");
        }
    }
    out.push_str("}\n\n");

    doc(
        &mut out,
        "The count and rate columns of a report row (`motcua report --format json`), in \
         order. Rates are fractions, `null` when their denominator is 0.",
    );
    out.push_str("export interface ReportCounts {\n");
    for c in COUNT_COLUMNS {
        let _ = writeln!(out, "  {c}: number;");
    }
    for c in RATE_COLUMNS {
        let _ = writeln!(out, "  {c}: number | null;");
    }
    out.push_str("}\n\n");

    alias(
        &mut out,
        "Where an open dossier stands on the worklist (`motcua worklist`).",
        "WorklistStatus",
        motcua::worklist::Status::ALL
            .iter()
            .map(|s| s.as_str())
            .collect(),
    );

    doc(
        &mut out,
        "The columns of a worklist row after its `id` and grouping columns (`motcua worklist \
         --format json`), in order: dates `YYYY-MM-DD`, `due_at` `YYYY-MM-DDTHH:MM`; the \
         holding stage's `agency`, `stage_due` and `stage_overdue` are `null` for a dossier \
         without stages.",
    );
    out.push_str("export interface WorklistColumns {\n");
    for c in WORKLIST_COLUMNS {
        let _ = writeln!(out, "  {c}: {};", worklist_type(c));
    }
    out.push_str("}\n\n");

    alias(
        &mut out,
        "The columns of a dossier record that `report` reads (`motcua report`'s CSV columns), \
         then those `scorecard` reads too.",
        "RecordColumn",
        DOSSIER_COLUMNS
            .iter()
            .chain(SERVICE_COLUMNS.iter())
            .copied()
            .collect(),
    );
    doc(
        &mut out,
        "The count and rate columns of a stage-table row (`motcua report --stages --format \
         json`), in order. The rate is a fraction, `null` when no stage was completed.",
    );
    out.push_str("export interface StageCounts {\n");
    for c in STAGE_COLUMNS {
        let _ = writeln!(out, "  {c}: number;");
    }
    for c in STAGE_RATE_COLUMNS {
        let _ = writeln!(out, "  {c}: number | null;");
    }
    out.push_str("}\n\n");
    alias(
        &mut out,
        "The columns of a transfer record (`motcua report --transfers`).",
        "TransferColumn",
        TRANSFER_COLUMNS.to_vec(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::DeserializeOwned;

    /// The variant names serde knows for `T` (from its "unknown variant" message, which lists
    /// every variant of the enum's definition): the check that an `ALL` table is complete.
    fn serde_names<T: DeserializeOwned + std::fmt::Debug>() -> Vec<String> {
        let err = serde_json::from_str::<T>("\"no such variant\"").unwrap_err();
        let msg = err.to_string();
        let expected = msg.split("expected").nth(1).unwrap_or_default();
        expected
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    }

    fn same<T: DeserializeOwned + std::fmt::Debug>(listed: Vec<&str>) {
        assert_eq!(
            serde_names::<T>(),
            listed,
            "{}: its ALL table lacks a variant, or is out of order",
            std::any::type_name::<T>()
        );
    }

    #[test]
    fn core_tables_list_every_variant() {
        same::<Outcome>(Outcome::ALL.iter().map(|k| k.as_str()).collect());
        same::<DayKind>(DayKind::ALL.iter().map(|k| k.as_str()).collect());
        same::<DayClass>(DayClass::ALL.iter().map(|k| k.as_str()).collect());
        same::<HolidayKind>(HolidayKind::ALL.iter().map(|k| k.as_str()).collect());
        same::<ScheduleStatus>(ScheduleStatus::ALL.iter().map(|k| k.as_str()).collect());
        same::<ScheduleSource>(ScheduleSource::ALL.iter().map(|k| k.as_str()).collect());
        same::<EventKind>(EventKind::ALL.iter().map(|k| k.as_str()).collect());
        same::<Channel>(Channel::ALL.iter().map(|k| k.as_str()).collect());
        same::<AuthorityLevel>(AuthorityLevel::ALL.iter().map(|k| k.as_str()).collect());
        same::<OnlineService>(OnlineService::ALL.iter().map(|k| k.as_str()).collect());
        same::<WarningCode>(WarningCode::ALL.iter().map(|k| k.as_str()).collect());
        same::<StepKind>(StepKind::ALL.iter().map(|k| k.as_str()).collect());
        same::<motcua::deadline::RuleSet>(RULE_SETS.iter().map(|r| r.id.as_str()).collect());
    }

    /// Every worklist column of the core has its TypeScript type here.
    #[test]
    fn typegen_knows_every_worklist_column() {
        for c in WORKLIST_COLUMNS {
            assert_ne!(
                worklist_type(c),
                "unknown",
                "worklist column `{c}` has no type"
            );
        }
    }

    /// `src/generated.d.ts` is what the core's tables give today.
    #[test]
    fn typegen_generated_file_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/generated.d.ts");
        let want = generate();
        if std::env::var_os("MOTCUA_REGENERATE").is_some() {
            std::fs::write(path, &want).unwrap();
        }
        let have = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            have == want,
            "src/generated.d.ts is stale: run MOTCUA_REGENERATE=1 cargo test -p motcua-wasm typegen"
        );
    }
}
