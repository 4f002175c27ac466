//! TypeScript names of the JS values that cross the boundary untyped (`JsValue` in Rust), and
//! their declarations, shipped in the generated `.d.ts`. The unions of the core's names
//! (codes, kinds, outcomes, rule sets, columns) are generated from its tables into
//! `src/generated.d.ts` ([`crate::typegen`]) and shipped alongside.

use wasm_bindgen::prelude::*;

/// The unions generated from the core's tables (`src/generated.d.ts`).
#[wasm_bindgen(typescript_custom_section)]
const TS_GENERATED: &'static str = include_str!("generated.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** A civil date: an ISO date string `YYYY-MM-DD` (or `dd/mm/yyyy`), or an instant (a `Date`, or
 * a string with a time of day): its calendar day in Vietnam (UTC+7), whatever the runtime's
 * time zone. */
export type DateInput = string | Date;

/** An instant, as Vietnam wall-clock time (UTC+7): a `Date` (a point in time, converted to
 * UTC+7 whatever the runtime's time zone); an ISO string `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z`
 * or an offset (`toISOString()` output: converted to UTC+7) or without (Vietnam wall-clock
 * time already); a date alone (`YYYY-MM-DD`, `dd/mm/yyyy`) means the start of that day (for
 * `asOf`: its end). */
export type InstantInput = string | Date;

/** One day of `Calendar.days(from, to)`. */
export interface CalendarDay {
  date: string;
  kind: DayKind;
  working: boolean;
  /** The holiday's (or make-up day's) name, when the calendar names it. */
  name?: string;
}

/** A day in a calendar spec: a bare date, or one with its name and kind (the class an
 * explanation gives it; a day off without one is a plain holiday). */
export type SpecDay = string | { date: string; name?: string; kind?: HolidayKind };

/** A calendar spec (the `--calendar FILE` format); camelCase keys are accepted too. */
export interface CalendarSpec {
  name?: string;
  description?: string;
  /** Monday..Sunday, `1` = working, e.g. `"1111100"`. */
  weekmask: string;
  from: string;
  to: string;
  holidays?: SpecDay[];
  closures?: SpecDay[];
  working_days?: SpecDay[];
  weekmask_changes?: { from: string; weekmask: string }[];
  office_hours?: [string, string][];
  /** `working_days`, camelCase. */
  workingDays?: SpecDay[];
  /** `weekmask_changes`, camelCase. */
  weekmaskChanges?: { from: string; weekmask: string }[];
  /** `office_hours`, camelCase. */
  officeHours?: [string, string][];
}

/** A date of the lunisolar calendar. `year` is the Gregorian year of its Tết; a leap month
 * (`leap: true`) repeats the number of the month before it. */
export interface LunarDate {
  year: number;
  month: number;
  day: number;
  leap: boolean;
}

/** Which lunisolar calendar: UTC+7 (Vietnam, the default) or another offset (480 = China). */
export interface LunarOptions {
  utcOffsetMinutes?: number;
}

/** One named day of `Calendar.holidays(year)` / `holidays(year)` (`holiday` and `closure`:
 * a calendar built from a spec, as its entries state their kind). */
export interface Holiday {
  date: string;
  nameVi: string;
  nameEn: string;
  kind: HolidayKind | "holiday" | "closure";
}

/** `Calendar#scheduleInfo(year)`. */
export interface ScheduleInfo {
  year: number;
  status: ScheduleStatus;
  source: ScheduleSource;
}

/** One year of a schedules file (`motcua schedule YEAR`). */
export interface YearSchedule {
  status: ScheduleStatus;
  /** Every weekday off (statutory, compensatory or swapped), `YYYY-MM-DD`. */
  days_off: string[];
  /** Weekly rest days worked. */
  makeup_working_days: string[];
  breaks?: { name: string; from: string; to: string }[];
  documents?: string[];
  verified?: boolean;
  notes?: string;
  /** Reported arrangements applied only with `includePending`. */
  pending?: { days_off: string[]; makeup_working_days: string[]; basis?: string };
}

/** A schedules file: announced years, each replacing that year of the Vietnamese calendar. */
export interface ScheduleFile {
  source_note?: string;
  years: Record<string, YearSchedule>;
}

/** Options of `Calendar.vietnam`. */
export interface VietnamOptions {
  /** Use the embedded announced schedules (default `true`; `false` = the statute alone, a `schedules` given still applying). */
  official?: boolean;
  /** Apply pending arrangements (reported without a decision found); default `false`. */
  includePending?: boolean;
  /** Announced years not in this release (a schedules file, or its JSON text). */
  schedules?: ScheduleFile | string;
  /** Extra days off (a province's one-off decision): a date, or one with its name (a kind
   * belongs to a spec's days, not to a closure). */
  closures?: (string | { date: string; name?: string })[];
  /** One-off working days. */
  workingDays?: SpecDay[];
}

/** Options of `holidays(year, options)`: which schedules, as `Calendar.vietnam` takes them (a
 * closure or a one-off working day is not a holiday: `Calendar.vietnam({closures})` then
 * `calendar.days()`). */
export type HolidaysOptions = Pick<VietnamOptions, "official" | "includePending" | "schedules">;

/** A time limit: `{working_days: N}`, `{calendar_days: N}`, `{working_hours: N}`,
 * `{same_day: true}` (camelCase keys accepted), or the compact form `"3wd"`, `"15cd"`, `"8wh"`,
 * `"same_day"`. */
export type TimeLimit =
  | { working_days: number } | { workingDays: number }
  | { calendar_days: number } | { calendarDays: number }
  | { working_hours: number } | { workingHours: number }
  | { same_day: true; cutoff?: string } | { sameDay: true; cutoff?: string }
  | string;

/** One lifecycle event (`newDue`, a date, for `apology` and `extended` only; `to`, the next
 * stage's agency, for `transferred` only). Keys may be camelCase or snake_case, not both. A
 * `Date` at 00:00 in Vietnam (to the second: its milliseconds are dropped first, so
 * 00:00:00.999 too) is its date alone, as in a record. */
export type DossierEvent = {
  type: EventType;
  at: InstantInput;
  to?: string;
} & ({ newDue?: DateInput; new_due?: never } | { new_due?: DateInput; newDue?: never });

/** One stage of an inter-agency (liên thông) dossier: the agency and its own limit. */
export type DossierStage =
  | { agency: string; timeLimit: TimeLimit; time_limit?: never }
  | { agency: string; time_limit: TimeLimit; timeLimit?: never };

/** What every dossier has. */
export interface DossierBase {
  /** When the dossier was received. */
  received: InstantInput;
  /** Default `direct`. */
  channel?: Channel;
  /** In non-decreasing `at` order. */
  events?: DossierEvent[];
  id?: string | number;
  /** The stages of an inter-agency dossier, in order (default: the catalogue procedure's). */
  stages?: DossierStage[];
}

/** A dossier (the CLI's `due` / `classify` line): its time limit, or the code of a procedure of
 * the catalogue passed in the options — exactly one of `timeLimit` (or `time_limit`) and
 * `procedure`. Keys may be camelCase or snake_case, not both. */
export type Dossier = DossierBase &
  (
    | { timeLimit: TimeLimit; time_limit?: never; procedure?: never }
    | { time_limit: TimeLimit; timeLimit?: never; procedure?: never }
    | { procedure: string; timeLimit?: never; time_limit?: never }
  );

/** Options of `due` and `classify`. */
export interface DueOptions {
  /** The working-day calendar (default: `Calendar.vietnam()`). */
  calendar?: Calendar;
  /** Resolves a dossier's `procedure` code. */
  catalogue?: Catalogue;
  rules?: Rules;
  /** Explain the count step by step, each step citing the law (`explain` in the answer). */
  explain?: boolean;
  /** The language of the explanation and of the warnings' messages: `"vi"` (Vietnamese, the
   * default) or `"en"`. */
  lang?: "vi" | "en";
  /** `due` only: the due date as it stood at this instant (later events ignored). */
  asOf?: InstantInput;
}

/** Options of `classify`: those of `due` but `asOf`, its second argument. */
export type ClassifyOptions = Omit<DueOptions, "asOf">;

/** Something odd but accepted in a dossier. */
export interface Warning {
  code: WarningCode;
  message: string;
}

/** An amount of time in the unit a limit is counted in. */
export type Amount =
  | { workingDays: number } | { calendarDays: number } | { workingSeconds: number }
  | { sameDay: true };

/** The legal text a step rests on, cited by document and article (or form). `status`: `V`
 * verified against the text, `S` secondary sources only, `U` not verified (recalled; the
 * article number is to be checked). */
export interface LegalBasis {
  document: string;
  article?: string;
  form?: string;
  status: "V" | "S" | "U";
}

/** One step of an explanation: a typed fact of the count (the receipt and its deemed day,
 * each day off skipped with its class, pauses with the time used and left, new appointments,
 * where the count ends, the outcome), the legal text it rests on, and its text in the language
 * asked for. Besides the fields below, each kind has its own: `round`, `channel`, `reason`
 * (received); `from`, `fromAt`, `days`, `lastDay` (counted); `reading`, `since`, `sinceAt`,
 * `afterDue` (supplement_requested); `appointment` (clock_resumed: a new appointment given
 * while the clock was stopped, the time left up to it; awaiting_supplement: one given since the
 * request, the due date while stopped); `effect` (apology, extension); `event`, `late` (closed);
 * `byLaw`, `asOf`, `workingDaysLate`, `compare`, `requests` (outcome); ... */
export interface ExplainStep {
  kind: StepKind;
  /** The day the step is about, `YYYY-MM-DD`. */
  date?: string;
  /** An instant of the step (an event, a receipt), `YYYY-MM-DDTHH:MM`. */
  at?: string;
  /** A day off's class and the calendar's name for it. */
  dayClass?: DayClass;
  name?: string;
  /** What was counted (counted), used and left (supplement_requested, clock_resumed). */
  amount?: Amount;
  used?: Amount;
  left?: Amount;
  /** The due date and instant the step reaches or stood at. */
  due?: string;
  dueAt?: string;
  /** A new appointment (apology, extension). */
  newDue?: string;
  /** The class (outcome). */
  outcome?: ClassifyResult["outcome"];
  basis?: LegalBasis;
  /** The step in words (`lang`), ending with its citation. */
  text: string;
  [field: string]: unknown;
}

/** One stage of an inter-agency dossier that the file reached (`stages` of an answer). */
export interface StageDue {
  agency: string;
  /** When the stage received the file (the receipt, or the `transferred` event). */
  received: string;
  /** Day 0 of the stage's count (after closing time or on a day off: the next working day). */
  deemedReceipt: string;
  /** The stage's due date, `YYYY-MM-DD`, counted by the same rules as the dossier's. */
  due: string;
  dueAt: string;
  /** When the stage ended (the next transfer or the result); `null` while it holds the file. */
  completed: string | null;
  /** `early`, `on_time`, `late` (ended); `pending_within`, `overdue`, `awaiting_supplement`
   * (holding the file, as of `asOf`); `null` when holding the file without `asOf`. */
  outcome: Outcome | null;
  /** Working days from the stage's due date to its end (or as-of) day; `null` with `outcome`. */
  workingDaysLate: number | null;
}

/** The answer of `due`. */
export interface DueResult {
  /** The appointment: the due date, `YYYY-MM-DD`. */
  due: string;
  /** The expiry of an hour count, else the closing time of the due date (`YYYY-MM-DDTHH:MM`). */
  dueAt: string;
  /** The rule set in force: `pre2018`, `nd61` or `nd118`. */
  ruleSet: RuleSet;
  /** Day 0 of the count. */
  deemedReceipt: string;
  /** While a supplement request is open: when it was made. */
  awaitingSupplementSince?: string;
  /** An inter-agency dossier's stages that the file reached (the dossier's own due date and
   * outcome use the total limit). */
  stages?: StageDue[];
  /** The agencies whose stage was late or is overdue, each once, in stage order. */
  lateAgencies?: string[];
  warnings: Warning[];
  explain?: ExplainStep[];
}

/** The answer of `classify`. */
export interface ClassifyResult extends DueResult {
  outcome: Outcome;
  /** Working days from the due date to the result (or as-of) day: negative = early. */
  workingDaysLate: number;
}

/** A procedure of a `Catalogue`. */
export interface Procedure {
  code: string;
  name: string;
  field: string;
  level: AuthorityLevel;
  online: OnlineService;
  timeLimit: { [kind: string]: number | boolean | string };
  /** The compact form of the time limit, e.g. `"3wd"`. */
  timeLimitText: string;
  stages?: { agency: string; timeLimit: { [kind: string]: number | boolean | string } }[];
}

/** One cell of a dossier record: text as in the CSV file, a `Date` (an instant: converted to
 * Vietnam's wall clock, UTC+7, whatever the runtime's zone; at 00:00 in Vietnam, to the
 * second (00:00:00.999 too), it is read as its date alone), a number or a boolean, or empty
 * (`null`, `undefined` or `""`). */
export type RecordCell = string | Date | number | boolean | null | undefined;

/** A dossier record: the CSV columns of `motcua report` by name. `received` (required);
 * `time_limit` (`3wd`, `15cd`, `8wh`, `same_day`) or `procedure` (a catalogue code); optional
 * `channel` (`direct`, `online`, `postal`, or the Vietnamese names), `supplement_requested`,
 * `supplement_received`, `new_due`, `resolved`, `withdrawn`, `refused`, `id`, the grouping
 * columns and, for the scorecard, `online_level`, `digitised`, `result_digitised`,
 * `satisfaction`, `feedback_received`, `feedback_handled`. Dates are ISO or `dd/mm/yyyy[ HH:MM]`;
 * a date alone (`"2026-03-02"`) is known by its date only, a `Date` is an instant. Other keys
 * are ignored. */
export type DossierRecord = { [column in RecordColumn]?: RecordCell } & {
  [column: string]: RecordCell;
};

/** Dossier records: an array of records, or CSV (header row first) as text or as a file's bytes
 * (`Uint8Array`, `ArrayBuffer`: UTF-8, or UTF-16 with its byte-order mark — bytes that are not
 * text are a `csv_field` error at their line and column, not replacement characters). */
export type RecordsInput = DossierRecord[] | string | Uint8Array | ArrayBuffer;

/** Options of `report`. */
export interface ReportOptions {
  /** The instant the table stands at (a date alone = the end of that day): dossiers received
   * later are left out, later events ignored. Default: now in Vietnam (UTC+7). */
  asOf?: InstantInput;
  /** Grouping columns: `["field", "agency"]` or `"field,agency"`. */
  by?: string | string[];
  /** Split by period, with carried-over dossiers. */
  period?: "month" | "quarter" | "year";
  /** Resolves the records' `procedure` codes: a `Catalogue` or catalogue JSON. */
  catalogue?: Catalogue | string | object[];
  rules?: Rules;
  /** The working-day calendar (default: `Calendar.vietnam()`). */
  calendar?: Calendar;
  /** Read the logical column NAME from the records' column SOURCE: `{received: "ngay_nhan"}`. */
  map?: { [name: string]: string };
  /** Skip bad records (listed in the answer's `skipped`) instead of throwing the first one's
   * error. */
  skipBad?: boolean;
  /** Transfers between agencies, joined to the records by id (see `stageReport`); the report's
   * counts use each dossier's total limit. */
  transfers?: TransfersInput;
}

/** A transfer: the dossier `id` reached the agency `to` (the next stage's) at `at`. */
export type TransferRecord = { [column in TransferColumn]?: RecordCell } & {
  [column: string]: RecordCell;
};

/** Transfers: an array of transfer records, or CSV with the columns `id`, `at`, `to` as text or
 * as a file's bytes (`Uint8Array`, `ArrayBuffer`), read as `RecordsInput` is. */
export type TransfersInput = TransferRecord[] | string | Uint8Array | ArrayBuffer;

/** Options of `stageReport`. */
export interface StageReportOptions {
  /** The instant the table stands at (a date alone = the end of that day). Default: now in
   * Vietnam (UTC+7). */
  asOf?: InstantInput;
  /** Resolves the records' `procedure` codes, with their `stages`. */
  catalogue?: Catalogue | string | object[];
  rules?: Rules;
  calendar?: Calendar;
  map?: { [name: string]: string };
  /** Skip bad records and transfers (listed in the answer's `skipped`). */
  skipBad?: boolean;
  /** Transfers between agencies, joined to the records by id. */
  transfers?: TransfersInput;
}

/** One row of the stage table (`motcua report --stages --format json`): an agency (`null` on
 * the totals row) and its stages' counts. */
export interface StageRow extends StageCounts {
  agency: string | null;
}

/** The answer of `stageReport`. */
export type StageReport = StageRow[] & RecordsSummary;

/** A bad record skipped with `skipBad`. */
export interface SkippedRecord {
  code: ErrorCode;
  message: string;
  /** The CSV line, or the array element's index + 1. */
  line?: number;
  /** The array element (0-based), for an array of records. */
  index?: number;
  /** The column. */
  field?: string;
  /** The bad cell's value. */
  value?: string;
  /** The record's id (its `id` column). */
  id?: string;
}

/** What a `report` / `scorecard` run counted (non-enumerable properties of the answer). */
export interface RecordsSummary {
  /** Dossiers counted. */
  readonly counted: number;
  /** Dossiers received after `asOf`, left out. */
  readonly leftOut: number;
  /** With `skipBad`: the bad records. */
  readonly skipped: SkippedRecord[];
}

/** One row of the report (the CLI's `--format json` keys): a group (its grouping columns by
 * name, `null` on the totals row) in a period (`period`, with the `period` option). Rates are
 * fractions, `null` when their denominator is 0. */
export interface ReportRow extends ReportCounts {
  period?: string;
  [group: string]: string | number | null | undefined;
}

/** The answer of `report`. */
export type Report = ReportRow[] & RecordsSummary;

/** Options of `worklist`: those of `report` but `period`, and: */
export interface WorklistOptions extends Omit<ReportOptions, "period"> {
  /** `due_soon` = due within this many working days (default 3). */
  within?: number;
  /** The apology is due this many working days before the due date (default 1: the
   * provincial regulations under Decree 118/2025 as recalled, not verified). */
  apologyLead?: number;
  /** List the `on_track` dossiers too. */
  all?: boolean;
  /** Transfers between agencies, joined to the records by id (as `stageReport` joins them):
   * they move each inter-agency dossier's file to the agency of its next stage (the rows'
   * `stage_agency`, `stage_due`, `stage_overdue`). */
  transfers?: TransfersInput;
}

/** One row of the worklist (the CLI's `motcua worklist --format json` keys): the dossier's
 * `id`, its grouping columns by name, then the worklist's columns: the due date and instant,
 * the working days left (negative once a working day has passed since the due date; 0 on the
 * days off right after it, when the status is already `overdue`), the status, the last day for the apology
 * (`null` when overdue or already given a new appointment) and, for an inter-agency dossier,
 * the stage holding its file: `stage_agency`, `stage_due`, `stage_overdue` (`null` without
 * stages), and where its record was. */
export interface WorklistRow extends WorklistColumns {
  id: string | null;
  /** The record's line in CSV text (the header is line 1); absent for an array of objects. */
  line?: number;
  /** The record's index in an array of objects; absent for CSV text. */
  row?: number;
  [group: string]: string | number | boolean | null | undefined;
}

/** The answer of `worklist`: the rows by due instant, then id. */
export type Worklist = WorklistRow[] & RecordsSummary;

/** Targets: a minimum fraction per indicator (`null` removes a default target). */
export type Targets = { [indicator in IndicatorName]?: number | null };

/** Options of `scorecard`. */
export interface ScorecardOptions {
  asOf?: InstantInput;
  by?: string | string[];
  catalogue?: Catalogue | string | object[];
  /** Over the defaults: on_time_rate 1.0, satisfaction_rate 0.9, feedback_handled_rate 1.0,
   * online_rate 0.05. An object or its JSON text. */
  targets?: Targets | string;
  rules?: Rules;
  calendar?: Calendar;
  map?: { [name: string]: string };
  /** Top of a numeric satisfaction scale (ratings 1..N; satisfied from 80% of N: 4-5 of 5). Default 5. */
  satisfactionScale?: number;
  skipBad?: boolean;
}

/** One indicator of one group (grouping columns by name, `null` on the totals). */
export interface Score {
  indicator: IndicatorName;
  numerator: number;
  denominator: number;
  /** `numerator / denominator`; `null` = no data (a zero denominator). */
  value: number | null;
  target: number | null;
  met: boolean | null;
  /** `value - target`, negative = short of the target. */
  gap: number | null;
  status: "met" | "not_met" | "no_data" | "no_target";
  [group: string]: string | number | boolean | null | undefined;
}

/** Procedures of a catalogue field (`field` `null`: the totals). */
export interface CatalogueFieldRow {
  field: string | null;
  procedures: number;
  online_full: number;
  online_partial: number;
  full_online_share: number | null;
}

/** The answer of `scorecard` (the CLI's `--format json`). */
export interface Scorecard extends RecordsSummary {
  indicators: Score[];
  /** With the `catalogue` option; else `null`. */
  catalogue: CatalogueFieldRow[] | null;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `string | Date`.
    #[wasm_bindgen(typescript_type = "DateInput")]
    pub type DateInput;

    /// `string | Date` (an instant).
    #[wasm_bindgen(typescript_type = "InstantInput")]
    pub type InstantInput;

    /// A calendar spec as a JSON string or object.
    #[wasm_bindgen(typescript_type = "CalendarSpec | string")]
    pub type SpecInput;

    /// A JS `number` (checked at run time: a string is refused, not coerced).
    #[wasm_bindgen(typescript_type = "number")]
    pub type NumberArg;

    /// A JS `boolean` (checked at run time: a truthy string is refused, not read as `true`).
    #[wasm_bindgen(typescript_type = "boolean")]
    pub type BooleanArg;

    /// One number for every element, or one per element.
    #[wasm_bindgen(typescript_type = "number | Int32Array")]
    pub type DaysOperand;

    /// A `DayKind` string.
    #[wasm_bindgen(typescript_type = "DayKind")]
    pub type DayKindName;

    /// `CalendarDay[]`.
    #[wasm_bindgen(typescript_type = "CalendarDay[]")]
    pub type CalendarDays;

    /// `LunarDate`.
    #[wasm_bindgen(typescript_type = "LunarDate")]
    pub type LunarDateJs;

    /// `LunarOptions`.
    #[wasm_bindgen(typescript_type = "LunarOptions")]
    pub type LunarOptions;

    /// `VietnamOptions`.
    #[wasm_bindgen(typescript_type = "VietnamOptions")]
    pub type VnOptionsJs;

    /// `HolidaysOptions`.
    #[wasm_bindgen(typescript_type = "HolidaysOptions")]
    pub type HolidaysOptionsJs;

    /// `Holiday[]`.
    #[wasm_bindgen(typescript_type = "Holiday[]")]
    pub type HolidayList;

    /// A `ScheduleStatus` string.
    #[wasm_bindgen(typescript_type = "ScheduleStatus")]
    pub type ScheduleStatusName;

    /// `ScheduleInfo`.
    #[wasm_bindgen(typescript_type = "ScheduleInfo")]
    pub type ScheduleInfoJs;

    /// `ScheduleFile`.
    #[wasm_bindgen(typescript_type = "ScheduleFile")]
    pub type ScheduleFileJs;

    /// `Dossier | string`.
    #[wasm_bindgen(typescript_type = "Dossier | string")]
    pub type DossierInput;

    /// `DueOptions`.
    #[wasm_bindgen(typescript_type = "DueOptions")]
    pub type DueOptionsJs;

    /// `ClassifyOptions`.
    #[wasm_bindgen(typescript_type = "ClassifyOptions")]
    pub type ClassifyOptionsJs;

    /// `DueResult`.
    #[wasm_bindgen(typescript_type = "DueResult")]
    pub type DueResultJs;

    /// `ClassifyResult`.
    #[wasm_bindgen(typescript_type = "ClassifyResult")]
    pub type ClassifyResultJs;

    /// A catalogue as JSON text or an array of procedure objects.
    #[wasm_bindgen(typescript_type = "string | object[]")]
    pub type CatalogueInput;

    /// `Procedure`.
    #[wasm_bindgen(typescript_type = "Procedure")]
    pub type ProcedureJs;

    /// `Procedure[]`.
    #[wasm_bindgen(typescript_type = "Procedure[]")]
    pub type ProcedureList;

    /// `RecordsInput` (records as objects, or CSV text).
    #[wasm_bindgen(typescript_type = "RecordsInput")]
    pub type RecordsInput;

    /// `ReportOptions`.
    #[wasm_bindgen(typescript_type = "ReportOptions")]
    pub type ReportOptionsJs;

    /// `Report`.
    #[wasm_bindgen(typescript_type = "Report")]
    pub type ReportJs;

    /// `WorklistOptions`.
    #[wasm_bindgen(typescript_type = "WorklistOptions")]
    pub type WorklistOptionsJs;

    /// `Worklist`.
    #[wasm_bindgen(typescript_type = "Worklist")]
    pub type WorklistJs;

    /// `StageReportOptions`.
    #[wasm_bindgen(typescript_type = "StageReportOptions")]
    pub type StageReportOptionsJs;

    /// `StageReport`.
    #[wasm_bindgen(typescript_type = "StageReport")]
    pub type StageReportJs;

    /// `ScorecardOptions`.
    #[wasm_bindgen(typescript_type = "ScorecardOptions")]
    pub type ScorecardOptionsJs;

    /// `Scorecard`.
    #[wasm_bindgen(typescript_type = "Scorecard")]
    pub type ScorecardJs;

    /// `ErrorCode[]`.
    #[wasm_bindgen(typescript_type = "ErrorCode[]")]
    pub type ErrorCodes;
}
