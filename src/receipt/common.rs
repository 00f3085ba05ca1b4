//! Checks shared by several artefacts.

use crate::Hash32;
use crate::receipt::mapping::{SubmittedDelta, find_mapping};
use crate::receipt::wire::ReceiptId;
use crate::receipt::{Basis, Failure, MappingFinding, Report};
use alloc::format;
use alloc::string::ToString;

/// `id` (in `field`) must equal `expected`; an opaque id is not checkable.
pub(crate) fn check_id(report: &mut Report, name: &str, field: &str, id: &ReceiptId, expected: &Hash32) {
    match id {
        ReceiptId::Root(h) if h == expected => report.pass(name, format!("{field} {h} equals {expected}")),
        ReceiptId::Root(_) => report.fail(
            name,
            Failure::ReceiptIdMismatch {
                field: field.into(),
                expected: *expected,
                found: id.clone(),
            },
        ),
        ReceiptId::Opaque(s) => report.not_checkable(name, opaque_why(field, s)),
    }
}

/// The explanation for an opaque receipt id.
pub(crate) fn opaque_why(field: &str, id: &str) -> alloc::string::String {
    format!("{field} {id:?} is an opaque id, not a 0x root: it cannot be checked against a root")
}

/// An echoed customerId and amount must equal the submitted delta's.
pub(crate) fn check_echo(
    report: &mut Report,
    prefix: &str,
    amount_key: &str,
    customer_id: Option<&str>,
    amount: Option<f64>,
    submitted: &SubmittedDelta,
) {
    if let Some(c) = customer_id {
        let field = format!("{prefix}customerId");
        if c == submitted.customer_id {
            report.pass_on(Basis::OwnField, &field, format!("{c:?} as submitted"));
        } else {
            report.fail_on(
                Basis::OwnField,
                &field,
                Failure::FieldMismatch {
                    field: field.clone(),
                    expected: submitted.customer_id.clone(),
                    found: c.into(),
                },
            );
        }
    }
    if let Some(a) = amount {
        let field = format!("{prefix}{amount_key}");
        if a == submitted.amount {
            report.pass_on(Basis::OwnField, &field, format!("{a} as submitted"));
        } else {
            report.fail_on(
                Basis::OwnField,
                &field,
                Failure::FieldMismatch {
                    field: field.clone(),
                    expected: submitted.amount.to_string(),
                    found: a.to_string(),
                },
            );
        }
    }
}

/// The submitted delta must hash (under some mapping) to `found`. `basis`
/// says whose delta it is: the user's ([`Basis::OwnItem`]) or one the
/// artefact echoes ([`Basis::Artefact`]).
pub(crate) fn check_item_hash(
    report: &mut Report,
    basis: Basis,
    item: usize,
    field: &str,
    submitted: &SubmittedDelta,
    found: &Hash32,
) -> bool {
    match find_mapping(submitted, |h| h == found) {
        Some((m, _)) => {
            report.mappings.push(MappingFinding {
                item,
                mapping: Some(m),
            });
            report.pass_on(
                basis,
                field,
                format!("{found} is the hash of submitted delta {item} under mapping: {m}"),
            );
            true
        }
        None => {
            report.mappings.push(MappingFinding { item, mapping: None });
            let expected = submitted
                .item_hash(crate::ItemMapping::default())
                .unwrap_or_default();
            report.fail_on(
                basis,
                field,
                Failure::ItemHashMismatch {
                    field: field.into(),
                    expected,
                    found: *found,
                },
            );
            crate::receipt::near_miss::item_near_miss(
                report,
                item,
                submitted,
                |h| h == found,
                &format!("{field} {found}"),
            );
            false
        }
    }
}

/// Text of a service `error` value.
pub(crate) fn error_text(v: Option<&serde_json::Value>) -> Option<alloc::string::String> {
    v.map(|e| match e {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    })
}
