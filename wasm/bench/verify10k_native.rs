//! Native timing of the same work as `bench/verify10k.mjs`, for context only:
//! verify 10 000 inclusion proofs from their JSON text (what the wasm
//! `verifyProof` does after it receives the text), and from parsed proofs.
//!
//! `cargo run --profile native-bench --example verify10k_native [count] [runs]`

use pacspace_proof::{Hash32, MerkleTree, NodeEncoding, Proof, item_hash};
use pacspace_proof_wasm::{ops, proof_ops};
use std::time::Instant;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len() / 2).copied().unwrap_or(f64::NAN)
}

fn time(label: &str, n: usize, runs: usize, mut verify_all: impl FnMut() -> usize) {
    let mut ms = Vec::with_capacity(runs);
    for r in 0..=runs {
        let start = Instant::now();
        let ok = verify_all();
        let elapsed = start.elapsed().as_secs_f64() * 1e3;
        assert_eq!(ok, n, "{label}: only {ok} of {n} verified");
        if r > 0 {
            ms.push(elapsed); // the first run warms up
        }
    }
    let runs_text: Vec<String> = ms.iter().map(|x| format!("{x:.0}")).collect();
    let m = median(ms);
    println!(
        "{label}: median {m:.1} ms for {n} proofs ({:.2} us/proof; runs {})",
        m * 1e3 / n as f64,
        runs_text.join(" ")
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(9);

    let hashes: Vec<Hash32> = (0..n)
        .map(|i| {
            let item = serde_json::json!({
                "customerId": format!("cust_{}", i % 97),
                "delta": i as f64 * 7.25 - 1000.0,
                "reason": "api_call",
                "referenceId": format!("inv_{i}"),
            });
            item_hash(&item).expect("item hash")
        })
        .collect();
    let tree = MerkleTree::new(&hashes, NodeEncoding::Hex0x);
    let root = tree.root();
    let root_text = root.to_string();
    let texts: Vec<String> = (0..n).map(|i| ops::prove_in(&tree, i).expect("prove")).collect();
    let proofs: Vec<Proof> = (0..n).map(|i| tree.prove(i).expect("prove")).collect();
    println!(
        "native, {n} leaves, path length {}",
        proofs.first().map_or(0, |p| p.path.len())
    );

    time("proof_ops::verify_proof(JSON text)", n, runs, || {
        texts
            .iter()
            .filter(|t| proof_ops::verify_proof(t, Some(&root_text), None).is_ok_and(|v| v.verified))
            .count()
    });
    time("Proof::verify (parsed)", n, runs, || {
        proofs.iter().filter(|p| p.verify(&root).is_ok()).count()
    });
}
