//! Vietnam (mirrors `motcua::vn`): `Calendar.vietnam(options)`, the public-sector calendar with
//! official schedules, announced schedules supplied at run time, optional pending days and the
//! caller's overlay; `holidays(year)`; `scheduleStatus(year)`; `Calendar#scheduleInfo(year)`
//! and `Calendar#schedule(year)`.

use motcua::calendar::SpecDay;
use motcua::vn::{self, Preset, Schedules, VnOptions};
use motcua::{Error, ErrorKind};
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

use crate::calendar::Calendar;
use crate::convert::{number_arg, Obj};
use crate::error::{IntoJs, JsResult};
use crate::options::{bool_opt, options as read_options};
use crate::types::{
    HolidayList, HolidaysOptionsJs, NumberArg, ScheduleFileJs, ScheduleInfoJs, ScheduleStatusName,
    VnOptionsJs,
};

const KNOWN: &[&str] = &[
    "official",
    "include_pending",
    "closures",
    "working_days",
    "schedules",
];

/// The `schedules` option: a schedules file as an object (parsed JSON) or JSON text.
fn schedules_opt(map: &Map<String, Value>) -> motcua::Result<Option<Schedules>> {
    match map.get("schedules") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Schedules::from_json(text).map(Some),
        Some(v @ Value::Object(_)) => Schedules::from_json(&v.to_string()).map(Some),
        Some(_) => Err(Error::new(
            ErrorKind::InvalidArgument,
            "option `schedules` must be a schedules file: an object or its JSON text",
        )
        .in_field("schedules")),
    }
}

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

/// `Preset::holidays` as `{date, nameVi, nameEn, kind}[]`.
fn holiday_list(year: i32, preset: &Preset) -> motcua::Result<HolidayList> {
    let list = preset.holidays(year)?;
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
    /// until 1999-10-01, then Monday–Friday; statutory holidays by the law in force each year
    /// (24 November from 2026); compensatory days; the official schedules (swaps, make-up
    /// Saturdays) where announced. Options: `official` (default `true`; `false` = the statute
    /// alone), `includePending` (default `false`: arrangements reported without a decision
    /// found), `schedules` (announced years not in this release: a schedules file as an
    /// object or JSON text, the format of `schedule(year)`; each of its years replaces that
    /// year), and an overlay: `closures` (extra days off) and `workingDays` (one-off working
    /// days), each a list of dates or `{date, name}`.
    pub fn vietnam(options: Option<VnOptionsJs>) -> JsResult<Calendar> {
        let map = read_options(options.as_ref().map(AsRef::as_ref), "options", KNOWN).js()?;
        let mut preset = Preset::new(vn_options(&map).js()?).with_overlay(
            spec_days(&map, "closures").js()?,
            spec_days(&map, "working_days").js()?,
        );
        if let Some(s) = schedules_opt(&map).js()? {
            preset = preset.with_schedules(s);
        }
        let inner = preset.calendar().js()?;
        Ok(Calendar::with_vn(inner, preset))
    }

    /// The named days of Gregorian `year` on this calendar, in date order: `{date, nameVi,
    /// nameEn, kind}`. On a Vietnamese calendar, kind `statutory`, `compensatory`, `swapped`,
    /// `makeup_working_day`, `provisional` or `pending` (the overlay of `Calendar.vietnam` is
    /// not listed). On a calendar built from a spec, as the CLI's `holidays --calendar`: each
    /// entry of its `holidays`, `closures` and `workingDays` in `year`, kind the one the entry
    /// states, else `holiday`, `closure` or `makeup_working_day` by its list, its name (or
    /// `""`) in both name fields; a year outside the spec's range is `date_out_of_range`.
    pub fn holidays(&self, year: &NumberArg) -> JsResult<HolidayList> {
        let year = year_arg(year).js()?;
        match &self.vn {
            Some(preset) => holiday_list(year, preset).js(),
            None => {
                let days = self.inner.spec().listed_days(year).js()?;
                Ok(days
                    .iter()
                    .map(|d| {
                        let name = d.name.unwrap_or("");
                        let o = Obj::new();
                        o.set("date", d.date.to_string())
                            .set("nameVi", name)
                            .set("nameEn", name)
                            .set("kind", d.kind);
                        JsValue::from(o)
                    })
                    .collect::<js_sys::Array>()
                    .unchecked_into())
            }
        }
    }

    /// Where `year`'s schedule comes from on this (Vietnamese) calendar: `{year, status,
    /// source}` with status `official` / `provisional` / `statutory` and source `embedded`
    /// (this release's data), `file` (the `schedules` option) or `statute` (computed).
    #[wasm_bindgen(js_name = scheduleInfo)]
    pub fn schedule_info(&self, year: &NumberArg) -> JsResult<ScheduleInfoJs> {
        let info = self
            .preset()
            .js()?
            .schedule_info(year_arg(year).js()?)
            .js()?;
        let o = Obj::new();
        o.set("year", f64::from(info.year))
            .set("status", info.status.as_str())
            .set("source", info.source.as_str());
        Ok(JsValue::from(o).unchecked_into())
    }

    /// `year` of this (Vietnamese) calendar in the schedules-file format (`motcua schedule
    /// YEAR`): `{years: {"YYYY": {status, days_off, makeup_working_days, breaks, documents,
    /// verified, notes, pending?}}}`, to edit and pass back as `Calendar.vietnam({schedules})`.
    pub fn schedule(&self, year: &NumberArg) -> JsResult<ScheduleFileJs> {
        let text = self
            .preset()
            .js()?
            .schedule_json(year_arg(year).js()?)
            .js()?;
        let parsed = js_sys::JSON::parse(&text)
            .map_err(|_| crate::error::js_error(&Error::new(ErrorKind::InvalidJson, "schedule")))?;
        Ok(parsed.unchecked_into())
    }
}

impl Calendar {
    /// The Vietnamese preset, or an `invalid_argument` error for a calendar built from a spec.
    fn preset(&self) -> motcua::Result<&Preset> {
        self.vn.as_deref().ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidArgument,
                "this calendar was built from a spec, not the Vietnamese preset (use days() or \
                 daysOff())",
            )
        })
    }
}

/// The named days of Vietnam's public-sector `year` (see `Calendar.holidays`); options as
/// `Calendar.vietnam` (`official`, `includePending`, `schedules`).
#[wasm_bindgen]
pub fn holidays(year: &NumberArg, options: Option<HolidaysOptionsJs>) -> JsResult<HolidayList> {
    let map = read_options(
        options.as_ref().map(AsRef::as_ref),
        "options",
        &["official", "include_pending", "schedules"],
    )
    .js()?;
    let mut preset = Preset::new(vn_options(&map).js()?);
    if let Some(s) = schedules_opt(&map).js()? {
        preset = preset.with_schedules(s);
    }
    holiday_list(year_arg(year).js()?, &preset).js()
}

/// What `year`'s schedule is on the default Vietnamese calendar: `official` (an announced
/// schedule), `statutory` (computed, a past year) or `provisional` (computed, not yet
/// announced). With a schedules file: `Calendar#scheduleInfo`.
#[wasm_bindgen(js_name = scheduleStatus)]
pub fn schedule_status(year: &NumberArg) -> JsResult<ScheduleStatusName> {
    let s = vn::schedule_status(year_arg(year).js()?).js()?;
    Ok(JsValue::from_str(s.as_str()).unchecked_into())
}
