#![no_main]
//! libFuzzer entry for `bodies/webhook_signature.rs` (replayed on stable by `tests/fuzz_replay.rs`).

use libfuzzer_sys::fuzz_target;

#[path = "../bodies/webhook_signature.rs"]
mod body;
#[path = "../bodies/reader.rs"]
mod reader;

fuzz_target!(|data: &[u8]| body::run(data));
