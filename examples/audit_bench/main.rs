//! Generates the exports of the audit benchmark (`benches/audit.sh`):
//!
//! - `deltas.jsonl`: N submitted deltas (1,000 customers, amounts in cents,
//!   referenceIds, metadata on one in ten);
//! - `webhooks.jsonl`: one `delta.verified` webhook per delta, in batches of
//!   1 to 100 items, each carrying its batch's `itemHashes`, sequence
//!   numbers from 0 and a linked chain, in submission order;
//! - `chain.jsonl`: a chain of L webhooks in batches of B items.
//!
//! `cargo run --release --example audit_bench -- OUT_DIR [N] [L] [B]`
//! (defaults 1,000,000, 100,000, 10). Deterministic: the same arguments
//! write the same bytes.

use pacspace_proof::{DeltaItem, Hash32, ItemMapping, NodeEncoding, items_root, keccak256};
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// splitmix64: a small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const REASONS: [&str; 5] = ["api_call", "storage", "refund", "top_up", "bonus"];

struct Delta {
    customer: String,
    amount: f64,
    amount_text: String,
    reason: &'static str,
    reference: String,
    metadata: Option<String>,
    hash: Hash32,
}

fn make_delta(i: u64, rng: &mut Rng) -> Delta {
    let cents = rng.below(2_000_001) as i64 - 1_000_000;
    let amount = cents as f64 / 100.0;
    let amount_text = serde_json::to_string(&amount).unwrap_or_default();
    let customer = format!("cust_{:04}", rng.below(1000));
    let reason = REASONS[rng.below(5) as usize];
    let reference = format!("ref_{i:08}");
    let metadata = i
        .is_multiple_of(10)
        .then(|| format!(r#"{{"region":"eu-west-1","units":{}}}"#, rng.below(100)));
    let canonical = metadata
        .as_deref()
        .map(|m| pacspace_proof::canonical::CanonicalStr::new(m).expect("canonical"));
    let item = DeltaItem {
        customer_id: &customer,
        amount,
        reason,
        reference_id: Some(&reference),
        metadata: canonical,
    };
    let hash = item.item_hash(ItemMapping::default()).expect("finite");
    Delta {
        customer,
        amount,
        amount_text,
        reason,
        reference,
        metadata,
        hash,
    }
}

fn hashes_json(leaves: &[Hash32]) -> String {
    let mut s = String::with_capacity(leaves.len() * 69 + 2);
    s.push('[');
    for (k, h) in leaves.iter().enumerate() {
        if k > 0 {
            s.push(',');
        }
        s.push('"');
        s.push_str(&h.to_string());
        s.push('"');
    }
    s.push(']');
    s
}

fn prev_json(p: Option<Hash32>) -> String {
    p.map_or("null".into(), |h| format!("\"{h}\""))
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let out = PathBuf::from(args.get(1).map_or("target/bench-audit/data", String::as_str));
    let n: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let chain_lines: u64 = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let chain_batch: u64 = args.get(4).and_then(|a| a.parse().ok()).unwrap_or(10);
    std::fs::create_dir_all(&out)?;
    let mut deltas = BufWriter::with_capacity(1 << 20, std::fs::File::create(out.join("deltas.jsonl"))?);
    let mut hooks = BufWriter::with_capacity(1 << 20, std::fs::File::create(out.join("webhooks.jsonl"))?);
    let mut rng = Rng(2026);
    let mut i = 0u64;
    let mut previous: Option<Hash32> = None;
    let mut batches = 0u64;
    while i < n {
        let size = (1 + rng.below(100)).min(n - i);
        let batch: Vec<Delta> = (i..i + size).map(|k| make_delta(k, &mut rng)).collect();
        let leaves: Vec<Hash32> = batch.iter().map(|d| d.hash).collect();
        let root = items_root(&leaves, NodeEncoding::Hex0x);
        let list = hashes_json(&leaves);
        for (k, d) in batch.iter().enumerate() {
            let meta = d.metadata.as_deref().unwrap_or("null");
            match &d.metadata {
                Some(m) => writeln!(
                    deltas,
                    r#"{{"customerId":"{}","delta":{},"reason":"{}","referenceId":"{}","metadata":{m}}}"#,
                    d.customer, d.amount_text, d.reason, d.reference
                )?,
                None => writeln!(
                    deltas,
                    r#"{{"customerId":"{}","delta":{},"reason":"{}","referenceId":"{}"}}"#,
                    d.customer, d.amount_text, d.reason, d.reference
                )?,
            }
            let seq = i + k as u64;
            let t = format!(
                "2026-03-01T{:02}:{:02}:{:02}.000Z",
                (batches / 3600) % 24,
                (batches / 60) % 60,
                batches % 60
            );
            writeln!(
                hooks,
                r#"{{"event":"delta.verified","timestamp":"{t}","data":{{"receiptId":"{root}","deltaIndex":{seq},"status":"VERIFIED","verifiedAt":"{t}","verificationId":"ver_{seq}","delta":{{"customerId":"{}","amount":{},"reason":"{}","referenceId":"{}","metadata":{meta},"submittedAt":"2026-03-01T00:00:00.000Z"}},"proof":{{"proofHash":"{root}","contentHash":"{}","itemHashes":{list},"previousProofHash":{}}}}}}}"#,
                d.customer,
                d.amount_text,
                d.reason,
                d.reference,
                d.hash,
                prev_json(previous)
            )?;
            previous = Some(root);
            let _ = d.amount;
        }
        i += size;
        batches += 1;
    }
    deltas.flush()?;
    hooks.flush()?;
    let mut chain = BufWriter::with_capacity(1 << 20, std::fs::File::create(out.join("chain.jsonl"))?);
    let mut previous: Option<Hash32> = None;
    let mut line = 0u64;
    while line < chain_lines {
        let leaves: Vec<Hash32> = (0..chain_batch)
            .map(|k| keccak256(&(line + k).to_be_bytes()))
            .collect();
        let root = items_root(&leaves, NodeEncoding::Hex0x);
        let list = hashes_json(&leaves);
        for (k, leaf) in leaves.iter().enumerate().take((chain_lines - line) as usize) {
            writeln!(
                chain,
                r#"{{"event":"delta.verified","timestamp":"2026-03-01T00:00:00.000Z","data":{{"receiptId":"{root}","deltaIndex":{},"status":"VERIFIED","proof":{{"proofHash":"{root}","contentHash":"{leaf}","itemHashes":{list},"previousProofHash":{}}}}}}}"#,
                line + k as u64,
                prev_json(previous)
            )?;
            previous = Some(root);
        }
        line += chain_batch;
    }
    chain.flush()?;
    println!(
        "wrote {} deltas in {batches} batches and {chain_lines} chain lines to {}",
        n,
        out.display()
    );
    Ok(())
}
