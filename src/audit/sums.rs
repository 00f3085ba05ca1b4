//! A scope's verified deltas summed two ways: exactly in decimal, and in
//! IEEE-754 doubles in submission order (as a JavaScript service would).

use super::answers::Figure;
use super::decimal::Decimal;
use super::deltas::js_number;
use super::store::Store;

/// Sums over a scope.
#[derive(Debug, Clone, Copy)]
pub(super) struct Sums {
    pub(super) net: Option<Decimal>,
    pub(super) net_double: f64,
    pub(super) credits: Option<Decimal>,
    pub(super) credits_double: f64,
    pub(super) debits: Option<Decimal>,
    pub(super) debits_double: f64,
}

fn add(a: Option<Decimal>, b: Option<Decimal>) -> Option<Decimal> {
    a?.checked_add(&b?).ok()
}

/// The sums over `scope` (indices into `store`), the net starting from
/// `start` / `start_dec`.
pub(super) fn sums(store: &Store, scope: &[(u32, u32)], start: f64, start_dec: Option<Decimal>) -> Sums {
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

/// The starting balance an answer states (zero when it states none), as a
/// double and exactly.
pub(super) fn start_of(starting: &Option<Figure>) -> (f64, Option<Decimal>) {
    match starting {
        None => (0.0, Some(Decimal::ZERO)),
        Some(f) => (js_number(&f.0).unwrap_or(f64::NAN), Decimal::parse(&f.0).ok()),
    }
}
