#!/usr/bin/env bash
# Runs the criterion benches and the merkletreejs peer on the same leaves,
# checks that every root agrees, and prints the ratio table.
#
#   benches/compare.sh                 # full run, a few minutes plus the Node peer
#   SIZES=1024,65536 benches/compare.sh  # Node peer on fewer sizes
#   FILTER=root benches/compare.sh     # only the criterion benches matching FILTER
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/bench-compare
mkdir -p "$out"
sizes=${SIZES:-1024,65536,1048576}

echo "== load before: $(uptime)" | tee "$out/load.txt"
cargo bench --bench merkle --all-features -- ${FILTER:-} | tee "$out/criterion.txt"
echo "== load after criterion: $(uptime)" | tee -a "$out/load.txt"
(
  cd benches/node
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  node bench.mjs --sizes "$sizes"
) | tee "$out/node.jsonl"
echo "== load after node: $(uptime)" | tee -a "$out/load.txt"
node benches/node/table.mjs target/criterion "$out/criterion.txt" "$out/node.jsonl" | tee "$out/table.md"
