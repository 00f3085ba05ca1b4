//! Canonical JSON: the exact bytes an item hash covers (RFC 8785, which is
//! what "sort the keys, then `JSON.stringify`" gives for JSON data).
//!
//! - `no_std`, no allocation: the ECMAScript number writer
//!   ([`write_number`]), the string writer ([`write_string`]), the
//!   [`Sink`] they write into (a [`KeccakSink`] hashes as it is written), and
//!   a checker that a text is already canonical ([`CanonicalStr`]).
//! - `alloc`: canonical JSON of any `serde_json::Value`
//!   ([`canonical_json`]) and the item hash of any JSON item ([`item_hash`]);
//!   under [`CanonicalOptions`] (RFC 8785 by default, or JavaScript's object
//!   order and lone-surrogate escapes), of a [`JsonValue`] read by
//!   [`JsonValue::parse`], which keeps lone surrogates as `JSON.parse` does
//!   ([`canonical_json_with`], [`item_hash_with`]).
//!
//! ```
//! use pacspace_proof::canonical::CanonicalStr;
//!
//! assert!(CanonicalStr::new(r#"{"a":1,"b":[true,null]}"#).is_ok());
//! assert!(CanonicalStr::new(r#"{"b":1,"a":2}"#).is_err()); // keys out of order
//! ```

mod check;
#[cfg(feature = "alloc")]
pub(crate) mod js_order;
#[cfg(feature = "alloc")]
mod json_value;
pub(crate) mod number;
mod options;
#[cfg(feature = "alloc")]
mod reader;
mod sink;
pub(crate) mod string;
#[cfg(feature = "alloc")]
mod value;
#[cfg(feature = "alloc")]
mod with_options;
#[cfg(feature = "alloc")]
mod wtf8;

pub use check::{CanonicalStr, CanonicalTextError, MAX_DEPTH};
#[cfg(feature = "alloc")]
pub use js_order::{MAX_ARRAY_INDEX, array_index};
#[cfg(feature = "alloc")]
pub use json_value::JsonValue;
pub use number::{NumberError, write_number};
pub use options::{CanonicalOptions, KeyOrder, ParseOptionError, Strings};
pub use sink::{KeccakSink, Sink};
pub use string::write_string;
#[cfg(feature = "alloc")]
pub(crate) use value::number_as_f64;
#[cfg(feature = "alloc")]
pub use value::{CanonicalError, canonical_json, canonical_json_str, item_hash, write_canonical};
#[cfg(feature = "alloc")]
pub(crate) use with_options::write_object_of;
#[cfg(feature = "alloc")]
pub use with_options::{
    canonical_json_str_with, canonical_json_with, item_hash_with, write_canonical_with, write_json_string,
};
#[cfg(feature = "alloc")]
pub use wtf8::{JsonString, Unit};
