//! A JSON string as JavaScript holds it: any sequence of UTF-16 code units,
//! lone surrogates included (which Rust's `str` cannot hold).
//!
//! Stored as WTF-8: UTF-8 in which a lone surrogate takes the three-byte form
//! of its code point (`ED A0..BF xx`); a high surrogate followed by a low one
//! is always stored as the supplementary character they form, so equal
//! strings have equal bytes.

use crate::canonical::Sink;
use crate::canonical::string::write_string_content;
use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Ordering;
use core::fmt;

/// A string that may hold lone surrogates.
///
/// ```
/// use pacspace_proof::canonical::JsonString;
/// let mut s = JsonString::from("a");
/// s.push_code_unit(0xd83d);
/// assert!(s.has_lone_surrogate());
/// s.push_code_unit(0xde00); // completes the pair: U+1F600
/// assert_eq!(s.as_str(), Some("a😀"));
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct JsonString {
    bytes: Vec<u8>,
}

/// One element of a [`JsonString`]: a character or a lone surrogate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A Unicode scalar value.
    Char(char),
    /// A lone surrogate code unit (`0xD800..=0xDFFF`).
    Lone(u16),
}

impl JsonString {
    /// An empty string.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::canonical::JsonString::new().as_str(), Some(""));
    /// ```
    pub const fn new() -> Self {
        JsonString { bytes: Vec::new() }
    }

    /// Appends a character.
    ///
    /// ```
    /// let mut s = pacspace_proof::canonical::JsonString::new();
    /// s.push_char('é');
    /// assert_eq!(s.as_str(), Some("é"));
    /// ```
    pub fn push_char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }

    /// Appends text.
    ///
    /// ```
    /// let mut s = pacspace_proof::canonical::JsonString::new();
    /// s.push_str("ab");
    /// assert_eq!(s.as_str(), Some("ab"));
    /// ```
    pub fn push_str(&mut self, text: &str) {
        self.bytes.extend_from_slice(text.as_bytes());
    }

    /// Appends one UTF-16 code unit, as a `\uXXXX` escape does: a low
    /// surrogate right after a lone high one joins it into one character.
    ///
    /// ```
    /// let mut s = pacspace_proof::canonical::JsonString::new();
    /// s.push_code_unit(0xdc00);
    /// s.push_code_unit(0x41);
    /// assert_eq!(s.units().collect::<Vec<_>>(),
    ///            [pacspace_proof::canonical::Unit::Lone(0xdc00), pacspace_proof::canonical::Unit::Char('A')]);
    /// ```
    pub fn push_code_unit(&mut self, unit: u16) {
        let cp = u32::from(unit);
        if (0xdc00..=0xdfff).contains(&cp)
            && let Some(high) = self.trailing_high_surrogate()
        {
            let joined = 0x10000 + ((high - 0xd800) << 10) + (cp - 0xdc00);
            self.bytes.truncate(self.bytes.len().saturating_sub(3));
            if let Some(c) = char::from_u32(joined) {
                self.push_char(c);
            }
            return;
        }
        match char::from_u32(cp) {
            Some(c) => self.push_char(c),
            // A surrogate: its generalized UTF-8 form.
            None => self.bytes.extend_from_slice(&[
                0xe0 | (cp >> 12) as u8,
                0x80 | ((cp >> 6) & 0x3f) as u8,
                0x80 | (cp & 0x3f) as u8,
            ]),
        }
    }

    fn trailing_high_surrogate(&self) -> Option<u32> {
        match self
            .bytes
            .len()
            .checked_sub(3)
            .and_then(|at| self.bytes.get(at..))
        {
            Some(&[0xed, b1 @ 0xa0..=0xaf, b2]) => {
                Some(0xd000 | (u32::from(b1 & 0x3f) << 6) | u32::from(b2 & 0x3f))
            }
            _ => None,
        }
    }

    /// The text, when it holds no lone surrogate.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::canonical::JsonString::from("x").as_str(), Some("x"));
    /// ```
    pub fn as_str(&self) -> Option<&str> {
        core::str::from_utf8(&self.bytes).ok()
    }

    /// Whether a lone surrogate is present.
    ///
    /// ```
    /// assert!(!pacspace_proof::canonical::JsonString::from("x").has_lone_surrogate());
    /// ```
    pub fn has_lone_surrogate(&self) -> bool {
        self.as_str().is_none()
    }

    /// The text with each lone surrogate replaced by U+FFFD.
    ///
    /// ```
    /// let mut s = pacspace_proof::canonical::JsonString::from("a");
    /// s.push_code_unit(0xd800);
    /// assert_eq!(s.to_string_lossy(), "a\u{fffd}");
    /// ```
    pub fn to_string_lossy(&self) -> String {
        self.units()
            .map(|u| match u {
                Unit::Char(c) => c,
                Unit::Lone(_) => char::REPLACEMENT_CHARACTER,
            })
            .collect()
    }

    /// The characters and lone surrogates, in order.
    ///
    /// ```
    /// use pacspace_proof::canonical::{JsonString, Unit};
    /// assert_eq!(JsonString::from("é").units().collect::<Vec<_>>(), [Unit::Char('é')]);
    /// ```
    pub fn units(&self) -> impl Iterator<Item = Unit> + '_ {
        let mut rest = self.bytes.as_slice();
        core::iter::from_fn(move || {
            let (unit, len) = decode(rest)?;
            rest = rest.get(len..).unwrap_or(&[]);
            Some(unit)
        })
    }

    /// The UTF-16 code units, in order.
    ///
    /// ```
    /// let units: Vec<u16> = pacspace_proof::canonical::JsonString::from("a😀").code_units().collect();
    /// assert_eq!(units, [0x61, 0xd83d, 0xde00]);
    /// ```
    pub fn code_units(&self) -> impl Iterator<Item = u16> + '_ {
        self.units().flat_map(|u| {
            let mut buf = [0u16; 2];
            let len = match u {
                Unit::Char(c) => c.encode_utf16(&mut buf).len(),
                Unit::Lone(s) => {
                    buf[0] = s;
                    1
                }
            };
            buf.into_iter().take(len)
        })
    }

    /// Compares as sequences of UTF-16 code units (RFC 8785's key order).
    ///
    /// ```
    /// use pacspace_proof::canonical::JsonString;
    /// use core::cmp::Ordering;
    /// assert_eq!(JsonString::from("😀").cmp_code_units(&JsonString::from("｡")), Ordering::Less);
    /// ```
    pub fn cmp_code_units(&self, other: &JsonString) -> Ordering {
        self.code_units().cmp(other.code_units())
    }

    /// The WTF-8 bytes.
    pub(crate) fn wtf8(&self) -> &[u8] {
        &self.bytes
    }

    /// Writes the string's canonical escaped form with quotes; a lone
    /// surrogate is handed to `lone`, which writes it or refuses it.
    pub(crate) fn write_escaped<S: Sink + ?Sized, E>(
        &self,
        sink: &mut S,
        mut lone: impl FnMut(&mut S, u16) -> Result<(), E>,
    ) -> Result<(), E> {
        sink.write(b"\"");
        let mut rest = self.bytes.as_slice();
        while !rest.is_empty() {
            // A lone surrogate is the only ill-formed UTF-8 stored: split there.
            let (run, tail) = match core::str::from_utf8(rest) {
                Ok(all) => (all, &[][..]),
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    (core::str::from_utf8(good).unwrap_or(""), bad)
                }
            };
            write_string_content(sink, run);
            rest = tail;
            if let Some((unit, len)) = decode(rest) {
                if let Unit::Lone(s) = unit {
                    lone(sink, s)?;
                }
                rest = rest.get(len..).unwrap_or(&[]);
            }
        }
        sink.write(b"\"");
        Ok(())
    }
}

/// Decodes the first unit of generalized UTF-8; a malformed byte (never
/// stored) decodes as U+FFFD and is skipped.
fn decode(bytes: &[u8]) -> Option<(Unit, usize)> {
    let first = *bytes.first()?;
    let (len, init) = match first {
        0x00..=0x7f => return Some((Unit::Char(char::from(first)), 1)),
        0xc0..=0xdf => (2, u32::from(first & 0x1f)),
        0xe0..=0xef => (3, u32::from(first & 0x0f)),
        0xf0..=0xf7 => (4, u32::from(first & 0x07)),
        _ => return Some((Unit::Char(char::REPLACEMENT_CHARACTER), 1)),
    };
    let Some(cont) = bytes.get(1..len) else {
        return Some((Unit::Char(char::REPLACEMENT_CHARACTER), 1));
    };
    let cp = cont.iter().fold(init, |acc, b| (acc << 6) | u32::from(b & 0x3f));
    let unit = match char::from_u32(cp) {
        Some(c) => Unit::Char(c),
        None if (0xd800..=0xdfff).contains(&cp) => Unit::Lone(cp as u16),
        None => Unit::Char(char::REPLACEMENT_CHARACTER),
    };
    Some((unit, len))
}

impl From<&str> for JsonString {
    fn from(text: &str) -> Self {
        JsonString {
            bytes: text.as_bytes().to_vec(),
        }
    }
}

impl From<String> for JsonString {
    fn from(text: String) -> Self {
        JsonString {
            bytes: text.into_bytes(),
        }
    }
}

impl fmt::Debug for JsonString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        for u in self.units() {
            match u {
                Unit::Char(c) => write!(f, "{}", c.escape_debug())?,
                Unit::Lone(s) => write!(f, "\\u{{{s:x}}}")?,
            }
        }
        f.write_str("\"")
    }
}

/// Lone surrogates shown as `\udxxx`, as JavaScript escapes them.
impl fmt::Display for JsonString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for u in self.units() {
            match u {
                Unit::Char(c) => write!(f, "{c}")?,
                Unit::Lone(s) => write!(f, "\\u{s:04x}")?,
            }
        }
        Ok(())
    }
}
