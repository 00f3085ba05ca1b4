//! Verification reports: every check by name with its outcome, the node
//! encoding and delta→item mapping that were used, and one verdict.

use crate::receipt::{Basis, Check, EncodingFinding, Failure, MappingFinding, Outcome, Verdict};
use crate::{ItemMapping, Level, NodeEncoding};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use serde::Serialize;

/// Which artefact a report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ArtefactKind {
    /// `POST /api/v1/balance/delta` answer.
    Emit,
    /// `POST /api/v1/balance/delta/batch` answer.
    Batch,
    /// `GET /api/v1/balance/delta/:anchorId` answer.
    DeltaStatus,
    /// A webhook event.
    Webhook,
    /// The public verify endpoint's answer.
    VerifyAnswer,
}

impl fmt::Display for ArtefactKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ArtefactKind::Emit => "emit response",
            ArtefactKind::Batch => "batch response",
            ArtefactKind::DeltaStatus => "delta status answer",
            ArtefactKind::Webhook => "webhook event",
            ArtefactKind::VerifyAnswer => "verify-endpoint answer",
        })
    }
}

/// A verification report.
///
/// ```
/// use pacspace_proof::{Report, Verdict};
/// use pacspace_proof::receipt::ArtefactKind;
/// let r = Report::new(ArtefactKind::Emit);
/// assert_eq!(r.verdict(), Verdict::Unverifiable);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// What was verified.
    pub artefact: ArtefactKind,
    /// The node encoding used for recomputed roots.
    pub node_encoding: NodeEncoding,
    /// How that encoding was chosen.
    pub encoding: EncodingFinding,
    /// The mapping that reproduced each submitted delta's hash.
    pub mappings: Vec<MappingFinding>,
    /// Every check, in order.
    pub checks: Vec<Check>,
    /// Informational notes (e.g. the service's own `verified` flag).
    pub notes: Vec<String>,
}

impl Report {
    /// An empty report for `artefact` (default encoding, nothing checked).
    ///
    /// ```
    /// let r = pacspace_proof::Report::new(pacspace_proof::receipt::ArtefactKind::Batch);
    /// assert!(r.checks.is_empty());
    /// ```
    pub fn new(artefact: ArtefactKind) -> Self {
        Report {
            artefact,
            node_encoding: NodeEncoding::default(),
            encoding: EncodingFinding::NotApplicable,
            mappings: Vec::new(),
            checks: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Verified if no check failed and one passed; not verified if one failed;
    /// unverifiable otherwise.
    ///
    /// ```
    /// use pacspace_proof::{Report, Verdict};
    /// use pacspace_proof::receipt::{ArtefactKind, Failure};
    /// let mut r = Report::new(ArtefactKind::Emit);
    /// r.pass("a", "ok".into());
    /// assert_eq!(r.verdict(), Verdict::Verified);
    /// r.fail("b", Failure::EmptyItemHashes);
    /// assert_eq!(r.verdict(), Verdict::NotVerified);
    /// ```
    pub fn verdict(&self) -> Verdict {
        let mut passed = false;
        for c in &self.checks {
            match c.outcome {
                Outcome::Fail { .. } => return Verdict::NotVerified,
                Outcome::Pass { .. } => passed = true,
                Outcome::NotCheckable { .. } => {}
            }
        }
        if passed {
            Verdict::Verified
        } else {
            Verdict::Unverifiable
        }
    }

    /// Whether the verdict is [`Verdict::Verified`].
    ///
    /// ```
    /// assert!(!pacspace_proof::Report::new(pacspace_proof::receipt::ArtefactKind::Emit).is_verified());
    /// ```
    pub fn is_verified(&self) -> bool {
        self.verdict() == Verdict::Verified
    }

    /// Every failure, in check order.
    ///
    /// ```
    /// use pacspace_proof::Report;
    /// use pacspace_proof::receipt::{ArtefactKind, Failure};
    /// let mut r = Report::new(ArtefactKind::Emit);
    /// r.fail("itemHashes", Failure::EmptyItemHashes);
    /// assert_eq!(r.failures().next(), Some(&Failure::EmptyItemHashes));
    /// ```
    pub fn failures(&self) -> impl Iterator<Item = &Failure> {
        self.checks.iter().filter_map(|c| match &c.outcome {
            Outcome::Fail { failure } => Some(failure),
            _ => None,
        })
    }

    /// Records a passed check.
    ///
    /// ```
    /// let mut r = pacspace_proof::Report::new(pacspace_proof::receipt::ArtefactKind::Emit);
    /// r.pass("itemsRoot", "matches".into());
    /// assert_eq!(r.checks.len(), 1);
    /// ```
    pub fn pass(&mut self, name: &str, detail: String) {
        self.pass_on(Basis::Artefact, name, detail);
    }

    /// Records a passed check resting on `basis` (what was compared).
    ///
    /// ```
    /// use pacspace_proof::{Level, Report};
    /// use pacspace_proof::receipt::{ArtefactKind, Basis};
    /// let mut r = Report::new(ArtefactKind::Emit);
    /// r.pass_on(Basis::Root, "itemsRoot", "recomputed".into());
    /// assert_eq!(r.level(), Level::Consistent);
    /// r.pass_on(Basis::OwnItem, "item hash of delta 0", "reproduced".into());
    /// assert_eq!(r.level(), Level::Verified);
    /// ```
    pub fn pass_on(&mut self, basis: Basis, name: &str, detail: String) {
        self.checks.push(Check {
            name: name.into(),
            basis,
            outcome: Outcome::Pass { detail },
        });
    }

    /// Records a failed check.
    ///
    /// ```
    /// let mut r = pacspace_proof::Report::new(pacspace_proof::receipt::ArtefactKind::Emit);
    /// r.fail("itemHashes", pacspace_proof::receipt::Failure::EmptyItemHashes);
    /// assert!(!r.is_verified());
    /// ```
    pub fn fail(&mut self, name: &str, failure: Failure) {
        self.fail_on(Basis::Artefact, name, failure);
    }

    /// Records a failed check of what `basis` names (the user's delta, a
    /// stored receiptId, the ledger, …).
    ///
    /// ```
    /// use pacspace_proof::Report;
    /// use pacspace_proof::receipt::{ArtefactKind, Basis, Failure};
    /// let mut r = Report::new(ArtefactKind::Emit);
    /// r.fail_on(Basis::OwnReceipt, "stored receipt", Failure::EmptyItemHashes);
    /// assert_eq!(r.checks[0].basis, Basis::OwnReceipt);
    /// ```
    pub fn fail_on(&mut self, basis: Basis, name: &str, failure: Failure) {
        self.checks.push(Check {
            name: name.into(),
            basis,
            outcome: Outcome::Fail { failure },
        });
    }

    /// Records a check that could not be made.
    ///
    /// ```
    /// let mut r = pacspace_proof::Report::new(pacspace_proof::receipt::ArtefactKind::Emit);
    /// r.not_checkable("receiptId", "opaque id rcpt_1".into());
    /// assert_eq!(r.verdict(), pacspace_proof::Verdict::Unverifiable);
    /// ```
    pub fn not_checkable(&mut self, name: &str, why: String) {
        self.not_checkable_on(Basis::Artefact, name, why);
    }

    /// Records a check of what `basis` names that could not be made.
    ///
    /// ```
    /// use pacspace_proof::Report;
    /// use pacspace_proof::receipt::{ArtefactKind, Basis};
    /// let mut r = Report::new(ArtefactKind::Emit);
    /// r.not_checkable_on(Basis::Ledger, "ledger anchor", "no source answered".into());
    /// assert_eq!(r.not_checked(), ["ledger anchor: no source answered", "your own data: no submitted deltas or stored receiptId reproduced an item hash or the root (give the deltas you sent, or the receiptId you stored)"]);
    /// ```
    pub fn not_checkable_on(&mut self, basis: Basis, name: &str, why: String) {
        self.checks.push(Check {
            name: name.into(),
            basis,
            outcome: Outcome::NotCheckable { why },
        });
    }

    /// The assurance level reached: [`Level::NotVerified`] when a check
    /// failed or none passed; [`Level::Verified`] when the user's own data
    /// reproduced the item hash(es) and the root (a submitted delta's hash
    /// found and the root recomputed, the root recomputed from the submitted
    /// deltas themselves, or a stored receiptId equal to the recomputed
    /// root); [`Level::Anchored`] when, on top of that, the root was found
    /// on the public ledger; [`Level::Consistent`] otherwise.
    ///
    /// ```
    /// use pacspace_proof::{Level, Report};
    /// use pacspace_proof::receipt::{ArtefactKind, Basis, Failure};
    /// let mut r = Report::new(ArtefactKind::Webhook);
    /// assert_eq!(r.level(), Level::NotVerified); // nothing checked
    /// r.pass("contentHash in itemHashes", "itemHashes[0]".into());
    /// r.pass_on(Basis::Root, "proofHash", "recomputed".into());
    /// assert_eq!(r.level(), Level::Consistent);
    /// r.pass_on(Basis::OwnReceipt, "stored receipt", "equal".into());
    /// assert_eq!(r.level(), Level::Verified);
    /// r.pass_on(Basis::Ledger, "ledger anchor", "calldata offset 36".into());
    /// assert_eq!(r.level(), Level::Anchored);
    /// r.fail("itemHashes", Failure::EmptyItemHashes);
    /// assert_eq!(r.level(), Level::NotVerified);
    /// ```
    pub fn level(&self) -> Level {
        let (mut any, mut root, mut own_item, mut own_root, mut ledger) = (false, false, false, false, false);
        for c in &self.checks {
            match c.outcome {
                Outcome::Fail { .. } => return Level::NotVerified,
                Outcome::NotCheckable { .. } => continue,
                Outcome::Pass { .. } => {}
            }
            any = true;
            match c.basis {
                Basis::Artefact | Basis::OwnField => {}
                Basis::Root => root = true,
                Basis::OwnItem => own_item = true,
                Basis::OwnRoot | Basis::OwnReceipt => own_root = true,
                Basis::Ledger => ledger = true,
            }
        }
        let verified = own_root || (own_item && root);
        match (any, verified, ledger) {
            (false, _, _) => Level::NotVerified,
            (true, true, true) => Level::Anchored,
            (true, true, false) => Level::Verified,
            (true, false, _) => Level::Consistent,
        }
    }

    /// What this report did not establish, in plain words: the checks that
    /// could not be made, the user's own data when none was compared, and
    /// the public ledger when it was not asked.
    ///
    /// ```
    /// use pacspace_proof::Report;
    /// use pacspace_proof::receipt::{ArtefactKind, Basis};
    /// let mut r = Report::new(ArtefactKind::Emit);
    /// r.pass_on(Basis::Root, "itemsRoot", "recomputed".into());
    /// let missing = r.not_checked();
    /// assert!(missing.iter().any(|m| m.contains("submitted deltas")));
    /// assert!(missing.iter().any(|m| m.contains("ledger")));
    /// ```
    pub fn not_checked(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .checks
            .iter()
            .filter_map(|c| match &c.outcome {
                Outcome::NotCheckable { why } => Some(format!("{}: {why}", c.name)),
                _ => None,
            })
            .collect();
        let passed = |b: fn(Basis) -> bool| {
            self.checks
                .iter()
                .any(|c| matches!(c.outcome, Outcome::Pass { .. }) && b(c.basis))
        };
        if !passed(|b| matches!(b, Basis::OwnItem | Basis::OwnRoot | Basis::OwnReceipt)) {
            out.push(
                "your own data: no submitted deltas or stored receiptId reproduced an item hash or the root \
                 (give the deltas you sent, or the receiptId you stored)"
                    .into(),
            );
        }
        // Once the ledger was asked, its own check (passed, failed or not
        // checkable) says what it established.
        if !self.checks.iter().any(|c| c.basis == Basis::Ledger) {
            out.push("the public ledger: the root was not looked up on the ledger".into());
        }
        out
    }
}

impl Serialize for Report {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Report", 9)?;
        st.serialize_field("artefact", &self.artefact)?;
        st.serialize_field("verdict", &self.verdict())?;
        st.serialize_field("level", &self.level())?;
        st.serialize_field("nodeEncoding", &self.node_encoding)?;
        st.serialize_field("encoding", &self.encoding)?;
        st.serialize_field("mappings", &self.mappings)?;
        st.serialize_field("checks", &self.checks)?;
        st.serialize_field("notes", &self.notes)?;
        st.serialize_field("notChecked", &self.not_checked())?;
        st.end()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: {} (level: {})",
            self.artefact,
            self.verdict(),
            self.level()
        )?;
        writeln!(f, "node encoding: {}", self.encoding_line())?;
        for m in &self.mappings {
            match m.mapping {
                Some(map) => writeln!(f, "item mapping (delta {}): {map}", m.item)?,
                None => writeln!(f, "item mapping (delta {}): none reproduced the hash", m.item)?,
            }
        }
        for c in &self.checks {
            match &c.outcome {
                Outcome::Pass { detail } => writeln!(f, "  ok    {}: {detail}", c.name)?,
                Outcome::Fail { failure } => {
                    // Most failures name their field already: do not repeat it.
                    let text = alloc::string::ToString::to_string(failure);
                    let prefix = alloc::format!("{}: ", c.name);
                    writeln!(
                        f,
                        "  FAIL  {}: {}",
                        c.name,
                        text.strip_prefix(&prefix).unwrap_or(&text)
                    )?
                }
                Outcome::NotCheckable { why } => writeln!(f, "  --    {}: not checkable: {why}", c.name)?,
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

impl Report {
    fn encoding_line(&self) -> alloc::string::String {
        use alloc::format;
        match self.encoding {
            EncodingFinding::Detected(_) | EncodingFinding::NotApplicable => format!("{}", self.encoding),
            _ => format!("{} used; {}", self.node_encoding, self.encoding),
        }
    }
}

impl Serialize for ItemMapping {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use crate::item::{AmountKey, ReferenceIdAbsent};
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("ItemMapping", 5)?;
        st.serialize_field(
            "amountKey",
            match self.amount_key {
                AmountKey::Delta => "delta",
                AmountKey::Amount => "amount",
            },
        )?;
        st.serialize_field(
            "absentReferenceId",
            match self.absent_reference {
                ReferenceIdAbsent::Omit => "omit",
                ReferenceIdAbsent::Null => "null",
            },
        )?;
        st.serialize_field("adjusts", self.adjusts.name())?;
        st.serialize_field("keyOrder", self.canonical.key_order.name())?;
        st.serialize_field("strings", self.canonical.strings.name())?;
        st.end()
    }
}
