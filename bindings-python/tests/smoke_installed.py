"""Smoke test of an installed motcua (a wheel or an sdist, in a fresh virtualenv outside the
repository), run by ``.ci/packages.sh``: ``python smoke_installed.py [pandas] [polars] [arrow]
[plot]``.

It uses only what a user has after ``pip install 'motcua[EXTRAS]'``: no file of the repository.
It checks that the artifact carries what it must (the native module, the ``.pyi`` stubs,
``py.typed``, the license files, the metadata of the extras), then uses the package: the
Vietnamese calendar (Tết, 24 November, make-up Saturdays, a ``schedules=`` file), numpy bulk
paths, errors with their codes, and, for each extra named, a frame report or classification
whose expected counts are worked out by hand below (``plot``: a calendar year drawn to a PNG). Not collected by pytest (not ``test_*``).
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata as md
import json
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

import numpy as np

import motcua

EXTRAS = ("pandas", "polars", "arrow", "plot")
checked: list[str] = []


def check(name: str) -> Callable[[Callable[[], None]], Callable[[], None]]:
    def register(fn: Callable[[], None]) -> Callable[[], None]:
        fn()
        checked.append(name)
        return fn

    return register


def raises(exc: type[BaseException], fn: Callable[[], Any]) -> Any:
    try:
        fn()
    except exc as e:
        return e
    raise AssertionError(f"expected {exc.__name__}")


def d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


# --------------------------------------------------------------------------------------------
# What the artifact carries
# --------------------------------------------------------------------------------------------


def check_artifact() -> None:
    package = Path(motcua.__file__).resolve().parent
    prefix = Path(sys.prefix).resolve()
    assert prefix in package.parents, f"motcua imported from {package}, not from {prefix}"
    for name in ("__init__.py", "py.typed", "_motcua.pyi"):
        assert (package / name).is_file(), f"{name} missing from {package}"
    assert list(package.glob("_motcua*.so")), f"no native module in {package}"

    meta = md.metadata("motcua")
    assert meta["Name"] == "motcua"
    assert md.version("motcua") == motcua.__version__, (md.version("motcua"), motcua.__version__)
    assert meta["License-Expression"] == "MIT OR Apache-2.0", meta["License-Expression"]
    extras = set(meta.get_all("Provides-Extra") or [])
    assert set(EXTRAS) <= extras, f"extras {sorted(extras)} lack one of {EXTRAS}"
    requires = meta.get_all("Requires-Dist") or []
    for extra, dist in (("pandas", "pandas"), ("polars", "polars"), ("arrow", "pyarrow"), ("plot", "matplotlib")):
        assert any(r.startswith(dist) and f"extra == '{extra}'" in r for r in requires), (extra, requires)
    files = {Path(str(f)).name: f for f in md.files("motcua") or []}
    for name in ("LICENSE-MIT", "LICENSE-APACHE"):
        assert name in files, f"{name} not in the installed distribution"
        text = files[name].read_text(encoding="utf-8")
        assert ("MIT License" if name == "LICENSE-MIT" else "Apache License") in text, name


check("artifact: module, stubs, py.typed, licenses, extras metadata")(check_artifact)

# --------------------------------------------------------------------------------------------
# The calendar
# --------------------------------------------------------------------------------------------


@check("calendar: the Vietnamese preset")
def calendar() -> None:
    cal = motcua.Calendar.vietnam()
    # Tết 2026: Sat 14 .. Sun 22 February off; three working days after Friday the 13th are
    # Mon 23, Tue 24, Wed 25.
    assert cal.add_working_days("2026-02-13", 3) == d("2026-02-25")
    assert not cal.is_working_day("2026-11-24")  # Vietnamese Culture Day, a Tuesday, from 2026
    assert cal.is_working_day("2026-01-10")  # a make-up Saturday of the 2026 schedule
    assert cal.working_days_between("2026-03-01", "2026-03-31") == 22  # no holiday in March
    names = {h["name_en"] for h in cal.holidays(2026) if h["date"] == d("2026-11-24")}
    assert names == {"Vietnamese Culture Day"}, names
    assert motcua.to_lunar("2026-02-17") == motcua.LunarDate(2026, 1, 1, False)  # Tết 2026


@check("calendar: schedules= file")
def schedules() -> None:
    cal = motcua.Calendar.vietnam()
    # 2027 is computed (provisional): three working days after Wed 17 February 2027 are
    # Thu 18, Fri 19 and Mon 22. With a make-up Saturday 20 February announced, Sat 20 is the third.
    assert cal.add_working_days("2027-02-17", 3) == d("2027-02-22")
    year = cal.schedule(2027)
    year["years"]["2027"]["makeup_working_days"] = ["2027-02-20"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "schedules.json"
        path.write_text(json.dumps(year), encoding="utf-8")
        announced = motcua.Calendar.vietnam(schedules=path)
        assert announced.add_working_days("2027-02-17", 3) == d("2027-02-20")
        assert announced.schedule_source(2027) == "file"
        assert announced.schedule_source(2026) == "embedded"
        # A make-up "Saturday" that is a Monday: the whole file is refused, naming the value.
        year["years"]["2027"]["makeup_working_days"] = ["2027-02-22"]
        path.write_text(json.dumps(year), encoding="utf-8")
        e = raises(motcua.InvalidScheduleError, lambda: motcua.Calendar.vietnam(schedules=str(path)))
        assert e.code == "invalid_schedule" and "2027-02-22" in str(e), e
        assert isinstance(e, motcua.MotcuaError) and isinstance(e, ValueError)


@check("calendar: numpy bulk")
def bulk() -> None:
    cal = motcua.Calendar.vietnam()
    days = np.array(["2026-02-13", "NaT", "2026-04-29"], dtype="datetime64[D]")
    got = cal.add_working_days(days, [1, 5, 1])
    assert got.dtype == np.dtype("datetime64[D]"), got.dtype
    # Mon 23 Feb after Tết; NaT stays NaT; 30 April and 1 May off, then the weekend: Mon 4 May.
    want = np.array(["2026-02-23", "NaT", "2026-05-04"], dtype="datetime64[D]")
    assert np.array_equal(got, want, equal_nan=True), got


@check("errors: MotcuaError subclasses with codes, ValueError")
def errors() -> None:
    cal = motcua.Calendar.vietnam()
    e = raises(motcua.InvalidDateError, lambda: cal.add_working_days("2026-02-30", 1))
    assert e.code == "invalid_date" and isinstance(e, ValueError) and isinstance(e, motcua.MotcuaError)
    e = raises(motcua.DateOutOfRangeError, lambda: cal.add_working_days("2199-12-31", 1))
    assert e.code == "date_out_of_range"
    days = np.array(["2026-01-05", "2199-12-31"], dtype="datetime64[D]")
    e = raises(motcua.DateOutOfRangeError, lambda: cal.add_working_days(days, 1))
    assert e.index == 1, e.index
    e = raises(ValueError, lambda: motcua.Rules(supplement="sometimes"))
    assert isinstance(e, motcua.MotcuaError) and e.code == "invalid_rule", e


# --------------------------------------------------------------------------------------------
# Frames, one extra at a time
# --------------------------------------------------------------------------------------------

# Five dossiers of March 2026 (no holiday in March; the day of receipt is not counted):
#   1  Mon 2 Mar, 3 working days, due Thu 5: resolved Wed 4 → early          (online)
#   2  Mon 2 Mar, 3 working days, due Thu 5: resolved Thu 5 → on time        (direct)
#   3  Mon 2 Mar, 3 working days, due Thu 5: resolved Mon 9 → late           (postal)
#   4  Tue 3 Mar, 5 working days, due Tue 10: open on 31 Mar → overdue       (direct)
#   5  Tue 3 Mar, 30 working days, due in April: open on 31 Mar → within     (online)
RECORDS: dict[str, list[Any]] = {
    "id": ["HS1", "HS2", "HS3", "HS4", "HS5"],
    "received": ["2026-03-02T09:30", "2026-03-02T10:00", "2026-03-02T10:00", "2026-03-03T08:00", "2026-03-03T08:00"],
    "time_limit": ["3wd", "3wd", "3wd", "5wd", "30wd"],
    "channel": ["online", "direct", "postal", "direct", "online"],
    "resolved": ["2026-03-04T10:00", "2026-03-05T16:00", "2026-03-09T10:00", None, None],
    "field": ["Hộ tịch", "Hộ tịch", "Hộ tịch", "Đất đai", "Đất đai"],
}
OUTCOMES = ["early", "on_time", "late", "overdue", "pending_within"]
TOTALS = {
    "received": 5,
    "received_online": 2,
    "received_direct": 2,
    "received_postal": 1,
    "resolved": 3,
    "early": 1,
    "on_time": 1,
    "late": 1,
    "pending": 2,
    "pending_within": 1,
    "overdue": 1,
}
AS_OF = "2026-03-31"


def check_totals(rows: list[dict[str, Any]]) -> None:
    assert [r["field"] for r in rows] == ["Hộ tịch", "Đất đai", None], rows
    total = rows[-1]
    for key, want in TOTALS.items():
        assert total[key] == want, (key, total[key], want)
    assert abs(total["resolved_rate"] - 3 / 5) < 1e-12
    assert abs(total["on_time_rate"] - 2 / 3) < 1e-12
    assert abs(total["online_rate"] - 2 / 5) < 1e-12
    assert rows[1]["on_time_rate"] is None or rows[1]["on_time_rate"] != rows[1]["on_time_rate"]  # none resolved: no rate


def bad_records() -> dict[str, list[Any]]:
    bad = {k: list(v) for k, v in RECORDS.items()}
    bad["received"][1] = "2026-02-30T10:00"
    return bad


def check_bad_row(e: Any) -> None:
    assert isinstance(e, motcua.MotcuaError) and isinstance(e, ValueError)
    assert (e.code, e.index, e.field) == ("csv_field", 1, "received"), (e.code, e.index, e.field)


def frame_pandas() -> None:
    import pandas as pd

    table = motcua.report(pd.DataFrame(RECORDS), by="field", as_of=AS_OF)
    assert isinstance(table, pd.DataFrame), type(table)
    rows = [{str(k): (None if v is None or v != v else v) for k, v in r.items()} for r in table.to_dict("records")]
    check_totals(rows)
    outcomes = motcua.classify(pd.DataFrame(RECORDS), AS_OF)
    assert list(outcomes["outcome"]) == OUTCOMES, list(outcomes["outcome"])
    check_bad_row(raises(motcua.CsvFieldError, lambda: motcua.report(pd.DataFrame(bad_records()), as_of=AS_OF)))


def frame_polars() -> None:
    import polars as pl

    table = motcua.report(pl.DataFrame(RECORDS), by="field", as_of=AS_OF)
    assert isinstance(table, pl.DataFrame), type(table)
    check_totals(table.to_dicts())
    outcomes = motcua.classify(pl.DataFrame(RECORDS), AS_OF)
    assert outcomes["outcome"].to_list() == OUTCOMES, outcomes["outcome"].to_list()
    check_bad_row(raises(motcua.CsvFieldError, lambda: motcua.report(pl.DataFrame(bad_records()), as_of=AS_OF)))


def frame_arrow() -> None:
    import pyarrow as pa

    outcomes = motcua.classify(pa.table(RECORDS), AS_OF)
    assert isinstance(outcomes, pa.Table), type(outcomes)
    assert outcomes.column("outcome").to_pylist() == OUTCOMES
    check_totals(motcua.Report.build(pa.table(RECORDS), by="field", as_of=AS_OF).rows)
    check_bad_row(raises(motcua.CsvFieldError, lambda: motcua.classify(pa.table(bad_records()), AS_OF)))


def plot_year() -> None:
    import matplotlib

    matplotlib.use("Agg")
    ax = motcua.Calendar.vietnam().plot_year(2026, lang="en")
    assert ax.get_title() == "Working calendar 2026 (official)", ax.get_title()
    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp) / "2026.png"
        ax.figure.savefig(png, dpi=60)
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000, png.stat().st_size


FRAMES = {"pandas": frame_pandas, "polars": frame_polars, "arrow": frame_arrow, "plot": plot_year}


def main(argv: list[str]) -> int:
    unknown = [a for a in argv if a not in FRAMES]
    if unknown:
        print(f"usage: smoke_installed.py [{'] ['.join(EXTRAS)}]; unknown {unknown}", file=sys.stderr)
        return 2
    for extra in argv:
        check(f"frames: {extra}")(FRAMES[extra])
    where = Path(motcua.__file__).parent
    print(f"motcua {motcua.__version__} on Python {sys.version.split()[0]} from {where}: {'; '.join(checked)}")
    print(f"smoke: {len(checked)} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
