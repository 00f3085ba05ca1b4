//! `receiptId`, `proofHash`, `proofRoot`: a root, or an opaque id.

use crate::Hash32;
use alloc::string::String;
use core::fmt;
use serde::{Deserialize, Serialize};

/// A receipt id (`receiptId`, `proofHash`, `proofRoot`): a `0x` + 64 hex
/// root, or an opaque id such as `rcpt_…` / `chk_…` (anything else), which
/// cannot be checked against a root.
///
/// ```
/// use pacspace_proof::Hash32;
/// use pacspace_proof::receipt::wire::ReceiptId;
/// assert_eq!(ReceiptId::parse("rcpt_8f2a"), ReceiptId::Opaque("rcpt_8f2a".into()));
/// let zero = Hash32::ZERO.to_string();
/// assert_eq!(ReceiptId::parse(&zero).root(), Some(Hash32::ZERO));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ReceiptId {
    /// A Merkle root.
    Root(Hash32),
    /// Anything that is not `0x` + 64 lowercase hex.
    Opaque(String),
}

impl ReceiptId {
    /// Classifies a receipt id text.
    ///
    /// ```
    /// assert!(pacspace_proof::receipt::wire::ReceiptId::parse("chk_1").root().is_none());
    /// ```
    pub fn parse(text: &str) -> Self {
        match Hash32::parse(text) {
            Ok(h) => ReceiptId::Root(h),
            Err(_) => ReceiptId::Opaque(text.into()),
        }
    }

    /// The root, when the id is one.
    ///
    /// ```
    /// use pacspace_proof::Hash32;
    /// use pacspace_proof::receipt::wire::ReceiptId;
    /// assert_eq!(ReceiptId::Root(Hash32::ZERO).root(), Some(Hash32::ZERO));
    /// ```
    pub fn root(&self) -> Option<Hash32> {
        match self {
            ReceiptId::Root(h) => Some(*h),
            ReceiptId::Opaque(_) => None,
        }
    }
}

impl fmt::Display for ReceiptId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReceiptId::Root(h) => h.fmt(f),
            ReceiptId::Opaque(s) => f.write_str(s),
        }
    }
}

impl Serialize for ReceiptId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ReceiptId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Ok(ReceiptId::parse(&text))
    }
}
