//! One stable sort for the whole module. The standard library's sort is generic over the element
//! type and the comparison, and each use came to about 3 KB of wasm; this merge sort on indices
//! is compiled once and the comparison is a `dyn Fn`.

use std::cmp::Ordering;

/// The indices `0..len` in the stable order `cmp` says (bottom-up merge sort).
fn order(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut a: Vec<usize> = (0..len).collect();
    let mut b = vec![0; len];
    let mut width = 1;
    while width < len {
        let mut start = 0;
        while start < len {
            let mid = start.saturating_add(width).min(len);
            let end = start.saturating_add(width.saturating_mul(2)).min(len);
            let (mut i, mut j) = (start, mid);
            for k in start..end {
                let left = a.get(i).copied().filter(|_| i < mid);
                let right = a.get(j).copied().filter(|_| j < end);
                let pick = match (left, right) {
                    (Some(l), Some(r)) if cmp(l, r) == Ordering::Greater => {
                        j += 1;
                        r
                    }
                    (Some(l), _) => {
                        i += 1;
                        l
                    }
                    (None, Some(r)) => {
                        j += 1;
                        r
                    }
                    (None, None) => break,
                };
                if let Some(slot) = b.get_mut(k) {
                    *slot = pick;
                }
            }
            start = end;
        }
        std::mem::swap(&mut a, &mut b);
        width = width.saturating_mul(2);
    }
    a
}

/// Sorts `items` stably by `cmp`.
pub fn sort_by<T>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let indices = order(items.len(), &|i, j| match (items.get(i), items.get(j)) {
        (Some(a), Some(b)) => cmp(a, b),
        _ => Ordering::Equal,
    });
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        indices
            .into_iter()
            .filter_map(|i| slots.get_mut(i).and_then(Option::take)),
    );
}

#[cfg(test)]
mod tests {
    use super::sort_by;

    #[test]
    fn sorts_stably_at_every_length() {
        for len in 0..70usize {
            let mut items: Vec<(usize, usize)> = (0..len).map(|i| ((i * 7919) % 13, i)).collect();
            let mut want = items.clone();
            want.sort_by_key(|(k, _)| *k);
            sort_by(&mut items, |a, b| a.0.cmp(&b.0));
            assert_eq!(items, want, "length {len}");
        }
    }
}
