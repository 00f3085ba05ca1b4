//! One named check with its outcome and the evidence it rests on, the
//! encoding and mapping findings, and the overall verdict.

use crate::receipt::Failure;
use crate::{ItemMapping, NodeEncoding};
use alloc::string::String;
use core::fmt;
use serde::Serialize;

/// The outcome of one check.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "camelCase")]
pub enum Outcome {
    /// The check passed; `detail` says what matched.
    Pass {
        /// What matched.
        detail: String,
    },
    /// The check failed.
    Fail {
        /// What did not match.
        failure: Failure,
    },
    /// The check could not be made; `why` says why (opaque id, missing input, …).
    NotCheckable {
        /// Why not.
        why: String,
    },
}

/// What a passed check compared: the artefact with itself, or with
/// something of the user's, or with the public ledger. The assurance level
/// of a report follows from it ([`crate::Report::level`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Basis {
    /// The artefact agrees with itself (an echoed field, a hash in a list).
    Artefact,
    /// A root the artefact claims was recomputed from its item hashes.
    Root,
    /// A submitted delta's item hash was reproduced and found.
    OwnItem,
    /// The root was recomputed from the submitted deltas themselves.
    OwnRoot,
    /// The receiptId the user stored equals the recomputed root.
    OwnReceipt,
    /// A field the artefact echoes equals what the user submitted.
    OwnField,
    /// The root's bytes were found on the public ledger.
    Ledger,
}

/// One named check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    /// What was checked, e.g. `itemsRoot`.
    pub name: String,
    /// What the check compared.
    pub basis: Basis,
    /// How it went.
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// Which node encoding reproduced a claimed root (docs/spec.md, sections 5 and 16.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "finding", content = "value", rename_all = "camelCase")]
pub enum EncodingFinding {
    /// This encoding, and only it, reproduced the root.
    Detected(NodeEncoding),
    /// None of the three encodings reproduced the root.
    NoneReproduced,
    /// Fewer than two item hashes: the root does not depend on the encoding.
    Undecidable {
        /// The number of item hashes.
        leaves: usize,
    },
    /// No root could be recomputed (opaque id, no item hashes).
    NotApplicable,
}

impl fmt::Display for EncodingFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodingFinding::Detected(e) => write!(f, "{e} (detected: it reproduced the root)"),
            EncodingFinding::NoneReproduced => f.write_str("none of hex0x, hex, bytes reproduced the root"),
            EncodingFinding::Undecidable { leaves } => write!(
                f,
                "not decidable from {leaves} item hash(es): the root does not depend on it"
            ),
            EncodingFinding::NotApplicable => f.write_str("not used (no root recomputed)"),
        }
    }
}

/// Which delta→item mapping reproduced a submitted delta's item hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MappingFinding {
    /// Index of the submitted delta.
    pub item: usize,
    /// The mapping that reproduced the hash, or `None` when none did.
    pub mapping: Option<ItemMapping>,
}

/// The overall verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    /// No check failed and at least one passed.
    Verified,
    /// At least one check failed.
    NotVerified,
    /// No check failed but none could be made either.
    Unverifiable,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::Verified => "VERIFIED",
            Verdict::NotVerified => "NOT VERIFIED",
            Verdict::Unverifiable => "UNVERIFIABLE",
        })
    }
}
