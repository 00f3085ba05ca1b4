//! Verification reports: every check by name with its outcome, the node
//! encoding and delta→item mapping that were used, and one verdict.

use crate::receipt::wire::ReceiptId;
use crate::signature::SignatureError;
use crate::{Hash32, ItemMapping, NodeEncoding};
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use serde::Serialize;

/// Which artefact a report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ArtefactKind {
    /// `POST /api/v1/balance/delta` answer.
    Emit,
    /// `POST /api/v1/balance/delta/batch` answer.
    Batch,
    /// `GET /api/v1/balance/delta/:anchorId` answer.
    DeltaStatus,
    /// A webhook event.
    Webhook,
    /// The public verify endpoint's answer.
    VerifyAnswer,
}

impl fmt::Display for ArtefactKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ArtefactKind::Emit => "emit response",
            ArtefactKind::Batch => "batch response",
            ArtefactKind::DeltaStatus => "delta status answer",
            ArtefactKind::Webhook => "webhook event",
            ArtefactKind::VerifyAnswer => "verify-endpoint answer",
        })
    }
}

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
        }
    }
}

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

/// One named check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    /// What was checked, e.g. `itemsRoot`.
    pub name: String,
    /// How it went.
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// Which node encoding reproduced a claimed root (SPEC section 4).
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

/// A verification report.
///
/// ```
/// use pacspace_proof::{Report, Verdict};
/// use pacspace_proof::receipt::ArtefactKind;
/// let r = Report::new(ArtefactKind::Emit);
/// assert_eq!(r.verdict(), Verdict::Unverifiable);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// What was verified.
    pub artefact: ArtefactKind,
    /// The node encoding used for recomputed roots.
    pub node_encoding: NodeEncoding,
    /// How that encoding was chosen.
    pub encoding: EncodingFinding,
    /// The mapping that reproduced each submitted delta's hash.
    pub mappings: Vec<MappingFinding>,
    /// Every check, in order.
    pub checks: Vec<Check>,
    /// Informational notes (e.g. the service's own `verified` flag).
    pub notes: Vec<String>,
}

impl Report {
    /// An empty report for `artefact` (default encoding, nothing checked).
    ///
    /// ```
    /// let r = pacspace_proof::Report::new(pacspace_proof::receipt::ArtefactKind::Batch);
    /// assert!(r.checks.is_empty());
    /// ```
    pub fn new(artefact: ArtefactKind) -> Self {
        Report {
            artefact,
            node_encoding: NodeEncoding::default(),
            encoding: EncodingFinding::NotApplicable,
            mappings: Vec::new(),
            checks: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Verified if no check failed and one passed; not verified if one failed;
    /// unverifiable otherwise.
    ///
    /// ```
    /// use pacspace_proof::{Report, Verdict};
    /// use pacspace_proof::receipt::{ArtefactKind, Failure};
    /// let mut r = Report::new(ArtefactKind::Emit);
    /// r.pass("a", "ok".into());
    /// assert_eq!(r.verdict(), Verdict::Verified);
    /// r.fail("b", Failure::EmptyItemHashes);
    /// assert_eq!(r.verdict(), Verdict::NotVerified);
    /// ```
    pub fn verdict(&self) -> Verdict {
        let mut passed = false;
        for c in &self.checks {
            match c.outcome {
                Outcome::Fail { .. } => return Verdict::NotVerified,
                Outcome::Pass { .. } => passed = true,
                Outcome::NotCheckable { .. } => {}
            }
        }
        if passed {
            Verdict::Verified
        } else {
            Verdict::Unverifiable
        }
    }

    /// Whether the verdict is [`Verdict::Verified`].
    ///
    /// ```
    /// assert!(!pacspace_proof::Report::new(pacspace_proof::receipt::ArtefactKind::Emit).is_verified());
    /// ```
    pub fn is_verified(&self) -> bool {
        self.verdict() == Verdict::Verified
    }

    /// Every failure, in check order.
    ///
    /// ```
    /// use pacspace_proof::Report;
    /// use pacspace_proof::receipt::{ArtefactKind, Failure};
    /// let mut r = Report::new(ArtefactKind::Emit);
    /// r.fail("itemHashes", Failure::EmptyItemHashes);
    /// assert_eq!(r.failures().next(), Some(&Failure::EmptyItemHashes));
    /// ```
    pub fn failures(&self) -> impl Iterator<Item = &Failure> {
        self.checks.iter().filter_map(|c| match &c.outcome {
            Outcome::Fail { failure } => Some(failure),
            _ => None,
        })
    }

    /// Records a passed check.
    ///
    /// ```
    /// let mut r = pacspace_proof::Report::new(pacspace_proof::receipt::ArtefactKind::Emit);
    /// r.pass("itemsRoot", "matches".into());
    /// assert_eq!(r.checks.len(), 1);
    /// ```
    pub fn pass(&mut self, name: &str, detail: String) {
        self.checks.push(Check {
            name: name.into(),
            outcome: Outcome::Pass { detail },
        });
    }

    /// Records a failed check.
    ///
    /// ```
    /// let mut r = pacspace_proof::Report::new(pacspace_proof::receipt::ArtefactKind::Emit);
    /// r.fail("itemHashes", pacspace_proof::receipt::Failure::EmptyItemHashes);
    /// assert!(!r.is_verified());
    /// ```
    pub fn fail(&mut self, name: &str, failure: Failure) {
        self.checks.push(Check {
            name: name.into(),
            outcome: Outcome::Fail { failure },
        });
    }

    /// Records a check that could not be made.
    ///
    /// ```
    /// let mut r = pacspace_proof::Report::new(pacspace_proof::receipt::ArtefactKind::Emit);
    /// r.not_checkable("receiptId", "opaque id rcpt_1".into());
    /// assert_eq!(r.verdict(), pacspace_proof::Verdict::Unverifiable);
    /// ```
    pub fn not_checkable(&mut self, name: &str, why: String) {
        self.checks.push(Check {
            name: name.into(),
            outcome: Outcome::NotCheckable { why },
        });
    }
}

impl Serialize for Report {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Report", 7)?;
        st.serialize_field("artefact", &self.artefact)?;
        st.serialize_field("verdict", &self.verdict())?;
        st.serialize_field("nodeEncoding", &self.node_encoding)?;
        st.serialize_field("encoding", &self.encoding)?;
        st.serialize_field("mappings", &self.mappings)?;
        st.serialize_field("checks", &self.checks)?;
        st.serialize_field("notes", &self.notes)?;
        st.end()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {}", self.artefact, self.verdict())?;
        writeln!(f, "node encoding: {}", self.encoding_line())?;
        for m in &self.mappings {
            match m.mapping {
                Some(map) => writeln!(f, "item mapping (delta {}): {map}", m.item)?,
                None => writeln!(f, "item mapping (delta {}): none reproduced the hash", m.item)?,
            }
        }
        for c in &self.checks {
            match &c.outcome {
                Outcome::Pass { detail } => writeln!(f, "  ok    {}: {detail}", c.name)?,
                Outcome::Fail { failure } => {
                    // Most failures name their field already: do not repeat it.
                    let text = alloc::string::ToString::to_string(failure);
                    let prefix = alloc::format!("{}: ", c.name);
                    writeln!(
                        f,
                        "  FAIL  {}: {}",
                        c.name,
                        text.strip_prefix(&prefix).unwrap_or(&text)
                    )?
                }
                Outcome::NotCheckable { why } => writeln!(f, "  --    {}: not checkable: {why}", c.name)?,
            }
        }
        for n in &self.notes {
            writeln!(f, "note: {n}")?;
        }
        Ok(())
    }
}

impl Report {
    fn encoding_line(&self) -> alloc::string::String {
        use alloc::format;
        match self.encoding {
            EncodingFinding::Detected(_) | EncodingFinding::NotApplicable => format!("{}", self.encoding),
            _ => format!("{} used; {}", self.node_encoding, self.encoding),
        }
    }
}

impl Serialize for ItemMapping {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use crate::item::{AmountKey, ReferenceIdAbsent};
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("ItemMapping", 5)?;
        st.serialize_field(
            "amountKey",
            match self.amount_key {
                AmountKey::Delta => "delta",
                AmountKey::Amount => "amount",
            },
        )?;
        st.serialize_field(
            "absentReferenceId",
            match self.absent_reference {
                ReferenceIdAbsent::Omit => "omit",
                ReferenceIdAbsent::Null => "null",
            },
        )?;
        st.serialize_field("adjusts", self.adjusts.name())?;
        st.serialize_field("keyOrder", self.canonical.key_order.name())?;
        st.serialize_field("strings", self.canonical.strings.name())?;
        st.end()
    }
}
