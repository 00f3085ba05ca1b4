//! The command line's entry points: argument parsing through the binary's
//! own clap definition and its one-standard-input rule (`crate::cli`), and
//! its input handling
//! (`crate::input`: JSON parsing, leaves from items or hashes) followed by
//! what the verbs do with it. Input: `arg\narg\n... 0x00 stdin-text`.

use crate::input::{kind, leaves, parse};
use pacspace_proof::{MerkleTree, NodeEncoding, Proof, canonical_json, item_hash, items_root};

/// Largest leaf list turned into a tree per execution.
const MAX_LEAVES: usize = 1024;

pub fn run(data: &[u8]) {
    let (args, stdin) = match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let args = String::from_utf8_lossy(args);
    let argv = std::iter::once("pacspace-verify").chain(args.split('\n').filter(|a| !a.is_empty()));
    match crate::cli::parse_from(argv) {
        Ok(cli) => {
            let _ = format!("{cli:?}");
        }
        Err(e) => {
            let _ = e.use_stderr();
            let _ = e.render().to_string();
        }
    }

    let Ok(text) = core::str::from_utf8(stdin) else {
        return;
    };
    let Ok(value) = parse(text) else {
        return;
    };
    let _ = kind(&value);
    let _ = canonical_json(&value);
    if value.is_object() {
        let _ = item_hash(&value);
    }
    if let Ok(leaves) = leaves(&value)
        && leaves.len() <= MAX_LEAVES
    {
        for enc in NodeEncoding::ALL {
            let root = items_root(&leaves, enc);
            let tree = MerkleTree::new(&leaves, enc);
            assert_eq!(tree.root(), root);
            for i in [0, leaves.len() / 2, leaves.len().saturating_sub(1)] {
                if let Ok(p) = tree.prove(i) {
                    assert_eq!(p.verify(&root), Ok(()));
                }
            }
        }
    }
    // verify-proof's reading of a proof object.
    if let Ok(proof) = serde_json::from_value::<Proof>(value)
        && let Err(e) = proof.verify_claimed_root()
    {
        let _ = e.to_string();
    }
}
