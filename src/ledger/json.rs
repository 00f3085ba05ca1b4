//! Reading fields of a source's JSON answer with errors naming the field.

use super::evidence::{Log, NoAnswer};
use super::hexfield::{self, EvmAddress};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::{Map, Value};

pub(crate) type Obj = Map<String, Value>;

pub(crate) fn shape(field: &str, why: impl ToString) -> NoAnswer {
    NoAnswer::Shape {
        field: field.to_string(),
        why: why.to_string(),
    }
}

pub(crate) fn parse_body(body: &str) -> Result<Value, NoAnswer> {
    serde_json::from_str(body).map_err(|e| NoAnswer::NotJson(e.to_string()))
}

pub(crate) fn as_object<'a>(v: &'a Value, path: &str) -> Result<&'a Obj, NoAnswer> {
    v.as_object().ok_or_else(|| shape(path, "not a JSON object"))
}

fn path(prefix: &str, field: &str) -> String {
    if prefix.is_empty() {
        field.to_string()
    } else {
        format!("{prefix}.{field}")
    }
}

/// A string field that may be absent or `null`.
pub(crate) fn opt_str<'a>(o: &'a Obj, prefix: &str, field: &str) -> Result<Option<&'a str>, NoAnswer> {
    match o.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(shape(&path(prefix, field), "not a string")),
    }
}

/// A string field that must be present.
pub(crate) fn req_str<'a>(o: &'a Obj, prefix: &str, field: &str) -> Result<&'a str, NoAnswer> {
    opt_str(o, prefix, field)?.ok_or_else(|| shape(&path(prefix, field), "missing"))
}

/// A non-negative integer field that may be absent or `null`.
pub(crate) fn opt_u64(o: &Obj, prefix: &str, field: &str) -> Result<Option<u64>, NoAnswer> {
    match o.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_u64()
            .map(Some)
            .ok_or_else(|| shape(&path(prefix, field), "not a non-negative integer")),
    }
}

/// Hex byte string (absent or `null` is empty).
pub(crate) fn opt_data(o: &Obj, prefix: &str, field: &str) -> Result<Vec<u8>, NoAnswer> {
    match opt_str(o, prefix, field)? {
        None => Ok(Vec::new()),
        Some(s) => hexfield::decode_data(s).map_err(|e| shape(&path(prefix, field), e)),
    }
}

/// JSON-RPC quantity field that may be absent or `null`.
pub(crate) fn opt_quantity(o: &Obj, prefix: &str, field: &str) -> Result<Option<u64>, NoAnswer> {
    match opt_str(o, prefix, field)? {
        None => Ok(None),
        Some(s) => hexfield::parse_quantity(s)
            .map(Some)
            .map_err(|e| shape(&path(prefix, field), e)),
    }
}

/// EVM address field that may be absent or `null`.
pub(crate) fn opt_address(o: &Obj, prefix: &str, field: &str) -> Result<Option<EvmAddress>, NoAnswer> {
    match opt_str(o, prefix, field)? {
        None => Ok(None),
        Some(s) => s
            .parse::<EvmAddress>()
            .map(Some)
            .map_err(|e| shape(&path(prefix, field), e)),
    }
}

/// A `logs` array (absent or `null` is empty) of objects with `topics` and `data`.
pub(crate) fn logs(o: &Obj, prefix: &str) -> Result<Vec<Log>, NoAnswer> {
    let here = path(prefix, "logs");
    let items = match o.get("logs") {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(a)) => a,
        Some(_) => return Err(shape(&here, "not an array")),
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let at = format!("{here}[{i}]");
        let log = as_object(item, &at)?;
        let topics = match log.get("topics") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(ts)) => {
                let mut words = Vec::with_capacity(ts.len());
                for (j, t) in ts.iter().enumerate() {
                    let tp = format!("{at}.topics[{j}]");
                    let s = t.as_str().ok_or_else(|| shape(&tp, "not a string"))?;
                    words.push(hexfield::decode_word(s).map_err(|e| shape(&tp, e))?);
                }
                words
            }
            Some(_) => return Err(shape(&format!("{at}.topics"), "not an array")),
        };
        let data = opt_data(log, &at, "data")?;
        out.push(Log { topics, data });
    }
    Ok(out)
}
