// stageReport(): the per-agency stage table of inter-agency dossiers, with transfers joined by
// id in the core, against an independent computation: each generated dossier classified alone
// (classify() with its `transferred` events in place) and its stages counted per agency by a
// small reduce. Records as objects and as CSV text, transfers as objects and as CSV text; the
// report unchanged by transfers; bad transfers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Catalogue, classify, report, stageReport } from "motcua";

const catalogue = Catalogue.fromJson(`[
 {"code":"P2","name":"two stages","field":"Đất đai","level":"commune","online":"none","time_limit":"5wd",
  "stages":[{"agency":"Land office","time_limit":"3wd"},{"agency":"Tax office","time_limit":"2wd"}]},
 {"code":"P3","name":"three stages","field":"Đất đai","level":"commune","online":"none","time_limit":"7wd",
  "stages":[{"agency":"Land office","time_limit":"3wd"},{"agency":"Tax office","time_limit":"2wd"},
            {"agency":"Land office","time_limit":"2wd"}]},
 {"code":"P0","name":"one office","field":"Hộ tịch","level":"commune","online":"none","time_limit":"4wd"}
]`);
const AGENCIES = { P2: ["Land office", "Tax office"], P3: ["Land office", "Tax office", "Land office"], P0: [] };
const AS_OF = "2026-06-30T17:00";
const COLUMNS = ["received", "completed", "early", "on_time", "late", "holding", "pending_within", "overdue", "awaiting_supplement", "refused", "withdrawn"];
const KINDS = ["supplement_requested", "supplement_received", "resolved", "refused", "withdrawn"];

/** A seeded generator (mulberry32). */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n) => String(n).padStart(2, "0");
/** Minutes since 2026-01-05T00:00 → "YYYY-MM-DDTHH:MM" (civil arithmetic in UTC: no zone). */
function iso(minutes) {
  const d = new Date(Date.UTC(2026, 0, 5) + minutes * 60000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

function generate(n, seed) {
  const r = rng(seed);
  const int = (k) => Math.floor(r() * k);
  const dossiers = [];
  const rounds = [[], []];
  for (let i = 0; i < n; i++) {
    const code = ["P2", "P3", "P0"][int(3)];
    let last = int(170) * 1440 + int(1440);
    const row = { id: `D${i}`, procedure: code, received: iso(last) };
    dossiers.push(row);
    if (r() < 0.2) {
      last += (1 + int(2)) * 1440;
      row.supplement_requested = iso(last);
      if (r() < 0.2) continue;
      last += (1 + int(4)) * 1440;
      row.supplement_received = iso(last);
    }
    for (const [k, to] of AGENCIES[code].slice(1).entries()) {
      if (r() < 0.15) break;
      last += int(8) * 1440 + 1 + int(1440);
      rounds[k].push({ id: row.id, at: iso(last), to });
    }
    if (r() < 0.7) {
      last += int(9) * 1440 + 1 + int(1440);
      row[["resolved", "resolved", "refused", "withdrawn"][int(4)]] = iso(last);
    }
  }
  return { dossiers, transfers: rounds.flat() };
}

/** The reference: each dossier classified alone, its stages counted per agency by a reduce. */
function byHand(dossiers, transfers) {
  const stages = dossiers
    .filter((d) => d.received <= AS_OF)
    .flatMap((d) => {
      const events = [
        ...KINDS.filter((k) => d[k]).map((k) => ({ type: k, at: d[k] })),
        ...transfers.filter((t) => t.id === d.id).map((t) => ({ type: "transferred", at: t.at, to: t.to })),
      ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      return classify({ received: d.received, procedure: d.procedure, events }, AS_OF, { catalogue }).stages ?? [];
    });
  const add = (acc, key, s) => {
    const row = (acc[key] ??= Object.fromEntries(COLUMNS.map((c) => [c, 0])));
    row.received += 1;
    // A stage ended by the dossier's refusal or withdrawal is neither completed nor holding.
    if (s.outcome !== "refused" && s.outcome !== "withdrawn") row[s.completed ? "completed" : "holding"] += 1;
    row[s.outcome] += 1;
    return acc;
  };
  return stages.reduce((acc, s) => add(add(acc, s.agency, s), "(total)", s), {});
}

const counts = (rows) =>
  Object.fromEntries(rows.map((r) => [r.agency ?? "(total)", Object.fromEntries(COLUMNS.map((c) => [c, r[c]]))]));

function toCsv(rows, columns) {
  return [columns.join(","), ...rows.map((r) => columns.map((c) => r[c] ?? "").join(","))].join("\n") + "\n";
}

const { dossiers, transfers } = generate(400, 7);
const want = byHand(dossiers, transfers);

test("the stage table equals the stages of each dossier counted by a reduce", () => {
  assert.equal(Object.keys(want).length, 3);
  assert.ok(want["(total)"].late > 0 && want["(total)"].overdue > 0 && want["(total)"].early > 0);
  const dossierCsv = toCsv(dossiers, ["id", "procedure", "received", ...KINDS]);
  const transferCsv = toCsv(transfers, ["id", "at", "to"]);
  for (const [records, moves] of [[dossiers, transfers], [dossierCsv, transferCsv], [dossiers, transferCsv]]) {
    const t = stageReport(records, { catalogue, transfers: moves, asOf: AS_OF });
    assert.deepEqual(counts(t), want);
    assert.equal(t.at(-1).agency, null);
    const total = t.at(-1);
    assert.equal(total.on_time_rate, (total.early + total.on_time) / total.completed);
  }
});

test("a record filling both time_limit and procedure keeps its procedure's stages, as the CLI's", () => {
  // (The package read such a record without the catalogue's stages: left out of the stage
  // table without a word, its transfers refused.)
  const both = dossiers.map((d) => ({ ...d, time_limit: "9wd" }));
  const t = stageReport(both, { catalogue, transfers, asOf: AS_OF });
  assert.deepEqual(counts(t), want);
  assert.deepEqual(counts(stageReport(toCsv(both, ["id", "time_limit", "procedure", "received", ...KINDS]), { catalogue, transfers, asOf: AS_OF })), want);
});

test("transfers leave the report unchanged", () => {
  const plain = report(dossiers, { catalogue, asOf: AS_OF, by: "procedure" });
  const joined = report(dossiers, { catalogue, asOf: AS_OF, by: "procedure", transfers });
  assert.deepEqual(joined, plain);
});

test("bad transfers are located errors, or skipped and counted", () => {
  const records = [
    { id: "A", procedure: "P2", received: "2026-03-02T09:30" },
    { id: "B", procedure: "P2", received: "2026-03-02T09:30" },
  ];
  const outOfOrder = [
    { id: "A", at: "2026-03-05T10:00", to: "Tax office" },
    { id: "A", at: "2026-03-04T10:00", to: "Tax office" },
  ];
  assert.throws(() => stageReport(records, { catalogue, transfers: outOfOrder, asOf: AS_OF }), (e) => {
    assert.equal(e.code, "events_out_of_order");
    assert.equal(e.index, 1);
    assert.equal(e.field, "at");
    assert.equal(e.id, "A");
    return true;
  });
  assert.throws(() => stageReport(records, { catalogue, transfers: "id,when,to\nA,2026-03-04,Tax office\n", asOf: AS_OF }), { code: "csv_missing_column" });
  const unknown = "id,at,to\nZ,2026-03-04T10:00,Tax office\n";
  assert.throws(() => stageReport(records, { catalogue, transfers: unknown, asOf: AS_OF }), { code: "invalid_transfer", line: 2, id: "Z" });
  assert.throws(() => stageReport(records, { catalogue, by: "field" }), { code: "invalid_argument" });
  const t = stageReport(records, { catalogue, transfers: [...outOfOrder, { id: "Z", at: "2026-03-04", to: "Tax office" }], asOf: AS_OF, skipBad: true });
  assert.deepEqual(t.skipped.map((s) => [s.code, s.id]), [
    ["events_out_of_order", "A"],
    ["invalid_transfer", "A"],
    ["invalid_transfer", "Z"],
  ]);
  assert.equal(t.counted, 1);
  assert.equal(t.at(-1).received, 1);
});
