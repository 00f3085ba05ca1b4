//! The submitted deltas' reader (JSONL or CSV, `std`): lines parsed and
//! their items hashed [`DELTA_GROUP`] at a time on the multi-lane Keccak, then
//! applied to the audit in line order.

use super::csv::{CsvError, CsvReader};
use super::deltas::{CsvColumns, DeltaError, DeltaFields, DeltaFormat, Prepared, jsonl_fields};
use super::engine::{Audit, AuditError, LineError};
use super::problems::Source;
use super::read::{Parsed, chunk_err, pipeline};
use super::store::ParsedDelta;
use crate::chain::chunks::{Chunk, ChunkReader, Line};
use crate::hashing::bulk::delta_item_hashes;
use crate::{DeltaItem, ItemMapping};
use std::io::{BufReader, Read};
use std::string::{String, ToString};
use std::vec::Vec;

/// Bytes per chunk of deltas (smaller: a parsed delta is larger than its line).
const DELTA_CHUNK: usize = 1 << 20;
/// CSV records hashed together.
const CSV_BATCH: usize = 8192;
/// Delta lines hashed together, side by side on the multi-lane Keccak.
const DELTA_GROUP: usize = 64;

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
    if format == DeltaFormat::Csv {
        return read_csv(audit, reader, progress);
    }
    let chunks = ChunkReader::new(reader, DELTA_CHUNK, limit);
    pipeline(
        audit,
        chunks,
        chunk_err(Source::Deltas, limit),
        |chunk, _| parse_delta_chunk(chunk, limit, mapping),
        |audit, _, d: Option<ParsedDelta>| d.map_or(Ok(()), |d| audit.add_parsed(d)),
        progress,
    )
}

/// A delta line that does not parse or hash.
fn bad_delta(line: u64, error: DeltaError) -> AuditError {
    AuditError::Line {
        source: Source::Deltas,
        line,
        error: LineError::Delta(error),
    }
}

/// Parses a chunk of delta lines in groups of [`DELTA_GROUP`] (on rayon's
/// threads with `parallel`), each group's items hashed together.
fn parse_delta_chunk(
    chunk: &Chunk,
    limit: usize,
    mapping: ItemMapping,
) -> Result<Parsed<Option<ParsedDelta>>, AuditError> {
    let lines = chunk.lines(limit).map_err(chunk_err(Source::Deltas, limit))?;
    #[cfg(feature = "parallel")]
    let groups: Vec<DeltaGroup> = {
        use rayon::prelude::*;
        lines
            .par_chunks(DELTA_GROUP)
            .map(|g| delta_group(g, mapping))
            .collect()
    };
    #[cfg(not(feature = "parallel"))]
    let groups: Vec<DeltaGroup> = lines
        .chunks(DELTA_GROUP)
        .map(|g| delta_group(g, mapping))
        .collect();
    Ok(Parsed {
        lines: groups.into_iter().flatten().collect(),
        end: chunk.offset + chunk.bytes.len() as u64,
    })
}

/// Each line's result, in line order.
type DeltaGroup = Vec<(u64, Result<Option<ParsedDelta>, AuditError>)>;

/// Parses a few delta lines and hashes their items side by side
/// (`hashing::bulk`); blank lines give `None`. Should the bulk call refuse
/// an item, the group is hashed one by one so each line gets its own answer.
fn delta_group(lines: &[Line<'_>], mapping: ItemMapping) -> DeltaGroup {
    let mut out: DeltaGroup = Vec::with_capacity(lines.len());
    let mut fields: Vec<(usize, u64, DeltaFields<'_>)> = Vec::with_capacity(lines.len());
    for l in lines {
        if l.text.iter().all(u8::is_ascii_whitespace) {
            out.push((l.number, Ok(None)));
            continue;
        }
        match jsonl_fields(l.text) {
            Ok(f) => {
                // Filled in below, from the hash of its item.
                fields.push((out.len(), l.number, f));
                out.push((l.number, Ok(None)));
            }
            Err(e) => out.push((l.number, Err(bad_delta(l.number, e)))),
        }
    }
    let mut ready: Vec<(usize, u64, Prepared<'_>)> = Vec::with_capacity(fields.len());
    for (pos, line, f) in &fields {
        match f.prepare() {
            Ok(p) => ready.push((*pos, *line, p)),
            Err(e) => set(&mut out, *pos, Err(bad_delta(*line, e))),
        }
    }
    let items: Vec<DeltaItem<'_>> = ready.iter().map(|(_, _, p)| p.item()).collect();
    match delta_item_hashes(&items, mapping) {
        Ok(hashes) => {
            for ((pos, line, p), hash) in ready.iter().zip(hashes) {
                set(&mut out, *pos, Ok(Some(p.finish(*line, hash))));
            }
        }
        Err(_) => {
            for (pos, line, p) in &ready {
                let one = p.item().item_hash(mapping);
                let result = one.map(|hash| Some(p.finish(*line, hash)));
                set(
                    &mut out,
                    *pos,
                    result.map_err(|e| bad_delta(*line, DeltaError::Number(e))),
                );
            }
        }
    }
    out
}

fn set(out: &mut DeltaGroup, pos: usize, result: Result<Option<ParsedDelta>, AuditError>) {
    if let Some(slot) = out.get_mut(pos) {
        slot.1 = result;
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::format;

    /// `n` delta lines of every shape the reader meets: metadata in and out
    /// of canonical form, no referenceId, amounts that need the ECMAScript
    /// shortest form, blank lines.
    fn lines(n: usize) -> String {
        let mut text = String::new();
        for i in 0..n {
            let line = match i % 5 {
                0 => format!(
                    r#"{{"customerId":"c{i}","delta":{i}.1,"reason":"api_call","referenceId":"r{i}"}}"#
                ),
                1 => format!(
                    r#"{{"customerId":"c{i}","delta":-1e-7,"reason":"fee","metadata":{{"z":1,"a":[{i},"é"]}}}}"#
                ),
                2 => format!(
                    r#"{{"customerId":"c{i}","delta":0.30000000000000004,"reason":"r","metadata":{{"a":{i}}}}}"#
                ),
                3 => String::from("   "),
                _ => format!(r#"{{"customerId":"c\"{i}","delta":1e21,"reason":"x","referenceId":null}}"#),
            };
            text.push_str(&line);
            text.push('\n');
        }
        text
    }

    fn group_results(text: &str) -> DeltaGroup {
        let mut chunks = ChunkReader::new(text.as_bytes(), 1 << 20, 1 << 16);
        let chunk = chunks.next_chunk().unwrap().unwrap();
        parse_delta_chunk(&chunk, 1 << 16, ItemMapping::default())
            .unwrap()
            .lines
    }

    #[test]
    fn grouped_hashes_equal_one_by_one() {
        let text = lines(300);
        let grouped = group_results(&text);
        assert_eq!(grouped.len(), 300);
        for ((number, result), line) in grouped.into_iter().zip(text.lines()) {
            let got = result.unwrap();
            if line.trim().is_empty() {
                assert!(got.is_none(), "line {number}");
                continue;
            }
            let want = jsonl_fields(line.as_bytes())
                .unwrap()
                .parse(number, ItemMapping::default())
                .unwrap();
            let got = got.unwrap();
            assert_eq!(
                (got.line, got.hash, &got.customer),
                (want.line, want.hash, &want.customer)
            );
        }
    }

    #[test]
    fn a_bad_line_inside_a_group_is_named_and_its_neighbours_still_hash() {
        let mut text = lines(100);
        // Line 71: an amount no double holds (refused when read); line 72:
        // not JSON at all; both inside the second group of 64.
        text.push_str("{\"customerId\":\"c\",\"delta\":1e400,\"reason\":\"r\"}\n{not json\n");
        text.push_str(&lines(10));
        let grouped = group_results(&text);
        for (number, result) in &grouped {
            match number {
                101 | 102 => {
                    let err = result.as_ref().err().map(ToString::to_string).unwrap_or_default();
                    assert!(err.contains(&format!("line {number}")), "{err}");
                }
                _ => assert!(result.is_ok(), "line {number}"),
            }
        }
        assert_eq!(grouped.len(), 112);
    }
}
