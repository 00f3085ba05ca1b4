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
