//! The report as one self-contained HTML page: no script, no network; the
//! summary, a chart of the classes (inline SVG), the per-customer balances
//! and claims, chains and sequences, and the problems.

use super::claims::{Claim, Reproduced};
use super::classify::DeltaClass;
use super::problems::Severity;
use super::report::AuditReport;
use std::format;
use std::io::Write;
use std::string::String;

/// Rows of a table shown before the rest is left to `--json`.
const MAX_ROWS: usize = 500;

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn color(class: DeltaClass) -> &'static str {
    match class {
        DeltaClass::Verified => "#2e7d32",
        DeltaClass::Altered => "#c62828",
        DeltaClass::Failed => "#ef6c00",
        DeltaClass::Pending => "#1565c0",
        DeltaClass::Missing => "#6d4c41",
    }
}

fn chart(r: &AuditReport) -> String {
    let max = DeltaClass::ALL
        .iter()
        .map(|&c| r.deltas.of(c))
        .max()
        .unwrap_or(0)
        .max(1);
    let mut svg = String::from(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"chart-title\" \
         width=\"560\" height=\"190\" viewBox=\"0 0 560 190\"><title id=\"chart-title\">Submitted deltas per class</title>",
    );
    for (k, &c) in DeltaClass::ALL.iter().enumerate() {
        let n = r.deltas.of(c);
        let y = 10 + k * 35;
        let w = (n as f64 / max as f64 * 360.0).round() as u64;
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{}\" font-size=\"14\">{}</text><rect x=\"80\" y=\"{y}\" width=\"{}\" height=\"24\" fill=\"{}\"/>\
             <text class=\"count\" data-class=\"{}\" x=\"{}\" y=\"{}\" font-size=\"14\">{n}</text>",
            y + 17,
            c.name(),
            w.max(1),
            color(c),
            c.name(),
            90 + w,
            y + 17
        ));
    }
    svg.push_str("</svg>");
    svg
}

fn claim_text(c: &Claim) -> &'static str {
    match c.reproduced_by {
        Reproduced::Both => "both",
        Reproduced::Decimal => "decimal",
        Reproduced::Double => "double",
        Reproduced::Exact => "exact",
        Reproduced::Neither => "MISMATCH (neither)",
        Reproduced::NotCheckable => "not checkable",
    }
}

fn claim_rows(out: &mut String, claims: &[Claim]) {
    for c in claims {
        let cls = if c.is_mismatch() { " class=\"bad\"" } else { "" };
        out.push_str(&format!(
            "<tr{cls}><td>{}</td><td>{}</td><td class=\"w\">{}</td><td>{}</td><td class=\"h\">{}</td><td class=\"h\">{}</td><td>{}</td><td>{}</td></tr>",
            c.line,
            esc(c.answer),
            esc(&c.scope),
            esc(&c.field),
            esc(&c.claimed),
            esc(c.decimal.as_deref().unwrap_or("")),
            c.double.map(|d| format!("{d}")).unwrap_or_default(),
            esc(&format!("{}{}", claim_text(c), c.note.as_deref().map(|n| format!(": {n}")).unwrap_or_default()))
        ));
    }
}

/// Writes the report as one HTML page (UTF-8, no script, no external resource).
///
/// ```
/// let report = pacspace_proof::audit::Audit::new(Default::default()).finish();
/// let mut out = Vec::new();
/// pacspace_proof::audit::write_html(&report, &mut out).unwrap();
/// let page = String::from_utf8(out).unwrap();
/// assert!(page.starts_with("<!DOCTYPE html>") && page.contains("<svg") && !page.contains("<script"));
/// ```
pub fn write_html(r: &AuditReport, mut out: impl Write) -> std::io::Result<()> {
    let mut h = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>PacSpace export audit</title>\
         <style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}\
         td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;font-size:13px}\
         td.h{overflow-wrap:anywhere;font-family:monospace;font-size:12px;max-width:22em}\
         td.w{overflow-wrap:anywhere;max-width:16em}\
         table.wide{width:100%}th{background:#f3f3f3}\
         .bad td{background:#fde7e7}.verdict{font-size:20px;font-weight:bold}.ok{color:#2e7d32}.no{color:#c62828}\
         code{font-size:12px}</style></head><body><h1>PacSpace export audit</h1>",
    );
    let ok = r.passed();
    h.push_str(&format!(
        "<p class=\"verdict {}\" id=\"verdict\">{} &mdash; level {}</p>",
        if ok { "ok" } else { "no" },
        r.verdict,
        esc(r.level)
    ));
    let c = &r.deltas;
    h.push_str("<h2>Summary</h2><table id=\"summary\"><tr><th>submitted</th>");
    for class in DeltaClass::ALL {
        h.push_str(&format!("<th>{}</th>", class.name()));
    }
    h.push_str(&format!(
        "<th>duplicate</th><th>unmatched items</th></tr><tr><td data-count=\"submitted\">{}</td>",
        c.submitted
    ));
    for class in DeltaClass::ALL {
        h.push_str(&format!(
            "<td data-count=\"{}\">{}</td>",
            class.name(),
            c.of(class)
        ));
    }
    h.push_str(&format!(
        "<td data-count=\"duplicate\">{}</td><td data-count=\"unmatchedItems\">{}</td></tr></table>",
        c.duplicate, r.unmatched_items
    ));
    let rc = &r.receipts;
    h.push_str(&format!(
        "<p>Receipts: {} lines ({} delta.verified, {} delta.failed, {} emit, {} batch, {} status, {} verify); \
         {} roots, {} recomputed, {} confirmed. Item mapping: {}. Node encoding: {} ({}).</p>",
        rc.lines, rc.verified_events, rc.failed_events, rc.emit, rc.batch, rc.delta_status, rc.verify_answer,
        rc.roots, rc.roots_recomputed, rc.roots_confirmed,
        esc(&format!("{}", r.item_mapping.mapping)),
        r.node_encoding.encoding,
        r.node_encoding.finding
    ));
    h.push_str("<h2>Deltas per class</h2>");
    h.push_str(&chart(r));
    h.push_str(&format!(
        "<h2>Balances per customer</h2><p>{} customer(s); {} claim mismatch(es).</p><table id=\"customers\" class=\"wide\">\
         <tr><th>customer</th><th>submitted</th><th>verified</th><th>net (exact decimal)</th><th>net (double, submission order)</th><th>claims</th></tr>",
        r.customers.len(),
        r.claim_mismatches
    ));
    for cb in r.customers.iter().take(MAX_ROWS) {
        let bad = cb.claims.iter().any(Claim::is_mismatch);
        let mismatches = cb.claims.iter().filter(|c| c.is_mismatch()).count();
        let claims = match (cb.claims.len(), mismatches) {
            (0, _) => String::new(),
            (n, 0) => format!("{n} checked, no mismatch"),
            (n, m) => format!("{n} checked, {m} MISMATCH"),
        };
        h.push_str(&format!(
            "<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            if bad { " class=\"bad\"" } else { "" },
            esc(&cb.customer_id),
            cb.submitted_deltas,
            cb.verified_deltas,
            esc(cb.net_decimal.as_deref().unwrap_or("n/a")),
            cb.net_double,
            claims
        ));
    }
    h.push_str("</table>");
    if r.customers.len() > MAX_ROWS {
        h.push_str(&format!(
            "<p>… and {} more customers (see the JSON report).</p>",
            r.customers.len() - MAX_ROWS
        ));
    }
    let all_claims: std::vec::Vec<Claim> = r
        .customers
        .iter()
        .flat_map(|c| c.claims.iter().cloned())
        .chain(r.claims.iter().cloned())
        .take(MAX_ROWS)
        .collect();
    if !all_claims.is_empty() {
        h.push_str("<h2>Claims</h2><table id=\"claims\" class=\"wide\"><tr><th>answers line</th><th>answer</th><th>scope</th><th>field</th><th>claimed</th><th>ours (decimal)</th><th>ours (double)</th><th>reproduced by</th></tr>");
        claim_rows(&mut h, &all_claims);
        h.push_str("</table>");
    }
    h.push_str("<h2>Chains and sequence numbers</h2><ul>");
    for t in &r.chain.tenants {
        h.push_str(&format!(
            "<li>chain of tenant {}: {} receipt(s), {} break(s), head <code>{}</code></li>",
            esc(&t.tenant),
            t.receipts,
            t.breaks,
            t.last_proof_hash
                .as_ref()
                .map(|x| format!("{x}"))
                .unwrap_or_default()
        ));
    }
    for hc in &r.chain.heads {
        h.push_str(&format!(
            "<li>stored head of tenant {}: {:?}</li>",
            esc(&hc.tenant),
            hc.status
        ));
    }
    for s in &r.sequence {
        h.push_str(&format!(
            "<li>sequence of tenant {}: {} number(s), {} missing, {} repeat(s)</li>",
            esc(&s.tenant),
            s.report.count,
            s.report.missing,
            s.report.repeat_count
        ));
    }
    h.push_str(&format!("</ul><h2>Problems</h2><p>{} problem(s), {} error(s).</p><table id=\"problems\" class=\"wide\"><tr><th>severity</th><th>input</th><th>line</th><th>kind</th><th>detail</th></tr>", r.problem_count, r.error_count));
    for p in r.problems.iter().take(MAX_ROWS) {
        h.push_str(&format!(
            "<tr{}><td>{}</td><td>{:?}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            if p.severity == Severity::Error {
                " class=\"bad\""
            } else {
                ""
            },
            if p.severity == Severity::Error {
                "error"
            } else {
                "warning"
            },
            p.source,
            p.line,
            esc(p.kind),
            esc(&p.detail)
        ));
    }
    h.push_str("</table></body></html>\n");
    out.write_all(h.as_bytes())?;
    out.flush()
}
