//! The multi-lane permutations, dispatched to the selected backend.

#[cfg(target_arch = "x86_64")]
use crate::backend::{Backend, backend};
use crate::{State, f1600};

/// Keccak-f\[1600\] on 4 independent states at once.
///
/// Equal to [`f1600`] on each state. AVX-512 (256-bit registers) or AVX2
/// when [`backend`](crate::backend()) selects them, else one state after
/// another.
///
/// ```
/// use pacspace_keccak_lanes::{f1600, f1600_x4};
/// let mut states = [[0u64; 25], [1; 25], [2; 25], [3; 25]];
/// let mut expected = states;
/// expected.iter_mut().for_each(f1600);
/// f1600_x4(&mut states);
/// assert_eq!(states, expected);
/// ```
pub fn f1600_x4(states: &mut [State; 4]) {
    #[cfg(target_arch = "x86_64")]
    {
        let done = match backend() {
            Backend::Avx512 => crate::x86::x4_avx512(states),
            Backend::Avx2 => crate::x86::x4_avx2(states),
            Backend::Scalar => false,
        };
        if done {
            return;
        }
    }
    states.iter_mut().for_each(f1600);
}

/// Keccak-f\[1600\] on 8 independent states at once.
///
/// Equal to [`f1600`] on each state. AVX-512 (512-bit registers), or AVX2
/// as two sets of 4, when [`backend`](crate::backend()) selects them, else
/// one state after another.
///
/// ```
/// use pacspace_keccak_lanes::{f1600, f1600_x8};
/// let mut states: [[u64; 25]; 8] = core::array::from_fn(|i| [i as u64; 25]);
/// let mut expected = states;
/// expected.iter_mut().for_each(f1600);
/// f1600_x8(&mut states);
/// assert_eq!(states, expected);
/// ```
pub fn f1600_x8(states: &mut [State; 8]) {
    #[cfg(target_arch = "x86_64")]
    {
        let done = match backend() {
            Backend::Avx512 => crate::x86::x8_avx512(states),
            Backend::Avx2 => crate::x86::x8_avx2(states),
            Backend::Scalar => false,
        };
        if done {
            return;
        }
    }
    states.iter_mut().for_each(f1600);
}

/// Keccak-f\[1600\] on any number of independent states: in groups of 8
/// or 4 as the selected backend prefers; a remainder of 2 or more states
/// is padded to a full group (on these paths a group costs less than two
/// scalar permutations), a single one is permuted alone.
///
/// Equal to [`f1600`] on each state.
///
/// ```
/// use pacspace_keccak_lanes::{f1600, f1600_batch};
/// let mut states: Vec<[u64; 25]> = (0..13).map(|i| [i; 25]).collect();
/// let mut expected = states.clone();
/// expected.iter_mut().for_each(f1600);
/// f1600_batch(&mut states);
/// assert_eq!(states, expected);
/// ```
pub fn f1600_batch(states: &mut [State]) {
    let lanes = crate::preferred_lanes();
    let rest = if lanes >= 8 {
        let (eights, rest) = states.as_chunks_mut::<8>();
        eights.iter_mut().for_each(f1600_x8);
        if rest.len() > 4 {
            padded::<8>(rest, f1600_x8);
            return;
        }
        rest
    } else {
        states
    };
    if lanes >= 4 {
        let (fours, rest) = rest.as_chunks_mut::<4>();
        fours.iter_mut().for_each(f1600_x4);
        if rest.len() > 1 {
            padded::<4>(rest, f1600_x4);
            return;
        }
        rest.iter_mut().for_each(f1600);
    } else {
        rest.iter_mut().for_each(f1600);
    }
}

/// Permutes up to `N` states (`states.len() <= N`) as a group of `N`
/// padded with zero states.
fn padded<const N: usize>(states: &mut [State], permute: fn(&mut [State; N])) {
    let mut group = [[0u64; 25]; N];
    for (slot, state) in group.iter_mut().zip(states.iter()) {
        *slot = *state;
    }
    permute(&mut group);
    for (state, slot) in states.iter_mut().zip(group.iter()) {
        *state = *slot;
    }
}
