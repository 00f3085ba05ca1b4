// The README's decideAnchor example, run as written from the repository's root (its
// `import … from 'pacspace-proof'` pointed at the built package), printing what it says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, wasmDir } from './helpers.mjs';

test("README: the decideAnchor example prints what its comments say", () => {
  const readme = readFileSync(path.join(wasmDir, 'README.md'), 'utf8');
  const m = /<!-- example: anchor -->\n```js\n([\s\S]*?)\n```/.exec(readme);
  assert.ok(m, 'no anchor example in wasm/README.md');
  const pkgUrl = pathToFileURL(path.join(wasmDir, 'pkg/node.mjs')).href;
  const code = m[1].replace("from 'pacspace-proof'", `from ${JSON.stringify(pkgUrl)}`);
  assert.notEqual(code, m[1]);
  const dir = mkdtempSync(path.join(tmpdir(), 'pacspace-readme-'));
  try {
    writeFileSync(path.join(dir, 'anchor.mjs'), code);
    const out = execFileSync(process.execPath, [path.join(dir, 'anchor.mjs')], { cwd: repoRoot, encoding: 'utf8' }).split('\n');
    assert.equal(out[0], 'anchored anchored');
    assert.match(out[1], /^the root's bytes are in transaction 0x63b07c01\w+'s call data at offset 36$/);
    assert.equal(out[2], 'testnet 2026-01-01T00:00:07.417203Z');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
