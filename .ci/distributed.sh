#!/usr/bin/env bash
# motcua inside Spark and Dask (bindings-python/python/motcua/distributed.py). Run after
# .ci/python.sh: it uses that script's virtualenv and the wheel installed there. Adds pyspark,
# dask[dataframe] and pyarrow (bindings-python/requirements-distributed.txt), then:
#   - runs the two examples on the bundled sample (PySpark local[2], Dask processes), each
#     checking its report against motcua.report and the CLI's `motcua report --format json`;
#   - runs tests/test_distributed.py with the Spark / Dask tests on, on the sample and on a
#     generated million-row file (generate.py --rows 1000000 --seed 7): every distributed report
#     must equal the single-machine one exactly.
# Exits non-zero on any failure, on a pytest run that collected nothing, and on any skipped test.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PKG="$ROOT/bindings-python"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
export PIP_DISABLE_PIP_VERSION_CHECK=1
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
VENV="${MOTCUA_PY_VENV:-$PKG/.venv}"
PY="$VENV/bin/python"
SAMPLE="$ROOT/core/examples/sample"

step() { printf '\n==> distributed: %s (%ss)\n' "$*" "$SECONDS"; }

step "virtualenv $VENV (made by .ci/python.sh)"
if [ ! -x "$PY" ] || ! "$PY" -c "import motcua" 2>/dev/null; then
    echo "no virtualenv with motcua installed at $VENV: run .ci/python.sh first" >&2
    exit 1
fi
export PYSPARK_PYTHON="$PY" PYSPARK_DRIVER_PYTHON="$PY"

step "Java (PySpark needs 17 or later)"
if ! command -v java >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
java -version 2>&1 | head -n 1

step "pip install (bindings-python/requirements-distributed.txt)"
"$PY" -m pip install -q -r "$PKG/requirements-distributed.txt"
"$PY" - <<'PYEOF'
import dask, pyarrow, pyspark
print(f"pyspark {pyspark.__version__}, dask {dask.__version__}, pyarrow {pyarrow.__version__}")
PYEOF

step "the motcua CLI (the reference of the comparisons)"
if [ -z "${MOTCUA_CLI:-}" ]; then
    cargo build -q -p motcua --features cli
    MOTCUA_CLI="$CARGO_TARGET_DIR/debug/motcua"
fi
export MOTCUA_CLI MOTCUA_REQUIRE_CLI=1
"$MOTCUA_CLI" --version 2>/dev/null || true

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# Spark's scratch space and any warehouse directory stay out of the checkout.
export SPARK_LOCAL_DIRS="$WORK/spark"
mkdir -p "$SPARK_LOCAL_DIRS"

step "generate 1,000,000 dossiers (generate.py --seed 7)"
"$PY" "$SAMPLE/generate.py" --rows 1000000 --seed 7 --out "$WORK/dossiers-1m.csv"

step "example: examples/spark_report.py on the sample (local[2])"
(cd "$WORK" && "$PY" "$PKG/examples/spark_report.py" --input "$SAMPLE/dossiers.csv" \
    --catalogue "$SAMPLE/catalogue.json" --as-of 2026-11-15 --by field --master 'local[2]' \
    --cli "$MOTCUA_CLI")

step "example: examples/dask_report.py on the sample (processes, 2 workers)"
(cd "$WORK" && "$PY" "$PKG/examples/dask_report.py" --input "$SAMPLE/dossiers.csv" \
    --catalogue "$SAMPLE/catalogue.json" --as-of 2026-11-15 --by agency --period month \
    --scheduler processes --workers 2 --blocksize 256KB --cli "$MOTCUA_CLI")

step "pytest tests/test_distributed.py (sample + 1,000,000 rows; Spark local[2], Dask)"
LOG="$WORK/pytest.log"
set +e
(cd "$PKG" && MOTCUA_DISTRIBUTED_TESTS=1 MOTCUA_BIG_CSV="$WORK/dossiers-1m.csv" \
    "$PY" -m pytest tests/test_distributed.py -q -p no:cacheprovider -rs \
    -W "ignore::FutureWarning" --durations=5) 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
    echo "pytest failed (exit $status; 5 = no test collected)" >&2
    exit "$status"
fi
summary=$(grep -E '^[0-9]+ passed' "$LOG" | tail -n 1 || true)
if [ -z "$summary" ] || grep -qE '[0-9]+ skipped' <<<"$summary"; then
    echo "expected every distributed test to run, got: ${summary:-no summary line}" >&2
    exit 1
fi

printf '\n==> distributed: all green (%ss)\n' "$SECONDS"
