//! Proof bundles (`bundle verify`).
//!
//! The genuine bundles are the ones kept forever in `tests/data/bundles/v1/`
//! (written from the samples in `examples/receipts/`). Before use each one
//! is checked here without the verifier: every delta hashes to its item
//! hash, the items fold to the root with the naive reference tree, and the
//! seal is the one this module computes from the seal's definition
//! (docs/schema/bundle-v1.json). A changed field is then either left under
//! the old seal (the seal must name it) or resealed here (the hashes, the
//! root or the ledger must catch it).

use super::{Case, Expected, case, h, hv, item_hash, pretty, stray, tweak};
use crate::reference;
use pacspace_proof::item::{AmountKey, ReferenceIdAbsent};
use pacspace_proof::tree::Side;
use pacspace_proof::{Hash32, ItemMapping, NodeEncoding, canonical_json, keccak256};
use serde_json::{Map, Value, json};
use std::path::Path;

fn repo_file(path: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn stored(name: &str) -> Value {
    serde_json::from_str(&repo_file(&format!("tests/data/bundles/v1/{name}.json")))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Appends an object key to a field path: an identifier after a dot,
/// anything else as a JSON string in brackets.
fn push_key(path: &str, key: &str) -> String {
    let mut bytes = key.bytes();
    let ident = bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_' || b == b'$')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$');
    match (ident, path.is_empty()) {
        (true, true) => key.to_string(),
        (true, false) => format!("{path}.{key}"),
        (false, _) => format!("{path}[{}]", Value::from(key)),
    }
}

fn sealed_fields(v: &Value, path: &str, out: &mut Map<String, Value>) {
    match v {
        Value::Null => {}
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| sealed_fields(x, &format!("{path}[{i}]"), out)),
        Value::Object(m) => m
            .iter()
            .for_each(|(k, x)| sealed_fields(x, &push_key(path, k), out)),
        scalar => {
            let c = canonical_json(scalar).expect("canonical");
            let d = keccak256(c.as_bytes());
            let hex: String = d.0[..8].iter().map(|b| format!("{b:02x}")).collect();
            out.insert(path.to_string(), Value::from(hex));
        }
    }
}

/// The seal of `bundle` (its own `seal` left out), by its definition.
fn seal_of(bundle: &Value) -> Value {
    let mut fields = Map::new();
    for (k, v) in bundle.as_object().expect("a bundle object") {
        if k != "seal" {
            sealed_fields(v, &push_key("", k), &mut fields);
        }
    }
    let root = keccak256(
        canonical_json(&Value::Object(fields.clone()))
            .expect("canonical")
            .as_bytes(),
    );
    json!({ "fields": fields, "root": hv(&root) })
}

fn reseal(mut b: Value) -> Value {
    b["seal"] = seal_of(&b);
    b
}

fn mapping_of(b: &Value) -> ItemMapping {
    let key = match b["itemMapping"]["amountKey"].as_str() {
        Some("amount") => AmountKey::Amount,
        _ => AmountKey::Delta,
    };
    let absent = match b["itemMapping"]["absentReferenceId"].as_str() {
        Some("null") => ReferenceIdAbsent::Null,
        _ => ReferenceIdAbsent::Omit,
    };
    ItemMapping::documented(key, absent)
}

fn encoding_of(b: &Value) -> NodeEncoding {
    match b["nodeEncoding"].as_str() {
        Some("hex") => NodeEncoding::Hex,
        Some("bytes") => NodeEncoding::Bytes,
        _ => NodeEncoding::Hex0x,
    }
}

/// Asserts that `b` is genuine by this module's own arithmetic: hashes,
/// inclusion and, when sealed, the seal.
fn assert_genuine(name: &str, b: &Value) {
    let mapping = mapping_of(b);
    let items = b["items"].as_array().expect("items");
    let hashes: Vec<Hash32> = items.iter().map(|i| h(&i["itemHash"])).collect();
    for (i, item) in items.iter().enumerate() {
        assert_eq!(
            item_hash(&item["delta"], mapping),
            hashes[i],
            "{name}: items[{i}]"
        );
    }
    let (root, count, enc) = (
        h(&b["root"]),
        b["leafCount"].as_u64().expect("count"),
        encoding_of(b),
    );
    let indices: Vec<u64> = items
        .iter()
        .map(|i| i["index"].as_u64().expect("index"))
        .collect();
    let inc = &b["inclusion"];
    let folded = match inc["kind"].as_str() {
        Some("path") => {
            let path: Vec<(Hash32, Side)> = inc["path"]
                .as_array()
                .expect("path")
                .iter()
                .map(|s| {
                    let side = if s["position"] == "left" {
                        Side::Left
                    } else {
                        Side::Right
                    };
                    (h(&s["hash"]), side)
                })
                .collect();
            reference::verify(&hashes[0], indices[0], count, &path, &root, enc)
        }
        Some("multiProof") => {
            let siblings: Vec<Hash32> = inc["siblings"]
                .as_array()
                .expect("siblings")
                .iter()
                .map(h)
                .collect();
            reference::verify_multi(&hashes, &indices, count, &siblings, &root, enc)
        }
        _ => {
            let leaves: Vec<Hash32> = inc["itemHashes"]
                .as_array()
                .expect("itemHashes")
                .iter()
                .map(h)
                .collect();
            assert_eq!(leaves.len() as u64, count, "{name}: leafCount");
            for (k, &i) in indices.iter().enumerate() {
                assert_eq!(leaves[i as usize], hashes[k], "{name}: leaf {i}");
            }
            (reference::root(&leaves, enc) == root)
                .then_some(())
                .ok_or("RootMismatch")
        }
    };
    assert_eq!(folded, Ok(()), "{name}: inclusion");
    if !b["seal"].is_null() {
        assert_eq!(b["seal"], seal_of(b), "{name}: seal");
    }
}

/// The recorded ledger answers of `examples/ledger/answers.json` as a
/// bundle's ledger evidence; they were recorded for the batch sample's root.
fn ledger_evidence(root: &Hash32) -> Value {
    let rec: Value = serde_json::from_str(&repo_file("examples/ledger/answers.json")).expect("answers");
    let word = root.to_string();
    let holds = rec["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .filter(|a| a["body"].as_str().is_some_and(|b| b.contains(&word[2..])))
        .count();
    assert!(holds >= 2, "the recorded answers name the root {root}");
    json!({ "network": rec["network"], "transaction": rec["tx"], "answers": rec["answers"] })
}

/// A `bundle verify` case over the bundle `b`.
fn verify_case(name: &str, why: &str, b: &Value) -> Case {
    case(name, why)
        .json("bundle.json", b)
        .args(&["bundle", "verify", "bundle.json", "--json"])
}

/// A failing case that names `field` in a failed check `check` of kind `error`.
fn named(c: Case, error: &str, check: &str, field: &str) -> Case {
    let mut c = c.fail(Some(error), Some(check));
    c.expected.field = Some(field.to_string());
    c
}

fn set(b: &Value, pointer: &str, value: Value) -> Value {
    let mut v = b.clone();
    *v.pointer_mut(pointer).unwrap_or_else(|| panic!("no {pointer}")) = value;
    v
}

/// Every bundle case.
pub fn bundles() -> Vec<Case> {
    let emit = stored("emit-one");
    let multi = stored("batch-two");
    let all_hashes = stored("batch-all-item-hashes");
    let webhook = stored("webhook-one");
    let status = stored("delta-status-ledger");
    let minor = stored("v1.1-unknown-fields");
    for (n, b) in [
        ("emit-one", &emit),
        ("batch-two", &multi),
        ("batch-all-item-hashes", &all_hashes),
        ("webhook-one", &webhook),
        ("delta-status-ledger", &status),
    ] {
        assert_genuine(n, b);
    }
    let mut multi_anchored = multi.clone();
    multi_anchored["ledger"] = ledger_evidence(&h(&multi["root"]));
    let multi_anchored = reseal(multi_anchored);
    assert_genuine("batch-two with ledger evidence", &multi_anchored);
    let mut unsealed = emit.clone();
    unsealed.as_object_mut().expect("object").remove("seal");

    let mut out = vec![
        verify_case("bundle_emit_single_path_pass", "One item of an emit response with its compact path: the delta hashes to its item hash and the path folds to the root.", &emit).pass("verified"),
        verify_case("bundle_batch_multi_proof_pass", "Two items of a batch response with one multi-proof's siblings, bound to the leaf count.", &multi).pass("verified"),
        verify_case("bundle_batch_item_hashes_pass", "Three items of a batch response with the batch's whole list of item hashes.", &all_hashes).pass("verified"),
        verify_case("bundle_webhook_single_pass", "One item of a webhook event, its previousProofHash kept.", &webhook).pass("verified"),
        verify_case("bundle_unsealed_pass", "A bundle without a seal still proves its item by the hashes; only the seal's fields go unchecked.", &unsealed).pass("verified"),
        verify_case("bundle_newer_minor_version_pass", "Format v1.1 with fields version 1 does not know: read, the unknown fields ignored.", &minor).pass("verified"),
        verify_case("bundle_delta_status_anchored_pass", "A delta status answer's bundle carrying recorded ledger answers whose transaction holds the root: anchored offline, with no network.", &status).pass("anchored"),
        verify_case("bundle_batch_anchored_pass", "A batch bundle carrying the recorded answers of two sources that agree the root is in their transaction: anchored offline.", &multi_anchored).pass("anchored"),
    ];
    let mut no_ledger = verify_case(
        "bundle_anchored_required_without_ledger_fail",
        "Verified, but the bundle carries no ledger answers, so anchored cannot be reached.",
        &emit,
    )
    .args(&["--require", "anchored"]);
    no_ledger.expected = Expected {
        exit: 1,
        level: Some("verified"),
        error: None,
        check: None,
        field: None,
        values: Vec::new(),
    };
    out.push(no_ledger);

    // A field changed after the bundle was written, the seal left as it was:
    // the seal names the field.
    let other_hash = hv(&stray("bundle"));
    let tampered: Vec<(&str, &str, &Value, &str, Value)> = vec![
        (
            "delta_amount",
            "The delta's amount",
            &emit,
            "/items/0/delta/delta",
            json!(4250),
        ),
        (
            "delta_reference",
            "A delta's referenceId",
            &multi,
            "/items/0/delta/referenceId",
            json!("inv_2026_0999"),
        ),
        (
            "delta_metadata",
            "A nested metadata value of the delta",
            &emit,
            "/items/0/delta/metadata/units",
            json!(30),
        ),
        (
            "item_hash",
            "An item hash",
            &multi,
            "/items/0/itemHash",
            other_hash.clone(),
        ),
        ("index", "An item's leaf index", &emit, "/items/0/index", json!(2)),
        (
            "receipt_id",
            "The receiptId",
            &emit,
            "/receipt/receiptId",
            other_hash.clone(),
        ),
        (
            "anchor_id",
            "The anchorId (no hash covers it)",
            &multi,
            "/receipt/anchorId",
            json!("anc_other"),
        ),
        (
            "received_at",
            "The receivedAt time (no hash covers it)",
            &emit,
            "/receipt/receivedAt",
            json!("2026-02-01T00:00:00.000Z"),
        ),
        (
            "status",
            "The receipt status (no hash covers it)",
            &emit,
            "/receipt/status",
            json!("ANCHORED"),
        ),
        (
            "previous_proof_hash",
            "The chain link previousProofHash (no hash covers it)",
            &webhook,
            "/receipt/previousProofHash",
            other_hash.clone(),
        ),
        (
            "source",
            "The receipt's source kind",
            &webhook,
            "/receipt/source",
            json!("emit"),
        ),
        ("root", "The root", &emit, "/root", other_hash.clone()),
        ("leaf_count", "The leaf count", &multi, "/leafCount", json!(4)),
        (
            "node_encoding",
            "The node encoding",
            &multi,
            "/nodeEncoding",
            json!("bytes"),
        ),
        (
            "amount_key",
            "The item mapping's amount key",
            &emit,
            "/itemMapping/amountKey",
            json!("amount"),
        ),
        (
            "path_hash",
            "A sibling hash of the path",
            &emit,
            "/inclusion/path/0/hash",
            other_hash.clone(),
        ),
        (
            "path_position",
            "A sibling's side in the path",
            &emit,
            "/inclusion/path/1/position",
            json!("left"),
        ),
        (
            "sibling",
            "A multi-proof sibling",
            &multi,
            "/inclusion/siblings/0",
            other_hash.clone(),
        ),
        (
            "listed_item_hash",
            "One of the batch's listed item hashes",
            &all_hashes,
            "/inclusion/itemHashes/1",
            other_hash.clone(),
        ),
        (
            "ledger_transaction",
            "The ledger transaction of the evidence",
            &status,
            "/ledger/transaction",
            json!(format!("0x{}", "ab".repeat(32))),
        ),
        (
            "ledger_url",
            "A recorded answer's URL",
            &status,
            "/ledger/answers/0/url",
            json!("https://elsewhere.example/api"),
        ),
        (
            "created_by",
            "The informational createdBy",
            &emit,
            "/createdBy",
            json!("another tool"),
        ),
    ];
    for (stem, what, base, pointer, value) in tampered {
        let field = pointer_to_field(pointer);
        out.push(named(
            verify_case(
                &format!("bundle_changed_{stem}_fail"),
                &format!("{what} was changed after the bundle was written: the seal names {field}."),
                &set(base, pointer, value),
            ),
            "sealed",
            "seal",
            &field,
        ));
    }
    out.push(named(
        verify_case(
            "bundle_changed_seal_root_fail",
            "The seal's root was changed: the seal's entries no longer hash to it.",
            &set(&emit, "/seal/root", other_hash.clone()),
        ),
        "sealed",
        "seal",
        "seal.root",
    ));

    // Changed and resealed: the edit detector is beaten, the hashes are not.
    let amount = emit["items"][0]["delta"]["delta"].as_f64().expect("amount");
    out.push(named(
        verify_case("bundle_resealed_delta_amount_fail", "The delta's amount changed and the seal recomputed: the delta no longer hashes to its item hash.", &reseal(set(&emit, "/items/0/delta/delta", json!(amount * 100.0)))),
        "deltaNotItemHash",
        "items[0]",
        "items[0].delta",
    ));
    let root = h(&emit["root"]);
    out.push(named(
        verify_case(
            "bundle_resealed_root_fail",
            "The root changed and the seal recomputed: the items reach another root.",
            &reseal(set(&emit, "/root", hv(&tweak(&root)))),
        ),
        "rootMismatch",
        "root",
        "root",
    ));
    let body = multi_anchored["ledger"]["answers"][0]["body"]
        .as_str()
        .expect("body");
    let word = h(&multi["root"]).to_string();
    let moved = body.replace(&word[2..], &tweak(&h(&multi["root"])).to_string()[2..]);
    assert_ne!(moved, body);
    let mut against = set(&multi_anchored, "/ledger/answers/0/body", json!(moved));
    against["ledger"]["answers"][0]["bodySha256"] =
        json!(pacspace_proof::ledger::sha256_hex(moved.as_bytes()));
    out.push(named(
        verify_case("bundle_resealed_ledger_root_absent_fail", "The mirror node's recorded answer no longer holds the root (digest and seal recomputed): the sources disagree, evidence against the anchor.", &reseal(against)).args(&["--require", "anchored"]),
        "notAnchored",
        "ledger anchor",
        "ledger",
    ));
    out.push(named(
        verify_case(
            "bundle_ledger_body_changed_fail",
            "A recorded answer's body changed, its SHA-256 left: the digest check names the answer.",
            &reseal(set(&multi_anchored, "/ledger/answers/1/body", json!("{}"))),
        ),
        "answerBody",
        "ledger answer",
        "ledger.answers[1]",
    ));

    // Bad input: no verdict at all.
    out.push(
        case(
            "bundle_newer_major_version_fail",
            "Format v2 is a newer major version: refused with a clear message.",
        )
        .file("bundle.json", repo_file("tests/data/bundles/future/v2.json"))
        .args(&["bundle", "verify", "bundle.json", "--json"])
        .bad_input(),
    );
    out.push(
        case(
            "bundle_receipt_not_bundle_fail",
            "An emit response is not a proof bundle: refused, saying what it is.",
        )
        .file("bundle.json", pretty(&super::sample_json("emit.json")))
        .args(&["bundle", "verify", "bundle.json", "--json"])
        .bad_input(),
    );
    out.push(
        case(
            "bundle_receipt_id_alone_fail",
            "A receiptId pasted alone is not JSON: refused.",
        )
        .file(
            "bundle.json",
            format!("{}\n", emit["receipt"]["receiptId"].as_str().expect("id")),
        )
        .args(&["bundle", "verify", "bundle.json", "--json"])
        .bad_input(),
    );
    out
}

/// `/items/0/delta/delta` → `items[0].delta.delta`.
fn pointer_to_field(pointer: &str) -> String {
    pointer
        .trim_start_matches('/')
        .split('/')
        .fold(String::new(), |path, part| match part.parse::<usize>() {
            Ok(i) => format!("{path}[{i}]"),
            Err(_) => push_key(&path, part),
        })
}
