//! Emit response (`POST /api/v1/balance/delta`): the genuine sample verifies;
//! each single tampering fails with its own reason.

mod receipts_support;

use pacspace_proof::item::AmountKey;
use pacspace_proof::receipt::wire::{EmitResponse, ReceiptId};
use pacspace_proof::receipt::{
    EncodingFinding, Failure, MappingFinding, Outcome, SubmittedDelta, verify_emit,
};
use pacspace_proof::{Hash32, ItemMapping, NodeEncoding, Report, Verdict, items_root, verify_receipt_json};
use receipts_support::{check, failed_names, failures, flip_hash, sample, sample_json, set};
use serde_json::{Value, json};

fn emit(v: &Value) -> EmitResponse {
    serde_json::from_value(v.clone()).expect("emit response")
}

fn delta(v: &Value) -> SubmittedDelta {
    SubmittedDelta::from_value(v, 0).expect("delta")
}

fn genuine() -> (Value, Value) {
    (sample_json("emit.json"), sample_json("emit-delta.json"))
}

fn run(resp: &Value, d: &Value, stored: Option<&Hash32>) -> Report {
    verify_emit(&emit(resp), &[delta(d)], stored)
}

fn root_of(resp: &Value) -> Hash32 {
    resp["data"]["itemsRoot"].as_str().unwrap().parse().unwrap()
}

#[test]
fn genuine_sample_verifies_with_encoding_and_mapping() {
    let (resp, d) = genuine();
    let root = root_of(&resp);
    let r = run(&resp, &d, Some(&root));
    assert_eq!(r.verdict(), Verdict::Verified, "{r}");
    assert_eq!(r.encoding, EncodingFinding::Detected(NodeEncoding::Hex0x));
    assert_eq!(r.node_encoding, NodeEncoding::Hex0x);
    assert_eq!(
        r.mappings,
        vec![MappingFinding {
            item: 0,
            mapping: Some(ItemMapping::default())
        }]
    );
    for name in [
        "customerId",
        "delta",
        "item hash of delta 0",
        "itemsRoot",
        "receiptId",
        "stored receipt",
    ] {
        assert!(matches!(check(&r, name), Outcome::Pass { .. }), "{name}: {r}");
    }
    // The one-call entry point reads the same files the same way.
    let again = verify_receipt_json(
        &sample("emit.json"),
        Some(&sample("emit-delta.json")),
        Some(&root),
    )
    .unwrap();
    assert_eq!(again, r);
}

#[test]
fn submitted_amount_tampered_fails_echo_and_item_hash() {
    let (resp, d) = genuine();
    let r = run(&resp, &set(&d, "/delta", json!(42.51)), None);
    let f = failures(&r);
    assert_eq!(failed_names(&r), ["delta", "item hash of delta 0"], "{r}");
    assert!(
        matches!(&f[0].1, Failure::FieldMismatch { field, expected, found }
        if field == "delta" && expected == "42.51" && found == "42.5")
    );
    assert!(matches!(
        f[1].1,
        Failure::ItemHashNotFound {
            item: 0,
            searched: 3,
            ..
        }
    ));
    assert_eq!(
        r.mappings,
        vec![MappingFinding {
            item: 0,
            mapping: None
        }]
    );
}

#[test]
fn echoed_amount_tampered_fails_only_the_echo() {
    let (resp, d) = genuine();
    let r = run(&set(&resp, "/data/delta", json!(425)), &d, None);
    assert_eq!(failed_names(&r), ["delta"], "{r}");
}

#[test]
fn reason_tampered_fails_item_hash_only() {
    let (resp, d) = genuine();
    let r = run(&resp, &set(&d, "/reason", json!("api_calls")), None);
    let f = failures(&r);
    assert_eq!(f.len(), 1, "{r}");
    assert_eq!(f[0].0, "item hash of delta 0");
    let expected = delta(&set(&d, "/reason", json!("api_calls")))
        .item_hash(ItemMapping::default())
        .unwrap();
    assert_eq!(
        f[0].1,
        Failure::ItemHashNotFound {
            item: 0,
            computed: expected,
            searched: 3
        }
    );
}

#[test]
fn another_item_hash_tampered_fails_both_root_claims() {
    let (resp, d) = genuine();
    let r = run(&flip_hash(&resp, "/data/itemHashes/0"), &d, None);
    assert_eq!(failed_names(&r), ["itemsRoot", "receiptId"], "{r}");
    let f = failures(&r);
    assert!(matches!(&f[0].1, Failure::RootMismatch { field, .. } if field == "itemsRoot"));
    assert!(matches!(&f[1].1, Failure::ReceiptIdMismatch { field, .. } if field == "receiptId"));
    assert_eq!(r.encoding, EncodingFinding::NoneReproduced);
}

#[test]
fn own_item_hash_tampered_also_loses_the_delta() {
    let (resp, d) = genuine();
    let r = run(&flip_hash(&resp, "/data/itemHashes/1"), &d, None);
    assert_eq!(
        failed_names(&r),
        ["item hash of delta 0", "itemsRoot", "receiptId"],
        "{r}"
    );
}

#[test]
fn items_root_tampered_fails_items_root_only() {
    let (resp, d) = genuine();
    let tampered = flip_hash(&resp, "/data/itemsRoot");
    let r = run(&tampered, &d, Some(&root_of(&resp)));
    let f = failures(&r);
    assert_eq!(f.len(), 1, "{r}");
    assert_eq!(
        f[0].1,
        Failure::RootMismatch {
            field: "itemsRoot".into(),
            claimed: root_of(&tampered),
            computed: root_of(&resp)
        }
    );
    // The genuine receiptId still decided the encoding.
    assert_eq!(r.encoding, EncodingFinding::Detected(NodeEncoding::Hex0x));
}

#[test]
fn receipt_id_tampered_fails_receipt_id_only() {
    let (resp, d) = genuine();
    let tampered = flip_hash(&resp, "/data/receiptId");
    let r = run(&tampered, &d, None);
    let f = failures(&r);
    assert_eq!(f.len(), 1, "{r}");
    let found = ReceiptId::parse(tampered["data"]["receiptId"].as_str().unwrap());
    assert_eq!(
        f[0].1,
        Failure::ReceiptIdMismatch {
            field: "receiptId".into(),
            expected: root_of(&resp),
            found
        }
    );
}

#[test]
fn stored_receipt_differs() {
    let (resp, d) = genuine();
    let other = Hash32::from_bytes([7; 32]);
    let r = run(&resp, &d, Some(&other));
    let f = failures(&r);
    assert_eq!(f.len(), 1, "{r}");
    assert!(
        matches!(&f[0].1, Failure::ReceiptIdMismatch { field, expected, .. }
        if field == "stored receipt" && *expected == other)
    );
}

#[test]
fn opaque_receipt_id_is_not_checkable_not_a_mismatch() {
    let (resp, d) = genuine();
    let r = run(&set(&resp, "/data/receiptId", json!("rcpt_8f2a11")), &d, None);
    assert_eq!(r.verdict(), Verdict::Verified, "{r}");
    match check(&r, "receiptId") {
        Outcome::NotCheckable { why } => {
            assert!(why.contains("rcpt_8f2a11") && why.contains("opaque"), "{why}")
        }
        other => panic!("expected not checkable, got {other:?}"),
    }
}

#[test]
fn failed_status_is_reported() {
    let (resp, d) = genuine();
    let r = run(&set(&resp, "/data/status", json!("FAILED")), &d, None);
    assert!(matches!(&failures(&r)[0].1, Failure::StatusFailed { .. }), "{r}");
}

#[test]
fn every_mapping_is_detected_and_named() {
    let d = json!({"customerId": "c", "delta": 3, "reason": "r"});
    let sd = delta(&d);
    for m in ItemMapping::ALL {
        let other = Hash32::from_bytes([9; 32]);
        let leaves = [other, sd.item_hash(m).unwrap()];
        let root = items_root(&leaves, NodeEncoding::Hex0x);
        let resp = json!({"success": true, "data": {"customerId": "c", "delta": 3, "status": "QUEUED",
            "receiptId": root, "itemsRoot": root, "itemHashes": leaves}});
        let r = run(&resp, &d, None);
        assert_eq!(r.verdict(), Verdict::Verified, "{m}: {r}");
        assert_eq!(
            r.mappings,
            vec![MappingFinding {
                item: 0,
                mapping: Some(m)
            }]
        );
        assert!(r.to_string().contains(&m.to_string()));
    }
    // A mapping the library does not know reproduces nothing.
    let mut canonical = sd.as_item();
    canonical.amount = 3.5;
    let alien = canonical
        .item_hash(ItemMapping {
            amount_key: AmountKey::Amount,
            ..Default::default()
        })
        .unwrap();
    let resp = json!({"success": true, "data": {"customerId": "c", "delta": 3, "status": "QUEUED",
        "receiptId": alien, "itemsRoot": alien, "itemHashes": [alien]}});
    let r = run(&resp, &d, None);
    assert_eq!(
        r.mappings,
        vec![MappingFinding {
            item: 0,
            mapping: None
        }]
    );
    assert!(r.to_string().contains("none reproduced the hash"), "{r}");
}

#[test]
fn every_node_encoding_is_detected_or_none() {
    let leaves = [
        Hash32::from_bytes([1; 32]),
        Hash32::from_bytes([2; 32]),
        Hash32::from_bytes([3; 32]),
    ];
    for e in NodeEncoding::ALL {
        let root = items_root(&leaves, e);
        let resp = json!({"success": true, "data": {"customerId": "c", "delta": 1, "status": "QUEUED",
            "receiptId": root, "itemsRoot": root, "itemHashes": leaves}});
        let r = verify_emit(&emit(&resp), &[], None);
        assert_eq!(r.encoding, EncodingFinding::Detected(e), "{r}");
        assert_eq!(r.node_encoding, e);
        assert!(
            r.to_string().contains(&format!("node encoding: {}", e.name())),
            "{r}"
        );
    }
    let bogus = Hash32::from_bytes([4; 32]);
    let resp = json!({"success": true, "data": {"customerId": "c", "delta": 1, "status": "QUEUED",
        "receiptId": bogus, "itemsRoot": bogus, "itemHashes": leaves}});
    let r = verify_emit(&emit(&resp), &[], None);
    assert_eq!(r.encoding, EncodingFinding::NoneReproduced);
    assert!(
        r.to_string()
            .contains("none of hex0x, hex, bytes reproduced the root"),
        "{r}"
    );
    // One leaf: the root is the leaf under any encoding.
    let one = [leaves[0]];
    let resp = json!({"success": true, "data": {"customerId": "c", "delta": 1, "status": "QUEUED",
        "receiptId": one[0], "itemsRoot": one[0], "itemHashes": one}});
    let r = verify_emit(&emit(&resp), &[], None);
    assert_eq!(r.encoding, EncodingFinding::Undecidable { leaves: 1 });
    assert_eq!(r.verdict(), Verdict::Verified, "{r}");
}

#[test]
fn empty_item_hashes_fail() {
    let resp = json!({"success": true, "data": {"customerId": "c", "delta": 1, "status": "QUEUED",
        "receiptId": Hash32::ZERO, "itemsRoot": Hash32::ZERO, "itemHashes": []}});
    let r = verify_emit(&emit(&resp), &[], None);
    assert_eq!(failures(&r)[0].1, Failure::EmptyItemHashes);
}

#[test]
fn malformed_checked_fields_are_bad_input() {
    let (resp, _) = genuine();
    let bad = set(&resp, "/data/itemHashes/0", json!("0x12"));
    assert!(verify_receipt_json(&bad.to_string(), None, None).is_err());
    let missing = {
        let mut v = resp.clone();
        v["data"].as_object_mut().unwrap().remove("itemsRoot");
        v
    };
    assert!(verify_receipt_json(&missing.to_string(), None, None).is_err());
    // Unknown fields are kept, not refused.
    let mut extra = resp.clone();
    extra["data"]["futureField"] = json!({"nested": [1, 2]});
    let parsed: EmitResponse = serde_json::from_value(extra).unwrap();
    assert_eq!(parsed.data.extra["futureField"], json!({"nested": [1, 2]}));
}
