//! `canonical` and `item-hash` with the canonical options (`--key-order`,
//! `--strings`): RFC 8785 by default, or what a TypeScript service writes.

use crate::input::{emit, kind, parse, read_input};
use clap::Args;
use pacspace_proof::canonical::{
    CanonicalOptions, JsonValue, KeyOrder, Strings, canonical_json_with, item_hash_with,
};
use pacspace_proof::{canonical_json, item_hash};
use std::path::PathBuf;

/// How the canonical JSON is written.
#[derive(Debug, Clone, Copy, Args)]
pub struct CanonicalArgs {
    /// Member order: `code-units` (RFC 8785) or `js-object` (array-index keys
    /// first in numeric order, `__proto__` dropped, as JSON.stringify writes
    /// an object rebuilt with sorted keys).
    #[arg(long, value_name = "ORDER", default_value = "code-units", value_parser = parse_key_order)]
    pub key_order: KeyOrder,
    /// Lone surrogates (`\ud800`…`\udfff` escapes not in a pair): `refuse`
    /// (RFC 8785) or `js` (written as `\udxxx`, as JSON.stringify does).
    #[arg(long, value_name = "MODE", default_value = "refuse", value_parser = parse_strings)]
    pub strings: Strings,
}

impl CanonicalArgs {
    fn options(self) -> CanonicalOptions {
        CanonicalOptions {
            key_order: self.key_order,
            strings: self.strings,
        }
    }
}

fn parse_key_order(s: &str) -> Result<KeyOrder, String> {
    s.parse()
        .map_err(|e: pacspace_proof::canonical::ParseOptionError| e.to_string())
}

fn parse_strings(s: &str) -> Result<Strings, String> {
    s.parse()
        .map_err(|e: pacspace_proof::canonical::ParseOptionError| e.to_string())
}

/// Reads the input as `JSON.parse` does (lone surrogates kept).
fn parse_js(text: &str) -> Result<JsonValue, String> {
    JsonValue::parse(text).map_err(|e| format!("input is not valid JSON: {e}"))
}

/// The input under RFC 8785, read as before; text that only a lone
/// surrogate keeps from being read is reported as such.
fn parse_rfc(text: &str) -> Result<serde_json::Value, String> {
    parse(text).map_err(|e| match JsonValue::parse(text) {
        Ok(v) => match canonical_json_with(&v, CanonicalOptions::RFC8785) {
            Err(lone) => lone.to_string(),
            Ok(_) => e,
        },
        Err(_) => e,
    })
}

/// `canonical`: prints the canonical JSON of the input value.
pub fn canonical(file: &Option<PathBuf>, args: CanonicalArgs) -> Result<(), String> {
    let text = read_input(file)?;
    let opts = args.options();
    if opts.is_rfc8785() {
        return emit(canonical_json(&parse_rfc(&text)?).map_err(|e| e.to_string())?);
    }
    emit(canonical_json_with(&parse_js(&text)?, opts).map_err(|e| e.to_string())?)
}

/// `item-hash`: prints the 0x item hash of one item object.
pub fn item_hash_cmd(file: &Option<PathBuf>, args: CanonicalArgs) -> Result<(), String> {
    let text = read_input(file)?;
    let opts = args.options();
    if opts.is_rfc8785() {
        let value = parse_rfc(&text)?;
        if !value.is_object() {
            return Err(format!("expected one item object, found {}", kind(&value)));
        }
        return emit(item_hash(&value).map_err(|e| e.to_string())?);
    }
    let value = parse_js(&text)?;
    if !matches!(value, JsonValue::Object(_)) {
        return Err("expected one item object".into());
    }
    emit(item_hash_with(&value, opts).map_err(|e| e.to_string())?)
}
