//! The `parallel` feature gives exactly the single-threaded results: roots
//! for every encoding at odd sizes and sizes around the parallel threshold
//! (where the last chunk is short and must be self-joined up to the chunk
//! height), and item hashes in order with the first failure named.
#![cfg(feature = "parallel")]

mod common;

use common::reference_root;

use pacspace_proof::parallel::{self, PARALLEL_THRESHOLD};
use pacspace_proof::{
    DeltaItem, Hash32, ItemMapping, MerkleTree, NodeEncoding, item_hash, items_root, keccak256,
};

fn leaves(n: usize) -> Vec<Hash32> {
    (0..n as u64).map(|i| keccak256(&i.to_be_bytes())).collect()
}

#[test]
fn parallel_root_equals_sequential_around_the_threshold() {
    let t = PARALLEL_THRESHOLD;
    let sizes = [0, 1, 2, 3, 1023, t - 1, t, t + 1, t + 1025, 2 * t + 1];
    let all = leaves(2 * t + 1);
    for enc in NodeEncoding::ALL {
        for &n in &sizes {
            let ls = &all[..n];
            let want = reference_root(ls, enc);
            assert_eq!(items_root(ls, enc), want, "sequential n={n} {enc}");
            assert_eq!(parallel::items_root(ls, enc), want, "parallel n={n} {enc}");
        }
    }
}

#[test]
fn parallel_root_equals_tree_root_for_a_larger_odd_batch() {
    // Chunks of several thousand leaves and a short last chunk.
    let ls = leaves(20_001);
    let enc = NodeEncoding::Bytes;
    let want = MerkleTree::new(&ls, enc).root();
    assert_eq!(items_root(&ls, enc), want);
    assert_eq!(parallel::items_root(&ls, enc), want);
}

#[test]
fn parallel_item_hashes_keep_order_and_name_the_first_failure() {
    let items: Vec<serde_json::Value> = (0..500)
        .map(|i| serde_json::json!({"customerId": format!("c{i}"), "delta": i, "reason": "r"}))
        .collect();
    let got = parallel::item_hashes(&items).unwrap();
    let want: Vec<Hash32> = items.iter().map(|v| item_hash(v).unwrap()).collect();
    assert_eq!(got, want);

    let names: Vec<String> = (0..300).map(|i| format!("cust-{i}")).collect();
    let mut deltas: Vec<DeltaItem<'_>> = names
        .iter()
        .enumerate()
        .map(|(i, c)| DeltaItem {
            customer_id: c,
            amount: i as f64 * 0.1,
            reason: "api_call",
            reference_id: None,
            metadata: None,
        })
        .collect();
    for mapping in ItemMapping::ALL {
        let got = parallel::delta_item_hashes(&deltas, mapping).unwrap();
        let want: Vec<Hash32> = deltas.iter().map(|d| d.item_hash(mapping).unwrap()).collect();
        assert_eq!(got, want);
    }
    deltas[250].amount = f64::INFINITY;
    deltas[40].amount = f64::NAN;
    let err = parallel::delta_item_hashes(&deltas, ItemMapping::default()).unwrap_err();
    assert_eq!(err.index, 40);
    assert!(err.to_string().starts_with("item 40: "), "{err}");
}
