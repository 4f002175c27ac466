// Builds the package from source: cargo (wasm32, release), then the wasm-bindgen CLI at exactly
// the version of the `wasm-bindgen` crate in Cargo.lock (fetched and cached on first use by
// scripts/toolchain.mjs), then the package's two entries around one shared .wasm:
//
//   pkg-web/   motcua_bg.wasm (the one module), motcua.js (the wasm-bindgen glue, --target web,
//              patched below), runtime.js (js/runtime.js: MotcuaError, the JS layer's errors),
//              index.js (js/web.js: init/initSync), index.d.ts, motcua.d.ts, wasm-url.d.ts
//   pkg-node/  index.js (js/node.js: loads ../pkg-web/motcua_bg.wasm at import), index.d.ts
//   www/pkg/   a copy of pkg-web for the demo page, so `www/` alone can be served, plus the
//              sample procedure catalogue (core/examples/sample/catalogue.json).
//
// Both entries run the same glue (the web target's; the Node target's glue differs only in how
// it loads the module, and its .wasm is byte-identical), so the tarball holds one .wasm.
//
// The glue is patched (exact, counted replacements; the build fails if wasm-bindgen's output
// changes shape): before init() every call throws MotcuaError `not_initialized` instead of
// "reading 'calendar_vietnam' of undefined"; a method of a freed object throws `object_freed`
// instead of "null pointer passed to rust", and a second free() does nothing; `new Calendar()`
// throws instead of making an empty object; the .d.ts leaves out the raw-export types (InitOutput) and DOM-only names.
//
// The wasm is built with opt-level "z" (CARGO_PROFILE_RELEASE_OPT_LEVEL, unless set): 22 KB
// smaller gzipped than "s" (258.7 -> 236.2 KB after the record road and the deadline engine
// landed) and, measured interleaved with "s" builds, no slower on the bulk paths
// (addWorkingDaysBulk 37-55 M/s against 34-56 under the same load; README: budgets). The function-name
// section (debug info, ~40 KB gzipped) is left out of the package; MOTCUA_WASM_KEEP_NAMES=1
// keeps it (readable wasm frames in profiles and stack traces).
// Honours CARGO_TARGET_DIR and CARGO (the cargo binary). Exits non-zero on any failure.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { cargo, ensureWasmTarget, fail, packageDir as here, repoRoot as root, wasmBindgen } from "./toolchain.mjs";

const started = Date.now();
ensureWasmTarget();
const bindgen = wasmBindgen();

// The panic locations of the dependencies name their source files by absolute path
// (~/.cargo/registry/src/index.crates.io-<hash>/csv-1.4.0/src/reader.rs): remapped to the
// crate's own path (csv-1.4.0/src/reader.rs), some 80 bytes of the gzipped .wasm, and the same
// on every machine. Through the target's own rustflags, so that a RUSTFLAGS of the caller
// (which cargo would let win) still wins.
const cargoHome = process.env.CARGO_HOME ?? join(homedir(), ".cargo");
const registry = join(cargoHome, "registry", "src");
const remaps = existsSync(registry)
  ? readdirSync(registry).map((d) => `--remap-path-prefix=${join(registry, d)}/=`)
  : [];
const targetFlags = "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS";
const wasmFlags = [process.env[targetFlags] ?? "", ...remaps].join(" ").trim();

console.error(`build: cargo build -p motcua-wasm --target wasm32-unknown-unknown --release`);
let out;
try {
  out = execFileSync(
    cargo,
    ["build", "-p", "motcua-wasm", "--lib", "--target", "wasm32-unknown-unknown", "--release",
      "--message-format=json-render-diagnostics"],
    {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 256 << 20,
      env: { CARGO_PROFILE_RELEASE_OPT_LEVEL: "z", ...process.env, [targetFlags]: wasmFlags },
    },
  );
} catch (e) {
  fail(`cargo build failed (${e.status ?? e.message})`);
}
let wasm = null;
for (const line of out.split("\n")) {
  if (!line.startsWith("{")) continue;
  const msg = JSON.parse(line);
  if (msg.reason === "compiler-artifact" && msg.target?.name === "motcua_wasm") {
    wasm = msg.filenames.find((f) => f.endsWith(".wasm")) ?? wasm;
  }
}
if (!wasm || !existsSync(wasm)) fail("cargo produced no motcua_wasm.wasm");

// wasm-bindgen into a scratch folder; the package is assembled from it.
const scratch = join(here, ".cache", "bindgen-out");
rmSync(scratch, { recursive: true, force: true });
mkdirSync(join(here, ".cache"), { recursive: true });

// binaryen's wasm-opt -O1 on cargo's module, before wasm-bindgen (the optimizer the field's
// tools run, wasm-pack's default; here Debian's `binaryen` package, which .ci/wasm.sh
// installs): 1.2 KB off the gzipped .wasm (249.97 -> 248.77 KB). -O1 only: -O2, -Os and -Oz
// make the module smaller but its gzip larger (262-264 KB, measured), and the budget is
// gzipped. With --rse (redundant local sets removed: 0.6 KB) and --dae-optimizing (dead
// arguments of internal functions removed, their constant ones propagated: 0.7 KB) first, then --precompute-propagate, --reorder-functions and -c
// (rerun the passes until the module stops shrinking: 0.6 KB). Each other pass tried alone
// made the gzip larger: gufa-optimizing, local-cse, merge-locals, merge-similar-functions,
// simplify-globals-optimizing. The features come from the module's target_features section. WASM_OPT names the
// binary; without one the build goes on with a warning (the package works, 1.2 KB larger),
// unless MOTCUA_REQUIRE_WASM_OPT=1 (CI), when it fails.
const wasmOpt = process.env.WASM_OPT ?? "wasm-opt";
let optimized = null;
try {
  execFileSync(wasmOpt, ["--version"], { stdio: "ignore" });
  optimized = join(here, ".cache", "motcua_wasm.opt.wasm");
} catch {
  const why = `${wasmOpt} not found (apt install binaryen, or WASM_OPT=/path/to/wasm-opt)`;
  if (process.env.MOTCUA_REQUIRE_WASM_OPT === "1") fail(why);
  console.error(`build: warning: ${why}: the .wasm is not optimized (about 1.2 KB larger gzipped)`);
}
if (optimized) {
  const passes = ["--rse", "--dae-optimizing", "-O1", "--precompute-propagate", "--reorder-functions", "-c"];
  console.error(`build: wasm-opt ${passes.join(" ")}`);
  try {
    execFileSync(wasmOpt, [...passes, wasm, "-o", optimized], { stdio: "inherit" });
  } catch (e) {
    fail(`wasm-opt failed (${e.status ?? e.message})`);
  }
  wasm = optimized;
}
console.error(`build: wasm-bindgen --target web`);
try {
  const names = process.env.MOTCUA_WASM_KEEP_NAMES === "1" ? [] : ["--remove-name-section"];
  execFileSync(bindgen, ["--target", "web", ...names, "--out-dir", scratch, "--out-name", "motcua", wasm],
    { stdio: "inherit" });
} catch (e) {
  fail(`wasm-bindgen failed (${e.status ?? e.message})`);
}

/**
 * `wasm` without its custom sections named in `names`: the toolchain's `producers` and
 * `target_features` records (260 bytes; no engine reads them, tools that do are done by
 * now). Any other section is kept byte for byte; a module that does not parse fails the build.
 */
function withoutSections(wasm, names) {
  if (wasm.readUInt32BE(0) !== 0x0061736d) fail("motcua_bg.wasm is not a WebAssembly module");
  const keep = [wasm.subarray(0, 8)];
  let at = 8;
  const leb = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      if (at >= wasm.length) fail("motcua_bg.wasm ends inside a section header");
      const byte = wasm[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) return value;
    }
  };
  while (at < wasm.length) {
    const start = at;
    const id = wasm[at++];
    const size = leb();
    const end = at + size;
    if (end > wasm.length) fail("motcua_bg.wasm has a section past its end");
    let name = null;
    if (id === 0) {
      const len = leb();
      name = wasm.subarray(at, at + len).toString("utf8");
    }
    if (!(id === 0 && names.includes(name))) keep.push(wasm.subarray(start, end));
    at = end;
  }
  return Buffer.concat(keep);
}

/** Replaces `from` by `to` in `text`, failing unless it occurs exactly `count` times. */
function patch(text, from, to, count, what) {
  const n = typeof from === "string" ? text.split(from).length - 1 : (text.match(from) ?? []).length;
  if (n !== count) {
    fail(`patching the wasm-bindgen output (${what}): expected ${count} match(es), found ${n}; ` +
      "the glue changed shape (a new wasm-bindgen version?): update scripts/build.mjs");
  }
  return typeof from === "string" ? text.split(from).join(to) : text.replace(from, to);
}

// --- the glue (JS)
let glue = readFileSync(join(scratch, "motcua.js"), "utf8");
const classes = [...glue.matchAll(/^export class (\w+) \{$/gm)].map((m) => m[1]);
if (!classes.includes("Calendar") || !classes.includes("Catalogue")) fail(`unexpected classes in the glue: ${classes}`);
glue = patch(glue, /^import \{ motcuaError \} from '\.\/snippets\/[^']+\/js\/runtime\.js';$/gm,
  "import { motcuaError, notReady as __motcua_notReady, rustThrow as __motcua_rustThrow, " +
    "noConstructor as __motcua_noConstructor, checkInt32s as __motcua_checkInt32s, " +
    "checkString as __motcua_checkString, checkAttached as __motcua_checkAttached, " +
    "own as __motcua_own } from './runtime.js';",
  1, "the runtime import");
// Day numbers handed over as a plain array or another typed array are checked, not wrapped by
// the typed-array copy (2**32 + d read as d, 0.9 as 0, "abc" as 0, a BigInt a TypeError).
glue = patch(glue, "function passArray32ToWasm0(arg, malloc) {\n",
  "function passArray32ToWasm0(arg, malloc) {\n    __motcua_checkInt32s(arg);\n", 1, "int32 arrays");
// A string argument that is not a string (`catalogue.get(5)`, `get(undefined)`) is an
// `invalid_argument` error, not the encoder's garbage ("memory access out of bounds", a
// TypeError about `length`).
glue = patch(glue, "function passStringToWasm0(arg, malloc, realloc) {\n",
  "function passStringToWasm0(arg, malloc, realloc) {\n    __motcua_checkString(arg);\n", 1, "strings");
// A module that is not this one (a stale or wrong .wasm served once) is forgotten when it fails
// to start, so that a later init() loads again instead of finding it "ready".
glue = patch(glue, "    wasm.__wbindgen_start();\n    return wasm;\n",
  "    try {\n        wasm.__wbindgen_start();\n    } catch (e) {\n" +
    "        wasm = __motcua_notReady;\n        wasmInstance = wasmModule = undefined;\n        throw e;\n    }\n    return wasm;\n",
  1, "a wrong module is forgotten");
// A Date of another realm (an iframe's, node:vm's) is a Date: `instanceof` alone refused it
// ("must be ... a Date, not object"). Told by the brand check of Date.prototype.getTime (it
// throws for anything without a date value, whatever its Symbol.toStringTag says).
glue = patch(glue, "result = arg0 instanceof Date;",
  "result = arg0 instanceof Date || (typeof arg0 === \"object\" && arg0 !== null && " +
    "(Date.prototype.getTime.call(arg0), true));",
  1, "Dates of other realms");
// A method called on an object of another class (`Catalogue.prototype.get.call(calendar)`)
// handed the module a pointer to the wrong type: it read memory out of bounds, looped, or
// answered from garbage. Each method's own object is checked to be of its class.
for (const name of classes) {
  const start = glue.indexOf(`export class ${name} {`);
  const next = classes.map((c) => glue.indexOf(`export class ${c} {`)).filter((i) => i > start);
  const end = Math.min(...next, glue.indexOf("\nexport function "), glue.length);
  const block = patch(glue.slice(start, end), /wasm\.(\w+)\(this\.__wbg_ptr/g,
    (_, f) => `wasm.${f}(__motcua_own(this, ${name})`, (glue.slice(start, end).match(/wasm\.\w+\(this\.__wbg_ptr/g) ?? []).length || 1,
    `${name}'s methods`);
  glue = glue.slice(0, start) + block + glue.slice(end);
}
// The second operand of the bulk methods (`n`, `b`: a number or day numbers) over a detached
// buffer: the engine's TypeError from inside the copy, without a code.
glue = patch(glue, "    addWorkingDaysBulk(days, n) {\n",
  "    addWorkingDaysBulk(days, n) {\n        __motcua_checkAttached(n, \"n\");\n", 1, "detached n");
glue = patch(glue, "    workingDaysBetweenBulk(a, b) {\n",
  "    workingDaysBetweenBulk(a, b) {\n        __motcua_checkAttached(b, \"b\");\n", 1, "detached b");
glue = patch(glue, "let wasmModule, wasmInstance, wasm;", "let wasmModule, wasmInstance, wasm = __motcua_notReady;", 1, "not_initialized");
glue = patch(glue, "if (wasm !== undefined) return wasm;", "if (wasm !== __motcua_notReady) return wasm;", 2, "init guard");
glue = patch(glue, "throw new Error(getStringFromWasm0(arg0, arg1));", "throw __motcua_rustThrow(getStringFromWasm0(arg0, arg1));", 1, "object_freed");
glue = patch(glue, /^( +)(const ptr = this\.__destroy_into_raw\(\);\n)(?=\s+wasm\.__wbg_\w+_free\(ptr, 0\);)/gm,
  "$1$2$1if (ptr === 0) return; // freed already: a second free() (or `using` after free()) is a no-op\n",
  classes.length, "idempotent free()");
glue = patch(glue, /^export class (\w+) \{$/gm,
  (_, name) => `export class ${name} {\n    constructor() {\n        throw __motcua_noConstructor("${name}");\n    }`,
  classes.length, "private constructors");

// --- the glue's types: everything up to the init section (ours is in js/web.d.ts)
let dts = readFileSync(join(scratch, "motcua.d.ts"), "utf8");
const tail = dts.indexOf("\nexport type InitInput");
if (tail < 0) fail("no InitInput section in the wasm-bindgen .d.ts");
dts = dts.slice(0, tail + 1);
for (const leak of ["InitOutput", "RequestInfo", "BufferSource"]) {
  if (dts.includes(leak)) fail(`the trimmed .d.ts still mentions ${leak}`);
}

// --- assemble
const pkgWeb = join(here, "pkg-web");
const pkgNode = join(here, "pkg-node");
for (const dir of [pkgWeb, pkgNode]) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}
const js = join(here, "js");
writeFileSync(join(pkgWeb, "motcua_bg.wasm"), withoutSections(readFileSync(join(scratch, "motcua_bg.wasm")),
  ["producers", "target_features"]));
writeFileSync(join(pkgWeb, "motcua.js"), glue);
writeFileSync(join(pkgWeb, "motcua.d.ts"), dts);
cpSync(join(js, "runtime.js"), join(pkgWeb, "runtime.js"));
cpSync(join(js, "web.js"), join(pkgWeb, "index.js"));
cpSync(join(js, "web.d.ts"), join(pkgWeb, "index.d.ts"));
cpSync(join(js, "wasm-url.d.ts"), join(pkgWeb, "wasm-url.d.ts"));
cpSync(join(js, "node.js"), join(pkgNode, "index.js"));
cpSync(join(js, "node.d.ts"), join(pkgNode, "index.d.ts"));
const leftover = readdirSync(scratch).filter((f) => !["motcua.js", "motcua.d.ts", "motcua_bg.wasm", "motcua_bg.wasm.d.ts", "snippets"].includes(f));
if (leftover.length) fail(`unexpected wasm-bindgen output: ${leftover.join(", ")}`);
rmSync(scratch, { recursive: true, force: true });

rmSync(join(here, "www", "pkg"), { recursive: true, force: true });
cpSync(pkgWeb, join(here, "www", "pkg"), { recursive: true });
// The demo's procedure picker offers the repository's sample catalogue, when there is one.
const sample = join(root, "core", "examples", "sample", "catalogue.json");
if (existsSync(sample)) cpSync(sample, join(here, "www", "pkg", "catalogue.json"));
console.error(`build: done in ${((Date.now() - started) / 1000).toFixed(0)} s (pkg-web/, pkg-node/, www/pkg/)`);
