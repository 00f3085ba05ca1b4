//! Member order of an object under each [`KeyOrder`]: RFC 8785's UTF-16
//! code-unit order, or the order in which JavaScript enumerates an object
//! rebuilt with sorted keys.

use crate::canonical::{JsonString, JsonValue, KeyOrder};
use alloc::vec::Vec;
use core::cmp::Ordering;

/// The largest array index: 2^32 − 2.
pub const MAX_ARRAY_INDEX: u32 = u32::MAX - 1;

/// The array index a key names, when it is one: the canonical decimal form
/// (`"0"`, or no leading zero) of an integer from 0 to 4294967294. These keys
/// come first, in numeric order, when JavaScript enumerates an object.
///
/// ```
/// use pacspace_proof::canonical::{array_index, JsonString};
/// assert_eq!(array_index(&JsonString::from("10")), Some(10));
/// assert_eq!(array_index(&JsonString::from("4294967294")), Some(4294967294));
/// assert_eq!(array_index(&JsonString::from("4294967295")), None);
/// assert_eq!(array_index(&JsonString::from("01")), None);
/// assert_eq!(array_index(&JsonString::from("-1")), None);
/// ```
pub fn array_index(key: &JsonString) -> Option<u32> {
    let digits = key.wtf8();
    match digits {
        [b'0'] => return Some(0),
        [b'1'..=b'9', rest @ ..] if rest.len() < 10 && rest.iter().all(u8::is_ascii_digit) => {}
        _ => return None,
    }
    let value = digits.iter().try_fold(0u64, |acc, d| {
        acc.checked_mul(10)?.checked_add(u64::from(d - b'0'))
    })?;
    u32::try_from(value).ok().filter(|&v| v <= MAX_ARRAY_INDEX)
}

/// Whether JavaScript's object order treats `key` apart from code-unit order.
pub(crate) fn is_js_special(key: &JsonString) -> bool {
    key.wtf8() == PROTO || array_index(key).is_some()
}

const PROTO: &[u8] = b"__proto__";

/// The members of an object in the order `order` writes them: one member
/// per key (the last occurrence, as `JSON.parse` keeps), and under
/// [`KeyOrder::JsObject`] no `__proto__`.
pub(crate) fn ordered_members(
    members: &[(JsonString, JsonValue)],
    order: KeyOrder,
) -> Vec<&(JsonString, JsonValue)> {
    let mut out: Vec<&(JsonString, JsonValue)> = members.iter().collect();
    // Last occurrence wins: a stable sort by bytes keeps equal keys in input
    // order, then only the last of each run is kept.
    if has_duplicates(members) {
        out.sort_by(|a, b| a.0.wtf8().cmp(b.0.wtf8()));
        let mut unique: Vec<&(JsonString, JsonValue)> = Vec::with_capacity(out.len());
        for m in out {
            match unique.last_mut() {
                Some(last) if last.0 == m.0 => *last = m,
                _ => unique.push(m),
            }
        }
        out = unique;
    }
    match order {
        KeyOrder::CodeUnits => out.sort_by(|a, b| a.0.cmp_code_units(&b.0)),
        KeyOrder::JsObject => {
            out.retain(|m| m.0.wtf8() != PROTO);
            out.sort_by(|a, b| js_cmp(&a.0, &b.0));
        }
    }
    out
}

/// Whether a key occurs twice (a sort only when the input is not strictly
/// increasing in bytes, which the common, already sorted input is).
fn has_duplicates(members: &[(JsonString, JsonValue)]) -> bool {
    let increasing = members.windows(2).all(|w| match w {
        [a, b] => a.0.wtf8() < b.0.wtf8(),
        _ => true,
    });
    if increasing {
        return false;
    }
    let mut keys: Vec<&[u8]> = members.iter().map(|m| m.0.wtf8()).collect();
    keys.sort_unstable();
    keys.windows(2).any(|w| matches!(w, [a, b] if a == b))
}

fn js_cmp(a: &JsonString, b: &JsonString) -> Ordering {
    match (array_index(a), array_index(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp_code_units(b),
    }
}
