// Type-checked (tsc --noEmit, strict; also with the ES library alone, no DOM) against the
// shipped .d.ts: how a Node user writes it.
import {
  Calendar, Catalogue, due, classify, holidays, scheduleStatus, toLunar, fromLunar, canChi,
  lunarNewYear, leapMonth, dayNumber, dateFromDayNumber, errorCodes, report, scorecard, stageReport, worklist,
} from "motcua";
import type {
  DayKind, CalendarDay, ErrorCode, Holiday, LunarDate, DueResult, ClassifyResult,
  DayClass, Dossier, ExplainStep, Procedure, ScheduleStatus, DossierRecord, Report, ReportRow, Scorecard,
  Score, CatalogueFieldRow, SkippedRecord, IndicatorName, RuleSet, Outcome, WarningCode, StepKind,
  Channel, ScheduleFile, ScheduleInfo, ScheduleSource, StageReport, StageRow, TransferRecord, Worklist, WorklistRow, WorklistStatus,
} from "motcua";
import { MotcuaError } from "motcua";

const vn: Calendar = Calendar.vietnam();
const statutory = Calendar.vietnam({ official: false, includePending: true, closures: ["2026-03-02"] });
const cal: Calendar = Calendar.fromSpec({ weekmask: "1111100", from: "2026-01-01", to: "2026-12-31" });
// (camelCase keys, as the runtime takes them)
const camel: Calendar = Calendar.fromSpec({
  weekmask: "1111100",
  from: "2026-01-01",
  to: "2026-12-31",
  workingDays: ["2026-01-10"],
  officeHours: [["08:00", "12:00"]],
});
void camel;
// @ts-expect-error a closure has no kind (the runtime refuses one)
Calendar.vietnam({ closures: [{ date: "2026-03-09", kind: "statutory" }] });
const next: string = vn.addWorkingDays("2026-03-06", 1);
const sameFromDate: string = vn.addWorkingDays(new Date(2026, 2, 6), 1);
const working: boolean = vn.isWorkingDay("2026-03-07");
const count: number = vn.workingDaysBetween("2026-03-01", new Date());
const off: string[] = vn.daysOff("2026-03-01", "2026-03-31");
const kind: DayKind = vn.dayKind("2026-03-07");
const month: CalendarDay[] = vn.days("2026-03-01", "2026-03-31");
const name: string | undefined = vn.dayName("2026-03-07");
const named: Holiday[] = vn.holidays(2026);
const named2: Holiday[] = holidays(2027, { official: true, includePending: false });
// holidays(year, options) takes the schedule options only (it threw on closures at run time).
// @ts-expect-error: a closure is not a holiday
holidays(2027, { closures: ["2027-03-15"] });
const status: ScheduleStatus = scheduleStatus(2027);
const file: ScheduleFile = vn.schedule(2027);
const info: ScheduleInfo = Calendar.vietnam({ schedules: file }).scheduleInfo(2027);
const source: ScheduleSource = info.source;
const bulk: Int32Array = vn.addWorkingDaysBulk(Int32Array.of(dayNumber("2026-03-06")), 1);
const between: Int32Array = vn.workingDaysBetweenBulk(bulk, Int32Array.of(20514));
const flags: Uint8Array = vn.isWorkingDayBulk(bulk);
const iso: string = dateFromDayNumber(bulk[0] ?? 0);
const codes: ErrorCode[] = errorCodes();

const lunar: LunarDate = toLunar("2026-02-17");
const tet: string = fromLunar(2026, 1, 1);
const tetCn: string = fromLunar(2026, 1, 1, false, { utcOffsetMinutes: 480 });
const year: string = canChi(lunar.year);
const tet2: string = lunarNewYear(2027);
const leap: number | undefined = leapMonth(2025);

const dossier: Dossier = {
  received: "2026-06-08T09:00",
  channel: "direct",
  timeLimit: { workingDays: 10 },
  events: [
    { type: "supplement_requested", at: "2026-06-11T15:00" },
    { type: "supplement_received", at: new Date(2026, 5, 16, 10) },
  ],
};
const d: DueResult = due(dossier, { explain: true, lang: "en", rules: { supplement: "restart" }, calendar: vn });
const steps: ExplainStep[] = d.explain ?? [];
const lines: string[] = steps.map((s) => `${s.kind} ${s.date ?? ""} ${s.basis?.document ?? ""}: ${s.text}`);
const classes: (DayClass | undefined)[] = steps.filter((s) => s.kind === "day_off").map((s) => s.dayClass);
const c: ClassifyResult = classify(dossier, "2026-07-01", { calendar: statutory });
const outcome: "early" | "on_time" | "late" | string = c.outcome;
const catalogue = Catalogue.fromJson('[{"code":"X","name":"x","field":"f","level":"commune","time_limit":"3wd","online":"full"}]');
const procs: Procedure[] = catalogue.procedures();
const byCode: DueResult = due({ received: "2026-03-02", procedure: "X" }, { catalogue });

const records: DossierRecord[] = [
  { id: "HS1", received: "2026-03-02T09:30", time_limit: "3wd", channel: "online", field: "Hộ tịch" },
  { id: "HS2", received: new Date(2026, 2, 3, 8, 0), procedure: "X", resolved: null, satisfaction: 5, digitised: true },
];
const table: Report = report(records, { asOf: "2026-03-31", by: ["field"], period: "month", catalogue, skipBad: true });
const row: ReportRow = table[0]!;
const onTime: number | null = row.on_time_rate;
const received: number = row.received;
const group = row["field"];
const fromCsv: ReportRow[] = report("received,time_limit\n2026-03-02,3wd\n", { asOf: new Date(), by: "field,agency", rules: { supplement: "restart" }, calendar: vn, map: { received: "ngay_nhan" } });
const skipped: SkippedRecord[] = table.skipped;
const moves: TransferRecord[] = [{ id: "HS2", at: new Date(2026, 2, 4, 9, 0), to: "Chi cục Thuế" }];
const stagesTable: StageReport = stageReport(records, { asOf: "2026-03-31", catalogue, transfers: moves, skipBad: true });
const agencyRow: StageRow = stagesTable[0]!;
const agency: string | null = agencyRow.agency;
const overdueStages: number = agencyRow.overdue + stagesTable.counted;
const stageRate: number | null = agencyRow.on_time_rate;
const joinedReport: Report = report(records, { transfers: "id,at,to\nHS2,2026-03-04,Chi cục Thuế\n" });
const csvBytes = new Uint8Array([0x72, 0x65, 0x63, 0x65, 0x69, 0x76, 0x65, 0x64, 0x0a]); // "received\n"
const fromBytes: Report = report(csvBytes, { transfers: csvBytes.buffer });
const listedFromBytes: Worklist = worklist(csvBytes.buffer, { asOf: "2026-03-03" });
const counted: number = table.counted + table.leftOut;
const card: Scorecard = scorecard(records, { asOf: "2026-03-31", targets: { online_rate: 0.3, satisfaction_rate: null }, satisfactionScale: 10, catalogue: "[]" });
const score: Score = card.indicators[0]!;
const which: IndicatorName = score.indicator;
const scoreStatus: "met" | "not_met" | "no_data" | "no_target" = score.status;
const fields: CatalogueFieldRow[] | null = card.catalogue;
const desk: Worklist = worklist(records, { asOf: "2026-03-05T08:00", within: 2, apologyLead: 1, all: true, by: "field", catalogue, skipBad: true });
const first: WorklistRow = desk[0]!;
const deskStatus: WorklistStatus = first.status;
const place: number | undefined = first.row ?? first.line;
const staged: Worklist = worklist(records, { asOf: "2026-03-05T08:00", catalogue, transfers: [{ id: "A", at: "2026-03-04T10:00", to: "Tax office" }] });
const holder: string | null = staged[0]!.stage_agency;
const stageDue: string | null = staged[0]!.stage_due;
const stageLate: boolean | null = staged[0]!.stage_overdue;
// @ts-expect-error: null for a dossier without stages
const stageLateAlways: boolean = staged[0]!.stage_overdue;
const apologyBy: string | null = first.apology_by;
const left: number = first.working_days_left + desk.leftOut;

let caught: [ErrorCode, number | undefined, string] | undefined;
try {
  vn.addWorkingDays("2026-02-30", 1);
} catch (e) {
  if (e instanceof MotcuaError) caught = [e.code, e.index, e.message];
}

// The unions come from the core's tables.
const ruleSet: RuleSet = d.ruleSet;
const ruleSets: ("pre2018" | "nd61" | "nd118")[] = [d.ruleSet, c.ruleSet];
function label(o: Outcome): string {
  switch (o) {
    case "early": case "on_time": case "late": return "resolved";
    case "pending_within": case "overdue": case "awaiting_supplement": return "open";
    case "refused": case "withdrawn": return "closed";
    default: {
      const never: never = o;
      return never;
    }
  }
}
const warningCodes: WarningCode[] = d.warnings.map((w) => w.code);
const stepKinds: StepKind[] = steps.map((s) => s.kind);
const channel: Channel = "postal";
const instants: DueResult[] = [
  due({ received: new Date(), timeLimit: "3wd" }),
  due({ received: new Date().toISOString(), time_limit: { working_days: 3 } }),
  due({ received: "2026-02-13T10:30:00Z", procedure: "X" }, { catalogue, asOf: new Date() }),
];

// @ts-expect-error: a number is not a date
vn.isWorkingDay(20514);
// @ts-expect-error: not a language of the explanation
due(dossier, { explain: true, lang: "fr" });
// @ts-expect-error: an unknown option
Calendar.vietnam({ offical: false });
// @ts-expect-error: a dossier needs `received`
due({ timeLimit: "3wd" });
// @ts-expect-error: classify takes asOf as its second argument, not as an option
classify(dossier, "2026-03-31", { asOf: "2026-03-31" });
// @ts-expect-error: not a period
report(records, { period: "week" });
// @ts-expect-error: the worklist has no periods
worklist(records, { period: "month" });
// @ts-expect-error: not a status
const notStatus: WorklistStatus = "late";
// @ts-expect-error: the stage table has one row per agency: no grouping
stageReport(records, { by: "field" });
// @ts-expect-error: not an indicator
scorecard(records, { targets: { speed: 1 } });
// @ts-expect-error: a cell is text, a Date, a number, a boolean or empty
report([{ received: ["2026-03-02"] }]);
// @ts-expect-error: CSV bytes are a Uint8Array or an ArrayBuffer, not other typed arrays
report(new Uint16Array(4));
// @ts-expect-error: a dossier has a time limit or a procedure
due({ received: "2026-03-02" });
// @ts-expect-error: not both
due({ received: "2026-03-02", timeLimit: "3wd", procedure: "X" });
// @ts-expect-error: one spelling of a key
due({ received: "2026-03-02", timeLimit: "3wd", time_limit: "3wd" });
// @ts-expect-error: a count is a number
vn.addWorkingDays("2026-03-02", "3");
// @ts-expect-error: not a rule value
due(dossier, { rules: { supplement: "resume" } });
// @ts-expect-error: not a channel
const notChannel: Channel = "email";
// @ts-expect-error: a rule set of the core only
const notRuleSet: RuleSet = "nd99";

export const used = [
  next, sameFromDate, working, count, off, kind, month, name, named, named2, status, source, between, flags, iso, codes,
  tet, tetCn, year, tet2, leap, steps, lines, classes, outcome, procs, byCode, cal,
  onTime, received, group, fromCsv, fromBytes, listedFromBytes, skipped, counted, which, scoreStatus, fields,
  caught, ruleSet, ruleSets, label, warningCodes, stepKinds, channel, instants, notChannel, notRuleSet,
];
