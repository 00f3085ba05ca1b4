//! Property tests of canonical JSON: output re-parses to the same value, is
//! idempotent and sorts keys by UTF-16 code units.

use pacspace_proof::canonical::canonical_json_str;
use pacspace_proof::canonical_json;
use proptest::prelude::*;
use serde_json::{Map, Number, Value};

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|i| Value::Number(i.into())),
        any::<f64>().prop_filter_map("finite", |f| Number::from_f64(f).map(Value::Number)),
        any::<String>().prop_map(Value::String),
        "[\\x00-\\x1f\"\\\\/\u{7f}é😀｡]{0,6}".prop_map(Value::String),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec(("[a-zA-Z0-9é😀｡\u{e000}\u{ffff}\u{10000}]{0,4}", inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<String, Value>>())),
        ]
    })
}

/// Structural equality with numbers compared as doubles (2 and 2.0 are one number).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// Every object's keys, in the order they appear in canonical text, are
/// strictly increasing by UTF-16 code units.
fn keys_sorted(v: &Value, text_order: &mut Vec<Vec<String>>) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| keys_sorted(i, text_order)),
        Value::Object(map) => {
            let mut keys: Vec<String> = map.keys().cloned().collect();
            keys.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
            text_order.push(keys.clone());
            keys.iter().for_each(|k| keys_sorted(&map[k], text_order));
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn reparses_to_same_value_and_is_idempotent(v in value()) {
        let c = canonical_json(&v).unwrap();
        let back: Value = serde_json::from_str(&c).unwrap();
        prop_assert!(same(&v, &back), "{} -> {}", v, c);
        prop_assert_eq!(canonical_json_str(&c).unwrap(), c.clone());
    }

    #[test]
    fn object_keys_in_utf16_order(v in value()) {
        let c = canonical_json(&v).unwrap();
        // Walk the canonical text's objects with a streaming parser that keeps key order.
        let mut de = serde_json::Deserializer::from_str(&c);
        let ordered = ordered_keys(&mut de);
        let mut expected = Vec::new();
        keys_sorted(&v, &mut expected);
        prop_assert_eq!(ordered, expected);
    }
}

/// Key sequences of every object in document order (pre-order), read from
/// canonical text without re-sorting.
fn ordered_keys(de: &mut serde_json::Deserializer<serde_json::de::StrRead<'_>>) -> Vec<Vec<String>> {
    use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
    struct Collect<'a>(&'a mut Vec<Vec<String>>);
    impl<'de> serde::de::DeserializeSeed<'de> for Collect<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }
    impl<'de> Visitor<'de> for Collect<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("json")
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<(), A::Error> {
            while a.next_element_seed(Collect(self.0))?.is_some() {}
            Ok(())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<(), A::Error> {
            let slot = self.0.len();
            self.0.push(Vec::new());
            while let Some(k) = a.next_key::<String>()? {
                self.0[slot].push(k);
                a.next_value_seed(Collect(self.0))?;
            }
            Ok(())
        }
    }
    let mut out = Vec::new();
    Collect(&mut out).deserialize(de).unwrap();
    out
}

#[test]
fn refuses_non_finite_and_too_deep() {
    assert!(canonical_json_str("1e400").is_err(), "beyond the double range");
    let deep = "[".repeat(200) + &"]".repeat(200);
    assert!(canonical_json_str(&deep).is_err());
    let mut v = Value::Null;
    for _ in 0..200 {
        v = Value::Array(vec![v]);
    }
    assert_eq!(
        canonical_json(&v),
        Err(pacspace_proof::canonical::CanonicalError::TooDeep {
            limit: pacspace_proof::canonical::MAX_DEPTH
        })
    );
}
