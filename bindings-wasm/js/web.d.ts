// Types of the package `motcua` (both builds: web and Node).
import type { ErrorCode } from "./motcua.js";

export * from "./motcua.js";

declare global {
  // `Calendar` and `Catalogue` have `[Symbol.dispose]()` (for `using`); this keeps the types
  // valid with a default `lib` that lacks `esnext.disposable` (it merges with that lib's own).
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}

/** A compiled `WebAssembly.Module`, where the environment declares the type. */
type WasmModule = typeof globalThis extends { WebAssembly: { Module: abstract new (...args: any[]) => infer M } }
  ? M
  : never;

/** A fetch `Response` (structurally, so the types need no DOM `lib`). */
interface ResponseLike {
  readonly ok: boolean;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Where `init` finds the WebAssembly module: its URL (a string or a `URL`), a fetch
 * `Response` (or a promise of one), its bytes, or a compiled `WebAssembly.Module`. */
export type InitInput =
  | string
  | { readonly href: string }
  | ResponseLike
  | PromiseLike<ResponseLike>
  | ArrayBuffer
  | ArrayBufferView
  | WasmModule;

/** What `initSync` compiles: the module's bytes or a compiled `WebAssembly.Module`. */
export type SyncInitInput = ArrayBuffer | ArrayBufferView | WasmModule;

/**
 * Loads the WebAssembly module; call it once and await it before anything else (later calls
 * return at once). Without an argument it loads `motcua_bg.wasm` next to the package's
 * JavaScript (bundlers that understand `new URL(…, import.meta.url)` emit it: Vite, webpack,
 * Rollup; with esbuild pass the URL, see the README). In the Node build it returns at once.
 * Fails with a `MotcuaError` of code `init_failed`.
 */
export default function init(input?: InitInput | { module_or_path?: InitInput }): Promise<void>;

/** Loads the WebAssembly module synchronously from its bytes or a compiled module (in Node,
 * without an argument, from the package's file). */
export function initSync(input?: SyncInitInput | { module: SyncInitInput }): void;

/** What every function of motcua throws: an `Error` with a stable `code` and, when known,
 * where the bad input was. `catch (e) { if (e instanceof MotcuaError) e.code … }` */
export class MotcuaError extends Error {
  constructor(code: ErrorCode, message: string, details?: { index?: number; line?: number; field?: string; value?: string; id?: string; cause?: unknown });
  readonly name: "MotcuaError";
  /** The stable snake_case code (`errorCodes()` lists them). */
  readonly code: ErrorCode;
  /** The 0-based element of a bulk input (or of an array of records) that was bad. */
  readonly index?: number;
  /** The 1-based line of a CSV or JSON input (for an array of records: index + 1). */
  readonly line?: number;
  /** The field, column or argument that was bad. */
  readonly field?: string;
  /** The bad value (a record's cell). */
  readonly value?: string;
  /** The id of the record the error is about (its `id` column). */
  readonly id?: string;
}

/** Whether `e` is a `MotcuaError` (also one thrown by another copy of the package). */
export function isMotcuaError(e: unknown): e is MotcuaError;
