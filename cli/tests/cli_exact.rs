//! `canonical` and `item-hash` under `--key-order` / `--strings`, and
//! `wire-delta`, against the known answers in tests/data/variants-v1.json
//! (computed with the official SDK and Node).

mod common;

use serde_json::Value;
use std::process::Output;

fn run(args: &[&str], stdin: &[u8]) -> Output {
    common::run_cli(args, stdin, &[])
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf8")
}

fn variants() -> Value {
    let path = common::repo_root().join("tests/data/variants-v1.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("vectors")).expect("JSON")
}

fn assert_bad_input(o: &Output) {
    assert_eq!(
        o.status.code(),
        Some(2),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    // Usage errors print clap's whole message; bad input one line.
    assert!(!String::from_utf8_lossy(&o.stderr).trim().is_empty());
    assert!(o.stdout.is_empty());
}

#[test]
fn canonical_under_each_option() {
    let v = variants();
    for case in v["canonical"].as_array().expect("cases") {
        let text = case["text"].as_str().expect("text");
        for (group, order) in [("codeUnits", "code-units"), ("jsObject", "js-object")] {
            for strings in ["refuse", "js"] {
                let o = run(
                    &["canonical", "--key-order", order, "--strings", strings],
                    text.as_bytes(),
                );
                match case[group][strings].as_str() {
                    Some(want) => {
                        assert_eq!(o.status.code(), Some(0), "{text} {order} {strings}");
                        assert_eq!(stdout(&o), format!("{want}\n"));
                    }
                    None => assert_bad_input(&o),
                }
            }
        }
    }
}

#[test]
fn default_canonical_names_a_lone_surrogate() {
    let o = run(&["canonical"], br#"{"s":"\ud800"}"#);
    assert_bad_input(&o);
    assert!(String::from_utf8_lossy(&o.stderr).contains("lone surrogate \\ud800"));
    let o = run(&["canonical", "--strings", "js"], br#"{"s":"\ud800"}"#);
    assert_eq!(stdout(&o), "{\"s\":\"\\ud800\"}\n");
}

#[test]
fn item_hash_under_each_option() {
    let v = variants();
    let mut checked = 0;
    for item in v["items"].as_array().expect("items") {
        for h in item["hashes"].as_array().expect("hashes") {
            let (Some(canonical), Some(want)) = (h["canonical"].as_str(), h["itemHash"].as_str()) else {
                continue;
            };
            let m = &h["mapping"];
            let order = m["keyOrder"].as_str().expect("order");
            let strings = m["strings"].as_str().expect("strings");
            // The item's own canonical text, hashed under the mapping's options.
            let o = run(
                &["item-hash", "--key-order", order, "--strings", strings],
                canonical.as_bytes(),
            );
            assert_eq!(o.status.code(), Some(0), "{canonical}");
            assert_eq!(stdout(&o).trim_end(), want, "{canonical}");
            checked += 1;
        }
    }
    assert!(checked >= 100);
}

#[test]
fn bad_option_values_are_bad_input() {
    assert_bad_input(&run(&["canonical", "--key-order", "sorted"], b"{}"));
    assert_bad_input(&run(&["item-hash", "--strings", "lossy"], b"{}"));
    assert_bad_input(&run(&["item-hash", "--strings", "js"], b"[1]"));
}

#[test]
fn wire_delta_as_the_sdk_sends_it() {
    let v = variants();
    let mut sent = Vec::new();
    let mut queued = Vec::new();
    for case in v["summaries"].as_array().expect("summaries") {
        let summary = case["summary"].as_str().expect("summary");
        let o = run(
            &[
                "wire-delta",
                "--profile",
                case["profile"].as_str().expect("profile"),
                "--default-reason",
                case["defaultReason"].as_str().expect("reason"),
            ],
            summary.as_bytes(),
        );
        match case["wireDelta"].as_str() {
            Some(want) => {
                assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
                assert_eq!(stdout(&o), format!("{want}\n"));
                if case["profile"] == "daily" && case["defaultReason"] == "usage_summary" {
                    sent.push(want.to_string());
                    queued.push(summary.to_string());
                }
            }
            None => assert_bad_input(&o),
        }
    }
    // An array in, an array out, in order.
    assert!(queued.len() >= 2);
    let o = run(&["wire-delta"], format!("[{}]", queued.join(",")).as_bytes());
    assert_eq!(stdout(&o), format!("[{}]\n", sent.join(",")));
}
