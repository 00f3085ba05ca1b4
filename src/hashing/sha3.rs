//! SHA3-256 (FIPS 202, padding `0x06`) over the same sponge as Keccak-256:
//! what a service would compute had it used SHA3-256 in place of Keccak-256.
//! Used only to tell an auditor about a near miss; never for a verdict.

use crate::hashing::keccak::{ITEM_PREFIX, NODE_PREFIX};
use crate::hashing::sponge::{Keccak256, SHA3_PAD};
use crate::{Hash32, NodeEncoding};

/// SHA3-256 of `data`.
///
/// ```
/// let h = pacspace_proof::hashing::sha3_256(b"");
/// assert_eq!(h.to_string(), "0xa7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
/// assert_ne!(h, pacspace_proof::keccak256(b""));
/// ```
pub fn sha3_256(data: &[u8]) -> Hash32 {
    let mut k = Keccak256::new();
    k.update(data);
    k.finalize_padded(SHA3_PAD)
}

/// The item hash rule with SHA3-256: `sha3_256("pacspace:item:v1:" || canonical)`.
///
/// ```
/// use pacspace_proof::hashing::{sha3_256, sha3_item_hash_canonical};
/// assert_eq!(sha3_item_hash_canonical(b"{}"), sha3_256(b"pacspace:item:v1:{}"));
/// ```
pub fn sha3_item_hash_canonical(canonical: &[u8]) -> Hash32 {
    let mut k = Keccak256::new();
    k.update(ITEM_PREFIX);
    k.update(canonical);
    k.finalize_padded(SHA3_PAD)
}

/// The internal node rule with SHA3-256, under `encoding`.
///
/// ```
/// use pacspace_proof::{Hash32, NodeEncoding};
/// use pacspace_proof::hashing::{sha3_256, sha3_node_hash};
/// let (a, b) = (Hash32::from_bytes([1; 32]), Hash32::from_bytes([2; 32]));
/// let text = format!("pacspace:node:v1:{a}{b}");
/// assert_eq!(sha3_node_hash(NodeEncoding::Hex0x, &a, &b), sha3_256(text.as_bytes()));
/// ```
pub fn sha3_node_hash(encoding: NodeEncoding, left: &Hash32, right: &Hash32) -> Hash32 {
    let mut k = Keccak256::new();
    k.update(NODE_PREFIX);
    for child in [left, right] {
        match encoding {
            NodeEncoding::Bytes => k.update(child.as_bytes()),
            NodeEncoding::Hex | NodeEncoding::Hex0x => {
                let mut digits = [0u8; 64];
                child.write_hex(&mut digits);
                if encoding == NodeEncoding::Hex0x {
                    k.update(b"0x");
                }
                k.update(&digits);
            }
        }
    }
    k.finalize_padded(SHA3_PAD)
}
