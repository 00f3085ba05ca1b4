//! # pacspace-proof-wasm
//!
//! The `pacspace-proof` verifier for JavaScript: item hashes, itemsRoot,
//! inclusion proofs, receipts and webhook deliveries checked in the browser
//! or in Node, with the same answers as the native library (it is the same
//! code, compiled to WebAssembly, built on the crate's `alloc` layer only).
//!
//! [`ops`] (inputs, hashes, roots, proofs), [`proof_ops`], [`receipt_ops`], [`webhook_ops`],
//! [`bundle_ops`] and [`anchor_ops`] hold the verbs on JSON text (host-independent, unit-tested
//! natively); `bindings` exposes them to JavaScript with wasm-bindgen.
//!
//! ```
//! let h = pacspace_proof_wasm::ops::item_hash_of(r#"{"customerId":"c","delta":5,"reason":"r"}"#).unwrap();
//! let root = pacspace_proof_wasm::ops::root(&format!(r#"["{h}"]"#), None).unwrap();
//! assert_eq!(root, h); // one item: the root is its hash
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

pub mod anchor_ops;
mod bindings;
pub mod bundle_ops;
pub mod ops;
pub mod proof_ops;
pub mod receipt_ops;
mod types;
pub mod webhook_ops;
