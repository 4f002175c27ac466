"""The one-stop report (*báo cáo tình hình giải quyết hồ sơ*): received (carried over, new online /
direct / postal), resolved (early / on time / late), pending (within deadline / overdue /
awaiting supplement), refused and withdrawn, with rates, by group and by period — the core's
report (``motcua report``), built from a pandas or polars DataFrame (or LazyFrame), a pyarrow
Table, RecordBatch or RecordBatchReader of dossier records.

The frame's columns cross to the core as buffers (the Arrow C data interface, numpy arrays),
are read, classified and counted there on every core with the GIL released, into a
:class:`PartialReport` whose exact cells merge (chunks of the frame, Spark and Dask
partitions); the rows, totals and rates come out of the core too.

:func:`report` returns a DataFrame (pandas in, pandas out; polars in, polars out); a
:class:`Report` keeps the rows with what was counted, and renders as the official table in a
notebook.

>>> import pandas as pd, motcua
>>> df = pd.DataFrame({
...     "received": ["2026-03-02T09:30", "2026-03-02T10:00", "2026-03-03T08:00"],
...     "time_limit": ["3wd", "3wd", "5wd"],
...     "channel": ["online", "direct", "direct"],
...     "resolved": ["2026-03-04T10:00", "2026-03-09T10:00", None],
...     "field": ["Hộ tịch", "Hộ tịch", "Đất đai"]})
>>> t = motcua.report(df, by="field", as_of="2026-03-31")
>>> t[["field", "received", "early", "late", "overdue", "on_time_rate"]].fillna({"field": "(total)"})
     field  received  early  late  overdue  on_time_rate
0  Hộ tịch         2      1     1        0           0.5
1  Đất đai         1      0     0        1           NaN
2  (total)         3      1     1        1           0.5
"""

from __future__ import annotations

import datetime as _dt
import html
import warnings
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Optional, Union

from . import _convert as cv
from . import _motcua
from . import _records as rec
from ._motcua import PartialReport
from .calendar import Calendar
from .civil import InstantLike
from .deadline import RulesLike, _calendar, _catalogue, _rules
from .error import InvalidArgumentError, _raise
from .outcome import _as_of
from .procedure import Catalogue

if TYPE_CHECKING:
    from .stages import StageReport

__all__ = ["Report", "PartialReport", "report", "COUNT_COLUMNS", "RATE_COLUMNS", "count"]

_COUNTS, _RATES = _motcua.report_columns()
#: The count columns, in the order of the official table (the core's).
COUNT_COLUMNS: tuple[str, ...] = tuple(_COUNTS)
#: The rate columns (fractions; ``None`` when the denominator is zero; the core's).
RATE_COLUMNS: tuple[str, ...] = tuple(_RATES)

_HEADINGS = {
    "carried_over": ("Kỳ trước chuyển qua", "carried over"),
    "received_new": ("Tiếp nhận mới", "received new"),
    "received": ("Tổng số nhận", "received"),
    "received_online": ("Trực tuyến", "online"),
    "received_direct": ("Trực tiếp", "direct"),
    "received_postal": ("Bưu chính", "postal"),
    "resolved": ("Đã giải quyết", "resolved"),
    "early": ("Trước hạn", "early"),
    "on_time": ("Đúng hạn", "on time"),
    "late": ("Quá hạn", "late"),
    "pending": ("Đang giải quyết", "pending"),
    "pending_within": ("Trong hạn", "within"),
    "overdue": ("Quá hạn", "overdue"),
    "awaiting_supplement": ("Chờ bổ sung", "awaiting supplement"),
    "refused": ("Từ chối", "refused"),
    "withdrawn": ("Rút hồ sơ", "withdrawn"),
    "resolved_rate": ("Tỷ lệ giải quyết", "resolved rate"),
    "on_time_rate": ("Tỷ lệ đúng hạn", "on-time rate"),
    "online_rate": ("Tỷ lệ trực tuyến", "online rate"),
}


#: The pandas frequency of each report period.
_PANDAS_FREQ = {"month": "M", "quarter": "Q", "year": "Y"}


def _period_start(label: Optional[str]) -> Optional[_dt.date]:
    """The first day of a report period's label (``2026-03``, ``2026-Q1``, ``2026``), ``None``
    for ``None``."""
    if label is None:
        return None
    if "-Q" in label:
        year, quarter = label.split("-Q")
        return _dt.date(int(year), 3 * int(quarter) - 2, 1)
    if "-" in label:
        year, month = label.split("-")
        return _dt.date(int(year), int(month), 1)
    return _dt.date(int(label), 1, 1)


class Report:
    """A report table: :attr:`rows` (one per group and period, then a totals row whose
    grouping keys are ``None``), with what was counted. ``to_pandas()``, ``to_polars()``;
    shown as the official table in a notebook."""

    def __init__(
        self,
        rows: list[dict[str, Any]],
        *,
        by: list[str],
        period: Optional[str],
        as_of: _dt.datetime,
        counted: int,
        left_out: int,
        skipped: list[dict[str, Any]],
    ) -> None:
        self._rows: Optional[list[dict[str, Any]]] = rows
        # The core's columns (`PartialReport.columns()`), when built from a partial: the
        # frames are made from them, and the rows only when asked for.
        self._columns: Optional[tuple[Any, ...]] = None
        #: The grouping columns.
        self.by = by
        #: ``month``, ``quarter``, ``year`` or ``None``.
        self.period = period
        #: The instant the table stands at.
        self.as_of = as_of
        #: Dossiers counted.
        self.counted = counted
        #: Dossiers left out because they were received after :attr:`as_of`.
        self.left_out = left_out
        #: With ``skip_bad=True``: the rows skipped, as ``{"index", "label", "code", "message", "field",
        #: "value", "id", "line"}`` (``line``: a file's line, or a frame's row index + 1).
        self.skipped = skipped

    @classmethod
    def build(
        cls,
        df: Any,
        *,
        by: Union[str, Iterable[str], None] = None,
        period: Optional[str] = None,
        as_of: Optional[InstantLike] = None,
        calendar: Optional[Calendar] = None,
        catalogue: Optional[Catalogue] = None,
        rules: RulesLike = None,
        map: Optional[Mapping[str, Union[str, int]]] = None,
        skip_bad: bool = False,
        threads: int = 0,
        transfers: Any = None,
        input_format: Optional[str] = None,
    ) -> Report:
        """The report of a DataFrame of dossier records, or of a CSV / JSON-lines file by its
        path (see :func:`report`)."""
        by_list = rec.by_list(by)
        partial, skipped = count(
            rec.source(df, input_format),
            by=by_list,
            period=period,
            as_of=as_of,
            calendar=calendar,
            catalogue=catalogue,
            rules=rules,
            map=map,
            skip_bad=skip_bad,
            threads=threads,
            transfers=transfers,
        )
        # Grouping values left empty (merged cells): counted in a group of no name, said.
        for text in partial.empty_group_notes():
            warnings.warn(text, UserWarning, stacklevel=rec._user_stacklevel())
        return cls.from_partial(partial, skipped=skipped)

    @classmethod
    def from_partial(cls, partial: PartialReport, *, skipped: Optional[list[dict[str, Any]]] = None) -> Report:
        """The report of a :class:`PartialReport` (e.g. merged from partitions)."""
        report = cls(
            [],
            by=list(partial.by),
            period=partial.period,
            as_of=partial.as_of,
            counted=partial.counted,
            left_out=partial.left_out,
            skipped=skipped or [],
        )
        report._rows, report._columns = None, partial.columns()
        return report

    @property
    def rows(self) -> list[dict[str, Any]]:
        """The rows, with exactly the keys of ``motcua report --format json``: built once, on
        first use, from the core's columns, as the frames are (so edit a frame, not this list:
        :meth:`to_pandas` and :meth:`to_polars` do not read it; assigning a new list makes
        them use it)."""
        if self._rows is None:
            self._rows = self._rows_of_columns()
        return self._rows

    @rows.setter
    def rows(self, rows: list[dict[str, Any]]) -> None:
        self._rows, self._columns = rows, None

    def _rows_of_columns(self) -> list[dict[str, Any]]:
        """The rows of the core's columns, as ``motcua report --format json`` gives them."""
        assert self._columns is not None
        keys, periods, counts, rates = self._columns
        values: list[list[Any]] = [*keys]
        if periods is not None:
            values.append(periods[0])
        values.extend(counts.T.tolist())
        values.extend([None if r != r else r for r in column] for column in rates.T.tolist())
        names = self.columns
        return [dict(zip(names, row)) for row in zip(*values)]

    @property
    def columns(self) -> list[str]:
        """The column names, in order."""
        return [*self.by, *(["period"] if self.period else []), *COUNT_COLUMNS, *RATE_COLUMNS]

    @property
    def totals(self) -> list[dict[str, Any]]:
        """The totals rows (one per period, or one)."""
        return [r for r in self.rows if all(r.get(k) is None for k in self.by)]

    def to_pandas(self) -> Any:
        """The rows as a pandas DataFrame; ``period`` (with a period) as a pandas ``Period``
        column (``period[M]``, ``period[Q-DEC]`` or ``period[Y-DEC]``)."""
        import numpy as np
        import pandas as pd

        if self._columns is None:
            frame = pd.DataFrame(self.rows, columns=self.columns)
            for c in RATE_COLUMNS:
                frame[c] = frame[c].astype("float64")
            if self.period:
                freq = _PANDAS_FREQ[self.period]
                frame["period"] = pd.PeriodIndex(list(frame["period"]), freq=freq)
            return frame
        keys, periods, counts, rates = self._columns
        data: dict[str, Any] = dict(zip(self.by, keys))
        if periods is not None and self.period:
            # The periods' ordinals (months, quarters or years since 1970) from their first
            # days, without parsing a label a row.
            starts = periods[1].astype("datetime64[D]")
            if self.period == "year":
                ordinals = starts.astype("datetime64[Y]").astype(np.int64)
            else:
                ordinals = starts.astype("datetime64[M]").astype(np.int64)
                if self.period == "quarter":
                    ordinals //= 3
            dtype = pd.PeriodDtype(_PANDAS_FREQ[self.period])
            data["period"] = pd.Series(pd.arrays.PeriodArray(ordinals, dtype=dtype))
        for i, c in enumerate(COUNT_COLUMNS):
            data[c] = np.ascontiguousarray(counts[:, i])
        for i, c in enumerate(RATE_COLUMNS):
            data[c] = np.ascontiguousarray(rates[:, i])
        return pd.DataFrame(data, columns=self.columns)

    def to_polars(self) -> Any:
        """The rows as a polars DataFrame; ``period`` (with a period) as a ``Date``: the
        period's first day (polars has no period type)."""
        import polars as pl

        if self._columns is None:
            schema: dict[str, Any] = {c: pl.String for c in self.by}
            if self.period:
                schema["period"] = pl.Date
            schema.update({c: pl.Int64 for c in COUNT_COLUMNS})
            schema.update({c: pl.Float64 for c in RATE_COLUMNS})
            rows = [{c: r.get(c) for c in schema} for r in self.rows]
            if self.period:
                for r in rows:
                    r["period"] = _period_start(r["period"])
            return pl.DataFrame(rows, schema=schema)
        keys, periods, counts, rates = self._columns
        series = [pl.Series(c, k, dtype=pl.String) for c, k in zip(self.by, keys)]
        if periods is not None:
            series.append(pl.Series("period", periods[1], dtype=pl.Int32).cast(pl.Date))
        series.extend(pl.Series(c, counts[:, i], dtype=pl.Int64) for i, c in enumerate(COUNT_COLUMNS))
        series.extend(
            pl.Series(c, rates[:, i], dtype=pl.Float64, nan_to_null=True) for i, c in enumerate(RATE_COLUMNS)
        )
        return pl.DataFrame(series)

    def plot(self, *, ax: Any = None, lang: str = "vi") -> Any:
        """The monthly on-time rate (bars, in %) with the resolved counts above them, from the
        totals of a report built with ``period="month"`` (matplotlib, the ``motcua[plot]``
        extra); ``lang`` ``"vi"`` or ``"en"``. Returns the matplotlib ``Axes``
        (:func:`motcua.plot.plot_report`)."""
        from .plot import plot_report

        return plot_report(self, ax=ax, lang=lang)

    def __len__(self) -> int:
        if self._rows is None and self._columns is not None:
            return len(self._columns[2])
        return len(self.rows)

    def __repr__(self) -> str:
        return (
            f"<Report as of {self.as_of:%Y-%m-%d %H:%M}: {len(self)} rows, "
            f"{self.counted} dossiers counted, {self.left_out} left out, {len(self.skipped)} skipped>"
        )

    def _repr_html_(self) -> str:
        """The official table: Vietnamese headings (English below), rates as percentages,
        totals in bold."""
        cols = self.columns
        head = "".join(
            f"<th>{html.escape(_HEADINGS[c][0])}<br><small>{html.escape(_HEADINGS[c][1])}</small></th>"
            if c in _HEADINGS
            else f"<th>{html.escape(c)}</th>"
            for c in cols
        )
        body = []
        for r in self.rows:
            total = all(r.get(k) is None for k in self.by)
            cells = []
            for c in cols:
                v = r.get(c)
                if c in RATE_COLUMNS:
                    text = "–" if v is None else f"{100 * v:.1f}%"
                elif c in self.by:
                    text = "Tổng cộng / total" if total else html.escape(str(v))
                else:
                    text = html.escape(str(v))
                cells.append(f"<td>{'<b>' + text + '</b>' if total else text}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        caption = (
            f"Báo cáo tình hình giải quyết hồ sơ — as of {self.as_of:%Y-%m-%d %H:%M}; "
            f"{self.counted} dossiers"
            + (f", {len(self.skipped)} skipped" if self.skipped else "")
        )
        return (
            f'<table class="motcua-report"><caption>{html.escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        )


def count(
    df: Any,
    *,
    by: list[str],
    period: Optional[str] = None,
    as_of: Optional[InstantLike] = None,
    calendar: Optional[Calendar] = None,
    catalogue: Optional[Catalogue] = None,
    rules: RulesLike = None,
    map: Optional[Mapping[str, Union[str, int]]] = None,
    skip_bad: bool = False,
    satisfaction_scale: Optional[int] = None,
    threads: int = 0,
    into: Optional[PartialReport] = None,
    transfers: Any = None,
) -> tuple[PartialReport, list[dict[str, Any]]]:
    """Counts a frame of dossier records (or a CSV / JSON-lines file, by its path) into a
    :class:`PartialReport` (a new one, or ``into``): the core reads, classifies and counts
    each chunk of the frame (the file as it streams); returns the
    partial and, with ``skip_bad``, the skipped rows (``{"index", "label", "code", "message", "field",
    "value", "id", "line"}``). ``satisfaction_scale``: also tally the scorecard's columns;
    ``transfers``: a frame of transfers joined to the records by id."""
    skip_bad, threads = cv.strict_bool(skip_bad, "skip_bad"), cv.count_arg(threads, "threads")
    partial = into if into is not None else PartialReport(_as_of(as_of), by, period)
    mapped = rec.map_arg(map)
    names = rec.wanted(by, mapped, satisfaction_scale is not None)
    rec.warn_near_misses(df, by, mapped)
    skipped: list[dict[str, Any]] = []
    joined = None
    if transfers is not None:
        from .stages import read_transfers

        joined, skipped = read_transfers(transfers, skip_bad=skip_bad)
    cal, rls, cat = _calendar(calendar), _rules(rules), _catalogue(catalogue)
    unread = rec.Unread(by, mapped, satisfaction_scale is not None)
    with rec.labelled(df):
        for columns, first_row, rows in rec.parts(df, names):
            counted, left_out, bad = partial.add(
                columns,
                cal,
                rls,
                cat,
                mapped,
                skip_bad,
                satisfaction_scale,
                threads,
                first_row,
                joined,
            )
            skipped.extend(_skipped(b, df) for b in bad)
            unread.check(df, first_row, rows, counted + left_out + len(bad))
    unread.warn()
    if joined is not None:
        skipped.extend(_skipped(b) for b in joined.unjoined(skip_bad))
    return partial, skipped


def _skipped(b: tuple[Any, ...], df: Any = None) -> dict[str, Any]:
    """A skipped row: ``{"index", "label", "code", "message", "field", "value", "id", "line"}``
    (``label``: its pandas index label, else ``None``; ``line``: as the error's ``.line``, the
    line of a record read from a file, or a frame's row index + 1)."""
    index, code, message, field, value, id_, line = b
    return {
        "index": index,
        "label": rec.label_of(df, index),
        "code": code,
        "message": message,
        "field": field,
        "value": value,
        "id": id_,
        "line": line,
    }


def report(
    df: Any,
    *,
    by: Union[str, Iterable[str], None] = None,
    period: Optional[str] = None,
    as_of: Optional[InstantLike] = None,
    calendar: Optional[Calendar] = None,
    catalogue: Optional[Catalogue] = None,
    rules: RulesLike = None,
    map: Optional[Mapping[str, Union[str, int]]] = None,
    skip_bad: bool = False,
    threads: int = 0,
    stages: bool = False,
    transfers: Any = None,
    input_format: Optional[str] = None,
) -> Any:
    """The one-stop report of a DataFrame of dossier records, as a DataFrame of the same kind
    (pandas → pandas, polars → polars; a pyarrow table or a mapping of columns → pandas).
    ``df`` may also be the path of a CSV file (JSON lines when its name ends in ``.jsonl`` or
    ``.ndjson``; UTF-8 or UTF-16 with its byte-order mark), streamed by the core exactly as
    ``motcua report FILE`` reads it — without loading it into a frame first (→ pandas, or the
    rows as dicts when pandas is not installed); its bad rows are located by line.
    ``input_format``: ``"csv"`` or ``"jsonl"`` reads a file so whatever its name (the CLI's
    ``--input-format``: ``mongoexport`` writes JSON lines to ``.json`` files); it is for a
    path only.

    Columns read (others are ignored): ``received``, ``time_limit`` (``3wd``, ``15cd``,
    ``8wh``, ``same_day``) or ``procedure`` (a code of ``catalogue``), and optionally
    ``channel``, ``supplement_requested``, ``supplement_received``, ``new_due``,
    ``resolved``, ``refused``, ``withdrawn``, ``id``, in any ASCII case (``Resolved``, as in a
    CSV header); ``map={"received": "ngay_nhan"}`` reads a logical column from another (that
    column exactly; a name no reader uses is an error). Cells may be datetimes or ISO /
    ``dd/mm/yyyy`` text; empty means absent.

    ``by``: grouping column(s): a name, comma-separated names (``"field,agency"``, as the
    CLI's ``--by``) or a list of names (``field`` and ``level`` of records given by procedure
    code without such a column: each procedure's in the catalogue); ``period``: ``month``, ``quarter`` or ``year``; ``as_of``: the
    instant the table stands at (a date alone: the end of that day; ``None``: now);
    ``calendar`` defaults to :meth:`Calendar.vietnam`; ``skip_bad``: skip bad rows instead of
    raising the first one's error (a ``UserWarning`` says how many and the first, as the CLI's
    stderr line; :meth:`Report.build` lists them);
    ``threads``: how many cores to use (0: all; the answer is the same).

    Datetime columns may be naive (Vietnam's wall clock) or zoned (converted to UTC+7); a
    timestamp at exactly 00:00 is read as a date alone, as the CSV cell ``2026-03-02`` is.

    One row per group (and period), then a totals row whose grouping keys are ``None``; the
    counts and rates of ``motcua report --format json``.

    ``transfers``: the transfers between agencies (columns ``id``, ``at``, ``to``: the
    dossier ``id`` reached the agency ``to`` at ``at``), a frame or a CSV / JSON-lines file
    (``motcua report --transfers FILE``), joined to the records by id in the
    core (a bad transfer, or an id no record has, is a bad row). ``stages=True``: instead of
    the report, the per-agency stage table of inter-agency dossiers (``motcua report
    --stages``; see :mod:`motcua.stages`): one row per agency, then a totals row whose
    ``agency`` is ``None``; ``by`` and ``period`` cannot be given with it (an
    :class:`InvalidArgumentError`, as the CLI refuses ``--stages`` with ``--by``).
    """
    table: Union[Report, "StageReport"]
    if cv.strict_bool(stages, "stages"):
        from .stages import StageReport

        if by or period:
            raise _raise(
                InvalidArgumentError,
                "stages=True gives one row per agency: `by` and `period` do not apply",
            )
        table = StageReport.build(
            df,
            input_format=input_format,
            transfers=transfers,
            as_of=as_of,
            calendar=calendar,
            catalogue=catalogue,
            rules=rules,
            map=map,
            skip_bad=skip_bad,
            threads=threads,
        )
    else:
        table = Report.build(
            df,
            by=by,
            period=period,
            as_of=as_of,
            calendar=calendar,
            catalogue=catalogue,
            rules=rules,
            map=map,
            skip_bad=skip_bad,
            threads=threads,
            transfers=transfers,
            input_format=input_format,
        )
    rec.warn_skipped(table.skipped, "StageReport.build" if stages else "Report.build")
    if rec.is_path(df):
        return table.to_pandas() if rec.path_output() == "pandas" else table.rows
    if rec.frame_kind(df) == "polars":
        return table.to_polars()
    if cv._module("pandas") is None:
        return table.rows
    return table.to_pandas()
