//! Near-miss diagnostics (docs/spec.md, section 2): when nothing reproduces a hash,
//! would SHA3-256 (padding `0x06`) in place of Keccak-256 have reproduced it?
//! The answer is a note labelled as a diagnostic, never a check or a verdict:
//! the service documents Keccak-256, and a check that failed stays failed.

use crate::hashing::{node_hash, sha3_node_hash};
use crate::receipt::mapping::SubmittedDelta;
use crate::receipt::report::Report;
use crate::{Hash32, ItemMapping, NodeEncoding};
use alloc::format;
use alloc::vec::Vec;

/// The label every near-miss note starts with.
///
/// ```
/// use pacspace_proof::receipt::{verify_receipt_json, DIAGNOSTIC};
/// let h = pacspace_proof::hashing::sha3_256(b"not this delta");
/// let emit = format!(r#"{{"success":true,"data":{{"customerId":"c","delta":1,"status":"QUEUED",
///     "receiptId":"{h}","itemsRoot":"{h}","itemHashes":["{h}"]}}}}"#);
/// let r = verify_receipt_json(&emit, Some(r#"{"customerId":"c","delta":1,"reason":"r"}"#), None).unwrap();
/// assert!(!r.is_verified());
/// assert!(r.notes.iter().any(|n| n.starts_with(DIAGNOSTIC) && n.contains("does not reproduce")));
/// ```
pub const DIAGNOSTIC: &str = "diagnostic (not a verdict)";

/// The root of `leaves` under the service's tree rule (pairs joined left to
/// right, the last node of an odd level joined with itself), with `node` as
/// the node hash.
pub(crate) fn fold_root(leaves: &[Hash32], node: impl Fn(&Hash32, &Hash32) -> Hash32) -> Hash32 {
    let mut level: Vec<Hash32> = leaves.to_vec();
    while level.len() > 1 {
        level = level
            .chunks(2)
            .map(|pair| match pair {
                [l, r] => node(l, r),
                [only] => node(only, only),
                _ => Hash32::ZERO,
            })
            .collect();
    }
    level.first().copied().unwrap_or(Hash32::ZERO)
}

/// Notes whether SHA3-256 item hashes of `delta`, under any mapping, give a
/// hash `accept`s (described by `what`, e.g. `results[2].itemHash 0x…`).
pub(crate) fn item_near_miss(
    report: &mut Report,
    item: usize,
    delta: &SubmittedDelta,
    accept: impl Fn(&Hash32) -> bool,
    what: &str,
) {
    let found = ItemMapping::VARIANTS
        .iter()
        .filter(|m| delta.distinguishes(m))
        .find_map(|&m| delta.item_hash_sha3(m).ok().filter(|h| accept(h)).map(|h| (m, h)));
    report.notes.push(match found {
        Some((m, h)) => format!(
            "{DIAGNOSTIC}: with SHA3-256 (padding 0x06) in place of Keccak-256, submitted delta {item} \
             hashes to {h} under mapping ({m}), which is {what}; the service documents Keccak-256, so \
             the check still fails"
        ),
        None => format!(
            "{DIAGNOSTIC}: SHA3-256 (padding 0x06) in place of Keccak-256 does not reproduce {what} \
             from submitted delta {item} either, under any mapping"
        ),
    });
}

/// Notes whether SHA3-256 node hashes over `leaves` give `claimed` (the
/// value of `field`) under any node encoding. Nothing to say for fewer than
/// two leaves: the root is then the leaf itself.
pub(crate) fn root_near_miss(report: &mut Report, leaves: &[Hash32], claimed: &Hash32, field: &str) {
    if leaves.len() < 2 {
        return;
    }
    let found = NodeEncoding::ALL
        .into_iter()
        .find(|&e| fold_root(leaves, |l, r| sha3_node_hash(e, l, r)) == *claimed);
    report.notes.push(match found {
        Some(e) => format!(
            "{DIAGNOSTIC}: with SHA3-256 (padding 0x06) in place of Keccak-256 for the node hashes, \
             the {} itemHashes give {field} {claimed} under node encoding {e}; the service documents \
             Keccak-256, so the check still fails",
            leaves.len()
        ),
        None => format!(
            "{DIAGNOSTIC}: SHA3-256 (padding 0x06) in place of Keccak-256 for the node hashes does not \
             reproduce {field} {claimed} from the {} itemHashes either, under any node encoding",
            leaves.len()
        ),
    });
}

/// Notes whether SHA3-256 in place of Keccak-256, for the item hashes, the
/// node hashes or both, under any mapping and node encoding, makes the
/// submitted deltas' root `claimed` (the value of `field`).
pub(crate) fn list_root_near_miss(
    report: &mut Report,
    deltas: &[SubmittedDelta],
    claimed: &Hash32,
    field: &str,
) {
    #[derive(Clone, Copy)]
    enum Use {
        Keccak,
        Sha3,
    }
    let mut found = None;
    'search: for m in ItemMapping::VARIANTS {
        if !m.is_documented() && !deltas.iter().any(|d| d.distinguishes(&m)) {
            continue;
        }
        for items in [Use::Sha3, Use::Keccak] {
            let leaves: Result<Vec<Hash32>, _> = deltas
                .iter()
                .map(|d| match items {
                    Use::Sha3 => d.item_hash_sha3(m),
                    Use::Keccak => d.item_hash(m),
                })
                .collect();
            let Ok(leaves) = leaves else { continue };
            for e in NodeEncoding::ALL {
                for nodes in [Use::Sha3, Use::Keccak] {
                    if matches!((items, nodes), (Use::Keccak, Use::Keccak)) {
                        continue;
                    }
                    let root = match nodes {
                        Use::Sha3 => fold_root(&leaves, |l, r| sha3_node_hash(e, l, r)),
                        Use::Keccak => fold_root(&leaves, |l, r| node_hash(e, l, r)),
                    };
                    if root == *claimed {
                        let name = |u| match u {
                            Use::Sha3 => "SHA3-256",
                            Use::Keccak => "Keccak-256",
                        };
                        found = Some((m, e, name(items), name(nodes)));
                        break 'search;
                    }
                }
            }
        }
    }
    report.notes.push(match found {
        Some((m, e, items, nodes)) => format!(
            "{DIAGNOSTIC}: with {items} item hashes and {nodes} node hashes, the {} submitted deltas give \
             {field} {claimed} (mapping: {m}; node encoding {e}); the service documents Keccak-256 for \
             both, so the check still fails",
            deltas.len()
        ),
        None => format!(
            "{DIAGNOSTIC}: SHA3-256 (padding 0x06) in place of Keccak-256, for the item hashes, the node \
             hashes or both, does not reproduce {field} {claimed} from the {} submitted deltas either, \
             under any mapping and node encoding",
            deltas.len()
        ),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_root_is_the_tree_rule() {
        let leaves: Vec<Hash32> = (0u8..9).map(|i| Hash32::from_bytes([i; 32])).collect();
        for n in 0..leaves.len() {
            for e in NodeEncoding::ALL {
                assert_eq!(
                    fold_root(&leaves[..n], |l, r| node_hash(e, l, r)),
                    crate::items_root(&leaves[..n], e),
                    "{n} leaves, {e}"
                );
            }
        }
    }
}
