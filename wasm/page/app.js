// The invoice customer's page: a proof file (dropped, chosen or pasted), or a receipt and
// the invoice lines, checked by the WebAssembly verifier in this page. Every input that
// cannot be checked gets a specific, friendly message.
import {
  bundleProblem, esc, fileKind, lineText, notJson, receiptIdAlone, shortId,
} from './text.js';
import { renderBundleReport, renderProblem, renderReceiptReport } from './render.js';

const DEFAULT_API = 'https://balance-api.pacspace.io';
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const RECEIPT_KEYS = ['results', 'itemHashes', 'proofRoot', 'records', 'verified', 'contentHash', 'proofHash', 'receiptId', 'txHash', 'deltaCount'];

/** What a text is: a proof file, a receipt, a receipt number, an invoice line, … */
export function classify(text) {
  const t = String(text).trim();
  if (!t) return { kind: 'empty' };
  const id = t.replace(/^"(.*)"$/, '$1');
  if (/^0x[0-9a-fA-F]{64}$/.test(id) || /^(rcpt|chk)_[A-Za-z0-9_-]+$/.test(id)) return { kind: 'receiptId', id };
  let v;
  try {
    v = JSON.parse(t);
  } catch {
    return { kind: 'notJson' };
  }
  const looksLikeLine = (x) => x && typeof x === 'object' && typeof x.customerId === 'string' && ('delta' in x || 'amount' in x);
  if (Array.isArray(v)) return v.length && v.every(looksLikeLine) ? { kind: 'lines' } : { kind: 'otherJson' };
  if (!v || typeof v !== 'object') return { kind: 'otherJson' };
  if (typeof v.format === 'string') {
    if (v.format.startsWith('pacspace-proof-bundle/')) return { kind: 'bundle' };
    if (v.format.startsWith('pacspace-ledger-answers/')) return { kind: 'ledgerAnswers' };
    return { kind: 'otherJson' };
  }
  const payload = v.data && typeof v.data === 'object' ? v.data : v;
  if ('event' in v || RECEIPT_KEYS.some((k) => k in payload)) return { kind: 'receipt', value: v };
  if (looksLikeLine(v)) return { kind: 'lines' };
  return { kind: 'otherJson' };
}

/** Keys sorted at every level, to compare two lines as data. */
function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export function startPage(api, samples) {
  const $ = (id) => document.getElementById(id);
  const apiBase = new URLSearchParams(location.search).get('api') || DEFAULT_API;
  let current = null; // { report, savable } of the last proof-file result, for the path chooser

  function showBundle(report, savable = null, warnings = []) {
    current = { report, savable, warnings };
    draw(0);
  }

  function draw(chosen) {
    renderBundleReport(current.report, { chosen, savable: current.savable, warnings: current.warnings, onChoose: draw });
    const save = $('save-bundle');
    if (save) save.addEventListener('click', () => download(current.savable));
  }

  function download(bundle) {
    const blob = new Blob([`${JSON.stringify(bundle, null, 2)}\n`], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `proof-${String(bundle.receipt.receiptId).slice(0, 10)}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  /** Parses the invoice lines box: null when empty. */
  function readLines(text) {
    const t = text.trim();
    if (!t) return null;
    try {
      const v = JSON.parse(t);
      const lines = Array.isArray(v) ? v : [v];
      if (lines.every((l) => l && typeof l === 'object' && !Array.isArray(l))) return lines;
    } catch { /* explained below */ }
    throw {
      code: 'linesNotJson',
      title: 'The invoice lines cannot be read',
      text: 'Copy them exactly as written in your invoice\'s proof section: each line starts with “{” and ends with “}”, several lines go between “[” and “]”.',
    };
  }

  function checkBundle(text, lines) {
    let report;
    try {
      report = api.verifyBundle(text);
    } catch (e) {
      renderProblem(bundleProblem(e.message));
      return;
    }
    const warnings = [];
    for (const line of lines ?? []) {
      if (!report.items.some((i) => canonical(i.delta) === canonical(line))) {
        warnings.push(`The invoice line you entered (${lineText(line)}) is not one of the lines in this proof file.`);
      }
    }
    showBundle(report, null, warnings);
  }

  function checkReceipt(receiptText, lines) {
    if (!lines) {
      let report;
      try {
        report = api.verifyReceipt(receiptText);
      } catch (e) {
        renderProblem({ code: 'notReceipt', title: 'The Receipt box does not hold a receipt this page can read', text: `The checker says: ${e.message}` });
        return;
      }
      const missing = ['To say more, paste your invoice lines in the box below the receipt, or use the proof file from your vendor.'];
      const sentence = report.level === 'not_verified' && report.verdict === 'notVerified'
        ? { heading: 'Not confirmed', text: 'This receipt is not consistent with itself: it was altered after it was issued.' }
        : report.verdict === 'unverifiable'
          ? { heading: 'Nothing could be checked yet', text: 'This receipt does not carry what is needed to recompute its receipt number.' }
          : { heading: 'The receipt is consistent', text: 'The receipt agrees with itself, but none of your charges was compared with it.' };
      renderReceiptReport(report, { sentence, missing });
      return;
    }
    let bundle;
    try {
      bundle = api.createBundle(receiptText, lines, { createdBy: 'pacspace-proof invoice page' });
    } catch (e) {
      explainReceiptFailure(receiptText, lines, e.message);
      return;
    }
    showBundle(api.verifyBundle(bundle), bundle);
  }

  /** A receipt and lines that could not be made into a proof: say why, plainly. */
  function explainReceiptFailure(receiptText, lines, message) {
    let report = null;
    try {
      report = api.verifyReceipt(receiptText, lines);
    } catch (e) {
      if (/^submitted delta|submitted deltas/.test(e.message)) {
        renderProblem({ code: 'linesIncomplete', title: 'An invoice line is incomplete', text: `${e.message.replace(/^submitted delta (\d+)/, (_, k) => `Line ${+k + 1}`)}. Each line needs the customer, the amount (“delta”) and the description (“reason”).` });
      } else {
        renderProblem({ code: 'notReceipt', title: 'The Receipt box does not hold a receipt this page can read', text: `The checker says: ${e.message}` });
      }
      return;
    }
    const m = /^delta (\d+) hashes to/.exec(message);
    const failed = /^delta (\d+) was FAILED by the service \((.*)\)/.exec(message);
    let sentence;
    let reasons = [];
    if (m) {
      const line = lines[+m[1]];
      sentence = { heading: 'Not in this receipt', text: `Your ${lineText(line)} is not in receipt ${shortId(receiptId(report, receiptText))}.` };
      reasons = ['Check that the amount, description and reference are exactly as on the invoice. If they are, this receipt does not contain the charge: ask your vendor which receipt does.'];
    } else if (failed) {
      sentence = { heading: 'Not recorded', text: `The service did not record your ${lineText(lines[+failed[1]])}: it reported an error (${failed[2]}).` };
    } else if (report.artefact === 'verifyAnswer') {
      sentence = { heading: 'Only a partial check is possible', text: 'The public record of a receipt can be compared with all of its lines, not with one line alone.' };
      reasons = recordsComparison(receiptText, lines);
    } else if (/no root to prove against/.test(message)) {
      sentence = { heading: 'This receipt cannot prove charges', text: 'It carries no receipt number that the lines could be checked against.' };
    } else if (receiptAltered(receiptText)) {
      sentence = { heading: 'Not confirmed', text: 'This receipt is not consistent with itself: it was altered after it was issued, so it cannot confirm any charge.' };
    } else {
      sentence = { heading: 'Not confirmed', text: 'The receipt and your invoice lines do not match.' };
      reasons = ['Check that the lines are exactly as in the invoice\'s proof section.'];
    }
    // Nothing was confirmed; a public record compared line by line is not a failure either.
    const partial = report.artefact === 'verifyAnswer' && !m && !failed;
    const shown = { ...report, level: 'not_verified', verdict: partial ? 'unverifiable' : 'notVerified' };
    renderReceiptReport(shown, { sentence, reasons, note: message });
  }

  /** Whether the receipt alone fails its own checks. */
  function receiptAltered(text) {
    try {
      return api.verifyReceipt(text).verdict === 'notVerified';
    } catch {
      return false;
    }
  }

  function receiptId(report, text) {
    try {
      const v = JSON.parse(text);
      const d = v.data ?? v;
      return d.receiptId ?? d.results?.find((r) => r.receiptId)?.receiptId ?? d.proofRoot ?? d.proof?.proofHash ?? '';
    } catch {
      return '';
    }
  }

  /** Whether each line appears among a verify answer's records (amount, reason, reference). */
  function recordsComparison(text, lines) {
    let records = [];
    try {
      const v = JSON.parse(text);
      records = (v.data ?? v).records ?? [];
    } catch { /* no records */ }
    return lines.map((l) => {
      const amount = typeof l.delta === 'number' ? l.delta : l.amount;
      const found = records.some((r) => r.amount === amount && r.reason === l.reason && (r.referenceId ?? null) === (l.referenceId ?? null));
      return `Your ${lineText(l)} ${found ? 'appears' : 'does not appear'} in the public record (${records.length} entries). Ask your vendor for the proof file to check it fully.`;
    });
  }

  function lookupOffer(id) {
    const host = (() => { try { return new URL(apiBase).host; } catch { return apiBase; } })();
    if (!navigator.onLine) {
      return '<p data-offer="offline">You are offline, so the public record cannot be looked up now.</p>';
    }
    return `<p><button type="button" class="button" id="lookup" data-id="${esc(id)}">Look up the public record of this receipt at ${esc(host)}</button></p>`;
  }

  async function lookup(id) {
    const button = $('lookup');
    if (button) button.disabled = true;
    try {
      const res = await fetch(`${apiBase.replace(/\/$/, '')}/api/v1/verify/${encodeURIComponent(id)}`, { headers: { accept: 'application/json' } });
      const text = await res.text();
      if (!res.ok) throw new Error(`the service answered ${res.status}`);
      $('receipt').value = JSON.stringify(JSON.parse(text), null, 2);
      run();
    } catch (e) {
      renderProblem({ code: 'lookupFailed', title: 'The public record could not be looked up', text: `${e.message}. Ask your vendor for the receipt or the proof file.` });
    }
  }

  /** The paste form: a proof file, or a receipt with optional lines. */
  function run() {
    const text = $('receipt').value;
    let lines;
    try {
      lines = readLines($('lines').value);
    } catch (problem) {
      renderProblem(problem);
      return;
    }
    const c = classify(text);
    switch (c.kind) {
      case 'empty':
        renderProblem({ code: 'empty', title: 'Nothing to check yet', text: 'Paste the receipt in the Receipt box (with your invoice lines below it), or choose a proof file.' });
        return;
      case 'receiptId': {
        const p = receiptIdAlone(c.id);
        renderProblem(p, lookupOffer(c.id));
        $('lookup')?.addEventListener('click', () => lookup(c.id));
        return;
      }
      case 'notJson':
        renderProblem(notJson(text));
        return;
      case 'bundle':
        checkBundle(text, lines);
        return;
      case 'receipt':
        checkReceipt(text, lines);
        return;
      case 'lines':
        renderProblem({ code: 'linesInReceiptBox', title: 'That looks like an invoice line, not a receipt', text: 'Put the invoice lines in the “Invoice lines to check” box; the Receipt box takes the receipt your vendor gave you.' });
        return;
      case 'ledgerAnswers':
        renderProblem({ code: 'ledgerAnswers', title: 'These are ledger records, not a receipt', text: 'This text holds recorded answers of the public ledger. Check the proof file or the receipt instead; your vendor can add these records to the proof file.' });
        return;
      default:
        renderProblem({ code: 'otherJson', title: 'This is not a receipt or a proof file', text: 'The text is structured data, but not a receipt of the service or a proof file. Copy the receipt exactly as your vendor gave it, or choose the proof file.' });
    }
  }

  /** A chosen or dropped file. */
  async function openFile(file) {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      renderProblem({ code: 'tooLarge', title: 'This file is too large to be a proof file', text: `“${file.name}” is ${Math.round(file.size / 1024)} KB; a proof file is a few KB of text. Choose the .json file your vendor sent.` });
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const kind = fileKind(bytes, file.name);
    if (kind) {
      renderProblem({ code: 'otherFile', title: 'This file is not a proof file', text: `“${file.name}” is ${kind}. A proof file is a small text file ending in .json that your vendor gives you with the invoice.` });
      return;
    }
    const text = new TextDecoder().decode(bytes);
    const c = classify(text);
    if (c.kind === 'bundle') {
      checkBundle(text, null);
    } else if (c.kind === 'receipt') {
      $('receipt').value = text;
      renderProblem({ code: 'receiptFile', title: 'This file is a receipt, not a proof file', text: `“${file.name}” was put in the Receipt box. Add your invoice lines below it and press Check.` });
    } else if (c.kind === 'notJson' || c.kind === 'empty') {
      renderProblem({ ...notJson(text), code: 'fileNotJson', title: `“${file.name}” is not a proof file` });
    } else {
      renderProblem({ code: 'otherJsonFile', title: `“${file.name}” is not a proof file`, text: c.kind === 'ledgerAnswers' ? 'It holds recorded answers of the public ledger, not the proof of a charge.' : 'It holds structured data, but not a proof file or a receipt of the service.' });
    }
  }

  $('check').addEventListener('click', run);
  $('file').addEventListener('change', () => openFile($('file').files[0]));
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    openFile(e.dataTransfer?.files?.[0]);
  });
  for (const b of document.querySelectorAll('[data-sample]')) {
    b.addEventListener('click', () => {
      const which = b.dataset.sample;
      if (which === 'receipt') {
        $('receipt').value = samples.receipt;
        $('lines').value = samples.line;
        run();
      } else {
        $('receipt').value = '';
        $('lines').value = '';
        checkBundle(samples[which], null);
      }
    });
  }
  $('status').textContent = '';
  document.body.dataset.ready = 'true';
}
