//! The anchor decision as a pure function over recorded answers (no server).

mod ledger_support;

use ledger_support::{Tx, quantity, root};
use pacspace_proof::ledger::{
    AnchorPolicy, AnchorReport, AnchorVerdict, CheckOutcome, Network, SourceAnswer, SourceKind, Timestamp,
    decide,
};
use serde_json::{Value, json};

const MIRROR: &str = "https://mirror.test/api/v1/contracts/results/x";
const RPC: &str = "https://rpc.test/";

fn at() -> Timestamp {
    Timestamp::parse_rfc3339("2024-08-07T09:00:00Z").unwrap()
}

fn mirror(status: u16, body: String) -> SourceAnswer {
    SourceAnswer::answered(SourceKind::Mirror, MIRROR, None, at(), status, body)
}

fn rpc_body(result: Value) -> String {
    json!({"jsonrpc": "2.0", "id": 1, "result": result}).to_string()
}

fn rpc_one(method: &str, body: String) -> SourceAnswer {
    SourceAnswer::answered(SourceKind::Rpc, RPC, Some(method), at(), 200, body)
}

fn rpc(tx: &Tx) -> Vec<SourceAnswer> {
    vec![
        rpc_one("eth_getTransactionByHash", rpc_body(tx.rpc_transaction())),
        rpc_one("eth_getTransactionReceipt", rpc_body(tx.rpc_receipt())),
        rpc_one("eth_getBlockByNumber", rpc_body(tx.rpc_block())),
    ]
}

fn both(m: &Tx, r: &Tx) -> Vec<SourceAnswer> {
    let mut v = vec![mirror(200, m.mirror_json().to_string())];
    v.extend(rpc(r));
    v
}

fn run(tx: &Tx, answers: &[SourceAnswer], p: &AnchorPolicy) -> AnchorReport {
    decide(&root(), &tx.hash_hex(), answers, p)
}

fn testnet() -> AnchorPolicy {
    AnchorPolicy::new(Network::Testnet)
}

fn outcome(r: &AnchorReport, name: &str) -> CheckOutcome {
    r.checks
        .iter()
        .find(|c| c.name == name)
        .map(|c| c.outcome)
        .unwrap_or_else(|| panic!("no {name}: {r}"))
}

fn disputed(r: &AnchorReport) -> Vec<&'static str> {
    r.disagreements.iter().map(|d| d.field).collect()
}

#[test]
fn agreeing_sources_anchor_and_say_only_what_was_found() {
    let tx = Tx::with_root_in_call_data();
    let r = run(&tx, &both(&tx, &tx), &testnet());
    assert_eq!(r.verdict, AnchorVerdict::Anchored, "{r}");
    let text = format!("{r}{}", r.to_json()).to_lowercase();
    for claim in ["stored", "recorded", "wrote", "saved"] {
        assert!(!text.contains(claim), "the report claims {claim:?}: {text}");
    }
}

/// A change to one field of the second source's transaction.
type Change = fn(&mut Tx);

#[test]
fn each_field_disagreement_is_named() {
    let tx = Tx::with_root_in_call_data();
    let cases: [(&str, Change); 5] = [
        ("success", |t| t.success = false),
        ("to", |t| t.to[0] = 1),
        ("blockNumber", |t| t.block_number += 1),
        ("time", |t| t.block_secs += 10),
        ("found", |t| t.input.truncate(36)),
    ];
    for (field, change) in cases {
        let mut other = tx.clone();
        change(&mut other);
        let r = run(&tx, &both(&tx, &other), &testnet());
        assert_eq!(r.verdict, AnchorVerdict::NotAnchored, "{field}: {r}");
        assert_eq!(disputed(&r), vec![field], "{r}");
        assert_eq!(outcome(&r, "agreement"), CheckOutcome::Fail);
    }
    // A block time within the skew agrees with the consensus time.
    let mut close = tx.clone();
    close.block_secs = tx.consensus_secs + 4;
    assert_eq!(
        run(&tx, &both(&tx, &close), &testnet()).verdict,
        AnchorVerdict::Anchored
    );
    let mut strict = testnet();
    strict.block_time_skew_secs = 3;
    assert_eq!(
        run(&tx, &both(&tx, &close), &strict).verdict,
        AnchorVerdict::NotAnchored
    );
}

#[test]
fn known_against_unknown_is_a_disagreement() {
    let tx = Tx::with_root_in_call_data();
    let mut answers = vec![mirror(200, tx.mirror_json().to_string())];
    answers.push(rpc_one("eth_getTransactionByHash", rpc_body(Value::Null)));
    let r = run(&tx, &answers, &testnet());
    assert_eq!(r.verdict, AnchorVerdict::NotAnchored, "{r}");
    assert_eq!(disputed(&r), vec!["transaction"]);
}

#[test]
fn chain_id_of_the_other_network_fails() {
    let tx = Tx::with_root_in_call_data();
    let r = run(&tx, &both(&tx, &tx), &AnchorPolicy::new(Network::Mainnet));
    assert_eq!(r.verdict, AnchorVerdict::NotAnchored, "{r}");
    assert_eq!(outcome(&r, "chainId"), CheckOutcome::Fail);
    assert_eq!(r.chain_id, 295);
}

#[test]
fn partial_content_counts_only_when_the_root_is_in_it() {
    let tx = Tx::with_root_in_call_data();
    let r = run(&tx, &[mirror(206, tx.mirror_json().to_string())], &testnet());
    assert_eq!(r.verdict, AnchorVerdict::Anchored, "{r}");
    let mut absent = tx.clone();
    absent.input.truncate(36);
    let r = run(&tx, &[mirror(206, absent.mirror_json().to_string())], &testnet());
    assert_eq!(r.verdict, AnchorVerdict::Undetermined, "{r}");
    assert!(
        r.sources[0].reading.contains("absence cannot be concluded"),
        "{r}"
    );
    let r = run(&tx, &[mirror(200, absent.mirror_json().to_string())], &testnet());
    assert_eq!(r.verdict, AnchorVerdict::NotAnchored, "{r}");
}

#[test]
fn unusable_answers_do_not_count() {
    let tx = Tx::with_root_in_call_data();
    let mut wrong = tx.clone();
    wrong.hash = [0x99; 32];
    let mut rpc_missing_receipt = rpc(&tx);
    rpc_missing_receipt.remove(1);
    let rpc_error = vec![rpc_one(
        "eth_getTransactionByHash",
        json!({"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"header not found"}}).to_string(),
    )];
    let mut rpc_wrong_block = rpc(&tx);
    let mut other_block = tx.rpc_block();
    other_block["number"] = quantity(tx.block_number + 1).into();
    rpc_wrong_block[2] = rpc_one("eth_getBlockByNumber", rpc_body(other_block));
    let mut rpc_repeated = rpc(&tx);
    rpc_repeated.push(rpc_repeated[0].clone());
    let cases: Vec<(Vec<SourceAnswer>, &str)> = vec![
        (
            vec![mirror(404, "<html>Not Found</html>".into())],
            "without the mirror node's error body",
        ),
        (
            vec![mirror(200, wrong.mirror_json().to_string())],
            "about something else",
        ),
        (vec![mirror(500, "{}".into())], "HTTP 500"),
        (vec![mirror(200, "[]".into())], "not a JSON object"),
        (rpc_missing_receipt, "no answer to eth_getTransactionReceipt"),
        (rpc_error, "JSON-RPC error -32000: header not found"),
        (rpc_wrong_block, "block.number"),
        (rpc_repeated, "more than once"),
        (
            vec![SourceAnswer::failed(
                SourceKind::Mirror,
                MIRROR,
                None,
                at(),
                "no answer within 400 ms",
            )],
            "no answer within 400 ms",
        ),
    ];
    for (answers, why) in cases {
        let r = run(&tx, &answers, &testnet());
        assert_eq!(r.verdict, AnchorVerdict::Undetermined, "{why}: {r}");
        assert!(!r.sources[0].answered);
        assert!(
            r.sources[0].reading.contains(why),
            "{why}: {}",
            r.sources[0].reading
        );
        assert!(r.look_up_by_hand.is_some());
    }
}

#[test]
fn quorum_rules() {
    let tx = Tx::with_root_in_call_data();
    let answers = both(&tx, &tx);
    let mut p = testnet();
    p.min_sources = Some(3);
    let r = run(&tx, &answers, &p);
    assert_eq!((r.verdict, r.min_sources), (AnchorVerdict::Undetermined, 3));
    p.min_sources = Some(0);
    assert_eq!(run(&tx, &answers[..1], &p).min_sources, 1);
    let r = run(&tx, &[], &testnet());
    assert_eq!(r.verdict, AnchorVerdict::Undetermined);
    let how = r.look_up_by_hand.unwrap();
    assert!(
        how.contains("https://testnet.mirrornode.hedera.com/api/v1/contracts/results/0x4e4e"),
        "{how}"
    );
    assert!(how.contains(ledger_support::ROOT));
}

#[test]
fn a_bad_reference_is_undetermined_not_a_verdict() {
    let tx = Tx::with_root_in_call_data();
    let r = decide(&root(), "0x1234", &both(&tx, &tx), &testnet());
    assert_eq!(r.verdict, AnchorVerdict::Undetermined);
    assert_eq!(outcome(&r, "input"), CheckOutcome::Fail);
}

#[test]
fn mixed_case_hashes_and_addresses_match() {
    let tx = Tx::with_root_in_call_data();
    let mut body = tx.mirror_json();
    body["to"] = Value::String(body["to"].as_str().unwrap().to_uppercase().replacen("0X", "", 1));
    body["hash"] = Value::String(
        body["hash"]
            .as_str()
            .unwrap()
            .to_uppercase()
            .replacen("0X", "0x", 1),
    );
    let mut answers = vec![mirror(200, body.to_string())];
    answers.extend(rpc(&tx));
    let r = decide(
        &root(),
        &tx.hash_hex().to_uppercase().replacen("0X", "0x", 1),
        &answers,
        &testnet(),
    );
    assert_eq!(r.verdict, AnchorVerdict::Anchored, "{r}");
}
