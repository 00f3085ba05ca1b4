//! # pacspace-proof
//!
//! Check PacSpace balance receipts without trusting PacSpace: recompute item
//! hashes, the itemsRoot (receiptId / proofHash) and Merkle inclusion proofs
//! exactly as the service computes them, and say precisely why something does
//! not verify.
//!
//! Layers:
//! - **core** (`#![no_std]`, no allocation): [`Hash32`], [`keccak256`],
//!   [`item_hash_canonical`], [`node_hash`] under every [`NodeEncoding`],
//!   streaming canonical JSON of a typed [`DeltaItem`] hashed as it is
//!   written, the itemsRoot of any number of leaves in constant memory
//!   ([`items_root`], [`RootBuilder`]), and inclusion-proof verification over
//!   a borrowed path ([`verify_proof`]).
//! - **`alloc`**: canonical JSON of any `serde_json::Value`
//!   ([`canonical_json`]), item hash of any JSON item ([`item_hash`]), trees
//!   ([`MerkleTree`]) and proof generation ([`Proof`], [`MultiProof`] for
//!   several items with shared siblings).
//! - **`alloc`** also: the service's receipts and webhooks as typed wire
//!   formats, verified in one call each ([`verify_receipt_json`],
//!   [`verify_emit`], [`verify_batch`], [`verify_webhook`],
//!   [`verify_public_answer`], [`verify_delta_status`]) into a [`Report`]
//!   naming every check, the node encoding and the delta→item mapping used;
//!   chain continuity in constant memory ([`ChainVerifier`]).
//! - **core** also: webhook signatures ([`verify_webhook_signature`],
//!   HMAC-SHA256, constant-time, clock passed in).
//! - **`std`** (default): the `pacspace-verify` command-line verifier and
//!   [`verify_chain_jsonl`] over any `BufRead`.
//! - **`parallel`** (implies `std`): root and leaf hashing of large batches
//!   on rayon's threads (`parallel` module), equal to the single-threaded
//!   results.
//!
//! ```
//! use pacspace_proof::{Hash32, NodeEncoding, MerkleTree};
//!
//! let leaves = [Hash32::from_bytes([1; 32]), Hash32::from_bytes([2; 32]), Hash32::from_bytes([3; 32])];
//! let tree = MerkleTree::new(&leaves, NodeEncoding::Hex0x);
//! let proof = tree.prove(2).unwrap();
//! assert!(proof.verify(&tree.root()).is_ok());
//! ```
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod canonical_check;
mod delta;
mod encoding;
mod hash32;
mod keccak;
mod node;
mod number;
mod path;
mod root;
mod signature;
mod sink;
mod sponge;
mod string;
mod verify;

#[cfg(feature = "alloc")]
mod canonical;
#[cfg(feature = "alloc")]
mod leaves;
#[cfg(feature = "alloc")]
mod multiproof;
#[cfg(feature = "alloc")]
mod proof;
#[cfg(feature = "alloc")]
mod receipt;
#[cfg(feature = "alloc")]
mod tree;

#[cfg(feature = "std")]
pub mod fetch;
#[cfg(feature = "alloc")]
pub mod ledger;
#[cfg(feature = "parallel")]
pub mod parallel;

pub use canonical_check::{CanonicalStr, CanonicalTextError, MAX_DEPTH};
pub use delta::{AmountKey, DeltaItem, ItemMapping, ReferenceIdAbsent};
pub use encoding::{NodeEncoding, ParseNodeEncodingError};
pub use hash32::{Hash32, HexError};
pub use keccak::{ITEM_PREFIX, NODE_PREFIX, keccak256};
pub use node::{item_hash_canonical, node_hash};
pub use number::{NumberError, write_number};
pub use path::{PathStep, Side, expected_path_len};
pub use root::{RootBuilder, items_root};
pub use signature::{
    DEFAULT_TOLERANCE_SECS, MAX_SIGNATURE_VALUES, MILLIS_THRESHOLD, SIGNATURE_HEADER, SignatureError,
    SignatureMatch, TIMESTAMP_HEADER, parse_webhook_timestamp, sign_webhook, verify_webhook_signature,
    webhook_hmac,
};
pub use sink::{KeccakSink, Sink};
pub use string::write_string;
pub use verify::{ProofError, fold_path, verify_proof};

#[cfg(feature = "alloc")]
pub use canonical::{CanonicalError, canonical_json, canonical_json_str, item_hash, write_canonical};
#[cfg(feature = "alloc")]
pub use leaves::{LeavesError, json_kind, leaves_from_json};
#[cfg(feature = "alloc")]
pub use multiproof::{MultiProof, MultiProofError, verify_multiproof};
#[cfg(feature = "alloc")]
pub use proof::Proof;
#[cfg(feature = "std")]
pub use receipt::chain::verify_chain_jsonl;
#[cfg(feature = "alloc")]
pub use receipt::{
    artefact::{Artefact, WireError, verify_receipt_json},
    batch::verify_batch,
    chain::{
        ChainInputError, ChainReport, ChainStart, ChainVerifier, DEFAULT_MAX_LINE_BYTES, LineFailure,
        MAX_REPORTED_FAILURES,
    },
    detect::detect_encoding,
    emit::verify_emit,
    mapping::{DeltaInputError, SubmittedDelta, detect_list_root, find_mapping},
    report::{ArtefactKind, Check, EncodingFinding, Failure, MappingFinding, Outcome, Report, Verdict},
    status::verify_delta_status,
    verify_answer::verify_public_answer,
    webhook::{DELTA_FAILED, DELTA_VERIFIED, DeliveryHeaders, verify_webhook, verify_webhook_delivery},
    wire::{
        BatchData, BatchResponse, BatchResult, DeltaStatusData, DeltaStatusResponse, EmitData, EmitResponse,
        Envelope, Extra, ReceiptId, Status, VerifyAnswer, VerifyRecord, WebhookData, WebhookDelta,
        WebhookEvent, WebhookProof,
    },
};
#[cfg(feature = "alloc")]
pub use tree::MerkleTree;
