// Runs every case of every shared vector file (tests/vectors/*.json, format in its README)
// against the built package, as the Rust and Python runners do. One test per file and op;
// a failing test lists the first mismatching cases.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as motcua from "motcua";
import { vnDate } from "./vn-time.mjs";

const { Calendar } = motcua;
const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const vectorDir = join(repo, "tests", "vectors");

// ---------------------------------------------------------------------------------- calendars

const calendars = new Map();
function calendarFor(which = "vietnam") {
  const key = typeof which === "string" ? which : JSON.stringify(which);
  if (!calendars.has(key)) {
    let make;
    if (typeof which === "object" && which.schedules !== undefined) {
      // {preset, schedules}: a Vietnamese preset with a schedules file given inline
      const base = { vietnam: {}, vietnam_statutory: { official: false }, vietnam_pending: { includePending: true } };
      make = () => Calendar.vietnam({ ...base[which.preset ?? "vietnam"], schedules: which.schedules });
    } else if (typeof which === "object") make = () => Calendar.fromSpec(which);
    else if (which === "weekdays")
      make = () => Calendar.fromSpec(readFileSync(join(repo, "core", "examples", "weekdays.json"), "utf8"));
    else if (which === "vietnam") make = () => Calendar.vietnam();
    else if (which === "vietnam_statutory") make = () => Calendar.vietnam({ official: false });
    else if (which === "vietnam_pending") make = () => Calendar.vietnam({ includePending: true });
    else make = () => { throw new Error(`unknown calendar preset ${which}`); };
    let value;
    try {
      value = { ok: make() };
    } catch (err) {
      value = { err };
    }
    calendars.set(key, value);
  }
  const c = calendars.get(key);
  if (c.err) throw c.err;
  return c.ok;
}

// --------------------------------------------------------------------------------------- ops

const camel = (k) => k.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
/** Expected JSON (snake_case keys, as the CLI prints) → the JS shape (camelCase keys). */
function camelKeys(v) {
  if (Array.isArray(v)) return v.map(camelKeys);
  if (v && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [camel(k), camelKeys(x)]));
  return v;
}

function lunarOptions(input) {
  return input.utc_offset_minutes === undefined ? undefined : { utcOffsetMinutes: input.utc_offset_minutes };
}

const ops = {
  is_working_day: (c, i) => calendarFor(c.calendar).isWorkingDay(i.date),
  add_working_days: (c, i) => calendarFor(c.calendar).addWorkingDays(i.date, i.n),
  working_days_between: (c, i) => calendarFor(c.calendar).workingDaysBetween(i.a, i.b),
  next_working_day: (c, i) => calendarFor(c.calendar).nextWorkingDay(i.date),
  previous_working_day: (c, i) => calendarFor(c.calendar).previousWorkingDay(i.date),
  days_off: (c, i) => calendarFor(c.calendar).daysOff(i.from, i.to),
  to_lunar: (c, i) => motcua.toLunar(i.date, lunarOptions(i)),
  from_lunar: (c, i) => motcua.fromLunar(i.year, i.month, i.day, i.leap, lunarOptions(i)),
  holidays: (c, i) => calendarFor(c.calendar).holidays(i.year),
  due: (c, i) => motcua.due(i.dossier, dueOptions(c, i)),
  classify: (c, i) => motcua.classify(i.dossier, i.as_of, dueOptions(c, i)),
};

function dueOptions(c, i) {
  const o = {};
  if (i.rules) o.rules = i.rules;
  if (c.calendar !== undefined) o.calendar = calendarFor(c.calendar);
  // An inline catalogue (the `--catalogue FILE` JSON) becomes a `Catalogue`.
  if (i.catalogue !== undefined) o.catalogue = motcua.Catalogue.fromJson(JSON.stringify(i.catalogue));
  return Object.keys(o).length ? o : undefined;
}

/** `expected` matches `got` when equal, except that for objects only the keys present in
 * `expected` are compared (recursively): the rule of tests/vectors/README.md. */
function matches(expected, got) {
  if (Array.isArray(expected))
    return Array.isArray(got) && expected.length === got.length && expected.every((e, k) => matches(e, got[k]));
  if (expected && typeof expected === "object")
    return got !== null && typeof got === "object" && Object.entries(expected).every(([k, e]) => k in got && matches(e, got[k]));
  return Object.is(expected, got);
}

/** Evaluates one case; returns a description of the mismatch, or null. */
export function checkCase(c) {
  const op = ops[c.op];
  if (!op) return `the JS runner has no op \`${c.op}\``;
  let got;
  try {
    got = op(c, c.input);
  } catch (err) {
    if (!(err instanceof Error)) return `threw a non-Error ${String(err)}`;
    if (c.error !== undefined) {
      return err.code === c.error ? null : `expected error ${c.error}, got ${err.code}: ${err.message}`;
    }
    return `expected ${JSON.stringify(c.expected)}, got error ${err.code}: ${err.message}`;
  }
  if (c.error !== undefined) return `expected error ${c.error}, got ${JSON.stringify(got)}`;
  return matches(camelKeys(c.expected), got) ? null : `expected ${JSON.stringify(c.expected)}, got ${JSON.stringify(got)}`;
}

// ------------------------------------------------------------------------------------- tests

const files = readdirSync(vectorDir).filter((f) => f.endsWith(".json")).sort();
test("there are vector files", () => assert.ok(files.length > 0));

let total = 0;
for (const name of files) {
  const file = JSON.parse(readFileSync(join(vectorDir, name), "utf8"));
  test(`${name}: well-formed`, () => {
    assert.ok(file.source, "a vector file must say its source");
    assert.ok(file.cases.length > 0);
    const ids = new Set();
    for (const c of file.cases) {
      assert.ok(!ids.has(c.id), `duplicate id ${c.id}`);
      ids.add(c.id);
      assert.ok((c.expected === undefined) !== (c.error === undefined), `${c.id}: exactly one of expected/error`);
    }
  });
  const byOp = new Map();
  for (const c of file.cases) {
    if (!byOp.has(c.op)) byOp.set(c.op, []);
    byOp.get(c.op).push(c);
  }
  for (const [op, cases] of byOp) {
    total += cases.length;
    test(`${name}: ${op} (${cases.length} cases)`, () => {
      const failures = [];
      for (const c of cases) {
        const why = checkCase(c);
        if (why) failures.push(`${c.id}: ${why}`);
      }
      assert.equal(failures.length, 0, `${failures.length} of ${cases.length} failed:\n${failures.slice(0, 30).join("\n")}`);
    });
  }
}

// The same calendar answers through the bulk API, one call per calendar and op.
test("vector answers through the bulk API", () => {
  const groups = new Map();
  for (const name of files) {
    for (const c of JSON.parse(readFileSync(join(vectorDir, name), "utf8")).cases) {
      if (c.error !== undefined || !["add_working_days", "working_days_between", "is_working_day"].includes(c.op)) continue;
      const key = `${c.op} ${JSON.stringify(c.calendar ?? "vietnam")}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(c);
    }
  }
  let checked = 0;
  for (const cases of groups.values()) {
    const cal = calendarFor(cases[0].calendar);
    const { op } = cases[0];
    if (op === "add_working_days") {
      const days = Int32Array.from(cases, (c) => motcua.dayNumber(c.input.date));
      const n = Int32Array.from(cases, (c) => c.input.n);
      const got = cal.addWorkingDaysBulk(days, n);
      cases.forEach((c, k) => assert.equal(motcua.dateFromDayNumber(got[k]), c.expected, c.id));
    } else if (op === "working_days_between") {
      const a = Int32Array.from(cases, (c) => motcua.dayNumber(c.input.a));
      const b = Int32Array.from(cases, (c) => motcua.dayNumber(c.input.b));
      const got = cal.workingDaysBetweenBulk(a, b);
      cases.forEach((c, k) => assert.equal(got[k], c.expected, c.id));
    } else {
      const days = Int32Array.from(cases, (c) => motcua.dayNumber(c.input.date));
      const got = cal.isWorkingDayBulk(days);
      cases.forEach((c, k) => assert.equal(got[k], c.expected ? 1 : 0, c.id));
    }
    checked += cases.length;
  }
  assert.ok(checked > 0);
});

// Dates given as `Date` objects (an instant on that day in Vietnam) answer as their ISO strings
// do, whatever the runtime's zone.
test("vector answers with Date arguments", () => {
  let checked = 0;
  for (const name of files) {
    for (const c of JSON.parse(readFileSync(join(vectorDir, name), "utf8")).cases) {
      if (c.error !== undefined || !["add_working_days", "is_working_day"].includes(c.op)) continue;
      const [y, m, d] = c.input.date.split("-").map(Number);
      const asDate = vnDate(y, m, d, 12, 30);
      assert.equal(checkCase({ ...c, input: { ...c.input, date: asDate } }), null, c.id);
      checked += 1;
    }
  }
  assert.ok(checked > 0);
});

test("vector count", () => assert.ok(total > 0));
