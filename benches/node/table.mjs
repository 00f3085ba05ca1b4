// Reads criterion's medians (target/criterion/**/new/{benchmark,estimates}.json),
// the ROOT lines the Rust bench printed and the Node peer's JSON lines, checks
// that the roots agree, and prints the ratio table (Markdown).
//
// Usage: node table.mjs <criterion dir> <cargo bench output> <node peer output>
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const [critDir, benchOut, nodeOut] = process.argv.slice(2);

const med = new Map();
(function walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const p = join(dir, e.name);
    if (e.name === 'new' && existsSync(join(p, 'benchmark.json'))) {
      const id = JSON.parse(readFileSync(join(p, 'benchmark.json'), 'utf8')).full_id;
      const est = JSON.parse(readFileSync(join(p, 'estimates.json'), 'utf8'));
      med.set(id, est.median.point_estimate);
    } else if (e.name !== 'base' && e.name !== 'change' && e.name !== 'report') {
      walk(p);
    }
  }
})(critDir);

const ours = new Map();
const cores = new Map();
for (const line of readFileSync(benchOut, 'utf8').split('\n')) {
  const m = line.match(/^ROOT (\S+) (\d+) (0x[0-9a-f]{64})$/);
  if (m) ours.set(`${m[1]}/${m[2]}`, m[3]);
  const c = line.match(/^CORES (\S+) ([0-9.]+)$/);
  if (c) cores.set(c[1], Number(c[2]));
}
const peer = new Map();
for (const line of readFileSync(nodeOut, 'utf8').split('\n')) {
  if (line.startsWith('{')) {
    const o = JSON.parse(line);
    peer.set(o.name, o);
  }
}

let bad = 0;
for (const [name, o] of peer) {
  const m = name.match(/^merkletreejs\/root\/(\w+)\/(\d+)$/);
  if (!m) continue;
  const want = ours.get(`${m[1]}/${m[2]}`);
  if (want !== o.root) {
    console.error(`ROOT MISMATCH ${name}: merkletreejs ${o.root}, ours ${want}`);
    bad++;
  }
}

const get = (id) => med.get(id);
const floor = get('keccak/raw_81');
if (!floor) {
  console.error('no keccak/raw_81 median: run the benches first');
  process.exit(2);
}
const fmt = (ns) => {
  if (ns === undefined) return '–';
  if (ns >= 1e9) return `${(ns / 1e9).toFixed(3)} s`;
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(1)} ns`;
};
const x = (v, d = 2) => (v === undefined || Number.isNaN(v) ? '–' : `${v.toFixed(d)}×`);
const rows = [];
const row = (...cells) => rows.push(`| ${cells.join(' | ')} |`);

console.log(`Floor: keccak/raw_81 = ${fmt(floor)} (our keccak256 of 81 bytes: one permutation).`);
console.log(`Roots: ${bad === 0 ? 'merkletreejs roots equal ours for every size and encoding printed' : `${bad} MISMATCHES`}.\n`);

row('figure', 'median', '÷ floor', 'check');
row('---', '---:', '---:', '---');
for (const id of ['keccak/raw_81', 'keccak/f1600', 'keccak/sha3_digest_81', 'node/bytes', 'node/hex', 'node/hex0x']) {
  row(id, fmt(get(id)), x(get(id) / floor), '');
}
for (const kind of ['plain', 'metadata']) {
  for (const step of ['canonicalize', 'hash_canonical', 'streamed']) {
    const id = `item/${step}/${kind}`;
    row(id, fmt(get(id)), x(get(id) / floor), '');
  }
}
row('canonical/metadata_10k', fmt(get('canonical/metadata_10k')), x(get('canonical/metadata_10k') / floor), '');

const sizes = [...new Set([...med.keys()].map((k) => k.match(/^(?:root|speedup)\/\w+\/(\d+)$/)?.[1]).filter(Boolean))]
  .map(Number)
  .sort((a, b) => a - b);
for (const n of sizes) {
  for (const enc of ['bytes', 'hex', 'hex0x']) {
    const seq = get(`root/seq_${enc}/${n}`);
    if (seq === undefined) continue;
    const perNode = seq / (n - 1) / get(`node/${enc}`);
    const target = n >= 1 << 20 ? ` (target ≤ 1.10: ${perNode <= 1.1 ? 'met' : 'missed'})` : '';
    row(`root/seq_${enc}/${n}`, fmt(seq), x(seq / floor, 0), `${x(perNode)} (n−1) node/${enc}${target}`);
  }
}
// Wall clock: sequential vs parallel root side by side, with the cores the
// process actually got meanwhile (process CPU time ÷ wall time).
const coresOf = (id) => (cores.has(id) ? `; got ${cores.get(id).toFixed(2)} cores` : '');
for (const n of sizes) {
  for (const enc of ['bytes', 'hex0x']) {
    const seq = get(`speedup/seq_${enc}/${n}`);
    const par = get(`speedup/par_${enc}/${n}`);
    if (seq === undefined || par === undefined) continue;
    const s = seq / par;
    const t = n >= 1 << 20 ? ` (target ≥ 1.8: ${s >= 1.8 ? 'met' : 'missed'})` : '';
    const cpuSeq = get(`root/seq_${enc}/${n}`);
    const busy = cpuSeq ? `wall ÷ CPU-time median ${x(seq / cpuSeq)}` : '';
    row(`speedup/seq_${enc}/${n} (wall)`, fmt(seq), x(seq / floor, 0), `${busy}${coresOf(`speedup/seq_${enc}/${n}`)}`);
    row(`speedup/par_${enc}/${n} (wall)`, fmt(par), x(par / floor, 0), `${x(s)} faster than seq (wall)${t}${coresOf(`speedup/par_${enc}/${n}`)}`);
  }
}
for (const d of [10, 20]) {
  for (const enc of ['bytes', 'hex0x']) {
    const v = get(`proof/verify_${enc}/${d}`);
    const perStep = v / (d * floor);
    const t = enc === 'bytes' ? ` (target ≤ 1.10: ${perStep <= 1.1 ? 'met' : 'missed'})` : ' (two permutations per node)';
    row(`proof/verify_${enc}/${d}`, fmt(v), x(v / floor), `${x(perStep)} d·floor${t}`);
    row(`proof/prove_${enc}/${d}`, fmt(get(`proof/prove_${enc}/${d}`)), x(get(`proof/prove_${enc}/${d}`) / floor), '');
    for (const step of ['prove', 'verify']) {
      const id = `proof/multi16_${step}_${enc}/${d}`;
      row(id, fmt(get(id)), x(get(id) / floor), step === 'verify' ? '16 items' : '');
    }
  }
}
console.log(rows.join('\n'));

console.log('\nPeers, same leaves, same run (root building, CPU time; ratio = peer ÷ ours seq):\n');
const prow = [];
prow.push('| n | encoding | ours seq | ours parallel | ours MerkleTree | rs_merkle | merkletreejs | rs_merkle ÷ ours | merkletreejs ÷ ours |');
prow.push('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const n of sizes) {
  for (const enc of ['bytes', 'hex0x']) {
    const seq = get(`root/seq_${enc}/${n}`);
    if (seq === undefined) continue;
    const rs = enc === 'bytes' ? get(`root/rs_merkle_bytes/${n}`) : undefined;
    const tree = enc === 'bytes' ? get(`root/tree_bytes/${n}`) : undefined;
    const js = peer.get(`merkletreejs/root/${enc}/${n}`)?.medianNs;
    prow.push(
      `| ${n} | ${enc} | ${fmt(seq)} | ${fmt(get(`speedup/par_${enc}/${n}`))} (wall) | ${fmt(tree)} | ${fmt(rs)} | ${fmt(js)} | ${x(rs / seq)} | ${x(js / seq, 1)} |`,
    );
  }
}
console.log(prow.join('\n'));
const nk = peer.get('noble/keccak/raw_81')?.medianNs;
if (nk !== undefined) {
  console.log(`\nNode side floor: @noble/hashes keccak_256 of 81 bytes = ${fmt(nk)} (${x(nk / floor, 1)} ours).`);
}
process.exit(bad === 0 ? 0 : 1);
