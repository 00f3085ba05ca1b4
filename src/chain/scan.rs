//! A hand scanner for the usual chain line: a JSON object with `proof` or
//! `data.proof`, whose strings hold no escapes. It reads the four proof
//! fields the chain needs without building anything, and validates the rest
//! of the line's JSON on the way. It answers only when serde's view
//! ([`super::line`]) would read the line to exactly the same fields;
//! anything else (escapes, duplicated or missing fields, other shapes,
//! deep nesting, invalid JSON) gets `None`, and the line is read by serde,
//! which gives the same results and the same error messages as before.

use super::hex::parse_hash;
use crate::Hash32;
use alloc::vec::Vec;

/// Nesting beyond this is left to serde (whose own limit is 128).
const MAX_DEPTH: u32 = 64;

/// The proof fields of one line, borrowed from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found<'a> {
    /// `proofHash`.
    pub(crate) proof_hash: &'a str,
    /// `contentHash`, parsed.
    pub(crate) content_hash: Hash32,
    /// The text of the `itemHashes` value.
    pub(crate) item_hashes: &'a str,
    /// `previousProofHash` (None: null or absent).
    pub(crate) previous: Option<&'a str>,
    /// Whether `item_hashes` is the `known` text given to [`scan_line`].
    pub(crate) known_list: bool,
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of `w` is `"`, `\` or a control character (below 0x20).
/// Never misses one (it may flag a word whose first such byte is earlier).
fn special(w: u64) -> bool {
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS != 0;
    zero(w ^ (ONES * u64::from(b'"')))
        || zero(w ^ (ONES * u64::from(b'\\')))
        || w.wrapping_sub(ONES * 0x20) & !w & HIGHS != 0
}

struct Cursor<'a> {
    src: &'a str,
    s: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    /// Skips JSON whitespace (serde's: space, tab, line feed, carriage return).
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek()? == b).then(|| self.i += 1)
    }

    /// A string without escapes or control characters: its content's range.
    fn string(&mut self) -> Option<(usize, usize)> {
        self.eat(b'"')?;
        let start = self.i;
        let rest = self.s.get(start..)?;
        let mut off = 0;
        for word in rest.chunks_exact(8) {
            if special(u64::from_le_bytes(word.try_into().ok()?)) {
                break;
            }
            off += 8;
        }
        for (k, &b) in rest.get(off..)?.iter().enumerate() {
            match b {
                b'"' => {
                    self.i = start + off + k + 1;
                    return Some((start, start + off + k));
                }
                b'\\' | 0..=0x1f => return None,
                _ => {}
            }
        }
        None
    }

    fn str_value(&mut self) -> Option<&'a str> {
        let range = self.string()?;
        self.text(range)
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
        self.i - start
    }

    /// A number as JSON writes it (serde refuses the same texts).
    fn number(&mut self) -> Option<()> {
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek()? {
            b'0' => {
                self.i += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return None;
                }
            }
            b'1'..=b'9' => {
                self.digits();
            }
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            (self.digits() > 0).then_some(())?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            (self.digits() > 0).then_some(())?;
        }
        Some(())
    }

    fn literal(&mut self, text: &[u8]) -> Option<()> {
        let end = self.i.checked_add(text.len())?;
        (self.s.get(self.i..end)? == text).then(|| self.i = end)
    }

    /// Any JSON value (after whitespace).
    fn value(&mut self, depth: u32) -> Option<()> {
        match self.peek()? {
            b'{' => self.object(depth + 1, |c, _| c.value(depth + 1)),
            b'[' => self.array(depth + 1),
            b'"' => self.string().map(|_| ()),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            _ => self.number(),
        }
    }

    fn array(&mut self, depth: u32) -> Option<()> {
        (depth <= MAX_DEPTH).then_some(())?;
        self.eat(b'[')?;
        self.ws();
        if self.eat(b']').is_some() {
            return Some(());
        }
        loop {
            self.value(depth)?;
            self.ws();
            match self.peek()? {
                b',' => {
                    self.i += 1;
                    self.ws();
                }
                b']' => {
                    self.i += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// An object; `member` reads each member's value (after whitespace),
    /// given its key.
    fn object(&mut self, depth: u32, mut member: impl FnMut(&mut Self, &[u8]) -> Option<()>) -> Option<()> {
        (depth <= MAX_DEPTH).then_some(())?;
        self.eat(b'{')?;
        self.ws();
        if self.eat(b'}').is_some() {
            return Some(());
        }
        loop {
            let key = self.str_value()?.as_bytes();
            self.ws();
            self.eat(b':')?;
            self.ws();
            member(self, key)?;
            self.ws();
            match self.peek()? {
                b',' => {
                    self.i += 1;
                    self.ws();
                }
                b'}' => {
                    self.i += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// Ranges end at ASCII bytes: a check of the boundaries, not of the text.
    fn text(&self, range: (usize, usize)) -> Option<&'a str> {
        self.src.get(range.0..range.1)
    }

    fn new(src: &'a str) -> Self {
        Cursor {
            src,
            s: src.as_bytes(),
            i: 0,
        }
    }

    /// A proof object: the four fields, each at most once, the first three required.
    fn proof(&mut self, depth: u32, known: &[u8]) -> Option<Found<'a>> {
        let mut proof_hash = None;
        let mut content_hash = None;
        let mut items: Option<(usize, usize, bool)> = None;
        let mut previous: Option<Option<(usize, usize)>> = None;
        self.object(depth, |c, key| match key {
            b"proofHash" if proof_hash.is_none() => {
                proof_hash = Some(c.string()?);
                Some(())
            }
            b"contentHash" if content_hash.is_none() => {
                content_hash = Some(parse_hash(c.str_value()?).ok()?);
                Some(())
            }
            b"itemHashes" if items.is_none() => {
                let start = c.i;
                let rest = c.s.get(start..)?;
                // A list already read is an array: it ends where its text does.
                let same = known.first() == Some(&b'[') && rest.starts_with(known);
                if same {
                    c.i += known.len();
                } else {
                    c.value(depth)?;
                }
                items = Some((start, c.i, same));
                Some(())
            }
            b"previousProofHash" if previous.is_none() => {
                previous = Some(match c.peek()? {
                    b'n' => c.literal(b"null").map(|_| None)?,
                    _ => Some(c.string()?),
                });
                Some(())
            }
            b"proofHash" | b"contentHash" | b"itemHashes" | b"previousProofHash" => None,
            _ => c.value(depth),
        })?;
        let (a, b, known_list) = items?;
        Some(Found {
            proof_hash: self.text(proof_hash?)?,
            content_hash: content_hash?,
            item_hashes: self.text((a, b))?,
            previous: match previous.flatten() {
                Some(range) => Some(self.text(range)?),
                None => None,
            },
            known_list,
        })
    }
}

/// Reads the proof of a chain line shaped `{…, "proof": {…}}` or
/// `{…, "data": {…, "proof": {…}}}` (one of the two, no top-level
/// `proofHash`). `known`: the text of a list already read (an array), whose
/// repetition is recognised without reading it again.
pub(crate) fn scan_line<'a>(line: &'a str, known: &[u8]) -> Option<Found<'a>> {
    let mut c = Cursor::new(line);
    let mut proof = None;
    let mut data: Option<Option<Found<'a>>> = None;
    c.ws();
    c.object(1, |c, key| match key {
        b"proof" if proof.is_none() && data.is_none() && c.peek() == Some(b'{') => {
            proof = Some(c.proof(2, known)?);
            Some(())
        }
        b"data" if data.is_none() && proof.is_none() && c.peek() == Some(b'{') => {
            let mut inner = None;
            c.object(2, |c, key| match key {
                b"proof" if inner.is_none() && c.peek() == Some(b'{') => {
                    inner = Some(c.proof(3, known)?);
                    Some(())
                }
                b"proof" => None,
                _ => c.value(2),
            })?;
            data = Some(inner);
            Some(())
        }
        b"proof" | b"data" | b"proofHash" => None,
        _ => c.value(1),
    })?;
    c.ws();
    (c.i == line.len()).then_some(())?;
    proof.or(data.flatten())
}

/// A list of hashes as the usual export writes it: `["0x…", …]`, each
/// element `0x` + 64 lowercase hex digits. `None` for anything else (serde
/// reads it, and names what is wrong).
pub(crate) fn decode_hashes(text: &str) -> Option<Vec<Hash32>> {
    let mut c = Cursor::new(text);
    let mut out = Vec::new();
    c.eat(b'[')?;
    c.ws();
    if c.eat(b']').is_none() {
        loop {
            out.push(parse_hash(c.str_value()?).ok()?);
            c.ws();
            match c.peek()? {
                b',' => {
                    c.i += 1;
                    c.ws();
                }
                b']' => {
                    c.i += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    (c.i == text.len()).then_some(out)
}

#[cfg(test)]
mod tests;
