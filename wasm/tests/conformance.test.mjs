// The repository's conformance suite (conformance/PROTOCOL.md) run through the package's API
// instead of a command line: each case's `cmd` is read as the verb and its arguments and mapped
// to the function that does the same (verify-proof -> verifyProof, receipt -> verifyReceipt,
// webhook -> verifyWebhookDelivery, bundle verify -> verifyBundle, which decides the bundle's
// recorded ledger answers itself). The outcome is judged as the protocol says: a thrown Error
// is bad input (exit 2, level null); otherwise the level reached against `--require` (default
// verified) gives pass/exit 0 or fail/exit 1; the named error must appear in the result as
// `kind`, `reason` or `errorKind`, and the named check must have failed where the result has
// `checks`. Areas the package does not offer are skipped, by name, with the reason printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadPkg, repoRoot } from './helpers.mjs';

const pkg = await loadPkg();
// PACSPACE_CONFORMANCE_CASES: another directory of cases (the minimum counts then do not apply).
const ownSuite = !process.env.PACSPACE_CONFORMANCE_CASES;
const casesDir = process.env.PACSPACE_CONFORMANCE_CASES || path.join(repoRoot, 'conformance/cases');
const LEVELS = ['not_verified', 'consistent', 'verified', 'anchored'];

/** Areas (and verbs) the package does not offer, and why. */
const NOT_OFFERED = {
  chain: 'the package checks one receipt at a time: it offers no chain (JSONL) verification',
  multi: 'the package verifies single inclusion proofs only: it offers no multi-proof verification',
};

/** `cmd`'s verb, its positional FILE and its options (`--flag value`, or `--json` alone). */
function parseCmd(dir, nth = 1) {
  const [verb, ...rest] = readFileSync(path.join(dir, 'cmd'), 'utf8').split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);
  const opts = {};
  const positional = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--json') continue;
    if (a.startsWith('--')) {
      opts[a.slice(2)] = rest[++i];
    } else {
      positional.push(a);
    }
  }
  // The first positional argument is the FILE (for `bundle`, the sub-verb; its FILE is the second).
  return { verb, file: positional[nth - 1] ?? null, opts, extraPositional: positional.length > (verb === 'bundle' ? 2 : 1) };
}

function caseEnv(dir) {
  const env = {};
  const f = path.join(dir, 'env');
  if (!existsSync(f)) return env;
  for (const line of readFileSync(f, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return env;
}

/** Runs one case through the package: the result, or null when the case's area is not offered. */
function run(name, dir) {
  const { verb, file, opts, extraPositional } = parseCmd(dir);
  if (extraPositional) return { skip: `${verb} with more than one FILE` };
  const read = (f) => readFileSync(path.join(dir, f), 'utf8');
  const unknown = (known) => Object.keys(opts).filter((k) => !known.includes(k));
  let call;
  if (verb === 'bundle') {
    // `bundle verify FILE [--require L] --json`: verifyBundle, which decides a bundle's recorded
    // ledger answers itself (level anchored, the decision as `anchor`), as the invoice page shows.
    if (file !== 'verify') return { skip: `bundle ${file}` };
    const extra = unknown(['require']);
    const target = parseCmd(dir, 2).file;
    if (extra.length || !target) return { skip: `bundle verify ${extra.join(' ')}` };
    call = () => pkg.verifyBundle(read(target));
  } else if (verb === 'verify-proof') {
    const text = read(file);
    let parsed = null;
    try { parsed = JSON.parse(text); } catch { /* not JSON: bad input, as the package says */ }
    if (parsed && typeof parsed === 'object' && 'indices' in parsed) return { skip: 'multi' };
    const extra = unknown(['node-encoding', 'expect-root', 'require']);
    if (extra.length) return { skip: `verify-proof ${extra.join(' ')}` };
    call = () => pkg.verifyProof(text, opts['expect-root'] ?? null, opts['node-encoding'] ?? null);
  } else if (verb === 'receipt') {
    const extra = unknown(['items', 'expect-receipt', 'require']);
    if (extra.length) return { skip: `receipt ${extra.join(' ')}` };
    call = () => pkg.verifyReceipt(read(file), opts.items ? read(opts.items) : null, opts['expect-receipt'] ?? null);
  } else if (verb === 'webhook') {
    const extra = unknown(['secret-env', 'signature', 'timestamp', 'now', 'tolerance', 'items', 'expect-receipt', 'require']);
    if (extra.length) return { skip: `webhook ${extra.join(' ')}` };
    const env = caseEnv(dir);
    call = () => {
      const secret = env[opts['secret-env']];
      if (secret === undefined) throw new Error(`--secret-env ${opts['secret-env']}: not set`);
      // A number the command line would refuse is bad input here too.
      const now = /^-?\d+$/.test(opts.now ?? '') ? Number(opts.now) : NaN;
      if (!Number.isSafeInteger(now)) throw new Error(`--now ${opts.now}: not a number of seconds`);
      const headers = { secret, signature: opts.signature, timestamp: opts.timestamp, nowUnixSecs: now };
      if (opts.tolerance !== undefined) {
        if (!/^\d+$/.test(opts.tolerance)) throw new Error(`--tolerance ${opts.tolerance}: not a number of seconds`);
        headers.toleranceSecs = Number(opts.tolerance);
      }
      const body = new Uint8Array(readFileSync(path.join(dir, file)));
      return pkg.verifyWebhookDelivery(body, headers, opts.items ? read(opts.items) : null, opts['expect-receipt'] ?? null);
    };
  } else {
    return { skip: verb };
  }
  const required = opts.require ?? 'verified';
  if (!LEVELS.includes(required)) return { outcome: { exit: 2, verdict: 'fail', level: null } };
  let result;
  try {
    result = call();
  } catch (e) {
    assert.ok(e instanceof Error, `${name}: threw a non-Error ${e}`);
    return { outcome: { exit: 2, verdict: 'fail', level: null, message: e.message } };
  }
  const pass = LEVELS.indexOf(result.level) >= LEVELS.indexOf(required);
  return { outcome: { exit: pass ? 0 : 1, verdict: pass ? 'pass' : 'fail', level: result.level, result } };
}

/** Whether some object anywhere in `v` holds `kind`, `reason` or `errorKind` equal to `name`. */
function names(v, name) {
  if (Array.isArray(v)) return v.some((x) => names(x, name));
  if (v && typeof v === 'object') {
    if (['kind', 'reason', 'errorKind'].some((k) => v[k] === name)) return true;
    return Object.values(v).some((x) => names(x, name));
  }
  return false;
}

test('the conformance suite through the package API', async (t) => {
  const cases = readdirSync(casesDir).filter((n) => existsSync(path.join(casesDir, n, 'cmd'))).sort();
  if (ownSuite) assert.ok(cases.length >= 150, `only ${cases.length} cases`);
  const skipped = new Map();
  let ran = 0;
  let errorsAsserted = 0;
  let checksAsserted = 0;
  for (const name of cases) {
    const dir = path.join(casesDir, name);
    const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8'));
    assert.equal(name.endsWith('_fail'), expected.verdict === 'fail', `${name}: the _fail suffix and the expected verdict disagree`);
    const r = run(name, dir);
    if (r.skip) {
      const area = r.skip in NOT_OFFERED ? r.skip : name.split('_')[0];
      const why = NOT_OFFERED[r.skip] ?? `not offered by the package (${r.skip})`;
      if (!skipped.has(area)) skipped.set(area, { why, n: 0 });
      skipped.get(area).n++;
      continue;
    }
    ran++;
    await t.test(name, () => {
      const got = r.outcome;
      const why = got.message ?? JSON.stringify(got.result?.checks ?? got.result, null, 1);
      assert.equal(got.exit, expected.exit, `${name}: exit (${why})`);
      assert.equal(got.verdict, expected.verdict, name);
      assert.equal(got.level, expected.level, `${name}: level (${why})`);
      if (expected.error !== null && got.result) {
        assert.ok(names(got.result, expected.error), `${name}: the result does not name ${expected.error}: ${why}`);
        errorsAsserted++;
      }
      if (expected.check !== null && got.result?.checks) {
        assert.ok(
          got.result.checks.some((c) => c.name === expected.check && c.outcome === 'fail'),
          `${name}: check ${expected.check} did not fail: ${why}`,
        );
        checksAsserted++;
      }
    });
  }
  for (const [area, { why, n }] of skipped) t.diagnostic(`skipped ${n} ${area} case(s): ${why}`);
  console.log(`conformance: ${ran} of ${cases.length} cases run through the package; ${errorsAsserted} error kinds and ${checksAsserted} failed checks asserted; skipped: ${[...skipped].map(([a, { n }]) => `${a} (${n})`).join(', ') || 'none'}`);
  for (const [area, { why }] of skipped) console.log(`  ${area}: ${why}`);
  if (ownSuite) assert.ok(ran >= 200, `only ${ran} cases ran`);
});
