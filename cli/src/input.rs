//! Reading JSON input from a file or standard input, and turning it into leaves.

use pacspace_proof::Hash32;
use pacspace_proof::tree::{json_kind, leaves_from_json};
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
    leaves_from_json(value).map_err(|e| e.to_string())
}

/// A JSON type's name for messages.
pub fn kind(v: &Value) -> &'static str {
    json_kind(v)
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
