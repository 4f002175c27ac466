// `npm test` after the build: the node tests (tests/*.test.mjs) under three time zones — UTC,
// Asia/Ho_Chi_Minh and America/Los_Angeles — with the same expected answers (a `Date` is an
// instant: the answers must not depend on the runtime's zone), then the TypeScript check of
// tests/types/ (tsc --noEmit, strict, three configurations). Exits non-zero on any failure.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageDir } from "./toolchain.mjs";

export const TIME_ZONES = ["UTC", "Asia/Ho_Chi_Minh", "America/Los_Angeles"];

const files = readdirSync(join(packageDir, "tests"))
  .filter((f) => f.endsWith(".test.mjs"))
  .sort()
  .map((f) => join("tests", f));
// The CLI's answers do not depend on the zone: computed once, reused by the later runs.
const cliCache = mkdtempSync(join(tmpdir(), "motcua-cli-answers-"));
let failed = false;
try {
  for (const tz of TIME_ZONES) {
    console.log(`\n==> node --test, TZ=${tz}`);
    const r = spawnSync(process.execPath, ["--test", ...files], {
      cwd: packageDir,
      stdio: "inherit",
      env: { ...process.env, TZ: tz, MOTCUA_CLI_CACHE: cliCache },
    });
    if (r.status !== 0) {
      console.error(`node tests failed under TZ=${tz}`);
      failed = true;
    }
  }
} finally {
  rmSync(cliCache, { recursive: true, force: true });
}

// The consumer's types under three configurations: the default lib, esnext (`using`), and the
// ES library alone (no DOM).
const tsc = join(packageDir, "node_modules", "typescript", "bin", "tsc");
for (const config of ["tsconfig.json", "tsconfig.esnext.json", "tsconfig.nodom.json"]) {
  console.log(`\n==> tsc -p tests/types/${config} (strict, no skipLibCheck)`);
  const r = spawnSync(process.execPath, [tsc, "-p", join("tests", "types", config)], { cwd: packageDir, stdio: "inherit" });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
