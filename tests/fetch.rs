//! The HTTP client against a real server on 127.0.0.1 (no other network).
#![cfg(feature = "fetch")]

mod support;

use pacspace_proof::fetch::{Client, ClientConfig, FetchError, RetryPolicy, Source};
use std::time::{Duration, Instant};
use support::server::{Reply, TestServer};

const ROOT: &str = "0xb8bad1209a18ece5ee7589b4c2291a4f17f789d4e59652b0adeb8e6f75df8bed";

fn client(base: &str) -> Client {
    Client::new(ClientConfig {
        base_url: base.to_owned(),
        api_key: Some("test-key".into()),
        timeout: Duration::from_millis(700),
        max_body_bytes: 64 * 1024,
        retry: RetryPolicy {
            max_retries: 2,
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_secs(2),
        },
    })
}

#[test]
fn envelope_and_bare_answers_and_the_request_line() {
    let server = TestServer::start(vec![
        Reply::json(
            200,
            r#"{"success":true,"data":{"verified":true,"proofRoot":"x"}}"#,
        ),
        Reply::json(200, r#"{"receiptId":"x","status":"VERIFIED"}"#),
        Reply::json(200, r#"{"success":true,"data":{"status":"ANCHORED"}}"#),
    ]);
    let c = client(&server.base_url);
    assert_eq!(
        c.verify_answer(ROOT, Some(Source::Both)).unwrap()["proofRoot"],
        "x"
    );
    assert_eq!(
        c.verify_answer("rcpt_9/../x", None).unwrap()["status"],
        "VERIFIED"
    );
    assert_eq!(c.delta_status("anc_1").unwrap()["status"], "ANCHORED");
    let seen = server.requests();
    assert_eq!(seen[0].url, format!("/api/v1/verify/{ROOT}?source=both"));
    assert_eq!(seen[1].url, "/api/v1/verify/rcpt_9%2F..%2Fx");
    assert_eq!(seen[2].url, "/api/v1/balance/delta/anc_1");
    assert_eq!(seen[2].api_key.as_deref(), Some("test-key"));
}

#[test]
fn not_found_is_a_status_error_without_retry() {
    let server = TestServer::start(vec![Reply::json(404, r#"{"success":false,"error":"not found"}"#)]);
    match client(&server.base_url).verify_answer(ROOT, None) {
        Err(FetchError::Status { code: 404, body, .. }) => assert!(body.contains("not found")),
        other => panic!("expected 404, got {other:?}"),
    }
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn too_many_requests_then_success_honours_retry_after() {
    let server = TestServer::start(vec![
        Reply::json(429, r#"{"error":"slow down"}"#).header("Retry-After", "1"),
        Reply::json(503, "{}"),
        Reply::json(200, r#"{"success":true,"data":{"verified":true}}"#),
    ]);
    let started = Instant::now();
    let v = client(&server.base_url).verify_answer(ROOT, None).unwrap();
    assert_eq!(v["verified"], true);
    assert_eq!(server.requests().len(), 3);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After: 1 was honoured"
    );
}

#[test]
fn retries_run_out() {
    let server = TestServer::start(vec![
        Reply::json(500, "a"),
        Reply::json(502, "b"),
        Reply::json(503, "c"),
    ]);
    assert!(matches!(
        client(&server.base_url).verify_answer(ROOT, None),
        Err(FetchError::Status { code: 503, .. })
    ));
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn slow_server_hits_the_timeout() {
    let server = TestServer::start(vec![Reply::json(200, "{}").delayed(Duration::from_millis(2500))]);
    let started = Instant::now();
    let r = client(&server.base_url).verify_answer(ROOT, None);
    assert_eq!(r, Err(FetchError::Timeout { millis: 700 }));
    assert!(started.elapsed() < Duration::from_millis(2400));
}

#[test]
fn oversized_body_is_refused() {
    let big = format!(r#"{{"pad":"{}"}}"#, "x".repeat(200 * 1024));
    let server = TestServer::start(vec![Reply::json(200, &big)]);
    assert_eq!(
        client(&server.base_url).verify_answer(ROOT, None),
        Err(FetchError::TooLarge { limit: 64 * 1024 })
    );
}

#[test]
fn non_json_and_service_errors() {
    let server = TestServer::start(vec![
        Reply::json(200, "<html>maintenance</html>"),
        Reply::json(200, r#"{"success":false,"message":"bad root"}"#),
        Reply::json(200, "[1,2]"),
    ]);
    let c = client(&server.base_url);
    assert!(matches!(c.verify_answer(ROOT, None), Err(FetchError::NotJson(_))));
    assert_eq!(
        c.verify_answer(ROOT, None),
        Err(FetchError::ServiceError("bad root".into()))
    );
    assert!(matches!(c.verify_answer(ROOT, None), Err(FetchError::Shape(_))));
}

#[test]
fn nothing_listening_is_a_transport_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let r = client(&format!("http://127.0.0.1:{port}")).verify_answer(ROOT, None);
    assert!(matches!(r, Err(FetchError::Transport(_))), "{r:?}");
}
