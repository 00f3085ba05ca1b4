//! Which Hedera network a transaction is on: mainnet (chain id 295) or
//! testnet (chain id 296), and the public mirror node of each.

use core::fmt;
use core::str::FromStr;

/// A Hedera network, as the SDKs name it by chain id (295 live keys, 296 test keys).
///
/// ```
/// use pacspace_proof::ledger::Network;
/// let n: Network = "296".parse().unwrap();
/// assert_eq!(n, Network::Testnet);
/// assert_eq!(n.chain_id(), 296);
/// assert_eq!(n.default_mirror_base(), "https://testnet.mirrornode.hedera.com");
/// assert_eq!("mainnet".parse::<Network>().unwrap().to_string(), "mainnet");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Network {
    /// Hedera mainnet, chain id 295.
    Mainnet,
    /// Hedera testnet, chain id 296.
    Testnet,
}

/// The text is none of `mainnet`, `testnet`, `295`, `296`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown network {given:?}: expected mainnet, testnet, 295 or 296")]
pub struct ParseNetworkError {
    /// The text given (at most 40 characters of it).
    pub given: alloc::string::String,
}

impl Network {
    /// The EVM chain id: 295 (mainnet) or 296 (testnet).
    ///
    /// ```
    /// assert_eq!(pacspace_proof::ledger::Network::Mainnet.chain_id(), 295);
    /// ```
    pub const fn chain_id(self) -> u64 {
        match self {
            Network::Mainnet => 295,
            Network::Testnet => 296,
        }
    }

    /// The network with this chain id, if it is 295 or 296.
    ///
    /// ```
    /// use pacspace_proof::ledger::Network;
    /// assert_eq!(Network::from_chain_id(296), Some(Network::Testnet));
    /// assert_eq!(Network::from_chain_id(1), None);
    /// ```
    pub const fn from_chain_id(id: u64) -> Option<Network> {
        match id {
            295 => Some(Network::Mainnet),
            296 => Some(Network::Testnet),
            _ => None,
        }
    }

    /// The lowercase name, `mainnet` or `testnet`.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::ledger::Network::Testnet.name(), "testnet");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Network::Mainnet => "mainnet",
            Network::Testnet => "testnet",
        }
    }

    /// The public mirror node REST base URL operated for this network
    /// (callers may configure others).
    ///
    /// ```
    /// use pacspace_proof::ledger::Network;
    /// assert_eq!(Network::Mainnet.default_mirror_base(), "https://mainnet.mirrornode.hedera.com");
    /// ```
    pub const fn default_mirror_base(self) -> &'static str {
        match self {
            Network::Mainnet => "https://mainnet.mirrornode.hedera.com",
            Network::Testnet => "https://testnet.mirrornode.hedera.com",
        }
    }
}

impl FromStr for Network {
    type Err = ParseNetworkError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if t.eq_ignore_ascii_case("mainnet") || t == "295" {
            Ok(Network::Mainnet)
        } else if t.eq_ignore_ascii_case("testnet") || t == "296" {
            Ok(Network::Testnet)
        } else {
            Err(ParseNetworkError {
                given: s.chars().take(40).collect(),
            })
        }
    }
}

impl fmt::Display for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
