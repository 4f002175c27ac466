"""Errors: one base class, :class:`MotcuaError`, and one subclass per error code of the core.

Every error the library raises carries the core's stable snake_case ``code`` (the same string
the CLI prints and the JS package exposes) and, where known, where the bad input was:
``index`` (the 0-based element of a bulk input, or row of a frame), ``line``, ``field`` (the
column), ``value`` (the offending cell) and ``id`` (the dossier's id). Errors about bad data
also subclass :class:`ValueError` (file errors subclass :class:`OSError`), so code that
already catches ``ValueError`` keeps working.

>>> import motcua
>>> cal = motcua.Calendar.weekdays("2026-01-01", "2026-12-31")
>>> try:
...     cal.add_working_days("2026-02-30", 1)
... except motcua.InvalidDateError as e:
...     print(e.code, isinstance(e, ValueError))
invalid_date True
>>> import numpy as np
>>> days = np.array(["2026-03-02", "2027-06-01"], dtype="datetime64[D]")
>>> try:
...     cal.add_working_days(days, 1)
... except motcua.DateOutOfRangeError as e:
...     print(e.code, e.index)
date_out_of_range 1
"""

from __future__ import annotations

from typing import Any, Optional, TypeVar

__all__ = [
    "MotcuaError",
    "InvalidDateError",
    "DateOutOfRangeError",
    "InvalidNumberError",
    "InvalidArgumentError",
    "ArgumentTypeError",
    "EmptyInputError",
    "InvalidJsonError",
    "InvalidSpecError",
    "InvalidScheduleError",
    "InvalidLunarDateError",
    "UnknownProcedureError",
    "InvalidTimeLimitError",
    "InvalidCatalogueError",
    "CsvError",
    "CsvFieldError",
    "CsvEmptyError",
    "CsvMissingColumnError",
    "DossierError",
    "EventsOutOfOrderError",
    "ResultBeforeReceiptError",
    "SupplementWithoutRequestError",
    "SecondApologyError",
    "InvalidTransferError",
    "NewDueEarlierError",
    "InvalidDossierError",
    "InvalidRuleError",
    "MotcuaIOError",
    "error_class",
]


class MotcuaError(Exception):
    """Base class of every motcua error.

    Attributes:
        code: the core's stable error code, e.g. ``"date_out_of_range"``.
        message: what was wrong, without the location prefix that ``str(error)`` has.
        index: the 0-based element of a bulk input, or ``None``.
        line: the 1-based input line, or ``None``.
        field: the field or column, or ``None``.
        value: the offending input value (a cell), or ``None``.
        id: the id of the dossier (record) the error is about, or ``None``.
        label: for a row of a pandas DataFrame, its index label (``df.loc[e.label]`` is the
            row; ``e.index`` is its position), else ``None``.
    """

    code: str = "motcua_error"

    def __init__(
        self,
        *args: Any,
        code: Optional[str] = None,
        message: Optional[str] = None,
        index: Optional[int] = None,
        line: Optional[int] = None,
        field: Optional[str] = None,
        value: Optional[str] = None,
        id: Optional[str] = None,
        label: Any = None,
    ) -> None:
        super().__init__(*args)
        if code is not None:
            self.code = code
        self.message: str = message if message is not None else (str(args[0]) if args else "")
        self.index: Optional[int] = index
        self.line: Optional[int] = line
        self.field: Optional[str] = field
        self.value: Optional[str] = value
        self.id: Optional[str] = id
        self.label: Any = label

    def __reduce__(self) -> Any:
        kwargs = {
            "code": self.code,
            "message": self.message,
            "index": self.index,
            "line": self.line,
            "field": self.field,
            "value": self.value,
            "id": self.id,
            "label": self.label,
        }
        return (_rebuild, (type(self), self.args, kwargs))


def _rebuild(cls: type[MotcuaError], args: tuple[Any, ...], kwargs: dict[str, Any]) -> MotcuaError:
    return cls(*args, **kwargs)


class InvalidDateError(MotcuaError, ValueError):
    """A date or instant that does not parse or does not exist (``2026-02-30``, ``25:00``)."""

    code = "invalid_date"


class DateOutOfRangeError(MotcuaError, ValueError):
    """A date, or an answer, outside the range the calendar covers (never a guess)."""

    code = "date_out_of_range"


class InvalidNumberError(MotcuaError, ValueError):
    """A number that does not parse or is outside what the operation accepts."""

    code = "invalid_number"


class InvalidArgumentError(MotcuaError, ValueError):
    """A well-formed argument that is not acceptable (e.g. operands of different lengths)."""

    code = "invalid_argument"


class ArgumentTypeError(InvalidArgumentError, TypeError):
    """An argument of the wrong type (``threads="2"``, ``calendar="vn"``, ``period=1``): a
    ``TypeError``, as Python has it, and an :class:`InvalidArgumentError` (code
    ``invalid_argument``), so ``except motcua.MotcuaError`` catches it too."""


class EmptyInputError(MotcuaError, ValueError):
    """An empty or missing required value (an empty string, ``None`` or ``NaT`` as a scalar)."""

    code = "empty_input"


class InvalidJsonError(MotcuaError, ValueError):
    """Malformed JSON (the message gives line and column)."""

    code = "invalid_json"


class InvalidSpecError(MotcuaError, ValueError):
    """A calendar spec that parses but is inconsistent (bad weekmask, a date both a holiday and
    a working day, ``from`` after ``to``, ...)."""

    code = "invalid_spec"


class InvalidScheduleError(MotcuaError, ValueError):
    """A schedules file (announced years, ``schedules=``) that parses but is inconsistent: a
    day off on a weekly rest day, a make-up day on a working day, a date outside its year or
    listed twice, an unknown status or key."""

    code = "invalid_schedule"


class InvalidLunarDateError(MotcuaError, ValueError):
    """A lunar date that does not exist (day 30 of a short month, a leap month the year lacks)."""

    code = "invalid_lunar_date"


class UnknownProcedureError(MotcuaError, ValueError):
    """A procedure code that is not in the catalogue."""

    code = "unknown_procedure"


class InvalidTimeLimitError(MotcuaError, ValueError):
    """A time limit that is malformed, of an unknown kind, or not positive."""

    code = "invalid_time_limit"


class InvalidCatalogueError(MotcuaError, ValueError):
    """A procedure catalogue row that is malformed (the message names row and field)."""

    code = "invalid_catalogue"


class CsvError(MotcuaError, ValueError):
    """Base class of the CSV input errors."""

    code = "csv_error"


class CsvFieldError(CsvError):
    """A record's value that cannot be read: a CSV cell, a field of a JSON-lines record or a value
    of a frame's column (the message names line or row, column and value)."""

    code = "csv_field"


class CsvEmptyError(CsvError):
    """A CSV file without a header row."""

    code = "csv_empty"


class CsvMissingColumnError(CsvError):
    """A CSV file that lacks a required column."""

    code = "csv_missing_column"


class DossierError(MotcuaError, ValueError):
    """Base class of the dossier validation errors (the ordering rules of a dossier's events)."""

    code = "dossier_error"


class EventsOutOfOrderError(DossierError):
    """Dossier events not in non-decreasing time order."""

    code = "events_out_of_order"


class ResultBeforeReceiptError(DossierError):
    """A result (resolved, refused, withdrawn) dated before the dossier's receipt."""

    code = "result_before_receipt"


class SupplementWithoutRequestError(DossierError):
    """A ``supplement_received`` event without an open supplement request."""

    code = "supplement_without_request"


class SecondApologyError(DossierError):
    """A second apology with a new appointment (the law allows one)."""

    code = "second_apology"


class NewDueEarlierError(DossierError):
    """A ``new_due`` (apology or extension) earlier than the current due date."""

    code = "new_due_earlier"


class InvalidTransferError(DossierError):
    """A ``transferred`` event of an inter-agency dossier that does not fit its stages: ``to``
    is not the next stage's agency, more transfers than stages, a dossier without stages, or a
    transfer while a supplement request is open."""

    code = "invalid_transfer"


class InvalidDossierError(DossierError):
    """A dossier malformed in another way (unknown event type, missing field, ...)."""

    code = "invalid_dossier"


class InvalidRuleError(MotcuaError, ValueError):
    """An unknown rule option or option value (``supplement=restart`` and the like)."""

    code = "invalid_rule"


class MotcuaIOError(MotcuaError, OSError):
    """A file that cannot be read."""

    code = "io"


_BY_CODE: dict[str, type[MotcuaError]] = {
    cls.code: cls
    for cls in (
        InvalidDateError,
        DateOutOfRangeError,
        InvalidNumberError,
        InvalidArgumentError,
        EmptyInputError,
        InvalidJsonError,
        InvalidSpecError,
        InvalidScheduleError,
        InvalidLunarDateError,
        UnknownProcedureError,
        InvalidTimeLimitError,
        InvalidCatalogueError,
        CsvFieldError,
        CsvEmptyError,
        CsvMissingColumnError,
        EventsOutOfOrderError,
        ResultBeforeReceiptError,
        SupplementWithoutRequestError,
        SecondApologyError,
        NewDueEarlierError,
        InvalidTransferError,
        InvalidDossierError,
        InvalidRuleError,
        MotcuaIOError,
    )
}


def error_class(code: str) -> type[MotcuaError]:
    """The exception class raised for the core error ``code`` (:class:`MotcuaError` for a code
    this version does not know).

    >>> error_class("date_out_of_range").__name__
    'DateOutOfRangeError'
    """
    return _BY_CODE.get(code, MotcuaError)


def _from_core(
    display: str,
    *,
    code: str,
    message: str,
    index: Optional[int],
    line: Optional[int],
    field: Optional[str],
    value: Optional[str] = None,
    id: Optional[str] = None,
) -> MotcuaError:
    """Called by the native module for every core error (the one place errors are mapped)."""
    cls = error_class(code)
    return cls(display, code=code, message=message, index=index, line=line, field=field, value=value, id=id)


_E = TypeVar("_E", bound=MotcuaError)


def _raise(cls: type[_E], message: str, *, index: Optional[int] = None) -> _E:
    """An error raised by the Python front end itself (bad container, bad dtype)."""
    display = f"element {index}: {message}" if index is not None else message
    return cls(display, message=message, index=index)
