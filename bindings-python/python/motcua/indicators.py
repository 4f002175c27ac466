"""Service indicators and targets: the office scorecard — on-time resolution, resolved, online,
full-process online and postal submission, digitised dossiers and results (*số hóa hồ sơ*),
citizen satisfaction, feedback handled — each with its numerator and denominator, by group,
judged against targets; plus the procedures of a catalogue per field and the share offered
fully online. The core's scorecard (``motcua scorecard``), built from a pandas or polars
DataFrame of dossier records.

:func:`scorecard` returns a DataFrame (pandas in, pandas out; polars in, polars out) with one
row per group and indicator; a :class:`Scorecard` keeps it with what was counted and the
catalogue table, and renders in a notebook with met ✓ / not met ✗ / no data marked.

A rate whose denominator is 0 has no value — "no data": ``NaN`` (pandas) or ``null``
(polars), never 0% or 100% — and its target is neither met nor missed (``met`` is missing,
``status`` is ``no_data``).

>>> import pandas as pd, motcua
>>> df = pd.DataFrame({
...     "received": ["2026-03-02T09:30", "2026-03-02T10:00", "2026-03-03T08:00"],
...     "time_limit": ["3wd", "3wd", "5wd"],
...     "channel": ["online", "direct", "direct"],
...     "resolved": ["2026-03-04T10:00", "2026-03-09T10:00", None],
...     "satisfaction": ["5", "2", None]})
>>> s = motcua.scorecard(df, as_of="2026-03-31", targets={"resolved_rate": 0.6})
>>> s[["indicator", "numerator", "denominator", "value", "target", "status"]]
               indicator  numerator  denominator     value  target     status
0           on_time_rate          1            2  0.500000    1.00    not_met
1          resolved_rate          2            3  0.666667    0.60        met
2            online_rate          1            3  0.333333    0.05        met
3       full_online_rate          0            0       NaN     NaN    no_data
4            postal_rate          0            3  0.000000     NaN  no_target
5         digitised_rate          0            0       NaN     NaN    no_data
6  result_digitised_rate          0            0       NaN     NaN    no_data
7      satisfaction_rate          1            2  0.500000    0.90    not_met
8  feedback_handled_rate          0            0       NaN    1.00    no_data
"""

from __future__ import annotations

import datetime as _dt
import html
import json
import math
import numbers
import os
from typing import Any, Iterable, Mapping, Optional, Union

from . import _convert as cv
from . import _motcua
from . import _records as rec
from .calendar import Calendar
from .civil import InstantLike
from .deadline import RulesLike
from .error import InvalidArgumentError, _raise
from .procedure import Catalogue
from .reports import count

__all__ = [
    "INDICATORS",
    "CAPTIONS",
    "SERVICE_COLUMNS",
    "SCORE_COLUMNS",
    "STATUSES",
    "CATALOGUE_COLUMNS",
    "TargetsLike",
    "default_targets",
    "Scorecard",
    "scorecard",
]

_NAMES = _motcua.indicator_names()
#: Every indicator, in scorecard order (the core's ``Indicator::ALL``).
INDICATORS: tuple[str, ...] = tuple(n for n, _ in _NAMES)
#: The Vietnamese caption of each indicator.
CAPTIONS: dict[str, str] = dict(_NAMES)
#: The scorecard's optional input columns (besides those of :func:`motcua.report`; the core's).
SERVICE_COLUMNS: tuple[str, ...] = rec.SERVICE_COLUMNS
#: The columns of a scorecard after the grouping columns.
SCORE_COLUMNS = ("indicator", "numerator", "denominator", "value", "target", "met", "gap", "status")
#: The values of ``status``.
STATUSES = ("met", "not_met", "no_data", "no_target")
#: The columns of :attr:`Scorecard.catalogue`.
CATALOGUE_COLUMNS = ("field", "procedures", "online_full", "online_partial", "full_online_share")

#: What ``targets=`` takes: a mapping ``{"indicator": fraction or None}`` overriding the
#: defaults (``None`` removes a target), the path of a JSON file holding such an object, or
#: ``None`` (the defaults).
TargetsLike = Union[Mapping[str, Optional[float]], str, os.PathLike[str], None]

_STYLE = {
    "met": ("✓ đạt / met", "background:#d4edda;color:#155724;font-weight:bold"),
    "not_met": ("✗ không đạt / not met", "background:#f8d7da;color:#721c24;font-weight:bold"),
    "no_data": ("– chưa có dữ liệu / no data", "background:#eeeeee;color:#666666;font-style:italic"),
    "no_target": ("không có mục tiêu / no target", "color:#666666"),
}


def _targets_text(targets: TargetsLike) -> Optional[str]:
    """The JSON object the core's ``Targets::from_json`` reads."""
    if targets is None:
        return None
    if isinstance(targets, (str, os.PathLike)):
        return cv.read_text(targets, "targets")
    if not isinstance(targets, Mapping):
        raise _raise(
            InvalidArgumentError,
            f"targets must be a mapping {{indicator: fraction or None}} or the path of a JSON file, "
            f"got {type(targets).__name__}",
        )
    obj: dict[str, Any] = {}
    for k, v in targets.items():
        if isinstance(v, numbers.Real) and not isinstance(v, bool):
            v = float(v)
            if not math.isfinite(v):
                raise _raise(InvalidArgumentError, f"target for `{k}` must be a fraction between 0 and 1, got {v}")
        obj[str(k)] = v
    try:
        return json.dumps(obj)
    except (TypeError, ValueError):
        bad = next(k for k, v in obj.items() if not isinstance(v, (float, int, str, bool, type(None))))
        raise _raise(
            InvalidArgumentError, f"target for `{bad}` must be a number or None, got {type(obj[bad]).__name__}"
        ) from None


def default_targets(targets: TargetsLike = None) -> dict[str, Optional[float]]:
    """The target of every indicator (``None`` = no target): the core's defaults — on time
    100%, satisfaction ≥ 90%, feedback handled 100%, online ≥ 5% — overridden by ``targets``.

    >>> default_targets()["on_time_rate"], default_targets()["digitised_rate"]
    (1.0, None)
    >>> default_targets({"digitised_rate": 0.8, "online_rate": None})["digitised_rate"]
    0.8
    """
    return dict(_motcua.targets_json(_targets_text(targets)))


def _frame_kind(df: Any) -> str:
    if rec.is_path(df):
        return rec.path_output()
    kind = rec.frame_kind(df)
    if kind == "polars":
        return "polars"
    return "pandas" if cv._module("pandas") is not None else "rows"


class Scorecard:
    """A scorecard: :attr:`rows` (for each group, every indicator; then the totals, whose
    grouping keys are ``None``), with what was counted and, when a catalogue was given, the
    procedures per field. :attr:`frame` is the DataFrame :func:`scorecard` returns;
    ``to_pandas()``, ``to_polars()``; in a notebook, a table with met ✓ / not met ✗ / no data
    marked in colour."""

    def __init__(
        self,
        rows: list[dict[str, Any]],
        *,
        by: list[str],
        as_of: _dt.datetime,
        targets: dict[str, Optional[float]],
        counted: int,
        left_out: int,
        skipped: list[dict[str, Any]],
        catalogue_rows: Optional[list[dict[str, Any]]] = None,
        kind: str = "pandas",
    ) -> None:
        #: The scores, with the keys of ``motcua scorecard --format json``: the grouping
        #: columns, then :data:`SCORE_COLUMNS`.
        self.rows = rows
        #: The grouping columns.
        self.by = by
        #: The instant the scorecard stands at.
        self.as_of = as_of
        #: The target of every indicator (``None`` = no target).
        self.targets = targets
        #: Dossiers counted.
        self.counted = counted
        #: Dossiers left out because they were received after :attr:`as_of`.
        self.left_out = left_out
        #: With ``skip_bad=True``: the rows skipped, as ``{"index", "label", "code", "message", "field",
        #: "value", "id", "line"}``.
        self.skipped = skipped
        #: With a catalogue: procedures per field (fields in order, then the totals with
        #: ``field`` ``None``), the keys of :data:`CATALOGUE_COLUMNS`; else ``None``.
        self.catalogue_rows = catalogue_rows
        self._kind = kind

    @classmethod
    def build(
        cls,
        df: Any,
        *,
        by: Union[str, Iterable[str], None] = None,
        as_of: Optional[InstantLike] = None,
        catalogue: Optional[Catalogue] = None,
        targets: TargetsLike = None,
        rules: RulesLike = None,
        map: Optional[Mapping[str, Union[str, int]]] = None,
        skip_bad: bool = False,
        satisfaction_scale: int = 5,
        calendar: Optional[Calendar] = None,
        threads: int = 0,
        input_format: Optional[str] = None,
    ) -> Scorecard:
        """The scorecard of a DataFrame of dossier records, or of a CSV / JSON-lines file by
        its path (see :func:`scorecard`)."""
        by_list = rec.by_list(by)
        if isinstance(satisfaction_scale, bool) or not isinstance(satisfaction_scale, numbers.Integral):
            raise _raise(
                InvalidArgumentError,
                f"satisfaction_scale must be an integer, got {type(satisfaction_scale).__name__}",
            )
        df = rec.source(df, input_format)
        kind = _frame_kind(df)
        targets_text = _targets_text(targets)
        partial, skipped = count(
            df,
            by=by_list,
            as_of=as_of,
            calendar=calendar,
            catalogue=catalogue,
            rules=rules,
            map=map,
            skip_bad=skip_bad,
            satisfaction_scale=int(satisfaction_scale),
            threads=threads,
        )
        scores = partial.scores(targets_text)
        rows = []
        for keys, *values in scores:
            row: dict[str, Any] = dict(zip(by_list, keys))
            row.update(zip(SCORE_COLUMNS, values))
            rows.append(row)
        fields = None
        if catalogue is not None:
            fields = [dict(zip(CATALOGUE_COLUMNS, f)) for f in _motcua.catalogue_fields(catalogue.native)]
        return cls(
            rows,
            by=by_list,
            as_of=partial.as_of,
            targets=dict(_motcua.targets_json(targets_text)),
            counted=partial.counted,
            left_out=partial.left_out,
            skipped=skipped,
            catalogue_rows=fields,
            kind=kind,
        )

    @property
    def columns(self) -> list[str]:
        """The column names, in order."""
        return [*self.by, *SCORE_COLUMNS]

    @property
    def totals(self) -> list[dict[str, Any]]:
        """The rows of the totals (one per indicator)."""
        return [r for r in self.rows if all(r.get(k) is None for k in self.by)]

    @property
    def frame(self) -> Any:
        """The scores as a DataFrame of the input's kind (pandas, or polars for a polars
        input; the rows when pandas is not installed)."""
        if self._kind == "polars":
            return self.to_polars()
        if self._kind == "pandas":
            return self.to_pandas()
        return self.rows

    @property
    def catalogue(self) -> Any:
        """With a catalogue: procedures per field and the share offered fully online, as a
        DataFrame of the input's kind (fields in order, then the totals, ``field`` missing);
        without one, ``None``."""
        if self.catalogue_rows is None:
            return None
        if self._kind == "polars":
            import polars as pl

            schema = {
                "field": pl.String,
                "procedures": pl.Int64,
                "online_full": pl.Int64,
                "online_partial": pl.Int64,
                "full_online_share": pl.Float64,
            }
            return pl.DataFrame(self.catalogue_rows, schema=schema)
        if self._kind == "pandas":
            import pandas as pd

            frame = pd.DataFrame(self.catalogue_rows, columns=list(CATALOGUE_COLUMNS))
            frame["full_online_share"] = frame["full_online_share"].astype("float64")
            return frame
        return self.catalogue_rows

    def to_pandas(self) -> Any:
        """The scores as a pandas DataFrame: ``value``, ``target`` and ``gap`` are float
        (``NaN`` when missing), ``met`` is the nullable ``boolean`` dtype."""
        import pandas as pd

        frame = pd.DataFrame(self.rows, columns=self.columns)
        for c in ("numerator", "denominator"):
            frame[c] = frame[c].astype("int64")
        for c in ("value", "target", "gap"):
            frame[c] = frame[c].astype("float64")
        frame["met"] = frame["met"].astype("boolean")
        return frame

    def to_polars(self) -> Any:
        """The scores as a polars DataFrame (missing values are ``null``)."""
        import polars as pl

        schema: dict[str, Any] = {c: pl.String for c in self.by}
        schema.update(
            {
                "indicator": pl.String,
                "numerator": pl.Int64,
                "denominator": pl.Int64,
                "value": pl.Float64,
                "target": pl.Float64,
                "met": pl.Boolean,
                "gap": pl.Float64,
                "status": pl.String,
            }
        )
        return pl.DataFrame([{c: r.get(c) for c in schema} for r in self.rows], schema=schema)

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        counts = {s: sum(r["status"] == s for r in self.totals) for s in STATUSES}
        return (
            f"<Scorecard as of {self.as_of:%Y-%m-%d %H:%M}: {len(self.rows)} scores, "
            f"{self.counted} dossiers counted, {self.left_out} left out, {len(self.skipped)} skipped; "
            f"totals: {counts['met']} met, {counts['not_met']} not met, {counts['no_data']} no data>"
        )

    def plot(self, *, ax: Any = None, lang: str = "vi") -> Any:
        """The totals' indicators as bars (in %) against their targets, coloured by status
        (matplotlib, the ``motcua[plot]`` extra); ``lang`` ``"vi"`` or ``"en"``. Returns the
        matplotlib ``Axes`` (:func:`motcua.plot.plot_scorecard`)."""
        from .plot import plot_scorecard

        return plot_scorecard(self, ax=ax, lang=lang)

    def _repr_html_(self) -> str:
        """The scorecard: Vietnamese captions (indicator names below), values and targets as
        percentages, each judged met ✓ (green) / not met ✗ (red, with the gap) / no data
        (grey); totals in bold; then the catalogue table, when there is one."""
        heads = [*(html.escape(b) for b in self.by)] + [
            "Chỉ số<br><small>indicator</small>",
            "Tử số<br><small>numerator</small>",
            "Mẫu số<br><small>denominator</small>",
            "Giá trị<br><small>value</small>",
            "Mục tiêu<br><small>target</small>",
            "Đánh giá<br><small>status</small>",
            "Chênh lệch<br><small>gap</small>",
        ]
        body: list[str] = []
        previous: Optional[tuple[Any, ...]] = None
        for r in self.rows:
            key = tuple(r.get(b) for b in self.by)
            total = bool(self.by) and all(k is None for k in key)
            first = key != previous
            previous = key
            cells = []
            for b in self.by:
                text = ("Tổng cộng / total" if total else html.escape(str(r.get(b)))) if first else ""
                cells.append(text)
            name = r["indicator"]
            cells.append(f"{html.escape(CAPTIONS.get(name, name))}<br><small>{html.escape(name)}</small>")
            cells.append(str(r["numerator"]))
            cells.append(str(r["denominator"]))
            cells.append("–" if r["value"] is None else f"{100 * r['value']:.1f}%")
            cells.append("–" if r["target"] is None else f"≥ {100 * r['target']:.1f}%")
            label, style = _STYLE.get(r["status"], (r["status"], ""))
            gap = "" if r["gap"] is None else f"{100 * r['gap']:+.1f} pts"
            right = ' style="text-align:right"'
            tds = [
                f"<td{right if j > len(self.by) else ''}>{'<b>' + c + '</b>' if total and c else c}</td>"
                for j, c in enumerate(cells)
            ]
            tds.append(f'<td class="motcua-{html.escape(r["status"])}" style="{style}">{html.escape(label)}</td>')
            tds.append(f"<td>{gap}</td>")
            border = ' style="border-top:2px solid #999"' if first and body else ""
            body.append(f"<tr{border}>{''.join(tds)}</tr>")
        caption = (
            f"Chỉ số phục vụ — scorecard as of {self.as_of:%Y-%m-%d %H:%M}; {self.counted} dossiers"
            + (f", {len(self.skipped)} skipped" if self.skipped else "")
        )
        out = (
            f'<table class="motcua-scorecard"><caption>{html.escape(caption)}</caption>'
            f"<thead><tr>{''.join(f'<th>{h}</th>' for h in heads)}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>"
        )
        if self.catalogue_rows is not None:
            rows = []
            for f in self.catalogue_rows:
                total = f["field"] is None
                share = f["full_online_share"]
                cells = [
                    "Tổng cộng / total" if total else html.escape(str(f["field"])),
                    str(f["procedures"]),
                    str(f["online_full"]),
                    str(f["online_partial"]),
                    "–" if share is None else f"{100 * share:.1f}%",
                ]
                rows.append("<tr>" + "".join(f"<td>{'<b>' + c + '</b>' if total else c}</td>" for c in cells) + "</tr>")
            out += (
                '<table class="motcua-catalogue"><caption>Thủ tục hành chính theo lĩnh vực — '
                "procedures by field</caption><thead><tr><th>Lĩnh vực<br><small>field</small></th>"
                "<th>Số thủ tục<br><small>procedures</small></th>"
                "<th>Toàn trình<br><small>full online</small></th>"
                "<th>Một phần<br><small>partial online</small></th>"
                "<th>Tỷ lệ toàn trình<br><small>full-online share</small></th></tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>"
            )
        return out


def scorecard(
    df: Any,
    *,
    by: Union[str, Iterable[str], None] = None,
    as_of: Optional[InstantLike] = None,
    catalogue: Optional[Catalogue] = None,
    targets: TargetsLike = None,
    rules: RulesLike = None,
    map: Optional[Mapping[str, Union[str, int]]] = None,
    skip_bad: bool = False,
    satisfaction_scale: int = 5,
    calendar: Optional[Calendar] = None,
    threads: int = 0,
    input_format: Optional[str] = None,
) -> Any:
    """The scorecard of a DataFrame of dossier records, as a DataFrame of the same kind
    (pandas → pandas, polars → polars; a mapping of columns → pandas; the path of a CSV /
    JSON-lines file, streamed by the core as ``motcua scorecard FILE`` reads it → pandas, or
    the rows when pandas is not installed; ``input_format="jsonl"`` or ``"csv"`` whatever its
    name, as :func:`motcua.report`): for each group, then
    the totals (grouping keys missing), one row per indicator of :data:`INDICATORS` with the
    grouping columns, ``indicator``, ``numerator``, ``denominator``, ``value`` (missing when
    the denominator is 0: no data), ``target`` (missing: none), ``met`` (nullable boolean:
    missing with no data or no target), ``gap`` (``value − target``) and ``status``
    (``met``, ``not_met``, ``no_data``, ``no_target``). The per-agency stage table that
    ``motcua scorecard --transfers FILE`` prints after the indicators is
    ``motcua.report(df, stages=True, transfers=..., catalogue=...)`` here (the scorecard
    takes no ``transfers``).

    Columns read: those of :func:`motcua.report` (``received``, ``time_limit`` or
    ``procedure``, ``channel``, the event columns, ...) and the optional scorecard columns
    ``online_level`` (``full`` / ``partial`` / ``none``, or the portals' ``toàn trình`` /
    ``một phần`` / ``không``, also after ``DVC`` or ``Dịch vụ công trực tuyến``; the old levels
    ``3`` / ``4`` only before 2022), ``digitised`` and ``result_digitised`` (``true`` /
    ``false``, ``1`` / ``0``, ``yes`` / ``no``, ``y`` / ``n``, ``có`` / ``không``, ``đã`` /
    ``chưa`` (``Đã số hóa`` / ``Chưa số hóa``), ``x`` for a ticked box, booleans; anything else
    is an error), ``satisfaction`` (``1`` .. ``satisfaction_scale``, satisfied from 80% of the
    scale — 4 and 5 of 5 —, or ``satisfied`` / ``neutral`` / ``dissatisfied``, or ``(rất) hài
    lòng`` / ``bình thường`` / ``(rất) không hài lòng``, ``chưa đánh giá`` being no rating; a rating
    counts once its dossier is resolved by ``as_of``), ``feedback_received`` and ``feedback_handled`` (instants);
    ``map={"satisfaction": "danh_gia"}`` reads a logical column from another.

    The indicators (the core's definitions): ``on_time_rate`` (early + on time) / resolved;
    ``resolved_rate`` resolved / received; ``online_rate`` and ``postal_rate`` by channel /
    new dossiers; ``full_online_rate`` online submissions of level ``full`` / new dossiers (with
    an ``online_level`` column, whose empty cells are not fully online; without one, no data);
    ``digitised_rate``
    digitised / rows with the flag; ``result_digitised_rate`` digitised results / resolved
    rows with the flag; ``satisfaction_rate`` satisfied / ratings; ``feedback_handled_rate``
    feedback handled by ``as_of`` / feedback received by then. An empty flag is no value, left
    out of its rate; when some rows give the flag and others not, a ``UserWarning`` says how
    many were left out (a column of boxes ticked ``x`` and otherwise empty: write 0 for a box
    not ticked).

    ``targets``: a mapping ``{"indicator": fraction or None}`` or the path of a JSON file
    holding one, over the defaults (:func:`default_targets`); an unknown indicator or a
    target outside 0..1 raises :class:`~motcua.InvalidArgumentError`. ``as_of``: the instant
    the scorecard stands at (a date alone: the end of that day; ``None``: now); dossiers
    received later are left out, events later ignored. ``catalogue`` resolves ``procedure``
    codes (:attr:`Scorecard.catalogue` lists its procedures per field); ``calendar``
    defaults to :meth:`Calendar.vietnam`; ``rules`` as in :func:`motcua.due`. A bad cell
    raises its error (:class:`~motcua.CsvFieldError` with ``.index``, ``.line`` = index + 1
    and ``.field``), or with ``skip_bad=True`` its row is skipped (a ``UserWarning`` says how
    many and the first; :meth:`Scorecard.build` lists them).

    >>> import pandas as pd
    >>> df = pd.DataFrame({"received": ["2026-03-02T09:30", "2026-03-02T10:00"],
    ...                    "time_limit": ["3wd", "3wd"], "agency": ["A", "B"],
    ...                    "resolved": ["2026-03-04T10:00", None],
    ...                    "digitised": [True, False]})
    >>> s = scorecard(df, by="agency", as_of="2026-03-31")
    >>> picked = s[s["indicator"].isin(["on_time_rate", "digitised_rate"])]
    >>> picked[["agency", "indicator", "value", "met", "status"]].fillna({"agency": "(total)"})
         agency       indicator  value   met     status
    0         A    on_time_rate    1.0  True        met
    5         A  digitised_rate    1.0  <NA>  no_target
    9         B    on_time_rate    NaN  <NA>    no_data
    14        B  digitised_rate    0.0  <NA>  no_target
    18  (total)    on_time_rate    1.0  True        met
    23  (total)  digitised_rate    0.5  <NA>  no_target
    """
    card = Scorecard.build(
        df,
        by=by,
        as_of=as_of,
        catalogue=catalogue,
        targets=targets,
        rules=rules,
        map=map,
        skip_bad=skip_bad,
        satisfaction_scale=satisfaction_scale,
        calendar=calendar,
        threads=threads,
        input_format=input_format,
    )
    rec.warn_skipped(card.skipped, "Scorecard.build")
    return card.frame
