//! Points in time: RFC 3339 text (artefacts' `receivedAt`, answers'
//! `askedAt`) and the mirror node's `seconds.nanos` consensus timestamps.
//!
//! A small parser of its own: the crate's `alloc` layer has no clock and no
//! date library, and only the two fixed formats above are needed.

use core::fmt;

/// A UTC instant: whole seconds since 1970-01-01T00:00:00Z and nanoseconds.
///
/// ```
/// use pacspace_proof::ledger::Timestamp;
/// let t = Timestamp::parse_rfc3339("2024-05-01T12:00:00.5+02:00").unwrap();
/// assert_eq!(t.secs(), 1_714_557_600);
/// assert_eq!(t.nanos(), 500_000_000);
/// assert_eq!(t.rfc3339().to_string(), "2024-05-01T10:00:00.5Z");
/// assert_eq!(Timestamp::parse_seconds_nanos("1714557600.5").unwrap(), t);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    secs: i64,
    nanos: u32,
}

/// Why a text is not a timestamp of the expected form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    /// The text is longer than any valid timestamp (64 bytes).
    #[error("timestamp text is too long")]
    TooLong,
    /// A character other than the expected one at `position`.
    #[error("expected {expected} at position {position}")]
    Syntax {
        /// Byte offset of the unexpected character (or the end of the text).
        position: usize,
        /// What was expected there.
        expected: &'static str,
    },
    /// A field is out of its range (month 13, day 31 of April, hour 24, …).
    #[error("{field} {value} is out of range")]
    OutOfRange {
        /// The field: `month`, `day`, `hour`, `minute`, `second`, `offset`.
        field: &'static str,
        /// Its value.
        value: u32,
    },
}

const NANOS_PER_SEC: u32 = 1_000_000_000;

impl Timestamp {
    /// `secs` seconds and `nanos` nanoseconds after the Unix epoch; `None` if
    /// `nanos` is a billion or more.
    ///
    /// ```
    /// use pacspace_proof::ledger::Timestamp;
    /// assert!(Timestamp::new(0, 999_999_999).is_some());
    /// assert!(Timestamp::new(0, 1_000_000_000).is_none());
    /// ```
    pub const fn new(secs: i64, nanos: u32) -> Option<Self> {
        if nanos < NANOS_PER_SEC {
            Some(Timestamp { secs, nanos })
        } else {
            None
        }
    }

    /// The instant `d` after the Unix epoch (seconds saturate at `i64::MAX`).
    ///
    /// ```
    /// use pacspace_proof::ledger::Timestamp;
    /// let t = Timestamp::since_epoch(core::time::Duration::from_millis(1500));
    /// assert_eq!((t.secs(), t.nanos()), (1, 500_000_000));
    /// ```
    pub fn since_epoch(d: core::time::Duration) -> Self {
        Timestamp {
            secs: i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
            nanos: d.subsec_nanos(),
        }
    }

    /// Whole seconds since the epoch.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::ledger::Timestamp::new(7, 0).unwrap().secs(), 7);
    /// ```
    pub const fn secs(&self) -> i64 {
        self.secs
    }

    /// Nanoseconds within the second.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::ledger::Timestamp::new(7, 9).unwrap().nanos(), 9);
    /// ```
    pub const fn nanos(&self) -> u32 {
        self.nanos
    }

    /// This instant moved `secs` seconds earlier (saturating).
    ///
    /// ```
    /// use pacspace_proof::ledger::Timestamp;
    /// let t = Timestamp::new(1000, 5).unwrap();
    /// assert_eq!(t.minus_secs(300), Timestamp::new(700, 5).unwrap());
    /// ```
    pub fn minus_secs(&self, secs: u64) -> Self {
        let d = i64::try_from(secs).unwrap_or(i64::MAX);
        Timestamp {
            secs: self.secs.saturating_sub(d),
            nanos: self.nanos,
        }
    }

    /// The distance between two instants in whole seconds, rounded up.
    ///
    /// ```
    /// use pacspace_proof::ledger::Timestamp;
    /// let a = Timestamp::new(10, 0).unwrap();
    /// let b = Timestamp::new(12, 1).unwrap();
    /// assert_eq!(a.abs_diff_secs(&b), 3);
    /// assert_eq!(b.abs_diff_secs(&a), 3);
    /// ```
    pub fn abs_diff_secs(&self, other: &Timestamp) -> u64 {
        let (hi, lo) = if self >= other {
            (self, other)
        } else {
            (other, self)
        };
        let whole = hi.secs.abs_diff(lo.secs);
        // hi.nanos < lo.nanos means whole - 1 seconds and a fraction: `whole` rounded up.
        if hi.nanos > lo.nanos {
            whole.saturating_add(1)
        } else {
            whole
        }
    }

    /// Parses RFC 3339 `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`
    /// (`T` and `Z` in either case; fractions beyond nanoseconds are cut;
    /// a leap second `:60` counts as the next minute's `:00`).
    ///
    /// ```
    /// use pacspace_proof::ledger::{Timestamp, TimeError};
    /// assert_eq!(Timestamp::parse_rfc3339("1970-01-01T00:00:00Z").unwrap().secs(), 0);
    /// assert_eq!(Timestamp::parse_rfc3339("2023-02-29T00:00:00Z"),
    ///            Err(TimeError::OutOfRange { field: "day", value: 29 }));
    /// ```
    pub fn parse_rfc3339(text: &str) -> Result<Self, TimeError> {
        let b = text.as_bytes();
        if b.len() > 64 {
            return Err(TimeError::TooLong);
        }
        let mut p = Cursor { b, i: 0 };
        let year = p.digits(4, "a 4-digit year")?;
        p.byte(b'-', "'-'")?;
        let month = p.digits(2, "a 2-digit month")?;
        p.byte(b'-', "'-'")?;
        let day = p.digits(2, "a 2-digit day")?;
        p.either(b'T', "'T'")?;
        let hour = p.digits(2, "a 2-digit hour")?;
        p.byte(b':', "':'")?;
        let minute = p.digits(2, "2-digit minutes")?;
        p.byte(b':', "':'")?;
        let second = p.digits(2, "2-digit seconds")?;
        let nanos = if p.peek() == Some(b'.') {
            p.i += 1;
            p.fraction()?
        } else {
            0
        };
        let offset_secs: i64 = match p.peek() {
            Some(b'Z' | b'z') => {
                p.i += 1;
                0
            }
            Some(sign @ (b'+' | b'-')) => {
                p.i += 1;
                let oh = p.digits(2, "2-digit offset hours")?;
                p.byte(b':', "':'")?;
                let om = p.digits(2, "2-digit offset minutes")?;
                if oh > 23 || om > 59 {
                    return Err(TimeError::OutOfRange {
                        field: "offset",
                        value: oh * 100 + om,
                    });
                }
                let s = i64::from(oh * 3600 + om * 60);
                if sign == b'-' { -s } else { s }
            }
            _ => {
                return Err(TimeError::Syntax {
                    position: p.i,
                    expected: "'Z' or an offset",
                });
            }
        };
        if p.i != b.len() {
            return Err(TimeError::Syntax {
                position: p.i,
                expected: "the end of the timestamp",
            });
        }
        check_range("month", month, 1, 12)?;
        check_range("day", day, 1, days_in_month(year, month))?;
        check_range("hour", hour, 0, 23)?;
        check_range("minute", minute, 0, 59)?;
        check_range("second", second, 0, 60)?;
        let days = days_from_civil(i64::from(year), month, day);
        let secs = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second) - offset_secs;
        Ok(Timestamp { secs, nanos })
    }

    /// Parses the mirror node's `seconds.nanos` (`^\d{1,10}(\.\d{1,9})?$`).
    ///
    /// ```
    /// use pacspace_proof::ledger::Timestamp;
    /// let t = Timestamp::parse_seconds_nanos("1586567700.453054000").unwrap();
    /// assert_eq!((t.secs(), t.nanos()), (1_586_567_700, 453_054_000));
    /// assert!(Timestamp::parse_seconds_nanos("1586567700.").is_err());
    /// assert!(Timestamp::parse_seconds_nanos("-1").is_err());
    /// ```
    pub fn parse_seconds_nanos(text: &str) -> Result<Self, TimeError> {
        let b = text.as_bytes();
        if b.len() > 20 {
            return Err(TimeError::TooLong);
        }
        let mut p = Cursor { b, i: 0 };
        let mut secs: i64 = 0;
        while let Some(d @ b'0'..=b'9') = p.peek() {
            if p.i >= 10 {
                return Err(TimeError::TooLong);
            }
            secs = secs * 10 + i64::from(d - b'0');
            p.i += 1;
        }
        if p.i == 0 {
            return Err(TimeError::Syntax {
                position: 0,
                expected: "decimal seconds",
            });
        }
        let nanos = if p.peek() == Some(b'.') {
            p.i += 1;
            let start = p.i;
            let n = p.fraction()?;
            if p.i - start > 9 {
                return Err(TimeError::TooLong);
            }
            n
        } else {
            0
        };
        if p.i != b.len() {
            return Err(TimeError::Syntax {
                position: p.i,
                expected: "'.' or the end of the timestamp",
            });
        }
        Ok(Timestamp { secs, nanos })
    }

    /// RFC 3339 in UTC (`Z`), the fraction without trailing zeros.
    ///
    /// ```
    /// let t = pacspace_proof::ledger::Timestamp::new(951_782_400, 120_000_000).unwrap();
    /// assert_eq!(t.rfc3339().to_string(), "2000-02-29T00:00:00.12Z");
    /// ```
    pub fn rfc3339(&self) -> impl fmt::Display + '_ {
        Rfc3339(self)
    }

    /// The mirror node's form, `seconds.nanos` with nine fraction digits.
    ///
    /// ```
    /// let t = pacspace_proof::ledger::Timestamp::new(1_586_567_700, 4_000).unwrap();
    /// assert_eq!(t.seconds_nanos().to_string(), "1586567700.000004000");
    /// ```
    pub fn seconds_nanos(&self) -> impl fmt::Display + '_ {
        SecondsNanos(self)
    }
}

struct Rfc3339<'a>(&'a Timestamp);

impl fmt::Display for Rfc3339<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.0;
        let days = t.secs.div_euclid(86_400);
        let rem = t.secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            rem / 3600,
            rem % 3600 / 60,
            rem % 60
        )?;
        if t.nanos != 0 {
            let mut n = t.nanos;
            let mut width = 9;
            while n.is_multiple_of(10) {
                n /= 10;
                width -= 1;
            }
            write!(f, ".{n:0width$}")?;
        }
        f.write_str("Z")
    }
}

struct SecondsNanos<'a>(&'a Timestamp);

impl fmt::Display for SecondsNanos<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:09}", self.0.secs, self.0.nanos)
    }
}

mod calendar;
mod cursor;
#[cfg(test)]
mod tests;

use calendar::{civil_from_days, days_from_civil, days_in_month};
use cursor::{Cursor, check_range};
