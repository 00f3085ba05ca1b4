//! The receipt verbs of `pacspace-verify` on the bundled samples: the level
//! each reaches (consistent without the user's data, verified with it,
//! not_verified when tampered), exit 0 when `--require` is met and 1 when
//! not, garbage → 2 with one line on stderr, never a panic.

mod common;

use common::{SECRET, SECRET_VAR, assert_bad_input, assert_code, out, sample};
use serde_json::Value;
use std::process::Output;

fn run(args: &[&str], stdin: &[u8]) -> Output {
    common::run_cli(args, stdin, &[(SECRET_VAR, SECRET)])
}

fn temp(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("pacspace-cli-receipts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write temp");
    p.display().to_string()
}

fn emit_root() -> String {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(sample("emit.json")).unwrap()).unwrap();
    v["data"]["receiptId"].as_str().unwrap().to_string()
}

// ---- receipt ----

#[test]
fn receipt_genuine_samples_exit_0_with_findings() {
    let root = emit_root();
    let o = run(
        &[
            "receipt",
            &sample("emit.json"),
            "--items",
            &sample("emit-delta.json"),
            "--expect-receipt",
            &root,
        ],
        b"",
    );
    assert_code(&o, 0);
    let text = out(&o);
    assert!(
        text.starts_with("emit response: 6 check(s): 6 ok, 0 failed"),
        "{text}"
    );
    assert!(text.contains("node encoding: hex0x (detected"), "{text}");
    assert!(
        text.contains("item mapping (delta 0): amount key \"delta\", absent referenceId omitted"),
        "{text}"
    );
    assert!(text.contains("  ok    stored receipt:"), "{text}");
    assert!(
        text.contains("\nlevel: verified (your own data reproduced"),
        "{text}"
    );
    assert!(
        text.trim_end()
            .ends_with("\nverdict: PASS (level verified reached; required verified)"),
        "{text}"
    );
    for (artefact, items) in [
        ("batch.json", "batch-deltas.json"),
        ("verify-answer.json", "verify-answer-deltas.json"),
    ] {
        let o = run(&["receipt", &sample(artefact), "--items", &sample(items)], b"");
        assert_code(&o, 0);
        assert!(out(&o).contains("\nlevel: verified ("), "{artefact}: {}", out(&o));
    }
    // The webhook body is an artefact too (no signature check here); standard input works.
    let body = std::fs::read(sample("webhook.json")).unwrap();
    let o = run(&["receipt", "-", "--items", &sample("emit-delta.json")], &body);
    assert_code(&o, 0);
    assert!(out(&o).starts_with("webhook event: "));
    // --items may be the one standard input instead.
    let delta = std::fs::read(sample("emit-delta.json")).unwrap();
    let o = run(&["receipt", &sample("webhook.json"), "--items", "-"], &delta);
    assert_code(&o, 0);
}

/// The levels of the bundled emit response: consistent on its own, verified
/// with the delta that was sent, not_verified once its amount is changed.
#[test]
fn emit_levels_without_items_with_items_and_changed() {
    let o = run(&["receipt", &sample("emit.json")], b"");
    assert_code(&o, 1);
    let t = out(&o);
    assert!(t.contains("\nlevel: consistent ("), "{t}");
    assert!(t.contains("\nnot checked: your own data: "), "{t}");
    assert!(
        t.trim_end()
            .ends_with("verdict: FAIL (level consistent is below the required verified)"),
        "{t}"
    );
    let o = run(&["receipt", "--require", "consistent", &sample("emit.json")], b"");
    assert_code(&o, 0);

    let o = run(
        &[
            "receipt",
            &sample("emit.json"),
            "--items",
            &sample("emit-delta.json"),
        ],
        b"",
    );
    assert_code(&o, 0);
    assert!(out(&o).contains("\nlevel: verified ("), "{}", out(&o));
    // Nothing here was looked up on the ledger.
    let o = run(
        &[
            "receipt",
            "--require",
            "anchored",
            &sample("emit.json"),
            "--items",
            &sample("emit-delta.json"),
        ],
        b"",
    );
    assert_code(&o, 1);
    assert!(out(&o).contains("not checked: the public ledger"), "{}", out(&o));

    let text = std::fs::read_to_string(sample("emit.json")).unwrap();
    let changed = text.replace("\"delta\": 42.5", "\"delta\": 4250");
    assert_ne!(changed, text);
    let o = run(
        &["receipt", "-", "--items", &sample("emit-delta.json")],
        changed.as_bytes(),
    );
    assert_code(&o, 1);
    assert!(
        out(&o).contains("\nlevel: not_verified (a check failed)"),
        "{}",
        out(&o)
    );
    assert!(
        out(&o).contains("FAIL  delta: expected 42.5, found 4250"),
        "{}",
        out(&o)
    );
    // Without the delta that was sent, the changed amount cannot be seen:
    // the receipt still agrees with itself, and that is all it says.
    let o = run(&["receipt", "--json", "-"], changed.as_bytes());
    assert_code(&o, 1);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (&v["verdict"], &v["level"]),
        (&"fail".into(), &"consistent".into())
    );
}

#[test]
fn receipt_json_output() {
    let o = run(
        &[
            "receipt",
            "--json",
            &sample("emit.json"),
            "--items",
            &sample("emit-delta.json"),
        ],
        b"",
    );
    assert_code(&o, 0);
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON report");
    assert_eq!(v["schemaVersion"], 1);
    assert_eq!(v["verb"], "receipt");
    assert_eq!(v["verdict"], "pass");
    assert_eq!(v["level"], "verified");
    assert_eq!(v["required"], "verified");
    assert_eq!(v["artefact"], "emit");
    assert_eq!(
        v["notChecked"],
        serde_json::json!(["the public ledger: the root was not looked up on the ledger"])
    );
    assert_eq!(v["nodeEncoding"], "hex0x");
    assert_eq!(v["encoding"]["finding"], "detected");
    assert_eq!(v["mappings"][0]["mapping"]["amountKey"], "delta");
    assert!(
        v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["outcome"] == "pass")
    );
}

#[test]
fn receipt_tampered_exit_1_naming_the_check() {
    let text = std::fs::read_to_string(sample("emit-delta.json")).unwrap();
    let tampered = temp(
        "emit-delta-tampered.json",
        text.replace("42.5", "42.25").as_bytes(),
    );
    let o = run(&["receipt", &sample("emit.json"), "--items", &tampered], b"");
    assert_code(&o, 1);
    let t = out(&o);
    assert!(t.contains("  FAIL  item hash of delta 0:"), "{t}");
    assert!(t.contains("  FAIL  delta: expected 42.25, found 42.5"), "{t}");
    assert!(t.contains("\nlevel: not_verified (a check failed)\n"), "{t}");
    assert!(
        t.trim_end()
            .ends_with("verdict: FAIL (level not_verified is below the required verified)"),
        "{t}"
    );

    let o = run(
        &[
            "receipt",
            "--json",
            &sample("emit.json"),
            "--expect-receipt",
            &format!("0x{}", "ab".repeat(32)),
        ],
        b"",
    );
    assert_code(&o, 1);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let failed: Vec<_> = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["outcome"] == "fail")
        .collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["name"], "stored receipt");
    assert_eq!(failed[0]["failure"]["kind"], "receiptIdMismatch");
    assert!(failed[0]["failure"]["message"].as_str().unwrap().contains("abab"));

    // Nothing checkable is not even consistent.
    let o = run(
        &[
            "receipt",
            "--require",
            "consistent",
            &sample("verify-answer.json"),
        ],
        b"",
    );
    assert_code(&o, 1);
    assert!(
        out(&o).contains("\nlevel: not_verified (nothing could be checked)"),
        "{}",
        out(&o)
    );
}

#[test]
fn receipt_garbage_exit_2() {
    assert_bad_input(&run(&["receipt", "-"], b"not json"));
    assert_bad_input(&run(&["receipt", "-"], br#"{"hello":1}"#));
    assert_bad_input(&run(
        &["receipt", "-"],
        br#"{"success":true,"data":{"itemHashes":["0x12"]}}"#,
    ));
    assert_bad_input(&run(&["receipt", "/nonexistent/emit.json"], b""));
    assert_bad_input(&run(
        &["receipt", &sample("emit.json"), "--items", "/nonexistent.json"],
        b"",
    ));
    assert_bad_input(&run(&["receipt", &sample("emit.json"), "--items", "-"], b"[1,"));
    let bad_items = temp("bad-items.json", br#"[{"customerId":"c","reason":"r"}]"#);
    assert_bad_input(&run(
        &["receipt", &sample("emit.json"), "--items", &bad_items],
        b"",
    ));
    assert_bad_input(&run(
        &["receipt", &sample("emit.json"), "--expect-receipt", "rcpt_1"],
        b"",
    ));
}

// ---- chain ----

#[test]
fn chain_genuine_tampered_garbage() {
    // Receipts only agree with each other: consistent at best.
    let o = run(&["chain", &sample("chain.jsonl")], b"");
    assert_code(&o, 1);
    assert!(out(&o).contains("\nlevel: consistent ("), "{}", out(&o));
    assert!(out(&o).contains("a chain is consistent at best"), "{}", out(&o));
    let o = run(&["chain", "--require", "consistent", &sample("chain.jsonl")], b"");
    assert_code(&o, 0);
    let t = out(&o);
    assert!(
        t.contains("receipts: 3 (3 lines)") && t.contains("node encoding: hex0x (detected)"),
        "{t}"
    );
    assert!(
        o.stderr.is_empty(),
        "no progress bar when stderr is not a terminal"
    );

    let o = run(
        &["chain", "--json", "--require", "consistent", "-"],
        &std::fs::read(sample("chain.jsonl")).unwrap(),
    );
    assert_code(&o, 0);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (v["verdict"].as_str(), v["level"].as_str(), v["receipts"].as_u64()),
        (Some("pass"), Some("consistent"), Some(3))
    );

    let text = std::fs::read_to_string(sample("chain.jsonl")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let dropped = temp(
        "chain-dropped.jsonl",
        format!("{}\n{}\n", lines[0], lines[2]).as_bytes(),
    );
    let o = run(&["chain", "--require", "consistent", &dropped], b"");
    assert_code(&o, 1);
    assert!(out(&o).contains("FAIL  line 2: previousProofHash"), "{}", out(&o));
    assert!(
        out(&o).contains("\nlevel: not_verified (a check failed)"),
        "{}",
        out(&o)
    );

    assert_bad_input(&run(
        &["chain", "-"],
        format!("{}\nnot json\n", lines[0]).as_bytes(),
    ));
    assert_bad_input(&run(&["chain", "/nonexistent.jsonl"], b""));
}
