//! The verbs on JSON text, host-independent: every binding in
//! [`crate::bindings`] converts its JavaScript arguments to text, calls one of
//! these and turns the `Err` text into a thrown `Error`. Kept apart from the
//! bindings so the logic is unit-tested natively.

use pacspace_proof::receipt::{DeliveryHeaders, verify_webhook_delivery};
use pacspace_proof::signature::{DEFAULT_TOLERANCE_SECS, SignatureError, verify_webhook_signature};
use pacspace_proof::{
    Hash32, Level, MerkleTree, NodeEncoding, Proof, canonical_json, item_hash, items_root,
    verify_receipt_json,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Bad input: the message thrown to JavaScript (the Rust error's `Display`,
/// prefixed with the argument or element it concerns).
pub type BadInput = String;

/// Parses JSON text as JavaScript's `JSON.parse` reads numbers (doubles).
///
/// ```
/// assert!(pacspace_proof_wasm::ops::parse_json("{\"a\":1}", "item").is_ok());
/// assert!(pacspace_proof_wasm::ops::parse_json("{", "item").unwrap_err().starts_with("item is not valid JSON"));
/// ```
pub fn parse_json(text: &str, what: &str) -> Result<Value, BadInput> {
    serde_json::from_str(text).map_err(|e| format!("{what} is not valid JSON: {e}"))
}

/// A node encoding by name; `None` is the default (`hex0x`).
///
/// ```
/// use pacspace_proof::NodeEncoding;
/// assert_eq!(pacspace_proof_wasm::ops::encoding(Some("bytes")), Ok(NodeEncoding::Bytes));
/// assert_eq!(pacspace_proof_wasm::ops::encoding(None), Ok(NodeEncoding::Hex0x));
/// assert!(pacspace_proof_wasm::ops::encoding(Some("base64")).is_err());
/// ```
pub fn encoding(name: Option<&str>) -> Result<NodeEncoding, BadInput> {
    match name {
        None => Ok(NodeEncoding::default()),
        Some(n) => n.parse().map_err(|e| format!("nodeEncoding {n:?}: {e}")),
    }
}

/// A `0x` + 64 lowercase hex hash; `what` names the argument in the error.
///
/// ```
/// assert!(pacspace_proof_wasm::ops::hash("0x12", "expectRoot").unwrap_err().starts_with("expectRoot: "));
/// ```
pub fn hash(text: &str, what: &str) -> Result<Hash32, BadInput> {
    Hash32::parse(text).map_err(|e| format!("{what}: {e}"))
}

/// The canonical JSON of any JSON text.
///
/// ```
/// assert_eq!(pacspace_proof_wasm::ops::canonical(r#"{"b":1e21,"a":-0.0}"#).unwrap(), r#"{"a":0,"b":1e+21}"#);
/// ```
pub fn canonical(text: &str) -> Result<String, BadInput> {
    canonical_json(&parse_json(text, "value")?).map_err(|e| e.to_string())
}

/// The item hash of one item object's JSON text.
///
/// ```
/// let h = pacspace_proof_wasm::ops::item_hash_of(r#"{"customerId":"c","delta":5,"reason":"r"}"#).unwrap();
/// assert!(h.starts_with("0x") && h.len() == 66);
/// assert!(pacspace_proof_wasm::ops::item_hash_of("[1]").unwrap_err().contains("expected one item object"));
/// ```
pub fn item_hash_of(text: &str) -> Result<String, BadInput> {
    let value = parse_json(text, "item")?;
    if !value.is_object() {
        return Err(format!("expected one item object, found {}", kind(&value)));
    }
    item_hash(&value)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Leaves from the JSON text of an array whose elements are item objects or
/// `0x` item hashes (the command line's `root` / `prove` input).
///
/// ```
/// let zero = format!("\"0x{}\"", "0".repeat(64));
/// assert_eq!(pacspace_proof_wasm::ops::leaves(&format!("[{zero},{zero}]")).unwrap().len(), 2);
/// assert_eq!(pacspace_proof_wasm::ops::leaves("[1]").unwrap_err(), "element 0: expected an item object or a 0x item hash, found a number");
/// ```
pub fn leaves(text: &str) -> Result<Vec<Hash32>, BadInput> {
    let value = parse_json(text, "items")?;
    pacspace_proof::tree::leaves_from_json(&value).map_err(|e| e.to_string())
}

/// The itemsRoot of the items (or item hashes) under a node encoding.
///
/// ```
/// let zero = format!("\"0x{}\"", "0".repeat(64));
/// assert_eq!(pacspace_proof_wasm::ops::root(&format!("[{zero}]"), None).unwrap(), format!("0x{}", "0".repeat(64)));
/// ```
pub fn root(items_text: &str, node_encoding: Option<&str>) -> Result<String, BadInput> {
    let enc = encoding(node_encoding)?;
    Ok(items_root(&leaves(items_text)?, enc).to_string())
}

/// An item index from a JavaScript number: a non-negative integer.
///
/// ```
/// assert_eq!(pacspace_proof_wasm::ops::index(3.0), Ok(3));
/// assert!(pacspace_proof_wasm::ops::index(1.5).is_err());
/// assert!(pacspace_proof_wasm::ops::index(-1.0).is_err());
/// // The number is quoted as JavaScript writes it.
/// assert_eq!(pacspace_proof_wasm::ops::index(1e21).unwrap_err(), "index must be a non-negative integer, found 1e+21");
/// assert_eq!(pacspace_proof_wasm::ops::index(f64::NAN).unwrap_err(), "index must be a non-negative integer, found NaN");
/// ```
pub fn index(n: f64) -> Result<usize, BadInput> {
    // 2^53: beyond it a double no longer names one integer.
    const MAX_EXACT: f64 = 9_007_199_254_740_992.0;
    if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n < MAX_EXACT {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let i = n as u64;
        usize::try_from(i).map_err(|_| format!("index {i} is out of range"))
    } else {
        Err(format!(
            "index must be a non-negative integer, found {}",
            js_number(n)
        ))
    }
}

/// A number as JavaScript's `String(n)` writes it.
fn js_number(n: f64) -> String {
    let mut text = Vec::new();
    match pacspace_proof::canonical::write_number(&mut text, n) {
        Ok(()) => String::from_utf8(text).unwrap_or_default(),
        Err(_) if n.is_nan() => "NaN".into(),
        Err(_) if n > 0.0 => "Infinity".into(),
        Err(_) => "-Infinity".into(),
    }
}

/// The inclusion proof of item `index`, as the JSON text `prove` prints.
///
/// ```
/// let zero = format!("\"0x{}\"", "0".repeat(64));
/// let p = pacspace_proof_wasm::ops::prove(&format!("[{zero},{zero},{zero}]"), 2, Some("hex")).unwrap();
/// assert!(p.contains(r#""index":2,"count":3"#) && p.ends_with(r#""nodeEncoding":"hex"}"#));
/// assert!(pacspace_proof_wasm::ops::prove(&format!("[{zero}]"), 1, None).unwrap_err().contains("out of range"));
/// ```
pub fn prove(items_text: &str, index: usize, node_encoding: Option<&str>) -> Result<String, BadInput> {
    prove_in(&tree(items_text, node_encoding)?, index)
}

/// The tree over the items (or item hashes), to prove many items of one receipt.
///
/// ```
/// let zero = format!("\"0x{}\"", "0".repeat(64));
/// let t = pacspace_proof_wasm::ops::tree(&format!("[{zero},{zero}]"), Some("bytes")).unwrap();
/// assert_eq!((t.len(), t.encoding().name()), (2, "bytes"));
/// ```
pub fn tree(items_text: &str, node_encoding: Option<&str>) -> Result<MerkleTree, BadInput> {
    let enc = encoding(node_encoding)?;
    Ok(MerkleTree::new(&leaves(items_text)?, enc))
}

/// The inclusion proof of item `index` of a built tree, as JSON text.
///
/// ```
/// let zero = format!("\"0x{}\"", "0".repeat(64));
/// let t = pacspace_proof_wasm::ops::tree(&format!("[{zero},{zero}]"), None).unwrap();
/// assert!(pacspace_proof_wasm::ops::prove_in(&t, 1).unwrap().starts_with(r#"{"index":1,"count":2,"#));
/// assert!(pacspace_proof_wasm::ops::prove_in(&t, 2).is_err());
/// ```
pub fn prove_in(tree: &MerkleTree, index: usize) -> Result<String, BadInput> {
    let proof = tree.prove(index).map_err(|e| e.to_string())?;
    serde_json::to_string(&proof).map_err(|e| e.to_string())
}

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
/// let v = pacspace_proof_wasm::ops::verify_proof(&p, None, None).unwrap();
/// assert!(v.verified && v.level == pacspace_proof::Level::Consistent);
/// let root = pacspace_proof_wasm::ops::root(&format!("[{zero},{zero}]"), None).unwrap();
/// assert_eq!(pacspace_proof_wasm::ops::verify_proof(&p, Some(&root), None).unwrap().level, pacspace_proof::Level::Verified);
/// let other = format!("0x{}", "1".repeat(64));
/// let v = pacspace_proof_wasm::ops::verify_proof(&p, Some(&other), None).unwrap();
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

/// Verifies any artefact's JSON text against the submitted deltas' JSON text
/// (an object or an array; `None` when not at hand) and the receiptId stored
/// earlier; returns the report's JSON text.
///
/// ```
/// let r = pacspace_proof_wasm::ops::verify_receipt(r#"{"receiptId":"rcpt_1","status":"QUEUED"}"#, None, None).unwrap();
/// assert!(r.contains(r#""verdict":"unverifiable""#));
/// assert!(pacspace_proof_wasm::ops::verify_receipt(r#"{"hello":1}"#, None, None).unwrap_err().starts_with("not a recognised PacSpace artefact"));
/// ```
pub fn verify_receipt(
    artefact_text: &str,
    submitted_text: Option<&str>,
    expected_receipt: Option<&str>,
) -> Result<String, BadInput> {
    let report = receipt_report(artefact_text, submitted_text, expected_receipt)?;
    serde_json::to_string(&report).map_err(|e| e.to_string())
}

/// Like [`verify_receipt`], as the report's text (its `Display`).
///
/// ```
/// let r = pacspace_proof_wasm::ops::verify_receipt_text(r#"{"receiptId":"rcpt_1","status":"QUEUED"}"#, None, None).unwrap();
/// assert!(r.starts_with("delta status answer: UNVERIFIABLE (level: not_verified)\n"), "{r}");
/// ```
pub fn verify_receipt_text(
    artefact_text: &str,
    submitted_text: Option<&str>,
    expected_receipt: Option<&str>,
) -> Result<String, BadInput> {
    Ok(receipt_report(artefact_text, submitted_text, expected_receipt)?.to_string())
}

fn receipt_report(
    artefact_text: &str,
    submitted_text: Option<&str>,
    expected_receipt: Option<&str>,
) -> Result<pacspace_proof::Report, BadInput> {
    let expected = expected_receipt.map(|r| hash(r, "expectedReceipt")).transpose()?;
    verify_receipt_json(artefact_text, submitted_text, expected.as_ref()).map_err(|e| e.to_string())
}

/// A webhook delivery's signature headers and the clock to judge them by, as
/// JavaScript passes them: `{secret, signature, timestamp, nowUnixSecs,
/// toleranceSecs?}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Headers {
    /// The webhook secret (its UTF-8 bytes are the HMAC key).
    pub secret: String,
    /// `X-PacSpace-Signature` as received.
    pub signature: String,
    /// `X-PacSpace-Timestamp` as received.
    pub timestamp: String,
    /// The current time, Unix seconds (the caller's clock).
    pub now_unix_secs: i64,
    /// Accepted distance from now, seconds (default 300).
    #[serde(default = "default_tolerance")]
    pub tolerance_secs: u64,
}

fn default_tolerance() -> u64 {
    DEFAULT_TOLERANCE_SECS
}

/// Reads the headers object's JSON text.
///
/// ```
/// let h = pacspace_proof_wasm::ops::headers(r#"{"secret":"s","signature":"v1=00","timestamp":"1","nowUnixSecs":1}"#).unwrap();
/// assert_eq!(h.tolerance_secs, 300);
/// assert!(pacspace_proof_wasm::ops::headers(r#"{"secret":"s"}"#).unwrap_err().contains("signature"));
/// ```
pub fn headers(text: &str) -> Result<Headers, BadInput> {
    serde_json::from_str(text).map_err(|e| format!("headers: {e}"))
}

/// A signature check's outcome: which value matched and how old it is, or
/// why it was refused.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignatureVerdict {
    /// Whether one `v1=` value is the HMAC of `timestamp.body` and the
    /// timestamp is within tolerance.
    pub valid: bool,
    /// Index of the matching `v1=` value.
    pub index: Option<usize>,
    /// The signed timestamp, Unix seconds.
    pub timestamp: Option<i64>,
    /// `now - timestamp`, seconds.
    pub age_secs: Option<i64>,
    /// Why it was refused (`{reason, …}`).
    pub failure: Option<SignatureError>,
    /// The failure's message.
    pub error: Option<String>,
    /// `consistent` when valid (the body is the one signed with the secret;
    /// nothing in the event was compared with your data), else `not_verified`.
    pub level: Level,
    /// What the signature check did not establish.
    pub not_checked: Vec<String>,
}

/// What a signature check alone leaves unchecked.
fn signature_not_checked() -> Vec<String> {
    alloc_list(&[
        "the event: only the signature over the body was checked (verifyWebhookDelivery also checks the event \
         against your delta and stored receiptId)",
        "the public ledger: the root was not looked up on the ledger",
    ])
}

fn alloc_list(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_string()).collect()
}

/// Checks a delivery's signature over the raw body bytes.
///
/// ```
/// let h = pacspace_proof_wasm::ops::headers(r#"{"secret":"s","signature":"v1=00","timestamp":"1","nowUnixSecs":1}"#).unwrap();
/// let v = pacspace_proof_wasm::ops::webhook_signature(b"{}", &h);
/// assert!(!v.valid && v.failure.is_some());
/// ```
pub fn webhook_signature(body: &[u8], h: &Headers) -> SignatureVerdict {
    match verify_webhook_signature(
        h.secret.as_bytes(),
        &h.signature,
        &h.timestamp,
        body,
        h.now_unix_secs,
        h.tolerance_secs,
    ) {
        Ok(m) => SignatureVerdict {
            valid: true,
            index: Some(m.index),
            timestamp: Some(m.timestamp),
            age_secs: Some(m.age_secs),
            failure: None,
            error: None,
            level: Level::Consistent,
            not_checked: signature_not_checked(),
        },
        Err(e) => SignatureVerdict {
            valid: false,
            index: None,
            timestamp: None,
            age_secs: None,
            failure: Some(e),
            error: Some(e.to_string()),
            level: Level::NotVerified,
            not_checked: signature_not_checked(),
        },
    }
}

/// Verifies a whole webhook delivery (signature, then the event against the
/// submitted delta and stored receipt); returns the report's JSON text.
///
/// ```
/// let h = pacspace_proof_wasm::ops::headers(r#"{"secret":"s","signature":"v1=00","timestamp":"1","nowUnixSecs":1}"#).unwrap();
/// let r = pacspace_proof_wasm::ops::webhook_delivery(br#"{"event":"delta.failed","data":{}}"#, &h, None, None).unwrap();
/// assert!(r.contains(r#""verdict":"notVerified""#));
/// ```
pub fn webhook_delivery(
    body: &[u8],
    h: &Headers,
    submitted_text: Option<&str>,
    stored_receipt: Option<&str>,
) -> Result<String, BadInput> {
    let stored = stored_receipt.map(|r| hash(r, "storedReceipt")).transpose()?;
    let submitted = match submitted_text {
        Some(text) => {
            let v = parse_json(text, "submitted delta")?;
            Some(pacspace_proof::receipt::SubmittedDelta::from_value(&v, 0).map_err(|e| e.to_string())?)
        }
        None => None,
    };
    let headers = DeliveryHeaders {
        secret: h.secret.as_bytes(),
        signature: &h.signature,
        timestamp: &h.timestamp,
        now_unix_secs: h.now_unix_secs,
        tolerance_secs: h.tolerance_secs,
    };
    let report = verify_webhook_delivery(body, &headers, submitted.as_ref(), stored.as_ref())
        .map_err(|e| e.to_string())?;
    serde_json::to_string(&report).map_err(|e| e.to_string())
}

/// A JSON type's name for messages.
fn kind(v: &Value) -> &'static str {
    pacspace_proof::tree::json_kind(v)
}

fn kind_of_text(text: &str) -> &'static str {
    serde_json::from_str::<Value>(text).map_or("invalid JSON", |v| kind(&v))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DELTA: &str = r#"{"customerId":"c","delta":5,"reason":"r"}"#;

    fn emit_for(delta: &str) -> String {
        let h = item_hash_of(delta).unwrap();
        format!(
            r#"{{"success":true,"data":{{"customerId":"c","delta":5,"status":"QUEUED","receiptId":"{h}","itemsRoot":"{h}","itemHashes":["{h}"]}}}}"#
        )
    }

    #[test]
    fn root_matches_library_for_items_and_hashes() {
        let items = format!("[{DELTA},{DELTA},{DELTA}]");
        let h = item_hash_of(DELTA).unwrap();
        let hashes = format!(r#"["{h}","{h}","{h}"]"#);
        for enc in NodeEncoding::ALL {
            let want = items_root(&[hash(&h, "h").unwrap(); 3], enc).to_string();
            assert_eq!(root(&items, Some(enc.name())).unwrap(), want);
            assert_eq!(root(&hashes, Some(enc.name())).unwrap(), want);
        }
    }

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

    #[test]
    fn receipt_genuine_and_tampered() {
        let emit = emit_for(DELTA);
        let ok = verify_receipt(&emit, Some(DELTA), None).unwrap();
        assert!(ok.contains(r#""verdict":"verified""#), "{ok}");
        let tampered =
            verify_receipt(&emit, Some(r#"{"customerId":"c","delta":6,"reason":"r"}"#), None).unwrap();
        assert!(tampered.contains(r#""verdict":"notVerified""#), "{tampered}");
        assert!(tampered.contains(r#""kind":"itemHashNotFound""#), "{tampered}");
        assert!(
            verify_receipt("{", None, None)
                .unwrap_err()
                .starts_with("not valid JSON")
        );
        assert!(
            verify_receipt(&emit, None, Some("nope"))
                .unwrap_err()
                .starts_with("expectedReceipt: ")
        );
    }

    #[test]
    fn webhook_signature_and_delivery() {
        let body =
            br#"{"event":"delta.failed","timestamp":"t","data":{"status":"FAILED","error":"timeout"}}"#;
        let mut buf = [0u8; 67];
        let sig = pacspace_proof::signature::sign_webhook(b"whsec_1", "1700000000", body, &mut buf);
        let h = Headers {
            secret: "whsec_1".into(),
            signature: sig.into(),
            timestamp: "1700000000".into(),
            now_unix_secs: 1_700_000_010,
            tolerance_secs: 300,
        };
        let v = webhook_signature(body, &h);
        assert_eq!((v.valid, v.index, v.age_secs), (true, Some(0), Some(10)));
        assert_eq!(v.level, Level::Consistent);
        assert!(v.not_checked[0].starts_with("the event"));
        let stale = Headers {
            now_unix_secs: 1_800_000_000,
            ..h.clone()
        };
        let v = webhook_signature(body, &stale);
        assert!(matches!(v.failure, Some(SignatureError::StaleTimestamp { .. })));
        assert_eq!(v.level, Level::NotVerified);
        let r = webhook_delivery(body, &h, None, None).unwrap();
        assert!(
            r.contains(r#""name":"signature","basis":"artefact","outcome":"pass""#),
            "{r}"
        );
        let tampered: Vec<u8> = body.iter().map(|&b| if b == b't' { b'T' } else { b }).collect();
        let r = webhook_delivery(&tampered, &h, None, None).unwrap();
        assert!(r.contains(r#""reason":"mismatch""#), "{r}");
    }
}
