//! The 32-byte hash type and its `0x` + 64 lowercase hex text form.

use core::fmt;
use core::str::FromStr;

/// A 32-byte Keccak-256 digest (item hash, node hash, itemsRoot).
///
/// Its text form is `0x` followed by 64 lowercase hex digits; parsing refuses
/// anything else with a [`HexError`] saying what was wrong.
///
/// ```
/// use pacspace_proof::Hash32;
/// let h: Hash32 = "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470".parse().unwrap();
/// assert_eq!(h, pacspace_proof::keccak256(b""));
/// assert!("0xC5D2".parse::<Hash32>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Hash32(pub [u8; 32]);

/// Why a text is not a valid `0x` + 64 lowercase hex hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum HexError {
    /// The text does not start with `0x`.
    MissingPrefix,
    /// The text has the wrong length (expected 66 characters with the prefix).
    Length {
        /// Bytes expected (66).
        expected: usize,
        /// Bytes found.
        found: usize,
    },
    /// A character that is not a lowercase hex digit.
    InvalidChar {
        /// Byte offset in the text (prefix included).
        position: usize,
        /// The offending byte.
        byte: u8,
    },
}

// By hand rather than with #[error]: the invalid-character message depends on
// the byte (an uppercase digit, another printable character, anything else).
impl fmt::Display for HexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HexError::MissingPrefix => f.write_str("hash must start with \"0x\""),
            HexError::Length { expected, found } => {
                write!(
                    f,
                    "hash must be {expected} characters (0x + 64 hex), found {found}"
                )
            }
            HexError::InvalidChar { position, byte } => {
                if byte.is_ascii_hexdigit() {
                    write!(
                        f,
                        "uppercase hex digit {:?} at position {position}: hashes are lowercase",
                        *byte as char
                    )
                } else if byte.is_ascii_graphic() {
                    write!(
                        f,
                        "invalid hex character {:?} at position {position}",
                        *byte as char
                    )
                } else {
                    write!(f, "invalid hex byte 0x{byte:02x} at position {position}")
                }
            }
        }
    }
}

/// The lowercase hex digit of the low four bits of `nibble`.
pub(crate) const fn hex_digit(nibble: u8) -> u8 {
    let n = nibble & 0x0f;
    if n < 10 { b'0' + n } else { b'a' + n - 10 }
}

impl Hash32 {
    /// The all-zero hash: the root of an empty tree.
    pub const ZERO: Hash32 = Hash32([0; 32]);

    /// Wraps raw bytes.
    ///
    /// ```
    /// let h = pacspace_proof::Hash32::from_bytes([0xab; 32]);
    /// assert_eq!(h.as_bytes()[0], 0xab);
    /// ```
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Hash32(bytes)
    }

    /// The raw 32 bytes.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::Hash32::ZERO.as_bytes(), &[0u8; 32]);
    /// ```
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Parses `0x` + 64 lowercase hex digits.
    ///
    /// ```
    /// use pacspace_proof::Hash32;
    /// use pacspace_proof::hashing::HexError;
    /// assert_eq!(Hash32::parse("abc"), Err(HexError::MissingPrefix));
    /// assert_eq!(Hash32::parse("0x00"), Err(HexError::Length { expected: 66, found: 4 }));
    /// ```
    pub fn parse(text: &str) -> Result<Self, HexError> {
        Self::parse_bytes(text.as_bytes())
    }

    /// Like [`Hash32::parse`] over raw bytes.
    ///
    /// ```
    /// let zero = [b"0x".as_slice(), &[b'0'; 64]].concat();
    /// assert_eq!(pacspace_proof::Hash32::parse_bytes(&zero), Ok(pacspace_proof::Hash32::ZERO));
    /// ```
    pub fn parse_bytes(text: &[u8]) -> Result<Self, HexError> {
        let Some(digits) = text.strip_prefix(b"0x") else {
            return Err(HexError::MissingPrefix);
        };
        if text.len() != 66 {
            return Err(HexError::Length {
                expected: 66,
                found: text.len(),
            });
        }
        let mut out = [0u8; 32];
        for (i, (pair, slot)) in digits.chunks_exact(2).zip(out.iter_mut()).enumerate() {
            let mut v = 0u8;
            for (j, &b) in pair.iter().enumerate() {
                let nibble = match b {
                    b'0'..=b'9' => b - b'0',
                    b'a'..=b'f' => b - b'a' + 10,
                    _ => {
                        return Err(HexError::InvalidChar {
                            position: 2 + 2 * i + j,
                            byte: b,
                        });
                    }
                };
                v = (v << 4) | nibble;
            }
            *slot = v;
        }
        Ok(Hash32(out))
    }

    /// Writes the 64 lowercase hex digits (no prefix) into `out`.
    ///
    /// ```
    /// let mut buf = [0u8; 64];
    /// pacspace_proof::Hash32::from_bytes([0x0f; 32]).write_hex(&mut buf);
    /// assert_eq!(&buf[..4], b"0f0f");
    /// ```
    pub fn write_hex(&self, out: &mut [u8; 64]) {
        for (byte, pair) in self.0.iter().zip(out.chunks_exact_mut(2)) {
            if let [hi, lo] = pair {
                *hi = hex_digit(byte >> 4);
                *lo = hex_digit(*byte);
            }
        }
    }

    /// The `0x`-prefixed text form in a stack buffer.
    ///
    /// ```
    /// let mut buf = [0u8; 66];
    /// let s = pacspace_proof::Hash32::ZERO.to_hex_buf(&mut buf);
    /// assert_eq!(s.len(), 66);
    /// ```
    pub fn to_hex_buf<'b>(&self, buf: &'b mut [u8; 66]) -> &'b str {
        buf[0] = b'0';
        buf[1] = b'x';
        let mut digits = [0u8; 64];
        self.write_hex(&mut digits);
        buf[2..].copy_from_slice(&digits);
        core::str::from_utf8(buf).unwrap_or("")
    }
}

impl FromStr for Hash32 {
    type Err = HexError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Hash32::parse(s)
    }
}

impl fmt::Display for Hash32 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; 66];
        f.write_str(self.to_hex_buf(&mut buf))
    }
}

impl fmt::Debug for Hash32 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl From<[u8; 32]> for Hash32 {
    fn from(bytes: [u8; 32]) -> Self {
        Hash32(bytes)
    }
}

impl AsRef<[u8]> for Hash32 {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

#[cfg(feature = "alloc")]
impl serde::Serialize for Hash32 {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut buf = [0u8; 66];
        s.serialize_str(self.to_hex_buf(&mut buf))
    }
}

#[cfg(feature = "alloc")]
impl<'de> serde::Deserialize<'de> for Hash32 {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Hash32;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a 0x-prefixed 64-digit lowercase hex hash")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Hash32, E> {
                Hash32::parse(v).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}
