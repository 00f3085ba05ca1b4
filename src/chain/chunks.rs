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
}

impl Chunk {
    /// The chunk's lines, each checked against `max_line_bytes`.
    pub(crate) fn lines(&self, max_line_bytes: usize) -> Result<Vec<Line<'_>>, ChunkError> {
        let mut out = Vec::new();
        let mut start = 0usize;
        let mut number = self.lines_before;
        let mut push = |start: usize, end: usize| {
            number += 1;
            let raw = self.bytes.get(start..end).unwrap_or_default();
            if raw.len() > max_line_bytes {
                return Err(ChunkError::LineTooLong { line: number });
            }
            let text = raw.strip_suffix(b"\r").unwrap_or(raw);
            out.push(Line { number, text });
            Ok(())
        };
        for nl in memchr::memchr_iter(b'\n', &self.bytes) {
            push(start, nl)?;
            start = nl + 1;
        }
        if start < self.bytes.len() {
            push(start, self.bytes.len())?;
        }
        Ok(out)
    }
}

/// A chunk read by [`ChunkReader::next_into`] into storage kept from one
/// chunk to the next (allocated and zeroed once).
#[derive(Debug, Default)]
pub(crate) struct ChunkBuf {
    storage: Vec<u8>,
    len: usize,
    /// Lines before this chunk.
    pub(crate) lines_before: u64,
    /// Byte offset of the chunk in the stream.
    pub(crate) offset: u64,
}

/// Where one line of a [`ChunkBuf`] is: no borrow, so that a list of spans
/// can be kept from one chunk to the next.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    /// 1-based line number.
    pub(crate) number: u64,
    start: usize,
    /// End of the line without its `\n`.
    raw_end: usize,
    /// Bytes of the stream consumed once this line is read.
    pub(crate) end: u64,
}

impl ChunkBuf {
    /// Grows the storage to at least `target` bytes, and a little more (a
    /// partial line carried over varies from chunk to chunk): exactly, not
    /// doubled as a `Vec` grows.
    fn make_room(&mut self, target: usize, chunk_bytes: usize) {
        if self.storage.len() < target {
            let size = target.saturating_add(chunk_bytes / 16);
            self.storage.reserve_exact(size - self.storage.len());
            self.storage.resize(size, 0);
        }
    }

    /// The chunk's bytes.
    pub(crate) fn bytes(&self) -> &[u8] {
        self.storage.get(..self.len).unwrap_or_default()
    }

    /// The chunk's lines, in `out` (cleared first). Their length is not checked here.
    pub(crate) fn spans(&self, out: &mut Vec<Span>) {
        out.clear();
        let bytes = self.bytes();
        let mut start = 0usize;
        let mut number = self.lines_before;
        for nl in memchr::memchr_iter(b'\n', bytes) {
            number += 1;
            out.push(Span {
                number,
                start,
                raw_end: nl,
                end: self.offset + nl as u64 + 1,
            });
            start = nl + 1;
        }
        if start < bytes.len() {
            out.push(Span {
                number: number + 1,
                start,
                raw_end: bytes.len(),
                end: self.offset + bytes.len() as u64,
            });
        }
    }

    /// The line's text (without a `\r` before its `\n`), or its 1-based
    /// number when it is longer than `max_line_bytes`.
    pub(crate) fn text(&self, span: &Span, max_line_bytes: usize) -> Result<&[u8], u64> {
        let raw = self.bytes().get(span.start..span.raw_end).unwrap_or_default();
        if raw.len() > max_line_bytes {
            return Err(span.number);
        }
        Ok(raw.strip_suffix(b"\r").unwrap_or(raw))
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

    /// Reads the next chunk into `buf` (false at the end of the stream): the
    /// part of a line left from the chunk before and up to `chunk_bytes`
    /// more, read straight into `buf`'s storage (a `BufReader` whose buffer
    /// is empty hands a request as large as its buffer to the file), cut
    /// after the last line end. A line longer than `max_line_bytes` without
    /// its end stops the reading before more than `chunk_bytes` more are held.
    pub(crate) fn next_into(&mut self, buf: &mut ChunkBuf) -> Result<bool, ChunkError> {
        let mut len = self.carry.len();
        let mut target = len.saturating_add(self.chunk_bytes);
        buf.make_room(target, self.chunk_bytes);
        if let Some(head) = buf.storage.get_mut(..len) {
            head.copy_from_slice(&self.carry);
        }
        self.carry.clear();
        loop {
            while len < target && !self.eof {
                buf.make_room(target, self.chunk_bytes);
                let Some(space) = buf.storage.get_mut(len..target) else {
                    break;
                };
                match self.reader.read(space) {
                    Ok(0) => self.eof = true,
                    Ok(n) => len += n,
                    Err(e) if e.kind() == ErrorKind::Interrupted => {}
                    Err(e) => return Err(ChunkError::Io(e)),
                }
            }
            let data = buf.storage.get(..len).unwrap_or_default();
            if data.is_empty() {
                buf.len = 0;
                return Ok(false);
            }
            let cut = if self.eof {
                len
            } else {
                match memchr::memrchr(b'\n', data) {
                    Some(nl) => nl + 1,
                    None => {
                        if len > self.max_line_bytes {
                            return Err(ChunkError::LineTooLong {
                                line: self.lines_before + 1,
                            });
                        }
                        target = len.saturating_add(self.chunk_bytes);
                        continue;
                    }
                }
            };
            self.carry.extend_from_slice(data.get(cut..).unwrap_or_default());
            let kept = data.get(..cut).unwrap_or_default();
            let lines = memchr::memchr_iter(b'\n', kept).count() as u64
                + u64::from(kept.last().is_some_and(|&b| b != b'\n'));
            buf.len = cut;
            buf.lines_before = self.lines_before;
            buf.offset = self.offset;
            self.lines_before += lines;
            self.offset += cut as u64;
            return Ok(true);
        }
    }

    /// Whether the stream is read to its end and every byte handed out.
    #[cfg_attr(not(feature = "parallel"), allow(dead_code))]
    pub(crate) fn at_end(&self) -> bool {
        self.eof && self.carry.is_empty()
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

    type Lines = Vec<(u64, Vec<u8>, u64)>;

    /// The lines by [`ChunkReader::next_chunk`] (no ends: 0).
    fn all_lines(text: &[u8], chunk: usize, max: usize) -> Result<Lines, u64> {
        let mut r = ChunkReader::new(text, chunk, max);
        let mut out = Vec::new();
        loop {
            match r.next_chunk() {
                Ok(Some(c)) => match c.lines(max) {
                    Ok(ls) => out.extend(ls.iter().map(|l| (l.number, l.text.to_vec(), 0))),
                    Err(ChunkError::LineTooLong { line }) => return Err(line),
                    Err(ChunkError::Io(_)) => return Err(0),
                },
                Ok(None) => return Ok(out),
                Err(ChunkError::LineTooLong { line }) => return Err(line),
                Err(ChunkError::Io(_)) => return Err(0),
            }
        }
    }

    /// Hands out at most `step` bytes per read.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.len().min(out.len()).min(self.1);
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    /// The lines by [`ChunkReader::next_into`], with their ends; the first
    /// line too long (in line order) stops them.
    fn spans(text: &[u8], chunk: usize, max: usize, step: usize) -> Result<Lines, u64> {
        let mut r = ChunkReader::new(Trickle(text, step), chunk, max);
        let (mut buf, mut spans, mut out) = (ChunkBuf::default(), Vec::new(), Vec::new());
        loop {
            match r.next_into(&mut buf) {
                Ok(true) => {
                    // Whole lines, and no more than a line's bound and a chunk.
                    assert!(buf.bytes().len() <= max + 1 + chunk, "{}", buf.bytes().len());
                    buf.spans(&mut spans);
                    for s in &spans {
                        out.push((s.number, buf.text(s, max)?.to_vec(), s.end));
                    }
                }
                Ok(false) => return Ok(out),
                Err(ChunkError::LineTooLong { line }) => return Err(line),
                Err(ChunkError::Io(_)) => return Err(0),
            }
        }
    }

    #[test]
    fn lines_are_the_same_whatever_the_chunk_size() {
        let text = b"a\r\n\nbcd\nefghij\nk";
        let expected = spans(text, 1 << 20, 100, 1 << 20).unwrap();
        assert_eq!(expected.len(), 5);
        assert_eq!(expected[0], (1, b"a".to_vec(), 3));
        assert_eq!(expected[2], (3, b"bcd".to_vec(), 8));
        assert_eq!(expected[4], (5, b"k".to_vec(), text.len() as u64));
        let unended: Lines = expected.iter().map(|(n, t, _)| (*n, t.clone(), 0)).collect();
        for chunk in 1..20 {
            assert_eq!(all_lines(text, chunk, 100).unwrap(), unended, "chunk {chunk}");
            for step in [1, 2, 3, 7, 64] {
                assert_eq!(
                    spans(text, chunk, 100, step).unwrap(),
                    expected,
                    "chunk {chunk} step {step}"
                );
            }
        }
        assert_eq!(all_lines(b"x\n", 4, 10).unwrap().len(), 1);
        assert!(all_lines(b"", 4, 10).unwrap().is_empty());
        assert_eq!(
            spans(b"x\n", 4, 10, 1).unwrap(),
            alloc::vec![(1, b"x".to_vec(), 2)]
        );
        assert!(spans(b"", 4, 10, 1).unwrap().is_empty());
    }

    #[test]
    fn long_lines_are_refused_with_their_number() {
        for chunk in [1, 3, 64] {
            assert_eq!(all_lines(b"ab\ncdefgh\nij", chunk, 5), Err(2), "chunk {chunk}");
            assert_eq!(all_lines(&[b'x'; 100], chunk, 10), Err(1), "chunk {chunk}");
            for step in [1, 4, 100] {
                assert_eq!(spans(b"ab\ncdefgh\nij", chunk, 5, step), Err(2), "chunk {chunk}");
                assert_eq!(
                    spans(b"ab\ncd\nefghijkl", chunk, 5, step),
                    Err(3),
                    "chunk {chunk}"
                );
                assert_eq!(spans(&[b'x'; 100], chunk, 10, step), Err(1), "chunk {chunk}");
            }
        }
    }
}
