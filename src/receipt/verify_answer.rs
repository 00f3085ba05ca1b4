//! Verification of the public verify endpoint's answer
//! (`GET /api/v1/verify/:proofRoot`). The service's own `verified` is never
//! the verdict: what can be recomputed is, and the rest is said.

use crate::Hash32;
use crate::receipt::common::{check_id, check_item_hash, error_text};
use crate::receipt::mapping::SubmittedDelta;
use crate::receipt::status::check_submitted_root;
use crate::receipt::wire::{ReceiptId, VerifyAnswer};
use crate::receipt::{ArtefactKind, Basis, Failure, Report};
use alloc::format;
use alloc::string::{String, ToString};

/// Verifies a verify-endpoint answer against the deltas of the anchor, in
/// order, and optionally the root the auditor asked about.
///
/// Checks: the status is not FAILED; in the flat shape, `receiptId` equals
/// `proofHash` and `contentHash` is the item hash of the (single) submitted
/// delta; otherwise the root of the submitted deltas is `proofRoot` (mapping
/// and node encoding detected); `records[]` match the submitted deltas one to
/// one (`amount`, `reason`, `referenceId`); `summary.recordCount` is the
/// number of submitted deltas; the asked-for root equals the
/// answer's root. With no submitted deltas nothing can be recomputed and the
/// verdict is unverifiable, whatever `verified` says.
///
/// ```
/// use pacspace_proof::Verdict;
/// use pacspace_proof::receipt::{SubmittedDelta, verify_public_answer};
/// use pacspace_proof::receipt::wire::VerifyAnswer;
/// let a: VerifyAnswer = serde_json::from_value(serde_json::json!({"verified": true, "proofRoot": "rcpt_1"})).unwrap();
/// assert_eq!(verify_public_answer(&a, &[], None).verdict(), Verdict::Unverifiable);
/// let d = SubmittedDelta::from_json(r#"{"customerId":"c","delta":5,"reason":"r"}"#).unwrap();
/// let h = d.item_hash(Default::default()).unwrap();
/// let a: VerifyAnswer = serde_json::from_value(serde_json::json!({"verified": true, "proofRoot": h,
///     "records":[{"amount":5,"reason":"r","referenceId":null,"status":"ANCHORED"}]})).unwrap();
/// assert_eq!(verify_public_answer(&a, &[d], Some(&h)).verdict(), Verdict::Verified);
/// ```
pub fn verify_public_answer(
    ans: &VerifyAnswer,
    submitted: &[SubmittedDelta],
    expected_root: Option<&Hash32>,
) -> Report {
    let mut r = Report::new(ArtefactKind::VerifyAnswer);
    if let Some(v) = ans.verified {
        r.notes.push(format!(
            "the service says verified={v}; that claim is not the verdict: the checks of this report are"
        ));
    }
    if ans.status.as_ref().is_some_and(|s| s.is_failed()) {
        r.fail(
            "status",
            Failure::StatusFailed {
                field: "status".into(),
                error: error_text(ans.extra.get("error")),
            },
        );
    }
    let (root_field, root) = match (&ans.proof_root, &ans.proof_hash) {
        (Some(root), _) => ("proofRoot", Some(root)),
        (None, Some(root)) => ("proofHash", Some(root)),
        (None, None) => ("proofRoot", None),
    };
    if let (Some(id), Some(ReceiptId::Root(ph))) = (&ans.receipt_id, &ans.proof_hash) {
        if submitted.is_empty() && id == &ReceiptId::Root(*ph) {
            r.not_checkable("receiptId", echo_why("receiptId equals proofHash"));
        } else {
            check_id(&mut r, "receiptId", "receiptId", id, ph);
        }
    }
    if submitted.is_empty() {
        r.not_checkable(
            "submitted deltas",
            "none given: nothing the answer claims can be recomputed".into(),
        );
    }
    match (&ans.content_hash, submitted) {
        (Some(ch), [only]) => {
            check_item_hash(&mut r, Basis::OwnItem, 0, "contentHash", only, ch);
        }
        (Some(_), [_, _, ..]) => r.not_checkable(
            "contentHash",
            "several submitted deltas given for a single-record answer".into(),
        ),
        _ => {}
    }
    match root {
        Some(ReceiptId::Root(h)) if !submitted.is_empty() && ans.content_hash.is_none() => {
            check_submitted_root(&mut r, root_field, submitted, h);
        }
        Some(ReceiptId::Root(_)) if ans.content_hash.is_some() => r.not_checkable(
            root_field,
            "the flat answer lists no itemHashes: the root cannot be recomputed from one contentHash".into(),
        ),
        Some(ReceiptId::Opaque(id)) => {
            r.not_checkable(root_field, crate::receipt::common::opaque_why(root_field, id))
        }
        _ => {}
    }
    if !ans.records.is_empty() && !submitted.is_empty() {
        check_records(&mut r, ans, submitted);
    }
    let record_count = ans
        .summary
        .as_ref()
        .and_then(|s| s.get("recordCount"))
        .and_then(serde_json::Value::as_u64);
    if let (Some(c), false) = (record_count, submitted.is_empty()) {
        if c == submitted.len() as u64 {
            r.pass_on(
                Basis::OwnField,
                "summary.recordCount",
                format!("{c}, as submitted"),
            );
        } else {
            r.fail(
                "summary.recordCount",
                Failure::CountMismatch {
                    field: "summary.recordCount".into(),
                    expected: submitted.len() as u64,
                    found: c,
                },
            );
        }
    }
    if let Some(exp) = expected_root {
        match root {
            Some(ReceiptId::Root(h)) if h == exp && submitted.is_empty() => r.not_checkable(
                "asked-for root",
                echo_why(&format!("{root_field} is the asked-for {exp}")),
            ),
            Some(id) => check_id(&mut r, "asked-for root", root_field, id, exp),
            None => r.fail(
                "asked-for root",
                Failure::MissingField {
                    field: "proofRoot".into(),
                },
            ),
        }
    }
    r
}

/// Why an answer that merely repeats a root is no evidence: a mismatch would
/// fail, but a match proves nothing until something is recomputed.
fn echo_why(what: &str) -> String {
    format!("{what}, but nothing was recomputed: an echoed root proves nothing")
}

fn check_records(r: &mut Report, ans: &VerifyAnswer, submitted: &[SubmittedDelta]) {
    if ans.records.len() != submitted.len() {
        r.fail(
            "records",
            Failure::CountMismatch {
                field: "records".into(),
                expected: submitted.len() as u64,
                found: ans.records.len() as u64,
            },
        );
        return;
    }
    let mut ok = true;
    for (i, (rec, s)) in ans.records.iter().zip(submitted).enumerate() {
        let pairs: [(&str, Option<String>, Option<String>); 3] = [
            (
                "amount",
                rec.amount.map(|a| a.to_string()),
                Some(s.amount.to_string()),
            ),
            ("reason", rec.reason.clone(), Some(s.reason.clone())),
            ("referenceId", rec.reference_id.clone(), s.reference_id.clone()),
        ];
        for (key, found, expected) in pairs {
            if key != "referenceId" && found.is_none() {
                continue;
            }
            if found != expected {
                ok = false;
                let field = format!("records[{i}].{key}");
                r.fail(
                    &field,
                    Failure::FieldMismatch {
                        field: field.clone(),
                        expected: expected.unwrap_or_else(|| "null".into()),
                        found: found.unwrap_or_else(|| "null".into()),
                    },
                );
            }
        }
    }
    if ok {
        r.pass_on(
            Basis::OwnField,
            "records",
            format!(
                "{} records match the submitted deltas (amount, reason, referenceId)",
                submitted.len()
            ),
        );
    }
}
