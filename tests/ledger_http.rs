//! The ledger-anchor check against scripted sources on 127.0.0.1 only.
#![cfg(feature = "ledger")]

mod ledger_support;

use ledger_support::{Fake, Reply, Tx, mirror_for, root, rpc_for};
use pacspace_proof::ledger::{
    AnchorPolicy, AnchorReport, AnchorVerdict, CheckOutcome, LedgerConfig, Location, Network,
    RecordedAnswers, RetryPolicy, check_anchor, sha256_hex,
};
use std::time::{Duration, Instant};

fn config(mirrors: &[&Fake], rpcs: &[&Fake]) -> LedgerConfig {
    LedgerConfig {
        mirrors: mirrors.iter().map(|f| f.base_url.clone()).collect(),
        rpcs: rpcs.iter().map(|f| f.base_url.clone()).collect(),
        timeout: Duration::from_millis(400),
        max_body_bytes: 64 * 1024,
        retry: RetryPolicy {
            max_retries: 2,
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_secs(2),
        },
        max_redirects: 3,
    }
}

fn policy() -> AnchorPolicy {
    AnchorPolicy::new(Network::Testnet)
}

fn check<'a>(r: &'a AnchorReport, name: &str) -> &'a pacspace_proof::ledger::AnchorCheck {
    r.checks
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no check {name} in {r}"))
}

fn run(tx: &Tx, mirrors: &[&Fake], rpcs: &[&Fake], p: &AnchorPolicy) -> (AnchorReport, RecordedAnswers) {
    check_anchor(&root(), &tx.hash_hex(), &config(mirrors, rpcs), p)
}

#[test]
fn root_in_call_data_both_sources_agree() {
    let tx = Tx::with_root_in_call_data();
    let (m, r) = (mirror_for(Some(tx.clone()), None), rpc_for(Some(tx.clone())));
    let (report, recorded) = run(&tx, &[&m], &[&r], &policy());
    assert_eq!(report.verdict, AnchorVerdict::Anchored, "{report}");
    assert_eq!(report.location, Some(Location::CallData { offset: 36 }));
    assert_eq!(
        report.finding.as_deref(),
        Some(
            format!(
                "the root's bytes are in transaction {}'s call data at offset 36",
                tx.hash_hex()
            )
            .as_str()
        )
    );
    assert_eq!(report.min_sources, 2);
    assert_eq!(report.sources_answered, 2);
    assert_eq!(
        report.consensus_timestamp.as_deref(),
        Some("1722945601.123456789")
    );
    assert_eq!(report.to.unwrap().to_string(), ledger_support::hex(&tx.to));
    assert_eq!(report.block_number, Some(tx.block_number));
    assert!(
        report
            .sources
            .iter()
            .all(|s| s.answered && s.found == Some(true) && s.where_ == Some("calldata"))
    );

    // What was asked, exactly.
    let mreq = m.requests();
    assert_eq!(mreq.len(), 1);
    assert_eq!(mreq[0].method, "GET");
    assert_eq!(
        mreq[0].url,
        format!("/api/v1/contracts/results/{}", tx.hash_hex())
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
    assert_eq!(
        r.requests()[2].rpc_params(),
        serde_json::json!(["0x89d985", false])
    );

    // Every raw body is recorded with its digest.
    assert_eq!(recorded.answers.len(), 4);
    for a in &recorded.answers {
        assert_eq!(a.body_sha256, sha256_hex(a.body.as_bytes()));
        assert_eq!(a.status, Some(200));
    }
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(json["verdict"], "anchored");
    assert_eq!(json["root"], ledger_support::ROOT);
    assert_eq!(json["tx"], tx.hash_hex());
    assert_eq!(json["network"], "testnet");
    assert_eq!(json["consensusTimestamp"], "1722945601.123456789");
    assert_eq!(json["sources"][0]["kind"], "mirror");
    assert_eq!(json["sources"][1]["kind"], "rpc");
    assert_eq!(json["sources"][1]["where"], "calldata");
    assert_eq!(json["sources"][1]["status"], 200);
    assert_eq!(json["sources"][0]["found"], true);
    assert!(
        json["checks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["name"] == "rootFound" && c["outcome"] == "pass")
    );
}

#[test]
fn root_as_a_log_topic() {
    let mut tx = Tx::with_root_in_call_data();
    tx.input.truncate(36);
    tx.logs = vec![
        (vec![[1; 32]], vec![]),
        (vec![[2; 32], [3; 32], ledger_support::root_bytes()], vec![0; 64]),
    ];
    let (m, r) = (mirror_for(Some(tx.clone()), None), rpc_for(Some(tx.clone())));
    let (report, _) = run(&tx, &[&m], &[&r], &policy());
    assert_eq!(report.verdict, AnchorVerdict::Anchored, "{report}");
    assert_eq!(report.location, Some(Location::Topic { log: 1, topic: 2 }));
    assert!(report.finding.unwrap().ends_with("log 1 as topic 2"));
}

#[test]
fn root_as_a_word_of_log_data() {
    let mut tx = Tx::with_root_in_call_data();
    tx.input.truncate(36);
    let mut data = vec![0u8; 64];
    data.extend(ledger_support::root_bytes());
    data.extend([9u8; 10]);
    tx.logs = vec![(vec![[1; 32]], data)];
    let (m, r) = (mirror_for(Some(tx.clone()), None), rpc_for(Some(tx.clone())));
    let (report, _) = run(&tx, &[&m], &[&r], &policy());
    assert_eq!(report.verdict, AnchorVerdict::Anchored, "{report}");
    assert_eq!(report.location, Some(Location::LogData { log: 0, offset: 64 }));
}

#[test]
fn root_absent_is_not_anchored() {
    let mut tx = Tx::with_root_in_call_data();
    tx.input.truncate(36);
    // The root's bytes straddling a word boundary do not count.
    tx.input.extend([0u8; 16]);
    tx.input.extend(ledger_support::root_bytes());
    let (m, r) = (mirror_for(Some(tx.clone()), None), rpc_for(Some(tx.clone())));
    let (report, _) = run(&tx, &[&m], &[&r], &policy());
    assert_eq!(report.verdict, AnchorVerdict::NotAnchored, "{report}");
    assert_eq!(check(&report, "rootFound").outcome, CheckOutcome::Fail);
    assert!(report.sources.iter().all(|s| s.found == Some(false)));
    assert_eq!(report.verdict.exit_code(), 1);
}

#[test]
fn failed_transaction_is_not_anchored() {
    let mut tx = Tx::with_root_in_call_data();
    tx.success = false;
    let (m, r) = (mirror_for(Some(tx.clone()), None), rpc_for(Some(tx.clone())));
    let (report, _) = run(&tx, &[&m], &[&r], &policy());
    assert_eq!(report.verdict, AnchorVerdict::NotAnchored, "{report}");
    let c = check(&report, "transactionSucceeded");
    assert_eq!(c.outcome, CheckOutcome::Fail);
    assert!(c.detail.contains("CONTRACT_REVERT_EXECUTED"), "{}", c.detail);
}

#[test]
fn unknown_transaction_404_and_null() {
    let tx = Tx::with_root_in_call_data();
    let (m, r) = (mirror_for(None, None), rpc_for(None));
    let (report, recorded) = run(&tx, &[&m], &[&r], &policy());
    assert_eq!(report.verdict, AnchorVerdict::NotAnchored, "{report}");
    assert_eq!(check(&report, "transactionKnown").outcome, CheckOutcome::Fail);
    assert_eq!(report.sources_answered, 2);
    // No receipt is asked for an unknown transaction.
    assert_eq!(r.requests().len(), 1);
    assert_eq!(recorded.answers[0].status, Some(404));
}

#[test]
fn sources_disagreeing_is_evidence_against() {
    let tx = Tx::with_root_in_call_data();
    let mut other = tx.clone();
    other.input.truncate(36);
    let (m, r) = (mirror_for(Some(tx.clone()), None), rpc_for(Some(other)));
    let (report, recorded) = run(&tx, &[&m], &[&r], &policy());
    assert_eq!(report.verdict, AnchorVerdict::NotAnchored, "{report}");
    assert_eq!(check(&report, "agreement").outcome, CheckOutcome::Fail);
    let d = report
        .disagreements
        .iter()
        .find(|d| d.field == "found")
        .expect("found disagreement");
    assert_eq!(d.sides[0].url, recorded.answers[0].url);
    assert_eq!(
        d.sides[0].answers[0].body_sha256,
        sha256_hex(recorded.answers[0].body.as_bytes())
    );
    assert_eq!(d.sides[1].url, r.base_url);
    assert_eq!(d.sides[1].answers.len(), 3);
    assert_eq!(d.sides[1].answers[0].asked_at, recorded.answers[1].asked_at);
    let text = report.to_string();
    assert!(text.contains("disagreement on found"), "{text}");
    assert!(text.contains(&recorded.answers[1].body_sha256), "{text}");
}

#[test]
fn one_source_down_under_two_required_is_undetermined() {
    let tx = Tx::with_root_in_call_data();
    let m = mirror_for(Some(tx.clone()), None);
    let down = Fake::start(|_| Reply::json(503, r#"{"error":"unavailable"}"#));
    let (report, _) = run(&tx, &[&m], &[&down], &policy());
    assert_eq!(report.verdict, AnchorVerdict::Undetermined, "{report}");
    assert_eq!(report.verdict.exit_code(), 3);
    assert_eq!(check(&report, "quorum").outcome, CheckOutcome::Fail);
    assert_eq!(down.requests().len(), 3, "first attempt and two retries");
    let how = report.look_up_by_hand.as_deref().unwrap();
    assert!(how.contains(&tx.hash_hex()) && how.contains(ledger_support::ROOT) && how.contains("testnet"));
    assert!(
        report.sources[1].reading.contains("HTTP 503"),
        "{}",
        report.sources[1].reading
    );
}

#[test]
fn a_slow_source_times_out_within_bounds() {
    let tx = Tx::with_root_in_call_data();
    let t2 = tx.clone();
    let slow = Fake::start(move |_| {
        Reply::json(200, &t2.mirror_json().to_string()).delayed(Duration::from_millis(1500))
    });
    let r = rpc_for(Some(tx.clone()));
    let started = Instant::now();
    let mut p = policy();
    p.min_sources = Some(1);
    let (report, recorded) = run(&tx, &[&slow], &[&r], &p);
    let took = started.elapsed();
    assert!(took < Duration::from_millis(1300), "took {took:?}");
    assert_eq!(report.verdict, AnchorVerdict::Anchored, "{report}");
    assert!(!report.sources[0].answered);
    assert_eq!(
        recorded.answers[0].error.as_deref(),
        Some("no answer within 400 ms")
    );
    assert_eq!(report.time_kind, Some(pacspace_proof::ledger::TimeKind::Block));
}

#[test]
fn an_oversized_body_is_refused() {
    let tx = Tx::with_root_in_call_data();
    let t2 = tx.clone();
    let big = Fake::start(move |_| {
        let mut v = t2.mirror_json();
        v["padding"] = serde_json::Value::String("x".repeat(100_000));
        Reply::json(200, &v.to_string())
    });
    let (report, recorded) = run(&tx, &[&big], &[], &policy());
    assert_eq!(report.verdict, AnchorVerdict::Undetermined, "{report}");
    assert_eq!(
        recorded.answers[0].error.as_deref(),
        Some("answer larger than the 65536-byte cap")
    );
}

#[test]
fn malformed_json_is_no_answer() {
    let tx = Tx::with_root_in_call_data();
    let bad = Fake::start(|_| Reply::json(200, r#"{"function_parameters": "0x12"#));
    let (report, recorded) = run(&tx, &[&bad], &[], &policy());
    assert_eq!(report.verdict, AnchorVerdict::Undetermined, "{report}");
    assert_eq!(recorded.answers[0].status, Some(200));
    assert!(
        report.sources[0].reading.contains("not JSON"),
        "{}",
        report.sources[0].reading
    );
}

#[test]
fn a_redirect_to_another_host_is_refused() {
    let tx = Tx::with_root_in_call_data();
    let elsewhere = mirror_for(Some(tx.clone()), None);
    let port = elsewhere.port;
    let redirecting = Fake::start(move |s| {
        Reply::json(302, "").header("Location", &format!("http://localhost:{port}{}", s.url))
    });
    let (report, recorded) = run(&tx, &[&redirecting], &[], &policy());
    assert_eq!(report.verdict, AnchorVerdict::Undetermined, "{report}");
    let err = recorded.answers[0].error.as_deref().unwrap();
    assert!(
        err.starts_with("refused redirect from http://127.0.0.1:"),
        "{err}"
    );
    assert!(err.contains(&format!("http://localhost:{port}/")), "{err}");
    assert!(elsewhere.requests().is_empty(), "the other host was never asked");

    // Another port on the same address is another host too.
    let redirecting = Fake::start(move |s| {
        Reply::json(307, "").header("Location", &format!("http://127.0.0.1:{port}{}", s.url))
    });
    let (report, _) = run(&tx, &[&redirecting], &[], &policy());
    assert_eq!(report.verdict, AnchorVerdict::Undetermined, "{report}");
    assert!(elsewhere.requests().is_empty());
}

#[test]
fn a_same_host_redirect_is_followed() {
    let tx = Tx::with_root_in_call_data();
    let t2 = tx.clone();
    let moving = Fake::start(move |s| {
        if s.url.starts_with("/new") {
            Reply::json(200, &t2.mirror_json().to_string())
        } else {
            Reply::json(301, "").header("Location", &format!("/new{}", s.url))
        }
    });
    let (report, _) = run(&tx, &[&moving], &[], &policy());
    assert_eq!(report.verdict, AnchorVerdict::Anchored, "{report}");
    assert_eq!(moving.requests().len(), 2);
}

#[test]
fn contract_mismatch() {
    let tx = Tx::with_root_in_call_data();
    let (m, r) = (mirror_for(Some(tx.clone()), None), rpc_for(Some(tx.clone())));
    let mut p = policy();
    p.contract = Some("0x00000000000000000000000000000000002A1B3D".parse().unwrap());
    let (report, _) = run(&tx, &[&m], &[&r], &p);
    assert_eq!(report.verdict, AnchorVerdict::NotAnchored, "{report}");
    assert_eq!(check(&report, "contract").outcome, CheckOutcome::Fail);
    p.contract = Some("0x00000000000000000000000000000000002A1B3C".parse().unwrap());
    let (report, _) = run(&tx, &[&m], &[&r], &p);
    assert_eq!(report.verdict, AnchorVerdict::Anchored, "{report}");
    assert_eq!(check(&report, "contract").outcome, CheckOutcome::Pass);
}

#[test]
fn anchor_time_before_not_before_is_too_early() {
    let tx = Tx::with_root_in_call_data();
    let (m, r) = (mirror_for(Some(tx.clone()), None), rpc_for(Some(tx.clone())));
    let mut p = policy();
    // Consensus 2024-08-06T12:00:01.123456789Z; receivedAt an hour later.
    p.not_before = Some(ts("2024-08-06T13:00:01Z"));
    let (report, _) = run(&tx, &[&m], &[&r], &p);
    assert_eq!(report.verdict, AnchorVerdict::NotAnchored, "{report}");
    let c = check(&report, "notBefore");
    assert_eq!(c.outcome, CheckOutcome::Fail);
    assert!(c.detail.starts_with("too early"), "{}", c.detail);
    // Within the 300 s tolerance.
    p.not_before = Some(ts("2024-08-06T12:05:00Z"));
    let (report, _) = run(&tx, &[&m], &[&r], &p);
    assert_eq!(report.verdict, AnchorVerdict::Anchored, "{report}");
}

fn ts(text: &str) -> pacspace_proof::ledger::Timestamp {
    pacspace_proof::ledger::Timestamp::parse_rfc3339(text).unwrap()
}

#[test]
fn recorded_answers_round_trip_and_tampering() {
    let tx = Tx::with_root_in_call_data();
    let (m, r) = (mirror_for(Some(tx.clone()), None), rpc_for(Some(tx.clone())));
    let (live, recorded) = run(&tx, &[&m], &[&r], &policy());
    let text = recorded.to_json();
    drop((m, r));
    let loaded = RecordedAnswers::from_json(&text).unwrap();
    assert_eq!(loaded, recorded);
    let offline = loaded.decide(&root(), &policy());
    assert_eq!(offline, live);
    assert_eq!(offline.verdict, AnchorVerdict::Anchored);

    // One changed character in a recorded body is refused.
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let body = v["answers"][1]["body"]
        .as_str()
        .unwrap()
        .replacen("0x1", "0x0", 1);
    v["answers"][1]["body"] = body.into();
    match RecordedAnswers::from_json(&v.to_string()) {
        Err(pacspace_proof::ledger::AnswersError::DigestMismatch { index, .. }) => assert_eq!(index, 1),
        other => panic!("expected a digest mismatch, got {other:?}"),
    }
}

#[test]
fn a_transaction_id_is_asked_of_the_mirror_only() {
    let tx = Tx::with_root_in_call_data();
    let id = "0.0.4433-1722945590-000000042";
    let (m, r) = (mirror_for(Some(tx.clone()), Some(id)), rpc_for(Some(tx.clone())));
    let cfg = config(&[&m], &[&r]);
    let (report, recorded) = check_anchor(&root(), "0.0.4433@1722945590.000000042", &cfg, &policy());
    assert_eq!(report.verdict, AnchorVerdict::Undetermined, "{report}");
    assert!(r.requests().is_empty());
    assert!(
        recorded.answers[1]
            .error
            .as_deref()
            .unwrap()
            .contains("0x + 64 hex")
    );
    assert_eq!(m.requests()[0].url, format!("/api/v1/contracts/results/{id}"));
    let mut p = policy();
    p.min_sources = Some(1);
    let (report, _) = check_anchor(&root(), id, &cfg, &p);
    assert_eq!(report.verdict, AnchorVerdict::Anchored, "{report}");
    assert_eq!(report.tx, id);
}

#[test]
fn rate_limited_then_answered() {
    let tx = Tx::with_root_in_call_data();
    let t2 = tx.clone();
    let count = std::sync::atomic::AtomicUsize::new(0);
    let m = Fake::start(move |_| {
        if count.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
            Reply::json(429, "{}").header("Retry-After", "0")
        } else {
            Reply::json(200, &t2.mirror_json().to_string())
        }
    });
    let (report, recorded) = run(&tx, &[&m], &[], &policy());
    assert_eq!(report.verdict, AnchorVerdict::Anchored, "{report}");
    assert_eq!(m.requests().len(), 2);
    assert_eq!(recorded.answers.len(), 1, "only the final answer is recorded");
}
