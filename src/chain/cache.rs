//! Roots cached per distinct batch. Every `delta.verified` webhook of a batch
//! carries the whole batch's `itemHashes`, so an export repeats the same list
//! once per delta: the list is decoded and its root computed once, then
//! recognised by its text (compared byte for byte, never by a digest alone).

use crate::{Hash32, NodeEncoding, items_root};
#[cfg(feature = "std")]
use alloc::string::String;
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

    pub(crate) fn root(&mut self, encoding: NodeEncoding) -> Hash32 {
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

    /// The root under `encoding`: remembered if computed, else computed now (and not kept).
    #[cfg_attr(not(feature = "std"), allow(dead_code))]
    fn root_ref(&self, encoding: NodeEncoding) -> Hash32 {
        let i = NodeEncoding::ALL.iter().position(|&e| e == encoding).unwrap_or(0);
        self.roots
            .get(i)
            .copied()
            .flatten()
            .unwrap_or_else(|| items_root(&self.leaves, encoding))
    }

    /// The verdict of a batch of zero or one item, which has no node to
    /// hash under any encoding; `None` for two items or more.
    fn without_nodes(&self, claimed: &Hash32) -> Option<RootEval> {
        match &*self.leaves {
            [] => Some(RootEval::Empty),
            [only] => Some(RootEval::Single {
                equal: only == claimed,
                computed: *only,
            }),
            _ => None,
        }
    }

    /// [`Batch::evaluate`] without remembering: for a batch shared between
    /// threads whose usual root was computed when it was decoded.
    #[cfg_attr(not(feature = "std"), allow(dead_code))]
    pub(crate) fn evaluate_ref(&self, claimed: &Hash32, hint: Option<NodeEncoding>) -> RootEval {
        if let Some(eval) = self.without_nodes(claimed) {
            return eval;
        }
        let order = hint
            .into_iter()
            .chain(NodeEncoding::ALL.into_iter().filter(|&e| Some(e) != hint));
        for e in order {
            if self.root_ref(e) == *claimed {
                return RootEval::Matched(e);
            }
        }
        RootEval::Mismatch(NodeEncoding::ALL.map(|e| self.root_ref(e)))
    }

    /// Compares `claimed` with the root, trying `hint` first (the export's
    /// encoding once known), then the others.
    pub(crate) fn evaluate(&mut self, claimed: &Hash32, hint: Option<NodeEncoding>) -> RootEval {
        if let Some(eval) = self.without_nodes(claimed) {
            return eval;
        }
        if let Some(e) = hint
            && self.root(e) == *claimed
        {
            return RootEval::Matched(e);
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
    #[cfg_attr(not(feature = "std"), allow(dead_code))]
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
    #[cfg_attr(not(feature = "std"), allow(dead_code))]
    pub(crate) fn stats(&self) -> (u64, u64) {
        (self.hits, self.misses)
    }
}

/// The item lists of one chunk of lines: each run of consecutive lines
/// carrying the same list (the webhooks of one batch) shares one [`Batch`],
/// decoded and hashed once (on rayon's threads with `parallel`); the last
/// batch is carried to the next chunk.
#[cfg(feature = "std")]
#[derive(Debug, Default)]
pub(crate) struct ChunkLists {
    of_line: Vec<usize>,
    batches: Vec<Result<Batch, String>>,
    /// Lists decoded and hashed here.
    pub(crate) decoded: u64,
    /// Lines whose list was decoded for another line.
    pub(crate) reused: u64,
}

/// The batch carried from one chunk to the next: its list's text and itself.
#[cfg(feature = "std")]
pub(crate) type Carried = Option<(String, Batch)>;

#[cfg(feature = "std")]
impl ChunkLists {
    /// `keys[i]`: line i's raw list text and its claimed root (None: no list).
    pub(crate) fn new(
        keys: &[Option<(&str, Option<Hash32>)>],
        carried: &mut Carried,
        hint: Option<NodeEncoding>,
    ) -> Self {
        let mut of_line = Vec::with_capacity(keys.len());
        let mut distinct: Vec<(&str, Option<Hash32>)> = Vec::new();
        for key in keys {
            match key {
                None => of_line.push(usize::MAX),
                Some((text, claimed)) => {
                    if distinct.last().is_none_or(|(last, _)| last != text) {
                        distinct.push((text, *claimed));
                    }
                    of_line.push(distinct.len() - 1);
                }
            }
        }
        let carry = &*carried;
        let make = |&(text, claimed): &(&str, Option<Hash32>)| -> Result<Batch, String> {
            if let Some((key, batch)) = carry
                && key == text
            {
                return Ok(batch.clone());
            }
            let leaves: Vec<Hash32> =
                serde_json::from_str(text).map_err(|e| alloc::string::ToString::to_string(&e))?;
            let mut batch = Batch::new(leaves.into());
            match claimed {
                Some(c) => {
                    batch.evaluate(&c, hint);
                }
                None => {
                    batch.root(hint.unwrap_or_default());
                }
            }
            Ok(batch)
        };
        // A few lists are decoded faster here than handed to other threads.
        #[cfg(feature = "parallel")]
        let batches: Vec<Result<Batch, String>> = if distinct.len() >= 4 {
            use rayon::prelude::*;
            distinct.par_iter().map(make).collect()
        } else {
            distinct.iter().map(make).collect()
        };
        #[cfg(not(feature = "parallel"))]
        let batches: Vec<Result<Batch, String>> = distinct.iter().map(make).collect();
        let carried_first = matches!((carry, distinct.first()), (Some((k, _)), Some((t, _))) if k == t);
        let decoded = distinct.len() as u64 - u64::from(carried_first);
        let lines = keys.iter().filter(|k| k.is_some()).count() as u64;
        if let (Some((text, _)), Some(Ok(batch))) = (distinct.last(), batches.last()) {
            *carried = Some((alloc::string::ToString::to_string(*text), batch.clone()));
        }
        ChunkLists {
            of_line,
            batches,
            decoded,
            reused: lines - decoded,
        }
    }

    /// The batch of line `i` (None: the line carries no list).
    pub(crate) fn get(&self, i: usize) -> Option<&Result<Batch, String>> {
        self.batches.get(*self.of_line.get(i)?)
    }
}

/// The key of a list already decoded: its bytes, after a byte (0xff) that
/// no list text holds (texts are UTF-8), so that the two kinds of key never meet.
pub(crate) fn leaves_key(leaves: &[Hash32]) -> Vec<u8> {
    core::iter::once(0xff)
        .chain(leaves.iter().flat_map(|h| h.0))
        .collect()
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
