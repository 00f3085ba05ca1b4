//! The `anchor` verb's JSON, and the `anchor` evidence of the verdict verbs,
//! validate against docs/schema/ (anchor.json, common.json's anchorReport)
//! in every shape: anchored, not anchored with sources disagreeing, and
//! undetermined (exit 3), asked of scripted sources on 127.0.0.1; and the
//! schema rejects what the report never says. The bundled samples' cases
//! are in cli_schema.rs with every other verb's.

mod anchor_support;
mod common;
#[path = "../../tests/ledger_support/mod.rs"]
mod ledger_support;

use anchor_support::nothing_listening;
use jsonschema::{Draft, Registry, Validator};
use ledger_support::{ROOT, Tx, mirror_for, rpc_for};
use serde_json::Value;
use std::path::PathBuf;

const ANSWERS: &str = "examples/ledger/answers.json";

fn read_json(path: PathBuf) -> Value {
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The validator of `docs/schema/<verb>.json` with `common.json` registered
/// under its `$id`, as in cli_schema.rs.
fn validator(verb: &str) -> Validator {
    let dir = common::repo_root().join("docs/schema");
    let common = read_json(dir.join("common.json"));
    let id = common["$id"].as_str().expect("$id").to_string();
    let registry = Registry::new()
        .add(id, common)
        .expect("common.json registers")
        .prepare()
        .expect("registry");
    jsonschema::options()
        .with_draft(Draft::Draft202012)
        .with_registry(&registry)
        .build(&read_json(dir.join(format!("{verb}.json"))))
        .unwrap_or_else(|e| panic!("{verb}.json does not build: {e}"))
}

fn errors(v: &Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// `verb --json args…`: the parsed output, after checking the envelope.
fn json_of(verb: &str, args: &[&str]) -> Value {
    let mut all = vec![verb, "--json"];
    all.extend_from_slice(args);
    let o = common::run_cli(&all, b"", &[]);
    assert!(
        matches!(o.status.code(), Some(0 | 1 | 3)),
        "{all:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{all:?}: not JSON: {e}"));
    assert_eq!(
        (&v["schemaVersion"], &v["verb"]),
        (&Value::from(1), &Value::from(verb))
    );
    v
}

/// The shapes the bundled answers do not produce: sources disagreeing, and
/// no source answering (exit 3), asked of scripted sources on 127.0.0.1.
#[test]
fn anchor_json_from_live_sources_matches_its_schema() {
    let tx = Tx::with_root_in_call_data();
    let mut failed = tx.clone();
    failed.success = false;
    let (mirror, rpc) = (mirror_for(Some(tx.clone()), None), rpc_for(Some(failed)));
    let anchor = validator("anchor");
    let receipt = validator("receipt");
    let nothing = nothing_listening();
    let hash = tx.hash_hex();
    for (sources, verdict) in [
        (
            vec!["--mirror", &mirror.base_url, "--rpc", &rpc.base_url],
            "not_anchored",
        ),
        (vec!["--mirror", &nothing], "undetermined"),
        (vec!["--mirror", &mirror.base_url], "anchored"),
    ] {
        let mut args = vec!["--root", ROOT, "--tx", &hash, "--network", "testnet"];
        args.extend(&sources);
        let v = json_of("anchor", &args);
        assert_eq!(v["verdict"], verdict, "{v:#}");
        let errs = errors(&anchor, &v);
        assert!(errs.is_empty(), "{sources:?}: {errs:#?}\n{v:#}");
        let mut args = vec![
            "examples/receipts/batch.json",
            "--items",
            "examples/receipts/batch-deltas.json",
            "--anchor",
            "--tx",
            &hash,
            "--network",
            "testnet",
        ];
        args.extend(&sources);
        let v = json_of("receipt", &args);
        assert_eq!(v["anchor"]["verdict"], verdict, "{v:#}");
        let errs = errors(&receipt, &v);
        assert!(errs.is_empty(), "receipt {sources:?}: {errs:#?}\n{v:#}");
    }
}

#[test]
fn the_anchor_schema_rejects_what_the_report_never_says() {
    let good = json_of("anchor", &["--root", ROOT, "--ledger-answers", ANSWERS]);
    let anchor = validator("anchor");
    assert!(errors(&anchor, &good).is_empty());
    type Breaks = Box<dyn Fn(&mut Value)>;
    let broken: Vec<(&str, Breaks)> = vec![
        (
            "verdict word of the verdict verbs",
            Box::new(|v| v["verdict"] = "pass".into()),
        ),
        (
            "a place not searched",
            Box::new(|v| v["sources"][0]["where"] = "storage".into()),
        ),
        (
            "a source kind",
            Box::new(|v| v["sources"][0]["kind"] = "explorer".into()),
        ),
        ("another chain", Box::new(|v| v["chainId"] = 1.into())),
        (
            "anchored without a finding",
            Box::new(|v| v["finding"] = Value::Null),
        ),
        (
            "no sources",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("sources");
            }),
        ),
        ("a level", Box::new(|v| v["level"] = "anchored".into())),
        (
            "undetermined without what to look up",
            Box::new(|v| v["verdict"] = "undetermined".into()),
        ),
    ];
    for (what, breaks) in broken {
        let mut v = good.clone();
        breaks(&mut v);
        assert!(!errors(&anchor, &v).is_empty(), "{what}: accepted\n{v:#}");
    }
}
