//! Chain continuity over the bundled 3-receipt JSONL: genuine passes; a
//! tampered link, proofHash or item hash, a dropped or reordered line fail
//! with the line and the reason.

mod receipts_support;

use pacspace_proof::chain::{ChainInputError, ChainStart, DEFAULT_MAX_LINE_BYTES, verify_chain_jsonl};
use pacspace_proof::receipt::Failure;
use pacspace_proof::receipt::wire::ReceiptId;
use pacspace_proof::{Hash32, NodeEncoding, Verdict};
use receipts_support::{flip_hash, sample};
use serde_json::{Value, json};

fn lines() -> Vec<Value> {
    sample("chain.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

fn jsonl(lines: &[Value]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

fn run(text: &str) -> pacspace_proof::chain::ChainReport {
    verify_chain_jsonl(text.as_bytes(), DEFAULT_MAX_LINE_BYTES, |_| {}).expect("readable")
}

fn proof_hash(v: &Value) -> ReceiptId {
    ReceiptId::parse(v["data"]["proof"]["proofHash"].as_str().unwrap())
}

fn failures(r: &pacspace_proof::chain::ChainReport) -> Vec<(u64, Failure)> {
    r.failures.iter().map(|f| (f.line, f.failure.clone())).collect()
}

#[test]
fn genuine_chain_verifies() {
    let ls = lines();
    let mut seen = Vec::new();
    let r = verify_chain_jsonl(sample("chain.jsonl").as_bytes(), DEFAULT_MAX_LINE_BYTES, |b| {
        seen.push(b)
    })
    .unwrap();
    assert_eq!(r.verdict, Verdict::Verified, "{r}");
    assert_eq!((r.receipts, r.lines), (3, 3));
    assert_eq!(r.start, Some(ChainStart::NullOrAbsent));
    assert_eq!(r.node_encoding, Some(NodeEncoding::Hex0x));
    assert_eq!(r.first_proof_hash, Some(proof_hash(&ls[0])));
    assert_eq!(r.last_proof_hash, Some(proof_hash(&ls[2])));
    assert_eq!(seen.len(), 3);
    assert_eq!(*seen.last().unwrap(), sample("chain.jsonl").len() as u64);
}

#[test]
fn previous_proof_hash_tampered() {
    let mut ls = lines();
    ls[1] = flip_hash(&ls[1], "/data/proof/previousProofHash");
    let r = run(&jsonl(&ls));
    let f = failures(&r);
    assert_eq!(f.len(), 1, "{r}");
    assert_eq!(f[0].0, 2);
    assert_eq!(
        f[0].1,
        Failure::ChainBreak {
            line: 2,
            expected: proof_hash(&ls[0]),
            found: Some(ReceiptId::parse(
                ls[1]["data"]["proof"]["previousProofHash"].as_str().unwrap()
            ))
        }
    );
}

#[test]
fn previous_proof_hash_nulled() {
    let mut ls = lines();
    ls[2]["data"]["proof"]["previousProofHash"] = Value::Null;
    let r = run(&jsonl(&ls));
    assert!(
        matches!(&failures(&r)[..], [(3, Failure::ChainBreak { found: None, .. })]),
        "{r}"
    );
}

#[test]
fn proof_hash_tampered_breaks_its_root_and_the_next_link() {
    let mut ls = lines();
    ls[1] = flip_hash(&ls[1], "/data/proof/proofHash");
    let r = run(&jsonl(&ls));
    let f = failures(&r);
    assert_eq!(f.len(), 2, "{r}");
    assert!(matches!(&f[0], (2, Failure::RootMismatch { field, .. }) if field == "proofHash"));
    assert!(matches!(&f[1], (3, Failure::ChainBreak { .. })));
}

#[test]
fn item_hash_tampered() {
    let mut ls = lines();
    ls[2] = flip_hash(&ls[2], "/data/proof/itemHashes/1");
    let r = run(&jsonl(&ls));
    assert!(
        matches!(&failures(&r)[..], [(3, Failure::RootMismatch { .. })]),
        "{r}"
    );
}

#[test]
fn content_hash_tampered() {
    let mut ls = lines();
    ls[0] = flip_hash(&ls[0], "/data/proof/contentHash");
    let r = run(&jsonl(&ls));
    assert!(
        matches!(
            &failures(&r)[..],
            [(1, Failure::ContentHashNotInItemHashes { .. })]
        ),
        "{r}"
    );
}

#[test]
fn dropped_and_reordered_lines() {
    let ls = lines();
    let r = run(&jsonl(&[ls[0].clone(), ls[2].clone()]));
    assert!(
        matches!(&failures(&r)[..], [(2, Failure::ChainBreak { .. })]),
        "{r}"
    );
    let r = run(&jsonl(&[ls[1].clone(), ls[0].clone(), ls[2].clone()]));
    assert_eq!(r.start, Some(ChainStart::MidChain(proof_hash(&ls[0]))));
    assert_eq!(r.verdict, Verdict::NotVerified, "{r}");
    assert_eq!(r.failure_count, 2);
}

#[test]
fn mid_chain_start_and_other_line_shapes() {
    let ls = lines();
    let r = run(&jsonl(&ls[1..]));
    assert_eq!(r.verdict, Verdict::Verified, "{r}");
    assert_eq!(r.start, Some(ChainStart::MidChain(proof_hash(&ls[0]))));
    // {data:{proof}}, {proof} and a bare proof per line, CRLF and blank lines.
    let text = format!(
        "{}\r\n\n{}\n{}",
        json!({"data": {"proof": ls[0]["data"]["proof"]}}),
        json!({"proof": ls[1]["data"]["proof"]}),
        ls[2]["data"]["proof"]
    );
    let r = run(&text);
    assert_eq!(r.verdict, Verdict::Verified, "{r}");
    assert_eq!((r.receipts, r.lines), (3, 4));
}

#[test]
fn encoding_change_within_a_chain() {
    let a = [Hash32::from_bytes([1; 32]), Hash32::from_bytes([2; 32])];
    let ra = pacspace_proof::items_root(&a, NodeEncoding::Hex0x);
    let rb = pacspace_proof::items_root(&a, NodeEncoding::Bytes);
    let text = format!(
        "{}\n{}\n",
        json!({"proofHash": ra, "contentHash": a[0], "itemHashes": a, "previousProofHash": null}),
        json!({"proofHash": rb, "contentHash": a[0], "itemHashes": a, "previousProofHash": ra})
    );
    let r = run(&text);
    assert!(
        matches!(
            &failures(&r)[..],
            [(
                2,
                Failure::EncodingChanged {
                    first: NodeEncoding::Hex0x,
                    found: NodeEncoding::Bytes,
                    ..
                }
            )]
        ),
        "{r}"
    );
}

#[test]
fn bad_input_names_the_line() {
    let ls = lines();
    let text = format!("{}\n{{not json\n", ls[0]);
    assert!(matches!(
        verify_chain_jsonl(text.as_bytes(), DEFAULT_MAX_LINE_BYTES, |_| {}),
        Err(ChainInputError::Json { line: 2, .. })
    ));
    let text = format!("{}\n{{\"x\":1}}\n", ls[0]);
    assert_eq!(
        verify_chain_jsonl(text.as_bytes(), DEFAULT_MAX_LINE_BYTES, |_| {}),
        Err(ChainInputError::NoProof { line: 2 })
    );
    let text = format!("{}\n", ls[0]);
    assert!(matches!(
        verify_chain_jsonl(text.as_bytes(), 100, |_| {}),
        Err(ChainInputError::LineTooLong { line: 1, limit: 100 })
    ));
}

#[test]
fn failures_kept_are_bounded_and_counted() {
    let a = Hash32::from_bytes([1; 32]);
    let line =
        json!({"proofHash": a, "contentHash": a, "itemHashes": [a], "previousProofHash": null}).to_string();
    let text: String = std::iter::repeat_n(format!("{line}\n"), 500).collect();
    let r = run(&text);
    assert_eq!(r.failure_count, 499);
    assert_eq!(r.failures.len(), pacspace_proof::chain::MAX_REPORTED_FAILURES);
    assert!(r.to_string().contains("and 399 more failure(s)"), "{r}");
}
