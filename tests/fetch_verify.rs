//! Fetch-and-verify against a real server on 127.0.0.1: what the service
//! publishes is re-verified locally, and a tampered answer is caught even when
//! the service says `verified: true`.
#![cfg(feature = "fetch")]

mod support;

use pacspace_proof::fetch::{Client, ClientConfig, FetchError, RetryPolicy, Source};
use pacspace_proof::receipt::{Failure, SubmittedDelta};
use pacspace_proof::{ItemMapping, NodeEncoding, Verdict, items_root};
use serde_json::{Value, json};
use std::time::Duration;
use support::server::{Reply, TestServer};

fn client(base: &str) -> Client {
    Client::new(ClientConfig {
        base_url: base.to_owned(),
        api_key: Some("test-key".into()),
        timeout: Duration::from_secs(5),
        max_body_bytes: 64 * 1024,
        retry: RetryPolicy {
            max_retries: 2,
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_secs(2),
        },
    })
}

fn deltas() -> (Vec<SubmittedDelta>, String) {
    let v = json!([
        {"customerId": "cust_a", "delta": 25, "reason": "top-up", "referenceId": "inv-1"},
        {"customerId": "cust_b", "delta": -3.5, "reason": "usage"},
        {"customerId": "cust_c", "delta": 100, "reason": "grant", "metadata": {"plan": "pro"}},
    ]);
    let ds = SubmittedDelta::list_from_value(&v).unwrap();
    let leaves: Vec<_> = ds
        .iter()
        .map(|d| d.item_hash(ItemMapping::default()).unwrap())
        .collect();
    let root = items_root(&leaves, NodeEncoding::Hex0x).to_string();
    (ds, root)
}

fn answer(root: &str) -> Value {
    json!({"success": true, "data": {
        "verified": true, "proofRoot": root, "recordedAt": "2026-11-24T10:00:00Z",
        "summary": {"recordCount": 3, "netChange": 121.5},
        "records": [
            {"amount": 25, "reason": "top-up", "referenceId": "inv-1", "status": "ANCHORED", "time": "t"},
            {"amount": -3.5, "reason": "usage", "referenceId": null, "status": "ANCHORED", "time": "t"},
            {"amount": 100, "reason": "grant", "referenceId": null, "status": "ANCHORED", "time": "t"}
        ],
        "verification": {"reference": "0.0.1-1", "publicLedgerUrl": "https://example.invalid"}}})
}

fn serve(body: &Value) -> TestServer {
    TestServer::start(vec![Reply::json(200, &body.to_string())])
}

#[test]
fn genuine_answer_verifies_and_names_encoding_and_mapping() {
    let (ds, root) = deltas();
    let server = serve(&answer(&root));
    let report = client(&server.base_url)
        .fetch_and_verify(&root, &ds, Some(Source::Both))
        .unwrap();
    assert_eq!(report.verdict(), Verdict::Verified, "{report}");
    assert_eq!(report.node_encoding, NodeEncoding::Hex0x);
    assert_eq!(report.mappings.len(), 3);
    assert!(
        report
            .mappings
            .iter()
            .all(|m| m.mapping == Some(ItemMapping::default()))
    );
    assert_eq!(
        server.requests()[0].url,
        format!("/api/v1/verify/{root}?source=both")
    );
}

#[test]
fn tampered_record_is_caught_although_the_service_says_verified() {
    let (ds, root) = deltas();
    let mut body = answer(&root);
    body["data"]["records"][1]["amount"] = json!(-35);
    let server = serve(&body);
    let report = client(&server.base_url)
        .fetch_and_verify(&root, &ds, None)
        .unwrap();
    assert_eq!(report.verdict(), Verdict::NotVerified);
    assert!(
        report
            .failures()
            .any(|f| matches!(f, Failure::FieldMismatch { field, .. } if field == "records[1].amount")),
        "{report}"
    );
}

#[test]
fn answer_for_another_root_is_caught() {
    let (ds, root) = deltas();
    let other = format!("0x{}", "ab".repeat(32));
    let server = serve(&answer(&other));
    let report = client(&server.base_url)
        .fetch_and_verify(&root, &ds, None)
        .unwrap();
    assert_eq!(report.verdict(), Verdict::NotVerified);
    let failures: Vec<_> = report.failures().collect();
    assert!(
        failures.iter().any(|f| matches!(f, Failure::RootMismatch { .. })),
        "{report}"
    );
    assert!(
        failures
            .iter()
            .any(|f| matches!(f, Failure::ReceiptIdMismatch { .. })),
        "{report}"
    );
}

#[test]
fn tampered_submitted_delta_is_caught() {
    let (mut ds, root) = deltas();
    ds[2].reason = "grant!".into();
    let server = serve(&answer(&root));
    let report = client(&server.base_url)
        .fetch_and_verify(&root, &ds, None)
        .unwrap();
    assert_eq!(report.verdict(), Verdict::NotVerified, "{report}");
}

#[test]
fn without_deltas_the_service_claim_is_not_a_verdict() {
    let (_, root) = deltas();
    let server = serve(&answer(&root));
    let report = client(&server.base_url)
        .fetch_and_verify(&root, &[], None)
        .unwrap();
    assert_ne!(report.verdict(), Verdict::Verified, "{report}");
}

#[test]
fn opaque_receipt_is_unverifiable_not_a_mismatch() {
    let server = serve(&json!({"verified": true, "proofRoot": "rcpt_42"}));
    let report = client(&server.base_url)
        .fetch_and_verify("rcpt_42", &[], None)
        .unwrap();
    assert_eq!(report.verdict(), Verdict::Unverifiable, "{report}");
}

#[test]
fn malformed_root_is_refused_before_any_request() {
    let server = TestServer::start(vec![]);
    let r = client(&server.base_url).fetch_and_verify("0xabc", &[], None);
    assert!(matches!(r, Err(FetchError::BadId { .. })), "{r:?}");
    assert!(server.requests().is_empty());
}

#[test]
fn wrong_shape_is_a_shape_error() {
    let server = serve(&json!({"success": true, "data": {"records": "many"}}));
    let (ds, root) = deltas();
    let r = client(&server.base_url).fetch_and_verify(&root, &ds, None);
    assert!(matches!(r, Err(FetchError::Shape(_))), "{r:?}");
}

#[test]
fn delta_status_genuine_and_tampered() {
    let (ds, root) = deltas();
    let status = |receipt: &str| {
        json!({"success": true, "data": {"status": "ANCHORED", "receiptId": receipt,
            "txHash": "0x01", "deltaCount": 3, "deltas": []}})
    };
    let other = format!("0x{}", "cd".repeat(32));
    let server = TestServer::start(vec![
        Reply::json(200, &status(&root).to_string()),
        Reply::json(200, &status(&other).to_string()),
    ]);
    let c = client(&server.base_url);
    let stored: pacspace_proof::Hash32 = root.parse().unwrap();
    let good = c.fetch_and_verify_status("anc_1", &ds, Some(&stored)).unwrap();
    assert_eq!(good.verdict(), Verdict::Verified, "{good}");
    let bad = c.fetch_and_verify_status("anc_1", &ds, Some(&stored)).unwrap();
    assert_eq!(bad.verdict(), Verdict::NotVerified, "{bad}");
    assert!(
        bad.failures().any(|f| matches!(f, Failure::RootMismatch { .. })),
        "{bad}"
    );
    let seen = server.requests();
    assert_eq!(seen[0].url, "/api/v1/balance/delta/anc_1");
    assert_eq!(seen[0].api_key.as_deref(), Some("test-key"));
}
