// Receipts and webhook deliveries through the wasm package. Receipts are built from the
// shared vectors (reference item hashes and roots), signatures with Node's own crypto.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  emitReceipt, loadPkg, loadVectors, signBody, tamperItemHash, treeWithItems, webhookBody,
} from './helpers.mjs';

const pkg = await loadPkg();
const v = loadVectors();
const tree = treeWithItems(v, 5);
const failures = (report) => report.checks.filter((c) => c.outcome === 'fail').map((c) => c.failure);

test('a genuine emit receipt verifies, as object and as text', () => {
  const { receipt, delta } = emitReceipt(tree, 2);
  for (const [r, d] of [[receipt, delta], [JSON.stringify(receipt), JSON.stringify(delta)]]) {
    const report = pkg.verifyReceipt(r, d, tree.itemsRoot);
    assert.deepEqual(Object.keys(report), ['artefact', 'verdict', 'level', 'nodeEncoding', 'encoding', 'mappings', 'checks', 'notes', 'notChecked']);
    assert.equal(report.level, 'verified');
    assert.ok(report.notChecked.some((m) => m.startsWith('the public ledger')), JSON.stringify(report.notChecked));
    assert.equal(report.artefact, 'emit');
    assert.equal(report.verdict, 'verified', JSON.stringify(report, null, 1));
    assert.equal(report.nodeEncoding, 'hex0x');
    assert.deepEqual(report.encoding, { finding: 'detected', value: 'hex0x' });
    assert.deepEqual(report.mappings, [{ item: 0, mapping: {
      amountKey: 'delta', absentReferenceId: 'omit', adjusts: 'omit', keyOrder: 'code-units', strings: 'refuse',
    } }]);
    assert.deepEqual(failures(report), []);
    assert.ok(report.checks.some((c) => c.name === 'itemsRoot' && c.outcome === 'pass'), JSON.stringify(report.checks));
  }
});

test('without the submitted delta only the receipt is checked', () => {
  const { receipt } = emitReceipt(tree, 0);
  const report = pkg.verifyReceipt(receipt);
  assert.equal(report.verdict, 'verified');
  assert.ok(report.checks.some((c) => c.outcome === 'notCheckable' && c.name === 'item hash'));
});

test('a tampered item hash breaks the root', () => {
  const { receipt, delta } = emitReceipt(tree, 2);
  const report = pkg.verifyReceipt(tamperItemHash(receipt, 4), delta);
  assert.equal(report.verdict, 'notVerified');
  const f = failures(report);
  assert.ok(f.some((x) => x.kind === 'rootMismatch' && x.field === 'itemsRoot' && x.claimed === tree.itemsRoot), JSON.stringify(f));
});

test('a changed amount is found: the delta is not among itemHashes', () => {
  const { receipt, delta } = emitReceipt(tree, 1);
  const report = pkg.verifyReceipt(receipt, { ...delta, delta: delta.delta + 1 });
  assert.equal(report.verdict, 'notVerified');
  const f = failures(report);
  assert.ok(f.some((x) => x.kind === 'itemHashNotFound' && x.item === 0 && x.searched === tree.count), JSON.stringify(f));
  assert.ok(f.some((x) => x.kind === 'fieldMismatch' && x.field === 'delta'), JSON.stringify(f));
  assert.deepEqual(report.mappings, [{ item: 0, mapping: null }]);
});

test('a stored receiptId that differs is a mismatch', () => {
  const { receipt, delta } = emitReceipt(tree, 0);
  const report = pkg.verifyReceipt(receipt, delta, tree.itemsRootByEncoding.hex);
  assert.equal(report.verdict, 'notVerified');
  assert.ok(failures(report).some((x) => x.kind === 'receiptIdMismatch'));
});

test('a receipt rooted under the bytes encoding is detected as such', () => {
  const { receipt, delta } = emitReceipt(tree, 0);
  receipt.data.itemsRoot = receipt.data.receiptId = tree.itemsRootByEncoding.bytes;
  const report = pkg.verifyReceipt(receipt, delta);
  assert.equal(report.verdict, 'verified');
  assert.deepEqual(report.encoding, { finding: 'detected', value: 'bytes' });
  assert.equal(report.nodeEncoding, 'bytes');
});

test('a batch response of all the tree items verifies against the submitted list', () => {
  const results = tree.items.map((it, i) => ({
    index: i, customerId: it.customerId, delta: it.delta, itemHash: tree.itemHashes[i],
    receiptId: tree.itemsRoot, status: 'QUEUED',
  }));
  const batch = { success: true, data: { totalQueued: tree.count, totalFailed: 0, results } };
  assert.equal(pkg.verifyReceipt(batch, tree.items).verdict, 'verified');
  const swapped = structuredClone(tree.items);
  [swapped[0], swapped[1]] = [swapped[1], swapped[0]];
  assert.equal(pkg.verifyReceipt(batch, swapped).verdict, 'notVerified');
});

test('bad receipts throw Error with the Rust message', () => {
  assert.throws(() => pkg.verifyReceipt({ hello: 1 }), (e) => e instanceof Error && /^not a recognised PacSpace artefact/.test(e.message));
  assert.throws(() => pkg.verifyReceipt('{'), (e) => e instanceof Error && /^not valid JSON/.test(e.message));
  const { receipt } = emitReceipt(tree, 0);
  assert.throws(() => pkg.verifyReceipt(receipt, null, 'rcpt_1'), /^Error: expectedReceipt: /);
  assert.throws(() => pkg.verifyReceipt(receipt, [{ customerId: 'c' }]), (e) => /delta 0/.test(e.message) || /missing/.test(e.message));
  const broken = structuredClone(receipt);
  broken.data.itemHashes[0] = '0x12';
  assert.throws(() => pkg.verifyReceipt(broken), /^Error: malformed emit response: /);
});

test('a signed webhook delivery verifies; a changed body or a stale clock does not', () => {
  const secret = 'whsec_test_1';
  const ts = '1767225600';
  const body = webhookBody(tree, 3);
  const headers = { secret, signature: signBody(secret, ts, body), timestamp: ts, nowUnixSecs: 1767225600 + 42 };
  const sig = pkg.verifyWebhookSignature(new TextEncoder().encode(body), headers);
  const { notChecked, ...rest } = sig;
  assert.deepEqual(rest, { valid: true, index: 0, timestamp: 1767225600, ageSecs: 42, failure: null, error: null, level: 'consistent' });
  assert.match(notChecked[0], /^the event: only the signature/);

  const report = pkg.verifyWebhookDelivery(body, headers, tree.items[3], tree.itemsRoot);
  assert.equal(report.artefact, 'webhook');
  assert.equal(report.verdict, 'verified', JSON.stringify(report, null, 1));
  assert.equal(report.checks[0].name, 'signature');
  assert.equal(report.checks[0].outcome, 'pass');

  const tampered = body.replace('"deltaIndex":3', '"deltaIndex":2');
  assert.notEqual(tampered, body);
  const bad = pkg.verifyWebhookDelivery(tampered, headers, tree.items[3]);
  assert.equal(bad.verdict, 'notVerified');
  assert.deepEqual(bad.checks[0].failure, { kind: 'signature', reason: 'mismatch', tried: 1 });

  const stale = pkg.verifyWebhookSignature(body, { ...headers, nowUnixSecs: 1767225600 + 301 });
  assert.equal(stale.valid, false);
  assert.equal(stale.level, 'not_verified');
  assert.deepEqual(stale.failure, { reason: 'staleTimestamp', timestamp: 1767225600, now: 1767225901, tolerance: 300 });
  assert.match(stale.error, /^stale timestamp: signed at 1767225600, now 1767225901, 301 s apart \(tolerance 300 s\)$/);

  // Another delta than the one the event proves.
  const other = pkg.verifyWebhookDelivery(body, headers, tree.items[0]);
  assert.equal(other.verdict, 'notVerified');

  assert.throws(() => pkg.verifyWebhookSignature(42, headers), /^Error: body must be the raw request body/);
  assert.throws(() => pkg.verifyWebhookSignature(body, { secret }), /^Error: headers: missing field `signature`/);
});

test('the webhook event alone verifies through verifyReceipt', () => {
  const report = pkg.verifyReceipt(webhookBody(tree, 1), tree.items[1], tree.itemsRoot);
  assert.equal(report.artefact, 'webhook');
  assert.equal(report.verdict, 'verified', JSON.stringify(report, null, 1));
});
