//! Reading and writing a bundle's text: the format is checked first (so a
//! newer major version is refused as such, whatever its shape), then the
//! fields, and a malformed field is named.

use crate::bundle::format::short;
use crate::bundle::wire::{BundleItem, BundleMapping, Inclusion, ReceiptFields};
use crate::bundle::{Bundle, BundleError, FormatVersion, LedgerEvidence, RecordedAnswer, Seal, fieldpath};
use crate::receipt::{Artefact, WireError};
use crate::{Hash32, NodeEncoding};
use alloc::string::{String, ToString};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

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
        Bundle::deserialize(value).map_err(|e| locate(obj, e.to_string()))
    }

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
        serde_json::to_value(self).unwrap_or(Value::Null)
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

fn probe<T: DeserializeOwned>(v: Option<&Value>, field: &str) -> Result<(), BundleError> {
    match v {
        None => Err(BundleError::Shape {
            field: field.to_string(),
            message: "missing".into(),
        }),
        Some(v) => T::deserialize(v).map(drop).map_err(|e| BundleError::Shape {
            field: field.to_string(),
            message: e.to_string(),
        }),
    }
}

fn probe_opt<T: DeserializeOwned>(v: Option<&Value>, field: &str) -> Result<(), BundleError> {
    match v {
        None | Some(Value::Null) => Ok(()),
        some => probe::<T>(some, field),
    }
}

/// Names the field a whole-bundle parse error is about, by reading each
/// field on its own (and each element of `items` and `ledger.answers`).
fn locate(obj: &Map<String, Value>, whole: String) -> BundleError {
    let found = (|| {
        probe::<ReceiptFields>(obj.get("receipt"), "receipt")?;
        probe::<Hash32>(obj.get("root"), "root")?;
        probe::<u64>(obj.get("leafCount"), "leafCount")?;
        probe::<NodeEncoding>(obj.get("nodeEncoding"), "nodeEncoding")?;
        probe::<BundleMapping>(obj.get("itemMapping"), "itemMapping")?;
        match obj.get("items") {
            Some(Value::Array(items)) => {
                for (k, item) in items.iter().enumerate() {
                    let field = fieldpath::item(k, "");
                    if let Some(o) = item.as_object() {
                        probe::<u64>(o.get("index"), &fieldpath::item(k, "index"))?;
                        probe::<Hash32>(o.get("itemHash"), &fieldpath::item(k, "itemHash"))?;
                        probe::<Value>(o.get("delta"), &fieldpath::item(k, "delta"))?;
                    }
                    probe::<BundleItem>(Some(item), &field)?;
                }
            }
            other => probe::<alloc::vec::Vec<Value>>(other, "items")?,
        }
        probe::<Inclusion>(obj.get("inclusion"), "inclusion")?;
        if let Some(Value::Object(ledger)) = obj.get("ledger") {
            if let Some(Value::Array(answers)) = ledger.get("answers") {
                for (j, a) in answers.iter().enumerate() {
                    probe::<RecordedAnswer>(Some(a), &fieldpath::indexed("ledger.answers", j, ""))?;
                }
            }
        }
        probe_opt::<LedgerEvidence>(obj.get("ledger"), "ledger")?;
        probe_opt::<String>(obj.get("createdBy"), "createdBy")?;
        probe_opt::<Seal>(obj.get("seal"), "seal")?;
        Ok(())
    })();
    match found {
        Err(e) => e,
        Ok(()) => BundleError::Shape {
            field: String::new(),
            message: whole,
        },
    }
}
