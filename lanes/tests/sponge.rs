//! Keccak-256 of N messages against `sha3::Keccak256`, on every path, every
//! length up to three blocks and one byte, whole, in equal parts, and with
//! last parts of different lengths.

mod common;

use common::{bytes, for_each_backend, reference};
use pacspace_keccak_lanes::{Keccak256Lanes, RATE, SpongeError, State, keccak256_x};
use proptest::prelude::*;
use sha3::{Digest, Keccak256};

const MAX_LEN: usize = 3 * RATE + 1;

fn sha3(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Keccak256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

/// N distinct messages of `len` bytes.
fn messages<const N: usize>(len: usize) -> [Vec<u8>; N] {
    core::array::from_fn(|i| bytes(i as u64 + 1, len))
}

fn refs<const N: usize>(messages: &[Vec<u8>; N]) -> [&[u8]; N] {
    core::array::from_fn(|i| messages[i].as_slice())
}

fn check_whole<const N: usize>(what: &str, len: usize) {
    let msgs = messages::<N>(len);
    let got = keccak256_x(refs(&msgs));
    for (i, (digest, message)) in got.iter().zip(&msgs).enumerate() {
        assert_eq!(
            *digest,
            sha3(&[message]),
            "{what}: N = {N}, lane {i}, length {len}"
        );
    }
}

#[test]
fn every_length_and_lane_count_matches_sha3() {
    for_each_backend(|b| {
        let what = b.name();
        for len in 0..=MAX_LEN {
            check_whole::<1>(what, len);
            check_whole::<2>(what, len);
            check_whole::<3>(what, len);
            check_whole::<4>(what, len);
            check_whole::<5>(what, len);
            check_whole::<8>(what, len);
            check_whole::<9>(what, len);
            check_whole::<12>(what, len);
            check_whole::<16>(what, len);
        }
    });
}

/// Absorbs every message in three parts, cut at `a` and `b`.
fn check_split<const N: usize>(what: &str, len: usize, a: usize, b: usize) {
    let (a, b) = (a.min(b).min(len), a.max(b).min(len));
    let msgs = messages::<N>(len);
    let mut h = Keccak256Lanes::<N>::new();
    for range in [0..a, a..b, b..len] {
        let parts: [&[u8]; N] = core::array::from_fn(|i| &msgs[i][range.clone()]);
        h.update(parts).expect("equal lengths");
    }
    for (i, (digest, message)) in h.finalize().iter().zip(&msgs).enumerate() {
        assert_eq!(
            *digest,
            sha3(&[message]),
            "{what}: N = {N}, lane {i}, length {len}, cut at {a} and {b}"
        );
    }
}

#[test]
fn split_writes_match_sha3() {
    // Cuts at the lane and block boundaries and next to them.
    let cuts = [0, 1, 7, 8, 9, 63, 64, 135, 136, 137, 271, 272, 273, 407, 408, 409];
    for_each_backend(|b| {
        for len in 0..=MAX_LEN {
            for &cut in &cuts {
                check_split::<4>(b.name(), len, cut, len / 2);
                check_split::<8>(b.name(), len, cut, cut + 3);
            }
            check_split::<3>(b.name(), len, len / 3, 2 * len / 3);
        }
    });
}

#[test]
fn with_prefix_matches_sha3_of_prefix_and_message() {
    for_each_backend(|b| {
        for prefix_len in [0, 1, 17, 100, 135, 136, 137, 300] {
            let prefix = bytes(99, prefix_len);
            for len in [0, 1, 8, 32, 64, 118, 119, 120, 135, 136, 200, MAX_LEN] {
                let msgs = messages::<8>(len);
                let mut h = Keccak256Lanes::<8>::with_prefix(&prefix);
                h.update(refs(&msgs)).expect("equal lengths");
                for (i, (digest, message)) in h.finalize().iter().zip(&msgs).enumerate() {
                    assert_eq!(
                        *digest,
                        sha3(&[&prefix, message]),
                        "{b}: prefix {prefix_len}, lane {i}, length {len}"
                    );
                }
            }
        }
    });
}

/// A scalar sponge written here from the `keccak` crate's permutation: the
/// state and block offset after absorbing `prefix`.
fn reference_absorb(prefix: &[u8]) -> (State, usize) {
    let mut state = [0u64; 25];
    let mut filled = 0;
    for &byte in prefix {
        state[filled / 8] ^= u64::from(byte) << (8 * (filled % 8));
        filled += 1;
        if filled == RATE {
            reference(&mut state);
            filled = 0;
        }
    }
    (state, filled)
}

#[test]
fn from_states_continues_pre_absorbed_states() {
    for_each_backend(|b| {
        for prefix_len in [0, 5, 17, 135, 136, 150] {
            // A different prefix in every lane, all of one length.
            let prefixes: [Vec<u8>; 4] = core::array::from_fn(|i| bytes(50 + i as u64, prefix_len));
            let absorbed: [(State, usize); 4] = core::array::from_fn(|i| reference_absorb(&prefixes[i]));
            let filled = absorbed[0].1;
            for len in [0, 1, 40, 118, 119, 300] {
                let msgs = messages::<4>(len);
                let mut h =
                    Keccak256Lanes::from_states(absorbed.map(|(s, _)| s), filled).expect("offset below rate");
                h.update(refs(&msgs)).expect("equal lengths");
                for (i, digest) in h.finalize().iter().enumerate() {
                    assert_eq!(
                        *digest,
                        sha3(&[&prefixes[i], &msgs[i]]),
                        "{b}: prefix {prefix_len}, lane {i}, length {len}"
                    );
                }
            }
        }
    });
}

#[test]
fn unequal_lengths_are_refused_and_absorb_nothing() {
    let mut h = Keccak256Lanes::<3>::new();
    h.update([b"abc", b"def", b"ghi"]).expect("equal lengths");
    let before = h.clone();
    let err = h.update([b"x", b"y", b"zz"]).expect_err("lengths differ");
    assert_eq!(
        err,
        SpongeError::LengthMismatch {
            lane: 2,
            expected: 1,
            found: 2
        }
    );
    assert!(
        err.to_string()
            .contains("message 2 is 2 bytes long, message 0 is 1")
    );
    assert_eq!(h, before);
    assert_eq!(h.finalize(), [sha3(&[b"abc"]), sha3(&[b"def"]), sha3(&[b"ghi"])]);
}

#[test]
fn block_offsets_at_or_past_the_rate_are_refused() {
    for filled in [RATE, RATE + 1, usize::MAX] {
        let err = Keccak256Lanes::<2>::from_states([[0; 25]; 2], filled).expect_err("offset too large");
        assert_eq!(err, SpongeError::BlockOffset { filled });
        assert!(err.to_string().contains(&filled.to_string()));
    }
    assert!(Keccak256Lanes::<2>::from_states([[0; 25]; 2], RATE - 1).is_ok());
}

#[test]
fn zero_lanes_is_empty() {
    assert_eq!(keccak256_x::<0>([]), [[0u8; 32]; 0]);
    assert_eq!(
        Keccak256Lanes::<0>::with_prefix(b"x").finalize_with([]),
        [[0u8; 32]; 0]
    );
}

/// Lane `i` of `N` gets a message of `lengths[i]` bytes.
fn check_unequal<const N: usize>(what: &str, prefix: &[u8], lengths: [usize; N]) {
    let msgs: [Vec<u8>; N] = core::array::from_fn(|i| bytes(i as u64 + 7, lengths[i]));
    let got = if prefix.is_empty() {
        keccak256_x(refs(&msgs))
    } else {
        Keccak256Lanes::<N>::with_prefix(prefix).finalize_with(refs(&msgs))
    };
    for (i, (digest, message)) in got.iter().zip(&msgs).enumerate() {
        assert_eq!(
            *digest,
            sha3(&[prefix, message]),
            "{what}: prefix {}, lane {i} of lengths {lengths:?}",
            prefix.len()
        );
    }
}

#[test]
fn unequal_lengths_match_sha3() {
    for_each_backend(|b| {
        let what = b.name();
        for len in 0..=MAX_LEN {
            // Every length against neighbours one block shorter and longer,
            // around every boundary.
            let other = (len * 7 + 3) % (MAX_LEN + 1);
            check_unequal(what, b"", [len, other]);
            check_unequal(what, b"", [0, len, MAX_LEN, other, len / 2]);
            check_unequal(
                what,
                b"",
                [len, len.saturating_sub(136), len + 136, other, 135, 136, 137, 0],
            );
            check_unequal(what, b"pacspace:item:v1:", [len, other, 118, 119, 1, 0, 254, 255]);
        }
    });
}

#[test]
fn equal_parts_then_unequal_tails_match_sha3() {
    for_each_backend(|b| {
        for head_len in [0, 1, 8, 100, 135, 136, 137, 300] {
            let heads: [Vec<u8>; 4] = core::array::from_fn(|i| bytes(20 + i as u64, head_len));
            for tails_len in [
                [0, 0, 0, 0],
                [0, 1, 135, 136],
                [17, 300, 2, 119],
                [409, 408, 0, 272],
            ] {
                let tails: [Vec<u8>; 4] = core::array::from_fn(|i| bytes(30 + i as u64, tails_len[i]));
                let mut h = Keccak256Lanes::<4>::new();
                h.update(refs(&heads)).expect("equal lengths");
                let got = h.finalize_with(refs(&tails));
                for (i, digest) in got.iter().enumerate() {
                    assert_eq!(
                        *digest,
                        sha3(&[&heads[i], &tails[i]]),
                        "{b}: head {head_len}, tails {tails_len:?}, lane {i}"
                    );
                }
            }
        }
    });
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_unequal_messages_match_sha3(lengths in prop::array::uniform8(0usize..700)) {
        for_each_backend(|b| check_unequal(b.name(), b"", lengths));
    }

    #[test]
    fn random_parts_match_sha3(
        seed in any::<u64>(),
        parts in prop::collection::vec(0usize..300, 0..6),
    ) {
        let total: usize = parts.iter().sum();
        let msgs: [Vec<u8>; 8] = core::array::from_fn(|i| bytes(seed ^ i as u64, total));
        let want: Vec<[u8; 32]> = msgs.iter().map(|m| sha3(&[m])).collect();
        for_each_backend(|b| {
            let mut h = Keccak256Lanes::<8>::new();
            let mut pos = 0;
            for &len in &parts {
                let part: [&[u8]; 8] = core::array::from_fn(|i| &msgs[i][pos..pos + len]);
                h.update(part).expect("equal lengths");
                pos += len;
            }
            assert_eq!(h.finalize()[..], want[..], "{b}: parts {parts:?}");
        });
    }
}
