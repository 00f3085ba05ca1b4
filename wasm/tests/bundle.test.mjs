// Proof bundles through the npm package in Node: every bundle kept in tests/data/bundles
// verifies; bundles created here from the stored artefacts in examples/receipts verify;
// a changed field is named; bad input throws the Rust message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { loadPkg, repoFile, repoRoot } from './helpers.mjs';

const pkg = await loadPkg();
const sample = (name) => repoFile(`examples/receipts/${name}`);
const failedFields = (report) => report.checks.filter((c) => c.outcome === 'fail').map((c) => c.failure.field);

test('every kept v1 bundle verifies, with its level and what was not checked', () => {
  const dir = path.join(repoRoot, 'tests/data/bundles/v1');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 8, files.join());
  let anchored = 0;
  for (const f of files) {
    const text = repoFile(`tests/data/bundles/v1/${f}`);
    const report = pkg.verifyBundle(text);
    assert.equal(report.verdict, 'verified');
    if (JSON.parse(text).ledger) {
      // Its recorded ledger answers find the root: decided by verifyBundle itself, offline.
      assert.equal(report.level, 'anchored', `${f}: ${JSON.stringify(report.checks, null, 1)}`);
      assert.equal(report.anchor.verdict, 'anchored', f);
      assert.equal(report.anchor.root, report.root, f);
      assert.ok(report.checks.some((c) => c.name === 'ledger anchor' && c.basis === 'ledger' && c.outcome === 'pass'), f);
      assert.ok(!report.notChecked.some((m) => /ledger/.test(m)), `${f}: ${report.notChecked}`);
      anchored += 1;
    } else {
      assert.equal(report.level, 'verified', `${f}: ${JSON.stringify(report.checks, null, 1)}`);
      assert.equal(report.anchor, undefined, f);
      assert.ok(report.notChecked.some((m) => /^the public ledger: the bundle carries no recorded ledger answers/.test(m)), f);
    }
    for (const p of report.paths) assert.equal(p.reaches, report.root, `${f}: path of leaf ${p.index}`);
  }
  assert.ok(anchored >= 1, 'a kept bundle with ledger answers');
});

test('create -> verify for emit, batch (one, several, all item hashes) and webhook inputs', () => {
  const cases = [
    ['emit.json', 'emit-delta.json', undefined, 1, 'path'],
    ['batch.json', 'batch-deltas.json', { only: [3] }, 1, 'path'],
    ['batch.json', 'batch-deltas.json', { only: [0, 1, 3] }, 3, 'multiProof'],
    ['batch.json', 'batch-deltas.json', { inclusion: 'itemHashes' }, 3, 'itemHashes'],
    ['webhook.json', 'emit-delta.json', null, 1, 'path'],
  ];
  for (const [receipt, deltas, options, n, kind] of cases) {
    const bundle = pkg.createBundle(sample(receipt), sample(deltas), options);
    assert.equal(bundle.format, 'pacspace-proof-bundle/v1');
    assert.equal(bundle.items.length, n, receipt);
    assert.equal(bundle.inclusion.kind, kind, receipt);
    // As an object and as text.
    for (const input of [bundle, JSON.stringify(bundle, null, 2)]) {
      const report = pkg.verifyBundle(input);
      assert.equal(report.level, 'verified', JSON.stringify(report.checks));
      assert.equal(report.items.length, n);
    }
  }
});

test('a customer line alone is found in a batch receipt', () => {
  const line = JSON.parse(sample('batch-deltas.json'))[1];
  const bundle = pkg.createBundle(sample('batch.json'), line);
  assert.deepEqual(bundle.items.map((i) => i.index), [1]);
  assert.equal(pkg.verifyBundle(bundle).level, 'verified');
  assert.throws(() => pkg.createBundle(sample('batch.json'), { ...line, delta: -20 }), /^Error: delta 0 hashes to 0x[0-9a-f]{64} .*not in the receipt$/);
});

test('a changed field is caught and named', () => {
  const bundle = pkg.createBundle(sample('batch.json'), sample('batch-deltas.json'), { only: [0, 3] });
  const changes = [
    [(b) => { b.items[1].delta.delta = 72.5; }, ['items[1].delta.delta', 'items[1].delta']],
    [(b) => { b.receipt.anchorId = 'anc_other'; }, ['receipt.anchorId']],
    [(b) => { b.root = `0x${'0'.repeat(64)}`; }, ['root']],
    [(b) => { b.inclusion.siblings[0] = b.items[0].itemHash; }, ['inclusion.siblings[0]', 'inclusion.siblings']],
  ];
  for (const [change, fields] of changes) {
    const b = structuredClone(bundle);
    change(b);
    const report = pkg.verifyBundle(b);
    assert.equal(report.level, 'not_verified');
    for (const f of fields) assert.ok(failedFields(report).includes(f), `${f} in ${failedFields(report)}`);
  }
});

test('bad input throws the Rust message; a newer major version says so', () => {
  assert.throws(() => pkg.verifyBundle('0x94e9'), /^Error: not valid JSON/);
  assert.throws(() => pkg.verifyBundle({ format: 'pacspace-proof-bundle/v2' }), /newer version of the verifier/);
  assert.throws(() => pkg.verifyBundle(sample('emit.json')), /looks like a receipt \(emit response\)/);
  assert.throws(() => pkg.verifyBundle({ format: 'pacspace-proof-bundle/v1', receipt: { source: 'emit' } }), /^Error: receipt\.receiptId: missing$/);
  assert.throws(() => pkg.createBundle(sample('batch.json'), sample('batch-deltas.json'), { only: [2] }), /FAILED by the service/);
  assert.throws(() => pkg.createBundle(sample('emit.json'), sample('emit-delta.json'), { inclusion: 'all' }), /^Error: options\.inclusion/);
});

test('verifyProof says the level: consistent alone, verified against your root', () => {
  const leaves = JSON.parse(sample('emit.json')).data.itemHashes;
  const proof = pkg.prove(leaves, 1);
  assert.equal(pkg.verifyProof(proof).level, 'consistent');
  const mine = pkg.verifyProof(proof, proof.itemsRoot);
  assert.equal(mine.level, 'verified');
  assert.deepEqual(mine.notChecked, ['the public ledger: the root was not looked up on the ledger']);
  assert.equal(pkg.verifyProof({ ...proof, itemHash: leaves[0] }).level, 'not_verified');
});

test('in Node the module is ready on import; init() resolves at once', async () => {
  const init = pkg.default;
  assert.equal(typeof init, 'function');
  await init();
  assert.equal(pkg.itemHash({ customerId: 'c', delta: 1, reason: 'r' }).length, 66);
});
