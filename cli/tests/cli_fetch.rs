//! `pacspace-verify fetch` against a real server on 127.0.0.1.

mod support;

use pacspace_proof::receipt::SubmittedDelta;
use pacspace_proof::{ItemMapping, NodeEncoding, items_root};
use serde_json::{Value, json};
use std::process::{Command, Output};
use support::server::{Reply, TestServer};

fn fetch(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pacspace-verify"))
        .arg("fetch")
        .args(args)
        .env("PACSPACE_TEST_KEY", "k-123")
        .output()
        .expect("run pacspace-verify")
}

/// Writes the deltas to a temporary file; returns its path and their root.
fn deltas_file(name: &str) -> (std::path::PathBuf, String) {
    let v = json!([
        {"customerId": "cust_a", "delta": 25, "reason": "top-up"},
        {"customerId": "cust_b", "delta": -3, "reason": "usage", "referenceId": "u-9"},
    ]);
    let ds = SubmittedDelta::list_from_value(&v).unwrap();
    let leaves: Vec<_> = ds
        .iter()
        .map(|d| d.item_hash(ItemMapping::default()).unwrap())
        .collect();
    let path = std::env::temp_dir().join(format!("pacspace-cli-fetch-{}-{name}.json", std::process::id()));
    std::fs::write(&path, v.to_string()).unwrap();
    (path, items_root(&leaves, NodeEncoding::Hex0x).to_string())
}

fn answer(root: &str, second_amount: i64) -> String {
    json!({"success": true, "data": {"verified": true, "proofRoot": root, "records": [
        {"amount": 25, "reason": "top-up", "referenceId": null, "status": "ANCHORED"},
        {"amount": second_amount, "reason": "usage", "referenceId": "u-9", "status": "ANCHORED"}]}})
    .to_string()
}

fn code(o: &Output) -> Option<i32> {
    o.status.code()
}

#[test]
fn genuine_answer_exits_0_with_a_json_report() {
    let (items, root) = deltas_file("genuine");
    let server = TestServer::start(vec![Reply::json(200, &answer(&root, -3))]);
    let out = fetch(&[
        &root,
        "--base-url",
        &server.base_url,
        "--items",
        items.to_str().unwrap(),
        "--source",
        "db",
        "--json",
    ]);
    assert_eq!(code(&out), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((&v["schemaVersion"], &v["verb"]), (&json!(1), &json!("fetch")));
    assert_eq!((&v["verdict"], &v["level"]), (&json!("pass"), &json!("verified")));
    assert_eq!(v["reports"][0]["nodeEncoding"], "hex0x");
    assert_eq!(v["reports"][0]["level"], "verified");
    assert_eq!(v["receiptId"], root);
    assert_eq!(
        server.requests()[0].url,
        format!("/api/v1/verify/{root}?source=db")
    );
}

#[test]
fn tampered_answer_exits_1_and_names_the_field() {
    let (items, root) = deltas_file("tampered");
    let server = TestServer::start(vec![Reply::json(200, &answer(&root, -30))]);
    let out = fetch(&[
        &root,
        "--base-url",
        &server.base_url,
        "--items",
        items.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("FAIL  records[1].amount"), "{text}");
    assert!(
        text.trim_end()
            .ends_with("\nverdict: FAIL (level not_verified is below the required verified)"),
        "{text}"
    );
}

#[test]
fn anchor_status_uses_the_api_key_from_the_environment() {
    let (items, root) = deltas_file("anchor");
    let status = json!({"status": "ANCHORED", "receiptId": root, "deltaCount": 2}).to_string();
    let server = TestServer::start(vec![
        Reply::json(200, &answer(&root, -3)),
        Reply::json(200, &status),
    ]);
    let out = fetch(&[
        &root,
        "--base-url",
        &server.base_url,
        "--items",
        items.to_str().unwrap(),
        "--anchor-id",
        "anc_7",
        "--api-key-env",
        "PACSPACE_TEST_KEY",
    ]);
    assert_eq!(code(&out), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("verify-endpoint answer: ") && text.contains("\ndelta status answer: "),
        "{text}"
    );
    assert!(
        text.trim_end()
            .ends_with("verdict: PASS (level verified reached; required verified)"),
        "{text}"
    );
    let seen = server.requests();
    assert_eq!(seen[1].url, "/api/v1/balance/delta/anc_7");
    assert_eq!(seen[1].api_key.as_deref(), Some("k-123"));
}

#[test]
fn without_items_nothing_is_verified() {
    let (_, root) = deltas_file("noitems");
    let server = TestServer::start(vec![Reply::json(200, &answer(&root, -3))]);
    let out = fetch(&[&root, "--base-url", &server.base_url, "--require", "consistent"]);
    assert_eq!(code(&out), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("\nlevel: not_verified (nothing could be checked)"),
        "{text}"
    );
    assert!(
        text.trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("verdict: FAIL"),
        "{text}"
    );
}

#[test]
fn items_from_standard_input() {
    let (items, root) = deltas_file("stdin");
    let server = TestServer::start(vec![Reply::json(200, &answer(&root, -3))]);
    let deltas = std::fs::read(&items).unwrap();
    let out = support::run_with_stdin(
        &["fetch", &root, "--base-url", &server.base_url, "--items", "-"],
        &deltas,
    );
    assert_eq!(code(&out), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn fetch_failures_and_bad_arguments_exit_2_with_one_line() {
    let server = TestServer::start(vec![Reply::json(404, r#"{"success":false,"error":"not found"}"#)]);
    let root = format!("0x{}", "11".repeat(32));
    let cases: Vec<Vec<String>> = vec![
        vec![root.clone(), "--base-url".into(), server.base_url.clone()],
        vec!["0x12".into(), "--base-url".into(), server.base_url.clone()],
        vec![
            root.clone(),
            "--api-key-env".into(),
            "PACSPACE_UNSET_VARIABLE".into(),
        ],
        vec![root.clone(), "--timeout".into(), "0".into()],
    ];
    for args in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = fetch(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(code(&out), Some(2), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    }
    // Usage errors: clap's whole message.
    for (args, needle) in [
        (
            vec![root.as_str(), "--source", "ledger"],
            "invalid value 'ledger' for '--source",
        ),
        (vec![root.as_str(), "--timeout", "-1"], "unexpected argument '-1'"),
        (vec![], "<RECEIPT_ID>"),
    ] {
        let out = fetch(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(code(&out), Some(2), "{args:?}: {err}");
        assert!(
            err.starts_with("error: ") && err.contains(needle),
            "{args:?}: {err}"
        );
        assert!(
            err.contains("For more information, try '--help'."),
            "{args:?}: {err}"
        );
    }
}
