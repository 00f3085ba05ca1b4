//! Why a bundle could not be read, or could not be created. A bundle that
//! reads but does not verify is not an error: it is a report with failures.

use crate::bundle::{BUNDLE_FORMAT, FormatVersion};
use crate::receipt::{DeltaInputError, WireError};
use crate::{Hash32, Level};
use alloc::string::String;

/// Why a text is not a readable bundle.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleError {
    /// The text is not JSON.
    #[error("not valid JSON: {0}")]
    Json(String),
    /// JSON, but not a proof bundle (no `format`, or another format).
    #[error("not a proof bundle ({BUNDLE_FORMAT}): {why}")]
    NotABundle {
        /// What it is instead, as far as can be told.
        why: String,
    },
    /// `format` names this format with a malformed or retired version.
    #[error("format {found:?} is not a version this reader knows: expected {BUNDLE_FORMAT}")]
    BadFormat {
        /// The `format` found (at most 80 characters).
        found: String,
    },
    /// `format` is a newer major version, which may change what fields mean.
    #[error(
        "format: this bundle is version {found}, written by a newer version of the verifier; \
         this one reads version {supported}.x only: update the verifier"
    )]
    NewerMajor {
        /// The version found.
        found: FormatVersion,
        /// The major version this reader supports.
        supported: u64,
    },
    /// A field is missing or malformed.
    #[error("{field}: {message}")]
    Shape {
        /// The field, e.g. `items[0]` or `inclusion`.
        field: String,
        /// serde's message.
        message: String,
    },
}

impl BundleError {
    /// The field the error is about (`""` for the whole text).
    ///
    /// ```
    /// let e = pacspace_proof::bundle::Bundle::from_json(r#"{"format":"pacspace-proof-bundle/v9"}"#).unwrap_err();
    /// assert_eq!(e.field(), "format");
    /// ```
    pub fn field(&self) -> &str {
        match self {
            BundleError::Json(_) => "",
            BundleError::NotABundle { .. }
            | BundleError::BadFormat { .. }
            | BundleError::NewerMajor { .. } => "format",
            BundleError::Shape { field, .. } => field,
        }
    }
}

/// Why a bundle could not be created.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CreateError {
    /// The artefact could not be read.
    #[error(transparent)]
    Artefact(#[from] WireError),
    /// The deltas could not be read.
    #[error(transparent)]
    Deltas(#[from] DeltaInputError),
    /// No delta was given.
    #[error("no delta given: a bundle proves the deltas you submitted")]
    NoDeltas,
    /// An `only` index is not below the number of deltas.
    #[error("only: delta {index} does not exist ({count} deltas given)")]
    OnlyOutOfRange {
        /// The index given.
        index: usize,
        /// The number of deltas.
        count: usize,
    },
    /// The receipt does not verify against the deltas: a bundle of it would prove nothing.
    #[error("the receipt does not verify against the deltas (level {level}): {why}")]
    ReceiptDoesNotVerify {
        /// The level its report reached.
        level: Level,
        /// The first failure or, when none failed, why nothing could be checked.
        why: String,
    },
    /// The receipt carries no 0x root to prove against.
    #[error("no root to prove against: {why}")]
    NoRoot {
        /// Why.
        why: String,
    },
    /// A delta's item hash is not among the receipt's leaves.
    #[error(
        "delta {item} hashes to {computed} (default mapping; no mapping matched), which is not in the receipt"
    )]
    DeltaNotInReceipt {
        /// Position in the deltas.
        item: usize,
        /// Its hash under the default mapping.
        computed: Hash32,
    },
    /// The service FAILED this delta: it is not anchored.
    #[error("delta {item} was FAILED by the service ({error}): it is not anchored")]
    NotAnchored {
        /// Position in the deltas.
        item: usize,
        /// The service's error.
        error: String,
    },
    /// Two deltas reproduce their hashes only under different item mappings.
    #[error(
        "deltas {first} and {other} reproduce their hashes under different item mappings: bundle them separately"
    )]
    MixedMappings {
        /// The first delta.
        first: usize,
        /// A delta with another mapping.
        other: usize,
    },
    /// Two deltas belong to different anchors.
    #[error("the deltas belong to different anchors ({first}, {other}): bundle each anchor separately")]
    MixedAnchors {
        /// The first delta's anchorId.
        first: String,
        /// Another delta's anchorId.
        other: String,
    },
    /// The recorded ledger answers could not be read.
    #[error("ledger answers: {0}")]
    LedgerAnswers(String),
}
