"""motcua beyond one machine: pickling (calendars, catalogues, rules travel to workers), Arrow
record batches in and out, partial reports that add up to the single-machine report, and the
same inside PySpark (local mode) and Dask (local schedulers).

The Spark and Dask tests run when ``MOTCUA_DISTRIBUTED_TESTS=1`` (``.ci/distributed.sh`` sets it
after installing pyspark and dask); the million-row tests when ``MOTCUA_BIG_CSV`` names a file
made by ``core/examples/sample/generate.py --rows 1000000 --seed 7``. The CLI comparisons use
``MOTCUA_CLI`` (or a built ``target/{release,debug}/motcua``), and fail instead of skipping
when ``MOTCUA_REQUIRE_CLI=1``.
"""

from __future__ import annotations

import datetime as dt
import doctest
import json
import os
import pickle
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Optional

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

import motcua
from motcua import distributed as md
from motcua.reports import Report

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "core" / "examples" / "sample" / "dossiers.csv"
CATALOGUE_PATH = ROOT / "core" / "examples" / "sample" / "catalogue.json"
AS_OF = "2026-11-15"
DISTRIBUTED = os.environ.get("MOTCUA_DISTRIBUTED_TESTS") == "1"
BIG = os.environ.get("MOTCUA_BIG_CSV")

needs_engines = pytest.mark.skipif(
    not DISTRIBUTED, reason="Spark / Dask tests: set MOTCUA_DISTRIBUTED_TESTS=1 (.ci/distributed.sh)"
)
needs_big = pytest.mark.skipif(
    not (DISTRIBUTED and BIG), reason="million-row tests: set MOTCUA_BIG_CSV (.ci/distributed.sh)"
)

# (by, period) combinations checked everywhere; the as-of instants include one before the end
# of the data (dossiers left out, events ignored) and one inside a day.
SHAPES = [(None, None), ("field", None), (["agency", "channel"], "month"), ("field", "quarter"), (None, "year")]


def read_text_csv(path: Path | str) -> pd.DataFrame:
    """A dossier CSV as text, only "" missing (what the CLI and Spark read)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return read_text_csv(SAMPLE)


@pytest.fixture(scope="module")
def catalogue() -> motcua.Catalogue:
    return motcua.Catalogue.from_file(CATALOGUE_PATH)


def single(df: Any, by: Any, period: Optional[str], as_of: str, cat: motcua.Catalogue, **kw: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = Report.build(df, by=by, period=period, as_of=as_of, catalogue=cat, **kw).rows
    return rows


def chunks(df: pd.DataFrame, n: int) -> list[pd.DataFrame]:
    size = -(-len(df) // n)
    return [df.iloc[i : i + size] for i in range(0, len(df), size)]


# ---------------------------------------------------------------------- the CLI, when built


@lru_cache(maxsize=None)
def cli_path() -> Optional[str]:
    env = os.environ.get("MOTCUA_CLI")
    if env:
        return env
    dirs = [os.environ.get("CARGO_TARGET_DIR"), str(ROOT / "target")]
    for d in dirs:
        for profile in ("release", "debug"):
            if d and (Path(d) / profile / "motcua").is_file():
                return str(Path(d) / profile / "motcua")
    return shutil.which("motcua")


def cli_rows(path: Path | str, by: Any, period: Optional[str], as_of: str) -> list[dict[str, Any]]:
    cli = cli_path()
    if cli is None:
        if os.environ.get("MOTCUA_REQUIRE_CLI") == "1":
            pytest.fail("MOTCUA_REQUIRE_CLI=1 but no motcua CLI was found (MOTCUA_CLI, target/*/motcua)")
        pytest.skip("no motcua CLI built (set MOTCUA_CLI)")
    cmd = [cli, "report", str(path), "--catalogue", str(CATALOGUE_PATH), "--as-of", as_of, "--format", "json"]
    by_list = [by] if isinstance(by, str) else list(by or [])
    if by_list:
        cmd += ["--by", ",".join(by_list)]
    if period:
        cmd += ["--period", period]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    rows: list[dict[str, Any]] = json.loads(out)
    return rows


# ---------------------------------------------------------------------- pickling


def test_vietnam_calendar_pickles_as_a_recipe() -> None:
    for cal in (
        motcua.Calendar.vietnam(),
        motcua.Calendar.vietnam(official=False),
        motcua.Calendar.vietnam(include_pending=True),
        motcua.Calendar.vietnam(closures=["2026-03-03", ("2026-03-04", "Tỉnh nghỉ")], working_days=[("2026-03-07", "Làm bù")]),
    ):
        blob = pickle.dumps(cal)
        assert len(blob) < 400, len(blob)  # the options, not 205 years of tables
        back = pickle.loads(blob)
        assert repr(back) == repr(cal)
        assert back.spec == cal.spec
        assert pickle.loads(blob) is back  # one per process and recipe
    custom = pickle.loads(pickle.dumps(motcua.Calendar.vietnam(closures=[("2026-03-04", "Tỉnh nghỉ")])))
    assert custom.day_name("2026-03-04") == "Tỉnh nghỉ" and not custom.is_working_day("2026-03-04")
    days = np.array(["2026-02-13", "2026-04-29"], dtype="datetime64[D]")
    np.testing.assert_array_equal(
        pickle.loads(pickle.dumps(motcua.Calendar.vietnam())).add_working_days(days, 1),
        np.array(["2026-02-23", "2026-05-04"], dtype="datetime64[D]"),
    )


def test_spec_calendar_pickles_as_its_spec() -> None:
    spec = {
        "weekmask": "1111110",
        "from": "2026-01-01",
        "to": "2026-12-31",
        "holidays": ["2026-03-09"],
        "working_days": ["2026-03-08"],
        "office_hours": [["08:00", "12:00"], ["13:30", "17:30"]],
    }
    for cal in (motcua.Calendar.from_spec(spec), motcua.Calendar.weekdays("2026-01-01", "2026-12-31")):
        back = pickle.loads(pickle.dumps(cal))
        assert back.spec == cal.spec and repr(back) == repr(cal)
        assert back.office_hours == cal.office_hours
        assert back.add_working_days("2026-03-06", 2) == cal.add_working_days("2026-03-06", 2)


def test_catalogue_and_rules_pickle(catalogue: motcua.Catalogue) -> None:
    back = pickle.loads(pickle.dumps(catalogue))
    assert list(back) == list(catalogue) and back.native.to_json() == catalogue.native.to_json()
    assert pickle.loads(pickle.dumps(catalogue)) is back
    rules = motcua.Rules(supplement="restart", counting="hours")
    assert pickle.loads(pickle.dumps(rules)) == rules
    assert pickle.loads(pickle.dumps(motcua.Rules())) == motcua.Rules()


def test_pickled_objects_give_the_same_report(sample: pd.DataFrame, catalogue: motcua.Catalogue) -> None:
    cal = motcua.Calendar.vietnam(include_pending=True)
    rules = motcua.Rules(supplement="restart")
    # (with the pending day, one sample apology's new_due falls before its due date: skipped)
    want = Report.build(sample, by="field", as_of=AS_OF, calendar=cal, catalogue=catalogue, rules=rules, skip_bad=True)
    cal2, cat2, rules2 = pickle.loads(pickle.dumps((cal, catalogue, rules)))
    got = Report.build(sample, by="field", as_of=AS_OF, calendar=cal2, catalogue=cat2, rules=rules2, skip_bad=True)
    assert got.rows == want.rows and got.skipped == want.skipped


# ---------------------------------------------------------------------- Arrow in, Arrow out


def test_bulk_date32_reads_the_arrow_buffer_in_place(vietnam: motcua.Calendar) -> None:
    from motcua import _convert as cv

    days = pa.array(np.arange(20_000, 20_400, dtype=np.int32)).cast(pa.date32())
    read = cv.to_days(days)
    assert read.values.ctypes.data == days.buffers()[1].address  # no copy
    sliced = days.slice(100, 50)
    assert cv.to_days(sliced).values.ctypes.data == sliced.buffers()[1].address + 100 * 4
    got = vietnam.add_working_days(days, 3)
    assert isinstance(got, pa.Array) and got.type == pa.date32()
    want = vietnam.add_working_days(days.to_numpy(zero_copy_only=False).astype("datetime64[D]"), 3)
    np.testing.assert_array_equal(got.to_numpy(zero_copy_only=False).astype("datetime64[D]"), want)
    with_null = pa.array([20_000, None, 20_001], type=pa.int32()).cast(pa.date32())
    assert vietnam.add_working_days(with_null, 1).null_count == 1


def test_report_and_classify_take_arrow(sample: pd.DataFrame, catalogue: motcua.Catalogue) -> None:
    table = pa.Table.from_pandas(sample, preserve_index=False)
    typed = pacsv.read_csv(SAMPLE)  # timestamps and dates typed by Arrow, not text
    want = single(sample, "field", "month", AS_OF, catalogue)
    assert single(table, "field", "month", AS_OF, catalogue) == want
    assert single(typed, "field", "month", AS_OF, catalogue) == want
    assert single(typed.to_batches()[0], None, None, AS_OF, catalogue) == single(
        typed.slice(0, typed.to_batches()[0].num_rows), None, None, AS_OF, catalogue
    )
    got = motcua.classify(typed, AS_OF, catalogue=catalogue)
    assert isinstance(got, pa.Table)
    assert got.schema.field("due").type == pa.date32() and got.schema.field("due_at").type == pa.timestamp("s")
    ref = motcua.classify(sample, AS_OF, catalogue=catalogue)
    assert got.column("outcome").to_pylist() == ref["outcome"].tolist()
    np.testing.assert_array_equal(
        got.column("due").to_numpy(zero_copy_only=False).astype("datetime64[s]"), ref["due"].to_numpy()
    )
    assert got.column("working_days_late").to_pylist() == ref["working_days_late"].tolist()
    due = motcua.due(typed, catalogue=catalogue)
    assert due.column("rule_set").to_pylist() == motcua.due(sample, catalogue=catalogue)["rule_set"].tolist()


def test_classify_arrow_coerces_bad_rows(catalogue: motcua.Catalogue) -> None:
    batch = pa.RecordBatch.from_pydict(
        {
            "id": ["a", "b"],
            "received": ["2026-03-02T09:30", "2026-03-02T09:30"],
            "procedure": ["1.001193", "NO-SUCH"],
            "resolved": [None, None],
        }
    )
    got = motcua.classify(batch, "2026-03-31", catalogue=catalogue, errors="coerce")
    assert got.column("outcome").to_pylist()[1] is None
    assert got.column("error_code").to_pylist() == [None, "unknown_procedure"]
    assert got.column("due").null_count == 1


# ---------------------------------------------------------------------- partial reports add up


@pytest.mark.parametrize("by,period", SHAPES)
@pytest.mark.parametrize("as_of", [AS_OF, "2025-06-30T12:00"])
def test_partials_add_up_to_the_single_report(
    sample: pd.DataFrame, catalogue: motcua.Catalogue, by: Any, period: Optional[str], as_of: str
) -> None:
    want = single(sample, by, period, as_of, catalogue)
    parts = [md.partial_report(c, by=by, period=period, as_of=as_of, catalogue=catalogue) for c in chunks(sample, 7)]
    assert all(isinstance(p, pd.DataFrame) and list(p.columns) == md.partial_columns(by, period) for p in parts)
    assert md.combine_rows(parts, by=by, period=period) == want
    # in any order, from Arrow partitions, or after a first summation
    table = pa.Table.from_pandas(sample, preserve_index=False)
    arrow_parts = [
        md.partial_report(table.slice(i, 1500), by=by, period=period, as_of=as_of, catalogue=catalogue)
        for i in range(0, table.num_rows, 1500)
    ]
    assert all(p.schema == md.partial_arrow_schema(by, period) for p in arrow_parts)
    assert md.combine_rows(arrow_parts[::-1], by=by, period=period) == want
    assert md.combine_rows([md.combine_rows(parts[:3], by=by, period=period), *parts[3:]], by=by, period=period) == want


@pytest.mark.parametrize("by,period", SHAPES)
def test_combine_gives_report_frames(sample: pd.DataFrame, catalogue: motcua.Catalogue, by: Any, period: Optional[str]) -> None:
    parts = [md.partial_report(c, by=by, period=period, as_of=AS_OF, catalogue=catalogue) for c in chunks(sample, 3)]
    want = motcua.report(sample, by=by, period=period, as_of=AS_OF, catalogue=catalogue)
    pd.testing.assert_frame_equal(md.combine(parts, by=by, period=period), want)
    polars_want = motcua.report(pl.from_pandas(sample), by=by, period=period, as_of=AS_OF, catalogue=catalogue)
    assert md.combine(parts, by=by, period=period, kind="polars").equals(polars_want)
    polars_parts = [md.partial_report(pl.from_pandas(c), by=by, period=period, as_of=AS_OF, catalogue=catalogue) for c in chunks(sample, 3)]
    assert md.combine_rows(polars_parts, by=by, period=period) == single(sample, by, period, AS_OF, catalogue)


@pytest.mark.parametrize("by,period", [("field", None), (["agency", "channel"], "month")])
def test_partials_equal_the_cli(sample: pd.DataFrame, catalogue: motcua.Catalogue, by: Any, period: Optional[str]) -> None:
    parts = [md.partial_report(c, by=by, period=period, as_of=AS_OF, catalogue=catalogue) for c in chunks(sample, 4)]
    assert md.combine_rows(parts, by=by, period=period) == cli_rows(SAMPLE, by, period, AS_OF)


def test_empty_and_edge_partials(catalogue: motcua.Catalogue, sample: pd.DataFrame) -> None:
    empty = sample.iloc[:0]
    for by, period in SHAPES:
        part = md.partial_report(empty, by=by, period=period, as_of=AS_OF, catalogue=catalogue)
        assert len(part) == 0 or (by is None and period is None)
        want = single(empty, by, period, AS_OF, catalogue)
        assert md.combine_rows([part], by=by, period=period, as_of=AS_OF) == want
        assert md.combine_rows([], by=by, period=period, as_of=AS_OF) == want
        # Count tables do not carry as-of: without it an empty report split by period has no
        # period, so no row (never a row of zeros for 1970).
        assert md.combine_rows([], by=by, period=period) == ([] if period else want)
    # dossiers received after as_of are left out in every partition, as on one machine
    late = sample.iloc[-300:]
    parts = [md.partial_report(c, by="field", as_of="2026-11-01", catalogue=catalogue) for c in chunks(late, 3)]
    assert md.combine_rows(parts, by="field") == single(late, "field", None, "2026-11-01", catalogue)


def test_skip_bad_is_per_row(sample: pd.DataFrame, catalogue: motcua.Catalogue) -> None:
    bad = sample.iloc[:500].copy()
    bad.loc[bad.index[[3, 250, 499]], "procedure"] = "NO-SUCH"
    parts = [md.partial_report(c, by="field", as_of=AS_OF, catalogue=catalogue, skip_bad=True) for c in chunks(bad, 3)]
    assert md.combine_rows(parts, by="field") == single(bad, "field", None, AS_OF, catalogue, skip_bad=True)
    with pytest.raises(motcua.UnknownProcedureError):
        md.partial_report(bad, as_of=AS_OF, catalogue=catalogue)


def test_argument_errors(sample: pd.DataFrame) -> None:
    with pytest.raises(motcua.InvalidArgumentError, match="as_of is required"):
        md.partial_report(sample.iloc[:5])
    with pytest.raises(motcua.InvalidArgumentError, match="lacks the columns"):
        md.combine_rows([pd.DataFrame({"received": [1]})], by="field")
    with pytest.raises(motcua.InvalidArgumentError, match="unknown period"):
        md.ArrowPartials(as_of=AS_OF, period="week")
    assert md.needed_columns(["id", "x", "field", "ngay_nhan", "received"], by="field", map={"received": "ngay_nhan"}) == [
        "id",
        "field",
        "ngay_nhan",
    ]
    assert md.partial_spark_schema("a`b", "month").startswith("`a``b` string, `period` string, carried_over bigint")


def test_arrow_batch_functions(sample: pd.DataFrame, catalogue: motcua.Catalogue) -> None:
    """The functions handed to mapInArrow, run on a stream of record batches (as a Spark task
    does), after a pickle round trip (as Spark ships them)."""
    batches = pa.Table.from_pandas(sample, preserve_index=False).to_batches(max_chunksize=1000)
    fn = pickle.loads(pickle.dumps(md.ArrowPartials(by="field", period="month", as_of=AS_OF, catalogue=catalogue, chunk_rows=3000)))
    out = list(fn(iter(batches)))
    assert len(out) == 1 and out[0].schema == md.partial_arrow_schema("field", "month")
    assert md.combine_rows(pa.Table.from_batches(out), by="field", period="month") == single(sample, "field", "month", AS_OF, catalogue)
    assert list(fn(iter([]))) == []
    cls = pickle.loads(pickle.dumps(md.ArrowClassify(AS_OF, keep=["id", "field"], catalogue=catalogue)))
    got = pa.Table.from_batches(list(cls(iter(batches))))
    assert got.column_names == ["id", "field", *(n for n, _ in md.CLASSIFY_SCHEMA)]
    assert got.schema.field("due_at").type == pa.timestamp("us")
    assert got.column("outcome").to_pylist() == motcua.classify(sample, AS_OF, catalogue=catalogue)["outcome"].tolist()
    # A dossier received after the as-of instant is marked left out, as classify(frame) marks it
    # (its answers null, with no error; without the column it read as a row gone blank).
    early = "2025-06-01T00:00"
    left = pa.Table.from_batches(list(md.ArrowClassify(early, keep=["id"], catalogue=catalogue)(iter(batches))))
    frame = motcua.classify(sample, early, catalogue=catalogue)
    assert left.column("left_out").to_pylist() == frame["left_out"].tolist()
    assert any(left.column("left_out").to_pylist())


def test_as_of_none_is_resolved_once() -> None:
    # "now" is Vietnam's wall clock (UTC+7), whatever this machine's zone
    before = motcua._motcua.vietnam_now()
    fn = md.ArrowPartials()
    assert isinstance(fn.opts.as_of, dt.datetime) and fn.opts.as_of >= before
    assert pickle.loads(pickle.dumps(fn)).opts.as_of == fn.opts.as_of


def test_doctests() -> None:
    result = doctest.testmod(md, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted > 0
    from motcua import calendar, deadline, procedure

    for module in (calendar, deadline, procedure):
        assert doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE).failed == 0


# ---------------------------------------------------------------------- PySpark, local mode


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    pyspark_sql = pytest.importorskip("pyspark.sql")
    session = (
        pyspark_sql.SparkSession.builder.master("local[2]")
        .appName("motcua-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.files.maxPartitionBytes", "16m")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def spark_sample(spark: Any, partitions: int = 5) -> Any:
    return spark.read.csv(str(SAMPLE), header=True).repartition(partitions)


@needs_engines
@pytest.mark.parametrize("by,period", SHAPES)
def test_spark_report_equals_single(spark: Any, sample: pd.DataFrame, catalogue: motcua.Catalogue, by: Any, period: Optional[str]) -> None:
    sdf = spark_sample(spark)
    got = md.spark_report(sdf, by=by, period=period, as_of=AS_OF, catalogue=catalogue, kind="rows")
    assert got == single(sample, by, period, AS_OF, catalogue)
    empty = md.spark_report(sdf.limit(0), by=by, period=period, as_of=AS_OF, catalogue=catalogue, kind="rows")
    assert empty == single(sample.iloc[:0], by, period, AS_OF, catalogue)
    if by == "field" and period is None:
        assert got == cli_rows(SAMPLE, by, period, AS_OF)
        frame = md.spark_report(sdf, by=by, as_of="2025-06-30T12:00", catalogue=catalogue)
        pd.testing.assert_frame_equal(frame, motcua.report(sample, by=by, as_of="2025-06-30T12:00", catalogue=catalogue))


@needs_engines
def test_the_package_readme_spark_and_dask_examples_run(
    spark: Any, sample: pd.DataFrame, catalogue: motcua.Catalogue, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """bindings-python/README.md's Spark and Dask section, run in order in one namespace
    (Spark's session is the fixture's, which the README's `getOrCreate` returns); each table
    equals the single-machine report of the same rows."""
    from test_readme import package_blocks, readme_files

    monkeypatch.chdir(readme_files(tmp_path))
    # Spark's JVM resolves relative paths from its own working directory, not Python's: the
    # README's paths are given from the one the reader is in.
    blocks = [
        b.replace('"dossiers/*.csv"', repr(str(tmp_path / "dossiers" / "*.csv"))).replace(
            '"outcomes/"', repr(str(tmp_path / "outcomes"))
        )
        for b in package_blocks()
        if "pyspark" in b or "md." in b
    ]
    assert len(blocks) == 4, "the package README's Spark and Dask examples changed: update this test"
    ns: dict[str, Any] = {}
    exec(compile(blocks[0], "bindings-python/README.md", "exec"), ns)
    assert ns["table"].equals(motcua.report(sample, by="field", period="month", as_of=AS_OF, catalogue=catalogue))
    assert len(pd.read_parquet(tmp_path / "outcomes")) == len(sample)
    exec(compile(blocks[1], "bindings-python/README.md", "exec"), ns)
    assert ns["table"].equals(motcua.report(sample, by="field", period="month", as_of=AS_OF, catalogue=catalogue))
    exec(compile(blocks[2], "bindings-python/README.md", "exec"), ns)
    by_agency = md.combine(ns["parts"].toPandas(), by="agency")
    assert by_agency.equals(motcua.report(sample, by="agency", as_of=AS_OF, catalogue=catalogue))
    exec(compile(blocks[3], "bindings-python/README.md", "exec"), ns)
    assert ns["table"].equals(motcua.report(sample, by="field", as_of=AS_OF, catalogue=catalogue))


@needs_engines
def test_spark_classify_per_dossier(spark: Any, sample: pd.DataFrame, catalogue: motcua.Catalogue) -> None:
    sdf = spark_sample(spark)
    per = md.spark_classify(sdf, AS_OF, keep=["id", "channel"], catalogue=catalogue)
    got = pd.DataFrame([r.asDict() for r in per.collect()]).sort_values("id").reset_index(drop=True)
    ref = motcua.classify(sample, AS_OF, catalogue=catalogue)
    ref.insert(0, "id", sample["id"].to_numpy())
    ref = ref.sort_values("id").reset_index(drop=True)
    assert got["outcome"].tolist() == ref["outcome"].tolist()
    assert got["working_days_late"].tolist() == ref["working_days_late"].tolist()
    assert [d.isoformat() for d in got["due"]] == [d.date().isoformat() for d in ref["due"]]
    assert [t.isoformat(timespec="minutes") for t in got["due_at"]] == [t.isoformat(timespec="minutes") for t in ref["due_at"]]
    assert got["error_code"].isna().all()
    assert got["left_out"].tolist() == ref["left_out"].tolist()
    # a Spark aggregation of the per-dossier outcomes = the report's totals
    counts = {r["outcome"]: r["count"] for r in per.groupBy("outcome").count().collect()}
    totals = single(sample, None, None, AS_OF, catalogue)[0]
    assert {o: counts.get(o, 0) for o in motcua.OUTCOMES} == {o: totals[o] for o in motcua.OUTCOMES}


@needs_engines
def test_spark_apply_in_pandas_recipe(spark: Any, sample: pd.DataFrame, catalogue: motcua.Catalogue) -> None:
    """The hand-written recipe (README): ``applyInPandas`` per group, ``partial_report`` in
    each, a Spark sum, ``combine`` on the driver."""
    by, period = "agency", "quarter"
    as_of = md._as_of(AS_OF)

    def counts(pdf: pd.DataFrame) -> pd.DataFrame:
        return md.partial_report(pdf, by=by, period=period, as_of=as_of, catalogue=catalogue)

    sdf = spark_sample(spark)
    parts = sdf.groupBy("agency").applyInPandas(counts, schema=md.partial_spark_schema(by, period))
    from pyspark.sql import functions as F  # type: ignore[import-not-found, unused-ignore]

    summed = parts.groupBy(by, "period").agg(*[F.sum(c).alias(c) for c in md.COUNT_COLUMNS]).toPandas()
    assert md.combine_rows(summed, by=by, period=period) == single(sample, by, period, AS_OF, catalogue)


@needs_engines
def test_spark_skip_bad_and_errors(spark: Any, sample: pd.DataFrame, catalogue: motcua.Catalogue) -> None:
    bad = sample.iloc[:2000].copy()
    bad.loc[bad.index[[10, 1500]], "procedure"] = "NO-SUCH"
    sdf = spark.createDataFrame(bad.astype(object).where(bad.notna(), None)).repartition(3)
    got = md.spark_report(sdf, by="field", as_of=AS_OF, catalogue=catalogue, skip_bad=True, kind="rows")
    assert got == single(bad, "field", None, AS_OF, catalogue, skip_bad=True)
    with pytest.raises(Exception, match="unknown_procedure|NO-SUCH"):
        md.spark_report(sdf, by="field", as_of=AS_OF, catalogue=catalogue)


@needs_big
@pytest.mark.parametrize("by,period", [("field", None), (["agency"], "month")])
def test_spark_million_rows(spark: Any, big: pd.DataFrame, catalogue: motcua.Catalogue, by: Any, period: Optional[str]) -> None:
    assert BIG is not None
    sdf = spark.read.csv(BIG, header=True)
    assert sdf.rdd.getNumPartitions() > 1
    got = md.spark_report(sdf, by=by, period=period, as_of=AS_OF, catalogue=catalogue, kind="rows")
    assert got == big_single(big, by, period, catalogue)


# ---------------------------------------------------------------------- Dask, local schedulers


def dask_sample(blocksize: str = "256KB") -> Any:
    dd = pytest.importorskip("dask.dataframe")
    return dd.read_csv(str(SAMPLE), dtype=str, keep_default_na=False, na_values=[""], blocksize=blocksize)


@needs_engines
@pytest.mark.parametrize("scheduler", ["threads", "processes"])
@pytest.mark.parametrize("by,period", SHAPES)
def test_dask_report_equals_single(sample: pd.DataFrame, catalogue: motcua.Catalogue, scheduler: str, by: Any, period: Optional[str]) -> None:
    ddf = dask_sample()
    assert ddf.npartitions > 3
    got = md.dask_report(ddf, by=by, period=period, as_of=AS_OF, catalogue=catalogue, kind="rows", scheduler=scheduler, num_workers=2)
    assert got == single(sample, by, period, AS_OF, catalogue)


@needs_engines
def test_dask_map_partitions_recipe(sample: pd.DataFrame, catalogue: motcua.Catalogue) -> None:
    """The hand-written recipe (README): ``map_partitions(partial_report)``, ``combine``."""
    ddf = dask_sample()
    by, period = ["field", "channel"], "month"
    meta = md.partial_report(sample.iloc[:0], by=by, period=period, as_of=AS_OF)
    parts = ddf.map_partitions(
        md.partial_report,
        by=by,
        period=period,
        as_of=AS_OF,
        calendar=motcua.Calendar.vietnam(),
        catalogue=catalogue,
        meta=meta,
    )
    got = md.combine(parts.compute(scheduler="processes", num_workers=2), by=by, period=period)
    pd.testing.assert_frame_equal(got, motcua.report(sample, by=by, period=period, as_of=AS_OF, catalogue=catalogue))
    assert md.combine_rows(parts.compute(scheduler="threads"), by=by, period=period) == cli_rows(SAMPLE, by, period, AS_OF)


@needs_engines
def test_dask_arrow_partitions(sample: pd.DataFrame, catalogue: motcua.Catalogue) -> None:
    """Arrow-backed pandas partitions (``pd.ArrowDtype`` strings)."""
    dd = pytest.importorskip("dask.dataframe")
    ddf = dd.read_csv(str(SAMPLE), dtype=pd.ArrowDtype(pa.string()), keep_default_na=False, na_values=[""], blocksize="512KB")
    assert isinstance(ddf.dtypes["received"], pd.ArrowDtype)
    got = md.dask_report(ddf, by="field", period="month", as_of=AS_OF, catalogue=catalogue, kind="rows", scheduler="threads")
    assert got == single(sample, "field", "month", AS_OF, catalogue)


@needs_big
@pytest.mark.parametrize("by,period", [("field", None), (["agency"], "month")])
def test_dask_million_rows(big: pd.DataFrame, catalogue: motcua.Catalogue, by: Any, period: Optional[str]) -> None:
    dd = pytest.importorskip("dask.dataframe")
    assert BIG is not None
    ddf = dd.read_csv(BIG, dtype=str, keep_default_na=False, na_values=[""], blocksize="16MB")
    got = md.dask_report(ddf, by=by, period=period, as_of=AS_OF, catalogue=catalogue, kind="rows", scheduler="processes", num_workers=2)
    assert got == big_single(big, by, period, catalogue)


# ---------------------------------------------------------------------- the million-row file


@pytest.fixture(scope="module")
def big() -> pd.DataFrame:
    assert BIG is not None
    return read_text_csv(BIG)


_BIG_SINGLE: dict[str, list[dict[str, Any]]] = {}


def big_single(big: pd.DataFrame, by: Any, period: Optional[str], cat: motcua.Catalogue) -> list[dict[str, Any]]:
    key = json.dumps([by, period])
    if key not in _BIG_SINGLE:
        _BIG_SINGLE[key] = single(big, by, period, AS_OF, cat)
    return _BIG_SINGLE[key]


@needs_big
def test_big_single_equals_cli(big: pd.DataFrame, catalogue: motcua.Catalogue) -> None:
    """The single-machine reference of the million-row tests is the CLI's report."""
    assert BIG is not None
    assert len(big) == 1_000_000
    assert big_single(big, ["agency"], "month", catalogue) == cli_rows(BIG, ["agency"], "month", AS_OF)


def test_an_empty_frame_counts_to_nothing_without_a_catalogue() -> None:
    # A Dask `meta` (the README's recipe): an empty frame of procedure codes, no catalogue.
    # The run fails for want of a catalogue only when there is a record to look up.
    df = pd.DataFrame({"id": [], "received": [], "procedure": [], "field": []}, dtype="object")
    meta = md.partial_report(df, by=["field"], period="month", as_of="2026-03-31")
    assert list(meta.columns)[:2] == ["field", "period"] and len(meta) == 0
    with pytest.raises(motcua.UnknownProcedureError, match="no catalogue"):
        md.partial_report(
            pd.DataFrame({"received": ["2026-03-02"], "procedure": ["X"], "field": ["f"]}), by=["field"], as_of="2026-03-31"
        )


def test_count_tables_by_period_need_their_period() -> None:
    # Partial count tables counted by month and combined without period= added the months up:
    # a dossier open across months counted in each (23,447 received for 20,000 on the sample).
    df = pd.DataFrame({"received": ["2026-01-05", "2026-02-02"], "time_limit": ["3wd", "3wd"]})
    parts = [md.partial_report(df, period="month", as_of="2026-03-31")]
    for combine in (md.combine, md.combine_rows):
        with pytest.raises(motcua.InvalidArgumentError, match="split by period"):
            combine(parts)
    rows = md.combine(parts, period="month", kind="rows")
    with pytest.raises(motcua.InvalidArgumentError, match="split by period"):
        md.combine_rows(rows)
    # The column named in another case (a CSV round trip through a tool that upper-cases).
    upper = parts[0].rename(columns={"period": "PERIOD"})
    with pytest.raises(motcua.InvalidArgumentError, match="split by period"):
        md.combine([upper])
    with pytest.raises(motcua.InvalidArgumentError, match="split by period"):
        md.combine_rows([{("PERIOD" if k == "period" else k): v for k, v in r.items()} for r in rows])
    by_month = md.combine(parts, period="month")
    assert by_month["received"].tolist() == [1, 2, 2]
    whole = md.combine([md.partial_report(df, as_of="2026-03-31")])
    assert whole["received"].tolist() == [2]
    with pytest.raises(motcua.InvalidArgumentError):
        motcua.report(df, by=3, as_of="2026-03-31")  # type: ignore[arg-type]
    # A set has no order (the columns would change from run to run): refused, as a mapping.
    for unordered in ({"field", "agency"}, frozenset({"field"}), {"field": 1}):
        with pytest.raises(motcua.InvalidArgumentError, match="in order"):
            motcua.report(df, by=unordered, as_of="2026-03-31")  # type: ignore[arg-type]


def test_report_tables_combine_by_their_totals_rows(tmp_path: Path) -> None:
    """A report table's totals row is its period's last row, adding up the others: an empty
    group read back from a CSV as missing stays a group (it was taken for the totals and
    dropped), the CLI's ``TOTAL`` row is not summed as a group (the totals doubled), and a
    table whose totals cannot be told (re-sorted) is refused. A tester's cases."""
    df = pd.DataFrame(
        {
            "received": ["2026-03-02", "2026-03-02", "2026-04-02"],
            "time_limit": ["3wd"] * 3,
            "agency": ["A", "", "B"],
        }
    )
    path = tmp_path / "in.csv"
    df.to_csv(path, index=False)
    for by, period in [("agency", None), ("agency", "month"), (None, "month"), (None, None)]:
        want = md.combine_rows(md.partial_report(df, by=by, period=period, as_of="2026-04-30"), by=by, period=period)
        assert sum(r["received"] for r in want if r.get("agency", None) is None) == (3 if period is None else 5)
        written = tmp_path / "report.csv"
        motcua.report(df, by=by, period=period, as_of="2026-04-30").to_csv(written, index=False)
        for table in (pd.read_csv(written), pd.read_csv(written, keep_default_na=False), pl.read_csv(written)):
            assert md.combine_rows(table, by=by, period=period) == want, (by, period)
        cli = cli_path()
        if cli is not None:
            cmd = [cli, "report", str(path), "--as-of", "2026-04-30", "--format", "csv"]
            cmd += ["--by", by] if by else []
            cmd += ["--period", period] if period else []
            (tmp_path / "cli.csv").write_text(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
            for keep in (True, False):
                table = pd.read_csv(tmp_path / "cli.csv", keep_default_na=keep)
                assert md.combine_rows(table, by=by, period=period) == want, (by, period, keep)
    written = tmp_path / "report.csv"
    motcua.report(df, by="agency", as_of="2026-04-30").to_csv(written, index=False)
    # In any order, when the sums tell the totals (here the empty group and the totals are
    # both missing: the totals are the row adding up the others)...
    resorted = pd.read_csv(written).iloc[::-1]
    want = md.combine_rows(md.partial_report(df, by="agency", as_of="2026-04-30"), by="agency")
    assert md.combine_rows(resorted, by="agency") == want
    # ...and refused when they cannot: a group filtered out, its totals kept.
    table = motcua.report(df, by="agency", as_of="2026-04-30")
    with pytest.raises(motcua.InvalidArgumentError, match="totals rows cannot be told"):
        md.combine_rows(table[table["agency"] != "B"], by="agency")
    # A quarter report written by pandas (`2026Q1`) reads back.
    quarters = motcua.report(df, by="agency", period="quarter", as_of="2026-04-30")
    quarters.to_csv(written, index=False)
    want = md.combine_rows(
        md.partial_report(df, by="agency", period="quarter", as_of="2026-04-30"), by="agency", period="quarter"
    )
    assert md.combine_rows(pd.read_csv(written), by="agency", period="quarter") == want
    # A group named TOTAL alone, counting what the totals count: the table cannot say which
    # row is which (the CLI's CSV would write the same rows for an empty group): refused.
    only = pd.DataFrame({"received": ["2026-03-02"] * 2, "time_limit": ["3wd"] * 2, "agency": ["TOTAL"] * 2})
    with pytest.raises(motcua.InvalidArgumentError, match="both add up"):
        md.combine_rows(motcua.report(only, by="agency", as_of="2026-04-30"), by="agency")
    # Bool and number groups read back from a CSV keep the core's labels (`true`, `1`).
    flags = pd.DataFrame({"received": ["2026-03-02"] * 3, "time_limit": ["3wd"] * 3, "flag": [True, False, True], "n": [1, 2, 1]})
    for key in ("flag", "n"):
        want = md.combine_rows(md.partial_report(flags, by=key, as_of="2026-04-30"), by=key)
        motcua.report(flags, by=key, as_of="2026-04-30").to_csv(written, index=False)
        assert md.combine_rows(pd.read_csv(written), by=key) == want, key
    # A group named TOTAL beside motcua's own totals row (keys missing) is a group.
    named = pd.DataFrame({"received": ["2026-03-02"] * 2, "time_limit": ["3wd"] * 2, "agency": ["A", "TOTAL"]})
    want = md.combine_rows(md.partial_report(named, by="agency", as_of="2026-04-30"), by="agency")
    assert md.combine_rows(motcua.report(named, by="agency", as_of="2026-04-30"), by="agency") == want
    # Filtered tables (totals rows left out) are all groups, also when two groups count the
    # same (a tester's case: the second was taken for the totals); report tables concatenated,
    # one per partition, have a totals row each.
    same = pd.DataFrame(
        {
            "received": ["2026-03-02T09:30"] * 2,
            "time_limit": ["3wd"] * 2,
            "agency": ["X", "Y"],
            "resolved": ["2026-03-04T10:00"] * 2,
        }
    )
    whole = md.combine_rows(md.partial_report(same, by="agency", as_of="2026-03-31"), by="agency")
    table = motcua.report(same, by="agency", as_of="2026-03-31")
    assert md.combine_rows(table[table["agency"].notna()], by="agency") == whole
    for period in (None, "month"):
        parts = [motcua.report(same[i : i + 1], by="agency", period=period, as_of="2026-03-31") for i in (0, 1)]
        want = md.combine_rows(md.partial_report(same, by="agency", period=period, as_of="2026-03-31"), by="agency", period=period)
        assert md.combine_rows(pd.concat(parts), by="agency", period=period) == want


def test_partials_read_on_other_satisfaction_scales_are_not_merged() -> None:
    """A rating of 4 is satisfied on a scale of 5, not of 10: partials read on different
    scales, or one with the scorecard's columns and one without, are refused (they were summed:
    satisfaction 0.5 where each half says 1.0 or 0.0), also after pickling."""
    df = pd.DataFrame(
        {"received": ["2026-03-02"] * 2, "time_limit": ["3wd"] * 2, "resolved": ["2026-03-03"] * 2, "satisfaction": [4, 4]}
    )
    from motcua.reports import count

    five = count(df[:1], by=[], as_of="2026-03-31", satisfaction_scale=5)[0]
    ten = count(df[1:], by=[], as_of="2026-03-31", satisfaction_scale=10)[0]
    plain = count(df[1:], by=[], as_of="2026-03-31")[0]
    for other, what in ((ten, "scale of 10"), (plain, "without the scorecard's columns")):
        with pytest.raises(motcua.InvalidArgumentError, match=what):
            pickle.loads(pickle.dumps(five)).merge(other)
    five.merge(count(df[1:], by=[], as_of="2026-03-31", satisfaction_scale=5)[0])
    assert five == pickle.loads(pickle.dumps(five))


def test_float32_groups_read_as_their_decimals() -> None:
    """A float32 grouping column is the same group from every frame kind (polars and Arrow
    gave ``0.10000000149011612`` where pandas gave ``0.1``)."""
    g = pd.DataFrame({"received": ["2026-03-02"] * 2, "time_limit": ["3wd"] * 2, "g": np.array([0.1, 2.5], np.float32)})
    labels = [
        list(motcua.report(frame, by="g", as_of="2026-03-31")["g"][:2])
        for frame in (g, pl.from_pandas(g), pa.Table.from_pandas(g))
    ]
    assert labels == [["0.1", "2.5"]] * 3
    # (a pandas float16 column too: it was labelled 0.0999755859375)
    g16 = g.assign(g=g["g"].astype(np.float16))
    assert list(motcua.report(g16, by="g", as_of="2026-03-31")["g"][:2]) == ["0.1", "2.5"]


def test_count_tables_hold_whole_counts() -> None:
    """A fractional, negative or textual count in a partial table is refused in every table
    kind (2.7 was read as 2; a row dict's NaN raised a bare ``ValueError``)."""
    df = pd.DataFrame({"received": ["2026-03-02"] * 3, "time_limit": ["3wd"] * 3, "agency": ["A", "B", "A"]})
    part = md.partial_report(df, by="agency", as_of="2026-03-31")
    want = md.combine_rows(part, by="agency")
    for table in (pl.from_pandas(part), pa.Table.from_pandas(part), part.to_dict("records")):
        assert md.combine_rows(table, by="agency") == want
    bad = part.copy()
    bad["received"] = bad["received"].astype(float)
    bad.loc[0, "received"] = 2.7
    for table in (bad, pl.from_pandas(bad), pa.Table.from_pandas(bad), bad.to_dict("records")):
        with pytest.raises(motcua.InvalidNumberError, match="received"):
            md.combine_rows(table, by="agency")
    negative = part.copy()
    negative.loc[0, "received_new"] = -1
    with pytest.raises(motcua.InvalidArgumentError, match="never negative"):
        md.combine_rows(negative, by="agency")
    rows = part.to_dict("records")
    rows[0]["received"] = "2"
    with pytest.raises(motcua.InvalidNumberError):
        md.combine_rows(rows, by="agency")


def test_a_report_whose_only_group_is_empty_combines(tmp_path: Path) -> None:
    """The CLI's JSON (and a report's rows) with one group, the empty one: its keys `""` and
    `null` tell the group from the totals, which add up alike; it was refused as "totals rows
    cannot be told from its groups" (a tester's case). A table read from text, where the two
    read alike, is still told by its sums or refused."""
    f = tmp_path / "empty-group.csv"
    f.write_text(
        "id,received,time_limit,resolved,field\n"
        "A,2026-03-02T09:00,3wd,2026-03-04T10:00,\n"
        "B,2026-03-02T09:00,3wd,,\n"
    )
    cli = cli_rows(f, "field", None, "2026-03-31")
    assert [r["field"] for r in cli] == ["", None]
    assert md.combine_rows(cli, by="field") == cli
    rows = motcua.Report.build(pd.read_csv(f, dtype={"field": str}, keep_default_na=False), by="field", as_of="2026-03-31").rows
    assert md.combine_rows(rows, by="field") == cli
    assert len(md.combine(cli, by="field")) == 2
