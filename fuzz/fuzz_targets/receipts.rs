#![no_main]
//! libFuzzer entry for `bodies/receipts.rs` (replayed on stable by `tests/fuzz_replay.rs`).

use libfuzzer_sys::fuzz_target;

#[path = "../bodies/receipts.rs"]
mod body;

fuzz_target!(|data: &[u8]| body::run(data));
