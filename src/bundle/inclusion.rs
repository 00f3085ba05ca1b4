//! The items against the root, through the bundle's inclusion (all leaves,
//! one path, or a multi-proof), bound to the leaf count.
//!
//! Each value is written once, and each check compares at least three of
//! them, so a single changed field can be told apart from the others and
//! named: a delta, its item hash and the tree's leaf; the stated root, the
//! receiptId and the root the items reach; the stated node encoding and the
//! others; the stated index and the sides of the path.

use crate::bundle::{Bundle, BundleFailure, BundleReport, Inclusion, fieldpath, paths};
use crate::receipt::wire::ReceiptId;
use crate::receipt::{Basis, SubmittedDelta};
use crate::tree::{PathStep, ProofError, Side, fold_path, verify_multiproof, verify_proof};
use crate::{Hash32, ItemMapping, NodeEncoding, items_root};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// One item as read.
pub(crate) struct ItemView {
    /// Position in `items`.
    pub k: usize,
    /// Stated leaf index.
    pub index: u64,
    /// Stated item hash.
    pub item_hash: Hash32,
    /// The delta, when readable.
    pub delta: Option<SubmittedDelta>,
}

/// Checks the items and the root, and fills the report's paths.
pub(crate) fn check(b: &Bundle, views: &[ItemView], r: &mut BundleReport) {
    let n = b.leaf_count;
    let mut in_range = true;
    for v in views {
        if v.index >= n {
            in_range = false;
            r.fail(
                &fieldpath::item(v.k, ""),
                BundleFailure::IndexOutOfRange {
                    field: fieldpath::item(v.k, "index"),
                    index: v.index,
                    count: n,
                },
            );
        }
    }
    match &b.inclusion {
        Inclusion::ItemHashes { item_hashes, .. } => all_leaves(b, views, item_hashes, r),
        Inclusion::Path { path, .. } if in_range => {
            let steps: Vec<PathStep> = path.iter().map(|s| s.step()).collect();
            one_path(b, views, &steps, r);
        }
        Inclusion::MultiProof { siblings, .. } if in_range => multi(b, views, siblings, r),
        _ => {}
    }
}

/// The delta's hash under the stated mapping.
fn delta_hash(b: &Bundle, d: &SubmittedDelta) -> Option<Hash32> {
    d.item_hash(b.item_mapping.mapping()).ok()
}

/// Checks one item: its delta against its item hash, and either against the
/// tree (`fits` says whether a hash is the right leaf). `misplaced` is the
/// failure when delta and item hash agree but the tree does not hold them
/// (`None`: the root check names what is wrong).
fn item(
    b: &Bundle,
    v: &ItemView,
    r: &mut BundleReport,
    fits: &dyn Fn(&Hash32) -> bool,
    misplaced: Option<BundleFailure>,
) {
    let name = fieldpath::item(v.k, "");
    let Some(d) = &v.delta else { return };
    let Some(h_d) = delta_hash(b, d) else {
        r.fail(
            &name,
            BundleFailure::DeltaUnreadable {
                field: fieldpath::item(v.k, "delta"),
                error: "the amount is not a finite number".into(),
            },
        );
        return;
    };
    let h_i = v.item_hash;
    let stated = b.item_mapping.mapping();
    if h_d == h_i {
        match misplaced.filter(|_| !fits(&h_i)) {
            Some(f) => r.fail(&name, f),
            None => r.pass_on(
                Basis::OwnItem,
                &name,
                &name,
                format!(
                    "the delta hashes to its item hash {h_i}, leaf {} (mapping: {stated})",
                    v.index
                ),
            ),
        }
    } else if fits(&h_d) {
        r.fail(
            &name,
            BundleFailure::ItemHashNotLeaf {
                field: fieldpath::item(v.k, "itemHash"),
                item_hash: h_i,
                leaf: h_d,
            },
        );
    } else if let Some(m) = ItemMapping::ALL
        .into_iter()
        .find(|&m| m != stated && d.item_hash(m).ok() == Some(h_i))
    {
        let field = match (
            m.amount_key == stated.amount_key,
            m.absent_reference == stated.absent_reference,
        ) {
            (false, true) => "itemMapping.amountKey",
            (true, false) => "itemMapping.absentReferenceId",
            _ => "itemMapping",
        };
        r.fail(
            &name,
            BundleFailure::MappingMismatch {
                field: field.into(),
                stated: stated.to_string(),
                reproduces: m.to_string(),
            },
        );
    } else if fits(&h_i) {
        r.fail(
            &name,
            BundleFailure::DeltaNotItemHash {
                field: fieldpath::item(v.k, "delta"),
                computed: h_d,
                item_hash: h_i,
            },
        );
    } else {
        r.fail(
            &name,
            BundleFailure::ItemMismatch {
                field: name.clone(),
                computed: h_d,
                item_hash: h_i,
            },
        );
    }
}

/// Names what is wrong when the items reach `computed` instead of the root:
/// the root itself (the receiptId is what the items reach), the node
/// encoding (another reproduces the root), an item hash (its delta's hash
/// reproduces the root), or else the inclusion's hashes.
fn root_failure(
    b: &Bundle,
    computed: Hash32,
    reproduces_under: &dyn Fn(NodeEncoding) -> bool,
    leaf_blame: Option<String>,
) -> BundleFailure {
    if b.receipt.receipt_id == ReceiptId::Root(computed) {
        return BundleFailure::RootMismatch {
            field: "root".into(),
            claimed: b.root,
            computed,
        };
    }
    if let Some(e) = NodeEncoding::ALL
        .into_iter()
        .find(|&e| e != b.node_encoding && reproduces_under(e))
    {
        return BundleFailure::EncodingMismatch {
            field: "nodeEncoding".into(),
            stated: b.node_encoding,
            reproduces: e,
        };
    }
    BundleFailure::RootMismatch {
        field: leaf_blame.unwrap_or_else(|| b.inclusion.list_field().into()),
        claimed: b.root,
        computed,
    }
}

fn root_passed(b: &Bundle, r: &mut BundleReport, how: &str) {
    r.recomputed_root = Some(b.root);
    r.pass_on(
        Basis::Root,
        "root",
        "root",
        format!(
            "{} recomputed from {how} (node encoding {})",
            b.root, b.node_encoding
        ),
    );
}

/// Inclusion by the receipt's full list of leaves.
fn all_leaves(b: &Bundle, views: &[ItemView], leaves: &[Hash32], r: &mut BundleReport) {
    let enc = b.node_encoding;
    let computed = items_root(leaves, enc);
    for v in views.iter().filter(|v| v.index < b.leaf_count) {
        let i = usize::try_from(v.index).ok();
        let leaf = i.and_then(|i| leaves.get(i)).copied();
        let misplaced = match leaves.iter().position(|h| *h == v.item_hash) {
            Some(j) => BundleFailure::WrongIndex {
                field: fieldpath::item(v.k, "index"),
                stated: v.index,
                found: j as u64,
            },
            None => BundleFailure::LeafNotItem {
                field: fieldpath::indexed("inclusion.itemHashes", i.unwrap_or(usize::MAX), ""),
                leaf: leaf.unwrap_or_default(),
                item_hash: v.item_hash,
            },
        };
        item(b, v, r, &|h| leaf == Some(*h), Some(misplaced));
    }
    let len = leaves.len() as u64;
    if len != b.leaf_count {
        let blame_count = computed == b.root || b.receipt.receipt_id == ReceiptId::Root(computed);
        let (field, stated, found) = if blame_count {
            ("leafCount", b.leaf_count, len)
        } else {
            ("inclusion.itemHashes", len, b.leaf_count)
        };
        r.fail(
            field,
            BundleFailure::CountMismatch {
                field: field.into(),
                stated,
                found,
            },
        );
    }
    if computed == b.root {
        root_passed(b, r, &format!("the {len} listed item hashes"));
    } else {
        let f = root_failure(b, computed, &|e| items_root(leaves, e) == b.root, None);
        r.recomputed_root = Some(computed);
        r.fail("root", f);
    }
    let items: Vec<(u64, Hash32)> = views.iter().map(|v| (v.index, v.item_hash)).collect();
    r.paths = paths::in_full_tree(&items, leaves, enc);
}

/// The index whose sides a path's steps show.
fn index_from_sides(path: &[PathStep]) -> Option<u64> {
    let mut j = 0u64;
    for (level, s) in path.iter().enumerate() {
        if s.position == Side::Left {
            j |= 1u64.checked_shl(u32::try_from(level).ok()?)?;
        }
    }
    Some(j)
}

/// Inclusion of one item by its sibling path.
fn one_path(b: &Bundle, views: &[ItemView], path: &[PathStep], r: &mut BundleReport) {
    let [v] = views else {
        r.fail(
            "inclusion",
            BundleFailure::PathShape {
                field: "inclusion.path".into(),
                error: format!("a path proves one item, but the bundle has {}", views.len()),
            },
        );
        return;
    };
    let (n, enc, root) = (b.leaf_count, b.node_encoding, b.root);
    let fits = |h: &Hash32| verify_proof(h, v.index, n, path, &root, enc).is_ok();
    item(b, v, r, &fits, None);
    let h_d = v.delta.as_ref().and_then(|d| delta_hash(b, d));
    let folds = fold_path(&v.item_hash, path, enc) == root;
    let failure = match verify_proof(&v.item_hash, v.index, n, path, &root, enc) {
        Ok(()) => None,
        Err(ProofError::EmptyTree) | Err(ProofError::PathLength { .. }) if folds => Some(shape(
            "leafCount",
            "does not fit the path, which does reach the root",
        )),
        Err(e @ ProofError::PathLength { .. }) => Some(shape("inclusion.path", &e.to_string())),
        Err(e @ ProofError::EmptyTree) => Some(shape("leafCount", &e.to_string())),
        Err(ProofError::WrongSide { .. }) if folds => Some(match index_from_sides(path) {
            Some(j) if verify_proof(&v.item_hash, j, n, path, &root, enc).is_ok() => {
                BundleFailure::WrongIndex {
                    field: fieldpath::item(v.k, "index"),
                    stated: v.index,
                    found: j,
                }
            }
            _ => shape(
                &fieldpath::item(v.k, "index"),
                "does not fit the sides of the path",
            ),
        }),
        Err(e @ ProofError::WrongSide { level, .. }) => Some(shape(
            &fieldpath::indexed("inclusion.path", level, "position"),
            &e.to_string(),
        )),
        Err(e @ ProofError::PaddingSibling { level }) => Some(shape(
            &fieldpath::indexed("inclusion.path", level, "hash"),
            &e.to_string(),
        )),
        Err(e @ ProofError::IndexOutOfRange { .. }) => {
            Some(shape(&fieldpath::item(v.k, "index"), &e.to_string()))
        }
        Err(ProofError::RootMismatch { computed, .. }) => {
            r.recomputed_root = Some(computed);
            let leaf_blame = h_d
                .filter(|h| *h != v.item_hash && fits(h))
                .map(|_| fieldpath::item(v.k, "itemHash"));
            Some(root_failure(
                b,
                computed,
                &|e| fold_path(&v.item_hash, path, e) == root,
                leaf_blame,
            ))
        }
    };
    match failure {
        None => root_passed(b, r, "the item hash and its path"),
        Some(f) => r.fail("root", f),
    }
    r.paths = alloc::vec![paths::along(v.index, n, v.item_hash, path, enc)];
}

fn shape(field: &str, error: &str) -> BundleFailure {
    BundleFailure::PathShape {
        field: field.into(),
        error: error.into(),
    }
}

/// How many trial folds of a multi-proof may go into naming the field to blame.
const TRIAL_FOLDS: usize = 64;

/// Inclusion of several items by a multi-proof's siblings.
fn multi(b: &Bundle, views: &[ItemView], siblings: &[Hash32], r: &mut BundleReport) {
    let (n, enc, root) = (b.leaf_count, b.node_encoding, b.root);
    // The items by increasing index (sorting the indices alone, then placing each item).
    let mut indices: Vec<u64> = views.iter().map(|v| v.index).collect();
    indices.sort_unstable();
    if indices.windows(2).any(|w| matches!(w, [a, c] if a == c)) {
        return; // already failed as a repeated index
    }
    let mut slots: Vec<Option<&ItemView>> = alloc::vec![None; views.len()];
    for v in views {
        if let Some(slot) = indices
            .binary_search(&v.index)
            .ok()
            .and_then(|p| slots.get_mut(p))
        {
            *slot = Some(v);
        }
    }
    let order: Vec<&ItemView> = slots.into_iter().flatten().collect();
    let hashes: Vec<Hash32> = order.iter().map(|v| v.item_hash).collect();
    // Each trial fold costs a whole multi-proof: a hostile bundle of many
    // mismatching items gets a few, then coarser names (`items[k]`).
    let budget = core::cell::Cell::new(TRIAL_FOLDS);
    let with = |pos: usize, h: &Hash32, e: NodeEncoding| {
        if budget.get() == 0 {
            return false;
        }
        budget.set(budget.get() - 1);
        let mut hs = hashes.clone();
        if let Some(slot) = hs.get_mut(pos) {
            *slot = *h;
        }
        verify_multiproof(&hs, &indices, n, siblings, &root, e).is_ok()
    };
    for (pos, v) in order.iter().enumerate() {
        item(b, v, r, &|h| with(pos, h, enc), None);
    }
    match verify_multiproof(&hashes, &indices, n, siblings, &root, enc) {
        Ok(()) => root_passed(
            b,
            r,
            &format!("the {} item hashes and the shared siblings", order.len()),
        ),
        Err(crate::tree::MultiProofError::RootMismatch { computed, .. }) => {
            r.recomputed_root = Some(computed);
            let leaf_blame = order.iter().enumerate().find_map(|(pos, v)| {
                let h = v.delta.as_ref().and_then(|d| delta_hash(b, d))?;
                (h != v.item_hash && with(pos, &h, enc)).then(|| fieldpath::item(v.k, "itemHash"))
            });
            let f = root_failure(
                b,
                computed,
                &|e| verify_multiproof(&hashes, &indices, n, siblings, &root, e).is_ok(),
                leaf_blame,
            );
            r.fail("root", f);
        }
        Err(e @ crate::tree::MultiProofError::EmptyTree) => {
            r.fail("root", shape("leafCount", &e.to_string()))
        }
        Err(e) => r.fail("root", shape("inclusion.siblings", &e.to_string())),
    }
    let items: Vec<(u64, Hash32)> = order.iter().map(|v| (v.index, v.item_hash)).collect();
    r.paths = paths::from_multiproof(&items, n, siblings, enc).unwrap_or_default();
}
