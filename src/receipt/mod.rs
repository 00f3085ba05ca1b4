//! Receipts and webhooks: the service's artefacts as typed wire formats
//! ([`wire`]), each verified in one call into a [`Report`] that names every
//! check, the node encoding and the delta→item mapping that reproduced the
//! hashes.
//!
//! ```
//! use pacspace_proof::receipt::{verify_receipt_json, ArtefactKind};
//! use pacspace_proof::{DeltaItem, ItemMapping, Verdict};
//!
//! // A one-item anchor: the root is the item hash itself.
//! let d = DeltaItem { customer_id: "c1", amount: 5.0, reason: "api_call",
//!                     reference_id: None, metadata: None };
//! let h = d.item_hash(ItemMapping::default()).unwrap();
//! let emit = format!(r#"{{"success":true,"data":{{"anchorId":"anc_1","customerId":"c1",
//!   "delta":5,"status":"QUEUED","receiptId":"{h}","itemsRoot":"{h}","itemHashes":["{h}"]}}}}"#);
//! let submitted = r#"{"customerId":"c1","delta":5,"reason":"api_call"}"#;
//! let report = verify_receipt_json(&emit, Some(submitted), None).unwrap();
//! assert_eq!(report.artefact, ArtefactKind::Emit);
//! assert_eq!(report.verdict(), Verdict::Verified);
//! ```

mod anchor;
mod artefact;
mod batch;
mod check;
mod common;
mod delta_item;
mod detect;
mod emit;
mod failure;
mod mapping;
mod near_miss;
mod report;
mod status;
mod verify_answer;
mod webhook;
pub mod wire;

pub use anchor::AnchorHint;
pub use artefact::{Artefact, WireError, verify_receipt_json};
pub use batch::verify_batch;
pub use check::{Basis, Check, EncodingFinding, MappingFinding, Outcome, Verdict};
pub use detect::detect_encoding;
pub use emit::verify_emit;
pub use failure::Failure;
pub use mapping::{DeltaInputError, SubmittedDelta, detect_list_root, find_mapping};
pub use near_miss::DIAGNOSTIC;
pub use report::{ArtefactKind, Report};
pub use status::verify_delta_status;
pub use verify_answer::verify_public_answer;
pub use webhook::{DELTA_FAILED, DELTA_VERIFIED, DeliveryHeaders, verify_webhook, verify_webhook_delivery};
