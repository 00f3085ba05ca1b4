//! Verification of a batch response (`POST /api/v1/balance/delta/batch`).

use crate::Hash32;
use crate::receipt::common::{check_echo, check_item_hash, error_text};
use crate::receipt::detect::{ClaimKind, RootClaim, check_root_claims, check_stored};
use crate::receipt::mapping::SubmittedDelta;
use crate::receipt::wire::{BatchResponse, ReceiptId};
use crate::receipt::{ArtefactKind, Basis, Failure, Report};
use alloc::format;
use alloc::vec::Vec;

/// Verifies a batch response against the deltas submitted, in order (empty
/// to check only its internal consistency), and optionally the stored
/// receiptId.
///
/// Reading of the response: `results[i].index` is `i`; FAILED entries carry
/// no `itemHash` and are not anchored; the other entries share one
/// `receiptId`, the root over their `itemHash`es in index order.
///
/// Checks: `totalQueued` / `totalFailed` agree with `results`; the number of
/// results equals the number of submitted deltas; each `results[i].index` is
/// `i`; each non-FAILED entry's echoed `customerId`/`delta` and `itemHash`
/// match submitted delta `i` (mapping reported per delta); the shared
/// `receiptId` is the root of those item hashes (node encoding detected);
/// the stored receipt equals it. FAILED entries are listed as not checkable
/// with the service's error, never dropped silently.
///
/// ```
/// use pacspace_proof::{items_root, NodeEncoding, Verdict};
/// use pacspace_proof::receipt::{SubmittedDelta, verify_batch};
/// use pacspace_proof::receipt::wire::BatchResponse;
/// let deltas = SubmittedDelta::list_from_value(&serde_json::json!([
///     {"customerId":"a","delta":1,"reason":"r"}, {"customerId":"b","delta":-2,"reason":"r"}])).unwrap();
/// let hs: Vec<_> = deltas.iter().map(|d| d.item_hash(Default::default()).unwrap()).collect();
/// let root = items_root(&hs, NodeEncoding::Hex0x);
/// let resp: BatchResponse = serde_json::from_value(serde_json::json!({"success": true, "data": {
///     "totalQueued": 2, "totalFailed": 0, "results": [
///     {"index":0,"customerId":"a","delta":1,"itemHash":hs[0],"receiptId":root,"status":"QUEUED"},
///     {"index":1,"customerId":"b","delta":-2,"itemHash":hs[1],"receiptId":root,"status":"QUEUED"}]}})).unwrap();
/// assert_eq!(verify_batch(&resp, &deltas, None).verdict(), Verdict::Verified);
/// ```
pub fn verify_batch(
    resp: &BatchResponse,
    submitted: &[SubmittedDelta],
    expected_receipt: Option<&Hash32>,
) -> Report {
    let d = &resp.data;
    let mut r = Report::new(ArtefactKind::Batch);
    let n = d.results.len();
    let failed = d.results.iter().filter(|x| x.status.is_failed()).count();
    for (field, claimed, actual) in [
        ("totalQueued", d.total_queued, n - failed),
        ("totalFailed", d.total_failed, failed),
    ] {
        match claimed {
            Some(c) if c == actual as u64 => r.pass(field, format!("{c}, as counted in results")),
            Some(c) => r.fail(
                field,
                Failure::CountMismatch {
                    field: field.into(),
                    expected: actual as u64,
                    found: c,
                },
            ),
            None => {}
        }
    }
    if submitted.is_empty() {
        r.not_checkable(
            "item hashes",
            "no submitted deltas given: the deltas themselves are not checked, only the receipt's consistency"
                .into(),
        );
    } else if submitted.len() != n {
        r.fail(
            "result count",
            Failure::CountMismatch {
                field: "results (one per submitted delta)".into(),
                expected: submitted.len() as u64,
                found: n as u64,
            },
        );
    }
    let mut leaves: Vec<Hash32> = Vec::with_capacity(n);
    let mut shared: Option<(usize, &ReceiptId)> = None;
    for (i, res) in d.results.iter().enumerate() {
        if res.index != i as u64 {
            let field = format!("results[{i}].index");
            r.fail(
                &field,
                Failure::FieldMismatch {
                    field: field.clone(),
                    expected: format!("{i}"),
                    found: format!("{}", res.index),
                },
            );
        }
        if res.status.is_failed() {
            let error = error_text(res.error.as_ref());
            r.not_checkable(
                &format!("results[{i}]"),
                format!(
                    "FAILED by the service ({}): not anchored, no itemHash",
                    error.as_deref().unwrap_or("no error given")
                ),
            );
            continue;
        }
        if let Some(s) = submitted.get(i) {
            check_echo(
                &mut r,
                &format!("results[{i}]."),
                "delta",
                res.customer_id.as_deref(),
                res.delta,
                s,
            );
        }
        let Some(item_hash) = res.item_hash else {
            let field = format!("results[{i}].itemHash");
            r.fail(&field, Failure::MissingField { field: field.clone() });
            continue;
        };
        leaves.push(item_hash);
        if let Some(s) = submitted.get(i) {
            check_item_hash(
                &mut r,
                Basis::OwnItem,
                i,
                &format!("results[{i}].itemHash"),
                s,
                &item_hash,
            );
        }
        match (&res.receipt_id, shared) {
            (None, _) => {
                let field = format!("results[{i}].receiptId");
                r.fail(&field, Failure::MissingField { field: field.clone() });
            }
            (Some(id), None) => shared = Some((i, id)),
            (Some(id), Some((j, first))) if id != first => {
                let field = format!("results[{i}].receiptId");
                r.fail(
                    &field,
                    Failure::FieldMismatch {
                        field: field.clone(),
                        expected: format!("{first} (results[{j}].receiptId)"),
                        found: format!("{id}"),
                    },
                );
            }
            _ => {}
        }
    }
    match shared {
        Some((_, id)) => {
            let root = check_root_claims(
                &mut r,
                &leaves,
                &[RootClaim {
                    field: "receiptId",
                    id,
                    kind: ClaimKind::Root,
                }],
            );
            if let Some(stored) = expected_receipt {
                check_stored(&mut r, stored, &leaves, root);
            }
        }
        None if failed == n => {
            r.not_checkable("receiptId", "every entry FAILED: nothing was anchored".into())
        }
        None => {}
    }
    if failed > 0 {
        r.notes.push(format!(
            "{failed} of {n} deltas were FAILED by the service and are not anchored"
        ));
    }
    r
}
