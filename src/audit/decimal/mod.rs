//! Exact decimal arithmetic over JSON number text, for balance sums that do
//! not depend on binary floating point.
//!
//! A [`Decimal`] is a sign, a 256-bit magnitude and a decimal scale (the
//! value is `±magnitude × 10^-scale`). JSON number text is read exactly
//! (`0.1` is one tenth, not the double nearest to it) and sums are exact; a
//! value that does not fit (more than 77 significant digits, or a scale above
//! [`MAX_SCALE`]) is an error, never a rounded result. Written by hand rather
//! than taken from a crate: the fixed-width crates stop at 28 digits, the
//! arbitrary-precision ones allocate without bound on input such as `1e-999999999`.

use core::cmp::Ordering;
use core::fmt;

/// Largest number of decimal places a [`Decimal`] holds.
pub const MAX_SCALE: u32 = 80;

mod magnitude;

use magnitude::{LIMBS, Mag, add_mag, cmp_mag, divrem_small, is_zero, mul_small, scale_up, sub_mag};

/// An exact decimal number.
///
/// ```
/// use pacspace_proof::audit::Decimal;
/// let tenth: Decimal = "0.1".parse().unwrap();
/// let mut sum = Decimal::ZERO;
/// for _ in 0..10 {
///     sum = sum.checked_add(&tenth).unwrap();
/// }
/// assert_eq!(sum.to_string(), "1");
/// assert_eq!(sum, "1.000".parse().unwrap());
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Decimal {
    neg: bool,
    mag: Mag,
    scale: u32,
}

/// Why a number has no exact [`Decimal`] form here.
///
/// ```
/// use pacspace_proof::audit::{Decimal, DecimalError};
/// assert_eq!(Decimal::parse("1e-200"), Err(DecimalError::OutOfRange));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DecimalError {
    /// The text is not a JSON number.
    #[error("not a JSON number")]
    Syntax,
    /// More than 77 significant digits, or more than [`MAX_SCALE`] decimal places.
    #[error("beyond exact decimal range (77 significant digits, {MAX_SCALE} decimal places)")]
    OutOfRange,
}

impl Decimal {
    /// Zero.
    pub const ZERO: Decimal = Decimal {
        neg: false,
        mag: [0; LIMBS],
        scale: 0,
    };

    /// Reads JSON number text exactly (`-?int(.frac)?([eE][+-]?exp)?`).
    ///
    /// ```
    /// use pacspace_proof::audit::{Decimal, DecimalError};
    /// assert_eq!(Decimal::parse("-1.50e2").unwrap().to_string(), "-150");
    /// assert_eq!(Decimal::parse("1e-7").unwrap().to_string(), "0.0000001");
    /// assert_eq!(Decimal::parse("01"), Err(DecimalError::Syntax));
    /// assert_eq!(Decimal::parse("1e-999"), Err(DecimalError::OutOfRange));
    /// ```
    pub fn parse(text: &str) -> Result<Self, DecimalError> {
        let b = text.as_bytes();
        let (neg, rest) = match b.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, b),
        };
        let int_len = rest.iter().take_while(|c| c.is_ascii_digit()).count();
        let (int, rest) = rest.split_at(int_len);
        if int.is_empty() || (int.len() > 1 && int.first() == Some(&b'0')) {
            return Err(DecimalError::Syntax);
        }
        let (frac, rest) = match rest.split_first() {
            Some((b'.', after)) => {
                let n = after.iter().take_while(|c| c.is_ascii_digit()).count();
                if n == 0 {
                    return Err(DecimalError::Syntax);
                }
                after.split_at(n)
            }
            _ => (&[] as &[u8], rest),
        };
        let exp: i64 = match rest.split_first() {
            None => 0,
            Some((b'e' | b'E', after)) => {
                let (sign, digits) = match after.split_first() {
                    Some((b'-', d)) => (-1i64, d),
                    Some((b'+', d)) => (1, d),
                    _ => (1, after),
                };
                if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
                    return Err(DecimalError::Syntax);
                }
                let mut e: i64 = 0;
                for &d in digits {
                    e = e.saturating_mul(10).saturating_add(i64::from(d - b'0'));
                }
                sign * e
            }
            Some(_) => return Err(DecimalError::Syntax),
        };
        // Significant digits: int then frac, without the fraction's trailing zeros.
        let frac_len = frac.len() - frac.iter().rev().take_while(|&&c| c == b'0').count();
        let frac = frac.get(..frac_len).unwrap_or_default();
        let mut mag: Mag = [0; LIMBS];
        for &d in int.iter().chain(frac).skip_while(|&&c| c == b'0') {
            mag = mul_small(&mag, 10)
                .and_then(|m| add_mag(&m, &[u64::from(d - b'0'), 0, 0, 0]))
                .ok_or(DecimalError::OutOfRange)?;
        }
        let scale = (frac_len as i64).saturating_sub(exp);
        let value = if scale <= 0 {
            if is_zero(&mag) {
                Decimal::ZERO
            } else {
                let up = u32::try_from(-scale).map_err(|_| DecimalError::OutOfRange)?;
                let mag = scale_up(&mag, up).ok_or(DecimalError::OutOfRange)?;
                Decimal { neg, mag, scale: 0 }
            }
        } else {
            let scale = u32::try_from(scale).map_err(|_| DecimalError::OutOfRange)?;
            Decimal { neg, mag, scale }.normalized()
        };
        if value.scale > MAX_SCALE {
            return Err(DecimalError::OutOfRange);
        }
        Ok(value.fix_zero())
    }

    fn fix_zero(mut self) -> Self {
        if is_zero(&self.mag) {
            self.neg = false;
        }
        self
    }

    /// The same value with no trailing zero after the decimal point.
    ///
    /// ```
    /// let d = pacspace_proof::audit::Decimal::parse("2.500").unwrap();
    /// assert_eq!(d.normalized().scale(), 1);
    /// ```
    pub fn normalized(mut self) -> Self {
        while self.scale > 0 {
            let (q, r) = divrem_small(&self.mag, 10);
            if r != 0 {
                break;
            }
            self.mag = q;
            self.scale -= 1;
        }
        self.fix_zero()
    }

    /// Decimal places held.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::audit::Decimal::parse("1.25").unwrap().scale(), 2);
    /// ```
    pub fn scale(&self) -> u32 {
        self.scale
    }

    /// Whether the value is below zero.
    ///
    /// ```
    /// assert!(pacspace_proof::audit::Decimal::parse("-0.5").unwrap().is_negative());
    /// assert!(!pacspace_proof::audit::Decimal::parse("-0").unwrap().is_negative());
    /// ```
    pub fn is_negative(&self) -> bool {
        self.neg
    }

    /// The sum, exactly, or [`DecimalError::OutOfRange`].
    ///
    /// ```
    /// use pacspace_proof::audit::Decimal;
    /// let a = Decimal::parse("0.1").unwrap();
    /// let b = Decimal::parse("-0.3").unwrap();
    /// assert_eq!(a.checked_add(&b).unwrap().to_string(), "-0.2");
    /// ```
    pub fn checked_add(&self, other: &Decimal) -> Result<Decimal, DecimalError> {
        let scale = self.scale.max(other.scale);
        let a = scale_up(&self.mag, scale - self.scale).ok_or(DecimalError::OutOfRange)?;
        let b = scale_up(&other.mag, scale - other.scale).ok_or(DecimalError::OutOfRange)?;
        let (neg, mag) = if self.neg == other.neg {
            (self.neg, add_mag(&a, &b).ok_or(DecimalError::OutOfRange)?)
        } else {
            match cmp_mag(&a, &b) {
                Ordering::Less => (other.neg, sub_mag(&b, &a)),
                _ => (self.neg, sub_mag(&a, &b)),
            }
        };
        Ok(Decimal { neg, mag, scale }.normalized())
    }

    /// The opposite value.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::audit::Decimal::parse("2").unwrap().negated().to_string(), "-2");
    /// ```
    pub fn negated(self) -> Self {
        Decimal {
            neg: !self.neg,
            ..self
        }
        .fix_zero()
    }

    /// `mantissa × 10^-scale` when the value fits an `i64` mantissa: the
    /// compact form the audit keeps per delta.
    ///
    /// ```
    /// use pacspace_proof::audit::Decimal;
    /// let d = Decimal::parse("-12.5").unwrap();
    /// assert_eq!(d.to_compact(), Some((-125, 1)));
    /// assert_eq!(Decimal::from_compact(-125, 1), d);
    /// ```
    pub fn to_compact(&self) -> Option<(i64, u16)> {
        if self.mag.get(1..).is_some_and(|hi| hi.iter().any(|&x| x != 0)) {
            return None;
        }
        let low = i64::try_from(self.mag.first().copied().unwrap_or(0)).ok()?;
        let scale = u16::try_from(self.scale).ok()?;
        Some((if self.neg { -low } else { low }, scale))
    }

    /// The value `mantissa × 10^-scale`.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::audit::Decimal::from_compact(5, 2).to_string(), "0.05");
    /// ```
    pub fn from_compact(mantissa: i64, scale: u16) -> Self {
        Decimal {
            neg: mantissa < 0,
            mag: [mantissa.unsigned_abs(), 0, 0, 0],
            scale: u32::from(scale),
        }
        .fix_zero()
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.normalized(), other.normalized());
        a.neg == b.neg && a.mag == b.mag && a.scale == b.scale
    }
}

impl Eq for Decimal {}

impl core::str::FromStr for Decimal {
    type Err = DecimalError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Decimal::parse(s)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Digits, least significant first: at most 78 for the magnitude, or
        // MAX_SCALE + 1 when the scale asks for leading zeros.
        let mut rev = [b'0'; 2 + MAX_SCALE as usize];
        let mut n = 0;
        let mut mag = self.mag;
        while !is_zero(&mag) {
            let (q, r) = divrem_small(&mag, 10);
            if let Some(slot) = rev.get_mut(n) {
                *slot = b'0' + r as u8;
            }
            n += 1;
            mag = q;
        }
        let scale = self.scale as usize;
        let n = n.max(scale + 1).min(rev.len());
        let mut out = [0u8; 4 + MAX_SCALE as usize];
        let mut len = 0;
        let mut push = |b: u8| {
            if let Some(slot) = out.get_mut(len) {
                *slot = b;
                len += 1;
            }
        };
        if self.neg {
            push(b'-');
        }
        for (i, &digit) in rev.get(..n).unwrap_or_default().iter().enumerate().rev() {
            if i + 1 == scale {
                push(b'.');
            }
            push(digit);
        }
        f.write_str(core::str::from_utf8(out.get(..len).unwrap_or_default()).unwrap_or("?"))
    }
}

impl serde::Serialize for Decimal {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).unwrap()
    }

    #[test]
    fn parses_json_numbers_exactly() {
        for (text, shown) in [
            ("0", "0"),
            ("-0", "0"),
            ("-0.0e5", "0"),
            ("12.50", "12.5"),
            ("1E3", "1000"),
            ("1.5e+2", "150"),
            ("123456789012345678901234567890", "123456789012345678901234567890"),
            ("0.30000000000000004", "0.30000000000000004"),
            ("-1.5e-7", "-0.00000015"),
            ("100e-2", "1"),
        ] {
            assert_eq!(d(text).to_string(), shown, "{text}");
        }
        for bad in [
            "", "-", "1.", ".5", "01", "1e", "1e+", "+1", "0x10", "1.5.2", "NaN",
        ] {
            assert_eq!(Decimal::parse(bad), Err(DecimalError::Syntax), "{bad}");
        }
        assert_eq!(Decimal::parse("1e-81"), Err(DecimalError::OutOfRange));
        assert_eq!(Decimal::parse("1e78"), Err(DecimalError::OutOfRange));
        assert_eq!(
            Decimal::parse("1e99999999999999999999"),
            Err(DecimalError::OutOfRange)
        );
        assert_eq!(d("1e-80").to_string().len(), 82);
        assert_eq!(d("0e999999"), Decimal::ZERO);
    }

    #[test]
    fn sums_are_exact_where_doubles_are_not() {
        let mut sum = Decimal::ZERO;
        let mut double = 0.0f64;
        for _ in 0..10 {
            sum = sum.checked_add(&d("0.1")).unwrap();
            double += 0.1;
        }
        assert_eq!(sum, d("1"));
        assert_ne!(double, 1.0);
        assert_eq!(d("5").checked_add(&d("-7.25")).unwrap().to_string(), "-2.25");
        assert_eq!(d("-5").checked_add(&d("5")).unwrap().to_string(), "0");
        assert_eq!(
            d("1e76").checked_add(&d("1e-7")).unwrap_err(),
            DecimalError::OutOfRange
        );
        assert!(d("1e69").checked_add(&d("1e-7")).is_ok());
    }

    #[test]
    fn compact_round_trip() {
        for text in ["0", "-3", "42.5", "-0.000001", "9223372036854775807"] {
            let v = d(text);
            let (m, s) = v.to_compact().unwrap();
            assert_eq!(Decimal::from_compact(m, s), v, "{text}");
        }
        assert_eq!(d("9223372036854775808").to_compact(), None);
    }
}
