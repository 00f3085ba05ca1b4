//! `chain`: a JSONL export of receipts, in order — every root and every
//! `previousProofHash` link, in constant memory. The receipts can only agree
//! with each other: a chain is `consistent` at best.

use crate::input::open_reader;
use crate::output::{Finding, Verdict, VerdictOpts, fields_of, finding_lines, tally};
use crate::verbs::anchor_lift::{CHECK, anchor_finding, decorate, print};
use crate::verbs::anchor_opts::{AnchorOpts, Asked, LedgerOpts, Named, ask};
use clap::ValueHint;
use indicatif::{ProgressBar, ProgressStyle};
use pacspace_proof::Level;
use pacspace_proof::chain::{ChainReport, ChainStart, DEFAULT_MAX_LINE_BYTES, verify_chain_jsonl};
use pacspace_proof::receipt::{Basis, Failure};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `chain`.
#[derive(Debug, clap::Args)]
pub struct ChainArgs {
    /// One receipt per line: a webhook event, `{data:{proof}}`, `{proof}` or a
    /// proof (`-`: standard input).
    #[arg(default_value = "-", value_hint = ValueHint::FilePath)]
    pub file: PathBuf,
    /// With --anchor, the head (the last proofHash) is looked up; --tx names
    /// its transaction unless the recorded answers do.
    #[command(flatten)]
    pub anchor: AnchorOpts,
    #[command(flatten)]
    pub verdict: VerdictOpts,
}

/// Runs `chain`.
pub fn run(args: ChainArgs) -> Result<ExitCode, String> {
    args.anchor.check()?;
    let (reader, len) = open_reader(&args.file)?;
    let bar = progress_bar(len);
    let result = verify_chain_jsonl(reader, DEFAULT_MAX_LINE_BYTES, |bytes| {
        if let Some(bar) = &bar {
            bar.set_position(bytes);
        }
    });
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let report = result.map_err(|e| e.to_string())?;
    let (finding, asked) = if args.anchor.anchor {
        anchor_head(&report, &args.anchor.ledger)?
    } else {
        (None, None)
    };
    let mut verdict = chain_verdict(&report, &args.verdict, finding, asked.is_some());
    decorate(&mut verdict, asked.as_ref(), args.anchor.anchor);
    print(&verdict, args.verdict.json, asked.as_ref())
}

/// Looks the chain's head (its last proofHash) up on the ledger, when every
/// receipt agreed: the answer as a `ledger anchor` check, and the ledger's evidence.
fn anchor_head(report: &ChainReport, opts: &LedgerOpts) -> Result<(Option<Finding>, Option<Asked>), String> {
    let head = report.last_proof_hash.as_ref().and_then(|id| id.root());
    let why = if report.receipts == 0 {
        "the input holds no receipts"
    } else if report.failure_count > 0 {
        "a check failed, so the chain's head was not established"
    } else if head.is_none() {
        "the last proofHash is opaque, not a 0x root"
    } else {
        ""
    };
    let Some(head) = head.filter(|_| why.is_empty()) else {
        let finding =
            Finding::not_checkable(CHECK, Basis::Ledger, format!("the ledger was not asked: {why}"));
        return Ok((Some(finding), None));
    };
    let asked = ask(opts, &head, &Named::default())?;
    Ok((anchor_finding(&head, &asked.report), Some(asked)))
}

fn chain_verdict(report: &ChainReport, opts: &VerdictOpts, anchor: Option<Finding>, asked: bool) -> Verdict {
    let mut checks: Vec<Finding> = report
        .failures
        .iter()
        .map(|lf| {
            let failure = serde_json::to_value(&lf.failure)
                .unwrap_or_else(|_| serde_json::json!({ "kind": "unserialisable" }));
            let basis = match lf.failure {
                Failure::RootMismatch { .. } | Failure::EncodingChanged { .. } => Basis::Root,
                _ => Basis::Artefact,
            };
            Finding::fail(
                &format!("line {}", lf.line),
                basis,
                failure,
                lf.failure.to_string(),
            )
        })
        .collect();
    if report.receipts == 0 {
        checks.push(Finding::not_checkable(
            "chain",
            Basis::Root,
            "the input holds no receipts".into(),
        ));
    } else if report.failure_count == 0 {
        checks.push(Finding::pass(
            "chain",
            Basis::Root,
            format!(
                "{} receipt(s): every checkable root reproduced and every previousProofHash link matched",
                report.receipts
            ),
        ));
    }
    let mut level = report.level;
    if let Some(f) = anchor {
        if f.failed() {
            level = Level::NotVerified;
        }
        checks.push(f);
    }

    let mut body = format!("receipt chain: {}\n", tally(&checks));
    body += &format!("receipts: {} ({} lines)\n", report.receipts, report.lines);
    body += &match report.node_encoding {
        Some(e) => format!("node encoding: {e} (detected)\n"),
        None => "node encoding: not decidable (no receipt with two or more item hashes); hex0x used\n".into(),
    };
    match &report.start {
        Some(ChainStart::NullOrAbsent) => {
            body += "start: previousProofHash null or absent (first receipt of the tenant)\n"
        }
        Some(ChainStart::Zero) => body += "start: previousProofHash is the zero hash\n",
        Some(ChainStart::MidChain(id)) => body += &format!("start: mid-chain after {id}\n"),
        None => {}
    }
    if let (Some(a), Some(b)) = (&report.first_proof_hash, &report.last_proof_hash) {
        body += &format!("first proofHash: {a}\nlast proofHash:  {b}\n");
    }
    body += &finding_lines(&checks);
    let hidden = report.failure_count.saturating_sub(report.failures.len() as u64);
    if hidden > 0 {
        body += &format!("  … and {hidden} more failure(s)\n");
    }

    let mut not_checked = Vec::new();
    if report.opaque > 0 {
        not_checked.push(format!(
            "{} receipt(s) with an opaque proofHash: their root could not be recomputed (links compared as text)",
            report.opaque
        ));
    }
    if let Some(ChainStart::MidChain(id)) = &report.start {
        not_checked.push(format!(
            "the first link: the export starts after {id}, which is not in the input"
        ));
    }
    not_checked.push(
        "your own data: the receipts were compared with each other only, not with deltas you sent or \
         receiptIds you stored (check those receipts with `receipt --items`)"
            .into(),
    );
    not_checked.push(if asked {
        "the public ledger: only the last proofHash was looked up; the other receipts' roots were not".into()
    } else {
        "the public ledger: no root was looked up on the ledger".into()
    });

    Verdict {
        verb: "chain",
        level,
        required: opts.require.level(),
        checks,
        not_checked,
        body,
        fields: fields_of(report, &["verdict", "level", "failures"]),
        fail_hint: (level == Level::Consistent).then(|| {
            "receipts can only agree with each other, so a chain is consistent at best: \
             --require consistent accepts it"
                .to_string()
        }),
    }
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
