//! The checks on the transaction that every answering source agrees on:
//! success, where the root is, the contract, the chain id, the time.

use super::agree::Source;
use super::evidence::Evidence;
use super::policy::AnchorPolicy;
use super::report::{AnchorCheck, AnchorReport, AnchorVerdict, CheckOutcome};
use alloc::format;
use alloc::string::{String, ToString};

pub(crate) fn check(name: &str, outcome: CheckOutcome, detail: String) -> AnchorCheck {
    AnchorCheck {
        name: name.to_string(),
        outcome,
        detail,
    }
}

/// The checks on the transaction all answering sources agree on.
pub(crate) fn judge(r: &mut AnchorReport, src: &Source<'_>, ev: &Evidence, policy: &AnchorPolicy) {
    use CheckOutcome::{Fail, NotChecked, Pass};
    r.consensus_timestamp = Some(ev.time.seconds_nanos().to_string());
    r.consensus_time = Some(ev.time.rfc3339().to_string());
    r.time_kind = Some(ev.time_kind);
    r.to = ev.to;
    r.block_number = ev.block_number;
    r.location = src.locations.first().copied();
    let tx = r.tx.clone();
    r.checks.push(check(
        "transactionKnown",
        Pass,
        format!("transaction {tx} exists on Hedera {}", policy.network),
    ));
    let word = if ev.success { "succeeded" } else { "failed" };
    let outcome = if ev.success { Pass } else { Fail };
    let detail = format!("the transaction {word} (the source says {})", ev.status_text);
    r.checks.push(check("transactionSucceeded", outcome, detail));
    match src.locations.as_slice() {
        [] => r.checks.push(check(
            "rootFound",
            Fail,
            format!(
                "the root's bytes are not a 32-byte word of transaction {tx}'s call data after the selector, \
                 nor a topic or a 32-byte data word of its {} logs",
                ev.logs.len()
            ),
        )),
        [first, more @ ..] => {
            let mut finding = format!("the root's bytes are in transaction {tx}'s {first}");
            if !more.is_empty() {
                finding.push_str(&format!(" (and in {} more places)", more.len()));
            }
            r.checks.push(check("rootFound", Pass, finding.clone()));
            r.finding = Some(finding);
        }
    }
    let sent_to = ev
        .to
        .map(|a| a.to_string())
        .unwrap_or_else(|| "no address".to_string());
    r.checks.push(match policy.contract {
        None => check(
            "contract",
            NotChecked,
            format!("no contract given (sent to {sent_to})"),
        ),
        Some(c) if ev.to == Some(c) => check("contract", Pass, format!("the transaction was sent to {c}")),
        Some(c) => check(
            "contract",
            Fail,
            format!("the transaction was sent to {sent_to}, not to {c}"),
        ),
    });
    let want = policy.network.chain_id();
    r.checks.push(match ev.chain_id {
        None => check(
            "chainId",
            NotChecked,
            "no source reported a chain id (Hedera-native calls have none)".to_string(),
        ),
        Some(id) if id == want => check("chainId", Pass, format!("chain id {id}")),
        Some(id) => check(
            "chainId",
            Fail,
            format!(
                "the transaction's chain id is {id}, not {want} (Hedera {})",
                policy.network
            ),
        ),
    });
    r.checks.push(match policy.not_before {
        None => check("notBefore", NotChecked, "no earliest time given".to_string()),
        Some(nb) => {
            let tol = policy.not_before_tolerance_secs;
            let limit = nb.minus_secs(tol);
            let at = ev.time.rfc3339();
            if ev.time < limit {
                check(
                    "notBefore",
                    Fail,
                    format!(
                        "too early: the transaction's time {at} is before {} less {tol} s",
                        nb.rfc3339()
                    ),
                )
            } else {
                check(
                    "notBefore",
                    Pass,
                    format!(
                        "the transaction's time {at} is not before {} less {tol} s",
                        nb.rfc3339()
                    ),
                )
            }
        }
    });
    r.verdict = if r.checks.iter().any(|c| c.outcome == Fail) {
        AnchorVerdict::NotAnchored
    } else {
        AnchorVerdict::Anchored
    };
}
