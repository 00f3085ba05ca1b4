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
