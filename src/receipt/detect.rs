//! Node-encoding detection (SPEC section 4): a receipt that carries its
//! `itemHashes` (n ≥ 2) and its root decides which encoding the service uses.

use crate::receipt::report::{EncodingFinding, Failure, Report};
use crate::{Hash32, NodeEncoding, items_root};
use alloc::format;

/// Which node encoding makes `leaves` hash to `root`.
///
/// Tries [`NodeEncoding::ALL`] in order. With fewer than two leaves the root
/// does not depend on the encoding: [`EncodingFinding::Undecidable`].
///
/// ```
/// use pacspace_proof::{detect_encoding, items_root, EncodingFinding, Hash32, NodeEncoding};
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

/// Checks that `claimed` (in `field`) is the root of `leaves`, detecting the
/// encoding and recording it in `report`. Returns whether it matched.
pub(crate) fn check_root(report: &mut Report, field: &str, leaves: &[Hash32], claimed: &Hash32) -> bool {
    if leaves.is_empty() {
        report.fail(field, Failure::EmptyItemHashes);
        return false;
    }
    let finding = detect_encoding(leaves, claimed);
    report.encoding = finding;
    let n = leaves.len();
    match finding {
        EncodingFinding::Detected(e) => {
            report.node_encoding = e;
            report.pass(
                field,
                format!("{claimed} is the root of the {n} itemHashes under node encoding {e}"),
            );
            true
        }
        _ => {
            let computed = items_root(leaves, report.node_encoding);
            if computed == *claimed {
                report.pass(
                    field,
                    format!("{claimed} is the root of the {n} itemHash(es) (any node encoding)"),
                );
                true
            } else {
                report.fail(
                    field,
                    Failure::RootMismatch {
                        field: field.into(),
                        claimed: *claimed,
                        computed,
                    },
                );
                false
            }
        }
    }
}
