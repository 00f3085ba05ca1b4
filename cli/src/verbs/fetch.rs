//! `fetch`: ask the service what it publishes about a receipt, then verify it
//! locally. The service's own `verified` is never the verdict.

use crate::input::read_deltas;
use crate::output::{Finding, Verdict, VerdictOpts};
use crate::verbs::anchor_lift::{anchor_reports, decorate, print};
use crate::verbs::anchor_opts::{AnchorOpts, Named};
use crate::verbs::receipt::{report_body, report_fields};
use clap::ValueHint;
use pacspace_proof::fetch::{Client, ClientConfig, Source};
use pacspace_proof::receipt::Artefact;
use pacspace_proof::{Hash32, Level, Report};
use serde_json::{Map, Value};
use std::path::PathBuf;
use std::process::ExitCode;

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
    pub anchor_id: Option<String>,
    /// With --anchor, RECEIPT_ID (a 0x root) is looked up on the ledger, in the
    /// transaction the answer names unless --tx or the recorded answers name one.
    /// --timeout applies to the service's requests too.
    #[command(flatten)]
    pub anchor: AnchorOpts,
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
    let timeout = args.anchor.ledger.timeout()?;
    args.anchor.check()?;
    let submitted = read_deltas(args.items.as_deref())?;
    let client = Client::new(ClientConfig {
        base_url: args.base_url.clone(),
        api_key,
        timeout,
        ..ClientConfig::default()
    });
    let mut reports = vec![
        client
            .fetch_and_verify(&args.receipt_id, &submitted, args.source)
            .map_err(|e| e.to_string())?,
    ];
    let stored = args.receipt_id.parse::<Hash32>().ok();
    if let Some(anchor_id) = &args.anchor_id {
        reports.push(
            client
                .fetch_and_verify_status(anchor_id, &submitted, stored.as_ref())
                .map_err(|e| e.to_string())?,
        );
    }
    let asked = if args.anchor.anchor {
        let ledger = &args.anchor.ledger;
        anchor_reports(&mut reports, stored, ledger, || {
            if ledger.tx.is_some() || ledger.ledger_answers.is_some() {
                return Ok(Named::default());
            }
            answer_names(&client, &args)
        })?
    } else {
        None
    };
    let mut verdict = fetch_verdict(&args, &reports);
    decorate(&mut verdict, asked.as_ref(), args.anchor.anchor);
    print(&verdict, args.verdict.json, asked.as_ref())
}

/// The transaction and time the verify answer names. The report above does
/// not keep the answer, so it is asked for once more; only these two names
/// are read from it (the root looked up is RECEIPT_ID, which the report checked).
fn answer_names(client: &Client, args: &FetchArgs) -> Result<Named, String> {
    let answer = client
        .verify_answer(&args.receipt_id, args.source)
        .map_err(|e| e.to_string())?;
    let hint = Artefact::from_value(answer)
        .map(|a| a.anchor_hint())
        .unwrap_or_default();
    Ok(Named {
        tx: hint.tx,
        not_before: hint.not_before,
    })
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
        args.anchor_id.clone().map_or(Value::Null, Value::from),
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
