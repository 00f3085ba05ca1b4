//! Helpers of the `--anchor` tests: scripted transactions holding a given
//! root, JSON output, and a loopback address where nothing listens.
#![allow(dead_code)]

use crate::common::out;
use crate::ledger_support::Tx;
use serde_json::Value;
use std::process::Output;

/// The itemsRoot of examples/receipts/emit.json (and of the webhook sample).
pub const EMIT_ROOT: &str = "0x78c1055a57dc9eba355b66db3096089c48ad6c69f6b51154c5b1f3060cbbeb0f";

pub fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", out(o)))
}

pub fn ledger_check(v: &Value) -> &Value {
    v["checks"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["name"] == "ledger anchor"))
        .unwrap_or_else(|| panic!("no ledger anchor check in {v:#}"))
}

/// A successful transaction with `root` at call-data offset 36, at
/// consensus time `secs` (its block starting a second earlier).
pub fn tx_with(root: &str, secs: u64) -> Tx {
    let mut tx = Tx::with_root_in_call_data();
    let root: pacspace_proof::Hash32 = root.parse().unwrap();
    tx.input.truncate(36);
    tx.input.extend(root.as_bytes());
    tx.consensus_secs = secs;
    tx.block_secs = secs - 1;
    tx
}

/// 2026-01-01T00:01:40Z: after every sample's receivedAt / submittedAt.
pub const AFTER_SAMPLES: u64 = 1_767_225_700;

pub fn nothing_listening() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", l.local_addr().expect("addr"));
    drop(l);
    url
}
