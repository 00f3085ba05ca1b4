//! Memory across runs (`--state DIR`): the last verified head of each
//! tenant's chain (proofHash, receipts counted, time). A later export whose
//! chain does not extend the stored head shows a rollback (the service's
//! history went back) or a fork (another history): both heads are the evidence.

use super::tenants::TenantChain;
use crate::chain::ChainStart;
use crate::receipt::wire::ReceiptId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::format;
use std::path::Path;
use std::string::{String, ToString};

/// File name of the heads inside the state directory.
pub const HEADS_FILE: &str = "heads.json";

/// A chain head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Head {
    /// The last verified receipt's proofHash.
    pub proof_hash: String,
    /// Verified receipts up to and including it (None: not known, the export started mid-chain).
    pub count: Option<u64>,
    /// Its time as the receipt gives it (`verifiedAt`, `timestamp` or `createdAt`).
    pub time: Option<String>,
}

/// The heads of every tenant, as stored.
///
/// ```
/// use pacspace_proof::audit::{Head, HeadStore};
/// let mut s = HeadStore::default();
/// s.tenants.insert("default".into(), Head { proof_hash: "0xab".into(), count: Some(3), time: None });
/// let text = serde_json::to_string(&s).unwrap();
/// assert_eq!(serde_json::from_str::<HeadStore>(&text).unwrap(), s);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeadStore {
    /// Tenant → head.
    pub tenants: BTreeMap<String, Head>,
}

/// Why the stored heads could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// Reading or writing failed.
    #[error("state: {0}")]
    Io(std::io::Error),
    /// The heads file is not what this library writes.
    #[error("state: {HEADS_FILE} is not a heads file: {0}")]
    Format(String),
}

impl HeadStore {
    /// Reads `DIR/heads.json`; an absent file or directory is an empty store.
    ///
    /// ```
    /// let s = pacspace_proof::audit::HeadStore::load(std::path::Path::new("/nonexistent/dir")).unwrap();
    /// assert!(s.tenants.is_empty());
    /// ```
    pub fn load(dir: &Path) -> Result<Self, StateError> {
        match std::fs::read_to_string(dir.join(HEADS_FILE)) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| StateError::Format(e.to_string())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(HeadStore::default()),
            Err(e) => Err(StateError::Io(e)),
        }
    }

    /// Writes `DIR/heads.json` (creating DIR), replacing the file atomically.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("pacspace-heads-doc-{}", std::process::id()));
    /// let s = pacspace_proof::audit::HeadStore::default();
    /// s.save(&dir).unwrap();
    /// assert_eq!(pacspace_proof::audit::HeadStore::load(&dir).unwrap(), s);
    /// std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn save(&self, dir: &Path) -> Result<(), StateError> {
        std::fs::create_dir_all(dir).map_err(StateError::Io)?;
        let text = serde_json::to_string_pretty(self).map_err(|e| StateError::Format(e.to_string()))?;
        let tmp = dir.join(format!("{HEADS_FILE}.{}.tmp", std::process::id()));
        std::fs::write(&tmp, text + "\n").map_err(StateError::Io)?;
        std::fs::rename(&tmp, dir.join(HEADS_FILE)).map_err(StateError::Io)
    }
}

/// How this export's chain relates to the stored head.
///
/// ```
/// assert_eq!(serde_json::to_string(&pacspace_proof::audit::HeadStatus::Rollback).unwrap(), "\"rollback\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum HeadStatus {
    /// No head was stored for the tenant.
    New,
    /// The chain ends at the stored head.
    Same,
    /// The chain runs through the stored head, or starts right after it.
    Extends,
    /// The stored head is not in the chain, which is shorter or older: the history went back.
    Rollback,
    /// The stored head is not in the chain, which is as long or newer: another history.
    Fork,
    /// The export has no verified receipt of the tenant: the stored head is kept.
    NoReceipts,
}

/// The comparison of one tenant's chain with its stored head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HeadCheck {
    /// The tenant.
    pub tenant: String,
    /// The finding.
    pub status: HeadStatus,
    /// The head stored by the earlier run.
    pub stored: Option<Head>,
    /// This export's head.
    pub current: Option<Head>,
}

impl HeadCheck {
    /// Whether the finding fails the audit (a rollback or a fork).
    ///
    /// ```
    /// use pacspace_proof::audit::{HeadCheck, HeadStatus};
    /// let c = HeadCheck { tenant: "t".into(), status: HeadStatus::Fork, stored: None, current: None };
    /// assert!(c.is_failure());
    /// ```
    pub fn is_failure(&self) -> bool {
        matches!(self.status, HeadStatus::Rollback | HeadStatus::Fork)
    }
}

/// Compares `chain` (this export) with the `stored` head of `tenant`.
pub(crate) fn check_head(tenant: &str, chain: &TenantChain, stored: Option<&Head>) -> HeadCheck {
    let Some(last) = &chain.last else {
        return HeadCheck {
            tenant: tenant.into(),
            status: if stored.is_some() {
                HeadStatus::NoReceipts
            } else {
                HeadStatus::New
            },
            stored: stored.cloned(),
            current: None,
        };
    };
    let from_start = matches!(chain.start, Some(ChainStart::NullOrAbsent | ChainStart::Zero));
    let n = chain.receipts;
    let stored_id = stored.map(|h| ReceiptId::parse(&h.proof_hash));
    let after_stored = matches!(&chain.start, Some(ChainStart::MidChain(p)) if Some(p) == stored_id.as_ref());
    let (status, count) = match stored {
        None => (HeadStatus::New, from_start.then_some(n)),
        Some(h) => match chain.stored_seen_at {
            Some(k) => {
                let count = h.count.map(|c| c + (n - k)).or(from_start.then_some(n));
                let status = if k == n {
                    HeadStatus::Same
                } else {
                    HeadStatus::Extends
                };
                (status, count)
            }
            None if after_stored => (HeadStatus::Extends, h.count.map(|c| c + n)),
            None => {
                let count = from_start.then_some(n);
                let shorter = matches!((count, h.count), (Some(a), Some(b)) if a < b);
                let older =
                    matches!((&chain.last_time, &h.time), (Some(a), Some(b)) if comparable(a, b) && a < b);
                let status = if shorter || older {
                    HeadStatus::Rollback
                } else {
                    HeadStatus::Fork
                };
                (status, count)
            }
        },
    };
    HeadCheck {
        tenant: tenant.into(),
        status,
        stored: stored.cloned(),
        current: Some(Head {
            proof_hash: last.to_string(),
            count,
            time: chain.last_time.clone(),
        }),
    }
}

/// Two ISO-8601 times in the same layout compare as text.
fn comparable(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .all(|(x, y)| x.is_ascii_digit() == y.is_ascii_digit())
}
