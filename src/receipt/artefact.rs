//! One call for any artefact: recognise what the JSON is, parse it strictly,
//! verify it.

use crate::Hash32;
use crate::receipt::batch::verify_batch;
use crate::receipt::emit::verify_emit;
use crate::receipt::mapping::{DeltaInputError, SubmittedDelta};
use crate::receipt::status::verify_delta_status;
use crate::receipt::verify_answer::verify_public_answer;
use crate::receipt::webhook::verify_webhook;
use crate::receipt::wire::{
    BatchResponse, DeltaStatusResponse, EmitResponse, Envelope, VerifyAnswer, WebhookEvent,
};
use crate::receipt::{ArtefactKind, Report};
use alloc::boxed::Box;
use alloc::format;
use alloc::string::{String, ToString};
use serde_json::{Map, Value};

/// Why an artefact could not be read (bad input, not a failed check).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WireError {
    /// Not JSON.
    #[error("not valid JSON: {0}")]
    Json(String),
    /// JSON, but not any artefact this library knows.
    #[error("not a recognised PacSpace artefact: {0}")]
    Unrecognised(String),
    /// Recognised, but a checked field is missing or malformed.
    #[error("malformed {artefact}: {message}")]
    Shape {
        /// What it looked like.
        artefact: ArtefactKind,
        /// serde's message (field and position).
        message: String,
    },
    /// The submitted deltas could not be read.
    #[error(transparent)]
    Deltas(#[from] DeltaInputError),
}

/// Any artefact the service hands out.
#[derive(Debug, Clone, PartialEq)]
pub enum Artefact {
    /// An emit response.
    Emit(Box<EmitResponse>),
    /// A batch response.
    Batch(Box<BatchResponse>),
    /// A delta status answer.
    DeltaStatus(Box<DeltaStatusResponse>),
    /// A webhook event.
    Webhook(Box<WebhookEvent>),
    /// A verify-endpoint answer.
    VerifyAnswer(Box<VerifyAnswer>),
}

fn shape<T: serde::de::DeserializeOwned>(artefact: ArtefactKind, v: Value) -> Result<T, WireError> {
    serde_json::from_value(v).map_err(|e| WireError::Shape {
        artefact,
        message: e.to_string(),
    })
}

fn envelope<T: serde::de::DeserializeOwned>(
    artefact: ArtefactKind,
    outer: Map<String, Value>,
    payload: Value,
    enveloped: bool,
) -> Result<Envelope<T>, WireError> {
    if enveloped {
        shape(artefact, Value::Object(outer))
    } else {
        Ok(Envelope {
            success: None,
            data: shape(artefact, payload)?,
            extra: Map::new(),
        })
    }
}

impl Artefact {
    /// Recognises and parses an artefact, enveloped (`{success, data}`) or not:
    /// an `event` key means a webhook; then, in the payload, `results` a batch,
    /// `itemHashes` an emit, `proofRoot` / `records` / `verified` /
    /// `contentHash` / `proofHash` a verify answer, `receiptId` / `txHash` /
    /// `deltaCount` a delta status.
    ///
    /// ```
    /// use pacspace_proof::receipt::{Artefact, ArtefactKind};
    /// let a = Artefact::from_json(r#"{"success":true,"data":{"verified":true,"proofRoot":"rcpt_1"}}"#).unwrap();
    /// assert_eq!(a.kind(), ArtefactKind::VerifyAnswer);
    /// assert!(Artefact::from_json(r#"{"hello":1}"#).is_err());
    /// ```
    pub fn from_json(text: &str) -> Result<Self, WireError> {
        let v: Value = serde_json::from_str(text).map_err(|e| WireError::Json(e.to_string()))?;
        Self::from_value(v)
    }

    /// Like [`Artefact::from_json`] over a parsed value.
    ///
    /// ```
    /// let v = serde_json::json!({"event":"delta.failed","data":{"error":"x"}});
    /// assert_eq!(pacspace_proof::receipt::Artefact::from_value(v).unwrap().kind(), pacspace_proof::receipt::ArtefactKind::Webhook);
    /// ```
    pub fn from_value(v: Value) -> Result<Self, WireError> {
        let Value::Object(outer) = v else {
            return Err(WireError::Unrecognised("expected a JSON object".into()));
        };
        if outer.contains_key("event") {
            return Ok(Artefact::Webhook(Box::new(shape(
                ArtefactKind::Webhook,
                Value::Object(outer),
            )?)));
        }
        let (payload, enveloped) = match outer.get("data") {
            Some(Value::Object(data)) => (data.clone(), true),
            _ => (outer.clone(), false),
        };
        let has = |k: &str| payload.contains_key(k);
        let payload_value = Value::Object(payload.clone());
        if has("results") {
            Ok(Artefact::Batch(Box::new(envelope(
                ArtefactKind::Batch,
                outer,
                payload_value,
                enveloped,
            )?)))
        } else if has("itemHashes") {
            Ok(Artefact::Emit(Box::new(envelope(
                ArtefactKind::Emit,
                outer,
                payload_value,
                enveloped,
            )?)))
        } else if ["proofRoot", "records", "verified", "contentHash", "proofHash"]
            .iter()
            .any(|k| has(k))
        {
            Ok(Artefact::VerifyAnswer(Box::new(shape(
                ArtefactKind::VerifyAnswer,
                payload_value,
            )?)))
        } else if ["receiptId", "txHash", "deltaCount"].iter().any(|k| has(k)) {
            Ok(Artefact::DeltaStatus(Box::new(envelope(
                ArtefactKind::DeltaStatus,
                outer,
                payload_value,
                enveloped,
            )?)))
        } else {
            let keys: alloc::vec::Vec<&str> = payload.keys().take(8).map(String::as_str).collect();
            Err(WireError::Unrecognised(format!(
                "no event, results, itemHashes, proofRoot or receiptId among its keys {keys:?}"
            )))
        }
    }

    /// Which artefact this is.
    ///
    /// ```
    /// let a = pacspace_proof::receipt::Artefact::from_json(r#"{"receiptId":"rcpt_1","status":"QUEUED"}"#).unwrap();
    /// assert_eq!(a.kind(), pacspace_proof::receipt::ArtefactKind::DeltaStatus);
    /// ```
    pub fn kind(&self) -> ArtefactKind {
        match self {
            Artefact::Emit(_) => ArtefactKind::Emit,
            Artefact::Batch(_) => ArtefactKind::Batch,
            Artefact::DeltaStatus(_) => ArtefactKind::DeltaStatus,
            Artefact::Webhook(_) => ArtefactKind::Webhook,
            Artefact::VerifyAnswer(_) => ArtefactKind::VerifyAnswer,
        }
    }

    /// Verifies the artefact against the submitted deltas (in order; may be
    /// empty) and the stored / asked-for receipt. A webhook uses the first
    /// submitted delta.
    ///
    /// ```
    /// let a = pacspace_proof::receipt::Artefact::from_json(r#"{"receiptId":"rcpt_1","status":"QUEUED"}"#).unwrap();
    /// assert_eq!(a.verify(&[], None).verdict(), pacspace_proof::Verdict::Unverifiable);
    /// ```
    pub fn verify(&self, submitted: &[SubmittedDelta], expected_receipt: Option<&Hash32>) -> Report {
        match self {
            Artefact::Emit(a) => verify_emit(a, submitted, expected_receipt),
            Artefact::Batch(a) => verify_batch(a, submitted, expected_receipt),
            Artefact::DeltaStatus(a) => verify_delta_status(a, submitted, expected_receipt),
            Artefact::Webhook(a) => {
                let mut r = verify_webhook(a, submitted.first(), expected_receipt);
                if submitted.len() > 1 {
                    r.notes.push(format!(
                        "{} submitted deltas given; a webhook concerns one, the first was used",
                        submitted.len()
                    ));
                }
                r
            }
            Artefact::VerifyAnswer(a) => verify_public_answer(a, submitted, expected_receipt),
        }
    }
}

/// One call: parse any artefact's JSON text and the submitted deltas' JSON
/// text (an object or an array; `None` when not at hand) and verify.
///
/// ```
/// use pacspace_proof::{verify_receipt_json, Verdict};
/// use pacspace_proof::receipt::Failure;
/// let delta = r#"{"customerId":"c","delta":5,"reason":"r"}"#;
/// let h = pacspace_proof::receipt::SubmittedDelta::from_json(delta).unwrap().item_hash(Default::default()).unwrap();
/// let emit = format!(r#"{{"success":true,"data":{{"customerId":"c","delta":5,"status":"QUEUED",
///     "receiptId":"rcpt_legacy","itemsRoot":"{h}","itemHashes":["{h}"]}}}}"#);
/// let report = verify_receipt_json(&emit, Some(delta), None).unwrap();
/// assert_eq!(report.verdict(), Verdict::Verified); // receiptId is opaque: reported, not a mismatch
/// let tampered = verify_receipt_json(&emit, Some(r#"{"customerId":"c","delta":6,"reason":"r"}"#), None).unwrap();
/// assert!(tampered.failures().any(|f| matches!(f, Failure::ItemHashNotFound { .. })));
/// ```
pub fn verify_receipt_json(
    artefact_json: &str,
    submitted_json: Option<&str>,
    expected_receipt: Option<&Hash32>,
) -> Result<Report, WireError> {
    let artefact = Artefact::from_json(artefact_json)?;
    let submitted = match submitted_json {
        // Read as `JSON.parse` reads: lone surrogates are kept for the variants.
        Some(text) => SubmittedDelta::list_from_json(text)?,
        None => alloc::vec::Vec::new(),
    };
    Ok(artefact.verify(&submitted, expected_receipt))
}
