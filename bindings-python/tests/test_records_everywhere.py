"""One record road, the same answer from every door (issue 14): for generated records
(tests/vectors/tools/gen_records.py) and the bundled sample, the report and the scorecard are
identical from the CLI (CSV and JSON lines) and from Python over every kind of frame — pandas
numpy- and Arrow-backed, polars DataFrame and LazyFrame, pyarrow — with text cells (ISO and
``dd/mm/yyyy``), parsed naive timestamps and zoned ones (converted to UTC+7), categoricals,
nullable flags and ratings; for every ``--by`` / ``--period`` / ``--rule`` combination.

The CLI is ``MOTCUA_CLI`` or a built ``target/{debug,release}/motcua``; without one the test
fails when ``MOTCUA_REQUIRE_CLI=1`` (as ``.ci/python.sh`` sets), else skips.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import pickle
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Optional

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import motcua
from motcua.indicators import Scorecard
from motcua.reports import Report

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT / "tests" / "vectors" / "tools" / "gen_records.py"
SAMPLE = ROOT / "core" / "examples" / "sample"
CATALOGUE_PATH = SAMPLE / "catalogue.json"
AS_OF = "2026-11-15"
INSTANTS = [
    "received",
    "supplement_requested",
    "supplement_received",
    "resolved",
    "refused",
    "withdrawn",
    "feedback_received",
    "feedback_handled",
]
BYS: list[Any] = [None, "field", ["agency", "channel"]]
PERIODS = [None, "month", "quarter", "year"]
RULES = [
    None,
    "supplement=restart",
    "counting=hours",
    "compare=instant",
    "apology=counts_late",
    "multi_supplement=late",
    "deemed_receipt=calendar_day",
]


@lru_cache(maxsize=None)
def cli() -> str:
    env = os.environ.get("MOTCUA_CLI")
    if env:
        return env
    for d in (os.environ.get("CARGO_TARGET_DIR"), str(ROOT / "target")):
        for profile in ("debug", "release"):
            if d and (Path(d) / profile / "motcua").is_file():
                return str(Path(d) / profile / "motcua")
    found = shutil.which("motcua")
    if found:
        return found
    if os.environ.get("MOTCUA_REQUIRE_CLI") == "1":
        pytest.fail("MOTCUA_REQUIRE_CLI=1 but no motcua CLI was found (MOTCUA_CLI, target/*/motcua)")
    pytest.skip("no motcua CLI built (set MOTCUA_CLI)")


def by_list(by: Any) -> list[str]:
    return [by] if isinstance(by, str) else list(by or [])


def run_cli(command: str, path: Path, by: Any, period: Optional[str], rule: Optional[str], as_of: str) -> Any:
    cmd = [cli(), command, str(path), "--catalogue", str(CATALOGUE_PATH), "--as-of", as_of, "--format", "json"]
    if by_list(by):
        cmd += ["--by", ",".join(by_list(by))]
    if period:
        cmd += ["--period", period]
    if rule:
        cmd += ["--rule", rule]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


@pytest.fixture(scope="module")
def catalogue() -> motcua.Catalogue:
    return motcua.Catalogue.from_file(CATALOGUE_PATH)


@lru_cache(maxsize=None)
def generated(seed: int, rows: int = 400) -> Path:
    out = Path(os.environ.get("PYTEST_TMPDIR", "/tmp")) / f"motcua-records-{os.getpid()}-{seed}"
    subprocess.run([sys.executable, str(GENERATOR), "--seed", str(seed), "--rows", str(rows), "--out", str(out)], check=True)
    return out


# ---------------------------------------------------------------------- the frames


def parse_instant(text: Optional[str]) -> Optional[dt.datetime]:
    """The Vietnam wall-clock instant of a cell (independently of motcua); a date alone is
    00:00."""
    if text is None or text == "":
        return None
    for fmt in ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            pass
    raise AssertionError(text)


def parse_column(s: pd.Series) -> pd.Series:
    """``parse_instant`` of every cell, vectorized: ISO forms, then ``dd/mm/yyyy[ HH:MM]``."""
    out = pd.to_datetime(s, format="ISO8601", errors="coerce")
    for fmt in ("%d/%m/%Y %H:%M", "%d/%m/%Y"):
        todo = out.isna() & s.notna()
        if todo.any():
            out = out.where(~todo, pd.to_datetime(s.where(todo), format=fmt, errors="coerce"))
    assert not (out.isna() & s.notna()).any(), s[out.isna() & s.notna()].head()
    return out.astype("datetime64[ns]")


def text_frame(path: Path) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=object, keep_default_na=False)
    return df.replace("", None)


def typed_pandas(path: Path, zone: Optional[str]) -> pd.DataFrame:
    """Instants parsed (datetime64[ns]; with `zone`, the same instants in that zone), new_due a
    date, flags nullable booleans, ratings floats with NaN, field and agency categoricals when
    zoned."""
    df = text_frame(path)
    for c in INSTANTS:
        s = parse_column(df[c])
        if zone:
            s = s.dt.tz_localize("Asia/Ho_Chi_Minh").dt.tz_convert(zone)
        df[c] = s
    df["new_due"] = parse_column(df["new_due"]).astype("datetime64[s]")
    for c in ("digitised", "result_digitised"):
        df[c] = df[c].map({"true": True, "false": False}).astype("boolean")
    df["satisfaction"] = pd.to_numeric(df["satisfaction"]).astype("float64")
    if zone:
        df["field"] = df["field"].astype("category")
        df["agency"] = df["agency"].astype("category")
    return df


def arrow_table(path: Path) -> pa.Table:
    """Zoned timestamps (Asia/Ho_Chi_Minh, stored as UTC), date32, bool, int64, a dictionary
    column, large strings."""
    df = typed_pandas(path, "UTC")
    cols: dict[str, Any] = {}
    for c in df.columns:
        s = df[c]
        if c in INSTANTS:
            cols[c] = pa.array(s.dt.tz_convert("Asia/Ho_Chi_Minh")).cast(pa.timestamp("us", tz="Asia/Ho_Chi_Minh"))
        elif c == "new_due":
            cols[c] = pa.array(s).cast(pa.date32())
        elif c == "satisfaction":
            cols[c] = pa.array(s.astype("Int64"))
        elif c in ("digitised", "result_digitised"):
            cols[c] = pa.array(s)
        elif c == "agency":
            cols[c] = pa.array(s.astype(object)).dictionary_encode()
        else:
            cols[c] = pa.array(s.astype(object), type=pa.large_string())
    return pa.table(cols)


def polars_frame(path: Path, zone: Optional[str]) -> pl.DataFrame:
    df = pl.from_pandas(typed_pandas(path, None).astype({"field": object, "agency": object}))
    if zone:
        df = df.with_columns(
            [pl.col(c).dt.replace_time_zone("Asia/Ho_Chi_Minh").dt.convert_time_zone(zone) for c in INSTANTS]
            + [pl.col("field").cast(pl.Categorical)]
        )
    return df


FRAMES: dict[str, Callable[[Path], Any]] = {
    "pandas text (ISO and dd/mm/yyyy)": text_frame,
    "pandas numpy naive": lambda p: typed_pandas(p, None),
    "pandas numpy zoned (UTC), categoricals": lambda p: typed_pandas(p, "UTC"),
    "pandas Arrow-backed zoned": lambda p: arrow_table(p).to_pandas(types_mapper=pd.ArrowDtype),
    "polars naive": lambda p: polars_frame(p, None),
    "polars text": lambda p: pl.read_csv(p, infer_schema=False),
    "polars lazy zoned (America/New_York)": lambda p: polars_frame(p, "America/New_York").lazy(),
    "pyarrow zoned, dictionary": arrow_table,
    "pyarrow record batch reader": lambda p: reader(arrow_table(p)),
}


def reader(table: pa.Table) -> pa.RecordBatchReader:
    return pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=97))


@lru_cache(maxsize=None)
def frames(path: Path) -> dict[str, Any]:
    out = {name: make(path) for name, make in FRAMES.items() if name != "pyarrow record batch reader"}
    table = out["pyarrow zoned, dictionary"]
    out["pyarrow record batch reader"] = r = reader(table)
    frames_tables[id(r)] = table
    return out


def fresh(name: str, frame: Any) -> Any:
    """The frame to use once: a record batch reader is read once, so a new one each time."""
    if isinstance(frame, pa.RecordBatchReader):
        return reader(frames_tables[id(frame)])
    return frame


frames_tables: dict[int, pa.Table] = {}


def report_rows(frame: Any, by: Any, period: Optional[str], rule: Optional[str], as_of: str, cat: motcua.Catalogue) -> list[dict[str, Any]]:
    rules = [rule] if rule else None
    rows: list[dict[str, Any]] = Report.build(frame, by=by, period=period, as_of=as_of, catalogue=cat, rules=rules).rows
    return rows


# ---------------------------------------------------------------------- the property


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_door_gives_the_same_report(seed: int, catalogue: motcua.Catalogue) -> None:
    out = generated(seed)
    csv_path, jsonl_path = out / "records.csv", out / "records.jsonl"
    built = frames(csv_path)
    # Every combination for the first seed; the by x period grid and each rule once for the others.
    combos = list(itertools.product(BYS, PERIODS, RULES))
    if seed != 1:
        combos = [(b, p, None) for b, p in itertools.product(BYS, PERIODS)] + [("field", "month", r) for r in RULES[1:]]
    for by, period, rule in combos:
        want = run_cli("report", csv_path, by, period, rule, AS_OF)
        assert run_cli("report", jsonl_path, by, period, rule, AS_OF) == want, (by, period, rule)
        assert want[-1]["received"] == 400 or period
        for name, frame in built.items():
            got = report_rows(fresh(name, frame), by, period, rule, AS_OF, catalogue)
            assert got == want, (name, by, period, rule)


def test_frames_from_the_cores_columns_equal_the_frames_of_the_rows(catalogue: motcua.Catalogue) -> None:
    """A report built by the core makes its DataFrames from the core's columns (no Python
    object a row); a `Report` of the CLI's JSON rows makes them row by row. The two agree in
    values and types for every grouping and period: the totals' null keys, the periods, the
    rates with a zero denominator (null) included, and an empty table."""
    out = generated(1)
    csv_path = out / "records.csv"
    header_only = out / "header_only.csv"
    header_only.write_text(csv_path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    frame = text_frame(csv_path)
    null_rates = 0
    for path, by, period in [(csv_path, b, p) for b, p in itertools.product(BYS, PERIODS)] + [(header_only, "field", "month")]:
        source = frame if path == csv_path else frame.iloc[:0]
        built = Report.build(source, by=by, period=period, as_of=AS_OF, catalogue=catalogue)
        rows = run_cli("report", path, by, period, None, AS_OF)
        of_rows = Report(rows, by=built.by, period=period, as_of=built.as_of, counted=built.counted,
                         left_out=built.left_out, skipped=[])
        got, want = built.to_polars(), of_rows.to_polars()
        assert got.schema == want.schema and got.equals(want), (by, period)
        pd.testing.assert_frame_equal(built.to_pandas(), of_rows.to_pandas(), check_exact=True)
        assert len(built) == len(rows) and built.rows == rows, (by, period)
        null_rates += sum(got[c].null_count() for c in motcua.reports.RATE_COLUMNS)
        # Rows assigned are what the frames show from then on.
        built.rows = rows[-1:]
        assert built.to_polars().equals(want.tail(1)) and len(built.to_pandas()) == len(built) == 1
    assert null_rates > 0  # the zero denominators were met


@pytest.mark.parametrize("as_of", ["2026-03-31T12:00", "2026-01-15"])
def test_an_earlier_as_of_leaves_the_same_dossiers_out(as_of: str, catalogue: motcua.Catalogue) -> None:
    csv_path = generated(2) / "records.csv"
    for by, period in [("field", "month"), (None, None)]:
        want = run_cli("report", csv_path, by, period, None, as_of)
        for name, frame in frames(csv_path).items():
            r = Report.build(fresh(name, frame), by=by, period=period, as_of=as_of, catalogue=catalogue)
            assert r.rows == want, (name, as_of)
            assert r.left_out > 0 and r.counted + r.left_out == 400


@pytest.mark.parametrize("seed", [1, 3])
@pytest.mark.filterwarnings("ignore:.*have no value, left out of:UserWarning")  # (the generator leaves flags empty)
def test_every_door_gives_the_same_scorecard(seed: int, catalogue: motcua.Catalogue) -> None:
    csv_path = generated(seed) / "records.csv"
    jsonl_path = generated(seed) / "records.jsonl"
    built = frames(csv_path)
    combos = list(itertools.product([None, "agency", ["field", "channel"]], RULES))
    if seed != 1:
        combos = [(b, None) for b in (None, "agency")] + [("agency", r) for r in RULES[1:]]
    for by, rule in combos:
        want = run_cli("scorecard", csv_path, by, None, rule, AS_OF)["indicators"]
        assert run_cli("scorecard", jsonl_path, by, None, rule, AS_OF)["indicators"] == want
        for name, frame in built.items():
            got = Scorecard.build(fresh(name, frame), by=by, as_of=AS_OF, catalogue=catalogue, rules=[rule] if rule else None).rows
            assert got == want, (name, by, rule)


def test_the_sample_from_every_door(catalogue: motcua.Catalogue) -> None:
    path = SAMPLE / "dossiers.csv"
    built = frames(path)
    # (`"agency,channel"`: two columns, as the CLI's `--by` and JS's `by` read the text.)
    # (`" agency, channel,"`: names trimmed and the empty one dropped, as the CLI and JS.)
    for by, period in [("field", "month"), (["agency", "channel"], "quarter"), (" agency, channel,", "year"), (None, None)]:
        want = run_cli("report", path, by, period, None, AS_OF)
        for name, frame in built.items():
            assert report_rows(fresh(name, frame), by, period, None, AS_OF, catalogue) == want, (name, by, period)
    want = run_cli("scorecard", path, "agency", None, None, AS_OF)["indicators"]
    assert Scorecard.build(built["polars naive"], by="agency", as_of=AS_OF, catalogue=catalogue).rows == want


def test_grouping_by_the_catalogues_field_when_the_records_lack_it(catalogue: motcua.Catalogue) -> None:
    """Records by procedure code without a ``field`` column: ``by="field"`` reads each
    procedure's from the catalogue, as the CLI does, from pandas, polars, pyarrow and a file;
    the sample without its ``field`` column gives the sample's report by field."""
    path = SAMPLE / "dossiers.csv"
    want = run_cli("report", path, "field", "quarter", None, AS_OF)
    built = frames(path)
    dropped = {
        "pandas numpy naive": built["pandas numpy naive"].drop(columns=["field"]),
        "polars naive": built["polars naive"].drop("field"),
        "pyarrow zoned, dictionary": built["pyarrow zoned, dictionary"].drop_columns(["field"]),
    }
    for name, frame in dropped.items():
        assert report_rows(frame, "field", "quarter", None, AS_OF, catalogue) == want, name
    without = pd.read_csv(path, dtype=str, keep_default_na=False).drop(columns=["field"])
    assert report_rows(without, ["agency", "field"], None, None, AS_OF, catalogue) == run_cli(
        "report", path, ["agency", "field"], None, None, AS_OF
    )
    with pytest.raises(motcua.MotcuaError, match="catalogue"):
        motcua.report(without, by="field", as_of=AS_OF)


def test_map_names_are_trimmed_as_the_clis(catalogue: motcua.Catalogue, tmp_path: Path) -> None:
    """``map=`` names trimmed, as the CLI's ``--map`` and JS's ``map`` read them (``" received
    "`` was a missing column here only); an empty one is an error."""
    path = SAMPLE / "dossiers.csv"
    renamed = tmp_path / "renamed.csv"
    text = path.read_text(encoding="utf-8")
    renamed.write_text(text.replace("received,", "Ngay Nhan,", 1), encoding="utf-8")
    cmd = [cli(), "report", str(renamed), "--catalogue", str(CATALOGUE_PATH), "--as-of", AS_OF,
           "--format", "json", "--by", "field", "--map", " received = Ngay Nhan "]
    want = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    frame = pd.read_csv(renamed, dtype=str, keep_default_na=False)
    got = Report.build(frame, by=" field", map={" received ": " Ngay Nhan "}, as_of=AS_OF, catalogue=catalogue).rows
    assert got == want
    with pytest.raises(motcua.InvalidArgumentError, match="`received` is mapped to no column"):
        motcua.report(frame, map={"received": "  "}, as_of=AS_OF, catalogue=catalogue)
    # Two keys that trim to one name: which one would be read is a guess (the CLI refuses it).
    with pytest.raises(motcua.InvalidArgumentError, match="mapped twice"):
        motcua.report(frame, map={"received": "Ngay Nhan", " received": "resolved"}, as_of=AS_OF, catalogue=catalogue)


def test_a_column_named_with_a_comma_is_grouped_by_the_list_form() -> None:
    """``by="Họ, tên"`` is two names, as the CLI's ``--by`` reads it; a frame with a column of
    that name is told the list form, which takes the name whole."""
    df = pd.DataFrame({"received": ["2026-03-02T09:00"], "time_limit": ["3wd"], "Họ, tên": ["A"]})
    with pytest.raises(motcua.CsvMissingColumnError, match=r"by=\['Họ, tên'\]"):
        motcua.report(df, by="Họ, tên", as_of="2026-03-10")
    assert list(motcua.report(df, by=["Họ, tên"], as_of="2026-03-10")["Họ, tên"][:1]) == ["A"]


def test_a_spreadsheets_empty_rows_are_not_dossiers(catalogue: motcua.Catalogue, tmp_path: Path) -> None:
    # A spreadsheet saves its empty rows as separators alone (`,,,,`); read into a frame they
    # are rows of nulls. Every door skips them as blank lines: the report of the rows alone,
    # no error, none skipped; a per-row answer keeps their place, missing.
    lines = (SAMPLE / "dossiers.csv").read_text(encoding="utf-8").splitlines()[:301]
    empty = "," * lines[0].count(",")
    plain, blanks = tmp_path / "plain.csv", tmp_path / "blanks.csv"
    plain.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with_blanks = [lines[0]] + [x for i, line in enumerate(lines[1:]) for x in ([line, empty] if i % 50 == 7 else [line])]
    blanks.write_text("\n".join(with_blanks + [empty, empty]) + "\n", encoding="utf-8")
    for by, period in [("field", "month"), (None, None)]:
        want = run_cli("report", plain, by, period, None, AS_OF)
        assert run_cli("report", blanks, by, period, None, AS_OF) == want
        for name, frame in frames(blanks).items():
            r = Report.build(fresh(name, frame), by=by, period=period, as_of=AS_OF, catalogue=catalogue)
            assert r.rows == want, (name, by, period)
            assert not r.skipped and r.counted + r.left_out == 300, name
    df = pd.read_csv(blanks, dtype=str)
    assert df.iloc[8].isna().all()
    got = motcua.classify(df, AS_OF, catalogue=catalogue)
    assert len(got) == len(df) and got["outcome"].isna().sum() == df.isna().all(axis=1).sum()
    assert bool(got["left_out"].iloc[8]) and pd.isna(got["due"].iloc[8])
    coerced = motcua.classify(df, AS_OF, catalogue=catalogue, errors="coerce")
    assert coerced["error_code"].isna().all() and coerced["outcome"].isna().sum() == got["outcome"].isna().sum()
    assert got["outcome"].iloc[9] == motcua.classify(df.iloc[[9]], AS_OF, catalogue=catalogue)["outcome"].iloc[0]


@pytest.mark.filterwarnings("ignore:.*have no value, left out of:UserWarning")  # (the generator leaves flags empty)
def test_input_format_reads_a_file_whatever_its_name_as_the_cli_does(catalogue: motcua.Catalogue, tmp_path: Path) -> None:
    # `input_format` is the CLI's `--input-format`: JSON lines in a `.json` file (as
    # mongoexport names them) or CSV in a `.jsonl` one, read as the format says.
    out = generated(2)
    lines, table = tmp_path / "export.json", tmp_path / "export.jsonl"
    shutil.copy(out / "records.jsonl", lines)
    shutil.copy(out / "records.csv", table)
    cmd = [cli(), "report", str(lines), "--input-format", "jsonl", "--catalogue", str(CATALOGUE_PATH), "--as-of", AS_OF, "--format", "json", "--by", "field", "--period", "month"]
    want = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    assert want == run_cli("report", out / "records.jsonl", "field", "month", None, AS_OF)
    for path in (lines, str(lines)):
        got = Report.build(path, input_format="jsonl", by="field", period="month", as_of=AS_OF, catalogue=catalogue)
        assert got.rows == want
    assert Report.build(table, input_format="csv", by="field", period="month", as_of=AS_OF, catalogue=catalogue).rows == want
    frame = motcua.report(lines, input_format="jsonl", by="field", period="month", as_of=AS_OF, catalogue=catalogue)
    pd.testing.assert_frame_equal(frame, motcua.report(out / "records.csv", by="field", period="month", as_of=AS_OF, catalogue=catalogue))
    assert Scorecard.build(lines, input_format="jsonl", by="agency", as_of=AS_OF, catalogue=catalogue).rows == run_cli(
        "scorecard", out / "records.jsonl", "agency", None, None, AS_OF
    )["indicators"]
    pd.testing.assert_frame_equal(
        motcua.worklist(lines, input_format="jsonl", as_of=AS_OF, catalogue=catalogue).drop(columns="row"),
        motcua.worklist(out / "records.jsonl", as_of=AS_OF, catalogue=catalogue).drop(columns="row"),
    )
    pd.testing.assert_frame_equal(
        motcua.report(lines, input_format="jsonl", stages=True, as_of=AS_OF, catalogue=catalogue),
        motcua.report(out / "records.csv", stages=True, as_of=AS_OF, catalogue=catalogue),
    )
    # Without it, a file is told by its name: these two are misread and say so.
    with pytest.raises(motcua.MotcuaError):
        motcua.report(lines, as_of=AS_OF, catalogue=catalogue)
    with pytest.raises(motcua.MotcuaError):
        motcua.report(table, as_of=AS_OF, catalogue=catalogue)
    # A format other than the two, or a format for a frame, is refused.
    for bad in ("json", "JSONL", " jsonl", "ndjson", 1, True):
        with pytest.raises(motcua.InvalidArgumentError, match="input_format"):
            motcua.report(lines, input_format=bad, as_of=AS_OF, catalogue=catalogue)  # type: ignore[arg-type]
    with pytest.raises(motcua.InvalidArgumentError, match="input_format is for a file's path"):
        motcua.report(text_frame(out / "records.csv"), input_format="csv", as_of=AS_OF, catalogue=catalogue)


@pytest.mark.filterwarnings("ignore:.*have no value, left out of:UserWarning")  # (the generator leaves flags empty)
def test_a_file_path_is_read_as_the_cli_reads_it(catalogue: motcua.Catalogue, tmp_path: Path) -> None:
    # A CSV or JSON-lines file given by its path is streamed by the core: the CLI's report and
    # scorecard, without loading a frame; bad rows are located by their line.
    out = generated(1)
    for path in (out / "records.csv", out / "records.jsonl", SAMPLE / "dossiers.csv"):
        for by, period, rule in [("field", "month", None), (["agency", "channel"], "quarter", "supplement=restart"), (None, None, "counting=hours")]:
            want = run_cli("report", path, by, period, rule, AS_OF)
            for source in (path, str(path)):
                assert report_rows(source, by, period, rule, AS_OF, catalogue) == want, (path, by, period, rule)
        want = run_cli("scorecard", path, "agency", None, None, AS_OF)["indicators"]
        assert Scorecard.build(path, by="agency", as_of=AS_OF, catalogue=catalogue).rows == want, path
    # gzip'd, told by its bytes whatever its name; `.jsonl.gz` is JSON lines.
    import gzip

    for src, name in ((out / "records.csv", "records.csv.gz"), (out / "records.jsonl", "records.jsonl.gz"), (out / "records.csv", "records.dat")):
        packed = tmp_path / name
        packed.write_bytes(gzip.compress(src.read_bytes()))
        assert report_rows(packed, "field", "month", None, AS_OF, catalogue) == run_cli("report", src, "field", "month", None, AS_OF), name
    frame = motcua.report(SAMPLE / "dossiers.csv", by="field", as_of=AS_OF, catalogue=catalogue)
    assert isinstance(frame, pd.DataFrame)
    pd.testing.assert_frame_equal(frame, motcua.report(text_frame(SAMPLE / "dossiers.csv"), by="field", as_of=AS_OF, catalogue=catalogue))
    lines = (SAMPLE / "dossiers.csv").read_text(encoding="utf-8").splitlines()[:101]
    lines[7] = lines[7].replace(",20", ",2O", 1)
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(motcua.CsvFieldError) as e:
        motcua.report(bad, as_of=AS_OF, catalogue=catalogue)
    assert (e.value.line, e.value.index) == (8, None)
    r = Report.build(bad, as_of=AS_OF, catalogue=catalogue, skip_bad=True)
    assert r.counted + r.left_out == 99 and [(s["line"], s["index"], s["code"]) for s in r.skipped] == [(8, None, "csv_field")]
    with pytest.raises(motcua.MotcuaError) as missing:
        motcua.report(tmp_path / "no-such.csv", as_of=AS_OF)
    assert missing.value.code == "io" and "no-such.csv" in str(missing.value)


# ---------------------------------------------------------------------- threads, chunks, partials


def test_one_thread_or_many_and_chunks_give_the_same_report(catalogue: motcua.Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    csv_path = generated(1) / "records.csv"
    frame = typed_pandas(csv_path, "UTC")
    one = Report.build(frame, by="field", period="month", as_of=AS_OF, catalogue=catalogue, threads=1).rows
    assert Report.build(frame, by="field", period="month", as_of=AS_OF, catalogue=catalogue, threads=3).rows == one
    # A frame handed over in chunks (object columns are converted chunk by chunk).
    from motcua import _records

    monkeypatch.setattr(_records, "CHUNK_ROWS", 37)
    text = text_frame(csv_path)
    chunked = Report.build(text, by="field", period="month", as_of=AS_OF, catalogue=catalogue)
    assert chunked.rows == one
    lazy = Report.build(pl.from_pandas(text).lazy(), by="field", period="month", as_of=AS_OF, catalogue=catalogue)
    assert lazy.rows == one


def test_partial_reports_merge_and_pickle(catalogue: motcua.Catalogue) -> None:
    csv_path = generated(3) / "records.csv"
    frame = text_frame(csv_path)
    whole = Report.build(frame, by=["agency"], period="quarter", as_of=AS_OF, catalogue=catalogue)
    parts = [
        motcua.reports.count(frame.iloc[i : i + 90], by=["agency"], period="quarter", as_of=AS_OF, catalogue=catalogue)[0]
        for i in range(0, len(frame), 90)
    ]
    merged = pickle.loads(pickle.dumps(parts[0]))
    assert merged == parts[0]
    for p in reversed(parts[1:]):
        merged.merge(pickle.loads(pickle.dumps(p)))
    assert Report.from_partial(merged).rows == whole.rows
    assert merged.counted == whole.counted == 400
    other = motcua.PartialReport(AS_OF, ["field"], "quarter")
    with pytest.raises(motcua.InvalidArgumentError, match="different options"):
        merged.merge(other)


# ---------------------------------------------------------------------- time zones and as-of


def test_zoned_timestamps_are_converted_to_vietnam_time(catalogue: motcua.Catalogue) -> None:
    wall = pd.to_datetime(["2026-03-02 16:30", "2026-03-02 17:30"])  # before / after closing
    for zone in ("UTC", "America/Los_Angeles", "Asia/Tokyo"):
        zoned = pd.Series(wall).dt.tz_localize("Asia/Ho_Chi_Minh").dt.tz_convert(zone)
        df = pd.DataFrame({"received": zoned, "time_limit": ["1wd", "1wd"]})
        got = motcua.due(df)
        assert [d.date().isoformat() for d in got["due"]] == ["2026-03-03", "2026-03-04"], zone
        assert motcua.due(pl.from_pandas(df))["due"].to_list() == [dt.date(2026, 3, 3), dt.date(2026, 3, 4)]
        assert motcua.due(pa.Table.from_pandas(df)).column("due").to_pylist() == [dt.date(2026, 3, 3), dt.date(2026, 3, 4)]


def test_as_of_keeps_its_time_and_converts_zones() -> None:
    want = dt.datetime(2026, 3, 2, 9, 30)
    utc = dt.timezone.utc
    v: Any
    for v in (
        "2026-03-02T09:30",
        "2026-03-02T02:30Z",
        "2026-03-02T02:30+00:00",
        dt.datetime(2026, 3, 2, 9, 30),
        dt.datetime(2026, 3, 2, 2, 30, tzinfo=utc),
        pd.Timestamp("2026-03-01 21:30", tz="America/New_York"),
        np.datetime64("2026-03-02T09:30"),
        np.datetime64("2026-03-02T09:30:00.000000123"),
    ):
        assert motcua.outcome._as_of(v) == want, v
    end = dt.datetime(2026, 3, 2, 23, 59, 59)
    for v in ("2026-03-02", dt.date(2026, 3, 2), np.datetime64("2026-03-02")):
        assert motcua.outcome._as_of(v) == end, v
    now = motcua.outcome._as_of(None)
    vn_now = dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).replace(tzinfo=None)
    assert abs((now - vn_now).total_seconds()) < 5


def test_classify_leaves_later_dossiers_in_place() -> None:
    df = pd.DataFrame(
        {
            "received": ["2026-03-02T09:30", "2026-04-01T09:30", "2026-03-03T08:00"],
            "time_limit": ["3wd", "3wd", "3wd"],
            "resolved": ["2026-03-04T10:00", None, None],
        }
    )
    got = motcua.classify(df, "2026-03-20")
    assert got["outcome"].tolist()[0] == "early" and got["outcome"].isna().tolist() == [False, True, False]
    assert got["left_out"].tolist() == [False, True, False]
    assert got["due"].isna().tolist() == [False, True, False]
    assert list(got.index) == list(df.index)
    for frame in (pl.from_pandas(df), pa.Table.from_pandas(df)):
        c = motcua.classify(frame, "2026-03-20")
        left = c["left_out"].to_list() if isinstance(c, pl.DataFrame) else c.column("left_out").to_pylist()
        assert left == [False, True, False]
    r = Report.build(df, as_of="2026-03-20")
    assert (r.counted, r.left_out) == (2, 1)


# ---------------------------------------------------------------------- errors


def test_errors_are_located_as_data(catalogue: motcua.Catalogue) -> None:
    df = pd.DataFrame(
        {
            "id": ["A", "B", "C"],
            "received": [pd.Timestamp("2026-03-02 09:30"), pd.Timestamp("2026-03-02 09:30"), pd.NaT],
            "procedure": ["1.001193", "NO-SUCH", "1.001193"],
            "channel": ["online", "fax", "direct"],
        }
    )
    for frame in (df, pl.from_pandas(df), pa.Table.from_pandas(df)):
        with pytest.raises(motcua.CsvFieldError) as e:
            motcua.report(frame, as_of=AS_OF, catalogue=catalogue)
        err = e.value
        assert (err.index, err.line, err.field, err.value, err.id) == (1, 2, "channel", "fax", "B"), str(err)
        r = Report.build(frame, as_of=AS_OF, catalogue=catalogue, skip_bad=True)
        assert [(s["index"], s["code"], s["field"], s["value"], s["id"]) for s in r.skipped] == [
            (1, "csv_field", "channel", "fax", "B"),
            (2, "csv_field", "received", None, "C"),
        ]
        assert r.counted == 1
    bad = df.iloc[:1].assign(procedure="NO-SUCH")
    with pytest.raises(motcua.UnknownProcedureError) as e2:
        motcua.report(bad, as_of=AS_OF, catalogue=catalogue)
    assert (e2.value.index, e2.value.id) == (0, "A")


def test_columns_of_unreadable_types_name_the_column() -> None:
    df = pl.DataFrame({"received": ["2026-03-02"], "time_limit": [dt.timedelta(days=3)]})
    with pytest.raises(motcua.InvalidArgumentError, match="time_limit"):
        motcua.report(df, as_of=AS_OF)


def test_a_column_of_ticked_boxes_is_noted_as_the_cli_notes_it(tmp_path: Path) -> None:
    # Boxes ticked `x`, the others empty: an empty cell is no value, left out of the rate
    # (which read 100% without a word); every door says how many, in the same words.
    text = (
        "id,received,time_limit,resolved,digitised,result_digitised\n"
        "A,03/03/2026 10:00,5wd,09/03/2026,x,x\n"
        "B,03/03/2026 10:00,5wd,09/03/2026,,\n"
        "C,03/03/2026 10:00,5wd,09/03/2026,,0\n"
        "D,03/03/2026 10:00,5wd,,,\n"
    )
    path = tmp_path / "ticked.csv"
    path.write_text(text, encoding="utf-8")
    out = subprocess.run(
        [cli(), "scorecard", str(path), "--as-of", "2026-11-15", "--format", "json"],
        check=True,
        capture_output=True,
        text=True,
    )
    notes = [line[len("note: ") :] for line in out.stderr.splitlines() if line.startswith("note: ")]
    assert len(notes) == 2 and "3 of the 4 dossiers" in notes[0], out.stderr
    want = {(s["indicator"], s["numerator"], s["denominator"]) for s in json.loads(out.stdout)["indicators"]}
    df = pd.read_csv(path, dtype=str)
    for frame in (df, pl.from_pandas(df), path):
        with pytest.warns(UserWarning) as caught:
            got = motcua.indicators.Scorecard.build(frame, as_of="2026-11-15").rows
        assert [str(w.message) for w in caught if "have no value" in str(w.message)] == notes, type(frame)
        assert {(s["indicator"], s["numerator"], s["denominator"]) for s in got} == want, type(frame)
    # Every box given: no note.
    full = tmp_path / "full.csv"
    full.write_text("received,time_limit,resolved,digitised\n03/03/2026 10:00,5wd,09/03/2026,x\n03/03/2026 10:00,5wd,09/03/2026,0\n", encoding="utf-8")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        motcua.scorecard(full, as_of="2026-11-15")
