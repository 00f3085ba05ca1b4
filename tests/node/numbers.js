// Reads lines from stdin: "b <16 hex digits>" (an IEEE-754 bit pattern) or
// "t <json number text>"; writes String(x) for each, one per line.
// "t" lines go through JSON.parse, as the service parses submitted deltas.
'use strict';
const lines = require('fs').readFileSync(0, 'utf8').split('\n');
const view = new DataView(new ArrayBuffer(8));
const out = [];
for (const line of lines) {
  if (!line) continue;
  const arg = line.slice(2);
  if (line[0] === 'b') {
    view.setBigUint64(0, BigInt('0x' + arg));
    out.push(String(view.getFloat64(0)));
  } else {
    out.push(String(JSON.parse(arg)));
  }
}
process.stdout.write(out.join('\n') + '\n');
