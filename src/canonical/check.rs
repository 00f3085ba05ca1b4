//! Checking, without allocation, that a JSON text is already in canonical
//! form (docs/spec.md, section 3): how the no-alloc typed delta accepts metadata.

use crate::canonical::number::write_number;

/// Deepest nesting of arrays and objects accepted anywhere in the library.
pub const MAX_DEPTH: usize = 128;

/// Why a text is not canonical JSON, with the byte offset where it deviates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CanonicalTextError {
    /// The text ends inside a value.
    #[error("canonical JSON ends inside a value")]
    UnexpectedEnd,
    /// A byte that cannot start or continue a value here (whitespace included).
    #[error("unexpected byte 0x{byte:02x} at offset {offset} (canonical JSON has no whitespace)")]
    UnexpectedByte {
        /// Byte offset.
        offset: usize,
        /// The byte.
        byte: u8,
    },
    /// Bytes after the single top-level value.
    #[error("trailing bytes at offset {offset}")]
    TrailingBytes {
        /// Byte offset.
        offset: usize,
    },
    /// A number not written as ECMAScript writes it (`1.0`, `1E5`, `-0`, …) or beyond the double range.
    #[error("number at offset {offset} is not in ECMAScript canonical form")]
    NonCanonicalNumber {
        /// Byte offset of the number.
        offset: usize,
    },
    /// An escape that canonical form does not use, or a raw control character.
    #[error("string at offset {offset} is not escaped canonically")]
    NonCanonicalString {
        /// Byte offset.
        offset: usize,
    },
    /// An object key not strictly after the previous one in UTF-16 order (or repeated).
    #[error("object key at offset {offset} is not in UTF-16 order after the previous key")]
    KeyOrder {
        /// Byte offset of the key.
        offset: usize,
    },
    /// Arrays/objects nest deeper than [`MAX_DEPTH`].
    #[error("nesting deeper than {MAX_DEPTH} levels at offset {offset}")]
    TooDeep {
        /// Byte offset.
        offset: usize,
    },
}

/// A JSON text known to be in canonical form; made only by
/// [`CanonicalStr::new`], which checks it without allocating.
///
/// ```
/// use pacspace_proof::canonical::CanonicalStr;
/// assert!(CanonicalStr::new(r#"{"a":[1,2.5,"x"],"b":null}"#).is_ok());
/// assert!(CanonicalStr::new(r#"{"b":1,"a":2}"#).is_err());   // key order
/// assert!(CanonicalStr::new(r#"{"a": 1}"#).is_err());        // whitespace
/// assert!(CanonicalStr::new(r#"[1.0]"#).is_err());           // number form
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CanonicalStr<'a>(&'a str);

impl<'a> CanonicalStr<'a> {
    /// Checks that `text` is canonical JSON and wraps it.
    ///
    /// ```
    /// let meta = pacspace_proof::canonical::CanonicalStr::new(r#"{"plan":"growth"}"#).unwrap();
    /// assert_eq!(meta.as_str(), r#"{"plan":"growth"}"#);
    /// ```
    pub fn new(text: &'a str) -> Result<Self, CanonicalTextError> {
        let mut p = Checker {
            bytes: text.as_bytes(),
            pos: 0,
        };
        p.value(0)?;
        if p.pos != p.bytes.len() {
            return Err(CanonicalTextError::TrailingBytes { offset: p.pos });
        }
        Ok(CanonicalStr(text))
    }

    /// Wraps text this crate wrote with its own canonical writer.
    #[cfg(feature = "alloc")]
    pub(crate) fn from_writer(text: &'a str) -> Self {
        CanonicalStr(text)
    }

    /// The text.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::canonical::CanonicalStr::new("[]").unwrap().as_str(), "[]");
    /// ```
    pub fn as_str(&self) -> &'a str {
        self.0
    }
}

struct Checker<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Checker<'a> {
    fn peek(&self) -> Result<u8, CanonicalTextError> {
        self.bytes
            .get(self.pos)
            .copied()
            .ok_or(CanonicalTextError::UnexpectedEnd)
    }

    fn unexpected(&self) -> CanonicalTextError {
        match self.bytes.get(self.pos) {
            Some(&byte) => CanonicalTextError::UnexpectedByte {
                offset: self.pos,
                byte,
            },
            None => CanonicalTextError::UnexpectedEnd,
        }
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), CanonicalTextError> {
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    fn value(&mut self, depth: usize) -> Result<(), CanonicalTextError> {
        match self.peek()? {
            b'n' => self.literal(b"null"),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'"' => self.string().map(|_| ()),
            b'-' | b'0'..=b'9' => self.number(),
            b'[' => self.array(depth),
            b'{' => self.object(depth),
            _ => Err(self.unexpected()),
        }
    }

    fn enter(&mut self, depth: usize) -> Result<(), CanonicalTextError> {
        if depth >= MAX_DEPTH {
            return Err(CanonicalTextError::TooDeep { offset: self.pos });
        }
        self.pos += 1;
        Ok(())
    }

    fn array(&mut self, depth: usize) -> Result<(), CanonicalTextError> {
        self.enter(depth)?;
        if self.peek()? == b']' {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.value(depth + 1)?;
            match self.peek()? {
                b',' => self.pos += 1,
                b']' => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(self.unexpected()),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<(), CanonicalTextError> {
        self.enter(depth)?;
        if self.peek()? == b'}' {
            self.pos += 1;
            return Ok(());
        }
        let mut previous: Option<&'a [u8]> = None;
        loop {
            if self.peek()? != b'"' {
                return Err(self.unexpected());
            }
            let offset = self.pos;
            let key = self.string()?;
            if let Some(prev) = previous
                && utf16_units(prev).cmp(utf16_units(key)) != core::cmp::Ordering::Less
            {
                return Err(CanonicalTextError::KeyOrder { offset });
            }
            previous = Some(key);
            if self.peek()? != b':' {
                return Err(self.unexpected());
            }
            self.pos += 1;
            self.value(depth + 1)?;
            match self.peek()? {
                b',' => self.pos += 1,
                b'}' => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(self.unexpected()),
            }
        }
    }

    /// Checks a string token; returns its raw (still escaped) content.
    fn string(&mut self) -> Result<&'a [u8], CanonicalTextError> {
        let bytes = self.bytes;
        let start = self.pos + 1;
        let mut i = start;
        loop {
            let b = *bytes.get(i).ok_or(CanonicalTextError::UnexpectedEnd)?;
            match b {
                b'"' => {
                    self.pos = i + 1;
                    return bytes.get(start..i).ok_or(CanonicalTextError::UnexpectedEnd);
                }
                b'\\' => {
                    let e = *bytes.get(i + 1).ok_or(CanonicalTextError::UnexpectedEnd)?;
                    i += match e {
                        b'"' | b'\\' | b'b' | b't' | b'n' | b'f' | b'r' => 2,
                        b'u' => {
                            // Only \u00xx for controls without a short escape, lowercase hex.
                            let hex = bytes.get(i + 2..i + 6).ok_or(CanonicalTextError::UnexpectedEnd)?;
                            let cp = parse_hex4(hex)
                                .ok_or(CanonicalTextError::NonCanonicalString { offset: i })?;
                            let lower = hex.iter().all(|c| !c.is_ascii_uppercase());
                            if cp >= 0x20 || matches!(cp, 0x08 | 0x09 | 0x0a | 0x0c | 0x0d) || !lower {
                                return Err(CanonicalTextError::NonCanonicalString { offset: i });
                            }
                            6
                        }
                        _ => return Err(CanonicalTextError::NonCanonicalString { offset: i }),
                    };
                }
                0x00..=0x1f => return Err(CanonicalTextError::NonCanonicalString { offset: i }),
                _ => i += 1,
            }
        }
    }

    fn number(&mut self) -> Result<(), CanonicalTextError> {
        let start = self.pos;
        let mut end = start;
        while let Some(b) = self.bytes.get(end) {
            if matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') {
                end += 1;
            } else {
                break;
            }
        }
        let bad = CanonicalTextError::NonCanonicalNumber { offset: start };
        let token = self.bytes.get(start..end).ok_or(bad)?;
        let text = core::str::from_utf8(token).map_err(|_| bad)?;
        // Rust's float grammar is looser than JSON's ("inf", "+1", ".5"), but
        // only the exact ECMAScript rendering of the value is accepted below,
        // and that is always valid JSON.
        let value: f64 = text.parse().map_err(|_| bad)?;
        let mut rendered = FixedBuf { buf: [0; 32], len: 0 };
        write_number(&mut rendered, value).map_err(|_| bad)?;
        if rendered.as_bytes() != token {
            return Err(bad);
        }
        self.pos = end;
        Ok(())
    }
}

fn parse_hex4(hex: &[u8]) -> Option<u32> {
    hex.iter()
        .try_fold(0u32, |acc, &c| Some(acc * 16 + char::from(c).to_digit(16)?))
}

/// The UTF-16 code units of a canonically escaped string's content.
fn utf16_units(raw: &[u8]) -> impl Iterator<Item = u16> + '_ {
    decoded_chars(raw).flat_map(|c| {
        let mut buf = [0u16; 2];
        let len = c.encode_utf16(&mut buf).len();
        buf.into_iter().take(len)
    })
}

/// Characters of a canonically escaped string's content (already checked).
fn decoded_chars(raw: &[u8]) -> impl Iterator<Item = char> + '_ {
    let text = core::str::from_utf8(raw).unwrap_or("");
    let mut chars = text.chars();
    core::iter::from_fn(move || {
        let c = chars.next()?;
        if c != '\\' {
            return Some(c);
        }
        Some(match chars.next()? {
            'b' => '\u{8}',
            't' => '\t',
            'n' => '\n',
            'f' => '\u{c}',
            'r' => '\r',
            'u' => {
                let mut cp = 0u32;
                for _ in 0..4 {
                    cp = cp * 16 + chars.next()?.to_digit(16)?;
                }
                char::from_u32(cp)?
            }
            other => other,
        })
    })
}

/// A small stack buffer for one rendered number (at most 25 bytes).
struct FixedBuf {
    buf: [u8; 32],
    len: usize,
}

impl FixedBuf {
    fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }
}

impl crate::canonical::Sink for FixedBuf {
    fn write(&mut self, bytes: &[u8]) {
        if let Some(dst) = self.buf.get_mut(self.len..self.len + bytes.len()) {
            dst.copy_from_slice(bytes);
            self.len += bytes.len();
        } else {
            // Cannot happen for ECMAScript number text; make the result unequal.
            self.len = self.buf.len();
        }
    }
}
