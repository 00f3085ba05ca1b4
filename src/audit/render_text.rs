//! The audit report as text for people: counts, the mapping and encoding
//! that held, balances and claims per customer, chains, sequences, heads and
//! problems (the report's `Display`).

use super::claims::Claim;
use super::engine::MappingChoice;
use super::problems::Severity;
use super::report::AuditReport;
use core::fmt;
use std::string::String;
use std::vec::Vec;

impl fmt::Display for AuditReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.deltas;
        writeln!(f, "audit: {} (level {})", self.verdict, self.level)?;
        writeln!(
            f,
            "deltas: {} submitted: {} verified, {} altered, {} failed, {} pending, {} missing; {} duplicate(s)",
            c.submitted, c.verified, c.altered, c.failed, c.pending, c.missing, c.duplicate
        )?;
        let r = &self.receipts;
        writeln!(
            f,
            "receipts: {} lines: {} delta.verified, {} delta.failed, {} emit, {} batch, {} status, {} verify; \
             {} roots ({} recomputed, {} confirmed); {} unmatched item(s); item lists: {} decoded, {} reused",
            r.lines,
            r.verified_events,
            r.failed_events,
            r.emit,
            r.batch,
            r.delta_status,
            r.verify_answer,
            r.roots,
            r.roots_recomputed,
            r.roots_confirmed,
            self.unmatched_items,
            r.lists_decoded,
            r.lists_reused
        )?;
        let m = &self.item_mapping;
        match m.choice {
            MappingChoice::Detected { matches, sampled } => writeln!(
                f,
                "item mapping: {} (detected: {matches} receipt item(s) matched among the first {sampled} deltas)",
                m.mapping
            )?,
            MappingChoice::Assumed { sampled } => writeln!(
                f,
                "item mapping: {} (assumed: no receipt item matched the first {sampled} deltas)",
                m.mapping
            )?,
            MappingChoice::Given => writeln!(f, "item mapping: {} (given)", m.mapping)?,
        }
        let e = &self.node_encoding;
        match e.line {
            Some(l) => writeln!(
                f,
                "node encoding: {} ({} on receipts line {l})",
                e.encoding, e.finding
            )?,
            None => writeln!(f, "node encoding: {} ({})", e.encoding, e.finding)?,
        }
        let all: Vec<&Claim> = self
            .customers
            .iter()
            .flat_map(|c| &c.claims)
            .chain(&self.claims)
            .collect();
        let tally = |r: super::claims::Reproduced| all.iter().filter(|c| c.reproduced_by == r).count();
        {
            use super::claims::Reproduced as R;
            writeln!(
                f,
                "customers: {}; balance claims: {} checked: {} by both sums, {} by the decimal sum only, \
                 {} by the double sum only, {} equal, {} not checkable, {} MISMATCH",
                self.customers.len(),
                all.len(),
                tally(R::Both),
                tally(R::Decimal),
                tally(R::Double),
                tally(R::Exact),
                tally(R::NotCheckable),
                tally(R::Neither)
            )?;
        }
        for cb in self.customers.iter().take(8) {
            writeln!(
                f,
                "  {}: {}/{} verified, net {} (double {})",
                cb.customer_id,
                cb.verified_deltas,
                cb.submitted_deltas,
                cb.net_decimal.as_deref().unwrap_or("n/a"),
                cb.net_double
            )?;
        }
        if self.customers.len() > 8 {
            writeln!(f, "  … and {} more customer(s)", self.customers.len() - 8)?;
        }
        for cl in all.iter().filter(|c| c.is_mismatch()).take(8) {
            writeln!(
                f,
                "  MISMATCH answers line {}: {} {} ({}) = {}: {}",
                cl.line,
                cl.answer,
                cl.field,
                cl.scope,
                cl.claimed,
                reproduced(cl)
            )?;
        }
        for t in &self.chain.tenants {
            writeln!(
                f,
                "chain {}: {} receipt(s), {} break(s), head {}",
                t.tenant,
                t.receipts,
                t.breaks,
                t.last_proof_hash
                    .as_ref()
                    .map_or(String::from("none"), |h| std::format!("{h}"))
            )?;
        }
        for h in self
            .chain
            .heads
            .iter()
            .filter(|h| h.status != super::state::HeadStatus::New)
        {
            writeln!(f, "stored head {}: {:?}", h.tenant, h.status)?;
        }
        for s in &self.sequence {
            let r = &s.report;
            writeln!(
                f,
                "sequence {}: {} number(s) {}..{}, {} missing in {} gap(s), {} repeat(s)",
                s.tenant,
                r.count,
                r.first.unwrap_or(0),
                r.last.unwrap_or(0),
                r.missing,
                r.gaps.len(),
                r.repeat_count
            )?;
        }
        writeln!(
            f,
            "problems: {} ({} error(s))",
            self.problem_count, self.error_count
        )?;
        for p in self.problems.iter().take(10) {
            let sev = if p.severity == Severity::Error {
                "ERROR"
            } else {
                "warn "
            };
            let source = super::engine::source_name(p.source);
            match p.line {
                0 => writeln!(f, "  {sev} {source}: {}: {}", p.kind, p.detail)?,
                line => writeln!(f, "  {sev} {source} line {line}: {}: {}", p.kind, p.detail)?,
            }
        }
        if self.problem_count > 10 {
            writeln!(
                f,
                "  … and {} more (see --json or --html)",
                self.problem_count - 10
            )?;
        }
        Ok(())
    }
}

fn reproduced(c: &Claim) -> String {
    use super::claims::Reproduced as R;
    let ours = match (&c.decimal, c.double) {
        (Some(d), Some(x)) => std::format!("decimal {d}, double {x}"),
        (Some(d), None) => std::format!("ours {d}"),
        _ => String::new(),
    };
    match c.reproduced_by {
        R::Both => std::format!("reproduced by both ({ours})"),
        R::Decimal => std::format!("reproduced by the decimal sum only ({ours})"),
        R::Double => std::format!("reproduced by the double sum only ({ours})"),
        R::Exact => std::format!("equal ({ours})"),
        R::Neither => std::format!("no arithmetic gives it ({ours})"),
        R::NotCheckable => std::format!("not checkable: {}", c.note.as_deref().unwrap_or("")),
    }
}
