//! What a bundle takes from each kind of artefact: the root, the receipt
//! fields, and the leaves (listed by the artefact, or the submitted deltas'
//! own hashes when the artefact lists none).

use crate::Hash32;
use crate::bundle::{CreateError, SourceKind};
use crate::receipt::Artefact;
use crate::receipt::wire::BatchResult;
use crate::receipt::wire::{Extra, ReceiptId, Status};
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// Where a submitted delta sits among the leaves.
pub(crate) enum Slot {
    /// Leaf `j` (a batch's non-FAILED results, in order).
    Leaf(usize),
    /// FAILED by the service, with its error.
    Failed(String),
}

/// The parts of an artefact a bundle keeps.
pub(crate) struct Source {
    pub kind: SourceKind,
    pub root: Hash32,
    pub receipt_id: ReceiptId,
    pub anchor_id: Option<String>,
    pub received_at: Option<String>,
    pub status: Option<Status>,
    pub previous_proof_hash: Option<ReceiptId>,
    /// The listed leaves; `None`: the leaves are the submitted deltas' hashes.
    pub leaves: Option<Vec<Hash32>>,
    /// Per submitted delta, for a batch; empty otherwise (found by hash).
    pub slots: Vec<Slot>,
    /// Per submitted delta, its anchorId (a batch's results).
    pub anchors: Vec<Option<String>>,
}

fn text(extra: &Extra, key: &str) -> Option<String> {
    extra.get(key).and_then(|v| v.as_str()).map(str::to_string)
}

fn no_root(why: &str) -> CreateError {
    CreateError::NoRoot { why: why.into() }
}

fn root_of(id: &ReceiptId, field: &str) -> Result<Hash32, CreateError> {
    id.root()
        .ok_or_else(|| no_root(&alloc::format!("{field} {id:?} is an opaque id, not a 0x root")))
}

impl Source {
    fn new(kind: SourceKind, root: Hash32, receipt_id: ReceiptId) -> Self {
        Source {
            kind,
            root,
            receipt_id,
            anchor_id: None,
            received_at: None,
            status: None,
            previous_proof_hash: None,
            leaves: None,
            slots: Vec::new(),
            anchors: Vec::new(),
        }
    }
}

/// Reads what a bundle needs from `artefact`.
pub(crate) fn read(artefact: &Artefact) -> Result<Source, CreateError> {
    match artefact {
        Artefact::Emit(e) => {
            let d = &e.data;
            let mut s = Source::new(SourceKind::Emit, d.items_root, d.receipt_id.clone());
            s.anchor_id = d.anchor_id.clone();
            s.received_at = d.received_at.clone();
            s.status = Some(d.status.clone());
            s.leaves = Some(d.item_hashes.clone());
            Ok(s)
        }
        Artefact::Batch(b) => batch(&b.data.results),
        Artefact::DeltaStatus(st) => {
            let d = &st.data;
            let id = d
                .receipt_id
                .clone()
                .ok_or_else(|| no_root("the answer carries no receiptId"))?;
            let mut s = Source::new(SourceKind::DeltaStatus, root_of(&id, "receiptId")?, id);
            s.anchor_id = text(&d.extra, "anchorId");
            s.received_at = text(&d.extra, "receivedAt");
            s.status = Some(d.status.clone());
            s.leaves = d.listed_item_hashes();
            Ok(s)
        }
        Artefact::VerifyAnswer(a) => {
            let id = [&a.proof_root, &a.receipt_id, &a.proof_hash]
                .into_iter()
                .flatten()
                .find(|id| id.root().is_some())
                .cloned()
                .ok_or_else(|| no_root("the answer carries no 0x proofRoot, receiptId or proofHash"))?;
            let mut s = Source::new(SourceKind::VerifyAnswer, root_of(&id, "proofRoot")?, id);
            s.status = a.status.clone();
            Ok(s)
        }
        Artefact::Webhook(w) => {
            let d = &w.data;
            let p = d
                .proof
                .as_ref()
                .ok_or_else(|| no_root("the event carries no proof {proofHash, contentHash, itemHashes}"))?;
            let root = root_of(&p.proof_hash, "proof.proofHash")?;
            let id = d.receipt_id.clone().unwrap_or_else(|| p.proof_hash.clone());
            let mut s = Source::new(SourceKind::Webhook, root, id);
            s.status = d.status.clone();
            s.previous_proof_hash = p.previous_proof_hash.clone();
            s.leaves = Some(p.item_hashes.clone());
            Ok(s)
        }
    }
}

/// A batch: the leaves are the non-FAILED results' item hashes, in order.
fn batch(results: &[BatchResult]) -> Result<Source, CreateError> {
    let mut leaves = Vec::new();
    let mut slots = Vec::with_capacity(results.len());
    let mut anchors = Vec::with_capacity(results.len());
    let mut shared: Option<(&ReceiptId, &Status)> = None;
    for res in results {
        anchors.push(res.anchor_id.clone());
        if res.status.is_failed() {
            slots.push(Slot::Failed(
                res.error
                    .as_ref()
                    .map(|e| e.as_str().map_or_else(|| e.to_string(), str::to_string))
                    .unwrap_or_else(|| "no error given".into()),
            ));
            continue;
        }
        let Some(h) = res.item_hash else {
            slots.push(Slot::Failed("no itemHash".into()));
            continue;
        };
        slots.push(Slot::Leaf(leaves.len()));
        leaves.push(h);
        if let (None, Some(id)) = (shared, &res.receipt_id) {
            shared = Some((id, &res.status));
        }
    }
    let (id, status) = shared.ok_or_else(|| no_root("no result of the batch carries a receiptId"))?;
    let mut s = Source::new(SourceKind::Batch, root_of(id, "receiptId")?, id.clone());
    s.status = Some(status.clone());
    s.leaves = Some(leaves);
    s.slots = slots;
    s.anchors = anchors;
    Ok(s)
}
