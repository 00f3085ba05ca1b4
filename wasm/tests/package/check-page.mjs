// Loads a built page (a Vite dist/ folder) in headless Chromium from 127.0.0.1 and checks
// that it verified its bundle (body[data-level="verified"]) and that the README example
// logged "verified", with no errors. Used by run.sh.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { serve } from '../browser/static-server.mjs';

const dist = process.argv[2];
const server = await serve(dist);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  const logs = [];
  const errors = [];
  page.on('console', (m) => (m.type() === 'error' ? errors : logs).push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.url}index.html`);
  await page.waitForSelector('body[data-level]', { timeout: 30_000 });
  const level = await page.getAttribute('body', 'data-level');
  const out = await page.textContent('#out');
  console.log(`vite page: ${out}`);
  assert.equal(level, 'verified', out);
  assert.ok(logs.includes('verified'), `the README example logged ${JSON.stringify(logs)}`);
  assert.deepEqual(errors, []);
} finally {
  await browser.close();
  await server.close();
}
