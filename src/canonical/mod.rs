//! Canonical JSON: the exact bytes an item hash covers (RFC 8785, which is
//! what "sort the keys, then `JSON.stringify`" gives for JSON data).
//!
//! - `no_std`, no allocation: the ECMAScript number writer
//!   ([`write_number`]), the string writer ([`write_string`]), the
//!   [`Sink`] they write into (a [`KeccakSink`] hashes as it is written), and
//!   a checker that a text is already canonical ([`CanonicalStr`]).
//! - `alloc`: canonical JSON of any `serde_json::Value`
//!   ([`canonical_json`]) and the item hash of any JSON item ([`item_hash`]).
//!
//! ```
//! use pacspace_proof::canonical::CanonicalStr;
//!
//! assert!(CanonicalStr::new(r#"{"a":1,"b":[true,null]}"#).is_ok());
//! assert!(CanonicalStr::new(r#"{"b":1,"a":2}"#).is_err()); // keys out of order
//! ```

mod check;
pub(crate) mod number;
mod sink;
pub(crate) mod string;
#[cfg(feature = "alloc")]
mod value;

pub use check::{CanonicalStr, CanonicalTextError, MAX_DEPTH};
pub use number::{NumberError, write_number};
pub use sink::{KeccakSink, Sink};
pub use string::write_string;
#[cfg(feature = "alloc")]
pub(crate) use value::number_as_f64;
#[cfg(feature = "alloc")]
pub use value::{CanonicalError, canonical_json, canonical_json_str, item_hash, write_canonical};
