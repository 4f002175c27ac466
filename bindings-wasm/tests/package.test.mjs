// The package as code imports it: one import pattern (`import init, { Calendar } from
// "motcua"; await init();`) in Node, the web build's init() and its errors before and after
// (fresh processes: the module state is per process), freed objects, private constructors,
// the error class, strict argument types and duplicate keys.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import init, {
  Calendar, Catalogue, MotcuaError, classify, due, errorCodes, fromLunar, holidays, initSync,
  isMotcuaError, lunarMonthLength, report, scheduleStatus, dateFromDayNumber,
} from "motcua";

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const codes = new Set(errorCodes());

/** Runs `code` as an ES module in a fresh Node process (cwd: the package); its stdout lines. */
function fresh(code) {
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: here, encoding: "utf8" });
  assert.equal(r.status, 0, `fresh process failed:\n${r.stderr}`);
  return r.stdout.trim().split("\n");
}

/** Asserts `fn` throws a MotcuaError with `code` (one of errorCodes()) and a message matching. */
function throwsCode(fn, code, message) {
  assert.ok(codes.has(code), `${code} is not in errorCodes()`);
  assert.throws(fn, (e) => {
    assert.ok(e instanceof MotcuaError, `a MotcuaError: ${e}`);
    assert.equal(e.code, code, e.message);
    if (message) assert.match(e.message, message);
    return true;
  });
}

test("Node: `await init()` is accepted (and idempotent); initSync too", async () => {
  assert.equal(await init(), undefined);
  await Promise.all([init(), init({ module_or_path: "ignored: already loaded" })]);
  initSync();
  assert.equal(Calendar.vietnam().addWorkingDays("2026-02-13", 3), "2026-02-25");
});

test("the web build before init(): not_initialized, with what to do; then init() in Node", () => {
  const out = fresh(`
    import init, { Calendar, due, initSync, MotcuaError } from "motcua/web";
    const show = (f) => { try { f(); console.log("no error"); } catch (e) { console.log(e instanceof MotcuaError, e.code, e.message); } };
    show(() => Calendar.vietnam());
    show(() => due({ received: "2026-02-13", timeLimit: "3wd" }));
    const p = init();
    show(() => Calendar.vietnam());
    show(() => initSync());
    await p;
    console.log(Calendar.vietnam().addWorkingDays("2026-02-13", 3));
  `);
  assert.match(out[0], /^true not_initialized .*call `await init\(\)` first/);
  assert.match(out[1], /^true not_initialized /);
  assert.match(out[2], /^true not_initialized .*has not finished/);
  assert.match(out[3], /^true init_failed .*loading the module already: await it/);
  assert.equal(out[4], "2026-02-25");
});

test("the web build: initSync with bytes, init with a Module, bad input → init_failed, then a retry", () => {
  const wasm = JSON.stringify(join(here, "pkg-web", "motcua_bg.wasm"));
  const out = fresh(`
    import { readFileSync } from "node:fs";
    import init, { initSync, Calendar } from "motcua/web";
    const show = async (f) => { try { await f(); console.log("ok"); } catch (e) { console.log(e.code, e.message, e.cause ? "cause" : "no cause"); } };
    await show(() => init("file:///nonexistent/motcua_bg.wasm"));
    await show(() => init({ module_or_path: new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9]) }));
    await show(() => initSync({ module: new Uint8Array([1, 2, 3]) }));
    // A valid module that is not this one (an empty one, as a stale file served once would
    // be): init_failed, and forgotten, so that the next init() loads the right one.
    await show(() => init(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])));
    await show(() => init({ module_or_path: new WebAssembly.Module(readFileSync(${wasm})) }));
    console.log(Calendar.vietnam().isWorkingDay("2026-01-10"));
  `);
  assert.match(out.splice(3, 1)[0], /^init_failed init\(\): could not load the WebAssembly module from the given module: .* cause$/);
  assert.match(out[0], /^init_failed init\(\): could not load the WebAssembly module from file:\/\/\/nonexistent\/motcua_bg\.wasm: .* cause$/);
  assert.match(out[0], /README/);
  assert.match(out[1], /^init_failed .* cause$/);
  assert.match(out[2], /^init_failed .*could not compile/);
  assert.equal(out[3], "ok");
  assert.equal(out[4], "true");
});

test("the Node build needs no init; `motcua/node` is the same module", () => {
  const out = fresh(`
    import { Calendar } from "motcua";
    import * as node from "motcua/node";
    console.log(Calendar.vietnam().addWorkingDays("2026-02-13", 3), node.Calendar === Calendar);
  `);
  assert.deepEqual(out, ["2026-02-25 true"]);
});

test("classes have no public constructor", () => {
  throwsCode(() => new Calendar(), "invalid_argument", /Calendar\.vietnam\(\) or Calendar\.fromSpec/);
  throwsCode(() => new Catalogue(), "invalid_argument", /Catalogue\.fromJson/);
  assert.ok(Calendar.vietnam() instanceof Calendar);
});

test("after free() (or Symbol.dispose): object_freed; as an option: invalid_argument", () => {
  const c = Calendar.fromSpec({ weekmask: "1111100", from: "2026-01-01", to: "2026-12-31" });
  c.free();
  throwsCode(() => c.isWorkingDay("2026-01-02"), "object_freed", /freed/);
  throwsCode(() => c.addWorkingDaysBulk(Int32Array.of(20454), 1), "object_freed");
  throwsCode(() => due({ received: "2026-03-02", timeLimit: "3wd" }, { calendar: c }), "invalid_argument", /was freed/);
  c.free(); // a second free is harmless
  const cat = Catalogue.fromJson('[{"code":"1.1","name":"x","field":"y","level":"commune","time_limit":"3wd","online":"full"}]');
  cat.free();
  throwsCode(() => cat.procedures(), "object_freed");
  if (typeof Symbol.dispose === "symbol") {
    const d = Calendar.vietnam();
    d[Symbol.dispose]();
    throwsCode(() => d.isWorkingDay("2026-01-02"), "object_freed");
  }
});

test("MotcuaError: a class for catch, a guard, the codes of errorCodes()", () => {
  let caught;
  try {
    Calendar.vietnam().addWorkingDaysBulk(Int32Array.of(0, 20454, -1_000_000), 1);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof MotcuaError && caught instanceof Error);
  assert.equal(Object.getPrototypeOf(caught), MotcuaError.prototype);
  assert.equal(caught.name, "MotcuaError");
  assert.equal(caught.code, "date_out_of_range");
  assert.equal(caught.index, 0);
  assert.ok(isMotcuaError(caught));
  assert.match(String(caught.stack), /MotcuaError/);
  assert.ok(!isMotcuaError(new Error("x")) && !isMotcuaError("date_out_of_range"));
  // One thrown by another copy of the package is still recognised by the guard.
  const foreign = Object.assign(new Error("x"), { name: "MotcuaError", code: "invalid_date" });
  assert.ok(isMotcuaError(foreign) && !(foreign instanceof MotcuaError));
  const mine = new MotcuaError("invalid_date", "made here", { field: "received" });
  assert.deepEqual([mine.code, mine.field, mine.index, mine.message], ["invalid_date", "received", undefined, "made here"]);
  for (const c of ["not_initialized", "init_failed", "object_freed"]) assert.ok(codes.has(c), c);
});

test("numbers must be numbers, booleans booleans", () => {
  const vn = Calendar.vietnam();
  throwsCode(() => vn.addWorkingDays("2026-03-02", "3"), "invalid_number", /must be a number, not string/);
  throwsCode(() => vn.addWorkingDays("2026-03-02", null), "invalid_number");
  throwsCode(() => vn.addWorkingDays("2026-03-02", 3n), "invalid_number");
  throwsCode(() => dateFromDayNumber("20514"), "invalid_number");
  throwsCode(() => fromLunar("2025", 1, 1), "invalid_number");
  throwsCode(() => fromLunar(2025, 6, 1, "yes"), "invalid_argument", /true or false/);
  throwsCode(() => fromLunar(2025, 6, 1, 1), "invalid_argument");
  assert.equal(fromLunar(2025, 6, 1, true), "2025-07-25");
  assert.equal(fromLunar(2025, 6, 1, undefined), fromLunar(2025, 6, 1, false));
  throwsCode(() => lunarMonthLength(2025, 6, "false"), "invalid_argument");
  throwsCode(() => holidays("2026"), "invalid_number");
  throwsCode(() => vn.holidays("2026"), "invalid_number");
  throwsCode(() => scheduleStatus([2026]), "invalid_number");
  throwsCode(() => vn.scheduleInfo("2026"), "invalid_number");
  throwsCode(() => vn.schedule(2026.5), "invalid_number");
  throwsCode(() => due({ received: "2026-03-02", timeLimit: "3wd" }, { explain: "yes" }), "invalid_argument");
  throwsCode(() => due({ received: "2026-03-02", timeLimit: { workingDays: "3" } }), "invalid_time_limit");
  throwsCode(() => Calendar.vietnam({ official: "false" }), "invalid_argument");
  throwsCode(() => report("received,time_limit\n2026-03-02,3wd\n", { asOf: "2026-03-31", skipBad: 1 }), "invalid_argument");
});

test("a key in camelCase and snake_case at once: an error, never a silent winner", () => {
  const dupe = (fn, both) => throwsCode(fn, "invalid_argument", new RegExp(`both \`${both[0]}\` and \`${both[1]}\``));
  dupe(() => due({ received: "2026-03-02", timeLimit: "3wd", time_limit: "10wd" }), ["timeLimit", "time_limit"]);
  dupe(() => due({ received: "2026-03-02", time_limit: "10wd", timeLimit: "3wd" }), ["time_limit", "timeLimit"]);
  dupe(
    () => due({ received: "2026-03-02", timeLimit: "3wd", events: [{ type: "apology", at: "2026-03-05", newDue: "2026-03-10", new_due: "2026-03-11" }] }),
    ["newDue", "new_due"],
  );
  dupe(() => due({ received: "2026-03-02", timeLimit: { workingDays: 3, working_days: 4 } }), ["workingDays", "working_days"]);
  dupe(() => due({ received: "2026-03-02", timeLimit: "3wd" }, { asOf: "2026-03-03", as_of: "2026-03-04" }), ["asOf", "as_of"]);
  dupe(() => due({ received: "2026-03-02", timeLimit: "3wd" }, { rules: { multiSupplement: "late", multi_supplement: "allowed" } }), ["multiSupplement", "multi_supplement"]);
  dupe(() => classify({ received: "2026-03-02", timeLimit: "3wd" }, "2026-04-01", { rules: { deemedReceipt: "calendar_day", deemed_receipt: "calendar_day" } }), ["deemedReceipt", "deemed_receipt"]);
  dupe(() => Calendar.vietnam({ includePending: true, include_pending: false }), ["includePending", "include_pending"]);
  dupe(() => Calendar.fromSpec({ weekmask: "1111100", from: "2026-01-01", to: "2026-12-31", workingDays: [], working_days: [] }), ["workingDays", "working_days"]);
  dupe(() => report("received,time_limit\n2026-03-02,3wd\n", { asOf: "2026-03-31", skipBad: true, skip_bad: true }), ["skipBad", "skip_bad"]);
  // An undefined property is an absent one.
  assert.equal(due({ received: "2026-03-02", timeLimit: "3wd", time_limit: undefined }).due, "2026-03-05");
});

test("the package's files: one .wasm, LICENSE, types for every entry", () => {
  const pkg = JSON.parse(readFileSync(join(here, "package.json"), "utf8"));
  assert.deepEqual(Object.keys(pkg.exports["."]), ["types", "browser", "node", "default"]);
  assert.equal(pkg.exports["./motcua_bg.wasm"].default, "./pkg-web/motcua_bg.wasm");
  assert.ok(pkg.files.includes("LICENSE"));
  for (const entry of Object.values(pkg.exports)) {
    if (typeof entry === "object") assert.ok(entry.types, JSON.stringify(entry));
  }
});
