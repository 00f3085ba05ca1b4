//! The item: which object is hashed for a balance delta, under each
//! documented reading of the service's docs and each variant a TypeScript
//! service could produce ([`ItemMapping`]), written canonically and hashed
//! without allocation ([`DeltaItem`]); with `alloc`, the delta the SDK sends
//! for a queued usage summary (`wire_delta`).
//!
//! ```
//! use pacspace_proof::item::{AmountKey, DeltaItem, ItemMapping};
//!
//! let d = DeltaItem { customer_id: "c1", amount: -150.0, reason: "api_call",
//!                     reference_id: None, metadata: None };
//! let by_delta = d.item_hash(ItemMapping::default()).unwrap();
//! let by_amount = d.item_hash(ItemMapping { amount_key: AmountKey::Amount, ..Default::default() }).unwrap();
//! assert_ne!(by_delta, by_amount);
//! ```

mod delta;
#[cfg(feature = "alloc")]
mod iso_time;
#[cfg(feature = "alloc")]
mod python_text;
#[cfg(feature = "alloc")]
mod summary;
mod variants;

pub use delta::{AmountKey, DeltaItem, ItemMapping, ReferenceIdAbsent};
#[cfg(feature = "alloc")]
pub use iso_time::{TimestampError, normalize_timestamp};
#[cfg(feature = "alloc")]
pub use python_text::{python_ascii_string, python_float_repr, python_isspace};
#[cfg(feature = "alloc")]
pub use summary::{SummaryError, SummaryOptions, summary_reference_id, wire_delta};
pub use variants::AdjustsField;
