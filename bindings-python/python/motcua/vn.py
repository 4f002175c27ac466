"""Vietnam: the public-sector calendar preset (1995-01-01..2199-12-31), the statutory holidays
by the law in force each year, compensatory days, and the embedded official annual schedules.

Years whose schedule has been announced (2016–2026) follow it (``official``); later years are
computed from the statute and marked ``provisional``; earlier ones are ``statutory``. Days
announced without an enacted legal basis (Vietnamese Culture Day, 24 November, from 2026) are
``pending``: listed by :func:`holidays`, applied to a calendar only with
``include_pending=True``.

>>> from motcua import vn
>>> cal = vn.calendar()
>>> cal.is_working_day("2026-02-20")  # compensatory day of Tết 2026
False
>>> cal.is_working_day("2026-01-10")  # a make-up Saturday
True
>>> vn.schedule_status(2026), vn.schedule_status(2030)
('official', 'provisional')
>>> [h["date"].isoformat() for h in vn.holidays(2026) if h["kind"] == "swapped"]
['2026-01-02', '2026-08-31']
"""

from __future__ import annotations

from typing import Any, Iterable, Optional, Union

from . import _motcua
from .calendar import Calendar
from .civil import DateLike

__all__ = ["calendar", "holidays", "schedule_status", "FIRST_YEAR", "LAST_YEAR"]

#: The first year of the preset (the Labour Code 1994 took effect on 1995-01-01).
FIRST_YEAR: int = _motcua.VN_FIRST_YEAR
#: The last year of the preset.
LAST_YEAR: int = _motcua.VN_LAST_YEAR


def calendar(
    *,
    official: bool = True,
    include_pending: bool = False,
    closures: Optional[Iterable[Union[DateLike, tuple[DateLike, str]]]] = None,
    working_days: Optional[Iterable[Union[DateLike, tuple[DateLike, str]]]] = None,
) -> Calendar:
    """The Vietnamese public-sector calendar (:meth:`Calendar.vietnam`)."""
    return Calendar.vietnam(
        official=official,
        include_pending=include_pending,
        closures=closures,
        working_days=working_days,
    )


def holidays(year: int, *, official: bool = True, include_pending: bool = False) -> list[dict[str, Any]]:
    """The named days of ``year`` in date order, as records ``{"date", "name_vi", "name_en",
    "kind"}`` (ready for ``pandas.DataFrame``), kind one of ``statutory``, ``compensatory``,
    ``swapped``, ``makeup_working_day``, ``provisional``, ``pending``.

    >>> holidays(2026)[0]
    {'date': datetime.date(2026, 1, 1), 'name_vi': 'Tết Dương lịch', 'name_en': "New Year's Day", 'kind': 'statutory'}
    """
    return [
        {"date": d, "name_vi": vi, "name_en": en, "kind": kind}
        for d, vi, en, kind in _motcua.vn_holidays(year, official, include_pending)
    ]


def schedule_status(year: int) -> str:
    """Where ``year``'s days off come from: ``official`` (an announced schedule, 2016–2026),
    ``provisional`` (computed, not yet announced) or ``statutory`` (computed; 1995–2015)."""
    return _motcua.vn_schedule_status(year)

