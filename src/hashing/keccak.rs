//! Keccak-256 (original Keccak padding, as Ethereum uses it) and the domain prefixes.

use crate::Hash32;
use crate::hashing::sponge::Keccak256;

/// Domain prefix of an item (leaf) hash: the 17 ASCII bytes `pacspace:item:v1:`.
pub const ITEM_PREFIX: &[u8; 17] = b"pacspace:item:v1:";
/// Domain prefix of an internal node hash: the 17 ASCII bytes `pacspace:node:v1:`.
pub const NODE_PREFIX: &[u8; 17] = b"pacspace:node:v1:";

/// Keccak-256 of `data` (padding 0x01, not SHA3-256).
///
/// ```
/// let h = pacspace_proof::keccak256(b"");
/// assert_eq!(h.to_string(), "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
/// ```
pub fn keccak256(data: &[u8]) -> Hash32 {
    let mut k = Keccak256::new();
    k.update(data);
    k.finalize()
}
