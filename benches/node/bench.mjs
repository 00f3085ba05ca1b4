// merkletreejs peer for benches/merkle.rs: the same leaves (item i =
// keccak256 of i as 8 big-endian bytes), the same node rule (keccak256 of
// "pacspace:node:v1:" + left + right, children as raw bytes or as 0x-hex
// text), an odd last node duplicated. Prints one JSON line per figure:
// {"name": ..., "medianNs": ..., "wallNs": ..., "runs": ..., "root": "0x..."}
// where medianNs is CPU time of the process (user + system, like the Rust
// side's thread CPU time, so that other load on the machine counts less) and
// wallNs the wall-clock median.
//
// Usage: node bench.mjs [--sizes 1024,65536,1048576]
import { keccak_256 } from '@noble/hashes/sha3.js';
import { MerkleTree } from 'merkletreejs';

const PREFIX = Buffer.from('pacspace:node:v1:', 'ascii');
const arg = process.argv.indexOf('--sizes');
const SIZES = (arg > 0 ? process.argv[arg + 1] : '1024,65536,1048576').split(',').map(Number);

const hashFn = (data) => Buffer.from(keccak_256(Buffer.concat([PREFIX, data])));
const ENCODINGS = {
  bytes: undefined, // Buffer.concat, merkletreejs's default
  hex0x: ([l, r]) => Buffer.from(`0x${l.toString('hex')}0x${r.toString('hex')}`, 'ascii'),
};

function leaves(n) {
  const out = new Array(n);
  const be = Buffer.alloc(8);
  for (let i = 0; i < n; i++) {
    be.writeBigUInt64BE(BigInt(i));
    out[i] = Buffer.from(keccak_256(be));
  }
  return out;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const cpuNs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
};

/** Median CPU and wall ns of one call, over runs sized to take about `budgetMs`. */
function measure(fn, budgetMs, maxRuns) {
  fn(); // warm-up
  const cpu = [];
  const wall = [];
  const start = performance.now();
  while (cpu.length < maxRuns && (cpu.length < 3 || performance.now() - start < budgetMs)) {
    const c0 = cpuNs();
    const t0 = process.hrtime.bigint();
    fn();
    wall.push(Number(process.hrtime.bigint() - t0));
    cpu.push(cpuNs() - c0);
  }
  return { medianNs: median(cpu), wallNs: median(wall), runs: cpu.length };
}

function emit(obj) {
  console.log(JSON.stringify(obj));
}

// The floor on this side: one keccak256 of 81 bytes, batched to beat timer resolution.
{
  const msg = new Uint8Array(81).fill(0x5a);
  const batch = 10000;
  const r = measure(() => {
    for (let i = 0; i < batch; i++) keccak_256(msg);
  }, 2000, 50);
  emit({ name: 'noble/keccak/raw_81', medianNs: r.medianNs / batch, wallNs: r.wallNs / batch, runs: r.runs });
  const [l, rr] = [keccak_256(Buffer.from('left')), keccak_256(Buffer.from('right'))].map((x) => Buffer.from(x));
  for (const [enc, concat] of Object.entries(ENCODINGS)) {
    const join = concat ?? Buffer.concat;
    const n = measure(() => {
      for (let i = 0; i < batch; i++) hashFn(join([l, rr]));
    }, 2000, 50);
    emit({ name: `merkletreejs/node/${enc}`, medianNs: n.medianNs / batch, wallNs: n.wallNs / batch, runs: n.runs });
  }
}

const all = leaves(Math.max(...SIZES));
for (const n of SIZES) {
  const ls = all.slice(0, n);
  for (const [enc, concatenator] of Object.entries(ENCODINGS)) {
    const opts = { duplicateOdd: true, hashLeaves: false, sortPairs: false };
    if (concatenator) opts.concatenator = concatenator;
    let root = '';
    const r = measure(() => {
      root = new MerkleTree(ls, hashFn, opts).getHexRoot();
    }, n >= 1 << 20 ? 1 : 3000, n >= 1 << 20 ? 3 : 30);
    emit({ name: `merkletreejs/root/${enc}/${n}`, medianNs: r.medianNs, wallNs: r.wallNs, runs: r.runs, root });
  }
}
