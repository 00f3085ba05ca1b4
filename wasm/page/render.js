// Rendering a result: the verdict at the top (level badge, one plain sentence, what is
// missing to say more), the picture of the path, and the technical details folded below.
import {
  LEVEL_BADGE, LEVEL_MEANING, esc, explainFailures, lineText, recordedSentence, shortId, timeText, whatIsMissing,
} from './text.js';
import { pathPicture } from './picture.js';

const $ = (id) => document.getElementById(id);

/** Shows the result section with `verdict` markup and attributes, and moves focus to it. */
export function showResult(verdictHtml, attrs, pictureHtml = '', technicalHtml = '') {
  const v = $('verdict');
  for (const a of ['data-level', 'data-verdict', 'data-state', 'data-problem', 'role']) v.removeAttribute(a);
  for (const [k, val] of Object.entries(attrs)) v.setAttribute(k, val);
  v.innerHTML = verdictHtml;
  $('picture').innerHTML = pictureHtml;
  $('technical').innerHTML = technicalHtml;
  $('details').hidden = !technicalHtml;
  $('details').open = false;
  const section = $('result');
  section.hidden = false;
  section.focus();
}

/** A friendly message for input that cannot be checked. */
export function renderProblem(problem, extraHtml = '') {
  showResult(
    `<h2 id="result-heading">${esc(problem.title)}</h2><p>${esc(problem.text)}</p>${extraHtml}`,
    { 'data-state': 'problem', 'data-problem': problem.code, role: 'alert' },
  );
}

function badge(level, verdict) {
  const text = verdict === 'unverifiable' ? 'Not confirmed yet' : LEVEL_BADGE[level];
  return `<span class="badge" data-badge>${esc(text)}</span>`;
}

/** What the ledger evidence says, for an anchored result: network, transaction, consensus time. */
function ledgerLine(report) {
  const a = report.anchor;
  if (!a || a.verdict !== 'anchored') return '';
  return `<p data-ledger>It is on the public ledger: Hedera ${esc(a.network)}, transaction <code>${esc(shortId(a.tx))}</code>, ` +
    `recorded at ${esc(timeText(a.consensusTime ?? a.consensusTimestamp))} (consensus time). ` +
    `${a.sourcesAnswered > 1 ? `${a.sourcesAnswered} independent sources agree` : 'One source answered'}; their answers are in the file, so this was checked without going online.</p>`;
}

/** "Level reached: verified — …", the level named in words. */
function levelLine(level) {
  return `<p class="level" data-level-text>Level reached: <strong>${esc(level)}</strong> — ${esc(LEVEL_MEANING[level] ?? '')}</p>`;
}

/** The verdict, picture and details of a proof file's report. */
export function renderBundleReport(report, { chosen = 0, onChoose, savable = null, warnings = [] } = {}) {
  const r = report.receipt;
  let body;
  if (report.level === 'verified' || report.level === 'anchored') {
    const when = r.receivedAt ? `<p>The receipt was issued on ${esc(timeText(r.receivedAt))}.</p>` : '';
    body = `<p class="sentence" data-sentence>${esc(recordedSentence(report.items, r.receiptId))}</p>${when}` +
      (report.level === 'anchored' ? ledgerLine(report) : '') +
      `<p>${report.items.length > 1 ? 'Changing any of these lines' : 'Changing this line'}, or any other line of the receipt, would change the receipt number: ${report.items.length > 1 ? 'they are' : 'it is'} exactly what was recorded.</p>` +
      list(whatIsMissing(report));
  } else {
    body = `<p class="sentence" data-sentence>This proof file does not confirm your ${report.items.length > 1 ? 'charges' : 'charge'} in receipt ${esc(shortId(r.receiptId))}.</p>` +
      list(explainFailures(report)) +
      '<p>Ask your vendor for the proof file again; the technical details below name the exact field.</p>';
  }
  body += list(warnings);
  const heading = report.level === 'not_verified' ? 'Not confirmed' : report.items.length > 1 ? 'Your charges are in the receipt' : 'Your charge is in the receipt';
  showResult(
    `<h2 id="result-heading">${badge(report.level, report.verdict)}<br>${esc(heading)}</h2>${levelLine(report.level)}${body}`,
    { 'data-level': report.level, 'data-verdict': report.verdict, 'data-state': 'result' },
    pictureOf(report, chosen),
    technical(report, savable),
  );
  const choices = document.querySelectorAll('input[name="path-choice"]');
  for (const c of choices) c.addEventListener('change', () => onChoose?.(Number(c.value)));
}

function list(lines) {
  return lines.length ? `<ul>${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` : '';
}

function pictureOf(report, chosen) {
  if (!report.paths.length) return '';
  const k = Math.min(chosen, report.paths.length - 1);
  const path = report.paths[k];
  const item = report.items.find((i) => i.index === path.index) ?? report.items[k];
  let choose = '';
  if (report.paths.length > 1) {
    choose = `<fieldset class="choose"><legend>Show the path of</legend>${report.paths.map((p, i) => {
      const it = report.items.find((x) => x.index === p.index);
      return `<label><input type="radio" name="path-choice" value="${i}"${i === k ? ' checked' : ''}> ${esc(it ? lineText(it.delta) : `entry ${p.index + 1}`)}</label>`;
    }).join('')}</fieldset>`;
  }
  return `${choose}<figure><figcaption id="picture-heading"><strong>How your ${esc(item ? lineText(item.delta) : 'charge')} reaches the receipt number</strong></figcaption>` +
    pathPicture(path, report.root, `path-${k}`) +
    '<figcaption>Each entry of the receipt has a fingerprint. Your charge (dark) is combined with the other entries (grey), two at a time, until one fingerprint is left: the receipt number. A changed entry gives a different receipt number.</figcaption></figure>';
}

function facts(rows) {
  return `<dl class="facts">${rows.filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
}

function checksList(checks) {
  const tag = { pass: 'ok', fail: 'FAIL', notCheckable: '--' };
  return `<ul class="checks">${checks.map((c) => {
    const text = c.outcome === 'pass' ? c.detail : c.outcome === 'notCheckable' ? `not checkable: ${c.why}` : failureText(c.failure);
    return `<li data-outcome="${c.outcome}" data-field="${esc(c.field ?? c.name)}"><span class="tag">${tag[c.outcome]}</span> ${esc(c.name)}: ${esc(text)}</li>`;
  }).join('')}</ul>`;
}

function failureText(f) {
  const { kind, field, ...rest } = f;
  return `${kind}${field ? ` (${field})` : ''} ${JSON.stringify(rest)}`;
}

/** The folded technical details of a proof file's report. */
function technical(report, savable) {
  const r = report.receipt;
  const m = report.itemMapping;
  const save = savable ? '<p><button type="button" class="button" id="save-bundle">Save as a proof file</button></p>' : '';
  return save + facts([
    ['Level', report.level],
    ['Verdict', report.verdict],
    ['Format', report.format],
    ['Receipt (receiptId)', r.receiptId],
    ['Root (itemsRoot)', report.root],
    ['From', { emit: 'emit response', batch: 'batch response', deltaStatus: 'delta status answer', verifyAnswer: 'verify-endpoint answer', webhook: 'webhook event' }[r.source] ?? r.source],
    ['anchorId', r.anchorId],
    ['receivedAt', r.receivedAt],
    ['status', r.status],
    ['previousProofHash', r.previousProofHash],
    ['Leaves', String(report.leafCount)],
    ['Node encoding', report.nodeEncoding],
    ['Item mapping', `amount key "${m.amountKey}", absent referenceId ${m.absentReferenceId === 'omit' ? 'omitted' : 'null'}`],
    ['Ledger', report.ledger ? `${report.ledger.network}, transaction ${report.ledger.transaction}, ${report.ledger.answers.length} recorded answer(s)` : ''],
    ['Ledger decision', report.anchor ? `${report.anchor.verdict}${report.anchor.finding ? `: ${report.anchor.finding}` : ''}` : ''],
    ['Consensus time', report.anchor?.consensusTime],
    ['Sent to', report.anchor?.to],
  ]) + '<h3>Checks</h3>' + checksList(report.checks) +
    (report.anchor?.checks ? `<h3>Ledger checks</h3><ul class="checks">${report.anchor.checks.map((c) => `<li data-outcome="${esc(c.outcome)}"><span class="tag">${{ pass: 'ok', fail: 'FAIL', notChecked: '--' }[c.outcome] ?? c.outcome}</span> ${esc(c.name)}: ${esc(c.detail)}</li>`).join('')}</ul>` : '') +
    (report.notChecked.length ? `<h3>Not checked</h3>${list(report.notChecked)}` : '') +
    (report.notes.length ? `<h3>Notes</h3>${list(report.notes)}` : '') +
    `<h3>Full report</h3><pre class="raw">${esc(JSON.stringify(report, null, 2))}</pre>`;
}

/** The verdict and details of a receipt checked without a proof file (no line placed). */
export function renderReceiptReport(report, { sentence, reasons = [], missing = [], note = '' }) {
  const level = report.level;
  showResult(
    `<h2 id="result-heading">${badge(level, report.verdict)}<br>${esc(sentence.heading)}</h2>` +
      `${levelLine(level)}<p class="sentence" data-sentence>${esc(sentence.text)}</p>${list(reasons)}${list(missing)}`,
    { 'data-level': level, 'data-verdict': report.verdict, 'data-state': 'result' },
    '',
    facts([
      ['Level', level],
      ['Verdict', report.verdict],
      ['Artefact', report.artefact],
      ['Node encoding', report.nodeEncoding],
      ['The checker says', note],
    ]) + '<h3>Checks</h3>' + checksList(report.checks) +
      (report.notChecked.length ? `<h3>Not checked</h3>${list(report.notChecked)}` : '') +
      `<h3>Full report</h3><pre class="raw">${esc(JSON.stringify(report, null, 2))}</pre>`,
  );
}
