//! Every root the receipts name: whether its item list was seen and
//! recomputes to it, and whether the service confirmed its verification.
//! A delta is verified when a root that holds it is both.

use super::store::NONE;
use crate::Hash32;
use std::collections::HashMap;
use std::vec::Vec;

/// One root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RootEntry {
    pub(crate) hash: Hash32,
    /// An item list recomputed to this root (and its items were matched).
    pub(crate) recomputed: bool,
    /// A delta.verified webhook, a VERIFIED / ANCHORED status or a verify answer names it.
    pub(crate) confirmed: bool,
    /// Items in the list (when recomputed).
    pub(crate) leaves: u32,
    /// Of which submitted deltas.
    pub(crate) ours: u32,
}

/// The roots, numbered in order of first mention, and which deltas each holds.
#[derive(Debug, Default)]
pub(crate) struct Roots {
    ids: HashMap<Hash32, u32>,
    pub(crate) entries: Vec<RootEntry>,
    /// Further roots of a delta whose record already names one.
    more: HashMap<u32, Vec<u32>>,
}

impl Roots {
    /// The root's number, added when new.
    pub(crate) fn id(&mut self, hash: Hash32) -> u32 {
        if let Some(&id) = self.ids.get(&hash) {
            return id;
        }
        let id = u32::try_from(self.entries.len()).unwrap_or(NONE);
        self.entries.push(RootEntry {
            hash,
            recomputed: false,
            confirmed: false,
            leaves: 0,
            ours: 0,
        });
        self.ids.insert(hash, id);
        id
    }

    pub(crate) fn get(&self, id: u32) -> Option<&RootEntry> {
        self.entries.get(id as usize)
    }

    pub(crate) fn get_mut(&mut self, id: u32) -> Option<&mut RootEntry> {
        self.entries.get_mut(id as usize)
    }

    pub(crate) fn find(&self, hash: &Hash32) -> Option<u32> {
        self.ids.get(hash).copied()
    }

    /// Records that delta `delta` (whose record names `first`) is in root `id`.
    pub(crate) fn link(&mut self, first: &mut u32, delta: u32, id: u32) {
        if *first == NONE {
            *first = id;
        } else if *first != id {
            let more = self.more.entry(delta).or_default();
            if !more.contains(&id) {
                more.push(id);
            }
        }
    }

    /// Every root holding the delta whose record names `first`.
    pub(crate) fn of(&self, first: u32, delta: u32) -> impl Iterator<Item = u32> + '_ {
        (first != NONE)
            .then_some(first)
            .into_iter()
            .chain(self.more.get(&delta).into_iter().flatten().copied())
    }
}
