// Every verdict the package gives carries `level` (not_verified | consistent | verified |
// anchored) and `notChecked` (what it did not establish), whatever the function and outcome.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { emitReceipt, loadPkg, loadVectors, repoFile, repoRoot, signBody, tamperItemHash, treeWithItems, webhookBody } from './helpers.mjs';

const pkg = await loadPkg();
const LEVELS = ['not_verified', 'consistent', 'verified', 'anchored'];
const tree = treeWithItems(loadVectors(), 4);

function assertLevelled(result, want, what) {
  assert.ok(LEVELS.includes(result.level), `${what}: level ${result.level}`);
  assert.equal(result.level, want, `${what}: ${JSON.stringify(result.checks ?? result, null, 1)}`);
  assert.ok(Array.isArray(result.notChecked), `${what}: notChecked`);
  assert.ok(result.notChecked.every((m) => typeof m === 'string' && m.length > 0), what);
  // Below anchored, something was not checked, or a check failed and says what did not match.
  const failed = (result.checks ?? []).some((c) => c.outcome === 'fail');
  if (want !== 'anchored' && !failed) assert.ok(result.notChecked.length > 0, `${what}: nothing listed as not checked`);
}

test('verifyProof: consistent alone, verified with the trusted root, not_verified when wrong', () => {
  const proof = pkg.prove(tree.items, 1);
  assertLevelled(pkg.verifyProof(proof), 'consistent', 'proof alone');
  assertLevelled(pkg.verifyProof(proof, tree.itemsRoot), 'verified', 'proof with root');
  assertLevelled(pkg.verifyProof({ ...proof, index: 2 }), 'not_verified', 'wrong index');
});

test('verifyReceipt / verifyReceiptText: consistent, verified, not_verified', () => {
  const emit = emitReceipt(tree, 2).receipt;
  assertLevelled(pkg.verifyReceipt(emit), 'consistent', 'emit alone');
  assertLevelled(pkg.verifyReceipt(emit, tree.items[2]), 'verified', 'emit with its delta');
  assertLevelled(pkg.verifyReceipt(emit, tree.items[1]), 'not_verified', 'emit with another delta');
  assertLevelled(pkg.verifyReceipt(tamperItemHash(emit)), 'not_verified', 'tampered emit');
  assert.match(pkg.verifyReceiptText(emit, tree.items[2]), /\(level: verified\)/);
  assert.match(pkg.verifyReceiptText(emit), /\(level: consistent\)/);
});

test('webhook signature and delivery', () => {
  const secret = 'whsec_levels';
  const ts = '1767225600';
  const body = webhookBody(tree, 1);
  const headers = { secret, signature: signBody(secret, ts, body), timestamp: ts, nowUnixSecs: 1767225610 };
  assertLevelled(pkg.verifyWebhookSignature(body, headers), 'consistent', 'valid signature');
  assertLevelled(pkg.verifyWebhookSignature(body + ' ', headers), 'not_verified', 'changed body');
  assertLevelled(pkg.verifyWebhookDelivery(body, headers), 'consistent', 'delivery alone');
  assertLevelled(pkg.verifyWebhookDelivery(body, headers, tree.items[1]), 'verified', 'delivery with delta');
  assertLevelled(pkg.verifyWebhookDelivery(body + ' ', headers, tree.items[1]), 'not_verified', 'changed delivery');
});

test('verifyBundle: every kept bundle, and a changed one', () => {
  const dir = path.join(repoRoot, 'tests/data/bundles/v1');
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const text = repoFile(`tests/data/bundles/v1/${f}`);
    const r = pkg.verifyBundle(text);
    assert.ok(['verified', 'anchored'].includes(r.level), f);
    assertLevelled(r, r.level, f);
    const b = JSON.parse(text);
    b.items[0].delta.reason += ' (changed)';
    const changed = pkg.verifyBundle(b);
    assertLevelled(changed, 'not_verified', `${f} changed`);
    // The ledger is listed as not checked exactly when it was not asked: no recorded answers.
    assert.equal(changed.notChecked.some((m) => /ledger/.test(m)), !b.ledger, `${f} changed: ${changed.notChecked}`);
    if (b.ledger) {
      // Recorded answers changed after recording: the ledger was not asked, and says so.
      const body = JSON.parse(text);
      body.ledger.answers[0].body += ' ';
      const r = pkg.verifyBundle(body);
      assertLevelled(r, 'not_verified', `${f} answer changed`);
      assert.ok(r.notChecked.some((m) => /^ledger anchor: the ledger was not asked/.test(m)), `${f}: ${r.notChecked}`);
    }
  }
});

test('decideAnchor: the level given is lifted to anchored only from verified', () => {
  const answers = repoFile('examples/ledger/answers.json');
  const root = '0xeace00dfa25164afa3d9985d8a22c58f435a906bf30f4cc80c1e3e521a350630';
  const tx = '0x63b07c01299e4e79a12fef333705de81576e2dd09053dc64bafb307bbce087a8';
  assertLevelled(pkg.decideAnchor(root, tx, answers, { level: 'verified' }), 'anchored', 'verified + anchored');
  assertLevelled(pkg.decideAnchor(root, tx, answers, { level: 'consistent' }), 'consistent', 'consistent + anchored');
  assertLevelled(pkg.decideAnchor(root, tx, answers), 'not_verified', 'nothing of yours');
  assertLevelled(pkg.decideAnchor(root, tx, [], { level: 'verified' }), 'verified', 'undetermined');
});
