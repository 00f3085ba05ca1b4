//! Balances where the exact decimal sum and the double sum differ: ten
//! deltas of 0.1 make 1 in decimal and 0.9999999999999999 in doubles; each
//! claimed figure is reported with the arithmetic that reproduced it.

mod audit_support;

use audit_support::*;
use pacspace_proof::Hash32;
use pacspace_proof::audit::{Claim, Reproduced};
use serde_json::{Value, json};

const T: &str = "2026-01-01T00:01:00.000Z";

/// Ten deltas of 0.1 for `tenths`, ten of 0.5 for `halves`, verified in one batch.
fn export() -> (Vec<Value>, Vec<Value>) {
    let mut deltas = Vec::new();
    for k in 0..10 {
        deltas.push(delta(
            "tenths",
            json!(0.1),
            "api_call",
            Some(&format!("t{k}")),
            None,
        ));
        deltas.push(delta(
            "halves",
            json!(0.5),
            "api_call",
            Some(&format!("h{k}")),
            None,
        ));
    }
    let leaves: Vec<Hash32> = deltas.iter().map(hash).collect();
    let receipts = vec![verified(&deltas[0], leaves[0], &leaves, 0, None, T)];
    (deltas, receipts)
}

fn claim<'a>(r: &'a pacspace_proof::audit::AuditReport, customer: &str, line: u64, field: &str) -> &'a Claim {
    r.customers
        .iter()
        .find(|c| c.customer_id == customer)
        .and_then(|c| c.claims.iter().find(|cl| cl.line == line && cl.field == field))
        .unwrap_or_else(|| panic!("no claim {customer} line {line} {field}"))
}

#[test]
fn ten_tenths_decimal_and_double_differ() {
    let double: f64 = (0..10).fold(0.0, |s, _| s + 0.1);
    assert_eq!(double, 0.9999999999999999);
    let started: f64 = (0..10).fold(10.0, |s, _| s + 0.1);
    assert_ne!(started, 11.0);
    let answers = [
        json!({"customerId": "tenths", "computedBalance": 1, "deltasCount": 10}),
        json!({"customerId": "tenths", "computedBalance": 0.9999999999999999}),
        json!({"customerId": "tenths", "computedBalance": 1.1, "deltasCount": 9}),
        json!({"customerId": "tenths", "computedBalance": "1.00"}),
        json!({"customerId": "halves", "computedBalance": 5}),
        json!({"customerId": "tenths", "startingBalance": 10, "finalBalance": started,
               "windowSummaries": [{"netChange": 1, "totalCredits": 0.9999999999999999, "totalDebits": 0}]}),
        json!({"customerId": "tenths", "startingBalance": 10, "finalBalance": 11}),
        json!({"summary": {"recordCount": 20, "netChange": 6, "endingBalance": 6}}),
    ];
    let (deltas, receipts) = export();
    let r = audit(&deltas, &receipts, &answers);
    assert_eq!(r.deltas.verified, 20, "{r}");
    let tenths = r.customers.iter().find(|c| c.customer_id == "tenths").unwrap();
    assert_eq!(tenths.net_decimal.as_deref(), Some("1"));
    assert_eq!(tenths.net_double, double);
    let cases = [
        ("tenths", 1, "computedBalance", Reproduced::Decimal),
        ("tenths", 1, "deltasCount", Reproduced::Exact),
        ("tenths", 2, "computedBalance", Reproduced::Double),
        ("tenths", 3, "computedBalance", Reproduced::Neither),
        ("tenths", 3, "deltasCount", Reproduced::Neither),
        ("tenths", 4, "computedBalance", Reproduced::Decimal),
        ("halves", 5, "computedBalance", Reproduced::Both),
        ("tenths", 6, "finalBalance", Reproduced::Double),
        ("tenths", 6, "windowSummaries[0].netChange", Reproduced::Decimal),
        ("tenths", 6, "windowSummaries[0].totalCredits", Reproduced::Double),
        ("tenths", 6, "windowSummaries[0].totalDebits", Reproduced::Both),
        ("tenths", 7, "finalBalance", Reproduced::Decimal),
    ];
    for (customer, line, field, expected) in cases {
        let c = claim(&r, customer, line, field);
        assert_eq!(c.reproduced_by, expected, "{customer} line {line} {field}: {c:?}");
    }
    let c = claim(&r, "tenths", 6, "finalBalance");
    assert_eq!((c.decimal.as_deref(), c.double), (Some("11"), Some(started)));
    // The export-wide summary: 10 × 0.1 + 10 × 0.5.
    // In submission order the doubles happen to land on 6 exactly.
    let interleaved = (0..20).fold(0.0, |s, k| s + if k % 2 == 0 { 0.1 } else { 0.5 });
    assert_eq!(interleaved, 6.0);
    let net = r.claims.iter().find(|c| c.field == "summary.netChange").unwrap();
    assert_eq!(
        (net.reproduced_by, net.double),
        (Reproduced::Both, Some(6.0)),
        "{net:?}"
    );
    assert_eq!(
        r.claims
            .iter()
            .find(|c| c.field == "summary.recordCount")
            .unwrap()
            .reproduced_by,
        Reproduced::Exact
    );
    assert_eq!(r.claim_mismatches, 2);
    assert!(!r.passed(), "a mismatch fails the audit");
}

#[test]
fn without_a_mismatch_the_audit_passes() {
    let (deltas, receipts) = export();
    let answers = [
        json!({"customerId": "tenths", "computedBalance": 1}),
        json!({"customerId": "halves", "computedBalance": 5}),
    ];
    let r = audit(&deltas, &receipts, &answers);
    assert!(r.passed(), "{r}");
    assert_eq!(r.level, "verified");
}
