//! Property tests for multi-proofs: generated proofs verify for random trees
//! and index sets, any single-bit change fails, malformed index lists and
//! sibling counts are refused, the proof is bound to the leaf count exactly
//! as far as the tree shape allows, and one index is the single proof.

use pacspace_proof::tree::{MultiProof, MultiProofError, Side, verify_multiproof};
use pacspace_proof::{Hash32, MerkleTree, NodeEncoding, items_root, verify_proof};
use proptest::prelude::*;
use std::collections::{BTreeSet, HashSet};

fn encoding() -> impl Strategy<Value = NodeEncoding> {
    prop_oneof![
        Just(NodeEncoding::Hex0x),
        Just(NodeEncoding::Hex),
        Just(NodeEncoding::Bytes)
    ]
}

/// Distinct random leaves (distinctness keeps accidental equalities out of
/// the count-binding property) and a non-empty set of indices among them.
fn tree_and_indices(max: usize) -> impl Strategy<Value = (Vec<Hash32>, Vec<usize>)> {
    prop::collection::hash_set(any::<[u8; 32]>(), 1..max)
        .prop_map(|s| s.into_iter().map(Hash32::from_bytes).collect::<Vec<_>>())
        .prop_flat_map(|ls| {
            let n = ls.len();
            (Just(ls), prop::collection::vec(0..n, 1..=n.min(12)))
        })
}

fn flip(h: &Hash32, bit: usize) -> Hash32 {
    let mut b = h.0;
    b[(bit / 8) % 32] ^= 1 << (bit % 8);
    Hash32(b)
}

fn check(p: &MultiProof, count: u64, root: &Hash32) -> Result<(), MultiProofError> {
    verify_multiproof(
        &p.item_hashes,
        &p.indices,
        count,
        &p.siblings,
        root,
        p.node_encoding,
    )
}

fn mismatch(r: Result<(), MultiProofError>) -> bool {
    matches!(r, Err(MultiProofError::RootMismatch { .. }))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    Known,
    Itself,
    Sibling(Side),
}

/// How every known node joins, level by level, found by simulating the tree
/// over leaf positions (independent of the library): per level, the known
/// positions and their joins.
fn structure(indices: &BTreeSet<usize>, n: usize) -> Vec<Vec<(usize, Join)>> {
    let mut out = Vec::new();
    let mut known: BTreeSet<usize> = indices.clone();
    let mut width = n;
    while width > 1 {
        let mut level = Vec::new();
        for &p in &known {
            let join = if p % 2 == 1 {
                if known.contains(&(p - 1)) {
                    continue;
                }
                Join::Sibling(Side::Left)
            } else if known.contains(&(p + 1)) {
                Join::Known
            } else if p + 1 == width {
                Join::Itself
            } else {
                Join::Sibling(Side::Right)
            };
            level.push((p, join));
        }
        out.push(level);
        known = known.iter().map(|p| p / 2).collect();
        width = width.div_ceil(2);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn generated_proofs_verify((ls, idx) in tree_and_indices(70), enc in encoding()) {
        let tree = MerkleTree::new(&ls, enc);
        let p = tree.prove_many(&idx).unwrap();
        let set: BTreeSet<usize> = idx.iter().copied().collect();
        prop_assert_eq!(&p.indices, &set.iter().map(|&i| i as u64).collect::<Vec<_>>());
        prop_assert_eq!(p.count, ls.len() as u64);
        prop_assert_eq!(p.items_root, items_root(&ls, enc));
        for (k, &i) in p.indices.iter().enumerate() {
            prop_assert_eq!(p.item_hashes[k], ls[i as usize]);
        }
        let want_siblings: usize = structure(&set, ls.len())
            .iter()
            .flatten()
            .filter(|(_, j)| matches!(j, Join::Sibling(_)))
            .count();
        prop_assert_eq!(p.siblings.len(), want_siblings);
        prop_assert_eq!(p.verify(&tree.root()), Ok(()));
        prop_assert_eq!(p.verify_claimed_root(), Ok(()));
        // Shared siblings: never more than the single proofs together carry.
        let singles: usize = p.indices.iter().map(|&i| tree.prove(i as usize).unwrap().path.len()).sum();
        prop_assert!(p.siblings.len() <= singles);
        // The wire form round-trips.
        let back: MultiProof = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        prop_assert_eq!(back, p);
    }

    #[test]
    fn any_flipped_bit_fails(
        (ls, idx) in tree_and_indices(40),
        enc in encoding(),
        bit in 0usize..256,
        which in any::<prop::sample::Index>(),
    ) {
        let tree = MerkleTree::new(&ls, enc);
        let p = tree.prove_many(&idx).unwrap();
        let root = tree.root();
        let n = ls.len() as u64;
        // Any one item hash.
        let mut q = p.clone();
        let k = which.index(q.item_hashes.len());
        q.item_hashes[k] = flip(&q.item_hashes[k], bit);
        prop_assert!(mismatch(check(&q, n, &root)));
        // Any one sibling.
        if !p.siblings.is_empty() {
            let mut q = p.clone();
            let k = which.index(q.siblings.len());
            q.siblings[k] = flip(&q.siblings[k], bit);
            prop_assert!(mismatch(check(&q, n, &root)));
        }
        // The root.
        prop_assert!(mismatch(check(&p, n, &flip(&root, bit))));
    }

    #[test]
    fn malformed_shapes_are_refused((ls, idx) in tree_and_indices(40), enc in encoding(), extra in any::<[u8; 32]>()) {
        let tree = MerkleTree::new(&ls, enc);
        let p = tree.prove_many(&idx).unwrap();
        let root = tree.root();
        let n = ls.len() as u64;
        // One sibling too many, one too few.
        let mut q = p.clone();
        q.siblings.push(Hash32::from_bytes(extra));
        prop_assert_eq!(check(&q, n, &root), Err(MultiProofError::SiblingCount { expected: p.siblings.len(), found: p.siblings.len() + 1 }));
        if !p.siblings.is_empty() {
            let mut q = p.clone();
            q.siblings.pop();
            prop_assert_eq!(check(&q, n, &root), Err(MultiProofError::SiblingCount { expected: p.siblings.len(), found: p.siblings.len() - 1 }));
        }
        // An index repeated, swapped, out of range; item hashes not one per index.
        let mut q = p.clone();
        q.indices.push(*q.indices.last().unwrap());
        q.item_hashes.push(*q.item_hashes.last().unwrap());
        let last = q.indices.len() - 1;
        prop_assert_eq!(check(&q, n, &root), Err(MultiProofError::DuplicateIndex { position: last, index: q.indices[last] }));
        if p.indices.len() >= 2 {
            let mut q = p.clone();
            q.indices.swap(0, 1);
            q.item_hashes.swap(0, 1);
            prop_assert_eq!(check(&q, n, &root), Err(MultiProofError::Unsorted { position: 1, previous: p.indices[1], index: p.indices[0] }));
        }
        let mut q = p.clone();
        q.indices.push(n);
        q.item_hashes.push(Hash32::from_bytes(extra));
        prop_assert_eq!(check(&q, n, &root), Err(MultiProofError::IndexOutOfRange { position: last, index: n, count: n }));
        let mut q = p.clone();
        q.item_hashes.pop();
        prop_assert_eq!(check(&q, n, &root), Err(MultiProofError::ItemCount { indices: p.indices.len(), item_hashes: p.indices.len() - 1 }));
        prop_assert_eq!(verify_multiproof(&[], &[], n, &[], &root, enc), Err(MultiProofError::NoIndices));
        prop_assert_eq!(verify_multiproof(&p.item_hashes, &p.indices, 0, &p.siblings, &root, enc), Err(MultiProofError::EmptyTree));
    }

    #[test]
    fn shifting_an_index_fails((ls, idx) in tree_and_indices(40), enc in encoding(), which in any::<prop::sample::Index>()) {
        let tree = MerkleTree::new(&ls, enc);
        let p = tree.prove_many(&idx).unwrap();
        let n = ls.len() as u64;
        let k = which.index(p.indices.len());
        // Move index k to a free position, keeping the list increasing.
        let lo = if k == 0 { 0 } else { p.indices[k - 1] + 1 };
        let hi = p.indices.get(k + 1).copied().unwrap_or(n);
        for cand in lo..hi {
            if cand == p.indices[k] {
                continue;
            }
            let mut q = p.clone();
            q.indices[k] = cand;
            prop_assert!(check(&q, n, &tree.root()).is_err(), "index {} moved to {}", p.indices[k], cand);
        }
    }

    #[test]
    fn proof_for_n_verifies_for_other_n_only_with_the_same_structure(
        (ls, idx) in tree_and_indices(40),
        enc in encoding(),
        other in 1u64..200,
    ) {
        let n = ls.len() as u64;
        prop_assume!(other != n);
        let tree = MerkleTree::new(&ls, enc);
        let p = tree.prove_many(&idx).unwrap();
        let res = check(&p, other, &tree.root());
        // Another count accepts the proof exactly when every index is in
        // range and every known node joins the same way at every level: then
        // the fold is the same computation. Padded levels carry no sibling,
        // so unlike a single proof (which carries the padding copy), a
        // multi-proof is refused by a count that pads where n did not.
        let set: BTreeSet<usize> = idx.iter().copied().collect();
        let in_range = p.indices.iter().all(|&i| i < other);
        let same = in_range && structure(&set, n as usize) == structure(&set, other as usize);
        prop_assert_eq!(res.is_ok(), same, "n={} other={} indices={:?} res={:?}", n, other, p.indices, res);
    }

    #[test]
    fn one_index_is_the_single_proof((ls, idx) in tree_and_indices(70), enc in encoding(), bit in 0usize..256) {
        let tree = MerkleTree::new(&ls, enc);
        let i = idx[0];
        let m = tree.prove_many(&[i]).unwrap();
        let s = tree.prove(i).unwrap();
        let n = ls.len() as u64;
        // The carried siblings are the path without its padding steps.
        let unpadded: Vec<Hash32> = s
            .path
            .iter()
            .enumerate()
            .filter(|(level, step)| {
                let pos = (i >> level) as u64;
                let width = (0..*level).fold(n, |w, _| w.div_ceil(2));
                !(step.position == Side::Right && pos + 1 == width)
            })
            .map(|(_, step)| step.hash)
            .collect();
        prop_assert_eq!(&m.siblings, &unpadded);
        prop_assert_eq!(m.item_hashes.as_slice(), &[s.item_hash]);
        let root = tree.root();
        for r in [root, flip(&root, bit)] {
            for leaf in [ls[i], flip(&ls[i], bit)] {
                let single = verify_proof(&leaf, i as u64, n, &s.path, &r, enc).is_ok();
                let multi = verify_multiproof(&[leaf], &[i as u64], n, &m.siblings, &r, enc).is_ok();
                prop_assert_eq!(single, multi);
            }
        }
    }
}

#[test]
fn every_subset_of_a_small_tree_verifies() {
    for n in 1..=9usize {
        let ls: Vec<Hash32> = (0..n as u8).map(|b| Hash32::from_bytes([b + 1; 32])).collect();
        for enc in NodeEncoding::ALL {
            let tree = MerkleTree::new(&ls, enc);
            for mask in 1u32..(1 << n) {
                let idx: Vec<usize> = (0..n).filter(|i| mask & (1 << i) != 0).collect();
                let p = tree.prove_many(&idx).unwrap();
                assert_eq!(p.verify(&tree.root()), Ok(()), "n={n} {idx:?} {enc}");
            }
        }
    }
}

#[test]
fn all_leaves_need_no_sibling_and_wire_names_are_camel_case() {
    let ls: Vec<Hash32> = (0..5u8).map(|b| Hash32::from_bytes([b; 32])).collect();
    let tree = MerkleTree::new(&ls, NodeEncoding::Hex0x);
    let p = tree.prove_many(&[0, 1, 2, 3, 4]).unwrap();
    assert!(p.siblings.is_empty());
    assert_eq!(p.verify(&tree.root()), Ok(()));
    let v = serde_json::to_value(&p).unwrap();
    let keys: HashSet<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let want: HashSet<&str> = [
        "indices",
        "count",
        "itemHashes",
        "itemsRoot",
        "siblings",
        "nodeEncoding",
    ]
    .into();
    assert_eq!(keys, want);
    let mut v = v;
    v.as_object_mut().unwrap().remove("nodeEncoding");
    let back: MultiProof = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(back.node_encoding, NodeEncoding::Hex0x);
    v.as_object_mut()
        .unwrap()
        .insert("path".into(), serde_json::json!([]));
    assert!(serde_json::from_value::<MultiProof>(v).is_err());
}
