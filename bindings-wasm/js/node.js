// The Node build's entry (`import { Calendar } from "motcua"` in Node and in server bundles):
// the web build's API, with its WebAssembly module loaded from the package's own
// motcua_bg.wasm (the one file both builds share) when this module is imported, so no init()
// is needed; `await init()` is accepted (it returns at once), so browser code runs unchanged.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { initSync } from "../pkg-web/index.js";
import { initFailed } from "../pkg-web/runtime.js";

/** The module's bytes: next to this file, or (when a server bundle inlined this file, e.g.
 * Vite's `ssr.noExternal`) the installed package's, found as Node finds packages. */
function wasmBytes() {
  const beside = new URL("../pkg-web/motcua_bg.wasm", import.meta.url);
  try {
    return readFileSync(beside);
  } catch (first) {
    try {
      return readFileSync(createRequire(import.meta.url).resolve("motcua/motcua_bg.wasm"));
    } catch {
      throw initFailed(`cannot read ${beside.href} nor find the installed package's motcua_bg.wasm`, first);
    }
  }
}

initSync({ module: wasmBytes() });

export * from "../pkg-web/index.js";
export { default } from "../pkg-web/index.js";
