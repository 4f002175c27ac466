#!/usr/bin/env python3
"""Throughput of the one-stop report: one Python process against PySpark and Dask on 1 and 2
local workers, every answer checked against the single-process report.

    python core/examples/sample/generate.py --rows 1000000 --seed 7 --out /tmp/dossiers-1m.csv
    python bindings-python/examples/distributed_bench.py --input /tmp/dossiers-1m.csv \\
        --catalogue core/examples/sample/catalogue.json --as-of 2026-11-15 --by field

Two timings per engine, best of ``--repeat`` after one warm-up run:

- ``from CSV``: read the file with the engine's own reader and compute the report (what an
  analyst's job does);
- ``in memory``: the rows already loaded (a pandas DataFrame; a cached Spark DataFrame; a
  persisted Dask DataFrame), the report alone (what motcua adds).

Engines: ``single`` (pandas ``read_csv`` + ``motcua.report`` in this process), ``polars``
(polars ``read_csv`` + ``motcua.report``), ``spark`` (``local[N]``, ``spark_report``),
``dask-threads`` and ``dask-processes`` (``dask_report``), and ``cli`` with ``--cli PATH``
(the Rust CLI streaming the file). Not a CI step: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from typing import Any, Callable, Optional


def parse_args(argv: Optional[list[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--input", required=True)
    p.add_argument("--catalogue")
    p.add_argument("--as-of", required=True)
    p.add_argument("--by", default="field")
    p.add_argument("--period", choices=["month", "quarter", "year"])
    p.add_argument("--engines", default="single,polars,spark,dask-threads,dask-processes")
    p.add_argument("--workers", default="1,2", help="worker counts for Spark and Dask")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--partition-mb", type=int, default=16, help="Spark split size / Dask block size, MB")
    p.add_argument("--cli", help="also time `motcua report` (the Rust CLI) on the file")
    return p.parse_args(argv)


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    fn()  # warm-up: JVM, Python workers, imports, page cache
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def main(argv: Optional[list[str]] = None) -> int:
    args = parse_args(argv)
    import pandas as pd

    import motcua
    from motcua import distributed as md

    by = [c for c in args.by.split(",") if c]
    cat = motcua.Catalogue.from_file(args.catalogue) if args.catalogue else None
    opts: dict[str, Any] = dict(by=by, period=args.period, as_of=args.as_of, catalogue=cat)
    engines = [e for e in args.engines.split(",") if e]
    workers = [int(w) for w in args.workers.split(",") if w]
    results: list[tuple[str, int, str, float]] = []
    ok = True

    def read_pandas() -> Any:
        return pd.read_csv(args.input, dtype=str, keep_default_na=False, na_values=[""])

    df = read_pandas()
    n = len(df)
    reference = motcua.reports.Report.build(df, **opts).rows
    print(f"{n} rows, by={by}, period={args.period}; {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}", file=sys.stderr)

    def record(engine: str, w: int, what: str, seconds: float, rows: Any) -> None:
        nonlocal ok
        same = rows == reference
        ok = ok and same
        results.append((engine, w, what, seconds))
        print(f"  {engine:<15} {w}  {what:<9} {seconds:7.2f}s  {n / seconds:>10,.0f} rows/s  "
              f"{'equal' if same else 'DIFFERENT'}", file=sys.stderr)

    if "single" in engines:
        t, rows = best(lambda: motcua.reports.Report.build(read_pandas(), **opts).rows, args.repeat)
        record("single (pandas)", 1, "from CSV", t, rows)
        t, rows = best(lambda: motcua.reports.Report.build(df, **opts).rows, args.repeat)
        record("single (pandas)", 1, "in memory", t, rows)
    if "polars" in engines:
        import polars as pl

        t, rows = best(lambda: motcua.reports.Report.build(pl.read_csv(args.input, infer_schema=False), **opts).rows, args.repeat)
        record("single (polars)", 1, "from CSV", t, rows)
        pdf = pl.read_csv(args.input, infer_schema=False)
        t, rows = best(lambda: motcua.reports.Report.build(pdf, **opts).rows, args.repeat)
        record("single (polars)", 1, "in memory", t, rows)
        del pdf
    if args.cli:
        import json

        cmd = [args.cli, "report", args.input, "--as-of", args.as_of, "--format", "json"]
        cmd += ["--catalogue", args.catalogue] if args.catalogue else []
        cmd += ["--by", ",".join(by)] if by else []
        cmd += ["--period", args.period] if args.period else []
        t, rows = best(lambda: json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout), args.repeat)
        record("cli (Rust)", 1, "from CSV", t, rows)

    if "spark" in engines:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        from pyspark.sql import SparkSession

        for w in workers:
            spark = (
                SparkSession.builder.master(f"local[{w}]")
                .appName("motcua-bench")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.sql.files.maxPartitionBytes", f"{args.partition_mb}m")
                .config("spark.driver.memory", "4g")
                .getOrCreate()
            )
            spark.sparkContext.setLogLevel("ERROR")
            try:
                t, rows = best(
                    lambda: md.spark_report(spark.read.csv(args.input, header=True), kind="rows", **opts), args.repeat
                )
                record("spark", w, "from CSV", t, rows)
                sdf = spark.read.csv(args.input, header=True)
                sdf = sdf.select(*md.needed_columns(sdf.columns, by)).cache()
                sdf.count()
                t, rows = best(lambda: md.spark_report(sdf, kind="rows", **opts), args.repeat)
                record("spark", w, "in memory", t, rows)
                sdf.unpersist()
            finally:
                spark.stop()

    for sched in ("threads", "processes"):
        if f"dask-{sched}" not in engines:
            continue
        import dask.dataframe as dd

        def read_dask() -> Any:
            return dd.read_csv(args.input, dtype=str, keep_default_na=False, na_values=[""], blocksize=f"{args.partition_mb}MB")

        for w in workers:
            compute: dict[str, Any] = {"scheduler": sched, "num_workers": w}
            pool = None
            if sched == "processes":
                # One pool for all the runs (a pool per compute() would time process start-up).
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                pool = ProcessPoolExecutor(w, mp_context=multiprocessing.get_context("spawn"))
                compute["pool"] = pool
            try:
                t, rows = best(lambda: md.dask_report(read_dask(), kind="rows", **compute, **opts), args.repeat)
                record(f"dask {sched}", w, "from CSV", t, rows)
                ddf = read_dask()
                ddf = ddf[md.needed_columns(ddf.columns, by)].persist(scheduler="threads")
                t, rows = best(lambda: md.dask_report(ddf, kind="rows", **compute, **opts), args.repeat)
                record(f"dask {sched}", w, "in memory", t, rows)
                del ddf
            finally:
                if pool is not None:
                    pool.shutdown()

    print("\n| engine | workers | input | seconds | rows/s |\n|---|---:|---|---:|---:|")
    for engine, w, what, seconds in results:
        print(f"| {engine} | {w} | {what} | {seconds:.2f} | {n / seconds:,.0f} |")
    print("\nevery report equal to the single-process one" if ok else "\nSOME REPORTS DIFFER", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
