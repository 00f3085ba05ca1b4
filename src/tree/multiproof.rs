//! Multi-proofs: several items of one tree proved together, each sibling
//! carried once however many of the proved paths need it.
//!
//! Shape: the proved leaf indices (strictly increasing) and the leaf count fix,
//! level by level, which nodes are known. A known node at an even position
//! joins its right neighbour when that is known too, itself when it is the
//! last node of an odd level (nothing carried), and otherwise the next carried
//! sibling; a known node at an odd position whose left neighbour is unknown
//! joins the next carried sibling on its left. Siblings are carried in that
//! order: leaf level first, left to right within a level.

use crate::tree::expected_path_len;
use crate::{Hash32, NodeEncoding, node_hash};
use alloc::vec::Vec;

/// Why a multi-proof is malformed or does not verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MultiProofError {
    /// A tree with zero leaves has no inclusion proofs.
    #[error("a tree with zero leaves has no inclusion proofs")]
    EmptyTree,
    /// The proof names no index.
    #[error("a multi-proof must name at least one index")]
    NoIndices,
    /// The number of item hashes is not the number of indices.
    #[error("{indices} indices but {item_hashes} item hashes: there must be one item hash per index")]
    ItemCount {
        /// Number of indices.
        indices: usize,
        /// Number of item hashes.
        item_hashes: usize,
    },
    /// An index is not below the leaf count.
    #[error("indices[{position}] = {index} is out of range for {count} leaves")]
    IndexOutOfRange {
        /// Position in the index list.
        position: usize,
        /// The index.
        index: u64,
        /// Leaf count.
        count: u64,
    },
    /// An index repeats the one before it.
    #[error("indices[{position}] = {index} repeats the index before it")]
    DuplicateIndex {
        /// Position in the index list.
        position: usize,
        /// The repeated index.
        index: u64,
    },
    /// An index is smaller than the one before it.
    #[error("indices[{position}] = {index} is below the index before it ({previous}): indices must increase")]
    Unsorted {
        /// Position in the index list.
        position: usize,
        /// The index before it.
        previous: u64,
        /// The index.
        index: u64,
    },
    /// The proof carries a different number of siblings than these indices
    /// need in a tree of this many leaves.
    #[error(
        "proof carries {found} siblings but these indices in a tree of this size need exactly {expected}"
    )]
    SiblingCount {
        /// Siblings the shape needs.
        expected: usize,
        /// Siblings carried.
        found: usize,
    },
    /// The items and siblings fold to a different root.
    #[error("root mismatch: expected {expected}, items and siblings fold to {computed}")]
    RootMismatch {
        /// The root the proof is checked against.
        expected: Hash32,
        /// The root they fold to.
        computed: Hash32,
    },
}

/// Checks that `indices` is a non-empty, strictly increasing list below `count`.
fn check_indices(indices: &[u64], count: u64) -> Result<(), MultiProofError> {
    if count == 0 {
        return Err(MultiProofError::EmptyTree);
    }
    if indices.is_empty() {
        return Err(MultiProofError::NoIndices);
    }
    let mut previous: Option<u64> = None;
    for (position, &index) in indices.iter().enumerate() {
        if index >= count {
            return Err(MultiProofError::IndexOutOfRange {
                position,
                index,
                count,
            });
        }
        match previous {
            Some(p) if p == index => return Err(MultiProofError::DuplicateIndex { position, index }),
            Some(p) if p > index => {
                return Err(MultiProofError::Unsorted {
                    position,
                    previous: p,
                    index,
                });
            }
            _ => {}
        }
        previous = Some(index);
    }
    Ok(())
}

/// Calls `f(level, sibling_position)` for every sibling the shape needs, in
/// carrying order. `indices` must satisfy [`check_indices`]. No allocation:
/// each level walks the indices again, shifted, skipping repeats.
fn visit_siblings(indices: &[u64], count: u64, mut f: impl FnMut(usize, u64)) {
    let mut width = count;
    for level in 0..expected_path_len(count) {
        let shift = level as u32;
        let mut last = None;
        let mut known = indices
            .iter()
            .map(|i| i >> shift)
            .filter(move |pos| {
                let new = last != Some(*pos);
                last = Some(*pos);
                new
            })
            .peekable();
        while let Some(pos) = known.next() {
            if pos % 2 == 1 {
                // Its left neighbour is unknown: a known one would have taken it.
                f(level, pos - 1);
            } else if known.peek() == Some(&(pos + 1)) {
                known.next();
            } else if pos + 1 < width {
                f(level, pos + 1);
            }
            // Otherwise: the last node of an odd level, joined with itself.
        }
        width = width.div_ceil(2);
    }
}

/// Number of siblings `indices` (valid for `count`) need.
fn sibling_count(indices: &[u64], count: u64) -> usize {
    let mut n = 0usize;
    visit_siblings(indices, count, |_, _| n += 1);
    n
}

/// Verifies that `item_hashes[k]` is item `indices[k]` of a `count`-leaf tree
/// with root `root`, given the carried `siblings` (see the module docs for
/// their order).
///
/// Bound to `count` like [`crate::verify_proof`]: every index below `count`,
/// indices strictly increasing, and exactly the siblings this shape needs.
/// Allocates one buffer of `indices.len()` nodes, nothing else.
///
/// ```
/// use pacspace_proof::{MerkleTree, Hash32, NodeEncoding};
/// use pacspace_proof::tree::{verify_multiproof, MultiProofError};
/// let leaves: Vec<Hash32> = (0u8..6).map(|i| Hash32::from_bytes([i; 32])).collect();
/// let tree = MerkleTree::new(&leaves, NodeEncoding::Hex0x);
/// let p = tree.prove_many(&[1, 4]).unwrap();
/// assert_eq!(verify_multiproof(&p.item_hashes, &p.indices, 6, &p.siblings, &tree.root(), NodeEncoding::Hex0x), Ok(()));
/// assert_eq!(verify_multiproof(&p.item_hashes, &[4, 1], 6, &p.siblings, &tree.root(), NodeEncoding::Hex0x),
///            Err(MultiProofError::Unsorted { position: 1, previous: 4, index: 1 }));
/// ```
pub fn verify_multiproof(
    item_hashes: &[Hash32],
    indices: &[u64],
    count: u64,
    siblings: &[Hash32],
    root: &Hash32,
    encoding: NodeEncoding,
) -> Result<(), MultiProofError> {
    check_indices(indices, count)?;
    if item_hashes.len() != indices.len() {
        return Err(MultiProofError::ItemCount {
            indices: indices.len(),
            item_hashes: item_hashes.len(),
        });
    }
    let expected = sibling_count(indices, count);
    if siblings.len() != expected {
        return Err(MultiProofError::SiblingCount {
            expected,
            found: siblings.len(),
        });
    }
    let computed = fold(item_hashes, indices, count, siblings, encoding);
    if computed == *root {
        Ok(())
    } else {
        Err(MultiProofError::RootMismatch {
            expected: *root,
            computed,
        })
    }
}

/// Folds the known nodes level by level in one buffer (positions, hashes),
/// writing each parent over the slot of its leftmost known child. The shape
/// has been checked, so the sibling stream has exactly the right length;
/// should it run short anyway, a zero hash is used and the root cannot match.
fn fold(
    item_hashes: &[Hash32],
    indices: &[u64],
    count: u64,
    siblings: &[Hash32],
    enc: NodeEncoding,
) -> Hash32 {
    let mut nodes: Vec<(u64, Hash32)> = indices.iter().copied().zip(item_hashes.iter().copied()).collect();
    let mut carried = siblings.iter().copied();
    let mut width = count;
    while width > 1 {
        let mut read = 0usize;
        let mut write = 0usize;
        while let Some(&(pos, hash)) = nodes.get(read) {
            let parent = if pos % 2 == 1 {
                read += 1;
                node_hash(enc, &carried.next().unwrap_or_default(), &hash)
            } else if let Some(&(_, right)) = nodes.get(read + 1).filter(|(next, _)| *next == pos + 1) {
                read += 2;
                node_hash(enc, &hash, &right)
            } else if pos + 1 == width {
                read += 1;
                node_hash(enc, &hash, &hash)
            } else {
                read += 1;
                node_hash(enc, &hash, &carried.next().unwrap_or_default())
            };
            if let Some(slot) = nodes.get_mut(write) {
                *slot = (pos / 2, parent);
            }
            write += 1;
        }
        nodes.truncate(write);
        width = width.div_ceil(2);
    }
    nodes.first().map_or(Hash32::ZERO, |&(_, h)| h)
}

/// A multi-proof: items `indices` of a `count`-item tree with the siblings
/// their paths need, each carried once.
///
/// Serialises (camelCase, like [`crate::Proof`]) as
/// `{"indices":[…],"count":n,"itemHashes":["0x…",…],"itemsRoot":"0x…","siblings":["0x…",…],"nodeEncoding":"hex0x"}`;
/// `nodeEncoding` may be absent when parsing (default `hex0x`).
///
/// ```
/// use pacspace_proof::{MerkleTree, Hash32, NodeEncoding};
/// use pacspace_proof::tree::MultiProof;
/// let leaves: Vec<Hash32> = (0u8..8).map(|i| Hash32::from_bytes([i; 32])).collect();
/// let tree = MerkleTree::new(&leaves, NodeEncoding::Bytes);
/// let p = tree.prove_many(&[6, 0, 1]).unwrap();
/// assert_eq!(p.indices, [0, 1, 6]);
/// assert_eq!(p.siblings.len(), 3); // leaf 7, node (2,3) and node (4,5)
/// let back: MultiProof = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
/// assert_eq!(back, p);
/// assert!(back.verify(&tree.root()).is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MultiProof {
    /// Positions of the items, strictly increasing.
    pub indices: Vec<u64>,
    /// Number of items in the tree.
    pub count: u64,
    /// The items' hashes, in the order of `indices`.
    pub item_hashes: Vec<Hash32>,
    /// The root the proof claims.
    pub items_root: Hash32,
    /// The siblings the paths need, each once, leaf level first.
    pub siblings: Vec<Hash32>,
    /// How nodes join their children.
    #[serde(default)]
    pub node_encoding: NodeEncoding,
}

impl MultiProof {
    /// Verifies against a root the caller trusts (for example the receiptId
    /// on their receipt); see [`verify_multiproof`].
    ///
    /// ```
    /// use pacspace_proof::{MerkleTree, Hash32, NodeEncoding};
    /// use pacspace_proof::tree::MultiProofError;
    /// let tree = MerkleTree::new(&[Hash32::from_bytes([1; 32]), Hash32::from_bytes([2; 32]), Hash32::from_bytes([3; 32])], NodeEncoding::Hex);
    /// let p = tree.prove_many(&[0, 2]).unwrap();
    /// assert!(p.verify(&tree.root()).is_ok());
    /// assert!(matches!(p.verify(&Hash32::ZERO), Err(MultiProofError::RootMismatch { .. })));
    /// ```
    pub fn verify(&self, trusted_root: &Hash32) -> Result<(), MultiProofError> {
        verify_multiproof(
            &self.item_hashes,
            &self.indices,
            self.count,
            &self.siblings,
            trusted_root,
            self.node_encoding,
        )
    }

    /// Verifies against the `itemsRoot` the proof carries (internal
    /// consistency only; compare `items_root` with a trusted receiptId too).
    ///
    /// ```
    /// use pacspace_proof::{MerkleTree, Hash32, NodeEncoding};
    /// let tree = MerkleTree::new(&[Hash32::ZERO; 5], NodeEncoding::Hex0x);
    /// assert!(tree.prove_many(&[3, 4]).unwrap().verify_claimed_root().is_ok());
    /// ```
    pub fn verify_claimed_root(&self) -> Result<(), MultiProofError> {
        self.verify(&self.items_root)
    }
}

/// Builds the multi-proof of `indices` (any order; repeats are merged) from
/// a tree's levels.
pub(crate) fn prove_many(
    levels: &[Vec<Hash32>],
    encoding: NodeEncoding,
    root: Hash32,
    indices: &[usize],
) -> Result<MultiProof, MultiProofError> {
    let leaves = levels.first().map_or(&[][..], Vec::as_slice);
    let count = leaves.len() as u64;
    let mut sorted: Vec<u64> = indices.iter().map(|&i| i as u64).collect();
    sorted.sort_unstable();
    sorted.dedup();
    check_indices(&sorted, count)?;
    let item_hashes = sorted
        .iter()
        .map(|&i| {
            usize::try_from(i)
                .ok()
                .and_then(|i| leaves.get(i))
                .copied()
                .unwrap_or_default()
        })
        .collect();
    let mut siblings = Vec::new();
    visit_siblings(&sorted, count, |level, pos| {
        let hash = levels
            .get(level)
            .and_then(|l| usize::try_from(pos).ok().and_then(|p| l.get(p)));
        siblings.push(hash.copied().unwrap_or_default());
    });
    Ok(MultiProof {
        indices: sorted,
        count,
        item_hashes,
        items_root: root,
        siblings,
        node_encoding: encoding,
    })
}
