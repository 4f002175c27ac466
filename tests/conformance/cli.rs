//! The `motcua` CLI end to end: the line contract, exit codes, calendar files.
//! Needs the binary: `cargo build -p motcua --features cli` (the README's test command does it).

use std::io::Write;
use std::process::{Command, Output, Stdio};

use motcua_conformance::{cli_path, repo_root};

pub(crate) fn motcua(args: &[&str], stdin: &str) -> Output {
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

pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub(crate) fn stderr(o: &Output) -> String {
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

/// A date argument given as an instant is its day in Vietnam, as in Python and JS (DESIGN,
/// Semantics: an instant with an offset is converted to UTC+7 first, at every door): 23:00 UTC
/// on 29 April is 30 April, a holiday. (The CLI said `invalid_date`.)
#[test]
fn a_date_given_as_an_instant_is_its_day_in_vietnam() {
    for (args, want) in [
        (&["is-working", "2026-04-29T23:00Z"][..], "false\n"),
        (&["is-working", "2026-04-29T23:00+07:00"][..], "true\n"),
        (&["is-working", "2026-04-29T10:00"][..], "true\n"),
        (
            &["add-days", "2026-04-29T18:00-05:00", "1"][..],
            "\"2026-05-04\"\n",
        ),
        (&["between", "2026-04-28T17:00Z", "2026-05-04"][..], "1\n"),
        (
            &["lunar", "2026-02-16T17:30Z"][..],
            "{\"year\":2026,\"month\":1,\"day\":1,\"leap\":false}\n",
        ),
    ] {
        let o = motcua(args, "");
        assert_eq!(
            (o.status.code(), stdout(&o).as_str()),
            (Some(0), want),
            "{args:?}"
        );
    }
    let o = motcua(&["is-working", "2026-02-30T10:00"], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("invalid_date"));
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
        // DESIGN: messages on stderr, one line each (clap's usage and tip joined to it);
        // `motcua` alone prints its help instead
        if !args.is_empty() {
            let err = stderr(&o);
            assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
            assert!(err.starts_with("error: "), "{args:?}: {err}");
        }
    }
    let o = motcua(&["classify", "--as-of", "2026-02-30", "-"], "");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).trim_end(),
        "error: --as-of: `2026-02-30` is not a valid date: 2026-02 has 28 days; \
         Usage: motcua classify [OPTIONS] <INPUT>"
    );
}

/// `--no-official --include-pending`: the pending days are of the announced schedule, which
/// `--no-official` leaves out; said on stderr (it was silent), the answer the statute's.
#[test]
fn include_pending_without_the_official_schedule_says_it_adds_nothing() {
    let o = motcua(
        &[
            "is-working",
            "2026-11-23",
            "--no-official",
            "--include-pending",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o).trim(), "true");
    assert!(stderr(&o).starts_with("note: --include-pending adds nothing with --no-official"));
    assert_eq!(stderr(&o).lines().count(), 1);
    let o = motcua(&["is-working", "2026-11-23", "--include-pending"], "");
    assert_eq!((stdout(&o).trim(), stderr(&o).as_str()), ("false", ""));
}

/// Standard output closed before the run (`>&-`): Rust's runtime puts `/dev/null` there, and
/// every answer was lost with exit 0. Now exit 1 with a message; `> /dev/null` stays exit 0.
#[cfg(target_os = "linux")]
#[test]
fn stdout_closed_at_start_exits_1() {
    let run = |redirect: &str| {
        Command::new("sh")
            .arg("-c")
            .arg(format!("exec \"$0\" is-working 2026-01-01 {redirect}"))
            .arg(cli_path())
            .output()
            .unwrap()
    };
    let o = run(">&-");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("standard output is closed"));
    let o = run(">/dev/null");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
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

#[test]
fn vietnam_is_the_default_calendar() {
    // Issue "Vietnamese calendar", done when: the 2026 days off are the official ones plus the
    // weekends, less the make-up Saturdays (checked against the reference JSON).
    let o = motcua(&["days-off", "2026-01-01", "2026-12-31"], "");
    assert_eq!(o.status.code(), Some(0));
    let got: Vec<String> = serde_json::from_str(stdout(&o).trim()).unwrap();
    let data: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("core/data/vn-official-schedules.json")).unwrap(),
    )
    .unwrap();
    let y = &data["years"]["2026"];
    let makeup: Vec<&str> = y["makeup_working_days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let mut expected: Vec<String> = y["days_off"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    let mut d = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    while d.year() == 2026 {
        if d.weekday().num_days_from_monday() >= 5 && !makeup.contains(&d.to_string().as_str()) {
            expected.push(d.to_string());
        }
        d = d.succ_opt().unwrap();
    }
    expected.sort();
    assert_eq!(got, expected);
    // pending days only on request (the 2026 swap of 23 Nov); the statute alone lacks the swaps
    assert_eq!(stdout(&motcua(&["is-working", "2026-11-23"], "")), "true\n");
    assert_eq!(
        stdout(&motcua(
            &["is-working", "2026-11-23", "--include-pending"],
            ""
        )),
        "false\n"
    );
    assert_eq!(
        stdout(&motcua(&["is-working", "2026-01-02"], "")),
        "false\n"
    );
    assert_eq!(
        stdout(&motcua(&["is-working", "2026-01-02", "--no-official"], "")),
        "true\n"
    );
    assert_eq!(stdout(&motcua(&["is-working", "2026-01-10"], "")), "true\n");
    // out of the preset's range
    let o = motcua(&["add-days", "2199-12-31", "1"], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("date_out_of_range"));
}

use chrono::Datelike;

#[test]
fn lunar_and_solar() {
    let o = motcua(
        &["lunar", "-"],
        "1984-01-01\n2025-01-29\n1899-12-31\n2026-02-30\n",
    );
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<String> = stdout(&o).lines().map(String::from).collect();
    assert_eq!(
        lines[0],
        r#"{"year":1983,"month":11,"day":29,"leap":false}"#
    );
    assert_eq!(lines[1], r#"{"year":2025,"month":1,"day":1,"leap":false}"#);
    assert!(lines[2].contains("date_out_of_range") && lines[3].contains("invalid_date"));
    assert_eq!(
        stdout(&motcua(&["solar", "2026", "1", "1"], "")),
        "\"2026-02-17\"\n"
    );
    let o = motcua(
        &["solar", "-"],
        "2025 1 1\n2025 1 1 false\n2033 11 1 true\n2025 2 30\n2025 1 1 maybe\n",
    );
    let lines: Vec<String> = stdout(&o).lines().map(String::from).collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0], "\"2025-01-29\"");
    assert_eq!(lines[1], "\"2025-01-29\"");
    assert!(lines[2].starts_with("\"2033-12"), "{}", lines[2]);
    assert!(lines[3].contains("invalid_lunar_date"));
    assert!(lines[4].contains("invalid_argument"));
    assert_eq!(
        stdout(&motcua(&["solar", "2025", "6", "1", "--leap"], "")),
        "\"2025-07-25\"\n"
    ); // 2025 has a leap 6th month
    let o = motcua(&["solar", "2026", "6", "1", "--leap"], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("invalid_lunar_date"));
}

#[test]
fn holidays_lists_kinds() {
    let o = motcua(&["holidays", "2026"], "");
    assert_eq!(o.status.code(), Some(0));
    let v: Vec<serde_json::Value> = serde_json::from_str(stdout(&o).trim()).unwrap();
    let kind = |d: &str| {
        v.iter()
            .find(|h| h["date"] == d)
            .map(|h| h["kind"].as_str().unwrap().to_string())
    };
    assert_eq!(kind("2026-01-02").as_deref(), Some("swapped"));
    assert_eq!(kind("2026-01-10").as_deref(), Some("makeup_working_day"));
    assert_eq!(kind("2026-11-24").as_deref(), Some("statutory"));
    assert_eq!(kind("2026-11-23").as_deref(), Some("pending"));
    assert_eq!(kind("2026-11-28").as_deref(), Some("pending"));
    assert_eq!(kind("2026-04-27").as_deref(), Some("compensatory"));
    assert!(v
        .iter()
        .all(|h| h["name_vi"].is_string() && h["name_en"].is_string()));
    let o = motcua(&["holidays", "1994"], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("date_out_of_range"));
}

/// `holidays --calendar FILE`: a spec's days with the kind their entry states, else their
/// list's (`holiday`, `closure`, `makeup_working_day`); a year outside the spec is an error.
#[test]
fn holidays_of_a_spec_keep_their_stated_kinds() {
    let dir = std::env::temp_dir().join(format!("motcua-spec-kinds-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("spec.json");
    std::fs::write(
        &spec,
        r#"{"weekmask":"1111100","from":"2026-01-01","to":"2026-12-31",
            "holidays":["2026-01-01",{"date":"2026-09-02","name":"Quốc khánh","kind":"statutory"},
                       {"date":"2026-09-01","kind":"compensatory"}],
            "closures":[{"date":"2026-03-03","name":"Lũ"}],"working_days":["2026-01-10"]}"#,
    )
    .unwrap();
    let path = spec.to_str().unwrap();
    let o = motcua(&["holidays", "2026", "--calendar", path], "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Vec<serde_json::Value> = serde_json::from_str(stdout(&o).trim()).unwrap();
    let got: Vec<String> = v
        .iter()
        .map(|h| format!("{} {} {}", h["date"], h["name_vi"], h["kind"]))
        .collect();
    assert_eq!(
        got,
        [
            r#""2026-01-01" "" "holiday""#,
            r#""2026-01-10" "" "makeup_working_day""#,
            r#""2026-03-03" "Lũ" "closure""#,
            r#""2026-09-01" "" "compensatory""#,
            r#""2026-09-02" "Quốc khánh" "statutory""#,
        ]
    );
    let o = motcua(&["holidays", "2027", "--calendar", path], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("date_out_of_range"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn due_and_classify_line_contract() {
    let input = concat!(
        r#"{"received":"2026-02-13T18:30","channel":"online","time_limit":{"working_days":3},"events":[{"type":"resolved","at":"2026-02-25T15:00"}]}"#,
        "\n",
        r#"{"received":"2026-03-02T09:30","time_limit":{"working_days":3},"events":[{"type":"resolved","at":"2026-03-01T09:00"}]}"#,
        "\n",
        "not json\n",
        r#"{"received":"2026-08-24T09:00","time_limit":{"working_days":6}}"#,
        "\n",
        r#"{"received":"2026-03-02T09:30","procedure":"1.001193"}"#,
        "\n",
    );
    let o = motcua(&["classify", "--as-of", "2026-09-02T10:00", "-"], input);
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(
        (lines[0]["due"].as_str(), lines[0]["outcome"].as_str()),
        (Some("2026-02-26"), Some("early"))
    );
    assert_eq!(lines[1]["error"]["code"], "result_before_receipt");
    assert_eq!(lines[1]["error"]["line"], 2);
    assert_eq!(lines[2]["error"]["code"], "invalid_json");
    assert_eq!(
        (lines[3]["due"].as_str(), lines[3]["outcome"].as_str()),
        (Some("2026-09-04"), Some("pending_within"))
    );
    assert_eq!(lines[4]["error"]["code"], "unknown_procedure");
    // with the catalogue the procedure resolves
    let o = motcua(
        &[
            "due",
            "--catalogue",
            "core/examples/sample/catalogue.json",
            "-",
        ],
        r#"{"received":"2026-04-23T15:30","procedure":"1.001193"}"#,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with(r#"{"due":"2026-04-24""#),
        "{}",
        stdout(&o)
    );
    // rules and bad rules
    let e3 = r#"{"received":"2026-06-08T09:00","time_limit":{"working_days":10},"events":[{"type":"supplement_requested","at":"2026-06-11T15:00"},{"type":"supplement_received","at":"2026-06-16T10:00"}]}"#;
    assert!(stdout(&motcua(&["due", "-"], e3)).starts_with(r#"{"due":"2026-06-25""#));
    assert!(
        stdout(&motcua(&["due", "--rule", "supplement=restart", "-"], e3))
            .starts_with(r#"{"due":"2026-06-30""#)
    );
    assert_eq!(
        motcua(&["due", "--rule", "supplement=sometimes", "-"], e3)
            .status
            .code(),
        Some(2)
    );
    let o = motcua(&["due", "--explain", "-"], e3);
    assert!(stdout(&o).contains("\"explain\":["));
}

#[test]
fn explain_in_vietnamese_and_english() {
    let e8 = r#"{"received":"2026-02-13T18:30","channel":"online","time_limit":{"working_days":3},"events":[{"type":"resolved","at":"2026-02-25T15:00"}]}"#;
    let steps = |args: &[&str]| -> Vec<serde_json::Value> {
        let o = motcua(args, e8);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
        v["explain"].as_array().unwrap().clone()
    };
    let classify = ["classify", "--as-of", "2026-12-31", "--explain"];
    let vi = steps(&[&classify[..], &["-"]].concat());
    let en = steps(&[&classify[..], &["--lang", "en", "-"]].concat());
    assert_eq!(vi, steps(&[&classify[..], &["--lang", "vi", "-"]].concat()));
    // the same steps and fields; only the texts and the documents' names differ
    let kinds = |s: &[serde_json::Value]| -> Vec<String> {
        s.iter()
            .map(|x| x["kind"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(kinds(&vi), kinds(&en));
    assert_eq!(kinds(&vi).first().map(String::as_str), Some("rule_set"));
    assert_eq!(kinds(&vi).last().map(String::as_str), Some("outcome"));
    let counted = |s: &[serde_json::Value]| -> serde_json::Value {
        s.iter().find(|x| x["kind"] == "counted").unwrap().clone()
    };
    assert_eq!(
        counted(&vi)["amount"],
        serde_json::json!({"working_days": 3})
    );
    assert_eq!(counted(&vi)["due"], "2026-02-26");
    assert_eq!(counted(&vi)["basis"]["article"], "147");
    assert_eq!(counted(&vi)["basis"]["document"], "Bộ luật Dân sự 2015");
    assert_eq!(counted(&en)["basis"]["document"], "Civil Code 2015");
    assert!(counted(&vi)["text"]
        .as_str()
        .unwrap()
        .ends_with("(theo Điều 147 Bộ luật Dân sự 2015)."));
    assert!(counted(&en)["text"]
        .as_str()
        .unwrap()
        .ends_with("(Civil Code 2015, Art. 147)."));
    let compensatory: Vec<&serde_json::Value> = vi
        .iter()
        .filter(|x| x["day_class"] == "compensatory")
        .collect();
    assert_eq!(compensatory.len(), 1);
    assert_eq!(compensatory[0]["date"], "2026-02-20");
    let all = serde_json::to_string(&vi).unwrap() + &serde_json::to_string(&en).unwrap();
    assert!(!all.contains("reference") && !all.contains('§'), "{all}");
    // a language that is not offered is bad usage
    let o = motcua(&["due", "--explain", "--lang", "fr", "-"], e8);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn report_on_the_sample() {
    let args = [
        "report",
        "core/examples/sample/dossiers.csv",
        "--catalogue",
        "core/examples/sample/catalogue.json",
        "--as-of",
        "2026-11-15",
        "--by",
        "field",
        "--format",
        "json",
    ];
    let o = motcua(&args, "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows: Vec<serde_json::Value> = serde_json::from_str(stdout(&o).trim()).unwrap();
    let total = rows.last().unwrap();
    assert!(total["field"].is_null());
    assert_eq!(total["received"], 20_000);
    for r in &rows {
        let n = |k: &str| r[k].as_u64().unwrap();
        assert_eq!(
            n("received"),
            n("resolved") + n("pending") + n("refused") + n("withdrawn")
        );
        assert_eq!(
            n("received_new"),
            n("received_online") + n("received_direct") + n("received_postal")
        );
        assert_eq!(n("carried_over"), 0);
    }
    let sum: u64 = rows[..rows.len() - 1]
        .iter()
        .map(|r| r["resolved"].as_u64().unwrap())
        .sum();
    assert_eq!(sum, total["resolved"].as_u64().unwrap());
    // by month, carried over appears and identities hold
    let mut margs = args.to_vec();
    margs.extend(["--period", "month"]);
    let o = motcua(&margs, "");
    let rows: Vec<serde_json::Value> = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert!(rows.iter().any(|r| r["carried_over"].as_u64().unwrap() > 0));
    assert!(rows.iter().all(|r| r["period"].is_string()));
}

/// A record's `new_due` ("taken as issued in time") is seen as of any instant after the
/// receipt: a supplement request after as-of hid it (the apology was placed after the row's
/// last supplement event), so that of two dossiers with the same appointment still ahead the
/// one with a later request was overdue and the other not (report and worklist alike).
#[test]
fn a_records_new_due_is_seen_before_a_later_supplement_request() {
    let csv = "id,received,time_limit,supplement_requested,supplement_received,new_due\n\
               A,2026-02-25T11:30,2wd,,,2026-03-25\n\
               B,2026-02-25T11:30,2wd,2026-03-02T09:00,2026-03-13T16:00,2026-03-25\n";
    let path = temp_file("new_due_as_of.csv", csv);
    let file = path.to_str().unwrap();
    let state = |as_of: &str| -> Vec<(String, u64, u64, u64)> {
        let o = motcua(
            &[
                "report", file, "--as-of", as_of, "--by", "id", "--format", "json",
            ],
            "",
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let rows: Vec<serde_json::Value> = serde_json::from_str(stdout(&o).trim()).unwrap();
        rows.iter()
            .filter(|r| r["id"].is_string())
            .map(|r| {
                let n = |k: &str| r[k].as_u64().unwrap();
                (
                    r["id"].as_str().unwrap().to_string(),
                    n("pending_within"),
                    n("overdue"),
                    n("awaiting_supplement"),
                )
            })
            .collect()
    };
    // Before the request: both within their appointment (the original due date 27 Feb passed).
    assert_eq!(
        state("2026-02-28"),
        [("A".into(), 1, 0, 0), ("B".into(), 1, 0, 0)]
    );
    // While the supplement is awaited, and after it: B awaits, then is within again.
    assert_eq!(
        state("2026-03-05"),
        [("A".into(), 1, 0, 0), ("B".into(), 0, 0, 1)]
    );
    assert_eq!(
        state("2026-03-20"),
        [("A".into(), 1, 0, 0), ("B".into(), 1, 0, 0)]
    );
    assert_eq!(
        state("2026-03-31"),
        [("A".into(), 0, 1, 0), ("B".into(), 0, 1, 0)]
    );
    let o = motcua(
        &[
            "worklist",
            file,
            "--as-of",
            "2026-02-28",
            "--all",
            "--format",
            "json",
        ],
        "",
    );
    let rows: Vec<serde_json::Value> = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert!(
        rows.iter()
            .all(|r| r["due"] == "2026-03-25" && r["status"] == "on_track"),
        "{rows:?}"
    );
}

#[test]
fn report_bad_files() {
    let dir = std::env::temp_dir().join(format!("motcua-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let run = |p: &str, extra: &[&str]| {
        let mut a = vec!["report", p, "--as-of", "2026-12-31", "--format", "json"];
        a.extend_from_slice(extra);
        motcua(&a, "")
    };
    // empty file, header alone, missing column
    let o = run(&write("empty.csv", ""), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("csv_empty"));
    let o = run(&write("header.csv", "received,time_limit\n"), &[]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("\"received\":0"));
    // split by period too: the period holding as-of, zeros (not an empty array)
    for (period, label) in [
        ("month", "2026-12"),
        ("quarter", "2026-Q4"),
        ("year", "2026"),
    ] {
        let o = run(
            &write("header.csv", "received,time_limit\n"),
            &["--period", period],
        );
        assert_eq!(o.status.code(), Some(0));
        let rows: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let rows = rows.as_array().unwrap();
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0]["period"], label);
        assert_eq!(rows[0]["received"], 0);
        assert!(rows[0]["on_time_rate"].is_null());
    }
    let o = run(
        &write("nocol.csv", "received,channel\n2026-03-02,direct\n"),
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("csv_missing_column"));
    // BOM + CRLF + Vietnamese dates are fine
    let o = run(
        &write(
            "bom.csv",
            "\u{feff}received,time_limit,resolved\r\n02/03/2026 09:30,3wd,04/03/2026 10:00\r\n",
        ),
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("\"early\":1"));
    let o = run(
        &write("bom.csv", "received,time_limit\n02/03/2026 09:30,3wd\n"),
        &["--skip-bad"],
    );
    assert_eq!(o.status.code(), Some(0), "nothing skipped: {}", stderr(&o));
    // bad date, events out of order: reported with line and column; fails unless --skip-bad
    let bad = write(
        "bad.csv",
        "id,received,time_limit,supplement_requested,supplement_received,resolved\n\
         a,2026-03-02T09:00,3wd,,,2026-03-04\n\
         b,2026-02-30T09:00,3wd,,,\n\
         c,2026-03-02T09:00,3wd,2026-03-05,2026-03-03,\n\
         d,2026-03-02T09:00,0wd,,,\n",
    );
    let o = run(&bad, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    let err = stderr(&o);
    assert!(
        err.contains("line 3: csv_field")
            && err.contains("`received`")
            && err.contains("2026-02-30"),
        "{err}"
    );
    assert!(err.contains("line 4: events_out_of_order"), "{err}");
    assert!(
        err.contains("line 5: csv_field") && err.contains("0wd"),
        "{err}"
    );
    // --skip-bad: the table of the good rows, and exit 1 (bad data, as every command's bad line
    // is: DESIGN's exit codes); without a bad row, exit 0.
    let o = run(&bad, &["--skip-bad"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("\"received\":1"));
    assert!(stderr(&o).contains("skipped 3 bad row(s)"));
    // a semicolon-separated export with Vietnamese dates, one-digit hours and a Vietnamese time limit
    let o = run(
        &write(
            "semi.csv",
            "received;time_limit;resolved\n02/03/2026 9:30;3 ngày làm việc;06/03/2026 8:00\n",
        ),
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("\"late\":1"), "{}", stdout(&o));
    // --map reads another export's column names
    let o = run(
        &write("mapped.csv", "ngay_nhan,thoi_han\n2026-03-02T09:00,3wd\n"),
        &[
            "--map",
            "received=ngay_nhan",
            "--map",
            "time_limit=thoi_han",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("\"pending_within\":0") && stdout(&o).contains("\"received\":1"));
}

#[test]
fn scorecard_on_the_sample_and_bad_values() {
    let o = motcua(
        &[
            "scorecard",
            "core/examples/sample/dossiers.csv",
            "--catalogue",
            "core/examples/sample/catalogue.json",
            "--as-of",
            "2026-11-15",
            "--by",
            "agency",
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let scores = v["indicators"].as_array().unwrap();
    let total = |name: &str| {
        scores
            .iter()
            .find(|s| s["agency"].is_null() && s["indicator"] == name)
            .unwrap()
            .clone()
    };
    let on_time = total("on_time_rate");
    assert_eq!(on_time["target"], 1.0);
    assert_eq!(on_time["met"], false);
    assert!(on_time["gap"].as_f64().unwrap() < 0.0);
    assert_eq!(total("online_rate")["met"], true);
    // every score: value = numerator / denominator, or null with a zero denominator
    for s in scores {
        let (n, d) = (
            s["numerator"].as_u64().unwrap(),
            s["denominator"].as_u64().unwrap(),
        );
        if d == 0 {
            assert!(s["value"].is_null() && s["met"].is_null() && s["status"] == "no_data");
        } else {
            assert!((s["value"].as_f64().unwrap() - n as f64 / d as f64).abs() < 1e-12);
        }
    }
    assert_eq!(
        v["catalogue"].as_array().unwrap().last().unwrap()["procedures"],
        31
    );

    let dir = std::env::temp_dir().join(format!("motcua-scorecard-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("bad.csv");
    std::fs::write(
        &p,
        "received,time_limit,resolved,online_level,digitised,satisfaction,feedback_received,feedback_handled\n\
         2026-03-02T09:00,3wd,2026-03-03,full,yes,5,,\n\
         2026-03-02T09:00,3wd,2026-03-03,4,true,,,\n\
         2026-03-02T09:00,3wd,2026-03-03,full,maybe,,,\n\
         2026-03-02T09:00,3wd,2026-03-03,full,true,7,,\n\
         2026-03-02T09:00,3wd,2026-03-03,full,true,,2026-03-05,2026-03-04\n\
         2026-03-02T09:00,3wd,2026-03-03,full,true,,2026-03-01T10:00,\n\
         2026-03-02T09:00,3wd,2026-03-03,full,true,,2026-03-02,2026-03-02\n",
    )
    .unwrap();
    let o = motcua(
        &["scorecard", p.to_str().unwrap(), "--as-of", "2026-12-31"],
        "",
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("line 3: csv_field") && err.contains("online_level"),
        "{err}"
    );
    assert!(
        err.contains("line 4: csv_field") && err.contains("`digitised`"),
        "{err}"
    );
    assert!(
        err.contains("line 5: csv_field") && err.contains("`satisfaction`"),
        "{err}"
    );
    assert!(err.contains("line 6: events_out_of_order"), "{err}");
    // Feedback dated a day before the receipt is a wrong date; the receipt's day is not.
    assert!(
        err.contains("line 7: events_out_of_order")
            && err.contains("`feedback_received`: 2026-03-01 10:00:00 is before the receipt"),
        "{err}"
    );
    assert!(!err.contains("line 8:"), "{err}");
    // The portals' Vietnamese values give the scorecard their English values give (a rating
    // "not yet given" is no rating, as an empty cell).
    let english = dir.join("english.csv");
    let vietnamese = dir.join("vietnamese.csv");
    let head =
        "received,channel,time_limit,resolved,online_level,digitised,result_digitised,satisfaction\n";
    std::fs::write(
        &english,
        format!(
            "{head}2026-03-02T09:00,online,3wd,2026-03-03,full,true,false,5\n\
             2026-03-02T09:00,online,3wd,2026-03-03,partial,false,true,\n\
             2026-03-02T09:00,online,3wd,2026-03-03,none,true,true,dissatisfied\n"
        ),
    )
    .unwrap();
    std::fs::write(
        &vietnamese,
        format!(
            "{head}2026-03-02T09:00,online,3wd,2026-03-03,DVC toàn trình,Đã số hóa,Chưa số hoá,Rất hài lòng\n\
             2026-03-02T09:00,online,3wd,2026-03-03,Dịch vụ công trực tuyến một phần,Chưa số hóa,Đã số hóa,Chưa đánh giá\n\
             2026-03-02T09:00,online,3wd,2026-03-03,Không,đã,đã,Rất không hài lòng\n"
        ),
    )
    .unwrap();
    let card = |f: &std::path::Path| {
        let o = motcua(
            &[
                "scorecard",
                f.to_str().unwrap(),
                "--as-of",
                "2026-12-31",
                "--format",
                "json",
            ],
            "",
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()
    };
    let (en, vi) = (card(&english), card(&vietnamese));
    assert_eq!(en, vi);
    let rate = |name: &str| {
        en["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["indicator"] == name)
            .map(|s| (s["numerator"].clone(), s["denominator"].clone()))
            .unwrap()
    };
    assert_eq!(rate("satisfaction_rate"), (1.into(), 2.into()));
    assert_eq!(rate("full_online_rate"), (1.into(), 3.into()));
    assert_eq!(rate("digitised_rate"), (2.into(), 3.into()));
    // empty groups: no data, never 0% or 100%
    let empty = dir.join("empty.csv");
    std::fs::write(&empty, "received,time_limit\n").unwrap();
    let o = motcua(
        &[
            "scorecard",
            empty.to_str().unwrap(),
            "--as-of",
            "2026-12-31",
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert!(v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["value"].is_null() && s["status"] == "no_data"));
    // A column of ticked boxes (`x`, the others empty): the rate is of the boxes given, and a
    // note on stderr says how many were left out (it read 100% without a word); a column
    // given for every dossier has no note.
    let ticked = dir.join("ticked.csv");
    std::fs::write(
        &ticked,
        "id,received,time_limit,resolved,digitised,result_digitised
         A,03/03/2026 10:00,5wd,09/03/2026,x,x
         B,03/03/2026 10:00,5wd,09/03/2026,,
         C,03/03/2026 10:00,5wd,09/03/2026,,0
         D,03/03/2026 10:00,5wd,,,
",
    )
    .unwrap();
    let o = motcua(
        &[
            "scorecard",
            ticked.to_str().unwrap(),
            "--as-of",
            "2026-11-15",
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "note: `digitised`: 3 of the 4 dossiers have no value, left out of digitised_rate"
        ),
        "{err}"
    );
    assert!(
        err.contains("note: `result_digitised`: 1 of the 3 dossiers resolved have no value"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let rate = |name: &str| {
        let s = v["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["indicator"] == name)
            .unwrap()
            .clone();
        (s["numerator"].as_u64(), s["denominator"].as_u64())
    };
    assert_eq!(rate("digitised_rate"), (Some(1), Some(1)));
    assert_eq!(rate("result_digitised_rate"), (Some(1), Some(2)));
    let full = dir.join("full.csv");
    std::fs::write(
        &full,
        "received,time_limit,resolved,digitised
         03/03/2026 10:00,5wd,09/03/2026,x
         03/03/2026 10:00,5wd,09/03/2026,0
",
    )
    .unwrap();
    let o = motcua(
        &["scorecard", full.to_str().unwrap(), "--as-of", "2026-11-15"],
        "",
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(!stderr(&o).contains("note:"), "{}", stderr(&o));
    // `numerator,denominator,value` of full_online_rate in the scorecard of file `f`.
    let full_online = |f: &std::path::Path| {
        let o = motcua(
            &[
                "scorecard",
                f.to_str().unwrap(),
                "--as-of",
                "2026-04-01",
                "--format",
                "csv",
            ],
            "",
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let out = stdout(&o);
        out.lines()
            .find(|l| l.starts_with("full_online_rate,"))
            .map(|l| l.split(',').skip(1).take(3).collect::<Vec<_>>().join(","))
            .unwrap()
    };
    // full_online_rate: of every dossier when the records carry online_level; an empty cell
    // (here the desk's) is not shown to be fully online, as `none` is not (a tester's case:
    // 1/2 with the empty cells left out, 1/4 with them written `none`).
    let levels = |cells: [&str; 4]| {
        let f = dir.join("levels.csv");
        std::fs::write(
            &f,
            format!(
                "id,received,time_limit,channel,online_level\n\
                 A,2026-03-02T09:00,3wd,online,{}\nB,2026-03-02T09:00,3wd,direct,{}\n\
                 C,2026-03-02T09:00,3wd,direct,{}\nD,2026-03-02T09:00,3wd,online,{}\n",
                cells[0], cells[1], cells[2], cells[3]
            ),
        )
        .unwrap();
        full_online(&f)
    };
    assert_eq!(levels(["full", "", "", "partial"]), "1,4,0.250000");
    assert_eq!(levels(["full", "none", "none", "partial"]), "1,4,0.250000");
    assert_eq!(levels(["full", "", "", ""]), "1,4,0.250000");
    // JSON lines hold no header: a record leaving the key out is one of the rate's dossiers
    // when any record gives the key (even null), as the CSV's empty cell is; when none does,
    // the rate has no data (never 0%). Records may end in bare carriage
    // returns there too.
    let jsonl_levels = |cells: [&str; 4], end: &str| {
        let f = dir.join("levels.jsonl");
        let text: String = [("A", "online"), ("B", "direct"), ("C", "direct"), ("D", "online")]
            .iter()
            .zip(cells)
            .map(|((id, channel), level)| {
                let level = match level {
                    "" => String::new(),
                    "null" => r#","online_level":null"#.to_string(),
                    l => format!(r#","online_level":"{l}""#),
                };
                format!(
                    r#"{{"id":"{id}","received":"2026-03-02T09:00","time_limit":"3wd","channel":"{channel}"{level}}}{end}"#
                )
            })
            .collect();
        std::fs::write(&f, text).unwrap();
        full_online(&f)
    };
    assert_eq!(
        jsonl_levels(["full", "", "", "partial"], "\n"),
        "1,4,0.250000"
    );
    assert_eq!(jsonl_levels(["full", "null", "", ""], "\r"), "1,4,0.250000");
    assert_eq!(jsonl_levels(["", "", "", ""], "\r\n"), "0,0,");
    // A key given null is the CSV's column with an empty cell: the rate's dossiers, none
    // fully online (not "no data").
    assert_eq!(jsonl_levels(["null", "", "", ""], "\n"), "0,4,0.000000");
    assert_eq!(jsonl_levels(["none", "", "", ""], "\n"), "0,4,0.000000");
    // The key given only by records received after the as-of instant (left out): the records
    // carry the level all the same, as the CSV's column does (it said "no data").
    let f = dir.join("late-level.jsonl");
    std::fs::write(
        &f,
        "{\"id\":\"A\",\"received\":\"2026-03-02T09:00\",\"time_limit\":\"3wd\"}\n\
         {\"id\":\"B\",\"received\":\"2026-04-02T09:00\",\"time_limit\":\"3wd\",\
         \"channel\":\"online\",\"online_level\":\"full\"}\n",
    )
    .unwrap();
    assert_eq!(full_online(&f), "0,1,0.000000");
    // The scorecard and the worklist say the dossiers left out, as the report does
    // (counted + left out + skipped = the rows read).
    for cmd in ["scorecard", "worklist", "report"] {
        let o = motcua(&[cmd, f.to_str().unwrap(), "--as-of", "2026-04-01"], "");
        assert_eq!(o.status.code(), Some(0), "{cmd}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("1 dossier(s) received after the as-of instant left out"),
            "{cmd}: {}",
            stderr(&o)
        );
    }
    // A row whose values are all in columns not read (a footer, a note; a dossier whose
    // columns are not the reader's) is skipped, as an empty row is, but said: it vanished
    // with exit 0 unless a `--by` column read it (a tester's case). Plain and quoted CSV.
    for (name, text) in [
        (
            "footer.csv",
            "id,received,time_limit,field,agency
A,2026-03-02T09:30,3wd,F,x
,,,,
,,,B,y
,,,,note
",
        ),
        (
            "footer-q.csv",
            "id,received,time_limit,field,agency
\"A\",2026-03-02T09:30,3wd,F,x
,,,,\"a, note\"
",
        ),
    ] {
        let f = dir.join(name);
        std::fs::write(&f, text).unwrap();
        for cmd in ["scorecard", "worklist", "report"] {
            let o = motcua(&[cmd, f.to_str().unwrap(), "--as-of", "2026-04-01"], "");
            assert_eq!(o.status.code(), Some(0), "{cmd}: {}", stderr(&o));
            let n = if name == "footer.csv" { 2 } else { 1 };
            let line = if name == "footer.csv" { 4 } else { 3 };
            assert!(
                stderr(&o).contains(&format!(
                    "note: {n} row(s) skipped, their values only in columns not read (the first \
                     on line {line})"
                )),
                "{cmd} {name}: {}",
                stderr(&o)
            );
        }
    }
    // The good rows --skip-bad would count are those the table counts: one received after
    // the as-of instant is left out (unchecked), said apart (it was "the 2 good rows" of a
    // table of 1: a tester's case).
    let f = dir.join("bad-and-late.csv");
    std::fs::write(
        &f,
        "id,received,time_limit,resolved\ng1,2026-03-02T09:30,3wd,\nbad,2026-03-02T09:30,3xx,\n\
         late,2026-12-02T09:30,3wd,2026-12-01T09:00\n",
    )
    .unwrap();
    let o = motcua(
        &["report", f.to_str().unwrap(), "--as-of", "2026-03-10"],
        "",
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "1 bad row(s): no report (fix them, or use --skip-bad to report the 1 good rows; 1 \
             more received after the as-of instant are left out)"
        ),
        "{}",
        stderr(&o)
    );
    let f = dir.join("no-footer.csv");
    std::fs::write(
        &f,
        "received,time_limit,resolved
2026-03-02T09:30,3wd,
,,
",
    )
    .unwrap();
    let o = motcua(
        &["report", f.to_str().unwrap(), "--as-of", "2026-04-01"],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("note:"), "{}", stderr(&o));
    // 2,999 of 3,000 on time is not 100%: the tables never show it as 100.0, and the gap to
    // the target is shown, not "-0.0 pts" (a tester's case: "100.0% ≥ 100.0% NOT MET").
    let f = dir.join("round.csv");
    let mut text = String::from("id,received,time_limit,resolved\n");
    for i in 0..2999 {
        text.push_str(&format!("X{i},2026-03-02T09:00,3wd,2026-03-04T09:00\n"));
    }
    text.push_str("L,2026-03-02T09:00,3wd,2026-03-09T09:00\n");
    std::fs::write(&f, text).unwrap();
    let o = motcua(
        &["scorecard", f.to_str().unwrap(), "--as-of", "2026-03-31"],
        "",
    );
    let line = stdout(&o)
        .lines()
        .find(|l| l.starts_with("on_time_rate"))
        .unwrap()
        .to_string();
    assert!(
        line.contains("99.9%") && line.contains("-0.03 pts"),
        "{line}"
    );
    let o = motcua(
        &["report", f.to_str().unwrap(), "--as-of", "2026-03-31"],
        "",
    );
    let out = stdout(&o);
    let rates: Vec<&str> = out
        .lines()
        .last()
        .unwrap()
        .split_whitespace()
        .rev()
        .take(3)
        .collect();
    // online%, on_time%, resolved%
    assert_eq!(rates, ["0.0", "99.9", "100.0"], "{out}");
    // targets file
    let t = dir.join("targets.json");
    std::fs::write(&t, r#"{"on_time_rate": 0.9, "digitised_rate": 0.5}"#).unwrap();
    let o = motcua(
        &[
            "scorecard",
            "core/examples/sample/dossiers.csv",
            "--catalogue",
            "core/examples/sample/catalogue.json",
            "--as-of",
            "2026-11-15",
            "--targets",
            t.to_str().unwrap(),
            "--format",
            "csv",
        ],
        "",
    );
    let out = stdout(&o);
    assert!(
        out.lines()
            .any(|l| l.starts_with("on_time_rate,") && l.contains(",0.9,true,")),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("digitised_rate,") && l.contains(",0.5,true,")),
        "{out}"
    );
    std::fs::write(&t, r#"{"speed": 1}"#).unwrap();
    let o = motcua(
        &[
            "scorecard",
            "core/examples/sample/dossiers.csv",
            "--targets",
            t.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("unknown indicator"));
}

/// A schedules file in a temporary directory.
fn temp_file(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("motcua-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn json_line(o: &Output) -> serde_json::Value {
    serde_json::from_str(stdout(o).trim()).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

/// `schedule YEAR` prints a year in the schedules-file format; edited (a swap and a make-up
/// Saturday, as a 2027 notice would add) and passed back with `--schedules`, it changes
/// `days-off`, `add-days`, `between`, `holidays`, `due` and `classify`; unedited it changes
/// nothing.
#[test]
fn schedules_file_round_trip() {
    let o = motcua(&["schedule", "2027"], "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut file = json_line(&o);
    let year = &mut file["years"]["2027"];
    assert_eq!(year["status"], "provisional");
    assert!(year["days_off"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("2027-11-24")));
    // Unchanged, it gives the same answers.
    let same = temp_file("same-2027.json", &file.to_string());
    let same = same.to_str().unwrap();
    let a = motcua(&["days-off", "2027-01-01", "2027-12-31"], "");
    let b = motcua(
        &["days-off", "2027-01-01", "2027-12-31", "--schedules", same],
        "",
    );
    assert_eq!(stdout(&a), stdout(&b));
    // Announced: Thu 11 Feb 2027 off, Sat 20 Feb worked.
    let year = &mut file["years"]["2027"];
    year["status"] = "official".into();
    year["days_off"]
        .as_array_mut()
        .unwrap()
        .push("2027-02-11".into());
    year["makeup_working_days"] = serde_json::json!(["2027-02-20"]);
    let path = temp_file("announced-2027.json", &file.to_string());
    let path = path.to_str().unwrap();
    let with = |args: &[&str], stdin: &str| {
        let mut v = args.to_vec();
        v.extend(["--schedules", path]);
        motcua(&v, stdin)
    };
    assert_eq!(
        stdout(&with(&["days-off", "2027-02-08", "2027-02-21"], "")).trim(),
        r#"["2027-02-08","2027-02-09","2027-02-10","2027-02-11","2027-02-13","2027-02-14","2027-02-21"]"#
    );
    assert_eq!(
        stdout(&with(&["add-days", "2027-02-03", "1"], "")).trim(),
        "\"2027-02-12\""
    );
    assert_eq!(
        stdout(&motcua(&["add-days", "2027-02-03", "1"], "")).trim(),
        "\"2027-02-11\""
    );
    assert_eq!(
        stdout(&with(&["between", "2027-02-17", "2027-02-22"], "")).trim(),
        "4"
    );
    let dossier = r#"{"received":"2027-02-17T09:00","time_limit":{"working_days":3},"events":[{"type":"resolved","at":"2027-02-22T10:00"}]}"#;
    let c = json_line(&with(&["classify", "--as-of", "2027-03-01", "-"], dossier));
    assert_eq!(
        (c["due"].as_str(), c["outcome"].as_str()),
        (Some("2027-02-20"), Some("late"))
    );
    let c = json_line(&motcua(
        &["classify", "--as-of", "2027-03-01", "-"],
        dossier,
    ));
    assert_eq!(
        (c["due"].as_str(), c["outcome"].as_str()),
        (Some("2027-02-22"), Some("on_time"))
    );
    let d = json_line(&with(&["due", "-"], dossier));
    assert_eq!(d["due"], "2027-02-20");
    let h = json_line(&with(&["holidays", "2027"], ""));
    let kinds: Vec<(&str, &str)> = h
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["date"].as_str().unwrap().starts_with("2027-02-"))
        .map(|x| (x["date"].as_str().unwrap(), x["kind"].as_str().unwrap()))
        .collect();
    assert!(kinds.contains(&("2027-02-11", "swapped")), "{kinds:?}");
    assert!(
        kinds.contains(&("2027-02-20", "makeup_working_day")),
        "{kinds:?}"
    );
    assert!(kinds.iter().all(|(_, k)| *k != "provisional"), "{kinds:?}");
    // `schedule 2027 --schedules FILE` prints the file's year back; other years are untouched.
    let back = json_line(&with(&["schedule", "2027"], ""));
    assert_eq!(
        back["years"]["2027"]["makeup_working_days"],
        serde_json::json!(["2027-02-20"])
    );
    assert_eq!(
        stdout(&with(&["schedule", "2026"], "")),
        stdout(&motcua(&["schedule", "2026"], ""))
    );
    // With --no-official the file's years still win; the others follow the flag.
    let o = with(&["is-working", "2027-02-11", "--no-official"], "");
    assert_eq!(stdout(&o).trim(), "false");
    let o = with(&["is-working", "2026-01-02", "--no-official"], "");
    assert_eq!(stdout(&o).trim(), "true");
}

#[test]
fn schedule_of_every_kind_of_year() {
    // 2026: the embedded official year, with its pending swap; 2010: statutory; 2031: computed.
    let o = json_line(&motcua(&["schedule", "2026"], ""));
    let y = &o["years"]["2026"];
    assert_eq!(y["status"], "official");
    assert_eq!(y["pending"]["days_off"], serde_json::json!(["2026-11-23"]));
    assert!(y["days_off"]
        .as_array()
        .unwrap()
        .contains(&"2026-11-24".into()));
    let o = json_line(&motcua(&["schedule", "2010"], ""));
    assert_eq!(o["years"]["2010"]["status"], "statutory");
    let o = json_line(&motcua(&["schedule", "2031"], ""));
    let y = &o["years"]["2031"];
    assert_eq!(y["status"], "provisional");
    assert_eq!(y["verified"], false);
    // stdin: one line per year, a bad one answered in place
    let o = motcua(&["schedule", "-"], "2030\n2200\nabc\n");
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<String> = stdout(&o).lines().map(String::from).collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].starts_with(r#"{"years":{"2030":"#));
    assert!(lines[1].contains("date_out_of_range"), "{}", lines[1]);
    assert!(lines[2].contains("invalid_number"), "{}", lines[2]);
}

#[test]
fn bad_schedules_files() {
    // A day off on a weekend: exit 1, the year and the value named, no answer.
    let bad = temp_file(
        "bad-weekend.json",
        r#"{"years": {"2027": {"status": "official", "days_off": ["2027-02-06"], "makeup_working_days": []}}}"#,
    );
    let o = motcua(
        &[
            "is-working",
            "2027-01-04",
            "--schedules",
            bad.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    assert!(err.starts_with("invalid_schedule: "), "{err}");
    for w in ["bad-weekend.json", "2027", "2027-02-06", "Saturday"] {
        assert!(err.contains(w), "`{err}` lacks `{w}`");
    }
    // Not JSON / missing file.
    let junk = temp_file("junk.json", "{\"years\": ");
    let o = motcua(
        &["holidays", "2027", "--schedules", junk.to_str().unwrap()],
        "",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("invalid_json: "), "{}", stderr(&o));
    let o = motcua(&["due", "-", "--schedules", "/nonexistent/s.json"], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("io: "), "{}", stderr(&o));
    // With --calendar: bad usage.
    let o = motcua(
        &[
            "add-days",
            "2026-03-06",
            "1",
            "--calendar",
            WD,
            "--schedules",
            bad.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = motcua(&["schedule", "2027", "--calendar", WD], "");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

/// 24 November is a holiday from 2026 in the CLI's default calendar.
#[test]
fn culture_day_in_the_default_calendar() {
    let o = motcua(&["days-off", "2026-11-01", "2026-11-30"], "");
    let days: Vec<String> = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert!(days.contains(&"2026-11-24".to_string()));
    assert!(!days.contains(&"2026-11-23".to_string()));
    let o = motcua(
        &["days-off", "2026-11-01", "2026-11-30", "--include-pending"],
        "",
    );
    let days: Vec<String> = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert!(days.contains(&"2026-11-23".to_string()));
    assert!(!days.contains(&"2026-11-28".to_string()));
    assert_eq!(
        stdout(&motcua(&["is-working", "2025-11-24"], "")).trim(),
        "true"
    );
    // A due date across it: received Mon 23 Nov 2026, 3 working days → 25, 26, 27.
    let d = json_line(&motcua(
        &["due", "-"],
        r#"{"received":"2026-11-23T09:00","time_limit":{"working_days":3}}"#,
    ));
    assert_eq!(d["due"], "2026-11-27");
}

/// Runs the CLI with `MOTCUA_THREADS` set.
fn motcua_threads(args: &[&str], threads: &str) -> Output {
    Command::new(cli_path())
        .args(args)
        .env("MOTCUA_THREADS", threads)
        .current_dir(repo_root())
        .output()
        .unwrap()
}

#[test]
fn report_jsonl_threads_and_line_numbers() {
    let dir = std::env::temp_dir().join(format!("motcua-records-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // The sample as JSON lines: the same report as from CSV, on one thread or two.
    let csv =
        std::fs::read_to_string(repo_root().join("core/examples/sample/dossiers.csv")).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let mut jsonl = String::new();
    for l in lines {
        let cells: Vec<&str> = l.split(',').collect();
        let obj: serde_json::Map<String, serde_json::Value> = header
            .iter()
            .zip(cells)
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k.to_string(), v.into()))
            .collect();
        jsonl.push_str(&serde_json::Value::Object(obj).to_string());
        jsonl.push('\n');
    }
    let jpath = dir.join("sample.jsonl");
    std::fs::write(&jpath, jsonl).unwrap();
    let args = |input: &str| {
        [
            "report",
            input,
            "--catalogue",
            "core/examples/sample/catalogue.json",
            "--as-of",
            "2026-06-30T12:00",
            "--by",
            "agency,channel",
            "--period",
            "quarter",
            "--format",
            "json",
        ]
        .map(String::from)
    };
    let run = |input: &str, threads: &str| {
        let a = args(input);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        let o = motcua_threads(&a, threads);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        (stdout(&o), stderr(&o))
    };
    let (want, left) = run("core/examples/sample/dossiers.csv", "1");
    assert!(left.contains("left out"), "{left}");
    assert_eq!(
        run("core/examples/sample/dossiers.csv", "2"),
        (want.clone(), left.clone())
    );
    assert_eq!(run(jpath.to_str().unwrap(), "2").0, want);
    assert_eq!(run(jpath.to_str().unwrap(), "1").0, want);
    // Absurd thread counts are capped (a million threads were spawned for any input), with the
    // same answer, at once.
    let started = std::time::Instant::now();
    assert_eq!(run(jpath.to_str().unwrap(), "1000000").0, want);
    assert_eq!(run("core/examples/sample/dossiers.csv", "99999999").0, want);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    // Line numbers count every line: CRLF, blank lines, quoted line breaks. Errors come in
    // order, with the id.
    let bad = dir.join("bad.csv");
    std::fs::write(
        &bad,
        "id,received,time_limit,field,resolved\r\n\
         A,2026-03-02T09:30,3wd,\"Hộ\r\ntịch\",\r\n\
         \r\n\
         B,2026-02-30,3wd,x,\r\n\
         C,2026-03-02,9xx,x,\r\n",
    )
    .unwrap();
    for threads in ["1", "2"] {
        let o = motcua_threads(
            &[
                "report",
                bad.to_str().unwrap(),
                "--as-of",
                "2026-12-31",
                "--format",
                "json",
            ],
            threads,
        );
        assert_eq!(o.status.code(), Some(1));
        let err = stderr(&o);
        let first: Vec<&str> = err.lines().take(2).collect();
        assert!(
            first[0].starts_with("line 5: csv_field: ")
                && first[0].contains("2026-02-30")
                && first[0].ends_with("(id B)"),
            "{err}"
        );
        assert!(
            first[1].starts_with("line 6: csv_field: ") && first[1].contains("9xx"),
            "{err}"
        );
    }
}

/// A dossier line carrying keys of its own (another system's export, a test harness's case
/// number) is answered as the same line without them, with an `unknown_key` warning per key
/// (it failed the line: `invalid_dossier`); a line that is wrong otherwise keeps its error.
#[test]
fn due_and_classify_ignore_unknown_keys_with_a_warning() {
    let plain = r#"{"received":"2026-03-02T09:30","time_limit":{"working_days":3},"events":[{"type":"resolved","at":"2026-03-04T10:00"}]}"#;
    let extra = r#"{"received":"2026-03-02T09:30","case":"E1","time_limit":{"working_days":3},"events":[{"type":"resolved","at":"2026-03-04T10:00","by":"clerk"}]}"#;
    let bad = r#"{"received":"2026-02-30T09:30","case":"E2","time_limit":{"working_days":3}}"#;
    for cmd in [
        &["due", "-"][..],
        &["classify", "--as-of", "2026-03-31", "-"],
    ] {
        let o = motcua(cmd, &format!("{plain}\n{extra}\n{bad}\n"));
        assert_eq!(o.status.code(), Some(1), "the bad line: {}", stderr(&o));
        let lines: Vec<serde_json::Value> = stdout(&o)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 3);
        let mut without = lines[1].clone();
        let warnings = without["warnings"].take();
        without["warnings"] = serde_json::json!([]);
        assert_eq!(without, lines[0], "{cmd:?}");
        let codes: Vec<&str> = warnings
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes, ["unknown_key", "unknown_key"]);
        assert!(warnings[1]["message"]
            .as_str()
            .unwrap()
            .contains("events[0].by"));
        assert_eq!(lines[2]["error"]["code"], "invalid_date", "{cmd:?}");
    }
}

/// A key that reads as a misspelling of a dossier's or an event's key is an error naming the
/// key meant, not a warning: a misspelt `event` dropped the events of a dossier resolved early
/// and answered `overdue` with exit 0.
#[test]
fn due_and_classify_refuse_a_misspelt_key() {
    let lines = [
        r#"{"received":"2026-10-19T09:00","time_limit":{"working_days":5},"event":[{"type":"resolved","at":"2026-10-23T10:00"}]}"#,
        r#"{"received":"2026-10-19T09:00","time_limit":{"working_days":5},"events":[{"type":"apology","at":"2026-10-20T10:00","newDue":"2026-10-30"}]}"#,
        r#"{"received":"2026-10-19T09:00","time_limit":{"working_days":5},"status":"done","events":[{"type":"resolved","at":"2026-10-23T10:00"}]}"#,
    ];
    for cmd in [
        &["due", "-"][..],
        &["classify", "--as-of", "2026-10-30", "-"],
    ] {
        let o = motcua(cmd, &format!("{}\n", lines.join("\n")));
        assert_eq!(o.status.code(), Some(1), "{cmd:?}: {}", stderr(&o));
        let out: Vec<serde_json::Value> = stdout(&o)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(out.len(), 3);
        for (i, (field, meant)) in [("event", "events"), ("events[0].newDue", "new_due")]
            .iter()
            .enumerate()
        {
            let e = &out[i]["error"];
            assert_eq!(
                (e["code"].as_str(), e["field"].as_str()),
                (Some("invalid_dossier"), Some(*field)),
                "{cmd:?}"
            );
            assert!(
                e["message"]
                    .as_str()
                    .unwrap()
                    .contains(&format!("did you mean `{meant}`?")),
                "{e}"
            );
        }
        // Another system's key is still read past, with its warning.
        assert_eq!(out[2]["warnings"][0]["code"], "unknown_key", "{cmd:?}");
    }
}

/// A table with no column of a dossier's end (a result column the reader did not recognise,
/// `Resolved (ngày)`, `resolved.1`, or a status export without dates) counted every dossier
/// open, overdue, without a word: `report` and `scorecard` say so on stderr (the answer and
/// the exit status are the file's as it is); `worklist`, whose input may be the open dossiers
/// alone, does not; a table with one of the three columns gets no such note.
#[test]
fn a_table_without_a_column_of_the_end_is_said() {
    let csv = "id,received,time_limit,Resolved (ngày)\nB1,02/03/2026 09:00,3wd,03/03/2026\n";
    let note =
        "note: no `resolved`, `refused` or `withdrawn` column: every dossier is counted open \
                (pending or overdue); if a column holds the dates of the results, name it: \
                --map resolved=COLUMN";
    for cmd in ["report", "scorecard"] {
        let o = motcua(&[cmd, "-", "--as-of", "2026-03-20"], csv);
        assert_eq!(o.status.code(), Some(0), "{cmd}");
        assert!(stderr(&o).contains(note), "{cmd}: {}", stderr(&o));
    }
    let o = motcua(&["worklist", "-", "--as-of", "2026-03-20"], csv);
    assert!(!stderr(&o).contains("no `resolved`"), "{}", stderr(&o));
    for end in ["resolved", "Refused", "withdrawn"] {
        let csv = format!("id,received,time_limit,{end}\nB1,02/03/2026 09:00,3wd,\n");
        let o = motcua(&["report", "-", "--as-of", "2026-03-20"], &csv);
        assert!(
            !stderr(&o).contains("no `resolved`"),
            "{end}: {}",
            stderr(&o)
        );
    }
    let mapped = motcua(
        &[
            "report",
            "-",
            "--as-of",
            "2026-03-20",
            "--map",
            "resolved=Resolved (ngày)",
        ],
        csv,
    );
    assert_eq!(stderr(&mapped), "");
}

/// A bad cell's error says what its value most likely is, for the clerk who fixes the file:
/// an Excel date number, a date written month first, a placeholder for no value.
#[test]
fn bad_cells_say_what_they_most_likely_are() {
    let csv =
        "id,received,time_limit\na,46083,3wd\nb,3/13/2026 9:00,3wd\nc,NULL,3wd\nd,02/03/2026,-\n\
               e,2026-02-30,3wd\n";
    let o = motcua(&["report", "-", "--as-of", "2026-03-31", "--skip-bad"], csv);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for want in [
        "value `46083`: `46083` is not a valid date: expected YYYY-MM-DD or dd/mm/yyyy (an Excel \
         date number? format the column as a date, dd/mm/yyyy, before saving as CSV)",
        "there is no month 13 (dates are read day first, dd/mm/yyyy: is the column month first? \
         save it day first or as YYYY-MM-DD)",
        "value `NULL`: `NULL` is not a valid date: expected YYYY-MM-DD or dd/mm/yyyy (a \
         placeholder? leave the cell empty for no value)",
        "column `time_limit`, value `-`: `-` is not a time limit (expected e.g. 3wd, 15cd, 8wh or \
         same_day) (a placeholder? leave the cell empty for no value)",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }
    // (a day that does not exist is no placeholder, Excel number or month-first date)
    let line = err.lines().find(|l| l.contains("2026-02-30")).unwrap();
    assert!(
        !line.contains(" (a") && !line.contains("month first"),
        "{line}"
    );
}

/// Grouping values left empty (merged cells, which an export fills in a block's first row
/// only) were counted in a group of no name without a word: said on stderr with how many
/// dossiers (each once, in its first period); none when every value is given.
#[test]
fn empty_grouping_values_are_said() {
    let csv = "STT,Lĩnh vực,received,time_limit,resolved\n1,Hộ tịch,02/03/2026,3wd,03/03/2026\n\
               2,,02/03/2026,3wd,\n3,,02/03/2026,3wd,\n4,Đất đai,02/03/2026,3wd,\n5,,02/02/2026,3wd,\n";
    let o = motcua(
        &[
            "report",
            "-",
            "--as-of",
            "2026-03-20",
            "--by",
            "Lĩnh vực",
            "--period",
            "month",
        ],
        csv,
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains(
            "note: 3 dossier(s) with an empty `Lĩnh vực` are counted in a group of no name \
             (merged cells? fill the column down)"
        ),
        "{}",
        stderr(&o)
    );
    let full = csv.replace(",,", ",X,");
    let o = motcua(
        &["report", "-", "--as-of", "2026-03-20", "--by", "Lĩnh vực"],
        &full,
    );
    assert!(!stderr(&o).contains("empty"), "{}", stderr(&o));
}

/// JSON lines: a key of the first record that looks like a column not found gets the note a
/// CSV header's column gets (their layout lists every column a record may hold, so no key was
/// ever said: a misspelt `resolved` made the dossier overdue with nothing on stderr). A key
/// beside the column it resembles, or mapped, gets none; blank lines before the first record
/// and gzip are looked through.
#[test]
fn json_lines_keys_that_look_like_a_column_not_found_are_named() {
    let jsonl = "\n{\"id\":\"a\",\"received\":\"2026-03-02T09:30\",\"time_limit\":\"3wd\",\
                 \"resolvd\":\"2026-03-04T10:00\",\"chanel\":\"online\",\"agency\":\"X\"}\n\
                 {\"id\":\"b\",\"received\":\"2026-03-02T09:30\",\"time_limit\":\"3wd\"}\n";
    let args = [
        "report",
        "-",
        "--input-format",
        "jsonl",
        "--as-of",
        "2026-03-31",
    ];
    let o = motcua(&args, jsonl);
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert!(
        err.contains("note: column `resolvd` is not read; if it holds `resolved`, rename it or pass --map resolved=resolvd"),
        "{err}"
    );
    assert!(err.contains("--map channel=chanel"), "{err}");
    assert!(!err.contains("agency"), "{err}");
    // The records are read whole after the first was looked at: two dossiers, none resolved.
    let v: serde_json::Value = serde_json::from_str(
        stdout(&motcua(&[&args[..], &["--format", "json"]].concat(), jsonl)).trim(),
    )
    .unwrap();
    let total = v.as_array().unwrap().last().unwrap();
    assert_eq!(
        (total["received"].as_u64(), total["resolved"].as_u64()),
        (Some(2), Some(0))
    );
    let mapped = motcua(
        &[
            &args[..],
            &["--map", "resolved=resolvd", "--map", "channel=chanel"],
        ]
        .concat(),
        jsonl,
    );
    assert_eq!(
        (mapped.status.code(), stderr(&mapped).as_str()),
        (Some(0), "")
    );
    let beside = "{\"received\":\"2026-03-02T09:30\",\"time_limit\":\"3wd\",\
                  \"resolved\":\"2026-03-04T10:00\",\"resolved_at\":\"x\"}\n";
    assert_eq!(stderr(&motcua(&args, beside)), "");
}

/// A column that looks like one the report reads but is not found (`resolved_at` for
/// `resolved`, `chanel` for `channel`) is named on stderr with the `--map` that reads it; the
/// answer and the exit status are those of the file as it is (other columns are ignored). A
/// misspelt `resolved` made every resolved dossier overdue without a word. The sample file,
/// whose other columns are the scorecard's and grouping columns, gets no note.
#[test]
fn a_column_that_looks_like_one_not_found_is_named() {
    let csv = "id,received,time_limit,resolved_at,chanel,agency\n\
               A,2026-03-02T09:00,3wd,2026-03-03T10:00,online,X\n";
    let o = motcua(&["report", "-", "--as-of", "2026-11-15"], csv);
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert!(
        err.contains("note: column `resolved_at` is not read; if it holds `resolved`, rename it or pass --map resolved=resolved_at"),
        "{err}"
    );
    assert!(err.contains("--map channel=chanel"), "{err}");
    assert!(!err.contains("agency"), "{err}");
    let mapped = motcua(
        &[
            "report",
            "-",
            "--as-of",
            "2026-11-15",
            "--map",
            "resolved=resolved_at",
            "--map",
            "channel=chanel",
        ],
        csv,
    );
    assert_eq!(
        (mapped.status.code(), stderr(&mapped).as_str()),
        (Some(0), "")
    );
    let root = motcua_conformance::repo_root();
    let sample = root.join("core/examples/sample/dossiers.csv");
    let catalogue = root.join("core/examples/sample/catalogue.json");
    let o = motcua(
        &[
            "report",
            sample.to_str().unwrap(),
            "--catalogue",
            catalogue.to_str().unwrap(),
            "--as-of",
            "2026-11-15",
        ],
        "",
    );
    assert_eq!((o.status.code(), stderr(&o).as_str()), (Some(0), ""));
}

/// Vietnamese typed as letters and combining marks (NFD: Unikey, Windows-1258 exports) reads
/// as the same text in NFC: one group per field however each row wrote it, and the keywords
/// (`trực tuyến`, `3 ngày làm việc`) understood. Half the rows below write them decomposed
/// (the NFD from Python's `unicodedata`), a third with no-break and zero-width spaces; they were
/// more "Đất đai" groups that looked the same, and a channel "not a channel".
#[test]
fn decomposed_vietnamese_is_one_group_and_its_keywords_read() {
    let (field, channel, limit) = (
        "\u{110}a\u{302}\u{301}t \u{111}ai",
        "tru\u{31B}\u{323}c tuye\u{302}\u{301}n",
        "3 nga\u{300}y la\u{300}m vie\u{323}\u{302}c",
    );
    let mut csv = String::from("id,received,time_limit,channel,field\n");
    for i in 0..6 {
        let (f, c, l) = match i % 3 {
            0 => (field, channel, limit),
            1 => ("Đất đai", "trực tuyến", "3 ngày làm việc"),
            // No-break and zero-width spaces (a copy from a web page), a double space.
            _ => ("Đất\u{a0}đai\u{200b}", "trực  tuyến", "3 ngày làm việc"),
        };
        csv.push_str(&format!("{i},2026-03-02T09:00,{l},{c},{f}\n"));
    }
    let o = motcua(
        &[
            "report",
            "-",
            "--as-of",
            "2026-03-31",
            "--by",
            "field",
            "--format",
            "csv",
        ],
        &csv,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{out}"); // the field, then the totals
    assert!(rows[0].starts_with("Đất đai,"), "{out}");
    assert!(rows[0].contains(",6,6,6,0,0,"), "{out}"); // 6 new, 6 received, all online
}

/// A receipt outside the calendar's range is a bad row whether it falls before it or after the
/// as-of instant: a typo year 9999 was "received after the as-of instant" and left out of the
/// report with exit 0, while 1994 was `date_out_of_range`. Every records command.
#[test]
fn a_receipt_past_the_calendar_is_a_bad_row_not_left_out() {
    let csv =
        "id,received,time_limit\nA,2025-01-02T08:00,3wd\nB,9999-12-31,3wd\nC,1994-12-31,3wd\n";
    for args in [
        &["report", "-", "--as-of", "2199-12-31"][..],
        &["scorecard", "-", "--as-of", "2199-12-31"][..],
        &["worklist", "-", "--as-of", "2199-12-31"][..],
        &["report", "-", "--as-of", "2199-12-31", "--stages"][..],
    ] {
        let o = motcua(args, csv);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = stderr(&o);
        for (line, value) in [(3, "9999-12-31"), (4, "1994-12-31")] {
            assert!(
                err.contains(&format!(
                    "line {line}: date_out_of_range: line {line}, column `received`: {value} is outside the calendar range"
                )),
                "{args:?}: {err}"
            );
        }
    }
}

/// A `new_due` earlier than the due date a supplement round gave is the record's error, said
/// without the instant the reader gave the column's appointment (it said "apology at
/// 2026-03-20T09:00", an instant in no cell) and with how the appointment is placed.
#[test]
fn a_new_due_before_the_supplement_rounds_due_date_is_said_as_the_column() {
    let csv = "id,received,time_limit,supplement_requested,supplement_received,new_due,resolved\n\
               A,2026-03-02T09:00,3wd,2026-03-04T10:00,2026-03-20T09:00,2026-03-06,2026-03-23T10:00\n";
    let o = motcua(&["report", "-", "--as-of", "2026-03-31"], csv);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("column `new_due`: new_due 2026-03-06 is earlier than the current due date 2026-03-23 (a `new_due` is taken as issued in time"), "{err}");
    assert!(!err.contains("apology at"), "{err}");
}

/// `due --as-of T`: the due date as it stood at T (as Python's and JS's `due`), by hand: a
/// dossier received Mon 2 March 2026 09:30 with 3 working days is due Thu 5 March; a request
/// on Tue 3 March stops the clock; the supplement on Tue 10 March restarts it with the 2 days
/// left (the request's day counted: Wed 11, Thu 12). As of Thu 5 March the request is open and
/// the due date still the 5th; without --as-of the 12th. The same as `classify --as-of`'s
/// due date; an as-of before the receipt is the line's error, one outside the calendar bad usage.
#[test]
fn due_as_of_is_the_due_date_as_it_stood() {
    let d = r#"{"received":"2026-03-02T09:30","time_limit":{"working_days":3},"events":[{"type":"supplement_requested","at":"2026-03-03T10:00"},{"type":"supplement_received","at":"2026-03-10T08:00"}]}"#;
    let line = format!("{d}\n");
    let json = |args: &[&str]| -> serde_json::Value {
        let o = motcua(args, &line);
        serde_json::from_str(stdout(&o).trim()).unwrap()
    };
    let all = json(&["due", "-"]);
    assert_eq!(all["due"], "2026-03-12");
    let then = json(&["due", "--as-of", "2026-03-05", "-"]);
    assert_eq!(then["due"], "2026-03-05");
    assert_eq!(then["awaiting_supplement_since"], "2026-03-03T10:00");
    let c = json(&["classify", "--as-of", "2026-03-05", "-"]);
    for k in [
        "due",
        "due_at",
        "awaiting_supplement_since",
        "deemed_receipt",
    ] {
        assert_eq!(then[k], c[k], "{k}");
    }
    let o = motcua(&["due", "--as-of", "2026-02-01", "-"], &line);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("invalid_argument"), "{}", stdout(&o));
    let o = motcua(&["due", "--as-of", "2300-01-01", "-"], &line);
    assert_eq!(o.status.code(), Some(2));
}
