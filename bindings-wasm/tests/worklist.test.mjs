// worklist(): on the sample dossiers (core/examples/sample) the rows must equal a computation
// of this file's own — each record turned into a dossier here, classified with classify(), the
// working days counted with Calendar.workingDaysBetween, the apology day found by stepping back
// over Calendar.isWorkingDay, the holding stage of an inter-agency dossier from its own
// classify() with its transfers as `transferred` events — and the CLI's `motcua worklist
// --format json` (with the sample's transfers too: `--transfers`); then hand-made cases for
// every status, for the apology day across the 30 April – 1 May break of 2026 and for the stage
// holding an inter-agency file, and bad records as report() has them.
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
const transfersText = readFileSync(join(sampleDir, "transfers.csv"), "utf8");
/** The sample's transfers (`id,at,to`; `to` may be quoted, with commas but no quotes). */
const transferRecords = transfersText.trim().split("\n").slice(1).map((l) => {
  const [, id, at, to] = /^([^,]*),([^,]*),"?(.*?)"?$/.exec(l);
  return { id, at, to };
});
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

function expected(asOf, { within = 3, all = false, by, transfers = false } = {}) {
  const moves = new Map();
  for (const t of transfers ? transferRecords : []) moves.set(t.id, [...(moves.get(t.id) ?? []), t]);
  const rows = [];
  for (const [index, r] of records.entries()) {
    if (iso(r.received) > asOf) continue; // same-length ISO text compares as time
    const events = [];
    let last = iso(r.received);
    for (const type of ["supplement_requested", "supplement_received"]) {
      if (r[type]) { events.push({ type, at: iso(r[type]) }); last = iso(r[type]); }
    }
    if (r.new_due) events.push({ type: "apology", at: last, new_due: iso(r.new_due).slice(0, 10) });
    for (const type of ["resolved", "refused", "withdrawn"]) if (r[type]) events.push({ type, at: iso(r[type]) });
    for (const t of moves.get(r.id) ?? []) events.push({ type: "transferred", at: t.at, to: t.to });
    events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)); // ISO text of one length; stable
    const d = { received: iso(r.received), procedure: r.procedure, channel: r.channel, events };
    const c = classify(d, asOf, { catalogue });
    if (!["pending_within", "overdue", "awaiting_supplement"].includes(c.outcome)) continue;
    // Awaiting a supplement, the clock stopped at the request: what was left then.
    const left = cal.workingDaysBetween((c.awaitingSupplementSince ?? asOf).slice(0, 10), c.due);
    const status = c.outcome !== "pending_within" ? c.outcome
      : left === 0 ? "due_today" : left <= within ? "due_soon" : "on_track";
    if (status === "on_track" && !all) continue;
    let apology = null;
    if (!r.new_due && status !== "overdue") {
      let day = new Date(`${c.due}T00:00:00Z`);
      do day = new Date(day.getTime() - 86_400_000); while (!cal.isWorkingDay(day.toISOString().slice(0, 10)));
      apology = day.toISOString().slice(0, 10);
      // Never before the deemed receipt day (a same-day limit: that day).
      if (apology < c.deemedReceipt) apology = c.deemedReceipt;
    }
    const row = { id: r.id };
    if (by) row[by] = r[by];
    Object.assign(row, { due: c.due, due_at: c.dueAt, working_days_left: left, status, apology_by: apology });
    // The stage holding the file: the last one it reached, while not completed.
    const s = c.stages?.at(-1);
    const holding = s && s.completed === null ? s : null;
    Object.assign(row, {
      stage_agency: holding?.agency ?? null,
      stage_due: holding?.due ?? null,
      stage_overdue: holding ? holding.outcome === "overdue" : null,
    });
    row.line = index + 2; // the record's line in the CSV text (the header is line 1)
    rows.push(row);
  }
  return rows.sort((a, b) => (a.due_at < b.due_at ? -1 : a.due_at > b.due_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const cli = process.env.MOTCUA_CLI
  ?? join(resolve(root, process.env.CARGO_TARGET_DIR ?? "target"), "debug", "motcua");

for (const [asOf, opts] of [
  ["2026-11-13T10:00", {}],
  ["2026-06-01T08:00", { within: 5, by: "procedure" }],
  ["2025-09-03T16:00", { within: 0, all: true }],
  ["2025-06-13T10:00", { all: true, transfers: true }],
  ["2026-11-13T10:00", { all: true, by: "field", transfers: true }],
]) {
  test(`the sample as of ${asOf} ${JSON.stringify(opts)}: an independent computation, and the CLI`, () => {
    const want = expected(asOf, opts);
    assert.ok(want.length > 20 && new Set(want.map((r) => r.status)).size >= 3);
    const staged = want.filter((r) => r.stage_agency !== null);
    const stageOverdue = staged.filter((r) => r.stage_overdue).length;
    assert.ok(staged.length >= 1);
    if (opts.transfers) assert.ok(staged.length >= 5 && stageOverdue > 0 && stageOverdue < staged.length);
    const { transfers, ...rest } = opts;
    const fromText = worklist(csvText, { asOf, catalogue: catalogueText, ...rest, ...(transfers ? { transfers: transfersText } : {}) });
    assert.deepEqual([...fromText], want);
    assert.equal(fromText.counted + fromText.leftOut, records.length);
    const fromObjects = worklist(records, { asOf, catalogue, ...rest, ...(transfers ? { transfers: transferRecords } : {}) });
    // Rows of an array of objects are located by their index instead of a line.
    assert.deepEqual([...fromObjects], want.map(({ line, ...w }) => ({ ...w, row: line - 2 })));
    const args = ["worklist", join(sampleDir, "dossiers.csv"), "--catalogue", join(sampleDir, "catalogue.json"),
      "--as-of", asOf, "--format", "json", "--within", String(opts.within ?? 3)];
    if (opts.all) args.push("--all");
    if (opts.by) args.push("--by", opts.by);
    if (opts.transfers) args.push("--transfers", join(sampleDir, "transfers.csv"));
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
    "F 2026-04-28 4 awaiting_supplement 2026-04-24",
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
  // Too many is said as such (it said "must be 0 or more, got 4294967297": a tester's case).
  assert.throws(
    () => worklist(HAND, { asOf: "2026-04-29", within: 2 ** 32 + 1 }),
    (e) => e.code === "invalid_argument" && /must be between 0 and 4294967295, got 4294967297/.test(e.message),
  );
  assert.throws(() => worklist(HAND, { asOf: "2026-04-29", within: 1.5 }), (e) => e.code === "invalid_number");
  assert.throws(() => worklist(HAND, { asOf: "2026-04-29", period: "month" }), (e) => e.code === "invalid_argument");
  assert.throws(() => worklist(HAND, { asOf: "2026-04-29", all: "yes" }), (e) => e.code === "invalid_argument");
  // A lead time reaching back past 1995 would fail every row: the option is refused; a large
  // `within` is only compared with the days left (every open dossier due soon, none failing).
  assert.throws(() => worklist(HAND, { asOf: "2026-04-29", apologyLead: 10000 }), (e) => e.code === "invalid_argument" && /apology_lead/.test(e.message));
  assert.deepEqual(new Set(worklist(HAND, { asOf: "2026-04-29T08:00", within: 1e6 }).map((r) => r.status)), new Set(["overdue", "awaiting_supplement", "due_today", "due_soon"]));
  // A row is an object keyed by name: grouping by `status` would lose the group or the row's
  // status (the records' own `agency` column is no worklist column).
  for (const by of ["stage_agency", "status", "id", "line", "row"]) {
    assert.throws(() => worklist(HAND, { asOf: "2026-04-29", by }), (e) => e.code === "invalid_argument" && e.message.includes(`\`${by}\``));
  }
});

// A procedure of two stages: the commune's 5 working days, then the tax office's 3, 8 in all.
const STAGED = JSON.stringify([{
  code: "LT", name: "inter-agency", field: "Đất đai", level: "commune", online: "none", time_limit: "8wd",
  stages: [{ agency: "UBND xã", time_limit: "5wd" }, { agency: "Chi cục Thuế", time_limit: "3wd" }],
}]);
const STAGED_RECORDS = [
  "id,procedure,time_limit,received",
  "X,LT,,2026-05-04T09:00",
  "Y,LT,,2026-05-04T09:00",
  "Z,,3wd,2026-05-08T09:00",
].join("\n");
const STAGED_TRANSFERS = [{ id: "Y", at: "2026-05-07T14:00", to: "Chi cục Thuế" }];

test("an id that is no value (NaN, an infinity, an invalid Date) is the row's error, not a null id", () => {
  // A tester's case: `id: NaN` came back as `id: null`, where every other column's NaN is a bad
  // row (the README: "never an empty cell").
  const recs = (id) => [
    { id, received: "2026-03-02T09:00", time_limit: "3wd" },
    { id: "B", received: "2026-03-02T09:00", time_limit: "3wd" },
  ];
  for (const id of [NaN, Infinity, new Date(NaN)]) {
    assert.throws(
      () => worklist(recs(id), { asOf: "2026-03-02T10:00" }),
      (e) => e.code === "csv_field" && e.index === 0 && e.field === "id",
      String(id),
    );
    const w = worklist(recs(id), { asOf: "2026-03-02T10:00", skipBad: true });
    assert.deepEqual(w.map((r) => r.id), ["B"]);
    assert.equal(w.skipped.length, 1);
  }
  assert.deepEqual(worklist(recs(7), { asOf: "2026-03-02T10:00" }).map((r) => r.id).sort(), ["7", "B"]);
});

test("hand-worked: the stage holding an inter-agency file, overdue or within", () => {
  // Days off around: 30 April – 3 May 2026 (Thu 30/4, Fri 1/5, the weekend); May's weekends.
  // Working days from Monday 4 May: Mon 4, Tue 5, Wed 6, Thu 7, Fri 8, Mon 11, Tue 12,
  // Wed 13, Thu 14 (9, 10 May: the weekend).
  // X, received Mon 4 May 09:00 (day 0), never transferred: UBND xã's 5 working days are
  //   5, 6, 7, 8, 11 -> its stage is due Mon 11 May; as of Tue 12 May 10:00 it is overdue.
  //   The dossier's 8: 5, 6, 7, 8, 11, 12, 13, 14 -> due Thu 14 May; 2 working days left
  //   (13, 14): due_soon; apology by Wed 13 May.
  // Y, received the same, sent to Chi cục Thuế on Thu 7 May 14:00 (day 0 of its stage): its 3
  //   working days are 8, 11, 12 -> due Tue 12 May: within on 12 May 10:00. The dossier as X.
  // Z, no stages: 3 working days from Fri 8 May: 11, 12, 13 -> due Wed 13 May, 1 day left.
  const opts = { asOf: "2026-05-12T10:00", catalogue: STAGED, transfers: STAGED_TRANSFERS };
  const rows = worklist(STAGED_RECORDS, opts);
  const got = rows.map((r) => [r.id, r.due, r.working_days_left, r.status, r.apology_by, r.stage_agency, r.stage_due, r.stage_overdue]);
  assert.deepEqual(got, [
    ["Z", "2026-05-13", 1, "due_soon", "2026-05-12", null, null, null],
    ["X", "2026-05-14", 2, "due_soon", "2026-05-13", "UBND xã", "2026-05-11", true],
    ["Y", "2026-05-14", 2, "due_soon", "2026-05-13", "Chi cục Thuế", "2026-05-12", false],
  ]);
  assert.deepEqual(rows.skipped, []);
  // The same from CSV text of transfers.
  const fromText = worklist(STAGED_RECORDS, { ...opts, transfers: "id,at,to\nY,2026-05-07T14:00,Chi cục Thuế\n" });
  assert.deepEqual([...fromText], [...rows]);
  // Wednesday 13 May 08:00: Y's stage (due 12 May) is overdue too; Z is due that day.
  const later = worklist(STAGED_RECORDS, { ...opts, asOf: "2026-05-13T08:00" });
  assert.deepEqual(later.map((r) => [r.id, r.status, r.stage_overdue]), [["Z", "due_today", null], ["X", "due_soon", true], ["Y", "due_soon", true]]);
  // Without the transfer, Y's file is still at the commune, overdue as X's.
  const alone = worklist(STAGED_RECORDS, { asOf: "2026-05-12T10:00", catalogue: STAGED });
  assert.deepEqual([alone[2].stage_agency, alone[2].stage_overdue], ["UBND xã", true]);
  // A transfer of an id no record has is a bad row, as in report().
  const stray = [...STAGED_TRANSFERS, { id: "Q", at: "2026-05-07T14:00", to: "Chi cục Thuế" }];
  assert.throws(() => worklist(STAGED_RECORDS, { ...opts, transfers: stray }), (e) => e.code === "invalid_transfer");
  const skipped = worklist(STAGED_RECORDS, { ...opts, transfers: stray, skipBad: true });
  assert.deepEqual([skipped.length, skipped.skipped.map((s) => s.id)], [3, ["Q"]]);
});
