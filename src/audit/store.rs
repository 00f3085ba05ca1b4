//! The submitted deltas, kept compactly: one fixed-size record each (item
//! hash as 32 bytes, the amount as a double and as an exact decimal, indexes
//! of the interned customer and reason), the referenceIds in one byte arena,
//! and two open-addressing indexes of `u32` (by item hash, by customer and
//! referenceId) whose keys are checked against the records themselves.

use super::decimal::Decimal;
use crate::Hash32;
use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::string::String;
use std::sync::Arc;
use std::vec::Vec;

/// No index.
pub(crate) const NONE: u32 = u32::MAX;

/// Record flags.
pub(crate) mod flag {
    /// A receipt names this delta's referenceId with other content.
    pub const ALTERED: u8 = 1;
    /// The service reports this delta failed.
    pub const FAILED: u8 = 2;
    /// The item hash repeats an earlier delta's.
    pub const COPY: u8 = 4;
    /// The exact amount is kept in the big-decimal table.
    pub const BIG: u8 = 8;
    /// The amount has no exact decimal form here.
    pub const INEXACT: u8 = 16;
}

/// One submitted delta.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DeltaRecord {
    pub(crate) hash: Hash32,
    pub(crate) amount: f64,
    pub(crate) mantissa: i64,
    pub(crate) line: u64,
    pub(crate) ref_off: u64,
    /// Length of the referenceId in the arena; NONE: no referenceId.
    pub(crate) ref_len: u32,
    pub(crate) customer: u32,
    pub(crate) reason: u32,
    /// First root whose recomputed item list holds this delta (NONE).
    pub(crate) root: u32,
    pub(crate) scale: u16,
    pub(crate) flags: u8,
}

/// A delta read and hashed, before it is stored.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParsedDelta {
    pub(crate) line: u64,
    pub(crate) hash: Hash32,
    pub(crate) customer: String,
    pub(crate) reason: String,
    pub(crate) reference: Option<String>,
    pub(crate) amount: f64,
    pub(crate) decimal: Option<Decimal>,
}

const SEG_BITS: u32 = 16;

/// A vector in fixed segments: growing never copies what is stored.
#[derive(Debug, Default)]
struct Segmented {
    segs: Vec<Vec<DeltaRecord>>,
    len: usize,
}

impl Segmented {
    fn push(&mut self, r: DeltaRecord) {
        if self.segs.last().is_none_or(|s| s.len() == 1 << SEG_BITS) {
            self.segs.push(Vec::with_capacity(1 << SEG_BITS));
        }
        if let Some(s) = self.segs.last_mut() {
            s.push(r);
            self.len += 1;
        }
    }
    fn get(&self, i: u32) -> Option<&DeltaRecord> {
        let i = i as usize;
        self.segs.get(i >> SEG_BITS)?.get(i & ((1 << SEG_BITS) - 1))
    }
    fn get_mut(&mut self, i: u32) -> Option<&mut DeltaRecord> {
        let i = i as usize;
        self.segs
            .get_mut(i >> SEG_BITS)?
            .get_mut(i & ((1 << SEG_BITS) - 1))
    }
}

/// Strings kept once each, numbered in order of first appearance.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    ids: HashMap<Arc<str>, u32>,
    names: Vec<Arc<str>>,
}

impl Interner {
    pub(crate) fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(NONE);
        let name: Arc<str> = Arc::from(s);
        self.names.push(name.clone());
        self.ids.insert(name, id);
        id
    }
    pub(crate) fn get(&self, s: &str) -> Option<u32> {
        self.ids.get(s).copied()
    }
    pub(crate) fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", |n| n)
    }
    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }
}

/// Open addressing over record numbers; the caller says when a slot's
/// record has the key.
#[derive(Debug, Default)]
struct Table {
    slots: Vec<u32>,
    len: usize,
}

impl Table {
    fn find(&self, h: u64, is_key: impl Fn(u32) -> bool) -> Option<u32> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut i = h as usize & mask;
        loop {
            match self.slots.get(i).copied() {
                None | Some(NONE) => return None,
                Some(r) if is_key(r) => return Some(r),
                Some(_) => i = (i + 1) & mask,
            }
        }
    }
    /// Inserts `r` (not present) with hash `h`; `rehash` gives the hash of a stored record.
    fn insert(&mut self, h: u64, r: u32, rehash: impl Fn(u32) -> u64) {
        if (self.len + 1) * 2 > self.slots.len() {
            let old = core::mem::take(&mut self.slots);
            self.slots = std::vec![NONE; (old.len() * 2).max(1024)];
            self.len = 0;
            for s in old.into_iter().filter(|&s| s != NONE) {
                self.place(rehash(s), s);
            }
        }
        self.place(h, r);
    }
    fn place(&mut self, h: u64, r: u32) {
        let mask = self.slots.len().saturating_sub(1);
        let mut i = h as usize & mask;
        while let Some(slot) = self.slots.get_mut(i) {
            if *slot == NONE {
                *slot = r;
                self.len += 1;
                return;
            }
            i = (i + 1) & mask;
        }
    }
}

fn hash_key(h: &Hash32) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(h.0.get(..8).unwrap_or(&[0; 8]));
    u64::from_le_bytes(b)
}

/// What adding a delta found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Added {
    pub(crate) index: u32,
    /// The earlier delta with the same item hash.
    pub(crate) copy_of: Option<u32>,
    /// The earlier delta with the same customerId and referenceId (other content).
    pub(crate) reference_of: Option<u32>,
}

/// Every submitted delta and the indexes over them.
#[derive(Debug, Default)]
pub(crate) struct Store {
    records: Segmented,
    refs: Vec<u8>,
    pub(crate) customers: Interner,
    pub(crate) reasons: Interner,
    by_hash: Table,
    by_ref: Table,
    /// Copy → first delta with the same item hash.
    copies: HashMap<u32, u32>,
    big: HashMap<u32, Decimal>,
    keys: RandomState,
}

impl Store {
    pub(crate) fn len(&self) -> u32 {
        self.records.len as u32
    }

    pub(crate) fn add(&mut self, d: ParsedDelta) -> Option<Added> {
        let index = u32::try_from(self.records.len).ok().filter(|&i| i != NONE)?;
        let customer = self.customers.intern(&d.customer);
        let reason = self.reasons.intern(&d.reason);
        let (mut flags, mantissa, scale) = match d.decimal.map(|x| (x, x.to_compact())) {
            Some((_, Some((m, s)))) => (0, m, s),
            Some((x, None)) => {
                self.big.insert(index, x);
                (flag::BIG, 0, 0)
            }
            None => (flag::INEXACT, 0, 0),
        };
        let copy_of = self.find_hash(&d.hash);
        if copy_of.is_some() {
            flags |= flag::COPY;
        }
        let (ref_off, ref_len) = match &d.reference {
            Some(r) => {
                let off = self.refs.len() as u64;
                self.refs.extend_from_slice(r.as_bytes());
                (off, u32::try_from(r.len()).unwrap_or(NONE - 1))
            }
            None => (0, NONE),
        };
        self.records.push(DeltaRecord {
            hash: d.hash,
            amount: d.amount,
            mantissa,
            line: d.line,
            ref_off,
            ref_len,
            customer,
            reason,
            root: NONE,
            scale,
            flags,
        });
        match copy_of {
            Some(first) => {
                self.copies.insert(index, first);
            }
            None => {
                let records = &self.records;
                self.by_hash.insert(hash_key(&d.hash), index, |r| {
                    records.get(r).map_or(0, |x| hash_key(&x.hash))
                });
            }
        }
        let mut reference_of = None;
        if let Some(r) = &d.reference {
            match self.find_ref_id(customer, r) {
                Some(earlier) => reference_of = (copy_of != Some(earlier)).then_some(earlier),
                None => {
                    let h = self.ref_key(customer, r.as_bytes());
                    let (records, refs, keys) = (&self.records, &self.refs, &self.keys);
                    self.by_ref.insert(h, index, |x| {
                        records.get(x).map_or(0, |rec| {
                            let text = ref_text(refs, rec).unwrap_or_default();
                            keys.hash_one((rec.customer, text.as_bytes()))
                        })
                    });
                }
            }
        }
        Some(Added {
            index,
            copy_of,
            reference_of,
        })
    }

    fn ref_key(&self, customer: u32, reference: &[u8]) -> u64 {
        self.keys.hash_one((customer, reference))
    }

    pub(crate) fn find_hash(&self, h: &Hash32) -> Option<u32> {
        self.by_hash
            .find(hash_key(h), |r| self.records.get(r).is_some_and(|x| x.hash == *h))
    }

    fn find_ref_id(&self, customer: u32, reference: &str) -> Option<u32> {
        let h = self.ref_key(customer, reference.as_bytes());
        self.by_ref.find(h, |r| {
            self.records
                .get(r)
                .is_some_and(|x| x.customer == customer && self.reference(x) == Some(reference))
        })
    }

    /// The first delta of `customer` sent with `reference`.
    pub(crate) fn find_ref(&self, customer: &str, reference: &str) -> Option<u32> {
        self.find_ref_id(self.customers.get(customer)?, reference)
    }

    /// The first delta with the same item hash (itself when it is the first).
    pub(crate) fn first_of(&self, i: u32) -> u32 {
        self.copies.get(&i).copied().unwrap_or(i)
    }

    pub(crate) fn get(&self, i: u32) -> Option<&DeltaRecord> {
        self.records.get(i)
    }

    pub(crate) fn get_mut(&mut self, i: u32) -> Option<&mut DeltaRecord> {
        self.records.get_mut(i)
    }

    pub(crate) fn reference(&self, r: &DeltaRecord) -> Option<&str> {
        ref_text(&self.refs, r)
    }

    /// The exact amount of delta `i` (None: not representable).
    pub(crate) fn decimal(&self, i: u32) -> Option<Decimal> {
        let r = self.records.get(i)?;
        if r.flags & flag::INEXACT != 0 {
            None
        } else if r.flags & flag::BIG != 0 {
            self.big.get(&i).copied()
        } else {
            Some(Decimal::from_compact(r.mantissa, r.scale))
        }
    }

    /// Sets flag bits on delta `i`.
    pub(crate) fn mark(&mut self, i: u32, bits: u8) {
        if let Some(r) = self.records.get_mut(i) {
            r.flags |= bits;
        }
    }
}

fn ref_text<'a>(refs: &'a [u8], r: &DeltaRecord) -> Option<&'a str> {
    if r.ref_len == NONE {
        return None;
    }
    let start = usize::try_from(r.ref_off).ok()?;
    let bytes = refs.get(start..start.checked_add(r.ref_len as usize)?)?;
    core::str::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::format;

    fn delta(line: u64, hash: u8, customer: &str, reference: Option<&str>) -> ParsedDelta {
        ParsedDelta {
            line,
            hash: Hash32([hash; 32]),
            customer: customer.into(),
            reason: "r".into(),
            reference: reference.map(Into::into),
            amount: 1.5,
            decimal: Decimal::parse("1.5").ok(),
        }
    }

    #[test]
    fn indexes_find_what_was_added() {
        let mut s = Store::default();
        for i in 0..5000u32 {
            let mut h = [0u8; 32];
            h[..4].copy_from_slice(&i.to_le_bytes());
            let mut d = delta(u64::from(i), 0, &format!("c{}", i % 7), Some(&format!("ref{i}")));
            d.hash = Hash32(h);
            let added = s.add(d).unwrap();
            assert_eq!((added.index, added.copy_of, added.reference_of), (i, None, None));
        }
        for i in (0..5000u32).step_by(97) {
            let mut h = [0u8; 32];
            h[..4].copy_from_slice(&i.to_le_bytes());
            assert_eq!(s.find_hash(&Hash32(h)), Some(i));
            assert_eq!(s.find_ref(&format!("c{}", i % 7), &format!("ref{i}")), Some(i));
            assert_eq!(s.find_ref(&format!("c{}", (i + 1) % 7), &format!("ref{i}")), None);
        }
        assert_eq!(s.find_hash(&Hash32([0xff; 32])), None);
        assert_eq!(s.decimal(3), Decimal::parse("1.5").ok());
    }

    #[test]
    fn copies_and_reused_references() {
        let mut s = Store::default();
        s.add(delta(1, 1, "c", Some("r1"))).unwrap();
        let copy = s.add(delta(2, 1, "c", Some("r1"))).unwrap();
        assert_eq!((copy.copy_of, copy.reference_of), (Some(0), None));
        let reused = s.add(delta(3, 2, "c", Some("r1"))).unwrap();
        assert_eq!((reused.copy_of, reused.reference_of), (None, Some(0)));
        assert_eq!(s.first_of(1), 0);
        assert_eq!(s.first_of(2), 2);
        assert_eq!(s.get(1).map(|r| r.flags & flag::COPY), Some(flag::COPY));
    }
}
