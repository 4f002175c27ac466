"""The native part of ``motcua`` (use the ``motcua`` package, not this module)."""

import datetime
from typing import Any, Optional, Sequence, Union, final

import numpy as np
import numpy.typing as npt

__all__ = [
    "Catalogue",
    "Dossier",
    "LUNAR_FIRST_YEAR",
    "LUNAR_LAST_YEAR",
    "LunarCalendar",
    "MISSING",
    "Rules",
    "VN_FIRST_YEAR",
    "VN_LAST_YEAR",
    "WorkCalendar",
    "__version__",
    "can_chi",
    "can_chi_en",
    "catalogue_fields",
    "classify_json",
    "classify_records",
    "date_from_day_number",
    "day_number",
    "day_numbers_of",
    "due_json",
    "due_records",
    "error_codes",
    "indicator_names",
    "parse_date",
    "parse_instant",
    "parse_time_limit",
    "report_records",
    "scorecard_records",
    "targets_json",
    "vietnam_calendar",
    "vn_holidays",
    "vn_schedule_status",
]

__version__: str
MISSING: int
LUNAR_FIRST_YEAR: int
LUNAR_LAST_YEAR: int
VN_FIRST_YEAR: int
VN_LAST_YEAR: int

_Date = Union[datetime.date, str, np.datetime64]
_Instant = Union[datetime.datetime, datetime.date, str]
_I64 = npt.NDArray[np.int64]
_I32 = npt.NDArray[np.int32]
_U8 = npt.NDArray[np.uint8]
_Bool = npt.NDArray[np.bool_]

def error_codes() -> list[str]: ...
def parse_date(text: str) -> datetime.date: ...
def parse_instant(text: str, end_of_day: bool = False) -> datetime.datetime: ...
def day_number(date: _Date) -> int: ...
def date_from_day_number(n: int) -> datetime.date: ...
def day_numbers_of(items: Any) -> _I64: ...

@final
class WorkCalendar:
    @staticmethod
    def from_json(text: str) -> WorkCalendar: ...
    @staticmethod
    def weekdays(start: _Date, end: _Date) -> WorkCalendar: ...
    @property
    def preset(self) -> Optional[str]: ...
    @property
    def start(self) -> datetime.date: ...
    @property
    def end(self) -> datetime.date: ...
    @property
    def working_day_count(self) -> int: ...
    def spec_json(self) -> str: ...
    def office_hours(self) -> list[tuple[datetime.time, datetime.time]]: ...
    def is_working_day(self, date: _Date) -> bool: ...
    def day_kind(self, date: _Date) -> str: ...
    def day_name(self, date: _Date) -> Optional[str]: ...
    def add_working_days(self, date: _Date, n: int) -> datetime.date: ...
    def working_days_between(self, a: _Date, b: _Date) -> int: ...
    def days_off(self, start: _Date, end: _Date) -> list[datetime.date]: ...
    def days_off_with_kind(self, start: _Date, end: _Date) -> list[tuple[datetime.date, str, Optional[str]]]: ...
    def add_working_hours(self, at: _Instant, hours: int) -> datetime.datetime: ...
    def add_working_seconds(self, at: _Instant, seconds: int) -> datetime.datetime: ...
    def working_seconds_between(self, a: _Instant, b: _Instant) -> int: ...
    def add_working_days_i64(self, days: _I64, n: Union[int, _I64], out: _I64) -> None: ...
    def add_working_days_i32(self, days: _I32, n: Union[int, _I64], out: _I32) -> None: ...
    def working_days_between_i64(self, a: _I64, b: Union[int, _I64], out: _I64) -> None: ...
    def working_days_between_i32(self, a: _I32, b: Union[int, _I32], out: _I64) -> None: ...
    def is_working_day_i64(self, days: _I64, out: _U8, missing: int) -> None: ...
    def is_working_day_i32(self, days: _I32, out: _U8, missing: int) -> None: ...

@final
class LunarCalendar:
    @staticmethod
    def vietnam() -> LunarCalendar: ...
    @staticmethod
    def china() -> LunarCalendar: ...
    @staticmethod
    def with_utc_offset_minutes(minutes: int) -> LunarCalendar: ...
    @property
    def utc_offset_minutes(self) -> int: ...
    @property
    def first_date(self) -> datetime.date: ...
    @property
    def last_date(self) -> datetime.date: ...
    def to_lunar(self, date: _Date) -> tuple[int, int, int, bool]: ...
    def from_lunar(self, year: int, month: int, day: int, leap: bool) -> datetime.date: ...
    def new_year(self, year: int) -> datetime.date: ...
    def leap_month(self, year: int) -> Optional[int]: ...
    def month_length(self, year: int, month: int, leap: bool) -> int: ...
    def to_lunar_i64(self, days: _I64, year: _I32, month: _U8, day: _U8, leap: _Bool) -> None: ...
    def from_lunar_i64(self, year: _I64, month: _I64, day: _I64, leap: _Bool, out: _I64) -> None: ...

def can_chi(year: int) -> str: ...
def can_chi_en(year: int) -> str: ...
def vietnam_calendar(
    official: bool = True,
    include_pending: bool = False,
    closures: Sequence[tuple[_Date, Optional[str]]] = ...,
    working_days: Sequence[tuple[_Date, Optional[str]]] = ...,
) -> WorkCalendar: ...
def vn_holidays(year: int, official: bool = True, include_pending: bool = False) -> list[tuple[datetime.date, str, str, str]]: ...
def vn_schedule_status(year: int) -> str: ...

@final
class Catalogue:
    @staticmethod
    def from_json(text: str) -> Catalogue: ...
    @staticmethod
    def from_rows(header: Sequence[str], rows: Sequence[Sequence[Optional[str]]], first_row: int = 1) -> Catalogue: ...
    def __len__(self) -> int: ...
    def __contains__(self, code: str, /) -> bool: ...
    def codes(self) -> list[str]: ...
    def get_json(self, code: str) -> str: ...
    def to_json(self) -> str: ...

def parse_time_limit(text: str) -> tuple[str, str]: ...

@final
class Dossier:
    @staticmethod
    def from_json(text: str) -> Dossier: ...
    def to_json(self) -> str: ...
    def validate(self) -> list[tuple[str, str]]: ...

@final
class Rules:
    def __new__(cls, pairs: Sequence[tuple[str, str]] = ...) -> Rules: ...
    @staticmethod
    def options() -> list[tuple[str, list[str]]]: ...
    def items(self) -> list[tuple[str, str]]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def due_json(
    dossier: Dossier,
    calendar: WorkCalendar,
    rules: Optional[Rules] = None,
    catalogue: Optional[Catalogue] = None,
    as_of: Optional[_Instant] = None,
    explain: bool = False,
    lang: str = "vi",
) -> str: ...
def classify_json(
    dossier: Dossier,
    calendar: WorkCalendar,
    as_of: _Instant,
    rules: Optional[Rules] = None,
    catalogue: Optional[Catalogue] = None,
    explain: bool = False,
    lang: str = "vi",
) -> str: ...
def due_records(
    header: Sequence[str],
    columns: Sequence[Any],
    calendar: WorkCalendar,
    rules: Optional[Rules] = None,
    catalogue: Optional[Catalogue] = None,
    as_of: Optional[_Instant] = None,
    map: dict[str, str] = ...,
    coerce: bool = False,
    explain: bool = False,
    lang: str = "vi",
) -> dict[str, Any]: ...
def classify_records(
    header: Sequence[str],
    columns: Sequence[Any],
    calendar: WorkCalendar,
    as_of: _Instant,
    rules: Optional[Rules] = None,
    catalogue: Optional[Catalogue] = None,
    map: dict[str, str] = ...,
    coerce: bool = False,
    explain: bool = False,
    lang: str = "vi",
) -> dict[str, Any]: ...
def report_records(
    header: Sequence[str],
    columns: Sequence[Any],
    calendar: WorkCalendar,
    as_of: _Instant,
    by: Sequence[str] = ...,
    period: Optional[str] = None,
    rules: Optional[Rules] = None,
    catalogue: Optional[Catalogue] = None,
    map: dict[str, str] = ...,
    skip_bad: bool = False,
) -> tuple[str, int, int, list[tuple[int, str, str]]]: ...
def scorecard_records(
    header: Sequence[str],
    columns: Sequence[Any],
    calendar: WorkCalendar,
    as_of: _Instant,
    by: Sequence[str] = ...,
    targets: Optional[str] = None,
    rules: Optional[Rules] = None,
    catalogue: Optional[Catalogue] = None,
    map: dict[str, str] = ...,
    skip_bad: bool = False,
    satisfaction_scale: int = 5,
) -> tuple[
    list[
        tuple[
            list[Optional[str]],
            str,
            int,
            int,
            Optional[float],
            Optional[float],
            Optional[bool],
            Optional[float],
            str,
        ]
    ],
    int,
    int,
    list[tuple[int, str, str]],
]: ...
def indicator_names() -> list[tuple[str, str]]: ...
def targets_json(text: Optional[str] = None) -> list[tuple[str, Optional[float]]]: ...
def catalogue_fields(catalogue: Catalogue) -> list[tuple[Optional[str], int, int, int, Optional[float]]]: ...
