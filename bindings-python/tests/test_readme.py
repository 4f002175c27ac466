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


def package_blocks() -> list[str]:
    """The Python examples of the package's own README (bindings-python/README.md)."""
    text = (ROOT / "bindings-python" / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, re.S)


def readme_files(tmp: Path) -> Path:
    """A working directory holding what the package README's examples name: the repository's
    `core/` (the bundled sample), `dossiers.csv`, `hoso-2026.csv.gz`, `catalogue.json`, and the
    sample split in two as `dossiers/part-*.csv` and `dossiers-*.csv` (Spark's and Dask's
    globs)."""
    import gzip
    import shutil

    sample = ROOT / "core" / "examples" / "sample"
    (tmp / "core").symlink_to(ROOT / "core")
    shutil.copy(sample / "dossiers.csv", tmp / "dossiers.csv")
    shutil.copy(sample / "catalogue.json", tmp / "catalogue.json")
    data = (sample / "dossiers.csv").read_bytes()
    (tmp / "hoso-2026.csv.gz").write_bytes(gzip.compress(data))
    header, *lines = data.decode("utf-8").splitlines(keepends=True)
    half = len(lines) // 2
    (tmp / "dossiers").mkdir()
    for k, part in enumerate((lines[:half], lines[half:]), 1):
        text = header + "".join(part)
        (tmp / "dossiers" / f"part-{k}.csv").write_text(text, encoding="utf-8")
        (tmp / f"dossiers-{k}.csv").write_text(text, encoding="utf-8")
    return tmp


def test_the_package_readme_python_examples_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """bindings-python/README.md's examples before its Spark and Dask section, run in order
    in one namespace; each block's values checked against the library called directly."""
    pytest.importorskip("matplotlib")  # the plot example needs the motcua[plot] extra
    import motcua

    monkeypatch.chdir(readme_files(tmp_path))
    monkeypatch.setenv("MPLBACKEND", os.environ.get("MPLBACKEND", "Agg"))
    found = package_blocks()
    local = [b for b in found if "pyspark" not in b and "md." not in b]
    assert len(local) == 6 and len(found) == 10, "the package README's examples changed: update this test"
    sample = pd.read_csv("core/examples/sample/dossiers.csv", dtype=str)
    cat = motcua.Catalogue.from_file("catalogue.json")
    other = motcua.reports.count(pl.read_csv("dossiers.csv", infer_schema=False), by=["field"], period="month",
                                 as_of="2026-11-15", catalogue=cat)[0]
    ns: dict[str, Any] = {"other_part": other}
    for block in local:
        exec(compile(block, "bindings-python/README.md", "exec"), ns)
    assert ns["cal"].add_working_days("2026-02-13", 1) == dt.date(2026, 2, 23)
    assert str(ns["motcua"].to_lunar("2026-02-17")) == str(motcua.LunarDate(2026, 1, 1))
    # `part.merge(other_part)`: the counts of the same rows twice, cell by cell.
    assert ns["part"].counted == 2 * other.counted == 2 * len(sample)
    # The gzip file is read as the CSV it holds.
    by_month = motcua.report(sample, by="field", period="month", as_of="2026-11-15", catalogue=cat)
    pd.testing.assert_frame_equal(
        motcua.report("hoso-2026.csv.gz", by="field", period="month", as_of="2026-11-15", catalogue=cat), by_month
    )
    assert ns["card"].frame.equals(
        motcua.scorecard(ns["df"], by="agency", as_of="2026-11-15", catalogue=cat, targets={"digitised_rate": 0.9})
    )
    assert len(ns["desk"]) > 0 and set(ns["desk"]["status"]) >= {"due_soon"}
    assert (tmp_path / "office.png").stat().st_size > 10_000
