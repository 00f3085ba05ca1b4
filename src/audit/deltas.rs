//! The submitted deltas, as sent: one JSON object per line (`customerId`,
//! `delta` or `amount`, `reason`, optional `referenceId` and `metadata`,
//! other keys ignored), or a CSV record under the header
//! `customerId,delta,reason,referenceId,metadata`. The amount's text is kept
//! for the exact decimal sum; the item is hashed as the receipt verifier
//! hashes it, under one mapping for the whole export.

use super::decimal::Decimal;
use super::store::ParsedDelta;
use crate::canonical::{CanonicalError, CanonicalStr, NumberError, canonical_json};
use crate::{DeltaItem, Hash32, ItemMapping};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::format;
use std::string::{String, ToString};

/// Why a submitted delta could not be read.
///
/// ```
/// let mut a = pacspace_proof::audit::Audit::new(Default::default());
/// let e = a.push_delta_line(br#"{"customerId":"c","delta":"1","reason":"r"}"#, 2).unwrap_err();
/// assert_eq!(e.to_string(), "deltas line 2: \"delta\" must be a number");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DeltaError {
    /// The line is not JSON.
    #[error("not valid JSON: {0}")]
    Json(String),
    /// The line is JSON but not an object.
    #[error("a delta must be a JSON object")]
    NotObject,
    /// A required field is absent (or null, or an empty CSV cell).
    #[error("\"{0}\" is missing")]
    Missing(&'static str),
    /// A field has the wrong type.
    #[error("\"{field}\" must be {expected}")]
    WrongType {
        /// The field.
        field: &'static str,
        /// What it must be.
        expected: &'static str,
    },
    /// Both `delta` and `amount` are given.
    #[error("give the amount as \"delta\" or \"amount\", not both")]
    BothAmountKeys,
    /// The amount has no canonical form (NaN, infinite).
    #[error("amount: {0}")]
    Number(NumberError),
    /// `metadata` has no canonical form.
    #[error("metadata: {0}")]
    Metadata(CanonicalError),
    /// The CSV header lacks a column.
    #[error("CSV header: {0}")]
    CsvHeader(String),
    /// A CSV record is malformed.
    #[error("CSV: {0}")]
    Csv(String),
}

/// Which way the submitted deltas are written.
///
/// ```
/// use pacspace_proof::audit::DeltaFormat;
/// assert_eq!("csv".parse(), Ok(DeltaFormat::Csv));
/// assert!("xml".parse::<DeltaFormat>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DeltaFormat {
    /// One JSON object per line.
    #[default]
    Jsonl,
    /// CSV with a header.
    Csv,
}

impl core::str::FromStr for DeltaFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "jsonl" => Ok(DeltaFormat::Jsonl),
            "csv" => Ok(DeltaFormat::Csv),
            other => Err(format!("deltas format must be jsonl or csv, not {other:?}")),
        }
    }
}

#[derive(Deserialize)]
struct DeltaLine<'a> {
    #[serde(borrow, default, rename = "customerId")]
    customer_id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    delta: Option<&'a RawValue>,
    #[serde(borrow, default)]
    amount: Option<&'a RawValue>,
    #[serde(borrow, default)]
    reason: Option<&'a RawValue>,
    #[serde(borrow, default, rename = "referenceId")]
    reference_id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    metadata: Option<&'a RawValue>,
}

/// The fields of one delta, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DeltaFields<'a> {
    pub(crate) customer_id: Cow<'a, str>,
    /// JSON number text.
    pub(crate) amount: Cow<'a, str>,
    pub(crate) reason: Cow<'a, str>,
    pub(crate) reference_id: Option<Cow<'a, str>>,
    /// JSON text of the metadata.
    pub(crate) metadata: Option<Cow<'a, str>>,
}

fn string_field<'a>(
    raw: Option<&'a RawValue>,
    field: &'static str,
) -> Result<Option<Cow<'a, str>>, DeltaError> {
    match raw {
        None => Ok(None),
        Some(r) if r.get().starts_with('"') => {
            let s: Cow<'a, str> = match serde_json::from_str::<&'a str>(r.get()) {
                Ok(s) => Cow::Borrowed(s),
                Err(_) => Cow::Owned(
                    serde_json::from_str::<String>(r.get()).map_err(|e| DeltaError::Json(e.to_string()))?,
                ),
            };
            Ok(Some(s))
        }
        Some(_) => Err(DeltaError::WrongType {
            field,
            expected: "a string",
        }),
    }
}

/// Reads the fields of one JSONL line.
pub(crate) fn jsonl_fields(line: &[u8]) -> Result<DeltaFields<'_>, DeltaError> {
    if line.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(match serde_json::from_slice::<serde::de::IgnoredAny>(line) {
            Ok(_) => DeltaError::NotObject,
            Err(e) => DeltaError::Json(e.to_string()),
        });
    }
    let v: DeltaLine<'_> = serde_json::from_slice(line).map_err(|e| DeltaError::Json(e.to_string()))?;
    let customer_id = string_field(v.customer_id, "customerId")?.ok_or(DeltaError::Missing("customerId"))?;
    let reason = string_field(v.reason, "reason")?.ok_or(DeltaError::Missing("reason"))?;
    let (key, raw) = match (v.delta, v.amount) {
        (Some(_), Some(_)) => return Err(DeltaError::BothAmountKeys),
        (Some(r), None) => ("delta", r),
        (None, Some(r)) => ("amount", r),
        (None, None) => return Err(DeltaError::Missing("delta")),
    };
    let text = raw.get();
    if !text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        return Err(DeltaError::WrongType {
            field: key,
            expected: "a number",
        });
    }
    Ok(DeltaFields {
        customer_id,
        amount: Cow::Borrowed(text),
        reason,
        reference_id: string_field(v.reference_id, "referenceId")?,
        metadata: v.metadata.map(|m| Cow::Borrowed(m.get())),
    })
}

/// The double JavaScript's `JSON.parse` gives for a JSON number text.
pub(crate) fn js_number(text: &str) -> Result<f64, DeltaError> {
    let n: serde_json::Number = serde_json::from_str(text).map_err(|e| DeltaError::Json(e.to_string()))?;
    Ok(crate::canonical::number_as_f64(&n))
}

/// A delta's fields ready to hash: the amount as JavaScript reads it and
/// the metadata as canonical JSON text.
pub(crate) struct Prepared<'f> {
    fields: &'f DeltaFields<'f>,
    amount: f64,
    metadata: Option<Cow<'f, str>>,
}

impl<'f> Prepared<'f> {
    /// The item whose hash the service records for this delta.
    pub(crate) fn item(&self) -> DeltaItem<'_> {
        DeltaItem {
            customer_id: &self.fields.customer_id,
            amount: self.amount,
            reason: &self.fields.reason,
            reference_id: self.fields.reference_id.as_deref(),
            metadata: self.metadata.as_deref().map(CanonicalStr::from_writer),
        }
    }

    /// The delta as the audit stores it, with its item hash.
    pub(crate) fn finish(&self, line: u64, hash: Hash32) -> ParsedDelta {
        let f = self.fields;
        ParsedDelta {
            line,
            hash,
            customer: f.customer_id.to_string(),
            reason: f.reason.to_string(),
            reference: f.reference_id.as_deref().map(Into::into),
            amount: self.amount,
            decimal: Decimal::parse(&f.amount).ok(),
        }
    }
}

impl DeltaFields<'_> {
    /// Reads the amount and puts the metadata in canonical form.
    pub(crate) fn prepare(&self) -> Result<Prepared<'_>, DeltaError> {
        let amount = js_number(&self.amount)?;
        let metadata: Option<Cow<'_, str>> = match self.metadata.as_deref() {
            None | Some("null") => None,
            Some(text) if CanonicalStr::new(text).is_ok() => Some(Cow::Borrowed(text)),
            Some(text) => {
                let v: serde_json::Value = serde_json::from_str(text)
                    .map_err(|e| DeltaError::Metadata(CanonicalError::Json(e.to_string())))?;
                Some(Cow::Owned(canonical_json(&v).map_err(DeltaError::Metadata)?))
            }
        };
        Ok(Prepared {
            fields: self,
            amount,
            metadata,
        })
    }

    /// Hashes the item under `mapping`; `line` is kept for the report.
    pub(crate) fn parse(&self, line: u64, mapping: ItemMapping) -> Result<ParsedDelta, DeltaError> {
        let prepared = self.prepare()?;
        let hash = prepared.item().item_hash(mapping).map_err(DeltaError::Number)?;
        Ok(prepared.finish(line, hash))
    }
}

/// The columns of a deltas CSV header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CsvColumns {
    customer_id: usize,
    amount: usize,
    reason: usize,
    reference_id: Option<usize>,
    metadata: Option<usize>,
}

impl CsvColumns {
    /// Finds the columns by name (`delta` or `amount` for the amount).
    pub(crate) fn from_header(cells: &[String]) -> Result<Self, DeltaError> {
        let find = |name: &str| cells.iter().position(|c| c.trim() == name);
        let need = |name: &'static str| {
            find(name).ok_or_else(|| DeltaError::CsvHeader(format!("no \"{name}\" column")))
        };
        Ok(CsvColumns {
            customer_id: need("customerId")?,
            amount: find("delta")
                .or_else(|| find("amount"))
                .ok_or_else(|| DeltaError::CsvHeader("no \"delta\" column".into()))?,
            reason: need("reason")?,
            reference_id: find("referenceId"),
            metadata: find("metadata"),
        })
    }

    /// The fields of one record (an empty cell is an absent field).
    pub(crate) fn fields<'a>(&self, cells: &'a [String]) -> Result<DeltaFields<'a>, DeltaError> {
        let cell = |i: usize| cells.get(i).map(String::as_str).filter(|c| !c.is_empty());
        let amount = cell(self.amount).ok_or(DeltaError::Missing("delta"))?;
        if Decimal::parse(amount) == Err(super::decimal::DecimalError::Syntax) {
            return Err(DeltaError::WrongType {
                field: "delta",
                expected: "a JSON number",
            });
        }
        Ok(DeltaFields {
            customer_id: Cow::Borrowed(cell(self.customer_id).ok_or(DeltaError::Missing("customerId"))?),
            amount: Cow::Borrowed(amount),
            reason: Cow::Borrowed(cell(self.reason).ok_or(DeltaError::Missing("reason"))?),
            reference_id: self.reference_id.and_then(cell).map(Cow::Borrowed),
            metadata: self.metadata.and_then(cell).map(Cow::Borrowed),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::receipt::SubmittedDelta;
    use std::string::String;
    use std::vec::Vec;

    #[test]
    fn hashes_as_the_receipt_verifier_does() {
        for text in [
            r#"{"customerId":"c","delta":1.50,"reason":"r"}"#,
            r#"{"customerId":"c\u00e9","amount":-2e-7,"reason":"r","referenceId":"x","metadata":{"b":1,"a":[1.0]}}"#,
            r#"{"customerId":"c","delta":9007199254740993,"reason":"r","referenceId":null,"metadata":null,"sentAt":1}"#,
        ] {
            for m in ItemMapping::ALL {
                let ours = jsonl_fields(text.as_bytes()).unwrap().parse(1, m).unwrap();
                let theirs = SubmittedDelta::from_json(text).unwrap();
                assert_eq!(ours.hash, theirs.item_hash(m).unwrap(), "{text} {m}");
                assert_eq!(ours.amount, theirs.amount);
            }
        }
    }

    #[test]
    fn refuses_what_is_not_a_delta() {
        let err = |t: &str| {
            jsonl_fields(t.as_bytes())
                .and_then(|f| f.parse(1, ItemMapping::default()))
                .unwrap_err()
        };
        assert_eq!(err(r#"["c",1,"r"]"#), DeltaError::NotObject);
        assert_eq!(
            err(r#"{"customerId":"c","reason":"r"}"#),
            DeltaError::Missing("delta")
        );
        assert_eq!(
            err(r#"{"customerId":"c","delta":1,"amount":1,"reason":"r"}"#),
            DeltaError::BothAmountKeys
        );
        assert_eq!(
            err(r#"{"customerId":"c","delta":"1","reason":"r"}"#),
            DeltaError::WrongType {
                field: "delta",
                expected: "a number"
            }
        );
        assert_eq!(
            err(r#"{"customerId":5,"delta":1,"reason":"r"}"#),
            DeltaError::WrongType {
                field: "customerId",
                expected: "a string"
            }
        );
        assert!(matches!(err("{"), DeltaError::Json(_)));
    }

    #[test]
    fn csv_columns_by_name() {
        let header: Vec<String> = ["reason", "customerId", "delta", "metadata"]
            .map(String::from)
            .to_vec();
        let cols = CsvColumns::from_header(&header).unwrap();
        let rec: Vec<String> = ["r", "c", "0.1", r#"{"k":1}"#].map(String::from).to_vec();
        let f = cols.fields(&rec).unwrap();
        assert_eq!(
            (f.customer_id.as_ref(), f.amount.as_ref(), f.reference_id.clone()),
            ("c", "0.1", None)
        );
        let json =
            jsonl_fields(br#"{"customerId":"c","delta":0.1,"reason":"r","metadata":{"k":1}}"#).unwrap();
        let m = ItemMapping::default();
        assert_eq!(f.parse(2, m).unwrap().hash, json.parse(2, m).unwrap().hash);
        let bad: Vec<String> = ["r", "c", "0.1.2", ""].map(String::from).to_vec();
        assert!(cols.fields(&bad).is_err());
        assert!(CsvColumns::from_header(&["customerId".to_string()]).is_err());
    }
}
