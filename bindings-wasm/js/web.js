// The web build's entry (`import init, { Calendar } from "motcua"` in browsers, Web Workers and
// bundlers; `motcua/web` anywhere): the wasm-bindgen glue's API, plus an `init` that finds
// motcua_bg.wasm next to this file (also in Node, from the file system), is idempotent, and
// fails with a `MotcuaError` whose message says what to do.
import initGlue, {
  initSync as initSyncGlue,
  report as reportGlue,
  scorecard as scorecardGlue,
  stageReport as stageReportGlue,
  worklist as worklistGlue,
} from "./motcua.js";
import { checkAttached, checkRecordKeys, initFailed, markInitStarted } from "./runtime.js";

export * from "./motcua.js";
export { MotcuaError, isMotcuaError } from "./runtime.js";

// The functions of records: the glue's, after the records' keys are checked in JS (one
// spelling per column, `checkRecordKeys`). These local exports take the place of the glue's
// names that `export *` re-exports; their types are the glue's.
/** @type {typeof reportGlue} */
export function report(records, options) {
  return reportGlue(checkInput(records, options), options);
}
/** @type {typeof scorecardGlue} */
export function scorecard(records, options) {
  return scorecardGlue(checkInput(records, options), options);
}
/** @type {typeof stageReportGlue} */
export function stageReport(records, options) {
  return stageReportGlue(checkInput(records, options), options);
}
/** @type {typeof worklistGlue} */
export function worklist(records, options) {
  return worklistGlue(checkInput(records, options), options);
}

/**
 * The records' checks done in JS before the core reads them: bytes over a detached buffer (the
 * records, `options.transfers`) and keys spelt two ways across the records; returns the
 * records to read (`checkRecordKeys`: with the keys only later records give named by the
 * first).
 * @template T
 * @param {T} records
 * @param {unknown} options
 * @returns {T}
 */
function checkInput(records, options) {
  checkAttached(records, "records");
  if (options !== null && typeof options === "object" && "transfers" in options) {
    checkAttached(/** @type {{transfers: unknown}} */ (options).transfers, "transfers");
  }
  return checkRecordKeys(records);
}

let ready = false;
/** @type {Promise<void> | null} */
let loading = null;

/** `init(x)` and `init({ module_or_path: x })` alike. */
function unwrap(input, key) {
  if (input !== null && typeof input === "object" && Object.getPrototypeOf(input) === Object.prototype) {
    return input[key];
  }
  return input;
}

/** Where this file's motcua_bg.wasm is (throws init_failed when import.meta.url is missing). */
function defaultUrl() {
  const base = import.meta.url;
  if (typeof base !== "string" || base === "") {
    throw initFailed(
      "cannot locate motcua_bg.wasm: this module has no import.meta.url (was it bundled to a " +
        "non-module format, such as esbuild --format=iife or cjs?)",
    );
  }
  // A literal `new URL("…", import.meta.url)`: Vite, webpack and Rollup see it and emit the file.
  return new URL("motcua_bg.wasm", import.meta.url);
}

/** The bytes of a `file:` URL when running in Node ≥ 20.16 (its fetch cannot read files);
 * elsewhere (Deno, Bun: their fetch can) `undefined`, and fetch is tried. */
function readLocalFile(url) {
  if (!(url instanceof URL) || url.protocol !== "file:") return undefined;
  const fs = globalThis.process?.getBuiltinModule?.("node:fs");
  return fs ? fs.readFileSync(url) : undefined;
}

/**
 * Loads the WebAssembly module (once; later calls return at once). `input` (optional) says
 * where it is: a URL (string or `URL`), a `Response` or a promise of one, its bytes, or a
 * compiled `WebAssembly.Module`, alone or as `{ module_or_path }`. Without it, motcua_bg.wasm
 * next to this file.
 * @param {unknown} [input]
 * @returns {Promise<void>}
 */
export default function init(input) {
  if (ready) return Promise.resolve();
  if (loading) return loading;
  markInitStarted();
  loading = (async () => {
    let source = unwrap(input, "module_or_path");
    let where = "the given module";
    if (source === undefined) {
      source = defaultUrl();
      where = source.href;
    } else if (typeof source === "string" || source instanceof URL) {
      where = String(source);
    }
    let fetchesFile = false;
    try {
      if (typeof source === "string" && source.startsWith("file:")) source = new URL(source);
      const bytes = readLocalFile(source);
      fetchesFile = bytes === undefined && source instanceof URL && source.protocol === "file:";
      await initGlue({ module_or_path: bytes ?? source });
    } catch (e) {
      const hint = fetchesFile
        ? ' (where fetch cannot read files, e.g. Node < 20.16: import "motcua", whose Node build loads itself, or initSync({ module: bytes }))'
        : "";
      throw e?.code === "init_failed" ? e : initFailed(`could not load the WebAssembly module from ${where}${hint}`, e);
    }
    ready = true;
  })();
  loading.catch(() => {
    loading = null; // a later call may try again (e.g. with the right URL)
  });
  return loading;
}

/**
 * Loads the WebAssembly module synchronously from its bytes or a compiled
 * `WebAssembly.Module` (alone or as `{ module }`); in Node, without an argument, from
 * motcua_bg.wasm next to this file. Later calls return at once.
 * @param {unknown} [input]
 */
export function initSync(input) {
  if (ready) return;
  if (loading) throw initFailed("init() is loading the module already: await it instead of calling initSync()");
  markInitStarted();
  let source = unwrap(input, "module");
  if (source === undefined) {
    source = readLocalFile(defaultUrl());
    if (source === undefined) {
      throw initFailed("initSync() needs the module's bytes or a WebAssembly.Module here (or use `await init()`)");
    }
  }
  try {
    initSyncGlue({ module: source });
  } catch (e) {
    throw initFailed("could not compile the given WebAssembly module", e);
  }
  ready = true;
}
