"""The working-day calendar: :class:`Calendar`, a compiled calendar whose queries are O(1) table
reads in Rust, on one date or on whole arrays.

Semantics (the core's, DESIGN.md):

- ``add_working_days(d, n)``: for ``n >= 1`` the n-th working day strictly after ``d`` (the day
  ``d`` itself is not counted, as the Civil Code counts periods) = ``numpy.busday_offset(d, n,
  roll='backward')``; for ``n <= -1`` the |n|-th working day strictly before ``d``; for
  ``n == 0``, ``d`` if it is a working day, else the next one.
- ``working_days_between(a, b)``: the number of working days ``x`` with ``a < x <= b``, negated
  when ``b < a``; so ``working_days_between(a, add_working_days(a, n)) == n`` for ``n >= 1``.
- A date outside the calendar's range, or an answer that would fall outside it, raises
  :class:`~motcua.DateOutOfRangeError`: never a guess.

Every query takes one date (``datetime.date``, ``datetime.datetime``, ``pandas.Timestamp``, an
ISO ``YYYY-MM-DD`` or ``dd/mm/yyyy`` string, ``numpy.datetime64``) or many: a numpy
``datetime64`` array (read without a copy when its unit is days), a pandas ``Series`` or
``DatetimeIndex``, a polars ``Series`` (or expression), a pyarrow array, or a list. Answers come
back in the same kind of container; missing values (``NaT``, ``None``, null) stay missing. The
work runs in Rust with the GIL released; there is no per-element Python call.

>>> import numpy as np
>>> from motcua import Calendar
>>> cal = Calendar.from_spec({"weekmask": "1111100", "from": "2026-01-01",
...                           "to": "2026-12-31", "holidays": ["2026-03-09"]})
>>> cal.add_working_days("2026-03-06", 1)  # Friday + 1 skips the weekend and Monday 9th
datetime.date(2026, 3, 10)
>>> days = np.array(["2026-03-06", "NaT", "2026-03-10"], dtype="datetime64[D]")
>>> cal.add_working_days(days, 1)
array(['2026-03-10',        'NaT', '2026-03-11'], dtype='datetime64[D]')
>>> cal.working_days_between(days, "2026-03-13")
array([ 4., nan,  3.])
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from typing import TYPE_CHECKING, Any, Callable, Iterable, Literal, Mapping, Optional, TypeVar, Union, overload

import numpy as np

from . import _convert as cv
from . import _motcua
from .civil import DateLike, InstantLike
from .error import ArgumentTypeError, InvalidArgumentError, InvalidScheduleError, _raise

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

__all__ = ["Calendar", "DAY_KINDS", "DayKindName"]

#: What a bulk query accepts: a numpy array, pandas Series / Index, polars Series or Expr,
#: pyarrow Array / ChunkedArray, or a sequence of dates.
ArrayLike = Any

#: A column of dates whose answer comes back in the same kind of container, for type
#: checkers: a pandas ``Series`` in gives a pandas ``Series`` out, a polars ``Series`` a polars
#: ``Series``, a polars expression an expression, a numpy array a numpy array.
Column = TypeVar("Column", "pd.Series[Any]", "pl.Series", "pl.Expr", "np.ndarray[Any, Any]")

#: What a day is (:meth:`Calendar.day_kind`), in the core's order (``motcua::DayKind::ALL``;
#: a test checks it against the native table). A union of one-value literals, as type checkers
#: read ``Literal["working", ...]``, so that the run-time object is that union too.
DayKindName = Union[
    Literal["working"], Literal["weekly_rest"], Literal["holiday"], Literal["closure"], Literal["makeup_working_day"]
]

#: The day kinds, from the core's table: :meth:`Calendar.day_kind` on an array answers
#: categoricals whose categories are these, in this order.
DAY_KINDS: tuple[str, ...] = tuple(_motcua.WorkCalendar.DAY_KINDS)

#: The kinds of day that are not worked (what :meth:`Calendar.days_off` lists).
_OFF_KINDS = tuple(k for k in DAY_KINDS if k not in ("working", "makeup_working_day"))


def _day_entries(days: Optional[Iterable[Any]]) -> list[tuple[Any, Optional[str]]]:
    """Dates or ``(date, name)`` pairs as ``(date, name or None)``."""
    if days is None:
        return []
    if cv.is_scalar_date(days):
        days = [days]
    cv.refuse_frame(days, "days")
    if not isinstance(days, Iterable):
        # (`closures=3` raised a bare TypeError)
        raise _raise(ArgumentTypeError, f"days must be a date or a list of dates, not {type(days).__name__} {days!r:.40}")
    out: list[tuple[Any, Optional[str]]] = []
    for i, d in enumerate(days):
        if not isinstance(d, tuple):
            out.append((d, None))
        elif len(d) == 2 and (d[1] is None or isinstance(d[1], str)):
            out.append((d[0], d[1]))
        else:
            # (A 1-tuple raised IndexError; a name of None became the text "None".)
            raise _raise(
                InvalidArgumentError,
                f"a day is a date or a (date, name) pair with a text name, got {d!r:.60}",
                index=i,
            )
    return out


def _canonical_entries(days: Optional[Iterable[Any]]) -> tuple[tuple[_dt.date, Optional[str]], ...]:
    """Overlay days as ``(datetime.date, name or None)``: hashable and cheap to pickle."""
    return tuple(
        (_motcua.date_from_day_number(_motcua.day_number(d)), name) for d, name in _day_entries(days)
    )


def _expr_dtype(name: Any) -> Any:
    """A polars dtype by name (``"Date"``), or a dtype as given."""
    if not isinstance(name, str):
        return name
    pl = cv._module("polars")
    return getattr(pl, name)


def _map_expr(fn: Callable[..., Any], args: tuple[Any, ...], dtype: Any) -> Any:
    """``fn`` applied batch-wise to polars expressions (scalars stay scalars)."""
    pl = cv._module("polars")
    exprs = {f"a{i}": a for i, a in enumerate(args) if cv.is_polars_expr(a)}
    if len(exprs) == 1:
        ((key, expr),) = exprs.items()
        pos = int(key[1:])

        def one(s: Any) -> Any:
            call = list(args)
            call[pos] = s
            return fn(*call)

        return expr.map_batches(one, return_dtype=_expr_dtype(dtype))

    def many(s: Any) -> Any:
        call = [s.struct.field(f"a{i}") if f"a{i}" in exprs else a for i, a in enumerate(args)]
        return fn(*call)

    return pl.struct(**exprs).map_batches(many, return_dtype=_expr_dtype(dtype))


def _schedules_text(schedules: Any) -> Optional[str]:
    """A schedules argument as the JSON text of a schedules file: a path (``str`` or
    ``os.PathLike``) is read, a mapping (the parsed file) is serialized, and a ``str`` that
    is a JSON object (``{...}``, as the JS package takes it) is that text (it was read as a file
    name: "cannot read schedules {"years": ...")."""
    if schedules is None:
        return None
    if isinstance(schedules, Mapping):

        def value(v: Any) -> Any:
            # A date object where the file holds "YYYY-MM-DD" (a dict built in code): its ISO
            # text, as the file would have it (json raised a bare TypeError); a datetime is not
            # a day.
            if isinstance(v, _dt.date) and not isinstance(v, _dt.datetime):
                return v.isoformat()
            raise _raise(
                InvalidScheduleError,
                f"schedules: a {type(v).__name__} value ({v!r:.40}) is not JSON a schedules file holds "
                "(dates are \"YYYY-MM-DD\" text or date objects)",
            )

        try:
            return json.dumps(schedules, ensure_ascii=False, default=value, allow_nan=False)
        except (ValueError, TypeError) as e:
            # (NaN; a key that is not text, e.g. a date as a year's key)
            if isinstance(e, InvalidScheduleError):
                raise
            raise _raise(InvalidScheduleError, f"schedules: {e}") from None
    if isinstance(schedules, str) and schedules.lstrip().startswith("{"):
        return schedules
    if isinstance(schedules, (str, os.PathLike)):
        return cv.read_text(schedules, "schedules")
    raise _raise(
        ArgumentTypeError,
        f"schedules must be a path (str or os.PathLike), a mapping (the parsed file) or its JSON "
        f"text, not {type(schedules).__name__}",
    )


class Calendar:
    """A compiled working-day calendar: weekly rest days, holidays, closures, make-up working
    days and office hours over a stated date range. Immutable and cheap to share.

    Build one with :meth:`vietnam` (the Vietnamese public sector), :meth:`from_spec` (a spec
    dict or JSON text), :meth:`from_file` or :meth:`weekdays`.

    >>> cal = Calendar.weekdays("2026-01-01", "2026-12-31")
    >>> cal
    Calendar(2026-01-01..2026-12-31)
    >>> cal.is_working_day("2026-03-07")  # a Saturday
    False
    """

    __slots__ = ("_native", "_vn", "_recipe")

    def __init__(
        self,
        native: _motcua.WorkCalendar,
        *,
        _vn: Optional[dict[str, Any]] = None,
        _recipe: Optional[tuple[Any, ...]] = None,
    ) -> None:
        self._native = native
        self._vn = _vn
        # How to rebuild it in another process (pickle): the arguments of vietnam().
        self._recipe = _recipe

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickles as its recipe, not its tables: the arguments of :meth:`vietnam` (a few
        bytes; the preset is built once per process and shared), else the spec JSON. So a
        calendar can be sent to Spark / Dask workers; unpickling the same calendar again in a
        process reuses the one already built.

        >>> import pickle
        >>> cal = Calendar.vietnam(closures=[("2026-11-20", "Ngày Nhà giáo")])
        >>> len(pickle.dumps(cal)) < 300
        True
        >>> pickle.loads(pickle.dumps(cal)).is_working_day("2026-11-20")
        False
        """
        if self._recipe is not None:
            return (_vietnam_cached, self._recipe)
        return (_spec_cached, (self._native.spec_json(),))

    # ------------------------------------------------------------------ constructors

    @classmethod
    def vietnam(
        cls,
        *,
        official: bool = True,
        include_pending: bool = False,
        closures: Optional[Iterable[Union[DateLike, tuple[DateLike, str]]]] = None,
        working_days: Optional[Iterable[Union[DateLike, tuple[DateLike, str]]]] = None,
        schedules: Union[str, os.PathLike[str], Mapping[str, Any], None] = None,
    ) -> Calendar:
        """The Vietnamese public-sector calendar, 1995-01-01..2199-12-31: Monday–Saturday
        weeks until 1999-10-01 and Monday–Friday after, the statutory holidays of the law in
        force each year (24 November from 2026), compensatory days, and the announced schedules
        (swapped days off and make-up Saturdays) of 2016–2026.

        ``official=False``: the statute alone, without the embedded announced swaps (CLI
        ``--no-official``; a ``schedules`` given with it still applies: its years are yours). ``include_pending=True``: also apply arrangements reported without
        a decision found (CLI ``--include-pending``). ``closures`` / ``working_days``: your own
        days off (a province's extra day) and make-up days, as dates or ``(date, name)`` pairs;
        they win over the preset. ``schedules``: announced years the release does not have yet
        (CLI ``--schedules FILE``), a path to a schedules file, its JSON text (``"{...}"``) or
        its parsed JSON (a dict; its dates as text or ``datetime.date``) in
        the format :meth:`schedule` returns; each year in it replaces that year wholly.

        >>> cal = Calendar.vietnam()
        >>> cal.add_working_days("2026-02-13", 1)  # Friday before Tết → after the break
        datetime.date(2026, 2, 23)
        >>> cal.day_name("2026-02-17")
        'Tết Nguyên đán'
        >>> cal.is_working_day("2026-11-24")  # Vietnamese Culture Day, from 2026
        False
        >>> y2027 = cal.schedule(2027)  # the provisional year, to edit when it is announced
        >>> y2027["years"]["2027"]["status"]
        'provisional'
        >>> y2027["years"]["2027"]["status"] = "official"
        >>> y2027["years"]["2027"]["makeup_working_days"] = ["2027-02-20"]
        >>> Calendar.vietnam(schedules=y2027).schedule_source(2027)
        'file'
        """
        return cls._vietnam(
            cv.strict_bool(official, "official"),
            cv.strict_bool(include_pending, "include_pending"),
            _canonical_entries(closures),
            _canonical_entries(working_days),
            _schedules_text(schedules),
        )

    @classmethod
    def _vietnam(
        cls,
        official: bool,
        include_pending: bool,
        closures: tuple[tuple[_dt.date, Optional[str]], ...],
        working_days: tuple[tuple[_dt.date, Optional[str]], ...],
        schedules: Optional[str] = None,
    ) -> Calendar:
        native = _motcua.vietnam_calendar(official, include_pending, list(closures), list(working_days), schedules)
        vn: dict[str, Any] = {"official": official, "include_pending": include_pending}
        if schedules is not None:
            vn["schedules"] = "<file>"
        return cls(
            native,
            _vn=vn,
            _recipe=(official, include_pending, closures, working_days, schedules),
        )

    @classmethod
    def weekdays(cls, start: DateLike, end: DateLike) -> Calendar:
        """Monday to Friday, no holidays, standard office hours, covering ``start..end``."""
        return cls(_motcua.WorkCalendar.weekdays(start, end))

    @classmethod
    def from_spec(cls, spec: Union[Mapping[str, Any], str]) -> Calendar:
        """A calendar from a spec: a dict, or JSON text, in the ``--calendar FILE`` format.

        >>> cal = Calendar.from_spec({"weekmask": "1111100", "from": "2026-01-01",
        ...                           "to": "2026-12-31", "working_days": ["2026-01-10"]})
        >>> cal.is_working_day("2026-01-10")  # a make-up Saturday
        True
        >>> Calendar.from_spec({"weekmask": "11111", "from": "2026-01-01", "to": "2026-12-31"})
        Traceback (most recent call last):
        ...
        motcua.error.InvalidSpecError: calendar spec: ...weekmask `11111` must be 7 characters of 0/1...
        """
        text = spec if isinstance(spec, str) else json.dumps(spec, default=str)
        return cls(_motcua.WorkCalendar.from_json(text))

    @classmethod
    def from_file(cls, path: Union[str, os.PathLike[str]]) -> Calendar:
        """A calendar from a JSON spec file (the CLI's ``--calendar FILE``), in UTF-8 or UTF-16
        with its byte-order mark. Bytes that are not text raise :class:`InvalidSpecError`
        naming the line; a file that cannot be read, :class:`MotcuaIOError`."""
        return cls(_motcua.WorkCalendar.from_json(cv.read_text(path, "calendar")))

    # ------------------------------------------------------------------ properties

    @property
    def start(self) -> _dt.date:
        """The first date covered."""
        return self._native.start

    @property
    def end(self) -> _dt.date:
        """The last date covered."""
        return self._native.end

    @property
    def spec(self) -> dict[str, Any]:
        """The spec the calendar was compiled from, as a dict (JSON types)."""
        result: dict[str, Any] = json.loads(self._native.spec_json())
        return result

    @property
    def office_hours(self) -> list[tuple[_dt.time, _dt.time]]:
        """The office-hour sessions, e.g. ``[(07:30, 11:30), (13:00, 17:00)]``."""
        return self._native.office_hours()

    @property
    def native(self) -> _motcua.WorkCalendar:
        """The native calendar (for the bulk functions on raw day-number buffers)."""
        return self._native

    def __repr__(self) -> str:
        what = self._native.preset
        span = f"{self.start}..{self.end}"
        if what is None:
            return f"Calendar({span})"
        opts = "".join(f", {k}={v}" for k, v in (self._vn or {}).items() if v != _VN_DEFAULTS.get(k))
        return f"Calendar.{what}({span}{opts})"

    # ------------------------------------------------------------------ queries

    @overload
    def is_working_day(self, date: DateLike) -> bool: ...
    @overload
    def is_working_day(self, date: Column) -> Column: ...
    @overload
    def is_working_day(self, date: ArrayLike) -> Any: ...

    def is_working_day(self, date: Any) -> Any:
        """Whether each date is a working day.

        One date gives a ``bool``; an array gives booleans in the same container (numpy:
        ``NaT`` → ``False`` as ``numpy.is_busday``; pandas: nullable ``boolean`` where a date
        is missing; polars / Arrow: null).

        >>> cal = Calendar.weekdays("2026-01-01", "2026-12-31")
        >>> cal.is_working_day(["2026-03-06", "2026-03-07"])
        array([ True, False])
        """
        if cv.is_polars_expr(date):
            return _map_expr(self.is_working_day, (date,), "Boolean")
        if cv.is_scalar_date(date):
            return self._native.is_working_day(date)
        d = cv.to_days(date)
        out = np.empty(len(d), dtype=np.uint8)
        if d.is32:
            self._native.is_working_day_i32(d.values, out, 2)
        else:
            self._native.is_working_day_i64(d.values, out, 2)
        return d.bools(out, 2)

    @overload
    def add_working_days(self, date: DateLike, n: int) -> _dt.date: ...
    @overload
    def add_working_days(self, date: Column, n: Any) -> Column: ...
    @overload
    def add_working_days(self, date: ArrayLike, n: Any) -> Any: ...

    def add_working_days(self, date: Any, n: Any) -> Any:
        """The n-th working day after each date (before it for ``n < 0``; for ``n == 0`` the
        date itself if it is a working day, else the next one).

        ``n`` is an integer or an array of integers (one per date; a missing ``n`` gives a
        missing answer). One date and one ``n`` give a ``datetime.date``; otherwise the answer
        is in the container of ``date`` (numpy ``datetime64[D]`` when ``date`` is a scalar and
        ``n`` an array).

        >>> cal = Calendar.weekdays("2026-01-01", "2026-12-31")
        >>> cal.add_working_days("2026-03-06", [1, 5, -1])
        array(['2026-03-09', '2026-03-13', '2026-03-05'], dtype='datetime64[D]')
        """
        if cv.is_polars_expr(date) or cv.is_polars_expr(n):
            return _map_expr(self.add_working_days, (date, n), "Date")
        # A 0-d array facing an array is one value (it was "operand has 1 elements").
        if cv.is_0d(n) and cv.shape_of(date) is not None:
            n = cv.scalar_of_0d(n)
        elif cv.is_0d(date) and cv.shape_of(n) is not None:
            date = cv.scalar_of_0d(date)
        _same_index(date, n, "date", "n")
        k = cv.int_operand(n)
        if cv.is_scalar_date(date):
            if isinstance(k, int):
                return self._native.add_working_days(date, k)
            shape = np.shape(n) if isinstance(n, np.ndarray) else cv.shape_of(n)
            d = cv.Days(np.full(len(k), cv.scalar_day(date), dtype=np.int64), "numpy", shape=k.shape if shape is None else shape)
        else:
            d = cv.to_days(date)
        return self._add(d, k)

    def _add(self, d: cv.Days, k: Any) -> Any:
        out = np.empty_like(d.values)
        if d.is32:
            self._native.add_working_days_i32(d.values, k, out)
        else:
            self._native.add_working_days_i64(d.values, k, out)
        return d.dates(out)

    @overload
    def next_working_day(self, date: DateLike) -> _dt.date: ...
    @overload
    def next_working_day(self, date: Column) -> Column: ...
    @overload
    def next_working_day(self, date: ArrayLike) -> Any: ...

    def next_working_day(self, date: Any) -> Any:
        """The first working day strictly after each date (``add_working_days(date, 1)``)."""
        return self.add_working_days(date, 1)

    @overload
    def previous_working_day(self, date: DateLike) -> _dt.date: ...
    @overload
    def previous_working_day(self, date: Column) -> Column: ...
    @overload
    def previous_working_day(self, date: ArrayLike) -> Any: ...

    def previous_working_day(self, date: Any) -> Any:
        """The last working day strictly before each date (``add_working_days(date, -1)``)."""
        return self.add_working_days(date, -1)

    @overload
    def roll_forward(self, date: DateLike) -> _dt.date: ...
    @overload
    def roll_forward(self, date: Column) -> Column: ...
    @overload
    def roll_forward(self, date: ArrayLike) -> Any: ...

    def roll_forward(self, date: Any) -> Any:
        """Each date if it is a working day, else the next one (``add_working_days(date, 0)``)."""
        return self.add_working_days(date, 0)

    @overload
    def working_days_between(self, a: DateLike, b: DateLike) -> int: ...
    @overload
    def working_days_between(self, a: Column, b: Any) -> Column: ...
    @overload
    def working_days_between(self, a: Any, b: Any) -> Any: ...

    def working_days_between(self, a: Any, b: Any) -> Any:
        """The number of working days ``x`` with ``a < x <= b`` (negated when ``b < a``).

        Either side may be one date or an array (the same length when both are). Two dates give
        an ``int``; otherwise the counts are in the container of the array side (``a`` when
        both are arrays): numpy / pandas ``int64``, or ``float64`` with NaN where a date is
        missing; polars / Arrow ``int64`` with nulls.

        >>> cal = Calendar.weekdays("2026-01-01", "2026-12-31")
        >>> cal.working_days_between("2026-03-06", "2026-03-09")
        1
        >>> cal.working_days_between("2026-03-02", ["2026-03-02", "2026-03-09", "2026-02-27"])
        array([ 0,  5, -1])
        """
        if cv.is_polars_expr(a) or cv.is_polars_expr(b):
            return _map_expr(self.working_days_between, (a, b), "Int64")
        # A 0-d array facing an array is one date (it was "operand has 1 elements").
        if cv.is_0d(b) and cv.shape_of(a) is not None:
            b = cv.scalar_of_0d(b)
        elif cv.is_0d(a) and cv.shape_of(b) is not None:
            a = cv.scalar_of_0d(a)
        _same_index(a, b, "a", "b")
        a_scalar, b_scalar = cv.is_scalar_date(a), cv.is_scalar_date(b)
        if a_scalar and b_scalar:
            return self._native.working_days_between(a, b)
        if a_scalar:
            db = cv.to_days(b)
            da = db.like(np.full(len(db), cv.scalar_day(a), dtype=db.values.dtype))
            other: Any = db.values
        else:
            da = cv.to_days(a)
            if b_scalar:
                other = cv.scalar_day(b)
            else:
                db = cv.to_days(b)
                if da.is32 and db.is32:
                    other = db.values
                else:
                    da, other = da.like(da.as64()), db.as64()
        out = np.empty(len(da), dtype=np.int64)
        if da.is32:
            self._native.working_days_between_i32(da.values, other, out)
        else:
            self._native.working_days_between_i64(da.values, other, out)
        return da.ints(out)

    def days_off(
        self,
        start: DateLike,
        end: DateLike,
        *,
        kinds: Optional[Iterable[str]] = None,
        with_kind: bool = False,
    ) -> list[Any]:
        """Every non-working date in ``start..end`` (both included), weekends included: a plain
        list of dates, ready for ``numpy.array(..., dtype="datetime64[D]")``, ``polars.Series``
        or ``numpy.busday_offset(holidays=...)``. Make-up working days are working days: never
        in it (:meth:`makeup_working_days` lists them).

        ``kinds`` keeps only some kinds of day off (:meth:`day_kind`): any of ``weekly_rest``,
        ``holiday`` (every day off listed as a holiday: statutory, compensatory, swapped,
        provisional and applied pending days; a statutory day on a weekend is a ``holiday``)
        and ``closure``; e.g. ``kinds=["holiday", "closure"]`` for the days off the law and the
        authorities give, without the ordinary weekends. With ``with_kind=True``, records
        ``{"date", "kind", "name"}`` instead, ready for ``pandas.DataFrame``.

        >>> cal = Calendar.weekdays("2026-01-01", "2026-12-31")
        >>> cal.days_off("2026-03-01", "2026-03-08")
        [datetime.date(2026, 3, 1), datetime.date(2026, 3, 7), datetime.date(2026, 3, 8)]
        >>> vn = Calendar.vietnam()
        >>> [d.isoformat() for d in vn.days_off("2026-02-13", "2026-02-23", kinds=["holiday"])]
        ['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']
        """
        wanted = _off_kinds(kinds)
        with_kind = cv.strict_bool(with_kind, "with_kind")
        if wanted is None and not with_kind:
            return self._native.days_off(start, end)
        rows = self._native.days_off_with_kind(start, end)
        if wanted is not None:
            rows = [r for r in rows if r[1] in wanted]
        if not with_kind:
            return [d for d, _, _ in rows]
        return [{"date": d, "kind": kind, "name": name} for d, kind, name in rows]

    def makeup_working_days(self, start: DateLike, end: DateLike) -> list[_dt.date]:
        """The make-up working days (*làm bù*: weekly rest days that are worked) in
        ``start..end`` (both included), a plain list of dates: the other half of what
        :meth:`holidays` mixes in, e.g. to add to ``numpy.busday_offset``'s week.

        >>> Calendar.vietnam().makeup_working_days("2026-01-01", "2026-12-31")
        [datetime.date(2026, 1, 10), datetime.date(2026, 8, 22)]
        """
        first, last = cv.scalar_day(start), cv.scalar_day(end)
        if first > last:
            raise _raise(InvalidArgumentError, f"range start {_motcua.date_from_day_number(first)} is after its end {_motcua.date_from_day_number(last)}")
        days = np.arange(first, last + 1, dtype=np.int64)
        codes = np.empty(len(days), dtype=np.uint8)
        self._native.day_kind_i64(days, codes, 255)
        made_up = days[codes == DAY_KINDS.index("makeup_working_day")]
        return made_up.view("datetime64[D]").astype(object).tolist()  # type: ignore[no-any-return]

    @overload
    def day_kind(self, date: DateLike) -> DayKindName: ...
    @overload
    def day_kind(self, date: Column) -> Column: ...
    @overload
    def day_kind(self, date: ArrayLike) -> Any: ...

    def day_kind(self, date: Any) -> Any:
        """What each date is: ``working``, ``weekly_rest``, ``holiday``, ``closure`` or
        ``makeup_working_day`` (:data:`DAY_KINDS`, the core's table).

        One date gives a ``str``. An array gives the kinds in the same container, computed in
        one native call: numpy ``object`` (``None`` where a date is missing), pandas
        ``category`` with every kind as a category (same index), polars ``Enum``, Arrow
        dictionary; missing stays missing.

        >>> cal = Calendar.vietnam()
        >>> cal.day_kind("2026-01-10")
        'makeup_working_day'
        >>> cal.day_kind(np.array(["2026-02-17", "2026-02-21", "NaT"], dtype="datetime64[D]"))
        array(['holiday', 'weekly_rest', None], dtype=object)
        """
        if cv.is_polars_expr(date):
            return _map_expr(self.day_kind, (date,), cv._module("polars").Enum(list(DAY_KINDS)))
        if cv.is_scalar_date(date):
            return self._native.day_kind(date)
        d = cv.to_days(date)
        codes = np.empty(len(d), dtype=np.uint8)
        if d.is32:
            self._native.day_kind_i32(d.values, codes, 255)
        else:
            self._native.day_kind_i64(d.values, codes, 255)
        return d.labels(np.where(codes == 255, -1, codes.astype(np.int32)), DAY_KINDS, fixed=True)

    @overload
    def day_name(self, date: DateLike) -> Optional[str]: ...
    @overload
    def day_name(self, date: Column) -> Column: ...
    @overload
    def day_name(self, date: ArrayLike) -> Any: ...

    def day_name(self, date: Any) -> Any:
        """The name the calendar gives each date (a holiday's name, in Vietnamese for the
        Vietnamese calendar), or ``None``.

        An array gives the names in the same container, in one native call: numpy ``object``,
        pandas ``category`` (same index), polars / Arrow ``string``; a date without a name, or
        missing, is missing.

        >>> Calendar.vietnam().day_name(["2026-02-17", "2026-03-03"])
        array(['Tết Nguyên đán', None], dtype=object)
        """
        if cv.is_polars_expr(date):
            return _map_expr(self.day_name, (date,), "String")
        if cv.is_scalar_date(date):
            return self._native.day_name(date)
        d = cv.to_days(date)
        codes = np.empty(len(d), dtype=np.int32)
        if d.is32:
            names = self._native.day_name_i32(d.values, codes)
        else:
            names = self._native.day_name_i64(d.values, codes)
        return d.labels(codes, names, fixed=False)

    def holidays(self, year: int) -> list[dict[str, Any]]:
        """The named days of ``year`` as records, ready for ``pandas.DataFrame``: a table to
        read, **not** a list of days off. It holds days that are worked (make-up working days,
        pending days the calendar does not apply) next to days off, and statutory days that
        fall on a weekend; each record's ``day_off`` says whether this calendar leaves that date
        unworked. For plain date lists use :meth:`days_off` (``kinds=["holiday", "closure"]``
        for the days off beyond the ordinary weekends) and :meth:`makeup_working_days`.

        For :meth:`vietnam` calendars: the statutory, compensatory, swapped, make-up, provisional
        and pending days (:func:`motcua.vn.holidays`), as ``{"date", "name_vi", "name_en",
        "kind", "day_off"}``. For a calendar built from a spec: each entry of the spec's
        ``holidays``, ``closures`` and ``working_days`` that falls in ``year``, in the same
        shape — ``name_vi`` and ``name_en`` both the entry's ``name`` (``""`` without one), as
        ``motcua holidays YEAR --calendar FILE`` and the JS package give them — kind the one the
        entry states, else ``holiday``, ``closure`` or ``makeup_working_day`` by its list; a
        year outside the spec's range raises :class:`~motcua.DateOutOfRangeError`.

        >>> vn = Calendar.vietnam()  # the 2026 pending swap not applied: 28 Nov stays a Saturday off
        >>> [(h["date"].isoformat(), h["kind"], h["day_off"]) for h in vn.holidays(2026)
        ...  if h["kind"] in ("makeup_working_day", "pending")]
        [('2026-01-10', 'makeup_working_day', False), ('2026-08-22', 'makeup_working_day', False), ('2026-11-23', 'pending', False), ('2026-11-28', 'pending', True)]

        >>> cal = Calendar.from_spec({"weekmask": "1111100", "from": "2026-01-01",
        ...     "to": "2026-12-31", "holidays": [{"date": "2026-01-01", "name": "New Year"}]})
        >>> cal.holidays(2026)
        [{'date': datetime.date(2026, 1, 1), 'name_vi': 'New Year', 'name_en': 'New Year', 'kind': 'holiday', 'day_off': True}]
        """
        if self._vn is not None:
            return [
                {"date": d, "name_vi": vi, "name_en": en, "kind": kind, "day_off": off}
                for d, vi, en, kind, off in self._native.vn_holidays(year)
            ]
        return [
            {"date": d, "name_vi": name or "", "name_en": name or "", "kind": kind, "day_off": off}
            for d, name, kind, off in self._native.spec_days(year)
        ]

    def schedule_status(self, year: int) -> str:
        """What ``year``'s schedule is on this Vietnamese calendar: ``official`` (announced:
        embedded or from ``schedules``), ``provisional`` (computed, not yet announced) or
        ``statutory`` (computed: a past year, or ``official=False``). A calendar built from a
        spec raises :class:`~motcua.InvalidArgumentError`.

        >>> Calendar.vietnam().schedule_status(2026), Calendar.vietnam().schedule_status(2030)
        ('official', 'provisional')
        """
        return self._native.vn_schedule_info(year)[0]

    def schedule_source(self, year: int) -> str:
        """Where ``year``'s schedule comes from on this Vietnamese calendar: ``embedded`` (this
        release's data), ``file`` (the ``schedules`` given to :meth:`vietnam`) or ``statute``
        (computed).

        >>> Calendar.vietnam().schedule_source(2026), Calendar.vietnam().schedule_source(2030)
        ('embedded', 'statute')
        """
        return self._native.vn_schedule_info(year)[1]

    def schedule(self, year: int) -> dict[str, Any]:
        """``year`` of this Vietnamese calendar in the schedules-file format (CLI ``motcua
        schedule YEAR``): ``{"years": {"YYYY": {"status", "days_off", "makeup_working_days",
        "breaks", "documents", "verified", "notes"[, "pending"]}}}``, to edit and pass back as
        ``Calendar.vietnam(schedules=...)``. Unchanged, it gives the same calendar.
        """
        result: dict[str, Any] = json.loads(self._native.vn_schedule_json(year))
        return result

    def plot_year(self, year: int, *, ax: Any = None, lang: str = "vi") -> Any:
        """``year`` as a heat-map (matplotlib, the ``motcua[plot]`` extra), a row per month:
        working days, weekends, holidays (statutory, compensatory and swapped days apart on the
        Vietnamese calendar), closures and make-up working days, with a legend in Vietnamese
        (``lang="vi"``) or English (``"en"``). Returns the matplotlib ``Axes``
        (:func:`motcua.plot.plot_year`)."""
        from .plot import plot_year

        return plot_year(self, year, ax=ax, lang=lang)

    # ------------------------------------------------------------------ working hours

    def add_working_hours(self, at: InstantLike, hours: int) -> _dt.datetime:
        """The instant at which ``hours`` working hours (office hours of working days) have
        elapsed after ``at``.

        >>> cal = Calendar.weekdays("2026-01-01", "2026-12-31")
        >>> cal.add_working_hours("2026-03-06T14:00", 4)  # Friday afternoon → Monday
        datetime.datetime(2026, 3, 9, 8, 30)
        """
        return self._native.add_working_hours(at, hours)

    def working_hours_between(self, a: InstantLike, b: InstantLike) -> _dt.timedelta:
        """Working time in office hours between two instants (negative when ``b < a``)."""
        return _dt.timedelta(seconds=self._native.working_seconds_between(a, b))


_VN_DEFAULTS = {"official": True, "include_pending": False}


def _same_index(x: Any, y: Any, xn: str, yn: str) -> None:
    """Two array operands are paired element by element: of different shapes (numpy would
    broadcast a (3, 1) array against a (3,) one into (3, 3)) that is refused rather than paired
    in flat order; two pandas Series with different indexes (pandas would align them by label)
    likewise. A frame is neither (the type, said before any shape)."""
    cv.refuse_frame(x, f"`{xn}`")
    cv.refuse_frame(y, f"`{yn}`")
    sx, sy = cv.shape_of(x), cv.shape_of(y)
    if sx is not None and sy is not None and sx != sy:
        raise _raise(
            InvalidArgumentError,
            f"`{xn}` has shape {sx} and `{yn}` shape {sy}: give one {yn} per {xn} (the same shape), "
            f"or a single {yn}",
        )
    pd = cv._module("pandas")
    if pd is None or not (isinstance(x, pd.Series) and isinstance(y, pd.Series)):
        return
    if not x.index.equals(y.index):
        raise _raise(
            InvalidArgumentError,
            f"`{xn}` and `{yn}` are pandas Series with different indexes: values are paired by "
            f"position, not aligned by label; align them first ({xn}, {yn} = {xn}.align({yn}))",
        )


def _off_kinds(kinds: Optional[Iterable[str]]) -> Optional[frozenset[str]]:
    """The ``kinds`` argument of :meth:`Calendar.days_off`, checked against the core's kinds."""
    if kinds is None:
        return None
    if isinstance(kinds, str):
        kinds = [kinds]
    if not isinstance(kinds, Iterable):
        raise _raise(ArgumentTypeError, f"days_off: `kinds` must be a list of kinds of day, not {type(kinds).__name__} {kinds!r:.40}")
    wanted = frozenset(kinds)
    for k in sorted(wanted):
        if k not in _OFF_KINDS:
            hint = " (a working day: see makeup_working_days())" if k in DAY_KINDS else ""
            raise _raise(
                InvalidArgumentError,
                f"days_off: kind `{k}` is not a kind of day off{hint}; expected any of {', '.join(_OFF_KINDS)}",
            )
    return wanted


#: Calendars rebuilt by unpickling, by recipe: one per process (a Spark / Dask task unpickles
#: its calendar each time; the preset's tables are built once).
_REBUILT: dict[Any, Calendar] = {}


def _rebuilt(key: Any, build: Callable[[], Calendar]) -> Calendar:
    cal = _REBUILT.get(key)
    if cal is None:
        if len(_REBUILT) >= 32:
            _REBUILT.clear()
        cal = _REBUILT[key] = build()
    return cal


def _vietnam_cached(
    official: bool,
    include_pending: bool,
    closures: tuple[tuple[_dt.date, Optional[str]], ...] = (),
    working_days: tuple[tuple[_dt.date, Optional[str]], ...] = (),
    schedules: Optional[str] = None,
) -> Calendar:
    """Unpickling a :meth:`Calendar.vietnam` calendar."""
    return _rebuilt(
        ("vietnam", official, include_pending, closures, working_days, schedules),
        lambda: Calendar._vietnam(official, include_pending, closures, working_days, schedules),
    )


def _spec_cached(spec_json: str) -> Calendar:
    """Unpickling a calendar compiled from a spec."""
    return _rebuilt(("spec", spec_json), lambda: Calendar.from_spec(spec_json))
