//! Property tests: receipts built from random delta sets always verify (and
//! name the default mapping and, for n ≥ 2, the encoding used); a single
//! altered leaf never verifies; any single-byte change of a signed body
//! fails the signature with a mismatch.

use pacspace_proof::receipt::wire::{BatchResponse, EmitResponse};
use pacspace_proof::receipt::{EncodingFinding, Failure, SubmittedDelta, verify_batch, verify_emit};
use pacspace_proof::signature::{SignatureError, sign_webhook, verify_webhook_signature};
use pacspace_proof::{ItemMapping, NodeEncoding, Verdict, items_root};
use proptest::prelude::*;
use serde_json::{Value, json};

fn delta_strategy() -> impl Strategy<Value = Value> {
    (
        "[a-z0-9_.-]{1,16}",
        prop_oneof![
            (-1_000_000i64..1_000_000).prop_map(|i| json!(i)),
            (-1e9f64..1e9).prop_map(|f| json!(f)),
            prop::num::f64::NORMAL.prop_map(|f| json!(f)),
        ],
        "\\PC{0,24}",
        prop::option::of("[A-Za-z0-9_]{1,12}"),
        prop::option::of(prop::collection::btree_map("[a-zA-Z]{1,6}", 0u32..1000, 0..4)),
    )
        .prop_map(|(c, amount, reason, reference, metadata)| {
            let mut d = json!({"customerId": c, "delta": amount, "reason": reason});
            if let Some(r) = reference {
                d["referenceId"] = json!(r);
            }
            if let Some(m) = metadata {
                d["metadata"] = json!(m);
            }
            d
        })
}

fn encoding_strategy() -> impl Strategy<Value = NodeEncoding> {
    prop::sample::select(NodeEncoding::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn generated_batch_always_verifies(ds in prop::collection::vec(delta_strategy(), 1..24), enc in encoding_strategy()) {
        let submitted = SubmittedDelta::list_from_value(&json!(ds)).unwrap();
        let leaves: Vec<_> = submitted.iter().map(|d| d.item_hash(ItemMapping::default()).unwrap()).collect();
        let root = items_root(&leaves, enc);
        let results: Vec<Value> = ds.iter().zip(&leaves).enumerate().map(|(i, (d, h))| json!({
            "index": i, "customerId": d["customerId"], "delta": d["delta"], "itemHash": h,
            "receiptId": root, "status": "QUEUED"})).collect();
        let resp: BatchResponse = serde_json::from_value(json!({"success": true, "data": {
            "totalQueued": ds.len(), "totalFailed": 0, "results": results}})).unwrap();
        let r = verify_batch(&resp, &submitted, Some(&root));
        prop_assert_eq!(r.verdict(), Verdict::Verified, "{}", r);
        prop_assert!(r.mappings.iter().all(|m| m.mapping == Some(ItemMapping::default())));
        if ds.len() >= 2 {
            prop_assert_eq!(r.encoding, EncodingFinding::Detected(enc));
        } else {
            prop_assert_eq!(r.encoding, EncodingFinding::Undecidable { leaves: 1 });
        }
    }

    #[test]
    fn generated_emit_verifies_and_any_altered_leaf_fails(
        ds in prop::collection::vec(delta_strategy(), 1..12),
        pick in any::<prop::sample::Index>(),
        alter in any::<prop::sample::Index>(),
        bit in 0u8..8,
        enc in encoding_strategy(),
    ) {
        let submitted = SubmittedDelta::list_from_value(&json!(ds)).unwrap();
        let leaves: Vec<_> = submitted.iter().map(|d| d.item_hash(ItemMapping::default()).unwrap()).collect();
        let root = items_root(&leaves, enc);
        let k = pick.index(ds.len());
        let build = |leaves: &[pacspace_proof::Hash32]| -> EmitResponse {
            serde_json::from_value(json!({"success": true, "data": {
                "customerId": ds[k]["customerId"], "delta": ds[k]["delta"], "status": "QUEUED",
                "receiptId": root, "itemsRoot": root, "itemHashes": leaves}})).unwrap()
        };
        let ours = std::slice::from_ref(&submitted[k]);
        let r = verify_emit(&build(&leaves), ours, Some(&root));
        prop_assert_eq!(r.verdict(), Verdict::Verified, "{}", r);

        let mut bad = leaves.clone();
        let j = alter.index(bad.len());
        let mut bytes = *bad[j].as_bytes();
        bytes[(j * 7) % 32] ^= 1 << bit;
        bad[j] = pacspace_proof::Hash32::from_bytes(bytes);
        let r = verify_emit(&build(&bad), ours, Some(&root));
        prop_assert_eq!(r.verdict(), Verdict::NotVerified, "{}", r);
        let root_failed = r.failures().any(|f| matches!(f, Failure::RootMismatch { field, .. } if field == "itemsRoot"));
        prop_assert!(root_failed, "{}", r);
    }

    #[test]
    fn any_single_byte_change_of_a_signed_body_fails(
        body in prop::collection::vec(any::<u8>(), 1..300),
        at in any::<prop::sample::Index>(),
        delta in 1u8..=255,
        ts in 1_000_000_000i64..2_000_000_000,
    ) {
        let t = ts.to_string();
        let mut buf = [0u8; 67];
        let sig = sign_webhook(b"whsec_prop", &t, &body, &mut buf).to_string();
        prop_assert!(verify_webhook_signature(b"whsec_prop", &sig, &t, &body, ts, 300).is_ok());
        let mut changed = body.clone();
        let i = at.index(changed.len());
        changed[i] = changed[i].wrapping_add(delta);
        prop_assert_eq!(
            verify_webhook_signature(b"whsec_prop", &sig, &t, &changed, ts, 300),
            Err(SignatureError::Mismatch { tried: 1 })
        );
    }
}

fn sample_bytes(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/receipts")
            .join(name),
    )
    .expect("sample")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Hostile input never panics: any byte string, and any single-byte
    /// mutation of every sample, gives a report or a typed error.
    #[test]
    fn mutated_samples_and_garbage_never_panic(
        which in 0usize..6,
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
        garbage in prop::collection::vec(any::<u8>(), 0..200),
    ) {
        let names = ["emit.json", "batch.json", "webhook.json", "verify-answer.json", "chain.jsonl", "emit-delta.json"];
        let mut bytes = sample_bytes(names[which]);
        let i = at.index(bytes.len());
        bytes[i] = byte;
        for input in [&bytes, &garbage] {
            let text = String::from_utf8_lossy(input);
            let _ = pacspace_proof::verify_receipt_json(&text, Some(&text), None);
            let _ = pacspace_proof::chain::verify_chain_jsonl(&input[..], 1 << 20, |_| {});
            let h = pacspace_proof::receipt::DeliveryHeaders {
                secret: b"s", signature: &text, timestamp: &text, now_unix_secs: 0, tolerance_secs: 300,
            };
            let _ = pacspace_proof::receipt::verify_webhook_delivery(input, &h, None, None);
        }
    }
}
