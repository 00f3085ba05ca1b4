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

/// Reference root: the rule of SPEC section 4 written out recursively,
/// independent of the library's loops.
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
                .map(|p| pacspace_proof::node_hash(enc, &p[0], p.get(1).unwrap_or(&p[0])))
                .collect();
            reference_root(&next, enc)
        }
    }
}

/// Runs the built `pacspace-verify` with `args`, feeding `stdin` and setting `envs`.
pub fn run_cli(args: &[&str], stdin: &[u8], envs: &[(&str, &str)]) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_pacspace-verify"))
        .args(args)
        .envs(envs.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut input = child.stdin.take().expect("stdin");
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().expect("wait");
    writer.join().expect("writer");
    out
}
