//! `completions` and `manpage`: the command line describing itself.

use crate::cli::Cli;
use clap::CommandFactory;
use clap_complete::Shell;
use std::process::ExitCode;

/// Arguments of `completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Prints the completion script for the shell on standard output.
pub fn run_completions(args: CompletionsArgs) -> Result<ExitCode, String> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "pacspace-verify", &mut out);
    write_all(&out)
}

/// Arguments of `manpage`.
#[derive(Debug, clap::Args)]
pub struct ManpageArgs {
    /// Write the pages into this directory (created if missing), one per
    /// command and nested command, instead of printing the main page.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<std::path::PathBuf>,
}

/// Prints the main manual page (roff) on standard output, or writes every
/// command's page into `--dir` and lists the files written.
pub fn run_manpage(args: ManpageArgs) -> Result<ExitCode, String> {
    let Some(dir) = args.dir else {
        let mut out = Vec::new();
        clap_mangen::Man::new(Cli::command())
            .render(&mut out)
            .map_err(|e| format!("cannot render the manual page: {e}"))?;
        return write_all(&out);
    };
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    clap_mangen::generate_to(Cli::command(), &dir)
        .map_err(|e| format!("cannot write the manual pages into {}: {e}", dir.display()))?;
    let mut pages: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("pacspace-verify") && name.ends_with(".1"))
        .collect();
    pages.sort();
    let listing: String = pages
        .iter()
        .map(|p| format!("{}\n", dir.join(p).display()))
        .collect();
    write_all(listing.as_bytes())
}

fn write_all(bytes: &[u8]) -> Result<ExitCode, String> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .map_err(|e| format!("cannot write output: {e}"))?;
    Ok(ExitCode::SUCCESS)
}
