//! Typed columns: the buffers a binding hands over instead of objects. A [`Column`] views
//! memory it does not own — integer timestamps of any unit (naive = Vietnam's wall clock,
//! offset-aware = converted to UTC+7), day numbers, UTF-8 strings as Arrow offset/byte
//! buffers or string views, dictionary codes, numbers, flags — with missing values given by an
//! Arrow validity bitmap, a byte mask, or a sentinel (numpy's `NaT`, `NaN`). A [`Table`] is
//! named columns of one length; [`Table::segments`] aligns columns split into chunks.
//!
//! Lengths are checked when a column is made; everything else (offsets, dictionary codes,
//! string views, UTF-8) when a cell is read, so that only the cells read are looked at (a
//! frame sliced in batches shares its buffers): a bad one is [`Cell::Malformed`], an error
//! naming the row and the column.
//!
//! ```
//! use motcua::civil::{Clock, TimeUnit};
//! use motcua::records::{Cell, Column, Table, Validity};
//! // 2026-03-02T02:30Z and a missing value, as an offset-aware Arrow timestamp[s] column
//! let stamps = [1_772_418_600_i64, 0];
//! let bits = [0b01_u8];
//! let received = Column::timestamps(&stamps, TimeUnit::Second, Clock::Utc)
//!     .with_validity(Validity::Bits { bits: &bits, offset: 0 })?;
//! let offsets = [0_i32, 3, 3];
//! let limits = Column::utf8(&offsets[..], b"3wd", Validity::All)?;
//! let table = Table::new(vec!["received".into(), "time_limit".into()], vec![received, limits])?;
//! assert_eq!(table.len(), 2);
//! assert_eq!(table.column(0).unwrap().cell(0).instant()?.unwrap().0.to_string(), "2026-03-02 09:30:00");
//! assert_eq!(table.column(0).unwrap().cell(1), Cell::Missing);
//! assert_eq!(table.column(1).unwrap().cell(1), Cell::Missing); // an empty string
//! # Ok::<(), motcua::Error>(())
//! ```

use super::cell::{Cell, OwnedCell};
use super::layout::Row;
use crate::civil::{date_from_day_number, wall_clock, wall_clock_parts, Clock, TimeUnit};
use crate::error::{Error, ErrorKind, Result};
use chrono::NaiveDate;
#[cfg(not(target_family = "wasm"))]
use chrono::{NaiveDateTime, NaiveTime};

fn malformed(msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidArgument, msg)
}

/// Integers of any width (dictionary codes, numeric columns).
#[derive(Debug, Clone, Copy)]
#[allow(missing_docs)]
pub enum Ints<'a> {
    I8(&'a [i8]),
    I16(&'a [i16]),
    I32(&'a [i32]),
    I64(&'a [i64]),
    U8(&'a [u8]),
    U16(&'a [u16]),
    U32(&'a [u32]),
    U64(&'a [u64]),
}

impl<'a> Ints<'a> {
    /// The number of values.
    pub fn len(&self) -> usize {
        match self {
            Ints::I8(v) => v.len(),
            Ints::I16(v) => v.len(),
            Ints::I32(v) => v.len(),
            Ints::I64(v) => v.len(),
            Ints::U8(v) => v.len(),
            Ints::U16(v) => v.len(),
            Ints::U32(v) => v.len(),
            Ints::U64(v) => v.len(),
        }
    }

    /// Whether there are no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Value `i` (a `u64` above `i64::MAX` saturates), `None` past the end.
    #[inline]
    pub fn get(&self, i: usize) -> Option<i64> {
        match self {
            Ints::I8(v) => v.get(i).map(|&x| i64::from(x)),
            Ints::I16(v) => v.get(i).map(|&x| i64::from(x)),
            Ints::I32(v) => v.get(i).map(|&x| i64::from(x)),
            Ints::I64(v) => v.get(i).copied(),
            Ints::U8(v) => v.get(i).map(|&x| i64::from(x)),
            Ints::U16(v) => v.get(i).map(|&x| i64::from(x)),
            Ints::U32(v) => v.get(i).map(|&x| i64::from(x)),
            Ints::U64(v) => v.get(i).map(|&x| i64::try_from(x).unwrap_or(i64::MAX)),
        }
    }

    /// Value `i` as a cell: [`Cell::Int`], or [`Cell::UInt`] for a `u64` above `i64::MAX`
    /// (never saturated: two such values are two groups, and a message quotes the value).
    #[inline]
    fn cell(&self, i: usize) -> Cell<'a> {
        match self {
            Ints::U64(v) => match v.get(i) {
                None => Cell::Missing,
                Some(&x) => i64::try_from(x).map_or(Cell::UInt(x), Cell::Int),
            },
            _ => self.get(i).map_or(Cell::Missing, Cell::Int),
        }
    }

    fn slice(&self, offset: usize, len: usize) -> Option<Ints<'a>> {
        let r = offset..offset.checked_add(len)?;
        Some(match self {
            Ints::I8(v) => Ints::I8(v.get(r)?),
            Ints::I16(v) => Ints::I16(v.get(r)?),
            Ints::I32(v) => Ints::I32(v.get(r)?),
            Ints::I64(v) => Ints::I64(v.get(r)?),
            Ints::U8(v) => Ints::U8(v.get(r)?),
            Ints::U16(v) => Ints::U16(v.get(r)?),
            Ints::U32(v) => Ints::U32(v.get(r)?),
            Ints::U64(v) => Ints::U64(v.get(r)?),
        })
    }
}

/// Which values of a column are present.
#[derive(Debug, Clone, Copy)]
pub enum Validity<'a> {
    /// Every value (but a sentinel of the values themselves, see [`Column`]: numpy's `NaT`).
    All,
    /// Every value, none of them a sentinel: an Arrow array without a validity bitmap (its
    /// nulls would be in one), whose `i64::MIN` timestamp is a value, out of range, not a
    /// missing one.
    AllExact,
    /// An Arrow validity bitmap: value `i` is present when bit `offset + i` (least significant
    /// bit first) of `bits` is set.
    Bits {
        /// The bitmap.
        bits: &'a [u8],
        /// The bit of value 0.
        offset: usize,
    },
    /// A byte mask, one per value (numpy / pandas masks): value `i` is missing when
    /// `mask[i] == missing`.
    Mask {
        /// The mask.
        mask: &'a [bool],
        /// The mask value that means missing (`true` for pandas' masked arrays).
        missing: bool,
    },
}

impl<'a> Validity<'a> {
    #[inline]
    fn present(&self, i: usize) -> bool {
        match *self {
            Validity::All | Validity::AllExact => true,
            Validity::Bits { bits, offset } => {
                let b = offset + i;
                bits.get(b / 8)
                    .is_some_and(|byte| byte & (1 << (b % 8)) != 0)
            }
            Validity::Mask { mask, missing } => mask.get(i).is_some_and(|&m| m != missing),
        }
    }

    /// Whether `i64::MIN` among timestamps and day numbers is missing (numpy's `NaT`): only
    /// without a validity of the source's own.
    #[inline]
    fn nat(&self) -> bool {
        matches!(self, Validity::All)
    }

    fn covers(&self, len: usize) -> bool {
        match *self {
            Validity::All | Validity::AllExact => true,
            Validity::Bits { bits, offset } => offset
                .checked_add(len)
                .is_some_and(|end| end.div_ceil(8) <= bits.len()),
            Validity::Mask { mask, .. } => mask.len() >= len,
        }
    }

    fn slice(&self, offset: usize) -> Validity<'a> {
        match *self {
            Validity::All => Validity::All,
            Validity::AllExact => Validity::AllExact,
            Validity::Bits { bits, offset: o } => Validity::Bits {
                bits,
                offset: o + offset,
            },
            Validity::Mask { mask, missing } => Validity::Mask {
                mask: mask.get(offset..).unwrap_or(&[]),
                missing,
            },
        }
    }
}

/// The offsets of a UTF-8 column (Arrow `utf8` / `large_utf8`).
#[derive(Debug, Clone, Copy)]
pub enum Offsets<'a> {
    /// 32-bit offsets.
    I32(&'a [i32]),
    /// 64-bit offsets.
    I64(&'a [i64]),
}

impl<'a> From<&'a [i32]> for Offsets<'a> {
    fn from(v: &'a [i32]) -> Offsets<'a> {
        Offsets::I32(v)
    }
}

impl<'a> From<&'a [i64]> for Offsets<'a> {
    fn from(v: &'a [i64]) -> Offsets<'a> {
        Offsets::I64(v)
    }
}

impl Offsets<'_> {
    fn len(&self) -> usize {
        match self {
            Offsets::I32(v) => v.len(),
            Offsets::I64(v) => v.len(),
        }
    }

    #[inline]
    fn get(&self, i: usize) -> Option<usize> {
        match self {
            Offsets::I32(v) => v.get(i).and_then(|&x| usize::try_from(x).ok()),
            Offsets::I64(v) => v.get(i).and_then(|&x| usize::try_from(x).ok()),
        }
    }
}

/// The values of a column.
#[derive(Debug, Clone)]
enum Values<'a> {
    Null,
    Timestamps {
        values: &'a [i64],
        unit: TimeUnit,
        clock: Clock,
    },
    Days32(&'a [i32]),
    Days64(&'a [i64]),
    Utf8 {
        offsets: Offsets<'a>,
        data: &'a [u8],
    },
    Views {
        views: &'a [u8],
        buffers: Vec<&'a [u8]>,
    },
    Dictionary {
        codes: Ints<'a>,
        values: Box<Column<'a>>,
    },
    Ints(Ints<'a>),
    Floats(&'a [f64]),
    Floats32(&'a [f32]),
    Bools {
        bits: &'a [u8],
        offset: usize,
    },
    BoolBytes(&'a [bool]),
    Cells(&'a [OwnedCell]),
}

/// One column of typed values, viewing buffers it does not own. Sentinels: a timestamp or a
/// day number equal to `i64::MIN` (numpy `NaT`) is missing, as is a float `NaN`.
#[derive(Debug, Clone)]
pub struct Column<'a> {
    values: Values<'a>,
    validity: Validity<'a>,
    len: usize,
}

/// The bytes of string view `i` (16 bytes per view: the length, then either the string
/// inline, 12 bytes at most, or a prefix, the buffer index and the offset of its bytes).
#[inline]
fn view_bytes<'a>(views: &'a [u8], buffers: &[&'a [u8]], i: usize) -> Option<&'a [u8]> {
    let v = views.get(i.checked_mul(16)?..)?.get(..16)?;
    let word = |k: usize| -> Option<usize> {
        let b: [u8; 4] = v.get(k..k + 4)?.try_into().ok()?;
        usize::try_from(u32::from_le_bytes(b)).ok()
    };
    let len = word(0)?;
    if len <= 12 {
        return v.get(4..4 + len);
    }
    let (buffer, offset) = (word(8)?, word(12)?);
    buffers.get(buffer)?.get(offset..offset.checked_add(len)?)
}

/// The strings of a batch already read, so that a value repeated down a column (a procedure
/// code, a field, an agency) is checked as UTF-8 once and then only compared byte for byte:
/// a string-view column's strings are not contiguous, and checking each one apart took a
/// tenth of a frame's report.
#[cfg(not(target_family = "wasm"))]
pub(super) struct SeenTexts<'a> {
    slots: [&'a str; 64],
}

#[cfg(not(target_family = "wasm"))]
impl<'a> SeenTexts<'a> {
    pub(super) fn new() -> SeenTexts<'a> {
        SeenTexts { slots: [""; 64] }
    }

    /// The text cell of `bytes`, as [`text_of`] gives it.
    #[inline]
    fn text(&mut self, bytes: &'a [u8]) -> Cell<'a> {
        let ends = crate::hash::ends(bytes);
        let h = crate::hash::ends_hash(bytes.len(), ends);
        let Some(slot) = self.slots.get_mut((h >> 58) as usize) else {
            return text_of(Some(bytes));
        };
        // (up to 16 bytes, the length and both ends are the whole string)
        if crate::hash::same(bytes, ends, slot.as_bytes()) {
            return Cell::text(slot);
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                *slot = s;
                Cell::text(s)
            }
            Err(_) => Cell::Malformed("not UTF-8 text"),
        }
    }
}

/// A text cell from bytes that should be UTF-8.
#[inline]
fn text_of(bytes: Option<&[u8]>) -> Cell<'_> {
    match bytes.map(std::str::from_utf8) {
        Some(Ok(s)) => Cell::text(s),
        Some(Err(_)) => Cell::Malformed("not UTF-8 text"),
        None => Cell::Malformed("a string past its buffer"),
    }
}

impl<'a> Column<'a> {
    fn new(values: Values<'a>, len: usize) -> Column<'a> {
        Column {
            values,
            validity: Validity::All,
            len,
        }
    }

    /// A column whose values are all missing (Arrow `null`).
    pub fn null(len: usize) -> Column<'a> {
        Column::new(Values::Null, len)
    }

    /// Timestamps: integers since 1970-01-01T00:00 in `unit`; with [`Clock::VietnamWall`]
    /// (a naive timestamp) the count is of Vietnam's wall clock, with [`Clock::Utc`] (a
    /// timestamp with any time zone) it is an instant, converted to UTC+7. `i64::MIN` is
    /// missing.
    pub fn timestamps(values: &'a [i64], unit: TimeUnit, clock: Clock) -> Column<'a> {
        Column::new(
            Values::Timestamps {
                values,
                unit,
                clock,
            },
            values.len(),
        )
    }

    /// Dates as day numbers (days since 1970-01-01; Arrow `date32`, polars `Date`).
    pub fn days32(values: &'a [i32]) -> Column<'a> {
        Column::new(Values::Days32(values), values.len())
    }

    /// Dates as day numbers (numpy `datetime64[D]`; `i64::MIN` is missing).
    pub fn days64(values: &'a [i64]) -> Column<'a> {
        Column::new(Values::Days64(values), values.len())
    }

    /// UTF-8 strings: string `i` is `data[offsets[i]..offsets[i + 1]]` (Arrow `utf8` and
    /// `large_utf8`). Errors (`invalid_argument`) for an empty offsets buffer or a validity
    /// buffer shorter than the column; offsets past the data and bytes that are not UTF-8
    /// make the cells read [`Cell::Malformed`].
    pub fn utf8(
        offsets: impl Into<Offsets<'a>>,
        data: &'a [u8],
        validity: Validity<'a>,
    ) -> Result<Column<'a>> {
        let offsets = offsets.into();
        if offsets.len() == 0 {
            return Err(malformed("a string column needs at least one offset"));
        }
        let col = Column {
            values: Values::Utf8 { offsets, data },
            validity,
            len: offsets.len() - 1,
        };
        col.check_validity()?;
        Ok(col)
    }

    /// Arrow string views (`string_view`, polars' strings): the views buffer (16 bytes per
    /// string) and the data buffers the long strings point into. Errors (`invalid_argument`)
    /// for a views buffer whose length is not a multiple of 16; a view past its buffer and
    /// bytes that are not UTF-8 make the cells read [`Cell::Malformed`].
    pub fn utf8_views(
        views: &'a [u8],
        buffers: &[&'a [u8]],
        validity: Validity<'a>,
    ) -> Result<Column<'a>> {
        if views.len() % 16 != 0 {
            return Err(malformed(
                "a string view buffer is not a multiple of 16 bytes",
            ));
        }
        let col = Column {
            values: Values::Views {
                views,
                buffers: buffers.to_vec(),
            },
            validity,
            len: views.len() / 16,
        };
        col.check_validity()?;
        Ok(col)
    }

    /// Dictionary codes into `values` (Arrow `dictionary`, pandas / polars categoricals; a
    /// negative code is missing, as pandas' `-1`; a code past the dictionary makes the cell
    /// [`Cell::Malformed`]).
    pub fn dictionary(
        codes: Ints<'a>,
        values: Column<'a>,
        validity: Validity<'a>,
    ) -> Result<Column<'a>> {
        let len = codes.len();
        let col = Column {
            values: Values::Dictionary {
                codes,
                values: Box::new(values),
            },
            validity,
            len,
        };
        col.check_validity()?;
        Ok(col)
    }

    /// Integers.
    pub fn ints(values: Ints<'a>) -> Column<'a> {
        let len = values.len();
        Column::new(Values::Ints(values), len)
    }

    /// Floating-point numbers (`NaN` is missing).
    pub fn floats(values: &'a [f64]) -> Column<'a> {
        Column::new(Values::Floats(values), values.len())
    }

    /// 32-bit floating-point numbers (`NaN` is missing).
    pub fn floats32(values: &'a [f32]) -> Column<'a> {
        Column::new(Values::Floats32(values), values.len())
    }

    /// Flags as an Arrow bit-packed buffer of `len` values from bit `offset`.
    pub fn bool_bits(bits: &'a [u8], offset: usize, len: usize) -> Result<Column<'a>> {
        if !(Validity::Bits { bits, offset }).covers(len) {
            return Err(malformed("a boolean buffer is shorter than its column"));
        }
        Ok(Column::new(Values::Bools { bits, offset }, len))
    }

    /// Flags, one byte each (numpy `bool`).
    pub fn bools(values: &'a [bool]) -> Column<'a> {
        Column::new(Values::BoolBytes(values), values.len())
    }

    /// Cells built by the caller (the objects of a JS array, the distinct values of a
    /// Python object column).
    pub fn cells(values: &'a [OwnedCell]) -> Column<'a> {
        Column::new(Values::Cells(values), values.len())
    }

    /// The same values, with the missing ones given by `validity`. Errors when the validity
    /// is shorter than the column.
    pub fn with_validity(mut self, validity: Validity<'a>) -> Result<Column<'a>> {
        self.validity = validity;
        self.check_validity()?;
        Ok(self)
    }

    fn check_validity(&self) -> Result<()> {
        if self.validity.covers(self.len) {
            Ok(())
        } else {
            Err(malformed("a validity buffer is shorter than its column"))
        }
    }

    /// The number of values.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the column has no values.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Values `offset..offset + len` (no copy). Errors past the end.
    pub fn slice(&self, offset: usize, len: usize) -> Result<Column<'a>> {
        let end = offset
            .checked_add(len)
            .filter(|&e| e <= self.len)
            .ok_or_else(|| malformed("a slice past the end of a column"))?;
        let r = offset..end;
        let short = || malformed("a column buffer is shorter than the column");
        let values = match &self.values {
            Values::Null => Values::Null,
            Values::Timestamps {
                values,
                unit,
                clock,
            } => Values::Timestamps {
                values: values.get(r).ok_or_else(short)?,
                unit: *unit,
                clock: *clock,
            },
            Values::Days32(v) => Values::Days32(v.get(r).ok_or_else(short)?),
            Values::Days64(v) => Values::Days64(v.get(r).ok_or_else(short)?),
            Values::Utf8 { offsets, data } => Values::Utf8 {
                offsets: match offsets {
                    Offsets::I32(o) => Offsets::I32(o.get(offset..=end).ok_or_else(short)?),
                    Offsets::I64(o) => Offsets::I64(o.get(offset..=end).ok_or_else(short)?),
                },
                data,
            },
            Values::Views { views, buffers } => Values::Views {
                views: views.get(offset * 16..end * 16).ok_or_else(short)?,
                buffers: buffers.clone(),
            },
            Values::Dictionary { codes, values } => Values::Dictionary {
                codes: codes.slice(offset, len).ok_or_else(short)?,
                values: values.clone(),
            },
            Values::Ints(v) => Values::Ints(v.slice(offset, len).ok_or_else(short)?),
            Values::Floats(v) => Values::Floats(v.get(r).ok_or_else(short)?),
            Values::Floats32(v) => Values::Floats32(v.get(r).ok_or_else(short)?),
            Values::Bools { bits, offset: o } => Values::Bools {
                bits,
                offset: o + offset,
            },
            Values::BoolBytes(v) => Values::BoolBytes(v.get(r).ok_or_else(short)?),
            Values::Cells(v) => Values::Cells(v.get(r).ok_or_else(short)?),
        };
        Ok(Column {
            values,
            validity: self.validity.slice(offset),
            len,
        })
    }

    /// Cell `i` ([`Cell::Missing`] past the end). A timestamp that is not a representable
    /// date is [`Cell::Int`] (so that reading it as an instant fails, naming the value).
    #[inline]
    pub fn cell(&self, i: usize) -> Cell<'a> {
        if i >= self.len || !self.validity.present(i) {
            return Cell::Missing;
        }
        match &self.values {
            Values::Null => Cell::Missing,
            Values::Timestamps {
                values,
                unit,
                clock,
            } => match values.get(i) {
                None => Cell::Missing,
                Some(&i64::MIN) if self.validity.nat() => Cell::Missing,
                Some(&v) => wall_clock(v, *unit, *clock).map_or(Cell::Int(v), Cell::Instant),
            },
            Values::Days32(v) => v.get(i).map_or(Cell::Missing, |&d| day(i64::from(d))),
            Values::Days64(v) => match v.get(i) {
                None => Cell::Missing,
                Some(&i64::MIN) if self.validity.nat() => Cell::Missing,
                Some(&d) => day(d),
            },
            Values::Utf8 { offsets, data } => match (offsets.get(i), offsets.get(i + 1)) {
                (Some(a), Some(b)) => text_of(data.get(a..b)),
                _ => Cell::Malformed("an offset past its buffer"),
            },
            Values::Views { views, buffers } => text_of(view_bytes(views, buffers, i)),
            Values::Dictionary { codes, values } => match codes.get(i) {
                Some(c) if c < 0 => Cell::Missing,
                Some(c) => match usize::try_from(c) {
                    Ok(c) if c < values.len() => values.cell(c),
                    _ => Cell::Malformed("a dictionary code past the dictionary"),
                },
                None => Cell::Missing,
            },
            Values::Ints(v) => v.cell(i),
            Values::Floats(v) => v.get(i).map_or(Cell::Missing, |&x| Cell::float(x)),
            Values::Floats32(v) => v.get(i).map_or(Cell::Missing, |&x| Cell::float(widen(x))),
            Values::Bools { bits, offset } => {
                let b = offset + i;
                bits.get(b / 8)
                    .map_or(Cell::Missing, |byte| Cell::Bool(byte & (1 << (b % 8)) != 0))
            }
            Values::BoolBytes(v) => v.get(i).map_or(Cell::Missing, |&b| Cell::Bool(b)),
            Values::Cells(v) => v.get(i).map_or(Cell::Missing, OwnedCell::cell),
        }
    }
}

fn day<'a>(n: i64) -> Cell<'a> {
    date_from_day_number(n).map_or(Cell::Int(n), Cell::Date)
}

/// `out` ← the cells `start..end` given by `value` (each present one), in one tight loop.
#[inline]
fn fill<'a>(
    out: &mut Vec<Cell<'a>>,
    validity: &Validity<'_>,
    start: usize,
    end: usize,
    mut value: impl FnMut(usize) -> Cell<'a>,
) {
    match validity {
        Validity::All | Validity::AllExact => out.extend((start..end).map(value)),
        // A bitmap a byte at a time: a byte of missing values (most of an event column's) is
        // eight missing cells at once, without testing each bit.
        #[cfg(not(target_family = "wasm"))]
        &Validity::Bits { bits, offset } => {
            let mut i = start;
            while i < end {
                let b = offset + i;
                // (a byte past the bitmap: missing, as `present` reads it)
                let byte = bits.get(b / 8).copied().unwrap_or(0) >> (b % 8);
                let n = (8 - b % 8).min(end - i);
                if byte == 0 {
                    out.extend(std::iter::repeat_n(Cell::Missing, n));
                } else {
                    out.extend((i..i + n).map(|j| {
                        if byte & (1 << (j - i)) != 0 {
                            value(j)
                        } else {
                            Cell::Missing
                        }
                    }));
                }
                i += n;
            }
        }
        v => out.extend((start..end).map(|i| {
            if v.present(i) {
                value(i)
            } else {
                Cell::Missing
            }
        })),
    }
}

impl<'a> Column<'a> {
    /// Cells `start..end` (clipped to the column) into `out`, emptied first: what
    /// [`cell`](Column::cell) gives, a column at a time (the kind of the values is looked at
    /// once, not once per cell).
    pub fn cells_into(&self, start: usize, end: usize, out: &mut Vec<Cell<'a>>) {
        out.clear();
        let end = end.min(self.len);
        if start >= end {
            return;
        }
        let v = &self.validity;
        match &self.values {
            Values::Null => out.extend((start..end).map(|_| Cell::Missing)),
            Values::Timestamps {
                values,
                unit,
                clock,
            } => {
                let nat = v.nat();
                // The date of the last day number read: a column's instants are mostly of a
                // few days at a time (a day number is never i64::MIN: none read yet).
                let mut last = (i64::MIN, NaiveDate::MIN);
                fill(out, v, start, end, |i| match values.get(i) {
                    None => Cell::Missing,
                    Some(&i64::MIN) if nat => Cell::Missing,
                    Some(&x) => {
                        let (days, time) = wall_clock_parts(x, *unit, *clock);
                        if days != last.0 {
                            // What `wall_clock` gives: a day that is no date is the integer.
                            match date_from_day_number(days) {
                                Ok(d) => last = (days, d),
                                Err(_) => return Cell::Int(x),
                            }
                        }
                        Cell::Instant(last.1.and_time(time))
                    }
                })
            }
            // (Not in WebAssembly, whose package hands over no string buffers: a smaller .wasm.)
            #[cfg(not(target_family = "wasm"))]
            Values::Views { views, buffers } => {
                let mut seen = SeenTexts::new();
                fill(out, v, start, end, |i| {
                    match view_bytes(views, buffers, i) {
                        Some(bytes) => seen.text(bytes),
                        None => text_of(None),
                    }
                })
            }
            #[cfg(not(target_family = "wasm"))]
            Values::Utf8 { offsets, data } => {
                let bytes = offsets
                    .get(start)
                    .zip(offsets.get(end))
                    .and_then(|(a, b)| Some((a, data.get(a..b)?)));
                if !bytes.is_some_and(|(_, b)| b.is_ascii()) {
                    // Text beyond ASCII (names, fields), whose checking as UTF-8 goes a
                    // character at a time: each value checked once, as a view column's are.
                    let mut seen = SeenTexts::new();
                    return fill(out, v, start, end, |i| {
                        match (offsets.get(i), offsets.get(i + 1)) {
                            (Some(a), Some(b)) => match data.get(a..b) {
                                Some(bytes) => seen.text(bytes),
                                None => text_of(None),
                            },
                            _ => Cell::Malformed("an offset past its buffer"),
                        }
                    });
                }
                // ASCII (codes, labels): the batch's bytes checked as UTF-8 at once; each
                // string is then a slice of them, which starts and ends on a character boundary
                // or is read alone.
                let batch = bytes.and_then(|(a, b)| Some((a, std::str::from_utf8(b).ok()?)));
                fill(out, v, start, end, |i| {
                    match (offsets.get(i), offsets.get(i + 1)) {
                        (Some(a), Some(b)) => batch
                            .and_then(|(base, text)| {
                                text.get(a.checked_sub(base)?..b.checked_sub(base)?)
                            })
                            .map_or_else(|| text_of(data.get(a..b)), Cell::text),
                        _ => Cell::Malformed("an offset past its buffer"),
                    }
                })
            }
            Values::Dictionary { codes, values } if values.len() <= end - start => {
                // A dictionary no longer than the batch (categories) is decoded once, not
                // once per code.
                let mut dict = Vec::with_capacity(values.len());
                values.cells_into(0, values.len(), &mut dict);
                fill(out, v, start, end, |i| match codes.get(i) {
                    Some(c) if c < 0 => Cell::Missing,
                    Some(c) => usize::try_from(c)
                        .ok()
                        .and_then(|c| dict.get(c).copied())
                        .unwrap_or(Cell::Malformed("a dictionary code past the dictionary")),
                    None => Cell::Missing,
                })
            }
            _ => fill(out, v, start, end, |i| self.cell(i)),
        }
    }
}

/// A day number and its date, to start [`Column::instant_at`]'s memo with.
#[cfg(not(target_family = "wasm"))]
pub(super) const FIRST_DAY: (i64, NaiveDate) = match NaiveDate::from_ymd_opt(1970, 1, 1) {
    Some(d) => (0, d),
    None => (i64::MIN, NaiveDate::MIN),
};

/// Which values of a column are present (its validity, within its length), read 64 rows at a
/// time for the direct reader of plain rows, which reads the rows in order: a row's test is a
/// shift of the word of its 64 rows (the validity's own test, per value, was a tenth of a
/// frame's record). A property test holds it to the validity's test.
#[cfg(not(target_family = "wasm"))]
#[derive(Debug, Clone)]
pub(super) struct Presence<'a> {
    validity: Validity<'a>,
    len: usize,
    /// The block of 64 rows `word` is of (`usize::MAX`: none yet).
    block: usize,
    /// Bit `k`: row `64 * block + k` is present.
    word: u64,
}

#[cfg(not(target_family = "wasm"))]
impl<'a> Presence<'a> {
    /// The presence of `column`'s values.
    pub(super) fn of(column: &Column<'a>) -> Presence<'a> {
        Presence {
            validity: column.validity,
            len: column.len,
            block: usize::MAX,
            word: 0,
        }
    }

    /// Whether row `i` is within the column and present by its validity.
    #[inline(always)]
    pub(super) fn get(&mut self, i: usize) -> bool {
        let block = i / 64;
        if block != self.block {
            self.block = block;
            self.word = self.word_of(block);
        }
        (self.word >> (i % 64)) & 1 != 0
    }

    /// The presence of the 64 rows of `block`.
    fn word_of(&self, block: usize) -> u64 {
        let Some(start) = block.checked_mul(64).filter(|&s| s < self.len) else {
            return 0;
        };
        let within = match self.len - start {
            n @ 0..=63 => (1u64 << n) - 1,
            _ => u64::MAX,
        };
        let word = match self.validity {
            Validity::All | Validity::AllExact => u64::MAX,
            Validity::Bits { bits, offset } => match offset.checked_add(start) {
                // 64 bits from bit `b` (bytes past the bitmap: absent, as `present` reads them).
                Some(b) => {
                    let mut buf = [0u8; 16];
                    let from = bits.get(b / 8..).unwrap_or(&[]);
                    let n = from.len().min(9);
                    if let (Some(to), Some(from)) = (buf.get_mut(..n), from.get(..n)) {
                        to.copy_from_slice(from);
                    }
                    (u128::from_le_bytes(buf) >> (b % 8)) as u64
                }
                None => 0,
            },
            Validity::Mask { .. } => (0..64)
                .filter(|&k| self.validity.present(start + k))
                .fold(0, |w, k| w | 1 << k),
        };
        word & within
    }
}

/// What the direct reader of plain rows ([`Direct`](super::direct::Direct)) can take of a
/// column straight from its buffers.
#[cfg(not(target_family = "wasm"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// No values.
    Null,
    /// Instants or dates (timestamps, day numbers).
    Instants,
    /// Text (UTF-8 offsets or string views).
    Text,
    /// Anything else (numbers, flags, dictionaries, objects): the general reader's.
    Other,
}

/// Cell `i` of a column read straight from its buffers, for the direct reader of plain rows:
/// each gives what [`Column::cell`] gives, `Some(None)` for [`Cell::Missing`] and `None` for a
/// cell it does not take (malformed, or of another kind), which the general reader then reads
/// and reports. A property test holds them to [`Column::cell`].
#[cfg(not(target_family = "wasm"))]
impl<'a> Column<'a> {
    /// The kind of the column's values.
    pub(super) fn kind(&self) -> Kind {
        match &self.values {
            Values::Null => Kind::Null,
            Values::Timestamps { .. } | Values::Days32(_) | Values::Days64(_) => Kind::Instants,
            Values::Utf8 { .. } | Values::Views { .. } => Kind::Text,
            // Objects or a dictionary (pandas' object and categorical columns) of text alone.
            Values::Cells(v)
                if v.iter()
                    .all(|c| matches!(c, OwnedCell::Text(_) | OwnedCell::Missing)) =>
            {
                Kind::Text
            }
            Values::Dictionary { values, .. } => match values.kind() {
                Kind::Text | Kind::Null => Kind::Text,
                _ => Kind::Other,
            },
            _ => Kind::Other,
        }
    }

    /// Cell `i` when missing or an instant or a date (a date at 00:00, as
    /// [`Cell::instant`] reads it); `last` holds the day last turned into a date and its day
    /// number (start with [`FIRST_DAY`]).
    #[inline(always)]
    pub(super) fn instant_at(
        &self,
        i: usize,
        last: &mut (i64, NaiveDate),
        present: &mut Presence<'a>,
    ) -> Option<Option<NaiveDateTime>> {
        if !present.get(i) {
            return Some(None);
        }
        let (days, time) = match &self.values {
            Values::Null => return Some(None),
            Values::Timestamps {
                values,
                unit,
                clock,
            } => match values.get(i) {
                None => return Some(None),
                Some(&i64::MIN) if self.validity.nat() => return Some(None),
                Some(&x) => wall_clock_parts(x, *unit, *clock),
            },
            Values::Days32(v) => match v.get(i) {
                None => return Some(None),
                Some(&d) => (i64::from(d), NaiveTime::MIN),
            },
            Values::Days64(v) => match v.get(i) {
                None => return Some(None),
                Some(&i64::MIN) if self.validity.nat() => return Some(None),
                Some(&d) => (d, NaiveTime::MIN),
            },
            _ => return None,
        };
        if days != last.0 {
            // (most instants of a column are in the year of the one before)
            *last = (days, crate::civil::date_near(days, last.1, last.0).ok()?);
        }
        Some(Some(last.1.and_time(time)))
    }

    /// Cell `i` when missing or a date: a date, or an instant's date (as [`Cell::date`] reads
    /// them).
    #[inline(always)]
    pub(super) fn date_at(
        &self,
        i: usize,
        last: &mut (i64, NaiveDate),
        present: &mut Presence<'a>,
    ) -> Option<Option<NaiveDate>> {
        Some(self.instant_at(i, last, present)?.map(|t| t.date()))
    }

    /// The bytes of cell `i` of a text column, `Some(None)` when missing (before they are
    /// checked as UTF-8 and trimmed: see [`text_of_bytes`]).
    #[inline(always)]
    pub(super) fn bytes_at(
        &self,
        i: usize,
        present: &mut Presence<'a>,
    ) -> Option<Option<&'a [u8]>> {
        if !present.get(i) {
            return Some(None);
        }
        self.bytes_of(i)
    }

    /// [`bytes_at`](Column::bytes_at) of a value that is present (by the validity).
    #[inline(always)]
    fn bytes_of(&self, i: usize) -> Option<Option<&'a [u8]>> {
        Some(Some(match &self.values {
            Values::Null => return Some(None),
            Values::Utf8 { offsets, data } => data.get(offsets.get(i)?..offsets.get(i + 1)?)?,
            Values::Views { views, buffers } => view_bytes(views, buffers, i)?,
            Values::Cells(v) => match v.get(i) {
                Some(OwnedCell::Text(s)) => s.as_bytes(),
                Some(OwnedCell::Missing) | None => return Some(None),
                Some(_) => return None,
            },
            Values::Dictionary { codes, values } => {
                return match codes.get(i) {
                    None => Some(None),
                    Some(c) if c < 0 => Some(None),
                    Some(c) => match usize::try_from(c) {
                        Ok(c) if c < values.len() => match values.validity.present(c) {
                            true => values.bytes_of(c),
                            false => Some(None),
                        },
                        _ => None,
                    },
                }
            }
            _ => return None,
        }))
    }

    /// Cell `i` when missing or text (trimmed: white space alone is missing), each value
    /// checked as UTF-8 once in `seen`.
    #[inline(always)]
    pub(super) fn text_at(
        &self,
        i: usize,
        seen: &mut SeenTexts<'a>,
        present: &mut Presence<'a>,
    ) -> Option<Option<&'a str>> {
        match self.bytes_at(i, present)? {
            None => Some(None),
            Some(bytes) => text_of_bytes(bytes, seen),
        }
    }
}

/// The text of a text column's cell of `bytes` as [`Column::cell`] gives it (`Some(None)`:
/// white space alone, missing; `None`: not UTF-8), checked as UTF-8 once in `seen`.
#[cfg(not(target_family = "wasm"))]
#[inline(always)]
pub(super) fn text_of_bytes<'a>(
    bytes: &'a [u8],
    seen: &mut SeenTexts<'a>,
) -> Option<Option<&'a str>> {
    match seen.text(bytes) {
        Cell::Text(s) => Some(Some(s)),
        Cell::Missing => Some(None),
        _ => None,
    }
}

#[cfg(not(target_family = "wasm"))]
impl<'a> Column<'a> {}

/// Named columns of one length: a frame, a record batch, an array of objects.
#[derive(Debug, Clone)]
pub struct Table<'a> {
    names: Vec<String>,
    columns: Vec<Column<'a>>,
    len: usize,
}

impl<'a> Table<'a> {
    /// A table of `columns` named `names`. Errors (`invalid_argument`) when the counts or the
    /// lengths differ.
    pub fn new(names: Vec<String>, columns: Vec<Column<'a>>) -> Result<Table<'a>> {
        if names.len() != columns.len() {
            return Err(malformed("one name per column is needed"));
        }
        let len = columns.first().map_or(0, Column::len);
        if let Some((n, c)) = names.iter().zip(&columns).find(|(_, c)| c.len() != len) {
            return Err(malformed(format!(
                "column `{n}` has {} values, the first column {len}",
                c.len()
            )));
        }
        Ok(Table {
            names,
            columns,
            len,
        })
    }

    /// Aligned tables from columns each split into chunks (Arrow chunked arrays, whose chunk
    /// boundaries may differ from column to column): one table per run of rows in which every
    /// column is one chunk, in row order. Errors when the columns differ in length.
    pub fn segments(names: Vec<String>, chunked: Vec<Vec<Column<'a>>>) -> Result<Vec<Table<'a>>> {
        if names.len() != chunked.len() {
            return Err(malformed("one name per column is needed"));
        }
        // (Checked: chunks whose lengths sum past `usize` are not a column.)
        let total = |c: &Vec<Column<'a>>| {
            c.iter()
                .try_fold(0usize, |sum, col| sum.checked_add(col.len()))
                .unwrap_or(usize::MAX)
        };
        let len = chunked.first().map_or(0, total);
        if len == usize::MAX {
            return Err(malformed("chunks too long"));
        }
        if let Some((n, c)) = names.iter().zip(&chunked).find(|(_, c)| total(c) != len) {
            return Err(malformed(format!(
                "column `{n}` has {} values, the first column {len}",
                total(c)
            )));
        }
        // Every chunk boundary of every column.
        let mut cuts: Vec<usize> = chunked
            .iter()
            .flat_map(|c| {
                c.iter().scan(0usize, |end, col| {
                    *end += col.len();
                    Some(*end)
                })
            })
            .chain([0, len])
            .collect();
        crate::sort::sort(&mut cuts);
        cuts.dedup();
        let mut out = Vec::with_capacity(cuts.len());
        for w in cuts.windows(2) {
            let &[start, end] = <&[usize; 2]>::try_from(w).map_err(|_| malformed("cuts"))?;
            let mut columns = Vec::with_capacity(chunked.len());
            for chunks in &chunked {
                // The chunk holding rows start..end.
                let mut at = 0usize;
                let mut found = None;
                for c in chunks {
                    if start >= at && end <= at + c.len() {
                        found = Some(c.slice(start - at, end - start)?);
                        break;
                    }
                    at += c.len();
                }
                columns.push(found.ok_or_else(|| malformed("misaligned chunks"))?);
            }
            out.push(Table {
                names: names.clone(),
                columns,
                len: end - start,
            });
        }
        if out.is_empty() {
            out.push(Table {
                names: names.clone(),
                columns: chunked
                    .iter()
                    .map(|c| c.first().cloned().unwrap_or_else(|| Column::null(0)))
                    .collect(),
                len: 0,
            });
        }
        Ok(out)
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The column names.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Column `j`.
    pub fn column(&self, j: usize) -> Option<&Column<'a>> {
        self.columns.get(j)
    }

    /// Row `i`, for [`Layout::read`](super::Layout::read).
    pub fn row(&self, i: usize) -> TableRow<'_, 'a> {
        TableRow { table: self, i }
    }
}

/// One row of a [`Table`].
#[derive(Debug, Clone, Copy)]
pub struct TableRow<'t, 'a> {
    table: &'t Table<'a>,
    i: usize,
}

impl Row for TableRow<'_, '_> {
    #[inline]
    fn cell(&self, column: usize) -> Cell<'_> {
        self.table
            .columns
            .get(column)
            .map_or(Cell::Missing, |c| c.cell(self.i))
    }
}

/// A float32 value as the number it stands for: the shortest decimal that reads back as it
/// (`0.1f32` is 0.1, not 0.10000000149011612, its exact binary value), so that a float32
/// column groups and reads as the same values from pandas, polars, Arrow and a CSV.
/// (WebAssembly: the JS package hands over no float32 column.)
fn widen(x: f32) -> f64 {
    #[cfg(not(target_arch = "wasm32"))]
    if x.is_finite() {
        if let Ok(v) = x.to_string().parse::<f64>() {
            return v;
        }
    }
    f64::from(x)
}

#[cfg(test)]
#[path = "tests_table.rs"]
mod tests;
