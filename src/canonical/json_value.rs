//! A JSON value as JavaScript's `JSON.parse` holds it: numbers as doubles,
//! strings that may hold lone surrogates ([`JsonString`]).

use crate::canonical::number_as_f64;
use crate::canonical::{CanonicalError, JsonString, MAX_DEPTH};
use alloc::vec::Vec;

/// A JSON value whose strings may hold lone surrogates.
///
/// An object keeps its members as read; a key given twice counts once, with
/// its last value, as in `JSON.parse` ([`JsonValue::get`] and the canonical
/// writers follow that rule).
///
/// ```
/// use pacspace_proof::canonical::JsonValue;
/// let v = JsonValue::parse(r#"{"a":1,"s":"\udc00","a":2}"#).unwrap();
/// assert_eq!(v.get("a"), Some(&JsonValue::Number(2.0)));
/// assert!(v.has_lone_surrogate());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum JsonValue {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as the double JavaScript holds (always finite).
    Number(f64),
    /// A string.
    String(JsonString),
    /// An array.
    Array(Vec<JsonValue>),
    /// An object's members, in the order read.
    Object(Vec<(JsonString, JsonValue)>),
}

impl JsonValue {
    /// The value of member `key` of an object (its last occurrence).
    ///
    /// ```
    /// use pacspace_proof::canonical::JsonValue;
    /// assert_eq!(JsonValue::parse(r#"{"k":true}"#).unwrap().get("k"), Some(&JsonValue::Bool(true)));
    /// assert_eq!(JsonValue::parse("[]").unwrap().get("k"), None);
    /// ```
    pub fn get(&self, key: &str) -> Option<&JsonValue> {
        match self {
            JsonValue::Object(members) => members
                .iter()
                .rev()
                .find(|(k, _)| k.wtf8() == key.as_bytes())
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// Whether any string (or object key) holds a lone surrogate.
    ///
    /// ```
    /// use pacspace_proof::canonical::JsonValue;
    /// assert!(JsonValue::parse(r#"[{"\ud800":0}]"#).unwrap().has_lone_surrogate());
    /// assert!(!JsonValue::parse(r#"["\ud83d\ude00"]"#).unwrap().has_lone_surrogate());
    /// ```
    pub fn has_lone_surrogate(&self) -> bool {
        match self {
            JsonValue::String(s) => s.has_lone_surrogate(),
            JsonValue::Array(items) => items.iter().any(JsonValue::has_lone_surrogate),
            JsonValue::Object(members) => members
                .iter()
                .any(|(k, v)| k.has_lone_surrogate() || v.has_lone_surrogate()),
            _ => false,
        }
    }

    /// Whether some object holds a key that JavaScript's object order treats
    /// apart (an array index or `__proto__`): only then can
    /// [`KeyOrder::JsObject`](crate::canonical::KeyOrder::JsObject) differ
    /// from RFC 8785's order.
    ///
    /// ```
    /// use pacspace_proof::canonical::JsonValue;
    /// assert!(JsonValue::parse(r#"{"m":{"10":1}}"#).unwrap().has_js_order_keys());
    /// assert!(!JsonValue::parse(r#"{"m":{"01":1}}"#).unwrap().has_js_order_keys());
    /// ```
    pub fn has_js_order_keys(&self) -> bool {
        match self {
            JsonValue::Array(items) => items.iter().any(JsonValue::has_js_order_keys),
            JsonValue::Object(members) => members
                .iter()
                .any(|(k, v)| crate::canonical::js_order::is_js_special(k) || v.has_js_order_keys()),
            _ => false,
        }
    }

    /// The same value from a `serde_json::Value` (numbers as JavaScript's
    /// doubles); nesting deeper than [`MAX_DEPTH`] is refused.
    ///
    /// ```
    /// use pacspace_proof::canonical::JsonValue;
    /// let v = JsonValue::from_serde(&serde_json::json!({"n": 9007199254740993u64})).unwrap();
    /// assert_eq!(v.get("n"), Some(&JsonValue::Number(9007199254740992.0)));
    /// ```
    pub fn from_serde(value: &serde_json::Value) -> Result<JsonValue, CanonicalError> {
        from_serde_at(value, 0)
    }
}

fn from_serde_at(value: &serde_json::Value, depth: usize) -> Result<JsonValue, CanonicalError> {
    use serde_json::Value;
    Ok(match value {
        Value::Null => JsonValue::Null,
        Value::Bool(b) => JsonValue::Bool(*b),
        Value::Number(n) => JsonValue::Number(number_as_f64(n)),
        Value::String(s) => JsonValue::String(JsonString::from(s.as_str())),
        Value::Array(items) => {
            if depth >= MAX_DEPTH {
                return Err(CanonicalError::TooDeep { limit: MAX_DEPTH });
            }
            JsonValue::Array(
                items
                    .iter()
                    .map(|v| from_serde_at(v, depth + 1))
                    .collect::<Result<_, _>>()?,
            )
        }
        Value::Object(map) => {
            if depth >= MAX_DEPTH {
                return Err(CanonicalError::TooDeep { limit: MAX_DEPTH });
            }
            JsonValue::Object(
                map.iter()
                    .map(|(k, v)| Ok((JsonString::from(k.as_str()), from_serde_at(v, depth + 1)?)))
                    .collect::<Result<_, CanonicalError>>()?,
            )
        }
    })
}
