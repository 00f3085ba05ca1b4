//! The service's wire formats (SPEC section 6) as serde types: camelCase,
//! tolerant of unknown fields (kept in `extra`), strict about the fields the
//! checks use (a malformed hash or a missing `itemHashes` is a parse error).

use crate::Hash32;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Unknown fields, kept as received.
pub type Extra = Map<String, Value>;

/// A receipt id (`receiptId`, `proofHash`, `proofRoot`): a `0x` + 64 hex
/// root, or an opaque id such as `rcpt_…` / `chk_…` (anything else), which
/// cannot be checked against a root.
///
/// ```
/// use pacspace_proof::Hash32;
/// use pacspace_proof::receipt::wire::ReceiptId;
/// assert_eq!(ReceiptId::parse("rcpt_8f2a"), ReceiptId::Opaque("rcpt_8f2a".into()));
/// let zero = Hash32::ZERO.to_string();
/// assert_eq!(ReceiptId::parse(&zero).root(), Some(Hash32::ZERO));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ReceiptId {
    /// A Merkle root.
    Root(Hash32),
    /// Anything that is not `0x` + 64 lowercase hex.
    Opaque(String),
}

impl ReceiptId {
    /// Classifies a receipt id text.
    ///
    /// ```
    /// assert!(pacspace_proof::receipt::wire::ReceiptId::parse("chk_1").root().is_none());
    /// ```
    pub fn parse(text: &str) -> Self {
        match Hash32::parse(text) {
            Ok(h) => ReceiptId::Root(h),
            Err(_) => ReceiptId::Opaque(text.into()),
        }
    }

    /// The root, when the id is one.
    ///
    /// ```
    /// use pacspace_proof::Hash32;
    /// use pacspace_proof::receipt::wire::ReceiptId;
    /// assert_eq!(ReceiptId::Root(Hash32::ZERO).root(), Some(Hash32::ZERO));
    /// ```
    pub fn root(&self) -> Option<Hash32> {
        match self {
            ReceiptId::Root(h) => Some(*h),
            ReceiptId::Opaque(_) => None,
        }
    }
}

impl fmt::Display for ReceiptId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReceiptId::Root(h) => h.fmt(f),
            ReceiptId::Opaque(s) => f.write_str(s),
        }
    }
}

impl Serialize for ReceiptId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ReceiptId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Ok(ReceiptId::parse(&text))
    }
}

/// A delta or anchor status as the service spells it.
///
/// ```
/// use pacspace_proof::receipt::wire::Status;
/// let s: Status = serde_json::from_str("\"FAILED\"").unwrap();
/// assert!(s.is_failed());
/// assert_eq!(serde_json::from_str::<Status>("\"SOMETHING\"").unwrap(), Status::Other("SOMETHING".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Status {
    /// `QUEUED`.
    Queued,
    /// `PROCESSING`.
    Processing,
    /// `VERIFIED`.
    Verified,
    /// `FAILED`.
    Failed,
    /// `ANCHORING`.
    Anchoring,
    /// `ANCHORED`.
    Anchored,
    /// Any other text, kept.
    Other(String),
}

impl Status {
    /// The status text.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::receipt::wire::Status::Queued.as_str(), "QUEUED");
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            Status::Queued => "QUEUED",
            Status::Processing => "PROCESSING",
            Status::Verified => "VERIFIED",
            Status::Failed => "FAILED",
            Status::Anchoring => "ANCHORING",
            Status::Anchored => "ANCHORED",
            Status::Other(s) => s,
        }
    }

    /// Whether the service reports a failure.
    ///
    /// ```
    /// assert!(!pacspace_proof::receipt::wire::Status::Verified.is_failed());
    /// ```
    pub fn is_failed(&self) -> bool {
        matches!(self, Status::Failed)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Ok(match text.as_str() {
            "QUEUED" => Status::Queued,
            "PROCESSING" => Status::Processing,
            "VERIFIED" => Status::Verified,
            "FAILED" => Status::Failed,
            "ANCHORING" => Status::Anchoring,
            "ANCHORED" => Status::Anchored,
            _ => Status::Other(text),
        })
    }
}

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
