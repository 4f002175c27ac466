//! Unit tests of `procedure`: time limits, procedures, stages and the catalogue readers.

use super::*;

/// A key given twice in a catalogue's procedure (or in a stage, or a CSV `stages` cell) is
/// `invalid_json` naming it: the last copy won silently (`"time_limit":"3wd",
/// "time_limit":"30wd"` gave the procedure 30 working days; a tester's case).
#[test]
fn a_key_given_twice_in_a_catalogue_is_an_error() {
    let row = |extra: &str| {
        format!(
            "[{{\"code\":\"a\",\"name\":\"n\",\"field\":\"f\",\"level\":\"commune\",\
                 \"time_limit\":\"3wd\",\"online\":\"full\"{extra}}}]"
        )
    };
    assert!(Catalogue::from_json(&row("")).is_ok());
    for (extra, key) in [
        (",\"time_limit\":\"30wd\"", "time_limit"),
        (",\"code\":\"b\"", "code"),
        (
            ",\"stages\":[{\"agency\":\"X\",\"agency\":\"Y\",\"time_limit\":\"3wd\"}]",
            "agency",
        ),
    ] {
        let e = Catalogue::from_json(&row(extra)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidJson, "{e}");
        assert!(
            e.message().contains(&format!("`{key}` is given twice")),
            "{e}"
        );
    }
    let header = ["code", "level", "time_limit", "online", "stages"];
    let cell = r#"[{"agency":"X","time_limit":"3wd","time_limit":"5wd"}]"#;
    let cells = ["1.1", "commune", "3wd", "full", cell];
    let e = Catalogue::from_records([(2, header.iter().copied().zip(cells.iter().copied()))])
        .unwrap_err();
    assert!(e.message().contains("`time_limit` is given twice"), "{e}");
    // A dossier's own `stages` alike (its other keys were checked already), and a record's
    // `stages` cell.
    let d = r#"{"received":"2026-03-02T09:30","time_limit":{"working_days":6},
            "stages":[{"agency":"A","agency":"B","time_limit":"3wd"}]}"#;
    let e = crate::dossier::Dossier::from_json(d).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidJson, "{e}");
    assert!(e.message().contains("`agency` is given twice"), "{e}");
    let ok = d.replace(r#""agency":"A","#, "");
    assert!(crate::dossier::Dossier::from_json(&ok).is_ok());
}

/// A CSV catalogue's column named twice (`time_limit` … `time_limit`, or `Time_Limit`: the
/// header matches in any ASCII case), even where one copy is empty, is `invalid_catalogue`
/// naming it: the first copy was read without a word (`2wd` then `3wd` counted a dossier
/// late that the second made on time; a tester's case). A JSON catalogue's key in another
/// case (`Time_Limit`) was left unread: now said. Columns not read may repeat.
#[test]
#[cfg(feature = "csv")]
fn a_catalogue_column_given_twice_is_an_error() {
    use crate::records::load_catalogue;
    let base = "code,name,field,level,time_limit,online";
    let ok = load_catalogue(&format!("{base},note,note\nP1,x,F,commune,2wd,full,a,b\n")).unwrap();
    assert_eq!(ok.get("P1").unwrap().time_limit.to_string(), "2wd");
    for (extra, cells, name, how) in [
        (",time_limit", ",3wd", "time_limit", ""),
        (
            ",Time_Limit",
            ",",
            "time_limit",
            " (as `time_limit` and `Time_Limit`)",
        ),
        (", CODE ", ",P9", "code", " (as `code` and `CODE`)"),
        (",online", ",none", "online", ""),
    ] {
        let text = format!("{base}{extra}\nP1,x,F,commune,2wd,full{cells}\n");
        let e = load_catalogue(&text).unwrap_err();
        assert_eq!(
            (e.kind(), e.field()),
            (ErrorKind::InvalidCatalogue, Some(name)),
            "{e}"
        );
        assert_eq!(
            e.message(),
            format!(
                "row 2: column `{name}` is given more than once{how}: which one is meant is \
                     a guess"
            )
        );
    }
    let json = |k: &str| {
        format!(
            "[{{\"code\":\"a\",\"name\":\"n\",\"field\":\"f\",\"level\":\"commune\",\
                 \"{k}\":\"3wd\",\"online\":\"full\"}}]"
        )
    };
    assert!(Catalogue::from_json(&json("time_limit")).is_ok());
    for k in ["Time_Limit", "TIME_LIMIT", " time_limit"] {
        let e = Catalogue::from_json(&json(k)).unwrap_err();
        assert_eq!(e.field(), Some("time_limit"), "{e}");
        assert!(
            e.message().contains(&format!("key `{k}` is not read")),
            "{e}"
        );
    }
    // Beside the key as written, too (the other value was lost).
    let both = json("time_limit").replace("\"online\"", "\"Time_Limit\":\"30wd\",\"online\"");
    assert!(Catalogue::from_json(&both).is_err());
}

/// Every code is found as itself and nothing else is, whichever codes share a slot of the
/// quick lookup: codes of every length, many alike (`1.00012` and `1.000012`), looked up
/// with near misses (a byte more or less, another case, a space).
#[test]
fn codes_are_found_exactly_whatever_their_slots() {
    let codes: Vec<String> = (0..600)
        .map(|i| match i % 4 {
            0 => format!("1.{i:06}"),
            1 => format!("{i}"),
            2 => format!("2.{i:05}.mã thủ tục dài hơn mười sáu byte"),
            _ => format!("X{i}Y"),
        })
        .collect();
    let procedures = codes
        .iter()
        .map(|code| Procedure {
            code: code.clone(),
            name: String::new(),
            field: String::new(),
            level: AuthorityLevel::Province,
            online: OnlineService::None,
            time_limit: TimeLimit::WorkingDays(code.len() as u32),
            stages: Vec::new(),
        })
        .collect();
    let cat = Catalogue::new(procedures).unwrap();
    for code in &codes {
        assert_eq!(cat.get(code).unwrap().code, *code);
        for miss in [
            format!("{code}0"),
            format!("0{code}"),
            format!("{code} "),
            code.to_uppercase().replace('.', ","),
            code[..code.len() - 1].to_string(),
        ] {
            if !codes.contains(&miss) {
                let e = cat.get(&miss).unwrap_err();
                assert_eq!(e.kind(), ErrorKind::UnknownProcedure, "{miss}");
            }
        }
    }
    assert!(Catalogue::default().get("1.000001").is_err());
}

/// A CSV catalogue (or rows from a frame) carries stages as a `stages` column of JSON text,
/// read as a JSON catalogue's: the same procedure either way, and the same fingerprint. Its
/// column names match regardless of ASCII case, as a records file's do. (The column was
/// ignored: Python's `Catalogue.from_records` lost the stages of every procedure, and the
/// inter-agency answers with them, without a word; `Code` was "missing".)
#[test]
fn a_csv_catalogue_reads_stages_and_any_case_of_its_headers() {
    let stages = r#"[{"agency":"VP đăng ký đất đai","time_limit":"10wd"},{"agency":"Thuế","time_limit":{"working_days":5}}]"#;
    let json = Catalogue::from_json(&format!(
            r#"[{{"code":"2.1","name":"Đất","field":"Đất đai","level":"province","time_limit":"15wd","online":"partial","stages":{stages}}}]"#
        ))
        .unwrap();
    let header = [
        "Code",
        "NAME",
        "field",
        "Level",
        "Time_Limit",
        "online",
        "Stages",
    ];
    let row = [
        "2.1",
        "Đất",
        "Đất đai",
        "province",
        "15wd",
        "partial",
        stages,
    ];
    let csv =
        Catalogue::from_records([(2, header.iter().copied().zip(row.iter().copied()))]).unwrap();
    assert_eq!(csv.get("2.1").unwrap(), json.get("2.1").unwrap());
    assert_eq!(csv.get("2.1").unwrap().stages.len(), 2);
    assert_eq!(csv.fingerprint(), json.fingerprint());
    for (cell, field) in [
        ("[{\"agency\":\"A\"}", "stages"),
        ("{\"agency\":\"A\"}", "stages"),
        ("[{\"agency\":\"A\",\"time_limit\":\"0wd\"}]", "stages[0]"),
    ] {
        let row = ["2.1", "Đất", "Đất đai", "province", "15wd", "partial", cell];
        let e = Catalogue::from_records([(7, header.iter().copied().zip(row.iter().copied()))])
            .unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            ("invalid_catalogue", Some(field)),
            "{cell}"
        );
        assert!(
            e.message().starts_with("row 7: code 2.1"),
            "{}",
            e.message()
        );
    }
}

#[test]
fn a_cutoff_to_the_second_reads_back_as_given() {
    // Written as HH:MM it read back a minute earlier, and moved the due date of a dossier
    // received in between (a Rust service's round trip through JSON).
    for text in ["same_day@14:00:30", "same_day@09:05"] {
        let t: TimeLimit = text.parse().unwrap();
        assert_eq!(t.to_string(), text);
        let back = TimeLimit::from_json_value(&t.to_json_value()).unwrap();
        assert_eq!(back, t, "{text}");
    }
}

#[test]
fn vietnamese_wording() {
    let p = |s: &str| s.parse::<TimeLimit>();
    assert_eq!(p("3 ngày làm việc").unwrap(), TimeLimit::WorkingDays(3));
    assert_eq!(
        p(" 10  Ngày  Làm Việc ").unwrap(),
        TimeLimit::WorkingDays(10)
    );
    assert_eq!(p("15 ngày").unwrap(), TimeLimit::CalendarDays(15));
    assert_eq!(p("8 giờ làm việc").unwrap(), TimeLimit::WorkingHours(8));
    assert_eq!(p("4 giờ").unwrap(), TimeLimit::WorkingHours(4));
    assert_eq!(p("Trong ngày").unwrap(), TimeLimit::same_day());
    assert_eq!(p("0 ngày").unwrap_err().code(), "invalid_time_limit");
    assert_eq!(p("3 tuần").unwrap_err().code(), "invalid_time_limit");
    assert_eq!(p("ngày làm việc").unwrap_err().code(), "invalid_time_limit");
}

#[test]
fn compact_forms_round_trip() {
    for (s, l) in [
        ("3wd", TimeLimit::WorkingDays(3)),
        ("15cd", TimeLimit::CalendarDays(15)),
        ("8wh", TimeLimit::WorkingHours(8)),
        ("same_day", TimeLimit::same_day()),
        (
            "same_day@14:00",
            TimeLimit::SameDay {
                cutoff: NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
            },
        ),
    ] {
        assert_eq!(s.parse::<TimeLimit>().unwrap(), l);
        assert_eq!(l.to_string(), s);
        let json = serde_json::to_value(l).unwrap();
        assert_eq!(serde_json::from_value::<TimeLimit>(json).unwrap(), l);
    }
    assert_eq!(
        " 3WD ".parse::<TimeLimit>().unwrap(),
        TimeLimit::WorkingDays(3)
    );
}

#[test]
fn bad_compact_forms() {
    for s in [
        "0wd",
        "wd",
        "3",
        "3xd",
        "-3wd",
        "3.5wd",
        "",
        "same",
        "99999999999wd",
        "same_day@25:00",
    ] {
        let e = s.parse::<TimeLimit>().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidTimeLimit, "{s}");
    }
}

#[test]
fn json_forms() {
    let p = |s: &str| TimeLimit::from_json_value(&serde_json::from_str(s).unwrap());
    assert_eq!(
        p(r#"{"working_days":3}"#).unwrap(),
        TimeLimit::WorkingDays(3)
    );
    assert_eq!(
        p(r#"{"calendar_days":15}"#).unwrap(),
        TimeLimit::CalendarDays(15)
    );
    assert_eq!(
        p(r#"{"working_hours":8}"#).unwrap(),
        TimeLimit::WorkingHours(8)
    );
    assert_eq!(p(r#"{"same_day":true}"#).unwrap(), TimeLimit::same_day());
    assert_eq!(p(r#""3wd""#).unwrap(), TimeLimit::WorkingDays(3));
    assert_eq!(
        p(r#"{"same_day":true,"cutoff":"16:00"}"#).unwrap(),
        TimeLimit::SameDay {
            cutoff: NaiveTime::from_hms_opt(16, 0, 0).unwrap()
        }
    );
    for bad in [
        r#"{"working_days":0}"#,
        r#"{"working_days":-1}"#,
        r#"{"working_days":1.5}"#,
        r#"{"working_days":"3"}"#,
        r#"{"weeks":2}"#,
        r#"{"same_day":false}"#,
        r#"{}"#,
        r#"{"working_days":3,"calendar_days":3}"#,
        r#"{"working_days":3,"cutoff":"15:00"}"#,
        r#"3"#,
        r#"null"#,
    ] {
        assert_eq!(
            p(bad).unwrap_err().kind(),
            ErrorKind::InvalidTimeLimit,
            "{bad}"
        );
    }
}

#[test]
fn online_levels() {
    assert_eq!("4".parse::<OnlineService>().unwrap(), OnlineService::Full);
    assert_eq!(
        "3".parse::<OnlineService>().unwrap(),
        OnlineService::Partial
    );
    assert_eq!("2".parse::<OnlineService>().unwrap(), OnlineService::None);
    assert_eq!(
        "Full".parse::<OnlineService>().unwrap(),
        OnlineService::Full
    );
    assert!("5".parse::<OnlineService>().is_err());
}

const GOOD: &str = r#"[
      {"code":"1.001","name":"Chứng thực","field":"Chứng thực","level":"commune","time_limit":"same_day","online":"partial"},
      {"code":"2.002","name":"Đất đai","field":"Đất đai","level":"province","time_limit":{"working_days":15},"online":4,
       "stages":[{"agency":"Văn phòng đăng ký đất đai","time_limit":"10wd"},{"agency":"Thuế","time_limit":{"working_days":3}}],
       "note":"ignored"}
    ]"#;

#[test]
fn json_catalogue() {
    let c = Catalogue::from_json(GOOD).unwrap();
    assert_eq!(c.len(), 2);
    let p = c.get("2.002").unwrap();
    assert_eq!(p.time_limit, TimeLimit::WorkingDays(15));
    assert_eq!(p.online, OnlineService::Full);
    assert_eq!(p.stages.len(), 2);
    assert_eq!(p.stages[1].time_limit, TimeLimit::WorkingDays(3));
    assert_eq!(c.get("x").unwrap_err().kind(), ErrorKind::UnknownProcedure);
}

#[test]
fn json_catalogue_errors() {
    let check = |text: &str, kind: ErrorKind, field: Option<&str>, needle: &str| {
        let e = Catalogue::from_json(text).unwrap_err();
        assert_eq!(e.kind(), kind, "{text}: {e}");
        assert_eq!(e.field(), field, "{text}: {e}");
        assert!(e.to_string().contains(needle), "{text}: {e}");
    };
    check("[", ErrorKind::InvalidJson, None, "catalogue");
    check("{}", ErrorKind::InvalidCatalogue, None, "array");
    check("[1]", ErrorKind::InvalidCatalogue, None, "row 1");
    // A decimal code has lost its digits (1.001190 reads as 1.00119: another code, or a
    // "duplicate" of one); a whole number keeps them.
    check(
        r#"[{"code":1.001190,"level":"commune","time_limit":"3wd","online":"none"}]"#,
        ErrorKind::InvalidCatalogue,
        Some("code"),
        "write it as a string",
    );
    let whole = r#"[{"code":1001190,"level":"commune","time_limit":"3wd","online":"none"}]"#;
    assert!(Catalogue::from_json(whole).unwrap().get("1001190").is_ok());
    let bad_level = r#"[{"code":"a","level":"commune","time_limit":"3wd","online":"none"},{"code":"b","level":"village","time_limit":"3wd","online":"none"}]"#;
    check(
        bad_level,
        ErrorKind::InvalidCatalogue,
        Some("level"),
        "row 2: code b",
    );
    check(
        r#"[{"code":"a","level":"commune","time_limit":"0wd","online":"none"}]"#,
        ErrorKind::InvalidCatalogue,
        Some("time_limit"),
        "at least 1",
    );
    check(
        r#"[{"code":"a","level":"commune","online":"none"}]"#,
        ErrorKind::InvalidCatalogue,
        Some("time_limit"),
        "missing",
    );
    check(
        r#"[{"level":"commune","time_limit":"3wd","online":"none"}]"#,
        ErrorKind::InvalidCatalogue,
        Some("code"),
        "row 1",
    );
    check(
        r#"[{"code":"a","level":"commune","time_limit":"3wd","online":"7"}]"#,
        ErrorKind::InvalidCatalogue,
        Some("online"),
        "online service",
    );
    check(
        r#"[{"code":"a","level":"commune","time_limit":"3wd","online":"none","stages":[{"agency":"x"}]}]"#,
        ErrorKind::InvalidCatalogue,
        Some("stages[0]"),
        "time_limit",
    );
    check(
        r#"[{"code":"a","level":"commune","time_limit":"3wd","online":"none"},{"code":"a","level":"commune","time_limit":"3wd","online":"none"}]"#,
        ErrorKind::InvalidCatalogue,
        Some("code"),
        "row 2",
    );
    check(
        r#"[{"code":"a","name":5,"level":"commune","time_limit":"3wd","online":"none"}]"#,
        ErrorKind::InvalidCatalogue,
        Some("name"),
        "string",
    );
}

#[test]
fn records_catalogue() {
    let header = [
        "code",
        "name",
        "field",
        "level",
        "time_limit",
        "online",
        "extra",
    ];
    let rows = [
        ["1", "A", "F", "commune", "3wd", "3", "x"],
        ["2", "B", "F", "district", "15cd", "none", ""],
    ];
    let c = Catalogue::from_records(rows.iter().enumerate().map(|(i, r)| {
        (
            i as u64 + 2,
            header.iter().zip(r.iter()).map(|(a, b)| (*a, *b)),
        )
    }))
    .unwrap();
    assert_eq!(c.get("2").unwrap().time_limit, TimeLimit::CalendarDays(15));
    assert_eq!(c.get("1").unwrap().online, OnlineService::Partial);

    let dup = [
        ["1", "A", "F", "commune", "3wd", "3", "x"],
        ["1", "B", "F", "district", "15cd", "none", ""],
    ];
    let e = Catalogue::from_records(dup.iter().enumerate().map(|(i, r)| {
        (
            i as u64 + 10,
            header.iter().zip(r.iter()).map(|(a, b)| (*a, *b)),
        )
    }))
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidCatalogue);
    assert!(
        e.message().contains("row 11") && e.message().contains("row 10"),
        "{e}"
    );

    let missing = [["1", "A", "F", "", "3wd", "3", "x"]];
    let e = Catalogue::from_records(
        missing
            .iter()
            .map(|r| (7, header.iter().zip(r.iter()).map(|(a, b)| (*a, *b)))),
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("level"));
    assert!(e.message().starts_with("row 7"), "{e}");
}

#[test]
#[cfg(feature = "csv")]
fn a_key_that_misspells_a_column_the_row_lacks_is_an_error() {
    use crate::records::load_catalogue;
    // JSON: `stagez` lost the inter-agency split without a word.
    let json = |extra: &str| {
        format!(
            "[{{\"code\":\"A\",\"level\":\"commune\",\"online\":\"full\",\"time_limit\":\"3wd\"\
             {extra}}}]"
        )
    };
    for (extra, key, meant) in [
        (
            ",\"stagez\":[{\"agency\":\"x\",\"time_limit\":\"1wd\"}]",
            "stagez",
            "stages",
        ),
        (",\"feild\":\"Đất đai\"", "feild", "field"),
    ] {
        let e = Catalogue::from_json(&json(extra)).unwrap_err();
        assert_eq!(
            (e.kind(), e.field()),
            (ErrorKind::InvalidCatalogue, Some(meant)),
            "{e}"
        );
        assert_eq!(
            e.message(),
            format!("row 1: key `{key}` is not read: did you mean `{meant}`?")
        );
    }
    // Another system's keys, and a key beside the column it resembles, are other columns.
    for extra in [
        ",\"agency\":\"x\",\"fee\":\"0\"",
        ",\"field\":\"a\",\"fields\":\"b\"",
    ] {
        let c = Catalogue::from_json(&json(extra)).unwrap();
        assert_eq!(c.get("A").unwrap().time_limit.to_string(), "3wd");
    }
    // CSV: a header one slip from a column.
    let e =
        load_catalogue("code,level,online,time_limit,Feild\nA,commune,full,3wd,x\n").unwrap_err();
    assert_eq!(e.field(), Some("field"), "{e}");
    assert!(
        e.message()
            .contains("key `Feild` is not read: did you mean `field`?"),
        "{e}"
    );
    let ok = load_catalogue("code,level,online,time_limit,field,fields\nA,commune,full,3wd,x,y\n")
        .unwrap();
    assert_eq!(ok.get("A").unwrap().field, "x");
}
