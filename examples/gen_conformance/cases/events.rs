//! Webhook events in both envelope shapes and verify-endpoint answers
//! (`receipt`, no signature: see `signatures.rs` for deliveries).

use super::{Case, Failing, case, h, hv, item_hash, sample, sample_json, stray, tweak};
use crate::reference;
use pacspace_proof::{ItemMapping, NodeEncoding};
use serde_json::{Value, json};

fn receipt(name: &str, why: &str, artefact: &Value, deltas: Option<&Value>, extra: &[&str]) -> Case {
    let mut c = case(name, why)
        .json("artefact.json", artefact)
        .args(&["receipt", "artefact.json", "--json"]);
    if let Some(d) = deltas {
        c = c.json("deltas.json", d).args(&["--items", "deltas.json"]);
    }
    c.args(extra)
}

fn edit(base: &Value, f: impl FnOnce(&mut Value)) -> Value {
    let mut v = base.clone();
    f(&mut v);
    v
}

/// The SDK's envelope for the sample's `delta.verified` event, with or
/// without the proof.
pub fn sdk_event(documented: &Value, with_proof: bool) -> Value {
    let d = &documented["data"];
    let mut data = json!({
        "recordId": "rec_demo_0002",
        "receiptId": d["receiptId"],
        "verificationReference": d["verification"]["verificationReference"],
        "customerId": d["delta"]["customerId"],
        "delta": d["delta"]["amount"],
        "sequenceNumber": "1",
        "referenceId": d["delta"]["referenceId"],
        "blockTimestamp": d["verifiedAt"],
    });
    if with_proof {
        data["proof"] = d["proof"].clone();
    }
    json!({"id": "evt_demo_0002", "event": "delta.verified", "tenantId": "ten_demo",
        "createdAt": d["verifiedAt"], "data": data})
}

/// `delta.verified` / `delta.failed` events verified with `receipt`.
pub fn webhook_events() -> Vec<Case> {
    let ev: Value = serde_json::from_str(&sample("webhook.json")).unwrap_or_else(|e| panic!("{e}"));
    let delta = sample_json("emit-delta.json");
    let root = h(&ev["data"]["proof"]["proofHash"]);
    let root_s = root.to_string();
    let sdk = sdk_event(&ev, true);
    let sdk_bare = sdk_event(&ev, false);
    let mut out = vec![
        receipt("webhook_event_pass", "A genuine delta.verified event: contentHash is the echoed delta's hash, it is in itemHashes, and proofHash and receiptId are their root.", &ev, None, &[])
            .pass("consistent"),
        receipt("webhook_event_with_delta_pass", "The submitted delta hashes to contentHash, which is in itemHashes, whose root is proofHash.", &ev, Some(&delta), &[])
            .pass("verified"),
        receipt("webhook_event_with_stored_receipt_pass", "The stored receiptId is the root recomputed from the event's itemHashes.", &ev, None, &["--expect-receipt", &root_s])
            .pass("verified"),
        receipt("webhook_event_chain_start_pass", "previousProofHash null marks the first receipt of a chain; the event still verifies.",
            &edit(&ev, |v| v["data"]["proof"]["previousProofHash"] = Value::Null), Some(&delta), &[])
            .pass("verified"),
        receipt("webhook_event_unknown_fields_pass", "Unknown fields in the event and its data are kept and ignored.",
            &edit(&ev, |v| {
                v["apiVersion"] = "2026-01".into();
                v["data"]["futureField"] = json!([1]);
            }), Some(&delta), &[])
            .pass("verified"),
        receipt("webhook_sdk_shape_pass", "The SDK's envelope {id, event, tenantId, createdAt, data} with the proof verifies like the documented one.", &sdk, Some(&delta), &[])
            .pass("verified"),
        receipt("webhook_sdk_shape_without_proof_pass", "The SDK's envelope without a proof: only the echoed customerId and amount and the stored receiptId can be compared, nothing is recomputed.",
            &sdk_bare, Some(&delta), &["--expect-receipt", &root_s])
            .pass("consistent"),
    ];
    let leaves: Vec<_> = ev["data"]["proof"]["itemHashes"]
        .as_array()
        .map(|a| a.iter().map(h).collect())
        .unwrap_or_default();
    let mut replaced = leaves.clone();
    replaced[1] = stray("other-item");
    let consistent_root = reference::root(&replaced, NodeEncoding::Hex0x);
    let mut other_reason = delta.clone();
    other_reason["reason"] = "api_call_v2".into();
    let mut other_customer = delta.clone();
    other_customer["customerId"] = "cust_43".into();
    let fails: Vec<Failing<'_>> = vec![
        (
            "webhook_event_content_hash_not_listed_fail",
            "contentHash is not among itemHashes (the root over the list is consistent).",
            edit(&ev, |v| {
                v["data"]["proof"]["itemHashes"] = replaced.iter().map(hv).collect();
                v["data"]["proof"]["proofHash"] = hv(&consistent_root);
                v["data"]["receiptId"] = hv(&consistent_root);
            }),
            None,
            "contentHashNotInItemHashes",
            "contentHash in itemHashes",
        ),
        (
            "webhook_event_proof_hash_tampered_fail",
            "proofHash is not the root of itemHashes under any node encoding.",
            edit(&ev, |v| v["data"]["proof"]["proofHash"] = hv(&tweak(&root))),
            None,
            "rootMismatch",
            "proof.proofHash",
        ),
        (
            "webhook_event_receipt_id_tampered_fail",
            "data.receiptId is not the root of itemHashes.",
            edit(&ev, |v| v["data"]["receiptId"] = hv(&tweak(&root))),
            None,
            "receiptIdMismatch",
            "data.receiptId",
        ),
        (
            "webhook_event_empty_item_hashes_fail",
            "An event whose proof lists no itemHashes proves nothing.",
            edit(&ev, |v| v["data"]["proof"]["itemHashes"] = json!([])),
            None,
            "emptyItemHashes",
            "proof.proofHash",
        ),
        (
            "webhook_event_delta_failed_fail",
            "A delta.failed event reports a failure, never a verified delta.",
            json!({"event": "delta.failed", "timestamp": "2026-01-01T00:02:00.000Z",
                "data": {"receiptId": hv(&root), "status": "FAILED", "error": "ledger timeout"}}),
            None,
            "statusFailed",
            "event",
        ),
        (
            "webhook_event_unexpected_event_fail",
            "An event that is neither delta.verified nor delta.failed is not a delta receipt.",
            edit(&ev, |v| v["event"] = "delta.stored".into()),
            None,
            "unexpectedEvent",
            "event",
        ),
        (
            "webhook_event_status_failed_fail",
            "A delta.verified event whose data.status is FAILED.",
            edit(&ev, |v| v["data"]["status"] = "FAILED".into()),
            None,
            "statusFailed",
            "data.status",
        ),
        (
            "webhook_event_echo_tampered_fail",
            "The echoed delta's amount was changed: its hash is no longer contentHash.",
            edit(&ev, |v| v["data"]["delta"]["amount"] = 42.25.into()),
            None,
            "itemHashMismatch",
            "proof.contentHash (from the echoed data.delta)",
        ),
        (
            "webhook_event_delta_changed_fail",
            "The submitted delta has another reason than the one receipted.",
            ev.clone(),
            Some(&other_reason),
            "fieldMismatch",
            "data.delta.reason",
        ),
        (
            "webhook_sdk_wrong_customer_fail",
            "The SDK envelope echoes another customerId than the one submitted.",
            sdk.clone(),
            Some(&other_customer),
            "fieldMismatch",
            "data.customerId",
        ),
    ];
    for (name, why, v, d, error, check) in fails {
        out.push(receipt(name, why, &v, d, &[]).fail(Some(error), Some(check)));
    }
    let other = stray("stored").to_string();
    out.push(
        receipt(
            "webhook_event_stored_receipt_mismatch_fail",
            "The stored receiptId is not the root of the event's itemHashes.",
            &ev,
            None,
            &["--expect-receipt", &other],
        )
        .fail(Some("receiptIdMismatch"), Some("stored receipt")),
    );
    out.push(
        receipt(
            "webhook_sdk_stored_receipt_mismatch_fail",
            "The SDK envelope without a proof names another receiptId than the stored one.",
            &sdk_bare,
            None,
            &["--expect-receipt", &other],
        )
        .fail(Some("receiptIdMismatch"), Some("stored receipt")),
    );
    out.push(
        receipt(
            "webhook_sdk_without_proof_unverifiable_fail",
            "Without a proof, a submitted delta or a stored receiptId nothing in the event can be checked.",
            &sdk_bare,
            None,
            &[],
        )
        .fail(None, None),
    );
    out
}

/// Answers of the public verify endpoint.
pub fn verify_answers() -> Vec<Case> {
    let ans = sample_json("verify-answer.json");
    let deltas = sample_json("verify-answer-deltas.json");
    let root = h(&ans["data"]["proofRoot"]);
    let root_s = root.to_string();
    let delta = sample_json("emit-delta.json");
    let own = item_hash(&delta, ItemMapping::default());
    let flat = json!({"receiptId": hv(&own), "contentHash": hv(&own), "proofHash": hv(&own),
        "timestamp": "2026-01-01T00:02:00.000Z", "status": "VERIFIED"});
    let mut out = vec![
        receipt("verify_answer_with_deltas_pass", "The submitted deltas reproduce proofRoot, and the records echo them.", &ans, Some(&deltas), &[])
            .pass("verified"),
        receipt("verify_answer_unwrapped_pass", "The payload alone, without the success/data envelope, is accepted.", &ans["data"], Some(&deltas), &[])
            .pass("verified"),
        receipt("verify_answer_service_says_false_pass", "The service's own verified=false is not the verdict: the recomputation succeeds.",
            &edit(&ans, |v| v["data"]["verified"] = false.into()), Some(&deltas), &[])
            .pass("verified"),
        receipt("verify_answer_reference_shape_pass", "The other documented verification shape {reference, publicLedgerUrl} is accepted.",
            &edit(&ans, |v| v["data"]["verification"] = json!({"reference": "demo-ledger-ref-0001", "publicLedgerUrl": "https://explorer.example/tx/1"})),
            Some(&deltas), &[])
            .pass("verified"),
        receipt("verify_answer_asked_root_pass", "The asked-for root is proofRoot, and the submitted deltas reproduce it.", &ans, Some(&deltas), &["--expect-receipt", &root_s])
            .pass("verified"),
        receipt("verify_answer_flat_pass", "The flat answer's contentHash is the submitted delta's hash; it lists no itemHashes, so its root is not recomputed.", &flat, Some(&delta), &[])
            .pass("consistent"),
    ];
    let mut changed = deltas.clone();
    changed[1]["delta"] = (-20.25).into();
    let mut reordered = deltas.clone();
    if let Some(a) = reordered.as_array_mut() {
        a.swap(0, 1);
    }
    let recomputed = "proofRoot (root of submitted deltas)";
    let fails: Vec<Failing<'_>> = vec![
        (
            "verify_answer_root_tampered_fail",
            "proofRoot is not the root of the submitted deltas.",
            edit(&ans, |v| v["data"]["proofRoot"] = hv(&tweak(&root))),
            Some(&deltas),
            "rootMismatch",
            recomputed,
        ),
        (
            "verify_answer_says_true_but_delta_changed_fail",
            "The service says verified=true, but a submitted amount differs: the root does not reproduce.",
            ans.clone(),
            Some(&changed),
            "rootMismatch",
            recomputed,
        ),
        (
            "verify_answer_deltas_reordered_fail",
            "The submitted deltas in another order give another root.",
            ans.clone(),
            Some(&reordered),
            "rootMismatch",
            recomputed,
        ),
        (
            "verify_answer_record_amount_changed_fail",
            "A record's amount differs from the submitted delta's.",
            edit(&ans, |v| v["data"]["records"][1]["amount"] = (-20.25).into()),
            Some(&deltas),
            "fieldMismatch",
            "records[1].amount",
        ),
        (
            "verify_answer_record_reference_changed_fail",
            "A record's referenceId differs from the submitted delta's.",
            edit(&ans, |v| {
                v["data"]["records"][0]["referenceId"] = "inv_2026_0002".into()
            }),
            Some(&deltas),
            "fieldMismatch",
            "records[0].referenceId",
        ),
        (
            "verify_answer_record_dropped_fail",
            "The answer lists fewer records than deltas were submitted.",
            edit(&ans, |v| {
                if let Some(a) = v["data"]["records"].as_array_mut() {
                    a.pop();
                }
            }),
            Some(&deltas),
            "countMismatch",
            "records",
        ),
        (
            "verify_answer_record_count_wrong_fail",
            "summary.recordCount is not the number of submitted deltas.",
            edit(&ans, |v| v["data"]["summary"]["recordCount"] = 4.into()),
            Some(&deltas),
            "countMismatch",
            "summary.recordCount",
        ),
        (
            "verify_answer_flat_content_hash_wrong_fail",
            "The flat answer's contentHash is not the submitted delta's hash.",
            edit(&flat, |v| v["contentHash"] = hv(&tweak(&own))),
            Some(&delta),
            "itemHashMismatch",
            "contentHash",
        ),
        (
            "verify_answer_flat_receipt_id_differs_fail",
            "The flat answer's receiptId is not its proofHash.",
            edit(&flat, |v| v["receiptId"] = hv(&tweak(&own))),
            Some(&delta),
            "receiptIdMismatch",
            "receiptId",
        ),
        (
            "verify_answer_status_failed_fail",
            "The answer's status is FAILED.",
            edit(&flat, |v| v["status"] = "FAILED".into()),
            Some(&delta),
            "statusFailed",
            "status",
        ),
    ];
    for (name, why, v, d, error, check) in fails {
        out.push(receipt(name, why, &v, d, &[]).fail(Some(error), Some(check)));
    }
    let other = stray("asked").to_string();
    out.push(
        receipt(
            "verify_answer_asked_root_mismatch_fail",
            "The answer is about another root than the one asked for.",
            &ans,
            Some(&deltas),
            &["--expect-receipt", &other],
        )
        .fail(Some("receiptIdMismatch"), Some("asked-for root")),
    );
    out.push(
        receipt("verify_answer_without_deltas_fail", "Without the submitted deltas nothing the answer claims can be recomputed; its verified=true proves nothing.", &ans, None, &[])
            .fail(None, None),
    );
    out.push(
        receipt(
            "verify_answer_echoed_root_only_fail",
            "An answer that merely echoes the asked-for root, with nothing recomputed, proves nothing.",
            &ans,
            None,
            &["--expect-receipt", &root_s],
        )
        .fail(None, None),
    );
    out
}
