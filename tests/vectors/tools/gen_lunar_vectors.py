#!/usr/bin/env python3
"""Generates tests/vectors/lunar.json: Gregorian <-> lunar dates of the Vietnamese calendar
(UTC+7), 1900-01-31..2199-12-31, and of the Chinese calendar (UTC+8), 1900..2099.

The expected values never come from motcua. They come from an independent computation of the
calendar rules (DESIGN.md "Rules and options"; motcua's core/src/lunar/mod.rs docs):

* astronomy: PyEphem (libastro: VSOP87 for the Sun, ELP 2000-82-based lunar theory), i.e.
  `ephem.next_new_moon` and the Sun's apparent geocentric longitude of date (`g_ra`/`g_dec`
  turned into ecliptic longitude), with the solar-term instants found by root finding — a
  different method from motcua's (Meeus ch. 49 new moons, Meeus ch. 25 Sun, and longitude at
  month-start midnights);
* time scale: PyEphem computes in TT and subtracts its own Delta T. The calendar is specified
  with the Espenak-Meeus (2006) Delta T polynomials, so each PyEphem instant is taken back to TT
  with `ephem.delta_t` and forward to UT with those polynomials (written here from the NASA
  eclipse site). The script also builds the calendar with PyEphem's own Delta T and reports the
  months where the two differ (Delta T model sensitivity);
* the expected values use the most precise instants available: Skyfield with the JPL DE421
  ephemeris (package `skyfield-data`) for 1900..2050 (taken in TT, so the same Delta T applies),
  PyEphem after 2050; the PyEphem-only calendar is compared with it and differences reported;
* refinements: the script prints (`refine:` lines) the precise TT instants of the new moons
  within a minute of midnight at UTC+7 or UTC+8; motcua's astro.rs tabulates them, because its
  Meeus new moons are only good to a few seconds. This is the one place where data flows from
  here into motcua (9 instants; they decide 1967-07 at UTC+7 and 2057-09 at UTC+8);
* published-table checks: `lunardate` (Chinese calendar, 1900..2099) against the UTC+8
  computation, and python-holidays' Vietnamese Tet and Hung Kings' day dates (1901..2099)
  against the UTC+7 computation.

Run: python3 tests/vectors/tools/gen_lunar_vectors.py
Needs (test-time only): pip install ephem lunardate holidays skyfield skyfield-data
(about 40 s; without Skyfield it falls back to PyEphem alone and says so)
Prints every disagreement found; the file's description lists them.
"""
import datetime as dt
import json
import math
import random
import sys
from pathlib import Path

import ephem

OUT = Path(__file__).resolve().parents[1] / "lunar.json"
rng = random.Random(20261123)

FIRST_YEAR, LAST_YEAR = 1900, 2199
LAST_DATE = dt.date(2199, 12, 31)
# Scan window: from before the December 1899 solstice to after the December 2200 solstice.
SCAN_FROM, SCAN_TO = dt.date(1899, 10, 1), dt.date(2201, 3, 1)

DJD_EPOCH = dt.datetime(1899, 12, 31, 12)  # ephem.Date 0 (Dublin Julian Day)


# ---------------------------------------------------------------- Delta T (Espenak-Meeus 2006)
def delta_t_em(y):
    """TT - UT in seconds at decimal year y (NASA eclipse site, polynomial expressions)."""
    if y < 1860:
        t = y - 1800
        return (13.72 - 0.332447 * t + 0.0068612 * t**2 + 0.0041116 * t**3
                - 0.00037436 * t**4 + 0.0000121272 * t**5 - 0.0000001699 * t**6
                + 0.000000000875 * t**7)
    if y < 1900:
        t = y - 1860
        return (7.62 + 0.5737 * t - 0.251754 * t**2 + 0.01680668 * t**3
                - 0.0004473624 * t**4 + t**5 / 233174)
    if y < 1920:
        t = y - 1900
        return -2.79 + 1.494119 * t - 0.0598939 * t**2 + 0.0061966 * t**3 - 0.000197 * t**4
    if y < 1941:
        t = y - 1920
        return 21.20 + 0.84493 * t - 0.076100 * t**2 + 0.0020936 * t**3
    if y < 1961:
        t = y - 1950
        return 29.07 + 0.407 * t - t**2 / 233 + t**3 / 2547
    if y < 1986:
        t = y - 1975
        return 45.45 + 1.067 * t - t**2 / 260 - t**3 / 718
    if y < 2005:
        t = y - 2000
        return (63.86 + 0.3345 * t - 0.060374 * t**2 + 0.0017275 * t**3
                + 0.000651814 * t**4 + 0.00002373599 * t**5)
    if y < 2050:
        t = y - 2000
        return 62.92 + 0.32217 * t + 0.005589 * t**2
    u = (y - 1820) / 100
    if y < 2150:
        return -20 + 32 * u**2 - 0.5628 * (2150 - y)
    return -20 + 32 * u**2


def decimal_year(djd):
    """Decimal year of an ephem.Date value (days since 1899-12-31 12:00)."""
    return 1900 + (djd - 0.5) / 365.2425


def ephem_ut_to_em_ut(djd):
    """A PyEphem UT instant -> the same physical instant in UT under Espenak-Meeus Delta T."""
    tt = djd + ephem.delta_t(ephem.Date(djd)) / 86400
    return tt - delta_t_em(decimal_year(tt)) / 86400


def em_ut_to_ephem_ut(djd):
    tt = djd + delta_t_em(decimal_year(djd)) / 86400
    return tt - ephem.delta_t(ephem.Date(tt)) / 86400


def to_djd(d):
    return (dt.datetime(d.year, d.month, d.day) - DJD_EPOCH).total_seconds() / 86400


def local_date(djd, offset_minutes):
    return (DJD_EPOCH + dt.timedelta(days=djd + offset_minutes / 1440)).date()


# ---------------------------------------------------------------- PyEphem astronomy
def ephem_new_moons():
    out = []
    d = ephem.Date(to_djd(SCAN_FROM))
    end = to_djd(SCAN_TO)
    while True:
        d = ephem.next_new_moon(d)
        if d > end:
            return out
        out.append(float(d))


_sun = ephem.Sun()


def ephem_longitude(djd):
    """Apparent geocentric ecliptic longitude of the Sun, degrees, at PyEphem UT djd."""
    _sun.compute(ephem.Date(djd))
    eq = ephem.Equatorial(_sun.g_ra, _sun.g_dec, epoch=ephem.Date(djd))
    return math.degrees(ephem.Ecliptic(eq).lon)


def ephem_principal_terms():
    """(term number n, PyEphem UT instant) with apparent longitude 30n (n unwrapped, 0 at the
    2000 March equinox) for every principal term in the scan window."""
    out = []
    start, end = to_djd(SCAN_FROM), to_djd(SCAN_TO)
    # Mean longitude gives the first term number; Newton's method refines each instant.
    mean = lambda djd: 280.46646 + 0.98564736 * (djd - 36525.0)  # noqa: E731 (J2000.0)
    n = math.ceil(mean(start) / 30) - 1
    while True:
        target = 30 * n
        t = start + (target - mean(start)) / 0.98564736
        for _ in range(20):
            diff = (target - ephem_longitude(t) + 180) % 360 - 180
            t += diff / 0.98564736
            if abs(diff) < 1e-8:
                break
        if t > end:
            return out
        if t >= start:
            out.append((n, t))
        n += 1


# ---------------------------------------------------------------- the calendar rules
def build_calendar(new_moons_ut, terms_ut, offset_minutes):
    """Months of the lunisolar calendar at `offset_minutes` from UT instants (ephem.Date days).

    Returns a list of (start date, number, leap) for every month from the first month 11 of the
    scan to the last, and {year: (tet, [(number, leap, start, length)...])} by lunar year.
    """
    starts = [local_date(t, offset_minutes) for t in new_moons_ut]
    term_days = [(n, local_date(t, offset_minutes)) for n, t in terms_ut]

    # The principal terms of each month: walk both sorted lists.
    month_terms = [[] for _ in range(len(starts) - 1)]
    j = 0
    for i in range(len(starts) - 1):
        while j < len(term_days) and term_days[j][1] < starts[i]:
            j += 1
        k = j
        while k < len(term_days) and term_days[k][1] < starts[i + 1]:
            month_terms[i].append(term_days[k][0])
            k += 1
    elevens = [i for i, ts in enumerate(month_terms) if any(n % 12 == 9 for n in ts)]
    months = []
    for a, b in zip(elevens, elevens[1:]):
        leap = None
        if b - a == 13:
            leap = next(i for i in range(a + 1, b) if not month_terms[i])
        elif b - a != 12:
            raise SystemExit(f"{b - a} months between solstice months at {starts[a]}")
        number = 10
        for i in range(a, b):
            is_leap = i == leap
            if not is_leap:
                number = number % 12 + 1
            months.append((starts[i], (starts[i + 1] - starts[i]).days, number, is_leap))
    years = {}
    current = None
    for start, length, number, leap in months:
        if number == 1 and not leap:
            current = start.year
            years[current] = []
        if current is not None:
            years[current].append((number, leap, start, length))
    return months, years


def lunar_of(years, day):
    """The lunar date (year, month, day, leap) of Gregorian `day` from a built calendar."""
    year = day.year if day >= years[day.year][0][2] else day.year - 1
    for number, leap, start, length in years[year]:
        if start <= day < start + dt.timedelta(days=length):
            return {"year": year, "month": number, "day": (day - start).days + 1, "leap": leap}
    raise KeyError(day)


def diff_calendars(a, b, first, last):
    """Month starts (date, number, leap) present in one list and not the other, in [first, last]."""
    sa = {(s, n, l) for s, _, n, l in a if first <= s <= last}
    sb = {(s, n, l) for s, _, n, l in b if first <= s <= last}
    return sorted(sa - sb), sorted(sb - sa)


# ---------------------------------------------------------------- Skyfield / DE421 (1900..2050)
def skyfield_instants():
    try:
        from skyfield import almanac
        from skyfield.api import load
        from skyfield.framelib import ecliptic_frame
        import skyfield_data
    except ImportError:
        return None
    path = Path(skyfield_data.__file__).parent / "data" / "de421.bsp"
    ts = load.timescale(builtin=True)
    eph = load(str(path))
    t0, t1 = ts.utc(1899, 10, 1), ts.utc(2053, 1, 1)  # DE421 ends 2053-10
    times, phases = almanac.find_discrete(t0, t1, almanac.moon_phases(eph))
    new_moons = [t for t, p in zip(times, phases) if p == 0]
    earth, sun = eph["earth"], eph["sun"]

    def term_index(t):
        lon = earth.at(t).observe(sun).apparent().frame_latlon(ecliptic_frame)[1].degrees
        return (lon // 30).astype(int) % 12

    term_index.step_days = 7
    times, idx = almanac.find_discrete(t0, t1, term_index)
    # Instants as ephem.Date values in UT under the Espenak-Meeus Delta T (from Skyfield's TT;
    # Skyfield's `utc` is UTC, not UT1, and its own Delta T comes from IERS data).
    def djd(t):
        tt = t.tt - 2415020.0
        return tt - delta_t_em(decimal_year(tt)) / 86400

    # Unwrapped term numbers consistent with ephem_principal_terms: term n is at 30n degrees.

    terms = []
    for t, k in zip(times, idx):
        d = djd(t)
        mean = 280.46646 + 0.98564736 * (d - 36525.0)
        n = round((mean - 30 * int(k)) / 360) * 12 + int(k)
        terms.append((n, d))
    return [djd(t) for t in new_moons], terms


# ---------------------------------------------------------------- vectors
def case_to_lunar(cid, day, expected, offset=None, source=None):
    inp = {"date": day.isoformat()}
    if offset is not None:
        inp["utc_offset_minutes"] = offset
    c = {"id": cid, "op": "to_lunar", "input": inp}
    if isinstance(expected, str):
        c["error"] = expected
    else:
        c["expected"] = expected
    if source:
        c["source"] = source
    return c


def case_from_lunar(cid, year, month, day, leap, expected, source=None):
    c = {"id": cid, "op": "from_lunar",
         "input": {"year": year, "month": month, "day": day, "leap": leap}}
    if isinstance(expected, dt.date):
        c["expected"] = expected.isoformat()
    else:
        c["error"] = expected
    if source:
        c["source"] = source
    return c


def main():
    notes = []

    def note(msg):
        print(msg, file=sys.stderr)
        notes.append(msg)

    print("PyEphem new moons and principal terms ...", file=sys.stderr)
    nm_native = ephem_new_moons()
    terms_native = ephem_principal_terms()
    nm_em = [ephem_ut_to_em_ut(t) for t in nm_native]
    terms_em = [(n, ephem_ut_to_em_ut(t)) for n, t in terms_native]

    first, last = dt.date(1900, 1, 31), LAST_DATE
    vn_ephem_months, vn_ephem = build_calendar(nm_em, terms_em, 420)
    for name, off in [("UTC+7", 420), ("UTC+8", 480)]:
        em_months, _ = build_calendar(nm_em, terms_em, off)
        native_months, _ = build_calendar(nm_native, terms_native, off)
        only_em, only_native = diff_calendars(em_months, native_months, first, last)
        if only_em or only_native:
            note(f"{name} month starts that depend on the Delta T model (Espenak-Meeus, used: "
                 f"{[(str(d), n, l) for d, n, l in only_em]}; PyEphem's own Delta T: "
                 f"{[(str(d), n, l) for d, n, l in only_native]})")
        else:
            note(f"{name}: PyEphem with its own Delta T and with Espenak-Meeus Delta T give the "
                 "same calendar")

    # The most precise instants available: Skyfield/DE421 up to 2050, PyEphem after.
    sky = skyfield_instants()
    if sky is None:
        note("Skyfield/DE421 not installed: PyEphem alone")
        nm_best, terms_best = nm_em, terms_em
    else:
        cutoff = to_djd(dt.date(2051, 1, 1))
        nm_best = [t for t in sky[0] if t < cutoff] + [t for t in nm_em if t >= cutoff + 5]
        terms_best = ([(n, t) for n, t in sky[1] if t < cutoff]
                      + [(n, t) for n, t in terms_em if t >= cutoff + 5])
        assert nm_best[1:] and all(20 < b - a < 40 for a, b in zip(nm_best, nm_best[1:]))
        assert all(b[0] == a[0] + 1 for a, b in zip(terms_best, terms_best[1:]))
    vn_months, vn = build_calendar(nm_best, terms_best, 420)
    cn_months, cn = build_calendar(nm_best, terms_best, 480)
    if sky is not None:
        for name, best, eph in [("UTC+7", vn_months, vn_ephem_months),
                                ("UTC+8", cn_months, build_calendar(nm_em, terms_em, 480)[0])]:
            a, b = diff_calendars(best, eph, first, dt.date(2050, 12, 31))
            if a or b:
                note(f"{name} 1900..2050: Skyfield/DE421 (used) {[(str(d), n, l) for d, n, l in a]}"
                     f" vs PyEphem {[(str(d), n, l) for d, n, l in b]}")
            else:
                note(f"{name} 1900..2050: Skyfield/DE421 and PyEphem agree on every month")
    # The instants too close to a local midnight for motcua's Meeus new moons (good to about
    # 20 s): motcua's compute.rs takes these precise instants (TT) instead (--refinements).
    refinements = []
    for t in nm_best:
        tt = t + delta_t_em(decimal_year(t)) / 86400  # back to TT (ephem.Date days)
        for off in (420, 480):
            minute = ((t + 0.5 + off / 1440) % 1) * 1440
            if min(minute, 1440 - minute) < 1.0:
                jde = tt + 2415020.0
                k = round((jde - 2451550.09766) / 29.530588861)
                refinements.append((k, jde, off, str(local_date(t, off)), minute))
    for k, jde, off, day, minute in refinements:
        print(f"refine: ({k}, {jde:.6f}), // UTC{off // 60:+d}: {day} "
              f"{int(minute // 60):02d}:{int(minute % 60):02d}:{(minute * 60) % 60:04.1f}",
              file=sys.stderr)
    terms_near = []
    for n, t in terms_best:
        for off in (420, 480):
            minute = ((t + 0.5 + off / 1440) % 1) * 1440
            if min(minute, 1440 - minute) < 1.0:
                terms_near.append((n, str(local_date(t, off)), off, minute))
    for n, day, off, minute in terms_near:
        print(f"term within 1 min of midnight: {(30 * n) % 360} deg UTC{off // 60:+d} {day} "
              f"{int(minute // 60):02d}:{int(minute % 60):02d}:{(minute * 60) % 60:04.1f}",
              file=sys.stderr)

    # Month starts decided by DE421 where PyEphem differs (they get a per-case source).
    decided_by_de421 = {d for d, _, _ in diff_calendars(vn_months, vn_ephem_months, first, last)[0]}

    # lunardate: Chinese calendar 1900..2099.
    import lunardate
    cn_lunardate_mismatch = []
    for year in range(1900, 2100):
        for number, leap, start, length in cn[year]:
            ld = lunardate.LunarDate.from_solar_date(start.year, start.month, start.day)
            got = (ld.year, ld.month, ld.day, bool(ld.isLeapMonth))
            if got != (year, number, 1, leap):
                cn_lunardate_mismatch.append((start.isoformat(), (year, number, 1, leap), got))
    if cn_lunardate_mismatch:
        note(f"UTC+8 vs lunardate, {len(cn_lunardate_mismatch)} month starts differ: "
             f"{cn_lunardate_mismatch}")
    else:
        note("UTC+8 1900..2099: every month start agrees with lunardate")

    # python-holidays: Vietnamese Tet and Hung Kings' day.
    from holidays.calendars.chinese import _ChineseLunisolar, VIETNAMESE_CALENDAR
    cal = _ChineseLunisolar(VIETNAMESE_CALENDAR)
    hol_mismatch = []
    for year in range(1901, 2100):
        tet, _ = cal.lunar_new_year_date(year)
        hung, _ = cal.hung_kings_date(year)
        mine_tet = vn[year][0][2]
        mine_hung = next(s for n, l, s, _ in vn[year] if n == 3 and not l) + dt.timedelta(days=9)
        if tet and tet != mine_tet:
            hol_mismatch.append(("tet", year, mine_tet.isoformat(), tet.isoformat()))
        if hung and hung != mine_hung:
            hol_mismatch.append(("hung", year, mine_hung.isoformat(), hung.isoformat()))
    if hol_mismatch:
        note(f"UTC+7 vs python-holidays Vietnamese dates: {hol_mismatch}")
    else:
        note("UTC+7 1901..2099: Tet and Hung Kings' day agree with python-holidays")

    cases = []
    # Named cases (DESIGN.md, reference/holidays.md section 4).
    named = [
        ("to_lunar-1985-01-21", dt.date(1985, 1, 21), None),
        ("to_lunar-1984-01-01", dt.date(1984, 1, 1), None),
        ("to_lunar-2007-02-17", dt.date(2007, 2, 17), None),
        ("to_lunar-2025-01-29", dt.date(2025, 1, 29), None),
        ("to_lunar-2026-02-17", dt.date(2026, 2, 17), None),
        ("to_lunar-2025-01-27-28th-of-12th", dt.date(2025, 1, 27), None),
        ("to_lunar-1900-01-31-first", dt.date(1900, 1, 31), None),
        ("to_lunar-2199-12-31-last", LAST_DATE, None),
        ("to_lunar-1985-01-21-cn", dt.date(1985, 1, 21), 480),
        ("to_lunar-1985-02-20-cn", dt.date(1985, 2, 20), 480),
        ("to_lunar-2007-02-17-cn", dt.date(2007, 2, 17), 480),
        ("to_lunar-2007-02-18-cn", dt.date(2007, 2, 18), 480),
    ]
    for cid, day, off in named:
        cal_ = cn if off == 480 else vn
        cases.append(case_to_lunar(cid, day, lunar_of(cal_, day), off))
    for year in range(2016, 2028):
        tet = vn[year][0][2]
        cases.append(case_from_lunar(f"tet-{year}", year, 1, 1, False, tet))
        eve = tet - dt.timedelta(days=1)
        cases.append(case_to_lunar(f"eve-{year}", eve, lunar_of(vn, eve)))
        hung = next(s for n, l, s, _ in vn[year] if n == 3 and not l) + dt.timedelta(days=9)
        cases.append(case_from_lunar(f"hung-kings-{year}", year, 3, 10, False, hung))
    for year in [1984, 1985, 2023, 2025, 2033]:
        for n, leap, start, length in vn[year]:
            if leap:
                cases.append(case_from_lunar(f"leap-{year}-{n}", year, n, 1, True, start))
                cases.append(case_to_lunar(f"to_lunar-leap-{year}-{n}", start,
                                           lunar_of(vn, start)))
        for n, leap, start, length in cn[year]:
            if leap:
                cases.append(case_to_lunar(f"to_lunar-leap-{year}-{n}-cn", start,
                                           lunar_of(cn, start), 480))
    # Errors.
    errors = [
        case_to_lunar("err-1899-12-31", dt.date(1899, 12, 31), "date_out_of_range"),
        case_to_lunar("err-1900-01-30", dt.date(1900, 1, 30), "date_out_of_range"),
        case_to_lunar("err-2200-01-01", dt.date(2200, 1, 1), "date_out_of_range"),
        case_to_lunar("err-1900-01-30-cn", dt.date(1900, 1, 30), "date_out_of_range", 480),
        case_from_lunar("err-year-1899", 1899, 12, 1, False, "date_out_of_range"),
        case_from_lunar("err-year-2200", 2200, 1, 1, False, "date_out_of_range"),
        case_from_lunar("err-month-13", 2025, 13, 1, False, "invalid_lunar_date"),
        case_from_lunar("err-month-0", 2025, 0, 1, False, "invalid_lunar_date"),
        case_from_lunar("err-day-0", 2025, 1, 0, False, "invalid_lunar_date"),
        case_from_lunar("err-day-31", 2025, 1, 31, False, "invalid_lunar_date"),
        case_from_lunar("err-no-leap-2026", 2026, 1, 1, True, "invalid_lunar_date"),
    ]
    # The last months of lunar year 2199 fall after 2199-12-31.
    for n, leap, start, length in vn[2199]:
        if start > LAST_DATE:
            errors.append(case_from_lunar(f"err-after-2199-12-31-{n}{'L' if leap else ''}",
                                          2199, n, 1, leap, "date_out_of_range"))
    cases += errors

    # Every month of the range: its first day (to_lunar), its last day (from_lunar).
    short_months, wrong_leaps = [], []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        leap_number = next((n for n, l, _, _ in vn[year] if l), None)
        for n, leap, start, length in vn[year]:
            if start > LAST_DATE:
                continue
            tag = f"{year}-{n:02d}{'L' if leap else ''}"
            end = start + dt.timedelta(days=length - 1)
            src = None
            if start in decided_by_de421 or end + dt.timedelta(days=1) in decided_by_de421:
                src = ("Skyfield + JPL DE421 (Espenak-Meeus Delta T): the new moon is seconds "
                       "from midnight and PyEphem puts it on the other side")
            cases.append(case_to_lunar(f"vn-first-{tag}", start,
                                       {"year": year, "month": n, "day": 1, "leap": leap}, None, src))
            if end <= LAST_DATE:
                cases.append(case_from_lunar(f"vn-last-{tag}", year, n, length, leap, end, src))
            if length == 29:
                short_months.append((tag, year, n, leap))
        for n in range(1, 13):
            if n != leap_number:
                wrong_leaps.append((year, n, leap_number))
    for tag, year, n, leap in rng.sample(short_months, 200):
        cases.append(case_from_lunar(f"vn-day30-{tag}", year, n, 30, leap, "invalid_lunar_date"))
    for year, n, leap_number in rng.sample(wrong_leaps, 100):
        cases.append(case_from_lunar(f"vn-noleap-{year}-{n:02d}", year, n, 1, True,
                                     "invalid_lunar_date"))
    # Random days.
    span = (LAST_DATE - first).days
    for i in range(400):
        day = first + dt.timedelta(days=rng.randrange(span + 1))
        cases.append(case_to_lunar(f"vn-random-{i}", day, lunar_of(vn, day)))

    # Chinese calendar, 1900..2099: the first day of every month, only where lunardate agrees.
    disagree = {s for s, _, _ in cn_lunardate_mismatch}
    for year in range(1900, 2100):
        for n, leap, start, length in cn[year]:
            if start.isoformat() in disagree:
                continue
            tag = f"{year}-{n:02d}{'L' if leap else ''}"
            cases.append(case_to_lunar(f"cn-first-{tag}", start,
                                       {"year": year, "month": n, "day": 1, "leap": leap}, 480))
    for i in range(200):
        day = first + dt.timedelta(days=rng.randrange((dt.date(2099, 12, 31) - first).days))
        exp = lunar_of(cn, day)
        ld = lunardate.LunarDate.from_solar_date(day.year, day.month, day.day)
        if (ld.year, ld.month, ld.day, bool(ld.isLeapMonth)) == tuple(exp.values()):
            cases.append(case_to_lunar(f"cn-random-{i}", day, exp, 480))

    description = (
        "Gregorian <-> lunar dates of the Vietnamese lunisolar calendar (UTC+7) over the whole "
        "range 1900-01-31..2199-12-31: the first day of every lunar month (to_lunar), the last "
        "day of every month (from_lunar), random days, the DESIGN.md and reference/holidays.md "
        "section 4 examples (Tet 2016..2027, the eve of Tet, Hung Kings' day, 1984-01-01, Tet "
        "1985 and 2007 in Vietnam vs China, the leap months of 1984, 1985, 2023, 2025, 2033), "
        "range errors and nonexistent lunar dates (day 30 of 29-day months, leap months a year "
        "lacks, month 0/13, day 0/31); plus the Chinese calendar (utc_offset_minutes 480), "
        "1900..2099, first day of every month and random days. Findings of the generator: "
        + " | ".join(notes)
        + ". No case was excluded from the UTC+7 set. The Chinese cases are kept only where "
        "lunardate agrees; lunardate follows the published Chinese almanacs, which put 1914-11, "
        "1916-02 and 1920-11 a day earlier (Beijing local time, UTC+7:46, before 1929), 1933-07 "
        "and 1978-09 a day earlier (new moons 3 and 9 minutes after midnight), 1954-11 a day "
        "later (new moon at 20:30 UTC+8: an error of lunardate's table) and 2057-09 a day "
        "earlier (new moon 5 s after midnight with this Delta T)."
    )
    source = (
        "New moons (Skyfield almanac.moon_phases with JPL DE421 for 1900..2050, "
        f"ephem.next_new_moon of PyEphem {ephem.__version__} after) and principal terms "
        "(instants where the Sun's apparent longitude of date is a multiple of 30 degrees, from "
        "the same ephemerides), taken in TT and converted to UT with the Espenak-Meeus (2006) "
        "Delta T polynomials; calendar rules applied at UTC+7 / UTC+8 by "
        "tests/vectors/tools/gen_lunar_vectors.py (seed 20261123). Cross-checked with PyEphem "
        "over the whole range (identical calendar), with PyEphem's own Delta T (identical), "
        "lunardate (Chinese calendar 1900..2099) and python-holidays' Vietnamese Tet / Hung "
        "Kings' dates (1901..2099)."
    )
    with OUT.open("w", encoding="utf-8") as f:
        f.write('{"description":' + json.dumps(description, ensure_ascii=False)
                + ',"source":' + json.dumps(source, ensure_ascii=False) + ',"cases":[\n')
        f.write(",\n".join(json.dumps(c, ensure_ascii=False, separators=(",", ":"))
                           for c in cases))
        f.write("\n]}\n")
    print(f"wrote {OUT} ({len(cases)} cases)", file=sys.stderr)


if __name__ == "__main__":
    main()
