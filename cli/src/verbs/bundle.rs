//! `bundle create` and `bundle verify`: one file proving that deltas are in
//! a receipt (`pacspace-proof-bundle/v1`, schema docs/schema/bundle-v1.json).
//!
//! `create` writes the bundle on standard output and exits 0, or 2 on bad
//! input (a receipt that does not verify, a delta not in it, recorded ledger
//! answers that do not anchor its root). `verify` gives a verdict as the
//! receipt verbs do: exit 0 the required level reached, 1 not, 2 bad input,
//! 3 when `anchored` was required, the bundle is verified and its recorded
//! ledger answers do not decide (too few sources answered).

use crate::input::{describe, read_text};
use crate::output::{Finding, Verdict, VerdictOpts, fields_of, tally};
use crate::verbs::anchor_lift::print;
use crate::verbs::anchor_opts::Asked;
use clap::{Subcommand, ValueHint};
use pacspace_proof::Level;
use pacspace_proof::bundle::{
    Bundle, BundleCheck, BundleOutcome, BundleReport, CreateOptions, InclusionForm, LedgerEvidence,
    create_from_json, verify,
};
use pacspace_proof::ledger::AnchorVerdict;
use serde_json::{Map, Value};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `bundle`.
#[derive(Debug, clap::Args)]
pub struct BundleArgs {
    /// What to do with a bundle.
    #[command(subcommand)]
    pub command: BundleCommand,
}

/// The bundle verbs.
#[derive(Debug, Subcommand)]
pub enum BundleCommand {
    /// Create a proof bundle from a stored receipt and the deltas you
    /// submitted, and write it to standard output.
    Create(CreateArgs),
    /// Verify a proof bundle: the levels and exit codes of `receipt`.
    Verify(VerifyArgs),
}

/// Arguments of `bundle create`.
#[derive(Debug, clap::Args)]
pub struct CreateArgs {
    /// The receipt: an emit or batch response, a delta status answer, a
    /// verify-endpoint answer or a webhook event (`-`: standard input).
    #[arg(value_name = "RECEIPT", value_hint = ValueHint::FilePath)]
    pub receipt: PathBuf,
    /// The deltas as submitted: one delta object, or an array in the order
    /// sent (`-`: standard input).
    #[arg(long, value_name = "DELTAS.json", value_hint = ValueHint::FilePath)]
    pub items: PathBuf,
    /// Recorded ledger answers (pacspace-ledger-answers/v1, as written by
    /// --save-ledger-answers) to carry: `bundle verify` can then reach
    /// anchored offline (`-`: standard input).
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub ledger_answers: Option<PathBuf>,
    /// Keep only delta I (its position in DELTAS.json, from 0); repeatable.
    #[arg(long, value_name = "I")]
    pub only: Vec<usize>,
    /// Carry the receipt's whole list of item hashes instead of compact paths.
    #[arg(long)]
    pub all_item_hashes: bool,
}

/// Arguments of `bundle verify`.
#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// The bundle (`-`: standard input).
    #[arg(default_value = "-", value_name = "BUNDLE.json", value_hint = ValueHint::FilePath)]
    pub bundle: PathBuf,
    #[command(flatten)]
    pub verdict: VerdictOpts,
}

/// Runs `bundle create` or `bundle verify`.
pub fn run(args: BundleArgs) -> Result<ExitCode, String> {
    match args.command {
        BundleCommand::Create(args) => run_create(args),
        BundleCommand::Verify(args) => run_verify(args),
    }
}

fn run_create(args: CreateArgs) -> Result<ExitCode, String> {
    let artefact = read_text(&args.receipt)?;
    let deltas = read_text(&args.items).map_err(|e| format!("--items: {e}"))?;
    let ledger = match &args.ledger_answers {
        Some(p) => {
            let text = read_text(p).map_err(|e| format!("--ledger-answers: {e}"))?;
            Some(
                LedgerEvidence::from_answers_json(&text)
                    .map_err(|e| format!("--ledger-answers {}: {e}", describe(p)))?,
            )
        }
        None => None,
    };
    let opts = CreateOptions {
        only: args.only,
        inclusion: if args.all_item_hashes {
            InclusionForm::ItemHashes
        } else {
            InclusionForm::Compact
        },
        ledger,
        created_by: Some(format!("pacspace-verify {}", env!("CARGO_PKG_VERSION"))),
    };
    let bundle = create_from_json(&artefact, &deltas, &opts).map_err(|e| e.to_string())?;
    crate::output::emit(bundle.to_json().trim_end())?;
    Ok(ExitCode::SUCCESS)
}

fn run_verify(args: VerifyArgs) -> Result<ExitCode, String> {
    let text = read_text(&args.bundle)?;
    let bundle = Bundle::from_json(&text).map_err(|e| format!("{}: {e}", describe(&args.bundle)))?;
    let report = verify(&bundle);
    // The ledger's decision, shown as `anchor` and `--anchor` show theirs:
    // decided from the answers recorded in the bundle, with no network.
    let asked = report.anchor.clone().map(|report| Asked {
        report,
        read_from: Some(args.bundle.clone()),
        saved_to: None,
    });
    let mut verdict = bundle_verdict(&report, &args.verdict);
    if let Some(asked) = &asked {
        verdict.body += &format!("\n{}{}\n", asked.report, provenance(&args.bundle));
        verdict
            .fields
            .insert("anchor".into(), Value::Object(asked.to_fields()));
    }
    if verdict.required == Level::Anchored && verdict.level == Level::Verified {
        verdict.fail_hint = Some(match &asked {
            None => "the bundle carries no ledger answers: create it with --ledger-answers FILE".into(),
            Some(a) if a.report.verdict == AnchorVerdict::Undetermined => {
                "its recorded ledger answers do not decide: look the root up by hand as said above (exit 3)"
                    .into()
            }
            Some(_) => "the recorded ledger answers did not anchor the root".into(),
        });
    }
    print(&verdict, args.verdict.json, asked.as_ref())
}

fn provenance(path: &std::path::Path) -> String {
    format!(
        "ledger answers: recorded in the bundle, read from {} (no network)",
        describe(path)
    )
}

/// The report as a verdict of `bundle verify`.
fn bundle_verdict(report: &BundleReport, opts: &VerdictOpts) -> Verdict {
    let checks: Vec<Finding> = report.checks.iter().map(finding).collect();
    Verdict {
        verb: "bundle verify",
        level: report.level(),
        required: opts.require.level(),
        body: body(report, &checks),
        checks,
        not_checked: report.not_checked(),
        fields: fields(report),
        fail_hint: None,
    }
}

/// One bundle check in the shape every verb shares; a failure carries the
/// field it blames as `failure.field`.
fn finding(c: &BundleCheck) -> Finding {
    match &c.outcome {
        BundleOutcome::Pass { detail } => Finding::pass(&c.name, c.basis, detail.clone()),
        BundleOutcome::Fail { failure } => Finding::fail(
            &c.name,
            c.basis,
            serde_json::to_value(failure).unwrap_or_else(|_| serde_json::json!({ "kind": "unserialisable" })),
            failure.to_string(),
        ),
        BundleOutcome::NotCheckable { why } => Finding::not_checkable(&c.name, c.basis, why.clone()),
    }
}

/// The report's own JSON fields: the bundle's contents, each item's path,
/// the ledger evidence (without bodies) and the notes.
fn fields(report: &BundleReport) -> Map<String, Value> {
    fields_of(report, &["verdict", "level", "checks", "notChecked", "anchor"])
}

/// The report's text before its `not checked:` lines, headed as the
/// receipt verbs head theirs (the level and verdict come last).
fn body(report: &BundleReport, checks: &[Finding]) -> String {
    let mut out = format!(
        "proof bundle ({}), receipt {} ({}): {}\n",
        report.format,
        report.receipt.receipt_id,
        report.receipt.source.describe(),
        tally(checks)
    );
    let text = report.to_string();
    for line in text.lines().skip(1) {
        if !line.starts_with("not checked: ") {
            out += line;
            out.push('\n');
        }
    }
    out
}
