//! Loading the shared known-answer vectors at test time.
#![allow(dead_code)]

use std::path::PathBuf;

/// Location of `merkle-v1.json`: `$PACSPACE_VECTORS` or `../shared/vectors/`
/// beside the repository. A missing file fails the test: vectors are never optional.
pub fn vectors_path() -> PathBuf {
    if let Ok(p) = std::env::var("PACSPACE_VECTORS") {
        return PathBuf::from(p);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/vectors/merkle-v1.json")
}

pub fn load_vectors() -> serde_json::Value {
    let path = vectors_path();
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read vectors at {}: {e}", path.display()));
    serde_json::from_str(&text).expect("vectors are JSON")
}

pub fn h(v: &serde_json::Value) -> pacspace_proof::Hash32 {
    v.as_str().expect("hash string").parse().expect("valid hash")
}
