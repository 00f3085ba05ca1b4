//! Fetching what the service publishes about a receipt, over blocking HTTP
//! (feature `std`). Nothing fetched is trusted: callers re-verify locally.

mod client;
mod envelope;
mod error;
mod retry;
mod verified;

pub use client::{Client, ClientConfig, Source};
pub use envelope::unwrap_envelope;
pub use error::FetchError;
pub use retry::{RetryPolicy, parse_retry_after};
