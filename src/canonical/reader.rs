//! A JSON reader (RFC 8259) that keeps lone surrogates from `\u` escapes,
//! as `JSON.parse` does, where `serde_json` refuses them. Nesting is bounded
//! by [`MAX_DEPTH`]; it never panics, and allocates only in proportion to the
//! input.

use crate::canonical::{CanonicalError, JsonString, JsonValue, MAX_DEPTH};
use alloc::format;
use alloc::vec::Vec;

impl JsonValue {
    /// Parses JSON text as `JSON.parse` does: numbers as doubles (correctly
    /// rounded; one beyond the double range is refused), a key given twice
    /// kept with its last value, and lone surrogates kept.
    ///
    /// ```
    /// use pacspace_proof::canonical::{JsonValue, CanonicalError};
    /// let v = JsonValue::parse(" [1.0, \"\\ud800\", {\"a\": null}] ").unwrap();
    /// assert!(v.has_lone_surrogate());
    /// assert!(JsonValue::parse("[1,]").is_err());
    /// assert_eq!(JsonValue::parse(&"[".repeat(200)), Err(CanonicalError::TooDeep { limit: 128 }));
    /// ```
    pub fn parse(text: &str) -> Result<JsonValue, CanonicalError> {
        let mut r = Reader {
            bytes: text.as_bytes(),
            pos: 0,
        };
        r.skip_ws();
        let v = r.value(0)?;
        r.skip_ws();
        if r.pos != r.bytes.len() {
            return Err(r.error("trailing characters"));
        }
        Ok(v)
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn error(&self, what: &str) -> CanonicalError {
        CanonicalError::Json(match self.bytes.get(self.pos) {
            Some(b) if b.is_ascii_graphic() => {
                format!("{what} at byte {} ('{}')", self.pos, char::from(*b))
            }
            Some(b) => format!("{what} at byte {} (0x{b:02x})", self.pos),
            None => format!("{what} at the end of the input"),
        })
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn literal(&mut self, word: &[u8], value: JsonValue) -> Result<JsonValue, CanonicalError> {
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<JsonValue, CanonicalError> {
        match self.peek() {
            Some(b'n') => self.literal(b"null", JsonValue::Null),
            Some(b't') => self.literal(b"true", JsonValue::Bool(true)),
            Some(b'f') => self.literal(b"false", JsonValue::Bool(false)),
            Some(b'"') => self.string().map(JsonValue::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => self.array(depth),
            Some(b'{') => self.object(depth),
            _ => Err(self.error("expected a JSON value")),
        }
    }

    fn enter(&mut self, depth: usize) -> Result<(), CanonicalError> {
        if depth >= MAX_DEPTH {
            return Err(CanonicalError::TooDeep { limit: MAX_DEPTH });
        }
        self.pos += 1;
        self.skip_ws();
        Ok(())
    }

    fn array(&mut self, depth: usize) -> Result<JsonValue, CanonicalError> {
        self.enter(depth)?;
        let mut items = Vec::new();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(JsonValue::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_ws();
                }
                Some(b']') => {
                    self.pos += 1;
                    return Ok(JsonValue::Array(items));
                }
                _ => return Err(self.error("expected ',' or ']'")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<JsonValue, CanonicalError> {
        self.enter(depth)?;
        let mut members = Vec::new();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(JsonValue::Object(members));
        }
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a string key"));
            }
            let key = self.string()?;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.error("expected ':'"));
            }
            self.pos += 1;
            self.skip_ws();
            members.push((key, self.value(depth + 1)?));
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_ws();
                }
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(JsonValue::Object(members));
                }
                _ => return Err(self.error("expected ',' or '}'")),
            }
        }
    }

    fn string(&mut self) -> Result<JsonString, CanonicalError> {
        self.pos += 1;
        let mut out = JsonString::new();
        loop {
            let start = self.pos;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.pos += 1;
            }
            // The input is a `str` and the run stops at ASCII bytes only, so
            // it is whole UTF-8.
            let run = self.bytes.get(start..self.pos).unwrap_or(&[]);
            out.push_str(core::str::from_utf8(run).unwrap_or(""));
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => return Err(self.error("control character in a string")),
                None => return Err(self.error("unterminated string")),
            }
        }
    }

    fn escape(&mut self, out: &mut JsonString) -> Result<(), CanonicalError> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let unit = self
                    .bytes
                    .get(self.pos + 1..self.pos + 5)
                    .and_then(|hex| {
                        hex.iter().try_fold(0u16, |acc, &h| {
                            Some(acc * 16 + char::from(h).to_digit(16)? as u16)
                        })
                    })
                    .ok_or_else(|| self.error("invalid \\u escape"))?;
                self.pos += 5;
                out.push_code_unit(unit);
                return Ok(());
            }
            _ => return Err(self.error("invalid escape")),
        };
        self.pos += 1;
        out.push_char(c);
        Ok(())
    }

    fn number(&mut self) -> Result<JsonValue, CanonicalError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("expected a digit after '.'"));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("expected a digit in the exponent"));
            }
            self.digits();
        }
        let token = self
            .bytes
            .get(start..self.pos)
            .and_then(|t| core::str::from_utf8(t).ok())
            .unwrap_or("");
        match token.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(JsonValue::Number(v)),
            _ => Err(CanonicalError::Json(format!(
                "number {token} at byte {start} is beyond the double range"
            ))),
        }
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }
}
