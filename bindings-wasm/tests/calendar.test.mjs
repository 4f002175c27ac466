// The Calendar API on a spec calendar: strings and Dates in, ISO strings out; the bulk
// variants agree with the scalar ones and let missing values through.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Calendar, dayNumber, dateFromDayNumber, version } from "motcua";
import { vnDate } from "./vn-time.mjs";

// 2026: 1 January off, the Tết week off, Saturday 10 January worked (an illustration).
const spec = {
  weekmask: "1111100",
  from: "2026-01-01",
  to: "2026-12-31",
  holidays: [{ date: "2026-01-01", name: "Tết Dương lịch" }, "2026-02-16", "2026-02-17"],
  working_days: [{ date: "2026-01-10", name: "làm bù" }],
};
const cal = Calendar.fromSpec(spec);

test("version", () => assert.match(version(), /^\d+\.\d+\.\d+/));

test("range", () => {
  assert.equal(cal.from, "2026-01-01");
  assert.equal(cal.to, "2026-12-31");
});

test("a JSON string spec and camelCase keys give the same calendar", () => {
  const a = Calendar.fromSpec(JSON.stringify(spec));
  const b = Calendar.fromSpec({ ...spec, working_days: undefined, workingDays: spec.working_days });
  for (const c of [a, b]) assert.equal(c.addWorkingDays("2026-01-09", 1), "2026-01-10");
});

test("scalar queries", () => {
  assert.equal(cal.isWorkingDay("2026-01-01"), false);
  assert.equal(cal.isWorkingDay("2026-01-10"), true);
  assert.equal(cal.isWorkingDay("10/01/2026"), true);
  assert.equal(cal.dayKind("2026-01-10"), "makeup_working_day");
  assert.equal(cal.dayKind("2026-01-11"), "weekly_rest");
  assert.equal(cal.dayKind("2026-01-01"), "holiday");
  assert.equal(cal.dayName("2026-01-01"), "Tết Dương lịch");
  assert.equal(cal.dayName("2026-01-02"), undefined);
  assert.equal(cal.addWorkingDays("2026-02-13", 1), "2026-02-18");
  assert.equal(cal.addWorkingDays("2026-02-18", -1), "2026-02-13");
  assert.equal(cal.addWorkingDays("2026-02-15", 0), "2026-02-18");
  assert.equal(cal.workingDaysBetween("2026-02-13", "2026-02-18"), 1);
  assert.equal(cal.workingDaysBetween("2026-02-18", "2026-02-13"), -1);
  assert.equal(cal.nextWorkingDay("2026-02-13"), "2026-02-18");
  assert.equal(cal.previousWorkingDay("2026-02-18"), "2026-02-13");
  assert.deepEqual(cal.daysOff("2026-02-13", "2026-02-18"), ["2026-02-14", "2026-02-15", "2026-02-16", "2026-02-17"]);
});

test("a Date is the Vietnam calendar day of its instant, whatever the runtime's zone", () => {
  assert.equal(cal.isWorkingDay(vnDate(2026, 1, 10)), true);
  assert.equal(cal.isWorkingDay(vnDate(2026, 1, 10, 23, 59)), true);
  assert.equal(cal.addWorkingDays(vnDate(2026, 2, 13, 8), 1), "2026-02-18");
  // Saturday 10 January 2026 is worked, Sunday 11 is not: midnight in Hanoi is 17:00 UTC.
  assert.equal(cal.isWorkingDay(new Date("2026-01-10T16:59:59.999Z")), true);
  assert.equal(cal.isWorkingDay(new Date("2026-01-10T17:00:00Z")), false);
  assert.equal(cal.dayKind(new Date("2026-01-10T09:00:00-08:00")), "weekly_rest", "09:00 in Los Angeles is 00:00 on the 11th in Hanoi");
  assert.equal(dayNumber(new Date(Date.UTC(1970, 0, 1))), 0);
  assert.equal(dayNumber(new Date(Date.UTC(1969, 11, 31, 17))), 0);
  assert.equal(dayNumber(new Date(Date.UTC(1969, 11, 31, 16, 59, 59))), -1);
});

test("instant strings where a date is expected: their Vietnam calendar day", () => {
  assert.equal(cal.isWorkingDay("2026-01-10T16:59:59.999Z"), true);
  assert.equal(cal.isWorkingDay("2026-01-10T17:00:00.000Z"), false);
  assert.equal(cal.isWorkingDay(new Date("2026-01-10T17:00:00Z").toISOString()), false);
  assert.equal(cal.isWorkingDay("2026-01-11T06:59+07:00"), false);
  assert.equal(cal.isWorkingDay("2026-01-10T23:59"), true, "no offset: Vietnam wall-clock time");
  assert.equal(dayNumber("1970-01-01T00:00+07:00"), 0);
  assert.equal(dayNumber("1969-12-31T17:00Z"), 0);
});

test("days() describes each day for month views", () => {
  const days = cal.days("2026-01-09", "2026-01-11");
  assert.deepEqual(days, [
    { date: "2026-01-09", kind: "working", working: true },
    { date: "2026-01-10", kind: "makeup_working_day", working: true, name: "làm bù" },
    { date: "2026-01-11", kind: "weekly_rest", working: false },
  ]);
});

test("day numbers", () => {
  assert.equal(dayNumber("2026-03-02"), 20514);
  assert.equal(dateFromDayNumber(20514), "2026-03-02");
  assert.equal(dateFromDayNumber(-1), "1969-12-31");
});

test("bulk agrees with scalar; missing passes through", () => {
  const MISSING = -(2 ** 31);
  const start = dayNumber("2026-01-01");
  const days = Int32Array.from({ length: 300 }, (_, k) => start + k);
  days[7] = MISSING;
  for (const n of [-3, 0, 1, 5]) {
    const out = cal.addWorkingDaysBulk(days.subarray(10), n);
    assert.ok(out instanceof Int32Array);
    out.forEach((d, k) => assert.equal(dateFromDayNumber(d), cal.addWorkingDays(dateFromDayNumber(days[k + 10]), n)));
  }
  const withMissing = cal.addWorkingDaysBulk(days.subarray(5, 9), 1);
  assert.equal(withMissing[2], MISSING);
  const ns = Int32Array.from(days.subarray(10, 20), (_, k) => k - 3);
  const each = cal.addWorkingDaysBulk(days.subarray(10, 20), ns);
  each.forEach((d, k) => assert.equal(dateFromDayNumber(d), cal.addWorkingDays(dateFromDayNumber(days[k + 10]), k - 3)));

  const b = dayNumber("2026-06-30");
  const between = cal.workingDaysBetweenBulk(days.subarray(0, 100), b);
  between.forEach((x, k) => {
    if (k === 7) assert.equal(x, MISSING);
    else assert.equal(x, cal.workingDaysBetween(dateFromDayNumber(days[k]), "2026-06-30"));
  });
  const flags = cal.isWorkingDayBulk(days.subarray(0, 100));
  assert.ok(flags instanceof Uint8Array);
  flags.forEach((f, k) => assert.equal(f, k === 7 ? 255 : Number(cal.isWorkingDay(dateFromDayNumber(days[k])))));
  assert.equal(cal.addWorkingDaysBulk(new Int32Array(0), 1).length, 0);
});

test("a bulk call of more day numbers than WebAssembly's memory holds is an error, not a trap", () => {
  // A tester's case: 536,870,912 day numbers trapped (`RuntimeError: unreachable`, no code).
  // (An array-like of that length is refused before any copy: no gigabyte allocated here.)
  const cal = Calendar.vietnam();
  const huge = /** @type {any} */ ({ length: 2 ** 28 + 1 });
  const small = new Int32Array([20500, 20501]);
  for (const call of [
    () => cal.addWorkingDaysBulk(huge, 1),
    () => cal.isWorkingDayBulk(huge),
    () => cal.workingDaysBetweenBulk(huge, 20500),
  ]) {
    assert.throws(call, (e) => e.code === "invalid_argument" && /at most 268435456 at a time/.test(e.message));
  }
  assert.equal(cal.addWorkingDaysBulk(small, 1).length, 2);
});

test("calendars are freed explicitly or by the garbage collector", () => {
  const c = Calendar.fromSpec(spec);
  c.free();
  assert.throws(() => c.isWorkingDay("2026-01-02"));
});
