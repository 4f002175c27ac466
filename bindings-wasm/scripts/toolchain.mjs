// What the build needs besides cargo, fetched through the registries on first use, so that
// `npm ci && npm test` works on a machine with only Rust (rustup) and Node:
//
// - the `wasm32-unknown-unknown` target (`rustup target add`, when rustup is there);
// - the wasm-bindgen CLI at exactly the version of the `wasm-bindgen` crate in Cargo.lock
//   (`cargo install --locked wasm-bindgen-cli`: a debug build without debug info nor the test
//   runner's TLS features, ~2.5 min of CPU instead of ~7.5 for the default release build; it
//   runs in ~2 s instead of 0.3 s, once per build), into `.cache/wasm-bindgen-<version>/` inside the
//   package (git-ignored; reused by later builds; `$MOTCUA_CACHE_DIR` puts it elsewhere, e.g.
//   outside a CI clone). `$WASM_BINDGEN` (a path) or a `wasm-bindgen` of the right version on
//   PATH is used instead when there is one.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
export const repoRoot = dirname(packageDir);
export const cargo = process.env.CARGO || "cargo";
const exe = process.platform === "win32" ? ".exe" : "";

export function fail(msg) {
  console.error(`build: ${msg}`);
  process.exit(1);
}

/** The version of crate `name` in the workspace's Cargo.lock. */
export function lockedVersion(name) {
  const lock = readFileSync(join(repoRoot, "Cargo.lock"), "utf8");
  const m = lock.match(new RegExp(`\\[\\[package\\]\\]\\r?\\nname = "${name}"\\r?\\nversion = "([^"]+)"`));
  if (!m) fail(`no \`${name}\` package in Cargo.lock`);
  return m[1];
}

/** `wasm-bindgen --version` of `bin`, or "" when it does not run. */
function versionOf(bin) {
  const r = spawnSync(bin, ["--version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : "";
}

/** Adds the wasm32 target with rustup when it is missing (no-op without rustup). */
export function ensureWasmTarget() {
  const r = spawnSync("rustup", ["target", "list", "--installed"], { encoding: "utf8" });
  if (r.status !== 0) return; // no rustup: cargo will say what is missing
  if (r.stdout.split(/\r?\n/).includes("wasm32-unknown-unknown")) return;
  console.error("build: rustup target add wasm32-unknown-unknown");
  try {
    execFileSync("rustup", ["target", "add", "wasm32-unknown-unknown"], { stdio: "inherit" });
  } catch (e) {
    fail(`rustup target add wasm32-unknown-unknown failed (${e.status ?? e.message})`);
  }
}

/** The path of a wasm-bindgen CLI matching Cargo.lock, installed into the cache if needed. */
export function wasmBindgen() {
  const want = lockedVersion("wasm-bindgen");
  const expected = `wasm-bindgen ${want}`;
  const root = join(process.env.MOTCUA_CACHE_DIR || join(packageDir, ".cache"), `wasm-bindgen-${want}`);
  const cached = join(root, "bin", `wasm-bindgen${exe}`);
  const candidates = [process.env.WASM_BINDGEN, cached, "wasm-bindgen"].filter(Boolean);
  for (const bin of candidates) {
    const have = versionOf(bin);
    if (have === expected) return bin;
    if (bin === process.env.WASM_BINDGEN) fail(`$WASM_BINDGEN (${bin}) is \`${have || "not runnable"}\`, not ${expected}`);
  }
  const started = Date.now();
  console.error(`build: installing wasm-bindgen-cli ${want} (the version in Cargo.lock) into ${root}`);
  const targetDir = join(root, "build");
  try {
    execFileSync(
      cargo,
      ["install", "--locked", "--quiet", "wasm-bindgen-cli", "--version", want, "--root", root,
        "--debug", "--no-default-features",
        "--target-dir", targetDir, "--bin", "wasm-bindgen"],
      // No debug info: a quarter less CPU (150 s instead of 200 s, measured), same output.
      { stdio: "inherit", env: { ...process.env, CARGO_TARGET_DIR: targetDir, CARGO_PROFILE_DEV_DEBUG: "0" } },
    );
  } catch (e) {
    fail(`cargo install wasm-bindgen-cli ${want} failed (${e.status ?? e.message})`);
  } finally {
    rmSync(targetDir, { recursive: true, force: true });
  }
  if (!existsSync(cached) || versionOf(cached) !== expected) fail(`${cached} is not ${expected} after installing it`);
  console.error(`build: wasm-bindgen ${want} installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return cached;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureWasmTarget();
  console.log(wasmBindgen());
}
