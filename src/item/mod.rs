//! The item: which object is hashed for a balance delta, under each
//! documented reading of the service's docs ([`ItemMapping`]), written
//! canonically and hashed without allocation ([`DeltaItem`]).
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
mod variants;

pub use delta::{AmountKey, DeltaItem, ItemMapping, ReferenceIdAbsent};
pub use variants::AdjustsField;
