//! The bundled receipt samples under `examples/receipts/`, built with this
//! library so that every hash, root, link and signature in them is genuine.
//!
//! Shared by `cargo run --example make_samples` (writes the files) and
//! `tests/receipts_samples.rs` (regenerates them in memory and requires the
//! files on disk to be byte-identical).

use pacspace_proof::receipt::SubmittedDelta;
use pacspace_proof::signature::sign_webhook;
use pacspace_proof::{Hash32, ItemMapping, NodeEncoding, items_root};
use serde_json::{Value, json};

/// The demo webhook secret the sample webhook is signed with (documented in
/// the README; not a real secret).
pub const DEMO_SECRET: &str = "whsec_pacspace_demo_not_a_real_secret";
/// The sample webhook's `X-PacSpace-Timestamp` (2026-01-01T00:00:00Z).
pub const DEMO_TIMESTAMP: &str = "1767225600";
/// Directory of the samples, relative to the crate root.
pub const DIR: &str = "examples/receipts";

/// One sample file: its name under [`DIR`] and its exact bytes.
pub struct Sample {
    /// File name.
    pub name: &'static str,
    /// Exact content.
    pub bytes: Vec<u8>,
}

fn hash(delta: &Value) -> Hash32 {
    SubmittedDelta::from_value(delta, 0)
        .and_then(|d| {
            d.item_hash(ItemMapping::default())
                .map_err(|_| pacspace_proof::receipt::DeltaInputError::NotObject { index: 0 })
        })
        .unwrap_or_else(|e| panic!("sample delta {delta}: {e}"))
}

fn root(deltas: &[&Value]) -> (Vec<Hash32>, Hash32) {
    let leaves: Vec<Hash32> = deltas.iter().map(|d| hash(d)).collect();
    let root = items_root(&leaves, NodeEncoding::Hex0x);
    (leaves, root)
}

fn pretty(v: &Value) -> Vec<u8> {
    let mut text = serde_json::to_string_pretty(v).unwrap_or_else(|e| panic!("{e}"));
    text.push('\n');
    text.into_bytes()
}

fn compact(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_else(|e| panic!("{e}"))
}

/// A `delta.verified` event (documented envelope) for `delta`, item
/// `index` of the anchor whose items are `anchor`.
fn verified_event(
    n: u32,
    delta: &Value,
    index: usize,
    anchor: &[&Value],
    previous: Option<Hash32>,
    verified_at: &str,
) -> Value {
    let (leaves, root) = root(anchor);
    let echo = json!({
        "customerId": delta["customerId"],
        "amount": delta["delta"],
        "reason": delta["reason"],
        "referenceId": delta.get("referenceId").cloned().unwrap_or(Value::Null),
        "metadata": delta.get("metadata").cloned().unwrap_or(Value::Null),
        "submittedAt": "2026-01-01T00:00:00.000Z",
    });
    json!({
        "event": "delta.verified",
        "timestamp": verified_at,
        "data": {
            "receiptId": root,
            "deltaIndex": index,
            "status": "VERIFIED",
            "verifiedAt": verified_at,
            "verificationId": format!("ver_demo_{n:04}"),
            "delta": echo,
            "proof": {
                "proofHash": root,
                "contentHash": leaves[index],
                "itemHashes": leaves,
                "previousProofHash": previous,
            },
            "verification": {
                "verificationReference": format!("demo-ledger-ref-{n:04}"),
            },
            "period": {"start": "2026-01-01", "end": "2026-01-31"},
            "usage": {"verifiedDeltas": n, "includedDeltas": 10000},
        },
    })
}

/// Every sample file, in a fixed order.
pub fn samples() -> Vec<Sample> {
    // The tenant's first anchor: a batch of four deltas, one refused.
    let batch_deltas = json!([
        {"customerId": "cust_1001", "delta": 100, "reason": "top_up", "referenceId": "inv_2026_0001"},
        {"customerId": "cust_2002", "delta": -20.5, "reason": "refund — café ☕"},
        {"customerId": "", "delta": 5, "reason": "api_call"},
        {"customerId": "cust_3003", "delta": 7.25, "reason": "api_call",
         "metadata": {"region": "eu-west-1", "plan": "growth"}},
    ]);
    let bd: Vec<&Value> = batch_deltas
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let anchored = [bd[0], bd[1], bd[3]];
    let (batch_leaves, batch_root) = root(&anchored);
    let mut results = Vec::new();
    let mut leaf = batch_leaves.iter();
    for (i, d) in bd.iter().enumerate() {
        if i == 2 {
            results.push(json!({
                "index": i, "customerId": d["customerId"], "delta": d["delta"],
                "status": "FAILED", "error": "customerId is required",
            }));
        } else {
            results.push(json!({
                "index": i, "customerId": d["customerId"], "delta": d["delta"],
                "anchorId": "anc_demo_0001", "itemHash": leaf.next(),
                "receiptId": batch_root, "status": "QUEUED",
            }));
        }
    }
    let batch = json!({
        "success": true,
        "data": {
            "totalQueued": 3,
            "totalFailed": 1,
            "results": results,
            "_efficiency": {"deltasPerAnchor": 3, "anchorsSaved": 2},
        },
    });

    // The second anchor: the emitted delta shares it with two others.
    let emit_delta = json!({
        "customerId": "cust_42",
        "delta": 42.5,
        "reason": "api_call",
        "referenceId": "req_7f3a9c",
        "metadata": {"endpoint": "/v1/search", "units": 3},
    });
    let other_a = json!({"customerId": "cust_1001", "delta": -12, "reason": "usage"});
    let other_b =
        json!({"customerId": "cust_2002", "delta": 0.1, "reason": "bonus", "referenceId": "promo_jan"});
    let emit_anchor = [&other_a, &emit_delta, &other_b];
    let (emit_leaves, emit_root) = root(&emit_anchor);
    let emit = json!({
        "success": true,
        "data": {
            "anchorId": "anc_demo_0002",
            "recordId": "rec_demo_0002",
            "customerId": emit_delta["customerId"],
            "delta": emit_delta["delta"],
            "status": "QUEUED",
            "receiptId": emit_root,
            "itemsRoot": emit_root,
            "itemHashes": emit_leaves,
            "estimatedVerifiedDeltas": 3,
            "receivedAt": "2026-01-01T00:00:00.000Z",
            "message": "Delta queued for verification",
        },
    });

    // The third anchor.
    let third_a = json!({"customerId": "cust_3003", "delta": -1.5e-7, "reason": "rounding"});
    let third_b = json!({"customerId": "cust_42", "delta": 1e21, "reason": "stress \"quoted\"\n"});
    let third = [&third_a, &third_b];
    let (_, third_root) = root(&third);

    // The chain of delta.verified events: one per anchor, linked.
    let ev1 = verified_event(1, bd[0], 0, &anchored, None, "2026-01-01T00:01:00.000Z");
    let ev2 = verified_event(
        2,
        &emit_delta,
        1,
        &emit_anchor,
        Some(batch_root),
        "2026-01-01T00:02:00.000Z",
    );
    let ev3 = verified_event(
        3,
        &third_a,
        0,
        &third,
        Some(emit_root),
        "2026-01-01T00:03:00.000Z",
    );
    debug_assert_ne!(third_root, emit_root);
    let chain = format!("{}\n{}\n{}\n", compact(&ev1), compact(&ev2), compact(&ev3));

    // The webhook delivery of the emitted delta's verification: exact body bytes and its headers.
    let body = compact(&ev2);
    let mut buf = [0u8; 67];
    let signature = sign_webhook(DEMO_SECRET.as_bytes(), DEMO_TIMESTAMP, body.as_bytes(), &mut buf);
    let headers = format!("X-PacSpace-Signature: {signature}\nX-PacSpace-Timestamp: {DEMO_TIMESTAMP}\n");

    // The public verify endpoint's answer for the first anchor.
    let records: Vec<Value> = anchored
        .iter()
        .map(|d| {
            json!({
                "amount": d["delta"],
                "reason": d["reason"],
                "referenceId": d.get("referenceId").cloned().unwrap_or(Value::Null),
                "status": "ANCHORED",
                "time": "2026-01-01T00:01:00.000Z",
            })
        })
        .collect();
    let verify_deltas = Value::Array(anchored.iter().map(|d| (*d).clone()).collect());
    let answer = json!({
        "success": true,
        "data": {
            "verified": true,
            "proofRoot": batch_root,
            "recordedAt": "2026-01-01T00:01:00.000Z",
            "summary": {"recordCount": 3, "netChange": 86.75},
            "records": records,
            "verification": {
                "verificationReference": "demo-ledger-ref-0001",
                "verificationExplorerUrl": "https://explorer.example/tx/demo-ledger-ref-0001",
            },
        },
    });

    vec![
        Sample {
            name: "emit.json",
            bytes: pretty(&emit),
        },
        Sample {
            name: "emit-delta.json",
            bytes: pretty(&emit_delta),
        },
        Sample {
            name: "batch.json",
            bytes: pretty(&batch),
        },
        Sample {
            name: "batch-deltas.json",
            bytes: pretty(&batch_deltas),
        },
        Sample {
            name: "webhook.json",
            bytes: body.into_bytes(),
        },
        Sample {
            name: "webhook.headers",
            bytes: headers.into_bytes(),
        },
        Sample {
            name: "chain.jsonl",
            bytes: chain.into_bytes(),
        },
        Sample {
            name: "verify-answer.json",
            bytes: pretty(&answer),
        },
        Sample {
            name: "verify-answer-deltas.json",
            bytes: pretty(&verify_deltas),
        },
    ]
}
