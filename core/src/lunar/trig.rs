//! Sine and cosine for the astronomy ([`super::astro`], [`super::vsop87`]): fdlibm's kernels
//! (Sun Microsystems, 1993) and its medium-range argument reduction (Cody–Waite, π/2 in three
//! parts), as ported to Rust by the `libm` crate (MIT; the same code `f64::sin` runs on
//! WebAssembly), without the Payne–Hanek reduction of arguments past 2²⁰·π/2 (about
//! 1.6 million radians), which no argument here comes near: the largest, the Moon's mean
//! anomaly of a lunation in 2199, is about 26,000 radians. That reduction and its tables were
//! some 6 KB of the package's `.wasm`, unused. Within 1 ulp of the correctly rounded value,
//! as fdlibm; the astronomy is held to the committed year tables by a unit test that recomputes
//! them.

// The kernels and the reduction below are fdlibm's (origin: FreeBSD /usr/src/lib/msun/src/
// k_sin.c, k_cos.c, e_rem_pio2.c, by way of the `libm` crate), whose notice follows:
//
// ====================================================
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//
// Developed at SunSoft, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice
// is preserved.
// ====================================================

/// 1.5 / ε: adding it rounds a double to an integer (round to nearest).
const TO_INT: f64 = 1.5 / f64::EPSILON;
/// 2/π.
const INV_PIO2: f64 = std::f64::consts::FRAC_2_PI;
/// π/2 as PIO2_1 + PIO2_2 + PIO2_3 (33 bits each) and the tails of each partial sum (the
/// constants here and in the kernels by their bits, as fdlibm gives them).
const PIO2_1: f64 = f64::from_bits(0x3ff9_21fb_5440_0000);
const PIO2_1T: f64 = f64::from_bits(0x3dd0_b461_1a62_6331);
const PIO2_2: f64 = f64::from_bits(0x3dd0_b461_1a60_0000);
const PIO2_2T: f64 = f64::from_bits(0x3ba3_198a_2e03_7073);
const PIO2_3: f64 = f64::from_bits(0x3ba3_198a_2e00_0000);
const PIO2_3T: f64 = f64::from_bits(0x397b_839a_2520_49c1);

/// The high word of `x`'s bits without the sign.
fn high(x: f64) -> u32 {
    (x.to_bits() >> 32) as u32 & 0x7fff_ffff
}

/// `x` as `n·π/2 + (y0 + y1)` with `|y0 + y1| ≤ π/4` (fdlibm's `__rem_pio2`, medium case:
/// exact to 118 bits, or 151 after heavy cancellation), for `|x| < 2²⁰·π/2`.
fn rem_pio2(x: f64) -> (i32, f64, f64) {
    let f_n = (x * INV_PIO2 + TO_INT) - TO_INT;
    let n = f_n as i32;
    let mut r = x - f_n * PIO2_1;
    let mut w = f_n * PIO2_1T;
    let mut y0 = r - w;
    let ex = (high(x) >> 20) as i32;
    let ey = |y: f64| (y.to_bits() >> 52) as i32 & 0x7ff;
    if ex - ey(y0) > 16 {
        let t = r;
        w = f_n * PIO2_2;
        r = t - w;
        w = f_n * PIO2_2T - ((t - r) - w);
        y0 = r - w;
        if ex - ey(y0) > 49 {
            let t = r;
            w = f_n * PIO2_3;
            r = t - w;
            w = f_n * PIO2_3T - ((t - r) - w);
            y0 = r - w;
        }
    }
    (n, y0, (r - y0) - w)
}

/// sin(x + y) for `|x + y| ≤ π/4`, `y` the tail of `x` (`tail`: `y` is not zero).
fn k_sin(x: f64, y: f64, tail: bool) -> f64 {
    const S1: f64 = f64::from_bits(0xbfc5_5555_5555_5549);
    const S2: f64 = f64::from_bits(0x3f81_1111_1110_f8a6);
    const S3: f64 = f64::from_bits(0xbf2a_01a0_19c1_61d5);
    const S4: f64 = f64::from_bits(0x3ec7_1de3_57b1_fe7d);
    const S5: f64 = f64::from_bits(0xbe5a_e5e6_8a2b_9ceb);
    const S6: f64 = f64::from_bits(0x3de5_d93a_5acf_d57c);
    let z = x * x;
    let w = z * z;
    let r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
    let v = z * x;
    if tail {
        x - ((z * (0.5 * y - v * r) - y) - v * S1)
    } else {
        x + v * (S1 + z * r)
    }
}

/// cos(x + y) for `|x + y| ≤ π/4`, `y` the tail of `x`.
fn k_cos(x: f64, y: f64) -> f64 {
    const C1: f64 = f64::from_bits(0x3fa5_5555_5555_554c);
    const C2: f64 = f64::from_bits(0xbf56_c16c_16c1_5177);
    const C3: f64 = f64::from_bits(0x3efa_01a0_19cb_1590);
    const C4: f64 = f64::from_bits(0xbe92_7e4f_809c_52ad);
    const C5: f64 = f64::from_bits(0x3e21_ee9e_bdb4_b1c4);
    const C6: f64 = f64::from_bits(0xbda8_fae9_be88_38d4);
    let z = x * x;
    let w = z * z;
    let r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
    let hz = 0.5 * z;
    let w = 1.0 - hz;
    w + (((1.0 - w) - hz) + (z * r - x * y))
}

/// The sine of `x` radians (`|x| < 2²⁰·π/2`; NaN for NaN and infinities).
pub(super) fn sin(x: f64) -> f64 {
    let ix = high(x);
    if ix <= 0x3fe9_21fb {
        // |x| ≤ π/4 (and below 2⁻²⁶, x itself)
        return if ix < 0x3e50_0000 {
            x
        } else {
            k_sin(x, 0.0, false)
        };
    }
    if ix >= 0x7ff0_0000 {
        return f64::NAN;
    }
    let (n, y0, y1) = rem_pio2(x);
    match n & 3 {
        0 => k_sin(y0, y1, true),
        1 => k_cos(y0, y1),
        2 => -k_sin(y0, y1, true),
        _ => -k_cos(y0, y1),
    }
}

/// The cosine of `x` radians (`|x| < 2²⁰·π/2`; NaN for NaN and infinities).
pub(super) fn cos(x: f64) -> f64 {
    let ix = high(x);
    if ix <= 0x3fe9_21fb {
        // |x| ≤ π/4 (and below 2⁻²⁷·√2, 1)
        return if ix < 0x3e46_a09e { 1.0 } else { k_cos(x, 0.0) };
    }
    if ix >= 0x7ff0_0000 {
        return f64::NAN;
    }
    let (n, y0, y1) = rem_pio2(x);
    match n & 3 {
        0 => k_cos(y0, y1),
        1 => -k_sin(y0, y1, true),
        2 => -k_cos(y0, y1),
        _ => k_sin(y0, y1, true),
    }
}

#[cfg(test)]
mod tests {
    use super::{cos, sin};
    use proptest::prelude::*;

    /// The distance in units in the last place between two doubles of the same sign.
    fn ulps(a: f64, b: f64) -> u64 {
        if a == b {
            return 0;
        }
        let key = |x: f64| {
            let bits = x.to_bits() as i64;
            if bits < 0 {
                i64::MIN - bits
            } else {
                bits
            }
        };
        key(a).abs_diff(key(b))
    }

    /// Within 1 ulp of the platform's libm (glibc here: correctly rounded or nearly; a
    /// second implementation), or both within 2⁻⁶⁰ of zero.
    fn close(ours: f64, theirs: f64) -> bool {
        ulps(ours, theirs) <= 1 || (ours.abs() < 1e-18 && theirs.abs() < 1e-18)
    }

    proptest! {
        #[test]
        fn sin_and_cos_agree_with_the_platform(x in prop_oneof![
            -4.0f64..4.0,
            -30_000.0f64..30_000.0,
            -1.6e6f64..1.6e6,
            -1e-7f64..1e-7,
        ]) {
            prop_assert!(close(sin(x), x.sin()), "sin({x}): {} vs {}", sin(x), x.sin());
            prop_assert!(close(cos(x), x.cos()), "cos({x}): {} vs {}", cos(x), x.cos());
        }
    }

    #[test]
    fn hard_arguments() {
        // Near multiples of π/2, where the reduction cancels; signed zeros; the edges of each
        // branch; not-a-number.
        let pi = std::f64::consts::PI;
        let mut xs = vec![0.0, -0.0, 1e-300, 2f64.powi(-27), 0.785, 0.786, 1e5, -1e5];
        for k in 1..=40 {
            let m = f64::from(k) * pi / 2.0;
            let (up, down) = (
                f64::from_bits(m.to_bits() + 1),
                f64::from_bits(m.to_bits() - 1),
            );
            for x in [m, -m, up, down, f64::from(k) * 1e4 * pi] {
                xs.push(x);
            }
        }
        // fdlibm's test of a value near π (libm's `test_near_pi`).
        assert_eq!(
            sin(f64::from_bits(0x4009_21fb_000f_d5dd)),
            f64::from_bits(0x3ea5_0d15_ced1_a4a2)
        );
        for x in xs {
            assert!(
                close(sin(x), x.sin()),
                "sin({x}): {} vs {}",
                sin(x),
                x.sin()
            );
            assert!(
                close(cos(x), x.cos()),
                "cos({x}): {} vs {}",
                cos(x),
                x.cos()
            );
        }
        assert_eq!(sin(0.0).to_bits(), 0.0f64.to_bits());
        assert_eq!(sin(-0.0).to_bits(), (-0.0f64).to_bits());
        assert!(sin(f64::NAN).is_nan() && cos(f64::INFINITY).is_nan());
        assert!(sin(f64::NEG_INFINITY).is_nan());
    }
}
