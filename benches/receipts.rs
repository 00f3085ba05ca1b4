//! Criterion benchmarks of the receipt verifiers on the bundled samples
//! (`examples/receipts/`): one call per artefact, parse included, and the
//! streaming chain check over a generated in-memory JSONL export.
//!
//! Run: `cargo bench --bench receipts --all-features`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pacspace_proof::chain::{DEFAULT_MAX_LINE_BYTES, verify_chain_jsonl};
use pacspace_proof::receipt::{DeliveryHeaders, SubmittedDelta, verify_webhook_delivery};
use pacspace_proof::{Hash32, NodeEncoding, items_root, verify_receipt_json};
use std::hint::black_box;
use std::io::Write;

fn sample(name: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/receipts")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// `lines` linked `delta.verified` events with three item hashes each.
fn chain(lines: u64) -> Vec<u8> {
    let mut out = Vec::new();
    let mut previous: Option<Hash32> = None;
    for i in 0..lines {
        let leaf = |k: u8| {
            let mut b = [k; 32];
            b[..8].copy_from_slice(&i.to_be_bytes());
            Hash32::from_bytes(b)
        };
        let leaves = [leaf(1), leaf(2), leaf(3)];
        let root = items_root(&leaves, NodeEncoding::Hex0x);
        let prev = previous.map_or("null".to_string(), |p| format!("\"{p}\""));
        let _ = writeln!(
            out,
            r#"{{"event":"delta.verified","data":{{"receiptId":"{root}","proof":{{"proofHash":"{root}","contentHash":"{}","itemHashes":["{}","{}","{}"],"previousProofHash":{prev}}}}}}}"#,
            leaves[1], leaves[0], leaves[1], leaves[2]
        );
        previous = Some(root);
    }
    out
}

fn receipts(c: &mut Criterion) {
    let emit = sample("emit.json");
    let emit_delta = sample("emit-delta.json");
    let batch = sample("batch.json");
    let batch_deltas = sample("batch-deltas.json");
    let mut g = c.benchmark_group("receipt");
    g.bench_function("emit (3 items) + delta", |b| {
        b.iter(|| verify_receipt_json(black_box(&emit), Some(black_box(&emit_delta)), None))
    });
    g.bench_function("batch (4 results) + deltas", |b| {
        b.iter(|| verify_receipt_json(black_box(&batch), Some(black_box(&batch_deltas)), None))
    });
    let body = sample("webhook.json");
    let headers = sample("webhook.headers");
    let value = |k: &str| {
        headers
            .lines()
            .find_map(|l| l.strip_prefix(k))
            .map(|v| v.trim_start_matches(": ").to_string())
    };
    let (sig, ts) = (
        value("X-PacSpace-Signature").unwrap(),
        value("X-PacSpace-Timestamp").unwrap(),
    );
    let delta = SubmittedDelta::from_json(&emit_delta).unwrap();
    let h = DeliveryHeaders {
        secret: b"whsec_pacspace_demo_not_a_real_secret",
        signature: &sig,
        timestamp: &ts,
        now_unix_secs: ts.parse().unwrap(),
        tolerance_secs: 300,
    };
    g.bench_function("webhook delivery (signature + event)", |b| {
        b.iter(|| verify_webhook_delivery(black_box(body.as_bytes()), &h, Some(&delta), None))
    });
    g.finish();

    let lines = 10_000;
    let input = chain(lines);
    let mut g = c.benchmark_group("chain");
    g.throughput(Throughput::Elements(lines));
    g.sample_size(20);
    g.bench_function("10k linked receipts (jsonl)", |b| {
        b.iter(|| verify_chain_jsonl(black_box(&input[..]), DEFAULT_MAX_LINE_BYTES, |_| {}).unwrap())
    });
    g.finish();
}

criterion_group!(benches, receipts);
criterion_main!(benches);
