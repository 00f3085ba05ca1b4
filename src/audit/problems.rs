//! Problems found while auditing: what, where, and whether it fails the audit.

use serde::Serialize;
use std::string::String;
use std::vec::Vec;

/// At most this many problems are listed; the rest are counted.
pub const MAX_PROBLEMS: usize = 1000;

/// Whether a problem fails the audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// Reported; the verdict does not depend on it (an unmatched item, a sequence gap).
    Warning,
    /// The audit is not verified (a root that does not recompute, a chain break).
    Error,
}

/// Which input a problem was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Source {
    /// The submitted deltas.
    Deltas,
    /// The receipts export.
    Receipts,
    /// The balance answers.
    Answers,
    /// The stored heads (`--state`).
    State,
}

/// One problem.
///
/// ```
/// use pacspace_proof::audit::{Audit, Severity};
/// let mut a = Audit::new(Default::default());
/// let d = br#"{"customerId":"c","delta":1,"reason":"r"}"#;
/// a.push_delta_line(d, 1).unwrap();
/// a.push_delta_line(d, 2).unwrap();
/// let r = a.finish();
/// assert_eq!((r.problems[0].kind, r.problems[0].line, r.problems[0].severity), ("duplicate", 2, Severity::Warning));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// A short stable name, e.g. `rootMismatch`, `chainBreak`, `rollback`.
    pub kind: &'static str,
    /// The input.
    pub source: Source,
    /// 1-based line in that input (0: the input as a whole).
    pub line: u64,
    /// What did not match, with both values where there are two.
    pub detail: String,
}

/// Problems kept in order of discovery, bounded, with counts.
#[derive(Debug, Clone, Default)]
pub(crate) struct Problems {
    pub(crate) list: Vec<Problem>,
    pub(crate) total: u64,
    pub(crate) errors: u64,
}

impl Problems {
    pub(crate) fn push(
        &mut self,
        severity: Severity,
        kind: &'static str,
        source: Source,
        line: u64,
        detail: String,
    ) {
        self.total += 1;
        if severity == Severity::Error {
            self.errors += 1;
        }
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(Problem {
                severity,
                kind,
                source,
                line,
                detail,
            });
        }
    }
}
