//! `Hash32` text form pinned exactly: every byte value in every position
//! round-trips through the `0x` + lowercase hex form, which equals an
//! independent formatting; every refusal names the right position and byte.

use pacspace_proof::Hash32;
use pacspace_proof::hashing::HexError;

/// `0x` + two lowercase digits per byte, written with `format!`.
fn plain_hex(bytes: &[u8; 32]) -> String {
    let digits: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("0x{digits}")
}

fn patterns() -> Vec<[u8; 32]> {
    let mut out: Vec<[u8; 32]> = (0..=255u8).map(|v| [v; 32]).collect();
    out.push(core::array::from_fn(|i| i as u8));
    out.push(core::array::from_fn(|i| {
        (i as u8).wrapping_mul(37).wrapping_add(200)
    }));
    out
}

#[test]
fn every_byte_value_round_trips_through_lowercase_hex() {
    for bytes in patterns() {
        let h = Hash32::from_bytes(bytes);
        let text = plain_hex(&bytes);
        assert_eq!(h.to_string(), text);
        assert_eq!(format!("{h:?}"), text);
        let mut buf = [0u8; 66];
        assert_eq!(h.to_hex_buf(&mut buf), text);
        let mut digits = [0u8; 64];
        h.write_hex(&mut digits);
        assert_eq!(&digits[..], &text.as_bytes()[2..]);
        assert_eq!(Hash32::parse(&text), Ok(h));
        assert_eq!(text.parse::<Hash32>(), Ok(h));
        assert_eq!(Hash32::parse_bytes(text.as_bytes()), Ok(h));
        assert_eq!(h.as_bytes(), &bytes);
        assert_eq!(h.as_ref(), &bytes[..]);
        assert_eq!(Hash32::from(bytes), h);
        assert_eq!(h.0, bytes);
    }
}

#[test]
fn refusals_name_what_is_wrong() {
    let good = plain_hex(&[0xab; 32]);
    assert_eq!(Hash32::parse(&good[2..]), Err(HexError::MissingPrefix));
    assert_eq!(Hash32::parse("0X00"), Err(HexError::MissingPrefix));
    assert_eq!(
        Hash32::parse("0x00"),
        Err(HexError::Length {
            expected: 66,
            found: 4
        })
    );
    assert_eq!(
        Hash32::parse(&format!("{good}0")),
        Err(HexError::Length {
            expected: 66,
            found: 67
        })
    );
    for position in [2, 3, 9, 40, 65] {
        for byte in [b'A', b'F', b'g', b'x', b' ', 0u8, b'/', b':', b'`'] {
            let mut text = good.clone().into_bytes();
            text[position] = byte;
            assert_eq!(
                Hash32::parse_bytes(&text),
                Err(HexError::InvalidChar { position, byte }),
                "byte {byte:#04x} at {position}"
            );
        }
    }
}

#[test]
fn error_messages_name_position_and_byte() {
    let cases = [
        (HexError::MissingPrefix, "hash must start with \"0x\""),
        (
            HexError::Length {
                expected: 66,
                found: 4,
            },
            "hash must be 66 characters (0x + 64 hex), found 4",
        ),
        (
            HexError::InvalidChar {
                position: 5,
                byte: b'A',
            },
            "uppercase hex digit 'A' at position 5: hashes are lowercase",
        ),
        (
            HexError::InvalidChar {
                position: 9,
                byte: b'g',
            },
            "invalid hex character 'g' at position 9",
        ),
        (
            HexError::InvalidChar { position: 2, byte: 0 },
            "invalid hex byte 0x00 at position 2",
        ),
    ];
    for (e, text) in cases {
        assert_eq!(e.to_string(), text);
    }
}

#[test]
fn json_form_is_the_text_form() {
    let h = Hash32::from_bytes(core::array::from_fn(|i| i as u8 * 7));
    let json = serde_json::to_string(&h).expect("serialise");
    assert_eq!(json, format!("\"{}\"", plain_hex(&h.0)));
    assert_eq!(serde_json::from_str::<Hash32>(&json).expect("parse"), h);
    let upper = json.to_uppercase().replace("0X", "0x");
    let e = serde_json::from_str::<Hash32>(&upper)
        .expect_err("uppercase")
        .to_string();
    assert!(e.contains("uppercase hex digit"), "{e}");
    let e = serde_json::from_str::<Hash32>("123")
        .expect_err("not a string")
        .to_string();
    assert!(
        e.contains("expected a 0x-prefixed 64-digit lowercase hex hash"),
        "{e}"
    );
}
