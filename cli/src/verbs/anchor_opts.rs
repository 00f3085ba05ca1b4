//! The ledger-source options shared by `anchor` and by `--anchor` on the
//! verdict verbs, and asking the ledger with them: live (mirror nodes and
//! JSON-RPC endpoints, answers optionally saved) or from answers recorded
//! earlier (no network).

use crate::input::{describe, read_text};
use crate::output::fields_of;
use clap::ValueHint;
use pacspace_proof::Hash32;
use pacspace_proof::ledger::{
    AnchorPolicy, AnchorReport, EvmAddress, LedgerConfig, Network, RecordedAnswers, Timestamp, TxRef,
    check_anchor,
};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where the ledger's answers come from and what the anchor must satisfy.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Ledger anchor")]
pub struct LedgerOpts {
    /// The ledger transaction to look in: 0x + 64 hex (EVM hash), 0x + 96 hex
    /// (Hedera hash) or a Hedera transaction id (0.0.1234-1700000000-000000000).
    /// Overrides the transaction an artefact names.
    #[arg(long, value_name = "REF")]
    pub tx: Option<String>,
    /// The Hedera network: mainnet (295) or testnet (296). Default: mainnet, or
    /// the network the recorded answers were asked about.
    #[arg(long, value_name = "NETWORK", value_parser = parse_network)]
    pub network: Option<Network>,
    /// A mirror node REST base URL (repeatable). With no --mirror and no --rpc,
    /// the network's public mirror node is asked.
    #[arg(long = "mirror", value_name = "URL", conflicts_with = "ledger_answers")]
    pub mirrors: Vec<String>,
    /// An Ethereum JSON-RPC endpoint, such as Hedera's relay (repeatable).
    #[arg(long = "rpc", value_name = "URL", conflicts_with = "ledger_answers")]
    pub rpcs: Vec<String>,
    /// How many sources must answer (default: 1 with one source, 2 with two or
    /// more); fewer is undetermined.
    #[arg(long, value_name = "K")]
    pub min_sources: Option<usize>,
    /// The transaction must have been sent to this address.
    #[arg(long, value_name = "0x…")]
    pub contract: Option<String>,
    /// An anchor earlier than this time (less 300 s) is a failure. Default: the
    /// artefact's receivedAt / submittedAt, when it has one.
    #[arg(long, value_name = "RFC3339")]
    pub not_before: Option<String>,
    /// Decide from source answers recorded earlier (by --save-ledger-answers),
    /// with no network.
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub ledger_answers: Option<PathBuf>,
    /// Write the sources' answers (URL, time asked, raw body) to FILE, to
    /// re-check later with --ledger-answers.
    #[arg(
        long,
        value_name = "FILE",
        value_hint = ValueHint::AnyPath,
        conflicts_with = "ledger_answers"
    )]
    pub save_ledger_answers: Option<PathBuf>,
    /// Whole-request timeout in seconds, per HTTP request.
    #[arg(long, value_name = "SECS", default_value_t = 15.0)]
    pub timeout: f64,
}

/// `--anchor` and its source options, for the verbs that give a verdict.
#[derive(Debug, Clone, clap::Args)]
pub struct AnchorOpts {
    /// Also look the root up on the public ledger (Hedera): when its bytes are
    /// in the transaction, the level can reach anchored.
    #[arg(long)]
    pub anchor: bool,
    #[command(flatten)]
    pub ledger: LedgerOpts,
}

fn parse_network(s: &str) -> Result<Network, String> {
    s.parse()
        .map_err(|e: pacspace_proof::ledger::ParseNetworkError| e.to_string())
}

impl LedgerOpts {
    /// The source options given on the command line (`--timeout` aside).
    pub fn given(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        let mut add = |given: bool, name| {
            if given {
                out.push(name);
            }
        };
        add(self.tx.is_some(), "--tx");
        add(self.network.is_some(), "--network");
        add(!self.mirrors.is_empty(), "--mirror");
        add(!self.rpcs.is_empty(), "--rpc");
        add(self.min_sources.is_some(), "--min-sources");
        add(self.contract.is_some(), "--contract");
        add(self.not_before.is_some(), "--not-before");
        add(self.ledger_answers.is_some(), "--ledger-answers");
        add(self.save_ledger_answers.is_some(), "--save-ledger-answers");
        out
    }

    /// The timeout, checked.
    pub fn timeout(&self) -> Result<Duration, String> {
        if self.timeout.is_finite() && self.timeout > 0.0 && self.timeout <= 3600.0 {
            Ok(Duration::from_secs_f64(self.timeout))
        } else {
            Err(format!(
                "--timeout {} is not between 0 and 3600 seconds",
                self.timeout
            ))
        }
    }
}

impl AnchorOpts {
    /// Refuses source options given without `--anchor`.
    pub fn check(&self) -> Result<(), String> {
        let given = self.ledger.given();
        if self.anchor || given.is_empty() {
            return Ok(());
        }
        let are = if given.len() == 1 {
            "is an option"
        } else {
            "are options"
        };
        Err(format!(
            "{} {are} of --anchor: add --anchor to look the root up on the ledger",
            given.join(", ")
        ))
    }
}

/// What the artefact says about its anchor, each `None` when it says nothing.
#[derive(Debug, Clone, Default)]
pub struct Named {
    /// The transaction reference it names.
    pub tx: Option<String>,
    /// Its receipt time (RFC 3339).
    pub not_before: Option<String>,
}

/// The ledger's answer about one root.
#[derive(Debug, Clone)]
pub struct Asked {
    /// The decision, with every source's answer.
    pub report: AnchorReport,
    /// The recorded-answers file decided from (no network).
    pub read_from: Option<PathBuf>,
    /// The file the live answers were saved to.
    pub saved_to: Option<PathBuf>,
}

impl Asked {
    /// The report's JSON fields, then `ledgerAnswers` (the file decided
    /// from) and `savedLedgerAnswers` (the file written), each a path or null.
    pub fn to_fields(&self) -> Map<String, Value> {
        let path = |p: &Option<PathBuf>| {
            p.as_ref()
                .map_or(Value::Null, |p| Value::from(p.display().to_string()))
        };
        let mut fields = fields_of(&self.report, &[]);
        fields.insert("ledgerAnswers".into(), path(&self.read_from));
        fields.insert("savedLedgerAnswers".into(), path(&self.saved_to));
        fields
    }

    /// Where the answers came from, in words (one line, no newline).
    pub fn provenance(&self) -> String {
        match (&self.read_from, &self.saved_to) {
            (Some(p), _) => format!(
                "ledger answers: recorded earlier, read from {} (no network)",
                describe(p)
            ),
            (None, Some(p)) => format!("ledger answers: saved to {}", p.display()),
            (None, None) => {
                "ledger answers: asked now, not saved (--save-ledger-answers FILE keeps them)".into()
            }
        }
    }
}

fn parse_tx(text: &str, from: &str) -> Result<TxRef, String> {
    TxRef::parse(text).map_err(|e| format!("{from}: {e}"))
}

fn policy(opts: &LedgerOpts, network: Network, named: &Named) -> Result<AnchorPolicy, String> {
    let mut p = AnchorPolicy::new(network);
    if opts.min_sources == Some(0) {
        return Err("--min-sources: at least one source must answer".into());
    }
    p.min_sources = opts.min_sources;
    p.contract = opts
        .contract
        .as_deref()
        .map(|c| {
            c.parse::<EvmAddress>()
                .map_err(|e| format!("--contract {c:?}: {e}; expected 0x + 40 hex"))
        })
        .transpose()?;
    p.not_before = match (&opts.not_before, &named.not_before) {
        (Some(t), _) => Some(Timestamp::parse_rfc3339(t).map_err(|e| format!("--not-before {t:?}: {e}"))?),
        (None, Some(t)) => Some(Timestamp::parse_rfc3339(t).map_err(|e| {
            format!("the artefact's receipt time {t:?} is not RFC 3339 ({e}); pass --not-before")
        })?),
        (None, None) => None,
    };
    Ok(p)
}

fn recorded(path: &Path) -> Result<RecordedAnswers, String> {
    let text = read_text(path).map_err(|e| format!("--ledger-answers: {e}"))?;
    RecordedAnswers::from_json(&text).map_err(|e| format!("--ledger-answers {}: {e}", describe(path)))
}

/// Asks the ledger whether `root`'s bytes are in the transaction (`--tx`,
/// else the one the artefact names, else the recorded answers' one) and
/// decides under the options' policy. `Err` is bad input (exit 2).
pub fn ask(opts: &LedgerOpts, root: &Hash32, named: &Named) -> Result<Asked, String> {
    let timeout = opts.timeout()?;
    const NAMED: &str = "the transaction the artefact names (--tx REF gives another)";
    let wanted = match (&opts.tx, &named.tx) {
        (Some(t), _) => Some((parse_tx(t, "--tx")?, "--tx")),
        (None, Some(t)) => Some((parse_tx(t, NAMED)?, NAMED)),
        (None, None) => None,
    };
    if let Some(path) = &opts.ledger_answers {
        let rec = recorded(path)?;
        if let Some(n) = opts.network.filter(|n| *n != rec.network) {
            return Err(format!(
                "--network {n}: the recorded answers in {} were asked about {}",
                describe(path),
                rec.network
            ));
        }
        let theirs = parse_tx(&rec.tx, "--ledger-answers")?;
        if let Some((w, from)) = wanted.filter(|(w, _)| *w != theirs) {
            return Err(format!(
                "the recorded answers in {} are about transaction {theirs}, not {w} ({from})",
                describe(path)
            ));
        }
        let report = rec.decide(root, &policy(opts, rec.network, named)?);
        return Ok(Asked {
            report,
            read_from: Some(path.clone()),
            saved_to: None,
        });
    }
    let Some((tx, _)) = wanted else {
        return Err(
            "no ledger transaction to look in (the input names none): pass --tx REF, or --ledger-answers FILE"
                .into(),
        );
    };
    if opts
        .save_ledger_answers
        .as_deref()
        .is_some_and(crate::input::is_stdin)
    {
        return Err("--save-ledger-answers: give a file name, not -".into());
    }
    let network = opts.network.unwrap_or(Network::Mainnet);
    let mut config = LedgerConfig::for_network(network);
    if !opts.mirrors.is_empty() || !opts.rpcs.is_empty() {
        config.mirrors = opts.mirrors.clone();
        config.rpcs = opts.rpcs.clone();
    }
    config.timeout = timeout;
    let policy = policy(opts, network, named)?;
    let (report, answers) = check_anchor(root, &tx.to_string(), &config, &policy);
    if let Some(path) = &opts.save_ledger_answers {
        std::fs::write(path, answers.to_json())
            .map_err(|e| format!("--save-ledger-answers: cannot write {}: {e}", path.display()))?;
    }
    Ok(Asked {
        report,
        read_from: None,
        saved_to: opts.save_ledger_answers.clone(),
    })
}
