#![no_main]
//! libFuzzer entry for `bodies/canonical_roundtrip.rs` (replayed on stable by `tests/fuzz_replay.rs`).

use libfuzzer_sys::fuzz_target;

#[path = "../bodies/canonical_roundtrip.rs"]
mod body;

fuzz_target!(|data: &[u8]| body::run(data));
