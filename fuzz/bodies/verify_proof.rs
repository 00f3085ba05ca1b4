//! Inclusion-proof verification on arbitrary (leaf, path, index, count,
//! root, encoding), and on arbitrary proof JSON: never panics, and accepts
//! exactly when the path has the shape the tree gives that index and folds
//! to the root (judged by an independent reference).

use crate::reader::Reader;
use pacspace_proof::tree::{PathStep, Side, fold_path};
use pacspace_proof::{Hash32, Proof, verify_proof};

pub fn run(data: &[u8]) {
    if data.first() == Some(&b'{') {
        proof_json(data);
    } else {
        structured(data);
    }
    // Hash text parsing on the same bytes.
    if let Ok(h) = Hash32::parse_bytes(data) {
        assert_eq!(Hash32::parse(&h.to_string()), Ok(h));
    }
}

fn structured(data: &[u8]) {
    let mut r = Reader::new(data);
    let flags = r.u8();
    let enc = r.encoding();
    let count = if flags & 1 != 0 {
        r.u64()
    } else {
        u64::from(r.u8())
    };
    let index = if flags & 2 != 0 {
        r.u64()
    } else {
        u64::from(r.u8())
    };
    let leaf = r.hash();
    let steps = usize::from(r.u8() % 72);
    let mut path = Vec::with_capacity(steps);
    let mut acc = leaf;
    for _ in 0..steps {
        let b = r.u8();
        let position = if b & 1 != 0 { Side::Left } else { Side::Right };
        // Bit 1 copies the running node: how padded levels look.
        let hash = if b & 2 != 0 { acc } else { r.hash() };
        let step = PathStep { hash, position };
        acc = fold_path(&acc, core::slice::from_ref(&step), enc);
        path.push(step);
    }
    // Usually the root the path really folds to, so acceptance is reachable.
    let root = if flags & 4 != 0 { r.hash() } else { acc };
    assert_eq!(acc, crate::reference::fold(&leaf, &path, enc));

    let got = verify_proof(&leaf, index, count, &path, &root, enc);
    let want = crate::reference::shape_ok(&leaf, index, count, &path, enc) && acc == root;
    if let Err(e) = &got {
        let _ = e.to_string();
    }
    assert_eq!(
        got.is_ok(),
        want,
        "verify_proof({index}, {count}, {} steps) = {got:?}, reference says {want}",
        path.len()
    );
}

fn proof_json(data: &[u8]) {
    let Ok(proof) = serde_json::from_slice::<Proof>(data) else {
        return;
    };
    let got = proof.verify_claimed_root();
    let want = crate::reference::shape_ok(
        &proof.item_hash,
        proof.index,
        proof.count,
        &proof.path,
        proof.node_encoding,
    ) && crate::reference::fold(&proof.item_hash, &proof.path, proof.node_encoding)
        == proof.items_root;
    assert_eq!(
        got.is_ok(),
        want,
        "proof {proof:?}: {got:?}, reference says {want}"
    );
    if let Err(e) = &got {
        let _ = e.to_string();
    }
    // Against any other trusted root it verifies exactly when the path
    // folds to that root.
    let other = crate::reader::flip(&proof.items_root, proof.path.len() as u8);
    let folds_to_other = crate::reference::fold(&proof.item_hash, &proof.path, proof.node_encoding) == other;
    let shape = crate::reference::shape_ok(
        &proof.item_hash,
        proof.index,
        proof.count,
        &proof.path,
        proof.node_encoding,
    );
    assert_eq!(proof.verify(&other).is_ok(), shape && folds_to_other);
    // The wire form round-trips.
    let text = serde_json::to_string(&proof).expect("a proof serialises");
    assert_eq!(
        serde_json::from_str::<Proof>(&text).expect("own output parses"),
        proof
    );
}
