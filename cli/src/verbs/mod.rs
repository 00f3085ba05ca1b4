//! One file per verb or verb group; each holds its `clap::Args` and a `run`
//! that returns the exit code, or `Err` for bad input (exit 2).

pub mod anchor;
pub mod anchor_lift;
pub mod anchor_opts;
pub mod audit;
pub mod bundle;
pub mod canonical;
pub mod chain;
pub mod fetch;
pub mod meta;
pub mod receipt;
pub mod tree;
pub mod verify_proof;
pub mod wire_delta;

use crate::cli::{Cli, Command};
use std::process::ExitCode;

/// Runs the verb; `Err` is bad input (exit 2, one line on standard error).
pub fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Canonical(args) => canonical::run_canonical(args),
        Command::ItemHash(args) => canonical::run_item_hash(args),
        Command::Root(args) => tree::run_root(args),
        Command::Prove(args) => tree::run_prove(args),
        Command::VerifyProof(args) => verify_proof::run(args),
        Command::Receipt(args) => receipt::run_receipt(args),
        Command::Webhook(args) => receipt::run_webhook(args),
        Command::Chain(args) => chain::run(args),
        Command::Fetch(args) => fetch::run(args),
        Command::Anchor(args) => anchor::run(args),
        Command::Audit(args) => audit::run(args),
        Command::Bundle(args) => bundle::run(args),
        Command::Completions(args) => meta::run_completions(args),
        Command::WireDelta(args) => wire_delta::run(args),
        Command::Manpage(args) => meta::run_manpage(args),
    }
}
