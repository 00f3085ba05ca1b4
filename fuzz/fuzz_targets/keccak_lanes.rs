#![no_main]
//! libFuzzer entry for `bodies/keccak_lanes.rs`.

use libfuzzer_sys::fuzz_target;

#[path = "../bodies/keccak_lanes.rs"]
mod body;
#[path = "../bodies/reader.rs"]
mod reader;

fuzz_target!(|data: &[u8]| body::run(data));
