#!/usr/bin/env python3
"""The report of a frame in memory against the CLI reading the same rows from CSV, in one run.

    python benches/report_frames.py --csv /tmp/dossiers-10m.csv     # a file from generate.py
    python benches/report_frames.py --rows 1000000                  # generates one (seed 1)
    python benches/report_frames.py --rows 1000000 --threads 1      # both sides on one core

The rows come from the sample generator (core/examples/sample/generate.py). The CLI
(`motcua report FILE --catalogue ... --by field --period month --as-of 2026-11-15 --format json`)
reads the CSV file; each frame kind is loaded first (not timed) with its datetime columns
parsed — polars DataFrame, pyarrow Table, pandas with numpy datetimes (and pandas' default
string columns), pandas Arrow-backed (``dtype_backend="pyarrow"``) — then ``motcua.report``
is called once for the peak growth of the process's memory during its first call (sampled
every millisecond) against the frame's own size, then timed (best of ``--repeat`` more calls,
without the sampler). Every report must equal the CLI's JSON, or the script fails. Prints a table
(markdown).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable, Optional

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "core" / "examples" / "sample"
INSTANTS = [
    "received",
    "supplement_requested",
    "supplement_received",
    "resolved",
    "refused",
    "withdrawn",
    "feedback_received",
    "feedback_handled",
]
ISO, VN = "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"


def rss() -> int:
    """This process's resident memory, bytes."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class Peak:
    """Samples the resident memory every millisecond while in use."""

    def __enter__(self) -> "Peak":
        self.base = rss()
        self.peak = self.base
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss())
            time.sleep(0.001)

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss())

    @property
    def growth(self) -> int:
        return self.peak - self.base


def find_cli(given: Optional[str]) -> str:
    if given:
        return given
    for d in (os.environ.get("CARGO_TARGET_DIR"), str(ROOT / "target")):
        if d and (Path(d) / "release" / "motcua").is_file():
            return str(Path(d) / "release" / "motcua")
    found = shutil.which("motcua")
    if not found:
        sys.exit("no motcua CLI: cargo build --release -p motcua --features cli (or --cli PATH)")
    return found


# ---------------------------------------------------------------------- frames


def polars_frame(path: str) -> Any:
    import polars as pl

    df = pl.read_csv(path, infer_schema=False)  # every column as text, then typed here
    parse = [
        pl.coalesce(
            pl.col(c).str.strptime(pl.Datetime("us"), ISO, strict=False),
            pl.col(c).str.strptime(pl.Datetime("us"), VN, strict=False),
        ).alias(c)
        for c in INSTANTS
    ]
    return df.with_columns(*parse, pl.col("new_due").str.strptime(pl.Date, "%Y-%m-%d", strict=False))


def arrow_table(path: str) -> Any:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    header = open(path, encoding="utf-8").readline().rstrip("\n").split(",")
    types = {c: pa.string() for c in header}
    types.update({c: pa.timestamp("us") for c in INSTANTS})
    types["new_due"] = pa.date32()
    return pacsv.read_csv(
        path,
        convert_options=pacsv.ConvertOptions(column_types=types, timestamp_parsers=[ISO, VN], strings_can_be_null=True),
    )


def pandas_numpy(path: str) -> Any:
    import pandas as pd

    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    for c in INSTANTS:
        text = df[c]
        iso = pd.to_datetime(text, format=ISO, errors="coerce")
        vn = pd.to_datetime(text, format=VN, errors="coerce")
        df[c] = iso.fillna(vn)
    df["new_due"] = pd.to_datetime(df["new_due"], format="%Y-%m-%d", errors="coerce")
    return df


def pandas_arrow(path: str) -> Any:
    import pandas as pd

    return arrow_table(path).to_pandas(types_mapper=pd.ArrowDtype)


def frame_size(df: Any) -> int:
    kind = type(df).__module__.split(".")[0]
    if kind == "polars":
        return int(df.estimated_size())
    if kind == "pyarrow":
        return int(df.nbytes)
    return int(df.memory_usage(deep=True).sum())


# ---------------------------------------------------------------------- the run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--csv", help="a file made by core/examples/sample/generate.py")
    ap.add_argument("--rows", type=int, default=1_000_000, help="rows to generate when --csv is not given")
    ap.add_argument("--cli", help="the motcua binary (default: target/release/motcua)")
    ap.add_argument("--by", default="field")
    ap.add_argument("--period", default="month")
    ap.add_argument("--as-of", default="2026-11-15")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--kinds", default="polars,pyarrow,pandas,pandas-arrow")
    ap.add_argument(
        "--threads",
        type=int,
        default=0,
        help="threads for both sides: the CLI's MOTCUA_THREADS and report(threads=); 0 = every core",
    )
    args = ap.parse_args()

    import motcua

    tmp = None
    path = args.csv
    if path is None:
        tmp = tempfile.TemporaryDirectory()
        path = os.path.join(tmp.name, "dossiers.csv")
        subprocess.run(
            [sys.executable, str(SAMPLE / "generate.py"), "--rows", str(args.rows), "--seed", "1", "--out", path],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    catalogue_path = SAMPLE / "catalogue.json"
    catalogue = motcua.Catalogue.from_file(catalogue_path)
    by = [b for b in args.by.split(",") if b]
    period = args.period or None

    cli = find_cli(args.cli)
    cmd = [cli, "report", path, "--catalogue", str(catalogue_path), "--as-of", args.as_of, "--format", "json"]
    if by:
        cmd += ["--by", ",".join(by)]
    if period:
        cmd += ["--period", period]
    env = dict(os.environ)
    if args.threads:
        env["MOTCUA_THREADS"] = str(args.threads)
    else:
        env.pop("MOTCUA_THREADS", None)
    best = float("inf")
    want = None
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
        best = min(best, time.perf_counter() - t0)
        want = json.loads(out)
    assert want is not None
    rows = sum(r["received_new"] for r in want if all(r.get(b) is None for b in by))
    results: list[tuple[str, float, Optional[int], Optional[int]]] = [("CLI, from CSV", best, None, None)]

    loaders: dict[str, Callable[[str], Any]] = {
        "polars": polars_frame,
        "pyarrow": arrow_table,
        "pandas": pandas_numpy,
        "pandas-arrow": pandas_arrow,
    }
    names = {
        "polars": "polars DataFrame",
        "pyarrow": "pyarrow Table",
        "pandas": "pandas (numpy datetimes)",
        "pandas-arrow": "pandas (Arrow-backed)",
    }
    for kind in [k for k in args.kinds.split(",") if k]:
        frame = loaders[kind](path)
        size = frame_size(frame)
        def run() -> Any:
            return motcua.reports.Report.build(
                frame, by=by, period=period, as_of=args.as_of, catalogue=catalogue, threads=args.threads
            )

        # The peak memory growth of the first call (later calls reuse what the process
        # already holds), then the calls timed without the memory sampler (a thread waking
        # every millisecond on a machine whose cores the call keeps busy, which the CLI's runs
        # do not have).
        with Peak() as peak:
            got = run()
        growth = peak.growth
        if got.rows != want:
            sys.exit(f"{kind}: the report differs from the CLI's")
        t_best = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            got = run()
            t_best = min(t_best, time.perf_counter() - t0)
            if got.rows != want:
                sys.exit(f"{kind}: the report differs from the CLI's")
        results.append((names[kind], t_best, growth, size))
        del frame

    cores = os.cpu_count()
    used = f"{args.threads} thread(s)" if args.threads else "every core"
    print(
        f"report by {','.join(by) or '-'} x {period or '-'}, {rows:,} rows, as of {args.as_of}; "
        f"{cores} cores, {used}; best of {args.repeat}"
    )
    print()
    print("| input | seconds | rows/s | x CLI | peak memory growth | of the frame |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, secs, growth, size in results:
        g = "" if growth is None else f"{growth / 2**20:,.0f} MB"
        share = "" if growth is None or not size else f"{100 * growth / size:.1f}% of {size / 2**20:,.0f} MB"
        print(f"| {name} | {secs:.2f} | {rows / secs / 1e6:.2f} M | {best / secs:.1f} | {g} | {share} |")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
