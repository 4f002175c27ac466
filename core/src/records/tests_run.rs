//! Unit tests of the record runs: chunks, threads, order and skip-bad accounting.

use super::*;
use crate::records::Layout;

/// A sink keeping each record's received instant and the bad records' rows, in order.
#[derive(Debug, Default)]
struct Seen(Vec<String>);

impl Sink for Seen {
    fn check(&self, _: &crate::records::Layout) -> Result<()> {
        Ok(())
    }
    fn as_of(&self) -> Option<chrono::NaiveDateTime> {
        None
    }
    fn catalogue(&self) -> Option<&crate::procedure::Catalogue> {
        None
    }
    fn record(&mut self, at: Locator, r: &Record) -> Result<bool> {
        self.0.push(format!("{}:{}", at.line(), r.dossier.received));
        Ok(true)
    }

    fn reject(&mut self, at: Locator, e: &Error) {
        self.0.push(format!("{}:{}", at.line(), e.code()));
    }

    fn append(&mut self, later: Self) -> Result<()> {
        self.0.extend(later.0);
        Ok(())
    }
}

/// Numbers near their type's end are errors or saturate, never wrap (a Rust service's
/// tester found each one wrapping in release builds and panicking in debug ones).
#[test]
fn row_numbers_scales_and_counts_near_their_limits() {
    use crate::records::service::{parse_satisfaction, Satisfaction};
    use crate::records::{Column, ReadOptions, Table};
    // A 1.5-billion-point scale: 500 million is in its lowest two fifths.
    let s = parse_satisfaction("500000000", 1_500_000_000).unwrap();
    assert_eq!(s, Satisfaction::Dissatisfied);
    assert_eq!(
        parse_satisfaction("1500000000", 1_500_000_000).unwrap(),
        Satisfaction::Satisfied
    );
    // Rows numbered from near usize::MAX: refused before any row is read.
    let table = Table::new(
        vec!["received".into(), "time_limit".into()],
        vec![Column::null(3), Column::null(3)],
    )
    .unwrap();
    let read = ReadOptions::default();
    let layout = Layout::resolve(table.names(), &read).unwrap();
    let opts = RunOptions {
        first_row: usize::MAX - 1,
        ..RunOptions::default()
    };
    let e = run_tables(&[table], &layout, &opts, Seen::default, |_| {}).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e}");
    // Locators saturate; chunks summing past usize are not a column.
    assert_eq!(Locator::Row(usize::MAX).line(), u64::MAX);
    assert_eq!(Locator::Line(u64::MAX).offset(1), Locator::Line(u64::MAX));
    let e = Table::segments(
        vec!["received".into()],
        vec![vec![Column::null(usize::MAX), Column::null(2)]],
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    // Rates of counts built by hand saturate rather than wrap to 0.
    let c = crate::report::Counts {
        early: u64::MAX,
        on_time: 1,
        resolved: 1,
        ..crate::report::Counts::default()
    };
    assert!(c.on_time_rate().unwrap() > 1.0);
}

#[test]
fn tables_in_batches_and_chunks_keep_row_order() {
    use crate::records::{Column, OwnedCell, ReadOptions, Table};
    let n = CHUNK_ROWS + 3 * BATCH_ROWS + 17;
    let received: Vec<OwnedCell> = (0..n)
        .map(|i| {
            if i % 1000 == 999 {
                OwnedCell::Text("bad".into())
            } else {
                OwnedCell::Text(format!("2026-03-02T{:02}:{:02}", 7 + i % 10, i % 60))
            }
        })
        .collect();
    let limit = vec![OwnedCell::Text("3wd".into()); n];
    let names = vec!["received".to_string(), "time_limit".to_string()];
    let table = Table::new(
        names.clone(),
        vec![Column::cells(&received), Column::cells(&limit)],
    )
    .unwrap();
    let layout = Layout::resolve(&names, &ReadOptions::default()).unwrap();
    let mut runs = Vec::new();
    for threads in [1, 2, 5] {
        let opts = RunOptions {
            threads,
            on_bad: OnBad::Skip,
            first_row: 10,
        };
        let mut errors = Vec::new();
        let (seen, tally) = run_tables(
            std::slice::from_ref(&table),
            &layout,
            &opts,
            Seen::default,
            |e| errors.push(e.index()),
        )
        .unwrap();
        assert_eq!(seen.0.len(), n);
        assert_eq!(tally.bad as usize, n / 1000);
        assert_eq!(errors.first().copied().flatten(), Some(10 + 999));
        runs.push(seen.0);
    }
    assert!(runs.windows(2).all(|w| w[0] == w[1]));
    let stop = RunOptions {
        threads: 2,
        on_bad: OnBad::Stop,
        first_row: 0,
    };
    let e = run_tables(&[table], &layout, &stop, Seen::default, |_| {}).unwrap_err();
    assert_eq!((e.index(), e.field()), (Some(999), Some("received")));
}

/// Runs `text` (CSV or JSON lines) through a [`Seen`] sink that also marks blank records.
fn seen_text(text: &str, format: super::super::TextFormat) -> Result<(Vec<String>, Tally)> {
    #[derive(Debug, Default)]
    struct Marked(Seen);
    impl Sink for Marked {
        fn check(&self, _: &crate::records::Layout) -> Result<()> {
            Ok(())
        }
        fn as_of(&self) -> Option<chrono::NaiveDateTime> {
            None
        }
        fn catalogue(&self) -> Option<&crate::procedure::Catalogue> {
            None
        }
        fn record(&mut self, at: Locator, r: &Record) -> Result<bool> {
            self.0.record(at, r)
        }
        fn reject(&mut self, at: Locator, e: &Error) {
            self.0.reject(at, e);
        }
        fn blank(&mut self, at: Locator) {
            self.0 .0.push(format!("{}:blank", at.line()));
        }
        fn append(&mut self, later: Self) -> Result<()> {
            self.0.append(later.0)
        }
    }
    let read = crate::records::ReadOptions::default();
    let mut src = super::super::TextSource::open(text.as_bytes(), format, &read)?;
    let layout = Layout::resolve(src.names(), &read)?;
    let opts = RunOptions {
        threads: 1,
        on_bad: OnBad::Skip,
        first_row: 0,
    };
    let (seen, tally) = run_text(&mut src, &layout, &opts, Marked::default, |_| {})?;
    Ok((seen.0 .0, tally))
}

#[test]
fn blank_records_are_skipped_as_blank_lines_are() {
    use super::super::TextFormat::{Csv, JsonLines};
    // A spreadsheet's empty rows (`,,,,`, with spaces or quotes), among records and at the
    // end: not dossiers, not counted, not errors; the sink is told where they were.
    let csv = "id,received,time_limit,channel,notes\n\
                   A,2026-03-02,3wd,online,\n\
                   ,,,,\n\
                   , ,\"\", ,\n\
                   B,2026-03-03,3wd,,\n\
                   ,,,,a note\n\
                   C,,3wd,,\n\
                   ,,,online,\n\
                   ,,,,\n";
    let (seen, tally) = seen_text(csv, Csv).unwrap();
    assert_eq!(
        seen,
        [
            "2:2026-03-02 00:00:00",
            "3:blank",
            "4:blank",
            "5:2026-03-03 00:00:00",
            // (`notes` is not read: the row holds nothing read)
            "6:blank",
            // An id alone, a channel alone: records, with their errors.
            "7:csv_field",
            "8:csv_field",
            "9:blank",
        ]
    );
    assert_eq!((tally.counted, tally.left_out, tally.bad), (2, 0, 2));
    // The note alone (line 6) is told apart from the empty records: skipped, counted.
    assert_eq!((tally.unread, tally.first_unread), (1, Some(6)));
    // The same records through the csv reader (a quote in the block), and a quoted note.
    let quoted = csv.replace("A,2026", "\"A\",2026") + ",,,,\"a, note\"\n";
    let (seen_q, tally_q) = seen_text(&quoted, Csv).unwrap();
    assert_eq!(seen_q.get(..8), seen.get(..));
    assert_eq!(seen_q.get(8).map(String::as_str), Some("10:blank"));
    assert_eq!((tally_q.unread, tally_q.first_unread), (2, Some(6)));
    // Records short of the header's columns (a spreadsheet's `,,` or a footer `,,,,Tổng`
    // written with fewer separators): as at full width when their cells read are all empty
    // (blank, or said as unread); with a value read, still an error (a record cut short is
    // not guessed at). Through both readers (a quote in the block: the csv reader's).
    let short = "id,received,time_limit,channel,notes,extra\n\
                     A,2026-03-02,3wd,online,,\n\
                     ,,\n\
                     ,,,,Tổng\n\
                     ,2026-03-03,3wd\n\
                     B,2026-03-03,3wd,,,\n\
                     ,,,online\n";
    for text in [short.to_string(), short.replace("A,2026", "\"A\",2026")] {
        let (seen, tally) = seen_text(&text, Csv).unwrap();
        assert_eq!(
            seen,
            [
                "2:2026-03-02 00:00:00",
                "3:blank",
                "4:blank",
                "5:csv_field",
                "6:2026-03-03 00:00:00",
                "7:csv_field",
            ],
            "{text}"
        );
        assert_eq!((tally.counted, tally.bad), (2, 2));
        assert_eq!((tally.unread, tally.first_unread), (1, Some(4)));
    }
    let lines = "{\"received\":\"2026-03-02\",\"time_limit\":\"3wd\"}\n{}\n";
    let (seen, tally) = seen_text(lines, JsonLines).unwrap();
    assert_eq!(seen, ["1:2026-03-02 00:00:00", "2:blank"]);
    assert_eq!(tally.counted, 1);
    // Only empty objects: no record.
    let e = seen_text("{}\n{}\n", JsonLines).unwrap_err();
    assert_eq!(e.code(), "csv_empty");
}

/// A record with two ends (a result and a refusal) is said so by its columns, whatever
/// their order: the lifecycle's "refused ... comes after resolved ... in the list but is
/// earlier" spoke of a list a row does not have.
#[test]
fn two_ends_of_a_record_are_named_by_their_columns() {
    use crate::records::{Column, OwnedCell, ReadOptions, Table};
    let text = |v: &[&str]| -> Vec<OwnedCell> {
        v.iter()
            .map(|s| {
                if s.is_empty() {
                    OwnedCell::Missing
                } else {
                    OwnedCell::Text((*s).into())
                }
            })
            .collect()
    };
    let received = text(&["2026-03-02T09:00"; 3]);
    let limit = text(&["3wd"; 3]);
    let resolved = text(&["2026-03-05T10:00", "2026-03-04T10:00", "2026-03-04T10:00"]);
    let refused = text(&["2026-03-04T10:00", "2026-03-05T10:00", ""]);
    let table = Table::new(
        ["received", "time_limit", "resolved", "refused"]
            .map(String::from)
            .to_vec(),
        vec![
            Column::cells(&received),
            Column::cells(&limit),
            Column::cells(&resolved),
            Column::cells(&refused),
        ],
    )
    .unwrap();
    let layout = Layout::resolve(table.names(), &ReadOptions::default()).unwrap();
    let mut r = Record::new();
    for i in 0..2 {
        let e = layout
            .read(Locator::Row(i), &table.row(i), &mut r)
            .unwrap_err();
        assert_eq!(e.field(), Some("refused"));
        assert!(
            e.message()
                .contains("`resolved` and `refused` are both given: a dossier ends once"),
            "{e}"
        );
    }
    assert!(layout.read(Locator::Row(2), &table.row(2), &mut r).is_ok());
}

#[test]
fn ordered_keeps_order_on_many_threads() {
    for threads in [1, 2, 4] {
        let mut items = 0..1000u64;
        let mut seen = Vec::new();
        ordered(
            threads,
            || Ok(items.next()),
            |i| {
                if i % 7 == 0 {
                    std::thread::yield_now();
                }
                i * 2
            },
            |x| {
                seen.push(x);
                ControlFlow::Continue(())
            },
        )
        .unwrap();
        assert_eq!(seen, (0..1000).map(|i| i * 2).collect::<Vec<_>>());
    }
}

#[test]
fn ordered_stops_and_reports_source_errors() {
    let mut items = 0..1000u64;
    let mut seen = 0;
    ordered(
        2,
        || Ok(items.next()),
        |i| i,
        |x| {
            seen += 1;
            if x == 10 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        },
    )
    .unwrap();
    assert_eq!(seen, 11);
    let mut n = 0;
    let e = ordered(
        2,
        || {
            n += 1;
            if n > 5 {
                Err(Error::new(crate::ErrorKind::Io, "gone"))
            } else {
                Ok(Some(n))
            }
        },
        |i| i,
        |_| ControlFlow::Continue(()),
    )
    .unwrap_err();
    assert_eq!(e.code(), "io");
}

/// A frame's run sees only the columns it reads, so a row holding values in other columns
/// alone is skipped as blank unsaid; [`unread_rows`] over all the columns finds it (and only
/// it: not an empty row, not a dossier), numbered from the segments' `first_row` as a run's
/// rows are.
#[test]
fn unread_rows_are_found_with_every_column() {
    use crate::records::{Column, OwnedCell, ReadOptions};
    use OwnedCell::{Missing, Text};
    let t = |s: &str| Text(s.to_string());
    // Rows: a dossier, an empty row, a footer, whitespace in the note only, another footer.
    let received = [t("2026-03-02"), Missing, Missing, Missing, Missing];
    let limit = [t("3wd"), Missing, Missing, Missing, t("")];
    let notes = [
        t("ok"),
        Missing,
        t("Tổng cộng"),
        t("  "),
        OwnedCell::Int(500),
    ];
    let all = vec!["received", "time_limit", "notes"]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    let cols = |k: usize| {
        [&received[..], &limit[..], &notes[..]][..k]
            .iter()
            .map(|c| Column::cells(c))
            .collect::<Vec<_>>()
    };
    // What a frame hands the run: the columns read.
    let read = Table::new(all[..2].to_vec(), cols(2)).unwrap();
    let layout = Layout::resolve(&all[..2], &ReadOptions::default()).unwrap();
    let opts = RunOptions {
        threads: 1,
        on_bad: OnBad::Stop,
        first_row: 7,
    };
    let (_, tally) = run_tables(
        std::slice::from_ref(&read),
        &layout,
        &opts,
        Seen::default,
        |_| {},
    )
    .unwrap();
    assert_eq!((tally.counted, tally.unread), (1, 0));
    // Every column: rows 2 and 4 (lines 10 and 12 from row 7), as a CSV run says them.
    let whole = Table::new(all.clone(), cols(3)).unwrap();
    let wide = Layout::resolve(&all, &ReadOptions::default()).unwrap();
    let u = unread_rows(std::slice::from_ref(&whole), &wide, 7);
    assert_eq!((u.counted, u.unread, u.first_unread), (0, 2, Some(10)));
    let (_, csv) = seen_text(
        "received,time_limit,notes\n2026-03-02,3wd,ok\n,,\n,,Tổng cộng\n,,  \n,,500\n",
        super::super::TextFormat::Csv,
    )
    .unwrap();
    assert_eq!((csv.unread, csv.first_unread), (2, Some(4)));
    // In two segments, numbered on.
    let tail = Table::new(all.clone(), cols(3)).unwrap();
    let u = unread_rows(&[whole, tail], &wide, 0);
    assert_eq!((u.unread, u.first_unread), (4, Some(3)));
}

/// A CSV record with the wrong number of fields is named by its dossier id when its id cell
/// is there, plain or quoted (it was the one bad record of a report not named so), and by its
/// line alone when not; the line is said once.
#[test]
fn a_record_of_the_wrong_width_names_its_dossier_id() {
    #[derive(Debug, Default)]
    struct Ids(Vec<(u64, Option<String>, String)>);
    impl Sink for Ids {
        fn check(&self, _: &crate::records::Layout) -> Result<()> {
            Ok(())
        }
        fn as_of(&self) -> Option<chrono::NaiveDateTime> {
            None
        }
        fn catalogue(&self) -> Option<&crate::procedure::Catalogue> {
            None
        }
        fn record(&mut self, _: Locator, _: &Record) -> Result<bool> {
            Ok(true)
        }
        fn reject(&mut self, at: Locator, e: &Error) {
            self.0
                .push((at.line(), e.id().map(String::from), e.message().to_string()));
        }
        fn append(&mut self, later: Self) -> Result<()> {
            self.0.extend(later.0);
            Ok(())
        }
    }
    let read = crate::records::ReadOptions::default();
    for (text, quoted) in [
        ("time_limit,id,received,resolved\n3wd,C,2026-03-02\n3wd\n3wd,D,2026-03-02,2026-03-03,x\n", false),
        ("time_limit,id,received,resolved\n3wd,\"C\",2026-03-02\n3wd\n\"3wd\",D,2026-03-02,2026-03-03,x\n", true),
    ] {
        let mut src =
            super::super::TextSource::open(text.as_bytes(), super::super::TextFormat::Csv, &read)
                .unwrap();
        let layout = Layout::resolve(src.names(), &read).unwrap();
        let opts = RunOptions {
            threads: 1,
            on_bad: OnBad::Skip,
            first_row: 0,
        };
        let (ids, tally) = run_text(&mut src, &layout, &opts, Ids::default, |_| {}).unwrap();
        assert_eq!(tally.bad, 3, "quoted {quoted}");
        let want = [
            (2, Some("C"), "3 fields, the header has 4"),
            (3, None, "1 fields, the header has 4"),
            (4, Some("D"), "5 fields, the header has 4"),
        ];
        let got: Vec<(u64, Option<&str>, &str)> = ids
            .0
            .iter()
            .map(|(l, id, m)| (*l, id.as_deref(), m.as_str()))
            .collect();
        assert_eq!(got, want, "quoted {quoted}");
    }
}

/// Records by procedure code without a `field` or `level` column are grouped by their
/// procedure's in the catalogue (`--by field` was a missing column); a record counted by its
/// own limit, by the procedure in its `procedure` cell; none known: the empty group. A
/// column of the records wins over the catalogue; without a catalogue the column is missing.
#[test]
fn grouping_columns_the_records_lack_are_read_from_the_catalogue() {
    use crate::procedure::Catalogue;
    use crate::records::ReadOptions;
    #[derive(Debug)]
    struct Groups<'c>(Option<&'c Catalogue>, Vec<String>);
    impl Sink for Groups<'_> {
        fn check(&self, _: &crate::records::Layout) -> Result<()> {
            Ok(())
        }
        fn as_of(&self) -> Option<chrono::NaiveDateTime> {
            None
        }
        fn record(&mut self, at: Locator, r: &Record) -> Result<bool> {
            self.1.push(format!("{}:{}", at.line(), r.groups.join("|")));
            Ok(true)
        }
        fn catalogue(&self) -> Option<&Catalogue> {
            self.0
        }
        fn append(&mut self, later: Self) -> Result<()> {
            self.1.extend(later.1);
            Ok(())
        }
    }
    let cat = Catalogue::from_json(
        r#"[{"code":"HT-01","name":"Khai sinh","field":"Hộ tịch","level":"commune",
             "time_limit":"3wd","online":"full"},
            {"code":"DD-02","name":"Đất đai","field":"Đất đai","level":"province",
             "time_limit":"10wd","online":"partial"}]"#,
    )
    .unwrap();
    let run = |text: &str, by: &[&str], cat: Option<&Catalogue>| -> Result<Vec<String>> {
        let read = ReadOptions {
            by: by.iter().map(|b| b.to_string()).collect(),
            ..ReadOptions::default()
        };
        let format = match text.starts_with('{') {
            true => super::super::TextFormat::JsonLines,
            false => super::super::TextFormat::Csv,
        };
        let mut src = super::super::TextSource::open(text.as_bytes(), format, &read)?;
        let layout = Layout::resolve(src.names(), &read)?;
        let opts = RunOptions {
            threads: 1,
            on_bad: OnBad::Stop,
            first_row: 0,
        };
        let make = || Groups(cat, Vec::new());
        Ok(run_text(&mut src, &layout, &opts, make, |_| {})?.0 .1)
    };
    let by_code = "received,procedure,agency\n\
                   2026-03-02,HT-01,A\n\
                   2026-03-02,DD-02,B\n";
    assert_eq!(
        run(by_code, &["field", "level", "agency"], Some(&cat)).unwrap(),
        ["2:Hộ tịch|commune|A", "3:Đất đai|province|B"]
    );
    // Both columns: a row counted by its own limit is grouped by its `procedure` cell's.
    let both = "received,time_limit,procedure\n\
                2026-03-02,5wd,DD-02\n\
                2026-03-02,5wd,\n\
                2026-03-02,5wd,XX-99\n\
                2026-03-02,,HT-01\n";
    assert_eq!(
        run(both, &["field"], Some(&cat)).unwrap(),
        ["2:Đất đai", "3:", "4:", "5:Hộ tịch"]
    );
    // The records' own column wins.
    let own = "received,procedure,field\n2026-03-02,HT-01,Chứng thực\n";
    assert_eq!(run(own, &["field"], Some(&cat)).unwrap(), ["2:Chứng thực"]);
    // JSON lines: a line without the key has its procedure's (a line giving it, even empty,
    // its own); without a catalogue it is the empty group, as before.
    let lines = "{\"received\":\"2026-03-02\",\"procedure\":\"HT-01\",\"field\":\"Riêng\"}\n\
                 {\"received\":\"2026-03-02\",\"procedure\":\"DD-02\"}\n\
                 {\"received\":\"2026-03-02\",\"procedure\":\"DD-02\",\"field\":null}\n";
    assert_eq!(
        run(lines, &["field"], Some(&cat)).unwrap(),
        ["1:Riêng", "2:Đất đai", "3:"]
    );
    // Another grouping column a line leaves out reads as its own (no channel: direct).
    let channel = "{\"received\":\"2026-03-02\",\"procedure\":\"HT-01\"}\n\
                   {\"received\":\"2026-03-02\",\"procedure\":\"DD-02\",\"channel\":\"online\"}\n";
    assert_eq!(
        run(channel, &["channel", "field"], Some(&cat)).unwrap(),
        ["1:direct|Hộ tịch", "2:online|Đất đai"]
    );
    let plain_lines = "{\"received\":\"2026-03-02\",\"time_limit\":\"3wd\",\"field\":\"X\"}\n\
                       {\"received\":\"2026-03-02\",\"time_limit\":\"3wd\",\"procedure\":\"HT-01\"}\n";
    assert_eq!(run(plain_lines, &["field"], None).unwrap(), ["1:X", "2:"]);
    // JSON lines that never name a procedure: the catalogue gives them nothing, the key is
    // missing as before (every record was in the empty group); lines that do, without a
    // catalogue: missing, said with where it would come from.
    let no_codes = "{\"received\":\"2026-03-02\",\"time_limit\":\"3wd\"}\n";
    let e = run(no_codes, &["field"], Some(&cat)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::CsvMissingColumn, "{e}");
    assert!(!e.message().contains("catalogue"), "{e}");
    let codes = "{\"received\":\"2026-03-02\",\"procedure\":\"HT-01\",\"time_limit\":\"3wd\"}\n";
    let e = run(codes, &["field"], None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::CsvMissingColumn, "{e}");
    assert!(e.message().contains("--catalogue"), "{e}");
    // `Layout::read` (no catalogue) of a layout whose `field` only a catalogue gives: the
    // column is missing, not an empty group.
    let read = ReadOptions {
        by: vec!["field".into()],
        ..ReadOptions::default()
    };
    let layout = Layout::resolve(&["received", "procedure"], &read).unwrap();
    let received = [crate::records::OwnedCell::Text("2026-03-02".into())];
    let code = [crate::records::OwnedCell::Text("HT-01".into())];
    let table = crate::records::Table::new(
        vec!["received".into(), "procedure".into()],
        vec![
            crate::records::Column::cells(&received),
            crate::records::Column::cells(&code),
        ],
    )
    .unwrap();
    let mut r = Record::new();
    let e = layout
        .read(Locator::Row(0), &table.row(0), &mut r)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::CsvMissingColumn, "{e}");
    assert!(layout
        .read_with(Locator::Row(0), &table.row(0), &mut r, None, Some(&cat))
        .is_ok());
    assert_eq!(r.groups, ["Hộ tịch"]);
    // Without a catalogue, or without procedure codes, the column is missing.
    let e = run(both, &["field"], None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::CsvMissingColumn, "{e}");
    assert!(
        e.message().contains("--catalogue") && e.field() == Some("field"),
        "{e}"
    );
    let plain = "received,time_limit\n2026-03-02,3wd\n";
    let e = run(plain, &["level"], Some(&cat)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::CsvMissingColumn, "{e}");
    // Only the catalogue's `field` and `level`: another column is missing as before.
    let e = run(by_code, &["name"], Some(&cat)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::CsvMissingColumn, "{e}");
}
