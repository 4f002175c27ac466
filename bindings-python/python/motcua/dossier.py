"""Dossiers (*hồ sơ*): receipt, time limit (or a procedure code), channel and lifecycle events,
in the JSON line format of the CLI's ``due`` and ``classify`` commands::

    {"received": "2026-03-02T09:30", "channel": "direct", "time_limit": {"working_days": 3},
     "events": [{"type": "supplement_requested", "at": "2026-03-03T10:00"},
                {"type": "supplement_received", "at": "2026-03-10T08:00"},
                {"type": "resolved", "at": "2026-03-12T16:00"}]}

Event types: ``supplement_requested``, ``supplement_received``, ``apology`` and ``extended``
(both with ``new_due``), ``refused``, ``withdrawn``, ``resolved``, ``returned``. Instants may be
``datetime`` objects or ISO strings; a date alone means that day (date-only semantics); a
zoned ``datetime`` (or ``pandas.Timestamp``) is converted to Vietnam time (UTC+7) first, and
one at exactly 00:00 there is its date alone, as in a frame's timestamp column.
Missing values (``None``, NaN, ``NaT``, ``pd.NA``) are absent fields.

>>> from motcua import Dossier
>>> d = Dossier({"received": "2026-03-02T09:30", "time_limit": "3wd",
...              "events": [{"type": "resolved", "at": "2026-03-04"}]})
>>> d.to_dict()["events"]
[{'at': '2026-03-04', 'type': 'resolved'}]
>>> Dossier({"received": "2026-02-30", "time_limit": "3wd"})
Traceback (most recent call last):
...
motcua.error.InvalidDateError: field `received`: `2026-02-30` is not a valid date: 2026-02 has 28 days
"""

from __future__ import annotations

import datetime as _dt
import decimal
import fractions
import json
from typing import Any, Mapping, Union

import numpy as np

from . import _convert as cv
from . import _motcua
from .error import ArgumentTypeError, InvalidDossierError, _raise

__all__ = ["Dossier", "DossierLike"]


def _plain(v: Any, key: str = "") -> Any:
    """``v`` as JSON values: missing values (NaN, NaT, NA) as ``null``; a zoned ``datetime``
    or ``Timestamp`` converted to Vietnam's wall clock (UTC+7) first, as at every door; a
    ``datetime`` at exactly 00:00 there as its date alone — how pandas holds a date, and how a
    frame's timestamp column is read (a dict and a frame row give one answer; write the text
    ``"2026-03-02T00:00"`` for an instant at midnight)."""
    if isinstance(v, Mapping):
        return {k: _plain(x, k if isinstance(k, str) else "") for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x, key) for x in v]
    if cv.is_missing(v):
        return None
    if isinstance(v, _dt.datetime):
        if v.utcoffset() is not None:
            v = v.astimezone(cv.VIETNAM).replace(tzinfo=None)
        if v.time() == _dt.time(0):
            return v.date().isoformat()
        return v.isoformat()
    return v


def _json_default(v: Any) -> Any:
    if isinstance(v, _dt.date):
        return v.isoformat()
    if isinstance(v, np.datetime64):
        return str(v.astype("datetime64[s]")).replace("T00:00:00", "")
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return float(v)
    if isinstance(v, np.bool_):
        return bool(v)
    if isinstance(v, (decimal.Decimal, fractions.Fraction)):
        # A whole Decimal or Fraction is its integer (a count of days); any other is refused
        # by the reader as the float it is.
        whole = cv.whole_number(v)
        if whole is not None:
            return whole
        if isinstance(v, decimal.Decimal) and not v.is_finite():
            raise ValueError(f"{v!r} is not a finite number")
        return float(v)
    raise _raise(ArgumentTypeError, f"{type(v).__name__} {v!r:.40} is not a JSON value")


def _many(x: Any) -> bool:
    """Whether ``x`` is a sequence of values (a list, a tuple, an array of one dimension or
    more, a pandas / polars series, an Arrow array): a column, not one value. Not text, a
    mapping, or a 0-d array (one value)."""
    if isinstance(x, (str, bytes, Mapping)) or not hasattr(x, "__len__") or cv.is_0d(x):
        return False
    try:
        len(x)
    except TypeError:
        return False
    return True


class Dossier:
    """One dossier, parsed by the core (not yet validated: :meth:`validate`, :func:`due` and
    :func:`classify` do that)."""

    __slots__ = ("_native",)

    def __init__(self, data: Union[Mapping[str, Any], str, Dossier]) -> None:
        if isinstance(data, Dossier):
            self._native: _motcua.Dossier = data._native
        elif isinstance(data, str):
            self._native = _motcua.Dossier.from_json(data)
        elif isinstance(data, Mapping):
            received: Any = data.get("received")
            if _many(received):
                # (A dict of columns, as `report` takes it: one dossier's `received` is one
                # instant. It was "`received` must be a string, got [...]".)
                raise _raise(
                    InvalidDossierError,
                    f"`received` holds {len(received)} values: a dossier is received once (many "
                    "dossiers: a pandas, polars or pyarrow frame, e.g. pd.DataFrame(columns))",
                )
            try:
                text = json.dumps(_plain(dict(data)), default=_json_default, allow_nan=False)
            except (TypeError, ValueError) as e:
                # (A value JSON cannot hold: NaN, inf, bytes, a time, a set...) It raised
                # json's own TypeError / ValueError.
                raise _raise(InvalidDossierError, f"a dossier's values are JSON values: {e}") from None
            self._native = _motcua.Dossier.from_json(text)
        else:
            # (`dict()` of a list of two-key dicts would make one dossier of their keys.)
            raise _raise(
                ArgumentTypeError,
                "a dossier is a dict, a JSON line or a motcua.Dossier (many dossiers: a pandas, "
                f"polars or pyarrow frame), not {type(data).__name__} {data!r:.40}"
            )

    @classmethod
    def from_json(cls, text: str) -> Dossier:
        """A dossier from one JSON line."""
        return cls(text)

    @property
    def native(self) -> _motcua.Dossier:
        """The native dossier."""
        return self._native

    def to_json(self) -> str:
        """The dossier as one JSON line."""
        return self._native.to_json()

    def to_dict(self) -> dict[str, Any]:
        """The dossier as a dict of JSON values."""
        result: dict[str, Any] = json.loads(self._native.to_json())
        return result

    def validate(self) -> list[dict[str, str]]:
        """Checks the ordering rules of the events and returns the warnings as
        ``{"code", "message"}`` records, their messages in Vietnamese (the default ``lang`` of
        :func:`~motcua.due`, which words them in English with ``lang="en"``; the codes are the
        same); a violation raises its error (a :class:`~motcua.DossierError`)."""
        return [{"code": c, "message": m} for c, m in self._native.validate()]

    def __repr__(self) -> str:
        return f"Dossier({self.to_json()})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Dossier) and self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]


#: What :func:`~motcua.due` and :func:`~motcua.classify` take as one dossier.
DossierLike = Union[Dossier, Mapping[str, Any], str]
