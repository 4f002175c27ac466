#!/usr/bin/env python3
"""Generates tests/vectors/schedules.json: a 2027 schedule announced after the release, supplied
at run time (`--schedules FILE`, `Calendar.vietnam(schedules=...)`, `Calendar.vietnam({schedules})`),
changes days off, working-day arithmetic, due dates and outcomes exactly as an embedded year would.

The file: the embedded provisional 2027 (core/data/vn-official-schedules.json) announced as
official with one swap, as the notices of 2019-2026 do (reference/holidays.md §3): Thu 11 Feb 2027
(mùng 6 Tết) off, made up on Sat 20 Feb 2027. Hypothetical: the real 2027 notice is not out.

Expected values never come from motcua: days off = the file's weekdays off + weekends − its
make-up days, and every answer is a naive day-by-day loop over that set in Python (due dates by
the Civil-Code count of reference/procedures.md §1-§2: the N-th working day after the deemed
receipt day). Holiday kinds: the file's days off classified against the statutory rule of
reference/holidays.md §1-§2 (gen_holiday_vectors.py's implementation of it).

Run: python3 tests/vectors/tools/gen_schedule_vectors.py  (needs `pip install holidays`, as
gen_holiday_vectors.py)
"""
import copy
import datetime as dt
import json
from pathlib import Path

import gen_holiday_vectors as hv

ROOT = Path(__file__).resolve().parents[3]
OUT = ROOT / "tests" / "vectors" / "schedules.json"
D = dt.date.fromisoformat
ONE = dt.timedelta(days=1)

SWAP_OFF, SWAP_WORK = "2027-02-11", "2027-02-20"


def announced_2027():
    y = copy.deepcopy(hv.schedules()["2027"])
    y["status"] = "official"
    y["days_off"] = sorted(y["days_off"] + [SWAP_OFF])
    y["makeup_working_days"] = [SWAP_WORK]
    y["documents"] = ["(hypothetical notice, for the tests)"]
    y["verified"] = False
    y["notes"] = "Test file: the provisional 2027 announced with a Tết swap (11 Feb off, 20 Feb worked)."
    return {"years": {"2027": y}}


def off_days(y):
    """Non-working days of 2027 by the file: weekends and days off, less make-up days."""
    off = {D(x) for x in y["days_off"]}
    work = {D(x) for x in y["makeup_working_days"]}
    return ({d for d in hv.year_days(2027) if hv.weekend(d)} | off) - work


def working(d, off):
    return d not in off


def add(d, n, off):
    while n > 0:
        d += ONE
        if working(d, off):
            n -= 1
    return d


def between(a, b, off):
    n, d = 0, a
    while d < b:
        d += ONE
        n += working(d, off)
    return n


def main():
    file = announced_2027()
    y = file["years"]["2027"]
    off = off_days(y)
    provisional = off_days(hv.schedules()["2027"])
    with_file = {"preset": "vietnam", "schedules": file}
    cases = []

    def case(cid, op, inp, expected, source, calendar=with_file):
        cases.append({"id": cid, "op": op, "calendar": calendar, "input": inp,
                      "expected": expected, "source": source})

    for date in (SWAP_OFF, SWAP_WORK, "2027-02-12", "2027-02-10", "2027-11-24"):
        case(f"working-{date}", "is_working_day", {"date": date}, working(D(date), off),
             "the file's days_off / makeup_working_days")
        case(f"working-{date}-embedded", "is_working_day", {"date": date},
             working(D(date), provisional), "the embedded provisional 2027", calendar="vietnam")
    feb = [iso for d in sorted(off) if d.month == 2 for iso in [d.isoformat()]]
    case("days-off-feb-2027", "days_off", {"from": "2027-02-01", "to": "2027-02-28"}, feb,
         "weekends + the file's days off − its make-up days")
    for start, n in (("2027-02-03", 1), ("2027-02-03", 2), ("2027-02-17", 3), ("2027-02-19", 1),
                     ("2026-12-31", 30)):
        case(f"add-{start}-{n}", "add_working_days", {"date": start, "n": n},
             add(D(start), n, off).isoformat(), "naive day loop over the file's days off")
        case(f"add-{start}-{n}-embedded", "add_working_days", {"date": start, "n": n},
             add(D(start), n, provisional).isoformat(), "naive day loop, embedded provisional 2027",
             calendar="vietnam")
    case("between-feb", "working_days_between", {"a": "2027-02-01", "b": "2027-02-28"},
         between(D("2027-02-01"), D("2027-02-28"), off), "naive day count")

    # Due dates and outcomes (procedures.md §1-§2: a direct dossier received on a working day
    # before closing is deemed received that day; N working days = the N-th working day after).
    d1 = {"received": "2027-02-17T09:00", "channel": "direct", "time_limit": {"working_days": 3}}
    due1 = add(D("2027-02-17"), 3, off)
    case("due-across-makeup-saturday", "due", {"dossier": d1},
         {"due": due1.isoformat(), "due_at": f"{due1.isoformat()}T17:00", "rule_set": "nd118"},
         "§2.1: 18, 19, 20 Feb (the make-up Saturday) → 20 Feb")
    d2 = dict(d1, events=[{"type": "resolved", "at": "2027-02-22T10:00"}])
    case("classify-late-by-the-file", "classify", {"dossier": d2, "as_of": "2027-03-01"},
         {"due": due1.isoformat(), "outcome": "late" if D("2027-02-22") > due1 else "on_time"},
         "§4.1: resolved 22 Feb after the due date 20 Feb")
    due1e = add(D("2027-02-17"), 3, provisional)
    case("classify-on-time-embedded", "classify", {"dossier": d2, "as_of": "2027-03-01"},
         {"due": due1e.isoformat(), "outcome": "on_time" if D("2027-02-22") == due1e else "late"},
         "without the file: 18, 19, 22 Feb → due 22 Feb, on time", calendar="vietnam")
    d3 = {"received": "2027-02-03T16:00", "channel": "online", "time_limit": {"working_days": 5}}
    due3 = add(D("2027-02-03"), 5, off)
    case("due-across-the-swap", "due", {"dossier": d3}, {"due": due3.isoformat()},
         "§2.1: 12, 15, 16, 17, 18 Feb (11 Feb swapped)")

    # Holiday kinds: the file's days classified against the statute.
    hol, comp = hv.statute_days_off(2027)
    kinds = {}
    for d in hol:
        if hv.weekend(d) or d.isoformat() in y["days_off"]:
            kinds[d] = "statutory"
    for x in y["days_off"]:
        d = D(x)
        if d not in kinds:
            kinds[d] = "compensatory" if d in comp else "swapped"
    for x in y["makeup_working_days"]:
        kinds[D(x)] = "makeup_working_day"
    case("holidays-2027", "holidays", {"year": 2027},
         [{"date": d.isoformat(), "kind": k} for d, k in sorted(kinds.items())],
         "the file's days off against the statutory rule of holidays.md §1-§2 (statutory / "
         "compensatory), others swapped; an official year, so not provisional")

    # Bad files: every case names the year and the value (checked in the Rust unit tests).
    bad = [
        ("weekend-day-off", {"status": "official", "days_off": ["2027-02-06"], "makeup_working_days": []},
         "invalid_schedule"),
        ("weekday-makeup", {"status": "official", "days_off": [], "makeup_working_days": ["2027-02-22"]},
         "invalid_schedule"),
        ("date-in-another-year", {"status": "official", "days_off": ["2028-01-03"], "makeup_working_days": []},
         "invalid_schedule"),
        ("unknown-status", {"status": "announced", "days_off": [], "makeup_working_days": []},
         "invalid_schedule"),
        ("bad-date", {"status": "official", "days_off": ["2027-02-30"], "makeup_working_days": []},
         "invalid_schedule"),
        # 1 May 2027 is a Saturday and a public holiday (Labour Code 2019, Art. 112(1)): a
        # make-up day moves a working day, it cannot take a holiday.
        ("makeup-on-holiday", {"status": "official", "days_off": [],
                               "makeup_working_days": ["2027-05-01"]},
         "invalid_schedule"),
    ]
    for cid, year, code in bad:
        cases.append({"id": f"bad-{cid}", "op": "is_working_day",
                      "calendar": {"preset": "vietnam", "schedules": {"years": {"2027": year}}},
                      "input": {"date": "2027-01-04"}, "error": code,
                      "source": "DESIGN.md / issue 13: a bad schedules file is an error naming "
                                "the year and the value; nothing is half-applied"})

    doc = {
        "description": "Announced schedules supplied at run time: a 2027 file with a swap and a "
                       "make-up Saturday changes days off, add-days, between, due, classify and "
                       "holidays as an embedded year would; bad files are errors.",
        "source": "Computed by tests/vectors/tools/gen_schedule_vectors.py independently of "
                  "motcua: naive day loops over the file's own lists; holiday kinds against the "
                  "statutory rule re-implemented in gen_holiday_vectors.py.",
        "cases": cases,
    }
    OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
