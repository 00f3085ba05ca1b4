//! Leaf and internal-node hashes with their domain prefixes.

use crate::hashing::keccak::{ITEM_PREFIX, NODE_PREFIX};
use crate::hashing::sponge::{
    BufferedKeccak256, Keccak256, RATE, State, hash_padded, hash_prefixed_pair, lanes_of, pad_template,
    prefixed_pair_state,
};
use crate::{Hash32, NodeEncoding};

/// Item (leaf) hash of an already canonical JSON text:
/// `keccak256("pacspace:item:v1:" || canonical)`.
///
/// The caller vouches that `canonical` is canonical; see
/// `canonical_json` (feature `alloc`) or [`crate::DeltaItem`] to produce it.
///
/// ```
/// let h = pacspace_proof::hashing::item_hash_canonical(br#"{"a":1}"#);
/// assert_eq!(h, pacspace_proof::keccak256(br#"pacspace:item:v1:{"a":1}"#));
/// ```
pub fn item_hash_canonical(canonical: &[u8]) -> Hash32 {
    let mut k = item_state();
    k.update(canonical);
    k.finalize()
}

/// A hasher that has absorbed the item prefix (a copy of a constant state).
pub(crate) fn item_state() -> Keccak256 {
    const ITEM_STATE: Keccak256 = {
        let mut k = Keccak256::new();
        k.prefill(ITEM_PREFIX);
        k
    };
    ITEM_STATE
}

/// A buffered hasher that has absorbed the item prefix, for token-by-token
/// writers (a copy of a constant).
pub(crate) fn item_sink_state() -> BufferedKeccak256 {
    const ITEM_SINK: BufferedKeccak256 = {
        let mut k = BufferedKeccak256::new();
        k.prefill(ITEM_PREFIX);
        k
    };
    ITEM_SINK
}

/// Message lengths of a node under each encoding.
const BYTES_LEN: usize = 17 + 32 + 32;
const HEX_LEN: usize = 17 + 64 + 64;
const HEX0X_LEN: usize = 17 + 2 + 64 + 2 + 64;

/// `bytes`: prefix, 64 bytes of children, padding, in one rate block.
const BYTES_TEMPLATE: [u8; RATE] = pad_template(with_prefix([0; RATE], &[]), BYTES_LEN);
/// `bytes` as the state it leaves before the permutation: the prefix
/// absorbed once, at compile time.
const BYTES_STATE: State = lanes_of(&BYTES_TEMPLATE);
/// `hex`: prefix, 128 hex digits, padding, in two rate blocks.
const HEX_TEMPLATE: [u8; 2 * RATE] = pad_template(with_prefix([0; 2 * RATE], &[]), HEX_LEN);
/// `hex0x`: prefix, `0x` + 64 digits twice, padding, in two rate blocks.
const HEX0X_TEMPLATE: [u8; 2 * RATE] = pad_template(
    with_prefix([0; 2 * RATE], &[(17, *b"0x"), (83, *b"0x")]),
    HEX0X_LEN,
);

/// Writes the node prefix at 0 and each two-byte marker at its offset.
/// Evaluated only in the constants above: an index out of range is a build
/// error, never a run-time panic.
#[allow(clippy::indexing_slicing)]
const fn with_prefix<const N: usize>(mut buf: [u8; N], markers: &[(usize, [u8; 2])]) -> [u8; N] {
    let mut i = 0;
    while i < NODE_PREFIX.len() {
        buf[i] = NODE_PREFIX[i];
        i += 1;
    }
    let mut m = 0;
    while m < markers.len() {
        let (at, pair) = markers[m];
        buf[at] = pair[0];
        buf[at + 1] = pair[1];
        m += 1;
    }
    buf
}

/// Internal node hash of `left` and `right` under `encoding`, without heap
/// allocation. `bytes` (one permutation) starts from a compile-time state
/// that already holds the prefix and the padding and XORs the children into
/// its lanes; the hex forms (two permutations) fill a stack copy of a
/// compile-time template holding the prefix, the `0x` markers and the
/// padding, and absorb it in whole blocks.
///
/// ```
/// use pacspace_proof::{keccak256, Hash32, NodeEncoding};
/// use pacspace_proof::hashing::node_hash;
/// let (a, b) = (Hash32::from_bytes([0x11; 32]), Hash32::from_bytes([0x22; 32]));
/// let mut bytes = b"pacspace:node:v1:".to_vec();
/// bytes.extend_from_slice(a.as_bytes());
/// bytes.extend_from_slice(b.as_bytes());
/// assert_eq!(node_hash(NodeEncoding::Bytes, &a, &b), keccak256(&bytes));
/// let text = format!("pacspace:node:v1:{a}{b}");
/// assert_eq!(node_hash(NodeEncoding::Hex0x, &a, &b), keccak256(text.as_bytes()));
/// ```
#[inline]
pub fn node_hash(encoding: NodeEncoding, left: &Hash32, right: &Hash32) -> Hash32 {
    match encoding {
        NodeEncoding::Bytes => hash_prefixed_pair(&BYTES_STATE, &left.0, &right.0),
        NodeEncoding::Hex0x => {
            let mut buf = HEX0X_TEMPLATE;
            write_hex_into(left, &mut buf[19..83]);
            write_hex_into(right, &mut buf[85..149]);
            hash_padded(&buf)
        }
        NodeEncoding::Hex => {
            let mut buf = HEX_TEMPLATE;
            write_hex_into(left, &mut buf[17..81]);
            write_hex_into(right, &mut buf[81..145]);
            hash_padded(&buf)
        }
    }
}

/// The state a `bytes` node leaves before its one permutation: prefix,
/// children and padding absorbed (for the multi-lane joins).
#[inline]
pub(crate) fn bytes_node_state(left: &Hash32, right: &Hash32) -> State {
    prefixed_pair_state(&BYTES_STATE, &left.0, &right.0)
}

/// The two padded rate blocks of a `hex0x` or `hex` node (for `bytes`,
/// which fits one block, the `hex` layout; callers use
/// [`bytes_node_state`]).
#[inline]
pub(crate) fn hex_node_blocks(encoding: NodeEncoding, left: &Hash32, right: &Hash32) -> [u8; 2 * RATE] {
    match encoding {
        NodeEncoding::Hex0x => {
            let mut buf = HEX0X_TEMPLATE;
            write_hex_into(left, &mut buf[19..83]);
            write_hex_into(right, &mut buf[85..149]);
            buf
        }
        NodeEncoding::Hex | NodeEncoding::Bytes => {
            let mut buf = HEX_TEMPLATE;
            write_hex_into(left, &mut buf[17..81]);
            write_hex_into(right, &mut buf[81..145]);
            buf
        }
    }
}

#[inline]
fn write_hex_into(h: &Hash32, out: &mut [u8]) {
    if let Ok(digits) = <&mut [u8; 64]>::try_from(out) {
        h.write_hex(digits);
    }
}

#[cfg(all(test, feature = "std"))]
mod tests {
    use super::*;
    use std::format;

    #[test]
    fn templates_match_the_plain_concatenation() {
        let pairs = [
            (Hash32::ZERO, Hash32::ZERO),
            (Hash32([0xff; 32]), Hash32([0x0f; 32])),
            (crate::keccak256(b"l"), crate::keccak256(b"r")),
        ];
        for (l, r) in pairs {
            let mut bytes = NODE_PREFIX.to_vec();
            bytes.extend_from_slice(&l.0);
            bytes.extend_from_slice(&r.0);
            assert_eq!(node_hash(NodeEncoding::Bytes, &l, &r), crate::keccak256(&bytes));
            let hex0x = format!("pacspace:node:v1:{l}{r}");
            assert_eq!(
                node_hash(NodeEncoding::Hex0x, &l, &r),
                crate::keccak256(hex0x.as_bytes())
            );
            let hex = hex0x.replace("0x", "");
            assert_eq!(hex.len(), HEX_LEN);
            assert_eq!(
                node_hash(NodeEncoding::Hex, &l, &r),
                crate::keccak256(hex.as_bytes())
            );
        }
    }
}
