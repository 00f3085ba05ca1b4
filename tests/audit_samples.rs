//! The bundled audit sample (`examples/audit/`) is exactly what
//! `cargo run --example make_samples` writes, and its audit gives each
//! submitted delta the class the sample was built for, the same from the
//! JSONL and the CSV deltas.

#[path = "../examples/make_samples/audit.rs"]
#[allow(dead_code)]
mod audit_samples;

use pacspace_proof::audit::{
    Audit, AuditReport, DeltaClass, DeltaFormat, MappingChoice, Reproduced, calibrate, read_answers,
    read_deltas, read_receipts,
};
use pacspace_proof::{NodeEncoding, Verdict};
use std::path::PathBuf;

fn on_disk(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(audit_samples::AUDIT_DIR)
        .join(name);
    std::fs::read(&p)
        .unwrap_or_else(|e| panic!("{}: {e} (run `cargo run --example make_samples`)", p.display()))
}

fn run(deltas: &str, format: DeltaFormat) -> AuditReport {
    let (d, r, a) = (
        on_disk(deltas),
        on_disk("receipts.jsonl"),
        on_disk("answers.jsonl"),
    );
    let cal = calibrate(&d, format, &r);
    let mut audit = Audit::new(cal.options());
    read_deltas(&mut audit, &d[..], format, |_| {}).unwrap();
    read_receipts(&mut audit, &r[..], |_| {}).unwrap();
    read_answers(&mut audit, &a[..]).unwrap();
    audit.finish()
}

#[test]
fn files_on_disk_are_byte_identical_to_a_fresh_generation() {
    for f in audit_samples::audit_files() {
        assert!(
            on_disk(f.name) == f.bytes,
            "{} drifted: run `cargo run --example make_samples`",
            f.name
        );
    }
}

#[test]
fn every_class_once_from_jsonl_and_csv() {
    use DeltaClass::*;
    for (file, format) in [
        ("deltas.jsonl", DeltaFormat::Jsonl),
        ("deltas.csv", DeltaFormat::Csv),
    ] {
        let r = run(file, format);
        let classes: Vec<DeltaClass> = r.rows().map(|row| row.class).collect();
        assert_eq!(
            classes,
            [
                Verified, Verified, Verified, Verified, Altered, Failed, Pending, Missing, Verified
            ],
            "{file}\n{r}"
        );
        let c = r.deltas;
        assert_eq!(
            (
                c.submitted,
                c.verified,
                c.altered,
                c.failed,
                c.pending,
                c.missing,
                c.duplicate
            ),
            (9, 5, 1, 1, 1, 1, 1),
            "{file}"
        );
        assert_eq!(r.unmatched_items, 5, "{r}");
        assert_eq!(r.verdict, Verdict::NotVerified);
        assert_eq!(r.level, "not_verified");
        assert!(matches!(r.item_mapping.choice, MappingChoice::Detected { .. }));
        assert_eq!(r.node_encoding.encoding, NodeEncoding::Hex0x);
        let lines: Vec<u64> = r.rows().map(|row| row.line).collect();
        let first = if format == DeltaFormat::Csv { 2 } else { 1 };
        assert_eq!(lines, (first..first + 9).collect::<Vec<_>>());
        let altered = r.rows().nth(4).unwrap();
        assert!(
            altered
                .detail
                .contains("amount 7.25 submitted, 7.5 in the receipt"),
            "{}",
            altered.detail
        );
        let failed = r.rows().nth(5).unwrap();
        assert!(
            failed
                .detail
                .contains("batch results[2] FAILED: insufficient balance"),
            "{}",
            failed.detail
        );
        assert_eq!(r.sequence.len(), 1);
        assert!(r.sequence[0].report.is_clean());
        assert_eq!((r.chain.tenants[0].receipts, r.chain.tenants[0].breaks), (4, 0));
    }
}

#[test]
fn claims_name_the_arithmetic_that_reproduced_them() {
    let r = run("deltas.jsonl", DeltaFormat::Jsonl);
    let by = |customer: &str, field: &str, line: u64| {
        r.customers
            .iter()
            .find(|c| c.customer_id == customer)
            .and_then(|c| c.claims.iter().find(|cl| cl.field == field && cl.line == line))
            .map(|cl| cl.reproduced_by)
            .unwrap_or_else(|| panic!("no claim {customer} {field} line {line}"))
    };
    assert_eq!(by("cust_acme", "computedBalance", 1), Reproduced::Both);
    assert_eq!(by("cust_acme", "deltasCount", 1), Reproduced::Exact);
    assert_eq!(by("cust_acme", "latestReceiptId", 1), Reproduced::Exact);
    assert_eq!(by("cust_bolt", "computedBalance", 2), Reproduced::Double);
    assert_eq!(by("cust_bolt", "finalBalance", 3), Reproduced::Decimal);
    assert_eq!(
        by("cust_bolt", "windowSummaries[0].totalDebits", 3),
        Reproduced::Both
    );
    assert_eq!(by("cust_bolt", "proofRoot", 3), Reproduced::NotCheckable);
    assert_eq!(by("cust_core", "computedBalance", 4), Reproduced::Neither);
    assert_eq!(by("cust_core", "deltasCount", 4), Reproduced::Neither);
    assert_eq!(by("cust_acme", "proofRoot", 6), Reproduced::Exact);
    let summary: Vec<_> = r
        .claims
        .iter()
        .map(|c| (c.field.as_str(), c.reproduced_by))
        .collect();
    assert_eq!(
        summary,
        [
            ("summary.recordCount", Reproduced::Exact),
            ("summary.netChange", Reproduced::NotCheckable)
        ]
    );
    assert_eq!(r.claim_mismatches, 2);
    let bolt = r.customers.iter().find(|c| c.customer_id == "cust_bolt").unwrap();
    assert_eq!(bolt.net_decimal.as_deref(), Some("0.3"));
    assert_eq!(bolt.net_double, 0.1 + 0.2);
}
