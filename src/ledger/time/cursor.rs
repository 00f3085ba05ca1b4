//! A byte cursor over timestamp text, with errors naming the position.

use super::{NANOS_PER_SEC, TimeError};

pub(super) struct Cursor<'a> {
    pub b: &'a [u8],
    pub i: usize,
}

impl Cursor<'_> {
    pub fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    pub fn byte(&mut self, want: u8, expected: &'static str) -> Result<(), TimeError> {
        if self.peek() == Some(want) {
            self.i += 1;
            Ok(())
        } else {
            Err(TimeError::Syntax {
                position: self.i,
                expected,
            })
        }
    }

    pub fn either(&mut self, upper: u8, expected: &'static str) -> Result<(), TimeError> {
        match self.peek() {
            Some(c) if c.eq_ignore_ascii_case(&upper) => {
                self.i += 1;
                Ok(())
            }
            _ => Err(TimeError::Syntax {
                position: self.i,
                expected,
            }),
        }
    }

    pub fn digits(&mut self, n: usize, expected: &'static str) -> Result<u32, TimeError> {
        let mut v = 0u32;
        for _ in 0..n {
            match self.peek() {
                Some(d @ b'0'..=b'9') => {
                    v = v * 10 + u32::from(d - b'0');
                    self.i += 1;
                }
                _ => {
                    return Err(TimeError::Syntax {
                        position: self.i,
                        expected,
                    });
                }
            }
        }
        Ok(v)
    }

    /// One or more digits after a `.`, as nanoseconds (digits past the ninth cut).
    pub fn fraction(&mut self) -> Result<u32, TimeError> {
        let start = self.i;
        let mut nanos = 0u32;
        let mut scale = NANOS_PER_SEC;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            scale /= 10;
            nanos += u32::from(d - b'0') * scale;
            self.i += 1;
        }
        if self.i == start {
            return Err(TimeError::Syntax {
                position: self.i,
                expected: "a fraction digit",
            });
        }
        Ok(nanos)
    }
}

pub(super) fn check_range(field: &'static str, value: u32, lo: u32, hi: u32) -> Result<(), TimeError> {
    if (lo..=hi).contains(&value) {
        Ok(())
    } else {
        Err(TimeError::OutOfRange { field, value })
    }
}
