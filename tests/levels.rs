//! Assurance levels of receipt reports: what each input lets a report claim.

use pacspace_proof::receipt::{Basis, Outcome};
use pacspace_proof::{Level, Report, verify_receipt_json};

fn sample(name: &str) -> String {
    std::fs::read_to_string(format!("{}/examples/receipts/{name}", env!("CARGO_MANIFEST_DIR")))
        .expect("sample")
}

fn emit_root(emit: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(emit).expect("json");
    v["data"]["itemsRoot"].as_str().expect("itemsRoot").to_string()
}

fn passed(r: &Report, basis: Basis) -> bool {
    r.checks
        .iter()
        .any(|c| c.basis == basis && matches!(c.outcome, Outcome::Pass { .. }))
}

#[test]
fn an_artefact_alone_is_only_consistent_and_says_what_is_missing() {
    let r = verify_receipt_json(&sample("emit.json"), None, None).expect("report");
    assert_eq!(r.level(), Level::Consistent);
    assert!(passed(&r, Basis::Root));
    let missing = r.not_checked();
    assert!(
        missing.iter().any(|m| m.starts_with("your own data")),
        "{missing:?}"
    );
    assert!(
        missing.iter().any(|m| m.starts_with("the public ledger")),
        "{missing:?}"
    );
    let json = serde_json::to_value(&r).expect("json");
    assert_eq!(json["level"], "consistent");
    assert!(
        r.to_string()
            .starts_with("emit response: VERIFIED (level: consistent)")
    );
}

#[test]
fn a_tampered_amount_inside_the_receipt_is_still_only_consistent_without_own_data() {
    // The receipt agrees with itself after its echoed amount changed: without
    // the submitted delta nothing can show the change, and the level says so.
    let emit = sample("emit.json").replace("\"delta\": 42.5", "\"delta\": 4250");
    let r = verify_receipt_json(&emit, None, None).expect("report");
    assert!(r.level() <= Level::Consistent);
    let delta = sample("emit-delta.json");
    let r = verify_receipt_json(&emit, Some(&delta), None).expect("report");
    assert_eq!(r.level(), Level::NotVerified);
}

#[test]
fn the_submitted_delta_lifts_the_level_to_verified() {
    let r =
        verify_receipt_json(&sample("emit.json"), Some(&sample("emit-delta.json")), None).expect("report");
    assert_eq!(r.level(), Level::Verified);
    assert!(passed(&r, Basis::OwnItem));
    assert!(!r.not_checked().iter().any(|m| m.starts_with("your own data")));
}

#[test]
fn a_changed_submitted_amount_is_not_verified() {
    let delta = sample("emit-delta.json").replace("42.5", "42.25");
    let r = verify_receipt_json(&sample("emit.json"), Some(&delta), None).expect("report");
    assert_eq!(r.level(), Level::NotVerified);
}

#[test]
fn a_stored_receipt_id_alone_reaches_verified() {
    let emit = sample("emit.json");
    let stored: pacspace_proof::Hash32 = emit_root(&emit).parse().expect("hash");
    let r = verify_receipt_json(&emit, None, Some(&stored)).expect("report");
    assert_eq!(r.level(), Level::Verified);
    assert!(passed(&r, Basis::OwnReceipt));
    let mut other = *stored.as_bytes();
    other[0] ^= 1;
    let r =
        verify_receipt_json(&emit, None, Some(&pacspace_proof::Hash32::from_bytes(other))).expect("report");
    assert_eq!(r.level(), Level::NotVerified);
}

#[test]
fn every_artefact_with_its_deltas_is_verified() {
    for (artefact, deltas) in [
        ("batch.json", "batch-deltas.json"),
        ("verify-answer.json", "verify-answer-deltas.json"),
        ("webhook.json", "emit-delta.json"),
    ] {
        let r = verify_receipt_json(&sample(artefact), Some(&sample(deltas)), None).expect("report");
        assert_eq!(r.level(), Level::Verified, "{artefact}: {r}");
        let r = verify_receipt_json(&sample(artefact), None, None).expect("report");
        assert!(r.level() <= Level::Consistent, "{artefact}: {r}");
    }
}

#[test]
fn recorded_ledger_answers_lift_a_verified_batch_to_anchored_offline() {
    use pacspace_proof::ledger::{AnchorPolicy, Network, RecordedAnswers};
    use pacspace_proof::receipt::Artefact;
    let batch = sample("batch.json");
    let mut r = verify_receipt_json(&batch, Some(&sample("batch-deltas.json")), None).expect("report");
    assert_eq!(r.level(), Level::Verified);
    let hint = Artefact::from_json(&batch).expect("artefact").anchor_hint();
    let root = hint.root.expect("the batch names its root");
    let answers = std::fs::read_to_string(format!(
        "{}/examples/ledger/answers.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("answers");
    let recorded = RecordedAnswers::from_json(&answers).expect("recorded answers");
    let anchor = recorded.decide(&root, &AnchorPolicy::new(Network::Testnet));
    r.record_anchor(&root, &anchor);
    assert_eq!(r.level(), Level::Anchored, "{r}");
    assert!(passed(&r, Basis::Ledger));
    assert!(!r.not_checked().iter().any(|m| m.contains("public ledger")));

    // The same answers say nothing for another root: evidence against.
    let mut other = *root.as_bytes();
    other[31] ^= 0x80;
    let other = pacspace_proof::Hash32::from_bytes(other);
    let mut r = verify_receipt_json(&batch, Some(&sample("batch-deltas.json")), None).expect("report");
    r.record_anchor(
        &other,
        &recorded.decide(&other, &AnchorPolicy::new(Network::Testnet)),
    );
    assert_eq!(r.level(), Level::NotVerified);
}

#[test]
fn an_anchor_about_another_root_fails_the_report() {
    use pacspace_proof::ledger::{AnchorPolicy, Network, RecordedAnswers};
    let answers = std::fs::read_to_string(format!(
        "{}/examples/ledger/answers.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("answers");
    let recorded = RecordedAnswers::from_json(&answers).expect("recorded answers");
    let batch_root: pacspace_proof::Hash32 =
        "0xeace00dfa25164afa3d9985d8a22c58f435a906bf30f4cc80c1e3e521a350630"
            .parse()
            .expect("hash");
    let anchor = recorded.decide(&batch_root, &AnchorPolicy::new(Network::Testnet));
    let mut r =
        verify_receipt_json(&sample("emit.json"), Some(&sample("emit-delta.json")), None).expect("report");
    let emit_root: pacspace_proof::Hash32 = emit_root(&sample("emit.json")).parse().expect("hash");
    r.record_anchor(&emit_root, &anchor);
    assert_eq!(r.level(), Level::NotVerified);
}
