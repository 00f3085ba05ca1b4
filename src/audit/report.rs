//! The audit report: counts per class, balances and claims per customer,
//! sequence numbers, chains and heads, problems; one row per submitted delta.

use super::claims::Claim;
use super::classify::{DeltaClass, classify};
use super::engine::{MappingChoice, ReceiptCounts};
use super::problems::Problem;
use super::roots::Roots;
use super::sequence::SequenceReport;
use super::state::{HeadCheck, HeadStore};
use super::store::Store;
use super::tenants::TenantChainReport;
use crate::receipt::Verdict;
use crate::{Hash32, ItemMapping, NodeEncoding};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;
use std::string::String;
use std::vec::Vec;

/// The assurance level reached, as the other verbs will name it (the lead's
/// `Level` type replaces these names in this one place).
pub(crate) fn level_name(passed: bool) -> &'static str {
    if passed { "verified" } else { "not_verified" }
}

/// Submitted deltas per class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassCounts {
    /// Deltas read.
    pub submitted: u64,
    /// Verified.
    pub verified: u64,
    /// Altered.
    pub altered: u64,
    /// Failed.
    pub failed: u64,
    /// Pending.
    pub pending: u64,
    /// Missing.
    pub missing: u64,
    /// Deltas repeating an item hash already submitted (each extra copy once).
    pub duplicate: u64,
}

impl ClassCounts {
    /// The count of one class.
    ///
    /// ```
    /// use pacspace_proof::audit::{ClassCounts, DeltaClass};
    /// let c = ClassCounts { pending: 2, ..Default::default() };
    /// assert_eq!(c.of(DeltaClass::Pending), 2);
    /// ```
    pub fn of(&self, class: DeltaClass) -> u64 {
        match class {
            DeltaClass::Verified => self.verified,
            DeltaClass::Altered => self.altered,
            DeltaClass::Failed => self.failed,
            DeltaClass::Pending => self.pending,
            DeltaClass::Missing => self.missing,
        }
    }
}

/// One customer's verified deltas and the balance figures claimed for them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerBalance {
    /// The customer.
    pub customer_id: String,
    /// Deltas submitted for the customer.
    pub submitted_deltas: u64,
    /// Of which verified.
    pub verified_deltas: u64,
    /// Net of the verified deltas, exact (None: an amount has no exact form here).
    pub net_decimal: Option<String>,
    /// Net of the verified deltas in doubles, summed in submission order.
    pub net_double: f64,
    /// Figures the answers claim for the customer.
    pub claims: Vec<Claim>,
}

/// The delta→item mapping used for the whole export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MappingReport {
    /// The mapping.
    #[serde(flatten)]
    pub mapping: ItemMapping,
    /// How it was chosen.
    #[serde(flatten)]
    pub choice: MappingChoice,
}

/// The node encoding used for the whole export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EncodingReport {
    /// The encoding.
    pub encoding: NodeEncoding,
    /// `detected` (on `line`), `given`, or `undecidable` (no receipt with two or more items: hex0x used).
    pub finding: &'static str,
    /// The receipts line that decided it.
    pub line: Option<u64>,
}

/// The sequence numbers of one tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TenantSequence {
    /// The tenant.
    pub tenant: String,
    /// What they show.
    #[serde(flatten)]
    pub report: SequenceReport,
}

/// Chains of verified receipts and their heads.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChainSection {
    /// One chain per tenant.
    pub tenants: Vec<TenantChainReport>,
    /// Each tenant's head against the stored one (`--state`).
    pub heads: Vec<HeadCheck>,
}

/// One submitted delta in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeltaRow<'a> {
    /// 1-based line (or CSV record start) in the submitted deltas.
    pub line: u64,
    /// `customerId`.
    pub customer_id: &'a str,
    /// `referenceId`.
    pub reference_id: Option<&'a str>,
    /// Its item hash (export mapping).
    pub item_hash: Hash32,
    /// Its class.
    pub class: DeltaClass,
    /// The root that verified it (or, pending, that holds it).
    pub proof_hash: Option<Hash32>,
    /// Why, for altered, failed, pending and missing deltas.
    pub detail: Cow<'a, str>,
}

/// What the rows are read from.
#[derive(Debug, Default)]
pub(crate) struct Detail {
    pub(crate) store: Store,
    pub(crate) roots: Roots,
    pub(crate) altered: HashMap<u32, String>,
    pub(crate) failed: HashMap<u32, String>,
}

/// The result of an audit.
///
/// ```
/// let report = pacspace_proof::audit::Audit::new(Default::default()).finish();
/// let json = serde_json::to_value(&report).unwrap();
/// assert_eq!(json["deltas"]["submitted"], 0);
/// assert_eq!((json["verdict"].as_str(), json["level"].as_str()), (Some("unverifiable"), Some("not_verified")));
/// ```
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditReport {
    /// Verified when every submitted delta is verified, no claim is a
    /// mismatch and no problem is an error.
    pub verdict: Verdict,
    /// The assurance level: `verified` or `not_verified`.
    pub level: &'static str,
    /// Submitted deltas per class.
    pub deltas: ClassCounts,
    /// Receipt items that match no submitted delta (other tenants' items, or ours altered).
    pub unmatched_items: u64,
    /// Receipts read.
    pub receipts: ReceiptCounts,
    /// The delta→item mapping.
    pub item_mapping: MappingReport,
    /// The node encoding.
    pub node_encoding: EncodingReport,
    /// Per customer, in order of first submission.
    pub customers: Vec<CustomerBalance>,
    /// Claims not about one customer (a root's or the export's summary, checkpoints).
    pub claims: Vec<Claim>,
    /// Claims no arithmetic reproduced.
    pub claim_mismatches: u64,
    /// Sequence numbers per tenant.
    pub sequence: Vec<TenantSequence>,
    /// Chains and heads.
    pub chain: ChainSection,
    /// The first problems.
    pub problems: Vec<Problem>,
    /// Problems found in all.
    pub problem_count: u64,
    /// Of which errors.
    pub error_count: u64,
    #[serde(skip)]
    pub(crate) next_heads: HeadStore,
    #[serde(skip)]
    pub(crate) detail: Detail,
}

impl AuditReport {
    /// Every submitted delta verified, no claim mismatch, no error.
    ///
    /// ```
    /// assert!(!pacspace_proof::audit::Audit::new(Default::default()).finish().passed());
    /// ```
    pub fn passed(&self) -> bool {
        self.verdict == Verdict::Verified
    }

    /// The heads to store for the next run: this run's verified heads, the
    /// stored ones where this export has none, the stored ones unchanged
    /// where a rollback or a fork was found.
    ///
    /// ```
    /// let report = pacspace_proof::audit::Audit::new(Default::default()).finish();
    /// assert!(report.next_heads().tenants.is_empty());
    /// ```
    pub fn next_heads(&self) -> &HeadStore {
        &self.next_heads
    }

    /// One row per submitted delta, in submission order.
    ///
    /// ```
    /// use pacspace_proof::audit::{Audit, DeltaClass};
    /// let mut audit = Audit::new(Default::default());
    /// audit.push_delta_line(br#"{"customerId":"c","delta":1,"reason":"r","referenceId":"x"}"#, 7).unwrap();
    /// let report = audit.finish();
    /// let row = report.rows().next().unwrap();
    /// assert_eq!((row.line, row.reference_id, row.class), (7, Some("x"), DeltaClass::Missing));
    /// ```
    pub fn rows(&self) -> impl Iterator<Item = DeltaRow<'_>> + '_ {
        let d = &self.detail;
        (0..d.store.len()).filter_map(move |i| {
            let rec = d.store.get(i)?;
            let (class, root) = classify(&d.store, &d.roots, i);
            let proof_hash = root.and_then(|r| d.roots.get(r)).map(|r| r.hash);
            let first = d.store.first_of(i);
            let detail: Cow<'_, str> = match class {
                DeltaClass::Verified => Cow::Borrowed(""),
                DeltaClass::Altered => d
                    .altered
                    .get(&first)
                    .map_or(Cow::Borrowed(""), |s| Cow::Borrowed(s)),
                DeltaClass::Failed => d
                    .failed
                    .get(&first)
                    .map_or(Cow::Borrowed(""), |s| Cow::Borrowed(s)),
                DeltaClass::Pending => {
                    Cow::Borrowed("its root recomputes; the service has not confirmed verification")
                }
                DeltaClass::Missing => Cow::Borrowed("no receipt holds its item hash"),
            };
            Some(DeltaRow {
                line: rec.line,
                customer_id: d.store.customers.name(rec.customer),
                reference_id: d.store.reference(rec),
                item_hash: rec.hash,
                class,
                proof_hash,
                detail,
            })
        })
    }
}
