//! The public verify endpoint's answer: the records the service says a root
//! holds.

use super::{Extra, ReceiptId, Status};
use crate::Hash32;
use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The public verify endpoint's answer (`GET /api/v1/verify/:proofRoot`),
/// either documented shape, unwrapped from `{success, data}` when enveloped.
/// The service's own `verified` is kept but never taken as the verdict.
///
/// ```
/// let a: pacspace_proof::receipt::wire::VerifyAnswer = serde_json::from_str(r#"{"verified":true,"proofRoot":"rcpt_1",
///   "records":[{"amount":5,"reason":"r","referenceId":null,"status":"ANCHORED","time":"t"}]}"#).unwrap();
/// assert_eq!(a.records.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifyAnswer {
    /// The service's claim (informational only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<bool>,
    /// `proofRoot`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof_root: Option<ReceiptId>,
    /// `receiptId` (flat shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt_id: Option<ReceiptId>,
    /// `proofHash` (flat shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof_hash: Option<ReceiptId>,
    /// `contentHash` (flat shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_hash: Option<Hash32>,
    /// `status` (flat shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// `summary`, kept as received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Value>,
    /// `records[]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub records: Vec<VerifyRecord>,
    /// `verification`, kept as received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<Value>,
    /// Unknown fields (`recordedAt`, `timestamp`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// One of a verify answer's `records[]`.
///
/// ```
/// let r: pacspace_proof::receipt::wire::VerifyRecord = serde_json::from_str(r#"{"amount":-3,"reason":"refund"}"#).unwrap();
/// assert_eq!(r.amount, Some(-3.0));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifyRecord {
    /// `amount`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    /// `reason`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// `referenceId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_id: Option<String>,
    /// `status`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// `time`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<Value>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: Extra,
}
