//! Webhook signature headers: arbitrary secrets, signature and timestamp
//! headers, bodies and clocks. Parsing never panics; a signature is accepted
//! only when one of its v1 values is the HMAC of `timestamp.body` and the
//! timestamp is within tolerance; our own signatures always verify and stop
//! verifying when the body, timestamp or tag changes.

use crate::reader::Reader;
use pacspace_proof::signature::{
    MAX_SIGNATURE_VALUES, MILLIS_THRESHOLD, SignatureError, parse_webhook_timestamp, sign_webhook,
    verify_webhook_signature, webhook_hmac,
};

pub fn run(data: &[u8]) {
    let mut r = Reader::new(data);
    let flags = r.u8();
    let now = if flags & 1 != 0 {
        r.u64() as i64
    } else {
        1_700_000_000 + i64::from(r.u16()) - 32_768
    };
    let tolerance = if flags & 2 != 0 {
        r.u64()
    } else {
        u64::from(r.u16())
    };
    let secret_len = usize::from(r.u8() % 80);
    let secret = r.take(secret_len).to_vec();
    let rest = r.rest();
    let mut fields = rest.splitn(3, |b| *b == b'\n');
    let signature = String::from_utf8_lossy(fields.next().unwrap_or_default()).into_owned();
    let timestamp = String::from_utf8_lossy(fields.next().unwrap_or_default()).into_owned();
    let body = fields.next().unwrap_or_default();

    let parsed = parse_webhook_timestamp(&timestamp);
    assert_eq!(
        parsed.ok(),
        reference_timestamp(&timestamp),
        "timestamp {timestamp:?}"
    );

    let tag = webhook_hmac(&secret, &timestamp, body);
    let got = verify_webhook_signature(&secret, &signature, &timestamp, body, now, tolerance);
    match &got {
        Ok(m) => {
            let t = parsed.expect("accepted a signature with an unparsable timestamp");
            assert_eq!(m.timestamp, t);
            assert!(now.abs_diff(t) <= tolerance, "accepted a stale timestamp");
            let value = signature.split(',').nth(m.index).expect("matched index exists");
            assert_eq!(v1_tag(value), Some(tag), "accepted a value that is not the HMAC");
        }
        Err(e) => {
            let _ = e.to_string();
            if let SignatureError::Mismatch { .. } = e {
                assert!(signature.split(',').all(|v| v1_tag(v) != Some(tag)));
            }
        }
    }

    // Our own signature over this delivery.
    let mut buf = [0u8; 67];
    let own = sign_webhook(&secret, &timestamp, body, &mut buf).to_owned();
    assert_eq!(v1_tag(&own), Some(tag));
    if let Ok(t) = parsed {
        let ok = verify_webhook_signature(&secret, &own, &timestamp, body, t, 0);
        assert!(ok.is_ok(), "own signature refused: {ok:?}");
        let two = format!("v1={}, {own}", "0".repeat(64));
        assert!(verify_webhook_signature(&secret, &two, &timestamp, body, t, 0).is_ok());
        let mut other_body = body.to_vec();
        other_body.push(b'x');
        assert!(matches!(
            verify_webhook_signature(&secret, &own, &timestamp, &other_body, t, 0),
            Err(SignatureError::Mismatch { .. })
        ));
        let other_ts = format!("{timestamp}0");
        assert!(verify_webhook_signature(&secret, &own, &other_ts, body, t, u64::MAX).is_err());
        let mut flipped = own.clone().into_bytes();
        let last = flipped.len() - 1;
        flipped[last] = if flipped[last] == b'0' { b'1' } else { b'0' };
        let flipped = String::from_utf8(flipped).expect("ascii");
        assert!(verify_webhook_signature(&secret, &flipped, &timestamp, body, t, 0).is_err());
    }
}

/// The tag a header value carries, if it is `v1=` + 64 hex digits.
fn v1_tag(value: &str) -> Option<[u8; 32]> {
    let hex = value.trim_matches([' ', '\t']).strip_prefix("v1=")?;
    if hex.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
        if !hex.as_bytes()[2 * i..2 * i + 2].iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
    }
    Some(out)
}

/// Decimal Unix time in seconds, or milliseconds from 10^12 on (either sign).
fn reference_timestamp(text: &str) -> Option<i64> {
    let t = text.trim_matches([' ', '\t']);
    let digits = t.strip_prefix('-').unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: i128 = t.parse().ok()?;
    let v = i64::try_from(v).ok()?;
    let threshold = i128::from(MILLIS_THRESHOLD);
    Some(if i128::from(v).abs() >= threshold {
        v.div_euclid(1000)
    } else {
        v
    })
}

const _: () = assert!(MAX_SIGNATURE_VALUES >= 2);
