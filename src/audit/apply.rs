//! What each receipt tells about the submitted deltas: which roots recompute
//! from their item lists (and so hold which deltas), which roots the service
//! confirms, which deltas it reports failed, and which receipts name one of
//! our referenceIds with other content.

use super::engine::Audit;
use super::problems::{Severity, Source};
use super::receipts::{Echo, EventKind, WebhookFact};
use super::store::{NONE, flag};
use crate::chain::cache::{RootEval, leaves_key};
use crate::receipt::wire::{ReceiptId, Status};
use crate::{DeltaItem, Hash32};
use serde_json::{Map, Value};
use std::format;
use std::string::String;

/// What an echoed delta says.
#[derive(Debug, Default)]
pub(crate) struct Echoed {
    pub(crate) customer: Option<String>,
    pub(crate) reference: Option<String>,
    pub(crate) amount: Option<f64>,
    pub(crate) reason: Option<String>,
    /// Canonical metadata text (`Some(None)`: present and null).
    pub(crate) metadata: Option<Option<String>>,
}

fn echoed(fact: &WebhookFact) -> Echoed {
    let mut e = Echoed {
        customer: fact.customer_id.clone(),
        reference: fact.reference_id.clone(),
        ..Echoed::default()
    };
    match &fact.echo {
        Some(Echo::Amount(a)) => e.amount = Some(*a),
        Some(Echo::Object(text)) => {
            if let Ok(map) = serde_json::from_str::<Map<String, Value>>(text) {
                let s = |k: &str| map.get(k).and_then(Value::as_str).map(String::from);
                e.customer = s("customerId").or(e.customer);
                e.reference = s("referenceId").or(e.reference);
                e.reason = s("reason");
                e.amount = map
                    .get("amount")
                    .or_else(|| map.get("delta"))
                    .and_then(Value::as_f64);
                e.metadata = map.get("metadata").map(|m| match m {
                    Value::Null => None,
                    other => crate::canonical_json(other).ok(),
                });
            }
        }
        None => {}
    }
    e
}

impl Audit {
    /// An item list and its claimed root: checks the root (the export's node
    /// encoding must reproduce it) and, the first time the root recomputes,
    /// links the submitted deltas among its items. Returns the root's number
    /// when it recomputes.
    pub(crate) fn batch_seen(
        &mut self,
        claimed: Hash32,
        leaves: &[Hash32],
        eval: RootEval,
        line: u64,
        field: &str,
    ) -> Option<u32> {
        let id = self.roots.id(claimed);
        let ok = match eval {
            RootEval::Matched(e) => match self.encoding {
                None => {
                    self.encoding = Some((e, line));
                    true
                }
                Some((first, at)) if first != e => {
                    self.problem(
                        Severity::Error,
                        "encodingChanged",
                        Source::Receipts,
                        line,
                        format!("{field} {claimed} recomputes under node encoding {e}, but line {at} decided {first}"),
                    );
                    false
                }
                Some(_) => true,
            },
            RootEval::Single { equal: true, .. } => true,
            RootEval::Empty => {
                self.problem(
                    Severity::Error,
                    "emptyItemHashes",
                    Source::Receipts,
                    line,
                    format!("{field}: no item hashes"),
                );
                false
            }
            RootEval::Single { computed, .. } | RootEval::Mismatch([computed, ..]) => {
                let computed = match eval {
                    RootEval::Mismatch(_) => eval.computed(self.encoding_hint().unwrap_or_default()),
                    _ => computed,
                };
                self.problem(
                    Severity::Error,
                    "rootMismatch",
                    Source::Receipts,
                    line,
                    format!("{field} {claimed} is not the root of its {} item hash(es) under any node encoding (computed {computed})", leaves.len()),
                );
                false
            }
        };
        if !ok {
            return None;
        }
        if self.roots.get(id).is_some_and(|r| !r.recomputed) {
            let mut ours = 0u32;
            for leaf in leaves {
                match self.store.find_hash(leaf) {
                    Some(i) => {
                        ours += 1;
                        if let Some(rec) = self.store.get_mut(i) {
                            let mut first = rec.root;
                            self.roots.link(&mut first, i, id);
                            rec.root = first;
                        }
                    }
                    None => self.unmatched += 1,
                }
            }
            if let Some(r) = self.roots.get_mut(id) {
                r.recomputed = true;
                r.leaves = u32::try_from(leaves.len()).unwrap_or(NONE);
                r.ours = ours;
            }
        }
        Some(id)
    }

    /// The service confirms the verification of `root`.
    pub(crate) fn confirm(&mut self, root: Hash32) {
        let id = self.roots.id(root);
        if let Some(r) = self.roots.get_mut(id) {
            r.confirmed = true;
        }
    }

    /// Delta `i` (and its copies) failed, as `detail` says.
    pub(crate) fn mark_failed(&mut self, i: u32, detail: String) {
        let first = self.store.first_of(i);
        self.store.mark(first, flag::FAILED);
        self.failed.entry(first).or_insert(detail);
    }

    /// A receipt names delta `i`'s referenceId with other content.
    pub(crate) fn mark_altered(&mut self, i: u32, detail: String) {
        let first = self.store.first_of(i);
        self.store.mark(first, flag::ALTERED);
        self.altered.entry(first).or_insert(detail);
    }

    pub(crate) fn by_reference(&self, customer: Option<&str>, reference: Option<&str>) -> Option<u32> {
        self.store.find_ref(customer?, reference?)
    }

    /// A receipt that names `(customerId, referenceId)` of one of our deltas:
    /// altered when it carries another amount, reason or metadata, or a
    /// content hash that is not that delta's.
    pub(crate) fn check_altered(&mut self, e: &Echoed, content: Option<Hash32>, what: &str, line: u64) {
        let Some(i) = self.by_reference(e.customer.as_deref(), e.reference.as_deref()) else {
            return;
        };
        let Some(rec) = self.store.get(i).copied() else {
            return;
        };
        if content == Some(rec.hash) {
            return;
        }
        let mut diffs = std::vec::Vec::new();
        if let Some(a) = e.amount.filter(|a| *a != rec.amount) {
            diffs.push(format!("amount {} submitted, {a} in the receipt", rec.amount));
        }
        if let Some(r) = e
            .reason
            .as_deref()
            .filter(|r| self.store.reasons.get(r) != Some(rec.reason))
        {
            let sent = self.store.reasons.name(rec.reason);
            diffs.push(format!("reason {sent:?} submitted, {r:?} in the receipt"));
        }
        if diffs.is_empty()
            && let (Some(meta), Some(reason), Some(amount)) = (&e.metadata, &e.reason, e.amount)
        {
            let item = DeltaItem {
                customer_id: e.customer.as_deref().unwrap_or_default(),
                amount,
                reason,
                reference_id: e.reference.as_deref(),
                metadata: meta.as_deref().map(crate::canonical::CanonicalStr::from_writer),
            };
            if item.item_hash(self.mapping()).is_ok_and(|h| h != rec.hash) {
                diffs.push("metadata differs from the submitted metadata".into());
            }
        }
        if diffs.is_empty() {
            match content {
                Some(c) => diffs.push(format!(
                    "content hash {c} is not this delta's item hash {}",
                    rec.hash
                )),
                None => return,
            }
        }
        let detail = format!("receipts line {line} ({what}): {}", diffs.join("; "));
        self.mark_altered(i, detail);
    }

    fn tenant_key(fact: &WebhookFact) -> String {
        fact.tenant.clone().unwrap_or_else(|| "default".into())
    }

    /// A webhook event.
    pub(crate) fn apply_webhook(&mut self, fact: &WebhookFact, line: u64) {
        match &fact.event {
            EventKind::Verified => self.counts.verified_events += 1,
            EventKind::Failed => {
                self.counts.failed_events += 1;
                return self.apply_failed_event(fact, line);
            }
            EventKind::Other(_) => {
                self.counts.other_events += 1;
                return;
            }
        }
        let failed = fact.status.as_ref().is_some_and(Status::is_failed);
        let tenant = Self::tenant_key(fact);
        match &fact.sequence {
            Some(Ok(n)) => self
                .tenants
                .entry(tenant.clone())
                .or_default()
                .sequence
                .push(*n, line),
            Some(Err(text)) => self.problem(
                Severity::Warning,
                "badSequenceNumber",
                Source::Receipts,
                line,
                format!("sequence number {text:?} is not a whole number"),
            ),
            None => {}
        }
        let Some((proof, leaves)) = &fact.proof else {
            // The SDK's shape: a receiptId, no item list.
            if let (Some(ReceiptId::Root(h)), false) = (&fact.receipt_id, failed) {
                self.confirm(*h);
            }
            let e = echoed(fact);
            self.check_altered(&e, None, "delta.verified", line);
            if failed {
                self.fail_by_echo(&e, None, fact, line);
            }
            return;
        };
        let stored = self.stored_heads.get(&tenant).cloned();
        self.tenants.entry(tenant).or_default().push(
            &proof.proof_hash,
            proof.previous.as_ref(),
            fact.time.as_deref(),
            stored.as_ref(),
            line,
        );
        if proof.content_at.is_none() {
            self.problem(
                Severity::Error,
                "contentHashNotInItemHashes",
                Source::Receipts,
                line,
                format!(
                    "contentHash {} is not among the {} itemHashes",
                    proof.content_hash, proof.item_count
                ),
            );
        }
        match (&proof.proof_hash, proof.eval) {
            (ReceiptId::Root(h), Some(eval)) => {
                let recomputed = self.batch_seen(*h, leaves, eval, line, "proof.proofHash");
                if recomputed.is_some() && !failed && proof.content_at.is_some() {
                    self.confirm(*h);
                }
            }
            (id, _) => self.problem(
                Severity::Warning,
                "opaqueProofHash",
                Source::Receipts,
                line,
                format!("proofHash {id} is an opaque id: its root cannot be recomputed"),
            ),
        }
        if let Some(id) = fact.receipt_id.as_ref().filter(|id| **id != proof.proof_hash) {
            self.problem(
                Severity::Error,
                "receiptIdMismatch",
                Source::Receipts,
                line,
                format!("data.receiptId {id} is not proof.proofHash {}", proof.proof_hash),
            );
        }
        let ours = self.store.find_hash(&proof.content_hash);
        if ours.is_none() || failed {
            let e = echoed(fact);
            if ours.is_none() {
                self.check_altered(&e, Some(proof.content_hash), "delta.verified", line);
            }
            if failed {
                self.fail_by_echo(&e, Some(proof.content_hash), fact, line);
            }
        }
    }

    /// A `delta.failed` event: matched by content hash, referenceId or anchorId.
    fn apply_failed_event(&mut self, fact: &WebhookFact, line: u64) {
        let e = echoed(fact);
        let content = fact.proof.as_ref().map(|(p, _)| p.content_hash);
        self.fail_by_echo(&e, content, fact, line);
    }

    fn fail_by_echo(&mut self, e: &Echoed, content: Option<Hash32>, fact: &WebhookFact, line: u64) {
        let what = match fact.event {
            EventKind::Failed => "delta.failed event",
            _ => "delta.verified event with status FAILED",
        };
        let detail = format!(
            "receipts line {line}: {what}{}",
            fact.error
                .as_deref()
                .map(|e| format!(": {e}"))
                .unwrap_or_default()
        );
        let target = content
            .and_then(|c| self.store.find_hash(&c))
            .or_else(|| self.by_reference(e.customer.as_deref(), e.reference.as_deref()));
        match (target, &fact.anchor_id) {
            (Some(i), _) => self.mark_failed(i, detail),
            (None, Some(anchor)) => self.anchor_failures.push((anchor.clone(), detail)),
            (None, None) => self.problem(
                Severity::Warning,
                "unmatchedFailure",
                Source::Receipts,
                line,
                format!(
                    "{what} names no submitted delta (no matching content hash, referenceId or anchorId)"
                ),
            ),
        }
    }

    /// The root of an item list carried by an emit, batch or status answer.
    pub(crate) fn list_seen(
        &mut self,
        claimed: Hash32,
        leaves: &[Hash32],
        line: u64,
        field: &str,
    ) -> Option<u32> {
        let hint = self.encoding_hint();
        let key = leaves_key(leaves);
        let eval = match self
            .cache
            .get_or_insert(&key, || Ok::<_, core::convert::Infallible>(leaves.to_vec()))
        {
            Ok(b) => b.evaluate(&claimed, hint),
            Err(never) => match never {},
        };
        self.batch_seen(claimed, leaves, eval, line, field)
    }
}
