"""The analyst's conveniences on the calendar: day kinds and names over whole columns, days off
by kind, the make-up working days apart, what ``holidays(year)`` holds, and the typing that
keeps pandas in → pandas out and polars in → polars out."""

from __future__ import annotations

import datetime as dt
import json
import typing

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import motcua
from motcua import calendar as mc

from conftest import VECTORS


@pytest.fixture(scope="module")
def vietnam() -> motcua.Calendar:
    return motcua.Calendar.vietnam()


def _span(first: str, last: str) -> np.ndarray:
    return np.arange(np.datetime64(first), np.datetime64(last) + 1, dtype="datetime64[D]")


def test_day_kinds_come_from_the_core() -> None:
    assert mc.DAY_KINDS == ("working", "weekly_rest", "holiday", "closure", "makeup_working_day")
    # the Literal type checkers see is the core's table (a regenerate-diff test for it)
    assert tuple(typing.get_args(lit)[0] for lit in typing.get_args(mc.DayKindName)) == mc.DAY_KINDS


def test_day_kind_columns_agree_with_the_scalar(vietnam: motcua.Calendar) -> None:
    days = _span("2015-12-25", "2027-01-10")
    scalar = [vietnam.day_kind(d) for d in days.tolist()]
    assert set(scalar) == {"working", "weekly_rest", "holiday", "makeup_working_day"}
    got = vietnam.day_kind(days)
    assert isinstance(got, np.ndarray) and got.dtype == object and got.tolist() == scalar

    index = pd.RangeIndex(100, 100 + len(days))
    s = vietnam.day_kind(pd.Series(days, index=index, name="received"))
    assert isinstance(s, pd.Series) and s.name == "received" and s.index.equals(index)
    assert isinstance(s.dtype, pd.CategoricalDtype) and list(s.cat.categories) == list(mc.DAY_KINDS)
    assert s.astype(object).tolist() == scalar

    p = vietnam.day_kind(pl.Series("received", days))
    assert isinstance(p, pl.Series) and p.name == "received"
    assert p.dtype == pl.Enum(list(mc.DAY_KINDS)) and p.to_list() == scalar

    a = vietnam.day_kind(pa.array(days))
    assert pa.types.is_dictionary(a.type) and a.to_pylist() == scalar

    frame = pl.DataFrame({"d": days}).with_columns(kind=vietnam.day_kind(pl.col("d")))
    assert frame["kind"].to_list() == scalar


def test_day_kind_keeps_missing_and_locates_errors(vietnam: motcua.Calendar) -> None:
    days = np.array(["2026-02-17", "NaT", "2026-01-10"], dtype="datetime64[D]")
    assert vietnam.day_kind(days).tolist() == ["holiday", None, "makeup_working_day"]
    s = vietnam.day_kind(pd.Series(days))
    assert s.isna().tolist() == [False, True, False]
    p = vietnam.day_kind(pl.Series(days))
    assert p.null_count() == 1 and p[2] == "makeup_working_day"
    assert vietnam.day_kind(["2026-01-01", None]).tolist() == ["holiday", None]
    with pytest.raises(motcua.DateOutOfRangeError) as e:
        vietnam.day_kind(np.array(["2026-01-01", "1990-06-01"], dtype="datetime64[D]"))
    assert e.value.index == 1


def test_day_name_columns_agree_with_the_scalar(vietnam: motcua.Calendar) -> None:
    days = _span("2025-12-20", "2026-12-31")
    scalar = [vietnam.day_name(d) for d in days.tolist()]
    assert "Tết Nguyên đán" in scalar and None in scalar
    assert vietnam.day_name(days).tolist() == scalar
    s = vietnam.day_name(pd.Series(days, index=days))
    assert s.index.equals(pd.Index(days)) and s.astype(object).where(s.notna(), None).tolist() == scalar
    p = vietnam.day_name(pl.Series("d", days))
    assert p.dtype == pl.String and p.to_list() == scalar
    assert vietnam.day_name(pa.array(days)).to_pylist() == scalar
    assert vietnam.day_name(np.array([], dtype="datetime64[D]")).shape == (0,)


def _vector_days_off() -> dict[int, set[dt.date]]:
    data = json.loads((VECTORS / "holidays.json").read_text(encoding="utf-8"))
    out = {}
    for case in data["cases"]:
        if case["op"] == "days_off" and case.get("calendar", "vietnam") == "vietnam" and case["input"]["from"][5:] == "01-01" and case["input"]["to"][5:] == "12-31":
            year = int(case["input"]["from"][:4])
            out[year] = {dt.date.fromisoformat(d) for d in case["expected"]}
    assert len(out) >= 10
    return out


def test_days_off_by_kind_and_makeup_days(vietnam: motcua.Calendar) -> None:
    for year, expected in _vector_days_off().items():
        first, last = f"{year}-01-01", f"{year}-12-31"
        assert set(vietnam.days_off(first, last)) == expected
        parts = [set(vietnam.days_off(first, last, kinds=[k])) for k in ("weekly_rest", "holiday", "closure")]
        assert parts[0] | parts[1] | parts[2] == expected and not parts[0] & parts[1]
        # not a weekend, not worked: a holiday; the weekly rest days are all weekends
        weekdays_off = {d for d in expected if d.weekday() < 5}
        assert weekdays_off <= parts[1] and all(d.weekday() >= 5 for d in parts[0])
        if year < 2000:
            continue  # Monday–Saturday weeks until 1999-10-01
        # a make-up working day: a weekend day not off
        every = _span(first, last).tolist()
        makeup = {d for d in every if d.weekday() >= 5 and d not in expected}
        assert set(vietnam.makeup_working_days(first, last)) == makeup, year
    made_up = vietnam.makeup_working_days("2026-01-01", "2026-12-31")
    assert np.array(made_up, dtype="datetime64[D]").dtype == np.dtype("datetime64[D]")
    assert pl.Series(made_up).dtype == pl.Date


def test_days_off_kinds_are_checked(vietnam: motcua.Calendar) -> None:
    assert vietnam.days_off("2026-02-13", "2026-02-23", kinds="closure") == []
    with_kind = vietnam.days_off("2026-02-13", "2026-02-23", kinds=["holiday"], with_kind=True)
    assert {r["kind"] for r in with_kind} == {"holiday"} and with_kind[0]["name"]
    with pytest.raises(motcua.InvalidArgumentError, match="makeup_working_days"):
        vietnam.days_off("2026-01-01", "2026-12-31", kinds=["makeup_working_day"])
    with pytest.raises(motcua.InvalidArgumentError, match="`weekend`"):
        vietnam.days_off("2026-01-01", "2026-12-31", kinds=["weekend"])
    with pytest.raises(motcua.InvalidArgumentError):
        vietnam.makeup_working_days("2026-12-31", "2026-01-01")


def test_holidays_say_which_days_are_off(vietnam: motcua.Calendar) -> None:
    expected = _vector_days_off()[2026]
    rows = vietnam.holidays(2026)
    kinds = {r["kind"] for r in rows}
    assert {"makeup_working_day", "pending", "statutory"} <= kinds
    for r in rows:
        assert r["day_off"] == (r["date"] in expected), r
    assert [r["date"] for r in rows if r["kind"] == "makeup_working_day"] == vietnam.makeup_working_days(
        "2026-01-01", "2026-12-31"
    )
    pending = motcua.Calendar.vietnam(include_pending=True).holidays(2026)
    assert {r["date"].isoformat(): r["day_off"] for r in pending if r["kind"] == "pending"} == {
        "2026-11-23": True,
        "2026-11-28": False,
    }
    assert motcua.vn.holidays(2026) == rows
    spec = motcua.Calendar.from_spec(
        {"weekmask": "1111100", "from": "2026-01-01", "to": "2026-12-31",
         "holidays": ["2026-01-01"], "working_days": ["2026-01-10"]}
    )
    assert [(r["kind"], r["day_off"]) for r in spec.holidays(2026)] == [("holiday", True), ("makeup_working_day", False)]
    # An entry's own kind wins (a bare date takes its list's); the same rows as the CLI's
    # `holidays --calendar` (its name as name_vi and name_en, "" without one; they were one
    # `name`, None without one, here only), and no year outside the spec.
    kinded = motcua.Calendar.from_spec(
        {"weekmask": "1111100", "from": "2026-01-01", "to": "2026-12-31",
         "holidays": ["2026-01-01", {"date": "2026-09-02", "name": "Quốc khánh", "kind": "statutory"},
                      {"date": "2026-09-01", "kind": "compensatory"}],
         "closures": [{"date": "2026-03-03", "name": "Lũ"}], "working_days": ["2026-01-10"]}
    )
    assert [(r["date"].isoformat(), r["name_vi"], r["name_en"], r["kind"], r["day_off"]) for r in kinded.holidays(2026)] == [
        ("2026-01-01", "", "", "holiday", True),
        ("2026-01-10", "", "", "makeup_working_day", False),
        ("2026-03-03", "Lũ", "Lũ", "closure", True),
        ("2026-09-01", "", "", "compensatory", True),
        ("2026-09-02", "Quốc khánh", "Quốc khánh", "statutory", True),
    ]
    assert list(kinded.holidays(2026)[0]) == list(rows[0])  # one shape for every calendar
    with pytest.raises(motcua.DateOutOfRangeError, match="2027"):
        kinded.holidays(2027)


def test_overloads_keep_the_container(vietnam: motcua.Calendar) -> None:
    # checked by mypy (assert_type) and at run time
    from typing_extensions import assert_type

    s = pd.Series(pd.to_datetime(["2026-03-06"]))
    p = pl.Series([dt.date(2026, 3, 6)])
    a: "np.ndarray[tuple[int], np.dtype[np.datetime64]]" = np.array(["2026-03-06"], dtype="datetime64[D]")
    assert isinstance(assert_type(vietnam.add_working_days(s, 1), "pd.Series[typing.Any]"), pd.Series)
    assert isinstance(assert_type(vietnam.add_working_days(p, 1), pl.Series), pl.Series)
    assert isinstance(assert_type(vietnam.is_working_day(a), "np.ndarray[typing.Any, typing.Any]"), np.ndarray)
    assert isinstance(assert_type(vietnam.working_days_between(p, "2026-03-09"), pl.Series), pl.Series)
    assert isinstance(assert_type(vietnam.day_kind(s), "pd.Series[typing.Any]"), pd.Series)
    assert isinstance(assert_type(vietnam.day_name(p), pl.Series), pl.Series)
    assert isinstance(assert_type(vietnam.day_kind(pl.col("d")), pl.Expr), pl.Expr)
    assert assert_type(vietnam.day_kind("2026-03-07"), mc.DayKindName) == "weekly_rest"
    assert assert_type(vietnam.add_working_days("2026-03-06", 1), dt.date) == dt.date(2026, 3, 9)


def test_classify_keeps_the_input_columns() -> None:
    import pyarrow as pa

    df = pd.DataFrame(
        {"id": ["a", "b"], "received": pd.to_datetime(["2026-03-03 10:00", "2026-03-03 10:00"]),
         "time_limit": ["5wd", "5wd"], "resolved": pd.to_datetime(pd.Series(["2026-03-11 09:00", None])).to_numpy(), "field": ["x", "y"]},
        index=pd.Index([10, 20], name="row"),
    )
    plain = motcua.classify(df, "2026-03-12")
    both = motcua.classify(df, "2026-03-12", keep=True)
    assert list(both.columns) == [*df.columns, *plain.columns]
    assert list(both.index) == [10, 20] and list(both["outcome"]) == ["late", "overdue"]
    pd.testing.assert_frame_equal(both[list(plain.columns)], plain)
    some = motcua.classify(df, "2026-03-12", keep=["id", "field"])
    assert list(some.columns) == ["id", "field", *plain.columns]
    p = pl.from_pandas(df.reset_index(drop=True))
    for frame in (p, p.lazy()):
        got = motcua.classify(frame, "2026-03-12", keep=["id"])
        assert isinstance(got, pl.DataFrame) and got.columns[:2] == ["id", "due"]
        assert got["outcome"].to_list() == ["late", "overdue"]
    t = pa.Table.from_pandas(df.reset_index(drop=True))
    assert motcua.classify(t, "2026-03-12", keep=["field"]).column_names[:2] == ["field", "due"]
    with pytest.raises(motcua.InvalidArgumentError, match="no column 'nope'"):
        motcua.classify(df, "2026-03-12", keep=["nope"])
    with pytest.raises(motcua.InvalidArgumentError, match="'due'"):
        motcua.classify(df.assign(due="x"), "2026-03-12", keep=True)
    with pytest.raises(motcua.InvalidArgumentError):
        motcua.classify(df, "2026-03-12", keep="id")
    with pytest.raises(motcua.InvalidArgumentError, match="RecordBatchReader"):
        motcua.classify(t.to_reader(), "2026-03-12", keep=True)


@pytest.mark.parametrize("period", ["month", "quarter", "year"])
def test_report_periods_are_dates_not_text(period: str) -> None:
    # The labels the core writes (2026-03, 2026-Q1, 2026) become a pandas Period column and a
    # polars Date (the period's first day); the first day is checked against the calendar's own
    # month arithmetic, independent of the conversion.
    frame = pd.DataFrame({
        "received": ["2025-12-30T09:00", "2026-02-02T09:00", "2026-05-04T09:00", "2026-08-03T09:00"],
        "time_limit": ["3wd"] * 4,
        "resolved": ["2026-01-02T10:00", "2026-02-03T10:00", None, "2026-08-04T10:00"],
    })
    rep = motcua.Report.build(frame, period=period, as_of="2026-11-15")
    labels = [r["period"] for r in rep.rows]
    t = rep.to_pandas()
    assert str(t["period"].dtype) == {"month": "period[M]", "quarter": "period[Q-DEC]", "year": "period[Y-DEC]"}[period]
    assert [str(p) for p in t["period"]] == [lab.replace("-Q", "Q") for lab in labels]
    p = rep.to_polars()
    assert p.schema["period"] == pl.Date
    starts = p["period"].to_list()
    for lab, start, per in zip(labels, starts, t["period"]):
        assert start == per.start_time.date(), (lab, start)
        assert start.day == 1 and start.month in ({"month": range(1, 13), "quarter": (1, 4, 7, 10), "year": (1,)}[period])
    # The report door returns the same types.
    assert motcua.report(frame, period=period, as_of="2026-11-15")["period"].dtype == t["period"].dtype
    assert motcua.report(pl.from_pandas(frame), period=period, as_of="2026-11-15").schema["period"] == pl.Date
