//! Reading input: a file, or standard input for `-`; JSON parsing; leaves;
//! the submitted deltas of `--items`.
//!
//! At most one argument of an invocation may read standard input; the
//! command line refuses more before anything is read (`crate::cli`).

use pacspace_proof::Hash32;
use pacspace_proof::receipt::SubmittedDelta;
use pacspace_proof::tree::{json_kind, leaves_from_json};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// Whether `path` names standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// How `path` is named in messages.
pub fn describe(path: &Path) -> String {
    if is_stdin(path) {
        "standard input".into()
    } else {
        path.display().to_string()
    }
}

/// The exact bytes of `path` (`-`: standard input).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let read = if is_stdin(path) {
        std::io::stdin().read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes))
    };
    read.map_err(|e| format!("cannot read {}: {e}", describe(path)))?;
    Ok(bytes)
}

/// The text of `path` (`-`: standard input); it must be UTF-8.
pub fn read_text(path: &Path) -> Result<String, String> {
    String::from_utf8(read_bytes(path)?).map_err(|_| format!("{} is not UTF-8 text", describe(path)))
}

/// A buffered reader over `path` (`-`: standard input) and its length when known.
/// Its buffer is small: the chain check asks for chunks of 32 KiB or more,
/// which a `BufReader` hands straight to the file (no copy) when they are at
/// least as large as its buffer.
pub fn open_reader(path: &Path) -> Result<(Box<dyn BufRead>, Option<u64>), String> {
    if is_stdin(path) {
        return Ok((Box::new(std::io::stdin().lock()), None));
    }
    let f = std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let len = f.metadata().ok().map(|m| m.len());
    Ok((Box::new(BufReader::with_capacity(8 << 10, f)), len))
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

/// The deltas of `--items` (one delta object or an array, in order); none
/// when the option is absent.
pub fn read_deltas(path: Option<&Path>) -> Result<Vec<SubmittedDelta>, String> {
    let Some(path) = path else {
        return Ok(Vec::new());
    };
    let text = read_text(path).map_err(|e| format!("--items: {e}"))?;
    // Read as JSON.parse reads it: a delta holding a lone surrogate can still
    // be matched under the JavaScript string reading.
    SubmittedDelta::list_from_json(&text).map_err(|e| format!("--items {}: {e}", describe(path)))
}

/// A 0x root given on the command line as `flag`.
pub fn parse_root(flag: &str, text: Option<&str>) -> Result<Option<Hash32>, String> {
    text.map(Hash32::parse)
        .transpose()
        .map_err(|e| format!("{flag}: {e}"))
}
