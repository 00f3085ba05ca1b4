// What a TypeScript service writes when it canonicalises by rebuilding each
// object with sorted keys and calling JSON.stringify (docs/spec.md, section 14).
// One JSON request per line on standard input: {"text": "<JSON text>"};
// one answer per line on standard output: {"out": "<JSON.stringify result>"}
// or {"err": "<message>"}.
import { createInterface } from 'node:readline';

export function sortRebuild(v) {
  if (Array.isArray(v)) return v.map(sortRebuild);
  if (v !== null && typeof v === 'object') {
    const out = {};
    // Default sort: UTF-16 code units. Assigning "__proto__" sets the
    // prototype (or is ignored): the key disappears, as it does in the service.
    for (const k of Object.keys(v).sort()) out[k] = sortRebuild(v[k]);
    return out;
  }
  return v;
}

const answers = [];
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  try {
    const { text } = JSON.parse(line);
    answers.push(JSON.stringify({ out: JSON.stringify(sortRebuild(JSON.parse(text))) }));
  } catch (e) {
    answers.push(JSON.stringify({ err: String(e && e.message) }));
  }
}
process.stdout.write(answers.length ? answers.join('\n') + '\n' : '');
