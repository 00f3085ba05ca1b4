//! Emit and batch responses, delta status answers and public verify answers
//! in the receipts export.

use super::apply::Echoed;
use super::engine::Audit;
use super::problems::{Severity, Source};
use crate::receipt::Artefact;
use crate::receipt::wire::{BatchData, DeltaStatusData, EmitData, ReceiptId, Status, VerifyAnswer};
use serde_json::Value;
use std::format;
use std::string::{String, ToString};
use std::vec::Vec;

fn error_text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => format!(": {s}"),
        Some(Value::Null) | None => String::new(),
        Some(other) => format!(": {other}"),
    }
}

fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

fn confirms(s: &Status) -> bool {
    matches!(s, Status::Verified | Status::Anchored)
}

impl Audit {
    pub(crate) fn apply_artefact(&mut self, a: &Artefact, line: u64) {
        match a {
            Artefact::Emit(e) => {
                self.counts.emit += 1;
                self.apply_emit(&e.data, line);
            }
            Artefact::Batch(b) => {
                self.counts.batch += 1;
                self.apply_batch(&b.data, line);
            }
            Artefact::DeltaStatus(s) => {
                self.counts.delta_status += 1;
                self.apply_status(&s.data, line);
            }
            Artefact::VerifyAnswer(v) => {
                self.counts.verify_answer += 1;
                self.apply_verify_answer(v, line);
            }
            Artefact::Webhook(_) => {}
        }
    }

    fn apply_emit(&mut self, d: &EmitData, line: u64) {
        let root = self.list_seen(d.items_root, &d.item_hashes, line, "itemsRoot");
        if let ReceiptId::Root(id) = &d.receipt_id
            && *id != d.items_root
        {
            self.problem(
                Severity::Error,
                "receiptIdMismatch",
                Source::Receipts,
                line,
                format!("receiptId {id} is not itemsRoot {}", d.items_root),
            );
        }
        // The delta the response is about: ours, in the list, with the echoed customer and amount.
        let about: Vec<u32> = d
            .item_hashes
            .iter()
            .filter_map(|h| self.store.find_hash(h))
            .filter(|&i| {
                self.store.get(i).is_some_and(|r| {
                    r.amount == d.delta && self.store.customers.name(r.customer) == d.customer_id
                })
            })
            .collect();
        if let (Some(anchor), Some(&i)) = (&d.anchor_id, about.first()) {
            self.anchors.insert(anchor.clone(), i);
        }
        if d.status.is_failed() {
            let mut why = error_text(d.extra.get("error"));
            if why.is_empty() {
                why = d.message.as_deref().map(|m| format!(": {m}")).unwrap_or_default();
            }
            let detail = format!("receipts line {line}: emit response status FAILED{why}");
            match about.as_slice() {
                [] => self.problem(
                    Severity::Warning,
                    "unmatchedFailure",
                    Source::Receipts,
                    line,
                    "emit response FAILED for no submitted delta".into(),
                ),
                list => {
                    for &i in list {
                        self.mark_failed(i, detail.clone());
                    }
                }
            }
        } else if confirms(&d.status) && root.is_some() {
            self.confirm(d.items_root);
        }
    }

    fn apply_batch(&mut self, d: &BatchData, line: u64) {
        let mut leaves = Vec::new();
        let mut shared: Option<&ReceiptId> = None;
        let mut all_confirm = true;
        // (result index, our delta) of the first result matched by item hash.
        let mut anchor: Option<(u64, u32)> = None;
        for res in d.results.iter().filter(|r| !r.status.is_failed()) {
            let Some(h) = res.item_hash else { continue };
            leaves.push(h);
            shared = shared.or(res.receipt_id.as_ref());
            all_confirm &= confirms(&res.status);
            let ours = self.store.find_hash(&h);
            if let (None, Some(i)) = (anchor, ours) {
                anchor = Some((res.index, i));
            }
            if let (Some(a), Some(i)) = (&res.anchor_id, ours) {
                self.anchors.insert(a.clone(), i);
            }
            if ours.is_none() {
                let e = Echoed {
                    customer: res.customer_id.clone(),
                    reference: text(res.extra.get("referenceId")),
                    amount: res.delta,
                    ..Echoed::default()
                };
                self.check_altered(&e, Some(h), "batch result", line);
            }
        }
        if let Some(ReceiptId::Root(root)) = shared {
            let root = *root;
            if self
                .list_seen(root, &leaves, line, "results[].receiptId")
                .is_some()
                && all_confirm
            {
                self.confirm(root);
            }
        }
        for res in d.results.iter().filter(|r| r.status.is_failed()) {
            let detail = format!(
                "receipts line {line}: batch results[{}] FAILED{}",
                res.index,
                error_text(res.error.as_ref())
            );
            let reference = text(res.extra.get("referenceId"));
            let by_ref = self.by_reference(res.customer_id.as_deref(), reference.as_deref());
            // By batch index: results follow the submitted order.
            let by_index = anchor.and_then(|(k, i)| {
                let target = u32::try_from(u64::from(i).checked_add(res.index)?.checked_sub(k)?).ok()?;
                let r = self.store.get(target)?;
                let customer_ok = res
                    .customer_id
                    .as_deref()
                    .is_none_or(|c| c == self.store.customers.name(r.customer));
                let amount_ok = res.delta.is_none_or(|a| a == r.amount);
                (customer_ok && amount_ok).then_some(target)
            });
            match by_ref.or(by_index) {
                Some(i) => self.mark_failed(i, detail),
                None => self.problem(
                    Severity::Warning,
                    "unmatchedFailure",
                    Source::Receipts,
                    line,
                    format!("batch results[{}] FAILED matches no submitted delta", res.index),
                ),
            }
        }
    }

    fn apply_status(&mut self, d: &DeltaStatusData, line: u64) {
        let root = match &d.receipt_id {
            Some(ReceiptId::Root(h)) => Some(*h),
            _ => None,
        };
        if let (Some(root), Some(leaves)) = (root, d.listed_item_hashes()) {
            self.list_seen(root, &leaves, line, "receiptId (root of deltas[].itemHash)");
        }
        if d.status.is_failed() {
            let detail = format!(
                "receipts line {line}: delta status FAILED{}",
                error_text(d.extra.get("error"))
            );
            let mut targets = Vec::new();
            let anchor = text(d.extra.get("anchorId"));
            let customer = d.customer_id.as_deref();
            if let Some(i) = self.by_reference(customer, text(d.extra.get("referenceId")).as_deref()) {
                targets.push(i);
            }
            for entry in &d.deltas {
                let by_hash = entry
                    .get("itemHash")
                    .and_then(Value::as_str)
                    .and_then(|h| h.parse().ok())
                    .and_then(|h| self.store.find_hash(&h));
                let c = entry.get("customerId").and_then(Value::as_str).or(customer);
                let by_ref = self.by_reference(c, text(entry.get("referenceId")).as_deref());
                targets.extend(by_hash.or(by_ref));
            }
            match (targets.is_empty(), anchor) {
                (false, _) => {
                    for i in targets {
                        self.mark_failed(i, detail.clone());
                    }
                }
                (true, Some(a)) => self.anchor_failures.push((a, detail)),
                (true, None) => self.problem(
                    Severity::Warning,
                    "unmatchedFailure",
                    Source::Receipts,
                    line,
                    "delta status FAILED names no submitted delta (no referenceId, anchorId or itemHash)"
                        .into(),
                ),
            }
        } else if let (Some(root), true) = (root, confirms(&d.status)) {
            self.confirm(root);
        }
    }

    fn apply_verify_answer(&mut self, v: &VerifyAnswer, line: u64) {
        let root = [&v.proof_root, &v.proof_hash, &v.receipt_id]
            .into_iter()
            .flatten()
            .find_map(ReceiptId::root);
        if v.status.as_ref().is_some_and(Status::is_failed) {
            let detail = format!("receipts line {line}: verify answer status FAILED");
            match v.content_hash.and_then(|c| self.store.find_hash(&c)) {
                Some(i) => self.mark_failed(i, detail),
                None => self.problem(
                    Severity::Warning,
                    "unmatchedFailure",
                    Source::Receipts,
                    line,
                    "verify answer FAILED names no submitted delta".into(),
                ),
            }
            return;
        }
        match (root, v.verified) {
            (Some(r), Some(true) | None) => self.confirm(r),
            (Some(r), Some(false)) => self.problem(
                Severity::Warning,
                "notVerifiedByService",
                Source::Receipts,
                line,
                format!("the verify answer for {r} says verified=false"),
            ),
            (None, _) => self.problem(
                Severity::Warning,
                "opaqueProofRoot",
                Source::Receipts,
                line,
                "the verify answer names no 0x root".into(),
            ),
        }
    }
}
