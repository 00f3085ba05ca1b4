//! Reading a JSONL stream in chunks of whole lines (`std`), so that the
//! lines of a chunk can be parsed on several threads while the order of the
//! lines is kept for the checks that need it.

use alloc::vec::Vec;
use std::io::{ErrorKind, Read};

/// Why a chunk could not be read.
#[derive(Debug)]
pub(crate) enum ChunkError {
    /// Reading failed.
    Io(std::io::Error),
    /// A line (1-based) is longer than the bound.
    LineTooLong {
        /// 1-based line number.
        line: u64,
    },
}

/// Whole lines read from the stream.
#[derive(Debug, Default)]
pub(crate) struct Chunk {
    pub(crate) bytes: Vec<u8>,
    /// Lines before this chunk.
    pub(crate) lines_before: u64,
    /// Byte offset of the chunk in the stream.
    pub(crate) offset: u64,
}

/// One line of a chunk.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub(crate) number: u64,
    /// The line without its `\n` (and without a `\r` before it).
    pub(crate) text: &'a [u8],
    /// Bytes of the stream consumed once this line is read.
    pub(crate) end: u64,
}

impl Chunk {
    /// The chunk's lines, each checked against `max_line_bytes`.
    pub(crate) fn lines(&self, max_line_bytes: usize) -> Result<Vec<Line<'_>>, ChunkError> {
        let mut out = Vec::new();
        let mut start = 0usize;
        let mut number = self.lines_before;
        let mut push = |start: usize, end: usize, consumed: usize| {
            number += 1;
            let raw = self.bytes.get(start..end).unwrap_or_default();
            if raw.len() > max_line_bytes {
                return Err(ChunkError::LineTooLong { line: number });
            }
            let text = raw.strip_suffix(b"\r").unwrap_or(raw);
            out.push(Line {
                number,
                text,
                end: self.offset + consumed as u64,
            });
            Ok(())
        };
        for nl in memchr::memchr_iter(b'\n', &self.bytes) {
            push(start, nl, nl + 1)?;
            start = nl + 1;
        }
        if start < self.bytes.len() {
            push(start, self.bytes.len(), self.bytes.len())?;
        }
        Ok(out)
    }
}

/// Reads chunks of about `chunk_bytes`, each ending at a line end (or at the
/// end of the stream). A line longer than `max_line_bytes` stops the reading
/// before more than `chunk_bytes + max_line_bytes` bytes are held.
#[derive(Debug)]
pub(crate) struct ChunkReader<R> {
    reader: R,
    chunk_bytes: usize,
    max_line_bytes: usize,
    carry: Vec<u8>,
    lines_before: u64,
    offset: u64,
    eof: bool,
}

impl<R: Read> ChunkReader<R> {
    pub(crate) fn new(reader: R, chunk_bytes: usize, max_line_bytes: usize) -> Self {
        ChunkReader {
            reader,
            chunk_bytes: chunk_bytes.max(1),
            max_line_bytes,
            carry: Vec::new(),
            lines_before: 0,
            offset: 0,
            eof: false,
        }
    }

    /// Fills `data` up to `target` bytes or the end of the stream (reading
    /// into the spare capacity: nothing is zeroed first).
    fn fill(&mut self, data: &mut Vec<u8>, target: usize) -> Result<(), ChunkError> {
        while data.len() < target && !self.eof {
            let want = (target - data.len()) as u64;
            data.reserve(target - data.len());
            let got = loop {
                match (&mut self.reader).take(want).read_to_end(data) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                    Err(e) => return Err(ChunkError::Io(e)),
                }
            };
            if got == 0 {
                self.eof = true;
            }
        }
        Ok(())
    }

    /// The next chunk, or `None` at the end of the stream.
    pub(crate) fn next_chunk(&mut self) -> Result<Option<Chunk>, ChunkError> {
        let mut data = core::mem::take(&mut self.carry);
        let mut target = self.chunk_bytes;
        loop {
            self.fill(&mut data, target)?;
            if data.is_empty() {
                return Ok(None);
            }
            let cut = if self.eof {
                data.len()
            } else {
                match memchr::memrchr(b'\n', &data) {
                    Some(nl) => nl + 1,
                    None => {
                        // No line end yet: one line longer than what is held.
                        if data.len() > self.max_line_bytes {
                            return Err(ChunkError::LineTooLong {
                                line: self.lines_before + 1,
                            });
                        }
                        target = data.len().saturating_add(self.chunk_bytes);
                        continue;
                    }
                }
            };
            self.carry = data.split_off(cut);
            let lines = memchr::memchr_iter(b'\n', &data).count() as u64
                + u64::from(data.last().is_some_and(|&b| b != b'\n'));
            let chunk = Chunk {
                bytes: data,
                lines_before: self.lines_before,
                offset: self.offset,
            };
            self.lines_before += lines;
            self.offset += chunk.bytes.len() as u64;
            return Ok(Some(chunk));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_lines(text: &[u8], chunk: usize, max: usize) -> Result<Vec<(u64, Vec<u8>, u64)>, u64> {
        let mut r = ChunkReader::new(text, chunk, max);
        let mut out = Vec::new();
        loop {
            match r.next_chunk() {
                Ok(Some(c)) => match c.lines(max) {
                    Ok(ls) => out.extend(ls.iter().map(|l| (l.number, l.text.to_vec(), l.end))),
                    Err(ChunkError::LineTooLong { line }) => return Err(line),
                    Err(ChunkError::Io(_)) => return Err(0),
                },
                Ok(None) => return Ok(out),
                Err(ChunkError::LineTooLong { line }) => return Err(line),
                Err(ChunkError::Io(_)) => return Err(0),
            }
        }
    }

    #[test]
    fn lines_are_the_same_whatever_the_chunk_size() {
        let text = b"a\r\n\nbcd\nefghij\nk";
        let expected = all_lines(text, 1 << 20, 100).unwrap();
        assert_eq!(expected.len(), 5);
        assert_eq!(expected[0], (1, b"a".to_vec(), 3));
        assert_eq!(expected[4], (5, b"k".to_vec(), text.len() as u64));
        for chunk in 1..20 {
            assert_eq!(all_lines(text, chunk, 100).unwrap(), expected, "chunk {chunk}");
        }
        assert_eq!(all_lines(b"x\n", 4, 10).unwrap().len(), 1);
        assert!(all_lines(b"", 4, 10).unwrap().is_empty());
    }

    #[test]
    fn long_lines_are_refused_with_their_number() {
        for chunk in [1, 3, 64] {
            assert_eq!(all_lines(b"ab\ncdefgh\nij", chunk, 5), Err(2), "chunk {chunk}");
            assert_eq!(all_lines(&[b'x'; 100], chunk, 10), Err(1), "chunk {chunk}");
        }
    }
}
