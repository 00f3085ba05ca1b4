//! Receipts whose item hashes were made under each mapping variant (the
//! hashes come from tests/data/variants-v1.json, computed with the official
//! SDK, Node and pycryptodome): each verifies and its report names the
//! variant. Receipts made with SHA3-256 do not verify, and the report says,
//! as a diagnostic, that SHA3-256 would have reproduced them.

use pacspace_proof::canonical::{KeyOrder, Strings};
use pacspace_proof::hashing::{sha3_256, sha3_node_hash};
use pacspace_proof::item::AdjustsField;
use pacspace_proof::receipt::{DIAGNOSTIC, SubmittedDelta, verify_receipt_json};
use pacspace_proof::{Hash32, ItemMapping, NodeEncoding, Report, Verdict, items_root};
use serde_json::{Value, json};
use std::path::PathBuf;

/// One delta and a variant whose hash no earlier variant gives that delta.
struct Case {
    delta: String,
    mapping: ItemMapping,
    hash: Hash32,
    sha3: Hash32,
}

fn cases() -> Vec<Case> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/variants-v1.json");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("vectors")).expect("JSON");
    let mut out = Vec::new();
    for item in v["items"].as_array().expect("items") {
        let delta = item["delta"].as_str().expect("delta").to_string();
        let mut seen: Vec<Hash32> = Vec::new();
        for (i, h) in item["hashes"].as_array().expect("hashes").iter().enumerate() {
            let Some(hash) = h["itemHash"].as_str() else {
                continue;
            };
            let hash: Hash32 = hash.parse().expect("hash");
            if seen.contains(&hash) {
                continue;
            }
            seen.push(hash);
            out.push(Case {
                delta: delta.clone(),
                // The vectors list the mappings in ItemMapping::VARIANTS order.
                mapping: ItemMapping::VARIANTS[i],
                hash,
                sha3: h["sha3ItemHash"]
                    .as_str()
                    .expect("sha3")
                    .parse()
                    .expect("sha3 hash"),
            });
        }
    }
    // Every kind of variant is represented.
    let has = |f: &dyn Fn(&ItemMapping) -> bool| out.iter().any(|c| f(&c.mapping));
    assert!(has(&|m| m.adjusts == AdjustsField::Include));
    assert!(has(
        &|m| m.canonical.key_order == KeyOrder::JsObject && m.canonical.strings == Strings::Refuse
    ));
    assert!(has(
        &|m| m.canonical.strings == Strings::Js && m.canonical.key_order == KeyOrder::CodeUnits
    ));
    assert!(has(
        &|m| m.canonical.strings == Strings::Js && m.canonical.key_order == KeyOrder::JsObject
    ));
    assert!(has(&|m| !m.is_documented()));
    out
}

fn assert_names(r: &Report, items: &[usize], m: ItemMapping) {
    assert_eq!(r.verdict(), Verdict::Verified, "{r}");
    for &i in items {
        let found = r.mappings.iter().find(|f| f.item == i).expect("mapping finding");
        assert_eq!(found.mapping, Some(m), "{r}");
    }
    let text = r.to_string();
    assert!(text.contains(&m.to_string()), "{text}");
    let json = serde_json::to_value(r).expect("report JSON");
    let named = &json["mappings"][0]["mapping"];
    assert_eq!(named["keyOrder"], m.canonical.key_order.name());
    assert_eq!(named["strings"], m.canonical.strings.name());
    assert_eq!(named["adjusts"], m.adjusts.name());
}

fn batch(results: Vec<Value>) -> String {
    let n = results.len();
    json!({"success": true, "data": {"totalQueued": n, "totalFailed": 0, "results": results}}).to_string()
}

#[test]
fn emit_and_batch_receipts_under_each_variant_verify_and_name_it() {
    let all = cases();
    assert!(all.len() >= 20, "{} distinct variant hashes", all.len());
    for c in &all {
        let d = SubmittedDelta::from_json(&c.delta).expect("delta");
        // Batch: the delta alone, and beside a plain delta (one mapping each).
        let plain = r#"{"customerId":"p","delta":2,"reason":"r"}"#;
        let p = SubmittedDelta::from_json(plain).expect("plain");
        let ph = p.item_hash(ItemMapping::default()).expect("plain hash");
        let root = items_root(&[c.hash, ph], NodeEncoding::Hex);
        let resp = batch(vec![
            json!({"index": 0, "delta": d.amount, "itemHash": c.hash, "receiptId": root, "status": "QUEUED"}),
            json!({"index": 1, "delta": 2, "itemHash": ph, "receiptId": root, "status": "QUEUED"}),
        ]);
        let deltas = format!("[{},{plain}]", c.delta);
        let r = verify_receipt_json(&resp, Some(&deltas), Some(&root)).expect("batch reads");
        assert_names(&r, &[0], c.mapping);
        assert_eq!(r.mappings[1].mapping, Some(ItemMapping::default()));
        // Emit: its echo carries the customerId, which a receipt can only
        // hold without a lone surrogate.
        if !d.customer_id.contains('\u{fffd}') {
            let emit = json!({"success": true, "data": {"customerId": d.customer_id, "delta": d.amount,
                "status": "QUEUED", "receiptId": c.hash, "itemsRoot": c.hash, "itemHashes": [c.hash]}});
            let r =
                verify_receipt_json(&emit.to_string(), Some(&c.delta), Some(&c.hash)).expect("emit reads");
            assert_names(&r, &[0], c.mapping);
        }
    }
}

#[test]
fn status_answer_root_under_each_variant_names_it() {
    let plain = r#"{"customerId":"p","delta":2,"reason":"r"}"#;
    for c in cases() {
        let deltas = format!("[{},{plain}]", c.delta);
        let list = SubmittedDelta::list_from_json(&deltas).expect("deltas");
        let leaves: Vec<Hash32> = list
            .iter()
            .map(|d| d.item_hash(c.mapping).expect("hash"))
            .collect();
        assert_eq!(leaves[0], c.hash);
        let root = items_root(&leaves, NodeEncoding::Bytes);
        let status = json!({"success": true, "data": {"status": "ANCHORED", "receiptId": root, "deltaCount": 2,
            "deltas": [{"itemHash": leaves[0]}, {"itemHash": leaves[1]}]}});
        let r = verify_receipt_json(&status.to_string(), Some(&deltas), Some(&root)).expect("status reads");
        assert_names(&r, &[0, 1], c.mapping);
    }
}

#[test]
fn sha3_item_hashes_fail_with_a_diagnostic_naming_the_mapping() {
    for c in cases()
        .into_iter()
        .filter(|c| c.mapping.is_documented() || c.mapping.adjusts == AdjustsField::Include)
    {
        let d = SubmittedDelta::from_json(&c.delta).expect("delta");
        let resp = batch(vec![
            json!({"index": 0, "delta": d.amount, "itemHash": c.sha3, "receiptId": c.sha3, "status": "QUEUED"}),
        ]);
        let r = verify_receipt_json(&resp, Some(&c.delta), None).expect("reads");
        assert_eq!(r.verdict(), Verdict::NotVerified, "{r}");
        let note = r
            .notes
            .iter()
            .find(|n| n.starts_with(DIAGNOSTIC))
            .expect("diagnostic note");
        assert!(
            note.contains("SHA3-256") && note.contains(&c.sha3.to_string()),
            "{note}"
        );
        // The mapping named is one under which SHA3-256 gives that hash.
        assert!(note.contains("under mapping ("), "{note}");
    }
}

#[test]
fn sha3_node_hashes_fail_with_a_diagnostic_naming_the_encoding() {
    let deltas = r#"[{"customerId":"a","delta":1,"reason":"r"},{"customerId":"b","delta":2,"reason":"r"},
        {"customerId":"c","delta":3,"reason":"r"}]"#;
    let list = SubmittedDelta::list_from_json(deltas).expect("deltas");
    let leaves: Vec<Hash32> = list
        .iter()
        .map(|d| d.item_hash(ItemMapping::default()).unwrap())
        .collect();
    for enc in NodeEncoding::ALL {
        // The tree rule written out with SHA3-256 nodes: ((a b) (c c)).
        let node = |l: &Hash32, r: &Hash32| sha3_node_hash(enc, l, r);
        let root = node(&node(&leaves[0], &leaves[1]), &node(&leaves[2], &leaves[2]));
        let results: Vec<Value> = leaves
            .iter()
            .enumerate()
            .map(|(i, h)| json!({"index": i, "itemHash": h, "receiptId": root, "status": "QUEUED"}))
            .collect();
        let r = verify_receipt_json(&batch(results), Some(deltas), None).expect("reads");
        assert_eq!(r.verdict(), Verdict::NotVerified, "{r}");
        let note = r
            .notes
            .iter()
            .find(|n| n.starts_with(DIAGNOSTIC))
            .expect("diagnostic");
        assert!(note.contains(&format!("node encoding {enc}")), "{note}");
        // The same root against the submitted deltas (status answer): SHA3-256 nodes named.
        let status = json!({"success": true, "data": {"status": "ANCHORED", "receiptId": root}});
        let r = verify_receipt_json(&status.to_string(), Some(deltas), None).expect("reads");
        assert_eq!(r.verdict(), Verdict::NotVerified, "{r}");
        let note = r
            .notes
            .iter()
            .find(|n| n.starts_with(DIAGNOSTIC))
            .expect("diagnostic");
        assert!(
            note.contains("Keccak-256 item hashes and SHA3-256 node hashes")
                && note.contains(&enc.to_string()),
            "{note}"
        );
    }
}

#[test]
fn unrelated_hashes_get_a_negative_diagnostic_and_no_verdict_change() {
    let delta = r#"{"customerId":"c","delta":1,"reason":"r"}"#;
    let other = sha3_256(b"unrelated");
    let resp = batch(vec![
        json!({"index": 0, "itemHash": other, "receiptId": other, "status": "QUEUED"}),
    ]);
    let r = verify_receipt_json(&resp, Some(delta), None).expect("reads");
    assert_eq!(r.verdict(), Verdict::NotVerified);
    let note = r
        .notes
        .iter()
        .find(|n| n.starts_with(DIAGNOSTIC))
        .expect("diagnostic");
    assert!(note.contains("does not reproduce"), "{note}");
    // A verified receipt carries no diagnostic.
    let d = SubmittedDelta::from_json(delta).unwrap();
    let h = d.item_hash(ItemMapping::default()).unwrap();
    let resp = batch(vec![
        json!({"index": 0, "itemHash": h, "receiptId": h, "status": "QUEUED"}),
    ]);
    let r = verify_receipt_json(&resp, Some(delta), None).expect("reads");
    assert_eq!(r.verdict(), Verdict::Verified, "{r}");
    assert!(r.notes.iter().all(|n| !n.starts_with(DIAGNOSTIC)), "{r}");
}
