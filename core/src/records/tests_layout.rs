//! Unit tests of the record layout: column mapping, record reading and located errors.

use super::*;

/// A map is read as every door gives it (`--map`, JS's and Python's `map`): trimmed; an empty
/// name or source, or a name twice (two that trim to one), is refused at field `map`, the
/// first mapping kept; grouping names are trimmed and the empty ones dropped.
#[test]
fn a_map_and_grouping_names_are_read_once_for_every_door() {
    let mut read = ReadOptions::default();
    read.map_column("  received", "ngày nhận ").unwrap();
    assert_eq!(
        read.map.get("received").map(String::as_str),
        Some("ngày nhận")
    );
    for (name, source, says) in [
        (
            "received ",
            "khác",
            "`received` is mapped twice (also to `ngày nhận`)",
        ),
        ("resolved", "  ", "`resolved` is mapped to no column"),
        (
            " ",
            "x",
            "no logical column is named (for the source column `x`)",
        ),
        ("", "", "no logical column is named"),
    ] {
        let e = read.map_column(name, source).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{name:?}");
        assert_eq!(e.field(), Some("map"), "{name:?}");
        assert!(e.message().starts_with(says), "{name:?}: {e}");
    }
    assert_eq!(read.map.len(), 1);
    assert_eq!(read.map["received"], "ngày nhận");
    read.group_by(["field", " agency ", "", "  "]);
    read.group_by(" level,,".split(','));
    assert_eq!(read.by, ["field", "agency", "level"]);
}

/// One column read as two of the record's is an error naming both: `--map received=X
/// --map resolved=X` counted every dossier resolved at its receipt, early, with exit 0; a
/// map to a column another name reads by its own name likewise. A grouping column or the
/// id may share a column.
#[test]
fn one_column_read_as_two_of_the_records_is_an_error() {
    let header = ["id", "received", "time_limit", "done", "agency"];
    let map = |pairs: &[(&str, &str)]| ReadOptions {
        map: pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
        ..ReadOptions::default()
    };
    for (pairs, both) in [
        (
            &[("received", "done"), ("resolved", "done")][..],
            "`received` and `resolved`",
        ),
        (&[("resolved", "received")][..], "`received` and `resolved`"),
        (
            &[("channel", "time_limit")][..],
            "`time_limit` and `channel`",
        ),
    ] {
        let e = Layout::resolve(&header, &map(pairs)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{pairs:?}");
        assert!(e.message().contains(both), "{pairs:?}: {e}");
    }
    let mut by_agency = map(&[("resolved", "done"), ("id", "done")]);
    by_agency.by = vec!["field".into()];
    by_agency.map.insert("field".into(), "done".into());
    assert!(Layout::resolve(&header, &by_agency).is_ok());
}

/// Vietnamese headers of one-stop exports name their columns; names that hold other
/// things (a reason, an agency, an appointment, a due date) do not.
#[test]
fn vietnamese_headers_name_their_columns() {
    for (name, column) in [
        ("Ngày tiếp nhận", Some("received")),
        ("Thời gian tiếp nhận hồ sơ", Some("received")),
        ("NGÀY NỘP", Some("received")),
        ("Ngày có kết quả", Some("resolved")),
        ("Ngày trả kết quả", Some("resolved")),
        ("Ngày giải quyết xong", Some("resolved")),
        ("Ngày giải quyết", Some("resolved")),
        ("Ngày trả KQ", Some("resolved")),
        ("NGAY_TRA_KQ", Some("resolved")),
        ("Ngày có KQ", Some("resolved")),
        ("Ngày kết thúc", Some("resolved")),
        ("Ngày hạn giải quyết", None),
        ("Ngày yêu cầu bổ sung", Some("supplement_requested")),
        ("Ngày bổ sung", Some("supplement_received")),
        ("Ngày từ chối", Some("refused")),
        ("Ngày rút hồ sơ", Some("withdrawn")),
        ("Ngày hẹn lại", Some("new_due")),
        ("Mã thủ tục", Some("procedure")),
        ("Thời hạn giải quyết", Some("time_limit")),
        ("Hình thức nộp", Some("channel")),
        ("Kênh tiếp nhận", Some("channel")),
        ("Ngày hẹn trả kết quả", None),
        ("Hạn giải quyết", None),
        ("Lý do từ chối", None),
        ("Cơ quan tiếp nhận", None),
        ("Nội dung yêu cầu bổ sung", None),
        ("Lĩnh vực", None),
        ("Trạng thái", None),
    ] {
        assert_eq!(vietnamese_column(name), column, "{name}");
    }
    let header = [
        "Mã hồ sơ",
        "Ngày tiếp nhận",
        "time_limit",
        "Ngày có kết quả",
    ];
    let e = Layout::resolve(&header, &ReadOptions::default()).unwrap_err();
    assert!(
        e.message()
            .ends_with("`Ngày tiếp nhận` may hold it: --map received=\"Ngày tiếp nhận\""),
        "{e}"
    );
    let mut read = ReadOptions::default();
    read.map.insert("received".into(), "Ngày tiếp nhận".into());
    let layout = Layout::resolve(&header, &read).unwrap();
    assert_eq!(
        layout.near_misses(),
        [("Ngày có kết quả".to_string(), "resolved")]
    );
}

/// A header cut at the wrong separator (a `;` file whose header holds as many commas
/// outside quotes: the sniffer's tie goes to `,`) is told how to name the separator: it
/// was "missing column `received`" and a list of one long name (the report tester's case).
#[test]
fn a_header_cut_at_the_wrong_separator_is_told_sep() {
    let missing = |header: &[&str]| {
        Layout::resolve(header, &ReadOptions::default())
            .unwrap_err()
            .message()
            .to_string()
    };
    let semis = missing(&["id;received;time_limit;Họ", "tên", "địa chỉ"]);
    assert!(
        semis.ends_with(
            "; the header may be separated by `;`: then make `sep=;` the file's first line"
        ),
        "{semis}"
    );
    let tabs = missing(&["id\treceived\ttime_limit"]);
    assert!(
        tabs.contains("separated by `\\t`: then make `sep=<tab>`"),
        "{tabs}"
    );
    let commas = missing(&["id,received,time_limit"]);
    assert!(commas.contains("make `sep=,` the"), "{commas}");
    // A name that holds a separator but not the missing column: no such hint.
    let other = missing(&["id", "ngày; giờ", "time_limit"]);
    assert!(!other.contains("sep="), "{other}");
}

/// Names that look like a column the file lacks are named; names that hold something else
/// (a tester's real headers: `status` is not `stages`, `resolved_by` holds a name,
/// `procedure_code` comes with a `time_limit`) are not.
#[test]
fn near_misses_name_misspellings_and_dated_names_only() {
    let header = [
        "id",
        "received",
        "time_limit",
        "Date_Resolved",
        "chanel",
        "resovled_x",
        "status",
        "resolved_by",
        "refused_reason",
        "withdrawn_reason",
        "channel_name",
        "procedure_code",
        "procedure_level",
        "ngay_rut",
        "agency",
        "field",
        "supplement_requested_at",
        "result",
        "completed_by",
    ];
    let layout = Layout::resolve(&header, &ReadOptions::default()).unwrap();
    let got: Vec<(String, &str)> = layout.near_misses();
    assert_eq!(
        got,
        [
            ("Date_Resolved".to_string(), "resolved"),
            ("chanel".to_string(), "channel"),
            // "ngày rút": the day of the withdrawal, in Vietnamese.
            ("ngay_rut".to_string(), "withdrawn"),
            (
                "supplement_requested_at".to_string(),
                "supplement_requested"
            ),
        ]
    );
    // An English export's result column in other words, with a word of time
    for name in [
        "completed_at",
        "resolution_date",
        "Result Date",
        "finished_on",
        "date_closed",
    ] {
        let header = ["id", "received", "time_limit", name];
        let layout = Layout::resolve(&header, &ReadOptions::default()).unwrap();
        assert_eq!(
            layout.near_misses(),
            [(name.to_string(), "resolved")],
            "{name}"
        );
    }
}

fn opts(map: &[(&str, &str)], by: &[&str]) -> ReadOptions {
    ReadOptions {
        map: map
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        by: by.iter().map(|s| s.to_string()).collect(),
        satisfaction_scale: None,
    }
}

#[test]
fn names_match_exactly_else_in_any_ascii_case_unless_mapped() {
    let names: Vec<String> = ["Received", "resolved", "RESOLVED", "Ngày"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let none = HashMap::new();
    assert_eq!(find_column(&names, &none, "received"), Some(0));
    assert_eq!(find_column(&names, &none, "resolved"), Some(1));
    let mut map = HashMap::new();
    map.insert("received".to_string(), "received".to_string());
    assert_eq!(find_column(&names, &map, "received"), None);
    // Both cases of `resolved` read: a guess, refused.
    let header = ["received", "time_limit", "resolved", "RESOLVED"];
    let e = Layout::resolve(&header, &opts(&[], &[])).unwrap_err();
    assert!(e.message().contains("more than once"), "{e}");
    // `reads` picks a frame's columns by the same rule.
    let o = opts(&[("resolved", "Ngày")], &["Field"]);
    // A header in NFD (letters and combining marks) names the same column as the NFC
    // `--map` source or `--by` name (the file had "no column `Lĩnh vực`", which looked the
    // same).
    let nfd = "Li\u{303}nh vu\u{31b}\u{323}c";
    let header = ["received", "time_limit", nfd];
    for o in [
        opts(&[("field", "Lĩnh vực")], &["field"]),
        opts(&[], &["Lĩnh vực"]),
    ] {
        let layout = Layout::resolve(&header, &o).unwrap();
        assert_eq!(layout.groups, [2]);
        assert!(o.reads(nfd));
    }
    for (name, read) in [
        ("RECEIVED", true),
        ("Ngày", true),
        ("resolved", false),
        ("field", true),
        ("other", false),
        ("satisfaction", false),
    ] {
        assert_eq!(o.reads(name), read, "{name}");
    }
}

#[test]
fn a_map_of_a_name_no_reader_uses_is_refused() {
    assert!(opts(&[("resolved", "x"), ("field", "y")], &["field"])
        .check()
        .is_ok());
    assert!(opts(&[("satisfaction", "x")], &[]).check().is_ok());
    let e = opts(&[("resolvd", "x")], &[]).check().unwrap_err();
    assert_eq!(
        (e.kind(), e.field()),
        (ErrorKind::InvalidArgument, Some("resolvd"))
    );
    let header = ["received", "time_limit", "x"];
    let e = Layout::resolve(&header, &opts(&[("resolvd", "x")], &[])).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
}

use proptest::prelude::*;

proptest! {
    /// The memo of tidied group texts answers what `group_text` answers, text after text,
    /// whatever the order: texts that share a slot (more texts than slots, equal ends and
    /// lengths) replace each other, and a slot is used only for its own text.
    #[test]
    fn the_tidy_memo_answers_as_group_text(
        texts in prop::collection::vec(
            prop::collection::vec(prop_oneof![
                Just(" "), Just("  "),
                Just("\u{a0}"), Just("\u{200b}"),
                Just("a"), Just("b"),
                Just("e\u{302}\u{301}"), Just("ế"),
                Just("Đông Hòa"), Just("xxxxxxxx"),
            ], 0..8).prop_map(|p| p.concat()),
            1..120,
        )
    ) {
        let mut memo = TidyMemo::default();
        for t in &texts {
            let mut out = String::from("kept:");
            memo.push_tidy(t, &mut out);
            let want = format!("kept:{}", crate::casefold::group_text(t));
            prop_assert_eq!(out, want);
        }
    }
}
