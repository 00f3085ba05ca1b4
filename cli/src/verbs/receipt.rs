//! `receipt` and `webhook`: what the service sent, verified into a report
//! whose level says what it established.

use crate::input::{parse_root, read_bytes, read_deltas, read_text};
use crate::output::{Finding, Verdict, VerdictOpts, fields_of, finding_lines, tally};
use crate::verbs::anchor_lift::{anchor_artefact, decorate, print};
use crate::verbs::anchor_opts::AnchorOpts;
use clap::ValueHint;
use pacspace_proof::Report;
use pacspace_proof::receipt::{Artefact, DeliveryHeaders, EncodingFinding, verify_webhook_delivery};
use pacspace_proof::signature::DEFAULT_TOLERANCE_SECS;
use serde_json::{Map, Value};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `receipt`.
#[derive(Debug, clap::Args)]
pub struct ReceiptArgs {
    /// The artefact's JSON (`-`: standard input).
    #[arg(default_value = "-", value_hint = ValueHint::FilePath)]
    pub file: PathBuf,
    /// The deltas you submitted: one delta object or an array, in order
    /// (`-`: standard input). Without them the receipt is at best consistent.
    #[arg(long, value_name = "DELTAS.json", value_hint = ValueHint::FilePath)]
    pub items: Option<PathBuf>,
    /// The receiptId you stored (0x root): it must be the recomputed root.
    #[arg(long, value_name = "0x…")]
    pub expect_receipt: Option<String>,
    #[command(flatten)]
    pub anchor: AnchorOpts,
    #[command(flatten)]
    pub verdict: VerdictOpts,
}

/// Arguments of `webhook`.
#[derive(Debug, clap::Args)]
pub struct WebhookArgs {
    /// The raw request body, byte for byte (`-`: standard input).
    #[arg(default_value = "-", value_hint = ValueHint::FilePath)]
    pub file: PathBuf,
    /// Name of the environment variable holding the webhook secret.
    #[arg(long, value_name = "VAR")]
    pub secret_env: String,
    /// The `X-PacSpace-Signature` header value.
    #[arg(long, value_name = "S", allow_hyphen_values = true)]
    pub signature: String,
    /// The `X-PacSpace-Timestamp` header value (Unix seconds or milliseconds).
    #[arg(long, value_name = "T", allow_hyphen_values = true)]
    pub timestamp: String,
    /// The current time in Unix seconds (default: the system clock).
    #[arg(long, value_name = "UNIX", allow_hyphen_values = true)]
    pub now: Option<i64>,
    /// Accepted distance between the timestamp and now, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_TOLERANCE_SECS)]
    pub tolerance: u64,
    /// The delta you submitted (its item hash must be the contentHash; `-`: standard input).
    #[arg(long, value_name = "DELTA.json", value_hint = ValueHint::FilePath)]
    pub items: Option<PathBuf>,
    /// The receiptId you stored when you emitted the delta.
    #[arg(long, value_name = "0x…")]
    pub expect_receipt: Option<String>,
    #[command(flatten)]
    pub anchor: AnchorOpts,
    #[command(flatten)]
    pub verdict: VerdictOpts,
}

/// Runs `receipt`.
pub fn run_receipt(args: ReceiptArgs) -> Result<ExitCode, String> {
    args.anchor.check()?;
    let artefact = Artefact::from_json(&read_text(&args.file)?).map_err(|e| e.to_string())?;
    let submitted = read_deltas(args.items.as_deref())?;
    let expected = parse_root("--expect-receipt", args.expect_receipt.as_deref())?;
    let mut report = artefact.verify(&submitted, expected.as_ref());
    let asked = anchor_artefact(&mut report, Some(artefact.anchor_hint()), &args.anchor)?;
    let mut verdict = report_verdict("receipt", &report, &args.verdict);
    decorate(&mut verdict, asked.as_ref(), args.anchor.anchor);
    print(&verdict, args.verdict.json, asked.as_ref())
}

/// Runs `webhook`.
pub fn run_webhook(args: WebhookArgs) -> Result<ExitCode, String> {
    args.anchor.check()?;
    let secret = std::env::var_os(&args.secret_env)
        .ok_or_else(|| {
            format!(
                "--secret-env: environment variable {} is not set",
                args.secret_env
            )
        })?
        .into_encoded_bytes();
    let body = read_bytes(&args.file)?;
    let submitted = read_deltas(args.items.as_deref())?;
    if submitted.len() > 1 {
        return Err(format!(
            "--items: a webhook concerns one delta, {} given",
            submitted.len()
        ));
    }
    let expected = parse_root("--expect-receipt", args.expect_receipt.as_deref())?;
    let now = match args.now {
        Some(n) => n,
        None => system_now()?,
    };
    let headers = DeliveryHeaders {
        secret: &secret,
        signature: &args.signature,
        timestamp: &args.timestamp,
        now_unix_secs: now,
        tolerance_secs: args.tolerance,
    };
    let mut report = verify_webhook_delivery(&body, &headers, submitted.first(), expected.as_ref())
        .map_err(|e| e.to_string())?;
    // The event names the transaction and the delta's submittedAt.
    let hint = std::str::from_utf8(&body)
        .ok()
        .and_then(|text| Artefact::from_json(text).ok())
        .map(|a| a.anchor_hint());
    let asked = anchor_artefact(&mut report, hint, &args.anchor)?;
    let mut verdict = report_verdict("webhook", &report, &args.verdict);
    decorate(&mut verdict, asked.as_ref(), args.anchor.anchor);
    print(&verdict, args.verdict.json, asked.as_ref())
}

fn system_now() -> Result<i64, String> {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|_| "the system clock is before 1970; pass --now".to_string())?;
    i64::try_from(d.as_secs()).map_err(|_| "the system clock is out of range; pass --now".to_string())
}

/// One report as a verdict of `verb`.
pub fn report_verdict(verb: &'static str, report: &Report, opts: &VerdictOpts) -> Verdict {
    Verdict {
        verb,
        level: report.level(),
        required: opts.require.level(),
        checks: report.checks.iter().map(Finding::from_check).collect(),
        not_checked: report.not_checked(),
        body: report_body(report),
        fields: report_fields(report),
        fail_hint: None,
    }
}

/// The report's own JSON fields: `artefact`, `nodeEncoding`, `encoding`,
/// `mappings`, `notes` (its verdict, level and checks are the envelope's).
pub fn report_fields(report: &Report) -> Map<String, Value> {
    fields_of(report, &["verdict", "level", "checks", "notChecked"])
}

/// The report as text, before its `not checked:` lines.
pub fn report_body(report: &Report) -> String {
    let checks: Vec<Finding> = report.checks.iter().map(Finding::from_check).collect();
    let mut out = format!("{}: {}\n", report.artefact, tally(&checks));
    let encoding = match report.encoding {
        EncodingFinding::Detected(_) | EncodingFinding::NotApplicable => report.encoding.to_string(),
        _ => format!("{} used; {}", report.node_encoding, report.encoding),
    };
    out += &format!("node encoding: {encoding}\n");
    for m in &report.mappings {
        out += &match m.mapping {
            Some(map) => format!("item mapping (delta {}): {map}\n", m.item),
            None => format!("item mapping (delta {}): none reproduced the hash\n", m.item),
        };
    }
    out += &finding_lines(&checks);
    for n in &report.notes {
        out += &format!("note: {n}\n");
    }
    out
}
