//! `--anchor` on `webhook`, `chain` and `fetch` against scripted ledger
//! sources on 127.0.0.1 only (tests/ledger_support); `receipt --anchor` is
//! in anchor_receipt.rs.

mod anchor_support;
mod common;
#[path = "../../tests/ledger_support/mod.rs"]
mod ledger_support;
mod support;

use anchor_support::{AFTER_SAMPLES, EMIT_ROOT, json, ledger_check, nothing_listening, tx_with};
use common::{SECRET, SECRET_VAR, assert_bad_input, assert_code, out, sample};
use ledger_support::{Fake, ROOT, Tx, mirror_for};
use std::process::Output;

fn run(args: &[&str]) -> Output {
    common::run_cli(args, b"", &[(SECRET_VAR, SECRET)])
}

#[test]
fn webhook_anchor_uses_the_deltas_submitted_at() {
    let (sig, ts) = common::webhook_headers();
    let (file, items) = (sample("webhook.json"), sample("emit-delta.json"));
    let hook = |tx: &Tx, m: &Fake| {
        let hash = tx.hash_hex();
        run(&[
            "webhook",
            &file,
            "--secret-env",
            SECRET_VAR,
            "--signature",
            &sig,
            "--timestamp",
            &ts,
            "--now",
            &ts,
            "--items",
            &items,
            "--anchor",
            "--tx",
            &hash,
            "--network",
            "testnet",
            "--mirror",
            &m.base_url,
            "--require",
            "anchored",
        ])
    };
    let late = tx_with(EMIT_ROOT, AFTER_SAMPLES);
    let m = mirror_for(Some(late.clone()), None);
    let o = hook(&late, &m);
    assert_code(&o, 0);
    assert!(out(&o).contains("level: anchored"), "{}", out(&o));
    let early = tx_with(EMIT_ROOT, 1_722_945_601);
    let m = mirror_for(Some(early.clone()), None);
    let o = hook(&early, &m);
    assert_code(&o, 1);
    assert!(out(&o).contains("notBefore: too early"), "{}", out(&o));
}

#[test]
fn chain_anchor_looks_up_the_head_and_stays_consistent() {
    let file = sample("chain.jsonl");
    let v = json(&run(&["chain", "--json", "--require", "consistent", &file]));
    let head = v["lastProofHash"].as_str().unwrap().to_string();
    let tx = tx_with(&head, AFTER_SAMPLES);
    let hash = tx.hash_hex();
    let m = mirror_for(Some(tx.clone()), None);
    // The chain names no transaction.
    assert_bad_input(&run(&["chain", &file, "--anchor", "--mirror", &m.base_url]));
    let args = [
        "chain",
        &file,
        "--anchor",
        "--tx",
        &hash,
        "--network",
        "testnet",
        "--mirror",
        &m.base_url,
        "--json",
        "--require",
        "consistent",
    ];
    let o = run(&args);
    assert_code(&o, 0);
    let v = json(&o);
    assert_eq!(
        (&v["level"], &v["anchor"]["root"]),
        (&"consistent".into(), &head.as_str().into())
    );
    assert_eq!(ledger_check(&v)["outcome"], "pass");
    assert!(
        v["notChecked"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n.as_str().unwrap().contains("only the last proofHash"))
    );
    // A chain is consistent at best: the ledger cannot lift it, so no exit 3 either.
    let down = nothing_listening();
    assert_code(
        &run(&[
            "chain",
            &file,
            "--anchor",
            "--tx",
            &hash,
            "--network",
            "testnet",
            "--mirror",
            &down,
            "--require",
            "anchored",
        ]),
        1,
    );
    // Another root in that transaction: evidence against.
    let other = tx_with(ROOT, AFTER_SAMPLES);
    let m = mirror_for(Some(other.clone()), None);
    let hash = other.hash_hex();
    assert_code(
        &run(&[
            "chain",
            &file,
            "--anchor",
            "--tx",
            &hash,
            "--network",
            "testnet",
            "--mirror",
            &m.base_url,
            "--require",
            "consistent",
        ]),
        1,
    );
}

#[test]
fn fetch_anchor_looks_in_the_transaction_the_answer_names_unless_tx_is_given() {
    use support::server::{Reply, TestServer};
    let tx = Tx::with_root_in_call_data();
    let answer = std::fs::read_to_string(common::repo_root().join(sample("verify-answer.json")))
        .unwrap()
        .replace("demo-ledger-ref-0001", &tx.hash_hex());
    let items = sample("verify-answer-deltas.json");
    let m = mirror_for(Some(tx.clone()), None);
    // The report does not keep the answer: it is asked once more for the transaction it names.
    let server = TestServer::start(vec![Reply::json(200, &answer), Reply::json(200, &answer)]);
    let o = run(&[
        "fetch",
        ROOT,
        "--base-url",
        &server.base_url,
        "--items",
        &items,
        "--anchor",
        "--network",
        "testnet",
        "--mirror",
        &m.base_url,
        "--require",
        "anchored",
    ]);
    assert_code(&o, 0);
    assert!(out(&o).contains("level: anchored"), "{}", out(&o));
    assert_eq!(server.requests().len(), 2);
    assert_eq!(
        m.requests()[0].url,
        format!("/api/v1/contracts/results/{}", tx.hash_hex())
    );
    // --tx overrides the answer's reference, and nothing more is fetched.
    let unknown = format!("0x{}", "77".repeat(32));
    let server = TestServer::start(vec![Reply::json(200, &answer)]);
    let o = run(&[
        "fetch",
        ROOT,
        "--base-url",
        &server.base_url,
        "--items",
        &items,
        "--anchor",
        "--tx",
        &unknown,
        "--network",
        "testnet",
        "--mirror",
        &m.base_url,
    ]);
    assert_code(&o, 1);
    assert_eq!(server.requests().len(), 1);
    assert_eq!(
        m.requests().last().unwrap().url,
        format!("/api/v1/contracts/results/{unknown}")
    );
}
