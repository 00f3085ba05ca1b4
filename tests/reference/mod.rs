//! A reference implementation of the tree rules, used only by tests and by
//! the negative-vector generator: slow, naive and recursive, written straight
//! from the definitions (docs/spec.md sections 4-5 and the multi-proof shape in
//! `src/tree/multiproof.rs`), sharing nothing with the library but
//! `keccak256` and the `Hash32` / `NodeEncoding` / `Side` types.
//!
//! - A node hash builds the exact message of its encoding as a byte string
//!   (its own hex writer, `format!` and `concat`) and hashes it: independent
//!   of the library's compile-time templates.
//! - Levels, roots and paths recurse over slices; verification recurses over
//!   the path, re-deriving the tree's shape from `(index, count)` each step.
//! - Verdicts are error *names* that mirror the library's check order, so a
//!   test can require the fast path to fail with exactly the same variant.
#![allow(dead_code)]

use pacspace_proof::tree::Side;
use pacspace_proof::{Hash32, NodeEncoding, keccak256};
use std::collections::{BTreeMap, BTreeSet};

/// Every node encoding, in a fixed order.
pub const ENCODINGS: [NodeEncoding; 3] = [NodeEncoding::Hex0x, NodeEncoding::Hex, NodeEncoding::Bytes];

/// The domain prefix of an internal node.
const NODE_PREFIX: &str = "pacspace:node:v1:";

/// Lowercase hex of `bytes`, two digits per byte.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(2 * bytes.len());
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// The exact message an internal node hashes.
pub fn node_message(enc: NodeEncoding, left: &Hash32, right: &Hash32) -> Vec<u8> {
    let (l, r) = (left.as_bytes(), right.as_bytes());
    match enc {
        NodeEncoding::Hex0x => format!("{NODE_PREFIX}0x{}0x{}", hex(l), hex(r)).into_bytes(),
        NodeEncoding::Hex => format!("{NODE_PREFIX}{}{}", hex(l), hex(r)).into_bytes(),
        NodeEncoding::Bytes => [NODE_PREFIX.as_bytes(), l.as_slice(), r.as_slice()].concat(),
    }
}

/// `keccak256(node_message)`.
pub fn node(enc: NodeEncoding, left: &Hash32, right: &Hash32) -> Hash32 {
    keccak256(&node_message(enc, left, right))
}

/// The level above `level`: pairs left to right; an odd last node is joined
/// with itself.
pub fn parent_level(level: &[Hash32], enc: NodeEncoding) -> Vec<Hash32> {
    match level {
        [] => Vec::new(),
        [a] => vec![node(enc, a, a)],
        [a, b, rest @ ..] => {
            let mut out = vec![node(enc, a, b)];
            out.extend(parent_level(rest, enc));
            out
        }
    }
}

/// Every level, leaves first, ending with the one-node (or empty) level.
pub fn levels(leaves: &[Hash32], enc: NodeEncoding) -> Vec<Vec<Hash32>> {
    if leaves.len() <= 1 {
        return vec![leaves.to_vec()];
    }
    let mut out = vec![leaves.to_vec()];
    out.extend(levels(&parent_level(leaves, enc), enc));
    out
}

/// The itemsRoot: zero for no leaves, the leaf for one, else the root of
/// the level above.
pub fn root(leaves: &[Hash32], enc: NodeEncoding) -> Hash32 {
    match leaves {
        [] => Hash32::ZERO,
        [only] => *only,
        _ => root(&parent_level(leaves, enc), enc),
    }
}

/// The sibling path of node `index` of the bottom level in `levels` (as
/// [`levels`] returns them): the neighbour in its pair, or the node itself
/// when it is the odd last one, then the path of its parent.
pub fn path(levels: &[Vec<Hash32>], index: usize) -> Vec<(Hash32, Side)> {
    match levels {
        [] | [_] => Vec::new(),
        [level, above @ ..] => {
            let step = if index % 2 == 1 {
                (level[index - 1], Side::Left)
            } else if index + 1 < level.len() {
                (level[index + 1], Side::Right)
            } else {
                (level[index], Side::Right)
            };
            let mut out = vec![step];
            out.extend(path(above, index / 2));
            out
        }
    }
}

/// Number of levels above the leaves of a `count`-leaf tree: halve (rounding
/// up) until one node is left.
pub fn height(count: u64) -> usize {
    if count <= 1 {
        0
    } else {
        1 + height(count.div_ceil(2))
    }
}

/// For node `index` of a level `width` wide and every level above: the side
/// its sibling sits on and whether the sibling is the node itself (padding).
pub fn shape(index: u64, width: u64) -> Vec<(Side, bool)> {
    if width <= 1 {
        return Vec::new();
    }
    let step = if index % 2 == 1 {
        (Side::Left, false)
    } else {
        (Side::Right, index + 1 == width)
    };
    let mut out = vec![step];
    out.extend(shape(index / 2, width.div_ceil(2)));
    out
}

/// The verdict on a single inclusion proof, as the variant name of
/// `ProofError` the checks raise first (in the library's documented order:
/// empty tree, index, path length, then level by level side and padding,
/// finally the root), or `Ok`.
pub fn verify(
    leaf: &Hash32,
    index: u64,
    count: u64,
    path: &[(Hash32, Side)],
    root: &Hash32,
    enc: NodeEncoding,
) -> Result<(), &'static str> {
    if count == 0 {
        return Err("EmptyTree");
    }
    if index >= count {
        return Err("IndexOutOfRange");
    }
    if path.len() != height(count) {
        return Err("PathLength");
    }
    fold(*leaf, path, &shape(index, count), root, enc)
}

fn fold(
    acc: Hash32,
    path: &[(Hash32, Side)],
    shape: &[(Side, bool)],
    root: &Hash32,
    enc: NodeEncoding,
) -> Result<(), &'static str> {
    match (path, shape) {
        ([], []) => {
            if acc == *root {
                Ok(())
            } else {
                Err("RootMismatch")
            }
        }
        ([(sibling, side), path @ ..], [(want, padding), shape @ ..]) => {
            if side != want {
                return Err("WrongSide");
            }
            if *padding && *sibling != acc {
                return Err("PaddingSibling");
            }
            let parent = match side {
                Side::Left => node(enc, sibling, &acc),
                Side::Right => node(enc, &acc, sibling),
            };
            fold(parent, path, shape, root, enc)
        }
        _ => Err("PathLength"),
    }
}

/// The siblings a multi-proof of `indices` (sorted, distinct, below `count`)
/// carries, as `(level, position)`: at each level every known node's pair
/// partner that is not itself known, left to right, leaf level first; an odd
/// last node joins itself and needs nothing. The known nodes of the next level
/// are the parents of the known ones.
pub fn multi_positions(indices: &[u64], count: u64) -> Vec<(usize, u64)> {
    fn walk(known: &BTreeSet<u64>, width: u64, level: usize, out: &mut Vec<(usize, u64)>) {
        if width <= 1 {
            return;
        }
        for &pos in known {
            let partner = pos ^ 1;
            if partner < width && !known.contains(&partner) {
                out.push((level, partner));
            }
        }
        let above: BTreeSet<u64> = known.iter().map(|p| p / 2).collect();
        walk(&above, width.div_ceil(2), level + 1, out);
    }
    let mut out = Vec::new();
    walk(&indices.iter().copied().collect(), count, 0, &mut out);
    out
}

/// The siblings of a multi-proof of `indices` read from a tree's `levels`.
pub fn multi_siblings(levels: &[Vec<Hash32>], indices: &[u64]) -> Vec<Hash32> {
    let count = levels.first().map_or(0, Vec::len) as u64;
    multi_positions(indices, count)
        .into_iter()
        .map(|(level, pos)| levels[level][pos as usize])
        .collect()
}

/// The verdict on a multi-proof, as the variant name of `MultiProofError`
/// raised first (empty tree, no indices, then per position: out of range,
/// duplicate, unsorted; item count; sibling count; root), or `Ok`.
pub fn verify_multi(
    item_hashes: &[Hash32],
    indices: &[u64],
    count: u64,
    siblings: &[Hash32],
    root: &Hash32,
    enc: NodeEncoding,
) -> Result<(), &'static str> {
    if count == 0 {
        return Err("EmptyTree");
    }
    if indices.is_empty() {
        return Err("NoIndices");
    }
    for (k, &index) in indices.iter().enumerate() {
        if index >= count {
            return Err("IndexOutOfRange");
        }
        if k > 0 && indices[k - 1] == index {
            return Err("DuplicateIndex");
        }
        if k > 0 && indices[k - 1] > index {
            return Err("Unsorted");
        }
    }
    if item_hashes.len() != indices.len() {
        return Err("ItemCount");
    }
    let positions = multi_positions(indices, count);
    if siblings.len() != positions.len() {
        return Err("SiblingCount");
    }
    let mut known: BTreeMap<u64, Hash32> = indices.iter().copied().zip(item_hashes.iter().copied()).collect();
    let mut carried: BTreeMap<(usize, u64), Hash32> =
        positions.into_iter().zip(siblings.iter().copied()).collect();
    let computed = multi_fold(&mut known, &mut carried, count, 0, enc);
    if computed == *root {
        Ok(())
    } else {
        Err("RootMismatch")
    }
}

fn multi_fold(
    known: &mut BTreeMap<u64, Hash32>,
    carried: &mut BTreeMap<(usize, u64), Hash32>,
    width: u64,
    level: usize,
    enc: NodeEncoding,
) -> Hash32 {
    if width <= 1 {
        return known.get(&0).copied().unwrap_or(Hash32::ZERO);
    }
    let mut above = BTreeMap::new();
    for (&pos, hash) in known.iter() {
        let parent = pos / 2;
        if above.contains_key(&parent) {
            continue;
        }
        let (left, right) = (parent * 2, parent * 2 + 1);
        let get = |p: u64| -> Hash32 {
            if p >= width {
                *hash // an odd last node joins itself
            } else {
                known
                    .get(&p)
                    .or_else(|| carried.get(&(level, p)))
                    .copied()
                    .unwrap_or(Hash32::ZERO)
            }
        };
        above.insert(parent, node(enc, &get(left), &get(right)));
    }
    *known = above;
    multi_fold(known, carried, width.div_ceil(2), level + 1, enc)
}

/// A small deterministic generator (SplitMix64) for reproducible test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A value in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// 32 random bytes.
    pub fn hash(&mut self) -> Hash32 {
        let mut b = [0u8; 32];
        for chunk in b.chunks_mut(8) {
            chunk.copy_from_slice(&self.next_u64().to_le_bytes());
        }
        Hash32::from_bytes(b)
    }
}

/// The variant name of a library `ProofError`, to compare with [`verify`].
pub fn proof_error_name(e: &pacspace_proof::tree::ProofError) -> &'static str {
    use pacspace_proof::tree::ProofError as E;
    match e {
        E::EmptyTree => "EmptyTree",
        E::IndexOutOfRange { .. } => "IndexOutOfRange",
        E::PathLength { .. } => "PathLength",
        E::WrongSide { .. } => "WrongSide",
        E::PaddingSibling { .. } => "PaddingSibling",
        E::RootMismatch { .. } => "RootMismatch",
    }
}

/// The variant name of a library `MultiProofError`, to compare with [`verify_multi`].
pub fn multi_error_name(e: &pacspace_proof::tree::MultiProofError) -> &'static str {
    use pacspace_proof::tree::MultiProofError as E;
    match e {
        E::EmptyTree => "EmptyTree",
        E::NoIndices => "NoIndices",
        E::ItemCount { .. } => "ItemCount",
        E::IndexOutOfRange { .. } => "IndexOutOfRange",
        E::DuplicateIndex { .. } => "DuplicateIndex",
        E::Unsorted { .. } => "Unsorted",
        E::SiblingCount { .. } => "SiblingCount",
        E::RootMismatch { .. } => "RootMismatch",
    }
}
