// Bad input: every failure is a JS `Error` whose `code` is one of the core's codes, and the
// message says what was wrong.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Calendar, Catalogue, due, errorCodes, dayNumber, dateFromDayNumber, fromLunar, report, scorecard, stageReport, worklist } from "motcua";

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

test("an asOf outside the calendar fails before any record is read", async () => {
  const { scorecard, worklist, stageReport } = await import("motcua");
  const csv = "received,time_limit\n2026-03-02T09:00,3wd\n";
  for (const asOf of ["1926-11-15", "2300-01-01"]) {
    for (const call of [report, scorecard, worklist, stageReport]) {
      // not a table of zeros (every dossier "received after" 1926), nor an error blamed on a row
      throwsCode(() => call(csv, { asOf }), "date_out_of_range", new RegExp(`as_of.*${asOf}`));
    }
  }
  assert.equal(report(csv, { asOf: "2199-12-31" }).at(-1).received, 1);
});

test("a report or scorecard grouped by one of its row's own columns is refused, as the CLI's", async () => {
  const { scorecard } = await import("motcua");
  const csv = "received,time_limit,field,period\n2026-03-02T09:00,3wd,A,X\n";
  const asOf = "2026-03-31";
  throwsCode(() => report(csv, { asOf, by: "period", period: "month" }), "invalid_argument", /cannot group the report by `period`/);
  throwsCode(() => report(csv, { asOf, by: ["received"] }), "invalid_argument", /cannot group the report by `received`/);
  throwsCode(() => report(csv, { asOf, by: "field,field" }), "invalid_argument", /`field` is named twice/);
  throwsCode(() => scorecard(csv, { asOf, by: "status" }), "invalid_argument", /cannot group the scorecard by `status`/);
  // `period` is a column like any other when the report is not split by period
  assert.deepEqual(report(csv, { asOf, by: "period" }).map((r) => r.period), ["X", null]);
});

test("CSV text without its header row is csv_empty, as the CLI's", () => {
  throwsCode(() => report("A1,2026-03-02T09:00,3wd\n", { asOf: "2026-06-30" }), "csv_empty", /no header row/);
  throwsCode(() => report("ngay,han\n2026-03-02,3wd\n", { asOf: "2026-06-30" }), "csv_missing_column", /`received`/);
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
  // The one `b` equal to the missing marker (-2^31) is not a date: every answer was missing.
  throwsCode(() => weekdays.workingDaysBetweenBulk(Int32Array.of(d, d), -(2 ** 31)), "date_out_of_range");
  // 2^53 is whole but not a safe integer: the message says which numbers are taken.
  throwsCode(() => weekdays.addWorkingDays("2026-03-02", 2 ** 53), "invalid_number", /safe integer/);
  throwsCode(() => weekdays.isWorkingDayBulk(Int32Array.of(d, -1_000_000)), "date_out_of_range");
});

test("day numbers given as an array or another typed array are checked, never wrapped", () => {
  // A typed-array copy would read 2**32 + d as d, 0.9 as 0, "abc" as zeros: each is refused,
  // naming the element; whole numbers in the int32 range are taken as an Int32Array's.
  const d = dayNumber("2026-03-02");
  assert.deepEqual(weekdays.addWorkingDaysBulk([d, d + 1], 1), weekdays.addWorkingDaysBulk(Int32Array.of(d, d + 1), 1));
  assert.deepEqual(weekdays.isWorkingDayBulk(Float64Array.of(d)), weekdays.isWorkingDayBulk(Int32Array.of(d)));
  for (const [bad, index] of [[[d, d + 2 ** 32], 1], [Float64Array.of(d + 0.9), 0], [[2 ** 31], 0], [[d, NaN], 1],
    [[String(d)], 0], [BigInt64Array.of(BigInt(d)), 0], [{ length: 1 }, 0]]) {
    assert.throws(() => weekdays.addWorkingDaysBulk(bad, 1), (e) => e.code === "invalid_number" && e.index === index, String(bad));
  }
  assert.throws(() => weekdays.isWorkingDayBulk([d + 0.5]), (e) => e.code === "invalid_number" && e.index === 0);
  assert.throws(() => weekdays.workingDaysBetweenBulk([d, 2 ** 40], d), (e) => e.code === "invalid_number" && e.index === 1);
  // A string or a BigInt is said to be one ("20497 is not a day number" read as a contradiction).
  throwsCode(() => weekdays.isWorkingDayBulk([d, String(d)]), "invalid_number", new RegExp(`element 1: "${d}" \\(a string\\) is not a day number`));
  throwsCode(() => weekdays.isWorkingDayBulk(/** @type {any} */ ([BigInt(d)])), "invalid_number", new RegExp(`element 0: ${d}n \\(a BigInt\\)`));
  for (const bad of [null, "abc", 5]) {
    assert.throws(() => weekdays.addWorkingDaysBulk(bad, 1), (e) => e.code === "invalid_argument", String(bad));
  }
});

test("a cyclic or too deeply nested object is an error, and the module stays usable", () => {
  const d = { received: "2026-03-02T09:30", timeLimit: "3wd" };
  d.self = d;
  throwsCode(() => due(d), "invalid_argument", /nested over 32 levels deep/);
  let deep = {};
  for (let i = 0; i < 5000; i++) deep = { x: deep };
  throwsCode(() => Calendar.fromSpec({ weekmask: "1111100", from: "2026-01-01", to: "2026-12-31", extra: deep }), "invalid_argument");
  assert.equal(weekdays.addWorkingDays("2026-03-02", 1), "2026-03-03");
});

test("bytes over a detached ArrayBuffer are invalid_argument, and the module stays usable", () => {
  // A buffer transferred (to a worker by postMessage, here by structuredClone) has no bytes:
  // reading them threw the engine's TypeError without a code, from inside the call.
  /** @param {ArrayBufferView | ArrayBuffer} x */
  const detach = (x) => {
    const buffer = ArrayBuffer.isView(x) ? x.buffer : x;
    structuredClone(buffer, { transfer: [buffer] });
    return x;
  };
  const csv = "id,received,time_limit\nA,2026-03-02T09:30,3wd\n";
  const bytes = () => new TextEncoder().encode(csv);
  const opts = { asOf: "2026-11-15" };
  for (const [name, call] of /** @type {const} */ ([["report", report], ["scorecard", scorecard], ["stageReport", stageReport], ["worklist", worklist]])) {
    throwsCode(() => call(detach(bytes()), opts), "invalid_argument", /records: its ArrayBuffer is detached/);
    throwsCode(() => call(detach(bytes().buffer), opts), "invalid_argument", /records: its ArrayBuffer is detached/);
    // The same bytes not detached are read (an empty buffer too: it is no header, csv_empty).
    assert.equal(typeof call(bytes(), opts), "object", name);
    throwsCode(() => call(new Uint8Array(0), opts), "csv_empty");
  }
  const moves = () => new TextEncoder().encode("id,at,from,to\n");
  throwsCode(() => stageReport(csv, { ...opts, transfers: detach(moves()) }), "invalid_argument", /transfers: its ArrayBuffer is detached/);
  const days = new Int32Array([dayNumber("2026-03-02")]);
  throwsCode(() => weekdays.addWorkingDaysBulk(detach(days), 1), "invalid_argument", /day numbers: its ArrayBuffer is detached/);
  throwsCode(() => weekdays.addWorkingDaysBulk(detach(new Float64Array([1])), 1), "invalid_argument", /detached/);
  assert.deepEqual([...weekdays.addWorkingDaysBulk(new Int32Array([dayNumber("2026-03-02")]), 1)], [dayNumber("2026-03-03")]);
  assert.deepEqual([...weekdays.addWorkingDaysBulk(new Int32Array(0), 1)], []);
  // The second operand too (`n`, `b`: a number or day numbers).
  const start = new Int32Array([dayNumber("2026-03-02")]);
  throwsCode(() => weekdays.addWorkingDaysBulk(start, detach(new Int32Array([1]))), "invalid_argument", /^n: its ArrayBuffer is detached/);
  throwsCode(() => weekdays.workingDaysBetweenBulk(start, detach(new Int32Array([1]))), "invalid_argument", /^b: its ArrayBuffer is detached/);
  assert.deepEqual([...weekdays.addWorkingDaysBulk(start, new Int32Array([1]))], [dayNumber("2026-03-03")]);
  assert.equal(report(bytes(), opts).at(-1).received, 1);
});

test("a record that is a Map, Set or Date is invalid_argument: it was skipped as an empty row", () => {
  const rec = { id: "1", received: "2026-03-02T09:30", time_limit: "3wd" };
  for (const bad of [new Map(Object.entries({ ...rec, id: "2" })), new Set(["x"]), new Date("2026-03-02")]) {
    for (const records of [[rec, bad], [bad, rec], [bad]]) {
      const at = records.indexOf(bad);
      assert.throws(() => report(records, { asOf: "2026-03-31", skipBad: true }),
        (e) => e.code === "invalid_argument" && e.index === at && e.message.startsWith(`records[${at}] must be an object`));
    }
  }
  assert.equal(report([rec, Object.fromEntries(new Map(Object.entries({ ...rec, id: "2" })))], { asOf: "2026-03-31" }).at(-1).received, 2);
});

test("a method called on an object of another class is invalid_argument, never the module's memory", () => {
  // The module was handed a pointer to another type: out-of-bounds reads, a loop, an answer
  // from garbage.
  const cat = Catalogue.fromJson('[{"code":"1.1","name":"x","field":"y","level":"commune","time_limit":"3wd","online":"full"}]');
  const cal = Calendar.vietnam({ closures: ["2026-03-03"] });
  throwsCode(() => Catalogue.prototype.procedures.call(cal), "invalid_argument", /a Catalogue method called on a Calendar/);
  throwsCode(() => Catalogue.prototype.get.call(cal, "x"), "invalid_argument", /a Catalogue method called on a Calendar/);
  throwsCode(() => Calendar.prototype.addWorkingDays.call(cat, "2026-03-02", 1), "invalid_argument", /a Calendar method called on a Catalogue/);
  throwsCode(() => Calendar.prototype.isWorkingDay.call({}, "2026-03-02"), "invalid_argument", /on a plain object/);
  assert.equal(cal.addWorkingDays("2026-03-02", 1), "2026-03-04");
  assert.equal(cat.procedures().length, 1);
});

test("a record's NaN, invalid Date or a record that is no object is a bad row (skipBad skips it)", () => {
  const good = { id: "G", received: "2026-03-02T09:30", time_limit: "3wd", resolved: "2026-03-03T10:00" };
  for (const [bad, field] of [[{ ...good, id: "N", resolved: NaN }, "resolved"], [{ ...good, id: "I", resolved: Infinity }, "resolved"],
    [{ ...good, id: "D", resolved: new Date("x") }, "resolved"], [null, "received"], [7, "received"]]) {
    // Never read as missing (NaN was: a resolved dossier counted open and overdue).
    assert.throws(() => report([good, bad], { asOf: "2026-03-31" }),
      (e) => e.code === "csv_field" && e.index === 1 && e.line === 2 && e.field === field, String(bad?.id ?? bad));
    const r = report([good, bad], { asOf: "2026-03-31", skipBad: true });
    assert.equal(r.at(-1).resolved, 1);
    assert.deepEqual(r.skipped.map((s) => [s.index, s.code]), [[1, "csv_field"]]);
  }
});

// Hostile input (issue "No silent wrong answer"): every class gets its code, never a plausible
// answer.
test("hostile: truthy values are not bools", () => {
  for (const bad of ["false", "no", 0, 1, "true"]) {
    throwsCode(() => fromLunar(2025, 6, 1, bad), "invalid_argument", /leap/);
    throwsCode(() => Calendar.vietnam({ official: bad }), "invalid_argument", /official/);
  }
});

test("hostile: missing or outlandish dates and numbers", () => {
  throwsCode(() => weekdays.isWorkingDay(new Date(NaN)), "invalid_date", /date/);
  const csv = "id,received,time_limit\nA,2026-03-02T09:30,3wd\n";
  for (const asOf of [NaN, new Date(NaN)]) {
    throwsCode(() => report(csv, { asOf }), "invalid_date", /asOf/);
  }
  for (const n of [2 ** 60, Number.MAX_VALUE, -Infinity]) {
    throwsCode(() => weekdays.addWorkingDays("2026-03-02", n), "invalid_number");
  }
});

test("hostile: CSV records lose no row", () => {
  const rows = Array.from({ length: 50 }, (_, i) => `D${i},2026-03-02T09:30,${i === 5 ? '"3wd' : "3wd"}`);
  const csv = `id,received,time_limit\n${rows.join("\n")}\n`;
  throwsCode(() => report(csv, { asOf: "2026-03-31" }), "csv_field", /line 7.*quoted field/);
  const answer = report(csv, { asOf: "2026-03-31", skipBad: true });
  assert.equal(answer[0].received, 49);
  assert.deepEqual(answer.skipped.map((e) => [e.code, e.line]), [["csv_field", 7]]);
  throwsCode(
    () => report("id,received,time_limit,resolved,resolved\nA,2026-03-02T09:30,3wd,,\n", { asOf: "2026-03-31" }),
    "csv_field",
    /resolved/,
  );
});

test("hostile: a catalogue without procedures fails at load", () => {
  throwsCode(() => Catalogue.fromJson("[]"), "invalid_catalogue", /no procedure/);
  const csv = "id,received,procedure\nA,2026-03-02T09:30,P1\n";
  throwsCode(() => report(csv, { asOf: "2026-03-31", catalogue: [] }), "invalid_catalogue");
});

// The checks the CLI and Python make, made here too (they were left out of the `.wasm` for its
// size budget): the same inputs give the CLI's codes (`motcua report`, checked by hand on
// these files: invalid_catalogue twice, invalid_argument; the short rows skipped).
test("the record and catalogue checks of the CLI", () => {
  const AS_OF = "2026-03-31";
  // A record short of the header's columns whose cells read are all empty (a blank record,
  // a footer): skipped as at full width, not an error.
  const rows = report("id,received,time_limit,note\nA,2026-03-02T09:00,3wd,x\n,,\n,,,Tổng cộng\n", { asOf: AS_OF });
  assert.equal(rows.at(-1).received_new, 1);
  // ... but one with a value read is an error: a record cut short is not guessed at.
  throwsCode(() => report("id,received,time_limit,note\nA,2026-03-02T09:00,3wd\n", { asOf: AS_OF }), "csv_field", /3 fields, the header has 4/);
  const records = "id,received,procedure\nA,2026-03-02T09:00,P1\n";
  // A CSV catalogue naming a column twice, in two cases: which one is meant is a guess.
  const csvCatalogue = "code,name,field,level,time_limit,Time_Limit,online\nP1,n,f,commune,3wd,5wd,none\n";
  throwsCode(() => report(records, { asOf: AS_OF, catalogue: csvCatalogue }), "invalid_catalogue", /`time_limit` is given more than once/);
  // A JSON catalogue's key in another case is not read silently (its text: an object's keys are
  // turned from camelCase).
  const jsonCatalogue = [{ code: "P1", name: "n", field: "f", level: "commune", Time_Limit: "3wd", online: "none" }];
  throwsCode(() => Catalogue.fromJson(JSON.stringify(jsonCatalogue)), "invalid_catalogue", /key `Time_Limit` is not read/);
  // A map that reads one column as two of the record's.
  throwsCode(
    () => report("id,ngay,time_limit\nA,2026-03-02T09:00,3wd\n", { asOf: AS_OF, map: { received: "ngay", resolved: "ngay" } }),
    "invalid_argument",
    /column `ngay` would be read as both `received` and `resolved`/,
  );
});
