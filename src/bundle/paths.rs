//! Each item's path from its leaf up to the root, for display: the sibling
//! joined at each level, on which side, and the node it gives. Built from
//! what the bundle carries (the full list of leaves, one path, or a
//! multi-proof's shared siblings); verification itself is done elsewhere.

use crate::tree::{PathStep, Side};
use crate::{Hash32, MerkleTree, NodeEncoding, node_hash};
use alloc::vec::Vec;
use serde::Serialize;

/// One level of a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PathNode {
    /// The sibling's hash.
    pub sibling: Hash32,
    /// The sibling's side.
    pub position: Side,
    /// The level was padded: the node is joined with itself.
    pub padding: bool,
    /// The node the two give.
    pub node: Hash32,
}

/// An item's path to the root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemPath {
    /// The leaf index.
    pub index: u64,
    /// The leaf.
    pub item_hash: Hash32,
    /// Leaf level first.
    pub steps: Vec<PathNode>,
    /// Where the path ends (the root when the bundle is intact).
    pub reaches: Hash32,
}

/// Whether node `pos` of a level `width` wide is a padded last node.
fn padded(pos: u64, width: u64) -> bool {
    pos.is_multiple_of(2) && pos + 1 == width
}

/// The path of `leaf` (leaf `index` of `count`) along `steps`.
pub(crate) fn along(index: u64, count: u64, leaf: Hash32, steps: &[PathStep], enc: NodeEncoding) -> ItemPath {
    let mut node = leaf;
    let mut width = count;
    let mut out = Vec::with_capacity(steps.len());
    for (level, s) in steps.iter().enumerate() {
        let below = node;
        node = match s.position {
            Side::Left => node_hash(enc, &s.hash, &node),
            Side::Right => node_hash(enc, &node, &s.hash),
        };
        let pos = index.checked_shr(level as u32).unwrap_or(0);
        out.push(PathNode {
            sibling: s.hash,
            position: s.position,
            padding: s.position == Side::Right && padded(pos, width) && s.hash == below,
            node,
        });
        width = width.div_ceil(2);
    }
    ItemPath {
        index,
        item_hash: leaf,
        steps: out,
        reaches: node,
    }
}

/// Paths of `items` (index, leaf) in a tree over all `leaves`.
pub(crate) fn in_full_tree(items: &[(u64, Hash32)], leaves: &[Hash32], enc: NodeEncoding) -> Vec<ItemPath> {
    let tree = MerkleTree::new(leaves, enc);
    items
        .iter()
        .filter_map(|&(i, leaf)| {
            let proof = tree.prove(usize::try_from(i).ok()?).ok()?;
            Some(along(i, leaves.len() as u64, leaf, &proof.path, enc))
        })
        .collect()
}

/// Paths of `items` (index, leaf; strictly increasing indices) from a
/// multi-proof's `siblings` in a `count`-leaf tree. `None` when the shape
/// does not fit (too few siblings, an index out of range).
pub(crate) fn from_multiproof(
    items: &[(u64, Hash32)],
    count: u64,
    siblings: &[Hash32],
    enc: NodeEncoding,
) -> Option<Vec<ItemPath>> {
    if items.windows(2).any(|w| matches!(w, [a, b] if a.0 >= b.0)) || items.iter().any(|&(i, _)| i >= count) {
        return None;
    }
    let mut carried = siblings.iter().copied();
    // Per level, by increasing position: (position, sibling, side, padding, parent).
    let mut levels: Vec<Vec<(u64, PathNode)>> = Vec::new();
    let mut known: Vec<(u64, Hash32)> = items.to_vec();
    let mut width = count;
    while width > 1 {
        let mut level = Vec::with_capacity(known.len());
        let mut next = Vec::with_capacity(known.len());
        let mut k = 0;
        while let Some(&(pos, hash)) = known.get(k) {
            let right_known = known.get(k + 1).filter(|(p, _)| *p == pos + 1).copied();
            let parent = if pos % 2 == 1 {
                let s = carried.next()?;
                level.push((pos, step(s, Side::Left, false, node_hash(enc, &s, &hash))));
                k += 1;
                node_hash(enc, &s, &hash)
            } else if let Some((_, right)) = right_known {
                let parent = node_hash(enc, &hash, &right);
                level.push((pos, step(right, Side::Right, false, parent)));
                level.push((pos + 1, step(hash, Side::Left, false, parent)));
                k += 2;
                parent
            } else if pos + 1 == width {
                let parent = node_hash(enc, &hash, &hash);
                level.push((pos, step(hash, Side::Right, true, parent)));
                k += 1;
                parent
            } else {
                let s = carried.next()?;
                let parent = node_hash(enc, &hash, &s);
                level.push((pos, step(s, Side::Right, false, parent)));
                k += 1;
                parent
            };
            next.push((pos / 2, parent));
        }
        levels.push(level);
        known = next;
        width = width.div_ceil(2);
    }
    items
        .iter()
        .map(|&(index, leaf)| {
            let mut steps = Vec::with_capacity(levels.len());
            for (l, level) in levels.iter().enumerate() {
                let at = level.binary_search_by_key(&(index >> l), |e| e.0).ok()?;
                steps.push(level.get(at)?.1);
            }
            let reaches = steps.last().map_or(leaf, |s| s.node);
            Some(ItemPath {
                index,
                item_hash: leaf,
                steps,
                reaches,
            })
        })
        .collect()
}

fn step(sibling: Hash32, position: Side, padding: bool, node: Hash32) -> PathNode {
    PathNode {
        sibling,
        position,
        padding,
        node,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaves(n: u8) -> Vec<Hash32> {
        (0..n).map(|i| Hash32::from_bytes([i + 1; 32])).collect()
    }

    #[test]
    fn multiproof_paths_equal_single_paths() {
        for n in 1u8..=13 {
            let ls = leaves(n);
            for enc in NodeEncoding::ALL {
                let tree = MerkleTree::new(&ls, enc);
                let picks: [Vec<usize>; 3] = [
                    alloc::vec![0usize],
                    alloc::vec![(n - 1) as usize],
                    (0..n as usize).step_by(3).collect(),
                ];
                for pick in picks {
                    let p = tree.prove_many(&pick).unwrap();
                    let items: Vec<(u64, Hash32)> = p
                        .indices
                        .iter()
                        .copied()
                        .zip(p.item_hashes.iter().copied())
                        .collect();
                    let got = from_multiproof(&items, n as u64, &p.siblings, enc).unwrap();
                    assert_eq!(got, in_full_tree(&items, &ls, enc), "n={n} pick={pick:?}");
                    assert!(got.iter().all(|g| g.reaches == tree.root()));
                }
            }
        }
    }

    #[test]
    fn padding_is_marked_only_where_a_level_was_padded() {
        let ls = leaves(3);
        let tree = MerkleTree::new(&ls, NodeEncoding::Hex0x);
        let p = in_full_tree(&[(2, ls[2])], &ls, NodeEncoding::Hex0x);
        assert_eq!(
            p[0].steps.iter().map(|s| s.padding).collect::<Vec<_>>(),
            [true, false]
        );
        assert_eq!(p[0].reaches, tree.root());
        let p = in_full_tree(&[(0, ls[0])], &ls, NodeEncoding::Hex0x);
        assert!(p[0].steps.iter().all(|s| !s.padding));
    }
}
