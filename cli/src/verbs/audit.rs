//! `pacspace-verify audit`: reconcile an export of submitted deltas with
//! every receipt received and the balances the service reports.
//!
//! Exit codes: 0 every submitted delta verified and no claim mismatch (and
//! no receipt, chain or stored-head failure); 1 otherwise; 2 bad input.

use indicatif::{ProgressBar, ProgressStyle};
use pacspace_proof::audit::{
    Audit, AuditOptions, AuditReport, DeltaFormat, HeadStore, calibrate, read_answers, read_deltas,
    read_receipts, write_csv, write_html,
};
use std::fs::File;
use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Lines of each input read first to detect the item mapping and node encoding.
const SAMPLE_LINES: usize = 1000;

/// Arguments of `audit`.
#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    /// The deltas as submitted: JSONL, one delta object per line, or CSV with the
    /// header customerId,delta,reason,referenceId,metadata (chosen by extension).
    #[arg(long, value_name = "SUBMITTED")]
    deltas: PathBuf,
    /// Every receipt received, one per line: emit, batch and delta status
    /// answers, webhook events (both shapes), verify answers, in any mix.
    #[arg(long, value_name = "RECEIPTS")]
    receipts: PathBuf,
    /// The service's balance answers, one per line: derive, receipt / invoice
    /// proof, verify summary, checkpoint.
    #[arg(long, value_name = "ANSWERS")]
    answers: Option<PathBuf>,
    /// Keep the last verified chain head per tenant in DIR; a later export
    /// that does not extend it is a rollback or a fork (exit 1).
    #[arg(long, value_name = "DIR")]
    state: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// Write one CSV row per submitted delta to FILE.
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Write a self-contained HTML report to FILE.
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// Format of SUBMITTED when its extension does not say.
    #[arg(long, value_name = "jsonl|csv")]
    deltas_format: Option<DeltaFormat>,
}

fn open(path: &Path) -> Result<File, String> {
    File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// The first lines of a file, whole.
fn head(path: &Path) -> Result<Vec<u8>, String> {
    let mut reader = BufReader::new(open(path)?);
    let mut out = Vec::new();
    for _ in 0..SAMPLE_LINES {
        let before = out.len();
        let n = reader
            .by_ref()
            .take(16 << 20)
            .read_until(b'\n', &mut out)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if n == 0 || out.last() != Some(&b'\n') {
            out.truncate(if n == 0 { out.len() } else { before });
            break;
        }
    }
    Ok(out)
}

fn bar(total: u64) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(total);
    if let Ok(style) =
        ProgressStyle::with_template("{msg:9} {bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}")
    {
        bar.set_style(style);
    }
    Some(bar)
}

fn size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// Runs the audit; `Err` is bad input (exit 2).
pub fn run(args: AuditArgs) -> Result<ExitCode, String> {
    let format = args.deltas_format.unwrap_or_else(|| {
        match args
            .deltas
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("csv") => DeltaFormat::Csv,
            _ => DeltaFormat::Jsonl,
        }
    });
    let heads = match &args.state {
        Some(dir) => HeadStore::load(dir).map_err(|e| e.to_string())?,
        None => HeadStore::default(),
    };
    let cal = calibrate(&head(&args.deltas)?, format, &head(&args.receipts)?);
    let mut audit = Audit::new(AuditOptions {
        heads,
        ..cal.options()
    });
    let deltas_len = size(&args.deltas);
    let progress = bar(deltas_len + size(&args.receipts));
    if let Some(b) = &progress {
        b.set_message("deltas");
    }
    read_deltas(&mut audit, open(&args.deltas)?, format, |n| {
        if let Some(b) = &progress {
            b.set_position(n);
        }
    })
    .map_err(|e| e.to_string())?;
    if let Some(b) = &progress {
        b.set_message("receipts");
    }
    read_receipts(&mut audit, open(&args.receipts)?, |n| {
        if let Some(b) = &progress {
            b.set_position(deltas_len + n);
        }
    })
    .map_err(|e| e.to_string())?;
    if let Some(path) = &args.answers {
        read_answers(&mut audit, BufReader::new(open(path)?)).map_err(|e| e.to_string())?;
    }
    if let Some(b) = &progress {
        b.finish_and_clear();
    }
    let report = audit.finish();
    write_outputs(&args, &report)?;
    if let Some(dir) = &args.state {
        report.next_heads().save(dir).map_err(|e| e.to_string())?;
    }
    Ok(if report.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn write_outputs(args: &AuditArgs, report: &AuditReport) -> Result<(), String> {
    let create = |path: &Path| {
        File::create(path)
            .map(std::io::BufWriter::new)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    if let Some(path) = &args.csv {
        write_csv(report, create(path)?).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    if let Some(path) = &args.html {
        write_html(report, create(path)?).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    if args.json {
        // The convention's envelope first (schemaVersion, verb), then the report.
        let value = serde_json::to_value(report).map_err(|e| e.to_string())?;
        let fields = value.as_object().cloned().unwrap_or_default();
        return crate::output::print_plain_json("audit", &fields);
    }
    let mut out = std::io::stdout().lock();
    let text = {
        let mut t = report.to_string();
        t.push_str(&format!("verdict: {}", report.verdict));
        t
    };
    writeln!(out, "{}", text.trim_end())
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write output: {e}"))
}
