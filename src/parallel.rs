//! Multi-threaded root and leaf hashing of large batches (feature `parallel`,
//! rayon's global pool). Results are identical to the single-threaded
//! functions; below [`PARALLEL_THRESHOLD`] leaves they simply call them.
//!
//! The root splits the leaves into `2^k`-leaf chunks aligned on multiples of
//! `2^k`. Such a chunk is a subtree of the whole tree: its node at height `k`
//! is computed by one thread (self-joined up to height `k` when it is the
//! short last chunk, as the odd-level rule does in the whole tree), and the
//! chunk nodes are then reduced like any level.

use crate::canonical::{CanonicalError, NumberError};
use crate::hashing::bulk;
use crate::tree::root::root_at_height;
use crate::{DeltaItem, Hash32, ItemMapping, NodeEncoding};
use alloc::vec::Vec;
use rayon::prelude::*;

/// One item of a batch failed to hash (see [`crate::hashing::bulk`]).
pub use crate::hashing::bulk::ItemFailure;

/// Leaf counts from which [`items_root`] uses more than one thread.
pub const PARALLEL_THRESHOLD: usize = 4096;

/// Smallest chunk one task reduces (leaves).
const MIN_CHUNK: usize = 1024;

/// Chunks per thread, so that a slow or shared core does not hold back the rest.
const CHUNKS_PER_THREAD: usize = 4;

/// The itemsRoot of `leaves`, equal to [`crate::items_root`], with the
/// subtrees hashed on rayon's threads.
///
/// ```
/// use pacspace_proof::{items_root, keccak256, Hash32, NodeEncoding};
/// use pacspace_proof::parallel;
/// let leaves: Vec<Hash32> = (0u32..10_000).map(|i| keccak256(&i.to_be_bytes())).collect();
/// assert_eq!(parallel::items_root(&leaves, NodeEncoding::Bytes), items_root(&leaves, NodeEncoding::Bytes));
/// ```
pub fn items_root(leaves: &[Hash32], encoding: NodeEncoding) -> Hash32 {
    if leaves.len() < PARALLEL_THRESHOLD {
        return crate::items_root(leaves, encoding);
    }
    let chunk = chunk_len(leaves.len(), rayon::current_num_threads());
    let height = chunk.trailing_zeros();
    let nodes: Vec<Hash32> = leaves
        .par_chunks(chunk)
        .map(|part| root_at_height(part, encoding, height))
        .collect();
    crate::items_root(&nodes, encoding)
}

/// A power of two, at least [`MIN_CHUNK`], giving about
/// [`CHUNKS_PER_THREAD`] chunks per thread and at least two chunks for
/// `n >= PARALLEL_THRESHOLD`.
fn chunk_len(n: usize, threads: usize) -> usize {
    let per_chunk = n / threads.max(1).saturating_mul(CHUNKS_PER_THREAD).max(1);
    let pow = match per_chunk.checked_ilog2() {
        Some(bits) => 1usize << bits,
        None => 1,
    };
    pow.max(MIN_CHUNK)
}

/// Items one task hashes (side by side in groups of 8 where the CPU allows).
const ITEM_CHUNK: usize = 4096;

/// Item hashes of JSON items (as [`crate::item_hash`]), in order, computed on
/// rayon's threads, each thread hashing its items in bulk
/// ([`crate::hashing::bulk`]). On failure, names the first failing item.
///
/// ```
/// use pacspace_proof::item_hash;
/// use pacspace_proof::parallel;
/// let items: Vec<serde_json::Value> = (0..3).map(|i| serde_json::json!({"i": i})).collect();
/// let hashes = parallel::item_hashes(&items).unwrap();
/// assert_eq!(hashes[2], item_hash(&items[2]).unwrap());
/// ```
pub fn item_hashes(items: &[serde_json::Value]) -> Result<Vec<Hash32>, ItemFailure<CanonicalError>> {
    in_chunks(items, bulk::json_item_hashes)
}

/// Item hashes of typed deltas under `mapping` (as [`DeltaItem::item_hash`]),
/// in order, computed on rayon's threads, each thread hashing its items in
/// bulk ([`crate::hashing::bulk`]). On failure, names the first failing item.
///
/// ```
/// use pacspace_proof::{DeltaItem, ItemMapping};
/// use pacspace_proof::parallel;
/// let d = DeltaItem { customer_id: "c", amount: 1.5, reason: "r", reference_id: None, metadata: None };
/// let hashes = parallel::delta_item_hashes(&[d, d], ItemMapping::default()).unwrap();
/// assert_eq!(hashes, [d.item_hash(ItemMapping::default()).unwrap(); 2]);
/// let bad = DeltaItem { amount: f64::NAN, ..d };
/// assert_eq!(parallel::delta_item_hashes(&[d, bad], ItemMapping::default()).unwrap_err().index, 1);
/// ```
pub fn delta_item_hashes(
    items: &[DeltaItem<'_>],
    mapping: ItemMapping,
) -> Result<Vec<Hash32>, ItemFailure<NumberError>> {
    in_chunks(items, |chunk| bulk::delta_item_hashes(chunk, mapping))
}

/// `hash` over chunks of [`ITEM_CHUNK`] items on rayon's threads, the
/// results joined in order; a failure's index counts from the first item.
fn in_chunks<T: Sync, E: Send>(
    items: &[T],
    hash: impl Fn(&[T]) -> Result<Vec<Hash32>, ItemFailure<E>> + Sync,
) -> Result<Vec<Hash32>, ItemFailure<E>> {
    let parts: Vec<Result<Vec<Hash32>, ItemFailure<E>>> = items.par_chunks(ITEM_CHUNK).map(&hash).collect();
    let mut out = Vec::with_capacity(items.len());
    for (chunk, part) in parts.into_iter().enumerate() {
        match part {
            Ok(hashes) => out.extend(hashes),
            Err(ItemFailure { index, error }) => {
                return Err(ItemFailure {
                    index: chunk * ITEM_CHUNK + index,
                    error,
                });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_powers_of_two_and_at_least_two() {
        for n in [
            PARALLEL_THRESHOLD,
            PARALLEL_THRESHOLD + 1,
            65_536,
            1 << 20,
            3_000_001,
        ] {
            for threads in [1, 2, 3, 8, 64] {
                let c = chunk_len(n, threads);
                assert!(c.is_power_of_two() && c >= MIN_CHUNK, "n {n} t {threads} c {c}");
                assert!(n.div_ceil(c) >= 2, "n {n} t {threads} c {c}");
            }
        }
    }
}
