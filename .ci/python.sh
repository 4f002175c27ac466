#!/usr/bin/env bash
# The Python package (bindings-python/): installs what its suite needs into a virtualenv,
# builds the abi3 wheel and the sdist with maturin (kept in $CARGO_TARGET_DIR/wheels for
# .ci/packages.sh), installs the wheel, then runs pytest (the
# shared vectors in tests/vectors/, bulk-vs-scalar agreement, bad input, reports and the
# scorecard against independent pandas computations and, from every kind of frame, against
# the CLI (which it builds), doctests), mypy and
# mypy.stubtest, the example notebook (nbclient) and a smoke run of benches/compare.py.
# Exits non-zero on any failure, including a pytest run that collected no test.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PKG="$ROOT/bindings-python"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
export MPLBACKEND=Agg
export PIP_DISABLE_PIP_VERSION_CHECK=1
VENV="${MOTCUA_PY_VENV:-$PKG/.venv}"

step() { printf '\n==> python: %s (%ss)\n' "$*" "$SECONDS"; }

step "virtualenv $VENV"
PYTHON="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ]; then
    if ! "$PYTHON" -m venv "$VENV" 2>/dev/null; then
        # Debian's system Python keeps venv in a separate package.
        apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
        "$PYTHON" -m venv "$VENV"
    fi
fi
PY="$VENV/bin/python"
"$PY" --version

step "pip install (bindings-python/requirements-ci.txt)"
"$PY" -m pip install -q --upgrade pip
"$PY" -m pip install -q -r "$PKG/requirements-ci.txt"

step "build the wheel (maturin, release, abi3, manylinux2014 by zig) and the sdist"
# The wheel users get, linked by zig against glibc 2.17 (tag manylinux2014: pip installs it on
# any x86-64 Linux with glibc >= 2.17; built plainly it would need glibc 2.34: Rust's std then
# takes pthread_key_create@GLIBC_2.34 from this machine's glibc). Both are kept in
# $CARGO_TARGET_DIR/wheels: .ci/packages.sh installs them into fresh virtualenvs (pip builds
# the sdist there from its own files; not here with `maturin build --sdist`, whose files carry a
# fixed old mtime, so cargo would take artifacts in target/ compiled from older sources as
# up to date).
DIST="$CARGO_TARGET_DIR/wheels"
rm -f "$DIST"/motcua-*
PATH="$VENV/bin:$PATH" "$VENV/bin/maturin" build --release --zig --compatibility manylinux2014 \
    -m "$PKG/Cargo.toml" --out "$DIST"
"$VENV/bin/maturin" sdist -m "$PKG/Cargo.toml" --out "$DIST"
ls "$DIST"
WHEEL=$(ls "$DIST"/motcua-*-abi3-*.whl)
"$PY" -m pip install -q --force-reinstall --no-deps "$WHEEL"
# The plot extra (matplotlib) as users get it: the wheel's own metadata names it.
"$PY" -m pip install -q "$WHEEL[plot]"
"$PY" -c 'import matplotlib' || { echo "python: the plot extra did not install matplotlib" >&2; exit 1; }

step "the motcua CLI (the reference of tests/test_records_everywhere.py)"
if [ -z "${MOTCUA_CLI:-}" ]; then
    cargo build -q -p motcua --features cli
    MOTCUA_CLI="$CARGO_TARGET_DIR/debug/motcua"
fi
export MOTCUA_CLI MOTCUA_REQUIRE_CLI=1

step "pytest (vectors, bulk, errors, dossiers, reports from every kind of frame = the CLI, scorecard, doctests)"
# Run from the tests' directory so the installed wheel, not the source tree, is imported.
# pytest exits 5 when it collected nothing: set -e makes that a failure too.
(cd "$PKG" && "$PY" -m pytest tests -q -p no:cacheprovider)

step "mypy (package and tests)"
(cd "$PKG" && "$PY" -m mypy --config-file mypy.ini python/motcua tests)

step "mypy.stubtest (motcua, against the installed wheel)"
(cd "$(mktemp -d)" && "$PY" -m mypy.stubtest motcua --mypy-config-file "$PKG/mypy.ini")

step "notebook examples/analysis.ipynb (nbclient)"
(cd "$PKG/examples" && "$PY" - <<'PYEOF'
import nbformat
from nbclient import NotebookClient

nb = nbformat.read("analysis.ipynb", as_version=4)
NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": "."}}).execute()
errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]
assert not errors, errors
print(f"executed {sum(c.cell_type == 'code' for c in nb.cells)} code cells")
PYEOF
)

step "benches/compare.py smoke run"
"$PY" "$ROOT/benches/compare.py" --n 10000 --repeat 1

printf '\n==> python: all green (%ss)\n' "$SECONDS"
