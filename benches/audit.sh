#!/usr/bin/env bash
# The audit benchmark (not a timed test): `pacspace-verify audit` on a
# generated export of N submitted deltas and their delta.verified webhooks
# (batches of 1-100 items), side by side with a Python peer written the way
# an auditor would without this tool (benches/peer/audit_peer.py: json +
# pycryptodome's Keccak, the same checks); and `pacspace-verify chain` on
# CHAIN_LINES webhooks in batches of CHAIN_BATCH against its Python peer.
# Wall time, throughput and peak RSS come from /usr/bin/time -v; "1 core"
# and "2 cores" are the same run pinned with taskset. Ours: best of REPEAT
# runs; the peers: one run. The peers' results are compared with ours.
#
#   benches/audit.sh                   # N=1000000: ~5.5 GB of webhooks; the peer takes many minutes
#   N=100000 REPEAT=1 benches/audit.sh # a quick look
#   PEERS=reuse benches/audit.sh       # ours again, the peers' last results kept
#
# Output: target/bench-audit/table.md, raw outputs beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
CHAIN_LINES=${CHAIN_LINES:-100000}
CHAIN_BATCH=${CHAIN_BATCH:-10}
REPEAT=${REPEAT:-3}
out=target/bench-audit
data=$out/data-$N-$CHAIN_LINES-$CHAIN_BATCH
mkdir -p "$out"

if [ ! -x /usr/bin/time ]; then
  apt-get install -y time >/dev/null
fi
cargo build --release -q -p pacspace-verify
cargo build --release -q --example audit_bench
if [ ! -f "$data/.complete" ]; then
  target/release/examples/audit_bench "$data" "$N" "$CHAIN_LINES" "$CHAIN_BATCH"
  touch "$data/.complete"
fi
if [ ! -x "$out/venv/bin/python" ]; then
  python3 -m venv "$out/venv"
  "$out/venv/bin/pip" install -q pycryptodome==4.4.0
fi
py=$out/venv/bin/python
bin=target/release/pacspace-verify
deltas=$data/deltas.jsonl
hooks=$data/webhooks.jsonl
chain=$data/chain.jsonl

# run LABEL CMD...: CMD under /usr/bin/time -v, stdout to LABEL.out, the
# measurements to LABEL.time; the exit code is kept in LABEL.code.
run() {
  local label=$1
  shift
  set +e
  /usr/bin/time -v "$@" >"$out/$label.out" 2>"$out/$label.time"
  echo $? >"$out/$label.code"
  set -e
}
field() { awk -F': ' -v k="$2" '$1 ~ k {print $2}' "$out/$1.time" | tail -1; }
wall() { field "$1" 'Elapsed \\(wall clock\\)' | awk -F: '{s=0; for(i=1;i<=NF;i++) s=s*60+$i; printf "%.2f", s}'; }
rss_mb() { field "$1" 'Maximum resident set size' | awk '{printf "%.0f", $1/1024}'; }
cpu() { echo "$(field "$1" 'User time') $(field "$1" 'System time')" | awk '{printf "%.2f", $1+$2}'; }
# best LABEL CMD...: REPEAT runs, keeps the fastest as LABEL.
best() {
  local label=$1
  shift
  local keep=""
  for i in $(seq "$REPEAT"); do
    run "$label.$i" "$@"
    if [ -z "$keep" ] || awk -v a="$(wall "$label.$i")" -v b="$(wall "$keep")" 'BEGIN{exit !(a<b)}'; then
      keep=$label.$i
    fi
  done
  for ext in out time code; do cp "$out/$keep.$ext" "$out/$label.$ext"; done
}

echo "== load before: $(uptime)" | tee "$out/load.txt"
best audit_2 taskset -c 0,1 "$bin" audit --deltas "$deltas" --receipts "$hooks" --json
best audit_1 taskset -c 0 "$bin" audit --deltas "$deltas" --receipts "$hooks" --json
best chain_2 taskset -c 0,1 "$bin" chain "$chain" --json
best chain_1 taskset -c 0 "$bin" chain "$chain" --json
echo "== load after ours: $(uptime)" | tee -a "$out/load.txt"
if [ "${PEERS:-run}" != reuse ] || [ ! -f "$out/audit_peer.time" ]; then
  run chain_peer taskset -c 0 "$py" benches/peer/chain_peer.py "$chain"
  run audit_peer taskset -c 0 "$py" benches/peer/audit_peer.py "$deltas" "$hooks"
  echo "== load after the peers: $(uptime)" | tee -a "$out/load.txt"
fi

for l in audit_2 audit_1 chain_2 chain_1; do
  [ "$(cat "$out/$l.code")" = 0 ] || { echo "$l exited $(cat "$out/$l.code")"; exit 1; }
done
"$py" benches/peer/audit_peer.py --compare "$out/audit_2.out" "$out/audit_peer.out" | tee "$out/agree.txt"
"$py" - "$out/chain_2.out" "$out/chain_peer.out" <<'EOF' | tee -a "$out/agree.txt"
import json, sys
ours, peer = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
ok = ours["receipts"] == peer["receipts"] and ours["failureCount"] == peer["failures"] == 0
print(("agree" if ok else "DIFFERENT") + f": chain {ours['receipts']} receipts, {ours['failureCount']} failures (peer {peer})")
sys.exit(0 if ok else 1)
EOF

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.1f", a/b}'; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN{printf "%.0f", n/t}'; }
verdict() { awk -v x="$1" -v t="$2" 'BEGIN{print (x>=t) ? "met" : "missed"}'; }
{
  echo "N = $N submitted deltas ($(du -h "$hooks" | cut -f1) of webhooks, $(du -h "$deltas" | cut -f1) of deltas); chain: $CHAIN_LINES lines, $CHAIN_BATCH items per batch ($(du -h "$chain" | cut -f1)). $(nproc) CPUs; $(sed -n 1p "$out/load.txt")."
  echo
  echo "| run | wall | per second | peak RSS | CPU (user+sys) | cores used |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  for l in audit_2 audit_1 audit_peer; do
    echo "| $l | $(wall $l) s | $(rate "$N" "$(wall $l)") deltas/s | $(rss_mb $l) MB | $(cpu $l) s | $(awk -v c="$(cpu $l)" -v w="$(wall $l)" 'BEGIN{printf "%.2f", c/w}') |"
  done
  for l in chain_2 chain_1 chain_peer; do
    echo "| $l | $(wall $l) s | $(rate "$CHAIN_LINES" "$(wall $l)") lines/s | $(rss_mb $l) MB | $(cpu $l) s | $(awk -v c="$(cpu $l)" -v w="$(wall $l)" 'BEGIN{printf "%.2f", c/w}') |"
  done
  echo
  a=$(ratio "$(wall audit_peer)" "$(wall audit_2)")
  a1=$(ratio "$(wall audit_peer)" "$(wall audit_1)")
  s=$(ratio "$(wall audit_1)" "$(wall audit_2)")
  c=$(ratio "$(wall chain_peer)" "$(wall chain_2)")
  ac=$(ratio "$(cpu audit_peer)" "$(cpu audit_1)")
  cc=$(ratio "$(cpu chain_peer)" "$(cpu chain_1)")
  echo "| target | result |"
  echo "| --- | --- |"
  echo "| audit >= 50x faster than the peer | wall: ${a}x on two cores ($(verdict "$a" 50)), ${a1}x on one core; CPU time: ${ac}x (one core each) |"
  echo "| >= 1.8x from one core to two | ${s}x ($(verdict "$s" 1.8)) |"
  echo "| peak RSS <= 200 MB | $(rss_mb audit_2) MB ($(awk -v m="$(rss_mb audit_2)" 'BEGIN{print (m<=200) ? "met" : "missed"}')) |"
  echo "| chain >= 40x faster than its peer | wall: ${c}x on two cores ($(verdict "$c" 40)); CPU time: ${cc}x (one core each) |"
  echo
  sed 's/^/    /' "$out/agree.txt"
} | tee "$out/table.md"
