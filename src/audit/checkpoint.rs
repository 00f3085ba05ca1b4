//! Checkpoint roots (docs/spec.md, section 16.3): which leaves, in which
//! order and under which node rule the service builds a checkpoint is not
//! published, so a claimed root is tried against a fixed list of
//! constructions over the scope's verified deltas, under every node
//! encoding (the export's first). One that reproduces it is named; none is
//! never a mismatch.

use crate::{Hash32, NodeEncoding, items_root};
use core::fmt;
use std::collections::HashSet;
use std::vec::Vec;

/// A way of building a checkpoint root from the verified deltas of its scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Construction {
    /// The deltas' item hashes, in submission order.
    ItemHashes,
    /// The roots of the receipts that verified them, each once, in the order
    /// the deltas first use them.
    ReceiptRoots,
}

impl Construction {
    /// Every construction, in the order they are tried.
    pub(crate) const ALL: [Construction; 2] = [Construction::ItemHashes, Construction::ReceiptRoots];
}

impl fmt::Display for Construction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Construction::ItemHashes => "the item hashes of the scope's verified deltas in submission order",
            Construction::ReceiptRoots => {
                "the roots of the receipts that verified the scope's deltas, in order of first use"
            }
        })
    }
}

/// The leaves of the scope under each construction, from each verified
/// delta's `(item hash, root of the receipt that verified it)` in submission
/// order.
pub(crate) struct Candidates {
    item_hashes: Vec<Hash32>,
    receipt_roots: Vec<Hash32>,
}

impl Candidates {
    pub(crate) fn new(deltas: impl IntoIterator<Item = (Hash32, Option<Hash32>)>) -> Self {
        let mut item_hashes = Vec::new();
        let mut receipt_roots = Vec::new();
        let mut seen = HashSet::new();
        for (hash, root) in deltas {
            item_hashes.push(hash);
            if let Some(root) = root
                && seen.insert(root)
            {
                receipt_roots.push(root);
            }
        }
        Candidates {
            item_hashes,
            receipt_roots,
        }
    }

    /// The leaves of `construction`.
    pub(crate) fn leaves(&self, construction: Construction) -> &[Hash32] {
        match construction {
            Construction::ItemHashes => &self.item_hashes,
            Construction::ReceiptRoots => &self.receipt_roots,
        }
    }

    /// The first construction and node encoding (`first` tried first) whose
    /// root is `claimed`.
    pub(crate) fn reproduce(
        &self,
        claimed: &Hash32,
        first: NodeEncoding,
    ) -> Option<(Construction, NodeEncoding)> {
        let encodings =
            core::iter::once(first).chain(NodeEncoding::ALL.into_iter().filter(move |&e| e != first));
        let order: Vec<NodeEncoding> = encodings.collect();
        Construction::ALL.into_iter().find_map(|c| {
            order
                .iter()
                .find(|&&e| items_root(self.leaves(c), e) == *claimed)
                .map(|&e| (c, e))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keccak256;

    fn h(k: u8) -> Hash32 {
        keccak256(&[k])
    }

    /// Five deltas verified by two receipts (r1 for the first three).
    fn scope() -> Candidates {
        let (r1, r2) = (h(100), h(200));
        Candidates::new([
            (h(1), Some(r1)),
            (h(2), Some(r1)),
            (h(3), Some(r1)),
            (h(4), Some(r2)),
            (h(5), Some(r2)),
        ])
    }

    #[test]
    fn each_construction_under_each_encoding_is_found_and_named() {
        let s = scope();
        assert_eq!(s.leaves(Construction::ReceiptRoots), &[h(100), h(200)]);
        for c in Construction::ALL {
            for e in NodeEncoding::ALL {
                let root = items_root(s.leaves(c), e);
                for first in NodeEncoding::ALL {
                    assert_eq!(s.reproduce(&root, first), Some((c, e)), "{c} {e} first {first}");
                }
            }
        }
    }

    #[test]
    fn other_orders_and_leaves_are_not_reproduced() {
        let s = scope();
        let reversed: Vec<Hash32> = s.leaves(Construction::ItemHashes).iter().rev().copied().collect();
        let with_repeats = [h(100), h(100), h(100), h(200), h(200)];
        for e in NodeEncoding::ALL {
            assert_eq!(s.reproduce(&items_root(&reversed, e), e), None);
            assert_eq!(s.reproduce(&items_root(&with_repeats, e), e), None);
            assert_eq!(s.reproduce(&items_root(&[h(1), h(2)], e), e), None);
        }
    }
}
