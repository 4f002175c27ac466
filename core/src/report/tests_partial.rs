//! The cells of a partial report (kept out of the published crate, as the other unit tests'
//! files are).

use super::*;
use proptest::prelude::*;

proptest! {
    /// The cells hold what a map of the same keys holds, whichever keys share a slot of
    /// the memo (up to 600 keys in 256 slots), and are equal whatever order their cells
    /// were added in.
    #[test]
    fn the_cells_are_a_map(keys in proptest::collection::vec((0i32..30, 0usize..20, any::<bool>()), 1..600)) {
        let key = |&(p, g, none): &(i32, usize, bool)| {
            let jan = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
            let month = (0..p).fold(Period::containing(PeriodKind::Month, jan), |m, _| m.next());
            let period = (!none).then_some(month);
            (period, g)
        };
        let mut cells = Cells::default();
        let mut model = std::collections::BTreeMap::new();
        for k in &keys {
            cells.get_mut(key(k)).counts.received += 1;
            *model.entry(key(k)).or_insert(0u64) += 1;
        }
        let held: std::collections::BTreeMap<_, _> =
            cells.iter().map(|(k, c)| (*k, c.counts.received)).collect();
        prop_assert_eq!(&held, &model);
        let mut reversed = Cells::default();
        for k in keys.iter().rev() {
            reversed.get_mut(key(k)).counts.received += 1;
        }
        prop_assert_eq!(&reversed, &cells);
        reversed.get_mut(key(&keys[0])).counts.received += 1;
        prop_assert_ne!(&reversed, &cells);
    }
}

/// A report's sink checks the basis of its context once, then knows it; but a sink whose
/// partial took another basis (a partial counted with other rules merged into it before its
/// first dossier) refuses each dossier, the second as the first: the check is skipped only
/// once it has passed.
#[test]
fn a_sink_skips_the_check_of_its_basis_only_once_it_passed() {
    use crate::procedure::TimeLimit;
    use crate::records::{Locator, Record, Sink};
    use crate::report::ReportSink;
    let cal = crate::vn::public_sector().expect("the embedded calendar");
    let ctx = Context {
        calendar: &cal,
        catalogue: None,
        rules: Default::default(),
    };
    let mut other_rules = crate::deadline::Rules::default();
    other_rules
        .set("compare", "instant")
        .expect("a rule other than the default");
    assert_ne!(other_rules, crate::deadline::Rules::default());
    let other = Context {
        calendar: &cal,
        catalogue: None,
        rules: other_rules,
    };
    let opts = ReportOptions::new("2026-03-31T23:59:59".parse().expect("an instant"));
    let mut record = Record::default();
    record.dossier.received = "2026-03-02T09:30:00".parse().expect("an instant");
    record.dossier.limit = crate::dossier::LimitSource::TimeLimit(TimeLimit::WorkingDays(3));
    // The sink's own context: counted, then known.
    let mut sink = ReportSink::new(ctx, opts.clone(), false);
    for _ in 0..3 {
        assert_eq!(sink.record(Locator::Row(0), &record), Ok(true));
    }
    assert_eq!(sink.partial().added(), 3);
    // A partial of other rules merged into an empty sink: every dossier refused.
    let mut counted_otherwise = ReportSink::new(other, opts.clone(), false);
    assert_eq!(counted_otherwise.record(Locator::Row(0), &record), Ok(true));
    let mut sink = ReportSink::new(ctx, opts, false);
    sink.append(counted_otherwise)
        .expect("an empty partial takes any basis");
    for _ in 0..2 {
        let e = sink
            .record(Locator::Row(0), &record)
            .expect_err("other rules");
        assert_eq!(e.code(), "invalid_argument", "{e}");
    }
    assert_eq!(sink.partial().added(), 1);
}
