//! `pacspace-verify`: the offline auditor's command-line verifier.
//!
//! Exit codes: 0 verified / done, 1 not verified, 2 bad input.

mod audit_cmd;
mod cli;
mod core_cmds;
mod fetch_cmd;
mod input;
mod receipt_cmds;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = match <cli::Cli as clap::Parser>::try_parse() {
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
    match core_cmds::run(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("pacspace-verify: {e}");
            ExitCode::from(2)
        }
    }
}
