//! The `pacspace-verify` contract for items, roots and proofs: outputs
//! that match the known-answer vectors, levels and `--require` on
//! `verify-proof`, exit codes 0/1/2, file or standard input, never a panic
//! (exit 101). Usage errors and the other manners: `cli_manners.rs`.

mod common;

use common::{assert_bad_input, h, load_vectors};
use serde_json::Value;
use std::process::Output;

fn run(args: &[&str], stdin: &[u8]) -> Output {
    common::run_cli(args, stdin, &[])
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf8")
}

/// The first check of a `--json` verdict whose outcome is `fail`.
fn first_failure(v: &Value) -> &Value {
    v["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .find(|c| c["outcome"] == "fail")
        .expect("a failed check")
}

fn tree(v: &Value, n: u64) -> &Value {
    v["trees"]
        .as_array()
        .expect("trees")
        .iter()
        .find(|t| t["count"] == n)
        .expect("tree")
}

#[test]
fn canonical_and_item_hash_match_vectors() {
    let v = load_vectors();
    for case in v["canonical"].as_array().expect("cases") {
        let o = run(&["canonical"], case["value"].to_string().as_bytes());
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(
            stdout(&o),
            format!("{}\n", case["canonical"].as_str().expect("str"))
        );
    }
    for case in v["items"].as_array().expect("items") {
        let o = run(&["item-hash", "-"], case["item"].to_string().as_bytes());
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(stdout(&o).trim_end(), case["itemHash"].as_str().expect("hash"));
    }
}

#[test]
fn root_from_items_file_and_from_hashes_under_each_encoding() {
    let v = load_vectors();
    let batch = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/batch.json");
    let o = run(&["root", batch], b"");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o).trim_end(),
        tree(&v, 5)["itemsRoot"].as_str().expect("root")
    );
    for n in [0u64, 1, 2, 3, 7, 17, 100] {
        let t = tree(&v, n);
        for (enc, root) in t["itemsRootByEncoding"].as_object().expect("by") {
            let o = run(
                &["root", "--node-encoding", enc],
                t["itemHashes"].to_string().as_bytes(),
            );
            assert_eq!(o.status.code(), Some(0));
            assert_eq!(stdout(&o).trim_end(), root.as_str().expect("root"), "n={n} {enc}");
        }
    }
}

#[test]
fn prove_prints_the_documented_object_and_verify_proof_accepts_it() {
    let v = load_vectors();
    let t = tree(&v, 9);
    let hashes = t["itemHashes"].to_string();
    for listed in t["proofs"].as_array().expect("proofs") {
        let i = listed["index"].as_u64().expect("index");
        let o = run(&["prove", "--index", &i.to_string()], hashes.as_bytes());
        assert_eq!(o.status.code(), Some(0));
        let text = stdout(&o);
        assert_eq!(text.lines().count(), 1);
        assert!(
            text.starts_with(&format!("{{\"index\":{i},\"count\":9,\"itemHash\":\"0x")),
            "{text}"
        );
        let proof: Value = serde_json::from_str(&text).expect("json");
        assert_eq!(proof["path"], listed["path"]);
        assert_eq!(h(&proof["itemsRoot"]), h(&t["itemsRoot"]));
        assert_eq!(proof["nodeEncoding"], "hex0x");
        // Against the root inside it only: consistent, below the default requirement.
        let own = run(&["verify-proof"], text.as_bytes());
        assert_eq!(own.status.code(), Some(1), "{}", stdout(&own));
        assert!(stdout(&own).contains("\nlevel: consistent ("), "{}", stdout(&own));
        let ok = run(&["verify-proof", "--require", "consistent"], text.as_bytes());
        assert_eq!(ok.status.code(), Some(0), "{}", stdout(&ok));
        let json = run(
            &[
                "verify-proof",
                "--json",
                "--expect-root",
                t["itemsRoot"].as_str().expect("r"),
            ],
            text.as_bytes(),
        );
        assert_eq!(json.status.code(), Some(0));
        let verdict: Value = serde_json::from_str(&stdout(&json)).expect("verdict");
        assert_eq!(verdict["verdict"], "pass");
        assert_eq!(verdict["level"], "verified");
        assert_eq!(verdict["nodeEncoding"], "hex0x");
        assert_eq!(verdict["index"], i);
        // `prove --json` output is read as it is.
        let pj = run(&["prove", "--json", "--index", &i.to_string()], hashes.as_bytes());
        let pv: Value = serde_json::from_slice(&pj.stdout).expect("prove --json");
        assert_eq!(
            (&pv["schemaVersion"], &pv["verb"]),
            (&Value::from(1), &Value::from("prove"))
        );
        assert_eq!(pv["path"], listed["path"]);
        let again = run(
            &[
                "verify-proof",
                "--expect-root",
                t["itemsRoot"].as_str().expect("r"),
            ],
            &pj.stdout,
        );
        assert_eq!(again.status.code(), Some(0), "{}", stdout(&again));
    }
}

#[test]
fn verify_proof_expect_count_catches_the_duplicated_last_node() {
    // [a, b, c] and [a, b, c, c] have the same root: a proof for index 2 of
    // the four-leaf tree verifies against the three-leaf receipt's root.
    let v = load_vectors();
    let hashes = tree(&v, 3)["itemHashes"].as_array().expect("hashes").clone();
    let mut padded = hashes.clone();
    padded.push(hashes[2].clone());
    let root3 = run(&["root"], Value::from(hashes).to_string().as_bytes());
    let root3 = stdout(&root3).trim_end().to_string();
    let o = run(
        &["prove", "--index", "3"],
        Value::from(padded).to_string().as_bytes(),
    );
    let proof = stdout(&o);
    assert!(proof.contains("\"count\":4"), "{proof}");

    let trusted = run(&["verify-proof", "--expect-root", &root3], proof.as_bytes());
    assert_eq!(trusted.status.code(), Some(0), "same root: {}", stdout(&trusted));
    assert!(stdout(&trusted).contains("not checked: the leaf count: the proof's own count 4"));

    let counted = run(
        &[
            "verify-proof",
            "--json",
            "--expect-root",
            &root3,
            "--expect-count",
            "3",
        ],
        proof.as_bytes(),
    );
    assert_eq!(counted.status.code(), Some(1), "{}", stdout(&counted));
    let verdict: Value = serde_json::from_slice(&counted.stdout).expect("json");
    assert_eq!(verdict["level"], "not_verified");
    let failure = first_failure(&verdict);
    assert_eq!(failure["name"], "expected count");
    assert_eq!(failure["failure"]["expected"], 3);
    assert_eq!(failure["failure"]["found"], 4);
    let message = failure["failure"]["message"].as_str().expect("message");
    assert!(
        message.contains("count 4") && message.contains("is 3"),
        "{message}"
    );

    let ok = run(
        &["verify-proof", "--expect-root", &root3, "--expect-count", "4"],
        proof.as_bytes(),
    );
    assert_eq!(ok.status.code(), Some(0), "{}", stdout(&ok));
}

#[test]
fn verify_proof_rejects_tampering_with_exit_1_and_a_reason() {
    let v = load_vectors();
    let t = tree(&v, 5);
    let o = run(
        &["prove", "--index", "2", "--node-encoding", "bytes"],
        t["itemHashes"].to_string().as_bytes(),
    );
    let proof: Value = serde_json::from_str(&stdout(&o)).expect("proof");
    assert_eq!(h(&proof["itemsRoot"]), h(&t["itemsRootByEncoding"]["bytes"]));

    let mut other_enc = proof.clone();
    other_enc["nodeEncoding"] = "hex0x".into();
    let mut bad_index = proof.clone();
    bad_index["index"] = 3.into();
    let mut bad_count = proof.clone();
    bad_count["count"] = 9.into();
    let mut bad_sibling = proof.clone();
    bad_sibling["path"][1]["hash"] = t["itemHashes"][0].clone();
    let mut bad_root = proof.clone();
    bad_root["itemsRoot"] = t["itemsRoot"].clone();
    for (what, p, reason) in [
        ("encoding", other_enc, "root mismatch"),
        ("index", bad_index, "must be on the"),
        ("count", bad_count, "needs exactly"),
        ("sibling", bad_sibling, "root mismatch"),
        ("root", bad_root, "root mismatch"),
    ] {
        let o = run(
            &["verify-proof", "--json", "--require", "consistent"],
            p.to_string().as_bytes(),
        );
        assert_eq!(o.status.code(), Some(1), "{what}: {}", stdout(&o));
        let verdict: Value = serde_json::from_str(&stdout(&o)).expect("verdict");
        assert_eq!(
            (&verdict["verdict"], &verdict["level"]),
            (&"fail".into(), &"not_verified".into())
        );
        let failure = first_failure(&verdict);
        assert_eq!(failure["name"], "path");
        assert!(
            failure["failure"]["message"]
                .as_str()
                .expect("message")
                .contains(reason),
            "{what}: {verdict}"
        );
    }
    // A trusted root that differs from the proof's own.
    let o = run(
        &[
            "verify-proof",
            "--expect-root",
            t["itemsRoot"].as_str().expect("r"),
        ],
        proof.to_string().as_bytes(),
    );
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.contains("\n  ok    path: "), "{text}");
    assert!(
        text.contains("\n  FAIL  expected root: the proof's itemsRoot "),
        "{text}"
    );
    assert!(
        text.trim_end()
            .ends_with("verdict: FAIL (level not_verified is below the required verified)"),
        "{text}"
    );
    // Without "nodeEncoding", --node-encoding decides.
    let mut bare = proof.clone();
    bare.as_object_mut().expect("obj").remove("nodeEncoding");
    let consistent = ["verify-proof", "--require", "consistent"];
    assert_eq!(
        run(&consistent, bare.to_string().as_bytes()).status.code(),
        Some(1)
    );
    let with_enc = [&consistent[..], &["--node-encoding", "bytes"]].concat();
    assert_eq!(run(&with_enc, bare.to_string().as_bytes()).status.code(), Some(0));
}

#[test]
fn bad_input_exits_2_with_one_line() {
    let cases: Vec<(Vec<&str>, Vec<u8>)> = vec![
        (vec!["canonical"], b"{".to_vec()),
        (vec!["canonical"], b"\xff\xfe".to_vec()),
        (vec!["canonical"], b"[1e400]".to_vec()),
        (vec!["canonical"], br#""\ud800""#.to_vec()),
        (vec!["canonical"], "[".repeat(100_000).into_bytes()),
        (vec!["canonical", "/nonexistent/file.json"], Vec::new()),
        (vec!["item-hash"], b"[1,2]".to_vec()),
        (vec!["root"], br#"{"a":1}"#.to_vec()),
        (vec!["root"], br#"["0xABC"]"#.to_vec()),
        (vec!["root"], br#"[true]"#.to_vec()),
        (
            vec!["prove", "--index", "5"],
            br#"["0x0000000000000000000000000000000000000000000000000000000000000000"]"#.to_vec(),
        ),
        (vec!["prove", "--index", "0"], b"[]".to_vec()),
        (vec!["verify-proof"], b"[]".to_vec()),
        (vec!["verify-proof"], br#"{"index":0}"#.to_vec()),
        (
            vec!["verify-proof"],
            br#"{"index":-1,"count":1,"itemHash":"0x00","itemsRoot":"0x00","path":[]}"#.to_vec(),
        ),
    ];
    for (args, input) in cases {
        let o = run(&args, &input);
        assert_ne!(o.status.code(), Some(101), "{args:?} panicked");
        assert_bad_input(&o);
    }
}

#[test]
fn hostile_sizes_do_not_panic() {
    // Deep nesting inside an item and a very long array of hashes.
    let deep = format!("[{{\"a\":{}1{}}}]", "[".repeat(50_000), "]".repeat(50_000));
    let o = run(&["root"], deep.as_bytes());
    assert_bad_input(&o);
    let many: Vec<String> = (0..20_000).map(|i| format!("\"0x{i:064x}\"")).collect();
    let o = run(&["root"], format!("[{}]", many.join(",")).as_bytes());
    assert_eq!(o.status.code(), Some(0));
}
