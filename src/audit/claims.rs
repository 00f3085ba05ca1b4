//! A figure a balance answer claims, compared with the verified deltas in
//! its scope summed two ways (see the `sums` module): the report says which
//! arithmetic reproduced it, or that neither did. Which figures each kind of
//! answer claims is in the `compare` module.

use super::answers::Figure;
use super::decimal::Decimal;
use super::deltas::js_number;
use super::roots::Roots;
use super::store::Store;
use crate::{Hash32, NodeEncoding};
use serde::Serialize;
use std::collections::HashMap;
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

/// Where a claim comes from.
pub(super) struct At<'s> {
    pub(super) customer: Option<u32>,
    pub(super) line: u64,
    pub(super) answer: &'static str,
    pub(super) scope: &'s str,
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
    pub(super) fn claim(at: &At<'_>, field: &str, claimed: &str) -> Claim {
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

    pub(super) fn figure(
        &mut self,
        at: &At<'_>,
        field: &str,
        claimed: &Figure,
        dec: Option<Decimal>,
        dbl: f64,
    ) {
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

    pub(super) fn count(&mut self, at: &At<'_>, field: &str, claimed: &Figure, n: u64) {
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

    pub(super) fn unknowable(&mut self, at: &At<'_>, field: &str, claimed: &str, why: String) {
        let mut claim = Self::claim(at, field, claimed);
        claim.note = Some(why);
        self.out.push((at.customer, claim));
    }

    pub(super) fn root_of(&self, hash: &Hash32) -> Option<u32> {
        self.roots.find(hash)
    }

    /// The verified deltas of a customer (none when the export has no such customer).
    pub(super) fn customer_scope(&self, id: Option<u32>) -> Scope {
        id.and_then(|i| self.by_customer.get(&i))
            .cloned()
            .unwrap_or_default()
    }
}
