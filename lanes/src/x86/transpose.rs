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

/// Register `w` holds word `w` of the 4 states.
#[target_feature(enable = "avx2")]
#[inline]
pub(super) fn interleave4(states: &[State; 4]) -> [__m256i; 25] {
    let blocks = states.each_ref().map(|s| s.as_chunks::<4>().0);
    let mut v = [_mm256_setzero_si256(); 25];
    for (k, out) in v.as_chunks_mut::<4>().0.iter_mut().enumerate() {
        let mut rows = [_mm256_setzero_si256(); 4];
        for (row, block) in rows.iter_mut().zip(&blocks) {
            if let Some(words) = block.get(k) {
                *row = load4(words);
            }
        }
        *out = transpose4(rows);
    }
    let [s0, s1, s2, s3] = states;
    v[24] = _mm256_set_epi64x(s3[24] as i64, s2[24] as i64, s1[24] as i64, s0[24] as i64);
    v
}

/// Inverse of [`interleave4`].
#[target_feature(enable = "avx2")]
#[inline]
pub(super) fn deinterleave4(v: &[__m256i; 25], states: &mut [State; 4]) {
    let mut split = states.each_mut().map(|s| s.as_chunks_mut::<4>());
    for (k, block) in v.as_chunks::<4>().0.iter().enumerate() {
        for (col, (chunks, _)) in transpose4(*block).into_iter().zip(split.iter_mut()) {
            if let Some(words) = chunks.get_mut(k) {
                store4(words, col);
            }
        }
    }
    let last = [
        _mm256_extract_epi64::<0>(v[24]),
        _mm256_extract_epi64::<1>(v[24]),
        _mm256_extract_epi64::<2>(v[24]),
        _mm256_extract_epi64::<3>(v[24]),
    ];
    for (word, (_, rest)) in last.into_iter().zip(split.iter_mut()) {
        if let Some(w) = rest.first_mut() {
            *w = word as u64;
        }
    }
}

/// Register `w` holds word `w` of the 8 states.
#[target_feature(enable = "avx512f")]
#[inline]
pub(super) fn interleave8(states: &[State; 8]) -> [__m512i; 25] {
    let blocks = states.each_ref().map(|s| s.as_chunks::<8>().0);
    let mut v = [_mm512_setzero_si512(); 25];
    for (k, out) in v.as_chunks_mut::<8>().0.iter_mut().enumerate() {
        let mut rows = [_mm512_setzero_si512(); 8];
        for (row, block) in rows.iter_mut().zip(&blocks) {
            if let Some(words) = block.get(k) {
                *row = load8(words);
            }
        }
        *out = transpose8(rows);
    }
    let [s0, s1, s2, s3, s4, s5, s6, s7] = states.each_ref().map(|s| s[24] as i64);
    v[24] = _mm512_set_epi64(s7, s6, s5, s4, s3, s2, s1, s0);
    v
}

/// Inverse of [`interleave8`].
#[target_feature(enable = "avx512f")]
#[inline]
pub(super) fn deinterleave8(v: &[__m512i; 25], states: &mut [State; 8]) {
    let mut split = states.each_mut().map(|s| s.as_chunks_mut::<8>());
    for (k, block) in v.as_chunks::<8>().0.iter().enumerate() {
        for (col, (chunks, _)) in transpose8(*block).into_iter().zip(split.iter_mut()) {
            if let Some(words) = chunks.get_mut(k) {
                store8(words, col);
            }
        }
    }
    let mut last = [0u64; 8];
    store8(&mut last, v[24]);
    for (word, (_, rest)) in last.into_iter().zip(split.iter_mut()) {
        if let Some(w) = rest.first_mut() {
            *w = word;
        }
    }
}
