//! Every known answer in tests/data/variants-v1.json (written by
//! tests/data/gen/gen_variants.py from the official SDK, Node and
//! pycryptodome): canonical options, item-mapping variants, SHA3-256 near
//! misses, summary wire deltas, Python float reprs and timestamps.

use pacspace_proof::ItemMapping;
use pacspace_proof::canonical::{
    CanonicalOptions, JsonString, JsonValue, KeyOrder, Strings, canonical_json_str_with, canonical_json_with,
};
use pacspace_proof::hashing::sha3_256;
use pacspace_proof::item::{
    AdjustsField, AmountKey, ReferenceIdAbsent, SummaryOptions, normalize_timestamp, python_float_repr,
    wire_delta,
};
use pacspace_proof::receipt::{SubmittedDelta, find_mapping};
use serde_json::Value;
use std::path::PathBuf;

fn vectors() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/variants-v1.json");
    let text = std::fs::read_to_string(&path).expect("tests/data/variants-v1.json");
    serde_json::from_str(&text).expect("vectors are JSON")
}

fn cases<'a>(v: &'a Value, key: &str, at_least: usize) -> &'a Vec<Value> {
    let list = v[key].as_array().expect(key);
    assert!(list.len() >= at_least, "{key}: {} cases", list.len());
    list
}

fn options(key_order: &str, strings: &str) -> CanonicalOptions {
    CanonicalOptions {
        key_order: key_order.parse().expect("key order"),
        strings: strings.parse().expect("strings"),
    }
}

fn mapping(m: &Value) -> ItemMapping {
    let s = |k: &str| m[k].as_str().expect(k);
    ItemMapping {
        amount_key: if s("amountKey") == "amount" {
            AmountKey::Amount
        } else {
            AmountKey::Delta
        },
        absent_reference: if s("absentReferenceId") == "null" {
            ReferenceIdAbsent::Null
        } else {
            ReferenceIdAbsent::Omit
        },
        adjusts: if s("adjusts") == "include" {
            AdjustsField::Include
        } else {
            AdjustsField::Omit
        },
        canonical: options(s("keyOrder"), s("strings")),
    }
}

#[test]
fn canonical_under_every_option() {
    let v = vectors();
    let mut compared = 0;
    for case in cases(&v, "canonical", 10) {
        let text = case["text"].as_str().expect("text");
        for (group, key_order) in [("codeUnits", "code-units"), ("jsObject", "js-object")] {
            for strings in ["refuse", "js"] {
                let got = canonical_json_str_with(text, options(key_order, strings));
                match case[group][strings].as_str() {
                    Some(want) => assert_eq!(got.as_deref(), Ok(want), "{text} {key_order} {strings}"),
                    None => assert!(
                        got.is_err(),
                        "{text} {key_order} {strings}: expected a refusal, got {got:?}"
                    ),
                }
                compared += 1;
            }
        }
    }
    assert!(compared >= 40);
}

#[test]
fn rfc8785_default_agrees_with_the_serde_path() {
    // Where serde_json reads the text, the default options give what canonical_json gives.
    let v = vectors();
    for case in cases(&v, "canonical", 10) {
        let text = case["text"].as_str().expect("text");
        if let Ok(value) = serde_json::from_str::<Value>(text) {
            let old = pacspace_proof::canonical_json(&value);
            let new = canonical_json_str_with(text, CanonicalOptions::RFC8785);
            assert_eq!(old.ok(), new.ok(), "{text}");
        }
    }
}

#[test]
fn item_hashes_under_every_mapping_variant() {
    let v = vectors();
    let mut hashed = 0;
    let mut refused = 0;
    for case in cases(&v, "items", 5) {
        let delta = SubmittedDelta::from_json(case["delta"].as_str().expect("delta")).expect("delta reads");
        let hashes = case["hashes"].as_array().expect("hashes");
        assert_eq!(hashes.len(), ItemMapping::VARIANTS.len());
        for h in hashes {
            let m = mapping(&h["mapping"]);
            match h["itemHash"].as_str() {
                Some(want) => {
                    let item = delta.item_value(m);
                    assert_eq!(
                        canonical_json_with(&item, m.canonical).expect("canonical"),
                        h["canonical"].as_str().expect("canonical"),
                        "{m}"
                    );
                    assert_eq!(delta.item_hash(m).expect("hash").to_string(), want, "{m}");
                    let sha3 = h["sha3ItemHash"].as_str().expect("sha3");
                    assert_eq!(delta.item_hash_sha3(m).expect("sha3").to_string(), sha3, "{m}");
                    // Detection finds a mapping that gives the same hash
                    // (the first in VARIANTS order; several may coincide).
                    let want_hash = want.parse().expect("hash");
                    let (found, _) = find_mapping(&delta, |x| *x == want_hash).expect("detected");
                    assert_eq!(
                        delta.item_hash(found).expect("hash"),
                        want_hash,
                        "{m} detected as {found}"
                    );
                    assert!(
                        ItemMapping::VARIANTS.iter().position(|x| *x == found)
                            <= ItemMapping::VARIANTS.iter().position(|x| *x == m)
                    );
                    hashed += 1;
                }
                None => {
                    assert!(delta.item_hash(m).is_err(), "{m}: expected a refusal");
                    refused += 1;
                }
            }
        }
    }
    assert!(
        hashed >= 100 && refused >= 16,
        "{hashed} hashed, {refused} refused"
    );
}

#[test]
fn summaries_become_the_wire_delta_the_sdk_sends() {
    let v = vectors();
    let js = CanonicalOptions {
        key_order: KeyOrder::CodeUnits,
        strings: Strings::Js,
    };
    let (mut sent, mut refused) = (0, 0);
    for case in cases(&v, "summaries", 6) {
        let summary = JsonValue::parse(case["summary"].as_str().expect("summary")).expect("summary JSON");
        let opts = SummaryOptions {
            profile: case["profile"].as_str().expect("profile"),
            default_reason: case["defaultReason"].as_str().expect("defaultReason"),
        };
        let got = wire_delta(&summary, &opts);
        match case["wireDelta"].as_str() {
            Some(want) => {
                let got = got.unwrap_or_else(|e| panic!("{summary:?}: {e}"));
                assert_eq!(canonical_json_with(&got, js).expect("canonical"), want);
                sent += 1;
            }
            None => {
                assert!(got.is_err(), "{summary:?}: the SDK refuses it, got {got:?}");
                refused += 1;
            }
        }
    }
    assert!(sent >= 4 && refused >= 3);
}

#[test]
fn python_float_repr_and_timestamps() {
    let v = vectors();
    for case in cases(&v, "pythonFloats", 10) {
        let value: f64 = case["value"].as_str().expect("value").parse().expect("float");
        let mut out = String::new();
        assert!(python_float_repr(&mut out, value));
        assert_eq!(out, case["repr"].as_str().expect("repr"));
    }
    for case in cases(&v, "timestamps", 10) {
        let text = case["text"].as_str().expect("text");
        match case["normalized"].as_str() {
            Some(want) => assert_eq!(normalize_timestamp(text).as_deref(), Ok(want), "{text:?}"),
            None => assert!(normalize_timestamp(text).is_err(), "{text:?}"),
        }
    }
}

#[test]
fn sha3_known_answers() {
    let v = vectors();
    for case in cases(&v, "sha3", 3) {
        let input = hex_bytes(case["input"].as_str().expect("input"));
        assert_eq!(
            sha3_256(&input).to_string(),
            case["sha3_256"].as_str().expect("digest")
        );
    }
}

#[test]
fn lone_surrogates_survive_reading_and_writing() {
    let mut s = JsonString::from("x");
    s.push_code_unit(0xdbff);
    let v = JsonValue::Array(vec![JsonValue::String(s)]);
    let js = CanonicalOptions {
        strings: Strings::Js,
        ..Default::default()
    };
    let text = canonical_json_with(&v, js).expect("js strings");
    assert_eq!(text, r#"["x\udbff"]"#);
    assert_eq!(JsonValue::parse(&text).expect("reads back"), v);
}

fn hex_bytes(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}
