//! `pacspace-verify`: the offline auditor's command-line verifier.
//!
//! Exit codes: 0 the required level was reached (or the verb's work is
//! done), 1 it was not, 2 bad input or usage, 3 the ledger
//! could not be asked (undetermined) when `anchored` was required.

mod cli;
mod input;
mod output;
mod verbs;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = match cli::parse_from(std::env::args_os()) {
        Ok(args) => args,
        Err(e) => {
            // --help and --version print on standard output and exit 0; usage
            // errors print clap's whole message (usage line, the argument
            // named, suggestions) and exit 2, as does a bare invocation,
            // which prints the help with the list of verbs.
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match verbs::run(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("pacspace-verify: {e}");
            ExitCode::from(2)
        }
    }
}
