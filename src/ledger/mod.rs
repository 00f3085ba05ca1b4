//! The ledger anchor: is a root's 32 bytes in a successful Hedera transaction?
//!
//! PacSpace anchors roots on Hedera (chain id 295 mainnet, 296 testnet) but
//! publishes no contract layout, so the check is layout-agnostic: the root's
//! 32 bytes must appear as a 32-byte word of the call data after the 4-byte
//! selector (offset 4 + 32k), as a log topic, or as a 32-byte word of a log's
//! data, in a transaction whose status is success. The report says where the
//! bytes were found, the consensus time and the `to` address; it never says
//! what a contract did with them.
//!
//! Two layers:
//! - **`alloc`** (no std, usable from wasm): reading mirror node and JSON-RPC
//!   answers ([`read_mirror`], [`read_rpc`]), the search ([`find_root`]), the
//!   decision as a pure function over recorded answers ([`decide`]), the
//!   recorded-answers file ([`RecordedAnswers`]) and the report ([`AnchorReport`]).
//! - **`ledger`** feature: blocking HTTP to the sources with timeouts, a body
//!   cap, retries on 429/5xx and no redirect to another host ([`check_anchor`]).
//!
//! ```
//! use pacspace_proof::{Hash32, ledger::{decide, AnchorPolicy, AnchorVerdict, Network}};
//! // No source answered: nothing can be concluded, and the report says what to look up by hand.
//! let r = decide(&Hash32::ZERO, &format!("0x{}", "11".repeat(32)), &[], &AnchorPolicy::new(Network::Mainnet));
//! assert_eq!(r.verdict, AnchorVerdict::Undetermined);
//! assert!(r.look_up_by_hand.unwrap().contains("mainnet.mirrornode.hedera.com"));
//! ```

mod agree;
mod answers;
mod decide;
mod evidence;
mod find;
mod hexfield;
mod json;
mod judge;
mod mirror;
mod network;
mod policy;
mod report;
mod rpc;
mod time;
mod txref;

#[cfg(feature = "ledger")]
mod http;

pub use answers::{ANSWERS_FORMAT, AnswersError, RecordedAnswers, SourceAnswer, SourceKind, sha256_hex};
pub use decide::decide;
pub use evidence::{Evidence, Log, NoAnswer, Reading, TimeKind};
pub use find::{Location, find_root, word_offsets};
pub use hexfield::{EvmAddress, HexFieldError};
pub use mirror::{mirror_url, read_mirror};
pub use network::{Network, ParseNetworkError};
pub use policy::{AnchorPolicy, DEFAULT_BLOCK_TIME_SKEW_SECS, DEFAULT_NOT_BEFORE_TOLERANCE_SECS};
pub use report::{
    AnchorCheck, AnchorReport, AnchorVerdict, AnswerRef, CheckOutcome, Disagreement, DisagreementSide,
    SourceReport,
};
pub use rpc::{Exchange, RpcMethod, read_rpc, rpc_result};
pub use time::{TimeError, Timestamp};
pub use txref::{TxRef, TxRefError};

#[cfg(feature = "ledger")]
pub use http::{HttpError, LedgerClient, LedgerConfig, RetryPolicy, check_anchor};

impl RecordedAnswers {
    /// Decides offline from these answers. The policy's network is replaced
    /// by the one the answers were recorded for.
    ///
    /// ```
    /// use pacspace_proof::{Hash32, ledger::{AnchorPolicy, AnchorVerdict, Network, RecordedAnswers}};
    /// let rec = RecordedAnswers::new(Network::Testnet, &format!("0x{}", "11".repeat(32)), vec![]);
    /// let r = rec.decide(&Hash32::ZERO, &AnchorPolicy::new(Network::Mainnet));
    /// assert_eq!((r.verdict, r.network), (AnchorVerdict::Undetermined, Network::Testnet));
    /// ```
    pub fn decide(&self, root: &crate::Hash32, policy: &AnchorPolicy) -> AnchorReport {
        let policy = AnchorPolicy {
            network: self.network,
            ..policy.clone()
        };
        decide(root, &self.tx, &self.answers, &policy)
    }
}
