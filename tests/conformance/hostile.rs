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

/// A bad line answered before the reader went away still makes the run exit 1.
#[test]
fn closed_stdout_after_a_bad_line_exits_1() {
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
    input.write_all(b"2026-02-30 1\n").unwrap();
    input.flush().unwrap();
    // read the first answer, then close our end of stdout (like `| head -1`)
    let mut out = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
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
    assert_eq!(status.code(), Some(1));
    assert!(std::str::from_utf8(&first)
        .unwrap()
        .starts_with("{\"error\""));
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
