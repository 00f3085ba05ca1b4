//! canonical(parse(canonical(x))) == canonical(x), and canonical form does
//! not depend on how the value was written (spacing, escapes, number
//! spelling).

use pacspace_proof::canonical::{CanonicalStr, canonical_json_str};
use pacspace_proof::canonical_json;
use serde_json::Value;

pub fn run(data: &[u8]) {
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return;
    };
    let Ok(first) = canonical_json(&value) else {
        return;
    };
    let second = canonical_json_str(&first).expect("canonical output must parse and canonicalise");
    assert_eq!(first, second, "canonical form is not a fixed point");

    // The same value spelled differently by serde_json (escapes, spacing,
    // number text) has the same canonical form.
    let spelled = serde_json::to_string(&value).expect("a parsed value serialises");
    assert_eq!(
        canonical_json_str(&spelled).expect("serde_json's output parses"),
        first,
        "canonical form depends on spelling: {spelled:?}"
    );
    assert!(CanonicalStr::new(&first).is_ok());
}
