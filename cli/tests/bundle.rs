//! `pacspace-verify bundle create|verify`, run as a user would: create from
//! the stored artefacts in examples/receipts, verify the result, change it,
//! and read the exit codes and the field named.

mod common;

use common::{repo_root, run_cli};
use serde_json::Value;

fn ok_stdout(args: &[&str]) -> String {
    let out = run_cli(args, b"", &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn create(receipt: &str, items: &str, extra: &[&str]) -> String {
    let mut args = vec!["bundle", "create", receipt, "--items", items];
    args.extend_from_slice(extra);
    ok_stdout(&args)
}

/// `bundle verify - --json` on `text`: (exit code, JSON).
fn verify_json(text: &str, require: &str) -> (i32, Value) {
    let out = run_cli(
        &["bundle", "verify", "-", "--json", "--require", require],
        text.as_bytes(),
        &[],
    );
    let code = out.status.code().expect("exit code");
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (code, json)
}

const E: &str = "examples/receipts";

#[test]
fn emit_batch_and_webhook_round_trip() {
    let cases: [(&str, &str, &[&str], usize); 5] = [
        ("emit.json", "emit-delta.json", &[], 1),
        ("batch.json", "batch-deltas.json", &["--only", "1"], 1),
        ("batch.json", "batch-deltas.json", &[], 3),
        (
            "batch.json",
            "batch-deltas.json",
            &["--only", "0", "--only", "3", "--all-item-hashes"],
            2,
        ),
        ("webhook.json", "emit-delta.json", &[], 1),
    ];
    for (receipt, items, extra, n) in cases {
        let text = create(&format!("{E}/{receipt}"), &format!("{E}/{items}"), extra);
        let (code, json) = verify_json(&text, "verified");
        assert_eq!(code, 0, "{receipt} {extra:?}: {json:#}");
        assert_eq!(json["schemaVersion"], 1);
        assert_eq!(json["verb"], "bundle verify");
        assert_eq!(
            (json["verdict"].as_str(), json["level"].as_str()),
            (Some("pass"), Some("verified"))
        );
        assert_eq!(json["items"].as_array().map(Vec::len), Some(n), "{receipt}");
        assert!(json["checks"].as_array().is_some_and(|c| !c.is_empty()));
        assert!(
            json["notChecked"]
                .as_array()
                .is_some_and(|m| m.iter().any(|x| x.as_str().unwrap().contains("ledger")))
        );
        assert_eq!(
            json["root"],
            serde_json::from_str::<Value>(&text).unwrap()["root"]
        );
        // The same bundle from a file, as text.
        let path = std::env::temp_dir().join(format!("pacspace-bundle-{}-{receipt}", std::process::id()));
        std::fs::write(&path, &text).unwrap();
        let out = ok_stdout(&["bundle", "verify", path.to_str().unwrap()]);
        assert!(
            out.trim_end()
                .ends_with("verdict: PASS (level verified reached; required verified)"),
            "{out}"
        );
        std::fs::remove_file(path).ok();
    }
}

#[test]
fn the_required_level_sets_the_exit_code() {
    let text = create(&format!("{E}/emit.json"), &format!("{E}/emit-delta.json"), &[]);
    assert_eq!(verify_json(&text, "consistent").0, 0);
    let (code, json) = verify_json(&text, "anchored");
    assert_eq!(code, 1, "{json:#}");
    assert_eq!(
        (json["required"].as_str(), json["verdict"].as_str()),
        (Some("anchored"), Some("fail"))
    );
    // What is missing is said.
    let out = run_cli(
        &["bundle", "verify", "-", "--require", "anchored"],
        text.as_bytes(),
        &[],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("carries no ledger answers"), "{stdout}");
    let out = run_cli(
        &["bundle", "verify", "-", "--require", "certain"],
        text.as_bytes(),
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn recorded_ledger_answers_reach_anchored_offline() {
    let answers = repo_root().join("examples/ledger/answers.json");
    let text = create(
        &format!("{E}/batch.json"),
        &format!("{E}/batch-deltas.json"),
        &["--only", "0", "--ledger-answers", answers.to_str().unwrap()],
    );
    let (code, json) = verify_json(&text, "anchored");
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(
        (json["level"].as_str(), json["verdict"].as_str()),
        (Some("anchored"), Some("pass"))
    );
    assert_eq!(json["ledger"]["network"], "testnet");
    assert_eq!(json["anchor"]["verdict"], "anchored");
    assert_eq!(json["anchor"]["root"], json["root"]);
    let anchor_check = json["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "ledger anchor")
        .expect("a ledger anchor check");
    assert_eq!(
        (anchor_check["outcome"].as_str(), anchor_check["basis"].as_str()),
        (Some("pass"), Some("ledger"))
    );
    // The same decision as `anchor --ledger-answers` makes from the same file.
    let root = json["root"].as_str().unwrap().to_string();
    let out = run_cli(
        &[
            "anchor",
            "--root",
            &root,
            "--ledger-answers",
            answers.to_str().unwrap(),
            "--json",
        ],
        b"",
        &[],
    );
    let anchor: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(anchor["verdict"], json["anchor"]["verdict"]);
    assert_eq!(anchor["finding"], json["anchor"]["finding"]);
    assert_eq!(anchor["consensusTime"], json["anchor"]["consensusTime"]);

    // A recorded body changed: named, and the level falls.
    let mut v: Value = serde_json::from_str(&text).unwrap();
    let body = v["ledger"]["answers"][0]["body"]
        .as_str()
        .unwrap()
        .replace("SUCCESS", "FAILURE");
    v["ledger"]["answers"][0]["body"] = Value::from(body.clone());
    let (code, json) = verify_json(&v.to_string(), "anchored");
    assert_eq!(
        (code, json["level"].as_str()),
        (1, Some("not_verified")),
        "{json:#}"
    );
    let fields: Vec<&str> = failures(&json);
    assert!(fields.contains(&"ledger.answers[0].body"), "{fields:?}");
    assert!(fields.contains(&"ledger.answers[0]"), "{fields:?}");
    // The root's bytes changed in the mirror node's answer, its digest
    // recomputed and the seal removed: the ledger itself now says no (the
    // mirror node's call data no longer holds the root, the relay's does).
    let body = v["ledger"]["answers"][0]["body"]
        .as_str()
        .unwrap()
        .replace("FAILURE", "SUCCESS")
        .replace("eace00dfa2", "eace00dfa3");
    v["ledger"]["answers"][0]["body"] = Value::from(body.clone());
    let digest = pacspace_proof::ledger::sha256_hex(body.as_bytes());
    v["ledger"]["answers"][0]["bodySha256"] = Value::from(digest);
    v.as_object_mut().unwrap().remove("seal");
    let (code, json) = verify_json(&v.to_string(), "anchored");
    assert_eq!(
        (code, json["level"].as_str()),
        (1, Some("not_verified")),
        "{json:#}"
    );
    assert!(failures(&json).contains(&"ledger"), "{:?}", failures(&json));
    assert_ne!(json["anchor"]["verdict"], "anchored");

    // Another transaction: the seal names it; unsealed, the answers are
    // about another transaction and the ledger does not anchor the root there.
    let mut v: Value = serde_json::from_str(&text).unwrap();
    let other = format!("0x{}", "5a".repeat(32));
    v["ledger"]["transaction"] = Value::from(other.as_str());
    let (code, json) = verify_json(&v.to_string(), "anchored");
    assert_eq!(code, 1);
    assert!(
        failures(&json).contains(&"ledger.transaction"),
        "{:?}",
        failures(&json)
    );
    // Unsealed: no recorded answer is about that transaction, so the ledger
    // module cannot decide (exit 3: look it up by hand), and never anchored.
    v.as_object_mut().unwrap().remove("seal");
    let (code, json) = verify_json(&v.to_string(), "anchored");
    assert_eq!(code, 3, "{json:#}");
    assert_eq!(json["level"], "verified");
    assert_eq!(json["anchor"]["verdict"], "undetermined");
    assert_eq!(json["anchor"]["tx"], other.as_str());

    // Answers about another root are refused at create time.
    let out = run_cli(
        &[
            "bundle",
            "create",
            &format!("{E}/emit.json"),
            "--items",
            &format!("{E}/emit-delta.json"),
            "--ledger-answers",
            answers.to_str().unwrap(),
        ],
        b"",
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ledger answers") && err.contains("not anchored"),
        "{err}"
    );
}

#[test]
fn undetermined_ledger_answers_exit_3_when_anchored_is_required() {
    // Only the relay's first answer kept: one source of two configured
    // answers nothing usable, and the quorum is not met.
    let path = repo_root().join("examples/ledger/answers.json");
    let mut answers: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let kept: Vec<Value> = answers["answers"].as_array().unwrap()[..1].to_vec();
    let mut failed = answers["answers"][1].clone();
    failed["status"] = Value::Null;
    failed["body"] = Value::from("");
    failed["bodySha256"] = Value::from(pacspace_proof::ledger::sha256_hex(b""));
    failed["error"] = Value::from("no answer within 15 s");
    answers["answers"] = Value::Array([kept, vec![failed]].concat());
    let file = std::env::temp_dir().join(format!(
        "pacspace-bundle-undetermined-{}.json",
        std::process::id()
    ));
    std::fs::write(&file, answers.to_string()).unwrap();
    let text = create(
        &format!("{E}/batch.json"),
        &format!("{E}/batch-deltas.json"),
        &["--only", "1", "--ledger-answers", file.to_str().unwrap()],
    );
    std::fs::remove_file(&file).ok();
    let (code, json) = verify_json(&text, "anchored");
    assert_eq!(code, 3, "{json:#}");
    assert_eq!(
        (json["level"].as_str(), json["anchor"]["verdict"].as_str()),
        (Some("verified"), Some("undetermined"))
    );
    assert!(
        json["notChecked"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m.as_str().unwrap().starts_with("ledger anchor"))
    );
    // Verified is still reached.
    assert_eq!(verify_json(&text, "verified").0, 0);
}

fn failures(json: &Value) -> Vec<&str> {
    json["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["outcome"] == "fail")
        .map(|c| c["failure"]["field"].as_str().unwrap())
        .collect()
}

#[test]
fn tampering_is_caught_and_the_field_named() {
    let text = create(
        &format!("{E}/batch.json"),
        &format!("{E}/batch-deltas.json"),
        &["--only", "0", "--only", "1"],
    );
    let original: Value = serde_json::from_str(&text).unwrap();
    let changes: [(&str, Value, &str); 6] = [
        ("/items/1/delta/delta", Value::from(-2.05), "items[1].delta.delta"),
        (
            "/items/0/delta/referenceId",
            Value::from("inv_2026_0002"),
            "items[0].delta.referenceId",
        ),
        ("/receipt/anchorId", Value::from("anc_other"), "receipt.anchorId"),
        ("/receipt/status", Value::from("ANCHORED"), "receipt.status"),
        ("/nodeEncoding", Value::from("bytes"), "nodeEncoding"),
        ("/leafCount", Value::from(4), "leafCount"),
    ];
    for (pointer, value, field) in changes {
        let mut v = original.clone();
        *v.pointer_mut(pointer).unwrap() = value;
        let (code, json) = verify_json(&v.to_string(), "consistent");
        assert_eq!(code, 1, "{pointer}: {json:#}");
        assert_eq!(json["level"], "not_verified");
        assert!(
            failures(&json).contains(&field),
            "{pointer}: {:?}",
            failures(&json)
        );
        // The text report names it too, on a FAIL line.
        let out = run_cli(&["bundle", "verify", "-"], v.to_string().as_bytes(), &[]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout
                .lines()
                .any(|l| l.starts_with("  FAIL") && l.contains(field)),
            "{stdout}"
        );
    }
    // Without the seal, a changed amount is still caught by the hashes.
    let mut v = original.clone();
    v.as_object_mut().unwrap().remove("seal");
    *v.pointer_mut("/items/1/delta/delta").unwrap() = Value::from(-2.05);
    let (code, json) = verify_json(&v.to_string(), "consistent");
    assert_eq!(code, 1);
    assert!(
        failures(&json).contains(&"items[1].delta"),
        "{:?}",
        failures(&json)
    );
}

#[test]
fn bad_input_exits_2_with_one_line() {
    let cases: [(&[u8], &str); 5] = [
        (
            b"0x78c1055a57dc9eba355b66db3096089c48ad6c69f6b51154c5b1f3060cbbeb0f",
            "not valid JSON",
        ),
        (b"{\"format\":\"pacspace-proof-bundle/v2\"}", "newer version"),
        (
            b"{\"format\":\"pacspace-ledger-answers/v1\"}",
            "not a proof bundle",
        ),
        (b"[1,2]", "not a proof bundle"),
        (
            b"{\"format\":\"pacspace-proof-bundle/v1\",\"receipt\":{}}",
            "receipt.source: missing",
        ),
    ];
    for (stdin, expect) in cases {
        let out = run_cli(&["bundle", "verify"], stdin, &[]);
        assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(stdin));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("pacspace-verify: ") && err.contains(expect),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    // A receipt is not a bundle: the message says what it is.
    let out = run_cli(&["bundle", "verify", &format!("{E}/emit.json")], b"", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("looks like a receipt (emit response)"));
    // create refuses a FAILED delta and a delta not in the receipt.
    for (receipt, items, extra, expect) in [
        (
            "batch.json",
            "batch-deltas.json",
            vec!["--only", "2"],
            "FAILED by the service",
        ),
        ("emit.json", "batch-deltas.json", vec![], "is not in the receipt"),
        (
            "batch.json",
            "batch-deltas.json",
            vec!["--only", "9"],
            "does not exist",
        ),
    ] {
        let mut args = vec!["bundle", "create", receipt, "--items", items];
        args.extend(extra);
        let args: Vec<String> = args
            .iter()
            .map(|a| {
                if a.ends_with(".json") {
                    format!("{E}/{a}")
                } else {
                    a.to_string()
                }
            })
            .collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run_cli(&args, b"", &[]);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(expect),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty());
    }
}
