//! Roots cached per distinct batch. Every `delta.verified` webhook of a batch
//! carries the whole batch's `itemHashes`, so an export repeats the same list
//! once per delta: the list is decoded and its root computed once, then
//! recognised by its text (compared byte for byte, never by a digest alone).

use crate::{Hash32, NodeEncoding, items_root};
use alloc::sync::Arc;
use alloc::vec::Vec;

/// Batches remembered by default (most exports list a batch's webhooks together).
const SLOTS: usize = 64;

/// How a claimed root compares with the root recomputed from a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RootEval {
    /// The list is empty.
    Empty,
    /// One item: the root is the item itself, whatever the encoding.
    Single {
        /// Whether the claimed root is that item.
        equal: bool,
        /// The item.
        computed: Hash32,
    },
    /// Two or more items and this encoding reproduces the claimed root.
    Matched(NodeEncoding),
    /// Two or more items and no encoding reproduces it: the root under each
    /// encoding, in [`NodeEncoding::ALL`] order.
    Mismatch([Hash32; 3]),
}

impl RootEval {
    /// The recomputed root under `encoding` for a mismatch or a single item.
    pub(crate) fn computed(&self, encoding: NodeEncoding) -> Hash32 {
        match self {
            RootEval::Empty => Hash32::ZERO,
            RootEval::Single { computed, .. } => *computed,
            RootEval::Matched(_) => Hash32::ZERO,
            RootEval::Mismatch(roots) => {
                let i = NodeEncoding::ALL.iter().position(|&e| e == encoding).unwrap_or(0);
                roots.get(i).copied().unwrap_or_default()
            }
        }
    }
}

/// One batch: its item hashes and its root under each encoding, computed
/// when first asked for.
#[derive(Debug, Clone)]
pub(crate) struct Batch {
    pub(crate) leaves: Arc<[Hash32]>,
    roots: [Option<Hash32>; 3],
}

impl Batch {
    pub(crate) fn new(leaves: Arc<[Hash32]>) -> Self {
        Batch {
            leaves,
            roots: [None; 3],
        }
    }

    fn root(&mut self, encoding: NodeEncoding) -> Hash32 {
        let i = NodeEncoding::ALL.iter().position(|&e| e == encoding).unwrap_or(0);
        match self.roots.get(i).copied().flatten() {
            Some(r) => r,
            None => {
                let r = items_root(&self.leaves, encoding);
                if let Some(slot) = self.roots.get_mut(i) {
                    *slot = Some(r);
                }
                r
            }
        }
    }

    /// Compares `claimed` with the root, trying `hint` first (the export's
    /// encoding once known), then the others.
    pub(crate) fn evaluate(&mut self, claimed: &Hash32, hint: Option<NodeEncoding>) -> RootEval {
        match &*self.leaves {
            [] => return RootEval::Empty,
            [only] => {
                return RootEval::Single {
                    equal: only == claimed,
                    computed: *only,
                };
            }
            _ => {}
        }
        if let Some(e) = hint {
            if self.root(e) == *claimed {
                return RootEval::Matched(e);
            }
        }
        for e in NodeEncoding::ALL {
            if Some(e) != hint && self.root(e) == *claimed {
                return RootEval::Matched(e);
            }
        }
        RootEval::Mismatch(NodeEncoding::ALL.map(|e| self.root(e)))
    }
}

#[derive(Debug, Clone)]
struct Slot {
    key: Vec<u8>,
    batch: Batch,
}

/// A small cache of batches keyed by the exact text (or bytes) of their item
/// hash list.
#[derive(Debug, Clone, Default)]
pub(crate) struct RootCache {
    /// Slot count (0: [`SLOTS`]).
    capacity: usize,
    slots: Vec<Option<Slot>>,
    spare: Option<Slot>,
    hits: u64,
    misses: u64,
}

/// FNV-1a over the length and both ends of the key: picks a slot; the key
/// itself is always compared in full.
fn slot_of(key: &[u8], slots: usize) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ key.len() as u64;
    let head = key.get(..80).unwrap_or(key);
    let tail = key.get(key.len().saturating_sub(80)..).unwrap_or(key);
    for &b in head.iter().chain(tail) {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    (h % slots.max(1) as u64) as usize
}

impl RootCache {
    /// A cache of `slots` batches.
    pub(crate) fn with_slots(slots: usize) -> Self {
        RootCache {
            capacity: slots.max(1),
            ..Default::default()
        }
    }

    /// The batch whose list has this `key`, decoded by `decode` on a miss.
    pub(crate) fn get_or_insert<E>(
        &mut self,
        key: &[u8],
        decode: impl FnOnce() -> Result<Vec<Hash32>, E>,
    ) -> Result<&mut Batch, E> {
        let n = if self.capacity == 0 { SLOTS } else { self.capacity };
        if self.slots.len() != n {
            self.slots.resize_with(n, || None);
        }
        let target = match self.slots.get_mut(slot_of(key, n)) {
            Some(slot) => slot,
            // slot_of is below n: not reached.
            None => &mut self.spare,
        };
        if matches!(target, Some(s) if s.key == key) {
            self.hits += 1;
        } else {
            self.misses += 1;
            let leaves: Arc<[Hash32]> = decode()?.into();
            *target = Some(Slot {
                key: key.to_vec(),
                batch: Batch::new(leaves),
            });
        }
        // Filled just above: the closure never runs.
        let slot = target.get_or_insert_with(|| Slot {
            key: Vec::new(),
            batch: Batch::new(Arc::from(Vec::new())),
        });
        Ok(&mut slot.batch)
    }

    /// `(hits, misses)` so far.
    pub(crate) fn stats(&self) -> (u64, u64) {
        (self.hits, self.misses)
    }
}

/// One root cache per rayon thread (and one for threads outside the pool).
#[cfg(feature = "parallel")]
pub(crate) struct ThreadCaches(Vec<std::sync::Mutex<RootCache>>);

#[cfg(feature = "parallel")]
impl ThreadCaches {
    /// Caches of `slots` batches each.
    pub(crate) fn new(slots: usize) -> Self {
        let n = rayon::current_num_threads() + 1;
        ThreadCaches(
            (0..n)
                .map(|_| std::sync::Mutex::new(RootCache::with_slots(slots)))
                .collect(),
        )
    }

    /// Runs `f` with the calling thread's cache.
    pub(crate) fn with<T>(&self, f: impl FnOnce(&mut RootCache) -> T) -> T {
        let i = rayon::current_thread_index().unwrap_or(self.0.len().saturating_sub(1));
        match self.0.get(i).map(std::sync::Mutex::lock) {
            Some(Ok(mut cache)) => f(&mut cache),
            // A poisoned or missing cache: work without one.
            _ => f(&mut RootCache::with_slots(1)),
        }
    }

    /// `(hits, misses)` over every thread.
    pub(crate) fn stats(&self) -> (u64, u64) {
        self.0
            .iter()
            .filter_map(|m| m.lock().ok().map(|c| c.stats()))
            .fold((0, 0), |(h, m), (a, b)| (h + a, m + b))
    }
}

/// The key of a list already decoded: its bytes.
pub(crate) fn leaves_key(leaves: &[Hash32]) -> Vec<u8> {
    leaves.iter().flat_map(|h| h.0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_are_computed_once_per_list() {
        let leaves: Vec<Hash32> = (0u8..5).map(|i| Hash32([i; 32])).collect();
        let root = items_root(&leaves, NodeEncoding::Bytes);
        let mut cache = RootCache::default();
        for _ in 0..3 {
            let b = cache
                .get_or_insert(b"key", || Ok::<_, ()>(leaves.clone()))
                .unwrap();
            assert_eq!(b.evaluate(&root, None), RootEval::Matched(NodeEncoding::Bytes));
        }
        assert_eq!(cache.stats(), (2, 1));
        let b = cache.get_or_insert(b"key", || Err(())).unwrap();
        match b.evaluate(&Hash32::ZERO, Some(NodeEncoding::Hex)) {
            RootEval::Mismatch(r) => assert_eq!(r[2], root),
            other => panic!("{other:?}"),
        }
        assert!(cache.get_or_insert(b"other", || Err(())).is_err());
    }
}
