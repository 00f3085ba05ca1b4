//! Memory of the multi-lane paths, measured by a counting global allocator
//! in this test binary (which holds this one test, so nothing else
//! allocates meanwhile), on every Keccak path this CPU has:
//! `items_root` and `RootBuilder` allocate nothing at all, whatever the
//! leaf count; bulk item hashing allocates its output and one fixed pool
//! of buffers, the same for 2,000 items as for 200,000.

use pacspace_proof::hashing::bulk;
use pacspace_proof::hashing::{Backend, backend, force_backend};
use pacspace_proof::tree::RootBuilder;
use pacspace_proof::{Hash32, NodeEncoding, items_root, keccak256};
use peak_alloc::PeakAlloc;

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

/// Peak heap growth while `f` runs.
fn peak_during<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let base = HEAP.current_usage();
    HEAP.reset_peak_usage();
    let out = f();
    (HEAP.peak_usage().saturating_sub(base), out)
}

#[test]
fn roots_allocate_nothing_and_bulk_items_a_fixed_pool() {
    let before = backend();
    let leaves: Vec<Hash32> = (0u64..100_003).map(|i| keccak256(&i.to_be_bytes())).collect();
    let texts: Vec<String> = (0..200_000)
        .map(|i| format!(r#"{{"i":{i},"pad":"{}"}}"#, "x".repeat(i % 300)))
        .collect();
    let refs: Vec<&[u8]> = texts.iter().map(|t| t.as_bytes()).collect();
    for b in Backend::ALL {
        if force_backend(b).is_err() {
            println!("skipping the {b} path: not available");
            continue;
        }
        for enc in NodeEncoding::ALL {
            let (peak, _) = peak_during(|| items_root(&leaves, enc));
            assert_eq!(peak, 0, "{b} {enc}: items_root allocated {peak} bytes");
            let (peak, _) = peak_during(|| {
                let mut builder = RootBuilder::new(enc);
                for i in 0u64..20_000 {
                    builder.push(Hash32::from_bytes([i as u8; 32]));
                }
                builder.finish()
            });
            assert_eq!(peak, 0, "{b} {enc}: RootBuilder allocated {peak} bytes");
        }
        let (small, _) = peak_during(|| bulk::item_hashes_of(&refs[..2_000]));
        let (big, _) = peak_during(|| bulk::item_hashes_of(&refs));
        eprintln!("{b}: bulk item hashes, peak heap {small} bytes for 2,000 items, {big} for 200,000");
        // The output (32 bytes an item) plus the same pool for both.
        let (small_extra, big_extra) = (small.saturating_sub(32 * 2_000), big.saturating_sub(32 * 200_000));
        assert!(
            small_extra <= 24 * 1024,
            "{b}: {small_extra} bytes besides the output"
        );
        assert_eq!(small_extra, big_extra, "{b}: the pool grew with the item count");
    }
    force_backend(before).expect("the previous path is available");
}
