"""The scorecard (``motcua.scorecard``): every indicator of the bundled sample, total and by
agency, against an independent pandas computation (outcomes from ``motcua.classify``, the
other columns read straight from the CSV); no data is never 0% or 100%; bad cells name their
row and column; targets."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Optional

import numpy as np
import pandas as pd
import polars as pl
import pytest

import motcua
from conftest import ROOT

SAMPLE = ROOT / "core" / "examples" / "sample"
RESOLVED = ("early", "on_time", "late")
DEFAULTS = {"on_time_rate": 1.0, "satisfaction_rate": 0.9, "feedback_handled_rate": 1.0, "online_rate": 0.05}


@pytest.fixture(scope="module")
def catalogue() -> motcua.Catalogue:
    return motcua.Catalogue.from_file(SAMPLE / "catalogue.json")


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return pd.read_csv(SAMPLE / "dossiers.csv", dtype=str, keep_default_na=False).replace("", None)


def instants(s: pd.Series) -> pd.Series:
    """The sample's instants: ISO, or the Vietnamese ``dd/mm/yyyy HH:MM`` export form."""
    text = s.astype(object)
    vn = text.str.contains("/", na=False)
    iso = pd.to_datetime(text.where(~vn), format="ISO8601")
    dmy = pd.to_datetime(text.where(vn), format="%d/%m/%Y %H:%M")
    return iso.where(~vn, dmy)


def end_of_day(day: str) -> pd.Timestamp:
    return pd.Timestamp(day) + pd.Timedelta(hours=23, minutes=59, seconds=59)


def flags(s: pd.Series) -> pd.Series:
    """``true`` / ``false`` → a nullable boolean (the sample uses nothing else)."""
    assert set(s.dropna().unique()) <= {"true", "false"}
    return s.map({"true": True, "false": False}).astype("boolean")


def expected(rows: pd.DataFrame, as_of: pd.Timestamp) -> dict[str, tuple[int, int]]:
    """Every indicator's numerator and denominator, computed with pandas alone (the
    definitions of core/src/indicators.rs), given each dossier's ``outcome``."""
    outcome = rows["outcome"]
    resolved = outcome.isin(RESOLVED)
    n = len(rows)
    channel = rows["channel"].fillna("direct")
    level = rows["online_level"]
    digitised = flags(rows["digitised"])
    result_digitised = flags(rows["result_digitised"])
    resolved_by_then = instants(rows["resolved"]) <= as_of
    rating = pd.to_numeric(rows["satisfaction"])
    fb_in = instants(rows["feedback_received"])
    fb_done = instants(rows["feedback_handled"])
    feedback = fb_in <= as_of
    handled = feedback & fb_done.notna() & (fb_done >= fb_in) & (fb_done <= as_of)
    return {
        "on_time_rate": (int(outcome.isin(["early", "on_time"]).sum()), int(resolved.sum())),
        "resolved_rate": (int(resolved.sum()), n),
        "online_rate": (int((channel == "online").sum()), n),
        # A procedure offered fully online, submitted online (not at the desk or by post), of
        # every dossier (an empty level is not shown to be fully online).
        "full_online_rate": (int(((level == "full") & (channel == "online")).sum()), n),
        "postal_rate": (int((channel == "postal").sum()), n),
        "digitised_rate": (int(digitised.fillna(False).sum()), int(digitised.notna().sum())),
        "result_digitised_rate": (
            int((result_digitised.fillna(False) & resolved_by_then).sum()),
            int((result_digitised.notna() & resolved_by_then).sum()),
        ),
        # A rating is of a result: counted once the dossier is resolved by as-of.
        "satisfaction_rate": (int(((rating >= 4) & resolved_by_then).sum()), int((rating.notna() & resolved_by_then).sum())),
        "feedback_handled_rate": (int(handled.sum()), int(feedback.sum())),
    }


def check_row(row: Any, want: tuple[int, int], target: Optional[float]) -> None:
    num, den = want
    assert (row["numerator"], row["denominator"]) == (num, den), (row["indicator"], want)
    if den == 0:
        assert math.isnan(row["value"]) and row["status"] == "no_data" and row["met"] is pd.NA
        assert math.isnan(row["gap"])
        return
    assert row["value"] == pytest.approx(num / den, abs=1e-15)
    if target is None:
        assert math.isnan(row["target"]) and row["met"] is pd.NA and row["status"] == "no_target"
        return
    assert row["target"] == target
    met = num / den >= target - 1e-12
    assert bool(row["met"]) is met and row["status"] == ("met" if met else "not_met")
    assert row["gap"] == pytest.approx(num / den - target, abs=1e-12)


@pytest.mark.parametrize("as_of", ["2026-11-15", "2025-09-30"])
def test_every_indicator_of_the_sample(sample: pd.DataFrame, catalogue: motcua.Catalogue, as_of: str) -> None:
    t = end_of_day(as_of)
    rows = sample[instants(sample["received"]) <= t]
    assert 0 < len(rows) <= len(sample)
    outcomes = motcua.classify(rows, as_of, catalogue=catalogue)["outcome"]
    rows = rows.assign(outcome=outcomes)

    total = motcua.scorecard(sample, as_of=as_of, catalogue=catalogue)
    assert list(total.columns) == list(motcua.indicators.SCORE_COLUMNS)
    assert list(total["indicator"]) == list(motcua.INDICATORS) and len(motcua.INDICATORS) == 9
    want = expected(rows, t)
    assert want.keys() == set(motcua.INDICATORS)
    for _, r in total.iterrows():
        check_row(r, want[r["indicator"]], DEFAULTS.get(r["indicator"]))

    card = motcua.Scorecard.build(sample, by="agency", as_of=as_of, catalogue=catalogue)
    assert card.counted == len(rows) and card.left_out == len(sample) - len(rows) and not card.skipped
    grouped = card.frame
    assert list(grouped.columns) == ["agency", *motcua.indicators.SCORE_COLUMNS]
    agencies = sorted(rows["agency"].unique())
    assert len(grouped) == 9 * (len(agencies) + 1)
    seen = set()
    for agency, part in rows.groupby("agency"):
        got = grouped[grouped["agency"] == agency]
        assert list(got["indicator"]) == list(motcua.INDICATORS)
        want = expected(part, t)
        for _, r in got.iterrows():
            check_row(r, want[r["indicator"]], DEFAULTS.get(r["indicator"]))
        seen.add(agency)
    assert seen == set(agencies)
    totals = grouped[grouped["agency"].isna()].reset_index(drop=True)
    pd.testing.assert_frame_equal(totals.drop(columns="agency"), total)

    # The report agrees on the rates both compute.
    rep = motcua.report(sample, as_of=as_of, catalogue=catalogue)
    for name in ("on_time_rate", "resolved_rate", "online_rate"):
        assert total.set_index("indicator").loc[name, "value"] == pytest.approx(rep[name].iloc[0])


def test_catalogue_table(sample: pd.DataFrame, catalogue: motcua.Catalogue) -> None:
    card = motcua.Scorecard.build(sample.head(50), as_of="2026-11-15", catalogue=catalogue)
    got = card.catalogue
    procs = pd.read_json(SAMPLE / "catalogue.json")
    by_field = procs.groupby("field")["online"]
    assert list(got["field"].iloc[:-1]) == sorted(procs["field"].unique())
    for _, r in got.iloc[:-1].iterrows():
        online = by_field.get_group(r["field"])
        assert r["procedures"] == len(online)
        assert r["online_full"] == (online == "full").sum() and r["online_partial"] == (online == "partial").sum()
        assert r["full_online_share"] == pytest.approx((online == "full").mean())
    last = got.iloc[-1]
    assert pd.isna(last["field"]) and last["procedures"] == len(procs) == len(catalogue)
    assert last["full_online_share"] == pytest.approx((procs["online"] == "full").mean())
    assert motcua.Scorecard.build(sample.head(5), as_of="2026-11-15", catalogue=catalogue).catalogue is not None
    assert motcua.Scorecard.build(sample.head(5).assign(time_limit="3wd"), as_of="2026-11-15").catalogue is None


def test_no_data_is_never_zero_or_one() -> None:
    df = pd.DataFrame(
        {
            "received": ["2026-03-02T09:30", "2026-03-02T10:00", "2026-03-03T08:00"],
            "time_limit": ["3wd", "3wd", "5wd"],
            "agency": ["A", "A", "B"],
            "resolved": ["2026-03-04T10:00", None, None],
            "satisfaction": ["5", None, None],
            "feedback_received": [None, None, "2026-03-05T08:00"],
        }
    )
    got = motcua.scorecard(df, by="agency", as_of="2026-03-31").set_index(["agency", "indicator"])
    b = got.loc["B"]
    for name in ("on_time_rate", "full_online_rate", "digitised_rate", "result_digitised_rate", "satisfaction_rate"):
        assert b.loc[name, "denominator"] == 0 and math.isnan(b.loc[name, "value"]), name
        assert b.loc[name, "status"] == "no_data" and b.loc[name, "met"] is pd.NA
    # B's feedback was received and not handled: 0%, not "no data".
    assert (b.loc["feedback_handled_rate", "value"], b.loc["feedback_handled_rate", "status"]) == (0.0, "not_met")
    a = got.loc["A"]
    assert a.loc["satisfaction_rate", "value"] == 1.0 and math.isnan(a.loc["feedback_handled_rate", "value"])
    assert a.loc["feedback_handled_rate", "status"] == "no_data"
    # Nothing counted at all: every indicator is no data.
    empty = motcua.scorecard(df.iloc[:0], as_of="2026-03-31")
    assert len(empty) == 9 and empty["value"].isna().all() and (empty["status"] == "no_data").all()
    assert empty["met"].isna().all() and (empty["denominator"] == 0).all()
    # Before anything was received: left out, still no data.
    early = motcua.Scorecard.build(df, as_of="2026-03-01")
    assert early.left_out == 3 and early.counted == 0 and all(r["value"] is None for r in early.rows)
    # polars: null, not NaN.
    pgot = motcua.scorecard(pl.from_pandas(df), by="agency", as_of="2026-03-31")
    b_on_time = pgot.filter((pl.col("agency") == "B") & (pl.col("indicator") == "on_time_rate")).row(0, named=True)
    assert b_on_time["value"] is None and b_on_time["met"] is None and b_on_time["status"] == "no_data"


def test_polars_and_mappings(sample: pd.DataFrame, catalogue: motcua.Catalogue) -> None:
    rows = sample.head(2000)
    want = motcua.scorecard(rows, by="agency", as_of="2026-11-15", catalogue=catalogue)
    got = motcua.scorecard(pl.from_pandas(rows), by="agency", as_of="2026-11-15", catalogue=catalogue)
    assert isinstance(got, pl.DataFrame)
    assert got.schema["met"] == pl.Boolean and got.schema["value"] == pl.Float64 and got.schema["numerator"] == pl.Int64
    assert got["indicator"].to_list() == want["indicator"].tolist()
    assert got["numerator"].to_list() == want["numerator"].tolist()
    assert got["status"].to_list() == want["status"].tolist()
    assert [None if v is None else v for v in got["value"].to_list()] == [None if np.isnan(v) else v for v in want["value"]]
    lazy = motcua.Scorecard.build(pl.from_pandas(rows).lazy(), as_of="2026-11-15", catalogue=catalogue)
    assert isinstance(lazy.frame, pl.DataFrame) and isinstance(lazy.catalogue, pl.DataFrame)
    columns = {c: [None if pd.isna(v) else v for v in rows[c]] for c in rows.columns}
    mapping = motcua.scorecard(columns, as_of="2026-11-15", catalogue=catalogue)
    total = motcua.scorecard(rows, as_of="2026-11-15", catalogue=catalogue)
    pd.testing.assert_frame_equal(mapping, total)


def test_native_dtypes_and_map(sample: pd.DataFrame, catalogue: motcua.Catalogue) -> None:
    """The CSV read with pandas' own dtypes (booleans, float ratings with NaN) and renamed
    columns give the same scorecard as the text."""
    want = motcua.scorecard(sample, by="field", as_of="2026-11-15", catalogue=catalogue)
    typed = pd.read_csv(SAMPLE / "dossiers.csv")
    assert typed["satisfaction"].dtype.kind == "f"
    pd.testing.assert_frame_equal(motcua.scorecard(typed, by="field", as_of="2026-11-15", catalogue=catalogue), want)
    renamed = sample.rename(columns={"satisfaction": "danh_gia", "digitised": "so_hoa"})
    got = motcua.scorecard(
        renamed, by="field", as_of="2026-11-15", catalogue=catalogue,
        map={"satisfaction": "danh_gia", "digitised": "so_hoa"},
    )
    pd.testing.assert_frame_equal(got, want)
    pl_typed = pl.read_csv(SAMPLE / "dossiers.csv", infer_schema_length=None)
    got_pl = motcua.scorecard(pl_typed, by="field", as_of="2026-11-15", catalogue=catalogue)
    assert got_pl["numerator"].to_list() == want["numerator"].tolist()


def bad_frame(column: str, value: str, received: str = "2026-03-02T09:30") -> pd.DataFrame:
    df = pd.DataFrame(
        {
            "received": ["2026-03-02T08:00", received, "2026-03-02T11:00"],
            "time_limit": ["3wd", "3wd", "3wd"],
            "online_level": ["full", "partial", "none"],
            "digitised": ["true", "false", "1"],
            "satisfaction": ["5", "4", "1"],
        }
    )
    df.loc[1, column] = value
    return df


@pytest.mark.parametrize(
    ("column", "value"),
    [("online_level", "4"), ("online_level", "mức độ 3"), ("online_level", "level 9"), ("satisfaction", "7"),
     ("satisfaction", "0"), ("satisfaction", "great"), ("digitised", "maybe"), ("result_digitised", "2")],
)
def test_bad_cells(column: str, value: str) -> None:
    if column == "result_digitised":
        df = bad_frame("digitised", "true").assign(result_digitised=pd.Series([None, value, None], dtype=object))
    else:
        df = bad_frame(column, value)
    with pytest.raises(motcua.CsvFieldError) as e:
        motcua.scorecard(df, as_of="2026-03-31")
    err = e.value
    assert (err.code, err.index, err.line, err.field) == ("csv_field", 1, 2, column)
    assert f"`{value}`" in str(err) and isinstance(err, ValueError)
    card = motcua.Scorecard.build(df, as_of="2026-03-31", skip_bad=True)
    assert card.counted == 2 and [s["index"] for s in card.skipped] == [1]
    assert card.skipped[0]["code"] == "csv_field"


def test_old_levels_and_scales() -> None:
    # The Decree 43/2011 levels are accepted before 2022: 4 = full, 3 = partial.
    old = bad_frame("online_level", "4", received="2021-06-01T09:00").assign(channel="online")
    got = motcua.scorecard(old, as_of="2026-03-31").set_index("indicator")
    assert (got.loc["full_online_rate", "numerator"], got.loc["full_online_rate", "denominator"]) == (2, 3)
    # Offered fully online but submitted at the desk: not a full online submission.
    desk = motcua.scorecard(old.assign(channel="direct"), as_of="2026-03-31").set_index("indicator")
    assert (desk.loc["full_online_rate", "numerator"], desk.loc["full_online_rate", "denominator"]) == (0, 3)
    # A rating of 7 is fine on a 10-point scale (8..10 satisfied).
    ten = bad_frame("satisfaction", "7")
    rated = ten.assign(satisfaction=["10", "7", "8"], resolved="2026-03-05T10:00")
    got = motcua.scorecard(rated, as_of="2026-03-31", satisfaction_scale=10)
    sat = got.set_index("indicator").loc["satisfaction_rate"]
    assert (sat["numerator"], sat["denominator"]) == (2, 3)
    # A rating of a dossier not resolved by as-of is not counted (it is a later event).
    early = motcua.scorecard(rated, as_of="2026-03-04", satisfaction_scale=10).set_index("indicator")
    assert early.loc["satisfaction_rate", "denominator"] == 0
    words = ten.assign(satisfaction=["hài lòng", "neutral", "dissatisfied"], resolved="2026-03-05T10:00")
    sat = motcua.scorecard(words, as_of="2026-03-31").set_index("indicator").loc["satisfaction_rate"]
    assert (sat["numerator"], sat["denominator"]) == (1, 3)
    for scale in (0, -1):
        with pytest.raises(motcua.InvalidArgumentError):
            motcua.scorecard(ten, as_of="2026-03-31", satisfaction_scale=scale)
    with pytest.raises(motcua.InvalidArgumentError):
        motcua.scorecard(ten, as_of="2026-03-31", satisfaction_scale=5.5)  # type: ignore[arg-type]


def test_the_portals_vietnamese_values() -> None:
    # The same dossiers with the portals' Vietnamese values and with the English keys, from
    # pandas and polars: one scorecard ("Chưa đánh giá" is no rating, as a missing cell).
    base = {
        "received": ["2026-03-02T09:00"] * 3,
        "channel": ["online"] * 3,
        "time_limit": ["3wd"] * 3,
        "resolved": ["2026-03-03T10:00"] * 3,
    }
    english = pd.DataFrame(
        base
        | {
            "online_level": ["full", "partial", "none"],
            "digitised": ["true", "false", "true"],
            "satisfaction": ["5", None, "dissatisfied"],
        }
    )
    vietnamese = pd.DataFrame(
        base
        | {
            "online_level": ["DVC toàn trình", "Dịch vụ công trực tuyến một phần", "Không"],
            "digitised": ["Đã số hóa", "Chưa số hoá", "đã"],
            "satisfaction": ["Rất hài lòng", "Chưa đánh giá", "Rất không hài lòng"],
        }
    )
    want = motcua.scorecard(english, as_of="2026-03-31")
    for frame in (vietnamese, pl.from_pandas(vietnamese)):
        got = motcua.scorecard(frame, as_of="2026-03-31")
        got = got.to_pandas() if isinstance(got, pl.DataFrame) else got
        keys = ["indicator", "numerator", "denominator", "status"]
        assert got[keys].values.tolist() == want[keys].values.tolist()
    rates = want.set_index("indicator")
    assert (rates.loc["satisfaction_rate", "numerator"], rates.loc["satisfaction_rate", "denominator"]) == (1, 2)
    assert (rates.loc["full_online_rate", "numerator"], rates.loc["full_online_rate", "denominator"]) == (1, 3)
    assert (rates.loc["digitised_rate", "numerator"], rates.loc["digitised_rate", "denominator"]) == (2, 3)


def test_bad_cells_in_the_sample(sample: pd.DataFrame, catalogue: motcua.Catalogue) -> None:
    """A bad cell in the 20,000 rows names its row (index, line = index + 1) and column."""
    for column, value, i in [("online_level", "4", 12345), ("satisfaction", "7", 777), ("digitised", "maybe", 19999)]:
        df = sample.copy()
        df.loc[i, column] = value
        with pytest.raises(motcua.CsvFieldError) as e:
            motcua.scorecard(df, by="agency", as_of="2026-11-15", catalogue=catalogue)
        assert (e.value.index, e.value.line, e.value.field) == (i, i + 1, column), str(e.value)
        card = motcua.Scorecard.build(df, as_of="2026-11-15", catalogue=catalogue, skip_bad=True)
        assert [s["index"] for s in card.skipped] == [i] and card.counted == len(sample) - 1
    df = sample.copy()
    i = int(np.flatnonzero(df["feedback_handled"].notna())[0])
    df.loc[i, "feedback_handled"] = "2024-01-01T08:00"
    with pytest.raises(motcua.EventsOutOfOrderError) as e2:
        motcua.scorecard(df, as_of="2026-11-15", catalogue=catalogue)
    assert (e2.value.index, e2.value.line, e2.value.field) == (i, i + 1, "feedback_handled")
    df = sample.copy()
    i = int(np.flatnonzero(df["feedback_received"].isna())[0])
    df.loc[i, "feedback_handled"] = "2026-01-01T08:00"
    with pytest.raises(motcua.CsvFieldError) as e3:
        motcua.scorecard(df, as_of="2026-11-15", catalogue=catalogue)
    assert (e3.value.index, e3.value.field) == (i, "feedback_handled")
    # The report's own columns are checked as in `report`.
    df = sample.copy()
    df.loc[42, "channel"] = "fax"
    with pytest.raises(motcua.CsvFieldError) as e4:
        motcua.scorecard(df, as_of="2026-11-15", catalogue=catalogue)
    assert (e4.value.index, e4.value.line, e4.value.field) == (42, 43, "channel")
    with pytest.raises(motcua.CsvMissingColumnError):
        motcua.scorecard(sample, by="no_such_column", as_of="2026-11-15", catalogue=catalogue)
    with pytest.raises(motcua.InvalidArgumentError):
        motcua.scorecard(sample, by="status", as_of="2026-11-15", catalogue=catalogue)


def test_targets(sample: pd.DataFrame, catalogue: motcua.Catalogue, tmp_path: Path) -> None:
    rows = sample.head(3000)
    assert motcua.indicators.default_targets() == {name: DEFAULTS.get(name) for name in motcua.INDICATORS}
    base = motcua.scorecard(rows, as_of="2026-11-15", catalogue=catalogue).set_index("indicator")
    overrides = {"digitised_rate": 0.8, "online_rate": None, "satisfaction_rate": np.float64(0.5), "postal_rate": 1}
    got = motcua.scorecard(rows, as_of="2026-11-15", catalogue=catalogue, targets=overrides).set_index("indicator")
    assert got.loc["digitised_rate", "target"] == 0.8 and got.loc["digitised_rate", "status"] in ("met", "not_met")
    assert bool(got.loc["digitised_rate", "met"]) == bool(got.loc["digitised_rate", "value"] >= 0.8)
    assert math.isnan(got.loc["online_rate", "target"]) and got.loc["online_rate", "status"] == "no_target"
    assert got.loc["satisfaction_rate", "target"] == 0.5 and got.loc["satisfaction_rate", "status"] == "met"
    assert got.loc["postal_rate", "status"] == "not_met" and got.loc["postal_rate", "gap"] < 0
    assert got.loc["on_time_rate", "target"] == 1.0  # defaults kept unless overridden
    pd.testing.assert_series_equal(got["value"], base["value"])
    # The same from a JSON file.
    path = tmp_path / "targets.json"
    path.write_text(json.dumps({"digitised_rate": 0.8, "online_rate": None, "satisfaction_rate": 0.5, "postal_rate": 1}))
    from_file = motcua.Scorecard.build(rows, as_of="2026-11-15", catalogue=catalogue, targets=path)
    pd.testing.assert_frame_equal(from_file.frame.set_index("indicator"), got)
    assert from_file.targets["digitised_rate"] == 0.8 and from_file.targets["online_rate"] is None
    assert motcua.scorecard(rows, as_of="2026-11-15", catalogue=catalogue, targets=str(path)).equals(got.reset_index())
    # Errors.
    for bad in ({"speed": 1.0}, {"online_rate": 5}, {"online_rate": -0.1}, {"online_rate": "0.9"},
                {"online_rate": float("nan")}, {"online_rate": [0.5]}):
        with pytest.raises(motcua.InvalidArgumentError) as e:
            motcua.scorecard(rows, as_of="2026-11-15", catalogue=catalogue, targets=bad)  # type: ignore[arg-type]
        assert e.value.code == "invalid_argument"
    with pytest.raises(motcua.InvalidArgumentError) as e:
        motcua.scorecard(rows, as_of="2026-11-15", catalogue=catalogue, targets={"speed": 1.0})
    assert "unknown indicator `speed`" in str(e.value) and "on_time_rate" in str(e.value)
    with pytest.raises(motcua.InvalidArgumentError):
        motcua.scorecard(rows, as_of="2026-11-15", catalogue=catalogue, targets=[("online_rate", 0.5)])  # type: ignore[arg-type]
    broken = tmp_path / "broken.json"
    broken.write_text('{"online_rate": 0.5,\n')
    with pytest.raises(motcua.InvalidJsonError) as e5:
        motcua.scorecard(rows, as_of="2026-11-15", catalogue=catalogue, targets=broken)
    assert e5.value.line == 2
    unknown = tmp_path / "unknown.json"
    unknown.write_text('{"speed": 1}')
    with pytest.raises(motcua.InvalidArgumentError):
        motcua.scorecard(rows, as_of="2026-11-15", catalogue=catalogue, targets=unknown)
    with pytest.raises(motcua.MotcuaIOError) as e6:
        motcua.scorecard(rows, as_of="2026-11-15", catalogue=catalogue, targets=tmp_path / "missing.json")
    assert isinstance(e6.value, OSError) and e6.value.code == "io"


def test_html_and_repr(sample: pd.DataFrame, catalogue: motcua.Catalogue) -> None:
    card = motcua.Scorecard.build(
        sample, by="agency", as_of="2025-02-15", catalogue=catalogue, targets={"postal_rate": 0.5}
    )
    statuses = set(card.frame["status"])
    assert statuses == {"met", "not_met", "no_data", "no_target"}, statuses
    page = card._repr_html_()
    assert page.count("<table") == 2 and "Tỷ lệ giải quyết đúng hạn và trước hạn" in page
    assert "✓" in page and "✗" in page and "no data" in page and "#d4edda" in page and "#f8d7da" in page
    for status in statuses:
        assert f'class="motcua-{status}"' in page
    assert "Tổng cộng / total" in page and "Hộ tịch" in page
    assert "Scorecard as of 2025-02-15 23:59" in repr(card) and len(card) == len(card.rows)
    assert len(card.totals) == 9 and all(r["agency"] is None for r in card.totals)
    assert "<table" in motcua.Scorecard.build(sample.head(10), as_of="2026-11-15", catalogue=catalogue)._repr_html_()
