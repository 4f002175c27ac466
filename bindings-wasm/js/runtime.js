// The package's JavaScript runtime, shared by the web and Node entries and by the generated
// wasm-bindgen glue (which imports it, see scripts/build.mjs): the error class every function
// throws, and the errors of the JS layer itself (codes listed in src/error.rs JS_ERROR_CODES).

/**
 * What every function of motcua throws: an `Error` with the core's stable snake_case `code`
 * (`invalid_date`, `date_out_of_range`, ...; `errorCodes()` lists them) and, when known,
 * where the bad input was: `index` (the element of a bulk input), `line`, `field`.
 */
export class MotcuaError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   * @param {{index?: number, line?: number, field?: string, value?: string, id?: string, cause?: unknown}} [details]
   */
  constructor(code, message, details) {
    super(message, details && "cause" in details ? { cause: details.cause } : undefined);
    this.code = code;
    if (details?.index != null) this.index = details.index;
    if (details?.line != null) this.line = details.line;
    if (details?.field != null) this.field = details.field;
    if (details?.value != null) this.value = details.value;
    if (details?.id != null) this.id = details.id;
  }
}
Object.defineProperty(MotcuaError.prototype, "name", {
  value: "MotcuaError",
  writable: true,
  configurable: true,
});

/**
 * Whether `e` is a MotcuaError: `instanceof`, or an error of another copy of the package (two
 * bundles, a test runner's realm) with the same shape.
 * @param {unknown} e
 * @returns {e is MotcuaError}
 */
export function isMotcuaError(e) {
  return (
    e instanceof MotcuaError ||
    (e instanceof Error && e.name === "MotcuaError" && typeof (/** @type {any} */ (e).code) === "string")
  );
}

/** Called by the Rust side (src/error.rs) for every core error. */
export function motcuaError(code, message, index, line, field, value, id) {
  return new MotcuaError(code, message, { index, line, field, value, id });
}

// ------------------------------------------------------------------------ the JS layer's own

/**
 * Throws `csv_field` (as a header naming a column twice) when an array of records spells a
 * key two ways in ASCII case
 * (`Resolved` in one record, `resolved` in another): the core reads every record by one
 * spelling per column (the first record's, matched in any case like a CSV header), so a later
 * record's other spelling was left unread without a word (a resolved dossier counted overdue,
 * where the CLI reads each JSON line's keys in any case). Each record's keys are looked at
 * once here, in JS (a few milliseconds for 100,000 records); other inputs pass.
 *
 * Returns the records to read: the same array, or, when later records have keys the first
 * has not (an API that leaves out its null fields), a copy whose first element also names
 * those keys (as `undefined`: missing) — the core takes its columns from the first record and
 * matches them in any case, so a later-only `Resolved` is the `resolved` column, as a JSON
 * line's key is (it was looked up by its exact lower-case name, and the dossier counted
 * overdue).
 * @template T
 * @param {T} records
 * @returns {T}
 */
export function checkRecordKeys(records) {
  if (!Array.isArray(records)) return records;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    // A Map, Set or Date holds its values out of its own keys: read as a record of no columns,
    // it was skipped as an empty row (a dossier lost without a word).
    if (r instanceof Map || r instanceof Set || r instanceof Date) {
      const kind = r instanceof Map ? "Map" : r instanceof Set ? "Set" : "Date";
      throw motcuaError(
        "invalid_argument",
        `records[${i}] must be an object of column values (a record), not a ${kind}` +
          (kind === "Map" ? ": pass Object.fromEntries(map)" : ""),
        i,
      );
    }
  }
  if (records.length < 2) return records;
  /** @type {Set<string>} */
  const seen = new Set();
  /** @type {Map<string, string>} ASCII-lowercased key -> its first spelling */
  const spelt = new Map();
  /** @type {string[]} keys that records after the first give and the first does not */
  const later = [];
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (r === null || typeof r !== "object") continue; // the core's bad row
    for (const k of Object.keys(r)) {
      if (seen.has(k)) continue;
      seen.add(k);
      if (i > 0) later.push(k);
      const low = k.replace(/[A-Z]+/g, (s) => s.toLowerCase());
      const other = spelt.get(low);
      if (other === undefined) {
        spelt.set(low, k);
      } else {
        throw motcuaError(
          "csv_field",
          `records[${i}]: column \`${other}\` given more than once, as \`${other}\` and \`${k}\` ` +
            "(records are read by one spelling per column: give every record the same)",
          i,
          i + 1,
          k,
        );
      }
    }
  }
  const first = records[0];
  if (later.length === 0 || first === null || typeof first !== "object" || Array.isArray(first)) {
    return records;
  }
  /** @type {Record<string, unknown>} */
  const head = { ...first };
  for (const k of later) head[k] = undefined;
  const out = records.slice();
  out[0] = head;
  return /** @type {T} */ (/** @type {unknown} */ (out));
}

/**
 * The pointer of `self`, the object a method of class `cls` was called on: `invalid_argument`
 * when it is not of that class (`Catalogue.prototype.get.call(calendar)` handed the module a
 * pointer to another type: out-of-bounds reads, a loop, or an answer from garbage). An object
 * of the class that was freed has pointer 0, which the module refuses (`object_freed`).
 * @param {any} self
 * @param {Function} cls
 * @returns {number}
 */
export function own(self, cls) {
  if (self instanceof cls) return self.__wbg_ptr;
  const name = self !== null && typeof self === "object" ? self.constructor?.name : undefined;
  const what = name === undefined ? String(self) : name === "Object" ? "a plain object" : `a ${name}`;
  throw new MotcuaError("invalid_argument", `a ${cls.name} method called on ${what}, not a ${cls.name}`);
}

/**
 * Throws `invalid_argument` when `arg` is bytes over a detached `ArrayBuffer` (an
 * `ArrayBuffer`, a typed array or a `DataView` whose buffer was transferred: to a worker by
 * `postMessage`, by `structuredClone(..., {transfer})`): reading them threw the engine's
 * `TypeError` ("Cannot perform %TypedArray%.prototype.set on a detached ArrayBuffer"), without
 * a code and from inside the call. Other values pass (the call says what is wrong with them).
 * @param {unknown} arg
 * @param {string} what the argument, for the message
 */
export function checkAttached(arg, what) {
  if (arg === null || typeof arg !== "object") return;
  const buffer = ArrayBuffer.isView(arg)
    ? arg.buffer
    : Object.prototype.toString.call(arg) === "[object ArrayBuffer]"
      ? /** @type {ArrayBuffer} */ (arg)
      : null;
  // A detached buffer has no bytes; an empty one that is not detached is viewed as any is.
  if (buffer === null || buffer.byteLength !== 0) return;
  try {
    new Uint8Array(buffer, 0, 0);
  } catch {
    throw new MotcuaError(
      "invalid_argument",
      `${what}: its ArrayBuffer is detached (transferred, e.g. to a worker): its bytes are gone; ` +
        "pass a copy (buffer.slice()) where the original must move",
    );
  }
}

let initStarted = false;

/** Marks that init() was called (the message of a too-early call then says "await it"). */
export function markInitStarted() {
  initStarted = true;
}

function notInitialized() {
  return new MotcuaError(
    "not_initialized",
    initStarted
      ? "motcua is not ready: `await init()` before calling it (init() has not finished)"
      : 'motcua is not initialised: call `await init()` first (import init, { Calendar } from "motcua"; ' +
          "await init();). In Node, the package's Node build needs no init()",
  );
}

/**
 * Stands for the WebAssembly exports until init() has run: touching it throws
 * `not_initialized` (instead of "cannot read properties of undefined").
 */
export const notReady = new Proxy(
  {},
  {
    get() {
      throw notInitialized();
    },
  },
);

/**
 * What the Rust side throws with a bare message: a method of a freed object ("null pointer
 * passed to rust") becomes `object_freed`; anything else keeps its message.
 * @param {string} message
 */
export function rustThrow(message) {
  if (message === "null pointer passed to rust") {
    return new MotcuaError(
      "object_freed",
      "this object was freed (free() was called or its `using` block ended): make a new one",
    );
  }
  return new Error(message);
}

/**
 * A string argument handed to the module: anything else is an `invalid_argument` error (the
 * encoder would read a number as garbage memory, `undefined` as a TypeError).
 * @param {unknown} arg
 */
export function checkString(arg) {
  if (typeof arg !== "string") {
    throw new MotcuaError(
      "invalid_argument",
      `expected a string, not ${arg === null ? "null" : Array.isArray(arg) ? "an array" : typeof arg}`,
    );
  }
}

/** The most day numbers one bulk call takes (2^28: 1 GB of them, three such arrays a call). */
const MAX_DAY_NUMBERS = 2 ** 28;

/**
 * Checks day numbers handed to a bulk method before they are copied into an Int32Array (whose
 * copy would wrap 2**32 + d to d, cut 0.9 to 0 and read "abc" as 0): an `Int32Array` as is;
 * else an array (or array-like) of whole numbers in the int32 range, each, or an error naming
 * the first bad element's index. More than `MAX_DAY_NUMBERS` is an error too.
 * @param {unknown} arg
 */
export function checkInt32s(arg) {
  const a = /** @type {any} */ (arg);
  if (a !== null && typeof a === "object" && a.length > MAX_DAY_NUMBERS) {
    // Copied into the module's memory with its answer beside it (up to three such arrays a
    // call): past 2^28 they do not fit WebAssembly's 4 GB, and the module traps ("RuntimeError:
    // unreachable", no code) instead of answering.
    throw new MotcuaError(
      "invalid_argument",
      `${a.length} day numbers in one call do not fit WebAssembly's 4 GB memory with the answer: give at most ${MAX_DAY_NUMBERS} at a time`,
    );
  }
  checkAttached(arg, "day numbers");
  if (arg instanceof Int32Array) return;
  if (a === null || typeof a !== "object" || typeof a.length !== "number") {
    throw new MotcuaError(
      "invalid_argument",
      `day numbers must be an Int32Array or an array of whole numbers, not ${a === null ? "null" : typeof a}`,
    );
  }
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x !== "number" || !Number.isInteger(x) || x < -2147483648 || x > 2147483647) {
      throw new MotcuaError(
        "invalid_number",
        `element ${i}: ${typeof x === "bigint" ? `${x}n (a BigInt)` : typeof x === "string" ? `${JSON.stringify(x)} (a string)` : String(x)} is not a day number (a whole number in the int32 range)`,
        { index: i },
      );
    }
  }
}

/**
 * The constructor of the exported classes: they are made by their factories only.
 * @param {string} name
 */
export function noConstructor(name) {
  const how = name === "Calendar" ? "Calendar.vietnam() or Calendar.fromSpec(spec)" : `${name}.fromJson(json)`;
  return new MotcuaError("invalid_argument", `${name} has no public constructor: use ${how}`);
}

/**
 * A failure to load the WebAssembly module, with what to do about it.
 * @param {string} what
 * @param {unknown} [cause]
 */
export function initFailed(what, cause) {
  const why = cause instanceof Error ? `: ${cause.message}` : "";
  return new MotcuaError(
    "init_failed",
    `init(): ${what}${why}. The file motcua_bg.wasm must be served next to the bundle, or its URL ` +
      "passed: init({ module_or_path: url }) (the README's bundler recipes show how)",
    cause === undefined ? undefined : { cause },
  );
}
