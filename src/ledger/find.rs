//! The layout-agnostic search: where a root's 32 bytes appear in a
//! transaction as a whole 32-byte word, without assuming any contract layout.

use super::evidence::Evidence;
use crate::Hash32;
use alloc::vec::Vec;
use core::fmt;

/// Where the root's bytes were found.
///
/// ```
/// use pacspace_proof::ledger::Location;
/// assert_eq!(Location::CallData { offset: 36 }.to_string(), "call data at offset 36");
/// assert_eq!(Location::Topic { log: 0, topic: 1 }.kind(), "topic");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "where")]
pub enum Location {
    /// A word of the call data after the 4-byte selector: `offset` = 4 + 32k.
    #[serde(rename = "calldata")]
    CallData {
        /// Byte offset in the call data (selector included).
        offset: usize,
    },
    /// A log topic.
    #[serde(rename = "topic")]
    Topic {
        /// Index of the log in the transaction.
        log: usize,
        /// Index of the topic in the log (0 is the event signature for Solidity events).
        topic: usize,
    },
    /// A word of a log's data: `offset` = 32k.
    #[serde(rename = "logdata")]
    LogData {
        /// Index of the log in the transaction.
        log: usize,
        /// Byte offset in the log's data.
        offset: usize,
    },
}

impl Location {
    /// `calldata`, `topic` or `logdata` (the JSON `where` value).
    ///
    /// ```
    /// assert_eq!(pacspace_proof::ledger::Location::LogData { log: 0, offset: 0 }.kind(), "logdata");
    /// ```
    pub const fn kind(&self) -> &'static str {
        match self {
            Location::CallData { .. } => "calldata",
            Location::Topic { .. } => "topic",
            Location::LogData { .. } => "logdata",
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::CallData { offset } => write!(f, "call data at offset {offset}"),
            Location::Topic { log, topic } => write!(f, "log {log} as topic {topic}"),
            Location::LogData { log, offset } => write!(f, "log {log} data at offset {offset}"),
        }
    }
}

/// Offsets of `start + 32k` at which `word` is a whole 32-byte word of `data`.
///
/// ```
/// let mut data = vec![0u8; 4 + 64];
/// data[36..68].copy_from_slice(&[7; 32]);
/// assert_eq!(pacspace_proof::ledger::word_offsets(&data, 4, &[7; 32]), vec![36]);
/// assert!(pacspace_proof::ledger::word_offsets(&data, 0, &[7; 32]).is_empty());
/// ```
pub fn word_offsets(data: &[u8], start: usize, word: &[u8; 32]) -> Vec<usize> {
    let Some(body) = data.get(start..) else {
        return Vec::new();
    };
    body.chunks_exact(32)
        .enumerate()
        .filter(|(_, chunk)| *chunk == word.as_slice())
        .map(|(k, _)| start + 32 * k)
        .collect()
}

/// Every place the root's bytes appear in `ev`: call data words after the
/// selector, then each log's topics and data words, in that order.
///
/// ```
/// use pacspace_proof::{Hash32, ledger::{find_root, Evidence, Location, Log, TimeKind, Timestamp}};
/// let root = Hash32::from_bytes([9; 32]);
/// let ev = Evidence {
///     hash: None, to: None, success: true, status_text: "SUCCESS".into(),
///     time: Timestamp::new(0, 0).unwrap(), time_kind: TimeKind::Consensus,
///     call_data: vec![1, 2, 3, 4], block_number: None, chain_id: None, partial: false,
///     logs: vec![Log { topics: vec![[0; 32], [9; 32]], data: vec![] }],
/// };
/// assert_eq!(find_root(&root, &ev), vec![Location::Topic { log: 0, topic: 1 }]);
/// ```
pub fn find_root(root: &Hash32, ev: &Evidence) -> Vec<Location> {
    let word = root.as_bytes();
    let mut found: Vec<Location> = word_offsets(&ev.call_data, 4, word)
        .into_iter()
        .map(|offset| Location::CallData { offset })
        .collect();
    for (log, l) in ev.logs.iter().enumerate() {
        found.extend(
            l.topics
                .iter()
                .enumerate()
                .filter(|(_, t)| *t == word)
                .map(|(topic, _)| Location::Topic { log, topic }),
        );
        found.extend(
            word_offsets(&l.data, 0, word)
                .into_iter()
                .map(|offset| Location::LogData { log, offset }),
        );
    }
    found
}
