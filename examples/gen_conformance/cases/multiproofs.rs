//! Multi-proofs (`verify-proof` given an object with `indices`).

use super::proofs::{leaf, leaves};
use super::{Case, case, hv, kind, stray, tweak};
use crate::reference;
use pacspace_proof::{Hash32, NodeEncoding};
use serde_json::{Value, json};

/// A multi-proof as given to the verifier.
#[derive(Clone)]
struct Multi {
    indices: Vec<u64>,
    count: u64,
    items: Vec<Hash32>,
    siblings: Vec<Hash32>,
    root: Hash32,
    enc: NodeEncoding,
}

fn genuine_multi(n: u64, indices: &[u64], enc: NodeEncoding) -> Multi {
    let ls = leaves(n);
    let levels = reference::levels(&ls, enc);
    Multi {
        indices: indices.to_vec(),
        count: n,
        items: indices.iter().map(|&i| ls[i as usize]).collect(),
        siblings: reference::multi_siblings(&levels, indices),
        root: reference::root(&ls, enc),
        enc,
    }
}

impl Multi {
    fn with(&self, f: impl FnOnce(&mut Multi)) -> Multi {
        let mut m = self.clone();
        f(&mut m);
        m
    }

    fn json(&self) -> Value {
        json!({
            "indices": self.indices,
            "count": self.count,
            "itemHashes": self.items.iter().map(hv).collect::<Vec<_>>(),
            "itemsRoot": hv(&self.root),
            "siblings": self.siblings.iter().map(hv).collect::<Vec<_>>(),
            "nodeEncoding": self.enc.name(),
        })
    }

    fn case(&self, name: &str, why: &str, extra: &[&str]) -> Case {
        let c = case(name, why)
            .json("proof.json", &self.json())
            .args(&["verify-proof", "proof.json", "--json"])
            .args(extra);
        let verdict = reference::verify_multi(
            &self.items,
            &self.indices,
            self.count,
            &self.siblings,
            &self.root,
            self.enc,
        );
        match verdict {
            Ok(()) => c.pass(if extra.is_empty() {
                "consistent"
            } else {
                "verified"
            }),
            Err(e) => c.fail(Some(&kind(e)), None),
        }
    }
}

/// Multi-proofs.
pub fn multi() -> Vec<Case> {
    let mut out = Vec::new();
    let shapes: [(u64, &[u64], NodeEncoding, &str); 8] = [
        (
            1,
            &[0],
            NodeEncoding::Hex0x,
            "the one leaf of a one-leaf tree, no siblings",
        ),
        (
            8,
            &[0, 7],
            NodeEncoding::Hex0x,
            "both ends of a full tree of eight",
        ),
        (
            5,
            &[1, 4],
            NodeEncoding::Hex0x,
            "leaves 1 and 4 of five, the last one padded",
        ),
        (
            6,
            &[0, 1, 2, 3, 4, 5],
            NodeEncoding::Hex0x,
            "every leaf of six: no sibling is carried",
        ),
        (
            13,
            &[3, 4, 9],
            NodeEncoding::Hex0x,
            "three leaves of thirteen sharing upper siblings",
        ),
        (
            7,
            &[2, 6],
            NodeEncoding::Hex,
            "two leaves of seven under node encoding hex",
        ),
        (
            7,
            &[2, 6],
            NodeEncoding::Bytes,
            "two leaves of seven under node encoding bytes",
        ),
        (
            100,
            &[0, 50, 99],
            NodeEncoding::Hex0x,
            "three leaves of a hundred",
        ),
    ];
    for (n, idx, enc, why) in shapes {
        let name = format!(
            "multi_n{n}_{}_{enc}_pass",
            idx.iter().map(u64::to_string).collect::<Vec<_>>().join("_")
        );
        let name = if idx.len() == 6 {
            format!("multi_n{n}_all_{enc}_pass")
        } else {
            name
        };
        out.push(genuine_multi(n, idx, enc).case(&name, &format!("Genuine multi-proof: {why}."), &[]));
    }
    let base = genuine_multi(13, &[2, 3, 9], NodeEncoding::Hex0x);
    let root = base.root.to_string();
    out.push(base.case(
        "multi_expect_root_pass",
        "The multi-proof folds to its itemsRoot, which is the trusted root given by --expect-root.",
        &["--expect-root", &root],
    ));
    let s = base.siblings.len();
    let changes: Vec<(&str, &str, Multi)> = vec![
        (
            "index_first_plus_1",
            "the first index is one too high",
            base.with(|m| m.indices[0] += 1),
        ),
        (
            "index_last_plus_1",
            "the last index is one too high",
            base.with(|m| m.indices[2] += 1),
        ),
        (
            "index_out_of_range",
            "the last index equals the leaf count",
            base.with(|m| m.indices[2] = m.count),
        ),
        (
            "indices_unsorted",
            "the indices are not increasing",
            base.with(|m| {
                m.indices.swap(0, 2);
                m.items.swap(0, 2);
            }),
        ),
        (
            "index_repeated",
            "an index is listed twice",
            base.with(|m| {
                m.indices.insert(1, m.indices[0]);
                m.items.insert(1, m.items[0]);
            }),
        ),
        (
            "indices_empty",
            "no index is named",
            base.with(|m| {
                m.indices.clear();
                m.items.clear();
            }),
        ),
        (
            "item_removed",
            "one item hash fewer than indices",
            base.with(|m| {
                m.items.pop();
            }),
        ),
        (
            "item_added",
            "one item hash more than indices",
            base.with(|m| m.items.push(leaf(12))),
        ),
        (
            "item_bit_flipped",
            "an item hash has one bit flipped",
            base.with(|m| m.items[1] = tweak(&m.items[1])),
        ),
        (
            "wrong_item",
            "an item hash is another leaf of the tree",
            base.with(|m| m.items[0] = leaf(5)),
        ),
        (
            "sibling_bit_flipped",
            "a sibling has one bit flipped",
            base.with(|m| m.siblings[s - 1] = tweak(&m.siblings[s - 1])),
        ),
        (
            "sibling_inserted",
            "a sibling is added",
            base.with(|m| m.siblings.push(stray("extra"))),
        ),
        (
            "sibling_removed",
            "a sibling is removed",
            base.with(|m| {
                m.siblings.remove(0);
            }),
        ),
        (
            "siblings_swapped",
            "two siblings are carried in the wrong order",
            base.with(|m| m.siblings.swap(0, 1)),
        ),
        (
            "random_root",
            "the itemsRoot belongs to another tree",
            base.with(|m| m.root = stray("root")),
        ),
        (
            "count_times_2",
            "the leaf count is doubled",
            base.with(|m| m.count *= 2),
        ),
        (
            "count_div_2",
            "the leaf count is halved",
            base.with(|m| m.count /= 2),
        ),
        (
            "count_zero",
            "a tree of zero leaves has no inclusion proofs",
            base.with(|m| m.count = 0),
        ),
        (
            "encoding_bytes",
            "the proof names node encoding bytes but was built under hex0x",
            base.with(|m| m.enc = NodeEncoding::Bytes),
        ),
    ];
    for (what, why, m) in changes {
        out.push(m.case(
            &format!("multi_{what}_fail"),
            &format!("Changed multi-proof: {why}."),
            &[],
        ));
    }
    let other = stray("trusted").to_string();
    out.push(
        case(
            "multi_expect_root_mismatch_fail",
            "A genuine multi-proof of another tree: its itemsRoot is not the trusted root given by --expect-root.",
        )
        .json("proof.json", &base.json())
        .args(&["verify-proof", "proof.json", "--json", "--expect-root", &other])
        .fail(Some("fieldMismatch"), Some("expected root")),
    );
    out
}
