//! The lunisolar calendar (mirrors `motcua::lunar`): `toLunar`, `fromLunar`, `canChi`,
//! `canChiEn`, `lunarNewYear`, `leapMonth`, `lunarMonthLength`. The Vietnamese calendar (UTC+7)
//! unless the options say `{utcOffsetMinutes: 480}` (the Chinese calendar) or another offset.

use std::cell::RefCell;

use motcua::lunar::{self, LunarCalendar, VIETNAM_UTC_OFFSET_MINUTES};
use motcua::{Error, ErrorKind};
use wasm_bindgen::prelude::*;

use crate::convert::{date_arg, number_arg, opt_bool_arg, Obj};
use crate::error::{IntoJs, JsResult};
use crate::options::{int_opt, options};
use crate::types::{BooleanArg, DateInput, LunarDateJs, LunarOptions, NumberArg};

thread_local! {
    /// Calendars at offsets other than UTC+7 / UTC+8 (computed once each, then reused; a few,
    /// so a list: a map type's code would weigh on the `.wasm`).
    static OTHER_OFFSETS: RefCell<Vec<(i32, LunarCalendar)>> = const { RefCell::new(Vec::new()) };
}

/// The lunar calendar the options ask for.
fn calendar(opts: Option<&LunarOptions>) -> motcua::Result<LunarCalendar> {
    let map = options(opts.map(AsRef::as_ref), "options", &["utc_offset_minutes"])?;
    let minutes =
        int_opt(&map, "utc_offset_minutes")?.map_or(Ok(VIETNAM_UTC_OFFSET_MINUTES), |m| {
            i32::try_from(m).map_err(|_| {
                Error::new(
                    ErrorKind::InvalidArgument,
                    format!("UTC offset of {m} minutes is outside -720..=840"),
                )
            })
        })?;
    if minutes == VIETNAM_UTC_OFFSET_MINUTES || minutes == lunar::CHINA_UTC_OFFSET_MINUTES {
        return LunarCalendar::with_utc_offset_minutes(minutes);
    }
    let known = |m: &Vec<(i32, LunarCalendar)>| {
        m.iter()
            .find(|(k, _)| *k == minutes)
            .map(|(_, c)| c.clone())
    };
    if let Some(c) = OTHER_OFFSETS.with(|m| known(&m.borrow())) {
        return Ok(c);
    }
    let c = LunarCalendar::with_utc_offset_minutes(minutes)?;
    OTHER_OFFSETS.with(|m| m.borrow_mut().push((minutes, c.clone())));
    Ok(c)
}

fn small(x: &NumberArg, what: &str) -> motcua::Result<u8> {
    let n = number_arg(x, what)?;
    u8::try_from(n).map_err(|_| {
        Error::new(
            ErrorKind::InvalidLunarDate,
            format!("lunar {what} {n} does not exist"),
        )
    })
}

fn lunar_year(x: &NumberArg) -> motcua::Result<i32> {
    let n = number_arg(x, "year")?;
    i32::try_from(n).map_err(|_| {
        Error::new(
            ErrorKind::DateOutOfRange,
            format!(
                "lunar year {n} is outside {}..={}",
                lunar::FIRST_YEAR,
                lunar::LAST_YEAR
            ),
        )
    })
}

/// The `leap` argument: `true`, `false` or absent (`false`).
fn leap_arg(leap: Option<&BooleanArg>) -> motcua::Result<bool> {
    Ok(opt_bool_arg(leap.map(AsRef::as_ref), "leap")?.unwrap_or(false))
}

/// The lunar date of `date`: `{year, month, day, leap}` (the year is the Gregorian year of its
/// Tết; a leap month repeats the number of the month before it).
#[wasm_bindgen(js_name = toLunar)]
pub fn to_lunar(date: &DateInput, options: Option<LunarOptions>) -> JsResult<LunarDateJs> {
    let d = date_arg(date, "date").js()?;
    let l = calendar(options.as_ref()).js()?.to_lunar(d).js()?;
    let o = Obj::new();
    o.set("year", l.year)
        .set("month", l.month)
        .set("day", l.day)
        .set("leap", l.leap);
    Ok(JsValue::from(o).unchecked_into())
}

/// The Gregorian date (`YYYY-MM-DD`) of a lunar date; `leap` (default `false`) picks the leap
/// month.
#[wasm_bindgen(js_name = fromLunar)]
pub fn from_lunar(
    year: &NumberArg,
    month: &NumberArg,
    day: &NumberArg,
    leap: Option<BooleanArg>,
    options: Option<LunarOptions>,
) -> JsResult<String> {
    let y = lunar_year(year).js()?;
    let m = small(month, "month").js()?;
    let d = small(day, "day").js()?;
    let cal = calendar(options.as_ref()).js()?;
    Ok(cal
        .from_lunar(y, m, d, leap_arg(leap.as_ref()).js()?)
        .js()?
        .to_string())
}

/// The Vietnamese sexagenary name of lunar `year`, e.g. `"Bính Ngọ"` for 2026.
#[wasm_bindgen(js_name = canChi)]
pub fn can_chi(year: &NumberArg) -> JsResult<String> {
    Ok(lunar::can_chi(lunar_year(year).js()?))
}

/// An English rendering of the sexagenary name, e.g. `"Fire Horse"` for 2026.
#[wasm_bindgen(js_name = canChiEn)]
pub fn can_chi_en(year: &NumberArg) -> JsResult<String> {
    Ok(lunar::can_chi_en(lunar_year(year).js()?))
}

/// Tết: the Gregorian date of day 1 of month 1 of lunar `year`.
#[wasm_bindgen(js_name = lunarNewYear)]
pub fn lunar_new_year(year: &NumberArg, options: Option<LunarOptions>) -> JsResult<String> {
    let y = lunar_year(year).js()?;
    let cal = calendar(options.as_ref()).js()?;
    Ok(cal.new_year(y).js()?.to_string())
}

/// The leap month of lunar `year` (a leap month follows month `n`), or `undefined`.
#[wasm_bindgen(js_name = leapMonth)]
pub fn leap_month(year: &NumberArg, options: Option<LunarOptions>) -> JsResult<Option<u8>> {
    let y = lunar_year(year).js()?;
    calendar(options.as_ref()).js()?.leap_month(y).js()
}

/// The number of days (29 or 30) of a lunar month.
#[wasm_bindgen(js_name = lunarMonthLength)]
pub fn lunar_month_length(
    year: &NumberArg,
    month: &NumberArg,
    leap: Option<BooleanArg>,
    options: Option<LunarOptions>,
) -> JsResult<u8> {
    let y = lunar_year(year).js()?;
    let m = small(month, "month").js()?;
    let cal = calendar(options.as_ref()).js()?;
    cal.month_length(y, m, leap_arg(leap.as_ref()).js()?).js()
}
