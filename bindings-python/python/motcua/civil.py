"""Civil dates at the edges: the core's strict parsers and day numbers (days since 1970-01-01,
the representation of numpy ``datetime64[D]``, Arrow ``date32`` and polars ``Date``).

>>> from motcua.civil import parse_date, day_number, date_from_day_number
>>> parse_date("02/03/2026")
datetime.date(2026, 3, 2)
>>> day_number("2026-03-02")
20514
>>> date_from_day_number(20514)
datetime.date(2026, 3, 2)
"""

from __future__ import annotations

import datetime as _dt
from typing import Union

import numpy as np

from . import _motcua

__all__ = ["DateLike", "InstantLike", "parse_date", "parse_instant", "day_number", "date_from_day_number"]

#: One date: ``datetime.date`` (and so ``datetime.datetime`` and ``pandas.Timestamp``: their
#: day in Vietnam, a zoned one converted to UTC+7 first), an ISO ``YYYY-MM-DD`` or
#: ``dd/mm/yyyy`` string, or ``numpy.datetime64``.
DateLike = Union[_dt.date, str, np.datetime64]

#: One instant: ``datetime.datetime`` (or ``pandas.Timestamp``; with a time zone it is
#: converted to Vietnam's UTC+7), ``numpy.datetime64``, an ISO ``YYYY-MM-DDTHH:MM[:SS]`` string
#: (an offset, ``Z`` or ``+00:00``, is converted too), or a date.
InstantLike = Union[_dt.datetime, _dt.date, str, np.datetime64]


def parse_date(text: str) -> _dt.date:
    """Parses ``YYYY-MM-DD`` or ``dd/mm/yyyy`` strictly (``InvalidDateError`` otherwise).

    >>> parse_date("2026-02-30")
    Traceback (most recent call last):
    ...
    motcua.error.InvalidDateError: `2026-02-30` is not a valid date: 2026-02 has 28 days
    """
    return _motcua.parse_date(text)


def parse_instant(text: str, *, end_of_day: bool = False) -> _dt.datetime:
    """Parses ``YYYY-MM-DD[THH:MM[:SS]]`` or ``dd/mm/yyyy[ HH:MM[:SS]]``; a date alone is the
    start of that day (its end, 23:59:59, with ``end_of_day=True``).

    >>> parse_instant("2026-03-02T09:30")
    datetime.datetime(2026, 3, 2, 9, 30)
    """
    return _motcua.parse_instant(text, end_of_day)


def day_number(date: DateLike) -> int:
    """Days since 1970-01-01 of a date."""
    return _motcua.day_number(date)


def date_from_day_number(n: int) -> _dt.date:
    """The date of a day number."""
    return _motcua.date_from_day_number(n)
