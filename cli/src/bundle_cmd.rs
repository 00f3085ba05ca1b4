//! `pacspace-verify bundle create|verify`: one file proving deltas are in a receipt.
//!
//! `create` exits 0 with the bundle on standard output, 2 on bad input
//! (including a receipt that does not verify). `verify` exits 0 when the
//! required level is reached, 1 when not, 2 on bad input.

use crate::input::{emit, read_input};
use clap::Subcommand;
use pacspace_proof::Level;
use pacspace_proof::bundle::{
    Bundle, BundleReport, CreateOptions, InclusionForm, LedgerEvidence, create_from_json, verify,
};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Proof bundles.
#[derive(Debug, Subcommand)]
pub enum BundleCommand {
    /// Create a proof bundle from a stored receipt and the deltas you
    /// submitted, and write it to standard output.
    Create {
        /// The receipt: an emit or batch response, a delta status answer, a
        /// verify-endpoint answer or a webhook event (`-`: standard input).
        receipt: PathBuf,
        /// The deltas as submitted: one delta object, or an array in the order sent.
        #[arg(long, value_name = "DELTAS.json")]
        items: PathBuf,
        /// Recorded ledger answers (pacspace-ledger-answers/v1) to carry.
        #[arg(long, value_name = "FILE")]
        ledger_answers: Option<PathBuf>,
        /// Keep only delta I (position in DELTAS.json, from 0); repeatable.
        #[arg(long, value_name = "I")]
        only: Vec<usize>,
        /// Carry the receipt's whole list of item hashes instead of compact paths.
        #[arg(long)]
        all_item_hashes: bool,
    },
    /// Verify a proof bundle: exit 0 when the required level is reached,
    /// 1 when not, 2 on bad input.
    Verify {
        /// The bundle (`-` or absent: standard input).
        bundle: Option<PathBuf>,
        /// The level to reach.
        #[arg(long, value_name = "LEVEL", default_value = "verified",
              value_parser = clap::builder::PossibleValuesParser::new(["consistent", "verified", "anchored"]))]
        require: String,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs one bundle verb; `Err` is bad input (exit 2).
pub fn run(cmd: BundleCommand) -> Result<ExitCode, String> {
    match cmd {
        BundleCommand::Create {
            receipt,
            items,
            ledger_answers,
            only,
            all_item_hashes,
        } => {
            let artefact = read_input(&Some(receipt))?;
            let deltas = read_file(&items, "--items")?;
            let ledger = match ledger_answers {
                Some(p) => Some(
                    LedgerEvidence::from_answers_json(&read_file(&p, "--ledger-answers")?)
                        .map_err(|e| format!("--ledger-answers {}: {e}", p.display()))?,
                ),
                None => None,
            };
            let opts = CreateOptions {
                only,
                inclusion: if all_item_hashes {
                    InclusionForm::ItemHashes
                } else {
                    InclusionForm::Compact
                },
                ledger,
                created_by: Some(format!("pacspace-verify {}", env!("CARGO_PKG_VERSION"))),
            };
            let bundle = create_from_json(&artefact, &deltas, &opts).map_err(|e| e.to_string())?;
            emit(bundle.to_json().trim_end())?;
            Ok(ExitCode::SUCCESS)
        }
        BundleCommand::Verify {
            bundle,
            require,
            json,
        } => {
            let required: Level = require.parse().map_err(|e| format!("--require: {e}"))?;
            let bundle = Bundle::from_json(&read_input(&bundle)?).map_err(|e| e.to_string())?;
            let report = verify(&bundle);
            let reached = report.level() >= required;
            if json {
                let out = VerifyJson {
                    schema_version: 1,
                    verb: "bundle verify",
                    required,
                    reached,
                    report: &report,
                };
                emit(serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?)?;
            } else {
                emit(report.to_string().trim_end())?;
                emit(format_args!(
                    "verdict: {} (level {}; required {}: {})",
                    report.verdict(),
                    report.level(),
                    required,
                    if reached { "reached" } else { "NOT reached" }
                ))?;
            }
            Ok(if reached {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}

/// `bundle verify --json`: the verb's envelope around the report.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct VerifyJson<'a> {
    schema_version: u32,
    verb: &'static str,
    required: Level,
    reached: bool,
    #[serde(flatten)]
    report: &'a BundleReport,
}

fn read_file(path: &Path, flag: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{flag}: cannot read {}: {e}", path.display()))
}
