//! # pacspace-proof
//!
//! Check PacSpace balance receipts without trusting PacSpace: recompute item
//! hashes, the itemsRoot (receiptId / proofHash) and Merkle inclusion proofs
//! exactly as the service computes them, and say precisely why something does
//! not verify. The rules reproduced are stated in the repository's
//! `docs/spec.md`.
//!
//! The modules follow the data, from bytes to verdicts:
//!
//! | module | holds | needs |
//! |---|---|---|
//! | [`hashing`] | Keccak-256, [`Hash32`], leaf and node rules, [`NodeEncoding`]; tree levels and item batches hashed side by side (AVX2, AVX-512) | core / `alloc` |
//! | [`canonical`] | canonical JSON: number and string writers, the no-alloc checker; any JSON value | core / `alloc` |
//! | [`item`] | the delta→item mapping, a typed [`DeltaItem`] hashed without allocation | core |
//! | [`tree`] | itemsRoot, paths, single and multi inclusion proofs | core / `alloc` |
//! | [`receipt`] | the service's artefacts, verified into a [`Report`] | `alloc` |
//! | [`bundle`] | proof bundles: one file proving deltas are in a receipt | `alloc` |
//! | [`signature`] | webhook signatures (HMAC-SHA256, constant time) | core |
//! | [`level`] | assurance levels: what a verdict may claim | core |
//! | [`chain`] | `previousProofHash` continuity, streaming | `alloc` / `std` |
//! | [`ledger`] | the Hedera ledger anchor: the decision over source answers; the HTTP sources | `alloc` / `ledger` |
//! | `audit` | a whole export reconciled: one class per submitted delta, balances, sequences, heads | `std` |
//! | `fetch` | blocking HTTP client for the public endpoints | `fetch` |
//! | `parallel` | root and leaf hashing on all cores | `parallel` |
//!
//! The crate root re-exports the few entry points most programs need.
//!
//! ```
//! use pacspace_proof::{Hash32, MerkleTree, NodeEncoding};
//!
//! let leaves = [Hash32::from_bytes([1; 32]), Hash32::from_bytes([2; 32]), Hash32::from_bytes([3; 32])];
//! let tree = MerkleTree::new(&leaves, NodeEncoding::Hex0x);
//! let proof = tree.prove(2).unwrap();
//! assert!(proof.verify(&tree.root()).is_ok());
//! ```
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod canonical;
pub mod hashing;
pub mod item;
pub mod level;
pub mod signature;
pub mod tree;

#[cfg(feature = "alloc")]
#[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
pub mod bundle;
#[cfg(feature = "alloc")]
#[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
pub mod chain;
#[cfg(feature = "alloc")]
#[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
pub mod receipt;

#[cfg(feature = "alloc")]
#[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
pub mod ledger;

#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
pub mod audit;
#[cfg(feature = "fetch")]
#[cfg_attr(docsrs, doc(cfg(feature = "fetch")))]
pub mod fetch;
#[cfg(feature = "parallel")]
#[cfg_attr(docsrs, doc(cfg(feature = "parallel")))]
pub mod parallel;

pub use hashing::{Hash32, NodeEncoding, keccak256};
pub use item::{DeltaItem, ItemMapping};
pub use level::Level;
pub use tree::{items_root, verify_proof};

#[cfg(feature = "alloc")]
pub use canonical::{canonical_json, item_hash};
#[cfg(feature = "alloc")]
pub use receipt::{Report, Verdict, verify_receipt_json};
#[cfg(feature = "alloc")]
pub use tree::{MerkleTree, Proof};

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

// A short path for the crate's own modules.
pub(crate) use hashing::node_hash;
