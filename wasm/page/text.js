// Plain-language wording of the invoice page: amounts, receipt numbers, levels and
// what went wrong, in words a customer reading an invoice uses. The words of the
// implementation (emit, node encoding, item mapping, hashes) stay in the folded details.

/** Text for HTML. */
export function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** A receipt number as people read it: `0x94e9…565c`. */
export function shortId(id) {
  const s = String(id ?? '');
  return /^0x[0-9a-f]{64}$/i.test(s) ? `${s.slice(0, 6)}…${s.slice(-4)}` : s;
}

/** Any long hash shortened as people read it: `0x63b0…87a8`. */
function shortHash(h) {
  return `${h.slice(0, 6)}…${h.slice(-4)}`;
}

/** `−150` (a true minus sign) or `20`. */
export function amountText(n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return String(n);
  return n < 0 ? `\u2212${String(-n)}` : String(n);
}

/** The amount of a delta as submitted (`delta` or `amount`). */
export function amountOf(delta) {
  return typeof delta?.delta === 'number' ? delta.delta : delta?.amount;
}

/** "charge of −150 for api_call (reference inv_…)" / "credit of 20 for refund". */
export function lineText(delta) {
  const n = amountOf(delta);
  const kind = n < 0 ? 'charge' : n > 0 ? 'credit' : 'entry';
  const ref = delta?.referenceId ? ` (reference ${delta.referenceId})` : '';
  return `${kind} of ${amountText(n)} for ${delta?.reason ?? 'an unnamed reason'}${ref}`;
}

function listWords(parts) {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** "2026-01-01 00:00 UTC" from an ISO time, or the text as given. */
export function timeText(t) {
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? String(t) : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The sentence at the top of a verified result. */
export function recordedSentence(items, receiptId) {
  const lines = items.map((i) => lineText(i.delta));
  if (lines.length === 1) {
    return `Your ${lines[0]} is recorded, unaltered, in receipt ${shortId(receiptId)}.`;
  }
  return `Your ${lines.length} entries — ${listWords(lines.map((l) => `a ${l}`))} — are recorded, unaltered, in receipt ${shortId(receiptId)}.`;
}

export const LEVEL_BADGE = {
  anchored: 'Verified and on the public ledger',
  verified: 'Verified',
  consistent: 'Partly checked',
  not_verified: 'Not confirmed',
};

/** What each level means, in the words of the page. */
export const LEVEL_MEANING = {
  anchored: 'your own lines reproduce the receipt number, and that number is on the public ledger.',
  verified: 'your own lines reproduce the receipt number.',
  consistent: 'the receipt agrees with itself, but none of your own lines was compared with it.',
  not_verified: 'a check failed, or nothing could be checked.',
};

const DELTA_WORDS = {
  delta: 'amount', amount: 'amount', reason: 'description', referenceId: 'reference',
  customerId: 'customer', metadata: 'details',
};
const RECEIPT_WORDS = {
  receiptId: 'number', anchorId: 'anchor reference', receivedAt: 'date', status: 'status',
  source: 'origin', previousProofHash: 'link to the previous receipt',
};

/** One plain sentence for a failure of a proof file, from the field it names and its kind. */
export function explainFailure(failure, report) {
  const { field, kind } = failure;
  const items = report?.items;
  const line = (k) => {
    const item = items?.[k];
    return item ? `the ${lineText(item.delta)}` : `line ${k + 1}`;
  };
  let m = /^items\[(\d+)\]\.delta\.(\w+)/.exec(field);
  if (m) {
    const word = DELTA_WORDS[m[2]] ?? 'details';
    return `The ${word} of ${line(+m[1])} was changed after the proof file was written.`;
  }
  m = /^items\[(\d+)\]\.delta$/.exec(field);
  if (m) return `${capital(line(+m[1]))} is not what was recorded: it was changed after the receipt was made.`;
  m = /^receipt\.(\w+)/.exec(field);
  if (m) return `The receipt's ${RECEIPT_WORDS[m[1]] ?? 'details'} in the file was changed after the file was written.`;
  if (kind === 'notAnchored') {
    // The ledger was asked (from the records in the file) and answered against the receipt.
    const failed = (report?.anchor?.checks ?? []).filter((c) => c.outcome === 'fail').map((c) => c.detail);
    // Long hashes as people read them (0x63b0…87a8), so the sentence fits a phone.
    const why = (failed.length ? failed.join('; ') : failure.reason ?? '').replace(/0x[0-9a-fA-F]{64,}/g, shortHash);
    return `The ledger records in the file do not show receipt ${shortId(report?.receipt?.receiptId)} on the public ledger: they are evidence against it${why ? ` (${why})` : ''}. Ask your vendor which ledger transaction holds this receipt.`;
  }
  if (kind === 'ledgerField') return 'The ledger records in the file name a network or transaction that cannot be read, so the public ledger was not checked.';
  if (field.startsWith('ledger')) return 'The ledger records in the file were changed after they were recorded.';
  if (field.startsWith('seal')) return "The file's record of its own contents was changed.";
  if (field === 'format') return 'The file does not say which version of proof file it is.';
  return 'The link between your charges and the receipt is broken: the proof data in the file was altered or damaged.';
}

function capital(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Plain sentences for a proof file's failures, without repeats. */
export function explainFailures(report) {
  const failures = report.checks.filter((c) => c.outcome === 'fail').map((c) => c.failure);
  const out = [...new Set(failures.map((f) => explainFailure(f, report)))];
  // Only the ledger part failed: the lines themselves still reproduce the receipt number.
  const passed = (basis) => report.checks.some((c) => c.outcome === 'pass' && basis.includes(c.basis));
  if (failures.length && failures.every((f) => f.field.startsWith('ledger')) && passed(['ownItem']) && passed(['root', 'ownRoot'])) {
    out.push(`${report.items.length > 1 ? 'The lines in the file do' : 'The line in the file does'} reproduce the receipt number; it is the ledger part of the file that fails.`);
  }
  return out;
}

/** What is missing to say more, for a level below "anchored". */
export function whatIsMissing(report) {
  if (report.level !== 'verified') return [];
  const a = report.anchor;
  if (!report.ledger) {
    return ['Not yet checked: that the receipt is published on the public ledger. The file does not include the ledger records; your vendor can add them.'];
  }
  if (a?.verdict === 'undetermined') {
    return [`Not checked: the public ledger. The file's ledger records are not enough to decide (${a.sourcesAnswered} of the ${a.minSources} sources needed answered).` +
      (a.lookUpByHand ? ` To check by hand: ${a.lookUpByHand}.` : '')];
  }
  return ['Not yet checked: that the receipt is published on the public ledger.'];
}

/** The bundle's error, thrown by the checker, in plain words. */
export function bundleProblem(message) {
  if (/newer version/.test(message)) {
    const v = /version (v\d+(\.\d+)?)/.exec(message)?.[1] ?? 'a newer version';
    return {
      code: 'newerVersion',
      title: 'This proof file is newer than this page',
      text: `It was made by a newer version of the checker (${v}); this page reads version 1 files. Open the latest version of this page.`,
    };
  }
  if (/looks like a receipt/.test(message)) {
    return {
      code: 'receiptNotBundle',
      title: 'This is a receipt, not a proof file',
      text: 'Paste it in the Receipt box below, with the invoice lines to check.',
    };
  }
  if (/not valid JSON/.test(message)) return notJson('');
  return {
    code: 'notBundle',
    title: 'This file is not a proof file this page can read',
    text: `The checker says: ${message}`,
  };
}

/** Text that is not JSON at all. */
export function notJson(text) {
  const start = String(text).trim().slice(0, 30);
  return {
    code: 'notJson',
    title: 'This is not a receipt or a proof file',
    text: `A receipt or proof file is structured text that starts with “{”.${start ? ` What was given starts with “${start}${String(text).trim().length > 30 ? '…' : ''}”.` : ''} Copy the receipt exactly as your vendor gave it, or choose the proof file.`,
  };
}

/** A receipt number given alone. */
export function receiptIdAlone(id) {
  return {
    code: 'receiptIdAlone',
    title: 'That is a receipt number on its own',
    text: `“${shortId(id)}” names a receipt, but the number alone cannot show what is in it. To check a charge you need the receipt itself (the text your vendor gave you) with your invoice lines, or the proof file.`,
  };
}

/** Names of common file kinds, from their first bytes. */
export function fileKind(bytes, name) {
  const b = bytes;
  const starts = (...xs) => xs.every((x, i) => b[i] === x);
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'a PDF document';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'a PNG image';
  if (starts(0xff, 0xd8, 0xff)) return 'a JPEG image';
  if (starts(0x47, 0x49, 0x46)) return 'a GIF image';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return /\.(docx|xlsx|odt|ods)$/i.test(name) ? 'an office document' : 'a ZIP archive';
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'an office document';
  if (b.slice(0, 512).some((x) => x === 0)) return 'a binary file';
  return null;
}
