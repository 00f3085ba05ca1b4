//! prove -> verify for arbitrary leaf sets (duplicates and odd levels
//! included) and indices: every proof verifies against the tree's root, and
//! every mutation of a proof (leaf, sibling, side, index, path length,
//! encoding, root) is refused.

use crate::reader::{Reader, flip};
use pacspace_proof::tree::{Side, expected_path_len, fold_path};
use pacspace_proof::{Hash32, MerkleTree, NodeEncoding, Proof, items_root, verify_proof};

/// Largest tree built: keeps one execution well under a millisecond.
const MAX_LEAVES: usize = 600;

pub fn run(data: &[u8]) {
    let mut r = Reader::new(data);
    let flags = r.u8();
    let enc = r.encoding();
    // Mostly small trees (every shape of odd levels appears by 64 leaves);
    // up to MAX_LEAVES when flag bit 0 asks for one.
    let n = if flags & 1 != 0 {
        usize::from(r.u16()) % (MAX_LEAVES + 1)
    } else {
        usize::from(r.u8() % 65)
    };
    let palette = [r.hash(), r.hash()];
    let leaves: Vec<Hash32> = (0..n)
        .map(|i| match r.u8() {
            // Repeated leaves: the same item twice in a batch.
            b @ 0..=31 => palette[usize::from(b) % 2],
            b => {
                let mut bytes = [b; 32];
                bytes[..8].copy_from_slice(&(i as u64).to_le_bytes());
                Hash32::from_bytes(bytes)
            }
        })
        .collect();

    let tree = MerkleTree::new(&leaves, enc);
    let root = tree.root();
    assert_eq!(root, items_root(&leaves, enc));
    assert_eq!(tree.len(), n);
    assert!(tree.prove(n).is_err(), "proved an index past the end");
    if n == 0 {
        return;
    }

    let picks: Vec<usize> = if n <= 8 {
        (0..n).collect()
    } else {
        vec![0, n - 1, usize::from(r.u16()) % n, usize::from(r.u16()) % n]
    };
    for (k, index) in picks.into_iter().enumerate() {
        let proof = tree.prove(index).expect("index < n");
        assert_eq!(proof.index, index as u64);
        assert_eq!(proof.count, n as u64);
        assert_eq!(proof.item_hash, leaves[index]);
        assert_eq!(proof.items_root, root);
        assert_eq!(proof.node_encoding, enc);
        assert_eq!(proof.path.len(), expected_path_len(n as u64));
        assert_eq!(proof.verify(&root), Ok(()));
        assert_eq!(proof.verify_claimed_root(), Ok(()));
        assert_eq!(fold_path(&proof.item_hash, &proof.path, enc), root);
        assert!(crate::reference::shape_ok(
            &proof.item_hash,
            proof.index,
            proof.count,
            &proof.path,
            enc
        ));
        if k == 0 {
            let text = serde_json::to_string(&proof).expect("a proof serialises");
            assert_eq!(
                serde_json::from_str::<Proof>(&text).expect("own output parses"),
                proof
            );
        }
        let m = r.u8();
        mutate_and_refuse(&proof, &root, m, r.u8(), r.u8());
    }
}

fn refuse(p: &Proof, root: &Hash32, what: &str) {
    let got = verify_proof(&p.item_hash, p.index, p.count, &p.path, root, p.node_encoding);
    assert!(got.is_err(), "mutated proof ({what}) verified: {p:?}");
    assert!(p.verify(root).is_err());
}

fn mutate_and_refuse(proof: &Proof, root: &Hash32, m: u8, a: u8, b: u8) {
    let n = proof.count;
    let len = proof.path.len();
    let mut p = proof.clone();
    match m % 8 {
        0 => {
            p.item_hash = flip(&p.item_hash, a);
            refuse(&p, root, "leaf bit");
        }
        1 if len > 0 => {
            let s = usize::from(a) % len;
            p.path[s].hash = flip(&p.path[s].hash, b);
            refuse(&p, root, "sibling bit");
        }
        2 if len > 0 => {
            let s = usize::from(a) % len;
            p.path[s].position = match p.path[s].position {
                Side::Left => Side::Right,
                Side::Right => Side::Left,
            };
            refuse(&p, root, "side");
        }
        3 => {
            // Any other index, in range or not, including the padded copy.
            let delta = u64::from(a) + 1;
            p.index = if b & 1 != 0 {
                p.index.wrapping_add(delta)
            } else {
                p.index.wrapping_sub(delta)
            };
            refuse(&p, root, "index");
        }
        4 => {
            if b & 1 != 0 && len > 0 {
                p.path.pop();
            } else {
                p.path.push(pacspace_proof::tree::PathStep {
                    hash: *root,
                    position: Side::Right,
                });
            }
            refuse(&p, root, "path length");
        }
        5 if len > 0 => {
            let others: Vec<NodeEncoding> = NodeEncoding::ALL
                .into_iter()
                .filter(|e| *e != p.node_encoding)
                .collect();
            p.node_encoding = others[usize::from(a) % others.len()];
            refuse(&p, root, "encoding");
        }
        6 => refuse(&p, &flip(root, a), "root"),
        _ => {
            // Another count: accepted exactly when that count gives this
            // index the same path shape (the leaf really is in the tree).
            p.count = if b & 1 != 0 {
                n + u64::from(a)
            } else {
                n.saturating_sub(u64::from(a))
            };
            let got = p.verify(root).is_ok();
            let want = crate::reference::shape_ok(&p.item_hash, p.index, p.count, &p.path, p.node_encoding);
            assert_eq!(got, want, "count {} -> {}: {:?}", n, p.count, p.verify(root));
        }
    }
}
