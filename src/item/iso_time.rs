//! A summary window's timestamp as the SDK normalises it: Python's
//! `datetime.fromisoformat` (3.11+), read as UTC when naive, then
//! `astimezone(timezone.utc).isoformat()` with `+00:00` written `Z`.

use crate::item::python_text::python_isspace;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// Why a timestamp cannot be normalised.
///
/// ```
/// use pacspace_proof::item::{normalize_timestamp, TimestampError};
/// assert_eq!(normalize_timestamp("2025-W01-1"), Err(TimestampError::Form));
/// assert_eq!(normalize_timestamp("2025-01-01T24:00"), Err(TimestampError::Range));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TimestampError {
    /// Empty after stripping whitespace (the SDK refuses it).
    #[error("the timestamp is empty")]
    Empty,
    /// Not of the form `YYYY-MM-DD[<any one character>HH[:MM[:SS[.f…]]][±HH[:MM[:SS[.f…]]] | ±HHMM | Z]]`.
    /// Python accepts a few more forms (week dates, basic `YYYYMMDD` /
    /// `HHMMSS`, fractional minutes); they are refused here rather than guessed.
    #[error(
        "the timestamp is not YYYY-MM-DD[THH[:MM[:SS[.ffffff]]][Z|±HH:MM]] (other ISO forms are not reproduced)"
    )]
    Form,
    /// A field out of range (month 13, 30 February, hour 24, second 60, …), as Python refuses it.
    #[error("a date or time field is out of range")]
    Range,
    /// A UTC offset of 24 hours or more, as Python refuses it.
    #[error("the UTC offset is 24 hours or more")]
    Offset,
    /// The UTC time falls outside years 1–9999 (Python raises `OverflowError`).
    #[error("the time in UTC falls outside years 1 to 9999")]
    Overflow,
}

/// Normalises an ISO-8601 timestamp as the SDK's submission coordinator
/// does: whitespace stripped, a trailing `Z` read as `+00:00`, a naive time
/// read as UTC, converted to UTC, written `YYYY-MM-DDTHH:MM:SS[.ffffff]Z`.
///
/// ```
/// use pacspace_proof::item::normalize_timestamp;
/// assert_eq!(normalize_timestamp(" 2025-01-31T23:30:00-01:00 ").unwrap(), "2025-02-01T00:30:00Z");
/// assert_eq!(normalize_timestamp("2025-01-01").unwrap(), "2025-01-01T00:00:00Z");
/// assert_eq!(normalize_timestamp("2025-01-01 12:00:00.5Z").unwrap(), "2025-01-01T12:00:00.500000Z");
/// assert!(normalize_timestamp("2025-02-30").is_err());
/// ```
pub fn normalize_timestamp(text: &str) -> Result<String, TimestampError> {
    let text = text.trim_matches(python_isspace);
    if text.is_empty() {
        return Err(TimestampError::Empty);
    }
    let chars: Vec<char> = match text.strip_suffix('Z') {
        Some(head) => head.chars().chain("+00:00".chars()).collect(),
        None => text.chars().collect(),
    };
    let date = chars.get(..10).ok_or(TimestampError::Form)?;
    let (year, month, day) = match date {
        [y0, y1, y2, y3, '-', m0, m1, '-', d0, d1] => (
            digits(&[*y0, *y1, *y2, *y3])?,
            digits(&[*m0, *m1])?,
            digits(&[*d0, *d1])?,
        ),
        _ => return Err(TimestampError::Form),
    };
    if !(1..=9999).contains(&year)
        || !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
    {
        return Err(TimestampError::Range);
    }
    // Index 10 is the separator (any one character); the time follows.
    let (clock, offset) = match chars.get(11..) {
        None if chars.len() == 10 => ([0; 4], 0),
        None | Some([]) => return Err(TimestampError::Form),
        Some(time) => parse_time(time)?,
    };
    let [hour, minute, second, micro] = clock;
    if hour > 23 || minute > 59 || second > 59 {
        return Err(TimestampError::Range);
    }
    let local_us =
        (days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second) * 1_000_000 + micro;
    let utc_us = local_us - offset;
    let (days, day_us) = (
        utc_us.div_euclid(86_400_000_000),
        utc_us.rem_euclid(86_400_000_000),
    );
    let (y, m, d) = civil_from_days(days);
    if !(1..=9999).contains(&y) {
        return Err(TimestampError::Overflow);
    }
    let secs = day_us / 1_000_000;
    let mut out = format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    );
    if day_us % 1_000_000 != 0 {
        out.push_str(&format!(".{:06}", day_us % 1_000_000));
    }
    out.push('Z');
    Ok(out)
}

/// `HH[:MM[:SS[.f…]]]` then an optional offset: the clock fields and the
/// offset in microseconds.
fn parse_time(time: &[char]) -> Result<([i64; 4], i64), TimestampError> {
    let sign_at = time.iter().position(|c| matches!(c, '+' | '-'));
    let (clock, zone) = match sign_at {
        Some(i) => (time.get(..i).unwrap_or(&[]), time.get(i..)),
        None => (time, None),
    };
    let clock = hh_mm_ss_ff(clock)?;
    let offset = match zone {
        None => 0,
        Some([sign, rest @ ..]) => {
            let [h, m, s, us] = match rest {
                // ±HHMM (basic) is accepted by Python for offsets.
                [a, b, c, d] if [a, b, c, d].iter().all(|x| x.is_ascii_digit()) => {
                    [digits(&[*a, *b])?, digits(&[*c, *d])?, 0, 0]
                }
                _ => hh_mm_ss_ff(rest)?,
            };
            // Python (3.11+) reads an offset whose whole seconds are zero as
            // UTC: its fraction is dropped (`-00:00:00.5` is `+00:00`).
            let whole = (h * 60 + m) * 60 + s;
            let magnitude = if whole == 0 { 0 } else { whole * 1_000_000 + us };
            if magnitude >= 86_400_000_000 {
                return Err(TimestampError::Offset);
            }
            if *sign == '-' { -magnitude } else { magnitude }
        }
        Some([]) => return Err(TimestampError::Form),
    };
    Ok((clock, offset))
}

/// `HH[:MM[:SS[(.|,)d+]]]`: digits beyond the sixth of the fraction are
/// dropped (not rounded), as Python drops them.
fn hh_mm_ss_ff(text: &[char]) -> Result<[i64; 4], TimestampError> {
    let mut fields = [0i64; 4];
    let mut rest = text;
    for (i, field) in fields.iter_mut().take(3).enumerate() {
        let [a, b, tail @ ..] = rest else {
            return Err(TimestampError::Form);
        };
        *field = digits(&[*a, *b])?;
        rest = tail;
        match rest {
            [] => return Ok(fields),
            [':', tail @ ..] if i < 2 => rest = tail,
            ['.' | ',', tail @ ..] if i == 2 => {
                if tail.is_empty() || !tail.iter().all(char::is_ascii_digit) {
                    return Err(TimestampError::Form);
                }
                let mut micro = 0;
                for k in 0..6 {
                    micro = micro * 10 + tail.get(k).and_then(|c| c.to_digit(10)).map_or(0, i64::from);
                }
                fields[3] = micro;
                return Ok(fields);
            }
            _ => return Err(TimestampError::Form),
        }
    }
    Err(TimestampError::Form)
}

fn digits(chars: &[char]) -> Result<i64, TimestampError> {
    chars.iter().try_fold(0i64, |acc, c| {
        c.to_digit(10)
            .filter(|_| c.is_ascii_digit())
            .map(|d| acc * 10 + i64::from(d))
            .ok_or(TimestampError::Form)
    })
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_over_the_whole_range() {
        let first = days_from_civil(1, 1, 1);
        let last = days_from_civil(9999, 12, 31);
        let mut expect = (1, 1, 1);
        for z in first..=last {
            assert_eq!(civil_from_days(z), expect, "day {z}");
            let (y, m, d) = expect;
            expect = if d < days_in_month(y, m) {
                (y, m, d + 1)
            } else if m < 12 {
                (y, m + 1, 1)
            } else {
                (y + 1, 1, 1)
            };
        }
    }

    #[test]
    fn quirks_python_shares() {
        // Offset fields are not range-checked, only the total (Python 3.11: 10:45 UTC).
        assert_eq!(
            normalize_timestamp("2025-01-01T12:00+00:75").unwrap(),
            "2025-01-01T10:45:00Z"
        );
        assert_eq!(
            normalize_timestamp("2025-01-01é12:30").unwrap(),
            "2025-01-01T12:30:00Z"
        );
        assert_eq!(
            normalize_timestamp("2025-01-01T12:30:45,123456789").unwrap(),
            "2025-01-01T12:30:45.123456Z"
        );
        assert_eq!(
            normalize_timestamp("2025-01-01T12:30:45+0530").unwrap(),
            "2025-01-01T07:00:45Z"
        );
        assert_eq!(
            normalize_timestamp("2025-01-01T12:30:45.123+05:30:15.5").unwrap(),
            "2025-01-01T07:00:29.623000Z"
        );
        assert_eq!(
            normalize_timestamp("0001-01-01T00:00+01:00"),
            Err(TimestampError::Overflow)
        );
        assert_eq!(
            normalize_timestamp("2025-01-01T24:00"),
            Err(TimestampError::Range)
        );
        assert_eq!(
            normalize_timestamp("2025-01-01T12:30:45+24:00"),
            Err(TimestampError::Offset)
        );
        assert_eq!(normalize_timestamp("2025-01-01T12:3"), Err(TimestampError::Form));
        assert_eq!(
            normalize_timestamp("2025-01-01T12:30:45."),
            Err(TimestampError::Form)
        );
        assert_eq!(normalize_timestamp("  "), Err(TimestampError::Empty));
    }
}
