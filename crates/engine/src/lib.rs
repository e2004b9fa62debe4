//! Dossier's platform-neutral core: form rules, the expression language,
//! validation, and (later) the bundle format and its verification.
//!
//! Nothing here touches a browser, a clock or a file system by itself: the
//! web shell and the native tools pass everything in. That keeps the browser
//! and a portal's server computing the very same result.

/// This engine's version, recorded in every signed bundle.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub mod answers;
pub mod base64url;
pub mod bounded;
pub mod bundle;
pub mod decimal;
pub mod expr;
pub mod fields;
pub mod files;
pub mod ids;

pub mod rules;
pub mod validate;

/// Builds a map by inserting, where `collect()` would sort the items first:
/// each sorted type adds its own copy of the standard library's sort to the
/// wasm (a few KiB each), and these maps are small.
pub fn map_of<V>(
    items: impl IntoIterator<Item = (String, V)>,
) -> std::collections::BTreeMap<String, V> {
    let mut map = std::collections::BTreeMap::new();
    for (k, v) in items {
        map.insert(k, v);
    }
    map
}

/// Builds a small lookup list (searched linearly): each distinct map type
/// adds its own copy of the B-tree code to the wasm.
pub fn list_of<V>(items: impl IntoIterator<Item = (String, V)>) -> Vec<(String, V)> {
    let mut list: Vec<(String, V)> = Vec::new();
    for (k, v) in items {
        list.retain(|(old, _)| *old != k);
        list.push((k, v));
    }
    list
}

/// Orders a short list by a key, keeping equal items in order, without
/// instantiating the standard library's sort (see [`map_of`]).
pub fn sort_small_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_small_by(items, |a, b| key(a).cmp(&key(b)));
}

/// As [`sort_small_by_key`], with a comparison.
pub fn sort_small_by<T>(items: &mut [T], cmp: impl Fn(&T, &T) -> std::cmp::Ordering) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && cmp(&items[j - 1], &items[j]) == std::cmp::Ordering::Greater {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}
