//! The negative inclusion-proof vectors, built deterministically.
//!
//! For every tree size in [`sizes`] and a few leaves of each, a genuine single
//! proof and a few genuine multi-proofs are built with the naive reference
//! (`tests/reference`), then changed one way at a time: index ± 1 and XOR,
//! count × 2, ÷ 2 and ± 1, each sibling with a flipped bit, a sibling
//! inserted or removed, the path truncated, sides swapped, a wrong leaf, a
//! random root, another node encoding; for multi-proofs also index lists that
//! are unsorted, repeated or empty and item lists of the wrong length. Each
//! vector names the error the reference raises first; a change that still
//! verifies (a count change the shape cannot see, an encoding change on a
//! one-leaf tree) is not a negative vector and is left out.
//!
//! Shared by `cargo run --example gen_negative_vectors` (writes the file) and
//! `tests/negative_vectors.rs` (regenerates it in memory and requires the
//! file on disk to be byte-identical).

use crate::reference::{self, ENCODINGS, Rng};
use pacspace_proof::tree::Side;
use pacspace_proof::{Hash32, NodeEncoding, keccak256};
use serde_json::{Value, json};

/// Where the vectors live, relative to the crate root.
pub const FILE: &str = "tests/data/negative-proofs-v1.json";
/// The generator's seed (flipped bits, random hashes, sampled leaves).
pub const SEED: u64 = 0x6e65_6761_7469_7665;

/// The tree sizes covered.
pub fn sizes() -> Vec<u64> {
    (1..=33).chain([64, 100, 255, 256, 257, 1000]).collect()
}

/// Leaf `i` of every tree: `keccak256("pacspace:negative-vectors:leaf:" + decimal i)`.
pub fn leaf(i: u64) -> Hash32 {
    keccak256(format!("pacspace:negative-vectors:leaf:{i}").as_bytes())
}

/// The node encoding of the trees of size `n` (each encoding in turn).
pub fn encoding_for(n: u64) -> NodeEncoding {
    ENCODINGS[(n % 3) as usize]
}

fn flip(h: &Hash32, bit: u64) -> Hash32 {
    let mut b = h.0;
    b[(bit / 8 % 32) as usize] ^= 1 << (bit % 8);
    Hash32(b)
}

fn swap(side: Side) -> Side {
    match side {
        Side::Left => Side::Right,
        Side::Right => Side::Left,
    }
}

/// One single proof: what a verifier is given.
#[derive(Clone)]
struct Single {
    index: u64,
    count: u64,
    leaf: Hash32,
    root: Hash32,
    path: Vec<(Hash32, Side)>,
    enc: NodeEncoding,
}

impl Single {
    fn with(&self, f: impl FnOnce(&mut Single)) -> Single {
        let mut s = self.clone();
        f(&mut s);
        s
    }

    fn verdict(&self) -> Result<(), &'static str> {
        reference::verify(
            &self.leaf, self.index, self.count, &self.path, &self.root, self.enc,
        )
    }

    fn to_json(&self, name: &str, error: Option<&str>) -> Value {
        let path: Vec<Value> = self
            .path
            .iter()
            .map(|(h, side)| json!({"hash": h.to_string(), "position": side.name()}))
            .collect();
        json!({
            "name": name,
            "nodeEncoding": self.enc.name(),
            "index": self.index,
            "count": self.count,
            "itemHash": self.leaf.to_string(),
            "itemsRoot": self.root.to_string(),
            "path": path,
            "error": error.map(|e| format!("ProofError::{e}")),
        })
    }
}

/// Every one-change variant of a genuine single proof, named.
fn single_mutations(s: &Single, rng: &mut Rng) -> Vec<(String, Single)> {
    let h = s.path.len();
    let mut out = vec![("index-plus-1".to_string(), s.with(|m| m.index += 1))];
    if s.index > 0 {
        out.push(("index-minus-1".into(), s.with(|m| m.index -= 1)));
    }
    out.push(("index-xor-2".into(), s.with(|m| m.index ^= 2)));
    out.push(("count-times-2".into(), s.with(|m| m.count *= 2)));
    out.push(("count-div-2".into(), s.with(|m| m.count /= 2)));
    out.push(("count-plus-1".into(), s.with(|m| m.count += 1)));
    out.push(("count-minus-1".into(), s.with(|m| m.count -= 1)));
    for k in 0..h {
        let bit = rng.below(256);
        out.push((
            format!("sibling-{k}-bit-{bit}-flipped"),
            s.with(|m| m.path[k].0 = flip(&m.path[k].0, bit)),
        ));
    }
    let extra = rng.hash();
    out.push((
        "sibling-inserted-first".into(),
        s.with(|m| m.path.insert(0, (extra, Side::Right))),
    ));
    let extra = rng.hash();
    out.push((
        "sibling-inserted-last".into(),
        s.with(|m| m.path.push((extra, Side::Left))),
    ));
    if h > 0 {
        out.push((
            "sibling-removed-first".into(),
            s.with(|m| {
                m.path.remove(0);
            }),
        ));
    }
    if h > 1 {
        out.push((
            "sibling-removed-last".into(),
            s.with(|m| {
                m.path.pop();
            }),
        ));
        out.push(("truncated".into(), s.with(|m| m.path.truncate(h / 2))));
    }
    // Sides: the bottom, middle and top levels.
    let mut levels = vec![0, h / 2, h.saturating_sub(1)];
    levels.dedup();
    for k in levels.into_iter().filter(|&k| k < h) {
        out.push((
            format!("side-{k}-swapped"),
            s.with(|m| m.path[k].1 = swap(m.path[k].1)),
        ));
    }
    out.push(("wrong-leaf".into(), s.with(|m| m.leaf = leaf(m.count + m.index))));
    let bit = rng.below(256);
    out.push((
        format!("leaf-bit-{bit}-flipped"),
        s.with(|m| m.leaf = flip(&m.leaf, bit)),
    ));
    let root = rng.hash();
    out.push(("random-root".into(), s.with(|m| m.root = root)));
    for e in ENCODINGS.into_iter().filter(|&e| e != s.enc) {
        out.push((format!("encoding-{e}"), s.with(|m| m.enc = e)));
    }
    out
}

/// One multi-proof: what a verifier is given.
#[derive(Clone)]
struct Multi {
    indices: Vec<u64>,
    count: u64,
    items: Vec<Hash32>,
    siblings: Vec<Hash32>,
    root: Hash32,
    enc: NodeEncoding,
}

impl Multi {
    fn with(&self, f: impl FnOnce(&mut Multi)) -> Multi {
        let mut m = self.clone();
        f(&mut m);
        m
    }

    fn verdict(&self) -> Result<(), &'static str> {
        reference::verify_multi(
            &self.items,
            &self.indices,
            self.count,
            &self.siblings,
            &self.root,
            self.enc,
        )
    }

    fn to_json(&self, name: &str, error: Option<&str>) -> Value {
        let hex = |v: &[Hash32]| v.iter().map(Hash32::to_string).collect::<Vec<_>>();
        json!({
            "name": name,
            "nodeEncoding": self.enc.name(),
            "indices": self.indices,
            "count": self.count,
            "itemHashes": hex(&self.items),
            "itemsRoot": self.root.to_string(),
            "siblings": hex(&self.siblings),
            "error": error.map(|e| format!("MultiProofError::{e}")),
        })
    }
}

/// Every one-change variant of a genuine multi-proof, named.
fn multi_mutations(p: &Multi, rng: &mut Rng) -> Vec<(String, Multi)> {
    let (k, s) = (p.indices.len(), p.siblings.len());
    let mut out = vec![
        ("index-first-plus-1".to_string(), p.with(|m| m.indices[0] += 1)),
        ("index-last-plus-1".into(), p.with(|m| m.indices[k - 1] += 1)),
        ("index-last-xor-2".into(), p.with(|m| m.indices[k - 1] ^= 2)),
    ];
    if p.indices[0] > 0 {
        out.push(("index-first-minus-1".into(), p.with(|m| m.indices[0] -= 1)));
    }
    if p.indices[k - 1] > 0 {
        out.push(("index-last-minus-1".into(), p.with(|m| m.indices[k - 1] -= 1)));
    }
    out.push(("count-times-2".into(), p.with(|m| m.count *= 2)));
    out.push(("count-div-2".into(), p.with(|m| m.count /= 2)));
    out.push(("count-plus-1".into(), p.with(|m| m.count += 1)));
    out.push(("count-minus-1".into(), p.with(|m| m.count -= 1)));
    // Each sibling, or the first and last three of a long list.
    let flipped: Vec<usize> = if s <= 6 {
        (0..s).collect()
    } else {
        (0..3).chain(s - 3..s).collect()
    };
    for j in flipped {
        let bit = rng.below(256);
        out.push((
            format!("sibling-{j}-bit-{bit}-flipped"),
            p.with(|m| m.siblings[j] = flip(&m.siblings[j], bit)),
        ));
    }
    let extra = rng.hash();
    out.push((
        "sibling-inserted-first".into(),
        p.with(|m| m.siblings.insert(0, extra)),
    ));
    let extra = rng.hash();
    out.push(("sibling-inserted-last".into(), p.with(|m| m.siblings.push(extra))));
    if s > 0 {
        out.push((
            "sibling-removed-first".into(),
            p.with(|m| {
                m.siblings.remove(0);
            }),
        ));
        out.push((
            "sibling-removed-last".into(),
            p.with(|m| {
                m.siblings.pop();
            }),
        ));
    }
    if s > 1 {
        out.push(("truncated".into(), p.with(|m| m.siblings.truncate(s / 2))));
        if p.siblings[0] != p.siblings[1] {
            out.push(("siblings-0-1-swapped".into(), p.with(|m| m.siblings.swap(0, 1))));
        }
    }
    for j in [0, k - 1] {
        let bit = rng.below(256);
        let name = format!("item-{j}-bit-{bit}-flipped");
        if !out.iter().any(|(n, _)| n.starts_with(&format!("item-{j}-"))) {
            out.push((name, p.with(|m| m.items[j] = flip(&m.items[j], bit))));
        }
    }
    out.push((
        "item-0-wrong-leaf".into(),
        p.with(|m| m.items[0] = leaf(m.count + m.indices[0])),
    ));
    out.push((
        "item-removed".into(),
        p.with(|m| {
            m.items.pop();
        }),
    ));
    out.push(("item-added".into(), p.with(|m| m.items.push(leaf(m.count)))));
    if k > 1 {
        out.push((
            "indices-reversed".into(),
            p.with(|m| {
                m.indices.reverse();
                m.items.reverse();
            }),
        ));
    }
    out.push((
        "index-repeated".into(),
        p.with(|m| {
            m.indices.insert(0, m.indices[0]);
            m.items.insert(0, m.items[0]);
        }),
    ));
    out.push((
        "indices-empty".into(),
        p.with(|m| {
            m.indices.clear();
            m.items.clear();
        }),
    ));
    let root = rng.hash();
    out.push(("random-root".into(), p.with(|m| m.root = root)));
    for e in ENCODINGS.into_iter().filter(|&e| e != p.enc) {
        out.push((format!("encoding-{e}"), p.with(|m| m.enc = e)));
    }
    out
}

/// The leaves whose single proofs are mutated: both ends and the middle.
fn sampled_leaves(n: u64) -> Vec<u64> {
    let mut v = vec![0, n / 2, n - 1];
    v.sort_unstable();
    v.dedup();
    v
}

/// The index sets whose multi-proofs are mutated: a random set of two or
/// three leaves; in trees of up to 33 leaves also the two ends, and in trees
/// of up to 8 leaves all of them.
fn sampled_sets(n: u64, rng: &mut Rng) -> Vec<Vec<u64>> {
    let mut sets = Vec::new();
    if n <= 33 {
        sets.push(vec![0, n - 1]);
    }
    let k = 2 + rng.below(2);
    sets.push((0..k).map(|_| rng.below(n)).collect());
    if n <= 8 {
        sets.push((0..n).collect());
    }
    for set in &mut sets {
        set.sort_unstable();
        set.dedup();
    }
    sets.dedup();
    sets
}

/// The vectors as JSON values: `(single, multi)`, valid base proofs first in
/// each group, each followed by its negative variants.
pub fn vectors() -> (Vec<Value>, Vec<Value>) {
    let mut rng = Rng::new(SEED);
    let (mut singles, mut multis) = (Vec::new(), Vec::new());
    for n in sizes() {
        let enc = encoding_for(n);
        let leaves: Vec<Hash32> = (0..n).map(leaf).collect();
        let levels = reference::levels(&leaves, enc);
        let root = reference::root(&leaves, enc);
        for i in sampled_leaves(n) {
            let base = Single {
                index: i,
                count: n,
                leaf: leaves[i as usize],
                root,
                path: reference::path(&levels, i as usize),
                enc,
            };
            let prefix = format!("single-n{n}-i{i}-{enc}");
            assert_eq!(base.verdict(), Ok(()), "{prefix}: the base proof verifies");
            singles.push(base.to_json(&format!("{prefix}-valid"), None));
            for (what, m) in single_mutations(&base, &mut rng) {
                if let Err(e) = m.verdict() {
                    singles.push(m.to_json(&format!("{prefix}-{what}"), Some(e)));
                }
            }
        }
        for (s, set) in sampled_sets(n, &mut rng).into_iter().enumerate() {
            let base = Multi {
                items: set.iter().map(|&i| leaves[i as usize]).collect(),
                siblings: reference::multi_siblings(&levels, &set),
                indices: set,
                count: n,
                root,
                enc,
            };
            let prefix = format!("multi-n{n}-set{s}-{enc}");
            assert_eq!(base.verdict(), Ok(()), "{prefix}: the base proof verifies");
            multis.push(base.to_json(&format!("{prefix}-valid"), None));
            for (what, m) in multi_mutations(&base, &mut rng) {
                if let Err(e) = m.verdict() {
                    multis.push(m.to_json(&format!("{prefix}-{what}"), Some(e)));
                }
            }
        }
    }
    (singles, multis)
}

/// The file's exact text: a header, then one vector per line.
pub fn generate() -> String {
    let (singles, multis) = vectors();
    let lines = |v: &[Value]| {
        v.iter()
            .map(|x| format!("    {x}"))
            .collect::<Vec<_>>()
            .join(",\n")
    };
    let header = json!({
        "version": 1,
        "generator": "examples/gen_negative_vectors (cargo run --example gen_negative_vectors)",
        "seed": SEED,
        "leaves": "leaf i of every tree is keccak256(\"pacspace:negative-vectors:leaf:\" + decimal i); a tree of n leaves holds leaves 0..n",
        "description": "Inclusion proofs over many tree sizes, each either valid (error null) or changed one way and naming the error a verifier must raise first (checks in order: empty tree, indices, item count, path length or sibling count, each level's side and padding, root). Single proofs use the `Proof` wire form, multi-proofs the `MultiProof` wire form, plus name and error.",
    });
    let mut out = String::from("{\n");
    if let Value::Object(map) = header {
        for (k, v) in map {
            out.push_str(&format!("  \"{k}\": {v},\n"));
        }
    }
    out.push_str("  \"single\": [\n");
    out.push_str(&lines(&singles));
    out.push_str("\n  ],\n  \"multi\": [\n");
    out.push_str(&lines(&multis));
    out.push_str("\n  ]\n}\n");
    out
}
