//! Whole-export audits (`audit`).
//!
//! Each case is an export built here: the deltas as submitted (JSONL), the
//! receipts the service sent back (a batch response whose receiptId is the
//! reference root of its results' item hashes, and a delta status answer
//! confirming that root), and optionally its balance answers. How each
//! submitted delta must be classed follows from how the export was built.

use super::{Case, case, hv, item_hash, tweak};
use crate::reference;
use pacspace_proof::{Hash32, ItemMapping, NodeEncoding};
use serde_json::{Value, json};

fn delta(customer: &str, amount: f64, reason: &str, reference: &str) -> Value {
    json!({ "customerId": customer, "delta": amount, "reason": reason, "referenceId": reference })
}

fn jsonl(lines: &[Value]) -> String {
    lines.iter().map(|v| format!("{v}\n")).collect()
}

/// A batch response recording `recorded` (in order) and, after them, one
/// FAILED entry per `failed` delta; the receiptId of every queued result is
/// the root of their item hashes. Returns the response and that root.
fn batch(recorded: &[Value], failed: &[Value]) -> (Value, Hash32) {
    let hashes: Vec<Hash32> = recorded
        .iter()
        .map(|d| item_hash(d, ItemMapping::default()))
        .collect();
    let root = reference::root(&hashes, NodeEncoding::Hex0x);
    let mut results: Vec<Value> = recorded
        .iter()
        .zip(&hashes)
        .enumerate()
        .map(|(i, (d, h))| {
            json!({
                "anchorId": format!("anc_audit_{i}"), "customerId": d["customerId"], "delta": d["delta"],
                "index": i, "itemHash": hv(h), "receiptId": hv(&root), "referenceId": d["referenceId"],
                "status": "QUEUED"
            })
        })
        .collect();
    for (k, d) in failed.iter().enumerate() {
        results.push(json!({
            "customerId": d["customerId"], "delta": d["delta"], "error": "insufficient balance",
            "index": recorded.len() + k, "status": "FAILED"
        }));
    }
    let response = json!({
        "data": { "results": results, "totalFailed": failed.len(), "totalQueued": recorded.len() },
        "success": true
    });
    (response, root)
}

/// The delta status answer confirming `root` as anchored.
fn confirmed(root: &Hash32, count: usize) -> Value {
    json!({
        "data": { "anchorId": "anc_audit_0", "deltaCount": count, "receiptId": hv(root), "status": "ANCHORED", "txHash": "0x01" },
        "success": true
    })
}

fn audit_case(
    name: &str,
    why: &str,
    deltas: &[Value],
    receipts: &[Value],
    answers: Option<&[Value]>,
) -> Case {
    let mut c = case(name, why)
        .file("deltas.jsonl", jsonl(deltas))
        .file("receipts.jsonl", jsonl(receipts))
        .args(&[
            "audit",
            "--deltas",
            "deltas.jsonl",
            "--receipts",
            "receipts.jsonl",
            "--json",
        ]);
    if let Some(a) = answers {
        c = c
            .file("answers.jsonl", jsonl(a))
            .args(&["--answers", "answers.jsonl"]);
    }
    c
}

/// Expects these class counts in the report's `deltas`.
fn counts(mut c: Case, pairs: &[(&str, u64)]) -> Case {
    c.expected.values = pairs
        .iter()
        .map(|(k, n)| (format!("/deltas/{k}"), Value::from(*n)))
        .collect();
    c
}

/// Every audit case.
pub fn audits() -> Vec<Case> {
    let d = [
        delta("cust_a", 100.0, "top_up", "inv_a1"),
        delta("cust_a", -12.5, "api_call", "req_a2"),
        delta("cust_b", 7.25, "api_call", "req_b3"),
    ];
    let (genuine, root) = batch(&d, &[]);
    let ok = [genuine.clone(), confirmed(&root, 3)];
    let balance = |customer: &str, amount: f64, count: u64| json!({ "data": { "computedBalance": amount, "customerId": customer, "deltasCount": count }, "success": true });

    let mut service_view = d.clone();
    service_view[2]["delta"] = json!(7.5);
    let (altered, altered_root) = batch(&service_view, &[]);
    let (with_failed, failed_root) = batch(&d[..2], &d[2..]);
    let other = tweak(&root);
    let mut moved = genuine.clone();
    for r in moved["data"]["results"].as_array_mut().expect("results") {
        r["receiptId"] = hv(&other);
    }
    let extra = delta("cust_b", 2.0, "api_call", "req_b4");
    let mut with_extra = d.to_vec();
    with_extra.push(extra);
    let mut with_repeat = d.to_vec();
    with_repeat.push(d[0].clone());

    vec![
        counts(
            audit_case("audit_all_verified_pass", "Every submitted delta is in a batch whose root recomputes and which the service confirmed anchored.", &d, &ok, None)
                .pass("verified"),
            &[("submitted", 3), ("verified", 3), ("altered", 0), ("missing", 0)],
        ),
        counts(
            audit_case("audit_claims_equal_pass", "Every delta verified, and the service's balances equal the sums of the verified deltas.", &d, &ok, Some(&[balance("cust_a", 87.5, 2), balance("cust_b", 7.25, 1)]))
                .pass("verified"),
            &[("verified", 3)],
        ),
        counts(
            audit_case("audit_duplicate_still_verified_pass", "A delta submitted twice is reported as a duplicate and still classed verified.", &with_repeat, &ok, None)
                .pass("verified"),
            &[("submitted", 4), ("verified", 4), ("duplicate", 1)],
        ),
        counts(
            audit_case("audit_altered_delta_fail", "The service recorded 7.5 where 7.25 was sent (same customer and referenceId): that delta is altered.", &d, &[altered, confirmed(&altered_root, 3)], None)
                .fail(None, None),
            &[("verified", 2), ("altered", 1)],
        ),
        counts(
            audit_case("audit_missing_delta_fail", "One submitted delta is in no receipt and named by none: missing.", &with_extra, &ok, None)
                .fail(None, None),
            &[("submitted", 4), ("verified", 3), ("missing", 1)],
        ),
        counts(
            audit_case("audit_failed_delta_fail", "The batch response reports the third delta FAILED: it is in no receipt.", &d, &[with_failed, confirmed(&failed_root, 2)], None)
                .fail(None, None),
            &[("verified", 2), ("failed", 1)],
        ),
        counts(
            audit_case("audit_unconfirmed_pending_fail", "The batch's root recomputes but nothing confirms it was anchored: every delta is pending.", &d, std::slice::from_ref(&genuine), None)
                .fail(None, None),
            &[("verified", 0), ("pending", 3)],
        ),
        counts(
            audit_case("audit_claim_mismatch_fail", "Every delta verified, but the service claims a balance no arithmetic of the verified deltas gives.", &d, &ok, Some(&[balance("cust_a", 187.5, 2)]))
                .fail(None, None),
            &[("verified", 3)],
        ),
        audit_case("audit_receipt_id_not_root_fail", "The batch's receiptId is not the root of its results' item hashes.", &d, &[moved, confirmed(&other, 3)], None)
            .fail(None, None),
        case("audit_deltas_not_jsonl_fail", "A deltas export line that is not JSON is bad input.")
            .file("deltas.jsonl", format!("{}\nnot json\n", d[0]))
            .file("receipts.jsonl", jsonl(&ok))
            .args(&["audit", "--deltas", "deltas.jsonl", "--receipts", "receipts.jsonl", "--json"])
            .bad_input(),
    ]
}
