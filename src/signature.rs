//! Webhook signatures (docs/spec.md, section 10): `X-PacSpace-Signature` holds one or
//! two `v1=<hex HMAC-SHA256>` values over `timestamp + "." + raw_body`;
//! `X-PacSpace-Timestamp` holds Unix seconds or milliseconds.
//!
//! No allocation and no clock: the caller passes the current time, so the
//! check is deterministic and works without `std`. Digests are compared in
//! constant time (`hmac`'s `verify_slice`).

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Name of the header carrying the signature value(s).
pub const SIGNATURE_HEADER: &str = "X-PacSpace-Signature";
/// Name of the header carrying the signing timestamp.
pub const TIMESTAMP_HEADER: &str = "X-PacSpace-Timestamp";
/// Default accepted distance between the timestamp and now, in seconds.
pub const DEFAULT_TOLERANCE_SECS: u64 = 300;
/// At most this many comma-separated values (the current and the previous
/// secret during the 24 hours after a rotation).
pub const MAX_SIGNATURE_VALUES: usize = 2;
/// Timestamps whose magnitude is at least this are milliseconds.
pub const MILLIS_THRESHOLD: i64 = 1_000_000_000_000;

/// Why a webhook signature is not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "alloc", derive(serde::Serialize))]
#[cfg_attr(
    feature = "alloc",
    serde(tag = "reason", rename_all = "camelCase", rename_all_fields = "camelCase")
)]
pub enum SignatureError {
    /// The signature header holds no `v1=` value.
    #[error("signature header holds no \"v1=\" value")]
    NoV1Value,
    /// More comma-separated values than [`MAX_SIGNATURE_VALUES`].
    #[error("signature header holds {found} or more values; at most {MAX_SIGNATURE_VALUES} are allowed")]
    TooManyValues {
        /// Values counted (counting stops one past the limit).
        found: usize,
    },
    /// A `v1=` value that is not 64 hex digits.
    #[error("signature value {index} is not \"v1=\" + 64 hex digits")]
    InvalidHex {
        /// Position of the value in the header, from 0.
        index: usize,
    },
    /// The timestamp header is not a decimal integer.
    #[error("timestamp header is not a decimal Unix time (seconds or milliseconds)")]
    InvalidTimestamp,
    /// No value is the HMAC of `timestamp.body` under the secret: the body,
    /// the timestamp or the signature was altered, or the secret is wrong.
    #[error(
        "signature mismatch: none of {tried} v1 value(s) is the HMAC-SHA256 of timestamp.body under this secret"
    )]
    Mismatch {
        /// How many `v1=` values were tried.
        tried: usize,
    },
    /// The signature is genuine but the timestamp is too far from now.
    #[error(
        "stale timestamp: signed at {timestamp}, now {now}, {} s apart (tolerance {tolerance} s)",
        .now.abs_diff(*.timestamp)
    )]
    StaleTimestamp {
        /// The timestamp, in Unix seconds.
        timestamp: i64,
        /// The clock passed in, in Unix seconds.
        now: i64,
        /// The tolerance, in seconds.
        tolerance: u64,
    },
}

/// A genuine, fresh signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignatureMatch {
    /// Which header value matched (0 or 1).
    pub index: usize,
    /// The timestamp in Unix seconds.
    pub timestamp: i64,
    /// `now - timestamp` in seconds (negative for a timestamp in the future),
    /// saturated at the `i64` range.
    pub age_secs: i64,
}

/// Parses a timestamp header into Unix seconds; values with magnitude at
/// least 10^12 are milliseconds (rounded down to the second).
///
/// ```
/// use pacspace_proof::signature::parse_webhook_timestamp;
/// assert_eq!(parse_webhook_timestamp("1700000000"), Ok(1_700_000_000));
/// assert_eq!(parse_webhook_timestamp("1700000000999"), Ok(1_700_000_000));
/// assert!(parse_webhook_timestamp("17e8").is_err());
/// ```
pub fn parse_webhook_timestamp(text: &str) -> Result<i64, SignatureError> {
    let t = signed_timestamp(text);
    let digits = t.strip_prefix('-').unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SignatureError::InvalidTimestamp);
    }
    let value: i64 = t.parse().map_err(|_| SignatureError::InvalidTimestamp)?;
    Ok(if value.unsigned_abs() >= MILLIS_THRESHOLD.unsigned_abs() {
        value.div_euclid(1000)
    } else {
        value
    })
}

/// The signed text of a timestamp header: its value without surrounding
/// blanks, as an HTTP parser hands it over. Signing and verifying both use it.
fn signed_timestamp(header: &str) -> &str {
    header.trim_matches([' ', '\t'])
}

fn mac_over(secret: &[u8], timestamp: &str, body: &[u8]) -> HmacSha256 {
    // HMAC accepts keys of any length, so this never takes the error branch;
    // an empty-key MAC is still a correct (if weak) HMAC.
    let mut mac = match HmacSha256::new_from_slice(secret) {
        Ok(m) => m,
        Err(_) => HmacSha256::new(&Default::default()),
    };
    mac.update(signed_timestamp(timestamp).as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// The raw HMAC-SHA256 of `timestamp + "." + body` under `secret` (the
/// timestamp without surrounding blanks, as in [`verify_webhook_signature`]).
///
/// ```
/// let tag = pacspace_proof::signature::webhook_hmac(b"whsec_test", "1700000000", b"{}");
/// assert_eq!(tag.len(), 32);
/// ```
pub fn webhook_hmac(secret: &[u8], timestamp: &str, body: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(&mac_over(secret, timestamp, body).finalize().into_bytes());
    out
}

/// Writes the header value `v1=<64 hex>` for `timestamp` and `body` into
/// `out` and returns it as text: what the service sends, for tests and samples.
///
/// ```
/// use pacspace_proof::signature::{sign_webhook, verify_webhook_signature};
/// let mut buf = [0u8; 67];
/// let sig = sign_webhook(b"whsec_test", "1700000000", b"{}", &mut buf);
/// assert!(sig.starts_with("v1="));
/// assert!(verify_webhook_signature(b"whsec_test", sig, "1700000000", b"{}", 1_700_000_010, 300).is_ok());
/// ```
pub fn sign_webhook<'b>(secret: &[u8], timestamp: &str, body: &[u8], out: &'b mut [u8; 67]) -> &'b str {
    let tag = webhook_hmac(secret, timestamp, body);
    let (scheme, digits) = out.split_at_mut(3);
    scheme.copy_from_slice(b"v1=");
    for (byte, pair) in tag.iter().zip(digits.chunks_exact_mut(2)) {
        if let [hi, lo] = pair {
            *hi = crate::hashing::hash32::hex_digit(byte >> 4);
            *lo = crate::hashing::hash32::hex_digit(*byte);
        }
    }
    core::str::from_utf8(out).unwrap_or("")
}

/// Verifies a webhook delivery: the signature header (one or two
/// comma-separated values; values of other schemes are ignored), the
/// timestamp header exactly as received, the raw body bytes, the current time
/// in Unix seconds and the tolerance in seconds ([`DEFAULT_TOLERANCE_SECS`]).
///
/// The signature is checked before the clock, so a genuine but old delivery
/// is reported as [`SignatureError::StaleTimestamp`], and an altered one as
/// [`SignatureError::Mismatch`].
///
/// ```
/// use pacspace_proof::signature::{sign_webhook, verify_webhook_signature, SignatureError};
/// let (secret, ts, body) = (b"whsec_new".as_slice(), "1700000000000", br#"{"event":"delta.verified"}"#.as_slice());
/// let mut a = [0u8; 67];
/// let mut b = [0u8; 67];
/// let header = format!("{},{}", sign_webhook(b"whsec_old", ts, body, &mut a), sign_webhook(secret, ts, body, &mut b));
/// let ok = verify_webhook_signature(secret, &header, ts, body, 1_700_000_100, 300).unwrap();
/// assert_eq!(ok.index, 1);
/// assert_eq!(verify_webhook_signature(secret, &header, ts, body, 1_700_001_000, 300),
///            Err(SignatureError::StaleTimestamp { timestamp: 1_700_000_000, now: 1_700_001_000, tolerance: 300 }));
/// assert_eq!(verify_webhook_signature(secret, &header, ts, b"{}", 1_700_000_100, 300),
///            Err(SignatureError::Mismatch { tried: 2 }));
/// ```
pub fn verify_webhook_signature(
    secret: &[u8],
    signature_header: &str,
    timestamp_header: &str,
    body: &[u8],
    now_unix_secs: i64,
    tolerance_secs: u64,
) -> Result<SignatureMatch, SignatureError> {
    let timestamp = parse_webhook_timestamp(timestamp_header)?;
    let values = signature_header.split(',');
    if values.clone().take(MAX_SIGNATURE_VALUES + 1).count() > MAX_SIGNATURE_VALUES {
        return Err(SignatureError::TooManyValues {
            found: MAX_SIGNATURE_VALUES + 1,
        });
    }
    let mac = mac_over(secret, timestamp_header, body);
    let mut tried = 0;
    let mut matched = None;
    for (index, value) in values.enumerate() {
        let Some(hex_text) = value.trim_matches([' ', '\t']).strip_prefix("v1=") else {
            continue;
        };
        let mut tag = [0u8; 32];
        if hex_text.len() != 64 || hex::decode_to_slice(hex_text, &mut tag).is_err() {
            return Err(SignatureError::InvalidHex { index });
        }
        tried += 1;
        // Every value is checked (no early exit), each in constant time.
        if mac.clone().verify_slice(&tag).is_ok() && matched.is_none() {
            matched = Some(index);
        }
    }
    if tried == 0 {
        return Err(SignatureError::NoV1Value);
    }
    let Some(index) = matched else {
        return Err(SignatureError::Mismatch { tried });
    };
    // The distance is taken exactly: `now - timestamp` can leave the i64
    // range, and a saturated difference would understate it.
    if now_unix_secs.abs_diff(timestamp) > tolerance_secs {
        return Err(SignatureError::StaleTimestamp {
            timestamp,
            now: now_unix_secs,
            tolerance: tolerance_secs,
        });
    }
    Ok(SignatureMatch {
        index,
        timestamp,
        age_secs: now_unix_secs.saturating_sub(timestamp),
    })
}
