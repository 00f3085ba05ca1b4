// Assembles the npm package in pkg/ around the wasm-bindgen output in pkg/web/:
// package.json (version from Cargo.toml), the Node and browser entries, the types,
// README and licences, and the single-file invoice page (page/index.html).
//   node npm/assemble.mjs            (build.sh runs it)
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPage } from '../page/build.mjs';

const wasmDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(wasmDir, '..');
const pkg = path.join(wasmDir, 'pkg');
if (!existsSync(path.join(pkg, 'web/pacspace_proof_wasm_bg.wasm'))) {
  throw new Error('pkg/web missing: run ./build.sh');
}

const cargo = readFileSync(path.join(wasmDir, 'Cargo.toml'), 'utf8');
const version = /^version = "([^"]+)"/m.exec(cargo)?.[1];
if (!version) throw new Error('no version in wasm/Cargo.toml');
const manifest = JSON.parse(readFileSync(path.join(wasmDir, 'npm/package.json'), 'utf8'));
manifest.version = version;
writeFileSync(path.join(pkg, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

for (const f of ['node.mjs', 'browser.mjs', 'index.d.ts']) copyFileSync(path.join(wasmDir, 'npm', f), path.join(pkg, f));
copyFileSync(path.join(wasmDir, 'README.md'), path.join(pkg, 'README.md'));
for (const f of ['LICENSE-MIT', 'LICENSE-APACHE']) copyFileSync(path.join(repoRoot, f), path.join(pkg, f));
const page = buildPage(pkg);
console.log(`pkg/: pacspace-proof ${version}; page/index.html ${page.bytes} B (wasm inlined)`);
