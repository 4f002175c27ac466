"""Hostile input at the Python door (issue "No silent wrong answer"): every class of bad value
gets a typed error naming the parameter (and the index), never a plausible answer."""

from __future__ import annotations

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
