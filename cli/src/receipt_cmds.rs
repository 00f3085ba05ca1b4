//! The receipt verbs: receipt, chain, webhook.
//!
//! Exit codes: 0 verified; 1 not verified (a check failed, or nothing could be
//! checked); 2 bad input (one line on standard error).

use crate::input::{emit, read_input};
use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use pacspace_proof::chain::{ChainReport, DEFAULT_MAX_LINE_BYTES, verify_chain_jsonl};
use pacspace_proof::receipt::{Artefact, DeliveryHeaders, SubmittedDelta, verify_webhook_delivery};
use pacspace_proof::signature::DEFAULT_TOLERANCE_SECS;
use pacspace_proof::{Hash32, Report, Verdict};
use std::io::{BufRead, BufReader, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Verbs that verify what the service sent.
#[derive(Debug, Subcommand)]
pub enum ReceiptCommand {
    /// Verify a receipt: an emit or batch response, a delta status answer, a
    /// webhook event or a verify-endpoint answer (detected). Exit 0 verified,
    /// 1 not verified.
    Receipt {
        /// The artefact's JSON (`-` or absent: standard input).
        file: Option<PathBuf>,
        /// The deltas you submitted: one delta object or an array, in order.
        #[arg(long, value_name = "DELTAS.json")]
        items: Option<PathBuf>,
        /// The receiptId you stored (0x root): it must be the recomputed root.
        #[arg(long, value_name = "0x…")]
        expect_receipt: Option<String>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Check a JSONL export of verified receipts, in order: every root and
    /// every previousProofHash link, in constant memory.
    Chain {
        /// One receipt per line: a webhook event, `{data:{proof}}`, `{proof}` or a proof.
        file: Option<PathBuf>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Verify a webhook delivery: the signature over the raw body, then the event.
    Webhook {
        /// The raw request body, byte for byte (`-` or absent: standard input).
        file: Option<PathBuf>,
        /// Name of the environment variable holding the webhook secret.
        #[arg(long, value_name = "VAR")]
        secret_env: String,
        /// The `X-PacSpace-Signature` header value.
        #[arg(long, value_name = "S", allow_hyphen_values = true)]
        signature: String,
        /// The `X-PacSpace-Timestamp` header value (Unix seconds or milliseconds).
        #[arg(long, value_name = "T", allow_hyphen_values = true)]
        timestamp: String,
        /// The current time in Unix seconds (default: the system clock).
        #[arg(long, value_name = "UNIX", allow_hyphen_values = true)]
        now: Option<i64>,
        /// Accepted distance between the timestamp and now, in seconds.
        #[arg(long, value_name = "SECS", default_value_t = DEFAULT_TOLERANCE_SECS)]
        tolerance: u64,
        /// The delta you submitted (its item hash must be the contentHash).
        #[arg(long, value_name = "DELTA.json")]
        items: Option<PathBuf>,
        /// The receiptId you stored when you emitted the delta.
        #[arg(long, value_name = "0x…")]
        expect_receipt: Option<String>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs one receipt verb; `Err` is bad input (exit 2).
pub fn run(cmd: ReceiptCommand) -> Result<ExitCode, String> {
    match cmd {
        ReceiptCommand::Receipt {
            file,
            items,
            expect_receipt,
            json,
        } => {
            let artefact = Artefact::from_json(&read_input(&file)?).map_err(|e| e.to_string())?;
            let submitted = read_items(items.as_deref())?;
            let expected = parse_receipt(expect_receipt.as_deref())?;
            print_report(&artefact.verify(&submitted, expected.as_ref()), json)
        }
        ReceiptCommand::Chain { file, json } => chain(file.as_deref(), json),
        ReceiptCommand::Webhook {
            file,
            secret_env,
            signature,
            timestamp,
            now,
            tolerance,
            items,
            expect_receipt,
            json,
        } => {
            let secret = std::env::var_os(&secret_env)
                .ok_or_else(|| format!("--secret-env: environment variable {secret_env} is not set"))?;
            let secret = secret.into_encoded_bytes();
            let body = read_bytes(file.as_deref())?;
            let submitted = read_items(items.as_deref())?;
            if submitted.len() > 1 {
                return Err(format!(
                    "--items: a webhook concerns one delta, {} given",
                    submitted.len()
                ));
            }
            let expected = parse_receipt(expect_receipt.as_deref())?;
            let now = match now {
                Some(n) => n,
                None => system_now()?,
            };
            let headers = DeliveryHeaders {
                secret: &secret,
                signature: &signature,
                timestamp: &timestamp,
                now_unix_secs: now,
                tolerance_secs: tolerance,
            };
            let report = verify_webhook_delivery(&body, &headers, submitted.first(), expected.as_ref())
                .map_err(|e| e.to_string())?;
            print_report(&report, json)
        }
    }
}

fn system_now() -> Result<i64, String> {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|_| "the system clock is before 1970; pass --now".to_string())?;
    i64::try_from(d.as_secs()).map_err(|_| "the system clock is out of range; pass --now".to_string())
}

fn parse_receipt(text: Option<&str>) -> Result<Option<Hash32>, String> {
    text.map(Hash32::parse)
        .transpose()
        .map_err(|e| format!("--expect-receipt: {e}"))
}

fn read_items(path: Option<&Path>) -> Result<Vec<SubmittedDelta>, String> {
    let Some(path) = path else {
        return Ok(Vec::new());
    };
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| format!("--items {}: not valid JSON: {e}", path.display()))?;
    SubmittedDelta::list_from_value(&value).map_err(|e| format!("--items {}: {e}", path.display()))
}

/// The exact bytes of FILE or standard input.
fn read_bytes(path: Option<&Path>) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    match path {
        Some(p) if p.as_os_str() != "-" => {
            std::fs::File::open(p)
                .and_then(|mut f| f.read_to_end(&mut bytes))
                .map_err(|e| format!("cannot read {}: {e}", p.display()))?;
        }
        _ => {
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
        }
    }
    Ok(bytes)
}

fn exit_for(verdict: Verdict) -> ExitCode {
    match verdict {
        Verdict::Verified => ExitCode::SUCCESS,
        Verdict::NotVerified | Verdict::Unverifiable => ExitCode::from(1),
    }
}

fn print_report(report: &Report, json: bool) -> Result<ExitCode, String> {
    if json {
        emit(serde_json::to_string_pretty(report).map_err(|e| e.to_string())?)?;
    } else {
        emit(report.to_string().trim_end())?;
        emit(format_args!("verdict: {}", report.verdict()))?;
    }
    Ok(exit_for(report.verdict()))
}

fn chain(path: Option<&Path>, json: bool) -> Result<ExitCode, String> {
    let (reader, len): (Box<dyn BufRead>, Option<u64>) = match path {
        Some(p) if p.as_os_str() != "-" => {
            let f = std::fs::File::open(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
            let len = f.metadata().ok().map(|m| m.len());
            (Box::new(BufReader::with_capacity(1 << 16, f)), len)
        }
        _ => (Box::new(std::io::stdin().lock()), None),
    };
    let bar = progress_bar(len);
    let result = verify_chain_jsonl(reader, DEFAULT_MAX_LINE_BYTES, |bytes| {
        if let Some(bar) = &bar {
            bar.set_position(bytes);
        }
    });
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let report: ChainReport = result.map_err(|e| e.to_string())?;
    if json {
        emit(serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?)?;
    } else {
        emit(report.to_string().trim_end())?;
        emit(format_args!("verdict: {}", report.verdict))?;
    }
    Ok(exit_for(report.verdict))
}

/// A byte progress bar on standard error, only when it is a terminal.
fn progress_bar(len: Option<u64>) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = match len {
        Some(n) => ProgressBar::new(n),
        None => ProgressBar::no_length(),
    };
    let template = if len.is_some() {
        "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}"
    } else {
        "{spinner} {bytes} read {bytes_per_sec}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    Some(bar)
}
