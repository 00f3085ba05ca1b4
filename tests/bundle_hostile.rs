//! Hostile bundles: huge leaf counts, many items, repeated indices. Verification
//! stays fast and bounded, and still fails naming a field.

use pacspace_proof::Level;
use pacspace_proof::bundle::{Bundle, verify};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

fn kept(name: &str) -> Value {
    let path = format!("{}/tests/data/bundles/v1/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("json")
}

fn check(v: &Value, limit: Duration) -> Vec<String> {
    let b = Bundle::from_value(v).expect("reads");
    let start = Instant::now();
    let r = verify(&b);
    assert!(start.elapsed() < limit, "took {:?}", start.elapsed());
    assert_eq!(r.level(), Level::NotVerified);
    r.failures().map(|f| f.field().to_string()).collect()
}

#[test]
fn a_huge_leaf_count_is_refused_without_allocating_for_it() {
    let mut v = kept("emit-one.json");
    v.as_object_mut().unwrap().remove("seal");
    v["leafCount"] = json!(u64::MAX);
    let fields = check(&v, Duration::from_secs(2));
    assert!(
        fields
            .iter()
            .any(|f| f == "leafCount" || f.starts_with("inclusion.path")),
        "{fields:?}"
    );
}

#[test]
fn many_mismatching_items_in_a_multi_proof_stay_fast() {
    let mut v = kept("batch-two.json");
    v.as_object_mut().unwrap().remove("seal");
    let template = v["items"][0].clone();
    let n = 20_000u64;
    let items: Vec<Value> = (0..n)
        .map(|i| {
            let mut it = template.clone();
            it["index"] = json!(i);
            // Every delta changed: each item is a trial for naming the field.
            it["delta"]["delta"] = json!(i as f64 + 0.5);
            it
        })
        .collect();
    v["items"] = Value::Array(items);
    v["leafCount"] = json!(n);
    let fields = check(&v, Duration::from_secs(60));
    assert!(
        fields.iter().any(|f| f.starts_with("items[19999]")),
        "the last item is named too"
    );
}

#[test]
fn repeated_indices_are_named_without_a_quadratic_scan() {
    let mut v = kept("batch-two.json");
    v.as_object_mut().unwrap().remove("seal");
    let item = v["items"][0].clone();
    v["items"] = Value::Array(vec![item; 50_000]);
    let fields = check(&v, Duration::from_secs(60));
    assert!(fields.iter().any(|f| f == "items[1].index"), "{:?}", &fields[..3]);
    assert!(fields.iter().any(|f| f == "items[49999].index"));
    assert!(
        !fields.iter().any(|f| f == "items[0].index"),
        "the first of a repeated index is not blamed"
    );
}
