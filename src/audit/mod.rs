//! Audit a whole export: every delta submitted, recorded, unaltered,
//! verified and counted (`std`).
//!
//! The engine is fed three streams, in order: the submitted deltas (JSONL or
//! CSV), the receipts the service sent (emit, batch and delta status
//! answers, webhook events of both shapes, public verify answers, any mix,
//! one per line), and optionally the service's balance answers (derive,
//! receipt / invoice proof, verify summary, checkpoint). It keeps a small
//! fixed record per submitted delta (the item hash as 32 bytes) and gives a
//! report in which every submitted delta has exactly one [`DeltaClass`],
//! first match wins:
//!
//! 1. **verified**: its item hash is in the item list of a root that
//!    recomputes from that list and whose verification the service confirmed
//!    (a `delta.verified` webhook, a delta status `VERIFIED` / `ANCHORED`, a
//!    verify answer for the root);
//! 2. **altered**: a receipt names its referenceId for its customer with
//!    another amount, reason or metadata, or another content hash;
//! 3. **failed**: the service reports it failed (batch result `FAILED`,
//!    `delta.failed`, status `FAILED`), matched by content hash, referenceId,
//!    batch index or anchorId;
//! 4. **pending**: its item hash is in an emit or batch response whose root
//!    recomputes, with no verification yet;
//! 5. **missing**: none of the above.
//!
//! The delta→item mapping and the node encoding are decided once per export
//! ([`calibrate`]); each batch's root is computed once however many webhooks
//! repeat its item list. Balances per customer are summed exactly in
//! decimal ([`Decimal`]) and in doubles in submission order, and each claimed
//! figure is reported with the arithmetic that reproduced it. Sequence
//! numbers (`deltaIndex`, `sequenceNumber`: the tenant's sequence) must run
//! without gaps or repeats; the chain of verified receipts must link; with
//! the heads of an earlier run ([`HeadStore`]) a rollback or a fork is found.
//!
//! ```
//! use pacspace_proof::audit::{Audit, AuditOptions, DeltaFormat, read_deltas, read_receipts};
//! use pacspace_proof::receipt::SubmittedDelta;
//! let deltas = "{\"customerId\":\"c1\",\"delta\":0.1,\"reason\":\"api_call\"}\n\
//!               {\"customerId\":\"c1\",\"delta\":0.2,\"reason\":\"api_call\"}\n";
//! let h: Vec<_> = deltas.lines().map(|l| SubmittedDelta::from_json(l).unwrap().item_hash(Default::default()).unwrap()).collect();
//! let root = pacspace_proof::items_root(&h, pacspace_proof::NodeEncoding::Hex0x);
//! let emit = format!(r#"{{"customerId":"c1","delta":0.1,"status":"VERIFIED","receiptId":"{root}","itemsRoot":"{root}","itemHashes":["{}","{}"]}}"#, h[0], h[1]);
//! let mut audit = Audit::new(AuditOptions::default());
//! read_deltas(&mut audit, deltas.as_bytes(), DeltaFormat::Jsonl, |_| {}).unwrap();
//! read_receipts(&mut audit, emit.as_bytes(), |_| {}).unwrap();
//! let report = audit.finish();
//! assert_eq!((report.deltas.verified, report.deltas.submitted), (2, 2));
//! assert_eq!(report.customers[0].net_decimal.as_deref(), Some("0.3"));
//! assert_eq!(report.customers[0].net_double, 0.30000000000000004);
//! ```

mod answers;
mod apply;
mod apply_other;
mod checkpoint;
mod claims;
mod classify;
mod compare;
mod csv;
mod decimal;
mod deltas;
mod detect;
mod engine;
mod finish;
mod problems;
mod read;
mod read_deltas;
mod receipts;
mod render_csv;
mod render_html;
mod render_text;
mod report;
mod roots;
mod sequence;
mod state;
mod store;
mod sums;
mod tenants;

pub use claims::{Claim, Reproduced};
pub use classify::DeltaClass;
pub use decimal::{Decimal, DecimalError, MAX_SCALE};
pub use deltas::{DeltaError, DeltaFormat};
pub use detect::{Calibration, calibrate};
pub use engine::{Audit, AuditError, AuditOptions, LineError, MappingChoice, ReceiptCounts};
pub use problems::{MAX_PROBLEMS, Problem, Severity, Source};
pub use read::{read_answers, read_receipts};
pub use read_deltas::read_deltas;
pub use render_csv::write_csv;
pub use render_html::write_html;
pub use report::{
    AuditReport, ChainSection, ClassCounts, CustomerBalance, DeltaRow, EncodingReport, MappingReport,
    TenantSequence,
};
pub use sequence::{MAX_LISTED, MAX_RANGES, Repeat, SequenceReport, SequenceTracker};
pub use state::{HEADS_FILE, Head, HeadCheck, HeadStatus, HeadStore, StateError};
pub use tenants::TenantChainReport;
