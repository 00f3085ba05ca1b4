//! Exactly what did not match in a bundle: one variant per kind of mismatch,
//! each naming the bundle field it blames (`field`), with the values.

use crate::receipt::wire::ReceiptId;
use crate::{Hash32, NodeEncoding};
use alloc::string::String;
use core::fmt;
use serde::Serialize;

/// How a sealed field differs from the seal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SealFinding {
    /// The value was changed.
    Changed,
    /// The field was removed.
    Removed,
    /// A field this version knows was added.
    Added,
    /// The seal's entry for the field was changed.
    EntryChanged,
    /// The seal's entry for the field was removed.
    EntryRemoved,
    /// `seal.root` was changed.
    RootChanged,
}

/// Exactly what did not match, and which field it blames.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum BundleFailure {
    /// The field differs from the seal.
    Sealed {
        /// The field (or seal entry) blamed.
        field: String,
        /// How it differs.
        finding: SealFinding,
    },
    /// `format` is not a version this reader supports.
    Format {
        /// `format`.
        field: String,
        /// Why.
        error: String,
    },
    /// `items` is empty.
    NoItems {
        /// `items`.
        field: String,
    },
    /// A delta cannot be read as a delta.
    DeltaUnreadable {
        /// The delta or its field.
        field: String,
        /// Why.
        error: String,
    },
    /// The delta does not hash to its item hash (which the tree does hold).
    DeltaNotItemHash {
        /// `items[k].delta`.
        field: String,
        /// Its hash under the stated mapping.
        computed: Hash32,
        /// `items[k].itemHash`.
        item_hash: Hash32,
    },
    /// The delta reproduces its item hash only under another item mapping.
    MappingMismatch {
        /// `itemMapping` or one of its keys.
        field: String,
        /// The stated mapping.
        stated: String,
        /// The mapping that reproduces the hash.
        reproduces: String,
    },
    /// The item hash is not the leaf, while the delta hashes to the leaf.
    ItemHashNotLeaf {
        /// `items[k].itemHash`.
        field: String,
        /// The stated item hash.
        item_hash: Hash32,
        /// The leaf the delta reproduces.
        leaf: Hash32,
    },
    /// A listed leaf is not the item hash the delta reproduces.
    LeafNotItem {
        /// `inclusion.itemHashes[i]`.
        field: String,
        /// The listed leaf.
        leaf: Hash32,
        /// The item hash the delta reproduces.
        item_hash: Hash32,
    },
    /// The item is at another leaf position.
    WrongIndex {
        /// `items[k].index`.
        field: String,
        /// The stated index.
        stated: u64,
        /// Where the item is.
        found: u64,
    },
    /// An index is not below the leaf count.
    IndexOutOfRange {
        /// `items[k].index`.
        field: String,
        /// The index.
        index: u64,
        /// The leaf count.
        count: u64,
    },
    /// Two items claim one leaf.
    DuplicateIndex {
        /// `items[k].index`.
        field: String,
        /// The index.
        index: u64,
    },
    /// A count does not match what it counts.
    CountMismatch {
        /// `leafCount`, or the list counted.
        field: String,
        /// The stated count.
        stated: u64,
        /// What the other field gives.
        found: u64,
    },
    /// A path or multi-proof does not have the shape this index and leaf count give.
    PathShape {
        /// The path, one of its steps, or the siblings.
        field: String,
        /// What is wrong.
        error: String,
    },
    /// The root is not reproduced.
    RootMismatch {
        /// `root`, or the hashes blamed.
        field: String,
        /// The stated root.
        claimed: Hash32,
        /// What the items and the inclusion give.
        computed: Hash32,
    },
    /// The root is reproduced only under another node encoding.
    EncodingMismatch {
        /// `nodeEncoding`.
        field: String,
        /// The stated encoding.
        stated: NodeEncoding,
        /// The encoding that reproduces the root.
        reproduces: NodeEncoding,
    },
    /// `receipt.receiptId` is a root other than the bundle's.
    ReceiptIdMismatch {
        /// `receipt.receiptId`.
        field: String,
        /// The root.
        expected: Hash32,
        /// The receiptId.
        found: ReceiptId,
    },
    /// The receipt's status is FAILED.
    StatusFailed {
        /// `receipt.status`.
        field: String,
    },
    /// A recorded ledger answer's body does not have its recorded SHA-256.
    AnswerBody {
        /// `ledger.answers[j]`.
        field: String,
        /// The recorded `bodySha256`.
        recorded: String,
        /// The body's SHA-256 now.
        computed: String,
    },
    /// The ledger evidence names no network or transaction the check knows.
    LedgerField {
        /// `ledger.network` or `ledger.transaction`.
        field: String,
        /// Why it is not one.
        error: String,
    },
    /// The recorded ledger answers hold evidence against the anchor.
    NotAnchored {
        /// `ledger`.
        field: String,
        /// The transaction looked up.
        tx: String,
        /// The ledger checks that failed, in words.
        reason: String,
    },
    /// Several fields of one item disagree; none can be singled out.
    ItemMismatch {
        /// `items[k]`.
        field: String,
        /// The delta's hash.
        computed: Hash32,
        /// The stated item hash.
        item_hash: Hash32,
    },
}

impl BundleFailure {
    /// The field blamed, as a path (`receipt.anchorId`, `items[0].delta`).
    ///
    /// ```
    /// use pacspace_proof::bundle::{BundleFailure, SealFinding};
    /// let f = BundleFailure::Sealed { field: "receipt.anchorId".into(), finding: SealFinding::Changed };
    /// assert_eq!(f.field(), "receipt.anchorId");
    /// ```
    pub fn field(&self) -> &str {
        match self {
            BundleFailure::Sealed { field, .. }
            | BundleFailure::Format { field, .. }
            | BundleFailure::NoItems { field }
            | BundleFailure::DeltaUnreadable { field, .. }
            | BundleFailure::DeltaNotItemHash { field, .. }
            | BundleFailure::MappingMismatch { field, .. }
            | BundleFailure::ItemHashNotLeaf { field, .. }
            | BundleFailure::LeafNotItem { field, .. }
            | BundleFailure::WrongIndex { field, .. }
            | BundleFailure::IndexOutOfRange { field, .. }
            | BundleFailure::DuplicateIndex { field, .. }
            | BundleFailure::CountMismatch { field, .. }
            | BundleFailure::PathShape { field, .. }
            | BundleFailure::RootMismatch { field, .. }
            | BundleFailure::EncodingMismatch { field, .. }
            | BundleFailure::ReceiptIdMismatch { field, .. }
            | BundleFailure::StatusFailed { field }
            | BundleFailure::AnswerBody { field, .. }
            | BundleFailure::LedgerField { field, .. }
            | BundleFailure::NotAnchored { field, .. }
            | BundleFailure::ItemMismatch { field, .. } => field,
        }
    }
}

impl fmt::Display for BundleFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BundleFailure::Sealed { field, finding } => match finding {
                SealFinding::Changed => write!(
                    f,
                    "{field}: changed after the bundle was written (it no longer matches the seal)"
                ),
                SealFinding::Removed => write!(f, "{field}: removed after the bundle was written"),
                SealFinding::Added => write!(f, "{field}: added after the bundle was written"),
                SealFinding::EntryChanged => write!(f, "{field}: the seal's entry was changed"),
                SealFinding::EntryRemoved => write!(f, "{field}: the seal's entry was removed"),
                SealFinding::RootChanged => {
                    write!(f, "{field}: changed (the seal's entries do not hash to it)")
                }
            },
            BundleFailure::Format { error, .. } => f.write_str(error),
            BundleFailure::NoItems { field } => write!(f, "{field}: the bundle proves no item"),
            BundleFailure::DeltaUnreadable { field, error } => write!(f, "{field}: {error}"),
            BundleFailure::DeltaNotItemHash {
                field,
                computed,
                item_hash,
            } => write!(
                f,
                "{field}: the delta as given hashes to {computed}, not to its item hash {item_hash} (no item mapping matched)"
            ),
            BundleFailure::MappingMismatch {
                field,
                stated,
                reproduces,
            } => write!(
                f,
                "{field}: the delta reproduces its item hash under {reproduces}, not under the stated {stated}"
            ),
            BundleFailure::ItemHashNotLeaf {
                field,
                item_hash,
                leaf,
            } => write!(
                f,
                "{field}: {item_hash} is not the leaf {leaf} that the delta hashes to"
            ),
            BundleFailure::LeafNotItem {
                field,
                leaf,
                item_hash,
            } => write!(
                f,
                "{field}: {leaf} is not the item hash {item_hash} that the delta hashes to"
            ),
            BundleFailure::WrongIndex { field, stated, found } => {
                write!(f, "{field}: the item is leaf {found}, not leaf {stated}")
            }
            BundleFailure::IndexOutOfRange { field, index, count } => {
                write!(f, "{field}: leaf {index} is out of range for {count} leaves")
            }
            BundleFailure::DuplicateIndex { field, index } => {
                write!(f, "{field}: leaf {index} is proven twice")
            }
            BundleFailure::CountMismatch { field, stated, found } => {
                write!(f, "{field}: {stated}, where the rest of the bundle gives {found}")
            }
            BundleFailure::PathShape { field, error } => write!(f, "{field}: {error}"),
            BundleFailure::RootMismatch {
                field,
                claimed,
                computed,
            } => write!(f, "{field}: the items reach {computed}, not the root {claimed}"),
            BundleFailure::EncodingMismatch {
                field,
                stated,
                reproduces,
            } => write!(
                f,
                "{field}: the root is reproduced under node encoding {reproduces}, not under the stated {stated}"
            ),
            BundleFailure::ReceiptIdMismatch {
                field,
                expected,
                found,
            } => write!(f, "{field}: {found} is not the root {expected}"),
            BundleFailure::StatusFailed { field } => write!(f, "{field}: the service reports FAILED"),
            BundleFailure::AnswerBody {
                field,
                recorded,
                computed,
            } => write!(
                f,
                "{field}: the body's SHA-256 is {computed}, not the recorded {recorded} (changed after it was recorded)"
            ),
            BundleFailure::LedgerField { field, error } => write!(f, "{field}: {error}"),
            BundleFailure::NotAnchored { field, tx, reason } => {
                write!(f, "{field}: not anchored in transaction {tx}: {reason}")
            }
            BundleFailure::ItemMismatch {
                field,
                computed,
                item_hash,
            } => write!(
                f,
                "{field}: neither the delta (hashing to {computed}) nor the item hash {item_hash} is the leaf"
            ),
        }
    }
}
