// The invoice page (pkg/page/index.html, one file with the verifier inlined) in real headless
// Chromium (Debian's /usr/bin/chromium, driven by playwright-core): every input case, asserted
// on the page — verdict text, level, the highlighted path — at 390 px and 1280 px wide, over
// http and from file://, with no console errors. Screenshots go to tests/browser/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { repoFile, wasmDir } from '../helpers.mjs';
import { serve } from './static-server.mjs';

const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const pkgDir = path.join(wasmDir, 'pkg');
const pagePath = path.join(pkgDir, 'page/index.html');
const shots = path.join(wasmDir, 'tests/browser/screenshots');
const samples = path.join(wasmDir, 'page/samples');
const sample = (f) => readFileSync(path.join(samples, f), 'utf8');
const WIDTHS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };

let server;
let api;
let browser;
const problems = [];

/** A stand-in for the service's public verify endpoint, on 127.0.0.1. */
function fakeApi(answer) {
  const s = createServer((req, res) => {
    const ok = req.url.startsWith('/api/v1/verify/');
    res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    res.end(ok ? JSON.stringify(answer) : '{}');
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${s.address().port}`,
    close: () => new Promise((r) => s.close(r)),
  })));
}

before(async () => {
  assert.ok(existsSync(executablePath), `${executablePath} missing: apt-get install chromium`);
  assert.ok(existsSync(pagePath), 'pkg/page/index.html missing: run ./build.sh');
  mkdirSync(shots, { recursive: true });
  server = await serve(pkgDir);
  const batch = JSON.parse(sample('receipt-batch.json'));
  const deltas = JSON.parse(sample('invoice-batch-deltas.json'));
  api = await fakeApi({
    success: true,
    data: {
      verified: true,
      proofRoot: batch.data.results[0].receiptId,
      records: deltas.map((d) => ({ amount: d.delta, reason: d.reason, referenceId: d.referenceId ?? null, status: 'ANCHORED' })),
    },
  });
  browser = await chromium.launch({
    executablePath,
    headless: true,
    timeout: 60_000,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await api?.close();
});

/** A fresh page at `size`, loaded and ready; console errors are collected. */
async function open(size = WIDTHS.desktop, url = `${server.url}page/index.html?api=${encodeURIComponent(api.url)}`) {
  const context = await browser.newContext({ viewport: size });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (e) => problems.push(`${url}: ${e}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`${url}: ${m.text()}`); });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, context };
}

/** What the result shows. */
async function shown(page) {
  await page.waitForSelector('#result:not([hidden])');
  return page.evaluate(() => {
    const v = document.querySelector('#verdict');
    const svg = document.querySelector('#picture svg');
    const role = (r) => [...document.querySelectorAll(`#picture [data-role="${r}"]`)].map((g) => g.dataset.hash);
    return {
      level: v.dataset.level ?? null,
      state: v.dataset.state ?? null,
      problem: v.dataset.problem ?? null,
      badge: v.querySelector('[data-badge]')?.textContent ?? null,
      heading: v.querySelector('h2')?.textContent ?? '',
      sentence: v.querySelector('[data-sentence]')?.textContent ?? null,
      levelText: v.querySelector('[data-level-text]')?.textContent ?? null,
      ledger: v.querySelector('[data-ledger]')?.textContent ?? null,
      text: v.textContent,
      item: role('item'),
      path: role('path'),
      siblings: role('sibling'),
      root: role('root'),
      rootMatches: document.querySelector('#picture [data-role="root"]')?.dataset.matches ?? null,
      svgLabel: svg ? [...svg.getAttribute('aria-labelledby').split(' ')].map((id) => document.getElementById(id)?.textContent) : null,
      failedFields: [...document.querySelectorAll('#technical li[data-outcome="fail"]')].map((li) => li.dataset.field),
      focused: document.activeElement?.id ?? null,
    };
  });
}

async function paste(page, receipt, lines = '') {
  await page.fill('#receipt', receipt);
  await page.fill('#lines', lines);
  await page.click('#check');
  return shown(page);
}

const bundleOne = JSON.parse(sample('bundle-one-charge.json'));
const receiptId = bundleOne.receipt.receiptId;
const shortId = `${receiptId.slice(0, 6)}…${receiptId.slice(-4)}`;

test('sample proof file, one charge: verified, the plain sentence, the highlighted path', async () => {
  for (const [name, size] of Object.entries(WIDTHS)) {
    const { page, context } = await open(size);
    await page.click('[data-sample="bundleOne"]');
    const s = await shown(page);
    assert.equal(s.level, 'verified', JSON.stringify(s));
    assert.equal(s.badge, 'Verified');
    assert.equal(s.levelText, 'Level reached: verified — your own lines reproduce the receipt number.');
    assert.equal(s.ledger, null);
    assert.equal(s.sentence, `Your charge of \u2212150 for api_call (reference inv_2026_02_item_001) is recorded, unaltered, in receipt ${shortId}.`);
    assert.match(s.text, /Not yet checked: that the receipt is published on the public ledger\. The file does not include the ledger records/);
    assert.doesNotMatch(s.text, /emit|node encoding|item mapping|hash/i, 'no implementation words in the main text');
    // The path: the item highlighted at the bottom, one sibling per level, the receipt number on top.
    assert.deepEqual(s.item, [bundleOne.items[0].itemHash]);
    assert.equal(s.siblings.length, Math.ceil(Math.log2(bundleOne.leafCount)));
    assert.deepEqual(s.siblings, bundleOne.inclusion.path.map((p) => p.hash).reverse());
    assert.deepEqual(s.root, [bundleOne.root]);
    assert.equal(s.rootMatches, 'true');
    assert.equal(s.svgLabel[0], 'How your charge reaches the receipt number');
    assert.match(s.svgLabel[1], /combined, level by level, with 3 other fingerprints and reaches 0x94e9…565c, which is the receipt number/);
    assert.equal(s.focused, 'result', 'focus moves to the result');
    // The technical detail is folded, and holds the implementation's words.
    assert.equal(await page.locator('#details').getAttribute('open'), null);
    await page.click('#details summary');
    assert.match(await page.locator('#technical').textContent(), /Node encoding.*hex0x/s);
    const fit = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: innerWidth,
      svg: document.querySelector('#picture svg').getBoundingClientRect().width }));
    assert.ok(fit.doc <= fit.view, `no horizontal scrolling at ${name}: ${JSON.stringify(fit)}`);
    assert.ok(fit.svg <= fit.view && fit.svg > 200, JSON.stringify(fit));
    await page.screenshot({ path: path.join(shots, `verified-one-${name}.png`), fullPage: true });
    await context.close();
  }
});

test('sample proof file, three charges: all named; each path can be shown', async () => {
  const b = JSON.parse(sample('bundle-three-charges.json'));
  const { page, context } = await open(WIDTHS.phone);
  await page.click('[data-sample="bundleMany"]');
  let s = await shown(page);
  assert.equal(s.level, 'verified');
  assert.equal(s.sentence, `Your 3 entries — a charge of \u2212150 for api_call (reference inv_2026_02_item_001), a charge of \u221242.5 for storage (reference inv_2026_02_item_002) and a credit of 20 for refund (reference inv_2026_02_item_003) — are recorded, unaltered, in receipt ${shortId}.`);
  assert.deepEqual(s.item, [b.items[0].itemHash]);
  await page.check('input[name="path-choice"][value="2"]');
  s = await shown(page);
  assert.deepEqual(s.item, [b.items[2].itemHash]);
  assert.deepEqual(s.root, [b.root]);
  await page.screenshot({ path: path.join(shots, 'verified-three-phone.png'), fullPage: true });
  await context.close();
});

test('a receipt and an invoice line: verified; a changed line is not in the receipt; no line: partly checked', async () => {
  const { page, context } = await open();
  await page.click('[data-sample="receipt"]');
  let s = await shown(page);
  assert.equal(s.level, 'verified', JSON.stringify(s));
  assert.equal(s.sentence, `Your charge of \u2212150 for api_call (reference inv_2026_02_item_001) is recorded, unaltered, in receipt ${shortId}.`);
  assert.deepEqual(s.item, [bundleOne.items[0].itemHash]);
  assert.ok(await page.locator('#save-bundle').count(), 'the result can be saved as a proof file');

  const line = JSON.parse(sample('invoice-line.json'));
  s = await paste(page, sample('receipt-batch.json'), JSON.stringify({ ...line, delta: -15 }));
  assert.equal(s.level, 'not_verified');
  assert.equal(s.heading, 'Not confirmedNot in this receipt');
  assert.equal(s.sentence, `Your charge of \u221215 for api_call (reference inv_2026_02_item_001) is not in receipt ${shortId}.`);

  const altered = sample('receipt-batch.json').replace(bundleOne.items[0].itemHash.slice(0, 12), `${bundleOne.items[0].itemHash.slice(0, 11)}f`);
  assert.notEqual(altered, sample('receipt-batch.json'));
  s = await paste(page, altered, sample('invoice-line.json'));
  assert.equal(s.level, 'not_verified');
  assert.equal(s.sentence, 'This receipt is not consistent with itself: it was altered after it was issued, so it cannot confirm any charge.');
  assert.doesNotMatch(s.text, /itemHashes|itemsRoot|receiptId/, 'the checker\'s own words stay in the details');

  s = await paste(page, sample('receipt-batch.json'), '');
  assert.equal(s.level, 'consistent');
  assert.equal(s.badge, 'Partly checked');
  assert.equal(s.levelText, 'Level reached: consistent — the receipt agrees with itself, but none of your own lines was compared with it.');
  assert.match(s.text, /none of your charges was compared/);
  assert.match(s.text, /To say more, paste your invoice lines/);
  await page.screenshot({ path: path.join(shots, 'consistent-desktop.png'), fullPage: true });
  await context.close();
});

test('sample proof file on the public ledger: anchored, with network, transaction and consensus time', async () => {
  const b = JSON.parse(sample('bundle-on-ledger.json'));
  const tx = b.ledger.transaction;
  for (const [name, size] of Object.entries(WIDTHS)) {
    const { page, context } = await open(size);
    await page.click('[data-sample="bundleLedger"]');
    const s = await shown(page);
    assert.equal(s.level, 'anchored', JSON.stringify(s));
    assert.equal(s.badge, 'Verified and on the public ledger');
    assert.equal(s.levelText, 'Level reached: anchored — your own lines reproduce the receipt number, and that number is on the public ledger.');
    assert.equal(s.sentence, `Your credit of 100 for top_up (reference inv_2026_0001) is recorded, unaltered, in receipt ${b.root.slice(0, 6)}…${b.root.slice(-4)}.`);
    assert.match(s.ledger, new RegExp(`^It is on the public ledger: Hedera testnet, transaction ${tx.slice(0, 6)}…${tx.slice(-4)}, recorded at 2026-01-01 00:00 UTC \\(consensus time\\)\\. `));
    assert.match(s.ledger, /2 independent sources agree/);
    assert.doesNotMatch(s.text, /Not yet checked/);
    assert.deepEqual(s.root, [b.root]);
    await page.click('#details summary');
    const details = await page.locator('#technical').textContent();
    assert.match(details, /Ledger decision\s*anchored: the root's bytes are in transaction 0x63b0\w+'s call data at offset 36/);
    assert.match(details, /Consensus time\s*2026-01-01T00:00:07\.417203Z/);
    await page.screenshot({ path: path.join(shots, `anchored-${name}.png`), fullPage: true });
    await context.close();
  }
});

test('a proof file whose ledger records were changed is not confirmed; records that do not hold the root say so', async () => {
  const b = JSON.parse(sample('bundle-on-ledger.json'));
  const shortRoot = `${b.root.slice(0, 6)}…${b.root.slice(-4)}`;
  const { page, context } = await open(WIDTHS.phone);
  // A recorded body changed after recording (its recorded SHA-256 kept): the ledger is not
  // asked, and the file is not confirmed, the ledger records named.
  const changed = structuredClone(b);
  changed.ledger.answers[0].body = changed.ledger.answers[0].body.replace('"status":"0x1"', '"status":"0x0"');
  assert.notEqual(JSON.stringify(changed), JSON.stringify(b));
  await page.fill('#receipt', JSON.stringify(changed));
  await page.click('#check');
  let s = await shown(page);
  assert.equal(s.level, 'not_verified', JSON.stringify(s));
  assert.equal(s.badge, 'Not confirmed');
  assert.match(s.text, /The ledger records in the file were changed after they were recorded\./);
  assert.equal(s.ledger, null);
  assert.doesNotMatch(s.text, /on the public ledger:/);
  assert.ok(s.failedFields.includes('ledger.answers[0]'), JSON.stringify(s.failedFields));
  await page.click('#details summary');
  assert.match(await page.locator('#technical').textContent(), /Not checked.*ledger anchor: the ledger was not asked/s);
  // The whole records replaced by answers about another root (digests recomputed, no seal):
  // evidence against the anchor, a failed check; the page says the ledger records do not show
  // the receipt, and that the line itself still reproduces the receipt number.
  const { createHash } = await import('node:crypto');
  const other = structuredClone(b);
  for (const a of other.ledger.answers) {
    a.body = a.body.replaceAll(b.root.slice(2), 'ab'.repeat(32));
    a.bodySha256 = createHash('sha256').update(a.body, 'utf8').digest('hex');
  }
  delete other.seal;
  await page.fill('#receipt', JSON.stringify(other));
  await page.click('#check');
  s = await shown(page);
  assert.equal(s.level, 'not_verified', JSON.stringify(s));
  assert.equal(s.badge, 'Not confirmed');
  assert.match(s.text, new RegExp(`The ledger records in the file do not show receipt ${shortRoot} on the public ledger: they are evidence against it \\(the root's bytes are not a 32-byte word of transaction ${b.ledger.transaction.slice(0, 6)}…${b.ledger.transaction.slice(-4)}'s call data`));
  assert.match(s.text, /The line in the file does reproduce the receipt number; it is the ledger part of the file that fails\./);
  assert.ok(s.failedFields.includes('ledger'), JSON.stringify(s.failedFields));
  assert.ok(!s.failedFields.some((f) => /^(items|root|inclusion)/.test(f ?? '')), JSON.stringify(s.failedFields));
  assert.equal(s.ledger, null);
  const fit = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: innerWidth }));
  assert.ok(fit.doc <= fit.view, `no horizontal scrolling: ${JSON.stringify(fit)}`);
  await page.screenshot({ path: path.join(shots, 'ledger-against-phone.png'), fullPage: true });
  await context.close();
});

test('a changed proof file: not confirmed, the changed part said plainly, the field named in the details', async () => {
  const { page, context } = await open(WIDTHS.phone);
  const changed = structuredClone(bundleOne);
  changed.items[0].delta.delta = -1500;
  const s = await paste(page, JSON.stringify(changed));
  assert.equal(s.level, 'not_verified');
  assert.equal(s.badge, 'Not confirmed');
  assert.match(s.text, /The amount of the charge of \u22121500 for api_call \(reference inv_2026_02_item_001\) was changed after the proof file was written\./);
  assert.ok(s.failedFields.includes('items[0].delta.delta'), JSON.stringify(s.failedFields));
  assert.equal(s.rootMatches, 'true', 'the path drawn is the one the file gives');
  await page.screenshot({ path: path.join(shots, 'changed-phone.png'), fullPage: true });
  await context.close();
});

test('a file chosen or dropped: a proof file verifies; other files get a specific message', async () => {
  const { page, context } = await open();
  await page.setInputFiles('#file', { name: 'proof.json', mimeType: 'application/json', buffer: Buffer.from(sample('bundle-one-charge.json')) });
  let s = await shown(page);
  assert.equal(s.level, 'verified');
  // Dropped on the drop zone.
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    document.querySelector('#drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, sample('bundle-three-charges.json'));
  await page.waitForFunction(() => document.querySelector('#verdict [data-sentence]')?.textContent.startsWith('Your 3 entries'));
  const files = [
    ['invoice.pdf', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n'), 'otherFile', /“invoice\.pdf” is a PDF document\. A proof file is a small text file ending in \.json/],
    ['scan.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'otherFile', /is a PNG image/],
    ['notes.txt', Buffer.from('Dear customer, please find attached'), 'fileNotJson', /starts with “Dear customer, please find att…”/],
    ['answers.json', Buffer.from(repoFile('tests/data/bundles/inputs/ledger-answers.json')), 'otherJsonFile', /recorded answers of the public ledger/],
    ['receipt.json', Buffer.from(sample('receipt-batch.json')), 'receiptFile', /was put in the Receipt box/],
    ['future.json', Buffer.from(repoFile('tests/data/bundles/future/v2.json')), 'newerVersion', /newer version of the checker \(v2\)/],
  ];
  for (const [name, buffer, problem, text] of files) {
    await page.setInputFiles('#file', { name, mimeType: 'application/octet-stream', buffer });
    await page.waitForFunction((p) => document.querySelector('#verdict').dataset.problem === p, problem);
    s = await shown(page);
    assert.match(s.text, text, name);
  }
  assert.match(await page.inputValue('#receipt'), /"results"/, 'the receipt file landed in the Receipt box');
  await context.close();
});

test('pasted text that cannot be checked: a specific, friendly message for each', async () => {
  const { page, context } = await open(WIDTHS.phone);
  const cases = [
    ['', '', 'empty', /Paste the receipt/],
    ['Dear customer, thank you', '', 'notJson', /isn't|is not a receipt or a proof file/i],
    [receiptId, '', 'receiptIdAlone', /names a receipt, but the number alone cannot show what is in it/],
    [sample('invoice-line.json'), '', 'linesInReceiptBox', /looks like an invoice line/],
    ['{"hello": 1}', '', 'otherJson', /not a receipt of the service or a proof file/],
    [sample('receipt-batch.json'), 'line 1: -150 api_call', 'linesNotJson', /invoice lines cannot be read/],
    [sample('receipt-batch.json'), '{"customerId":"cust_northwind","delta":-150}', 'linesIncomplete', /Line 1: "reason" is missing/],
  ];
  for (const [receipt, lines, problem, text] of cases) {
    const s = await paste(page, receipt, lines);
    assert.equal(s.problem, problem, `${receipt.slice(0, 20)}: ${JSON.stringify(s)}`);
    assert.match(s.text, text, problem);
  }
  await page.screenshot({ path: path.join(shots, 'receipt-id-phone.png'), fullPage: true });
  await context.close();
});

test('a receipt number alone: the public record can be looked up when online, not offline', async () => {
  const { page, context } = await open();
  let s = await paste(page, receiptId, sample('invoice-line.json'));
  assert.equal(s.problem, 'receiptIdAlone');
  const button = page.locator('#lookup');
  assert.match(await button.textContent(), new RegExp(`Look up the public record of this receipt at 127\\.0\\.0\\.1:${new URL(api.url).port}`));
  await button.click();
  await page.waitForFunction(() => document.querySelector('#verdict').dataset.state === 'result');
  s = await shown(page);
  assert.equal(s.heading, 'Not confirmed yetOnly a partial check is possible');
  assert.equal(s.level, 'not_verified');
  assert.match(s.text, /Your charge of \u2212150 for api_call \(reference inv_2026_02_item_001\) appears in the public record \(5 entries\)/);
  await context.setOffline(true);
  s = await paste(page, receiptId, '');
  assert.equal(s.problem, 'receiptIdAlone');
  assert.match(s.text, /You are offline, so the public record cannot be looked up now/);
  assert.equal(await page.locator('#lookup').count(), 0);
  await context.close();
});

test('keyboard and screen reader: labelled controls, the file chooser reachable by Tab', async () => {
  const { page, context } = await open();
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, textarea, button')]
    .filter((el) => !(el.labels?.length || el.textContent.trim() || el.getAttribute('aria-label'))).map((el) => el.id));
  assert.deepEqual(unlabelled, []);
  let reached = false;
  for (let i = 0; i < 6 && !reached; i += 1) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.id === 'file');
  }
  assert.ok(reached, 'the file chooser is reached by Tab');
  await page.focus('[data-sample="bundleOne"]');
  await page.keyboard.press('Enter');
  const s = await shown(page);
  assert.equal(s.level, 'verified');
  assert.equal(s.focused, 'result');
  assert.equal(await page.locator('#result').getAttribute('aria-labelledby'), 'result-heading');
  await context.close();
});

test('opened from disk (file://): the single file works, offline', async () => {
  const { page, context } = await open(WIDTHS.phone, pathToFileURL(pagePath).href);
  await context.setOffline(true);
  await page.click('[data-sample="receipt"]');
  const s = await shown(page);
  assert.equal(s.level, 'verified');
  assert.deepEqual(s.item, [bundleOne.items[0].itemHash]);
  await page.screenshot({ path: path.join(shots, 'file-url-phone.png'), fullPage: true });
  await context.close();
});

test('no script errors in any page', () => {
  assert.deepEqual(problems, []);
});
