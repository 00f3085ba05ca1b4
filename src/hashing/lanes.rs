//! Node hashes several at a time: the pairs of one tree level joined 4 or 8
//! side by side on the multi-lane Keccak-f\[1600\] of
//! `pacspace-keccak-lanes` (AVX2, AVX-512), one pair at a time on the
//! scalar path.
//!
//! The messages are the ones [`node_hash`] hashes, laid out the same way:
//! `bytes` starts from the compile-time state holding the prefix and the
//! padding (one permutation per group), the hex forms from the padded
//! two-block templates (two). Only the permutations run side by side, so
//! the digests are those of [`node_hash`] bit for bit on every path.

use crate::hashing::node::{bytes_node_state, hex_node_blocks};
use crate::hashing::sponge::{RATE, State, squeeze, xor_block};
use crate::{Hash32, NodeEncoding, node_hash};
use pacspace_keccak_lanes::{f1600_batch, preferred_lanes};

/// Pairs joined in one multi-lane group (the widest backend's lane count).
pub(crate) const GROUP_PAIRS: usize = 8;

/// Joins one level: `parents[i]` becomes the node over `children[2i]` and
/// `children[2i + 1]`, or over `children[2i]` twice for an odd last child
/// (the tree's odd-level rule). Returns how many parents were written:
/// `children.len()` halved and rounded up, or fewer if `parents` is
/// shorter. No allocation.
///
/// Groups of 8 pairs (4 on AVX2 as two sets) run side by side when the
/// selected Keccak path has lanes; a single pair, and every pair on the
/// scalar path, is one [`node_hash`].
///
/// ```
/// use pacspace_proof::hashing::{join_level, node_hash};
/// use pacspace_proof::{Hash32, NodeEncoding};
/// let children: Vec<Hash32> = (0u8..5).map(|i| Hash32::from_bytes([i; 32])).collect();
/// let mut parents = [Hash32::ZERO; 3];
/// assert_eq!(join_level(NodeEncoding::Hex0x, &children, &mut parents), 3);
/// assert_eq!(parents[1], node_hash(NodeEncoding::Hex0x, &children[2], &children[3]));
/// assert_eq!(parents[2], node_hash(NodeEncoding::Hex0x, &children[4], &children[4]));
/// ```
pub fn join_level(encoding: NodeEncoding, children: &[Hash32], parents: &mut [Hash32]) -> usize {
    let count = children.len().div_ceil(2).min(parents.len());
    let parents = parents.get_mut(..count).unwrap_or_default();
    if !side_by_side(count) {
        for (parent, pair) in parents.iter_mut().zip(children.chunks(2)) {
            *parent = join_pair(encoding, pair);
        }
    } else {
        for (out, pairs) in parents
            .chunks_mut(GROUP_PAIRS)
            .zip(children.chunks(2 * GROUP_PAIRS))
        {
            join_group(encoding, pairs, out);
        }
    }
    count
}

/// Whether `n` messages are hashed side by side on the selected path, or
/// one by one: with 8 lanes (AVX-512, whose 4-lane form costs about 0.8
/// of one scalar permutation) from 2 on, with 4 (AVX2: about 1.3, plus
/// the transposition) from 3 on, never on the scalar path.
pub(crate) fn side_by_side(n: usize) -> bool {
    match preferred_lanes() {
        8.. => n >= 2,
        4.. => n >= 3,
        _ => false,
    }
}

/// The node over a pair, or over a lone child twice.
#[inline]
fn join_pair(encoding: NodeEncoding, pair: &[Hash32]) -> Hash32 {
    match pair {
        [l, r, ..] => node_hash(encoding, l, r),
        [l] => node_hash(encoding, l, l),
        [] => Hash32::ZERO,
    }
}

/// Joins up to [`GROUP_PAIRS`] pairs (`children` up to twice that, the
/// last one joined with itself when their number is odd) into `out`, the
/// permutations side by side.
fn join_group(encoding: NodeEncoding, children: &[Hash32], out: &mut [Hash32]) {
    let pairs = children.len().div_ceil(2).min(out.len()).min(GROUP_PAIRS);
    if !side_by_side(pairs) {
        for (slot, pair) in out.iter_mut().zip(children.chunks(2)) {
            *slot = join_pair(encoding, pair);
        }
        return;
    }
    let mut states: [State; GROUP_PAIRS] = [[0; 25]; GROUP_PAIRS];
    let states = states.get_mut(..pairs).unwrap_or_default();
    let pair_of = |pair: &[Hash32]| match pair {
        [l, r, ..] => (*l, *r),
        [l] => (*l, *l),
        [] => (Hash32::ZERO, Hash32::ZERO),
    };
    match encoding {
        NodeEncoding::Bytes => {
            for (state, pair) in states.iter_mut().zip(children.chunks(2)) {
                let (l, r) = pair_of(pair);
                *state = bytes_node_state(&l, &r);
            }
            f1600_batch(states);
        }
        NodeEncoding::Hex0x | NodeEncoding::Hex => {
            let mut second = [[0u8; RATE]; GROUP_PAIRS];
            for ((state, pair), tail) in states.iter_mut().zip(children.chunks(2)).zip(&mut second) {
                let (l, r) = pair_of(pair);
                let blocks = hex_node_blocks(encoding, &l, &r);
                let ([first, last], _) = blocks.as_chunks::<RATE>() else {
                    continue;
                };
                xor_block(state, first);
                *tail = *last;
            }
            f1600_batch(states);
            for (state, tail) in states.iter_mut().zip(&second) {
                xor_block(state, tail);
            }
            f1600_batch(states);
        }
    }
    for (slot, state) in out.iter_mut().zip(states.iter()) {
        *slot = squeeze(state);
    }
}
