// due / classify and the Vietnamese calendar through the JS surface: argument forms (objects
// with camelCase or snake_case keys, JSON strings, Dates), options, catalogue, errors. The
// shared vectors (tests/vectors/deadlines.json, holidays.json) cover the rules themselves.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Calendar, Catalogue, due, classify, holidays, scheduleStatus } from "motcua";
import { vnDate } from "./vn-time.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const codeOf = (fn) => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof Error);
    return err.code;
  }
  return "no error";
};

// reference/procedures.md §8 E8 and E3.
const e8 = { received: "2026-02-13T18:30", channel: "online", timeLimit: { workingDays: 3 } };
const e3 = {
  received: "2026-06-08T09:00",
  time_limit: { working_days: 10 },
  events: [
    { type: "supplement_requested", at: "2026-06-11T15:00" },
    { type: "supplement_received", at: "2026-06-16T10:00" },
    { type: "resolved", at: "2026-06-29T10:00" },
  ],
};

test("due: E8 across Tết, with the explanation", () => {
  const r = due(e8, { explain: true });
  assert.equal(r.due, "2026-02-26");
  assert.equal(r.dueAt, "2026-02-26T17:00");
  assert.equal(r.ruleSet, "nd118");
  assert.equal(r.deemedReceipt, "2026-02-23");
  assert.deepEqual(r.warnings, []);
  const off = r.explain.filter((s) => s.kind === "day_off").map((s) => [s.date, s.dayClass]);
  assert.deepEqual(off.slice(2, 7), [
    ["2026-02-16", "statutory"],
    ["2026-02-17", "statutory"],
    ["2026-02-18", "statutory"],
    ["2026-02-19", "statutory"],
    ["2026-02-20", "compensatory"],
  ]);
  // Vietnamese by default, citing the law
  const counted = r.explain.find((s) => s.kind === "counted");
  assert.deepEqual(counted.amount, { workingDays: 3 });
  assert.deepEqual(counted.days, ["2026-02-24", "2026-02-25", "2026-02-26"]);
  assert.deepEqual(counted.basis, { document: "Bộ luật Dân sự 2015", article: "147", status: "U" });
  assert.equal(
    counted.text,
    "Đếm 3 ngày làm việc từ ngày tiếp theo ngày 23/02 (không tính ngày coi như nhận hồ sơ): ngày 24/02, 25/02, 26/02 → " +
      "hạn giải quyết là thứ Năm 26/02/2026, hết hạn vào cuối ngày (theo Điều 147 Bộ luật Dân sự 2015).",
  );
  assert.equal(due(e8).explain, undefined);
});

test("due and classify: the explanation in English, the same steps", () => {
  const vi = classify({ ...e8, events: [{ type: "resolved", at: "2026-02-25T15:00" }] }, "2026-12-31", { explain: true });
  const en = classify({ ...e8, events: [{ type: "resolved", at: "2026-02-25T15:00" }] }, "2026-12-31", {
    explain: true,
    lang: "en",
  });
  assert.deepEqual(
    en.explain.map((s) => s.kind),
    vi.explain.map((s) => s.kind),
  );
  const received = en.explain.find((s) => s.kind === "received");
  assert.equal(received.reason, "after_closing");
  assert.equal(received.date, "2026-02-23");
  assert.equal(
    received.text,
    "Received online at 18:30 on Fri 13 Feb 2026, after closing time (17:00): deemed received on the next " +
      "working day, Mon 23 Feb 2026 (Decree 45/2020/NĐ-CP).",
  );
  const outcome = en.explain.at(-1);
  assert.equal(outcome.kind, "outcome");
  assert.equal(outcome.outcome, "early");
  assert.match(outcome.text, /^Resolved on Wed 25 Feb 2026, due Thu 26 Feb 2026: early/);
  assert.equal(codeOf(() => due(e8, { explain: true, lang: "fr" })), "invalid_argument");
  assert.equal(codeOf(() => due(e8, { lang: 1 })), "invalid_argument");
});

test("due: the same dossier as a JSON string, with Dates, snake_case keys", () => {
  assert.equal(due(JSON.stringify({ received: "2026-02-13T18:30", time_limit: { working_days: 3 } })).due, "2026-02-26");
  assert.equal(due({ received: vnDate(2026, 2, 13, 18, 30), timeLimit: "3wd" }).due, "2026-02-26");
  assert.equal(due({ received: vnDate(2026, 2, 13, 16, 59), timeLimit: "3wd" }).due, "2026-02-25");
  // A Date where a date is expected (newDue) is its day in Vietnam, at any time of that day
  // (it was refused as "not a valid date": a wall-clock instant where a date was read).
  for (const newDue of [vnDate(2026, 3, 10), vnDate(2026, 3, 10, 16, 30), new Date("2026-03-09T17:00:00Z")]) {
    const d = { received: "2026-03-02T09:00", timeLimit: "3wd", events: [{ type: "extended", at: "2026-03-03T09:00", newDue }] };
    assert.equal(due(d).due, "2026-03-10");
    assert.equal(classify(d, "2026-03-31").outcome, "overdue");
  }
  // A calendar spec's from/to as Dates.
  const spec = Calendar.fromSpec({ weekmask: "1111100", from: vnDate(2026, 1, 1, 12), to: vnDate(2026, 12, 31, 23) });
  assert.equal(spec.isWorkingDay("2026-12-31"), true);
});

test("due: rules, asOf, and another calendar", () => {
  assert.equal(due(e3).due, "2026-06-25");
  assert.equal(due(e3, { rules: { supplement: "restart" } }).due, "2026-06-30");
  const paused = due(e3, { asOf: "2026-06-12" });
  assert.equal(paused.awaitingSupplementSince, "2026-06-11T15:00");
  const weekdays = Calendar.fromSpec({ weekmask: "1111100", from: "2026-01-01", to: "2026-12-31" });
  assert.equal(due(e8, { calendar: weekdays }).due, "2026-02-19"); // Tết ignored: Mon 16 is day 0
  assert.equal(weekdays.isWorkingDay("2026-02-17"), true, "the calendar passed in stays usable");
});

test("classify", () => {
  const r = classify(e3, "2026-12-31");
  assert.equal(r.outcome, "late");
  assert.equal(r.due, "2026-06-25");
  assert.equal(r.workingDaysLate, 2);
  assert.equal(classify(e3, vnDate(2026, 6, 12, 9)).outcome, "awaiting_supplement");
  const open = { received: "2026-08-24T09:00", timeLimit: { workingDays: 6 } };
  assert.equal(classify(open, "2026-09-02T10:00").outcome, "pending_within");
  assert.equal(classify(open, "2026-09-07T08:00").outcome, "overdue");
  assert.equal(classify(e3, "2026-12-31", { rules: { supplement: "restart" } }).outcome, "early");
});

test("a procedure from the sample catalogue", () => {
  const cat = Catalogue.fromJson(readFileSync(join(repo, "core", "examples", "sample", "catalogue.json"), "utf8"));
  assert.ok(cat.length > 10);
  const kd = cat.get("KD-01");
  assert.equal(kd.timeLimitText, "3wd");
  assert.deepEqual(kd.timeLimit, { workingDays: 3 });
  assert.ok(cat.procedures().some((p) => p.code === "KD-01"));
  assert.equal(due({ received: "2026-02-13T18:30", procedure: "KD-01" }, { catalogue: cat }).due, "2026-02-26");
  assert.equal(cat.get("KD-01").code, "KD-01", "the catalogue passed in stays usable");
  assert.equal(codeOf(() => cat.get("nope")), "unknown_procedure");
  assert.equal(codeOf(() => due({ received: "2026-02-13", procedure: "KD-01" })), "unknown_procedure");
  assert.equal(codeOf(() => due({ received: "2026-02-13", procedure: "nope" }, { catalogue: cat })), "unknown_procedure");
  assert.equal(codeOf(() => Catalogue.fromJson("[{]")), "invalid_json");
  assert.equal(codeOf(() => Catalogue.fromJson([{ code: "x", level: "commune", time_limit: "0wd", online: "full" }])), "invalid_catalogue");
});

test("bad dossiers and options", () => {
  assert.equal(codeOf(() => due({ timeLimit: { workingDays: 3 } })), "invalid_dossier");
  assert.equal(codeOf(() => due({ received: "2026-02-30T09:00", timeLimit: "3wd" })), "invalid_date");
  assert.equal(codeOf(() => due({ received: "2026-02-13", timeLimit: { workingDays: 0 } })), "invalid_time_limit");
  assert.equal(codeOf(() => due({ received: "2026-02-13", timeLimit: "3wd", event: [] })), "invalid_dossier");
  assert.equal(
    codeOf(() => due({ received: "2026-02-13", timeLimit: "3wd", events: [{ type: "supplement_received", at: "2026-02-16" }] })),
    "supplement_without_request",
  );
  assert.equal(
    codeOf(() => due({ received: "2026-02-13T09:00", timeLimit: "3wd", events: [{ type: "resolved", at: "2026-02-12" }] })),
    "result_before_receipt",
  );
  assert.equal(codeOf(() => due("{not json")), "invalid_json");
  assert.equal(codeOf(() => due(e8, { rules: { supplement: "maybe" } })), "invalid_rule");
  assert.equal(codeOf(() => due(e8, { rules: { nonsense: "x" } })), "invalid_rule");
  assert.equal(codeOf(() => due(e8, { calender: null, explain: 1 })), "invalid_argument");
  assert.equal(codeOf(() => due(e8, { calendar: {} })), "invalid_argument");
  assert.equal(codeOf(() => due(e8, { calendar: { clone: () => 1 } })), "invalid_argument");
  assert.equal(codeOf(() => due(e8, { explain: "yes" })), "invalid_argument");
  assert.equal(codeOf(() => due(e8, { asOf: "2026-01-01" })), "invalid_argument");
  assert.equal(codeOf(() => classify(e8, "2026-13-01")), "invalid_date");
  assert.equal(codeOf(() => classify(e8, "2026-03-01", { asOf: "2026-03-01" })), "invalid_argument");
  assert.equal(codeOf(() => due({ received: "1990-01-02T09:00", timeLimit: "3wd" })), "date_out_of_range");
});

test("Calendar.vietnam and its options", () => {
  const vn = Calendar.vietnam();
  assert.equal(vn.from, "1995-01-01");
  assert.equal(vn.to, "2199-12-31");
  assert.equal(vn.isWorkingDay("2026-02-20"), false); // compensatory day of Tết 2026
  assert.equal(vn.isWorkingDay("2026-01-10"), true); // make-up Saturday
  assert.equal(vn.dayKind("2026-01-10"), "makeup_working_day");
  assert.equal(vn.dayName("2026-02-17"), "Tết Nguyên đán");
  assert.equal(vn.isWorkingDay("1998-03-07"), true); // a Saturday of the six-day week
  const statutory = Calendar.vietnam({ official: false });
  assert.equal(statutory.isWorkingDay("2026-01-02"), true, "the 2 Jan swap is announced, not statutory");
  assert.equal(vn.isWorkingDay("2026-01-02"), false);
  const pending = Calendar.vietnam({ includePending: true });
  assert.equal(vn.isWorkingDay("2026-11-24"), false, "Vietnamese Culture Day, from 2026");
  assert.equal(vn.isWorkingDay("2025-11-24"), true);
  assert.equal(vn.isWorkingDay("2026-11-23"), true);
  assert.equal(pending.isWorkingDay("2026-11-23"), false, "the pending swap of 2026");
  assert.equal(pending.isWorkingDay("2026-11-28"), true);
  const overlay = Calendar.vietnam({ closures: [{ date: "2026-03-02", name: "Ngày nghỉ của tỉnh" }], workingDays: ["2026-03-07"] });
  assert.equal(overlay.isWorkingDay("2026-03-02"), false);
  assert.equal(overlay.dayName("2026-03-02"), "Ngày nghỉ của tỉnh");
  assert.equal(overlay.isWorkingDay("2026-03-07"), true);
  assert.equal(codeOf(() => Calendar.vietnam({ offical: false })), "invalid_argument");
  assert.equal(codeOf(() => Calendar.vietnam({ official: "no" })), "invalid_argument");
  assert.equal(codeOf(() => Calendar.vietnam({ closures: ["2026-02-30"] })), "invalid_spec");
  assert.equal(codeOf(() => vn.isWorkingDay("1994-12-31")), "date_out_of_range");
});

test("announced schedules supplied at run time", () => {
  const base = Calendar.vietnam();
  const file = base.schedule(2027);
  const year = file.years["2027"];
  assert.equal(year.status, "provisional");
  assert.deepEqual(base.scheduleInfo(2027), { year: 2027, status: "provisional", source: "embedded" });
  year.status = "official";
  year.days_off = [...year.days_off, "2027-02-11"].sort();
  year.makeup_working_days = ["2027-02-20"];
  for (const schedules of [file, JSON.stringify(file)]) {
    const cal = Calendar.vietnam({ schedules });
    assert.equal(cal.isWorkingDay("2027-02-11"), false);
    assert.equal(cal.isWorkingDay("2027-02-20"), true);
    assert.equal(cal.addWorkingDays("2027-02-17", 3), "2027-02-20");
    assert.deepEqual(cal.scheduleInfo(2027), { year: 2027, status: "official", source: "file" });
    assert.deepEqual(cal.scheduleInfo(2026), { year: 2026, status: "official", source: "embedded" });
    assert.equal(cal.holidays(2027).find((h) => h.date === "2027-02-11").kind, "swapped");
    assert.deepEqual(holidays(2027, { schedules }), cal.holidays(2027));
    const dossier = { received: "2027-02-17T09:00", timeLimit: { workingDays: 3 }, events: [{ type: "resolved", at: "2027-02-22T10:00" }] };
    const c = classify(dossier, "2027-03-01", { calendar: cal });
    assert.equal(c.due, "2027-02-20");
    assert.equal(c.outcome, "late");
    assert.equal(classify(dossier, "2027-03-01").outcome, "on_time");
  }
  // a year passed back unedited changes nothing
  const same = Calendar.vietnam({ schedules: base.schedule(2031) });
  assert.deepEqual(same.daysOff("2031-01-01", "2031-12-31"), base.daysOff("2031-01-01", "2031-12-31"));
  assert.equal(same.scheduleInfo(2031).source, "file");
  const bad = { years: { 2027: { status: "official", days_off: ["2027-02-06"], makeup_working_days: [] } } };
  assert.equal(codeOf(() => Calendar.vietnam({ schedules: bad })), "invalid_schedule");
  assert.equal(codeOf(() => Calendar.vietnam({ schedules: "{" })), "invalid_json");
  assert.equal(codeOf(() => Calendar.vietnam({ schedules: 7 })), "invalid_argument");
  const spec = Calendar.fromSpec({ weekmask: "1111100", from: "2026-01-01", to: "2026-12-31" });
  assert.equal(codeOf(() => spec.scheduleInfo(2026)), "invalid_argument");
});

test("holidays and schedule status", () => {
  const list = Calendar.vietnam().holidays(2026);
  assert.deepEqual(list[0], { date: "2026-01-01", nameVi: "Tết Dương lịch", nameEn: "New Year's Day", kind: "statutory" });
  assert.equal(list.find((h) => h.date === "2026-01-02").kind, "swapped");
  assert.equal(list.find((h) => h.date === "2026-01-10").kind, "makeup_working_day");
  assert.equal(list.find((h) => h.date === "2026-11-24").kind, "statutory");
  assert.equal(list.find((h) => h.date === "2026-11-23").kind, "pending");
  assert.deepEqual(holidays(2026), list);
  assert.ok(holidays(2026, { official: false }).every((h) => h.kind === "statutory" || h.kind === "compensatory" || h.kind === "pending"));
  assert.equal(scheduleStatus(2026), "official");
  assert.equal(scheduleStatus(2030), "provisional");
  assert.equal(scheduleStatus(2000), "statutory");
  assert.equal(codeOf(() => holidays(1990)), "date_out_of_range");
  assert.equal(codeOf(() => holidays(2026.5)), "invalid_number");
  // A calendar built from a spec lists its entries as the CLI's `holidays --calendar` does (it
  // threw): kind stated or by list, the name (or "") in both name fields.
  const spec = Calendar.fromSpec({
    weekmask: "1111100",
    from: "2026-01-01",
    to: "2026-12-31",
    holidays: ["2026-03-09", { date: "2026-04-01", name: "X" }, { date: "2026-09-02", kind: "statutory" }],
    closures: ["2026-05-05"],
  });
  assert.deepEqual(spec.holidays(2026), [
    { date: "2026-03-09", nameVi: "", nameEn: "", kind: "holiday" },
    { date: "2026-04-01", nameVi: "X", nameEn: "X", kind: "holiday" },
    { date: "2026-05-05", nameVi: "", nameEn: "", kind: "closure" },
    { date: "2026-09-02", nameVi: "", nameEn: "", kind: "statutory" },
  ]);
  assert.equal(codeOf(() => spec.holidays(2027)), "date_out_of_range");
  assert.equal(codeOf(() => spec.scheduleInfo(2026)), "invalid_argument");
});

test("inter-agency stages: camelCase keys in and out, lateAgencies, invalid_transfer", () => {
  // procedures.md §3.6; the hand-worked cases are tests/vectors/stages.json.
  const dossier = {
    received: "2026-04-23T10:00",
    timeLimit: { workingDays: 8 },
    stages: [
      { agency: "Phòng Nông nghiệp và Môi trường", timeLimit: { workingDays: 4 } },
      { agency: "Chi cục Thuế", timeLimit: "3wd" },
    ],
    events: [
      { type: "transferred", at: "2026-04-29T16:00", to: "Chi cục Thuế" },
      { type: "resolved", at: "2026-05-07T09:00" },
    ],
  };
  const c = classify(dossier, "2026-05-31", { calendar: Calendar.vietnam() });
  assert.equal(c.outcome, "early");
  assert.deepEqual(c.lateAgencies, ["Chi cục Thuế"]);
  assert.deepEqual(c.stages[1], {
    agency: "Chi cục Thuế",
    received: "2026-04-29T16:00",
    deemedReceipt: "2026-04-29",
    due: "2026-05-06",
    dueAt: "2026-05-06T17:00",
    completed: "2026-05-07T09:00",
    outcome: "late",
    workingDaysLate: 1,
  });
  // `due` has no as-of: the stage holding the file has no class yet.
  const open = due({ ...dossier, events: dossier.events.slice(0, 1) });
  assert.equal(open.stages[1].completed, null);
  assert.equal(open.stages[1].outcome, null);
  const x = due(dossier, { explain: true, lang: "en" });
  assert.ok(x.explain.some((s) => s.kind === "stage_ended" && s.agency === "Chi cục Thuế" && s.outcome === "late"));
  const wrong = { ...dossier, events: [{ type: "transferred", at: "2026-04-29T16:00", to: "Kho bạc" }] };
  assert.equal(codeOf(() => due(wrong)), "invalid_transfer");
  // A dossier without stages answers without the keys.
  assert.ok(!("stages" in due({ received: "2026-04-23", timeLimit: "3wd" })));
});

test("warnings are worded in the language asked for (Vietnamese by default), codes the same", () => {
  const d = {
    received: "2026-03-02T09:30",
    time_limit: { working_days: 3 },
    events: [{ type: "refused", at: "2026-03-12T10:00" }],
  };
  const vi = due(d).warnings;
  const en = due(d, { lang: "en" }).warnings;
  assert.deepEqual(vi.map((w) => w.code), ["refused_late"]);
  assert.deepEqual(en.map((w) => w.code), ["refused_late"]);
  assert.match(vi[0].message, /^từ chối giải quyết hồ sơ lúc 10:00 thứ Năm 12\/03\/2026, sau hạn giải quyết thứ Năm 05\/03\/2026/);
  assert.match(en[0].message, /^refused at 10:00 on Thu 12 Mar 2026, after the due date Thu 5 Mar 2026/);
  assert.deepEqual(due(d, { lang: "vi", explain: true }).warnings, vi);
  assert.deepEqual(classify(d, "2026-04-01", { lang: "en" }).warnings, en);
});
