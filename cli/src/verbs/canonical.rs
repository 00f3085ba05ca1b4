//! `canonical` and `item-hash`: the canonical JSON of a value, the item hash
//! of an item object — RFC 8785 by default, or what a TypeScript service
//! writes (`--key-order js-object`, `--strings js`).

use crate::input::{kind, parse, read_text};
use crate::output::{JsonOpt, emit, print_plain_json};
use clap::ValueHint;
use pacspace_proof::canonical::{
    CanonicalOptions, JsonValue, KeyOrder, ParseOptionError, Strings, canonical_json_with, item_hash_with,
};
use pacspace_proof::{Hash32, canonical_json, item_hash};
use serde_json::{Map, Value};
use std::path::PathBuf;
use std::process::ExitCode;

/// How the canonical JSON is written.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct CanonicalOpts {
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

impl CanonicalOpts {
    fn options(self) -> CanonicalOptions {
        CanonicalOptions {
            key_order: self.key_order,
            strings: self.strings,
        }
    }
}

fn parse_key_order(s: &str) -> Result<KeyOrder, String> {
    s.parse().map_err(|e: ParseOptionError| e.to_string())
}

fn parse_strings(s: &str) -> Result<Strings, String> {
    s.parse().map_err(|e: ParseOptionError| e.to_string())
}

/// Arguments of `canonical`.
#[derive(Debug, clap::Args)]
pub struct CanonicalArgs {
    /// The JSON value (`-`: standard input).
    #[arg(default_value = "-", value_hint = ValueHint::FilePath)]
    pub file: PathBuf,
    #[command(flatten)]
    pub canonical: CanonicalOpts,
    #[command(flatten)]
    pub out: JsonOpt,
}

/// Arguments of `item-hash`.
#[derive(Debug, clap::Args)]
pub struct ItemHashArgs {
    /// One item object (`-`: standard input).
    #[arg(default_value = "-", value_hint = ValueHint::FilePath)]
    pub file: PathBuf,
    #[command(flatten)]
    pub canonical: CanonicalOpts,
    #[command(flatten)]
    pub out: JsonOpt,
}

/// Reads the input as `JSON.parse` does (lone surrogates kept).
fn parse_js(text: &str) -> Result<JsonValue, String> {
    JsonValue::parse(text).map_err(|e| format!("input is not valid JSON: {e}"))
}

/// The input under RFC 8785; text that only a lone surrogate keeps from
/// being read is reported as such.
fn parse_rfc(text: &str) -> Result<Value, String> {
    parse(text).map_err(|e| match JsonValue::parse(text) {
        Ok(v) => match canonical_json_with(&v, CanonicalOptions::RFC8785) {
            Err(lone) => lone.to_string(),
            Ok(_) => e,
        },
        Err(_) => e,
    })
}

/// The canonical text of the input under `opts`; `Some` object check for item hashes.
fn canonical_text(
    text: &str,
    opts: CanonicalOptions,
    item: bool,
) -> Result<(String, Option<Hash32>), String> {
    if opts.is_rfc8785() {
        let value = parse_rfc(text)?;
        if item && !value.is_object() {
            return Err(format!("expected one item object, found {}", kind(&value)));
        }
        let canonical = canonical_json(&value).map_err(|e| e.to_string())?;
        let hash = if item {
            Some(item_hash(&value).map_err(|e| e.to_string())?)
        } else {
            None
        };
        return Ok((canonical, hash));
    }
    let value = parse_js(text)?;
    if item && !matches!(value, JsonValue::Object(_)) {
        return Err("expected one item object".into());
    }
    let canonical = canonical_json_with(&value, opts).map_err(|e| e.to_string())?;
    let hash = if item {
        Some(item_hash_with(&value, opts).map_err(|e| e.to_string())?)
    } else {
        None
    };
    Ok((canonical, hash))
}

/// Prints the canonical JSON (`--json`: `{"canonical": …}`).
pub fn run_canonical(args: CanonicalArgs) -> Result<ExitCode, String> {
    let (text, _) = canonical_text(&read_text(&args.file)?, args.canonical.options(), false)?;
    if args.out.json {
        let mut fields = Map::new();
        fields.insert("canonical".into(), text.into());
        print_plain_json("canonical", &fields)?;
    } else {
        emit(text)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the item hash (`--json`: `{"itemHash": …, "canonical": …}`).
pub fn run_item_hash(args: ItemHashArgs) -> Result<ExitCode, String> {
    let (canonical, hash) = canonical_text(&read_text(&args.file)?, args.canonical.options(), true)?;
    let hash = hash.ok_or("no item hash")?;
    if args.out.json {
        let mut fields = Map::new();
        fields.insert("itemHash".into(), hash.to_string().into());
        fields.insert("canonical".into(), Value::String(canonical));
        print_plain_json("item-hash", &fields)?;
    } else {
        emit(hash)?;
    }
    Ok(ExitCode::SUCCESS)
}
