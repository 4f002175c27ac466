"""Shared fixtures: the repository root, the shared vectors, calendars by vector name."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

import motcua

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"


def vector_files() -> list[Path]:
    files = sorted(VECTORS.glob("*.json"))
    assert files, f"no vector files in {VECTORS}"
    return files


def load_cases() -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for path in vector_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["cases"], f"{path.name}: no cases"
        assert data["source"], f"{path.name}: a vector file must say its source"
        for case in data["cases"]:
            cases.append((path.stem, case))
    return cases


@lru_cache(maxsize=None)
def calendar_named(key: str) -> motcua.Calendar:
    if key == "weekdays":
        return motcua.Calendar.from_file(ROOT / "core" / "examples" / "weekdays.json")
    if key == "vietnam":
        return motcua.Calendar.vietnam()
    if key == "vietnam_statutory":
        return motcua.Calendar.vietnam(official=False)
    if key == "vietnam_pending":
        return motcua.Calendar.vietnam(include_pending=True)
    spec = json.loads(key)
    if "schedules" in spec:  # {"preset": ..., "schedules": {...}}: a schedules file inline
        official, pending = {
            "vietnam": (True, False),
            "vietnam_statutory": (False, False),
            "vietnam_pending": (True, True),
        }[spec.get("preset", "vietnam")]
        return motcua.Calendar.vietnam(schedules=spec["schedules"], official=official, include_pending=pending)
    return motcua.Calendar.from_spec(key)  # an inline spec, as JSON text


def calendar_of(case: dict[str, Any]) -> motcua.Calendar:
    which = case.get("calendar", "vietnam")
    key = which if isinstance(which, str) else json.dumps(which, sort_keys=True)
    return calendar_named(key)


@pytest.fixture(scope="session")
def vietnam() -> motcua.Calendar:
    return motcua.Calendar.vietnam()


@pytest.fixture(scope="session")
def weekdays() -> motcua.Calendar:
    return calendar_named("weekdays")
