//! Webhook events in both documented envelopes, and the proof a
//! `delta.verified` event may carry.

use super::{Extra, ReceiptId, Status};
use crate::Hash32;
use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A webhook event in either documented envelope: `{event, timestamp, data}`
/// or the SDK's `{id, event, tenantId, createdAt, data}`.
///
/// ```
/// let e: pacspace_proof::receipt::wire::WebhookEvent = serde_json::from_str(r#"{"id":"evt_1","event":"delta.verified","tenantId":"t",
///   "createdAt":"2025-01-01T00:00:00Z","data":{"recordId":"r","receiptId":"rcpt_9","customerId":"c","delta":5}}"#).unwrap();
/// assert!(e.data.proof.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookEvent {
    /// `id` (SDK shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `event`: `delta.verified`, `delta.failed`, ….
    pub event: String,
    /// `timestamp` (documented shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<Value>,
    /// `tenantId` (SDK shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    /// `createdAt` (SDK shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Value>,
    /// `data`.
    pub data: WebhookData,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `data` of a webhook event, the union of both envelope shapes.
///
/// ```
/// let d: pacspace_proof::receipt::wire::WebhookData = serde_json::from_str(r#"{"status":"FAILED","error":"ledger timeout"}"#).unwrap();
/// assert!(d.status.unwrap().is_failed());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookData {
    /// `receiptId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt_id: Option<ReceiptId>,
    /// `recordId` (SDK shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<String>,
    /// `deltaIndex`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delta_index: Option<u64>,
    /// `status`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// `customerId` (SDK shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    /// `referenceId` (SDK shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_id: Option<String>,
    /// `delta`: the echoed delta object, or (SDK shape) just the amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delta: Option<WebhookDelta>,
    /// `proof`: what the checks need.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof: Option<WebhookProof>,
    /// `error` (`delta.failed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<Value>,
    /// Unknown fields (`verification`, `period`, `usage`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// A webhook's `data.delta`: the echoed delta object or a bare amount.
///
/// ```
/// let d: pacspace_proof::receipt::wire::WebhookDelta = serde_json::from_str("12.5").unwrap();
/// assert_eq!(d, pacspace_proof::receipt::wire::WebhookDelta::Amount(12.5));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum WebhookDelta {
    /// SDK shape: the amount only.
    Amount(f64),
    /// Documented shape: `{customerId, amount, reason, referenceId, metadata, submittedAt}`.
    Echo(Extra),
}

/// `proof` of a `delta.verified` event.
///
/// ```
/// let p: pacspace_proof::receipt::wire::WebhookProof = serde_json::from_str(r#"{"proofHash":"chk_1",
///   "contentHash":"0x0000000000000000000000000000000000000000000000000000000000000000","itemHashes":[],"previousProofHash":null}"#).unwrap();
/// assert!(p.previous_proof_hash.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookProof {
    /// `proofHash`: the root over `itemHashes` (= receiptId).
    pub proof_hash: ReceiptId,
    /// `contentHash`: this delta's item hash.
    pub content_hash: Hash32,
    /// `itemHashes[]`.
    pub item_hashes: Vec<Hash32>,
    /// `previousProofHash`: the tenant's previous proofHash (null/absent at the start).
    #[serde(default)]
    pub previous_proof_hash: Option<ReceiptId>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: Extra,
}
