//! The tests of the typed columns. (A file of their own: the published crate leaves out the
//! unit tests' files.)

use super::*;
use crate::records::{Layout, Locator, ReadOptions, Record};

/// The 16-byte view of `s`: inline when short, else pointing at `offset` in buffer 0.
fn view(s: &str, offset: u32) -> [u8; 16] {
    let mut v = [0u8; 16];
    v[..4].copy_from_slice(&(s.len() as u32).to_le_bytes());
    if s.len() <= 12 {
        v[4..4 + s.len()].copy_from_slice(s.as_bytes());
    } else {
        v[4..8].copy_from_slice(&s.as_bytes()[..4]);
        v[8..12].copy_from_slice(&0u32.to_le_bytes());
        v[12..16].copy_from_slice(&offset.to_le_bytes());
    }
    v
}

/// `i64::MIN` is numpy's `NaT` only where the source has no validity of its own: in an
/// Arrow array (a bitmap, or none because nothing is null) it is a value, out of range —
/// read as missing, a result vanished and the dossier was overdue. A `u64` above
/// `i64::MAX` is itself, not `i64::MAX` (two such agencies were one group).
#[test]
fn sentinels_and_wide_integers_are_values() {
    let stamps = [i64::MIN, 0];
    let numpy = Column::timestamps(&stamps, TimeUnit::Second, Clock::Utc);
    assert_eq!(numpy.cell(0), Cell::Missing);
    let bits = [0b11u8];
    for v in [
        Validity::AllExact,
        Validity::Bits {
            bits: &bits,
            offset: 0,
        },
    ] {
        let arrow = Column::timestamps(&stamps, TimeUnit::Second, Clock::Utc)
            .with_validity(v)
            .unwrap();
        assert_eq!(arrow.cell(0), Cell::Int(i64::MIN));
        let mut batch = Vec::new();
        arrow.cells_into(0, 2, &mut batch);
        assert_eq!(batch, [Cell::Int(i64::MIN), arrow.cell(1)]);
        let days = Column::days64(&stamps).with_validity(v).unwrap();
        assert!(matches!(days.cell(0), Cell::Int(_) | Cell::Malformed(_)));
    }
    assert_eq!(Column::days64(&stamps).cell(0), Cell::Missing);
    let wide = [u64::MAX, i64::MAX as u64, 3];
    let col = Column::ints(Ints::U64(&wide));
    let mut buf = String::new();
    let texts: Vec<String> = (0..3)
        .map(|i| col.cell(i).as_text(&mut buf).unwrap().to_string())
        .collect();
    assert_eq!(texts, ["18446744073709551615", "9223372036854775807", "3"]);
    let mut batch = Vec::new();
    col.cells_into(0, 3, &mut batch);
    assert_eq!(
        batch,
        [Cell::UInt(u64::MAX), Cell::Int(i64::MAX), Cell::Int(3)]
    );
}

#[test]
fn string_views_inline_and_long() {
    let long = "Giao thông đường bộ";
    let buffer = format!("xx{long}");
    let views: Vec<u8> = [view("online", 0), view(long, 2), view("", 0), [0xff; 16]].concat();
    let bits = [0b0111u8];
    let col = Column::utf8_views(
        &views,
        &[buffer.as_bytes()],
        Validity::Bits {
            bits: &bits,
            offset: 0,
        },
    )
    .unwrap();
    assert_eq!(col.cell(0), Cell::Text("online"));
    assert_eq!(col.cell(1), Cell::Text(long));
    assert_eq!(col.cell(2), Cell::Missing);
    assert_eq!(col.cell(3), Cell::Missing); // not valid: never looked at
    let col = Column::utf8_views(&views, &[buffer.as_bytes()], Validity::All).unwrap();
    assert!(matches!(col.cell(3), Cell::Malformed(_)));
    assert_eq!(col.slice(1, 1).unwrap().cell(0), Cell::Text(long));
    assert!(Column::utf8_views(&views[..15], &[], Validity::All).is_err());
}

/// A string of the property below: text (ASCII, Vietnamese, blanks), bytes that are not
/// UTF-8, or a cut through a multi-byte character.
fn any_bytes() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
    use proptest::prelude::*;
    prop_oneof![
        "[a-z0-9 .]{0,16}".prop_map(String::into_bytes),
        "[ a-zđươạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]{0,14}".prop_map(String::into_bytes),
        proptest::collection::vec(any::<u8>(), 0..20),
        "[ơư]{1,6}".prop_map(|s| {
            let b = s.into_bytes();
            b[..b.len() - 1].to_vec()
        }),
    ]
}

/// Each cell of a string column decoded a batch at a time (`cells_into`, also from inside
/// the column and from a slice of it) is the cell of its own bytes checked alone
/// (`text_of`), and the one `cell` reads: for string views (inline and long, some past
/// their buffer) and for offsets (some going back), over text, bytes that are not UTF-8 and
/// text cut inside a character, with values repeated as categories are.
#[test]
fn batch_decoding_of_strings_matches_each_value_read_alone() {
    use proptest::prelude::*;
    let strategy = (
        proptest::collection::vec(any_bytes(), 1..12),
        proptest::collection::vec((0usize..12, any::<u8>()), 1..200),
        proptest::collection::vec(any::<u8>(), 0..8),
        // Text cut in two at any byte (often inside a character), the halves side by side:
        // the buffer is then text as a whole while each half is not.
        proptest::collection::vec(("[ơưđạảấ]{14,20}", 0.0f64..1.0), 0..3),
    );
    proptest::proptest!(ProptestConfig::with_cases(300), |((pool, mut picks, junk, cuts) in strategy)| {
        let mut values: Vec<&[u8]> = picks.iter().map(|&(k, _)| pool[k % pool.len()].as_slice()).collect();
        for (text, at) in &cuts {
            let at = ((text.len() as f64 * at) as usize).clamp(13, text.len() - 13);
            values.push(&text.as_bytes()[..at]);
            values.push(&text.as_bytes()[at..]);
            picks.push((0, 1));
            picks.push((0, 1));
        }
        // Offsets: the values end to end, then junk after the last offset.
        let mut data = Vec::new();
        let mut offsets = vec![0i64];
        for v in &values {
            data.extend_from_slice(v);
            offsets.push(data.len() as i64);
        }
        data.extend_from_slice(&junk);
        let col = Column::utf8(&offsets[..], &data, Validity::All).unwrap();
        let mut batch = Vec::new();
        // The whole column as one batch, then a batch starting inside it.
        let n = values.len();
        let from = usize::from(picks[0].1) % n;
        let to = from + usize::from(picks[n - 1].1) % (n - from + 1);
        for (start, end) in [(0, n), (from, to)] {
            col.cells_into(start, end, &mut batch);
            prop_assert_eq!(batch.len(), end - start);
            for (got, (i, v)) in batch.iter().zip(values.iter().enumerate().skip(start)) {
                prop_assert_eq!(*got, text_of(Some(v)), "offsets, value {}", i);
                prop_assert_eq!(col.cell(i), *got);
            }
        }
        // Offsets that go back and forth (not Arrow's promise, but what a buffer may
        // hold): a row outside the batch's span is checked alone.
        let mut bent = offsets.clone();
        let k = 1 + usize::from(picks[0].1) % n;
        bent[k] = data.len() as i64;
        let col = Column::utf8(&bent[..], &data, Validity::All).unwrap();
        col.cells_into(0, n, &mut batch);
        for (i, got) in batch.iter().enumerate() {
            let (a, b) = (bent[i] as usize, bent[i + 1] as usize);
            prop_assert_eq!(*got, text_of(data.get(a..b)), "bent offsets, value {}", i);
        }
        // Views: long values in buffer 0 (after the junk), one in ten pointing past it.
        let mut buffer = junk.clone();
        let mut views = Vec::new();
        for (v, &(_, r)) in values.iter().zip(&picks) {
            let mut view = [0u8; 16];
            view[..4].copy_from_slice(&(v.len() as u32).to_le_bytes());
            if v.len() <= 12 {
                view[4..4 + v.len()].copy_from_slice(v);
            } else {
                let at = if r % 10 == 0 { 1 << 20 } else { buffer.len() };
                if at == buffer.len() {
                    buffer.extend_from_slice(v);
                }
                view[4..8].copy_from_slice(&v[..4]);
                view[12..16].copy_from_slice(&(at as u32).to_le_bytes());
            }
            views.extend_from_slice(&view);
        }
        let col = Column::utf8_views(&views, &[&buffer], Validity::All).unwrap();
        for (start, end) in [(0, n), (from, to)] {
            col.cells_into(start, end, &mut batch);
            prop_assert_eq!(batch.len(), end - start);
            for (got, i) in batch.iter().zip(start..end) {
                let want = text_of(view_bytes_alone(&views, &buffer, i));
                prop_assert_eq!(*got, want, "views, value {}", i);
                prop_assert_eq!(col.cell(i), want);
            }
        }
        // A slice of the column (as the run cuts one) reads the same.
        let part = col.slice(from, to - from).unwrap();
        part.cells_into(0, to - from, &mut batch);
        for (got, i) in batch.iter().zip(from..to) {
            prop_assert_eq!(*got, text_of(view_bytes_alone(&views, &buffer, i)), "slice, value {}", i);
        }
    });
}

/// Timestamps decoded a batch at a time (a bitmap's bytes at once, a day's date once) are
/// what each value read alone by `wall_clock` gives: any unit and clock, values of a few
/// days and out of every date's range, `i64::MIN`, missing by a bitmap at any bit offset,
/// over batches and slices starting anywhere.
#[test]
fn batch_decoding_of_timestamps_matches_each_value_read_alone() {
    use proptest::prelude::*;
    let value = prop_oneof![
        // A few days around 2026-03-02, in microseconds (most of a column).
        (0i64..4 * 86_400_000_000).prop_map(|x| 1_772_409_600_000_000 + x - 86_400_000_000),
        Just(i64::MIN),
        Just(i64::MAX),
        any::<i64>(),
        (-3 * 86_400i64..3 * 86_400),
    ];
    let unit = prop_oneof![
        Just(TimeUnit::Second),
        Just(TimeUnit::Millisecond),
        Just(TimeUnit::Microsecond),
        Just(TimeUnit::Nanosecond),
    ];
    let clock = prop_oneof![Just(Clock::Utc), Just(Clock::VietnamWall)];
    let strategy = (
        proptest::collection::vec(value, 1..80),
        proptest::collection::vec(any::<u8>(), 12),
        (0usize..16, 0usize..80, 0usize..80, any::<bool>()),
        unit,
        clock,
    );
    proptest::proptest!(ProptestConfig::with_cases(400), |((values, bits, (offset, a, b, use_bits), unit, clock) in strategy)| {
        let n = values.len();
        let validity = if use_bits { Validity::Bits { bits: &bits, offset } } else { Validity::All };
        let col = Column::timestamps(&values, unit, clock).with_validity(validity).unwrap();
        let alone = |i: usize| {
            let present = match validity {
                Validity::Bits { bits, offset } => bits[(offset + i) / 8] & (1 << ((offset + i) % 8)) != 0,
                _ => values[i] != i64::MIN,
            };
            if present {
                wall_clock(values[i], unit, clock).map_or(Cell::Int(values[i]), Cell::Instant)
            } else {
                Cell::Missing
            }
        };
        let (from, to) = (a % (n + 1), (a % (n + 1)).max(b % (n + 1)));
        let mut batch = Vec::new();
        for (start, end) in [(0, n), (from, to)] {
            col.cells_into(start, end, &mut batch);
            prop_assert_eq!(batch.len(), end - start);
            for (got, i) in batch.iter().zip(start..end) {
                prop_assert_eq!(*got, alone(i), "value {}", i);
                prop_assert_eq!(col.cell(i), *got);
            }
        }
        // A slice (the bitmap then read from a later bit) reads the same.
        let part = col.slice(from, to - from).unwrap();
        part.cells_into(0, to - from, &mut batch);
        for (got, i) in batch.iter().zip(from..to) {
            prop_assert_eq!(*got, alone(i), "slice, value {}", i);
        }
    });
}

/// The bytes of string view `i`, read the plain way (the property's reference).
fn view_bytes_alone<'a>(views: &'a [u8], buffer: &'a [u8], i: usize) -> Option<&'a [u8]> {
    let v = &views[i * 16..i * 16 + 16];
    let len = u32::from_le_bytes(v[..4].try_into().unwrap()) as usize;
    if len <= 12 {
        return Some(&v[4..4 + len]);
    }
    let offset = u32::from_le_bytes(v[12..16].try_into().unwrap()) as usize;
    buffer.get(offset..offset + len)
}

#[test]
fn utf8_offsets_and_bad_bytes() {
    let data = b"3wd \xff5wd";
    let offsets = [0i64, 4, 5, 8, 20];
    let col = Column::utf8(&offsets[..], data, Validity::All).unwrap();
    assert_eq!(col.len(), 4);
    assert_eq!(col.cell(0), Cell::Text("3wd"));
    assert!(matches!(col.cell(1), Cell::Malformed(_)));
    assert_eq!(col.cell(2), Cell::Text("5wd"));
    assert!(matches!(col.cell(3), Cell::Malformed(_)));
    assert!(Column::utf8(&[] as &[i32], data, Validity::All).is_err());
    let short = [true];
    assert!(Column::utf8(
        &offsets[..],
        data,
        Validity::Mask {
            mask: &short,
            missing: true
        }
    )
    .is_err());
}

#[test]
fn dictionaries_masks_and_sentinels() {
    let values = [
        OwnedCell::Text("direct".into()),
        OwnedCell::Text("online".into()),
    ];
    let codes = [1i8, -1, 0, 7];
    let col = Column::dictionary(Ints::I8(&codes), Column::cells(&values), Validity::All).unwrap();
    assert_eq!(col.cell(0), Cell::Text("online"));
    assert_eq!(col.cell(1), Cell::Missing);
    assert_eq!(col.cell(2), Cell::Text("direct"));
    assert!(matches!(col.cell(3), Cell::Malformed(_)));
    let mut batch = Vec::new();
    col.cells_into(0, 9, &mut batch);
    assert_eq!(batch, (0..4).map(|i| col.cell(i)).collect::<Vec<_>>());
    // A batch shorter than the dictionary reads code by code: the same cells.
    col.cells_into(0, 1, &mut batch);
    assert_eq!(batch, [Cell::Text("online")]);
    col.cells_into(2, 4, &mut batch);
    assert_eq!(batch, [col.cell(2), col.cell(3)]);
    let stamps = [0i64, i64::MIN];
    let col = Column::timestamps(&stamps, TimeUnit::Second, Clock::Utc);
    assert_eq!(col.cell(1), Cell::Missing);
    let mask = [false, true];
    let col = col
        .with_validity(Validity::Mask {
            mask: &mask,
            missing: false,
        })
        .unwrap();
    assert_eq!(col.cell(0), Cell::Missing);
    let floats = [4.0, f64::NAN];
    assert_eq!(Column::floats(&floats).cell(1), Cell::Missing);
    let bits = [0b10u8];
    let flags = Column::bool_bits(&bits, 0, 2).unwrap();
    assert_eq!(
        (flags.cell(0), flags.cell(1)),
        (Cell::Bool(false), Cell::Bool(true))
    );
    assert!(Column::bool_bits(&bits, 3, 6).is_err());
}

/// A float32 value is the decimal it stands for (a tester's case: 0.1 grouped as `0.1`
/// from pandas, as `0.10000000149011612` from polars and Arrow).
#[test]
fn a_float32_is_its_shortest_decimal() {
    let v = [
        0.1f32,
        3.0,
        4.5,
        1e-7,
        f32::NAN,
        16_777_217.0,
        123_456_789.0,
        1e20,
    ];
    let col = Column::floats32(&v);
    let cells: Vec<Cell> = (0..v.len()).map(|i| col.cell(i)).collect();
    assert_eq!(
        cells,
        [
            Cell::Float(0.1),
            Cell::Float(3.0),
            Cell::Float(4.5),
            Cell::Float(1e-7),
            Cell::Missing,
            Cell::Float(16_777_216.0),
            // Whole numbers past 2^24 too: 123456789 is stored as 123456792, shown as
            // 123456790 (pandas' label; polars and Arrow gave 123456792).
            Cell::Float(123_456_790.0),
            Cell::Float(1e20),
        ]
    );
}

#[test]
fn segments_align_chunk_boundaries() {
    let a1 = [1i64, 2, 3];
    let a2 = [4i64, 5];
    let b1 = [10i64];
    let b2 = [20i64, 30, 40, 50];
    let t = Table::segments(
        vec!["a".into(), "b".into()],
        vec![
            vec![Column::ints(Ints::I64(&a1)), Column::ints(Ints::I64(&a2))],
            vec![Column::ints(Ints::I64(&b1)), Column::ints(Ints::I64(&b2))],
        ],
    )
    .unwrap();
    let rows: Vec<(Cell<'_>, Cell<'_>)> = t
        .iter()
        .flat_map(|s| {
            (0..s.len()).map(move |i| {
                let cell = |j: usize| s.column(j).map_or(Cell::Missing, |c| c.cell(i));
                (cell(0), cell(1))
            })
        })
        .collect();
    let want: Vec<(Cell<'_>, Cell<'_>)> =
        (1..=5).map(|i| (Cell::Int(i), Cell::Int(i * 10))).collect();
    assert_eq!(rows, want);
    assert_eq!(t.iter().map(Table::len).collect::<Vec<_>>(), [1, 2, 2]);
    assert!(Table::segments(vec!["a".into()], vec![vec![], vec![]]).is_err());
    assert!(Table::new(
        vec!["a".into(), "b".into()],
        vec![Column::ints(Ints::I64(&a1)), Column::ints(Ints::I64(&a2))]
    )
    .is_err());
}

#[test]
fn a_malformed_cell_is_a_located_error() {
    let offsets = [0i32, 10, 13, 13];
    let data = b"2026-03-02\xffwd";
    let limits_offsets = [0i32, 3, 6, 9];
    let limits = b"3wd3wd3wd";
    let ids = [
        OwnedCell::Text("A".into()),
        OwnedCell::Text("B".into()),
        OwnedCell::Missing,
    ];
    let table = Table::new(
        vec!["received".into(), "time_limit".into(), "id".into()],
        vec![
            Column::utf8(&offsets[..], data, Validity::All).unwrap(),
            Column::utf8(&limits_offsets[..], limits, Validity::All).unwrap(),
            Column::cells(&ids),
        ],
    )
    .unwrap();
    let layout = Layout::resolve(table.names(), &ReadOptions::default()).unwrap();
    let mut r = Record::new();
    layout.read(Locator::Row(0), &table.row(0), &mut r).unwrap();
    let e = layout
        .read(Locator::Row(1), &table.row(1), &mut r)
        .unwrap_err();
    assert_eq!(
        (e.code(), e.index(), e.line(), e.field(), e.id()),
        ("csv_field", Some(1), Some(2), Some("received"), Some("B"))
    );
    assert!(e.message().contains("not UTF-8"), "{e}");
    let e = layout
        .read(Locator::Row(2), &table.row(2), &mut r)
        .unwrap_err();
    assert_eq!((e.field(), e.id()), (Some("received"), None));
}

#[cfg(all(test, not(target_family = "wasm")))]
mod presence {
    use super::super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// A column's presence read 64 rows at a time is its validity's, within its length,
        /// whatever the bitmap's offset, the validity's kind and the order of the rows read.
        #[test]
        fn presence_is_the_validity_s(
            bits in proptest::collection::vec(any::<u8>(), 0..40),
            mask in proptest::collection::vec(any::<bool>(), 0..300),
            offset in 0usize..20,
            len in 0usize..300,
            kind in 0u8..4,
            reads in proptest::collection::vec(0usize..320, 0..200),
        ) {
            let validity = match kind {
                0 => Validity::All,
                1 => Validity::AllExact,
                2 => Validity::Bits { bits: &bits, offset },
                _ => Validity::Mask { mask: &mask, missing: offset % 2 == 0 },
            };
            let col = Column { values: Values::Null, validity, len };
            let mut p = Presence::of(&col);
            let mut order: Vec<usize> = (0..len + 70).collect();
            order.extend(reads);
            for i in order {
                prop_assert_eq!(p.get(i), i < len && validity.present(i), "row {}", i);
            }
        }
    }
}
