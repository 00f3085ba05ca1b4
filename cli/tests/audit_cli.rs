//! `pacspace-verify audit` on files: the summary, `--json` and `--csv` of
//! the same scenario agree; exit 0 when all is verified, 1 otherwise, 2 on
//! bad input; `--state` finds a rollback and a fork and prints both heads.

mod common;

#[path = "../../examples/make_samples/audit.rs"]
#[allow(dead_code)]
mod build;

use build::{delta, hash, jsonl, root, verified};
use pacspace_proof::Hash32;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Output;

/// A fresh directory for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pacspace-audit-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

fn sample(name: &str) -> String {
    common::repo_root()
        .join("examples/audit")
        .join(name)
        .display()
        .to_string()
}

fn run(args: &[&str]) -> Output {
    let mut all = vec!["audit"];
    all.extend_from_slice(args);
    common::run_cli(&all, b"", &[])
}

fn code(o: &Output) -> Option<i32> {
    o.status.code()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn summary_json_and_csv_of_the_sample_agree() {
    let dir = scratch("sample");
    let csv = dir.join("rows.csv").display().to_string();
    let base = [
        "--deltas",
        &sample("deltas.jsonl"),
        "--receipts",
        &sample("receipts.jsonl"),
        "--answers",
        &sample("answers.jsonl"),
    ];
    let o = run(&base);
    assert_eq!(code(&o), Some(1), "{}", text(&o));
    let summary = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        summary.contains(
            "deltas: 9 submitted: 5 verified, 1 altered, 1 failed, 1 pending, 1 missing; 1 duplicate(s)"
        ),
        "{summary}"
    );
    assert!(summary.contains("2 MISMATCH"), "{summary}");
    assert!(summary.trim_end().ends_with("verdict: NOT VERIFIED"), "{summary}");
    assert!(summary.lines().count() < 40, "one screen: {summary}");

    let mut args = base.to_vec();
    args.extend(["--json", "--csv", &csv]);
    let o = run(&args);
    assert_eq!(code(&o), Some(1), "{}", text(&o));
    let report: Value = serde_json::from_slice(&o.stdout).expect("JSON report");
    assert_eq!(
        report["deltas"],
        json!({"submitted": 9, "verified": 5, "altered": 1, "failed": 1, "pending": 1, "missing": 1, "duplicate": 1})
    );
    assert_eq!(
        (report["verdict"].as_str(), report["level"].as_str()),
        (Some("notVerified"), Some("not_verified"))
    );
    assert_eq!(report["unmatchedItems"], 5);
    assert_eq!(report["customers"].as_array().map(Vec::len), Some(3));
    let bolt = &report["customers"][1];
    assert_eq!(
        (bolt["customerId"].as_str(), bolt["netDecimal"].as_str()),
        (Some("cust_bolt"), Some("0.3"))
    );
    assert_eq!(bolt["netDouble"], json!(0.30000000000000004));
    assert_eq!(bolt["claims"][0]["reproducedBy"], "double");
    assert!(report["chain"]["tenants"][0]["receipts"] == 4);
    assert!(report["problems"].as_array().is_some());

    // The CSV: one row per submitted delta; its classes tally with the JSON counts.
    let rows = std::fs::read_to_string(&csv).unwrap();
    let mut lines = rows.lines();
    assert_eq!(
        lines.next(),
        Some("line,customerId,referenceId,itemHash,class,proofHash,detail")
    );
    let rows: Vec<Vec<String>> = lines.map(split_csv).collect();
    assert_eq!(rows.len(), 9);
    let classes: Vec<&str> = rows.iter().map(|r| r[4].as_str()).collect();
    assert_eq!(
        classes,
        [
            "verified", "verified", "verified", "verified", "altered", "failed", "pending", "missing",
            "verified"
        ]
    );
    for class in ["verified", "altered", "failed", "pending", "missing"] {
        let n = classes.iter().filter(|c| **c == class).count() as u64;
        assert_eq!(report["deltas"][class].as_u64(), Some(n), "{class}");
    }
    assert_eq!(rows[4][2], "req_005");
    assert!(
        rows[4][6].contains("amount 7.25 submitted, 7.5 in the receipt"),
        "{:?}",
        rows[4]
    );
    let d1: Value = serde_json::from_str(
        std::fs::read_to_string(sample("deltas.jsonl"))
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(rows[0][3], hash(&d1).to_string());
    assert_eq!(
        rows[0][5],
        report["customers"][0]["claims"][2]["claimed"].as_str().unwrap(),
        "verified by the latest receipt"
    );

    // The same deltas as CSV: the same classes, the CSV's own line numbers.
    let csv2 = dir.join("rows2.csv").display().to_string();
    let o = run(&[
        "--deltas",
        &sample("deltas.csv"),
        "--receipts",
        &sample("receipts.jsonl"),
        "--csv",
        &csv2,
    ]);
    assert_eq!(code(&o), Some(1));
    let again: Vec<Vec<String>> = std::fs::read_to_string(&csv2)
        .unwrap()
        .lines()
        .skip(1)
        .map(split_csv)
        .collect();
    for (a, b) in rows.iter().zip(&again) {
        assert_eq!(a[0].parse::<u64>().unwrap() + 1, b[0].parse::<u64>().unwrap());
        assert_eq!(a[1..], b[1..]);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Splits one CSV line (quoted cells with doubled quotes, no newlines).
fn split_csv(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (false, '"') => quoted = true,
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cells.last_mut().unwrap().push('"');
            }
            (true, '"') => quoted = false,
            (false, ',') => cells.push(String::new()),
            (_, c) => cells.last_mut().unwrap().push(c),
        }
    }
    cells
}

/// `batches` batches of two deltas, each delta with its linked webhook.
fn history(batches: usize, tag: &str) -> (String, String) {
    let mut deltas = Vec::new();
    let mut receipts = Vec::new();
    let mut previous: Option<Hash32> = None;
    for b in 0..batches {
        let ds = [
            delta("c1", json!(b + 1), "usage", Some(&format!("{tag}{b}a")), None),
            delta("c2", json!(0.1), "usage", Some(&format!("{tag}{b}b")), None),
        ];
        let leaves = [hash(&ds[0]), hash(&ds[1])];
        for k in 0..2 {
            let time = format!("2026-02-{:02}T00:00:00.000Z", b + 1);
            receipts.push(verified(
                &ds[k],
                leaves[k],
                &leaves,
                (2 * b + k) as u64,
                previous,
                &time,
            ));
            previous = Some(root(&leaves));
        }
        deltas.extend(ds);
    }
    (jsonl(&deltas), jsonl(&receipts))
}

#[test]
fn all_verified_exits_0_and_state_finds_a_rollback_and_a_fork() {
    let dir = scratch("state");
    let state = dir.join("state").display().to_string();
    let (deltas, receipts) = history(3, "r");
    let d = write(&dir, "deltas.jsonl", &deltas);
    let r = write(&dir, "receipts.jsonl", &receipts);
    let o = run(&["--deltas", &d, "--receipts", &r, "--state", &state]);
    assert_eq!(code(&o), Some(0), "{}", text(&o));
    let heads: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("state/heads.json")).unwrap()).unwrap();
    let head = heads["tenants"]["default"]["proofHash"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(heads["tenants"]["default"]["count"], 6);

    // A later export that stops two receipts earlier: a rollback.
    let short: Vec<&str> = receipts.lines().take(4).collect();
    let r2 = write(&dir, "short.jsonl", &(short.join("\n") + "\n"));
    let d2 = write(
        &dir,
        "short-deltas.jsonl",
        &(deltas.lines().take(4).collect::<Vec<_>>().join("\n") + "\n"),
    );
    let o = run(&["--deltas", &d2, "--receipts", &r2, "--state", &state]);
    assert_eq!(code(&o), Some(1), "{}", text(&o));
    let out = text(&o);
    let short_head = serde_json::from_str::<Value>(short[3]).unwrap()["data"]["proof"]["proofHash"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        out.contains("rollback") && out.contains(&head) && out.contains(&short_head),
        "{out}"
    );

    // Another history as long: a fork. The stored head is kept throughout.
    let (fd, fr) = history(3, "f");
    let (fd, fr) = (
        write(&dir, "fork-deltas.jsonl", &fd),
        write(&dir, "fork.jsonl", &fr),
    );
    let o = run(&["--deltas", &fd, "--receipts", &fr, "--state", &state, "--json"]);
    assert_eq!(code(&o), Some(1), "{}", text(&o));
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    let check = &report["chain"]["heads"][0];
    assert_eq!(
        (check["status"].as_str(), check["stored"]["proofHash"].as_str()),
        (Some("fork"), Some(head.as_str()))
    );
    assert!(
        report["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["kind"] == "fork")
    );
    let kept: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("state/heads.json")).unwrap()).unwrap();
    assert_eq!(
        kept["tenants"]["default"]["proofHash"].as_str(),
        Some(head.as_str())
    );

    // The original export again still extends (is) the stored head.
    let o = run(&["--deltas", &d, "--receipts", &r, "--state", &state]);
    assert_eq!(code(&o), Some(0), "{}", text(&o));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_input_exits_2_with_the_file_and_line() {
    let dir = scratch("bad");
    let (deltas, receipts) = history(1, "b");
    let d = write(&dir, "deltas.jsonl", &deltas);
    let r = write(&dir, "receipts.jsonl", &receipts);
    let cases: [(&str, Vec<String>, &str); 5] = [
        (
            "bad receipt",
            vec![
                d.clone(),
                write(&dir, "r1.jsonl", &format!("{receipts}{{\"hello\":1}}\n")),
            ],
            "receipts line 3",
        ),
        (
            "bad delta",
            vec![
                write(&dir, "d1.jsonl", &format!("{deltas}{{\"customerId\":\"c\"}}\n")),
                r.clone(),
            ],
            "deltas line 3",
        ),
        (
            "missing file",
            vec![dir.join("none.jsonl").display().to_string(), r.clone()],
            "cannot read",
        ),
        (
            "bad csv",
            vec![write(&dir, "d.csv", "customerId,reason\nc,r\n"), r.clone()],
            "no \"delta\" column",
        ),
        (
            "not json",
            vec![d.clone(), write(&dir, "r2.jsonl", "{\n")],
            "receipts line 1",
        ),
    ];
    for (what, files, expected) in cases {
        let o = run(&["--deltas", &files[0], "--receipts", &files[1]]);
        assert_eq!(code(&o), Some(2), "{what}: {}", text(&o));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains(expected) && err.lines().count() == 1,
            "{what}: {err}"
        );
    }
    let a = write(&dir, "answers.jsonl", "{\"balance\":1}\n");
    let o = run(&["--deltas", &d, "--receipts", &r, "--answers", &a]);
    assert_eq!(code(&o), Some(2), "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("answers line 1"));
    // A JSONL file named .txt, and CSV forced by --deltas-format.
    let o = run(&["--deltas", &write(&dir, "deltas.txt", &deltas), "--receipts", &r]);
    assert_eq!(code(&o), Some(0), "{}", text(&o));
    let csv = "customerId,delta,reason,referenceId\nc1,1,usage,b0a\nc2,0.1,usage,b0b\n";
    let o = run(&[
        "--deltas",
        &write(&dir, "deltas.export", csv),
        "--deltas-format",
        "csv",
        "--receipts",
        &r,
    ]);
    assert_eq!(code(&o), Some(0), "{}", text(&o));
    std::fs::remove_dir_all(&dir).unwrap();
}
