//! The ledger-anchor report: verdict, what was found where, every source's
//! answer with its evidence, and every check by name.

use super::answers::SourceKind;
use super::evidence::TimeKind;
use super::find::Location;
use super::hexfield::EvmAddress;
use super::network::Network;
use crate::Hash32;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use serde::Serialize;

/// The anchor verdict.
///
/// ```
/// use pacspace_proof::ledger::AnchorVerdict;
/// assert_eq!(AnchorVerdict::NotAnchored.to_string(), "not_anchored");
/// assert_eq!(AnchorVerdict::Undetermined.exit_code(), 3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnchorVerdict {
    /// The root's bytes are in the successful transaction, as every answering source agrees.
    Anchored,
    /// Evidence against: absent, failed or unknown transaction, sources
    /// disagreeing, wrong contract, too early.
    NotAnchored,
    /// Fewer sources answered than required: nothing can be concluded.
    Undetermined,
}

impl AnchorVerdict {
    /// The command-line exit code: 0 anchored, 1 not anchored, 3 undetermined.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::ledger::AnchorVerdict::Anchored.exit_code(), 0);
    /// ```
    pub const fn exit_code(self) -> u8 {
        match self {
            AnchorVerdict::Anchored => 0,
            AnchorVerdict::NotAnchored => 1,
            AnchorVerdict::Undetermined => 3,
        }
    }
}

impl fmt::Display for AnchorVerdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AnchorVerdict::Anchored => "anchored",
            AnchorVerdict::NotAnchored => "not_anchored",
            AnchorVerdict::Undetermined => "undetermined",
        })
    }
}

/// How a check went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CheckOutcome {
    /// Passed.
    Pass,
    /// Failed: evidence against the anchor.
    Fail,
    /// Not made (no input for it, or an earlier check decided).
    NotChecked,
}

/// One named check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnchorCheck {
    /// What was checked: `quorum`, `agreement`, `transactionKnown`,
    /// `transactionSucceeded`, `rootFound`, `contract`, `chainId`, `notBefore`, `input`.
    pub name: String,
    /// How it went.
    pub outcome: CheckOutcome,
    /// What was found.
    pub detail: String,
}

/// One recorded request and answer, identified for evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerRef {
    /// The JSON-RPC method (rpc only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// When it was asked (RFC 3339).
    pub asked_at: String,
    /// HTTP status, `None` when no HTTP answer came.
    pub status: Option<u16>,
    /// SHA-256 of the raw body.
    pub body_sha256: String,
    /// Why no HTTP answer came.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// What one source said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceReport {
    /// Mirror node or JSON-RPC.
    pub kind: SourceKind,
    /// The URL asked.
    pub url: String,
    /// Whether it answered (the transaction, or "no such transaction").
    pub answered: bool,
    /// Whether the root's bytes are in the transaction as it reported it
    /// (`None` when it did not answer).
    pub found: Option<bool>,
    /// `calldata`, `topic` or `logdata` of the first place found.
    #[serde(rename = "where")]
    pub where_: Option<&'static str>,
    /// The first place found, exactly.
    pub location: Option<Location>,
    /// HTTP status of its first answer.
    pub status: Option<u16>,
    /// When it was first asked.
    pub asked_at: Option<String>,
    /// SHA-256 of its first answer's raw body.
    pub body_sha256: Option<String>,
    /// What it said, in words (or why it gave no usable answer).
    pub reading: String,
    /// Every request made to it.
    pub answers: Vec<AnswerRef>,
}

/// One side of a disagreement between two sources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DisagreementSide {
    /// The source's kind.
    pub kind: SourceKind,
    /// The source's URL.
    pub url: String,
    /// Its value of the disputed field.
    pub value: String,
    /// Its answers (when asked, status, SHA-256 of each raw body).
    pub answers: Vec<AnswerRef>,
}

/// Two answering sources that said different things.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    /// The disputed field: `transaction`, `success`, `found`, `to`,
    /// `blockNumber`, `time`, `chainId`.
    pub field: &'static str,
    /// The first answering source, then the one that differs.
    pub sides: [DisagreementSide; 2],
}

/// The outcome of a ledger-anchor check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnchorReport {
    /// The verdict.
    pub verdict: AnchorVerdict,
    /// The root looked for.
    pub root: Hash32,
    /// The transaction reference (normalised when it parsed).
    pub tx: String,
    /// The network.
    pub network: Network,
    /// Its chain id.
    pub chain_id: u64,
    /// The consensus time as `seconds.nanos` (a block's time when only
    /// JSON-RPC sources answered: see `timeKind`).
    pub consensus_timestamp: Option<String>,
    /// The same instant in RFC 3339.
    pub consensus_time: Option<String>,
    /// Which time it is.
    pub time_kind: Option<TimeKind>,
    /// The address the transaction was sent to.
    pub to: Option<EvmAddress>,
    /// Its block number.
    pub block_number: Option<u64>,
    /// The first place the root's bytes were found.
    pub location: Option<Location>,
    /// What was found, in words.
    pub finding: Option<String>,
    /// How many sources had to answer.
    pub min_sources: usize,
    /// How many did.
    pub sources_answered: usize,
    /// Every source.
    pub sources: Vec<SourceReport>,
    /// Every check.
    pub checks: Vec<AnchorCheck>,
    /// Sources that disagreed, with their answers as evidence.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub disagreements: Vec<Disagreement>,
    /// When undetermined: what to look up by hand.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub look_up_by_hand: Option<String>,
}

impl AnchorReport {
    /// The report as JSON.
    ///
    /// ```
    /// use pacspace_proof::{Hash32, ledger::{decide, AnchorPolicy, Network}};
    /// let r = decide(&Hash32::ZERO, "0.0.5-1700000000-000000001", &[], &AnchorPolicy::new(Network::Testnet));
    /// assert!(r.to_json().contains(r#""verdict":"undetermined""#));
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The checks that failed.
    ///
    /// ```
    /// use pacspace_proof::{Hash32, ledger::{decide, AnchorPolicy, Network}};
    /// let r = decide(&Hash32::ZERO, "0.0.5-1700000000-000000001", &[], &AnchorPolicy::new(Network::Testnet));
    /// assert_eq!(r.failed_checks().next().map(|c| c.name.as_str()), Some("quorum"));
    /// ```
    pub fn failed_checks(&self) -> impl Iterator<Item = &AnchorCheck> {
        self.checks.iter().filter(|c| c.outcome == CheckOutcome::Fail)
    }
}

fn side(f: &mut fmt::Formatter<'_>, s: &DisagreementSide) -> fmt::Result {
    writeln!(f, "      {} {} says {}", s.kind, s.url, s.value)?;
    for a in &s.answers {
        let method = a
            .method
            .as_deref()
            .map(|m| alloc::format!("{m}, "))
            .unwrap_or_default();
        let status = a
            .status
            .map(|c| alloc::format!("HTTP {c}"))
            .unwrap_or_else(|| "no answer".into());
        writeln!(
            f,
            "        {method}asked {}, {status}, body sha256 {}",
            a.asked_at, a.body_sha256
        )?;
    }
    Ok(())
}

impl fmt::Display for AnchorReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "ledger anchor: {}", self.verdict)?;
        writeln!(f, "  root         {}", self.root)?;
        writeln!(
            f,
            "  transaction  {} on Hedera {} (chain id {})",
            self.tx, self.network, self.chain_id
        )?;
        if let Some(finding) = &self.finding {
            writeln!(f, "  found        {finding}")?;
        }
        if let (Some(t), Some(ts)) = (&self.consensus_time, &self.consensus_timestamp) {
            let kind = match self.time_kind {
                Some(TimeKind::Block) => " (block time)",
                _ => "",
            };
            writeln!(f, "  consensus    {t} ({ts}){kind}")?;
        }
        if let Some(to) = &self.to {
            writeln!(f, "  to           {to}")?;
        }
        if let Some(b) = self.block_number {
            writeln!(f, "  block        {b}")?;
        }
        writeln!(
            f,
            "  sources      {} of {} answered ({} needed)",
            self.sources_answered,
            self.sources.len(),
            self.min_sources
        )?;
        for s in &self.sources {
            writeln!(f, "    {} {}: {}", s.kind, s.url, s.reading)?;
        }
        for c in &self.checks {
            let tag = match c.outcome {
                CheckOutcome::Pass => "ok  ",
                CheckOutcome::Fail => "FAIL",
                CheckOutcome::NotChecked => "--  ",
            };
            writeln!(f, "  {tag}  {}: {}", c.name, c.detail)?;
        }
        for d in &self.disagreements {
            writeln!(f, "  disagreement on {}:", d.field)?;
            for s in &d.sides {
                side(f, s)?;
            }
        }
        if let Some(how) = &self.look_up_by_hand {
            writeln!(f, "  look up by hand: {how}")?;
        }
        Ok(())
    }
}
