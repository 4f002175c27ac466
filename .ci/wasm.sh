#!/usr/bin/env bash
# The JS/WASM package (bindings-wasm/): installs what its suite needs, then builds the package
# from source and runs the node tests (every shared vector, the API, report/scorecard against the
# CLI's JSON, bad input), the TypeScript check, the browser test of the demo page (headless Debian
# chromium) and the budget report.
# Called by .ci/run; runnable alone: `bash .ci/wasm.sh`. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export CARGO_TERM_COLOR=never
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

step() { printf '\n==> wasm: %s (%ss)\n' "$*" "$SECONDS"; }

step "rustup target wasm32-unknown-unknown"
rustup target add wasm32-unknown-unknown

step "wasm-bindgen CLI at the version of the wasm-bindgen crate in Cargo.lock"
WANT=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$WANT" ]; then
  echo "no wasm-bindgen package in Cargo.lock" >&2
  exit 1
fi
HAVE=$(wasm-bindgen --version 2>/dev/null || true)
if [ "$HAVE" = "wasm-bindgen $WANT" ]; then
  echo "$HAVE already installed"
else
  echo "installing wasm-bindgen-cli $WANT (found: ${HAVE:-none})"
  CARGO_TARGET_DIR="$CARGO_TARGET_DIR/wasm-bindgen-cli" \
    cargo install --locked wasm-bindgen-cli --version "$WANT"
fi
wasm-bindgen --version

step "chromium (Debian's; the browser test never downloads one)"
if [ ! -x /usr/bin/chromium ]; then
  apt-get update
  apt-get install -y chromium
fi
/usr/bin/chromium --version 2>/dev/null || true

step "the CLI (tests/report.test.mjs compares report/scorecard with its JSON)"
cargo build -p motcua --features cli
ls -la "$CARGO_TARGET_DIR/debug/motcua"

cd "$ROOT/bindings-wasm"

step "npm ci"
npm ci --no-audit --no-fund

step "npm test (build: cargo wasm32 + wasm-bindgen; node tests; tsc --noEmit)"
npm test

step "browser test (playwright-core + /usr/bin/chromium)"
npm run test:browser
ls -la www/test/out/

step "budgets (size checked; timings reported)"
node scripts/budgets.mjs --check-size

printf '\n==> wasm: all green (%ss)\n' "$SECONDS"
