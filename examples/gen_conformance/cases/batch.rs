//! Batch responses and delta status answers (`receipt`).

use super::receipts::receipt;
use super::{Case, Failing, h, hv, item_hash, sample_json, stray, tweak};
use crate::reference;
use pacspace_proof::{Hash32, ItemMapping, NodeEncoding};
use serde_json::{Value, json};

/// Batch responses.
pub fn batch() -> Vec<Case> {
    let batch = sample_json("batch.json");
    let deltas = sample_json("batch-deltas.json");
    let root = h(&batch["data"]["results"][0]["receiptId"]);
    let root_s = root.to_string();
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = batch.clone();
        f(&mut v);
        v
    };
    let anchored = [0usize, 1, 3];
    let leaves: Vec<Hash32> = anchored
        .iter()
        .map(|&i| h(&batch["data"]["results"][i]["itemHash"]))
        .collect();
    let reroot = |v: &mut Value, enc: NodeEncoding| {
        let r = hv(&reference::root(&leaves, enc));
        for &i in &anchored {
            v["data"]["results"][i]["receiptId"] = r.clone();
        }
    };
    let mut out = vec![
        receipt("batch_pass", "A genuine batch response: every anchored result carries the same receiptId, the root of their itemHashes; one FAILED entry is left out.", &batch, None, &[])
            .pass("consistent"),
        receipt("batch_with_deltas_pass", "Every submitted delta hashes to its result's itemHash, and the receiptId is their root.", &batch, Some(&deltas), &[])
            .pass("verified"),
        receipt("batch_with_stored_receipt_pass", "The stored receiptId is the root recomputed from the results' itemHashes.", &batch, None, &["--expect-receipt", &root_s])
            .pass("verified"),
        receipt("batch_unwrapped_pass", "The data object alone, without the success/data envelope, is accepted.", &batch["data"], Some(&deltas), &[])
            .pass("verified"),
        receipt("batch_bytes_encoding_pass", "The receiptId is computed under node encoding bytes, which detection finds.", &with(&|v| reroot(v, NodeEncoding::Bytes)), Some(&deltas), &[])
            .pass("verified"),
    ];
    let mut fewer = deltas.clone();
    if let Some(a) = fewer.as_array_mut() {
        a.pop();
    }
    let mut changed = deltas.clone();
    changed[0]["reason"] = "top-up".into();
    let swap_results = |v: &mut Value| {
        if let Some(a) = v["data"]["results"].as_array_mut() {
            a.swap(0, 1);
        }
    };
    let fails: Vec<Failing<'_>> = vec![
        (
            "batch_item_hash_tampered_fail",
            "One result's itemHash has a flipped bit: the receiptId is no longer their root.",
            with(&|v| v["data"]["results"][1]["itemHash"] = hv(&tweak(&leaves[1]))),
            None,
            "rootMismatch",
            "receiptId",
        ),
        (
            "batch_one_receipt_id_differs_fail",
            "One anchored result names another receiptId than the others.",
            with(&|v| v["data"]["results"][1]["receiptId"] = hv(&tweak(&root))),
            None,
            "fieldMismatch",
            "results[1].receiptId",
        ),
        (
            "batch_all_receipt_ids_tampered_fail",
            "Every result names a receiptId that is not the root of the itemHashes.",
            with(&|v| {
                for &i in &anchored {
                    v["data"]["results"][i]["receiptId"] = hv(&tweak(&root));
                }
            }),
            None,
            "rootMismatch",
            "receiptId",
        ),
        (
            "batch_total_queued_wrong_fail",
            "totalQueued is not the number of results that are not FAILED.",
            with(&|v| v["data"]["totalQueued"] = 4.into()),
            None,
            "countMismatch",
            "totalQueued",
        ),
        (
            "batch_total_failed_wrong_fail",
            "totalFailed is not the number of FAILED results.",
            with(&|v| v["data"]["totalFailed"] = 0.into()),
            None,
            "countMismatch",
            "totalFailed",
        ),
        (
            "batch_index_wrong_fail",
            "A result's index is not its position.",
            with(&|v| v["data"]["results"][1]["index"] = 5.into()),
            None,
            "fieldMismatch",
            "results[1].index",
        ),
        (
            "batch_results_reordered_fail",
            "Two results are swapped: indices and the root no longer match.",
            with(&swap_results),
            None,
            "rootMismatch",
            "receiptId",
        ),
        (
            "batch_missing_item_hash_fail",
            "An anchored result carries no itemHash.",
            with(&|v| {
                if let Some(o) = v["data"]["results"][1].as_object_mut() {
                    o.remove("itemHash");
                }
            }),
            None,
            "missingField",
            "results[1].itemHash",
        ),
        (
            "batch_delta_changed_fail",
            "A submitted delta differs from the one receipted: its hash is not the result's itemHash.",
            batch.clone(),
            Some(&changed),
            "itemHashMismatch",
            "results[0].itemHash",
        ),
        (
            "batch_fewer_deltas_fail",
            "Fewer deltas were submitted than the batch has results.",
            batch.clone(),
            Some(&fewer),
            "countMismatch",
            "result count",
        ),
    ];
    for (name, why, v, d, error, check) in fails {
        out.push(receipt(name, why, &v, d, &[]).fail(Some(error), Some(check)));
    }
    let other = stray("stored").to_string();
    out.push(
        receipt(
            "batch_stored_receipt_mismatch_fail",
            "The stored receiptId is not the root of this batch's itemHashes.",
            &batch,
            None,
            &["--expect-receipt", &other],
        )
        .fail(Some("receiptIdMismatch"), Some("stored receipt")),
    );
    let all_failed = json!({"success": true, "data": {"totalQueued": 0, "totalFailed": 2, "results": [
        {"index": 0, "customerId": "", "delta": 5, "status": "FAILED", "error": "customerId is required"},
        {"index": 1, "customerId": "cust_gone", "delta": 12, "status": "FAILED", "error": "customer is archived"},
    ]}});
    out.push(
        receipt("batch_all_failed_consistent_pass", "Every entry was FAILED by the service and nothing was anchored; totalQueued and totalFailed agree with the results, which is all there is to check.", &all_failed, None, &[])
            .pass("consistent"),
    );
    out
}

/// Delta status answers (`GET /api/v1/balance/delta/:anchorId`), built from
/// the samples' deltas and roots.
pub fn status() -> Vec<Case> {
    let delta = sample_json("emit-delta.json");
    let own = item_hash(&delta, ItemMapping::default());
    let tx = format!("0x{}", "ab".repeat(32));
    let single = json!({"success": true, "data": {"anchorId": "anc_demo_0003", "status": "ANCHORED",
        "customerId": delta["customerId"], "delta": delta["delta"], "receiptId": hv(&own), "txHash": tx}});
    let deltas = sample_json("verify-answer-deltas.json");
    let ds: Vec<Value> = deltas.as_array().cloned().unwrap_or_default();
    let leaves: Vec<Hash32> = ds.iter().map(|d| item_hash(d, ItemMapping::default())).collect();
    let batch_status = |enc: NodeEncoding, listed: bool| {
        let list: Vec<Value> = ds
            .iter()
            .zip(&leaves)
            .map(|(d, l)| {
                let mut e = json!({"customerId": d["customerId"], "delta": d["delta"]});
                if listed {
                    e["itemHash"] = hv(l);
                }
                e
            })
            .collect();
        json!({"success": true, "data": {"anchorId": "anc_demo_0001", "status": "ANCHORED",
            "receiptId": hv(&reference::root(&leaves, enc)), "txHash": tx, "deltaCount": ds.len(), "deltas": list}})
    };
    let listed = batch_status(NodeEncoding::Hex0x, true);
    let plain = batch_status(NodeEncoding::Hex0x, false);
    let own_s = own.to_string();
    let mut out = vec![
        receipt("status_single_with_delta_pass", "A one-delta anchor: its receiptId is the submitted delta's item hash.", &single, Some(&delta), &[])
            .pass("verified"),
        receipt("status_batch_with_deltas_pass", "A batch anchor: its receiptId is the root of the submitted deltas, in order.", &plain, Some(&deltas), &[])
            .pass("verified"),
        receipt("status_listed_item_hashes_pass", "The answer lists every delta's itemHash: the receiptId is their root.", &listed, None, &[])
            .pass("consistent"),
        receipt("status_hex_encoding_pass", "The receiptId is the root of the submitted deltas under node encoding hex, which detection finds.", &batch_status(NodeEncoding::Hex, false), Some(&deltas), &[])
            .pass("verified"),
        receipt("status_stored_receipt_pass", "The stored receiptId equals the answer's (nothing is recomputed without the deltas).", &single, None, &["--expect-receipt", &own_s])
            .pass("consistent"),
    ];
    let with = |base: &Value, f: &dyn Fn(&mut Value)| {
        let mut v = base.clone();
        f(&mut v);
        v
    };
    let mut reordered = deltas.clone();
    if let Some(a) = reordered.as_array_mut() {
        a.swap(0, 2);
    }
    let mut changed = delta.clone();
    changed["delta"] = 4.25.into();
    let fails: Vec<Failing<'_>> = vec![
        (
            "status_receipt_tampered_fail",
            "The receiptId is not the root of the submitted deltas.",
            with(&plain, &|v| {
                v["data"]["receiptId"] = hv(&tweak(&h(&v["data"]["receiptId"])))
            }),
            Some(&deltas),
            "rootMismatch",
            "receiptId (root of submitted deltas)",
        ),
        (
            "status_deltas_reordered_fail",
            "The submitted deltas in another order give another root.",
            plain.clone(),
            Some(&reordered),
            "rootMismatch",
            "receiptId (root of submitted deltas)",
        ),
        (
            "status_delta_count_wrong_fail",
            "deltaCount is not the number of submitted deltas.",
            with(&plain, &|v| v["data"]["deltaCount"] = 4.into()),
            Some(&deltas),
            "countMismatch",
            "deltaCount",
        ),
        (
            "status_listed_hash_tampered_fail",
            "A listed itemHash has a flipped bit: the receiptId is not their root.",
            with(&listed, &|v| {
                v["data"]["deltas"][1]["itemHash"] = hv(&tweak(&leaves[1]))
            }),
            None,
            "rootMismatch",
            "receiptId (root of deltas[].itemHash)",
        ),
        (
            "status_failed_fail",
            "The service reports the anchor FAILED.",
            with(&single, &|v| v["data"]["status"] = "FAILED".into()),
            Some(&delta),
            "statusFailed",
            "status",
        ),
        (
            "status_amount_changed_fail",
            "The answer echoes another amount than the one submitted.",
            single.clone(),
            Some(&changed),
            "fieldMismatch",
            "delta",
        ),
    ];
    for (name, why, v, d, error, check) in fails {
        out.push(receipt(name, why, &v, d, &[]).fail(Some(error), Some(check)));
    }
    let other = stray("stored").to_string();
    out.push(
        receipt(
            "status_stored_receipt_mismatch_fail",
            "The stored receiptId is not the answer's receiptId.",
            &single,
            None,
            &["--expect-receipt", &other],
        )
        .fail(Some("receiptIdMismatch"), Some("stored receipt")),
    );
    out.push(
        receipt(
            "status_nothing_to_check_fail",
            "Without the submitted deltas or listed itemHashes nothing in the answer can be recomputed.",
            &single,
            None,
            &[],
        )
        .fail(None, None),
    );
    out.push(
        receipt(
            "status_opaque_receipt_id_fail",
            "An opaque receiptId cannot be checked against any root: nothing is verified.",
            &with(&single, &|v| v["data"]["receiptId"] = "rcpt_legacy_0003".into()),
            None,
            &[],
        )
        .fail(None, None),
    );
    out
}
