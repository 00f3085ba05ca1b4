//! Webhook deliveries (`webhook`): the signature over the raw body, then the
//! event. Signatures are computed here with HMAC-SHA256 directly.

use super::events::sdk_event;
use super::{Case, case, h, hv, sample, sample_json, tweak};
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

/// The sample's demo secret (not a real secret).
const SECRET: &str = "whsec_pacspace_demo_not_a_real_secret";
/// The secret before a rotation.
const OLD_SECRET: &str = "whsec_pacspace_demo_previous_secret";
/// The environment variable the cases pass the secret in.
const VAR: &str = "PACSPACE_WEBHOOK_SECRET";
/// The sample's signing time (2026-01-01T00:00:00Z).
const T0: i64 = 1_767_225_600;

/// `v1=` + hex HMAC-SHA256 of `timestamp.body` under `secret`.
fn sign(secret: &str, timestamp: &str, body: &[u8]) -> String {
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("v1={}", hex::encode(mac.finalize().into_bytes()))
}

/// A delivery: body bytes, headers, clock and extra arguments.
struct Delivery<'a> {
    body: &'a [u8],
    signature: &'a str,
    timestamp: &'a str,
    now: i64,
    extra: &'a [&'a str],
}

fn delivery(name: &str, why: &str, d: &Delivery<'_>) -> Case {
    let now = d.now.to_string();
    case(name, why)
        .file("body.json", d.body)
        .env(VAR, SECRET)
        .args(&[
            "webhook",
            "body.json",
            "--secret-env",
            VAR,
            "--signature",
            d.signature,
        ])
        .args(&["--timestamp", d.timestamp, "--now", &now, "--json"])
        .args(d.extra)
}

fn compact(v: &Value) -> Vec<u8> {
    serde_json::to_vec(v).unwrap_or_else(|e| panic!("{e}"))
}

/// Webhook deliveries.
pub fn cases() -> Vec<Case> {
    let body = sample("webhook.json").into_bytes();
    let ts = T0.to_string();
    let genuine = sign(SECRET, &ts, &body);
    let headers = sample("webhook.headers");
    assert!(
        headers.contains(&format!("X-PacSpace-Signature: {genuine}\n")),
        "the sample's signature is HMAC-SHA256 of timestamp.body under the demo secret"
    );
    let old = sign(OLD_SECRET, &ts, &body);
    let ms = format!("{T0}250");
    let ms_sig = sign(SECRET, &ms, &body);
    let event: Value = serde_json::from_slice(&body).unwrap_or_else(|e| panic!("{e}"));
    let root = h(&event["data"]["proof"]["proofHash"]);
    let root_s = root.to_string();
    let sdk = compact(&sdk_event(&event, true));
    let sdk_sig = sign(SECRET, &ts, &sdk);
    let base = Delivery {
        body: &body,
        signature: &genuine,
        timestamp: &ts,
        now: T0 + 42,
        extra: &[],
    };
    let two = |a: &str, b: &str| format!("{a},{b}");
    let rot_second = two(&old, &genuine);
    let rot_first = two(&genuine, &old);
    let rot_space = format!("{old}, {genuine}");
    let other_scheme = format!("v0=deadbeef,{genuine}");
    let ms_edge = format!("{T0}999");
    let ms_edge_sig = sign(SECRET, &ms_edge, &body);
    let mut out = vec![
        delivery("sig_seconds_pass", "The sample delivery: a genuine v1 signature, Unix seconds, 42 s old.", &base).pass("consistent"),
        delivery("sig_milliseconds_pass", "A timestamp of 13 digits is Unix milliseconds; the signature covers the header text as sent.",
            &Delivery { signature: &ms_sig, timestamp: &ms, ..base }).pass("consistent"),
        delivery("sig_milliseconds_tolerance_edge_pass", "Milliseconds round down to the second: 300 s after signing is still within the default tolerance.",
            &Delivery { signature: &ms_edge_sig, timestamp: &ms_edge, now: T0 + 300, ..base }).pass("consistent"),
        delivery("sig_rotation_new_second_pass", "After a secret rotation the header holds two values; the second one matches.",
            &Delivery { signature: &rot_second, ..base }).pass("consistent"),
        delivery("sig_rotation_new_first_pass", "After a secret rotation the header holds two values; the first one matches.",
            &Delivery { signature: &rot_first, ..base }).pass("consistent"),
        delivery("sig_rotation_with_space_pass", "Blanks after the comma between the two values are allowed.",
            &Delivery { signature: &rot_space, ..base }).pass("consistent"),
        delivery("sig_other_scheme_ignored_pass", "Values of other schemes than v1 are ignored; the v1 value matches.",
            &Delivery { signature: &other_scheme, ..base }).pass("consistent"),
        delivery("sig_tolerance_edge_past_pass", "Exactly 300 s after signing is within the default tolerance.",
            &Delivery { now: T0 + 300, ..base }).pass("consistent"),
        delivery("sig_tolerance_edge_future_pass", "Exactly 300 s before signing (clock skew) is within the default tolerance.",
            &Delivery { now: T0 - 300, ..base }).pass("consistent"),
        delivery("sig_custom_tolerance_pass", "A delivery 3000 s old is accepted under --tolerance 3600.",
            &Delivery { now: T0 + 3000, extra: &["--tolerance", "3600"], ..base }).pass("consistent"),
        delivery("sig_with_delta_pass", "Genuine signature, and the submitted delta hashes to the event's contentHash.",
            &Delivery { extra: &["--items", "delta.json"], ..base }).json("delta.json", &sample_json("emit-delta.json")).pass("verified"),
        delivery("sig_with_stored_receipt_pass", "Genuine signature, and the stored receiptId is the root of the event's itemHashes.",
            &Delivery { extra: &["--expect-receipt", &root_s], ..base }).pass("verified"),
        delivery("sig_sdk_shape_pass", "A genuine delivery of the SDK's event envelope.",
            &Delivery { body: &sdk, signature: &sdk_sig, ..base }).pass("consistent"),
    ];

    let mut forged_body = body.clone();
    let at = find(&forged_body, b"\"amount\":42.5")
        .map(|i| i + 12)
        .unwrap_or_else(|| panic!("amount in body"));
    forged_body[at] = b'6';
    let pretty = super::pretty(&event);
    let t1 = (T0 + 1).to_string();
    let wrong_secret = sign("whsec_someone_else", &ts, &body);
    let both_wrong = two(&old, &wrong_secret);
    let ms_as_seconds = format!("{T0}000");
    let truncated = genuine[..genuine.len() - 1].to_string();
    let non_hex = format!("{}g", &genuine[..genuine.len() - 1]);
    let v0_only = genuine.replacen("v1=", "v0=", 1);
    let upper_scheme = genuine.replacen("v1=", "V1=", 1);
    let three = format!("{old},{wrong_secret},{genuine}");
    let mut tampered = event.clone();
    tampered["data"]["proof"]["proofHash"] = hv(&tweak(&root));
    let tampered = compact(&tampered);
    let tampered_sig = sign(SECRET, &ts, &tampered);
    let failed = compact(
        &json!({"event": "delta.failed", "timestamp": "2026-01-01T00:02:00.000Z",
        "data": {"receiptId": hv(&root), "status": "FAILED", "error": "ledger timeout"}}),
    );
    let failed_sig = sign(SECRET, &ts, &failed);
    let mut other_delta = sample_json("emit-delta.json");
    other_delta["reason"] = "api_call_v2".into();
    let other_root = tweak(&root).to_string();
    let stored_args = ["--expect-receipt", other_root.as_str()];
    let stale = "staleTimestamp";
    let mismatch = "mismatch";
    let fails: Vec<(&str, &str, Delivery<'_>, &str)> = vec![
        (
            "sig_stale_fail",
            "A genuine delivery 301 s old is outside the default tolerance.",
            Delivery {
                now: T0 + 301,
                ..base
            },
            stale,
        ),
        (
            "sig_future_fail",
            "A genuine delivery signed 301 s in the future is outside the default tolerance.",
            Delivery {
                now: T0 - 301,
                ..base
            },
            stale,
        ),
        (
            "sig_milliseconds_stale_fail",
            "A genuine delivery with a millisecond timestamp, 1000 s old.",
            Delivery {
                signature: &ms_sig,
                timestamp: &ms,
                now: T0 + 1000,
                ..base
            },
            stale,
        ),
        (
            "sig_forged_body_fail",
            "One byte of the body was changed (the amount 42.5 became 42.6): the signature no longer matches.",
            Delivery {
                body: &forged_body,
                ..base
            },
            mismatch,
        ),
        (
            "sig_body_reformatted_fail",
            "The same JSON pretty-printed is other bytes: the signature covers the raw body.",
            Delivery {
                body: &pretty,
                ..base
            },
            mismatch,
        ),
        (
            "sig_forged_timestamp_fail",
            "The timestamp header was moved by one second: the signature covers it.",
            Delivery {
                timestamp: &t1,
                ..base
            },
            mismatch,
        ),
        (
            "sig_wrong_secret_fail",
            "Signed under another secret.",
            Delivery {
                signature: &wrong_secret,
                ..base
            },
            mismatch,
        ),
        (
            "sig_rotation_both_wrong_fail",
            "Two values, neither under the current secret.",
            Delivery {
                signature: &both_wrong,
                ..base
            },
            mismatch,
        ),
        (
            "sig_milliseconds_as_seconds_fail",
            "Signed over the seconds text but sent with a milliseconds header: the signed text differs.",
            Delivery {
                timestamp: &ms_as_seconds,
                ..base
            },
            mismatch,
        ),
        (
            "sig_truncated_hex_fail",
            "A v1 value of 63 hex digits.",
            Delivery {
                signature: &truncated,
                ..base
            },
            "invalidHex",
        ),
        (
            "sig_non_hex_fail",
            "A v1 value with a character that is not a hex digit.",
            Delivery {
                signature: &non_hex,
                ..base
            },
            "invalidHex",
        ),
        (
            "sig_no_v1_fail",
            "The header holds only a value of another scheme.",
            Delivery {
                signature: &v0_only,
                ..base
            },
            "noV1Value",
        ),
        (
            "sig_uppercase_scheme_fail",
            "The scheme is v1, lowercase; V1 is another scheme.",
            Delivery {
                signature: &upper_scheme,
                ..base
            },
            "noV1Value",
        ),
        (
            "sig_empty_header_fail",
            "An empty signature header.",
            Delivery {
                signature: "",
                ..base
            },
            "noV1Value",
        ),
        (
            "sig_three_values_fail",
            "At most two values (the current and the previous secret) are allowed.",
            Delivery {
                signature: &three,
                ..base
            },
            "tooManyValues",
        ),
        (
            "sig_timestamp_not_number_fail",
            "The timestamp header is not a decimal Unix time.",
            Delivery {
                timestamp: "2026-01-01T00:00:00Z",
                ..base
            },
            "invalidTimestamp",
        ),
        (
            "sig_timestamp_fraction_fail",
            "The timestamp header is not an integer.",
            Delivery {
                timestamp: "1767225600.5",
                ..base
            },
            "invalidTimestamp",
        ),
        (
            "sig_sdk_signature_of_other_body_fail",
            "The SDK envelope sent with the signature of the documented one.",
            Delivery { body: &sdk, ..base },
            mismatch,
        ),
    ];
    for (name, why, del, reason) in fails {
        out.push(delivery(name, why, &del).fail(Some(reason), Some("signature")));
    }
    let content: Vec<(&str, &str, Delivery<'_>, &str, &str)> = vec![
        (
            "sig_genuine_but_root_tampered_fail",
            "A genuine signature authenticates the sender, not the content: proofHash is not the root of itemHashes.",
            Delivery {
                body: &tampered,
                signature: &tampered_sig,
                ..base
            },
            "rootMismatch",
            "proof.proofHash",
        ),
        (
            "sig_genuine_delta_failed_fail",
            "A genuinely signed delta.failed event reports a failure.",
            Delivery {
                body: &failed,
                signature: &failed_sig,
                ..base
            },
            "statusFailed",
            "event",
        ),
        (
            "sig_genuine_but_stored_receipt_differs_fail",
            "Genuine signature, but the stored receiptId is not the event's root.",
            Delivery {
                extra: &stored_args,
                ..base
            },
            "receiptIdMismatch",
            "stored receipt",
        ),
    ];
    for (name, why, del, error, check) in content {
        out.push(delivery(name, why, &del).fail(Some(error), Some(check)));
    }
    out.push(
        delivery(
            "sig_genuine_but_delta_changed_fail",
            "Genuine signature, but the submitted delta has another reason than the one receipted.",
            &Delivery {
                extra: &["--items", "delta.json"],
                ..base
            },
        )
        .json("delta.json", &other_delta)
        .fail(Some("fieldMismatch"), Some("data.delta.reason")),
    );
    let not_event = b"{\"hello\":\"world\"}".to_vec();
    let not_event_sig = sign(SECRET, &ts, &not_event);
    out.push(
        delivery(
            "sig_forged_non_event_fail",
            "A body that is not an event, with a signature that does not match it.",
            &Delivery {
                body: &not_event,
                ..base
            },
        )
        .fail(Some(mismatch), Some("signature")),
    );
    out.push(
        delivery(
            "sig_genuine_non_event_fail",
            "Malformed input: a genuinely signed body that is not a webhook event.",
            &Delivery {
                body: &not_event,
                signature: &not_event_sig,
                ..base
            },
        )
        .bad_input(),
    );
    out.push(
        case(
            "sig_secret_missing_fail",
            "Malformed invocation: the variable named by --secret-env is not set.",
        )
        .file("body.json", body.clone())
        .args(&[
            "webhook",
            "body.json",
            "--secret-env",
            "PACSPACE_CONFORMANCE_UNSET_SECRET",
        ])
        .args(&[
            "--signature",
            &genuine,
            "--timestamp",
            &ts,
            "--now",
            &(T0 + 42).to_string(),
            "--json",
        ])
        .bad_input(),
    );
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
