//! `verify-proof`: an inclusion proof or a multi-proof (an object with
//! `indices`), checked against the root written inside it (consistent) and
//! against a root the user trusts (verified).
//!
//! An odd last node is paired with itself, so a tree of n leaves has the
//! root of n + 1 leaves with the last one repeated: the count inside a proof
//! is not evidence on its own, and `--expect-count` compares it with the
//! receipt's.

use crate::input::{parse, parse_root, read_text};
use crate::output::{Finding, Status, Verdict, VerdictOpts, finding_lines};
use crate::verbs::tree::parse_encoding;
use clap::ValueHint;
use pacspace_proof::receipt::Basis;
use pacspace_proof::tree::{MultiProof, MultiProofError, ProofError};
use pacspace_proof::{Level, NodeEncoding, Proof};
use serde_json::{Map, Value, json};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `verify-proof`.
#[derive(Debug, clap::Args)]
pub struct VerifyProofArgs {
    /// A proof object as printed by `prove` (also `prove --json`), or a
    /// multi-proof (an object with `indices`; `-`: standard input).
    #[arg(default_value = "-", value_hint = ValueHint::FilePath)]
    pub file: PathBuf,
    /// Node encoding when the proof carries no "nodeEncoding" (which wins when present).
    #[arg(long, value_parser = parse_encoding)]
    pub node_encoding: Option<NodeEncoding>,
    /// The root you trust (e.g. the receiptId you stored): the proof's itemsRoot
    /// must equal it. Without it the proof is at best consistent.
    #[arg(long, value_name = "0x…")]
    pub expect_root: Option<String>,
    /// The leaf count you trust (the number of itemHashes on your receipt):
    /// the proof's own count must equal it.
    #[arg(long, value_name = "N")]
    pub expect_count: Option<u64>,
    #[command(flatten)]
    pub verdict: VerdictOpts,
}

/// Runs `verify-proof`.
pub fn run(args: VerifyProofArgs) -> Result<ExitCode, String> {
    let proof = read_proof(&read_text(&args.file)?, args.node_encoding)?;
    let trusted = parse_root("--expect-root", args.expect_root.as_deref())?;

    let mut checks = vec![proof.path_check()];
    if let Some(root) = trusted {
        checks.push(if root == proof.items_root() {
            Finding::pass(
                "expected root",
                Basis::OwnReceipt,
                format!("the proof's itemsRoot is the root you trust, {root}"),
            )
        } else {
            Finding::fail(
                "expected root",
                Basis::OwnReceipt,
                json!({"kind": "fieldMismatch", "field": "itemsRoot",
                       "expected": root.to_string(), "found": proof.items_root().to_string()}),
                format!(
                    "the proof's itemsRoot {} is not the root you trust, {root}",
                    proof.items_root()
                ),
            )
        });
    }
    if let Some(n) = args.expect_count {
        checks.push(if n == proof.count() {
            Finding::pass(
                "expected count",
                Basis::OwnField,
                format!("the proof's count is the count you gave, {n}"),
            )
        } else {
            Finding::fail(
                "expected count",
                Basis::OwnField,
                json!({"kind": "countMismatch", "field": "count", "expected": n, "found": proof.count()}),
                format!(
                    "the proof says count {} but the count you gave (--expect-count) is {n}",
                    proof.count()
                ),
            )
        });
    }

    let level = if checks.iter().any(Finding::failed) {
        Level::NotVerified
    } else if trusted.is_some() {
        Level::Verified
    } else {
        Level::Consistent
    };
    let mut not_checked = Vec::new();
    if trusted.is_none() {
        not_checked.push(
            "the root: the proof was checked against the itemsRoot written inside it, not against a root \
             you trust (give --expect-root with the receiptId you stored)"
                .to_string(),
        );
    }
    if args.expect_count.is_none() {
        not_checked.push(format!(
            "the leaf count: the proof's own count {} was not compared with your receipt's (give \
             --expect-count); an odd last node is paired with itself, so the same root also fits another count",
            proof.count()
        ));
    }
    not_checked.push("the public ledger: the root was not looked up on the ledger".into());

    let body = format!("{}\n{}", proof.describe(), finding_lines(&checks));
    let mut fields = proof.fields();
    fields.insert(
        "expectRoot".into(),
        trusted.map_or(Value::Null, |r| r.to_string().into()),
    );
    fields.insert(
        "expectCount".into(),
        args.expect_count.map_or(Value::Null, Value::from),
    );
    fields.insert("errorKind".into(), error_kind(&checks));
    Verdict {
        verb: "verify-proof",
        level,
        required: args.verdict.require.level(),
        checks,
        not_checked,
        body,
        fields,
        fail_hint: None,
    }
    .print(args.verdict.json)
}

/// The `kind` of the first failed check, or null.
fn error_kind(checks: &[Finding]) -> Value {
    checks
        .iter()
        .find_map(|c| match &c.status {
            Status::Fail { failure, .. } => failure.get("kind").cloned(),
            _ => None,
        })
        .unwrap_or(Value::Null)
}

/// A single proof or a multi-proof.
enum AnyProof {
    Single(Proof),
    Multi(MultiProof),
}

impl AnyProof {
    fn items_root(&self) -> pacspace_proof::Hash32 {
        match self {
            AnyProof::Single(p) => p.items_root,
            AnyProof::Multi(p) => p.items_root,
        }
    }

    fn count(&self) -> u64 {
        match self {
            AnyProof::Single(p) => p.count,
            AnyProof::Multi(p) => p.count,
        }
    }

    /// The proof folded to the itemsRoot written inside it.
    fn path_check(&self) -> Finding {
        match self {
            AnyProof::Single(p) => match p.verify_claimed_root() {
                Ok(()) => Finding::pass(
                    "path",
                    Basis::Root,
                    format!(
                        "item {} at index {} of {} folds to the proof's itemsRoot {}",
                        p.item_hash, p.index, p.count, p.items_root
                    ),
                ),
                Err(e) => Finding::fail("path", Basis::Root, proof_failure(&e), e.to_string()),
            },
            AnyProof::Multi(p) => match p.verify_claimed_root() {
                Ok(()) => Finding::pass(
                    "path",
                    Basis::Root,
                    format!(
                        "items at indices {:?} of {} fold to the proof's itemsRoot {}",
                        p.indices, p.count, p.items_root
                    ),
                ),
                Err(e) => Finding::fail("path", Basis::Root, multi_failure(&e), e.to_string()),
            },
        }
    }

    /// The text output's first line.
    fn describe(&self) -> String {
        match self {
            AnyProof::Single(p) => format!(
                "inclusion proof: item {} of {} ({}), itemsRoot {} [node encoding {}]",
                p.index, p.count, p.item_hash, p.items_root, p.node_encoding
            ),
            AnyProof::Multi(p) => format!(
                "multi-proof: items {:?} of {}, itemsRoot {} [node encoding {}]",
                p.indices, p.count, p.items_root, p.node_encoding
            ),
        }
    }

    /// What the proof claims, as the JSON output's own fields.
    fn fields(&self) -> Map<String, Value> {
        let mut fields = Map::new();
        match self {
            AnyProof::Single(p) => {
                fields.insert("index".into(), p.index.into());
                fields.insert("count".into(), p.count.into());
                fields.insert("itemHash".into(), p.item_hash.to_string().into());
                fields.insert("itemsRoot".into(), p.items_root.to_string().into());
                fields.insert("nodeEncoding".into(), p.node_encoding.name().into());
            }
            AnyProof::Multi(p) => {
                fields.insert("indices".into(), p.indices.clone().into());
                fields.insert("count".into(), p.count.into());
                let hashes: Vec<Value> = p.item_hashes.iter().map(|h| h.to_string().into()).collect();
                fields.insert("itemHashes".into(), hashes.into());
                fields.insert("itemsRoot".into(), p.items_root.to_string().into());
                fields.insert("nodeEncoding".into(), p.node_encoding.name().into());
            }
        }
        fields
    }
}

/// A proof object as `prove` prints it, or as `prove --json` does; an
/// object with `indices` is a multi-proof.
fn read_proof(text: &str, fallback: Option<NodeEncoding>) -> Result<AnyProof, String> {
    let mut value = parse(text)?;
    let obj = value
        .as_object_mut()
        .ok_or_else(|| "expected a proof object as printed by `prove`".to_string())?;
    if obj.get("verb").and_then(Value::as_str) == Some("prove") {
        obj.remove("verb");
        obj.remove("schemaVersion");
    }
    if let (Some(enc), false) = (fallback, obj.contains_key("nodeEncoding")) {
        obj.insert("nodeEncoding".into(), enc.name().into());
    }
    if obj.contains_key("indices") {
        serde_json::from_value(value)
            .map(AnyProof::Multi)
            .map_err(|e| format!("not a valid multi-proof object: {e}"))
    } else {
        serde_json::from_value(value)
            .map(AnyProof::Single)
            .map_err(|e| format!("not a valid proof object: {e}"))
    }
}

/// A multi-proof error as `{"kind": …, …}`.
fn multi_failure(e: &MultiProofError) -> Value {
    match *e {
        MultiProofError::EmptyTree => json!({"kind": "emptyTree"}),
        MultiProofError::NoIndices => json!({"kind": "noIndices"}),
        MultiProofError::ItemCount { indices, item_hashes } => {
            json!({"kind": "itemCount", "indices": indices, "itemHashes": item_hashes})
        }
        MultiProofError::IndexOutOfRange {
            position,
            index,
            count,
        } => json!({"kind": "indexOutOfRange", "position": position, "index": index, "count": count}),
        MultiProofError::DuplicateIndex { position, index } => {
            json!({"kind": "duplicateIndex", "position": position, "index": index})
        }
        MultiProofError::Unsorted {
            position,
            previous,
            index,
        } => json!({"kind": "unsorted", "position": position, "previous": previous, "index": index}),
        MultiProofError::SiblingCount { expected, found } => {
            json!({"kind": "siblingCount", "expected": expected, "found": found})
        }
        MultiProofError::RootMismatch { expected, computed } => json!({"kind": "rootMismatch",
            "expected": expected.to_string(), "computed": computed.to_string()}),
    }
}

/// A proof error as `{"kind": …, …}`.
fn proof_failure(e: &ProofError) -> Value {
    match *e {
        ProofError::EmptyTree => json!({"kind": "emptyTree"}),
        ProofError::IndexOutOfRange { index, count } => {
            json!({"kind": "indexOutOfRange", "index": index, "count": count})
        }
        ProofError::PathLength { expected, found } => {
            json!({"kind": "pathLength", "expected": expected, "found": found})
        }
        ProofError::WrongSide {
            level,
            expected,
            found,
        } => json!({"kind": "wrongSide", "level": level,
                    "expected": expected.name(), "found": found.name()}),
        ProofError::PaddingSibling { level } => json!({"kind": "paddingSibling", "level": level}),
        ProofError::RootMismatch { expected, computed } => json!({"kind": "rootMismatch",
            "expected": expected.to_string(), "computed": computed.to_string()}),
    }
}
