"""Every case of every shared vector file (tests/vectors/*.json) through the Python API; the
Rust and JS suites run the same files."""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from typing import Any

import pytest

import motcua
from conftest import calendar_of, load_cases

CASES = load_cases()


@lru_cache(maxsize=None)
def lunar_calendar(offset: int) -> motcua.LunarCalendar:
    return motcua.LunarCalendar.with_utc_offset_minutes(offset)


def to_json(v: Any) -> Any:
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%dT%H:%M")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, list):
        return [to_json(x) for x in v]
    if isinstance(v, dict):
        return {k: to_json(x) for k, x in v.items()}
    return v


def evaluate(case: dict[str, Any]) -> Any:
    op, inp = case["op"], case["input"]
    if op == "is_working_day":
        return calendar_of(case).is_working_day(inp["date"])
    if op == "add_working_days":
        return calendar_of(case).add_working_days(inp["date"], inp["n"])
    if op == "working_days_between":
        return calendar_of(case).working_days_between(inp["a"], inp["b"])
    if op == "next_working_day":
        return calendar_of(case).next_working_day(inp["date"])
    if op == "previous_working_day":
        return calendar_of(case).previous_working_day(inp["date"])
    if op == "days_off":
        return calendar_of(case).days_off(inp["from"], inp["to"])
    if op == "to_lunar":
        cal = lunar_calendar(inp.get("utc_offset_minutes", 420))
        return cal.to_lunar(inp["date"])._asdict()
    if op == "from_lunar":
        cal = lunar_calendar(inp.get("utc_offset_minutes", 420))
        return cal.from_lunar(inp["year"], inp["month"], inp["day"], inp["leap"])
    if op == "holidays":
        return calendar_of(case).holidays(inp["year"])
    if op == "due":
        return motcua.due(
            inp["dossier"], calendar_of(case), rules=inp.get("rules"), catalogue=catalogue_of(inp)
        ).to_json()
    if op == "classify":
        return motcua.classify(
            inp["dossier"],
            inp["as_of"],
            calendar_of(case),
            rules=inp.get("rules"),
            catalogue=catalogue_of(inp),
        ).to_json()
    raise AssertionError(f"the Python runner has no op `{op}`")


def catalogue_of(inp: dict[str, Any]) -> Any:
    """An inline catalogue (the ``--catalogue FILE`` JSON), if the case gives one."""
    if "catalogue" not in inp:
        return None
    return motcua.Catalogue.from_json(json.dumps(inp["catalogue"]))


def matches(expected: Any, got: Any) -> bool:
    """Equal, except that for objects only the keys present in ``expected`` are compared."""
    if isinstance(expected, dict) and isinstance(got, dict):
        return all(k in got and matches(v, got[k]) for k, v in expected.items())
    if isinstance(expected, list) and isinstance(got, list):
        return len(expected) == len(got) and all(matches(a, b) for a, b in zip(expected, got))
    return bool(expected == got) and type(expected) is type(got)


@pytest.mark.parametrize(
    "case", [c for _, c in CASES], ids=[f"{f}:{c['id']}" for f, c in CASES]
)
def test_vector(case: dict[str, Any]) -> None:
    assert ("expected" in case) != ("error" in case), "exactly one of expected and error"
    if "error" in case:
        with pytest.raises(motcua.MotcuaError) as info:
            evaluate(case)
        assert info.value.code == case["error"], str(info.value)
        return
    got = to_json(evaluate(case))
    assert matches(case["expected"], got), f"expected {case['expected']!r}, got {got!r}"


def test_every_op_is_covered() -> None:
    ops = {c["op"] for _, c in CASES}
    assert {"add_working_days", "to_lunar", "holidays", "due", "classify"} <= ops
    assert len(CASES) > 1000
