//! Verification of a delta status answer (`GET /api/v1/balance/delta/:anchorId`).

use crate::receipt::common::{check_echo, check_id, error_text, opaque_why};
use crate::receipt::detect::{ClaimKind, RootClaim, check_root_claims};
use crate::receipt::mapping::{SubmittedDelta, detect_list_root};
use crate::receipt::wire::{DeltaStatusResponse, ReceiptId};
use crate::receipt::{ArtefactKind, Basis, EncodingFinding, Failure, MappingFinding, Report};
use crate::{Hash32, ItemMapping, items_root};
use alloc::format;
use alloc::vec::Vec;

/// Verifies a delta status answer against the deltas of the anchor, in order,
/// and optionally the stored receiptId.
///
/// Checks: the status is not FAILED; the echoed `customerId`/`delta` equal the
/// submitted delta (one delta); `deltaCount` equals the number submitted; the
/// root of the submitted deltas is `receiptId` (mapping and node encoding
/// detected together, one mapping for all deltas); when every `deltas[]`
/// entry carries an `itemHash`, their root is `receiptId`; the stored receipt
/// equals `receiptId`. `txHash` is not checked (no ledger layout is published).
///
/// ```
/// use pacspace_proof::Verdict;
/// use pacspace_proof::receipt::{SubmittedDelta, verify_delta_status};
/// use pacspace_proof::receipt::wire::DeltaStatusResponse;
/// let d = SubmittedDelta::from_json(r#"{"customerId":"c","delta":5,"reason":"r"}"#).unwrap();
/// let h = d.item_hash(Default::default()).unwrap();
/// let s: DeltaStatusResponse = serde_json::from_value(serde_json::json!({"success":true,
///     "data":{"status":"ANCHORED","customerId":"c","delta":5,"receiptId":h,"txHash":"0x01"}})).unwrap();
/// assert_eq!(verify_delta_status(&s, &[d], None).verdict(), Verdict::Verified);
/// ```
pub fn verify_delta_status(
    resp: &DeltaStatusResponse,
    submitted: &[SubmittedDelta],
    expected_receipt: Option<&Hash32>,
) -> Report {
    let d = &resp.data;
    let mut r = Report::new(ArtefactKind::DeltaStatus);
    if d.status.is_failed() {
        r.fail(
            "status",
            Failure::StatusFailed {
                field: "status".into(),
                error: error_text(d.extra.get("error")),
            },
        );
    }
    if let [only] = submitted {
        check_echo(&mut r, "", "delta", d.customer_id.as_deref(), d.delta, only);
    }
    if let (Some(c), false) = (d.delta_count, submitted.is_empty()) {
        if c == submitted.len() as u64 {
            r.pass_on(Basis::OwnField, "deltaCount", format!("{c} deltas, as submitted"));
        } else {
            r.fail(
                "deltaCount",
                Failure::CountMismatch {
                    field: "deltaCount".into(),
                    expected: submitted.len() as u64,
                    found: c,
                },
            );
        }
    }
    match &d.receipt_id {
        None => r.not_checkable("receiptId", "the answer carries no receiptId".into()),
        Some(ReceiptId::Opaque(id)) => r.not_checkable("receiptId", opaque_why("receiptId", id)),
        Some(ReceiptId::Root(root)) => {
            if let Some(leaves) = d.listed_item_hashes() {
                let id = ReceiptId::Root(*root);
                check_root_claims(
                    &mut r,
                    &leaves,
                    &[RootClaim {
                        field: "receiptId (root of deltas[].itemHash)",
                        id: &id,
                        kind: ClaimKind::Root,
                    }],
                );
            }
            if submitted.is_empty() {
                r.not_checkable(
                    "receiptId (root of submitted deltas)",
                    "no submitted deltas given".into(),
                );
            } else {
                check_submitted_root(&mut r, "receiptId", submitted, root);
            }
            if let Some(exp) = expected_receipt {
                check_id(
                    &mut r,
                    "stored receipt",
                    "receiptId",
                    &ReceiptId::Root(*root),
                    exp,
                );
            }
        }
    }
    if let Some(tx) = &d.tx_hash {
        r.notes.push(format!(
            "txHash {tx} not checked: no ledger contract or transaction layout is published"
        ));
    }
    r
}

/// `root` must be the itemsRoot of `submitted`, under some mapping and encoding.
pub(crate) fn check_submitted_root(r: &mut Report, field: &str, submitted: &[SubmittedDelta], root: &Hash32) {
    let name = format!("{field} (root of submitted deltas)");
    match detect_list_root(submitted, root) {
        Some((m, e)) => {
            r.mappings.extend((0..submitted.len()).map(|item| MappingFinding {
                item,
                mapping: Some(m),
            }));
            r.node_encoding = e;
            r.encoding = if submitted.len() >= 2 {
                EncodingFinding::Detected(e)
            } else {
                EncodingFinding::Undecidable {
                    leaves: submitted.len(),
                }
            };
            r.pass_on(
                Basis::OwnRoot,
                &name,
                format!(
                    "{root} is the root of the {} submitted deltas (mapping: {m}; node encoding {e})",
                    submitted.len()
                ),
            );
        }
        None => {
            r.mappings
                .extend((0..submitted.len()).map(|item| MappingFinding { item, mapping: None }));
            let leaves: Vec<Hash32> = submitted
                .iter()
                .map(|s| s.item_hash(ItemMapping::default()).unwrap_or_default())
                .collect();
            r.encoding = EncodingFinding::NoneReproduced;
            r.fail(
                &name,
                Failure::RootMismatch {
                    field: field.into(),
                    claimed: *root,
                    computed: items_root(&leaves, r.node_encoding),
                },
            );
            crate::receipt::near_miss::list_root_near_miss(r, submitted, root, field);
        }
    }
}
