//! Every verb's `--json` output on the bundled samples validates against its
//! JSON Schema in `docs/schema/` (draft 2020-12), and the schemas are strict
//! enough to reject output that breaks the convention.

mod common;
mod support;

use jsonschema::{Draft, Registry, Validator};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Output;
use support::server::{Reply, TestServer};

const SECRET_VAR: &str = "PACSPACE_TEST_WEBHOOK_SECRET";
const SECRET: &str = "whsec_pacspace_demo_not_a_real_secret";

fn schema_dir() -> PathBuf {
    common::repo_root().join("docs/schema")
}

fn read_json(path: PathBuf) -> Value {
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The validator of `docs/schema/<verb>.json`, with `common.json` registered
/// under its `$id` (no network, no file resolver).
fn validator(verb: &str) -> Validator {
    let common = read_json(schema_dir().join("common.json"));
    let id = common["$id"]
        .as_str()
        .expect("common.json has an $id")
        .to_string();
    let registry = Registry::new()
        .add(id, common)
        .expect("common.json registers")
        .prepare()
        .expect("registry");
    jsonschema::options()
        .with_draft(Draft::Draft202012)
        .with_registry(&registry)
        .build(&read_json(
            schema_dir().join(format!("{}.json", verb.replace(' ', "-"))),
        ))
        .unwrap_or_else(|e| panic!("{verb}.json does not build: {e}"))
}

fn errors(v: &Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    common::run_cli(args, stdin, &[(SECRET_VAR, SECRET)])
}

const ANSWERS: &str = "examples/ledger/answers.json";

fn sample(name: &str) -> String {
    format!("examples/receipts/{name}")
}

fn headers() -> (String, String) {
    let text = std::fs::read_to_string(common::repo_root().join(sample("webhook.headers"))).unwrap();
    let get = |k: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(k))
            .expect("header")
            .trim_start_matches(": ")
            .to_string()
    };
    (get("X-PacSpace-Signature"), get("X-PacSpace-Timestamp"))
}

/// One `--json` run: the verb, its arguments (after the verb), standard input.
struct Case {
    verb: &'static str,
    args: Vec<String>,
    stdin: Vec<u8>,
}

fn case(verb: &'static str, args: &[&str], stdin: &[u8]) -> Case {
    Case {
        verb,
        args: args.iter().map(|s| s.to_string()).collect(),
        stdin: stdin.to_vec(),
    }
}

/// A multi-proof of the conformance suite.
fn multi(case: &str) -> Vec<u8> {
    let path = common::repo_root()
        .join("conformance/cases")
        .join(case)
        .join("proof.json");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn local_cases() -> Vec<Case> {
    let repo = common::repo_root();
    let emit = std::fs::read_to_string(repo.join(sample("emit.json"))).unwrap();
    let changed = emit.replace("\"delta\": 42.5", "\"delta\": 4250");
    let proof = run(&["prove", "--index", "4", "examples/batch.json"], b"").stdout;
    let root = read_json(repo.join("examples/receipts/emit.json"))["data"]["receiptId"]
        .as_str()
        .unwrap()
        .to_string();
    let batch_root = String::from_utf8(run(&["root", "examples/batch.json"], b"").stdout).unwrap();
    let batch_root = batch_root.trim_end();
    let mut bad_proof: Value = serde_json::from_slice(&proof).unwrap();
    bad_proof["index"] = 3.into();
    let chain = std::fs::read_to_string(repo.join(sample("chain.jsonl"))).unwrap();
    let lines: Vec<&str> = chain.lines().collect();
    // The bundled recorded ledger answers anchor the batch sample's root.
    let receipts_root = read_json(repo.join(sample("batch.json")))["data"]["results"][0]["receiptId"]
        .as_str()
        .unwrap()
        .to_string();
    let other_root = format!("0x{}", "5a".repeat(32));
    let (sig, ts) = headers();
    let body = std::fs::read(repo.join(sample("webhook.json"))).unwrap();
    // A bundle carrying the recorded ledger answers (anchored), the same
    // with an amount changed (not verified), and with answers about another
    // transaction (the ledger cannot decide: exit 3 when anchored is required).
    let anchored_bundle = run(
        &[
            "bundle",
            "create",
            &sample("batch.json"),
            "--items",
            &sample("batch-deltas.json"),
            "--only",
            "0",
            "--ledger-answers",
            ANSWERS,
        ],
        b"",
    )
    .stdout;
    let mut v: Value = serde_json::from_slice(&anchored_bundle).expect("a bundle");
    v["items"][0]["delta"]["delta"] = 1000.into();
    let tampered_bundle = v.to_string().into_bytes();
    let mut v: Value = serde_json::from_slice(&anchored_bundle).expect("a bundle");
    v["ledger"]["transaction"] = other_root.as_str().into();
    v.as_object_mut().unwrap().remove("seal");
    let undecided_bundle = v.to_string().into_bytes();
    let webhook = |extra: &[&str], sig: &str| {
        let mut args = vec![
            "--secret-env",
            SECRET_VAR,
            "--signature",
            sig,
            "--timestamp",
            &ts,
            "--now",
            &ts,
        ];
        args.extend_from_slice(extra);
        args.push("-");
        case("webhook", &args, &body)
    };
    vec![
        case("canonical", &[&sample("emit-delta.json")], b""),
        case("item-hash", &[&sample("emit-delta.json")], b""),
        case(
            "audit",
            &[
                "--deltas",
                "examples/audit/deltas.jsonl",
                "--receipts",
                "examples/audit/receipts.jsonl",
                "--answers",
                "examples/audit/answers.jsonl",
            ],
            b"",
        ),
        case(
            "wire-delta",
            &["-"],
            br#"[{"customerId":"cust_1","delta":12,"windowStart":"2025-01-01T00:00:00Z","windowEnd":"2025-01-02T00:00:00Z"}]"#,
        ),
        case(
            "wire-delta",
            &["-"],
            br#"{"customerId":"cust_1","delta":1.5,"reason":"api_calls","referenceId":"r1","windowStart":"2025-01-01T00:00:00Z","windowEnd":"2025-01-02T00:00:00Z"}"#,
        ),
        case("root", &["examples/batch.json"], b""),
        case("root", &["--node-encoding", "bytes", "-"], br#"[]"#),
        case("prove", &["--index", "4", "examples/batch.json"], b""),
        case("verify-proof", &[], &proof),
        case(
            "verify-proof",
            &["--expect-root", batch_root, "--expect-count", "5"],
            &proof,
        ),
        case(
            "verify-proof",
            &["--expect-root", &root, "--expect-count", "6"],
            &proof,
        ),
        case("verify-proof", &[], bad_proof.to_string().as_bytes()),
        case("verify-proof", &[], &multi("multi_n13_3_4_9_hex0x_pass")),
        case("verify-proof", &[], &multi("multi_siblings_swapped_fail")),
        case("receipt", &[&sample("emit.json")], b""),
        case(
            "receipt",
            &[
                &sample("emit.json"),
                "--items",
                &sample("emit-delta.json"),
                "--expect-receipt",
                &root,
            ],
            b"",
        ),
        case(
            "receipt",
            &["-", "--items", &sample("emit-delta.json")],
            changed.as_bytes(),
        ),
        case(
            "receipt",
            &[&sample("batch.json"), "--items", &sample("batch-deltas.json")],
            b"",
        ),
        case("receipt", &[&sample("verify-answer.json")], b""),
        case(
            "receipt",
            &[
                &sample("verify-answer.json"),
                "--items",
                &sample("verify-answer-deltas.json"),
            ],
            b"",
        ),
        case(
            "receipt",
            &[&sample("webhook.json"), "--require", "anchored"],
            b"",
        ),
        webhook(
            &["--items", &sample("emit-delta.json"), "--expect-receipt", &root],
            &sig,
        ),
        webhook(&[], "v1=00"),
        case("chain", &[&sample("chain.jsonl")], b""),
        case(
            "chain",
            &["--require", "consistent", "-"],
            format!("{}\n{}\n", lines[0], lines[2]).as_bytes(),
        ),
        case(
            "chain",
            &["-"],
            format!("{}\n{}\n", lines[1], lines[2]).as_bytes(),
        ),
        case("chain", &["-"], b""),
        case(
            "anchor",
            &["--root", &receipts_root, "--ledger-answers", ANSWERS],
            b"",
        ),
        case(
            "anchor",
            &[
                "--root",
                &other_root,
                "--ledger-answers",
                ANSWERS,
                "--network",
                "296",
            ],
            b"",
        ),
        case(
            "receipt",
            &[
                &sample("batch.json"),
                "--items",
                &sample("batch-deltas.json"),
                "--anchor",
                "--ledger-answers",
                ANSWERS,
                "--require",
                "anchored",
            ],
            b"",
        ),
        case(
            "receipt",
            &[&sample("batch.json"), "--anchor", "--ledger-answers", ANSWERS],
            b"",
        ),
        case(
            "chain",
            &["--anchor", "--ledger-answers", ANSWERS, "-"],
            format!("{}\n", lines[0]).as_bytes(),
        ),
        case("bundle verify", &["tests/data/bundles/v1/emit-one.json"], b""),
        case(
            "bundle verify",
            &["--require", "anchored", "tests/data/bundles/v1/batch-two.json"],
            b"",
        ),
        case("bundle verify", &["-"], &anchored_bundle),
        case("bundle verify", &["-", "--require", "consistent"], &tampered_bundle),
        case("bundle verify", &["-", "--require", "anchored"], &undecided_bundle),
    ]
}

/// Runs `c` with `--json`; returns the parsed output after checking the
/// envelope's first fields.
fn json_of(c: &Case) -> Value {
    let mut args: Vec<&str> = c.verb.split(' ').collect();
    args.push("--json");
    args.extend(c.args.iter().map(String::as_str));
    let o = run(&args, &c.stdin);
    assert!(
        matches!(o.status.code(), Some(0 | 1 | 3)),
        "{args:?}: exit {:?}, stderr {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{args:?}: not JSON: {e}"));
    assert_eq!(v["schemaVersion"], 1, "{args:?}");
    assert_eq!(v["verb"], c.verb, "{args:?}");
    let head = format!("{{\n  \"schemaVersion\": 1,\n  \"verb\": \"{}\",\n", c.verb);
    assert!(
        o.stdout.starts_with(head.as_bytes()),
        "{args:?}: the envelope comes first"
    );
    v
}

#[test]
fn every_verb_has_a_schema_and_every_schema_is_valid_draft_2020_12() {
    let help = String::from_utf8(run(&["--help"], b"").stdout).unwrap();
    let verbs: BTreeSet<String> = help
        .split("Commands:\n")
        .nth(1)
        .expect("a Commands section")
        .lines()
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|v| !["help", "completions", "manpage"].contains(v))
        // `bundle create` prints a bundle (bundle-v1.json), `bundle verify` a verdict.
        .map(|v| match v {
            "bundle" => "bundle-verify".to_string(),
            v => v.to_string(),
        })
        .collect();
    let files: BTreeSet<String> = std::fs::read_dir(schema_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".json").map(String::from))
        // Shared definitions, and the bundle file's own format (not a verb's output).
        .filter(|n| n != "common" && n != "bundle-v1")
        .collect();
    assert_eq!(verbs, files, "one schema per verb with --json");
    let cased: BTreeSet<String> = local_cases().iter().map(|c| c.verb.replace(' ', "-")).collect();
    let mut expected = verbs.clone();
    expected.remove("fetch"); // needs a server: fetch_json_output_matches_its_schema
    assert_eq!(cased, expected, "every verb is exercised");
    for name in files.iter().map(String::as_str).chain(["common", "bundle-v1"]) {
        let schema = read_json(schema_dir().join(format!("{name}.json")));
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}"
        );
        if let Err(e) = jsonschema::meta::validate(&schema) {
            panic!("{name}.json is not a valid schema: {e}");
        }
    }
}

#[test]
fn json_output_of_every_local_verb_matches_its_schema() {
    let (mut seen_levels, mut seen_anchor) = (BTreeSet::new(), BTreeSet::new());
    for c in local_cases() {
        let v = json_of(&c);
        let errs = errors(&validator(c.verb), &v);
        assert!(errs.is_empty(), "{} {:?}: {errs:#?}\n{v:#}", c.verb, c.args);
        if let Some(level) = v["level"].as_str() {
            seen_levels.insert(level.to_string());
        }
        if c.verb == "anchor" {
            seen_anchor.insert(v["verdict"].as_str().unwrap_or_default().to_string());
        }
    }
    assert_eq!(seen_anchor, ["anchored", "not_anchored"].map(String::from).into());
    // The samples reach every level, anchored through the recorded ledger answers.
    assert_eq!(
        seen_levels,
        ["anchored", "consistent", "not_verified", "verified"]
            .map(String::from)
            .into()
    );
}

#[test]
fn fetch_json_output_matches_its_schema() {
    let repo = common::repo_root();
    let answer = std::fs::read_to_string(repo.join(sample("verify-answer.json"))).unwrap();
    let root = read_json(repo.join(sample("verify-answer.json")))["data"]["proofRoot"]
        .as_str()
        .expect("proofRoot")
        .to_string();
    let status = json!({"status": "ANCHORED", "receiptId": root}).to_string();
    // One reply a request, in the order of the runs below.
    let server = TestServer::start(vec![
        Reply::json(200, &answer),
        Reply::json(200, &answer),
        Reply::json(200, &answer),
        Reply::json(200, &status),
        Reply::json(200, &answer),
        Reply::json(200, &answer),
    ]);
    let validator = validator("fetch");
    let items = sample("verify-answer-deltas.json");
    for args in [
        vec![root.as_str(), "--base-url", &server.base_url, "--items", &items],
        vec![root.as_str(), "--base-url", &server.base_url],
        vec![
            root.as_str(),
            "--base-url",
            &server.base_url,
            "--items",
            &items,
            "--anchor-id",
            "anc_1",
        ],
        vec!["rcpt_opaque", "--base-url", &server.base_url],
        // The verify answer's root is the batch sample's: the recorded answers anchor it.
        vec![
            root.as_str(),
            "--base-url",
            &server.base_url,
            "--items",
            &items,
            "--anchor",
            "--ledger-answers",
            ANSWERS,
            "--require",
            "anchored",
        ],
    ] {
        let v = json_of(&case("fetch", &args, b""));
        if args.contains(&"--anchor") {
            assert_eq!(v["level"], "anchored", "{v:#}");
        }
        let errs = errors(&validator, &v);
        assert!(errs.is_empty(), "{args:?}: {errs:#?}\n{v:#}");
    }
}

#[test]
fn the_schemas_reject_output_that_breaks_the_convention() {
    let emit = sample("emit.json");
    let good = json_of(&case("receipt", &[&emit], b""));
    let receipt = validator("receipt");
    assert!(errors(&receipt, &good).is_empty());
    type Breaks = Box<dyn Fn(&mut Value)>;
    let broken: Vec<(&str, Breaks)> = vec![
        (
            "no level",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("level");
            }),
        ),
        ("unknown level", Box::new(|v| v["level"] = "certain".into())),
        (
            "library verdict word",
            Box::new(|v| v["verdict"] = "verified".into()),
        ),
        ("schema version 2", Box::new(|v| v["schemaVersion"] = 2.into())),
        ("other verb", Box::new(|v| v["verb"] = "webhook".into())),
        ("unknown field", Box::new(|v| v["extra"] = 1.into())),
        (
            "pass with a failure",
            Box::new(|v| v["checks"][1]["failure"] = json!({"kind": "missingField", "message": "x"})),
        ),
        (
            "unknown basis",
            Box::new(|v| v["checks"][1]["basis"] = "service".into()),
        ),
        (
            "notChecked not strings",
            Box::new(|v| v["notChecked"] = json!([1])),
        ),
    ];
    for (what, breaks) in broken {
        let mut v = good.clone();
        breaks(&mut v);
        assert!(!errors(&receipt, &v).is_empty(), "{what}: accepted\n{v:#}");
    }
    // The same output under another verb's schema does not pass.
    assert!(!errors(&validator("chain"), &good).is_empty());
    // A failure needs its kind and its words.
    let failed = json_of(&case(
        "receipt",
        &[&emit, "--expect-receipt", &format!("0x{}", "ab".repeat(32))],
        b"",
    ));
    let at = failed["checks"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c["outcome"] == "fail")
        .expect("a failed check");
    assert!(errors(&receipt, &failed).is_empty());
    let mut v = failed.clone();
    v["checks"][at]["failure"]
        .as_object_mut()
        .unwrap()
        .remove("message");
    assert!(
        !errors(&receipt, &v).is_empty(),
        "failure without message accepted"
    );
}

#[test]
fn the_bundle_verify_schema_rejects_what_breaks_it() {
    let good = json_of(&case("bundle verify", &["-", "--require", "consistent"], &{
        let text = std::fs::read_to_string(common::repo_root().join("tests/data/bundles/v1/batch-two.json"))
            .unwrap();
        let mut v: Value = serde_json::from_str(&text).unwrap();
        v["receipt"]["anchorId"] = "anc_other".into();
        v.to_string().into_bytes()
    }));
    let schema = validator("bundle verify");
    assert!(errors(&schema, &good).is_empty());
    let failed = good["checks"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c["outcome"] == "fail")
        .expect("a failed check");
    assert_eq!(good["checks"][failed]["failure"]["field"], "receipt.anchorId");
    type Breaks = Box<dyn Fn(&mut Value)>;
    let broken: Vec<(&str, Breaks)> = vec![
        ("other verb", Box::new(|v| v["verb"] = "bundle".into())),
        ("unknown field", Box::new(|v| v["extra"] = 1.into())),
        (
            "library verdict word",
            Box::new(|v| v["verdict"] = "not_verified".into()),
        ),
        (
            "failure without its field",
            Box::new(move |v| {
                v["checks"][failed]["failure"]
                    .as_object_mut()
                    .unwrap()
                    .remove("field");
            }),
        ),
        (
            "unknown failure kind",
            Box::new(move |v| v["checks"][failed]["failure"]["kind"] = "tampered".into()),
        ),
        (
            "no paths",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("paths");
            }),
        ),
    ];
    for (what, breaks) in broken {
        let mut v = good.clone();
        breaks(&mut v);
        assert!(!errors(&schema, &v).is_empty(), "{what}: accepted\n{v:#}");
    }
    // Not a receipt's output.
    assert!(!errors(&validator("receipt"), &good).is_empty());
}

#[test]
fn bundle_create_writes_what_the_bundle_file_schema_describes() {
    let schema = jsonschema::options()
        .with_draft(Draft::Draft202012)
        .build(&read_json(schema_dir().join("bundle-v1.json")))
        .expect("bundle-v1.json builds");
    let e = "examples/receipts";
    for args in [
        vec!["emit.json", "emit-delta.json"],
        vec!["batch.json", "batch-deltas.json", "--only", "0", "--only", "3"],
        vec!["batch.json", "batch-deltas.json", "--all-item-hashes"],
        vec!["webhook.json", "emit-delta.json"],
        vec![
            "batch.json",
            "batch-deltas.json",
            "--only",
            "1",
            "--ledger-answers",
            ANSWERS,
        ],
    ] {
        let receipt = format!("{e}/{}", args[0]);
        let items = format!("{e}/{}", args[1]);
        let mut argv = vec!["bundle", "create", receipt.as_str(), "--items", items.as_str()];
        argv.extend(args[2..].iter().copied());
        let o = run(&argv, b"");
        assert_eq!(
            o.status.code(),
            Some(0),
            "{argv:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let v: Value = serde_json::from_slice(&o.stdout).expect("a bundle");
        let errs = errors(&schema, &v);
        assert!(errs.is_empty(), "{argv:?}: {errs:#?}");
        // The schema is strict enough to refuse a bundle of another kind of answer.
        if v["ledger"].is_object() {
            let mut bad = v.clone();
            bad["ledger"]["answers"][0]["kind"] = "oracle".into();
            assert!(
                !errors(&schema, &bad).is_empty(),
                "an unknown source kind is refused"
            );
        }
    }
}
