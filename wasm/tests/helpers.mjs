// Shared by the Node tests: the built package (pkg/, through its Node entry), the
// repository's known-answer vectors, and receipts built from the vectors (reference item
// hashes and roots, not this package's).
import { readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const wasmDir = path.resolve(here, '..');
export const repoRoot = path.resolve(wasmDir, '..');

/** The npm package written by build.sh, loaded as a user's `import 'pacspace-proof'` in Node would. */
export async function loadPkg() {
  return import(pathToFileURL(path.join(wasmDir, 'pkg/node.mjs')).href);
}

/** `$PACSPACE_VECTORS`, or the repository's copy in tests/data/ (as tests/common/mod.rs). */
export function vectorsPath() {
  return process.env.PACSPACE_VECTORS || path.join(repoRoot, 'tests/data/merkle-v1.json');
}

/** A file of the repository, as text. */
export function repoFile(rel) {
  return readFileSync(path.join(repoRoot, rel), 'utf8');
}

export function loadVectors() {
  return JSON.parse(readFileSync(vectorsPath(), 'utf8'));
}

/** The first vector tree with at least `min` items that lists the items themselves. */
export function treeWithItems(vectors, min = 3) {
  const t = vectors.trees.find((t) => Array.isArray(t.items) && t.count >= min);
  if (!t) throw new Error(`no vector tree with items and >= ${min} leaves`);
  return t;
}

/**
 * An emit response for item `k` of a vector tree, as the service returns it: the reference
 * itemHashes and itemsRoot (receiptId = itemsRoot), and the submitted delta.
 */
export function emitReceipt(tree, k = 0) {
  const item = tree.items[k];
  return {
    receipt: {
      success: true,
      data: {
        anchorId: 'anc_test',
        customerId: item.customerId,
        delta: item.delta,
        status: 'QUEUED',
        receiptId: tree.itemsRoot,
        itemsRoot: tree.itemsRoot,
        itemHashes: tree.itemHashes,
        receivedAt: '2026-01-01T00:00:00.000Z',
      },
    },
    delta: item,
  };
}

/** The same receipt with one hex digit of itemHashes[i] changed. */
export function tamperItemHash(receipt, i = 0) {
  const r = structuredClone(receipt);
  const h = r.data.itemHashes[i];
  const last = h[h.length - 1];
  r.data.itemHashes[i] = h.slice(0, -1) + (last === '0' ? '1' : '0');
  return r;
}

/** A delta.verified webhook body for item `k` of a vector tree. */
export function webhookBody(tree, k = 0) {
  return JSON.stringify({
    event: 'delta.verified',
    timestamp: '2026-01-01T00:00:00.000Z',
    data: {
      receiptId: tree.itemsRoot,
      deltaIndex: k,
      status: 'VERIFIED',
      proof: {
        proofHash: tree.itemsRoot,
        contentHash: tree.itemHashes[k],
        itemHashes: tree.itemHashes,
        previousProofHash: null,
      },
    },
  });
}

/** `v1=` + hex HMAC-SHA256(secret, timestamp + "." + body), computed by Node's crypto (docs/spec.md, section 10). */
export function signBody(secret, timestamp, body) {
  return 'v1=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}
