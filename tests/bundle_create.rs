//! Creating bundles from every kind of artefact, and reading them back:
//! create -> text -> read -> verify reaches `verified`, for one item and for
//! several, compact or with the whole list; refusals say why.

mod common;

use pacspace_proof::bundle::{
    Bundle, CreateError, CreateOptions, Inclusion, InclusionForm, LedgerEvidence, SourceKind, create,
    create_from_json, verify,
};
use pacspace_proof::receipt::Artefact;
use pacspace_proof::{Level, NodeEncoding};
use serde_json::{Value, json};

fn sample(name: &str) -> String {
    std::fs::read_to_string(format!("{}/examples/receipts/{name}", env!("CARGO_MANIFEST_DIR")))
        .expect("sample")
}

fn input(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/data/bundles/inputs/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("input")
}

fn opts(only: &[usize], form: InclusionForm) -> CreateOptions {
    CreateOptions {
        only: only.to_vec(),
        inclusion: form,
        ..Default::default()
    }
}

/// create -> text -> read -> verify, and the deltas kept verbatim.
fn round_trip(artefact: &str, deltas: &str, o: &CreateOptions) -> Bundle {
    let b = create_from_json(artefact, deltas, o).unwrap_or_else(|e| panic!("create: {e}"));
    let back = Bundle::from_json(&b.to_json()).expect("read back");
    assert_eq!(back, b);
    let report = verify(&back);
    assert_eq!(report.level(), Level::Verified, "{report}");
    let given: Value = serde_json::from_str(deltas).unwrap();
    let given = match given {
        Value::Array(a) => a,
        one => vec![one],
    };
    for item in &back.items {
        assert!(
            given.contains(&item.delta),
            "{} is not one of the deltas given",
            item.delta
        );
    }
    back
}

#[test]
fn emit_one_item_keeps_the_receipt_fields() {
    let b = round_trip(
        &sample("emit.json"),
        &sample("emit-delta.json"),
        &CreateOptions::default(),
    );
    assert_eq!(b.receipt.source, SourceKind::Emit);
    assert_eq!(b.receipt.anchor_id.as_deref(), Some("anc_demo_0002"));
    assert_eq!(b.receipt.received_at.as_deref(), Some("2026-01-01T00:00:00.000Z"));
    assert_eq!(b.receipt.status.as_ref().map(|s| s.as_str()), Some("QUEUED"));
    assert_eq!((b.items.len(), b.items[0].index, b.leaf_count), (1, 1, 3));
    assert!(matches!(&b.inclusion, Inclusion::Path { path, .. } if path.len() == 2));
}

#[test]
fn batch_every_subset_both_forms() {
    let (batch, deltas) = (sample("batch.json"), sample("batch-deltas.json"));
    let anchored = [0usize, 1, 3];
    for mask in 1u8..8 {
        let only: Vec<usize> = (0..3)
            .filter(|k| mask & (1 << k) != 0)
            .map(|k| anchored[k])
            .collect();
        for form in [InclusionForm::Compact, InclusionForm::ItemHashes] {
            let b = round_trip(&batch, &deltas, &opts(&only, form));
            assert_eq!(b.items.len(), only.len());
            let multi = matches!(b.inclusion, Inclusion::MultiProof { .. });
            assert_eq!(multi, form == InclusionForm::Compact && only.len() > 1);
        }
    }
    // No --only: every anchored delta, the FAILED one left out.
    let b = round_trip(&batch, &deltas, &CreateOptions::default());
    assert_eq!(b.items.iter().map(|i| i.index).collect::<Vec<_>>(), [0, 1, 2]);
}

#[test]
fn webhook_keeps_the_chain_link() {
    let b = round_trip(
        &sample("webhook.json"),
        &sample("emit-delta.json"),
        &CreateOptions::default(),
    );
    assert_eq!(b.receipt.source, SourceKind::Webhook);
    assert_eq!(
        b.receipt
            .previous_proof_hash
            .as_ref()
            .map(|p| p.to_string())
            .as_deref(),
        Some("0xeace00dfa25164afa3d9985d8a22c58f435a906bf30f4cc80c1e3e521a350630")
    );
}

#[test]
fn delta_status_and_verify_answer() {
    let deltas = sample("verify-answer-deltas.json");
    let b = round_trip(
        &input("delta-status.json"),
        &deltas,
        &opts(&[0, 2], InclusionForm::Compact),
    );
    assert_eq!(
        (b.receipt.source.clone(), b.receipt.anchor_id.as_deref()),
        (SourceKind::DeltaStatus, Some("anc_demo_0001"))
    );
    let b = round_trip(
        &sample("verify-answer.json"),
        &deltas,
        &opts(&[1], InclusionForm::Compact),
    );
    assert_eq!(b.receipt.source, SourceKind::VerifyAnswer);
}

/// Receipts built from the known-answer vectors (reference item hashes and
/// roots under each node encoding): every subset of a 5-item tree.
#[test]
fn vector_trees_every_subset_every_encoding() {
    let v = common::load_vectors();
    let tree = v["trees"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["items"].is_array() && t["count"] == 5)
        .expect("a 5-item vector tree");
    let items = tree["items"].as_array().unwrap();
    for enc in NodeEncoding::ALL {
        let root = &tree["itemsRootByEncoding"][enc.name()];
        let emit = json!({"success": true, "data": {"customerId": items[0]["customerId"], "delta": items[0]["delta"],
            "status": "QUEUED", "receiptId": root, "itemsRoot": root, "itemHashes": tree["itemHashes"]}});
        let artefact = Artefact::from_value(emit).unwrap();
        for mask in 1u8..32 {
            let only: Vec<usize> = (0..5).filter(|k| mask & (1 << k) != 0).collect();
            let b = create(&artefact, items, &opts(&only, InclusionForm::Compact))
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(b.node_encoding, enc);
            let r = verify(&Bundle::from_json(&b.to_json()).unwrap());
            assert_eq!(r.level(), Level::Verified, "{enc} {only:?}\n{r}");
            for p in &r.paths {
                assert_eq!(p.reaches.to_string(), root.as_str().unwrap());
            }
        }
    }
}

#[test]
fn an_opaque_receipt_id_is_reported_not_failed() {
    let emit = sample("emit.json").replace(
        "\"receiptId\": \"0x78c1055a57dc9eba355b66db3096089c48ad6c69f6b51154c5b1f3060cbbeb0f\"",
        "\"receiptId\": \"rcpt_legacy_1\"",
    );
    let b = round_trip(&emit, &sample("emit-delta.json"), &CreateOptions::default());
    let r = verify(&b);
    assert!(r.not_checked().iter().any(|m| m.contains("rcpt_legacy_1")), "{r}");
}

#[test]
fn ledger_evidence_is_carried_and_decides_anchored_offline() {
    let ledger = LedgerEvidence::from_answers_json(&input("ledger-answers.json")).unwrap();
    let o = CreateOptions {
        ledger: Some(ledger.clone()),
        ..Default::default()
    };
    // The recorded answers find the delta status answer's root in their transaction.
    let b = create_from_json(
        &input("delta-status.json"),
        &sample("verify-answer-deltas.json"),
        &o,
    )
    .unwrap_or_else(|e| panic!("create: {e}"));
    assert_eq!(b.ledger.as_ref(), Some(&ledger));
    let back = Bundle::from_json(&b.to_json()).expect("read back");
    assert_eq!(back, b);
    let r = verify(&back);
    assert_eq!(r.level(), Level::Anchored, "{r}");
    let anchor = r.anchor.as_ref().expect("the ledger's report");
    assert_eq!(anchor.root, b.root);
    assert_eq!(anchor.network.name(), "testnet");
    assert!(
        r.not_checked().iter().all(|m| !m.starts_with("ledger anchor")),
        "{r}"
    );
    // The same decision as the ledger module makes from the same file.
    let rec = pacspace_proof::ledger::RecordedAnswers::from_json(&input("ledger-answers.json")).unwrap();
    let direct = rec.decide(&b.root, &pacspace_proof::ledger::AnchorPolicy::new(rec.network));
    assert_eq!(&direct, anchor);
    // The evidence converts back to the recorded answers it came from.
    let again =
        LedgerEvidence::from_answers_json(&ledger.to_answers_json().expect("a known network")).unwrap();
    assert_eq!(again, ledger);
    // Answers about another root do not anchor this receipt: refused at creation.
    let e = create_from_json(&sample("emit.json"), &sample("emit-delta.json"), &o).unwrap_err();
    assert!(matches!(e, CreateError::LedgerAnswers(_)), "{e}");
    assert!(e.to_string().contains("not anchored"), "{e}");
}

#[test]
fn refusals_say_why() {
    let (batch, deltas) = (sample("batch.json"), sample("batch-deltas.json"));
    let e = create_from_json(&batch, &deltas, &opts(&[2], InclusionForm::Compact)).unwrap_err();
    assert!(
        matches!(&e, CreateError::NotAnchored { item: 2, error } if error == "customerId is required"),
        "{e}"
    );
    let e = create_from_json(&batch, &deltas, &opts(&[4], InclusionForm::Compact)).unwrap_err();
    assert_eq!(e, CreateError::OnlyOutOfRange { index: 4, count: 4 });
    assert_eq!(
        create_from_json(&batch, "[]", &CreateOptions::default()).unwrap_err(),
        CreateError::NoDeltas
    );
    // A receipt that does not verify is refused.
    let tampered = sample("emit.json").replace("0x2aa2393f", "0x2aa2393e");
    let e = create_from_json(&tampered, &sample("emit-delta.json"), &CreateOptions::default()).unwrap_err();
    assert!(
        matches!(&e, CreateError::ReceiptDoesNotVerify { level: Level::NotVerified, why } if why.contains("itemsRoot")),
        "{e}"
    );
    // A webhook proves one delta: another delta not in its item hashes is refused.
    let two = format!(
        "[{}, {}]",
        sample("emit-delta.json"),
        r#"{"customerId":"x","delta":1,"reason":"r"}"#
    );
    let e = create_from_json(&sample("webhook.json"), &two, &CreateOptions::default()).unwrap_err();
    assert!(matches!(e, CreateError::DeltaNotInReceipt { item: 1, .. }), "{e}");
    // Not an artefact at all.
    let e = create_from_json(r#"{"hello":1}"#, &deltas, &CreateOptions::default()).unwrap_err();
    assert!(
        e.to_string().starts_with("not a recognised PacSpace artefact"),
        "{e}"
    );
}

#[test]
fn deltas_reproducing_under_different_mappings_are_refused() {
    use pacspace_proof::item::AmountKey;
    use pacspace_proof::receipt::SubmittedDelta;
    use pacspace_proof::{ItemMapping, items_root};
    let a = r#"{"customerId":"a","delta":1,"reason":"r"}"#;
    let b = r#"{"customerId":"b","delta":2,"reason":"r"}"#;
    let ha = SubmittedDelta::from_json(a)
        .unwrap()
        .item_hash(ItemMapping::default())
        .unwrap();
    let amount = ItemMapping {
        amount_key: AmountKey::Amount,
        ..Default::default()
    };
    let hb = SubmittedDelta::from_json(b).unwrap().item_hash(amount).unwrap();
    let root = items_root(&[ha, hb], NodeEncoding::Hex0x);
    let emit = json!({"data": {"customerId": "a", "delta": 1, "status": "QUEUED", "receiptId": root,
        "itemsRoot": root, "itemHashes": [ha, hb]}})
    .to_string();
    let e = create_from_json(&emit, &format!("[{a},{b}]"), &CreateOptions::default()).unwrap_err();
    assert_eq!(e, CreateError::MixedMappings { first: 0, other: 1 });
    // Each alone is fine, and says which mapping it used.
    let only_b = create_from_json(&emit, &format!("[{a},{b}]"), &opts(&[1], InclusionForm::Compact)).unwrap();
    assert_eq!(only_b.item_mapping.mapping(), amount);
}

#[test]
fn a_customer_line_alone_is_found_in_a_batch_receipt() {
    // The customer has their own line, not the rest of the batch.
    let deltas: Value = serde_json::from_str(&sample("batch-deltas.json")).unwrap();
    let line = deltas[3].to_string();
    let b = round_trip(&sample("batch.json"), &line, &CreateOptions::default());
    assert_eq!((b.items.len(), b.items[0].index, b.leaf_count), (1, 2, 3));
    // A changed line is not found, and a changed receipt is refused as such.
    let changed = line.replace("7.25", "7.5");
    let e = create_from_json(&sample("batch.json"), &changed, &CreateOptions::default()).unwrap_err();
    assert!(matches!(e, CreateError::DeltaNotInReceipt { item: 0, .. }), "{e}");
    let tampered = sample("batch.json").replace("0x05052d45", "0x05052d46");
    let e = create_from_json(&tampered, &line, &CreateOptions::default()).unwrap_err();
    assert!(matches!(e, CreateError::ReceiptDoesNotVerify { .. }), "{e}");
}
