"""Pictures of a calendar year, a report and a scorecard, drawn with matplotlib (the optional
extra: ``pip install "motcua[plot]"``). Each function draws on the ``ax`` given, or on a new
figure, and returns the matplotlib ``Axes``; ``lang`` is ``"vi"`` (default) or ``"en"`` for
titles, labels and legends.

They read only the public data of what they draw: a :class:`~motcua.Calendar`'s day kinds
(:meth:`~motcua.Calendar.day_kind` over the whole year, one native call) and, for the
Vietnamese calendar, its named days (:meth:`~motcua.Calendar.holidays`); a
:class:`~motcua.Report`'s rows; a :class:`~motcua.Scorecard`'s rows. Nothing is recomputed
here: every count and rate is the core's.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from motcua import Calendar, plot
>>> ax = plot.plot_year(Calendar.vietnam(), 2026, lang="en")
>>> ax.get_title()
'Working calendar 2026 (official)'
>>> ax.figure.savefig("calendar-2026.png")  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any, Optional

import numpy as np

from . import _motcua
from .calendar import DAY_KINDS, Calendar
from .error import InvalidArgumentError, _raise

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .indicators import Scorecard
    from .reports import Report

__all__ = ["plot_year", "plot_report", "plot_scorecard", "YEAR_CLASSES"]

#: The kinds of the Vietnamese preset's named days, from the core's table.
HOLIDAY_KINDS: tuple[str, ...] = tuple(_motcua.WorkCalendar.HOLIDAY_KINDS)

#: The classes of day of :func:`plot_year`, in legend order: the calendar's day kinds
#: (:data:`~motcua.calendar.DAY_KINDS`), the days off of the Vietnamese preset told apart by
#: the kind of its named days (statutory, compensatory, swapped, provisional, pending), and a
#: pending day the calendar does not apply. Each with its colour and its Vietnamese and
#: English legend.
YEAR_CLASSES: dict[str, tuple[str, str, str]] = {
    "working": ("#ffffff", "Ngày làm việc", "Working day"),
    "weekly_rest": ("#d9d9d9", "Nghỉ hằng tuần", "Weekly rest"),
    "holiday": ("#c0392b", "Ngày nghỉ lễ", "Holiday"),
    "statutory": ("#c0392b", "Nghỉ lễ, Tết", "Public holiday"),
    "compensatory": ("#e67e22", "Nghỉ bù", "Compensatory day off"),
    "swapped": ("#8e44ad", "Nghỉ hoán đổi", "Swapped day off"),
    "provisional": ("#f1948a", "Nghỉ lễ (dự kiến)", "Holiday (provisional)"),
    "pending": ("#f5b7b1", "Chưa xác nhận (áp dụng)", "Pending (applied)"),
    "closure": ("#7f8c8d", "Nghỉ theo quyết định", "Closure"),
    "makeup_working_day": ("#27ae60", "Làm bù", "Make-up working day"),
    "pending_worked": ("#fdebd0", "Chưa xác nhận (không áp dụng)", "Pending (not applied)"),
}

_TEXT = {
    "vi": {
        "year": "Lịch làm việc năm {year}{status}",
        "month": ["Th1", "Th2", "Th3", "Th4", "Th5", "Th6", "Th7", "Th8", "Th9", "Th10", "Th11", "Th12"],
        "status": {"official": " (chính thức)", "provisional": " (dự kiến)", "statutory": " (theo luật)"},
        "rate": "Tỷ lệ giải quyết đúng hạn (%)",
        "resolved": "số hồ sơ đã giải quyết",
        "report": "Tỷ lệ đúng hạn theo {period}, tính đến {as_of}",
        "period": {"month": "tháng", "quarter": "quý", "year": "năm"},
        "score": "Chỉ số phục vụ so với chỉ tiêu, tính đến {as_of}",
        "target": "chỉ tiêu",
        "no_data": "chưa có dữ liệu",
        "status_label": {"met": "đạt", "not_met": "không đạt", "no_data": "chưa có dữ liệu", "no_target": "không có chỉ tiêu"},
    },
    "en": {
        "year": "Working calendar {year}{status}",
        "month": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        "status": {"official": " (official)", "provisional": " (provisional)", "statutory": " (statutory)"},
        "rate": "Resolved early or on time (%)",
        "resolved": "dossiers resolved",
        "report": "On-time rate by {period}, as of {as_of}",
        "period": {"month": "month", "quarter": "quarter", "year": "year"},
        "score": "Service indicators against targets, as of {as_of}",
        "target": "target",
        "no_data": "no data",
        "status_label": {"met": "met", "not_met": "not met", "no_data": "no data", "no_target": "no target"},
    },
}

_STATUS_COLOURS = {"met": "#27ae60", "not_met": "#c0392b", "no_data": "#bbbbbb", "no_target": "#2a7ab0"}


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - the extra is installed in CI
        raise ImportError('motcua\'s plots need matplotlib: pip install "motcua[plot]"') from e
    return plt


def _text(lang: str) -> dict[str, Any]:
    if lang not in _TEXT:
        raise _raise(InvalidArgumentError, f"lang must be one of {', '.join(_TEXT)}, not {lang!r}")
    return _TEXT[lang]


def _axes(ax: Optional[Axes], size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    fig = _pyplot().figure(figsize=size, constrained_layout=True)
    return fig.add_subplot()


def year_classes(calendar: Calendar, year: int) -> np.ndarray:
    """The class of every day of ``year`` (a key of :data:`YEAR_CLASSES`) as a 12 × 31 object
    array, a row per month (``None`` where a month has no such day): the day's kind, and for a
    holiday of the Vietnamese calendar the kind of its named day."""
    first = np.datetime64(f"{year}-01-01", "D")
    days = np.arange(first, np.datetime64(f"{year + 1}-01-01", "D"), dtype="datetime64[D]")
    classes = np.asarray(calendar.day_kind(days), dtype=object)
    for h in calendar.holidays(year) if calendar.native.preset is not None else ():
        i = (h["date"] - _dt.date(year, 1, 1)).days
        if h["day_off"] and classes[i] == "holiday" and h["kind"] in HOLIDAY_KINDS:
            classes[i] = h["kind"]
        elif h["kind"] == "pending" and not h["day_off"] and classes[i] == "working":
            classes[i] = "pending_worked"
    grid = np.full((12, 31), None, dtype=object)
    month_start = days.astype("datetime64[M]")
    grid[month_start.astype(int) % 12, (days - month_start.astype("datetime64[D]")).astype(int)] = classes
    return grid


def plot_year(calendar: Calendar, year: int, *, ax: Optional[Axes] = None, lang: str = "vi") -> Axes:
    """A year of ``calendar`` as a heat-map, a row per month and a column per day of the month:
    working days, weekly rest days, holidays (for the Vietnamese calendar: statutory,
    compensatory, swapped, provisional and pending days apart), closures and make-up working
    days, with a legend (``lang`` ``"vi"`` or ``"en"``) and the year's schedule status in the
    title. :meth:`Calendar.plot_year` calls it."""
    text = _text(lang)
    grid = year_classes(calendar, year)
    present = [k for k in YEAR_CLASSES if (grid == k).any()]
    codes = np.full(grid.shape, np.nan)
    for i, k in enumerate(present):
        codes[grid == k] = i
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch, Rectangle

    ax = _axes(ax, (11, 4.6))
    cmap = ListedColormap([YEAR_CLASSES[k][0] for k in present])
    ax.imshow(codes, cmap=cmap, vmin=-0.5, vmax=len(present) - 0.5, aspect="auto")
    for m, d in zip(*np.nonzero(grid == None)):  # noqa: E711 (elementwise): 30 Feb, 31 Apr, ...
        ax.add_patch(Rectangle((d - 0.5, m - 0.5), 1, 1, facecolor="none", edgecolor="#bbbbbb", hatch="////",
                               linewidth=0))
    ax.set_xticks(np.arange(31), [str(d) for d in range(1, 32)], fontsize=7)
    ax.set_yticks(np.arange(12), text["month"], fontsize=8)
    ax.set_xticks(np.arange(-0.5, 31), minor=True)
    ax.set_yticks(np.arange(-0.5, 12), minor=True)
    ax.grid(which="minor", color="#999999", linewidth=0.4)
    ax.tick_params(which="minor", length=0)
    ax.tick_params(axis="x", top=True, labeltop=True, bottom=False, labelbottom=False)
    status = ""
    if calendar.native.preset is not None:
        status = text["status"].get(calendar.schedule_status(year), "")
    ax.set_title(text["year"].format(year=year, status=status))
    label = 1 if lang == "vi" else 2
    handles = [
        Patch(facecolor=YEAR_CLASSES[k][0], edgecolor="#999999", label=YEAR_CLASSES[k][label]) for k in present
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=min(len(handles), 5),
              fontsize=8, frameon=False)
    return ax


def plot_report(report: Report, *, ax: Optional[Axes] = None, lang: str = "vi") -> Axes:
    """The on-time rate of each period of ``report`` (built with ``period=``; its totals rows,
    one per period), as bars, with the number of dossiers resolved written above each bar.
    Periods without a resolved dossier have no rate and no bar. :meth:`Report.plot` calls
    it."""
    text = _text(lang)
    if not report.period:
        raise _raise(
            InvalidArgumentError,
            "the report has no periods: build it with period='month' (or 'quarter', 'year') to plot it",
        )
    rows = [r for r in report.totals if r.get("resolved")]
    labels = [str(r.get("period")) for r in rows]
    rates = np.array([100 * r["on_time_rate"] if r.get("on_time_rate") is not None else np.nan for r in rows])
    ax = _axes(ax, (max(6.0, 0.35 * len(rows) + 2), 4.2))
    x = np.arange(len(rows))
    ax.bar(x, rates, color="#2a7ab0")
    low = np.nanmin(rates) if len(rows) and not np.isnan(rates).all() else 0.0
    ax.set_ylim(max(0.0, np.floor(low / 10) * 10 - 5), 101)
    for xi, (rate, r) in enumerate(zip(rates, rows)):
        ax.annotate(f"{r['resolved']:,}", (xi, rate), xytext=(0, 2), textcoords="offset points",
                    ha="center", va="bottom", fontsize=6, color="#555555")
    ax.set_xticks(x, labels, rotation=60, ha="right", fontsize=7)
    ax.set_ylabel(text["rate"])
    ax.set_title(
        text["report"].format(period=text["period"].get(report.period, report.period),
                              as_of=f"{report.as_of:%Y-%m-%d}")
        + f"\n({text['resolved']} " + ("ghi trên cột" if lang == "vi" else "above each bar") + ")",
        fontsize=10,
    )
    return ax


def plot_scorecard(scorecard: Scorecard, *, ax: Optional[Axes] = None, lang: str = "vi") -> Axes:
    """Each indicator of ``scorecard`` (its totals) as a horizontal bar of its value in percent,
    coloured by its status (met, not met, no data, no target), with its target marked and
    ``numerator/denominator`` written beside it; an indicator without data has no bar and says
    so. :meth:`Scorecard.plot` calls it."""
    from matplotlib.patches import Patch

    from .indicators import CAPTIONS

    text = _text(lang)
    rows = scorecard.totals
    ax = _axes(ax, (9, 0.45 * len(rows) + 2.0))
    y = np.arange(len(rows))[::-1]
    for yi, r in zip(y, rows):
        status = r["status"]
        value = r.get("value")
        target = None if r.get("target") is None else 100 * r["target"]
        if target is not None:
            ax.plot([target, target], [yi - 0.4, yi + 0.4], color="#222222", linewidth=2)
        if value is not None:
            ax.barh(yi, 100 * value, color=_STATUS_COLOURS[status], height=0.6)
            at = max(100 * value, target or 0.0)  # written past the bar and the target mark
            ax.annotate(f"{100 * value:.1f}%  ({r['numerator']:,}/{r['denominator']:,})", (at, yi),
                        xytext=(5, 0), textcoords="offset points", va="center", fontsize=7)
        else:
            ax.annotate(text["no_data"], (max(1.0, target or 0.0), yi), xytext=(5, 0), textcoords="offset points",
                        va="center", fontsize=7, color="#666666", style="italic")
    names = [CAPTIONS.get(r["indicator"], r["indicator"]) if lang == "vi" else r["indicator"] for r in rows]
    ax.set_yticks(y, names, fontsize=8)
    ax.set_xlim(0, 135)
    ax.set_xticks([0, 20, 40, 60, 80, 100])
    ax.set_xlabel("%")
    ax.set_title(text["score"].format(as_of=f"{scorecard.as_of:%Y-%m-%d}"), fontsize=10)
    statuses = [s for s in _STATUS_COLOURS if any(r["status"] == s for r in rows)]
    from matplotlib.lines import Line2D

    handles: list[Any] = [Patch(color=_STATUS_COLOURS[s], label=text["status_label"][s]) for s in statuses]
    handles.append(Line2D([0], [0], color="#222222", linewidth=2, label=text["target"]))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=len(handles), fontsize=7,
              frameon=False)
    return ax
