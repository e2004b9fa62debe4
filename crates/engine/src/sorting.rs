//! One stable sort for the whole app. Every `sort_by` of another element
//! type or closure is another copy of the standard library's sort in the
//! wasm (about 3 KB each); these sort positions through one comparator
//! object instead, so the app carries a single copy.

use std::cmp::Ordering;

/// Sorts `items` as `slice::sort_by` does: stable, by `compare`.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `items` as `slice::sort_by_key` does: stable, by `key`.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The positions 0..n in the order `compare` gives them, stable: equal
/// items keep their order, as ties go by position. (The unstable sort is
/// the smaller of the standard library's two: 0.7 KB gzip.)
#[inline(never)]
fn positions(n: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by(|a, b| compare(*a, *b).then(a.cmp(b)));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_sort() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        let mut expected = items.clone();
        expected.sort_by_key(|i| i.0);
        sort_by_key(&mut items, |i| i.0);
        assert_eq!(items, expected);
        assert_eq!(items, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut words = vec!["pear", "apple", "fig"];
        sort_by(&mut words, |a, b| a.cmp(b));
        assert_eq!(words, ["apple", "fig", "pear"]);
        let mut none: Vec<u8> = Vec::new();
        sort_by_key(&mut none, |x| *x);
        assert!(none.is_empty());
    }
}
