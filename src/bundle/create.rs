//! Creating a bundle from a stored artefact and the deltas as submitted.
//!
//! The artefact is verified against the deltas first: a receipt that does
//! not verify is refused, since a bundle of it would prove nothing. When
//! only some of a receipt's deltas are given (a customer has their own
//! lines, not the rest of the batch), the receipt must agree with itself and
//! each delta is found among its leaves by its hash. Each kept
//! delta is placed at its leaf, one item mapping and one node encoding are
//! taken from what reproduced the hashes, and the result is sealed and
//! verified once more before it is returned.

use crate::bundle::source::{self, Slot};
use crate::bundle::wire::WireStep;
use crate::bundle::{
    BUNDLE_FORMAT, Bundle, BundleFailure, BundleItem, CreateError, Inclusion, LedgerEvidence, ReceiptFields,
    verify,
};
use crate::receipt::wire::Extra;
use crate::receipt::{
    Artefact, DeltaInputError, EncodingFinding, SubmittedDelta, detect_encoding, detect_list_root,
    find_mapping,
};
use crate::{Hash32, ItemMapping, Level, MerkleTree, NodeEncoding};
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::Value;

/// How the items reach the root in the bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InclusionForm {
    /// One sibling path, or a multi-proof for several items: only what the
    /// items need (the default).
    #[default]
    Compact,
    /// The receipt's whole list of item hashes.
    ItemHashes,
}

/// What to put in a bundle.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CreateOptions {
    /// Positions, in the submitted deltas, of the deltas to keep; empty: all
    /// (a batch's FAILED deltas left out).
    pub only: Vec<usize>,
    /// Compact paths or the full list of item hashes.
    pub inclusion: InclusionForm,
    /// Recorded ledger answers to carry.
    pub ledger: Option<LedgerEvidence>,
    /// What wrote the bundle, e.g. `pacspace-verify 0.1.0`.
    pub created_by: Option<String>,
}

/// Creates a bundle from an artefact's JSON text and the deltas' JSON text
/// (one delta object, or an array in the order submitted).
///
/// ```
/// use pacspace_proof::bundle::{CreateError, CreateOptions, create_from_json};
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/receipts/");
/// let batch = std::fs::read_to_string(format!("{dir}batch.json")).unwrap();
/// let deltas = std::fs::read_to_string(format!("{dir}batch-deltas.json")).unwrap();
/// let b = create_from_json(&batch, &deltas, &CreateOptions { only: vec![3], ..Default::default() }).unwrap();
/// assert_eq!((b.items.len(), b.items[0].index, b.leaf_count), (1, 2, 3));
/// // Delta 2 was FAILED by the service: it is in no receipt.
/// let e = create_from_json(&batch, &deltas, &CreateOptions { only: vec![2], ..Default::default() }).unwrap_err();
/// assert!(matches!(e, CreateError::NotAnchored { item: 2, .. }), "{e}");
/// ```
pub fn create_from_json(
    artefact_json: &str,
    deltas_json: &str,
    opts: &CreateOptions,
) -> Result<Bundle, CreateError> {
    let artefact = Artefact::from_json(artefact_json)?;
    let value: Value = serde_json::from_str(deltas_json).map_err(|e| DeltaInputError::Json(e.to_string()))?;
    let deltas = match value {
        Value::Array(list) => list,
        other => alloc::vec![other],
    };
    create(&artefact, &deltas, opts)
}

/// Creates a bundle from a parsed artefact and the deltas as submitted (in order).
///
/// ```
/// use pacspace_proof::bundle::{CreateOptions, InclusionForm, create, verify};
/// use pacspace_proof::receipt::Artefact;
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/receipts/");
/// let emit = Artefact::from_json(&std::fs::read_to_string(format!("{dir}emit.json")).unwrap()).unwrap();
/// let delta: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(format!("{dir}emit-delta.json")).unwrap()).unwrap();
/// let opts = CreateOptions { inclusion: InclusionForm::ItemHashes, ..Default::default() };
/// let b = create(&emit, &[delta], &opts).unwrap();
/// assert_eq!(verify(&b).level(), pacspace_proof::Level::Verified);
/// ```
pub fn create(artefact: &Artefact, deltas: &[Value], opts: &CreateOptions) -> Result<Bundle, CreateError> {
    if deltas.is_empty() {
        return Err(CreateError::NoDeltas);
    }
    let mut submitted: Vec<SubmittedDelta> = Vec::with_capacity(deltas.len());
    for (i, v) in deltas.iter().enumerate() {
        submitted.push(SubmittedDelta::from_value(v, i)?);
    }
    let mut src = source::read(artefact)?;
    let report = artefact.verify(&submitted, None);
    if report.level() == Level::NotVerified {
        // Some of the receipt's deltas only (a customer's own lines): when the
        // receipt lists its leaves and agrees with itself, each delta is
        // found by its hash.
        match src.leaves.is_some().then(|| artefact.verify(&[], None)) {
            Some(alone) if alone.level() != Level::NotVerified => src.slots.clear(),
            Some(alone) => return Err(does_not_verify(&alone)),
            None => return Err(does_not_verify(&report)),
        }
    }
    let keep = selection(&src.slots, submitted.len(), &opts.only)?;
    let (leaves, mut mapping, encoding) = match &src.leaves {
        Some(leaves) => (leaves.clone(), None, listed_encoding(leaves, &src.root)?),
        None => {
            let (m, e) = detect_list_root(&submitted, &src.root).ok_or_else(|| CreateError::NoRoot {
                why: "the root is not the root of the submitted deltas".into(),
            })?;
            let leaves = submitted
                .iter()
                .map(|d| d.item_hash(m).unwrap_or_default())
                .collect();
            (leaves, Some((0, m)), e)
        }
    };
    let mut placed: Vec<(u64, Hash32, usize)> = Vec::with_capacity(keep.len());
    for &i in &keep {
        let d = submitted.get(i).ok_or(CreateError::OnlyOutOfRange {
            index: i,
            count: submitted.len(),
        })?;
        let (leaf, m) = place(&src.slots, &leaves, src.leaves.is_none(), i, d, &placed, mapping)?;
        match mapping {
            Some((first, fm)) if fm != m => return Err(CreateError::MixedMappings { first, other: i }),
            Some(_) => {}
            None => mapping = Some((i, m)),
        }
        placed.push((leaf as u64, leaves.get(leaf).copied().unwrap_or_default(), i));
    }
    let anchor_id = anchor(&src.anchors, &keep)?.or_else(|| src.anchor_id.clone());
    // In leaf order (no sort: each leaf holds at most one placed delta).
    let mut by_leaf: Vec<Option<(Hash32, usize)>> = alloc::vec![None; leaves.len()];
    for &(index, h, i) in &placed {
        if let Some(slot) = usize::try_from(index).ok().and_then(|j| by_leaf.get_mut(j)) {
            *slot = Some((h, i));
        }
    }
    let placed: Vec<(u64, Hash32, usize)> = by_leaf
        .iter()
        .enumerate()
        .filter_map(|(j, s)| s.map(|(h, i)| (j as u64, h, i)))
        .collect();
    let items: Vec<BundleItem> = placed
        .iter()
        .map(|&(index, item_hash, i)| BundleItem {
            index,
            item_hash,
            delta: deltas.get(i).cloned().unwrap_or(Value::Null),
            extra: Extra::new(),
        })
        .collect();
    let inclusion = inclusion(&leaves, encoding, &placed, opts.inclusion);
    let mut bundle = Bundle {
        format: BUNDLE_FORMAT.into(),
        receipt: ReceiptFields {
            source: src.kind,
            receipt_id: src.receipt_id,
            anchor_id,
            received_at: src.received_at,
            status: src.status,
            previous_proof_hash: src.previous_proof_hash,
            extra: Extra::new(),
        },
        root: src.root,
        leaf_count: leaves.len() as u64,
        node_encoding: encoding,
        item_mapping: mapping.map(|(_, m)| m).unwrap_or_default().into(),
        items,
        inclusion,
        ledger: opts.ledger.clone(),
        created_by: opts.created_by.clone(),
        seal: None,
        extra: Extra::new(),
    };
    bundle.seal();
    let check = verify(&bundle);
    match check.failures().next() {
        // The receipt verified; the recorded answers do not anchor its root.
        Some(f @ (BundleFailure::NotAnchored { .. } | BundleFailure::LedgerField { .. })) => {
            Err(CreateError::LedgerAnswers(f.to_string()))
        }
        Some(f) => Err(CreateError::ReceiptDoesNotVerify {
            level: check.level(),
            why: f.to_string(),
        }),
        None => Ok(bundle),
    }
}

fn does_not_verify(report: &crate::Report) -> CreateError {
    let why = match report.failures().next() {
        Some(f) => f.to_string(),
        None => alloc::format!("nothing could be checked ({})", report.not_checked().join("; ")),
    };
    CreateError::ReceiptDoesNotVerify {
        level: report.level(),
        why,
    }
}

/// The deltas to keep: `only` (deduplicated), or every anchored one.
fn selection(slots: &[Slot], count: usize, only: &[usize]) -> Result<Vec<usize>, CreateError> {
    if only.is_empty() {
        let all: Vec<usize> = (0..count)
            .filter(|&i| !matches!(slots.get(i), Some(Slot::Failed(_))))
            .collect();
        return match (all.is_empty(), slots.first()) {
            (true, Some(Slot::Failed(error))) => Err(CreateError::NotAnchored {
                item: 0,
                error: error.clone(),
            }),
            _ => Ok(all),
        };
    }
    let mut keep: Vec<usize> = Vec::with_capacity(only.len());
    for &i in only {
        if i >= count {
            return Err(CreateError::OnlyOutOfRange { index: i, count });
        }
        if !keep.contains(&i) {
            keep.push(i);
        }
    }
    Ok(keep)
}

/// The node encoding under which the listed leaves give the root.
fn listed_encoding(leaves: &[Hash32], root: &Hash32) -> Result<NodeEncoding, CreateError> {
    match detect_encoding(leaves, root) {
        EncodingFinding::Detected(e) => Ok(e),
        EncodingFinding::Undecidable { .. } if leaves.first() == Some(root) => Ok(NodeEncoding::default()),
        _ => Err(CreateError::NoRoot {
            why: "the root is not the root of the receipt's item hashes under any node encoding".into(),
        }),
    }
}

/// The leaf of submitted delta `i` and the mapping that reproduces it.
fn place(
    slots: &[Slot],
    leaves: &[Hash32],
    own_leaves: bool,
    i: usize,
    d: &SubmittedDelta,
    placed: &[(u64, Hash32, usize)],
    mapping: Option<(usize, ItemMapping)>,
) -> Result<(usize, ItemMapping), CreateError> {
    let not_in = || CreateError::DeltaNotInReceipt {
        item: i,
        computed: d.item_hash(ItemMapping::default()).unwrap_or_default(),
    };
    if own_leaves {
        let m = mapping.map(|(_, m)| m).unwrap_or_default();
        return Ok((i, m));
    }
    let target = match slots.get(i) {
        Some(Slot::Failed(error)) => {
            return Err(CreateError::NotAnchored {
                item: i,
                error: error.clone(),
            });
        }
        Some(Slot::Leaf(j)) => Some(*j),
        None => None,
    };
    let taken = |j: usize| placed.iter().any(|p| p.0 == j as u64);
    let (m, h) = find_mapping(d, |h| match target {
        Some(j) => leaves.get(j) == Some(h),
        None => leaves.iter().enumerate().any(|(j, x)| x == h && !taken(j)),
    })
    .ok_or_else(not_in)?;
    let leaf = match target {
        Some(j) => j,
        None => leaves
            .iter()
            .enumerate()
            .position(|(j, x)| *x == h && !taken(j))
            .ok_or_else(not_in)?,
    };
    Ok((leaf, m))
}

/// The one anchorId of the kept deltas (batch results), if they give any.
fn anchor(anchors: &[Option<String>], keep: &[usize]) -> Result<Option<String>, CreateError> {
    let mut found: Option<&String> = None;
    for a in keep.iter().filter_map(|&i| anchors.get(i)).flatten() {
        match found {
            Some(first) if first != a => {
                return Err(CreateError::MixedAnchors {
                    first: first.clone(),
                    other: a.clone(),
                });
            }
            _ => found = Some(a),
        }
    }
    Ok(found.cloned())
}

/// The inclusion of the placed items.
fn inclusion(
    leaves: &[Hash32],
    enc: NodeEncoding,
    placed: &[(u64, Hash32, usize)],
    form: InclusionForm,
) -> Inclusion {
    let extra = Extra::new();
    if form == InclusionForm::ItemHashes {
        return Inclusion::ItemHashes {
            item_hashes: leaves.to_vec(),
            extra,
        };
    }
    let tree = MerkleTree::new(leaves, enc);
    let indices: Vec<usize> = placed.iter().filter_map(|p| usize::try_from(p.0).ok()).collect();
    match indices.as_slice() {
        [one] => Inclusion::Path {
            path: tree
                .prove(*one)
                .map(|p| p.path)
                .unwrap_or_default()
                .into_iter()
                .map(|s| WireStep {
                    hash: s.hash,
                    position: s.position,
                    extra: Extra::new(),
                })
                .collect(),
            extra,
        },
        _ => Inclusion::MultiProof {
            siblings: tree.prove_many(&indices).map(|p| p.siblings).unwrap_or_default(),
            extra,
        },
    }
}
