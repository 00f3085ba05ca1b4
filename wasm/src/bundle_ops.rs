//! Proof bundles on JSON text: verify one, or create one from a stored
//! artefact and the deltas as submitted (host-independent, like [`crate::ops`]).

use crate::ops::BadInput;
use pacspace_proof::bundle::{
    Bundle, CreateOptions, InclusionForm, LedgerEvidence, create_from_json, verify,
};
use serde_json::Value;

/// Verifies a bundle's JSON text; returns the report's JSON text (`verdict`,
/// `level`, `checks`, `notChecked`, and the bundle's contents with each
/// item's path to the root).
///
/// ```
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/bundles/v1/emit-one.json")).unwrap();
/// let r = pacspace_proof_wasm::bundle_ops::verify_bundle(&text).unwrap();
/// assert!(r.contains(r#""level":"verified""#), "{r}");
/// let e = pacspace_proof_wasm::bundle_ops::verify_bundle(r#"{"format":"pacspace-proof-bundle/v2"}"#).unwrap_err();
/// assert!(e.contains("newer version"), "{e}");
/// ```
pub fn verify_bundle(text: &str) -> Result<String, BadInput> {
    let bundle = Bundle::from_json(text).map_err(|e| e.to_string())?;
    serde_json::to_string(&verify(&bundle)).map_err(|e| e.to_string())
}

/// `createBundle`'s options, as JavaScript passes them: `{only?: number[],
/// inclusion?: "compact" | "itemHashes", ledgerAnswers?: object | string,
/// createdBy?: string}`. Read by hand (no serde visitor: a smaller build).
///
/// ```
/// let o = pacspace_proof_wasm::bundle_ops::options(r#"{"only":[0,3],"inclusion":"itemHashes"}"#).unwrap();
/// assert_eq!(o.only, [0, 3]);
/// assert!(pacspace_proof_wasm::bundle_ops::options(r#"{"onyl":[0]}"#).unwrap_err().contains("onyl"));
/// ```
pub fn options(text: &str) -> Result<CreateOptions, BadInput> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("options: {e}"))?;
    let Value::Object(o) = v else {
        return Err("options must be an object".into());
    };
    let mut opts = CreateOptions::default();
    for (k, v) in &o {
        match (k.as_str(), v) {
            (_, Value::Null) => {}
            ("only", Value::Array(list)) => {
                for i in list {
                    let i = i
                        .as_u64()
                        .and_then(|i| usize::try_from(i).ok())
                        .ok_or_else(|| format!("options.only: {i} is not a delta position"))?;
                    opts.only.push(i);
                }
            }
            ("inclusion", Value::String(s)) if s == "compact" => opts.inclusion = InclusionForm::Compact,
            ("inclusion", Value::String(s)) if s == "itemHashes" => {
                opts.inclusion = InclusionForm::ItemHashes
            }
            ("inclusion", other) => {
                return Err(format!(
                    "options.inclusion must be \"compact\" or \"itemHashes\", not {other}"
                ));
            }
            ("ledgerAnswers", answers) => {
                let text = match answers {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                opts.ledger = Some(
                    LedgerEvidence::from_answers_json(&text)
                        .map_err(|e| format!("options.ledgerAnswers: {e}"))?,
                );
            }
            ("createdBy", Value::String(s)) => opts.created_by = Some(s.clone()),
            (key, _) => {
                return Err(format!(
                    "options.{key}: unknown option, or not of the expected type"
                ));
            }
        }
    }
    Ok(opts)
}

/// Creates a bundle from an artefact's JSON text, the deltas' JSON text (one
/// object or an array, as submitted) and the options' JSON text; returns
/// the bundle's JSON text.
///
/// ```
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/receipts/");
/// let emit = std::fs::read_to_string(format!("{dir}emit.json")).unwrap();
/// let delta = std::fs::read_to_string(format!("{dir}emit-delta.json")).unwrap();
/// let b = pacspace_proof_wasm::bundle_ops::create_bundle(&emit, &delta, None).unwrap();
/// assert!(pacspace_proof_wasm::bundle_ops::verify_bundle(&b).unwrap().contains(r#""level":"verified""#));
/// let e = pacspace_proof_wasm::bundle_ops::create_bundle(&emit, &delta, Some(r#"{"inclusion":"all"}"#)).unwrap_err();
/// assert!(e.starts_with("options.inclusion"), "{e}");
/// ```
pub fn create_bundle(artefact: &str, deltas: &str, options_text: Option<&str>) -> Result<String, BadInput> {
    let opts = match options_text {
        Some(text) => options(text)?,
        None => CreateOptions::default(),
    };
    let bundle = create_from_json(artefact, deltas, &opts).map_err(|e| e.to_string())?;
    serde_json::to_string(&bundle).map_err(|e| e.to_string())
}
