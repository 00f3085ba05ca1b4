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

/// Serialises the tests of one binary that force a Keccak path (the
/// selection is process-wide).
static FORCING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Puts the path back as it was, even when the test body panics.
struct RestoreBackend(pacspace_proof::hashing::Backend);

impl Drop for RestoreBackend {
    fn drop(&mut self) {
        pacspace_proof::hashing::force_backend(self.0).expect("the previous path is available");
    }
}

/// Runs `body` with every Keccak path this CPU has forced in turn (scalar,
/// AVX2, AVX-512); prints a notice for each one it lacks. Returns the paths run.
pub fn for_each_backend(
    mut body: impl FnMut(pacspace_proof::hashing::Backend),
) -> Vec<pacspace_proof::hashing::Backend> {
    use pacspace_proof::hashing::{Backend, backend, force_backend};
    let _lock = FORCING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let _restore = RestoreBackend(backend());
    let mut ran = Vec::new();
    for b in Backend::ALL {
        match force_backend(b) {
            Ok(()) => {
                assert_eq!(backend(), b);
                body(b);
                ran.push(b);
            }
            Err(e) => println!("skipping the {b} path: {e}"),
        }
    }
    ran
}

/// Keccak-256 by the `sha3` crate: the independent reference.
pub fn sha3_keccak(data: &[u8]) -> pacspace_proof::Hash32 {
    use sha3::Digest;
    pacspace_proof::Hash32::from_bytes(sha3::Keccak256::digest(data).into())
}

/// The node message of docs/spec.md section 5 under `enc`, written out plainly.
pub fn node_message(
    enc: pacspace_proof::NodeEncoding,
    l: &pacspace_proof::Hash32,
    r: &pacspace_proof::Hash32,
) -> Vec<u8> {
    use pacspace_proof::NodeEncoding;
    match enc {
        NodeEncoding::Bytes => [b"pacspace:node:v1:".as_slice(), l.as_bytes(), r.as_bytes()].concat(),
        NodeEncoding::Hex0x => format!("pacspace:node:v1:{l}{r}").into_bytes(),
        NodeEncoding::Hex => format!("pacspace:node:v1:{l}{r}").replace("0x", "").into_bytes(),
    }
}
