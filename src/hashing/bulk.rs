//! Item hashes in bulk (feature `alloc`): many canonical texts, typed
//! deltas or JSON items in, their item hashes out, in order, equal to
//! hashing each one alone.
//!
//! With a multi-lane Keccak path (AVX2 or AVX-512, see
//! [`backend`](crate::hashing::backend)) each item's prefixed message is
//! written into one of a fixed pool of buffers, items needing the same
//! number of 136-byte blocks wait together, and every 8 of them are hashed
//! side by side; the pool is the same size (about 17 KiB) for ten items or
//! ten million. Items longer than four blocks (about 520 bytes of text),
//! and every item on the scalar path, are hashed one by one as
//! [`item_hash_canonical`](crate::hashing::item_hash_canonical) and
//! [`DeltaItem::item_hash`] do. Slices shorter than [`BULK_MIN`] take the
//! one-by-one path too: for a handful of items, setting up the pool costs
//! more than the lanes save.

use crate::canonical::{CanonicalError, NumberError, write_canonical};
use crate::hashing::item_lanes::{ItemLanes, Pushed, Slot};
use crate::hashing::node::item_hash_canonical;
use crate::{DeltaItem, Hash32, ItemMapping};
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::fmt;
use pacspace_keccak_lanes::preferred_lanes;

/// Item counts from which the slice functions of this module hash side by
/// side.
pub const BULK_MIN: usize = 16;

/// One item of a batch failed to hash.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("item {index}: {error}")]
pub struct ItemFailure<E> {
    /// Position of the first failing item in the batch.
    pub index: usize,
    /// Why it failed.
    pub error: E,
}

/// Collects item hashes, hashing items side by side as they arrive
/// (multi-lane path) or one by one (scalar path); [`finish`](Self::finish)
/// returns them in the order pushed.
///
/// ```
/// use pacspace_proof::hashing::bulk::ItemBatch;
/// use pacspace_proof::hashing::item_hash_canonical;
/// use pacspace_proof::{DeltaItem, ItemMapping};
///
/// let d = DeltaItem { customer_id: "c1", amount: 2.5, reason: "r", reference_id: None, metadata: None };
/// let mut batch = ItemBatch::new();
/// batch.push_canonical(br#"{"a":1}"#);
/// batch.push_delta(&d, ItemMapping::default()).unwrap();
/// assert!(batch.push_delta(&DeltaItem { amount: f64::NAN, ..d }, ItemMapping::default()).is_err());
/// let hashes = batch.finish();
/// assert_eq!(hashes, [item_hash_canonical(br#"{"a":1}"#), d.item_hash(ItemMapping::default()).unwrap()]);
/// ```
pub struct ItemBatch {
    /// The buffer pool, when the selected Keccak path has lanes.
    lanes: Option<Box<ItemLanes>>,
    hashes: Vec<Hash32>,
}

impl Default for ItemBatch {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for ItemBatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ItemBatch")
            .field("side_by_side", &self.lanes.is_some())
            .field("items", &self.hashes.len())
            .finish()
    }
}

impl ItemBatch {
    /// An empty batch; side by side if the selected Keccak path has lanes.
    ///
    /// ```
    /// assert!(pacspace_proof::hashing::bulk::ItemBatch::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::with_capacity(0)
    }

    /// An empty batch with room for `items` hashes.
    ///
    /// ```
    /// let b = pacspace_proof::hashing::bulk::ItemBatch::with_capacity(1000);
    /// assert_eq!(b.len(), 0);
    /// ```
    pub fn with_capacity(items: usize) -> Self {
        ItemBatch {
            lanes: (preferred_lanes() > 1).then(|| Box::new(ItemLanes::new())),
            hashes: Vec::with_capacity(items),
        }
    }

    /// Items pushed so far.
    ///
    /// ```
    /// let mut b = pacspace_proof::hashing::bulk::ItemBatch::new();
    /// b.push_canonical(b"{}");
    /// assert_eq!(b.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    /// True when nothing was pushed.
    ///
    /// ```
    /// assert!(pacspace_proof::hashing::bulk::ItemBatch::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// Adds an already canonical JSON text (the caller vouches for it, as
    /// for [`item_hash_canonical`]).
    ///
    /// ```
    /// let mut b = pacspace_proof::hashing::bulk::ItemBatch::new();
    /// b.push_canonical(br#"{"k":"v"}"#);
    /// assert_eq!(b.finish(), [pacspace_proof::hashing::item_hash_canonical(br#"{"k":"v"}"#)]);
    /// ```
    pub fn push_canonical(&mut self, canonical: &[u8]) {
        let pushed: Result<(), core::convert::Infallible> = self.push_item(
            |slot| {
                crate::canonical::Sink::write(slot, canonical);
                Ok(())
            },
            || Ok(item_hash_canonical(canonical)),
        );
        let Ok(()) = pushed;
    }

    /// Adds a typed delta under `mapping` (as [`DeltaItem::item_hash`]).
    ///
    /// # Errors
    ///
    /// The amount is NaN or infinite; nothing is added.
    ///
    /// ```
    /// use pacspace_proof::{DeltaItem, ItemMapping};
    /// let d = DeltaItem { customer_id: "c", amount: 1.0, reason: "r", reference_id: Some("x"), metadata: None };
    /// let mut b = pacspace_proof::hashing::bulk::ItemBatch::new();
    /// b.push_delta(&d, ItemMapping::ALL[3]).unwrap();
    /// assert_eq!(b.finish(), [d.item_hash(ItemMapping::ALL[3]).unwrap()]);
    /// ```
    pub fn push_delta(&mut self, delta: &DeltaItem<'_>, mapping: ItemMapping) -> Result<(), NumberError> {
        self.push_item(
            |slot| delta.write_canonical(slot, mapping),
            || delta.item_hash(mapping),
        )
    }

    /// Adds a JSON item (as [`crate::item_hash`]).
    ///
    /// # Errors
    ///
    /// The item holds a number JSON cannot carry; nothing is added.
    ///
    /// ```
    /// let v = serde_json::json!({"b": [1, 2.5], "a": "x"});
    /// let mut b = pacspace_proof::hashing::bulk::ItemBatch::new();
    /// b.push_json(&v).unwrap();
    /// assert_eq!(b.finish(), [pacspace_proof::item_hash(&v).unwrap()]);
    /// ```
    pub fn push_json(&mut self, item: &serde_json::Value) -> Result<(), CanonicalError> {
        self.push_item(|slot| write_canonical(slot, item), || crate::item_hash(item))
    }

    /// The item hashes, in the order pushed.
    ///
    /// ```
    /// assert!(pacspace_proof::hashing::bulk::ItemBatch::new().finish().is_empty());
    /// ```
    pub fn finish(mut self) -> Vec<Hash32> {
        if let Some(lanes) = self.lanes.as_deref_mut() {
            lanes.flush(&mut self.hashes);
        }
        self.hashes
    }

    /// Writes the item into a buffer of the pool with `write`, or hashes
    /// it alone with `alone` (scalar path, or too long for a buffer).
    fn push_item<E>(
        &mut self,
        write: impl FnOnce(&mut Slot) -> Result<(), E>,
        alone: impl FnOnce() -> Result<Hash32, E>,
    ) -> Result<(), E> {
        let Some(lanes) = self.lanes.as_deref_mut() else {
            self.hashes.push(alone()?);
            return Ok(());
        };
        let index = self.hashes.len();
        self.hashes.push(Hash32::ZERO);
        let outcome = match lanes.push(index, &mut self.hashes, write) {
            Pushed::Queued => return Ok(()),
            Pushed::TooLong => alone(),
            Pushed::Failed(e) => Err(e),
        };
        match outcome {
            Ok(h) => {
                if let Some(slot) = self.hashes.get_mut(index) {
                    *slot = h;
                }
                Ok(())
            }
            Err(e) => {
                self.hashes.truncate(index);
                Err(e)
            }
        }
    }
}

/// Item hashes of canonical JSON texts (each as
/// [`item_hash_canonical`]), in order: the audit's bulk hashing.
///
/// ```
/// use pacspace_proof::hashing::{bulk, item_hash_canonical};
/// let texts: Vec<String> = (0..100).map(|i| format!(r#"{{"i":{i}}}"#)).collect();
/// let refs: Vec<&[u8]> = texts.iter().map(|t| t.as_bytes()).collect();
/// let hashes = bulk::item_hashes_of(&refs);
/// assert_eq!(hashes[42], item_hash_canonical(br#"{"i":42}"#));
/// ```
pub fn item_hashes_of(canonical_texts: &[&[u8]]) -> Vec<Hash32> {
    if canonical_texts.len() < BULK_MIN {
        return canonical_texts.iter().map(|t| item_hash_canonical(t)).collect();
    }
    let mut batch = ItemBatch::with_capacity(canonical_texts.len());
    for text in canonical_texts {
        batch.push_canonical(text);
    }
    batch.finish()
}

/// Item hashes of typed deltas under `mapping` (each as
/// [`DeltaItem::item_hash`]), in order.
///
/// # Errors
///
/// The first delta whose amount is NaN or infinite, by position.
///
/// ```
/// use pacspace_proof::{DeltaItem, ItemMapping};
/// use pacspace_proof::hashing::bulk;
/// let d = DeltaItem { customer_id: "c", amount: 1.5, reason: "r", reference_id: None, metadata: None };
/// let mut ds = vec![d; 40];
/// assert_eq!(bulk::delta_item_hashes(&ds, ItemMapping::default()).unwrap()[39],
///            d.item_hash(ItemMapping::default()).unwrap());
/// ds[7].amount = f64::INFINITY;
/// assert_eq!(bulk::delta_item_hashes(&ds, ItemMapping::default()).unwrap_err().index, 7);
/// ```
pub fn delta_item_hashes(
    deltas: &[DeltaItem<'_>],
    mapping: ItemMapping,
) -> Result<Vec<Hash32>, ItemFailure<NumberError>> {
    if deltas.len() < BULK_MIN {
        return one_by_one(deltas, |d| d.item_hash(mapping));
    }
    let mut batch = ItemBatch::with_capacity(deltas.len());
    for (index, d) in deltas.iter().enumerate() {
        batch
            .push_delta(d, mapping)
            .map_err(|error| ItemFailure { index, error })?;
    }
    Ok(batch.finish())
}

/// Item hashes of JSON items (each as [`crate::item_hash`]), in order.
///
/// # Errors
///
/// The first item holding a number JSON cannot carry, by position.
///
/// ```
/// use pacspace_proof::hashing::bulk;
/// let items: Vec<serde_json::Value> = (0..20).map(|i| serde_json::json!({"i": i})).collect();
/// let hashes = bulk::json_item_hashes(&items).unwrap();
/// assert_eq!(hashes[3], pacspace_proof::item_hash(&items[3]).unwrap());
/// ```
pub fn json_item_hashes(items: &[serde_json::Value]) -> Result<Vec<Hash32>, ItemFailure<CanonicalError>> {
    if items.len() < BULK_MIN {
        return one_by_one(items, crate::item_hash);
    }
    let mut batch = ItemBatch::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        batch
            .push_json(item)
            .map_err(|error| ItemFailure { index, error })?;
    }
    Ok(batch.finish())
}

fn one_by_one<T, E>(
    items: &[T],
    hash: impl Fn(&T) -> Result<Hash32, E>,
) -> Result<Vec<Hash32>, ItemFailure<E>> {
    items
        .iter()
        .enumerate()
        .map(|(index, item)| hash(item).map_err(|error| ItemFailure { index, error }))
        .collect()
}
