//! Trees and proofs: the itemsRoot, sibling paths and their shape for a
//! given leaf count, single and multi inclusion proofs.
//!
//! - `no_std`, no allocation: [`items_root`] / [`RootBuilder`] in constant
//!   memory, [`verify_proof`] over a borrowed path bound to the leaf count.
//! - `alloc`: [`MerkleTree`] (all levels, proof generation), [`Proof`],
//!   [`MultiProof`], and leaves read from JSON ([`leaves_from_json`]).
//!
//! ```
//! use pacspace_proof::tree::{expected_path_len, items_root};
//! use pacspace_proof::{Hash32, NodeEncoding};
//!
//! assert_eq!(items_root(&[], NodeEncoding::Hex0x), Hash32::ZERO);
//! assert_eq!(expected_path_len(5), 3);
//! ```

mod frontier;
mod path;
pub(crate) mod root;
mod verify;

#[cfg(feature = "alloc")]
mod leaves;
#[cfg(feature = "alloc")]
mod merkle;
#[cfg(feature = "alloc")]
pub(crate) mod multiproof;
#[cfg(feature = "alloc")]
mod proof;

pub use path::{PathStep, Side, expected_path_len};
pub use root::{RootBuilder, items_root};
pub use verify::{ProofError, fold_path, verify_proof};

#[cfg(feature = "alloc")]
pub use leaves::{LeavesError, json_kind, leaves_from_json};
#[cfg(feature = "alloc")]
pub use merkle::MerkleTree;
#[cfg(feature = "alloc")]
pub use multiproof::{MultiProof, MultiProofError, verify_multiproof};
#[cfg(feature = "alloc")]
pub use proof::Proof;
