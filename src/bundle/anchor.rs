//! The bundle's `ledger anchor` check: the recorded answers it carries are
//! put to the ledger module's pure decision ([`crate::ledger::decide`]),
//! offline, exactly as `pacspace-verify anchor --ledger-answers` and a
//! receipt's `--anchor --ledger-answers` do, and the answer is recorded with
//! the receipts' own wording ([`crate::Report::record_anchor`]).
//!
//! Anchored is a pass on the ledger (with the items verified, the level is
//! `anchored`); evidence against it (root absent, transaction failed or
//! unknown, sources disagreeing, an anchor older than the receipt) is a
//! failure naming `ledger`; too few sources answering is not checkable.

use crate::bundle::{Bundle, BundleFailure, BundleReport, fieldpath};
use crate::ledger::{AnchorPolicy, Timestamp, TxRef};
use crate::receipt::{ArtefactKind, Basis, Failure, Outcome};
use crate::{Hash32, Report};
use alloc::format;
use alloc::string::ToString;

/// The name of the check, as receipts name it.
pub(crate) const CHECK: &str = "ledger anchor";
const FIELD: &str = "ledger";

/// Decides from the bundle's recorded answers whether `root` is anchored;
/// records the check and the ledger's report on `r`. Nothing is decided
/// when the bundle carries no ledger evidence or when `changed` answers
/// no longer have their recorded SHA-256 (already failed).
pub(crate) fn check(b: &Bundle, root: &Hash32, changed: bool, r: &mut BundleReport) {
    let Some(l) = &b.ledger else { return };
    if changed {
        r.not_checkable(
            CHECK,
            FIELD,
            "the ledger was not asked: recorded answers were changed after they were recorded".into(),
        );
        return;
    }
    let recorded = match l.recorded() {
        Ok(rec) => rec,
        Err(e) => {
            return r.fail(
                CHECK,
                BundleFailure::LedgerField {
                    field: fieldpath::key(FIELD, "network"),
                    error: e.to_string(),
                },
            );
        }
    };
    if let Err(e) = TxRef::parse(&l.transaction) {
        return r.fail(
            CHECK,
            BundleFailure::LedgerField {
                field: fieldpath::key(FIELD, "transaction"),
                error: e.to_string(),
            },
        );
    }
    let mut policy = AnchorPolicy::new(recorded.network);
    // An anchor older than the receipt (less the tolerance) is evidence against it.
    match b.receipt.received_at.as_deref().map(Timestamp::parse_rfc3339) {
        Some(Ok(t)) => policy.not_before = Some(t),
        Some(Err(e)) => r.notes.push(format!(
            "receipt.receivedAt is not RFC 3339 ({e}): the anchor time was not compared with it"
        )),
        None => {}
    }
    let report = recorded.decide(root, &policy);
    // The receipts' wording of the same decision.
    let mut scratch = Report::new(ArtefactKind::Emit);
    scratch.record_anchor(root, &report);
    if let Some(c) = scratch.checks.last() {
        match &c.outcome {
            Outcome::Pass { detail } => r.pass_on(
                Basis::Ledger,
                CHECK,
                FIELD,
                format!(
                    "{detail}; decided offline from the {} recorded answer(s)",
                    l.answers.len()
                ),
            ),
            Outcome::Fail { failure } => {
                let (tx, reason) = match failure {
                    Failure::NotAnchored { tx, reason } => (tx.clone(), reason.clone()),
                    other => (report.tx.clone(), other.to_string()),
                };
                r.fail(
                    CHECK,
                    BundleFailure::NotAnchored {
                        field: FIELD.into(),
                        tx,
                        reason,
                    },
                );
            }
            Outcome::NotCheckable { why } => r.not_checkable(
                CHECK,
                FIELD,
                format!("the recorded answers do not decide it: {why}"),
            ),
        }
    }
    r.anchor = Some(report);
}
