//! Webhook signatures pinned exactly, against HMAC-SHA256 computed here with
//! the `hmac` crate directly: the signed text, the header forms, every
//! refusal with its fields, the millisecond threshold and the tolerance edge.

use hmac::{Hmac, KeyInit, Mac};
use pacspace_proof::signature::{
    MILLIS_THRESHOLD, SignatureError, SignatureMatch, parse_webhook_timestamp, sign_webhook,
    verify_webhook_signature, webhook_hmac,
};
use sha2::Sha256;

const SECRET: &[u8] = b"whsec_pinned";
const BODY: &[u8] = br#"{"event":"delta.verified","data":{}}"#;
const T: i64 = 1_700_000_000;

/// `v1=` + hex HMAC-SHA256 of `signed_text` under `secret`, independently.
fn v1(secret: &[u8], signed_text: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret).expect("any key length");
    mac.update(signed_text);
    format!("v1={}", hex::encode(mac.finalize().into_bytes()))
}

fn signed(ts: &str, body: &[u8]) -> Vec<u8> {
    [ts.as_bytes(), b".", body].concat()
}

fn check(header: &str, ts: &str, now: i64, tolerance: u64) -> Result<SignatureMatch, SignatureError> {
    verify_webhook_signature(SECRET, header, ts, BODY, now, tolerance)
}

#[test]
fn the_signed_text_is_timestamp_dot_body() {
    for ts in ["1700000000", "1700000000123", "-5", "0"] {
        let want = v1(SECRET, &signed(ts, BODY));
        assert_eq!(
            format!("v1={}", hex::encode(webhook_hmac(SECRET, ts, BODY))),
            want
        );
        let mut buf = [0u8; 67];
        assert_eq!(sign_webhook(SECRET, ts, BODY, &mut buf), want);
    }
    // Blanks around the timestamp header are not signed.
    let mut buf = [0u8; 67];
    assert_eq!(
        sign_webhook(SECRET, " \t1700000000 ", BODY, &mut buf),
        v1(SECRET, &signed("1700000000", BODY))
    );
    // Every digit value appears in some signature: the hex writer is exact.
    let mut seen = std::collections::BTreeSet::new();
    for i in 0..20 {
        let mut buf = [0u8; 67];
        let s = sign_webhook(SECRET, &i.to_string(), BODY, &mut buf);
        assert_eq!(s, v1(SECRET, &signed(&i.to_string(), BODY)));
        seen.extend(s.bytes().skip(3));
    }
    assert_eq!(seen.len(), 16);
}

#[test]
fn timestamps_in_seconds_and_milliseconds() {
    let ok = [
        ("1700000000", 1_700_000_000),
        (" 1700000000\t", 1_700_000_000),
        ("1700000000999", 1_700_000_000),
        ("999999999999", 999_999_999_999),
        ("1000000000000", 1_000_000_000),
        ("-999999999999", -999_999_999_999),
        ("-1000000000000", -1_000_000_000),
        ("-1000000000001", -1_000_000_001),
        ("0", 0),
        ("-0", 0),
    ];
    for (text, want) in ok {
        assert_eq!(parse_webhook_timestamp(text), Ok(want), "{text:?}");
    }
    assert_eq!(MILLIS_THRESHOLD, 1_000_000_000_000);
    for bad in [
        "",
        "-",
        "+5",
        "12a",
        "1.5",
        "1e9",
        "0x10",
        "99999999999999999999",
        "--1",
    ] {
        assert_eq!(
            parse_webhook_timestamp(bad),
            Err(SignatureError::InvalidTimestamp),
            "{bad:?}"
        );
    }
}

#[test]
fn header_values_rotation_and_refusals() {
    let ts = T.to_string();
    let good = v1(SECRET, &signed(&ts, BODY));
    let other = v1(b"whsec_other", &signed(&ts, BODY));
    let m = |index: usize| SignatureMatch {
        index,
        timestamp: T,
        age_secs: 7,
    };
    assert_eq!(check(&good, &ts, T + 7, 300), Ok(m(0)));
    assert_eq!(check(&format!("{other},{good}"), &ts, T + 7, 300), Ok(m(1)));
    assert_eq!(check(&format!("{good}, {other}"), &ts, T + 7, 300), Ok(m(0)));
    assert_eq!(check(&format!("v0=zz,{good}"), &ts, T + 7, 300), Ok(m(1)));
    assert_eq!(
        check(&other, &ts, T + 7, 300),
        Err(SignatureError::Mismatch { tried: 1 })
    );
    assert_eq!(
        check(&format!("{other},{other}"), &ts, T + 7, 300),
        Err(SignatureError::Mismatch { tried: 2 })
    );
    assert_eq!(
        check(&format!("v0=zz,{other}"), &ts, T + 7, 300),
        Err(SignatureError::Mismatch { tried: 1 })
    );
    assert_eq!(
        check(&format!("{good},{good},{good}"), &ts, T + 7, 300),
        Err(SignatureError::TooManyValues { found: 3 })
    );
    assert_eq!(check("", &ts, T, 300), Err(SignatureError::NoV1Value));
    assert_eq!(
        check(&good.replacen("v1=", "V1=", 1), &ts, T, 300),
        Err(SignatureError::NoV1Value)
    );
    assert_eq!(
        check(&good[..good.len() - 1], &ts, T, 300),
        Err(SignatureError::InvalidHex { index: 0 })
    );
    assert_eq!(
        check(&format!("{good}0"), &ts, T, 300),
        Err(SignatureError::InvalidHex { index: 0 })
    );
    let non_hex = format!("{}g", &good[..good.len() - 1]);
    assert_eq!(
        check(&format!("{other},{non_hex}"), &ts, T, 300),
        Err(SignatureError::InvalidHex { index: 1 })
    );
    assert_eq!(check(&good, "t", T, 300), Err(SignatureError::InvalidTimestamp));
    // Another body, timestamp or secret: a mismatch.
    assert!(verify_webhook_signature(SECRET, &good, &ts, b"{}", T, 300).is_err());
    assert!(verify_webhook_signature(b"whsec_other", &good, &ts, BODY, T, 300).is_err());
    assert_eq!(
        check(&good, &(T + 1).to_string(), T, 300),
        Err(SignatureError::Mismatch { tried: 1 })
    );
}

#[test]
fn the_tolerance_edge_is_inclusive() {
    let ts = T.to_string();
    let good = v1(SECRET, &signed(&ts, BODY));
    let at = |now: i64| SignatureMatch {
        index: 0,
        timestamp: T,
        age_secs: now - T,
    };
    assert_eq!(check(&good, &ts, T + 300, 300), Ok(at(T + 300)));
    assert_eq!(check(&good, &ts, T - 300, 300), Ok(at(T - 300)));
    assert_eq!(check(&good, &ts, T, 0), Ok(at(T)));
    for now in [T + 301, T - 301] {
        assert_eq!(
            check(&good, &ts, now, 300),
            Err(SignatureError::StaleTimestamp {
                timestamp: T,
                now,
                tolerance: 300
            })
        );
    }
    // Milliseconds are compared in seconds.
    let ms = format!("{T}999");
    let good_ms = v1(SECRET, &signed(&ms, BODY));
    assert_eq!(check(&good_ms, &ms, T + 300, 300).map(|m| m.timestamp), Ok(T));
}

#[test]
fn error_messages() {
    let cases = [
        (
            SignatureError::NoV1Value,
            "signature header holds no \"v1=\" value",
        ),
        (
            SignatureError::TooManyValues { found: 3 },
            "signature header holds 3 or more values; at most 2 are allowed",
        ),
        (
            SignatureError::InvalidHex { index: 1 },
            "signature value 1 is not \"v1=\" + 64 hex digits",
        ),
        (
            SignatureError::InvalidTimestamp,
            "timestamp header is not a decimal Unix time (seconds or milliseconds)",
        ),
        (
            SignatureError::Mismatch { tried: 2 },
            "signature mismatch: none of 2 v1 value(s) is the HMAC-SHA256 of timestamp.body under this secret",
        ),
        (
            SignatureError::StaleTimestamp {
                timestamp: 100,
                now: 500,
                tolerance: 300,
            },
            "stale timestamp: signed at 100, now 500, 400 s apart (tolerance 300 s)",
        ),
    ];
    for (e, text) in cases {
        assert_eq!(e.to_string(), text);
    }
}
