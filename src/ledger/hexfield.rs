//! Hex-encoded fields of ledger answers: byte strings (call data, log data),
//! 32-byte words (topics), quantities (JSON-RPC numbers) and EVM addresses.

use alloc::vec::Vec;
use core::fmt;
use core::str::FromStr;

/// Why a hex field could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum HexFieldError {
    /// The JSON-RPC form needs a `0x` prefix and it is missing.
    #[error("missing \"0x\" prefix")]
    MissingPrefix,
    /// An odd number of hex digits for a byte string.
    #[error("odd number of hex digits ({digits})")]
    OddLength {
        /// Digits found (prefix excluded).
        digits: usize,
    },
    /// A character that is not a hex digit.
    #[error("not a hex digit at position {position}")]
    InvalidChar {
        /// Byte offset in the text (prefix included).
        position: usize,
    },
    /// More bytes or digits than the field can hold.
    #[error("{found} is more than the {max} allowed")]
    TooLong {
        /// The most allowed (bytes for words and addresses, digits for quantities).
        max: usize,
        /// How many were found.
        found: usize,
    },
    /// A byte string of the wrong fixed size.
    #[error("{found} bytes where {expected} were expected")]
    WrongLength {
        /// Bytes expected.
        expected: usize,
        /// Bytes found.
        found: usize,
    },
}

fn nibble(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Splits an optional `0x`/`0X` prefix off; returns the digits and the prefix length.
fn digits(text: &str) -> (&[u8], usize) {
    let b = text.as_bytes();
    match b {
        [b'0', b'x' | b'X', rest @ ..] => (rest, 2),
        _ => (b, 0),
    }
}

/// Decodes a hex byte string, `0x` prefix optional, either case; `"0x"` is empty.
pub(crate) fn decode_data(text: &str) -> Result<Vec<u8>, HexFieldError> {
    let (d, skip) = digits(text);
    if d.len() % 2 != 0 {
        return Err(HexFieldError::OddLength { digits: d.len() });
    }
    let mut out = Vec::with_capacity(d.len() / 2);
    for (i, pair) in d.chunks_exact(2).enumerate() {
        let (hi, lo) = match pair {
            [hi, lo] => (*hi, *lo),
            _ => return Err(HexFieldError::OddLength { digits: d.len() }),
        };
        let h = nibble(hi).ok_or(HexFieldError::InvalidChar {
            position: skip + 2 * i,
        })?;
        let l = nibble(lo).ok_or(HexFieldError::InvalidChar {
            position: skip + 2 * i + 1,
        })?;
        out.push((h << 4) | l);
    }
    Ok(out)
}

/// Decodes a 32-byte word (a log topic). Shorter values are left-padded with
/// zeros (some mirror node versions drop a topic's leading zero bytes).
pub(crate) fn decode_word(text: &str) -> Result<[u8; 32], HexFieldError> {
    let (d, _) = digits(text);
    if d.len() > 64 {
        return Err(HexFieldError::TooLong {
            max: 32,
            found: d.len().div_ceil(2),
        });
    }
    let bytes = if d.len() % 2 == 0 {
        decode_data(text)?
    } else {
        // An odd digit count is a number with its leading zero dropped.
        let mut padded = alloc::string::String::with_capacity(d.len() + 1);
        padded.push('0');
        padded.push_str(core::str::from_utf8(d).map_err(|_| HexFieldError::InvalidChar { position: 0 })?);
        decode_data(&padded)?
    };
    let mut word = [0u8; 32];
    let start = 32 - bytes.len();
    if let Some(tail) = word.get_mut(start..) {
        tail.copy_from_slice(&bytes);
    }
    Ok(word)
}

/// Parses a JSON-RPC quantity: `0x` + 1 to 16 hex digits.
pub(crate) fn parse_quantity(text: &str) -> Result<u64, HexFieldError> {
    let (d, skip) = digits(text);
    if skip == 0 {
        return Err(HexFieldError::MissingPrefix);
    }
    if d.is_empty() {
        return Err(HexFieldError::InvalidChar { position: 2 });
    }
    if d.len() > 16 {
        return Err(HexFieldError::TooLong {
            max: 16,
            found: d.len(),
        });
    }
    let mut v = 0u64;
    for (i, &c) in d.iter().enumerate() {
        let n = nibble(c).ok_or(HexFieldError::InvalidChar { position: 2 + i })?;
        v = (v << 4) | u64::from(n);
    }
    Ok(v)
}

/// A 20-byte EVM address; text form `0x` + 40 lowercase hex digits. Parsing
/// accepts either case, with or without the prefix (the mirror node's
/// `EvmAddress` pattern is `^(0x)?[A-Fa-f0-9]{40}$`).
///
/// ```
/// use pacspace_proof::ledger::EvmAddress;
/// let a: EvmAddress = "0x00000000000000000000000000000000002A1B3C".parse().unwrap();
/// assert_eq!(a.to_string(), "0x00000000000000000000000000000000002a1b3c");
/// assert_eq!(a, "00000000000000000000000000000000002a1b3c".parse().unwrap());
/// assert!("0x1234".parse::<EvmAddress>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EvmAddress(pub [u8; 20]);

impl FromStr for EvmAddress {
    type Err = HexFieldError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bytes = decode_data(s)?;
        let arr: [u8; 20] = bytes
            .as_slice()
            .try_into()
            .map_err(|_| HexFieldError::WrongLength {
                expected: 20,
                found: bytes.len(),
            })?;
        Ok(EvmAddress(arr))
    }
}

impl fmt::Display for EvmAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("0x")?;
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for EvmAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl serde::Serialize for EvmAddress {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data() {
        assert_eq!(decode_data("0x").unwrap(), Vec::<u8>::new());
        assert_eq!(decode_data("").unwrap(), Vec::<u8>::new());
        assert_eq!(decode_data("0xABcd01").unwrap(), [0xab, 0xcd, 0x01]);
        assert_eq!(decode_data("abc"), Err(HexFieldError::OddLength { digits: 3 }));
        assert_eq!(
            decode_data("0x0g"),
            Err(HexFieldError::InvalidChar { position: 3 })
        );
    }

    #[test]
    fn words_are_left_padded() {
        let w = decode_word("0x1").unwrap();
        assert_eq!(w[31], 1);
        assert!(w[..31].iter().all(|&b| b == 0));
        let full = decode_word(&alloc::format!("0x{}", "ab".repeat(32))).unwrap();
        assert_eq!(full, [0xab; 32]);
        assert!(decode_word(&alloc::format!("0x{}", "0".repeat(65))).is_err());
    }

    #[test]
    fn quantities() {
        assert_eq!(parse_quantity("0x0"), Ok(0));
        assert_eq!(parse_quantity("0x1b4"), Ok(436));
        assert_eq!(parse_quantity("0xffffffffffffffff"), Ok(u64::MAX));
        assert_eq!(parse_quantity("12"), Err(HexFieldError::MissingPrefix));
        assert!(parse_quantity("0x").is_err());
        assert!(parse_quantity("0x10000000000000000").is_err());
    }
}
