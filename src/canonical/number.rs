//! Numbers written as ECMAScript `Number.prototype.toString` writes them.

use crate::canonical::Sink;

/// A number that JSON (and so the service) cannot carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    /// NaN.
    #[error("NaN cannot appear in canonical JSON")]
    NaN,
    /// +∞ or −∞ (also what a JSON number too large for a double becomes).
    #[error("infinite number (or one beyond the double range) cannot appear in canonical JSON")]
    Infinite,
}

/// Writes `value` as JavaScript's `String(value)` does (`1.0`→`1`, `-0`→`0`,
/// `1e21`→`1e+21`, `1e-7`→`1e-7`); refuses NaN and infinities.
///
/// ```
/// use pacspace_proof::canonical::write_number;
/// let mut out = Vec::new();
/// write_number(&mut out, 1e21).unwrap();
/// out.push(b' ');
/// write_number(&mut out, -0.0).unwrap();
/// out.push(b' ');
/// write_number(&mut out, 0.1 + 0.2).unwrap();
/// assert_eq!(out, b"1e+21 0 0.30000000000000004");
/// assert!(write_number(&mut out, f64::NAN).is_err());
/// ```
pub fn write_number<S: Sink + ?Sized>(sink: &mut S, value: f64) -> Result<(), NumberError> {
    if value.is_nan() {
        return Err(NumberError::NaN);
    }
    if value.is_infinite() {
        return Err(NumberError::Infinite);
    }
    if value == 0.0 {
        sink.write(b"0");
        return Ok(());
    }
    // Below 2^53 every integer is a double and its own shortest form, which
    // JavaScript prints digit for digit: no need for the general algorithm.
    if value.abs() < INTEGER_LIMIT && (value as i64) as f64 == value {
        let mut digits = [0u8; 20];
        sink.write(integer_text(value as i64, &mut digits));
        return Ok(());
    }
    let mut buf = ryu_js::Buffer::new();
    sink.write(buf.format_finite(value).as_bytes());
    Ok(())
}

/// 2^53: every integer below it in magnitude is exactly a double.
const INTEGER_LIMIT: f64 = 9_007_199_254_740_992.0;

/// The decimal text of `n` (|n| < 2^53), written at the end of `buf`.
fn integer_text(n: i64, buf: &mut [u8; 20]) -> &[u8] {
    let mut rest = n.unsigned_abs();
    let mut start = buf.len();
    for slot in buf.iter_mut().rev() {
        *slot = b'0' + (rest % 10) as u8;
        rest /= 10;
        start -= 1;
        if rest == 0 {
            break;
        }
    }
    if n < 0 && start > 0 {
        start -= 1;
        if let Some(sign) = buf.get_mut(start) {
            *sign = b'-';
        }
    }
    buf.get(start..).unwrap_or_default()
}
