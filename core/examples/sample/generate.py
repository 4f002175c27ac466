#!/usr/bin/env python3
"""Generate the synthetic one-stop dossier sample used by motcua's examples and scale tests.

The procedures, fields and time limits come from catalogue.json (real, with cited sources);
everything else here (agencies, volumes, channels, timestamps, outcomes) is invented.

    python3 generate.py                                   # dossiers.csv, 20,000 rows, seed 2026
    python3 generate.py --rows 10000000 --out /tmp/big.csv  # scale test, streamed, constant memory
    python3 generate.py --write-catalogue-csv             # rewrite catalogue.csv from catalogue.json

With the default output it also writes transfers.csv: the transfers between agencies
(`id,at,to`) of the inter-agency dossiers (procedures with `stages` in catalogue.json), from a
third random stream, so dossiers.csv is byte-for-byte what it was without them.

Only the Python 3 standard library is used. The same arguments always give the same bytes.

The due dates below are approximations for plausibility only (weekday + the official
public-sector days off of 2025-2026 copied from shared/reference/vn-official-schedules.json,
office hours 07:30-11:30 / 13:00-17:00, the 15:00 rule for same-day limits, pause on supplement
requests). motcua itself computes the real outcomes.
"""

import argparse
import bisect
import csv
import datetime as dt
import json
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

COLUMNS = ["id", "procedure", "field", "agency", "channel", "received", "supplement_requested",
           "supplement_received", "new_due", "resolved", "refused", "withdrawn",
           # scorecard columns (drawn from a second random stream, so the columns above are the
           # same as before they were added)
           "online_level", "digitised", "result_digitised", "satisfaction",
           "feedback_received", "feedback_handled"]

FIRST_DAY = dt.date(2025, 1, 1)     # first receipt date
LAST_DAY = dt.date(2026, 11, 15)    # last receipt date
# Snapshot instant: nothing happens after the end of LAST_DAY; later events are left empty
# (the dossier is still pending when the data was exported).
AS_OF = dt.datetime(2026, 11, 15, 23, 59)

# Public-sector days off (Monday-Friday only) and worked weekend days, copied from
# shared/reference/vn-official-schedules.json. 2025 and 2026 are official; 2027 is the
# provisional statutory computation, used only for appointments that run into January 2027.
# The "pending" 2026-11-23/24 (Culture Day) is deliberately not applied, as in motcua's default.
DAYS_OFF = [
    "2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31",
    "2025-04-07", "2025-04-30", "2025-05-01", "2025-05-02", "2025-09-01", "2025-09-02",
    "2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
    "2026-02-20", "2026-04-27", "2026-04-30", "2026-05-01", "2026-08-31", "2026-09-01",
    "2026-09-02",
    "2027-01-01", "2027-02-04", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10",
    "2027-04-16", "2027-04-30", "2027-05-03", "2027-09-02", "2027-09-03",
]
MAKEUP_WORKING_DAYS = ["2025-04-26", "2026-01-10", "2026-08-22"]

OPEN_AM, CLOSE_AM, OPEN_PM, CLOSE_PM = 7 * 60 + 30, 11 * 60 + 30, 13 * 60, 17 * 60
CLOSING = CLOSE_PM          # after this the dossier counts from the next working day
CUTOFF_SAME_DAY = 15 * 60   # same-day limits: after 15:00 the result is due the next working day

# Invented, obviously generic agencies.
XA_A, XA_B, PHUONG_C = "UBND xã A", "UBND xã B", "UBND phường C"
CA_PHUONG_C = "Công an phường C"
TT_TINH = "Trung tâm Phục vụ hành chính công tỉnh"
CA_TINH = "Công an tỉnh"
COMMUNES = [(XA_A, 0.35), (XA_B, 0.25), (PHUONG_C, 0.40)]
LICENCE_TO_POLICE = dt.date(2025, 3, 1)  # driving licences moved from transport to police

# Relative yearly volume per procedure code (dossiers per 1,000) and who receives it.
PROFILE = {
    "1.001193": (90, "commune"), "1.000894": (35, "commune"), "1.000656": (25, "commune"),
    "2.000635": (60, "commune"), "1.004873": (55, "commune"), "HT-06": (12, "commune"),
    "HT-07": (6, "commune"), "2.000815": (180, "commune"), "2.000884": (60, "commune"),
    "CT-03": (25, "commune"), "CT-04": (10, "commune"), "DD-01": (15, "commune"),
    "DD-02": (40, TT_TINH), "1.012790": (8, TT_TINH), "DD-04": (12, TT_TINH),
    "DD-05": (30, TT_TINH), "XD-01": (18, "commune"), "XD-02": (4, TT_TINH),
    "KD-01": (12, TT_TINH), "KD-02": (15, TT_TINH), "KD-03": (20, "commune"),
    "KD-04": (8, "commune"), "3.000333": (35, CA_TINH), "1.004222": (45, CA_PHUONG_C),
    "1.004194": (50, CA_PHUONG_C), "CU-03": (15, CA_PHUONG_C), "XNC-01": (30, CA_TINH),
    "GT-01": (35, "licence"), "LD-01": (20, TT_TINH), "GD-01": (8, "commune"),
    "YT-01": (5, TT_TINH),
}

ONLINE_FACTOR = {"full": 1.0, "partial": 0.55, "none": 0.0}


# ---------------------------------------------------------------- calendar (day ordinals)

class Calendar:
    """Working-day arithmetic on date ordinals, as DESIGN.md defines it."""

    def __init__(self, first, last):
        off = {dt.date.fromisoformat(d).toordinal() for d in DAYS_OFF}
        makeup = {dt.date.fromisoformat(d).toordinal() for d in MAKEUP_WORKING_DAYS}
        self.lo, self.hi = first.toordinal(), last.toordinal()
        self.working = []  # sorted ordinals of working days
        self.flag = bytearray(self.hi - self.lo + 1)
        for o in range(self.lo, self.hi + 1):
            wd = dt.date.fromordinal(o).weekday() < 5
            if (wd and o not in off) or o in makeup:
                self.flag[o - self.lo] = 1
                self.working.append(o)

    def is_working(self, o):
        return self.flag[o - self.lo] == 1

    def add(self, o, n):
        """n >= 1: the n-th working day strictly after o; n == 0: o or the next working day."""
        if n == 0:
            return self.working[bisect.bisect_left(self.working, o)]
        return self.working[bisect.bisect_right(self.working, o) + n - 1]

    def between(self, a, b):
        """Working days d with a < d <= b (b >= a)."""
        return bisect.bisect_right(self.working, b) - bisect.bisect_right(self.working, a)

    def roll(self, o):
        return self.add(o, 0)


def parse_limit(text):
    if text == "same_day":
        return ("same_day", 0)
    return (text[-2:], int(text[:-2]))


# ---------------------------------------------------------------- the generator

class Generator:
    def __init__(self, catalogue, seed):
        self.rng = random.Random(seed)
        self.rng2 = random.Random(seed * 7919 + 1)  # scorecard columns only
        self.cal = Calendar(dt.date(2024, 12, 1), dt.date(2027, 12, 31))
        self.procs = []
        for p in catalogue:
            if p["code"] not in PROFILE:
                raise SystemExit(f"generate.py: no volume profile for procedure {p['code']}")
            weight, receiver = PROFILE[p["code"]]
            self.procs.append({
                "code": p["code"], "field": p["field"], "limit": parse_limit(p["time_limit"]),
                "online": ONLINE_FACTOR[p["online"]], "weight": weight, "receiver": receiver,
                "online_level": p["online"],
            })
        missing = set(PROFILE) - {p["code"] for p in self.procs}
        if missing:
            raise SystemExit(f"generate.py: profile for codes not in the catalogue: {sorted(missing)}")
        self.cum_all = self._cum([p["weight"] for p in self.procs])
        # on rest days only online-capable procedures arrive
        self.cum_online = self._cum([p["weight"] * p["online"] for p in self.procs])
        self.stats = {}

    @staticmethod
    def _cum(weights):
        out, s = [], 0.0
        for w in weights:
            s += w
            out.append(s)
        return out

    def pick(self, cum):
        return self.procs[bisect.bisect_left(cum, self.rng.random() * cum[-1])]

    # -- volumes ------------------------------------------------------------------------
    def day_weight(self, o):
        d = dt.date.fromordinal(o)
        growth = 1.0 + 0.15 * (o - FIRST_DAY.toordinal()) / (LAST_DAY.toordinal() - FIRST_DAY.toordinal())
        if self.cal.is_working(o):
            w = (1.25, 1.05, 1.0, 1.0, 0.9, 0.6, 0.6)[d.weekday()]  # Monday rush; worked Saturdays quieter
            if d.month == 12 or (d.month == 1 and d.day > 10):
                w *= 1.1  # year-end and pre-Tết peak
        else:
            w = 0.10  # online submissions at weekends and on holidays
        return w * growth

    def online_share(self, o):
        """Share of online submissions for a 'full' procedure, growing over the period."""
        x = (o - FIRST_DAY.toordinal()) / (LAST_DAY.toordinal() - FIRST_DAY.toordinal())
        return 0.37 + 0.37 * x

    # -- instants -----------------------------------------------------------------------
    def office_minute(self, lo=None):
        """A minute of the day inside office hours (morning heavier), >= lo if given; None if none is left."""
        r = self.rng
        if lo is None or lo <= OPEN_AM:
            if r.random() < 0.58:
                return r.randint(OPEN_AM, CLOSE_AM - 1)
            return r.randint(OPEN_PM, CLOSE_PM - 1)
        spans = [(max(lo, a), b - 1) for a, b in ((OPEN_AM, CLOSE_AM), (OPEN_PM, CLOSE_PM)) if max(lo, a) <= b - 1]
        if not spans:
            return None
        size = sum(b - a + 1 for a, b in spans)
        k = r.randrange(size)
        for a, b in spans:
            if k <= b - a:
                return a + k
            k -= b - a + 1
        raise AssertionError

    def receipt_minute(self, channel, working):
        r = self.rng
        if not working:
            return r.randint(6 * 60, 23 * 60 + 59)
        if channel == "online" and r.random() < 0.25:
            # evening or early morning submission through the portal
            return r.randint(17 * 60 + 1, 23 * 60 + 59) if r.random() < 0.8 else r.randint(0, OPEN_AM - 1)
        if channel != "online" and r.random() < 0.015:
            # desk data entered a little before opening or after closing
            return r.randint(7 * 60, OPEN_AM - 1) if r.random() < 0.5 else r.randint(CLOSING + 1, CLOSING + 30)
        return self.office_minute()

    def action_at(self, day, after):
        """An officer's action on working day `day`, not before instant `after` (date ordinal, minute)."""
        lo = after[1] + 1 if day == after[0] else None
        m = self.office_minute(lo)
        if m is None:  # nothing left in office hours that day: a few minutes later (overtime)
            m = min(after[1] + self.rng.randint(5, 45), 23 * 60 + 59)
        return (day, m)

    def citizen_at(self, day, after, online):
        if online and self.rng.random() < 0.3:
            lo = after[1] + 1 if day == after[0] else 0
            if lo <= 23 * 60 + 59:
                return (day, self.rng.randint(lo, 23 * 60 + 59))
        return self.action_at(day, after)

    # -- due-date approximation -----------------------------------------------------------
    def deemed(self, inst):
        o, m = inst
        if self.cal.is_working(o) and m <= CLOSING:
            return o
        return self.cal.add(o, 1)

    def due_from(self, limit, inst, used=0):
        """Due day for a limit counted from instant `inst`, `used` units already spent."""
        kind, n = limit
        d = self.deemed(inst)
        if kind == "same_day":
            return self.cal.add(d, 1) if (d == inst[0] and inst[1] > CUTOFF_SAME_DAY) else d
        rest = max(n - used, 0)
        if kind == "wd":
            return self.cal.add(d, rest)
        if kind == "cd":
            return self.cal.roll(d + rest)
        if kind == "wh":  # approximation: 8 working hours a day
            return self.cal.add(d, math.ceil(rest / 8))
        raise ValueError(kind)

    def used_until(self, limit, inst, request_day):
        kind, n = limit
        d = self.deemed(inst)
        if kind == "cd":
            return max(0, request_day - d)
        if kind == "same_day":
            return 0
        return max(0, self.cal.between(d, request_day)) * (8 if kind == "wh" else 1)

    # -- one dossier ----------------------------------------------------------------------
    def dossier(self, o, minute, proc, channel):
        """Returns (events dict, intended state label)."""
        r, cal = self.rng, self.cal
        rec = (o, minute)
        online = channel == "online"
        limit = proc["limit"]
        d0 = self.deemed(rec)
        due = self.due_from(limit, rec)
        ev = {}
        last = rec

        u = r.random()
        if u < 0.010:  # withdrawn by the citizen, somewhere before the due date
            day = self._day_between(d0, max(due, d0))
            ev["withdrawn"] = self.action_at(day, last)
            return self._cut(ev, due)
        if u < 0.020:  # refused, within the time limit
            day = self._day_between(d0, due)
            ev["refused"] = self.action_at(day, last)
            return self._cut(ev, due)

        if u < 0.100:  # supplement requested during processing (~8%)
            req_day = self._day_between(d0, due)
            ev["supplement_requested"] = last = self.action_at(req_day, last)
            used = self.used_until(limit, rec, req_day)
            if r.random() < 0.04:  # the citizen never came back
                return self._cut(ev, due)
            gap = 1 + min(int(r.expovariate(0.35)), 20)
            back = cal.add(last[0], gap)
            ev["supplement_received"] = last = self.citizen_at(back, last, online)
            due = self.due_from(limit, last, used)
        elif u < 0.138 and limit[0] != "same_day":  # apology with a new appointment (~2% of all)
            new_due = cal.add(due, 1 + min(int(r.expovariate(0.6)), 6))
            ev["new_due"] = new_due
            if r.random() < 0.85:
                day = self._day_between(cal.add(due, 1), new_due)
            else:
                day = cal.add(new_due, 1 + int(r.expovariate(0.7)))
            ev["resolved"] = self.action_at(max(day, last[0]), last)
            return self._cut(ev, new_due)

        start = max(self.deemed(last), d0)
        x = r.random()
        if x < 0.004:  # stuck in a back office: months late (the overdue backlog of a report)
            day = cal.add(due, r.randint(20, 120))
        elif x < 0.035:  # late
            day = cal.add(due, 1 + min(int(r.expovariate(0.5)), 15))
        elif x < 0.30 or start >= due:  # on time (also when early is impossible)
            day = max(due, start)
        else:  # early: a working day in [start, due - 1], most often a day or two ahead
            k = cal.between(start, due)  # working days d with start < d <= due
            ahead = 1 + int((k - 1) * r.random() ** 1.6) if k > 1 else 1
            day = max(cal.working[bisect.bisect_left(cal.working, due) - ahead], start)
        ev["resolved"] = self.action_at(max(day, last[0]), last)
        return self._cut(ev, due)

    def _day_between(self, a, b):
        """A working day in [a, b] (a itself may be a rest day only if no working day follows)."""
        a = self.cal.roll(a)
        if b <= a:
            return a
        i, j = bisect.bisect_left(self.cal.working, a), bisect.bisect_right(self.cal.working, b)
        return self.cal.working[self.rng.randrange(i, j)]

    def _cut(self, ev, due):
        """Drop everything after AS_OF (the export was made then) and name the intended state.

        The state is the generator's own approximation, for the summary only; motcua decides."""
        limit = (AS_OF.date().toordinal(), AS_OF.hour * 60 + AS_OF.minute)
        out = {k: v for k, v in ev.items() if k == "new_due" or v <= limit}
        if "resolved" in out:
            day = out["resolved"][0]
            label = "early" if day < due else ("on_time" if day == due else "late")
        elif "refused" in out or "withdrawn" in out:
            label = "refused" if "refused" in out else "withdrawn"
        elif "supplement_requested" in out and "supplement_received" not in out:
            label = "awaiting_supplement"
        else:
            label = "pending_within" if AS_OF.date().toordinal() <= due else "overdue"
        return out, label

    # -- stream ---------------------------------------------------------------------------
    def rows(self, total):
        cal, r = self.cal, self.rng
        days = list(range(FIRST_DAY.toordinal(), LAST_DAY.toordinal() + 1))
        weights = [self.day_weight(o) for o in days]
        wsum = sum(weights)
        seq, acc, emitted = 0, 0.0, 0
        for o, w in zip(days, weights):
            acc += w
            count = round(total * acc / wsum) - emitted
            emitted += count
            working = cal.is_working(o)
            share = self.online_share(o)
            arrivals = []
            for _ in range(count):
                if working:
                    proc = self.pick(self.cum_all)
                    p_online = share * proc["online"]
                    v = r.random()
                    channel = "online" if v < p_online else ("postal" if v < p_online + 0.055 * (1 - p_online) else "direct")
                else:
                    proc = self.pick(self.cum_online)
                    channel = "online"
                arrivals.append((self.receipt_minute(channel, working), proc["code"], channel, proc))
            arrivals.sort(key=lambda a: (a[0], a[1], a[2]))
            for minute, _, channel, proc in arrivals:
                seq += 1
                ev, label = self.dossier(o, minute, proc, channel)
                yield self.format_row(seq, o, minute, proc, channel, ev, label)

    def agency(self, proc, o):
        rec = proc["receiver"]
        if rec == "commune":
            x, s = self.rng.random(), 0.0
            for name, share in COMMUNES:
                s += share
                if x < s:
                    return name
            return COMMUNES[-1][0]
        if rec == "licence":
            return CA_TINH if o >= LICENCE_TO_POLICE.toordinal() else TT_TINH
        return rec

    def format_row(self, seq, o, minute, proc, channel, ev, label):
        def iso(inst):
            if inst is None:
                return ""
            d = dt.date.fromordinal(inst[0])
            return f"{d.isoformat()}T{inst[1] // 60:02d}:{inst[1] % 60:02d}"

        d = dt.date.fromordinal(o)
        if self.rng.random() < 0.10:  # Vietnamese export form, to exercise the parser
            received = f"{d.day:02d}/{d.month:02d}/{d.year} {minute // 60:02d}:{minute % 60:02d}"
        else:
            received = iso((o, minute))
        new_due = ev.get("new_due")
        row = [
            f"HS{seq:08d}", proc["code"], proc["field"], self.agency(proc, o), channel, received,
            iso(ev.get("supplement_requested")), iso(ev.get("supplement_received")),
            dt.date.fromordinal(new_due).isoformat() if new_due else "",
            iso(ev.get("resolved")), iso(ev.get("refused")), iso(ev.get("withdrawn")),
        ]
        row += self.service_columns((o, minute), proc, channel, ev, iso)
        self._count(d, channel, ev, label)
        return row

    def service_columns(self, received, proc, channel, ev, iso):
        """online_level, digitised, result_digitised, satisfaction, feedback_received,
        feedback_handled: plausible shares (digitisation ~85% at the desk, ~80% of results;
        about a third of resolved dossiers rated 1..5; ~1.5% with feedback, most handled)."""
        r = self.rng2
        if channel == "online":
            level = proc["online_level"] if proc["online_level"] in ("full", "partial") else "partial"
        else:
            level = "none"
        digitised = "true" if channel == "online" or r.random() < 0.85 else "false"
        resolved = ev.get("resolved")
        result_digitised = ("true" if r.random() < 0.8 else "false") if resolved else ""
        satisfaction = ""
        if resolved and r.random() < 0.35:
            x = r.random()
            satisfaction = "5" if x < 0.60 else "4" if x < 0.88 else "3" if x < 0.95 else "2" if x < 0.98 else "1"
        fb_in, fb_done = "", ""
        if r.random() < 0.015:
            start = resolved or received
            got = (start[0] + r.randint(0, 20), r.randint(8 * 60, 17 * 60))
            if got[0] <= AS_OF.toordinal():
                fb_in = iso(got)
                if r.random() < 0.92:
                    done = (got[0] + r.randint(1, 10), r.randint(8 * 60, 17 * 60))
                    if done[0] <= AS_OF.toordinal():
                        fb_done = iso(done)
        return [level, digitised, result_digitised, satisfaction, fb_in, fb_done]

    def _count(self, d, channel, ev, label):
        s = self.stats
        s["rows"] = s.get("rows", 0) + 1
        s["channel:" + channel] = s.get("channel:" + channel, 0) + 1
        half = f"{d.year}-H{1 if d.month <= 6 else 2}"
        s[f"online:{half}"] = s.get(f"online:{half}", 0) + (channel == "online")
        s[f"rows:{half}"] = s.get(f"rows:{half}", 0) + 1
        for k in ("supplement_requested", "supplement_received", "new_due", "resolved", "refused", "withdrawn"):
            if k in ev:
                s["has:" + k] = s.get("has:" + k, 0) + 1
        s["label:" + label] = s.get("label:" + label, 0) + 1


# ---------------------------------------------------------------- transfers between agencies

def parse_instant(text):
    """`YYYY-MM-DDTHH:MM` or `dd/mm/yyyy HH:MM` (the sample's two forms)."""
    if "/" in text:
        return dt.datetime.strptime(text, "%d/%m/%Y %H:%M")
    return dt.datetime.fromisoformat(text)


class Transfers:
    """The transfers of inter-agency dossiers: stage j passes the file to stage j + 1 after
    about its stage limit in working days (most within it, a fifth late), in office hours;
    never while a supplement request is open, never at or after the closing event or the
    export instant (the stage then holds the file). Approximations for plausibility only."""

    def __init__(self, catalogue, cal, seed):
        self.stages = {p["code"]: p["stages"] for p in catalogue if p.get("stages")}
        self.cal = cal
        self.rng = random.Random(seed * 104729 + 3)
        self.rows = []

    def add(self, row):
        rec = dict(zip(COLUMNS, row))
        stages = self.stages.get(rec["procedure"])
        if not stages:
            return
        r = self.rng
        t = parse_instant(rec["received"])
        closing = min([parse_instant(rec[k]) for k in ("resolved", "refused", "withdrawn") if rec[k]] or [AS_OF])
        req = parse_instant(rec["supplement_requested"]) if rec["supplement_requested"] else None
        got = parse_instant(rec["supplement_received"]) if rec["supplement_received"] else None
        for stage, nxt in zip(stages, stages[1:]):
            kind, n = parse_limit(stage["time_limit"])
            factor = r.uniform(0.3, 1.0) if r.random() < 0.8 else r.uniform(1.0, 1.8)
            days = max(0, round(n * factor)) if kind == "wd" else max(0, round(n * factor * 5 / 7))
            o = self.cal.add(t.toordinal(), days) if days else self.cal.roll(t.toordinal())
            minute = r.randint(OPEN_AM, CLOSE_PM - 1)
            at = dt.datetime.fromordinal(o) + dt.timedelta(minutes=minute)
            if at <= t:
                at = t + dt.timedelta(minutes=r.randint(5, 90))
            if req is not None and at >= req:
                if got is None:
                    return  # the file waits for the citizen: no transfer after the request
                if at < got or t < got:
                    at = max(at, got) + (got - max(req, t)) + dt.timedelta(minutes=r.randint(5, 90))
            if at >= closing:
                return
            self.rows.append((at, rec["id"], nxt["agency"]))
            t = at

    def write(self, path):
        self.rows.sort()
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["id", "at", "to"])
            for at, id_, to in self.rows:
                w.writerow([id_, at.strftime("%Y-%m-%dT%H:%M"), to])


def load_catalogue():
    with open(os.path.join(HERE, "catalogue.json"), encoding="utf-8") as f:
        return json.load(f)


def write_catalogue_csv(catalogue):
    path = os.path.join(HERE, "catalogue.csv")
    cols = ["code", "name", "name_en", "field", "level", "time_limit", "online", "source"]
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols + ["stages"])
        for p in catalogue:
            # An inter-agency procedure's stages as the JSON text a CSV catalogue's `stages`
            # column holds; empty for the others.
            stages = json.dumps(p["stages"], ensure_ascii=False) if p.get("stages") else ""
            w.writerow([p[c] for c in cols] + [stages])
    print(f"wrote {path} ({len(catalogue)} procedures)", file=sys.stderr)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=20000, help="number of dossiers (default 20000)")
    ap.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    ap.add_argument("--out", default=os.path.join(HERE, "dossiers.csv"),
                    help="output CSV, '-' for stdout (default: dossiers.csv beside this script)")
    ap.add_argument("--transfers", default=None,
                    help="the transfers CSV (default: transfers.csv beside this script with the "
                         "default --out; none otherwise)")
    ap.add_argument("--write-catalogue-csv", action="store_true",
                    help="only rewrite catalogue.csv from catalogue.json, then exit")
    ap.add_argument("--quiet", action="store_true", help="no summary on stderr")
    args = ap.parse_args(argv)

    catalogue = load_catalogue()
    if args.write_catalogue_csv:
        write_catalogue_csv(catalogue)
        return 0
    if args.rows < 0:
        ap.error("--rows must be >= 0")

    gen = Generator(catalogue, args.seed)
    transfers_path = args.transfers
    if transfers_path is None and args.out == ap.get_default("out"):
        transfers_path = os.path.join(HERE, "transfers.csv")
    transfers = Transfers(catalogue, gen.cal, args.seed) if transfers_path else None
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="")
    try:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(COLUMNS)
        for i, row in enumerate(gen.rows(args.rows), 1):
            w.writerow(row)
            if transfers is not None:
                transfers.add(row)
            if not args.quiet and i % 1_000_000 == 0:
                print(f"  {i:,} rows", file=sys.stderr)
    finally:
        if out is not sys.stdout:
            out.close()
    if transfers is not None:
        transfers.write(transfers_path)

    if not args.quiet:
        s = gen.stats
        n = s.get("rows", 0) or 1
        print(f"wrote {s.get('rows', 0):,} dossiers to {args.out} (seed {args.seed})", file=sys.stderr)
        print("  channels: " + ", ".join(f"{c} {s.get('channel:' + c, 0) / n:.1%}" for c in ("direct", "online", "postal")), file=sys.stderr)
        halves = sorted(k[5:] for k in s if k.startswith("rows:"))
        print("  online share by half-year: " + ", ".join(f"{h} {s['online:' + h] / s['rows:' + h]:.0%}" for h in halves), file=sys.stderr)
        print("  with: " + ", ".join(f"{k} {s.get('has:' + k, 0)}" for k in ("supplement_requested", "supplement_received", "new_due", "refused", "withdrawn", "resolved")), file=sys.stderr)
        if transfers is not None:
            print(f"  transfers: {len(transfers.rows):,} to {transfers_path}", file=sys.stderr)
        print("  intended state (approximate; motcua decides): " + ", ".join(f"{k[6:]} {v}" for k, v in sorted(s.items()) if k.startswith("label:")), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
