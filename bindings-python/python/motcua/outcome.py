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
from typing import Any, Mapping, Optional, overload

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
    map: Optional[Mapping[str, str]] = None,
    errors: str = "raise",
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
    map: Optional[Mapping[str, str]] = None,
    errors: str = "raise",
) -> Any:
    """The outcome of a dossier as of ``as_of`` (a date alone: the end of that day; ``None``:
    now), with its due date.

    ``dossier`` is a :class:`Dossier`, a dict or a JSON line (answer: :class:`Classified`),
    or a pandas / polars DataFrame of dossier records (answer: a DataFrame of the same kind
    with the columns of :func:`~motcua.due` plus ``outcome``, ``working_days_late`` and
    ``left_out``); see :func:`~motcua.due` for ``calendar``, ``rules``, ``catalogue``, ``map``,
    ``errors``, ``explain`` and ``lang`` (the explanation ends with the outcome's step; for a
    DataFrame, ``explain=True`` adds the text column ``explain``). A dossier received after
    ``as_of`` is left out, as the report leaves it out: its row stays in place, with no answers
    and ``left_out`` true (not an error).

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
    cal = _calendar(calendar)
    t = _as_of(as_of)
    if _is_frame(dossier):
        cols = _frame_answers(
            dossier,
            map,
            lambda columns, first_row: _motcua.classify_records(
                columns, cal, t, _rules(rules), _catalogue(catalogue), dict(map or {}), _coerce(errors), 0, first_row,
                explain, lang,
            ),
        )
        return _answer_frame(dossier, cols, errors)
    d = Dossier(dossier)
    text = _motcua.classify_json(
        d.native, cal, t, _rules(rules), _catalogue(catalogue), explain, lang
    )
    return Classified._from_json(json.loads(text))
