//! Command-line arguments: the verbs, and the one rule no single verb can
//! enforce — standard input is read by at most one argument.
//!
//! Adding a verb: a file in `verbs/` with its `clap::Args` struct and a
//! `run`, one variant here, one arm in `verbs::run`.

use crate::verbs;
use clap::builder::ValueHint;
use clap::error::ErrorKind;
use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::ffi::OsString;

const EXIT_CODES: &str = "\
Exit codes: 0 the required level was reached (or the verb's work is done);
1 it was not; 2 bad input or usage; 3 the ledger could not be asked (undetermined).

Levels, weakest first: not_verified (a check failed), consistent (the artefact
agrees with itself), verified (your own deltas, receiptId or root reproduced it),
anchored (verified, and the root was found on the public ledger).

Every FILE may be `-` for standard input (at most one per invocation).";

/// Verify PacSpace balance receipts, item hashes, roots and inclusion proofs offline.
#[derive(Debug, Parser)]
#[command(
    name = "pacspace-verify",
    version,
    arg_required_else_help = true,
    after_help = EXIT_CODES
)]
pub struct Cli {
    /// The verb.
    #[command(subcommand)]
    pub command: Command,
}

/// The verbs.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the canonical JSON of the input value.
    Canonical(verbs::canonical::CanonicalArgs),
    /// Print the 0x item hash of one item object.
    ItemHash(verbs::canonical::ItemHashArgs),
    /// Print the delta the official SDK sends for a queued usage summary
    /// (metadata.summary*, submissionType, the sum_ referenceId).
    WireDelta(verbs::wire_delta::WireDeltaArgs),
    /// Print the itemsRoot of a JSON array of item objects or 0x item hashes.
    Root(verbs::tree::RootArgs),
    /// Print the inclusion proof of item INDEX as one JSON object.
    Prove(verbs::tree::ProveArgs),
    /// Verify an inclusion proof as printed by `prove`, or a multi-proof:
    /// consistent against the root inside it, verified against --expect-root.
    VerifyProof(verbs::verify_proof::VerifyProofArgs),
    /// Verify a receipt: an emit or batch response, a delta status answer, a
    /// webhook event or a verify-endpoint answer (detected).
    Receipt(verbs::receipt::ReceiptArgs),
    /// Verify a webhook delivery: the signature over the raw body, then the event.
    Webhook(verbs::receipt::WebhookArgs),
    /// Check a JSONL export of receipts, in order: every root and every
    /// previousProofHash link, in constant memory (consistent at best).
    Chain(verbs::chain::ChainArgs),
    /// Fetch what the service publishes about RECEIPT_ID and verify it locally.
    Fetch(verbs::fetch::FetchArgs),
    /// Look a root up on the public ledger (Hedera): are its 32 bytes in the transaction?
    ///
    /// The root must appear as a 32-byte word of the call data after the
    /// 4-byte selector, as a log topic or as a 32-byte word of a log's data,
    /// in a transaction that succeeded. Exit 0 anchored, 1 not anchored, 2 bad
    /// input, 3 undetermined (too few sources answered: what to look up by
    /// hand is printed).
    Anchor(verbs::anchor::AnchorArgs),
    /// Audit a whole export: every submitted delta verified, altered, failed,
    /// pending or missing; balances and claims; sequences, chains and heads.
    /// Exit 0 all verified and no mismatch, 1 otherwise, 2 bad input.
    Audit(verbs::audit::AuditArgs),
    /// Proof bundles: one file proving deltas are in a receipt, for someone
    /// who has neither the service's answers nor the rest of the batch.
    /// `create` writes one; `verify` checks one offline (the levels and exit
    /// codes of `receipt`; anchored from the ledger answers it carries).
    Bundle(verbs::bundle::BundleArgs),
    /// Print a shell completion script.
    Completions(verbs::meta::CompletionsArgs),
    /// Print the manual page (roff) on standard output, or with --dir write
    /// one page per command (pacspace-verify-receipt.1, pacspace-verify-bundle-create.1, …).
    Manpage(verbs::meta::ManpageArgs),
}

/// Parses the command line: clap's rules, then at most one argument reading
/// standard input (`-`, or an absent FILE).
pub fn parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let mut cmd = Cli::command();
    let matches = cmd.try_get_matches_from_mut(args)?;
    // The innermost subcommand holds the arguments (`bundle create …`).
    let mut names = Vec::new();
    let mut sub_matches = &matches;
    while let Some((name, inner)) = sub_matches.subcommand() {
        names.push(name.to_string());
        sub_matches = inner;
    }
    let mut sub = Some(&mut cmd);
    for name in &names {
        sub = sub.and_then(|c| c.find_subcommand_mut(name));
    }
    if let Some(sub) = sub.filter(|_| !names.is_empty()) {
        check_one_stdin(sub, sub_matches)?;
    }
    Cli::from_arg_matches(&matches)
}

/// Refuses two file arguments (those with a file value hint) that read
/// standard input.
fn check_one_stdin(sub: &mut clap::Command, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
    let mut readers = Vec::new();
    let mut defaulted = false;
    for arg in sub.get_arguments() {
        if arg.get_value_hint() != ValueHint::FilePath {
            continue;
        }
        let id = arg.get_id().as_str();
        let Ok(Some(mut values)) = matches.try_get_raw(id) else {
            continue;
        };
        if values.any(|v| v == "-") {
            defaulted |= matches.value_source(id) == Some(ValueSource::DefaultValue);
            readers.push(match arg.get_long() {
                Some(long) => format!("--{long}"),
                None => id.to_uppercase(),
            });
        }
    }
    if readers.len() < 2 {
        return Ok(());
    }
    let absent = if defaulted {
        " (an absent FILE reads standard input)"
    } else {
        ""
    };
    let all = if readers.len() == 2 { "both" } else { "all" };
    Err(sub.error(
        ErrorKind::ArgumentConflict,
        format!(
            "standard input can be read only once, but {} {all} read it{absent}; give a file for all but one",
            readers.join(" and ")
        ),
    ))
}
