//! Chains: each receipt's `previousProofHash` is the `proofHash` stored
//! before it, for one tenant, in order — checked streaming, in constant
//! memory.
//!
//! ```
//! use pacspace_proof::chain::ChainVerifier;
//!
//! let mut chain = ChainVerifier::new();
//! chain.push_line(b"").unwrap(); // blank lines are skipped
//! assert_eq!(chain.finish().lines, 1);
//! ```

pub(crate) mod cache;
#[cfg(feature = "std")]
pub(crate) mod chunks;
mod differential;
pub(crate) mod hex;
#[cfg(feature = "std")]
mod jsonl;
pub(crate) mod line;
#[cfg(feature = "parallel")]
mod pipeline;
pub(crate) mod scan;
mod verifier;

#[doc(hidden)]
pub use differential::readers_disagree;
#[cfg(feature = "std")]
pub use jsonl::verify_chain_jsonl;
pub use verifier::{
    ChainInputError, ChainReport, ChainStart, ChainVerifier, DEFAULT_MAX_LINE_BYTES, LineFailure,
    MAX_REPORTED_FAILURES,
};
