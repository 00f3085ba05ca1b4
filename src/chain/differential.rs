//! The chain line's two readers side by side: the hand scanner (with its
//! memory of the last list and ids) and serde must give every line the same
//! fact or the same error. The scanner's unit tests and the `chain_scanner`
//! fuzz target both judge it with [`readers_disagree`].

use super::cache::RootCache;
use super::line::{LineReader, parse_chain_line};
use alloc::format;
use alloc::string::String;

/// Reads `lines` in order with one reused reader (the scanner, remembering
/// the previous lines), and each line again with serde alone and with a fresh
/// reader; returns the first line on which they disagree, described, or
/// `None` when every line gave the same fact or the same error all three
/// ways. Blank lines are skipped, as the chain check skips them.
///
/// Not part of the verification API: it exists so that a fuzzer outside the
/// crate can compare the readers.
///
/// ```
/// use pacspace_proof::chain::readers_disagree;
/// let h = format!("0x{}", "ab".repeat(32));
/// let line = format!(r#"{{"proofHash":"{h}","contentHash":"{h}","itemHashes":["{h}"]}}"#);
/// assert_eq!(readers_disagree(&[line.as_bytes(), b"{", line.as_bytes()]), None);
/// ```
#[doc(hidden)]
pub fn readers_disagree(lines: &[&[u8]]) -> Option<String> {
    let mut reused = LineReader::default();
    for (i, line) in lines.iter().enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let line_no = i as u64 + 1;
        let serde = parse_chain_line(line, line_no, &mut RootCache::default(), None).map(Some);
        // The chain's encoding hint only orders the encodings tried; serde
        // above tries them from the first, so the scanner does too.
        reused.hint = None;
        let scanned = reused.read(line, line_no);
        let fresh = LineReader::default().read(line, line_no);
        if scanned != serde || fresh != serde {
            return Some(format!(
                "line {line_no} {:?}: serde {serde:?}, scanner after the lines before {scanned:?}, scanner alone {fresh:?}",
                String::from_utf8_lossy(line)
            ));
        }
    }
    None
}
