#![no_main]
//! libFuzzer entry for `bodies/chain_scanner.rs` (replayed on stable by `tests/fuzz_replay.rs`).

use libfuzzer_sys::fuzz_target;

#[path = "../bodies/chain_scanner.rs"]
mod body;

fuzz_target!(|data: &[u8]| body::run(data));
