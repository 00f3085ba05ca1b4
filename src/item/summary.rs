//! Summary submissions (docs/spec.md, section 14): the delta the official SDK's
//! submission coordinator sends for a queued usage summary, recomputed from
//! what was queued (`pacspace-sdk` 0.7.0, `submission.py`).

use crate::canonical::{JsonString, JsonValue};
use crate::item::iso_time::{TimestampError, normalize_timestamp};
use crate::item::python_text::{python_ascii_string, python_float_repr, python_strip};
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use sha2::{Digest, Sha256};

/// The coordinator's settings that reach the wire.
///
/// ```
/// let o = pacspace_proof::item::SummaryOptions::default();
/// assert_eq!((o.profile, o.default_reason), ("daily", "usage_summary"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SummaryOptions<'a> {
    /// The submission profile (`daily`, `sub_daily`, `immediate`): sent as
    /// `metadata.summaryProfile`.
    pub profile: &'a str,
    /// The reason sent when the summary has none (`defaultReason`).
    pub default_reason: &'a str,
}

impl Default for SummaryOptions<'_> {
    fn default() -> Self {
        SummaryOptions {
            profile: "daily",
            default_reason: "usage_summary",
        }
    }
}

/// Why the SDK would refuse a queued summary (or why it is outside what is
/// reproduced here).
///
/// ```
/// use pacspace_proof::canonical::JsonValue;
/// use pacspace_proof::item::{wire_delta, SummaryError, SummaryOptions};
/// let s = JsonValue::parse(r#"{"customerId":"  ","delta":1,"windowStart":"2025-01-01","windowEnd":"2025-01-02"}"#).unwrap();
/// assert_eq!(wire_delta(&s, &SummaryOptions::default()), Err(SummaryError::Missing { field: "customerId" }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SummaryError {
    /// The summary is not a JSON object.
    #[error("a summary must be a JSON object")]
    NotObject,
    /// A field the SDK requires is absent, blank (`customerId`) or zero (`delta`).
    #[error("summary: \"{field}\" is missing, blank or zero")]
    Missing {
        /// The field.
        field: &'static str,
    },
    /// A field has a type the SDK refuses, or one it turns into text with
    /// Python's `str()` (not reproduced: give a string).
    #[error("summary: \"{field}\" must be {expected}")]
    WrongType {
        /// The field.
        field: &'static str,
        /// What it must be.
        expected: &'static str,
    },
    /// A window timestamp cannot be normalised.
    #[error("summary: \"{field}\": {error}")]
    Timestamp {
        /// `windowStart` or `windowEnd`.
        field: &'static str,
        /// Why.
        error: TimestampError,
    },
    /// `windowEnd` is not after `windowStart` (compared as normalised text, as the SDK compares).
    #[error("summary: windowEnd {end} is not later than windowStart {start}")]
    WindowOrder {
        /// Normalised `windowStart`.
        start: String,
        /// Normalised `windowEnd`.
        end: String,
    },
}

/// The referenceId the SDK gives a summary queued without one: `"sum_"` and
/// the first 48 hex digits of SHA-256 over Python's
/// `json.dumps({"customerId", "delta", "windowEnd", "windowStart"}, sort_keys=True, separators=(",", ":"))`
/// (`delta` a float, written as Python's `repr`; strings with `ensure_ascii`).
/// Returns `None` for a non-finite delta, which the SDK refuses.
///
/// ```
/// use pacspace_proof::canonical::JsonString;
/// use pacspace_proof::item::summary_reference_id;
/// let id = summary_reference_id(&JsonString::from("cust_1"), 12.0, "2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z").unwrap();
/// assert!(id.starts_with("sum_") && id.len() == 52);
/// ```
pub fn summary_reference_id(
    customer_id: &JsonString,
    delta: f64,
    window_start: &str,
    window_end: &str,
) -> Option<String> {
    let mut text = String::from("{\"customerId\":");
    python_ascii_string(&mut text, customer_id);
    text.push_str(",\"delta\":");
    if !python_float_repr(&mut text, delta) {
        return None;
    }
    text.push_str(",\"windowEnd\":");
    python_ascii_string(&mut text, &JsonString::from(window_end));
    text.push_str(",\"windowStart\":");
    python_ascii_string(&mut text, &JsonString::from(window_start));
    text.push('}');
    let digest = Sha256::digest(text.as_bytes());
    let mut id = String::from("sum_");
    for byte in digest.iter().take(24) {
        id.push(char::from(crate::hashing::hash32::hex_digit(byte >> 4)));
        id.push(char::from(crate::hashing::hash32::hex_digit(*byte)));
    }
    Some(id)
}

/// Python's truth value of a JSON value (`None`, `False`, `0`, `""`, `[]`, `{}` are false).
fn truthy(v: &JsonValue) -> bool {
    match v {
        JsonValue::Null => false,
        JsonValue::Bool(b) => *b,
        JsonValue::Number(n) => *n != 0.0,
        JsonValue::String(s) => s.units().next().is_some(),
        JsonValue::Array(a) => !a.is_empty(),
        JsonValue::Object(o) => !o.is_empty(),
    }
}

fn window(summary: &JsonValue, field: &'static str) -> Result<String, SummaryError> {
    match summary.get(field) {
        Some(JsonValue::String(s)) => {
            // A lone surrogate cannot be part of a valid timestamp.
            normalize_timestamp(s.as_str().unwrap_or("\u{fffd}"))
                .map_err(|error| SummaryError::Timestamp { field, error })
        }
        None => Err(SummaryError::Missing { field }),
        Some(_) => Err(SummaryError::WrongType {
            field,
            expected: "an ISO-8601 timestamp string",
        }),
    }
}

/// The delta the SDK's submission coordinator sends for a queued summary
/// (`queue_summary` then a flush), as the batch endpoint receives it:
///
/// - `customerId`: stripped of whitespace (required);
/// - `delta`: the amount as a float (finite, non-zero; `true` counts as 1, as in Python);
/// - `reason`: the summary's, or `options.default_reason` when absent or empty;
/// - `referenceId`: the summary's, stripped, or [`summary_reference_id`] when absent or blank;
/// - `metadata`: `summaryWindowStart`, `summaryWindowEnd` (normalised to UTC,
///   `…Z`), `summaryProfile`, `submissionType: "tenant_summary"`, then the
///   summary's own `metadata` object, whose keys win.
///
/// ```
/// use pacspace_proof::canonical::{canonical_json_with, CanonicalOptions, JsonValue};
/// use pacspace_proof::item::{wire_delta, SummaryOptions};
/// let queued = JsonValue::parse(r#"{"customerId":" c1 ","delta":5,"windowStart":"2025-01-01T00:00:00+01:00",
///     "windowEnd":"2025-01-02","metadata":{"plan":"pro"}}"#).unwrap();
/// let sent = wire_delta(&queued, &SummaryOptions::default()).unwrap();
/// let text = canonical_json_with(&sent, CanonicalOptions::RFC8785).unwrap();
/// assert!(text.starts_with(r#"{"customerId":"c1","delta":5,"metadata":{"plan":"pro","submissionType":"tenant_summary","summaryProfile":"daily","summaryWindowEnd":"2025-01-02T00:00:00Z","summaryWindowStart":"2024-12-31T23:00:00Z"},"reason":"usage_summary","referenceId":"sum_"#));
///
/// // A window that is absent, or not a string, is named as such.
/// use pacspace_proof::item::SummaryError;
/// let no_end = JsonValue::parse(r#"{"customerId":"c1","delta":5,"windowStart":"2025-01-01"}"#).unwrap();
/// assert_eq!(wire_delta(&no_end, &SummaryOptions::default()), Err(SummaryError::Missing { field: "windowEnd" }));
/// let number_end = JsonValue::parse(r#"{"customerId":"c1","delta":5,"windowStart":"2025-01-01","windowEnd":20250102}"#).unwrap();
/// assert!(matches!(wire_delta(&number_end, &SummaryOptions::default()), Err(SummaryError::WrongType { field: "windowEnd", .. })));
/// ```
pub fn wire_delta(summary: &JsonValue, options: &SummaryOptions<'_>) -> Result<JsonValue, SummaryError> {
    if !matches!(summary, JsonValue::Object(_)) {
        return Err(SummaryError::NotObject);
    }
    let customer_id = match summary.get("customerId") {
        Some(JsonValue::String(s)) => python_strip(s),
        None => JsonString::new(),
        Some(_) => {
            return Err(SummaryError::WrongType {
                field: "customerId",
                expected: "a string",
            });
        }
    };
    if customer_id.units().next().is_none() {
        return Err(SummaryError::Missing { field: "customerId" });
    }
    let delta = match summary.get("delta") {
        Some(JsonValue::Number(n)) => *n,
        Some(JsonValue::Bool(b)) => f64::from(u8::from(*b)),
        _ => {
            return Err(SummaryError::WrongType {
                field: "delta",
                expected: "a number",
            });
        }
    };
    if delta == 0.0 || !delta.is_finite() {
        return Err(SummaryError::Missing { field: "delta" });
    }
    let start = window(summary, "windowStart")?;
    let end = window(summary, "windowEnd")?;
    if end <= start {
        return Err(SummaryError::WindowOrder { start, end });
    }
    let reference_id = match summary.get("referenceId") {
        Some(JsonValue::String(s)) if python_strip(s).units().next().is_some() => python_strip(s),
        _ => summary_reference_id(&customer_id, delta, &start, &end)
            .map(JsonString::from)
            .ok_or(SummaryError::Missing { field: "delta" })?,
    };
    let reason = match summary.get("reason") {
        Some(JsonValue::String(s)) if truthy(&JsonValue::String(s.clone())) => s.clone(),
        Some(v) if truthy(v) => {
            return Err(SummaryError::WrongType {
                field: "reason",
                expected: "a string",
            });
        }
        _ => JsonString::from(options.default_reason),
    };
    let text = |s: &str| JsonValue::String(JsonString::from(s));
    let mut metadata: Vec<(JsonString, JsonValue)> = vec![
        (JsonString::from("summaryWindowStart"), text(&start)),
        (JsonString::from("summaryWindowEnd"), text(&end)),
        (JsonString::from("summaryProfile"), text(options.profile)),
        (JsonString::from("submissionType"), text("tenant_summary")),
    ];
    // The summary's own metadata (an object; anything else is dropped) is
    // spread last: its keys win.
    if let Some(JsonValue::Object(own)) = summary.get("metadata") {
        metadata.extend(own.iter().cloned());
    }
    Ok(JsonValue::Object(vec![
        (JsonString::from("customerId"), JsonValue::String(customer_id)),
        (JsonString::from("delta"), JsonValue::Number(delta)),
        (JsonString::from("reason"), JsonValue::String(reason)),
        (JsonString::from("referenceId"), JsonValue::String(reference_id)),
        (JsonString::from("metadata"), JsonValue::Object(metadata)),
    ]))
}
