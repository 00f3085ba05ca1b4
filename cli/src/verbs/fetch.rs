//! `fetch`: ask the service what it publishes about a receipt, then verify it
//! locally. The service's own `verified` is never the verdict.

use crate::input::read_deltas;
use crate::output::{Finding, Verdict, VerdictOpts};
use crate::verbs::receipt::{report_body, report_fields};
use clap::ValueHint;
use pacspace_proof::fetch::{Client, ClientConfig, Source};
use pacspace_proof::{Hash32, Level, Report};
use serde_json::{Map, Value};
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
    /// The deltas you submitted for this receipt, in order (a JSON array or one
    /// object; `-`: standard input): without them nothing the service says can
    /// be recomputed.
    #[arg(long, value_name = "DELTAS.json", value_hint = ValueHint::FilePath)]
    pub items: Option<PathBuf>,
    /// Also fetch the delta status of this anchorId (needs the API key) and check it
    /// against the deltas and RECEIPT_ID.
    #[arg(long, value_name = "ANCHOR_ID")]
    pub anchor: Option<String>,
    /// Whole-request timeout in seconds.
    #[arg(long, default_value_t = 15.0)]
    pub timeout: f64,
    #[command(flatten)]
    pub verdict: VerdictOpts,
}

fn parse_source(s: &str) -> Result<Source, String> {
    s.parse()
}

/// Runs `fetch`: exit 0 when the required level is reached, 1 when not, 2
/// bad input or nothing fetched.
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
    let submitted = read_deltas(args.items.as_deref())?;
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
    fetch_verdict(&args, &reports).print(args.verdict.json)
}

/// The weakest report decides the level; what any report did not check is listed once.
fn fetch_verdict(args: &FetchArgs, reports: &[Report]) -> Verdict {
    let level = reports
        .iter()
        .map(Report::level)
        .min()
        .unwrap_or(Level::NotVerified);
    let mut not_checked: Vec<String> = Vec::new();
    for n in reports.iter().flat_map(Report::not_checked) {
        if !not_checked.contains(&n) {
            not_checked.push(n);
        }
    }
    let body = reports.iter().map(report_body).collect::<Vec<_>>().join("\n");
    let mut fields = Map::new();
    fields.insert("receiptId".into(), args.receipt_id.clone().into());
    fields.insert(
        "baseUrl".into(),
        args.base_url.trim_end_matches('/').to_string().into(),
    );
    fields.insert(
        "anchorId".into(),
        args.anchor.clone().map_or(Value::Null, Value::from),
    );
    let per_report: Vec<Value> = reports
        .iter()
        .map(|r| {
            let mut m = Map::new();
            m.insert(
                "level".into(),
                serde_json::to_value(r.level()).unwrap_or(Value::Null),
            );
            m.insert(
                "checks".into(),
                r.checks
                    .iter()
                    .map(|c| Finding::from_check(c).to_json())
                    .collect(),
            );
            m.insert("notChecked".into(), r.not_checked().into());
            m.extend(report_fields(r));
            Value::Object(m)
        })
        .collect();
    fields.insert("reports".into(), per_report.into());
    Verdict {
        verb: "fetch",
        level,
        required: args.verdict.require.level(),
        checks: reports
            .iter()
            .flat_map(|r| r.checks.iter().map(Finding::from_check))
            .collect(),
        not_checked,
        body,
        fields,
        fail_hint: None,
    }
}
