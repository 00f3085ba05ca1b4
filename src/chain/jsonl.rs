//! The chain check over a JSONL stream (`std`): one receipt per line, read
//! in chunks of whole lines with a bound on each line's length. With the
//! `parallel` feature the lines of a chunk are parsed (and their roots
//! computed) on rayon's threads; the links are then checked in line order.

use super::chunks::{Chunk, ChunkError, ChunkReader};
use super::{ChainInputError, ChainReport, ChainVerifier};
use alloc::string::ToString;

/// Bytes per chunk: small, so the check stays in constant (and small) memory.
const CHUNK_BYTES: usize = 64 * 1024;

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
    let mut chunks = ChunkReader::new(reader, CHUNK_BYTES, max_line_bytes);
    let read_err = |e: ChunkError| match e {
        ChunkError::Io(e) => ChainInputError::Io(e.to_string()),
        ChunkError::LineTooLong { line } => ChainInputError::LineTooLong {
            line,
            limit: max_line_bytes,
        },
    };
    #[cfg(feature = "parallel")]
    let mut carried = None;
    while let Some(chunk) = chunks.next_chunk().map_err(read_err)? {
        #[cfg(feature = "parallel")]
        parallel::check_chunk(&mut verifier, &mut carried, &chunk, max_line_bytes, &mut progress)?;
        #[cfg(not(feature = "parallel"))]
        check_chunk(&mut verifier, &chunk, max_line_bytes, &mut progress)?;
    }
    Ok(verifier.finish())
}

#[cfg(not(feature = "parallel"))]
fn check_chunk(
    verifier: &mut ChainVerifier,
    chunk: &Chunk,
    max_line_bytes: usize,
    progress: &mut impl FnMut(u64),
) -> Result<(), ChainInputError> {
    for line in chunk
        .lines(max_line_bytes)
        .map_err(|e| line_err(e, max_line_bytes))?
    {
        verifier.push_line(line.text)?;
        progress(line.end);
    }
    Ok(())
}

fn line_err(e: ChunkError, limit: usize) -> ChainInputError {
    match e {
        ChunkError::Io(e) => ChainInputError::Io(e.to_string()),
        ChunkError::LineTooLong { line } => ChainInputError::LineTooLong { line, limit },
    }
}

#[cfg(feature = "parallel")]
mod parallel {
    use super::super::cache::{Carried, ChunkLists, RootCache};
    use super::super::line::{ChainLine, fact_of_proof, read_chain_line};
    use super::{ChainInputError, ChainVerifier, Chunk, line_err};
    use alloc::vec::Vec;
    use rayon::prelude::*;

    /// Reads the chunk's lines on rayon's threads, decodes each distinct
    /// item list once (also on rayon's threads), then checks the lines in order.
    pub(super) fn check_chunk(
        verifier: &mut ChainVerifier,
        carried: &mut Carried,
        chunk: &Chunk,
        max_line_bytes: usize,
        progress: &mut impl FnMut(u64),
    ) -> Result<(), ChainInputError> {
        let lines = chunk
            .lines(max_line_bytes)
            .map_err(|e| line_err(e, max_line_bytes))?;
        let read: Vec<Result<Option<ChainLine<'_>>, ChainInputError>> = lines
            .par_iter()
            .with_min_len(16)
            .map(|line| {
                if line.text.iter().all(u8::is_ascii_whitespace) {
                    return Ok(None);
                }
                read_chain_line(line.text, line.number).map(Some)
            })
            .collect();
        let keys: Vec<_> = read
            .iter()
            .map(|r| r.as_ref().ok().and_then(|l| l.as_ref()?.list_key()))
            .collect();
        let lists = ChunkLists::new(&keys, carried, verifier.encoding_hint());
        let mut slow = RootCache::with_slots(1);
        for (i, (line, parsed)) in lines.iter().zip(read).enumerate() {
            verifier.count_line();
            match parsed? {
                None => {}
                Some(ChainLine::Proof(p)) => {
                    verifier.apply(&fact_of_proof(&p, &mut slow, verifier.encoding_hint()))
                }
                Some(ChainLine::View(p)) => match lists.get(i) {
                    Some(Ok(batch)) => verifier.apply(&p.fact_from(batch, verifier.encoding_hint()).0),
                    Some(Err(message)) => {
                        return Err(ChainInputError::Json {
                            line: line.number,
                            message: message.clone(),
                        });
                    }
                    None => {}
                },
            }
            progress(line.end);
        }
        Ok(())
    }
}
