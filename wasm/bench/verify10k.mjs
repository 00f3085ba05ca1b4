// Node timing of verifying 10 000 inclusion proofs through the wasm package (pkg/, Node entry).
// Setup (10 000 item hashes, the tree, every proof) is untimed; each run verifies all
// 10 000 proofs against the trusted root; prints the median of RUNS runs.
//   node bench/verify10k.mjs [count=10000] [runs=9]
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { loadPkg } from '../tests/helpers.mjs';

// PACSPACE_WASM_PKG: another build's node.mjs (e.g. an opt-level 3 build, to compare).
const pkg = process.env.PACSPACE_WASM_PKG
  ? await import(pathToFileURL(path.resolve(process.env.PACSPACE_WASM_PKG)).href)
  : await loadPkg();
const N = Number(process.argv[2] || 10_000);
const RUNS = Number(process.argv[3] || 9);

const items = Array.from({ length: N }, (_, i) => ({
  customerId: `cust_${i % 97}`, delta: (i * 7.25) - 1000, reason: 'api_call', referenceId: `inv_${i}`,
}));
const hashes = items.map((it) => pkg.itemHash(it));
const root = pkg.itemsRoot(hashes);
const t0 = performance.now();
const tree = new pkg.Tree(hashes);
const proofs = hashes.map((_, i) => tree.prove(i));
const proveMs = performance.now() - t0;
tree.free();
const texts = proofs.map((p) => JSON.stringify(p));

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(label, inputs) {
  const runs = [];
  for (let r = 0; r < RUNS + 1; r++) {
    const start = performance.now();
    let ok = 0;
    for (const p of inputs) ok += pkg.verifyProof(p, root).verified ? 1 : 0;
    const ms = performance.now() - start;
    if (ok !== N) throw new Error(`${label}: only ${ok} of ${N} verified`);
    if (r > 0) runs.push(ms); // the first run warms up
  }
  const m = median(runs);
  console.log(`${label}: median ${m.toFixed(1)} ms for ${N} proofs (${(m * 1000 / N).toFixed(2)} us/proof; runs ${runs.map((x) => x.toFixed(0)).join(' ')})`);
  return m;
}

console.log(`node ${process.version}, ${N} leaves, path length ${proofs[0].path.length}`);
console.log(`setup: new Tree + prove all ${N}: ${proveMs.toFixed(0)} ms`);
time('verifyProof(object)', proofs);
time('verifyProof(JSON text)', texts);
