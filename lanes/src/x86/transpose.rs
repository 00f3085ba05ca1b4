//! Moving states between the `[State; N]` layout and registers that each
//! hold one word of every state (4×4 and 8×8 transposes of 64-bit words,
//! plus the 25th word on its own), and the only loads and stores of the
//! crate, each taking a reference to exactly the bytes it moves.

use crate::State;
use core::arch::x86_64::{
    __m256i, __m512i, _mm256_extract_epi64, _mm256_loadu_si256, _mm256_permute2x128_si256, _mm256_set_epi64x,
    _mm256_setzero_si256, _mm256_storeu_si256, _mm256_unpackhi_epi64, _mm256_unpacklo_epi64,
    _mm512_loadu_si512, _mm512_set_epi64, _mm512_setzero_si512, _mm512_shuffle_i64x2, _mm512_storeu_si512,
    _mm512_unpackhi_epi64, _mm512_unpacklo_epi64,
};

#[target_feature(enable = "avx2")]
#[inline]
fn load4(words: &[u64; 4]) -> __m256i {
    // SAFETY: `words` refers to 32 initialised bytes, exactly what the
    // unaligned load reads; AVX2 (hence AVX) is enabled here.
    unsafe { _mm256_loadu_si256(words.as_ptr().cast()) }
}

#[target_feature(enable = "avx2")]
#[inline]
fn store4(words: &mut [u64; 4], v: __m256i) {
    // SAFETY: `words` is an exclusive reference to 32 bytes, exactly what
    // the unaligned store writes; AVX2 (hence AVX) is enabled here.
    unsafe { _mm256_storeu_si256(words.as_mut_ptr().cast(), v) }
}

#[target_feature(enable = "avx512f")]
#[inline]
fn load8(words: &[u64; 8]) -> __m512i {
    // SAFETY: `words` refers to 64 initialised bytes, exactly what the
    // unaligned load reads; AVX-512F is enabled here.
    unsafe { _mm512_loadu_si512(words.as_ptr().cast()) }
}

#[target_feature(enable = "avx512f")]
#[inline]
fn store8(words: &mut [u64; 8], v: __m512i) {
    // SAFETY: `words` is an exclusive reference to 64 bytes, exactly what
    // the unaligned store writes; AVX-512F is enabled here.
    unsafe { _mm512_storeu_si512(words.as_mut_ptr().cast(), v) }
}

/// 4×4 transpose of 64-bit words: row `i` word `j` becomes row `j` word `i`.
#[target_feature(enable = "avx2")]
#[inline]
fn transpose4([r0, r1, r2, r3]: [__m256i; 4]) -> [__m256i; 4] {
    let t0 = _mm256_unpacklo_epi64(r0, r1); // r0.0 r1.0 | r0.2 r1.2
    let t1 = _mm256_unpackhi_epi64(r0, r1); // r0.1 r1.1 | r0.3 r1.3
    let t2 = _mm256_unpacklo_epi64(r2, r3);
    let t3 = _mm256_unpackhi_epi64(r2, r3);
    [
        _mm256_permute2x128_si256::<0x20>(t0, t2),
        _mm256_permute2x128_si256::<0x20>(t1, t3),
        _mm256_permute2x128_si256::<0x31>(t0, t2),
        _mm256_permute2x128_si256::<0x31>(t1, t3),
    ]
}

/// 8×8 transpose of 64-bit words: row `i` word `j` becomes row `j` word `i`.
#[target_feature(enable = "avx512f")]
#[inline]
fn transpose8([r0, r1, r2, r3, r4, r5, r6, r7]: [__m512i; 8]) -> [__m512i; 8] {
    // Pairs of rows: t0 = r0.0 r1.0 | r0.2 r1.2 | r0.4 r1.4 | r0.6 r1.6.
    let t0 = _mm512_unpacklo_epi64(r0, r1);
    let t1 = _mm512_unpackhi_epi64(r0, r1);
    let t2 = _mm512_unpacklo_epi64(r2, r3);
    let t3 = _mm512_unpackhi_epi64(r2, r3);
    let t4 = _mm512_unpacklo_epi64(r4, r5);
    let t5 = _mm512_unpackhi_epi64(r4, r5);
    let t6 = _mm512_unpacklo_epi64(r6, r7);
    let t7 = _mm512_unpackhi_epi64(r6, r7);
    // Even / odd 128-bit lanes of two pairs: u0 = r0.0 r1.0 | r0.4 r1.4 | r2.0 r3.0 | r2.4 r3.4.
    const EVEN: i32 = 0b10_00_10_00;
    const ODD: i32 = 0b11_01_11_01;
    let u0 = _mm512_shuffle_i64x2::<EVEN>(t0, t2);
    let u1 = _mm512_shuffle_i64x2::<ODD>(t0, t2);
    let u2 = _mm512_shuffle_i64x2::<EVEN>(t1, t3);
    let u3 = _mm512_shuffle_i64x2::<ODD>(t1, t3);
    let u4 = _mm512_shuffle_i64x2::<EVEN>(t4, t6);
    let u5 = _mm512_shuffle_i64x2::<ODD>(t4, t6);
    let u6 = _mm512_shuffle_i64x2::<EVEN>(t5, t7);
    let u7 = _mm512_shuffle_i64x2::<ODD>(t5, t7);
    [
        _mm512_shuffle_i64x2::<EVEN>(u0, u4),
        _mm512_shuffle_i64x2::<EVEN>(u2, u6),
        _mm512_shuffle_i64x2::<EVEN>(u1, u5),
        _mm512_shuffle_i64x2::<EVEN>(u3, u7),
        _mm512_shuffle_i64x2::<ODD>(u0, u4),
        _mm512_shuffle_i64x2::<ODD>(u2, u6),
        _mm512_shuffle_i64x2::<ODD>(u1, u5),
        _mm512_shuffle_i64x2::<ODD>(u3, u7),
    ]
}

/// Words `N·K .. N·K + N` of a state. Every block used here lies inside
/// the 25 words (checked at compile time), so this is never `None`.
#[inline(always)]
fn block<const N: usize, const K: usize>(s: &State) -> Option<&[u64; N]> {
    const { assert!(N * K + N <= 25) };
    s.get(N * K..)?.first_chunk::<N>()
}

/// Mutable [`block`].
#[inline(always)]
fn block_mut<const N: usize, const K: usize>(s: &mut State) -> Option<&mut [u64; N]> {
    const { assert!(N * K + N <= 25) };
    s.get_mut(N * K..)?.first_chunk_mut::<N>()
}

/// Block `K` of 4 words of each of 4 states, transposed: register `j`
/// holds word `4·K + j` of every state.
#[target_feature(enable = "avx2")]
#[inline]
fn rows4<const K: usize>([s0, s1, s2, s3]: &[State; 4]) -> [__m256i; 4] {
    let load = |s| block::<4, K>(s).map_or(_mm256_setzero_si256(), |w| load4(w));
    transpose4([load(s0), load(s1), load(s2), load(s3)])
}

/// Inverse of [`rows4`]: stores word `4·K + j` of every state from register `j`.
#[target_feature(enable = "avx2")]
#[inline]
fn cols4<const K: usize>([s0, s1, s2, s3]: &mut [State; 4], words: [__m256i; 4]) {
    let [c0, c1, c2, c3] = transpose4(words);
    for (s, c) in [(s0, c0), (s1, c1), (s2, c2), (s3, c3)] {
        if let Some(w) = block_mut::<4, K>(s) {
            store4(w, c);
        }
    }
}

/// Register `w` holds word `w` of the 4 states.
#[target_feature(enable = "avx2")]
#[inline]
pub(super) fn interleave4(states: &[State; 4]) -> [__m256i; 25] {
    let [w0, w1, w2, w3] = rows4::<0>(states);
    let [w4, w5, w6, w7] = rows4::<1>(states);
    let [w8, w9, w10, w11] = rows4::<2>(states);
    let [w12, w13, w14, w15] = rows4::<3>(states);
    let [w16, w17, w18, w19] = rows4::<4>(states);
    let [w20, w21, w22, w23] = rows4::<5>(states);
    let [s0, s1, s2, s3] = states;
    let w24 = _mm256_set_epi64x(s3[24] as i64, s2[24] as i64, s1[24] as i64, s0[24] as i64);
    [
        w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11, w12, w13, w14, w15, w16, w17, w18, w19, w20, w21,
        w22, w23, w24,
    ]
}

/// Inverse of [`interleave4`].
#[target_feature(enable = "avx2")]
#[inline]
pub(super) fn deinterleave4(v: &[__m256i; 25], states: &mut [State; 4]) {
    let [
        w0,
        w1,
        w2,
        w3,
        w4,
        w5,
        w6,
        w7,
        w8,
        w9,
        w10,
        w11,
        w12,
        w13,
        w14,
        w15,
        w16,
        w17,
        w18,
        w19,
        w20,
        w21,
        w22,
        w23,
        w24,
    ] = *v;
    cols4::<0>(states, [w0, w1, w2, w3]);
    cols4::<1>(states, [w4, w5, w6, w7]);
    cols4::<2>(states, [w8, w9, w10, w11]);
    cols4::<3>(states, [w12, w13, w14, w15]);
    cols4::<4>(states, [w16, w17, w18, w19]);
    cols4::<5>(states, [w20, w21, w22, w23]);
    let [s0, s1, s2, s3] = states;
    s0[24] = _mm256_extract_epi64::<0>(w24) as u64;
    s1[24] = _mm256_extract_epi64::<1>(w24) as u64;
    s2[24] = _mm256_extract_epi64::<2>(w24) as u64;
    s3[24] = _mm256_extract_epi64::<3>(w24) as u64;
}

/// Block `K` of 8 words of each of 8 states, transposed: register `j`
/// holds word `8·K + j` of every state.
#[target_feature(enable = "avx512f")]
#[inline]
fn rows8<const K: usize>([s0, s1, s2, s3, s4, s5, s6, s7]: &[State; 8]) -> [__m512i; 8] {
    let load = |s| block::<8, K>(s).map_or(_mm512_setzero_si512(), |w| load8(w));
    transpose8([
        load(s0),
        load(s1),
        load(s2),
        load(s3),
        load(s4),
        load(s5),
        load(s6),
        load(s7),
    ])
}

/// Inverse of [`rows8`]: stores word `8·K + j` of every state from register `j`.
#[target_feature(enable = "avx512f")]
#[inline]
fn cols8<const K: usize>(states: &mut [State; 8], words: [__m512i; 8]) {
    for (s, c) in states.iter_mut().zip(transpose8(words)) {
        if let Some(w) = block_mut::<8, K>(s) {
            store8(w, c);
        }
    }
}

/// Register `w` holds word `w` of the 8 states.
#[target_feature(enable = "avx512f")]
#[inline]
pub(super) fn interleave8(states: &[State; 8]) -> [__m512i; 25] {
    let [w0, w1, w2, w3, w4, w5, w6, w7] = rows8::<0>(states);
    let [w8, w9, w10, w11, w12, w13, w14, w15] = rows8::<1>(states);
    let [w16, w17, w18, w19, w20, w21, w22, w23] = rows8::<2>(states);
    let [s0, s1, s2, s3, s4, s5, s6, s7] = states.each_ref().map(|s| s[24] as i64);
    let w24 = _mm512_set_epi64(s7, s6, s5, s4, s3, s2, s1, s0);
    [
        w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11, w12, w13, w14, w15, w16, w17, w18, w19, w20, w21,
        w22, w23, w24,
    ]
}

/// Inverse of [`interleave8`].
#[target_feature(enable = "avx512f")]
#[inline]
pub(super) fn deinterleave8(v: &[__m512i; 25], states: &mut [State; 8]) {
    let [
        w0,
        w1,
        w2,
        w3,
        w4,
        w5,
        w6,
        w7,
        w8,
        w9,
        w10,
        w11,
        w12,
        w13,
        w14,
        w15,
        w16,
        w17,
        w18,
        w19,
        w20,
        w21,
        w22,
        w23,
        w24,
    ] = *v;
    cols8::<0>(states, [w0, w1, w2, w3, w4, w5, w6, w7]);
    cols8::<1>(states, [w8, w9, w10, w11, w12, w13, w14, w15]);
    cols8::<2>(states, [w16, w17, w18, w19, w20, w21, w22, w23]);
    let mut last = [0u64; 8];
    store8(&mut last, w24);
    for (s, word) in states.iter_mut().zip(last) {
        s[24] = word;
    }
}
