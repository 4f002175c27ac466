// Builds the package from source: cargo (wasm32, release) then the wasm-bindgen CLI, which must
// be exactly the version of the `wasm-bindgen` crate in Cargo.lock (`.ci/wasm.sh` installs it).
//
//   pkg-web/   --target web                         (`import init, { Calendar } from "motcua"`)
//   pkg-node/  --target experimental-nodejs-module  (ESM for Node; no `init` needed)
//   www/pkg/   a copy of pkg-web for the demo page, so `www/` alone can be served, plus the
//              sample procedure catalogue (core/examples/sample/catalogue.json).
//
// The wasm is built with opt-level "s" (CARGO_PROFILE_RELEASE_OPT_LEVEL, unless set): ~8% smaller
// gzipped than opt-level 3 and no slower on the bulk paths (README: budgets). The function-name
// section (debug info, ~40 KB gzipped) is left out of the package; MOTCUA_WASM_KEEP_NAMES=1
// keeps it (readable wasm frames in profiles and stack traces).
// Honours CARGO_TARGET_DIR and CARGO (the cargo binary). Exits non-zero on any failure.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const root = dirname(here);
const cargo = process.env.CARGO || "cargo";

function fail(msg) {
  console.error(`build: ${msg}`);
  process.exit(1);
}

function lockedVersion(name) {
  const lock = readFileSync(join(root, "Cargo.lock"), "utf8");
  const m = lock.match(new RegExp(`\\[\\[package\\]\\]\\nname = "${name}"\\nversion = "([^"]+)"`));
  if (!m) fail(`no \`${name}\` package in Cargo.lock`);
  return m[1];
}

const want = lockedVersion("wasm-bindgen");
let have = "";
try {
  have = execFileSync("wasm-bindgen", ["--version"], { encoding: "utf8" }).trim();
} catch {
  fail(`wasm-bindgen CLI not found; install it with\n  cargo install --locked wasm-bindgen-cli --version ${want}\n(or run bash .ci/wasm.sh)`);
}
if (have !== `wasm-bindgen ${want}`) {
  fail(`\`${have}\` does not match the wasm-bindgen crate ${want} in Cargo.lock; install it with\n  cargo install --locked wasm-bindgen-cli --version ${want}`);
}

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
      env: { CARGO_PROFILE_RELEASE_OPT_LEVEL: "s", ...process.env },
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

for (const [target, dir] of [["web", "pkg-web"], ["experimental-nodejs-module", "pkg-node"]]) {
  const outDir = join(here, dir);
  rmSync(outDir, { recursive: true, force: true });
  console.error(`build: wasm-bindgen --target ${target} --out-dir ${dir}`);
  try {
    const names = process.env.MOTCUA_WASM_KEEP_NAMES === "1" ? [] : ["--remove-name-section"];
    execFileSync("wasm-bindgen", ["--target", target, ...names, "--out-dir", outDir, "--out-name", "motcua", wasm],
      { stdio: "inherit" });
  } catch (e) {
    fail(`wasm-bindgen --target ${target} failed (${e.status ?? e.message})`);
  }
}
rmSync(join(here, "www", "pkg"), { recursive: true, force: true });
cpSync(join(here, "pkg-web"), join(here, "www", "pkg"), { recursive: true });
// The demo's procedure picker offers the repository's sample catalogue, when there is one.
const sample = join(root, "core", "examples", "sample", "catalogue.json");
if (existsSync(sample)) cpSync(sample, join(here, "www", "pkg", "catalogue.json"));
console.error("build: done (pkg-web/, pkg-node/, www/pkg/)");
