// decideAnchor: the ledger decision over source answers the caller fetched itself, as
// `pacspace-verify anchor --ledger-answers` makes it. The sample (examples/ledger) is anchored
// for the batch receipt's root; a changed answer, another root or another transaction is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { loadPkg, repoFile } from './helpers.mjs';

const pkg = await loadPkg();
const ROOT = '0xeace00dfa25164afa3d9985d8a22c58f435a906bf30f4cc80c1e3e521a350630';
const TX = '0x63b07c01299e4e79a12fef333705de81576e2dd09053dc64bafb307bbce087a8';
const file = () => JSON.parse(repoFile('examples/ledger/answers.json'));
const sha256 = (s) => createHash('sha256').update(s, 'utf8').digest('hex');

test('the recorded sample is anchored, with where, when and to whom', () => {
  for (const answers of [file(), JSON.stringify(file())]) {
    const d = pkg.decideAnchor(ROOT, TX, answers, { level: 'verified' });
    assert.equal(d.verdict, 'anchored', JSON.stringify(d.checks, null, 1));
    assert.equal(d.level, 'anchored');
    assert.equal(d.network, 'testnet');
    assert.equal(d.chainId, 296);
    assert.equal(d.consensusTimestamp, '1767225607.417203000');
    assert.equal(d.to, '0x00000000000000000000000000000000004c7a21');
    assert.match(d.finding, /call data at offset 36/);
    assert.equal(d.sourcesAnswered, 2);
    assert.deepEqual(d.sources.map((s) => [s.kind, s.found, s.where]), [['mirror', true, 'calldata'], ['rpc', true, 'calldata']]);
  }
});

test('a bare array of answers with the policy naming the network; quorum and contract', () => {
  const { answers } = file();
  assert.equal(pkg.decideAnchor(ROOT, TX, answers, { network: 'testnet' }).verdict, 'anchored');
  assert.equal(pkg.decideAnchor(ROOT, TX, answers, { network: 296, minSources: 2 }).verdict, 'anchored');
  // Only the mirror node answered, two sources required: nothing can be concluded.
  const one = pkg.decideAnchor(ROOT, TX, answers.slice(0, 1), { network: 'testnet', minSources: 2 });
  assert.equal(one.verdict, 'undetermined');
  assert.match(one.lookUpByHand, new RegExp(ROOT));
  const wrongTo = pkg.decideAnchor(ROOT, TX, answers, { network: 'testnet', contract: '0x' + '11'.repeat(20) });
  assert.equal(wrongTo.verdict, 'not_anchored');
  assert.ok(wrongTo.checks.some((c) => c.name === 'contract' && c.outcome === 'fail'));
  const early = pkg.decideAnchor(ROOT, TX, answers, { network: 'testnet', notBefore: '2026-01-02T00:00:00Z' });
  assert.equal(early.verdict, 'not_anchored');
  assert.ok(early.checks.some((c) => c.name === 'notBefore' && c.outcome === 'fail'));
});

test('another root, another transaction, or a changed answer is not anchored', () => {
  const other = ROOT.replace(/^0xeace/, '0xeacf');
  const d = pkg.decideAnchor(other, TX, file(), { level: 'verified' });
  assert.equal(d.verdict, 'not_anchored');
  assert.equal(d.level, 'verified');
  assert.ok(d.checks.some((c) => c.name === 'rootFound' && c.outcome === 'fail'), JSON.stringify(d.checks));

  // The answers' bodies changed so that the call data holds other bytes (digests recomputed, as a
  // page that fetched them itself would): the root is no longer found.
  const f = file();
  for (const a of f.answers) {
    a.body = a.body.replaceAll(ROOT.slice(2), other.slice(2));
    a.bodySha256 = sha256(a.body);
  }
  assert.equal(pkg.decideAnchor(ROOT, TX, f).verdict, 'not_anchored');
  assert.equal(pkg.decideAnchor(other, TX, f).verdict, 'anchored');

  // One source says the transaction failed: the sources disagree, which is evidence against.
  const g = file();
  const mirror = JSON.parse(g.answers[0].body);
  mirror.status = '0x0';
  mirror.result = 'CONTRACT_REVERT_EXECUTED';
  g.answers[0].body = JSON.stringify(mirror);
  delete g.answers[0].bodySha256;
  assert.equal(pkg.decideAnchor(ROOT, TX, g).verdict, 'not_anchored');

  // A body changed after recording, its digest kept: refused, naming the answer.
  const h = file();
  h.answers[1].body = h.answers[1].body.replace('0x1', '0x0');
  assert.throws(() => pkg.decideAnchor(ROOT, TX, h), /^Error: answers\[1\] from https:\/\/testnet-relay\.example\/api: the body's SHA-256 is/);
});

test('bad input throws the Rust message', () => {
  assert.throws(() => pkg.decideAnchor('0x12', TX, []), /^Error: root: /);
  assert.throws(() => pkg.decideAnchor(ROOT, TX, {}), /^Error: answers must be/);
  assert.throws(() => pkg.decideAnchor(ROOT, TX, [], { minSorces: 1 }), /^Error: policy\.minSorces/);
  assert.throws(() => pkg.decideAnchor(ROOT, TX, [{ kind: 'ftp' }]), /^Error: answers\[0\]\.kind/);
});
