"""Error mapping (one class per core code, ``.code``, ``ValueError``), the spec and file
constructors, lunar bulk conversions and the doctests of every module."""

from __future__ import annotations

import datetime as dt
import doctest
import importlib
import pickle
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pytest

import motcua
from motcua import _motcua
from motcua.error import error_class

MODULES = [
    "motcua",
    "motcua.calendar",
    "motcua.civil",
    "motcua.error",
    "motcua.lunar",
    "motcua.vn",
    "motcua.plot",
    "motcua.procedure",
    "motcua.dossier",
    "motcua.deadline",
    "motcua.outcome",
    "motcua.reports",
    "motcua.indicators",
]


def test_every_core_error_code_has_its_class() -> None:
    codes = _motcua.error_codes()
    assert "date_out_of_range" in codes and len(codes) == len(set(codes))
    for code in codes:
        cls = error_class(code)
        assert cls is not motcua.MotcuaError, f"no class for core code {code}"
        assert cls.code == code
        assert issubclass(cls, motcua.MotcuaError)
        assert issubclass(cls, OSError if code == "io" else ValueError)
        assert cls.__name__ in motcua.__all__, cls.__name__


def test_error_attributes_and_pickle(weekdays: motcua.Calendar) -> None:
    with pytest.raises(motcua.DateOutOfRangeError) as info:
        weekdays.add_working_days(np.array(["2026-03-02", "2051-01-01"], dtype="M8[D]"), 1)
    e = info.value
    assert (e.code, e.index, e.line, e.field) == ("date_out_of_range", 1, None, None)
    assert str(e).startswith("element 1: ") and not e.message.startswith("element")
    again = pickle.loads(pickle.dumps(e))
    assert type(again) is type(e) and again.index == 1 and str(again) == str(e)


def test_spec_and_file_errors(tmp_path: Path) -> None:
    with pytest.raises(motcua.InvalidJsonError) as e:
        motcua.Calendar.from_spec('{"weekmask": "1111100",\n "from": }')
    assert e.value.line == 2
    with pytest.raises(motcua.InvalidSpecError):
        motcua.Calendar.from_spec({"weekmask": "1111100", "from": "2026-01-01", "to": "2026-12-31",
                                   "holidays": ["2026-01-10"], "working_days": ["2026-01-10"]})
    with pytest.raises(motcua.MotcuaIOError) as io:
        motcua.Calendar.from_file(tmp_path / "missing.json")
    assert isinstance(io.value, OSError) and io.value.code == "io"
    spec = tmp_path / "cal.json"
    spec.write_text('{"weekmask": "1111110", "from": "2026-01-01", "to": "2026-12-31"}')
    cal = motcua.Calendar.from_file(spec)
    assert cal.is_working_day("2026-03-07") and cal.spec["weekmask"] == "1111110"
    assert cal.start == dt.date(2026, 1, 1) and cal.end == dt.date(2026, 12, 31)


def test_vietnam_presets_and_overlay() -> None:
    cal = motcua.Calendar.vietnam()
    assert cal.start == dt.date(1995, 1, 1) and cal.end == dt.date(2199, 12, 31)
    assert cal.is_working_day("1998-03-07")  # six-day week before 1999-10-02
    statute = motcua.Calendar.vietnam(official=False)
    assert statute.is_working_day("2026-01-02") and not cal.is_working_day("2026-01-02")
    own = motcua.Calendar.vietnam(closures=[("2026-03-06", "Ngày của tỉnh")], working_days=["2026-01-02"])
    assert not own.is_working_day("2026-03-06") and own.day_name("2026-03-06") == "Ngày của tỉnh"
    assert own.is_working_day("2026-01-02")
    frame = pd.DataFrame(cal.holidays(2026))
    assert list(frame.columns) == ["date", "name_vi", "name_en", "kind", "day_off"]
    assert set(frame["kind"]) <= {"statutory", "compensatory", "swapped", "makeup_working_day", "provisional", "pending"}
    assert motcua.vn.schedule_status(2010) == "statutory"
    with pytest.raises(motcua.DateOutOfRangeError):
        motcua.vn.holidays(1994)
    offs = cal.days_off("2026-02-14", "2026-02-22", with_kind=True)
    assert offs[0] == {"date": dt.date(2026, 2, 14), "kind": "weekly_rest", "name": None}
    assert "Calendar.vietnam" in repr(cal) and "include_pending=True" in repr(motcua.Calendar.vietnam(include_pending=True))
    assert cal.add_working_hours("2026-02-13T16:00", 2) == dt.datetime(2026, 2, 23, 8, 30)
    assert cal.working_hours_between("2026-03-02T07:30", "2026-03-02T17:00") == dt.timedelta(hours=8)


def test_lunar_bulk_matches_scalar() -> None:
    rng = np.random.default_rng(7)
    days = np.datetime64("1900-02-01") + rng.integers(0, 109_000, size=3000).astype("timedelta64[D]")
    cols = motcua.to_lunar(days)
    for i in range(0, 3000, 37):
        want = motcua.to_lunar(days[i])
        assert (cols["year"][i], cols["month"][i], cols["day"][i], cols["leap"][i]) == tuple(want)
    back = motcua.from_lunar(cols["year"], cols["month"], cols["day"], cols["leap"])
    np.testing.assert_array_equal(back, days)
    s = pd.Series(pd.to_datetime(pd.Series(["2026-02-17", None])).to_numpy(), index=["a", "b"])
    frame = motcua.to_lunar(s)
    assert list(frame.index) == ["a", "b"] and frame.loc["a", "day"] == 1 and pd.isna(frame.loc["b", "year"])
    pframe = motcua.to_lunar(pl.Series([dt.date(2026, 2, 17), None]))
    assert pframe.row(0) == (2026, 1, 1, False) and pframe.row(1) == (None, None, None, None)
    pa = pytest.importorskip("pyarrow")
    table = motcua.to_lunar(pa.array([dt.date(2026, 2, 17), None, dt.date(2025, 7, 25)], pa.date32()))
    assert isinstance(table, pa.Table) and table.column_names == ["year", "month", "day", "leap"]
    # A missing date is null in every column (not day 0, not leap False); 2025-07-25 is day 1
    # of the leap 6th month (from_lunar's doctest, the other way).
    assert table.to_pylist() == [
        {"year": 2026, "month": 1, "day": 1, "leap": False},
        {"year": None, "month": None, "day": None, "leap": None},
        {"year": 2025, "month": 6, "day": 1, "leap": True},
    ]
    china = motcua.LunarCalendar.china()
    assert china.to_lunar(dt.date(1985, 1, 21)) == motcua.LunarDate(1984, 12, 1, False)
    assert motcua.LunarCalendar.vietnam().month_length(2025, 6, True) in (29, 30)
    assert motcua.to_lunar("2025-07-25").can_chi == "Ất Tỵ"


def test_lunar_errors() -> None:
    with pytest.raises(motcua.InvalidLunarDateError):
        motcua.from_lunar(2025, 12, 30)
    with pytest.raises(motcua.InvalidLunarDateError) as e:
        motcua.from_lunar([2025, 2025], [1, 13], 1)
    assert e.value.index == 1
    with pytest.raises(motcua.DateOutOfRangeError):
        motcua.to_lunar("1899-12-31")
    with pytest.raises(motcua.DateOutOfRangeError) as e2:
        motcua.to_lunar(np.array(["2000-01-01", "1800-01-01"], dtype="M8[D]"))
    assert e2.value.index == 1
    with pytest.raises(motcua.InvalidArgumentError):
        motcua.LunarCalendar.with_utc_offset_minutes(2000)


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
    assert result.attempted > 0, f"{name} has no doctest"


def test_option_files_in_any_unicode_encoding(tmp_path: Path) -> None:
    """Catalogue, calendar, schedules and targets files are read as the CLI reads them: UTF-8
    with or without its byte-order mark, or UTF-16 with its mark; bytes that are not text raise
    the file's error (a MotcuaError, never a bare UnicodeDecodeError) naming the line."""
    sample = Path(__file__).resolve().parents[2] / "core" / "examples" / "sample" / "catalogue.json"
    want = motcua.Catalogue.from_file(sample).codes()
    text = sample.read_text(encoding="utf-8")
    for name, data in [("le.json", text.encode("utf-16")), ("be.json", b"\xfe\xff" + text.encode("utf-16-be")),
                       ("bom.json", text.encode("utf-8-sig"))]:
        (tmp_path / name).write_bytes(data)
        assert motcua.Catalogue.from_file(tmp_path / name).codes() == want, name
    spec = '{"weekmask": "1111110", "from": "2026-01-01", "to": "2026-12-31"}'
    (tmp_path / "cal16.json").write_bytes(spec.encode("utf-16"))
    assert motcua.Calendar.from_file(tmp_path / "cal16.json").is_working_day("2026-03-07")
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{\n"name": "x\xff"}\n')
    for read, cls, code in [
        (lambda: motcua.Catalogue.from_file(bad), motcua.InvalidCatalogueError, "invalid_catalogue"),
        (lambda: motcua.Calendar.from_file(bad), motcua.InvalidSpecError, "invalid_spec"),
        (lambda: motcua.Calendar.vietnam(schedules=bad), motcua.InvalidScheduleError, "invalid_schedule"),
    ]:
        with pytest.raises(cls) as e:
            read()
        assert e.value.code == code and e.value.line == 2 and "bad.json" in str(e.value)
        assert isinstance(e.value, ValueError)
    with pytest.raises(motcua.MotcuaIOError) as io:
        motcua.Catalogue.from_file(tmp_path / "missing.csv")
    assert isinstance(io.value, OSError) and "missing.csv" in str(io.value)


def test_a_bool_is_not_an_integer_argument() -> None:
    # `True` is an `int` in Python: read as 1 it made `can_chi(True)` the year 1 and
    # `add_working_hours(t, True)` one hour. Every integer argument refuses it.
    from motcua import civil

    cal = motcua.Calendar.vietnam()
    lunar = motcua.LunarCalendar.vietnam()
    calls = [
        lambda: motcua.can_chi(True),
        lambda: motcua.can_chi_en(True),
        lambda: motcua.LunarCalendar.with_utc_offset_minutes(True),
        lambda: cal.add_working_hours("2026-03-06T14:00", True),
        lambda: civil.date_from_day_number(True),
        lambda: lunar.month_length(2025, True, False),
        lambda: lunar.new_year(True),
        lambda: cal.holidays(True),
    ]
    for call in calls:
        with pytest.raises(motcua.InvalidNumberError, match="got a bool"):
            call()
    assert motcua.can_chi(2026) == motcua.can_chi(np.int64(2026)) == "Bính Ngọ"  # type: ignore[arg-type]


def test_extreme_scalars_are_typed_errors_not_wrapped_dates() -> None:
    # numpy's cast of a scalar datetime64 to seconds wraps silently: `datetime64(2**62, 'Y')`
    # was 1970-01-02 after one working day, 2**57 days the day 0, 2**56 days NaT (missing).
    # Each is out of range now, as the array forms say; a year 0 (which chrono parses and a
    # Python date cannot hold) is out of range, not a bare ValueError of the conversion; and
    # pandas' NA is a missing date, as None and NaT are.
    cal = motcua.Calendar.weekdays("1960-01-01", "1980-12-31")
    for value in [np.datetime64(2**62, "Y"), np.datetime64(2**57, "D"), np.datetime64(2**56, "D"), np.datetime64(2**40, "W")]:
        with pytest.raises(motcua.DateOutOfRangeError):
            motcua.civil.day_number(value)
        with pytest.raises(motcua.DateOutOfRangeError):
            cal.add_working_days(value, 1)
    # every unit, against numpy's own cast where it does not overflow
    for text in ["2026-03-01T10:00:00", "1969-12-31T23:59:59", "1900-02-28T00:00:00"]:
        for unit in ["Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns"]:
            v = np.datetime64(text).astype(f"datetime64[{unit}]")
            want = int(v.astype("datetime64[D]").astype(np.int64))
            assert motcua.civil.day_number(v) == want, (text, unit)
    assert motcua.civil.day_number(np.datetime64(-5, "as")) == -1
    assert motcua.civil.day_number(np.datetime64(3, ("D", 2))) == 6
    for call in [lambda: motcua.parse_date("0000-01-01"), lambda: motcua.parse_date("01/01/0000"), lambda: motcua.parse_instant("0001-01-01T00:30+08:00")]:
        with pytest.raises(motcua.DateOutOfRangeError):
            call()
    for missing in [None, pd.NaT, pd.NA]:
        with pytest.raises(motcua.EmptyInputError):
            cal.add_working_days(missing, 1)


def test_arguments_of_the_wrong_type_are_argument_type_errors(tmp_path: Path) -> None:
    # Each raised a bare TypeError / AttributeError (or pyo3's), outside MotcuaError.
    d = {"received": "2026-03-02T09:00", "time_limit": {"working_days": 3}}
    cal = motcua.Calendar.vietnam()
    three: Any = 3
    nothing: Any = None
    calls = [
        lambda: motcua.due(d, rules=three),
        lambda: motcua.Rules.parse([three]),
        lambda: motcua.Rules.parse(three),
        lambda: motcua.due(d, lang=nothing),
        lambda: motcua.classify(d, "2026-03-10", lang=nothing),
        lambda: motcua.Calendar.vietnam(closures=three),
        lambda: cal.days_off("2026-01-01", "2026-02-01", kinds=three),
        lambda: motcua.Calendar.from_file(three),
        lambda: motcua.Catalogue.from_file(three),
    ]
    for call in calls:
        with pytest.raises(motcua.ArgumentTypeError):
            call()
    for bad in [{"2026-03-02", "2026-03-03"}, {"2026-03-02": 1}]:
        with pytest.raises(motcua.ArgumentTypeError):
            cal.add_working_days(bad, 1)
    with pytest.raises(motcua.InvalidArgumentError):
        motcua.due(d, errors="ignore")
    with pytest.raises(motcua.InvalidArgumentError):
        motcua.classify(d, "2026-03-10", errors="ignore")
    # (the right types still work)
    assert motcua.due(d, rules=["supplement=pause"], lang="en").due == dt.date(2026, 3, 5)
    assert not motcua.Calendar.vietnam(closures="2026-03-09").is_working_day("2026-03-09")


def test_a_partial_report_of_another_era_is_out_of_range() -> None:
    # A hand-edited partial whose as_of a Python datetime cannot hold: refused when read (its
    # `.as_of` raised a bare ValueError).
    from motcua import _motcua

    text = _motcua.PartialReport("2026-03-31").to_json()
    assert _motcua.PartialReport.from_json(text).as_of == dt.datetime(2026, 3, 31)
    with pytest.raises(motcua.DateOutOfRangeError):
        _motcua.PartialReport.from_json(text.replace("2026-03-31T00:00:00", "+10000-01-01T00:00:00"))


def test_a_frame_by_procedure_code_without_a_catalogue_is_said_once() -> None:
    """``due`` and ``classify`` of a frame read the records as the report does: codes without
    a catalogue are the records' error, said as the CLI's ``report`` says it (it was the first
    row's lookup error)."""
    df = pd.DataFrame({"received": ["2026-03-02T09:00", "2026-03-03T09:00"], "procedure": ["GT-01", "CU-03"]})
    for call in (lambda: motcua.classify(df, as_of="2026-03-10"), lambda: motcua.due(df)):
        with pytest.raises(motcua.UnknownProcedureError, match="no catalogue was given"):
            call()
