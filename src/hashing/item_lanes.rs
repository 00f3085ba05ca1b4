//! Item messages laid out for the multi-lane permutation: each item's
//! `pacspace:item:v1:` + canonical text is written into a fixed buffer of
//! whole rate blocks with its padding, items needing the same number of
//! blocks wait together, and each full group of 8 is absorbed and permuted
//! side by side. A fixed pool of buffers, whatever the number of items.

use crate::Hash32;
use crate::canonical::Sink;
use crate::hashing::keccak::ITEM_PREFIX;
use crate::hashing::lanes::side_by_side;
use crate::hashing::sponge::{RATE, State, squeeze, xor_block};
use pacspace_keccak_lanes::{f1600, f1600_batch};

/// Items hashed side by side in one group.
pub(crate) const GROUP: usize = 8;

/// Rate blocks one buffer holds: items whose prefixed, padded message
/// needs more are hashed one by one.
pub(crate) const SLOT_BLOCKS: usize = 4;

/// Bytes of one buffer.
const SLOT_LEN: usize = SLOT_BLOCKS * RATE;

/// Buffers in the pool: a group per block count waiting with at most
/// `GROUP - 1` items, plus the one being written.
const POOL: usize = SLOT_BLOCKS * (GROUP - 1) + 1;

/// One item's message: prefix, canonical text, then (once sealed) padding.
/// Writing past the buffer only records that the text did not fit.
pub(crate) struct Slot {
    buf: [u8; SLOT_LEN],
    /// Bytes of prefix and text written so far.
    len: usize,
    /// The text was longer than the buffer holds.
    overflow: bool,
}

impl Slot {
    /// The prefix in place, no text. Evaluated at compile time only: an
    /// index out of range is a build error, never a run-time panic.
    #[allow(clippy::indexing_slicing)]
    const EMPTY: Slot = {
        let mut buf = [0u8; SLOT_LEN];
        let mut i = 0;
        while i < ITEM_PREFIX.len() {
            buf[i] = ITEM_PREFIX[i];
            i += 1;
        }
        Slot {
            buf,
            len: ITEM_PREFIX.len(),
            overflow: false,
        }
    };

    /// Forgets the text (the prefix stays in place).
    fn reset(&mut self) {
        self.len = ITEM_PREFIX.len();
        self.overflow = false;
    }

    /// Pads the message and returns its number of blocks, or `None` if the
    /// text did not fit (the padding byte needs room after it).
    fn seal(&mut self) -> Option<usize> {
        if self.overflow || self.len >= SLOT_LEN {
            return None;
        }
        let blocks = self.len / RATE + 1;
        let end = blocks * RATE;
        self.buf.get_mut(self.len..end)?.fill(0);
        *self.buf.get_mut(self.len)? = 0x01;
        *self.buf.get_mut(end - 1)? |= 0x80;
        Some(blocks)
    }

    /// Rate block `k` of the buffer.
    fn block(&self, k: usize) -> Option<&[u8; RATE]> {
        self.buf.as_chunks::<RATE>().0.get(k)
    }
}

impl Sink for Slot {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        match self.buf.get_mut(self.len..self.len + bytes.len()) {
            Some(dst) if !self.overflow => {
                dst.copy_from_slice(bytes);
                self.len += bytes.len();
            }
            _ => self.overflow = true,
        }
    }
}

/// Items of one block count waiting for a full group.
#[derive(Clone, Copy)]
struct Waiting {
    slots: [usize; GROUP],
    items: [usize; GROUP],
    len: usize,
}

/// What became of an item given to [`ItemLanes::push`].
pub(crate) enum Pushed<E> {
    /// Queued; its hash is written to the output when its group is hashed.
    Queued,
    /// Its text needs more than [`SLOT_BLOCKS`] blocks: the caller hashes it.
    TooLong,
    /// The writer failed; nothing was queued.
    Failed(E),
}

/// The pool of item buffers and the groups waiting in it.
pub(crate) struct ItemLanes {
    slots: [Slot; POOL],
    free: [usize; POOL],
    free_len: usize,
    waiting: [Waiting; SLOT_BLOCKS],
}

impl ItemLanes {
    /// An empty pool (about 17 KiB; callers keep it on the heap).
    pub(crate) fn new() -> Self {
        ItemLanes {
            slots: [const { Slot::EMPTY }; POOL],
            free: core::array::from_fn(|i| i),
            free_len: POOL,
            waiting: [Waiting {
                slots: [0; GROUP],
                items: [0; GROUP],
                len: 0,
            }; SLOT_BLOCKS],
        }
    }

    /// Writes item `index` with `write`, queues it with the items of its
    /// block count, and hashes that group into `out` (at the items'
    /// indices) once it is full.
    pub(crate) fn push<E>(
        &mut self,
        index: usize,
        out: &mut [Hash32],
        write: impl FnOnce(&mut Slot) -> Result<(), E>,
    ) -> Pushed<E> {
        if self.free_len == 0 {
            // Cannot happen (a full group is hashed at once); stay correct anyway.
            self.flush(out);
        }
        self.free_len -= 1;
        let Some((slot_id, slot)) = self
            .free
            .get(self.free_len)
            .and_then(|&id| Some((id, self.slots.get_mut(id)?)))
        else {
            self.free_len += 1;
            return Pushed::TooLong;
        };
        slot.reset();
        if let Err(e) = write(slot) {
            self.free_len += 1;
            return Pushed::Failed(e);
        }
        let Some(blocks) = slot.seal() else {
            self.free_len += 1;
            return Pushed::TooLong;
        };
        let Some(group) = self.waiting.get_mut(blocks - 1) else {
            self.free_len += 1;
            return Pushed::TooLong;
        };
        if let (Some(s), Some(i)) = (group.slots.get_mut(group.len), group.items.get_mut(group.len)) {
            *s = slot_id;
            *i = index;
            group.len += 1;
        }
        if group.len == GROUP {
            self.hash_group(blocks, out);
        }
        Pushed::Queued
    }

    /// Hashes every waiting item into `out`.
    pub(crate) fn flush(&mut self, out: &mut [Hash32]) {
        for blocks in 1..=SLOT_BLOCKS {
            self.hash_group(blocks, out);
        }
    }

    /// Hashes the items waiting with `blocks` blocks, side by side, writes
    /// their digests into `out` and frees their buffers.
    fn hash_group(&mut self, blocks: usize, out: &mut [Hash32]) {
        let Some(group) = self.waiting.get_mut(blocks - 1) else {
            return;
        };
        let n = group.len;
        let mut states: [State; GROUP] = [[0; 25]; GROUP];
        let states = states.get_mut(..n).unwrap_or_default();
        let together = side_by_side(n);
        for k in 0..blocks {
            for (state, &id) in states.iter_mut().zip(&group.slots) {
                if let Some(block) = self.slots.get(id).and_then(|s| s.block(k)) {
                    xor_block(state, block);
                }
            }
            if together {
                f1600_batch(states);
            } else {
                states.iter_mut().for_each(f1600);
            }
        }
        for ((state, &item), &id) in states.iter().zip(&group.items).zip(&group.slots) {
            if let Some(slot) = out.get_mut(item) {
                *slot = squeeze(state);
            }
            if let Some(f) = self.free.get_mut(self.free_len) {
                *f = id;
                self.free_len += 1;
            }
        }
        group.len = 0;
    }
}
