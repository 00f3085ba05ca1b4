//! `pacspace-verify`: the offline auditor's command-line verifier.
//!
//! Exit codes: 0 verified / done, 1 not verified, 2 bad input.

mod cli;
mod core_cmds;
mod input;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = <cli::Cli as clap::Parser>::parse();
    match core_cmds::run(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("pacspace-verify: {e}");
            ExitCode::from(2)
        }
    }
}
