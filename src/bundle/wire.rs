//! The bundle's JSON, as serde types (`docs/schema/bundle-v1.json`).
//!
//! Every object keeps the fields it does not know in `extra` and writes them
//! back: reading and writing a bundle is lossless, which the seal relies on.

use crate::bundle::{LedgerEvidence, Seal};
use crate::item::{AmountKey, ReferenceIdAbsent};
use crate::receipt::wire::{Extra, ReceiptId, Status};
use crate::tree::Side;
use crate::{Hash32, ItemMapping, NodeEncoding};
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A proof bundle. Read one with [`Bundle::from_json`], write one with
/// [`Bundle::to_json`], check one with [`crate::bundle::verify`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Bundle {
    /// `pacspace-proof-bundle/v1` (a newer minor version reads too).
    pub format: String,
    /// The receipt the items were checked against.
    pub receipt: ReceiptFields,
    /// The itemsRoot of the receipt's leaves.
    pub root: Hash32,
    /// Number of leaves under the root.
    pub leaf_count: u64,
    /// How internal nodes join their children.
    pub node_encoding: NodeEncoding,
    /// How a delta becomes the hashed item.
    pub item_mapping: BundleMapping,
    /// The proven items, by leaf index.
    pub items: Vec<BundleItem>,
    /// How the items reach the root.
    pub inclusion: Inclusion,
    /// Recorded answers of ledger sources about the root's transaction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ledger: Option<LedgerEvidence>,
    /// What wrote the bundle (informational).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// Digests of every field as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seal: Option<Seal>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Which artefact the receipt fields come from.
///
/// ```
/// use pacspace_proof::bundle::SourceKind;
/// let k: SourceKind = serde_json::from_str("\"webhook\"").unwrap();
/// assert_eq!(k, SourceKind::Webhook);
/// assert_eq!(serde_json::to_string(&SourceKind::Other("x".into())).unwrap(), "\"x\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceKind {
    /// An emit response.
    Emit,
    /// A batch response.
    Batch,
    /// A delta status answer.
    DeltaStatus,
    /// A verify-endpoint answer.
    VerifyAnswer,
    /// A webhook event.
    Webhook,
    /// A kind a newer version wrote, kept as written.
    Other(String),
}

impl SourceKind {
    /// The name on the wire.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::bundle::SourceKind::DeltaStatus.as_str(), "deltaStatus");
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            SourceKind::Emit => "emit",
            SourceKind::Batch => "batch",
            SourceKind::DeltaStatus => "deltaStatus",
            SourceKind::VerifyAnswer => "verifyAnswer",
            SourceKind::Webhook => "webhook",
            SourceKind::Other(s) => s,
        }
    }

    /// What the artefact is, in words.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::bundle::SourceKind::Emit.describe(), "emit response");
    /// ```
    pub fn describe(&self) -> &str {
        match self {
            SourceKind::Emit => "emit response",
            SourceKind::Batch => "batch response",
            SourceKind::DeltaStatus => "delta status answer",
            SourceKind::VerifyAnswer => "verify-endpoint answer",
            SourceKind::Webhook => "webhook event",
            SourceKind::Other(s) => s,
        }
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for SourceKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl SourceKind {
    /// The kind named `text` (another name is kept as [`SourceKind::Other`]).
    ///
    /// ```
    /// use pacspace_proof::bundle::SourceKind;
    /// assert_eq!(SourceKind::from_name("webhook".into()), SourceKind::Webhook);
    /// assert_eq!(SourceKind::from_name("fax".into()), SourceKind::Other("fax".into()));
    /// ```
    pub fn from_name(text: String) -> Self {
        match text.as_str() {
            "emit" => SourceKind::Emit,
            "batch" => SourceKind::Batch,
            "deltaStatus" => SourceKind::DeltaStatus,
            "verifyAnswer" => SourceKind::VerifyAnswer,
            "webhook" => SourceKind::Webhook,
            _ => SourceKind::Other(text),
        }
    }
}

impl<'de> Deserialize<'de> for SourceKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(SourceKind::from_name(String::deserialize(d)?))
    }
}

impl<'de> Deserialize<'de> for Bundle {
    /// Through a parsed value and [`Bundle::from_value`]: the format is
    /// checked first and a malformed field is named.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        Bundle::from_value(&v).map_err(serde::de::Error::custom)
    }
}

/// The receipt fields the items were checked against.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptFields {
    /// Which artefact they come from.
    pub source: SourceKind,
    /// `receiptId` (`proofHash` of a webhook, `proofRoot` of a verify answer).
    pub receipt_id: ReceiptId,
    /// `anchorId`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor_id: Option<String>,
    /// `receivedAt`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub received_at: Option<String>,
    /// `status` as the artefact gave it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// `previousProofHash` (webhook events): the tenant's receipt before this one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_proof_hash: Option<ReceiptId>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One proven item.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleItem {
    /// Leaf position, from 0.
    pub index: u64,
    /// The item hash the delta must reproduce.
    pub item_hash: Hash32,
    /// The delta exactly as submitted.
    pub delta: Value,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The item mapping on the wire: `{"amountKey":"delta"|"amount","absentReferenceId":"omit"|"null"}`.
///
/// ```
/// use pacspace_proof::ItemMapping;
/// use pacspace_proof::bundle::BundleMapping;
/// let m = BundleMapping::from(ItemMapping::default());
/// assert_eq!(serde_json::to_string(&m).unwrap(), r#"{"amountKey":"delta","absentReferenceId":"omit"}"#);
/// assert_eq!(BundleMapping::from(ItemMapping::ALL[3]).mapping(), ItemMapping::ALL[3]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleMapping {
    /// Key of the amount.
    pub amount_key: AmountKeyName,
    /// Treatment of an absent referenceId.
    pub absent_reference_id: AbsentName,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// [`AmountKey`] on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum AmountKeyName {
    /// `"delta"`.
    Delta,
    /// `"amount"`.
    Amount,
}

/// [`ReferenceIdAbsent`] on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum AbsentName {
    /// `"omit"`.
    Omit,
    /// `"null"`.
    Null,
}

impl BundleMapping {
    /// The library's mapping.
    ///
    /// ```
    /// let m = pacspace_proof::bundle::BundleMapping::from(pacspace_proof::ItemMapping::default());
    /// assert_eq!(serde_json::to_string(&m).unwrap(), r#"{"amountKey":"delta","absentReferenceId":"omit"}"#);
    /// ```
    pub fn mapping(&self) -> ItemMapping {
        ItemMapping::documented(
            match self.amount_key {
                AmountKeyName::Delta => AmountKey::Delta,
                AmountKeyName::Amount => AmountKey::Amount,
            },
            match self.absent_reference_id {
                AbsentName::Omit => ReferenceIdAbsent::Omit,
                AbsentName::Null => ReferenceIdAbsent::Null,
            },
        )
    }
}

impl From<ItemMapping> for BundleMapping {
    fn from(m: ItemMapping) -> Self {
        BundleMapping {
            amount_key: match m.amount_key {
                AmountKey::Delta => AmountKeyName::Delta,
                AmountKey::Amount => AmountKeyName::Amount,
            },
            absent_reference_id: match m.absent_reference {
                ReferenceIdAbsent::Omit => AbsentName::Omit,
                ReferenceIdAbsent::Null => AbsentName::Null,
            },
            extra: Extra::new(),
        }
    }
}

/// How the items reach the root: the whole list of leaves, one path, or a
/// multi-proof's siblings (see [`crate::tree::MultiProof`] for their order).
/// Index, leaf count, item hash(es), root and node encoding come from the
/// bundle's own fields, so each is written once. On the wire:
/// `{"kind":"itemHashes","itemHashes":[…]}`, `{"kind":"path","path":[{hash,position},…]}`
/// or `{"kind":"multiProof","siblings":[…]}`.
///
/// ```
/// use pacspace_proof::bundle::Inclusion;
/// let mut extra = serde_json::Map::new();
/// extra.insert("note".into(), 1.into());
/// let i = Inclusion::MultiProof { siblings: vec![], extra };
/// assert_eq!(serde_json::to_string(&i).unwrap(), r#"{"kind":"multiProof","siblings":[],"note":1}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(into = "InclusionWire")]
pub enum Inclusion {
    /// Every leaf of the receipt, in order.
    ItemHashes {
        /// The receipt's item hashes.
        item_hashes: Vec<Hash32>,
        /// Unknown fields.
        extra: Extra,
    },
    /// The sibling path of the one item, leaf level first.
    Path {
        /// The siblings with their sides.
        path: Vec<WireStep>,
        /// Unknown fields.
        extra: Extra,
    },
    /// The siblings several items need, each once.
    MultiProof {
        /// Leaf level first, left to right within a level.
        siblings: Vec<Hash32>,
        /// Unknown fields.
        extra: Extra,
    },
}

/// [`Inclusion`] as one flat object (a plain struct reads and writes with
/// far less code than a tagged enum).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct InclusionWire {
    kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    item_hashes: Option<Vec<Hash32>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<Vec<WireStep>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    siblings: Option<Vec<Hash32>>,
    #[serde(flatten)]
    extra: Extra,
}

impl From<Inclusion> for InclusionWire {
    fn from(i: Inclusion) -> Self {
        let mut w = InclusionWire {
            kind: String::new(),
            item_hashes: None,
            path: None,
            siblings: None,
            extra: Extra::new(),
        };
        match i {
            Inclusion::ItemHashes { item_hashes, extra } => {
                w.kind = "itemHashes".into();
                w.item_hashes = Some(item_hashes);
                w.extra = extra;
            }
            Inclusion::Path { path, extra } => {
                w.kind = "path".into();
                w.path = Some(path);
                w.extra = extra;
            }
            Inclusion::MultiProof { siblings, extra } => {
                w.kind = "multiProof".into();
                w.siblings = Some(siblings);
                w.extra = extra;
            }
        }
        w
    }
}

impl Inclusion {
    /// The field path of the list that carries the hashes.
    pub(crate) fn list_field(&self) -> &'static str {
        match self {
            Inclusion::ItemHashes { .. } => "inclusion.itemHashes",
            Inclusion::Path { .. } => "inclusion.path",
            Inclusion::MultiProof { .. } => "inclusion.siblings",
        }
    }
}

/// One step of a path: [`crate::tree::PathStep`] on the wire, keeping unknown fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WireStep {
    /// The sibling's hash.
    pub hash: Hash32,
    /// Which side the sibling sits on.
    pub position: Side,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: Extra,
}

impl WireStep {
    /// The library's path step.
    ///
    /// ```
    /// use pacspace_proof::Hash32;
    /// use pacspace_proof::bundle::WireStep;
    /// use pacspace_proof::tree::Side;
    /// let s = WireStep { hash: Hash32::ZERO, position: Side::Left, extra: Default::default() };
    /// assert_eq!(s.step().position, Side::Left);
    /// ```
    pub fn step(&self) -> crate::tree::PathStep {
        crate::tree::PathStep {
            hash: self.hash,
            position: self.position,
        }
    }
}
