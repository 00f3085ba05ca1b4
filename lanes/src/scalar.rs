//! The portable Keccak-f\[1600\]: one state, 64-bit integer operations.

use crate::State;
use crate::round::keccak_f1600;

#[inline(always)]
fn xor5(a: u64, b: u64, c: u64, d: u64, e: u64) -> u64 {
    a ^ b ^ c ^ d ^ e
}

#[inline(always)]
fn theta_d(left: u64, right: u64) -> u64 {
    left ^ right.rotate_left(1)
}

#[inline(always)]
fn theta(a: u64, d: u64) -> u64 {
    a ^ d
}

#[inline(always)]
fn chi(a: u64, b: u64, c: u64) -> u64 {
    a ^ (!b & c)
}

#[inline(always)]
fn iota(a: u64, rc: u64) -> u64 {
    a ^ rc
}

macro_rules! rol {
    ($v:expr, $n:literal) => {
        $v.rotate_left($n)
    };
}

/// Keccak-f\[1600\] on one state, on any target, without `unsafe`.
///
/// This is the fallback of every multi-lane function and the reference the
/// SIMD paths are tested against (itself tested against the `keccak` crate).
///
/// ```
/// let mut state = [0u64; 25];
/// pacspace_keccak_lanes::f1600(&mut state);
/// // First word of Keccak-f[1600] applied to the all-zero state.
/// assert_eq!(state[0], 0xF125_8F79_40E1_DDE7);
/// ```
pub fn f1600(state: &mut State) {
    let mut a = *state;
    keccak_f1600!(a; xor5: xor5, d: theta_d, theta: theta, rol: rol, chi: chi, iota: iota);
    *state = a;
}
