//! One class per submitted delta, first match wins: verified, altered,
//! failed, pending, missing.

use super::roots::Roots;
use super::store::{Store, flag};
use core::fmt;
use serde::Serialize;

/// What the receipts say about one submitted delta.
///
/// ```
/// use pacspace_proof::audit::DeltaClass;
/// assert_eq!(DeltaClass::ALL[0], DeltaClass::Verified);
/// assert_eq!(serde_json::to_string(&DeltaClass::Missing).unwrap(), "\"missing\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DeltaClass {
    /// Its item hash is in a root that recomputes from its item list and
    /// whose verification the service confirmed.
    Verified,
    /// Not verified, and a receipt names its referenceId for its customer
    /// with another amount, reason or metadata, or another content hash.
    Altered,
    /// Not verified, and the service reports it failed.
    Failed,
    /// Its item hash is in an emit or batch response whose root recomputes;
    /// no verification yet.
    Pending,
    /// None of the above.
    Missing,
}

impl DeltaClass {
    /// Every class, in the order they are tried.
    pub const ALL: [DeltaClass; 5] = [
        DeltaClass::Verified,
        DeltaClass::Altered,
        DeltaClass::Failed,
        DeltaClass::Pending,
        DeltaClass::Missing,
    ];

    /// The class's name.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::audit::DeltaClass::Pending.name(), "pending");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            DeltaClass::Verified => "verified",
            DeltaClass::Altered => "altered",
            DeltaClass::Failed => "failed",
            DeltaClass::Pending => "pending",
            DeltaClass::Missing => "missing",
        }
    }
}

impl fmt::Display for DeltaClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The class of delta `i` and the root that decided it (verified, pending).
pub(crate) fn classify(store: &Store, roots: &Roots, i: u32) -> (DeltaClass, Option<u32>) {
    let first = store.first_of(i);
    let Some(rec) = store.get(first) else {
        return (DeltaClass::Missing, None);
    };
    let mut pending = None;
    for id in roots.of(rec.root, first) {
        match roots.get(id) {
            Some(r) if r.recomputed && r.confirmed => return (DeltaClass::Verified, Some(id)),
            Some(r) if r.recomputed && pending.is_none() => pending = Some(id),
            _ => {}
        }
    }
    if rec.flags & flag::ALTERED != 0 {
        (DeltaClass::Altered, None)
    } else if rec.flags & flag::FAILED != 0 {
        (DeltaClass::Failed, None)
    } else if let Some(id) = pending {
        (DeltaClass::Pending, Some(id))
    } else {
        (DeltaClass::Missing, None)
    }
}
