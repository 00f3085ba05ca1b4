//! `--anchor` on the verbs that give a verdict: look up the root a report
//! established, record the answer as the report's `ledger anchor` check
//! (which lifts a verified report to `anchored` when the root's bytes were
//! found), and show the ledger's evidence in the output.
//!
//! Exit 3 when `anchored` is required, the report is verified, and the ledger
//! could not be asked (undetermined): only the ledger stands between the
//! report and the required level. Otherwise the level decides.

use crate::output::{Finding, Required, Verdict};
use crate::verbs::anchor_opts::{AnchorOpts, Asked, LedgerOpts, Named, ask};
use pacspace_proof::ledger::{AnchorReport, AnchorVerdict};
use pacspace_proof::receipt::{AnchorHint, ArtefactKind, Basis, Outcome};
use pacspace_proof::{Hash32, Level, Report};
use serde_json::Value;
use std::process::ExitCode;

/// The name of the check the ledger's answer is recorded as.
pub const CHECK: &str = "ledger anchor";

/// The root `report` established and can ask the ledger about, or why it
/// established none: a check failed, no root was reproduced, or the
/// artefact names no 0x root.
pub fn established(report: &Report, root: Option<Hash32>) -> Result<Hash32, String> {
    if report
        .checks
        .iter()
        .any(|c| matches!(c.outcome, Outcome::Fail { .. }))
    {
        return Err("a check failed, so no root was established to look up".into());
    }
    let reproduced = report.checks.iter().any(|c| {
        matches!(c.outcome, Outcome::Pass { .. })
            && matches!(c.basis, Basis::Root | Basis::OwnRoot | Basis::OwnReceipt)
    });
    if !reproduced {
        return Err("no root was reproduced from the item hashes or from your data".into());
    }
    root.ok_or_else(|| "the artefact names no 0x root".to_string())
}

/// Asks the ledger about `root` once, when some report established it, and
/// records the answer on every report that did; the others get a
/// not-checkable `ledger anchor` saying why the ledger was not asked.
/// `named` is called only when the ledger is asked.
pub fn anchor_reports(
    reports: &mut [Report],
    root: Option<Hash32>,
    opts: &LedgerOpts,
    named: impl FnOnce() -> Result<Named, String>,
) -> Result<Option<Asked>, String> {
    let decided: Vec<Result<Hash32, String>> = reports.iter().map(|r| established(r, root)).collect();
    let Some(root) = decided.iter().find_map(|d| d.as_ref().ok().copied()) else {
        for (r, d) in reports.iter_mut().zip(decided) {
            if let Err(why) = d {
                r.not_checkable(CHECK, format!("the ledger was not asked: {why}"));
            }
        }
        return Ok(None);
    };
    let asked = ask(opts, &root, &named()?)?;
    for (r, d) in reports.iter_mut().zip(decided) {
        match d {
            Ok(_) => r.record_anchor(&root, &asked.report),
            Err(why) => r.not_checkable(CHECK, format!("the ledger was not asked: {why}")),
        }
    }
    Ok(Some(asked))
}

/// The ledger's answer about `root` as one check, worded as a report records it.
pub fn anchor_finding(root: &Hash32, anchor: &AnchorReport) -> Option<Finding> {
    let mut scratch = Report::new(ArtefactKind::Emit);
    scratch.record_anchor(root, anchor);
    scratch.checks.last().map(Finding::from_check)
}

/// Adds the ledger's evidence to `verdict`: its text after the checks, its
/// JSON as `anchor`, and what the level still lacks. `asked` is `None` when
/// the ledger was not asked (with or without `--anchor`).
pub fn decorate(verdict: &mut Verdict, asked: Option<&Asked>, anchor_flag: bool) {
    if let Some(asked) = asked {
        verdict.body += &format!("\n{}{}\n", asked.report, asked.provenance());
        verdict
            .fields
            .insert("anchor".into(), Value::Object(asked.to_fields()));
    }
    // Below verified the ledger cannot lift the level: the level says enough.
    if verdict.required != Level::Anchored || verdict.level != Level::Verified {
        return;
    }
    if !anchor_flag {
        verdict.fail_hint =
            Some("the ledger was not asked: add --anchor (with --tx REF, or --ledger-answers FILE)".into());
    } else if undetermined(verdict, asked) {
        verdict.fail_hint =
            Some("the ledger could not be asked: look the root up by hand as said above (exit 3)".into());
    }
}

/// Whether only an undetermined ledger answer stands between the verdict
/// and the required `anchored`.
fn undetermined(verdict: &Verdict, asked: Option<&Asked>) -> bool {
    verdict.required == Required::Anchored.level()
        && verdict.level == Level::Verified
        && asked.is_some_and(|a| a.report.verdict == AnchorVerdict::Undetermined)
}

/// Prints `verdict`; exit 3 when the ledger could not be asked and that
/// alone kept it from the required `anchored`, else as the level decides.
pub fn print(verdict: &Verdict, json: bool, asked: Option<&Asked>) -> Result<ExitCode, String> {
    let code = verdict.print(json)?;
    Ok(if undetermined(verdict, asked) {
        ExitCode::from(3)
    } else {
        code
    })
}

/// With `--anchor`: looks up the root `report` established from `artefact`
/// (which names the transaction and the earliest time) and records the
/// answer on it. `None` when `--anchor` was not given.
pub fn anchor_artefact(
    report: &mut Report,
    hint: Option<AnchorHint>,
    opts: &AnchorOpts,
) -> Result<Option<Asked>, String> {
    if !opts.anchor {
        return Ok(None);
    }
    let hint = hint.unwrap_or_default();
    anchor_reports(std::slice::from_mut(report), hint.root, &opts.ledger, || {
        Ok(Named {
            tx: hint.tx,
            not_before: hint.not_before,
        })
    })
}
