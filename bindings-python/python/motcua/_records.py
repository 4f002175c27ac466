"""Tables of dossier records (the columns of ``motcua report``) → text columns for the core.

Each needed column of a pandas or polars DataFrame (or a mapping of column name → array) is
turned into text cells with vectorized operations: datetimes become ISO strings (a column whose
values are all at midnight is read as dates, so that a result dated ``2026-03-02`` keeps its
date-only meaning), missing values become ``None``. The core's own record reader then builds
each dossier, exactly as ``motcua report`` does for a CSV file.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Optional

import numpy as np

from . import _convert as cv
from .error import InvalidArgumentError, _raise

#: The logical columns the core reads (report/input.rs).
KNOWN_COLUMNS = (
    "id",
    "received",
    "time_limit",
    "procedure",
    "channel",
    "supplement_requested",
    "supplement_received",
    "new_due",
    "resolved",
    "refused",
    "withdrawn",
)


def frame_kind(df: Any) -> str:
    pd = cv._module("pandas")
    if pd is not None and isinstance(df, pd.DataFrame):
        return "pandas"
    pl = cv._module("polars")
    if pl is not None and isinstance(df, (pl.DataFrame, pl.LazyFrame)):
        return "polars"
    pa = cv._module("pyarrow")
    if pa is not None and isinstance(df, (pa.Table, pa.RecordBatch)):
        return "arrow"
    if isinstance(df, Mapping):
        return "mapping"
    raise _raise(
        InvalidArgumentError,
        "expected a pandas or polars DataFrame, a pyarrow Table or RecordBatch, or a mapping of "
        f"columns, got {type(df).__name__}",
    )


#: The scorecard's optional columns (indicators.rs ``SERVICE_COLUMNS``).
SERVICE_COLUMNS = (
    "online_level",
    "digitised",
    "result_digitised",
    "satisfaction",
    "feedback_received",
    "feedback_handled",
)


def text_columns(
    df: Any,
    by: Iterable[str] = (),
    map: Optional[Mapping[str, str]] = None,
    extra: Iterable[str] = (),
) -> tuple[list[str], list[Any], int]:
    """The header, the text cells of each needed column (the known columns, ``by`` and
    ``extra``, after ``map``), and the row count."""
    map = dict(map or {})
    kind = frame_kind(df)
    if kind == "polars":
        pl = cv._module("polars")
        if isinstance(df, pl.LazyFrame):
            df = df.collect()
    originals = list(df.column_names if kind == "arrow" else df.columns if kind != "mapping" else df)
    names = [str(c) for c in originals]
    wanted = {map.get(n, n) for n in (*KNOWN_COLUMNS, *by, *extra)} | set(map.values())
    header: list[str] = []
    columns: list[Any] = []
    for name, original in zip(names, originals):
        if name not in wanted:
            continue
        header.append(name)
        col = df.column(original) if kind == "arrow" else df[original]
        if kind == "pandas":
            columns.append(_pandas_text(col))
        elif kind == "polars":
            columns.append(_polars_text(col))
        elif kind == "arrow":
            columns.append(_arrow_text(col))
        else:
            columns.append(_array_text(col))
    rows = len(df) if kind != "mapping" else (len(columns[0]) if columns else 0)
    return header, columns, rows


def _datetime_text(values: np.ndarray) -> list[Any]:
    """ISO text of a datetime64 array (dates alone when every value is at midnight)."""
    nat = np.isnat(values)
    days = values.astype("datetime64[D]")
    if bool(np.all((values == days) | nat)):
        text = np.datetime_as_string(days, unit="D")
    else:
        text = np.datetime_as_string(values.astype("datetime64[s]"), unit="s")
    out = text.astype(object)
    out[nat] = None
    return out.tolist()  # type: ignore[no-any-return]


def _array_text(a: Any) -> list[Any]:
    pd = cv._module("pandas")
    if pd is not None and isinstance(a, (pd.Series, pd.Index)):
        return _pandas_text(pd.Series(a))
    pl = cv._module("polars")
    if pl is not None and isinstance(a, pl.Series):
        return _polars_text(a)
    arr = np.asarray(a)
    if arr.dtype.kind == "M":
        return _datetime_text(arr)
    if arr.dtype.kind == "f":
        whole = _float_text(arr.astype(np.float64))
        if whole is not None:
            return whole
    if arr.dtype.kind in "US":
        return arr.astype(str).tolist()  # type: ignore[no-any-return]
    if arr.dtype.kind == "O":
        if pd is not None:
            return _pandas_text(pd.Series(arr))
        return [None if v is None else str(v) for v in arr.tolist()]
    return arr.astype(str).tolist()  # type: ignore[no-any-return]


def _float_text(values: np.ndarray) -> Optional[list[Any]]:
    """Integer text of a float array whose values are all whole numbers (a rating column read
    with missing values becomes float: ``4.0`` is the rating ``4``); ``None`` otherwise."""
    nan = np.isnan(values)
    whole = values[~nan]
    if not bool(np.all(np.isfinite(whole) & (whole == np.floor(whole)))):
        return None
    out = np.where(nan, 0, values).astype(np.int64).astype(str).astype(object)
    out[nan] = None
    return out.tolist()  # type: ignore[no-any-return]


def _arrow_text(a: Any) -> list[Any]:
    """Text cells of a pyarrow Array or ChunkedArray (Spark's ``mapInArrow`` batches, Dask's
    Arrow-backed partitions): strings as they are, timestamps and dates as ISO text (a
    zoned timestamp at its wall time in its zone, as pandas), anything else cast to string."""
    pa = cv._module("pyarrow")
    import pyarrow.compute as pc

    t = a.type
    if pa.types.is_dictionary(t):
        a = a.cast(t.value_type)
        t = a.type
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_null(t):
        return a.to_pylist()  # type: ignore[no-any-return]
    if pa.types.is_timestamp(t):
        if t.tz is not None:
            a = pc.local_timestamp(a)
        return _datetime_text(a.to_numpy(zero_copy_only=False))
    if pa.types.is_date(t):
        return _datetime_text(a.cast(pa.date32()).to_numpy(zero_copy_only=False).astype("datetime64[D]"))
    return pc.cast(a, pa.string()).to_pylist()  # type: ignore[no-any-return]


def _pandas_text(s: Any) -> list[Any]:
    pd = cv._module("pandas")
    dtype = s.dtype
    if getattr(dtype, "tz", None) is not None:
        s = s.dt.tz_localize(None)
        dtype = s.dtype
    if dtype.kind == "M":
        return _datetime_text(s.to_numpy())
    if pd.api.types.is_float_dtype(dtype):
        whole = _float_text(s.to_numpy(dtype="float64", na_value=np.nan))
        if whole is not None:
            return whole
    isna = s.isna().to_numpy()
    values = s.to_numpy(dtype=object)
    kind = pd.api.types.infer_dtype(values, skipna=True)
    if kind not in ("string", "empty"):
        if kind in ("datetime", "datetime64", "date"):
            stamps = pd.to_datetime(s, errors="coerce")
            if stamps.notna().sum() == (~isna).sum():
                return _datetime_text(stamps.to_numpy())
        values = s.astype(str).to_numpy(dtype=object)
    if isna.any():
        values = values.copy()
        values[isna] = None
    return values.tolist()  # type: ignore[no-any-return]


def _polars_text(s: Any) -> list[Any]:
    pl = cv._module("polars")
    dtype = s.dtype
    if dtype == pl.Date:
        s = s.dt.strftime("%Y-%m-%d")
    elif dtype == pl.Datetime or isinstance(dtype, pl.Datetime):
        return _datetime_text(s.dt.replace_time_zone(None).to_numpy())
    elif dtype.is_float():
        whole = _float_text(s.cast(pl.Float64).fill_null(float("nan")).to_numpy())
        if whole is not None:
            return whole
        s = s.cast(pl.String)
    elif dtype != pl.String:
        s = s.cast(pl.String)
    return s.to_list()  # type: ignore[no-any-return]
