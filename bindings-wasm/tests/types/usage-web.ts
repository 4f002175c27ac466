// Type-checked (tsc --noEmit, strict) against the shipped .d.ts: the one import pattern that
// works everywhere, init's inputs, the error class in a catch, the .wasm subpath.
import init, { Calendar, MotcuaError, initSync, isMotcuaError } from "motcua";
import type { ErrorCode } from "motcua";
import * as web from "motcua/web";
import wasmUrl from "motcua/motcua_bg.wasm";

async function main(): Promise<void> {
  await init();
  await init({ module_or_path: wasmUrl });
  await init(new URL("./motcua_bg.wasm", "https://example.org/assets/"));
  await init(fetch(wasmUrl));
  await web.default({ module_or_path: await fetch(wasmUrl) });
  const url: string = wasmUrl;
  const cal = Calendar.fromSpec('{"weekmask": "1111100", "from": "2026-01-01", "to": "2026-12-31"}');
  try {
    cal.addWorkingDays("2026-03-06", 1);
  } catch (e) {
    if (e instanceof MotcuaError) {
      const code: ErrorCode = e.code;
      const where: number | undefined = e.index ?? e.line;
      const field: string | undefined = e.field;
      console.log(code, where, field, e.message, e.stack);
    }
    if (isMotcuaError(e) && e.code === "not_initialized") await init();
  }
  cal.free();
  console.log(url);
}
declare const bytes: Uint8Array<ArrayBuffer>;
declare const module: WebAssembly.Module;
initSync({ module: bytes });
initSync(module);
initSync();
const made: MotcuaError = new MotcuaError("invalid_date", "made here", { field: "received" });

// @ts-expect-error: not an error code
new MotcuaError("no_such_code", "x");
// @ts-expect-error: classes are made by their factories
new Calendar();
// @ts-expect-error: init takes a URL, bytes, a Response or a module
void init(null);
void main;
void made;
