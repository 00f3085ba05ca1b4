//! Each figure a balance answer claims, compared with the verified deltas in
//! its scope summed two ways: exactly in decimal, and in IEEE-754 doubles in
//! submission order (as a JavaScript service would). The report says which
//! arithmetic reproduced it, or that neither did.

use super::answers::{Answer, Figure};
use super::decimal::Decimal;
use super::deltas::js_number;
use super::roots::Roots;
use super::store::Store;
use crate::{Hash32, NodeEncoding, items_root};
use serde::Serialize;
use std::collections::HashMap;
use std::format;
use std::string::{String, ToString};
use std::vec::Vec;

/// Which arithmetic reproduced a claimed figure.
///
/// ```
/// assert_eq!(serde_json::to_string(&pacspace_proof::audit::Reproduced::Double).unwrap(), "\"double\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Reproduced {
    /// Both the exact decimal and the double sum give it.
    Both,
    /// Only the exact decimal sum gives it.
    Decimal,
    /// Only the double sum (submission order) gives it.
    Double,
    /// A count or a root, equal to ours.
    Exact,
    /// Nothing gives it: a mismatch.
    Neither,
    /// Not checkable from the export (why in `note`).
    NotCheckable,
}

/// One claimed figure and how it compares.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Claim {
    /// 1-based line of the answers file.
    pub line: u64,
    /// `derive`, `receipt`, `verifySummary` or `checkpoint`.
    pub answer: &'static str,
    /// The deltas compared: `customer c1`, `root 0x…` or `export`.
    pub scope: String,
    /// The field, e.g. `computedBalance` or `windowSummaries[0].netChange`.
    pub field: String,
    /// The figure as the answer writes it.
    pub claimed: String,
    /// Our exact decimal figure (or count, or root).
    pub decimal: Option<String>,
    /// Our double figure.
    pub double: Option<f64>,
    /// Which arithmetic reproduced the claim.
    pub reproduced_by: Reproduced,
    /// Why not checkable, or what was assumed.
    pub note: Option<String>,
}

impl Claim {
    /// Whether the claim is a mismatch.
    ///
    /// ```
    /// use pacspace_proof::audit::{Claim, Reproduced};
    /// let c = Claim { line: 1, answer: "derive", scope: "customer c".into(), field: "computedBalance".into(),
    ///     claimed: "1".into(), decimal: Some("1".into()), double: Some(0.9999999999999999),
    ///     reproduced_by: Reproduced::Decimal, note: None };
    /// assert!(!c.is_mismatch());
    /// ```
    pub fn is_mismatch(&self) -> bool {
        self.reproduced_by == Reproduced::Neither
    }
}

/// The verified deltas in one scope, in submission order, with the root that verified each.
pub(crate) type Scope = Vec<(u32, u32)>;

/// Sums over a scope.
#[derive(Debug, Clone, Copy)]
struct Sums {
    net: Option<Decimal>,
    net_double: f64,
    credits: Option<Decimal>,
    credits_double: f64,
    debits: Option<Decimal>,
    debits_double: f64,
}

fn add(a: Option<Decimal>, b: Option<Decimal>) -> Option<Decimal> {
    a?.checked_add(&b?).ok()
}

fn sums(store: &Store, scope: &[(u32, u32)], start: f64, start_dec: Option<Decimal>) -> Sums {
    let mut s = Sums {
        net: start_dec,
        net_double: start,
        credits: Some(Decimal::ZERO),
        credits_double: 0.0,
        debits: Some(Decimal::ZERO),
        debits_double: 0.0,
    };
    for &(i, _) in scope {
        let amount = store.get(i).map_or(0.0, |r| r.amount);
        let exact = store.decimal(i);
        s.net = add(s.net, exact);
        s.net_double += amount;
        if amount > 0.0 {
            s.credits = add(s.credits, exact);
            s.credits_double += amount;
        } else if amount < 0.0 {
            s.debits = add(s.debits, exact);
            s.debits_double += amount;
        }
    }
    s
}

/// Where a claim comes from.
struct At<'s> {
    customer: Option<u32>,
    line: u64,
    answer: &'static str,
    scope: &'s str,
}

/// Evaluates the claims of the answers.
pub(crate) struct Claims<'a> {
    pub(crate) store: &'a Store,
    pub(crate) roots: &'a Roots,
    pub(crate) encoding: NodeEncoding,
    pub(crate) by_customer: &'a HashMap<u32, Scope>,
    pub(crate) by_root: &'a HashMap<Hash32, Scope>,
    pub(crate) export: &'a Scope,
    pub(crate) out: Vec<(Option<u32>, Claim)>,
}

impl Claims<'_> {
    fn claim(at: &At<'_>, field: &str, claimed: &str) -> Claim {
        Claim {
            line: at.line,
            answer: at.answer,
            scope: at.scope.into(),
            field: field.into(),
            claimed: claimed.into(),
            decimal: None,
            double: None,
            reproduced_by: Reproduced::NotCheckable,
            note: None,
        }
    }

    fn figure(&mut self, at: &At<'_>, field: &str, claimed: &Figure, dec: Option<Decimal>, dbl: f64) {
        let by_dec = matches!((Decimal::parse(&claimed.0), dec), (Ok(a), Some(b)) if a == b);
        let by_dbl = js_number(&claimed.0).is_ok_and(|x| x == dbl);
        let mut claim = Self::claim(at, field, &claimed.0);
        claim.decimal = dec.map(|d| d.to_string());
        claim.double = Some(dbl);
        claim.reproduced_by = match (by_dec, by_dbl) {
            (true, true) => Reproduced::Both,
            (true, false) => Reproduced::Decimal,
            (false, true) => Reproduced::Double,
            (false, false) => Reproduced::Neither,
        };
        if dec.is_none() {
            claim.note = Some("an amount in scope has no exact decimal form here".into());
        }
        self.out.push((at.customer, claim));
    }

    fn count(&mut self, at: &At<'_>, field: &str, claimed: &Figure, n: u64) {
        let equal = Decimal::parse(&claimed.0).is_ok_and(|d| d == Decimal::from_compact(n as i64, 0));
        let mut claim = Self::claim(at, field, &claimed.0);
        claim.decimal = Some(n.to_string());
        claim.reproduced_by = if equal {
            Reproduced::Exact
        } else {
            Reproduced::Neither
        };
        self.out.push((at.customer, claim));
    }

    fn unknowable(&mut self, at: &At<'_>, field: &str, claimed: &str, why: String) {
        let mut claim = Self::claim(at, field, claimed);
        claim.note = Some(why);
        self.out.push((at.customer, claim));
    }

    fn root_of(&self, hash: &Hash32) -> Option<u32> {
        self.roots.find(hash)
    }

    /// Compares every figure of `answer` (line `line`).
    pub(crate) fn answer(&mut self, line: u64, answer: &Answer) {
        let empty = Vec::new();
        match answer {
            Answer::Derive {
                customer,
                computed,
                starting,
                count,
                latest,
            } => {
                let id = self.store.customers.get(customer);
                let list = id
                    .and_then(|i| self.by_customer.get(&i))
                    .unwrap_or(&empty)
                    .clone();
                let scope = format!("customer {customer}");
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
                if let Some(l) = latest {
                    let last = list.last().and_then(|&(_, r)| self.roots.get(r)).map(|r| r.hash);
                    let claim_root = l.parse::<Hash32>().ok();
                    match (claim_root, last) {
                        (None, _) => self.unknowable(&at, "latestReceiptId", l, "an opaque id, not a 0x root".into()),
                        (Some(c), Some(ours)) if c == ours => {
                            let mut claim = Self::claim(&at, "latestReceiptId", l);
                            claim.decimal = Some(ours.to_string());
                            claim.reproduced_by = Reproduced::Exact;
                            self.out.push((at.customer, claim));
                        }
                        (Some(c), _) if list.iter().any(|&(_, r)| self.roots.get(r).is_some_and(|x| x.hash == c)) => self.unknowable(&at, "latestReceiptId", l,
                            "names an earlier verified receipt of the customer (the service's order may differ from submission order)".into(),
                        ),
                        (Some(_), ours) => {
                            let mut claim = Self::claim(&at, "latestReceiptId", l);
                            claim.decimal = ours.map(|h| h.to_string());
                            claim.reproduced_by = Reproduced::Neither;
                            self.out.push((at.customer, claim));
                        }
                    }
                }
            }
            Answer::Statement {
                customer,
                final_balance,
                starting,
                count,
                windows,
                proof_root,
            } => {
                let id = self.store.customers.get(customer);
                let list = id
                    .and_then(|i| self.by_customer.get(&i))
                    .unwrap_or(&empty)
                    .clone();
                let scope = format!("customer {customer}");
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
                                "several windows: the submitted deltas carry no time to tell them apart"
                                    .into(),
                            );
                            continue;
                        }
                        match field {
                            "netChange" => self.figure(&at, &name(field), fig, net.net, net.net_double),
                            "totalCredits" => {
                                self.figure(&at, &name(field), fig, net.credits, net.credits_double)
                            }
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
            Answer::Summary {
                proof_root,
                customer,
                record_count,
                net_change,
                starting,
                ending,
            } => {
                let id = customer.as_deref().and_then(|c| self.store.customers.get(c));
                let root = proof_root.as_deref().and_then(|r| r.parse::<Hash32>().ok());
                let (list, scope, items) = match (root, customer) {
                    (Some(h), _) => (
                        self.by_root.get(&h).unwrap_or(&empty).clone(),
                        format!("root {h}"),
                        self.root_of(&h)
                            .and_then(|r| self.roots.get(r))
                            .filter(|r| r.recomputed)
                            .map(|r| (r.leaves, r.ours)),
                    ),
                    (None, Some(c)) => (
                        id.and_then(|i| self.by_customer.get(&i))
                            .unwrap_or(&empty)
                            .clone(),
                        format!("customer {c}"),
                        None,
                    ),
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
                            "the root holds items of other tenants: their amounts are not in the export"
                                .into(),
                        );
                    } else {
                        self.figure(&at, field, fig, s.net, s.net_double);
                    }
                }
            }
            Answer::Checkpoint {
                id: chk,
                customer,
                root,
            } => {
                let id = customer.as_deref().and_then(|c| self.store.customers.get(c));
                let (list, scope) = match customer {
                    Some(c) => (
                        id.and_then(|i| self.by_customer.get(&i))
                            .unwrap_or(&empty)
                            .clone(),
                        format!("customer {c}"),
                    ),
                    None => (self.export.clone(), "export".into()),
                };
                let at = At {
                    customer: id,
                    line,
                    answer: "checkpoint",
                    scope: &scope,
                };
                let Some(r) = root else { return };
                let leaves: Vec<Hash32> = list
                    .iter()
                    .filter_map(|&(i, _)| self.store.get(i).map(|x| x.hash))
                    .collect();
                let ours = items_root(&leaves, self.encoding);
                if r.parse::<Hash32>().is_ok_and(|h| h == ours) {
                    let mut claim = Self::claim(&at, "proofRoot", r);
                    claim.decimal = Some(ours.to_string());
                    claim.reproduced_by = Reproduced::Exact;
                    claim.note = Some(format!(
                        "{chk}: the root of the scope's verified deltas in submission order, node encoding {}",
                        self.encoding
                    ));
                    self.out.push((at.customer, claim));
                } else {
                    self.unknowable(&at, "proofRoot", r, format!(
                        "{chk}: which leaves, in which order, the service puts in a checkpoint is not published; the root of the scope's verified deltas in submission order is {ours}"
                    ));
                }
            }
        }
    }
}

fn start_of(starting: &Option<Figure>) -> (f64, Option<Decimal>) {
    match starting {
        None => (0.0, Some(Decimal::ZERO)),
        Some(f) => (js_number(&f.0).unwrap_or(f64::NAN), Decimal::parse(&f.0).ok()),
    }
}
