//! `due` or `classify` over the deadline benchmark's dossiers in a plain loop, for counting
//! instructions, which do not move with the machine's load or speed as times do:
//!
//! ```text
//! cargo build --release -p motcua-benches --example deadline_loop
//! valgrind --tool=callgrind --toggle-collect='deadline_loop::run_*' \
//!     target/release/examples/deadline_loop due 200000
//! ```
//!
//! then divide the "Collected" count by the dossiers (`classify` in place of `due` for the
//! other: the loops are `run_due` and `run_classify`). Without valgrind it prints the dossiers
//! per second of the loop (`REPEAT` times, third argument, default 1). With few dossiers
//! (`due 10000 500`: about 3 MB, held in the caches) that is the pass's own speed; with the
//! criterion bench's million (about 320 MB: 112 bytes a dossier, and its one event in a block
//! with room for four events, some 200 bytes apart) the loop also waits on memory. Two floors
//! to set them against: `touch` reads what `due` reads and computes nothing; `bare` computes
//! the arithmetic of `due`'s answer alone (see `run_bare`).

use std::hint::black_box;
use std::process::ExitCode;

use chrono::NaiveDateTime;
use motcua::calendar::WorkCalendar;
use motcua::civil::day_number;
use motcua::deadline::{due, Rules};
use motcua::dossier::Dossier;
use motcua::outcome::classify;
use motcua_benches::{bench_as_of, bench_calendar, bench_dossiers};

/// The loop measured: `due` of every dossier (summing the due dates' day numbers).
#[inline(never)]
fn run_due(ds: &[Dossier], cal: &WorkCalendar, rules: &Rules) -> motcua::Result<i64> {
    let mut acc = 0i64;
    for d in ds {
        acc = acc.wrapping_add(i64::from(day_number(due(d, cal, rules, None)?.due)));
    }
    Ok(acc)
}

/// The loop measured: `classify` of every dossier (summing the outcomes).
#[inline(never)]
fn run_classify(
    ds: &[Dossier],
    cal: &WorkCalendar,
    rules: &Rules,
    as_of: NaiveDateTime,
) -> motcua::Result<i64> {
    let mut acc = 0i64;
    for d in ds {
        acc = acc.wrapping_add(classify(d, cal, rules, None, as_of)?.outcome as i64);
    }
    Ok(acc)
}

/// The floor of any pass over the data set: reads what `due` reads of every dossier from memory
/// (the receipt, the limit, the channel, each event's kind and instant), with no arithmetic
/// but a sum — how fast one thread can stream the dossiers, whatever the engine.
#[inline(never)]
fn run_touch(ds: &[Dossier]) -> motcua::Result<i64> {
    let mut acc = 0i64;
    for d in ds {
        acc = acc.wrapping_add(d.received.and_utc().timestamp());
        if let motcua::dossier::LimitSource::TimeLimit(motcua::procedure::TimeLimit::WorkingDays(
            n,
        )) = d.limit
        {
            acc = acc.wrapping_add(i64::from(n));
        }
        acc = acc.wrapping_add(d.channel as i64);
        for e in &d.events {
            acc = acc.wrapping_add(e.kind as i64 ^ e.at.and_utc().timestamp());
        }
    }
    Ok(acc)
}

/// The floor of `due` itself on this data set: the arithmetic of its answer alone — the deemed
/// receipt day (a working day and not after closing time, else the next working day) and the
/// due date, each looked up in the compiled tables and turned into a date — without the
/// validation of the dossier, the rule set, the warnings or the `Due` built and dropped. Not an
/// engine (every dossier here has a working-day limit and none a supplement): how fast one
/// thread can go at best, to set the speed of `due` against (`bare 1000000 5`: 49.5 M
/// dossiers/s on the 2-core machine of 6 December 2026, `due` 14–20 M/s in the same runs).
#[inline(never)]
fn run_bare(ds: &[Dossier], cal: &WorkCalendar) -> motcua::Result<i64> {
    let mut acc = 0i64;
    let closing = cal.closing_time();
    for d in ds {
        let day = i64::from(day_number(d.received.date()));
        let deemed = if cal.is_working_day_number(day)? && d.received.time() <= closing {
            day
        } else {
            cal.add_working_days_number(day, 1)?
        };
        let n = match d.limit {
            motcua::dossier::LimitSource::TimeLimit(motcua::procedure::TimeLimit::WorkingDays(
                n,
            )) => i64::from(n),
            _ => 1,
        };
        let due = cal.add_working_days_number(deemed, n)?;
        let dd = motcua::civil::date_from_day_number(due)?;
        let dr = motcua::civil::date_from_day_number(deemed)?;
        acc = acc.wrapping_add(i64::from(day_number(dd)) ^ i64::from(day_number(dr)));
    }
    Ok(acc)
}

fn main() -> ExitCode {
    const USAGE: &str = "usage: deadline_loop due|classify|touch|bare [DOSSIERS] [REPEAT]";
    let args: Vec<String> = std::env::args().skip(1).collect();
    let what = args.first().map_or("due", String::as_str);
    // A count that is not a positive number is refused, not replaced by the default.
    let count = |k: usize, default: usize| match args.get(k) {
        None => Some(default),
        Some(s) => s.parse::<usize>().ok().filter(|&v| v > 0),
    };
    let (Some(n), Some(repeat)) = (count(1, 200_000), count(2, 1)) else {
        eprintln!("{USAGE} (DOSSIERS and REPEAT: positive whole numbers)");
        return ExitCode::from(2);
    };
    if !["due", "classify", "touch", "bare"].contains(&what) || args.len() > 3 {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let cal = bench_calendar();
    let rules = Rules::default();
    let ds = bench_dossiers(n);
    let as_of = bench_as_of();
    let start = std::time::Instant::now();
    for _ in 0..repeat {
        let acc = match what {
            "due" => run_due(&ds, &cal, &rules),
            "touch" => run_touch(&ds),
            "bare" => run_bare(&ds, &cal),
            _ => run_classify(&ds, &cal, &rules, as_of),
        };
        match acc {
            Ok(acc) => {
                black_box(acc);
            }
            Err(e) => {
                eprintln!("deadline_loop: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{what}: {:.2} M dossiers/s",
        (n * repeat) as f64 / secs / 1e6
    );
    ExitCode::SUCCESS
}
