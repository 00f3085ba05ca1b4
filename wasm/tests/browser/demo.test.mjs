// The demo page in real headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core): a genuine receipt verifies, a tampered one does not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { emitReceipt, loadVectors, tamperItemHash, treeWithItems, wasmDir } from '../helpers.mjs';
import { serve } from './static-server.mjs';

const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const www = path.join(wasmDir, 'www');
const tree = treeWithItems(loadVectors(), 5);
let server;
let browser;
let page;
const pageErrors = [];

before(async () => {
  assert.ok(existsSync(executablePath), `${executablePath} missing: apt-get install chromium chromium-driver`);
  assert.ok(existsSync(path.join(www, 'pkg/pacspace_proof_wasm_bg.wasm')), 'www/pkg missing: run ./build.sh');
  server = await serve(www);
  browser = await chromium.launch({
    executablePath,
    headless: true,
    timeout: 60_000,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
  await page.goto(`${server.url}index.html`);
  await page.waitForSelector('body[data-ready="true"]');
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function verify(receipt, submitted = '', stored = '') {
  await page.fill('#receipt', receipt);
  await page.fill('#submitted', submitted);
  await page.fill('#stored', stored);
  await page.click('#verify');
  await page.waitForFunction(() => document.querySelector('#verdict').dataset.verdict !== '');
  return page.evaluate(() => ({
    verdict: document.querySelector('#verdict').dataset.verdict,
    text: document.querySelector('#verdict').textContent,
    lines: document.querySelector('#report').textContent.split('\n'),
  }));
}

test('a genuine receipt verifies in the page', async () => {
  const { receipt, delta } = emitReceipt(tree, 2);
  const shown = await verify(JSON.stringify(receipt, null, 2), JSON.stringify(delta), tree.itemsRoot);
  assert.equal(shown.verdict, 'verified', JSON.stringify(shown, null, 1));
  assert.equal(shown.text, 'emit: VERIFIED');
  assert.equal(shown.lines[0], 'emit response: VERIFIED');
  assert.ok(shown.lines.includes('node encoding: hex0x (detected: it reproduced the root)'), shown.lines.join('\n'));
  assert.ok(shown.lines.some((l) => l.startsWith('  ok    itemsRoot: ')), shown.lines.join('\n'));
  assert.ok(!shown.lines.some((l) => l.startsWith('  FAIL')));
  mkdirSync(path.join(wasmDir, 'test-results'), { recursive: true });
  await page.screenshot({ path: path.join(wasmDir, 'test-results/demo-verified.png'), fullPage: true });
});

test('a tampered receipt does not verify in the page', async () => {
  const { receipt, delta } = emitReceipt(tree, 2);
  const shown = await verify(JSON.stringify(tamperItemHash(receipt, 0)), JSON.stringify(delta), tree.itemsRoot);
  assert.equal(shown.verdict, 'notVerified', JSON.stringify(shown, null, 1));
  assert.equal(shown.text, 'emit: NOT VERIFIED');
  assert.ok(
    shown.lines.some((l) => l.startsWith(`  FAIL  itemsRoot: itemsRoot ${tree.itemsRoot} is not the root of itemHashes under any node encoding`)),
    shown.lines.join('\n'),
  );
  await page.screenshot({ path: path.join(wasmDir, 'test-results/demo-tampered.png'), fullPage: true });
});

test('a changed amount does not verify in the page', async () => {
  const { receipt, delta } = emitReceipt(tree, 2);
  const shown = await verify(JSON.stringify(receipt), JSON.stringify({ ...delta, delta: 1 }));
  assert.equal(shown.verdict, 'notVerified');
  assert.ok(shown.lines.some((l) => /^  FAIL  item hash of delta 0: submitted delta 0 hashes to 0x[0-9a-f]{64} .*not among the \d+ itemHashes$/.test(l)), shown.lines.join('\n'));
});

test('input that is not a receipt shows the error', async () => {
  const shown = await verify('{"hello":1}');
  assert.equal(shown.verdict, 'error');
  assert.match(shown.text, /^Cannot read the input: not a recognised PacSpace artefact/);
  assert.deepEqual(shown.lines, ['']);
});

test('no script errors in the page', () => {
  assert.deepEqual(pageErrors, []);
});
