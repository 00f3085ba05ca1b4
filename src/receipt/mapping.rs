//! Submitted deltas and detection of the delta→item mapping (docs/spec.md, sections 4 and 16.2)
//! that reproduces a hash the service sent.

use crate::canonical::{CanonicalError, CanonicalOptions, JsonString, JsonValue, canonical_json_with};
use crate::{DeltaItem, Hash32, ItemMapping, NodeEncoding, items_root};
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// A delta as the auditor submitted it: a JSON object with `customerId`
/// (string), `delta` or `amount` (number), `reason` (string), optionally
/// `referenceId` (string; `null` counts as absent), `metadata` (any JSON
/// value, usually an object; `null` counts as absent) and `adjusts` (any JSON
/// value, sent by SDK 0.3.0+ with an adjustment; `null` counts as absent).
///
/// Any other key (a client-side timestamp, a note) is ignored: it is not part
/// of the item the service hashes ("no timestamps mixed into the hash").
///
/// The public fields are read-only views of the delta as read; the item
/// hashes are computed from the delta as read, which also keeps lone
/// surrogates (a string field shows one as U+FFFD).
///
/// ```
/// use pacspace_proof::receipt::SubmittedDelta;
/// let d = SubmittedDelta::from_json(r#"{"customerId":"c","amount":5,"reason":"r","sentAt":"2025-01-01"}"#).unwrap();
/// assert_eq!(d.amount, 5.0);
/// assert_eq!(d.reference_id, None);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SubmittedDelta {
    /// `customerId`.
    pub customer_id: String,
    /// `delta` / `amount`, as the double JavaScript holds.
    pub amount: f64,
    /// `reason`.
    pub reason: String,
    /// `referenceId`, when sent.
    pub reference_id: Option<String>,
    /// RFC 8785 canonical JSON of `metadata`, when sent (and not `None` only
    /// because it holds a lone surrogate, which RFC 8785 cannot write).
    pub metadata_canonical: Option<String>,
    /// `adjusts`, when sent.
    pub adjusts: Option<JsonValue>,
    /// The delta object as read.
    pub(crate) fields: JsonValue,
    /// Whether an item field holds a lone surrogate.
    pub(crate) lone_surrogate: bool,
    /// Whether `metadata` or `adjusts` holds a key JavaScript orders apart.
    pub(crate) js_order_keys: bool,
}

/// Why a submitted delta could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DeltaInputError {
    /// The text is not JSON.
    #[error("submitted deltas are not valid JSON: {0}")]
    Json(String),
    /// A delta is not a JSON object.
    #[error("submitted delta {index} is not an object")]
    NotObject {
        /// Position in the submitted list.
        index: usize,
    },
    /// A required field is absent.
    #[error("submitted delta {index}: \"{field}\" is missing")]
    Missing {
        /// Position in the submitted list.
        index: usize,
        /// The field.
        field: &'static str,
    },
    /// A field has the wrong JSON type.
    #[error("submitted delta {index}: \"{field}\" must be {expected}")]
    WrongType {
        /// Position in the submitted list.
        index: usize,
        /// The field.
        field: &'static str,
        /// The type it must have.
        expected: &'static str,
    },
    /// Both `delta` and `amount` are present.
    #[error("submitted delta {index}: give the amount as \"delta\" or \"amount\", not both")]
    BothAmountKeys {
        /// Position in the submitted list.
        index: usize,
    },
    /// `metadata` cannot be canonicalised.
    #[error("submitted delta {index}: metadata: {error}")]
    Metadata {
        /// Position in the submitted list.
        index: usize,
        /// Why.
        error: CanonicalError,
    },
}

fn opt_string(
    obj: &JsonValue,
    index: usize,
    field: &'static str,
) -> Result<Option<JsonString>, DeltaInputError> {
    match obj.get(field) {
        None | Some(JsonValue::Null) => Ok(None),
        Some(JsonValue::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(DeltaInputError::WrongType {
            index,
            field,
            expected: "a string",
        }),
    }
}

fn present(obj: &JsonValue, field: &str) -> Option<JsonValue> {
    obj.get(field).filter(|v| **v != JsonValue::Null).cloned()
}

impl SubmittedDelta {
    /// Reads one delta object; `index` is used in error messages.
    ///
    /// ```
    /// use pacspace_proof::receipt::{SubmittedDelta, DeltaInputError};
    /// let v = serde_json::json!({"customerId": "c", "reason": "r"});
    /// assert_eq!(SubmittedDelta::from_value(&v, 3), Err(DeltaInputError::Missing { index: 3, field: "delta" }));
    /// ```
    pub fn from_value(value: &serde_json::Value, index: usize) -> Result<Self, DeltaInputError> {
        let v = JsonValue::from_serde(value).map_err(|error| DeltaInputError::Metadata { index, error })?;
        Self::from_json_value(&v, index)
    }

    /// Reads one delta object read by [`JsonValue::parse`] (lone surrogates
    /// kept); `index` is used in error messages.
    ///
    /// ```
    /// use pacspace_proof::canonical::JsonValue;
    /// use pacspace_proof::receipt::SubmittedDelta;
    /// let v = JsonValue::parse(r#"{"customerId":"c","delta":1,"reason":"\ud800"}"#).unwrap();
    /// let d = SubmittedDelta::from_json_value(&v, 0).unwrap();
    /// assert_eq!(d.reason, "\u{fffd}");
    /// assert!(d.item_hash(Default::default()).is_err()); // RFC 8785 refuses the lone surrogate
    /// ```
    pub fn from_json_value(obj: &JsonValue, index: usize) -> Result<Self, DeltaInputError> {
        if !matches!(obj, JsonValue::Object(_)) {
            return Err(DeltaInputError::NotObject { index });
        }
        let customer_id = opt_string(obj, index, "customerId")?.ok_or(DeltaInputError::Missing {
            index,
            field: "customerId",
        })?;
        let reason = opt_string(obj, index, "reason")?.ok_or(DeltaInputError::Missing {
            index,
            field: "reason",
        })?;
        let amount_value = match (obj.get("delta"), obj.get("amount")) {
            (Some(_), Some(_)) => return Err(DeltaInputError::BothAmountKeys { index }),
            (Some(v), None) => ("delta", v),
            (None, Some(v)) => ("amount", v),
            (None, None) => {
                return Err(DeltaInputError::Missing {
                    index,
                    field: "delta",
                });
            }
        };
        let amount = match amount_value.1 {
            JsonValue::Number(n) => *n,
            _ => {
                return Err(DeltaInputError::WrongType {
                    index,
                    field: amount_value.0,
                    expected: "a number",
                });
            }
        };
        let reference_id = opt_string(obj, index, "referenceId")?;
        let metadata = present(obj, "metadata");
        let adjusts = present(obj, "adjusts");
        let metadata_canonical = match metadata
            .as_ref()
            .map(|m| canonical_json_with(m, CanonicalOptions::RFC8785))
        {
            None | Some(Err(CanonicalError::LoneSurrogate { .. })) => None,
            Some(Ok(text)) => Some(text),
            Some(Err(error)) => return Err(DeltaInputError::Metadata { index, error }),
        };
        let lone_surrogate = customer_id.has_lone_surrogate()
            || reason.has_lone_surrogate()
            || reference_id.as_ref().is_some_and(JsonString::has_lone_surrogate)
            || metadata.as_ref().is_some_and(JsonValue::has_lone_surrogate)
            || adjusts.as_ref().is_some_and(JsonValue::has_lone_surrogate);
        let js_order_keys = metadata.as_ref().is_some_and(JsonValue::has_js_order_keys)
            || adjusts.as_ref().is_some_and(JsonValue::has_js_order_keys);
        Ok(SubmittedDelta {
            customer_id: customer_id.to_string_lossy(),
            amount,
            reason: reason.to_string_lossy(),
            reference_id: reference_id.map(|r| r.to_string_lossy()),
            metadata_canonical,
            adjusts,
            fields: obj.clone(),
            lone_surrogate,
            js_order_keys,
        })
    }

    /// Parses one delta object from JSON text (lone surrogates kept, as
    /// `JSON.parse` keeps them).
    ///
    /// ```
    /// let d = pacspace_proof::receipt::SubmittedDelta::from_json(r#"{"customerId":"c","delta":1,"reason":"r","metadata":{"b":1,"a":2}}"#).unwrap();
    /// assert_eq!(d.metadata_canonical.as_deref(), Some(r#"{"a":2,"b":1}"#));
    /// ```
    pub fn from_json(text: &str) -> Result<Self, DeltaInputError> {
        let value = JsonValue::parse(text).map_err(|e| DeltaInputError::Json(e.to_string()))?;
        Self::from_json_value(&value, 0)
    }

    /// Parses a list of deltas from JSON text: an array of delta objects, or
    /// one object (lone surrogates kept).
    ///
    /// ```
    /// let ds = pacspace_proof::receipt::SubmittedDelta::list_from_json(r#"[{"customerId":"a","delta":1,"reason":"r"}]"#).unwrap();
    /// assert_eq!(ds.len(), 1);
    /// ```
    pub fn list_from_json(text: &str) -> Result<Vec<Self>, DeltaInputError> {
        let value = JsonValue::parse(text).map_err(|e| DeltaInputError::Json(e.to_string()))?;
        match &value {
            JsonValue::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| Self::from_json_value(v, i))
                .collect(),
            other => Ok(alloc::vec![Self::from_json_value(other, 0)?]),
        }
    }

    /// Reads a list of deltas: a JSON array of delta objects, or one object.
    ///
    /// ```
    /// let v = serde_json::json!([{"customerId":"a","delta":1,"reason":"r"},{"customerId":"b","amount":2,"reason":"r"}]);
    /// assert_eq!(pacspace_proof::receipt::SubmittedDelta::list_from_value(&v).unwrap().len(), 2);
    /// ```
    pub fn list_from_value(value: &serde_json::Value) -> Result<Vec<Self>, DeltaInputError> {
        match value {
            serde_json::Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| Self::from_value(v, i))
                .collect(),
            other => Ok(alloc::vec![Self::from_value(other, 0)?]),
        }
    }

    /// The borrowed item that is hashed under the documented mappings (its
    /// strings show a lone surrogate as U+FFFD; such a delta has no item
    /// under RFC 8785).
    ///
    /// ```
    /// let d = pacspace_proof::receipt::SubmittedDelta::from_json(r#"{"customerId":"c","delta":1,"reason":"r"}"#).unwrap();
    /// assert_eq!(d.as_item().customer_id, "c");
    /// ```
    pub fn as_item(&self) -> DeltaItem<'_> {
        DeltaItem {
            customer_id: &self.customer_id,
            amount: self.amount,
            reason: &self.reason,
            reference_id: self.reference_id.as_deref(),
            metadata: self
                .metadata_canonical
                .as_deref()
                .map(crate::canonical::CanonicalStr::from_writer),
        }
    }
}

/// The first mapping (in [`ItemMapping::VARIANTS`] order) whose item hash
/// satisfies `accept`, with that hash. Variants that cannot change this
/// delta's item (`adjusts` when none was sent, JavaScript key order without
/// an array-index or `__proto__` key, JavaScript strings without a lone
/// surrogate) are skipped.
///
/// ```
/// use pacspace_proof::ItemMapping;
/// use pacspace_proof::item::{AdjustsField, AmountKey};
/// use pacspace_proof::receipt::{SubmittedDelta, find_mapping};
/// let d = SubmittedDelta::from_json(r#"{"customerId":"c","delta":1,"reason":"r","adjusts":{"referenceId":"inv_1"}}"#).unwrap();
/// let m = ItemMapping { amount_key: AmountKey::Amount, adjusts: AdjustsField::Include, ..ItemMapping::default() };
/// let target = d.item_hash(m).unwrap();
/// assert_eq!(find_mapping(&d, |h| *h == target), Some((m, target)));
/// ```
pub fn find_mapping(
    delta: &SubmittedDelta,
    mut accept: impl FnMut(&Hash32) -> bool,
) -> Option<(ItemMapping, Hash32)> {
    ItemMapping::VARIANTS
        .iter()
        .filter(|m| delta.distinguishes(m))
        .find_map(|&m| {
            let h = delta.item_hash(m).ok()?;
            accept(&h).then_some((m, h))
        })
}

/// The mapping and node encoding under which the submitted deltas, in order,
/// have `root` as their itemsRoot; one mapping for all deltas (tried in
/// [`ItemMapping::VARIANTS`] order, skipping variants no delta is affected by).
///
/// ```
/// use pacspace_proof::{ItemMapping, NodeEncoding, items_root};
/// use pacspace_proof::receipt::{SubmittedDelta, detect_list_root};
/// let v = serde_json::json!([{"customerId":"a","delta":1,"reason":"r"},{"customerId":"b","delta":2,"reason":"r"}]);
/// let ds = SubmittedDelta::list_from_value(&v).unwrap();
/// let leaves: Vec<_> = ds.iter().map(|d| d.item_hash(ItemMapping::default()).unwrap()).collect();
/// let root = items_root(&leaves, NodeEncoding::Bytes);
/// assert_eq!(detect_list_root(&ds, &root), Some((ItemMapping::default(), NodeEncoding::Bytes)));
/// ```
pub fn detect_list_root(deltas: &[SubmittedDelta], root: &Hash32) -> Option<(ItemMapping, NodeEncoding)> {
    for m in ItemMapping::VARIANTS {
        if !m.is_documented() && !deltas.iter().any(|d| d.distinguishes(&m)) {
            continue;
        }
        let leaves: Result<Vec<Hash32>, _> = deltas.iter().map(|d| d.item_hash(m)).collect();
        let Ok(leaves) = leaves else { continue };
        for e in NodeEncoding::ALL {
            if items_root(&leaves, e) == *root {
                return Some((m, e));
            }
        }
    }
    None
}
