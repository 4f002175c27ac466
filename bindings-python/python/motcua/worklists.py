"""The one-stop desk's worklist (*danh sách hồ sơ đến hạn*): every dossier open at an instant,
overdue, due today, due within a few working days or awaiting a supplement, with the last day
on which the apology with a new appointment can still be sent — the core's worklist
(``motcua worklist``), from the same frames of dossier records as :func:`motcua.report`
(pandas, polars, pyarrow) or from a CSV / JSON-lines file.

The rows, their statuses, their order (due instant, then id) and the apology day all come from
the core (``motcua::worklist``): the frame's columns cross as buffers, are read and classified
there with the GIL released, exactly as the report reads them.

The apology rule (Decree 61/2018 Art. 19; under Decree 118/2025 the form of Circular 03/2025
is an apology and request to extend): at least one working day before the due date, as the
provincial regulations are recalled — not verified against a published text, so the lead time
is ``apology_lead`` (default 1).

>>> import pandas as pd, motcua
>>> df = pd.DataFrame({
...     "id": ["A", "B", "C"],
...     "received": ["2026-04-22T09:00", "2026-04-24T09:00", "2026-04-24T09:00"],
...     "time_limit": ["3wd", "3wd", "2wd"]})
>>> w = motcua.worklist(df, as_of="2026-04-29T08:00")
>>> w[["id", "due", "working_days_left", "status", "apology_by"]]
  id        due  working_days_left     status apology_by
0  A 2026-04-28                 -1    overdue        NaT
1  C 2026-04-29                  0  due_today 2026-04-28
2  B 2026-05-04                  1   due_soon 2026-04-29
"""

from __future__ import annotations

import datetime as _dt
import html
import json
import os
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Optional, Union, overload

from . import _convert as cv
from . import _motcua
from . import _records as rec
from .calendar import Calendar
from .civil import InstantLike
from .deadline import RulesLike, _calendar, _catalogue, _rules
from .outcome import _as_of
from .procedure import Catalogue
from .reports import _skipped
from .stages import read_transfers

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

__all__ = ["Worklist", "worklist", "WORKLIST_COLUMNS", "STATUSES"]

_COLUMNS, _STATUSES = _motcua.worklist_columns()
#: The columns after ``id`` and the grouping columns, in order (the core's).
WORKLIST_COLUMNS: tuple[str, ...] = tuple(_COLUMNS)
#: The statuses, in the core's order.
STATUSES: tuple[str, ...] = tuple(_STATUSES)

_HEADINGS = {
    "id": ("Mã hồ sơ", "id"),
    "due": ("Hạn trả kết quả", "due"),
    "due_at": ("Hạn (giờ)", "due at"),
    "working_days_left": ("Số ngày làm việc còn lại", "working days left"),
    "status": ("Tình trạng", "status"),
    "apology_by": ("Hạn gửi phiếu xin lỗi", "apology by"),
    "stage_agency": ("Cơ quan đang giữ hồ sơ", "agency holding"),
    "stage_due": ("Hạn của bước", "stage due"),
    "stage_overdue": ("Bước quá hạn", "stage overdue"),
}
#: The holding stage's columns (an inter-agency dossier's; ``None`` for the others): the
#: notebook table shows them only when a row has a stage, as ``motcua worklist`` does.
_STAGE = ("stage_agency", "stage_due", "stage_overdue")
#: The statuses in Vietnamese, for the table shown in a notebook.
STATUS_VI = {
    "overdue": "Quá hạn",
    "due_today": "Đến hạn hôm nay",
    "due_soon": "Sắp đến hạn",
    "awaiting_supplement": "Chờ bổ sung",
    "on_track": "Trong hạn",
}

PathLike = Union[str, "os.PathLike[str]"]


class Worklist:
    """A worklist: :attr:`rows` (dicts with the keys of ``motcua worklist --format json``, plus
    ``row``: the record's position in the frame (0-based, as ``df.iloc[row]``, not the index
    label), or its line in a file; dates as
    ``datetime.date``, instants as ``datetime.datetime``) with what was read. ``to_pandas()``,
    ``to_polars()``; shown as a table in Vietnamese in a notebook."""

    def __init__(
        self,
        rows: list[dict[str, Any]],
        *,
        by: list[str],
        as_of: _dt.datetime,
        open: int,
        counted: int,
        left_out: int,
        skipped: list[dict[str, Any]],
        from_file: bool = False,
    ) -> None:
        #: Whether the records came from a file (``row`` is then a line, and
        #: :meth:`to_json` calls it ``line`` as the CLI does).
        self.from_file = from_file
        #: The rows, in order (due instant, then id).
        self.rows = rows
        #: The grouping columns.
        self.by = by
        #: The instant the list stands at.
        self.as_of = as_of
        #: Dossiers open at :attr:`as_of` (the on-track ones included, listed or not).
        self.open = open
        #: Records read (open or not).
        self.counted = counted
        #: Dossiers left out because they were received after :attr:`as_of`.
        self.left_out = left_out
        #: With ``skip_bad=True``: the rows skipped, as ``{"index", "label", "code", "message",
        #: "field", "value", "id", "line"}`` (``line``: a file's line, or a frame's row index + 1).
        self.skipped = skipped

    @classmethod
    def build(
        cls,
        source: Any,
        *,
        as_of: Optional[InstantLike] = None,
        within: int = 3,
        by: Union[str, Iterable[str], None] = None,
        all: bool = False,
        apology_lead: int = 1,
        calendar: Optional[Calendar] = None,
        catalogue: Optional[Catalogue] = None,
        rules: RulesLike = None,
        map: Optional[Mapping[str, Union[str, int]]] = None,
        skip_bad: bool = False,
        threads: int = 0,
        transfers: Any = None,
        input_format: Optional[str] = None,
    ) -> Worklist:
        """The worklist of a frame or a file of dossier records (see :func:`worklist`)."""
        source = rec.source(source, input_format)
        by_list = rec.by_list(by)
        # (Up to u32::MAX, as the CLI and JS take them; it was 2**31 - 1 here.)
        within = cv.count_arg(within, "within", 2**32 - 1)
        apology_lead = cv.count_arg(apology_lead, "apology_lead", 2**32 - 1)
        all, skip_bad = cv.strict_bool(all, "all"), cv.strict_bool(skip_bad, "skip_bad")
        threads = cv.count_arg(threads, "threads")
        w = _motcua.Worklist(_as_of(as_of), by_list, within, apology_lead, all)
        cal, rls, cat = _calendar(calendar), _rules(rules), _catalogue(catalogue)
        skipped: list[dict[str, Any]] = []
        joined = None
        if transfers is not None:
            joined, skipped = read_transfers(transfers, skip_bad=skip_bad)
        counted = left_out = 0
        mapped = rec.map_arg(map)
        rec.warn_near_misses(source, by_list, mapped, ends=False)
        unread = rec.Unread(by_list, mapped)
        with rec.labelled(source):
            for columns, first_row, rows in rec.parts(source, rec.wanted(by_list, mapped)):
                c, lo, bad = w.add(columns, cal, rls, cat, mapped, skip_bad, threads, first_row, joined)
                counted, left_out = counted + c, left_out + lo
                skipped.extend(_skipped(b, source) for b in bad)
                unread.check(source, first_row, rows, c + lo + len(bad))
        unread.warn()
        if joined is not None:
            skipped.extend(_skipped(b) for b in joined.unjoined(skip_bad))
        return cls(
            w.rows(),
            by=by_list,
            as_of=w.as_of,
            open=w.open,
            counted=counted,
            left_out=left_out,
            skipped=skipped,
            from_file=rec.is_path(source),
        )

    @property
    def columns(self) -> list[str]:
        """The column names, in order (without ``row``)."""
        return ["id", *self.by, *WORKLIST_COLUMNS]

    def to_json(self) -> str:
        """The rows as ``motcua worklist --format json`` prints them, ending with where the
        record was: ``line`` (its line in a file as an editor numbers it: a CSV's header is line 1) or ``row`` (its
        position in a frame), as the JS package's rows of CSV text or of objects."""
        def cell(v: Any) -> Any:
            if isinstance(v, _dt.datetime):
                return v.strftime("%Y-%m-%dT%H:%M") + (f":{v.second:02d}" if v.second else "")
            if isinstance(v, _dt.date):
                return v.isoformat()
            return v

        place = "line" if self.from_file else "row"
        return json.dumps(
            [{**{c: cell(r[c]) for c in self.columns}, place: r["row"]} for r in self.rows],
            ensure_ascii=False,
            separators=(",", ":"),
        )

    def to_pandas(self) -> Any:
        """The rows as a pandas DataFrame: ``due``, ``due_at``, ``apology_by`` and
        ``stage_due`` as ``datetime64`` (``NaT`` when absent), ``status`` categorical (the
        core's statuses, in order), ``working_days_left`` and ``row`` as ``int64``,
        ``stage_agency`` as ``string`` and ``stage_overdue`` as nullable ``boolean`` (``<NA>`` for a dossier
        without stages)."""
        import pandas as pd

        cols = [*self.columns, "row"]
        frame = pd.DataFrame(self.rows, columns=cols)
        for c in ("due", "due_at", "apology_by", "stage_due"):
            frame[c] = pd.to_datetime(frame[c])
        for c in ("working_days_left", "row"):
            frame[c] = frame[c].astype("int64")
        frame["status"] = pd.Categorical(frame["status"], categories=STATUSES)
        frame["stage_agency"] = frame["stage_agency"].astype("string")
        frame["stage_overdue"] = frame["stage_overdue"].astype("boolean")
        return frame

    def to_polars(self) -> Any:
        """The rows as a polars DataFrame: ``due``, ``apology_by`` and ``stage_due`` as
        ``Date``, ``due_at`` as ``Datetime``, ``status`` as an ``Enum`` of the core's
        statuses, ``stage_agency`` as ``String``, ``stage_overdue`` as ``Boolean`` (null for a
        dossier without stages)."""
        import polars as pl

        schema: dict[str, Any] = {"id": pl.String}
        schema.update({c: pl.String for c in self.by})
        types: dict[str, Any] = {
            "due": pl.Date,
            "due_at": pl.Datetime("us"),
            "working_days_left": pl.Int64,
            "status": pl.Enum(list(STATUSES)),
            "apology_by": pl.Date,
            "stage_agency": pl.String,
            "stage_due": pl.Date,
            "stage_overdue": pl.Boolean,
        }
        schema.update({c: types[c] for c in WORKLIST_COLUMNS})
        schema["row"] = pl.Int64
        return pl.DataFrame([{c: r.get(c) for c in schema} for r in self.rows], schema=schema)

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        return (
            f"<Worklist as of {self.as_of:%Y-%m-%d %H:%M}: {len(self.rows)} rows of {self.open} open "
            f"dossiers, {len(self.skipped)} skipped>"
        )

    def _repr_html_(self) -> str:
        """The desk's table: Vietnamese headings (English below) and statuses; the holding
        stage's columns only when a row has a stage."""
        staged = any(r.get("stage_agency") is not None for r in self.rows)
        cols = [c for c in self.columns if staged or c not in _STAGE]
        head = "".join(
            f"<th>{html.escape(_HEADINGS[c][0])}<br><small>{html.escape(_HEADINGS[c][1])}</small></th>"
            if c in _HEADINGS
            else f"<th>{html.escape(c)}</th>"
            for c in cols
        )
        body = []
        for r in self.rows:
            cells = []
            for c in cols:
                v = r.get(c)
                if c == "status":
                    text = STATUS_VI.get(str(v), v)
                elif c == "stage_overdue":
                    text = {True: STATUS_VI["overdue"], False: "", None: "–"}[v]
                else:
                    text = "–" if v is None else v
                cells.append(f"<td>{html.escape(str(text))}</td>")
            body.append(f'<tr class="{r["status"]}">' + "".join(cells) + "</tr>")
        caption = f"Danh sách hồ sơ đến hạn — as of {self.as_of:%Y-%m-%d %H:%M}; {len(self.rows)} / {self.open} open"
        return (
            f'<table class="motcua-worklist"><caption>{html.escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        )


@overload
def worklist(
    source: "pd.DataFrame",
    *,
    as_of: Optional[InstantLike] = None,
    within: int = 3,
    by: Union[str, Iterable[str], None] = None,
    all: bool = False,
    apology_lead: int = 1,
    calendar: Optional[Calendar] = None,
    catalogue: Optional[Catalogue] = None,
    rules: RulesLike = None,
    map: Optional[Mapping[str, Union[str, int]]] = None,
    skip_bad: bool = False,
    threads: int = 0,
    transfers: Any = None,
    input_format: Optional[str] = None,
) -> "pd.DataFrame": ...
@overload
def worklist(
    source: "Union[pl.DataFrame, pl.LazyFrame]",
    *,
    as_of: Optional[InstantLike] = None,
    within: int = 3,
    by: Union[str, Iterable[str], None] = None,
    all: bool = False,
    apology_lead: int = 1,
    calendar: Optional[Calendar] = None,
    catalogue: Optional[Catalogue] = None,
    rules: RulesLike = None,
    map: Optional[Mapping[str, Union[str, int]]] = None,
    skip_bad: bool = False,
    threads: int = 0,
    transfers: Any = None,
    input_format: Optional[str] = None,
) -> "pl.DataFrame": ...
@overload
def worklist(
    source: Any,
    *,
    as_of: Optional[InstantLike] = None,
    within: int = 3,
    by: Union[str, Iterable[str], None] = None,
    all: bool = False,
    apology_lead: int = 1,
    calendar: Optional[Calendar] = None,
    catalogue: Optional[Catalogue] = None,
    rules: RulesLike = None,
    map: Optional[Mapping[str, Union[str, int]]] = None,
    skip_bad: bool = False,
    threads: int = 0,
    transfers: Any = None,
    input_format: Optional[str] = None,
) -> Any: ...


def worklist(
    source: Any,
    *,
    as_of: Optional[InstantLike] = None,
    within: int = 3,
    by: Union[str, Iterable[str], None] = None,
    all: bool = False,
    apology_lead: int = 1,
    calendar: Optional[Calendar] = None,
    catalogue: Optional[Catalogue] = None,
    rules: RulesLike = None,
    map: Optional[Mapping[str, Union[str, int]]] = None,
    skip_bad: bool = False,
    threads: int = 0,
    transfers: Any = None,
    input_format: Optional[str] = None,
) -> Any:
    """The open dossiers of a frame (pandas, polars DataFrame or LazyFrame, pyarrow) or a CSV
    / JSON-lines file (``.jsonl``; ``input_format="jsonl"`` or ``"csv"`` whatever its name,
    as :func:`motcua.report`) of dossier records, as a DataFrame of the same kind (pandas
    → pandas, polars → polars; pyarrow, a mapping of columns or a file → pandas).

    The records are read as :func:`motcua.report` reads them (the same columns, ``map``,
    ``calendar``, ``catalogue``, ``rules``, ``skip_bad``: a ``UserWarning`` says how many rows
    were skipped and the first; :meth:`Worklist.build` lists them). A dossier is listed when it was
    received by ``as_of`` (a date alone: the end of that day; ``None``: now) and is open then.
    Columns: ``id``, the ``by`` columns, ``due``, ``due_at``, ``working_days_left`` (working
    days ``d`` with ``as_of``'s day < ``d`` ≤ ``due``; negative once a working day has passed
    since the due date, 0 on the days off right after it when the dossier is already
    ``overdue``), ``status``,
    ``apology_by``, ``stage_agency``, ``stage_due``, ``stage_overdue``, and ``row`` (the record's
    position in the frame, 0-based: ``df.iloc[row]``, not ``df.loc``; or its line in a file).

    ``status``: ``overdue`` and ``awaiting_supplement`` as the report classifies them; else
    ``due_today`` (0 working days left), ``due_soon`` (1..``within``), ``on_track`` (listed
    only with ``all=True``). ``apology_by``: the ``apology_lead``-th working day before the due
    date (default 1, see the module's note on the rule), never before the deemed receipt day
    (a same-day limit: that day); absent when overdue or already given
    a new appointment (``new_due``); awaiting a supplement, from the due date as it stood when
    the request stopped the clock. Ordered by due instant, then id.

    For an inter-agency dossier (*liên thông*: stages from its catalogue procedure or its own
    ``stages`` column), the stage holding the file at ``as_of``: ``stage_agency`` (the agency
    holding it), ``stage_due`` (its stage's due date, each stage counted from the day it received the
    file) and ``stage_overdue``; ``None`` for a dossier without stages. ``transfers``: the
    transfers between agencies (columns ``id``, ``at``, ``to``: the dossier ``id`` reached the
    agency ``to`` at ``at``), a frame or a CSV / JSON-lines file, joined to the records by id
    in the core as :func:`motcua.report` joins them (``motcua worklist --transfers FILE``).
    Without ``transfers`` the files' moves are not known: each inter-agency file is taken to be
    still at its first stage's agency.
    """
    w = Worklist.build(
        source,
        as_of=as_of,
        within=within,
        by=by,
        all=all,
        apology_lead=apology_lead,
        calendar=calendar,
        catalogue=catalogue,
        rules=rules,
        map=map,
        skip_bad=skip_bad,
        threads=threads,
        transfers=transfers,
        input_format=input_format,
    )
    rec.warn_skipped(w.skipped, "Worklist.build")
    if rec.is_path(source):
        return w.to_pandas() if rec.path_output() == "pandas" else w.rows
    if rec.frame_kind(source) == "polars":
        return w.to_polars()
    if cv._module("pandas") is None:
        return w.rows
    return w.to_pandas()
