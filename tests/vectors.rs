//! Every known-answer vector in tests/data/merkle-v1.json, read at test time.

mod common;

use common::{h, load_vectors};
use pacspace_proof::canonical::{CanonicalStr, canonical_json_str};
use pacspace_proof::tree::PathStep;
use pacspace_proof::{
    DeltaItem, Hash32, ItemMapping, MerkleTree, NodeEncoding, canonical_json, item_hash, items_root,
    verify_proof,
};
use serde_json::Value;

fn encodings(tree: &Value) -> Vec<(NodeEncoding, Hash32)> {
    let by = tree["itemsRootByEncoding"]
        .as_object()
        .expect("itemsRootByEncoding");
    assert_eq!(by.len(), 3, "three encodings listed");
    by.iter()
        .map(|(name, root)| (name.parse().expect("known encoding"), h(root)))
        .collect()
}

#[test]
fn canonical_strings() {
    let v = load_vectors();
    let cases = v["canonical"].as_array().expect("canonical cases");
    assert!(cases.len() >= 10);
    for case in cases {
        let want = case["canonical"].as_str().expect("canonical text");
        assert_eq!(
            canonical_json(&case["value"]).expect("canonical"),
            want,
            "value {}",
            case["value"]
        );
        // Re-canonicalising the canonical text is the identity.
        assert_eq!(canonical_json_str(want).expect("reparse"), want);
    }
}

#[test]
fn canonical_numbers_from_source_text() {
    // The vector file holds `9007199254740993` and `-0.0` as written; parsing the
    // raw text (not a pre-parsed value) must round them as JavaScript does.
    let text = std::fs::read_to_string(common::vectors_path()).expect("vectors");
    let raw = text
        .find("9007199254740993")
        .expect("vector holds 2^53+1 as text");
    assert!(raw > 0);
    let v: Value = serde_json::from_str(&text).expect("json");
    let case = v["canonical"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|c| {
            c["canonical"]
                .as_str()
                .is_some_and(|s| s.contains("9007199254740992"))
        })
        .expect("number case");
    assert_eq!(
        canonical_json(&case["value"]).expect("canonical"),
        case["canonical"].as_str().expect("str")
    );
}

#[test]
fn item_hashes() {
    let v = load_vectors();
    let items = v["items"].as_array().expect("items");
    assert!(items.len() >= 20);
    for case in items {
        let item = &case["item"];
        assert_eq!(
            canonical_json(item).expect("canonical"),
            case["canonical"].as_str().expect("canonical")
        );
        let want = h(&case["itemHash"]);
        assert_eq!(item_hash(item).expect("hash"), want, "item {item}");
        // The streaming typed path reproduces the same hash without building the text.
        assert_eq!(
            typed(item).item_hash(ItemMapping::default()).expect("typed"),
            want,
            "typed {item}"
        );
    }
}

/// The item as a typed delta; metadata goes through the alloc canonicaliser.
fn typed(item: &Value) -> DeltaItemOwned {
    DeltaItemOwned {
        customer_id: item["customerId"].as_str().expect("customerId").to_owned(),
        amount: item["delta"].as_f64().expect("delta"),
        reason: item["reason"].as_str().expect("reason").to_owned(),
        reference_id: item.get("referenceId").and_then(Value::as_str).map(str::to_owned),
        metadata: item.get("metadata").map(|m| canonical_json(m).expect("metadata")),
    }
}

struct DeltaItemOwned {
    customer_id: String,
    amount: f64,
    reason: String,
    reference_id: Option<String>,
    metadata: Option<String>,
}

impl DeltaItemOwned {
    fn item_hash(&self, m: ItemMapping) -> Result<Hash32, pacspace_proof::canonical::NumberError> {
        DeltaItem {
            customer_id: &self.customer_id,
            amount: self.amount,
            reason: &self.reason,
            reference_id: self.reference_id.as_deref(),
            metadata: self
                .metadata
                .as_deref()
                .map(|m| CanonicalStr::new(m).expect("canonical metadata")),
        }
        .item_hash(m)
    }
}

#[test]
fn roots_under_every_encoding() {
    let v = load_vectors();
    let trees = v["trees"].as_array().expect("trees");
    assert!(trees.len() >= 10);
    let mut checked = 0;
    for tree in trees {
        let n = tree["count"].as_u64().expect("count") as usize;
        let leaves: Vec<Hash32> = tree["itemHashes"]
            .as_array()
            .expect("itemHashes")
            .iter()
            .map(h)
            .collect();
        assert_eq!(leaves.len(), n);
        if let Some(items) = tree.get("items").and_then(Value::as_array) {
            for (item, leaf) in items.iter().zip(&leaves) {
                assert_eq!(item_hash(item).expect("item hash"), *leaf, "tree {n} item {item}");
            }
        }
        assert_eq!(
            items_root(&leaves, NodeEncoding::default()),
            h(&tree["itemsRoot"]),
            "default root n={n}"
        );
        for (enc, want) in encodings(tree) {
            assert_eq!(items_root(&leaves, enc), want, "n={n} enc={enc}");
            assert_eq!(MerkleTree::new(&leaves, enc).root(), want, "tree n={n} enc={enc}");
            checked += 1;
        }
    }
    assert_eq!(checked, trees.len() * 3);
}

fn parse_path(p: &Value) -> Vec<PathStep> {
    serde_json::from_value(p.clone()).expect("path")
}

#[test]
fn every_listed_proof() {
    let v = load_vectors();
    let mut checked = 0;
    for tree in v["trees"].as_array().expect("trees") {
        let n = tree["count"].as_u64().expect("count");
        let leaves: Vec<Hash32> = tree["itemHashes"]
            .as_array()
            .expect("hashes")
            .iter()
            .map(h)
            .collect();
        let mut sets: Vec<(NodeEncoding, &Value)> = Vec::new();
        if let Some(p) = tree.get("proofs") {
            sets.push((NodeEncoding::default(), p));
        }
        if let Some(by) = tree.get("proofsByEncoding").and_then(Value::as_object) {
            for (name, p) in by {
                sets.push((name.parse().expect("encoding"), p));
            }
        }
        let roots = encodings(tree);
        for (enc, proofs) in sets {
            let root = roots
                .iter()
                .find(|(e, _)| *e == enc)
                .expect("root for encoding")
                .1;
            let t = MerkleTree::new(&leaves, enc);
            for proof in proofs.as_array().expect("proof list") {
                let index = proof["index"].as_u64().expect("index");
                let path = parse_path(&proof["path"]);
                let leaf = leaves[index as usize];
                assert_eq!(
                    verify_proof(&leaf, index, n, &path, &root, enc),
                    Ok(()),
                    "n={n} i={index} {enc}"
                );
                // Our generator produces exactly the listed path.
                assert_eq!(
                    t.prove(index as usize).expect("prove").path,
                    path,
                    "n={n} i={index} {enc}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 200, "only {checked} proofs checked");
}
