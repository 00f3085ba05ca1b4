//! The claims of derive and statement answers that need more than one
//! receipt or window: `latestReceiptId` against the customer's receipts,
//! window summaries when there are several, and debits written as a
//! magnitude or as a negative sum.

mod audit_support;

use audit_support::*;
use pacspace_proof::Hash32;
use pacspace_proof::audit::{AuditReport, Claim, Reproduced};
use serde_json::{Value, json};

const T: &str = "2026-01-01T00:01:00.000Z";

/// Customer `s`: +1 then three debits of 0.1; the first three in batch A
/// (root rA), the last in batch B (root rB).
fn export() -> (Vec<Value>, Vec<Value>, Hash32, Hash32) {
    let amounts = [json!(1), json!(-0.1), json!(-0.1), json!(-0.1)];
    let deltas: Vec<Value> = amounts
        .iter()
        .enumerate()
        .map(|(k, a)| delta("s", a.clone(), "api_call", Some(&format!("r{k}")), None))
        .collect();
    let h: Vec<Hash32> = deltas.iter().map(hash).collect();
    let (a, b) = ([h[0], h[1], h[2]], [h[3], foreign(9)]);
    let (ra, rb) = (root(&a), root(&b));
    let receipts = vec![
        verified(&deltas[0], h[0], &a, 0, None, T),
        verified(&deltas[1], h[1], &a, 1, Some(ra), T),
        verified(&deltas[2], h[2], &a, 2, Some(ra), T),
        verified(&deltas[3], h[3], &b, 3, Some(ra), T),
    ];
    (deltas, receipts, ra, rb)
}

fn claim<'a>(r: &'a AuditReport, line: u64, field: &str) -> &'a Claim {
    r.customers
        .iter()
        .flat_map(|c| &c.claims)
        .find(|c| c.line == line && c.field == field)
        .unwrap_or_else(|| panic!("no claim on line {line} for {field}: {r}"))
}

#[test]
fn latest_receipt_id_is_ours_an_earlier_one_another_or_opaque() {
    let (deltas, receipts, ra, rb) = export();
    let elsewhere = root(&[foreign(1), foreign(2)]);
    let answers = [
        json!({"customerId": "s", "computedBalance": 0.7, "latestReceiptId": rb}),
        json!({"customerId": "s", "computedBalance": 0.7, "latestReceiptId": ra}),
        json!({"customerId": "s", "computedBalance": 0.7, "latestReceiptId": elsewhere}),
        json!({"customerId": "s", "computedBalance": 0.7, "latestReceiptId": "rcpt_opaque"}),
    ];
    let r = audit(&deltas, &receipts, &answers);
    assert_eq!(r.deltas.verified, 4, "{r}");
    let latest = |line| claim(&r, line, "latestReceiptId");
    assert_eq!(latest(1).reproduced_by, Reproduced::Exact);
    assert_eq!(latest(1).decimal, Some(rb.to_string()));
    assert_eq!(latest(2).reproduced_by, Reproduced::NotCheckable);
    assert!(
        latest(2)
            .note
            .as_deref()
            .is_some_and(|n| n.contains("earlier verified receipt"))
    );
    assert_eq!(latest(3).reproduced_by, Reproduced::Neither);
    assert_eq!(
        latest(3).decimal,
        Some(rb.to_string()),
        "ours is shown beside theirs"
    );
    assert_eq!(latest(4).reproduced_by, Reproduced::NotCheckable);
    assert!(latest(4).note.as_deref().is_some_and(|n| n.contains("opaque")));
    assert_eq!(r.claim_mismatches, 1);
}

#[test]
fn debits_as_a_magnitude_or_a_negative_sum_by_each_arithmetic() {
    let sum: f64 = -0.1 + -0.1 + -0.1;
    assert_eq!(sum, -0.30000000000000004);
    let (deltas, receipts, ..) = export();
    let window = |debits: Value| json!({"customerId": "s", "finalBalance": 0.7, "windowSummaries": [{"totalDebits": debits}]});
    let answers = [
        window(json!(0.30000000000000004)),
        window(json!("0.3")),
        window(json!(-0.30000000000000004)),
        window(json!(-0.3)),
        window(json!(0.4)),
    ];
    let r = audit(&deltas, &receipts, &answers);
    let field = "windowSummaries[0].totalDebits";
    let expected = [
        Reproduced::Double,
        Reproduced::Decimal,
        Reproduced::Double,
        Reproduced::Decimal,
        Reproduced::Neither,
    ];
    for (k, want) in expected.into_iter().enumerate() {
        let c = claim(&r, k as u64 + 1, field);
        assert_eq!(c.reproduced_by, want, "line {}: {c:?}", k + 1);
    }
    assert_eq!(claim(&r, 1, field).double, Some(0.30000000000000004));
    assert_eq!(claim(&r, 3, field).double, Some(sum));
}

#[test]
fn several_windows_are_not_checkable_one_window_is_compared() {
    let (deltas, receipts, ..) = export();
    let answers = [
        json!({"customerId": "s", "finalBalance": 0.7, "windowSummaries": [{"netChange": 0.7, "deltasCount": 4}]}),
        json!({"customerId": "s", "finalBalance": 0.7, "windowSummaries": [{"netChange": 0.7, "deltasCount": 3}, {"netChange": 0, "deltasCount": 1}]}),
    ];
    let r = audit(&deltas, &receipts, &answers);
    // In doubles, 1 - 0.1 - 0.1 - 0.1 is not 0.7.
    let double: f64 = [1.0, -0.1, -0.1, -0.1].iter().sum();
    assert_ne!(double, 0.7);
    let net = claim(&r, 1, "windowSummaries[0].netChange");
    assert_eq!(
        (net.reproduced_by, net.double),
        (Reproduced::Decimal, Some(double))
    );
    assert_eq!(
        claim(&r, 1, "windowSummaries[0].deltasCount").reproduced_by,
        Reproduced::Exact
    );
    for field in [
        "windowSummaries[0].netChange",
        "windowSummaries[0].deltasCount",
        "windowSummaries[1].netChange",
        "windowSummaries[1].deltasCount",
    ] {
        let c = claim(&r, 2, field);
        assert_eq!(c.reproduced_by, Reproduced::NotCheckable, "{field}: {c:?}");
        assert!(
            c.note.as_deref().is_some_and(|n| n.contains("several windows")),
            "{c:?}"
        );
    }
}
