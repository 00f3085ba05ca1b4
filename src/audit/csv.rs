//! A small CSV record reader (RFC 4180: comma separated, `"` quoted, `""`
//! for a quote inside quotes, records may span lines inside quotes), with a
//! bound on a record's length.

use std::format;
use std::io::BufRead;
use std::string::{String, ToString};
use std::vec::Vec;

/// Why a CSV record could not be read.
#[derive(Debug)]
pub(crate) enum CsvError {
    Io(std::io::Error),
    /// 1-based line where the record starts, and why.
    Record(u64, String),
}

/// Reads CSV records one at a time.
#[derive(Debug)]
pub(crate) struct CsvReader<R> {
    reader: R,
    line: u64,
    max_bytes: usize,
}

impl<R: BufRead> CsvReader<R> {
    pub(crate) fn new(reader: R, max_bytes: usize) -> Self {
        CsvReader {
            reader,
            line: 0,
            max_bytes,
        }
    }

    /// The reader.
    pub(crate) fn inner(&self) -> &R {
        &self.reader
    }

    /// The next record and the line it starts on; `None` at the end.
    pub(crate) fn next_record(&mut self) -> Result<Option<(u64, Vec<String>)>, CsvError> {
        let mut text = Vec::new();
        let start = self.line + 1;
        loop {
            let before = text.len();
            let n = std::io::Read::take(
                &mut self.reader,
                (self.max_bytes + 2).saturating_sub(before) as u64,
            )
            .read_until(b'\n', &mut text)
            .map_err(CsvError::Io)?;
            if n == 0 {
                if text.is_empty() {
                    return Ok(None);
                }
                break;
            }
            self.line += 1;
            if text.len() > self.max_bytes + 1 && text.last() != Some(&b'\n') {
                return Err(CsvError::Record(
                    start,
                    format!("record longer than {} bytes", self.max_bytes),
                ));
            }
            if quotes_balanced(&text) {
                break;
            }
        }
        while matches!(text.last(), Some(b'\n' | b'\r')) {
            text.pop();
        }
        let text = String::from_utf8(text).map_err(|e| CsvError::Record(start, e.to_string()))?;
        split_record(&text)
            .map(|cells| Some((start, cells)))
            .map_err(|why| CsvError::Record(start, why))
    }
}

/// Whether the text ends outside a quoted cell (a quote opens a cell only
/// at the cell's start; elsewhere it is taken as it is).
fn quotes_balanced(text: &[u8]) -> bool {
    let mut quoted = false;
    let mut at_start = true;
    let mut i = 0;
    while let Some(&b) = text.get(i) {
        match (quoted, b) {
            (false, b'"') if at_start => quoted = true,
            (true, b'"') if text.get(i + 1) == Some(&b'"') => i += 1,
            (true, b'"') => quoted = false,
            (false, b',' | b'\n') => {
                at_start = true;
                i += 1;
                continue;
            }
            _ => {}
        }
        at_start = false;
        i += 1;
    }
    !quoted
}

/// Splits one record into its cells.
pub(crate) fn split_record(text: &str) -> Result<Vec<String>, String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (false, '"') if at_start => {
                quoted = true;
                at_start = false;
            }
            (true, '"') => {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    quoted = false;
                    if !matches!(chars.peek(), None | Some(',')) {
                        return Err("text after a closing quote".to_string());
                    }
                }
            }
            (false, ',') => {
                cells.push(core::mem::take(&mut cell));
                at_start = true;
            }
            (_, c) => {
                cell.push(c);
                at_start = false;
            }
        }
    }
    if quoted {
        return Err("a quoted cell is not closed".to_string());
    }
    cells.push(cell);
    Ok(cells)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::String;
    use std::vec;

    #[test]
    fn records_with_quotes_commas_and_newlines() {
        let text = "a,b,c\r\nx,\"y, \"\"z\"\"\",\"line1\nline2\"\n\n1,,{\"k\":1}";
        let mut r = CsvReader::new(text.as_bytes(), 1000);
        assert_eq!(
            r.next_record().unwrap(),
            Some((1, vec!["a".into(), "b".into(), "c".into()]))
        );
        assert_eq!(
            r.next_record().unwrap(),
            Some((2, vec!["x".into(), "y, \"z\"".into(), "line1\nline2".into()]))
        );
        assert_eq!(r.next_record().unwrap(), Some((4, vec![String::new()])));
        assert_eq!(r.next_record().unwrap().unwrap().1, vec!["1", "", "{\"k\":1}"]);
        assert!(r.next_record().unwrap().is_none());
        assert_eq!(split_record("a\"b,{\"k\":1}").unwrap(), vec!["a\"b", "{\"k\":1}"]);
        assert!(split_record("\"a\"b").is_err());
        assert!(split_record("\"a").is_err());
        let mut long = CsvReader::new("\"aaaaaaaaaaaaaaaa".as_bytes(), 5);
        assert!(matches!(long.next_record(), Err(CsvError::Record(1, _))));
    }
}
