//! Ledger evidence carried in a bundle: the network, the transaction, and
//! the recorded answers of the sources asked about it — the same
//! [`SourceAnswer`]s as a `pacspace-ledger-answers/v1` file
//! ([`RecordedAnswers`]) holds, so that the anchor decision
//! ([`crate::ledger::decide`]) can be repeated offline from the bundle alone.
//!
//! The bundle's shape differs from the answers file only in its names
//! (`transaction` for `tx`) and in keeping the fields it does not know.

use crate::ledger::{AnswersError, Network, RecordedAnswers, SourceAnswer, sha256_hex};
use crate::receipt::wire::Extra;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde::Serialize;

/// The `format` of a recorded ledger answers file ([`crate::ledger::ANSWERS_FORMAT`]).
pub const LEDGER_ANSWERS_FORMAT: &str = crate::ledger::ANSWERS_FORMAT;

/// The ledger evidence of a bundle.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerEvidence {
    /// The network asked about (`mainnet`, `testnet`), as written.
    pub network: String,
    /// The transaction reference asked about.
    pub transaction: String,
    /// Every recorded answer, in the order asked.
    pub answers: Vec<RecordedAnswer>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One source's recorded answer, as the ledger check records it, and the
/// fields a newer bundle writer added to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordedAnswer {
    /// The answer: kind, URL, method, time asked, status, body, its SHA-256, error.
    #[serde(flatten)]
    pub answer: SourceAnswer,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: Extra,
}

impl From<SourceAnswer> for RecordedAnswer {
    fn from(answer: SourceAnswer) -> Self {
        RecordedAnswer {
            answer,
            extra: Extra::new(),
        }
    }
}

impl RecordedAnswer {
    /// The SHA-256 of the body as it is now, when it differs from `bodySha256`.
    ///
    /// ```
    /// use pacspace_proof::bundle::RecordedAnswer;
    /// use pacspace_proof::ledger::{SourceAnswer, SourceKind, Timestamp};
    /// let mut a: RecordedAnswer = SourceAnswer::answered(SourceKind::Mirror, "http://127.0.0.1:1/x", None,
    ///     Timestamp::new(0, 0).unwrap(), 200, "{}".into()).into();
    /// assert_eq!(a.changed_body(), None);
    /// a.answer.body.push(' ');
    /// assert!(a.changed_body().is_some());
    /// ```
    pub fn changed_body(&self) -> Option<String> {
        let now = sha256_hex(self.answer.body.as_bytes());
        (!self.answer.body_sha256.eq_ignore_ascii_case(&now)).then_some(now)
    }
}

impl From<RecordedAnswers> for LedgerEvidence {
    fn from(rec: RecordedAnswers) -> Self {
        LedgerEvidence {
            network: rec.network.name().to_string(),
            transaction: rec.tx,
            answers: rec.answers.into_iter().map(RecordedAnswer::from).collect(),
            extra: Extra::new(),
        }
    }
}

impl LedgerEvidence {
    /// Reads a `pacspace-ledger-answers/v1` file ([`RecordedAnswers::from_json`]):
    /// another format, a bad transaction or time, and any answer whose body
    /// no longer has its recorded SHA-256 are refused.
    ///
    /// ```
    /// use pacspace_proof::bundle::LedgerEvidence;
    /// let text = r#"{"format":"pacspace-ledger-answers/v1","network":"testnet","tx":"0.0.5-1700000000-000000001",
    ///   "answers":[{"kind":"mirror","url":"http://127.0.0.1:1/x","askedAt":"1970-01-01T00:00:00Z","status":200,
    ///   "body":"{}","bodySha256":"44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"}]}"#;
    /// let e = LedgerEvidence::from_answers_json(text).unwrap();
    /// assert_eq!((e.network.as_str(), e.answers.len()), ("testnet", 1));
    /// assert!(LedgerEvidence::from_answers_json(&text.replace(r#""body":"{}""#, r#""body":"[]""#)).is_err());
    /// ```
    pub fn from_answers_json(text: &str) -> Result<Self, AnswersError> {
        RecordedAnswers::from_json(text).map(LedgerEvidence::from)
    }

    /// The evidence as the recorded answers the ledger check decides from,
    /// or why it cannot be: the network is not one the check knows.
    ///
    /// ```
    /// use pacspace_proof::bundle::LedgerEvidence;
    /// use pacspace_proof::ledger::Network;
    /// let mut e = LedgerEvidence { network: "testnet".into(), transaction: "0.0.5-1-000000001".into(),
    ///     answers: vec![], extra: Default::default() };
    /// assert_eq!(e.recorded().unwrap().network, Network::Testnet);
    /// e.network = "devnet".into();
    /// assert!(e.recorded().is_err());
    /// ```
    pub fn recorded(&self) -> Result<RecordedAnswers, crate::ledger::ParseNetworkError> {
        let network: Network = self.network.parse()?;
        let answers = self.answers.iter().map(|a| a.answer.clone()).collect();
        Ok(RecordedAnswers::new(network, &self.transaction, answers))
    }

    /// The evidence as a `pacspace-ledger-answers/v1` file's text, for
    /// `pacspace-verify anchor --ledger-answers`; `None` when the network
    /// is not one the check knows.
    ///
    /// ```
    /// use pacspace_proof::bundle::LedgerEvidence;
    /// let e = LedgerEvidence { network: "mainnet".into(), transaction: "0.0.5-1-000000001".into(),
    ///     answers: vec![], extra: Default::default() };
    /// let text = e.to_answers_json().unwrap();
    /// assert_eq!(LedgerEvidence::from_answers_json(&text).unwrap(), e);
    /// ```
    pub fn to_answers_json(&self) -> Option<String> {
        self.recorded().ok().map(|r| r.to_json())
    }
}
