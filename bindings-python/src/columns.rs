//! Frame columns → the core's typed columns ([`motcua::records::Column`]), without a Python
//! object per value. `motcua._records` describes each needed column of a frame as one of:
//!
//! - `("arrow", obj)`: anything with `__arrow_c_stream__` (a pyarrow `ChunkedArray`, a polars
//!   `Series`, an Arrow-backed pandas array) or a list of objects with `__arrow_c_array__`:
//!   imported through the Arrow C data interface (zero copy) by **pyo3-arrow** — the one Arrow
//!   crate of the package: it reads the PyCapsule interface every Arrow producer speaks
//!   (pyarrow, polars, pandas), is built on arrow-rs, tracks pyo3 and numpy 0.30, and keeps
//!   `unsafe` out of this crate (the workspace forbids it);
//! - numpy buffers (read in place): `("timestamps", int64, unit, utc)` (`datetime64` viewed as
//!   integers; `utc` for a zoned column, whose integers are UTC), `("days", int64)`,
//!   `("ints", array)`, `("floats", array)`, `("bools", array)`, `("masked", column, mask)`
//!   (pandas' nullable arrays: `True` = missing), `("categorical", codes, categories)`
//!   (`categories` is a column itself; a negative code is missing);
//! - `("objects", codes, uniques)`: an object column factorized by pandas; only its distinct
//!   values are Python objects, read once each.
//!
//! The holders keep the buffers alive; [`Holders::table`] views them as core columns, which
//! carry no Python reference and so run with the GIL released.

use arrow_array::types::{
    Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Date32Array, Date64Array, DictionaryArray, Float32Array,
    Float64Array, Int16Array, Int32Array, Int64Array, Int8Array, LargeStringArray, StringArray,
    StringViewArray, TimestampMicrosecondArray, TimestampMillisecondArray,
    TimestampNanosecondArray, TimestampSecondArray, UInt16Array, UInt32Array, UInt64Array,
    UInt8Array,
};
use arrow_schema::{DataType, TimeUnit as ArrowUnit};
use motcua::civil::{self, Clock, TimeUnit};
use motcua::records::{Column, Ints, OwnedCell, Table, Validity};
use motcua::{Error, ErrorKind};
use numpy::PyReadonlyArray1;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDate, PyDateTime, PyFloat, PyInt, PyList, PyString, PyTuple};
use pyo3_arrow::{PyArray as ArrowPyArray, PyChunkedArray};

use crate::error::{to_py_err, IntoPyResult};

fn bad(column: &str, msg: impl std::fmt::Display) -> PyErr {
    to_py_err(
        Error::new(
            ErrorKind::InvalidArgument,
            format!("column `{column}`: {msg}"),
        )
        .in_field(column),
    )
}

/// Numpy integer arrays of any width.
enum NpInts<'py> {
    I8(PyReadonlyArray1<'py, i8>),
    I16(PyReadonlyArray1<'py, i16>),
    I32(PyReadonlyArray1<'py, i32>),
    I64(PyReadonlyArray1<'py, i64>),
    U8(PyReadonlyArray1<'py, u8>),
    U16(PyReadonlyArray1<'py, u16>),
    U32(PyReadonlyArray1<'py, u32>),
    U64(PyReadonlyArray1<'py, u64>),
}

impl<'py> NpInts<'py> {
    fn extract(obj: &Bound<'py, PyAny>) -> Option<NpInts<'py>> {
        macro_rules! try_as {
            ($($v:ident $t:ty),*) => {$(
                if let Ok(a) = obj.extract::<PyReadonlyArray1<'py, $t>>() {
                    return Some(NpInts::$v(a));
                }
            )*};
        }
        try_as!(I64 i64, I32 i32, I16 i16, I8 i8, U8 u8, U16 u16, U32 u32, U64 u64);
        None
    }

    fn view(&self) -> PyResult<Ints<'_>> {
        let slice_err = |_| pyo3::exceptions::PyValueError::new_err("a non-contiguous array");
        Ok(match self {
            NpInts::I8(a) => Ints::I8(a.as_slice().map_err(slice_err)?),
            NpInts::I16(a) => Ints::I16(a.as_slice().map_err(slice_err)?),
            NpInts::I32(a) => Ints::I32(a.as_slice().map_err(slice_err)?),
            NpInts::I64(a) => Ints::I64(a.as_slice().map_err(slice_err)?),
            NpInts::U8(a) => Ints::U8(a.as_slice().map_err(slice_err)?),
            NpInts::U16(a) => Ints::U16(a.as_slice().map_err(slice_err)?),
            NpInts::U32(a) => Ints::U32(a.as_slice().map_err(slice_err)?),
            NpInts::U64(a) => Ints::U64(a.as_slice().map_err(slice_err)?),
        })
    }
}

/// One column's buffers, kept alive while the core reads them.
enum Holder<'py> {
    Arrow(Vec<ArrayRef>),
    Timestamps(PyReadonlyArray1<'py, i64>, TimeUnit, Clock),
    Days(PyReadonlyArray1<'py, i64>),
    Ints(NpInts<'py>),
    Floats(PyReadonlyArray1<'py, f64>),
    Floats32(PyReadonlyArray1<'py, f32>),
    Bools(PyReadonlyArray1<'py, bool>),
    Masked(Box<Holder<'py>>, PyReadonlyArray1<'py, bool>),
    Categorical(NpInts<'py>, Box<Holder<'py>>),
    Objects(NpInts<'py>, Vec<OwnedCell>),
}

fn contiguous<'a, T>(r: Result<&'a [T], numpy::AsSliceError>, column: &str) -> PyResult<&'a [T]> {
    r.map_err(|_| bad(column, "the array is not contiguous"))
}

impl<'py> Holder<'py> {
    fn extract(column: &str, spec: &Bound<'py, PyAny>) -> PyResult<Holder<'py>> {
        let t = spec
            .cast::<PyTuple>()
            .map_err(|_| bad(column, "expected a column description (a tuple)"))?;
        let kind: String = t.get_item(0)?.extract()?;
        let item = |i: usize| t.get_item(i);
        Ok(match kind.as_str() {
            "arrow" => Holder::Arrow(arrow_chunks(column, &item(1)?)?),
            "timestamps" => {
                let unit: String = item(2)?.extract()?;
                let unit = TimeUnit::from_name(&unit).py()?;
                let clock = if item(3)?.extract::<bool>()? {
                    Clock::Utc
                } else {
                    Clock::VietnamWall
                };
                Holder::Timestamps(item(1)?.extract()?, unit, clock)
            }
            "days" => Holder::Days(item(1)?.extract()?),
            "ints" => Holder::Ints(
                NpInts::extract(&item(1)?).ok_or_else(|| bad(column, "unsupported integers"))?,
            ),
            "floats" => {
                let a = item(1)?;
                match a.extract::<PyReadonlyArray1<'py, f64>>() {
                    Ok(f) => Holder::Floats(f),
                    Err(_) => Holder::Floats32(a.extract()?),
                }
            }
            "bools" => Holder::Bools(item(1)?.extract()?),
            "masked" => Holder::Masked(
                Box::new(Holder::extract(column, &item(1)?)?),
                item(2)?.extract()?,
            ),
            "categorical" => Holder::Categorical(
                NpInts::extract(&item(1)?).ok_or_else(|| bad(column, "unsupported codes"))?,
                Box::new(Holder::extract(column, &item(2)?)?),
            ),
            "objects" => {
                let uniques = item(2)?;
                let list = uniques
                    .cast::<PyList>()
                    .map_err(|_| bad(column, "expected a list of distinct values"))?;
                let cells = list
                    .iter()
                    .map(|v| owned_cell(column, &v))
                    .collect::<PyResult<Vec<_>>>()?;
                Holder::Objects(
                    NpInts::extract(&item(1)?).ok_or_else(|| bad(column, "unsupported codes"))?,
                    cells,
                )
            }
            other => return Err(bad(column, format!("unknown column kind `{other}`"))),
        })
    }

    /// The column's chunks as core columns.
    fn columns(&self, column: &str) -> PyResult<Vec<Column<'_>>> {
        Ok(match self {
            Holder::Arrow(chunks) => chunks
                .iter()
                .map(|a| arrow_column(column, a.as_ref()))
                .collect::<PyResult<_>>()?,
            Holder::Timestamps(a, unit, clock) => vec![Column::timestamps(
                contiguous(a.as_slice(), column)?,
                *unit,
                *clock,
            )],
            Holder::Days(a) => vec![Column::days64(contiguous(a.as_slice(), column)?)],
            Holder::Ints(a) => vec![Column::ints(a.view()?)],
            Holder::Floats(a) => vec![Column::floats(contiguous(a.as_slice(), column)?)],
            Holder::Floats32(a) => vec![Column::floats32(contiguous(a.as_slice(), column)?)],
            Holder::Bools(a) => vec![Column::bools(contiguous(a.as_slice(), column)?)],
            Holder::Masked(inner, mask) => {
                let mask = contiguous(mask.as_slice(), column)?;
                inner
                    .columns(column)?
                    .into_iter()
                    .map(|c| {
                        c.with_validity(Validity::Mask {
                            mask,
                            missing: true,
                        })
                        .py()
                    })
                    .collect::<PyResult<_>>()?
            }
            Holder::Categorical(codes, categories) => {
                let values = one_chunk(column, categories.columns(column)?)?;
                vec![Column::dictionary(codes.view()?, values, Validity::All).py()?]
            }
            Holder::Objects(codes, uniques) => {
                vec![
                    Column::dictionary(codes.view()?, Column::cells(uniques), Validity::All)
                        .py()?,
                ]
            }
        })
    }
}

fn one_chunk<'a>(column: &str, mut chunks: Vec<Column<'a>>) -> PyResult<Column<'a>> {
    if chunks.len() == 1 {
        if let Some(c) = chunks.pop() {
            return Ok(c);
        }
    }
    Err(bad(column, "the categories must be one array"))
}

/// The chunks of an Arrow column: a stream (`__arrow_c_stream__`) or a list of arrays
/// (`__arrow_c_array__`).
fn arrow_chunks(column: &str, obj: &Bound<'_, PyAny>) -> PyResult<Vec<ArrayRef>> {
    if let Ok(list) = obj.cast::<PyList>() {
        return list
            .iter()
            .map(|a| {
                a.extract::<ArrowPyArray>()
                    .map(|a| a.into_inner().0)
                    .map_err(|e| bad(column, e))
            })
            .collect();
    }
    let chunked: PyChunkedArray = obj.extract().map_err(|e| bad(column, e))?;
    Ok(chunked.into_inner().0)
}

fn validity(a: &dyn Array) -> Validity<'_> {
    match a.nulls() {
        // (No bitmap: every value is one; an `i64::MIN` timestamp is out of range, not NaT.)
        None => Validity::AllExact,
        Some(n) => Validity::Bits {
            bits: n.buffer().as_slice(),
            offset: n.offset(),
        },
    }
}

fn unit_of(u: &ArrowUnit) -> TimeUnit {
    match u {
        ArrowUnit::Second => TimeUnit::Second,
        ArrowUnit::Millisecond => TimeUnit::Millisecond,
        ArrowUnit::Microsecond => TimeUnit::Microsecond,
        ArrowUnit::Nanosecond => TimeUnit::Nanosecond,
    }
}

macro_rules! downcast {
    ($a:expr, $t:ty, $column:expr) => {
        $a.as_any()
            .downcast_ref::<$t>()
            .ok_or_else(|| bad($column, "an Arrow array of an unexpected layout"))?
    };
}

/// The core view of one Arrow array.
fn arrow_column<'a>(column: &str, a: &'a dyn Array) -> PyResult<Column<'a>> {
    let v = validity(a);
    let with = |c: Column<'a>| c.with_validity(v).py();
    match a.data_type() {
        DataType::Null => Ok(Column::null(a.len())),
        DataType::Utf8 => {
            let s = downcast!(a, StringArray, column);
            Column::utf8(s.value_offsets(), s.values().as_slice(), v).py()
        }
        DataType::LargeUtf8 => {
            let s = downcast!(a, LargeStringArray, column);
            Column::utf8(s.value_offsets(), s.values().as_slice(), v).py()
        }
        DataType::Utf8View => {
            let s = downcast!(a, StringViewArray, column);
            let buffers: Vec<&[u8]> = s.data_buffers().iter().map(|b| b.as_slice()).collect();
            Column::utf8_views(s.views().inner().as_slice(), &buffers, v).py()
        }
        DataType::Timestamp(unit, tz) => {
            let values: &[i64] = match unit {
                ArrowUnit::Second => downcast!(a, TimestampSecondArray, column).values(),
                ArrowUnit::Millisecond => downcast!(a, TimestampMillisecondArray, column).values(),
                ArrowUnit::Microsecond => downcast!(a, TimestampMicrosecondArray, column).values(),
                ArrowUnit::Nanosecond => downcast!(a, TimestampNanosecondArray, column).values(),
            };
            let clock = if tz.is_some() {
                Clock::Utc
            } else {
                Clock::VietnamWall
            };
            with(Column::timestamps(values, unit_of(unit), clock))
        }
        DataType::Date32 => with(Column::days32(downcast!(a, Date32Array, column).values())),
        DataType::Date64 => {
            let values = downcast!(a, Date64Array, column).values();
            // Arrow's date64 holds whole days in milliseconds: another value is malformed (read
            // as an instant, an 18:30 receipt; the calendar functions refuse it), said as they do.
            let part = values
                .iter()
                .enumerate()
                .find(|&(i, v)| a.is_valid(i) && v.rem_euclid(86_400_000) != 0);
            if let Some((i, v)) = part {
                return Err(to_py_err(
                    Error::new(
                        ErrorKind::InvalidDate,
                        format!(
                            "column `{column}`: an Arrow date64 value ({v} ms, element {i} of \
                             its chunk) is not a whole day (a multiple of 86,400,000 ms)"
                        ),
                    )
                    .in_field(column),
                ));
            }
            with(Column::timestamps(
                values,
                TimeUnit::Millisecond,
                Clock::VietnamWall,
            ))
        }
        DataType::Int8 => with(Column::ints(Ints::I8(
            downcast!(a, Int8Array, column).values(),
        ))),
        DataType::Int16 => with(Column::ints(Ints::I16(
            downcast!(a, Int16Array, column).values(),
        ))),
        DataType::Int32 => with(Column::ints(Ints::I32(
            downcast!(a, Int32Array, column).values(),
        ))),
        DataType::Int64 => with(Column::ints(Ints::I64(
            downcast!(a, Int64Array, column).values(),
        ))),
        DataType::UInt8 => with(Column::ints(Ints::U8(
            downcast!(a, UInt8Array, column).values(),
        ))),
        DataType::UInt16 => with(Column::ints(Ints::U16(
            downcast!(a, UInt16Array, column).values(),
        ))),
        DataType::UInt32 => with(Column::ints(Ints::U32(
            downcast!(a, UInt32Array, column).values(),
        ))),
        DataType::UInt64 => with(Column::ints(Ints::U64(
            downcast!(a, UInt64Array, column).values(),
        ))),
        DataType::Float64 => with(Column::floats(downcast!(a, Float64Array, column).values())),
        DataType::Float32 => with(Column::floats32(
            downcast!(a, Float32Array, column).values(),
        )),
        DataType::Boolean => {
            let b = downcast!(a, BooleanArray, column).values();
            with(Column::bool_bits(b.values(), b.offset(), b.len()).py()?)
        }
        DataType::Dictionary(key, _) => {
            macro_rules! dict {
                ($k:ty, $variant:ident) => {{
                    let d = downcast!(a, DictionaryArray<$k>, column);
                    let values = arrow_column(column, d.values().as_ref())?;
                    Column::dictionary(Ints::$variant(d.keys().values()), values, v).py()
                }};
            }
            match key.as_ref() {
                DataType::Int8 => dict!(Int8Type, I8),
                DataType::Int16 => dict!(Int16Type, I16),
                DataType::Int32 => dict!(Int32Type, I32),
                DataType::Int64 => dict!(Int64Type, I64),
                DataType::UInt8 => dict!(UInt8Type, U8),
                DataType::UInt16 => dict!(UInt16Type, U16),
                DataType::UInt32 => dict!(UInt32Type, U32),
                DataType::UInt64 => dict!(UInt64Type, U64),
                other => Err(bad(column, format!("dictionary keys of type {other}"))),
            }
        }
        other => Err(bad(
            column,
            format!(
                "Arrow type {other} cannot be read as dates, text, numbers or flags; cast it first"
            ),
        )),
    }
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_default()
}

/// A Python object as a cell: `None`, `NaN`, `NaT`, `pd.NA` are missing; a `datetime` with a
/// time zone is converted to UTC+7.
pub(crate) fn owned_cell(column: &str, v: &Bound<'_, PyAny>) -> PyResult<OwnedCell> {
    if v.is_none() {
        return Ok(OwnedCell::Missing);
    }
    if let Ok(s) = v.cast::<PyString>() {
        // A lone surrogate (`"\udc80"`: bytes decoded with `surrogateescape`) is no Unicode
        // text: its row is a bad one, named as any other (it raised a bare
        // UnicodeEncodeError for the whole frame).
        return Ok(match s.to_cow() {
            Ok(t) => OwnedCell::Text(t.into_owned()),
            Err(_) => OwnedCell::Malformed("text with a lone surrogate (not Unicode text)"),
        });
    }
    let name = type_name(v);
    if name == "Decimal" {
        // What `read_sql` gives for a NUMERIC column: its exact text (a code, an id of twenty
        // digits), as the CSV holds it; a NaN is missing.
        if v.call_method0("is_nan")?.is_truthy()? {
            return Ok(OwnedCell::Missing);
        }
        return Ok(OwnedCell::Text(v.str()?.to_cow()?.into_owned()));
    }
    if matches!(name.as_str(), "NaTType" | "NAType") {
        return Ok(OwnedCell::Missing);
    }
    if v.is_instance_of::<PyBool>() || name == "bool_" || name == "bool" {
        return Ok(OwnedCell::Bool(v.extract()?));
    }
    if v.is_instance_of::<PyDateTime>() {
        return Ok(OwnedCell::Instant(crate::civil::wall_clock_of(v)?));
    }
    if v.is_instance_of::<PyDate>() {
        return Ok(OwnedCell::Date(v.extract()?));
    }
    if name == "datetime64" {
        let (secs, is_nat) = crate::civil::datetime64_seconds(v)?;
        if is_nat {
            return Ok(OwnedCell::Missing);
        }
        return civil::wall_clock(secs, TimeUnit::Second, Clock::VietnamWall)
            .map(OwnedCell::Instant)
            .py();
    }
    if v.is_instance_of::<PyInt>() || name.starts_with("int") || name.starts_with("uint") {
        if let Ok(i) = v.extract::<i64>() {
            return Ok(OwnedCell::Int(i));
        }
        return Ok(OwnedCell::Text(v.str()?.to_cow()?.into_owned()));
    }
    if v.is_instance_of::<PyFloat>() || name.starts_with("float") {
        let x: f64 = v.extract()?;
        return Ok(if x.is_nan() {
            OwnedCell::Missing
        } else {
            OwnedCell::Float(x)
        });
    }
    // A dict, a list, a tuple, a Period...: its row is a bad one, named by its row and column
    // (and skipped with `skip_bad`), not the whole column refused without a row.
    let _ = column;
    Ok(OwnedCell::Malformed(
        "a value that is neither text, a date, a number nor a flag (a dict, a list, a tuple?)",
    ))
}

/// The described columns of a frame, kept alive.
pub(crate) struct Holders<'py> {
    names: Vec<String>,
    holders: Vec<Holder<'py>>,
}

impl<'py> Holders<'py> {
    /// Reads `[(name, description), ...]`.
    pub(crate) fn extract(columns: &Bound<'py, PyAny>) -> PyResult<Holders<'py>> {
        let mut names = Vec::new();
        let mut holders = Vec::new();
        for item in columns.try_iter()? {
            let item = item?;
            let t = item.cast::<PyTuple>()?;
            let name: String = t.get_item(0)?.extract()?;
            holders.push(Holder::extract(&name, &t.get_item(1)?)?);
            names.push(name);
        }
        Ok(Holders { names, holders })
    }

    /// The column names.
    pub(crate) fn names(&self) -> &[String] {
        &self.names
    }

    /// The columns as aligned core tables (one per run of rows where every column is one
    /// chunk).
    pub(crate) fn tables(&self) -> PyResult<Vec<Table<'_>>> {
        let chunked = self
            .names
            .iter()
            .zip(&self.holders)
            .map(|(n, h)| h.columns(n))
            .collect::<PyResult<Vec<_>>>()?;
        Table::segments(self.names.clone(), chunked).py()
    }
}
