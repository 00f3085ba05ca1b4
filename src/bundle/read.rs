//! Reading and writing a bundle's text: the format is checked first (so a
//! newer major version is refused as such, whatever its shape), then the
//! fields, and a malformed field is named.

use crate::bundle::format::short;
use crate::bundle::reader;
use crate::bundle::{Bundle, BundleError, FormatVersion};
use crate::receipt::{Artefact, WireError};
use alloc::string::{String, ToString};
use serde_json::Value;

impl Bundle {
    /// Reads a bundle's JSON text.
    ///
    /// ```
    /// use pacspace_proof::bundle::{Bundle, BundleError};
    /// assert!(matches!(Bundle::from_json("0x8f3a"), Err(BundleError::Json(_))));
    /// let e = Bundle::from_json(r#"{"format":"pacspace-proof-bundle/v2","anything":1}"#).unwrap_err();
    /// assert!(matches!(e, BundleError::NewerMajor { .. }), "{e}");
    /// let e = Bundle::from_json(r#"{"format":"pacspace-proof-bundle/v1"}"#).unwrap_err();
    /// assert_eq!(e.to_string(), "receipt: missing");
    /// ```
    pub fn from_json(text: &str) -> Result<Self, BundleError> {
        let value: Value = serde_json::from_str(text).map_err(|e| BundleError::Json(e.to_string()))?;
        Self::from_value(&value)
    }

    /// Reads a parsed bundle.
    ///
    /// ```
    /// use pacspace_proof::bundle::{Bundle, BundleError};
    /// let e = Bundle::from_value(&serde_json::json!({"success": true, "data": {"receiptId": "rcpt_1", "status": "QUEUED"}})).unwrap_err();
    /// assert!(e.to_string().contains("delta status answer"), "{e}");
    /// ```
    pub fn from_value(value: &Value) -> Result<Self, BundleError> {
        check_format(value)?;
        reader::bundle(value)
    }
}

/// The format check, before any other field is read.
fn check_format(value: &Value) -> Result<(), BundleError> {
    let Value::Object(obj) = value else {
        return Err(BundleError::NotABundle {
            why: alloc::format!("it is {}, not an object", crate::tree::json_kind(value)),
        });
    };
    match obj.get("format") {
        Some(Value::String(f)) => {
            FormatVersion::parse(f)?.check_supported()?;
        }
        Some(other) => {
            return Err(BundleError::BadFormat {
                found: short(&other.to_string()),
            });
        }
        None => return Err(not_a_bundle(value)),
    }
    Ok(())
}

impl Bundle {
    /// The bundle's text: pretty-printed JSON, newline-terminated.
    ///
    /// ```
    /// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/bundles/v1/emit-one.json")).unwrap();
    /// let b = pacspace_proof::bundle::Bundle::from_json(&text).unwrap();
    /// assert_eq!(b.to_json(), text);
    /// ```
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The bundle as a JSON value.
    ///
    /// ```
    /// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/bundles/v1/emit-one.json")).unwrap();
    /// let b = pacspace_proof::bundle::Bundle::from_json(&text).unwrap();
    /// assert_eq!(b.to_value()["format"], "pacspace-proof-bundle/v1");
    /// ```
    pub fn to_value(&self) -> Value {
        // Through the text: one serializer for the bundle's types, the one that writes it.
        serde_json::to_string(self)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or(Value::Null)
    }
}

/// JSON without `format`: say what it looks like instead.
fn not_a_bundle(value: &Value) -> BundleError {
    let kind = match Artefact::from_value(value.clone()) {
        Ok(a) => Some(a.kind()),
        Err(WireError::Shape { artefact, .. }) => Some(artefact),
        Err(_) => None,
    };
    let why = match kind {
        Some(k) => alloc::format!("it has no \"format\": it looks like a receipt ({k}), not a bundle"),
        None => "it has no \"format\" field".to_string(),
    };
    BundleError::NotABundle { why }
}
