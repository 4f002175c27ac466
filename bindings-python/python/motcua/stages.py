"""The per-agency stage table of inter-agency (*liên thông*) dossiers — the core's
(``motcua report --stages``): for each agency, the stages it received, completed (early / on
time / late) and is holding as of an instant (within / overdue / awaiting a supplement).

A dossier's stages are its catalogue procedure's (``stages`` in a JSON catalogue, or a CSV
catalogue's ``stages`` column of the same JSON text) or its own (a ``stages`` column holding
each dossier's stages as JSON text); a frame of transfers (``id``, ``at``, ``to``: the dossier
``id`` reached the agency ``to`` at ``at``) is joined to the records by id in the core. Both
frames cross as buffers (Arrow, numpy); nothing is computed per row in Python.

>>> import pandas as pd, motcua
>>> cat = motcua.Catalogue.from_json('''[{"code":"DD","name":"land","field":"Đất đai",
...   "level":"commune","time_limit":"5wd","online":"none",
...   "stages":[{"agency":"Land office","time_limit":"3wd"},{"agency":"Tax office","time_limit":"2wd"}]}]''')
>>> dossiers = pd.DataFrame({"id": ["A", "B"], "procedure": ["DD", "DD"],
...     "received": ["2026-03-02T09:30", "2026-03-02T09:30"], "resolved": ["2026-03-09T10:00", None]})
>>> transfers = pd.DataFrame({"id": ["A"], "at": ["2026-03-06T10:00"], "to": ["Tax office"]})
>>> t = motcua.report(dossiers, catalogue=cat, transfers=transfers, stages=True, as_of="2026-03-31")
>>> t[["agency", "received", "early", "late", "overdue"]].fillna({"agency": "(total)"})
        agency  received  early  late  overdue
0  Land office         2      0     1        1
1   Tax office         1      1     0        0
2      (total)         3      1     1        1
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from typing import Any, Mapping, Optional, Union

from . import _convert as cv
from . import _motcua
from . import _records as rec
from ._motcua import StageTable, Transfers
from .calendar import Calendar
from .civil import InstantLike
from .deadline import RulesLike, _calendar, _catalogue, _rules
from .outcome import _as_of
from .procedure import Catalogue

__all__ = ["StageReport", "STAGE_COLUMNS", "STAGE_RATE_COLUMNS", "TRANSFER_COLUMNS", "read_transfers"]

_COUNTS, _RATES, _TRANSFERS = _motcua.stage_columns()
#: The stage table's count columns, in order (the core's).
STAGE_COLUMNS: tuple[str, ...] = tuple(_COUNTS)
#: The stage table's rate columns: ``on_time_rate`` = (early + on_time) / completed.
STAGE_RATE_COLUMNS: tuple[str, ...] = tuple(_RATES)
#: The columns of a transfers frame (the core's).
TRANSFER_COLUMNS: tuple[str, ...] = tuple(_TRANSFERS)


def read_transfers(frame: Any, *, skip_bad: bool = False) -> tuple[Transfers, list[dict[str, Any]]]:
    """A frame of transfers (columns ``id``, ``at``, ``to``; others ignored), or a CSV /
    JSON-lines file (``.jsonl``, ``.ndjson``) of them as ``motcua report --transfers FILE``
    reads it, read by the core: the transfers and, with ``skip_bad``, the bad rows skipped
    (else the first one raises)."""
    from .reports import _skipped

    if rec.is_path(frame):
        path = os.fspath(frame)
        joined, bad = Transfers.read_file(path, skip_bad, _motcua.is_json_lines(path))
        return joined, [_skipped(b) for b in bad]
    t = Transfers()
    skipped: list[dict[str, Any]] = []
    for columns, first_row, _ in rec.chunks(frame, set(TRANSFER_COLUMNS)):
        skipped.extend(_skipped(b) for b in t.add(columns, skip_bad, first_row))
    return t, skipped


class StageReport:
    """The per-agency stage table: :attr:`rows` (one per agency in order of its name, then a
    totals row whose ``agency`` is ``None``), with what was counted."""

    def __init__(self, table: StageTable, skipped: list[dict[str, Any]]) -> None:
        #: The rows, with exactly the keys of ``motcua report --stages --format json``.
        self.rows: list[dict[str, Any]] = json.loads(table.rows_json())
        #: The instant the table stands at.
        self.as_of: _dt.datetime = table.as_of
        #: Dossiers counted (with stages or not).
        self.counted: int = table.counted
        #: Dossiers counted that have stages.
        self.inter_agency: int = table.inter_agency
        #: Dossiers left out because they were received after :attr:`as_of`.
        self.left_out: int = table.left_out
        #: With ``skip_bad=True``: the dossier rows and transfers skipped.
        self.skipped = skipped

    @classmethod
    def build(
        cls,
        df: Any,
        *,
        transfers: Any = None,
        as_of: Optional[InstantLike] = None,
        calendar: Optional[Calendar] = None,
        catalogue: Optional[Catalogue] = None,
        rules: RulesLike = None,
        map: Optional[Mapping[str, Union[str, int]]] = None,
        skip_bad: bool = False,
        threads: int = 0,
        input_format: Optional[str] = None,
    ) -> StageReport:
        """The stage table of a frame of dossier records, with a frame of transfers joined by
        id (see :func:`motcua.report` with ``stages=True``). Without ``transfers`` the files'
        moves are not known: each inter-agency file is counted at its first stage's agency.
        ``df`` may be a file's path, read with ``input_format`` as :func:`motcua.report`
        reads one."""
        from .reports import _skipped

        df = rec.source(df, input_format)
        skip_bad, threads = cv.strict_bool(skip_bad, "skip_bad"), cv.count_arg(threads, "threads")
        skipped: list[dict[str, Any]] = []
        joined = None
        if transfers is not None:
            joined, skipped = read_transfers(transfers, skip_bad=skip_bad)
        table = StageTable(_as_of(as_of))
        cal, rls, cat = _calendar(calendar), _rules(rules), _catalogue(catalogue)
        mapped = rec.map_arg(map)
        rec.warn_near_misses(df, [], mapped)
        # (Rows of a pandas frame named by their index labels too, as the report's are.)
        unread = rec.Unread([], mapped)
        with rec.labelled(df):
            for columns, first_row, rows in rec.parts(df, rec.wanted([], mapped)):
                counted, left_out, bad = table.add(
                    columns, cal, rls, cat, mapped, skip_bad, threads, first_row, joined
                )
                skipped.extend(_skipped(b, df) for b in bad)
                unread.check(df, first_row, rows, counted + left_out + len(bad))
        unread.warn()
        if joined is not None:
            skipped.extend(_skipped(b) for b in joined.unjoined(skip_bad))
        return cls(table, skipped)

    @property
    def columns(self) -> list[str]:
        """The column names, in order."""
        return ["agency", *STAGE_COLUMNS, *STAGE_RATE_COLUMNS]

    def to_pandas(self) -> Any:
        """The rows as a pandas DataFrame."""
        import pandas as pd

        frame = pd.DataFrame(self.rows, columns=self.columns)
        for c in STAGE_RATE_COLUMNS:
            frame[c] = frame[c].astype("float64")
        return frame

    def to_polars(self) -> Any:
        """The rows as a polars DataFrame."""
        import polars as pl

        schema: dict[str, Any] = {"agency": pl.String}
        schema.update({c: pl.Int64 for c in STAGE_COLUMNS})
        schema.update({c: pl.Float64 for c in STAGE_RATE_COLUMNS})
        return pl.DataFrame([{c: r.get(c) for c in schema} for r in self.rows], schema=schema)

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        return (
            f"<StageReport as of {self.as_of:%Y-%m-%d %H:%M}: {len(self.rows) - 1} agencies, "
            f"{self.inter_agency} inter-agency dossiers of {self.counted}, {len(self.skipped)} skipped>"
        )
