#![no_main]
//! libFuzzer entry for `bodies/cli_input.rs` (replayed on stable by `tests/fuzz_replay.rs`).
//!
//! The binary's own argument and input modules are compiled in here, as they
//! are in the binary, so the fuzzer parses exactly what `pacspace-verify` parses.

use libfuzzer_sys::fuzz_target;

#[path = "../../cli/src/cli.rs"]
#[allow(dead_code)]
mod cli;
#[path = "../../cli/src/input.rs"]
#[allow(dead_code)]
mod input;
#[path = "../../cli/src/output.rs"]
#[allow(dead_code)]
mod output;
#[path = "../../cli/src/verbs/mod.rs"]
#[allow(dead_code)]
mod verbs;

#[path = "../bodies/cli_input.rs"]
mod body;

fuzz_target!(|data: &[u8]| body::run(data));
