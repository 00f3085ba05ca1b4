// Builds the invoice page as one self-contained HTML file: the styles, the samples, the
// wasm-bindgen glue, the page script and the WebAssembly module (base64) inlined, so it
// works offline once loaded and when opened straight from disk (file://), where a
// browser refuses to load module scripts or fetch files.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pageDir = path.dirname(fileURLToPath(import.meta.url));

/** The samples offered by the page's sample buttons. */
const SAMPLES = {
  bundleOne: 'bundle-one-charge.json',
  bundleMany: 'bundle-three-charges.json',
  bundleLedger: 'bundle-on-ledger.json',
  receipt: 'receipt-batch.json',
  line: 'invoice-line.json',
};

/** The page's own modules, in dependency order: inlined together, their imports dropped. */
const PAGE_MODULES = ['text.js', 'picture.js', 'render.js', 'app.js'];

/** ES module text as a plain script: `export` keywords and imports of sibling page modules dropped, checked. */
function unexport(js, what, trailer) {
  let out = js
    .replace(/^import\s*\{[^}]*\}\s*from\s*'\.\/[\w-]+\.js';[ \t]*$/gm, '')
    .replace(/^export (class|function|async function|const|let) /gm, '$1 ');
  if (trailer) {
    if (!out.includes(trailer)) throw new Error(`${what}: expected ${JSON.stringify(trailer)}; has its shape changed?`);
    out = out.replace(trailer, '');
  }
  if (/^\s*(export|import)\s/m.test(out)) throw new Error(`${what}: an import or export is left; inline it by hand`);
  if (/<\/script/i.test(out)) throw new Error(`${what}: contains </script`);
  return out;
}

/** JSON for a <script type="application/json"> block. */
function jsonBlock(value) {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * Writes `<pkg>/page/index.html` from page/index.html, page/style.css, page/app.js,
 * page/samples/ and the glue and module in `<pkg>/web/`. Returns `{ path, bytes }`.
 */
export function buildPage(pkg) {
  const glue = unexport(
    readFileSync(path.join(pkg, 'web/pacspace_proof_wasm.js'), 'utf8'),
    'wasm-bindgen glue',
    'export { initSync, __wbg_init as default };',
  );
  const app = PAGE_MODULES.map((f) => unexport(readFileSync(path.join(pageDir, f), 'utf8'), `page/${f}`)).join('\n');
  const wasm = readFileSync(path.join(pkg, 'web/pacspace_proof_wasm_bg.wasm')).toString('base64');
  const samples = Object.fromEntries(
    Object.entries(SAMPLES).map(([k, f]) => [k, readFileSync(path.join(pageDir, 'samples', f), 'utf8')]),
  );
  const boot = `
try {
  const b64 = document.getElementById('verifier-module').textContent.trim();
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  initSync({ module: bytes });
  startPage({ verifyBundle, createBundle, verifyReceipt }, JSON.parse(document.getElementById('samples').textContent));
} catch (e) {
  failedToStart(e);
}`;
  const html = readFileSync(path.join(pageDir, 'index.html'), 'utf8')
    .replace('<!-- STYLE -->', () => `<style>\n${readFileSync(path.join(pageDir, 'style.css'), 'utf8')}</style>`)
    .replace(
      '<!-- DATA -->',
      () =>
        `<script type="application/json" id="samples">${jsonBlock(samples)}</script>\n` +
        `<script type="application/octet-stream" id="verifier-module">${wasm}</script>`,
    )
    // The page's code in a block of its own: its names cannot clash with the glue's.
    .replace('<!-- SCRIPT -->', () => `<script type="module">\n${glue}\n{\n${app}\n${boot}\n}\n</script>`);
  for (const marker of ['<!-- STYLE -->', '<!-- DATA -->', '<!-- SCRIPT -->']) {
    if (html.includes(marker)) throw new Error(`page/index.html: ${marker} not replaced`);
  }
  const out = path.join(pkg, 'page/index.html');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, html);
  return { path: out, bytes: Buffer.byteLength(html) };
}
