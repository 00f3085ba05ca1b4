//! Tree levels joined side by side equal the scalar rule on every Keccak
//! path this CPU has (scalar, AVX2, AVX-512, each forced in turn), under
//! every node encoding: `join_level` against `node_hash` and against the
//! `sha3` crate for every group size of 1 to 8 pairs and beyond; the root
//! (`items_root`, `RootBuilder` pushed and extended in pieces,
//! `MerkleTree`, and with `parallel` the threaded root) against the
//! recursive reference root for every size from 0 to 300 and a few large
//! ones.

mod common;

use common::{for_each_backend, node_message, reference_root, sha3_keccak};
use pacspace_proof::hashing::{Backend, join_level, node_hash};
use pacspace_proof::tree::RootBuilder;
use pacspace_proof::{Hash32, MerkleTree, NodeEncoding, items_root, keccak256};

fn leaves(n: usize) -> Vec<Hash32> {
    (0..n as u64).map(|i| keccak256(&i.to_be_bytes())).collect()
}

/// Every path this CPU has, the scalar one at least; on a CPU with AVX-512
/// all three.
fn assert_paths_ran(ran: &[Backend]) {
    assert!(ran.contains(&Backend::Scalar));
    for b in Backend::ALL {
        assert_eq!(ran.contains(&b), b.is_available(), "{b}");
    }
}

#[test]
fn join_level_equals_node_hash_and_sha3_for_every_group_size() {
    let children = leaves(2 * 19 + 1);
    let ran = for_each_backend(|b| {
        for enc in NodeEncoding::ALL {
            // 0 to 39 children: 1 to 8 pairs (every lane count of a group,
            // an odd last child or not), then several groups.
            for n in 0..=children.len() {
                let kids = &children[..n];
                let mut parents = vec![Hash32::ZERO; n.div_ceil(2)];
                assert_eq!(join_level(enc, kids, &mut parents), n.div_ceil(2));
                for (i, p) in parents.iter().enumerate() {
                    let l = &kids[2 * i];
                    let r = kids.get(2 * i + 1).unwrap_or(l);
                    assert_eq!(*p, node_hash(enc, l, r), "{b} {enc} n={n} pair {i}");
                    assert_eq!(
                        *p,
                        sha3_keccak(&node_message(enc, l, r)),
                        "{b} {enc} n={n} pair {i}"
                    );
                }
            }
        }
    });
    assert_paths_ran(&ran);
}

#[test]
fn join_level_stops_at_the_parents_it_is_given() {
    let children = leaves(20);
    for_each_backend(|b| {
        for room in 0..12 {
            let mut parents = vec![Hash32::ZERO; room];
            let n = join_level(NodeEncoding::Bytes, &children, &mut parents);
            assert_eq!(n, room.min(10), "{b}");
            for (i, p) in parents.iter().enumerate() {
                let want = if i < 10 {
                    node_hash(NodeEncoding::Bytes, &children[2 * i], &children[2 * i + 1])
                } else {
                    Hash32::ZERO
                };
                assert_eq!(*p, want, "{b} room {room} parent {i}");
            }
        }
    });
}

/// The root of `ls` every way the library builds it.
fn roots_every_way(ls: &[Hash32], enc: NodeEncoding) -> Vec<(&'static str, Hash32)> {
    let mut pushed = RootBuilder::new(enc);
    for leaf in ls {
        pushed.push(*leaf);
    }
    // Pieces of 1, 2, 3, ... leaves, so that groups start at every offset.
    let mut pieces = RootBuilder::new(enc);
    let (mut rest, mut k) = (ls, 1);
    while !rest.is_empty() {
        let (piece, tail) = rest.split_at(k.min(rest.len()));
        pieces.extend(piece);
        rest = tail;
        k += 1;
    }
    assert_eq!(pieces.count(), ls.len() as u64);
    let out = vec![
        ("items_root", items_root(ls, enc)),
        ("push", pushed.finish()),
        ("extend in pieces", pieces.finish()),
        ("MerkleTree", MerkleTree::new(ls, enc).root()),
    ];
    #[cfg(feature = "parallel")]
    let out = {
        let mut out = out;
        out.push(("parallel", pacspace_proof::parallel::items_root(ls, enc)));
        out
    };
    out
}

#[test]
fn roots_of_0_to_300_leaves_equal_the_reference_on_every_path() {
    let all = leaves(300);
    let want: Vec<Vec<Hash32>> = NodeEncoding::ALL
        .iter()
        .map(|&enc| (0..=300).map(|n| reference_root(&all[..n], enc)).collect())
        .collect();
    let ran = for_each_backend(|b| {
        for (e, &enc) in NodeEncoding::ALL.iter().enumerate() {
            for n in 0..=300 {
                for (how, root) in roots_every_way(&all[..n], enc) {
                    assert_eq!(root, want[e][n], "{b} {enc} n={n} {how}");
                }
            }
        }
    });
    assert_paths_ran(&ran);
}

#[test]
fn large_roots_equal_the_reference_on_every_path() {
    // Past the point where nodes leave the buffered low levels (2048
    // leaves fill the top one) and the parallel threshold; one size above
    // 2^16 for `bytes` only, to keep the test short.
    let sizes = [2049, 4097, 20_001, 65_536 + 17];
    let all = leaves(*sizes.iter().max().unwrap_or(&0));
    for enc in NodeEncoding::ALL {
        for &n in &sizes {
            if n > 1 << 16 && enc != NodeEncoding::Bytes {
                continue;
            }
            let want = reference_root(&all[..n], enc);
            for_each_backend(|b| {
                for (how, root) in roots_every_way(&all[..n], enc) {
                    assert_eq!(root, want, "{b} {enc} n={n} {how}");
                }
            });
        }
    }
}

#[test]
fn tree_levels_equal_node_hashes_on_every_path() {
    let ls = leaves(77);
    for enc in NodeEncoding::ALL {
        let want: Vec<Vec<Hash32>> = {
            let mut levels = vec![ls.clone()];
            while levels.last().map_or(0, Vec::len) > 1 {
                let prev = levels.last().unwrap();
                let next = prev
                    .chunks(2)
                    .map(|p| node_hash(enc, &p[0], p.get(1).unwrap_or(&p[0])))
                    .collect();
                levels.push(next);
            }
            levels
        };
        for_each_backend(|b| {
            let tree = MerkleTree::new(&ls, enc);
            assert_eq!(tree.levels(), &want[..], "{b} {enc}");
            let p = tree.prove(50).unwrap();
            assert!(p.verify(&tree.root()).is_ok(), "{b} {enc}");
        });
    }
}
