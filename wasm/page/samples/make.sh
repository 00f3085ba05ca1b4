#!/usr/bin/env bash
# Writes the invoice page's samples from invoice-batch-deltas.json with the command-line
# verifier: a batch response whose item hashes and root are computed by `pacspace-verify`
# (the service's rules), the customer's invoice line, and proof bundles made from them.
# Demonstration data: no service was asked. Run from anywhere; needs cargo.
set -euo pipefail
cd "$(dirname "$0")"
repo=$(cd ../../.. && pwd)
B() { (cd "$repo" && cargo run -q -p pacspace-verify -- "$@"); }
here=$(pwd)
deltas="$here/invoice-batch-deltas.json"
n=$(node -e 'console.log(require(process.argv[1]).length)' "$deltas")
hashes=()
for i in $(seq 0 $((n - 1))); do
    node -e 'console.log(JSON.stringify(require(process.argv[1])[+process.argv[2]]))' "$deltas" "$i" > "$here/.item.json"
    hashes+=("$(B item-hash "$here/.item.json")")
done
rm -f "$here/.item.json"
printf '%s\n' "${hashes[@]}" | node -e 'console.log(JSON.stringify(require("fs").readFileSync(0,"utf8").trim().split("\n")))' > "$here/.hashes.json"
root=$(B root "$here/.hashes.json")
rm -f "$here/.hashes.json"
node - "$deltas" "$root" "${hashes[@]}" > "$here/receipt-batch.json" <<'JS'
const [deltasPath, root, ...hashes] = process.argv.slice(2);
const deltas = require(deltasPath);
const results = deltas.map((d, index) => ({
  index, customerId: d.customerId, delta: d.delta, anchorId: 'anc_2026_02_0007',
  itemHash: hashes[index], receiptId: root, status: 'QUEUED',
}));
const body = { success: true, data: { totalQueued: deltas.length, totalFailed: 0, results,
  _efficiency: { deltasPerAnchor: deltas.length, anchorsSaved: deltas.length - 1 } } };
console.log(JSON.stringify(body, null, 2));
JS
node -e 'console.log(JSON.stringify(require(process.argv[1])[0], null, 2))' "$deltas" > "$here/invoice-line.json"
B bundle create "$here/receipt-batch.json" --items "$deltas" --only 0 > "$here/bundle-one-charge.json"
B bundle create "$here/receipt-batch.json" --items "$deltas" --only 0 --only 1 --only 3 > "$here/bundle-three-charges.json"
# The first line of the repository's sample batch with the recorded ledger answers of
# examples/ledger (a constructed sample: no ledger was asked), which reach "anchored" offline.
B bundle create "$repo/examples/receipts/batch.json" --items "$repo/examples/receipts/batch-deltas.json" --only 0 \
    --ledger-answers "$repo/examples/ledger/answers.json" > "$here/bundle-on-ledger.json"
for f in bundle-one-charge.json bundle-three-charges.json bundle-on-ledger.json; do B bundle verify "$here/$f" | tail -n 1; done
