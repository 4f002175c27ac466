// The package as users install it: `npm pack`, the tarball installed into a fresh project
// outside the repository together with real bundlers from the npm registry (the versions of
// this package's devDependencies), then every recipe of the README's "Bundlers and runtimes"
// section — its files written exactly as the README shows them (```js file=PATH blocks), its
// commands run as the README shows them (```sh cwd=DIR blocks) — checked where it runs:
// Node (ESM with init, CommonJS require), a Vite SSR build, TypeScript (tsc --strict, default
// lib) and, in headless Chromium (Debian's /usr/bin/chromium, no browser download), the pages
// built by Vite (with a Web Worker), esbuild and webpack and a page without a bundler. Each
// page computes a due date (reference E8: 2026-02-26). Reports the tarball's and bundles' sizes
// (gzip and brotli). Run after `npm run build`: `npm run test:package`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { serve } from "../../www/test/serve.mjs";

const pkgDir = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const shots = join(pkgDir, "www", "test", "out");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const DUE = "2026-02-26";
const TOOLS = ["esbuild", "vite", "webpack", "webpack-cli", "typescript"];

let project; // the fresh consumer project
let recipes; // project/recipes
let tarball; // what npm pack said
let browser;
const servers = [];

/** Runs `cmd args` in `cwd`; returns stdout; fails the test with the output on an error. */
function run(cmd, args, cwd, opts = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 64 << 20, ...opts });
  assert.equal(r.status, 0, `${cmd} ${args.join(" ")} (in ${cwd}) failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** The README's recipe blocks: files (```lang file=PATH) and commands (```sh cwd=DIR). */
function readmeRecipes() {
  const md = readFileSync(join(pkgDir, "README.md"), "utf8");
  const files = [];
  const commands = [];
  for (const m of md.matchAll(/^```(\w+) (file|cwd)=(\S+)\n([\s\S]*?)^```$/gm)) {
    const [, , kind, where, body] = m;
    if (kind === "file") files.push({ path: where, body });
    else commands.push({ cwd: where, lines: body.split("\n").filter((l) => l.trim() && !l.startsWith("#")) });
  }
  return { files, commands };
}

/** Sizes of `files` (paths): raw, gzip -9 and brotli (quality 11), in bytes. */
function sizes(files) {
  const out = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) {
    const b = readFileSync(f);
    out.raw += b.length;
    out.gzip += gzipSync(b, { level: 9 }).length;
    out.brotli += brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return out;
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const fmt = (s) => `${kb(s.raw)} (gzip ${kb(s.gzip)}, brotli ${kb(s.brotli)})`;

function filesUnder(dir, pred) {
  return readdirSync(dir, { recursive: true })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile() && pred(f));
}

before(async () => {
  assert.ok(existsSync(join(pkgDir, "pkg-web", "motcua_bg.wasm")), "pkg-web/ is missing: run `npm run build` first");
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
  project = mkdtempSync(join(tmpdir(), "motcua-consumer-"));
  [tarball] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", project], pkgDir));
  const devDeps = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")).devDependencies;
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2));
  run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", join(project, tarball.filename),
    ...TOOLS.map((t) => `${t}@${devDeps[t]}`)], project);

  recipes = join(project, "recipes");
  const { files, commands } = readmeRecipes();
  assert.ok(files.length >= 8 && commands.length >= 4, `README recipes: ${files.length} files, ${commands.length} command blocks`);
  for (const f of files) {
    mkdirSync(dirname(join(recipes, f.path)), { recursive: true });
    writeFileSync(join(recipes, f.path), f.body);
  }
  for (const c of commands) {
    for (const line of c.lines) run("sh", ["-c", line], join(recipes, c.cwd));
  }
  mkdirSync(shots, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
  if (project && !process.env.MOTCUA_KEEP_CONSUMER) rmSync(project, { recursive: true, force: true });
});

test("the tarball: one .wasm shared by both builds, the types, LICENSE and README, nothing else", (t) => {
  const files = tarball.files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    "LICENSE", "README.md", "package.json",
    "pkg-node/index.d.ts", "pkg-node/index.js",
    "pkg-web/index.d.ts", "pkg-web/index.js", "pkg-web/motcua.d.ts", "pkg-web/motcua.js",
    "pkg-web/motcua_bg.wasm", "pkg-web/runtime.js", "pkg-web/wasm-url.d.ts",
  ]);
  const installed = join(project, "node_modules", "motcua");
  t.diagnostic(`tarball ${tarball.filename}: ${kb(tarball.size)} packed, ${kb(tarball.unpackedSize)} unpacked`);
  t.diagnostic(`.wasm: ${fmt(sizes([join(installed, "pkg-web", "motcua_bg.wasm")]))}`);
  t.diagnostic(`JS (index, glue, runtime): ${fmt(sizes(["index.js", "motcua.js", "runtime.js"].map((f) => join(installed, "pkg-web", f))))}`);
});

test("Node: the one import pattern with init, and require() from CommonJS", () => {
  const node = join(recipes, "node");
  assert.equal(run(process.execPath, ["app.mjs"], node).trim(), DUE);
  assert.equal(run(process.execPath, ["app.cjs"], node).trim(), DUE);
});

test("Vite SSR build: the server bundle runs in Node with the same code", () => {
  assert.equal(run(process.execPath, ["server.js"], join(recipes, "vite-ssr")).trim(), `<p>Due: <output>${DUE}</output></p>`);
});

test("TypeScript: tsc --noEmit --strict with the default lib, against the installed package", () => {
  run(process.execPath, [join(project, "node_modules", "typescript", "bin", "tsc"), "-p", "."], join(recipes, "typescript"));
});

/** Serves `root`, opens `path`, waits for every <output> to be filled; returns their texts. */
async function openPage(name, root, path = "") {
  const server = await serve(root, 0);
  servers.push(server);
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  await page.goto(server.url + path);
  try {
    await page.waitForFunction(() => [...document.querySelectorAll("output")].every((o) => o.textContent), null, { timeout: 20_000 });
  } catch (e) {
    throw new Error(`${name}: the page did not finish (${problems.join("; ") || e.message})`);
  }
  const outputs = await page.$$eval("output", (os) => Object.fromEntries(os.map((o) => [o.id, o.textContent])));
  await page.screenshot({ path: join(shots, `consumer-${name}.png`) });
  await page.close();
  assert.deepEqual(problems, [], name);
  return outputs;
}

test("Vite: zero configuration, the page and a Web Worker", async (t) => {
  const dist = join(recipes, "vite", "dist");
  assert.deepEqual(await openPage("vite", dist), { due: DUE, "worker-due": DUE });
  const js = filesUnder(dist, (f) => f.endsWith(".js"));
  const wasm = filesUnder(dist, (f) => f.endsWith(".wasm"));
  assert.equal(wasm.length, 1, "Vite emitted the .wasm once (page and worker share it)");
  t.diagnostic(`Vite bundle: JS ${fmt(sizes(js))} (${js.length} files: page and worker), .wasm ${fmt(sizes(wasm))}`);
});

test("esbuild: the .wasm through the file loader", async (t) => {
  const dir = join(recipes, "esbuild");
  assert.deepEqual(await openPage("esbuild", dir, "index.html"), { due: DUE });
  t.diagnostic(`esbuild bundle: JS ${fmt(sizes(filesUnder(join(dir, "dist"), (f) => f.endsWith(".js"))))}`);
});

test("webpack: zero configuration", async (t) => {
  const dir = join(recipes, "webpack");
  assert.deepEqual(await openPage("webpack", dir, "index.html"), { due: DUE });
  t.diagnostic(`webpack bundle: JS ${fmt(sizes(filesUnder(join(dir, "dist"), (f) => f.endsWith(".js"))))}`);
});

test("no bundler: an import map to the installed package", async () => {
  const page = relative(project, join(recipes, "no-bundler", "index.html"));
  assert.deepEqual(await openPage("no-bundler", project, page), { due: DUE });
});

test("a bundle without import.meta (esbuild --format=iife) and no URL: init_failed says what to do", async () => {
  const dir = join(recipes, "iife-without-url");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "main.js"), `import init from "motcua";
init().then(() => { document.querySelector("#error").textContent = "no error"; },
  (e) => { document.querySelector("#error").textContent = e.code + ": " + e.message; });
`);
  writeFileSync(join(dir, "index.html"), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<output id="error"></output><script src="main.iife.js"></script>`);
  run(join(project, "node_modules", ".bin", "esbuild"), ["main.js", "--bundle", "--format=iife", "--log-level=error", "--outfile=main.iife.js"], dir);
  const { error } = await openPage("iife-without-url", dir, "index.html");
  assert.match(error, /^init_failed: init\(\): cannot locate motcua_bg\.wasm: this module has no import\.meta\.url .*iife.*init\(\{ module_or_path: url \}\)/);
});

test("a CommonJS bundle for Node (esbuild --platform=node --format=cjs): the .wasm found in node_modules", () => {
  // import.meta.url is empty there: the Node entry's `new URL(…, import.meta.url)` threw
  // "Invalid URL" at load, before any init_failed could say what to do.
  const dir = join(recipes, "node-cjs");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "app.cjs"), `const { due } = require("motcua");
console.log(due({ received: "2026-02-13T18:30", channel: "online", timeLimit: { workingDays: 3 } }).due);
`);
  run(join(project, "node_modules", ".bin", "esbuild"),
    ["app.cjs", "--bundle", "--platform=node", "--format=cjs", "--log-level=error", "--outfile=out.cjs"], dir);
  // run from the project (its node_modules holds the package), as a server runs its bundle
  assert.equal(run(process.execPath, [join(dir, "out.cjs")], project).trim(), DUE);
});
