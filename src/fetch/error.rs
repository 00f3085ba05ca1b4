//! Why a fetch failed.

use alloc::string::String;
use core::fmt;

/// Why fetching from the service failed. Each variant names what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// The base URL or an id makes no valid request URL.
    BadUrl(String),
    /// A `0x` receipt id that is not `0x` + 64 lowercase hex.
    BadId {
        /// The id as given.
        id: String,
        /// What is wrong with it.
        why: String,
    },
    /// Connecting, TLS or reading failed.
    Transport(String),
    /// No complete answer within the configured timeout.
    Timeout {
        /// The timeout, in milliseconds.
        millis: u64,
    },
    /// The service answered with an HTTP error status (after any retries).
    Status {
        /// The HTTP status code.
        code: u16,
        /// The URL asked.
        url: String,
        /// The start of the answer's body, for the message.
        body: String,
    },
    /// The body is larger than the configured cap.
    TooLarge {
        /// The cap, in bytes.
        limit: u64,
    },
    /// The body is not JSON.
    NotJson(String),
    /// The JSON does not have the expected shape.
    Shape(String),
    /// The `{success:false}` envelope: the service reports an error.
    ServiceError(String),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::BadUrl(m) => write!(f, "bad URL: {m}"),
            FetchError::BadId { id, why } => write!(f, "bad receipt id {id:?}: {why}"),
            FetchError::Transport(m) => write!(f, "transport error: {m}"),
            FetchError::Timeout { millis } => write!(f, "no answer within {millis} ms"),
            FetchError::Status { code, url, body } => {
                write!(f, "HTTP {code} from {url}")?;
                if !body.is_empty() {
                    write!(f, ": {body}")?;
                }
                Ok(())
            }
            FetchError::TooLarge { limit } => write!(f, "answer larger than the {limit}-byte cap"),
            FetchError::NotJson(m) => write!(f, "answer is not JSON: {m}"),
            FetchError::Shape(m) => write!(f, "answer has an unexpected shape: {m}"),
            FetchError::ServiceError(m) => write!(f, "service reports an error: {m}"),
        }
    }
}

impl std::error::Error for FetchError {}
