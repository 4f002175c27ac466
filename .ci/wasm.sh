#!/usr/bin/env bash
# The JS/WASM package (bindings-wasm/): `npm ci && npm test` as a JS developer runs it (the
# build fetches the wasm32 target and the wasm-bindgen CLI itself; the node tests run under
# three time zones, against the CLI they build; the TypeScript checks), then the browser test
# of the demo page (headless Debian chromium), the package as users install it (npm pack → a
# fresh project with Vite, esbuild, webpack and TypeScript from the registry: Node, SSR, pages
# in chromium) and the budget report.
# Called by .ci/run; runnable alone: `bash .ci/wasm.sh`. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export CARGO_TERM_COLOR=never
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
# The wasm-bindgen CLI the build installs is kept outside the clone, so later CI runs on the
# same machine reuse it (a fresh machine builds it once, ~3 min of CPU).
export MOTCUA_CACHE_DIR="${MOTCUA_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/motcua}"

step() { printf '\n==> wasm: %s (%ss)\n' "$*" "$SECONDS"; }

step "chromium (Debian's; the browser tests never download one)"
if [ ! -x /usr/bin/chromium ]; then
  apt-get update
  apt-get install -y chromium
fi
/usr/bin/chromium --version 2>/dev/null || true

step "binaryen (Debian's wasm-opt: the build optimizes the .wasm with it, and fails without it here)"
if ! command -v wasm-opt >/dev/null; then
  apt-get update
  apt-get install -y binaryen
fi
wasm-opt --version
export MOTCUA_REQUIRE_WASM_OPT=1

cd "$ROOT/bindings-wasm"

step "npm ci"
npm ci --no-audit --no-fund

step "npm test (build: wasm32 target, wasm-bindgen CLI, cargo, glue; node tests under 3 TZs; tsc)"
npm test

step "browser test of the demo page (playwright-core + /usr/bin/chromium)"
npm run test:browser

step "the package as installed: npm pack, a fresh project, the README's recipes (Node, SSR, Vite, esbuild, webpack, TypeScript, chromium)"
npm run test:package
ls -la www/test/out/

step "budgets (size checked; timings reported)"
node scripts/budgets.mjs --check-size

printf '\n==> wasm: all green (%ss)\n' "$SECONDS"
