//! Delta status answer (`GET /api/v1/balance/delta/:anchorId`): the anchor's
//! receiptId is recomputed from the submitted deltas (mapping and node
//! encoding detected together) and, when listed, from `deltas[].itemHash`.

mod receipts_support;

use pacspace_proof::receipt::wire::DeltaStatusResponse;
use pacspace_proof::receipt::{EncodingFinding, Failure, Outcome, SubmittedDelta, verify_delta_status};
use pacspace_proof::{Hash32, ItemMapping, NodeEncoding, Report, Verdict, items_root};
use receipts_support::{check, failed_names, failures, flip_hash, sample_json, set};
use serde_json::{Value, json};

fn run(v: &Value, d: &Value, stored: Option<&Hash32>) -> Report {
    let resp: DeltaStatusResponse = serde_json::from_value(v.clone()).expect("status answer");
    verify_delta_status(&resp, &SubmittedDelta::list_from_value(d).unwrap(), stored)
}

/// The status answer of the bundled batch's anchor, built from its deltas.
fn genuine(enc: NodeEncoding) -> (Value, Value, Hash32) {
    let all = sample_json("verify-answer-deltas.json");
    let ds = SubmittedDelta::list_from_value(&all).unwrap();
    let leaves: Vec<Hash32> = ds
        .iter()
        .map(|d| d.item_hash(ItemMapping::default()).unwrap())
        .collect();
    let root = items_root(&leaves, enc);
    let deltas: Vec<Value> = all
        .as_array()
        .unwrap()
        .iter()
        .zip(&leaves)
        .map(|(d, h)| json!({"customerId": d["customerId"], "delta": d["delta"], "itemHash": h}))
        .collect();
    let v = json!({"success": true, "data": {"status": "ANCHORED", "receiptId": root, "txHash": "0xabc",
        "deltaCount": 3, "deltas": deltas}});
    (v, all, root)
}

#[test]
fn genuine_batch_anchor_verifies_under_each_encoding() {
    for enc in NodeEncoding::ALL {
        let (v, d, root) = genuine(enc);
        let r = run(&v, &d, Some(&root));
        assert_eq!(r.verdict(), Verdict::Verified, "{r}");
        assert_eq!(r.encoding, EncodingFinding::Detected(enc));
        assert!(matches!(
            check(&r, "receiptId (root of submitted deltas)"),
            Outcome::Pass { .. }
        ));
        assert!(matches!(
            check(&r, "receiptId (root of deltas[].itemHash)"),
            Outcome::Pass { .. }
        ));
        assert!(r.notes.iter().any(|n| n.contains("txHash")));
    }
}

#[test]
fn submitted_amount_tampered() {
    let (v, d, _) = genuine(NodeEncoding::Hex0x);
    let r = run(&v, &set(&d, "/1/delta", json!(-20.25)), None);
    assert_eq!(failed_names(&r), ["receiptId (root of submitted deltas)"], "{r}");
    assert!(matches!(&failures(&r)[0].1, Failure::RootMismatch { field, .. } if field == "receiptId"));
    assert!(r.mappings.iter().all(|m| m.mapping.is_none()));
}

#[test]
fn receipt_id_tampered_fails_both_roots() {
    let (v, d, root) = genuine(NodeEncoding::Hex0x);
    let r = run(&flip_hash(&v, "/data/receiptId"), &d, Some(&root));
    assert_eq!(
        failed_names(&r),
        [
            "receiptId (root of deltas[].itemHash)",
            "receiptId (root of submitted deltas)",
            "stored receipt"
        ],
        "{r}"
    );
}

#[test]
fn listed_item_hash_tampered() {
    let (v, d, _) = genuine(NodeEncoding::Hex0x);
    let r = run(&flip_hash(&v, "/data/deltas/2/itemHash"), &d, None);
    assert_eq!(failed_names(&r), ["receiptId (root of deltas[].itemHash)"], "{r}");
}

#[test]
fn delta_count_failed_status_and_opaque_id() {
    let (v, d, _) = genuine(NodeEncoding::Hex0x);
    let r = run(&set(&v, "/data/deltaCount", json!(2)), &d, None);
    assert_eq!(failed_names(&r), ["deltaCount"], "{r}");
    let r = run(&set(&v, "/data/status", json!("FAILED")), &d, None);
    assert_eq!(failed_names(&r), ["status"], "{r}");
    let r = run(&set(&v, "/data/receiptId", json!("rcpt_x")), &d, None);
    assert!(
        matches!(check(&r, "receiptId"), Outcome::NotCheckable { .. }),
        "{r}"
    );
    assert_eq!(r.verdict(), Verdict::Verified, "deltaCount still checked: {r}");
}

#[test]
fn single_delta_anchor_and_echo() {
    let d = json!({"customerId": "c", "delta": 5, "reason": "r"});
    let h = SubmittedDelta::from_value(&d, 0)
        .unwrap()
        .item_hash(ItemMapping::default())
        .unwrap();
    let v = json!({"data": {"status": "ANCHORING", "customerId": "c", "delta": 5, "receiptId": h}});
    let r = run(&v, &d, None);
    assert_eq!(r.verdict(), Verdict::Verified, "{r}");
    assert_eq!(r.encoding, EncodingFinding::Undecidable { leaves: 1 });
    let r = run(&set(&v, "/data/delta", json!(6)), &d, None);
    assert_eq!(failed_names(&r), ["delta"], "{r}");
}
