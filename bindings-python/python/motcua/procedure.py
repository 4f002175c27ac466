"""Administrative procedures (*thủ tục hành chính*), their time limits and the procedure
:class:`Catalogue` (the CLI's ``--catalogue FILE``: a JSON array, or CSV rows).

Time limits are written ``3wd`` (working days), ``15cd`` (calendar days), ``8wh`` (working
hours) or ``same_day`` (15:00 cut-off; ``same_day@14:00`` for another), or in the JSON form
``{"working_days": 3}``.

>>> from motcua import Catalogue, time_limit
>>> time_limit({"working_days": 3})
'3wd'
>>> cat = Catalogue.from_records([
...     {"code": "1.1", "name": "Đăng ký khai sinh", "field": "Hộ tịch", "level": "commune",
...      "time_limit": "3wd", "online": "4"}])
>>> cat["1.1"].online, cat["1.1"].time_limit
('full', '3wd')
"""

from __future__ import annotations

import json
import os
import dataclasses
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping, Optional, Union

import numpy as np

from . import _convert as cv
from . import _motcua
from .error import InvalidArgumentError, _raise

__all__ = ["Procedure", "Catalogue", "time_limit"]


def time_limit(limit: Union[str, Mapping[str, Any]]) -> str:
    """A time limit in its compact form (``3wd``, ``15cd``, ``8wh``, ``same_day``), checked
    by the core (``InvalidTimeLimitError`` otherwise).

    >>> time_limit("0wd")
    Traceback (most recent call last):
    ...
    motcua.error.InvalidTimeLimitError: ...
    """
    text = limit if isinstance(limit, str) else json.dumps(limit)
    return _motcua.parse_time_limit(text)[0]


_compact = time_limit


@dataclass(frozen=True)
class Procedure:
    """A procedure as published in the catalogue."""

    code: str
    name: str
    field: str
    level: str
    online: str
    time_limit: str
    stages: list[dict[str, Any]] = dataclasses.field(default_factory=list)

    @classmethod
    def _from_json(cls, obj: Mapping[str, Any]) -> Procedure:
        stages = [
            {"agency": s["agency"], "time_limit": _compact(s["time_limit"])}
            for s in obj.get("stages", [])
        ]
        return cls(
            code=obj["code"],
            name=obj.get("name", ""),
            field=obj.get("field", ""),
            level=obj["level"],
            online=obj["online"],
            time_limit=_compact(obj["time_limit"]),
            stages=stages,
        )


class Catalogue:
    """A procedure catalogue: procedures looked up by code (``catalogue["1.001193"]``)."""

    __slots__ = ("_native",)

    def __init__(self, native: _motcua.Catalogue) -> None:
        self._native = native

    @classmethod
    def from_json(cls, text: str) -> Catalogue:
        """A catalogue from JSON text (an array of procedure objects)."""
        return cls(_motcua.Catalogue.from_json(text))

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]]) -> Catalogue:
        """A catalogue from rows given as dicts (the CSV columns ``code``, ``name``,
        ``field``, ``level``, ``time_limit``, ``online``, and ``stages``: a list of
        ``{"agency", "time_limit"}`` dicts or its JSON text, as :meth:`to_records` gives)."""
        rows = list(records)
        header: list[str] = []
        for r in rows:
            header.extend(k for k in r if k not in header)
        cells = [[_cell(r.get(k)) for k in header] for r in rows]
        return cls(_motcua.Catalogue.from_rows(header, cells, 1))

    @classmethod
    def from_frame(cls, df: Any) -> Catalogue:
        """A catalogue from a pandas or polars DataFrame, or a pyarrow Table, with the CSV
        columns."""
        if hasattr(df, "to_dicts"):
            return cls.from_records(df.to_dicts())
        if hasattr(df, "to_pylist"):  # a pyarrow Table or RecordBatch
            return cls.from_records(df.to_pylist())
        if not hasattr(df, "astype"):
            raise _raise(
                InvalidArgumentError,
                f"expected a pandas or polars DataFrame or a pyarrow Table, got {type(df).__name__}",
            )
        return cls.from_records(df.astype(object).where(df.notna(), None).to_dict("records"))

    @classmethod
    def from_file(cls, path: Union[str, os.PathLike[str]]) -> Catalogue:
        """A catalogue from a file: a JSON array or CSV, told apart by content (the core's
        loader, as ``motcua --catalogue`` and the JS package read one), in UTF-8 (with or
        without its byte-order mark) or UTF-16 with its mark (a spreadsheet's "Unicode text").
        Bytes that are not text raise :class:`InvalidCatalogueError` naming the line; a file
        that cannot be read, :class:`MotcuaIOError`."""
        return cls.from_text(cv.read_text(path, "catalogue"))

    @classmethod
    def from_text(cls, text: str) -> Catalogue:
        """A catalogue from the text of a catalogue file (JSON array or CSV, by content)."""
        return cls(_motcua.Catalogue.from_text(text))

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickles as its JSON text (the procedures, not a file path), so a catalogue can be
        sent to Spark / Dask workers; unpickling the same catalogue again in a process reuses
        the one already parsed.

        >>> import pickle
        >>> cat = Catalogue.from_records([{"code": "1.1", "name": "Khai sinh", "field": "Hộ tịch",
        ...                                 "level": "commune", "time_limit": "3wd", "online": "full"}])
        >>> pickle.loads(pickle.dumps(cat))["1.1"].time_limit
        '3wd'
        """
        return (_catalogue_cached, (self._native.to_json(),))

    @property
    def native(self) -> _motcua.Catalogue:
        """The native catalogue."""
        return self._native

    def codes(self) -> list[str]:
        """The codes, in catalogue order."""
        return self._native.codes()

    def get(self, code: str) -> Procedure:
        """The procedure with ``code`` (``UnknownProcedureError`` if absent)."""
        return Procedure._from_json(json.loads(self._native.get_json(code)))

    def __getitem__(self, code: str) -> Procedure:
        return self.get(code)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._native

    def __len__(self) -> int:
        return len(self._native)

    def __iter__(self) -> Iterator[Procedure]:
        return iter([Procedure._from_json(p) for p in json.loads(self._native.to_json())])

    def to_records(self) -> list[dict[str, Any]]:
        """Every procedure as a dict (``pandas.DataFrame(catalogue.to_records())``), with its
        ``stages`` as the JSON text a CSV catalogue's ``stages`` column holds (``None`` without
        stages), so that the frame written as CSV and read back, or given to
        :meth:`from_frame`, is the same catalogue."""
        return [
            {
                "code": p.code,
                "name": p.name,
                "field": p.field,
                "level": p.level,
                "online": p.online,
                "time_limit": p.time_limit,
                "stages": json.dumps(p.stages, ensure_ascii=False) if p.stages else None,
            }
            for p in self
        ]

    def __repr__(self) -> str:
        return f"Catalogue({len(self)} procedures)"


def _cell(v: Any) -> Optional[str]:
    """A catalogue row's value as the text of its CSV cell: a list or dict (``stages``) as JSON
    (``str`` gave Python's repr, which is not JSON), a numpy array or Arrow list as its list; a
    number or a flag as the record reader writes a cell of one (a whole float ``2.0`` as ``2``,
    so that a code from a float column matches the records' ``2``; ``True`` as ``true``);
    ``None``, NaN, ``NaT`` and ``NA`` as missing."""
    if cv.is_missing(v):
        return None
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        x = float(v)
        return str(int(x)) if x.is_integer() and abs(x) < 2.0**53 else repr(x)
    if hasattr(v, "tolist") and not isinstance(v, (str, bytes)):
        v = v.tolist()
    if isinstance(v, (list, tuple, dict)):
        return json.dumps(v, ensure_ascii=False, default=str)
    return str(v)


#: Catalogues rebuilt by unpickling, by JSON text: one per process.
_REBUILT: dict[str, Catalogue] = {}


def _catalogue_cached(text: str) -> Catalogue:
    """Unpickling a catalogue."""
    cat = _REBUILT.get(text)
    if cat is None:
        if len(_REBUILT) >= 8:
            _REBUILT.clear()
        cat = _REBUILT[text] = Catalogue.from_json(text)
    return cat
