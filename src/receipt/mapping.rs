//! Submitted deltas and detection of the delta→item mapping (SPEC section 3)
//! that reproduces a hash the service sent.

use crate::canonical::number::NumberError;
use crate::canonical::{CanonicalError, canonical_json};
use crate::{DeltaItem, Hash32, ItemMapping, NodeEncoding, items_root};
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use serde_json::Value;

/// A delta as the auditor submitted it: a JSON object with `customerId`
/// (string), `delta` or `amount` (number), `reason` (string), optionally
/// `referenceId` (string; `null` counts as absent) and `metadata` (any JSON
/// value, usually an object; `null` counts as absent).
///
/// Any other key (a client-side timestamp, a note) is ignored: it is not part
/// of the item the service hashes ("no timestamps mixed into the hash").
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
    /// Canonical JSON of `metadata`, when sent.
    pub metadata_canonical: Option<String>,
}

/// Why a submitted delta could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum DeltaInputError {
    /// The text is not JSON.
    Json(String),
    /// A delta is not a JSON object.
    NotObject {
        /// Position in the submitted list.
        index: usize,
    },
    /// A required field is absent.
    Missing {
        /// Position in the submitted list.
        index: usize,
        /// The field.
        field: &'static str,
    },
    /// A field has the wrong JSON type.
    WrongType {
        /// Position in the submitted list.
        index: usize,
        /// The field.
        field: &'static str,
        /// The type it must have.
        expected: &'static str,
    },
    /// Both `delta` and `amount` are present.
    BothAmountKeys {
        /// Position in the submitted list.
        index: usize,
    },
    /// `metadata` cannot be canonicalised.
    Metadata {
        /// Position in the submitted list.
        index: usize,
        /// Why.
        error: CanonicalError,
    },
}

impl fmt::Display for DeltaInputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeltaInputError::Json(e) => write!(f, "submitted deltas are not valid JSON: {e}"),
            DeltaInputError::NotObject { index } => write!(f, "submitted delta {index} is not an object"),
            DeltaInputError::Missing { index, field } => {
                write!(f, "submitted delta {index}: \"{field}\" is missing")
            }
            DeltaInputError::WrongType {
                index,
                field,
                expected,
            } => write!(f, "submitted delta {index}: \"{field}\" must be {expected}"),
            DeltaInputError::BothAmountKeys { index } => write!(
                f,
                "submitted delta {index}: give the amount as \"delta\" or \"amount\", not both"
            ),
            DeltaInputError::Metadata { index, error } => {
                write!(f, "submitted delta {index}: metadata: {error}")
            }
        }
    }
}

impl core::error::Error for DeltaInputError {}

fn opt_string(
    obj: &serde_json::Map<String, Value>,
    index: usize,
    field: &'static str,
) -> Result<Option<String>, DeltaInputError> {
    match obj.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(DeltaInputError::WrongType {
            index,
            field,
            expected: "a string",
        }),
    }
}

impl SubmittedDelta {
    /// Reads one delta object; `index` is used in error messages.
    ///
    /// ```
    /// use pacspace_proof::receipt::{SubmittedDelta, DeltaInputError};
    /// let v = serde_json::json!({"customerId": "c", "reason": "r"});
    /// assert_eq!(SubmittedDelta::from_value(&v, 3), Err(DeltaInputError::Missing { index: 3, field: "delta" }));
    /// ```
    pub fn from_value(value: &Value, index: usize) -> Result<Self, DeltaInputError> {
        let obj = value.as_object().ok_or(DeltaInputError::NotObject { index })?;
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
            Value::Number(n) => crate::canonical::number_as_f64(n),
            _ => {
                return Err(DeltaInputError::WrongType {
                    index,
                    field: amount_value.0,
                    expected: "a number",
                });
            }
        };
        let reference_id = opt_string(obj, index, "referenceId")?;
        let metadata_canonical = match obj.get("metadata") {
            None | Some(Value::Null) => None,
            Some(m) => Some(canonical_json(m).map_err(|error| DeltaInputError::Metadata { index, error })?),
        };
        Ok(SubmittedDelta {
            customer_id,
            amount,
            reason,
            reference_id,
            metadata_canonical,
        })
    }

    /// Parses one delta object from JSON text.
    ///
    /// ```
    /// let d = pacspace_proof::receipt::SubmittedDelta::from_json(r#"{"customerId":"c","delta":1,"reason":"r","metadata":{"b":1,"a":2}}"#).unwrap();
    /// assert_eq!(d.metadata_canonical.as_deref(), Some(r#"{"a":2,"b":1}"#));
    /// ```
    pub fn from_json(text: &str) -> Result<Self, DeltaInputError> {
        let value: Value = serde_json::from_str(text).map_err(|e| DeltaInputError::Json(e.to_string()))?;
        Self::from_value(&value, 0)
    }

    /// Reads a list of deltas: a JSON array of delta objects, or one object.
    ///
    /// ```
    /// let v = serde_json::json!([{"customerId":"a","delta":1,"reason":"r"},{"customerId":"b","amount":2,"reason":"r"}]);
    /// assert_eq!(pacspace_proof::receipt::SubmittedDelta::list_from_value(&v).unwrap().len(), 2);
    /// ```
    pub fn list_from_value(value: &Value) -> Result<Vec<Self>, DeltaInputError> {
        match value {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| Self::from_value(v, i))
                .collect(),
            other => Ok(alloc::vec![Self::from_value(other, 0)?]),
        }
    }

    /// The borrowed item that is hashed.
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

    /// The item hash under `mapping` (fails only for a non-finite amount).
    ///
    /// ```
    /// use pacspace_proof::{ItemMapping, item_hash};
    /// use pacspace_proof::receipt::SubmittedDelta;
    /// let d = SubmittedDelta::from_json(r#"{"customerId":"c","delta":1,"reason":"r"}"#).unwrap();
    /// let same = item_hash(&serde_json::json!({"reason":"r","delta":1,"customerId":"c"})).unwrap();
    /// assert_eq!(d.item_hash(ItemMapping::default()).unwrap(), same);
    /// ```
    pub fn item_hash(&self, mapping: ItemMapping) -> Result<Hash32, NumberError> {
        self.as_item().item_hash(mapping)
    }
}

/// The first mapping (in [`ItemMapping::ALL`] order) whose item hash
/// satisfies `accept`, with that hash.
///
/// ```
/// use pacspace_proof::ItemMapping;
/// use pacspace_proof::item::AmountKey;
/// use pacspace_proof::receipt::{SubmittedDelta, find_mapping};
/// let d = SubmittedDelta::from_json(r#"{"customerId":"c","delta":1,"reason":"r"}"#).unwrap();
/// let m = ItemMapping { amount_key: AmountKey::Amount, ..ItemMapping::default() };
/// let target = d.item_hash(m).unwrap();
/// assert_eq!(find_mapping(&d, |h| *h == target), Some((m, target)));
/// ```
pub fn find_mapping(
    delta: &SubmittedDelta,
    mut accept: impl FnMut(&Hash32) -> bool,
) -> Option<(ItemMapping, Hash32)> {
    ItemMapping::ALL.iter().find_map(|&m| {
        let h = delta.item_hash(m).ok()?;
        accept(&h).then_some((m, h))
    })
}

/// The mapping and node encoding under which the submitted deltas, in order,
/// have `root` as their itemsRoot; one mapping for all deltas.
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
    for m in ItemMapping::ALL {
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
