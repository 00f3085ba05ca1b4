// The demo page: paste a receipt, verify it with the WebAssembly verifier, show every check.
import init, { verifyReceipt } from './pkg/pacspace_proof_wasm.js';

const $ = (id) => document.getElementById(id);
const VERDICT_TEXT = { verified: 'VERIFIED', notVerified: 'NOT VERIFIED', unverifiable: 'UNVERIFIABLE' };

function describe(check) {
  if (check.outcome === 'pass') return check.detail;
  if (check.outcome === 'notCheckable') return `not checkable: ${check.why}`;
  const { kind, ...fields } = check.failure;
  return `${kind} ${JSON.stringify(fields)}`;
}

function encodingLine(report) {
  const e = report.encoding;
  if (e.finding === 'detected') return `node encoding ${e.value} (detected: it reproduced the root)`;
  if (e.finding === 'undecidable') return `node encoding ${report.nodeEncoding} used; not decidable from ${e.value.leaves} item hash(es)`;
  if (e.finding === 'noneReproduced') return 'none of hex0x, hex, bytes reproduced the root';
  return 'no root recomputed';
}

function list(el, items) {
  el.replaceChildren(...items.map(([cls, text]) => {
    const li = document.createElement('li');
    if (cls) li.className = cls;
    li.textContent = text;
    return li;
  }));
}

function show(verdict, text) {
  $('verdict').dataset.verdict = verdict;
  $('verdict').textContent = text;
}

function run() {
  const receipt = $('receipt').value.trim();
  const submitted = $('submitted').value.trim() || null;
  const stored = $('stored').value.trim() || null;
  try {
    const report = verifyReceipt(receipt, submitted, stored);
    show(report.verdict, `${report.artefact}: ${VERDICT_TEXT[report.verdict]}`);
    $('encoding').textContent = encodingLine(report);
    list($('checks'), report.checks.map((c) => [c.outcome, `${c.name}: ${describe(c)}`]));
    list($('notes'), report.notes.map((n) => ['', `note: ${n}`]));
  } catch (e) {
    show('error', `Cannot read the input: ${e.message}`);
    $('encoding').textContent = '';
    list($('checks'), []);
    list($('notes'), []);
  }
}

await init();
$('verify').addEventListener('click', run);
$('verify').disabled = false;
show('', 'Ready: paste a receipt and press Verify.');
document.body.dataset.ready = 'true';
