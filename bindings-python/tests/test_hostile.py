"""Hostile input at the Python door (issue "No silent wrong answer"): every class of bad value
gets a typed error naming the parameter (and the index), never a plausible answer."""

from __future__ import annotations

import json
import warnings
import re
from typing import Any

import numpy as np
import pytest

import motcua


@pytest.fixture(scope="module")
def cal() -> motcua.Calendar:
    return motcua.Calendar.vietnam()


# ------------------------------------------------------------------ truthy strings


@pytest.mark.parametrize("value", ["false", "no", "", 0, 1, None, 1.0])
def test_bool_parameters_take_bools_only(value: Any) -> None:
    with pytest.raises(TypeError, match="official"):
        motcua.Calendar.vietnam(official=value)
    with pytest.raises(TypeError, match="include_pending"):
        motcua.Calendar.vietnam(include_pending=value)
    with pytest.raises(TypeError, match="leap"):
        motcua.from_lunar(2025, 6, 1, value)
    with pytest.raises(TypeError, match="with_kind"):
        motcua.Calendar.vietnam().days_off("2026-01-01", "2026-01-31", with_kind=value)
    # (`stages="no"` gave the stage table: it was read for its truthiness)
    rows = [{"received": "2026-03-02T09:00", "time_limit": "3wd"}]
    with pytest.raises(TypeError, match="stages"):
        motcua.report(rows, as_of="2026-03-31", stages=value)


def test_a_path_or_text_is_not_a_catalogue_or_a_calendar(tmp_path: Any) -> None:
    """A file name passed where a Catalogue or a Calendar goes is a TypeError that says how
    to read the file, not an AttributeError from inside the package."""
    rows = [{"received": "2026-03-02T09:00", "procedure": "1.1"}]
    for wrong in ["catalogue.json", tmp_path, {"1.1": "3wd"}]:
        with pytest.raises(TypeError, match=r"`catalogue` must be a motcua.Catalogue .*from_file"):
            motcua.report(rows, catalogue=wrong, as_of="2026-03-31")  # type: ignore[arg-type]
        with pytest.raises(TypeError, match=r"`catalogue` must be a motcua.Catalogue"):
            motcua.due(rows[0], catalogue=wrong)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match=r"`calendar` must be a motcua.Calendar"):
            motcua.due({"received": "2026-03-02T09:00", "time_limit": "3wd"}, calendar=wrong)  # type: ignore[arg-type]
    # Many dossiers as a list: not read as one dossier made of the first dict's keys.
    with pytest.raises(TypeError, match="a dossier is a dict"):
        motcua.due([{"received": "2026-03-02T09:00", "time_limit": "3wd"}])


def test_numpy_bools_are_bools() -> None:
    assert motcua.Calendar.vietnam(official=np.bool_(False)).is_working_day("2026-01-02")  # type: ignore[arg-type]
    leap = motcua.from_lunar(2025, 6, 1, np.bool_(True))
    assert leap == motcua.from_lunar(2025, 6, 1, True) != motcua.from_lunar(2025, 6, 1, False)
    got = motcua.from_lunar([2025, 2025], 6, 1, np.array([True, False]))
    assert [str(x) for x in got] == ["2025-07-25", "2025-06-25"]
    with pytest.raises(TypeError, match="leap"):
        motcua.from_lunar([2025, 2025], 6, 1, np.array(["true", "false"]))
    with pytest.raises(TypeError, match="leap"):
        motcua.from_lunar([2025, 2025], 6, 1, [1, 0])


# ------------------------------------------------------------------ wrapped integers


def test_garbage_day_numbers_are_out_of_range(cal: motcua.Calendar) -> None:
    # np.empty garbage read as datetime64[D]: values near the int64 minimum (NaT itself is
    # the minimum and stays missing).
    raw = np.array([20000, np.iinfo(np.int64).min + 1, np.iinfo(np.int64).max], dtype=np.int64)
    days = raw.view("datetime64[D]")
    for call in (
        lambda: cal.add_working_days(days, 1),
        lambda: cal.is_working_day(days),
        lambda: cal.working_days_between(days, "2026-01-01"),
    ):
        with pytest.raises(motcua.DateOutOfRangeError) as e:
            call()
        assert e.value.index == 1


@pytest.mark.parametrize(
    "n, index",
    [
        (np.array([1, 2**64 - 1], dtype=np.uint64), 1),
        (np.array([1.0, np.inf]), 1),
        (np.array([-np.inf, 1.0]), 0),
        (np.array([1.0, 1e300]), 1),
        (np.array([2.5, 1.0]), 0),
    ],
)
def test_n_arrays_are_range_checked(cal: motcua.Calendar, n: Any, index: int) -> None:
    days = np.array(["2026-03-02", "2026-03-03"], dtype="datetime64[D]")
    with pytest.raises(motcua.InvalidNumberError) as e:
        cal.add_working_days(days, n)
    assert e.value.index == index and "`n`" in str(e.value)


@pytest.mark.parametrize("n", [2**63, -(2**63), 2**70, float("inf"), float("nan"), 1e300, 2.5, True])
def test_scalar_n_is_range_checked(cal: motcua.Calendar, n: Any) -> None:
    with pytest.raises(motcua.InvalidNumberError, match="`n`"):
        cal.add_working_days("2026-03-02", n)


def test_nan_in_a_float_array_is_missing(cal: motcua.Calendar) -> None:
    days = np.array(["2026-03-02", "2026-03-02"], dtype="datetime64[D]")
    got = cal.add_working_days(days, np.array([1.0, np.nan]))
    assert str(got[0]) == "2026-03-03" and np.isnat(got[1])


# ------------------------------------------------------------------ as_of accidents, loads, columns


@pytest.mark.parametrize("missing", [float("nan"), np.datetime64("NaT"), np.float64("nan")])
def test_a_missing_as_of_is_not_now(missing: Any) -> None:
    import pandas as pd

    df = pd.DataFrame({"received": pd.to_datetime(["2026-03-02 09:30"]), "time_limit": ["3wd"]})
    values: list[Any] = [missing, pd.NaT]
    for value in values:
        with pytest.raises(motcua.EmptyInputError, match="as_of"):
            motcua.report(df, as_of=value)
        with pytest.raises(motcua.EmptyInputError, match="as_of"):
            motcua.classify({"received": "2026-03-02T09:30", "time_limit": "3wd"}, as_of=value)
    # Left out or None: now (the dossier received in 2026 is counted).
    assert int(motcua.report(df)["received"].iloc[-1]) == 1
    assert int(motcua.report(df, as_of=None)["received"].iloc[-1]) == 1


@pytest.mark.parametrize("as_of", ["1926-11-15", "1994-12-31T23:00", "2200-01-01", "2300-01-01"])
def test_an_as_of_outside_the_calendar_fails_before_any_row_is_read(as_of: str) -> None:
    """Not a table of zeros (every dossier "received after" 1926), nor an error blamed on a
    row: the CLI's exit 2 for the same --as-of."""
    import pandas as pd

    df = pd.DataFrame({"received": ["2026-03-02T09:00"], "time_limit": ["3wd"]})
    calls = [
        lambda: motcua.report(df, as_of=as_of),
        lambda: motcua.scorecard(df, as_of=as_of),
        lambda: motcua.worklist(df, as_of=as_of),
        lambda: motcua.StageReport.build(df, as_of=as_of),
        lambda: motcua.classify(df, as_of),
        lambda: motcua.due(df, as_of=as_of),
        lambda: motcua.reports.count(df, by=[], as_of=as_of),
    ]
    for call in calls:
        with pytest.raises(motcua.DateOutOfRangeError, match="as_of.*outside the calendar range") as e:
            call()
        assert getattr(e.value, "index", None) is None
    # The edges are inside.
    assert int(motcua.report(df, as_of="2199-12-31")["received"].iloc[-1]) == 1
    assert int(motcua.report(df, as_of="1995-01-01")["received"].iloc[-1]) == 0


@pytest.mark.parametrize("text", ["[]", "{}", "", "  \n", "code,name,level,time_limit,online\n"])
def test_a_catalogue_without_procedures_fails_at_load(text: str) -> None:
    with pytest.raises(motcua.InvalidCatalogueError):
        motcua.Catalogue.from_text(text)
    if text.strip().startswith("["):
        with pytest.raises(motcua.InvalidCatalogueError, match="no procedure"):
            motcua.Catalogue.from_json(text)
    with pytest.raises(motcua.InvalidCatalogueError):
        motcua.Catalogue.from_records([])


def test_a_spec_with_a_byte_order_mark_is_read_and_bad_values_are_located() -> None:
    spec = '\ufeff{"weekmask": "1111100", "from": "2026-01-01", "to": "2026-12-31", "holidays": ["2026-01-01"]}'
    assert not motcua.Calendar.from_spec(spec).is_working_day("2026-01-01")
    with pytest.raises(motcua.InvalidSpecError, match=r"holidays\[1\].*2026-02-30"):
        motcua.Calendar.from_spec(spec.replace('"2026-01-01"]', '"2026-01-01", "2026-02-30"]'))


def test_a_column_read_twice_is_an_error() -> None:
    import pandas as pd

    df = pd.DataFrame(
        [["2026-03-02T09:30", "3wd", "2026-03-03T10:00", ""]],
        columns=["received", "time_limit", "resolved", "resolved"],
    )
    with pytest.raises(motcua.CsvFieldError, match="resolved"):
        motcua.report(df, as_of="2026-03-31")
    import pyarrow as pa

    table = pa.table([["2026-03-02T09:30"], ["3wd"], ["2026-03-03T10:00"], [""]], names=list(df.columns))
    with pytest.raises(motcua.CsvFieldError, match="resolved"):
        motcua.report(table, as_of="2026-03-31")


@pytest.mark.parametrize(
    "kwargs, says",
    [
        ({"by": ["period"], "period": "quarter"}, "cannot group the report by `period`"),
        ({"by": ["received"]}, "cannot group the report by `received`"),
        ({"by": ["field", "field"]}, "`field` is named twice"),
    ],
)
def test_a_report_grouped_by_one_of_its_own_columns_is_refused(kwargs: dict[str, Any], says: str) -> None:
    """A row would hold two values under one name (the CLI's exit 2)."""
    import pandas as pd

    df = pd.DataFrame({"received": ["2026-03-02T09:00"], "time_limit": ["3wd"], "field": ["A"], "period": ["X"]})
    with pytest.raises(motcua.InvalidArgumentError, match=re.escape(says)):
        motcua.report(df, as_of="2026-03-31", **kwargs)
    with pytest.raises(motcua.InvalidArgumentError, match="cannot group the scorecard by `value`"):
        motcua.scorecard(df.assign(value=1), as_of="2026-03-31", by="value")
    # `period` groups a report that is not split by period.
    assert motcua.report(df, as_of="2026-03-31", by="period")["period"].tolist()[:1] == ["X"]


def test_n_among_python_objects_takes_integers_only(cal: motcua.Calendar) -> None:
    """numpy reads `True` in a list as 1 and an object array's `"2"` as 2: both are refused
    with their index, as a scalar bool or text is."""
    days = np.array(["2026-03-02"] * 3, dtype="M8[D]")
    for n, index in (([1, True, 3], 1), ([1, 2, np.bool_(False)], 2), (np.array([1, "2", 3], dtype=object), 1),
                     ((b"1", 2, 3), 0)):
        with pytest.raises(motcua.InvalidNumberError) as e:
            cal.add_working_days(days, n)
        assert e.value.index == index, n
    with pytest.raises(motcua.InvalidNumberError):
        cal.add_working_days(days, "3")
    # int64's minimum is a number, not the array form's missing value
    with pytest.raises(motcua.InvalidNumberError, match="outside the 64-bit") as e:
        cal.add_working_days(days[:2], np.array([1, -(2**63)]))
    assert e.value.index == 1
    # None in a list is missing; one missing n for one date is an error
    assert np.isnat(cal.add_working_days(days, [1, None, 3])[1])
    for missing in (None, pd_na()):
        with pytest.raises(motcua.EmptyInputError, match="`n` is missing"):
            cal.add_working_days("2026-03-02", missing)


def pd_na() -> Any:
    import pandas as pd

    return pd.NA


def test_a_zoned_instant_is_its_day_in_vietnam(cal: motcua.Calendar) -> None:
    """Sun 1 Mar 2026 20:00 UTC is Mon 2 Mar 03:00 in Vietnam: a working day, at every door
    (scalars, pandas, polars, pyarrow), as due/classify/report read it; the answers come back
    in the data's own zone."""
    import datetime as dt

    import pandas as pd
    import polars as pl
    import pyarrow as pa

    t = dt.datetime(2026, 3, 1, 20, 0, tzinfo=dt.timezone.utc)
    assert cal.is_working_day(t) and cal.is_working_day(pd.Timestamp(t))
    assert cal.add_working_days(t, 1) == dt.date(2026, 3, 3)
    s = pd.Series([t, None])
    assert cal.is_working_day(s).tolist() == [True, pd.NA]
    assert cal.add_working_days(pd.Series([t]), 1).tolist() == [pd.Timestamp("2026-03-03", tz="UTC")]
    assert cal.is_working_day(pd.DatetimeIndex([t])).tolist() == [True]
    assert cal.is_working_day(pl.Series([t])).to_list() == [True]
    assert cal.is_working_day(pa.array([t], type=pa.timestamp("us", "UTC"))).to_pylist() == [True]
    # Arrow-backed pandas too, its answers in its zone (they came back naive).
    for zone in ("UTC", "Asia/Tokyo", "America/New_York"):
        zoned = pd.Series([t]).dt.tz_convert(zone)
        arrow = zoned.astype(pd.ArrowDtype(pa.timestamp("us", zone)))
        assert cal.is_working_day(arrow).tolist() == [True]
        assert cal.add_working_days(arrow, 1).tolist() == cal.add_working_days(zoned, 1).tolist()
        assert cal.add_working_days(pd.Index(arrow), 1).tolist() == cal.add_working_days(pd.DatetimeIndex(zoned), 1).tolist()
    # naive: Vietnam's wall clock already (Sunday)
    assert not cal.is_working_day(dt.datetime(2026, 3, 1, 20, 0))


@pytest.mark.parametrize("dtype", ["string", "object"])
def test_pandas_na_in_a_date_column_is_missing(cal: motcua.Calendar, dtype: str) -> None:
    import pandas as pd

    s = pd.Series(["2026-03-02", pd.NA], dtype=dtype)
    got = cal.add_working_days(s, 1)
    assert str(got.iloc[0].date()) == "2026-03-03" and pd.isna(got.iloc[1])
    assert cal.is_working_day(s).tolist()[0] is True


def test_flags_and_counts_of_the_record_functions_are_checked() -> None:
    """A string for a flag is a TypeError naming it, never read for its truthiness; a
    negative or huge count an InvalidNumberError naming it (not a bare OverflowError); True
    is not 1."""
    import pandas as pd

    df = pd.DataFrame({"received": ["2026-03-02T09:00"], "time_limit": ["3wd"]})
    d = {"received": "2026-03-02T09:00", "time_limit": "3wd"}
    a = "2026-03-31"
    m: Any = motcua  # the wrong types are the point
    for call, name in [
        (lambda: m.due(d, explain="false"), "explain"),
        (lambda: m.due(df, explain="false"), "explain"),
        (lambda: m.classify(d, a, explain="false"), "explain"),
        (lambda: m.report(df, as_of=a, skip_bad="false"), "skip_bad"),
        (lambda: m.scorecard(df, as_of=a, skip_bad=0), "skip_bad"),
        (lambda: m.worklist(df, as_of=a, all="false"), "all"),
        (lambda: m.worklist(df, as_of=a, within=True), "within"),
        (lambda: m.worklist(df, as_of=a, within=2.0), "within"),
        (lambda: m.StageReport.build(df, as_of=a, skip_bad="no"), "skip_bad"),
    ]:
        with pytest.raises(TypeError, match=f"`{name}`"):
            call()
    for call, name in [
        (lambda: m.report(df, as_of=a, threads=-1), "threads"),
        (lambda: m.scorecard(df, as_of=a, threads=2**40), "threads"),
        (lambda: m.worklist(df, as_of=a, within=-1), "within"),
        (lambda: m.worklist(df, as_of=a, apology_lead=2**40), "apology_lead"),
    ]:
        with pytest.raises(motcua.InvalidNumberError, match=f"`{name}`"):
            call()


def test_as_of_as_a_pyarrow_scalar_or_pandas_na() -> None:
    """A table's cell as as_of: a pyarrow timestamp scalar is its instant (a zoned one
    converted); NA or a null scalar is missing, never now."""
    import datetime as dt

    import pandas as pd
    import pyarrow as pa

    df = pd.DataFrame({"received": ["2026-03-02T09:00"], "time_limit": ["3wd"], "resolved": ["2026-03-05T16:00"]})
    naive = pa.scalar(dt.datetime(2026, 3, 4, 10, 0), type=pa.timestamp("s"))
    zoned = pa.scalar(dt.datetime(2026, 3, 4, 3, 0, tzinfo=dt.timezone.utc), type=pa.timestamp("s", "UTC"))
    for a in (naive, zoned):
        assert motcua.classify(df, a)["outcome"].tolist() == ["pending_within"]
    for period in (np.datetime64("2026-03"), np.datetime64("2026")):
        with pytest.raises(motcua.InvalidDateError, match="a period, not an instant"):
            motcua.classify(df, period)
    missing_values: list[Any] = [pd.NA, pa.scalar(None, type=pa.timestamp("s"))]
    for missing in missing_values:
        with pytest.raises(motcua.EmptyInputError, match="as_of"):
            motcua.classify(df, missing)


def test_partial_counts_are_counts_of_dossiers() -> None:
    """The cells a PartialReport sums (what motcua.distributed combines): a negative count, a
    row that breaks the report's identities, or a sum past int64 is an error naming the row,
    never clamped, shown or wrapped."""
    cols = list(motcua.reports.COUNT_COLUMNS)

    def cell(**values: int) -> np.ndarray:
        row = np.zeros((1, len(cols)), dtype=np.int64)
        for k, v in values.items():
            row[0, cols.index(k)] = v
        return row

    def fresh() -> Any:
        return motcua.PartialReport("2026-11-15", ["a"], None)

    with pytest.raises(motcua.InvalidArgumentError, match="negative count: `carried_over`") as e:
        fresh().add_cells([["x"]], None, cell(carried_over=-5, received=-5, pending=-5, overdue=-5))
    assert e.value.index == 0
    with pytest.raises(motcua.InvalidArgumentError, match="received = carried_over"):
        fresh().add_cells([["x"]], None, cell(received_new=5))
    big = 2**62 + 2**61
    p = fresh()
    p.add_cells([["x"]], None, cell(carried_over=big, received=big, pending=big, overdue=big))
    with pytest.raises(motcua.InvalidArgumentError, match="overflow"):
        p.add_cells([["x"]], None, cell(carried_over=big, received=big, pending=big, overdue=big))
    ok = fresh()
    ok.add_cells([["x", "y"]], None, np.vstack([cell(received_new=2, received=2, received_direct=2, resolved=2, early=2)] * 2))
    assert [r["received"] for r in json.loads(ok.rows_json())] == [2, 2, 4]


def test_one_partial_report_takes_adds_from_several_threads() -> None:
    """Each add counts its rows without holding the object, then merges: threads adding to one
    PartialReport each add their rows (it was RuntimeError "Already borrowed"); merging a
    partial with itself doubles it."""
    import concurrent.futures as cf

    import pandas as pd

    df = pd.DataFrame({"received": [f"2026-03-{d:02d}T09:00" for d in range(2, 28)] * 40, "time_limit": ["3wd"] * 1040,
                       "field": ["A", "B"] * 520})
    chunks = [df.iloc[i : i + 130] for i in range(0, len(df), 130)]
    p, _ = motcua.reports.count(df.iloc[:0], by=["field"], as_of="2026-03-31")
    with cf.ThreadPoolExecutor(4) as ex:
        list(ex.map(lambda c: motcua.reports.count(c, by=["field"], as_of="2026-03-31", into=p), chunks))
    whole, _ = motcua.reports.count(df, by=["field"], as_of="2026-03-31")
    assert p.rows_json() == whole.rows_json()
    p.merge(p)
    assert json.loads(p.rows_json())[-1]["received"] == 2 * len(df)


def test_a_worklist_takes_adds_from_several_threads() -> None:
    """As a PartialReport: the rows are listed with the object not borrowed, then merged."""
    import concurrent.futures as cf

    import pandas as pd

    from motcua import _motcua
    from motcua import _records as rec

    df = pd.DataFrame({"id": [f"D{i}" for i in range(400)],
                       "received": [f"2026-03-{2 + i % 20:02d}T09:00" for i in range(400)],
                       "time_limit": ["5wd"] * 400})
    cal = motcua.Calendar.vietnam().native

    def listed(frames: list[Any], threads: int) -> str:
        w = _motcua.Worklist(_motcua.as_of("2026-03-25"), [], 3, 1, True)

        def add(frame: Any) -> None:
            for columns, first_row, _ in rec.parts(frame, rec.wanted([], None)):
                w.add(columns, cal, None, None, {}, False, 1, first_row, None)

        with cf.ThreadPoolExecutor(threads) as ex:
            list(ex.map(add, frames))
        # (Each slice is read from its row 0: its rows' `row` is within the slice.)
        rows = [{k: v for k, v in r.items() if k != "row"} for r in json.loads(w.to_json())]
        return str(sorted(rows, key=lambda r: r["id"]))

    whole = listed([df], 1)
    assert listed([df.iloc[i : i + 50] for i in range(0, 400, 50)], 4) == whole


@pytest.mark.parametrize("kind", ["pandas", "polars", "lazy", "arrow"])
def test_a_missing_column_of_a_frame_is_said_in_a_frames_words(kind: str) -> None:
    """The frame's columns, all of them (not only those handed to the core), and `map=`, not
    the CLI's `--map` and "the file"."""
    import pandas as pd
    import polars as pl
    import pyarrow as pa

    df = pd.DataFrame({"ngay": ["2026-03-02T09:00"], "han": ["3wd"], "linh_vuc": ["A"]})
    frame: Any = {"pandas": lambda: df, "polars": lambda: pl.from_pandas(df),
                  "lazy": lambda: pl.from_pandas(df).lazy(), "arrow": lambda: pa.Table.from_pandas(df)}[kind]()
    with pytest.raises(motcua.CsvMissingColumnError) as e:
        motcua.report(frame, as_of="2026-03-31", map={"time_limit": "han"})
    assert str(e.value) == "missing column `received` (columns: ngay, han, linh_vuc)"
    with pytest.raises(motcua.CsvMissingColumnError) as e:
        motcua.report(frame, as_of="2026-03-31", map={"received": "ngay_nhan", "time_limit": "han"})
    assert e.value.message == (
        "map={'received': 'ngay_nhan'}: the frame has no column `ngay_nhan` (columns: ngay, han, linh_vuc)"
    )


def test_column_names_in_any_case_and_a_map_that_changes_nothing() -> None:
    """A frame's ``Resolved`` and ``CHANNEL`` are the columns they name, as a CSV header's are
    (they were ignored: a resolved online dossier reported open, direct and overdue); both
    cases of one name are refused; a map of a misspelt name is an error naming it."""
    import pandas as pd
    import polars as pl

    import motcua.distributed

    df = pd.DataFrame({"received": ["2026-03-03T10:00"], "time_limit": ["3wd"],
                       "Resolved": ["2026-03-04T10:00"], "CHANNEL": ["online"]})
    for frame in (df, pl.from_pandas(df)):
        total = motcua.Report.build(frame, as_of="2026-04-01").rows[-1]
        assert (total["resolved"], total["early"], total["received_online"]) == (1, 1, 1)
    with pytest.raises(motcua.CsvFieldError, match="more than once"):
        motcua.report(df.assign(resolved="2026-03-05T10:00"), as_of="2026-04-01")
    with pytest.raises(motcua.InvalidArgumentError, match=r"map=\{'resolvd': 'Resolved'\}: `resolvd`") as e:
        motcua.report(df, as_of="2026-04-01", map={"resolvd": "Resolved"})
    assert e.value.field == "resolvd"
    assert motcua.distributed.needed_columns(["Resolved", "x", "received"]) == ["Resolved", "received"]


def test_an_object_column_of_naive_and_zoned_instants_reads_each_in_its_zone() -> None:
    """pyarrow gives such a column one type (the first value's): the other kind was read in
    the wrong zone (an after-hours receipt became 13:00). Each value is read as it is."""
    import pandas as pd

    naive = pd.Timestamp("2026-03-02 20:00")  # Vietnam wall clock, after hours
    zoned = pd.Timestamp("2026-03-02 20:00", tz="Asia/Ho_Chi_Minh").tz_convert("UTC")
    for values in ([naive, zoned], [zoned, naive]):
        df = pd.DataFrame({"received": pd.Series(values, dtype=object), "time_limit": ["1wd", "1wd"]})
        got = motcua.classify(df, "2026-03-10")
        assert [str(d) for d in got["due"].dt.date] == ["2026-03-04", "2026-03-04"], values


def test_an_object_column_of_dates_then_instants_keeps_the_times() -> None:
    """pyarrow types an object column by its first value: a ``date`` first cut every later
    ``datetime`` to its date (a receipt at 18:30 counted from that day; what an Excel import
    gives). Each value is read as it is, as the CLI reads the same cells."""
    import datetime as dt

    import pandas as pd

    for first in (dt.date(2026, 3, 2), np.datetime64("2026-03-02", "D")):
        for later in (dt.datetime(2026, 3, 2, 18, 30), pd.Timestamp("2026-03-02 18:30")):
            df = pd.DataFrame(
                {
                    "received": pd.Series([first, later], dtype=object),
                    "time_limit": ["3wd", "3wd"],
                    "resolved": [dt.datetime(2026, 3, 5, 10), dt.datetime(2026, 3, 6, 10)],
                }
            )
            got = motcua.due(df)
            assert [str(d) for d in got["due"].dt.date] == ["2026-03-05", "2026-03-06"], (first, later)
            row = motcua.report(df, as_of="2026-03-31").iloc[0]
            assert (int(row["on_time"]), int(row["late"])) == (2, 0)


def test_wide_and_extreme_integers_are_values() -> None:
    """A uint64 above 2**63 - 1 was read as 2**63 - 1 (two agencies one group); an Arrow
    timestamp of -2**63 (not null) was read as missing (a result vanished: overdue)."""
    import pandas as pd
    import pyarrow as pa

    df = pd.DataFrame(
        {
            "received": ["2026-03-02T09:00"] * 2,
            "time_limit": ["3wd"] * 2,
            "agency": np.array([2**64 - 1, 2**63 - 1], dtype=np.uint64),
        }
    )
    got = motcua.report(df, by="agency", as_of="2026-03-31")
    assert list(got["agency"][:2]) == ["18446744073709551615", "9223372036854775807"]
    assert list(got["received"][:2]) == [1, 1]
    # Python ints past int64 in an object column: pyarrow's OverflowError escaped (not a
    # motcua error); each is its own group.
    df["agency"] = pd.Series([2**64 - 1, 2**70], dtype=object)
    got = motcua.report(df, by="agency", as_of="2026-03-31")
    assert sorted(got["agency"][:2]) == ["1180591620717411303424", "18446744073709551615"]
    for stamps in (pa.array([-(2**63)], pa.timestamp("s")), pa.array([-(2**63), None], pa.timestamp("s"))[:1]):
        t = pa.table({"received": ["2026-03-02T09:00"], "time_limit": ["3wd"], "resolved": stamps})
        with pytest.raises(motcua.MotcuaError, match="resolved"):
            motcua.classify(t, "2026-03-31")


def test_combine_keeps_the_empty_group_and_refuses_other_options() -> None:
    """A partial table's empty key read back from CSV is missing: it is the empty group (it was
    taken for a totals row and dropped); partials counted otherwise are refused, as merge does."""
    import io

    import pandas as pd

    import motcua.distributed as md

    df = pd.DataFrame({"received": ["2026-03-02T09:00"] * 3, "time_limit": ["3wd"] * 3, "field": ["", "A", "B"]})
    part = md.partial_report(df, by="field", as_of="2026-03-31")
    back = pd.read_csv(io.StringIO(part.to_csv(index=False)))
    assert back["field"].isna().sum() == 1
    rows = md.combine_rows(back, by="field")
    assert rows[-1]["received"] == 3 and [r["field"] for r in rows] == ["", "A", "B", None]
    p1 = motcua.PartialReport("2026-03-04", ["field"])
    p2 = motcua.PartialReport("2026-03-31", ["field"])
    with pytest.raises(motcua.InvalidArgumentError, match="one instant"):
        md.combine([p1, p2], by="field")
    with pytest.raises(motcua.InvalidArgumentError, match="counted by"):
        md.combine([motcua.PartialReport("2026-03-31", ["agency"])], by="field")
    # A report table split by period (pandas Periods, polars dates) combines to itself.
    rp = motcua.report(df, by="field", period="month", as_of="2026-03-31")
    assert md.combine_rows(rp, by="field", period="month") == motcua.Report.build(
        df, by="field", period="month", as_of="2026-03-31"
    ).rows


def test_float32_labels_series_alignment_and_extreme_datetimes() -> None:
    import pandas as pd

    df = pd.DataFrame({"received": ["2026-03-02T09:00"] * 2, "time_limit": ["3wd"] * 2,
                       "agency": np.array([0.1, 0.2], dtype=np.float32)})
    assert motcua.report(df, by="agency", as_of="2026-03-31")["agency"].tolist()[:2] == ["0.1", "0.2"]
    cal = motcua.Calendar.vietnam()
    a = pd.Series(pd.to_datetime(["2026-03-02", "2026-03-09"]), index=[0, 1])
    b = pd.Series(pd.to_datetime(["2026-03-10", "2026-03-03"]), index=[1, 0])
    with pytest.raises(motcua.InvalidArgumentError, match="different indexes"):
        cal.working_days_between(a, b)
    assert cal.working_days_between(*a.align(b)).tolist() == [1, 1]
    # numpy's own cast of this instant overflows to 2262: the message names 1677.
    v = np.array([np.iinfo(np.int64).min + 1], dtype="datetime64[ns]")
    with pytest.raises(motcua.DateOutOfRangeError, match="1677-09-21"):
        cal.is_working_day(v)
    cat = motcua.Catalogue.from_records([{"code": "X", "name": "x", "field": "f", "level": "commune",
                                          "time_limit": "3wd", "online": "none"}])
    with pytest.raises(motcua.UnknownProcedureError) as e:
        motcua.report(pd.DataFrame({"received": ["2026-03-02"], "procedure": ["NOPE"]}), as_of="2026-03-31", catalogue=cat)
    assert e.value.value == "NOPE"


def test_a_column_of_nothing_but_missing_values_is_read_from_every_frame() -> None:
    # polars types a column of None `Null` and hands it over the C data interface with a
    # buffer the Arrow importer refused: `resolved` all missing was an InvalidArgumentError
    # for the whole frame (a tester's case); Arrow's null type and pandas' null[pyarrow] too.
    import pandas as pd
    import polars as pl
    import pyarrow as pa

    data = {"received": ["2026-03-02T09:00", "2026-03-03T09:00"], "time_limit": ["3wd", "3wd"]}
    frames: list[Any] = [
        pl.DataFrame({**data, "resolved": [None, None], "field": [None, None]}),
        pl.DataFrame({**data, "resolved": [None, None], "field": [None, None]}).lazy(),
        pa.table({**data, "resolved": pa.nulls(2), "field": pa.nulls(2)}),
        pa.table({**data, "resolved": pa.nulls(2), "field": pa.nulls(2)}).to_pandas(types_mapper=pd.ArrowDtype),
        pd.DataFrame({**data, "resolved": [None, None], "field": [None, None]}),
    ]
    want = motcua.report(pd.DataFrame(data), as_of="2026-03-31")
    for df in frames:
        got = motcua.report(df, as_of="2026-03-31", by="field")
        got = got.to_pandas() if hasattr(got, "to_pandas") else got
        total = got.iloc[[-1]].drop(columns=["field"]).reset_index(drop=True)
        pd.testing.assert_frame_equal(total, want.reset_index(drop=True), check_dtype=False)
        assert (int(total["pending"].iloc[0]), int(total["overdue"].iloc[0])) == (2, 2)


def test_partials_counted_with_other_calendars_rules_or_catalogues_are_not_merged() -> None:
    """Partials record the calendar, rules and catalogue they were counted with: counts made
    otherwise (a month counted before a schedule was announced) are never added up."""
    import pickle

    import pandas as pd

    import motcua.distributed as md

    catalogue = motcua.Catalogue.from_json(
        '[{"code": "1.1", "name": "n", "field": "f", "level": "province", "online": "full", '
        '"time_limit": {"working_days": 3}}]'
    )

    df = pd.DataFrame({"received": ["2026-03-02T09:00"], "time_limit": ["3wd"], "resolved": ["2026-03-05T16:00"]})
    count = motcua.reports.count
    weekdays = motcua.Calendar.weekdays("2026-01-01", "2026-12-31")
    holiday = motcua.Calendar.from_spec(
        '{"weekmask": "1111100", "from": "2026-01-01", "to": "2026-12-31", "holidays": ["2026-03-03"]}'
    )
    base, _ = count(df, by=[], as_of="2026-03-31", calendar=weekdays)
    same, _ = count(df, by=[], as_of="2026-03-31", calendar=weekdays)
    base.merge(same)
    assert base.counted == 2
    others = {
        "different calendars": count(df, by=[], as_of="2026-03-31", calendar=holiday)[0],
        "different rules": count(df, by=[], as_of="2026-03-31", calendar=weekdays, rules={"supplement": "restart"})[0],
        "different catalogues": count(df, by=[], as_of="2026-03-31", calendar=weekdays, catalogue=catalogue)[0],
    }
    for what, other in others.items():
        for p in (other, pickle.loads(pickle.dumps(other))):  # a Spark / Dask worker's partial
            with pytest.raises(motcua.InvalidArgumentError, match=what):
                base.merge(p)
            with pytest.raises(motcua.InvalidArgumentError, match=what):
                md.combine([same, p])
    # Counting more rows into a partial with another calendar is refused, nothing added.
    with pytest.raises(motcua.InvalidArgumentError, match="different calendars"):
        count(df, by=[], as_of="2026-03-31", calendar=holiday, into=base)
    assert base.counted == 2


def test_scalar_numbers_of_other_types_are_checked_as_integers() -> None:
    """A Decimal or Fraction ``n`` is one integer (a scalar answer), checked as one: it was taken
    as an array (an array answer) and ``Decimal("NaN")`` passed as a missing value."""
    import decimal
    import fractions

    cal = motcua.Calendar.vietnam()
    assert cal.add_working_days("2026-04-29", decimal.Decimal(1)) == cal.add_working_days("2026-04-29", 1)
    assert cal.add_working_days("2026-04-29", fractions.Fraction(4, 2)) == cal.add_working_days("2026-04-29", 2)
    for bad in (decimal.Decimal("NaN"), decimal.Decimal("1.5"), decimal.Decimal("-Infinity"),
                fractions.Fraction(1, 2), decimal.Decimal(2**70), complex(1, 0)):
        with pytest.raises(motcua.InvalidNumberError):
            cal.add_working_days("2026-04-29", bad)


def test_overlay_days_are_dates_or_pairs_with_a_text_name() -> None:
    """A closure given as a 1-tuple raised a bare IndexError; a name that is not text became its
    repr. Now an InvalidArgumentError naming the element."""
    cases: list[Any] = [[("2026-01-05",)], [("2026-01-05", 5)], ["2026-01-06", ("2026-01-05", "a", "b")]]
    for days in cases:
        with pytest.raises(motcua.InvalidArgumentError) as e:
            motcua.Calendar.vietnam(closures=days)
        assert e.value.index == len(days) - 1
    unnamed: Any = ("2026-01-05", None)
    cal = motcua.Calendar.vietnam(closures=[unnamed, "2026-01-06", ("2026-01-07", "Bão")])
    assert not any(cal.is_working_day(d) for d in ("2026-01-05", "2026-01-06", "2026-01-07"))


def test_a_receipt_past_the_calendar_is_an_error_not_left_out() -> None:
    """A frame row received in year 9999 (a typo) is ``DateOutOfRangeError`` naming its row and
    column, in the report and in ``classify``, as one received in 1994 is: it was left out as
    received after the as-of instant, without a word."""
    import pandas as pd

    df = pd.DataFrame({"id": ["A", "B"], "received": ["2025-01-02T08:00", "9999-12-31"], "time_limit": ["3wd", "3wd"]})
    for call in (lambda: motcua.report(df, as_of="2199-12-31"), lambda: motcua.classify(df, as_of="2199-12-31")):
        with pytest.raises(motcua.DateOutOfRangeError) as e:
            call()
        assert e.value.index == 1 and e.value.field == "received", (e.value.index, e.value.field)
    with pytest.warns(UserWarning, match="1 bad row"):
        r = motcua.report(df, as_of="2199-12-31", skip_bad=True)
    assert int(list(r["received"])[-1]) == 1


def test_dossier_values_json_cannot_hold_are_a_dossier_error() -> None:
    """A dossier dict holding a value JSON cannot hold (inf, bytes, a time, a set, Decimal NaN)
    is an ``InvalidDossierError``, not json's own TypeError / ValueError; a whole Decimal is its
    integer. A bytearray count is refused as text (numpy read it as an array of its bytes: b"3"
    was 51 working days)."""
    import datetime as dt
    import decimal
    import math

    base = {"received": "2026-03-02T09:00"}
    assert str(motcua.due({**base, "time_limit": {"working_days": decimal.Decimal(3)}}).due) == "2026-03-05"
    for v in (math.inf, b"3", dt.time(1), {1, 2}, decimal.Decimal("NaN")):
        with pytest.raises(motcua.InvalidDossierError):
            motcua.due({**base, "time_limit": {"working_days": v}})
    with pytest.raises(motcua.InvalidTimeLimitError):
        motcua.due({**base, "time_limit": {"working_days": decimal.Decimal("3.5")}})
    cal = motcua.Calendar.vietnam()
    for n in (bytearray(b"3"), memoryview(b"3")):
        with pytest.raises(motcua.InvalidNumberError):
            cal.add_working_days("2026-04-29", n)  # type: ignore[call-overload]


def test_unrepresentable_dates_are_date_errors() -> None:
    """A date string holding a lone surrogate is ``InvalidDateError`` (Python's own
    ``UnicodeEncodeError`` escaped); an ``as_of`` in year 0 is ``DateOutOfRangeError`` (the
    conversion to ``datetime`` raised a bare ``ValueError``)."""
    cal = motcua.Calendar.vietnam()
    dossier = {"received": "2026-03-02T09:00", "time_limit": "3wd"}
    for call in (lambda: cal.is_working_day("\ud800"), lambda: motcua.classify(dossier, as_of="2026-03-0\udfff")):
        with pytest.raises(motcua.InvalidDateError):
            call()
    with pytest.raises(motcua.DateOutOfRangeError) as e:
        motcua.classify(dossier, as_of="0000-01-01")
    assert e.value.field == "as_of"


def test_a_timestamp_past_int32_days_is_out_of_range_not_wrapped(cal: motcua.Calendar) -> None:
    """Arrow's cast of a timestamp to date32 wrapped a day past 2**31 into the calendar (a year
    of 11.7 million read as 2 March 2026: a working day, an answer); polars' gave null, or a
    PanicException for a zoned one. Days are counted in int64 at every door: out of range."""
    import polars as pl
    import pyarrow as pa

    far = (20514 + 2**32) * 86_400 + 36_000  # seconds: 2 March 2026 + 2**32 days, 10:00
    arrays = [
        pa.array([far], pa.timestamp("s")),
        pa.array([far * 1000], pa.timestamp("ms", tz="UTC")),
        pl.Series([far * 1000]).cast(pl.Datetime("ms")),
        pl.Series([far * 1000]).cast(pl.Datetime("ms")).dt.replace_time_zone("UTC"),
    ]
    for a in arrays:
        for call in (cal.is_working_day, lambda x: cal.add_working_days(x, 1)):
            with pytest.raises(motcua.DateOutOfRangeError):
                call(a)
    # In range, zoned: the instant's day in Vietnam (16:00Z on 1 March is 23:00 there, a Sunday).
    sunday_late = 20513 * 86_400_000 + 16 * 3_600_000
    for a in (
        pa.array([sunday_late, None], pa.timestamp("ms", tz="UTC")),
        pl.Series([sunday_late, None]).cast(pl.Datetime("ms")).dt.replace_time_zone("UTC"),
    ):
        got = cal.is_working_day(a)
        assert list(got.to_pylist() if hasattr(got, "to_pylist") else got.to_list()) == [False, None]


def test_skipped_rows_are_said_by_the_convenience_functions() -> None:
    """``motcua.report(df, skip_bad=True)`` (and ``scorecard``, ``worklist``) returned the
    table of the good rows without a word about the others (two of three dossiers vanished):
    a ``UserWarning`` now says how many and the first, as the CLI's stderr line does."""
    import pandas as pd

    df = pd.DataFrame(
        {"received": ["2026-03-02T09:00", "bad", "2026-03-03T09:00"], "time_limit": ["3wd", "3wd", "xx"],
         "resolved": [None, None, None]}
    )
    for call, builder in (
        (lambda: motcua.report(df, as_of="2026-03-31", skip_bad=True), "Report.build"),
        (lambda: motcua.worklist(df, as_of="2026-03-31", skip_bad=True), "Worklist.build"),
        (lambda: motcua.scorecard(df, as_of="2026-03-31", skip_bad=True), "Scorecard.build"),
    ):
        with pytest.warns(UserWarning, match=rf"2 bad row\(s\) skipped .*the first: element 1: line 2, column `received`.*\(and 1 more\); {builder}"):
            call()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        motcua.report(df.iloc[[0]], as_of="2026-03-31", skip_bad=True)


def test_flags_and_numbers_in_an_object_column_are_grouped_as_the_cli_reads_them() -> None:
    """True, 1 and 1.0 are one key to a hash table: a group was "true" or "1" by which came
    first. The CLI and JS read the cells `true` and `1` apart (and `1.0` as `1`)."""
    import pandas as pd

    for values in ([True, 1, 1.0, "1", "true"], [1, True, "true", 1.0, "1"]):
        df = pd.DataFrame(
            {"received": ["2026-03-02T09:00"] * 5, "time_limit": ["3wd"] * 5, "g": pd.Series(values, dtype=object)}
        )
        got = motcua.report(df, by="g", as_of="2026-03-31")
        assert dict(zip(got["g"][:-1], got["received"][:-1])) == {"1": 3, "true": 2}, values


def test_a_date64_that_is_not_a_whole_day_is_refused_in_frames_as_in_calendar_functions() -> None:
    """Arrow's date64 holds whole days in milliseconds: a frame read another value as an
    instant (an 18:30 receipt, due a day later) where the calendar functions refuse it."""
    import pyarrow as pa

    part = pa.array([20514 * 86_400_000 + 66_600_000], pa.date64())
    with pytest.raises(motcua.InvalidDateError, match="not a whole day"):
        motcua.due(pa.table({"received": part, "time_limit": ["3wd"]}))
    with pytest.raises(motcua.InvalidDateError, match="not a whole day"):
        motcua.Calendar.vietnam().is_working_day(part)
    whole = pa.array([20514 * 86_400_000, None], pa.date64())
    got = motcua.due(pa.table({"received": whole[:1], "time_limit": ["3wd"]}))
    assert str(got["due"].to_pylist()[0])[:10] == "2026-03-05"


@pytest.mark.parametrize(
    "odd, why",
    [
        ({"a": 1}, "neither text, a date, a number nor a flag"),
        (["a"], "neither text, a date, a number nor a flag"),
        (("a", 1), "neither text, a date, a number nor a flag"),
        ("2026-03-02\udc80", "lone surrogate"),
    ],
)
@pytest.mark.parametrize("column", ["received", "field", "id"])
def test_an_odd_object_in_a_frame_is_a_bad_row_named_and_skippable(odd: Any, why: str, column: str) -> None:
    """A dict or a list in an object column raised pandas' bare ``TypeError`` (unhashable) for
    the whole frame, a lone surrogate a bare ``UnicodeEncodeError``, a tuple a column-wide
    error without its row: each is now the row's error, located (row, column), and
    ``skip_bad`` / ``errors="coerce"`` pass it (a tester's cases)."""
    import pandas as pd

    cols: dict[str, Any] = {
        "id": ["A", "B", "C"],
        "received": ["2026-03-02T09:00"] * 3,
        "time_limit": ["3wd"] * 3,
        "field": ["x", "y", "x"],
    }
    cols[column] = pd.Series([cols[column][0], odd, cols[column][2]], dtype=object)
    df = pd.DataFrame(cols)
    if column == "id":
        # (An id is read for messages only: the report counts the row.)
        assert int(motcua.report(df, by="field", as_of="2026-03-31")["received"].iloc[-1]) == 3
        return
    with pytest.raises(motcua.MotcuaError, match=re.escape(why)) as e:
        motcua.report(df, by="field", as_of="2026-03-31")
    assert (e.value.index, e.value.field) == (1, column)
    with pytest.warns(UserWarning, match=r"1 bad row\(s\) skipped"):
        got = motcua.report(df, by="field", as_of="2026-03-31", skip_bad=True)
    assert int(got["received"].iloc[-1]) == 2
    if column == "received":
        classified = motcua.classify(df, "2026-03-31", errors="coerce")
        assert classified["outcome"].isna().tolist() == [False, True, False]


def test_a_decimal_from_read_sql_is_read_as_its_text() -> None:
    """``read_sql`` gives a NUMERIC column as ``Decimal``: read as its exact text (an id of
    twenty digits, a code), as the CSV holds it, not refused for the whole column; a NaN is
    missing."""
    import decimal

    import pandas as pd

    big = decimal.Decimal("12345678901234567890")
    df = pd.DataFrame(
        {
            "received": ["2026-03-02T09:00"] * 3,
            "time_limit": ["3wd"] * 3,
            "g": pd.Series([big, decimal.Decimal("1.5"), decimal.Decimal("NaN")], dtype=object),
        }
    )
    got = motcua.report(df, by="g", as_of="2026-03-31")
    assert list(got["g"][:-1]) == sorted(["", "1.5", "12345678901234567890"])
    # Equal in value, written apart (a NUMERIC column without a fixed scale): apart, as in a
    # CSV of them, whatever the order (one group labelled by the first met; a tester's case).
    apart = pd.Series([decimal.Decimal(x) for x in ("1.10", "1.1", "1.100")], dtype=object)
    for order in ([0, 1, 2], [1, 0, 2]):
        df = pd.DataFrame({"received": ["2026-03-02T09:00"] * 3, "time_limit": ["3wd"] * 3, "g": apart})
        got = motcua.report(df.iloc[order], by="g", as_of="2026-03-31")
        assert list(got["g"][:-1]) == ["1.1", "1.10", "1.100"], order
        assert list(got["received"][:-1]) == [1, 1, 1]



def test_arrow_and_polars_decimals_are_read_as_their_text() -> None:
    """A decimal column of polars or Arrow (a database's NUMERIC read by polars / ADBC /
    pyarrow) is read as the text of each value at its scale, as a CSV export of it holds it
    (``1.10`` at scale 2) and as the same values as pandas ``Decimal`` objects are read (it was
    an error for the whole frame: "cast it first")."""
    import decimal
    import io

    import pandas as pd
    import polars as pl
    import pyarrow as pa

    values = [decimal.Decimal("1.10"), decimal.Decimal("2.5"), None, decimal.Decimal("12345678901234567890")]
    n = len(values)
    base = {"received": ["2026-03-02T09:00"] * n, "time_limit": ["3wd"] * n}
    table = pa.table({**base, "g": pa.array(values, type=pa.decimal128(38, 2))})
    csv = "received,time_limit,g\n" + "".join(f"2026-03-02T09:00,3wd,{'' if v is None else f'{v:.2f}'}\n" for v in values)
    want = motcua.report(pd.read_csv(io.StringIO(csv), dtype=str, keep_default_na=False), by="g", as_of="2026-03-31")
    assert list(want["g"][:-1]) == ["", "1.10", "12345678901234567890.00", "2.50"]
    frames = {
        "pyarrow table": table,
        "pyarrow batch": table.to_batches()[0],
        "pyarrow reader": pa.RecordBatchReader.from_batches(table.schema, table.to_batches()),
        "pandas Arrow-backed": table.to_pandas(types_mapper=pd.ArrowDtype),
        "pandas Decimal objects": table.to_pandas(),
        "polars": pl.DataFrame(table),
        "polars lazy": pl.DataFrame(table).lazy(),
    }
    for name, frame in frames.items():
        got = motcua.report(frame, by="g", as_of="2026-03-31")
        got = got if isinstance(got, pd.DataFrame) else got.to_pandas()
        assert list(got["g"][:-1]) == list(want["g"][:-1]), name
        assert list(got["received"]) == list(want["received"]), name


def test_datetime64_of_every_unit_finer_than_a_day_is_floored_to_its_day(cal: motcua.Calendar) -> None:
    """`h`, `m` and `ps` went through numpy's own cast (a second table of units shadowed the
    first): `ps` raised numpy's bare OverflowError (a tester's case)."""
    minutes = np.array(["2026-03-02T10:00", "2026-03-01T23:00", "NaT"], dtype="datetime64[m]")
    want = cal.is_working_day(minutes.astype("datetime64[D]"))
    for unit in ("h", "m", "s", "ms", "us", "ns"):
        assert cal.is_working_day(minutes.astype(f"datetime64[{unit}]")).tolist() == want.tolist(), unit
    # (ps holds ±106 days around 1970: out of the calendar's range, said so.)
    with pytest.raises(motcua.DateOutOfRangeError):
        cal.is_working_day(np.array([0, -1], dtype="datetime64[ps]"))


def test_a_day_number_outside_pythons_dates_is_out_of_range() -> None:
    """Years 1-9999: a day number beyond them was a bare ValueError of the date conversion."""
    from motcua import civil

    assert civil.date_from_day_number(-719162).isoformat() == "0001-01-01"
    assert civil.date_from_day_number(2932896).isoformat() == "9999-12-31"
    for n in (-719163, 2932897):
        with pytest.raises(motcua.DateOutOfRangeError, match="outside Python's dates"):
            civil.date_from_day_number(n)


def test_a_missing_leap_flag_answers_missing_as_a_missing_year_does() -> None:
    """A nullable boolean's NA in ``leap`` was a ``TypeError`` while a missing year gave
    ``NaT`` (a tester's case); a missing flag is not ``False``: the answer is missing."""
    import pandas as pd
    import polars as pl

    want = ["2025-07-25", "NaT"]
    for leap in (pd.array([True, None], dtype="boolean"), [True, None], pl.Series([True, None])):
        got = motcua.from_lunar([2025, 2025], 6, 1, leap=leap)
        assert np.datetime_as_string(got).tolist() == want, leap
    # Broadcast: one year, two flags.
    assert np.datetime_as_string(motcua.from_lunar(2025, 6, 1, leap=[None, False])).tolist() == ["NaT", "2025-06-25"]
    with pytest.raises(TypeError, match="array of bools"):
        motcua.from_lunar([2025], 6, 1, leap=["yes"])
    with pytest.raises(TypeError, match="array of bools"):
        motcua.from_lunar([2025], 6, 1, leap=[1])


def test_a_mapping_of_single_values_is_said_to_want_columns() -> None:
    """A dict of one value per column was read as columns of characters ("columns differ in
    length (10 and 3)": a tester's case): one value where a column is wanted is said so."""
    for cols, name in (
        ({"received": "2026-03-02", "time_limit": "3wd"}, "received"),
        ({"received": ["2026-03-02"], "time_limit": 3}, "time_limit"),
        ({"received": ["2026-03-02"], "time_limit": b"3wd"}, "time_limit"),
    ):
        with pytest.raises(motcua.InvalidArgumentError, match=rf"column `{name}` is one value .*not a column"):
            motcua.report(cols, as_of="2026-03-31")
    got = motcua.report({"received": ["2026-03-02"], "time_limit": ("3wd",)}, as_of="2026-03-31")
    assert int(got["received"].iloc[-1]) == 1


def test_a_map_is_checked_and_a_frame_column_may_be_named_by_its_number() -> None:
    """``map={"received": 0}`` (a frame read with ``header=None`` numbers its columns) was a
    bare ``TypeError``, ``map="received=0"`` a ``ValueError``: the number names its column, and
    anything else is an ``InvalidArgumentError`` naming ``map``, in every builder."""
    import io

    import pandas as pd

    df = pd.read_csv(io.StringIO("2026-03-02T09:30,3wd\n2026-03-03T09:30,3wd\n"), header=None)
    by_text = motcua.report(df, as_of="2026-03-31", map={"received": "0", "time_limit": "1"})
    by_number = motcua.report(df, as_of="2026-03-31", map={"received": 0, "time_limit": np.int64(1)})  # type: ignore[dict-item]  # (numpy integers are taken too)
    pd.testing.assert_frame_equal(by_number, by_text)
    assert int(by_text["received"].iloc[-1]) == 2
    calls = (
        lambda m: motcua.report(df, as_of="2026-03-31", map=m),
        lambda m: motcua.classify(df, as_of="2026-03-31", map=m),
        lambda m: motcua.due(df, map=m),
        lambda m: motcua.worklist(df, as_of="2026-03-31", map=m),
        lambda m: motcua.scorecard(df, as_of="2026-03-31", map=m),
    )
    for bad, says in (
        ("received=0", "expected a mapping"),
        ({"received": 0.0}, "must name a source column"),
        ({"received": True}, "must name a source column"),
        ({0: "received"}, "named by a string"),
    ):
        for call in calls:
            with pytest.raises(motcua.InvalidArgumentError, match=f"map: .*{says}"):
                call(bad)


def test_a_catalogue_frame_writes_numbers_as_the_records_do() -> None:
    """A float code column gave ``"2.0"`` (``str``), which no record's ``2`` (the record
    reader's text of a whole float) matched: ``UnknownProcedureError``. Numbers and flags are
    written as the record reader writes them, NaN is missing."""
    import pandas as pd

    frame = pd.DataFrame(
        {
            "code": [1.5, 2.0, 3],
            "name": ["a", "b", "c"],
            "field": ["f", "g", "h"],
            "level": ["commune"] * 3,
            "time_limit": ["3wd", "5wd", "7wd"],
            "online": ["full", "none", "none"],
        }
    )
    cat = motcua.Catalogue.from_frame(frame)
    assert cat.codes() == ["1.5", "2", "3"]
    records = pd.DataFrame({"received": ["2026-03-02", "2026-03-02"], "procedure": [2.0, 1.5]})
    got = motcua.classify(records, as_of="2026-03-31", catalogue=cat)
    assert list(got["due"].astype(str)) == ["2026-03-09", "2026-03-05"]
    assert motcua.procedure._cell(float("nan")) is None
    assert motcua.procedure._cell(np.bool_(True)) == "true"
    assert motcua.procedure._cell(np.int32(7)) == "7"
    assert motcua.procedure._cell(1e300) == repr(1e300)


def test_arguments_of_the_wrong_type_are_motcua_errors() -> None:
    """An argument of the wrong type is a ``motcua.ArgumentTypeError``: a ``TypeError`` as
    Python has it, and an ``InvalidArgumentError`` naming the argument, so ``except
    MotcuaError`` catches it (it was a bare ``TypeError``); ``period=1`` names ``period`` (it was
    pyo3's "'int' object is not an instance of 'str'")."""
    import pandas as pd

    df = pd.DataFrame({"received": ["2026-03-02T09:00"], "time_limit": ["3wd"]})
    cases: list[tuple[dict[str, Any], str]] = [
        ({"threads": "2"}, "threads"),
        ({"threads": 1.5}, "threads"),
        ({"calendar": "vn"}, "calendar"),
        ({"catalogue": "x.json"}, "catalogue"),
        ({"skip_bad": 1}, "skip_bad"),
    ]
    for kw, name in cases:
        with pytest.raises(motcua.ArgumentTypeError, match=f"`{name}`") as e:
            motcua.report(df, as_of="2026-12-01", **kw)
        assert isinstance(e.value, TypeError) and isinstance(e.value, motcua.MotcuaError), kw
        assert e.value.code == "invalid_argument"
    for period in (1, b"month", ["month"]):
        with pytest.raises(motcua.InvalidArgumentError, match="`period` must be"):
            motcua.report(df, as_of="2026-12-01", period=period)  # type: ignore[arg-type]
    with pytest.raises(motcua.ArgumentTypeError, match="`within`"):
        motcua.worklist(df, as_of="2026-03-03", within="3")  # type: ignore[call-overload]


def test_a_bad_keep_is_said_before_the_rows_are_read() -> None:
    """``classify(frame, keep=...)`` checks ``keep`` before reading the frame: its error, not
    that of a bad row met first (it was the row's ``CsvFieldError``)."""
    import pandas as pd

    df = pd.DataFrame({"received": ["2026-13-02"], "time_limit": ["3wd"]})
    with pytest.raises(motcua.InvalidArgumentError, match="keep must be"):
        motcua.classify(df, "2026-12-01", keep="received")  # type: ignore[arg-type]
    with pytest.raises(motcua.InvalidArgumentError, match="keep: no column 'outcome'"):
        motcua.classify(df, "2026-12-01", keep=["outcome"])
    with pytest.raises(motcua.CsvFieldError):
        motcua.classify(df, "2026-12-01", keep=True)


def test_a_frame_is_not_a_column(cal: motcua.Calendar) -> None:
    """A frame where dates or ``n`` are expected is an ``ArgumentTypeError``: a pandas frame was
    iterated as its column labels (dates named like its columns), a polars frame read as a 2-D
    array, a pyarrow table an ``InvalidDateError``; as ``n`` each was flattened into counts."""
    import pandas as pd
    import polars as pl
    import pyarrow as pa

    d = np.array(["2026-03-02", "2026-03-06"], dtype="M8[D]")
    frames = [
        pd.DataFrame({"2026-03-02": d}),
        pl.DataFrame({"d": d}),
        pl.DataFrame({"d": d}).lazy(),
        pa.table({"d": d}),
        pa.record_batch({"d": d}),
    ]
    ns = [pd.DataFrame({"n": [1, 2]}), pl.DataFrame({"n": [1, 2]}), pa.table({"n": [1, 2]})]
    for frame in frames:
        for call in (
            lambda: cal.is_working_day(frame),
            lambda: cal.add_working_days(frame, 1),
            lambda: cal.working_days_between(d, frame),
            lambda: cal.day_name(frame),
            lambda: motcua.to_lunar(frame),
            lambda: motcua.Calendar.vietnam(closures=frame),
        ):
            with pytest.raises(motcua.ArgumentTypeError, match="one column"):
                call()
    for n in ns:
        for call in (
            lambda: cal.add_working_days(d, n),
            lambda: cal.add_working_days("2026-03-02", n),
            lambda: cal.add_working_days(d[:1], n),  # (the type is said before any shape)
            lambda: motcua.from_lunar(n, 1, 1),
            lambda: motcua.from_lunar(2025, 1, 1, leap=n),
        ):
            with pytest.raises(motcua.ArgumentTypeError, match="one column"):
                call()


@pytest.mark.parametrize("duration", [np.timedelta64(3, "D"), np.timedelta64(3), np.timedelta64(3, "ns"),
                                      np.timedelta64("NaT"), np.timedelta64("NaT", "D")])
def test_a_duration_is_not_a_count(cal: motcua.Calendar, duration: Any) -> None:
    """numpy's ``timedelta64`` is an integer type: as ``n`` it was a bare ``TypeError`` (from
    ``int()``), as ``threads`` read as its count of units. Refused as the wrong type."""
    import datetime as dt

    import pandas as pd

    d = np.array(["2026-03-02", "2026-03-06"], dtype="M8[D]")
    calls = [
        lambda: cal.add_working_days("2026-03-02", duration),
        lambda: cal.add_working_days(d, duration),
        lambda: cal.add_working_days(d, [1, duration]),
        lambda: cal.add_working_days(d, np.array([duration, duration])),
        lambda: cal.add_working_days(d, pd.Series([duration, duration])),
        lambda: motcua.from_lunar(duration, 1, 1),
        lambda: motcua.from_lunar(2025, [1, 2], duration),
        lambda: motcua.report([{"received": "2026-03-02T09:00", "time_limit": "3wd"}], as_of="2026-03-31",
                              threads=duration),
        lambda: cal.add_working_days("2026-03-02", dt.timedelta(days=3)),
    ]
    for call in calls:
        with pytest.raises(motcua.ArgumentTypeError):
            call()


def test_ragged_nested_lists_are_typed_errors(cal: motcua.Calendar) -> None:
    """Nested lists of different lengths were numpy's bare ``ValueError``: a date error naming
    the first list, as nested lists of one length get (``n``: a number error)."""
    with pytest.raises(motcua.InvalidDateError) as e:
        cal.is_working_day([["2026-03-02"], ["2026-03-03", "2026-03-04"]])
    assert e.value.index == 0
    with pytest.raises(motcua.InvalidDateError) as e:
        cal.add_working_days(["2026-03-02", ["2026-03-03", "2026-03-04"]], 1)
    assert e.value.index == 1
    with pytest.raises(motcua.InvalidDateError):
        motcua.to_lunar([["2026-03-02"], ["2026-03-03", "2026-03-04"]])
    d = np.array(["2026-03-02", "2026-03-06"], dtype="M8[D]")
    with pytest.raises(motcua.InvalidNumberError) as e2:
        cal.add_working_days(d, [1, [1, 2]])
    assert e2.value.index == 1
    with pytest.raises(motcua.InvalidNumberError):
        motcua.from_lunar([[2025], [2025, 2026]], 1, 1)
    with pytest.raises(motcua.ArgumentTypeError):
        motcua.from_lunar([2025, 2026], 1, 1, leap=[[True], [True, False]])
