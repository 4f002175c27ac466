// report() and scorecard() against the CLI: on the sample dossiers (core/examples/sample) the
// JS answers must equal `motcua report|scorecard --format json` exactly, whether the records
// are given as CSV text, as objects, or with Date cells. Then bad input.
//
// The CLI binary is `$MOTCUA_CLI`, or else `$CARGO_TARGET_DIR/debug/motcua` (default
// `target/debug/motcua`), which this file builds first (`cargo build -p motcua --features cli`:
// a no-op when it is up to date), so the comparison is always with the CLI of this checkout.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Calendar, Catalogue, errorCodes, report, scorecard, stageReport, worklist } from "motcua";
import { vnDate } from "./vn-time.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const sampleDir = join(root, "core", "examples", "sample");
const dossiersCsv = join(sampleDir, "dossiers.csv");
const catalogueJson = join(sampleDir, "catalogue.json");
const AS_OF = "2026-11-15";

const cli = process.env.MOTCUA_CLI
  ?? join(resolve(root, process.env.CARGO_TARGET_DIR ?? "target"), "debug", process.platform === "win32" ? "motcua.exe" : "motcua");
if (!process.env.MOTCUA_CLI) {
  const built = spawnSync(process.env.CARGO || "cargo", ["build", "--quiet", "-p", "motcua", "--features", "cli"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (built.status !== 0) throw new Error(`cargo build -p motcua --features cli failed (${built.status ?? built.error})`);
}
if (!existsSync(cli)) throw new Error(`the motcua CLI is missing at ${cli} (MOTCUA_CLI?)`);

/** Runs the CLI; returns parsed stdout (JSON) and stderr. Fails on a non-zero exit. With
 * `$MOTCUA_CLI_CACHE` (a folder; `npm test` sets one for its runs under three time zones) an
 * answer is reused for the same binary, arguments and input files. */
/** The CLI's JSON answer to `args`, which must exit with `status` (1: bad rows were skipped). */
function runCli(args, status = 0) {
  const cacheDir = process.env.MOTCUA_CLI_CACHE;
  let cached;
  if (cacheDir) {
    const h = createHash("sha256").update(`${statSync(cli).mtimeMs}\0`);
    for (const a of args) h.update(existsSync(a) && statSync(a).isFile() ? readFileSync(a) : a).update("\0");
    cached = join(cacheDir, `${h.digest("hex")}.json`);
    if (existsSync(cached)) return JSON.parse(readFileSync(cached, "utf8"));
  }
  const r = spawnSync(cli, args, { encoding: "utf8", maxBuffer: 256 << 20 });
  assert.equal(r.status, status, `motcua ${args.join(" ")} exited ${r.status}, not ${status}:\n${r.stderr}`);
  const answer = { json: JSON.parse(r.stdout), stderr: r.stderr };
  if (cached) writeFileSync(cached, JSON.stringify(answer));
  return answer;
}

/** A small RFC 4180 reader: header + rows → array of objects (empty cells kept as ""). */
function parseCsv(text) {
  const rows = [];
  let row = [], cell = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(cell); cell = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell); rows.push(row); row = []; cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length) { row.push(cell); rows.push(row); }
  const [header, ...body] = rows.filter((r) => !(r.length === 1 && r[0] === ""));
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

const csvText = readFileSync(dossiersCsv, "utf8");
const objects = parseCsv(csvText);
const catalogue = Catalogue.fromJson(readFileSync(catalogueJson, "utf8"));

/** Records as objects with Date cells: every instant with a time of day becomes the Date of
 * that Vietnam wall-clock time (whatever the runtime's zone), empty cells are dropped or null,
 * as a JS caller would have them. */
function withDates(recs) {
  const instant = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)$/;
  return recs.map((r) => {
    const out = {};
    for (const [k, v] of Object.entries(r)) {
      const m = instant.exec(v);
      if (m) out[k] = vnDate(+m[1], +m[2], +m[3], +m[4], +m[5]);
      else if (v === "") out[k] = k.length % 2 ? null : undefined;
      else out[k] = v;
    }
    return out;
  });
}
const dated = withDates(objects);

test("the sample parses to 20,000 records", () => {
  assert.equal(objects.length, 20000);
  assert.ok(dated.some((r) => r.received instanceof Date));
});

const reportCases = [
  { name: "one table", cli: [], js: {} },
  { name: "by field and agency, by quarter", cli: ["--by", "field,agency", "--period", "quarter"], js: { by: ["field", "agency"], period: "quarter" } },
  { name: "by agency, by month, supplement restarts", cli: ["--by", "agency", "--period", "month", "--rule", "supplement=restart"], js: { by: "agency", period: "month", rules: { supplement: "restart" } } },
  { name: "by channel, by year, the statute alone", cli: ["--by", "channel", "--period", "year", "--no-official"], js: { by: ["channel"], period: "year", calendar: Calendar.vietnam({ official: false }) } },
];

for (const c of reportCases) {
  test(`report = CLI: ${c.name}`, () => {
    const { json: want } = runCli(["report", dossiersCsv, "--catalogue", catalogueJson, "--as-of", AS_OF, "--format", "json", ...c.cli]);
    assert.ok(Array.isArray(want) && want.length > 0);
    const opts = { asOf: AS_OF, catalogue, ...c.js };
    const fromText = report(csvText, opts);
    assert.deepStrictEqual(fromText, want);
    assert.deepStrictEqual(report(objects, opts), want);
    assert.deepStrictEqual(report(dated, opts), want);
    // Exactly the keys of the CLI, in its order.
    assert.deepStrictEqual(fromText.map((r) => Object.keys(r)), want.map((r) => Object.keys(r)));
    assert.equal(fromText.counted, 20000);
    assert.equal(fromText.leftOut, 0);
    assert.deepStrictEqual(fromText.skipped, []);
  });
}

test("report, scorecard, worklist: records by procedure without a field column are grouped by the catalogue's field", () => {
  const { json: want } = runCli(["report", dossiersCsv, "--catalogue", catalogueJson, "--as-of", AS_OF, "--format", "json", "--by", "field,agency"]);
  assert.ok(want.some((r) => r.field === "Hộ tịch"));
  const without = objects.map(({ field, ...r }) => r);
  const [header, ...lines] = csvText.trim().split("\n");
  const at = header.split(",").indexOf("field");
  const cut = (l) => l.split(",").filter((_, i) => i !== at).join(",");
  const textWithout = [header, ...lines].map(cut).join("\n") + "\n";
  const opts = { asOf: AS_OF, catalogue, by: "field,agency" };
  assert.deepStrictEqual(report(without, opts), want);
  assert.deepStrictEqual(report(textWithout, opts), want);
  assert.deepStrictEqual(scorecard(without, { asOf: AS_OF, catalogue, by: "field" }), scorecard(objects, { asOf: AS_OF, catalogue, by: "field" }));
  const desk = { asOf: "2026-11-13T10:00", catalogue, by: "field", all: true };
  assert.deepStrictEqual([...worklist(without, desk)], [...worklist(objects, desk)]);
  // Without a catalogue the column is missing, and the error says where it would come from.
  assert.throws(() => report(textWithout, { asOf: AS_OF, by: "field" }), (e) => e.code === "csv_missing_column" && /catalogue/.test(e.message));
});

// --------------------------------------------------------------------------- generated records

/** Vietnam wall time `YYYY-MM-DD[THH:MM[:SS]]` or `dd/mm/yyyy[ HH:MM]` → the Date of that
 * instant (UTC+7); a date alone → the Date of its Vietnamese midnight (read as a date alone). */
function vietnamDate(text) {
  let m = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d))?)?$/.exec(text);
  let y, mo, d, h, mi, s;
  if (m) [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? 0, m[5] ?? 0, m[6] ?? 0];
  else {
    m = /^(\d\d)\/(\d\d)\/(\d{4})(?: (\d\d):(\d\d))?$/.exec(text);
    if (!m) return null;
    [d, mo, y, h, mi, s] = [m[1], m[2], m[3], m[4] ?? 0, m[5] ?? 0, 0];
  }
  return new Date(Date.UTC(+y, +mo - 1, +d, +h - 7, +mi, +s));
}

const INSTANT_COLUMNS = ["received", "supplement_requested", "supplement_received", "resolved", "refused", "withdrawn", "feedback_received", "feedback_handled"];

test("generated records: report and scorecard equal the CLI's from CSV text, objects and Dates, for every by/period/rule", () => {
  const dir = mkdtempSync(join(tmpdir(), "motcua-gen-"));
  try {
    const gen = spawnSync("python3", [join(root, "tests", "vectors", "tools", "gen_records.py"), "--seed", "5", "--rows", "300", "--out", dir], { encoding: "utf8" });
    assert.equal(gen.status, 0, gen.stderr);
    const file = join(dir, "records.csv");
    const text = readFileSync(file, "utf8");
    const objects = parseCsv(text);
    const dated = objects.map((r) => {
      const out = { ...r };
      for (const c of INSTANT_COLUMNS) if (r[c]) out[c] = vietnamDate(r[c]);
      if (r.satisfaction) out.satisfaction = Number(r.satisfaction);
      for (const c of ["digitised", "result_digitised"]) if (r[c]) out[c] = r[c] === "true";
      return out;
    });
    assert.ok(dated.every((r) => r.received instanceof Date));
    const bys = [[], ["field"], ["agency", "channel"]];
    const periods = [null, "month", "quarter", "year"];
    const rules = [null, "supplement=restart", "counting=hours", "compare=instant", "apology=counts_late", "multi_supplement=late", "deemed_receipt=calendar_day"];
    for (const by of bys) {
      for (const period of periods) {
        for (const rule of rules) {
          const cliArgs = ["report", file, "--catalogue", catalogueJson, "--as-of", AS_OF, "--format", "json"];
          if (by.length) cliArgs.push("--by", by.join(","));
          if (period) cliArgs.push("--period", period);
          if (rule) cliArgs.push("--rule", rule);
          const { json: want } = runCli(cliArgs);
          const opts = { asOf: AS_OF, catalogue, by, ...(period ? { period } : {}), ...(rule ? { rules: Object.fromEntries([rule.split("=")]) } : {}) };
          const label = `${by} ${period} ${rule}`;
          assert.deepStrictEqual(report(text, opts), want, `text ${label}`);
          assert.deepStrictEqual(report(objects, opts), want, `objects ${label}`);
          assert.deepStrictEqual(report(dated, opts), want, `Dates ${label}`);
        }
      }
    }
    for (const by of [[], ["agency"]]) {
      const cliArgs = ["scorecard", file, "--catalogue", catalogueJson, "--as-of", AS_OF, "--format", "json"];
      if (by.length) cliArgs.push("--by", by.join(","));
      const { json: want } = runCli(cliArgs);
      const opts = { asOf: AS_OF, catalogue, by };
      assert.deepStrictEqual(scorecard(text, opts), want);
      assert.deepStrictEqual(scorecard(objects, opts), want);
      assert.deepStrictEqual(scorecard(dated, opts), want);
    }
    // An as-of given as a Date is the instant, converted to Vietnam's clock.
    const { json: early } = runCli(["report", file, "--catalogue", catalogueJson, "--as-of", "2026-03-31T12:00", "--format", "json"]);
    assert.deepStrictEqual(report(text, { asOf: vietnamDate("2026-03-31T12:00"), catalogue }), early);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("report: rates are null when their denominator is 0, as the CLI's", () => {
  const { json: want } = runCli(["report", dossiersCsv, "--catalogue", catalogueJson, "--as-of", AS_OF, "--format", "json", "--by", "agency", "--period", "month"]);
  const got = report(csvText, { asOf: AS_OF, catalogue, by: "agency", period: "month" });
  assert.deepStrictEqual(got, want);
  for (const r of got) {
    assert.equal(r.online_rate === null, r.received_new === 0);
    assert.equal(r.on_time_rate === null, r.resolved === 0);
    assert.equal(r.resolved_rate === null, r.received === 0);
  }
  const totals = got.filter((r) => r.agency === null);
  assert.ok(totals.length > 12, "one totals row per month");
});

test("report: an earlier as-of leaves later receipts out (count as the CLI's)", () => {
  const { json: want, stderr } = runCli(["report", dossiersCsv, "--catalogue", catalogueJson, "--as-of", "2026-03-31T12:00", "--format", "json", "--by", "field"]);
  const got = report(objects, { asOf: "2026-03-31T12:00", catalogue: readFileSync(catalogueJson, "utf8"), by: "field" });
  assert.deepStrictEqual(got, want);
  const leftOut = Number(/(\d+) dossier\(s\) received after the as-of instant left out/.exec(stderr)?.[1]);
  assert.ok(leftOut > 0);
  assert.equal(got.leftOut, leftOut);
  assert.equal(got.counted + got.leftOut, 20000);
  // The summary is not part of the rows.
  assert.deepStrictEqual(Object.keys(got), got.map((_, i) => String(i)));
  assert.equal(JSON.stringify(got), JSON.stringify(want));
});

test("scorecard = CLI: totals with the catalogue", () => {
  const { json: want } = runCli(["scorecard", dossiersCsv, "--catalogue", catalogueJson, "--as-of", AS_OF, "--format", "json"]);
  assert.ok(Array.isArray(want.indicators) && Array.isArray(want.catalogue));
  const got = scorecard(csvText, { asOf: AS_OF, catalogue });
  assert.deepStrictEqual(got, want);
  assert.deepStrictEqual(scorecard(objects, { asOf: AS_OF, catalogue }), want);
  assert.deepStrictEqual(scorecard(dated, { asOf: AS_OF, catalogue }), want);
  assert.deepStrictEqual(Object.keys(got.indicators[0]), Object.keys(want.indicators[0]));
  assert.equal(got.indicators.length, 9);
  assert.equal(got.counted, 20000);
});

test("scorecard: the portals' Vietnamese values read as their English keys, from text and objects", () => {
  const row = (level, digitised, satisfaction) =>
    ({ received: "2026-03-02T09:00", channel: "online", time_limit: "3wd", resolved: "2026-03-03T10:00",
      online_level: level, digitised, satisfaction });
  const english = [row("full", "true", "5"), row("partial", "false", null), row("none", "true", "dissatisfied")];
  const vietnamese = [
    row("DVC toàn trình", "Đã số hóa", "Rất hài lòng"),
    row("Dịch vụ công trực tuyến một phần", "Chưa số hoá", "Chưa đánh giá"),
    row("Không", "đã", "Rất không hài lòng"),
  ];
  const toCsv = (rows) => [Object.keys(rows[0]).join(","),
    ...rows.map((r) => Object.values(r).map((v) => v ?? "").join(","))].join("\n") + "\n";
  const want = scorecard(english, { asOf: "2026-03-31" });
  assert.deepStrictEqual(scorecard(vietnamese, { asOf: "2026-03-31" }), want);
  assert.deepStrictEqual(scorecard(toCsv(vietnamese), { asOf: "2026-03-31" }), want);
  const rate = (name) => want.indicators.find((s) => s.indicator === name);
  assert.deepStrictEqual([rate("satisfaction_rate").numerator, rate("satisfaction_rate").denominator], [1, 2]);
  assert.deepStrictEqual([rate("full_online_rate").numerator, rate("full_online_rate").denominator], [1, 3]);
  assert.deepStrictEqual([rate("digitised_rate").numerator, rate("digitised_rate").denominator], [2, 3]);
});

test("scorecard = CLI: by agency, own targets and scale, no catalogue", () => {
  const dir = mkdtempSync(join(tmpdir(), "motcua-scorecard-"));
  try {
    const targets = { online_rate: 0.3, digitised_rate: 1.0, satisfaction_rate: null };
    const file = join(dir, "targets.json");
    writeFileSync(file, JSON.stringify(targets));
    // Without a catalogue the records need a time limit: map `time_limit` onto a column of
    // limits derived from the procedure codes (so the file and the objects agree).
    const limits = new Map(JSON.parse(readFileSync(catalogueJson, "utf8")).map((p) => [p.code, p.time_limit]));
    const recs = objects.map((r) => ({ ...r, han: limits.get(r.procedure) }));
    const header = Object.keys(recs[0]);
    const csvFile = join(dir, "dossiers.csv");
    writeFileSync(csvFile, [header.join(","), ...recs.map((r) => header.map((h) => r[h]).join(","))].join("\n") + "\n");
    const { json: want } = runCli([
      "scorecard", csvFile, "--as-of", AS_OF, "--format", "json", "--by", "agency",
      "--targets", file, "--satisfaction-scale", "10", "--map", "time_limit=han",
    ]);
    assert.equal(want.catalogue, null);
    const opts = { asOf: AS_OF, by: "agency", targets, satisfactionScale: 10, map: { time_limit: "han" } };
    assert.deepStrictEqual(scorecard(recs, opts), want);
    assert.deepStrictEqual(scorecard(readFileSync(csvFile, "utf8"), { ...opts, targets: JSON.stringify(targets) }), want);
    const totals = want.indicators.filter((s) => s.agency === null);
    assert.equal(totals.length, 9);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("report and scorecard: skipBad counts the good rows, as the CLI's --skip-bad", () => {
  const dir = mkdtempSync(join(tmpdir(), "motcua-report-"));
  try {
    const lines = csvText.trimEnd().split("\n").slice(0, 301);
    lines[5] = lines[5].replace(/,2025-01-0(\d)T/, ",2025-02-30T"); // line 6: a bad date
    lines[10] = lines[10].replace(/,(online|direct|postal),/, ",fax,"); // line 11: a bad channel
    const text = lines.join("\n") + "\n";
    const file = join(dir, "bad.csv");
    writeFileSync(file, text);
    const { json: want } = runCli(["report", file, "--catalogue", catalogueJson, "--as-of", AS_OF, "--format", "json", "--skip-bad"], 1);
    const got = report(text, { asOf: AS_OF, catalogue, skipBad: true });
    assert.deepStrictEqual(got, want);
    assert.equal(got.counted, 298);
    assert.deepStrictEqual(got.skipped.map((s) => [s.line, s.code, s.field]), [[6, "csv_field", "received"], [11, "csv_field", "channel"]]);
    assert.match(got.skipped[0].message, /2025-02-30/);
    // Objects: the element's index, line = index + 1.
    const recs = parseCsv(text);
    const fromObjects = report(recs, { asOf: AS_OF, catalogue, skipBad: true });
    assert.deepStrictEqual(fromObjects, want);
    assert.deepStrictEqual(fromObjects.skipped.map((s) => [s.index, s.line]), [[4, 5], [9, 10]]);
    const { json: wantScore } = runCli(["scorecard", file, "--catalogue", catalogueJson, "--as-of", AS_OF, "--format", "json", "--skip-bad"], 1);
    assert.deepStrictEqual(scorecard(text, { asOf: AS_OF, catalogue, skipBad: true }), wantScore);
    // Without skipBad: the first bad row's error.
    assert.throws(() => report(text, { asOf: AS_OF, catalogue }), (e) => e.code === "csv_field" && e.line === 6);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a spreadsheet's empty rows (`,,,,`, objects without values) are not dossiers, as the CLI's", () => {
  const dir = mkdtempSync(join(tmpdir(), "motcua-report-"));
  try {
    const lines = csvText.trimEnd().split("\n").slice(0, 201);
    const empty = ",".repeat(lines[0].split(",").length - 1);
    const file = join(dir, "plain.csv");
    writeFileSync(file, lines.join("\n") + "\n");
    const { json: want } = runCli(["report", file, "--catalogue", catalogueJson, "--as-of", AS_OF, "--format", "json", "--by", "field"]);
    const withBlanks = [...lines.slice(0, 40), empty, ...lines.slice(40), empty, empty].join("\n") + "\n";
    const opts = { asOf: AS_OF, catalogue, by: "field" };
    assert.deepStrictEqual(report(withBlanks, opts), want);
    const recs = parseCsv(lines.join("\n") + "\n");
    const blankRecs = [...recs.slice(0, 39), {}, Object.fromEntries(Object.keys(recs[0]).map((k) => [k, ""])), ...recs.slice(39)];
    assert.deepStrictEqual(report(blankRecs, opts), want);
    assert.deepStrictEqual(report(withBlanks, { ...opts, skipBad: true }).skipped, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a header alone: the empty report, as the CLI's", () => {
  const dir = mkdtempSync(join(tmpdir(), "motcua-report-"));
  try {
    const file = join(dir, "empty.csv");
    writeFileSync(file, "id,received,time_limit,field\n");
    const { json: want } = runCli(["report", file, "--as-of", AS_OF, "--format", "json", "--by", "field"]);
    const got = report("id,received,time_limit,field\n", { asOf: AS_OF, by: "field" });
    assert.deepStrictEqual(got, want);
    assert.equal(got.length, 1);
    assert.equal(got[0].resolved_rate, null);
    // split by period: the period holding asOf, zeros
    const { json: wantMonths } = runCli(["report", file, "--as-of", AS_OF, "--format", "json", "--period", "month"]);
    const months = report("id,received,time_limit,field\n", { asOf: AS_OF, period: "month" });
    assert.deepStrictEqual(months, wantMonths);
    assert.equal(months.length, 1);
    assert.equal(months[0].received, 0);
    const { json: wantScore } = runCli(["scorecard", file, "--as-of", AS_OF, "--format", "json"]);
    assert.deepStrictEqual(scorecard("id,received,time_limit,field\n", { asOf: AS_OF }), wantScore);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("semicolon-separated CSV and renamed columns", () => {
  const text = "ma;ngay_nhan;han;kenh\nA;02/03/2026 09:30;3wd;trực tuyến\nB;2026-03-02;15cd;\n";
  const rows = report(text, { asOf: "2026-03-31", map: { id: "ma", received: "ngay_nhan", time_limit: "han", channel: "kenh" } });
  assert.equal(rows.length, 1);
  assert.equal(rows[0].received, 2);
  assert.equal(rows[0].received_online, 1);
  assert.equal(rows[0].overdue, 2);
});

test("default asOf is now", () => {
  const rows = report([{ received: "2026-03-02T09:30", time_limit: "3wd", resolved: "2026-03-04T10:00" }]);
  assert.equal(rows[0].early, 1);
  assert.equal(rows.counted, 1);
});

// --------------------------------------------------------------------------- bad input

const codes = new Set(errorCodes());
function throwsCode(fn, code, check = () => {}) {
  assert.ok(codes.has(code), `${code} is not a core code`);
  assert.throws(fn, (err) => {
    assert.ok(err instanceof Error);
    assert.equal(err.name, "MotcuaError");
    assert.equal(err.code, code, err.message);
    check(err);
    return true;
  });
}

test("a bad date names the line and the column", () => {
  const text = "id,received,time_limit\nA,2026-03-02T09:30,3wd\nB,2026-02-30,3wd\n";
  throwsCode(() => report(text, { asOf: AS_OF }), "csv_field", (e) => {
    assert.equal(e.line, 3);
    assert.equal(e.field, "received");
    assert.match(e.message, /line 3, column `received`, value `2026-02-30`/);
  });
  const recs = [{ id: "A", received: "2026-03-02T09:30", time_limit: "3wd" }, { id: "B", received: "30/02/2026", time_limit: "3wd" }];
  throwsCode(() => scorecard(recs, { asOf: AS_OF }), "csv_field", (e) => {
    assert.equal(e.index, 1);
    assert.equal(e.line, 2);
    assert.equal(e.field, "received");
    assert.match(e.message, /30\/02\/2026/);
  });
  // An invalid Date is a bad row as a bad date text is (skipBad skips it).
  throwsCode(() => report([{ received: new Date("nope"), time_limit: "3wd" }], { asOf: AS_OF }), "csv_field", (e) => {
    assert.equal(e.index, 0);
    assert.equal(e.field, "received");
    assert.match(e.message, /invalid Date/);
  });
  // An event before the receipt: located at the record, with its id.
  throwsCode(() => report([{ id: "HS1", received: "2026-03-02T09:30", time_limit: "3wd", resolved: "2026-03-01T10:00" }], { asOf: AS_OF }), "result_before_receipt", (e) => {
    assert.equal(e.line, 1);
    assert.match(e.message, /id HS1/);
  });
  throwsCode(() => report([{ received: "2026-03-02", procedure: "NO-SUCH" }], { asOf: AS_OF, catalogue }), "unknown_procedure");
  throwsCode(() => scorecard([{ received: "2026-03-02", time_limit: "3wd", satisfaction: 7 }], { asOf: AS_OF }), "csv_field", (e) => {
    assert.equal(e.field, "satisfaction");
  });
});

test("CSV as a file's bytes: UTF-8, UTF-16 with its mark, and a Windows code page located", () => {
  const opts = { asOf: AS_OF, catalogue, by: ["field"], period: "month" };
  const want = report(csvText, opts);
  const utf8 = readFileSync(dossiersCsv);
  const bom = new Uint8Array([0xff, 0xfe]);
  const units = new Uint16Array(csvText.length);
  for (let i = 0; i < csvText.length; i++) units[i] = csvText.charCodeAt(i); // (little-endian host)
  const utf16 = new Uint8Array(2 + units.byteLength);
  utf16.set(bom, 0);
  utf16.set(new Uint8Array(units.buffer), 2);
  for (const [name, bytes] of [["Uint8Array", new Uint8Array(utf8)], ["ArrayBuffer", utf8.buffer.slice(utf8.byteOffset, utf8.byteOffset + utf8.byteLength)], ["UTF-16", utf16]]) {
    const got = report(bytes, opts);
    assert.deepStrictEqual(got, want, name);
    assert.equal(got.counted, 20000, name);
  }
  // "Hộ tịch" in Windows-1258: the cell is named, never read as "H? t?ch".
  const ansi = Buffer.concat([Buffer.from("id,received,time_limit,field\nA,2026-03-02,3wd,"), Buffer.from([0x48, 0xd4, 0xf2, 0x20, 0x74, 0xec, 0xf2, 0x63, 0x68, 0x0a])]);
  throwsCode(() => report(new Uint8Array(ansi), { asOf: AS_OF, by: "field" }), "csv_field", (e) => {
    assert.equal(e.line, 2);
    assert.equal(e.field, "field");
    assert.match(e.message, /CSV UTF-8/);
  });
  throwsCode(() => report(new Uint16Array(4), { asOf: AS_OF }), "invalid_argument", (e) => {
    assert.match(e.message, /Uint8Array/);
  });
});

test("a missing column", () => {
  throwsCode(() => report("id,time_limit\nA,3wd\n", { asOf: AS_OF }), "csv_missing_column", (e) => {
    assert.equal(e.field, "received");
    assert.match(e.message, /columns: id, time_limit/);
    assert.doesNotMatch(e.message, /holds the columns/);
  });
  // A report exported with its title above the table: the missing column (the CLI also names
  // the line holding the header; the package leaves that hint out, its bytes are counted).
  throwsCode(() => report("BÁO CÁO THÁNG 3,,\n,,\nid,received,time_limit\nA,2026-03-02,3wd\n", { asOf: AS_OF }), "csv_missing_column", (e) => {
    assert.equal(e.field, "received");
    assert.match(e.message, /missing column `received` \(columns: BÁO CÁO THÁNG 3, , \)/);
  });
  throwsCode(() => report([{ id: "A", recieved: "2026-03-02", time_limit: "3wd" }], { asOf: AS_OF }), "csv_missing_column", (e) => {
    assert.match(e.message, /recieved/);
  });
  throwsCode(() => report([{ received: "2026-03-02" }], { asOf: AS_OF }), "csv_missing_column", (e) => {
    assert.match(e.message, /time_limit` or `procedure/);
  });
  throwsCode(() => report("received,time_limit\n2026-03-02,3wd\n", { asOf: AS_OF, by: "agency" }), "csv_missing_column", (e) => {
    assert.equal(e.field, "agency");
  });
  throwsCode(() => report("received,time_limit\n2026-03-02,3wd\n", { asOf: AS_OF, map: { received: "ngay" } }), "csv_missing_column");
  // A record without a time limit while the column exists: that row's error.
  throwsCode(() => report([{ received: "2026-03-02", time_limit: "3wd" }, { received: "2026-03-03" }], { asOf: AS_OF }), "csv_field", (e) => {
    assert.equal(e.index, 1);
  });
});

test("empty input", () => {
  throwsCode(() => report("", { asOf: AS_OF }), "csv_empty");
  throwsCode(() => report(" \n\n", { asOf: AS_OF }), "csv_empty");
  throwsCode(() => report([], { asOf: AS_OF }), "csv_empty");
  throwsCode(() => scorecard([], { asOf: AS_OF }), "csv_empty");
  throwsCode(() => scorecard("", { asOf: AS_OF }), "csv_empty");
});

test("bad arguments and options", () => {
  for (const bad of [null, undefined, 42, {}, new Date()]) {
    throwsCode(() => report(bad, { asOf: AS_OF }), "invalid_argument", (e) => assert.match(e.message, /array of objects, or CSV text or bytes/));
  }
  // A later record that is no object is a bad row (skipBad skips it); a first one is a bad call.
  throwsCode(() => report([{ received: "2026-03-02", time_limit: "3wd" }, "x"], { asOf: AS_OF }), "csv_field", (e) => assert.equal(e.index, 1));
  throwsCode(() => report(["x", { received: "2026-03-02", time_limit: "3wd" }], { asOf: AS_OF }), "invalid_argument", (e) => assert.equal(e.index, 0));
  throwsCode(() => report([{ received: "2026-03-02", time_limit: { workingDays: 3 } }], { asOf: AS_OF }), "invalid_argument", (e) => assert.equal(e.field, "time_limit"));
  const recs = [{ received: "2026-03-02", time_limit: "3wd" }];
  throwsCode(() => report(recs, { asof: AS_OF }), "invalid_argument", (e) => assert.match(e.message, /unknown option `asof`/));
  throwsCode(() => report(recs, { asOf: AS_OF, period: "week" }), "invalid_argument", (e) => assert.match(e.message, /week/));
  throwsCode(() => report(recs, { asOf: AS_OF, targets: {} }), "invalid_argument");
  throwsCode(() => scorecard(recs, { asOf: AS_OF, period: "month" }), "invalid_argument");
  throwsCode(() => report(recs, { asOf: "2026-13-01" }), "invalid_date");
  throwsCode(() => report(recs, { asOf: AS_OF, by: 3 }), "invalid_argument");
  throwsCode(() => report(recs, { asOf: AS_OF, map: { received: 3 } }), "invalid_argument");
  // Two keys that trim to one name: one would be read, a guess (the CLI and Python refuse it).
  assert.throws(() => report(recs, { asOf: AS_OF, map: { received: "received", " received": "time_limit" } }),
    (e) => e.code === "invalid_argument" && /mapped twice/.test(e.message));
  throwsCode(() => report(recs, { asOf: AS_OF, rules: { supplement: "sometimes" } }), "invalid_rule");
  throwsCode(() => report(recs, { asOf: AS_OF, calendar: {} }), "invalid_argument");
  throwsCode(() => report(recs, { asOf: AS_OF, catalogue: "[{" }), "invalid_json");
  throwsCode(() => scorecard(recs, { asOf: AS_OF, targets: { speed: 1 } }), "invalid_argument", (e) => assert.match(e.message, /speed/));
  throwsCode(() => scorecard(recs, { asOf: AS_OF, targets: { online_rate: 5 } }), "invalid_argument");
  throwsCode(() => scorecard(recs, { asOf: AS_OF, targets: "{" }), "invalid_json");
  throwsCode(() => scorecard(recs, { asOf: AS_OF, satisfactionScale: 0 }), "invalid_argument");
  throwsCode(() => scorecard(recs, { asOf: AS_OF, satisfactionScale: 2.5 }), "invalid_number");
  throwsCode(() => report(recs, { asOf: AS_OF, skipBad: "yes" }), "invalid_argument");
  // A calendar too short for the records: out of range, never a guess.
  const short = Calendar.fromSpec({ weekmask: "1111100", from: "2026-01-01", to: "2026-03-03" });
  throwsCode(() => report([{ received: "2026-03-02", time_limit: "3wd" }], { asOf: "2026-03-03", calendar: short }), "date_out_of_range", (e) => assert.equal(e.line, 1));
});

test("record objects: the first object's keys in another ASCII case are read, as a CSV header's", () => {
  // A tester's case: `Resolved` was found as the column and read as empty (the dossier open and
  // overdue), and `{ID, Received, ...}` gave a table of zeros, while the same CSV was right.
  const total = (r) => r[r.length - 1];
  const csv = report("ID,Received,Time_Limit,Resolved\nA,2026-03-02T09:30,3wd,2026-03-04T10:00\n", { asOf: "2026-03-20" });
  for (const rec of [
    { ID: "A", Received: "2026-03-02T09:30", Time_Limit: "3wd", Resolved: "2026-03-04T10:00" },
    { id: "A", received: "2026-03-02T09:30", time_limit: "3wd", Resolved: "2026-03-04T10:00" },
  ]) {
    const got = total(report([rec], { asOf: "2026-03-20" }));
    assert.deepEqual(got, total(csv));
    assert.equal(got.early, 1);
  }
  assert.throws(
    () => report([{ received: "2026-03-02T09:30", time_limit: "3wd", Resolved: "2026-03-04", resolved: "2026-03-05" }], { asOf: "2026-03-20" }),
    (e) => e.code === "csv_field" && /more than once/.test(e.message),
  );
  // Across objects too: the first's `Resolved` and a later `resolved` (its value was left
  // unread: the second dossier counted open and overdue).
  assert.throws(
    () =>
      report(
        [
          { received: "2026-03-02T09:30", time_limit: "3wd", Resolved: "2026-03-04" },
          { received: "2026-03-02T09:30", time_limit: "3wd", resolved: "2026-03-05" },
        ],
        { asOf: "2026-03-20" },
      ),
    (e) => e.code === "csv_field" && /more than once/.test(e.message),
  );
  // And the other way: the first's `resolved` and a later `Resolved` (its value was left
  // unread without a word: a resolved dossier counted overdue, where the CLI reads each JSON
  // line's keys in any case; a tester's case), in every function of records.
  const twoWays = [
    { id: "A", received: "2026-03-02T09:30", time_limit: "3wd", resolved: "2026-03-03T10:00" },
    { id: "B", received: "2026-03-02T09:30", time_limit: "3wd", Resolved: "2026-03-03T10:00" },
  ];
  for (const [name, call] of [
    ["report", () => report(twoWays, { asOf: "2026-03-20" })],
    ["scorecard", () => scorecard(twoWays, { asOf: "2026-03-20" })],
    ["worklist", () => worklist(twoWays, { asOf: "2026-03-20" })],
    ["stageReport", () => stageReport(twoWays, { asOf: "2026-03-20" })],
  ]) {
    assert.throws(call, (e) => e.code === "csv_field" && e.index === 1 && e.line === 2 && e.field === "Resolved" && /`resolved` given more than once/.test(e.message), name);
  }
  // Keys of one spelling pass; so do records that are not objects (the core's bad rows).
  assert.equal(report([twoWays[0], { ...twoWays[0], id: "C" }], { asOf: "2026-03-20" }).at(-1).resolved, 2);
  const byField = report([{ field: "X", received: "2026-03-02T09:30", time_limit: "3wd" }], { asOf: "2026-03-20", by: "Field" });
  assert.equal(byField[0].Field, "X");
  // A key only later records give, in another case than the reader's (an API that leaves out
  // its null fields and capitalises its keys): read as that column, as the CLI reads a JSON
  // line's keys (it was looked up by its exact name: a resolved dossier counted overdue, an
  // online one direct; a tester's case). The caller's records are left as they were.
  const laterOnly = [
    { id: "1", received: "2026-03-02T09:00", time_limit: "3wd" },
    { id: "2", received: "2026-03-02T09:00", time_limit: "3wd", Resolved: "2026-03-03T10:00", Channel: "online" },
  ];
  const laterTotal = report(laterOnly, { asOf: "2026-03-31" }).at(-1);
  assert.deepEqual(
    [laterTotal.resolved, laterTotal.early, laterTotal.overdue, laterTotal.received_online],
    [1, 1, 1, 1],
  );
  assert.deepEqual(worklist(laterOnly, { asOf: "2026-03-31" }).map((r) => r.id), ["1"]);
  assert.deepEqual(Object.keys(laterOnly[0]), ["id", "received", "time_limit"]);
  assert.throws(
    () => report([...laterOnly, { ...laterOnly[1], Resolved: undefined, resolved: "2026-03-04" }], { asOf: "2026-03-31" }),
    (e) => e.code === "csv_field" && e.index === 2 && /`Resolved` given more than once/.test(e.message),
  );
});

test("a string argument that is not a string is invalid_argument, never a crash", () => {
  const cat = Catalogue.fromJson(JSON.stringify([{ code: "X", name: "n", field: "f", level: "commune", time_limit: "3wd", online: "full" }]));
  for (const bad of [5, {}, true, 5n, undefined, null, ["X"], []]) {
    assert.throws(() => cat.get(/** @type {any} */ (bad)), (e) => e.code === "invalid_argument" && /expected a string/.test(e.message));
  }
  assert.deepEqual(cat.get("X").timeLimit, { workingDays: 3 });
  assert.equal(Calendar.vietnam().isWorkingDay("2026-01-02"), false);
});
