//! An independent, deliberately plain statement of which paths an n-leaf
//! tree gives leaf `index` (docs/spec.md, section 7), to judge `verify_proof` against.
#![allow(dead_code)]

use pacspace_proof::hashing::node_hash;
use pacspace_proof::tree::{PathStep, Side};
use pacspace_proof::{Hash32, NodeEncoding};

/// True when `path` has exactly the length and sides an n-leaf tree gives
/// leaf `index`, and every padded level's sibling is the node itself.
pub fn shape_ok(leaf: &Hash32, index: u64, count: u64, path: &[PathStep], enc: NodeEncoding) -> bool {
    if count == 0 || index >= count {
        return false;
    }
    let mut levels = 0usize;
    let mut w = count;
    while w > 1 {
        w = w / 2 + w % 2;
        levels += 1;
    }
    if path.len() != levels {
        return false;
    }
    let (mut i, mut w, mut acc) = (index, count, *leaf);
    for step in path {
        let sibling_left = i % 2 == 1;
        if (step.position == Side::Left) != sibling_left {
            return false;
        }
        if !sibling_left && i + 1 == w && step.hash != acc {
            return false;
        }
        acc = if sibling_left {
            node_hash(enc, &step.hash, &acc)
        } else {
            node_hash(enc, &acc, &step.hash)
        };
        i /= 2;
        w = w / 2 + w % 2;
    }
    true
}

/// The root `path` folds `leaf` to, written out independently of `fold_path`.
pub fn fold(leaf: &Hash32, path: &[PathStep], enc: NodeEncoding) -> Hash32 {
    let mut acc = *leaf;
    for step in path {
        acc = match step.position {
            Side::Left => node_hash(enc, &step.hash, &acc),
            Side::Right => node_hash(enc, &acc, &step.hash),
        };
    }
    acc
}
