//! Keccak-f[1600] per permutation on every path, against the `keccak`
//! crate's scalar permutation, and the Keccak-256 of tree-node-shaped
//! messages (17-byte prefix + 64 bytes, one block) 8 at a time.
//!
//! Every case does 8 permutations (8 hashes) per call, so the paths compare
//! directly. Criterion measures each case; then a summary measures all of
//! them again interleaved, one call at a time, many times over, and prints
//! the median per permutation and its ratio to the `keccak` crate's. On a
//! shared machine a single call (a few microseconds) is rarely preempted,
//! so the medians of the interleaved calls stay close to the unloaded
//! figures, and every case sees the same conditions.
//!
//! Run: `cargo bench --manifest-path lanes/Cargo.toml --bench permutation`
//! (about half a minute).

use criterion::{Criterion, Throughput};
use pacspace_keccak_lanes::{
    Backend, Keccak256Lanes, State, backend, f1600, f1600_x4, f1600_x8, force_backend,
};
use sha3::{Digest, Keccak256};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Permutations (or hashes) per call of every case.
const PER_CALL: u32 = 8;
/// Interleaved rounds of the summary.
const ROUNDS: usize = 3000;

struct Case {
    group: &'static str,
    name: String,
    /// The backend forced while the case runs (`None`: it does not matter).
    backend: Option<Backend>,
    run: Box<dyn FnMut()>,
}

fn states() -> [State; 8] {
    core::array::from_fn(|i| core::array::from_fn(|w| (i * 25 + w) as u64 * 0x9E37_79B9_7F4A_7C15))
}

const PERMUTATION: &str = "f1600";
const NODE: &str = "keccak256 17+64 bytes";
const PREFIX: &[u8; 17] = b"pacspace:node:v1:";

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let mut add = |group, name: String, backend, run: Box<dyn FnMut()>| {
        cases.push(Case {
            group,
            name,
            backend,
            run,
        })
    };
    let mut s = states();
    add(
        PERMUTATION,
        "scalar keccak crate".into(),
        None,
        Box::new(move || {
            for state in black_box(&mut s).iter_mut() {
                keccak::Keccak::new().with_f1600(|f| f(state));
            }
        }),
    );
    let mut s = states();
    add(
        PERMUTATION,
        "scalar lanes".into(),
        None,
        Box::new(move || black_box(&mut s).iter_mut().for_each(f1600)),
    );
    for b in [Backend::Avx2, Backend::Avx512] {
        if !b.is_available() {
            println!("skipping the {b} path: this CPU lacks it");
            continue;
        }
        let mut s = states();
        add(
            PERMUTATION,
            format!("x4 {b}"),
            Some(b),
            Box::new(move || {
                for half in black_box(&mut s).as_chunks_mut::<4>().0 {
                    f1600_x4(half);
                }
            }),
        );
        let mut s = states();
        add(
            PERMUTATION,
            format!("x8 {b}"),
            Some(b),
            Box::new(move || f1600_x8(black_box(&mut s))),
        );
    }

    let children: [[u8; 64]; 8] = core::array::from_fn(|i| [i as u8; 64]);
    add(
        NODE,
        "sha3 crate".into(),
        None,
        Box::new(move || {
            for child in black_box(&children) {
                let mut h = Keccak256::new();
                h.update(PREFIX);
                h.update(child);
                black_box(h.finalize());
            }
        }),
    );
    let prefixed = Keccak256Lanes::<8>::with_prefix(PREFIX);
    for b in Backend::ALL.into_iter().filter(|b| b.is_available()) {
        let prefixed = prefixed.clone();
        add(
            NODE,
            format!("lanes x8 {b}"),
            Some(b),
            Box::new(move || {
                let mut h = prefixed.clone();
                let msgs: [&[u8]; 8] = core::array::from_fn(|i| black_box(&children[i]).as_slice());
                h.update(msgs).unwrap();
                black_box(h.finalize());
            }),
        );
    }
    cases
}

fn select(case: &Case) {
    if let Some(b) = case.backend {
        force_backend(b).unwrap();
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// All cases interleaved, one call at a time; median per permutation or hash.
fn summary(cases: &mut [Case]) {
    let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(ROUNDS); cases.len()];
    for _ in 0..ROUNDS {
        for (case, t) in cases.iter_mut().zip(&mut times) {
            select(case);
            let start = Instant::now();
            (case.run)();
            t.push(start.elapsed());
        }
    }
    let medians: Vec<f64> = times
        .into_iter()
        .map(|t| median(t).as_secs_f64() / f64::from(PER_CALL))
        .collect();
    let base = medians[0];
    println!(
        "\nmedian of {ROUNDS} interleaved calls, per permutation (f1600) or per hash (keccak256), \
         and ratio to the keccak crate's f1600:"
    );
    for (case, t) in cases.iter().zip(&medians) {
        let name = format!("{}/{}", case.group, case.name);
        println!("  {name:<38} {:>8.1} ns  {:>6.3}x", t * 1e9, t / base);
    }
}

fn main() {
    let detected = backend();
    let mut cases = cases();
    let mut c = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .configure_from_args();
    for group in [PERMUTATION, NODE] {
        let mut g = c.benchmark_group(group);
        g.throughput(Throughput::Elements(u64::from(PER_CALL)));
        for case in cases.iter_mut().filter(|case| case.group == group) {
            select(case);
            g.bench_function(&case.name, |b| b.iter(&mut case.run));
        }
        g.finish();
    }
    c.final_summary();
    summary(&mut cases);
    force_backend(detected).unwrap();
}
