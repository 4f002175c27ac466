#!/usr/bin/env python3
"""Generates tests/vectors/holidays.json: the Vietnamese public-sector calendar (days off,
working days, named holidays with their kinds), 1995-2199, and bad input.

Expected values never come from motcua:
- 2016-2027: the announced (2027: provisional) schedules in core/data/vn-official-schedules.json
  (a copy of reference/vn-official-schedules.json) plus weekday arithmetic in Python; the swaps
  of reference/holidays.md §3; Tết and Hùng Kings' dates of holidays.md §4.
- other years: the statutory rule of reference/holidays.md §1-§2 implemented here (a day-by-day
  sweep, not motcua's algorithm), with Tết and Hùng Kings' day from python-holidays'
  Vietnamese lunar table (package `holidays`), cross-checked against the §4 table.
- Each statute-era year is compared with python-holidays' `holidays.VN(years=...)`; the
  differences (none is a motcua choice made silently) are written into the case's `source`.

Run: python3 tests/vectors/tools/gen_holiday_vectors.py  (needs `pip install holidays`)
"""
import datetime as dt
import json
from pathlib import Path

import holidays
from holidays.calendars.chinese import VIETNAMESE_CALENDAR, _ChineseLunisolar

ROOT = Path(__file__).resolve().parents[3]
OUT = ROOT / "tests" / "vectors" / "holidays.json"
DATA = ROOT / "core" / "data" / "vn-official-schedules.json"

D = dt.date.fromisoformat
ONE = dt.timedelta(days=1)
FIVE_DAY_WEEK_FROM = D("1999-10-02")  # Decision 188/1999/QĐ-TTg, holidays.md §2

# holidays.md §3: (day off, Saturday worked)
SWAPS = [("2018-12-31", "2019-01-05"), ("2019-04-29", "2019-05-04"),
         ("2024-04-29", "2024-05-04"), ("2025-05-02", "2025-04-26"),
         ("2026-01-02", "2026-01-10"), ("2026-08-31", "2026-08-22")]
SWAPPED = {D(a) for a, _ in SWAPS}

# holidays.md §4: year -> (mùng 1, Hùng Kings' day)
TABLE4 = {
    2016: ("2016-02-08", "2016-04-16"), 2017: ("2017-01-28", "2017-04-06"),
    2018: ("2018-02-16", "2018-04-25"), 2019: ("2019-02-05", "2019-04-14"),
    2020: ("2020-01-25", "2020-04-02"), 2021: ("2021-02-12", "2021-04-21"),
    2022: ("2022-02-01", "2022-04-10"), 2023: ("2023-01-22", "2023-04-29"),
    2024: ("2024-02-10", "2024-04-18"), 2025: ("2025-01-29", "2025-04-07"),
    2026: ("2026-02-17", "2026-04-26"), 2027: ("2027-02-06", "2027-04-16"),
}

LUNAR = _ChineseLunisolar(VIETNAMESE_CALENDAR)


def iso(d):
    return d.isoformat()


def rest(d):
    """Weekly rest day of the public-sector week: Sunday before 1999-10-02, then Sat + Sun."""
    return d.weekday() == 6 or (d.weekday() == 5 and d >= FIVE_DAY_WEEK_FROM)


def weekend(d):
    return d.weekday() >= 5


def year_days(y):
    d = dt.date(y, 1, 1)
    while d.year == y:
        yield d
        d += ONE


def tet_and_hung(y):
    tet = LUNAR.lunar_new_year_date(y)[0]
    hung = LUNAR.hung_kings_date(y)[0]
    if y in TABLE4:
        assert (iso(tet), iso(hung)) == TABLE4[y], (y, tet, hung)
    return tet, hung


def statutory_holidays(y):
    """{date: feast} by the law in force on each day (holidays.md §1-§2)."""
    tet, hung = tet_and_hung(y)
    h = {dt.date(y, 1, 1): "new_year", D(f"{y}-04-30"): "reunification",
         D(f"{y}-05-01"): "labour", D(f"{y}-09-02"): "national_day"}
    # Tết: 5 days (2 before mùng 1 + mùng 1-3) from the 2012 Code (2013-05-01),
    # else 4 (last day of the year + mùng 1-3); by the law in force on mùng 1.
    before = 2 if tet >= D("2013-05-01") else 1
    for k in range(-before, 3):
        h[tet + dt.timedelta(days=k)] = "tet"
    if hung >= D("2007-04-02"):  # Law 84/2007/QH11
        h[hung] = "hung_kings"
    if y >= 2021:  # Labour Code 2019 Art. 112: 3 Sep if 2 Sep is Mon/Thu, else 1 Sep
        sep2 = D(f"{y}-09-02")
        h[D(f"{y}-09-03") if sep2.weekday() in (0, 3) else D(f"{y}-09-01")] = "national_day"
    if y >= 2026:  # Resolution 28/2026/QH16, Art. 2 (in force 2026-07-01), holidays.md §1
        h[D(f"{y}-11-24")] = "culture_day"
    return h


def compensatory(hol, y):
    """Day-by-day sweep: each holiday on a rest day owes one day off, paid on the next days that
    are neither rest days nor holidays, in order."""
    owed, comp = 0, {}
    queue = []
    d = dt.date(y, 1, 1)
    while d.year == y or owed:
        if d in hol:
            if rest(d):
                queue.append(hol[d])
                owed += 1
        elif not rest(d) and owed:
            comp[d] = queue.pop(0)
            owed -= 1
        d += ONE
    return comp


def statute_days_off(y):
    hol = statutory_holidays(y)
    return hol, compensatory(hol, y)


def schedules():
    return json.loads(DATA.read_text())["years"]


def calendar_days_off(y, sched, mode):
    """Non-working days of year y (weekends included) in the given preset."""
    s = sched.get(str(y))
    if mode in ("vietnam", "vietnam_pending") and s is not None:
        off = {D(x) for x in s["days_off"]}
        work = {D(x) for x in s["makeup_working_days"]}
        if mode == "vietnam_pending" and "pending" in s:
            off |= {D(x) for x in s["pending"]["days_off"]}
            work |= {D(x) for x in s["pending"]["makeup_working_days"]}
        assert all(weekend(x) for x in work) and not any(weekend(x) for x in off), y
        return sorted((off | {x for x in year_days(y) if rest(x)}) - work)
    hol, comp = statute_days_off(y)
    return sorted(set(hol) | set(comp) | {x for x in year_days(y) if rest(x)})


def holiday_kinds(y, sched):
    """[{"date", "kind"}] for year y with official schedules (holidays.md §2-§5)."""
    s = sched.get(str(y))
    hol, comp = statute_days_off(y)
    out = {}
    provisional = y >= 2027
    if s is not None:
        off = {D(x) for x in s["days_off"]}
        work = {D(x) for x in s["makeup_working_days"]}
        for d in hol:
            if weekend(d) or d in off:
                out[d] = "statutory"
        for d in off - set(hol):
            out[d] = "swapped" if d in SWAPPED else "compensatory"
            assert (d in SWAPPED) != (d in comp), d
        for d in work:
            out[d] = "makeup_working_day"
    else:
        for d in hol:
            out[d] = "statutory"
        for d in comp:
            out[d] = "compensatory"
    if provisional:
        out = {d: ("provisional" if k != "makeup_working_day" else k) for d, k in out.items()}
    if s is not None and "pending" in s:
        for x in s["pending"]["days_off"] + s["pending"]["makeup_working_days"]:
            out[D(x)] = "pending"
    return [{"date": iso(d), "kind": k} for d, k in sorted(out.items())]


def python_holidays_diff(y, expected_off):
    """Weekdays off by python-holidays vs ours, as a sentence."""
    theirs = {d for d in holidays.VN(years=y) if d.weekday() < 5 and d.year == y}
    ours = {d for d in expected_off if d.weekday() < 5}
    only_theirs = sorted(theirs - ours)
    only_ours = sorted(ours - theirs)
    if not only_theirs and not only_ours:
        return f"python-holidays {holidays.__version__} agrees on every weekday off"
    parts = []
    if only_theirs:
        parts.append("python-holidays also has " + ", ".join(map(iso, only_theirs)))
    if only_ours:
        parts.append("python-holidays lacks " + ", ".join(map(iso, only_ours)))
    return f"python-holidays {holidays.__version__}: " + "; ".join(parts)


WHY = {
    1995: "python-holidays compensates Saturday holidays (it has no six-day week): Sat 2 Sep "
          "1995 was a working day, so no compensatory Mon 4 Sep ",
    2010: "python-holidays has the announced 2010 swap (19 Feb off, 27 Feb worked); motcua's "
          "1995-2015 years are statutory (swaps not modelled) ",
    2013: "Tết 2013 (Sun 10 Feb) came before the 2012 Code took effect (2013-05-01): 4 days, "
          "9-12 Feb, compensatory 13-14 Feb; python-holidays gives 5 Tết days in 2013 (hence 15 "
          "Feb) and has the announced 29 Apr swap (not modelled) ",
}


def main():
    sched = schedules()
    cases = []
    base_source = ("core/data/vn-official-schedules.json days_off/makeup_working_days + "
                   "Python weekday arithmetic")

    # 1. whole-year days off, official years and 2027 (provisional)
    for y in range(2016, 2028):
        for mode in ("vietnam", "vietnam_statutory"):
            exp = calendar_days_off(y, sched, mode)
            if mode == "vietnam_statutory":
                # the statute alone = the schedule without the §3 swaps (holidays.md §2)
                s = sched[str(y)]
                alt = sorted(({D(x) for x in s["days_off"]} - SWAPPED)
                             | {x for x in year_days(y) if rest(x)})
                assert alt == exp, (y, sorted(set(alt) ^ set(exp)))
                src = base_source + ", less the swaps of holidays.md §3; equal to the statutory rule of §2"
            else:
                src = base_source
            cases.append({"id": f"days-off-{mode}-{y}", "op": "days_off", "calendar": mode,
                          "input": {"from": f"{y}-01-01", "to": f"{y}-12-31"},
                          "expected": [iso(d) for d in exp], "source": src})

    # 2. pending (the proposed 2026 arrangement around Culture Day)
    for mode in ("vietnam", "vietnam_pending"):
        exp = [iso(d) for d in calendar_days_off(2026, sched, mode) if d.month == 11]
        cases.append({"id": f"days-off-nov-2026-{mode}", "op": "days_off", "calendar": mode,
                      "input": {"from": "2026-11-01", "to": "2026-11-30"}, "expected": exp,
                      "source": "vn-official-schedules.json 2026: 24 Nov in days_off "
                                "(Resolution 28/2026/QH16); `pending` applied only with "
                                "--include-pending"})
    for date, mode, exp in [("2026-11-24", "vietnam", False), ("2026-11-24", "vietnam_pending", False),
                            ("2026-11-23", "vietnam", True), ("2026-11-23", "vietnam_pending", False),
                            ("2026-11-28", "vietnam", False), ("2026-11-28", "vietnam_pending", True),
                            ("2027-11-24", "vietnam_pending", False)]:
        cases.append({"id": f"working-{date}-{mode}", "op": "is_working_day", "calendar": mode,
                      "input": {"date": date}, "expected": exp,
                      "source": "vn-official-schedules.json days_off and `pending`"})

    # 2b. 24 November every year: an ordinary day before 2026, a holiday from 2026
    #     (Resolution 28/2026/QH16, Art. 2), compensated on the next working day on a weekend.
    #     python-holidays' lunar table ends in 2100; after it, November's days off come from
    #     the same sweep over 24 Nov alone (no other holiday falls in November or December).
    for y in range(1995, 2200):
        nov24 = dt.date(y, 11, 24)
        for mode in ("vietnam", "vietnam_statutory"):
            if y <= 2100:
                off = set(calendar_days_off(y, sched, mode))
            else:
                hol = {nov24: "culture_day"}
                off = set(hol) | set(compensatory(hol, y)) | {x for x in year_days(y) if rest(x)}
            cases.append({"id": f"culture-day-{y}-{mode}", "op": "is_working_day",
                          "calendar": mode, "input": {"date": iso(nov24)},
                          "expected": nov24 not in off,
                          "source": "holidays.md §1: 24 Nov a holiday from 2026 (Resolution "
                                    "28/2026/QH16, Art. 2), not before"})
            if y >= 2026 and weekend(nov24):
                comp = nov24 + ONE
                while rest(comp):
                    comp += ONE
                assert comp in off, (y, mode, comp)  # the sweep must have compensated it
                cases.append({"id": f"culture-day-comp-{y}-{mode}", "op": "is_working_day",
                              "calendar": mode, "input": {"date": iso(comp)},
                              "expected": comp not in off,
                              "source": "holidays.md §1-§2: a weekend 24 Nov is compensated on "
                                        "the next working day (secondary-sourced)"})

    # 3. swaps and make-up Saturdays
    for off, work in SWAPS:
        for mode, exp_off, exp_work in [("vietnam", False, True), ("vietnam_statutory", True, False)]:
            cases.append({"id": f"swap-off-{off}-{mode}", "op": "is_working_day", "calendar": mode,
                          "input": {"date": off}, "expected": exp_off,
                          "source": "holidays.md §3 (swapped day off)"})
            cases.append({"id": f"makeup-{work}-{mode}", "op": "is_working_day", "calendar": mode,
                          "input": {"date": work}, "expected": exp_work,
                          "source": "holidays.md §3 (make-up Saturday)"})

    # 4. named days with kinds
    for y in (2016, 2018, 2019, 2020, 2023, 2024, 2025, 2026, 2027):
        cases.append({"id": f"holidays-{y}", "op": "holidays", "input": {"year": y},
                      "expected": holiday_kinds(y, sched),
                      "source": "vn-official-schedules.json + holidays.md §2-§4: statutory = "
                                "the law's days (Tết = two days before mùng 1 + mùng 1-3, "
                                "weekends included) that are weekends or announced days off; "
                                "swapped = §3; other announced days off = compensatory; 2027: "
                                "every day off provisional; 24 Nov statutory from 2026 "
                                "(Resolution 28/2026/QH16); the 2026 `pending` swap pending"})

    # 5. statute-era and far-future years, computed from the rule (holidays.md §1-§2)
    for y in (1995, 1996, 1998, 2000, 2007, 2010, 2013, 2050):
        exp = calendar_days_off(y, sched, "vietnam")
        src = ("statutory rule of holidays.md §1-§2 in Python with python-holidays' Vietnamese "
               "lunar dates; " + WHY.get(y, "") + "| " + python_holidays_diff(y, exp))
        cases.append({"id": f"days-off-{y}", "op": "days_off",
                      "input": {"from": f"{y}-01-01", "to": f"{y}-12-31"},
                      "expected": [iso(d) for d in exp], "source": src})
    for y in (1998, 2013, 2050):
        cases.append({"id": f"holidays-{y}", "op": "holidays", "input": {"year": y},
                      "expected": holiday_kinds(y, sched),
                      "source": "statutory rule of holidays.md §1-§2 in Python (2050: "
                                "provisional, with 24 Nov)"})

    # 6. the six-day week before 1999-10-02
    for date, exp in [("1998-03-07", True), ("1998-03-08", False), ("1999-09-25", True),
                      ("1999-10-02", False), ("1995-09-02", False), ("1995-09-04", True),
                      ("1997-05-03", True), ("2000-01-03", False)]:
        cases.append({"id": f"week-{date}", "op": "is_working_day", "input": {"date": date},
                      "expected": exp,
                      "source": "Decision 188/1999/QĐ-TTg (Mon-Sat week before 1999-10-02, "
                                "holidays.md §2); only Sunday holidays compensated before it"})

    # 7. bad input
    for cid, op, inp, code in [
        ("bad-year-1994", "holidays", {"year": 1994}, "date_out_of_range"),
        ("bad-year-2200", "holidays", {"year": 2200}, "date_out_of_range"),
        ("bad-date-1994", "is_working_day", {"date": "1994-12-31"}, "date_out_of_range"),
        ("bad-date-2200", "is_working_day", {"date": "2200-01-01"}, "date_out_of_range"),
        ("bad-range-1994", "days_off", {"from": "1994-12-01", "to": "1995-01-31"}, "date_out_of_range"),
        ("bad-date-feb30", "is_working_day", {"date": "2026-02-30"}, "invalid_date"),
    ]:
        cases.append({"id": cid, "op": op, "input": inp, "error": code,
                      "source": "DESIGN.md: the preset covers 1995-01-01..2199-12-31; outside is "
                                "date_out_of_range"})

    doc = {
        "description": "The Vietnamese public-sector calendar (vn module): days off per year "
                       "2016-2027 with official schedules, with the statute alone and with "
                       "pending days; swaps and make-up Saturdays; named days with kinds; "
                       "statute-era years and the Mon-Sat week before 1999-10-02; bad input.",
        "source": "Computed by tests/vectors/tools/gen_holiday_vectors.py independently of "
                  "motcua: official years from core/data/vn-official-schedules.json (= "
                  "reference/vn-official-schedules.json) and Python weekday arithmetic; swaps "
                  "from reference/holidays.md §3; other years from the statutory rule of "
                  "holidays.md §1-§2 re-implemented in Python with python-holidays' Vietnamese "
                  f"lunar table (holidays {holidays.__version__}), which matches holidays.md §4 "
                  "for 2016-2027; per-case `source` notes differences from holidays.VN.",
        "cases": cases,
    }
    OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
