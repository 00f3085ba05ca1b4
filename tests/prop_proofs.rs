//! Property tests: generated proofs verify, any single-bit change or a
//! different leaf count makes them fail.

mod common;

use common::reference_root;

use pacspace_proof::tree::ProofError;
use pacspace_proof::{Hash32, MerkleTree, NodeEncoding, items_root, verify_proof};
use proptest::prelude::*;

fn encoding() -> impl Strategy<Value = NodeEncoding> {
    prop_oneof![
        Just(NodeEncoding::Hex0x),
        Just(NodeEncoding::Hex),
        Just(NodeEncoding::Bytes)
    ]
}

fn leaves(max: usize) -> impl Strategy<Value = Vec<Hash32>> {
    prop::collection::vec(any::<[u8; 32]>().prop_map(Hash32::from_bytes), 1..max)
}

fn flip(h: &Hash32, bit: usize) -> Hash32 {
    let mut b = h.0;
    b[(bit / 8) % 32] ^= 1 << (bit % 8);
    Hash32(b)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn root_matches_reference(ls in leaves(70), enc in encoding()) {
        let want = reference_root(&ls, enc);
        prop_assert_eq!(items_root(&ls, enc), want);
        prop_assert_eq!(MerkleTree::new(&ls, enc).root(), want);
    }

    #[test]
    fn every_index_verifies(ls in leaves(70), enc in encoding()) {
        let tree = MerkleTree::new(&ls, enc);
        let n = ls.len() as u64;
        for (i, leaf) in ls.iter().enumerate() {
            let p = tree.prove(i).unwrap();
            prop_assert_eq!(p.count, n);
            prop_assert_eq!(p.item_hash, *leaf);
            prop_assert_eq!(verify_proof(leaf, i as u64, n, &p.path, &tree.root(), enc), Ok(()));
        }
    }

    #[test]
    fn any_flipped_bit_fails(ls in leaves(40), enc in encoding(), pick in any::<prop::sample::Index>(), bit in 0usize..256, which in any::<prop::sample::Index>()) {
        let tree = MerkleTree::new(&ls, enc);
        let i = pick.index(ls.len());
        let p = tree.prove(i).unwrap();
        let n = ls.len() as u64;
        let root = tree.root();
        // Leaf.
        prop_assert!(verify_proof(&flip(&ls[i], bit), i as u64, n, &p.path, &root, enc).is_err());
        // Root.
        prop_assert!(verify_proof(&ls[i], i as u64, n, &p.path, &flip(&root, bit), enc).is_err());
        // Any one sibling.
        if !p.path.is_empty() {
            let k = which.index(p.path.len());
            let mut path = p.path.clone();
            path[k].hash = flip(&path[k].hash, bit);
            prop_assert!(verify_proof(&ls[i], i as u64, n, &path, &root, enc).is_err());
        }
    }

    #[test]
    fn sides_and_index_are_bound(ls in leaves(40), enc in encoding(), pick in any::<prop::sample::Index>(), which in any::<prop::sample::Index>()) {
        let tree = MerkleTree::new(&ls, enc);
        let i = pick.index(ls.len());
        let p = tree.prove(i).unwrap();
        let n = ls.len() as u64;
        if !p.path.is_empty() {
            let k = which.index(p.path.len());
            let mut path = p.path.clone();
            path[k].position = match path[k].position {
                pacspace_proof::tree::Side::Left => pacspace_proof::tree::Side::Right,
                pacspace_proof::tree::Side::Right => pacspace_proof::tree::Side::Left,
            };
            let is_wrong_side = matches!(
                verify_proof(&ls[i], i as u64, n, &path, &tree.root(), enc),
                Err(ProofError::WrongSide { .. })
            );
            prop_assert!(is_wrong_side);
        }
        // Another index with the same path fails (unless the leaf sits at both
        // positions with identical siblings, i.e. duplicated leaves).
        let j = (i + 1) % ls.len();
        if j != i && ls[j] != ls[i] {
            prop_assert!(verify_proof(&ls[i], j as u64, n, &p.path, &tree.root(), enc).is_err());
        }
        prop_assert_eq!(
            verify_proof(&ls[i], n, n, &p.path, &tree.root(), enc),
            Err(ProofError::IndexOutOfRange { index: n, count: n })
        );
    }

    #[test]
    fn proof_for_n_verifies_for_other_n_only_with_the_same_shape(ls in leaves(40), enc in encoding(), pick in any::<prop::sample::Index>(), other in 1u64..200) {
        let n = ls.len() as u64;
        prop_assume!(other != n);
        let tree = MerkleTree::new(&ls, enc);
        let i = pick.index(ls.len());
        let p = tree.prove(i).unwrap();
        let distinct = ls.iter().collect::<std::collections::HashSet<_>>().len() == ls.len();
        prop_assume!(distinct);
        let res = verify_proof(&ls[i], i as u64, other, &p.path, &tree.root(), enc);
        // Another count accepts the proof exactly when its tree gives this index
        // the same path length and sides, and every level it pads (sibling =
        // node itself) is padded in the n-leaf tree too. Those trees genuinely
        // share the root: [a,b,c] and [a,b,c,c]; [l0..l9] and
        // [l0..l9,l8,l9,l8,l9,l8,l9]. Every other count must be refused.
        let (mine, theirs) = (shape(i, n as usize), shape(i, other as usize));
        let same_shape = (i as u64) < other
            && mine.len() == theirs.len()
            && mine.iter().zip(&theirs).all(|(m, t)| m.0 == t.0 && (!t.1 || m.1));
        prop_assert_eq!(res.is_ok(), same_shape, "n={} other={} i={} res={:?}", n, other, i, res);
    }
}

#[test]
fn padded_sibling_must_be_the_node_itself() {
    let enc = NodeEncoding::Hex0x;
    let ls: Vec<Hash32> = (1u8..=3).map(|b| Hash32::from_bytes([b; 32])).collect();
    let tree = MerkleTree::new(&ls, enc);
    let mut p = tree.prove(2).unwrap();
    p.path[0].hash = Hash32::from_bytes([9; 32]);
    assert_eq!(
        verify_proof(&ls[2], 2, 3, &p.path, &tree.root(), enc),
        Err(ProofError::PaddingSibling { level: 0 })
    );
}

#[test]
fn path_length_is_bound_to_count() {
    let enc = NodeEncoding::Bytes;
    let ls: Vec<Hash32> = (1u8..=4).map(|b| Hash32::from_bytes([b; 32])).collect();
    let tree = MerkleTree::new(&ls, enc);
    let p = tree.prove(0).unwrap();
    assert_eq!(
        verify_proof(&ls[0], 0, 5, &p.path, &tree.root(), enc),
        Err(ProofError::PathLength {
            expected: 3,
            found: 2
        })
    );
    assert_eq!(
        verify_proof(&ls[0], 0, 2, &p.path, &tree.root(), enc),
        Err(ProofError::PathLength {
            expected: 1,
            found: 2
        })
    );
    assert_eq!(
        verify_proof(&ls[0], 0, 0, &[], &tree.root(), enc),
        Err(ProofError::EmptyTree)
    );
}

/// Path shape of leaf `i` in an `n`-leaf tree by simulating the tree over leaf
/// positions: per level, (sibling on the left?, sibling is the node itself?).
fn shape(i: usize, n: usize) -> Vec<(bool, bool)> {
    let mut out = Vec::new();
    let mut level: Vec<usize> = (0..n).collect();
    let mut pos = i;
    while level.len() > 1 {
        let mut next = Vec::new();
        for (k, pair) in level.chunks(2).enumerate() {
            if pos / 2 == k {
                out.push(if pos % 2 == 1 {
                    (true, false)
                } else {
                    (false, pair.len() == 1)
                });
            }
            next.push(pair[0]);
        }
        pos /= 2;
        level = next;
    }
    out
}
