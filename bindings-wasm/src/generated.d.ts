// Generated from the core's tables by bindings-wasm/src/typegen.rs: do not edit.
// Regenerate: MOTCUA_REGENERATE=1 cargo test -p motcua-wasm typegen

/** The stable error codes of `MotcuaError.code`: the core's (`motcua::ErrorKind::code`), then the
 * JS package's own (`not_initialized`: called before `init()` finished; `init_failed`: the
 * WebAssembly module could not be loaded; `object_freed`: a method of a freed
 * `Calendar`/`Catalogue`). */
export type ErrorCode =
  | "invalid_date"
  | "date_out_of_range"
  | "invalid_number"
  | "invalid_argument"
  | "empty_input"
  | "invalid_json"
  | "invalid_spec"
  | "invalid_schedule"
  | "invalid_lunar_date"
  | "unknown_procedure"
  | "invalid_time_limit"
  | "invalid_catalogue"
  | "csv_field"
  | "csv_empty"
  | "csv_missing_column"
  | "events_out_of_order"
  | "result_before_receipt"
  | "supplement_without_request"
  | "second_apology"
  | "new_due_earlier"
  | "invalid_transfer"
  | "invalid_dossier"
  | "invalid_rule"
  | "io"
  | "not_initialized"
  | "init_failed"
  | "object_freed";

/** The rule set in force, chosen by the deemed receipt day: before Decree 61/2018 (`pre2018`),
 * Decree 61/2018/NĐ-CP (`nd61`), Decree 118/2025/NĐ-CP (`nd118`). */
export type RuleSet =
  | "pre2018"
  | "nd61"
  | "nd118";

/** The class of a dossier as of an instant. */
export type Outcome =
  | "early"
  | "on_time"
  | "late"
  | "pending_within"
  | "overdue"
  | "awaiting_supplement"
  | "refused"
  | "withdrawn";

/** What a day is in a calendar. */
export type DayKind =
  | "working"
  | "weekly_rest"
  | "holiday"
  | "closure"
  | "makeup_working_day";

/** What a day is in a calendar, in detail: the class an explanation skips a day off with (a day off
 * in `holidays` without a stated kind is a plain `holiday`). */
export type DayClass =
  | "working"
  | "makeup_working_day"
  | "weekly_rest"
  | "holiday"
  | "statutory"
  | "compensatory"
  | "swapped"
  | "provisional"
  | "pending"
  | "closure";

/** What a named day of the Vietnamese calendar is. */
export type HolidayKind =
  | "statutory"
  | "compensatory"
  | "swapped"
  | "makeup_working_day"
  | "provisional"
  | "pending";

/** What a year's schedule is: announced (`official`), or computed from the statute. */
export type ScheduleStatus =
  | "official"
  | "statutory"
  | "provisional";

/** Where a year's schedule comes from: this release's data, a schedules file, the statute. */
export type ScheduleSource =
  | "embedded"
  | "file"
  | "statute";

/** What happened to a dossier after its receipt. */
export type EventType =
  | "supplement_requested"
  | "supplement_received"
  | "apology"
  | "extended"
  | "refused"
  | "withdrawn"
  | "resolved"
  | "returned"
  | "transferred";

/** How a dossier reached the one-stop desk. */
export type Channel =
  | "direct"
  | "online"
  | "postal";

/** The level of the authority that settles a procedure. */
export type AuthorityLevel =
  | "commune"
  | "district"
  | "province"
  | "central";

/** How far a procedure is offered online. */
export type OnlineService =
  | "full"
  | "partial"
  | "none";

/** An indicator of the scorecard. */
export type IndicatorName =
  | "on_time_rate"
  | "resolved_rate"
  | "online_rate"
  | "full_online_rate"
  | "postal_rate"
  | "digitised_rate"
  | "result_digitised_rate"
  | "satisfaction_rate"
  | "feedback_handled_rate";

/** The code of a warning: something odd but accepted in a dossier. */
export type WarningCode =
  | "multiple_supplement_requests"
  | "supplement_after_due"
  | "apology_after_due"
  | "extension_after_due"
  | "refused_late"
  | "resolved_while_awaiting_supplement"
  | "rule_set_unverified"
  | "district_level_abolished"
  | "unknown_key";

/** What a step of an explanation is about. */
export type StepKind =
  | "rule_set"
  | "limit"
  | "received"
  | "day_off"
  | "makeup_day"
  | "counted"
  | "end_moved"
  | "after_cutoff"
  | "supplement_requested"
  | "supplement_requested_again"
  | "clock_resumed"
  | "apology"
  | "extension"
  | "closed"
  | "awaiting_supplement"
  | "ignored_after_as_of"
  | "outcome"
  | "stage_received"
  | "stage_ended";

/** Switches that reproduce other systems' numbers (the CLI's `--rule KEY=VALUE`); default = the
 * law, the first value. Keys may be camelCase or snake_case, not both. */
export interface Rules {
  supplement?: "pause" | "restart";
  counting?: "days" | "hours";
  compare?: "date" | "instant";
  apology?: "moves_due" | "moves_due_day_before" | "counts_late";
  multi_supplement?: "allowed" | "late";
  multiSupplement?: "allowed" | "late";
  deemed_receipt?: "next_working_day_after_hours" | "calendar_day";
  deemedReceipt?: "next_working_day_after_hours" | "calendar_day";
}

/** The count and rate columns of a report row (`motcua report --format json`), in order. Rates are
 * fractions, `null` when their denominator is 0. */
export interface ReportCounts {
  carried_over: number;
  received_new: number;
  received: number;
  received_online: number;
  received_direct: number;
  received_postal: number;
  resolved: number;
  early: number;
  on_time: number;
  late: number;
  pending: number;
  pending_within: number;
  overdue: number;
  awaiting_supplement: number;
  refused: number;
  withdrawn: number;
  resolved_rate: number | null;
  on_time_rate: number | null;
  online_rate: number | null;
}

/** Where an open dossier stands on the worklist (`motcua worklist`). */
export type WorklistStatus =
  | "overdue"
  | "due_today"
  | "due_soon"
  | "awaiting_supplement"
  | "on_track";

/** The columns of a worklist row after its `id` and grouping columns (`motcua worklist --format
 * json`), in order: dates `YYYY-MM-DD`, `due_at` `YYYY-MM-DDTHH:MM`; the holding stage's `agency`,
 * `stage_due` and `stage_overdue` are `null` for a dossier without stages. */
export interface WorklistColumns {
  due: string;
  due_at: string;
  working_days_left: number;
  status: WorklistStatus;
  apology_by: string | null;
  stage_agency: string | null;
  stage_due: string | null;
  stage_overdue: boolean | null;
}

/** The columns of a dossier record that `report` reads (`motcua report`'s CSV columns), then those
 * `scorecard` reads too. */
export type RecordColumn =
  | "id"
  | "received"
  | "time_limit"
  | "procedure"
  | "channel"
  | "supplement_requested"
  | "supplement_received"
  | "new_due"
  | "resolved"
  | "refused"
  | "withdrawn"
  | "stages"
  | "online_level"
  | "digitised"
  | "result_digitised"
  | "satisfaction"
  | "feedback_received"
  | "feedback_handled";

/** The count and rate columns of a stage-table row (`motcua report --stages --format json`), in
 * order. The rate is a fraction, `null` when no stage was completed. */
export interface StageCounts {
  received: number;
  completed: number;
  early: number;
  on_time: number;
  late: number;
  holding: number;
  pending_within: number;
  overdue: number;
  awaiting_supplement: number;
  refused: number;
  withdrawn: number;
  on_time_rate: number | null;
}

/** The columns of a transfer record (`motcua report --transfers`). */
export type TransferColumn =
  | "id"
  | "at"
  | "to";

