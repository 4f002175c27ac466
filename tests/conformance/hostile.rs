//! Hostile input through the CLI (issue "No silent wrong answer"): each class of bad input gets
//! a typed error and the right exit status — never a plausible answer with exit 0.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

use motcua_conformance::{cli_path, repo_root};

use crate::cli::{motcua, stderr, stdout};

const SAMPLE: &str = "core/examples/sample/dossiers.csv";

/// An option value outside the calendar is bad usage: exit 2, reported before any input is
/// read (no answer line, nothing blamed on the rows).
#[test]
fn as_of_outside_the_calendar_is_bad_usage() {
    let dossier = r#"{"received":"2026-03-02T09:00","time_limit":{"working_days":3}}"#;
    for args in [
        vec!["classify", "--as-of", "2200-01-01", "-"],
        vec!["classify", "--as-of", "1990-06-01T10:00", "-"],
        vec!["report", SAMPLE, "--as-of", "2200-01-01"],
        vec!["report", SAMPLE, "--as-of", "2200-01-01", "--skip-bad"],
        vec!["scorecard", SAMPLE, "--as-of", "2200-01-01"],
    ] {
        let o = motcua(&args, dossier);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), "", "{args:?}");
        assert!(
            stderr(&o).contains("outside the calendar's range"),
            "{}",
            stderr(&o)
        );
        // the subcommand's usage, not the top level's
        assert!(
            stderr(&o).contains(&format!("Usage: motcua {}", args[0])),
            "{}",
            stderr(&o)
        );
    }
}

/// Usage errors show the subcommand's usage.
#[test]
fn usage_errors_show_the_subcommand() {
    for (args, sub) in [
        (vec!["add-days", "2026-03-06"], "add-days"),
        (vec!["between", "-", "2026-01-02"], "between"),
        (
            vec!["classify", "--rule", "supplement=sometimes", "-"],
            "classify",
        ),
        (
            vec![
                "schedule",
                "2027",
                "--calendar",
                "core/examples/weekdays.json",
            ],
            "schedule",
        ),
    ] {
        let o = motcua(&args, "");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).contains(&format!("Usage: motcua {sub}")),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

/// Every flag is honoured in stdin mode or refused: `solar - --leap` would silently ignore it.
#[test]
fn flags_ignored_in_stdin_mode_are_refused() {
    let o = motcua(&["solar", "-", "--leap"], "2025 6 1\n");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    // each line gives its own flag
    let o = motcua(
        &["solar", "-"],
        "2025 6 1 true\n2025 6 1 false\n2025 6 1 yes\n",
    );
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<String> = stdout(&o).lines().map(String::from).collect();
    assert_eq!(lines[0], "\"2025-07-25\"");
    assert_eq!(lines[1], "\"2025-06-25\"");
    assert!(lines[2].contains("invalid_argument"), "{}", lines[2]);
}

/// A bad line answered before the reader went away makes the run exit 1; so does a reader
/// that goes away after good answers (`| head -1`): not every answer was delivered.
#[test]
fn closed_stdout_exits_1() {
    for first_line in ["2026-02-30 1\n", "2026-03-02 1\n"] {
        closed_stdout_after(first_line);
    }
}

fn closed_stdout_after(first_line: &str) {
    let mut child = Command::new(cli_path())
        .args(["add-days", "-"])
        .current_dir(repo_root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A watchdog: a CLI that waits for more input before answering would hang this test.
    let pid = child.id().to_string();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(30));
        let _ = Command::new("kill").arg(&pid).status();
    });
    let mut input = child.stdin.take().unwrap();
    // One query, then wait for its answer with stdin still open (an interactive caller).
    input.write_all(first_line.as_bytes()).unwrap();
    input.flush().unwrap();
    // read the first answer, then close our end of stdout (like `| head -1`)
    let mut out = child.stdout.take().unwrap();
    // (the good answer `"2026-03-03"` and its newline are 13 bytes; the error object longer)
    let mut first = [0u8; 13];
    out.read_exact(&mut first).unwrap();
    drop(out);
    // more input: answering it hits the closed pipe
    for _ in 0..2000 {
        if input.write_all(b"2026-03-02 1\n").is_err() {
            break;
        }
    }
    drop(input);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1), "{first_line}");
    let first = std::str::from_utf8(&first).unwrap();
    if first_line.starts_with("2026-02-30") {
        assert!(first.starts_with("{\"error\""), "{first}");
    } else {
        assert!(first.starts_with("\"2026-03-03\""), "{first}");
    }
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(!err.contains("io:") && !err.contains("panicked"), "{err}");
}

/// Counts that do not fit are errors, never wrapped.
#[test]
fn huge_numbers_are_refused() {
    for n in [
        "9223372036854775807",
        "-9223372036854775808",
        "99999999999999999999",
        "1e3",
        "3.0",
    ] {
        let o = motcua(&["add-days", "2026-03-02", n], "");
        assert_eq!(o.status.code(), Some(1), "{n}: {}", stdout(&o));
        let code = serde_json::from_str::<serde_json::Value>(stdout(&o).trim()).unwrap()["error"]
            ["code"]
            .clone();
        assert!(
            code == "date_out_of_range" || code == "invalid_number",
            "{n}: {code}"
        );
    }
}

/// A scratch directory of this test run.
fn scratch(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("motcua-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

/// 1000 dossier rows, row `bad` (0-based) with `cell` as its last column.
fn rows(bad: usize, cell: &str) -> String {
    let mut s = String::from("id,received,time_limit,resolved,field\n");
    for i in 0..1000 {
        let field = if i == bad { cell } else { "X" };
        s.push_str(&format!(
            "D{i},2026-03-02T09:30,3wd,2026-03-04T10:00,{field}\n"
        ));
    }
    s
}

/// The totals row of a JSON report.
/// `motcua report FILE --as-of 2026-03-31 --skip-bad --format json`.
fn skip_bad_json(file: &str) -> std::process::Output {
    motcua(
        &[
            "report",
            file,
            "--as-of",
            "2026-03-31",
            "--skip-bad",
            "--format",
            "json",
        ],
        "",
    )
}

fn total(o: &std::process::Output) -> serde_json::Value {
    let rows: serde_json::Value = serde_json::from_str(stdout(o).trim()).unwrap();
    rows.as_array().unwrap().last().unwrap().clone()
}

/// A quoted field never closed (or closed by another field's quote far below) swallowed the
/// rest of the file into one cell: 989 rows vanished, exit 0. Now: one bad record at the line
/// where the quote opened, and every other row read.
#[test]
fn a_runaway_quote_loses_no_row() {
    let never = rows(10, "\"A");
    let far = never.replace(
        "D500,2026-03-02T09:30,3wd,2026-03-04T10:00,X",
        "D500,2026-03-02T09:30,3wd,2026-03-04T10:00,\"x, y\"",
    );
    for text in [never, far] {
        let f = scratch("runaway.csv", text.as_bytes());
        let o = motcua(&["report", &f, "--as-of", "2026-03-31"], "");
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert_eq!(stdout(&o), "");
        assert!(
            stderr(&o).starts_with("line 12: csv_field: "),
            "{}",
            stderr(&o)
        );
        assert!(
            stderr(&o).contains("use --skip-bad to report the 999 good rows"),
            "{}",
            stderr(&o)
        );
        let o = skip_bad_json(&f);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert_eq!(total(&o)["received"], 999);
        assert!(
            stderr(&o).contains("skipped 1 bad row(s)") && stderr(&o).contains("line 12"),
            "{}",
            stderr(&o)
        );
    }
}

/// A note over lines is a field, as RFC 4180 (and Python's csv) reads it: one whose line holds
/// the header's separators (a list of papers) or that runs over 40 lines was two bad rows, or
/// 35, and with `--skip-bad` its dossier was left out.
#[test]
fn a_note_over_lines_is_a_field() {
    let many: String = (1..=40).map(|i| format!("{i}\n")).collect();
    for note in ["Thiếu:\nCMND, hộ khẩu, giấy khai sinh, ảnh", many.as_str()] {
        let text = format!(
            "id,received,time_limit,note\nN1,2026-03-02T09:00,3wd,\"{note}\"\nN2,2026-03-02T09:00,3wd,ok\n"
        );
        let f = scratch("note.csv", text.as_bytes());
        let o = skip_bad_json(&f);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(total(&o)["received"], 2);
    }
}

/// `resolved,resolved`: which one is meant would be a guess.
#[test]
fn a_column_named_twice_is_an_error() {
    let f = scratch(
        "dup.csv",
        b"id,received,time_limit,resolved,resolved\nA,2026-03-02T09:30,3wd,2026-03-04T10:00,\n",
    );
    let o = motcua(&["report", &f, "--skip-bad"], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("csv_field") && stderr(&o).contains("`resolved` more than once"),
        "{}",
        stderr(&o)
    );
}

/// A spreadsheet's `Channel` and `Resolved` are the columns they name (they were ignored: two
/// resolved online dossiers reported as open, direct and overdue, exit 0); both cases of one
/// name in a header are a guess, an error; a `--map` of a misspelt name, a name or a rule given
/// twice are bad usage (the map or rule changed nothing, or one of two was dropped, silently).
#[test]
fn column_names_in_any_case_and_maps_that_change_nothing() {
    let f = scratch(
        "cap.csv",
        b"id,received,time_limit,Channel,Resolved\nA,2026-03-03T10:00,3wd,online,2026-03-06T10:00\nB,2026-03-03T10:00,3wd,ONLINE,2026-03-20T10:00\n",
    );
    let o = motcua(
        &["report", &f, "--as-of", "2026-09-07", "--format", "json"],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t = total(&o);
    assert_eq!(
        (
            t["received_online"].as_u64(),
            t["on_time"].as_u64(),
            t["late"].as_u64()
        ),
        (Some(2), Some(1), Some(1)),
        "{t}"
    );
    let f = scratch(
        "twice.csv",
        b"id,received,time_limit,resolved,RESOLVED\nA,2026-03-03T10:00,3wd,2026-03-04T10:00,\n",
    );
    let o = motcua(&["report", &f, "--as-of", "2026-09-07"], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("more than once"), "{}", stderr(&o));
    for (args, says) in [
        (vec!["--map", "resolvd=Resolved"], "`resolvd` is no column"),
        (
            vec!["--map", "resolved=Resolved", "--map", "resolved=x"],
            "mapped twice",
        ),
        (
            vec!["--rule", "counting=hours", "--rule", "counting=days"],
            "`counting` is given twice",
        ),
    ] {
        let mut all = vec!["report", SAMPLE, "--as-of", "2026-09-07"];
        all.extend(&args);
        let o = motcua(&all, "");
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), "");
    }
    // A mapped source is matched exactly: `--map resolved=resolved` does not take `Resolved`.
    let f = scratch(
        "exact.csv",
        b"id,received,time_limit,Resolved\nA,2026-03-03T10:00,3wd,2026-03-04T10:00\n",
    );
    let o = motcua(
        &[
            "report",
            &f,
            "--as-of",
            "2026-09-07",
            "--map",
            "resolved=resolved",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("has no column `resolved`"),
        "{}",
        stderr(&o)
    );
}

/// JSON lines: a dossier in `classify`'s format (its events listed) is a bad record, not an
/// open dossier whose events were ignored (exit 0: `early` in classify, `overdue` in the
/// report); a key given twice is a bad record, as a CSV header naming a column twice is.
#[test]
fn json_lines_records_that_would_be_read_wrongly() {
    let dossier = r#"{"id":"A","received":"2026-03-03T10:00","time_limit":"3wd","events":[{"type":"resolved","at":"2026-03-04T10:00"}]}"#;
    let twice = r#"{"id":"B","received":"2026-03-03T10:00","time_limit":"3wd","resolved":"2026-03-04T10:00","resolved":"2026-03-20T10:00"}"#;
    let good = r#"{"id":"C","received":"2026-03-03T10:00","time_limit":"3wd","resolved":"2026-03-04T10:00"}"#;
    let f = scratch(
        "wrong.jsonl",
        format!("{dossier}\n{twice}\n{good}\n").as_bytes(),
    );
    let o = motcua(&["report", &f, "--as-of", "2026-03-31"], "");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("line 1: csv_field: line 1: `events`: a dossier in the format of"),
        "{err}"
    );
    // Placed by its column in the record's line (where the parser stood: the record's end),
    // not by serde's "line 1" beside line 2.
    assert!(
        err.contains(&format!(
            "line 2: invalid_json: line 2: key `resolved` given twice at column {}\n",
            twice.len()
        )),
        "{err}"
    );
    assert!(!err.contains("at line 1 column"), "{err}");
    let o = skip_bad_json(&f);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let t = total(&o);
    assert_eq!(
        (t["received"].as_u64(), t["early"].as_u64()),
        (Some(1), Some(1)),
        "{t}"
    );
    // Grouped by a column named `events`, the key is a column like any other.
    let f = scratch(
        "events-column.jsonl",
        br#"{"received":"2026-03-03T10:00","time_limit":"3wd","events":"x"}"#,
    );
    let o = motcua(
        &["report", &f, "--as-of", "2026-03-31", "--by", "events"],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// JSON lines: keys match columns in any ASCII case, as a CSV header's names do (a record
/// keyed `Received`, `Time_Limit` was dropped as blank, exit 0); a record none of whose keys
/// is read is a bad record, not a blank line; two keys naming one column are an error; a
/// grouping column no record gives is the missing column (`--by agnecy` gave one group of
/// everything, exit 0). The same records as CSV give the same report.
#[test]
fn json_lines_keys_match_in_any_case_and_none_is_lost() {
    let lines = [
        r#"{"received":"2026-03-02T09:00","time_limit":"3wd","agency":"X"}"#,
        r#"{"Received":"2026-03-02T09:00","Time_Limit":"3wd","AGENCY":"Y","Resolved":"2026-03-03T09:00"}"#,
        r#"{"recieved":"2026-03-02T09:00","timelimit":"3wd"}"#,
        r#"{}"#,
        r#"{"received":"2026-03-02T09:00","time_limit":"3wd","resolved":"2026-03-03T09:00","RESOLVED":"2026-03-09T09:00"}"#,
    ];
    let f = scratch("cases.jsonl", (lines.join("\n") + "\n").as_bytes());
    let o = motcua(&["report", &f, "--as-of", "2026-03-31"], "");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("line 3: csv_field") && err.contains("none of the record's keys"),
        "{err}"
    );
    assert!(
        err.contains("line 5: csv_field") && err.contains("`RESOLVED` is the column `resolved`"),
        "{err}"
    );
    assert!(!err.contains("line 4"), "{err}");
    let by = |file: &str, by: &str| {
        motcua(
            &[
                "report",
                file,
                "--as-of",
                "2026-03-31",
                "--skip-bad",
                "--by",
                by,
                "--format",
                "json",
            ],
            "",
        )
    };
    let jsonl = by(&f, "Agency");
    assert_eq!(jsonl.status.code(), Some(1), "{}", stderr(&jsonl));
    let csv = scratch(
        "cases.csv",
        b"received,time_limit,agency,resolved\n2026-03-02T09:00,3wd,X,\n\
          2026-03-02T09:00,3wd,Y,2026-03-03T09:00\n",
    );
    let from_csv = by(&csv, "Agency");
    assert_eq!(stdout(&jsonl), stdout(&from_csv));
    let t = total(&jsonl);
    assert_eq!(
        (t["received"].as_u64(), t["early"].as_u64()),
        (Some(2), Some(1)),
        "{t}"
    );
    for o in [by(&f, "agnecy"), by(&csv, "agnecy")] {
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(stderr(&o).contains("csv_missing_column"), "{}", stderr(&o));
    }
}

/// gzip is read whatever the file's name (told by its bytes), UTF-16 by its byte-order mark;
/// zip is named, never "invalid UTF-8 in field 0"; one line is bounded.
#[test]
fn compressed_and_unbounded_input() {
    use std::io::Write as _;
    let text = rows(usize::MAX, "");
    let plain = scratch("plain.csv", text.as_bytes());
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(text.as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    let want = motcua(
        &[
            "report",
            &plain,
            "--as-of",
            "2026-03-31",
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(total(&want)["received"], 1000);
    // JSON lines by name, compressed too (`.jsonl.gz`): the same report as the CSV's.
    let lines: String = text
        .lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            let names: Vec<&str> = text.lines().next().unwrap().split(',').collect();
            let fields: Vec<String> = names
                .iter()
                .zip(&c)
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| format!("{k:?}:{v:?}"))
                .collect();
            format!("{{{}}}\n", fields.join(","))
        })
        .collect();
    let mut gzl = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gzl.write_all(lines.as_bytes()).unwrap();
    let f = scratch("export.jsonl.gz", &gzl.finish().unwrap());
    let o = motcua(
        &["report", &f, "--as-of", "2026-03-31", "--format", "json"],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), stdout(&want));
    for name in ["export.csv.gz", "export.csv"] {
        let f = scratch(name, &gz);
        let o = motcua(
            &["report", &f, "--as-of", "2026-03-31", "--format", "json"],
            "",
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(stdout(&o), stdout(&want));
    }
    let f = scratch(
        "export.zip",
        b"PK\x03\x04\x14\0\0\0\x08\0rest of a zip archive",
    );
    let o = motcua(&["report", &f], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("csv_field")
            && stderr(&o).contains("zip archive")
            && stderr(&o).contains("save its sheet as CSV UTF-8"),
        "{}",
        stderr(&o)
    );
    // An "Excel" export that is a web page: said, with what to do (it was "missing column
    // `received` (columns: <html>...").
    let f = scratch(
        "export.xls",
        "<html><body><table><tr><td>Mã hồ sơ</td><td>Ngày tiếp nhận</td></tr></table></body></html>\n"
            .as_bytes(),
    );
    let o = motcua(&["report", &f, "--as-of", "2026-03-31"], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the input is an HTML page, not CSV")
            && stderr(&o).contains("save it as CSV UTF-8"),
        "{}",
        stderr(&o)
    );
    // A spreadsheet's "Unicode text": UTF-16 with its byte-order mark, tab-separated, and
    // gzip-compressed too: the same report.
    let tabs = text.replace(',', "\t");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(tabs.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let mut gz16 = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz16.write_all(&utf16).unwrap();
    for (name, bytes) in [
        ("unicode.txt", utf16.clone()),
        ("unicode.txt.gz", gz16.finish().unwrap()),
    ] {
        let f = scratch(name, &bytes);
        let o = motcua(
            &["report", &f, "--as-of", "2026-03-31", "--format", "json"],
            "",
        );
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        assert_eq!(stdout(&o), stdout(&want), "{name}");
    }
    // dossiers (JSON lines) too
    let lines = "{\"received\":\"2026-03-02T09:30\",\"time_limit\":\"3wd\"}\n";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(lines.as_bytes()).unwrap();
    let f = scratch("dossiers.jsonl", &gz.finish().unwrap());
    let o = motcua(&["due", &f], "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("{\"due\":\"2026-03-05\""),
        "{}",
        stdout(&o)
    );
    let mut long = String::from("id,received,time_limit\nA,2026-03-02T09:30,3wd\nB,");
    long.push_str(&"9".repeat(2 << 20));
    long.push_str(",3wd\n");
    let f = scratch("long.csv", long.as_bytes());
    let o = motcua(&["report", &f, "--skip-bad"], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("line 3 is longer than"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).len() < 1000);
}

/// A catalogue that is not one fails once, at load, not once per row.
#[test]
fn an_empty_catalogue_fails_at_load() {
    let records = scratch(
        "by-procedure.csv",
        b"id,received,procedure\nA,2026-03-02T09:30,P1\nB,2026-03-02T09:30,P1\n",
    );
    for (name, text) in [
        ("a.json", "{}"),
        ("b.json", "[]"),
        ("c.json", ""),
        ("d.csv", "code,name,level,time_limit,online\n"),
    ] {
        let cat = scratch(name, text.as_bytes());
        let o = motcua(&["report", &records, "--catalogue", &cat, "--skip-bad"], "");
        assert_eq!(o.status.code(), Some(1), "{text:?}");
        assert_eq!(stdout(&o), "");
        assert_eq!(stderr(&o).lines().count(), 1, "{text:?}: {}", stderr(&o));
        assert!(
            stderr(&o).starts_with("invalid_catalogue: "),
            "{}",
            stderr(&o)
        );
    }
}

/// A catalogue saved by a spreadsheet with `;` (or tabs, or a `sep=;` line), with a byte-order
/// mark and CRLF: read as its records are (it was one column, "code is missing").
#[test]
fn a_catalogue_with_another_delimiter() {
    let records = scratch(
        "by-procedure2.csv",
        b"id,received,procedure,resolved\nA,2026-03-02T09:30,P1,2026-03-05T10:00\n",
    );
    let want = motcua(
        &[
            "report",
            &records,
            "--as-of",
            "2026-03-31",
            "--format",
            "json",
            "--catalogue",
            &scratch(
                "cat.csv",
                b"code,name,field,level,time_limit,online\nP1,x,f,commune,3wd,full\n",
            ),
        ],
        "",
    );
    assert_eq!(want.status.code(), Some(0), "{}", stderr(&want));
    for (name, text) in [
        ("semi.csv", &b"\xef\xbb\xbfcode;name;field;level;time_limit;online\r\nP1;\"x; y\";f;commune;3wd;full\r\n"[..]),
        ("tab.csv", b"code\tname\tfield\tlevel\ttime_limit\tonline\nP1\tx\tf\tcommune\t3wd\tfull\n"),
        ("sep.csv", b"sep=;\ncode;name;field;level;time_limit;online\nP1;x,y;f;commune;3wd;full\n"),
    ] {
        let cat = scratch(name, text);
        let o = motcua(
            &["report", &records, "--as-of", "2026-03-31", "--format", "json", "--catalogue", &cat],
            "",
        );
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        assert_eq!(stdout(&o), stdout(&want), "{name}");
    }
}

/// A calendar spec with a byte-order mark is read; a bad value is named with its path.
#[test]
fn calendar_specs_with_a_bom_or_a_bad_value() {
    let spec = "\u{feff}{\"weekmask\": \"1111100\", \"from\": \"2026-01-01\", \"to\": \"2026-12-31\", \"holidays\": [\"2026-03-09\"]}";
    let f = scratch("bom.json", spec.as_bytes());
    let o = motcua(&["is-working", "2026-03-09", "--calendar", &f], "");
    assert_eq!(
        (o.status.code(), stdout(&o).trim()),
        (Some(0), "false"),
        "{}",
        stderr(&o)
    );
    let f = scratch(
        "bad.json",
        spec.replace("2026-03-09", "09/13/2026").as_bytes(),
    );
    let o = motcua(&["is-working", "2026-03-09", "--calendar", &f], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("invalid_spec")
            && stderr(&o).contains("`holidays[0]`")
            && stderr(&o).contains("09/13/2026"),
        "{}",
        stderr(&o)
    );
}

/// Output: the table escapes control characters of grouping values; the CSV totals row is
/// not a group whose value is empty; a 1 MB bad value is echoed as a bounded excerpt.
#[test]
fn output_is_unmistakable_and_bounded() {
    let text = "id,received,time_limit,field\nA,2026-03-02T09:30,3wd,\nB,2026-03-02T09:30,3wd,\"x\x1b[31my\x07\"\n";
    let f = scratch("groups.csv", text.as_bytes());
    let report = |format: &str| {
        let args = [
            "report",
            &f,
            "--by",
            "field",
            "--as-of",
            "2026-03-31",
            "--format",
            format,
        ];
        motcua(&args, "")
    };
    let o = report("table");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        !stdout(&o).contains('\x1b') && stdout(&o).contains("x\\u{1b}[31my\\u{7}"),
        "{}",
        stdout(&o)
    );
    let o = report("csv");
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{}", stdout(&o));
    assert!(
        lines[1].starts_with(",0,1,1,") && lines[3].starts_with("TOTAL,0,2,2,"),
        "{}",
        stdout(&o)
    );
    let o = report("json");
    assert!(total(&o)["field"].is_null());
    // (a line shorter than the 1 MiB bound)
    let n = (1 << 20) - 100;
    let big = format!("id,received,time_limit\nA,{},3wd\n", "9".repeat(n));
    let f = scratch("big.csv", big.as_bytes());
    let o = motcua(&["report", &f], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.len() + o.stderr.len() < 2000, "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("… [{n} bytes]")),
        "{}",
        stderr(&o)
    );
    let o = motcua(&["add-days", "-"], &format!("{} 1\n", "9".repeat(1 << 20)));
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.len() + o.stderr.len() < 2000);
}

/// The files behind options (a catalogue, a calendar spec, a schedules file, targets) are
/// read as the records are: UTF-8 with or without its byte-order mark, or UTF-16 with its
/// mark; bytes that are not text are an error of the file's kind naming the file and line.
#[test]
fn option_files_in_any_unicode_encoding() {
    let root = env!("CARGO_MANIFEST_DIR");
    let sample = format!("{root}/../core/examples/sample");
    let catalogue = std::fs::read_to_string(format!("{sample}/catalogue.json")).unwrap();
    let args = |cat: &str| {
        motcua(
            &[
                "report",
                &format!("{sample}/dossiers.csv"),
                "--catalogue",
                cat,
                "--as-of",
                "2026-11-15",
                "--by",
                "field",
                "--format",
                "json",
            ],
            "",
        )
    };
    let want = args(&format!("{sample}/catalogue.json"));
    assert_eq!(want.status.code(), Some(0), "{}", stderr(&want));
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(catalogue.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let bom8 = format!("\u{feff}{catalogue}");
    for (name, bytes) in [("cat16.json", be), ("cat8.json", bom8.into_bytes())] {
        let o = args(&scratch(name, &bytes));
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        assert_eq!(stdout(&o), stdout(&want), "{name}");
    }
    let bad = scratch("bad.json", b"{\n\"name\": \"x\xff\"}\n");
    for (flag, code) in [
        ("--catalogue", "invalid_catalogue"),
        ("--calendar", "invalid_spec"),
        ("--schedules", "invalid_schedule"),
    ] {
        let o = motcua(&["due", "-", flag, &bad], "");
        assert_eq!(o.status.code(), Some(1), "{flag}: {}", stderr(&o));
        let msg = stderr(&o);
        assert!(
            msg.contains(code) && msg.contains("bad.json") && msg.contains("line 2"),
            "{flag}: {msg}"
        );
    }
}

/// Dossier lines for `due` and `classify` are read as the records are: a file written by
/// Windows PowerShell 5 (`>`: UTF-16 little-endian with its byte-order mark), big-endian
/// UTF-16, gzip of either, give the UTF-8 file's answers line for line.
#[test]
fn dossier_lines_in_utf16() {
    use std::io::Write as _;
    let lines = [
        r#"{"id":"HS-Đ1","received":"2026-03-02T09:30","time_limit":{"working_days":3}}"#,
        r#"{"id":"HS-2","received":"2026-02-13T18:30","time_limit":{"working_days":5},"events":[{"type":"resolved","at":"2026-02-27T10:00"}]}"#,
        r#"{"id":"HS-3","received":"2026-02-30","time_limit":{"working_days":1}}"#,
    ];
    let text = lines.join("\r\n") + "\r\n";
    let utf8 = scratch("lines8.jsonl", text.as_bytes());
    let encode = |big_endian: bool| -> Vec<u8> {
        let bom: [u8; 2] = if big_endian {
            [0xFE, 0xFF]
        } else {
            [0xFF, 0xFE]
        };
        bom.into_iter()
            .chain(text.encode_utf16().flat_map(move |u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            }))
            .collect()
    };
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&encode(false)).unwrap();
    let files = [
        scratch("lines16le.jsonl", &encode(false)),
        scratch("lines16be.jsonl", &encode(true)),
        scratch("lines16.jsonl.gz", &gz.finish().unwrap()),
    ];
    for cmd in [&["due"][..], &["classify", "--as-of", "2026-03-31"]] {
        let run = |file: &str| motcua(&[cmd, &[file]].concat(), "");
        let want = run(&utf8);
        // Two answers and the third line's invalid date, at its line.
        assert_eq!(want.status.code(), Some(1), "{}", stderr(&want));
        assert_eq!(stdout(&want).lines().count(), 3);
        assert!(
            stderr(&want).starts_with("line 3: invalid_date"),
            "{}",
            stderr(&want)
        );
        for f in &files {
            let o = run(f);
            assert_eq!(o.status.code(), want.status.code(), "{f}");
            assert_eq!(stdout(&o), stdout(&want), "{cmd:?} {f}");
            assert_eq!(stderr(&o), stderr(&want), "{cmd:?} {f}");
        }
    }
}

/// A report exported with its title lines above the table: the missing column's error says
/// which line holds the header and what to remove (with `--map` too); the file is not read
/// from there on a guess. Without such a line, the plain error.
#[test]
fn a_header_below_title_lines_is_named() {
    let table = "id,Ngày tiếp nhận,time_limit\nA,02/03/2026 09:30,3wd\n";
    let titled = format!("BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ,,\nTháng 3/2026,,\n,,\n{table}");
    let f = scratch("titled.csv", titled.as_bytes());
    let map = ["--map", "received=Ngày tiếp nhận"];
    for (cmd, flags) in [
        ("report", &map[..]),
        ("worklist", &map[..]),
        ("scorecard", &map[..]),
    ] {
        let o = motcua(
            &[&[cmd, f.as_str()][..], flags, &["--as-of", "2026-03-31"]].concat(),
            "",
        );
        assert_eq!(o.status.code(), Some(1), "{cmd}: {}", stderr(&o));
        let msg = stderr(&o);
        assert!(
            msg.contains("csv_missing_column")
                && msg.contains("no column `Ngày tiếp nhận`")
                && msg.contains(
                    "line 4 holds the columns (id, Ngày tiếp nhận, time_limit): remove the 3 \
                     lines above it"
                ),
            "{cmd}: {msg}"
        );
    }
    // A title without separators above a `;`-separated table: the header's own separator.
    let semi = scratch(
        "titled-semi.csv",
        "BÁO CÁO THÁNG 3\nreceived;time_limit\n02/03/2026;3wd\n".as_bytes(),
    );
    let o = motcua(&["report", &semi, "--as-of", "2026-03-31"], "");
    assert!(
        stderr(&o)
            .contains("line 2 holds the columns (received, time_limit): remove the 1 line above"),
        "{}",
        stderr(&o)
    );
    // Without the mapping, line 4 would not do either: the plain error.
    let o = motcua(&["report", &f, "--as-of", "2026-03-31"], "");
    assert!(!stderr(&o).contains("holds the columns"), "{}", stderr(&o));
    // The table alone reads.
    let plain = scratch("table.csv", table.as_bytes());
    let o = motcua(
        &[
            &["report", plain.as_str()][..],
            &map,
            &["--as-of", "2026-03-31"],
        ]
        .concat(),
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// A report or a scorecard grouped by a column named as one of its row's own columns (a
/// count, a rate, `period` when split by period; a scorecard's `value`, `status`...), or by
/// one column twice, would write a JSON object with a key twice, whose reader keeps the last
/// (the groups can no longer be told apart): bad usage (exit 2) naming it, before any row is
/// read. A column named `period` groups a report that is not split by period.
#[test]
fn a_grouping_column_named_as_a_row_column_is_bad_usage() {
    const CATALOGUE: &str = "core/examples/sample/catalogue.json";
    let base = ["--catalogue", CATALOGUE, "--as-of", "2026-11-15"];
    for (command, by, period, says) in [
        (
            "report",
            "period",
            true,
            "cannot group the report by `period`",
        ),
        (
            "report",
            "received",
            false,
            "cannot group the report by `received`",
        ),
        (
            "report",
            "field,on_time_rate",
            false,
            "cannot group the report by `on_time_rate`",
        ),
        ("report", "field,field", false, "`field` is named twice"),
        (
            "scorecard",
            "value",
            false,
            "cannot group the scorecard by `value`",
        ),
        (
            "scorecard",
            "agency,agency",
            false,
            "`agency` is named twice",
        ),
    ] {
        let mut args = vec![command, SAMPLE, "--by", by];
        args.extend(base);
        if period {
            args.extend(["--period", "quarter"]);
        }
        let o = motcua(&args, "");
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), "", "{args:?}");
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!("Usage: motcua {command}")),
            "{}",
            stderr(&o)
        );
    }
    // `period` is a column like any other when the report is not split by period.
    let csv = "received,time_limit,period\n2026-03-02T09:00,3wd,X\n2026-03-02T09:00,3wd,Y\n";
    let o = motcua(
        &[
            "report",
            "-",
            "--as-of",
            "2026-03-31",
            "--by",
            "period",
            "--format",
            "json",
        ],
        csv,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let groups: Vec<&serde_json::Value> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["period"])
        .collect();
    assert_eq!(
        groups,
        [
            &serde_json::json!("X"),
            &serde_json::json!("Y"),
            &serde_json::Value::Null
        ]
    );
}

/// A CSV without its header row (values where the column names should be) is `csv_empty`, as
/// DESIGN names it, saying so, rather than a missing column named after a value; a header
/// that names other columns is still the missing column.
#[test]
fn a_csv_without_a_header_row_is_csv_empty() {
    for csv in [
        "A1,2026-03-02T09:00,3wd,direct\nA2,2026-03-03T09:00,3wd,online\n",
        "02/03/2026 09:30,5wd\n",
        "x;2026-03-02;3wd\n",
    ] {
        let o = motcua(&["report", "-", "--as-of", "2026-06-30"], csv);
        assert_eq!(o.status.code(), Some(1), "{csv}");
        assert!(
            stderr(&o).starts_with("csv_empty: no header row: line 1 holds values"),
            "{}",
            stderr(&o)
        );
        assert_eq!(stdout(&o), "");
    }
    let o = motcua(
        &["report", "-", "--as-of", "2026-06-30"],
        "ngay,han\n2026-03-02,3wd\n",
    );
    assert!(
        stderr(&o).starts_with("csv_missing_column: missing column `received`"),
        "{}",
        stderr(&o)
    );
}

/// `-` reads whole queries from stdin, one per line: given for a later argument it is bad
/// usage (exit 2), not a bad number or date read from the text `-`.
#[test]
fn a_dash_after_the_first_argument_is_bad_usage() {
    for args in [
        &["add-days", "2026-01-05", "-"][..],
        &["between", "2026-01-05", "-"],
        &["solar", "2025", "-", "1"],
        &["days-off", "2026-01-01", "-"],
    ] {
        let o = motcua(args, "3\n");
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("give `-` alone, as the first argument"),
            "{}",
            stderr(&o)
        );
        assert_eq!(stdout(&o), "");
    }
    // a negative count is not stdin
    let o = motcua(&["add-days", "2026-01-05", "-3"], "");
    assert_eq!(
        (o.status.code(), stdout(&o).trim()),
        (Some(0), "\"2025-12-29\"")
    );
}

/// A worklist lead time that reaches back past the calendar from as-of would fail every open
/// dossier: bad usage (exit 2) naming the flag, before any row is read. `--within` is only
/// compared with the working days left: a large value lists every open dossier as due soon.
#[test]
fn worklist_lead_past_the_calendar_is_bad_usage() {
    let run = |flag: &str, n: &str| {
        motcua(
            &[
                "worklist",
                SAMPLE,
                "--catalogue",
                "core/examples/sample/catalogue.json",
                "--as-of",
                "2026-11-15",
                "--format",
                "json",
                flag,
                n,
            ],
            "",
        )
    };
    for n in ["4294967295", "10000"] {
        let o = run("--apology-lead", n);
        assert_eq!(o.status.code(), Some(2), "{n}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!("--apology-lead {n}: ")),
            "{}",
            stderr(&o)
        );
        assert_eq!(stdout(&o), "");
    }
    let o = run("--within", "4294967295");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap_or_default();
    let statuses: Vec<&str> = rows
        .as_array()
        .map(|a| a.iter().filter_map(|r| r["status"].as_str()).collect())
        .unwrap_or_default();
    assert!(!statuses.is_empty());
    assert!(statuses.iter().all(|s| *s != "on_track"), "{statuses:?}");
    assert!(statuses.contains(&"due_soon"), "{statuses:?}");
}

/// Control characters in bad input never reach stderr raw (a NUL, an escape sequence that
/// recolours a terminal): escaped there as in the JSON on stdout.
#[test]
fn control_characters_never_reach_stderr_raw() {
    let o = motcua(&["add-days", "-"], "2026-01-05 \u{0}1\n\u{1b}[31m 1\n");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(!err.chars().any(|c| c.is_control() && c != '\n'), "{err:?}");
    assert!(
        err.contains("`\\u{0}1`") && err.contains("\\u{1b}[31m"),
        "{err}"
    );
    let csv = "id,received,time_limit,channel\nA,2026-03-02,3wd,\"x\u{1b}[31my\"\n";
    let o = motcua(&["report", "-", "--as-of", "2026-03-31"], csv);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        !stderr(&o).chars().any(|c| c.is_control() && c != '\n'),
        "{:?}",
        stderr(&o)
    );
}

/// The per-line commands read their stdin as the files are read: an input of classic Mac OS
/// line ends (a carriage return alone, no line feed anywhere) has its lines end there (two
/// dates were one bad query); with line feeds, a line ends at a line feed only, so that the
/// answers keep in step with the lines written (a carriage return inside a line answered it
/// twice, and every later answer was taken for the query before it); gzip is told by its bytes
/// (it was "not valid text").
#[test]
fn stdin_lines_end_at_a_lone_carriage_return_and_may_be_gzip() {
    let run = |args: &[&str], input: &[u8]| {
        let mut child = Command::new(cli_path())
            .args(args)
            .current_dir(repo_root())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input).unwrap();
        child.wait_with_output().unwrap()
    };
    let o = run(&["is-working", "-"], b"2026-01-10\r2026-01-11\r");
    assert_eq!(stdout(&o), "true\nfalse\n", "{}", stderr(&o));
    assert_eq!(o.status.code(), Some(0));
    let o = run(&["is-working", "-"], b"2026-01-10\r\r2026-01-11");
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[1].contains("\"line\":2") && lines[1].contains("empty_input"));
    assert_eq!(lines[2], "false");
    let o = run(
        &["is-working", "-"],
        b"2026-03-02\r2026-03-07\n2026-03-09\n",
    );
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].contains("\"line\":1"), "{out}");
    assert_eq!(lines[1], "true");
    let o = run(
        &["due", "-"],
        b"{\"received\":\"2026-03-02T09:30\",\r\"time_limit\":{\"working_days\":3}}\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 1);
    let dossier = "{\"received\":\"2026-03-02T09:30\",\"time_limit\":{\"working_days\":3}}\n";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(dossier.repeat(2).as_bytes()).unwrap();
    let o = run(&["due", "-"], &gz.finish().unwrap());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        stdout(&run(&["due", "-"], dossier.repeat(2).as_bytes()))
    );
    assert_eq!(stdout(&o).lines().count(), 2);
}

/// A date outside the calendar's range named no column (the receipt's, or a `new_due`'s), and
/// a due date counted past the range's end said only "the answer falls outside" (now said at
/// the column of the limit counted, as `due` names `time_limit`).
#[test]
fn dates_out_of_the_calendar_name_their_column() {
    let file = scratch(
        "out-of-range.csv",
        b"id,received,time_limit,new_due\nA,1990-01-01T10:00,3wd,\n\
          C,2199-12-30T09:00,10wd,\nD,2199-12-01T10:00,3wd,2200-01-05\n",
    );
    let o = motcua(&["report", &file, "--as-of", "2199-12-31"], "");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for want in [
        "line 2: date_out_of_range: line 2, column `received`: 1990-01-01 is outside",
        // (the limit counted from the receipt: its column, as `due` names `time_limit`)
        "line 3: date_out_of_range: line 3, column `time_limit`: the due date counted from \
         2199-12-30T09:00 falls outside the calendar range",
        "line 4: date_out_of_range: line 4, column `new_due`: 2200-01-05 is outside",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }
}

/// JSON lines read as CSV (stdin without `--input-format jsonl`): the missing column says so.
#[test]
fn json_lines_read_as_csv_say_how_to_read_them() {
    let o = motcua(
        &["report", "-", "--as-of", "2026-03-31"],
        "{\"id\":\"A\",\"received\":\"2026-03-02T09:00\",\"time_limit\":\"3wd\"}\n",
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.starts_with("csv_missing_column: "), "{err}");
    assert!(
        err.contains("line 1 is a JSON object") && err.contains("--input-format jsonl"),
        "{err}"
    );
    let o = motcua(
        &[
            "report",
            "-",
            "--as-of",
            "2026-03-31",
            "--input-format",
            "jsonl",
            "--format",
            "json",
        ],
        "{\"id\":\"A\",\"received\":\"2026-03-02T09:00\",\"time_limit\":\"3wd\"}\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// Procedure codes without a catalogue: one error before any row is read (it was one error per
/// row, every row failing alike), in each command that counts dossiers.
#[test]
fn procedure_codes_without_a_catalogue_fail_once() {
    let rows =
        "id,received,procedure,resolved\nA,2026-03-02T09:00,1.001,\nB,2026-03-02T09:00,1.002,\n";
    for cmd in ["report", "scorecard", "worklist"] {
        let o = motcua(&[cmd, "-", "--as-of", "2026-03-31"], rows);
        assert_eq!(o.status.code(), Some(1), "{cmd}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{cmd}: {err}");
        assert!(
            err.starts_with(
                "unknown_procedure: the records give their time limits by procedure code"
            ),
            "{cmd}: {err}"
        );
    }
    // A header alone (or an empty frame: a Dask `meta`) has no record to fail: the empty
    // report, exit 0.
    for cmd in ["report", "scorecard", "worklist"] {
        let o = motcua(
            &[cmd, "-", "--as-of", "2026-03-31", "--format", "json"],
            "id,received,procedure\n",
        );
        assert_eq!(o.status.code(), Some(0), "{cmd}: {}", stderr(&o));
    }
    // a time_limit column: the rows with one are read, the others name their code
    let o = motcua(
        &["report", "-", "--as-of", "2026-03-31", "--skip-bad", "--format", "json"],
        "id,received,procedure,time_limit\nA,2026-03-02T09:00,1.001,3wd\nB,2026-03-02T09:00,1.002,\n",
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("no catalogue given"), "{}", stderr(&o));
}

/// Grouped by channel, the channel read: `Online`, `online` and `trực tuyến` are one group,
/// an empty cell is `direct` (four groups of cell text, three of them "online", exit 0). A
/// record whose columns' events are out of order names those columns, never an apology made
/// up from `new_due` between them.
#[test]
fn grouped_by_channel_and_disordered_columns() {
    let f = scratch(
        "channels.csv",
        "id,received,time_limit,channel\nA,2026-03-02T09:00,3wd,Online\n\
         B,2026-03-02T09:00,3wd,online\nC,2026-03-02T09:00,3wd,\n\
         D,2026-03-02T09:00,3wd,trực tuyến\n"
            .as_bytes(),
    );
    let o = motcua(
        &[
            "report",
            &f,
            "--as-of",
            "2026-03-10",
            "--by",
            "channel",
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let groups: Vec<(String, u64)> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| !r["channel"].is_null())
        .map(|r| {
            (
                r["channel"].as_str().unwrap().to_string(),
                r["received"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        groups,
        [("direct".to_string(), 1), ("online".to_string(), 3)]
    );
    let f = scratch(
        "disordered.csv",
        b"id,received,time_limit,supplement_requested,supplement_received,new_due,resolved\n\
          A,2026-03-02T09:00,3wd,2026-03-03T10:00,2026-03-06T14:30,2026-03-20,2026-03-06T12:00\n",
    );
    let o = motcua(&["report", &f, "--as-of", "2026-03-31"], "");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("events_out_of_order")
            && err.contains("after supplement_received")
            && !err.contains("apology"),
        "{err}"
    );
}
