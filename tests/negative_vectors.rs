//! The mutation-generated vectors in `tests/data/negative-proofs-v1.json`:
//! the verifier accepts every valid one and rejects every changed one with
//! exactly the error it names; the file is what the generator writes now.

mod reference;
#[path = "../examples/gen_negative_vectors/vectors.rs"]
#[allow(dead_code)]
mod vectors;

use pacspace_proof::tree::MultiProof;
use pacspace_proof::{NodeEncoding, Proof};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

fn path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(vectors::FILE)
}

fn load() -> Value {
    let text = std::fs::read_to_string(path()).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run `cargo run --example gen_negative_vectors`)",
            vectors::FILE
        )
    });
    serde_json::from_str(&text).expect("vectors are JSON")
}

/// The vector without its `name` and `error`: the wire form of a proof.
fn split(v: &Value) -> (String, Option<String>, Value) {
    let mut obj = v.as_object().expect("vector object").clone();
    let name = obj
        .remove("name")
        .and_then(|n| n.as_str().map(str::to_owned))
        .expect("name");
    let error = obj
        .remove("error")
        .expect("error field")
        .as_str()
        .map(str::to_owned);
    (name, error, Value::Object(obj))
}

/// Per error name, how many vectors expected it.
type Tally = BTreeMap<String, usize>;

#[test]
fn single_proofs_fail_with_exactly_the_named_error() {
    let v = load();
    let cases = v["single"].as_array().expect("single vectors");
    let (mut tally, mut names, mut sizes, mut encodings) =
        (Tally::new(), BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    for case in cases {
        let (name, error, wire) = split(case);
        assert!(names.insert(name.clone()), "{name}: names are unique");
        let proof: Proof = serde_json::from_value(wire).unwrap_or_else(|e| panic!("{name}: {e}"));
        let got = proof
            .verify_claimed_root()
            .map_err(|e| format!("ProofError::{}", reference::proof_error_name(&e)));
        match &error {
            None => assert_eq!(got, Ok(()), "{name} is valid"),
            Some(want) => assert_eq!(got.as_ref().err(), Some(want), "{name}"),
        }
        *tally.entry(error.unwrap_or_else(|| "valid".into())).or_default() += 1;
        if name.ends_with("-valid") {
            sizes.insert(proof.count);
        }
        encodings.insert(proof.node_encoding.name());
    }
    assert!(cases.len() >= 2500, "{} single vectors", cases.len());
    for variant in [
        "EmptyTree",
        "IndexOutOfRange",
        "PathLength",
        "WrongSide",
        "PaddingSibling",
        "RootMismatch",
    ] {
        let n = tally.get(&format!("ProofError::{variant}")).copied().unwrap_or(0);
        assert!(n > 0, "some vector expects ProofError::{variant}: {tally:?}");
    }
    assert_eq!(sizes, vectors::sizes().into_iter().collect());
    assert_eq!(encodings.len(), NodeEncoding::ALL.len());
}

#[test]
fn multi_proofs_fail_with_exactly_the_named_error() {
    let v = load();
    let cases = v["multi"].as_array().expect("multi vectors");
    let (mut tally, mut names, mut encodings) = (Tally::new(), BTreeSet::new(), BTreeSet::new());
    for case in cases {
        let (name, error, wire) = split(case);
        assert!(names.insert(name.clone()), "{name}: names are unique");
        let proof: MultiProof = serde_json::from_value(wire).unwrap_or_else(|e| panic!("{name}: {e}"));
        let got = proof
            .verify_claimed_root()
            .map_err(|e| format!("MultiProofError::{}", reference::multi_error_name(&e)));
        match &error {
            None => assert_eq!(got, Ok(()), "{name} is valid"),
            Some(want) => assert_eq!(got.as_ref().err(), Some(want), "{name}"),
        }
        *tally.entry(error.unwrap_or_else(|| "valid".into())).or_default() += 1;
        encodings.insert(proof.node_encoding.name());
    }
    assert!(cases.len() >= 2000, "{} multi vectors", cases.len());
    for variant in [
        "EmptyTree",
        "NoIndices",
        "ItemCount",
        "IndexOutOfRange",
        "DuplicateIndex",
        "Unsorted",
        "SiblingCount",
        "RootMismatch",
    ] {
        let n = tally
            .get(&format!("MultiProofError::{variant}"))
            .copied()
            .unwrap_or(0);
        assert!(n > 0, "some vector expects MultiProofError::{variant}: {tally:?}");
    }
    assert_eq!(encodings.len(), NodeEncoding::ALL.len());
}

#[test]
fn the_file_is_what_the_generator_writes() {
    let on_disk = std::fs::read_to_string(path()).expect("vectors file");
    let fresh = vectors::generate();
    assert!(
        on_disk == fresh,
        "{} differs from a fresh generation; run `cargo run --example gen_negative_vectors`",
        vectors::FILE
    );
}
