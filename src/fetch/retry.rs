//! When and how long to wait before asking again (429 and 5xx).

use core::time::Duration;

/// Retries on 429 and 5xx answers with exponential backoff, honouring a
/// `Retry-After` header (seconds) up to `max_delay`.
///
/// ```
/// use pacspace_proof::fetch::RetryPolicy;
/// use std::time::Duration;
/// let p = RetryPolicy::default();
/// assert!(p.retries_status(429) && p.retries_status(503) && !p.retries_status(404));
/// assert_eq!(p.delay(0, Some(Duration::from_secs(2))), Duration::from_secs(2));
/// assert_eq!(p.delay(2, None), Duration::from_millis(1000));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Further attempts after the first (0 = no retry).
    pub max_retries: u32,
    /// First backoff delay; doubled each retry.
    pub base_delay: Duration,
    /// No single wait is longer than this, whatever `Retry-After` asks.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// Whether an answer with this status is worth asking again.
    ///
    /// ```
    /// let p = pacspace_proof::fetch::RetryPolicy::default();
    /// assert!(p.retries_status(429) && p.retries_status(503));
    /// assert!(!p.retries_status(404));
    /// ```
    pub fn retries_status(&self, code: u16) -> bool {
        code == 429 || (500..=599).contains(&code)
    }

    /// The wait before retry number `attempt` (0-based): the server's
    /// `Retry-After` when given, else `base_delay * 2^attempt`; capped.
    ///
    /// ```
    /// use pacspace_proof::fetch::RetryPolicy;
    /// use std::time::Duration;
    /// let p = RetryPolicy::default(); // 250 ms base, 30 s cap
    /// assert_eq!(p.delay(2, None), Duration::from_millis(1000));
    /// assert_eq!(p.delay(0, Some(Duration::from_secs(5))), Duration::from_secs(5));
    /// assert_eq!(p.delay(30, None), Duration::from_secs(30));
    /// ```
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let backoff = self
            .base_delay
            .saturating_mul(1u32.checked_shl(attempt.min(16)).unwrap_or(u32::MAX));
        retry_after.unwrap_or(backoff).min(self.max_delay)
    }
}

/// Parses a `Retry-After` value given in seconds (`"3"`). HTTP-date values
/// and anything unparsable give `None` (the backoff applies).
///
/// ```
/// use pacspace_proof::fetch::parse_retry_after;
/// use std::time::Duration;
/// assert_eq!(parse_retry_after("3"), Some(Duration::from_secs(3)));
/// assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
/// ```
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}
