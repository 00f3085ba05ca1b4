//! Shared by the integration tests: the reference permutation and a loop
//! over every backend, forced one at a time.
#![allow(dead_code)]

use pacspace_keccak_lanes::{Backend, State, backend, force_backend};
use std::sync::Mutex;

/// The `keccak` crate's Keccak-f[1600]: the reference.
pub fn reference(state: &mut State) {
    keccak::Keccak::new().with_f1600(|f1600| f1600(state));
}

/// Serialises the tests of one binary that force a backend (the selection
/// is process-wide).
static FORCING: Mutex<()> = Mutex::new(());

/// Puts the selection back as it was, even when the test body panics.
struct Restore(Backend);

impl Drop for Restore {
    fn drop(&mut self) {
        force_backend(self.0).expect("the previous backend is available");
    }
}

/// Runs `body` once with every backend this CPU has forced; prints a notice
/// for each one it lacks.
pub fn for_each_backend(mut body: impl FnMut(Backend)) {
    let _lock = FORCING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let _restore = Restore(backend());
    for b in Backend::ALL {
        match force_backend(b) {
            Ok(()) => {
                assert_eq!(backend(), b);
                body(b);
            }
            Err(e) => {
                assert!(!b.is_available());
                println!("skipping the {b} path: {e}");
            }
        }
    }
}

/// Deterministic pseudo-random bytes (SplitMix64), distinct per seed.
pub fn bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ len as u64;
    (0..len)
        .map(|_| {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) as u8
        })
        .collect()
}
