//! Per tenant: the chain of verified receipts (as the `chain` verb checks
//! it: each `previousProofHash` is the proofHash of the receipt before),
//! the sequence numbers, and where the head stored by an earlier run appears.

use super::sequence::SequenceTracker;
use crate::Hash32;
use crate::chain::{ChainStart, LineFailure, MAX_REPORTED_FAILURES};
use crate::receipt::Failure;
use crate::receipt::wire::ReceiptId;
use serde::Serialize;
use std::string::String;
use std::vec::Vec;

/// The chain of one tenant, streaming.
#[derive(Debug, Clone, Default)]
pub(crate) struct TenantChain {
    pub(crate) receipts: u64,
    pub(crate) start: Option<ChainStart>,
    pub(crate) first: Option<ReceiptId>,
    pub(crate) last: Option<ReceiptId>,
    pub(crate) last_time: Option<String>,
    pub(crate) breaks: u64,
    pub(crate) failures: Vec<LineFailure>,
    /// Receipt position (1-based) of the last receipt whose proofHash is the stored head.
    pub(crate) stored_seen_at: Option<u64>,
    pub(crate) sequence: SequenceTracker,
}

/// The chain of one tenant, as reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TenantChainReport {
    /// The tenant (`tenantId`; "default" when the events carry none).
    pub tenant: String,
    /// Verified receipts (delta.verified webhooks with a proof).
    pub receipts: u64,
    /// How the chain starts.
    pub start: Option<ChainStart>,
    /// The first receipt's proofHash.
    pub first_proof_hash: Option<ReceiptId>,
    /// The last receipt's proofHash (the head).
    pub last_proof_hash: Option<ReceiptId>,
    /// Links whose previousProofHash is not the proofHash before.
    pub breaks: u64,
    /// The first breaks.
    pub failures: Vec<LineFailure>,
}

impl TenantChain {
    /// The next verified receipt, read on receipt line `line`.
    pub(crate) fn push(
        &mut self,
        proof_hash: &ReceiptId,
        previous: Option<&ReceiptId>,
        time: Option<&str>,
        stored: Option<&ReceiptId>,
        line: u64,
    ) {
        self.receipts += 1;
        match self.last.take() {
            None => {
                self.start = Some(match previous {
                    None => ChainStart::NullOrAbsent,
                    Some(ReceiptId::Root(h)) if *h == Hash32::ZERO => ChainStart::Zero,
                    Some(other) => ChainStart::MidChain(other.clone()),
                });
                self.first = Some(proof_hash.clone());
            }
            Some(prev) => {
                if previous != Some(&prev) {
                    self.breaks += 1;
                    if self.failures.len() < MAX_REPORTED_FAILURES {
                        self.failures.push(LineFailure {
                            line,
                            failure: Failure::ChainBreak {
                                line,
                                expected: prev,
                                found: previous.cloned(),
                            },
                        });
                    }
                }
            }
        }
        if stored == Some(proof_hash) {
            self.stored_seen_at = Some(self.receipts);
        }
        self.last = Some(proof_hash.clone());
        self.last_time = time.map(Into::into);
    }

    pub(crate) fn report(&self, tenant: &str) -> TenantChainReport {
        TenantChainReport {
            tenant: tenant.into(),
            receipts: self.receipts,
            start: self.start.clone(),
            first_proof_hash: self.first.clone(),
            last_proof_hash: self.last.clone(),
            breaks: self.breaks,
            failures: self.failures.clone(),
        }
    }
}
