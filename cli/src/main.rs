//! `pacspace-verify`: the offline auditor's command-line verifier.
//!
//! Exit codes: 0 verified / done, 1 not verified, 2 bad input.

mod bundle_cmd;
mod cli;
mod core_cmds;
mod fetch_cmd;
mod input;
mod receipt_cmds;

use std::process::ExitCode;

/// Verify PacSpace balance receipts, item hashes, roots and inclusion proofs offline.
#[derive(Debug, clap::Parser)]
#[command(name = "pacspace-verify", version, about)]
struct Invocation {
    #[command(subcommand)]
    verb: Verb,
}

/// The verbs of `cli::Command`, and `bundle`.
#[derive(Debug, clap::Subcommand)]
enum Verb {
    #[command(flatten)]
    Core(cli::Command),
    /// Proof bundles: create one from a receipt and your deltas, or verify one.
    #[command(subcommand)]
    Bundle(bundle_cmd::BundleCommand),
}

fn main() -> ExitCode {
    let args = match <Invocation as clap::Parser>::try_parse() {
        Ok(args) => args,
        Err(e) if !e.use_stderr() => {
            // --help and --version: print as usual, exit 0.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            // Usage errors are bad input: one line, exit 2.
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or("invalid arguments");
            eprintln!("pacspace-verify: {}", first.trim_start_matches("error: "));
            return ExitCode::from(2);
        }
    };
    let result = match args.verb {
        Verb::Core(command) => core_cmds::run(cli::Cli { command }),
        Verb::Bundle(cmd) => bundle_cmd::run(cmd),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("pacspace-verify: {e}");
            ExitCode::from(2)
        }
    }
}
