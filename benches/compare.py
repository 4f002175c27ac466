#!/usr/bin/env python3
"""motcua next to the usual Python tools for working-day arithmetic, in one process, on the same
random dates and the same Vietnamese holidays.

Every tool gets the same calendar: Monday–Friday with every Vietnamese public-sector day off
that falls on a weekday (statutory, compensatory and swapped days, taken from motcua's preset
for the years covered). Make-up Saturdays are left out because numpy, polars and pandas cannot
express a worked weekend day; motcua is also timed on its full preset, which has them. Before
timing, every tool's answers are checked equal to motcua's (numpy's conventions:
``add_working_days(d, n) = busday_offset(d, n, roll='backward')`` for n >= 1 and
``working_days_between(a, b) = busday_count(a + 1, b + 1)``).

Competitors: ``numpy.busday_offset`` / ``busday_count`` / ``is_busday`` with a
``busdaycalendar``; polars ``Expr.dt.add_business_days`` / ``business_day_count``; pandas
``CustomBusinessDay`` added to a ``DatetimeIndex`` (applied date by date by pandas); and a plain
Python loop over a ``holidays.HolidayBase`` holding the same days. The slow ones (pandas, the
loop) run on the first ``--slow-n`` dates of the same sample unless ``--slow-n`` is 0 (all).

Prints ns per element (best of ``--repeat`` runs) and each tool's time relative to motcua.

    python benches/compare.py            # 1M dates
    python benches/compare.py --n 10000  # smoke run (CI)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
import warnings
from typing import Any, Callable, Optional

import numpy as np

import motcua

FIRST, LAST = np.datetime64("2000-01-01"), np.datetime64("2030-12-31")
MAX_N = 30


def best_ns(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter_ns()
        result = fn()
        best = min(best, time.perf_counter_ns() - t0)
    return best, result


class Table:
    def __init__(self, title: str, n: int) -> None:
        self.title, self.n = title, n
        self.rows: list[tuple[str, float, int, str]] = []

    def add(self, name: str, total_ns: float, count: int, note: str = "") -> None:
        self.rows.append((name, total_ns / count, count, note))

    def show(self, reference: str) -> None:
        ref = next(per for name, per, _, _ in self.rows if name == reference)
        print(f"\n{self.title}")
        print(f"  {'tool':<52} {'ns/element':>11} {'elements':>10}   vs motcua")
        for name, per, count, note in self.rows:
            ratio = "1.0× (reference)" if name == reference else f"{per / ref:,.1f}× slower" if per >= ref else f"{ref / per:,.1f}× faster"
            print(f"  {name:<52} {per:>11,.1f} {count:>10,}   {ratio}{'  ' + note if note else ''}")


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="number of random dates (default 1M)")
    ap.add_argument("--repeat", type=int, default=5, help="runs per fast tool; the best counts")
    ap.add_argument("--slow-n", type=int, default=0, help="dates for pandas and the Python loop (default 0: all)")
    ap.add_argument("--seed", type=int, default=20261123)
    args = ap.parse_args(argv)

    import pandas as pd
    import polars as pl
    import holidays as holidays_lib

    rng = np.random.default_rng(args.seed)
    span = int((LAST - FIRST).astype(int))
    dates = FIRST + rng.integers(0, span + 1, size=args.n).astype("timedelta64[D]")
    ns = rng.integers(1, MAX_N + 1, size=args.n)
    ends = dates + rng.integers(0, 90, size=args.n).astype("timedelta64[D]")
    slow = args.n if args.slow_n <= 0 else min(args.slow_n, args.n)

    # The same Vietnamese holidays for everyone: the preset's weekday days off.
    vn = motcua.Calendar.vietnam()
    off = np.array(vn.days_off(str(FIRST), str(LAST + 200)), dtype="datetime64[D]")
    weekday_off = off[np.is_busday(off)]
    cal = motcua.Calendar.from_spec(
        {"weekmask": "1111100", "from": "1999-12-01", "to": str(LAST + 200), "holidays": [str(d) for d in weekday_off]}
    )
    bdc = np.busdaycalendar(weekmask="1111100", holidays=weekday_off)
    hol_list = weekday_off.astype(object).tolist()

    print(f"motcua {motcua.__version__} | numpy {np.__version__} | pandas {pd.__version__} | polars {pl.__version__} | holidays {holidays_lib.__version__}")
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} logical CPUs; {platform.platform()}")
    print(f"{args.n:,} random dates in {FIRST}..{LAST}; n uniform in 1..{MAX_N}; b - a uniform in 0..89 days; "
          f"{weekday_off.size} Vietnamese weekday holidays; best of {args.repeat} runs; pandas and the loop on {slow:,} of the dates")

    # ------------------------------------------------------------------ correctness first
    want = cal.add_working_days(dates, ns)
    assert (np.busday_offset(dates, ns, roll="backward", busdaycal=bdc) == want).all(), "numpy disagrees"
    d_pl = pl.Series("d", dates)
    n_pl = pl.Series("n", ns)
    df_pl = pl.DataFrame({"d": d_pl, "n": n_pl, "e": pl.Series("e", ends)})
    got_pl = df_pl.select(pl.col("d").dt.add_business_days(pl.col("n"), week_mask=[True] * 5 + [False] * 2, holidays=hol_list, roll="backward"))["d"]
    assert (got_pl.to_numpy().astype("datetime64[D]") == want).all(), "polars disagrees"
    counts = cal.working_days_between(dates, ends)
    assert (np.busday_count(dates + 1, ends + 1, busdaycal=bdc) == counts).all(), "numpy count disagrees"
    hb = holidays_lib.HolidayBase()
    hb.update({d: "nghỉ" for d in hol_list})

    def loop_add(ds: list[dt.date], ks: list[int]) -> list[dt.date]:
        one = dt.timedelta(days=1)
        out = []
        for d, k in zip(ds, ks):
            while k:
                d += one
                if d.weekday() < 5 and d not in hb:
                    k -= 1
            out.append(d)
        return out

    slow_dates = dates[:slow].astype(object).tolist()
    slow_ns = ns[:slow].tolist()
    assert loop_add(slow_dates[:2000], slow_ns[:2000]) == want[:2000].astype(object).tolist(), "the loop disagrees"
    idx = pd.DatetimeIndex(dates[:slow])
    cbd = pd.offsets.CustomBusinessDay(holidays=hol_list)
    k_fixed = 5
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got_pd = (idx[:2000] + k_fixed * cbd).to_numpy().astype("datetime64[D]")
    assert (got_pd == cal.add_working_days(dates[:2000], k_fixed)).all(), "pandas disagrees"
    print("answers checked equal: numpy, polars, pandas, holidays loop == motcua")

    rep = args.repeat
    d_pd = pd.Series(dates.astype("datetime64[us]"))

    # ------------------------------------------------------------------ add working days
    t = Table("add_working_days(date, n)  [n per element; pandas: n = 5 for all]", args.n)
    out = np.empty_like(dates)
    t.add("motcua Calendar.add_working_days, numpy datetime64[D]", best_ns(lambda: cal.add_working_days(dates, ns), rep)[0], args.n)
    days_i64 = dates.view(np.int64)
    out_i64 = out.view(np.int64)
    t.add("motcua native kernel (raw int64 buffers, no wrapper)", best_ns(lambda: cal.native.add_working_days_i64(days_i64, ns, out_i64), rep)[0], args.n)
    t.add("motcua, polars Date Series in/out", best_ns(lambda: cal.add_working_days(d_pl, n_pl), rep)[0], args.n)
    t.add("motcua, pandas datetime64[us] Series in/out", best_ns(lambda: cal.add_working_days(d_pd, ns), rep)[0], args.n)
    t.add("motcua, full Vietnamese preset (make-up Saturdays)", best_ns(lambda: vn.add_working_days(dates, ns), rep)[0], args.n)
    t.add("numpy.busday_offset(roll='backward', busdaycal)", best_ns(lambda: np.busday_offset(dates, ns, roll="backward", busdaycal=bdc), rep)[0], args.n)
    add_expr = pl.col("d").dt.add_business_days(pl.col("n"), week_mask=[True] * 5 + [False] * 2, holidays=hol_list, roll="backward")
    t.add("polars dt.add_business_days", best_ns(lambda: df_pl.select(add_expr), rep)[0], args.n)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t.add("pandas DatetimeIndex + 5 * CustomBusinessDay", best_ns(lambda: idx + k_fixed * cbd, 1)[0], slow, f"({slow:,} dates)")
    t.add("Python loop over holidays.HolidayBase", best_ns(lambda: loop_add(slow_dates, slow_ns), 1)[0], slow, f"({slow:,} dates)")
    t.add("memory floor: numpy copy of the int64 day numbers", best_ns(lambda: np.copyto(out, dates), rep)[0], args.n)
    t.show("motcua Calendar.add_working_days, numpy datetime64[D]")

    # ------------------------------------------------------------------ count working days
    t = Table("working_days_between(a, b) = busday_count(a + 1, b + 1)", args.n)
    t.add("motcua Calendar.working_days_between, numpy datetime64[D]", best_ns(lambda: cal.working_days_between(dates, ends), rep)[0], args.n)
    a1, b1 = dates + 1, ends + 1
    t.add("numpy.busday_count(busdaycal)", best_ns(lambda: np.busday_count(a1, b1, busdaycal=bdc), rep)[0], args.n)
    e_pl = pl.Series("e", ends)
    df_cnt = pl.DataFrame({"a": d_pl, "b": e_pl})
    cnt_expr = pl.business_day_count(pl.col("a").dt.offset_by("1d"), pl.col("b").dt.offset_by("1d"), week_mask=[True] * 5 + [False] * 2, holidays=hol_list)
    got_cnt = df_cnt.select(cnt_expr).to_series().to_numpy()
    assert (got_cnt == counts).all(), "polars count disagrees"
    t.add("polars business_day_count (+1 day offsets)", best_ns(lambda: df_cnt.select(cnt_expr), rep)[0], args.n)
    t.add("motcua, polars Date Series in/out", best_ns(lambda: cal.working_days_between(d_pl, e_pl), rep)[0], args.n)
    t.show("motcua Calendar.working_days_between, numpy datetime64[D]")

    # ------------------------------------------------------------------ is working day
    t = Table("is_working_day(date)", args.n)
    t.add("motcua Calendar.is_working_day, numpy datetime64[D]", best_ns(lambda: cal.is_working_day(dates), rep)[0], args.n)
    assert (np.is_busday(dates, busdaycal=bdc) == cal.is_working_day(dates)).all()
    t.add("numpy.is_busday(busdaycal)", best_ns(lambda: np.is_busday(dates, busdaycal=bdc), rep)[0], args.n)
    t.show("motcua Calendar.is_working_day, numpy datetime64[D]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
