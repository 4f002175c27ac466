"""The counting rules: when the clock starts (the deemed receipt day), how each kind of time
limit is counted, supplement pauses, apologies and extensions, the rule set in force, and the
:class:`Rules` switches that reproduce other systems' numbers. :func:`due` gives the due date
of one dossier, or of every row of a DataFrame of dossier records (the columns of
``motcua report``).

>>> import motcua
>>> cal = motcua.Calendar.vietnam()
>>> d = motcua.due({"received": "2026-03-03T10:00", "time_limit": {"working_days": 5}}, cal)
>>> d.due, d.rule_set
(datetime.date(2026, 3, 10), 'nd118')
>>> motcua.Rules(supplement="restart")
Rules(supplement=restart counting=days compare=date apology=moves_due multi_supplement=allowed deemed_receipt=next_working_day_after_hours)
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Optional, Union, overload

import numpy as np

from . import _convert as cv
from . import _motcua
from . import _records as rec
from .calendar import Calendar
from .civil import InstantLike
from .dossier import Dossier, DossierLike
from .error import ArgumentTypeError, _raise
from .procedure import Catalogue

__all__ = ["Rules", "RulesLike", "Due", "StageDue", "due"]


class Rules:
    """The rule switches, each one option so that analysts can
    reproduce other systems' numbers; the default is the law.

    ``Rules(supplement="restart", counting="hours")``, or from ``"KEY=VALUE"`` strings (the
    CLI's ``--rule``): ``Rules.parse(["supplement=restart"])``. Options and values:
    :meth:`options`.
    """

    __slots__ = ("_native",)

    def __init__(self, **options: str) -> None:
        self._native = _motcua.Rules([(k, str(v)) for k, v in options.items()])

    @classmethod
    def parse(cls, pairs: Iterable[str]) -> Rules:
        """Rules from ``KEY=VALUE`` strings."""
        if isinstance(pairs, str):
            pairs = [pairs]
        # (`rules=3` raised a bare TypeError, `[3]` an AttributeError)
        if not isinstance(pairs, Iterable):
            raise _raise(
                ArgumentTypeError,
                f"`rules` must be Rules, a mapping or KEY=VALUE strings, not {type(pairs).__name__} {pairs!r:.40}",
            )
        kv: list[tuple[str, str]] = []
        for p in pairs:
            if not isinstance(p, str):
                raise _raise(ArgumentTypeError, f"a rule must be a KEY=VALUE string, not {type(p).__name__} {p!r:.40}")
            k, sep, v = p.partition("=")
            kv.append((k, v) if sep else (p, ""))
        r = cls.__new__(cls)
        r._native = _motcua.Rules(kv)
        return r

    @staticmethod
    def options() -> dict[str, list[str]]:
        """Every option and its values (the default first)."""
        return dict(_motcua.Rules.options())

    @property
    def native(self) -> _motcua.Rules:
        """The native rules."""
        return self._native

    def to_dict(self) -> dict[str, str]:
        """Every option's value."""
        return dict(self._native.items())

    def __repr__(self) -> str:
        return f"Rules({self._native})"

    def __str__(self) -> str:
        return str(self._native)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Rules) and self._native == other._native

    def __hash__(self) -> int:
        return hash(self._native)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickles as its ``KEY=VALUE`` pairs (for Spark / Dask workers).

        >>> import pickle
        >>> pickle.loads(pickle.dumps(Rules(supplement="restart"))) == Rules(supplement="restart")
        True
        """
        return (_rules_from_pairs, (tuple(f"{k}={v}" for k, v in self._native.items()),))


def _rules_from_pairs(pairs: tuple[str, ...]) -> Rules:
    """Unpickling :class:`Rules`."""
    return Rules.parse(list(pairs))


#: What the functions take as rules: :class:`Rules`, a mapping, ``KEY=VALUE`` strings, or
#: ``None`` (the law).
RulesLike = Union[Rules, Mapping[str, str], Iterable[str], None]


def _rules(rules: RulesLike) -> Optional[_motcua.Rules]:
    if rules is None:
        return None
    if isinstance(rules, Rules):
        return rules.native
    if isinstance(rules, Mapping):
        return Rules(**{str(k): str(v) for k, v in rules.items()}).native
    return Rules.parse(rules).native


def _calendar(calendar: Optional[Calendar]) -> _motcua.WorkCalendar:
    if calendar is None:
        return Calendar.vietnam().native
    if not isinstance(calendar, Calendar):
        raise _raise(
            ArgumentTypeError,
            f"`calendar` must be a motcua.Calendar (Calendar.vietnam(), Calendar.from_file(path)), "
            f"not {type(calendar).__name__} {calendar!r:.40}"
        )
    return calendar.native


def _catalogue(catalogue: Optional[Catalogue]) -> Optional[_motcua.Catalogue]:
    if catalogue is None:
        return None
    if not isinstance(catalogue, Catalogue):
        raise _raise(
            ArgumentTypeError,
            f"`catalogue` must be a motcua.Catalogue (Catalogue.from_file(path) reads a JSON or CSV "
            f"file), not {type(catalogue).__name__} {catalogue!r:.40}"
        )
    return catalogue.native


def _date(s: Optional[str]) -> Optional[_dt.date]:
    return None if s is None else _dt.date.fromisoformat(s)


def _instant(s: Optional[str]) -> Optional[_dt.datetime]:
    return None if s is None else _dt.datetime.fromisoformat(s)


def _instant_text(v: _dt.datetime) -> str:
    return v.strftime("%Y-%m-%dT%H:%M" if v.second == 0 else "%Y-%m-%dT%H:%M:%S")


@dataclass(frozen=True)
class StageDue:
    """One stage of an inter-agency (*liên thông*) dossier that the file reached: its agency,
    when it received the file, its own due date (counted by the same rules from its deemed
    receipt day; a supplement request pauses it), when it ended and how it went
    (Decree 61/2018/NĐ-CP, Art. 19(5)–(7) [U])."""

    #: The agency in charge of the stage.
    agency: str
    #: When the stage received the file (the receipt, or the ``transferred`` event).
    received: _dt.datetime
    #: The stage's deemed receipt day (after closing time or on a day off: the next working day).
    deemed_receipt: _dt.date
    #: The stage's due date.
    due: _dt.date
    #: The stage's due instant.
    due_at: _dt.datetime
    #: When the stage ended (the next transfer or the result); ``None`` while it holds the file.
    completed: Optional[_dt.datetime]
    #: ``early``, ``on_time`` or ``late`` (ended); ``pending_within``, ``overdue`` or
    #: ``awaiting_supplement`` (holding the file, as of the as-of instant); ``None`` when holding
    #: the file and no as-of instant was given.
    outcome: Optional[str]
    #: Working days from the stage's due date to its end (or as-of) day; ``None`` with
    #: ``outcome``.
    working_days_late: Optional[int]

    @property
    def is_late(self) -> bool:
        """Whether the stage is late (completed after its own due date, or overdue while holding
        the file), whatever the dossier's class."""
        return self.outcome in ("late", "overdue")

    @classmethod
    def _from_json(cls, obj: Mapping[str, Any]) -> StageDue:
        return cls(
            agency=obj["agency"],
            received=_dt.datetime.fromisoformat(obj["received"]),
            deemed_receipt=_dt.date.fromisoformat(obj["deemed_receipt"]),
            due=_dt.date.fromisoformat(obj["due"]),
            due_at=_dt.datetime.fromisoformat(obj["due_at"]),
            completed=_instant(obj.get("completed")),
            outcome=obj.get("outcome"),
            working_days_late=obj.get("working_days_late"),
        )

    def to_json(self) -> dict[str, Any]:
        """The stage as the CLI prints it (JSON values)."""
        return {
            "agency": self.agency,
            "received": _instant_text(self.received),
            "deemed_receipt": self.deemed_receipt.isoformat(),
            "due": self.due.isoformat(),
            "due_at": _instant_text(self.due_at),
            "completed": None if self.completed is None else _instant_text(self.completed),
            "outcome": self.outcome,
            "working_days_late": self.working_days_late,
        }


@dataclass(frozen=True)
class Due:
    """The due date of a dossier (the appointment) and how it was obtained."""

    #: The due date.
    due: _dt.date
    #: The due instant: the expiry of an hour count, else the closing time of the due date.
    due_at: _dt.datetime
    #: The rule set in force: ``pre2018``, ``nd61`` or ``nd118``.
    rule_set: str
    #: The deemed receipt day (day 0 of the count).
    deemed_receipt: _dt.date
    #: While a supplement request is open: when it was made (the clock is stopped).
    awaiting_supplement_since: Optional[_dt.datetime] = None
    #: Odd but accepted things: ``{"code", "message"}`` records.
    warnings: list[dict[str, str]] = field(default_factory=list)
    #: The stages of an inter-agency dossier that the file reached, in order (empty without
    #: stages); the dossier's own due date and outcome use the total limit.
    stages: list[StageDue] = field(default_factory=list)
    #: The agencies whose stage was late or is overdue, each once, in stage order.
    late_agencies: list[str] = field(default_factory=list)
    #: The explanation, when asked for: one record per step of the count, with its ``kind``
    #: (``received``, ``day_off``, ``counted``, ``supplement_requested``, ...), its ``date``, its
    #: own fields (counts such as ``{"working_days": 3}``, dates, the ``day_class`` of a day
    #: off), its legal ``basis`` (``{"document", "article" | "form", "status"}``) and its
    #: ``text`` in the language asked for.
    explain: list[dict[str, Any]] = field(default_factory=list)

    @property
    def explanation(self) -> str:
        """The explanation's texts, one step a line (empty unless asked for)."""
        return "\n".join(str(step["text"]) for step in self.explain)

    @classmethod
    def _from_json(cls, obj: Mapping[str, Any]) -> Due:
        return cls(**_due_fields(obj))

    def to_json(self) -> dict[str, Any]:
        """The CLI's ``due`` answer (JSON values)."""
        return _to_json(self)


def _due_fields(obj: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "due": _dt.date.fromisoformat(obj["due"]),
        "due_at": _dt.datetime.fromisoformat(obj["due_at"]),
        "rule_set": obj["rule_set"],
        "deemed_receipt": _dt.date.fromisoformat(obj["deemed_receipt"]),
        "awaiting_supplement_since": _instant(obj.get("awaiting_supplement_since")),
        "warnings": list(obj.get("warnings", [])),
        "stages": [StageDue._from_json(s) for s in obj.get("stages", [])],
        "late_agencies": list(obj.get("late_agencies", [])),
        "explain": list(obj.get("explain", [])),
    }


def _to_json(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in obj.__dict__.items():
        if k == "awaiting_supplement_since" and v is None:
            continue
        if k in ("explain", "stages") and not v:
            continue
        if k == "late_agencies" and not obj.stages:
            continue
        if k == "stages":
            v = [s.to_json() for s in v]
        elif isinstance(v, _dt.datetime):
            v = _instant_text(v)
        elif isinstance(v, _dt.date):
            v = v.isoformat()
        out[k] = v
    return out


def _is_frame(x: Any) -> bool:
    """A pandas or polars DataFrame, or a pyarrow Table / RecordBatch (a mapping is one
    dossier)."""
    if isinstance(x, (Mapping, str, Dossier)):
        return False
    try:
        return rec.frame_kind(x) in ("pandas", "polars", "arrow")
    except Exception:
        return False


@overload
def due(
    dossier: DossierLike,
    calendar: Optional[Calendar] = None,
    *,
    rules: RulesLike = None,
    catalogue: Optional[Catalogue] = None,
    as_of: Optional[InstantLike] = None,
    explain: bool = False,
    lang: str = "vi",
) -> Due: ...
@overload
def due(
    dossier: Any,
    calendar: Optional[Calendar] = None,
    *,
    rules: RulesLike = None,
    catalogue: Optional[Catalogue] = None,
    as_of: Optional[InstantLike] = None,
    explain: bool = False,
    lang: str = "vi",
    map: Optional[Mapping[str, Union[str, int]]] = None,
    errors: str = "raise",
) -> Any: ...


def due(
    dossier: Any,
    calendar: Optional[Calendar] = None,
    *,
    rules: RulesLike = None,
    catalogue: Optional[Catalogue] = None,
    as_of: Optional[InstantLike] = None,
    explain: bool = False,
    lang: str = "vi",
    map: Optional[Mapping[str, Union[str, int]]] = None,
    errors: str = "raise",
) -> Any:
    """The due date of a dossier, after validating it (the ordering rules of its events).

    ``dossier`` is a :class:`Dossier`, a dict or a JSON line; the answer is a :class:`Due`.
    A key a dossier does not have (another system's ``agency``) is an
    :class:`InvalidDossierError` naming it (the CLI, reading exported lines, warns
    ``unknown_key`` instead).
    It may also be a pandas or polars DataFrame of dossier records with the columns of
    ``motcua report`` (``received``, ``time_limit`` or ``procedure``, ``channel``,
    ``supplement_requested``, ``supplement_received``, ``new_due``, ``resolved``,
    ``refused``, ``withdrawn``; ``map={"received": "ngay_nhan"}`` renames): the answer is
    then a DataFrame of the same kind, one row per dossier, with the columns ``due``,
    ``due_at``, ``rule_set``, ``deemed_receipt``, ``awaiting_supplement_since``, ``warnings``
    (a pyarrow Table or RecordBatch gives a pyarrow Table: ``date32`` / ``timestamp[s]`` /
    ``string`` columns, as Spark's ``mapInArrow`` and ``motcua.distributed`` use).
    A bad row raises its error (with ``.index``), or with ``errors="coerce"`` gets missing
    answers and its error in the columns ``error_code`` and ``error``. A row with no value in
    any column read (a spreadsheet's empty row) is not a dossier: its answers are missing,
    without an error.

    ``calendar`` defaults to :meth:`Calendar.vietnam`; ``catalogue`` resolves ``procedure``
    codes; ``as_of`` gives the due date as it stood then (events after it ignored; a date
    alone means the end of that day, a zoned instant is converted to UTC+7, as everywhere).

    ``explain=True`` explains the count, step by step (the receipt and its deemed day, each
    day off skipped and why, pauses, new appointments, where the count ends), each step citing
    the legal text it rests on, in ``lang``: ``"vi"`` (Vietnamese, the default) or ``"en"``,
    the language of the warnings' messages too (their codes are the same in both).
    For one dossier the steps are in :attr:`Due.explain` (records) and
    :attr:`Due.explanation` (text); for a DataFrame they add the text column ``explain`` (the
    steps' texts, one a line).

    >>> d = due({"received": "2026-02-13T18:30", "channel": "online",
    ...          "time_limit": {"working_days": 3}}, explain=True, lang="en")
    >>> print(d.explain[2]["text"])
    Received online at 18:30 on Fri 13 Feb 2026, after closing time (17:00): deemed received on the next working day, Mon 23 Feb 2026 (Decree 45/2020/NĐ-CP).
    >>> d.explain[-1]["basis"]
    {'document': 'Civil Code 2015', 'article': '147', 'status': 'U'}

    >>> import pandas as pd
    >>> df = pd.DataFrame({"received": ["2026-03-03T10:00", "2026-03-06T16:00"],
    ...                    "time_limit": ["5wd", "same_day"]})
    >>> due(df)[["due", "rule_set"]]
             due rule_set
    0 2026-03-10    nd118
    1 2026-03-09    nd118
    """
    explain = cv.strict_bool(explain, "explain")
    lang = cv.check_lang(lang)
    coerce = _coerce(errors)  # (checked for one dossier too: `errors="ignore"` passed unsaid)
    cal = _calendar(calendar)
    t = None if as_of is None else _motcua.as_of(as_of)
    if _is_frame(dossier):
        cols = _frame_answers(
            dossier,
            map,
            lambda columns, first_row, mapped: _motcua.due_records(
                columns, cal, _rules(rules), _catalogue(catalogue), t, mapped, coerce, 0, first_row,
                explain, lang,
            ),
        )
        return _answer_frame(dossier, cols, errors)
    d = Dossier(dossier)
    text = _motcua.due_json(d.native, cal, _rules(rules), _catalogue(catalogue), t, explain, lang)
    return Due._from_json(json.loads(text))


def _frame_answers(frame: Any, map: Optional[Mapping[str, Union[str, int]]], answer: Any) -> dict[str, Any]:
    """The per-row answers of a frame, chunk by chunk (each chunk's ``answer(columns,
    first_row, mapped)``, ``mapped`` the checked ``map``), concatenated in row order."""
    mapped = rec.map_arg(map)
    # (Not the note of a frame without a column of the end: due dates are asked of open
    # dossiers, and a classification of open dossiers alone is a worklist's question.)
    rec.warn_near_misses(frame, [], mapped, ends=False)
    with rec.labelled(frame):
        parts = [
            answer(columns, first_row, mapped) for columns, first_row, _ in rec.chunks(frame, rec.wanted([], mapped))
        ]
    if len(parts) == 1:
        return parts[0]
    out: dict[str, Any] = {}
    for k, v in parts[0].items():
        vals = [p[k] for p in parts]
        out[k] = np.concatenate(vals) if isinstance(v, np.ndarray) else [x for p in vals for x in p]
    return out


def _arrow_answer(cols: dict[str, Any]) -> Any:
    """The per-row answers as a pyarrow Table: ``date32`` dates, ``timestamp[s]`` instants,
    ``int64`` counts and ``string`` text, nulls where missing (a stable schema, whatever the
    values, as Spark's ``mapInArrow`` wants)."""

    pa = cv._module("pyarrow")
    arrays: dict[str, Any] = {}
    for k, v in cols.items():
        if isinstance(v, np.ndarray):
            miss = v == cv.MISSING64
            mask = miss if miss.any() else None
            if k in ("due", "deemed_receipt"):
                arrays[k] = pa.array(v.astype(np.int32), mask=mask).cast(pa.date32())
            elif k in ("due_at", "awaiting_supplement_since"):
                arrays[k] = pa.array(v, mask=mask).cast(pa.timestamp("s"))
            elif v.dtype == np.bool_:
                arrays[k] = pa.array(v, type=pa.bool_())
            else:
                arrays[k] = pa.array(v, type=pa.int64(), mask=mask)
        else:
            arrays[k] = pa.array(v, type=pa.string())
    return pa.table(arrays)


def _coerce(errors: str) -> bool:
    if errors not in ("raise", "coerce"):
        from .error import InvalidArgumentError, _raise

        raise _raise(InvalidArgumentError, f"errors must be 'raise' or 'coerce', got {errors!r}")
    return errors == "coerce"


def _answer_frame(like: Any, cols: dict[str, Any], errors: str) -> Any:
    """The per-row answers as a DataFrame of the same kind as ``like``."""

    kind = rec.frame_kind(like)
    if errors != "coerce":
        cols.pop("error_code", None)
        cols.pop("error", None)
    missing = cv.MISSING64
    if kind == "arrow":
        return _arrow_answer(cols)
    if kind == "polars":
        pl = cv._module("polars")
        out: dict[str, Any] = {}
        for k, v in cols.items():
            if isinstance(v, np.ndarray) and v.dtype == np.bool_:
                out[k] = pl.Series(k, v, dtype=pl.Boolean)
            elif isinstance(v, np.ndarray):
                s = pl.Series(k, v)
                miss = v == missing
                if miss.any():
                    s = s.scatter(np.flatnonzero(miss), None)
                if k in ("due", "deemed_receipt"):
                    s = s.cast(pl.Int32).cast(pl.Date)
                elif k in ("due_at", "awaiting_supplement_since"):
                    s = (s * 1_000_000).cast(pl.Datetime("us"))
                out[k] = s
            else:
                out[k] = pl.Series(k, v, dtype=pl.String)
        return pl.DataFrame(out)
    pd = cv._module("pandas")
    index = like.index if kind == "pandas" else None
    frame: dict[str, Any] = {}
    for k, v in cols.items():
        if isinstance(v, np.ndarray) and v.dtype == np.bool_:
            frame[k] = v
        elif isinstance(v, np.ndarray):
            if k in ("due", "deemed_receipt"):
                frame[k] = v.view("datetime64[D]").astype("datetime64[s]")
            elif k in ("due_at", "awaiting_supplement_since"):
                frame[k] = v.view("datetime64[s]")
            else:
                miss = v == missing
                frame[k] = pd.arrays.IntegerArray(np.where(miss, 0, v), miss) if miss.any() else v
        else:
            frame[k] = pd.array(v, dtype=object)
    return pd.DataFrame(frame, index=index)
