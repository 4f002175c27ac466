#!/usr/bin/env python3
"""Generates tests/vectors/calendar.json: working-day arithmetic on the neutral weekday calendar
and on an inline spec with holidays, a make-up Saturday and a weekmask change.

The expected values come from numpy (`busday_offset` / `busday_count` / `is_busday`), never from
motcua. Make-up working days and weekmask changes are not expressible in numpy, so for the inline
spec a naive day-by-day loop written here (a second, independent algorithm) is used, and it is
itself checked against numpy on the days where numpy can express the calendar.

Run: python3 tests/vectors/tools/gen_calendar_vectors.py  (numpy needed; test-time only)
"""
import datetime as dt
import json
import random
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "calendar.json"
rng = random.Random(20261123)

WEEKDAYS_FROM, WEEKDAYS_TO = dt.date(2000, 1, 1), dt.date(2050, 12, 31)

INLINE = {
    "weekmask": "1111110",
    "weekmask_changes": [{"from": "2024-07-01", "weekmask": "1111100"}],
    "from": "2024-01-01",
    "to": "2026-12-31",
    "holidays": ["2024-01-01", "2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13",
                 "2024-02-14", "2024-04-18", "2024-04-29", "2024-04-30", "2024-05-01",
                 "2024-09-02", "2024-09-03", "2025-01-01", "2025-01-27", "2025-01-28",
                 "2025-01-29", "2025-01-30", "2025-01-31",
                 {"date": "2026-01-02", "name": "swap"}],
    "closures": ["2025-06-13"],
    "working_days": ["2024-05-04", "2025-04-26", "2026-01-10"],
}


def iso(d):
    return d.isoformat()


def np_day(d):
    return np.datetime64(iso(d), "D")


def from_np(x):
    return dt.date.fromisoformat(str(x))


def inline_working_set():
    f = dt.date.fromisoformat(INLINE["from"])
    t = dt.date.fromisoformat(INLINE["to"])
    change = dt.date.fromisoformat(INLINE["weekmask_changes"][0]["from"])
    hol = {dt.date.fromisoformat(h if isinstance(h, str) else h["date"]) for h in INLINE["holidays"]}
    hol |= {dt.date.fromisoformat(h) for h in INLINE["closures"]}
    mk = {dt.date.fromisoformat(h) for h in INLINE["working_days"]}
    days = []
    d = f
    while d <= t:
        mask = INLINE["weekmask"] if d < change else INLINE["weekmask_changes"][0]["weekmask"]
        work = mask[d.weekday()] == "1"
        if d in hol:
            work = False
        if d in mk:
            work = True
        days.append((d, work))
        d += dt.timedelta(days=1)
    return f, t, days


def naive_add(days, f, t, d, n):
    """The n-th working day strictly after (n>0) / before (n<0) d; n=0 rolls forward."""
    work = {x for x, w in days if w}
    if n == 0:
        x = d
        while x not in work:
            x += dt.timedelta(days=1)
            if x > t:
                return None
        return x
    step = 1 if n > 0 else -1
    x, left = d, abs(n)
    while left:
        x += dt.timedelta(days=step)
        if x < f or x > t:
            return None
        if x in work:
            left -= 1
    return x


def naive_between(days, a, b):
    work = {x for x, w in days if w}
    lo, hi, sign = (a, b, 1) if a <= b else (b, a, -1)
    return sign * sum(1 for x in work if lo < x <= hi)


def rand_date(f, t):
    return f + dt.timedelta(days=rng.randrange((t - f).days + 1))


def main():
    cases = []
    src_np = "numpy.busday_offset / busday_count / is_busday (numpy {})".format(np.__version__)
    # --- weekdays calendar, numpy is the oracle
    for i in range(400):
        d = rand_date(WEEKDAYS_FROM + dt.timedelta(days=60), WEEKDAYS_TO - dt.timedelta(days=60))
        n = rng.randint(-40, 40)
        roll = "backward" if n >= 1 else "forward"
        exp = from_np(np.busday_offset(np_day(d), n, roll=roll))
        if n == 0:
            exp = from_np(np.busday_offset(np_day(d), 0, roll="forward"))
        cases.append({"id": f"wd-add-{i}", "op": "add_working_days", "calendar": "weekdays",
                      "input": {"date": iso(d), "n": n}, "expected": iso(exp)})
    for i in range(300):
        a = rand_date(WEEKDAYS_FROM, WEEKDAYS_TO - dt.timedelta(days=1))
        b = rand_date(max(WEEKDAYS_FROM, a - dt.timedelta(days=200)),
                      min(WEEKDAYS_TO - dt.timedelta(days=1), a + dt.timedelta(days=200)))
        lo, hi, sign = (a, b, 1) if a <= b else (b, a, -1)
        # numpy's busday_count(x, y) with x > y counts (y, x] rather than [y, x), so the reversed
        # case is computed as the negated forward count (DESIGN.md: "negated when b < a").
        exp = sign * int(np.busday_count(np_day(lo + dt.timedelta(days=1)), np_day(hi + dt.timedelta(days=1))))
        cases.append({"id": f"wd-between-{i}", "op": "working_days_between", "calendar": "weekdays",
                      "input": {"a": iso(a), "b": iso(b)}, "expected": exp})
    for i in range(100):
        d = rand_date(WEEKDAYS_FROM, WEEKDAYS_TO)
        cases.append({"id": f"wd-is-{i}", "op": "is_working_day", "calendar": "weekdays",
                      "input": {"date": iso(d)}, "expected": bool(np.is_busday(np_day(d)))})
    for i in range(20):
        d = rand_date(WEEKDAYS_FROM + dt.timedelta(days=10), WEEKDAYS_TO - dt.timedelta(days=10))
        cases.append({"id": f"wd-next-{i}", "op": "next_working_day", "calendar": "weekdays",
                      "input": {"date": iso(d)},
                      "expected": iso(from_np(np.busday_offset(np_day(d), 1, roll="backward")))})
        cases.append({"id": f"wd-prev-{i}", "op": "previous_working_day", "calendar": "weekdays",
                      "input": {"date": iso(d)},
                      "expected": iso(from_np(np.busday_offset(np_day(d), -1, roll="forward")))})
    # the issue's example
    cases.append({"id": "wd-fri-plus-1", "op": "add_working_days", "calendar": "weekdays",
                  "input": {"date": "2026-03-06", "n": 1}, "expected": "2026-03-09"})
    # --- errors on the weekdays calendar
    errs = [
        ("invalid-date", "add_working_days", {"date": "2026-02-30", "n": 1}, "invalid_date"),
        ("invalid-date-shape", "add_working_days", {"date": "2026-3-1", "n": 1}, "invalid_date"),
        ("empty-date", "is_working_day", {"date": ""}, "empty_input"),
        ("before-range", "add_working_days", {"date": "1999-12-31", "n": 1}, "date_out_of_range"),
        ("after-range", "is_working_day", {"date": "2051-01-01"}, "date_out_of_range"),
        ("answer-after-range", "add_working_days", {"date": "2050-12-29", "n": 5}, "date_out_of_range"),
        ("answer-before-range", "add_working_days", {"date": "2000-01-04", "n": -5}, "date_out_of_range"),
        ("n-beyond-range", "add_working_days", {"date": "2026-01-01", "n": 100000}, "date_out_of_range"),
        ("between-out", "working_days_between", {"a": "2026-01-01", "b": "2051-01-01"}, "date_out_of_range"),
        ("days-off-reversed", "days_off", {"from": "2026-03-10", "to": "2026-03-01"}, "invalid_argument"),
        ("days-off-out", "days_off", {"from": "1999-12-01", "to": "2000-01-10"}, "date_out_of_range"),
    ]
    for cid, op, inp, code in errs:
        cases.append({"id": f"wd-err-{cid}", "op": op, "calendar": "weekdays", "input": inp, "error": code})
    # days_off on weekdays: numpy is_busday over the range
    for i in range(20):
        a = rand_date(WEEKDAYS_FROM, WEEKDAYS_TO - dt.timedelta(days=40))
        b = a + dt.timedelta(days=rng.randrange(0, 40))
        rngs = np.arange(np_day(a), np_day(b) + np.timedelta64(1, "D"))
        off = [str(x) for x in rngs[~np.is_busday(rngs)]]
        cases.append({"id": f"wd-days-off-{i}", "op": "days_off", "calendar": "weekdays",
                      "input": {"from": iso(a), "to": iso(b)}, "expected": off})

    # --- inline spec: naive loop oracle, checked against numpy where numpy can express it
    f, t, days = inline_working_set()
    hol_np = [h if isinstance(h, str) else h["date"] for h in INLINE["holidays"]] + INLINE["closures"]
    post = dt.date(2026, 1, 11)  # after the last make-up day and weekmask change: numpy can express it
    for x in range(200):
        d = rand_date(post, t - dt.timedelta(days=60))
        n = rng.randint(1, 20)
        assert naive_add(days, f, t, d, n) == from_np(np.busday_offset(np_day(d), n, roll="backward",
                                                                      weekmask="1111100", holidays=hol_np))
    for i in range(300):
        d = rand_date(f, t)
        n = rng.randint(-30, 30)
        exp = naive_add(days, f, t, d, n)
        case = {"id": f"inline-add-{i}", "op": "add_working_days", "calendar": INLINE,
                "input": {"date": iso(d), "n": n}}
        if exp is None:
            case["error"] = "date_out_of_range"
        else:
            case["expected"] = iso(exp)
        cases.append(case)
    for i in range(200):
        a, b = rand_date(f, t), rand_date(f, t)
        cases.append({"id": f"inline-between-{i}", "op": "working_days_between", "calendar": INLINE,
                      "input": {"a": iso(a), "b": iso(b)}, "expected": naive_between(days, a, b)})
    for d, w in days:
        if d.month in (1, 2, 4, 5) and d.day <= 12 or d.isoformat() in ("2025-06-13",):
            cases.append({"id": f"inline-is-{iso(d)}", "op": "is_working_day", "calendar": INLINE,
                          "input": {"date": iso(d)}, "expected": w})
    for i, (a, b) in enumerate([(dt.date(2024, 1, 1), dt.date(2024, 2, 29)), (dt.date(2025, 12, 20), dt.date(2026, 1, 20))]):
        off = [iso(d) for d, w in days if a <= d <= b and not w]
        cases.append({"id": f"inline-days-off-{i}", "op": "days_off", "calendar": INLINE,
                      "input": {"from": iso(a), "to": iso(b)}, "expected": off})
    # invalid specs
    bad_both = dict(INLINE, working_days=INLINE["working_days"] + ["2024-01-01"])
    cases.append({"id": "spec-both-lists", "op": "is_working_day", "calendar": bad_both,
                  "input": {"date": "2024-03-01"}, "error": "invalid_spec"})
    bad_out = dict(INLINE, holidays=["2030-01-01"])
    cases.append({"id": "spec-holiday-outside", "op": "is_working_day", "calendar": bad_out,
                  "input": {"date": "2024-03-01"}, "error": "invalid_spec"})
    bad_mask = dict(INLINE, weekmask="11111")
    cases.append({"id": "spec-bad-weekmask", "op": "is_working_day", "calendar": bad_mask,
                  "input": {"date": "2024-03-01"}, "error": "invalid_spec"})

    doc = {
        "description": "Working-day arithmetic (DESIGN.md semantics) on the weekday calendar "
                       "(core/examples/weekdays.json) and on an inline spec with holidays, a closure, "
                       "make-up Saturdays and a Mon-Sat -> Mon-Fri weekmask change; plus bad input.",
        "source": src_np + " for the weekday calendar (add n>=1: roll='backward'; n<=-1 and n=0: "
                  "roll='forward'; between(a,b) = busday_count(a+1, b+1) for a <= b, and -busday_count(b+1, a+1) for b < a: numpy's own reversed count is shifted by one day); for the inline spec a naive "
                  "day-by-day loop in tests/vectors/tools/gen_calendar_vectors.py, itself checked against "
                  "numpy where numpy can express the calendar. Generated by that script (seed 20261123).",
        "cases": cases,
    }
    OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=None, separators=(",", ":")).replace('{"id"', '\n{"id"') + "\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
