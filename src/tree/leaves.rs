//! Leaves from JSON input: an array whose elements are item objects (hashed
//! as items) or `0x` item hashes (taken as they are).

use crate::canonical::{CanonicalError, item_hash};
use crate::hashing::{Hash32, HexError};
use alloc::vec::Vec;
use serde_json::Value;

/// Why JSON input gave no leaves. Names the element and what it was.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LeavesError {
    /// The input is not an array.
    #[error("expected a JSON array of items or item hashes, found {found}")]
    NotArray {
        /// The JSON type found (`"an object"`, `"a number"`, …).
        found: &'static str,
    },
    /// An element is a string but not a `0x` item hash.
    #[error("element {index}: {error}")]
    BadHash {
        /// The element's position.
        index: usize,
        /// What is wrong with the hex.
        error: HexError,
    },
    /// An element is an object that cannot be hashed as an item.
    #[error("element {index}: {error}")]
    BadItem {
        /// The element's position.
        index: usize,
        /// Why canonical JSON of it failed.
        error: CanonicalError,
    },
    /// An element is neither an object nor a string.
    #[error("element {index}: expected an item object or a 0x item hash, found {found}")]
    WrongType {
        /// The element's position.
        index: usize,
        /// The JSON type found.
        found: &'static str,
    },
}

/// A JSON value's type, as the error messages name it.
///
/// ```
/// assert_eq!(pacspace_proof::tree::json_kind(&serde_json::json!(1)), "a number");
/// assert_eq!(pacspace_proof::tree::json_kind(&serde_json::json!({})), "an object");
/// ```
pub fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The leaves of a JSON array of item objects and/or `0x` item hashes, in order.
///
/// ```
/// use pacspace_proof::item_hash;
/// use pacspace_proof::tree::{leaves_from_json, LeavesError};
/// use serde_json::json;
/// let item = json!({"customerId": "c", "delta": 1, "reason": "r"});
/// let h = item_hash(&item).unwrap();
/// assert_eq!(leaves_from_json(&json!([item, h.to_string()])).unwrap(), vec![h, h]);
/// assert_eq!(leaves_from_json(&json!([1])), Err(LeavesError::WrongType { index: 0, found: "a number" }));
/// assert!(leaves_from_json(&json!({"a": 1})).is_err());
/// ```
pub fn leaves_from_json(value: &Value) -> Result<Vec<Hash32>, LeavesError> {
    let items = value.as_array().ok_or(LeavesError::NotArray {
        found: json_kind(value),
    })?;
    items
        .iter()
        .enumerate()
        .map(|(index, v)| match v {
            Value::String(s) => Hash32::parse(s).map_err(|error| LeavesError::BadHash { index, error }),
            Value::Object(_) => item_hash(v).map_err(|error| LeavesError::BadItem { index, error }),
            other => Err(LeavesError::WrongType {
                index,
                found: json_kind(other),
            }),
        })
        .collect()
}
