//! The service's answers to emit, batch and delta-status calls, in their
//! `{success, data}` envelope.

use super::{Extra, ReceiptId, Status};
use crate::Hash32;
use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The `{success, data}` envelope of the service's answers.
///
/// ```
/// use pacspace_proof::receipt::wire::{Envelope, EmitData};
/// let text = r#"{"success":true,"data":{"customerId":"c","delta":1,"status":"QUEUED","receiptId":"rcpt_1",
///   "itemsRoot":"0x0000000000000000000000000000000000000000000000000000000000000000","itemHashes":[]}}"#;
/// let e: Envelope<EmitData> = serde_json::from_str(text).unwrap();
/// assert_eq!(e.success, Some(true));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Envelope<T> {
    /// `success`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<bool>,
    /// `data`: the payload.
    pub data: T,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /api/v1/balance/delta` answer.
pub type EmitResponse = Envelope<EmitData>;
/// `POST /api/v1/balance/delta/batch` answer.
pub type BatchResponse = Envelope<BatchData>;
/// `GET /api/v1/balance/delta/:anchorId` answer.
pub type DeltaStatusResponse = Envelope<DeltaStatusData>;

/// The payload of an emit response.
///
/// ```
/// let d: pacspace_proof::receipt::wire::EmitData = serde_json::from_str(r#"{"customerId":"c","delta":-2.5,"status":"QUEUED",
///   "receiptId":"rcpt_1","itemsRoot":"0x0000000000000000000000000000000000000000000000000000000000000000",
///   "itemHashes":[],"futureField":1}"#).unwrap();
/// assert_eq!(d.delta, -2.5);
/// assert!(d.extra.contains_key("futureField"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmitData {
    /// `anchorId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor_id: Option<String>,
    /// `recordId` (newer responses).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<String>,
    /// `customerId`.
    pub customer_id: String,
    /// `delta`.
    pub delta: f64,
    /// `status`.
    pub status: Status,
    /// `receiptId`: equals `itemsRoot`, unless opaque.
    pub receipt_id: ReceiptId,
    /// `itemsRoot`.
    pub items_root: Hash32,
    /// `itemHashes[]`: every item of the anchor, in order.
    pub item_hashes: Vec<Hash32>,
    /// `estimatedVerifiedDeltas`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_verified_deltas: Option<Value>,
    /// `receivedAt`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<String>,
    /// `message`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The payload of a batch response.
///
/// ```
/// let b: pacspace_proof::receipt::wire::BatchData = serde_json::from_str(r#"{"totalQueued":0,"totalFailed":1,
///   "results":[{"index":0,"status":"FAILED","error":"invalid customerId"}]}"#).unwrap();
/// assert!(b.results[0].status.is_failed());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchData {
    /// `totalQueued`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_queued: Option<u64>,
    /// `totalFailed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_failed: Option<u64>,
    /// `results[]`, one per submitted delta.
    pub results: Vec<BatchResult>,
    /// `_efficiency`.
    #[serde(default, rename = "_efficiency", skip_serializing_if = "Option::is_none")]
    pub efficiency: Option<Value>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One entry of a batch response's `results[]`.
///
/// ```
/// let r: pacspace_proof::receipt::wire::BatchResult = serde_json::from_str(r#"{"index":2,"status":"QUEUED"}"#).unwrap();
/// assert_eq!(r.index, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchResult {
    /// `index`: position of the delta in the submitted batch.
    pub index: u64,
    /// `customerId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    /// `delta`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delta: Option<f64>,
    /// `anchorId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor_id: Option<String>,
    /// `itemHash` (absent for a FAILED entry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_hash: Option<Hash32>,
    /// `receiptId`, shared by the batch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt_id: Option<ReceiptId>,
    /// `status`.
    pub status: Status,
    /// `error`, when FAILED.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<Value>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The payload of a delta status answer.
///
/// ```
/// let s: pacspace_proof::receipt::wire::DeltaStatusData = serde_json::from_str(r#"{"status":"ANCHORED","receiptId":"rcpt_1","txHash":"0xab"}"#).unwrap();
/// assert_eq!(s.status, pacspace_proof::receipt::wire::Status::Anchored);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeltaStatusData {
    /// `status`.
    pub status: Status,
    /// `customerId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    /// `delta`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delta: Option<f64>,
    /// `receiptId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt_id: Option<ReceiptId>,
    /// `txHash` (a ledger transaction; not checked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tx_hash: Option<String>,
    /// `deltaCount` (batch anchors).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delta_count: Option<u64>,
    /// `deltas[]` (batch anchors), kept as received.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deltas: Vec<Value>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: Extra,
}

impl DeltaStatusData {
    /// The item hashes `deltas[].itemHash` lists, in order: `None` when the
    /// list is empty or any entry has no readable `itemHash`.
    ///
    /// ```
    /// let s: pacspace_proof::receipt::wire::DeltaStatusData = serde_json::from_str(
    ///     r#"{"status":"ANCHORED","deltas":[{"itemHash":"0x0000000000000000000000000000000000000000000000000000000000000001"}]}"#).unwrap();
    /// assert_eq!(s.listed_item_hashes().map(|l| l.len()), Some(1));
    /// ```
    pub fn listed_item_hashes(&self) -> Option<Vec<Hash32>> {
        let listed: Option<Vec<Hash32>> = self
            .deltas
            .iter()
            .map(|v| {
                v.get("itemHash")
                    .and_then(Value::as_str)
                    .and_then(|h| h.parse().ok())
            })
            .collect();
        listed.filter(|l| !l.is_empty())
    }
}
