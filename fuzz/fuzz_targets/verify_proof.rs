#![no_main]
//! libFuzzer entry for `bodies/verify_proof.rs` (replayed on stable by `tests/fuzz_replay.rs`).

use libfuzzer_sys::fuzz_target;

#[path = "../bodies/verify_proof.rs"]
mod body;
#[path = "../bodies/reader.rs"]
mod reader;
#[path = "../bodies/reference.rs"]
mod reference;

fuzz_target!(|data: &[u8]| body::run(data));
