//! The fast path against the naive reference (`tests/reference`): roots,
//! levels, every single proof, multi-proofs and the verdict on mutated
//! proofs, for every tree size 0..=300 and random larger sizes, under every
//! node encoding.

mod reference;

use pacspace_proof::tree::{PathStep, Side, verify_multiproof};
use pacspace_proof::{Hash32, MerkleTree, NodeEncoding, items_root, verify_proof};
use reference::{ENCODINGS, Rng};

fn steps(path: &[(Hash32, Side)]) -> Vec<PathStep> {
    path.iter()
        .map(|&(hash, position)| PathStep { hash, position })
        .collect()
}

fn pairs(path: &[PathStep]) -> Vec<(Hash32, Side)> {
    path.iter().map(|s| (s.hash, s.position)).collect()
}

fn flip(h: &Hash32, bit: u64) -> Hash32 {
    let mut b = h.0;
    b[(bit / 8 % 32) as usize] ^= 1 << (bit % 8);
    Hash32(b)
}

fn other(side: Side) -> Side {
    match side {
        Side::Left => Side::Right,
        Side::Right => Side::Left,
    }
}

/// A single proof with one random change.
struct Single {
    leaf: Hash32,
    index: u64,
    count: u64,
    path: Vec<(Hash32, Side)>,
    root: Hash32,
    enc: NodeEncoding,
}

fn mutate_single(p: &mut Single, rng: &mut Rng) {
    let len = p.path.len() as u64;
    match rng.below(12) {
        0 => p.index = p.index.wrapping_add(1),
        1 => p.index = p.index.wrapping_sub(1),
        2 => p.index ^= 1 << rng.below(12),
        3 => p.count = p.count.saturating_mul(2),
        4 => p.count /= 2,
        5 => p.count += 1 + rng.below(3),
        6 if len > 0 => {
            let k = rng.below(len) as usize;
            p.path[k].0 = flip(&p.path[k].0, rng.below(256));
        }
        7 if len > 0 => {
            let k = rng.below(len) as usize;
            p.path[k].1 = other(p.path[k].1);
        }
        8 => {
            let at = rng.below(len + 1) as usize;
            let side = if rng.below(2) == 0 {
                Side::Left
            } else {
                Side::Right
            };
            p.path.insert(at, (rng.hash(), side));
        }
        9 if len > 0 => {
            p.path.remove(rng.below(len) as usize);
        }
        10 => p.leaf = flip(&p.leaf, rng.below(256)),
        _ => p.root = rng.hash(),
    }
}

/// Checks one tree of `leaves` under `enc` against the reference: levels,
/// root and the path of every leaf; for the leaves in `sample`, verification
/// by both (must pass), a mutated copy of each proof (same verdict from both),
/// and multi-proofs of a few index sets.
fn diff_tree(leaves: &[Hash32], enc: NodeEncoding, sample: &[u64], rng: &mut Rng) {
    let n = leaves.len() as u64;
    let ref_levels = reference::levels(leaves, enc);
    let ref_root = ref_levels
        .last()
        .and_then(|l| l.first())
        .copied()
        .unwrap_or(Hash32::ZERO);
    if n <= 40 {
        assert_eq!(
            reference::root(leaves, enc),
            ref_root,
            "the two reference roots, n = {n}"
        );
    }
    let tree = MerkleTree::new(leaves, enc);
    assert_eq!(tree.levels(), ref_levels.as_slice(), "levels, n = {n}, {enc}");
    assert_eq!(items_root(leaves, enc), ref_root, "items_root, n = {n}, {enc}");
    assert_eq!(tree.root(), ref_root, "MerkleTree::root, n = {n}, {enc}");
    if n == 0 {
        assert_eq!(
            reference::verify(&Hash32::ZERO, 0, 0, &[], &ref_root, enc),
            Err("EmptyTree")
        );
        let fast = verify_proof(&Hash32::ZERO, 0, 0, &[], &ref_root, enc).unwrap_err();
        assert_eq!(reference::proof_error_name(&fast), "EmptyTree");
        return;
    }
    for i in 0..n {
        let want = reference::path(&ref_levels, i as usize);
        assert_eq!(want.len(), reference::height(n));
        let proof = tree.prove(i as usize).expect("in range");
        assert_eq!(pairs(&proof.path), want, "path of {i}, n = {n}, {enc}");
        assert_eq!(
            (proof.index, proof.count, proof.item_hash),
            (i, n, leaves[i as usize])
        );
        assert_eq!(proof.items_root, ref_root);
    }
    for &i in sample {
        let want = reference::path(&ref_levels, i as usize);
        let leaf = leaves[i as usize];
        assert_eq!(reference::verify(&leaf, i, n, &want, &ref_root, enc), Ok(()));
        assert_eq!(verify_proof(&leaf, i, n, &steps(&want), &ref_root, enc), Ok(()));
        let mut m = Single {
            leaf,
            index: i,
            count: n,
            path: want,
            root: ref_root,
            enc,
        };
        mutate_single(&mut m, rng);
        let want = reference::verify(&m.leaf, m.index, m.count, &m.path, &m.root, m.enc);
        let got = verify_proof(&m.leaf, m.index, m.count, &steps(&m.path), &m.root, m.enc);
        assert_eq!(
            got.map_err(|e| reference::proof_error_name(&e)),
            want,
            "mutated proof of {i}, n = {n}, {enc}"
        );
    }
    let mut sets: Vec<Vec<u64>> = vec![vec![0], vec![n - 1], sample.to_vec()];
    let k = 1 + rng.below(n.min(9));
    let mut random: Vec<u64> = (0..k).map(|_| rng.below(n)).collect();
    random.sort_unstable();
    random.dedup();
    sets.push(random);
    for set in sets {
        let want = reference::multi_siblings(&ref_levels, &set);
        let as_usize: Vec<usize> = set.iter().map(|&i| i as usize).collect();
        let p = tree.prove_many(&as_usize).expect("valid indices");
        assert_eq!(p.indices, set);
        assert_eq!(
            p.siblings, want,
            "multi-proof siblings of {set:?}, n = {n}, {enc}"
        );
        let items: Vec<Hash32> = set.iter().map(|&i| leaves[i as usize]).collect();
        assert_eq!(p.item_hashes, items);
        assert_eq!(
            reference::verify_multi(&items, &set, n, &want, &ref_root, enc),
            Ok(())
        );
        assert_eq!(p.verify(&ref_root), Ok(()));
        // One random change: both must give the same verdict.
        let (mut items, mut set, mut siblings, mut count, mut root) = (items, set, want, n, ref_root);
        match rng.below(8) {
            0 => set[0] = set[0].wrapping_add(1),
            1 => *set.last_mut().expect("non-empty") ^= 1 << rng.below(10),
            2 => count = count * 2 + rng.below(2),
            3 => count /= 2,
            4 if !siblings.is_empty() => {
                let k = rng.below(siblings.len() as u64) as usize;
                siblings[k] = flip(&siblings[k], rng.below(256));
            }
            5 => siblings.insert(rng.below(siblings.len() as u64 + 1) as usize, rng.hash()),
            6 => items[0] = flip(&items[0], rng.below(256)),
            _ => root = rng.hash(),
        }
        let want = reference::verify_multi(&items, &set, count, &siblings, &root, enc);
        let got = verify_multiproof(&items, &set, count, &siblings, &root, enc);
        assert_eq!(
            got.map_err(|e| reference::multi_error_name(&e)),
            want,
            "mutated multi-proof, n = {n}, {enc}"
        );
    }
}

/// The edges of the tree (first two, middle, last two) and `extra` random leaves.
fn sample(n: u64, extra: usize, rng: &mut Rng) -> Vec<u64> {
    if n == 0 {
        return Vec::new();
    }
    let mut s: Vec<u64> = (0..extra).map(|_| rng.below(n)).collect();
    s.extend(
        [0, 1, n / 2, n.saturating_sub(2), n - 1]
            .into_iter()
            .filter(|&i| i < n),
    );
    s.sort_unstable();
    s.dedup();
    s
}

#[test]
fn reference_node_messages_have_the_documented_lengths() {
    let (a, b) = (Hash32::from_bytes([0xab; 32]), Hash32::from_bytes([0x01; 32]));
    let lens: Vec<usize> = ENCODINGS
        .iter()
        .map(|&e| reference::node_message(e, &a, &b).len())
        .collect();
    assert_eq!(lens, [149, 145, 81]);
    let text = String::from_utf8(reference::node_message(NodeEncoding::Hex0x, &a, &b)).expect("ascii");
    assert_eq!(
        text,
        format!("pacspace:node:v1:0x{}0x{}", "ab".repeat(32), "01".repeat(32))
    );
}

#[test]
fn every_size_up_to_300_under_every_encoding() {
    let mut rng = Rng::new(0x5eed_0001);
    for n in 0..=300u64 {
        for enc in ENCODINGS {
            let leaves: Vec<Hash32> = (0..n).map(|_| rng.hash()).collect();
            let sample = sample(n, 2, &mut rng);
            diff_tree(&leaves, enc, &sample, &mut rng);
        }
    }
}

#[test]
fn random_larger_sizes_under_every_encoding() {
    let mut rng = Rng::new(0x5eed_0002);
    let mut sizes = vec![512, 513, 1025];
    sizes.extend((0..5).map(|_| 301 + rng.below(2500)));
    for n in sizes {
        for enc in ENCODINGS {
            let leaves: Vec<Hash32> = (0..n).map(|_| rng.hash()).collect();
            let sample = sample(n, 16, &mut rng);
            diff_tree(&leaves, enc, &sample, &mut rng);
        }
    }
}
