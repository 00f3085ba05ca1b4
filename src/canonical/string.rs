//! JSON strings escaped as `JSON.stringify` (and RFC 8785) escapes them.

use crate::canonical::Sink;
use crate::hashing::hash32::hex_digit;

/// Writes `s` as a canonical JSON string: `"` and `\` escaped, U+0008,
/// U+0009, U+000A, U+000C, U+000D as `\b \t \n \f \r`, other controls below
/// U+0020 as `\u00xx` (lowercase hex), everything else raw UTF-8.
///
/// ```
/// let mut out = Vec::new();
/// pacspace_proof::canonical::write_string(&mut out, "a\"b\\c\n\u{1}/é");
/// assert_eq!(String::from_utf8(out).unwrap(), "\"a\\\"b\\\\c\\n\\u0001/é\"");
/// ```
pub fn write_string<S: Sink + ?Sized>(sink: &mut S, s: &str) {
    sink.write(b"\"");
    write_string_content(sink, s);
    sink.write(b"\"");
}

/// The escaped characters of `s`, without the quotes.
pub(crate) fn write_string_content<S: Sink + ?Sized>(sink: &mut S, s: &str) {
    let bytes = s.as_bytes();
    // Most strings need no escape: one pass without early exit, which the
    // compiler vectorises, then the text in one write.
    let plain = !bytes
        .iter()
        .fold(false, |found, &b| found | (b < 0x20) | (b == b'"') | (b == b'\\'));
    if plain {
        sink.write(bytes);
        return;
    }
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x09 => b"\\t",
            0x0a => b"\\n",
            0x0c => b"\\f",
            0x0d => b"\\r",
            0x00..=0x1f => &[],
            _ => continue,
        };
        if let Some(run) = bytes.get(start..i) {
            sink.write(run);
        }
        if escape.is_empty() {
            sink.write(&[b'\\', b'u', b'0', b'0', hex_digit(b >> 4), hex_digit(b)]);
        } else {
            sink.write(escape);
        }
        start = i + 1;
    }
    if let Some(run) = bytes.get(start..) {
        sink.write(run);
    }
}
