//! The service's wire formats (docs/spec.md, section 9) as serde types: camelCase,
//! tolerant of unknown fields (kept in `extra`), strict about the fields the
//! checks use (a malformed hash or a missing `itemHashes` is a parse error).
//!
//! In the order a delta travels: its receipt id and status, the answers to
//! emit, batch and status calls, the webhook events, the public verify
//! endpoint's answer.

use alloc::string::String;
use serde_json::{Map, Value};

mod answers;
mod receipt_id;
mod status;
mod verify_answer;
mod webhook;

pub use answers::{
    BatchData, BatchResponse, BatchResult, DeltaStatusData, DeltaStatusResponse, EmitData, EmitResponse,
    Envelope,
};
pub use receipt_id::ReceiptId;
pub use status::Status;
pub use verify_answer::{VerifyAnswer, VerifyRecord};
pub use webhook::{WebhookData, WebhookDelta, WebhookEvent, WebhookProof};

/// Unknown fields, kept as received.
pub type Extra = Map<String, Value>;
