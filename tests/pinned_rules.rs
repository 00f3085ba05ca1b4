//! Small exact tests for behaviour that was pinned only by doc examples,
//! which the mutation runs leave out for speed: each one fails if a line of
//! the rule it names is changed (see docs/mutants.md).

use pacspace_proof::hashing::{ITEM_PREFIX, item_hash_canonical};
use pacspace_proof::tree::{RootBuilder, Side};
use pacspace_proof::{Hash32, NodeEncoding, items_root, keccak256};

fn leaf(i: u64) -> Hash32 {
    keccak256(&i.to_le_bytes())
}

#[test]
fn item_hash_of_canonical_text_is_keccak_of_prefix_and_text() {
    let long = vec![b'7'; 300];
    for text in [&b""[..], b"{}", br#"{"a":1}"#, &long] {
        let message = [ITEM_PREFIX.as_slice(), text].concat();
        assert_eq!(item_hash_canonical(text), keccak256(&message));
    }
}

#[test]
fn sides_print_as_on_the_wire() {
    assert_eq!(Side::Left.to_string(), "left");
    assert_eq!(Side::Right.to_string(), "right");
}

#[test]
fn root_builder_counts_and_finishes_like_items_root() {
    for enc in NodeEncoding::ALL {
        for n in 0..=70u64 {
            let leaves: Vec<Hash32> = (0..n).map(leaf).collect();
            let mut b = RootBuilder::new(enc);
            for (k, l) in leaves.iter().enumerate() {
                assert_eq!(b.count(), k as u64);
                b.push(*l);
            }
            assert_eq!(b.count(), n);
            assert_eq!(b.clone().finish(), items_root(&leaves, enc), "n = {n}, {enc}");
        }
    }
}

#[test]
fn fold_path_joins_each_sibling_on_its_side() {
    use pacspace_proof::hashing::node_hash;
    use pacspace_proof::tree::{PathStep, fold_path};
    let (a, b, c) = (leaf(1), leaf(2), leaf(3));
    for enc in NodeEncoding::ALL {
        assert_eq!(fold_path(&a, &[], enc), a);
        let path = [
            PathStep {
                hash: b,
                position: Side::Right,
            },
            PathStep {
                hash: c,
                position: Side::Left,
            },
        ];
        let want = node_hash(enc, &c, &node_hash(enc, &a, &b));
        assert_eq!(fold_path(&a, &path, enc), want);
    }
}

#[test]
fn proof_error_messages() {
    use pacspace_proof::tree::ProofError as P;
    let root = Hash32::from_bytes([0x11; 32]);
    let other = Hash32::from_bytes([0x22; 32]);
    let cases = [
        (
            P::EmptyTree,
            "a tree with zero leaves has no inclusion proofs".to_string(),
        ),
        (
            P::IndexOutOfRange { index: 3, count: 3 },
            "index 3 is out of range for 3 leaves".into(),
        ),
        (
            P::PathLength {
                expected: 2,
                found: 3,
            },
            "path has 3 steps but a tree of this size needs exactly 2".into(),
        ),
        (
            P::WrongSide {
                level: 1,
                expected: Side::Left,
                found: Side::Right,
            },
            "path step 1: sibling is on the right but must be on the left for this index".into(),
        ),
        (
            P::PaddingSibling { level: 0 },
            "path step 0: at a padded level the sibling must equal the node itself".into(),
        ),
        (
            P::RootMismatch {
                expected: root,
                computed: other,
            },
            format!("root mismatch: expected {root}, path folds to {other}"),
        ),
    ];
    for (e, text) in cases {
        assert_eq!(e.to_string(), text);
    }
}

#[test]
fn multi_proof_error_messages() {
    use pacspace_proof::tree::MultiProofError as M;
    let root = Hash32::from_bytes([0x11; 32]);
    let other = Hash32::from_bytes([0x22; 32]);
    let cases = [
        (
            M::EmptyTree,
            "a tree with zero leaves has no inclusion proofs".to_string(),
        ),
        (M::NoIndices, "a multi-proof must name at least one index".into()),
        (
            M::ItemCount {
                indices: 2,
                item_hashes: 1,
            },
            "2 indices but 1 item hashes: there must be one item hash per index".into(),
        ),
        (
            M::IndexOutOfRange {
                position: 1,
                index: 9,
                count: 5,
            },
            "indices[1] = 9 is out of range for 5 leaves".into(),
        ),
        (
            M::DuplicateIndex {
                position: 2,
                index: 4,
            },
            "indices[2] = 4 repeats the index before it".into(),
        ),
        (
            M::Unsorted {
                position: 1,
                previous: 4,
                index: 1,
            },
            "indices[1] = 1 is below the index before it (4): indices must increase".into(),
        ),
        (
            M::SiblingCount {
                expected: 3,
                found: 4,
            },
            "proof carries 4 siblings but these indices in a tree of this size need exactly 3".into(),
        ),
        (
            M::RootMismatch {
                expected: root,
                computed: other,
            },
            format!("root mismatch: expected {root}, items and siblings fold to {other}"),
        ),
    ];
    for (e, text) in cases {
        assert_eq!(e.to_string(), text);
    }
}
