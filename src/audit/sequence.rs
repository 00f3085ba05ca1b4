//! The tenant's sequence numbers (`deltaIndex` in the docs, `sequenceNumber`
//! in the SDK): across an export they must increase by one. Kept as sorted
//! disjoint ranges, so an export whose numbers run contiguously costs one
//! range whatever its length; gaps and repeats are reported.

use alloc::vec::Vec;
use serde::Serialize;

/// At most this many gaps and repeats are listed; the rest are counted.
pub const MAX_LISTED: usize = 100;
/// At most this many disjoint ranges are kept: numbers arriving in a more
/// scattered order than that stop the gap and repeat analysis (reported as
/// `truncated`) rather than costing time and memory without bound.
pub const MAX_RANGES: usize = 1 << 16;

/// Sequence numbers seen, as sorted disjoint inclusive ranges.
///
/// ```
/// use pacspace_proof::audit::SequenceTracker;
/// let mut s = SequenceTracker::default();
/// for n in [0, 1, 2, 5, 5, 6] {
///     s.push(n, 10 + n);
/// }
/// let r = s.report();
/// assert_eq!((r.first, r.last, r.count), (Some(0), Some(6), 6));
/// assert_eq!(r.gaps, vec![[3, 4]]);
/// assert_eq!(r.missing, 2);
/// assert_eq!(r.repeat_count, 1);
/// assert_eq!(r.repeats[0].number, 5);
/// ```
#[derive(Debug, Clone, Default)]
pub struct SequenceTracker {
    ranges: Vec<(u64, u64)>,
    count: u64,
    out_of_order: u64,
    last: Option<u64>,
    repeat_count: u64,
    repeats: Vec<Repeat>,
    truncated: bool,
}

/// A sequence number seen more than once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Repeat {
    /// The number.
    pub number: u64,
    /// The receipt line where it was seen again.
    pub line: u64,
}

/// What the sequence numbers of an export show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SequenceReport {
    /// Numbers seen (repeats included).
    pub count: u64,
    /// The smallest.
    pub first: Option<u64>,
    /// The largest.
    pub last: Option<u64>,
    /// Missing ranges between the first and the last, inclusive (the first [`MAX_LISTED`]).
    pub gaps: Vec<[u64; 2]>,
    /// How many numbers are missing in all.
    pub missing: u64,
    /// How many numbers were seen again.
    pub repeat_count: u64,
    /// The first [`MAX_LISTED`] repeats.
    pub repeats: Vec<Repeat>,
    /// Numbers smaller than the one before them (arrived out of order).
    pub out_of_order: u64,
    /// More than [`MAX_RANGES`] separate runs: gaps and repeats were not
    /// followed past that point (counts and bounds still are).
    pub truncated: bool,
}

impl SequenceReport {
    /// No gap, no repeat.
    ///
    /// ```
    /// assert!(pacspace_proof::audit::SequenceTracker::default().report().is_clean());
    /// ```
    pub fn is_clean(&self) -> bool {
        self.missing == 0 && self.repeat_count == 0 && !self.truncated
    }
}

impl SequenceTracker {
    /// Records number `n`, read on receipt line `line`.
    ///
    /// ```
    /// let mut s = pacspace_proof::audit::SequenceTracker::default();
    /// s.push(7, 1);
    /// s.push(7, 2);
    /// assert_eq!(s.report().repeat_count, 1);
    /// ```
    pub fn push(&mut self, n: u64, line: u64) {
        self.count += 1;
        if self.last.is_some_and(|l| n < l) {
            self.out_of_order += 1;
        }
        self.last = Some(n);
        if self.truncated {
            return;
        }
        // The last range starting at or before n.
        let i = self.ranges.partition_point(|&(lo, _)| lo <= n);
        if let Some(&(lo, hi)) = i.checked_sub(1).and_then(|j| self.ranges.get(j))
            && n >= lo
            && n <= hi
        {
            self.repeat_count += 1;
            if self.repeats.len() < MAX_LISTED {
                self.repeats.push(Repeat { number: n, line });
            }
            return;
        }
        let joins_left = i
            .checked_sub(1)
            .and_then(|j| self.ranges.get(j))
            .is_some_and(|&(_, hi)| hi.checked_add(1) == Some(n));
        let joins_right = self
            .ranges
            .get(i)
            .is_some_and(|&(lo, _)| n.checked_add(1) == Some(lo));
        match (joins_left, joins_right) {
            (true, true) => {
                let right_hi = self.ranges.get(i).map_or(n, |r| r.1);
                if let Some(left) = i.checked_sub(1).and_then(|j| self.ranges.get_mut(j)) {
                    left.1 = right_hi;
                }
                self.ranges.remove(i);
            }
            (true, false) => {
                if let Some(left) = i.checked_sub(1).and_then(|j| self.ranges.get_mut(j)) {
                    left.1 = n;
                }
            }
            (false, true) => {
                if let Some(right) = self.ranges.get_mut(i) {
                    right.0 = n;
                }
            }
            (false, false) if self.ranges.len() >= MAX_RANGES => self.truncated = true,
            (false, false) => self.ranges.insert(i, (n, n)),
        }
    }

    /// Gaps, repeats and bounds.
    ///
    /// ```
    /// let mut s = pacspace_proof::audit::SequenceTracker::default();
    /// s.push(3, 1);
    /// s.push(1, 2);
    /// let r = s.report();
    /// assert_eq!((r.gaps.clone(), r.out_of_order), (vec![[2, 2]], 1));
    /// ```
    pub fn report(&self) -> SequenceReport {
        let mut gaps = Vec::new();
        let mut missing = 0u64;
        for pair in self.ranges.windows(2) {
            if let [(_, hi), (lo, _)] = pair {
                let (from, to) = (hi + 1, lo - 1);
                missing = missing.saturating_add(to - from + 1);
                if gaps.len() < MAX_LISTED {
                    gaps.push([from, to]);
                }
            }
        }
        SequenceReport {
            count: self.count,
            first: self.ranges.first().map(|r| r.0),
            last: self.ranges.last().map(|r| r.1),
            gaps,
            missing,
            repeat_count: self.repeat_count,
            repeats: self.repeats.clone(),
            out_of_order: self.out_of_order,
            truncated: self.truncated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_merge_in_any_order() {
        let mut s = SequenceTracker::default();
        for n in [5, 3, 4, 10, 1, 2, 9, 0, 7, 8, 6] {
            s.push(n, n);
        }
        assert_eq!(s.ranges, [(0, 10)]);
        let r = s.report();
        assert!(r.is_clean());
        assert_eq!(r.count, 11);
        let mut s = SequenceTracker::default();
        for n in [u64::MAX, 0, u64::MAX - 1, 2] {
            s.push(n, 0);
        }
        assert_eq!(s.ranges, [(0, 0), (2, 2), (u64::MAX - 1, u64::MAX)]);
        assert_eq!(s.report().missing, 1 + (u64::MAX - 1 - 3));
    }

    #[test]
    fn scattered_numbers_stop_the_analysis_instead_of_growing() {
        let mut s = SequenceTracker::default();
        let n = MAX_RANGES as u64 + 10;
        for k in (0..n).rev() {
            s.push(2 * k, k);
        }
        let r = s.report();
        assert!(r.truncated && !r.is_clean());
        assert_eq!(r.count, n);
        assert_eq!(s.ranges.len(), MAX_RANGES);
    }
}
