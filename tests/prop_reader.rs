//! Property tests of the reader that keeps lone surrogates and of the
//! canonical writer under options: the reader agrees with serde_json wherever
//! serde_json reads the text, never panics, and the JavaScript readings only
//! change what they are meant to change.

use pacspace_proof::canonical::{
    CanonicalError, CanonicalOptions, JsonString, JsonValue, KeyOrder, MAX_DEPTH, Strings, array_index,
    canonical_json_with,
};
use pacspace_proof::canonical_json;
use proptest::prelude::*;
use serde_json::{Map, Number, Value};

const JS: CanonicalOptions = CanonicalOptions {
    key_order: KeyOrder::JsObject,
    strings: Strings::Js,
};

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|i| Value::Number(i.into())),
        any::<f64>().prop_filter_map("finite", |f| Number::from_f64(f).map(Value::Number)),
        any::<String>().prop_map(Value::String),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9é😀｡\u{ffff}_]{0,4}",
        prop_oneof![
            Just("__proto__"),
            Just("4294967294"),
            Just("4294967295"),
            Just("01"),
            Just("-0")
        ]
        .prop_map(String::from),
        (0u32..2000).prop_map(|n| n.to_string()),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<String, Value>>())),
        ]
    })
}

/// JSON text with lone surrogates written as escapes in some strings.
fn text_with_lone_surrogates() -> impl Strategy<Value = String> {
    // Low surrogates, then one high one: no two of them form a pair.
    (
        value(),
        prop::collection::vec(0xdc00u16..=0xdfff, 0..3),
        0xd800u16..=0xdbff,
    )
        .prop_map(|(v, lows, high)| {
            let lone: String = lows
                .iter()
                .chain([&high])
                .map(|u| format!("\\u{u:04X}"))
                .collect();
            format!(r#"{{"s":"a{lone}b","v":{v},"k":{{"{lone}":1}}}}"#)
        })
}

fn keys_in_js_order(v: &JsonValue) -> bool {
    match v {
        JsonValue::Array(items) => items.iter().all(keys_in_js_order),
        JsonValue::Object(members) => {
            let keys: Vec<&JsonString> = members.iter().map(|(k, _)| k).collect();
            keys.iter().all(|k| k.as_str() != Some("__proto__"))
                && keys
                    .windows(2)
                    .all(|w| match (array_index(w[0]), array_index(w[1])) {
                        (Some(a), Some(b)) => a < b,
                        (Some(_), None) => true,
                        (None, Some(_)) => false,
                        (None, None) => w[0].cmp_code_units(w[1]).is_lt(),
                    })
                && members.iter().all(|(_, v)| keys_in_js_order(v))
        }
        _ => true,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn reader_and_rfc8785_agree_with_the_serde_path(v in value(), pretty in any::<bool>()) {
        let text = if pretty { serde_json::to_string_pretty(&v).unwrap() } else { v.to_string() };
        let read = JsonValue::parse(&text).unwrap();
        prop_assert_eq!(&read, &JsonValue::from_serde(&v).unwrap());
        prop_assert_eq!(canonical_json_with(&read, CanonicalOptions::RFC8785).unwrap(), canonical_json(&v).unwrap());
    }

    #[test]
    fn javascript_order_differs_only_by_index_keys_and_proto(v in value()) {
        let read = JsonValue::from_serde(&v).unwrap();
        let js = canonical_json_with(&read, JS).unwrap();
        let back = JsonValue::parse(&js).unwrap();
        prop_assert!(keys_in_js_order(&back), "{}", js);
        if !read.has_js_order_keys() {
            prop_assert_eq!(js, canonical_json(&v).unwrap());
        }
    }

    #[test]
    fn lone_surrogates_round_trip_under_js_and_are_refused_otherwise(text in text_with_lone_surrogates()) {
        let read = JsonValue::parse(&text).unwrap();
        prop_assert!(read.has_lone_surrogate());
        prop_assert!(serde_json::from_str::<Value>(&text).is_err());
        let refused = canonical_json_with(&read, CanonicalOptions::RFC8785);
        prop_assert!(matches!(refused, Err(CanonicalError::LoneSurrogate { .. })), "{:?}", refused);
        let js = CanonicalOptions { strings: Strings::Js, ..CanonicalOptions::RFC8785 };
        let out = canonical_json_with(&read, js).unwrap();
        // The escapes are lowercase and re-reading gives the same canonical text.
        prop_assert!(!out.contains("\\uD") && out.contains("\\ud"), "{}", out);
        prop_assert_eq!(canonical_json_with(&JsonValue::parse(&out).unwrap(), js).unwrap(), out);
    }

    #[test]
    fn reader_never_panics_and_accepts_what_serde_accepts(bytes in prop::collection::vec(any::<u8>(), 0..64),
                                                         seed in value()) {
        // Arbitrary text, and valid text with one byte changed.
        let arbitrary = String::from_utf8_lossy(&bytes).into_owned();
        let mut mutated = seed.to_string().into_bytes();
        let at = bytes.first().copied().unwrap_or(0) as usize % mutated.len().max(1);
        if let Some(b) = mutated.get_mut(at) {
            *b = bytes.get(1).copied().unwrap_or(b'"');
        }
        let mutated = String::from_utf8_lossy(&mutated).into_owned();
        for text in [arbitrary, mutated] {
            let ours = JsonValue::parse(&text);
            if let Ok(v) = serde_json::from_str::<Value>(&text) {
                // Same value (member order aside: serde_json's map sorts it).
                let ours = canonical_json_with(&ours.unwrap(), CanonicalOptions::RFC8785);
                prop_assert_eq!(ours, canonical_json(&v));
            } else if let Ok(v) = ours {
                // serde_json refuses only lone surrogates that the reader keeps.
                prop_assert!(v.has_lone_surrogate(), "{:?}", text);
            }
        }
    }
}

#[test]
fn nesting_is_bounded_like_max_depth() {
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(JsonValue::parse(&ok).is_ok());
    let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
    assert_eq!(
        JsonValue::parse(&deep),
        Err(CanonicalError::TooDeep { limit: MAX_DEPTH })
    );
    // Far deeper input: refused at the limit, no stack exhaustion.
    let hostile = "[{\"a\":".repeat(200_000);
    assert_eq!(
        JsonValue::parse(&hostile),
        Err(CanonicalError::TooDeep { limit: MAX_DEPTH })
    );
}

#[test]
fn duplicate_keys_keep_the_last_value_in_every_order() {
    let v = JsonValue::parse(r#"{"b":1,"10":[],"b":2,"9":0,"10":{"x":"\ud800"}}"#).unwrap();
    assert_eq!(v.get("b"), Some(&JsonValue::Number(2.0)));
    assert_eq!(
        canonical_json_with(&v, JS).unwrap(),
        r#"{"9":0,"10":{"x":"\ud800"},"b":2}"#
    );
    let js_strings = CanonicalOptions {
        strings: Strings::Js,
        ..CanonicalOptions::RFC8785
    };
    assert_eq!(
        canonical_json_with(&v, js_strings).unwrap(),
        r#"{"10":{"x":"\ud800"},"9":0,"b":2}"#
    );
}
