//! Why a bundle could not be read, or could not be created. A bundle that
//! reads but does not verify is not an error: it is a report with failures.

use crate::bundle::{BUNDLE_FORMAT, FormatVersion};
use crate::receipt::{DeltaInputError, WireError};
use crate::{Hash32, Level};
use alloc::string::String;
use core::fmt;

/// Why a text is not a readable bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleError {
    /// The text is not JSON.
    Json(String),
    /// JSON, but not a proof bundle (no `format`, or another format).
    NotABundle {
        /// What it is instead, as far as can be told.
        why: String,
    },
    /// `format` names this format with a malformed or retired version.
    BadFormat {
        /// The `format` found (at most 80 characters).
        found: String,
    },
    /// `format` is a newer major version, which may change what fields mean.
    NewerMajor {
        /// The version found.
        found: FormatVersion,
        /// The major version this reader supports.
        supported: u64,
    },
    /// A field is missing or malformed.
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

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BundleError::Json(e) => write!(f, "not valid JSON: {e}"),
            BundleError::NotABundle { why } => {
                write!(f, "not a proof bundle ({BUNDLE_FORMAT}): {why}")
            }
            BundleError::BadFormat { found } => write!(
                f,
                "format {found:?} is not a version this reader knows: expected {BUNDLE_FORMAT}"
            ),
            BundleError::NewerMajor { found, supported } => write!(
                f,
                "format: this bundle is version {found}, written by a newer version of the verifier; \
                 this one reads version {supported}.x only: update the verifier"
            ),
            BundleError::Shape { field, message } => write!(f, "{field}: {message}"),
        }
    }
}

impl core::error::Error for BundleError {}

/// Why a bundle could not be created.
#[derive(Debug, Clone, PartialEq)]
pub enum CreateError {
    /// The artefact could not be read.
    Artefact(WireError),
    /// The deltas could not be read.
    Deltas(DeltaInputError),
    /// No delta was given.
    NoDeltas,
    /// An `only` index is not below the number of deltas.
    OnlyOutOfRange {
        /// The index given.
        index: usize,
        /// The number of deltas.
        count: usize,
    },
    /// The receipt does not verify against the deltas: a bundle of it would prove nothing.
    ReceiptDoesNotVerify {
        /// The level its report reached.
        level: Level,
        /// The first failure or, when none failed, why nothing could be checked.
        why: String,
    },
    /// The receipt carries no 0x root to prove against.
    NoRoot {
        /// Why.
        why: String,
    },
    /// A delta's item hash is not among the receipt's leaves.
    DeltaNotInReceipt {
        /// Position in the deltas.
        item: usize,
        /// Its hash under the default mapping.
        computed: Hash32,
    },
    /// The service FAILED this delta: it is not anchored.
    NotAnchored {
        /// Position in the deltas.
        item: usize,
        /// The service's error.
        error: String,
    },
    /// Two deltas reproduce their hashes only under different item mappings.
    MixedMappings {
        /// The first delta.
        first: usize,
        /// A delta with another mapping.
        other: usize,
    },
    /// Two deltas belong to different anchors.
    MixedAnchors {
        /// The first delta's anchorId.
        first: String,
        /// Another delta's anchorId.
        other: String,
    },
    /// The recorded ledger answers could not be read.
    LedgerAnswers(String),
}

impl fmt::Display for CreateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CreateError::Artefact(e) => e.fmt(f),
            CreateError::Deltas(e) => e.fmt(f),
            CreateError::NoDeltas => f.write_str("no delta given: a bundle proves the deltas you submitted"),
            CreateError::OnlyOutOfRange { index, count } => {
                write!(f, "only: delta {index} does not exist ({count} deltas given)")
            }
            CreateError::ReceiptDoesNotVerify { level, why } => write!(
                f,
                "the receipt does not verify against the deltas (level {level}): {why}"
            ),
            CreateError::NoRoot { why } => write!(f, "no root to prove against: {why}"),
            CreateError::DeltaNotInReceipt { item, computed } => write!(
                f,
                "delta {item} hashes to {computed} (default mapping; no mapping matched), which is not in the receipt"
            ),
            CreateError::NotAnchored { item, error } => {
                write!(
                    f,
                    "delta {item} was FAILED by the service ({error}): it is not anchored"
                )
            }
            CreateError::MixedMappings { first, other } => write!(
                f,
                "deltas {first} and {other} reproduce their hashes under different item mappings: bundle them separately"
            ),
            CreateError::MixedAnchors { first, other } => write!(
                f,
                "the deltas belong to different anchors ({first}, {other}): bundle each anchor separately"
            ),
            CreateError::LedgerAnswers(e) => write!(f, "ledger answers: {e}"),
        }
    }
}

impl core::error::Error for CreateError {}

impl From<WireError> for CreateError {
    fn from(e: WireError) -> Self {
        CreateError::Artefact(e)
    }
}

impl From<DeltaInputError> for CreateError {
    fn from(e: DeltaInputError) -> Self {
        CreateError::Deltas(e)
    }
}
