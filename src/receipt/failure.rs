//! Exactly what did not match: one variant per kind of mismatch, each
//! naming the field and the expected and found values.

use crate::receipt::wire::ReceiptId;
use crate::signature::SignatureError;
use crate::{Hash32, NodeEncoding};
use alloc::string::String;
use core::fmt;
use serde::Serialize;

/// Exactly what did not match.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Failure {
    /// The receipt lists no item hashes.
    EmptyItemHashes,
    /// The submitted delta's item hash (under every mapping) is not among `itemHashes`.
    ItemHashNotFound {
        /// Which submitted delta (0 for a single emit).
        item: usize,
        /// Its hash under the default mapping.
        computed: Hash32,
        /// How many item hashes were searched.
        searched: usize,
    },
    /// A listed item hash is not the submitted delta's hash under any mapping.
    ItemHashMismatch {
        /// Field path, e.g. `results[2].itemHash` or `proof.contentHash`.
        field: String,
        /// The submitted delta's hash under the default mapping.
        expected: Hash32,
        /// The hash the artefact lists.
        found: Hash32,
    },
    /// `contentHash` is not among `itemHashes`.
    ContentHashNotInItemHashes {
        /// The content hash.
        content_hash: Hash32,
        /// How many item hashes were searched.
        searched: usize,
    },
    /// The root recomputed from the item hashes differs from the claimed one.
    RootMismatch {
        /// The field holding the claimed root (`itemsRoot`, `proofHash`, `receiptId`).
        field: String,
        /// The claimed root.
        claimed: Hash32,
        /// The root recomputed under the default node encoding (none reproduced the claim).
        computed: Hash32,
    },
    /// A receipt id that should equal a known root does not.
    ReceiptIdMismatch {
        /// The field holding the id.
        field: String,
        /// The root it should equal.
        expected: Hash32,
        /// The id found.
        found: ReceiptId,
    },
    /// A field the artefact echoes differs from what was submitted (or from a sibling field).
    FieldMismatch {
        /// Field path.
        field: String,
        /// Expected value (as text).
        expected: String,
        /// Found value (as text).
        found: String,
    },
    /// A field the check needs is absent.
    MissingField {
        /// Field path.
        field: String,
    },
    /// A count differs.
    CountMismatch {
        /// What was counted.
        field: String,
        /// Expected count.
        expected: u64,
        /// Found count.
        found: u64,
    },
    /// The service itself reports a failure.
    StatusFailed {
        /// Field path of the status.
        field: String,
        /// The error text the service gave, if any.
        error: Option<String>,
    },
    /// A webhook event that is neither `delta.verified` nor `delta.failed`.
    UnexpectedEvent {
        /// The event name.
        event: String,
    },
    /// `previousProofHash` is not the proofHash of the receipt before it.
    ChainBreak {
        /// 1-based line number.
        line: u64,
        /// The previous receipt's proofHash.
        expected: ReceiptId,
        /// The `previousProofHash` found (None: null or absent).
        found: Option<ReceiptId>,
    },
    /// A receipt in a chain reproduces its root only under another node encoding than the first one did.
    EncodingChanged {
        /// 1-based line number.
        line: u64,
        /// The encoding of the chain's first decidable receipt.
        first: NodeEncoding,
        /// This receipt's encoding.
        found: NodeEncoding,
    },
    /// The webhook signature is not accepted.
    Signature(SignatureError),
    /// The public ledger holds evidence against the anchor (root absent,
    /// transaction failed or unknown, sources disagree, too early).
    NotAnchored {
        /// The transaction looked up.
        tx: String,
        /// The ledger checks that failed, in words.
        reason: String,
    },
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::EmptyItemHashes => f.write_str("itemHashes is empty"),
            Failure::ItemHashNotFound {
                item,
                computed,
                searched,
            } => write!(
                f,
                "submitted delta {item} hashes to {computed} (default mapping; no mapping matched), which is not among the {searched} itemHashes"
            ),
            Failure::ItemHashMismatch {
                field,
                expected,
                found,
            } => write!(
                f,
                "{field}: expected {expected} (submitted delta, default mapping; no mapping matched), found {found}"
            ),
            Failure::ContentHashNotInItemHashes {
                content_hash,
                searched,
            } => write!(
                f,
                "contentHash {content_hash} is not among the {searched} itemHashes"
            ),
            Failure::RootMismatch {
                field,
                claimed,
                computed,
            } => write!(
                f,
                "{field} {claimed} is not the root of itemHashes under any node encoding (hex0x gives {computed})"
            ),
            Failure::ReceiptIdMismatch {
                field,
                expected,
                found,
            } => write!(f, "{field}: expected {expected}, found {found}"),
            Failure::FieldMismatch {
                field,
                expected,
                found,
            } => write!(f, "{field}: expected {expected}, found {found}"),
            Failure::MissingField { field } => write!(f, "{field} is missing"),
            Failure::CountMismatch {
                field,
                expected,
                found,
            } => write!(f, "{field}: expected {expected}, found {found}"),
            Failure::StatusFailed { field, error } => match error {
                Some(e) => write!(f, "{field} is FAILED: {e}"),
                None => write!(f, "{field} is FAILED"),
            },
            Failure::UnexpectedEvent { event } => {
                write!(f, "event {event:?} is neither delta.verified nor delta.failed")
            }
            Failure::ChainBreak {
                line,
                expected,
                found,
            } => match found {
                Some(found) => write!(
                    f,
                    "line {line}: previousProofHash {found} is not the previous proofHash {expected}"
                ),
                None => write!(
                    f,
                    "line {line}: previousProofHash is absent but the previous proofHash is {expected}"
                ),
            },
            Failure::EncodingChanged { line, first, found } => write!(
                f,
                "line {line}: root reproduced under node encoding {found}, but earlier receipts use {first}"
            ),
            Failure::Signature(e) => e.fmt(f),
            Failure::NotAnchored { tx, reason } => write!(f, "not anchored in transaction {tx}: {reason}"),
        }
    }
}
