// The Node build's entry (`import { Calendar } from "motcua"` in Node and in server bundles):
// the web build's API, with its WebAssembly module loaded from the package's own
// motcua_bg.wasm (the one file both builds share) when this module is imported, so no init()
// is needed; `await init()` is accepted (it returns at once), so browser code runs unchanged.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { initSync } from "../pkg-web/index.js";
import { initFailed } from "../pkg-web/runtime.js";

/** The module's bytes: next to this file, or (when a server bundle inlined this file, e.g.
 * Vite's `ssr.noExternal`, or a CommonJS bundle, where `import.meta.url` is empty) the
 * installed package's, found as Node finds packages from this file or from the working
 * directory; else an `init_failed` error. */
function wasmBytes() {
  const here = import.meta.url;
  let beside = "motcua_bg.wasm next to the package's entry";
  let first;
  try {
    const url = new URL("../pkg-web/motcua_bg.wasm", here);
    beside = url.href;
    return readFileSync(url);
  } catch (e) {
    first = e;
  }
  for (const from of [here, `${process.cwd()}/`]) {
    try {
      if (from) return readFileSync(createRequire(from).resolve("motcua/motcua_bg.wasm"));
    } catch {
      // the next place
    }
  }
  throw initFailed(`cannot read ${beside} nor find the installed package's motcua_bg.wasm`, first);
}

initSync({ module: wasmBytes() });

export * from "../pkg-web/index.js";
export { default } from "../pkg-web/index.js";
