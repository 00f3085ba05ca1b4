//! A balance delta as the item the service hashes (docs/spec.md, section 4.2), written
//! canonically straight into a hasher: no buffer, no allocation.

use crate::Hash32;
use crate::canonical::number::{NumberError, write_number};
use crate::canonical::string::write_string;
use crate::canonical::{CanonicalOptions, CanonicalStr, KeccakSink, Sink};
use crate::item::AdjustsField;

/// Which key carries the amount in the hashed item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum AmountKey {
    /// `"delta"`: the documented reading (the field as submitted).
    #[default]
    Delta,
    /// `"amount"`: the key some doc examples use.
    Amount,
}

/// How a delta submitted without a `referenceId` appears in the item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ReferenceIdAbsent {
    /// The key is left out: the documented reading.
    #[default]
    Omit,
    /// `"referenceId": null`, as one older receipt shows.
    Null,
}

/// The mapping from a submitted delta to the object that is hashed. The
/// default is the documented reading; [`ItemMapping::ALL`] lists every
/// documented variant and [`ItemMapping::VARIANTS`] adds the readings a
/// TypeScript service could produce (docs/spec.md, section 4.3: `adjusts` included, the
/// JavaScript canonical options), so a receipt can say which one reproduced
/// its hash.
///
/// ```
/// use pacspace_proof::ItemMapping;
/// use pacspace_proof::item::{AmountKey, ReferenceIdAbsent};
/// assert_eq!(ItemMapping::default().amount_key, AmountKey::Delta);
/// assert_eq!(ItemMapping::ALL.len(), 4);
/// assert_eq!(ItemMapping::ALL[0], ItemMapping::default());
/// assert_eq!(ItemMapping::default().to_string(),
///            "amount key \"delta\", absent referenceId omitted, adjusts omitted, key order code-units, strings refuse");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ItemMapping {
    /// Key of the amount.
    pub amount_key: AmountKey,
    /// Treatment of an absent `referenceId`.
    pub absent_reference: ReferenceIdAbsent,
    /// Whether an `adjusts` sent with the delta is part of the item.
    pub adjusts: AdjustsField,
    /// How the item is written canonically (RFC 8785 by default).
    pub canonical: CanonicalOptions,
}

impl ItemMapping {
    /// Every documented mapping (RFC 8785, no `adjusts`), the default first.
    pub const ALL: [ItemMapping; 4] = [
        ItemMapping::documented(AmountKey::Delta, ReferenceIdAbsent::Omit),
        ItemMapping::documented(AmountKey::Delta, ReferenceIdAbsent::Null),
        ItemMapping::documented(AmountKey::Amount, ReferenceIdAbsent::Omit),
        ItemMapping::documented(AmountKey::Amount, ReferenceIdAbsent::Null),
    ];

    /// The documented mapping with this amount key and absent-referenceId rule.
    ///
    /// ```
    /// use pacspace_proof::ItemMapping;
    /// use pacspace_proof::item::{AmountKey, ReferenceIdAbsent};
    /// assert_eq!(ItemMapping::documented(AmountKey::Delta, ReferenceIdAbsent::Omit), ItemMapping::default());
    /// ```
    pub const fn documented(amount_key: AmountKey, absent_reference: ReferenceIdAbsent) -> Self {
        ItemMapping {
            amount_key,
            absent_reference,
            adjusts: AdjustsField::Omit,
            canonical: CanonicalOptions::RFC8785,
        }
    }
}

impl core::fmt::Display for ItemMapping {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let key = match self.amount_key {
            AmountKey::Delta => "delta",
            AmountKey::Amount => "amount",
        };
        let absent = match self.absent_reference {
            ReferenceIdAbsent::Omit => "omitted",
            ReferenceIdAbsent::Null => "null",
        };
        write!(
            f,
            "amount key \"{key}\", absent referenceId {absent}, adjusts {}, {}",
            self.adjusts, self.canonical
        )
    }
}

/// A balance delta as submitted: the fields the item hash covers.
///
/// `metadata` is the metadata object's canonical JSON text, checked when the
/// [`CanonicalStr`] was made (produce it with `canonical_json` under the
/// `alloc` feature, or hold it already canonical). Server timestamps are never
/// part of the item.
///
/// This typed path writes RFC 8785 only and holds no `adjusts`: a mapping's
/// `adjusts` and `canonical` fields change nothing here (its strings cannot
/// hold lone surrogates and its keys are not array indices). The variants
/// that need them are hashed by `receipt::SubmittedDelta` (feature `alloc`).
///
/// ```
/// use pacspace_proof::{DeltaItem, ItemMapping};
/// let d = DeltaItem { customer_id: "cust_1", amount: 42.5, reason: "api_call", reference_id: None, metadata: None };
/// let mut text = Vec::new();
/// d.write_canonical(&mut text, ItemMapping::default()).unwrap();
/// assert_eq!(text, br#"{"customerId":"cust_1","delta":42.5,"reason":"api_call"}"#);
/// assert_eq!(d.item_hash(ItemMapping::default()).unwrap(), pacspace_proof::hashing::item_hash_canonical(&text));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DeltaItem<'a> {
    /// `customerId`.
    pub customer_id: &'a str,
    /// `delta` (or `amount`), as the double JavaScript would hold.
    pub amount: f64,
    /// `reason`.
    pub reason: &'a str,
    /// `referenceId`, when one was sent.
    pub reference_id: Option<&'a str>,
    /// Canonical JSON text of `metadata`, when metadata was sent.
    pub metadata: Option<CanonicalStr<'a>>,
}

impl DeltaItem<'_> {
    /// Writes the item's canonical JSON under `mapping` into `sink`.
    /// Fails only for an amount that is NaN or infinite.
    ///
    /// ```
    /// use pacspace_proof::{DeltaItem, ItemMapping};
    /// use pacspace_proof::canonical::CanonicalStr;
    /// use pacspace_proof::item::{AmountKey, ReferenceIdAbsent};
    /// let d = DeltaItem { customer_id: "c", amount: -1.0, reason: "r", reference_id: None, metadata: Some(CanonicalStr::new(r#"{"k":1}"#).unwrap()) };
    /// let m = ItemMapping::documented(AmountKey::Amount, ReferenceIdAbsent::Null);
    /// let mut text = Vec::new();
    /// d.write_canonical(&mut text, m).unwrap();
    /// assert_eq!(text, br#"{"amount":-1,"customerId":"c","metadata":{"k":1},"reason":"r","referenceId":null}"#);
    /// ```
    pub fn write_canonical<S: Sink + ?Sized>(
        &self,
        sink: &mut S,
        mapping: ItemMapping,
    ) -> Result<(), NumberError> {
        // Keys in UTF-16 order: amount < customerId < delta < metadata < reason < referenceId.
        match mapping.amount_key {
            AmountKey::Amount => {
                sink.write(b"{\"amount\":");
                write_number(sink, self.amount)?;
                sink.write(b",\"customerId\":");
                write_string(sink, self.customer_id);
            }
            AmountKey::Delta => {
                sink.write(b"{\"customerId\":");
                write_string(sink, self.customer_id);
                sink.write(b",\"delta\":");
                write_number(sink, self.amount)?;
            }
        }
        if let Some(meta) = self.metadata {
            sink.write(b",\"metadata\":");
            sink.write(meta.as_str().as_bytes());
        }
        sink.write(b",\"reason\":");
        write_string(sink, self.reason);
        match (self.reference_id, mapping.absent_reference) {
            (Some(r), _) => {
                sink.write(b",\"referenceId\":");
                write_string(sink, r);
            }
            (None, ReferenceIdAbsent::Null) => sink.write(b",\"referenceId\":null"),
            (None, ReferenceIdAbsent::Omit) => {}
        }
        sink.write(b"}");
        Ok(())
    }

    /// The item hash under `mapping`, streamed into Keccak with no buffer.
    ///
    /// ```
    /// use pacspace_proof::{DeltaItem, ItemMapping};
    /// let d = DeltaItem { customer_id: "c.b", amount: 0.1 + 0.2, reason: "api_call", reference_id: Some("inv_95121"), metadata: None };
    /// assert_eq!(d.item_hash(ItemMapping::default()).unwrap().to_string(),
    ///            "0x9a58b0c8e989f3cb2f60d583494038965bcaf46210a61906d834e374d4d01ad2");
    /// ```
    pub fn item_hash(&self, mapping: ItemMapping) -> Result<Hash32, NumberError> {
        let mut sink = KeccakSink::item();
        self.write_canonical(&mut sink, mapping)?;
        Ok(sink.finish())
    }
}
