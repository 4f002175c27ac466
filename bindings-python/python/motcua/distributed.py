"""Reports beyond one machine: motcua inside Spark and Dask, with exactly the answers of one
machine.

The one-stop report is additive. Each dossier is classified on its own (as of one instant), and
its contribution to each (group, period) cell of the table does not depend on any other
dossier. So a report of many partitions is the sum, cell by cell, of the reports of each
partition, with the totals and the rates computed from the summed counts (a rate is never
averaged). The core does both halves — a :class:`~motcua.PartialReport` holds exact cells and
merges, its rows come out once — and this module only wires them to the engines:

- :func:`partial_report`: the counts of one partition (a pandas / polars DataFrame, a pyarrow
  Table or RecordBatch) as a table, one row per (group, period) cell, no totals, no rates. It
  is what each worker runs. (A :class:`~motcua.PartialReport` itself pickles too.)
- :func:`combine` / :func:`combine_rows`: partial counts (tables or partial reports, any
  number, already summed or not) → the core's merge → the report, row for row equal to
  :func:`motcua.report` on all the rows at once and to ``motcua report --format json``.

and the two engines:

- Spark: :func:`spark_partials` (``mapInArrow`` over Arrow record batches),
  :func:`spark_report` (that, collected on the driver, then :func:`combine`),
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
from . import _motcua
from . import _records as rec
from .calendar import Calendar
from .civil import InstantLike
from .deadline import Rules, RulesLike
from .error import InvalidArgumentError, _raise
from .outcome import _as_of
from .procedure import Catalogue
from .reports import COUNT_COLUMNS, RATE_COLUMNS, PartialReport, Report, count

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
    ("left_out", "boolean"),
    ("warnings", "string"),
    ("error_code", "string"),
    ("error", "string"),
)

_By = Union[str, Iterable[str], None]


def _by_list(by: _By) -> list[str]:
    return rec.by_list(by)


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


def needed_columns(columns: Iterable[str], by: _By = None, map: Optional[Mapping[str, Union[str, int]]] = None) -> list[str]:
    """Which of ``columns`` the report reads (the dossier columns, ``by``, the sources of
    ``map``), in their order: select them before shipping rows to Python workers."""
    wanted = rec.wanted(_by_list(by), map)
    return [c for c in columns if c in wanted]


# ---------------------------------------------------------------------- one partition


def _count(df: Any, **options: Any) -> PartialReport:
    """One partition counted by the core (the options of :func:`motcua.reports.count`)."""
    partial: PartialReport = count(df, **options)[0]
    return partial


def _cells(partial: PartialReport) -> tuple[list[list[str]], Optional[list[str]], np.ndarray]:
    keys, periods, counts = partial.cells()
    return keys, periods, counts


def _partial_pandas(partial: PartialReport, by: list[str], period: Optional[str]) -> Any:
    import pandas as pd

    keys, periods, counts = _cells(partial)
    data: dict[str, Any] = {k: pd.Series(v, dtype=object) for k, v in zip(by, keys)}
    if period:
        data["period"] = pd.Series(periods or [], dtype=object)
    for j, c in enumerate(COUNT_COLUMNS):
        data[c] = pd.Series(counts[:, j], dtype="int64")
    return pd.DataFrame(data, columns=partial_columns(by, period))


def _partial_arrow(partial: PartialReport, by: list[str], period: Optional[str]) -> Any:
    import pyarrow as pa

    keys, periods, counts = _cells(partial)
    arrays = [pa.array(v, type=pa.string()) for v in keys]
    if period:
        arrays.append(pa.array(periods or [], type=pa.string()))
    arrays += [pa.array(np.ascontiguousarray(counts[:, j]), type=pa.int64()) for j in range(len(COUNT_COLUMNS))]
    return pa.Table.from_arrays(arrays, schema=partial_arrow_schema(by, period))


def partial_report(
    df: Any,
    *,
    by: _By = None,
    period: Optional[str] = None,
    as_of: Optional[InstantLike] = None,
    calendar: Optional[Calendar] = None,
    catalogue: Optional[Catalogue] = None,
    rules: RulesLike = None,
    map: Optional[Mapping[str, Union[str, int]]] = None,
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
    partial = _count(
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
        return _partial_arrow(partial, by_list, period)
    if kind == "polars":
        import polars as pl

        return pl.from_arrow(_partial_arrow(partial, by_list, period))
    return _partial_pandas(partial, by_list, period)


# ---------------------------------------------------------------------- combining


def _iter_partials(partials: Any) -> Iterator[Any]:
    """One partial (a table, a rows list, a PartialReport), or an iterable of them."""
    pd = cv._module("pandas")
    pl = cv._module("polars")
    pa = cv._module("pyarrow")
    single = (
        isinstance(partials, PartialReport)
        or (pd is not None and isinstance(partials, pd.DataFrame))
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


#: The as-of of the partial that combines count tables (their rows do not depend on it).
_EPOCH = _dt.datetime(1970, 1, 1)


def _key_text(v: Any, period: Optional[str]) -> Optional[str]:
    """A grouping or period key as the core reads it: text; a period as its label (a pandas
    ``Period`` or the polars date of a report's period column); missing as ``None``."""
    if v is None or cv.is_missing(v):
        return None
    # A value read back from a CSV as a bool or a number: the core's label of it (`true`, `1`,
    # `0.5`, as it writes a bool or a float group), not Python's (`True`, `1.0`).
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, (float, np.floating)) and np.isfinite(v):
        return np.format_float_positional(v, trim="-")
    if isinstance(v, str):
        # pandas writes a quarter Period as `2026Q1` (its str): the core's label is `2026-Q1`.
        if period is not None and len(v) == 6 and v[:4].isdigit() and v[4] == "Q" and v[5] in "1234":
            return f"{v[:4]}-{v[4:]}"
        return v
    if period is not None and isinstance(v, (_dt.date, _dt.datetime)):
        d = v.date() if isinstance(v, _dt.datetime) else v
        return _motcua.period_label(period, d)
    pd = cv._module("pandas")
    if pd is not None and isinstance(v, pd.Period):
        # Labelled by its own frequency (a month Period in a quarter report stays a month
        # label, which the core refuses there).
        kind = {"M": "month", "Q": "quarter", "Y": "year", "A": "year"}.get(v.freqstr.upper()[:1])
        if kind is not None:
            return _motcua.period_label(kind, v.start_time.date())
    return str(v)


def _check_partial(part: PartialReport, by: list[str], period: Optional[str], as_of: Optional[Any]) -> None:
    """A PartialReport counted with other options than the combination's is refused, as
    :meth:`PartialReport.merge` refuses it (its cells would be summed under the wrong
    columns, or at another instant)."""
    if list(part.by) != by or part.period != period:
        raise _raise(
            InvalidArgumentError,
            f"a partial report counted by {list(part.by)} and period {part.period!r} cannot be combined "
            f"as by={by}, period={period!r}",
        )
    if as_of is not None and part.as_of != as_of:
        raise _raise(
            InvalidArgumentError,
            f"partial reports counted as of {part.as_of} and {as_of} cannot be combined: one instant for all",
        )


def _add_partial(total: PartialReport, part: Any, keys: list[str], by: list[str]) -> None:
    """Adds one partial to ``total`` through the core (cells summed exactly; a totals row of
    a report table, with its rates, is skipped there). A partial table has no totals row: a
    missing key there is the empty group (what ``partial_report`` writes as ``""`` and a CSV
    round trip reads back as missing)."""
    if isinstance(part, list):
        report_rows = any("resolved_rate" in r for r in part)
        key_cols = [[r.get(k) for r in part] for k in keys]
        counts = _counts([[r.get(c) for r in part] for c in COUNT_COLUMNS], len(part))
    else:
        kind = rec.frame_kind(part)
        names = list(part.column_names) if kind == "arrow" else [str(c) for c in part.columns]
        report_rows = "resolved_rate" in names
        missing = [c for c in (*keys, *COUNT_COLUMNS) if c not in names]
        if missing:
            raise _raise(
                InvalidArgumentError,
                f"a partial report lacks the columns {missing}; it has {names} (by={by}?)",
            )
        if kind == "arrow":
            key_cols = [part.column(k).to_pylist() for k in keys]
            counts = _counts([part.column(c).to_numpy(zero_copy_only=False) for c in COUNT_COLUMNS], part.num_rows)
        elif kind == "polars":
            key_cols = [part[k].to_list() for k in keys]
            counts = _counts([part[c] for c in COUNT_COLUMNS], part.height)
        else:
            key_cols = [[None if cv.is_missing(v) else v for v in part[k].tolist()] for k in keys]
            counts = _counts([part[c] for c in COUNT_COLUMNS], len(part))
    nby = len(by)
    period = total.period
    if period is None and not any(b.lower() == "period" for b in by):
        # (in any ASCII case, as the core matches a header's names: `PERIOD` too)
        has_period = (
            any(str(k).lower() == "period" and v is not None for r in part for k, v in r.items())
            if isinstance(part, list)
            else any(n.lower() == "period" for n in names)
        )
        if has_period:
            # Summed without their periods, a dossier open across months would count once a
            # month: the counts would be wrong, not merely coarser.
            raise _raise(
                InvalidArgumentError,
                "the partial counts are split by period (a `period` column): pass the period they "
                "were counted by (period='month', 'quarter' or 'year'); added up without it, a "
                "dossier open across periods would be counted in each",
            )
    key_cols = [[_key_text(v, period if j >= nby else None) for v in col] for j, col in enumerate(key_cols)]
    if report_rows and nby > 0:
        key_cols = _report_totals_marked(key_cols, counts, nby)
    elif not report_rows:
        key_cols = [[("" if v is None else v) for v in col] if j < nby else col for j, col in enumerate(key_cols)]
    periods = key_cols[nby] if len(keys) > nby else None
    total.add_cells(key_cols[:nby], periods, counts)


def _counts(columns: list[Any], rows: int) -> np.ndarray:
    """The count columns of a partial table as one (rows × columns) int64 array: whole numbers
    of dossiers, a missing cell 0 (an outer join's); a fraction, a negative count or a text is
    refused, naming the column and row (2.7 was read as 2, NaN of a row dict raised a bare
    ``ValueError``)."""
    out = np.zeros((rows, len(COUNT_COLUMNS)), dtype=np.int64)
    for j, (name, col) in enumerate(zip(COUNT_COLUMNS, columns)):
        a = cv._int_array(col, name)
        a = np.where(a == cv.MISSING64, 0, a)
        if (a < 0).any():
            i = int(np.flatnonzero(a < 0)[0])
            raise _raise(InvalidArgumentError, f"`{name}` = {int(a[i])} at row {i}: a count of dossiers is never negative")
        out[:, j] = a
    return out


def _report_totals_marked(key_cols: list[list[Any]], counts: np.ndarray, nby: int) -> list[list[Any]]:
    """The keys of a report table's rows with its totals rows marked (grouping keys ``None``,
    which the core skips) and every other row a group (a missing key there is the empty group).

    A report table's totals rows have no group values — missing in motcua's own frames and JSON,
    ``TOTAL`` then empty in the CLI's CSV — and in every period they add up the groups. Which
    rows are the totals is read from the keys and checked by that sum, whatever the rows' order
    (report tables concatenated, one per partition, have a totals row each): the CLI's
    ``TOTAL`` rows; else the rows whose keys are missing (``None``); else those missing or empty
    (a CSV round trip writes both the totals' and the empty group's as empty); else, in the rows'
    order, those adding up the rows since their period began or since the previous totals row
    (an empty group and the totals both empty: the empty group comes first); else, in each
    period, the one such row adding up all the others (one table, in any order). A table without such
    rows is all groups (its totals filtered out). Rows without group values that add up in none
    of these readings are refused: the totals cannot be told from the groups (a period's groups
    filtered out, its totals kept; a sorted CLI CSV with a group filtered out). (The empty
    group read back as missing was taken for the totals and dropped; the CLI's ``TOTAL`` was
    summed as a group: the totals doubled.)"""
    n = counts.shape[0]
    periods = key_cols[nby] if len(key_cols) > nby else [None] * n
    rows = list(zip(*key_cols[:nby]))
    none = np.array([all(k is None for k in ks) for ks in rows], dtype=bool)
    blank = np.array([all(k is None or k == "" for k in ks) for ks in rows], dtype=bool)
    labelled = np.array([ks[0] == "TOTAL" and all(k is None or k == "" for k in ks[1:]) for ks in rows], dtype=bool)
    in_period = {p: np.array([q == p for q in periods], dtype=bool) for p in set(periods)}

    def adds_up(totals: np.ndarray) -> bool:
        return bool(totals.any()) and all(
            np.array_equal(counts[here & totals].sum(axis=0), counts[here & ~totals].sum(axis=0))
            for here in in_period.values()
        )

    def in_order(kind: np.ndarray) -> np.ndarray:
        totals = np.zeros(n, dtype=bool)
        acc = np.zeros(counts.shape[1], dtype=np.int64)
        for i in range(n):
            if i == 0 or periods[i] != periods[i - 1]:
                acc[:] = 0
            if kind[i] and np.array_equal(counts[i], acc):
                totals[i] = True
                acc[:] = 0
            else:
                acc += counts[i]
        return totals

    def one_per_period(kind: np.ndarray) -> np.ndarray:
        totals = np.zeros(n, dtype=bool)
        for here in in_period.values():
            whole = counts[here].sum(axis=0)
            for i in np.flatnonzero(here & kind):
                if np.array_equal(2 * counts[i], whole):
                    totals[i] = True
                    break
        return totals

    # Keys that hold both "" and None (JSON rows, the rows of a report) tell an empty group
    # from the totals: the rows without any key are the totals, when they add up. (A table
    # read from text, where both were read alike, is told by the readings below: a lone empty
    # group of the same counts as the totals was refused as ambiguous.)
    typed = any(isinstance(k, str) and k == "" for ks in rows for k in ks)
    if typed and none.any() and adds_up(none):
        candidates: tuple[np.ndarray, ...] = (none,)
    else:
        candidates = (labelled, none, blank, in_order(blank), one_per_period(blank))
    readings = {tuple(m) for m in candidates if adds_up(m)}
    advice = (
        "Combine the partial tables (partial_report) or PartialReports the report was counted "
        "from, or the report tables whole"
    )
    if len(readings) > 1:
        # e.g. a row without a value and a TOTAL row of the same counts: the CLI's empty group
        # and its totals, or a group named TOTAL and motcua's totals.
        raise _raise(
            InvalidArgumentError,
            "a report table's totals rows cannot be told from its groups: its TOTAL rows and its "
            f"rows without group values both add up the others. {advice}",
        )
    if readings:
        totals = np.array(readings.pop(), dtype=bool)
    elif labelled.any() or blank.any():
        raise _raise(
            InvalidArgumentError,
            "a report table's totals rows cannot be told from its groups: its rows without group "
            f"values (or TOTAL) do not add up the others in every period (filtered?). {advice}",
        )
    else:
        totals = np.zeros(n, dtype=bool)
    return [
        [None if totals[i] else ("" if v is None else v) for i, v in enumerate(col)] if j < nby else col
        for j, col in enumerate(key_cols)
    ]


def _combined(
    partials: Any, by: list[str], period: Optional[str], as_of: Optional[InstantLike]
) -> Report:
    """The report of the partials summed by the core. A report split by period without any
    cell has one row of zeros, for the period holding as-of: without ``as_of`` (count tables
    do not carry it) there is no such period, and no row."""
    keys = _key_columns(by, period)
    parts = list(_iter_partials(partials))
    instant = None if as_of is None else PartialReport(_as_of(as_of), by, period).as_of
    for part in parts:
        if isinstance(part, PartialReport):
            _check_partial(part, by, period, instant)
            instant = part.as_of
    # Partial reports are merged whole (the core refuses those counted with another calendar,
    # other rules or another catalogue); count tables add their cells.
    total = PartialReport(_EPOCH if instant is None else instant, by, period)
    for part in parts:
        if isinstance(part, PartialReport):
            total.merge(part)
        else:
            _add_partial(total, part, keys, by)
    report = Report.from_partial(total)
    if as_of is None and period is not None and len(total.cells()[2]) == 0:
        report.rows = []
    return report


def combine_rows(
    partials: Any, *, by: _By = None, period: Optional[str] = None, as_of: Optional[InstantLike] = None
) -> list[dict[str, Any]]:
    """The report rows from partial counts: exactly the rows of ``Report.build(...).rows`` and
    ``motcua report --format json`` on all the dossiers at once.

    ``partials``: one partial table (pandas, polars, pyarrow; e.g. a Spark aggregation's
    ``toPandas()``), a :class:`~motcua.PartialReport`, or an iterable of them, or a list of row
    dicts; partials of the same cell are summed (by the core), so they may be raw
    per-partition counts or already summed. Periods come in order, within each the groups in
    order of their values, then the totals row (grouping keys ``None``); the rates are
    computed from the summed counts. ``as_of``, the instant the partials stand at, matters
    only when no dossier was counted and the report is split by period: its one row of zeros
    is the period holding ``as_of`` (without it, no row).

    Report tables (with their rates and totals rows: ``motcua.report`` frames, rows, the CLI's
    JSON or CSV, concatenated or read back from CSV) are accepted too: their totals rows are
    told by their keys (missing, or the CLI's ``TOTAL``) and checked by their sums in every
    period; a table whose totals cannot be told is refused. Read such CSVs with the grouping
    columns as text (``dtype={"field": str}``, not ``dtype=str``, which makes the counts text
    too): a reader that turns ``01`` into 1 merges it with the group ``1``. Count
    tables carry no as-of, calendar, rules or catalogue: tables counted differently are summed
    as given (partial reports, :class:`~motcua.PartialReport`, are checked: ``merge`` refuses
    them).
    """
    by_list = _by_list(by)
    return _combined(partials, by_list, period, as_of).rows


def combine(
    partials: Any,
    *,
    by: _By = None,
    period: Optional[str] = None,
    kind: str = "pandas",
    as_of: Optional[InstantLike] = None,
) -> Any:
    """The report from partial counts (see :func:`combine_rows`) as a DataFrame equal to
    :func:`motcua.report`'s on all the dossiers at once: ``kind="pandas"`` (the default) or
    ``"polars"``; ``"rows"`` gives the row dicts."""
    if kind not in ("pandas", "polars", "rows"):
        raise _raise(InvalidArgumentError, f"kind must be 'pandas', 'polars' or 'rows', got {kind!r}")
    by_list = _by_list(by)
    report = _combined(partials, by_list, period, as_of)
    if kind == "rows":
        return report.rows
    return report.to_polars() if kind == "polars" else report.to_pandas()


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
        map: Optional[Mapping[str, Union[str, int]]],
        skip_bad: bool = False,
        what: str,
    ) -> None:
        self.by = _by_list(by)
        self.period = period
        self.as_of = _as_of(as_of)  # None → now, once, here
        self.calendar = calendar
        self.catalogue = catalogue
        self.rules = None if rules is None else _as_rules(rules)
        self.map = rec.map_arg(map)
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
        map: Optional[Mapping[str, Union[str, int]]] = None,
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

    def _count(self, batches: list[Any], partial: PartialReport) -> None:
        import pyarrow as pa

        o = self.opts
        _count(
            pa.Table.from_batches(batches),
            by=o.by,
            period=o.period,
            as_of=o.as_of,
            calendar=o.calendar,
            catalogue=o.catalogue,
            rules=o.rules,
            map=o.map,
            skip_bad=o.skip_bad,
            into=partial,
        )

    def __call__(self, batches: Iterable[Any]) -> Iterator[Any]:
        o = self.opts
        partial = PartialReport(o.as_of, o.by, o.period)
        buf: list[Any] = []
        rows = 0
        seen = False
        for b in batches:
            if b.num_rows == 0:
                continue
            seen = True
            buf.append(b)
            rows += b.num_rows
            if rows >= self.chunk_rows:
                self._count(buf, partial)
                buf, rows = [], 0
        if buf:
            self._count(buf, partial)
        if seen and partial.cells()[2].shape[0]:
            yield from _partial_arrow(partial, o.by, o.period).to_batches()


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
        map: Optional[Mapping[str, Union[str, int]]] = None,
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
    map: Optional[Mapping[str, Union[str, int]]] = None,
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
    map: Optional[Mapping[str, Union[str, int]]] = None,
    skip_bad: bool = False,
    kind: str = "pandas",
) -> Any:
    """The report of a Spark DataFrame of dossier records, equal to :func:`motcua.report` on the
    same rows: :func:`spark_partials` (one small table of cells per partition), collected on
    the driver, then :func:`combine` (the core sums the cells and computes totals and rates).
    ``as_of=None`` means now, read once on the driver."""
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
    return combine(_spark_collect(parts), by=by_list, period=period, kind=kind, as_of=t)


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
    map: Optional[Mapping[str, Union[str, int]]] = None,
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
    map: Optional[Mapping[str, Union[str, int]]] = None,
    skip_bad: bool = False,
) -> Any:
    """A Dask DataFrame of partial reports (pandas partitions, one row per cell):
    ``ddf.map_partitions(partial_report, ...)`` on the columns the report reads."""
    by_list = _by_list(by)
    t = _as_of(as_of)
    meta = _partial_pandas(PartialReport(t, by_list, period), by_list, period)
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
        map=rec.map_arg(map),
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
    map: Optional[Mapping[str, Union[str, int]]] = None,
    skip_bad: bool = False,
    kind: str = "pandas",
    **compute: Any,
) -> Any:
    """The report of a Dask DataFrame of dossier records, equal to :func:`motcua.report` on the
    same rows: :func:`dask_partials`, computed (``compute`` is passed to ``.compute()``, e.g.
    ``scheduler="processes", num_workers=2``), then :func:`combine`. ``as_of=None`` means
    now, read once here."""
    by_list = _by_list(by)
    t = _as_of(as_of)
    parts = dask_partials(
        ddf,
        by=by_list,
        period=period,
        as_of=t,
        calendar=calendar,
        catalogue=catalogue,
        rules=rules,
        map=map,
        skip_bad=skip_bad,
    )
    return combine(parts.compute(**compute), by=by_list, period=period, kind=kind, as_of=t)
