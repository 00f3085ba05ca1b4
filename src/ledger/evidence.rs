//! What one source said about a transaction, normalised across source kinds:
//! the transaction as seen, "no such transaction", or no usable answer.

use super::hexfield::EvmAddress;
use super::time::Timestamp;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// One EVM log of the transaction.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Log {
    /// The log's topics (32-byte words), in order.
    pub topics: Vec<[u8; 32]>,
    /// The log's data bytes.
    pub data: Vec<u8>,
}

/// How precise a source's time is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeKind {
    /// The transaction's own consensus timestamp (mirror node, nanoseconds).
    Consensus,
    /// The timestamp of the block holding it (JSON-RPC, whole seconds; Hedera
    /// blocks span about two seconds).
    Block,
}

/// A transaction as one source reported it.
///
/// ```
/// use pacspace_proof::ledger::{Evidence, Log, TimeKind, Timestamp};
/// let ev = Evidence {
///     hash: None, to: None, success: true, status_text: "SUCCESS".into(),
///     time: Timestamp::new(1_700_000_000, 0).unwrap(), time_kind: TimeKind::Consensus,
///     call_data: vec![0; 36], logs: vec![Log::default()], block_number: Some(7),
///     chain_id: None, partial: false,
/// };
/// assert!(ev.success);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The transaction hash the source reported (lowercase `0x` hex), if any.
    pub hash: Option<String>,
    /// The address the transaction was sent to (`None` for a contract creation
    /// or when the source does not say).
    pub to: Option<EvmAddress>,
    /// Whether the source reports the transaction as successful.
    pub success: bool,
    /// The source's own words for the outcome (`SUCCESS`, `0x1`, …).
    pub status_text: String,
    /// When it reached consensus (or its block's time, see `time_kind`).
    pub time: Timestamp,
    /// Which time `time` is.
    pub time_kind: TimeKind,
    /// The call data, the 4-byte selector included.
    pub call_data: Vec<u8>,
    /// The logs, in order.
    pub logs: Vec<Log>,
    /// The block number, when reported.
    pub block_number: Option<u64>,
    /// The chain id of a wrapped EVM transaction, when reported.
    pub chain_id: Option<u64>,
    /// The mirror node answered 206 Partial Content: some data may be missing.
    pub partial: bool,
}

/// Why a source gave no usable answer. It then does not count towards the quorum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoAnswer {
    /// The request was not made or got no HTTP answer (timeout, transport error,
    /// refused redirect, body over the cap, a reference this source cannot look up).
    NotAsked(String),
    /// An HTTP status that is neither an answer nor "unknown transaction".
    HttpStatus {
        /// The status code.
        code: u16,
    },
    /// The body is not JSON.
    NotJson(String),
    /// The JSON lacks a field or has one of the wrong type.
    Shape {
        /// JSON path of the field, e.g. `logs[1].topics[0]` or `result.input`.
        field: String,
        /// What is wrong with it.
        why: String,
    },
    /// A JSON-RPC error object.
    RpcError {
        /// The method asked.
        method: &'static str,
        /// The error code.
        code: i64,
        /// The error message.
        message: String,
    },
    /// The answer is about another transaction or block than the one asked.
    WrongSubject {
        /// The field naming it.
        field: String,
        /// What it named.
        found: String,
    },
    /// Parts of the answer contradict each other.
    Inconsistent(String),
    /// A 206 Partial Content answer in which the root is absent: absence cannot be concluded.
    PartialWithoutRoot,
    /// A JSON-RPC source's recorded answers lack one of the calls needed.
    MissingExchange {
        /// The method whose answer is missing.
        method: &'static str,
    },
    /// The same request appears more than once among the recorded answers.
    RepeatedExchange,
}

impl fmt::Display for NoAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoAnswer::NotAsked(why) => f.write_str(why),
            NoAnswer::HttpStatus { code } => write!(f, "HTTP {code}"),
            NoAnswer::NotJson(e) => write!(f, "the body is not JSON: {e}"),
            NoAnswer::Shape { field, why } => write!(f, "field {field}: {why}"),
            NoAnswer::RpcError {
                method,
                code,
                message,
            } => write!(f, "{method} returned JSON-RPC error {code}: {message}"),
            NoAnswer::WrongSubject { field, found } => {
                write!(f, "the answer is about something else ({field} is {found})")
            }
            NoAnswer::Inconsistent(why) => write!(f, "the answer contradicts itself: {why}"),
            NoAnswer::PartialWithoutRoot => {
                f.write_str("partial answer (HTTP 206) without the root's bytes: absence cannot be concluded")
            }
            NoAnswer::MissingExchange { method } => write!(f, "no answer to {method} was recorded"),
            NoAnswer::RepeatedExchange => f.write_str("the same request was recorded more than once"),
        }
    }
}

/// One source's reading of the transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// The source knows the transaction and reported it.
    Known(Evidence),
    /// The source answered that it knows no such transaction (404, `null`).
    Unknown {
        /// How it said so.
        why: String,
    },
    /// No usable answer.
    NoAnswer(NoAnswer),
}

impl Reading {
    /// Whether the source answered (known or unknown transaction).
    ///
    /// ```
    /// use pacspace_proof::ledger::{NoAnswer, Reading};
    /// assert!(Reading::Unknown { why: "404".into() }.answered());
    /// assert!(!Reading::NoAnswer(NoAnswer::HttpStatus { code: 503 }).answered());
    /// ```
    pub fn answered(&self) -> bool {
        !matches!(self, Reading::NoAnswer(_))
    }
}
