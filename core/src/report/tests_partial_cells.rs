//! Unit tests of the partial report: cells, merges, rows and their checks.

use super::*;
use crate::deadline::Rules;
use crate::records::service::Ratio;
use crate::report::ReportBuilder;
use crate::CalendarSpec;

fn opts(by: &[&str], period: Option<PeriodKind>) -> ReportOptions {
    ReportOptions {
        by: by.iter().map(|s| s.to_string()).collect(),
        period,
        ..ReportOptions::new("2026-03-31T23:59:59".parse().unwrap())
    }
}

/// Consistent counts of `n` dossiers received and open within their time.
fn open(n: u64) -> CellCounts {
    let counts = Counts {
        received_new: n,
        received: n,
        received_online: n,
        pending: n,
        pending_within: n,
        ..Counts::default()
    };
    CellCounts {
        counts,
        service: ServiceTally::default(),
    }
}

/// A group key holds for the records of its reader's stamp only: the same number from
/// another reader (another chunk's, another run's) is looked up by the values, and a key met
/// again finds its group.
#[test]
fn group_keys_hold_within_their_readers_stamp() {
    let cal = CalendarSpec::weekdays("2026-01-01".parse().unwrap(), "2026-12-31".parse().unwrap())
        .compile()
        .unwrap();
    let ctx = Context {
        calendar: &cal,
        catalogue: None,
        rules: Rules::default(),
    };
    let d = Dossier::from_json(r#"{"received":"2026-03-02T09:30","time_limit":"3wd"}"#).unwrap();
    let mut p = PartialReport::new(opts(&["field"], None));
    for (group, key) in [
        ("a", (1, 5)),
        ("b", (2, 5)),
        ("a", (1, 5)),
        ("c", (3, 5)),
        ("b", (2, 5)),
    ] {
        assert!(p
            .add_read(&ctx, &d, None, &[group], Some(key), None, false)
            .unwrap());
    }
    let got: std::collections::BTreeMap<Vec<String>, u64> = p
        .cells()
        .into_iter()
        .map(|(g, _, c)| (g.to_vec(), c.counts.received))
        .collect();
    let want = [("a", 2), ("b", 2), ("c", 1)].map(|(g, n)| (vec![g.to_string()], n));
    assert_eq!(got, want.into_iter().collect());
}

/// Each group's cells hold its own counts, whichever groups share a slot of the memo of
/// groups: many groups met in turn, values alike (`ab`+`c` and `a`+`bc`, a byte more or
/// less, long and short), counted apart from a plain map of them.
#[test]
fn groups_are_counted_apart_whatever_their_memo_slots() {
    let mut p = PartialReport::new(opts(&["a", "b"], None));
    let mut want: std::collections::BTreeMap<Vec<String>, u64> = Default::default();
    for k in 0..5000u64 {
        let i = (k * 7919) % 1300;
        let (a, b) = match i % 4 {
            0 => (format!("ab{i}"), "c".to_string()),
            1 => (format!("a{}", i - 1), "bc".to_string()),
            2 => (format!("lĩnh vực rất dài số {i}"), String::new()),
            _ => (String::new(), format!("{i}")),
        };
        p.add_cell(&[&a, &b], None, &open(1 + i % 3)).unwrap();
        *want.entry(vec![a, b]).or_default() += 1 + i % 3;
    }
    let got: std::collections::BTreeMap<Vec<String>, u64> = p
        .cells()
        .into_iter()
        .map(|(g, _, c)| (g.to_vec(), c.counts.received))
        .collect();
    assert_eq!(got, want);
    assert_eq!(p.groups.len(), want.len());
}

#[test]
fn no_sum_of_the_report_passes_i64_max() {
    let half = i64::MAX.unsigned_abs() / 2;
    let mut p = PartialReport::new(opts(&["field"], None));
    p.add_cell(&["a"], None, &open(half)).unwrap();
    p.add_cell(&["b"], None, &open(half)).unwrap();
    // A third cell would take the totals row past i64::MAX: refused, nothing counted.
    let e = p.add_cell(&["c"], None, &open(half)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    assert!(e.message().contains("overflow"), "{e}");
    let total = p.rows().pop().unwrap();
    assert_eq!(total.counts.received, 2 * half);
    // Merging the partial with itself would double it: refused, and it stays as it was.
    let copy = p.clone();
    assert!(p.merge(&copy).is_err());
    assert_eq!(p.rows().pop().unwrap().counts.received, 2 * half);
    // The JSON round trip keeps it.
    let back = PartialReport::from_json(&p.to_json()).unwrap();
    assert_eq!(back.rows(), p.rows());
}

#[test]
fn cells_that_are_not_counts_of_dossiers_are_refused() {
    let mut p = PartialReport::new(opts(&[], None));
    // carried_over + received_new wraps to received = 0: a broken identity, never a
    // wrapped sum that holds.
    let wrapped = Counts {
        carried_over: u64::MAX,
        received_new: 1,
        ..Counts::default()
    };
    assert!(!wrapped.identity_violations().is_empty());
    let c = CellCounts {
        counts: wrapped,
        service: ServiceTally::default(),
    };
    assert!(p.add_cell(&[], None, &c).is_err());
    let mut c = open(3);
    c.service.satisfaction = Ratio { num: 2, den: 4 };
    let e = p.add_cell(&[], None, &c).unwrap_err();
    assert!(e.message().contains("`satisfaction`"), "{e}");
    c.service.satisfaction = Ratio { num: 4, den: 3 };
    assert!(p.add_cell(&[], None, &c).is_err());
    c.service.satisfaction = Ratio { num: 2, den: 3 };
    assert!(p.add_cell(&[], None, &c).is_ok());
}

#[test]
fn period_labels_past_four_digit_years_are_refused() {
    for (kind, label) in [
        (PeriodKind::Month, "999999999-01"),
        (PeriodKind::Quarter, "999999999-Q1"),
        (PeriodKind::Year, "2147483647"),
        (PeriodKind::Year, "300000"),
        (PeriodKind::Month, "10000-01"),
    ] {
        assert!(Period::parse(kind, label).is_err(), "{label}");
    }
    let p = Period::parse(PeriodKind::Year, "9999").unwrap();
    assert_eq!(p.end().to_string(), "9999-12-31");
    let mut q = PartialReport::new(opts(&[], Some(PeriodKind::Month)));
    assert!(q.add_cell(&[], Some("999999999-01"), &open(1)).is_err());
}

#[test]
fn grouping_values_are_one_per_column_and_never_run_together() {
    let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    let cal = CalendarSpec::weekdays(d("2026-01-01"), d("2026-12-31"))
        .compile()
        .unwrap();
    let mut rb = ReportBuilder::new(
        &cal,
        None,
        Rules::default(),
        opts(&["agency", "field"], None),
    );
    let dossier =
        Dossier::from_json(r#"{"received":"2026-03-02T09:00","time_limit":{"working_days":3}}"#)
            .unwrap();
    for wrong in [&["only-one"][..], &["x", "y", "z"]] {
        let e = rb.add(&dossier, wrong).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{wrong:?}");
    }
    // ("A\u{1f}B", "") and ("A", "B\u{1f}") joined by U+001F were one group.
    rb.add(&dossier, &["A\u{1f}B", ""]).unwrap();
    rb.add(&dossier, &["A", "B\u{1f}"]).unwrap();
    let rows = rb.finish();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows.iter().all(|r| r.counts.received <= 2));
}

#[test]
fn partials_counted_on_different_bases_are_never_merged() {
    let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    let spec = CalendarSpec::weekdays(d("2026-01-01"), d("2026-12-31"));
    let cal = spec.clone().compile().unwrap();
    let mut other_spec = spec.clone();
    other_spec
        .holidays
        .push(crate::calendar::SpecDay::Date(d("2026-03-03")));
    let other_cal = other_spec.compile().unwrap();
    let restart = Rules::from_pairs(&["supplement=restart"]).unwrap();
    let cat = crate::procedure::Catalogue::from_json(
        r#"[{"code":"1.1","name":"n","field":"f","level":"province","online":"full",
                "time_limit":{"working_days":3}}]"#,
    )
    .unwrap();
    let dossier = Dossier::from_json(
        r#"{"received":"2026-03-02T09:00","time_limit":{"working_days":3},
                "events":[{"type":"resolved","at":"2026-03-05T16:00"}]}"#,
    )
    .unwrap();
    let count = |cal: &WorkCalendar, cat: Option<&crate::procedure::Catalogue>, rules| {
        let mut b = ReportBuilder::new(cal, cat, rules, opts(&[], None));
        b.add(&dossier, &[] as &[&str]).unwrap();
        b.partial().clone()
    };
    use crate::WorkCalendar;
    let base = count(&cal, None, Rules::default());
    // The same basis merges (and the sum is the sum).
    let mut sum = base.clone();
    sum.merge(&count(&cal, None, Rules::default())).unwrap();
    assert_eq!(sum.rows()[0].counts.received, 2);
    // The extra holiday moves the due date: the counts differ, so must the basis.
    assert_ne!(
        count(&other_cal, None, Rules::default()).rows(),
        base.rows()
    );
    for (other, what) in [
        (
            count(&other_cal, None, Rules::default()),
            "different calendars",
        ),
        (count(&cal, None, restart), "different rules"),
        (
            count(&cal, Some(&cat), Rules::default()),
            "different catalogues",
        ),
    ] {
        for (mut a, b) in [(base.clone(), other.clone()), (other.clone(), base.clone())] {
            let before = a.clone();
            let e = a.merge(&b).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidArgument);
            assert!(e.message().contains(what), "{e}");
            assert_eq!(a, before, "nothing merged");
        }
        // Sent as text (what Python pickles) it keeps its basis.
        let back = PartialReport::from_json(&other.to_json()).unwrap();
        assert_eq!(back, other);
        let e = base.clone().merge(&back).unwrap_err();
        assert!(e.message().contains(what), "{e}");
    }
    // Adding a dossier counted another way to a partial is refused too.
    let mut p = base.clone();
    let ctx = Context {
        calendar: &other_cal,
        catalogue: None,
        rules: Rules::default(),
    };
    let e = p.add(&ctx, &dossier, &[] as &[&str], None).unwrap_err();
    assert!(e.message().contains("different calendars"), "{e}");
    // Cells from a count table carry no basis: they merge with any, either way.
    let mut cells = PartialReport::new(opts(&[], None));
    cells.add_cell(&[], None, &open(1)).unwrap();
    cells.clone().merge(&base).unwrap();
    let mut b = base.clone();
    b.merge(&cells).unwrap();
    // ... and the merge keeps the basis it met.
    assert!(b.merge(&count(&cal, None, restart)).is_err());
    let mut c = cells.clone();
    c.merge(&base).unwrap();
    assert!(c.merge(&count(&cal, None, restart)).is_err());
    // An empty catalogue counts as no catalogue does.
    let empty = crate::procedure::Catalogue::default();
    base.clone()
        .merge(&count(&cal, Some(&empty), Rules::default()))
        .unwrap();
}

#[test]
fn partials_of_the_first_version_are_refused() {
    let text = PartialReport::new(opts(&[], None)).to_json();
    assert!(text.starts_with(r#"{"version":2,"basis":null"#), "{text}");
    let v1 = text.replace(r#""version":2,"basis":null,"#, r#""version":1,"#);
    let e = PartialReport::from_json(&v1).unwrap_err();
    assert!(e.message().contains("version 1"), "{e}");
}

/// The notes of empty grouping values count, per grouping column, the dossiers under an empty
/// value: read from the cells, they equal the sum over the leaf rows (every key given) with
/// that value empty, the rows' own count (a second reading of the same report).
#[test]
fn empty_group_notes_count_the_leaf_rows_with_an_empty_value() {
    let mut p = PartialReport::new(opts(&["field", "agency"], None));
    for (g, n) in [
        (["x", ""], 2),
        (["", "y"], 3),
        (["", ""], 1),
        (["x", "y"], 7),
    ] {
        p.add_cell(&g, None, &open(n)).unwrap();
    }
    let rows = p.rows();
    let from_rows = |k: usize| -> u64 {
        rows.iter()
            .filter(|r| r.keys.iter().all(|(_, v)| v.is_some()))
            .filter(|r| r.keys[k].1.as_deref() == Some(""))
            .map(|r| r.counts.received_new)
            .sum()
    };
    assert_eq!((from_rows(0), from_rows(1)), (4, 3));
    let note = |n: u64, c: &str| {
        format!(
            "{n} dossier(s) with an empty `{c}` are counted in a group of no name (merged \
             cells? fill the column down)"
        )
    };
    assert_eq!(p.empty_group_notes(), [note(4, "field"), note(3, "agency")]);
    let mut full = PartialReport::new(opts(&["field"], None));
    full.add_cell(&["x"], None, &open(5)).unwrap();
    assert!(full.empty_group_notes().is_empty());
}
