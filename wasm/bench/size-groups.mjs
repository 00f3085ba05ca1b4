// Groups the items of a WebAssembly module that keeps its function names by what they do, for
// the "Size" table of README.md. Reads `twiggy top -n 100000 -f csv` output; each item's
// shallow size (bytes before gzip) goes to the first group whose pattern matches its name;
// the name sections themselves are left out (the shipped module has none).
//   bench/size-names.sh                      (builds target/size/named.wasm, runs this)
//   twiggy top -n 100000 -f csv named.wasm | node bench/size-groups.mjs
import { readFileSync } from 'node:fs';

/** [label, pattern]: the first match wins, so narrower groups come first. */
const GROUPS = [
  ['wasm-bindgen export shims (wasm-opt inlines callees into them)', /shim|wasm_bindgen|__wbg|__wbindgen|externref|js_sys/],
  [
    'serde derive on wire types (artefacts, bundles, ledger answers)',
    /serde.*pacspace_proof.*::(wire|answers|recorded|evidence|format|source)|pacspace_proof.*::(wire|answers)::.*serde|Deserialize.*pacspace_proof|pacspace_proof.*(Serialize|Deserialize|__Visitor|__Field)/,
  ],
  ['ledger decision (decideAnchor; verifyBundle with ledger answers)', /pacspace_proof[^:]*::ledger::|anchor_ops/],
  ['bundle create (createBundle)', /pacspace_proof[^:]*::bundle::create|bundle_ops.*create/],
  ['bundle verify and read (verifyBundle)', /pacspace_proof[^:]*::bundle::|bundle_ops/],
  ['near-miss diagnostics (SHA3-256)', /near_miss|sha3/],
  ['receipt verification (artefacts, checks, report, text)', /pacspace_proof[^:]*::receipt::|Failure|Report/],
  ['webhook signatures (HMAC-SHA256), SHA-256', /sha2|hmac|signature|digest|block_buffer/],
  ['serde_json (parser, Value, writer)', /serde_json|serde_core|serde\[/],
  ['core::fmt, float formatting and parsing', /core[^:]*::fmt|ryu|dec2flt|flt2dec|num::/],
  ['canonical JSON', /pacspace_proof[^:]*::canonical::/],
  ['Keccak-256, items, tree, proofs', /keccak|pacspace_proof[^:]*::(hashing|item|tree)::|pacspace_keccak/],
  ['the wasm crate (argument and JSON glue)', /pacspace_proof_wasm/],
  ['allocator, collections, sorting', /dlmalloc|alloc\[|alloc::|sort|btree|collections/],
  ['data segments (strings, tables)', /data segment/],
  ['other library code', /pacspace_proof/],
];
const OTHER = 'other (std, core, tables, types)';

/** One CSV line's fields (twiggy quotes names with commas and doubles inner quotes). */
function fields(line) {
  const out = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      cur += '"';
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  out.push(cur);
  return out;
}

const lines = readFileSync(process.argv[2] ?? 0, 'utf8').split('\n').filter(Boolean).slice(1);
const totals = new Map();
let names = 0;
for (const line of lines) {
  const [name, shallow] = fields(line);
  const bytes = Number(shallow);
  if (/^"?(function|local|global|data|type|module) names"? subsection|^"name" section|custom section/.test(name)) {
    names += bytes;
    continue;
  }
  const group = GROUPS.find(([, re]) => re.test(name))?.[0] ?? OTHER;
  totals.set(group, (totals.get(group) ?? 0) + bytes);
}
const all = [...totals.values()].reduce((a, b) => a + b, 0);
console.log(`${all} B of code and data (${names} B of name sections left out)\n`);
console.log('| what | bytes before gzip | share |\n|---|---|---|');
for (const [group, bytes] of [...totals].sort((a, b) => b[1] - a[1])) {
  console.log(`| ${group} | ${bytes.toLocaleString('en').replace(/,/g, ' ')} | ${((100 * bytes) / all).toFixed(1)} % |`);
}
