"""The front end of the bulk functions: numpy, pandas, polars, pyarrow and plain sequences in,
contiguous day-number buffers out (and back).

A date is a day number (days since 1970-01-01): ``int64`` for numpy ``datetime64[D]`` (the same
bytes, viewed without a copy), ``int32`` for polars ``Date`` and Arrow ``date32`` (the same
bytes too). The native module reads those buffers and writes its answer into a buffer allocated
here, with the GIL released; there is no per-element Python call. Missing values (``NaT``,
``None``, null, the masked values of a numpy masked array) are the minimum of the integer type
and come back missing.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import numbers
import os
import sys
from typing import Any, Callable, Optional, Sequence, cast

import numpy as np

from . import _motcua
from .error import ArgumentTypeError, DateOutOfRangeError, EmptyInputError, InvalidDateError, InvalidNumberError, _raise

MISSING64 = np.iinfo(np.int64).min
#: Vietnam's wall clock, UTC+7 (no daylight saving since 1975).
VIETNAM = _dt.timezone(_dt.timedelta(hours=7), "UTC+07:00")


def is_missing(v: Any) -> bool:
    """``None``, a float NaN, pandas' ``NaT`` and ``NA``, numpy's ``NaT``: no value."""
    if v is None:
        return True
    if isinstance(v, (float, np.floating)):
        return bool(v != v)
    if isinstance(v, np.datetime64):
        return bool(np.isnat(v))
    return type(v).__name__ in ("NaTType", "NAType")
MISSING32 = np.iinfo(np.int32).min
# UTC+7 as a fixed zone (POSIX sign: Etc/GMT-7 is seven hours east of UTC).
VIETNAM_TZ = "Etc/GMT-7"

_SCALAR_TYPES = (str, bytes, _dt.date, np.datetime64)


def strict_bool(value: Any, name: str) -> bool:
    """``value`` as a bool when it is one (``bool`` or ``numpy.bool_``); anything else — a
    string such as ``"false"``, a number, ``None`` — is a ``TypeError`` naming the parameter,
    never read for its truthiness."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise _raise(ArgumentTypeError, f"`{name}` must be a bool (True or False), not {type(value).__name__} {value!r:.40}")


def count_arg(value: Any, name: str, maximum: int = 2**31 - 1) -> int:
    """``value`` as a whole number in ``0..=maximum`` (an ``int`` or a numpy integer): a bool,
    a float or a string is a ``TypeError`` naming the parameter (``True`` is not 1 here), a
    number outside the range an :class:`~motcua.InvalidNumberError` naming it (not Rust's
    bare ``OverflowError``)."""
    # (numpy's timedelta64 is an integer type: `np.timedelta64(2)` was read as 2)
    if isinstance(value, (bool, np.bool_, np.timedelta64)) or not isinstance(value, (int, np.integer)):
        raise _raise(ArgumentTypeError, f"`{name}` must be a whole number, not {type(value).__name__} {value!r:.40}")
    if not 0 <= int(value) <= maximum:
        raise _raise(InvalidNumberError, f"`{name}` must be between 0 and {maximum}, got {int(value)}")
    return int(value)


def bool_operand(value: Any, name: str) -> tuple[Any, Optional[np.ndarray]]:
    """A bool, or an array of bools (``bool`` dtype: a list of ``True``/``False``, a numpy /
    pandas / polars boolean array), with the mask of its missing values (``None``, ``pd.NA``: a
    nullable boolean array's), or ``None`` when none is missing; anything else is a
    ``TypeError`` naming the parameter (a missing flag is not ``False``: the caller answers
    missing there)."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value), None
    if isinstance(value, (str, bytes)) or value is None:
        raise _raise(ArgumentTypeError, f"`{name}` must be a bool or an array of bools, not {type(value).__name__} {value!r:.40}")
    refuse_frame(value, f"`{name}`")
    masked = _mask_of(value)
    if masked is not None:
        # A masked flag is missing, as a nullable boolean's NA is.
        data = value.data.copy()
        if data.dtype.kind in "bO":
            data[masked] = False
        flags, missing = bool_operand(data, name)
        return flags, masked if missing is None else (missing | masked)
    if isinstance(value, np.ma.MaskedArray):
        value = value.data
    try:
        a = np.asarray(value.to_numpy() if hasattr(value, "to_numpy") else value)
    except ValueError:  # (a ragged nested list: numpy's bare ValueError)
        raise _raise(ArgumentTypeError, f"`{name}` must be a bool or an array of bools, got nested lists of different lengths") from None
    if a.dtype.kind == "b":
        return a, None
    if a.dtype == object:
        flat = a.reshape(-1)
        missing = np.array([v is None or type(v).__name__ == "NAType" for v in flat], dtype=bool)
        if all(m or isinstance(v, (bool, np.bool_)) for v, m in zip(flat, missing)):
            bools = np.array([bool(v) if not m else False for v, m in zip(flat, missing)], dtype=bool)
            return bools.reshape(a.shape), (missing.reshape(a.shape) if missing.any() else None)
    raise _raise(ArgumentTypeError, f"`{name}` must be a bool or an array of bools, got dtype {a.dtype}")


def _module(name: str) -> Any:
    """An already-imported optional module (pandas, polars, pyarrow), else ``None``: an object
    of a library that was never imported cannot be of its types."""
    return sys.modules.get(name)


def _is_frame(x: Any) -> bool:
    """Whether ``x`` is a table of columns: a pandas or polars ``DataFrame`` (or polars
    ``LazyFrame``), a pyarrow ``Table`` or ``RecordBatch``, or another frame of the dataframe
    interchange protocol."""
    pd, pl, pa = _module("pandas"), _module("polars"), _module("pyarrow")
    if pd is not None and isinstance(x, pd.DataFrame):
        return True
    if pl is not None and isinstance(x, (pl.DataFrame, pl.LazyFrame)):
        return True
    if pa is not None and isinstance(x, (pa.Table, pa.RecordBatch)):
        return True
    return not isinstance(x, (str, bytes, np.ndarray)) and hasattr(x, "__dataframe__")


def refuse_frame(x: Any, what: str) -> None:
    """A frame where a column is expected is an :class:`ArgumentTypeError` (a pandas frame was
    read as its column labels, a polars one as a 2-D array of its rows)."""
    if _is_frame(x):
        raise _raise(
            ArgumentTypeError,
            f"{what} must be one column (a Series, an array or a list), not a {type(x).__name__}: "
            "pass one of its columns (frame[name])",
        )


def _mask_of(x: Any) -> Optional[np.ndarray]:
    """The mask of a numpy masked array (full shape) when any value is masked, else ``None``:
    a masked array without masked values is its data (no copy, no loop)."""
    if not isinstance(x, np.ma.MaskedArray):
        return None
    mask = np.ma.getmask(x)
    if mask is np.ma.nomask or not mask.any():
        return None
    return np.ma.getmaskarray(x)


def is_0d(x: Any) -> bool:
    """Whether ``x`` is a 0-d numpy array (one value, in an array)."""
    return isinstance(x, np.ndarray) and x.ndim == 0


def scalar_of_0d(x: Any) -> Any:
    """The value of a 0-d numpy array (``None`` when it is masked), to be read as a scalar;
    anything else as it is."""
    if not is_0d(x):
        return x
    if _mask_of(x) is not None:
        return None
    return (x.data if isinstance(x, np.ma.MaskedArray) else x)[()]


def read_text(path: Any, what: str) -> str:
    """The text of the file at ``path`` (the core's reader: UTF-8 or UTF-16 with its mark); a
    path that is not ``str`` / ``os.PathLike`` is an :class:`ArgumentTypeError` (``open()``'s
    bare ``TypeError`` for ``from_file(3)``)."""
    if not isinstance(path, (str, os.PathLike)):
        raise _raise(ArgumentTypeError, f"the {what} file's path must be a str or os.PathLike, not {type(path).__name__} {path!r:.40}")
    return _motcua.read_text(path, what)


def check_lang(lang: Any) -> str:
    """``lang`` of an explanation: text (the core checks it is ``"vi"`` or ``"en"``); anything
    else is an :class:`ArgumentTypeError` (``None`` was pyo3's bare ``TypeError``)."""
    if not isinstance(lang, str):
        raise _raise(ArgumentTypeError, f'`lang` must be "vi" or "en", not {type(lang).__name__} {lang!r:.40}')
    return lang


def is_scalar_date(x: Any) -> bool:
    """Whether ``x`` is one date (as opposed to an array-like of dates)."""
    if x is None or isinstance(x, _SCALAR_TYPES):
        return True
    # (pandas' missing values: `NaT`, and `NA`, missing as `None` is)
    return type(x).__name__ in ("NaTType", "NAType")


def is_polars_expr(x: Any) -> bool:
    pl = _module("polars")
    return pl is not None and isinstance(x, pl.Expr)


def _in_zone(pd: Any, days: Any, tz: Any) -> Any:
    """Vietnamese days (a naive DatetimeIndex at midnight) as instants in the zone ``tz`` of
    the input: midnight there when that instant is in the same day in Vietnam (zones at or
    west of UTC+7: UTC, Europe, the Americas), else the start of the day in Vietnam (00:00
    UTC+7, e.g. 02:00 in Tokyo), so that every answer read back is its day at every door —
    midnight in Tokyo is still the day before in Vietnam."""
    # A midnight that happens twice (a clock set back from 01:00 to 00:00) is its first
    # occurrence, the day's start; one that does not happen, the first instant after it.
    first = np.ones(len(days), dtype=bool)
    local = days.tz_localize(tz, ambiguous=first, nonexistent="shift_forward")
    start = days.tz_localize(VIETNAM_TZ).tz_convert(tz)
    late = np.asarray(local < start)
    return local.where(~late, start) if late.any() else local


def _check_fits(days: np.ndarray, unit: np.dtype) -> None:
    """Raises :class:`DateOutOfRangeError` when an answer (day numbers, missing = minimum) does
    not fit the datetime ``unit`` the input came in (numpy does not check the cast: a day past
    2262-04-11 in ``datetime64[ns]`` would wrap round to 1677)."""
    base, count = np.datetime_data(unit)
    per_day = np.timedelta64(1, "D") // np.timedelta64(count, cast(Any, base))
    if per_day <= 1:
        return
    limit = _I64_MAX // int(per_day)
    present = days != MISSING64
    over = present & ((days > limit) | (days < -limit))
    if over.any():
        i = _first(over)
        day = np.datetime64(int(days[i]), "D")
        raise _raise(
            DateOutOfRangeError,
            f"the answer {day} does not fit the input's {unit} (its range is about ±{limit // 365} years "
            f"from 1970): give the dates as datetime64[D] or [s]",
            index=i,
        )


class Days:
    """Day numbers of an array-like input, and how to give answers back in its container."""

    __slots__ = ("values", "kind", "shape", "index", "name", "dtype", "tz")

    def __init__(
        self,
        values: np.ndarray,
        kind: str,
        shape: tuple[int, ...] = (),
        index: Any = None,
        name: Any = None,
        dtype: Any = None,
        tz: Any = None,
    ) -> None:
        self.values = values  # 1-D, C-contiguous, int64 or int32
        self.kind = kind  # numpy | pandas-series | pandas-index | polars | arrow
        self.shape = shape  # numpy: the input's shape
        self.index = index  # pandas: the Series' index
        self.name = name  # pandas / polars: the name
        self.dtype = dtype  # pandas: the datetime dtype to answer in
        self.tz = tz  # pandas: the time zone the input had

    def __len__(self) -> int:
        return int(self.values.shape[0])

    @property
    def is32(self) -> bool:
        return bool(self.values.dtype == np.int32)

    def as64(self) -> np.ndarray:
        if not self.is32:
            return self.values
        v = self.values.astype(np.int64)
        v[self.values == MISSING32] = MISSING64
        return v

    def missing(self, out: np.ndarray) -> np.ndarray:
        sentinel = MISSING32 if out.dtype == np.int32 else MISSING64
        return out == sentinel

    def like(self, values: np.ndarray) -> Days:
        """Other day numbers in the same container (a scalar broadcast to this input's shape)."""
        return Days(values, self.kind, self.shape, self.index, self.name, self.dtype, self.tz)

    # ------------------------------------------------------------------ answers

    def dates(self, out: np.ndarray) -> Any:
        """Day numbers (int64 or int32, missing = minimum) as dates in the input's container."""
        if self.kind == "polars":
            pl = _module("polars")
            return _polars_from_ints(pl, self.name, out, pl.Date)
        if self.kind == "arrow":
            pa = _module("pyarrow")
            return _arrow_from_ints(pa, out, pa.date32())
        days = out.astype(np.int64) if out.dtype == np.int32 else out
        if out.dtype == np.int32:
            days[out == MISSING32] = MISSING64
        d = days.view("datetime64[D]")
        if self.kind == "numpy":
            return d.reshape(self.shape)
        pd = _module("pandas")
        unit = np.dtype(self.dtype or "datetime64[s]")
        _check_fits(days, unit)
        values = d.astype(unit)
        if self.kind == "pandas-index":
            idx = pd.DatetimeIndex(values, name=self.name)
            return idx if self.tz is None else _in_zone(pd, idx, self.tz)
        s = pd.Series(values, index=self.index, name=self.name, copy=False)
        if self.tz is not None:
            s = pd.Series(_in_zone(pd, pd.DatetimeIndex(s), self.tz), index=self.index, name=self.name)
        return s

    def ints(self, out: np.ndarray) -> Any:
        """int64 answers (missing = minimum): numpy / pandas ``int64``, or ``float64`` with NaN
        where an input was missing; polars ``Int64`` / Arrow ``int64`` with nulls."""
        if self.kind == "polars":
            pl = _module("polars")
            return _polars_from_ints(pl, self.name, out, pl.Int64)
        if self.kind == "arrow":
            pa = _module("pyarrow")
            return _arrow_from_ints(pa, out, pa.int64())
        miss = out == MISSING64
        values: np.ndarray = out
        if miss.any():
            values = out.astype(np.float64)
            values[miss] = np.nan
        if self.kind == "numpy":
            return values.reshape(self.shape)
        pd = _module("pandas")
        index = self.index if self.kind == "pandas-series" else None
        return pd.Series(values, index=index, name=self.name, copy=False)

    def bools(self, out: np.ndarray, missing: int) -> Any:
        """0/1 answers with ``missing`` for a missing input: numpy ``bool`` (missing → False,
        as ``numpy.is_busday(NaT)``); pandas ``bool`` or nullable ``boolean`` where an input
        was missing; polars ``Boolean`` / Arrow ``bool`` with nulls."""
        miss = out == missing
        flags = out == 1
        if self.kind == "numpy":
            return flags.reshape(self.shape)
        if self.kind == "polars":
            pl = _module("polars")
            s = pl.Series(self.name, flags)
            return s.scatter(np.flatnonzero(miss), None) if miss.any() else s
        if self.kind == "arrow":
            pa = _module("pyarrow")
            return pa.array(flags, mask=miss if miss.any() else None)
        pd = _module("pandas")
        index = self.index if self.kind == "pandas-series" else None
        if miss.any():
            return pd.Series(pd.arrays.BooleanArray(flags, miss), index=index, name=self.name)
        return pd.Series(flags, index=index, name=self.name, copy=False)

    def labels(self, codes: np.ndarray, categories: Sequence[str], *, fixed: bool) -> Any:
        """Codes into ``categories`` (``-1`` = missing: no value, or a missing input) as labels
        in the input's container, without a Python call per element: numpy ``object`` (``None``
        where missing); pandas ``category`` (the categories all of ``categories`` when
        ``fixed``); polars ``Enum`` (``fixed``) or ``String``; Arrow dictionary (``fixed``) or
        ``string``; nulls where missing."""
        miss = codes < 0
        if self.kind == "numpy":
            table = np.array([*categories, None], dtype=object)
            return table[np.where(miss, len(categories), codes)].reshape(self.shape)
        if self.kind == "polars":
            pl = _module("polars")
            dtype = pl.Enum(list(categories)) if fixed else pl.String
            idx = pl.Series(np.where(miss, 0, codes).astype(np.uint32))
            if miss.any():
                idx = idx.scatter(np.flatnonzero(miss), None)
            return pl.Series(self.name or "", list(categories), dtype=dtype).gather(idx)
        if self.kind == "arrow":
            pa = _module("pyarrow")
            idx = pa.array(codes.astype(np.int32), mask=miss if miss.any() else None)
            if fixed:
                return pa.DictionaryArray.from_arrays(idx, pa.array(list(categories), pa.string()))
            return pa.array(list(categories), pa.string()).take(idx)
        pd = _module("pandas")
        index = self.index if self.kind == "pandas-series" else None
        cat = pd.Categorical.from_codes(codes.astype(np.int64), categories=pd.Index(list(categories), dtype=object))
        return pd.Series(cat, index=index, name=self.name)


def _polars_from_ints(pl: Any, name: Any, out: np.ndarray, dtype: Any) -> Any:
    sentinel = MISSING32 if out.dtype == np.int32 else MISSING64
    s = pl.Series(name or "", out)
    miss = out == sentinel
    if miss.any():
        s = s.scatter(np.flatnonzero(miss), None)
    return s.cast(dtype)


def _arrow_from_ints(pa: Any, out: np.ndarray, type_: Any) -> Any:
    sentinel = MISSING32 if out.dtype == np.int32 else MISSING64
    miss = out == sentinel
    ints = pa.array(out, mask=miss if miss.any() else None)
    if pa.types.is_date32(type_):
        return ints.cast(pa.int32()).cast(type_)
    return ints.cast(type_)


# ---------------------------------------------------------------------- inputs


#: Ticks a day of each datetime64 unit finer than a day.
_PER_DAY = {
    "h": 24,
    "m": 1_440,
    "s": 86_400,
    "ms": 86_400_000,
    "us": 86_400_000_000,
    "ns": 86_400_000_000_000,
    "ps": 86_400_000_000_000_000,
}


def _from_datetime64(a: np.ndarray, kind: str = "numpy", **extra: Any) -> Days:
    if a.dtype != np.dtype("datetime64[D]"):
        unit, count = np.datetime_data(a.dtype)
        per_day = _PER_DAY.get(unit) if count == 1 else None
        if unit in ("fs", "as"):
            # Within ±2.6 hours (fs) or ±9.2 seconds (as) of 1970-01-01T00:00: a day has more
            # ticks than an int64 holds (numpy's own cast overflows).
            ticks = a.astype(np.int64)
            days = np.where(ticks < 0, -1, 0).astype(np.int64)
            days[ticks == np.iinfo(np.int64).min] = np.iinfo(np.int64).min
            a = days.view("datetime64[D]")
        elif per_day is None:
            a = a.astype("datetime64[D]")  # floors, as numpy does; NaT stays NaT
        else:
            # Floored here: numpy's own cast overflows within a day of int64's minimum
            # (1677-09-21 in ns became 2262-04-10). NaT stays NaT.
            ticks = a.astype(np.int64)
            days = np.floor_divide(ticks, per_day)
            days[ticks == np.iinfo(np.int64).min] = np.iinfo(np.int64).min
            a = days.view("datetime64[D]")
    shape = a.shape
    flat = np.ascontiguousarray(a).reshape(-1)
    return Days(flat.view(np.int64), kind, shape=shape, **extra)


def _from_objects(items: Any, kind: str = "numpy", shape: Optional[tuple[int, ...]] = None, **extra: Any) -> Days:
    values = _motcua.day_numbers_of(items)
    return Days(values, kind, shape=shape if shape is not None else values.shape, **extra)


def to_days(x: Any) -> Days:
    """The day numbers of an array-like of dates."""
    if isinstance(x, np.ndarray):
        masked = _mask_of(x)
        if masked is not None:
            return _ndarray_days(_fill_missing(x, masked))
        return _ndarray_days(x.data if isinstance(x, np.ma.MaskedArray) else x)
    refuse_frame(x, "dates")
    pd = _module("pandas")
    if pd is not None and isinstance(x, (pd.Series, pd.Index)):
        return _pandas_days(pd, x)
    pl = _module("polars")
    if pl is not None and isinstance(x, pl.Series):
        return _polars_days(pl, x)
    pa = _module("pyarrow")
    if pa is not None and isinstance(x, (pa.Array, pa.ChunkedArray)):
        return _arrow_days(pa, x)
    if isinstance(x, (set, frozenset, dict)):
        # (a set has no order, a dict's dates would be its keys: the answers came in another
        # order than the caller's, or for the keys)
        raise _raise(ArgumentTypeError, f"dates must be an ordered array-like (a list, an array, a Series), not a {type(x).__name__}")
    if isinstance(x, (list, tuple, range)) or hasattr(x, "__iter__"):
        items = list(x)
        try:
            a = np.asarray(items) if items else np.array([], dtype="datetime64[D]")
        except ValueError:
            # Nested lists of different lengths (numpy's bare ValueError): read one by one, the
            # first list is an InvalidDateError naming its index, as in nested lists of one length.
            return _from_objects(items)
        if a.dtype.kind == "M":
            return _from_datetime64(a)
        return _from_objects(items)
    raise _raise(
        InvalidDateError,
        f"expected a date or an array-like of dates, got {type(x).__name__}",
    )


def _fill_missing(x: Any, masked: np.ndarray) -> np.ndarray:
    """The data of a masked array of dates with its masked values missing (``NaT``, ``None``):
    what is under the mask is never read."""
    if x.dtype.kind == "M":
        data = x.data.copy()
        data[masked] = np.datetime64("NaT")
        return data
    if x.dtype.kind in "OUS":
        data = x.data.astype(object)
        data[masked] = None
        return data
    return x.data  # (not dates: refused for its dtype)


def _ndarray_days(a: np.ndarray) -> Days:
    k = a.dtype.kind
    if k == "M":
        return _from_datetime64(a)
    if k in "OUS":
        return _from_objects(a.reshape(-1).tolist(), shape=a.shape)
    raise _raise(
        InvalidDateError,
        f"expected an array of dates (datetime64, or objects/strings), got dtype {a.dtype}; "
        "day numbers can be viewed as dates with .astype('datetime64[D]')",
    )


def _pandas_days(pd: Any, x: Any) -> Days:
    is_index = isinstance(x, pd.Index)
    kind = "pandas-index" if is_index else "pandas-series"
    index = None if is_index else x.index
    tz = getattr(x.dtype, "tz", None)
    if tz is not None:
        # instants with a zone: their day in Vietnam (UTC+7), as at every door; the answers
        # come back as dates in the data's own zone
        x = x.tz_convert(VIETNAM).tz_localize(None) if is_index else x.dt.tz_convert(VIETNAM).dt.tz_localize(None)
    arrow_dtype = getattr(pd, "ArrowDtype", None)
    if arrow_dtype is not None and isinstance(x.dtype, arrow_dtype):
        import pyarrow as pa

        # (an Arrow timestamp's zone is on its Arrow type; the Arrow door converts it)
        zone = getattr(x.dtype.pyarrow_dtype, "tz", None)
        arrow = _arrow_days(pa, x.array.__arrow_array__())
        return Days(arrow.values, kind, index=index, name=x.name, dtype="datetime64[s]", tz=zone)
    if x.dtype.kind == "M":
        a = x.to_numpy(copy=False)
        return _from_datetime64(a, kind, index=index, name=x.name, dtype=a.dtype, tz=tz)
    items = x.to_numpy(dtype=object)
    return _from_objects(items, kind, index=index, name=x.name, dtype="datetime64[s]")


def _polars_days(pl: Any, s: Any) -> Days:
    dtype = s.dtype
    if (dtype == pl.Datetime or isinstance(dtype, pl.Datetime)) and not getattr(dtype, "time_zone", None):
        phys = s.to_physical()
        if _stamps_in_range({"min": phys.min(), "max": phys.max()}, dtype.time_unit):
            s = s.dt.date()  # (in range: polars' own cast, the fastest)
            dtype = s.dtype
    if dtype == pl.Datetime or isinstance(dtype, pl.Datetime):
        # (an instant's day in Vietnam, UTC+7, as at every door; see `_stamp_days`)
        phys = s.to_physical()
        nulls = phys.is_null().to_numpy() if phys.null_count() else None
        stamps = (phys.fill_null(0) if nulls is not None else phys).to_numpy()
        utc = bool(getattr(dtype, "time_zone", None))
        return Days(_stamp_days(stamps, nulls, dtype.time_unit, utc), "polars", name=s.name)
    elif dtype != pl.Date:
        return Days(_motcua.day_numbers_of(s.to_list()), "polars", name=s.name)
    ints = s.to_physical()
    nulls = None
    if ints.null_count():
        nulls = ints.is_null().to_numpy()
        ints = ints.fill_null(MISSING32)
    values = ints.to_numpy()
    if not values.flags.c_contiguous or values.dtype != np.int32:
        values = np.ascontiguousarray(values, dtype=np.int32)
    return Days(_keep_minimum(values, nulls), "polars", name=s.name)


def _keep_minimum(values: np.ndarray, nulls: Optional[np.ndarray]) -> np.ndarray:
    """Arrow-style day numbers (int32, nulls filled with the missing sentinel): a value equal
    to the sentinel that is not null would be read as missing, so the day numbers are widened
    to int64 then, where it is a day number far out of range (an error naming its index)."""
    hit = values == MISSING32
    if nulls is not None:
        hit &= ~nulls
    if not hit.any():
        return values
    wide = values.astype(np.int64)
    if nulls is not None:
        wide[nulls] = MISSING64
    return wide


def _arrow_days(pa: Any, a: Any) -> Days:
    import pyarrow.compute as pc

    t = a.type
    if pa.types.is_timestamp(t) and not _stamps_in_range(pc.min_max(a.cast(pa.int64())), t.unit):
        # (days past 2**31: counted in int64, an error naming the element)
        return _arrow_stamp_days(pa, a)
    if pa.types.is_timestamp(t) and t.tz is not None:
        # an instant's day in Vietnam (UTC+7), as at every door
        a = pc.cast(pc.local_timestamp(a.cast(pa.timestamp(t.unit, "+07:00"))), pa.date32())
    elif pa.types.is_timestamp(t):
        a = pc.cast(a, pa.date32())
    elif pa.types.is_date64(t):
        try:
            a = pc.cast(a, pa.date32())
        except pa.ArrowInvalid:
            # (Arrow's date64 holds whole days in milliseconds: anything else is malformed.)
            raise _raise(
                InvalidDateError, "an Arrow date64 value is not a whole day (a multiple of 86,400,000 ms)"
            ) from None
    elif pa.types.is_string(t) or pa.types.is_large_string(t):
        return Days(_motcua.day_numbers_of(a.to_pylist()), "arrow")
    elif not pa.types.is_date32(t):
        raise _raise(InvalidDateError, f"expected an Arrow date or timestamp array, got {t}")
    ints = a.cast(pa.int32())  # date32 → int32 reuses the buffer
    if isinstance(ints, pa.ChunkedArray):
        ints = ints.chunk(0) if ints.num_chunks == 1 else ints.combine_chunks()
    nulls = None
    if ints.null_count == 0:
        # One chunk without nulls: a read-only view of the Arrow buffer, no copy.
        values = ints.to_numpy(zero_copy_only=True)
    else:
        nulls = ints.is_null().to_numpy(zero_copy_only=False)
        values = pc.fill_null(ints, MISSING32).to_numpy(zero_copy_only=False)
    return Days(_keep_minimum(np.ascontiguousarray(values, dtype=np.int32), nulls), "arrow")


#: Ticks a day of each Arrow timestamp unit (a name of its own: the table above, of
#: datetime64 units, was shadowed by this one, so `h`, `m` and `ps` went through numpy's
#: overflowing cast).
_STAMP_PER_DAY = {"s": 86_400, "ms": 86_400_000, "us": 86_400_000_000, "ns": 86_400_000_000_000}


def _stamp_days(stamps: np.ndarray, nulls: Optional[np.ndarray], unit: str, utc: bool) -> np.ndarray:
    """The day numbers of int64 timestamps in ``unit`` (since 1970-01-01; ``utc``: instants,
    whose day is Vietnam's, UTC+7), counted in int64 without overflow: Arrow's and polars' own
    casts to a date wrap a day past 2**31 into the calendar's range (a year 11,700,000 read as
    2026) or give null or panic. A day outside int32 stays itself, an error naming its index.
    Nulls are the missing sentinel."""
    per_day = _STAMP_PER_DAY[unit]
    days, rest = np.divmod(stamps.astype(np.int64, copy=False), per_day)
    if utc:
        # (rest < per_day and the offset < per_day: the sum cannot overflow)
        days += (rest + 7 * 3600 * (per_day // 86_400)) >= per_day
    if nulls is not None:
        days[nulls] = MISSING64
    present = days if nulls is None else days[~nulls]
    if present.size == 0 or (present.min() > MISSING32 and present.max() <= np.iinfo(np.int32).max):
        return np.ascontiguousarray(np.where(days == MISSING64, MISSING32, days), dtype=np.int32)
    return np.ascontiguousarray(days, dtype=np.int64)


def _stamps_in_range(min_max: Any, unit: str) -> bool:
    """Whether timestamps whose ``pyarrow.compute.min_max`` (or polars min and max, as a
    mapping) is ``min_max`` are days of ±2**30 at most: Arrow's and polars' own (faster) casts
    to a date then cannot wrap."""
    low, high = min_max["min"], min_max["max"]
    low = low.as_py() if hasattr(low, "as_py") else low
    high = high.as_py() if hasattr(high, "as_py") else high
    bound = 2**30 * _STAMP_PER_DAY[unit]
    return low is None or (-bound <= low and high <= bound)


def _arrow_stamp_days(pa: Any, a: Any) -> Days:
    """The days of Arrow timestamps (see `_stamp_days`)."""
    import pyarrow.compute as pc

    t = a.type
    ints = a.cast(pa.int64())
    if isinstance(ints, pa.ChunkedArray):
        ints = ints.combine_chunks() if ints.num_chunks != 1 else ints.chunk(0)
    nulls = ints.is_null().to_numpy(zero_copy_only=False) if ints.null_count else None
    stamps = pc.fill_null(ints, 0).to_numpy(zero_copy_only=False) if nulls is not None else ints.to_numpy()
    return Days(_stamp_days(stamps, nulls, t.unit, t.tz is not None), "arrow")


def scalar_day(x: Any) -> int:
    """The day number of one date-like value (a missing value is an error)."""
    return int(_motcua.day_number(x))


# ---------------------------------------------------------------------- integer operands


_I64_MIN = -(2**63)
_I64_MAX = 2**63 - 1


def shape_of(x: Any) -> Optional[tuple[int, ...]]:
    """The shape of an array operand (numpy's; a list's as numpy reads it; a column's
    ``(len,)``), ``None`` for a scalar (a number, a date, a string)."""
    if isinstance(x, np.ndarray):
        return tuple(x.shape) if x.ndim else None
    if isinstance(x, (list, tuple)):
        try:
            return tuple(np.shape(np.asarray(x, dtype=object)))
        except ValueError:  # ragged: numpy reads it as a list of objects
            return (len(x),)
    if isinstance(x, (str, bytes)) or not hasattr(x, "__len__"):
        return None
    return (len(x),)


def int_operand(n: Any, what: str = "n") -> Any:
    """An integer scalar (``int``) or a contiguous ``int64`` array (missing = minimum).

    Every value is checked, never wrapped or truncated: a bool, a fraction, ``NaN`` (as a
    scalar), ``±inf`` or a value outside the 64-bit range (``uint64`` ``2**64 - 1`` is not
    ``-1``) is an :class:`~motcua.InvalidNumberError` naming the parameter (and the index)."""
    if isinstance(n, (bool, np.bool_)):
        raise _raise(InvalidNumberError, f"`{what}` must be an integer, got a bool")
    if n is None or type(n).__name__ in ("NAType", "NaTType"):
        raise _raise(EmptyInputError, f"`{what}` is missing (one integer, or one per date)")
    if isinstance(n, (str, bytes, bytearray, memoryview)):
        # (numpy reads a bytearray as an array of its bytes: b"3" was 51 days.)
        raise _raise(InvalidNumberError, f"`{what}` must be an integer, got text {n!r:.40}")
    if isinstance(n, (np.timedelta64, _dt.timedelta)):
        # (numpy's timedelta64 is an integer type: int() of one raised a bare TypeError)
        raise _raise(ArgumentTypeError, f"`{what}` must be an integer, not a duration {n!r:.40}")
    if isinstance(n, (int, np.integer)):
        if not _I64_MIN < int(n) <= _I64_MAX:
            raise _raise(InvalidNumberError, f"`{what}` = {int(n)} is outside the 64-bit integer range")
        return int(n)
    if isinstance(n, (float, np.floating)):
        if n != n or not np.isfinite(n) or not float(n).is_integer():
            raise _raise(InvalidNumberError, f"`{what}` must be an integer, got {n!r}")
        if not _I64_MIN < float(n) < 2.0**63:
            raise _raise(InvalidNumberError, f"`{what}` = {n!r} is outside the 64-bit integer range")
        return int(n)
    if isinstance(n, numbers.Number) and not isinstance(n, np.generic):
        # Another scalar number (Decimal, Fraction): a whole one is its integer, checked as
        # one; it was taken as an array, answered with an array, and Decimal("NaN") passed.
        if isinstance(n, (decimal.Decimal, numbers.Rational)):
            whole = whole_number(n)
            if whole is None:
                raise _raise(InvalidNumberError, f"`{what}` must be an integer, got {n!r}")
            return int_operand(whole, what)
        if isinstance(n, numbers.Real):
            return int_operand(float(n), what)
        raise _raise(InvalidNumberError, f"`{what}` must be an integer, got {n!r:.40}")
    a = _int_array(n, what)
    return a


def whole_number(v: Any) -> Optional[int]:
    """A ``Decimal`` or a ``Fraction`` (any rational) as its integer when it is a finite whole
    number, else ``None``."""
    if isinstance(v, decimal.Decimal):
        return int(v) if v.is_finite() and v == v.to_integral_value() else None
    if isinstance(v, numbers.Rational):
        return int(v.numerator) if v.denominator == 1 else None
    return None


def _first(bad: np.ndarray) -> int:
    return int(np.flatnonzero(bad)[0])


def _not_numbers(items: Any, what: str) -> None:
    """A bool or a text among Python objects is an error (numpy would read `True` as 1 and
    an object array's `"2"` as 2), a duration too: the index of the first."""
    for i, x in enumerate(items):
        if isinstance(x, (bool, np.bool_)):
            raise _raise(InvalidNumberError, f"`{what}` must be integers, got a bool", index=i)
        if isinstance(x, (str, bytes)):
            raise _raise(InvalidNumberError, f"`{what}` must be integers, got text {x!r:.40}", index=i)
        if isinstance(x, (np.timedelta64, _dt.timedelta)):
            raise _raise(ArgumentTypeError, f"`{what}` must be integers, not durations", index=i)


def _int_array(n: Any, what: str) -> np.ndarray:
    refuse_frame(n, f"`{what}`")
    masked = _mask_of(n)
    if masked is not None:
        # A masked value is missing, as NaN or None is: what is under the mask is not read.
        data = n.data.copy()
        if data.dtype.kind in "iufO":
            data[masked] = 0
        out = _int_array(data, what)
        out[masked.reshape(-1)] = MISSING64
        return out
    if isinstance(n, np.ma.MaskedArray):
        n = n.data
    pd = _module("pandas")
    pl = _module("polars")
    if isinstance(n, (list, tuple)):
        _not_numbers(n, what)
    if pd is not None and isinstance(n, (pd.Series, pd.Index)):
        # A column with missing values is read as floats (NaN = missing) only when it holds
        # numbers: booleans, text and dates are checked as they are (`True` is not 1).
        if pd.api.types.is_bool_dtype(n.dtype):
            raise _raise(InvalidNumberError, f"`{what}` must be integers, got booleans")
        numeric = pd.api.types.is_numeric_dtype(n.dtype)
        n = n.to_numpy(dtype="float64", na_value=np.nan) if n.hasnans and numeric else n.to_numpy()
    elif pl is not None and isinstance(n, pl.Series):
        if n.dtype == pl.Boolean:
            raise _raise(InvalidNumberError, f"`{what}` must be integers, got booleans")
        n = n.cast(pl.Float64).to_numpy() if n.null_count() and n.dtype.is_numeric() else n.to_numpy()
    try:
        a = np.asarray(n)
    except ValueError:  # (nested lists of different lengths: numpy's bare ValueError)
        nested = [i for i, x in enumerate(n) if isinstance(x, (list, tuple, np.ndarray))]
        raise _raise(
            InvalidNumberError,
            f"`{what}` must be integers, got nested lists of different lengths",
            index=nested[0] if nested else None,
        ) from None
    if a.dtype.kind == "b":
        raise _raise(InvalidNumberError, f"`{what}` must be integers, got booleans")
    if a.dtype.kind == "m":
        raise _raise(ArgumentTypeError, f"`{what}` must be integers, not durations ({a.dtype})")
    if a.dtype.kind in "iu":
        flat = a.reshape(-1)
        if a.dtype.kind == "u" and a.dtype.itemsize == 8:
            big = flat > np.uint64(_I64_MAX)
            if big.any():
                i = _first(big)
                raise _raise(InvalidNumberError, f"`{what}` = {int(flat[i])} is outside the 64-bit integer range", index=i)
        if a.dtype.kind == "i" and a.dtype.itemsize == 8:  # either byte order
            # the array form's missing value: an integer array has none, so this is a number
            low = flat == MISSING64
            if low.any():
                i = _first(low)
                raise _raise(InvalidNumberError, f"`{what}` = {int(flat[i])} is outside the 64-bit integer range", index=i)
        return np.ascontiguousarray(flat, dtype=np.int64)
    if a.dtype.kind == "f":
        flat = a.reshape(-1)
        nan = np.isnan(flat)
        with np.errstate(invalid="ignore"):
            bad = ~nan & ~(np.isfinite(flat) & (flat == np.trunc(flat)) & (flat > _I64_MIN) & (flat < 2.0**63))
        if bad.any():
            i = _first(bad)
            raise _raise(InvalidNumberError, f"`{what}` must be integers in the 64-bit range, got {flat[i]!r}", index=i)
        out = np.where(nan, 0, flat).astype(np.int64)
        out[nan] = MISSING64
        return out
    if a.dtype.kind == "O":
        _not_numbers(a.reshape(-1), what)
        try:
            floats = a.astype(np.float64)  # None → NaN
        except (TypeError, ValueError):
            pass
        else:
            return _int_array(floats, what)
    raise _raise(InvalidNumberError, f"`{what}` must be an integer or an array of integers, got dtype {a.dtype}")


def missing_scalar_error() -> EmptyInputError:
    return _raise(EmptyInputError, "missing date (None or NaT); the array forms propagate missing values")


def map_polars_expr(expr: Any, fn: Callable[[Any], Any], dtype: Any) -> Any:
    """A polars expression applying ``fn`` to each batch (a Series) of ``expr``."""
    return expr.map_batches(fn, return_dtype=dtype)
