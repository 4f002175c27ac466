//! One sort for the crate's sorts (holiday lists, schedule dates, report cells, worklist rows).
//!
//! The standard library's sort is generic: each element type and comparator gets its own copy
//! of it (about 3 KB of WebAssembly each, a dozen of them). Here every sort orders indices
//! (`usize`) through one `&dyn` comparator, so one copy serves them all, and the elements are
//! then moved into that order. Stable, as `slice::sort_by` is: equal elements keep their order.

use std::cmp::Ordering;

/// The stable order of `0..n` by `cmp` of two indices: `order[k]` is the index of the
/// element that goes to position `k`. (Not generic: the one instance of the sort.)
fn order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&a, &b| cmp(a, b));
    idx
}

/// Puts `v` in `order` (`order[k]`: the index of the element that goes to `k`, a permutation),
/// in place, one cycle of the permutation at a time.
fn permute<T>(v: &mut [T], order: &[usize]) {
    let mut done = vec![false; v.len()];
    for start in 0..v.len() {
        if done.get(start).copied().unwrap_or(true) {
            continue;
        }
        let mut j = start;
        loop {
            if let Some(d) = done.get_mut(j) {
                *d = true;
            }
            let k = order.get(j).copied().unwrap_or(start);
            if k == start {
                break;
            }
            v.swap(j, k);
            j = k;
        }
    }
}

/// Sorts `v` by `cmp`, stably (as `slice::sort_by`).
pub(crate) fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let idx = {
        let s = &*v;
        order(s.len(), &|a, b| match (s.get(a), s.get(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => Ordering::Equal,
        })
    };
    permute(v, &idx);
}

/// Sorts `v` by `key`, stably (as `slice::sort_by_key`).
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` (as `slice::sort`).
pub(crate) fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard library's stable sort, equal keys included.
        #[test]
        fn sorts_as_the_standard_stable_sort(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            super::sort_by_key(&mut ours, |p| p.0);
            let mut std = v.clone();
            std.sort_by_key(|p| p.0);
            prop_assert_eq!(&ours, &std);
            let mut all = v.clone();
            super::sort(&mut all);
            let mut std_all = v;
            std_all.sort();
            prop_assert_eq!(all, std_all);
        }
    }
}
