//! The tolerance window holds across the whole i64 clock range (found by the
//! `webhook_signature` fuzz target; its input is in
//! `fuzz/regressions/webhook_signature/`).

use pacspace_proof::signature::{SignatureError, sign_webhook, verify_webhook_signature};

#[test]
fn a_timestamp_further_than_the_tolerance_is_stale_even_beyond_the_i64_range() {
    let (secret, ts, body) = (b"k123".as_slice(), "-1000", b"{}".as_slice());
    let mut buf = [0u8; 67];
    let header = sign_webhook(secret, ts, body, &mut buf);
    // now - timestamp = i64::MAX + 1000: more than the tolerance of i64::MAX
    // seconds, though a saturating difference would say exactly i64::MAX.
    let tolerance = i64::MAX.unsigned_abs();
    assert_eq!(
        verify_webhook_signature(secret, header, ts, body, i64::MAX, tolerance),
        Err(SignatureError::StaleTimestamp {
            timestamp: -1000,
            now: i64::MAX,
            tolerance
        })
    );
    // One second more of tolerance covers it, and the age saturates.
    let ok = verify_webhook_signature(secret, header, ts, body, i64::MAX, tolerance + 1000).unwrap();
    assert_eq!(ok.age_secs, i64::MAX);
    // The same in the other direction: a timestamp far in the future.
    let mut buf = [0u8; 67];
    let header = sign_webhook(secret, "9000", body, &mut buf);
    assert!(matches!(
        verify_webhook_signature(secret, header, "9000", body, i64::MIN, tolerance),
        Err(SignatureError::StaleTimestamp { .. })
    ));
}

/// Signing and verifying read a blank-padded timestamp header the same way
/// (found by replaying the `webhook_signature` corpus after verification
/// started trimming the header while signing did not).
#[test]
fn a_blank_padded_timestamp_signs_and_verifies_alike() {
    let (secret, body) = (b"k123".as_slice(), b"{}".as_slice());
    let mut padded = [0u8; 67];
    let mut plain = [0u8; 67];
    let header = sign_webhook(secret, " 1700000000\t", body, &mut padded);
    assert_eq!(header, sign_webhook(secret, "1700000000", body, &mut plain));
    for ts in [" 1700000000\t", "1700000000"] {
        assert!(verify_webhook_signature(secret, header, ts, body, 1_700_000_000, 0).is_ok());
    }
}
