//! Hashing: Keccak-256, the 32-byte [`Hash32`], the item (leaf) and node
//! rules with their domain prefixes, and the three documented node encodings.
//!
//! Everything here is `no_std` and allocation-free except [`bulk`]
//! (feature `alloc`).
//!
//! Many hashes at once — a tree level's nodes ([`join_level`]), a batch of
//! items ([`bulk`]) — run 4 or 8 Keccak-f\[1600\] permutations side by
//! side when the CPU has AVX2 or AVX-512 (`pacspace-keccak-lanes`). The
//! path is chosen at run time ([`backend`]); the environment variable
//! `PACSPACE_KECCAK=scalar|avx2|avx512` (feature `std`) or
//! [`force_backend`] picks one. Single hashes ([`keccak256`],
//! [`node_hash`], [`item_hash_canonical`], proof verification) stay on the
//! scalar permutation, the fastest for one message. Every path gives the
//! same digests.
//!
//! ```
//! use pacspace_proof::hashing::{item_hash_canonical, keccak256, node_hash};
//! use pacspace_proof::NodeEncoding;
//!
//! let leaf = item_hash_canonical(br#"{"a":1}"#);
//! assert_eq!(leaf, keccak256(br#"pacspace:item:v1:{"a":1}"#));
//! let parent = node_hash(NodeEncoding::Bytes, &leaf, &leaf);
//! assert_ne!(parent, node_hash(NodeEncoding::Hex0x, &leaf, &leaf));
//! ```

#[cfg(feature = "alloc")]
#[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
pub mod bulk;
mod encoding;
pub(crate) mod hash32;
#[cfg(feature = "alloc")]
mod item_lanes;
mod keccak;
mod lanes;
pub(crate) mod node;
mod sha3;
pub(crate) mod sponge;

pub use encoding::{NodeEncoding, ParseNodeEncodingError};
pub use hash32::{Hash32, HexError};
pub use keccak::{ITEM_PREFIX, NODE_PREFIX, keccak256};
pub use lanes::join_level;
pub use node::{item_hash_canonical, node_hash};
/// Which Keccak path the multi-lane functions take, and how to force one
/// (re-exported from `pacspace-keccak-lanes`).
pub use pacspace_keccak_lanes::{Backend, BackendUnavailable, backend, detected_backend, force_backend};
pub use sha3::{sha3_256, sha3_item_hash_canonical, sha3_node_hash};
