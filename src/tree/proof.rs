//! An owned inclusion proof with its wire form (the CLI's `prove` output).

use crate::tree::{PathStep, ProofError};
use crate::{Hash32, NodeEncoding, verify_proof};
use alloc::vec::Vec;

/// An inclusion proof for item `index` of a `count`-item tree.
///
/// Serialises as
/// `{"index":I,"count":n,"itemHash":"0x…","itemsRoot":"0x…","path":[{"hash":"0x…","position":"left"|"right"},…],"nodeEncoding":"hex0x"}`;
/// `nodeEncoding` may be absent when parsing (default `hex0x`).
///
/// ```
/// use pacspace_proof::{MerkleTree, Hash32, NodeEncoding, Proof};
/// let leaves: Vec<Hash32> = (0u8..3).map(|i| Hash32::from_bytes([i; 32])).collect();
/// let proof = MerkleTree::new(&leaves, NodeEncoding::Hex0x).prove(2).unwrap();
/// let text = serde_json::to_string(&proof).unwrap();
/// let back: Proof = serde_json::from_str(&text).unwrap();
/// assert_eq!(back, proof);
/// assert!(back.verify_claimed_root().is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Proof {
    /// Position of the item, from 0.
    pub index: u64,
    /// Number of items in the tree.
    pub count: u64,
    /// The item's hash (the leaf).
    pub item_hash: Hash32,
    /// The root the proof claims.
    pub items_root: Hash32,
    /// Siblings from the leaf level up.
    pub path: Vec<PathStep>,
    /// How nodes join their children.
    #[serde(default)]
    pub node_encoding: NodeEncoding,
}

impl Proof {
    /// Verifies the proof against a root the caller trusts (for example the
    /// receiptId on their receipt), binding index, count, path shape and sides.
    ///
    /// ```
    /// use pacspace_proof::{MerkleTree, Hash32, NodeEncoding};
    /// use pacspace_proof::tree::ProofError;
    /// let leaves = [Hash32::from_bytes([1; 32]), Hash32::from_bytes([2; 32])];
    /// let tree = MerkleTree::new(&leaves, NodeEncoding::Hex0x);
    /// let proof = tree.prove(0).unwrap();
    /// assert!(proof.verify(&tree.root()).is_ok());
    /// assert!(matches!(proof.verify(&Hash32::ZERO), Err(ProofError::RootMismatch { .. })));
    /// ```
    pub fn verify(&self, trusted_root: &Hash32) -> Result<(), ProofError> {
        verify_proof(
            &self.item_hash,
            self.index,
            self.count,
            &self.path,
            trusted_root,
            self.node_encoding,
        )
    }

    /// Verifies the proof against the `itemsRoot` it carries. This shows the
    /// proof is internally consistent; compare `items_root` with a trusted
    /// receiptId too.
    ///
    /// ```
    /// use pacspace_proof::{MerkleTree, Hash32, NodeEncoding};
    /// let tree = MerkleTree::new(&[Hash32::ZERO, Hash32::ZERO], NodeEncoding::Hex);
    /// assert!(tree.prove(1).unwrap().verify_claimed_root().is_ok());
    /// ```
    pub fn verify_claimed_root(&self) -> Result<(), ProofError> {
        self.verify(&self.items_root)
    }
}
