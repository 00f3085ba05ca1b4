//! The 256-bit unsigned magnitude under a [`super::Decimal`]: four 64-bit
//! limbs, least significant first; every operation that could overflow says
//! so with `None`.

use core::cmp::Ordering;

/// Limbs of a magnitude.
pub(super) const LIMBS: usize = 4;
/// A magnitude, least significant limb first.
pub(super) type Mag = [u64; LIMBS];

/// `a × m`, or `None` on overflow.
pub(super) fn mul_small(a: &Mag, m: u64) -> Option<Mag> {
    let mut out = [0u64; LIMBS];
    let mut carry = 0u128;
    for (o, &x) in out.iter_mut().zip(a) {
        let p = u128::from(x) * u128::from(m) + carry;
        *o = p as u64;
        carry = p >> 64;
    }
    (carry == 0).then_some(out)
}

/// `a + b`, or `None` on overflow.
pub(super) fn add_mag(a: &Mag, b: &Mag) -> Option<Mag> {
    let mut out = [0u64; LIMBS];
    let mut carry = false;
    for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
        let (s1, c1) = x.overflowing_add(y);
        let (s2, c2) = s1.overflowing_add(u64::from(carry));
        *o = s2;
        carry = c1 || c2;
    }
    (!carry).then_some(out)
}

/// `a - b` for `a >= b`.
pub(super) fn sub_mag(a: &Mag, b: &Mag) -> Mag {
    let mut out = [0u64; LIMBS];
    let mut borrow = false;
    for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
        let (d1, b1) = x.overflowing_sub(y);
        let (d2, b2) = d1.overflowing_sub(u64::from(borrow));
        *o = d2;
        borrow = b1 || b2;
    }
    out
}

/// Orders two magnitudes.
pub(super) fn cmp_mag(a: &Mag, b: &Mag) -> Ordering {
    a.iter().rev().cmp(b.iter().rev())
}

/// `a ÷ d` and its remainder.
pub(super) fn divrem_small(a: &Mag, d: u64) -> (Mag, u64) {
    let mut out = [0u64; LIMBS];
    let mut rem = 0u128;
    for (o, &x) in out.iter_mut().zip(a).rev() {
        let cur = (rem << 64) | u128::from(x);
        *o = (cur / u128::from(d)) as u64;
        rem = cur % u128::from(d);
    }
    (out, rem as u64)
}

/// Whether `a` is zero.
pub(super) fn is_zero(a: &Mag) -> bool {
    a.iter().all(|&x| x == 0)
}

/// `a × 10^by`, or `None` on overflow.
pub(super) fn scale_up(a: &Mag, mut by: u32) -> Option<Mag> {
    let mut out = *a;
    while by > 0 {
        let step = by.min(19);
        out = mul_small(&out, 10u64.pow(step))?;
        by -= step;
    }
    Some(out)
}
