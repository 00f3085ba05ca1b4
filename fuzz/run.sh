#!/usr/bin/env bash
# Runs fuzz targets one after another until a deadline, each for at most
# RUNS executions and an equal share of the time left, then minimises its
# corpus. Usage: fuzz/run.sh DEADLINE_EPOCH_SECS TARGET...
#   e.g. fuzz/run.sh $(date -d '+1 hour' +%s) canonical_json verify_proof
# Logs and a one-line summary per target go to $LOGS (default /tmp/fuzz-logs).
# An input taking over 10 s, or a single allocation over 512 MB, is a crash.
set -uo pipefail
cd "$(dirname "$0")"
deadline=$1
shift
RUNS=${RUNS:-10000000}
LOGS=${LOGS:-/tmp/fuzz-logs}
mkdir -p "$LOGS"
FLAGS=(-s none --release --debug-assertions)

max_len() {
  case $1 in
    receipts | chain_scanner | verify_proof | keccak_lanes) echo 4096 ;;
    cli_input) echo 2048 ;;
    *) echo 1024 ;;
  esac
}

for t in "$@"; do cargo +nightly fuzz build "${FLAGS[@]}" "$t"; done
left=$#
for t in "$@"; do
  share=$(((deadline - $(date +%s)) / left))
  left=$((left - 1))
  [ "$share" -lt 10 ] && share=10
  start=$(date +%s)
  nice -n 19 cargo +nightly fuzz run "${FLAGS[@]}" "$t" "corpus/$t" -- \
    -dict=json.dict -max_len="$(max_len "$t")" -runs="$RUNS" -max_total_time="$share" \
    -timeout=10 -malloc_limit_mb=512 -print_final_stats=1 >"$LOGS/$t.log" 2>&1
  rc=$?
  end=$(date +%s)
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$LOGS/$t.log" | grep -o '[0-9]*$')
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$LOGS/$t.log" | grep -o '[0-9]*$')
  slowest=$(grep -o 'stat::slowest_unit_time_sec: *[0-9]*' "$LOGS/$t.log" | grep -o '[0-9]*$')
  peak=$(grep -o 'stat::peak_rss_mb: *[0-9]*' "$LOGS/$t.log" | grep -o '[0-9]*$')
  crashes=$(ls "artifacts/$t" 2>/dev/null | wc -l)
  echo "$t rc=$rc execs=${execs:-?} wall=$((end - start))s exec/s=${rate:-?} slowest=${slowest:-?}s rss=${peak:-?}MB artifacts=$crashes" | tee -a "$LOGS/summary.txt"
  nice -n 19 cargo +nightly fuzz cmin "${FLAGS[@]}" "$t" "corpus/$t" -- -max_len="$(max_len "$t")" >"$LOGS/$t.cmin.log" 2>&1
  echo "$t cmin rc=$? files=$(ls "corpus/$t" | wc -l) bytes=$(du -sb "corpus/$t" | cut -f1)" | tee -a "$LOGS/summary.txt"
done
