//! The chain check over a JSONL stream (`std`): one receipt per line, read
//! with a bound on each line's length.

use super::{ChainInputError, ChainReport, ChainVerifier};
use alloc::string::ToString;
use alloc::vec::Vec;

/// Checks a JSONL stream line by line in constant memory. No line may be
/// longer than `max_line_bytes` ([`DEFAULT_MAX_LINE_BYTES`]): a longer one
/// stops the check before it is buffered. `progress` is called with the
/// bytes consumed so far after each line.
///
/// ```
/// use pacspace_proof::chain::{verify_chain_jsonl, ChainInputError, DEFAULT_MAX_LINE_BYTES};
/// let report = verify_chain_jsonl(&b"\n"[..], DEFAULT_MAX_LINE_BYTES, |_| {}).unwrap();
/// assert_eq!(report.lines, 1);
/// let long = vec![b'x'; 100];
/// assert_eq!(verify_chain_jsonl(&long[..], 10, |_| {}).unwrap_err(), ChainInputError::LineTooLong { line: 1, limit: 10 });
/// ```
pub fn verify_chain_jsonl<R: std::io::BufRead>(
    mut reader: R,
    max_line_bytes: usize,
    mut progress: impl FnMut(u64),
) -> Result<ChainReport, ChainInputError> {
    let mut verifier = ChainVerifier::new();
    let mut line = Vec::new();
    let mut consumed: u64 = 0;
    loop {
        line.clear();
        let mut saw_bytes = false;
        loop {
            let chunk = reader
                .fill_buf()
                .map_err(|e| ChainInputError::Io(e.to_string()))?;
            if chunk.is_empty() {
                break;
            }
            saw_bytes = true;
            let (take, end) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            let content = if end { take - 1 } else { take };
            if line.len().saturating_add(content) > max_line_bytes {
                return Err(ChainInputError::LineTooLong {
                    line: verifier.lines + 1,
                    limit: max_line_bytes,
                });
            }
            line.extend_from_slice(chunk.get(..content).unwrap_or_default());
            reader.consume(take);
            consumed += take as u64;
            if end {
                break;
            }
        }
        if !saw_bytes {
            break;
        }
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        verifier.push_line(&line)?;
        progress(consumed);
    }
    Ok(verifier.finish())
}
