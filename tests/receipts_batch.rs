//! Batch response (`POST /api/v1/balance/delta/batch`): the genuine sample
//! (three anchored deltas, one FAILED) verifies; FAILED entries are
//! reported; each single tampering fails with its own reason.

mod receipts_support;

use pacspace_proof::receipt::wire::BatchResponse;
use pacspace_proof::receipt::{EncodingFinding, Failure, Outcome, SubmittedDelta, verify_batch};
use pacspace_proof::{Hash32, ItemMapping, NodeEncoding, Report, Verdict};
use receipts_support::{check, failed_names, failures, flip_hash, sample_json, set};
use serde_json::{Value, json};

fn genuine() -> (Value, Value) {
    (sample_json("batch.json"), sample_json("batch-deltas.json"))
}

fn run(resp: &Value, deltas: &Value, stored: Option<&Hash32>) -> Report {
    let resp: BatchResponse = serde_json::from_value(resp.clone()).expect("batch response");
    let deltas = SubmittedDelta::list_from_value(deltas).expect("deltas");
    verify_batch(&resp, &deltas, stored)
}

fn receipt(resp: &Value) -> Hash32 {
    resp["data"]["results"][0]["receiptId"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn genuine_sample_verifies_and_reports_the_failed_entry() {
    let (resp, d) = genuine();
    let r = run(&resp, &d, Some(&receipt(&resp)));
    assert_eq!(r.verdict(), Verdict::Verified, "{r}");
    assert_eq!(r.encoding, EncodingFinding::Detected(NodeEncoding::Hex0x));
    let mapped: Vec<_> = r.mappings.iter().map(|m| (m.item, m.mapping)).collect();
    assert_eq!(mapped, [0, 1, 3].map(|i| (i, Some(ItemMapping::default()))));
    match check(&r, "results[2]") {
        Outcome::NotCheckable { why } => assert!(
            why.contains("FAILED") && why.contains("customerId is required"),
            "{why}"
        ),
        other => panic!("FAILED entry hidden: {other:?}"),
    }
    assert!(r.notes.iter().any(|n| n.contains("1 of 4")), "{r}");
    for name in [
        "totalQueued",
        "totalFailed",
        "receiptId",
        "stored receipt",
        "results[3].itemHash",
    ] {
        assert!(matches!(check(&r, name), Outcome::Pass { .. }), "{name}: {r}");
    }
}

#[test]
fn submitted_amount_tampered() {
    let (resp, d) = genuine();
    let r = run(&resp, &set(&d, "/0/delta", json!(101)), None);
    assert_eq!(
        failed_names(&r),
        ["results[0].delta", "results[0].itemHash"],
        "{r}"
    );
    assert!(
        matches!(&failures(&r)[1].1, Failure::ItemHashMismatch { field, .. } if field == "results[0].itemHash")
    );
}

#[test]
fn reason_tampered() {
    let (resp, d) = genuine();
    let r = run(&resp, &set(&d, "/3/reason", json!("api-call")), None);
    assert_eq!(failed_names(&r), ["results[3].itemHash"], "{r}");
    match &failures(&r)[0].1 {
        Failure::ItemHashMismatch { found, .. } => {
            assert_eq!(
                Some(found.to_string().as_str()),
                resp["data"]["results"][3]["itemHash"].as_str()
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn one_item_hash_tampered() {
    let (resp, d) = genuine();
    let r = run(&flip_hash(&resp, "/data/results/1/itemHash"), &d, None);
    assert_eq!(failed_names(&r), ["results[1].itemHash", "receiptId"], "{r}");
    assert!(matches!(&failures(&r)[1].1, Failure::RootMismatch { field, .. } if field == "receiptId"));
    assert_eq!(r.encoding, EncodingFinding::NoneReproduced);
}

#[test]
fn shared_receipt_id_tampered() {
    let (resp, d) = genuine();
    let mut t = resp.clone();
    for i in [0, 1, 3] {
        t = flip_hash(&t, &format!("/data/results/{i}/receiptId"));
    }
    let r = run(&t, &d, None);
    let f = failures(&r);
    assert_eq!(f.len(), 1, "{r}");
    assert_eq!(
        f[0].1,
        Failure::RootMismatch {
            field: "receiptId".into(),
            claimed: receipt(&t),
            computed: receipt(&resp)
        }
    );
}

#[test]
fn one_entry_receipt_id_tampered() {
    let (resp, d) = genuine();
    let r = run(&flip_hash(&resp, "/data/results/3/receiptId"), &d, None);
    assert_eq!(failed_names(&r), ["results[3].receiptId"], "{r}");
    assert!(matches!(&failures(&r)[0].1, Failure::FieldMismatch { .. }));
}

#[test]
fn counts_and_indexes_are_checked() {
    let (resp, d) = genuine();
    let r = run(&set(&resp, "/data/totalFailed", json!(0)), &d, None);
    assert_eq!(
        failures(&r)[0].1,
        Failure::CountMismatch {
            field: "totalFailed".into(),
            expected: 1,
            found: 0
        }
    );
    let r = run(&set(&resp, "/data/results/1/index", json!(5)), &d, None);
    assert_eq!(failed_names(&r), ["results[1].index"], "{r}");
    let fewer = json!(d.as_array().unwrap()[..3]);
    let r = run(&resp, &fewer, None);
    assert!(
        matches!(
            &failures(&r)[0].1,
            Failure::CountMismatch {
                expected: 3,
                found: 4,
                ..
            }
        ),
        "{r}"
    );
}

#[test]
fn a_failed_entry_with_a_missing_hash_elsewhere_is_a_missing_field() {
    let (resp, d) = genuine();
    let mut t = resp.clone();
    t["data"]["results"][1]
        .as_object_mut()
        .unwrap()
        .remove("itemHash");
    let r = run(&t, &d, None);
    assert!(
        failures(&r)
            .iter()
            .any(|(_, f)| matches!(f, Failure::MissingField { field } if field == "results[1].itemHash")),
        "{r}"
    );
}

#[test]
fn stored_receipt_and_opaque_id() {
    let (resp, d) = genuine();
    let r = run(&resp, &d, Some(&Hash32::ZERO));
    assert_eq!(failed_names(&r), ["stored receipt"], "{r}");
    let mut t = resp.clone();
    for i in [0, 1, 3] {
        t = set(&t, &format!("/data/results/{i}/receiptId"), json!("rcpt_batch_9"));
    }
    let r = run(&t, &d, None);
    assert_eq!(r.verdict(), Verdict::Verified, "{r}");
    assert!(matches!(check(&r, "receiptId"), Outcome::NotCheckable { .. }));
}

#[test]
fn all_failed_is_unverifiable_not_verified() {
    let resp = json!({"success": true, "data": {"totalQueued": 0, "totalFailed": 1,
        "results": [{"index": 0, "status": "FAILED", "error": {"code": "INVALID"}}]}});
    let r = run(&resp, &json!([]), None);
    assert!(
        matches!(check(&r, "receiptId"), Outcome::NotCheckable { .. }),
        "{r}"
    );
    assert!(matches!(check(&r, "results[0]"), Outcome::NotCheckable { why } if why.contains("INVALID")));
}

#[test]
fn opaque_receipt_id_with_stored_root_under_another_encoding() {
    // The batch's id is opaque, so only the auditor's stored root can decide
    // the node encoding: it is detected from it and reported.
    let (resp, d) = genuine();
    let deltas = SubmittedDelta::list_from_value(&d).unwrap();
    let leaves: Vec<Hash32> = [0, 1, 3]
        .iter()
        .map(|&i| deltas[i].item_hash(ItemMapping::default()).unwrap())
        .collect();
    let stored = pacspace_proof::items_root(&leaves, NodeEncoding::Bytes);
    let mut t = resp.clone();
    for i in [0, 1, 3] {
        t = set(&t, &format!("/data/results/{i}/receiptId"), json!("rcpt_batch_9"));
    }
    let r = run(&t, &d, Some(&stored));
    assert_eq!(r.verdict(), Verdict::Verified, "{r}");
    assert_eq!(r.encoding, EncodingFinding::Detected(NodeEncoding::Bytes));
    assert!(matches!(check(&r, "stored receipt"), Outcome::Pass { .. }));
    let r = run(&t, &d, Some(&Hash32::from_bytes([5; 32])));
    assert_eq!(failed_names(&r), ["stored receipt"], "{r}");
}
