//! Why a fetch failed.

use alloc::string::String;

/// Why fetching from the service failed. Each variant names what went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// The base URL or an id makes no valid request URL.
    #[error("bad URL: {0}")]
    BadUrl(String),
    /// A `0x` receipt id that is not `0x` + 64 lowercase hex.
    #[error("bad receipt id {id:?}: {why}")]
    BadId {
        /// The id as given.
        id: String,
        /// What is wrong with it.
        why: String,
    },
    /// Connecting, TLS or reading failed.
    #[error("transport error: {0}")]
    Transport(String),
    /// No complete answer within the configured timeout.
    #[error("no answer within {millis} ms")]
    Timeout {
        /// The timeout, in milliseconds.
        millis: u64,
    },
    /// The service answered with an HTTP error status (after any retries).
    #[error("HTTP {code} from {url}{}{body}", colon_before(.body))]
    Status {
        /// The HTTP status code.
        code: u16,
        /// The URL asked.
        url: String,
        /// The start of the answer's body, for the message.
        body: String,
    },
    /// The body is larger than the configured cap.
    #[error("answer larger than the {limit}-byte cap")]
    TooLarge {
        /// The cap, in bytes.
        limit: u64,
    },
    /// The body is not JSON.
    #[error("answer is not JSON: {0}")]
    NotJson(String),
    /// The JSON does not have the expected shape.
    #[error("answer has an unexpected shape: {0}")]
    Shape(String),
    /// The `{success:false}` envelope: the service reports an error.
    #[error("service reports an error: {0}")]
    ServiceError(String),
}

/// `": "` before a non-empty body in [`FetchError::Status`]'s message, nothing
/// before an empty one.
fn colon_before(body: &str) -> &'static str {
    if body.is_empty() { "" } else { ": " }
}
