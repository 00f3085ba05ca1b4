//! Receipt verification on an artefact's JSON text (any artefact the service
//! returns), against the submitted deltas and the receiptId stored earlier.

use crate::ops::{BadInput, hash};
use pacspace_proof::verify_receipt_json;

/// Verifies any artefact's JSON text against the submitted deltas' JSON text
/// (an object or an array; `None` when not at hand) and the receiptId stored
/// earlier; returns the report's JSON text.
///
/// ```
/// let r = pacspace_proof_wasm::receipt_ops::verify_receipt(r#"{"receiptId":"rcpt_1","status":"QUEUED"}"#, None, None).unwrap();
/// assert!(r.contains(r#""verdict":"unverifiable""#));
/// assert!(pacspace_proof_wasm::receipt_ops::verify_receipt(r#"{"hello":1}"#, None, None).unwrap_err().starts_with("not a recognised PacSpace artefact"));
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
/// let r = pacspace_proof_wasm::receipt_ops::verify_receipt_text(r#"{"receiptId":"rcpt_1","status":"QUEUED"}"#, None, None).unwrap();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::item_hash_of;

    const DELTA: &str = r#"{"customerId":"c","delta":5,"reason":"r"}"#;

    fn emit_for(delta: &str) -> String {
        let h = item_hash_of(delta).unwrap();
        format!(
            r#"{{"success":true,"data":{{"customerId":"c","delta":5,"status":"QUEUED","receiptId":"{h}","itemsRoot":"{h}","itemHashes":["{h}"]}}}}"#
        )
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
}
