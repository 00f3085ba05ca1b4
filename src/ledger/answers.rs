//! Recorded source answers: what each source was asked, when, and its raw
//! answer, saved so that the decision can be re-checked later with no network.
//!
//! File format `pacspace-ledger-answers/v1`:
//! `{"format":…,"network":"testnet","tx":…,"answers":[{"kind":"mirror"|"rpc",
//! "url":…,"method":…,"askedAt":RFC3339,"status":200,"body":…,"bodySha256":…,"error":…}]}`.
//! `method` is the JSON-RPC method (rpc answers only); `status` is `null` and
//! `error` says why when no HTTP answer came. `bodySha256` is the SHA-256 of
//! the body's UTF-8 bytes (the raw bytes received: a JSON answer is UTF-8).

use super::network::Network;
use super::time::{TimeError, Timestamp};
use super::txref::{TxRef, TxRefError};
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The `format` value of a recorded-answers file.
pub const ANSWERS_FORMAT: &str = "pacspace-ledger-answers/v1";

/// Which kind of source answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A Hedera mirror node (REST).
    Mirror,
    /// An Ethereum JSON-RPC endpoint.
    Rpc,
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SourceKind::Mirror => "mirror",
            SourceKind::Rpc => "rpc",
        })
    }
}

/// One request to a source and its raw answer.
///
/// ```
/// use pacspace_proof::ledger::{SourceAnswer, SourceKind, Timestamp};
/// let a = SourceAnswer::answered(SourceKind::Mirror, "http://127.0.0.1:1/x", None,
///     Timestamp::new(0, 0).unwrap(), 404, "{}".into());
/// assert_eq!(a.asked_at, "1970-01-01T00:00:00Z");
/// assert_eq!(a.body_sha256, "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SourceAnswer {
    /// Mirror node or JSON-RPC.
    pub kind: SourceKind,
    /// The URL asked (a mirror node's full request URL; a JSON-RPC endpoint).
    pub url: String,
    /// The JSON-RPC method (rpc answers only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// When it was asked (RFC 3339).
    pub asked_at: String,
    /// The HTTP status of the answer; `None` when no HTTP answer came.
    pub status: Option<u16>,
    /// The raw body.
    pub body: String,
    /// Lowercase hex SHA-256 of `body`.
    pub body_sha256: String,
    /// Why no HTTP answer came (timeout, refused redirect, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Lowercase hex SHA-256 of `bytes`.
///
/// ```
/// assert_eq!(pacspace_proof::ledger::sha256_hex(b"abc"),
///            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
/// ```
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

impl SourceAnswer {
    /// An HTTP answer with `status` and `body`.
    ///
    /// ```
    /// use pacspace_proof::ledger::{SourceAnswer, SourceKind, Timestamp};
    /// let a = SourceAnswer::answered(SourceKind::Rpc, "http://127.0.0.1:1", Some("eth_getTransactionByHash"),
    ///     Timestamp::new(0, 0).unwrap(), 200, "{}".into());
    /// assert_eq!(a.method.as_deref(), Some("eth_getTransactionByHash"));
    /// ```
    pub fn answered(
        kind: SourceKind,
        url: &str,
        method: Option<&str>,
        asked_at: Timestamp,
        status: u16,
        body: String,
    ) -> Self {
        SourceAnswer {
            kind,
            url: url.to_string(),
            method: method.map(str::to_string),
            asked_at: asked_at.rfc3339().to_string(),
            status: Some(status),
            body_sha256: sha256_hex(body.as_bytes()),
            body,
            error: None,
        }
    }

    /// No HTTP answer: `error` says why.
    ///
    /// ```
    /// use pacspace_proof::ledger::{SourceAnswer, SourceKind, Timestamp};
    /// let a = SourceAnswer::failed(SourceKind::Mirror, "http://127.0.0.1:1/x", None,
    ///     Timestamp::new(0, 0).unwrap(), "no answer within 700 ms");
    /// assert!(a.status.is_none() && a.body.is_empty());
    /// ```
    pub fn failed(
        kind: SourceKind,
        url: &str,
        method: Option<&str>,
        asked_at: Timestamp,
        error: &str,
    ) -> Self {
        SourceAnswer {
            kind,
            url: url.to_string(),
            method: method.map(str::to_string),
            asked_at: asked_at.rfc3339().to_string(),
            status: None,
            body: String::new(),
            body_sha256: sha256_hex(b""),
            error: Some(error.to_string()),
        }
    }
}

/// A recorded-answers file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedAnswers {
    /// Always [`ANSWERS_FORMAT`].
    pub format: String,
    /// The network the sources were asked about.
    pub network: Network,
    /// The transaction reference asked about.
    pub tx: String,
    /// Every answer, in the order asked.
    pub answers: Vec<SourceAnswer>,
}

/// Why a recorded-answers file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswersError {
    /// Not JSON of the expected shape.
    #[error("recorded answers are not valid: {0}")]
    Json(String),
    /// The `format` is not [`ANSWERS_FORMAT`].
    #[error("recorded answers have format {found:?}, expected {ANSWERS_FORMAT:?}")]
    Format {
        /// The format found.
        found: String,
    },
    /// `tx` is not a transaction reference.
    #[error("recorded answers: {0}")]
    Tx(TxRefError),
    /// An answer's body does not have the recorded SHA-256: it was changed.
    #[error(
        "answers[{index}] from {url}: the body's SHA-256 is {computed}, but {recorded} was recorded \
         (the body was changed after it was received)"
    )]
    DigestMismatch {
        /// Index in `answers`.
        index: usize,
        /// The answer's URL.
        url: String,
        /// The recorded `bodySha256`.
        recorded: String,
        /// The SHA-256 of the body as it is now.
        computed: String,
    },
    /// An answer's `askedAt` is not RFC 3339.
    #[error("answers[{index}].askedAt: {error}")]
    AskedAt {
        /// Index in `answers`.
        index: usize,
        /// Why.
        error: TimeError,
    },
}

impl RecordedAnswers {
    /// Answers about `tx` on `network`.
    ///
    /// ```
    /// use pacspace_proof::ledger::{Network, RecordedAnswers};
    /// let r = RecordedAnswers::new(Network::Testnet, "0.0.5-1700000000-000000001", vec![]);
    /// assert_eq!(r.format, "pacspace-ledger-answers/v1");
    /// ```
    pub fn new(network: Network, tx: &str, answers: Vec<SourceAnswer>) -> Self {
        RecordedAnswers {
            format: ANSWERS_FORMAT.to_string(),
            network,
            tx: tx.to_string(),
            answers,
        }
    }

    /// Loads a file's text, refusing another format, a bad `tx` or `askedAt`,
    /// and any body whose SHA-256 is not the recorded one.
    ///
    /// ```
    /// use pacspace_proof::ledger::{Network, RecordedAnswers, SourceAnswer, SourceKind, Timestamp};
    /// let a = SourceAnswer::answered(SourceKind::Mirror, "http://127.0.0.1:1/x", None,
    ///     Timestamp::new(0, 0).unwrap(), 200, "{}".into());
    /// let text = RecordedAnswers::new(Network::Testnet, "0.0.5-1700000000-000000001", vec![a]).to_json();
    /// assert!(RecordedAnswers::from_json(&text).is_ok());
    /// assert!(RecordedAnswers::from_json(&text.replace(r#""body": "{}""#, r#""body": "{ }""#)).is_err());
    /// ```
    pub fn from_json(text: &str) -> Result<Self, AnswersError> {
        let rec: RecordedAnswers =
            serde_json::from_str(text).map_err(|e| AnswersError::Json(e.to_string()))?;
        if rec.format != ANSWERS_FORMAT {
            return Err(AnswersError::Format {
                found: rec.format.chars().take(80).collect(),
            });
        }
        TxRef::parse(&rec.tx).map_err(AnswersError::Tx)?;
        for (index, a) in rec.answers.iter().enumerate() {
            Timestamp::parse_rfc3339(&a.asked_at).map_err(|error| AnswersError::AskedAt { index, error })?;
            let computed = sha256_hex(a.body.as_bytes());
            if !a.body_sha256.eq_ignore_ascii_case(&computed) {
                return Err(AnswersError::DigestMismatch {
                    index,
                    url: a.url.clone(),
                    recorded: a.body_sha256.chars().take(80).collect(),
                    computed,
                });
            }
        }
        Ok(rec)
    }

    /// The file's text (pretty-printed JSON, newline-terminated).
    ///
    /// ```
    /// use pacspace_proof::ledger::{Network, RecordedAnswers};
    /// let text = RecordedAnswers::new(Network::Mainnet, "0.0.5-1-000000001", vec![]).to_json();
    /// assert!(text.contains("\"network\": \"mainnet\""));
    /// ```
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}
