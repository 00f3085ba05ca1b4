//! Inclusion-proof verification over a borrowed path, without allocation.

use crate::tree::path::expected_steps;
use crate::tree::{PathStep, Side, expected_path_len};
use crate::{Hash32, NodeEncoding, node_hash};

/// Why an inclusion proof does not verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    /// A tree with zero leaves has no inclusion proofs.
    #[error("a tree with zero leaves has no inclusion proofs")]
    EmptyTree,
    /// The leaf index is not below the leaf count.
    #[error("index {index} is out of range for {count} leaves")]
    IndexOutOfRange {
        /// Claimed index.
        index: u64,
        /// Leaf count.
        count: u64,
    },
    /// The path does not have the length an n-leaf tree gives every path.
    #[error("path has {found} steps but a tree of this size needs exactly {expected}")]
    PathLength {
        /// Length required by the leaf count.
        expected: usize,
        /// Length supplied.
        found: usize,
    },
    /// A sibling sits on the wrong side for this index and count.
    #[error("path step {level}: sibling is on the {found} but must be on the {expected} for this index")]
    WrongSide {
        /// Level, 0 = leaf level.
        level: usize,
        /// Side required by index and count.
        expected: Side,
        /// Side supplied.
        found: Side,
    },
    /// At a padded level the sibling must be the node itself (odd last node duplicated).
    #[error("path step {level}: at a padded level the sibling must equal the node itself")]
    PaddingSibling {
        /// Level, 0 = leaf level.
        level: usize,
    },
    /// The path folds to a different root.
    #[error("root mismatch: expected {expected}, path folds to {computed}")]
    RootMismatch {
        /// The root the proof claims.
        expected: Hash32,
        /// The root the path folds to.
        computed: Hash32,
    },
}

/// Folds `leaf` up `path` under `encoding`, returning the root it reaches.
/// This checks nothing about the tree's shape; prefer [`verify_proof`].
///
/// ```
/// use pacspace_proof::{Hash32, NodeEncoding};
/// use pacspace_proof::hashing::node_hash;
/// use pacspace_proof::tree::{fold_path, PathStep, Side};
/// let (a, b) = (Hash32::from_bytes([1; 32]), Hash32::from_bytes([2; 32]));
/// let root = fold_path(&b, &[PathStep { hash: a, position: Side::Left }], NodeEncoding::Hex0x);
/// assert_eq!(root, node_hash(NodeEncoding::Hex0x, &a, &b));
/// ```
pub fn fold_path(leaf: &Hash32, path: &[PathStep], encoding: NodeEncoding) -> Hash32 {
    path.iter().fold(*leaf, |acc, step| match step.position {
        Side::Left => node_hash(encoding, &step.hash, &acc),
        Side::Right => node_hash(encoding, &acc, &step.hash),
    })
}

/// Verifies that `leaf` is item `index` of a `count`-leaf tree with root
/// `root`, given its sibling `path` (leaf level first).
///
/// Besides folding to the root, it binds the proof to `count` (docs/spec.md,
/// section 7.2): `index < count`, the path length and every side are exactly those an
/// n-leaf tree produces, and at a padded level the sibling is the node itself.
/// No allocation.
///
/// ```
/// use pacspace_proof::{verify_proof, Hash32, NodeEncoding};
/// use pacspace_proof::hashing::node_hash;
/// use pacspace_proof::tree::{PathStep, ProofError, Side};
/// let enc = NodeEncoding::Hex0x;
/// let (a, b, c) = (Hash32::from_bytes([1; 32]), Hash32::from_bytes([2; 32]), Hash32::from_bytes([3; 32]));
/// let root = node_hash(enc, &node_hash(enc, &a, &b), &node_hash(enc, &c, &c));
/// let path = [PathStep { hash: c, position: Side::Right },
///             PathStep { hash: node_hash(enc, &a, &b), position: Side::Left }];
/// assert_eq!(verify_proof(&c, 2, 3, &path, &root, enc), Ok(()));
/// // The padded copy of `c` is not a fourth item of a 3-item tree.
/// assert_eq!(verify_proof(&c, 3, 3, &path, &root, enc),
///            Err(ProofError::IndexOutOfRange { index: 3, count: 3 }));
/// ```
pub fn verify_proof(
    leaf: &Hash32,
    index: u64,
    count: u64,
    path: &[PathStep],
    root: &Hash32,
    encoding: NodeEncoding,
) -> Result<(), ProofError> {
    if count == 0 {
        return Err(ProofError::EmptyTree);
    }
    if index >= count {
        return Err(ProofError::IndexOutOfRange { index, count });
    }
    let expected = expected_path_len(count);
    if path.len() != expected {
        return Err(ProofError::PathLength {
            expected,
            found: path.len(),
        });
    }
    let mut acc = *leaf;
    for (level, (step, (side, padding))) in path.iter().zip(expected_steps(index, count)).enumerate() {
        if step.position != side {
            return Err(ProofError::WrongSide {
                level,
                expected: side,
                found: step.position,
            });
        }
        if padding && step.hash != acc {
            return Err(ProofError::PaddingSibling { level });
        }
        acc = match side {
            Side::Left => node_hash(encoding, &step.hash, &acc),
            Side::Right => node_hash(encoding, &acc, &step.hash),
        };
    }
    if acc == *root {
        Ok(())
    } else {
        Err(ProofError::RootMismatch {
            expected: *root,
            computed: acc,
        })
    }
}
