//! The bundled samples under `examples/receipts/` are exactly what
//! `cargo run --example make_samples` writes (so they can never drift from
//! the library), and each one verifies end to end.

#[path = "../examples/make_samples/samples.rs"]
#[allow(dead_code)]
mod samples;

use pacspace_proof::chain::{DEFAULT_MAX_LINE_BYTES, verify_chain_jsonl};
use pacspace_proof::receipt::{DeliveryHeaders, SubmittedDelta, verify_webhook_delivery};
use pacspace_proof::{Hash32, Verdict, verify_receipt_json};
use std::path::PathBuf;

fn on_disk(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(samples::DIR)
        .join(name);
    std::fs::read(&p)
        .unwrap_or_else(|e| panic!("{}: {e} (run `cargo run --example make_samples`)", p.display()))
}

fn text(name: &str) -> String {
    String::from_utf8(on_disk(name)).expect("utf8")
}

#[test]
fn files_on_disk_are_byte_identical_to_a_fresh_generation() {
    let fresh = samples::samples();
    assert_eq!(fresh.len(), 9);
    for s in &fresh {
        assert!(
            on_disk(s.name) == s.bytes,
            "examples/receipts/{} differs from what the library generates; run `cargo run --example make_samples`",
            s.name
        );
    }
    // Generation is deterministic.
    let again = samples::samples();
    assert!(
        fresh
            .iter()
            .zip(&again)
            .all(|(a, b)| a.name == b.name && a.bytes == b.bytes)
    );
}

#[test]
fn each_sample_verifies() {
    for (artefact, deltas) in [
        ("emit.json", "emit-delta.json"),
        ("batch.json", "batch-deltas.json"),
        ("verify-answer.json", "verify-answer-deltas.json"),
    ] {
        let r = verify_receipt_json(&text(artefact), Some(&text(deltas)), None).unwrap();
        assert_eq!(r.verdict(), Verdict::Verified, "{artefact}: {r}");
    }
    let chain = verify_chain_jsonl(&on_disk("chain.jsonl")[..], DEFAULT_MAX_LINE_BYTES, |_| {}).unwrap();
    assert_eq!(chain.verdict, Verdict::Verified, "{chain}");
    assert_eq!(chain.receipts, 3);

    let headers = text("webhook.headers");
    let value = |k: &str| {
        headers
            .lines()
            .find_map(|l| l.strip_prefix(k))
            .map(|v| v.trim_start_matches(": ").to_string())
            .unwrap()
    };
    let (signature, timestamp) = (value("X-PacSpace-Signature"), value("X-PacSpace-Timestamp"));
    assert_eq!(timestamp, samples::DEMO_TIMESTAMP);
    let h = DeliveryHeaders {
        secret: samples::DEMO_SECRET.as_bytes(),
        signature: &signature,
        timestamp: &timestamp,
        now_unix_secs: timestamp.parse().unwrap(),
        tolerance_secs: 300,
    };
    let delta = SubmittedDelta::from_json(&text("emit-delta.json")).unwrap();
    let emit: serde_json::Value = serde_json::from_str(&text("emit.json")).unwrap();
    let stored: Hash32 = emit["data"]["receiptId"].as_str().unwrap().parse().unwrap();
    let r = verify_webhook_delivery(&on_disk("webhook.json"), &h, Some(&delta), Some(&stored)).unwrap();
    assert_eq!(r.verdict(), Verdict::Verified, "{r}");
}

#[test]
fn samples_are_linked_to_each_other() {
    // The webhook is the chain's second line, for the emitted delta's anchor,
    // whose previous receipt is the batch's.
    let chain = text("chain.jsonl");
    assert_eq!(chain.lines().nth(1), Some(text("webhook.json").as_str()));
    let emit: serde_json::Value = serde_json::from_str(&text("emit.json")).unwrap();
    let batch: serde_json::Value = serde_json::from_str(&text("batch.json")).unwrap();
    let hook: serde_json::Value = serde_json::from_str(&text("webhook.json")).unwrap();
    assert_eq!(hook["data"]["proof"]["proofHash"], emit["data"]["receiptId"]);
    assert_eq!(
        hook["data"]["proof"]["previousProofHash"],
        batch["data"]["results"][0]["receiptId"]
    );
}

/// The README's receipts example, kept compiling and true.
#[test]
fn readme_receipts_example() {
    use pacspace_proof::NodeEncoding;
    use pacspace_proof::receipt::{EncodingFinding, Failure};
    let emit = text("emit.json");
    let delta = text("emit-delta.json");
    let report = verify_receipt_json(&emit, Some(&delta), None).unwrap();
    assert_eq!(report.verdict(), Verdict::Verified);
    assert_eq!(report.encoding, EncodingFinding::Detected(NodeEncoding::Hex0x));
    let tampered = delta.replace("42.5", "42.25");
    let report = verify_receipt_json(&emit, Some(&tampered), None).unwrap();
    assert!(
        report
            .failures()
            .any(|f| matches!(f, Failure::ItemHashNotFound { item: 0, .. }))
    );
}
