//! A bundle's verification report: every check with the field it is about,
//! the bundle's contents for display, one verdict and one assurance level,
//! decided as for receipts ([`crate::Report::level`]).

use crate::bundle::{Bundle, BundleFailure, BundleItem, BundleMapping, ItemPath, ReceiptFields};
use crate::ledger::AnchorReport;
use crate::receipt::{Basis, Verdict};
use crate::{Hash32, Level, NodeEncoding};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use serde::Serialize;

/// The outcome of one check.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "camelCase")]
pub enum BundleOutcome {
    /// Passed; `detail` says what matched.
    Pass {
        /// What matched.
        detail: String,
    },
    /// Failed.
    Fail {
        /// What did not match.
        failure: BundleFailure,
    },
    /// Could not be made.
    NotCheckable {
        /// Why not.
        why: String,
    },
}

/// One named check about one field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BundleCheck {
    /// What was checked.
    pub name: String,
    /// The field it is about (a failure names the field it blames).
    pub field: String,
    /// What a pass compared.
    pub basis: Basis,
    /// How it went.
    #[serde(flatten)]
    pub outcome: BundleOutcome,
}

/// The ledger evidence in a report: where and when each source was asked,
/// without the bodies.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerSummary {
    /// The network.
    pub network: String,
    /// The transaction.
    pub transaction: String,
    /// Where and when each source was asked.
    pub answers: Vec<AnswerSummary>,
}

/// One recorded answer, without its body.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerSummary {
    /// `mirror` or `rpc`.
    pub kind: String,
    /// The URL asked.
    pub url: String,
    /// When it was asked.
    pub asked_at: String,
    /// The HTTP status.
    pub status: Option<u16>,
    /// The body's recorded SHA-256.
    pub body_sha256: String,
}

/// A bundle's verification report.
///
/// ```
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/bundles/v1/emit-one.json")).unwrap();
/// let r = pacspace_proof::bundle::verify(&pacspace_proof::bundle::Bundle::from_json(&text).unwrap());
/// let json = serde_json::to_value(&r).unwrap();
/// assert_eq!((json["verdict"].as_str(), json["level"].as_str()), (Some("verified"), Some("verified")));
/// assert!(json["notChecked"].as_array().unwrap().iter().any(|m| m.as_str().unwrap().contains("ledger")));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BundleReport {
    /// The bundle's `format`.
    pub format: String,
    /// The receipt fields.
    pub receipt: ReceiptFields,
    /// The root.
    pub root: Hash32,
    /// The leaf count.
    pub leaf_count: u64,
    /// The node encoding.
    pub node_encoding: NodeEncoding,
    /// The item mapping.
    pub item_mapping: BundleMapping,
    /// The items as the bundle states them.
    pub items: Vec<BundleItem>,
    /// Each item's path to the root, as far as the bundle gives it.
    pub paths: Vec<ItemPath>,
    /// The ledger evidence, if any.
    pub ledger: Option<LedgerSummary>,
    /// Every check, in order.
    pub checks: Vec<BundleCheck>,
    /// Informational notes.
    pub notes: Vec<String>,
    /// The ledger's decision from the recorded answers the bundle carries
    /// ([`crate::ledger::decide`]), when it carries ledger evidence that
    /// could be put to it.
    pub anchor: Option<AnchorReport>,
    /// The root the items reached, when it was recomputed.
    pub(crate) recomputed_root: Option<Hash32>,
}

impl BundleReport {
    /// An empty report about `b`.
    pub(crate) fn new(b: &Bundle) -> Self {
        let ledger = b.ledger.as_ref().map(|l| LedgerSummary {
            network: l.network.clone(),
            transaction: l.transaction.clone(),
            answers: l
                .answers
                .iter()
                .map(|a| AnswerSummary {
                    kind: alloc::string::ToString::to_string(&a.answer.kind),
                    url: a.answer.url.clone(),
                    asked_at: a.answer.asked_at.clone(),
                    status: a.answer.status,
                    body_sha256: a.answer.body_sha256.clone(),
                })
                .collect(),
        });
        BundleReport {
            format: b.format.clone(),
            receipt: b.receipt.clone(),
            root: b.root,
            leaf_count: b.leaf_count,
            node_encoding: b.node_encoding,
            item_mapping: b.item_mapping.clone(),
            items: b.items.clone(),
            paths: Vec::new(),
            ledger,
            checks: Vec::new(),
            notes: Vec::new(),
            anchor: None,
            recomputed_root: None,
        }
    }

    pub(crate) fn pass_on(&mut self, basis: Basis, name: &str, field: &str, detail: String) {
        self.checks.push(BundleCheck {
            name: name.into(),
            field: field.into(),
            basis,
            outcome: BundleOutcome::Pass { detail },
        });
    }

    pub(crate) fn fail(&mut self, name: &str, failure: BundleFailure) {
        self.checks.push(BundleCheck {
            name: name.into(),
            field: failure.field().into(),
            basis: Basis::Artefact,
            outcome: BundleOutcome::Fail { failure },
        });
    }

    pub(crate) fn not_checkable(&mut self, name: &str, field: &str, why: String) {
        self.checks.push(BundleCheck {
            name: name.into(),
            field: field.into(),
            basis: Basis::Artefact,
            outcome: BundleOutcome::NotCheckable { why },
        });
    }

    /// Every failure, in check order.
    ///
    /// ```
    /// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/bundles/v1/emit-one.json")).unwrap();
    /// let r = pacspace_proof::bundle::verify(&pacspace_proof::bundle::Bundle::from_json(&text).unwrap());
    /// assert_eq!(r.failures().count(), 0);
    /// ```
    pub fn failures(&self) -> impl Iterator<Item = &BundleFailure> {
        self.checks.iter().filter_map(|c| match &c.outcome {
            BundleOutcome::Fail { failure } => Some(failure),
            _ => None,
        })
    }

    fn passed(&self, basis: impl Fn(Basis) -> bool) -> bool {
        self.checks
            .iter()
            .any(|c| matches!(c.outcome, BundleOutcome::Pass { .. }) && basis(c.basis))
    }

    /// Verified if no check failed and one passed; not verified if one
    /// failed; unverifiable otherwise.
    ///
    /// ```
    /// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/bundles/v1/emit-one.json")).unwrap();
    /// let r = pacspace_proof::bundle::verify(&pacspace_proof::bundle::Bundle::from_json(&text).unwrap());
    /// assert_eq!(r.verdict(), pacspace_proof::Verdict::Verified);
    /// ```
    pub fn verdict(&self) -> Verdict {
        if self.failures().next().is_some() {
            Verdict::NotVerified
        } else if self.passed(|_| true) {
            Verdict::Verified
        } else {
            Verdict::Unverifiable
        }
    }

    /// The level reached, by the rule of [`crate::Report::level`]: a failure
    /// is `not_verified`; the items' own deltas reproducing their item hashes
    /// together with the root recomputed is `verified`; the ledger on top of
    /// that `anchored`; anything else that passed `consistent`.
    ///
    /// ```
    /// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/bundles/v1/emit-one.json")).unwrap();
    /// let r = pacspace_proof::bundle::verify(&pacspace_proof::bundle::Bundle::from_json(&text).unwrap());
    /// assert_eq!(r.level(), pacspace_proof::Level::Verified);
    /// ```
    pub fn level(&self) -> Level {
        if self.failures().next().is_some() || !self.passed(|_| true) {
            return Level::NotVerified;
        }
        let verified = self.passed(|b| matches!(b, Basis::OwnRoot | Basis::OwnReceipt))
            || (self.passed(|b| b == Basis::OwnItem) && self.passed(|b| b == Basis::Root));
        match (verified, self.passed(|b| b == Basis::Ledger)) {
            (true, true) => Level::Anchored,
            (true, false) => Level::Verified,
            (false, _) => Level::Consistent,
        }
    }

    /// What the report did not check, in plain words: the checks that could
    /// not be made, the items when no delta in the bundle reproduced its item
    /// hash, and the public ledger when it was not asked (no recorded answers,
    /// or answers that could not be put to the decision). A failed check is
    /// not listed: it says itself what did not match.
    ///
    /// ```
    /// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/bundles/v1/emit-one.json")).unwrap();
    /// let r = pacspace_proof::bundle::verify(&pacspace_proof::bundle::Bundle::from_json(&text).unwrap());
    /// assert!(r.not_checked().iter().any(|m| m.starts_with("the public ledger")));
    /// ```
    pub fn not_checked(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .checks
            .iter()
            .filter_map(|c| match &c.outcome {
                BundleOutcome::NotCheckable { why } => Some(format!("{}: {why}", c.name)),
                _ => None,
            })
            .collect();
        if !self.passed(|b| matches!(b, Basis::OwnItem | Basis::OwnRoot | Basis::OwnReceipt)) {
            out.push("the items: no delta in the bundle reproduced its item hash and the root".into());
        }
        // Once the ledger decided from the recorded answers, its own check
        // (passed, failed or not checkable) says what it established; a
        // decision not made is named, with why.
        let decided = self.anchor.is_some()
            || self.checks.iter().any(|c| {
                c.name == crate::bundle::anchor::CHECK
                    && matches!(c.outcome, BundleOutcome::NotCheckable { .. })
            });
        if !decided {
            let unreadable = self.checks.iter().find_map(|c| match &c.outcome {
                BundleOutcome::Fail { failure } if c.name == crate::bundle::anchor::CHECK => {
                    Some(failure.field())
                }
                _ => None,
            });
            out.push(match (&self.ledger, unreadable) {
                (None, _) => "the public ledger: the bundle carries no recorded ledger answers, so whether the root \
                     is in a ledger transaction was not checked"
                    .into(),
                (Some(_), Some(field)) => format!(
                    "the public ledger: the recorded answers were not put to the ledger decision ({field} cannot be \
                     read), so whether the root is in a ledger transaction was not checked"
                ),
                (Some(_), None) => "the public ledger: the recorded answers were not put to the ledger decision".into(),
            });
        }
        out
    }
}

impl Serialize for BundleReport {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("BundleReport", 15)?;
        st.serialize_field("format", &self.format)?;
        st.serialize_field("verdict", &self.verdict())?;
        st.serialize_field("level", &self.level())?;
        st.serialize_field("receipt", &self.receipt)?;
        st.serialize_field("root", &self.root)?;
        st.serialize_field("leafCount", &self.leaf_count)?;
        st.serialize_field("nodeEncoding", &self.node_encoding)?;
        st.serialize_field("itemMapping", &self.item_mapping)?;
        st.serialize_field("items", &self.items)?;
        st.serialize_field("paths", &self.paths)?;
        st.serialize_field("ledger", &self.ledger)?;
        st.serialize_field("checks", &self.checks)?;
        st.serialize_field("notes", &self.notes)?;
        st.serialize_field("notChecked", &self.not_checked())?;
        if let Some(anchor) = &self.anchor {
            st.serialize_field("anchor", anchor)?;
        }
        st.end()
    }
}

impl fmt::Display for BundleReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "proof bundle ({}), receipt {} ({}): {} (level: {})",
            self.format,
            self.receipt.receipt_id,
            self.receipt.source.describe(),
            self.verdict(),
            self.level()
        )?;
        for (label, value) in [
            ("anchorId", self.receipt.anchor_id.as_deref()),
            ("receivedAt", self.receipt.received_at.as_deref()),
            ("status", self.receipt.status.as_ref().map(|s| s.as_str())),
        ] {
            if let Some(v) = value {
                writeln!(f, "{label}: {v}")?;
            }
        }
        for item in &self.items {
            let delta = crate::canonical_json(&item.delta).unwrap_or_default();
            writeln!(f, "item: leaf {} of {}: {delta}", item.index, self.leaf_count)?;
        }
        writeln!(
            f,
            "node encoding: {}; item mapping: {}",
            self.node_encoding,
            self.item_mapping.mapping()
        )?;
        for c in &self.checks {
            match &c.outcome {
                BundleOutcome::Pass { detail } => writeln!(f, "  ok    {}: {detail}", c.name)?,
                BundleOutcome::Fail { failure } => writeln!(f, "  FAIL  {}: {failure}", c.name)?,
                BundleOutcome::NotCheckable { why } => {
                    writeln!(f, "  --    {}: not checkable: {why}", c.name)?
                }
            }
        }
        for n in &self.notes {
            writeln!(f, "note: {n}")?;
        }
        for n in self.not_checked() {
            writeln!(f, "not checked: {n}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Report;
    use crate::receipt::{ArtefactKind, Failure};

    const BASES: [Basis; 7] = [
        Basis::Artefact,
        Basis::Root,
        Basis::OwnItem,
        Basis::OwnRoot,
        Basis::OwnReceipt,
        Basis::OwnField,
        Basis::Ledger,
    ];

    /// The level follows the receipts' rule for every combination of passed checks.
    #[test]
    fn level_is_decided_as_for_receipts() {
        let text = include_str!("../../tests/data/bundles/v1/emit-one.json");
        let bundle = Bundle::from_json(text).unwrap();
        for mask in 0u32..(1 << BASES.len()) {
            for failed in [false, true] {
                let mut receipt = Report::new(ArtefactKind::Emit);
                let mut b = BundleReport::new(&bundle);
                for (i, basis) in BASES.iter().enumerate() {
                    if mask & (1 << i) != 0 {
                        receipt.pass_on(*basis, "x", "y".into());
                        b.pass_on(*basis, "x", "x", "y".into());
                    }
                }
                receipt.not_checkable("z", "why".into());
                b.not_checkable("z", "z", "why".into());
                if failed {
                    receipt.fail("f", Failure::EmptyItemHashes);
                    b.fail(
                        "f",
                        BundleFailure::NoItems {
                            field: "items".into(),
                        },
                    );
                }
                assert_eq!(b.level(), receipt.level(), "mask {mask:b} failed {failed}");
                assert_eq!(b.verdict(), receipt.verdict(), "mask {mask:b} failed {failed}");
            }
        }
    }
}
