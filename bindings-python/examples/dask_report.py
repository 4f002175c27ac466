#!/usr/bin/env python3
"""The one-stop report of a dossier CSV computed by Dask, checked against one machine.

    python bindings-python/examples/dask_report.py \\
        --input core/examples/sample/dossiers.csv \\
        --catalogue core/examples/sample/catalogue.json --as-of 2026-11-15 --by field

What it does (the recipe of bindings-python/README.md, "Spark and Dask"):

1. reads the CSV with ``dask.dataframe.read_csv`` (every column as text, an empty cell
   absent), in blocks of ``--blocksize``;
2. ``motcua.distributed.dask_report``: ``map_partitions`` computing each partition's counts
   per (group, period) cell with motcua, then the sum per cell, the totals and the rates from
   the summed counts;
3. the same report on one machine (``motcua.report`` on the whole file; with ``--cli PATH``,
   also ``motcua report --format json``) and exits 1 unless they are equal.

``--scheduler threads`` (motcua releases the GIL while it counts) or ``processes`` (the
calendar and catalogue are pickled to each worker: a few bytes for the calendar, the
catalogue as JSON), ``--workers N``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from typing import Any, Optional


def parse_args(argv: Optional[list[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--input", required=True, help="dossier records (CSV with a header row)")
    p.add_argument("--catalogue", help="procedure catalogue (JSON or CSV)")
    p.add_argument("--as-of", required=True, help="the instant the report stands at (a date: its end)")
    p.add_argument("--by", default="", help="grouping columns, comma-separated")
    p.add_argument("--period", choices=["month", "quarter", "year"], help="split by period")
    p.add_argument("--scheduler", choices=["threads", "processes", "sync"], default="processes")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--blocksize", default="16MB", help="Dask read_csv block size")
    p.add_argument("--cli", help="a motcua CLI binary: also compare with `motcua report --format json`")
    p.add_argument("--format", choices=["table", "json"], default="table", help="how to print the report")
    return p.parse_args(argv)


def read_csv(path: str, blocksize: str) -> Any:
    import dask.dataframe as dd

    # Text, and only "" is missing (pandas would also read "NA", "null", ... as missing).
    return dd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], blocksize=blocksize)


def cli_rows(cli: str, args: argparse.Namespace) -> list[dict[str, Any]]:
    cmd = [cli, "report", args.input, "--as-of", args.as_of, "--format", "json"]
    if args.catalogue:
        cmd += ["--catalogue", args.catalogue]
    if args.by:
        cmd += ["--by", args.by]
    if args.period:
        cmd += ["--period", args.period]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    rows: list[dict[str, Any]] = json.loads(out)
    return rows


def main(argv: Optional[list[str]] = None) -> int:
    args = parse_args(argv)
    import pandas as pd

    import motcua
    from motcua import distributed as md

    by = [c for c in args.by.split(",") if c]
    cat = motcua.Catalogue.from_file(args.catalogue) if args.catalogue else None

    t0 = time.perf_counter()
    ddf = read_csv(args.input, args.blocksize)
    rows_dask = md.dask_report(
        ddf,
        by=by,
        period=args.period,
        as_of=args.as_of,
        catalogue=cat,
        kind="rows",
        scheduler=args.scheduler,
        num_workers=args.workers,
    )
    t_dask = time.perf_counter() - t0

    t0 = time.perf_counter()
    df = pd.read_csv(args.input, dtype=str, keep_default_na=False, na_values=[""])
    single = motcua.reports.Report.build(df, by=by, period=args.period, as_of=args.as_of, catalogue=cat)
    t_single = time.perf_counter() - t0

    if args.format == "json":
        print(json.dumps(rows_dask, ensure_ascii=False))
    else:
        table = md.combine(rows_dask, by=by, period=args.period)
        with pd.option_context("display.max_rows", 200, "display.max_columns", 30, "display.width", 250):
            print(table.fillna({c: "(total)" for c in by}).to_string(index=False))
    print(
        f"\n{len(df)} dossiers in {ddf.npartitions} partitions: Dask ({args.scheduler}, {args.workers} workers) "
        f"{t_dask:.1f}s, one process (pandas + motcua.report) {t_single:.1f}s",
        file=sys.stderr,
    )
    ok = rows_dask == single.rows
    print(f"Dask report == single-machine report (motcua.report): {'yes' if ok else 'NO'}", file=sys.stderr)
    if args.cli:
        same = rows_dask == cli_rows(args.cli, args)
        ok = ok and same
        print(f"Dask report == `motcua report --format json`: {'yes' if same else 'NO'}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
