//! Inclusion-proof verification on a proof object's JSON text, with the
//! verdict's level and what it left unchecked.

use crate::ops::{BadInput, encoding, hash, kind_of_text, parse_json};
use pacspace_proof::{Hash32, Level, NodeEncoding, Proof};
use serde::Serialize;

/// A proof's verdict, as `pacspace-verify verify-proof --json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProofVerdict {
    /// Whether the proof folds to its itemsRoot (and that root is the expected one).
    pub verified: bool,
    /// The proof's index.
    pub index: u64,
    /// The proof's leaf count.
    pub count: u64,
    /// The proven item hash.
    pub item_hash: Hash32,
    /// The root the proof claims.
    pub items_root: Hash32,
    /// The node encoding used.
    pub node_encoding: NodeEncoding,
    /// Why it did not verify, when it did not.
    pub error: Option<String>,
    /// The failure's kind, as `pacspace-verify verify-proof --json` names it:
    /// `emptyTree`, `indexOutOfRange`, `pathLength`, `wrongSide`,
    /// `paddingSibling`, `rootMismatch`, or `fieldMismatch` (not the expected root).
    pub error_kind: Option<&'static str>,
    /// `verified` when the proof reaches the root you gave (`expectRoot`),
    /// `consistent` when it only reaches the root it claims, else `not_verified`.
    pub level: Level,
    /// What the verdict did not establish, in plain words.
    pub not_checked: Vec<String>,
}

/// The kind of a proof failure, as the command line's JSON names it.
fn proof_error_kind(e: &pacspace_proof::tree::ProofError) -> &'static str {
    use pacspace_proof::tree::ProofError as E;
    match e {
        E::EmptyTree => "emptyTree",
        E::IndexOutOfRange { .. } => "indexOutOfRange",
        E::PathLength { .. } => "pathLength",
        E::WrongSide { .. } => "wrongSide",
        E::PaddingSibling { .. } => "paddingSibling",
        E::RootMismatch { .. } => "rootMismatch",
    }
}

/// Verifies a proof object's JSON text (as `prove` prints it) against the
/// root it claims and, when given, the root the caller trusts.
/// `node_encoding` is used only when the proof does not name one.
///
/// ```
/// let zero = format!("\"0x{}\"", "0".repeat(64));
/// let p = pacspace_proof_wasm::ops::prove(&format!("[{zero},{zero}]"), 1, None).unwrap();
/// let v = pacspace_proof_wasm::proof_ops::verify_proof(&p, None, None).unwrap();
/// assert!(v.verified && v.level == pacspace_proof::Level::Consistent);
/// let root = pacspace_proof_wasm::ops::root(&format!("[{zero},{zero}]"), None).unwrap();
/// assert_eq!(pacspace_proof_wasm::proof_ops::verify_proof(&p, Some(&root), None).unwrap().level, pacspace_proof::Level::Verified);
/// let other = format!("0x{}", "1".repeat(64));
/// let v = pacspace_proof_wasm::proof_ops::verify_proof(&p, Some(&other), None).unwrap();
/// assert!(!v.verified && v.error.unwrap().contains("not the expected root"));
/// ```
pub fn verify_proof(
    proof_text: &str,
    expect_root: Option<&str>,
    node_encoding: Option<&str>,
) -> Result<ProofVerdict, BadInput> {
    let fallback = node_encoding.map(|n| encoding(Some(n))).transpose()?;
    let mut value = parse_json(proof_text, "proof")?;
    let obj = value
        .as_object_mut()
        .ok_or_else(|| format!("expected a proof object, found {}", kind_of_text(proof_text)))?;
    if let (Some(enc), false) = (fallback, obj.contains_key("nodeEncoding")) {
        obj.insert("nodeEncoding".into(), enc.name().into());
    }
    let proof: Proof = serde_json::from_value(value).map_err(|e| format!("not a valid proof object: {e}"))?;
    let trusted = expect_root.map(|r| hash(r, "expectRoot")).transpose()?;
    let outcome = match trusted {
        Some(root) if root != proof.items_root => Err((
            format!(
                "proof's itemsRoot {} is not the expected root {root}",
                proof.items_root
            ),
            "fieldMismatch",
        )),
        _ => proof
            .verify_claimed_root()
            .map_err(|e| (e.to_string(), proof_error_kind(&e))),
    };
    let level = match (&outcome, trusted) {
        (Err(_), _) => Level::NotVerified,
        (Ok(()), Some(_)) => Level::Verified,
        (Ok(()), None) => Level::Consistent,
    };
    let mut not_checked = Vec::new();
    if trusted.is_none() {
        not_checked.push(
            "your own data: the root was not compared with a receiptId you hold (pass expectRoot)"
                .to_string(),
        );
    }
    not_checked.push("the public ledger: the root was not looked up on the ledger".to_string());
    Ok(ProofVerdict {
        verified: outcome.is_ok(),
        index: proof.index,
        count: proof.count,
        item_hash: proof.item_hash,
        items_root: proof.items_root,
        node_encoding: proof.node_encoding,
        error_kind: outcome.as_ref().err().map(|e| e.1),
        error: outcome.err().map(|e| e.0),
        level,
        not_checked,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::{prove, root};

    const DELTA: &str = r#"{"customerId":"c","delta":5,"reason":"r"}"#;

    #[test]
    fn proof_roundtrip_and_tamper() {
        let items = format!("[{DELTA},{DELTA},{{\"customerId\":\"d\",\"delta\":1,\"reason\":\"x\"}}]");
        for i in 0..3 {
            let p = prove(&items, i, Some("bytes")).unwrap();
            let v = verify_proof(&p, Some(&root(&items, Some("bytes")).unwrap()), None).unwrap();
            assert!(v.verified, "{v:?}");
            assert_eq!(v.node_encoding, NodeEncoding::Bytes);
            // Same proof read under another encoding (nodeEncoding removed) fails.
            let stripped = p.replace(r#","nodeEncoding":"bytes""#, "");
            let v = verify_proof(&stripped, None, Some("hex")).unwrap();
            assert!(!v.verified);
            assert!(v.error.unwrap().starts_with("root mismatch"));
            assert_eq!(v.error_kind, Some("rootMismatch"));
        }
    }

    #[test]
    fn bad_proofs_are_bad_input() {
        assert!(verify_proof("[]", None, None).unwrap_err().contains("an array"));
        assert!(
            verify_proof(r#"{"index":0}"#, None, None)
                .unwrap_err()
                .starts_with("not a valid proof object")
        );
        let zero = format!("\"0x{}\"", "0".repeat(64));
        let p = prove(&format!("[{zero}]"), 0, None).unwrap();
        assert!(
            verify_proof(&p, Some("0x1"), None)
                .unwrap_err()
                .starts_with("expectRoot: ")
        );
        assert!(
            verify_proof(&p, None, Some("sha"))
                .unwrap_err()
                .starts_with("nodeEncoding")
        );
    }
}
