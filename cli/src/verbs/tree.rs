//! `root` and `prove`: the itemsRoot of a list, the inclusion proof of one item.

use crate::input::{leaves, parse, read_text};
use crate::output::{JsonOpt, emit, fields_of, print_plain_json};
use clap::ValueHint;
use pacspace_proof::{MerkleTree, NodeEncoding, items_root};
use serde_json::Map;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `root`.
#[derive(Debug, clap::Args)]
pub struct RootArgs {
    /// A JSON array of item objects or 0x item hashes (`-`: standard input).
    #[arg(default_value = "-", value_hint = ValueHint::FilePath)]
    pub file: PathBuf,
    /// How internal nodes join their children.
    #[arg(long, default_value = "hex0x", value_parser = parse_encoding)]
    pub node_encoding: NodeEncoding,
    #[command(flatten)]
    pub out: JsonOpt,
}

/// Arguments of `prove`.
#[derive(Debug, clap::Args)]
pub struct ProveArgs {
    /// A JSON array of item objects or 0x item hashes (`-`: standard input).
    #[arg(default_value = "-", value_hint = ValueHint::FilePath)]
    pub file: PathBuf,
    /// Position of the item, from 0.
    #[arg(long)]
    pub index: u64,
    /// How internal nodes join their children.
    #[arg(long, default_value = "hex0x", value_parser = parse_encoding)]
    pub node_encoding: NodeEncoding,
    #[command(flatten)]
    pub out: JsonOpt,
}

/// Parses a node encoding name (`hex0x`, `hex`, `bytes`).
pub fn parse_encoding(s: &str) -> Result<NodeEncoding, String> {
    s.parse()
        .map_err(|e: pacspace_proof::hashing::ParseNodeEncodingError| e.to_string())
}

/// Prints the root (`--json`: `{"itemsRoot", "count", "nodeEncoding"}`).
pub fn run_root(args: RootArgs) -> Result<ExitCode, String> {
    let leaves = leaves(&parse(&read_text(&args.file)?)?)?;
    let root = items_root(&leaves, args.node_encoding);
    if args.out.json {
        let mut fields = Map::new();
        fields.insert("itemsRoot".into(), root.to_string().into());
        fields.insert("count".into(), leaves.len().into());
        fields.insert("nodeEncoding".into(), args.node_encoding.name().into());
        print_plain_json("root", &fields)?;
    } else {
        emit(root)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the proof as one JSON line (`--json`: the same fields after
/// `schemaVersion` and `verb`; `verify-proof` reads both).
pub fn run_prove(args: ProveArgs) -> Result<ExitCode, String> {
    let leaves = leaves(&parse(&read_text(&args.file)?)?)?;
    let tree = MerkleTree::new(&leaves, args.node_encoding);
    let index = usize::try_from(args.index).map_err(|_| format!("index {} is out of range", args.index))?;
    let proof = tree.prove(index).map_err(|e| e.to_string())?;
    if args.out.json {
        print_plain_json("prove", &fields_of(&proof, &[]))?;
    } else {
        emit(serde_json::to_string(&proof).map_err(|e| e.to_string())?)?;
    }
    Ok(ExitCode::SUCCESS)
}
