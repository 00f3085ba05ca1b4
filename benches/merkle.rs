//! Criterion benchmarks: the Keccak floor, node and item hashes, roots,
//! proofs, canonical JSON, and rs_merkle on the same leaves in the same run.
//!
//! Leaves everywhere: item i = keccak256 of i as 8 big-endian bytes (the
//! Node peer in `benches/node/` builds the same ones). Setup prints
//! `ROOT <encoding> <n> 0x…` lines that `benches/compare.sh` checks against
//! the Node peer's roots.
//!
//! Clocks: the single-threaded figures are timed in CPU time of the
//! benchmarking thread (`ThreadCpu`), so that other processes on a shared
//! machine stretch them as little as possible; the parallel speed-up is
//! timed in wall time (group `speedup`), sequential and parallel side by
//! side, and is only meaningful on otherwise idle cores.
//!
//! Run: `cargo bench --bench merkle --all-features` (a few minutes), or
//! `benches/compare.sh` for the ratio table.

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use pacspace_proof::canonical::{CanonicalStr, Sink};
use pacspace_proof::hashing::{NODE_PREFIX, item_hash_canonical, node_hash};
use pacspace_proof::tree::verify_multiproof;
use pacspace_proof::{
    DeltaItem, Hash32, ItemMapping, MerkleTree, NodeEncoding, canonical_json, items_root, keccak256,
    verify_proof,
};
use std::hint::black_box;
use std::time::Duration;

const SIZES: [usize; 3] = [1 << 10, 1 << 16, 1 << 20];

/// CPU time consumed by the calling thread (CLOCK_THREAD_CPUTIME_ID).
struct ThreadCpu;

fn thread_cpu_now() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// CPU time consumed by the whole process, all threads (CLOCK_PROCESS_CPUTIME_ID).
fn process_cpu_now() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

static WALL: WallTime = WallTime;

impl Measurement for ThreadCpu {
    type Intermediate = Duration;
    type Value = Duration;
    fn start(&self) -> Duration {
        thread_cpu_now()
    }
    fn end(&self, start: Duration) -> Duration {
        thread_cpu_now().saturating_sub(start)
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, v: &Duration) -> f64 {
        v.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        WALL.formatter()
    }
}

type Cpu = Criterion<ThreadCpu>;

fn leaves(n: usize) -> Vec<Hash32> {
    (0..n as u64).map(|i| keccak256(&i.to_be_bytes())).collect()
}

/// rs_merkle with the node rule of `NodeEncoding::Bytes`:
/// keccak256(prefix || left || right) over the same Keccak permutation.
#[derive(Clone)]
struct PrefixedKeccak;

impl rs_merkle::Hasher for PrefixedKeccak {
    type Hash = [u8; 32];
    fn hash(data: &[u8]) -> [u8; 32] {
        let mut buf = [0u8; 17 + 64];
        buf[..17].copy_from_slice(NODE_PREFIX);
        match buf.get_mut(17..17 + data.len()) {
            Some(dst) => {
                dst.copy_from_slice(data);
                keccak256(&buf[..17 + data.len()]).0
            }
            None => keccak256(&[NODE_PREFIX.as_slice(), data].concat()).0,
        }
    }
}

fn rs_merkle_root(ls: &[[u8; 32]]) -> [u8; 32] {
    rs_merkle::MerkleTree::<PrefixedKeccak>::from_leaves(ls)
        .root()
        .unwrap_or_default()
}

fn floor_and_nodes(c: &mut Cpu) {
    let mut g = c.benchmark_group("keccak");
    g.warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    let msg = [0x5au8; 81];
    g.bench_function("raw_81", |b| b.iter(|| keccak256(black_box(&msg))));
    g.bench_function("f1600", |b| {
        let mut state = [0u64; 25];
        b.iter(|| {
            keccak::Keccak::new().with_f1600(|f| f(black_box(&mut state)));
        })
    });
    g.bench_function("sha3_digest_81", |b| {
        use sha3::Digest;
        b.iter(|| sha3::Keccak256::digest(black_box(&msg)))
    });
    g.finish();

    let mut g = c.benchmark_group("node");
    g.warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    let (l, r) = (keccak256(b"left"), keccak256(b"right"));
    for enc in NodeEncoding::ALL {
        g.bench_function(enc.name(), |b| {
            b.iter(|| node_hash(enc, black_box(&l), black_box(&r)))
        });
    }
    g.finish();
}

/// Counts bytes: canonicalisation without hashing or buffering.
struct Count(usize);
impl Sink for Count {
    fn write(&mut self, bytes: &[u8]) {
        self.0 += bytes.len();
    }
}

fn items(c: &mut Cpu) {
    let meta_text = r#"{"plan":"pro","region":"eu-west-1","tags":["batch","nightly"],"units":3}"#;
    let plain = DeltaItem {
        customer_id: "cus_8f3a2b91",
        amount: 12.75,
        reason: "api_call",
        reference_id: Some("inv_95121"),
        metadata: None,
    };
    let with_meta = DeltaItem {
        metadata: CanonicalStr::new(meta_text).ok(),
        ..plain
    };
    assert!(with_meta.metadata.is_some());
    let mapping = ItemMapping::default();
    let mut g = c.benchmark_group("item");
    g.warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for (name, d) in [("plain", plain), ("metadata", with_meta)] {
        let mut text = Vec::new();
        d.write_canonical(&mut text, mapping).unwrap_or_default();
        g.bench_function(BenchmarkId::new("canonicalize", name), |b| {
            b.iter(|| {
                let mut n = Count(0);
                black_box(&d).write_canonical(&mut n, mapping).unwrap_or_default();
                n.0
            })
        });
        g.bench_function(BenchmarkId::new("hash_canonical", name), |b| {
            b.iter(|| item_hash_canonical(black_box(&text)))
        });
        g.bench_function(BenchmarkId::new("streamed", name), |b| {
            b.iter(|| black_box(&d).item_hash(mapping))
        });
    }
    g.finish();

    // About 10 kB of metadata: nested objects, arrays, numbers, escapes.
    let mut obj = serde_json::Map::new();
    for i in 0..120 {
        obj.insert(
            format!("key_{:03}_{}", (i * 37) % 120, if i % 3 == 0 { "é" } else { "x" }),
            serde_json::json!({
                "amount": i as f64 * 1.25e-3,
                "label": format!("line \"{i}\"\twith\u{1f600}"),
                "flags": [i % 2 == 0, null, i],
            }),
        );
    }
    let meta = serde_json::Value::Object(obj);
    let size = canonical_json(&meta).map(|s| s.len()).unwrap_or(0);
    println!("META canonical size {size} bytes");
    let mut g = c.benchmark_group("canonical");
    g.warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    g.bench_function("metadata_10k", |b| b.iter(|| canonical_json(black_box(&meta))));
    g.finish();
}

fn roots(c: &mut Cpu) {
    let all = leaves(*SIZES.iter().max().unwrap_or(&0));
    let raw: Vec<[u8; 32]> = all.iter().map(|h| h.0).collect();
    for n in SIZES {
        for enc in NodeEncoding::ALL {
            println!("ROOT {} {n} {}", enc.name(), items_root(&all[..n], enc));
        }
        let theirs = Hash32(rs_merkle_root(&raw[..n]));
        assert_eq!(
            theirs,
            items_root(&all[..n], NodeEncoding::Bytes),
            "rs_merkle root, n={n}"
        );
        #[cfg(feature = "parallel")]
        for enc in NodeEncoding::ALL {
            assert_eq!(
                pacspace_proof::parallel::items_root(&all[..n], enc),
                items_root(&all[..n], enc)
            );
        }
    }
    let mut g = c.benchmark_group("root");
    for n in SIZES {
        if n >= 1 << 20 {
            g.sample_size(10)
                .sampling_mode(SamplingMode::Flat)
                .warm_up_time(Duration::from_secs(1));
            g.measurement_time(Duration::from_secs(8));
        } else if n >= 1 << 16 {
            g.sample_size(20)
                .sampling_mode(SamplingMode::Flat)
                .warm_up_time(Duration::from_secs(1));
            g.measurement_time(Duration::from_secs(3));
        } else {
            g.sample_size(50).warm_up_time(Duration::from_millis(500));
            g.measurement_time(Duration::from_secs(2));
        }
        let ls = &all[..n];
        let encs: &[NodeEncoding] = if n >= 1 << 20 {
            &[NodeEncoding::Bytes, NodeEncoding::Hex0x]
        } else {
            &NodeEncoding::ALL
        };
        for &enc in encs {
            g.bench_function(BenchmarkId::new(format!("seq_{}", enc.name()), n), |b| {
                b.iter(|| items_root(black_box(ls), enc))
            });
        }
        g.bench_function(BenchmarkId::new("tree_bytes", n), |b| {
            b.iter(|| MerkleTree::new(black_box(ls), NodeEncoding::Bytes).root())
        });
        let rs = &raw[..n];
        g.bench_function(BenchmarkId::new("rs_merkle_bytes", n), |b| {
            b.iter(|| rs_merkle_root(black_box(rs)))
        });
    }
    g.finish();
}

fn proofs(c: &mut Cpu) {
    let mut g = c.benchmark_group("proof");
    g.warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for depth in [10u32, 20] {
        let n = 1usize << depth;
        let ls = leaves(n);
        for enc in [NodeEncoding::Bytes, NodeEncoding::Hex0x] {
            let tree = MerkleTree::new(&ls, enc);
            let root = tree.root();
            let i = n / 3;
            let Ok(p) = tree.prove(i) else { continue };
            assert_eq!(p.path.len(), depth as usize);
            assert!(p.verify(&root).is_ok());
            g.bench_function(BenchmarkId::new(format!("prove_{}", enc.name()), depth), |b| {
                b.iter(|| tree.prove(black_box(i)))
            });
            g.bench_function(BenchmarkId::new(format!("verify_{}", enc.name()), depth), |b| {
                b.iter(|| verify_proof(black_box(&p.item_hash), i as u64, n as u64, &p.path, &root, enc))
            });
            // Sixteen items spread over the tree, proved together.
            let idx: Vec<usize> = (0..16).map(|k| k * (n / 16) + k).collect();
            let Ok(m) = tree.prove_many(&idx) else { continue };
            assert!(m.verify(&root).is_ok());
            g.bench_function(
                BenchmarkId::new(format!("multi16_prove_{}", enc.name()), depth),
                |b| b.iter(|| tree.prove_many(black_box(&idx))),
            );
            g.bench_function(
                BenchmarkId::new(format!("multi16_verify_{}", enc.name()), depth),
                |b| {
                    b.iter(|| verify_multiproof(&m.item_hashes, &m.indices, m.count, &m.siblings, &root, enc))
                },
            );
        }
    }
    g.finish();
}

/// Wall time, sequential and parallel root side by side. Each also prints
/// `CORES <id> <process CPU time ÷ wall time>`: how many cores the process
/// actually got while it ran (2.0 on two idle cores), the bound on any
/// speed-up measured meanwhile.
fn speedup(c: &mut Criterion) {
    let all = leaves(1 << 20);
    let mut g = c.benchmark_group("speedup");
    for n in [1 << 16, 1 << 20] {
        g.sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_secs(1));
        g.measurement_time(Duration::from_secs(if n >= 1 << 20 { 8 } else { 3 }));
        let ls = &all[..n];
        for enc in [NodeEncoding::Bytes, NodeEncoding::Hex0x] {
            let seq = |ls: &[Hash32]| items_root(ls, enc);
            timed_with_cores(&mut g, format!("seq_{}", enc.name()), n, ls, seq);
            #[cfg(feature = "parallel")]
            timed_with_cores(&mut g, format!("par_{}", enc.name()), n, ls, |ls| {
                pacspace_proof::parallel::items_root(ls, enc)
            });
        }
    }
    g.finish();
}

fn timed_with_cores(
    g: &mut criterion::BenchmarkGroup<'_, WallTime>,
    name: String,
    n: usize,
    ls: &[Hash32],
    f: impl Fn(&[Hash32]) -> Hash32,
) {
    let (mut wall, mut cpu) = (Duration::ZERO, Duration::ZERO);
    g.bench_function(BenchmarkId::new(&name, n), |b| {
        b.iter_custom(|iters| {
            let (c0, t0) = (process_cpu_now(), std::time::Instant::now());
            for _ in 0..iters {
                black_box(f(black_box(ls)));
            }
            let took = t0.elapsed();
            wall += took;
            cpu += process_cpu_now().saturating_sub(c0);
            took
        })
    });
    println!(
        "CORES speedup/{name}/{n} {:.2}",
        cpu.as_secs_f64() / wall.as_secs_f64().max(1e-9)
    );
}

criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(ThreadCpu);
    targets = floor_and_nodes, items, roots, proofs
}
criterion_group!(wall, speedup);
criterion_main!(cpu, wall);
