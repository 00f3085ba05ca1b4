//! Verifying a bundle: the seal, the receipt status, each item's delta
//! against its item hash, the items against the root through the inclusion,
//! the receiptId against the root, and the ledger evidence's digests.

use crate::bundle::anchor;
use crate::bundle::inclusion::{self, ItemView};
use crate::bundle::{Bundle, BundleFailure, BundleReport, FormatVersion, fieldpath, seal};
use crate::receipt::wire::ReceiptId;
use crate::receipt::{Basis, DeltaInputError, SubmittedDelta};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// Verifies a bundle into a report naming every check and the field each
/// failure blames, with the assurance level reached.
///
/// ```
/// use pacspace_proof::Level;
/// use pacspace_proof::bundle::{Bundle, verify};
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/bundles/v1/batch-two.json")).unwrap();
/// let mut b = Bundle::from_json(&text).unwrap();
/// assert_eq!(verify(&b).level(), Level::Verified);
/// b.items[1].delta["delta"] = serde_json::json!(1000);
/// let r = verify(&b);
/// assert_eq!(r.level(), Level::NotVerified);
/// assert!(r.failures().any(|f| f.field() == "items[1].delta.delta"), "{r}");
/// assert!(r.failures().any(|f| f.field() == "items[1].delta"), "{r}");
/// ```
pub fn verify(b: &Bundle) -> BundleReport {
    let mut r = BundleReport::new(b);
    match FormatVersion::parse(&b.format).and_then(FormatVersion::check_supported) {
        Ok(v) if v.minor > 0 => r.notes.push(format!(
            "format {v}: written by a newer minor version; fields this version does not know are ignored"
        )),
        Ok(_) => {}
        Err(e) => r.fail(
            "format",
            BundleFailure::Format {
                field: "format".into(),
                error: e.to_string(),
            },
        ),
    }
    seal::check(b, &mut r);
    if let Some(status) = &b.receipt.status
        && status.is_failed()
    {
        r.fail(
            "receipt.status",
            BundleFailure::StatusFailed {
                field: "receipt.status".into(),
            },
        );
    }
    let views = item_views(b, &mut r);
    if !views.is_empty() {
        inclusion::check(b, &views, &mut r);
    }
    check_receipt_id(b, &mut r);
    check_ledger(b, &mut r);
    r
}

/// Each item with its delta read; unreadable deltas and repeated indices fail here.
fn item_views(b: &Bundle, r: &mut BundleReport) -> Vec<ItemView> {
    if b.items.is_empty() {
        r.fail(
            "items",
            BundleFailure::NoItems {
                field: "items".into(),
            },
        );
        return Vec::new();
    }
    // Indices that appear more than once, each with whether it was met yet
    // (sorted once: no quadratic scan on a hostile bundle).
    let mut sorted: Vec<u64> = b.items.iter().map(|i| i.index).collect();
    sorted.sort_unstable();
    let mut repeated: Vec<(u64, bool)> = Vec::new();
    for w in sorted.windows(2) {
        if let [a, c] = w
            && a == c
            && repeated.last().map(|r| r.0) != Some(*a)
        {
            repeated.push((*a, false));
        }
    }
    let mut views: Vec<ItemView> = Vec::with_capacity(b.items.len());
    for (k, item) in b.items.iter().enumerate() {
        let delta = match SubmittedDelta::from_value(&item.delta, k) {
            Ok(d) => Some(d),
            Err(e) => {
                r.fail(
                    &fieldpath::item(k, ""),
                    BundleFailure::DeltaUnreadable {
                        field: delta_field(k, &e),
                        error: delta_error(&e),
                    },
                );
                None
            }
        };
        let seen_before = match repeated.binary_search_by_key(&item.index, |r| r.0) {
            Ok(p) => repeated
                .get_mut(p)
                .is_some_and(|r| core::mem::replace(&mut r.1, true)),
            Err(_) => false,
        };
        if seen_before {
            r.fail(
                &fieldpath::item(k, ""),
                BundleFailure::DuplicateIndex {
                    field: fieldpath::item(k, "index"),
                    index: item.index,
                },
            );
        }
        views.push(ItemView {
            k,
            index: item.index,
            item_hash: item.item_hash,
            delta,
        });
    }
    views
}

/// The delta field a reading error is about.
fn delta_field(k: usize, e: &DeltaInputError) -> String {
    match e {
        DeltaInputError::Missing { field, .. } | DeltaInputError::WrongType { field, .. } => {
            fieldpath::item(k, &format!("delta.{field}"))
        }
        DeltaInputError::Metadata { .. } => fieldpath::item(k, "delta.metadata"),
        _ => fieldpath::item(k, "delta"),
    }
}

/// A reading error without the "submitted delta k" prefix (the field says which).
fn delta_error(e: &DeltaInputError) -> String {
    match e {
        DeltaInputError::Missing { .. } => "missing".into(),
        DeltaInputError::WrongType { expected, .. } => format!("must be {expected}"),
        DeltaInputError::NotObject { .. } => "the delta is not an object".into(),
        DeltaInputError::BothAmountKeys { .. } => "gives the amount as both \"delta\" and \"amount\"".into(),
        DeltaInputError::Metadata { error, .. } => error.to_string(),
        DeltaInputError::Json(e) => e.clone(),
    }
}

/// `receipt.receiptId` must be the root; an opaque id cannot be compared.
fn check_receipt_id(b: &Bundle, r: &mut BundleReport) {
    const FIELD: &str = "receipt.receiptId";
    match &b.receipt.receipt_id {
        ReceiptId::Root(id) if *id == b.root => {
            r.pass_on(Basis::Artefact, FIELD, FIELD, format!("{id} is the root"))
        }
        ReceiptId::Root(id) if r.recomputed_root == Some(*id) => r.pass_on(
            Basis::Artefact,
            FIELD,
            FIELD,
            format!("{id} is the root the items reach (the stated root is not)"),
        ),
        ReceiptId::Root(_) => r.fail(
            FIELD,
            BundleFailure::ReceiptIdMismatch {
                field: FIELD.into(),
                expected: b.root,
                found: b.receipt.receipt_id.clone(),
            },
        ),
        ReceiptId::Opaque(id) => r.not_checkable(
            FIELD,
            FIELD,
            format!("{id:?} is an opaque id, not a 0x root: it cannot be compared with the root"),
        ),
    }
}

/// The recorded answers must still have their recorded SHA-256; then the
/// ledger decides from them, offline ([`anchor::check`]).
fn check_ledger(b: &Bundle, r: &mut BundleReport) {
    let Some(l) = &b.ledger else { return };
    let mut intact = 0usize;
    for (j, a) in l.answers.iter().enumerate() {
        match a.changed_body() {
            Some(computed) => r.fail(
                "ledger answer",
                BundleFailure::AnswerBody {
                    field: fieldpath::indexed("ledger.answers", j, ""),
                    recorded: crate::bundle::format::short(&a.answer.body_sha256),
                    computed,
                },
            ),
            None => intact += 1,
        }
    }
    if intact > 0 {
        r.pass_on(
            Basis::Artefact,
            "ledger answers",
            "ledger.answers",
            format!("{intact} recorded answer(s) with their recorded SHA-256"),
        );
    }
    anchor::check(b, &b.root, intact < l.answers.len(), r);
}
