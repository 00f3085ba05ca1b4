//! The core verbs: canonical, item-hash, root, prove, verify-proof.

use crate::cli::{Cli, Command};
use crate::input::{emit, kind, leaves, parse, read_input};
use pacspace_proof::{Hash32, MerkleTree, Proof, canonical_json, item_hash, items_root};
use std::process::ExitCode;

/// Runs one verb; `Err` is bad input (exit 2).
pub fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Fetch(args) => return crate::fetch_cmd::run(args),
        Command::Audit(args) => return crate::audit_cmd::run(args),
        Command::Canonical { file } => {
            let value = parse(&read_input(&file)?)?;
            emit(canonical_json(&value).map_err(|e| e.to_string())?)?;
        }
        Command::ItemHash { file } => {
            let value = parse(&read_input(&file)?)?;
            if !value.is_object() {
                return Err(format!("expected one item object, found {}", kind(&value)));
            }
            emit(item_hash(&value).map_err(|e| e.to_string())?)?;
        }
        Command::Root { file, node_encoding } => {
            let leaves = leaves(&parse(&read_input(&file)?)?)?;
            emit(items_root(&leaves, node_encoding))?;
        }
        Command::Prove {
            file,
            index,
            node_encoding,
        } => {
            let leaves = leaves(&parse(&read_input(&file)?)?)?;
            let tree = MerkleTree::new(&leaves, node_encoding);
            let index = usize::try_from(index).map_err(|_| format!("index {index} is out of range"))?;
            let proof = tree.prove(index).map_err(|e| e.to_string())?;
            emit(serde_json::to_string(&proof).map_err(|e| e.to_string())?)?;
        }
        Command::VerifyProof {
            file,
            node_encoding,
            expect_root,
            json,
        } => {
            return verify_proof_cmd(&read_input(&file)?, node_encoding, expect_root.as_deref(), json);
        }
        Command::Receipts(cmd) => return crate::receipt_cmds::run(cmd),
    }
    Ok(ExitCode::SUCCESS)
}

fn verify_proof_cmd(
    text: &str,
    fallback: Option<pacspace_proof::NodeEncoding>,
    expect_root: Option<&str>,
    json: bool,
) -> Result<ExitCode, String> {
    let mut value = parse(text)?;
    let obj = value
        .as_object_mut()
        .ok_or_else(|| "expected a proof object as printed by `prove`".to_string())?;
    if let (Some(enc), false) = (fallback, obj.contains_key("nodeEncoding")) {
        obj.insert("nodeEncoding".into(), enc.name().into());
    }
    let proof: Proof = serde_json::from_value(value).map_err(|e| format!("not a valid proof object: {e}"))?;
    let trusted = expect_root
        .map(Hash32::parse)
        .transpose()
        .map_err(|e| format!("--expect-root: {e}"))?;
    let outcome = match trusted {
        Some(root) if root != proof.items_root => Err(format!(
            "proof's itemsRoot {} is not the expected root {root}",
            proof.items_root
        )),
        _ => proof.verify_claimed_root().map_err(|e| e.to_string()),
    };
    if json {
        let verdict = serde_json::json!({
            "verified": outcome.is_ok(),
            "index": proof.index,
            "count": proof.count,
            "itemHash": proof.item_hash,
            "itemsRoot": proof.items_root,
            "nodeEncoding": proof.node_encoding,
            "error": outcome.as_ref().err(),
        });
        emit(verdict)?;
    } else {
        match &outcome {
            Ok(()) => emit(format_args!(
                "verified: item {} of {} ({}) is in itemsRoot {} [node encoding {}]",
                proof.index, proof.count, proof.item_hash, proof.items_root, proof.node_encoding
            ))?,
            Err(e) => emit(format_args!(
                "NOT verified: {e} [node encoding {}]",
                proof.node_encoding
            ))?,
        }
    }
    Ok(if outcome.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
