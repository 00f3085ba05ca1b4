//! Node-encoding detection (docs/spec.md, section 16.1): a receipt that carries its
//! `itemHashes` (n ≥ 2) and its root decides which encoding the service uses.

use crate::receipt::common::opaque_why;
use crate::receipt::near_miss::root_near_miss;
use crate::receipt::wire::ReceiptId;
use crate::receipt::{Basis, EncodingFinding, Failure, Report};
use crate::{Hash32, NodeEncoding, items_root};
use alloc::format;

/// Which node encoding makes `leaves` hash to `root`.
///
/// Tries [`NodeEncoding::ALL`] in order. With fewer than two leaves the root
/// does not depend on the encoding: [`EncodingFinding::Undecidable`].
///
/// ```
/// use pacspace_proof::{items_root, Hash32, NodeEncoding};
/// use pacspace_proof::receipt::{detect_encoding, EncodingFinding};
/// let leaves = [Hash32::from_bytes([1; 32]), Hash32::from_bytes([2; 32])];
/// let root = items_root(&leaves, NodeEncoding::Hex);
/// assert_eq!(detect_encoding(&leaves, &root), EncodingFinding::Detected(NodeEncoding::Hex));
/// assert_eq!(detect_encoding(&leaves, &Hash32::ZERO), EncodingFinding::NoneReproduced);
/// assert_eq!(detect_encoding(&leaves[..1], &leaves[0]), EncodingFinding::Undecidable { leaves: 1 });
/// ```
pub fn detect_encoding(leaves: &[Hash32], root: &Hash32) -> EncodingFinding {
    if leaves.len() < 2 {
        return EncodingFinding::Undecidable { leaves: leaves.len() };
    }
    NodeEncoding::ALL
        .iter()
        .find(|&&e| items_root(leaves, e) == *root)
        .map_or(EncodingFinding::NoneReproduced, |&e| EncodingFinding::Detected(e))
}

/// What a claimed root is: a root field (`itemsRoot`, `proofHash`) or a
/// receipt id that must equal the root (`receiptId`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClaimKind {
    /// A mismatch is a [`Failure::RootMismatch`].
    Root,
    /// A mismatch is a [`Failure::ReceiptIdMismatch`].
    Id,
}

/// One field that claims to be the root of the item hashes.
pub(crate) struct RootClaim<'a> {
    /// Check name and field path.
    pub field: &'a str,
    /// The claimed value.
    pub id: &'a ReceiptId,
    /// How a mismatch is reported.
    pub kind: ClaimKind,
}

/// Recomputes the root of `leaves` and checks every claim against it.
///
/// The node encoding is the one under which the first decidable claim
/// reproduces the root (each claim is tried in order), so a single altered
/// claim fails alone and names its own field instead of dragging the others
/// down with it. With fewer than two leaves the encoding does not matter.
/// Opaque ids are reported as not checkable. Returns the recomputed root
/// (`None` when there are no leaves).
pub(crate) fn check_root_claims(
    report: &mut Report,
    leaves: &[Hash32],
    claims: &[RootClaim<'_>],
) -> Option<Hash32> {
    if leaves.is_empty() {
        let field = claims.first().map_or("itemHashes", |c| c.field);
        report.fail(field, Failure::EmptyItemHashes);
        return None;
    }
    let n = leaves.len();
    let mut finding = if n < 2 {
        EncodingFinding::Undecidable { leaves: n }
    } else {
        EncodingFinding::NoneReproduced
    };
    if n >= 2 {
        for claim in claims {
            if let Some(root) = claim.id.root()
                && let found @ EncodingFinding::Detected(_) = detect_encoding(leaves, &root)
            {
                finding = found;
                break;
            }
        }
    }
    if claims.iter().all(|c| c.id.root().is_none()) && n >= 2 {
        finding = EncodingFinding::NotApplicable;
    }
    report.encoding = finding;
    if let EncodingFinding::Detected(e) = finding {
        report.node_encoding = e;
    }
    let enc = report.node_encoding;
    let root = items_root(leaves, enc);
    let mut diagnosed: alloc::vec::Vec<Hash32> = alloc::vec::Vec::new();
    for claim in claims {
        match claim.id {
            ReceiptId::Root(h) if *h == root => {
                let how = match finding {
                    EncodingFinding::Detected(e) => format!("under node encoding {e}"),
                    _ => "(any node encoding)".into(),
                };
                report.pass_on(
                    Basis::Root,
                    claim.field,
                    format!("{h} is the root of the {n} itemHash(es) {how}"),
                );
            }
            ReceiptId::Root(h) => {
                report.fail(
                    claim.field,
                    match claim.kind {
                        ClaimKind::Root => Failure::RootMismatch {
                            field: claim.field.into(),
                            claimed: *h,
                            computed: root,
                        },
                        ClaimKind::Id => Failure::ReceiptIdMismatch {
                            field: claim.field.into(),
                            expected: root,
                            found: claim.id.clone(),
                        },
                    },
                );
                if finding == EncodingFinding::NoneReproduced && !diagnosed.contains(h) {
                    root_near_miss(report, leaves, h, claim.field);
                    diagnosed.push(*h);
                }
            }
            ReceiptId::Opaque(s) => report.not_checkable(claim.field, opaque_why(claim.field, s)),
        }
    }
    Some(root)
}

/// The receipt id the auditor stored must be the root of `leaves`: `root`
/// as recomputed by [`check_root_claims`], or, when no claim of the artefact
/// decided the node encoding (opaque ids, altered roots), the root under the
/// encoding the stored id itself reproduces (which is then reported).
pub(crate) fn check_stored(report: &mut Report, stored: &Hash32, leaves: &[Hash32], root: Option<Hash32>) {
    const NAME: &str = "stored receipt";
    let Some(root) = root else {
        report.not_checkable(NAME, "no root could be recomputed".into());
        return;
    };
    if root == *stored {
        report.pass_on(
            Basis::OwnReceipt,
            NAME,
            format!("{stored} is the recomputed root"),
        );
        return;
    }
    if !matches!(report.encoding, EncodingFinding::Detected(_))
        && let EncodingFinding::Detected(e) = detect_encoding(leaves, stored)
    {
        report.encoding = EncodingFinding::Detected(e);
        report.node_encoding = e;
        report.pass_on(
            Basis::OwnReceipt,
            NAME,
            format!(
                "{stored} is the root of the {} itemHashes under node encoding {e}",
                leaves.len()
            ),
        );
        return;
    }
    report.fail_on(
        Basis::OwnReceipt,
        NAME,
        Failure::ReceiptIdMismatch {
            field: NAME.into(),
            expected: *stored,
            found: ReceiptId::Root(root),
        },
    );
    if !matches!(report.encoding, EncodingFinding::Detected(_)) {
        root_near_miss(report, leaves, stored, NAME);
    }
}
