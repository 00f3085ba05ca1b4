// Every known-answer vector in tests/data/merkle-v1.json through the wasm package:
// the same answers as the native library (tests/vectors.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPkg, loadVectors } from './helpers.mjs';

const pkg = await loadPkg();
const v = loadVectors();
const ENCODINGS = ['hex0x', 'hex', 'bytes'];

test('canonical JSON of every canonical case, as a value and as text', () => {
  assert.ok(v.canonical.length >= 10);
  for (const c of v.canonical) {
    // A string argument is JSON text, so a string value goes in as its JSON.
    const arg = typeof c.value === 'string' ? JSON.stringify(c.value) : c.value;
    assert.equal(pkg.canonicalJson(arg), c.canonical, JSON.stringify(c.value));
    assert.equal(pkg.canonicalJson(JSON.stringify(c.value)), c.canonical);
    assert.equal(pkg.canonicalJson(c.canonical), c.canonical, 'canonical text is a fixed point');
  }
});

test('numbers from source text round as JavaScript does (2^53+1, -0.0)', () => {
  assert.equal(pkg.canonicalJson('[9007199254740993,-0.0,1e21,1e-7]'), '[9007199254740992,0,1e+21,1e-7]');
});

test('item hash and canonical form of every item, as object and as text', () => {
  assert.ok(v.items.length >= 20);
  for (const c of v.items) {
    assert.equal(pkg.canonicalJson(c.item), c.canonical);
    assert.equal(pkg.itemHash(c.item), c.itemHash, c.canonical);
    assert.equal(pkg.itemHash(JSON.stringify(c.item)), c.itemHash);
  }
});

test('roots under all three encodings, from hashes and from items', () => {
  assert.ok(v.trees.length >= 10);
  for (const t of v.trees) {
    assert.equal(t.itemHashes.length, t.count);
    assert.deepEqual(Object.keys(t.itemsRootByEncoding).sort(), [...ENCODINGS].sort());
    assert.equal(pkg.itemsRoot(t.itemHashes), t.itemsRoot, `default n=${t.count}`);
    for (const enc of ENCODINGS) {
      const want = t.itemsRootByEncoding[enc];
      assert.equal(pkg.itemsRoot(t.itemHashes, enc), want, `n=${t.count} ${enc}`);
      assert.equal(pkg.itemsRoot(JSON.stringify(t.itemHashes), enc), want);
      if (t.items) {
        assert.equal(pkg.itemsRoot(t.items, enc), want, `items n=${t.count} ${enc}`);
      }
    }
    if (t.items) {
      assert.deepEqual(t.items.map((it) => pkg.itemHash(it)), t.itemHashes);
    }
  }
});

/** [encoding, root, proofs] for every proof list a tree carries. */
function proofLists(t) {
  const lists = [];
  if (t.proofs) lists.push(['hex0x', t.itemsRoot, t.proofs]);
  for (const [enc, proofs] of Object.entries(t.proofsByEncoding || {})) {
    lists.push([enc, t.itemsRootByEncoding[enc], proofs]);
  }
  return lists;
}

test('proofs: prove reproduces every vector path and verifyProof accepts it', () => {
  let checked = 0;
  for (const t of v.trees) {
    for (const [enc, root, proofs] of proofLists(t)) {
      // Every leaf for small trees, a sample (first, last, middle) for large ones.
      assert.ok(proofs.length > 0 && proofs.length <= t.count, `proofs n=${t.count}`);
      if (t.count <= 33) assert.equal(proofs.length, t.count, `one proof per leaf n=${t.count}`);
      for (const p of proofs) {
        const made = pkg.prove(t.itemHashes, p.index, enc);
        assert.deepEqual(made, {
          index: p.index,
          count: t.count,
          itemHash: t.itemHashes[p.index],
          itemsRoot: root,
          path: p.path,
          nodeEncoding: enc,
        });
        const verdict = pkg.verifyProof(made, root);
        assert.equal(verdict.verified, true, `${enc} n=${t.count} i=${p.index}: ${verdict.error}`);
        assert.equal(verdict.error, null);
        checked += 1;
      }
    }
  }
  assert.ok(checked > 200, `checked ${checked} proofs`);
});

test('Tree builds once and proves every vector path', () => {
  for (const t of v.trees.filter((t) => t.count > 0)) {
    for (const [enc, root, proofs] of proofLists(t)) {
      const tree = new pkg.Tree(t.items || t.itemHashes, enc);
      try {
        assert.equal(tree.root, root);
        assert.equal(tree.count, t.count);
        assert.equal(tree.nodeEncoding, enc);
        for (const p of proofs) assert.deepEqual(tree.prove(p.index).path, p.path);
        assert.throws(() => tree.prove(t.count), /out of range/);
      } finally {
        tree.free();
      }
    }
  }
  assert.throws(() => new pkg.Tree([1]), /^Error: element 0: /);
});

test('tampered proofs are refused with the reason', () => {
  const t = v.trees.find((t) => t.count === 7);
  const proof = pkg.prove(t.itemHashes, 3);
  // A sibling hash changed.
  const bad = structuredClone(proof);
  bad.path[1].hash = bad.path[0].hash;
  let verdict = pkg.verifyProof(bad, t.itemsRoot);
  assert.equal(verdict.verified, false);
  assert.match(verdict.error, /^root mismatch: expected 0x[0-9a-f]{64}, path folds to 0x[0-9a-f]{64}$/);
  // A side flipped.
  const flipped = structuredClone(proof);
  flipped.path[0].position = flipped.path[0].position === 'left' ? 'right' : 'left';
  verdict = pkg.verifyProof(flipped);
  assert.equal(verdict.verified, false);
  assert.match(verdict.error, /^path step 0: sibling is on the/);
  // The count changed: the path no longer has the right length.
  verdict = pkg.verifyProof({ ...proof, count: 100 });
  assert.match(verdict.error, /^path has 3 steps but a tree of this size needs exactly 7$/);
  // Another trusted root.
  verdict = pkg.verifyProof(proof, t.itemsRootByEncoding.bytes);
  assert.match(verdict.error, /is not the expected root/);
  // Read under another encoding (the proof names none).
  const { nodeEncoding, ...unnamed } = proof;
  assert.equal(nodeEncoding, 'hex0x');
  assert.equal(pkg.verifyProof(unnamed).verified, true);
  assert.equal(pkg.verifyProof(unnamed, null, 'bytes').verified, false);
});

test('bad input throws Error with the Rust message', () => {
  const throwsMsg = (fn, re) =>
    assert.throws(fn, (e) => {
      assert.ok(e instanceof Error, `an Error, got ${e}`);
      assert.match(e.message, re);
      return true;
    });
  throwsMsg(() => pkg.itemHash('{'), /^item is not valid JSON: EOF while parsing an object at line 1 column 1$/);
  throwsMsg(() => pkg.itemHash([1]), /^expected one item object, found an array$/);
  throwsMsg(() => pkg.itemHash({ n: 10n }), /^item cannot be written as JSON: .*BigInt/);
  throwsMsg(() => pkg.itemHash(undefined), /^item is missing$/);
  throwsMsg(() => pkg.itemsRoot([1]), /^element 0: expected an item object or a 0x item hash, found a number$/);
  throwsMsg(() => pkg.itemsRoot(['0x12']), /^element 0: /);
  throwsMsg(() => pkg.itemsRoot([], 'sha256'), /^nodeEncoding "sha256": node encoding must be one of: hex0x, hex, bytes$/);
  throwsMsg(() => pkg.prove([], 0), /zero leaves/);
  throwsMsg(() => pkg.prove(v.trees[3].itemHashes, 1.5), /^index must be a non-negative integer, found 1.5$/);
  throwsMsg(() => pkg.prove(v.trees[3].itemHashes, 99), /out of range/);
  throwsMsg(() => pkg.prove(v.trees[3].itemHashes, 1e21), /^index must be a non-negative integer, found 1e\+21$/);
  throwsMsg(() => pkg.prove(v.trees[3].itemHashes, -1), /^index must be a non-negative integer, found -1$/);
  throwsMsg(() => pkg.verifyProof('[]'), /^expected a proof object, found an array$/);
  throwsMsg(() => pkg.verifyProof({ index: 0 }), /^not a valid proof object: missing field `count`/);
  // A lone surrogate has no UTF-8 form: refused, never hashed as a replacement character.
  throwsMsg(() => pkg.itemHash({ customerId: '\ud800', delta: 1, reason: 'r' }), /^item is not valid JSON: /);
  const deep = '['.repeat(300) + ']'.repeat(300);
  throwsMsg(() => pkg.canonicalJson(deep), /recursion limit exceeded/);
  throwsMsg(() => pkg.itemHash({ customerId: 'c', metadata: JSON.parse(deep) }), /recursion limit exceeded|nesting deeper/);
});

test('duplicate keys: the last wins, as with JSON.parse', () => {
  const text = '{"b":1,"a":{"x":1,"x":[2]},"b":3}';
  assert.equal(pkg.canonicalJson(text), pkg.canonicalJson(JSON.parse(text)));
  assert.equal(pkg.canonicalJson(text), '{"a":{"x":[2]},"b":3}');
});
