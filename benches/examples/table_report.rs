//! The report of a table in memory (what a Python frame hands over: timestamps as integers,
//! strings as Arrow string views with validity bitmaps, as polars gives them) on one thread,
//! for counting instructions of the frame path without Python:
//!
//! ```text
//! python3 core/examples/sample/generate.py --rows 100000 --seed 1 --out /tmp/d100k.csv --quiet
//! cargo build --release -p motcua-benches --example table_report
//! valgrind --tool=callgrind --toggle-collect='table_report::run' \
//!     target/release/examples/table_report /tmp/d100k.csv
//! ```
//!
//! then divide the "Collected" count by the rows. The report is by `field` × month as of
//! 2026-11-15 with the sample catalogue, as `benches/report_frames.py` times it. Without
//! valgrind it prints the rows per second of the run (`REPEAT` times, second argument, default
//! 1). The CSV is read by a plain split on commas (the sample generator writes no quotes) and
//! its two date forms (`YYYY-MM-DDTHH:MM`, `DD/MM/YYYY HH:MM`) parsed here, not timed.

use std::process::ExitCode;

use chrono::{NaiveDate, NaiveDateTime};
use motcua::civil::{Clock, TimeUnit};
use motcua::procedure::Catalogue;
use motcua::records::{
    load_catalogue, run_tables, Column, Layout, OnBad, ReadOptions, RunOptions, Table, Validity,
};
use motcua::report::{Context, PeriodKind, ReportOptions, ReportSink};
use motcua::WorkCalendar;

/// The columns of a table, owned: the buffers the [`Column`]s borrow.
enum Owned {
    /// Microseconds since 1970 (wall clock) and a validity bitmap.
    Instants(Vec<i64>, Vec<u8>),
    /// Day numbers and a validity bitmap.
    Days(Vec<i32>, Vec<u8>),
    /// Arrow string views, their one data buffer and a validity bitmap.
    Views(Vec<u8>, Vec<u8>, Vec<u8>),
}

impl Owned {
    fn column(&self) -> Column<'_> {
        let col = match self {
            Owned::Instants(v, b) => {
                Column::timestamps(v, TimeUnit::Microsecond, Clock::VietnamWall)
                    .with_validity(bits(b))
            }
            Owned::Days(v, b) => Column::days32(v).with_validity(bits(b)),
            Owned::Views(views, data, b) => Column::utf8_views(views, &[data], bits(b)),
        };
        col.unwrap_or_else(|e| {
            eprintln!("bad column: {e}");
            std::process::exit(2)
        })
    }
}

fn bits(b: &[u8]) -> Validity<'_> {
    Validity::Bits { bits: b, offset: 0 }
}

fn cell<'a>(r: &[&'a str], j: usize) -> &'a str {
    r.get(j).copied().unwrap_or("")
}

fn instant(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%d/%m/%Y %H:%M"))
        .ok()
}

/// Reads the sample generator's CSV into owned columns.
fn load(path: &str) -> std::io::Result<(Vec<String>, Vec<Owned>, usize)> {
    let text = std::fs::read_to_string(path)?;
    let mut lines = text.lines();
    let names: Vec<String> = lines
        .next()
        .unwrap_or("")
        .split(',')
        .map(str::to_string)
        .collect();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let n = rows.len();
    let columns = (0..names.len())
        .map(|j| {
            let name = names.get(j).map_or("", String::as_str);
            let mut bits = vec![0u8; n.div_ceil(8)];
            let mut set = |i: usize| {
                if let Some(b) = bits.get_mut(i / 8) {
                    *b |= 1 << (i % 8);
                }
            };
            if name == "new_due" {
                let epoch = NaiveDate::default();
                let v = rows
                    .iter()
                    .enumerate()
                    .map(
                        |(i, r)| match NaiveDate::parse_from_str(cell(r, j), "%Y-%m-%d") {
                            Ok(d) => {
                                set(i);
                                i32::try_from((d - epoch).num_days()).unwrap_or(0)
                            }
                            Err(_) => 0,
                        },
                    )
                    .collect();
                Owned::Days(v, bits)
            } else if [
                "received",
                "supplement",
                "resolved",
                "refused",
                "withdrawn",
                "feedback",
            ]
            .iter()
            .any(|p| name.starts_with(p))
            {
                let v = rows
                    .iter()
                    .enumerate()
                    .map(|(i, r)| match instant(cell(r, j)) {
                        Some(t) => {
                            set(i);
                            t.and_utc().timestamp_micros()
                        }
                        None => 0,
                    })
                    .collect();
                Owned::Instants(v, bits)
            } else {
                let mut views = Vec::with_capacity(16 * n);
                let mut data = Vec::new();
                for (i, r) in rows.iter().enumerate() {
                    let s = cell(r, j).as_bytes();
                    if !s.is_empty() {
                        set(i);
                    }
                    let len = u32::try_from(s.len()).unwrap_or(0);
                    views.extend_from_slice(&len.to_le_bytes());
                    if s.len() <= 12 {
                        let mut inline = [0u8; 12];
                        if let Some(b) = inline.get_mut(..s.len()) {
                            b.copy_from_slice(s);
                        }
                        views.extend_from_slice(&inline);
                    } else {
                        views.extend_from_slice(s.get(..4).unwrap_or(&[0; 4]));
                        views.extend_from_slice(&0u32.to_le_bytes());
                        let at = u32::try_from(data.len()).unwrap_or(0);
                        views.extend_from_slice(&at.to_le_bytes());
                        data.extend_from_slice(s);
                    }
                }
                Owned::Views(views, data, bits)
            }
        })
        .collect();
    Ok((names, columns, n))
}

/// The run measured: the report of `table` by field × month, on this thread.
#[inline(never)]
fn run(
    table: &Table<'_>,
    layout: &Layout,
    calendar: &WorkCalendar,
    catalogue: &Catalogue,
    opts: &ReportOptions,
) -> motcua::Result<usize> {
    let ctx = Context {
        calendar,
        catalogue: Some(catalogue),
        rules: Default::default(),
    };
    let run = RunOptions {
        threads: 1,
        on_bad: OnBad::Stop,
        first_row: 0,
    };
    let (sink, tally) = run_tables(
        std::slice::from_ref(table),
        layout,
        &run,
        || ReportSink::new(ctx, opts.clone(), false),
        |_| {},
    )?;
    Ok(sink.partial().rows().len() + usize::try_from(tally.counted).unwrap_or(0))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), repeat) = (args.get(1), args.get(2)) else {
        eprintln!("usage: table_report FILE.csv [REPEAT]");
        return ExitCode::from(2);
    };
    let repeat: u32 = repeat.and_then(|r| r.parse().ok()).unwrap_or(1);
    let go = || -> Result<(), Box<dyn std::error::Error>> {
        let (names, owned, n) = load(path)?;
        let columns = owned.iter().map(Owned::column).collect();
        let table = Table::new(names.clone(), columns)?;
        let read = ReadOptions {
            by: vec!["field".to_string()],
            ..ReadOptions::default()
        };
        let layout = Layout::resolve(&names, &read)?;
        let calendar = motcua::vn::public_sector()?;
        let root = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../core/examples/sample/catalogue.json"
        );
        let catalogue = load_catalogue(&std::fs::read_to_string(root)?)?;
        let mut opts = ReportOptions::new("2026-11-15T00:00:00".parse()?);
        opts.by = vec!["field".to_string()];
        opts.period = Some(PeriodKind::Month);
        let start = std::time::Instant::now();
        let mut acc = 0;
        for _ in 0..repeat {
            acc += run(&table, &layout, &calendar, &catalogue, &opts)?;
        }
        let secs = start.elapsed().as_secs_f64();
        let rate = f64::from(repeat) * n as f64 / secs / 1e6;
        println!("{n} rows: {rate:.2} M rows/s ({acc})");
        Ok(())
    };
    match go() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("table_report: {e}");
            ExitCode::FAILURE
        }
    }
}
