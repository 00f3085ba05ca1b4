//! `pacspace-verify webhook` on the bundled signed delivery: the signature
//! over the raw body, then the event; genuine → verified, exit 0; altered,
//! stale or malformed → exit 1 naming the check; garbage → 2.

mod common;

use common::webhook_headers as headers;
use common::{SECRET, SECRET_VAR, assert_bad_input, assert_code, assert_usage_error, out, sample};
use serde_json::Value;
use std::process::Output;

fn run(args: &[&str], stdin: &[u8]) -> Output {
    common::run_cli(args, stdin, &[(SECRET_VAR, SECRET)])
}

fn emit_root() -> String {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(sample("emit.json")).unwrap()).unwrap();
    v["data"]["receiptId"].as_str().unwrap().to_string()
}

#[test]
fn webhook_genuine_exit_0() {
    let (sig, ts) = headers();
    let now = (ts.parse::<i64>().unwrap() + 60).to_string();
    let root = emit_root();
    let o = run(
        &[
            "webhook",
            "--secret-env",
            SECRET_VAR,
            "--signature",
            &sig,
            "--timestamp",
            &ts,
            "--now",
            &now,
            "--items",
            &sample("emit-delta.json"),
            "--expect-receipt",
            &root,
            &sample("webhook.json"),
        ],
        b"",
    );
    assert_code(&o, 0);
    let t = out(&o);
    assert!(
        t.contains("  ok    signature:") && t.contains("signed 60 s ago"),
        "{t}"
    );
    assert!(t.contains("  ok    stored receipt:"), "{t}");
    assert!(t.contains("\nlevel: verified ("), "{t}");
}

#[test]
fn webhook_tampered_exit_1() {
    let (sig, ts) = headers();
    let body = std::fs::read(sample("webhook.json")).unwrap();
    let stale = (ts.parse::<i64>().unwrap() + 301).to_string();
    let o = run(
        &[
            "webhook",
            "--secret-env",
            SECRET_VAR,
            "--signature",
            &sig,
            "--timestamp",
            &ts,
            "--now",
            &stale,
            "-",
        ],
        &body,
    );
    assert_code(&o, 1);
    assert!(
        out(&o).contains("FAIL  signature: stale timestamp"),
        "{}",
        out(&o)
    );
    // Wider tolerance accepts it (the event agrees with itself: consistent).
    let o = run(
        &[
            "webhook",
            "--require",
            "consistent",
            "--secret-env",
            SECRET_VAR,
            "--signature",
            &sig,
            "--timestamp",
            &ts,
            "--now",
            &stale,
            "--tolerance",
            "400",
            "-",
        ],
        &body,
    );
    assert_code(&o, 0);
    // One body byte changed.
    let mut changed = body.clone();
    let at = changed.windows(5).position(|w| w == b"42.5,").unwrap();
    changed[at + 3] = b'6';
    let o = run(
        &[
            "webhook",
            "--json",
            "--secret-env",
            SECRET_VAR,
            "--signature",
            &sig,
            "--timestamp",
            &ts,
            "--now",
            &ts,
            "-",
        ],
        &changed,
    );
    assert_code(&o, 1);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["checks"][0]["name"], "signature");
    assert_eq!(v["checks"][0]["failure"]["kind"], "signature");
    assert_eq!(v["checks"][0]["failure"]["reason"], "mismatch");
}

#[test]
fn webhook_garbage_exit_2() {
    let (sig, ts) = headers();
    let w = sample("webhook.json");
    assert_bad_input(&run(
        &[
            "webhook",
            "--secret-env",
            "PACSPACE_UNSET_VAR_X",
            "--signature",
            &sig,
            "--timestamp",
            &ts,
            &w,
        ],
        b"",
    ));
    assert_usage_error(
        &run(
            &["webhook", "--secret-env", SECRET_VAR, "--signature", &sig, &w],
            b"",
        ),
        "--timestamp <T>",
    );
    assert_usage_error(
        &run(
            &[
                "webhook",
                "--secret-env",
                SECRET_VAR,
                "--signature",
                &sig,
                "--timestamp",
                &ts,
                "--now",
                "soon",
                &w,
            ],
            b"",
        ),
        "invalid value 'soon' for '--now <UNIX>'",
    );
    // Genuinely signed, but not an event: bad input.
    let body = b"[1,2,3]";
    let mut buf = [0u8; 67];
    let good = pacspace_proof::signature::sign_webhook(SECRET.as_bytes(), &ts, body, &mut buf).to_string();
    let args = [
        "webhook",
        "--secret-env",
        SECRET_VAR,
        "--signature",
        &good,
        "--timestamp",
        &ts,
        "--now",
        &ts,
        "-",
    ];
    assert_bad_input(&run(&args, body));
    // A malformed signature header is a failed check (exit 1), not bad input.
    let args = [
        "webhook",
        "--secret-env",
        SECRET_VAR,
        "--signature",
        "v1=00",
        "--timestamp",
        &ts,
        "--now",
        &ts,
        "-",
    ];
    let o = run(&args, body);
    assert_code(&o, 1);
    assert!(
        out(&o).contains("FAIL  signature: signature value 0 is not"),
        "{}",
        out(&o)
    );
}
