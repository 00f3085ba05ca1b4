//! Reading JSON input from a file or standard input, and turning it into leaves.

use pacspace_proof::{Hash32, item_hash};
use serde_json::Value;
use std::io::Read;
use std::path::PathBuf;

/// Reads the whole input: FILE, or standard input for none or `-`.
pub fn read_input(file: &Option<PathBuf>) -> Result<String, String> {
    let mut text = String::new();
    match file {
        Some(p) if p.as_os_str() != "-" => {
            std::fs::File::open(p)
                .and_then(|mut f| f.read_to_string(&mut text))
                .map_err(|e| format!("cannot read {}: {e}", p.display()))?;
        }
        _ => {
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
        }
    }
    Ok(text)
}

/// Parses JSON text (numbers as doubles, as JavaScript does).
pub fn parse(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| format!("input is not valid JSON: {e}"))
}

/// Leaves from a JSON array whose elements are item objects or 0x item hashes.
pub fn leaves(value: &Value) -> Result<Vec<Hash32>, String> {
    let items = value.as_array().ok_or_else(|| {
        format!(
            "expected a JSON array of items or item hashes, found {}",
            kind(value)
        )
    })?;
    items
        .iter()
        .enumerate()
        .map(|(i, v)| match v {
            Value::String(s) => Hash32::parse(s).map_err(|e| format!("element {i}: {e}")),
            Value::Object(_) => item_hash(v).map_err(|e| format!("element {i}: {e}")),
            other => Err(format!(
                "element {i}: expected an item object or a 0x item hash, found {}",
                kind(other)
            )),
        })
        .collect()
}

/// A JSON type's name for messages.
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Writes one line to standard output; a closed pipe or full disk is an error
/// (exit 2), never a panic.
pub fn emit(line: impl std::fmt::Display) -> Result<(), String> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}")
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write output: {e}"))
}
