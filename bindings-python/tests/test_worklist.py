"""The worklist (``motcua.worklist``): on the bundled sample against a pandas computation of its
own (``motcua.classify`` per dossier, the working days counted with ``working_days_between``,
the apology day found with numpy's ``busday_offset`` over the calendar's days off — not through
the worklist), from pandas, polars, pyarrow and the file; hand-made cases for every status and
for the apology day across the 30 April – 1 May break of 2026; bad rows as the report has them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import motcua

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "core" / "examples" / "sample"


@pytest.fixture(scope="module")
def catalogue() -> motcua.Catalogue:
    return motcua.Catalogue.from_file(SAMPLE / "catalogue.json")


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return pd.read_csv(SAMPLE / "dossiers.csv", dtype=str, keep_default_na=False).replace("", None)


def expected(df: pd.DataFrame, cat: motcua.Catalogue, as_of: str, within: int, all_: bool, by: str | None) -> pd.DataFrame:
    cal = motcua.Calendar.vietnam()
    t = pd.Timestamp(as_of) if "T" in as_of else pd.Timestamp(as_of) + pd.Timedelta(hours=23, minutes=59, seconds=59)
    c = motcua.classify(df, catalogue=cat, as_of=t.to_pydatetime())
    keep = c["outcome"].isin(["pending_within", "overdue", "awaiting_supplement"]) & ~c["left_out"]
    rows = df[keep.to_numpy()].reset_index(drop=True)
    c = c[keep].reset_index(drop=True)
    left = np.asarray(cal.working_days_between(t.date(), c["due"].to_numpy().astype("datetime64[D]")))
    status = np.select(
        [c["outcome"] == "overdue", c["outcome"] == "awaiting_supplement", left == 0, left <= within],
        ["overdue", "awaiting_supplement", "due_today", "due_soon"],
        "on_track",
    )
    days = c["due"].to_numpy().astype("datetime64[D]")
    off = np.array(cal.days_off(days.min() - 30, days.max()), dtype="datetime64[D]")
    previous = np.busday_offset(days - 1, 0, roll="backward", weekmask="1111111", holidays=off)
    apology = pd.Series(previous).where(
        ~(rows["new_due"].notna().to_numpy() | (status == "overdue"))
    )
    out = pd.DataFrame({"id": rows["id"]})
    if by:
        out[by] = rows[by]
    out["due"] = c["due"]
    out["due_at"] = c["due_at"]
    out["working_days_left"] = left
    out["status"] = status
    out["apology_by"] = apology
    if not all_:
        out = out[out["status"] != "on_track"]
    return out.sort_values(["due_at", "id"], kind="stable").reset_index(drop=True)


def normal(w: pd.DataFrame) -> pd.DataFrame:
    """Plain dtypes to compare with: dates as ``datetime64[s]``, status as text."""
    w = w.drop(columns=["row"]).copy()
    for col in ("due", "due_at", "apology_by"):
        w[col] = pd.to_datetime(w[col]).astype("datetime64[s]")
    w["status"] = w["status"].astype(str)
    w["id"] = w["id"].astype(object)
    return w


@pytest.mark.parametrize(
    "as_of,within,all_,by",
    [("2026-11-13T10:00", 3, False, None), ("2026-11-15", 3, True, "field"), ("2026-06-01T08:00", 5, False, "agency")],
)
def test_sample_equals_an_independent_computation(sample, catalogue, as_of, within, all_, by) -> None:
    want = normal(expected(sample, catalogue, as_of, within, all_, by).assign(row=0))
    assert len(want) > 20 and want["status"].nunique() >= 3
    got = motcua.worklist(sample, as_of=as_of, within=within, all=all_, by=by, catalogue=catalogue)
    pd.testing.assert_frame_equal(normal(got), want, check_dtype=False)
    assert isinstance(got["status"].dtype, pd.CategoricalDtype)
    # The same rows from the file (read by the core), polars and pyarrow.
    from_file = motcua.worklist(SAMPLE / "dossiers.csv", as_of=as_of, within=within, all=all_, by=by, catalogue=catalogue)
    pd.testing.assert_frame_equal(normal(from_file), want, check_dtype=False)
    pl = pytest.importorskip("polars")
    got_pl = motcua.worklist(pl.from_pandas(sample), as_of=as_of, within=within, all=all_, by=by, catalogue=catalogue)
    assert isinstance(got_pl, pl.DataFrame) and got_pl.schema["due"] == pl.Date
    pd.testing.assert_frame_equal(normal(got_pl.to_pandas()), want, check_dtype=False)
    pa = pytest.importorskip("pyarrow")
    got_pa = motcua.worklist(pa.Table.from_pandas(sample), as_of=as_of, within=within, all=all_, by=by, catalogue=catalogue)
    pd.testing.assert_frame_equal(normal(got_pa), want, check_dtype=False)
    # `row` points back at the frame's row.
    assert (sample["id"].to_numpy()[got["row"].to_numpy()] == got["id"].to_numpy()).all()


HAND = pd.DataFrame(
    {
        "id": list("ABCDEFGHIJ"),
        "received": [
            "2026-04-22T09:00", "2026-04-24T09:00", "2026-04-24T09:00", "2026-04-28T09:00", "2026-04-28T09:00",
            "2026-04-20T09:00", "2026-04-22T09:00", "2026-04-22T09:00", "2026-04-29T09:00", "2026-04-22T09:00",
        ],
        "time_limit": ["3wd", "3wd", "2wd", "3wd", "10wd", "5wd", "3wd", "3wd", "3wd", "3wd"],
        "supplement_requested": [None] * 5 + ["2026-04-21T10:00"] + [None] * 4,
        "new_due": [None] * 6 + ["2026-05-05"] + [None] * 3,
        "resolved": [None] * 7 + ["2026-04-24T10:00", None, None],
        "withdrawn": [None] * 9 + ["2026-04-23T10:00"],
    }
)


def test_hand_made_statuses_and_the_apology_across_the_break() -> None:
    # As of Wednesday 29 April 2026, 08:00; days off 25–27 April and 30 April – 3 May.
    w = motcua.Worklist.build(HAND, as_of="2026-04-29T08:00", all=True)
    got = [
        (r["id"], r["due"].isoformat(), r["working_days_left"], r["status"], r["apology_by"] and r["apology_by"].isoformat())
        for r in w.rows
    ]
    assert got == [
        ("A", "2026-04-28", -1, "overdue", None),
        ("F", "2026-04-28", -1, "awaiting_supplement", "2026-04-24"),
        ("C", "2026-04-29", 0, "due_today", "2026-04-28"),
        # Due Monday 4 May: the apology by Wednesday 29 April, before the break.
        ("B", "2026-05-04", 1, "due_soon", "2026-04-29"),
        ("D", "2026-05-05", 2, "due_soon", "2026-05-04"),
        ("G", "2026-05-05", 2, "due_soon", None),  # a new appointment already given
        ("E", "2026-05-14", 9, "on_track", "2026-05-13"),
    ]
    assert (w.open, w.counted, w.left_out) == (7, 9, 1)
    assert w.to_json().startswith('[{"id":"A","due":"2026-04-28","due_at":"2026-04-28T17:00","working_days_left":-1')
    short = motcua.worklist(HAND, as_of="2026-04-29T08:00", within=1, apology_lead=2)
    assert list(short["id"]) == ["A", "F", "C", "B"]
    assert short["apology_by"].iloc[3] == pd.Timestamp("2026-04-28")
    assert "Sắp đến hạn" in w._repr_html_()


def test_bad_rows_follow_the_report() -> None:
    bad = pd.concat([HAND, pd.DataFrame({"id": ["K"], "received": ["2026-02-30T09:00"], "time_limit": ["3wd"]})])
    with pytest.raises(motcua.CsvFieldError) as e:
        motcua.worklist(bad, as_of="2026-04-29T08:00")
    assert e.value.id == "K" and e.value.index == 10
    w = motcua.Worklist.build(bad, as_of="2026-04-29T08:00", skip_bad=True)
    assert len(w) == 6 and [s["id"] for s in w.skipped] == ["K"]
    # A pandas index of labels: the error and the skipped row name the label too.
    named = bad.set_axis([f"r{i}" for i in range(len(bad))])
    with pytest.raises(motcua.CsvFieldError) as e:
        motcua.worklist(named, as_of="2026-04-29T08:00")
    assert (e.value.index, e.value.label, e.value.id) == (10, "r10", "K")
    assert "(index label 'r10')" in str(e.value)
    w = motcua.Worklist.build(named, as_of="2026-04-29T08:00", skip_bad=True)
    assert [(s["index"], s["label"]) for s in w.skipped] == [(10, "r10")]
    with pytest.raises(motcua.CsvFieldError) as e:
        motcua.report(named, as_of="2026-04-29T08:00")
    assert e.value.label == "r10"
    with pytest.raises(motcua.CsvFieldError) as e:
        motcua.classify(named, "2026-04-29T08:00")
    assert e.value.label == "r10"
    with pytest.raises(motcua.CsvMissingColumnError):
        motcua.worklist(HAND.drop(columns="received"), as_of="2026-04-29")


def test_as_of_is_now_by_default_and_dates_mean_the_end_of_day() -> None:
    w = motcua.Worklist.build(HAND, as_of=dt.date(2026, 4, 29))
    assert w.as_of == dt.datetime(2026, 4, 29, 23, 59, 59)
    assert [r["id"] for r in w.rows][0] == "A"
    assert motcua.Worklist.build(HAND).as_of.year >= 2026


def test_overloads_keep_the_frame_kind() -> None:
    # checked by mypy (assert_type) and at run time
    import polars as pl
    from typing_extensions import assert_type

    assert isinstance(assert_type(motcua.worklist(HAND, as_of="2026-04-29"), pd.DataFrame), pd.DataFrame)
    p = pl.from_pandas(HAND)
    assert isinstance(assert_type(motcua.worklist(p, as_of="2026-04-29"), pl.DataFrame), pl.DataFrame)
    assert isinstance(assert_type(motcua.worklist(p.lazy(), as_of="2026-04-29"), pl.DataFrame), pl.DataFrame)
