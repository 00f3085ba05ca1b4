//! The audit engine: fed the submitted deltas, then the receipts, then the
//! balance answers, one line at a time; [`Audit::finish`] gives the report.

use super::answers::{Answer, parse_answer};
use super::deltas::{DeltaError, jsonl_fields};
use super::problems::{Problems, Severity, Source};
use super::receipts::{Fact, parse_receipt_line};
use super::roots::Roots;
use super::state::HeadStore;
use super::store::{ParsedDelta, Store};
use super::tenants::TenantChain;
use crate::chain::DEFAULT_MAX_LINE_BYTES;
use crate::chain::cache::RootCache;
use crate::receipt::WireError;
use crate::receipt::wire::ReceiptId;
use crate::{ItemMapping, NodeEncoding};
use core::fmt;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::format;
use std::string::String;
use std::vec::Vec;

/// How the delta→item mapping of the export was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "finding", rename_all = "camelCase")]
pub enum MappingChoice {
    /// It reproduced `matches` receipt item hashes from the first `sampled` deltas.
    Detected {
        /// Receipt item hashes reproduced.
        matches: u64,
        /// Deltas sampled.
        sampled: u64,
    },
    /// No receipt item in the sample matched any mapping: the documented default is used.
    Assumed {
        /// Deltas sampled.
        sampled: u64,
    },
    /// Chosen by the caller.
    Given,
}

/// What the audit starts from.
///
/// ```
/// use pacspace_proof::audit::AuditOptions;
/// use pacspace_proof::NodeEncoding;
/// let o = AuditOptions { encoding: Some(NodeEncoding::Bytes), ..Default::default() };
/// assert!(o.heads.tenants.is_empty());
/// ```
#[derive(Debug, Clone)]
pub struct AuditOptions {
    /// The delta→item mapping for the whole export.
    pub mapping: ItemMapping,
    /// How it was chosen (reported).
    pub mapping_choice: MappingChoice,
    /// The node encoding, when known; `None`: detected on the first receipt that decides it.
    pub encoding: Option<NodeEncoding>,
    /// The receipts line that decided `encoding` ([`Calibration`](super::Calibration)); `None`: given.
    pub encoding_line: Option<u64>,
    /// Heads stored by an earlier run (empty: none).
    pub heads: HeadStore,
    /// Bound on one input line, in bytes.
    pub max_line_bytes: usize,
}

impl Default for AuditOptions {
    fn default() -> Self {
        AuditOptions {
            mapping: ItemMapping::default(),
            mapping_choice: MappingChoice::Given,
            encoding: None,
            encoding_line: None,
            heads: HeadStore::default(),
            max_line_bytes: DEFAULT_MAX_LINE_BYTES,
        }
    }
}

/// Why a line could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum LineError {
    /// A submitted delta.
    Delta(DeltaError),
    /// A receipt.
    Receipt(WireError),
    /// A balance answer.
    Answer(String),
    /// Longer than the bound.
    TooLong {
        /// The bound, in bytes.
        limit: usize,
    },
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LineError::Delta(e) => e.fmt(f),
            LineError::Receipt(e) => e.fmt(f),
            LineError::Answer(e) => f.write_str(e),
            LineError::TooLong { limit } => write!(f, "longer than {limit} bytes"),
        }
    }
}

/// Why the audit could not read its input (bad input, not a finding).
///
/// ```
/// let mut a = pacspace_proof::audit::Audit::new(Default::default());
/// let e = a.push_receipt_line(b"{", 3).unwrap_err();
/// assert!(e.to_string().starts_with("receipts line 3: not valid JSON"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum AuditError {
    /// A line of an input.
    Line {
        /// Which input.
        source: Source,
        /// 1-based line.
        line: u64,
        /// What was wrong.
        error: LineError,
    },
    /// Reading an input failed.
    Io {
        /// Which input.
        source: Source,
        /// The system's message.
        message: String,
    },
    /// Deltas were pushed after the receipts had started.
    Order,
    /// More submitted deltas than the audit can number (2^32 - 1).
    TooManyDeltas,
}

// By hand rather than derived with thiserror, which would take the `source`
// field (which input) for the error's source, and that is not an error.
impl fmt::Display for AuditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuditError::Line { source, line, error } => {
                write!(f, "{} line {line}: {error}", source_name(*source))
            }
            AuditError::Io { source, message } => {
                write!(f, "cannot read {}: {message}", source_name(*source))
            }
            AuditError::Order => f.write_str("every submitted delta must be given before the receipts"),
            AuditError::TooManyDeltas => f.write_str("more than 4294967294 submitted deltas"),
        }
    }
}

impl core::error::Error for AuditError {}

pub(crate) fn source_name(s: Source) -> &'static str {
    match s {
        Source::Deltas => "deltas",
        Source::Receipts => "receipts",
        Source::Answers => "answers",
        Source::State => "state",
    }
}

/// Receipts read, by kind, and the roots they name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptCounts {
    /// Lines read (blank ones included).
    pub lines: u64,
    /// `delta.verified` events.
    pub verified_events: u64,
    /// `delta.failed` events.
    pub failed_events: u64,
    /// Other events (`delta.stored`, `checkpoint.verified`, …), not used.
    pub other_events: u64,
    /// Emit responses.
    pub emit: u64,
    /// Batch responses.
    pub batch: u64,
    /// Delta status answers.
    pub delta_status: u64,
    /// Public verify answers.
    pub verify_answer: u64,
    /// Distinct roots named.
    pub roots: u64,
    /// Roots an item list recomputed.
    pub roots_recomputed: u64,
    /// Roots whose verification the service confirmed.
    pub roots_confirmed: u64,
    /// Item lists decoded and hashed (once per distinct batch, per thread).
    pub lists_decoded: u64,
    /// Item lists recognised as a batch already decoded (root not recomputed).
    pub lists_reused: u64,
}

/// The streaming audit.
///
/// ```
/// use pacspace_proof::audit::{Audit, AuditOptions, DeltaClass};
/// use pacspace_proof::receipt::SubmittedDelta;
/// let delta = r#"{"customerId":"c1","delta":5,"reason":"api_call","referenceId":"r1"}"#;
/// let h = SubmittedDelta::from_json(delta).unwrap().item_hash(Default::default()).unwrap();
/// let webhook = format!(r#"{{"event":"delta.verified","data":{{"receiptId":"{h}","deltaIndex":0,
///   "proof":{{"proofHash":"{h}","contentHash":"{h}","itemHashes":["{h}"],"previousProofHash":null}}}}}}"#);
/// let mut audit = Audit::new(AuditOptions::default());
/// audit.push_delta_line(delta.as_bytes(), 1).unwrap();
/// audit.push_receipt_line(webhook.replace('\n', "").as_bytes(), 1).unwrap();
/// let report = audit.finish();
/// assert_eq!(report.deltas.verified, 1);
/// assert_eq!(report.rows().next().unwrap().class, DeltaClass::Verified);
/// assert!(report.passed());
/// ```
#[derive(Debug)]
pub struct Audit {
    pub(crate) opts: AuditOptions,
    pub(crate) store: Store,
    pub(crate) roots: Roots,
    /// The export's node encoding and the receipt line that decided it (0: given).
    pub(crate) encoding: Option<(NodeEncoding, u64)>,
    pub(crate) receipts_started: bool,
    pub(crate) counts: ReceiptCounts,
    pub(crate) unmatched: u64,
    pub(crate) duplicates: u64,
    pub(crate) tenants: BTreeMap<String, TenantChain>,
    pub(crate) stored_heads: BTreeMap<String, ReceiptId>,
    pub(crate) anchors: HashMap<String, u32>,
    pub(crate) anchor_failures: Vec<(String, String)>,
    pub(crate) altered: HashMap<u32, String>,
    pub(crate) failed: HashMap<u32, String>,
    pub(crate) problems: Problems,
    pub(crate) answers: Vec<(u64, Answer)>,
    pub(crate) cache: RootCache,
}

impl Audit {
    /// An audit with nothing read yet.
    ///
    /// ```
    /// let report = pacspace_proof::audit::Audit::new(Default::default()).finish();
    /// assert_eq!(report.deltas.submitted, 0);
    /// ```
    pub fn new(opts: AuditOptions) -> Self {
        let stored_heads = opts
            .heads
            .tenants
            .iter()
            .map(|(t, h)| (t.clone(), ReceiptId::parse(&h.proof_hash)))
            .collect();
        Audit {
            encoding: opts.encoding.map(|e| (e, opts.encoding_line.unwrap_or(0))),
            opts,
            store: Store::default(),
            roots: Roots::default(),
            receipts_started: false,
            counts: ReceiptCounts::default(),
            unmatched: 0,
            duplicates: 0,
            tenants: BTreeMap::new(),
            stored_heads,
            anchors: HashMap::new(),
            anchor_failures: Vec::new(),
            altered: HashMap::new(),
            failed: HashMap::new(),
            problems: Problems::default(),
            answers: Vec::new(),
            cache: RootCache::default(),
        }
    }

    /// The mapping the deltas are hashed under.
    pub(crate) fn mapping(&self) -> ItemMapping {
        self.opts.mapping
    }

    /// The node encoding tried first on the next receipt.
    pub(crate) fn encoding_hint(&self) -> Option<NodeEncoding> {
        self.encoding.map(|(e, _)| e)
    }

    pub(crate) fn problem(
        &mut self,
        severity: Severity,
        kind: &'static str,
        source: Source,
        line: u64,
        detail: String,
    ) {
        self.problems.push(severity, kind, source, line, detail);
    }

    /// Reads one JSONL line of the submitted deltas (1-based `line_no`;
    /// blank lines are skipped).
    ///
    /// ```
    /// let mut a = pacspace_proof::audit::Audit::new(Default::default());
    /// assert!(a.push_delta_line(br#"{"customerId":"c","delta":1}"#, 1).is_err());
    /// ```
    pub fn push_delta_line(&mut self, line: &[u8], line_no: u64) -> Result<(), AuditError> {
        if line.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        let err = |error: DeltaError| AuditError::Line {
            source: Source::Deltas,
            line: line_no,
            error: LineError::Delta(error),
        };
        let parsed = jsonl_fields(line)
            .and_then(|f| f.parse(line_no, self.mapping()))
            .map_err(err)?;
        self.add_parsed(parsed)
    }

    /// Stores one submitted delta, read and hashed.
    pub(crate) fn add_parsed(&mut self, d: ParsedDelta) -> Result<(), AuditError> {
        if self.receipts_started {
            return Err(AuditError::Order);
        }
        let line = d.line;
        let inexact = d.decimal.is_none();
        let added = self.store.add(d).ok_or(AuditError::TooManyDeltas)?;
        if let Some(first) = added.copy_of {
            self.duplicates += 1;
            let at = self.store.get(first).map_or(0, |r| r.line);
            self.problem(
                Severity::Warning,
                "duplicate",
                Source::Deltas,
                line,
                format!("repeats the item hash of the delta on line {at}"),
            );
        }
        if let Some(first) = added.reference_of {
            let at = self.store.get(first).map_or(0, |r| r.line);
            self.problem(
                Severity::Warning,
                "referenceReused",
                Source::Deltas,
                line,
                format!(
                    "same customerId and referenceId as line {at} with other content: receipts naming them are matched to line {at}"
                ),
            );
        }
        if inexact {
            self.problem(
                Severity::Warning,
                "inexactAmount",
                Source::Deltas,
                line,
                format!("amount {}", super::decimal::DecimalError::OutOfRange),
            );
        }
        Ok(())
    }

    /// Reads one line of the receipts export (1-based `line_no`): any mix of
    /// emit, batch and delta status answers, webhook events and verify answers.
    ///
    /// ```
    /// let mut a = pacspace_proof::audit::Audit::new(Default::default());
    /// assert!(a.push_receipt_line(b"{\"hello\":1}", 1).is_err());
    /// assert!(a.push_receipt_line(b"", 2).is_ok());
    /// ```
    pub fn push_receipt_line(&mut self, line: &[u8], line_no: u64) -> Result<(), AuditError> {
        let hint = self.encoding_hint();
        let mut cache = core::mem::take(&mut self.cache);
        let fact = parse_receipt_line(line, &mut cache, hint);
        self.cache = cache;
        let fact = fact.map_err(|e| AuditError::Line {
            source: Source::Receipts,
            line: line_no,
            error: LineError::Receipt(e),
        })?;
        self.apply_fact(fact, line_no);
        Ok(())
    }

    /// Applies one receipts line, read here or on another thread.
    pub(crate) fn apply_fact(&mut self, fact: Fact, line: u64) {
        self.receipts_started = true;
        self.counts.lines += 1;
        match fact {
            Fact::Blank => {}
            Fact::Webhook(w) => self.apply_webhook(&w, line),
            Fact::Artefact(a) => self.apply_artefact(&a, line),
        }
    }

    /// Reads one line of the balance answers (derive, receipt / invoice
    /// proof, public verify summary, checkpoint); blank lines are skipped.
    ///
    /// ```
    /// let mut a = pacspace_proof::audit::Audit::new(Default::default());
    /// assert!(a.push_answer_line(br#"{"customerId":"c","computedBalance":0,"deltasCount":0}"#, 1).is_ok());
    /// assert!(a.push_answer_line(br#"{"balance":1}"#, 2).is_err());
    /// ```
    pub fn push_answer_line(&mut self, line: &[u8], line_no: u64) -> Result<(), AuditError> {
        if line.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        let answer = parse_answer(line).map_err(|e| AuditError::Line {
            source: Source::Answers,
            line: line_no,
            error: LineError::Answer(e),
        })?;
        self.answers.push((line_no, answer));
        Ok(())
    }
}
