//! Vietnam (mirrors `motcua::vn`): `Calendar.vietnam(options)`, the public-sector calendar with
//! official schedules, optional pending days and the caller's overlay; `holidays(year)`;
//! `scheduleStatus(year)`.

use motcua::calendar::SpecDay;
use motcua::vn::{self, VnOptions};
use motcua::{Error, ErrorKind};
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

use crate::calendar::Calendar;
use crate::convert::{number_arg, Obj};
use crate::error::{IntoJs, JsResult};
use crate::options::{bool_opt, options as read_options};
use crate::types::{HolidayList, NumberArg, ScheduleStatusName, VnOptionsJs};

const KNOWN: &[&str] = &["official", "include_pending", "closures", "working_days"];

fn vn_options(map: &Map<String, Value>) -> motcua::Result<VnOptions> {
    Ok(VnOptions {
        official: bool_opt(map, "official", true)?,
        include_pending: bool_opt(map, "include_pending", false)?,
    })
}

fn spec_days(map: &Map<String, Value>, key: &str) -> motcua::Result<Vec<SpecDay>> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(v) => serde_json::from_value(v.clone()).map_err(|e| {
            Error::new(ErrorKind::InvalidSpec, format!("option `{key}`: {e}")).in_field(key)
        }),
    }
}

fn year_arg(year: &NumberArg) -> motcua::Result<i32> {
    let y = number_arg(year, "year")?;
    i32::try_from(y).map_err(|_| {
        Error::new(
            ErrorKind::DateOutOfRange,
            format!("year {y} is outside the Vietnamese calendar's range"),
        )
    })
}

/// `vn::holidays` as `{date, nameVi, nameEn, kind}[]`.
fn holiday_list(year: i32, opts: &VnOptions) -> motcua::Result<HolidayList> {
    let list = vn::holidays(year, opts)?;
    Ok(list
        .iter()
        .map(|h| {
            let o = Obj::new();
            o.set("date", h.date.to_string())
                .set("nameVi", h.name_vi.as_str())
                .set("nameEn", h.name_en.as_str())
                .set("kind", h.kind.as_str());
            JsValue::from(o)
        })
        .collect::<js_sys::Array>()
        .unchecked_into())
}

#[wasm_bindgen]
impl Calendar {
    /// The Vietnamese public-sector calendar, 1995-01-01..2199-12-31: Monday–Saturday week
    /// until 1999-10-01, then Monday–Friday; statutory holidays by the law in force each year;
    /// compensatory days; the official schedules (swaps, make-up Saturdays) where announced.
    /// Options: `official` (default `true`; `false` = the statute alone), `includePending`
    /// (default `false`), and an overlay: `closures` (extra days off) and `workingDays`
    /// (one-off working days), each a list of dates or `{date, name}`.
    pub fn vietnam(options: Option<VnOptionsJs>) -> JsResult<Calendar> {
        let map = read_options(options.as_ref().map(AsRef::as_ref), "options", KNOWN).js()?;
        let opts = vn_options(&map).js()?;
        let closures = spec_days(&map, "closures").js()?;
        let working = spec_days(&map, "working_days").js()?;
        let inner = if closures.is_empty() && working.is_empty() {
            vn::calendar(&opts)
        } else {
            vn::calendar_with_overlay(&opts, &closures, &working)
        }
        .js()?;
        Ok(Calendar::with_vn(
            inner,
            opts.official,
            opts.include_pending,
        ))
    }

    /// The named days of Gregorian `year` on this (Vietnamese) calendar, in date order:
    /// `{date, nameVi, nameEn, kind}` with kind `statutory`, `compensatory`, `swapped`,
    /// `makeup_working_day`, `provisional` or `pending`. The overlay of `Calendar.vietnam`
    /// is not listed. On a calendar built from a spec: an `invalid_argument` error.
    pub fn holidays(&self, year: &NumberArg) -> JsResult<HolidayList> {
        let Some((official, include_pending)) = self.vn else {
            return Err(crate::error::js_error(&Error::new(
                ErrorKind::InvalidArgument,
                "holidays(year) lists the Vietnamese calendar's days; this calendar was built \
                 from a spec (use days() or daysOff())",
            )));
        };
        let opts = VnOptions {
            official,
            include_pending,
        };
        holiday_list(year_arg(year).js()?, &opts).js()
    }
}

/// The named days of Vietnam's public-sector `year` (see `Calendar.holidays`); options as
/// `Calendar.vietnam` (`official`, `includePending`).
#[wasm_bindgen]
pub fn holidays(year: &NumberArg, options: Option<VnOptionsJs>) -> JsResult<HolidayList> {
    let map = read_options(
        options.as_ref().map(AsRef::as_ref),
        "options",
        &["official", "include_pending"],
    )
    .js()?;
    holiday_list(year_arg(year).js()?, &vn_options(&map).js()?).js()
}

/// Where `year`'s days off come from: `official` (an announced schedule), `statutory`
/// (computed, a past year) or `provisional` (computed, not yet announced).
#[wasm_bindgen(js_name = scheduleStatus)]
pub fn schedule_status(year: &NumberArg) -> JsResult<ScheduleStatusName> {
    let s = vn::schedule_status(year_arg(year).js()?).js()?;
    Ok(JsValue::from_str(s.as_str()).unchecked_into())
}
