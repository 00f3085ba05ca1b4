//! The JavaScript functions: argument conversion around [`crate::ops`].
//!
//! Inputs: a JavaScript string is JSON text; any other value is written with
//! the host's `JSON.stringify` (so numbers reach Rust as the exact doubles
//! JavaScript holds) and parsed as text. Outputs: the Rust report's
//! `serde_json` text, read back with `JSON.parse`, so field names and values
//! are exactly those of the Rust API's serde output. Bad input throws an
//! `Error` whose message is the Rust error's `Display`.

use crate::{anchor_ops, bundle_ops, ops, proof_ops, receipt_ops, webhook_ops};
use js_sys::{JSON, Uint8Array};
use serde::Serialize;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Bad input as a thrown JavaScript `Error`.
fn bad(message: ops::BadInput) -> JsError {
    JsError::new(&message)
}

/// The message of a JavaScript exception.
fn js_message(e: &JsValue) -> String {
    match e.dyn_ref::<js_sys::Error>() {
        Some(err) => String::from(err.message()),
        None => format!("{e:?}"),
    }
}

/// A required JSON argument as text.
fn json_text(v: &JsValue, what: &str) -> Result<String, JsError> {
    if let Some(s) = v.as_string() {
        return Ok(s);
    }
    if v.is_undefined() {
        return Err(bad(format!("{what} is missing")));
    }
    let text = JSON::stringify(v)
        .map_err(|e| bad(format!("{what} cannot be written as JSON: {}", js_message(&e))))?;
    text.as_string()
        .ok_or_else(|| bad(format!("{what} cannot be written as JSON")))
}

/// An optional JSON argument as text: `null` and `undefined` are absent.
fn optional_json_text(v: &JsValue, what: &str) -> Result<Option<String>, JsError> {
    if v.is_null() || v.is_undefined() {
        Ok(None)
    } else {
        json_text(v, what).map(Some)
    }
}

/// A webhook body's exact bytes: a `Uint8Array` as is, a string as UTF-8.
fn body_bytes(v: &JsValue) -> Result<Vec<u8>, JsError> {
    if let Some(s) = v.as_string() {
        Ok(s.into_bytes())
    } else if let Some(a) = v.dyn_ref::<Uint8Array>() {
        Ok(a.to_vec())
    } else {
        Err(bad(
            "body must be the raw request body: a string or a Uint8Array".into()
        ))
    }
}

/// JSON text from Rust as a plain JavaScript value.
fn parse_out(text: &str) -> Result<JsValue, JsError> {
    JSON::parse(text).map_err(|e| bad(js_message(&e)))
}

fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsError> {
    parse_out(&serde_json::to_string(v).map_err(|e| bad(e.to_string()))?)
}

/// The canonical JSON of a value (a string argument is JSON text).
#[wasm_bindgen(js_name = canonicalJson)]
pub fn canonical_json(
    #[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue,
) -> Result<String, JsError> {
    ops::canonical(&json_text(&value, "value")?).map_err(bad)
}

/// The item hash (`0x` + 64 hex) of one item object.
#[wasm_bindgen(js_name = itemHash)]
pub fn item_hash(
    #[wasm_bindgen(unchecked_param_type = "string | Item")] item: JsValue,
) -> Result<String, JsError> {
    ops::item_hash_of(&json_text(&item, "item")?).map_err(bad)
}

/// The itemsRoot of an array of item objects or `0x` item hashes.
#[wasm_bindgen(js_name = itemsRoot)]
pub fn items_root(
    #[wasm_bindgen(unchecked_param_type = "string | Array<string | Item>")] items: JsValue,
    #[wasm_bindgen(
        js_name = "nodeEncoding",
        unchecked_optional_param_type = "NodeEncodingName | null"
    )]
    node_encoding: Option<String>,
) -> Result<String, JsError> {
    ops::root(&json_text(&items, "items")?, node_encoding.as_deref()).map_err(bad)
}

/// The inclusion proof of item `index`.
#[wasm_bindgen(unchecked_return_type = "Proof")]
pub fn prove(
    #[wasm_bindgen(unchecked_param_type = "string | Array<string | Item>")] items: JsValue,
    index: f64,
    #[wasm_bindgen(
        js_name = "nodeEncoding",
        unchecked_optional_param_type = "NodeEncodingName | null"
    )]
    node_encoding: Option<String>,
) -> Result<JsValue, JsError> {
    let index = ops::index(index).map_err(bad)?;
    parse_out(&ops::prove(&json_text(&items, "items")?, index, node_encoding.as_deref()).map_err(bad)?)
}

/// A Merkle tree built once over a receipt's items (or item hashes), to
/// prove many of them: `new Tree(items, nodeEncoding?)`.
#[wasm_bindgen]
pub struct Tree {
    inner: pacspace_proof::MerkleTree,
}

#[wasm_bindgen]
impl Tree {
    /// Builds the tree over an array of item objects or `0x` item hashes.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string | Array<string | Item>")] items: JsValue,
        #[wasm_bindgen(
            js_name = "nodeEncoding",
            unchecked_optional_param_type = "NodeEncodingName | null"
        )]
        node_encoding: Option<String>,
    ) -> Result<Tree, JsError> {
        let inner = ops::tree(&json_text(&items, "items")?, node_encoding.as_deref()).map_err(bad)?;
        Ok(Tree { inner })
    }

    /// The itemsRoot.
    #[wasm_bindgen(getter)]
    pub fn root(&self) -> String {
        self.inner.root().to_string()
    }

    /// The number of items.
    #[wasm_bindgen(getter)]
    pub fn count(&self) -> usize {
        self.inner.len()
    }

    /// The node encoding.
    #[wasm_bindgen(getter, js_name = nodeEncoding, unchecked_return_type = "NodeEncodingName")]
    pub fn node_encoding(&self) -> String {
        self.inner.encoding().name().into()
    }

    /// The inclusion proof of item `index`.
    #[wasm_bindgen(unchecked_return_type = "Proof")]
    pub fn prove(&self, index: f64) -> Result<JsValue, JsError> {
        let index = ops::index(index).map_err(bad)?;
        parse_out(&ops::prove_in(&self.inner, index).map_err(bad)?)
    }
}

/// Verifies a proof against the root it claims and, when given, the root you
/// trust (`expectRoot`, e.g. the receiptId on your invoice). `nodeEncoding`
/// applies only to a proof that names none. A proof that does not verify is
/// `{verified: false, error}`; malformed input throws.
#[wasm_bindgen(js_name = verifyProof, unchecked_return_type = "ProofVerdict")]
pub fn verify_proof(
    #[wasm_bindgen(unchecked_param_type = "string | Proof")] proof: JsValue,
    #[wasm_bindgen(js_name = "expectRoot", unchecked_optional_param_type = "string | null")]
    expect_root: Option<String>,
    #[wasm_bindgen(
        js_name = "nodeEncoding",
        unchecked_optional_param_type = "NodeEncodingName | null"
    )]
    node_encoding: Option<String>,
) -> Result<JsValue, JsError> {
    let v = proof_ops::verify_proof(
        &json_text(&proof, "proof")?,
        expect_root.as_deref(),
        node_encoding.as_deref(),
    )
    .map_err(bad)?;
    to_js(&v)
}

/// Verifies any PacSpace artefact (emit / batch / delta-status / verify
/// answer / webhook event) against the deltas you submitted (one object or
/// an array; optional) and the receiptId you stored (optional).
#[wasm_bindgen(js_name = verifyReceipt, unchecked_return_type = "Report")]
pub fn verify_receipt(
    #[wasm_bindgen(unchecked_param_type = "string | object")] artefact: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | Item | Item[] | null")] submitted: JsValue,
    #[wasm_bindgen(js_name = "expectedReceipt", unchecked_optional_param_type = "string | null")]
    expected_receipt: Option<String>,
) -> Result<JsValue, JsError> {
    let artefact = json_text(&artefact, "artefact")?;
    let submitted = optional_json_text(&submitted, "submitted")?;
    parse_out(
        &receipt_ops::verify_receipt(&artefact, submitted.as_deref(), expected_receipt.as_deref())
            .map_err(bad)?,
    )
}

/// Like `verifyReceipt`, as the text report (`VERDICT`, the node encoding,
/// the mapping, then one `ok` / `FAIL` / `--` line per check with its
/// message, then notes).
#[wasm_bindgen(js_name = verifyReceiptText)]
pub fn verify_receipt_text(
    #[wasm_bindgen(unchecked_param_type = "string | object")] artefact: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | Item | Item[] | null")] submitted: JsValue,
    #[wasm_bindgen(js_name = "expectedReceipt", unchecked_optional_param_type = "string | null")]
    expected_receipt: Option<String>,
) -> Result<String, JsError> {
    let artefact = json_text(&artefact, "artefact")?;
    let submitted = optional_json_text(&submitted, "submitted")?;
    receipt_ops::verify_receipt_text(&artefact, submitted.as_deref(), expected_receipt.as_deref())
        .map_err(bad)
}

/// Checks a webhook delivery's `X-PacSpace-Signature` over the raw body;
/// the clock is `headers.nowUnixSecs`.
#[wasm_bindgen(js_name = verifyWebhookSignature, unchecked_return_type = "SignatureVerdict")]
pub fn verify_webhook_signature(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] body: JsValue,
    #[wasm_bindgen(unchecked_param_type = "WebhookHeaders")] headers: JsValue,
) -> Result<JsValue, JsError> {
    let h = webhook_ops::headers(&json_text(&headers, "headers")?).map_err(bad)?;
    to_js(&webhook_ops::webhook_signature(&body_bytes(&body)?, &h))
}

/// Verifies a whole webhook delivery: the signature (first check), then the
/// event against the delta you submitted and the receiptId you stored.
#[wasm_bindgen(js_name = verifyWebhookDelivery, unchecked_return_type = "Report")]
pub fn verify_webhook_delivery(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] body: JsValue,
    #[wasm_bindgen(unchecked_param_type = "WebhookHeaders")] headers: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | Item | null")] submitted: JsValue,
    #[wasm_bindgen(js_name = "storedReceipt", unchecked_optional_param_type = "string | null")]
    stored_receipt: Option<String>,
) -> Result<JsValue, JsError> {
    let h = webhook_ops::headers(&json_text(&headers, "headers")?).map_err(bad)?;
    let submitted = optional_json_text(&submitted, "submitted")?;
    parse_out(
        &webhook_ops::webhook_delivery(
            &body_bytes(&body)?,
            &h,
            submitted.as_deref(),
            stored_receipt.as_deref(),
        )
        .map_err(bad)?,
    )
}

/// Verifies a proof bundle (`pacspace-proof-bundle/v1`): the seal, each
/// delta against its item hash, the items against the root. Returns the
/// report with `verdict`, `level`, `checks`, `notChecked`, the bundle's
/// contents and each item's path to the root. A bundle that is not JSON,
/// not a bundle, or of a newer major version throws.
#[wasm_bindgen(js_name = verifyBundle, unchecked_return_type = "BundleReport")]
pub fn verify_bundle(
    #[wasm_bindgen(unchecked_param_type = "string | object")] bundle: JsValue,
) -> Result<JsValue, JsError> {
    parse_out(&bundle_ops::verify_bundle(&json_text(&bundle, "bundle")?).map_err(bad)?)
}

/// Decides whether `root` is anchored in the ledger transaction `tx`, from
/// the sources' answers the caller fetched itself (an array of recorded
/// answers, a `pacspace-ledger-answers/v1` file, or a bundle's `ledger`).
/// Pure: nothing is fetched. `policy`: `{network?, minSources?, contract?,
/// notBefore?, notBeforeToleranceSecs?, level?}`, where `level` is the level
/// your own verification of this root reached (lifted from `verified` to
/// `anchored` when the root is found). Malformed input throws.
#[wasm_bindgen(js_name = decideAnchor, unchecked_return_type = "AnchorDecision")]
pub fn decide_anchor(
    root: String,
    tx: String,
    #[wasm_bindgen(
        unchecked_param_type = "string | SourceAnswer[] | { network?: string; answers: SourceAnswer[] }"
    )]
    answers: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "AnchorPolicy | null")] policy: JsValue,
) -> Result<JsValue, JsError> {
    let answers = json_text(&answers, "answers")?;
    let policy = optional_json_text(&policy, "policy")?;
    parse_out(&anchor_ops::decide_anchor(&root, &tx, &answers, policy.as_deref()).map_err(bad)?)
}
/// Creates a proof bundle from a stored artefact (emit or batch response,
/// delta status or verify answer, webhook event) and the deltas as
/// submitted (one object or an array, in order). Options: `{only?: number[],
/// inclusion?: "compact" | "itemHashes", ledgerAnswers?, createdBy?}`. A
/// receipt that does not verify against the deltas throws.
#[wasm_bindgen(js_name = createBundle, unchecked_return_type = "Bundle")]
pub fn create_bundle(
    #[wasm_bindgen(unchecked_param_type = "string | object")] artefact: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Item | Item[]")] deltas: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "BundleOptions | null")] options: JsValue,
) -> Result<JsValue, JsError> {
    let artefact = json_text(&artefact, "artefact")?;
    let deltas = json_text(&deltas, "deltas")?;
    let options = optional_json_text(&options, "options")?;
    parse_out(&bundle_ops::create_bundle(&artefact, &deltas, options.as_deref()).map_err(bad)?)
}
