//! The inputs and the hashing verbs on JSON text (canonical JSON, item hashes,
//! roots, proofs), host-independent: every binding in [`crate::bindings`]
//! converts its JavaScript arguments to text, calls one of these (or a verb of
//! [`crate::proof_ops`], [`crate::receipt_ops`], [`crate::webhook_ops`],
//! [`crate::bundle_ops`], [`crate::anchor_ops`]) and turns the `Err` text into
//! a thrown `Error`. Kept apart from the bindings so the logic is unit-tested
//! natively.

use pacspace_proof::{Hash32, MerkleTree, NodeEncoding, canonical_json, item_hash, items_root};
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

/// A JSON type's name for messages.
pub(crate) fn kind(v: &Value) -> &'static str {
    pacspace_proof::tree::json_kind(v)
}

pub(crate) fn kind_of_text(text: &str) -> &'static str {
    serde_json::from_str::<Value>(text).map_or("invalid JSON", |v| kind(&v))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DELTA: &str = r#"{"customerId":"c","delta":5,"reason":"r"}"#;

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
}
