"""Procedures, dossiers, due dates, classification and reports: frame answers agree with the
one-dossier answers, reports keep their identities, bad rows name their index."""

from __future__ import annotations

import datetime as dt
import subprocess
from typing import Any
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl
import pytest

import motcua
from conftest import ROOT

SAMPLE = ROOT / "core" / "examples" / "sample"


@pytest.fixture(scope="module")
def catalogue() -> motcua.Catalogue:
    return motcua.Catalogue.from_file(SAMPLE / "catalogue.json")


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return pd.read_csv(SAMPLE / "dossiers.csv", dtype=str, keep_default_na=False).replace("", None)


def test_catalogue(catalogue: motcua.Catalogue, tmp_path: Path) -> None:
    assert len(catalogue) > 10 and "1.001193" in catalogue
    p = catalogue["1.001193"]
    assert p.time_limit == "same_day" and p.level == "commune"
    frame = pd.DataFrame(catalogue.to_records())
    again = motcua.Catalogue.from_frame(frame)
    assert again.codes() == catalogue.codes()
    csv = tmp_path / "cat.csv"
    frame.to_csv(csv, index=False)
    assert motcua.Catalogue.from_file(csv).codes() == catalogue.codes()
    assert [again[c].stages for c in again.codes()] == [catalogue[c].stages for c in catalogue.codes()]
    assert any(catalogue[c].stages for c in catalogue.codes())
    assert [p.stages for p in motcua.Catalogue.from_file(csv)] == [p.stages for p in catalogue]
    with pytest.raises(motcua.UnknownProcedureError):
        catalogue.get("no-such-code")
    with pytest.raises(motcua.InvalidCatalogueError) as e:
        motcua.Catalogue.from_records([{"code": "x", "level": "commune", "time_limit": "0wd", "online": "none"}])
    assert e.value.field == "time_limit"


def test_catalogue_rows_keep_their_stages() -> None:
    """A catalogue from dicts, frames or Arrow keeps each procedure's stages (a list of dicts or
    its JSON text), so the inter-agency answers use them: they were turned into Python's repr,
    ignored, and the stages lost without a word."""
    stages = [{"agency": "X", "time_limit": "4wd"}, {"agency": "Y", "time_limit": "6wd"}]
    base = {"name": "n", "field": "f", "level": "province", "time_limit": "10wd", "online": "partial"}
    cat = motcua.Catalogue.from_records([{"code": "B", **base, "stages": stages}, {"code": "C", **base}])
    assert cat["B"].stages == stages and cat["C"].stages == []
    assert motcua.Catalogue.from_records([{"code": "B", **base, "stages": __import__("json").dumps(stages)}])["B"].stages == stages
    for frame in (pd.DataFrame(cat.to_records()), pl.DataFrame(cat.to_records())):
        again = motcua.Catalogue.from_frame(frame)
        assert [again["B"].stages, again["C"].stages] == [stages, []]
    df = pd.DataFrame({"id": ["1"], "received": ["2026-03-02"], "procedure": ["B"]})
    assert motcua.worklist(df, as_of="2026-03-04", catalogue=cat, all=True).stage_agency.tolist() == ["X"]
    with pytest.raises(motcua.InvalidCatalogueError) as e:
        motcua.Catalogue.from_records([{"code": "B", **base, "stages": "[{'agency': 'X'}]"}])
    assert e.value.field == "stages"


def test_rules() -> None:
    r = motcua.Rules(supplement="restart")
    assert r.to_dict()["supplement"] == "restart" and r == motcua.Rules.parse(["supplement=restart"])
    assert "counting" in motcua.Rules.options()
    with pytest.raises(motcua.InvalidRuleError):
        motcua.Rules(counting="minutes")
    # A key given twice: which value is meant is a guess (the last one won), as the CLI says.
    for pairs in (["supplement=restart", "supplement=pause"], ["supplement=pause", " supplement =pause"]):
        with pytest.raises(motcua.InvalidRuleError, match="given twice"):
            motcua.Rules.parse(pairs)
        with pytest.raises(motcua.InvalidRuleError, match="given twice"):
            motcua.classify({"received": "2026-03-02T09:00", "time_limit": "3wd"}, "2026-03-31", rules=pairs)


def test_frame_answers_match_single_dossiers(sample: pd.DataFrame, catalogue: motcua.Catalogue) -> None:
    rows = sample.head(300)
    as_of = "2026-06-30"
    frame = motcua.classify(rows, as_of, catalogue=catalogue, errors="coerce")
    assert list(frame.index) == list(rows.index)
    assert frame["error"].isna().all(), frame["error"].dropna().head()
    for i in range(0, len(rows), 7):
        r = rows.iloc[i]
        events = [
            {"type": k, "at": r[k]}
            for k in ("supplement_requested", "supplement_received", "resolved", "refused", "withdrawn")
            if k in r and r[k] is not None
        ]
        dossier: dict[str, object] = {"received": r["received"], "channel": r.get("channel") or "direct", "events": sorted(events, key=lambda e: str(e["at"]))}
        if r.get("time_limit"):
            dossier["time_limit"] = r["time_limit"]
        else:
            dossier["procedure"] = r["procedure"]
        if r.get("new_due"):
            continue  # an apology row: the record reader places it; covered by the vectors
        one = motcua.classify(dossier, as_of, catalogue=catalogue)
        got = frame.iloc[i]
        assert got["due"].date() == one.due, (i, dossier)
        assert got["outcome"] == one.outcome and got["working_days_late"] == one.working_days_late
    due = motcua.due(rows, catalogue=catalogue, errors="coerce")
    np.testing.assert_array_equal(due["due"].to_numpy(), frame["due"].to_numpy())


def test_polars_frames(sample: pd.DataFrame, catalogue: motcua.Catalogue) -> None:
    rows = sample.head(200)
    pframe = pl.from_pandas(rows)
    got = motcua.classify(pframe, "2026-06-30", catalogue=catalogue)
    want = motcua.classify(rows, "2026-06-30", catalogue=catalogue)
    assert isinstance(got, pl.DataFrame)
    assert got["outcome"].to_list() == want["outcome"].tolist()
    assert got["due"].to_list() == [d.date() for d in want["due"]]
    rep = motcua.report(pframe, by="field", as_of="2026-06-30", catalogue=catalogue)
    assert isinstance(rep, pl.DataFrame) and rep.height >= 2


def test_report_identities(sample: pd.DataFrame, catalogue: motcua.Catalogue) -> None:
    rep = motcua.Report.build(sample, by="field", period="month", as_of="2026-06-30", catalogue=catalogue, skip_bad=True)
    t = rep.to_pandas()
    assert (t["received"] == t["carried_over"] + t["received_new"]).all()
    assert (t["received"] == t["resolved"] + t["pending"] + t["refused"] + t["withdrawn"]).all()
    assert (t["resolved"] == t["early"] + t["on_time"] + t["late"]).all()
    assert rep.counted + len(rep.skipped) + rep.left_out == len(sample)
    html = rep._repr_html_()
    assert "<table" in html and "Đúng hạn" in html
    totals = motcua.report(sample, as_of="2026-06-30", catalogue=catalogue, skip_bad=True)
    assert len(totals) == 1 and totals["received"].iloc[0] == rep.counted


def test_bad_rows() -> None:
    df = pd.DataFrame({"received": ["2026-03-02T09:30", "2026-02-30", "2026-03-02"],
                       "time_limit": ["3wd", "3wd", "3wd"],
                       "resolved": [None, None, "2026-03-01"]})
    with pytest.raises(motcua.CsvFieldError) as e:
        motcua.due(df)
    assert e.value.index == 1 and e.value.field == "received"
    coerced = motcua.due(df, errors="coerce")
    assert [None if pd.isna(c) else c for c in coerced["error_code"]] == [None, "csv_field", "result_before_receipt"]
    assert pd.isna(coerced["due"].iloc[1])
    with pytest.raises(motcua.ResultBeforeReceiptError) as e2:
        motcua.report(df.drop(index=1), as_of="2026-03-31")
    assert e2.value.index == 1  # position in the frame given
    with pytest.raises(motcua.CsvMissingColumnError):
        motcua.report(df[["received"]], as_of="2026-03-31")
    rep = motcua.Report.build(df, as_of="2026-03-31", skip_bad=True)
    assert [s["index"] for s in rep.skipped] == [1, 2]
    empty = motcua.Report.build(df.iloc[:0], as_of="2026-03-31")
    assert empty.to_polars().height == 1 and empty.to_pandas()["received"].iloc[0] == 0


def test_single_dossier_api() -> None:
    d = motcua.Dossier({"received": dt.datetime(2026, 3, 2, 9, 30), "time_limit": {"working_days": 3},
                        "events": [{"type": "supplement_requested", "at": "2026-03-03T10:00"}]})
    due = motcua.due(d, explain=True)
    assert due.awaiting_supplement_since == dt.datetime(2026, 3, 3, 10, 0) and due.explain
    c = motcua.classify(d, dt.date(2026, 3, 20))
    assert c.outcome == "awaiting_supplement"
    with pytest.raises(motcua.EventsOutOfOrderError):
        motcua.due({"received": "2026-03-02T09:30", "time_limit": "3wd",
                    "events": [{"type": "supplement_requested", "at": "2026-03-04T10:00"},
                               {"type": "supplement_received", "at": "2026-03-03T10:00"}]})
    with pytest.raises(motcua.UnknownProcedureError):
        motcua.due({"received": "2026-03-02T09:30", "procedure": "1.001193"})


def test_explanations_in_vietnamese_and_english() -> None:
    e8 = {"received": "2026-02-13T18:30", "channel": "online", "time_limit": {"working_days": 3},
          "events": [{"type": "resolved", "at": "2026-02-25T15:00"}]}
    vi = motcua.classify(e8, "2026-12-31", explain=True)
    en = motcua.classify(e8, "2026-12-31", explain=True, lang="en")
    assert vi.due == en.due == dt.date(2026, 2, 26) and vi.outcome == "early"
    # the same steps, in two languages
    assert [s["kind"] for s in vi.explain] == [s["kind"] for s in en.explain]
    assert vi.explain[0]["kind"] == "rule_set" and vi.explain[-1]["kind"] == "outcome"
    days_off = [(s["date"], s["day_class"]) for s in vi.explain if s["kind"] == "day_off"]
    assert days_off[2:7] == [("2026-02-16", "statutory"), ("2026-02-17", "statutory"),
                             ("2026-02-18", "statutory"), ("2026-02-19", "statutory"),
                             ("2026-02-20", "compensatory")]
    counted = next(s for s in vi.explain if s["kind"] == "counted")
    assert counted["amount"] == {"working_days": 3}
    assert counted["days"] == ["2026-02-24", "2026-02-25", "2026-02-26"]
    assert counted["basis"] == {"document": "Bộ luật Dân sự 2015", "article": "147", "status": "U"}
    assert counted["text"].endswith("(theo Điều 147 Bộ luật Dân sự 2015).")
    assert "Thứ Sáu 20/02/2026: Nghỉ bù Tết Nguyên đán (ngày nghỉ bù)" in vi.explanation
    assert "(Civil Code 2015, Art. 147)" in en.explanation
    assert "reference" not in vi.explanation + en.explanation
    assert motcua.due(e8).explain == [] and motcua.due(e8).explanation == ""
    with pytest.raises(motcua.InvalidArgumentError):
        motcua.due(e8, explain=True, lang="fr")


@pytest.mark.parametrize("kind", ["pandas", "polars", "arrow"])
def test_explanation_column_of_a_frame(kind: str) -> None:
    import pandas as pd
    df = pd.DataFrame({"received": ["2026-02-13T18:30", "2026-03-03T10:00", "bad"],
                       "channel": ["online", "direct", "direct"],
                       "time_limit": ["3wd", "5wd", "5wd"],
                       "resolved": ["2026-02-25T15:00", None, None]})
    frame: Any = df
    if kind == "polars":
        pl = pytest.importorskip("polars")
        frame = pl.from_pandas(df)
    elif kind == "arrow":
        pa = pytest.importorskip("pyarrow")
        frame = pa.Table.from_pandas(df)
    out = motcua.classify(frame, "2026-03-12", explain=True, lang="en", errors="coerce")
    col = out["explain"]
    texts = list(col.to_pylist() if kind == "arrow" else col)
    assert texts[0].splitlines()[-1] == ("Resolved on Wed 25 Feb 2026, due Thu 26 Feb 2026: early, "
                                         "1 working day before the due date (Civil Code 2015, Art. 148).")
    assert texts[1].splitlines()[-1].startswith("No result as of 23:59:59 on Thu 12 Mar 2026, due Tue 10 Mar 2026: pending, overdue")
    assert pd.isna(texts[2])  # the bad row has no explanation, only its error
    one = motcua.classify(df.iloc[:1], "2026-03-12", explain=True, lang="en")
    assert one["explain"].iloc[0] == motcua.classify(
        {"received": "2026-02-13T18:30", "channel": "online", "time_limit": "3wd",
         "events": [{"type": "resolved", "at": "2026-02-25T15:00"}]},
        "2026-03-12", explain=True, lang="en").explanation
    # without explain, no column
    assert "explain" not in motcua.classify(df.iloc[:2], "2026-03-12").columns
    vi = motcua.due(df.iloc[:2], explain=True)
    assert vi["explain"].iloc[1].splitlines()[2].startswith("Hồ sơ nộp trực tiếp được tiếp nhận lúc 10:00 thứ Ba 03/03/2026")


def test_inter_agency_stages() -> None:
    """procedures.md §3.6; the hand-worked cases are tests/vectors/stages.json."""
    tax = "Chi cục Thuế"
    d: dict[str, Any] = {
        "received": "2026-04-23T10:00",
        "time_limit": {"working_days": 8},
        "stages": [
            {"agency": "Phòng Nông nghiệp và Môi trường", "time_limit": "4wd"},
            {"agency": tax, "time_limit": {"working_days": 3}},
        ],
        "events": [
            {"type": "transferred", "at": "2026-04-29T16:00", "to": tax},
            {"type": "resolved", "at": "2026-05-07T09:00"},
        ],
    }
    c = motcua.classify(d, "2026-05-31")
    assert c.outcome == "early"
    assert c.late_agencies == [tax]
    stage = c.stages[1]
    assert isinstance(stage, motcua.StageDue)
    assert (stage.agency, stage.deemed_receipt, stage.due, stage.outcome, stage.working_days_late) == (
        tax,
        dt.date(2026, 4, 29),
        dt.date(2026, 5, 6),
        "late",
        1,
    )
    assert stage.completed == dt.datetime(2026, 5, 7, 9, 0) and stage.is_late
    # The CLI's JSON shape, round-tripped.
    j = c.to_json()
    assert j["stages"][1]["completed"] == "2026-05-07T09:00" and j["late_agencies"] == [tax]
    # `due` has no as-of: the stage holding the file has no class yet.
    open_ = motcua.due(dict(d, events=d["events"][:1]))
    assert open_.stages[1].completed is None and open_.stages[1].outcome is None
    assert "stages" not in motcua.due({"received": "2026-04-23", "time_limit": "3wd"}).to_json()
    with pytest.raises(motcua.InvalidTransferError) as info:
        motcua.due(dict(d, events=[{"type": "transferred", "at": "2026-04-29T16:00", "to": "Kho bạc"}]))
    assert info.value.code == "invalid_transfer" and isinstance(info.value, ValueError)


# ------------------------------------------------------------------ a dossier dict's values


def test_a_zoned_instant_in_a_dossier_dict_is_converted_to_vietnam_time() -> None:
    """10:30 UTC is 17:30 in Vietnam, after closing time: the clock starts on Monday. The
    zoned `datetime`, the zoned `Timestamp`, the `Z` string and the naive Vietnam time agree."""
    utc = dt.timezone.utc
    ny = dt.timezone(dt.timedelta(hours=-5))
    received = [
        dt.datetime(2026, 3, 6, 10, 30, tzinfo=utc),
        dt.datetime(2026, 3, 6, 5, 30, tzinfo=ny),
        pd.Timestamp("2026-03-06T10:30Z"),
        "2026-03-06T10:30Z",
        "2026-03-06T17:30",
    ]
    answers = {
        (str(d.due), str(d.deemed_receipt))
        for d in (motcua.due({"received": r, "time_limit": {"working_days": 1}}) for r in received)
    }
    assert answers == {("2026-03-10", "2026-03-09")}
    # An event's instant too: resolved 17:30 UTC Monday = 00:30 Tuesday in Vietnam: late.
    for at in (pd.Timestamp("2026-03-09T17:30Z"), dt.datetime(2026, 3, 9, 17, 30, tzinfo=utc)):
        d = {"received": "2026-03-06T09:00", "time_limit": {"working_days": 1},
             "events": [{"type": "resolved", "at": at}]}
        assert motcua.classify(d, "2026-03-20").outcome == "late"
        frame = pd.DataFrame({"received": ["2026-03-06T09:00"], "time_limit": ["1wd"],
                              "resolved": pd.Series([at]).astype("datetime64[ns, UTC]")})
        assert motcua.classify(frame, "2026-03-20")["outcome"].tolist() == ["late"]


@pytest.mark.parametrize("missing", [None, float("nan"), np.float64("nan"), pd.NaT, pd.NA, np.datetime64("NaT")])
def test_a_missing_value_in_a_dossier_dict_is_an_absent_field(missing: Any) -> None:
    with pytest.raises(motcua.InvalidDossierError, match="`received` is missing"):
        motcua.due({"received": missing, "time_limit": "3wd"})
    d = {"received": "2026-03-02T09:00", "time_limit": "3wd", "channel": missing}
    assert str(motcua.due(d).due) == "2026-03-05"


def test_a_midnight_timestamp_is_a_new_due_date() -> None:
    """pandas holds a date as a midnight Timestamp: as `new_due` it is that date; an instant
    with a time of day is its day in Vietnam (a zoned one converted to UTC+7 first), as a
    report's `new_due` cell and a JS `Date` are."""
    def with_new_due(v: Any) -> dict[str, Any]:
        return {"received": "2026-03-02T09:00", "time_limit": {"working_days": 3},
                "events": [{"type": "apology", "at": "2026-03-04T10:00", "new_due": v}]}

    for v in (pd.Timestamp("2026-03-20"), dt.datetime(2026, 3, 20), dt.date(2026, 3, 20),
              np.datetime64("2026-03-20"), "2026-03-20"):
        assert str(motcua.due(with_new_due(v)).due) == "2026-03-20", v
    for v in (pd.Timestamp("2026-03-20T10:00"), "2026-03-20T10:00", "2026-03-19T20:00Z",
              pd.Timestamp("2026-03-19T20:00", tz="UTC")):
        assert str(motcua.due(with_new_due(v)).due) == "2026-03-20", v
    with pytest.raises(motcua.InvalidDateError):
        motcua.due(with_new_due("2026-03-20T25:00"))


def test_a_typed_midnight_is_a_date_alone_in_dicts_as_in_frames() -> None:
    """A timestamp at exactly 00:00 is its date alone in a frame's column; a dict holding the
    same Timestamp gave the instant 00:00 (a working-hour count then used 24 hours where the
    frame used 32: on time in one door, late in the other). Text `…T00:00` is an instant."""
    import pandas as pd

    rules = {"counting": "hours"}
    row = {"received": "2025-12-13T15:00", "time_limit": "15wd", "supplement_requested": "2025-12-18T00:00",
           "supplement_received": "2025-12-22T09:00", "resolved": "2026-01-09T08:00"}
    instants = ["received", "supplement_requested", "supplement_received", "resolved"]
    typed = pd.DataFrame([row]).astype({c: "datetime64[ns]" for c in instants})
    frame = motcua.classify(typed, "2026-01-31", rules=rules)
    events = [{"type": k, "at": typed[k].iloc[0]} for k in instants[1:]]
    as_dict = motcua.classify({"received": typed["received"].iloc[0], "time_limit": "15wd", "events": events},
                              "2026-01-31", rules=rules)
    assert (frame["outcome"].iloc[0], str(frame["due"].iloc[0].date())) == (as_dict.outcome, str(as_dict.due))
    assert as_dict.outcome == "late"  # the request's whole day used (date alone), as the frame reads it
    text = motcua.classify(pd.DataFrame([row]), "2026-01-31", rules=rules)
    assert text["outcome"].iloc[0] == "on_time"  # "T00:00" written out: the instant


def test_a_files_rows_with_values_only_in_columns_not_read_are_warned(tmp_path: Path) -> None:
    """A file's row whose values are all in columns not read (a footer's total, a note) is no
    dossier and is skipped, as a blank row is, but said (a ``UserWarning`` with the CLI's note:
    how many, the first's line), by every builder that reads records; a blank row (``,,,``)
    is skipped without a word. The CLI's stderr says the same (asked, where it is built)."""
    import warnings

    path = tmp_path / "footer.csv"
    path.write_text(
        "id,received,time_limit,resolved,note\n"
        "A,2026-03-02T09:00,3wd,,\n"
        ",,,,\n"
        ",,,,Tổng cộng: 1 hồ sơ\n"
        "B,2026-03-03T09:00,3wd,,\n"
        ",,,,ghi chú\n",
        encoding="utf-8",
    )
    want = (
        "2 row(s) skipped, their values only in columns not read (the first on line 4): a note "
        "or a footer? If they are dossiers, fill in their `received` and name their columns with map="
    )
    builds = {
        "report": lambda: motcua.report(str(path), as_of="2026-11-15"),
        "scorecard": lambda: motcua.scorecard(str(path), as_of="2026-11-15"),
        "worklist": lambda: motcua.worklist(str(path), as_of="2026-03-03T12:00"),
    }
    for name, build in builds.items():
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            build()
        assert [str(w.message) for w in caught] == [want], name
    with pytest.warns(UserWarning, match="2 row"):
        r = motcua.report(str(path), as_of="2026-11-15")
    assert int(r["received"].iloc[-1]) == 2  # the two dossiers, and no more
    # The CLI says the same of the same file (its note on stderr, exit 0).
    from test_records_everywhere import cli

    done = subprocess.run([cli(), "report", str(path), "--as-of", "2026-11-15"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "note: " + want.split(": a note")[0] in done.stderr, done.stderr


def test_a_frames_rows_with_values_only_in_columns_not_read_are_warned() -> None:
    """A frame's row whose values are all in columns not read (a footer's total, a note) is
    said as a file's is: the same ``UserWarning``, its line the row index + 1 (as a frame's
    errors say it), by every builder that reads records and from every kind of frame. The core
    is handed the columns it reads only, so the rows it skipped are looked at again with all
    of theirs. A row blank everywhere, or a note of spaces, is skipped without a word, and a
    frame without such rows warns nothing."""
    import warnings

    import pyarrow as pa

    data: dict[str, list[Any]] = {
        "id": ["A", None, None, "B", None, None],
        "received": ["2026-03-02T09:00", None, None, "2026-03-03T09:00", None, None],
        "time_limit": ["3wd", None, None, "3wd", None, ""],
        "resolved": [None, None, None, None, None, None],
        "note": [None, None, "Tổng cộng: 2 hồ sơ", None, "  ", None],
        "total": [None, None, 2, None, None, 7],
    }
    want = (
        "2 row(s) skipped, their values only in columns not read (the first on line 3): a note "
        "or a footer? If they are dossiers, fill in their `received` and name their columns with map="
    )
    frames = {
        "pandas": lambda: pd.DataFrame(data),
        "pandas object": lambda: pd.DataFrame(data).astype(object),
        "polars": lambda: pl.DataFrame(data),
        "lazy": lambda: pl.DataFrame(data).lazy(),
        "arrow": lambda: pa.table(data),
        "mapping": lambda: data,
    }
    builds = {
        "report": lambda df: motcua.report(df, as_of="2026-11-15"),
        "scorecard": lambda df: motcua.scorecard(df, as_of="2026-11-15"),
        "worklist": lambda df: motcua.worklist(df, as_of="2026-03-03T12:00"),
        "stages": lambda df: motcua.report(df, as_of="2026-11-15", stages=True),
    }
    for kind, frame in frames.items():
        for name, build in builds.items():
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                build(frame())
            assert [str(w.message) for w in caught] == [want], (kind, name)
            assert caught[0].filename == __file__, (kind, name)
    with pytest.warns(UserWarning, match="2 row"):
        r = motcua.report(pd.DataFrame(data), as_of="2026-11-15")
    assert int(r["received"].iloc[-1]) == 2  # the two dossiers, and no more
    # Without the footers: no warning (blank rows alone are said by no door).
    quiet = pd.DataFrame({k: v[:2] + v[3:5] for k, v in data.items()}).assign(note=None, total=None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        motcua.report(quiet, as_of="2026-11-15")
    # A frame of many rows in chunks (object columns, over CHUNK_ROWS): the first line found.
    from motcua import _records

    n = _records.CHUNK_ROWS + 3
    big = pd.DataFrame({"received": ["2026-03-02T09:00"] * n, "time_limit": ["3wd"] * n, "note": [None] * n},
                       dtype=object)
    big.iloc[n - 2] = [None, None, "cuối"]
    with pytest.warns(UserWarning, match=rf"1 row\(s\) skipped.*first on line {n - 1}\)"):
        r = motcua.report(big, as_of="2026-11-15")
    assert int(r["received"].iloc[-1]) == n - 1


def test_a_column_that_looks_like_one_not_found_is_warned(tmp_path: Path, sample: pd.DataFrame) -> None:
    """A frame or file column not read that looks like a column the records lack
    (``resolved_at`` without ``resolved``) gives a ``UserWarning`` naming the ``map=`` that
    reads it, pointed at the caller's line; the answer is that of the frame as it is. A
    misspelt ``resolved`` made every resolved dossier overdue without a word. The sample
    warns nothing."""
    import warnings

    df = pd.DataFrame({"id": ["A"], "received": ["2026-03-02T09:00"], "time_limit": ["3wd"],
                       "resolved_at": ["2026-03-03T10:00"], "chanel": ["online"], "agency": ["X"]})
    path = tmp_path / "mis.csv"
    df.to_csv(path, index=False)
    # (JSON lines: the first record's keys, which the layout of every column a record may
    # hold did not list: no key was ever warned.)
    jsonl = tmp_path / "mis.jsonl"
    df.to_json(jsonl, orient="records", lines=True)
    for src in (df, pl.from_pandas(df), str(path), str(jsonl)):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            r = motcua.report(src, as_of="2026-11-15")
        texts = sorted(str(w.message) for w in caught)
        # (and the table has no column of the end: every dossier counted open; JSON lines list
        # every column a record may hold, so not for them)
        no_end = [] if isinstance(src, str) and src.endswith(".jsonl") else [
            "no `resolved`, `refused` or `withdrawn` column: every dossier is counted open (pending or "
            "overdue); if a column holds the dates of the results, name it: map={'resolved': 'COLUMN'}"
        ]
        assert texts == [
            "column `chanel` is not read; if it holds `channel`, rename it or pass map={'channel': 'chanel'}",
            "column `resolved_at` is not read; if it holds `resolved`, rename it or pass map={'resolved': 'resolved_at'}",
            *no_end,
        ], texts
        if not isinstance(src, str):
            assert {w.filename for w in caught} == {__file__}
        assert int(list(r["overdue"])[-1]) == 1
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = motcua.report(df, as_of="2026-11-15", map={"resolved": "resolved_at", "channel": "chanel"})
    assert [str(w.message) for w in caught] == [] and int(r["resolved"].iloc[-1]) == 1
    cat = motcua.Catalogue.from_file(SAMPLE / "catalogue.json")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        motcua.report(sample, as_of="2026-11-15", catalogue=cat)
    assert [str(w.message) for w in caught] == []


def test_empty_grouping_values_are_warned() -> None:
    """Grouping values left empty (merged cells, which an export fills in a block's first row
    only) are counted in a group of no name: a ``UserWarning`` says how many dossiers, as the
    CLI's note does (each once, in its first period); none when every value is given."""
    import warnings

    df = pd.DataFrame({
        "Lĩnh vực": ["Hộ tịch", None, "", "Đất đai", None],
        "received": ["2026-03-02", "2026-03-02", "2026-03-02", "2026-03-02", "2026-02-02"],
        "time_limit": ["3wd"] * 5,
        "resolved": ["2026-03-03", None, None, None, None],
    })
    want = ("3 dossier(s) with an empty `Lĩnh vực` are counted in a group of no name "
            "(merged cells? fill the column down)")
    for frame in (df, pl.from_pandas(df)):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            r = motcua.report(frame, by="Lĩnh vực", period="month", as_of="2026-03-20")
        assert [str(w.message) for w in caught] == [want]
        assert caught[0].filename == __file__
        assert sum(int(n) for n, g in zip(r["received_new"], r["Lĩnh vực"]) if g == "") == 3
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        motcua.report(df.assign(**{"Lĩnh vực": list("ABCDE")}), by="Lĩnh vực", as_of="2026-03-20")


def test_a_dict_of_columns_is_told_to_be_a_frame() -> None:
    """A dict of columns (what ``report`` takes) given to ``due``/``classify``/``Dossier`` is
    one dossier whose ``received`` holds many values: said so, with the way to many dossiers
    (it was "`received` must be a string, got [...]")."""
    import numpy as np

    cols = {"received": ["2026-03-02T09:00", "2026-03-03T09:00"], "time_limit": ["3wd", "5wd"]}
    for call in (lambda: motcua.classify(cols, as_of="2026-03-10"), lambda: motcua.due(cols),
                 lambda: motcua.Dossier({"received": np.array(["2026-03-02"]), "time_limit": "3wd"})):
        with pytest.raises(motcua.InvalidDossierError, match="a dossier is received once.*frame"):
            call()
    # One value that is no instant (a 0-d array, a dict) is that value's error, not "many".
    for bad in (np.array("2026-03-02T09:00"), {"date": "2026-03-02"}):
        with pytest.raises(motcua.InvalidDossierError) as e:
            motcua.due({"received": bad, "time_limit": "3wd"})
        assert "received once" not in str(e.value)
    # One dossier's instant, whatever its type, is one value.
    one = {"time_limit": {"working_days": 3}}
    for received in ("2026-03-02T09:00", dt.datetime(2026, 3, 2, 9), np.datetime64("2026-03-02T09:00")):
        assert str(motcua.due({**one, "received": received}).due) == "2026-03-05", received


def test_warnings_are_in_the_language_asked_for_as_the_cli_words_them() -> None:
    # `lang` words the warnings too (their codes the same): Vietnamese by default, as the CLI's
    # `--lang`; the messages are the core's, so the same as the CLI's for each language.
    import json

    from test_records_everywhere import cli

    d = {
        "received": "2026-03-02T09:30",
        "time_limit": {"working_days": 3},
        "events": [
            {"type": "supplement_requested", "at": "2026-03-03T10:00"},
            {"type": "supplement_received", "at": "2026-03-04T10:00"},
            {"type": "supplement_requested", "at": "2026-03-04T11:00"},
            {"type": "supplement_received", "at": "2026-03-04T12:00"},
            {"type": "refused", "at": "2026-03-12T10:00"},
        ],
    }
    line = json.dumps(d) + "\n"
    for lang, starts in (("vi", "từ chối giải quyết hồ sơ lúc 10:00 thứ Năm 12/03/2026"), ("en", "refused at 10:00 on Thu 12 Mar 2026")):
        run = subprocess.run([cli(), "due", "--lang", lang, "-"], input=line, capture_output=True, text=True, check=True)
        want = json.loads(run.stdout)["warnings"]
        got = motcua.due(d, lang=lang).warnings
        assert got == want, lang
        assert [w["code"] for w in got] == ["multiple_supplement_requests", "refused_late"]
        assert got[1]["message"].startswith(starts), got
        assert motcua.classify(d, "2026-04-01", lang=lang).warnings == want
    assert motcua.due(d).warnings == motcua.due(d, lang="vi").warnings
