//! Streaming readers for the three inputs (`std`). Lines are read in chunks;
//! with the `parallel` feature each chunk is parsed and hashed on rayon's
//! threads while the previous chunk is applied, in line order, to the audit.

use super::csv::{CsvError, CsvReader};
use super::deltas::{CsvColumns, DeltaError, DeltaFormat, jsonl_fields};
use super::engine::{Audit, AuditError, LineError};
use super::problems::Source;
use super::receipts::{ReadLine, read_receipt_line};
use super::store::ParsedDelta;
use crate::NodeEncoding;
use crate::chain::cache::ChunkLists;
use crate::chain::chunks::{Chunk, ChunkError, ChunkReader, Line};
use crate::receipt::WireError;
use std::io::{BufRead, BufReader, Read};
use std::string::{String, ToString};
use std::vec::Vec;

/// Bytes per chunk of receipts.
const RECEIPT_CHUNK: usize = 4 << 20;
/// Bytes per chunk of deltas (smaller: a parsed delta is larger than its line).
const DELTA_CHUNK: usize = 1 << 20;
/// CSV records hashed together.
const CSV_BATCH: usize = 8192;

fn chunk_err(source: Source, limit: usize) -> impl Fn(ChunkError) -> AuditError {
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
struct Parsed<T> {
    lines: Vec<(u64, Result<T, AuditError>)>,
    end: u64,
}

fn parse_lines<T: Send>(
    chunk: &Chunk,
    source: Source,
    limit: usize,
    f: impl Fn(&Line<'_>) -> Result<T, AuditError> + Sync,
) -> Result<Parsed<T>, AuditError> {
    let lines = chunk.lines(limit).map_err(chunk_err(source, limit))?;
    #[cfg(feature = "parallel")]
    let out = {
        use rayon::prelude::*;
        lines
            .par_iter()
            .with_min_len(64)
            .map(|l| (l.number, f(l)))
            .collect()
    };
    #[cfg(not(feature = "parallel"))]
    let out = lines.iter().map(|l| (l.number, f(l))).collect();
    Ok(Parsed {
        lines: out,
        end: chunk.offset + chunk.bytes.len() as u64,
    })
}

/// Reads chunks with `read`, parses them with `parse` (given a hint taken
/// from the audit before the chunk), applies them with `apply`, and reports
/// progress after each chunk. Parsing chunk n+1 overlaps applying chunk n.
fn pipeline<R: Read + Send, T: Send>(
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

/// Reads the submitted deltas (JSONL or CSV) into `audit`; `progress` gets
/// the bytes read so far.
///
/// ```
/// use pacspace_proof::audit::{Audit, DeltaFormat, read_deltas};
/// let mut audit = Audit::new(Default::default());
/// let csv = "customerId,delta,reason,referenceId,metadata\nc1,0.1,api_call,r1,\n";
/// read_deltas(&mut audit, csv.as_bytes(), DeltaFormat::Csv, |_| {}).unwrap();
/// assert_eq!(audit.finish().deltas.submitted, 1);
/// ```
pub fn read_deltas<R: Read + Send>(
    audit: &mut Audit,
    reader: R,
    format: DeltaFormat,
    progress: impl FnMut(u64),
) -> Result<(), AuditError> {
    let limit = audit.opts.max_line_bytes;
    let mapping = audit.mapping();
    let bad = |line: u64| {
        move |error: DeltaError| AuditError::Line {
            source: Source::Deltas,
            line,
            error: LineError::Delta(error),
        }
    };
    if format == DeltaFormat::Csv {
        return read_csv(audit, reader, progress);
    }
    let chunks = ChunkReader::new(reader, DELTA_CHUNK, limit);
    pipeline(
        audit,
        chunks,
        chunk_err(Source::Deltas, limit),
        |chunk, _| {
            parse_lines(chunk, Source::Deltas, limit, |l| {
                if l.text.iter().all(u8::is_ascii_whitespace) {
                    return Ok(None);
                }
                jsonl_fields(l.text)
                    .and_then(|f| f.parse(l.number, mapping))
                    .map(Some)
                    .map_err(bad(l.number))
            })
        },
        |audit, _, d: Option<ParsedDelta>| d.map_or(Ok(()), |d| audit.add_parsed(d)),
        progress,
    )
}

/// Counts the bytes read through it.
struct Counting<R> {
    inner: R,
    read: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

fn read_csv<R: Read>(audit: &mut Audit, reader: R, mut progress: impl FnMut(u64)) -> Result<(), AuditError> {
    let limit = audit.opts.max_line_bytes;
    let mapping = audit.mapping();
    let mut csv = CsvReader::new(
        BufReader::new(Counting {
            inner: reader,
            read: 0,
        }),
        limit,
    );
    let csv_err = |e: CsvError| match e {
        CsvError::Io(e) => AuditError::Io {
            source: Source::Deltas,
            message: e.to_string(),
        },
        CsvError::Record(line, why) => AuditError::Line {
            source: Source::Deltas,
            line,
            error: LineError::Delta(DeltaError::Csv(why)),
        },
    };
    let Some((_, header)) = csv.next_record().map_err(csv_err)? else {
        return Ok(());
    };
    let columns = CsvColumns::from_header(&header).map_err(|e| AuditError::Line {
        source: Source::Deltas,
        line: 1,
        error: LineError::Delta(e),
    })?;
    loop {
        let mut batch: Vec<(u64, Vec<String>)> = Vec::with_capacity(CSV_BATCH);
        while batch.len() < CSV_BATCH {
            match csv.next_record().map_err(csv_err)? {
                Some((_, cells)) if cells.iter().all(String::is_empty) => {}
                Some(record) => batch.push(record),
                None => break,
            }
        }
        if batch.is_empty() {
            return Ok(());
        }
        let hash = |(line, cells): &(u64, Vec<String>)| {
            columns
                .fields(cells)
                .and_then(|f| f.parse(*line, mapping))
                .map_err(|error| AuditError::Line {
                    source: Source::Deltas,
                    line: *line,
                    error: LineError::Delta(error),
                })
        };
        #[cfg(feature = "parallel")]
        let parsed: Vec<Result<ParsedDelta, AuditError>> = {
            use rayon::prelude::*;
            batch.par_iter().with_min_len(256).map(hash).collect()
        };
        #[cfg(not(feature = "parallel"))]
        let parsed: Vec<Result<ParsedDelta, AuditError>> = batch.iter().map(hash).collect();
        for d in parsed {
            audit.add_parsed(d?)?;
        }
        progress(csv_bytes(&csv));
    }
}

fn csv_bytes<R: Read>(csv: &CsvReader<BufReader<Counting<R>>>) -> u64 {
    csv.inner().get_ref().read
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
