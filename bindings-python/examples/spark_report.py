#!/usr/bin/env python3
"""The one-stop report of a dossier CSV computed by PySpark, checked against one machine.

    python bindings-python/examples/spark_report.py \\
        --input core/examples/sample/dossiers.csv \\
        --catalogue core/examples/sample/catalogue.json --as-of 2026-11-15 --by field

What it does (the recipe of bindings-python/README.md, "Spark and Dask"):

1. reads the CSV with Spark (every column as text; an empty cell is null = absent);
2. per dossier, the due date and the outcome: ``motcua.distributed.spark_classify`` (a
   ``mapInArrow`` over Arrow record batches), and the count of each outcome as a Spark
   aggregation;
3. the report: ``motcua.distributed.spark_report`` = ``mapInArrow`` computing each
   partition's counts per (group, period) cell with motcua, a Spark ``groupBy().sum()``, then
   the totals and rates from the summed counts on the driver;
4. the same report on one machine (``motcua.report`` on the whole file read by pandas; with
   ``--cli PATH``, also ``motcua report --format json``) and exits 1 unless they are equal,
   row for row and rate for rate.

Spark runs in local mode (``--master local[2]``; Java 17 and ``pip install pyspark``). The
Python workers are this interpreter (``PYSPARK_PYTHON``), so motcua must be installed in it.
"""

from __future__ import annotations

import argparse
import json
import os
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
    p.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    p.add_argument("--partition-mb", type=int, default=16, help="Spark input split size, MB")
    p.add_argument("--cli", help="a motcua CLI binary: also compare with `motcua report --format json`")
    p.add_argument("--no-classify", action="store_true", help="skip the per-dossier step")
    p.add_argument("--format", choices=["table", "json"], default="table", help="how to print the report")
    return p.parse_args(argv)


def spark_session(master: str, partition_mb: int = 16) -> Any:
    """A local Spark session whose Python workers are this interpreter."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(master)
        .appName("motcua-report")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.files.maxPartitionBytes", f"{partition_mb}m")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


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
    spark = spark_session(args.master, args.partition_mb)
    try:
        t0 = time.perf_counter()
        sdf = spark.read.csv(args.input, header=True)  # every column a string; "" → null
        rows_spark = md.spark_report(sdf, by=by, period=args.period, as_of=args.as_of, catalogue=cat, kind="rows")
        t_spark = time.perf_counter() - t0

        outcome_counts: dict[str, int] = {}
        if not args.no_classify:
            per_dossier = md.spark_classify(sdf, args.as_of, keep=["id"], catalogue=cat)
            # per_dossier.write.parquet("outcomes/") would keep them; here, one aggregation:
            outcome_counts = {r["outcome"] or "error": r["count"] for r in per_dossier.groupBy("outcome").count().collect()}
    finally:
        spark.stop()

    t0 = time.perf_counter()
    df = pd.read_csv(args.input, dtype=str, keep_default_na=False, na_values=[""])
    single = motcua.reports.Report.build(df, by=by, period=args.period, as_of=args.as_of, catalogue=cat)
    t_single = time.perf_counter() - t0

    table = md.combine(rows_spark, by=by, period=args.period)
    if args.format == "json":
        print(json.dumps(rows_spark, ensure_ascii=False))
    else:
        with pd.option_context("display.max_rows", 200, "display.max_columns", 30, "display.width", 250):
            print(table.fillna({c: "(total)" for c in by}).to_string(index=False))
    n = len(df)
    print(
        f"\n{n} dossiers: Spark ({args.master}) {t_spark:.1f}s, one process (pandas + motcua.report) {t_single:.1f}s",
        file=sys.stderr,
    )

    ok = True
    if rows_spark == single.rows:
        print("Spark report == single-machine report (motcua.report): yes", file=sys.stderr)
    else:
        ok = False
        print("Spark report == single-machine report (motcua.report): NO", file=sys.stderr)
    if args.cli:
        same = rows_spark == cli_rows(args.cli, args)
        ok = ok and same
        print(f"Spark report == `motcua report --format json`: {'yes' if same else 'NO'}", file=sys.stderr)
    if outcome_counts and not args.period:
        totals = single.totals[0]
        if single.left_out == 0:
            same = all(outcome_counts.get(o, 0) == totals[o] for o in motcua.OUTCOMES)
            ok = ok and same
            print(f"Spark outcome counts (per dossier) == report totals: {'yes' if same else 'NO'}", file=sys.stderr)
        print("outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(outcome_counts.items())), file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
