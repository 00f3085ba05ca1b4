//! Asking the ledger sources over HTTP (feature `ledger`): every configured
//! mirror node and JSON-RPC endpoint, in parallel, each answer recorded.

mod transport;

pub use transport::{HttpError, RetryPolicy};

use super::answers::{RecordedAnswers, SourceAnswer, SourceKind};
use super::decide::decide;
use super::mirror::mirror_url;
use super::network::Network;
use super::policy::AnchorPolicy;
use super::report::AnchorReport;
use super::rpc::{RpcMethod, receipt_block, rpc_result};
use super::time::Timestamp;
use super::txref::TxRef;
use crate::Hash32;
use std::string::{String, ToString};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use std::vec::Vec;
use transport::Transport;

/// Which sources to ask and how.
///
/// ```
/// use pacspace_proof::ledger::{LedgerConfig, Network};
/// let c = LedgerConfig::for_network(Network::Testnet);
/// assert_eq!(c.mirrors, vec!["https://testnet.mirrornode.hedera.com".to_string()]);
/// assert!(c.rpcs.is_empty());
/// assert_eq!(c.max_body_bytes, 1024 * 1024);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerConfig {
    /// Mirror node base URLs (without `/api/v1`).
    pub mirrors: Vec<String>,
    /// Ethereum JSON-RPC endpoint URLs (Hedera's relay or any compatible one).
    pub rpcs: Vec<String>,
    /// Whole-request timeout (connect, send, read), per request.
    pub timeout: Duration,
    /// Answers larger than this are refused.
    pub max_body_bytes: u64,
    /// Retries on 429 / 5xx.
    pub retry: RetryPolicy,
    /// Same-host redirects followed at most (redirects to another host are always refused).
    pub max_redirects: u32,
}

impl LedgerConfig {
    /// The network's public mirror node, no JSON-RPC endpoint, 15 s timeout,
    /// 1 MiB body cap, 3 retries, 3 same-host redirects.
    ///
    /// ```
    /// let c = pacspace_proof::ledger::LedgerConfig::for_network(pacspace_proof::ledger::Network::Mainnet);
    /// assert_eq!(c.timeout, std::time::Duration::from_secs(15));
    /// ```
    pub fn for_network(network: Network) -> Self {
        LedgerConfig {
            mirrors: std::vec![network.default_mirror_base().to_string()],
            rpcs: Vec::new(),
            timeout: Duration::from_secs(15),
            max_body_bytes: 1024 * 1024,
            retry: RetryPolicy::default(),
            max_redirects: 3,
        }
    }
}

fn now() -> Timestamp {
    Timestamp::since_epoch(SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default())
}

/// A blocking client for the ledger sources (rustls, no async runtime).
///
/// ```no_run
/// use pacspace_proof::ledger::{LedgerClient, LedgerConfig, Network, TxRef};
/// let client = LedgerClient::new(LedgerConfig::for_network(Network::Testnet));
/// let tx = TxRef::parse("0.0.1234-1700000000-000000000")?;
/// let answer = client.ask_mirror("https://testnet.mirrornode.hedera.com", &tx);
/// println!("{} {:?}", answer.url, answer.status);
/// # Ok::<(), pacspace_proof::ledger::TxRefError>(())
/// ```
#[derive(Debug, Clone)]
pub struct LedgerClient {
    config: LedgerConfig,
    transport: Transport,
}

impl LedgerClient {
    /// A client with `config` (no request is made until asked).
    ///
    /// ```
    /// use pacspace_proof::ledger::{LedgerClient, LedgerConfig, Network};
    /// let c = LedgerClient::new(LedgerConfig::for_network(Network::Testnet));
    /// assert_eq!(c.config().mirrors.len(), 1);
    /// ```
    pub fn new(config: LedgerConfig) -> Self {
        let transport = Transport::new(
            config.timeout,
            config.max_body_bytes,
            config.retry,
            config.max_redirects,
        );
        LedgerClient { config, transport }
    }

    /// The configuration in use.
    ///
    /// ```
    /// use pacspace_proof::ledger::{LedgerClient, LedgerConfig, Network};
    /// assert!(LedgerClient::new(LedgerConfig::for_network(Network::Mainnet)).config().rpcs.is_empty());
    /// ```
    pub fn config(&self) -> &LedgerConfig {
        &self.config
    }

    fn record(
        &self,
        kind: SourceKind,
        url: &str,
        method: Option<RpcMethod>,
        post: Option<&str>,
    ) -> SourceAnswer {
        let asked = now();
        let name = method.map(RpcMethod::name);
        match self.transport.exchange(url, post) {
            Ok((status, body)) => SourceAnswer::answered(kind, url, name, asked, status, body),
            Err(e) => SourceAnswer::failed(kind, url, name, asked, &e.to_string()),
        }
    }

    /// `GET {base}/api/v1/contracts/results/{tx}`, recorded.
    ///
    /// ```no_run
    /// use pacspace_proof::ledger::{LedgerClient, LedgerConfig, Network, TxRef};
    /// let c = LedgerClient::new(LedgerConfig::for_network(Network::Mainnet));
    /// let tx = TxRef::parse(&format!("0x{}", "ab".repeat(32)))?;
    /// let a = c.ask_mirror("https://mainnet.mirrornode.hedera.com", &tx);
    /// # Ok::<(), pacspace_proof::ledger::TxRefError>(())
    /// ```
    pub fn ask_mirror(&self, base: &str, tx: &TxRef) -> SourceAnswer {
        self.record(SourceKind::Mirror, &mirror_url(base, tx), None, None)
    }

    /// `eth_getTransactionByHash`, then (when the transaction is known)
    /// `eth_getTransactionReceipt` and `eth_getBlockByNumber`, each recorded.
    /// A reference other than a 32-byte hash cannot be asked: one failed
    /// answer says so.
    ///
    /// ```no_run
    /// use pacspace_proof::ledger::{LedgerClient, LedgerConfig, Network, TxRef};
    /// let c = LedgerClient::new(LedgerConfig::for_network(Network::Testnet));
    /// let tx = TxRef::parse(&format!("0x{}", "ab".repeat(32)))?;
    /// let answers = c.ask_rpc("https://rpc.example/api", &tx);
    /// assert!(answers.len() <= 3);
    /// # Ok::<(), pacspace_proof::ledger::TxRefError>(())
    /// ```
    pub fn ask_rpc(&self, url: &str, tx: &TxRef) -> Vec<SourceAnswer> {
        let Some(_) = tx.evm_hash() else {
            let why = std::format!(
                "not asked: a JSON-RPC source can only look up a 0x + 64 hex transaction hash, not {tx}"
            );
            return std::vec![SourceAnswer::failed(SourceKind::Rpc, url, None, now(), &why)];
        };
        let mut out = Vec::with_capacity(3);
        let hash = tx.to_string();
        let first = self.record(
            SourceKind::Rpc,
            url,
            Some(RpcMethod::Transaction),
            Some(&RpcMethod::Transaction.request(&hash)),
        );
        let known = matches!(
            (first.status, first.error.is_none()),
            (Some(code), true) if matches!(rpc_result(RpcMethod::Transaction, code, &first.body), Ok(Some(_)))
        );
        out.push(first);
        if !known {
            return out;
        }
        let receipt = self.record(
            SourceKind::Rpc,
            url,
            Some(RpcMethod::Receipt),
            Some(&RpcMethod::Receipt.request(&hash)),
        );
        let block = match (receipt.status, receipt.error.is_none()) {
            (Some(code), true) => receipt_block(code, &receipt.body),
            _ => None,
        };
        out.push(receipt);
        if let Some(number) = block {
            out.push(self.record(
                SourceKind::Rpc,
                url,
                Some(RpcMethod::Block),
                Some(&RpcMethod::Block.request(&number)),
            ));
        }
        out
    }

    /// Asks every configured source about `tx` in parallel; the answers in
    /// configuration order (mirror nodes first). An unparsable `tx` asks nothing.
    ///
    /// ```
    /// use pacspace_proof::ledger::{LedgerClient, LedgerConfig, Network};
    /// let c = LedgerClient::new(LedgerConfig::for_network(Network::Testnet));
    /// assert!(c.ask_all("not a transaction").is_empty());
    /// ```
    pub fn ask_all(&self, tx: &str) -> Vec<SourceAnswer> {
        let Ok(tx) = TxRef::parse(tx) else {
            return Vec::new();
        };
        let tx = &tx;
        std::thread::scope(|scope| {
            let mut handles = Vec::new();
            for base in &self.config.mirrors {
                let url = mirror_url(base, tx);
                handles.push((
                    SourceKind::Mirror,
                    url,
                    scope.spawn(move || std::vec![self.ask_mirror(base, tx)]),
                ));
            }
            for url in &self.config.rpcs {
                handles.push((
                    SourceKind::Rpc,
                    url.clone(),
                    scope.spawn(move || self.ask_rpc(url, tx)),
                ));
            }
            let mut out = Vec::new();
            for (kind, url, h) in handles {
                match h.join() {
                    Ok(answers) => out.extend(answers),
                    Err(_) => out.push(SourceAnswer::failed(
                        kind,
                        &url,
                        None,
                        now(),
                        "internal error while asking",
                    )),
                }
            }
            out
        })
    }
}

/// Asks every source in `config` about `tx`, records each answer (URL, time
/// asked, raw body) and decides with [`decide`](crate::ledger::decide).
/// Save the [`RecordedAnswers`] to re-check later with no network.
///
/// ```no_run
/// use pacspace_proof::{Hash32, ledger::{check_anchor, AnchorPolicy, LedgerConfig, Network}};
/// let root: Hash32 = "0xeace00dfa25164afa3d9985d8a22c58f435a906bf30f4cc80c1e3e521a350630".parse()?;
/// let tx = format!("0x{}", "ab".repeat(32));
/// let (report, recorded) = check_anchor(&root, &tx, &LedgerConfig::for_network(Network::Testnet),
///                                       &AnchorPolicy::new(Network::Testnet));
/// println!("{report}");
/// std::fs::write("answers.json", recorded.to_json())?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check_anchor(
    root: &Hash32,
    tx: &str,
    config: &LedgerConfig,
    policy: &AnchorPolicy,
) -> (AnchorReport, RecordedAnswers) {
    let answers = LedgerClient::new(config.clone()).ask_all(tx);
    let report = decide(root, tx, &answers, policy);
    let tx_text = TxRef::parse(tx)
        .map(|t| t.to_string())
        .unwrap_or_else(|_| tx.to_string());
    (report, RecordedAnswers::new(policy.network, &tx_text, answers))
}
