//! Memory across runs: the last verified head per tenant is stored; a later
//! export that extends it passes, one that does not is a rollback (shorter
//! or older) or a fork (another history), with both heads as evidence.

mod audit_support;

use audit_support::*;
use pacspace_proof::Hash32;
use pacspace_proof::audit::{AuditReport, HeadStatus, HeadStore, Severity};
use serde_json::{Value, json};

/// `batches` batches of three deltas for `customer`, each delta with its
/// delta.verified webhook, linked as one chain.
fn history(customer: &str, batches: usize) -> (Vec<Value>, Vec<Value>) {
    let mut deltas = Vec::new();
    let mut receipts = Vec::new();
    let mut previous: Option<Hash32> = None;
    for b in 0..batches {
        let ds: Vec<Value> = (0..3)
            .map(|k| {
                delta(
                    customer,
                    json!(b * 3 + k + 1),
                    "usage",
                    Some(&format!("{customer}_{b}_{k}")),
                    None,
                )
            })
            .collect();
        let leaves: Vec<Hash32> = ds.iter().map(hash).collect();
        for (k, d) in ds.iter().enumerate() {
            let time = format!("2026-01-{:02}T00:00:0{k}.000Z", b + 1);
            receipts.push(verified(
                d,
                leaves[k],
                &leaves,
                (b * 3 + k) as u64,
                previous,
                &time,
            ));
            previous = Some(root(&leaves));
        }
        deltas.extend(ds);
    }
    (deltas, receipts)
}

fn run(deltas: &[Value], receipts: &[Value], heads: &HeadStore) -> AuditReport {
    audit_with(deltas, receipts, &[], heads.clone())
}

fn status(r: &AuditReport) -> HeadStatus {
    r.chain
        .heads
        .iter()
        .find(|h| h.tenant == "default")
        .map(|h| h.status)
        .expect("a head check")
}

#[test]
fn heads_extend_or_show_a_rollback_or_a_fork() {
    let (deltas, receipts) = history("acme", 4);
    let first = run(&deltas[..6], &receipts[..6], &HeadStore::default());
    assert!(first.passed(), "{first}");
    assert_eq!(status(&first), HeadStatus::New);
    let stored = first.next_heads().clone();
    let head = stored.tenants.get("default").cloned().expect("a head");
    assert_eq!(
        (head.count, head.time.as_deref()),
        (Some(6), Some("2026-01-02T00:00:02.000Z"))
    );
    assert_eq!(
        head.proof_hash,
        receipts[5]["data"]["proof"]["proofHash"].as_str().unwrap()
    );

    // The same export again, then a longer one, then only the new part.
    let same = run(&deltas[..6], &receipts[..6], &stored);
    assert_eq!(status(&same), HeadStatus::Same);
    let longer = run(&deltas, &receipts, &stored);
    assert_eq!(status(&longer), HeadStatus::Extends);
    assert!(longer.passed(), "{longer}");
    assert_eq!(longer.next_heads().tenants["default"].count, Some(12));
    let rest = run(&deltas[6..], &receipts[6..], &stored);
    assert_eq!(status(&rest), HeadStatus::Extends, "{rest}");
    assert_eq!(rest.next_heads().tenants["default"].count, Some(12));

    // Rollback: the service's history ends before the stored head.
    let back = run(&deltas[..3], &receipts[..3], &stored);
    assert_eq!(status(&back), HeadStatus::Rollback, "{back}");
    assert!(!back.passed());
    let p = back
        .problems
        .iter()
        .find(|p| p.kind == "rollback")
        .expect("a rollback problem");
    assert_eq!(p.severity, Severity::Error);
    let current = receipts[2]["data"]["proof"]["proofHash"].as_str().unwrap();
    assert!(
        p.detail.contains(&head.proof_hash) && p.detail.contains(current),
        "{}",
        p.detail
    );
    assert_eq!(back.next_heads(), &stored, "a rollback keeps the stored head");

    // Fork: another history of the same tenant, as long, without the stored head.
    let (other_deltas, other_receipts) = history("acme-fork", 3);
    let fork = run(&other_deltas, &other_receipts, &stored);
    assert_eq!(status(&fork), HeadStatus::Fork, "{fork}");
    assert!(
        fork.problems
            .iter()
            .any(|p| p.kind == "fork" && p.detail.contains(&head.proof_hash))
    );
    assert_eq!(fork.next_heads(), &stored);
}

#[test]
fn heads_survive_on_disk() {
    let dir = std::env::temp_dir().join(format!("pacspace-audit-state-{}", std::process::id()));
    let (deltas, receipts) = history("acme", 2);
    let r = run(&deltas, &receipts, &HeadStore::load(&dir).unwrap());
    r.next_heads().save(&dir).unwrap();
    let loaded = HeadStore::load(&dir).unwrap();
    assert_eq!(&loaded, r.next_heads());
    let again = run(&deltas[..3], &receipts[..3], &loaded);
    assert_eq!(status(&again), HeadStatus::Rollback);
    std::fs::remove_dir_all(&dir).unwrap();
}
