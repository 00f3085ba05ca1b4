//! The ledger check with no network: the bundled recorded answers
//! (examples/ledger/answers.json) anchor the batch sample's root, and answers
//! saved with `--save-ledger-answers` from scripted sources on 127.0.0.1
//! give the same verdict when re-checked offline. The text of the offline
//! anchored cases is snapshotted (tests/snapshots/anchor_offline__*.snap;
//! update as for cli_snapshots).

mod anchor_support;
mod common;
#[path = "../../tests/ledger_support/mod.rs"]
mod ledger_support;

use anchor_support::{json, nothing_listening};
use common::{assert_bad_input, assert_code, out, sample};
use ledger_support::{ROOT, Tx, mirror_for, rpc_for};
use pacspace_proof::ledger::{Network, RecordedAnswers};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

const ANSWERS: &str = "examples/ledger/answers.json";
/// The transaction the bundled answers are about.
const SAMPLE_TX: &str = "0x63b07c01299e4e79a12fef333705de81576e2dd09053dc64bafb307bbce087a8";

fn run(args: &[&str]) -> Output {
    common::run_cli(args, b"", &[])
}

fn shown(o: &Output) -> String {
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        o.status.code().map_or("signal".into(), |c| c.to_string()),
        out(o),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// As in cli_snapshots: under CI a missing snapshot is a failure.
fn check(name: &str, text: String) {
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("anchor_offline__{name}.snap"));
    assert!(
        !ci || file.exists(),
        "snapshot {} is missing: run the tests locally, review and commit it",
        file.display()
    );
    insta::assert_snapshot!(name, text);
}

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("pacspace-anchor-{}-{name}.json", std::process::id()))
}

#[test]
fn the_bundled_answers_anchor_the_batch_receipt_offline() {
    let (file, items) = (sample("batch.json"), sample("batch-deltas.json"));
    let args = [
        "receipt",
        &file,
        "--items",
        &items,
        "--anchor",
        "--ledger-answers",
        ANSWERS,
        "--require",
        "anchored",
    ];
    let o = run(&args);
    assert_code(&o, 0);
    let text = out(&o);
    assert!(text.contains("\nlevel: anchored ("), "{text}");
    assert!(
        text.contains(&format!(
            "  ok    ledger anchor: the root's bytes are in transaction {SAMPLE_TX}'s call data at offset 36 (testnet, 2026-01-01T00:00:07.417203Z, 2 of 2 source(s) agreeing)\n"
        )),
        "{text}"
    );
    assert!(
        text.contains(
            "ledger answers: recorded earlier, read from examples/ledger/answers.json (no network)"
        ),
        "{text}"
    );
    check("receipt_batch_anchored", shown(&o));

    // The same answers about the same transaction, named explicitly, with the
    // expected contract and the earliest time.
    let o = run(&[
        "receipt",
        &file,
        "--items",
        &items,
        "--anchor",
        "--ledger-answers",
        ANSWERS,
        "--tx",
        SAMPLE_TX,
        "--contract",
        "0x00000000000000000000000000000000004c7a21",
        "--not-before",
        "2026-01-01T00:00:00Z",
        "--require",
        "anchored",
        "--json",
    ]);
    assert_code(&o, 0);
    let v = json(&o);
    assert_eq!(
        (&v["level"], &v["anchor"]["ledgerAnswers"]),
        (&"anchored".into(), &ANSWERS.into())
    );
    // A day later than the transaction is too late to have been anchored by it.
    let o = run(&[
        "receipt",
        &file,
        "--items",
        &items,
        "--anchor",
        "--ledger-answers",
        ANSWERS,
        "--not-before",
        "2026-01-02T00:00:00Z",
    ]);
    assert_code(&o, 1);
}

#[test]
fn the_anchor_verb_decides_from_the_bundled_answers() {
    let o = run(&[
        "anchor",
        "--root",
        ROOT,
        "--tx",
        SAMPLE_TX,
        "--ledger-answers",
        ANSWERS,
    ]);
    assert_code(&o, 0);
    check("anchor_batch_root", shown(&o));
    // Any other root is not in that transaction.
    let other = format!("0x{}", "5a".repeat(32));
    let o = run(&["anchor", "--root", &other, "--ledger-answers", ANSWERS]);
    assert_code(&o, 1);
    assert!(out(&o).contains("  FAIL  rootFound: "), "{}", out(&o));
    // Answers about another transaction, or another network, are refused.
    let tx = format!("0x{}", "11".repeat(32));
    assert_bad_input(&run(&[
        "anchor",
        "--root",
        ROOT,
        "--tx",
        &tx,
        "--ledger-answers",
        ANSWERS,
    ]));
    assert_bad_input(&run(&[
        "anchor",
        "--root",
        ROOT,
        "--network",
        "mainnet",
        "--ledger-answers",
        ANSWERS,
    ]));
    // A body changed after it was received no longer has its recorded SHA-256.
    let text = std::fs::read_to_string(common::repo_root().join(ANSWERS)).unwrap();
    let tampered = text.replacen("\\\"status\\\":\\\"0x1\\\"", "\\\"status\\\":\\\"0x0\\\"", 1);
    assert_ne!(text, tampered);
    let path = temp("tampered");
    std::fs::write(&path, tampered).unwrap();
    let o = run(&[
        "anchor",
        "--root",
        ROOT,
        "--ledger-answers",
        path.to_str().unwrap(),
    ]);
    let _ = std::fs::remove_file(&path);
    assert_bad_input(&o);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("SHA-256"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Drops the fields that say where the answers came from.
fn decision(mut v: Value) -> Value {
    for k in ["ledgerAnswers", "savedLedgerAnswers"] {
        v.as_object_mut().unwrap().remove(k);
    }
    v
}

#[test]
fn saved_answers_rechecked_offline_give_the_same_verdict() {
    let good = Tx::with_root_in_call_data();
    let mut failed = good.clone();
    failed.success = false;
    let down = nothing_listening();
    // (mirror knows, rpc knows, rpc URL override, verdict, exit code)
    let cases: [(Tx, Option<Tx>, bool, &str, i32); 3] = [
        (good.clone(), Some(good.clone()), false, "anchored", 0),
        (good.clone(), Some(failed), false, "not_anchored", 1),
        (good.clone(), None, true, "undetermined", 3),
    ];
    for (i, (mtx, rtx, rpc_down, verdict, code)) in cases.into_iter().enumerate() {
        let saved = temp(&format!("saved-{i}"));
        let (live, hash) = {
            let (m, r) = (mirror_for(Some(mtx.clone()), None), rpc_for(rtx));
            let rpc = if rpc_down {
                down.clone()
            } else {
                r.base_url.clone()
            };
            let hash = mtx.hash_hex();
            let o = run(&[
                "anchor",
                "--root",
                ROOT,
                "--tx",
                &hash,
                "--network",
                "testnet",
                "--mirror",
                &m.base_url,
                "--rpc",
                &rpc,
                "--save-ledger-answers",
                saved.to_str().unwrap(),
                "--json",
            ]);
            (o, hash)
        }; // The sources stop here: what follows has no network.
        assert_code(&live, code);
        let live = json(&live);
        assert_eq!(
            (&live["verdict"], &live["savedLedgerAnswers"]),
            (&verdict.into(), &saved.to_str().unwrap().into())
        );
        let text = std::fs::read_to_string(&saved).unwrap();
        let rec = RecordedAnswers::from_json(&text).unwrap();
        assert_eq!((rec.network, rec.tx.as_str()), (Network::Testnet, hash.as_str()));
        let offline = run(&[
            "anchor",
            "--root",
            ROOT,
            "--ledger-answers",
            saved.to_str().unwrap(),
            "--json",
        ]);
        assert_code(&offline, code);
        let offline = json(&offline);
        assert_eq!(offline["ledgerAnswers"], saved.to_str().unwrap());
        assert_eq!(decision(offline), decision(live), "case {verdict}");

        // receipt --anchor: the same verdict offline, the level following it.
        let (file, items) = (sample("batch.json"), sample("batch-deltas.json"));
        let receipt = run(&[
            "receipt",
            &file,
            "--items",
            &items,
            "--anchor",
            "--ledger-answers",
            saved.to_str().unwrap(),
            "--require",
            "anchored",
            "--json",
        ]);
        assert_code(&receipt, code);
        let v = json(&receipt);
        assert_eq!(v["anchor"]["verdict"], verdict);
        let level = match verdict {
            "anchored" => "anchored",
            "not_anchored" => "not_verified",
            _ => "verified",
        };
        assert_eq!(v["level"], level);
        let _ = std::fs::remove_file(&saved);
    }
}

#[test]
fn receipt_saves_what_it_asked_and_rechecks_it_offline() {
    let tx = Tx::with_root_in_call_data();
    let saved = temp("receipt-saved");
    let (file, items) = (sample("batch.json"), sample("batch-deltas.json"));
    let hash = tx.hash_hex();
    let live = {
        let (m, r) = (mirror_for(Some(tx.clone()), None), rpc_for(Some(tx.clone())));
        run(&[
            "receipt",
            &file,
            "--items",
            &items,
            "--anchor",
            "--tx",
            &hash,
            "--network",
            "testnet",
            "--mirror",
            &m.base_url,
            "--rpc",
            &r.base_url,
            "--save-ledger-answers",
            saved.to_str().unwrap(),
            "--json",
        ])
    };
    assert_code(&live, 0);
    let offline = run(&[
        "receipt",
        &file,
        "--items",
        &items,
        "--anchor",
        "--ledger-answers",
        saved.to_str().unwrap(),
        "--json",
        "--require",
        "anchored",
    ]);
    let _ = std::fs::remove_file(&saved);
    assert_code(&offline, 0);
    let (live, offline) = (json(&live), json(&offline));
    assert_eq!(live["level"], "anchored");
    assert_eq!(offline["checks"], live["checks"]);
    assert_eq!(
        decision(offline["anchor"].clone()),
        decision(live["anchor"].clone())
    );
    // Writing the answers to standard output would mix them with the report.
    assert_bad_input(&run(&[
        "receipt",
        &file,
        "--items",
        &items,
        "--anchor",
        "--tx",
        &hash,
        "--mirror",
        "http://127.0.0.1:9",
        "--save-ledger-answers",
        "-",
    ]));
}
