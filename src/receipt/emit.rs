//! Verification of an emit response (`POST /api/v1/balance/delta`).

use crate::Hash32;
use crate::receipt::common::{check_echo, error_text};
use crate::receipt::detect::{ClaimKind, RootClaim, check_root_claims, check_stored};
use crate::receipt::mapping::{SubmittedDelta, find_mapping};
use crate::receipt::wire::{EmitResponse, ReceiptId};
use crate::receipt::{ArtefactKind, Basis, Failure, MappingFinding, Report};
use alloc::format;

/// Verifies an emit response against the deltas submitted with it (usually
/// one; empty to check only the receipt's internal consistency) and,
/// optionally, the receiptId stored earlier.
///
/// Checks: the response does not say FAILED; the echoed `customerId` and
/// `delta` equal the submitted delta's (when one delta is given); each
/// submitted delta hashes, under some [`ItemMapping`](crate::ItemMapping), to
/// one of `itemHashes` (which mapping is reported); the root of `itemHashes`
/// is `itemsRoot` (the node encoding is detected); `receiptId` equals that
/// root (an opaque `rcpt_…` id is reported as not checkable); and the stored
/// receipt equals that root. Each claim is compared with the recomputed root,
/// so an altered `itemsRoot` fails as `itemsRoot` and an altered `receiptId`
/// as `receiptId`.
///
/// ```
/// use pacspace_proof::Verdict;
/// use pacspace_proof::receipt::{SubmittedDelta, verify_emit};
/// use pacspace_proof::receipt::wire::EmitResponse;
/// let delta = SubmittedDelta::from_json(r#"{"customerId":"c","delta":5,"reason":"r"}"#).unwrap();
/// let h = delta.item_hash(Default::default()).unwrap();
/// let text = format!(r#"{{"success":true,"data":{{"customerId":"c","delta":5,"status":"QUEUED",
///     "receiptId":"{h}","itemsRoot":"{h}","itemHashes":["{h}"]}}}}"#);
/// let resp: EmitResponse = serde_json::from_str(&text).unwrap();
/// let report = verify_emit(&resp, &[delta], Some(&h));
/// assert_eq!(report.verdict(), Verdict::Verified, "{report}");
/// ```
pub fn verify_emit(
    resp: &EmitResponse,
    submitted: &[SubmittedDelta],
    expected_receipt: Option<&Hash32>,
) -> Report {
    let d = &resp.data;
    let mut r = Report::new(ArtefactKind::Emit);
    if d.status.is_failed() {
        r.fail(
            "status",
            Failure::StatusFailed {
                field: "status".into(),
                error: error_text(d.extra.get("error")).or_else(|| d.message.clone()),
            },
        );
    }
    if let [only] = submitted {
        check_echo(&mut r, "", "delta", Some(&d.customer_id), Some(d.delta), only);
    }
    if submitted.is_empty() {
        r.not_checkable(
            "item hash",
            "no submitted delta given: the delta itself is not checked, only the receipt's consistency"
                .into(),
        );
    }
    for (i, s) in submitted.iter().enumerate() {
        let name = format!("item hash of delta {i}");
        match find_mapping(s, |h| d.item_hashes.contains(h)) {
            Some((m, h)) => {
                r.mappings.push(MappingFinding {
                    item: i,
                    mapping: Some(m),
                });
                let pos = d.item_hashes.iter().position(|x| *x == h).unwrap_or_default();
                r.pass_on(
                    Basis::OwnItem,
                    &name,
                    format!("{h} = itemHashes[{pos}] (mapping: {m})"),
                );
            }
            None => {
                r.mappings.push(MappingFinding {
                    item: i,
                    mapping: None,
                });
                r.fail_on(
                    Basis::OwnItem,
                    &name,
                    Failure::ItemHashNotFound {
                        item: i,
                        computed: s.item_hash(Default::default()).unwrap_or_default(),
                        searched: d.item_hashes.len(),
                    },
                );
                crate::receipt::near_miss::item_near_miss(
                    &mut r,
                    i,
                    s,
                    |h| d.item_hashes.contains(h),
                    "among the itemHashes",
                );
            }
        }
    }
    let items_root = ReceiptId::Root(d.items_root);
    let root = check_root_claims(
        &mut r,
        &d.item_hashes,
        &[
            RootClaim {
                field: "itemsRoot",
                id: &items_root,
                kind: ClaimKind::Root,
            },
            RootClaim {
                field: "receiptId",
                id: &d.receipt_id,
                kind: ClaimKind::Id,
            },
        ],
    );
    if let Some(stored) = expected_receipt {
        check_stored(&mut r, stored, &d.item_hashes, root);
    }
    r
}
