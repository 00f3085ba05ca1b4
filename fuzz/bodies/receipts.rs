//! Receipt and webhook parsing and verification on arbitrary JSON: every
//! entry point returns a typed error or a self-consistent report, never a
//! panic. Input: `artefact [0xff submitted-deltas [0xff expected-receipt]]`
//! (0xff never occurs in UTF-8 text); the whole input is also a JSONL chain.

use pacspace_proof::chain::{ChainVerifier, verify_chain_jsonl};
use pacspace_proof::receipt::wire::ReceiptId;
use pacspace_proof::receipt::{Artefact, DeliveryHeaders, SubmittedDelta, verify_webhook_delivery};
use pacspace_proof::signature::sign_webhook;
use pacspace_proof::{Hash32, Report, Verdict, items_root, verify_receipt_json};

pub fn run(data: &[u8]) {
    let mut parts = data.splitn(3, |b| *b == 0xff);
    let artefact = parts.next().unwrap_or_default();
    let submitted = parts.next();
    let expected = parts.next().and_then(|t| Hash32::parse_bytes(trim(t)).ok());

    if let Ok(text) = core::str::from_utf8(artefact) {
        let submitted_text = submitted.and_then(|s| core::str::from_utf8(s).ok());
        match verify_receipt_json(text, submitted_text, expected.as_ref()) {
            Ok(report) => consistent(&report),
            Err(e) => {
                let _ = e.to_string();
            }
        }
        if let Ok(a) = Artefact::from_json(text) {
            let _ = a.kind();
            let report = a.verify(&[], expected.as_ref());
            consistent(&report);
            // No forged emit receipt: verified means the item hashes really
            // fold to the claimed itemsRoot, which is the receiptId, which is
            // the stored receipt when one is given.
            if let (Artefact::Emit(e), true) = (&a, report.is_verified()) {
                let d = &e.data;
                assert_eq!(
                    items_root(&d.item_hashes, report.node_encoding),
                    d.items_root,
                    "{report}"
                );
                if let ReceiptId::Root(id) = &d.receipt_id {
                    assert_eq!(*id, d.items_root, "{report}");
                    if let Some(exp) = &expected {
                        assert_eq!(id, exp, "{report}");
                    }
                }
            }
        }
    }
    if let Some(s) = submitted.and_then(|s| core::str::from_utf8(s).ok()) {
        match SubmittedDelta::from_json(s) {
            Ok(d) => {
                for mapping in pacspace_proof::ItemMapping::ALL {
                    let _ = d.item_hash(mapping);
                }
            }
            Err(e) => {
                let _ = e.to_string();
            }
        }
    }

    // The artefact as a signed webhook delivery: a good signature reaches the
    // event checks; a bad one is always reported and never verified.
    let mut buf = [0u8; 67];
    let signature = sign_webhook(b"whsec_fuzz", "1700000000", artefact, &mut buf).to_owned();
    for (sig, good) in [(signature.as_str(), true), ("v1=00", false)] {
        let headers = DeliveryHeaders {
            secret: b"whsec_fuzz",
            signature: sig,
            timestamp: "1700000000",
            now_unix_secs: 1_700_000_100,
            tolerance_secs: 300,
        };
        match verify_webhook_delivery(artefact, &headers, None, expected.as_ref()) {
            Ok(report) => {
                consistent(&report);
                assert_eq!(report.checks.first().map(|c| c.name.as_str()), Some("signature"));
                if !good {
                    assert!(!report.is_verified(), "bad signature verified");
                }
            }
            Err(e) => {
                assert!(good, "a bad signature must be reported, not an error: {e}");
                let _ = e.to_string();
            }
        }
    }

    // The whole input as a receipt chain, line by line and streamed.
    let mut chain = ChainVerifier::new();
    for line in data.split(|b| *b == b'\n') {
        if let Err(e) = chain.push_line(line) {
            let _ = e.to_string();
        }
    }
    let report = chain.finish();
    let _ = report.to_string();
    let _ = serde_json::to_string(&report).expect("a chain report serialises");
    let max_line = 1 + usize::from(data.first().copied().unwrap_or(0)) * 8;
    match verify_chain_jsonl(data, max_line, |_| {}) {
        Ok(report) => {
            let _ = report.to_string();
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

fn trim(t: &[u8]) -> &[u8] {
    t.trim_ascii()
}

/// A report says what it found the same way in every form.
fn consistent(report: &Report) {
    let text = report.to_string();
    let json = serde_json::to_string(report).expect("a report serialises");
    let failures = report.failures().count();
    if report.is_verified() {
        assert_eq!(report.verdict(), Verdict::Verified);
        assert_eq!(failures, 0, "verified with failures: {text}");
    }
    if failures > 0 {
        assert_eq!(report.verdict(), Verdict::NotVerified, "{text}");
    }
    assert!(!json.is_empty());
}
