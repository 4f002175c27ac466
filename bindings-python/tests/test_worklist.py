"""The worklist (``motcua.worklist``): on the bundled sample against a pandas computation of its
own (``motcua.classify`` per dossier, the working days counted with ``working_days_between``,
the apology day found with numpy's ``busday_offset`` over the calendar's days off, the holding
stage of an inter-agency dossier from its own classification with its transfers as
``transferred`` events — not through the worklist), from pandas, polars, pyarrow and the file,
and, with the sample's transfers, against ``motcua worklist --transfers``; hand-made cases for
every status, for the apology day across the 30 April – 1 May break of 2026 and for the stage
holding an inter-agency file; bad rows as the report has them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from pathlib import Path
from typing import Any, Optional

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


@pytest.fixture(scope="module")
def transfers() -> pd.DataFrame:
    return pd.read_csv(SAMPLE / "transfers.csv", dtype=str, keep_default_na=False)


def iso(v: str) -> str:
    """ISO text from the sample's ISO or ``dd/mm/yyyy HH:MM`` cells."""
    m = re.fullmatch(r"(\d\d)/(\d\d)/(\d{4})(?: (\d\d?):(\d\d))?", v)
    if not m:
        return v
    day = f"{m[3]}-{m[2]}-{m[1]}"
    return day if m[4] is None else f"{day}T{int(m[4]):02d}:{m[5]}"


def holding(
    row: dict[str, Any], cat: motcua.Catalogue, as_of: dt.datetime, moves: list[tuple[str, str]]
) -> tuple[Optional[str], Any, Optional[bool]]:
    """The stage holding the file of one dossier record: classified alone, its transfers as
    ``transferred`` events; the last stage the file reached, while it is not completed."""
    events: list[dict[str, Any]] = []
    last = iso(row["received"])
    for kind in ("supplement_requested", "supplement_received"):
        if row[kind]:
            last = iso(row[kind])
            events.append({"type": kind, "at": last})
    if row["new_due"]:
        events.append({"type": "apology", "at": last, "new_due": iso(row["new_due"])[:10]})
    for kind in ("resolved", "refused", "withdrawn"):
        if row[kind]:
            events.append({"type": kind, "at": iso(row[kind])})
    events += [{"type": "transferred", "at": at, "to": to} for at, to in moves]
    events.sort(key=lambda e: e["at"])  # ISO text of one length sorts as time; stable on ties
    d = {"received": iso(row["received"]), "procedure": row["procedure"], "channel": row["channel"], "events": events}
    c = motcua.classify(d, as_of, catalogue=cat)
    if not c.stages or c.stages[-1].completed is not None:
        return None, None, None
    s = c.stages[-1]
    return s.agency, s.due, s.outcome == "overdue"


def expected(
    df: pd.DataFrame,
    cat: motcua.Catalogue,
    as_of: str,
    within: int,
    all_: bool,
    by: str | None,
    moves: Optional[pd.DataFrame] = None,
) -> pd.DataFrame:
    cal = motcua.Calendar.vietnam()
    t = pd.Timestamp(as_of) if "T" in as_of else pd.Timestamp(as_of) + pd.Timedelta(hours=23, minutes=59, seconds=59)
    c = motcua.classify(df, catalogue=cat, as_of=t.to_pydatetime())
    keep = c["outcome"].isin(["pending_within", "overdue", "awaiting_supplement"]) & ~c["left_out"]
    rows = df[keep.to_numpy()].reset_index(drop=True)
    c = c[keep].reset_index(drop=True)
    # Awaiting a supplement, the clock stopped at the request: what was left then.
    since = c["awaiting_supplement_since"].dt.normalize().fillna(pd.Timestamp(t.date()))
    left = np.asarray(cal.working_days_between(since.to_numpy().astype("datetime64[D]"),
                                               c["due"].to_numpy().astype("datetime64[D]")))
    status = np.select(
        [c["outcome"] == "overdue", c["outcome"] == "awaiting_supplement", left == 0, left <= within],
        ["overdue", "awaiting_supplement", "due_today", "due_soon"],
        "on_track",
    )
    days = c["due"].to_numpy().astype("datetime64[D]")
    off = np.array(cal.days_off(days.min() - 30, days.max()), dtype="datetime64[D]")
    previous = np.busday_offset(days - 1, 0, roll="backward", weekmask="1111111", holidays=off)
    # Never before the deemed receipt day (a same-day limit: that day).
    previous = np.maximum(previous, c["deemed_receipt"].to_numpy().astype("datetime64[D]"))
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
    staged = {p.code for p in cat if p.stages}
    by_id: dict[str, list[tuple[str, str]]] = {}
    for m in [] if moves is None else moves.itertuples():
        by_id.setdefault(str(m.id), []).append((str(m.at), str(m.to)))
    stages = [
        holding(r, cat, t.to_pydatetime(), by_id.get(str(r["id"]), [])) if r["procedure"] in staged else (None, None, None)
        for r in ({k: None if pd.isna(v) else v for k, v in x.items()} for x in rows.to_dict("records"))
    ]
    out["stage_agency"] = [a for a, _, _ in stages]
    out["stage_due"] = pd.to_datetime(pd.Series([d for _, d, _ in stages], dtype=object))
    out["stage_overdue"] = pd.array([o for _, _, o in stages], dtype="boolean")
    if not all_:
        out = out[out["status"] != "on_track"]
    return out.sort_values(["due_at", "id"], kind="stable").reset_index(drop=True)


def normal(w: pd.DataFrame) -> pd.DataFrame:
    """Plain dtypes to compare with: dates as ``datetime64[s]``, status as text."""
    w = w.drop(columns=["row"]).copy()
    for col in ("due", "due_at", "apology_by", "stage_due"):
        w[col] = pd.to_datetime(w[col]).astype("datetime64[s]")
    w["status"] = w["status"].astype(str)
    w["id"] = w["id"].astype(object)
    w["stage_agency"] = w["stage_agency"].astype(object).where(w["stage_agency"].notna(), None)
    w["stage_overdue"] = w["stage_overdue"].astype("boolean")
    return w


@pytest.mark.parametrize(
    "as_of,within,all_,by",
    [("2026-11-13T10:00", 3, False, None), ("2026-11-15", 3, True, "field"), ("2026-06-01T08:00", 5, False, "procedure")],
)
def test_sample_equals_an_independent_computation(sample, catalogue, as_of, within, all_, by) -> None:
    want = normal(expected(sample, catalogue, as_of, within, all_, by).assign(row=0))
    assert len(want) > 20 and want["status"].nunique() >= 3
    # Without transfers an inter-agency dossier's file is still at its first stage's agency.
    assert want["stage_agency"].notna().sum() >= 1
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
        ("F", "2026-04-28", 4, "awaiting_supplement", "2026-04-24"),
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
    assert [(s["index"], s["label"], s["line"]) for s in w.skipped] == [(10, "r10", 11)]
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


# A procedure of two stages (the brief of issue 20's example): the commune's 5 working days,
# then the tax office's 3, 8 in all.
STAGED = motcua.Catalogue.from_json(
    """[{"code": "LT", "name": "inter-agency", "field": "Đất đai", "level": "commune", "online": "none",
        "time_limit": "8wd",
        "stages": [{"agency": "UBND xã", "time_limit": "5wd"}, {"agency": "Chi cục Thuế", "time_limit": "3wd"}]}]"""
)
STAGED_RECORDS = pd.DataFrame(
    {
        "id": ["X", "Y", "Z"],
        "procedure": ["LT", "LT", None],
        "time_limit": [None, None, "3wd"],
        "received": ["2026-05-04T09:00", "2026-05-04T09:00", "2026-05-08T09:00"],
    }
)
STAGED_TRANSFERS = pd.DataFrame({"id": ["Y"], "at": ["2026-05-07T14:00"], "to": ["Chi cục Thuế"]})


def test_hand_worked_holding_stages(tmp_path) -> None:
    # Days off around: 30 April – 3 May 2026 (Thu 30/4, Fri 1/5, the weekend); May's weekends.
    # Working days from Monday 4 May: Mon 4, Tue 5, Wed 6, Thu 7, Fri 8, Mon 11, Tue 12,
    # Wed 13, Thu 14 (9, 10 May: the weekend).
    # X, received Mon 4 May 09:00 (day 0), never transferred: UBND xã's 5 working days are
    #   5, 6, 7, 8, 11 -> its stage is due Mon 11 May; as of Tue 12 May 10:00 it is overdue.
    #   The dossier's 8: 5, 6, 7, 8, 11, 12, 13, 14 -> due Thu 14 May; 2 working days left
    #   (13, 14): due_soon; apology by Wed 13 May.
    # Y, received the same, sent to Chi cục Thuế on Thu 7 May 14:00 (day 0 of its stage): its 3
    #   working days are 8, 11, 12 -> due Tue 12 May: within on 12 May 10:00. The dossier as X.
    # Z, no stages: 3 working days from Fri 8 May: 11, 12, 13 -> due Wed 13 May, 1 day left.
    as_of = "2026-05-12T10:00"
    w = motcua.Worklist.build(STAGED_RECORDS, as_of=as_of, catalogue=STAGED, transfers=STAGED_TRANSFERS)
    got = [
        (r["id"], r["due"].isoformat(), r["working_days_left"], r["status"], r["apology_by"].isoformat(),
         r["stage_agency"], r["stage_due"] and r["stage_due"].isoformat(), r["stage_overdue"])
        for r in w.rows
    ]
    assert got == [
        ("Z", "2026-05-13", 1, "due_soon", "2026-05-12", None, None, None),
        ("X", "2026-05-14", 2, "due_soon", "2026-05-13", "UBND xã", "2026-05-11", True),
        ("Y", "2026-05-14", 2, "due_soon", "2026-05-13", "Chi cục Thuế", "2026-05-12", False),
    ]
    assert w.skipped == [] and (w.open, w.counted) == (3, 3)
    assert '"stage_agency":"UBND xã","stage_due":"2026-05-11","stage_overdue":true' in w.to_json()
    html = w._repr_html_()
    assert "Cơ quan đang giữ hồ sơ" in html and "Hạn của bước" in html and "Bước quá hạn" in html
    # Without stages in the list, the notebook table leaves the stage's columns out.
    assert "Hạn của bước" not in motcua.Worklist.build(HAND, as_of="2026-04-29T08:00")._repr_html_()

    # Wednesday 13 May 08:00: Y's stage (due 12 May) is overdue too; Z is due that day.
    later = motcua.worklist(STAGED_RECORDS, as_of="2026-05-13T08:00", catalogue=STAGED, transfers=STAGED_TRANSFERS)
    assert list(later["id"]) == ["Z", "X", "Y"]
    assert list(later["status"]) == ["due_today", "due_soon", "due_soon"]
    assert later["stage_overdue"].tolist() == [pd.NA, True, True]

    # The frame types: pandas and polars.
    f = motcua.worklist(STAGED_RECORDS, as_of=as_of, catalogue=STAGED, transfers=STAGED_TRANSFERS)
    assert list(f.columns) == ["id", *motcua.worklists.WORKLIST_COLUMNS, "row"]
    assert str(f["stage_agency"].dtype) == "string" and str(f["stage_overdue"].dtype) == "boolean"
    assert f["stage_due"].dtype == f["due"].dtype and f["stage_due"].dtype.kind == "M"
    assert f["stage_due"].tolist()[1:] == [pd.Timestamp("2026-05-11"), pd.Timestamp("2026-05-12")]
    assert pd.isna(f["stage_due"].iloc[0]) and pd.isna(f["stage_agency"].iloc[0])
    pl = pytest.importorskip("polars")
    p = motcua.worklist(pl.from_pandas(STAGED_RECORDS), as_of=as_of, catalogue=STAGED, transfers=pl.from_pandas(STAGED_TRANSFERS))
    assert (p.schema["stage_agency"], p.schema["stage_due"], p.schema["stage_overdue"]) == (pl.String, pl.Date, pl.Boolean)
    assert p["stage_overdue"].to_list() == [None, True, False]
    assert p["stage_due"].to_list() == [None, dt.date(2026, 5, 11), dt.date(2026, 5, 12)]

    # From files: the records' and the transfers' (read by the core, as the CLI reads them).
    STAGED_RECORDS.to_csv(tmp_path / "d.csv", index=False)
    STAGED_TRANSFERS.to_csv(tmp_path / "t.csv", index=False)
    (tmp_path / "c.json").write_text(json.dumps(STAGED.to_records()), encoding="utf-8")
    from_files = motcua.Worklist.build(tmp_path / "d.csv", as_of=as_of, catalogue=STAGED, transfers=tmp_path / "t.csv")
    assert [(r["stage_agency"], r["stage_overdue"]) for r in from_files.rows] == [(None, None), ("UBND xã", True), ("Chi cục Thuế", False)]

    # Without the transfer, Y's file is still at the commune, overdue as X's.
    alone = motcua.Worklist.build(STAGED_RECORDS, as_of=as_of, catalogue=STAGED)
    assert [(r["stage_agency"], r["stage_overdue"]) for r in alone.rows][2] == ("UBND xã", True)


def test_transfers_are_bad_rows_as_in_the_report() -> None:
    stray = pd.concat([STAGED_TRANSFERS, pd.DataFrame({"id": ["Q"], "at": ["2026-05-07T14:00"], "to": ["Chi cục Thuế"]})])
    with pytest.raises(motcua.InvalidTransferError) as e:
        motcua.worklist(STAGED_RECORDS, as_of="2026-05-12T10:00", catalogue=STAGED, transfers=stray)
    assert e.value.id == "Q"
    w = motcua.Worklist.build(STAGED_RECORDS, as_of="2026-05-12T10:00", catalogue=STAGED, transfers=stray, skip_bad=True)
    assert len(w) == 3 and [s["id"] for s in w.skipped] == ["Q"]
    # A transfer to an agency that is not the next stage's: its dossier is a bad row.
    wrong = STAGED_TRANSFERS.assign(to="Sở Tài chính")
    w = motcua.Worklist.build(STAGED_RECORDS, as_of="2026-05-12T10:00", catalogue=STAGED, transfers=wrong, skip_bad=True)
    assert [r["id"] for r in w.rows] == ["Z", "X"] and [s["code"] for s in w.skipped] == ["invalid_transfer"]


def test_a_grouping_column_named_as_a_worklist_column_is_refused() -> None:
    # A row is a dict keyed by name: grouping by `status` would lose either the group or the
    # row's status. (The records' own `agency` column is no worklist column: it groups.)
    for by in ("stage_agency", "status", "id", "row", "line"):
        with pytest.raises(motcua.InvalidArgumentError, match=f"`{by}`"):
            motcua.worklist(STAGED_RECORDS.assign(**{by: "x"}), as_of="2026-05-12", by=by, catalogue=STAGED)
    w = motcua.Worklist.build(STAGED_RECORDS.assign(agency="UBND"), as_of="2026-05-12T10:00", by="agency", catalogue=STAGED)
    assert {r["agency"] for r in w.rows} == {"UBND"} and any(r["stage_agency"] for r in w.rows)


def test_a_lead_time_past_the_calendar_is_refused_before_any_row() -> None:
    # 10,000 working days before 29 April 2026 fall before 1995: every row's apology day would
    # be out of the calendar, so the option itself is refused (as the CLI's exit 2), naming it.
    with pytest.raises(motcua.InvalidArgumentError, match="apology_lead") as e:
        motcua.worklist(HAND, as_of="2026-04-29T08:00", apology_lead=10_000)
    assert e.value.field == "apology_lead"
    # `within` is only compared with the days left: a large value lists every open dossier
    # (none on track) and no row fails.
    w = motcua.worklist(HAND, as_of="2026-04-29T08:00", within=10**6, all=True)
    assert set(w["status"]) == {"overdue", "awaiting_supplement", "due_today", "due_soon"}
    assert len(w) == 7


@pytest.mark.parametrize("as_of,by", [("2025-06-13T10:00", None), ("2026-11-13T10:00", "field")])
def test_sample_with_transfers_equals_the_cli(sample, catalogue, transfers, as_of, by) -> None:
    from test_records_everywhere import cli

    cmd = [cli(), "worklist", str(SAMPLE / "dossiers.csv"), "--catalogue", str(SAMPLE / "catalogue.json"),
           "--transfers", str(SAMPLE / "transfers.csv"), "--as-of", as_of, "--format", "json", "--all"]
    if by:
        cmd += ["--by", by]
    want = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    staged = [r for r in want if r["stage_agency"] is not None]
    overdue = sum(r["stage_overdue"] for r in staged)
    assert len(want) > 20 and len(staged) >= 5 and 0 < overdue < len(staged)
    # pandas, polars and the files, row for row.
    # A frame's rows say their position (the file's line less the header's and 1).
    framed = [{**{k: v for k, v in r.items() if k != "line"}, "row": r["line"] - 2} for r in want]
    w = motcua.Worklist.build(sample, as_of=as_of, all=True, by=by, catalogue=catalogue, transfers=transfers)
    assert json.loads(w.to_json()) == framed
    files = motcua.Worklist.build(
        SAMPLE / "dossiers.csv", as_of=as_of, all=True, by=by, catalogue=catalogue, transfers=SAMPLE / "transfers.csv"
    )
    assert json.loads(files.to_json()) == want
    pl = pytest.importorskip("polars")
    p = motcua.Worklist.build(
        pl.from_pandas(sample), as_of=as_of, all=True, by=by, catalogue=catalogue, transfers=pl.from_pandas(transfers)
    )
    assert json.loads(p.to_json()) == framed
    # And the frames against the independent computation (each staged dossier classified alone).
    independent = normal(expected(sample, catalogue, as_of, 3, True, by, moves=transfers).assign(row=0))
    got = motcua.worklist(sample, as_of=as_of, all=True, by=by, catalogue=catalogue, transfers=transfers)
    pd.testing.assert_frame_equal(normal(got), independent, check_dtype=False)
    got_pl = motcua.worklist(pl.from_pandas(sample), as_of=as_of, all=True, by=by, catalogue=catalogue, transfers=transfers)
    pd.testing.assert_frame_equal(normal(got_pl.to_pandas()), independent, check_dtype=False)


def test_a_file_in_utf16_or_a_windows_code_page(tmp_path, catalogue) -> None:
    """A file read by the core: a spreadsheet's "Unicode text" (UTF-16, tab-separated) gives the
    rows of the UTF-8 file; a cell saved in the Windows code page is a bad row at its line and
    column (skipped with ``skip_bad``), never text with replacement characters."""
    text = (SAMPLE / "dossiers.csv").read_text(encoding="utf-8")
    want = motcua.worklist(SAMPLE / "dossiers.csv", as_of="2026-11-15", catalogue=catalogue)
    unicode_text = tmp_path / "hoso.txt"
    unicode_text.write_bytes(text.replace(",", "\t").encode("utf-16"))
    got = motcua.worklist(unicode_text, as_of="2026-11-15", catalogue=catalogue)
    pd.testing.assert_frame_equal(got, want)
    ansi = tmp_path / "ansi.csv"
    ansi.write_bytes(b"id,received,time_limit,field\nA,2026-11-10,3wd,H\xd4\xf2 t\xec\xf2ch\nB,2026-11-10,3wd,X\n")
    with pytest.raises(motcua.MotcuaError) as e:
        motcua.worklist(ansi, as_of="2026-11-15", by="field")
    assert (e.value.code, e.value.line, e.value.field) == ("csv_field", 2, "field")
    assert "CSV UTF-8" in str(e.value)
    kept = motcua.Worklist.build(ansi, as_of="2026-11-15", by="field", skip_bad=True)
    assert [r["id"] for r in kept.rows] == ["B"]
    assert [(s["code"], s["field"], s["line"], s["index"]) for s in kept.skipped] == [("csv_field", "field", 2, None)]
    assert "line 2, column `field`" in kept.skipped[0]["message"]


def test_a_header_below_title_lines_is_named(tmp_path) -> None:
    """A report exported with its title above the table: the missing column's error says which
    line holds the header and what to remove (the file is not read from there on a guess)."""
    titled = tmp_path / "titled.csv"
    titled.write_text("DANH SÁCH HỒ SƠ,,\n,,\nid,received,time_limit\nA,2026-11-10,3wd\n", encoding="utf-8")
    with pytest.raises(motcua.CsvMissingColumnError) as e:
        motcua.worklist(titled, as_of="2026-11-15")
    assert e.value.field == "received"
    assert str(e.value).endswith("line 3 holds the columns (id, received, time_limit): remove the 2 lines above it (a title?)"), str(e.value)
    plain = tmp_path / "plain.csv"
    plain.write_text("id,received,time_limit\nA,2026-11-10,3wd\n", encoding="utf-8")
    assert list(motcua.worklist(plain, as_of="2026-11-15")["id"]) == ["A"]
    import gzip

    packed = tmp_path / "hoso.jsonl.gz"
    packed.write_bytes(gzip.compress(b'{"id":"B","received":"2026-11-10","time_limit":"3wd"}\n'))
    assert list(motcua.worklist(packed, as_of="2026-11-15")["id"]) == ["B"]
