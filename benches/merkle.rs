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
//! Multi-lane Keccak: `lanes_root/*` and `lanes_items/*` time the same
//! work on each Keccak path (AVX-512, AVX2, scalar) forced in turn with
//! `force_backend`; the other groups run on the path detected at start
//! (or forced by `PACSPACE_KECCAK`).
//!
//! Run: `cargo bench --bench merkle --all-features` (a few minutes), or
//! `benches/compare.sh` for the ratio table.

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use pacspace_proof::canonical::{CanonicalStr, Sink};
use pacspace_proof::hashing::bulk;
use pacspace_proof::hashing::{
    Backend, NODE_PREFIX, detected_backend, force_backend, item_hash_canonical, node_hash,
};
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

/// The Keccak paths to compare, most capable first, each forced in turn;
/// the paths this CPU lacks are skipped with a notice.
fn forced_paths() -> Vec<Backend> {
    Backend::ALL
        .into_iter()
        .rev()
        .filter(|b| {
            let ok = b.is_available();
            if !ok {
                println!("LANES skipping the {b} path: not available on this CPU");
            }
            ok
        })
        .collect()
}

/// Roots of 2^20 leaves on each Keccak path (`lanes_root/<encoding>_<path>`),
/// for ratios to (n − 1) scalar permutations (`keccak/f1600`) and to
/// (n − 1) scalar node hashes (`node/<encoding>`).
fn lanes_roots(c: &mut Cpu) {
    let n = 1 << 20;
    let all = leaves(n);
    let mut g = c.benchmark_group("lanes_root");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(6));
    for enc in [NodeEncoding::Bytes, NodeEncoding::Hex0x] {
        let mut roots = Vec::new();
        for path in forced_paths() {
            let _ = force_backend(path);
            roots.push(items_root(&all, enc));
            g.bench_function(BenchmarkId::new(format!("{}_{path}", enc.name()), n), |b| {
                b.iter(|| items_root(black_box(&all), enc))
            });
        }
        assert!(
            roots.windows(2).all(|w| w[0] == w[1]),
            "{enc}: roots differ between paths"
        );
    }
    let _ = force_backend(detected_backend());
    g.finish();

    // A receipt's few leaves: the path for small trees.
    let mut g = c.benchmark_group("lanes_small");
    g.warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    let three = &all[..3];
    for enc in [NodeEncoding::Bytes, NodeEncoding::Hex0x] {
        for path in forced_paths() {
            let _ = force_backend(path);
            g.bench_function(format!("root3_{}_{path}", enc.name()), |b| {
                b.iter(|| items_root(black_box(three), enc))
            });
        }
    }
    let _ = force_backend(detected_backend());
    g.finish();
}

/// Customer ids (50,000 customers) and reference ids of `n` deltas.
fn month_of_deltas(n: usize) -> (Vec<String>, Vec<String>) {
    let ids = (0..n)
        .map(|i| format!("cus_{:08x}", i.wrapping_mul(2_654_435_761) % 50_000))
        .collect();
    let refs = (0..n).map(|i| format!("inv_{i}")).collect();
    (ids, refs)
}

/// Item hashes of 10^6 typed deltas, as a month's checkpoint holds them
/// (nine in ten plain, one 136-byte block with the prefix; one in ten with
/// metadata, two blocks), and of their canonical texts, in bulk on each
/// Keccak path (`lanes_items/<kind>_<path>`); and the typed deltas one by
/// one with `DeltaItem::item_hash` (`deltas_one_by_one`, the path before
/// bulk hashing).
fn lanes_items(c: &mut Cpu) {
    let n = 1_000_000;
    let (ids, refs) = month_of_deltas(n);
    let meta = CanonicalStr::new(r#"{"plan":"pro","region":"eu-west-1","units":3}"#).ok();
    let deltas: Vec<DeltaItem<'_>> = ids
        .iter()
        .zip(&refs)
        .enumerate()
        .map(|(i, (id, r))| DeltaItem {
            customer_id: id,
            amount: (i % 10_000) as f64 * 0.25 - 1000.0,
            reason: if i % 3 == 0 { "api_call" } else { "storage_gb_hour" },
            reference_id: Some(r),
            metadata: if i % 10 == 0 { meta } else { None },
        })
        .collect();
    let mapping = ItemMapping::default();
    let texts: Vec<Vec<u8>> = deltas
        .iter()
        .map(|d| {
            let mut t = Vec::new();
            d.write_canonical(&mut t, mapping).unwrap_or_default();
            t
        })
        .collect();
    let text_refs: Vec<&[u8]> = texts.iter().map(Vec::as_slice).collect();
    let want: Vec<Hash32> = deltas
        .iter()
        .map(|d| d.item_hash(mapping).unwrap_or_default())
        .collect();

    let mut g = c.benchmark_group("lanes_items");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for path in forced_paths() {
        let _ = force_backend(path);
        assert_eq!(
            bulk::delta_item_hashes(&deltas, mapping).ok().as_ref(),
            Some(&want),
            "{path}"
        );
        assert_eq!(bulk::item_hashes_of(&text_refs), want, "{path}");
        g.bench_function(BenchmarkId::new(format!("deltas_{path}"), n), |b| {
            b.iter(|| bulk::delta_item_hashes(black_box(&deltas), mapping))
        });
        g.bench_function(BenchmarkId::new(format!("texts_{path}"), n), |b| {
            b.iter(|| bulk::item_hashes_of(black_box(&text_refs)))
        });
    }
    let _ = force_backend(detected_backend());
    g.bench_function(BenchmarkId::new("deltas_one_by_one", n), |b| {
        b.iter(|| {
            black_box(&deltas)
                .iter()
                .map(|d| d.item_hash(mapping))
                .collect::<Result<Vec<Hash32>, _>>()
        })
    });
    g.finish();
}

criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(ThreadCpu);
    targets = floor_and_nodes, items, roots, proofs, lanes_roots, lanes_items
}
criterion_group!(wall, speedup);
criterion_main!(cpu, wall);
