//! The chain check over a JSONL stream (`std`): one receipt per line, read
//! in chunks of whole lines into reused buffers, with a bound on each line's
//! length. With the `parallel` feature and more than one thread, chunks are
//! read into facts on several threads ([`super::pipeline`]); the links are
//! then checked in line order. Errors are reported for the first bad line,
//! whatever the chunks.

use super::chunks::{ChunkBuf, ChunkError, ChunkReader};
use super::{ChainInputError, ChainReport, ChainVerifier};
use alloc::string::ToString;
use alloc::vec::Vec;

/// Bytes per chunk: small, so the check stays in constant (and small) memory.
pub(crate) const CHUNK_BYTES: usize = 64 * 1024;

/// Checks a JSONL stream line by line in constant memory. No line may be
/// longer than `max_line_bytes` ([`DEFAULT_MAX_LINE_BYTES`](super::DEFAULT_MAX_LINE_BYTES)):
/// a longer one stops the check before it is buffered. `progress` is called
/// with the bytes consumed so far after each line.
///
/// ```
/// use pacspace_proof::chain::{verify_chain_jsonl, ChainInputError, DEFAULT_MAX_LINE_BYTES};
/// let report = verify_chain_jsonl(&b"\n"[..], DEFAULT_MAX_LINE_BYTES, |_| {}).unwrap();
/// assert_eq!(report.lines, 1);
/// let long = vec![b'x'; 100];
/// assert_eq!(verify_chain_jsonl(&long[..], 10, |_| {}).unwrap_err(), ChainInputError::LineTooLong { line: 1, limit: 10 });
/// ```
pub fn verify_chain_jsonl<R: std::io::BufRead>(
    reader: R,
    max_line_bytes: usize,
    mut progress: impl FnMut(u64),
) -> Result<ChainReport, ChainInputError> {
    let mut verifier = ChainVerifier::new();
    #[cfg(feature = "parallel")]
    let threads = rayon::current_num_threads();
    #[cfg(feature = "parallel")]
    let chunk_bytes = if threads > 1 {
        super::pipeline::CHUNK_BYTES
    } else {
        CHUNK_BYTES
    };
    #[cfg(not(feature = "parallel"))]
    let chunk_bytes = CHUNK_BYTES;
    let mut chunks = ChunkReader::new(reader, chunk_bytes, max_line_bytes);
    let mut buf = ChunkBuf::default();
    let mut spans = Vec::new();
    while chunks
        .next_into(&mut buf)
        .map_err(|e| read_err(e, max_line_bytes))?
    {
        // Threads only for a stream longer than its first chunk.
        #[cfg(feature = "parallel")]
        if threads > 1 && buf.offset == 0 && !chunks.at_end() {
            return super::pipeline::run(verifier, chunks, buf, threads, max_line_bytes, progress);
        }
        buf.spans(&mut spans);
        for span in &spans {
            let text = buf
                .text(span, max_line_bytes)
                .map_err(|line| too_long(line, max_line_bytes))?;
            verifier.push_line(text)?;
            progress(span.end);
        }
    }
    Ok(verifier.finish())
}

pub(super) fn too_long(line: u64, limit: usize) -> ChainInputError {
    ChainInputError::LineTooLong { line, limit }
}

pub(super) fn read_err(e: ChunkError, limit: usize) -> ChainInputError {
    match e {
        ChunkError::Io(e) => ChainInputError::Io(e.to_string()),
        ChunkError::LineTooLong { line } => too_long(line, limit),
    }
}
