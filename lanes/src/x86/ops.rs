//! The lane operations the round macro ([`crate::round::keccak_f1600`])
//! is expanded with, one set per kernel. Each function enables the features
//! of its kernel, so it is safe to call there and inlines into it.

/// AVX2 on `__m256i`.
pub(super) mod avx2 {
    use core::arch::x86_64::{
        __m256i, _mm256_add_epi64, _mm256_andnot_si256, _mm256_or_si256, _mm256_set1_epi64x,
        _mm256_srli_epi64, _mm256_xor_si256,
    };

    #[target_feature(enable = "avx2")]
    #[inline]
    pub(in crate::x86) fn xor5(a: __m256i, b: __m256i, c: __m256i, d: __m256i, e: __m256i) -> __m256i {
        _mm256_xor_si256(
            _mm256_xor_si256(_mm256_xor_si256(a, b), _mm256_xor_si256(c, d)),
            e,
        )
    }

    #[target_feature(enable = "avx2")]
    #[inline]
    pub(in crate::x86) fn theta_d(left: __m256i, right: __m256i) -> __m256i {
        // right + right is right << 1.
        let rot1 = _mm256_or_si256(_mm256_add_epi64(right, right), _mm256_srli_epi64::<63>(right));
        _mm256_xor_si256(left, rot1)
    }

    #[target_feature(enable = "avx2")]
    #[inline]
    pub(in crate::x86) fn theta(a: __m256i, d: __m256i) -> __m256i {
        _mm256_xor_si256(a, d)
    }

    #[target_feature(enable = "avx2")]
    #[inline]
    pub(in crate::x86) fn chi(a: __m256i, b: __m256i, c: __m256i) -> __m256i {
        _mm256_xor_si256(a, _mm256_andnot_si256(b, c))
    }

    #[target_feature(enable = "avx2")]
    #[inline]
    pub(in crate::x86) fn iota(a: __m256i, rc: u64) -> __m256i {
        _mm256_xor_si256(a, _mm256_set1_epi64x(rc as i64))
    }
}

macro_rules! rol_avx2 {
    ($v:expr, $n:literal) => {{
        let v = $v;
        ::core::arch::x86_64::_mm256_or_si256(
            ::core::arch::x86_64::_mm256_slli_epi64::<$n>(v),
            ::core::arch::x86_64::_mm256_srli_epi64::<{ 64 - $n }>(v),
        )
    }};
}

/// AVX-512F + VL on `__m256i`.
pub(super) mod avx512vl {
    use core::arch::x86_64::{
        __m256i, _mm256_rol_epi64, _mm256_set1_epi64x, _mm256_ternarylogic_epi64, _mm256_xor_si256,
    };

    #[target_feature(enable = "avx2,avx512f,avx512vl")]
    #[inline]
    pub(in crate::x86) fn xor5(a: __m256i, b: __m256i, c: __m256i, d: __m256i, e: __m256i) -> __m256i {
        _mm256_ternarylogic_epi64::<0x96>(_mm256_ternarylogic_epi64::<0x96>(a, b, c), d, e)
    }

    #[target_feature(enable = "avx2,avx512f,avx512vl")]
    #[inline]
    pub(in crate::x86) fn theta_d(left: __m256i, right: __m256i) -> (__m256i, __m256i) {
        (left, _mm256_rol_epi64::<1>(right))
    }

    /// `a ^ left ^ rotl(right, 1)` in one three-way XOR (truth table 0x96).
    #[target_feature(enable = "avx2,avx512f,avx512vl")]
    #[inline]
    pub(in crate::x86) fn theta(a: __m256i, (left, rot): (__m256i, __m256i)) -> __m256i {
        _mm256_ternarylogic_epi64::<0x96>(a, left, rot)
    }

    /// `a ^ (!b & c)` in one instruction (truth table 0xD2).
    #[target_feature(enable = "avx2,avx512f,avx512vl")]
    #[inline]
    pub(in crate::x86) fn chi(a: __m256i, b: __m256i, c: __m256i) -> __m256i {
        _mm256_ternarylogic_epi64::<0xD2>(a, b, c)
    }

    #[target_feature(enable = "avx2,avx512f,avx512vl")]
    #[inline]
    pub(in crate::x86) fn iota(a: __m256i, rc: u64) -> __m256i {
        _mm256_xor_si256(a, _mm256_set1_epi64x(rc as i64))
    }
}

macro_rules! rol_avx512vl {
    ($v:expr, $n:literal) => {
        ::core::arch::x86_64::_mm256_rol_epi64::<$n>($v)
    };
}

/// AVX-512F on `__m512i`.
pub(super) mod avx512 {
    use core::arch::x86_64::{
        __m512i, _mm512_rol_epi64, _mm512_set1_epi64, _mm512_ternarylogic_epi64, _mm512_xor_si512,
    };

    #[target_feature(enable = "avx512f")]
    #[inline]
    pub(in crate::x86) fn xor5(a: __m512i, b: __m512i, c: __m512i, d: __m512i, e: __m512i) -> __m512i {
        _mm512_ternarylogic_epi64::<0x96>(_mm512_ternarylogic_epi64::<0x96>(a, b, c), d, e)
    }

    #[target_feature(enable = "avx512f")]
    #[inline]
    pub(in crate::x86) fn theta_d(left: __m512i, right: __m512i) -> (__m512i, __m512i) {
        (left, _mm512_rol_epi64::<1>(right))
    }

    /// `a ^ left ^ rotl(right, 1)` in one three-way XOR (truth table 0x96).
    #[target_feature(enable = "avx512f")]
    #[inline]
    pub(in crate::x86) fn theta(a: __m512i, (left, rot): (__m512i, __m512i)) -> __m512i {
        _mm512_ternarylogic_epi64::<0x96>(a, left, rot)
    }

    /// `a ^ (!b & c)` in one instruction (truth table 0xD2).
    #[target_feature(enable = "avx512f")]
    #[inline]
    pub(in crate::x86) fn chi(a: __m512i, b: __m512i, c: __m512i) -> __m512i {
        _mm512_ternarylogic_epi64::<0xD2>(a, b, c)
    }

    #[target_feature(enable = "avx512f")]
    #[inline]
    pub(in crate::x86) fn iota(a: __m512i, rc: u64) -> __m512i {
        _mm512_xor_si512(a, _mm512_set1_epi64(rc as i64))
    }
}

macro_rules! rol_avx512 {
    ($v:expr, $n:literal) => {
        ::core::arch::x86_64::_mm512_rol_epi64::<$n>($v)
    };
}

pub(super) use {rol_avx2, rol_avx512, rol_avx512vl};
