//! Leaf and internal-node hashes with their domain prefixes.

use crate::keccak::{ITEM_PREFIX, NODE_PREFIX};
use crate::{Hash32, NodeEncoding};
use sha3::{Digest, Keccak256};

/// Item (leaf) hash of an already canonical JSON text:
/// `keccak256("pacspace:item:v1:" || canonical)`.
///
/// The caller vouches that `canonical` is canonical; see
/// `canonical_json` (feature `alloc`) or [`crate::DeltaItem`] to produce it.
///
/// ```
/// let h = pacspace_proof::item_hash_canonical(br#"{"a":1}"#);
/// assert_eq!(h, pacspace_proof::keccak256(br#"pacspace:item:v1:{"a":1}"#));
/// ```
pub fn item_hash_canonical(canonical: &[u8]) -> Hash32 {
    let mut k = Keccak256::new();
    k.update(ITEM_PREFIX);
    k.update(canonical);
    finish(k)
}

/// Internal node hash of `left` and `right` under `encoding`, without heap
/// allocation (hex forms are built in a stack buffer).
///
/// ```
/// use pacspace_proof::{node_hash, keccak256, Hash32, NodeEncoding};
/// let (a, b) = (Hash32::from_bytes([0x11; 32]), Hash32::from_bytes([0x22; 32]));
/// let mut bytes = b"pacspace:node:v1:".to_vec();
/// bytes.extend_from_slice(a.as_bytes());
/// bytes.extend_from_slice(b.as_bytes());
/// assert_eq!(node_hash(NodeEncoding::Bytes, &a, &b), keccak256(&bytes));
/// let text = format!("pacspace:node:v1:{a}{b}");
/// assert_eq!(node_hash(NodeEncoding::Hex0x, &a, &b), keccak256(text.as_bytes()));
/// ```
pub fn node_hash(encoding: NodeEncoding, left: &Hash32, right: &Hash32) -> Hash32 {
    match encoding {
        NodeEncoding::Bytes => {
            let mut buf = [0u8; 81];
            buf[..17].copy_from_slice(NODE_PREFIX);
            buf[17..49].copy_from_slice(&left.0);
            buf[49..].copy_from_slice(&right.0);
            hash_once(&buf)
        }
        NodeEncoding::Hex0x => {
            let mut buf = [0u8; 149];
            buf[..17].copy_from_slice(NODE_PREFIX);
            buf[17..19].copy_from_slice(b"0x");
            write_hex_into(left, &mut buf[19..83]);
            buf[83..85].copy_from_slice(b"0x");
            write_hex_into(right, &mut buf[85..149]);
            hash_once(&buf)
        }
        NodeEncoding::Hex => {
            let mut buf = [0u8; 145];
            buf[..17].copy_from_slice(NODE_PREFIX);
            write_hex_into(left, &mut buf[17..81]);
            write_hex_into(right, &mut buf[81..145]);
            hash_once(&buf)
        }
    }
}

fn write_hex_into(h: &Hash32, out: &mut [u8]) {
    let mut digits = [0u8; 64];
    h.write_hex(&mut digits);
    out.copy_from_slice(&digits);
}

fn hash_once(data: &[u8]) -> Hash32 {
    crate::keccak256(data)
}

pub(crate) fn finish(k: Keccak256) -> Hash32 {
    let mut out = [0u8; 32];
    out.copy_from_slice(&k.finalize());
    Hash32(out)
}
