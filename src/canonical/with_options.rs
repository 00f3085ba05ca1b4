//! Canonical JSON under [`CanonicalOptions`]: RFC 8785, JavaScript object
//! order, lone surrogates written as `JSON.stringify` writes them.

use crate::Hash32;
use crate::canonical::js_order::ordered_members;
use crate::canonical::number::write_number;
use crate::canonical::{
    CanonicalError, CanonicalOptions, JsonString, JsonValue, KeccakSink, MAX_DEPTH, Sink, Strings,
};
use crate::hashing::hash32::hex_digit;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// Streams the canonical JSON of `value` under `options` into `sink`.
///
/// ```
/// use pacspace_proof::canonical::{write_canonical_with, CanonicalOptions, JsonValue, KeyOrder, Strings};
/// let v = JsonValue::parse(r#"{"10":1,"9":2,"b":"\udc00","__proto__":3}"#).unwrap();
/// let js = CanonicalOptions { key_order: KeyOrder::JsObject, strings: Strings::Js };
/// let mut out = Vec::new();
/// write_canonical_with(&mut out, &v, js).unwrap();
/// assert_eq!(out, br#"{"9":2,"10":1,"b":"\udc00"}"#);
/// assert!(write_canonical_with(&mut Vec::new(), &v, CanonicalOptions::RFC8785).is_err()); // lone surrogate
/// ```
pub fn write_canonical_with<S: Sink + ?Sized>(
    sink: &mut S,
    value: &JsonValue,
    options: CanonicalOptions,
) -> Result<(), CanonicalError> {
    write_value(sink, value, options, 0)
}

/// Writes an object whose members are given by reference, keys already in
/// the order `options` writes them (the caller vouches: no duplicate, no
/// array-index or `__proto__` key), nested `depth` levels deep.
pub(crate) fn write_object_of<S: Sink + ?Sized>(
    sink: &mut S,
    members: &[(&str, &JsonValue)],
    options: CanonicalOptions,
    depth: usize,
) -> Result<(), CanonicalError> {
    if depth >= MAX_DEPTH {
        return Err(CanonicalError::TooDeep { limit: MAX_DEPTH });
    }
    sink.write(b"{");
    for (i, (k, v)) in members.iter().enumerate() {
        if i > 0 {
            sink.write(b",");
        }
        crate::canonical::write_string(sink, k);
        sink.write(b":");
        write_value(sink, v, options, depth + 1)?;
    }
    sink.write(b"}");
    Ok(())
}

fn write_value<S: Sink + ?Sized>(
    sink: &mut S,
    value: &JsonValue,
    options: CanonicalOptions,
    depth: usize,
) -> Result<(), CanonicalError> {
    match value {
        JsonValue::Null => sink.write(b"null"),
        JsonValue::Bool(true) => sink.write(b"true"),
        JsonValue::Bool(false) => sink.write(b"false"),
        JsonValue::Number(n) => write_number(sink, *n)?,
        JsonValue::String(s) => write_json_string(sink, s, options.strings)?,
        JsonValue::Array(items) => {
            if depth >= MAX_DEPTH {
                return Err(CanonicalError::TooDeep { limit: MAX_DEPTH });
            }
            sink.write(b"[");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    sink.write(b",");
                }
                write_value(sink, item, options, depth + 1)?;
            }
            sink.write(b"]");
        }
        JsonValue::Object(members) => {
            if depth >= MAX_DEPTH {
                return Err(CanonicalError::TooDeep { limit: MAX_DEPTH });
            }
            sink.write(b"{");
            for (i, (k, v)) in ordered_members(members, options.key_order)
                .into_iter()
                .enumerate()
            {
                if i > 0 {
                    sink.write(b",");
                }
                write_json_string(sink, k, options.strings)?;
                sink.write(b":");
                write_value(sink, v, options, depth + 1)?;
            }
            sink.write(b"}");
        }
    }
    Ok(())
}

/// Writes a string canonically; a lone surrogate is refused or escaped.
///
/// ```
/// use pacspace_proof::canonical::{write_json_string, JsonString, Strings};
/// let mut s = JsonString::from("a\n");
/// s.push_code_unit(0xdbff);
/// let mut out = Vec::new();
/// write_json_string(&mut out, &s, Strings::Js).unwrap();
/// assert_eq!(out, br#""a\n\udbff""#);
/// ```
pub fn write_json_string<S: Sink + ?Sized>(
    sink: &mut S,
    s: &JsonString,
    strings: Strings,
) -> Result<(), CanonicalError> {
    s.write_escaped(sink, |sink, unit| match strings {
        Strings::Refuse => Err(CanonicalError::LoneSurrogate { code_unit: unit }),
        Strings::Js => {
            sink.write(b"\\u");
            for shift in [12u16, 8, 4, 0] {
                sink.write(&[hex_digit((unit >> shift) as u8)]);
            }
            Ok(())
        }
    })
}

/// Canonical JSON text of `value` under `options`.
///
/// ```
/// use pacspace_proof::canonical::{canonical_json_with, CanonicalOptions, JsonValue, KeyOrder, Strings};
/// let v = JsonValue::parse(r#"{"10":1,"9":2,"1":3}"#).unwrap();
/// let order = |key_order| CanonicalOptions { key_order, strings: Strings::Refuse };
/// assert_eq!(canonical_json_with(&v, order(KeyOrder::CodeUnits)).unwrap(), r#"{"1":3,"10":1,"9":2}"#);
/// assert_eq!(canonical_json_with(&v, order(KeyOrder::JsObject)).unwrap(), r#"{"1":3,"9":2,"10":1}"#);
/// ```
pub fn canonical_json_with(value: &JsonValue, options: CanonicalOptions) -> Result<String, CanonicalError> {
    let mut out = Vec::new();
    write_canonical_with(&mut out, value, options)?;
    // Lone surrogates are escaped or refused, so the bytes are UTF-8.
    String::from_utf8(out).map_err(|e| CanonicalError::Json(e.to_string()))
}

/// Parses JSON text as `JSON.parse` does (lone surrogates kept) and returns
/// its canonical form under `options`.
///
/// ```
/// use pacspace_proof::canonical::{canonical_json_str_with, CanonicalOptions, CanonicalError, Strings};
/// let js = CanonicalOptions { strings: Strings::Js, ..Default::default() };
/// assert_eq!(canonical_json_str_with(r#"["\uDC00\u00e9"]"#, js).unwrap(), "[\"\\udc00é\"]");
/// assert_eq!(canonical_json_str_with(r#"["\uDC00"]"#, CanonicalOptions::RFC8785),
///            Err(CanonicalError::LoneSurrogate { code_unit: 0xdc00 }));
/// ```
pub fn canonical_json_str_with(text: &str, options: CanonicalOptions) -> Result<String, CanonicalError> {
    canonical_json_with(&JsonValue::parse(text)?, options)
}

/// Item hash of any JSON item under `options`:
/// `keccak256("pacspace:item:v1:" || canonical_json_with(item, options))`.
///
/// ```
/// use pacspace_proof::canonical::{item_hash_with, CanonicalOptions, JsonValue};
/// let item = serde_json::json!({"customerId": "c.b", "delta": 0.30000000000000004, "reason": "api_call", "referenceId": "inv_95121"});
/// let v = JsonValue::from_serde(&item).unwrap();
/// assert_eq!(item_hash_with(&v, CanonicalOptions::RFC8785).unwrap(), pacspace_proof::item_hash(&item).unwrap());
/// ```
pub fn item_hash_with(item: &JsonValue, options: CanonicalOptions) -> Result<Hash32, CanonicalError> {
    let mut sink = KeccakSink::item();
    write_canonical_with(&mut sink, item, options)?;
    Ok(sink.finish())
}
