// Instants are Vietnam wall-clock time (UTC+7) whatever the runtime's time zone: a `Date` is
// a point in time, converted; an ISO string with `Z` or an offset is converted; one without is
// Vietnam wall-clock time; a date alone stays a date. `npm test` runs this file (and every
// other) under TZ=UTC, Asia/Ho_Chi_Minh and America/Los_Angeles with the same expectations.
import { test } from "node:test";
import assert from "node:assert/strict";
import vm from "node:vm";
import { Calendar, classify, due, report, toLunar } from "motcua";
import { vnDate } from "./vn-time.mjs";

test("the run is really in the zone it says (so the three runs differ)", () => {
  const jan = new Date(2026, 0, 1).getTimezoneOffset();
  const jul = new Date(2026, 6, 1).getTimezoneOffset();
  const expected = { UTC: [0, 0], "Asia/Ho_Chi_Minh": [-420, -420], "America/Los_Angeles": [480, 420] }[process.env.TZ];
  if (expected) assert.deepEqual([jan, jul], expected, `TZ=${process.env.TZ}`);
});

// Reference E8 (procedures.md §8): online, Fri 13 Feb 2026 after closing time, 3 working days
// → Thu 26 Feb (Tết skipped). 10:30 UTC is 17:30 in Hanoi: after hours.
const e8 = (received) => ({ received, channel: "online", timeLimit: "3wd" });

test("a Date is an instant: the same due date in every zone", () => {
  assert.equal(due(e8(new Date("2026-02-13T10:30:00Z"))).due, "2026-02-26");
  assert.equal(due(e8(vnDate(2026, 2, 13, 17, 30))).deemedReceipt, "2026-02-23");
  // 09:59 UTC is 16:59 in Hanoi: before closing, counted from Friday.
  assert.equal(due(e8(new Date("2026-02-13T09:59:00Z"))).due, "2026-02-25");
});

test("toISOString() output and offsets are accepted and converted", () => {
  const at = new Date("2026-02-13T10:30:00Z");
  assert.equal(due(e8(at.toISOString())).due, "2026-02-26");
  assert.equal(due(e8("2026-02-13T17:30:00+07:00")).due, "2026-02-26");
  assert.equal(due(e8("2026-02-13T02:30:00-08:00")).due, "2026-02-26");
  assert.equal(due(e8("2026-02-13T09:59:59.999Z")).due, "2026-02-25");
  assert.equal(due(e8("2026-02-13T17:30")).due, "2026-02-26", "no offset: Vietnam wall-clock time");
  assert.equal(due(e8("2026-02-13T16:59")).due, "2026-02-25");
  // Events too, inside the dossier.
  const d = {
    received: "2026-06-08T02:00:00Z", // 09:00 in Hanoi
    timeLimit: { workingDays: 10 },
    events: [
      { type: "supplement_requested", at: new Date("2026-06-11T08:00:00Z") }, // 15:00
      { type: "supplement_received", at: "2026-06-16T03:00:00.000Z" }, // 10:00
    ],
  };
  assert.equal(due(d).due, "2026-06-25", "reference E3");
});

test("a local-time Date and its ISO string give the same answers (whatever the zone)", () => {
  for (const local of [new Date(2026, 1, 13, 16, 59), new Date(2026, 1, 13, 17, 1), new Date(2026, 0, 10, 23, 30)]) {
    assert.deepEqual(due(e8(local)), due(e8(local.toISOString())));
    assert.deepEqual(toLunar(local), toLunar(local.toISOString()));
    assert.equal(Calendar.vietnam().isWorkingDay(local), Calendar.vietnam().isWorkingDay(local.toISOString()));
  }
});

test("asOf keeps its time of day, as a Date or a string; a date alone is the end of that day", () => {
  const open = { received: "2026-02-13T18:30", channel: "online", timeLimit: "3wd" }; // due Thu 26 Feb
  assert.equal(classify(open, new Date("2026-02-26T16:59:59Z")).outcome, "pending_within"); // 23:59:59
  assert.equal(classify(open, new Date("2026-02-26T17:00:00Z")).outcome, "overdue"); // 00:00 on the 27th
  assert.equal(classify(open, "2026-02-26T23:59:59+07:00").outcome, "pending_within");
  assert.equal(classify(open, "2026-02-26T17:00:00.000Z").outcome, "overdue");
  assert.equal(classify(open, "2026-02-26").outcome, "pending_within");
  assert.equal(classify(open, "2026-02-27").outcome, "overdue");
  const e3 = {
    received: "2026-06-08T09:00",
    timeLimit: { workingDays: 10 },
    events: [{ type: "supplement_requested", at: "2026-06-11T15:00" }],
  };
  // The request at 15:00 Hanoi = 08:00 UTC: as of 07:59 UTC it was not made yet.
  assert.equal(due(e3, { asOf: new Date("2026-06-11T07:59:00Z") }).awaitingSupplementSince, undefined);
  assert.equal(due(e3, { asOf: new Date("2026-06-11T08:00:00Z") }).awaitingSupplementSince, "2026-06-11T15:00");
});

test("records: Date cells, offset strings and Vietnam wall-clock strings give one report", () => {
  const rows = (cell) => [
    { id: "A", received: cell(2026, 2, 13, 17, 30), time_limit: "3wd", channel: "online", resolved: cell(2026, 2, 26, 16, 0) },
    { id: "B", received: cell(2026, 2, 13, 9, 0), time_limit: "3wd", resolved: cell(2026, 2, 26, 8, 0) },
    { id: "C", received: cell(2026, 2, 23, 23, 30), time_limit: "1wd" }, // day 0: Tue 24
  ];
  const pad = (n) => String(n).padStart(2, "0");
  const wall = (y, m, d, h, mi) => `${y}-${pad(m)}-${pad(d)}T${pad(h)}:${pad(mi)}`;
  const asOf = new Date("2026-02-26T12:00:00Z"); // 19:00 in Hanoi
  const fromWall = report(rows(wall), { asOf: "2026-02-26T19:00" });
  assert.equal(fromWall[0].early + fromWall[0].on_time + fromWall[0].late, 2);
  assert.equal(fromWall[0].late, 1, "B was due on the 25th");
  assert.equal(fromWall[0].on_time, 1, "A was due on the 26th");
  assert.equal(fromWall[0].overdue, 1, "C was due on the 25th");
  assert.deepEqual(report(rows(vnDate), { asOf }), fromWall);
  assert.deepEqual(report(rows((...a) => vnDate(...a).toISOString()), { asOf: asOf.toISOString() }), fromWall);
});

test("a Date of another realm (an iframe's, node:vm's) is a Date", () => {
  // A tester's case: `instanceof Date` alone refused it ("must be ... a Date, not object").
  const iso = "2026-03-02T02:30:00Z";
  const foreign = vm.runInNewContext(`new Date(${JSON.stringify(iso)})`);
  assert.equal(foreign instanceof Date, false);
  assert.equal(due({ received: foreign, timeLimit: "3wd" }).due, due({ received: new Date(iso), timeLimit: "3wd" }).due);
  assert.equal(Calendar.vietnam().isWorkingDay(foreign), Calendar.vietnam().isWorkingDay(new Date(iso)));
  const rows = (received) => report([{ received, time_limit: "3wd" }], { asOf: "2026-03-31" });
  assert.deepEqual(rows(foreign), rows(new Date(iso)));
  // Something that only says it is a Date is not one.
  assert.throws(() => due({ received: /** @type {any} */ ({ [Symbol.toStringTag]: "Date" }), timeLimit: "3wd" }), (e) => typeof e.code === "string");
});

test("bad instants: a clear invalid_date", () => {
  for (const bad of ["2026-02-13Z", "2026-02-13T10:30+25:00", "02/03/2026 09:30Z", new Date(Number.NaN)]) {
    assert.throws(() => due(e8(bad)), (e) => e.code === "invalid_date" || assert.fail(`${bad}: ${e.code} ${e.message}`));
  }
  assert.throws(() => Calendar.vietnam().isWorkingDay("2026-02-13T10:30+7"), { code: "invalid_date" });
});

test("a Date at exactly 00:00 in Vietnam is its date alone in a dossier object, as in a record", () => {
  // counting=hours: a request given by its date alone uses its whole day (32 working hours by
  // 18 Dec), the instant 00:00 only what had passed (24): a record's Date cell was read the
  // first way and a dossier object's the second (late in report(), on time in classify()).
  const vn = (s) => new Date(`${s}+07:00`);
  const record = {
    received: vn("2025-12-13T15:00"), time_limit: "15wd", supplement_requested: vn("2025-12-18T00:00"),
    supplement_received: vn("2025-12-22T09:00"), resolved: vn("2026-01-09T08:00"),
  };
  const events = ["supplement_requested", "supplement_received", "resolved"].map((type) => ({ type, at: record[type] }));
  const rules = { counting: "hours" };
  const one = classify({ received: record.received, time_limit: "15wd", events }, "2026-01-31", { rules });
  const table = report([record], { asOf: "2026-01-31", rules });
  assert.equal(one.outcome, "late");
  assert.equal(table.at(-1).late, 1);
  // The text "…T00:00" is the instant: on time in both.
  const text = events.map((e) => ({ ...e, at: e.type === "supplement_requested" ? "2025-12-18T00:00" : e.at }));
  assert.equal(classify({ received: record.received, time_limit: "15wd", events: text }, "2026-01-31", { rules }).outcome, "on_time");
});
