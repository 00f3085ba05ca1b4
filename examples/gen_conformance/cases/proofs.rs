//! Single inclusion proofs (`verify-proof`).

use super::{Case, case, hv, kind, stray, tweak};
use crate::reference::{self, ENCODINGS};
use pacspace_proof::tree::Side;
use pacspace_proof::{Hash32, NodeEncoding, keccak256};
use serde_json::{Value, json};

/// Leaf `i` of every tree: `keccak256("pacspace:conformance:leaf:" + i)`.
pub(super) fn leaf(i: u64) -> Hash32 {
    keccak256(format!("pacspace:conformance:leaf:{i}").as_bytes())
}

pub(super) fn leaves(n: u64) -> Vec<Hash32> {
    (0..n).map(leaf).collect()
}

/// A single proof as given to the verifier; `enc: None` leaves the
/// `nodeEncoding` field out.
#[derive(Clone)]
struct Single {
    index: u64,
    count: u64,
    leaf: Hash32,
    root: Hash32,
    path: Vec<(Hash32, Side)>,
    enc: NodeEncoding,
    field: bool,
}

fn genuine(n: u64, i: u64, enc: NodeEncoding) -> Single {
    let ls = leaves(n);
    let levels = reference::levels(&ls, enc);
    Single {
        index: i,
        count: n,
        leaf: ls[i as usize],
        root: reference::root(&ls, enc),
        path: reference::path(&levels, i as usize),
        enc,
        field: true,
    }
}

impl Single {
    fn with(&self, f: impl FnOnce(&mut Single)) -> Single {
        let mut s = self.clone();
        f(&mut s);
        s
    }

    fn json(&self) -> Value {
        let path: Vec<Value> = self
            .path
            .iter()
            .map(|(h, s)| json!({"hash": hv(h), "position": s.name()}))
            .collect();
        let mut v = json!({
            "index": self.index,
            "count": self.count,
            "itemHash": hv(&self.leaf),
            "itemsRoot": hv(&self.root),
            "path": path,
        });
        if self.field {
            v["nodeEncoding"] = self.enc.name().into();
        }
        v
    }

    /// The error the reference raises first, as a JSON error kind.
    fn error(&self) -> Option<String> {
        reference::verify(
            &self.leaf, self.index, self.count, &self.path, &self.root, self.enc,
        )
        .err()
        .map(kind)
    }

    /// A `verify-proof` case over this proof, passing or failing as the
    /// reference says.
    fn case(&self, name: &str, why: &str, extra: &[&str]) -> Case {
        let c = case(name, why)
            .json("proof.json", &self.json())
            .args(&["verify-proof", "proof.json", "--json"])
            .args(extra);
        match self.error() {
            None => c.pass(if extra.contains(&"--expect-root") {
                "verified"
            } else {
                "consistent"
            }),
            Some(e) => c.fail(Some(&e), None),
        }
    }
}

fn flip_side(s: Side) -> Side {
    match s {
        Side::Left => Side::Right,
        Side::Right => Side::Left,
    }
}

/// Single inclusion proofs.
pub fn single() -> Vec<Case> {
    let mut out = Vec::new();
    let shapes: [(u64, u64, &str); 9] = [
        (
            1,
            0,
            "a one-leaf tree: the path is empty and the root is the leaf itself",
        ),
        (2, 0, "the left leaf of two"),
        (2, 1, "the right leaf of two"),
        (
            3,
            2,
            "the odd last leaf of three is joined with itself: its first sibling is its own hash",
        ),
        (5, 4, "the last of five leaves is padded at the first two levels"),
        (7, 3, "a middle leaf of seven"),
        (8, 7, "the last leaf of a full tree of eight"),
        (13, 12, "the last of thirteen leaves, padded at three levels"),
        (100, 57, "leaf 57 of a hundred"),
    ];
    for (n, i, why) in shapes {
        let p = genuine(n, i, NodeEncoding::Hex0x);
        out.push(p.case(
            &format!("proof_n{n}_i{i}_pass"),
            &format!("Genuine proof: {why}."),
            &[],
        ));
    }
    for enc in ENCODINGS {
        let p = genuine(6, 3, enc);
        let why = format!("Genuine proof under node encoding {enc}, named in the proof.");
        out.push(p.case(&format!("proof_n6_i3_{enc}_pass"), &why, &[]));
    }
    let p = genuine(6, 2, NodeEncoding::Hex0x).with(|p| p.field = false);
    out.push(p.case(
        "proof_default_encoding_pass",
        "A proof without nodeEncoding is read under the default, hex0x.",
        &[],
    ));
    let p = genuine(6, 2, NodeEncoding::Bytes).with(|p| p.field = false);
    out.push(p.case(
        "proof_encoding_flag_pass",
        "A proof without nodeEncoding is read under the encoding given by --node-encoding.",
        &["--node-encoding", "bytes"],
    ));
    let p = genuine(6, 2, NodeEncoding::Hex);
    out.push(p.case(
        "proof_encoding_field_wins_pass",
        "The proof's own nodeEncoding wins over --node-encoding.",
        &["--node-encoding", "bytes"],
    ));
    let p = genuine(11, 6, NodeEncoding::Hex0x);
    let root = p.root.to_string();
    out.push(p.case(
        "proof_expect_root_pass",
        "The proof folds to its itemsRoot, which is the trusted root given by --expect-root.",
        &["--expect-root", &root],
    ));

    // One change at a time to a genuine proof of leaf 6 of 11 (four levels).
    let base = genuine(11, 6, NodeEncoding::Hex0x);
    let changes: Vec<(&str, &str, Single)> = vec![
        (
            "index_plus_1",
            "the index is one too high",
            base.with(|p| p.index += 1),
        ),
        (
            "index_minus_1",
            "the index is one too low",
            base.with(|p| p.index -= 1),
        ),
        (
            "index_xor_4",
            "the index has bit 2 flipped",
            base.with(|p| p.index ^= 4),
        ),
        (
            "index_equals_count",
            "the index equals the leaf count",
            base.with(|p| p.index = p.count),
        ),
        (
            "count_times_2",
            "the leaf count is doubled, so the path is too short",
            base.with(|p| p.count *= 2),
        ),
        (
            "count_div_2",
            "the leaf count is halved, so the index is out of range",
            base.with(|p| p.count /= 2),
        ),
        (
            "count_zero",
            "a tree of zero leaves has no inclusion proofs",
            base.with(|p| p.count = 0),
        ),
        (
            "sibling_0_bit_flipped",
            "the first sibling has one bit flipped",
            base.with(|p| p.path[0].0 = tweak(&p.path[0].0)),
        ),
        (
            "sibling_3_bit_flipped",
            "the last sibling has one bit flipped",
            base.with(|p| p.path[3].0 = tweak(&p.path[3].0)),
        ),
        (
            "sibling_inserted",
            "a sibling is inserted at the bottom of the path",
            base.with(|p| p.path.insert(0, (stray("extra"), Side::Right))),
        ),
        (
            "sibling_removed",
            "the bottom sibling is removed",
            base.with(|p| {
                p.path.remove(0);
            }),
        ),
        (
            "truncated",
            "the path is cut to its first two steps",
            base.with(|p| p.path.truncate(2)),
        ),
        ("empty_path", "the path is empty", base.with(|p| p.path.clear())),
        (
            "side_0_swapped",
            "the first sibling is put on the wrong side",
            base.with(|p| p.path[0].1 = flip_side(p.path[0].1)),
        ),
        (
            "side_2_swapped",
            "the third sibling is put on the wrong side",
            base.with(|p| p.path[2].1 = flip_side(p.path[2].1)),
        ),
        (
            "wrong_leaf",
            "the item hash is another leaf of the same tree",
            base.with(|p| p.leaf = leaf(7)),
        ),
        (
            "leaf_bit_flipped",
            "the item hash has one bit flipped",
            base.with(|p| p.leaf = tweak(&p.leaf)),
        ),
        (
            "random_root",
            "the itemsRoot belongs to another tree",
            base.with(|p| p.root = stray("root")),
        ),
        (
            "zero_root",
            "the itemsRoot is the empty tree's zero root",
            base.with(|p| p.root = Hash32::ZERO),
        ),
        (
            "encoding_hex",
            "the proof names node encoding hex but was built under hex0x",
            base.with(|p| p.enc = NodeEncoding::Hex),
        ),
        (
            "encoding_bytes",
            "the proof names node encoding bytes but was built under hex0x",
            base.with(|p| p.enc = NodeEncoding::Bytes),
        ),
    ];
    for (what, why, p) in changes {
        assert!(p.error().is_some(), "{what} is a negative case");
        out.push(p.case(
            &format!("proof_{what}_fail"),
            &format!("Changed proof: {why}."),
            &[],
        ));
    }
    let p = genuine(3, 2, NodeEncoding::Hex0x).with(|p| p.index = 3);
    out.push(p.case(
        "proof_padding_copy_as_fourth_item_fail",
        "The padded copy of the last of three leaves is not a fourth item: index 3 of 3 is out of range (CVE-2012-2459).",
        &[],
    ));
    let p = genuine(3, 2, NodeEncoding::Hex0x).with(|p| p.path[0].0 = leaf(9));
    out.push(p.case(
        "proof_padding_sibling_altered_fail",
        "At a padded level the sibling must be the node itself, not another hash.",
        &[],
    ));
    let other = stray("trusted").to_string();
    out.push(
        case(
            "proof_expect_root_mismatch_fail",
            "A genuine proof of another tree: its itemsRoot is not the trusted root given by --expect-root.",
        )
        .json("proof.json", &base.json())
        .args(&["verify-proof", "proof.json", "--json", "--expect-root", &other])
        .fail(Some("fieldMismatch"), Some("expected root")),
    );
    out.extend(single_bad_input(&base));
    out
}

/// Proofs that are not well-formed: refused as bad input, never verified.
fn single_bad_input(base: &Single) -> Vec<Case> {
    let good = base.json();
    let mut edits: Vec<(&str, &str, Value)> = Vec::new();
    let mut v = good.clone();
    v["itemHash"] = base.leaf.to_string().to_uppercase().replace("0X", "0x").into();
    edits.push(("uppercase_hash", "hashes are 0x + 64 lowercase hex digits", v));
    let mut v = good.clone();
    v["itemsRoot"] = "0x1234".into();
    edits.push(("short_hash", "a hash of 4 hex digits", v));
    let mut v = good.clone();
    v["extra"] = true.into();
    edits.push(("unknown_field", "a proof object has no unknown fields", v));
    let mut v = good.clone();
    v["path"][0]["position"] = "up".into();
    edits.push(("bad_side", "a side is left or right", v));
    let mut v = good.clone();
    v["nodeEncoding"] = "base64".into();
    edits.push(("unknown_encoding", "the node encoding is hex0x, hex or bytes", v));
    let mut v = good.clone();
    v["index"] = (-1).into();
    edits.push(("negative_index", "an index is a non-negative integer", v));
    let mut v = good.clone();
    if let Some(o) = v.as_object_mut() {
        o.remove("path");
    }
    edits.push(("missing_path", "a proof carries its path", v));
    let mut out: Vec<Case> = edits
        .into_iter()
        .map(|(what, why, v)| {
            case(&format!("proof_{what}_fail"), &format!("Malformed proof: {why}."))
                .json("proof.json", &v)
                .args(&["verify-proof", "proof.json", "--json"])
                .bad_input()
        })
        .collect();
    out.push(
        case("proof_not_json_fail", "Malformed proof: the input is not JSON.")
            .file("proof.json", "{\"index\": 0,\n")
            .args(&["verify-proof", "proof.json", "--json"])
            .bad_input(),
    );
    out.push(
        case(
            "proof_expect_root_malformed_fail",
            "Malformed argument: --expect-root is not a 0x hash.",
        )
        .json("proof.json", &good)
        .args(&["verify-proof", "proof.json", "--json", "--expect-root", "rcpt_1"])
        .bad_input(),
    );
    out
}
