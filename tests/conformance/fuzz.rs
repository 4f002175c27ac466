//! Fuzzing every parser of the library with proptest (issue "No silent wrong answer"): for any
//! input — random bytes read as text, or a valid input mutated by a few edits — a parser either
//! returns a value that round-trips through its canonical form, or a typed error with a known
//! code. A panic fails the test (proptest catches it).
//!
//! CI runs a short run. The long run (≥ 1M cases per parser) is
//! `MOTCUA_FUZZ_CASES=1000000 cargo test --release -p motcua-conformance --test conformance fuzz`.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate, Timelike};
use motcua::civil::{format_instant, parse_date, parse_instant, parse_time, DateOnly};
use motcua::procedure::TimeLimit;
use motcua::vn::Schedules;
use motcua::{CalendarSpec, ErrorKind};
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("MOTCUA_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Every code the library can return (its own table), so an error is always a typed one.
fn known_code(e: &motcua::Error) -> bool {
    ErrorKind::ALL.contains(&e.kind())
}

/// Arbitrary text: random bytes made valid UTF-8, random unicode, or ASCII soup.
fn junk() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..64)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        any::<String>(),
        "[ -~]{0,40}",
    ]
}

/// A valid `seed` edited: characters replaced, inserted or deleted at random positions.
fn mutated(seeds: &'static [&'static str]) -> impl Strategy<Value = String> {
    (
        prop::sample::select(seeds),
        prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, any::<char>()), 0..4),
    )
        .prop_map(|(seed, edits)| {
            let mut chars: Vec<char> = seed.chars().collect();
            for (at, op, c) in edits {
                let len = chars.len();
                match op {
                    0 if len > 0 => {
                        let i = at.index(len);
                        chars[i] = c;
                    }
                    1 => {
                        let i = at.index(len + 1);
                        chars.insert(i, c);
                    }
                    _ if len > 0 => {
                        let i = at.index(len);
                        chars.remove(i);
                    }
                    _ => {}
                }
            }
            chars.into_iter().collect()
        })
}

const DATES: &[&str] = &[
    "2026-03-02",
    "02/03/2026",
    "1/1/1995",
    "2199-12-31",
    "0000-01-01",
];
const INSTANTS: &[&str] = &[
    "2026-03-02T09:30",
    "2026-03-02 09:30:15",
    "02/03/2026 9:30",
    "2026-02-13T10:30:00.000Z",
    "2026-02-13T17:30:00+07:00",
    "2026-02-13T03:30-07:00",
];
const LIMITS: &[&str] = &[
    "3wd",
    "15cd",
    "8wh",
    "same_day",
    "3 ngày làm việc",
    "trong ngày",
    "15 ngày",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![junk(), mutated(DATES), mutated(INSTANTS), mutated(LIMITS)]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn fuzz_dates(s in text()) {
        match parse_date(&s) {
            Ok(d) => prop_assert_eq!(parse_date(&d.to_string()).ok(), Some(d), "{:?}", s),
            Err(e) => prop_assert!(known_code(&e) && matches!(e.code(), "invalid_date" | "empty_input"), "{:?}: {}", s, e),
        }
    }

    #[test]
    fn fuzz_times(s in text()) {
        match parse_time(&s) {
            Ok(t) => {
                let again = parse_time(&t.format("%H:%M:%S").to_string());
                prop_assert_eq!(again.ok(), Some(t), "{:?}", s);
            }
            Err(e) => prop_assert!(known_code(&e), "{:?}: {}", s, e),
        }
    }

    #[test]
    fn fuzz_instants(s in text(), end in any::<bool>()) {
        let mode = if end { DateOnly::EndOfDay } else { DateOnly::StartOfDay };
        match parse_instant(&s, mode) {
            Ok(t) => {
                // The canonical form (Vietnam wall clock, whole seconds) reads back the same.
                let t = t.with_nanosecond(0).unwrap_or(t);
                let back = parse_instant(&format_instant(t), mode);
                prop_assert_eq!(back.ok(), Some(t), "{:?}", s);
            }
            Err(e) => prop_assert!(known_code(&e), "{:?}: {}", s, e),
        }
    }

    #[test]
    fn fuzz_time_limits(s in text()) {
        match s.parse::<TimeLimit>() {
            Ok(l) => prop_assert_eq!(l.to_string().parse::<TimeLimit>().ok(), Some(l), "{:?}", s),
            Err(e) => prop_assert!(known_code(&e), "{:?}: {}", s, e),
        }
    }

    #[test]
    fn fuzz_lunar(year in prop_oneof![any::<i32>(), 1890i32..2210], month in any::<u8>(), day in any::<u8>(), leap in any::<bool>()) {
        match motcua::lunar::from_lunar(year, month, day, leap) {
            Ok(d) => {
                let l = motcua::lunar::to_lunar(d).unwrap();
                prop_assert_eq!((l.year, l.month, l.day, l.leap), (year, month, day, leap));
            }
            Err(e) => prop_assert!(
                matches!(e.code(), "invalid_lunar_date" | "date_out_of_range"),
                "{} {} {} {}: {}", year, month, day, leap, e
            ),
        }
    }

    #[test]
    fn fuzz_gregorian_to_lunar(days in any::<i32>()) {
        let Some(d) = NaiveDate::from_num_days_from_ce_opt(days) else { return Ok(()) };
        match motcua::lunar::to_lunar(d) {
            Ok(l) => prop_assert_eq!(motcua::lunar::from_lunar(l.year, l.month, l.day, l.leap).ok(), Some(d)),
            Err(e) => prop_assert!(e.code() == "date_out_of_range" && !(1900..=2199).contains(&d.year()) || d < NaiveDate::from_ymd_opt(1900, 1, 31).unwrap(), "{}: {}", d, e),
        }
    }
}

const SCHEDULE_FILES: &[&str] = &[
    r#"{"years": {"2027": {"status": "official", "days_off": ["2027-01-01", "2027-02-11"], "makeup_working_days": ["2027-02-20"], "breaks": [{"name": "Tết", "from": "2027-02-04", "to": "2027-02-11"}], "pending": {"days_off": [], "makeup_working_days": [], "basis": "x"}}}}"#,
    r#"{"source_note": "n", "years": {"2030": {"status": "provisional", "days_off": [], "makeup_working_days": []}}}"#,
];

const SPECS: &[&str] = &[
    r#"{"weekmask": "1111100", "from": "2026-01-01", "to": "2026-12-31", "holidays": ["2026-01-01", {"date": "2026-04-30", "name": "x"}], "working_days": ["2026-01-10"], "office_hours": [["07:30", "11:30"], ["13:00", "17:00"]]}"#,
];

const DOSSIERS: &[&str] = &[
    r#"{"received":"2026-03-02T09:30","channel":"direct","time_limit":{"working_days":3},"events":[{"type":"supplement_requested","at":"2026-03-03T10:00"},{"type":"supplement_received","at":"2026-03-10T08:00"},{"type":"resolved","at":"2026-03-12T16:00"}]}"#,
    r#"{"received":"2026-03-02","time_limit":"15cd","events":[{"type":"apology","at":"2026-03-05","new_due":"2026-03-30"}]}"#,
];

const CATALOGUES: &[&str] = &[
    r#"[{"code": "1.001", "name": "Chứng thực", "field": "Chứng thực", "level": "commune", "time_limit": "same_day", "online": "partial"}]"#,
];

const CATALOGUE_FILES: &[&str] = &[
    "\u{feff}code,name,field,level,time_limit,online\n1.1,Khai sinh,Hộ tịch,commune,3wd,full\n\"1.2\",\"Đất, đai\",Đất đai,district,15 ngày,none\n",
    r#"[{"code": "1.001", "name": "Chứng thực", "field": "Chứng thực", "level": "commune", "time_limit": {"working_days": 2}, "online": "partial", "stages": [{"agency": "A", "time_limit": "1wd"}, {"agency": "B", "time_limit": "1wd"}]}]"#,
];

fn json_like(seeds: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![junk(), mutated(seeds)]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn fuzz_schedules_files(s in json_like(SCHEDULE_FILES)) {
        match Schedules::from_json(&s) {
            Ok(f) => prop_assert_eq!(Schedules::from_json(&f.to_json()).ok(), Some(f)),
            Err(e) => prop_assert!(
                matches!(e.code(), "invalid_json" | "invalid_schedule" | "date_out_of_range"),
                "{:?}: {}", s, e
            ),
        }
    }

    #[test]
    fn fuzz_calendar_specs(s in json_like(SPECS)) {
        match CalendarSpec::from_json(&s) {
            Ok(spec) => {
                let again = CalendarSpec::from_json(&serde_json::to_string(&spec).unwrap());
                prop_assert_eq!(again.as_ref().ok(), Some(&spec), "{:?}", s);
                if let Err(e) = spec.compile() {
                    prop_assert!(known_code(&e), "{}", e);
                }
            }
            Err(e) => prop_assert!(matches!(e.code(), "invalid_json" | "invalid_spec" | "invalid_date"), "{:?}: {}", s, e),
        }
    }

    #[test]
    fn fuzz_dossiers(s in json_like(DOSSIERS)) {
        match motcua::dossier::Dossier::from_json(&s) {
            Ok(d) => {
                // A parsed dossier is answered or refused with a typed error, never a panic.
                let cal = motcua::vn::public_sector().unwrap();
                if let Err(e) = motcua::deadline::due(&d, &cal, &Default::default(), None) {
                    prop_assert!(known_code(&e), "{}", e);
                }
            }
            Err(e) => prop_assert!(known_code(&e), "{:?}: {}", s, e),
        }
    }

    #[test]
    fn fuzz_catalogues(s in json_like(CATALOGUES)) {
        match motcua::procedure::Catalogue::from_json(&s) {
            Ok(c) => prop_assert!(!c.procedures().is_empty()),
            Err(e) => prop_assert!(known_code(&e), "{:?}: {}", s, e),
        }
    }

    /// Catalogue files as every door loads them (JSON or CSV, told apart by content): a
    /// catalogue that loads has procedures and reads back the same from its JSON form.
    #[test]
    fn fuzz_catalogue_files(s in json_like(CATALOGUE_FILES)) {
        match motcua::records::load_catalogue(&s) {
            Ok(c) => {
                prop_assert!(!c.procedures().is_empty());
                let json = serde_json::to_string(c.procedures()).unwrap();
                let again = motcua::procedure::Catalogue::from_json(&json);
                prop_assert_eq!(again.map(|a| a.procedures().to_vec()).ok(), Some(c.procedures().to_vec()), "{:?}", s);
            }
            Err(e) => prop_assert!(known_code(&e), "{:?}: {}", s, e),
        }
    }
}

const CSV_RECORDS: &[&str] = &[
    "id,received,time_limit,resolved,field\nA,2026-03-02T09:30,3wd,04/03/2026 10:00,Hộ tịch\nB,2026-03-02,15cd,,\"Đất, đai\"\n\n\"C\",02/03/2026 9:30,same_day,2026-03-02T16:00,\"a\nb \"\"q\"\"\"\r\nD,2026-03-02T09:30,8wh,2026-03-03T08:00,X\n",
    "received;time_limit;supplement_requested;supplement_received;channel\r\n2026-03-02T09:30;3wd;2026-03-03T10:00;2026-03-10T08:00;online\r\n",
    "sep=\t\nreceived\ttime_limit\tfield\n2026-03-02T09:30\t3wd\t\"a,b\"\n",
];

const JSON_LINES: &[&str] = &[
    "{\"id\":\"A\",\"received\":\"2026-03-02T09:30\",\"time_limit\":\"3wd\",\"resolved\":\"2026-03-04T10:00\",\"field\":\"Hộ tịch\"}\n\n{\"id\":7,\"received\":\"02/03/2026\",\"time_limit\":\"15cd\",\"field\":null}\n",
];

/// Every record of `bytes` read in blocks of `block` bytes: its line and its code (`ok` when
/// the record reads into a dossier), or the error of the whole source.
fn read_records(
    bytes: &[u8],
    format: motcua::records::TextFormat,
    block: usize,
) -> Result<Vec<(u64, &'static str)>, motcua::Error> {
    use motcua::records::{Layout, ReadOptions, Record, TextSource};
    let opts = ReadOptions {
        by: vec!["field".into()],
        ..ReadOptions::default()
    };
    let mut src = TextSource::open(bytes, format, &opts)?.with_block_size(block);
    let layout = Layout::resolve(src.names(), &opts)?;
    let parser = src.parser();
    let mut record = Record::new();
    let mut out = Vec::new();
    let mut bad = None;
    while let Some(b) = src.next_block()? {
        parser.parse(&b, |at, row| {
            let r = row.and_then(|row| layout.read(at, row, &mut record));
            match r {
                Ok(()) => out.push((at.line(), "ok")),
                Err(e) => {
                    if !known_code(&e) || e.line() != Some(at.line()) {
                        bad.get_or_insert(e.clone());
                    }
                    out.push((at.line(), e.code()));
                }
            }
            true
        });
    }
    if let Some(e) = bad {
        panic!("an untyped or unlocated error: {e:?}");
    }
    parser.finish(out.len() as u64)?;
    Ok(out)
}

/// Arbitrary bytes (not always UTF-8), or a valid record file mutated at the byte level.
fn record_bytes(seeds: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..256),
        mutated(seeds).prop_map(String::into_bytes),
        (
            mutated(seeds),
            prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4)
        )
            .prop_map(|(s, edits)| {
                let mut b = s.into_bytes();
                for (at, byte) in edits {
                    if !b.is_empty() {
                        let i = at.index(b.len());
                        b[i] = byte;
                    }
                }
                b
            }),
    ]
}

proptest! {
    #![proptest_config(config())]

    /// CSV records: no panic; every record read or refused with a typed error at its line
    /// (within the input's lines); the same records whatever the block size (a runaway quote
    /// or a long line cut nowhere else).
    #[test]
    fn fuzz_csv_records(b in record_bytes(CSV_RECORDS), block in 1usize..48) {
        same_records(&b, motcua::records::TextFormat::Csv, block, 2)?;
    }

    /// JSON lines: the same, each line one record.
    #[test]
    fn fuzz_json_lines(b in record_bytes(JSON_LINES), block in 1usize..48) {
        same_records(&b, motcua::records::TextFormat::JsonLines, block, 1)?;
    }

    /// UTF-16 records (a byte-order mark, then a mutated file's text encoded, or any bytes as
    /// code units): no panic, typed errors at their record's line, the same records in any
    /// block size; valid text reads as its UTF-8 (the standard library's encoder).
    #[test]
    fn fuzz_utf16_records(
        b in record_bytes(CSV_RECORDS),
        big_endian in any::<bool>(),
        jsonl in any::<bool>(),
        block in 1usize..48,
    ) {
        use motcua::records::{TextFormat, BLOCK_SIZE};
        let format = if jsonl { TextFormat::JsonLines } else { TextFormat::Csv };
        let bom = if big_endian { [0xFE, 0xFF] } else { [0xFF, 0xFE] };
        let codes = |r: Result<Vec<(u64, &'static str)>, motcua::Error>| {
            r.map_err(|e| {
                assert!(known_code(&e), "{e}");
                e.code()
            })
        };
        let utf16: Vec<u8> = match std::str::from_utf8(&b) {
            Ok(text) => bom
                .into_iter()
                .chain(text.encode_utf16().flat_map(|u| {
                    if big_endian { u.to_be_bytes() } else { u.to_le_bytes() }
                }))
                .collect(),
            Err(_) => bom.into_iter().chain(b.iter().copied()).collect(),
        };
        let whole = codes(read_records(&utf16, format, BLOCK_SIZE));
        prop_assert_eq!(&whole, &codes(read_records(&utf16, format, block)));
        // (zip bytes are named by the file's first bytes, which here are the mark; bytes whose
        // first two hold one 0, ASCII in UTF-16 without its mark, are read as UTF-16)
        let zip = b.starts_with(b"PK\x03\x04") || b.starts_with(b"PK\x05\x06");
        let unmarked = matches!(b.get(..2), Some([x, 0] | [0, x]) if *x != 0);
        if std::str::from_utf8(&b).is_ok() && !zip && !unmarked {
            prop_assert_eq!(whole, codes(read_records(&b, format, BLOCK_SIZE)));
        }
    }
}

/// The fuzzer's find (CI, December 2026): a header ended by a carriage return alone. The
/// record after it is on line 2 (as an editor shows it), read whole and in any block size.
#[test]
fn a_header_ended_by_a_carriage_return_alone() {
    let b = b"id,received,time_limit,resolved,field\rA,2026-03-02T09:30,3wd,04/03/2026 10:00,\
H\xe1\xbb\x99 t\xe1\xbb\x8bch\nB,2026-03-02,15cd,,\"\xc4\x90\xe1\xba\xa5t, \xc4\x91ai\"\n\n\"C\",\
02/03/2026 9:30,same_day,2026-03-02T16:00,\"a\nb \"\"q\"\"\"\r\nD,2026-03-02T09:30,8wh,\
2026-03-03T08:00,X\n";
    for block in 1..48 {
        same_records(b, motcua::records::TextFormat::Csv, block, 2).unwrap();
        let lines: Vec<u64> = read_records(b, motcua::records::TextFormat::Csv, block)
            .unwrap()
            .iter()
            .map(|&(l, _)| l)
            .collect();
        assert_eq!(lines, [2, 3, 5, 7], "block {block}");
    }
}

/// `b` read whole and in blocks of `block` bytes gives the same records, each at a line from
/// `first_line` to the input's last, or the same typed error.
fn same_records(
    b: &[u8],
    format: motcua::records::TextFormat,
    block: usize,
    first_line: u64,
) -> Result<(), TestCaseError> {
    // Lines as the reader counts them: a line feed ends one, and so does a carriage return
    // not followed by a line feed (classic Mac OS line ends), in CSV and JSON lines alike.
    let breaks = (0..b.len())
        .filter(|&i| match b[i] {
            b'\n' => true,
            b'\r' => b.get(i + 1) != Some(&b'\n'),
            _ => false,
        })
        .count();
    let lines = breaks as u64 + 1;
    let whole = read_records(b, format, motcua::records::BLOCK_SIZE);
    let cut = read_records(b, format, block);
    match (&whole, &cut) {
        (Ok(w), Ok(c)) => {
            prop_assert_eq!(w, c);
            prop_assert!(
                w.iter().all(|(l, _)| (first_line..=lines).contains(l)),
                "{:?}",
                w
            );
        }
        (Err(w), Err(c)) => prop_assert!(known_code(w) && w.code() == c.code(), "{} / {}", w, c),
        _ => prop_assert!(false, "{:?} / {:?}", whole, cut),
    }
    Ok(())
}

/// The mutation strategy really produces valid and invalid inputs alike (a harness whose
/// inputs all fail at the first byte would test nothing).
#[test]
fn the_mutator_reaches_both_outcomes() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strat = mutated(INSTANTS);
    let (mut ok, mut bad) = (0, 0);
    let mut codes = HashSet::new();
    for _ in 0..2000 {
        let s = strat.new_tree(&mut runner).unwrap().current();
        match parse_instant(&s, DateOnly::StartOfDay) {
            Ok(_) => ok += 1,
            Err(e) => {
                bad += 1;
                codes.insert(e.code());
            }
        }
    }
    assert!(ok > 100 && bad > 100, "ok {ok}, bad {bad}");
    assert!(codes.contains("invalid_date"), "{codes:?}");
}
