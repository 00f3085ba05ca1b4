//! The item of a submitted delta under each [`ItemMapping`], hashed with
//! Keccak-256 (or, for near-miss diagnostics only, SHA3-256).

use crate::canonical::{
    CanonicalError, JsonString, JsonValue, KeccakSink, KeyOrder, Strings, write_object_of,
};
use crate::item::{AdjustsField, AmountKey, ReferenceIdAbsent};
use crate::receipt::mapping::SubmittedDelta;
use crate::{Hash32, ItemMapping};
use alloc::vec::Vec;

impl SubmittedDelta {
    /// The item hash under `mapping`. Fails for a lone surrogate under
    /// [`Strings::Refuse`] (or a non-finite amount, which JSON cannot carry).
    ///
    /// ```
    /// use pacspace_proof::{ItemMapping, item_hash};
    /// use pacspace_proof::receipt::SubmittedDelta;
    /// let d = SubmittedDelta::from_json(r#"{"customerId":"c","delta":1,"reason":"r"}"#).unwrap();
    /// let same = item_hash(&serde_json::json!({"reason":"r","delta":1,"customerId":"c"})).unwrap();
    /// assert_eq!(d.item_hash(ItemMapping::default()).unwrap(), same);
    /// ```
    pub fn item_hash(&self, mapping: ItemMapping) -> Result<Hash32, CanonicalError> {
        let mut sink = KeccakSink::item();
        self.write_item(&mut sink, mapping)?;
        Ok(sink.finish())
    }

    /// The item hash under `mapping` had the service used SHA3-256 (padding
    /// `0x06`) in place of Keccak-256: for near-miss diagnostics, never a verdict.
    ///
    /// ```
    /// use pacspace_proof::ItemMapping;
    /// use pacspace_proof::hashing::sha3_item_hash_canonical;
    /// use pacspace_proof::receipt::SubmittedDelta;
    /// let d = SubmittedDelta::from_json(r#"{"customerId":"c","delta":1,"reason":"r"}"#).unwrap();
    /// assert_eq!(d.item_hash_sha3(ItemMapping::default()).unwrap(),
    ///            sha3_item_hash_canonical(br#"{"customerId":"c","delta":1,"reason":"r"}"#));
    /// ```
    pub fn item_hash_sha3(&self, mapping: ItemMapping) -> Result<Hash32, CanonicalError> {
        let mut sink = KeccakSink::item();
        self.write_item(&mut sink, mapping)?;
        Ok(sink.finish_sha3())
    }

    /// The item object that is hashed under `mapping`.
    ///
    /// ```
    /// use pacspace_proof::ItemMapping;
    /// use pacspace_proof::canonical::{canonical_json_with, CanonicalOptions};
    /// use pacspace_proof::item::{AdjustsField, ReferenceIdAbsent};
    /// use pacspace_proof::receipt::SubmittedDelta;
    /// let d = SubmittedDelta::from_json(r#"{"customerId":"c","delta":1,"reason":"r","adjusts":{"referenceId":"i"}}"#).unwrap();
    /// let m = ItemMapping { adjusts: AdjustsField::Include, absent_reference: ReferenceIdAbsent::Null, ..Default::default() };
    /// assert_eq!(canonical_json_with(&d.item_value(m), CanonicalOptions::RFC8785).unwrap(),
    ///            r#"{"adjusts":{"referenceId":"i"},"customerId":"c","delta":1,"reason":"r","referenceId":null}"#);
    /// ```
    pub fn item_value(&self, mapping: ItemMapping) -> JsonValue {
        let f = &self.fields;
        let mut members: Vec<(JsonString, JsonValue)> = Vec::with_capacity(6);
        let mut field = |key: &str, value: Option<&JsonValue>| {
            if let Some(v) = value {
                members.push((JsonString::from(key), v.clone()));
            }
        };
        field("customerId", f.get("customerId"));
        let amount_key = match mapping.amount_key {
            AmountKey::Delta => "delta",
            AmountKey::Amount => "amount",
        };
        field(amount_key, Some(&JsonValue::Number(self.amount)));
        field("reason", f.get("reason"));
        match (non_null(f, "referenceId"), mapping.absent_reference) {
            (Some(r), _) => field("referenceId", Some(r)),
            (None, ReferenceIdAbsent::Null) => field("referenceId", Some(&JsonValue::Null)),
            (None, ReferenceIdAbsent::Omit) => {}
        }
        field("metadata", non_null(f, "metadata"));
        if mapping.adjusts == AdjustsField::Include {
            field("adjusts", non_null(f, "adjusts"));
        }
        JsonValue::Object(members)
    }

    /// Writes the item's canonical JSON under `mapping`: the no-allocation
    /// typed path when the mapping's extras cannot change this delta's item,
    /// the general writer otherwise (both give the same bytes).
    fn write_item(&self, sink: &mut KeccakSink, mapping: ItemMapping) -> Result<(), CanonicalError> {
        let rfc_bytes = (mapping.adjusts == AdjustsField::Omit || self.adjusts.is_none())
            && (mapping.canonical.key_order == KeyOrder::CodeUnits || !self.js_order_keys)
            && !self.lone_surrogate;
        if rfc_bytes {
            self.as_item().write_canonical(sink, mapping)?;
            return Ok(());
        }
        // The general writer, borrowing the delta's values (no copy per
        // variant tried). The item's own keys are fixed ASCII names, none an
        // array index: every key order writes them in this byte order.
        let f = &self.fields;
        let amount = JsonValue::Number(self.amount);
        let mut members: Vec<(&str, &JsonValue)> = Vec::with_capacity(6);
        if mapping.adjusts == AdjustsField::Include {
            members.extend(non_null(f, "adjusts").map(|v| ("adjusts", v)));
        }
        let amount_key = match mapping.amount_key {
            AmountKey::Delta => "delta",
            AmountKey::Amount => "amount",
        };
        members.push((amount_key, &amount));
        members.extend(f.get("customerId").map(|v| ("customerId", v)));
        members.extend(non_null(f, "metadata").map(|v| ("metadata", v)));
        members.extend(f.get("reason").map(|v| ("reason", v)));
        match (non_null(f, "referenceId"), mapping.absent_reference) {
            (Some(r), _) => members.push(("referenceId", r)),
            (None, ReferenceIdAbsent::Null) => members.push(("referenceId", &JsonValue::Null)),
            (None, ReferenceIdAbsent::Omit) => {}
        }
        members.sort_by(|a, b| a.0.cmp(b.0));
        write_object_of(sink, &members, mapping.canonical, 0)
    }

    /// Whether `mapping` can give this delta another item than the
    /// documented mapping with the same amount key and referenceId rule:
    /// variants that cannot are not worth trying.
    pub(crate) fn distinguishes(&self, mapping: &ItemMapping) -> bool {
        (mapping.adjusts == AdjustsField::Omit || self.adjusts.is_some())
            && (mapping.canonical.key_order == KeyOrder::CodeUnits || self.js_order_keys)
            && (mapping.canonical.strings == Strings::Refuse || self.lone_surrogate)
    }
}

fn non_null<'v>(obj: &'v JsonValue, key: &str) -> Option<&'v JsonValue> {
    obj.get(key).filter(|v| **v != JsonValue::Null)
}
