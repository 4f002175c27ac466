"""Classification of a dossier as of an instant: ``early`` / ``on_time`` / ``late`` for resolved
dossiers; ``pending_within`` / ``overdue`` / ``awaiting_supplement`` for open ones; ``refused``;
``withdrawn``. The due date comes from :mod:`motcua.deadline`, computed on the events up to the
as-of instant; events after it are ignored.

>>> import motcua
>>> d = {"received": "2026-03-02T09:30", "time_limit": {"working_days": 3},
...      "events": [{"type": "resolved", "at": "2026-03-06T08:00"}]}
>>> c = motcua.classify(d, "2026-03-10")
>>> c.outcome, c.working_days_late
('late', 1)
>>> motcua.classify(d, "2026-03-05T12:00").outcome  # the result is not known yet
'pending_within'
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from typing import Any, Mapping, Optional, Sequence, Union, overload

from . import _convert as cv
from . import _motcua
from .calendar import Calendar
from .civil import InstantLike
from .deadline import (
    Due,
    RulesLike,
    _answer_frame,
    _calendar,
    _catalogue,
    _coerce,
    _due_fields,
    _frame_answers,
    _is_frame,
    _rules,
    _to_json,
)
from .dossier import Dossier, DossierLike
from .procedure import Catalogue

__all__ = ["OUTCOMES", "Classified", "classify"]

#: Every outcome, in report order.
OUTCOMES = (
    "early",
    "on_time",
    "late",
    "pending_within",
    "overdue",
    "awaiting_supplement",
    "refused",
    "withdrawn",
)


@dataclass(frozen=True)
class Classified(Due):
    """A :class:`~motcua.deadline.Due` with the dossier's outcome as of an instant."""

    #: One of :data:`OUTCOMES`.
    outcome: str = ""
    #: Working days from the due date to the result (or to the as-of day while open);
    #: negative when early.
    working_days_late: int = 0

    @classmethod
    def _from_json(cls, obj: Mapping[str, Any]) -> Classified:
        return cls(
            **_due_fields(obj),
            outcome=obj["outcome"],
            working_days_late=int(obj["working_days_late"]),
        )

    def to_json(self) -> dict[str, Any]:
        """The CLI's ``classify`` answer (JSON values)."""
        return _to_json(self)


def _as_of(as_of: Optional[InstantLike]) -> _dt.datetime:
    """The as-of instant, one definition for every package (the core's): ``None`` is now in
    Vietnam (UTC+7, never the machine's zone); a date alone (``datetime.date``, ``YYYY-MM-DD``,
    ``datetime64[D]``) is the end of that day; an instant keeps its time of day, converted to
    UTC+7 when it carries a time zone or an offset (a zoned ``datetime`` or ``Timestamp``,
    ``...T09:30+00:00``)."""
    t: _dt.datetime = _motcua.as_of(as_of)
    return t


def _kept_names(like: Any, keep: Union[bool, Sequence[str]]) -> Optional[list[str]]:
    """The columns of ``like`` that ``keep`` names (all with ``True``; ``None`` with
    ``False``), checked before the frame is read: a bad ``keep`` is its error, not that of a
    bad row read first."""
    from . import _records as rec
    from .error import InvalidArgumentError, _raise

    if keep is False:
        return None
    kind = rec.frame_kind(like)
    pa = cv._module("pyarrow")
    if kind == "arrow" and isinstance(like, pa.RecordBatchReader):
        raise _raise(InvalidArgumentError, "keep needs a frame that can be read twice, not a RecordBatchReader")
    pl = cv._module("polars")
    if kind == "polars":
        names = list(like.collect_schema().names() if isinstance(like, pl.LazyFrame) else like.columns)
    elif kind == "arrow":
        names = list(like.schema.names)
    else:
        names = [str(c) for c in like.columns] if kind == "pandas" else list(like)
    if keep is True:
        cols = names
    elif isinstance(keep, str) or not isinstance(keep, Sequence):
        raise _raise(InvalidArgumentError, f"keep must be True, False or a list of column names, got {keep!r}")
    else:
        cols = list(keep)
        unknown = [c for c in cols if c not in names]
        if unknown:
            raise _raise(InvalidArgumentError, f"keep: no column {unknown[0]!r} in the frame (columns: {', '.join(names)})")
    return cols


def _keep_columns(like: Any, answers: Any, cols: Optional[list[str]]) -> Any:
    """``answers`` after the columns ``cols`` of ``like`` (:func:`_kept_names`), in the frame
    type of ``answers``. A kept column named like a result column is an error."""
    from . import _records as rec
    from .error import InvalidArgumentError, _raise

    if cols is None:
        return answers
    kind = rec.frame_kind(like)
    pl = cv._module("polars")
    result_names = list(answers.column_names if kind == "arrow" else answers.columns)
    clash = [c for c in cols if c in result_names]
    if clash:
        raise _raise(
            InvalidArgumentError,
            f"keep: the frame's column {clash[0]!r} has the name of a result column; keep a list without it",
        )
    if kind == "polars":
        kept = like.select(cols)
        if isinstance(kept, pl.LazyFrame):
            kept = kept.collect()
        return pl.concat([kept, answers], how="horizontal")
    if kind == "arrow":
        kept = like.select(cols)
        for name in result_names:
            kept = kept.append_column(name, answers.column(name))
        return kept
    if kind == "pandas":
        pd = cv._module("pandas")
        return pd.concat([like[cols], answers], axis=1)
    pd = cv._module("pandas")
    return pd.concat([pd.DataFrame({c: like[c] for c in cols}), answers], axis=1)


@overload
def classify(
    dossier: DossierLike,
    as_of: Optional[InstantLike] = None,
    calendar: Optional[Calendar] = None,
    *,
    rules: RulesLike = None,
    catalogue: Optional[Catalogue] = None,
    explain: bool = False,
    lang: str = "vi",
) -> Classified: ...
@overload
def classify(
    dossier: Any,
    as_of: Optional[InstantLike] = None,
    calendar: Optional[Calendar] = None,
    *,
    rules: RulesLike = None,
    catalogue: Optional[Catalogue] = None,
    explain: bool = False,
    lang: str = "vi",
    map: Optional[Mapping[str, Union[str, int]]] = None,
    errors: str = "raise",
    keep: Union[bool, Sequence[str]] = False,
) -> Any: ...


def classify(
    dossier: Any,
    as_of: Optional[InstantLike] = None,
    calendar: Optional[Calendar] = None,
    *,
    rules: RulesLike = None,
    catalogue: Optional[Catalogue] = None,
    explain: bool = False,
    lang: str = "vi",
    map: Optional[Mapping[str, Union[str, int]]] = None,
    errors: str = "raise",
    keep: Union[bool, Sequence[str]] = False,
) -> Any:
    """The outcome of a dossier as of ``as_of`` (a date alone: the end of that day; ``None``:
    now), with its due date.

    ``dossier`` is a :class:`Dossier`, a dict or a JSON line (answer: :class:`Classified`),
    or a pandas / polars DataFrame of dossier records (answer: a DataFrame of the same kind
    with the columns of :func:`~motcua.due` plus ``outcome``, ``working_days_late`` and
    ``left_out``; with ``keep=True`` the input's columns first, or with ``keep=[...]`` those
    columns, in the same frame type); see :func:`~motcua.due` for ``calendar``, ``rules``, ``catalogue``, ``map``,
    ``errors``, ``explain`` and ``lang`` (the explanation ends with the outcome's step; for a
    DataFrame, ``explain=True`` adds the text column ``explain``). A dossier received after
    ``as_of`` is left out, as the report leaves it out: its row stays in place, with no answers
    and ``left_out`` true (not an error); so does a row with no value in any column read (a
    spreadsheet's empty row), which is not a dossier.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"received": pd.to_datetime(["2026-03-03 10:00", "2026-03-03 10:00"]),
    ...                    "time_limit": ["5wd", "5wd"],
    ...                    "resolved": pd.to_datetime(["2026-03-11 09:00", None])})
    >>> classify(df, "2026-03-12")[["due", "outcome", "working_days_late"]]
             due  outcome  working_days_late
    0 2026-03-10     late                  1
    1 2026-03-10  overdue                  2
    >>> print(classify(df, "2026-03-12", explain=True, lang="en")["explain"][0].splitlines()[-1])
    Resolved on Wed 11 Mar 2026, after the due date Tue 10 Mar 2026: late, 1 working day after it (Civil Code 2015, Art. 148).
    """
    explain = cv.strict_bool(explain, "explain")
    lang = cv.check_lang(lang)
    coerce = _coerce(errors)  # (checked for one dossier too: `errors="ignore"` passed unsaid)
    cal = _calendar(calendar)
    t = _as_of(as_of)
    if _is_frame(dossier):
        kept = _kept_names(dossier, keep)
        cols = _frame_answers(
            dossier,
            map,
            lambda columns, first_row, mapped: _motcua.classify_records(
                columns, cal, t, _rules(rules), _catalogue(catalogue), mapped, coerce, 0, first_row,
                explain, lang,
            ),
        )
        return _keep_columns(dossier, _answer_frame(dossier, cols, errors), kept)
    d = Dossier(dossier)
    text = _motcua.classify_json(
        d.native, cal, t, _rules(rules), _catalogue(catalogue), explain, lang
    )
    return Classified._from_json(json.loads(text))
