// The picture of how one charge reaches the receipt number: from the charge's fingerprint
// at the bottom, combined with one neighbour per level, up to the receipt number at the
// top. An inline SVG with a text description for screen readers.
import { esc, shortId } from './text.js';

const W = 340;
const BOX_W = 150;
const BOX_H = 42;
const ROW_H = 76;
const LEFT_X = 10;
const RIGHT_X = W - 10 - BOX_W;
const CENTER_X = (W - BOX_W) / 2;

function box(x, y, role, label, hash, extra = '') {
  return `<g data-role="${role}" data-hash="${esc(hash)}"${extra}>` +
    `<rect x="${x}" y="${y}" width="${BOX_W}" height="${BOX_H}"></rect>` +
    `<text class="label" x="${x + 10}" y="${y + 17}">${esc(label)}</text>` +
    `<text class="hash" x="${x + 10}" y="${y + 33}">${esc(shortId(hash))}</text></g>`;
}

function link(x1, y1, x2, y2, cls = '') {
  return `<line${cls ? ` class="${cls}"` : ''} x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}"></line>`;
}

/**
 * SVG markup for `path` (`{index, itemHash, steps: [{sibling, position, padding, node}], reaches}`)
 * against the receipt's `root`; `id` makes the title and description ids unique.
 */
export function pathPicture(path, root, id) {
  const steps = path.steps;
  const levels = steps.length;
  const height = (levels + 1) * ROW_H - (ROW_H - BOX_H) + 20 + (levels === 0 ? 24 : 0);
  const matches = path.reaches === root;
  const parts = [];
  // Top row: the receipt number (the node the last step gives).
  const rootY = 10;
  parts.push(box(CENTER_X, rootY, 'root', matches ? 'Receipt number' : 'Reached (not the receipt)', path.reaches,
    ` data-matches="${matches}"`));
  // Where the on-path node of each row sits: the row above is joined from it.
  let aboveX = CENTER_X;
  for (let r = 1; r <= levels; r += 1) {
    const s = levels - r; // step index: the bottom row is step 0
    const step = steps[s];
    const y = rootY + r * ROW_H;
    const below = s === 0 ? path.itemHash : steps[s - 1].node;
    const ownX = step.position === 'left' ? RIGHT_X : LEFT_X;
    const sibX = step.position === 'left' ? LEFT_X : RIGHT_X;
    const top = y - (ROW_H - BOX_H);
    const parentBottom = top;
    parts.push(link(ownX + BOX_W / 2, y, aboveX + BOX_W / 2, parentBottom));
    parts.push(link(sibX + BOX_W / 2, y, aboveX + BOX_W / 2, parentBottom, 'side'));
    parts.push(s === 0
      ? box(ownX, y, 'item', 'Your charge', below)
      : box(ownX, y, 'path', 'Combined', below));
    parts.push(box(sibX, y, 'sibling', step.padding ? 'Copy (odd count)' : s === 0 ? 'Another entry' : 'Other entries', step.sibling));
    aboveX = ownX;
  }
  if (levels === 0) {
    parts.push(`<text class="label" x="${CENTER_X}" y="${rootY + BOX_H + 18}">Your charge is the only entry.</text>`);
  }
  const desc = levels === 0
    ? `Your charge's fingerprint ${shortId(path.itemHash)} is the receipt number itself: the receipt holds only this entry.`
    : `Your charge's fingerprint ${shortId(path.itemHash)} is combined, level by level, with ${levels} other fingerprint${levels > 1 ? 's' : ''} ` +
      `and reaches ${shortId(path.reaches)}, ${matches ? 'which is the receipt number' : `which is not the receipt number ${shortId(root)}`}.`;
  return `<svg class="path" role="img" viewBox="0 0 ${W} ${height}" aria-labelledby="${id}-t ${id}-d" data-levels="${levels}">` +
    `<title id="${id}-t">How your charge reaches the receipt number</title><desc id="${id}-d">${esc(desc)}</desc>` +
    `${parts.join('')}</svg>`;
}
