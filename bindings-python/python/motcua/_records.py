"""Frames of dossier records → the core's typed columns (an adapter, no logic).

Each column the core's record reader needs (the names come from the core) is described by its
buffers, never by a Python object per value:

- Arrow data (pyarrow tables and batches, polars frames, Arrow-backed pandas columns, pandas
  3's default ``str`` columns) crosses through the Arrow C data interface (``__arrow_c_stream__``
  / ``__arrow_c_array__``) without a copy;
- numpy-backed pandas columns cross as numpy buffers: ``datetime64`` as integers with their unit
  (a zoned column's integers are UTC, and the core converts them to UTC+7), numbers, flags,
  categorical codes with their categories, nullable arrays with their mask;
- an ``object`` column is converted by pyarrow when it is installed, else factorized (only its
  distinct values are read as Python objects); such frames are handed over in chunks of
  :data:`CHUNK_ROWS` rows, so memory stays bounded whatever the frame's size. A polars
  ``LazyFrame`` is collected in batches of the same size.

The core reads, parses, classifies and counts; see ``motcua.records`` in the Rust crate.
"""

from __future__ import annotations

import datetime as dt
import decimal
import os
import re
import sys
import warnings

from contextlib import contextmanager
from typing import Any, Callable, Container, Iterator, Mapping, Optional, Union

import numpy as np

from . import _convert as cv
from . import _motcua
from .error import InvalidArgumentError, MotcuaError, _raise

#: The logical columns of a dossier record and the scorecard's (the core's tables).
KNOWN_COLUMNS, SERVICE_COLUMNS = (tuple(c) for c in _motcua.record_columns())

#: Rows handed to the core at a time when a frame must be converted (object columns, lazy
#: frames).
CHUNK_ROWS = 1 << 20

#: A column description: ``(name, (kind, *buffers))``.
Columns = list[tuple[str, Any]]


def is_path(x: Any) -> bool:
    """A file's path (``str`` or ``os.PathLike``, or one with its format given: see
    :func:`source`): records the core reads from the file, as the CLI reads it."""
    return isinstance(x, (str, os.PathLike, _motcua.RecordFile))


def source(df: Any, input_format: Any) -> Any:
    """The records ``df`` read with ``input_format`` (``"csv"`` or ``"jsonl"``, the CLI's
    ``--input-format``; ``None``: a file's format told by its name, ``.jsonl`` / ``.ndjson``
    being JSON lines): a file's path with a format becomes the core's ``RecordFile``. A format
    is for a file's path only (a frame's columns are typed already): else an
    :class:`InvalidArgumentError`."""
    if input_format is None:
        return df
    if not isinstance(df, (str, os.PathLike)):
        raise _raise(
            InvalidArgumentError,
            f"input_format is for a file's path (a frame's columns are read as they are), got {type(df).__name__}",
        )
    return _motcua.RecordFile(os.fspath(df), input_format)


def path_output() -> str:
    """What a report of a file (given by its path) comes out as: ``"pandas"`` when pandas is
    installed (imported here), else ``"rows"`` (a list of dicts)."""
    try:
        import pandas  # noqa: F401
    except ImportError:
        return "rows"
    return "pandas"


def frame_kind(df: Any) -> str:
    pd = cv._module("pandas")
    if pd is not None and isinstance(df, pd.DataFrame):
        return "pandas"
    pl = cv._module("polars")
    if pl is not None and isinstance(df, (pl.DataFrame, pl.LazyFrame)):
        return "polars"
    pa = cv._module("pyarrow")
    if pa is not None and isinstance(df, (pa.Table, pa.RecordBatch, pa.RecordBatchReader)):
        return "arrow"
    if isinstance(df, Mapping):
        return "mapping"
    raise _raise(
        InvalidArgumentError,
        "expected a pandas or polars DataFrame (or LazyFrame), a pyarrow Table, RecordBatch or "
        f"RecordBatchReader, or a mapping of columns, got {type(df).__name__}",
    )


class Wanted(Container[str]):
    """The frame columns the core's record reader may use (``name in wanted``): the sources
    of ``map``, and its logical columns and ``by`` in any ASCII case (a spreadsheet's
    ``Resolved``), as the core matches a CSV header (``ReadOptions::reads``)."""

    __slots__ = ("_by", "_map", "_service", "_known")

    def __init__(self, by: list[str], map: Optional[Mapping[str, Union[str, int]]], service: bool) -> None:
        self._by = list(by)
        self._map = map_arg(map)
        self._service = service
        self._known: dict[str, bool] = {}

    def __contains__(self, name: object) -> bool:
        n = str(name)
        hit = self._known.get(n)
        if hit is None:
            hit = bool(_motcua.read_columns([n], self._by, self._map, self._service))
            self._known[n] = hit
        return hit


def by_list(by: Any) -> list[str]:
    """The grouping columns of a ``by=`` argument: a column name, comma-separated names (as
    the CLI's ``--by`` and the JS package's ``by`` read them: ``"field,agency"``), or an
    iterable of names, each taken whole (``["a,b"]``: the column ``a,b``); ``None``: none.
    Names are trimmed and empty ones dropped (``"field, agency,"``), as the CLI and JS read
    them (a header's names are trimmed too). Anything else is an
    :class:`InvalidArgumentError` (``by=3`` was a bare ``TypeError``)."""
    if by is None:
        return []
    if isinstance(by, str):
        # (``"channel,field"`` was one column of that name: a missing-column error where the
        # CLI and JS group by two.)
        return _names(by.split(","))
    if isinstance(by, (set, frozenset, Mapping)):
        # A set has no order: the report's columns and rows would change from run to run.
        raise _raise(
            InvalidArgumentError,
            f"by: expected a column name or a list of them (in order), got a {type(by).__name__}",
        )
    try:
        names = list(by)
    except TypeError:
        raise _raise(InvalidArgumentError, f"by: expected a column name or a list of them, got {type(by).__name__}") from None
    bad = [n for n in names if not isinstance(n, str)]
    if bad:
        raise _raise(InvalidArgumentError, f"by: column names must be strings, got {bad[0]!r}")
    return _names(names)


def _names(names: list[str]) -> list[str]:
    """Column names as the core reads ``by`` (trimmed, the empty ones dropped), as the CLI's
    ``--by`` and JS's ``by``: ``" agency"`` was a missing column here only."""
    return list(_motcua.by_names(names))


def map_arg(map: Any) -> dict[str, str]:
    """The ``map=`` argument as the core takes it, ``{logical column: source column}``. A
    source column may be named by a frame's integer column name (``pd.read_csv(...,
    header=None)`` numbers them), read as its text as the frame's columns are. Anything else is
    an :class:`InvalidArgumentError` naming ``map`` (``{"received": 0}`` was a bare
    ``TypeError``, ``"received=0"`` a ``ValueError``)."""
    if map is None:
        return {}
    if not isinstance(map, Mapping):
        raise _raise(
            InvalidArgumentError,
            f"map: expected a mapping {{logical column: source column}} such as "
            f"{{'received': 'ngay_nhan'}}, got a {type(map).__name__}",
        )
    pairs: list[tuple[str, str]] = []
    for k, v in map.items():
        if not isinstance(k, str):
            raise _raise(InvalidArgumentError, f"map: a logical column is named by a string (received, resolved, ...), got {k!r}")
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, (str, int, np.integer)):
            raise _raise(
                InvalidArgumentError,
                f"map: {k!r} must name a source column (a string, or a frame's integer column name), got {v!r}",
            )
        pairs.append((k, str(v)))
    # Trimmed, an empty name or source and a name given twice (`{"received": ..., " received":
    # ...}`: which would be read is a guess) refused, by the core as the CLI's `--map` and JS's
    # `map` read them.
    return dict(_motcua.map_columns(pairs))


def wanted(by: list[str], map: Optional[Mapping[str, Union[str, int]]], service: bool = False) -> Wanted:
    """The source columns the core may read (its logical columns, mapped, and ``by``)."""
    return Wanted(by, map, service)


def chunks(df: Any, names: Container[str]) -> Iterator[tuple[Columns, int, int]]:
    """The frame's needed columns, as ``(columns, first_row, rows)`` chunks in row order (one
    chunk unless the frame must be converted)."""
    kind = frame_kind(df)
    if kind == "polars":
        yield from _polars(df, names)
    elif kind == "arrow":
        yield from _arrow(df, names)
    elif kind == "pandas":
        yield from _pandas(df, names)
    else:
        yield from _mapping(df, names)


def parts(source: Any, names: Container[str]) -> Iterator[tuple[Any, int, Optional[int]]]:
    """What the core's ``add`` methods take, one call each: a file's path whole (the core
    streams it), else the frame's chunks of columns (:func:`chunks`)."""
    if is_path(source):
        yield source, 0, None
    else:
        yield from chunks(source, names)


def length(df: Any) -> Optional[int]:
    """Rows of an in-memory frame (``None`` for a lazy one)."""
    kind = frame_kind(df)
    if kind == "polars":
        pl = cv._module("polars")
        return None if isinstance(df, pl.LazyFrame) else int(df.height)
    if kind == "arrow":
        pa = cv._module("pyarrow")
        return None if isinstance(df, pa.RecordBatchReader) else int(df.num_rows)
    if kind == "pandas":
        return len(df)
    return len(next(iter(df.values()))) if df else 0


# ---------------------------------------------------------------------- polars and Arrow


def _polars_as_text(pl: Any, dtype: Any) -> bool:
    """Whether a polars column is handed over as text: the ``Null`` type (every value missing,
    as polars types a column of ``None``; polars hands it over the C data interface with a
    buffer the Arrow importer refuses) and decimals (a database's NUMERIC), each value as the
    text a CSV of it holds (``1.10`` at scale 2), as pandas' ``Decimal`` objects are read."""
    return bool(dtype == pl.Null or isinstance(dtype, pl.Decimal))


def _polars_select(pl: Any, schema: Any, cols: list[str]) -> list[Any]:
    """The expressions selecting ``cols``, as text where :func:`_polars_as_text` says."""
    return [pl.col(c).cast(pl.String) if _polars_as_text(pl, schema[c]) else pl.col(c) for c in cols]


def _polars(df: Any, names: Container[str]) -> Iterator[tuple[Columns, int, int]]:
    pl = cv._module("polars")
    if isinstance(df, pl.LazyFrame):
        schema = df.collect_schema()
        cols = [c for c in schema.names() if c in names]
        picked = df.select(_polars_select(pl, schema, cols))
        first = 0
        got_any = False
        for batch in picked.collect_batches(chunk_size=CHUNK_ROWS):
            got_any = True
            yield [(c, ("arrow", batch.get_column(c))) for c in cols], first, batch.height
            first += batch.height
        if not got_any:
            empty = picked.head(0).collect()
            yield [(c, ("arrow", empty.get_column(c))) for c in cols], 0, 0
        return
    cols = [c for c in df.columns if c in names]
    if any(_polars_as_text(pl, df.schema[c]) for c in cols):
        df = df.select(_polars_select(pl, df.schema, cols))
    yield [(c, ("arrow", df.get_column(c))) for c in cols], 0, df.height


def _arrow_column(a: Any) -> Any:
    """An Arrow array or chunked array as the core takes it (a stream, or a list of arrays);
    decimals (a database's NUMERIC) as their text, ``1.10`` at scale 2, as a CSV of them
    holds it and as pandas' ``Decimal`` objects are read (the core reads no decimal buffer)."""
    import pyarrow as pa

    if pa.types.is_decimal(a.type):
        a = a.cast(pa.string())
    if hasattr(a, "__arrow_c_stream__"):
        return ("arrow", a)
    chunks = getattr(a, "chunks", None)
    return ("arrow", list(chunks) if chunks is not None else [a])


def _batches_column(pa: Any, batches: list[Any], name: str, schema: Any) -> Any:
    """Column `name` of record batches, as one chunked array (one stream to import)."""
    return _arrow_column(pa.chunked_array([b.column(name) for b in batches], type=schema.field(name).type))


def _arrow(df: Any, names: Container[str]) -> Iterator[tuple[Columns, int, int]]:
    pa = cv._module("pyarrow")
    if isinstance(df, pa.RecordBatchReader):
        # Batches gathered into chunks of about CHUNK_ROWS rows (one core call each).
        cols = [c for c in df.schema.names if c in names]
        first, rows, buf = 0, 0, []
        for batch in df:
            buf.append(batch)
            rows += batch.num_rows
            if rows >= CHUNK_ROWS:
                yield [(c, _batches_column(pa, buf, c, df.schema)) for c in cols], first, rows
                first, rows, buf = first + rows, 0, []
        if buf or first == 0:
            yield [(c, _batches_column(pa, buf, c, df.schema)) for c in cols], first, rows
        return
    cols = [(i, c) for i, c in enumerate(df.schema.names) if c in names]
    if isinstance(df, pa.RecordBatch):
        yield [(c, _arrow_column(df.column(i))) for i, c in cols], 0, df.num_rows
    else:
        yield [(c, _arrow_column(df.column(i))) for i, c in cols], 0, df.num_rows


# ---------------------------------------------------------------------- pandas


def _pandas(df: Any, names: Container[str]) -> Iterator[tuple[Columns, int, int]]:
    # (by position: a column name the frame has twice is handed over twice, for the core to
    # refuse, rather than read as a frame)
    at = [i for i, c in enumerate(df.columns) if str(c) in names]
    originals = [df.columns[i] for i in at]
    n = len(df)
    series = [df.iloc[:, i] for i in at]
    if not any(_needs_conversion(s) for s in series) or n <= CHUNK_ROWS:
        yield [(str(c), _series(s)) for c, s in zip(originals, series)], 0, n
        return
    for start in range(0, n, CHUNK_ROWS):
        part = [s.iloc[start : start + CHUNK_ROWS] for s in series]
        yield [(str(c), _series(s)) for c, s in zip(originals, part)], start, len(part[0])


def _needs_conversion(s: Any) -> bool:
    return bool(s.dtype == object) or getattr(s.dtype, "storage", None) == "python"


def _series(s: Any) -> Any:
    """The description of one pandas column."""
    pd = cv._module("pandas")
    dtype = s.dtype
    arr = s.array
    if isinstance(dtype, pd.CategoricalDtype):
        codes = np.ascontiguousarray(s.cat.codes.to_numpy())
        return ("categorical", codes, _series(pd.Series(s.cat.categories)))
    if isinstance(dtype, getattr(pd, "ArrowDtype", ())) or getattr(dtype, "storage", None) == "pyarrow":
        return _arrow_column(arr.__arrow_array__())
    if dtype.kind == "M":
        tz = getattr(dtype, "tz", None)
        unit = getattr(dtype, "unit", None) or np.datetime_data(dtype)[0]
        values = np.asarray(arr.asi8) if tz is not None else s.to_numpy().view("i8")
        return ("timestamps", np.ascontiguousarray(values), unit, tz is not None)
    if _needs_conversion(s):
        return _objects(s.to_numpy(dtype=object))
    if hasattr(arr, "_mask") and hasattr(arr, "_data"):
        inner = _numpy(np.asarray(arr._data))
        return ("masked", inner, np.ascontiguousarray(np.asarray(arr._mask, dtype=bool)))
    return _numpy(s.to_numpy())


def _numpy(a: np.ndarray) -> Any:
    """The description of a 1-D numpy array."""
    a = np.ascontiguousarray(a.reshape(-1))
    k = a.dtype.kind
    if k == "M":
        unit = np.datetime_data(a.dtype)[0]
        if unit == "D":
            return ("days", a.view("i8"))
        if unit in ("s", "ms", "us", "ns"):
            return ("timestamps", a.view("i8"), unit, False)
        return ("timestamps", a.astype("datetime64[s]").view("i8"), "s", False)
    if k in "iu":
        return ("ints", a)
    if k == "f":
        if a.dtype in (np.float32, np.float16):
            # Each value as the decimal it shows (0.1, not 0.10000000149011612): a float32 (or
            # float16) grouping value is labelled as pandas prints it, and as a CSV of it reads.
            return ("floats", a.astype(str).astype(np.float64))
        return ("floats", a if a.dtype == np.float64 else a.astype(np.float64))
    if k == "b":
        return ("bools", a)
    return _objects(a.astype(object))


def _naive_and_zoned(values: np.ndarray) -> bool:
    """Whether the objects hold both naive and zoned datetimes."""
    naive = zoned = False
    for v in values:
        if isinstance(v, dt.datetime):
            if v.tzinfo is None:
                naive = True
            else:
                zoned = True
            if naive and zoned:
                return True
    return False


def _has_instants(values: np.ndarray) -> bool:
    """Whether an object column typed as dates by its first value holds an instant (a
    ``datetime``, a pandas ``Timestamp``, a numpy ``datetime64`` finer than a day)."""
    date, datetime = dt.date, dt.datetime
    for v in values:
        kind = type(v)
        if kind is date or v is None:
            continue  # (the common case: one test a value)
        if isinstance(v, datetime):
            return True
        if kind is np.datetime64 and np.datetime_data(v.dtype)[0] not in ("D", "W", "M", "Y"):
            return True
    return False


def _objects(values: np.ndarray) -> Any:
    """An object column: converted by pyarrow, else factorized (each distinct value read
    once)."""
    pa = cv._module("pyarrow")
    if pa is None:
        try:
            import pyarrow

            pa = pyarrow
        except ImportError:
            pa = None
    if pa is not None:
        try:
            arr = pa.array(values, from_pandas=True)
            # pyarrow gives a column one type, the first value's: naive and zoned instants
            # together would be read in the wrong zone, and instants after a `date` are cut
            # to their date (a receipt at 18:30 counted from that day: what an Excel import
            # gives). Each value as it is instead.
            if pa.types.is_timestamp(arr.type):
                mixed = _naive_and_zoned(values)
            elif pa.types.is_date(arr.type):
                mixed = _has_instants(values)
            else:
                # Decimals (`read_sql`'s NUMERIC) are read each as its exact text below.
                mixed = pa.types.is_decimal(arr.type)
            if not mixed:
                return ("arrow", [arr])
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, TypeError, ValueError, OverflowError):
            pass  # mixed types: each distinct value as it is
    flags = decimals = False
    for v in values:
        flags = flags or isinstance(v, (bool, np.bool_))
        decimals = decimals or isinstance(v, decimal.Decimal)
        if flags and decimals:
            break
    if flags or decimals:
        # True, 1 and 1.0 are one key to a hash table: the group was "true" or "1" by which
        # came first, where the CLI and JS read `true` and `1` apart. Keyed by flag-or-not.
        # Decimals equal in value but written apart (`1.1`, `1.10`: a NUMERIC column without
        # a fixed scale) were one group labelled by the first met, where a CSV of them has
        # their texts apart: keyed by their text.
        return _factorized(
            values,
            lambda v: ("decimal", str(v))
            if isinstance(v, decimal.Decimal)
            else (isinstance(v, (bool, np.bool_)), v),
        )
    pd = cv._module("pandas")
    if pd is not None:
        try:
            codes, uniques = pd.factorize(values, use_na_sentinel=True)
            return ("objects", np.ascontiguousarray(codes, dtype=np.int64), list(uniques))
        except TypeError:
            pass  # an unhashable value (a dict, a list): each value keyed below
    return _factorized(values, lambda v: v)


def _factorized(values: np.ndarray, key: Callable[[Any], Any]) -> Any:
    """``("objects", codes, distinct values)`` of an object column, values of one ``key`` one
    distinct value. An unhashable value (a dict, a list) is a distinct value of its own: the
    core then names its row as a bad one (pandas' ``factorize`` raised a bare ``TypeError``
    for the whole frame, and ``skip_bad`` could not pass it)."""
    index: dict[Any, int] = {}
    codes = np.empty(len(values), dtype=np.int64)
    firsts: list[Any] = []
    for i, v in enumerate(values):
        try:
            at = index.setdefault(key(v), len(firsts))
        except TypeError:
            at = len(firsts)
        if at == len(firsts):
            firsts.append(v)
        codes[i] = at
    return ("objects", codes, firsts)


# ---------------------------------------------------------------------- mappings


def _mapping(df: Mapping[str, Any], names: Container[str]) -> Iterator[tuple[Columns, int, int]]:
    pd = cv._module("pandas")
    pl = cv._module("polars")
    pa = cv._module("pyarrow")
    cols: Columns = []
    n = None
    for name, v in df.items():
        if str(name) not in names:
            continue
        if pd is not None and isinstance(v, (pd.Series, pd.Index)):
            desc = _series(pd.Series(v))
            size = len(v)
        elif pl is not None and isinstance(v, pl.Series):
            desc, size = ("arrow", v), len(v)
        elif pa is not None and isinstance(v, (pa.Array, pa.ChunkedArray)):
            desc, size = _arrow_column(v), len(v)
        else:
            if isinstance(v, (str, bytes, bytearray)) or not hasattr(v, "__iter__"):
                # One value where a column is wanted: a str was read as a column of its
                # characters ("columns differ in length (10 and 3)").
                raise _raise(
                    InvalidArgumentError,
                    f"column `{name}` is one value ({type(v).__name__} {v!r:.40}), not a column: give a "
                    "list, an array or a Series of values (one per record)",
                )
            a = v if isinstance(v, np.ndarray) else np.asarray(list(v), dtype=object)
            desc, size = _numpy(a), len(a)
        if n is not None and size != n:
            raise _raise(InvalidArgumentError, f"columns differ in length ({n} and {size}, column `{name}`)")
        n = size
        cols.append((str(name), desc))
    yield cols, 0, n or 0


def label_of(df: Any, index: Optional[int]) -> Any:
    """The pandas index label of row ``index`` (a position), or ``None`` (other frames, no
    row)."""
    pd = cv._module("pandas")
    if index is None or pd is None or not isinstance(df, pd.DataFrame) or not 0 <= index < len(df.index):
        return None
    label = df.index[index]
    return label.item() if hasattr(label, "item") else label


def warn_near_misses(
    df: Any, by: list[str], map: Optional[Mapping[str, Union[str, int]]], ends: bool = True
) -> None:
    """A ``UserWarning`` for each column of the frame ``df`` that is not read but looks like a
    column it lacks (``resolved_at`` without ``resolved``; the core's ``Layout::near_misses``,
    the CLI's note): other columns are ignored, so a misspelt one leaves its values out
    without a word (every resolved dossier overdue). With ``ends``, one too when the frame has
    no column of a dossier's end (``resolved``, ``refused``, ``withdrawn``: every dossier
    counted open); a worklist's frame may hold the open dossiers alone. A file's path is
    checked by the core as it opens it."""
    if is_path(df):
        return
    try:
        names = column_names(df)
    except MotcuaError:
        return  # not a frame: the run says so, after its other checks
    if not names:
        return
    for text in _motcua.near_misses(names, list(by), map_arg(map), ends):
        warnings.warn(text, UserWarning, stacklevel=_user_stacklevel())


class _Every:
    """Every column name (all of a chunk's columns handed over)."""

    def __contains__(self, name: object) -> bool:
        return True


class Unread:
    """The rows a frame's run skipped as blank that hold values in columns it does not read (a
    note, a footer's total, a dossier whose columns are named otherwise): said in one
    ``UserWarning`` at the end (:meth:`warn`), as the CLI says them of a file, since the core
    is handed only the columns it reads. Looked for only in a chunk where the run skipped rows
    (it counted, left out and rejected fewer than the chunk's rows), by handing the core every
    column of that chunk's rows (the core's ``unread_rows``: the same test as a file's)."""

    def __init__(self, by: list[str], map: dict[str, str], service: bool = False) -> None:
        self.by, self.map, self.service = list(by), map, service
        self.count: int = 0
        self.first: Optional[int] = None

    def check(self, df: Any, first_row: int, rows: Optional[int], seen: int) -> None:
        """After a chunk of ``rows`` rows from ``first_row`` that the run saw ``seen`` of."""
        if rows is None or seen >= rows:
            return
        part = _rows_of(df, first_row, rows)
        if part is None:
            return  # a stream already read (a RecordBatchReader): not read again
        try:
            for columns, first, _ in chunks(part, _Every()):
                n, line = _motcua.unread_rows(columns, self.by, self.map, self.service, first_row + first)
                if n and line is not None:
                    self.count += n
                    self.first = line if self.first is None else min(self.first, line)
        except (MotcuaError, TypeError, ValueError):
            return  # a column the core cannot take (a list, an object): no note, the counts stand

    def warn(self) -> None:
        """The note, if any rows were found."""
        if self.count and self.first is not None:
            text = _motcua.unread_note(self.count, self.first)
            if text:
                warnings.warn(text, UserWarning, stacklevel=_user_stacklevel())


def _rows_of(df: Any, start: int, rows: int) -> Any:
    """Rows ``start .. start + rows`` of the frame ``df`` with all its columns (``None``: a
    stream, which cannot be read again)."""
    kind = frame_kind(df)
    if kind == "polars":
        pl = cv._module("polars")
        part = df.slice(start, rows)
        return part.collect() if isinstance(part, pl.LazyFrame) else part
    if kind == "arrow":
        pa = cv._module("pyarrow")
        return None if isinstance(df, pa.RecordBatchReader) else df.slice(start, rows)
    if kind == "pandas":
        return df.iloc[start : start + rows]
    return {k: (v.iloc if hasattr(v, "iloc") else v)[start : start + rows] for k, v in df.items()}


def warn_skipped(skipped: list[dict[str, Any]], builder: str) -> None:
    """A ``UserWarning`` saying how many rows ``skip_bad=True`` left out, and the first (the
    CLI's stderr line): the table returned cannot say it, and rows must not vanish without a
    word. ``builder`` names the method whose ``.skipped`` lists them all."""
    if not skipped:
        return
    more = f" (and {len(skipped) - 1} more)" if len(skipped) > 1 else ""
    warnings.warn(
        f"{len(skipped)} bad row(s) skipped (skip_bad=True), not counted; the first: "
        f"{skipped[0]['message']}{more}; {builder}(...).skipped lists them",
        UserWarning,
        stacklevel=_user_stacklevel(),
    )


def _user_stacklevel() -> int:
    """The ``stacklevel`` that points a warning at the first caller outside this package."""
    here = os.path.dirname(os.path.abspath(__file__))
    frame = sys._getframe(1)
    level = 1
    while frame is not None and os.path.dirname(os.path.abspath(frame.f_code.co_filename)) == here:
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return level


def column_names(df: Any) -> Optional[list[str]]:
    """The column names of the frame ``df`` (every kind :func:`chunks` reads), else ``None``."""
    kind = frame_kind(df)
    try:
        if kind == "polars" and hasattr(df, "collect_schema"):
            return [str(n) for n in df.collect_schema().names()]
        if kind == "arrow":
            return [str(n) for n in df.schema.names]
        if isinstance(df, Mapping):
            return [str(n) for n in df.keys()]
        return [str(n) for n in df.columns]
    except Exception:  # noqa: BLE001 - a name list for a message only
        return None


def _frame_words(text: str, df: Any) -> str:
    """A missing column's message as the core writes it for a file (``--map a=b: the file has
    no column``, and the columns handed over, which are the ones read) in the words of a frame:
    ``map={'a': 'b'}``, the frame, and all its columns."""
    text = re.sub(
        r"--map ([^=]+?)=(.+?): (the file has no column|`)",
        lambda m: f"map={{{m[1]!r}: {m[2]!r}}}: " + ("the frame has no column" if m[3] != "`" else "`"),
        text,
        count=1,
    )
    names = column_names(df)
    if names is not None:
        text = re.sub(r"\(columns: [^)]*\)", lambda _: f"(columns: {', '.join(names)})", text, count=1)
        # A column whose name holds a comma, asked for as `by="a,b"`: the text was split at
        # its commas (as the CLI's `--by`); the list form takes the name whole.
        missing = re.match(r"missing column `([^`]*)`", text)
        whole = [n for n in names if "," in n and missing and missing[1] in (w.strip() for w in n.split(","))]
        if whole:
            text += f"; a `by` text is split at its commas: by=[{whole[0]!r}] groups by the column {whole[0]!r}"
    return text


@contextmanager
def labelled(df: Any) -> Iterator[None]:
    """Errors about a row of the pandas frame ``df`` get its index label (``e.label``, and
    named in the message when the index is not the default ``0..n-1``); a missing column is
    said in the words of a frame (``map=``, all its columns) rather than a file's."""
    try:
        yield
    except MotcuaError as e:
        if e.code in ("csv_missing_column", "invalid_argument") and not is_path(df) and e.args:
            e.args = (_frame_words(str(e.args[0]), df), *e.args[1:])
            e.message = _frame_words(e.message, df)
        label = label_of(df, e.index)
        if label is not None:
            e.label = label
            pd = cv._module("pandas")
            default = isinstance(df.index, pd.RangeIndex) and df.index.start == 0 and df.index.step == 1
            if not default and e.args:
                e.args = (f"{e.args[0]} (index label {label!r})", *e.args[1:])
        raise
