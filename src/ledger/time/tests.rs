//! Tests of the RFC 3339 and `seconds.nanos` parsers.

use super::*;
use alloc::string::ToString;

#[test]
fn known_instants() {
    let cases = [
        ("1970-01-01T00:00:00Z", 0),
        ("2000-03-01T00:00:00Z", 951_868_800),
        ("2038-01-19T03:14:07Z", 2_147_483_647),
        ("1969-12-31T23:59:59Z", -1),
        ("2024-02-29T23:59:59-01:00", 1_709_251_199 + 3600),
        ("0000-01-01T00:00:00Z", -62_167_219_200),
        ("9999-12-31T23:59:59Z", 253_402_300_799),
    ];
    for (text, secs) in cases {
        let t = Timestamp::parse_rfc3339(text).unwrap();
        assert_eq!(t.secs(), secs, "{text}");
        if text.ends_with('Z') {
            assert_eq!(t.rfc3339().to_string(), text);
        }
    }
}

#[test]
fn round_trip_over_many_days() {
    let mut secs = -62_167_219_200i64;
    while secs < 253_402_300_799 {
        let t = Timestamp::new(secs, 7).unwrap();
        let back = Timestamp::parse_rfc3339(&t.rfc3339().to_string()).unwrap();
        assert_eq!(back, t);
        secs += 86_400 * 37 + 3_601;
    }
}

#[test]
fn refusals_name_the_problem() {
    let bad = [
        (
            "2024-13-01T00:00:00Z",
            TimeError::OutOfRange {
                field: "month",
                value: 13,
            },
        ),
        (
            "2024-04-31T00:00:00Z",
            TimeError::OutOfRange {
                field: "day",
                value: 31,
            },
        ),
        (
            "1900-02-29T00:00:00Z",
            TimeError::OutOfRange {
                field: "day",
                value: 29,
            },
        ),
        (
            "2024-01-01T24:00:00Z",
            TimeError::OutOfRange {
                field: "hour",
                value: 24,
            },
        ),
        (
            "2024-01-01T00:00:00+24:00",
            TimeError::OutOfRange {
                field: "offset",
                value: 2400,
            },
        ),
        (
            "2024-01-01 00:00:00Z",
            TimeError::Syntax {
                position: 10,
                expected: "'T'",
            },
        ),
        (
            "2024-01-01T00:00:00",
            TimeError::Syntax {
                position: 19,
                expected: "'Z' or an offset",
            },
        ),
        (
            "2024-01-01T00:00:00.Z",
            TimeError::Syntax {
                position: 20,
                expected: "a fraction digit",
            },
        ),
        (
            "2024-01-01T00:00:00Zx",
            TimeError::Syntax {
                position: 20,
                expected: "the end of the timestamp",
            },
        ),
    ];
    for (text, err) in bad {
        assert_eq!(Timestamp::parse_rfc3339(text), Err(err), "{text}");
    }
    assert!(Timestamp::parse_rfc3339(&"9".repeat(65)).is_err());
}

#[test]
fn leap_second_and_long_fractions() {
    let t = Timestamp::parse_rfc3339("2016-12-31T23:59:60Z").unwrap();
    assert_eq!(t, Timestamp::parse_rfc3339("2017-01-01T00:00:00Z").unwrap());
    let t = Timestamp::parse_rfc3339("2024-01-01T00:00:00.1234567891234z").unwrap();
    assert_eq!(t.nanos(), 123_456_789);
}

#[test]
fn seconds_nanos() {
    let t = Timestamp::parse_seconds_nanos("1.000000001").unwrap();
    assert_eq!((t.secs(), t.nanos()), (1, 1));
    assert_eq!(t.seconds_nanos().to_string(), "1.000000001");
    for bad in ["", ".5", "1.", "1.1234567890", "12345678901", "1e3", " 1"] {
        assert!(Timestamp::parse_seconds_nanos(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn distances() {
    let a = Timestamp::new(100, 500).unwrap();
    assert_eq!(a.abs_diff_secs(&a), 0);
    assert_eq!(a.abs_diff_secs(&Timestamp::new(101, 400).unwrap()), 1);
    assert_eq!(a.abs_diff_secs(&Timestamp::new(101, 600).unwrap()), 2);
}
