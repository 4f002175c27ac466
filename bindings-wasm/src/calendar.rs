//! `Calendar`: the JS face of [`motcua::WorkCalendar`] (mirrors `motcua::calendar`). Every
//! method converts its arguments, calls one core method and converts the answer.

use motcua::calendar::Broadcast;
use motcua::civil::{date_from_day_number, day_number};
use motcua::{CalendarSpec, ErrorKind, WorkCalendar};
use wasm_bindgen::prelude::*;

use crate::convert::{date_arg, int_arg, number_arg, to_json, Obj};
use crate::error::{IntoJs, JsResult};
use crate::types::{CalendarDays, DateInput, DayKindName, DaysOperand, NumberArg, SpecInput};

/// A compiled working-day calendar. Every query is O(1); the object is immutable.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Calendar {
    pub(crate) inner: WorkCalendar,
    /// The Vietnamese preset it was built from (options, run-time schedules, overlay); `None`
    /// for one built from a spec.
    pub(crate) vn: Option<Box<motcua::vn::Preset>>,
}

impl Calendar {
    pub(crate) fn new(inner: WorkCalendar) -> Calendar {
        Calendar { inner, vn: None }
    }

    pub(crate) fn with_vn(inner: WorkCalendar, preset: motcua::vn::Preset) -> Calendar {
        Calendar {
            inner,
            vn: Some(Box::new(preset)),
        }
    }
}

/// The scalar-or-array second operand of a bulk call.
enum Operand {
    Scalar(i64),
    Each(Vec<i32>),
}

fn operand(v: &JsValue, what: &str) -> motcua::Result<Operand> {
    if let Some(x) = v.as_f64() {
        return int_arg(x, what).map(Operand::Scalar);
    }
    if let Some(arr) = v.dyn_ref::<js_sys::Int32Array>() {
        return Ok(Operand::Each(arr.to_vec()));
    }
    Err(motcua::Error::new(
        ErrorKind::InvalidArgument,
        format!("`{what}` must be a number or an Int32Array"),
    ))
}

#[wasm_bindgen]
impl Calendar {
    /// A calendar from a spec: a JSON string or an object in the `--calendar FILE` format
    /// (`{weekmask, from, to, holidays, closures, working_days, weekmask_changes,
    /// office_hours}`; camelCase keys are accepted too).
    #[wasm_bindgen(js_name = fromSpec)]
    pub fn from_spec(spec: &SpecInput) -> JsResult<Calendar> {
        let text = match spec.as_string() {
            Some(s) => s,
            None => to_json(spec, "spec").js()?.to_string(),
        };
        let spec = CalendarSpec::from_json(&text).js()?;
        spec.compile().map(Calendar::new).js()
    }

    /// Another handle on the same calendar (cheap: the tables are shared).
    #[wasm_bindgen(js_name = clone)]
    pub fn handle(&self) -> Calendar {
        self.clone()
    }

    /// First date covered (`YYYY-MM-DD`).
    #[wasm_bindgen(getter)]
    pub fn from(&self) -> String {
        self.inner.from().to_string()
    }

    /// Last date covered (`YYYY-MM-DD`).
    #[wasm_bindgen(getter)]
    pub fn to(&self) -> String {
        self.inner.to().to_string()
    }

    /// Whether `date` is a working day.
    #[wasm_bindgen(js_name = isWorkingDay)]
    pub fn is_working_day(&self, date: &DateInput) -> JsResult<bool> {
        self.inner.is_working_day(date_arg(date, "date").js()?).js()
    }

    /// What `date` is: `working`, `weekly_rest`, `holiday`, `closure` or `makeup_working_day`.
    #[wasm_bindgen(js_name = dayKind)]
    pub fn day_kind(&self, date: &DateInput) -> JsResult<DayKindName> {
        let kind = self.inner.day_kind(date_arg(date, "date").js()?).js()?;
        Ok(JsValue::from_str(kind.as_str()).unchecked_into())
    }

    /// The name the calendar gives `date` (a holiday's name), or `undefined`.
    #[wasm_bindgen(js_name = dayName)]
    pub fn day_name(&self, date: &DateInput) -> JsResult<Option<String>> {
        let d = date_arg(date, "date").js()?;
        self.inner.day_kind(d).js()?; // range check
        Ok(self.inner.day_name(d).map(str::to_string))
    }

    /// For `n ≥ 1` the `n`-th working day strictly after `date` (the day itself is not counted);
    /// for `n ≤ −1` the `|n|`-th working day strictly before it; for `n = 0`, `date` if it is a
    /// working day, else the next one.
    #[wasm_bindgen(js_name = addWorkingDays)]
    pub fn add_working_days(&self, date: &DateInput, n: &NumberArg) -> JsResult<String> {
        let d = date_arg(date, "date").js()?;
        let n = number_arg(n, "n").js()?;
        Ok(self.inner.add_working_days(d, n).js()?.to_string())
    }

    /// The number of working days `d` with `a < d ≤ b`, negated when `b < a`.
    #[wasm_bindgen(js_name = workingDaysBetween)]
    pub fn working_days_between(&self, a: &DateInput, b: &DateInput) -> JsResult<f64> {
        let a = date_arg(a, "a").js()?;
        let b = date_arg(b, "b").js()?;
        Ok(self.inner.working_days_between(a, b).js()? as f64)
    }

    /// The first working day strictly after `date`.
    #[wasm_bindgen(js_name = nextWorkingDay)]
    pub fn next_working_day(&self, date: &DateInput) -> JsResult<String> {
        let d = date_arg(date, "date").js()?;
        Ok(self.inner.next_working_day(d).js()?.to_string())
    }

    /// The last working day strictly before `date`.
    #[wasm_bindgen(js_name = previousWorkingDay)]
    pub fn previous_working_day(&self, date: &DateInput) -> JsResult<String> {
        let d = date_arg(date, "date").js()?;
        Ok(self.inner.previous_working_day(d).js()?.to_string())
    }

    /// Every non-working date in `[from, to]` (weekends included), as ISO strings.
    #[wasm_bindgen(js_name = daysOff)]
    pub fn days_off(&self, from: &DateInput, to: &DateInput) -> JsResult<Vec<String>> {
        let a = date_arg(from, "from").js()?;
        let b = date_arg(to, "to").js()?;
        Ok(self
            .inner
            .days_off(a, b)
            .js()?
            .iter()
            .map(ToString::to_string)
            .collect())
    }

    /// Every day of `[from, to]` with its kind and name:
    /// `{date, kind, name?, working}[]` (for month views).
    pub fn days(&self, from: &DateInput, to: &DateInput) -> JsResult<CalendarDays> {
        let a = date_arg(from, "from").js()?;
        let b = date_arg(to, "to").js()?;
        if a > b {
            return Err(crate::error::js_error(&motcua::Error::new(
                ErrorKind::InvalidArgument,
                format!("range start {a} is after its end {b}"),
            )));
        }
        let out = js_sys::Array::new();
        for d in a.iter_days().take_while(|d| *d <= b) {
            let kind = self.inner.day_kind(d).js()?;
            let o = Obj::new();
            o.set("date", d.to_string())
                .set("kind", kind.as_str())
                .set("working", kind.is_working());
            if let Some(name) = self.inner.day_name(d) {
                o.set("name", name);
            }
            out.push(&o.into());
        }
        Ok(out.unchecked_into())
    }

    /// Bulk `addWorkingDays` over day numbers (days since 1970-01-01); `n` is one number for
    /// all or an `Int32Array` of the same length. `-2147483648` is missing in `days` and in an
    /// `Int32Array` `n` alike: that element's answer is missing (`-2147483648`); a number `n`
    /// is always a count. An error carries the `index` of the first bad element.
    #[wasm_bindgen(js_name = addWorkingDaysBulk)]
    pub fn add_working_days_bulk(&self, days: &[i32], n: &DaysOperand) -> JsResult<Vec<i32>> {
        let mut out = vec![0_i32; days.len()];
        match operand(n, "n").js()? {
            Operand::Scalar(k) => {
                self.inner
                    .add_working_days_bulk(days, Broadcast::Scalar(k), &mut out)
            }
            Operand::Each(ks) => {
                self.inner
                    .add_working_days_bulk(days, Broadcast::Each(&ks), &mut out)
            }
        }
        .js()?;
        Ok(out)
    }

    /// Bulk `workingDaysBetween`: `out[i]` = working days between `a[i]` and `b[i]` (or the one
    /// day number `b`).
    #[wasm_bindgen(js_name = workingDaysBetweenBulk)]
    pub fn working_days_between_bulk(&self, a: &[i32], b: &DaysOperand) -> JsResult<Vec<i32>> {
        let mut out = vec![0_i32; a.len()];
        match operand(b, "b").js()? {
            Operand::Scalar(k) => {
                // (-2^31 marks a missing element of an array: as the one `b`, every answer
                // would be missing without a word.)
                let k = i32::try_from(k)
                    .ok()
                    .filter(|&k| k != i32::MIN)
                    .ok_or_else(|| {
                        crate::error::js_error(&motcua::Error::new(
                            ErrorKind::DateOutOfRange,
                            format!("day number {k} is not a representable date"),
                        ))
                    })?;
                self.inner
                    .working_days_between_bulk(a, Broadcast::Scalar(k), &mut out)
            }
            Operand::Each(bs) => {
                self.inner
                    .working_days_between_bulk(a, Broadcast::Each(&bs), &mut out)
            }
        }
        .js()?;
        Ok(out)
    }

    /// Bulk `isWorkingDay`: 1 for a working day, 0 otherwise, 255 for a missing input.
    #[wasm_bindgen(js_name = isWorkingDayBulk)]
    pub fn is_working_day_bulk(&self, days: &[i32]) -> JsResult<Vec<u8>> {
        let mut out = vec![0_u8; days.len()];
        self.inner.is_working_day_bulk(days, &mut out, 255).js()?;
        Ok(out)
    }
}

/// Days since 1970-01-01 of a date (the unit of the bulk functions).
#[wasm_bindgen(js_name = dayNumber)]
pub fn day_number_of(date: &DateInput) -> JsResult<i32> {
    Ok(day_number(date_arg(date, "date").js()?))
}

/// The ISO date of a day number (days since 1970-01-01).
#[wasm_bindgen(js_name = dateFromDayNumber)]
pub fn date_of_day_number(n: &NumberArg) -> JsResult<String> {
    let n = number_arg(n, "n").js()?;
    Ok(date_from_day_number(n).js()?.to_string())
}
