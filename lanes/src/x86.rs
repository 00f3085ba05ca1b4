//! The x86-64 kernels: the only module of the crate allowed `unsafe`.
//!
//! Three kernels, each expanded from the one round definition in
//! [`crate::round`] with the lane operations of module `ops`:
//!
//! - AVX2, 4 states: one `__m256i` per state word, rotates as two shifts
//!   and an OR, chi as AND-NOT and XOR; 8 states run as two sets of 4;
//! - AVX-512F + VL on 256-bit registers, 4 states: `vprolq` rotates and
//!   `vpternlogq` for theta's parities, theta's correction and chi;
//! - AVX-512F on 512-bit registers, 8 states: the same, one `__m512i` per
//!   state word.
//!
//! The states arrive and leave as `[State; N]`; inside, they are transposed
//! (4×4 and 8×8 blocks of words, plus the 25th word on its own) so that one
//! register holds the same word of every state.
//!
//! # Safety argument
//!
//! 1. The kernels are `#[target_feature]` functions: calling one on a CPU
//!    without those features would execute illegal instructions, so the
//!    call is `unsafe`. The only such calls are in the entry points
//!    [`x4_avx2`], [`x8_avx2`], [`x4_avx512`] and [`x8_avx512`], each right
//!    after a check that the CPU has every feature the kernel enables:
//!    [`has_avx2`] / [`has_avx512`], which with the `std` feature ask the
//!    CPU at run time (`is_x86_feature_detected!`, which also checks that
//!    the operating system saves the wider registers), and without it
//!    answer `cfg!(target_feature = …)`, true only when the whole program
//!    is compiled for CPUs that have the feature anyway.
//! 2. Inside the kernels the arithmetic intrinsics are safe functions (they
//!    need only the enabled features). What remains `unsafe` is the
//!    unaligned loads and stores (module `transpose`): each is in a helper
//!    (`load4`, `store4`, `load8`, `store8`) taking a reference to an array of
//!    exactly the bytes it moves, so the pointer is valid, in bounds and
//!    correctly typed, and `loadu`/`storeu` need no alignment.
#![allow(unsafe_code)]

mod ops;
mod transpose;

use crate::State;
use crate::round::keccak_f1600;
use ops::{avx2, avx512, avx512vl, rol_avx2, rol_avx512, rol_avx512vl};
use transpose::{deinterleave4, deinterleave8, interleave4, interleave8};

/// Whether this CPU runs the AVX2 kernel.
#[inline]
pub(crate) fn has_avx2() -> bool {
    #[cfg(feature = "std")]
    {
        std::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(feature = "std"))]
    {
        cfg!(target_feature = "avx2")
    }
}

/// Whether this CPU runs both AVX-512 kernels (AVX-512F, and VL for the
/// 256-bit one; AVX2 for the shared transposition).
#[inline]
pub(crate) fn has_avx512() -> bool {
    #[cfg(feature = "std")]
    {
        std::is_x86_feature_detected!("avx2")
            && std::is_x86_feature_detected!("avx512f")
            && std::is_x86_feature_detected!("avx512vl")
    }
    #[cfg(not(feature = "std"))]
    {
        cfg!(all(
            target_feature = "avx2",
            target_feature = "avx512f",
            target_feature = "avx512vl"
        ))
    }
}

/// Permutes 4 states with AVX2; `false` (states untouched) if the CPU lacks it.
pub(crate) fn x4_avx2(states: &mut [State; 4]) -> bool {
    if !has_avx2() {
        return false;
    }
    // SAFETY: has_avx2() has just confirmed AVX2, the only feature the kernel enables.
    unsafe { f1600_x4_avx2(states) };
    true
}

/// Permutes 8 states with AVX2 (two sets of 4); `false` (states untouched) if the CPU lacks it.
pub(crate) fn x8_avx2(states: &mut [State; 8]) -> bool {
    if !has_avx2() {
        return false;
    }
    // SAFETY: has_avx2() has just confirmed AVX2, the only feature the kernel enables.
    unsafe { f1600_x8_avx2(states) };
    true
}

/// Permutes 4 states with AVX-512 on 256-bit registers; `false` (states
/// untouched) if the CPU lacks AVX-512F, VL or AVX2.
pub(crate) fn x4_avx512(states: &mut [State; 4]) -> bool {
    if !has_avx512() {
        return false;
    }
    // SAFETY: has_avx512() has just confirmed AVX2, AVX-512F and AVX-512VL,
    // the features the kernel enables.
    unsafe { f1600_x4_avx512(states) };
    true
}

/// Permutes 8 states with AVX-512 on 512-bit registers; `false` (states
/// untouched) if the CPU lacks AVX-512F, VL or AVX2.
pub(crate) fn x8_avx512(states: &mut [State; 8]) -> bool {
    if !has_avx512() {
        return false;
    }
    // SAFETY: has_avx512() has just confirmed AVX-512F (and more), the only
    // feature the kernel enables.
    unsafe { f1600_x8_avx512(states) };
    true
}

// Kernels.

#[target_feature(enable = "avx2")]
fn f1600_x4_avx2(states: &mut [State; 4]) {
    let mut a = interleave4(states);
    keccak_f1600!(a; xor5: avx2::xor5, d: avx2::theta_d, theta: avx2::theta, rol: rol_avx2,
        chi: avx2::chi, iota: avx2::iota);
    deinterleave4(&a, states);
}

#[target_feature(enable = "avx2")]
fn f1600_x8_avx2(states: &mut [State; 8]) {
    for half in states.as_chunks_mut::<4>().0 {
        f1600_x4_avx2(half);
    }
}

#[target_feature(enable = "avx2,avx512f,avx512vl")]
fn f1600_x4_avx512(states: &mut [State; 4]) {
    let mut a = interleave4(states);
    keccak_f1600!(a; xor5: avx512vl::xor5, d: avx512vl::theta_d, theta: avx512vl::theta,
        rol: rol_avx512vl, chi: avx512vl::chi, iota: avx512vl::iota);
    deinterleave4(&a, states);
}

#[target_feature(enable = "avx512f")]
fn f1600_x8_avx512(states: &mut [State; 8]) {
    let mut a = interleave8(states);
    keccak_f1600!(a; xor5: avx512::xor5, d: avx512::theta_d, theta: avx512::theta, rol: rol_avx512,
        chi: avx512::chi, iota: avx512::iota);
    deinterleave8(&a, states);
}
