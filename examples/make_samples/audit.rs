//! Export builders for the audit (submitted deltas, receipts of every kind,
//! balance answers) and the bundled sample export under `examples/audit/`:
//! one submitted delta of each class, a duplicate, items of other tenants,
//! and balance answers that the decimal sum, the double sum, both or
//! neither reproduce.
//!
//! Shared by `cargo run --example make_samples` (writes the files), the
//! audit tests (`#[path]`-included) and the audit benchmark generator.

use pacspace_proof::receipt::SubmittedDelta;
use pacspace_proof::{Hash32, ItemMapping, NodeEncoding, items_root};
use serde_json::{Value, json};

/// Directory of the audit samples, relative to the crate root.
pub const AUDIT_DIR: &str = "examples/audit";

/// One file of the audit sample.
pub struct AuditFile {
    /// File name under [`AUDIT_DIR`].
    pub name: &'static str,
    /// Exact content.
    pub bytes: Vec<u8>,
}

/// A submitted delta.
pub fn delta(
    customer: &str,
    amount: Value,
    reason: &str,
    reference: Option<&str>,
    metadata: Option<Value>,
) -> Value {
    let mut d = json!({"customerId": customer, "delta": amount, "reason": reason});
    if let Some(r) = reference {
        d["referenceId"] = json!(r);
    }
    if let Some(m) = metadata {
        d["metadata"] = m;
    }
    d
}

/// The item hash of a delta (default mapping).
pub fn hash(d: &Value) -> Hash32 {
    SubmittedDelta::from_value(d, 0)
        .ok()
        .and_then(|s| s.item_hash(ItemMapping::default()).ok())
        .unwrap_or_else(|| panic!("not a hashable delta: {d}"))
}

/// An item of another tenant.
pub fn foreign(n: u64) -> Hash32 {
    pacspace_proof::keccak256(format!("another tenant's item {n}").as_bytes())
}

/// The root of item hashes (hex0x).
pub fn root(leaves: &[Hash32]) -> Hash32 {
    items_root(leaves, NodeEncoding::Hex0x)
}

/// A `delta.verified` event in the documented shape for item `content` of
/// the batch `leaves`, echoing `echo`.
pub fn verified(
    echo: &Value,
    content: Hash32,
    leaves: &[Hash32],
    seq: u64,
    previous: Option<Hash32>,
    time: &str,
) -> Value {
    let r = root(leaves);
    json!({
        "event": "delta.verified",
        "timestamp": time,
        "data": {
            "receiptId": r,
            "deltaIndex": seq,
            "status": "VERIFIED",
            "verifiedAt": time,
            "verificationId": format!("ver_{seq}"),
            "delta": {
                "customerId": echo["customerId"],
                "amount": echo["delta"],
                "reason": echo["reason"],
                "referenceId": echo.get("referenceId").cloned().unwrap_or(Value::Null),
                "metadata": echo.get("metadata").cloned().unwrap_or(Value::Null),
                "submittedAt": "2026-01-01T00:00:00.000Z",
            },
            "proof": {"proofHash": r, "contentHash": content, "itemHashes": leaves, "previousProofHash": previous},
        },
    })
}

/// A `delta.verified` event in the SDK's shape (no proof).
pub fn verified_sdk(d: &Value, receipt: Hash32, seq: u64, tenant: &str) -> Value {
    json!({
        "id": format!("evt_{seq}"),
        "event": "delta.verified",
        "tenantId": tenant,
        "createdAt": "2026-01-01T00:05:00.000Z",
        "data": {
            "recordId": format!("rec_{seq}"),
            "receiptId": receipt,
            "verificationReference": format!("ledger-ref-{seq}"),
            "customerId": d["customerId"],
            "delta": d["delta"],
            "sequenceNumber": seq.to_string(),
            "referenceId": d.get("referenceId").cloned().unwrap_or(Value::Null),
            "blockTimestamp": 1767225900,
        },
    })
}

/// An emit response for `d`, whose anchor holds `leaves`.
pub fn emit(d: &Value, leaves: &[Hash32], status: &str, anchor: &str) -> Value {
    let r = root(leaves);
    json!({"success": true, "data": {
        "anchorId": anchor, "customerId": d["customerId"], "delta": d["delta"], "status": status,
        "receiptId": r, "itemsRoot": r, "itemHashes": leaves, "receivedAt": "2026-01-01T00:00:00.000Z",
    }})
}

/// A batch response for `sent`: `recorded[i]` is the delta the service
/// recorded for entry `i` (None: FAILED with `error`).
pub fn batch(sent: &[&Value], recorded: &[Option<&Value>], error: &str, anchor: &str) -> Value {
    let leaves: Vec<Hash32> = recorded.iter().flatten().map(|d| hash(d)).collect();
    let r = root(&leaves);
    let results: Vec<Value> = sent
        .iter()
        .zip(recorded)
        .enumerate()
        .map(|(i, (s, rec))| match rec {
            Some(d) => json!({"index": i, "customerId": d["customerId"], "delta": d["delta"],
                "referenceId": d.get("referenceId").cloned().unwrap_or(Value::Null),
                "anchorId": format!("{anchor}_{i}"), "itemHash": hash(d), "receiptId": r, "status": "QUEUED"}),
            None => json!({"index": i, "customerId": s["customerId"], "delta": s["delta"], "status": "FAILED", "error": error}),
        })
        .collect();
    let failed = recorded.iter().filter(|r| r.is_none()).count();
    json!({"success": true, "data": {"totalQueued": sent.len() - failed, "totalFailed": failed, "results": results}})
}

/// A delta status answer for a receipt.
pub fn status(receipt: Hash32, status: &str, extra: Value) -> Value {
    let mut data = json!({"status": status, "receiptId": receipt, "txHash": "0x01"});
    if let (Some(d), Value::Object(more)) = (data.as_object_mut(), extra) {
        d.extend(more);
    }
    json!({"success": true, "data": data})
}

/// A public verify answer for a root.
pub fn verify_answer(root: Hash32) -> Value {
    json!({"success": true, "data": {"verified": true, "proofRoot": root, "recordedAt": "2026-01-01T00:01:00.000Z"}})
}

/// Values as JSON lines.
pub fn jsonl(values: &[Value]) -> String {
    values.iter().map(|v| format!("{v}\n")).collect()
}

/// The deltas as CSV (`customerId,delta,reason,referenceId,metadata`).
pub fn csv(deltas: &[Value]) -> String {
    let quote = |s: &str| {
        if s.contains([',', '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = String::from("customerId,delta,reason,referenceId,metadata\n");
    for d in deltas {
        let text = |k: &str| d.get(k).and_then(Value::as_str).map(quote).unwrap_or_default();
        let meta = d
            .get("metadata")
            .map(|m| quote(&m.to_string()))
            .unwrap_or_default();
        out.push_str(&format!(
            "{},{},{},{},{}\n",
            text("customerId"),
            d["delta"],
            text("reason"),
            text("referenceId"),
            meta
        ));
    }
    out
}

/// The sample export: `(deltas, receipts, answers)`.
pub fn sample_export() -> (Vec<Value>, Vec<Value>, Vec<Value>) {
    let d1 = delta("cust_acme", json!(100), "top_up", Some("inv_001"), None);
    let d2 = delta(
        "cust_acme",
        json!(-12.5),
        "api_call",
        Some("req_002"),
        Some(json!({"endpoint": "/v1/search", "units": 3})),
    );
    let d3 = delta("cust_bolt", json!(0.1), "bonus", Some("promo_003"), None);
    let d4 = delta("cust_bolt", json!(0.2), "bonus", Some("promo_004"), None);
    let d5 = delta("cust_core", json!(7.25), "api_call", Some("req_005"), None);
    let d6 = delta("cust_core", json!(3), "refund", Some("ref_006"), None);
    let d7 = delta("cust_acme", json!(1.5), "api_call", Some("req_007"), None);
    let d8 = delta("cust_bolt", json!(2), "api_call", Some("req_008"), None);
    let deltas = vec![
        d1.clone(),
        d2.clone(),
        d3.clone(),
        d4.clone(),
        d5.clone(),
        d6.clone(),
        d7.clone(),
        d8,
        d1.clone(),
    ];
    // What the service recorded for d5: another amount.
    let d5_recorded = delta("cust_core", json!(7.5), "api_call", Some("req_005"), None);
    let batch_a = [hash(&d1), hash(&d2), hash(&d3), foreign(1)];
    let batch_b = [hash(&d4), hash(&d5_recorded)];
    let batch_c = [hash(&d5_recorded), foreign(2)];
    let anchor_e = [hash(&d7), foreign(3)];
    let (ra, rb, rc) = (root(&batch_a), root(&batch_b), root(&batch_c));
    let receipts = vec![
        verified(&d1, batch_a[0], &batch_a, 0, None, "2026-01-01T00:01:00.000Z"),
        verified(&d2, batch_a[1], &batch_a, 1, Some(ra), "2026-01-01T00:01:00.000Z"),
        verified(&d3, batch_a[2], &batch_a, 2, Some(ra), "2026-01-01T00:01:00.000Z"),
        batch(
            &[&d4, &d5, &d6],
            &[Some(&d4), Some(&d5_recorded), None],
            "insufficient balance",
            "anc_b",
        ),
        status(rb, "ANCHORED", json!({"anchorId": "anc_b_0", "deltaCount": 2})),
        verified(
            &d5_recorded,
            batch_c[0],
            &batch_c,
            3,
            Some(ra),
            "2026-01-01T00:04:00.000Z",
        ),
        emit(&d7, &anchor_e, "QUEUED", "anc_e"),
        verify_answer(ra),
    ];
    // Checkpoint of cust_acme: the root of its verified deltas in submission order.
    let acme_root = root(&[hash(&d1), hash(&d2), hash(&d1)]);
    let answers = vec![
        json!({"success": true, "data": {"customerId": "cust_acme", "computedBalance": 187.5, "deltasCount": 3, "latestReceiptId": ra}}),
        json!({"customerId": "cust_bolt", "computedBalance": 0.30000000000000004, "deltasCount": 2}),
        json!({"customerId": "cust_bolt", "generatedAt": "2026-02-01T00:00:00.000Z", "deltasCount": 2, "startingBalance": 0,
               "finalBalance": 0.3, "proofRoot": rb,
               "windowSummaries": [{"period": "2026-01", "totalCredits": 0.3, "totalDebits": 0, "netChange": 0.3, "deltasCount": 2}]}),
        json!({"customerId": "cust_core", "computedBalance": 10.5, "deltasCount": 2}),
        json!({"verified": true, "proofRoot": ra, "summary": {"recordCount": 4, "netChange": 87.6}}),
        json!({"checkpointId": "chk_acme_2026_01", "customerId": "cust_acme", "proofRoot": acme_root, "status": "VERIFIED"}),
    ];
    debug_assert_ne!(rc, rb);
    (deltas, receipts, answers)
}

/// The files of the audit sample, in a fixed order.
pub fn audit_files() -> Vec<AuditFile> {
    let (deltas, receipts, answers) = sample_export();
    vec![
        AuditFile {
            name: "deltas.jsonl",
            bytes: jsonl(&deltas).into_bytes(),
        },
        AuditFile {
            name: "deltas.csv",
            bytes: csv(&deltas).into_bytes(),
        },
        AuditFile {
            name: "receipts.jsonl",
            bytes: jsonl(&receipts).into_bytes(),
        },
        AuditFile {
            name: "answers.jsonl",
            bytes: jsonl(&answers).into_bytes(),
        },
    ]
}
