//! Helpers for the audit tests: the export builders of the sample generator,
//! and one call that audits JSON values as the CLI audits files.
#![allow(dead_code)]

#[path = "../../examples/make_samples/audit.rs"]
pub mod build;

use pacspace_proof::audit::{
    Audit, AuditOptions, AuditReport, DeltaClass, DeltaFormat, HeadStore, calibrate, read_answers,
    read_deltas, read_receipts,
};
use serde_json::Value;

pub use build::*;

/// Audits `deltas`, `receipts` and `answers` (mapping and encoding
/// calibrated from them), starting from `heads`.
pub fn audit_with(deltas: &[Value], receipts: &[Value], answers: &[Value], heads: HeadStore) -> AuditReport {
    let (d, r, a) = (jsonl(deltas), jsonl(receipts), jsonl(answers));
    let cal = calibrate(d.as_bytes(), DeltaFormat::Jsonl, r.as_bytes());
    let mut audit = Audit::new(AuditOptions {
        heads,
        ..cal.options()
    });
    read_deltas(&mut audit, d.as_bytes(), DeltaFormat::Jsonl, |_| {}).expect("deltas");
    read_receipts(&mut audit, r.as_bytes(), |_| {}).expect("receipts");
    read_answers(&mut audit, a.as_bytes()).expect("answers");
    audit.finish()
}

pub fn audit(deltas: &[Value], receipts: &[Value], answers: &[Value]) -> AuditReport {
    audit_with(deltas, receipts, answers, HeadStore::default())
}

/// Each submitted delta's class, in order.
pub fn classes(r: &AuditReport) -> Vec<DeltaClass> {
    r.rows().map(|row| row.class).collect()
}

/// The detail of delta `i`.
pub fn detail(r: &AuditReport, i: usize) -> String {
    r.rows()
        .nth(i)
        .map(|row| row.detail.into_owned())
        .unwrap_or_default()
}

/// `(submitted, verified, altered, failed, pending, missing, duplicate)`.
pub fn counts(r: &AuditReport) -> (u64, u64, u64, u64, u64, u64, u64) {
    let c = r.deltas;
    (
        c.submitted,
        c.verified,
        c.altered,
        c.failed,
        c.pending,
        c.missing,
        c.duplicate,
    )
}

/// Kinds of the problems found.
pub fn problem_kinds(r: &AuditReport) -> Vec<&'static str> {
    r.problems.iter().map(|p| p.kind).collect()
}
