"""motcua: the Vietnamese working-day calendar and one-stop (*một cửa*) deadline rules, exactly,
at compiled speed, for numpy, pandas and polars.

The rules live in one Rust core (crate ``motcua``); this package converts Python values to it
and back and never re-implements a rule. Its modules mirror the core's:

- :mod:`motcua.calendar`: :class:`Calendar` (working-day arithmetic on one date or whole
  arrays, GIL released, no per-element Python call).
- :mod:`motcua.vn`: the Vietnamese public-sector preset (:meth:`Calendar.vietnam`), holidays.
- :mod:`motcua.lunar`: :func:`to_lunar`, :func:`from_lunar`, :class:`LunarCalendar`.
- :mod:`motcua.procedure`: :class:`Catalogue`, :class:`Procedure`, time limits.
- :mod:`motcua.dossier`: :class:`Dossier`.
- :mod:`motcua.deadline`: :func:`due`, :class:`Rules`; :mod:`motcua.outcome`: :func:`classify`.
- :mod:`motcua.reports`: :func:`report` (a DataFrame), :class:`Report` (the core's ``report``).
- :mod:`motcua.worklists`: :func:`worklist` (the desk's open dossiers: overdue, due today or
  soon, awaiting a supplement, the last day for the apology; the core's ``worklist``).
- :mod:`motcua.stages`: the per-agency stage table of inter-agency dossiers
  (``report(..., stages=True, transfers=frame)``), :class:`StageReport`.
- :mod:`motcua.indicators`: :func:`scorecard` (a DataFrame), :class:`Scorecard` (service
  indicators against targets, the core's ``indicators``).
- :mod:`motcua.civil`: the strict date parsers and day numbers.
- :mod:`motcua.error`: :class:`MotcuaError` and one subclass per error code.

>>> import motcua
>>> cal = motcua.Calendar.vietnam()
>>> cal.add_working_days("2026-04-29", 1)  # 30 April and 1 May off, then the weekend
datetime.date(2026, 5, 4)
>>> motcua.to_lunar("2026-02-17")
LunarDate(year=2026, month=1, day=1, leap=False)
"""

from __future__ import annotations

from . import calendar, civil, deadline, dossier, error, indicators, lunar, outcome, procedure, reports, stages, vn, worklists
from ._motcua import __version__
from .calendar import Calendar
from .civil import DateLike, InstantLike, parse_date, parse_instant
from .deadline import Due, Rules, StageDue, due
from .dossier import Dossier
from .outcome import OUTCOMES, Classified, classify
from .procedure import Catalogue, Procedure, time_limit
from .reports import PartialReport, Report, report
from .stages import StageReport
from .indicators import INDICATORS, Scorecard, scorecard
from .worklists import Worklist, worklist
from .error import (
    CsvEmptyError,
    CsvError,
    CsvFieldError,
    CsvMissingColumnError,
    DateOutOfRangeError,
    DossierError,
    EmptyInputError,
    EventsOutOfOrderError,
    InvalidArgumentError,
    ArgumentTypeError,
    InvalidCatalogueError,
    InvalidDateError,
    InvalidDossierError,
    InvalidJsonError,
    InvalidLunarDateError,
    InvalidNumberError,
    InvalidRuleError,
    InvalidSpecError,
    InvalidScheduleError,
    InvalidTimeLimitError,
    MotcuaError,
    MotcuaIOError,
    NewDueEarlierError,
    ResultBeforeReceiptError,
    SecondApologyError,
    InvalidTransferError,
    SupplementWithoutRequestError,
    UnknownProcedureError,
)
from .lunar import LunarCalendar, LunarDate, can_chi, can_chi_en, from_lunar, to_lunar
from . import plot  # matplotlib itself is imported when a picture is drawn

__all__ = [
    "__version__",
    "calendar",
    "civil",
    "error",
    "lunar",
    "vn",
    "procedure",
    "dossier",
    "deadline",
    "outcome",
    "reports",
    "worklists",
    "stages",
    "indicators",
    "plot",
    "Calendar",
    "Catalogue",
    "Procedure",
    "time_limit",
    "Dossier",
    "Rules",
    "Due",
    "StageDue",
    "due",
    "Classified",
    "classify",
    "OUTCOMES",
    "Report",
    "PartialReport",
    "report",
    "StageReport",
    "Scorecard",
    "scorecard",
    "Worklist",
    "worklist",
    "INDICATORS",
    "DateLike",
    "InstantLike",
    "parse_date",
    "parse_instant",
    "LunarCalendar",
    "LunarDate",
    "to_lunar",
    "from_lunar",
    "can_chi",
    "can_chi_en",
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
]
