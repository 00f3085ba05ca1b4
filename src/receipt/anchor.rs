//! Between receipts and the ledger: which root, transaction and earliest
//! time an artefact names for the anchor check, and how an anchor result
//! lifts a report to `anchored` (or fails it).

use crate::Hash32;
use crate::ledger::{AnchorReport, AnchorVerdict, CheckOutcome};
use crate::receipt::wire::{Extra, ReceiptId};
use crate::receipt::{Artefact, Basis, Failure, Report};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::Value;

/// What an artefact says about its anchor: the root to look for, the
/// transaction reference and the time before which it cannot have been
/// anchored. Each is `None` when the artefact does not say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnchorHint {
    /// The root (itemsRoot, proofHash, proofRoot or a 0x receiptId).
    pub root: Option<Hash32>,
    /// The transaction reference (`txHash`, `verificationReference`, `reference`).
    pub tx: Option<String>,
    /// The artefact's receipt time (`receivedAt`, `submittedAt`), RFC 3339.
    pub not_before: Option<String>,
}

fn text(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str).map(ToString::to_string)
}

fn tx_in(extra: &Extra) -> Option<String> {
    ["txHash", "transactionHash", "verificationReference"]
        .iter()
        .find_map(|k| text(extra.get(*k)))
}

fn root_of(id: Option<&ReceiptId>) -> Option<Hash32> {
    id.and_then(ReceiptId::root)
}

impl Artefact {
    /// The root, transaction and earliest time this artefact names.
    ///
    /// ```
    /// use pacspace_proof::receipt::Artefact;
    /// let text = std::fs::read_to_string("examples/receipts/emit.json").unwrap();
    /// let hint = Artefact::from_json(&text).unwrap().anchor_hint();
    /// assert!(hint.root.is_some());
    /// assert_eq!(hint.not_before.as_deref(), Some("2026-01-01T00:00:00.000Z"));
    /// ```
    pub fn anchor_hint(&self) -> AnchorHint {
        match self {
            Artefact::Emit(e) => AnchorHint {
                root: Some(e.data.items_root),
                tx: tx_in(&e.data.extra),
                not_before: e.data.received_at.clone(),
            },
            Artefact::Batch(b) => AnchorHint {
                root: b.data.results.iter().find_map(|r| root_of(r.receipt_id.as_ref())),
                tx: tx_in(&b.data.extra),
                not_before: text(b.data.extra.get("receivedAt")),
            },
            Artefact::DeltaStatus(s) => AnchorHint {
                root: root_of(s.data.receipt_id.as_ref()),
                tx: s.data.tx_hash.clone().or_else(|| tx_in(&s.data.extra)),
                not_before: text(s.data.extra.get("createdAt")),
            },
            Artefact::Webhook(w) => {
                let d = &w.data;
                let delta_time = match &d.delta {
                    Some(crate::receipt::wire::WebhookDelta::Echo(m)) => text(m.get("submittedAt")),
                    _ => None,
                };
                AnchorHint {
                    root: d
                        .proof
                        .as_ref()
                        .and_then(|p| p.proof_hash.root())
                        .or_else(|| root_of(d.receipt_id.as_ref())),
                    tx: tx_in(&d.extra).or_else(|| {
                        d.extra.get("verification").and_then(|v| {
                            text(v.get("verificationReference")).or_else(|| text(v.get("reference")))
                        })
                    }),
                    not_before: delta_time,
                }
            }
            Artefact::VerifyAnswer(v) => AnchorHint {
                root: root_of(v.proof_root.as_ref())
                    .or_else(|| root_of(v.proof_hash.as_ref()))
                    .or_else(|| root_of(v.receipt_id.as_ref())),
                tx: v
                    .verification
                    .as_ref()
                    .and_then(|x| text(x.get("verificationReference")).or_else(|| text(x.get("reference"))))
                    .or_else(|| tx_in(&v.extra)),
                not_before: None,
            },
        }
    }
}

impl Report {
    /// Records the ledger check as the report's `ledger anchor` check:
    /// passed (the level can reach `anchored`) when anchored, failed when the
    /// ledger holds evidence against it, not checkable when undetermined.
    /// The anchor must be about `root`, the root this report recomputed;
    /// another root fails the check.
    ///
    /// ```
    /// use pacspace_proof::{Hash32, Level, Report};
    /// use pacspace_proof::ledger::{decide, AnchorPolicy, Network};
    /// use pacspace_proof::receipt::ArtefactKind;
    /// let anchor = decide(&Hash32::ZERO, "0.0.5-1700000000-000000001", &[], &AnchorPolicy::new(Network::Testnet));
    /// let mut r = Report::new(ArtefactKind::Emit);
    /// r.record_anchor(&Hash32::ZERO, &anchor);
    /// assert_eq!(r.level(), Level::NotVerified); // undetermined: nothing passed
    /// assert!(r.not_checked().iter().any(|m| m.starts_with("ledger anchor")));
    /// ```
    pub fn record_anchor(&mut self, root: &Hash32, anchor: &AnchorReport) {
        const NAME: &str = "ledger anchor";
        if anchor.root != *root {
            self.fail_on(
                Basis::Ledger,
                NAME,
                Failure::NotAnchored {
                    tx: anchor.tx.clone(),
                    reason: format!("the ledger was asked about {}, not this root {root}", anchor.root),
                },
            );
            return;
        }
        match anchor.verdict {
            AnchorVerdict::Anchored => {
                let mut detail = anchor
                    .finding
                    .clone()
                    .unwrap_or_else(|| format!("the root's bytes are in transaction {}", anchor.tx));
                detail.push_str(&format!(" ({}", anchor.network));
                if let Some(t) = &anchor.consensus_time {
                    detail.push_str(&format!(", {t}"));
                }
                detail.push_str(&format!(
                    ", {} of {} source(s) agreeing)",
                    anchor.sources_answered,
                    anchor.sources.len()
                ));
                self.pass_on(Basis::Ledger, NAME, detail);
            }
            AnchorVerdict::NotAnchored => {
                let reasons: Vec<String> = anchor
                    .checks
                    .iter()
                    .filter(|c| c.outcome == CheckOutcome::Fail)
                    .map(|c| format!("{}: {}", c.name, c.detail))
                    .collect();
                self.fail_on(
                    Basis::Ledger,
                    NAME,
                    Failure::NotAnchored {
                        tx: anchor.tx.clone(),
                        reason: reasons.join("; "),
                    },
                );
            }
            AnchorVerdict::Undetermined => self.not_checkable_on(
                Basis::Ledger,
                NAME,
                anchor
                    .look_up_by_hand
                    .clone()
                    .unwrap_or_else(|| "too few ledger sources answered".into()),
            ),
        }
    }
}
