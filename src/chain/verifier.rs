//! Chain continuity over an ordered sequence of verified receipts:
//! each `previousProofHash` is the `proofHash` before it (docs/spec.md, section 11).
//!
//! Streaming: receipts are pushed one at a time and only the previous
//! `proofHash`, counters, the first [`MAX_REPORTED_FAILURES`] failures and a
//! small cache of recent batches are kept, so a million-line JSONL export
//! runs in constant memory. The node encoding is detected once (on the first
//! receipt with two or more item hashes) and then tried first; a batch's root
//! is computed once for all the webhooks that repeat its item hashes.
//!
//! The start of the chain: the first receipt's `previousProofHash` may be
//! `null`, absent or the zero hash (the tenant's first receipt), or any other
//! id (the export starts mid-chain: that link cannot be checked and is
//! reported as the chain's starting point).

use super::cache::RootEval;
use super::line::{LineReader, ProofFact, fact_of_proof};
use crate::receipt::wire::{ReceiptId, WebhookProof};
use crate::receipt::{Failure, Verdict};
use crate::{Hash32, Level, NodeEncoding};
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use serde::Serialize;

/// At most this many failures are kept in a [`ChainReport`]; the rest are counted.
pub const MAX_REPORTED_FAILURES: usize = 100;
/// Default bound on one JSONL line, in bytes (16 MiB).
pub const DEFAULT_MAX_LINE_BYTES: usize = 16 * 1024 * 1024;

/// How the chain starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "previousProofHash", rename_all = "camelCase")]
pub enum ChainStart {
    /// The first receipt's `previousProofHash` is null or absent.
    NullOrAbsent,
    /// The first receipt's `previousProofHash` is the zero hash.
    Zero,
    /// The first receipt links to a receipt not in the input.
    MidChain(ReceiptId),
}

/// A failure on one line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineFailure {
    /// 1-based line number.
    pub line: u64,
    /// What did not match.
    pub failure: Failure,
}

/// The result of a chain check.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainReport {
    /// The verdict: verified when no failure and at least one receipt.
    pub verdict: Verdict,
    /// The assurance level: `consistent` when every receipt's root and link
    /// agree (the receipts agree with each other; nothing of the user's was
    /// compared), `not_verified` otherwise.
    pub level: Level,
    /// Lines read (blank lines included).
    pub lines: u64,
    /// Receipts checked.
    pub receipts: u64,
    /// How the chain starts (None: no receipts).
    pub start: Option<ChainStart>,
    /// The first receipt's proofHash.
    pub first_proof_hash: Option<ReceiptId>,
    /// The last receipt's proofHash: store it to continue the chain later.
    pub last_proof_hash: Option<ReceiptId>,
    /// The node encoding detected on the first receipt with n ≥ 2 item hashes.
    pub node_encoding: Option<NodeEncoding>,
    /// Receipts whose root did not decide the encoding (n < 2).
    pub undecidable_encoding: u64,
    /// Receipts with an opaque proofHash (root not checkable, link compared as text).
    pub opaque: u64,
    /// Total failures.
    pub failure_count: u64,
    /// The first [`MAX_REPORTED_FAILURES`] failures.
    pub failures: Vec<LineFailure>,
}

impl fmt::Display for ChainReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "receipt chain: {} (level: {})", self.verdict, self.level)?;
        writeln!(f, "receipts: {} ({} lines)", self.receipts, self.lines)?;
        match self.node_encoding {
            Some(e) => writeln!(f, "node encoding: {e} (detected)")?,
            None => writeln!(
                f,
                "node encoding: not decidable (no receipt with two or more item hashes); hex0x used"
            )?,
        }
        match &self.start {
            Some(ChainStart::NullOrAbsent) => writeln!(
                f,
                "start: previousProofHash null or absent (first receipt of the tenant)"
            )?,
            Some(ChainStart::Zero) => writeln!(f, "start: previousProofHash is the zero hash")?,
            Some(ChainStart::MidChain(id)) => writeln!(
                f,
                "start: mid-chain after {id} (that link is not checkable from this input)"
            )?,
            None => {}
        }
        if let (Some(a), Some(b)) = (&self.first_proof_hash, &self.last_proof_hash) {
            writeln!(f, "first proofHash: {a}")?;
            writeln!(f, "last proofHash:  {b}")?;
        }
        if self.opaque > 0 {
            writeln!(
                f,
                "{} receipt(s) have an opaque proofHash: root not checkable, links compared as text",
                self.opaque
            )?;
        }
        for lf in &self.failures {
            let text = lf.failure.to_string();
            let prefix = alloc::format!("line {}: ", lf.line);
            writeln!(
                f,
                "  FAIL  line {}: {}",
                lf.line,
                text.strip_prefix(&prefix).unwrap_or(&text)
            )?;
        }
        let hidden = self.failure_count.saturating_sub(self.failures.len() as u64);
        if hidden > 0 {
            writeln!(f, "  … and {hidden} more failure(s)")?;
        }
        Ok(())
    }
}

/// Why the chain input could not be read (bad input, not a failed check).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainInputError {
    /// A line is not JSON, or its proof is malformed.
    #[error("line {line}: {message}")]
    Json {
        /// 1-based line number.
        line: u64,
        /// serde's message.
        message: String,
    },
    /// A line holds no `proof` object.
    #[error(
        "line {line}: no receipt proof (expected a webhook event, {{data:{{proof}}}}, {{proof}} or a proof object)"
    )]
    NoProof {
        /// 1-based line number.
        line: u64,
    },
    /// A line is longer than the bound.
    #[error("line {line} is longer than {limit} bytes")]
    LineTooLong {
        /// 1-based line number.
        line: u64,
        /// The bound, in bytes.
        limit: usize,
    },
    /// Reading failed.
    #[error("read error: {0}")]
    Io(String),
}

/// Streaming chain checker.
///
/// ```
/// use pacspace_proof::{Verdict, Hash32};
/// use pacspace_proof::chain::ChainVerifier;
/// let a = Hash32::from_bytes([1; 32]);
/// let b = Hash32::from_bytes([2; 32]);
/// let mut v = ChainVerifier::new();
/// v.push_line(format!(r#"{{"proofHash":"{a}","contentHash":"{a}","itemHashes":["{a}"],"previousProofHash":null}}"#).as_bytes()).unwrap();
/// v.push_line(format!(r#"{{"proofHash":"{b}","contentHash":"{b}","itemHashes":["{b}"],"previousProofHash":"{a}"}}"#).as_bytes()).unwrap();
/// let report = v.finish();
/// assert_eq!(report.verdict, Verdict::Verified);
/// assert_eq!(report.receipts, 2);
/// ```
#[derive(Debug, Clone, Default)]
pub struct ChainVerifier {
    pub(super) lines: u64,
    receipts: u64,
    start: Option<ChainStart>,
    first: Option<ReceiptId>,
    previous: Option<ReceiptId>,
    encoding: Option<NodeEncoding>,
    undecidable: u64,
    opaque: u64,
    failure_count: u64,
    failures: Vec<LineFailure>,
    reader: LineReader,
}

impl ChainVerifier {
    /// An empty checker.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::chain::ChainVerifier::new().finish().receipts, 0);
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Checks one JSONL line (blank lines are counted and skipped).
    ///
    /// ```
    /// let mut v = pacspace_proof::chain::ChainVerifier::new();
    /// v.push_line(b"  ").unwrap();
    /// assert!(v.push_line(b"{\"x\":1}").is_err());
    /// ```
    pub fn push_line(&mut self, line: &[u8]) -> Result<(), ChainInputError> {
        self.lines += 1;
        let line_no = self.lines;
        self.reader.hint = self.encoding;
        if let Some(fact) = self.reader.read(line, line_no)? {
            self.apply(&fact);
        }
        Ok(())
    }

    /// The encoding detected so far: the one tried first on the next receipt.
    #[cfg(feature = "parallel")]
    pub(super) fn encoding_hint(&self) -> Option<NodeEncoding> {
        self.encoding
    }

    /// Counts one line read elsewhere (blank or parsed in parallel).
    #[cfg(feature = "parallel")]
    pub(super) fn count_line(&mut self) {
        self.lines += 1;
    }

    fn fail(&mut self, failure: Failure) {
        self.failure_count += 1;
        if self.failures.len() < MAX_REPORTED_FAILURES {
            self.failures.push(LineFailure {
                line: self.lines,
                failure,
            });
        }
    }

    /// Checks one receipt's proof as the next in the chain (counted on the
    /// current line).
    ///
    /// ```
    /// use pacspace_proof::Hash32;
    /// use pacspace_proof::chain::ChainVerifier;
    /// use pacspace_proof::receipt::wire::{WebhookProof, ReceiptId};
    /// let a = Hash32::from_bytes([1; 32]);
    /// let p = WebhookProof { proof_hash: ReceiptId::Root(a), content_hash: a, item_hashes: vec![a],
    ///                        previous_proof_hash: None, extra: Default::default() };
    /// let mut v = ChainVerifier::new();
    /// v.push_proof(&p);
    /// v.push_proof(&p); // its previousProofHash should have been `a`
    /// assert_eq!(v.finish().failure_count, 1);
    /// ```
    pub fn push_proof(&mut self, proof: &WebhookProof) {
        let fact = fact_of_proof(proof, &mut self.reader.cache, self.encoding);
        self.apply(&fact);
    }

    /// Checks one receipt, read by [`LineReader`], counted on the current line.
    pub(super) fn apply(&mut self, fact: &ProofFact) {
        self.receipts += 1;
        let line = self.lines;
        if fact.content_at.is_none() {
            self.fail(Failure::ContentHashNotInItemHashes {
                content_hash: fact.content_hash,
                searched: fact.item_count,
            });
        }
        match (&fact.proof_hash, fact.eval) {
            (ReceiptId::Root(_), Some(RootEval::Matched(e))) => match self.encoding {
                None => self.encoding = Some(e),
                Some(first) if first != e => self.fail(Failure::EncodingChanged {
                    line,
                    first,
                    found: e,
                }),
                Some(_) => {}
            },
            (ReceiptId::Root(_), Some(RootEval::Empty)) => self.fail(Failure::EmptyItemHashes),
            (ReceiptId::Root(_), Some(RootEval::Single { equal: true, .. })) => self.undecidable += 1,
            (ReceiptId::Root(root), Some(eval)) => self.fail(Failure::RootMismatch {
                field: "proofHash".into(),
                claimed: *root,
                computed: eval.computed(self.encoding.unwrap_or_default()),
            }),
            (ReceiptId::Root(_), None) | (ReceiptId::Opaque(_), _) => self.opaque += 1,
        }
        let proof = fact;
        match self.previous.take() {
            None => {
                self.start = Some(match &proof.previous {
                    None => ChainStart::NullOrAbsent,
                    Some(ReceiptId::Root(h)) if *h == Hash32::ZERO => ChainStart::Zero,
                    Some(other) => ChainStart::MidChain(other.clone()),
                });
                self.first = Some(proof.proof_hash.clone());
            }
            Some(prev) => {
                if proof.previous.as_ref() != Some(&prev) {
                    self.fail(Failure::ChainBreak {
                        line,
                        expected: prev,
                        found: proof.previous.clone(),
                    });
                }
            }
        }
        self.previous = Some(proof.proof_hash.clone());
    }

    /// The report.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::chain::ChainVerifier::new().finish().verdict, pacspace_proof::Verdict::Unverifiable);
    /// ```
    pub fn finish(self) -> ChainReport {
        let verdict = if self.failure_count > 0 {
            Verdict::NotVerified
        } else if self.receipts == 0 {
            Verdict::Unverifiable
        } else {
            Verdict::Verified
        };
        ChainReport {
            verdict,
            level: if verdict == Verdict::Verified {
                Level::Consistent
            } else {
                Level::NotVerified
            },
            lines: self.lines,
            receipts: self.receipts,
            start: self.start,
            first_proof_hash: self.first,
            last_proof_hash: self.previous,
            node_encoding: self.encoding,
            undecidable_encoding: self.undecidable,
            opaque: self.opaque,
            failure_count: self.failure_count,
            failures: self.failures,
        }
    }
}
