//! A delta's or batch's `status`, with the values the service documents
//! and any other kept as received.

use alloc::string::String;
use core::fmt;
use serde::{Deserialize, Serialize};

/// A delta or anchor status as the service spells it.
///
/// ```
/// use pacspace_proof::receipt::wire::Status;
/// let s: Status = serde_json::from_str("\"FAILED\"").unwrap();
/// assert!(s.is_failed());
/// assert_eq!(serde_json::from_str::<Status>("\"SOMETHING\"").unwrap(), Status::Other("SOMETHING".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Status {
    /// `QUEUED`.
    Queued,
    /// `PROCESSING`.
    Processing,
    /// `VERIFIED`.
    Verified,
    /// `FAILED`.
    Failed,
    /// `ANCHORING`.
    Anchoring,
    /// `ANCHORED`.
    Anchored,
    /// Any other text, kept.
    Other(String),
}

impl Status {
    /// The status text.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::receipt::wire::Status::Queued.as_str(), "QUEUED");
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            Status::Queued => "QUEUED",
            Status::Processing => "PROCESSING",
            Status::Verified => "VERIFIED",
            Status::Failed => "FAILED",
            Status::Anchoring => "ANCHORING",
            Status::Anchored => "ANCHORED",
            Status::Other(s) => s,
        }
    }

    /// Whether the service reports a failure.
    ///
    /// ```
    /// assert!(!pacspace_proof::receipt::wire::Status::Verified.is_failed());
    /// ```
    pub fn is_failed(&self) -> bool {
        matches!(self, Status::Failed)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Ok(match text.as_str() {
            "QUEUED" => Status::Queued,
            "PROCESSING" => Status::Processing,
            "VERIFIED" => Status::Verified,
            "FAILED" => Status::Failed,
            "ANCHORING" => Status::Anchoring,
            "ANCHORED" => Status::Anchored,
            _ => Status::Other(text),
        })
    }
}
