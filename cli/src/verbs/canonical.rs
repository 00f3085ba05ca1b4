//! `canonical` and `item-hash`: the canonical JSON of a value, the item hash
//! of an item object.

use crate::input::{kind, parse, read_text};
use crate::output::{JsonOpt, emit, print_plain_json};
use clap::ValueHint;
use pacspace_proof::{canonical_json, item_hash};
use serde_json::{Map, Value};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `canonical`.
#[derive(Debug, clap::Args)]
pub struct CanonicalArgs {
    /// The JSON value (`-`: standard input).
    #[arg(default_value = "-", value_hint = ValueHint::FilePath)]
    pub file: PathBuf,
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
    pub out: JsonOpt,
}

/// Prints the canonical JSON (`--json`: `{"canonical": …}`).
pub fn run_canonical(args: CanonicalArgs) -> Result<ExitCode, String> {
    let value = parse(&read_text(&args.file)?)?;
    let text = canonical_json(&value).map_err(|e| e.to_string())?;
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
    let value = parse(&read_text(&args.file)?)?;
    if !value.is_object() {
        return Err(format!("expected one item object, found {}", kind(&value)));
    }
    let hash = item_hash(&value).map_err(|e| e.to_string())?;
    if args.out.json {
        let mut fields = Map::new();
        fields.insert("itemHash".into(), hash.to_string().into());
        let canonical = canonical_json(&value).map_err(|e| e.to_string())?;
        fields.insert("canonical".into(), Value::String(canonical));
        print_plain_json("item-hash", &fields)?;
    } else {
        emit(hash)?;
    }
    Ok(ExitCode::SUCCESS)
}
