//! Checkpoint roots: each construction of docs/spec.md section 16.3 under
//! each node encoding is reproduced and named; a root none gives is not
//! checkable, never a mismatch.

mod audit_support;

use audit_support::*;
use pacspace_proof::audit::{AuditReport, Claim, Reproduced};
use pacspace_proof::{Hash32, NodeEncoding, items_root};
use serde_json::{Value, json};

const T: &str = "2026-01-01T00:01:00.000Z";

/// Four deltas of customer `c` in two batches (receipts rA, rB; each
/// line's previousProofHash is the line before's proofHash), and one of `d`
/// in the second batch.
fn export() -> (Vec<Value>, Vec<Value>, [Hash32; 4], [Hash32; 2]) {
    let deltas: Vec<Value> = (0..5)
        .map(|k| {
            let customer = if k == 4 { "d" } else { "c" };
            delta(customer, json!(k + 1), "api_call", Some(&format!("r{k}")), None)
        })
        .collect();
    let h: Vec<Hash32> = deltas.iter().map(hash).collect();
    let (a, b) = ([h[0], h[1]], [h[2], h[3], h[4]]);
    let (ra, rb) = (root(&a), root(&b));
    let receipts = vec![
        verified(&deltas[0], h[0], &a, 0, None, T),
        verified(&deltas[1], h[1], &a, 1, Some(ra), T),
        verified(&deltas[2], h[2], &b, 2, Some(ra), T),
        verified(&deltas[3], h[3], &b, 3, Some(rb), T),
        verified(&deltas[4], h[4], &b, 4, Some(rb), T),
    ];
    (deltas, receipts, [h[0], h[1], h[2], h[3]], [ra, rb])
}

fn checkpoint_claim(r: &AuditReport, line: u64) -> &Claim {
    r.customers
        .iter()
        .flat_map(|c| &c.claims)
        .chain(&r.claims)
        .find(|c| c.line == line && c.field == "proofRoot")
        .unwrap_or_else(|| panic!("no checkpoint claim on line {line}: {r}"))
}

#[test]
fn every_construction_under_every_encoding_is_named() {
    let (deltas, receipts, items, roots) = export();
    let mut answers = Vec::new();
    let mut expected = Vec::new();
    for enc in NodeEncoding::ALL {
        answers.push(
            json!({"checkpointId": "chk_items", "customerId": "c", "proofRoot": items_root(&items, enc)}),
        );
        expected.push(("item hashes", enc));
        answers.push(
            json!({"checkpointId": "chk_roots", "customerId": "c", "proofRoot": items_root(&roots, enc)}),
        );
        expected.push(("roots of the receipts", enc));
    }
    let r = audit(&deltas, &receipts, &answers);
    assert_eq!(r.deltas.verified, 5, "{r}");
    for (k, (construction, enc)) in expected.into_iter().enumerate() {
        let c = checkpoint_claim(&r, k as u64 + 1);
        assert_eq!(c.reproduced_by, Reproduced::Exact, "line {}: {c:?}", k + 1);
        let note = c.note.as_deref().unwrap_or_default();
        assert!(
            note.contains(construction) && note.ends_with(&format!("node encoding {enc}")),
            "line {}: {note}",
            k + 1
        );
    }
    assert!(r.passed(), "{r}");
}

#[test]
fn a_root_no_construction_gives_is_not_checkable_and_not_a_mismatch() {
    let (deltas, receipts, items, roots) = export();
    let reversed = [items[3], items[2], items[1], items[0]];
    let answers = [
        json!({"checkpointId": "chk_reversed", "customerId": "c", "proofRoot": items_root(&reversed, NodeEncoding::Hex0x)}),
        json!({"checkpointId": "chk_swapped", "customerId": "c", "proofRoot": items_root(&[roots[1], roots[0]], NodeEncoding::Hex)}),
        // The customer's items with the other customer's: another scope.
        json!({"checkpointId": "chk_other_scope", "customerId": "d", "proofRoot": items_root(&items, NodeEncoding::Hex0x)}),
        json!({"checkpointId": "chk_opaque", "customerId": "c", "proofRoot": "chk_not_a_root"}),
    ];
    let r = audit(&deltas, &receipts, &answers);
    for line in 1..=4 {
        let c = checkpoint_claim(&r, line);
        assert_eq!(c.reproduced_by, Reproduced::NotCheckable, "line {line}: {c:?}");
        assert!(
            c.note.as_deref().is_some_and(|n| n.contains("is not published")),
            "line {line}: {c:?}"
        );
    }
    let ours = items_root(&items, NodeEncoding::Hex0x).to_string();
    assert!(
        checkpoint_claim(&r, 1)
            .note
            .as_deref()
            .unwrap_or_default()
            .ends_with(&format!("gives {ours})"))
    );
    assert_eq!(r.claim_mismatches, 0);
    assert!(r.passed(), "{r}");
}

#[test]
fn the_whole_export_is_a_scope_too() {
    let (deltas, receipts, items, roots) = export();
    let all: Vec<Hash32> = deltas.iter().map(hash).collect();
    assert_eq!(&all[..4], &items);
    let answers = [
        json!({"checkpointId": "chk_all", "proofRoot": items_root(&all, NodeEncoding::Bytes)}),
        json!({"checkpointId": "chk_all_roots", "merkleRoot": items_root(&roots, NodeEncoding::Hex0x)}),
    ];
    let r = audit(&deltas, &receipts, &answers);
    for line in [1, 2] {
        assert_eq!(checkpoint_claim(&r, line).reproduced_by, Reproduced::Exact, "{r}");
    }
}
