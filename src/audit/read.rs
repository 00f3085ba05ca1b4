//! Streaming readers for the receipts and the answers (`std`), and the chunk
//! pipeline every input goes through (the deltas' reader is `read_deltas`).
//! Lines are read in chunks; with the `parallel` feature each chunk is parsed
//! and hashed on rayon's threads while the previous chunk is applied, in line
//! order, to the audit.

use super::engine::{Audit, AuditError, LineError};
use super::problems::Source;
use super::receipts::{ReadLine, read_receipt_line};
use crate::NodeEncoding;
use crate::chain::cache::ChunkLists;
use crate::chain::chunks::{Chunk, ChunkError, ChunkReader, Line};
use crate::receipt::WireError;
use std::io::{BufRead, Read};
use std::string::ToString;
use std::vec::Vec;

/// Bytes per chunk of receipts.
const RECEIPT_CHUNK: usize = 4 << 20;

/// Maps a chunk reader's error to the audit's, naming the input.
pub(super) fn chunk_err(source: Source, limit: usize) -> impl Fn(ChunkError) -> AuditError {
    move |e| match e {
        ChunkError::Io(e) => AuditError::Io {
            source,
            message: e.to_string(),
        },
        ChunkError::LineTooLong { line } => AuditError::Line {
            source,
            line,
            error: LineError::TooLong { limit },
        },
    }
}

/// A parsed chunk: each line's result, in order, and where the chunk ends.
pub(super) struct Parsed<T> {
    pub(super) lines: Vec<(u64, Result<T, AuditError>)>,
    pub(super) end: u64,
}

/// Reads chunks with `read`, parses them with `parse` (given a hint taken
/// from the audit before the chunk), applies them with `apply`, and reports
/// progress after each chunk. Parsing chunk n+1 overlaps applying chunk n.
pub(super) fn pipeline<R: Read + Send, T: Send>(
    audit: &mut Audit,
    mut chunks: ChunkReader<R>,
    err: impl Fn(ChunkError) -> AuditError + Sync,
    parse: impl Fn(&Chunk, Option<NodeEncoding>) -> Result<Parsed<T>, AuditError> + Sync,
    apply: impl Fn(&mut Audit, u64, T) -> Result<(), AuditError> + Sync,
    mut progress: impl FnMut(u64),
) -> Result<(), AuditError> {
    let mut pending: Option<Parsed<T>> = None;
    loop {
        let hint = audit.encoding_hint();
        let apply_pending = |audit: &mut Audit, p: Option<Parsed<T>>| -> Result<Option<u64>, AuditError> {
            let Some(p) = p else { return Ok(None) };
            for (line, item) in p.lines {
                apply(audit, line, item?)?;
            }
            Ok(Some(p.end))
        };
        let read_next = |chunks: &mut ChunkReader<R>| -> Result<Option<Parsed<T>>, AuditError> {
            match chunks.next_chunk().map_err(&err)? {
                Some(c) => parse(&c, hint).map(Some),
                None => Ok(None),
            }
        };
        let taken = pending.take();
        #[cfg(feature = "parallel")]
        let (applied, next) = rayon::join(|| apply_pending(audit, taken), || read_next(&mut chunks));
        #[cfg(not(feature = "parallel"))]
        let (applied, next) = (apply_pending(audit, taken), read_next(&mut chunks));
        if let Some(end) = applied? {
            progress(end);
        }
        match next? {
            Some(p) => pending = Some(p),
            None => return Ok(()),
        }
    }
}

/// Reads the receipts export into `audit`; `progress` gets the bytes read so far.
///
/// ```
/// use pacspace_proof::audit::{Audit, read_receipts};
/// let mut audit = Audit::new(Default::default());
/// read_receipts(&mut audit, &b"\n\n"[..], |_| {}).unwrap();
/// assert_eq!(audit.finish().receipts.lines, 2);
/// ```
pub fn read_receipts<R: Read + Send>(
    audit: &mut Audit,
    reader: R,
    progress: impl FnMut(u64),
) -> Result<(), AuditError> {
    let limit = audit.opts.max_line_bytes;
    let chunks = ChunkReader::new(reader, RECEIPT_CHUNK, limit);
    let wire = |line: u64| {
        move |e: WireError| AuditError::Line {
            source: Source::Receipts,
            line,
            error: LineError::Receipt(e),
        }
    };
    let carried = std::sync::Mutex::new(None);
    let decoded = std::sync::atomic::AtomicU64::new(0);
    let reused = std::sync::atomic::AtomicU64::new(0);
    let result = pipeline(
        audit,
        chunks,
        chunk_err(Source::Receipts, limit),
        |chunk, hint| {
            let lines = chunk.lines(limit).map_err(chunk_err(Source::Receipts, limit))?;
            #[cfg(feature = "parallel")]
            let first: Vec<Result<ReadLine<'_>, AuditError>> = {
                use rayon::prelude::*;
                lines
                    .par_iter()
                    .with_min_len(64)
                    .map(|l| read_one(l, hint))
                    .collect()
            };
            #[cfg(not(feature = "parallel"))]
            let first: Vec<Result<ReadLine<'_>, AuditError>> =
                lines.iter().map(|l| read_one(l, hint)).collect();
            let keys: Vec<_> = first
                .iter()
                .map(|r| r.as_ref().ok().and_then(ReadLine::list_key))
                .collect();
            let lists = match carried.lock() {
                Ok(mut c) => ChunkLists::new(&keys, &mut c, hint),
                Err(_) => ChunkLists::new(&keys, &mut None, hint),
            };
            decoded.fetch_add(lists.decoded, std::sync::atomic::Ordering::Relaxed);
            reused.fetch_add(lists.reused, std::sync::atomic::Ordering::Relaxed);
            let finish = |(i, (l, r)): (usize, (&Line<'_>, Result<ReadLine<'_>, AuditError>))| {
                (
                    l.number,
                    r.and_then(|r| r.finish(lists.get(i), hint).map_err(wire(l.number))),
                )
            };
            #[cfg(feature = "parallel")]
            let facts = {
                use rayon::prelude::*;
                lines
                    .par_iter()
                    .zip(first)
                    .enumerate()
                    .with_min_len(64)
                    .map(finish)
                    .collect()
            };
            #[cfg(not(feature = "parallel"))]
            let facts = lines.iter().zip(first).enumerate().map(finish).collect();
            Ok(Parsed {
                lines: facts,
                end: chunk.offset + chunk.bytes.len() as u64,
            })
        },
        |audit, line, fact| {
            audit.apply_fact(fact, line);
            Ok(())
        },
        progress,
    );
    audit.counts.lists_decoded += decoded.into_inner();
    audit.counts.lists_reused += reused.into_inner();
    result
}

fn read_one<'a>(l: &Line<'a>, hint: Option<NodeEncoding>) -> Result<ReadLine<'a>, AuditError> {
    read_receipt_line(l.text, hint).map_err(|e| AuditError::Line {
        source: Source::Receipts,
        line: l.number,
        error: LineError::Receipt(e),
    })
}

/// Reads the balance answers into `audit` (one JSON object per line).
///
/// ```
/// use pacspace_proof::audit::{Audit, read_answers};
/// let mut audit = Audit::new(Default::default());
/// assert!(read_answers(&mut audit, &b"{\"nothing\":1}\n"[..]).is_err());
/// ```
pub fn read_answers<R: BufRead>(audit: &mut Audit, reader: R) -> Result<(), AuditError> {
    let limit = audit.opts.max_line_bytes;
    let mut chunks = ChunkReader::new(reader, 1 << 16, limit);
    while let Some(chunk) = chunks.next_chunk().map_err(chunk_err(Source::Answers, limit))? {
        for line in chunk.lines(limit).map_err(chunk_err(Source::Answers, limit))? {
            audit.push_answer_line(line.text, line.number)?;
        }
    }
    Ok(())
}
