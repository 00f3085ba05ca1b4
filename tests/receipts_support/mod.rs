//! Helpers for the receipt tests: the bundled samples, JSON tampering, and
//! failure extraction so each test can name the exact reason it expects.
#![allow(dead_code)]

use pacspace_proof::Report;
use pacspace_proof::receipt::{Failure, Outcome, SubmittedDelta};
use serde_json::Value;
use std::path::PathBuf;

pub fn sample_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples/receipts")
        .join(name)
}

pub fn sample(name: &str) -> String {
    let p = sample_path(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

pub fn sample_json(name: &str) -> Value {
    serde_json::from_str(&sample(name)).expect("sample is JSON")
}

pub fn deltas(name: &str) -> Vec<SubmittedDelta> {
    SubmittedDelta::list_from_value(&sample_json(name)).expect("sample deltas")
}

/// `(signature, timestamp)` from `webhook.headers`.
pub fn webhook_headers() -> (String, String) {
    let text = sample("webhook.headers");
    let get = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(": ")))
            .unwrap_or_else(|| panic!("{name} missing"))
            .to_string()
    };
    (get("X-PacSpace-Signature"), get("X-PacSpace-Timestamp"))
}

/// Sets the value at a JSON pointer.
pub fn set(v: &Value, pointer: &str, new: Value) -> Value {
    let mut v = v.clone();
    *v.pointer_mut(pointer).unwrap_or_else(|| panic!("no {pointer}")) = new;
    v
}

/// The hash text at `pointer` with its last hex digit changed.
pub fn flip_hash(v: &Value, pointer: &str) -> Value {
    let old = v.pointer(pointer).and_then(Value::as_str).expect("hash string");
    let mut s = old.to_string();
    let last = s.pop().expect("non-empty");
    s.push(if last == '0' { '1' } else { '0' });
    set(v, pointer, Value::String(s))
}

/// Every failed check as `(check name, failure)`.
pub fn failures(r: &Report) -> Vec<(String, Failure)> {
    r.checks
        .iter()
        .filter_map(|c| match &c.outcome {
            Outcome::Fail { failure } => Some((c.name.clone(), failure.clone())),
            _ => None,
        })
        .collect()
}

/// The check named `name`.
pub fn check<'a>(r: &'a Report, name: &str) -> &'a Outcome {
    &r.checks
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no check {name:?} in\n{r}"))
        .outcome
}

/// Names of the failed checks, in order.
pub fn failed_names(r: &Report) -> Vec<String> {
    failures(r).into_iter().map(|(n, _)| n).collect()
}
