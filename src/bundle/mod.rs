//! Proof bundles (`pacspace-proof-bundle/v1`): one JSON file that proves one
//! or more balance deltas are in a receipt, for someone who has neither the
//! service's answers nor the rest of the batch.
//!
//! A bundle carries, for each item: the delta as it was submitted, its item
//! hash and its position; then either the batch's item hashes or a compact
//! inclusion path (one [`Proof`](crate::Proof) path, or a
//! [`MultiProof`](crate::tree::MultiProof)'s siblings for several items),
//! bound to the leaf count; the root and the receipt fields it was checked
//! against (receiptId, anchorId, receivedAt, status, previousProofHash); the
//! node encoding and item mapping that reproduced the hashes; optionally the
//! recorded ledger answers; and a [seal](Seal) naming any field changed
//! after the bundle was written.
//!
//! - [`create`] builds a bundle from a stored artefact (an emit or batch
//!   response, a delta status answer, a verify-endpoint answer or a webhook
//!   event) and the deltas as submitted, refusing a receipt that does not verify;
//! - [`Bundle::from_json`] reads one: unknown fields are kept and ignored, a
//!   newer minor version is read, a newer major version is refused
//!   ([`BundleError::NewerMajor`]);
//! - [`verify`] recomputes everything into a [`BundleReport`] with an
//!   assurance [`Level`](crate::Level): the deltas reproducing their item
//!   hashes and the root is `verified`; with recorded ledger answers that
//!   [`crate::ledger::decide`] finds the root in, offline, `anchored`.
//!
//! ```
//! use pacspace_proof::Level;
//! use pacspace_proof::bundle::{Bundle, CreateOptions, create_from_json, verify};
//! use pacspace_proof::receipt::SubmittedDelta;
//!
//! let delta = r#"{"customerId":"c1","delta":-150,"reason":"api_call","referenceId":"inv_1"}"#;
//! let h = SubmittedDelta::from_json(delta).unwrap().item_hash(Default::default()).unwrap();
//! let emit = format!(r#"{{"success":true,"data":{{"anchorId":"anc_1","customerId":"c1","delta":-150,
//!   "status":"QUEUED","receiptId":"{h}","itemsRoot":"{h}","itemHashes":["{h}"]}}}}"#);
//! let bundle = create_from_json(&emit, delta, &CreateOptions::default()).unwrap();
//! let text = bundle.to_json();
//! let report = verify(&Bundle::from_json(&text).unwrap());
//! assert_eq!(report.level(), Level::Verified, "{report}");
//! // Any field changed afterwards is named.
//! let changed = text.replace("anc_1", "anc_2");
//! let report = verify(&Bundle::from_json(&changed).unwrap());
//! assert_eq!(report.level(), Level::NotVerified);
//! assert!(report.failures().any(|f| f.field() == "receipt.anchorId"));
//! ```

mod anchor;
mod create;
mod error;
mod failure;
mod fieldpath;
mod format;
mod inclusion;
mod ledger;
mod paths;
mod read;
mod reader;
mod report;
mod seal;
mod source;
mod verify;
mod wire;

pub use create::{CreateOptions, InclusionForm, create, create_from_json};
pub use error::{BundleError, CreateError};
pub use failure::{BundleFailure, SealFinding};
pub use format::{BUNDLE_FORMAT, FORMAT_NAME, FormatVersion, SUPPORTED_MAJOR};
pub use ledger::{LEDGER_ANSWERS_FORMAT, LedgerEvidence, RecordedAnswer};
pub use paths::{ItemPath, PathNode};
pub use report::{AnswerSummary, BundleCheck, BundleOutcome, BundleReport, LedgerSummary};
pub use seal::Seal;
pub use verify::verify;
pub use wire::{
    AbsentName, AmountKeyName, Bundle, BundleItem, BundleMapping, Inclusion, ReceiptFields, SourceKind,
    WireStep,
};
