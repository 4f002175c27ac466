"""Vietnam: the public-sector calendar preset (1995-01-01..2199-12-31), the statutory holidays
by the law in force each year, compensatory days, and the embedded official annual schedules.

Years whose schedule has been announced (2016–2026) follow it (``official``); later years are
computed from the statute and marked ``provisional``; earlier ones are ``statutory``. 24
November (Vietnamese Culture Day) is a holiday from 2026 (Resolution 28/2026/QH16, Art. 2).
Arrangements reported without a decision found (the 2026 swap of 23 November, worked 28
November) are ``pending``: listed by :func:`holidays`, applied to a calendar only with
``include_pending=True``.

When a year's schedule is announced, pass it without waiting for a release:
``Calendar.vietnam(schedules="schedules.json")`` (the format of
:meth:`Calendar.schedule`, CLI ``motcua schedule YEAR``).

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

import os
from typing import Any, Iterable, Mapping, Optional, Union

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
    schedules: Union[str, "os.PathLike[str]", Mapping[str, Any], None] = None,
) -> Calendar:
    """The Vietnamese public-sector calendar (:meth:`Calendar.vietnam`)."""
    return Calendar.vietnam(
        official=official,
        include_pending=include_pending,
        closures=closures,
        working_days=working_days,
        schedules=schedules,
    )


def holidays(
    year: int,
    *,
    official: bool = True,
    include_pending: bool = False,
    schedules: Union[str, "os.PathLike[str]", Mapping[str, Any], None] = None,
) -> list[dict[str, Any]]:
    """The named days of ``year`` in date order, as records ``{"date", "name_vi", "name_en",
    "kind", "day_off"}`` (ready for ``pandas.DataFrame``), kind one of ``statutory``,
    ``compensatory``, ``swapped``, ``makeup_working_day``, ``provisional``, ``pending``.

    A table to read, not a list of days off: make-up working days and pending days the
    calendar does not apply are worked, and a statutory day may fall on a weekend. ``day_off``
    says whether the calendar of these options works the date; for date lists use
    :meth:`Calendar.days_off` and :meth:`Calendar.makeup_working_days`.

    >>> holidays(2026)[0]
    {'date': datetime.date(2026, 1, 1), 'name_vi': 'Tết Dương lịch', 'name_en': "New Year's Day", 'kind': 'statutory', 'day_off': True}
    """
    if schedules is not None:
        return calendar(official=official, include_pending=include_pending, schedules=schedules).holidays(year)
    return [
        {"date": d, "name_vi": vi, "name_en": en, "kind": kind, "day_off": off}
        for d, vi, en, kind, off in _motcua.vn_holidays(year, official, include_pending)
    ]


def schedule_status(year: int) -> str:
    """What ``year``'s schedule is on the default preset: ``official`` (an announced schedule,
    2016–2026), ``provisional`` (computed, not yet announced) or ``statutory`` (computed;
    1995–2015). With a schedules file: :meth:`Calendar.schedule_status` and
    :meth:`Calendar.schedule_source`."""
    return _motcua.vn_schedule_status(year)

