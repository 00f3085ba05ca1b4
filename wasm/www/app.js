// The demo page: paste a receipt, verify it with the WebAssembly verifier, show every check.
import init, { verifyReceipt, verifyReceiptText } from './pkg/pacspace_proof_wasm.js';

const $ = (id) => document.getElementById(id);
const VERDICT_TEXT = { verified: 'VERIFIED', notVerified: 'NOT VERIFIED', unverifiable: 'UNVERIFIABLE' };

function show(verdict, banner, details) {
  $('verdict').dataset.verdict = verdict;
  $('verdict').textContent = banner;
  $('report').textContent = details;
}

function run() {
  const receipt = $('receipt').value.trim();
  const submitted = $('submitted').value.trim() || null;
  const stored = $('stored').value.trim() || null;
  try {
    // The report object decides; its text form lists every check with its message.
    const report = verifyReceipt(receipt, submitted, stored);
    const text = verifyReceiptText(receipt, submitted, stored);
    show(report.verdict, `${report.artefact}: ${VERDICT_TEXT[report.verdict]}`, text);
  } catch (e) {
    show('error', `Cannot read the input: ${e.message}`, '');
  }
}

await init();
$('verify').addEventListener('click', run);
$('verify').disabled = false;
show('', 'Ready: paste a receipt and press Verify.', '');
document.body.dataset.ready = 'true';
