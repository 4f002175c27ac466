"""The Vietnamese lunisolar calendar (*âm lịch*): Gregorian date ↔ lunar date, lunar years
1900–2199 (dates 1900-01-31..2199-12-31), leap months, Tết, and the sexagenary year names.

Months begin on the day of the astronomical new moon at UTC+7 (the Vietnamese convention since
1968, applied to all years; almanacs printed before 1968 may differ for some months). The
Chinese calendar is the same rule at UTC+8: :meth:`LunarCalendar.china`. The lunar year is the
Gregorian year in which its Tết falls, so months 11 and 12 before Tết belong to the previous
year; a leap month repeats the number of the month before it.

>>> from motcua import to_lunar, from_lunar, LunarCalendar
>>> to_lunar("2025-01-29")
LunarDate(year=2025, month=1, day=1, leap=False)
>>> to_lunar("1984-01-01")
LunarDate(year=1983, month=11, day=29, leap=False)
>>> from_lunar(2025, 3, 10)  # Hùng Kings' day
datetime.date(2025, 4, 7)
>>> LunarCalendar.china().new_year(1985), LunarCalendar.vietnam().new_year(1985)
(datetime.date(1985, 2, 20), datetime.date(1985, 1, 21))
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, NamedTuple, Optional, overload

import numpy as np

from . import _convert as cv
from . import _motcua
from .civil import DateLike
from .error import InvalidArgumentError, _raise

__all__ = [
    "LunarDate",
    "LunarCalendar",
    "to_lunar",
    "from_lunar",
    "can_chi",
    "can_chi_en",
    "FIRST_YEAR",
    "LAST_YEAR",
]

#: The first lunar year covered.
FIRST_YEAR: int = _motcua.LUNAR_FIRST_YEAR
#: The last lunar year covered (its months up to 2199-12-31).
LAST_YEAR: int = _motcua.LUNAR_LAST_YEAR


class LunarDate(NamedTuple):
    """A lunar date: ``year`` (the Gregorian year of its Tết), ``month`` (1–12), ``day``
    (1–30), ``leap`` (the leap month, *tháng nhuận*)."""

    year: int
    month: int
    day: int
    leap: bool = False

    def __str__(self) -> str:
        leap = " (nhuận)" if self.leap else ""
        return f"{self.day:02d}/{self.month:02d}{leap}/{self.year} âm lịch"

    @property
    def can_chi(self) -> str:
        """The sexagenary name of the lunar year, e.g. ``"Ất Tỵ"``."""
        return _motcua.can_chi(self.year)


def _shape(given: Any, flat: np.ndarray) -> tuple[int, ...]:
    """The shape of an operand as given (``flat``: its values, read flat)."""
    if isinstance(given, np.ndarray):
        return tuple(given.shape)
    return cv.shape_of(given) or flat.shape


class LunarCalendar:
    """A lunisolar calendar: Vietnamese (UTC+7), Chinese (UTC+8), or the same rules at another
    UTC offset. Every conversion is O(1) (a compiled table of the years 1900–2199).
    """

    __slots__ = ("_native",)

    def __init__(self, native: _motcua.LunarCalendar) -> None:
        self._native = native

    @classmethod
    def vietnam(cls) -> LunarCalendar:
        """The Vietnamese calendar (UTC+7)."""
        return _VIETNAM

    @classmethod
    def china(cls) -> LunarCalendar:
        """The Chinese calendar (UTC+8)."""
        return cls(_motcua.LunarCalendar.china())

    @classmethod
    def with_utc_offset_minutes(cls, minutes: int) -> LunarCalendar:
        """The same rules reckoned at ``minutes`` east of UTC (−720..840); offsets other than
        UTC+7 and UTC+8 run the astronomy once (milliseconds): build it once and reuse it.

        >>> LunarCalendar.with_utc_offset_minutes(540).new_year(2025)  # Korea
        datetime.date(2025, 1, 29)
        """
        return cls(_motcua.LunarCalendar.with_utc_offset_minutes(minutes))

    @property
    def utc_offset_minutes(self) -> int:
        """The UTC offset the calendar is reckoned at, in minutes east of UTC."""
        return self._native.utc_offset_minutes

    @property
    def first_date(self) -> _dt.date:
        """The first date covered (Tết of lunar year 1900)."""
        return self._native.first_date

    @property
    def last_date(self) -> _dt.date:
        """The last date covered (2199-12-31)."""
        return self._native.last_date

    def __repr__(self) -> str:
        return f"LunarCalendar(utc_offset_minutes={self.utc_offset_minutes})"

    @overload
    def to_lunar(self, date: DateLike) -> LunarDate: ...
    @overload
    def to_lunar(self, date: Any) -> Any: ...

    def to_lunar(self, date: Any) -> Any:
        """The lunar date of each date.

        One date gives a :class:`LunarDate`. An array gives columns ``year``, ``month``,
        ``day``, ``leap``: a pandas ``DataFrame`` (same index; nullable integers) for pandas
        input, a polars ``DataFrame`` for polars input, a pyarrow ``Table`` for Arrow input
        (nulls where a date is missing, in all four columns), else a dict of numpy arrays (a
        missing date gives year, month and day 0 and leap ``False``: no lunar date has day 0).

        >>> import pandas as pd
        >>> s = pd.Series(pd.to_datetime(["2026-02-17", None]))
        >>> to_lunar(s)
           year  month   day   leap
        0  2026      1     1  False
        1  <NA>   <NA>  <NA>   <NA>
        """
        if cv.is_scalar_date(date):
            return LunarDate(*self._native.to_lunar(date))
        d = cv.to_days(date)
        days = d.as64()
        n = len(days)
        year = np.empty(n, dtype=np.int32)
        month = np.empty(n, dtype=np.uint8)
        day = np.empty(n, dtype=np.uint8)
        leap = np.empty(n, dtype=np.bool_)
        self._native.to_lunar_i64(days, year, month, day, leap)
        columns: dict[str, np.ndarray] = {"year": year, "month": month, "day": day, "leap": leap}
        if d.kind in ("pandas-series", "pandas-index"):
            pd = cv._module("pandas")
            miss = days == cv.MISSING64
            frame = {
                "year": pd.arrays.IntegerArray(year, miss.copy()),
                "month": pd.arrays.IntegerArray(month, miss.copy()),
                "day": pd.arrays.IntegerArray(day, miss.copy()),
                "leap": pd.arrays.BooleanArray(leap, miss.copy()),
            }
            return pd.DataFrame(frame, index=d.index if d.kind == "pandas-series" else None)
        if d.kind == "polars":
            pl = cv._module("polars")
            miss = days == cv.MISSING64
            cols = {k: pl.Series(k, v) for k, v in columns.items()}
            if miss.any():
                where = np.flatnonzero(miss)
                cols = {k: s.scatter(where, None) for k, s in cols.items()}
            return pl.DataFrame(cols)
        if d.kind == "arrow":
            pa = cv._module("pyarrow")
            miss = days == cv.MISSING64
            mask = miss if miss.any() else None
            return pa.table({k: pa.array(v, mask=mask) for k, v in columns.items()})
        if d.kind == "numpy" and len(d.shape) != 1:
            return {k: v.reshape(d.shape) for k, v in columns.items()}
        return columns

    @overload
    def from_lunar(self, year: int, month: int, day: int, leap: bool = False) -> _dt.date: ...
    @overload
    def from_lunar(self, year: Any, month: Any, day: Any, leap: Any = False) -> Any: ...

    def from_lunar(self, year: Any, month: Any, day: Any, leap: Any = False) -> Any:
        """The Gregorian date of a lunar date (``leap=True`` for the leap month).

        Integers give a ``datetime.date``; arrays (broadcast together) give numpy
        ``datetime64[D]`` (a missing part, a missing ``leap`` flag too, gives ``NaT``).

        >>> from_lunar(2025, 6, 1, leap=True)
        datetime.date(2025, 7, 25)
        >>> from_lunar([2025, 2026], 1, 1)
        array(['2025-01-29', '2026-02-17'], dtype='datetime64[D]')
        """
        parts = (year, month, day)
        leaps, leap_missing = cv.bool_operand(leap, "leap")
        ints = [cv.int_operand(p, name) for p, name in zip(parts, ("year", "month", "day"))]
        y0, m0, d0 = ints
        if isinstance(y0, int) and isinstance(m0, int) and isinstance(d0, int) and isinstance(leaps, bool):
            return self._native.from_lunar(y0, m0, d0, leaps)
        # Each array in its own shape again (the checks read it flat), then broadcast as numpy
        # does: a (3, 1) year and a (3,) month give (3, 3) dates.
        given = (*parts, leap)
        shaped = [
            v if not isinstance(v, np.ndarray) else v.reshape(_shape(g, v))
            for v, g in zip((*ints, leaps), given)
        ]
        # A missing leap flag (a nullable boolean's NA) answers missing, as a missing year does.
        unknown = False if leap_missing is None else leap_missing.reshape(np.shape(shaped[3]))
        try:
            y, m, d, lp, miss = np.broadcast_arrays(*[np.asarray(v) for v in shaped], np.asarray(unknown))
        except ValueError:
            shapes = ", ".join(f"{n} {np.shape(v)}" for n, v in zip(("year", "month", "day", "leap"), shaped))
            raise _raise(InvalidArgumentError, f"the arrays do not broadcast together: {shapes}") from None
        shape = y.shape
        y, m, d = (np.array(v, dtype=np.int64).reshape(-1) for v in (y, m, d))
        y[miss.reshape(-1)] = cv.MISSING64
        lp = np.ascontiguousarray(lp, dtype=np.bool_).reshape(-1)
        out = np.empty(len(y), dtype=np.int64)
        self._native.from_lunar_i64(y, m, d, lp, out)
        return out.view("datetime64[D]").reshape(shape)

    def new_year(self, year: int) -> _dt.date:
        """Tết (*Tết Nguyên đán*): day 1 of month 1 of lunar ``year``."""
        return self._native.new_year(year)

    def leap_month(self, year: int) -> Optional[int]:
        """The leap month of lunar ``year`` (``n``: a leap month follows month ``n``), or
        ``None``.

        >>> LunarCalendar.vietnam().leap_month(2025)
        6
        """
        return self._native.leap_month(year)

    def month_length(self, year: int, month: int, leap: bool = False) -> int:
        """The number of days (29 or 30) of a lunar month."""
        return self._native.month_length(year, month, cv.strict_bool(leap, "leap"))


_VIETNAM = LunarCalendar(_motcua.LunarCalendar.vietnam())


@overload
def to_lunar(date: DateLike) -> LunarDate: ...
@overload
def to_lunar(date: Any) -> Any: ...


def to_lunar(date: Any) -> Any:
    """The Vietnamese lunar date of each date (see :meth:`LunarCalendar.to_lunar`)."""
    return _VIETNAM.to_lunar(date)


@overload
def from_lunar(year: int, month: int, day: int, leap: bool = False) -> _dt.date: ...
@overload
def from_lunar(year: Any, month: Any, day: Any, leap: Any = False) -> Any: ...


def from_lunar(year: Any, month: Any, day: Any, leap: Any = False) -> Any:
    """The Gregorian date of a Vietnamese lunar date (see :meth:`LunarCalendar.from_lunar`)."""
    return _VIETNAM.from_lunar(year, month, day, leap)


def can_chi(year: int) -> str:
    """The Vietnamese name of lunar ``year`` in the sexagenary cycle.

    >>> can_chi(2026)
    'Bính Ngọ'
    """
    return _motcua.can_chi(year)


def can_chi_en(year: int) -> str:
    """An English rendering of the sexagenary name.

    >>> can_chi_en(2025)
    'Wood Snake'
    """
    return _motcua.can_chi_en(year)
