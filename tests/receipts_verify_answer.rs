//! Public verify endpoint answer: recomputed from the submitted deltas,
//! never taken from the service's own `verified`.

mod receipts_support;

use pacspace_proof::receipt::wire::VerifyAnswer;
use pacspace_proof::receipt::{EncodingFinding, Failure, Outcome, SubmittedDelta, verify_public_answer};
use pacspace_proof::{Hash32, ItemMapping, NodeEncoding, Report, Verdict, verify_receipt_json};
use receipts_support::{check, failed_names, failures, flip_hash, sample, sample_json, set};
use serde_json::{Value, json};

fn genuine() -> (Value, Value) {
    (
        sample_json("verify-answer.json"),
        sample_json("verify-answer-deltas.json"),
    )
}

fn answer(v: &Value) -> VerifyAnswer {
    serde_json::from_value(v["data"].clone()).expect("verify answer")
}

fn run(v: &Value, d: &Value, asked: Option<&Hash32>) -> Report {
    verify_public_answer(&answer(v), &SubmittedDelta::list_from_value(d).unwrap(), asked)
}

fn root(v: &Value) -> Hash32 {
    v["data"]["proofRoot"].as_str().unwrap().parse().unwrap()
}

#[test]
fn genuine_answer_verifies_by_recomputation() {
    let (a, d) = genuine();
    let r = run(&a, &d, Some(&root(&a)));
    assert_eq!(r.verdict(), Verdict::Verified, "{r}");
    assert_eq!(r.encoding, EncodingFinding::Detected(NodeEncoding::Hex0x));
    assert!(
        r.mappings
            .iter()
            .all(|m| m.mapping == Some(ItemMapping::default()))
    );
    assert_eq!(r.mappings.len(), 3);
    for name in [
        "proofRoot (root of submitted deltas)",
        "records",
        "summary.recordCount",
        "asked-for root",
    ] {
        assert!(matches!(check(&r, name), Outcome::Pass { .. }), "{name}: {r}");
    }
    let same = verify_receipt_json(
        &sample("verify-answer.json"),
        Some(&sample("verify-answer-deltas.json")),
        Some(&root(&a)),
    )
    .unwrap();
    assert_eq!(same, r);
}

#[test]
fn the_services_verified_flag_is_not_the_verdict() {
    let (a, d) = genuine();
    let r = run(&set(&a, "/data/verified", json!(false)), &d, None);
    assert_eq!(r.verdict(), Verdict::Verified, "{r}");
    assert!(r.notes.iter().any(|n| n.contains("verified=false")));
    let r = run(&a, &json!([]), None);
    assert_eq!(r.verdict(), Verdict::Unverifiable, "{r}");
}

#[test]
fn record_amount_tampered() {
    let (a, d) = genuine();
    let r = run(&set(&a, "/data/records/1/amount", json!(-20.05)), &d, None);
    assert_eq!(failed_names(&r), ["records[1].amount"], "{r}");
}

#[test]
fn record_reason_tampered() {
    let (a, d) = genuine();
    let r = run(&set(&a, "/data/records/0/reason", json!("top-up")), &d, None);
    assert_eq!(failed_names(&r), ["records[0].reason"], "{r}");
}

#[test]
fn submitted_amount_tampered() {
    let (a, d) = genuine();
    let r = run(&a, &set(&d, "/2/delta", json!(7.5)), None);
    assert_eq!(
        failed_names(&r),
        ["proofRoot (root of submitted deltas)", "records[2].amount"],
        "{r}"
    );
    assert!(matches!(&failures(&r)[0].1, Failure::RootMismatch { field, .. } if field == "proofRoot"));
    assert_eq!(r.encoding, EncodingFinding::NoneReproduced);
}

#[test]
fn proof_root_tampered() {
    let (a, d) = genuine();
    let r = run(&flip_hash(&a, "/data/proofRoot"), &d, Some(&root(&a)));
    assert_eq!(
        failed_names(&r),
        ["proofRoot (root of submitted deltas)", "asked-for root"],
        "{r}"
    );
}

#[test]
fn record_count_tampered() {
    let (a, d) = genuine();
    let r = run(&set(&a, "/data/summary/recordCount", json!(4)), &d, None);
    assert_eq!(failed_names(&r), ["summary.recordCount"], "{r}");
}

#[test]
fn opaque_root_and_flat_shape() {
    let (a, d) = genuine();
    let r = run(&set(&a, "/data/proofRoot", json!("rcpt_77")), &d, None);
    assert!(
        matches!(check(&r, "proofRoot"), Outcome::NotCheckable { .. }),
        "{r}"
    );
    assert!(failures(&r).is_empty(), "{r}");

    let delta = json!({"customerId": "c", "delta": 2, "reason": "r"});
    let h = SubmittedDelta::from_value(&delta, 0)
        .unwrap()
        .item_hash(ItemMapping::default())
        .unwrap();
    let flat = json!({"data": {"receiptId": h, "contentHash": h, "proofHash": h, "timestamp": 1, "status": "ANCHORED"}});
    let r = run(&flat, &json!([delta]), None);
    assert_eq!(r.verdict(), Verdict::Verified, "{r}");
    let r = run(&flip_hash(&flat, "/data/contentHash"), &json!([delta]), None);
    assert_eq!(failed_names(&r), ["contentHash"], "{r}");
    let r = run(&flip_hash(&flat, "/data/receiptId"), &json!([delta]), None);
    assert_eq!(failed_names(&r), ["receiptId"], "{r}");
}
