//! Fetch what the service publishes, then verify it locally into a
//! [`Report`]. The service's own `verified` never becomes the verdict.

use super::{Client, FetchError, Source};
use crate::Hash32;
use crate::receipt::wire::{DeltaStatusData, DeltaStatusResponse, Envelope, Extra, VerifyAnswer};
use crate::receipt::{Report, SubmittedDelta, verify_delta_status, verify_public_answer};
use alloc::format;
use alloc::string::{String, ToString};
use serde_json::Value;

/// What a receipt id given by a caller is: a `0x` root (checked against the
/// answer) or an opaque id such as `rcpt_…` (fetched, but nothing can be
/// compared with it).
fn classify(receipt: &str) -> Result<Option<Hash32>, FetchError> {
    if receipt.starts_with("0x") || receipt.starts_with("0X") {
        receipt
            .parse::<Hash32>()
            .map(Some)
            .map_err(|e| FetchError::BadId {
                id: receipt.to_string(),
                why: e.to_string(),
            })
    } else {
        Ok(None)
    }
}

fn parse<T: serde::de::DeserializeOwned>(what: &str, value: Value) -> Result<T, FetchError> {
    serde_json::from_value(value).map_err(|e| FetchError::Shape(format!("{what}: {e}")))
}

impl Client {
    /// Fetches the public verify answer for `receipt` (`GET
    /// /api/v1/verify/:proofRoot`) and verifies it locally against the
    /// submitted deltas of that receipt, in order (see
    /// [`verify_public_answer`]). A `0x` receipt id is also checked against
    /// the root the answer names; an opaque id (`rcpt_…`) is fetched but
    /// reported as not checkable.
    ///
    /// With no submitted deltas nothing the service claims can be recomputed,
    /// and the report says so (verdict unverifiable), whatever `verified` says.
    ///
    /// ```no_run
    /// use pacspace_proof::fetch::{Client, ClientConfig};
    /// use pacspace_proof::receipt::SubmittedDelta;
    /// let deltas = SubmittedDelta::list_from_value(&serde_json::json!([
    ///     {"customerId": "cust_1", "delta": 25, "reason": "top-up"}]))?;
    /// let report = Client::new(ClientConfig::default()).fetch_and_verify(
    ///     "0xb8bad1209a18ece5ee7589b4c2291a4f17f789d4e59652b0adeb8e6f75df8bed", &deltas, None)?;
    /// println!("{report}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn fetch_and_verify(
        &self,
        receipt: &str,
        submitted: &[SubmittedDelta],
        source: Option<Source>,
    ) -> Result<Report, FetchError> {
        let expected = classify(receipt)?;
        let answer: VerifyAnswer = parse("verify answer", self.verify_answer(receipt, source)?)?;
        let mut report = verify_public_answer(&answer, submitted, expected.as_ref());
        if expected.is_none() {
            report.not_checkable(
                "asked-for receipt",
                format!("{receipt:?} is an opaque id, not a 0x root: the answer cannot be bound to it"),
            );
        }
        report
            .notes
            .push(fetched_note(self, "/api/v1/verify/", receipt, source));
        Ok(report)
    }

    /// Fetches the delta status of `anchor_id` (`GET
    /// /api/v1/balance/delta/:anchorId`, sends the API key) and verifies it
    /// locally against the submitted deltas of that anchor, in order, and
    /// optionally the receiptId the caller stored (see
    /// [`verify_delta_status`]).
    ///
    /// ```no_run
    /// use pacspace_proof::fetch::{Client, ClientConfig};
    /// use pacspace_proof::receipt::SubmittedDelta;
    /// let config = ClientConfig { api_key: std::env::var("PACSPACE_API_KEY").ok(), ..Default::default() };
    /// let deltas = SubmittedDelta::list_from_value(&serde_json::json!([
    ///     {"customerId": "cust_1", "delta": 25, "reason": "top-up"}]))?;
    /// let report = Client::new(config).fetch_and_verify_status("anc_123", &deltas, None)?;
    /// assert!(report.is_verified());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn fetch_and_verify_status(
        &self,
        anchor_id: &str,
        submitted: &[SubmittedDelta],
        stored_receipt: Option<&Hash32>,
    ) -> Result<Report, FetchError> {
        let data: DeltaStatusData = parse("delta status", self.delta_status(anchor_id)?)?;
        let response: DeltaStatusResponse = Envelope {
            success: None,
            data,
            extra: Extra::new(),
        };
        let mut report = verify_delta_status(&response, submitted, stored_receipt);
        report
            .notes
            .push(fetched_note(self, "/api/v1/balance/delta/", anchor_id, None));
        Ok(report)
    }
}

fn fetched_note(client: &Client, path: &str, id: &str, source: Option<Source>) -> String {
    let query = source
        .map(|s| format!("?source={}", s.name()))
        .unwrap_or_default();
    format!(
        "fetched {}{path}{id}{query}; every check above was recomputed locally",
        client.config().base_url.trim_end_matches('/')
    )
}

#[cfg(test)]
mod tests {
    use super::classify;

    #[test]
    fn receipt_ids_are_roots_opaque_or_refused() {
        let root = "0xb8bad1209a18ece5ee7589b4c2291a4f17f789d4e59652b0adeb8e6f75df8bed";
        assert!(classify(root).unwrap().is_some());
        assert!(classify("rcpt_1").unwrap().is_none());
        assert!(classify("0xb8bad1").is_err());
    }
}
