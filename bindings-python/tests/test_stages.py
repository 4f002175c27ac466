"""The per-agency stage table from frames (``report(..., stages=True, transfers=frame)``)
against an independent computation: generated inter-agency dossiers are classified one by one
(``motcua.classify`` of each dossier with its ``transferred`` events in place) and their stages
counted per agency with a pandas groupby; the frames (pandas, polars, pyarrow) go through the
core's record road, the transfers joined by id there. Then bad transfers frames."""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import motcua
from motcua.stages import STAGE_COLUMNS, TRANSFER_COLUMNS

CATALOGUE_JSON = """[
 {"code":"P2","name":"two stages","field":"Đất đai","level":"commune","online":"none","time_limit":"5wd",
  "stages":[{"agency":"Land office","time_limit":"3wd"},{"agency":"Tax office","time_limit":"2wd"}]},
 {"code":"P3","name":"three stages","field":"Đất đai","level":"commune","online":"none","time_limit":"7wd",
  "stages":[{"agency":"Land office","time_limit":"3wd"},{"agency":"Tax office","time_limit":"2wd"},
            {"agency":"Land office","time_limit":"2wd"}]},
 {"code":"P0","name":"one office","field":"Hộ tịch","level":"commune","online":"none","time_limit":"4wd"}
]"""
CATALOGUE = motcua.Catalogue.from_json(CATALOGUE_JSON)
AGENCIES = {"P2": ["Land office", "Tax office"], "P3": ["Land office", "Tax office", "Land office"], "P0": []}
AS_OF = "2026-06-30T17:00"


def iso(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M")


def generate(n: int, seed: int) -> tuple[list[dict], list[dict]]:
    """Dossier records and a long list of transfers (ids interleaved)."""
    rng = random.Random(seed)
    dossiers: list[dict[str, Any]] = []
    transfers: list[dict[str, Any]] = []
    start = dt.datetime(2026, 1, 5)
    for i in range(n):
        code = rng.choice(["P2", "P3", "P0"])
        received = start + dt.timedelta(days=rng.randrange(170), minutes=rng.randrange(1440))
        row: dict[str, Any] = {"id": f"D{i}", "procedure": code, "received": iso(received)}
        last = received
        if rng.random() < 0.2:
            last += dt.timedelta(days=rng.randrange(1, 3))
            row["supplement_requested"] = iso(last)
            if rng.random() < 0.2:
                dossiers.append(row)
                continue
            last += dt.timedelta(days=rng.randrange(1, 5))
            row["supplement_received"] = iso(last)
        for k, agency in enumerate(AGENCIES[code][1:]):
            if rng.random() < 0.15:
                break
            last += dt.timedelta(days=rng.randrange(8), minutes=1 + rng.randrange(1440))
            transfers.append({"id": f"D{i}", "at": iso(last), "to": agency, "k": k})
        if rng.random() < 0.7:
            last += dt.timedelta(days=rng.randrange(9), minutes=1 + rng.randrange(1440))
            row[rng.choice(["resolved", "resolved", "refused", "withdrawn"])] = iso(last)
        dossiers.append(row)
    transfers.sort(key=lambda t: t.pop("k"))
    return dossiers, transfers


def by_hand(dossiers: list[dict], transfers: list[dict]) -> pd.DataFrame:
    """Each dossier classified alone; its stages counted per agency by a pandas groupby."""
    kinds = ["supplement_requested", "supplement_received", "resolved", "refused", "withdrawn"]
    stages = []
    for row in dossiers:
        if row["received"] > AS_OF:
            continue
        events = [{"type": k, "at": row[k]} for k in kinds if k in row]
        events += [{"type": "transferred", "at": t["at"], "to": t["to"]} for t in transfers if t["id"] == row["id"]]
        events.sort(key=lambda e: e["at"])
        d = {"received": row["received"], "procedure": row["procedure"], "events": events}
        c = motcua.classify(d, AS_OF, catalogue=CATALOGUE)
        stages += [{"agency": s.agency, "outcome": s.outcome, "completed": s.completed is not None} for s in c.stages]
    s = pd.DataFrame(stages)
    for o in ["early", "on_time", "late", "pending_within", "overdue", "awaiting_supplement", "refused", "withdrawn"]:
        s[o] = s["outcome"] == o
    # A stage ended by the dossier's refusal or withdrawal is neither completed nor holding.
    closed = s["refused"] | s["withdrawn"]
    s["holding"] = ~s["completed"] & ~closed
    s["completed"] = s["completed"] & ~closed
    s["received"] = 1
    g = s.groupby("agency")[list(STAGE_COLUMNS)].sum().astype("int64")
    g.loc["(total)"] = g.sum()
    return g


@pytest.fixture(scope="module")
def generated() -> tuple[list[dict], list[dict], pd.DataFrame]:
    dossiers, transfers = generate(400, 20)
    return dossiers, transfers, by_hand(dossiers, transfers)


def frames(rows: list[dict], columns: list[str]) -> list:
    df = pd.DataFrame(rows, columns=columns)
    return [df, pl.from_pandas(df), pa.Table.from_pandas(df, preserve_index=False)]


DOSSIER_COLUMNS = ["id", "procedure", "received", "supplement_requested", "supplement_received", "resolved", "refused", "withdrawn"]


@pytest.mark.parametrize("kind", [0, 1, 2])
def test_stage_table_equals_groupby(generated, kind: int) -> None:
    dossiers, transfers, want = generated
    assert len(want) == 3 and want.loc["(total)", "late"] > 0 and want.loc["(total)", "overdue"] > 0
    df = frames(dossiers, DOSSIER_COLUMNS)[kind]
    tf = frames(transfers, list(TRANSFER_COLUMNS))[kind]
    got = motcua.report(df, catalogue=CATALOGUE, transfers=tf, stages=True, as_of=AS_OF)
    if isinstance(got, pl.DataFrame):
        got = got.to_pandas()
    got = got.fillna({"agency": "(total)"}).set_index("agency")[list(STAGE_COLUMNS)].astype("int64")
    pd.testing.assert_frame_equal(got, want, check_names=False)


def test_transfers_leave_the_report_unchanged(generated) -> None:
    dossiers, transfers, _ = generated
    df = pd.DataFrame(dossiers, columns=DOSSIER_COLUMNS)
    plain = motcua.report(df, catalogue=CATALOGUE, as_of=AS_OF, by="procedure")
    joined = motcua.report(df, catalogue=CATALOGUE, as_of=AS_OF, by="procedure", transfers=pd.DataFrame(transfers))
    pd.testing.assert_frame_equal(plain, joined)


def test_the_stage_table_equals_the_cli(generated, tmp_path) -> None:
    from test_records_everywhere import cli

    dossiers, transfers, _ = generated
    d, t, c = tmp_path / "d.csv", tmp_path / "t.csv", tmp_path / "c.json"
    pd.DataFrame(dossiers, columns=DOSSIER_COLUMNS).to_csv(d, index=False)
    pd.DataFrame(transfers).to_csv(t, index=False)
    c.write_text(CATALOGUE_JSON, encoding="utf-8")
    cmd = [cli(), "report", str(d), "--catalogue", str(c), "--transfers", str(t), "--stages", "--as-of", AS_OF]
    done = subprocess.run([*cmd, "--format", "json"], capture_output=True, text=True, check=True)
    out = json.loads(done.stdout)
    py = motcua.stages.StageReport.build(pd.DataFrame(dossiers, columns=DOSSIER_COLUMNS), transfers=pd.DataFrame(transfers), catalogue=CATALOGUE, as_of=AS_OF)
    assert out == py.rows
    # The same files by their paths, streamed by the core as the CLI reads them.
    from_files = motcua.stages.StageReport.build(d, transfers=t, catalogue=CATALOGUE, as_of=AS_OF)
    assert out == from_files.rows
    pd.testing.assert_frame_equal(motcua.report(str(d), stages=True, transfers=str(t), catalogue=CATALOGUE, as_of=AS_OF), py.to_pandas())


DF = pd.DataFrame({"id": ["A", "B"], "procedure": ["P2", "P2"], "received": ["2026-03-02T09:30"] * 2})


def test_bad_transfers_frames() -> None:
    bad = pd.DataFrame({"id": ["A", "A"], "at": ["2026-03-05T10:00", "2026-03-04T10:00"], "to": ["Tax office"] * 2})
    with pytest.raises(motcua.EventsOutOfOrderError) as e:
        motcua.report(DF, catalogue=CATALOGUE, transfers=bad, stages=True, as_of=AS_OF)
    assert (e.value.index, e.value.field, e.value.id) == (1, "at", "A")
    with pytest.raises(motcua.CsvMissingColumnError):
        motcua.report(DF, catalogue=CATALOGUE, transfers=bad.rename(columns={"to": "agency"}), stages=True, as_of=AS_OF)
    unknown = pd.DataFrame({"id": ["Z"], "at": ["2026-03-04T10:00"], "to": ["Tax office"]})
    with pytest.raises(motcua.InvalidTransferError) as unjoined:
        motcua.report(DF, catalogue=CATALOGUE, transfers=unknown, stages=True, as_of=AS_OF)
    assert unjoined.value.id == "Z"
    with pytest.raises(motcua.InvalidArgumentError):
        motcua.report(DF, catalogue=CATALOGUE, transfers=unknown, stages=True, by="procedure")
    # Skipped and counted: the out-of-order transfer, its dossier A, the unknown Z.
    r = motcua.stages.StageReport.build(
        DF, transfers=pd.concat([bad, unknown]), catalogue=CATALOGUE, as_of=AS_OF, skip_bad=True
    )
    assert [(s["code"], s["id"]) for s in r.skipped] == [
        ("events_out_of_order", "A"),
        ("invalid_transfer", "A"),
        ("invalid_transfer", "Z"),
    ]
    assert r.counted == 1 and r.rows[-1]["received"] == 1


def test_a_bad_row_of_a_pandas_frame_is_named_by_its_label_as_in_the_report() -> None:
    """``StageReport.skipped`` gave ``label=None`` for pandas rows, and its error no label,
    where ``Report`` gives both (a tester's case)."""
    import warnings

    import pandas as pd

    import motcua

    df = pd.DataFrame(
        {
            "received": ["2026-03-02T09:00", "bad", "2026-03-02T09:00"],
            "time_limit": ["3wd"] * 3,
            "stages": ['[{"agency":"A","time_limit":"3wd"}]'] * 3,
        },
        index=["x", "y", "z"],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        s = motcua.StageReport.build(df, as_of="2026-03-31", skip_bad=True)
    assert [(b["index"], b["label"], b["field"]) for b in s.skipped] == [(1, "y", "received")]
    with pytest.raises(motcua.MotcuaError) as e:
        motcua.StageReport.build(df, as_of="2026-03-31")
    assert e.value.label == "y"
