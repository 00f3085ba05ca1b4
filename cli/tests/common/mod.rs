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

/// The demo webhook secret of the bundled samples, and the variable the tests pass it in.
pub const SECRET_VAR: &str = "PACSPACE_TEST_WEBHOOK_SECRET";
pub const SECRET: &str = "whsec_pacspace_demo_not_a_real_secret";

/// The path of a bundled sample in `examples/receipts/`.
pub fn sample(name: &str) -> String {
    repo_root()
        .join("examples/receipts")
        .join(name)
        .display()
        .to_string()
}

/// Standard output as text.
pub fn out(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn assert_code(o: &std::process::Output, code: i32) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "stdout: {}\nstderr: {}",
        out(o),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Bad input: exit 2, one line on standard error, nothing on standard output.
pub fn assert_bad_input(o: &std::process::Output) {
    assert_code(o, 2);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "one-line message, got {err:?}");
    assert!(o.stdout.is_empty());
}

/// A usage error: clap's whole message on standard error (the problem, the
/// usage line when clap gives one, the pointer to --help), exit 2.
pub fn assert_usage_error(o: &std::process::Output, needle: &str) {
    assert_code(o, 2);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.stdout.is_empty());
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains(needle), "{needle:?} not in {err}");
    assert!(err.contains("For more information, try '--help'."), "{err}");
}

/// The signature and timestamp headers of the bundled webhook.
pub fn webhook_headers() -> (String, String) {
    let text = std::fs::read_to_string(sample("webhook.headers")).expect("headers");
    let get = |k: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(k))
            .expect("header")
            .trim_start_matches(": ")
            .to_string()
    };
    (get("X-PacSpace-Signature"), get("X-PacSpace-Timestamp"))
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
