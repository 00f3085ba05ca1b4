//! The Merkle tree over item hashes (docs/spec.md, section 6): pairs left to right in
//! insertion order, an odd level duplicates its last node.

use crate::hashing::join_level;
use crate::tree::{MultiProof, MultiProofError};
use crate::tree::{PathStep, ProofError, Side};
use crate::{Hash32, NodeEncoding, Proof};
use alloc::vec::Vec;

/// A whole tree, every level kept, for proof generation.
///
/// ```
/// use pacspace_proof::{MerkleTree, Hash32, NodeEncoding, items_root};
/// let leaves: Vec<Hash32> = (0u8..5).map(|i| Hash32::from_bytes([i; 32])).collect();
/// let tree = MerkleTree::new(&leaves, NodeEncoding::Bytes);
/// assert_eq!(tree.root(), items_root(&leaves, NodeEncoding::Bytes));
/// assert_eq!(tree.len(), 5);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MerkleTree {
    levels: Vec<Vec<Hash32>>,
    encoding: NodeEncoding,
}

impl MerkleTree {
    /// Builds every level over `leaves` (in insertion order).
    ///
    /// ```
    /// use pacspace_proof::{Hash32, MerkleTree, NodeEncoding, items_root};
    /// let leaves = [Hash32::from_bytes([1; 32]), Hash32::from_bytes([2; 32])];
    /// assert_eq!(MerkleTree::new(&leaves, NodeEncoding::Bytes).root(), items_root(&leaves, NodeEncoding::Bytes));
    /// ```
    pub fn new(leaves: &[Hash32], encoding: NodeEncoding) -> Self {
        let mut levels = Vec::new();
        let mut current = leaves.to_vec();
        while current.len() > 1 {
            // The pairs of a level, 8 at a time on a multi-lane Keccak path.
            let mut next = alloc::vec![Hash32::ZERO; current.len().div_ceil(2)];
            join_level(encoding, &current, &mut next);
            levels.push(current);
            current = next;
        }
        levels.push(current);
        MerkleTree { levels, encoding }
    }

    /// The node encoding the tree was built with.
    ///
    /// ```
    /// let t = pacspace_proof::MerkleTree::new(&[], pacspace_proof::NodeEncoding::Hex);
    /// assert_eq!(t.encoding(), pacspace_proof::NodeEncoding::Hex);
    /// ```
    pub fn encoding(&self) -> NodeEncoding {
        self.encoding
    }

    /// Number of leaves.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::MerkleTree::new(&[], Default::default()).len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.levels.first().map_or(0, Vec::len)
    }

    /// True when the tree has no leaves.
    ///
    /// ```
    /// assert!(pacspace_proof::MerkleTree::new(&[], Default::default()).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The leaves, in insertion order.
    ///
    /// ```
    /// let a = pacspace_proof::Hash32::from_bytes([7; 32]);
    /// assert_eq!(pacspace_proof::MerkleTree::new(&[a], Default::default()).leaves(), &[a]);
    /// ```
    pub fn leaves(&self) -> &[Hash32] {
        self.levels.first().map_or(&[], Vec::as_slice)
    }

    /// Every level, leaves first, root level last.
    ///
    /// ```
    /// let leaves = [pacspace_proof::Hash32::ZERO; 3];
    /// let t = pacspace_proof::MerkleTree::new(&leaves, Default::default());
    /// let widths: Vec<usize> = t.levels().iter().map(Vec::len).collect();
    /// assert_eq!(widths, [3, 2, 1]);
    /// ```
    pub fn levels(&self) -> &[Vec<Hash32>] {
        &self.levels
    }

    /// The itemsRoot (32 zero bytes when empty).
    ///
    /// ```
    /// assert_eq!(pacspace_proof::MerkleTree::new(&[], Default::default()).root(), pacspace_proof::Hash32::ZERO);
    /// ```
    pub fn root(&self) -> Hash32 {
        match self.levels.last().map(Vec::as_slice) {
            Some([root]) => *root,
            _ => Hash32::ZERO,
        }
    }

    /// The inclusion proof of leaf `index`.
    ///
    /// ```
    /// use pacspace_proof::{MerkleTree, Hash32};
    /// use pacspace_proof::tree::ProofError;
    /// let t = MerkleTree::new(&[Hash32::ZERO; 3], Default::default());
    /// assert_eq!(t.prove(1).unwrap().path.len(), 2);
    /// assert_eq!(t.prove(3), Err(ProofError::IndexOutOfRange { index: 3, count: 3 }));
    /// ```
    pub fn prove(&self, index: usize) -> Result<Proof, ProofError> {
        let count = self.len();
        if count == 0 {
            return Err(ProofError::EmptyTree);
        }
        let Some(&leaf) = self.leaves().get(index) else {
            return Err(ProofError::IndexOutOfRange {
                index: index as u64,
                count: count as u64,
            });
        };
        let mut path = Vec::with_capacity(self.levels.len().saturating_sub(1));
        let mut i = index;
        for level in self.levels.iter().take(self.levels.len().saturating_sub(1)) {
            let step = if i % 2 == 1 {
                level.get(i - 1).map(|&hash| PathStep {
                    hash,
                    position: Side::Left,
                })
            } else {
                let hash = level.get(i + 1).or_else(|| level.get(i));
                hash.map(|&hash| PathStep {
                    hash,
                    position: Side::Right,
                })
            };
            if let Some(step) = step {
                path.push(step);
            }
            i /= 2;
        }
        Ok(Proof {
            index: index as u64,
            count: count as u64,
            item_hash: leaf,
            items_root: self.root(),
            path,
            node_encoding: self.encoding,
        })
    }

    /// The multi-proof of several items: `indices` in any order, repeats
    /// merged; each sibling the paths need is carried once.
    ///
    /// ```
    /// use pacspace_proof::{MerkleTree, Hash32};
    /// use pacspace_proof::tree::MultiProofError;
    /// let t = MerkleTree::new(&[Hash32::ZERO; 4], Default::default());
    /// let p = t.prove_many(&[3, 0, 3]).unwrap();
    /// assert_eq!(p.indices, [0, 3]);
    /// assert_eq!(p.siblings.len(), 2);
    /// assert_eq!(t.prove_many(&[]), Err(MultiProofError::NoIndices));
    /// assert_eq!(t.prove_many(&[4]), Err(MultiProofError::IndexOutOfRange { position: 0, index: 4, count: 4 }));
    /// ```
    pub fn prove_many(&self, indices: &[usize]) -> Result<MultiProof, MultiProofError> {
        crate::tree::multiproof::prove_many(&self.levels, self.encoding, self.root(), indices)
    }
}
