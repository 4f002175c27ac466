// Bad input: every failure is a JS `Error` whose `code` is one of the core's codes, and the
// message says what was wrong.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Calendar, errorCodes, dayNumber, dateFromDayNumber } from "motcua";

const weekdays = Calendar.fromSpec({ weekmask: "1111100", from: "2000-01-01", to: "2050-12-31" });
const codes = new Set(errorCodes());

/** Asserts that `fn` throws a MotcuaError with `code` (and optionally a message fragment). */
function throwsCode(fn, code, fragment) {
  assert.ok(codes.has(code), `${code} is not a core code`);
  assert.throws(fn, (err) => {
    assert.ok(err instanceof Error, "an Error");
    assert.equal(err.name, "MotcuaError");
    assert.equal(err.code, code, err.message);
    if (fragment) assert.match(err.message, fragment);
    return true;
  });
}

test("errorCodes lists the core's codes", () => {
  const list = errorCodes();
  assert.ok(list.includes("invalid_date") && list.includes("date_out_of_range"));
  assert.equal(new Set(list).size, list.length);
});

test("bad date strings", () => {
  throwsCode(() => weekdays.isWorkingDay("2026-02-30"), "invalid_date", /2026-02-30/);
  throwsCode(() => weekdays.isWorkingDay("2026-2-3"), "invalid_date");
  throwsCode(() => weekdays.isWorkingDay("yesterday"), "invalid_date");
  throwsCode(() => weekdays.isWorkingDay(""), "empty_input");
  throwsCode(() => weekdays.addWorkingDays("2026-13-01", 1), "invalid_date");
  throwsCode(() => weekdays.workingDaysBetween("2026-01-01", "2026-01-32"), "invalid_date", /`b`/);
});

test("wrong argument types", () => {
  for (const bad of [20514, null, undefined, {}, [], true]) {
    throwsCode(() => weekdays.isWorkingDay(bad), "invalid_date", /ISO date string or a Date/);
  }
  throwsCode(() => weekdays.isWorkingDay(new Date("not a date")), "invalid_date", /invalid Date/);
});

test("bad counts", () => {
  throwsCode(() => weekdays.addWorkingDays("2026-03-02", 1.5), "invalid_number", /whole number/);
  throwsCode(() => weekdays.addWorkingDays("2026-03-02", NaN), "invalid_number");
  throwsCode(() => weekdays.addWorkingDays("2026-03-02", Infinity), "invalid_number");
  throwsCode(() => weekdays.addWorkingDays("2026-03-02", 2 ** 60), "invalid_number");
  throwsCode(() => dateFromDayNumber(0.5), "invalid_number");
});

test("out of the calendar's range: an error, never a guess", () => {
  throwsCode(() => weekdays.isWorkingDay("1999-12-31"), "date_out_of_range", /1999-12-31/);
  throwsCode(() => weekdays.addWorkingDays("2050-12-30", 5), "date_out_of_range");
  throwsCode(() => weekdays.addWorkingDays("2000-01-03", -1), "date_out_of_range");
  throwsCode(() => weekdays.addWorkingDays("2026-03-02", 2 ** 40), "date_out_of_range");
  throwsCode(() => weekdays.daysOff("2026-03-10", "2026-03-01"), "invalid_argument");
  throwsCode(() => weekdays.days("2026-03-10", "2026-03-01"), "invalid_argument");
  throwsCode(() => dateFromDayNumber(2 ** 40), "date_out_of_range");
});

test("bad calendar specs", () => {
  throwsCode(() => Calendar.fromSpec("{not json"), "invalid_json");
  throwsCode(() => Calendar.fromSpec({ weekmask: "11111", from: "2026-01-01", to: "2026-12-31" }), "invalid_spec", /weekmask/);
  throwsCode(() => Calendar.fromSpec({ weekmask: "1111100", from: "2026-01-01", to: "2026-12-31", holiday: [] }), "invalid_spec", /holiday/);
  throwsCode(
    () => Calendar.fromSpec({ weekmask: "1111100", from: "2026-01-01", to: "2026-12-31", holidays: ["2026-01-10"], workingDays: ["2026-01-10"] }),
    "invalid_spec",
    /2026-01-10/,
  );
  throwsCode(() => Calendar.fromSpec({ weekmask: "1111100", from: "2026-01-01", to: "2026-12-31", holidays: ["2027-01-01"] }), "invalid_spec", /2027-01-01/);
  throwsCode(() => Calendar.fromSpec(42), "invalid_spec");
});

test("bulk errors carry the index of the first bad element", () => {
  const d = dayNumber("2026-03-02");
  throwsCode(() => weekdays.addWorkingDaysBulk(Int32Array.of(d, d, dayNumber("2051-01-02")), 1), "date_out_of_range");
  try {
    weekdays.addWorkingDaysBulk(Int32Array.of(d, d, dayNumber("2051-01-02")), 1);
  } catch (err) {
    assert.equal(err.index, 2);
    assert.match(err.message, /element 2/);
  }
  try {
    weekdays.workingDaysBetweenBulk(Int32Array.of(d, 0), d);
  } catch (err) {
    assert.equal(err.code, "date_out_of_range");
    assert.equal(err.index, 1);
  }
  throwsCode(() => weekdays.addWorkingDaysBulk(Int32Array.of(d, d), Int32Array.of(1)), "invalid_argument", /elements/);
  throwsCode(() => weekdays.addWorkingDaysBulk(Int32Array.of(d), "1"), "invalid_argument", /Int32Array/);
  throwsCode(() => weekdays.addWorkingDaysBulk(Int32Array.of(d), 0.5), "invalid_number");
  throwsCode(() => weekdays.workingDaysBetweenBulk(Int32Array.of(d), 2 ** 40), "date_out_of_range");
  throwsCode(() => weekdays.isWorkingDayBulk(Int32Array.of(d, -1_000_000)), "date_out_of_range");
});
