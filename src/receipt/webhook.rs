//! Verification of a webhook event (`delta.verified` / `delta.failed`) and of
//! a whole delivery (signature headers + raw body).

use crate::Hash32;
use crate::receipt::Failure as F;
use crate::receipt::artefact::WireError;
use crate::receipt::common::{check_echo, check_id, check_item_hash, error_text};
use crate::receipt::detect::{ClaimKind, RootClaim, check_root_claims, check_stored};
use crate::receipt::mapping::SubmittedDelta;
use crate::receipt::wire::{WebhookData, WebhookDelta, WebhookEvent};
use crate::receipt::{ArtefactKind, Basis, Failure, Report};
use crate::signature::verify_webhook_signature;
use alloc::format;
use alloc::string::ToString;

/// Event name of a verified delta.
pub const DELTA_VERIFIED: &str = "delta.verified";
/// Event name of a failed delta.
pub const DELTA_FAILED: &str = "delta.failed";

/// Verifies a webhook event, optionally against the delta submitted and the
/// receiptId stored when it was emitted.
///
/// Checks: the event is `delta.verified` (a `delta.failed` event fails with
/// the service's error); `proof.contentHash` is the item hash of the
/// submitted delta (or, when none is given, of the delta the event echoes),
/// with the mapping reported; `contentHash` is in `proof.itemHashes`; the
/// root of `itemHashes` is `proofHash` (node
/// encoding detected); `data.receiptId` and the stored receipt equal
/// `proofHash`. `previousProofHash` is checked by [`ChainVerifier`](crate::chain::ChainVerifier).
/// `data.deltaIndex` / `data.sequenceNumber` are the tenant's sequence
/// numbers, not positions in `itemHashes`: they are noted, never failed.
/// An event without `proof` (the SDK's shape) only allows the receiptId
/// comparison; the rest is reported as not checkable.
///
/// ```
/// use pacspace_proof::Verdict;
/// use pacspace_proof::receipt::{SubmittedDelta, verify_webhook};
/// use pacspace_proof::receipt::wire::WebhookEvent;
/// let delta = SubmittedDelta::from_json(r#"{"customerId":"c","delta":5,"reason":"r"}"#).unwrap();
/// let h = delta.item_hash(Default::default()).unwrap();
/// let ev: WebhookEvent = serde_json::from_value(serde_json::json!({"event":"delta.verified","timestamp":"t",
///     "data":{"receiptId":h,"deltaIndex":0,"status":"VERIFIED",
///     "proof":{"proofHash":h,"contentHash":h,"itemHashes":[h],"previousProofHash":null}}})).unwrap();
/// assert_eq!(verify_webhook(&ev, Some(&delta), Some(&h)).verdict(), Verdict::Verified);
/// ```
pub fn verify_webhook(
    event: &WebhookEvent,
    submitted: Option<&SubmittedDelta>,
    stored_receipt: Option<&Hash32>,
) -> Report {
    let d = &event.data;
    let mut r = Report::new(ArtefactKind::Webhook);
    match event.event.as_str() {
        DELTA_VERIFIED => {
            if d.status.as_ref().is_some_and(|s| s.is_failed()) {
                r.fail(
                    "data.status",
                    Failure::StatusFailed {
                        field: "data.status".into(),
                        error: error_text(d.error.as_ref()),
                    },
                );
            }
        }
        DELTA_FAILED => r.fail(
            "event",
            Failure::StatusFailed {
                field: "event delta.failed".into(),
                error: error_text(d.error.as_ref()),
            },
        ),
        other => r.fail("event", Failure::UnexpectedEvent { event: other.into() }),
    }
    note_sequence(&mut r, d);
    let Some(p) = &d.proof else {
        r.not_checkable(
            "proof",
            "the event carries no proof {proofHash, contentHash, itemHashes}: item and root cannot be recomputed"
                .into(),
        );
        if let (Some(id), Some(stored)) = (&d.receipt_id, stored_receipt) {
            check_id(&mut r, "stored receipt", "data.receiptId", id, stored);
        }
        if let Some(s) = submitted {
            check_webhook_echo(&mut r, d, s);
        }
        return r;
    };
    // The delta whose item hash contentHash must be.
    let echoed = match &d.delta {
        Some(WebhookDelta::Echo(map)) => Some(SubmittedDelta::from_value(
            &serde_json::Value::Object(map.clone()),
            0,
        )),
        _ => None,
    };
    match (submitted, &echoed) {
        (Some(s), _) => {
            check_webhook_echo(&mut r, d, s);
            check_item_hash(&mut r, Basis::OwnItem, 0, "proof.contentHash", s, &p.content_hash);
        }
        (None, Some(Ok(e))) => {
            check_item_hash(
                &mut r,
                Basis::Artefact,
                0,
                "proof.contentHash (from the echoed data.delta)",
                e,
                &p.content_hash,
            );
            r.notes.push(
                "contentHash was recomputed from the delta the event echoes; pass the submitted delta to bind it to what you sent"
                    .into(),
            );
        }
        (None, Some(Err(e))) => r.not_checkable(
            "proof.contentHash",
            format!("no submitted delta given and the echoed data.delta is unusable: {e}"),
        ),
        (None, None) => r.not_checkable(
            "proof.contentHash",
            "no submitted delta given and the event echoes none".into(),
        ),
    }
    match p.item_hashes.iter().position(|h| *h == p.content_hash) {
        Some(pos) => r.pass("contentHash in itemHashes", format!("itemHashes[{pos}]")),
        None => r.fail(
            "contentHash in itemHashes",
            Failure::ContentHashNotInItemHashes {
                content_hash: p.content_hash,
                searched: p.item_hashes.len(),
            },
        ),
    }
    let mut claims = alloc::vec![RootClaim {
        field: "proof.proofHash",
        id: &p.proof_hash,
        kind: ClaimKind::Root,
    }];
    if let Some(id) = &d.receipt_id {
        claims.push(RootClaim {
            field: "data.receiptId",
            id,
            kind: ClaimKind::Id,
        });
    }
    let root = check_root_claims(&mut r, &p.item_hashes, &claims);
    if let Some(stored) = stored_receipt {
        check_stored(&mut r, stored, &p.item_hashes, root);
    }
    match &p.previous_proof_hash {
        Some(prev) => r.notes.push(format!(
            "previousProofHash {prev}: check the link with the chain verifier over your stored receipts"
        )),
        None => r
            .notes
            .push("previousProofHash is null or absent (first receipt of the chain)".into()),
    }
    r
}

/// `deltaIndex` (docs) and `sequenceNumber` (SDK) number the tenant's
/// deltas: they are not positions in `itemHashes` (a documented example
/// shows `deltaIndex: 1042` beside two item hashes), so one event cannot
/// check them; the audit checks that they run without gaps or repeats.
fn note_sequence(r: &mut Report, d: &WebhookData) {
    let seq = d
        .delta_index
        .map(|k| ("data.deltaIndex", k.to_string()))
        .or_else(|| match d.extra.get("sequenceNumber") {
            Some(serde_json::Value::String(s)) => Some(("data.sequenceNumber", s.clone())),
            Some(serde_json::Value::Number(n)) => Some(("data.sequenceNumber", n.to_string())),
            _ => None,
        });
    if let Some((field, n)) = seq {
        r.notes.push(format!(
            "{field} {n} is the tenant's sequence number, not a position in itemHashes: \
             gaps and repeats across an export are checked by `pacspace-verify audit`"
        ));
    }
}

/// What the event echoes of the delta (`data.delta` object, or the SDK's
/// `data.customerId` / `data.delta` / `data.referenceId`) must be what was
/// submitted.
fn check_webhook_echo(r: &mut Report, d: &WebhookData, s: &SubmittedDelta) {
    match &d.delta {
        Some(WebhookDelta::Echo(map)) => {
            let customer = map.get("customerId").and_then(serde_json::Value::as_str);
            let amount = map
                .get("amount")
                .or_else(|| map.get("delta"))
                .and_then(serde_json::Value::as_f64);
            check_echo(r, "data.delta.", "amount", customer, amount, s);
            echo_text(r, "data.delta.reason", map.get("reason"), Some(&s.reason));
            echo_text(
                r,
                "data.delta.referenceId",
                map.get("referenceId"),
                s.reference_id.as_deref(),
            );
        }
        Some(WebhookDelta::Amount(a)) => {
            check_echo(r, "data.", "delta", d.customer_id.as_deref(), Some(*a), s);
        }
        None => check_echo(r, "data.", "delta", d.customer_id.as_deref(), None, s),
    }
}

/// An echoed text field (absent: not compared; `null`: no value).
fn echo_text(r: &mut Report, field: &str, found: Option<&serde_json::Value>, expected: Option<&str>) {
    let Some(found) = found else { return };
    let found = found.as_str();
    if found == expected {
        r.pass_on(
            Basis::OwnField,
            field,
            format!("{:?} as submitted", found.unwrap_or("null")),
        );
    } else {
        r.fail(
            field,
            F::FieldMismatch {
                field: field.into(),
                expected: expected.unwrap_or("null").into(),
                found: found.unwrap_or("null").into(),
            },
        );
    }
}

/// The signature headers of a delivery and the clock to judge them by.
#[derive(Debug, Clone, Copy)]
pub struct DeliveryHeaders<'a> {
    /// The webhook secret.
    pub secret: &'a [u8],
    /// `X-PacSpace-Signature`, as received.
    pub signature: &'a str,
    /// `X-PacSpace-Timestamp`, as received.
    pub timestamp: &'a str,
    /// The current time, Unix seconds.
    pub now_unix_secs: i64,
    /// Accepted distance from now, seconds ([`DEFAULT_TOLERANCE_SECS`](crate::DEFAULT_TOLERANCE_SECS)).
    pub tolerance_secs: u64,
}

/// Verifies a whole webhook delivery: the signature over the raw body, then
/// the event ([`verify_webhook`]). The signature check is the report's first
/// check. A body that is not an event is bad input ([`WireError`]) unless the
/// signature already failed, in which case the report says so.
///
/// ```
/// use pacspace_proof::receipt::{verify_webhook_delivery, DeliveryHeaders, Failure};
/// use pacspace_proof::signature::{sign_webhook, SignatureError};
/// let body = br#"{"event":"delta.failed","timestamp":"t","data":{"status":"FAILED","error":"timeout"}}"#;
/// let mut buf = [0u8; 67];
/// let sig = sign_webhook(b"whsec_1", "1700000000", body, &mut buf);
/// let h = DeliveryHeaders { secret: b"whsec_1", signature: sig, timestamp: "1700000000", now_unix_secs: 1_700_000_000, tolerance_secs: 300 };
/// let report = verify_webhook_delivery(body, &h, None, None).unwrap();
/// assert!(report.checks[0].name == "signature" && !report.is_verified());
/// let stale = DeliveryHeaders { now_unix_secs: 1_800_000_000, ..h };
/// let report = verify_webhook_delivery(body, &stale, None, None).unwrap();
/// assert!(matches!(report.failures().next(), Some(Failure::Signature(SignatureError::StaleTimestamp { .. }))));
/// ```
pub fn verify_webhook_delivery(
    body: &[u8],
    headers: &DeliveryHeaders<'_>,
    submitted: Option<&SubmittedDelta>,
    stored_receipt: Option<&Hash32>,
) -> Result<Report, WireError> {
    let sig = verify_webhook_signature(
        headers.secret,
        headers.signature,
        headers.timestamp,
        body,
        headers.now_unix_secs,
        headers.tolerance_secs,
    );
    let event: Result<WebhookEvent, _> = serde_json::from_slice(body);
    let mut report = match (&sig, event) {
        (_, Ok(ev)) => verify_webhook(&ev, submitted, stored_receipt),
        (Err(_), Err(e)) => {
            let mut r = Report::new(ArtefactKind::Webhook);
            r.notes.push(format!("the body is not a webhook event: {e}"));
            r
        }
        (Ok(_), Err(e)) => {
            return Err(WireError::Shape {
                artefact: ArtefactKind::Webhook,
                message: e.to_string(),
            });
        }
    };
    let check = match sig {
        Ok(m) => crate::receipt::Check {
            name: "signature".into(),
            basis: crate::receipt::Basis::Artefact,
            outcome: crate::receipt::Outcome::Pass {
                detail: format!(
                    "v1 value {} is the HMAC-SHA256 of timestamp.body; signed {} s ago (tolerance {} s)",
                    m.index, m.age_secs, headers.tolerance_secs
                ),
            },
        },
        Err(e) => crate::receipt::Check {
            name: "signature".into(),
            basis: crate::receipt::Basis::Artefact,
            outcome: crate::receipt::Outcome::Fail {
                failure: Failure::Signature(e),
            },
        },
    };
    report.checks.insert(0, check);
    Ok(report)
}
