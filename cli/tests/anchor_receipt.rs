//! `receipt --anchor` against scripted ledger sources on 127.0.0.1 only
//! (tests/ledger_support): the root a report established is looked up, and
//! the answer lifts a verified report to `anchored`, fails it, or leaves it
//! undetermined (exit 3 under `--require anchored`). The other verbs:
//! anchor_webhook_chain_fetch.rs.

mod anchor_support;
mod common;
#[path = "../../tests/ledger_support/mod.rs"]
mod ledger_support;

use anchor_support::{AFTER_SAMPLES, EMIT_ROOT, json, ledger_check, nothing_listening, tx_with};
use common::{assert_bad_input, assert_code, out, sample};
use ledger_support::{Fake, ROOT, Tx, mirror_for, rpc_for};
use std::process::Output;

fn run(args: &[&str]) -> Output {
    common::run_cli(args, b"", &[])
}

/// `receipt` on the batch sample with its deltas, `--anchor`, the transaction and `extra`.
fn batch(tx: &Tx, extra: &[&str]) -> Output {
    let hash = tx.hash_hex();
    let (file, items) = (sample("batch.json"), sample("batch-deltas.json"));
    let mut args = vec![
        "receipt",
        &file,
        "--items",
        &items,
        "--anchor",
        "--tx",
        &hash,
        "--network",
        "testnet",
    ];
    args.extend_from_slice(extra);
    run(&args)
}

fn sources<'a>(m: &'a Fake, r: &'a Fake) -> [&'a str; 4] {
    ["--mirror", &m.base_url, "--rpc", &r.base_url]
}

#[test]
fn a_verified_receipt_found_on_the_ledger_is_anchored() {
    let tx = Tx::with_root_in_call_data();
    let (m, r) = (mirror_for(Some(tx.clone()), None), rpc_for(Some(tx.clone())));
    let mut args = sources(&m, &r).to_vec();
    args.extend(["--require", "anchored"]);
    let o = batch(&tx, &args);
    assert_code(&o, 0);
    let text = out(&o);
    let found = format!(
        "the root's bytes are in transaction {}'s call data at offset 36",
        tx.hash_hex()
    );
    assert!(
        text.contains(&format!("  ok    ledger anchor: {found} (testnet, ")),
        "{text}"
    );
    assert!(text.contains("\nledger anchor: anchored\n"), "{text}");
    assert!(
        !text.contains("stored") && !text.contains("not looked up"),
        "{text}"
    );
    assert!(
        text.trim_end()
            .ends_with("verdict: PASS (level anchored reached; required anchored)"),
        "{text}"
    );
    args.push("--json");
    let v = json(&batch(&tx, &args));
    assert_eq!((&v["level"], &v["verdict"]), (&"anchored".into(), &"pass".into()));
    let c = ledger_check(&v);
    assert_eq!((&c["outcome"], &c["basis"]), (&"pass".into(), &"ledger".into()));
    assert_eq!(
        (&v["anchor"]["verdict"], &v["anchor"]["root"]),
        (&"anchored".into(), &ROOT.into())
    );
    assert_eq!(v["anchor"]["sources"][1]["where"], "calldata");
}

#[test]
fn evidence_against_the_anchor_fails_the_receipt() {
    let mut absent = Tx::with_root_in_call_data();
    absent.input.truncate(36);
    absent.input.extend([0x5a; 32]);
    let mut failed = Tx::with_root_in_call_data();
    failed.success = false;
    for (tx, failing) in [(absent, "rootFound"), (failed, "transactionSucceeded")] {
        let (m, r) = (mirror_for(Some(tx.clone()), None), rpc_for(Some(tx.clone())));
        let mut args = sources(&m, &r).to_vec();
        args.push("--json");
        let o = batch(&tx, &args);
        assert_code(&o, 1);
        let v = json(&o);
        assert_eq!(v["level"], "not_verified");
        let c = ledger_check(&v);
        assert_eq!(
            (&c["outcome"], &c["failure"]["kind"]),
            (&"fail".into(), &"notAnchored".into())
        );
        assert!(
            c["failure"]["reason"].as_str().unwrap().starts_with(failing),
            "{c:#}"
        );
        assert_eq!(v["anchor"]["verdict"], "not_anchored");
    }
    // Two sources that disagree are evidence against too.
    let tx = Tx::with_root_in_call_data();
    let mut other = tx.clone();
    other.success = false;
    let (m, r) = (mirror_for(Some(tx.clone()), None), rpc_for(Some(other)));
    let o = batch(&tx, &sources(&m, &r));
    assert_code(&o, 1);
    assert!(
        out(&o).contains("  FAIL  ledger anchor: not anchored in transaction "),
        "{}",
        out(&o)
    );
    assert!(out(&o).contains("  disagreement on success:\n"), "{}", out(&o));
}

#[test]
fn an_unanswered_ledger_exits_3_only_when_it_alone_keeps_anchored_away() {
    let tx = Tx::with_root_in_call_data();
    let down = nothing_listening();
    let o = batch(&tx, &["--mirror", &down, "--require", "anchored"]);
    assert_code(&o, 3);
    let text = out(&o);
    assert!(
        text.contains("  --    ledger anchor: not checkable: look up transaction "),
        "{text}"
    );
    assert!(
        text.contains("not checked: ledger anchor: look up transaction "),
        "{text}"
    );
    assert!(
        text.trim_end().ends_with(
            "verdict: FAIL (level verified is below the required anchored; the ledger could not be asked: \
             look the root up by hand as said above (exit 3))"
        ),
        "{text}"
    );
    // Verified is reached all the same.
    assert_code(&batch(&tx, &["--mirror", &down]), 0);
    // A receipt that is only consistent cannot be anchored whatever the ledger says.
    let hash = tx.hash_hex();
    let file = sample("batch.json");
    let o = run(&[
        "receipt",
        &file,
        "--anchor",
        "--tx",
        &hash,
        "--mirror",
        &down,
        "--require",
        "anchored",
    ]);
    assert_code(&o, 1);
}

#[test]
fn without_anchor_the_ledger_is_not_asked_and_anchored_is_not_reached() {
    let (file, items) = (sample("batch.json"), sample("batch-deltas.json"));
    let o = run(&["receipt", &file, "--items", &items, "--require", "anchored"]);
    assert_code(&o, 1);
    let text = out(&o);
    assert!(
        text.contains("not checked: the public ledger: the root was not looked up on the ledger"),
        "{text}"
    );
    assert!(
        text.trim_end()
            .ends_with("the ledger was not asked: add --anchor (with --tx REF, or --ledger-answers FILE))"),
        "{text}"
    );
    // Source options without --anchor are refused before anything is asked.
    let m = mirror_for(None, None);
    assert_bad_input(&run(&[
        "receipt",
        &file,
        "--items",
        &items,
        "--mirror",
        &m.base_url,
    ]));
    assert!(m.requests().is_empty());
}

#[test]
fn a_receipt_that_failed_a_check_is_not_looked_up() {
    let emit = std::fs::read_to_string(common::repo_root().join("examples/receipts/emit.json")).unwrap();
    let changed = emit.replace("\"delta\": 42.5", "\"delta\": 4250");
    assert_ne!(emit, changed);
    let path = std::env::temp_dir().join(format!("pacspace-anchor-changed-{}.json", std::process::id()));
    std::fs::write(&path, changed).unwrap();
    let tx = tx_with(EMIT_ROOT, AFTER_SAMPLES);
    let m = mirror_for(Some(tx.clone()), None);
    let hash = tx.hash_hex();
    let (file, items) = (path.display().to_string(), sample("emit-delta.json"));
    let o = run(&[
        "receipt",
        &file,
        "--items",
        &items,
        "--anchor",
        "--tx",
        &hash,
        "--mirror",
        &m.base_url,
    ]);
    let _ = std::fs::remove_file(&path);
    assert_code(&o, 1);
    assert!(
        out(&o).contains("  --    ledger anchor: not checkable: the ledger was not asked: a check failed"),
        "{}",
        out(&o)
    );
    assert!(
        m.requests().is_empty(),
        "the ledger was asked about a root the report did not establish"
    );
}

#[test]
fn the_artefacts_receipt_time_is_the_default_not_before() {
    let (file, items) = (sample("emit.json"), sample("emit-delta.json"));
    let emit = |tx: &Tx, m: &Fake, extra: &[&str]| {
        let hash = tx.hash_hex();
        let mut args = vec![
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
            "--json",
        ];
        args.extend_from_slice(extra);
        json(&run(&args))
    };
    // Consensus in 2024, before the emit's receivedAt (2026-01-01).
    let early = tx_with(EMIT_ROOT, 1_722_945_601);
    let m = mirror_for(Some(early.clone()), None);
    let v = emit(&early, &m, &[]);
    assert_eq!(
        (&v["level"], &v["anchor"]["verdict"]),
        (&"not_verified".into(), &"not_anchored".into())
    );
    assert!(
        ledger_check(&v)["failure"]["reason"]
            .as_str()
            .unwrap()
            .contains("notBefore: too early"),
        "{v:#}"
    );
    // --not-before overrides it.
    let v = emit(&early, &m, &["--not-before", "2024-01-01T00:00:00Z"]);
    assert_eq!(v["level"], "anchored", "{v:#}");
    let late = tx_with(EMIT_ROOT, AFTER_SAMPLES);
    let m = mirror_for(Some(late.clone()), None);
    assert_eq!(emit(&late, &m, &["--require", "anchored"])["level"], "anchored");
}
