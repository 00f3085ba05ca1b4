//! The 24 rounds of Keccak-f\[1600\], written once and expanded for every
//! lane type: `u64` (the scalar path) and the x86 vectors holding one state
//! word of 4 or 8 independent states.
//!
//! The state is an array of 25 values indexed `x + 5·y`. Theta, rho and pi
//! are fused (each word is theta-corrected, rotated and moved to its pi
//! position in one expression), so every round reads the 25 words once and
//! writes them once. Every index below is a literal, so no bounds check
//! survives compilation.

/// Round constants of iota, rounds 0 to 23.
pub(crate) const RC: [u64; 24] = [
    0x0000_0000_0000_0001,
    0x0000_0000_0000_8082,
    0x8000_0000_0000_808A,
    0x8000_0000_8000_8000,
    0x0000_0000_0000_808B,
    0x0000_0000_8000_0001,
    0x8000_0000_8000_8081,
    0x8000_0000_0000_8009,
    0x0000_0000_0000_008A,
    0x0000_0000_0000_0088,
    0x0000_0000_8000_8009,
    0x0000_0000_8000_000A,
    0x0000_0000_8000_808B,
    0x8000_0000_0000_008B,
    0x8000_0000_0000_8089,
    0x8000_0000_0000_8003,
    0x8000_0000_0000_8002,
    0x8000_0000_0000_0080,
    0x0000_0000_0000_800A,
    0x8000_0000_8000_000A,
    0x8000_0000_8000_8081,
    0x8000_0000_0000_8080,
    0x0000_0000_8000_0001,
    0x8000_0000_8000_8008,
];

/// Expands to the 24 rounds of Keccak-f\[1600\] on `$a`, a mutable local
/// `[V; 25]` (`V: Copy`), given the lane operations:
///
/// - `$xor5(a, b, c, d, e)`: `a ^ b ^ c ^ d ^ e` (theta's column parity);
/// - `$d(c_left, c_right)`: theta's correction for a column from the
///   parities of its neighbours, `c_left ^ rotl(c_right, 1)`, in any type
///   `$theta` accepts (the AVX-512 path keeps the two terms apart and folds
///   them into one three-way XOR per word);
/// - `$theta(a, d)`: `a ^ d`;
/// - `$rol!(v, n)`: `v` rotated left by the literal `n` (1 to 63), a macro
///   because the vector shifts take their count as a const generic;
/// - `$chi(a, b, c)`: `a ^ (!b & c)`;
/// - `$iota(a, rc)`: `a ^ rc` with `rc: u64` in every lane.
///
/// Used inside functions compiled with the vector extension enabled, so the
/// operations inline into straight-line vector code.
macro_rules! keccak_f1600 {
    ($a:ident; xor5: $xor5:path, d: $d:path, theta: $theta:path, rol: $rol:ident, chi: $chi:path, iota: $iota:path) => {
        for &rc in &$crate::round::RC {
            let c0 = $xor5($a[0], $a[5], $a[10], $a[15], $a[20]);
            let c1 = $xor5($a[1], $a[6], $a[11], $a[16], $a[21]);
            let c2 = $xor5($a[2], $a[7], $a[12], $a[17], $a[22]);
            let c3 = $xor5($a[3], $a[8], $a[13], $a[18], $a[23]);
            let c4 = $xor5($a[4], $a[9], $a[14], $a[19], $a[24]);
            let d0 = $d(c4, c1);
            let d1 = $d(c0, c2);
            let d2 = $d(c1, c3);
            let d3 = $d(c2, c4);
            let d4 = $d(c3, c0);
            // Theta applied, then rho (rotate) and pi (move) in one step.
            let b0 = $theta($a[0], d0);
            let b10 = $rol!($theta($a[1], d1), 1);
            let b20 = $rol!($theta($a[2], d2), 62);
            let b5 = $rol!($theta($a[3], d3), 28);
            let b15 = $rol!($theta($a[4], d4), 27);
            let b16 = $rol!($theta($a[5], d0), 36);
            let b1 = $rol!($theta($a[6], d1), 44);
            let b11 = $rol!($theta($a[7], d2), 6);
            let b21 = $rol!($theta($a[8], d3), 55);
            let b6 = $rol!($theta($a[9], d4), 20);
            let b7 = $rol!($theta($a[10], d0), 3);
            let b17 = $rol!($theta($a[11], d1), 10);
            let b2 = $rol!($theta($a[12], d2), 43);
            let b12 = $rol!($theta($a[13], d3), 25);
            let b22 = $rol!($theta($a[14], d4), 39);
            let b23 = $rol!($theta($a[15], d0), 41);
            let b8 = $rol!($theta($a[16], d1), 45);
            let b18 = $rol!($theta($a[17], d2), 15);
            let b3 = $rol!($theta($a[18], d3), 21);
            let b13 = $rol!($theta($a[19], d4), 8);
            let b14 = $rol!($theta($a[20], d0), 18);
            let b24 = $rol!($theta($a[21], d1), 2);
            let b9 = $rol!($theta($a[22], d2), 61);
            let b19 = $rol!($theta($a[23], d3), 56);
            let b4 = $rol!($theta($a[24], d4), 14);
            // Chi row by row, then iota.
            $a = [
                $chi(b0, b1, b2),
                $chi(b1, b2, b3),
                $chi(b2, b3, b4),
                $chi(b3, b4, b0),
                $chi(b4, b0, b1),
                $chi(b5, b6, b7),
                $chi(b6, b7, b8),
                $chi(b7, b8, b9),
                $chi(b8, b9, b5),
                $chi(b9, b5, b6),
                $chi(b10, b11, b12),
                $chi(b11, b12, b13),
                $chi(b12, b13, b14),
                $chi(b13, b14, b10),
                $chi(b14, b10, b11),
                $chi(b15, b16, b17),
                $chi(b16, b17, b18),
                $chi(b17, b18, b19),
                $chi(b18, b19, b15),
                $chi(b19, b15, b16),
                $chi(b20, b21, b22),
                $chi(b21, b22, b23),
                $chi(b22, b23, b24),
                $chi(b23, b24, b20),
                $chi(b24, b20, b21),
            ];
            $a[0] = $iota($a[0], rc);
        }
    };
}

pub(crate) use keccak_f1600;
