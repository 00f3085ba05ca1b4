//! # pacspace-keccak-lanes
//!
//! Keccak-f\[1600\] on several independent states at once, for hashing many
//! equal-shaped messages (the nodes of one Merkle tree level, a batch of
//! items) in about the time of a few single permutations.
//!
//! - [`f1600`]: the portable scalar permutation, safe code, any target.
//! - [`f1600_x4`], [`f1600_x8`], [`f1600_batch`]: 4, 8 or any number of
//!   states, on the fastest path this CPU has ([`Backend`]): AVX-512 (8
//!   states per 512-bit register set, 4 per 256-bit one), AVX2 (4 states),
//!   or the scalar permutation one state after another. Every path gives
//!   the same results as [`f1600`].
//! - [`keccak256_x`] and [`Keccak256Lanes`]: Keccak-256 (original padding,
//!   as Ethereum) of N messages side by side, optionally continuing from
//!   pre-absorbed states such as a constant prefix.
//!
//! The path is detected once ([`backend`]); with the `std` feature (the
//! default) the CPU is asked at run time and the environment variable
//! `PACSPACE_KECCAK=scalar|avx2|avx512` forces a path (falling back to the
//! best available one below it); without `std` the path is fixed at
//! compile time by `-C target-feature`. [`force_backend`] switches paths
//! in tests.
//!
//! `unsafe` is confined to the x86 module (the SIMD kernels' entry calls,
//! each after a feature check, and the unaligned loads and stores); every
//! other module is safe code.
//!
//! ```
//! use pacspace_keccak_lanes::{f1600, f1600_x8, preferred_lanes};
//!
//! let mut states: [[u64; 25]; 8] = core::array::from_fn(|i| [i as u64; 25]);
//! let mut one_by_one = states;
//! one_by_one.iter_mut().for_each(f1600);
//! f1600_x8(&mut states);
//! assert_eq!(states, one_by_one);
//! assert!([1, 4, 8].contains(&preferred_lanes()));
//! ```
#![no_std]
#![deny(unsafe_code)]
#![deny(unsafe_op_in_unsafe_fn)]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

#[cfg(feature = "std")]
extern crate std;

mod backend;
mod dispatch;
mod round;
mod scalar;
mod sponge;
#[cfg(target_arch = "x86_64")]
mod x86;

pub use backend::{
    Backend, BackendUnavailable, ENV_VAR, backend, detected_backend, force_backend, preferred_lanes,
};
pub use dispatch::{f1600_batch, f1600_x4, f1600_x8};
pub use scalar::f1600;
pub use sponge::{DIGEST_LEN, Keccak256Lanes, RATE, SpongeError, keccak256_x};

/// A Keccak-f\[1600\] state: 25 lanes of 64 bits, lane `x + 5·y` at index
/// `x + 5·y`, bytes little-endian within a lane (the layout of the
/// `keccak` crate and of FIPS 202).
pub type State = [u64; 25];
