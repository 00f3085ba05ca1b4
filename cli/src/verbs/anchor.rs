//! `anchor`: is a root's 32 bytes in a successful ledger transaction? Exit 0
//! anchored, 1 not anchored (evidence against), 2 bad input, 3 undetermined
//! (too few sources answered: what to look up by hand is printed).
//!
//! The check does not know how any contract lays out its data: it says
//! where the bytes were found (call data, log topic, log data), never that a
//! contract stored them.

use crate::output::{SCHEMA_VERSION, emit};
use crate::verbs::anchor_opts::{Asked, LedgerOpts, Named, ask};
use pacspace_proof::Hash32;
use pacspace_proof::ledger::{AnchorReport, AnchorVerdict, CheckOutcome};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `anchor`.
#[derive(Debug, clap::Args)]
pub struct AnchorArgs {
    /// The 0x root to look for (an itemsRoot / receiptId).
    #[arg(long, value_name = "0x…")]
    pub root: String,
    #[command(flatten)]
    pub ledger: LedgerOpts,
    /// Print one JSON object (schema: docs/schema/anchor.json).
    #[arg(long)]
    pub json: bool,
}

/// The JSON object, its fields in the documented order: the envelope, the
/// report (`verdict` first), then where the answers came from.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AnchorJson<'a> {
    schema_version: u32,
    verb: &'static str,
    #[serde(flatten)]
    report: &'a AnchorReport,
    ledger_answers: Option<String>,
    saved_ledger_answers: Option<String>,
}

/// Runs `anchor`.
pub fn run(args: AnchorArgs) -> Result<ExitCode, String> {
    let root: Hash32 = args.root.parse().map_err(|e| format!("--root: {e}"))?;
    if args.ledger.tx.is_none() && args.ledger.ledger_answers.is_none() {
        return Err("--tx REF is required: the ledger transaction to look in".into());
    }
    let asked = ask(&args.ledger, &root, &Named::default())?;
    if args.json {
        let path = |p: &Option<PathBuf>| p.as_ref().map(|p| p.display().to_string());
        let out = AnchorJson {
            schema_version: SCHEMA_VERSION,
            verb: "anchor",
            report: &asked.report,
            ledger_answers: path(&asked.read_from),
            saved_ledger_answers: path(&asked.saved_to),
        };
        emit(serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?)?;
    } else {
        emit(text(&asked))?;
    }
    Ok(ExitCode::from(asked.report.verdict.exit_code()))
}

/// The report, where its answers came from, and a final `verdict:` line.
fn text(asked: &Asked) -> String {
    let r = &asked.report;
    let mut out = format!("{r}{}\n", asked.provenance());
    out += &match r.verdict {
        AnchorVerdict::Anchored => format!(
            "verdict: ANCHORED ({})",
            r.finding
                .clone()
                .unwrap_or_else(|| format!("the root's bytes are in transaction {}", r.tx))
        ),
        AnchorVerdict::NotAnchored => {
            let failed: Vec<&str> = r.failed_checks().map(|c| c.name.as_str()).collect();
            format!(
                "verdict: NOT ANCHORED (evidence against it: {})",
                failed.join(", ")
            )
        }
        AnchorVerdict::Undetermined => {
            let quorum = r
                .checks
                .iter()
                .find(|c| c.name == "quorum" && c.outcome == CheckOutcome::Fail)
                .map_or_else(
                    || "the ledger could not be asked".to_string(),
                    |c| c.detail.clone(),
                );
            format!("verdict: UNDETERMINED ({quorum}; look it up by hand as said above)")
        }
    };
    out
}
