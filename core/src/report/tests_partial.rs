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
