//! Text exactly as the official Python SDK writes it: `repr` of a float,
//! `json.dumps` strings with `ensure_ascii=True`, and `str.strip()`.

use crate::canonical::{JsonString, Unit};
use alloc::string::String;
use core::fmt::Write;

/// Appends Python's `repr(value)` of a finite float, which `json.dumps`
/// writes: the shortest digits that round-trip, in positional notation
/// (with `.0` when integral) when the decimal exponent is from −4 to 15,
/// otherwise as `d.ddde±XX` (at least two exponent digits).
/// Returns `false`, writing nothing, for NaN and infinities.
///
/// ```
/// use pacspace_proof::item::python_float_repr;
/// let mut s = String::new();
/// for v in [1.0, 1e-7, 1e16, 1e15, 0.0001, 1e-5, -2.5, 1.5e300, 123456.789] {
///     python_float_repr(&mut s, v);
///     s.push(' ');
/// }
/// assert_eq!(s, "1.0 1e-07 1e+16 1000000000000000.0 0.0001 1e-05 -2.5 1.5e+300 123456.789 ");
/// ```
pub fn python_float_repr(out: &mut String, value: f64) -> bool {
    if !value.is_finite() {
        return false;
    }
    if value == 0.0 {
        out.push_str(if value.is_sign_negative() { "-0.0" } else { "0.0" });
        return true;
    }
    if value < 0.0 {
        out.push('-');
    }
    // The shortest round-trip digits, read back from ECMAScript's rendering
    // (same digits; only the layout differs).
    let mut buf = ryu_js::Buffer::new();
    let js = buf.format_finite(value.abs());
    let (mantissa, exp) = match js.split_once('e') {
        Some((m, e)) => (m, e.trim_start_matches('+').parse::<i32>().unwrap_or(0)),
        None => (js, 0),
    };
    let int_len = mantissa.find('.').unwrap_or(mantissa.len());
    let all: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let leading = all.len() - all.trim_start_matches('0').len();
    let digits = all.trim_start_matches('0').trim_end_matches('0');
    // value = 0.<digits> × 10^decpt
    let decpt = int_len as i32 - leading as i32 + exp;
    let n = digits.len() as i32;
    if (-4 < decpt) && (decpt <= 16) {
        if decpt <= 0 {
            out.push_str("0.");
            (0..-decpt).for_each(|_| out.push('0'));
            out.push_str(digits);
        } else if decpt >= n {
            out.push_str(digits);
            (0..decpt - n).for_each(|_| out.push('0'));
            out.push_str(".0");
        } else {
            let (int_part, frac) = digits.split_at(decpt as usize);
            out.push_str(int_part);
            out.push('.');
            out.push_str(frac);
        }
    } else {
        let (first, rest) = digits.split_at(digits.len().min(1));
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        let e = decpt - 1;
        let _ = write!(out, "e{}{:02}", if e < 0 { '-' } else { '+' }, e.unsigned_abs());
    }
    true
}

/// Appends `s` as Python's `json.dumps(..., ensure_ascii=True)` writes a
/// string: quotes, `\"` `\\` `\n` `\r` `\t` `\b` `\f`, every other character
/// outside `' '..='~'` as `\uxxxx` (lowercase; a supplementary character as
/// its surrogate pair, a lone surrogate as itself).
///
/// ```
/// use pacspace_proof::canonical::JsonString;
/// let mut s = String::new();
/// pacspace_proof::item::python_ascii_string(&mut s, &JsonString::from("a\"é😀\u{7f}\n"));
/// assert_eq!(s, r#""a\"\u00e9\ud83d\ude00\u007f\n""#);
/// ```
pub fn python_ascii_string(out: &mut String, s: &JsonString) {
    out.push('"');
    for unit in s.units() {
        match unit {
            Unit::Char('"') => out.push_str("\\\""),
            Unit::Char('\\') => out.push_str("\\\\"),
            Unit::Char('\n') => out.push_str("\\n"),
            Unit::Char('\r') => out.push_str("\\r"),
            Unit::Char('\t') => out.push_str("\\t"),
            Unit::Char('\u{8}') => out.push_str("\\b"),
            Unit::Char('\u{c}') => out.push_str("\\f"),
            Unit::Char(c @ ' '..='~') => out.push(c),
            Unit::Char(c) => {
                let mut pair = [0u16; 2];
                for u in c.encode_utf16(&mut pair) {
                    let _ = write!(out, "\\u{u:04x}");
                }
            }
            Unit::Lone(u) => {
                let _ = write!(out, "\\u{u:04x}");
            }
        }
    }
    out.push('"');
}

/// Whether Python's `str.isspace()` holds for `c` (what `str.strip()` removes).
///
/// ```
/// assert!(pacspace_proof::item::python_isspace('\u{1c}'));
/// assert!(!pacspace_proof::item::python_isspace('\u{180e}'));
/// ```
pub fn python_isspace(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\u{1c}'..='\u{20}'
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// `s.strip()` as Python computes it (lone surrogates are never whitespace).
pub(crate) fn python_strip(s: &JsonString) -> JsonString {
    let units: alloc::vec::Vec<Unit> = s.units().collect();
    let is_space = |u: &Unit| matches!(u, Unit::Char(c) if python_isspace(*c));
    let start = units.iter().position(|u| !is_space(u)).unwrap_or(units.len());
    let end = units.iter().rposition(|u| !is_space(u)).map_or(start, |i| i + 1);
    let mut out = JsonString::new();
    for u in units.get(start..end).unwrap_or(&[]) {
        match *u {
            Unit::Char(c) => out.push_char(c),
            Unit::Lone(l) => out.push_code_unit(l),
        }
    }
    out
}
