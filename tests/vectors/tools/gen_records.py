#!/usr/bin/env python3
"""Random valid dossier records, written as CSV and as JSON lines with the same content, for the
property test that every door gives the same report and scorecard (the CLI from CSV and from JSON
lines; Python over pandas, polars and pyarrow frames, naive and zoned, text and parsed; JS over
CSV text, objects and Dates). Only the Python standard library is used; the same seed always
gives the same bytes.

    python3 tests/vectors/tools/gen_records.py --seed 3 --rows 400 --out DIR
        → DIR/records.csv, DIR/records.jsonl

Every record is valid under every rule switch: events in order, one closing event at most, a
`new_due` far after any due date. Instants are Vietnam wall-clock times; a cell with a time of
day never falls at 00:00 (a frame's timestamp at 00:00 means a date alone), and about one cell
in ten is a date alone. The cells use every text form the reader accepts: `YYYY-MM-DDTHH:MM`,
with seconds, a space for the `T`, `dd/mm/yyyy HH:MM`, `dd/mm/yyyy`, `YYYY-MM-DD`.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random

COLUMNS = [
    "id",
    "received",
    "time_limit",
    "procedure",
    "channel",
    "supplement_requested",
    "supplement_received",
    "new_due",
    "resolved",
    "refused",
    "withdrawn",
    "field",
    "agency",
    "online_level",
    "digitised",
    "result_digitised",
    "satisfaction",
    "feedback_received",
    "feedback_handled",
]

#: Codes of core/examples/sample/catalogue.json, with a field each.
PROCEDURES = [
    ("1.001193", "Hộ tịch"),
    ("1.004873", "Hộ tịch"),
    ("2.000815", "Chứng thực"),
    ("CT-03", "Chứng thực"),
    ("DD-02", "Đất đai"),
    ("XD-01", "Xây dựng"),
    ("KD-01", "Kinh doanh"),
]
LIMITS = ["3wd", "5wd", "10wd", "15cd", "8wh", "16wh", "same_day"]
AGENCIES = ["UBND xã A", "UBND phường C", "Trung tâm Phục vụ hành chính công tỉnh"]
FIRST = dt.datetime(2025, 11, 3)
DAYS = 330


def instant_text(rng: random.Random, t: dt.datetime, date_only: bool) -> str:
    if date_only:
        return rng.choice([t.strftime("%Y-%m-%d"), t.strftime("%d/%m/%Y")])
    return rng.choice(
        [
            t.strftime("%Y-%m-%dT%H:%M"),
            t.strftime("%Y-%m-%dT%H:%M:%S"),
            t.strftime("%Y-%m-%d %H:%M"),
            t.strftime("%d/%m/%Y %H:%M"),
        ]
    )


def moment(rng: random.Random, day: dt.date) -> dt.datetime:
    """A wall-clock instant on `day`, never at 00:00 (hours 06-20, some with seconds)."""
    return dt.datetime(day.year, day.month, day.day, rng.randint(6, 20), rng.randint(0, 59), rng.choice([0, 0, 0, 17]))


def record(rng: random.Random, i: int) -> dict[str, str]:
    r = {c: "" for c in COLUMNS}
    r["id"] = f"R{i:05d}"
    received = moment(rng, FIRST.date() + dt.timedelta(days=rng.randrange(DAYS)))
    received_date_only = rng.random() < 0.1
    if received_date_only:
        received = dt.datetime.combine(received.date(), dt.time())
    r["received"] = instant_text(rng, received, received_date_only)
    code, field = rng.choice(PROCEDURES)
    if rng.random() < 0.5:
        r["procedure"] = code
    else:
        r["time_limit"] = rng.choice(LIMITS)
    r["field"] = field
    r["agency"] = rng.choice(AGENCIES)
    r["channel"] = rng.choice(["direct", "online", "postal", "", "online"])
    last = received
    if rng.random() < 0.25:
        req = moment(rng, (last + dt.timedelta(days=rng.randint(1, 6))).date())
        r["supplement_requested"] = instant_text(rng, req, False)
        last = req
        if rng.random() < 0.8:
            got = moment(rng, (last + dt.timedelta(days=rng.randint(1, 10))).date())
            r["supplement_received"] = instant_text(rng, got, False)
            last = got
    if rng.random() < 0.08:
        r["new_due"] = (received + dt.timedelta(days=rng.randint(120, 200))).strftime(rng.choice(["%Y-%m-%d", "%d/%m/%Y"]))
    close = rng.random()
    if close < 0.85:
        kind = "resolved" if close < 0.75 else ("refused" if close < 0.8 else "withdrawn")
        when = moment(rng, (last + dt.timedelta(days=rng.randint(1, 40))).date())
        date_only = rng.random() < 0.1
        if date_only:
            when = dt.datetime.combine(when.date(), dt.time())
        r[kind] = instant_text(rng, when, date_only)
    # scorecard columns
    r["online_level"] = rng.choice(["full", "partial", "none", ""])
    r["digitised"] = rng.choice(["true", "false", ""])
    r["result_digitised"] = rng.choice(["true", "false", ""])
    r["satisfaction"] = rng.choice(["1", "2", "3", "4", "5", "", ""])
    if rng.random() < 0.15:
        fb = moment(rng, (received + dt.timedelta(days=rng.randint(0, 30))).date())
        r["feedback_received"] = instant_text(rng, fb, False)
        if rng.random() < 0.7:
            done = moment(rng, (fb + dt.timedelta(days=rng.randint(1, 20))).date())
            r["feedback_handled"] = instant_text(rng, done, False)
    return r


def records(seed: int, rows: int) -> list[dict[str, str]]:
    rng = random.Random(seed)
    return [record(rng, i) for i in range(rows)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rows", type=int, default=400)
    ap.add_argument("--out", required=True, help="a directory")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    recs = records(args.seed, args.rows)
    with open(os.path.join(args.out, "records.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(recs)
    with open(os.path.join(args.out, "records.jsonl"), "w", encoding="utf-8") as f:
        for r in recs:
            # JSON numbers and flags where a JSON exporter would write them (read as their text)
            obj: dict[str, object] = {k: v for k, v in r.items() if v != ""}
            for k in ("digitised", "result_digitised"):
                if k in obj:
                    obj[k] = obj[k] == "true"
            if "satisfaction" in obj:
                obj["satisfaction"] = int(str(obj["satisfaction"]))
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
