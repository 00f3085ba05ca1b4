//! Hashes and receipt ids read from the text of an export, by table: the
//! same results as [`Hash32::parse`] and [`ReceiptId::parse`], which are
//! asked only to name what is wrong with a text that is not a hash.

use crate::Hash32;
use crate::hashing::HexError;
use crate::receipt::wire::ReceiptId;
use alloc::borrow::Cow;
use serde::Deserialize;

const BAD: u8 = 0xff;

/// The value of each lowercase hex digit; [`BAD`] for any other byte.
/// Built at compile time: an index out of range is a build error.
#[allow(clippy::indexing_slicing)]
const DIGITS: [u8; 256] = {
    let mut t = [BAD; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        t[b'a' as usize + i] = 10 + i as u8;
        i += 1;
    }
    t
};

fn digit(b: u8) -> u8 {
    DIGITS.get(b as usize).copied().unwrap_or(BAD)
}

/// `0x` + 64 lowercase hex digits.
pub(crate) fn parse_hash(text: &str) -> Result<Hash32, HexError> {
    let fast = text.strip_prefix("0x").filter(|d| d.len() == 64).and_then(|d| {
        let mut out = [0u8; 32];
        // Digits are below 16, BAD is not: one test for the whole text.
        let mut seen = 0u8;
        for (slot, pair) in out.iter_mut().zip(d.as_bytes().chunks_exact(2)) {
            let (hi, lo) = match pair {
                [h, l] => (digit(*h), digit(*l)),
                _ => (BAD, BAD),
            };
            seen |= hi | lo;
            *slot = (hi << 4) | lo;
        }
        (seen < 16).then_some(Hash32(out))
    });
    match fast {
        Some(h) => Ok(h),
        None => Hash32::parse(text),
    }
}

/// A root, or an opaque id.
pub(crate) fn parse_receipt_id(text: &str) -> ReceiptId {
    match parse_hash(text) {
        Ok(h) => ReceiptId::Root(h),
        Err(_) => ReceiptId::Opaque(text.into()),
    }
}

/// `deserialize_with` for a hash field.
pub(crate) fn hash_field<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Hash32, D::Error> {
    let text = Cow::<'de, str>::deserialize(d)?;
    parse_hash(&text).map_err(serde::de::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::String;
    use alloc::string::ToString;

    #[test]
    fn same_results_as_the_checked_parser() {
        let h = crate::keccak256(b"x").to_string();
        let mut cases: alloc::vec::Vec<String> = alloc::vec![
            h.clone(),
            h.to_uppercase(),
            h[2..].into(),
            format!("{h}0"),
            "0x".into(),
            "".into(),
            "rcpt_1".into()
        ];
        for i in 2..66 {
            for c in ["g", "A", "é", " "] {
                let mut s = String::from(&h[..i]);
                s.push_str(c);
                s.push_str(&h[i + 1..]);
                cases.push(s);
            }
        }
        for c in &cases {
            assert_eq!(parse_hash(c), Hash32::parse(c), "{c}");
            assert_eq!(parse_receipt_id(c), ReceiptId::parse(c), "{c}");
        }
    }
}
