//! The `motcua` CLI end to end: the line contract, exit codes, calendar files.
//! Needs the binary: `cargo build -p motcua --features cli` (the README's test command does it).

use std::io::Write;
use std::process::{Command, Output, Stdio};

use motcua_conformance::{cli_path, repo_root};

fn motcua(args: &[&str], stdin: &str) -> Output {
    let bin = cli_path();
    assert!(
        bin.exists(),
        "{} not found: build it first with `cargo build -p motcua --features cli` (or set MOTCUA_BIN)",
        bin.display()
    );
    let mut child = Command::new(bin)
        .args(args)
        .current_dir(repo_root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_owned();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(data.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const WD: &str = "core/examples/weekdays.json";

#[test]
fn issue_example_stdin_with_a_bad_line() {
    let o = motcua(
        &["add-days", "--calendar", WD, "-"],
        "2026-03-06 1\n2026-02-30 1\n",
    );
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(lines[0], "\"2026-03-09\"");
    let err: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(err["error"]["line"], 2);
    assert_eq!(err["error"]["code"], "invalid_date");
    assert!(
        stderr(&o).starts_with("line 2: invalid_date: "),
        "{}",
        stderr(&o)
    );
}

#[test]
fn one_line_out_per_line_in_even_when_bad() {
    let input = "2026-03-06 1\n\n2026-03-06\nfoo 1\n2026-03-06 x\n2026-03-06 -1\r\n2026-03-06 1 2\n2051-01-01 1\n";
    let o = motcua(&["add-days", "--calendar", WD, "-"], input);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 8, "{out}");
    let codes: Vec<String> = lines
        .iter()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v.get("error").map_or_else(
                || v.as_str().unwrap().to_string(),
                |e| e["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            "2026-03-09",
            "empty_input",
            "invalid_argument",
            "invalid_date",
            "invalid_number",
            "2026-03-05",
            "invalid_argument",
            "date_out_of_range"
        ]
    );
    assert_eq!(stderr(&o).lines().count(), 6);
}

#[test]
fn argument_mode_answers_once() {
    let o = motcua(&["add-days", "2026-03-06", "-1", "--calendar", WD], "");
    assert_eq!(
        (o.status.code(), stdout(&o).as_str()),
        (Some(0), "\"2026-03-05\"\n")
    );
    let o = motcua(
        &["between", "2026-03-10", "2026-03-01", "--calendar", WD],
        "",
    );
    assert_eq!(stdout(&o), "-7\n"); // 2, 3, 4, 5, 6, 9, 10 March
    let o = motcua(&["is-working", "2026-03-07", "--calendar", WD], "");
    assert_eq!(stdout(&o), "false\n");
    let o = motcua(
        &["days-off", "2026-03-01", "2026-03-08", "--calendar", WD],
        "",
    );
    assert_eq!(
        stdout(&o),
        "[\"2026-03-01\",\"2026-03-07\",\"2026-03-08\"]\n"
    );
    let o = motcua(&["add-days", "2026-02-30", "1", "--calendar", WD], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("invalid_date"));
    assert!(stderr(&o).starts_with("invalid_date: "));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["add-days", "2026-03-06"],
        vec!["add-days", "-", "3"],
        vec!["between", "--bogus", "2026-01-01", "2026-01-02"],
        vec!["frobnicate"],
        vec![],
        vec![
            "days-off",
            "2026-01-01",
            "2026-01-02",
            "--calendar",
            WD,
            "--no-official",
        ],
    ] {
        let o = motcua(&args, "");
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).is_empty());
    }
}

#[test]
fn bad_calendar_files_name_line_and_column() {
    let dir = std::env::temp_dir().join(format!("motcua-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        "{\"weekmask\": \"1111100\",\n \"from\": \"2026-01-01\",\n \"to\": 2026-12-31}\n",
    )
    .unwrap();
    let o = motcua(
        &[
            "is-working",
            "2026-03-02",
            "--calendar",
            bad.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("line 3") && err.contains("column"), "{err}");
    let both = dir.join("both.json");
    std::fs::write(&both, r#"{"weekmask":"1111100","from":"2026-01-01","to":"2026-12-31","holidays":["2026-01-10"],"working_days":["2026-01-10"]}"#).unwrap();
    let o = motcua(
        &[
            "is-working",
            "2026-03-02",
            "--calendar",
            both.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("invalid_spec") && stderr(&o).contains("2026-01-10"),
        "{}",
        stderr(&o)
    );
    let o = motcua(
        &[
            "is-working",
            "2026-03-02",
            "--calendar",
            dir.join("missing.json").to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("io: "));
}

#[test]
fn many_lines_stream_in_order() {
    let n = 200_000;
    let mut input = String::with_capacity(n * 14);
    for i in 0..n {
        input.push_str(&format!("2026-03-{:02} {}\n", 1 + i % 28, i % 50));
    }
    let o = motcua(&["add-days", "--calendar", WD, "-"], &input);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), n);
    // spot check against the library
    let cal =
        motcua::CalendarSpec::from_json(&std::fs::read_to_string(repo_root().join(WD)).unwrap())
            .unwrap()
            .compile()
            .unwrap();
    for (i, line) in out.lines().enumerate().step_by(9973) {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 3, 1 + (i % 28) as u32).unwrap();
        let exp = cal.add_working_days(d, (i % 50) as i64).unwrap();
        assert_eq!(line, format!("\"{exp}\""));
    }
}
