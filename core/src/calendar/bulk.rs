//! The column versions of the calendar's queries ([`WorkCalendar::add_working_days_bulk`], ...):
//! day numbers in `i32` or `i64` slices ([`DayNumber`]), a second operand one for all or one
//! per element ([`Broadcast`]), missing values passed through, an error located at its index.

use super::WorkCalendar;
use crate::civil::date_from_day_number;
use crate::error::{Error, ErrorKind, Result};

/// A day number that bulk functions accept: `i32` (Arrow `date32`, JS `Int32Array`) or `i64`
/// (numpy `datetime64[D]`). The minimum value of the type is the "missing" sentinel (numpy's
/// `NaT` is `i64::MIN`): it passes through bulk functions unchanged.
pub trait DayNumber: Copy + Send + Sync + 'static {
    /// The missing-value sentinel (`NaT`).
    const MISSING: Self;
    /// Widens to `i64`.
    fn to_i64(self) -> i64;
    /// Narrows from `i64` (`None` when it does not fit).
    fn from_i64(v: i64) -> Option<Self>;
    /// Whether this is the missing sentinel.
    fn is_missing(self) -> bool;
}

impl DayNumber for i32 {
    const MISSING: i32 = i32::MIN;
    #[inline]
    fn to_i64(self) -> i64 {
        i64::from(self)
    }
    #[inline]
    fn from_i64(v: i64) -> Option<i32> {
        i32::try_from(v).ok()
    }
    #[inline]
    fn is_missing(self) -> bool {
        self == i32::MIN
    }
}

impl DayNumber for i64 {
    const MISSING: i64 = i64::MIN;
    #[inline]
    fn to_i64(self) -> i64 {
        self
    }
    #[inline]
    fn from_i64(v: i64) -> Option<i64> {
        Some(v)
    }
    #[inline]
    fn is_missing(self) -> bool {
        self == i64::MIN
    }
}

/// The second operand of a bulk call: one value for all elements, or one per element.
#[derive(Debug, Clone, Copy)]
pub enum Broadcast<'a, T> {
    /// The same value for every element.
    Scalar(T),
    /// One value per element (the slice must have the input's length).
    Each(&'a [T]),
}

impl<T: Copy> Broadcast<'_, T> {
    #[inline]
    fn get(&self, i: usize) -> Option<T> {
        match self {
            Broadcast::Scalar(v) => Some(*v),
            Broadcast::Each(s) => s.get(i).copied(),
        }
    }

    fn check_len(&self, len: usize) -> Result<()> {
        match self {
            Broadcast::Each(s) if s.len() != len => Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("operand has {} elements, input has {len}", s.len()),
            )),
            _ => Ok(()),
        }
    }
}

fn check_out_len(input: usize, out: usize) -> Result<()> {
    if input == out {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("output has {out} elements, input has {input}"),
        ))
    }
}

impl WorkCalendar {
    /// Bulk [`add_working_days`](WorkCalendar::add_working_days) over day numbers, writing into
    /// `out` (same length as `days`). Missing values ([`DayNumber::MISSING`], numpy `NaT`) give
    /// missing values. On error, returns it located at the index of the first bad element; the
    /// content of `out` is then unspecified.
    pub fn add_working_days_bulk<T: DayNumber, N: DayNumber>(
        &self,
        days: &[T],
        n: Broadcast<'_, N>,
        out: &mut [T],
    ) -> Result<()> {
        check_out_len(days.len(), out.len())?;
        n.check_len(days.len())?;
        for (i, (d, o)) in days.iter().zip(out.iter_mut()).enumerate() {
            let Some(k) = n.get(i) else { break };
            if d.is_missing() || k.is_missing() {
                *o = T::MISSING;
                continue;
            }
            let r = self
                .add_working_days_number(d.to_i64(), k.to_i64())
                .map_err(|e| e.at_index(i))?;
            *o = T::from_i64(r).ok_or_else(|| self.answer_out_of_range().at_index(i))?;
        }
        Ok(())
    }

    /// Bulk [`working_days_between`](WorkCalendar::working_days_between): `out[i]` = working
    /// days between `a[i]` and `b[i]` (or the scalar `b`). A missing input gives
    /// `O::MISSING`.
    pub fn working_days_between_bulk<T: DayNumber, O: DayNumber>(
        &self,
        a: &[T],
        b: Broadcast<'_, T>,
        out: &mut [O],
    ) -> Result<()> {
        check_out_len(a.len(), out.len())?;
        b.check_len(a.len())?;
        for (i, (x, o)) in a.iter().zip(out.iter_mut()).enumerate() {
            let Some(y) = b.get(i) else { break };
            if x.is_missing() || y.is_missing() {
                *o = O::MISSING;
                continue;
            }
            let r = self
                .working_days_between_numbers(x.to_i64(), y.to_i64())
                .map_err(|e| e.at_index(i))?;
            *o = O::from_i64(r).unwrap_or(O::MISSING);
        }
        Ok(())
    }

    /// Bulk [`is_working_day`](WorkCalendar::is_working_day): `out[i]` is 1 for a working day,
    /// 0 otherwise, and `missing` for a missing input.
    pub fn is_working_day_bulk<T: DayNumber>(
        &self,
        days: &[T],
        out: &mut [u8],
        missing: u8,
    ) -> Result<()> {
        // Written out, not through `map_days`: the WebAssembly build uses this one, and its
        // size budget is measured on this code.
        check_out_len(days.len(), out.len())?;
        for (i, (d, o)) in days.iter().zip(out.iter_mut()).enumerate() {
            if d.is_missing() {
                *o = missing;
                continue;
            }
            *o = u8::from(
                self.is_working_day_number(d.to_i64())
                    .map_err(|e| e.at_index(i))?,
            );
        }
        Ok(())
    }
}

/// `out[i] = f(days[i])`, `missing` for a missing day; an error is located at its index.
fn map_days<T: DayNumber, O>(
    days: &[T],
    out: &mut [O],
    missing: O,
    f: impl Fn(i64) -> Result<O>,
) -> Result<()>
where
    O: Copy,
{
    check_out_len(days.len(), out.len())?;
    for (i, (d, o)) in days.iter().zip(out.iter_mut()).enumerate() {
        *o = if d.is_missing() {
            missing
        } else {
            f(d.to_i64()).map_err(|e| e.at_index(i))?
        };
    }
    Ok(())
}

/// Day kinds and day names over many dates: the column versions of
/// [`day_kind`](WorkCalendar::day_kind) and [`day_name`](WorkCalendar::day_name) (a binding turns
/// the codes into a categorical column without a call per element).
impl WorkCalendar {
    /// Bulk [`day_kind`](WorkCalendar::day_kind): `out[i]` is the [`DayKind`](super::DayKind) of `days[i]` as
    /// its code (`kind as u8`, the position in [`DayKind::ALL`](super::DayKind::ALL)), and `missing` for a missing
    /// input. A date outside the calendar is a `date_out_of_range` error located at its index.
    ///
    /// ```
    /// use motcua::{CalendarSpec, DayKind};
    /// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// let cal = CalendarSpec::weekdays(d("2026-01-01"), d("2026-12-31")).compile()?;
    /// let days = [motcua::civil::day_number(d("2026-03-06")), i32::MIN, 20519]; // Fri, NaT, Sat
    /// let mut out = [0_u8; 3];
    /// cal.day_kind_bulk(&days, &mut out, u8::MAX)?;
    /// assert_eq!(out, [DayKind::Working as u8, u8::MAX, DayKind::WeeklyRest as u8]);
    /// # Ok::<(), motcua::Error>(())
    /// ```
    pub fn day_kind_bulk<T: DayNumber>(
        &self,
        days: &[T],
        out: &mut [u8],
        missing: u8,
    ) -> Result<()> {
        map_days(days, out, missing, |d| {
            self.day_kind_number(d).map(|k| k as u8)
        })
    }

    /// Bulk [`day_name`](WorkCalendar::day_name): `out[i]` is the position of the name of
    /// `days[i]` in the returned list of distinct names (in order of first appearance), or `-1`
    /// when the date has no name or is missing. As with `day_name`, a date outside the calendar
    /// has no name; a day number that is no date at all (beyond chrono's years) is an
    /// [`ErrorKind::DateOutOfRange`] error with its index.
    pub fn day_name_bulk<T: DayNumber>(&self, days: &[T], out: &mut [i32]) -> Result<Vec<&str>> {
        check_out_len(days.len(), out.len())?;
        let mut names: Vec<&str> = Vec::new();
        let mut seen: std::collections::HashMap<&str, i32> = std::collections::HashMap::new();
        for (i, (d, o)) in days.iter().zip(out.iter_mut()).enumerate() {
            *o = -1;
            if d.is_missing() {
                continue;
            }
            let date = date_from_day_number(d.to_i64()).map_err(|e| e.at_index(i))?;
            if let Some(name) = self.day_name(date) {
                *o = match seen.get(name) {
                    Some(&k) => k,
                    None => {
                        let k = i32::try_from(names.len()).map_err(|_| {
                            Error::new(ErrorKind::InvalidArgument, "too many distinct day names")
                        })?;
                        names.push(name);
                        seen.insert(name, k);
                        k
                    }
                };
            }
        }
        Ok(names)
    }
}
