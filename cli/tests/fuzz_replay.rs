//! Replays every fuzz corpus and regression input on stable Rust, through the
//! same target bodies the fuzzers run (`fuzz/bodies/`), so CI exercises the
//! never-panic and never-accept-a-forgery properties on every run without a
//! nightly toolchain. See `fuzz/README.md`.

use std::path::{Path, PathBuf};

#[path = "../../fuzz/bodies/canonical_json.rs"]
mod canonical_json;
#[path = "../../fuzz/bodies/canonical_roundtrip.rs"]
mod canonical_roundtrip;
#[path = "../../fuzz/bodies/chain_scanner.rs"]
mod chain_scanner;
#[path = "../../fuzz/bodies/cli_input.rs"]
mod cli_input;
#[path = "../../fuzz/bodies/keccak_lanes.rs"]
mod keccak_lanes;
#[path = "../../fuzz/bodies/prove_verify.rs"]
mod prove_verify;
#[path = "../../fuzz/bodies/receipts.rs"]
mod receipts;
#[path = "../../fuzz/bodies/verify_proof.rs"]
mod verify_proof;
#[path = "../../fuzz/bodies/webhook_signature.rs"]
mod webhook_signature;

// Shared by several bodies.
#[path = "../../fuzz/bodies/reader.rs"]
mod reader;
#[path = "../../fuzz/bodies/reference.rs"]
mod reference;

// The binary's own modules, as `cli_input` uses them.
#[path = "../src/cli.rs"]
#[allow(dead_code)]
mod cli;
#[path = "../src/input.rs"]
#[allow(dead_code)]
mod input;
#[path = "../src/output.rs"]
#[allow(dead_code)]
mod output;
#[path = "../src/verbs/mod.rs"]
#[allow(dead_code)]
mod verbs;

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Runs `body` on every file of `fuzz/corpus/<target>` and
/// `fuzz/regressions/<target>`; fails naming every input that panicked.
fn replay(target: &str, body: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let corpus = files(&root.join("corpus").join(target));
    assert!(!corpus.is_empty(), "no corpus for fuzz target {target}");
    let regressions = files(&root.join("regressions").join(target));
    let mut failed = Vec::new();
    for path in corpus.iter().chain(&regressions) {
        let data = std::fs::read(path).expect("readable corpus file");
        if std::panic::catch_unwind(|| body(&data)).is_err() {
            failed.push(path.display().to_string());
        }
    }
    assert!(
        failed.is_empty(),
        "{target}: {} input(s) failed: {failed:#?}",
        failed.len()
    );
}

#[test]
fn canonical_json_corpus() {
    replay("canonical_json", canonical_json::run);
}

#[test]
fn chain_scanner_corpus() {
    replay("chain_scanner", chain_scanner::run);
}

#[test]
fn canonical_roundtrip_corpus() {
    replay("canonical_roundtrip", canonical_roundtrip::run);
}

#[test]
fn verify_proof_corpus() {
    replay("verify_proof", verify_proof::run);
}

#[test]
fn prove_verify_corpus() {
    replay("prove_verify", prove_verify::run);
}

#[test]
fn receipts_corpus() {
    replay("receipts", receipts::run);
}

#[test]
fn webhook_signature_corpus() {
    replay("webhook_signature", webhook_signature::run);
}

#[test]
fn cli_input_corpus() {
    replay("cli_input", cli_input::run);
}

#[test]
fn keccak_lanes_corpus() {
    replay("keccak_lanes", keccak_lanes::run);
}
