//! Canonical JSON of any `serde_json::Value` (docs/spec.md, section 3), and the item
//! hash of any JSON item.

use crate::Hash32;
use crate::canonical::number::{NumberError, write_number};
use crate::canonical::string::write_string;
use crate::canonical::{KeccakSink, MAX_DEPTH, Sink};
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::Value;

/// Why a value has no canonical form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CanonicalError {
    /// The text is not JSON (or a number is beyond the double range).
    #[error("not valid JSON: {0}")]
    Json(String),
    /// A number is NaN or infinite.
    #[error(transparent)]
    Number(#[from] NumberError),
    /// Arrays/objects nest deeper than [`MAX_DEPTH`].
    #[error("nesting deeper than {limit} levels")]
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// A string holds a lone surrogate, which RFC 8785 refuses
    /// ([`Strings::Refuse`](crate::canonical::Strings::Refuse)).
    #[error(
        "a string holds the lone surrogate \\u{code_unit:04x}, which RFC 8785 refuses (JSON.stringify escapes it: strings \"js\")"
    )]
    LoneSurrogate {
        /// The surrogate code unit.
        code_unit: u16,
    },
}

/// Streams the canonical JSON of `value` into `sink`.
///
/// ```
/// let v = serde_json::json!({"b": [1.0, "x"], "a": null});
/// let mut out = Vec::new();
/// pacspace_proof::canonical::write_canonical(&mut out, &v).unwrap();
/// assert_eq!(out, br#"{"a":null,"b":[1,"x"]}"#);
/// ```
pub fn write_canonical<S: Sink + ?Sized>(sink: &mut S, value: &Value) -> Result<(), CanonicalError> {
    write_value(sink, value, 0)
}

fn write_value<S: Sink + ?Sized>(sink: &mut S, value: &Value, depth: usize) -> Result<(), CanonicalError> {
    match value {
        Value::Null => sink.write(b"null"),
        Value::Bool(true) => sink.write(b"true"),
        Value::Bool(false) => sink.write(b"false"),
        Value::Number(n) => write_number(sink, number_as_f64(n))?,
        Value::String(s) => write_string(sink, s),
        Value::Array(items) => {
            if depth >= MAX_DEPTH {
                return Err(CanonicalError::TooDeep { limit: MAX_DEPTH });
            }
            sink.write(b"[");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    sink.write(b",");
                }
                write_value(sink, item, depth + 1)?;
            }
            sink.write(b"]");
        }
        Value::Object(map) => {
            if depth >= MAX_DEPTH {
                return Err(CanonicalError::TooDeep { limit: MAX_DEPTH });
            }
            sink.write(b"{");
            if in_utf16_order(map) {
                write_members(sink, map.iter(), depth)?;
            } else {
                let mut entries: Vec<(&String, &Value)> = map.iter().collect();
                entries.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
                write_members(sink, entries.into_iter(), depth)?;
            }
            sink.write(b"}");
        }
    }
    Ok(())
}

/// True when the map already iterates in UTF-16 key order, so no sort is
/// needed. serde_json's default map iterates in byte (code point) order, which
/// equals UTF-16 order unless a key holds a character at or above U+E000 (UTF-8
/// lead byte 0xEE or more); the order itself is checked too, since another
/// crate may switch serde_json to insertion order.
fn in_utf16_order(map: &serde_json::Map<String, Value>) -> bool {
    let mut prev: Option<&str> = None;
    for k in map.keys() {
        if k.bytes().any(|b| b >= 0xEE) {
            return false;
        }
        if prev.is_some_and(|p| p.as_bytes() >= k.as_bytes()) {
            return false;
        }
        prev = Some(k);
    }
    true
}

fn write_members<'v, S: Sink + ?Sized>(
    sink: &mut S,
    members: impl Iterator<Item = (&'v String, &'v Value)>,
    depth: usize,
) -> Result<(), CanonicalError> {
    for (i, (k, v)) in members.enumerate() {
        if i > 0 {
            sink.write(b",");
        }
        write_string(sink, k);
        sink.write(b":");
        write_value(sink, v, depth + 1)?;
    }
    Ok(())
}

/// The double JavaScript would hold for this JSON number.
pub(crate) fn number_as_f64(n: &serde_json::Number) -> f64 {
    if let Some(u) = n.as_u64() {
        u as f64
    } else if let Some(i) = n.as_i64() {
        i as f64
    } else {
        n.as_f64().unwrap_or(f64::NAN)
    }
}

/// Canonical JSON text of `value`.
///
/// ```
/// let v = serde_json::json!({"é": 1, "z": 2, "Z": 3, "😀": 4, "｡": 5});
/// assert_eq!(pacspace_proof::canonical_json(&v).unwrap(), r#"{"Z":3,"z":2,"é":1,"😀":4,"｡":5}"#);
/// ```
pub fn canonical_json(value: &Value) -> Result<String, CanonicalError> {
    let mut out = Vec::new();
    write_canonical(&mut out, value)?;
    // Every byte written comes from &str or ASCII, so this cannot fail.
    String::from_utf8(out).map_err(|e| CanonicalError::Json(e.to_string()))
}

/// Parses JSON text as JavaScript's `JSON.parse` would (numbers as doubles)
/// and returns its canonical form.
///
/// ```
/// assert_eq!(pacspace_proof::canonical::canonical_json_str(r#"{"n": [1.0, 1e21, 9007199254740993]}"#).unwrap(),
///            r#"{"n":[1,1e+21,9007199254740992]}"#);
/// assert!(pacspace_proof::canonical::canonical_json_str("{").is_err());
/// ```
pub fn canonical_json_str(text: &str) -> Result<String, CanonicalError> {
    let value = parse_json(text)?;
    canonical_json(&value)
}

/// Parses JSON text into a value, with the parser's recursion limit.
pub(crate) fn parse_json(text: &str) -> Result<Value, CanonicalError> {
    serde_json::from_str(text).map_err(|e| CanonicalError::Json(e.to_string()))
}

/// Item hash of any JSON item: `keccak256("pacspace:item:v1:" || canonical_json(item))`,
/// streamed into the hasher.
///
/// ```
/// let item = serde_json::json!({"customerId": "c.b", "delta": 0.30000000000000004, "reason": "api_call", "referenceId": "inv_95121"});
/// assert_eq!(pacspace_proof::item_hash(&item).unwrap().to_string(),
///            "0x9a58b0c8e989f3cb2f60d583494038965bcaf46210a61906d834e374d4d01ad2");
/// ```
pub fn item_hash(item: &Value) -> Result<Hash32, CanonicalError> {
    let mut sink = KeccakSink::item();
    write_canonical(&mut sink, item)?;
    Ok(sink.finish())
}
