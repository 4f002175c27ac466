//! The astronomy behind the lunisolar calendar: instants of new moon and the Sun's apparent
//! longitude, in Universal Time, from which [`super::compute`] derives the year table.
//!
//! - **New moons**: Meeus, *Astronomical Algorithms* (2nd ed., 1998), chapter 49, with all the
//!   periodic terms of the new-moon phase and the fourteen additional planetary corrections
//!   (within a few seconds of JPL DE421 in these centuries; Meeus gives 17 s at most against
//!   ELP-2000/82), except for the nine new moons within a minute of midnight at UTC+7 or UTC+8,
//!   whose precise instants are tabulated ([`REFINED_NEW_MOONS`]).
//! - **Sun**: Meeus chapter 25, higher-accuracy method: the Earth's VSOP87 position
//!   ([`super::vsop87`], Appendix III), plus 180°, the FK5 correction (−0.09033″), nutation
//!   in longitude from the full 63-term IAU 1980 series of Meeus chapter 22, and aberration
//!   (−20.4898″ / R). About 1″ of longitude, i.e. about 25 seconds of time.
//! - **Time scales**: both theories work in Terrestrial (dynamical) Time; ΔT = TT − UT is
//!   taken from the polynomial expressions of Espenak & Meeus (NASA *Five Millennium Canon of
//!   Solar Eclipses*, 2006, "Polynomial expressions for Delta T"), evaluated at the decimal year.
//!   The future branches are extrapolations: ΔT in 2199 is about 7½ minutes with an uncertainty
//!   of several minutes.
//!
//! Instants are Julian days (`f64`, precision about 40 µs in these centuries).

use super::{trig, vsop87};

/// Julian day of J2000.0 (2000-01-01 12:00 TT).
const J2000: f64 = 2_451_545.0;

/// Julian day of 1970-01-01 00:00 UT, the origin of day numbers.
pub(super) const JD_UNIX_EPOCH: f64 = 2_440_587.5;

/// Seconds per day.
const SECONDS_PER_DAY: f64 = 86_400.0;

/// ΔT = TT − UT in seconds at decimal year `y` (Espenak & Meeus 2006).
pub(super) fn delta_t_seconds(y: f64) -> f64 {
    if y < 1800.0 {
        let u = (y - 1820.0) / 100.0;
        -20.0 + 32.0 * u * u
    } else if y < 1860.0 {
        let t = y - 1800.0;
        poly(
            t,
            &[
                13.72,
                -0.332_447,
                0.006_861_2,
                0.004_111_6,
                -0.000_374_36,
                0.000_012_127_2,
                -0.000_000_169_9,
                0.000_000_000_875,
            ],
        )
    } else if y < 1900.0 {
        let t = y - 1860.0;
        poly(
            t,
            &[
                7.62,
                0.573_7,
                -0.251_754,
                0.016_806_68,
                -0.000_447_362_4,
                1.0 / 233_174.0,
            ],
        )
    } else if y < 1920.0 {
        let t = y - 1900.0;
        poly(
            t,
            &[-2.79, 1.494_119, -0.059_893_9, 0.006_196_6, -0.000_197],
        )
    } else if y < 1941.0 {
        let t = y - 1920.0;
        poly(t, &[21.20, 0.844_93, -0.076_100, 0.002_093_6])
    } else if y < 1961.0 {
        let t = y - 1950.0;
        poly(t, &[29.07, 0.407, -1.0 / 233.0, 1.0 / 2547.0])
    } else if y < 1986.0 {
        let t = y - 1975.0;
        poly(t, &[45.45, 1.067, -1.0 / 260.0, -1.0 / 718.0])
    } else if y < 2005.0 {
        let t = y - 2000.0;
        poly(
            t,
            &[
                63.86,
                0.334_5,
                -0.060_374,
                0.001_727_5,
                0.000_651_814,
                0.000_023_735_99,
            ],
        )
    } else if y < 2050.0 {
        let t = y - 2000.0;
        poly(t, &[62.92, 0.322_17, 0.005_589])
    } else if y < 2150.0 {
        let u = (y - 1820.0) / 100.0;
        -20.0 + 32.0 * u * u - 0.562_8 * (2150.0 - y)
    } else {
        let u = (y - 1820.0) / 100.0;
        -20.0 + 32.0 * u * u
    }
}

/// c₀ + c₁t + c₂t² + … by Horner's scheme.
fn poly(t: f64, coefficients: &[f64]) -> f64 {
    coefficients.iter().rev().fold(0.0, |acc, c| acc * t + c)
}

/// The decimal year of Julian day `jd` (2000.0 = 2000-01-01 00:00), as Espenak & Meeus use it.
fn decimal_year(jd: f64) -> f64 {
    2000.0 + (jd - (J2000 - 0.5)) / 365.2425
}

/// ΔT in days at the instant `jd` (either time scale: ΔT varies by milliseconds per day).
fn delta_t_days(jd: f64) -> f64 {
    delta_t_seconds(decimal_year(jd)) / SECONDS_PER_DAY
}

/// The lunation index of the first new moon at or after `jd` (approximately; Meeus 49.2,
/// k = 0 is the new moon of 2000-01-06).
pub(super) fn lunation_after(jd: f64) -> i32 {
    // The true new moon differs from the mean one by less than 15 hours; the caller scans.
    ((jd - 2_451_550.097_66) / 29.530_588_861).ceil() as i32
}

/// New moons within a minute of local midnight at UTC+7 or UTC+8, where the few seconds of
/// error of chapter 49 could decide the day a month starts on: lunation and instant (JDE, TT)
/// from JPL DE421 through Skyfield (up to 2050) or PyEphem (after 2050), printed as `refine:`
/// lines by `tests/vectors/tools/gen_lunar_vectors.py`. They differ from chapter 49 by 0–7 s;
/// two of them change a month start: 1967-07-08 at UTC+7 (chapter 49: 6 s before midnight,
/// DE421: 4 s after) and 2057-09-29 at UTC+8.
const REFINED_NEW_MOONS: [(i32, f64); 9] = [
    (-687, 2_431_262.208_330),  // UTC+7 1944-06-20 23:59:33
    (-402, 2_439_679.208_814),  // UTC+7 1967-07-08 00:00:04
    (672, 2_471_395.209_846),   // UTC+7 2054-05-08 00:00:29
    (714, 2_472_635.167_979),   // UTC+8 2057-09-29 00:00:05
    (963, 2_479_988.210_008),   // UTC+7 2077-11-15 23:59:53
    (1_061, 2_482_882.210_020), // UTC+7 2085-10-18 23:59:36
    (1_207, 2_487_193.168_720), // UTC+8 2097-08-07 23:59:40
    (1_860, 2_506_477.211_724), // UTC+7 2150-05-26 23:59:24
    (2_165, 2_515_484.212_497), // UTC+7 2175-01-22 23:59:36
];

/// Julian Ephemeris Day (TT) of the true new moon of lunation `k`: Meeus chapter 49, or the
/// precise instant of [`REFINED_NEW_MOONS`].
pub(super) fn new_moon_jde(k: i32) -> f64 {
    REFINED_NEW_MOONS
        .iter()
        .find(|&&(lunation, _)| lunation == k)
        .map_or_else(|| meeus_new_moon_jde(k), |&(_, jde)| jde)
}

/// Julian Ephemeris Day (TT) of the true new moon of lunation `k` (Meeus chapter 49).
fn meeus_new_moon_jde(k: i32) -> f64 {
    let k = f64::from(k);
    let t = k / 1_236.85;
    let t2 = t * t;
    let t3 = t2 * t;
    let t4 = t3 * t;
    let mean = 2_451_550.097_66 + 29.530_588_861 * k + 0.000_154_37 * t2 - 0.000_000_150 * t3
        + 0.000_000_000_73 * t4;
    // Eccentricity of the Earth's orbit (47.6).
    let e = 1.0 - 0.002_516 * t - 0.000_007_4 * t2;
    // Sun's mean anomaly, Moon's mean anomaly, Moon's argument of latitude, longitude of the
    // ascending node of the lunar orbit (49.4–49.7), in radians.
    let m = (2.553_4 + 29.105_356_70 * k - 0.000_001_4 * t2 - 0.000_000_11 * t3).to_radians();
    let mp = (201.564_3 + 385.816_935_28 * k + 0.010_758_2 * t2 + 0.000_012_38 * t3
        - 0.000_000_058 * t4)
        .to_radians();
    let f = (160.710_8 + 390.670_502_84 * k - 0.001_611_8 * t2 - 0.000_002_27 * t3
        + 0.000_000_011 * t4)
        .to_radians();
    let om = (124.774_6 - 1.563_755_88 * k + 0.002_067_2 * t2 + 0.000_002_15 * t3).to_radians();

    let sin = trig::sin;
    let periodic = -0.407_20 * sin(mp)
        + 0.172_41 * e * sin(m)
        + 0.016_08 * sin(2.0 * mp)
        + 0.010_39 * sin(2.0 * f)
        + 0.007_39 * e * sin(mp - m)
        - 0.005_14 * e * sin(mp + m)
        + 0.002_08 * e * e * sin(2.0 * m)
        - 0.001_11 * sin(mp - 2.0 * f)
        - 0.000_57 * sin(mp + 2.0 * f)
        + 0.000_56 * e * sin(2.0 * mp + m)
        - 0.000_42 * sin(3.0 * mp)
        + 0.000_42 * e * sin(m + 2.0 * f)
        + 0.000_38 * e * sin(m - 2.0 * f)
        - 0.000_24 * e * sin(2.0 * mp - m)
        - 0.000_17 * sin(om)
        - 0.000_07 * sin(mp + 2.0 * m)
        + 0.000_04 * sin(2.0 * mp - 2.0 * f)
        + 0.000_04 * sin(3.0 * m)
        + 0.000_03 * sin(mp + m - 2.0 * f)
        + 0.000_03 * sin(2.0 * mp + 2.0 * f)
        - 0.000_03 * sin(mp + m + 2.0 * f)
        + 0.000_03 * sin(mp - m + 2.0 * f)
        - 0.000_02 * sin(mp - m - 2.0 * f)
        - 0.000_02 * sin(3.0 * mp + m)
        + 0.000_02 * sin(4.0 * mp);

    // Additional corrections for all phases: (coefficient in days, A₀ in degrees, rate per
    // lunation in degrees); A₁ also has a T² term.
    const PLANETARY: [(f64, f64, f64); 14] = [
        (0.000_325, 299.77, 0.107_408),
        (0.000_165, 251.88, 0.016_321),
        (0.000_164, 251.83, 26.651_886),
        (0.000_126, 349.42, 36.412_478),
        (0.000_110, 84.66, 18.206_239),
        (0.000_062, 141.74, 53.303_771),
        (0.000_060, 207.14, 2.453_732),
        (0.000_056, 154.84, 7.306_860),
        (0.000_047, 34.52, 27.261_239),
        (0.000_042, 207.19, 0.121_824),
        (0.000_040, 291.34, 1.844_379),
        (0.000_037, 161.72, 24.198_154),
        (0.000_035, 239.56, 25.513_099),
        (0.000_023, 331.55, 3.592_518),
    ];
    let planetary: f64 = PLANETARY
        .iter()
        .enumerate()
        .map(|(i, &(c, a0, rate))| {
            let a1_t2 = if i == 0 { -0.009_173 * t2 } else { 0.0 };
            c * trig::sin((a0 + rate * k + a1_t2).to_radians())
        })
        .sum();

    mean + periodic + planetary
}

/// Julian day (UT) of the true new moon of lunation `k`.
pub(super) fn new_moon_ut(k: i32) -> f64 {
    let jde = new_moon_jde(k);
    jde - delta_t_days(jde)
}

/// Nutation in longitude Δψ in arc seconds at `t` Julian centuries of TT from J2000.0
/// (IAU 1980 theory, Meeus table 22.A, all 63 terms).
fn nutation_in_longitude(t: f64) -> f64 {
    // Multiples of D, M, M′, F, Ω; coefficient and its rate per century in 0.0001″.
    const TERMS: [(i8, i8, i8, i8, i8, f64, f64); 63] = [
        (0, 0, 0, 0, 1, -171_996.0, -174.2),
        (-2, 0, 0, 2, 2, -13_187.0, -1.6),
        (0, 0, 0, 2, 2, -2_274.0, -0.2),
        (0, 0, 0, 0, 2, 2_062.0, 0.2),
        (0, 1, 0, 0, 0, 1_426.0, -3.4),
        (0, 0, 1, 0, 0, 712.0, 0.1),
        (-2, 1, 0, 2, 2, -517.0, 1.2),
        (0, 0, 0, 2, 1, -386.0, -0.4),
        (0, 0, 1, 2, 2, -301.0, 0.0),
        (-2, -1, 0, 2, 2, 217.0, -0.5),
        (-2, 0, 1, 0, 0, -158.0, 0.0),
        (-2, 0, 0, 2, 1, 129.0, 0.1),
        (0, 0, -1, 2, 2, 123.0, 0.0),
        (2, 0, 0, 0, 0, 63.0, 0.0),
        (0, 0, 1, 0, 1, 63.0, 0.1),
        (2, 0, -1, 2, 2, -59.0, 0.0),
        (0, 0, -1, 0, 1, -58.0, -0.1),
        (0, 0, 1, 2, 1, -51.0, 0.0),
        (-2, 0, 2, 0, 0, 48.0, 0.0),
        (0, 0, -2, 2, 1, 46.0, 0.0),
        (2, 0, 0, 2, 2, -38.0, 0.0),
        (0, 0, 2, 2, 2, -31.0, 0.0),
        (0, 0, 2, 0, 0, 29.0, 0.0),
        (-2, 0, 1, 2, 2, 29.0, 0.0),
        (0, 0, 0, 2, 0, 26.0, 0.0),
        (-2, 0, 0, 2, 0, -22.0, 0.0),
        (0, 0, -1, 2, 1, 21.0, 0.0),
        (0, 2, 0, 0, 0, 17.0, -0.1),
        (2, 0, -1, 0, 1, 16.0, 0.0),
        (-2, 2, 0, 2, 2, -16.0, 0.1),
        (0, 1, 0, 0, 1, -15.0, 0.0),
        (-2, 0, 1, 0, 1, -13.0, 0.0),
        (0, -1, 0, 0, 1, -12.0, 0.0),
        (0, 0, 2, -2, 0, 11.0, 0.0),
        (2, 0, -1, 2, 1, -10.0, 0.0),
        (2, 0, 1, 2, 2, -8.0, 0.0),
        (0, 1, 0, 2, 2, 7.0, 0.0),
        (-2, 1, 1, 0, 0, -7.0, 0.0),
        (0, -1, 0, 2, 2, -7.0, 0.0),
        (2, 0, 0, 2, 1, -7.0, 0.0),
        (2, 0, 1, 0, 0, 6.0, 0.0),
        (-2, 0, 2, 2, 2, 6.0, 0.0),
        (-2, 0, 1, 2, 1, 6.0, 0.0),
        (2, 0, -2, 0, 1, -6.0, 0.0),
        (2, 0, 0, 0, 1, -6.0, 0.0),
        (0, -1, 1, 0, 0, 5.0, 0.0),
        (-2, -1, 0, 2, 1, -5.0, 0.0),
        (-2, 0, 0, 0, 1, -5.0, 0.0),
        (0, 0, 2, 2, 1, -5.0, 0.0),
        (-2, 0, 2, 0, 1, 4.0, 0.0),
        (-2, 1, 0, 2, 1, 4.0, 0.0),
        (0, 0, 1, -2, 0, 4.0, 0.0),
        (-1, 0, 1, 0, 0, -4.0, 0.0),
        (-2, 1, 0, 0, 0, -4.0, 0.0),
        (1, 0, 0, 0, 0, -4.0, 0.0),
        (0, 0, 1, 2, 0, 3.0, 0.0),
        (0, 0, -2, 2, 2, -3.0, 0.0),
        (-1, -1, 1, 0, 0, -3.0, 0.0),
        (0, 1, 1, 0, 0, -3.0, 0.0),
        (0, -1, 1, 2, 2, -3.0, 0.0),
        (2, -1, -1, 2, 2, -3.0, 0.0),
        (0, 0, 3, 2, 2, -3.0, 0.0),
        (2, -1, 0, 2, 2, -3.0, 0.0),
    ];
    let t2 = t * t;
    let t3 = t2 * t;
    // Fundamental arguments (Meeus 22), in degrees.
    let d = 297.850_36 + 445_267.111_480 * t - 0.001_914_2 * t2 + t3 / 189_474.0;
    let m = 357.527_72 + 35_999.050_340 * t - 0.000_160_3 * t2 - t3 / 300_000.0;
    let mp = 134.962_98 + 477_198.867_398 * t + 0.008_697_2 * t2 + t3 / 56_250.0;
    let f = 93.271_91 + 483_202.017_538 * t - 0.003_682_5 * t2 + t3 / 327_270.0;
    let om = 125.044_52 - 1_934.136_261 * t + 0.002_070_8 * t2 + t3 / 450_000.0;
    let sum: f64 = TERMS
        .iter()
        .map(|&(cd, cm, cmp, cf, com, c0, c1)| {
            let arg = f64::from(cd) * d
                + f64::from(cm) * m
                + f64::from(cmp) * mp
                + f64::from(cf) * f
                + f64::from(com) * om;
            (c0 + c1 * t) * trig::sin(arg.to_radians())
        })
        .sum();
    sum * 1e-4
}

/// The Sun's apparent geocentric ecliptic longitude in degrees, in `[0, 360)`, at the
/// instant `jde` (Julian Ephemeris Day, TT) (Meeus chapter 25, higher accuracy).
pub(super) fn apparent_solar_longitude_tt(jde: f64) -> f64 {
    let tau = (jde - J2000) / 365_250.0;
    let t = tau * 10.0;
    let (l, r) = vsop87::earth_longitude_radius(tau);
    // Geometric longitude of the Sun, in the FK5 system (25.9), then nutation and aberration.
    let theta = l.to_degrees() + 180.0;
    let arcsec = -0.090_33 + nutation_in_longitude(t) - 20.489_8 / r;
    // (Reduced to one turn by a floor, not `rem_euclid`, whose exact `fmod` is 1.2 KB of the
    // package's `.wasm`: the two differ by an ulp of the unreduced longitude, some 10⁻¹¹°,
    // a microsecond of the Sun's motion; the year tables' test recomputes them.)
    let lambda = theta + arcsec / 3_600.0;
    lambda - 360.0 * (lambda / 360.0).floor()
}

/// The Sun's apparent longitude (degrees, `[0, 360)`) at the instant `jd_ut` (Julian day, UT).
pub(super) fn apparent_solar_longitude_ut(jd_ut: f64) -> f64 {
    apparent_solar_longitude_tt(jd_ut + delta_t_days(jd_ut))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Meeus example 49.a: the new moon of 1977 February, k = −283, JDE 2443192.65118.
    #[test]
    fn meeus_example_49a() {
        let jde = meeus_new_moon_jde(-283);
        assert!((jde - 2_443_192.651_18).abs() < 0.000_01, "{jde}");
    }

    /// Meeus example 25.b: 1992 October 13.0 TD, apparent λ = 199°54′21.818″ (computed there
    /// with the full VSOP87; the Appendix III truncation agrees to a few hundredths of ″).
    #[test]
    fn meeus_example_25b() {
        let lambda = apparent_solar_longitude_tt(2_448_908.5);
        let expected = 199.0 + 54.0 / 60.0 + 21.818 / 3_600.0;
        let error_arcsec = (lambda - expected) * 3_600.0;
        assert!(error_arcsec.abs() < 0.1, "{lambda} off by {error_arcsec}″");
    }

    /// Meeus example 22.a: 1987 April 10.0 TD, Δψ = −3.788″.
    #[test]
    fn meeus_example_22a() {
        let t = (2_446_895.5 - J2000) / 36_525.0;
        let dpsi = nutation_in_longitude(t);
        assert!((dpsi + 3.788).abs() < 0.001, "{dpsi}");
    }

    /// The refined instants are the same lunations, a few seconds from chapter 49.
    #[test]
    fn refinements_are_small() {
        for (k, jde) in REFINED_NEW_MOONS {
            let seconds = (jde - meeus_new_moon_jde(k)) * SECONDS_PER_DAY;
            assert!(seconds.abs() < 10.0, "lunation {k}: {seconds} s");
        }
    }

    /// Espenak & Meeus give ΔT(2000) = 63.86 s and continuity at the branch joints.
    #[test]
    fn delta_t_branches_join() {
        assert!((delta_t_seconds(2000.0) - 63.86).abs() < 1e-9);
        for y in [
            1860.0, 1900.0, 1920.0, 1941.0, 1961.0, 1986.0, 2005.0, 2050.0, 2150.0,
        ] {
            let jump = delta_t_seconds(y) - delta_t_seconds(y - 1e-9);
            assert!(jump.abs() < 1.0, "ΔT jumps by {jump} s at {y}");
        }
    }
}
