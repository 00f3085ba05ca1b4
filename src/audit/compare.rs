//! Each kind of balance answer compared with the export: which of its
//! figures are compared, over which scope (a customer, a root, the whole
//! export), and what cannot be checked from an export at all.

use super::answers::{Answer, Figure, Window};
use super::checkpoint::{Candidates, Construction};
use super::claims::{At, Claims, Reproduced, Scope};
use super::decimal::Decimal;
use super::sums::{start_of, sums};
use crate::{Hash32, items_root};
use std::format;
use std::string::{String, ToString};

impl Claims<'_> {
    /// Compares every figure of `answer` (line `line`).
    pub(crate) fn answer(&mut self, line: u64, answer: &Answer) {
        match answer {
            Answer::Derive {
                customer,
                computed,
                starting,
                count,
                latest,
            } => self.derive(line, customer, computed, starting, count, latest.as_deref()),
            Answer::Statement {
                customer,
                final_balance,
                starting,
                count,
                windows,
                proof_root,
            } => self.statement(
                line,
                customer,
                [final_balance, starting, count],
                windows,
                proof_root.as_deref(),
            ),
            Answer::Summary {
                proof_root,
                customer,
                record_count,
                net_change,
                starting,
                ending,
            } => self.summary(
                line,
                proof_root.as_deref(),
                customer.as_deref(),
                [record_count, net_change, starting, ending],
            ),
            Answer::Checkpoint { id, customer, root } => {
                self.checkpoint(line, id, customer.as_deref(), root.as_deref())
            }
        }
    }

    /// A customer's id in the export (if any), verified deltas and scope name.
    fn customer(&self, customer: &str) -> (Option<u32>, Scope, String) {
        let id = self.store.customers.get(customer);
        (id, self.customer_scope(id), format!("customer {customer}"))
    }

    /// `derive`: a customer's computed balance, count and latest receipt.
    fn derive(
        &mut self,
        line: u64,
        customer: &str,
        computed: &Option<Figure>,
        starting: &Option<Figure>,
        count: &Option<Figure>,
        latest: Option<&str>,
    ) {
        let (id, list, scope) = self.customer(customer);
        let at = At {
            customer: id,
            line,
            answer: "derive",
            scope: &scope,
        };
        let (s0, s0d) = start_of(starting);
        let sums = sums(self.store, &list, s0, s0d);
        if let Some(f) = computed {
            self.figure(&at, "computedBalance", f, sums.net, sums.net_double);
        }
        if let Some(f) = count {
            self.count(&at, "deltasCount", f, list.len() as u64);
        }
        let Some(l) = latest else { return };
        let last = list.last().and_then(|&(_, r)| self.roots.get(r)).map(|r| r.hash);
        match (l.parse::<Hash32>().ok(), last) {
            (None, _) => self.unknowable(&at, "latestReceiptId", l, "an opaque id, not a 0x root".into()),
            (Some(c), Some(ours)) if c == ours => {
                let mut claim = Self::claim(&at, "latestReceiptId", l);
                claim.decimal = Some(ours.to_string());
                claim.reproduced_by = Reproduced::Exact;
                self.out.push((at.customer, claim));
            }
            (Some(c), _) if list.iter().any(|&(_, r)| self.roots.get(r).is_some_and(|x| x.hash == c)) => self.unknowable(
                &at,
                "latestReceiptId",
                l,
                "names an earlier verified receipt of the customer (the service's order may differ from submission order)"
                    .into(),
            ),
            (Some(_), ours) => {
                let mut claim = Self::claim(&at, "latestReceiptId", l);
                claim.decimal = ours.map(|h| h.to_string());
                claim.reproduced_by = Reproduced::Neither;
                self.out.push((at.customer, claim));
            }
        }
    }

    /// `receipt` (a customer's statement): final balance, count, window
    /// summaries; its statement root is not reproducible.
    fn statement(
        &mut self,
        line: u64,
        customer: &str,
        [final_balance, starting, count]: [&Option<Figure>; 3],
        windows: &[Window],
        proof_root: Option<&str>,
    ) {
        let (id, list, scope) = self.customer(customer);
        let at = At {
            customer: id,
            line,
            answer: "receipt",
            scope: &scope,
        };
        let (s0, s0d) = start_of(starting);
        let total = sums(self.store, &list, s0, s0d);
        let net = sums(self.store, &list, 0.0, Some(Decimal::ZERO));
        if let Some(f) = final_balance {
            self.figure(&at, "finalBalance", f, total.net, total.net_double);
        }
        if let Some(f) = count {
            self.count(&at, "deltasCount", f, list.len() as u64);
        }
        for (k, w) in windows.iter().enumerate() {
            let name = |f: &str| format!("windowSummaries[{k}].{f}");
            let figures = [
                ("netChange", &w.net_change),
                ("totalCredits", &w.credits),
                ("totalDebits", &w.debits),
                ("deltasCount", &w.count),
            ];
            for (field, fig) in figures {
                let Some(fig) = fig else { continue };
                if windows.len() > 1 {
                    self.unknowable(
                        &at,
                        &name(field),
                        &fig.0,
                        "several windows: the submitted deltas carry no time to tell them apart".into(),
                    );
                    continue;
                }
                match field {
                    "netChange" => self.figure(&at, &name(field), fig, net.net, net.net_double),
                    "totalCredits" => self.figure(&at, &name(field), fig, net.credits, net.credits_double),
                    "totalDebits" => {
                        // Written as a magnitude or as a negative sum.
                        let negative = fig.0.starts_with('-');
                        let (d, x) = if negative {
                            (net.debits, net.debits_double)
                        } else {
                            (net.debits.map(Decimal::negated), 0.0 - net.debits_double)
                        };
                        self.figure(&at, &name(field), fig, d, x);
                    }
                    _ => self.count(&at, &name(field), fig, list.len() as u64),
                }
            }
        }
        if let Some(r) = proof_root {
            let known = r.parse::<Hash32>().ok().and_then(|h| self.root_of(&h)).is_some();
            let why = if known {
                "a root of this export; how the service builds a statement root is not published"
            } else {
                "how the service builds a statement root is not published"
            };
            self.unknowable(&at, "proofRoot", r, why.into());
        }
    }

    /// `verifySummary`: record count, net change and ending balance of a
    /// root, a customer or the whole export.
    fn summary(
        &mut self,
        line: u64,
        proof_root: Option<&str>,
        customer: Option<&str>,
        [record_count, net_change, starting, ending]: [&Option<Figure>; 4],
    ) {
        let id = customer.and_then(|c| self.store.customers.get(c));
        let root = proof_root.and_then(|r| r.parse::<Hash32>().ok());
        let (list, scope, items) = match (root, customer) {
            (Some(h), _) => (
                self.by_root.get(&h).cloned().unwrap_or_default(),
                format!("root {h}"),
                self.root_of(&h)
                    .and_then(|r| self.roots.get(r))
                    .filter(|r| r.recomputed)
                    .map(|r| (r.leaves, r.ours)),
            ),
            (None, Some(c)) => (self.customer_scope(id), format!("customer {c}"), None),
            (None, None) => (self.export.clone(), "export".into(), None),
        };
        let at = At {
            customer: id,
            line,
            answer: "verifySummary",
            scope: &scope,
        };
        let (s0, s0d) = start_of(starting);
        let net = sums(self.store, &list, 0.0, Some(Decimal::ZERO));
        let end = sums(self.store, &list, s0, s0d);
        let foreign = items.is_some_and(|(leaves, ours)| leaves != ours);
        if let Some(f) = record_count {
            match items {
                Some((leaves, _)) => self.count(&at, "summary.recordCount", f, u64::from(leaves)),
                None => self.count(&at, "summary.recordCount", f, list.len() as u64),
            }
        }
        for (field, fig, s) in [
            ("summary.netChange", net_change, net),
            ("summary.endingBalance", ending, end),
        ] {
            let Some(fig) = fig else { continue };
            if foreign {
                self.unknowable(
                    &at,
                    field,
                    &fig.0,
                    "the root holds items of other tenants: their amounts are not in the export".into(),
                );
            } else {
                self.figure(&at, field, fig, s.net, s.net_double);
            }
        }
    }

    /// `checkpoint`: its root against the constructions of the `checkpoint`
    /// module over the scope's verified deltas (the leaves of a checkpoint
    /// are not published).
    fn checkpoint(&mut self, line: u64, chk: &str, customer: Option<&str>, root: Option<&str>) {
        let id = customer.and_then(|c| self.store.customers.get(c));
        let (list, scope) = match customer {
            Some(c) => (self.customer_scope(id), format!("customer {c}")),
            None => (self.export.clone(), "export".into()),
        };
        let at = At {
            customer: id,
            line,
            answer: "checkpoint",
            scope: &scope,
        };
        let Some(r) = root else { return };
        let candidates = Candidates::new(list.iter().filter_map(|&(i, root)| {
            let hash = self.store.get(i)?.hash;
            Some((hash, self.roots.get(root).map(|x| x.hash)))
        }));
        let ours = items_root(candidates.leaves(Construction::ItemHashes), self.encoding);
        let found = r
            .parse::<Hash32>()
            .ok()
            .and_then(|claimed| Some((claimed, candidates.reproduce(&claimed, self.encoding)?)));
        if let Some((claimed, (construction, encoding))) = found {
            let mut claim = Self::claim(&at, "proofRoot", r);
            claim.decimal = Some(claimed.to_string());
            claim.reproduced_by = Reproduced::Exact;
            claim.note = Some(format!(
                "{chk}: the root of {construction}, node encoding {encoding}"
            ));
            self.out.push((at.customer, claim));
        } else {
            let why: String = format!(
                "{chk}: which leaves, in which order, the service puts in a checkpoint is not published; \
                 neither {} nor {} gives this root under any node encoding (the first, under {}, gives {ours})",
                Construction::ItemHashes,
                Construction::ReceiptRoots,
                self.encoding
            );
            self.unknowable(&at, "proofRoot", r, why);
        }
    }
}
