//! Arbitrary bytes as JSON text: canonicalising never panics, its output is
//! canonical by the independent no-alloc checker, and the checker and the
//! writer agree on which texts are already canonical.

use pacspace_proof::canonical::{CanonicalStr, canonical_json_str};
use pacspace_proof::hashing::item_hash_canonical;
use pacspace_proof::item_hash;

pub fn run(data: &[u8]) {
    // The no-alloc checker takes any text, canonical or not.
    let text = match core::str::from_utf8(data) {
        Ok(t) => t,
        Err(_) => &String::from_utf8_lossy(data),
    };
    let checked = CanonicalStr::new(text);
    if let Err(e) = &checked {
        let _ = e.to_string();
    }

    match canonical_json_str(text) {
        Ok(canonical) => {
            if let Err(e) = CanonicalStr::new(&canonical) {
                panic!("canonical output {canonical:?} fails the checker: {e}");
            }
            // Text the checker accepts is its own canonical form.
            if checked.is_ok() {
                assert_eq!(canonical, text, "checker accepted a text the writer rewrites");
            }
            // The streamed item hash is the hash of the canonical text.
            let value: serde_json::Value = serde_json::from_str(text).expect("parsed once already");
            assert_eq!(
                item_hash(&value).expect("canonicalised once already"),
                item_hash_canonical(canonical.as_bytes())
            );
        }
        Err(e) => {
            let _ = e.to_string();
            assert!(
                checked.is_err(),
                "checker accepted {text:?}, the writer refused it: {e}"
            );
        }
    }
}
