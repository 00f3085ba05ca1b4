//! `pacspace-verify anchor` against scripted ledger sources on 127.0.0.1
//! only: a mirror node fake and a JSON-RPC fake answering with bodies shaped
//! as the mirror node's OpenAPI description and the JSON-RPC specification
//! give them (tests/ledger_support).

mod anchor_support;
mod common;
#[path = "../../tests/ledger_support/mod.rs"]
mod ledger_support;

use anchor_support::{json, nothing_listening};
use common::{assert_bad_input, assert_code, out};
use ledger_support::{Fake, ROOT, Tx, mirror_for, mirror_not_found, rpc_for};
use serde_json::Value;
use std::process::Output;

fn anchor(args: &[&str]) -> Output {
    let mut all = vec!["anchor"];
    all.extend_from_slice(args);
    common::run_cli(&all, b"", &[])
}

/// `anchor --root ROOT --tx <tx> --network testnet` plus the sources and `extra`.
fn ask(tx: &Tx, mirrors: &[&Fake], rpcs: &[&Fake], extra: &[&str]) -> Output {
    let hash = tx.hash_hex();
    let mut args = vec!["--root", ROOT, "--tx", &hash, "--network", "testnet"];
    for m in mirrors {
        args.extend(["--mirror", &m.base_url]);
    }
    for r in rpcs {
        args.extend(["--rpc", &r.base_url]);
    }
    args.extend_from_slice(extra);
    anchor(&args)
}

fn check<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["checks"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["name"] == name))
        .unwrap_or_else(|| panic!("no check {name} in {v:#}"))
}

/// The transaction with the root's bytes replaced by others.
fn without_root(mut tx: Tx) -> Tx {
    tx.input.truncate(36);
    tx.input.extend([0x5a; 32]);
    tx
}

#[test]
fn root_in_call_data_is_anchored_and_the_text_says_where() {
    let tx = Tx::with_root_in_call_data();
    let (m, r) = (mirror_for(Some(tx.clone()), None), rpc_for(Some(tx.clone())));
    let o = ask(&tx, &[&m], &[&r], &[]);
    assert_code(&o, 0);
    let text = out(&o);
    let found = format!(
        "the root's bytes are in transaction {}'s call data at offset 36",
        tx.hash_hex()
    );
    assert!(text.contains(&format!("  found        {found}\n")), "{text}");
    assert!(
        text.trim_end().ends_with(&format!("verdict: ANCHORED ({found})")),
        "{text}"
    );
    assert!(text.contains("sources      2 of 2 answered (2 needed)"), "{text}");
    // What was found, never what a contract did with it.
    assert!(!text.contains("stored") && !text.contains("recorded"), "{text}");
    // The mirror node was asked for the transaction by hash; the relay for
    // the transaction, its receipt and its block.
    let mirror_seen: Vec<String> = m.requests().iter().map(|s| s.url.clone()).collect();
    assert_eq!(
        mirror_seen,
        [format!("/api/v1/contracts/results/{}", tx.hash_hex())]
    );
    let methods: Vec<String> = r.requests().iter().map(|s| s.rpc_method()).collect();
    assert_eq!(
        methods,
        [
            "eth_getTransactionByHash",
            "eth_getTransactionReceipt",
            "eth_getBlockByNumber"
        ]
    );

    let v = json(&ask(&tx, &[&m], &[&r], &["--json"]));
    assert_eq!(v["verdict"], "anchored");
    assert_eq!(
        (v["root"].as_str(), v["tx"].as_str()),
        (Some(ROOT), Some(tx.hash_hex().as_str()))
    );
    assert_eq!(
        (v["network"].as_str(), &v["chainId"]),
        (Some("testnet"), &Value::from(296))
    );
    assert_eq!(v["consensusTimestamp"], "1722945601.123456789");
    assert_eq!(v["to"], "0x00000000000000000000000000000000002a1b3c");
    for (s, kind) in v["sources"].as_array().unwrap().iter().zip(["mirror", "rpc"]) {
        assert_eq!(
            (&s["kind"], &s["answered"], &s["found"], &s["where"], &s["status"]),
            (
                &kind.into(),
                &true.into(),
                &true.into(),
                &"calldata".into(),
                &200.into()
            ),
            "{s:#}"
        );
    }
    assert_eq!(check(&v, "rootFound")["outcome"], "pass");
    assert!(v["ledgerAnswers"].is_null() && v["savedLedgerAnswers"].is_null());
}

#[test]
fn root_in_a_log_topic_or_log_data_is_anchored_there() {
    let mut tx = without_root(Tx::with_root_in_call_data());
    tx.logs = vec![(vec![[0xdd; 32], ledger_support::root_bytes()], vec![0u8; 32])];
    let m = mirror_for(Some(tx.clone()), None);
    let v = json(&ask(&tx, &[&m], &[], &["--json"]));
    assert_eq!(
        (&v["verdict"], &v["sources"][0]["where"]),
        (&"anchored".into(), &"topic".into())
    );
    assert_eq!(
        v["location"],
        serde_json::json!({"where": "topic", "log": 0, "topic": 1})
    );
    let mut data = vec![0u8; 32];
    data.extend(ledger_support::root_bytes());
    tx.logs = vec![(vec![[0xdd; 32]], data)];
    let m = mirror_for(Some(tx.clone()), None);
    let o = ask(&tx, &[&m], &[], &[]);
    assert_code(&o, 0);
    assert!(out(&o).contains("'s log 0 data at offset 32\n"), "{}", out(&o));
}

#[test]
fn evidence_against_the_anchor_exits_1() {
    // The root's bytes are not in the transaction.
    let absent = without_root(Tx::with_root_in_call_data());
    let (m, r) = (
        mirror_for(Some(absent.clone()), None),
        rpc_for(Some(absent.clone())),
    );
    let o = ask(&absent, &[&m], &[&r], &["--json"]);
    assert_code(&o, 1);
    let v = json(&o);
    assert_eq!(
        (&v["verdict"], &check(&v, "rootFound")["outcome"]),
        (&"not_anchored".into(), &"fail".into())
    );
    assert_eq!(v["sources"][0]["found"], false);
    assert!(v["finding"].is_null());

    // The root's bytes are there, but the transaction failed.
    let mut failed = Tx::with_root_in_call_data();
    failed.success = false;
    let (m, r) = (
        mirror_for(Some(failed.clone()), None),
        rpc_for(Some(failed.clone())),
    );
    let o = ask(&failed, &[&m], &[&r], &[]);
    assert_code(&o, 1);
    let text = out(&o);
    assert!(text.contains("  FAIL  transactionSucceeded: "), "{text}");
    assert!(
        text.trim_end()
            .ends_with("verdict: NOT ANCHORED (evidence against it: transactionSucceeded)"),
        "{text}"
    );

    // No source knows the transaction (mirror 404, relay null).
    let tx = Tx::with_root_in_call_data();
    let (m, r) = (mirror_for(None, None), rpc_for(None));
    let v = json(&ask(&tx, &[&m], &[&r], &["--json"]));
    assert_eq!(
        (&v["verdict"], &check(&v, "transactionKnown")["outcome"]),
        (&"not_anchored".into(), &"fail".into())
    );

    // Sent to another contract than the one given; or before the artefact existed.
    let (m, r) = (mirror_for(Some(tx.clone()), None), rpc_for(Some(tx.clone())));
    let other = format!("0x{}", "00".repeat(19) + "99");
    let v = json(&ask(&tx, &[&m], &[&r], &["--json", "--contract", &other]));
    assert_eq!(
        (&v["verdict"], &check(&v, "contract")["outcome"]),
        (&"not_anchored".into(), &"fail".into())
    );
    let v = json(&ask(
        &tx,
        &[&m],
        &[&r],
        &[
            "--json",
            "--contract",
            "0x00000000000000000000000000000000002A1B3C",
        ],
    ));
    assert_eq!(v["verdict"], "anchored");
    let v = json(&ask(
        &tx,
        &[&m],
        &[&r],
        &["--json", "--not-before", "2024-08-07T00:00:00Z"],
    ));
    assert_eq!(
        (&v["verdict"], &check(&v, "notBefore")["outcome"]),
        (&"not_anchored".into(), &"fail".into())
    );
}

#[test]
fn sources_that_disagree_are_evidence_against_with_both_answers() {
    let tx = Tx::with_root_in_call_data();
    let mut failed = tx.clone();
    failed.success = false;
    let (m, r) = (mirror_for(Some(tx.clone()), None), rpc_for(Some(failed)));
    let o = ask(&tx, &[&m], &[&r], &["--json"]);
    assert_code(&o, 1);
    let v = json(&o);
    assert_eq!(v["verdict"], "not_anchored");
    assert_eq!(check(&v, "agreement")["outcome"], "fail");
    let d = &v["disagreements"][0];
    assert_eq!(d["field"], "success");
    let urls: Vec<&str> = d["sides"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["url"].as_str().unwrap())
        .collect();
    assert!(
        urls[0].starts_with(&m.base_url) && urls[1] == r.base_url,
        "{urls:?}"
    );
    for side in d["sides"].as_array().unwrap() {
        let first = &side["answers"][0];
        assert_eq!(first["bodySha256"].as_str().map(str::len), Some(64), "{side:#}");
        assert!(first["askedAt"].is_string());
    }
    let text = out(&ask(&tx, &[&m], &[&r], &[]));
    assert!(text.contains("  disagreement on success:\n"), "{text}");
    assert!(text.contains("body sha256 "), "{text}");
}

#[test]
fn too_few_sources_answering_is_undetermined_with_what_to_look_up_by_hand() {
    let tx = Tx::with_root_in_call_data();
    let down = nothing_listening();
    let hash = tx.hash_hex();
    let o = anchor(&[
        "--root",
        ROOT,
        "--tx",
        &hash,
        "--network",
        "testnet",
        "--mirror",
        &down,
    ]);
    assert_code(&o, 3);
    let text = out(&o);
    assert!(
        text.contains("  FAIL  quorum: 0 of 1 sources answered; 1 required"),
        "{text}"
    );
    let by_hand = text
        .lines()
        .find_map(|l| l.strip_prefix("  look up by hand: "))
        .unwrap_or_else(|| panic!("no instruction in {text}"));
    assert!(
        by_hand.contains(&hash) && by_hand.contains(ROOT) && by_hand.contains("testnet (chain id 296)"),
        "{by_hand}"
    );
    assert!(
        text.trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("verdict: UNDETERMINED ("),
        "{text}"
    );

    // One of two sources down under --min-sources 2.
    let m = mirror_for(Some(tx.clone()), None);
    let o = ask(&tx, &[&m], &[], &["--json", "--rpc", &down, "--min-sources", "2"]);
    assert_code(&o, 3);
    let v = json(&o);
    assert_eq!(
        (&v["verdict"], &v["sourcesAnswered"], &v["minSources"]),
        (&"undetermined".into(), &1.into(), &2.into())
    );
    assert_eq!(
        (&v["sources"][1]["answered"], &v["sources"][1]["found"]),
        (&false.into(), &Value::Null)
    );
    assert!(v["lookUpByHand"].as_str().unwrap().contains(ROOT));
    // The same two sources with one required: the one that answered decides.
    assert_code(&ask(&tx, &[&m], &[], &["--rpc", &down, "--min-sources", "1"]), 0);

    // A slow source is given up after --timeout.
    let slow =
        Fake::start(|_| ledger_support::Reply::json(404, "{}").delayed(std::time::Duration::from_secs(3)));
    let started = std::time::Instant::now();
    assert_code(&ask(&tx, &[&slow], &[], &["--timeout", "0.3"]), 3);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn bad_input_exits_2_with_one_line() {
    let tx = Tx::with_root_in_call_data().hash_hex();
    let m = Fake::start(|_| mirror_not_found());
    for args in [
        vec!["--root", "0x1234", "--tx", &tx, "--mirror", &m.base_url],
        vec!["--root", ROOT, "--tx", "0x1234", "--mirror", &m.base_url],
        vec!["--root", ROOT, "--mirror", &m.base_url],
        vec![
            "--root",
            ROOT,
            "--tx",
            &tx,
            "--mirror",
            &m.base_url,
            "--min-sources",
            "0",
        ],
        vec![
            "--root",
            ROOT,
            "--tx",
            &tx,
            "--mirror",
            &m.base_url,
            "--contract",
            "0x12",
        ],
        vec![
            "--root",
            ROOT,
            "--tx",
            &tx,
            "--mirror",
            &m.base_url,
            "--not-before",
            "yesterday",
        ],
        vec![
            "--root",
            ROOT,
            "--tx",
            &tx,
            "--mirror",
            &m.base_url,
            "--timeout",
            "0",
        ],
        vec![
            "--root",
            ROOT,
            "--tx",
            &tx,
            "--ledger-answers",
            "examples/ledger/missing.json",
        ],
    ] {
        let o = anchor(&args);
        assert_bad_input(&o);
    }
    assert!(m.requests().is_empty(), "bad input asked a source");
    common::assert_usage_error(
        &anchor(&["--root", ROOT, "--tx", &tx, "--network", "1"]),
        "unknown network",
    );
    common::assert_usage_error(
        &anchor(&[
            "--root",
            ROOT,
            "--ledger-answers",
            "examples/ledger/answers.json",
            "--mirror",
            &m.base_url,
        ]),
        "cannot be used with",
    );
}
