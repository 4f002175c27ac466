"""Reports beyond one machine: motcua inside Spark and Dask, with exactly the answers of one
machine.

The one-stop report is additive. Each dossier is classified on its own (as of one instant), and
its contribution to each (group, period) cell of the table does not depend on any other
dossier; a cell exists only if some dossier contributes to it. So a report of many partitions is
the sum, cell by cell, of the reports of each partition, with the totals and the rates
recomputed from the summed counts (a rate is never averaged). This module does the two halves:

- :func:`partial_report`: the counts of one partition (a pandas / polars DataFrame, a pyarrow
  Table or RecordBatch), one row per (group, period) cell, no totals, no rates. It is what each
  worker runs.
- :func:`combine` / :func:`combine_rows`: partial counts (any number of partitions, already
  summed or not) → the report, row for row equal to :func:`motcua.report` on all the rows at
  once and to ``motcua report --format json``.

and wires them into the two engines:

- Spark: :func:`spark_partials` (``mapInArrow`` over Arrow record batches),
  :func:`spark_report` (that, a Spark ``groupBy().sum()``, then :func:`combine` on the driver),
  and :func:`spark_classify` (due date and outcome per dossier, as a Spark DataFrame).
- Dask: :func:`dask_partials` (``map_partitions``) and :func:`dask_report`.

Neither engine is imported by this module until one of its functions is called. Calendars,
catalogues and rules pickle cheaply (a recipe, not tables), so they travel to the workers with
the task; ``as_of`` must be one fixed instant for every worker, so the helpers resolve it on the
driver (``None`` = now, once).

>>> import pandas as pd, motcua
>>> from motcua import distributed
>>> df = pd.DataFrame({"received": ["2026-03-02T09:30", "2026-03-02T10:00", "2026-03-03T08:00"],
...                    "time_limit": ["3wd", "3wd", "5wd"], "channel": ["online", "direct", "direct"],
...                    "resolved": ["2026-03-04T10:00", "2026-03-09T10:00", None]})
>>> parts = [distributed.partial_report(df[:2], as_of="2026-03-31"),
...          distributed.partial_report(df[2:], as_of="2026-03-31")]
>>> rows = distributed.combine_rows(parts)
>>> rows == motcua.reports.Report.build(df, as_of="2026-03-31").rows
True
>>> rows[0]["received"], rows[0]["on_time_rate"]
(3, 0.5)
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Sequence, Union

import numpy as np

from . import _convert as cv
from . import _records as rec
from .calendar import Calendar
from .civil import InstantLike
from .deadline import Rules, RulesLike
from .error import InvalidArgumentError, _raise
from .outcome import _as_of
from .procedure import Catalogue
from .reports import COUNT_COLUMNS, RATE_COLUMNS, Report

__all__ = [
    "COUNT_COLUMNS",
    "RATE_COLUMNS",
    "CLASSIFY_SCHEMA",
    "partial_report",
    "partial_columns",
    "partial_arrow_schema",
    "partial_spark_schema",
    "combine",
    "combine_rows",
    "needed_columns",
    "ArrowPartials",
    "ArrowClassify",
    "spark_partials",
    "spark_report",
    "spark_classify",
    "dask_partials",
    "dask_report",
]

#: The columns :func:`spark_classify` adds, with their Spark SQL types.
CLASSIFY_SCHEMA = (
    ("due", "date"),
    ("due_at", "timestamp_ntz"),
    ("deemed_receipt", "date"),
    ("awaiting_supplement_since", "timestamp_ntz"),
    ("rule_set", "string"),
    ("outcome", "string"),
    ("working_days_late", "bigint"),
    ("warnings", "string"),
    ("error_code", "string"),
    ("error", "string"),
)

_By = Union[str, Iterable[str], None]


def _by_list(by: _By) -> list[str]:
    return [by] if isinstance(by, str) else list(by or [])


def _fixed_as_of(as_of: Optional[InstantLike], what: str) -> _dt.datetime:
    if as_of is None:
        raise _raise(
            InvalidArgumentError,
            f"{what}: as_of is required (every partition must be counted as of the same instant)",
        )
    t: _dt.datetime = _as_of(as_of)
    return t


def partial_columns(by: _By = None, period: Optional[str] = None) -> list[str]:
    """The columns of a partial report: the grouping columns, ``period`` (with a period), then
    :data:`COUNT_COLUMNS`."""
    return [*_by_list(by), *(["period"] if period else []), *COUNT_COLUMNS]


def _key_columns(by: _By, period: Optional[str]) -> list[str]:
    return [*_by_list(by), *(["period"] if period else [])]


def partial_arrow_schema(by: _By = None, period: Optional[str] = None) -> Any:
    """The pyarrow schema of a partial report (keys ``string``, counts ``int64``)."""
    import pyarrow as pa

    keys = _key_columns(by, period)
    return pa.schema([(k, pa.string()) for k in keys] + [(c, pa.int64()) for c in COUNT_COLUMNS])


def partial_spark_schema(by: _By = None, period: Optional[str] = None) -> str:
    """The Spark DDL schema of a partial report, for ``DataFrame.mapInArrow``."""
    keys = _key_columns(by, period)
    return ", ".join([*(f"{_quote(k)} string" for k in keys), *(f"{c} bigint" for c in COUNT_COLUMNS)])


def _quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def needed_columns(columns: Iterable[str], by: _By = None, map: Optional[Mapping[str, str]] = None) -> list[str]:
    """Which of ``columns`` the report reads (the dossier columns, ``by``, the sources of
    ``map``), in their order: select them before shipping rows to Python workers."""
    m = dict(map or {})
    wanted = {m.get(n, n) for n in (*rec.KNOWN_COLUMNS, *_by_list(by))} | set(m.values())
    return [c for c in columns if c in wanted]


# ---------------------------------------------------------------------- one partition


class _Cells:
    """Summed counts by cell key (group values, then the period label)."""

    __slots__ = ("nkeys", "cells")

    def __init__(self, nkeys: int) -> None:
        self.nkeys = nkeys
        self.cells: dict[tuple[Any, ...], np.ndarray] = {}

    def add_rows(self, rows: Iterable[Mapping[str, Any]], keys: Sequence[str], by: Sequence[str]) -> None:
        """Adds report rows (a :class:`Report`'s, or partial rows); totals rows are skipped
        when there are grouping columns (they are recomputed)."""
        for r in rows:
            if by and all(r.get(k) is None for k in by):
                continue
            key = tuple(r.get(k) for k in keys)
            # (a global Spark sum over no rows gives nulls: nothing to add)
            counts = np.fromiter((int(r[c] or 0) for c in COUNT_COLUMNS), dtype=np.int64, count=len(COUNT_COLUMNS))
            self._add(key, counts)

    def add_columns(self, keys: Sequence[Sequence[Any]], counts: np.ndarray) -> None:
        """Adds partial rows given column-wise: ``keys[j][i]``, ``counts[i, c]``."""
        for i in range(counts.shape[0]):
            self._add(tuple(k[i] for k in keys), counts[i])

    def _add(self, key: tuple[Any, ...], counts: np.ndarray) -> None:
        have = self.cells.get(key)
        if have is None:
            self.cells[key] = np.array(counts, dtype=np.int64)
        else:
            have += counts

    def key_columns(self) -> list[list[Any]]:
        return [[k[j] for k in self.cells] for j in range(self.nkeys)]

    def count_matrix(self) -> np.ndarray:
        if not self.cells:
            return np.zeros((0, len(COUNT_COLUMNS)), dtype=np.int64)
        return np.stack(list(self.cells.values()))


def _partial_cells(
    df: Any,
    *,
    by: list[str],
    period: Optional[str],
    as_of: _dt.datetime,
    calendar: Optional[Calendar],
    catalogue: Optional[Catalogue],
    rules: RulesLike,
    map: Optional[Mapping[str, str]],
    skip_bad: bool,
    cells: Optional[_Cells] = None,
) -> _Cells:
    keys = _key_columns(by, period)
    out = cells if cells is not None else _Cells(len(keys))
    r = Report.build(
        df,
        by=by,
        period=period,
        as_of=as_of,
        calendar=calendar,
        catalogue=catalogue,
        rules=rules,
        map=map,
        skip_bad=skip_bad,
    )
    out.add_rows(r.rows, keys, by)
    return out


def _partial_pandas(cells: _Cells, by: list[str], period: Optional[str]) -> Any:
    import pandas as pd

    keys = _key_columns(by, period)
    counts = cells.count_matrix()
    data: dict[str, Any] = {k: pd.Series(v, dtype=object) for k, v in zip(keys, cells.key_columns())}
    for j, c in enumerate(COUNT_COLUMNS):
        data[c] = pd.Series(counts[:, j], dtype="int64")
    return pd.DataFrame(data, columns=partial_columns(by, period))


def _partial_arrow(cells: _Cells, by: list[str], period: Optional[str]) -> Any:
    import pyarrow as pa

    schema = partial_arrow_schema(by, period)
    counts = cells.count_matrix()
    arrays = [pa.array(v, type=pa.string()) for v in cells.key_columns()]
    arrays += [pa.array(np.ascontiguousarray(counts[:, j]), type=pa.int64()) for j in range(len(COUNT_COLUMNS))]
    return pa.Table.from_arrays(arrays, schema=schema)


def partial_report(
    df: Any,
    *,
    by: _By = None,
    period: Optional[str] = None,
    as_of: Optional[InstantLike] = None,
    calendar: Optional[Calendar] = None,
    catalogue: Optional[Catalogue] = None,
    rules: RulesLike = None,
    map: Optional[Mapping[str, str]] = None,
    skip_bad: bool = False,
) -> Any:
    """The report counts of one partition: one row per (group, period) cell with the grouping
    columns, ``period`` (with a period) and :data:`COUNT_COLUMNS`; no totals row, no rates.

    Arguments as :func:`motcua.report`, except that ``as_of`` is required (each partition must
    be counted as of the same instant). A pyarrow Table or RecordBatch gives a pyarrow Table
    (:func:`partial_arrow_schema`), a polars DataFrame a polars DataFrame, anything else a
    pandas DataFrame (grouping values as ``object``, counts ``int64``). Sum partials with
    :func:`combine`.
    """
    by_list = _by_list(by)
    t = _fixed_as_of(as_of, "partial_report")
    cells = _partial_cells(
        df,
        by=by_list,
        period=period,
        as_of=t,
        calendar=calendar,
        catalogue=catalogue,
        rules=rules,
        map=map,
        skip_bad=skip_bad,
    )
    kind = rec.frame_kind(df)
    if kind == "arrow":
        return _partial_arrow(cells, by_list, period)
    if kind == "polars":
        import polars as pl

        return pl.from_arrow(_partial_arrow(cells, by_list, period))
    return _partial_pandas(cells, by_list, period)


# ---------------------------------------------------------------------- combining


def _iter_partials(partials: Any) -> Iterator[Any]:
    """One partial table or rows list, or an iterable of them."""
    pd = cv._module("pandas")
    pl = cv._module("polars")
    pa = cv._module("pyarrow")
    single = (
        (pd is not None and isinstance(partials, pd.DataFrame))
        or (pl is not None and isinstance(partials, pl.DataFrame))
        or (pa is not None and isinstance(partials, (pa.Table, pa.RecordBatch)))
    )
    if single:
        yield partials
        return
    items = list(partials)
    if items and isinstance(items[0], Mapping):
        yield items  # a list of row dicts
        return
    yield from items


def _add_partial(cells: _Cells, part: Any, keys: list[str], by: list[str]) -> None:
    if isinstance(part, list):
        cells.add_rows(part, keys, by)
        return
    kind = rec.frame_kind(part)
    names = list(part.column_names) if kind == "arrow" else [str(c) for c in part.columns]
    missing = [c for c in (*keys, *COUNT_COLUMNS) if c not in names]
    if missing:
        raise _raise(
            InvalidArgumentError,
            f"a partial report lacks the columns {missing}; it has {names} (by={by}?)",
        )
    if kind == "arrow":
        key_cols = [part.column(k).to_pylist() for k in keys]
        import pyarrow.compute as pc

        counts = np.zeros((part.num_rows, len(COUNT_COLUMNS)), dtype=np.int64)
        for j, c in enumerate(COUNT_COLUMNS):
            counts[:, j] = pc.fill_null(part.column(c), 0).to_numpy(zero_copy_only=False)
    elif kind == "polars":
        key_cols = [part[k].to_list() for k in keys]
        counts = part.select(list(COUNT_COLUMNS)).fill_null(0).to_numpy().astype(np.int64).reshape(-1, len(COUNT_COLUMNS))
    else:
        key_cols = [[None if _isna(v) else v for v in part[k].tolist()] for k in keys]
        counts = part[list(COUNT_COLUMNS)].fillna(0).to_numpy(dtype=np.int64).reshape(-1, len(COUNT_COLUMNS))
    if by:
        # A totals row (every grouping key missing) is recomputed, never summed.
        keep = [i for i in range(counts.shape[0]) if not all(key_cols[j][i] is None for j in range(len(by)))]
        if len(keep) != counts.shape[0]:
            key_cols = [[col[i] for i in keep] for col in key_cols]
            counts = counts[keep]
    cells.add_columns(key_cols, counts)


def _isna(v: Any) -> bool:
    return v is None or (isinstance(v, float) and v != v) or type(v).__name__ in ("NAType", "NaTType")


def _ratio(num: int, den: int) -> Optional[float]:
    return None if den == 0 else num / den


def combine_rows(partials: Any, *, by: _By = None, period: Optional[str] = None) -> list[dict[str, Any]]:
    """The report rows from partial counts: exactly the rows of ``Report.build(...).rows`` and
    ``motcua report --format json`` on all the dossiers at once.

    ``partials``: one partial table (pandas, polars, pyarrow; e.g. a Spark aggregation's
    ``toPandas()``) or an iterable of them, or a list of row dicts; partials of the same cell
    are summed, so they may be raw per-partition counts or already summed. Periods come in
    order, within each the groups in order of their values, then the totals row (grouping keys
    ``None``); the rates are recomputed from the summed counts.
    """
    by_list = _by_list(by)
    keys = _key_columns(by_list, period)
    cells = _Cells(len(keys))
    for part in _iter_partials(partials):
        _add_partial(cells, part, keys, by_list)
    nby = len(by_list)
    by_period: dict[Optional[str], list[tuple[tuple[str, ...], np.ndarray]]] = {}
    for key, counts in cells.cells.items():
        p = key[nby] if period else None
        by_period.setdefault(p, []).append((tuple(key[:nby]), counts))
    # Period labels (YYYY-MM, YYYY-Qn, YYYY for years 1000..9999) sort as the periods do.
    labels: list[str] = sorted(p for p in by_period if p is not None)
    periods: list[Optional[str]] = [*labels] if period else [None]
    rows: list[dict[str, Any]] = []
    for p in periods:
        # Grouping values sort by code point, as the core's (UTF-8 byte order).
        group_rows = sorted(by_period.get(p, []), key=lambda kv: kv[0])
        total = np.zeros(len(COUNT_COLUMNS), dtype=np.int64)
        for _, c in group_rows:
            total += c
        if by_list:
            for values, c in group_rows:
                rows.append(_row(dict(zip(by_list, values)), p, period, c))
        rows.append(_row({k: None for k in by_list}, p, period, total))
    return rows


def _row(keys: dict[str, Any], p: Optional[str], period: Optional[str], counts: np.ndarray) -> dict[str, Any]:
    row: dict[str, Any] = dict(keys)
    if period:
        row["period"] = p
    c = {name: int(v) for name, v in zip(COUNT_COLUMNS, counts)}
    row.update(c)
    row["resolved_rate"] = _ratio(c["resolved"], c["received"])
    row["on_time_rate"] = _ratio(c["early"] + c["on_time"], c["resolved"])
    row["online_rate"] = _ratio(c["received_online"], c["received_new"])
    return row


def combine(partials: Any, *, by: _By = None, period: Optional[str] = None, kind: str = "pandas") -> Any:
    """The report from partial counts (see :func:`combine_rows`) as a DataFrame equal to
    :func:`motcua.report`'s on all the dossiers at once: ``kind="pandas"`` (the default) or
    ``"polars"``; ``"rows"`` gives the row dicts."""
    by_list = _by_list(by)
    rows = combine_rows(partials, by=by_list, period=period)
    if kind == "rows":
        return rows
    columns = [*by_list, *(["period"] if period else []), *COUNT_COLUMNS, *RATE_COLUMNS]
    if kind == "polars":
        import polars as pl

        schema: dict[str, Any] = {c: pl.String for c in columns[: len(columns) - len(COUNT_COLUMNS) - len(RATE_COLUMNS)]}
        schema.update({c: pl.Int64 for c in COUNT_COLUMNS})
        schema.update({c: pl.Float64 for c in RATE_COLUMNS})
        return pl.DataFrame([{c: r.get(c) for c in schema} for r in rows], schema=schema)
    if kind != "pandas":
        raise _raise(InvalidArgumentError, f"kind must be 'pandas', 'polars' or 'rows', got {kind!r}")
    import pandas as pd

    frame = pd.DataFrame(rows, columns=columns)
    for c in RATE_COLUMNS:
        frame[c] = frame[c].astype("float64")
    return frame


# ---------------------------------------------------------------------- Arrow batch functions


class _Options:
    """The report / classify options, resolved once on the driver (picklable)."""

    def __init__(
        self,
        *,
        by: _By,
        period: Optional[str],
        as_of: Optional[InstantLike],
        calendar: Optional[Calendar],
        catalogue: Optional[Catalogue],
        rules: RulesLike,
        map: Optional[Mapping[str, str]],
        skip_bad: bool = False,
        what: str,
    ) -> None:
        self.by = _by_list(by)
        self.period = period
        self.as_of = _as_of(as_of)  # None → now, once, here
        self.calendar = calendar
        self.catalogue = catalogue
        self.rules = None if rules is None else _as_rules(rules)
        self.map = dict(map or {})
        self.skip_bad = skip_bad
        if period is not None and period not in ("month", "quarter", "year"):
            raise _raise(InvalidArgumentError, f"{what}: unknown period `{period}` (expected month, quarter or year)")


def _as_rules(rules: RulesLike) -> Rules:
    if isinstance(rules, Rules):
        return rules
    if isinstance(rules, Mapping):
        return Rules(**{str(k): str(v) for k, v in rules.items()})
    return Rules.parse(list(rules or []))


class ArrowPartials:
    """A picklable function from Arrow record batches to partial-report batches, for Spark's
    ``DataFrame.mapInArrow(ArrowPartials(...), partial_spark_schema(by, period))`` (or any
    engine that streams Arrow batches).

    The batches of one partition are counted ``chunk_rows`` at a time and summed, so a
    partition yields one small batch (one row per cell) in constant memory.
    """

    def __init__(
        self,
        *,
        by: _By = None,
        period: Optional[str] = None,
        as_of: Optional[InstantLike] = None,
        calendar: Optional[Calendar] = None,
        catalogue: Optional[Catalogue] = None,
        rules: RulesLike = None,
        map: Optional[Mapping[str, str]] = None,
        skip_bad: bool = False,
        chunk_rows: int = 200_000,
    ) -> None:
        self.opts = _Options(
            by=by,
            period=period,
            as_of=as_of,
            calendar=calendar,
            catalogue=catalogue,
            rules=rules,
            map=map,
            skip_bad=skip_bad,
            what="ArrowPartials",
        )
        self.chunk_rows = chunk_rows

    def _count(self, batches: list[Any], cells: _Cells) -> None:
        import pyarrow as pa

        o = self.opts
        table = pa.Table.from_batches(batches)
        _partial_cells(
            table,
            by=o.by,
            period=o.period,
            as_of=o.as_of,
            calendar=o.calendar,
            catalogue=o.catalogue,
            rules=o.rules,
            map=o.map,
            skip_bad=o.skip_bad,
            cells=cells,
        )

    def __call__(self, batches: Iterable[Any]) -> Iterator[Any]:
        o = self.opts
        cells = _Cells(len(_key_columns(o.by, o.period)))
        buf: list[Any] = []
        rows = 0
        for b in batches:
            if b.num_rows == 0:
                continue
            buf.append(b)
            rows += b.num_rows
            if rows >= self.chunk_rows:
                self._count(buf, cells)
                buf, rows = [], 0
        if buf:
            self._count(buf, cells)
        if cells.cells:
            yield from _partial_arrow(cells, o.by, o.period).to_batches()


class ArrowClassify:
    """A picklable function from Arrow record batches to batches of per-dossier answers: the
    columns ``keep`` of the input (e.g. ``id``, ``channel``, ``field``), then the due date and
    outcome (:data:`CLASSIFY_SCHEMA`), for Spark's ``mapInArrow``. Errors are coerced by
    default (a bad row gets nulls and ``error_code`` / ``error``), so one bad dossier does not
    fail the job."""

    def __init__(
        self,
        as_of: Optional[InstantLike] = None,
        *,
        keep: Sequence[str] = ("id",),
        calendar: Optional[Calendar] = None,
        catalogue: Optional[Catalogue] = None,
        rules: RulesLike = None,
        map: Optional[Mapping[str, str]] = None,
        errors: str = "coerce",
        keep_types: Optional[Sequence[Any]] = None,
    ) -> None:
        self.opts = _Options(
            by=None,
            period=None,
            as_of=as_of,
            calendar=calendar,
            catalogue=catalogue,
            rules=rules,
            map=map,
            what="ArrowClassify",
        )
        self.keep = list(keep)
        self.errors = errors
        self.keep_types = list(keep_types) if keep_types is not None else None

    def __call__(self, batches: Iterable[Any]) -> Iterator[Any]:
        import pyarrow as pa

        from .outcome import classify

        o = self.opts
        for b in batches:
            if b.num_rows == 0:
                continue
            answers = classify(
                b, o.as_of, o.calendar, rules=o.rules, catalogue=o.catalogue, map=o.map, errors=self.errors
            )
            if "error_code" not in answers.column_names:
                n = answers.num_rows
                answers = answers.append_column("error_code", pa.nulls(n, pa.string()))
                answers = answers.append_column("error", pa.nulls(n, pa.string()))
            fields: list[Any] = []
            arrays: list[Any] = []
            for i, k in enumerate(self.keep):
                col = b.column(k)
                if self.keep_types is not None:
                    col = col.cast(self.keep_types[i])
                fields.append(pa.field(k, col.type))
                arrays.append(col)
            for name, _ in CLASSIFY_SCHEMA:
                col = answers.column(name).combine_chunks()
                if pa.types.is_timestamp(col.type):
                    col = col.cast(pa.timestamp("us"))  # Spark's TimestampNTZ
                fields.append(pa.field(name, col.type))
                arrays.append(col)
            yield pa.RecordBatch.from_arrays(arrays, schema=pa.schema(fields))


# ---------------------------------------------------------------------- Spark


def spark_partials(
    sdf: Any,
    *,
    by: _By = None,
    period: Optional[str] = None,
    as_of: Optional[InstantLike] = None,
    calendar: Optional[Calendar] = None,
    catalogue: Optional[Catalogue] = None,
    rules: RulesLike = None,
    map: Optional[Mapping[str, str]] = None,
    skip_bad: bool = False,
) -> Any:
    """A Spark DataFrame of partial reports: one row per (partition, group, period) cell,
    computed with ``mapInArrow`` on the columns the report reads (selected first)."""
    fn = ArrowPartials(
        by=by,
        period=period,
        as_of=as_of,
        calendar=calendar,
        catalogue=catalogue,
        rules=rules,
        map=map,
        skip_bad=skip_bad,
    )
    cols = needed_columns(sdf.columns, by, map)
    return sdf.select(*cols).mapInArrow(fn, partial_spark_schema(fn.opts.by, period))


def spark_report(
    sdf: Any,
    *,
    by: _By = None,
    period: Optional[str] = None,
    as_of: Optional[InstantLike] = None,
    calendar: Optional[Calendar] = None,
    catalogue: Optional[Catalogue] = None,
    rules: RulesLike = None,
    map: Optional[Mapping[str, str]] = None,
    skip_bad: bool = False,
    kind: str = "pandas",
) -> Any:
    """The report of a Spark DataFrame of dossier records, equal to :func:`motcua.report` on the
    same rows: :func:`spark_partials`, a Spark ``groupBy(keys).sum(counts)``, then
    :func:`combine` on the driver (rates and totals from the summed counts). ``as_of=None``
    means now, read once on the driver."""
    from pyspark.sql import functions as F

    t = _as_of(as_of)
    by_list = _by_list(by)
    parts = spark_partials(
        sdf,
        by=by_list,
        period=period,
        as_of=t,
        calendar=calendar,
        catalogue=catalogue,
        rules=rules,
        map=map,
        skip_bad=skip_bad,
    )
    keys = _key_columns(by_list, period)
    summed = parts.groupBy(*keys).agg(*[F.sum(c).alias(c) for c in COUNT_COLUMNS])
    return combine(_spark_collect(summed), by=by_list, period=period, kind=kind)


def _spark_collect(sdf: Any) -> list[dict[str, Any]]:
    """The (small) aggregated rows as dicts, without requiring pandas on the driver."""
    return [r.asDict() for r in sdf.collect()]


def spark_classify(
    sdf: Any,
    as_of: Optional[InstantLike] = None,
    *,
    keep: Sequence[str] = ("id",),
    calendar: Optional[Calendar] = None,
    catalogue: Optional[Catalogue] = None,
    rules: RulesLike = None,
    map: Optional[Mapping[str, str]] = None,
    errors: str = "coerce",
) -> Any:
    """The due date and outcome of every dossier of a Spark DataFrame, as a Spark DataFrame:
    the columns ``keep``, then :data:`CLASSIFY_SCHEMA` (``due`` date, ``due_at``
    timestamp_ntz, ..., ``outcome``, ``error_code`` / ``error`` for bad rows)."""
    keep = list(keep)
    read = needed_columns(sdf.columns, (), map)
    cols = [*keep, *(c for c in read if c not in keep)]
    src = sdf.select(*cols)
    keep_fields = [src.schema[k] for k in keep]
    keep_ddl = [f"{_quote(f.name)} {f.dataType.simpleString()}" for f in keep_fields]
    ddl = ", ".join([*keep_ddl, *(f"{_quote(n)} {t}" for n, t in CLASSIFY_SCHEMA)])
    fn = ArrowClassify(
        as_of,
        keep=keep,
        calendar=calendar,
        catalogue=catalogue,
        rules=rules,
        map=map,
        errors=errors,
    )
    return src.mapInArrow(fn, ddl)


# ---------------------------------------------------------------------- Dask


def dask_partials(
    ddf: Any,
    *,
    by: _By = None,
    period: Optional[str] = None,
    as_of: Optional[InstantLike] = None,
    calendar: Optional[Calendar] = None,
    catalogue: Optional[Catalogue] = None,
    rules: RulesLike = None,
    map: Optional[Mapping[str, str]] = None,
    skip_bad: bool = False,
) -> Any:
    """A Dask DataFrame of partial reports (pandas partitions, one row per cell):
    ``ddf.map_partitions(partial_report, ...)`` on the columns the report reads."""
    by_list = _by_list(by)
    t = _as_of(as_of)
    meta = _partial_pandas(_Cells(len(_key_columns(by_list, period))), by_list, period)
    cols = needed_columns(ddf.columns, by_list, map)
    fn: Callable[..., Any] = _dask_partition
    return ddf[cols].map_partitions(
        fn,
        by=by_list,
        period=period,
        as_of=t,
        calendar=calendar,
        catalogue=catalogue,
        rules=rules,
        map=dict(map or {}),
        skip_bad=skip_bad,
        meta=meta,
    )


def _dask_partition(pdf: Any, **kwargs: Any) -> Any:
    return partial_report(pdf, **kwargs)


def dask_report(
    ddf: Any,
    *,
    by: _By = None,
    period: Optional[str] = None,
    as_of: Optional[InstantLike] = None,
    calendar: Optional[Calendar] = None,
    catalogue: Optional[Catalogue] = None,
    rules: RulesLike = None,
    map: Optional[Mapping[str, str]] = None,
    skip_bad: bool = False,
    kind: str = "pandas",
    **compute: Any,
) -> Any:
    """The report of a Dask DataFrame of dossier records, equal to :func:`motcua.report` on the
    same rows: :func:`dask_partials`, computed (``compute`` is passed to ``.compute()``, e.g.
    ``scheduler="processes", num_workers=2``), then :func:`combine`. ``as_of=None`` means
    now, read once here."""
    by_list = _by_list(by)
    parts = dask_partials(
        ddf,
        by=by_list,
        period=period,
        as_of=_as_of(as_of),
        calendar=calendar,
        catalogue=catalogue,
        rules=rules,
        map=map,
        skip_bad=skip_bad,
    )
    return combine(parts.compute(**compute), by=by_list, period=period, kind=kind)
