// worklist(): on the sample dossiers (core/examples/sample) the rows must equal a computation
// of this file's own — each record turned into a dossier here, classified with classify(), the
// working days counted with Calendar.workingDaysBetween, the apology day found by stepping back
// over Calendar.isWorkingDay — and the CLI's `motcua worklist --format json`; then hand-made
// cases for every status and for the apology day across the 30 April – 1 May break of 2026,
// and bad records as report() has them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Calendar, Catalogue, classify, worklist } from "motcua";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const sampleDir = join(root, "core", "examples", "sample");
const csvText = readFileSync(join(sampleDir, "dossiers.csv"), "utf8");
const catalogueText = readFileSync(join(sampleDir, "catalogue.json"), "utf8");
const catalogue = Catalogue.fromJson(catalogueText);
const cal = Calendar.vietnam();

// The sample has no quoted cells: a plain split reads it.
const [header, ...lines] = csvText.trim().split("\n");
const names = header.split(",");
const records = lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [names[i], v])));

/** ISO from the sample's ISO or dd/mm/yyyy HH:MM cells. */
function iso(v) {
  const m = /^(\d\d)\/(\d\d)\/(\d{4})(?: (\d\d?):(\d\d))?$/.exec(v);
  if (!m) return v;
  const date = `${m[3]}-${m[2]}-${m[1]}`;
  return m[4] === undefined ? date : `${date}T${m[4].padStart(2, "0")}:${m[5]}`;
}

function expected(asOf, { within = 3, all = false, by } = {}) {
  const rows = [];
  for (const r of records) {
    if (iso(r.received) > asOf) continue; // same-length ISO text compares as time
    const events = [];
    let last = iso(r.received);
    for (const type of ["supplement_requested", "supplement_received"]) {
      if (r[type]) { events.push({ type, at: iso(r[type]) }); last = iso(r[type]); }
    }
    if (r.new_due) events.push({ type: "apology", at: last, new_due: iso(r.new_due).slice(0, 10) });
    for (const type of ["resolved", "refused", "withdrawn"]) if (r[type]) events.push({ type, at: iso(r[type]) });
    const d = { received: iso(r.received), procedure: r.procedure, channel: r.channel, events };
    const c = classify(d, asOf, { catalogue });
    if (!["pending_within", "overdue", "awaiting_supplement"].includes(c.outcome)) continue;
    const left = cal.workingDaysBetween(asOf.slice(0, 10), c.due);
    const status = c.outcome !== "pending_within" ? c.outcome
      : left === 0 ? "due_today" : left <= within ? "due_soon" : "on_track";
    if (status === "on_track" && !all) continue;
    let apology = null;
    if (!r.new_due && status !== "overdue") {
      let day = new Date(`${c.due}T00:00:00Z`);
      do day = new Date(day.getTime() - 86_400_000); while (!cal.isWorkingDay(day.toISOString().slice(0, 10)));
      apology = day.toISOString().slice(0, 10);
    }
    const row = { id: r.id };
    if (by) row[by] = r[by];
    Object.assign(row, { due: c.due, due_at: c.dueAt, working_days_left: left, status, apology_by: apology });
    rows.push(row);
  }
  return rows.sort((a, b) => (a.due_at < b.due_at ? -1 : a.due_at > b.due_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const cli = process.env.MOTCUA_CLI
  ?? join(resolve(root, process.env.CARGO_TARGET_DIR ?? "target"), "debug", "motcua");

for (const [asOf, opts] of [
  ["2026-11-13T10:00", {}],
  ["2026-06-01T08:00", { within: 5, by: "agency" }],
  ["2025-09-03T16:00", { within: 0, all: true }],
]) {
  test(`the sample as of ${asOf} ${JSON.stringify(opts)}: an independent computation, and the CLI`, () => {
    const want = expected(asOf, opts);
    assert.ok(want.length > 20 && new Set(want.map((r) => r.status)).size >= 3);
    const fromText = worklist(csvText, { asOf, catalogue: catalogueText, ...opts });
    assert.deepEqual([...fromText], want);
    assert.equal(fromText.counted + fromText.leftOut, records.length);
    const fromObjects = worklist(records, { asOf, catalogue, ...opts });
    assert.deepEqual([...fromObjects], want);
    const args = ["worklist", join(sampleDir, "dossiers.csv"), "--catalogue", join(sampleDir, "catalogue.json"),
      "--as-of", asOf, "--format", "json", "--within", String(opts.within ?? 3)];
    if (opts.all) args.push("--all");
    if (opts.by) args.push("--by", opts.by);
    const r = spawnSync(cli, args, { encoding: "utf8", maxBuffer: 64 << 20 });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), want);
  });
}

const HAND = [
  "id,received,time_limit,supplement_requested,new_due,resolved,withdrawn",
  "A,2026-04-22T09:00,3wd,,,,",
  "B,2026-04-24T09:00,3wd,,,,",
  "C,2026-04-24T09:00,2wd,,,,",
  "D,2026-04-28T09:00,3wd,,,,",
  "E,2026-04-28T09:00,10wd,,,,",
  "F,2026-04-20T09:00,5wd,2026-04-21T10:00,,,",
  "G,2026-04-22T09:00,3wd,,2026-05-05,,",
  "H,2026-04-22T09:00,3wd,,,2026-04-24T10:00,",
  "I,2026-04-29T09:00,3wd,,,,",
  "J,2026-04-22T09:00,3wd,,,,2026-04-23T10:00",
].join("\n");

test("hand-made: every status, the apology day across the 30/4 – 1/5 break", () => {
  // As of Wednesday 29 April 2026, 08:00; days off 25–27 April and 30 April – 3 May.
  const rows = worklist(HAND, { asOf: "2026-04-29T08:00", all: true });
  const got = rows.map((r) => `${r.id} ${r.due} ${r.working_days_left} ${r.status} ${r.apology_by ?? "-"}`);
  assert.deepEqual(got, [
    "A 2026-04-28 -1 overdue -",
    "F 2026-04-28 -1 awaiting_supplement 2026-04-24",
    "C 2026-04-29 0 due_today 2026-04-28",
    "B 2026-05-04 1 due_soon 2026-04-29",
    "D 2026-05-05 2 due_soon 2026-05-04",
    "G 2026-05-05 2 due_soon -",
    "E 2026-05-14 9 on_track 2026-05-13",
  ]);
  assert.equal(rows.leftOut, 1);
  assert.deepEqual(worklist(HAND, { asOf: "2026-04-29T08:00", within: 1 }).map((r) => r.id), ["A", "F", "C", "B"]);
  assert.equal(worklist(HAND, { asOf: "2026-04-29T08:00", apologyLead: 2 })[3].apology_by, "2026-04-28");
  // A Date is an instant: 01:00 UTC is 08:00 in Vietnam, whatever the runtime's zone.
  assert.deepEqual(worklist(HAND, { asOf: new Date("2026-04-29T01:00:00Z") }).map((r) => r.id), ["A", "F", "C", "B", "D", "G"]);
});

test("bad records follow report(); bad options are errors", () => {
  const bad = `${HAND}\nK,2026-02-30T09:00,3wd,,,,`;
  assert.throws(() => worklist(bad, { asOf: "2026-04-29T08:00" }), (e) => e.code === "csv_field" && /line 12/.test(e.message));
  const skipped = worklist(bad, { asOf: "2026-04-29T08:00", skipBad: true });
  assert.equal(skipped.length, 6);
  assert.deepEqual(skipped.skipped.map((s) => [s.line, s.id]), [[12, "K"]]);
  assert.throws(() => worklist(HAND, { asOf: "2026-04-29", within: -1 }), (e) => e.code === "invalid_argument");
  assert.throws(() => worklist(HAND, { asOf: "2026-04-29", within: 1.5 }), (e) => e.code === "invalid_number");
  assert.throws(() => worklist(HAND, { asOf: "2026-04-29", period: "month" }), (e) => e.code === "invalid_argument");
  assert.throws(() => worklist(HAND, { asOf: "2026-04-29", all: "yes" }), (e) => e.code === "invalid_argument");
});
