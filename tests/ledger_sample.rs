//! The bundled sample examples/ledger/answers.json reaches `anchored` offline
//! for the itemsRoot of examples/receipts/batch.json.

use pacspace_proof::ledger::{AnchorPolicy, AnchorVerdict, Location, Network, RecordedAnswers, Timestamp};
use pacspace_proof::{Hash32, NodeEncoding, items_root};
use std::path::PathBuf;

fn read(rel: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

/// The root recomputed from the batch's item hashes (not copied from it).
fn batch_root() -> Hash32 {
    let batch: serde_json::Value = serde_json::from_str(&read("examples/receipts/batch.json")).unwrap();
    let leaves: Vec<Hash32> = batch["data"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["itemHash"].as_str())
        .map(|h| h.parse().unwrap())
        .collect();
    assert_eq!(leaves.len(), 3);
    let root = items_root(&leaves, NodeEncoding::Hex0x);
    assert_eq!(
        batch["data"]["results"][0]["receiptId"].as_str(),
        Some(root.to_string().as_str())
    );
    root
}

#[test]
fn the_sample_is_anchored_offline() {
    let recorded = RecordedAnswers::from_json(&read("examples/ledger/answers.json")).unwrap();
    assert_eq!(recorded.network, Network::Testnet);
    let root = batch_root();
    let mut policy = AnchorPolicy::new(Network::Testnet);
    policy.contract = Some("0x00000000000000000000000000000000004C7A21".parse().unwrap());
    policy.not_before = Some(Timestamp::parse_rfc3339("2026-01-01T00:00:00Z").unwrap());
    let report = recorded.decide(&root, &policy);
    assert_eq!(report.verdict, AnchorVerdict::Anchored, "{report}");
    assert_eq!(report.location, Some(Location::CallData { offset: 36 }));
    assert_eq!(
        (report.sources.len(), report.sources_answered, report.min_sources),
        (2, 2, 2)
    );
    assert_eq!(
        report.consensus_timestamp.as_deref(),
        Some("1767225607.417203000")
    );
    assert!(report.failed_checks().next().is_none());

    // Another root is not in that transaction.
    let other = Hash32::from_bytes([0x5a; 32]);
    assert_eq!(
        recorded.decide(&other, &policy).verdict,
        AnchorVerdict::NotAnchored
    );
    // An artefact received a day after the transaction cannot have been anchored by it.
    policy.not_before = Some(Timestamp::parse_rfc3339("2026-01-02T00:00:00Z").unwrap());
    assert_eq!(
        recorded.decide(&root, &policy).verdict,
        AnchorVerdict::NotAnchored
    );
}
