//! Keccak-f[1600] per permutation on every path, against the `keccak`
//! crate's scalar permutation, and the Keccak-256 of tree-node-shaped
//! messages (17-byte prefix + 64 bytes, one block) 8 at a time.
//!
//! Every iteration does 8 permutations (8 hashes), so the paths compare
//! directly; the summary printed at the end gives the median time per
//! permutation and its ratio to the `keccak` crate's.
//!
//! Run: `cargo bench --manifest-path lanes/Cargo.toml --bench permutation`
//! (about half a minute). Wall-clock time: run it on an otherwise idle
//! machine.

use criterion::{BenchmarkGroup, Criterion, Throughput, measurement::WallTime};
use pacspace_keccak_lanes::{
    Backend, Keccak256Lanes, State, backend, f1600, f1600_x4, f1600_x8, force_backend,
};
use sha3::{Digest, Keccak256};
use std::hint::black_box;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const SAMPLES: usize = 20;

/// (name, seconds per permutation or hash) of every timed sample.
static TIMES: Mutex<Vec<(String, f64)>> = Mutex::new(Vec::new());

/// Times `run` (8 permutations or hashes per call) as `name`, keeping the
/// per-item time of every sample for the summary.
fn bench(group: &mut BenchmarkGroup<'_, WallTime>, name: &str, mut run: impl FnMut()) {
    let full = format!("{}/{name}", group_name(group));
    group.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            for _ in 0..iters {
                run();
            }
            let elapsed = start.elapsed();
            let per_item = elapsed.as_secs_f64() / iters as f64 / 8.0;
            TIMES.lock().unwrap().push((full.clone(), per_item));
            elapsed
        })
    });
}

fn group_name(group: &BenchmarkGroup<'_, WallTime>) -> &'static str {
    // BenchmarkGroup does not expose its name; both groups are named here.
    let _ = group;
    CURRENT.lock().unwrap().unwrap_or("")
}

static CURRENT: Mutex<Option<&'static str>> = Mutex::new(None);

fn states() -> [State; 8] {
    core::array::from_fn(|i| core::array::from_fn(|w| (i * 25 + w) as u64 * 0x9E37_79B9_7F4A_7C15))
}

/// Runs `body` with `b` forced, or says why not.
fn with_backend(b: Backend, body: impl FnOnce()) {
    match force_backend(b) {
        Ok(()) => body(),
        Err(e) => println!("skipping: {e}"),
    }
}

fn permutation(c: &mut Criterion) {
    *CURRENT.lock().unwrap() = Some("f1600");
    let mut g = c.benchmark_group("f1600");
    g.throughput(Throughput::Elements(8));
    let mut s = states();
    bench(&mut g, "scalar keccak crate", || {
        for state in black_box(&mut s).iter_mut() {
            keccak::Keccak::new().with_f1600(|f| f(state));
        }
    });
    bench(&mut g, "scalar lanes", || {
        black_box(&mut s).iter_mut().for_each(f1600)
    });
    for b in [Backend::Avx2, Backend::Avx512] {
        with_backend(b, || {
            bench(&mut g, &format!("x4 {b}"), || {
                for half in black_box(&mut s).as_chunks_mut::<4>().0 {
                    f1600_x4(half);
                }
            });
            bench(&mut g, &format!("x8 {b}"), || f1600_x8(black_box(&mut s)));
        });
    }
    g.finish();
}

fn node_hash(c: &mut Criterion) {
    *CURRENT.lock().unwrap() = Some("keccak256 17+64 bytes");
    let mut g = c.benchmark_group("keccak256 17+64 bytes");
    g.throughput(Throughput::Elements(8));
    const PREFIX: &[u8; 17] = b"pacspace:node:v1:";
    let children: [[u8; 64]; 8] = core::array::from_fn(|i| [i as u8; 64]);
    bench(&mut g, "sha3 crate", || {
        for child in black_box(&children) {
            let mut h = Keccak256::new();
            h.update(PREFIX);
            h.update(child);
            black_box(h.finalize());
        }
    });
    let prefixed = Keccak256Lanes::<8>::with_prefix(PREFIX);
    for b in Backend::ALL {
        with_backend(b, || {
            bench(&mut g, &format!("lanes x8 {b}"), || {
                let mut h = prefixed.clone();
                let msgs: [&[u8]; 8] = core::array::from_fn(|i| black_box(&children[i]).as_slice());
                h.update(msgs).unwrap();
                black_box(h.finalize());
            });
        });
    }
    g.finish();
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Median per-item time of the last `SAMPLES` samples of each benchmark
/// (the earlier ones are criterion's warm-up), and its ratio to the
/// scalar `keccak` crate permutation.
fn summary() {
    let times = TIMES.lock().unwrap();
    let mut names: Vec<&String> = Vec::new();
    for (name, _) in times.iter() {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let medians: Vec<(&String, f64)> = names
        .into_iter()
        .map(|name| {
            let mine: Vec<f64> = times.iter().filter(|(n, _)| n == name).map(|(_, t)| *t).collect();
            let last = mine[mine.len().saturating_sub(SAMPLES)..].to_vec();
            (name, median(last))
        })
        .collect();
    let base = medians
        .iter()
        .find(|(n, _)| n.ends_with("scalar keccak crate"))
        .map(|(_, t)| *t);
    println!("\nmedian per permutation (f1600) or per hash (keccak256), ratio to the keccak crate's f1600:");
    for (name, t) in &medians {
        let ratio = base.map_or(String::from("-"), |b| format!("{:.3}x", t / b));
        println!("  {name:<40} {:>8.1} ns  {ratio:>7}", t * 1e9);
    }
}

fn main() {
    let detected = backend();
    let mut c = Criterion::default()
        .sample_size(SAMPLES)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    permutation(&mut c);
    node_hash(&mut c);
    force_backend(detected).unwrap();
    c.final_summary();
    summary();
}
