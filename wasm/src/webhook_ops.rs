//! Webhook deliveries: the signature over the raw body, and the whole delivery
//! (signature, then the event against the submitted delta and stored receipt).

use crate::ops::{BadInput, hash, parse_json};
use pacspace_proof::Level;
use pacspace_proof::receipt::{DeliveryHeaders, verify_webhook_delivery};
use pacspace_proof::signature::{DEFAULT_TOLERANCE_SECS, SignatureError, verify_webhook_signature};
use serde::{Deserialize, Serialize};

/// A webhook delivery's signature headers and the clock to judge them by, as
/// JavaScript passes them: `{secret, signature, timestamp, nowUnixSecs,
/// toleranceSecs?}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Headers {
    /// The webhook secret (its UTF-8 bytes are the HMAC key).
    pub secret: String,
    /// `X-PacSpace-Signature` as received.
    pub signature: String,
    /// `X-PacSpace-Timestamp` as received.
    pub timestamp: String,
    /// The current time, Unix seconds (the caller's clock).
    pub now_unix_secs: i64,
    /// Accepted distance from now, seconds (default 300).
    #[serde(default = "default_tolerance")]
    pub tolerance_secs: u64,
}

fn default_tolerance() -> u64 {
    DEFAULT_TOLERANCE_SECS
}

/// Reads the headers object's JSON text.
///
/// ```
/// let h = pacspace_proof_wasm::webhook_ops::headers(r#"{"secret":"s","signature":"v1=00","timestamp":"1","nowUnixSecs":1}"#).unwrap();
/// assert_eq!(h.tolerance_secs, 300);
/// assert!(pacspace_proof_wasm::webhook_ops::headers(r#"{"secret":"s"}"#).unwrap_err().contains("signature"));
/// ```
pub fn headers(text: &str) -> Result<Headers, BadInput> {
    serde_json::from_str(text).map_err(|e| format!("headers: {e}"))
}

/// A signature check's outcome: which value matched and how old it is, or
/// why it was refused.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignatureVerdict {
    /// Whether one `v1=` value is the HMAC of `timestamp.body` and the
    /// timestamp is within tolerance.
    pub valid: bool,
    /// Index of the matching `v1=` value.
    pub index: Option<usize>,
    /// The signed timestamp, Unix seconds.
    pub timestamp: Option<i64>,
    /// `now - timestamp`, seconds.
    pub age_secs: Option<i64>,
    /// Why it was refused (`{reason, …}`).
    pub failure: Option<SignatureError>,
    /// The failure's message.
    pub error: Option<String>,
    /// `consistent` when valid (the body is the one signed with the secret;
    /// nothing in the event was compared with your data), else `not_verified`.
    pub level: Level,
    /// What the signature check did not establish.
    pub not_checked: Vec<String>,
}

/// What a signature check alone leaves unchecked.
fn signature_not_checked() -> Vec<String> {
    alloc_list(&[
        "the event: only the signature over the body was checked (verifyWebhookDelivery also checks the event \
         against your delta and stored receiptId)",
        "the public ledger: the root was not looked up on the ledger",
    ])
}

fn alloc_list(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_string()).collect()
}

/// Checks a delivery's signature over the raw body bytes.
///
/// ```
/// let h = pacspace_proof_wasm::webhook_ops::headers(r#"{"secret":"s","signature":"v1=00","timestamp":"1","nowUnixSecs":1}"#).unwrap();
/// let v = pacspace_proof_wasm::webhook_ops::webhook_signature(b"{}", &h);
/// assert!(!v.valid && v.failure.is_some());
/// ```
pub fn webhook_signature(body: &[u8], h: &Headers) -> SignatureVerdict {
    match verify_webhook_signature(
        h.secret.as_bytes(),
        &h.signature,
        &h.timestamp,
        body,
        h.now_unix_secs,
        h.tolerance_secs,
    ) {
        Ok(m) => SignatureVerdict {
            valid: true,
            index: Some(m.index),
            timestamp: Some(m.timestamp),
            age_secs: Some(m.age_secs),
            failure: None,
            error: None,
            level: Level::Consistent,
            not_checked: signature_not_checked(),
        },
        Err(e) => SignatureVerdict {
            valid: false,
            index: None,
            timestamp: None,
            age_secs: None,
            failure: Some(e),
            error: Some(e.to_string()),
            level: Level::NotVerified,
            not_checked: signature_not_checked(),
        },
    }
}

/// Verifies a whole webhook delivery (signature, then the event against the
/// submitted delta and stored receipt); returns the report's JSON text.
///
/// ```
/// let h = pacspace_proof_wasm::webhook_ops::headers(r#"{"secret":"s","signature":"v1=00","timestamp":"1","nowUnixSecs":1}"#).unwrap();
/// let r = pacspace_proof_wasm::webhook_ops::webhook_delivery(br#"{"event":"delta.failed","data":{}}"#, &h, None, None).unwrap();
/// assert!(r.contains(r#""verdict":"notVerified""#));
/// ```
pub fn webhook_delivery(
    body: &[u8],
    h: &Headers,
    submitted_text: Option<&str>,
    stored_receipt: Option<&str>,
) -> Result<String, BadInput> {
    let stored = stored_receipt.map(|r| hash(r, "storedReceipt")).transpose()?;
    let submitted = match submitted_text {
        Some(text) => {
            let v = parse_json(text, "submitted delta")?;
            Some(pacspace_proof::receipt::SubmittedDelta::from_value(&v, 0).map_err(|e| e.to_string())?)
        }
        None => None,
    };
    let headers = DeliveryHeaders {
        secret: h.secret.as_bytes(),
        signature: &h.signature,
        timestamp: &h.timestamp,
        now_unix_secs: h.now_unix_secs,
        tolerance_secs: h.tolerance_secs,
    };
    let report = verify_webhook_delivery(body, &headers, submitted.as_ref(), stored.as_ref())
        .map_err(|e| e.to_string())?;
    serde_json::to_string(&report).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhook_signature_and_delivery() {
        let body =
            br#"{"event":"delta.failed","timestamp":"t","data":{"status":"FAILED","error":"timeout"}}"#;
        let mut buf = [0u8; 67];
        let sig = pacspace_proof::signature::sign_webhook(b"whsec_1", "1700000000", body, &mut buf);
        let h = Headers {
            secret: "whsec_1".into(),
            signature: sig.into(),
            timestamp: "1700000000".into(),
            now_unix_secs: 1_700_000_010,
            tolerance_secs: 300,
        };
        let v = webhook_signature(body, &h);
        assert_eq!((v.valid, v.index, v.age_secs), (true, Some(0), Some(10)));
        assert_eq!(v.level, Level::Consistent);
        assert!(v.not_checked[0].starts_with("the event"));
        let stale = Headers {
            now_unix_secs: 1_800_000_000,
            ..h.clone()
        };
        let v = webhook_signature(body, &stale);
        assert!(matches!(v.failure, Some(SignatureError::StaleTimestamp { .. })));
        assert_eq!(v.level, Level::NotVerified);
        let r = webhook_delivery(body, &h, None, None).unwrap();
        assert!(
            r.contains(r#""name":"signature","basis":"artefact","outcome":"pass""#),
            "{r}"
        );
        let tampered: Vec<u8> = body.iter().map(|&b| if b == b't' { b'T' } else { b }).collect();
        let r = webhook_delivery(&tampered, &h, None, None).unwrap();
        assert!(r.contains(r#""reason":"mismatch""#), "{r}");
    }
}
