"""The pictures (``motcua.plot``, the ``plot`` extra): each is rendered to a PNG with the Agg
backend and checked non-empty and sized, and what it draws is checked against data computed
without it (the shared vectors, the report's and the scorecard's rows). Set
``MOTCUA_PLOT_DIR`` to keep the PNGs (to look at them)."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from conftest import ROOT, VECTORS  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

import motcua  # noqa: E402
import motcua.indicators  # noqa: E402
from motcua import plot  # noqa: E402

AS_OF = "2026-11-30"


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    kept = os.environ.get("MOTCUA_PLOT_DIR")
    if kept:
        Path(kept).mkdir(parents=True, exist_ok=True)
        return Path(kept)
    return tmp_path_factory.mktemp("plots")


@pytest.fixture(scope="module")
def sample() -> dict[str, Any]:
    where = ROOT / "core" / "examples" / "sample"
    frame = pd.read_csv(where / "dossiers.csv", dtype=str, keep_default_na=False).replace("", None)
    return {"frame": frame, "catalogue": motcua.Catalogue.from_file(where / "catalogue.json")}


def _png(ax: Any, path: Path, min_size: tuple[int, int]) -> None:
    ax.figure.savefig(path, dpi=80)
    plt.close(ax.figure)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, len(data)
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width >= min_size[0] and height >= min_size[1], (width, height)
    # not a blank canvas: many distinct colours
    image = plt.imread(path)
    assert len(np.unique(image.reshape(-1, image.shape[-1]), axis=0)) > 20


def _vector_kinds(year: int) -> dict[dt.date, str]:
    data = json.loads((VECTORS / "holidays.json").read_text(encoding="utf-8"))
    (case,) = [c for c in data["cases"] if c["op"] == "holidays" and c["input"] == {"year": year}]
    return {dt.date.fromisoformat(h["date"]): h["kind"] for h in case["expected"]}


def test_plot_year(out_dir: Path) -> None:
    cal = motcua.Calendar.vietnam()
    grid = plot.year_classes(cal, 2026)
    assert set(plot.YEAR_CLASSES) >= {*motcua.calendar.DAY_KINDS, *plot.HOLIDAY_KINDS}
    # against the shared vectors (computed without motcua): every weekday named a day off has
    # its kind; make-up days are make-up days; the rest of the weekdays are working days
    kinds = _vector_kinds(2026)
    for day in (dt.date(2026, 1, 1) + dt.timedelta(n) for n in range(365)):
        got = grid[day.month - 1, day.day - 1]
        kind = kinds.get(day)
        if kind == "makeup_working_day":
            assert got == "makeup_working_day", day
        elif kind == "pending":
            assert got in ("pending_worked", "weekly_rest"), (day, got)
        elif kind is not None and day.weekday() < 5:
            assert got == kind, (day, got, kind)
        elif day.weekday() >= 5:
            assert got in ("weekly_rest", "statutory"), (day, got)
        else:
            assert got == "working", (day, got)
    assert grid[1, 29] is None and grid[3, 30] is None and grid[11, 30] == "working"
    for lang in ("vi", "en"):
        ax = cal.plot_year(2026, lang=lang)
        title = ax.get_title()
        assert "2026" in title and ("chính thức" in title if lang == "vi" else "official" in title)
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
        assert ("Nghỉ bù" if lang == "vi" else "Compensatory day off") in legend
        assert sum(bool(isinstance(p, Rectangle) and p.get_hatch()) for p in ax.patches) == 7  # 29–31 Feb, ...
        _png(ax, out_dir / f"calendar-2026-{lang}.png", (800, 300))
    spec = motcua.Calendar.from_spec({"weekmask": "1111100", "from": "2026-01-01", "to": "2026-12-31",
                                      "closures": ["2026-03-06"], "working_days": ["2026-03-07"]})
    g = plot.year_classes(spec, 2026)
    assert (g[2, 5], g[2, 6], g[2, 7]) == ("closure", "makeup_working_day", "weekly_rest")
    with pytest.raises(motcua.InvalidArgumentError):
        cal.plot_year(2026, lang="fr")


def test_plot_report(out_dir: Path, sample: dict[str, Any]) -> None:
    report = motcua.Report.build(sample["frame"], period="month", as_of=AS_OF, calendar=motcua.Calendar.vietnam(),
                                 catalogue=sample["catalogue"])
    ax = report.plot(lang="en")
    months = [r for r in report.totals if r["resolved"]]
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(months) >= 20 and len(bars) == len(months)
    assert [round(b.get_height(), 9) for b in bars] == [round(100 * r["on_time_rate"], 9) for r in months]
    assert [t.get_text() for t in ax.texts] == [f"{r['resolved']:,}" for r in months]
    assert [t.get_text() for t in ax.get_xticklabels()] == [r["period"] for r in months]
    _png(ax, out_dir / "report-monthly.png", (600, 300))
    no_period = motcua.Report.build(sample["frame"], as_of=AS_OF, catalogue=sample["catalogue"])
    with pytest.raises(motcua.InvalidArgumentError, match="period="):
        no_period.plot()


def test_plot_scorecard(out_dir: Path, sample: dict[str, Any]) -> None:
    scores = motcua.Scorecard.build(sample["frame"], as_of=AS_OF, calendar=motcua.Calendar.vietnam(),
                                    catalogue=sample["catalogue"], targets={"digitised_rate": 0.9})
    ax = scores.plot()
    totals = scores.totals
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    with_value = [r for r in totals if r["value"] is not None]
    assert len(bars) == len(with_value) and len(with_value) >= 8
    assert sorted(round(b.get_width(), 9) for b in bars) == sorted(round(100 * r["value"], 9) for r in with_value)
    targets = sorted(round(float(np.asarray(line.get_xdata())[0]), 9) for line in ax.lines)
    assert targets == sorted(round(100 * r["target"], 9) for r in totals if r["target"] is not None)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [motcua.indicators.CAPTIONS[r["indicator"]] for r in totals]
    _png(ax, out_dir / "scorecard.png", (600, 300))
