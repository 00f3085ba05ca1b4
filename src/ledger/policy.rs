//! What the anchor decision requires: quorum, expected contract, time sanity.

use super::hexfield::EvmAddress;
use super::network::Network;
use super::time::Timestamp;

/// Default allowance for clock differences when an anchor time is compared
/// with an artefact's `receivedAt`/`submittedAt`, in seconds.
pub const DEFAULT_NOT_BEFORE_TOLERANCE_SECS: u64 = 300;

/// How far a JSON-RPC block time may be from a mirror node consensus time
/// for the two to agree, in seconds (Hedera blocks span about two seconds;
/// a block's time is its start, in whole seconds).
pub const DEFAULT_BLOCK_TIME_SKEW_SECS: u64 = 5;

/// The rules of the decision.
///
/// ```
/// use pacspace_proof::ledger::{AnchorPolicy, Network, Timestamp};
/// let mut p = AnchorPolicy::new(Network::Testnet);
/// assert_eq!((p.min_sources_for(1), p.min_sources_for(3)), (1, 2));
/// p.min_sources = Some(3);
/// p.contract = Some("0x00000000000000000000000000000000002a1b3c".parse().unwrap());
/// p.not_before = Some(Timestamp::parse_rfc3339("2024-05-01T10:00:00Z").unwrap());
/// assert_eq!(p.min_sources_for(1), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorPolicy {
    /// The network the transaction is claimed to be on (reported; compared
    /// with a chain id when a source reports one).
    pub network: Network,
    /// How many sources must answer; `None`: 1 when one source is
    /// configured, 2 when two or more are. `Some(0)` counts as 1.
    pub min_sources: Option<usize>,
    /// When given, the transaction must have been sent to this address.
    pub contract: Option<EvmAddress>,
    /// When given (an artefact's `receivedAt`/`submittedAt`), an anchor time
    /// earlier than this less `not_before_tolerance_secs` is a failure.
    pub not_before: Option<Timestamp>,
    /// See `not_before`.
    pub not_before_tolerance_secs: u64,
    /// See [`DEFAULT_BLOCK_TIME_SKEW_SECS`].
    pub block_time_skew_secs: u64,
}

impl AnchorPolicy {
    /// Defaults for `network`: quorum by source count, no contract, no time bound.
    ///
    /// ```
    /// let p = pacspace_proof::ledger::AnchorPolicy::new(pacspace_proof::ledger::Network::Mainnet);
    /// assert_eq!(p.not_before_tolerance_secs, 300);
    /// ```
    pub fn new(network: Network) -> Self {
        AnchorPolicy {
            network,
            min_sources: None,
            contract: None,
            not_before: None,
            not_before_tolerance_secs: DEFAULT_NOT_BEFORE_TOLERANCE_SECS,
            block_time_skew_secs: DEFAULT_BLOCK_TIME_SKEW_SECS,
        }
    }

    /// The number of sources that must answer when `configured` are configured.
    ///
    /// ```
    /// let p = pacspace_proof::ledger::AnchorPolicy::new(pacspace_proof::ledger::Network::Mainnet);
    /// assert_eq!(p.min_sources_for(0), 1);
    /// assert_eq!(p.min_sources_for(2), 2);
    /// ```
    pub fn min_sources_for(&self, configured: usize) -> usize {
        match self.min_sources {
            Some(k) => k.max(1),
            None if configured >= 2 => 2,
            None => 1,
        }
    }
}
