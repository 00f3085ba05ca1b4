//! The no-alloc canonical-form checker agrees with the canonicaliser: a text
//! passes `CanonicalStr::new` exactly when canonicalising it changes nothing.

use pacspace_proof::canonical::{CanonicalStr, CanonicalTextError, canonical_json_str};
use pacspace_proof::canonical_json;
use proptest::prelude::*;
use serde_json::{Map, Number, Value};

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|i| Value::Number(i.into())),
        any::<f64>().prop_filter_map("finite", |f| Number::from_f64(f).map(Value::Number)),
        "[\\x00-\\x1f\"\\\\/a-z\u{7f}é😀｡]{0,6}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("[a-cé😀｡\u{e000}\u{10000}]{0,3}", inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<String, Value>>())),
        ]
    })
}

/// Small edits that usually (not always) break canonical form.
fn mutate(text: &str, at: usize, kind: u8) -> String {
    let mut s = text.to_owned();
    let mut at = at % (s.len() + 1);
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    let insert = match kind % 8 {
        0 => " ",
        1 => ".0",
        2 => "\\/",
        3 => "\\u0041",
        4 => "E",
        5 => ",",
        6 => "\"\":1,",
        _ => {
            s.remove(at.min(s.len().saturating_sub(1)));
            return s;
        }
    };
    s.insert_str(at, insert);
    s
}

fn agrees(text: &str) -> Result<(), TestCaseError> {
    let checked = CanonicalStr::new(text).is_ok();
    let fixed_point = canonical_json_str(text).is_ok_and(|c| c == text);
    prop_assert_eq!(checked, fixed_point, "text {:?}", text);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn canonical_output_passes(v in value()) {
        let c = canonical_json(&v).unwrap();
        prop_assert_eq!(CanonicalStr::new(&c).map(|s| s.as_str()), Ok(c.as_str()));
    }

    #[test]
    fn checker_agrees_with_canonicaliser_on_edited_texts(v in value(), at in any::<usize>(), kind in any::<u8>()) {
        let c = canonical_json(&v).unwrap();
        agrees(&mutate(&c, at, kind))?;
    }

    #[test]
    fn checker_agrees_on_pretty_and_reordered_texts(v in value()) {
        agrees(&serde_json::to_string_pretty(&v).unwrap())?;
        agrees(&serde_json::to_string(&v).unwrap())?;
    }
}

#[test]
fn specific_refusals() {
    use CanonicalTextError::*;
    assert_eq!(CanonicalStr::new(r#"{"a":1,"a":2}"#), Err(KeyOrder { offset: 7 }));
    assert_eq!(
        CanonicalStr::new(r#"{"😀":1,"｡":2}"#).map(|s| s.as_str()),
        Ok(r#"{"😀":1,"｡":2}"#)
    );
    assert_eq!(
        CanonicalStr::new(r#"{"｡":1,"😀":2}"#),
        Err(KeyOrder { offset: 9 })
    );
    assert_eq!(CanonicalStr::new("[-0]"), Err(NonCanonicalNumber { offset: 1 }));
    assert_eq!(CanonicalStr::new("1e21"), Err(NonCanonicalNumber { offset: 0 }));
    assert!(CanonicalStr::new("1e+21").is_ok());
    assert_eq!(CanonicalStr::new("1e400"), Err(NonCanonicalNumber { offset: 0 }));
    assert_eq!(
        CanonicalStr::new(r#""\u001F""#),
        Err(NonCanonicalString { offset: 1 })
    );
    assert_eq!(
        CanonicalStr::new(r#""\u000a""#),
        Err(NonCanonicalString { offset: 1 })
    );
    assert!(CanonicalStr::new(r#""\u001f\n""#).is_ok());
    assert_eq!(CanonicalStr::new("\"\t\""), Err(NonCanonicalString { offset: 1 }));
    assert_eq!(CanonicalStr::new("[1] "), Err(TrailingBytes { offset: 3 }));
    assert_eq!(CanonicalStr::new("[1,"), Err(UnexpectedEnd));
    assert_eq!(CanonicalStr::new(""), Err(UnexpectedEnd));
    let deep = "[".repeat(129) + &"]".repeat(129);
    assert_eq!(CanonicalStr::new(&deep), Err(TooDeep { offset: 128 }));
    let ok = "[".repeat(128) + &"]".repeat(128);
    assert!(CanonicalStr::new(&ok).is_ok());
}
