//! Every permutation path against the `keccak` crate's Keccak-f[1600].

mod common;

use common::{for_each_backend, reference};
use pacspace_keccak_lanes::{
    Backend, State, backend, f1600, f1600_batch, f1600_x4, f1600_x8, force_backend, preferred_lanes,
};
use proptest::prelude::*;

fn expected<const N: usize>(states: &[State; N]) -> [State; N] {
    let mut out = *states;
    out.iter_mut().for_each(reference);
    out
}

/// Eight states that differ in every word, so a lane mix-up shows.
fn distinct_states(seed: u64) -> [State; 8] {
    core::array::from_fn(|i| {
        core::array::from_fn(|w| {
            (seed ^ (i as u64) << 56 ^ (w as u64) << 48)
                .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .rotate_left(w as u32)
        })
    })
}

#[test]
fn zero_state_known_answer() {
    // Keccak-f[1600] of the all-zero state (Keccak team's intermediate values).
    let mut state = [0u64; 25];
    f1600(&mut state);
    assert_eq!(state[0], 0xF125_8F79_40E1_DDE7);
    assert_eq!(state[24], 0xEAF1_FF7B_5CEC_A249);
    let mut reference_state = [0u64; 25];
    reference(&mut reference_state);
    assert_eq!(state, reference_state);
}

#[test]
fn every_path_matches_the_reference_on_distinct_states() {
    for_each_backend(|b| {
        for seed in 0..64 {
            let states = distinct_states(seed);
            let want = expected(&states);

            let mut x8 = states;
            f1600_x8(&mut x8);
            assert_eq!(x8, want, "{b} x8, seed {seed}");

            let mut x4 = [states[0], states[1], states[2], states[3]];
            f1600_x4(&mut x4);
            assert_eq!(x4[..], want[..4], "{b} x4, seed {seed}");

            let mut x4 = [states[4], states[5], states[6], states[7]];
            f1600_x4(&mut x4);
            assert_eq!(x4[..], want[4..], "{b} x4 (upper half), seed {seed}");
        }
    });
}

#[test]
fn batch_of_every_size_matches_the_reference() {
    for_each_backend(|b| {
        for n in 0..=27usize {
            let mut states: Vec<State> = (0..n).map(|i| distinct_states(i as u64)[i % 8]).collect();
            let mut want = states.clone();
            want.iter_mut().for_each(reference);
            f1600_batch(&mut states);
            assert_eq!(states, want, "{b} batch of {n}");
        }
    });
}

#[test]
fn long_chains_stay_equal() {
    // 200 permutations in a row: an error in a rarely hit bit would spread.
    for_each_backend(|b| {
        let mut x8 = distinct_states(7);
        let mut x4 = [x8[0], x8[3], x8[5], x8[6]];
        let mut want8 = x8;
        let mut want4 = x4;
        for _ in 0..200 {
            f1600_x8(&mut x8);
            f1600_x4(&mut x4);
            want8.iter_mut().for_each(reference);
            want4.iter_mut().for_each(reference);
        }
        assert_eq!(x8, want8, "{b} x8");
        assert_eq!(x4, want4, "{b} x4");
    });
}

#[test]
fn forcing_selects_the_path_and_its_lane_count() {
    for_each_backend(|b| {
        assert_eq!(backend(), b);
        assert_eq!(preferred_lanes(), b.lanes());
    });
    for b in Backend::ALL {
        if !b.is_available() {
            let err = force_backend(b).expect_err("unavailable backend forced");
            assert_eq!(err.requested, b);
            assert!(err.detected < b);
            assert!(err.to_string().contains(b.name()));
        }
    }
}

fn state() -> impl Strategy<Value = State> {
    prop::array::uniform25(any::<u64>())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn scalar_matches_the_reference(mut s in state()) {
        let mut want = s;
        reference(&mut want);
        f1600(&mut s);
        prop_assert_eq!(s, want);
    }

    #[test]
    fn lanes_match_the_reference_on_random_states(states in prop::array::uniform8(state()), n in 0usize..=8) {
        let want = expected(&states);
        for_each_backend(|b| {
            let mut x8 = states;
            f1600_x8(&mut x8);
            assert_eq!(x8, want, "{b} x8");
            let mut x4 = [states[0], states[1], states[2], states[3]];
            f1600_x4(&mut x4);
            assert_eq!(x4[..], want[..4], "{b} x4");
            let mut batch = states[..n].to_vec();
            f1600_batch(&mut batch);
            assert_eq!(batch[..], want[..n], "{b} batch of {n}");
        });
    }
}
