//! The direct reader's tests: held to the general reader over random tables. (A file of its
//! own: the published crate leaves out the unit tests' files.)

use chrono::NaiveDateTime;
use proptest::prelude::*;

use crate::civil::{Clock, TimeUnit};
use crate::error::{Error, Result};
use crate::procedure::Catalogue;
use crate::records::run::{run_tables_with, OnBad, RunOptions, Sink};
use crate::records::{Column, Layout, Locator, ReadOptions, Record, Table, Validity};
use crate::report::{Context, PeriodKind, ReportOptions, ReportSink};

/// A sink keeping every record as read (its dossier, groups and standing apology), each
/// bad record's error and each blank one, in order.
#[derive(Debug, Default)]
struct Kept(Vec<String>);

impl Sink for Kept {
    fn check(&self, _: &crate::records::Layout) -> Result<()> {
        Ok(())
    }
    fn catalogue(&self) -> Option<&crate::procedure::Catalogue> {
        None
    }
    fn record(&mut self, at: Locator, r: &Record) -> Result<bool> {
        self.0.push(format!(
            "{at:?} {:?} {:?} {:?}",
            r.dossier, r.groups, r.standing_apology
        ));
        Ok(true)
    }

    fn reject(&mut self, at: Locator, e: &Error) {
        self.0.push(format!("{at:?} error {e:?}"));
    }

    fn blank(&mut self, at: Locator) {
        self.0.push(format!("{at:?} blank"));
    }

    fn append(&mut self, later: Self) -> Result<()> {
        self.0.extend(later.0);
        Ok(())
    }

    fn as_of(&self) -> Option<NaiveDateTime> {
        "2026-03-20T12:00:00".parse().ok()
    }
}

/// A column's buffers, owned (the [`Column`]s borrow them).
enum Buffers {
    /// Dictionary codes (`-1` missing) into the values of the inner buffers.
    Dictionary(Vec<i32>, Box<Buffers>),
    /// Objects (a JS array's, a Python column's distinct values).
    Cells(Vec<crate::records::OwnedCell>),
    Instants(Vec<i64>, TimeUnit, Clock, Option<Vec<u8>>),
    Days(Vec<i32>, Option<Vec<u8>>),
    Utf8(Vec<i32>, Vec<u8>, Option<Vec<u8>>),
    Views(Vec<u8>, Vec<u8>, Option<Vec<u8>>),
    Ints(Vec<i64>),
    Null(usize),
}

fn validity(b: &Option<Vec<u8>>) -> Validity<'_> {
    match b {
        None => Validity::All,
        Some(bits) => Validity::Bits { bits, offset: 0 },
    }
}

impl Buffers {
    fn column(&self) -> Column<'_> {
        let col = match self {
            Buffers::Dictionary(codes, values) => Column::dictionary(
                crate::records::Ints::I32(codes),
                values.column(),
                Validity::All,
            ),
            Buffers::Cells(v) => Ok(Column::cells(v)),
            Buffers::Instants(v, unit, clock, b) => {
                Column::timestamps(v, *unit, *clock).with_validity(validity(b))
            }
            Buffers::Days(v, b) => Column::days32(v).with_validity(validity(b)),
            Buffers::Utf8(offsets, data, b) => Column::utf8(&offsets[..], data, validity(b)),
            Buffers::Views(views, data, b) => {
                Column::utf8_views(views, &[data.as_slice()], validity(b))
            }
            Buffers::Ints(v) => Ok(Column::ints(crate::records::Ints::I64(v))),
            Buffers::Null(n) => Ok(Column::null(*n)),
        };
        col.unwrap_or_else(|e| panic!("test column: {e}"))
    }
}

/// A seeded generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'v, T>(&mut self, values: &'v [T]) -> &'v T {
        &values[self.below(values.len())]
    }
}

/// A validity bitmap with about one value in `1/missing` cleared, or none.
fn bits(rng: &mut Rng, n: usize, missing: usize) -> Option<Vec<u8>> {
    if rng.below(3) == 0 {
        return None;
    }
    let mut b = vec![0u8; n.div_ceil(8)];
    for i in 0..n {
        if rng.below(missing) != 0 {
            b[i / 8] |= 1 << (i % 8);
        }
    }
    Some(b)
}

/// Instants around March 2026 (some at midnight, some before the receipt, a few not
/// dates at all), in seconds of the wall clock.
fn instant(rng: &mut Rng, base: i64) -> i64 {
    match rng.below(12) {
        0 => i64::MIN,
        1 => i64::MAX / 4,
        2 => base - 86_400 * rng.below(3) as i64,
        3 => base - base.rem_euclid(86_400) + 86_400 * rng.below(20) as i64,
        _ => base + 3_600 * rng.below(24 * 25) as i64,
    }
}

fn instants(rng: &mut Rng, n: usize, bases: &[i64], sparse: bool) -> Buffers {
    let (unit, scale) = *rng.pick(&[
        (TimeUnit::Second, 1),
        (TimeUnit::Millisecond, 1_000),
        (TimeUnit::Microsecond, 1_000_000),
    ]);
    let clock = *rng.pick(&[Clock::VietnamWall, Clock::Utc]);
    if rng.below(5) == 0 {
        // Dates (day numbers) in place of instants.
        let v = bases
            .iter()
            .map(|b| i32::try_from(b.div_euclid(86_400)).unwrap_or(0) + rng.below(9) as i32)
            .collect();
        return Buffers::Days(v, bits(rng, n, if sparse { 2 } else { 20 }));
    }
    let v = bases
        .iter()
        .map(|&b| match instant(rng, b) {
            x @ (i64::MIN | i64::MAX) => x,
            x => x.saturating_mul(scale),
        })
        .collect();
    Buffers::Instants(v, unit, clock, bits(rng, n, if sparse { 2 } else { 20 }))
}

fn texts(rng: &mut Rng, n: usize, values: &[&[u8]]) -> Buffers {
    if rng.below(4) == 0 {
        // A dictionary of the values (a code past it, a missing code), or objects.
        let k = values.len();
        let codes = (0..n)
            .map(|_| match rng.below(30) {
                0 => -1,
                1 => k as i32 + 3,
                _ => rng.below(k) as i32,
            })
            .collect();
        return Buffers::Dictionary(codes, Box::new(flat_texts(rng, values)));
    }
    if rng.below(4) == 0 {
        use crate::records::OwnedCell;
        let cells = (0..n)
            .map(|_| match rng.below(25) {
                0 => OwnedCell::Missing,
                1 => OwnedCell::Int(7),
                _ => match std::str::from_utf8(rng.pick::<&[u8]>(values)) {
                    Ok(s) => OwnedCell::Text(s.to_string()),
                    Err(_) => OwnedCell::Malformed("not UTF-8 text"),
                },
            })
            .collect();
        return Buffers::Cells(cells);
    }
    let chosen: Vec<&[u8]> = (0..n).map(|_| *rng.pick(values)).collect();
    strings(rng, &chosen)
}

/// The values themselves, in order (a dictionary's).
fn flat_texts(rng: &mut Rng, values: &[&[u8]]) -> Buffers {
    if rng.below(3) == 0 {
        use crate::records::OwnedCell;
        return Buffers::Cells(
            values
                .iter()
                .map(|v| match std::str::from_utf8(v) {
                    Ok(s) => OwnedCell::Text(s.to_string()),
                    Err(_) => OwnedCell::Malformed("not UTF-8 text"),
                })
                .collect(),
        );
    }
    strings(rng, values)
}

/// Text columns of `chosen`: UTF-8 offsets or string views.
fn strings(rng: &mut Rng, chosen: &[&[u8]]) -> Buffers {
    let n = chosen.len();
    let validity = bits(rng, n, 8);
    if rng.below(2) == 0 {
        let mut offsets = vec![0i32];
        let mut data = Vec::new();
        for s in chosen {
            data.extend_from_slice(s);
            offsets.push(i32::try_from(data.len()).unwrap_or(0));
        }
        return Buffers::Utf8(offsets, data, validity);
    }
    let mut views = Vec::new();
    let mut data = Vec::new();
    for s in chosen {
        views.extend_from_slice(&u32::try_from(s.len()).unwrap_or(0).to_le_bytes());
        if s.len() <= 12 {
            let mut inline = [0u8; 12];
            inline[..s.len()].copy_from_slice(s);
            views.extend_from_slice(&inline);
        } else {
            views.extend_from_slice(&s[..4]);
            views.extend_from_slice(&0u32.to_le_bytes());
            views.extend_from_slice(&u32::try_from(data.len()).unwrap_or(0).to_le_bytes());
            data.extend_from_slice(s);
        }
    }
    Buffers::Views(views, data, validity)
}

const CODES: &[&[u8]] = &[
    b"1.001",
    b"1.001",
    b"2.002",
    b" 2.002 ",
    b"3.003",
    b"9.999",
    b"",
    b"  ",
    b"1.0\xff1",
    b"a code longer than twelve",
];
const LIMITS: &[&[u8]] = &[
    b"3wd",
    b"3wd",
    b"10cd",
    b"8wh",
    b"same_day",
    b"3 ngay",
    b"",
    b"x",
];
const CHANNELS: &[&[u8]] = &[
    b"online",
    b"direct",
    b"Online",
    b" postal",
    "trực tuyến".as_bytes(),
    b"",
    b"carrier pigeon",
    b"\xc3",
];
const FIELDS: &[&[u8]] = &[
    "Hộ tịch".as_bytes(),
    "Ho\u{323}\u{302} ti\u{323}ch".as_bytes(),
    "Hộ\u{a0}tịch".as_bytes(),
    b"A",
    b" A ",
    b"",
    "Đất đai và tài nguyên môi trường".as_bytes(),
    b"\xe1\xba",
];

/// A random table: its column names and buffers.
fn table(seed: u64) -> (Vec<String>, Vec<Buffers>, Vec<String>) {
    let mut rng = Rng(seed | 1);
    let n = rng.below(70);
    let base = 1_772_409_600; // 2026-03-02T00:00 (wall clock)
    let bases: Vec<i64> = (0..n)
        .map(|_| base + 1_800 * rng.below(48 * 14) as i64)
        .collect();
    let mut names = vec!["received".to_string()];
    let mut cols = vec![instants(&mut rng, n, &bases, false)];
    let mut add = |names: &mut Vec<String>, name: &str, b: Buffers| {
        names.push(name.to_string());
        cols.push(b);
    };
    if rng.below(4) != 0 {
        add(&mut names, "procedure", texts(&mut rng, n, CODES));
    }
    if rng.below(3) == 0 {
        add(&mut names, "time_limit", texts(&mut rng, n, LIMITS));
    }
    if rng.below(4) != 0 {
        add(&mut names, "channel", texts(&mut rng, n, CHANNELS));
    }
    for name in [
        "supplement_requested",
        "supplement_received",
        "resolved",
        "refused",
        "withdrawn",
    ] {
        match rng.below(6) {
            0 => {}
            1 => add(&mut names, name, Buffers::Null(n)),
            _ => add(&mut names, name, instants(&mut rng, n, &bases, true)),
        }
    }
    if rng.below(2) == 0 {
        add(&mut names, "new_due", instants(&mut rng, n, &bases, true));
    }
    let mut by = Vec::new();
    if rng.below(3) != 0 {
        add(&mut names, "field", texts(&mut rng, n, FIELDS));
        by.push("field".to_string());
    }
    if rng.below(4) == 0 {
        by.push("channel".to_string());
    }
    if rng.below(8) == 0 {
        // A column of numbers (not text) as a grouping column: the general reader's.
        add(&mut names, "agency", Buffers::Ints((0..n as i64).collect()));
        by.push("agency".to_string());
    }
    if rng.below(8) == 0 {
        add(&mut names, "id", texts(&mut rng, n, CODES));
    }
    (names, cols, by)
}

fn catalogue() -> Catalogue {
    Catalogue::from_json(
        r#"[{"code":"1.001","name":"A","field":"F","level":"commune","time_limit":"3wd",
             "online":"full"},
            {"code":"2.002","name":"B","field":"F","level":"commune","time_limit":"same_day",
             "online":"none"},
            {"code":"3.003","name":"C","field":"F","level":"commune","time_limit":"5wd",
             "online":"none","stages":[{"agency":"X","time_limit":"2wd"},
             {"agency":"Y","time_limit":"3wd"}]}]"#,
    )
    .unwrap_or_else(|e| panic!("test catalogue: {e}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    /// The direct reader gives every record, error and blank row the general reader
    /// gives, and the same report, over random tables of every kind of column it takes
    /// (and some it leaves), on one thread and two.
    #[test]
    fn direct_reader_reads_as_the_general_one(seed in any::<u64>(), threads in 1usize..3) {
        let (names, buffers, by) = table(seed);
        let columns = buffers.iter().map(Buffers::column).collect();
        let t = Table::new(names.clone(), columns).unwrap_or_else(|e| panic!("{e}"));
        let read = ReadOptions { by: by.clone(), ..ReadOptions::default() };
        let Ok(layout) = Layout::resolve(&names, &read) else {
            // (no limit column: nothing to read)
            return Ok(());
        };
        let opts = RunOptions { threads, on_bad: OnBad::Skip, first_row: 0 };
        let tables = std::slice::from_ref(&t);
        let kept = |direct| {
            run_tables_with(tables, &layout, &opts, Kept::default, |_| {}, direct)
                .map(|(s, tally)| (s.0, tally))
                .map_err(|e| e.to_string())
        };
        prop_assert_eq!(kept(true), kept(false));
        let cal = crate::vn::public_sector().unwrap_or_else(|e| panic!("{e}"));
        let cat = catalogue();
        let ctx = Context { calendar: &cal, catalogue: Some(&cat), rules: Default::default() };
        let mut ro = ReportOptions::new("2026-03-20T12:00:00".parse().unwrap_or_default());
        ro.by = by;
        ro.period = Some(PeriodKind::Month);
        let report = |direct| {
            let mut errors = Vec::new();
            run_tables_with(
                tables,
                &layout,
                &opts,
                || ReportSink::new(ctx, ro.clone(), false),
                |e| errors.push(format!("{e:?}")),
                direct,
            )
            .map(|(s, tally)| (s.partial().rows(), tally, errors))
            .map_err(|e| e.to_string())
        };
        prop_assert_eq!(report(true), report(false));
    }
}

/// The tables the direct reader takes: a frame's usual columns; and the ones it leaves
/// to the general reader.
#[test]
fn takes_typed_frames_only() {
    let received = [1_772_443_800i64];
    let code = Buffers::Utf8(vec![0, 5], b"1.001".to_vec(), None);
    let names = |extra: &str| {
        ["received", "procedure", extra]
            .iter()
            .filter(|n| !n.is_empty())
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
    };
    let cols = |extra: Option<Column<'static>>| {
        let mut v = vec![
            Column::timestamps(&received, TimeUnit::Second, Clock::VietnamWall),
            code.column(),
        ];
        v.extend(extra);
        v
    };
    let layout = |n: &[String], by: &[&str]| {
        let read = ReadOptions {
            by: by.iter().map(|s| s.to_string()).collect(),
            ..ReadOptions::default()
        };
        Layout::resolve(n, &read).unwrap_or_else(|e| panic!("{e}"))
    };
    let plain = Table::new(names(""), cols(None)).unwrap_or_else(|e| panic!("{e}"));
    assert!(super::Direct::new(&layout(&names(""), &[]), &plain, None).is_some());
    // An id carried into the answers (a worklist): left to the general reader.
    let ids = layout(&names(""), &[]).with_ids(true);
    assert!(
        super::Direct::new(&ids, &plain, None).is_some(),
        "no id column: nothing to carry"
    );
    static NUMBERS: [i64; 1] = [7];
    let agency = Table::new(
        names("agency"),
        cols(Some(Column::ints(crate::records::Ints::I64(&NUMBERS)))),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(super::Direct::new(&layout(&names("agency"), &["agency"]), &agency, None).is_none());
    assert!(super::Direct::new(&layout(&names("agency"), &[]), &agency, None).is_some());
}
