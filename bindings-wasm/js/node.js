// The Node build's entry (`import { Calendar } from "motcua"` in Node and in server bundles):
// the web build's API, with its WebAssembly module loaded from the package's own
// motcua_bg.wasm (the one file both builds share) when this module is imported, so no init()
// is needed; `await init()` is accepted (it returns at once), so browser code runs unchanged.
import { readFileSync } from "node:fs";
import { initSync } from "../pkg-web/index.js";

initSync({ module: readFileSync(new URL("../pkg-web/motcua_bg.wasm", import.meta.url)) });

export * from "../pkg-web/index.js";
export { default } from "../pkg-web/index.js";
