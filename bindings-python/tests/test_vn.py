"""The Vietnamese preset from Python: 24 November from 2026, announced schedules supplied at run
time (``Calendar.vietnam(schedules=...)``), where each year comes from. The shared vectors
(tests/vectors/schedules.json) check the arithmetic; these tests check the Python door."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest

import motcua


def announced_2027() -> dict[str, Any]:
    """The provisional 2027, announced with a swap (Thu 11 Feb off, Sat 20 Feb worked)."""
    file = motcua.Calendar.vietnam().schedule(2027)
    year = file["years"]["2027"]
    assert year["status"] == "provisional"
    year["status"] = "official"
    year["days_off"] = sorted(year["days_off"] + ["2027-02-11"])
    year["makeup_working_days"] = ["2027-02-20"]
    return file


def test_culture_day_is_a_holiday_from_2026() -> None:
    cal = motcua.Calendar.vietnam()
    assert not cal.is_working_day("2026-11-24")
    assert cal.is_working_day("2025-11-24")
    kinds = {h["date"].isoformat(): h["kind"] for h in cal.holidays(2026)}
    assert kinds["2026-11-24"] == "statutory"
    assert kinds["2026-11-23"] == "pending" and kinds["2026-11-28"] == "pending"
    assert not motcua.Calendar.vietnam(official=False).is_working_day("2026-11-24")


def test_schedules_from_a_mapping_and_a_path(tmp_path: Path) -> None:
    file = announced_2027()
    path = tmp_path / "schedules.json"
    path.write_text(json.dumps(file), encoding="utf-8")
    # A mapping, a path, a path's text, and the file's JSON text (as the JS package takes it:
    # it was read as a file name, "cannot read schedules {...").
    for schedules in (file, path, str(path), json.dumps(file), "  \n" + json.dumps(file)):
        cal = motcua.Calendar.vietnam(schedules=schedules)
        assert not cal.is_working_day("2027-02-11")
        assert cal.is_working_day("2027-02-20")
        assert cal.add_working_days("2027-02-17", 3).isoformat() == "2027-02-20"
        assert cal.schedule_status(2027) == "official"
        assert cal.schedule_source(2027) == "file"
        assert cal.schedule_source(2026) == "embedded"
        assert cal.schedule(2027)["years"]["2027"]["makeup_working_days"] == ["2027-02-20"]
        kinds = {h["date"].isoformat(): h["kind"] for h in cal.holidays(2027)}
        assert kinds["2027-02-11"] == "swapped" and kinds["2027-02-20"] == "makeup_working_day"
    assert motcua.vn.holidays(2027, schedules=file) == motcua.Calendar.vietnam(schedules=file).holidays(2027)
    # due and classify use it
    dossier = {
        "received": "2027-02-17T09:00",
        "time_limit": {"working_days": 3},
        "events": [{"type": "resolved", "at": "2027-02-22T10:00"}],
    }
    got = motcua.classify(dossier, "2027-03-01", motcua.Calendar.vietnam(schedules=file))
    assert (got.due.isoformat(), got.outcome) == ("2027-02-20", "late")
    got = motcua.classify(dossier, "2027-03-01", motcua.Calendar.vietnam())
    assert (got.due.isoformat(), got.outcome) == ("2027-02-22", "on_time")


def test_bulk_queries_see_the_file() -> None:
    import numpy as np

    cal = motcua.Calendar.vietnam(schedules=announced_2027())
    days = np.array(["2027-02-11", "2027-02-20", "2027-02-12"], dtype="datetime64[D]")
    assert cal.is_working_day(days).tolist() == [False, True, True]


def test_pickles_with_its_schedules() -> None:
    cal = motcua.Calendar.vietnam(schedules=announced_2027(), include_pending=True)
    back = pickle.loads(pickle.dumps(cal))
    assert not back.is_working_day("2027-02-11")
    assert back.schedule_source(2027) == "file"
    assert not back.is_working_day("2026-11-23")  # include_pending kept


def test_unedited_schedule_changes_nothing() -> None:
    base = motcua.Calendar.vietnam()
    for year in (2010, 2026, 2027, 2031):
        cal = motcua.Calendar.vietnam(schedules=base.schedule(year))
        assert cal.holidays(year) == base.holidays(year)
        assert cal.days_off(f"{year}-01-01", f"{year}-12-31") == base.days_off(f"{year}-01-01", f"{year}-12-31")


@pytest.mark.parametrize(
    "year, words",
    [
        ({"status": "official", "days_off": ["2027-02-06"], "makeup_working_days": []}, ["2027-02-06", "Saturday"]),
        ({"status": "official", "days_off": [], "makeup_working_days": ["2027-02-22"]}, ["2027-02-22", "Monday"]),
        ({"status": "official", "days_off": ["2028-01-03"], "makeup_working_days": []}, ["2028-01-03", "not in 2027"]),
        ({"status": "announced", "days_off": [], "makeup_working_days": []}, ["announced"]),
        ({"status": "official", "day_off": [], "makeup_working_days": []}, ["day_off"]),
    ],
)
def test_bad_files_raise_invalid_schedule(year: dict[str, Any], words: list[str]) -> None:
    with pytest.raises(motcua.InvalidScheduleError) as e:
        motcua.Calendar.vietnam(schedules={"years": {"2027": year}})
    assert isinstance(e.value, ValueError) and e.value.code == "invalid_schedule"
    for w in ["2027", *words]:
        assert w in str(e.value), (w, str(e.value))


def test_bad_schedules_arguments(tmp_path: Path) -> None:
    with pytest.raises(motcua.MotcuaIOError):
        motcua.Calendar.vietnam(schedules=tmp_path / "missing.json")
    (tmp_path / "junk.json").write_text("{\"years\": ", encoding="utf-8")
    with pytest.raises(motcua.InvalidJsonError):
        motcua.Calendar.vietnam(schedules=tmp_path / "junk.json")
    # (a motcua error, as every wrong argument: it was a bare TypeError)
    with pytest.raises(motcua.InvalidArgumentError, match="schedules must be a path"):
        motcua.Calendar.vietnam(schedules=42)  # type: ignore[arg-type]
    spec_cal = motcua.Calendar.weekdays("2026-01-01", "2026-12-31")
    with pytest.raises(motcua.InvalidArgumentError):
        spec_cal.schedule_status(2026)
    with pytest.raises(motcua.DateOutOfRangeError):
        motcua.Calendar.vietnam().schedule(2200)


def test_a_year_is_an_integer_never_a_bool() -> None:
    # `holidays(True)` was read as year 1 ("outside the calendar's range"): a bool is refused
    # as not an integer, as every integer argument refuses it.
    cal = motcua.vn.calendar()
    for call in (
        lambda: motcua.vn.holidays(True),  # type: ignore[arg-type]
        lambda: cal.holidays(False),  # type: ignore[arg-type]
        lambda: motcua.vn.schedule_status(True),  # type: ignore[arg-type]
    ):
        with pytest.raises(motcua.MotcuaError, match="got a bool"):
            call()
    assert motcua.vn.holidays(2026)[0]["date"].year == 2026
    # Not an integer, or out of range: the same typed error (a bare TypeError / OverflowError).
    for year in (2025.0, "2025", 10**30):
        with pytest.raises(motcua.InvalidNumberError, match="expected an integer in range"):
            cal.holidays(year)  # type: ignore[arg-type]


def test_schedules_mapping_may_hold_date_objects() -> None:
    """A schedules dict built in code may hold ``datetime.date`` objects for its dates (json
    raised a bare ``TypeError``); a datetime, a NaN or a set is ``InvalidScheduleError``. A
    tester's case."""
    import datetime as dt

    # (with every holiday the law fixes that falls on a working day: a year must keep them)
    fixed = [dt.date(2027, m, d) for m, d in ((1, 1), (2, 8), (4, 16), (4, 30), (9, 2), (11, 24))]
    year = {"status": "official", "days_off": fixed, "makeup_working_days": [dt.date(2027, 1, 30)]}
    cal = motcua.Calendar.vietnam(schedules={"years": {"2027": year}})
    assert not cal.is_working_day("2027-01-01") and cal.is_working_day("2027-01-30")
    with pytest.raises(motcua.InvalidScheduleError):
        motcua.Calendar.vietnam(schedules={"years": {dt.date(2027, 1, 1): year}})
    for bad in (dt.datetime(2027, 1, 1), float("nan"), {1, 2}):
        with pytest.raises(motcua.InvalidScheduleError):
            motcua.Calendar.vietnam(
                schedules={"years": {"2027": {"status": "official", "days_off": [bad], "makeup_working_days": []}}}
            )
