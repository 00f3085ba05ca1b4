//! Hashing: Keccak-256, the 32-byte [`Hash32`], the item (leaf) and node
//! rules with their domain prefixes, and the three documented node encodings.
//!
//! Everything here is `no_std` and allocation-free.
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

mod encoding;
pub(crate) mod hash32;
mod keccak;
pub(crate) mod node;
mod sha3;
pub(crate) mod sponge;

pub use encoding::{NodeEncoding, ParseNodeEncodingError};
pub use hash32::{Hash32, HexError};
pub use keccak::{ITEM_PREFIX, NODE_PREFIX, keccak256};
pub use node::{item_hash_canonical, node_hash};
pub use sha3::{sha3_256, sha3_item_hash_canonical, sha3_node_hash};
