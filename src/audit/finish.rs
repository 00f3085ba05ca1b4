//! The end of an audit: anchor failures resolved, one class per delta,
//! balances and claims, chains, heads and sequences, the verdict.

use super::answers::Answer;
use super::claims::{Claims, Scope};
use super::classify::{DeltaClass, classify};
use super::decimal::Decimal;
use super::engine::Audit;
use super::problems::{Severity, Source};
use super::report::{
    AuditReport, ChainSection, ClassCounts, CustomerBalance, Detail, EncodingReport, MappingReport,
    TenantSequence, level_name,
};
use super::state::{HeadStatus, check_head};
use crate::Hash32;
use crate::receipt::Verdict;
use std::collections::{HashMap, HashSet};
use std::format;
use std::string::ToString;
use std::vec::Vec;

#[derive(Clone, Copy)]
struct Agg {
    submitted: u64,
    verified: u64,
    net: Option<Decimal>,
    net_double: f64,
}

impl Audit {
    /// Classifies every submitted delta and compares every claim: the report.
    ///
    /// ```
    /// let mut audit = pacspace_proof::audit::Audit::new(Default::default());
    /// audit.push_delta_line(br#"{"customerId":"c","delta":1,"reason":"r"}"#, 1).unwrap();
    /// let report = audit.finish();
    /// assert_eq!((report.deltas.submitted, report.deltas.missing), (1, 1));
    /// assert_eq!(report.level, "not_verified");
    /// ```
    pub fn finish(mut self) -> AuditReport {
        for (anchor, detail) in core::mem::take(&mut self.anchor_failures) {
            match self.anchors.get(&anchor).copied() {
                Some(i) => self.mark_failed(i, detail),
                None => self.problem(
                    Severity::Warning,
                    "unmatchedFailure",
                    Source::Receipts,
                    0,
                    format!("{detail}: anchorId {anchor} names no submitted delta"),
                ),
            }
        }
        let (need_customers, need_roots, need_export) = self.claim_scopes();
        let mut counts = ClassCounts {
            duplicate: self.duplicates,
            ..ClassCounts::default()
        };
        let mut aggs = std::vec![
            Agg { submitted: 0, verified: 0, net: Some(Decimal::ZERO), net_double: 0.0 };
            self.store.customers.len()
        ];
        let mut by_customer: HashMap<u32, Scope> = HashMap::new();
        let mut by_root: HashMap<Hash32, Scope> = HashMap::new();
        let mut export: Scope = Vec::new();
        for i in 0..self.store.len() {
            let Some(rec) = self.store.get(i).copied() else {
                continue;
            };
            let (class, root) = classify(&self.store, &self.roots, i);
            counts.submitted += 1;
            match class {
                DeltaClass::Verified => counts.verified += 1,
                DeltaClass::Altered => counts.altered += 1,
                DeltaClass::Failed => counts.failed += 1,
                DeltaClass::Pending => counts.pending += 1,
                DeltaClass::Missing => counts.missing += 1,
            }
            let Some(agg) = aggs.get_mut(rec.customer as usize) else {
                continue;
            };
            agg.submitted += 1;
            let (DeltaClass::Verified, Some(root)) = (class, root) else {
                continue;
            };
            agg.verified += 1;
            agg.net_double += rec.amount;
            agg.net = agg.net.and_then(|n| n.checked_add(&self.store.decimal(i)?).ok());
            if need_customers.contains(&rec.customer) {
                by_customer.entry(rec.customer).or_default().push((i, root));
            }
            if let Some(h) = self
                .roots
                .get(root)
                .map(|r| r.hash)
                .filter(|h| need_roots.contains(h))
            {
                by_root.entry(h).or_default().push((i, root));
            }
            if need_export {
                export.push((i, root));
            }
        }
        let encoding = self.encoding.map_or(Default::default(), |(e, _)| e);
        let mut claims = Claims {
            store: &self.store,
            roots: &self.roots,
            encoding,
            by_customer: &by_customer,
            by_root: &by_root,
            export: &export,
            out: Vec::new(),
        };
        for (line, answer) in &self.answers {
            claims.answer(*line, answer);
        }
        let claim_list = claims.out;
        let claim_mismatches = claim_list.iter().filter(|(_, c)| c.is_mismatch()).count() as u64;
        let mut customers: Vec<CustomerBalance> = aggs
            .iter()
            .enumerate()
            .map(|(id, a)| CustomerBalance {
                customer_id: self.store.customers.name(id as u32).to_string(),
                submitted_deltas: a.submitted,
                verified_deltas: a.verified,
                net_decimal: a.net.map(|d| d.to_string()),
                net_double: a.net_double,
                claims: Vec::new(),
            })
            .collect();
        let mut other_claims = Vec::new();
        for (customer, claim) in claim_list {
            match customer.and_then(|c| customers.get_mut(c as usize)) {
                Some(cb) => cb.claims.push(claim),
                None => other_claims.push(claim),
            }
        }
        self.tenant_findings(counts, claim_mismatches, customers, other_claims)
    }

    /// Which customers, roots and whole-export scopes the answers ask about.
    fn claim_scopes(&self) -> (HashSet<u32>, HashSet<Hash32>, bool) {
        let mut customers = HashSet::new();
        let mut roots = HashSet::new();
        let mut export = false;
        let mut customer = |c: &str| {
            if let Some(id) = self.store.customers.get(c) {
                customers.insert(id);
            }
        };
        for (_, a) in &self.answers {
            match a {
                Answer::Derive { customer: c, .. } | Answer::Statement { customer: c, .. } => customer(c),
                Answer::Summary {
                    proof_root,
                    customer: c,
                    ..
                } => match (proof_root.as_deref().and_then(|r| r.parse::<Hash32>().ok()), c) {
                    (Some(h), _) => {
                        roots.insert(h);
                    }
                    (None, Some(c)) => customer(c),
                    (None, None) => export = true,
                },
                Answer::Checkpoint {
                    customer: Some(c), ..
                } => customer(c),
                Answer::Checkpoint { customer: None, .. } => export = true,
            }
        }
        (customers, roots, export)
    }

    fn tenant_findings(
        mut self,
        deltas: ClassCounts,
        claim_mismatches: u64,
        customers: Vec<CustomerBalance>,
        claims: Vec<super::claims::Claim>,
    ) -> AuditReport {
        let mut chains = Vec::new();
        let mut heads = Vec::new();
        let mut sequence = Vec::new();
        let mut next = self.opts.heads.clone();
        let tenants = core::mem::take(&mut self.tenants);
        let mut names: Vec<std::string::String> = tenants.keys().cloned().collect();
        for t in self.opts.heads.tenants.keys() {
            if !tenants.contains_key(t) {
                names.push(t.clone());
            }
        }
        let empty = super::tenants::TenantChain::default();
        for name in &names {
            let chain = tenants.get(name).unwrap_or(&empty);
            if chain.receipts > 0 {
                for lf in &chain.failures {
                    self.problem(
                        Severity::Error,
                        "chainBreak",
                        Source::Receipts,
                        lf.line,
                        lf.failure.to_string(),
                    );
                }
                chains.push(chain.report(name));
            }
            let seq = chain.sequence.report();
            if seq.count > 0 {
                if seq.truncated {
                    self.problem(Severity::Warning, "sequenceScattered", Source::Receipts, 0, format!(
                        "tenant {name}: sequence numbers arrive in more than {} separate runs: gaps and repeats were not followed further",
                        super::sequence::MAX_RANGES
                    ));
                }
                if seq.missing > 0 {
                    let first = seq
                        .gaps
                        .first()
                        .map(|g| format!(" (first: {}..{})", g[0], g[1]))
                        .unwrap_or_default();
                    self.problem(
                        Severity::Warning,
                        "sequenceGap",
                        Source::Receipts,
                        0,
                        format!(
                            "tenant {name}: {} sequence number(s) missing in {} gap(s){first}",
                            seq.missing,
                            seq.gaps.len()
                        ),
                    );
                }
                for r in &seq.repeats {
                    self.problem(
                        Severity::Warning,
                        "sequenceRepeat",
                        Source::Receipts,
                        r.line,
                        format!("tenant {name}: sequence number {} seen again", r.number),
                    );
                }
                sequence.push(TenantSequence {
                    tenant: name.clone(),
                    report: seq,
                });
            }
            let check = check_head(name, chain, self.opts.heads.tenants.get(name));
            if check.is_failure() {
                let show = |h: &Option<super::state::Head>| match h {
                    Some(h) => format!(
                        "{} (receipt {}, time {})",
                        h.proof_hash,
                        h.count.map_or("unknown".into(), |c| c.to_string()),
                        h.time.as_deref().unwrap_or("unknown")
                    ),
                    None => "none".into(),
                };
                let kind = if check.status == HeadStatus::Rollback {
                    "rollback"
                } else {
                    "fork"
                };
                self.problem(Severity::Error, kind, Source::State, 0, format!(
                    "tenant {name}: the chain does not extend the stored head; stored head {}; this export's head {}",
                    show(&check.stored),
                    show(&check.current)
                ));
            } else if let (Some(cur), 0) = (&check.current, chain.breaks) {
                next.tenants.insert(name.clone(), cur.clone());
            }
            if self.opts.heads.tenants.contains_key(name) || chain.receipts > 0 {
                heads.push(check);
            }
        }
        if deltas.submitted > 0
            && self.counts.lines > 0
            && self.roots.entries.iter().all(|r| r.ours == 0)
            && self.unmatched > 0
        {
            self.problem(Severity::Warning, "noDeltaMatched", Source::Receipts, 0, format!(
                "no receipt item is the hash of a submitted delta under mapping {}: is the mapping right?",
                self.opts.mapping
            ));
        }
        let (hits, misses) = self.cache.stats();
        self.counts.lists_reused += hits;
        self.counts.lists_decoded += misses;
        self.counts.roots = self.roots.entries.len() as u64;
        self.counts.roots_recomputed = self.roots.entries.iter().filter(|r| r.recomputed).count() as u64;
        self.counts.roots_confirmed = self.roots.entries.iter().filter(|r| r.confirmed).count() as u64;
        let passed = deltas.submitted > 0
            && deltas.verified == deltas.submitted
            && claim_mismatches == 0
            && self.problems.errors == 0;
        let verdict = match (passed, deltas.submitted) {
            (true, _) => Verdict::Verified,
            (false, 0) => Verdict::Unverifiable,
            (false, _) => Verdict::NotVerified,
        };
        let node_encoding = match self.encoding {
            Some((e, 0)) => EncodingReport {
                encoding: e,
                finding: "given",
                line: None,
            },
            Some((e, line)) => EncodingReport {
                encoding: e,
                finding: "detected",
                line: Some(line),
            },
            None => EncodingReport {
                encoding: Default::default(),
                finding: "undecidable",
                line: None,
            },
        };
        AuditReport {
            verdict,
            level: level_name(passed),
            deltas,
            unmatched_items: self.unmatched,
            receipts: self.counts,
            item_mapping: MappingReport {
                mapping: self.opts.mapping,
                choice: self.opts.mapping_choice,
            },
            node_encoding,
            customers,
            claims,
            claim_mismatches,
            sequence,
            chain: ChainSection {
                tenants: chains,
                heads,
            },
            problems: self.problems.list,
            problem_count: self.problems.total,
            error_count: self.problems.errors,
            next_heads: next,
            detail: Detail {
                store: self.store,
                roots: self.roots,
                altered: self.altered,
                failed: self.failed,
            },
        }
    }
}
