"""The Python examples of the repository's README run as written (in order, in one namespace,
from the repository's root, as a reader pastes them), and say what their comments say."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl
import pytest

ROOT = Path(__file__).resolve().parents[2]


def blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, re.S)


def test_the_readme_python_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("matplotlib")  # `cal.plot_year` needs the motcua[plot] extra
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("MPLBACKEND", os.environ.get("MPLBACKEND", "Agg"))
    found = blocks()
    assert len(found) >= 3, "the README's Python examples are gone"
    ns: dict[str, Any] = {}
    results = []
    for block in found:
        *body, last = [line for line in block.splitlines() if line.strip()]
        exec(compile("\n".join(body), "README.md", "exec"), ns)
        results.append(eval(compile(last.split("  #")[0], "README.md", "eval"), ns))
    # What the comments say: the date, a polars frame, a pandas frame of the file's rows.
    assert results[0] is not None
    assert ns["cal"].add_working_days("2026-02-13", 3) == dt.date(2026, 2, 25)
    assert isinstance(results[1], pl.DataFrame) and isinstance(results[2], pd.DataFrame)
    assert results[2]["received"].iloc[-1] == 20_000
