//! Every class of the audit, reached through each documented signal: exact
//! counts and each delta's class, first match wins.

mod audit_support;

use audit_support::*;
use pacspace_proof::Hash32;
use pacspace_proof::audit::DeltaClass::{self, *};
use pacspace_proof::audit::Severity;
use serde_json::{Value, json};

const T: &str = "2026-01-01T00:01:00.000Z";

fn d(n: u32, amount: Value) -> Value {
    delta(
        &format!("cust_{}", n % 3),
        amount,
        "api_call",
        Some(&format!("ref_{n}")),
        None,
    )
}

/// A delta.verified webhook for each of `deltas`, all in one batch.
fn webhooks(deltas: &[&Value], first_seq: u64) -> Vec<Value> {
    let leaves: Vec<Hash32> = deltas.iter().map(|d| hash(d)).collect();
    deltas
        .iter()
        .enumerate()
        .map(|(k, x)| {
            let previous = (k > 0).then(|| root(&leaves));
            verified(x, leaves[k], &leaves, first_seq + k as u64, previous, T)
        })
        .collect()
}

/// `v` with `key` set to `new` in the object at `pointer`.
fn with_key(v: &Value, pointer: &str, key: &str, new: Value) -> Value {
    let mut v = v.clone();
    v.pointer_mut(pointer)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("no {pointer}"))
        .insert(key.into(), new);
    v
}

fn with(v: &Value, pointer: &str, new: Value) -> Value {
    let mut v = v.clone();
    *v.pointer_mut(pointer).unwrap_or_else(|| panic!("no {pointer}")) = new;
    v
}

#[test]
fn altered_through_amount_reason_metadata_or_content_hash() {
    let sent = [
        d(0, json!(5)),
        d(1, json!(5)),
        delta(
            "cust_1",
            json!(5),
            "api_call",
            Some("ref_meta"),
            Some(json!({"plan": "a"})),
        ),
        d(3, json!(5)),
        d(4, json!(9)),
    ];
    // What the service says it recorded for each.
    let recorded = [
        with(&sent[0], "/delta", json!(6)),
        with(&sent[1], "/reason", json!("refund")),
        with(&sent[2], "/metadata", json!({"plan": "b"})),
    ];
    let stranger = d(99, json!(1));
    let mut receipts = webhooks(&[&recorded[0], &recorded[1], &recorded[2]], 0);
    // An echo identical to sent[3] but another content hash.
    let leaves = [hash(&stranger), hash(&sent[4])];
    receipts.push(verified(&sent[3], leaves[0], &leaves, 3, None, T));
    receipts.push(verified(&sent[4], leaves[1], &leaves, 4, None, T));
    let r = audit(&sent, &receipts, &[]);
    assert_eq!(classes(&r), [Altered, Altered, Altered, Altered, Verified], "{r}");
    assert_eq!(counts(&r), (5, 1, 4, 0, 0, 0, 0));
    assert!(
        detail(&r, 0).contains("amount 5 submitted, 6 in the receipt"),
        "{}",
        detail(&r, 0)
    );
    assert!(
        detail(&r, 1).contains(r#"reason "api_call" submitted, "refund" in the receipt"#),
        "{}",
        detail(&r, 1)
    );
    assert!(detail(&r, 2).contains("metadata differs"), "{}", detail(&r, 2));
    assert!(detail(&r, 3).contains(&format!("content hash {} is not this delta's", hash(&stranger))));
    // Four foreign items: the three recorded variants and the stranger.
    assert_eq!(r.unmatched_items, 4);
}

#[test]
fn altered_through_a_batch_result_and_an_sdk_event() {
    let sent = [d(0, json!(5)), d(1, json!(2)), d(2, json!(3))];
    let rec0 = with(&sent[0], "/delta", json!(50));
    let rec1 = sent[1].clone();
    let receipts = [
        batch(&[&sent[0], &sent[1]], &[Some(&rec0), Some(&rec1)], "", "anc"),
        verified_sdk(
            &with(&sent[2], "/delta", json!(3.5)),
            Hash32::from_bytes([9; 32]),
            0,
            "t",
        ),
    ];
    let r = audit(&sent, &receipts, &[]);
    assert_eq!(classes(&r), [Altered, Pending, Altered], "{r}");
    assert!(detail(&r, 0).contains("(batch result): amount 5 submitted, 50 in the receipt"));
    assert!(detail(&r, 2).contains("(delta.verified): amount 3 submitted, 3.5 in the receipt"));
}

#[test]
fn failed_through_each_documented_signal() {
    let sent: Vec<Value> = (0..9).map(|n| d(n, json!(n + 1))).collect();
    let s: Vec<&Value> = sent.iter().collect();
    // 0, 1: a batch; entry 1 FAILED, found by its index next to entry 0.
    let b1 = batch(
        &[s[0], s[1]],
        &[Some(s[0]), None],
        "insufficient balance",
        "anc_b",
    );
    // 2: a batch whose only entry FAILED, found by the referenceId it names.
    let b2 = with_key(
        &batch(&[s[2]], &[None], "customer blocked", "anc_c"),
        "/data/results/0",
        "referenceId",
        json!("ref_2"),
    );
    // 3: delta.failed (documented shape) naming its content hash.
    let leaves = [hash(s[3])];
    let f3 = with_key(
        &with(
            &verified(s[3], leaves[0], &leaves, 0, None, T),
            "/event",
            json!("delta.failed"),
        ),
        "/data",
        "error",
        json!("ledger timeout"),
    );
    // 4: delta.failed (SDK shape) naming customerId and referenceId.
    let f4 = with(
        &verified_sdk(s[4], Hash32::ZERO, 1, "t"),
        "/event",
        json!("delta.failed"),
    );
    // 5: delta.failed naming only the anchorId an emit response gave it.
    let e5 = emit(s[5], &[hash(s[5])], "QUEUED", "anc_5");
    let f5 = json!({"event": "delta.failed", "data": {"anchorId": "anc_5", "error": "rejected"}});
    // 6: a delta status FAILED (before the batch that names its anchor), and 7: one naming referenceId.
    let st6 = json!({"data": {"status": "FAILED", "receiptId": "rcpt_x", "anchorId": "anc_6_0", "error": "anchor failed"}});
    let b6 = batch(&[s[6]], &[Some(s[6])], "", "anc_6");
    let st7 = json!({"data": {"status": "FAILED", "receiptId": "rcpt_y", "customerId": s[7]["customerId"], "referenceId": "ref_7"}});
    // 8: an emit response that says FAILED.
    let e8 = with_key(
        &emit(s[8], &[hash(s[8])], "FAILED", "anc_8"),
        "/data",
        "message",
        json!("over quota"),
    );
    let receipts = [b1, b2, f3, f4, e5, f5, st6, b6, st7, e8];
    let r = audit(&sent, &receipts, &[]);
    assert_eq!(
        classes(&r),
        [
            Pending, Failed, Failed, Failed, Failed, Failed, Failed, Failed, Failed
        ],
        "{r}"
    );
    assert_eq!(counts(&r), (9, 0, 0, 8, 1, 0, 0));
    let expect = [
        (1, "batch results[1] FAILED: insufficient balance"),
        (2, "batch results[0] FAILED: customer blocked"),
        (3, "delta.failed event: ledger timeout"),
        (4, "delta.failed event"),
        (5, "delta.failed event: rejected"),
        (6, "delta status FAILED: anchor failed"),
        (7, "delta status FAILED"),
        (8, "emit response status FAILED: over quota"),
    ];
    for (i, text) in expect {
        assert!(detail(&r, i).contains(text), "{i}: {}", detail(&r, i));
    }
    // A delta.verified event whose status is FAILED fails its delta too.
    let leaves = [hash(s[0])];
    let v = with(
        &verified(s[0], leaves[0], &leaves, 0, None, T),
        "/data/status",
        json!("FAILED"),
    );
    let r = audit(&sent[..1], &[v], &[]);
    assert_eq!(classes(&r), [Failed], "{r}");
    assert!(detail(&r, 0).contains("delta.verified event with status FAILED"));
}

#[test]
fn verified_through_each_confirmation_and_first_match_wins() {
    let sent: Vec<Value> = (0..6).map(|n| d(n, json!(n))).collect();
    let s: Vec<&Value> = sent.iter().collect();
    let leaf = |i: usize| [hash(s[i]), foreign(i as u64)];
    let confirm: [Value; 5] = [
        status(root(&leaf(0)), "VERIFIED", json!({})),
        status(root(&leaf(1)), "ANCHORED", json!({})),
        verify_answer(root(&leaf(2))),
        verified_sdk(s[3], root(&leaf(3)), 0, "t"),
        // 4 is FAILED in a batch, then verified: verified wins.
        verified(s[4], hash(s[4]), &leaf(4), 1, None, T),
    ];
    let mut receipts: Vec<Value> = (0..4)
        .map(|i| emit(s[i], &leaf(i), "QUEUED", &format!("a{i}")))
        .collect();
    receipts.push(with_key(
        &batch(&[s[4]], &[None], "boom", "x"),
        "/data/results/0",
        "referenceId",
        json!("ref_4"),
    ));
    receipts.extend(confirm);
    // 5: altered (amount) and FAILED: altered is tried first.
    receipts.push(with_key(
        &batch(&[s[5]], &[None], "boom", "y"),
        "/data/results/0",
        "referenceId",
        json!("ref_5"),
    ));
    receipts.push(verified_sdk(
        &with(s[5], "/delta", json!(77)),
        Hash32::from_bytes([1; 32]),
        2,
        "t",
    ));
    let r = audit(&sent, &receipts, &[]);
    let expect: [DeltaClass; 6] = [Verified, Verified, Verified, Verified, Verified, Altered];
    assert_eq!(classes(&r), expect, "{r}");
    let roots: Vec<Option<Hash32>> = r.rows().map(|row| row.proof_hash).collect();
    for (i, r) in roots.iter().take(5).enumerate() {
        assert_eq!(*r, Some(root(&leaf(i))));
    }
    assert_eq!(r.unmatched_items, 5);
}

#[test]
fn pending_missing_duplicates_and_a_root_that_does_not_recompute() {
    let sent = [
        d(0, json!(1)),
        d(1, json!(2)),
        d(2, json!(3)),
        d(0, json!(1)),
        d(3, json!(4)),
        d(0, json!(1)),
    ];
    let s: Vec<&Value> = sent.iter().collect();
    let good = emit(s[0], &[hash(s[0]), hash(s[1])], "QUEUED", "a");
    let bad = with(
        &emit(s[4], &[hash(s[4]), foreign(7)], "VERIFIED", "b"),
        "/data/itemsRoot",
        json!(Hash32::ZERO),
    );
    let r = audit(&sent, &[good, bad], &[]);
    assert_eq!(
        classes(&r),
        [Pending, Pending, Missing, Pending, Missing, Pending],
        "{r}"
    );
    assert_eq!(counts(&r), (6, 0, 0, 0, 4, 2, 2));
    let kinds = problem_kinds(&r);
    assert_eq!(kinds.iter().filter(|k| **k == "duplicate").count(), 2);
    assert!(kinds.contains(&"rootMismatch"));
    assert!(
        r.problems
            .iter()
            .any(|p| p.kind == "rootMismatch" && p.severity == Severity::Error && p.line == 2)
    );
    assert_eq!(r.unmatched_items, 0, "the bad root's items are never matched");
    assert!(!r.passed());
}

#[test]
fn all_verified_passes_and_a_chain_break_does_not() {
    let sent: Vec<Value> = (0..4).map(|n| d(n, json!(n))).collect();
    let s: Vec<&Value> = sent.iter().collect();
    let (a, b) = ([hash(s[0]), hash(s[1])], [hash(s[2]), hash(s[3])]);
    let mut receipts = vec![
        verified(s[0], a[0], &a, 0, None, T),
        verified(s[1], a[1], &a, 1, Some(root(&a)), T),
        verified(s[2], b[0], &b, 2, Some(root(&a)), T),
        verified(s[3], b[1], &b, 3, Some(root(&b)), T),
    ];
    let r = audit(&sent, &receipts, &[]);
    assert!(r.passed(), "{r}");
    assert_eq!((r.level, r.problem_count), ("verified", 0));
    // Two batches: each list decoded and hashed once, reused by its second webhook.
    assert_eq!((r.receipts.lists_decoded, r.receipts.lists_reused), (2, 2));
    receipts[2] = with(&receipts[2], "/data/proof/previousProofHash", json!(Hash32::ZERO));
    let r = audit(&sent, &receipts, &[]);
    assert_eq!(classes(&r), [Verified; 4]);
    assert!(!r.passed());
    assert_eq!(problem_kinds(&r), ["chainBreak"]);
    assert_eq!(r.chain.tenants[0].breaks, 1);
}

#[test]
fn sequence_numbers_gaps_and_repeats() {
    let sent: Vec<Value> = (0..5).map(|n| d(n, json!(n))).collect();
    let s: Vec<&Value> = sent.iter().collect();
    let mut receipts = webhooks(&s, 1040);
    receipts[2] = with(&receipts[2], "/data/deltaIndex", json!(1045));
    receipts[4] = with(&receipts[4], "/data/deltaIndex", json!(1041));
    let r = audit(&sent, &receipts, &[]);
    assert_eq!(classes(&r), [Verified; 5], "deltaIndex is not a position: {r}");
    let seq = &r.sequence[0].report;
    assert_eq!((seq.first, seq.last, seq.count), (Some(1040), Some(1045), 5));
    assert_eq!(seq.gaps, [[1042, 1042], [1044, 1044]]);
    assert_eq!(
        (
            seq.missing,
            seq.repeat_count,
            seq.repeats[0].number,
            seq.repeats[0].line
        ),
        (2, 1, 1041, 5)
    );
    assert!(r.passed(), "sequence findings are warnings: {r}");
    assert!(problem_kinds(&r).contains(&"sequenceGap") && problem_kinds(&r).contains(&"sequenceRepeat"));
}

#[test]
fn mapping_and_encoding_are_detected_once_per_export() {
    use pacspace_proof::item::{AmountKey, ReferenceIdAbsent};
    use pacspace_proof::receipt::SubmittedDelta;
    use pacspace_proof::{ItemMapping, NodeEncoding, items_root};
    let sent: Vec<Value> = (0..6).map(|n| delta("c", json!(n), "r", None, None)).collect();
    let m = ItemMapping::documented(AmountKey::Amount, ReferenceIdAbsent::Null);
    let leaves: Vec<Hash32> = sent
        .iter()
        .map(|x| SubmittedDelta::from_value(x, 0).unwrap().item_hash(m).unwrap())
        .collect();
    let r = items_root(&leaves, NodeEncoding::Bytes);
    let answer = json!({"event": "delta.verified", "data": {"proof": {"proofHash": r, "contentHash": leaves[0],
        "itemHashes": leaves, "previousProofHash": null}}});
    let report = audit(&sent, &[answer], &[]);
    assert_eq!(classes(&report), [Verified; 6], "{report}");
    assert_eq!(report.item_mapping.mapping, m);
    assert_eq!(report.node_encoding.encoding, NodeEncoding::Bytes);
    assert_eq!(report.node_encoding.finding, "detected");
}
