//! The core verbs: canonical, item-hash, root, prove, verify-proof (single
//! and multi-proofs).

use crate::cli::{Cli, Command};
use crate::input::{emit, kind, leaves, parse, read_input};
use pacspace_proof::tree::MultiProof;
use pacspace_proof::{Hash32, MerkleTree, Proof, canonical_json, item_hash, items_root};
use std::process::ExitCode;

/// Runs one verb; `Err` is bad input (exit 2).
pub fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Fetch(args) => return crate::fetch_cmd::run(args),
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
    let trusted = expect_root
        .map(Hash32::parse)
        .transpose()
        .map_err(|e| format!("--expect-root: {e}"))?;
    // A multi-proof names its items by `indices`; a single proof by `index`.
    let checked = if obj.contains_key("indices") {
        let proof: MultiProof =
            serde_json::from_value(value).map_err(|e| format!("not a valid multi-proof object: {e}"))?;
        Checked::multi(proof, trusted)
    } else {
        let proof: Proof =
            serde_json::from_value(value).map_err(|e| format!("not a valid proof object: {e}"))?;
        Checked::single(proof, trusted)
    };
    if json {
        let mut verdict = checked.subject;
        verdict.insert("verified".into(), checked.outcome.is_ok().into());
        verdict.insert("nodeEncoding".into(), checked.encoding.name().into());
        let (error, kind) = match &checked.outcome {
            Ok(()) => (None, None),
            Err((kind, text)) => (Some(text.as_str()), Some(*kind)),
        };
        verdict.insert("error".into(), error.into());
        verdict.insert("errorKind".into(), kind.into());
        emit(serde_json::Value::Object(verdict))?;
    } else {
        match &checked.outcome {
            Ok(()) => emit(format_args!(
                "verified: {} [node encoding {}]",
                checked.summary, checked.encoding
            ))?,
            Err((_, e)) => emit(format_args!(
                "NOT verified: {e} [node encoding {}]",
                checked.encoding
            ))?,
        }
    }
    Ok(if checked.outcome.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A verified (or not) single or multi-proof: what it claims, and the
/// outcome as an error kind (the variant's name in camelCase) and a message.
struct Checked {
    subject: serde_json::Map<String, serde_json::Value>,
    summary: String,
    encoding: pacspace_proof::NodeEncoding,
    outcome: Result<(), (&'static str, String)>,
}

/// The error kind of a proof whose itemsRoot is not the trusted root.
const UNEXPECTED_ROOT: &str = "unexpectedRoot";

fn root_outcome(claimed: &Hash32, trusted: Option<Hash32>) -> Result<(), (&'static str, String)> {
    match trusted {
        Some(root) if root != *claimed => Err((
            UNEXPECTED_ROOT,
            format!("proof's itemsRoot {claimed} is not the expected root {root}"),
        )),
        _ => Ok(()),
    }
}

impl Checked {
    fn single(proof: Proof, trusted: Option<Hash32>) -> Self {
        use pacspace_proof::tree::ProofError as E;
        let outcome = root_outcome(&proof.items_root, trusted).and_then(|()| {
            proof.verify_claimed_root().map_err(|e| {
                let kind = match e {
                    E::EmptyTree => "emptyTree",
                    E::IndexOutOfRange { .. } => "indexOutOfRange",
                    E::PathLength { .. } => "pathLength",
                    E::WrongSide { .. } => "wrongSide",
                    E::PaddingSibling { .. } => "paddingSibling",
                    E::RootMismatch { .. } => "rootMismatch",
                };
                (kind, e.to_string())
            })
        });
        let subject = serde_json::json!({
            "index": proof.index,
            "count": proof.count,
            "itemHash": proof.item_hash,
            "itemsRoot": proof.items_root,
        });
        Checked {
            summary: format!(
                "item {} of {} ({}) is in itemsRoot {}",
                proof.index, proof.count, proof.item_hash, proof.items_root
            ),
            subject: subject.as_object().cloned().unwrap_or_default(),
            encoding: proof.node_encoding,
            outcome,
        }
    }

    fn multi(proof: MultiProof, trusted: Option<Hash32>) -> Self {
        use pacspace_proof::tree::MultiProofError as E;
        let outcome = root_outcome(&proof.items_root, trusted).and_then(|()| {
            proof.verify_claimed_root().map_err(|e| {
                let kind = match e {
                    E::EmptyTree => "emptyTree",
                    E::NoIndices => "noIndices",
                    E::ItemCount { .. } => "itemCount",
                    E::IndexOutOfRange { .. } => "indexOutOfRange",
                    E::DuplicateIndex { .. } => "duplicateIndex",
                    E::Unsorted { .. } => "unsorted",
                    E::SiblingCount { .. } => "siblingCount",
                    E::RootMismatch { .. } => "rootMismatch",
                };
                (kind, e.to_string())
            })
        });
        let subject = serde_json::json!({
            "indices": proof.indices,
            "count": proof.count,
            "itemHashes": proof.item_hashes,
            "itemsRoot": proof.items_root,
        });
        Checked {
            summary: format!(
                "items {:?} of {} are in itemsRoot {}",
                proof.indices, proof.count, proof.items_root
            ),
            subject: subject.as_object().cloned().unwrap_or_default(),
            encoding: proof.node_encoding,
            outcome,
        }
    }
}
