//! Command-line manners: clap's whole message on usage errors (exit 2), the
//! help with the verbs on a bare invocation, completions and the manual
//! page, and `--json` with `schemaVersion` and `verb` on the verbs that
//! give no verdict.

mod common;

use common::assert_usage_error;
use serde_json::Value;
use std::process::Output;

fn run(args: &[&str], stdin: &[u8]) -> Output {
    common::run_cli(args, stdin, &[])
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf8")
}

#[test]
fn usage_errors_print_the_whole_message_and_exit_2() {
    let o = run(&["prove"], b"[]");
    assert_usage_error(
        &o,
        "the following required arguments were not provided:\n  --index <INDEX>",
    );
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("\nUsage: pacspace-verify prove --index <INDEX> [FILE]")
    );
    let o = run(&["recipt", "x.json"], b"");
    assert_usage_error(&o, "tip: a similar subcommand exists: 'receipt'");
    let o = run(&["root", "--node-encoding", "base64"], b"[]");
    assert_usage_error(&o, "invalid value 'base64' for '--node-encoding");
    let o = run(&["verify-proof", "--require", "certain"], b"{}");
    assert_usage_error(&o, "[possible values: consistent, verified, anchored]");
    let o = run(&["receipt", "-", "--items", "-"], b"");
    assert_usage_error(
        &o,
        "standard input can be read only once, but FILE and --items both read it;",
    );
    // An absent FILE reads standard input too.
    let o = run(&["receipt", "--items", "-"], b"");
    assert_usage_error(&o, "(an absent FILE reads standard input)");
}

#[test]
fn bare_invocation_prints_the_help_with_the_verbs_and_exits_2() {
    let o = run(&[], b"");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("Usage: pacspace-verify <COMMAND>"), "{err}");
    for verb in [
        "canonical",
        "item-hash",
        "root",
        "prove",
        "verify-proof",
        "receipt",
        "webhook",
        "chain",
        "fetch",
        "anchor",
        "audit",
        "bundle",
        "completions",
        "manpage",
    ] {
        assert!(err.contains(&format!("\n  {verb} ")), "{verb} missing from {err}");
    }
    assert!(err.contains("Exit codes: 0"), "{err}");
    // --help itself is not an error.
    let o = run(&["--help"], b"");
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("\n  verify-proof "));
}

#[test]
fn completions_and_manpage() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef pacspace-verify"),
        ("fish", "complete -c pacspace-verify"),
    ] {
        let o = run(&["completions", shell], b"");
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let text = stdout(&o);
        assert!(text.contains(marker), "{shell}: {marker:?} missing");
        assert!(
            text.contains("verify-proof") && text.contains("require"),
            "{shell}"
        );
        // The nested bundle verbs and their options complete too.
        assert!(
            text.contains("bundle") && text.contains("create") && text.contains("ledger-answers"),
            "{shell}"
        );
    }
    assert_eq!(run(&["completions", "tcsh"], b"").status.code(), Some(2));
    let o = run(&["manpage"], b"");
    assert_eq!(o.status.code(), Some(0));
    let roff = stdout(&o);
    assert!(roff.contains(".TH pacspace-verify"), "{roff}");
    assert!(roff.contains("verify\\-proof"), "{roff}");
    assert!(roff.contains("Proof bundles"), "{roff}");
    // One page per command, nested ones included, each with its own options.
    let dir = std::env::temp_dir().join(format!("pacspace-verify-man-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let dir_arg = dir.to_string_lossy().into_owned();
    let o = run(&["manpage", "--dir", &dir_arg], b"");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let listed = stdout(&o);
    for (page, option) in [
        ("pacspace-verify.1", "manpage"),
        ("pacspace-verify-receipt.1", "\\-\\-items"),
        ("pacspace-verify-audit.1", "\\-\\-receipts"),
        ("pacspace-verify-bundle-create.1", "\\-\\-ledger\\-answers"),
        ("pacspace-verify-bundle-verify.1", "\\-\\-require"),
    ] {
        assert!(listed.contains(page), "{page} not listed: {listed}");
        let roff = std::fs::read_to_string(dir.join(page)).expect(page);
        assert!(roff.contains(option), "{page} lacks {option}: {roff}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn non_verdict_verbs_print_json_with_schema_version_and_verb() {
    let batch = "examples/batch.json";
    let root = run(&["root", batch], b"");
    let o = run(&["root", "--json", batch], b"");
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(
        (&v["schemaVersion"], &v["verb"]),
        (&Value::from(1), &Value::from("root"))
    );
    assert_eq!(v["itemsRoot"], stdout(&root).trim_end());
    assert_eq!(v["count"], 5);
    let item = r#"{"customerId":"c","delta":1,"reason":"r"}"#;
    let o = run(&["item-hash", "--json"], item.as_bytes());
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(
        v["itemHash"],
        stdout(&run(&["item-hash"], item.as_bytes())).trim_end()
    );
    assert_eq!(v["canonical"], r#"{"customerId":"c","delta":1,"reason":"r"}"#);
    let o = run(&["canonical", "--json"], br#"{"b":1.0,"a":[1e21]}"#);
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["canonical"], r#"{"a":[1e+21],"b":1}"#);
    assert_eq!(v["verb"], "canonical");
}
