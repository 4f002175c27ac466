"""Bulk queries: every container (numpy, pandas, polars, pyarrow, lists) gives the same answers
as the scalar API, missing values stay missing, ``n`` broadcasts, errors name the element."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import motcua

RNG = np.random.default_rng(20261123)
START = np.datetime64("1996-01-01")
DAYS = START + RNG.integers(0, 365 * 60, size=2000).astype("timedelta64[D]")
N = RNG.integers(-40, 41, size=DAYS.size)


def scalar_add(cal: motcua.Calendar, days: np.ndarray, n: np.ndarray) -> np.ndarray:
    return np.array([cal.add_working_days(d, int(k)) for d, k in zip(days.tolist(), n)], dtype="datetime64[D]")


def test_add_bulk_matches_scalar(vietnam: motcua.Calendar) -> None:
    got = vietnam.add_working_days(DAYS, N)
    assert got.dtype == np.dtype("datetime64[D]")
    np.testing.assert_array_equal(got, scalar_add(vietnam, DAYS, N))
    same_n = vietnam.add_working_days(DAYS, 7)
    np.testing.assert_array_equal(same_n, scalar_add(vietnam, DAYS, np.full(DAYS.size, 7)))


def test_between_and_is_working_bulk_match_scalar(vietnam: motcua.Calendar) -> None:
    b = DAYS + RNG.integers(-90, 90, size=DAYS.size).astype("timedelta64[D]")
    got = vietnam.working_days_between(DAYS, b)
    assert got.dtype == np.int64
    want = [vietnam.working_days_between(x, y) for x, y in zip(DAYS.tolist(), b.tolist())]
    np.testing.assert_array_equal(got, want)
    flags = vietnam.is_working_day(DAYS)
    assert flags.dtype == np.bool_
    np.testing.assert_array_equal(flags, [vietnam.is_working_day(x) for x in DAYS.tolist()])


def test_identity_between_of_add(vietnam: motcua.Calendar) -> None:
    n = np.abs(N) + 1
    np.testing.assert_array_equal(vietnam.working_days_between(DAYS, vietnam.add_working_days(DAYS, n)), n)


def test_next_previous_roll(vietnam: motcua.Calendar) -> None:
    d = DAYS[:200]
    np.testing.assert_array_equal(vietnam.next_working_day(d), vietnam.add_working_days(d, 1))
    np.testing.assert_array_equal(vietnam.previous_working_day(d), vietnam.add_working_days(d, -1))
    rolled = vietnam.roll_forward(d)
    assert vietnam.is_working_day(rolled).all()
    assert vietnam.roll_forward("2026-02-14") == dt.date(2026, 2, 23)


def test_nat_propagates_numpy(vietnam: motcua.Calendar) -> None:
    a = np.array(["2026-03-02", "NaT", "2026-03-06"], dtype="datetime64[D]")
    out = vietnam.add_working_days(a, 1)
    assert np.isnat(out[1]) and out[0] == np.datetime64("2026-03-03")
    counts = vietnam.working_days_between(a, "2026-03-31")
    assert counts.dtype == np.float64 and np.isnan(counts[1]) and counts[0] == 21
    assert vietnam.is_working_day(a).tolist() == [True, False, True]  # NaT → False, as numpy
    n = np.array([1.0, 2.0, np.nan])
    assert np.isnat(vietnam.add_working_days(np.array(["2026-03-02"] * 3, dtype="M8[D]"), n)[2])


def test_other_units_and_shapes(vietnam: motcua.Calendar) -> None:
    ns = np.array(["2026-03-06T23:59:59", "1969-12-31T12:00"], dtype="datetime64[ns]")
    with pytest.raises(motcua.DateOutOfRangeError):
        vietnam.add_working_days(ns, 1)  # 1969 is outside the preset
    ns = ns[:1]
    assert vietnam.add_working_days(ns, 1)[0] == np.datetime64("2026-03-09")
    grid = DAYS[:12].reshape(3, 4)
    out = vietnam.add_working_days(grid, 3)
    assert out.shape == (3, 4)
    np.testing.assert_array_equal(out.ravel(), vietnam.add_working_days(DAYS[:12], 3))
    strided = DAYS[::2]
    np.testing.assert_array_equal(vietnam.add_working_days(strided, 1), vietnam.add_working_days(strided.copy(), 1))


def test_zero_copy_input(vietnam: motcua.Calendar) -> None:
    # datetime64[D] input is read in place: a read-only view works and is left untouched
    a = DAYS.copy()
    a.setflags(write=False)
    before = a.copy()
    vietnam.add_working_days(a, 1)
    np.testing.assert_array_equal(a, before)


def test_pandas_series_and_index(vietnam: motcua.Calendar) -> None:
    s = pd.Series(pd.to_datetime(pd.Series(["2026-03-02 09:30", None, "2026-04-29 00:00"])).to_numpy(), index=[10, 20, 30], name="received")
    out = vietnam.add_working_days(s, 3)
    assert isinstance(out, pd.Series) and out.name == "received" and list(out.index) == [10, 20, 30]
    assert out.dtype == s.dtype
    assert out.iloc[0] == pd.Timestamp("2026-03-05") and pd.isna(out.iloc[1])
    assert out.iloc[2] == pd.Timestamp("2026-05-06")
    flags = vietnam.is_working_day(s)
    assert str(flags.dtype) == "boolean" and pd.isna(flags.iloc[1])
    counts = vietnam.working_days_between(s, "2026-05-29")
    assert list(counts.index) == [10, 20, 30] and np.isnan(counts.iloc[1])
    idx = pd.DatetimeIndex(["2026-03-06", "2026-03-07"], name="d")
    out_idx = vietnam.next_working_day(idx)
    assert isinstance(out_idx, pd.DatetimeIndex) and out_idx.name == "d"
    assert list(out_idx) == [pd.Timestamp("2026-03-09")] * 2
    tz = pd.Series(pd.to_datetime(["2026-03-06 23:30"]).tz_localize("Asia/Ho_Chi_Minh"))
    out_tz = vietnam.add_working_days(tz, 1)
    assert str(out_tz.dt.tz) == "Asia/Ho_Chi_Minh" and out_tz.iloc[0].date() == dt.date(2026, 3, 9)
    obj = pd.Series([dt.date(2026, 3, 6), None, "2026-03-09"])
    assert vietnam.add_working_days(obj, 1).tolist()[::2] == [pd.Timestamp("2026-03-09"), pd.Timestamp("2026-03-10")]
    n = pd.Series([1, None, 3], dtype="Int64")
    out_n = vietnam.add_working_days(pd.Series(pd.to_datetime(["2026-03-02"] * 3)), n)
    assert pd.isna(out_n.iloc[1]) and out_n.iloc[2] == pd.Timestamp("2026-03-05")


def test_pandas_arrow_backed(vietnam: motcua.Calendar) -> None:
    s = pd.Series(pa.array([dt.date(2026, 3, 6), None], type=pa.date32()), dtype=pd.ArrowDtype(pa.date32()))
    out = vietnam.add_working_days(s, 1)
    assert out.iloc[0] == pd.Timestamp("2026-03-09") and pd.isna(out.iloc[1])


def test_polars(vietnam: motcua.Calendar) -> None:
    s = pl.Series("d", [dt.date(2026, 3, 2), None, dt.date(2026, 4, 29)])
    out = vietnam.add_working_days(s, 3)
    assert out.dtype == pl.Date and out.name == "d"
    assert out.to_list() == [dt.date(2026, 3, 5), None, dt.date(2026, 5, 6)]
    assert vietnam.is_working_day(s).to_list() == [True, None, True]
    assert vietnam.working_days_between(s, s).to_list() == [0, None, 0]
    big = pl.Series("d", DAYS.astype("datetime64[D]").tolist())
    np.testing.assert_array_equal(
        vietnam.add_working_days(big, pl.Series(N)).to_numpy().astype("datetime64[D]"),
        vietnam.add_working_days(DAYS, N),
    )
    stamps = pl.Series("t", [dt.datetime(2026, 3, 6, 18, 0)])
    assert vietnam.add_working_days(stamps, 1).to_list() == [dt.date(2026, 3, 9)]
    df = pl.DataFrame({"d": [dt.date(2026, 3, 6)], "n": [2]})
    got = df.select(
        due=vietnam.add_working_days(pl.col("d"), pl.col("n")),
        wd=vietnam.is_working_day(pl.col("d")),
        between=vietnam.working_days_between(pl.col("d"), dt.date(2026, 3, 13)),
    )
    assert got.row(0) == (dt.date(2026, 3, 10), True, 5)


def test_arrow_and_lists(vietnam: motcua.Calendar) -> None:
    a = pa.array([dt.date(2026, 3, 6), None], type=pa.date32())
    out = vietnam.add_working_days(a, 1)
    assert out.type == pa.date32() and out.to_pylist() == [dt.date(2026, 3, 9), None]
    chunked = pa.chunked_array([a, a])
    assert vietnam.add_working_days(chunked, 1).to_pylist() == [dt.date(2026, 3, 9), None] * 2
    got = vietnam.add_working_days(["2026-03-06", dt.date(2026, 3, 6), np.datetime64("2026-03-06"), None], 1)
    assert got.tolist()[:3] == [dt.date(2026, 3, 9)] * 3 and np.isnat(got[3])
    assert vietnam.add_working_days("2026-03-06", [1, 2]).tolist() == [dt.date(2026, 3, 9), dt.date(2026, 3, 10)]
    assert vietnam.add_working_days([], 1).shape == (0,)


def test_scalars(vietnam: motcua.Calendar) -> None:
    for d in ["2026-03-06", "06/03/2026", dt.date(2026, 3, 6), dt.datetime(2026, 3, 6, 23, 0),
              pd.Timestamp("2026-03-06 12:00"), np.datetime64("2026-03-06"), np.datetime64("2026-03-06T10:00")]:
        assert vietnam.add_working_days(d, np.int64(1)) == dt.date(2026, 3, 9), d
    assert vietnam.working_days_between("2026-03-06", "2026-03-09") == 1
    assert vietnam.day_kind("2026-02-17") == "holiday"
    assert vietnam.day_kind("2026-01-10") == "makeup_working_day"


def test_bulk_errors_name_the_index(vietnam: motcua.Calendar) -> None:
    a = np.array(["2026-03-02", "2026-03-03", "1990-01-01"], dtype="datetime64[D]")
    with pytest.raises(motcua.DateOutOfRangeError) as e:
        vietnam.add_working_days(a, 1)
    assert e.value.index == 2 and e.value.code == "date_out_of_range" and "element 2" in str(e.value)
    with pytest.raises(motcua.InvalidDateError) as e2:
        vietnam.add_working_days(["2026-03-02", "2026-02-30"], 1)
    assert e2.value.index == 1 and isinstance(e2.value, ValueError)
    with pytest.raises(motcua.DateOutOfRangeError) as e3:
        vietnam.add_working_days(np.array(["2199-12-30"], dtype="M8[D]"), 5)
    assert e3.value.index == 0
    with pytest.raises(motcua.InvalidArgumentError):
        vietnam.add_working_days(a, [1, 2])
    with pytest.raises(motcua.InvalidNumberError) as e4:
        vietnam.add_working_days(a, [1, 2.5, 3])
    assert e4.value.index == 1
    with pytest.raises(motcua.InvalidNumberError):
        vietnam.add_working_days(a, True)
    with pytest.raises(motcua.InvalidDateError):
        vietnam.add_working_days(np.arange(3), 1)  # plain integers are not dates
    with pytest.raises(motcua.EmptyInputError):
        vietnam.add_working_days(None, 1)
    with pytest.raises(motcua.InvalidDateError):
        vietnam.add_working_days(3.5, 1)
    with pytest.raises(motcua.InvalidDateError) as e5:
        vietnam.is_working_day(pd.Series(["2026-03-02", "not a date"]))
    assert e5.value.index == 1
    # An Arrow / polars date whose value is the int32 minimum but not null is a day far out of
    # range, as in numpy (it was read as missing: a null answer, no error); nulls stay null.
    lowest = np.array([20500, -(2**31)], dtype="int32")
    for days in [
        pa.array(lowest, type=pa.date32()),
        pa.array([20500, None, -(2**31)], type=pa.date32()),
        pl.Series(lowest).cast(pl.Date),
        pl.Series([20500, None, -(2**31)], dtype=pl.Int32).cast(pl.Date),
    ]:
        for call in (lambda d: vietnam.add_working_days(d, 1), vietnam.is_working_day):
            with pytest.raises(motcua.DateOutOfRangeError) as e6:
                call(days)
            assert e6.value.index == len(days) - 1
    assert vietnam.add_working_days(pa.array([20500, None], type=pa.date32()), 1).to_pylist() == [
        dt.date(2026, 2, 23),
        None,
    ]


def test_gil_is_released_during_bulk_work(vietnam: motcua.Calendar) -> None:
    """Another thread runs Python code while one long bulk call is in Rust (it could not if the
    call held the GIL: it would wait for the whole call)."""
    import threading
    import time

    big = np.tile(DAYS, 5000)  # 10M dates
    stamps: list[float] = []
    done = threading.Event()

    def tick() -> None:
        while not done.is_set():
            stamps.append(time.perf_counter())
            time.sleep(0.0002)

    t = threading.Thread(target=tick)
    t.start()
    try:
        time.sleep(0.01)
        t0 = time.perf_counter()
        vietnam.add_working_days(big, 5)
        t1 = time.perf_counter()
    finally:
        done.set()
        t.join()
    assert t1 - t0 > 0.02, "the call was too short to tell"
    inside = [s for s in stamps if t0 + 0.005 < s < t1 - 0.005]
    assert len(inside) >= 3, f"{len(inside)} ticks during a {1000 * (t1 - t0):.0f} ms call"


def test_zoned_answers_read_back_as_their_day(vietnam: motcua.Calendar) -> None:
    # Answers for a zoned pandas input come back in its zone: at midnight there when that is
    # still the day in Vietnam (west of UTC+7), else at the start of the day in Vietnam (east
    # of it: midnight in Tokyo is 22:00 the day before in Vietnam, which read back was the
    # wrong day). Checked by reading every answer back.
    for tz in ["Asia/Tokyo", "Pacific/Auckland", "UTC", "America/New_York", "Asia/Ho_Chi_Minh"]:
        s = pd.Series(
            pd.to_datetime(pd.Series(["2026-02-14 12:00", "2026-03-06 23:30", "2026-11-23 08:00", None])).dt.tz_localize(tz).array,
            index=[5, 6, 7, 8],
            name="t",
        )
        days = vietnam.roll_forward(s)
        assert days.index.tolist() == [5, 6, 7, 8] and days.name == "t" and str(days.dt.tz) == tz
        assert vietnam.is_working_day(days).iloc[:3].tolist() == [True, True, True]
        assert pd.isna(days.iloc[3])
        # the day read back is the day answered, in Vietnam
        in_vietnam = days.dt.tz_convert("Etc/GMT-7").dt.date.iloc[:3].tolist()
        assert in_vietnam == [dt.date(2026, 2, 23), vietnam.roll_forward(s.iloc[1]), dt.date(2026, 11, 23)], tz
        later = vietnam.add_working_days(s, 1)
        assert vietnam.working_days_between(s, later).iloc[:3].tolist() == [1, 1, 1]
        if tz in ("UTC", "America/New_York"):
            assert (days.iloc[:3].dt.hour == 0).all()  # midnight where that is the same day


def test_n_columns_with_missing_values_are_checked_as_they_are() -> None:
    """A column of `n` with a missing value is read as floats only when it holds numbers:
    booleans, text and dates were cast (True → 1, "3" → 3, a date → its day number)."""
    cal = motcua.Calendar.weekdays("2026-01-01", "2026-12-31")
    d = np.array(["2026-03-06"] * 3, dtype="M8[D]")
    for n in [
        pd.Series([True, None, False], dtype="boolean"),
        pl.Series([True, None, False]),
        pd.Series(["3", None, "1"], dtype=object),
        pd.Series(["3", None, "1"], dtype="string"),
        pl.Series(["3", None, "1"]),
        pl.Series([dt.date(1970, 1, 4), None, dt.date(1970, 1, 2)]),
    ]:
        with pytest.raises(motcua.InvalidNumberError):
            cal.add_working_days(d, n)
    # Numbers with a missing value still give a missing answer there.
    want = np.array(["2026-03-11", "NaT", "2026-03-09"], dtype="M8[D]")
    for n in [pd.Series([3, None, 1], dtype="Int64"), pl.Series([3, None, 1]), pd.Series([3.0, np.nan, 1.0]),
              pd.Series([3, None, 1], dtype=object)]:
        np.testing.assert_array_equal(cal.add_working_days(d, n), want)
    # The int64 minimum is a number out of range in either byte order, not a missing value.
    for dtype in ("<i8", ">i8"):
        with pytest.raises(motcua.InvalidNumberError):
            cal.add_working_days(d, np.array([1, -(2**63), 1], dtype=dtype))


def test_operands_of_different_shapes_are_refused_not_paired_in_flat_order() -> None:
    cal = motcua.Calendar.weekdays("2026-01-01", "2026-12-31")
    d = np.array(["2026-03-06", "2026-03-09", "2026-03-10"], dtype="M8[D]")
    for n in (np.array([[1], [2], [3]]), [[1], [2], [3]]):
        with pytest.raises(motcua.InvalidArgumentError, match="shape"):
            cal.add_working_days(d, n)
    with pytest.raises(motcua.InvalidArgumentError, match="shape"):
        cal.working_days_between(d.reshape(3, 1), d)
    # The same shape pairs element by element, in that shape; one date takes the shape of n.
    got = cal.add_working_days(d.reshape(3, 1), np.array([[1], [2], [3]]))
    assert got.shape == (3, 1)
    assert [cal.add_working_days(x, k) for x, k in zip(d, (1, 2, 3))] == [
        v.astype(object) for v in got.reshape(-1)
    ]
    assert cal.add_working_days("2026-03-06", np.array([[1, 2], [3, 4]])).shape == (2, 2)
    assert cal.add_working_days("2026-03-06", np.array(2)).shape == ()


def test_from_lunar_broadcasts_as_numpy_does() -> None:
    years, months = np.array([[2024], [2025], [2026]]), np.array([1, 2, 3])
    got = motcua.from_lunar(years, months, 1)
    assert got.shape == (3, 3)
    for i, y in enumerate((2024, 2025, 2026)):
        for j, m in enumerate((1, 2, 3)):
            assert got[i, j].astype(object) == motcua.from_lunar(y, m, 1)
    assert motcua.from_lunar(np.array([[2024, 2025], [2026, 2027]]), 1, 1).shape == (2, 2)
    assert motcua.from_lunar(np.array(2025), 1, 1).shape == ()
    with pytest.raises(motcua.InvalidArgumentError, match="broadcast"):
        motcua.from_lunar(np.full((2, 1), 2025), np.array([1, 2, 3]).reshape(3, 1), 1)


def test_answers_that_do_not_fit_the_inputs_datetime_unit_are_errors() -> None:
    """numpy does not check a cast from days to nanoseconds: a day past 2262-04-11 wrapped
    round to 1677 in a pandas datetime64[ns] answer."""
    wide = motcua.Calendar.weekdays("1600-01-01", "2400-12-31")
    ns = pd.Series(pd.to_datetime(["2262-04-09"]).astype("datetime64[ns]"))
    with pytest.raises(motcua.DateOutOfRangeError, match="2262-04-16"):
        wide.add_working_days(ns, 5)
    early = pd.Series(pd.to_datetime(["1677-09-23"]).astype("datetime64[ns]"))
    with pytest.raises(motcua.DateOutOfRangeError):
        wide.add_working_days(early, -5)
    assert wide.add_working_days(ns, 1).tolist() == [pd.Timestamp("2262-04-10")]
    secs = pd.Series(pd.to_datetime(["2262-04-09"]).astype("datetime64[s]"))
    assert wide.add_working_days(secs, 5).tolist() == [pd.Timestamp("2262-04-16")]


def test_zoned_answers_at_a_midnight_that_happens_twice() -> None:
    """Amman set its clocks back from 01:00 to 00:00 on 29 October 2021: that day's midnight
    happens twice; the answer is its first (it was NaT)."""
    cal = motcua.Calendar.vietnam()
    s = pd.Series(pd.to_datetime(["2021-10-28 12:00", "NaT"])).dt.tz_localize("Asia/Amman")
    # 00:00 at +03:00, the first of the two midnights, is 21:00 UTC the day before.
    want = [pd.Timestamp("2021-10-28 21:00", tz="UTC").tz_convert("Asia/Amman"), pd.NaT]
    for got in (cal.add_working_days(s, 1), cal.next_working_day(s)):
        assert got.iloc[0] == want[0] and got.iloc[0].utcoffset() == dt.timedelta(hours=3)
        assert pd.isna(got.iloc[1])


def test_femto_and_attosecond_datetimes_and_partial_date64_days() -> None:
    """numpy cannot cast femto- or attoseconds to days (its factor overflows): their days are
    read from the ticks (all within hours of 1970-01-01); an Arrow date64 that is not a whole
    day is a typed error (it was Arrow's own ArrowInvalid)."""
    cal = motcua.Calendar.weekdays("1960-01-01", "1980-12-31")
    got = cal.next_working_day(np.array([1, -1, np.iinfo(np.int64).min], dtype="M8[as]"))
    np.testing.assert_array_equal(got, np.array(["1970-01-02", "1970-01-01", "NaT"], dtype="M8[D]"))
    got = cal.next_working_day(np.array([10**18, -(10**18)], dtype="M8[fs]"))
    np.testing.assert_array_equal(got, np.array(["1970-01-02", "1970-01-01"], dtype="M8[D]"))
    assert cal.next_working_day(np.datetime64(1, "fs")) == dt.date(1970, 1, 2)
    with pytest.raises(motcua.InvalidDateError):
        cal.next_working_day(pa.array([1_772_755_200_123], type=pa.date64()))
    whole = cal.next_working_day(pa.array([1_772_755_200_000 - 56 * 365 * 86_400_000], type=pa.date64()))
    assert whole.to_pylist() == [cal.next_working_day(dt.date(1970, 1, 1) + dt.timedelta(days=20518 - 56 * 365))]


def test_masked_values_are_missing(vietnam: motcua.Calendar) -> None:
    """A numpy masked array's masked values are missing, as ``NaT`` and ``None`` are (the mask
    was ignored: a masked date gave a real answer, a masked ``n`` of 999 was used); what is
    under the mask is never read. Without a masked value, a masked array is its data."""
    d = np.array(["2026-03-02", "2026-03-06"], dtype="M8[D]")
    masked = np.ma.masked_array(d, mask=[False, True])
    got = vietnam.add_working_days(masked, 1)
    assert not isinstance(got, np.ma.MaskedArray)
    assert np.datetime_as_string(got).tolist() == ["2026-03-03", "NaT"]
    assert vietnam.is_working_day(masked).tolist() == [True, False]  # NaT → False, as numpy
    counts = vietnam.working_days_between("2026-03-02", masked)
    assert counts[0] == 0 and np.isnan(counts[1])
    assert vietnam.day_kind(masked).tolist() == ["working", None]
    lunar = motcua.to_lunar(masked)
    assert lunar["year"].tolist() == [2026, 0] and lunar["day"].tolist()[1] == 0
    # other units and text: the masked value is not read (it would be out of range, or bad)
    far = np.ma.masked_array(np.array(["2026-03-02T09:00", "1800-01-01"], dtype="M8[ns]"), mask=[False, True])
    assert np.datetime_as_string(vietnam.add_working_days(far, 1)).tolist() == ["2026-03-03", "NaT"]
    text = np.ma.masked_array(np.array(["2026-03-02", "not a date"]), mask=[False, True])
    assert np.datetime_as_string(vietnam.add_working_days(text, 1)).tolist() == ["2026-03-03", "NaT"]
    # a masked n is missing, whatever it holds (999 would be out of the calendar; 1.5 not whole)
    for n in (np.ma.masked_array([1, 999], mask=[False, True]), np.ma.masked_array([1.0, 1.5], mask=[False, True]),
              np.ma.masked_array(np.array([1, 2**64 - 1], dtype=np.uint64), mask=[False, True])):
        assert np.datetime_as_string(vietnam.add_working_days(d, n)).tolist() == ["2026-03-03", "NaT"], n
    one_date = vietnam.add_working_days("2026-03-02", np.ma.masked_array([1, 999], mask=[False, True]))
    assert np.datetime_as_string(one_date).tolist() == ["2026-03-03", "NaT"]
    # from_lunar's operands, the leap flag too
    got = motcua.from_lunar(np.ma.masked_array([2025, 2026], mask=[False, True]), 1, 1)
    assert np.datetime_as_string(got).tolist() == ["2025-01-29", "NaT"]
    got = motcua.from_lunar([2025, 2025], np.ma.masked_array([1, 13], mask=[False, True]), 1)
    assert np.datetime_as_string(got).tolist() == ["2025-01-29", "NaT"]
    got = motcua.from_lunar([2025, 2025], 6, 1, leap=np.ma.masked_array([True, True], mask=[False, True]))
    assert np.datetime_as_string(got).tolist() == ["2025-07-25", "NaT"]
    # still checked where not masked
    with pytest.raises(motcua.InvalidNumberError) as e:
        vietnam.add_working_days(d, np.ma.masked_array([1.5, 1], mask=[False, True]))
    assert e.value.index == 0
    # no mask (nomask, or nothing masked): the data itself, read in place
    from motcua import _convert

    for plain in (np.ma.masked_array(d), np.ma.masked_array(d, mask=[False, False])):
        assert np.shares_memory(_convert.to_days(plain).values, d)
        np.testing.assert_array_equal(vietnam.add_working_days(plain, 1), vietnam.add_working_days(d, 1))


def test_a_0d_array_facing_an_array_is_one_value(vietnam: motcua.Calendar) -> None:
    """A 0-d array ``n``, or one date of ``working_days_between``, with an array of dates is a
    scalar (it was "operand has 1 elements, input has 2")."""
    d = np.array(["2026-03-02", "2026-03-06"], dtype="M8[D]")
    np.testing.assert_array_equal(vietnam.add_working_days(d, np.array(3)), vietnam.add_working_days(d, 3))
    np.testing.assert_array_equal(vietnam.add_working_days(pd.Series(d), np.array(3)), vietnam.add_working_days(pd.Series(d), 3))
    day = np.array("2026-03-10", dtype="M8[D]")
    assert vietnam.working_days_between(d, day).tolist() == [6, 2]
    assert vietnam.working_days_between(day, d).tolist() == [-6, -2]
    assert vietnam.working_days_between(d, np.array("2026-03-10", dtype=object)).tolist() == [6, 2]
    assert np.datetime_as_string(vietnam.add_working_days(day, np.array([1, 2]))).tolist() == ["2026-03-11", "2026-03-12"]
    # a masked one is missing, as None is
    with pytest.raises(motcua.EmptyInputError):
        vietnam.add_working_days(d, np.ma.masked_array(3, mask=True))
    # (one 0-d facing a scalar or another 0-d keeps its 0-d answer)
    assert vietnam.add_working_days("2026-03-06", np.array(2)).shape == ()
    assert vietnam.working_days_between(day, day).shape == ()
