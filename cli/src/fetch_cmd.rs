//! `fetch`: ask the service what it publishes about a receipt, then verify it
//! locally. The service's own `verified` is never the verdict.

use crate::input::{emit, parse, read_input};
use pacspace_proof::fetch::{Client, ClientConfig, Source};
use pacspace_proof::receipt::SubmittedDelta;
use pacspace_proof::{Hash32, Report, Verdict};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// Arguments of `fetch`.
#[derive(Debug, clap::Args)]
pub struct FetchArgs {
    /// The receiptId (0x itemsRoot) to look up; an opaque `rcpt_…` id is fetched but cannot be checked.
    pub receipt_id: String,
    /// Service base URL.
    #[arg(long, default_value = "https://balance-api.pacspace.io")]
    pub base_url: String,
    /// Name of the environment variable holding the API key (sent as X-Api-Key).
    #[arg(long, value_name = "VAR")]
    pub api_key_env: Option<String>,
    /// Which record the verify endpoint reads.
    #[arg(long, value_parser = parse_source)]
    pub source: Option<Source>,
    /// The deltas you submitted for this receipt, in order (a JSON array or one object):
    /// without them nothing the service says can be recomputed.
    #[arg(long, value_name = "DELTAS.json")]
    pub items: Option<PathBuf>,
    /// Also fetch the delta status of this anchorId (needs the API key) and check it
    /// against the deltas and RECEIPT_ID.
    #[arg(long, value_name = "ANCHOR_ID")]
    pub anchor: Option<String>,
    /// Whole-request timeout in seconds.
    #[arg(long, default_value_t = 15.0)]
    pub timeout: f64,
    /// Print a machine-readable verdict.
    #[arg(long)]
    pub json: bool,
}

fn parse_source(s: &str) -> Result<Source, String> {
    s.parse()
}

/// Runs `fetch`: exit 0 verified, 1 not verified (or nothing could be checked),
/// 2 bad input or nothing fetched.
pub fn run(args: FetchArgs) -> Result<ExitCode, String> {
    let api_key = match &args.api_key_env {
        Some(var) => Some(std::env::var(var).map_err(|_| format!("environment variable {var} is not set"))?),
        None => None,
    };
    if !(args.timeout.is_finite() && args.timeout > 0.0 && args.timeout <= 3600.0) {
        return Err(format!(
            "--timeout {} is not between 0 and 3600 seconds",
            args.timeout
        ));
    }
    let submitted = match &args.items {
        Some(path) => SubmittedDelta::list_from_value(&parse(&read_input(&Some(path.clone()))?)?)
            .map_err(|e| format!("{}: {e}", path.display()))?,
        None => Vec::new(),
    };
    let client = Client::new(ClientConfig {
        base_url: args.base_url.clone(),
        api_key,
        timeout: Duration::from_secs_f64(args.timeout),
        ..ClientConfig::default()
    });
    let mut reports = vec![
        client
            .fetch_and_verify(&args.receipt_id, &submitted, args.source)
            .map_err(|e| e.to_string())?,
    ];
    if let Some(anchor) = &args.anchor {
        let stored = args.receipt_id.parse::<Hash32>().ok();
        reports.push(
            client
                .fetch_and_verify_status(anchor, &submitted, stored.as_ref())
                .map_err(|e| e.to_string())?,
        );
    }
    let verdict = overall(&reports);
    if args.json {
        let out = serde_json::json!({ "verdict": verdict, "reports": reports });
        emit(out)?;
    } else {
        for r in &reports {
            emit(r.to_string().trim_end())?;
        }
        if reports.len() > 1 {
            emit(format_args!("overall: {verdict}"))?;
        }
    }
    Ok(if verdict == Verdict::Verified {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Not verified if any report fails; verified if all verify; unverifiable otherwise.
fn overall(reports: &[Report]) -> Verdict {
    let verdicts = reports.iter().map(Report::verdict);
    if verdicts.clone().any(|v| v == Verdict::NotVerified) {
        Verdict::NotVerified
    } else if verdicts.clone().all(|v| v == Verdict::Verified) {
        Verdict::Verified
    } else {
        Verdict::Unverifiable
    }
}
