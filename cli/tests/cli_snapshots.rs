//! Snapshots of what `pacspace-verify` prints for people: every verb on the
//! bundled samples, and every kind of usage error. A wording change shows
//! up here as a failed test and a diff to commit deliberately.
//!
//! Updating: `INSTA_UPDATE=always cargo test -p pacspace-verify --test
//! cli_snapshots` (or `cargo insta review`), then read the diff of
//! `cli/tests/snapshots/` before committing. Under `CI`, a missing snapshot
//! fails: nothing is written.

mod common;
mod support;

use std::path::Path;
use std::process::Output;
use support::server::{Reply, TestServer};

const SECRET_VAR: &str = "PACSPACE_TEST_WEBHOOK_SECRET";
const SECRET: &str = "whsec_pacspace_demo_not_a_real_secret";

fn run(args: &[&str], stdin: &[u8]) -> Output {
    common::run_cli(args, stdin, &[(SECRET_VAR, SECRET)])
}

/// Exit code, standard output and standard error in one text.
fn shown(o: &Output) -> String {
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        o.status.code().map_or("signal".into(), |c| c.to_string()),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Asserts `text` against the committed snapshot `name`; under CI a missing
/// snapshot is a failure, whatever INSTA_UPDATE says.
fn check(name: &str, text: String) {
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("cli_snapshots__{name}.snap"));
    assert!(
        !ci || file.exists(),
        "snapshot {} is missing: run the tests locally, review and commit it",
        file.display()
    );
    insta::assert_snapshot!(name, text);
}

fn sample(name: &str) -> String {
    format!("examples/receipts/{name}")
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(common::repo_root().join(path)).expect("sample")
}

#[test]
fn item_verbs() {
    let delta = sample("emit-delta.json");
    check("canonical", shown(&run(&["canonical", &delta], b"")));
    check("item_hash", shown(&run(&["item-hash", &delta], b"")));
    check("root", shown(&run(&["root", "examples/batch.json"], b"")));
    let prove = run(&["prove", "--index", "4", "examples/batch.json"], b"");
    check("prove", shown(&prove));
    check(
        "verify_proof_consistent",
        shown(&run(&["verify-proof"], &prove.stdout)),
    );
    let root = String::from_utf8(run(&["root", "examples/batch.json"], b"").stdout).unwrap();
    let args = [
        "verify-proof",
        "--expect-root",
        root.trim_end(),
        "--expect-count",
        "5",
    ];
    check("verify_proof_verified", shown(&run(&args, &prove.stdout)));
    let args = [
        "verify-proof",
        "--expect-root",
        root.trim_end(),
        "--expect-count",
        "6",
    ];
    check("verify_proof_count_differs", shown(&run(&args, &prove.stdout)));
}

#[test]
fn receipt_verb() {
    let emit = sample("emit.json");
    let delta = sample("emit-delta.json");
    check("receipt_emit_consistent", shown(&run(&["receipt", &emit], b"")));
    check(
        "receipt_emit_verified",
        shown(&run(&["receipt", &emit, "--items", &delta], b"")),
    );
    let changed = String::from_utf8(read(&emit))
        .unwrap()
        .replace("\"delta\": 42.5", "\"delta\": 4250");
    check(
        "receipt_emit_changed",
        shown(&run(&["receipt", "-", "--items", &delta], changed.as_bytes())),
    );
    check(
        "receipt_batch_verified",
        shown(&run(
            &[
                "receipt",
                &sample("batch.json"),
                "--items",
                &sample("batch-deltas.json"),
            ],
            b"",
        )),
    );
    check(
        "receipt_verify_answer_nothing_checkable",
        shown(&run(&["receipt", &sample("verify-answer.json")], b"")),
    );
    check(
        "receipt_webhook_event_verified",
        shown(&run(
            &["receipt", &sample("webhook.json"), "--items", &delta],
            b"",
        )),
    );
}

#[test]
fn webhook_verb() {
    let text = String::from_utf8(read(&sample("webhook.headers"))).unwrap();
    let get = |k: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(k))
            .expect("header")
            .trim_start_matches(": ")
            .to_string()
    };
    let (sig, ts) = (get("X-PacSpace-Signature"), get("X-PacSpace-Timestamp"));
    let now = (ts.parse::<i64>().unwrap() + 60).to_string();
    let root = "0x78c1055a57dc9eba355b66db3096089c48ad6c69f6b51154c5b1f3060cbbeb0f";
    let delta = sample("emit-delta.json");
    let mut args = vec![
        "webhook",
        "--secret-env",
        SECRET_VAR,
        "--signature",
        &sig,
        "--timestamp",
        &ts,
        "--now",
        &now,
    ];
    args.extend(["--items", &delta, "--expect-receipt", root, "-"]);
    check(
        "webhook_verified",
        shown(&run(&args, &read(&sample("webhook.json")))),
    );
    let args = [
        "webhook",
        "--secret-env",
        SECRET_VAR,
        "--signature",
        "v1=00",
        "--timestamp",
        &ts,
        "--now",
        &now,
        "-",
    ];
    check(
        "webhook_bad_signature",
        shown(&run(&args, &read(&sample("webhook.json")))),
    );
}

#[test]
fn chain_verb() {
    let chain = sample("chain.jsonl");
    check("chain_consistent", shown(&run(&["chain", &chain], b"")));
    let text = String::from_utf8(read(&chain)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let dropped = format!("{}\n{}\n", lines[0], lines[2]);
    check(
        "chain_link_broken",
        shown(&run(
            &["chain", "--require", "consistent", "-"],
            dropped.as_bytes(),
        )),
    );
}

#[test]
fn fetch_verb() {
    let answer = String::from_utf8(read(&sample("verify-answer.json"))).unwrap();
    let root = "0xeace00dfa25164afa3d9985d8a22c58f435a906bf30f4cc80c1e3e521a350630";
    let server = TestServer::start(vec![Reply::json(200, &answer)]);
    let o = run(
        &[
            "fetch",
            root,
            "--base-url",
            &server.base_url,
            "--items",
            &sample("verify-answer-deltas.json"),
        ],
        b"",
    );
    check(
        "fetch_verified",
        shown(&o).replace(&server.base_url, "http://127.0.0.1:PORT"),
    );
}

#[test]
fn usage_errors() {
    check("usage_bare", shown(&run(&[], b"")));
    check("usage_missing_argument", shown(&run(&["prove"], b"[]")));
    check("usage_unknown_verb", shown(&run(&["recipt", "emit.json"], b"")));
    check(
        "usage_two_stdin",
        shown(&run(&["receipt", "-", "--items", "-"], b"")),
    );
    check(
        "usage_bad_require",
        shown(&run(
            &["receipt", "--require", "certain", &sample("emit.json")],
            b"",
        )),
    );
}

#[test]
fn bundle_verb() {
    let create = |extra: &[&str]| {
        let mut args = vec![
            "bundle",
            "create",
            "examples/receipts/batch.json",
            "--items",
            "examples/receipts/batch-deltas.json",
            "--only",
            "0",
        ];
        args.extend_from_slice(extra);
        run(&args, b"")
    };
    let plain = create(&[]);
    check("bundle_create", shown(&plain));
    check(
        "bundle_verify_verified",
        shown(&run(&["bundle", "verify", "-"], &plain.stdout)),
    );
    check(
        "bundle_verify_anchored_required_no_ledger",
        shown(&run(
            &["bundle", "verify", "-", "--require", "anchored"],
            &plain.stdout,
        )),
    );
    let anchored = create(&["--ledger-answers", "examples/ledger/answers.json"]);
    check(
        "bundle_verify_anchored",
        shown(&run(
            &["bundle", "verify", "-", "--require", "anchored"],
            &anchored.stdout,
        )),
    );
    let mut v: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    v["items"][0]["delta"]["delta"] = 1000.into();
    check(
        "bundle_verify_changed",
        shown(&run(&["bundle", "verify", "-"], v.to_string().as_bytes())),
    );
    check(
        "bundle_verify_newer_major",
        shown(&run(
            &["bundle", "verify", "tests/data/bundles/future/v2.json"],
            b"",
        )),
    );
    check(
        "bundle_create_not_in_receipt",
        shown(&run(
            &[
                "bundle",
                "create",
                "examples/receipts/emit.json",
                "--items",
                "examples/receipts/batch-deltas.json",
            ],
            b"",
        )),
    );
    check(
        "usage_bundle_two_stdin",
        shown(&run(&["bundle", "create", "-", "--items", "-"], b"")),
    );
    check(
        "usage_bundle_no_items",
        shown(&run(&["bundle", "create", "-"], b"")),
    );
}

#[test]
fn audit_verb() {
    let export = [
        "audit",
        "--deltas",
        "examples/audit/deltas.jsonl",
        "--receipts",
        "examples/audit/receipts.jsonl",
        "--answers",
        "examples/audit/answers.jsonl",
    ];
    check("audit_sample_export", shown(&run(&export, b"")));
    check(
        "audit_sample_export_csv_deltas",
        shown(&run(
            &[
                "audit",
                "--deltas",
                "examples/audit/deltas.csv",
                "--receipts",
                "examples/audit/receipts.jsonl",
            ],
            b"",
        )),
    );
    check(
        "usage_audit_no_receipts",
        shown(&run(&["audit", "--deltas", "examples/audit/deltas.jsonl"], b"")),
    );
}

#[test]
fn wire_delta_verb() {
    check(
        "wire_delta_summary",
        shown(&run(
            &["wire-delta", "-"],
            br#"[{"customerId":"cust_1","delta":12,"windowStart":"2025-01-01T00:00:00Z","windowEnd":"2025-01-02T00:00:00Z"},
                 {"customerId":"cust_2","delta":1.5,"reason":"api_calls","referenceId":"r1","windowStart":"2025-01-01T00:00:00Z","windowEnd":"2025-01-02T00:00:00Z"}]"#,
        )),
    );
    check(
        "usage_wire_delta_no_window",
        shown(&run(
            &["wire-delta", "-"],
            br#"{"customerId":"cust_1","delta":12}"#,
        )),
    );
}
