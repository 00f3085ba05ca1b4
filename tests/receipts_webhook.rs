//! `delta.verified` webhook: the genuine sample delivery (body, signature,
//! timestamp under the demo secret) verifies; each single tampering of the
//! event, the body, the signature or the clock fails with its own reason.

mod receipts_support;

use pacspace_proof::receipt::wire::WebhookEvent;
use pacspace_proof::receipt::{
    DeliveryHeaders, EncodingFinding, Failure, MappingFinding, Outcome, SubmittedDelta, verify_webhook,
    verify_webhook_delivery,
};
use pacspace_proof::signature::{SignatureError, sign_webhook};
use pacspace_proof::{Hash32, ItemMapping, NodeEncoding, Report, Verdict};
use receipts_support::{
    check, deltas, failed_names, failures, flip_hash, sample, sample_json, set, webhook_headers,
};
use serde_json::{Value, json};

const SECRET: &[u8] = b"whsec_pacspace_demo_not_a_real_secret";

fn event(v: &Value) -> WebhookEvent {
    serde_json::from_value(v.clone()).expect("webhook event")
}

fn submitted() -> SubmittedDelta {
    deltas("emit-delta.json").remove(0)
}

fn stored() -> Hash32 {
    sample_json("emit.json")["data"]["receiptId"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

fn run(v: &Value, d: &SubmittedDelta) -> Report {
    verify_webhook(&event(v), Some(d), Some(&stored()))
}

fn deliver(body: &[u8], signature: &str, timestamp: &str, now: i64) -> Report {
    let h = DeliveryHeaders {
        secret: SECRET,
        signature,
        timestamp,
        now_unix_secs: now,
        tolerance_secs: 300,
    };
    verify_webhook_delivery(body, &h, Some(&submitted()), Some(&stored())).expect("a webhook event")
}

fn ts() -> i64 {
    webhook_headers().1.parse().unwrap()
}

#[test]
fn genuine_delivery_verifies() {
    let (sig, t) = webhook_headers();
    let r = deliver(sample("webhook.json").as_bytes(), &sig, &t, ts() + 12);
    assert_eq!(r.verdict(), Verdict::Verified, "{r}");
    assert_eq!(r.checks[0].name, "signature");
    assert_eq!(r.encoding, EncodingFinding::Detected(NodeEncoding::Hex0x));
    assert_eq!(
        r.mappings,
        vec![MappingFinding {
            item: 0,
            mapping: Some(ItemMapping::default())
        }]
    );
    for name in [
        "proof.contentHash",
        "contentHash in itemHashes",
        "proof.proofHash",
        "data.receiptId",
        "stored receipt",
        "data.delta.amount",
        "data.delta.reason",
    ] {
        assert!(matches!(check(&r, name), Outcome::Pass { .. }), "{name}: {r}");
    }
}

#[test]
fn event_alone_verifies_from_the_echoed_delta() {
    let r = verify_webhook(&event(&sample_json("webhook.json")), None, None);
    assert_eq!(r.verdict(), Verdict::Verified, "{r}");
    assert!(r.notes.iter().any(|n| n.contains("echoes")), "{r}");
}

#[test]
fn submitted_amount_tampered() {
    let mut d = submitted();
    d.amount = 42.25;
    let r = run(&sample_json("webhook.json"), &d);
    assert_eq!(
        failed_names(&r),
        ["data.delta.amount", "proof.contentHash"],
        "{r}"
    );
    assert!(
        matches!(&failures(&r)[1].1, Failure::ItemHashMismatch { field, .. } if field == "proof.contentHash")
    );
}

#[test]
fn echoed_amount_tampered() {
    let r = run(
        &set(&sample_json("webhook.json"), "/data/delta/amount", json!(4.25)),
        &submitted(),
    );
    assert_eq!(failed_names(&r), ["data.delta.amount"], "{r}");
}

#[test]
fn reason_tampered() {
    let mut d = submitted();
    d.reason = "api_call ".into();
    let r = run(&sample_json("webhook.json"), &d);
    assert_eq!(
        failed_names(&r),
        ["data.delta.reason", "proof.contentHash"],
        "{r}"
    );
}

#[test]
fn content_hash_tampered() {
    let r = run(
        &flip_hash(&sample_json("webhook.json"), "/data/proof/contentHash"),
        &submitted(),
    );
    assert_eq!(
        failed_names(&r),
        ["proof.contentHash", "contentHash in itemHashes"],
        "{r}"
    );
    assert!(matches!(
        failures(&r)[1].1,
        Failure::ContentHashNotInItemHashes { searched: 3, .. }
    ));
}

#[test]
fn one_item_hash_tampered() {
    let r = run(
        &flip_hash(&sample_json("webhook.json"), "/data/proof/itemHashes/2"),
        &submitted(),
    );
    assert_eq!(
        failed_names(&r),
        ["proof.proofHash", "data.receiptId", "stored receipt"],
        "{r}"
    );
    assert!(matches!(&failures(&r)[0].1, Failure::RootMismatch { field, .. } if field == "proof.proofHash"));
    assert_eq!(r.encoding, EncodingFinding::NoneReproduced);
}

#[test]
fn proof_hash_tampered() {
    let t = flip_hash(&sample_json("webhook.json"), "/data/proof/proofHash");
    let r = run(&t, &submitted());
    let f = failures(&r);
    assert_eq!(f.len(), 1, "{r}");
    assert_eq!(
        f[0].1,
        Failure::RootMismatch {
            field: "proof.proofHash".into(),
            claimed: t["data"]["proof"]["proofHash"].as_str().unwrap().parse().unwrap(),
            computed: stored(),
        }
    );
}

#[test]
fn receipt_id_tampered() {
    let r = run(
        &flip_hash(&sample_json("webhook.json"), "/data/receiptId"),
        &submitted(),
    );
    assert_eq!(failed_names(&r), ["data.receiptId"], "{r}");
    assert!(
        matches!(&failures(&r)[0].1, Failure::ReceiptIdMismatch { expected, .. } if *expected == stored())
    );
}

#[test]
fn stored_receipt_differs() {
    let r = verify_webhook(
        &event(&sample_json("webhook.json")),
        Some(&submitted()),
        Some(&Hash32::ZERO),
    );
    assert_eq!(failed_names(&r), ["stored receipt"], "{r}");
}

#[test]
fn delta_index_is_a_sequence_number_not_a_position() {
    // The docs show deltaIndex 1042 beside two item hashes: it numbers the
    // tenant's deltas. Any value verifies, and the report says what it is.
    for k in [0, 7, 1042] {
        let r = run(
            &set(&sample_json("webhook.json"), "/data/deltaIndex", json!(k)),
            &submitted(),
        );
        assert_eq!(r.verdict(), Verdict::Verified, "{r}");
        assert!(failures(&r).is_empty(), "{r}");
        assert!(
            r.notes
                .iter()
                .any(|n| n.contains(&format!("data.deltaIndex {k} is the tenant's sequence number"))),
            "{r}"
        );
    }
}

#[test]
fn opaque_proof_hash_is_not_checkable() {
    let t = set(
        &sample_json("webhook.json"),
        "/data/proof/proofHash",
        json!("chk_91ab"),
    );
    let t = set(&t, "/data/receiptId", json!("chk_91ab"));
    let r = verify_webhook(&event(&t), Some(&submitted()), None);
    assert_eq!(r.verdict(), Verdict::Verified, "{r}");
    assert!(matches!(check(&r, "proof.proofHash"), Outcome::NotCheckable { why } if why.contains("opaque")));
    assert!(failures(&r).is_empty());
}

#[test]
fn failed_and_unknown_events() {
    let failed = json!({"event": "delta.failed", "timestamp": "t", "data": {"status": "FAILED", "error": "ledger timeout"}});
    let r = verify_webhook(&event(&failed), None, None);
    assert!(
        matches!(&failures(&r)[0].1, Failure::StatusFailed { error: Some(e), .. } if e == "ledger timeout"),
        "{r}"
    );
    let other = json!({"event": "usage.threshold", "data": {}});
    let r = verify_webhook(&event(&other), None, None);
    assert!(matches!(&failures(&r)[0].1, Failure::UnexpectedEvent { event } if event == "usage.threshold"));
}

#[test]
fn sdk_shape_without_proof_is_only_partly_checkable() {
    let sdk = json!({"id": "evt_1", "event": "delta.verified", "tenantId": "t_1", "createdAt": "2026-01-01T00:00:00Z",
        "data": {"recordId": "rec_1", "receiptId": stored(), "verificationReference": "ref", "customerId": "cust_42",
                 "delta": 42.5, "sequenceNumber": 7, "referenceId": "req_7f3a9c", "blockTimestamp": 1}});
    let r = verify_webhook(&event(&sdk), Some(&submitted()), Some(&stored()));
    assert!(matches!(check(&r, "proof"), Outcome::NotCheckable { .. }), "{r}");
    assert!(r.notes.iter().any(|n| n.contains("data.sequenceNumber 7")), "{r}");
    assert!(matches!(check(&r, "stored receipt"), Outcome::Pass { .. }), "{r}");
    let r = verify_webhook(
        &event(&set(&sdk, "/data/delta", json!(4.5))),
        Some(&submitted()),
        Some(&stored()),
    );
    assert_eq!(failed_names(&r), ["data.delta"], "{r}");
}

// ---- the delivery: body bytes, signature header, timestamp header, clock ----

#[test]
fn body_byte_changed_fails_the_signature() {
    let (sig, t) = webhook_headers();
    let mut body = sample("webhook.json").into_bytes();
    // "amount":42.5 -> "amount":42.6: still a well-formed event.
    let at = body.windows(5).position(|w| w == b"42.5,").unwrap();
    body[at + 3] = b'6';
    let r = deliver(&body, &sig, &t, ts());
    assert_eq!(r.checks[0].name, "signature");
    assert_eq!(
        failures(&r)[0].1,
        Failure::Signature(SignatureError::Mismatch { tried: 1 }),
        "{r}"
    );
    assert!(!r.is_verified());
}

#[test]
fn signature_changed() {
    let (sig, t) = webhook_headers();
    let mut s = sig.clone().into_bytes();
    let last = s.len() - 1;
    s[last] = if s[last] == b'0' { b'1' } else { b'0' };
    let r = deliver(
        sample("webhook.json").as_bytes(),
        std::str::from_utf8(&s).unwrap(),
        &t,
        ts(),
    );
    assert_eq!(failed_names(&r), ["signature"], "{r}");
    assert_eq!(
        failures(&r)[0].1,
        Failure::Signature(SignatureError::Mismatch { tried: 1 })
    );
}

#[test]
fn stale_and_future_timestamps_with_injected_clock() {
    let (sig, t) = webhook_headers();
    let body = sample("webhook.json");
    assert!(deliver(body.as_bytes(), &sig, &t, ts() + 300).is_verified());
    assert!(deliver(body.as_bytes(), &sig, &t, ts() - 300).is_verified());
    for now in [ts() + 301, ts() - 301, ts() + 86_400] {
        let r = deliver(body.as_bytes(), &sig, &t, now);
        assert_eq!(failed_names(&r), ["signature"], "{r}");
        assert_eq!(
            failures(&r)[0].1,
            Failure::Signature(SignatureError::StaleTimestamp {
                timestamp: ts(),
                now,
                tolerance: 300
            })
        );
    }
}

#[test]
fn timestamp_header_changed_fails_the_signature() {
    let (sig, _) = webhook_headers();
    let r = deliver(
        sample("webhook.json").as_bytes(),
        &sig,
        &(ts() + 1).to_string(),
        ts(),
    );
    assert_eq!(
        failures(&r)[0].1,
        Failure::Signature(SignatureError::Mismatch { tried: 1 })
    );
}

#[test]
fn rotation_two_values_either_order() {
    let (sig, t) = webhook_headers();
    let body = sample("webhook.json");
    let mut buf = [0u8; 67];
    let old = sign_webhook(b"whsec_previous_secret", &t, body.as_bytes(), &mut buf).to_string();
    for header in [format!("{old},{sig}"), format!("{sig}, {old}")] {
        let r = deliver(body.as_bytes(), &header, &t, ts());
        assert!(r.is_verified(), "{header}: {r}");
    }
    let mut buf2 = [0u8; 67];
    let older = sign_webhook(b"whsec_older", &t, body.as_bytes(), &mut buf2).to_string();
    let r = deliver(body.as_bytes(), &format!("{old},{older}"), &t, ts());
    assert_eq!(
        failures(&r)[0].1,
        Failure::Signature(SignatureError::Mismatch { tried: 2 })
    );
    let r = deliver(body.as_bytes(), &format!("{old},{older},{sig}"), &t, ts());
    assert_eq!(
        failures(&r)[0].1,
        Failure::Signature(SignatureError::TooManyValues { found: 3 })
    );
}

#[test]
fn seconds_and_milliseconds_timestamps() {
    let body = sample("webhook.json");
    let ms = format!("{}000", ts());
    let mut buf = [0u8; 67];
    let sig_ms = sign_webhook(SECRET, &ms, body.as_bytes(), &mut buf).to_string();
    assert!(deliver(body.as_bytes(), &sig_ms, &ms, ts() + 299).is_verified());
    let r = deliver(body.as_bytes(), &sig_ms, &ms, ts() + 301);
    assert_eq!(
        failures(&r)[0].1,
        Failure::Signature(SignatureError::StaleTimestamp {
            timestamp: ts(),
            now: ts() + 301,
            tolerance: 300
        })
    );
    // The signed text is the header as sent: a seconds signature does not
    // verify under a milliseconds header for the same instant.
    let (sig_s, _) = webhook_headers();
    let r = deliver(body.as_bytes(), &sig_s, &ms, ts());
    assert_eq!(
        failures(&r)[0].1,
        Failure::Signature(SignatureError::Mismatch { tried: 1 })
    );
}

#[test]
fn malformed_headers_name_the_problem() {
    let (sig, t) = webhook_headers();
    let body = sample("webhook.json");
    let cases: [(&str, &str, SignatureError); 4] = [
        (&sig, "yesterday", SignatureError::InvalidTimestamp),
        ("v1=abc", &t, SignatureError::InvalidHex { index: 0 }),
        ("v0=deadbeef", &t, SignatureError::NoV1Value),
        ("", &t, SignatureError::NoV1Value),
    ];
    for (s, ts_text, expected) in cases {
        let r = deliver(body.as_bytes(), s, ts_text, ts());
        assert_eq!(failures(&r)[0].1, Failure::Signature(expected), "{s} / {ts_text}");
    }
}

#[test]
fn wrong_secret_and_unparseable_body() {
    let (sig, t) = webhook_headers();
    let h = DeliveryHeaders {
        secret: b"whsec_wrong",
        signature: &sig,
        timestamp: &t,
        now_unix_secs: ts(),
        tolerance_secs: 300,
    };
    let r = verify_webhook_delivery(sample("webhook.json").as_bytes(), &h, None, None).unwrap();
    assert_eq!(
        failures(&r)[0].1,
        Failure::Signature(SignatureError::Mismatch { tried: 1 })
    );
    // A body that is not an event: reported in the failing report, or bad input once signed.
    let r = verify_webhook_delivery(b"not json", &h, None, None).unwrap();
    assert!(!r.is_verified() && r.notes.iter().any(|n| n.contains("not a webhook event")));
    let mut buf = [0u8; 67];
    let good = sign_webhook(SECRET, &t, b"not json", &mut buf);
    let h = DeliveryHeaders {
        secret: SECRET,
        signature: good,
        ..h
    };
    assert!(verify_webhook_delivery(b"not json", &h, None, None).is_err());
}
