//! The per-delta CSV: one row per submitted delta, in submission order.

use super::report::AuditReport;
use std::io::Write;
use std::string::ToString;

/// Column names of [`write_csv`].
pub const CSV_HEADER: &str = "line,customerId,referenceId,itemHash,class,proofHash,detail";

fn cell(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    if text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ') {
        out.write_all(b"\"")?;
        out.write_all(text.replace('"', "\"\"").as_bytes())?;
        out.write_all(b"\"")
    } else {
        out.write_all(text.as_bytes())
    }
}

/// Writes one row per submitted delta (`line,customerId,referenceId,itemHash,class,proofHash,detail`).
///
/// ```
/// let report = pacspace_proof::audit::Audit::new(Default::default()).finish();
/// let mut out = Vec::new();
/// pacspace_proof::audit::write_csv(&report, &mut out).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), "line,customerId,referenceId,itemHash,class,proofHash,detail\n");
/// ```
pub fn write_csv(report: &AuditReport, mut out: impl Write) -> std::io::Result<()> {
    writeln!(out, "{CSV_HEADER}")?;
    for row in report.rows() {
        write!(out, "{},", row.line)?;
        cell(&mut out, row.customer_id)?;
        out.write_all(b",")?;
        cell(&mut out, row.reference_id.unwrap_or(""))?;
        write!(out, ",{},{},", row.item_hash, row.class)?;
        cell(
            &mut out,
            &row.proof_hash.map(|h| h.to_string()).unwrap_or_default(),
        )?;
        out.write_all(b",")?;
        cell(&mut out, &row.detail)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
