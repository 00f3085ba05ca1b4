//! Canonical JSON pinned exactly: the string escapes of every control
//! character, number forms, key order in UTF-16 code units, depth limits, and
//! every refusal of the no-alloc checker with the offset it names.

use pacspace_proof::canonical::{
    CanonicalError, CanonicalStr, CanonicalTextError as E, KeccakSink, MAX_DEPTH, NumberError, Sink,
    canonical_json_str, write_canonical, write_number, write_string,
};
use pacspace_proof::hashing::ITEM_PREFIX;
use pacspace_proof::{canonical_json, item_hash, keccak256};
use serde_json::{Value, json};

fn string_text(s: &str) -> String {
    let mut out = Vec::new();
    write_string(&mut out, s);
    String::from_utf8(out).expect("utf8")
}

#[test]
fn every_control_character_is_escaped_as_json_stringify_does() {
    let short = [
        (0x08, "\\b"),
        (0x09, "\\t"),
        (0x0a, "\\n"),
        (0x0c, "\\f"),
        (0x0d, "\\r"),
    ];
    for c in 0u8..0x20 {
        let want = short
            .iter()
            .find(|(b, _)| *b == c)
            .map_or_else(|| format!("\\u{c:04x}"), |(_, e)| (*e).to_string());
        let s = format!("a{}b", char::from(c));
        assert_eq!(string_text(&s), format!("\"a{want}b\""), "U+{c:04X}");
    }
    assert_eq!(string_text(r#"q"b\s/"#), r#""q\"b\\s/""#);
    assert_eq!(string_text("\u{7f}é😀"), "\"\u{7f}é😀\"");
    assert_eq!(string_text(""), "\"\"");
    assert_eq!(string_text("\"\"\n\n"), r#""\"\"\n\n""#);
    assert_eq!(string_text("x\u{1f}"), "\"x\\u001f\"");
    // Through the `&mut` sink as well.
    let mut out = Vec::new();
    write_string(&mut &mut out, "\t");
    assert_eq!(out, b"\"\\t\"");
}

#[test]
fn numbers_are_written_as_ecmascript_writes_them() {
    let cases = [
        (0.0, "0"),
        (-0.0, "0"),
        (1.0, "1"),
        (-1.5, "-1.5"),
        (42.5, "42.5"),
        (1e21, "1e+21"),
        (1e20, "100000000000000000000"),
        (1e-7, "1e-7"),
        (1.5e-7, "1.5e-7"),
        (0.000001, "0.000001"),
        (5e-324, "5e-324"),
        (f64::MAX, "1.7976931348623157e+308"),
        (9007199254740993.0, "9007199254740992"),
    ];
    for (v, want) in cases {
        let mut out = Vec::new();
        assert_eq!(write_number(&mut out, v), Ok(()));
        assert_eq!(String::from_utf8(out).expect("ascii"), want, "{v:e}");
    }
    let mut out = Vec::new();
    assert_eq!(write_number(&mut out, f64::NAN), Err(NumberError::NaN));
    assert_eq!(write_number(&mut out, f64::INFINITY), Err(NumberError::Infinite));
    assert_eq!(
        write_number(&mut out, f64::NEG_INFINITY),
        Err(NumberError::Infinite)
    );
    assert!(out.is_empty());
    assert_eq!(
        NumberError::NaN.to_string(),
        "NaN cannot appear in canonical JSON"
    );
    assert_eq!(
        NumberError::Infinite.to_string(),
        "infinite number (or one beyond the double range) cannot appear in canonical JSON"
    );
}

#[test]
fn values_canonicalise_exactly() {
    let cases = [
        (json!(null), "null"),
        (json!(true), "true"),
        (json!(false), "false"),
        (json!([]), "[]"),
        (json!({}), "{}"),
        (
            json!([1, [2, []], {"b": 1, "a": [null]}]),
            r#"[1,[2,[]],{"a":[null],"b":1}]"#,
        ),
        (json!(18446744073709551615u64), "18446744073709552000"),
        (json!(-9007199254740993i64), "-9007199254740992"),
        (json!({"｡": 1, "😀": 2, "a": 3}), r#"{"a":3,"😀":2,"｡":1}"#),
        (
            json!({"\u{e000}": 1, "\u{ffff}": 2, "z": 0}),
            "{\"z\":0,\"\u{e000}\":1,\"\u{ffff}\":2}",
        ),
        (
            json!({"b": {"d": 1, "c": 2}, "a": "x\ny"}),
            r#"{"a":"x\ny","b":{"c":2,"d":1}}"#,
        ),
    ];
    for (v, want) in cases {
        assert_eq!(canonical_json(&v).expect("canonical"), want);
        let mut sink = KeccakSink::item();
        write_canonical(&mut sink, &v).expect("canonical");
        let message = [ITEM_PREFIX.as_slice(), want.as_bytes()].concat();
        assert_eq!(sink.finish(), keccak256(&message));
        assert_eq!(item_hash(&v), Ok(keccak256(&message)));
        let mut plain = KeccakSink::new();
        plain.write(want.as_bytes());
        assert_eq!(plain.finish(), keccak256(want.as_bytes()));
    }
    assert_eq!(
        canonical_json_str(r#" { "b" : 1.0 , "a" : -0 } "#),
        Ok(r#"{"a":0,"b":1}"#.into())
    );
    assert!(matches!(canonical_json_str("{"), Err(CanonicalError::Json(_))));
    assert!(matches!(
        canonical_json_str("1e400"),
        Err(CanonicalError::Json(_)) | Err(CanonicalError::Number(_))
    ));
}

fn nested(depth: usize, open: &str, close: &str) -> String {
    format!("{}{}", open.repeat(depth), close.repeat(depth))
}

#[test]
fn nesting_is_limited_at_the_same_depth_for_values_and_text() {
    let mut ok = json!([]);
    for _ in 1..MAX_DEPTH {
        ok = json!([ok]);
    }
    assert_eq!(canonical_json(&ok), Ok(nested(MAX_DEPTH, "[", "]")));
    let mut deep = Value::Null;
    for _ in 0..=MAX_DEPTH {
        deep = json!({ "k": deep });
    }
    assert_eq!(
        canonical_json(&deep),
        Err(CanonicalError::TooDeep { limit: MAX_DEPTH })
    );
    let mut deep = json!(1);
    for _ in 0..=MAX_DEPTH {
        deep = json!([deep]);
    }
    assert_eq!(
        canonical_json(&deep),
        Err(CanonicalError::TooDeep { limit: MAX_DEPTH })
    );
    assert!(CanonicalStr::new(&nested(MAX_DEPTH, "[", "]")).is_ok());
    assert_eq!(
        CanonicalStr::new(&nested(MAX_DEPTH + 1, "[", "]")),
        Err(E::TooDeep { offset: MAX_DEPTH })
    );
    assert_eq!(
        CanonicalStr::new(&format!(
            "{}1{}",
            r#"{"a":"#.repeat(MAX_DEPTH + 1),
            "}".repeat(MAX_DEPTH + 1)
        )),
        Err(E::TooDeep {
            offset: 5 * MAX_DEPTH
        })
    );
    assert_eq!(
        CanonicalError::TooDeep { limit: 128 }.to_string(),
        "nesting deeper than 128 levels"
    );
    assert_eq!(CanonicalError::Json("x".into()).to_string(), "not valid JSON: x");
    assert_eq!(
        CanonicalError::from(NumberError::NaN),
        CanonicalError::Number(NumberError::NaN)
    );
    assert_eq!(
        CanonicalError::Number(NumberError::NaN).to_string(),
        NumberError::NaN.to_string()
    );
}

#[test]
fn the_checker_accepts_canonical_text_only() {
    let good = [
        "null",
        "true",
        "false",
        "0",
        "-5",
        "0.1",
        "1e+21",
        "1e-7",
        "\"\"",
        r#""\"\\\b\t\n\f\r\u0000\u001f/""#,
        "[]",
        "{}",
        "[1,[2],{}]",
        r#"{"a":1,"b":[true,null],"c":{"d":"e"}}"#,
        r#"{"😀":1,"｡":2}"#,
        r##"{"\b":1,"\t":2,"\n":3,"\u000b":4,"\f":5,"\r":6,"\"":7,"#":8,"\\":9,"]":10}"##,
        r#"{"a":1,"a\u0000":2,"ab":3}"#,
    ];
    for text in good {
        let c = CanonicalStr::new(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(c.as_str(), text);
    }
    let bad = [
        ("", E::UnexpectedEnd),
        (
            " 1",
            E::UnexpectedByte {
                offset: 0,
                byte: b' ',
            },
        ),
        ("1 ", E::TrailingBytes { offset: 1 }),
        ("{} ", E::TrailingBytes { offset: 2 }),
        (
            "nul",
            E::UnexpectedByte {
                offset: 0,
                byte: b'n',
            },
        ),
        (
            "[tru]",
            E::UnexpectedByte {
                offset: 1,
                byte: b't',
            },
        ),
        (
            "[true,fals]",
            E::UnexpectedByte {
                offset: 6,
                byte: b'f',
            },
        ),
        (
            "x",
            E::UnexpectedByte {
                offset: 0,
                byte: b'x',
            },
        ),
        ("1.0", E::NonCanonicalNumber { offset: 0 }),
        ("[1,-0]", E::NonCanonicalNumber { offset: 3 }),
        ("01", E::NonCanonicalNumber { offset: 0 }),
        ("1e21", E::NonCanonicalNumber { offset: 0 }),
        ("1E+21", E::NonCanonicalNumber { offset: 0 }),
        ("1e400", E::NonCanonicalNumber { offset: 0 }),
        ("--1", E::NonCanonicalNumber { offset: 0 }),
        ("\"abc", E::UnexpectedEnd),
        ("\"a\\", E::UnexpectedEnd),
        ("\"\\u00", E::UnexpectedEnd),
        ("\"a\u{1}\"", E::NonCanonicalString { offset: 2 }),
        (r#""ab\/""#, E::NonCanonicalString { offset: 3 }),
        (r#""\u001F""#, E::NonCanonicalString { offset: 1 }),
        (r#""\u0008""#, E::NonCanonicalString { offset: 1 }),
        (r#""\u000a""#, E::NonCanonicalString { offset: 1 }),
        (r#""x\u0020""#, E::NonCanonicalString { offset: 2 }),
        (r#""\u00zz""#, E::NonCanonicalString { offset: 1 }),
        (r#""\x""#, E::NonCanonicalString { offset: 1 }),
        (
            "[1,]",
            E::UnexpectedByte {
                offset: 3,
                byte: b']',
            },
        ),
        (
            "[1 ]",
            E::UnexpectedByte {
                offset: 2,
                byte: b' ',
            },
        ),
        ("[1", E::UnexpectedEnd),
        ("[", E::UnexpectedEnd),
        ("{", E::UnexpectedEnd),
        (
            r#"{"a":1,}"#,
            E::UnexpectedByte {
                offset: 7,
                byte: b'}',
            },
        ),
        (
            r#"{"a"1}"#,
            E::UnexpectedByte {
                offset: 4,
                byte: b'1',
            },
        ),
        (
            r#"{"a":1 }"#,
            E::UnexpectedByte {
                offset: 6,
                byte: b' ',
            },
        ),
        (
            "{a:1}",
            E::UnexpectedByte {
                offset: 1,
                byte: b'a',
            },
        ),
        (r#"{"a":1,"a":2}"#, E::KeyOrder { offset: 7 }),
        (r#"{"b":1,"a":2}"#, E::KeyOrder { offset: 7 }),
        (r#"{"ab":1,"a":2}"#, E::KeyOrder { offset: 8 }),
        (r#"{"｡":1,"😀":2}"#, E::KeyOrder { offset: 9 }),
        (r#"{"\t":1,"\b":2}"#, E::KeyOrder { offset: 8 }),
        (r#"{"\u000b":1,"\n":2}"#, E::KeyOrder { offset: 12 }),
        (r#"{"]":1,"\\":2}"#, E::KeyOrder { offset: 7 }),
        (r##"{"#":1,"\"":2}"##, E::KeyOrder { offset: 7 }),
    ];
    for (text, want) in bad {
        assert_eq!(CanonicalStr::new(text), Err(want), "{text:?}");
    }
}

#[test]
fn checker_messages_name_the_offset() {
    let cases = [
        (E::UnexpectedEnd, "canonical JSON ends inside a value"),
        (
            E::UnexpectedByte {
                offset: 3,
                byte: b' ',
            },
            "unexpected byte 0x20 at offset 3 (canonical JSON has no whitespace)",
        ),
        (E::TrailingBytes { offset: 4 }, "trailing bytes at offset 4"),
        (
            E::NonCanonicalNumber { offset: 5 },
            "number at offset 5 is not in ECMAScript canonical form",
        ),
        (
            E::NonCanonicalString { offset: 6 },
            "string at offset 6 is not escaped canonically",
        ),
        (
            E::KeyOrder { offset: 7 },
            "object key at offset 7 is not in UTF-16 order after the previous key",
        ),
        (
            E::TooDeep { offset: 8 },
            "nesting deeper than 128 levels at offset 8",
        ),
    ];
    for (e, text) in cases {
        assert_eq!(e.to_string(), text);
    }
}

#[test]
fn escaped_keys_are_ordered_by_the_code_point_of_all_four_hex_digits() {
    // `\u0001` < `\u0010` < `\u001f`: each digit weighs sixteen times the
    // next, so reading any digit at the wrong weight reorders these keys.
    let ordered = r#"{"\u0001":1,"\u000e":2,"\u0010":3,"\u001f":4," ":5}"#;
    assert_eq!(CanonicalStr::new(ordered).map(|c| c.as_str()), Ok(ordered));
    let value: Value = serde_json::from_str(ordered).expect("valid JSON");
    assert_eq!(canonical_json(&value).as_deref(), Ok(ordered));
    for (text, offset) in [
        (r#"{"\u0010":1,"\u0001":2}"#, 12),
        (r#"{"\u001f":1,"\u0010":2}"#, 12),
        (r#"{"\u001f":1,"\u000e":2}"#, 12),
    ] {
        assert_eq!(CanonicalStr::new(text), Err(E::KeyOrder { offset }), "{text}");
    }
}

#[test]
fn integers_beyond_2_pow_53_take_the_shortest_digits_as_javascript_prints_them() {
    // Exact digits would be 1152921504606846976; `String(2 ** 60)` in
    // JavaScript prints the shortest round-trip digits, zero-padded.
    for (value, text) in [
        (2f64.powi(60), "1152921504606847000"),
        (-(2f64.powi(62)), "-4611686018427388000"),
        (2f64.powi(53), "9007199254740992"),
        (2f64.powi(53) - 1.0, "9007199254740991"),
    ] {
        let mut out = Vec::new();
        write_number(&mut out, value).expect("finite");
        assert_eq!(String::from_utf8(out).expect("ASCII"), text, "{value}");
    }
}
