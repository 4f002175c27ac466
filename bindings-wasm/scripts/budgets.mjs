// Measures the package's budgets (bindings-wasm/README.md): the gzipped size of the .wasm, the
// time from `init` to the first answer in a fresh Node process (the web build's `initSync`,
// and the Node build's import), and bulk `addWorkingDays` throughput over 1M days.
//
//   node scripts/budgets.mjs            report
//   node scripts/budgets.mjs --check       and exit 1 when any budget is missed
//   node scripts/budgets.mjs --check-size  and exit 1 when the size budget is missed (CI: the
//                                          timings depend on the machine's load)
//
// Run after `npm run build`.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const check = process.argv.includes("--check");
const checkSize = check || process.argv.includes("--check-size");
const BUDGET = { gzipKB: 250, firstAnswerMs: 20, bulkMps: 50 };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// 1. Size.
const wasm = readFileSync(join(here, "pkg-web", "motcua_bg.wasm"));
const gzKB = gzipSync(wasm, { level: 9 }).length / 1024;
const brKB = brotliCompressSync(wasm, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length / 1024;

// 2. Cold start, each run in a fresh process: from before `initSync` (web build, bytes already
// read) / before `import` (Node build) to the first answer of Calendar.vietnam().
const probe = (kind) => `
  import { readFileSync } from "node:fs";
  const bytes = readFileSync(${JSON.stringify(join(here, "pkg-web", "motcua_bg.wasm"))});
  const t0 = performance.now();
  let m;
  if (${JSON.stringify(kind)} === "web") {
    m = await import(${JSON.stringify(join(here, "pkg-web", "index.js"))});
    m.initSync({ module: bytes });
  } else {
    m = await import(${JSON.stringify(join(here, "pkg-node", "index.js"))});
  }
  const t1 = performance.now();
  const answer = m.Calendar.vietnam().addWorkingDays("2026-02-13", 3);
  const t2 = performance.now();
  if (answer !== "2026-02-25") throw new Error("wrong answer " + answer);
  console.log(JSON.stringify({ init: t1 - t0, first: t2 - t1, total: t2 - t0 }));
`;
const cold = {};
for (const kind of ["web", "node"]) {
  const runs = [];
  for (let i = 0; i < 7; i++) {
    runs.push(JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", probe(kind)], { encoding: "utf8" })));
  }
  cold[kind] = { init: median(runs.map((r) => r.init)), first: median(runs.map((r) => r.first)), total: median(runs.map((r) => r.total)) };
}

// 3. Bulk throughput: 1M random days of 2000–2100, n in 1..30, on the Vietnamese calendar.
const m = await import(join(here, "pkg-node", "index.js"));
const cal = m.Calendar.vietnam();
const N = 1_000_000;
const lo = m.dayNumber("2000-01-01");
const hi = m.dayNumber("2100-12-31");
let seed = 20261123;
const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
const days = Int32Array.from({ length: N }, () => lo + Math.floor(rand() * (hi - lo)));
const ns = Int32Array.from({ length: N }, () => 1 + Math.floor(rand() * 30));
const time = (fn) => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};
for (let i = 0; i < 3; i++) cal.addWorkingDaysBulk(days, 5);
const scalarMs = median(Array.from({ length: 15 }, () => time(() => cal.addWorkingDaysBulk(days, 5))));
const eachMs = median(Array.from({ length: 15 }, () => time(() => cal.addWorkingDaysBulk(days, ns))));
const betweenMs = median(Array.from({ length: 15 }, () => time(() => cal.workingDaysBetweenBulk(days, ns.map((k, i) => days[i] + k)))));

const result = {
  wasm_bytes: wasm.length,
  wasm_gzip_kb: +gzKB.toFixed(1),
  wasm_brotli_kb: +brKB.toFixed(1),
  first_answer_ms: {
    web_initSync: +cold.web.init.toFixed(2),
    web_first_call: +cold.web.first.toFixed(2),
    web_total: +cold.web.total.toFixed(2),
    node_import: +cold.node.init.toFixed(2),
    node_first_call: +cold.node.first.toFixed(2),
    node_total: +cold.node.total.toFixed(2),
  },
  bulk_add_working_days_1M: {
    scalar_n_ms: +scalarMs.toFixed(2),
    scalar_n_M_per_s: +(N / scalarMs / 1000).toFixed(1),
    per_element_n_ms: +eachMs.toFixed(2),
    per_element_n_M_per_s: +(N / eachMs / 1000).toFixed(1),
  },
  bulk_working_days_between_1M_M_per_s: +(N / betweenMs / 1000).toFixed(1),
  node: process.version,
};
console.log(JSON.stringify(result, null, 2));

const missed = [];
if (gzKB > BUDGET.gzipKB) missed.push(`wasm gzipped ${gzKB.toFixed(1)} KB > ${BUDGET.gzipKB} KB`);
const firstAnswer = Math.max(cold.web.total, cold.node.total);
if (firstAnswer >= BUDGET.firstAnswerMs) missed.push(`init to first answer ${firstAnswer.toFixed(1)} ms ≥ ${BUDGET.firstAnswerMs} ms`);
const mps = Math.min(result.bulk_add_working_days_1M.scalar_n_M_per_s, result.bulk_add_working_days_1M.per_element_n_M_per_s);
if (mps < BUDGET.bulkMps) missed.push(`bulk addWorkingDays ${mps} M/s < ${BUDGET.bulkMps} M/s`);
for (const m of missed) console.error(`budget missed: ${m}`);
if (!missed.length) console.error("all budgets met");
if (check && missed.length) process.exit(1);
if (checkSize && gzKB > BUDGET.gzipKB) process.exit(1);
