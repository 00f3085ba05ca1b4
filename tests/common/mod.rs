//! The in-repository known-answer vectors and a reference root for tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// Location of `merkle-v1.json`: `$PACSPACE_VECTORS`, or the copy kept in
/// `tests/data/`. A missing file fails the test: vectors are never optional.
pub fn vectors_path() -> PathBuf {
    if let Ok(p) = std::env::var("PACSPACE_VECTORS") {
        return PathBuf::from(p);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/merkle-v1.json")
}

pub fn load_vectors() -> serde_json::Value {
    let path = vectors_path();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read vectors at {}: {e} (set PACSPACE_VECTORS to another copy)",
            path.display()
        )
    });
    serde_json::from_str(&text).expect("vectors are JSON")
}

pub fn h(v: &serde_json::Value) -> pacspace_proof::Hash32 {
    v.as_str().expect("hash string").parse().expect("valid hash")
}

/// Reference root: the tree rule written out recursively, independent of
/// the library's loops.
pub fn reference_root(
    level: &[pacspace_proof::Hash32],
    enc: pacspace_proof::NodeEncoding,
) -> pacspace_proof::Hash32 {
    match level.len() {
        0 => pacspace_proof::Hash32::ZERO,
        1 => level[0],
        _ => {
            let next: Vec<_> = level
                .chunks(2)
                .map(|p| pacspace_proof::hashing::node_hash(enc, &p[0], p.get(1).unwrap_or(&p[0])))
                .collect();
            reference_root(&next, enc)
        }
    }
}
