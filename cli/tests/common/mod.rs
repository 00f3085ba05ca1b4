//! Running the built `pacspace-verify`, and the repository's known-answer vectors.
#![allow(dead_code)]

use std::path::PathBuf;

/// The repository root (the CLI package lives in `cli/`).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The known-answer vectors kept in `tests/data/` (or `$PACSPACE_VECTORS`).
pub fn load_vectors() -> serde_json::Value {
    let path = std::env::var("PACSPACE_VECTORS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| repo_root().join("tests/data/merkle-v1.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read vectors at {}: {e}", path.display()));
    serde_json::from_str(&text).expect("vectors are JSON")
}

pub fn h(v: &serde_json::Value) -> pacspace_proof::Hash32 {
    v.as_str().expect("hash string").parse().expect("valid hash")
}

/// Runs the built `pacspace-verify` with `args` in the repository root,
/// feeding `stdin` and setting `envs`.
pub fn run_cli(args: &[&str], stdin: &[u8], envs: &[(&str, &str)]) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_pacspace-verify"))
        .args(args)
        .current_dir(repo_root())
        .envs(envs.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut input = child.stdin.take().expect("stdin");
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().expect("wait");
    writer.join().expect("writer");
    out
}

/// Runs `program` (by default the built `pacspace-verify`) with `args` in
/// `dir`, standard input closed, with `envs` set and `unset` removed.
pub fn run_cli_in(
    program: Option<&std::path::Path>,
    dir: &std::path::Path,
    args: &[String],
    envs: &[(String, String)],
    unset: &[&str],
) -> std::process::Output {
    use std::process::{Command, Stdio};
    let program = program.map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_pacspace-verify")),
        PathBuf::from,
    );
    let mut cmd = Command::new(&program);
    cmd.args(args)
        .current_dir(dir)
        .envs(envs.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for name in unset {
        cmd.env_remove(name);
    }
    cmd.output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()))
}
