#!/usr/bin/env bash
# Differential tests against the official Python SDK (pacspace-sdk 0.7.0,
# installed from PyPI into a virtual environment) and Node's JSON.stringify:
# canonical JSON, item hashes (the SDK's own Keccak-256), webhook signatures
# (the SDK's webhooks module) and summary wire deltas / sum_ referenceIds.
#
#   scripts/sdk-differential.sh            # 10,000 inputs per family, random seed (printed)
#   SDK_DIFF_SEED=42 SDK_DIFF_COUNT=20000 scripts/sdk-differential.sh
#
# Exit 0 when everything agreed (or a SKIPPED notice: no python3, no venv, no
# registry), 1 on a difference inside the documented domain.
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT="${SDK_DIFF_COUNT:-10000}"
VENV="${SDK_DIFF_VENV:-target/sdk-venv}"
SDK="pacspace-sdk==0.7.0"

skip() {
    # CI installs what the comparison needs: there a missing piece is a failure.
    if [ -n "${CI:-}" ]; then
        echo "FAILED: SDK differential tests cannot run under CI: $*"
        exit 1
    fi
    echo "SKIPPED: SDK differential tests: $*"
    exit 0
}

command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV" >/dev/null 2>&1 || skip "python3 -m venv failed (install python3-venv)"
fi
if ! "$VENV/bin/python" -c 'import importlib.metadata as m, Crypto; assert m.version("pacspace-sdk") == "0.7.0"' 2>/dev/null; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$SDK" pycryptodome \
        || skip "pip could not install $SDK and pycryptodome (is PyPI reachable?)"
fi

echo "== build the verifier's side (examples/differential)"
cargo build --quiet --example differential
BIN="target/debug/examples/differential"

NODE=node
if ! command -v node >/dev/null 2>&1; then
    NODE=""
    echo "SKIPPED: Node comparisons (JavaScript object key order): node is not installed"
fi

if [ -n "$NODE" ]; then
    echo "== the committed vectors (tests/data/variants-v1.json) are what their generator writes"
    "$VENV/bin/python" tests/data/gen/gen_variants.py | cmp - tests/data/variants-v1.json
fi

echo "== compare ($("$VENV/bin/python" --version), pacspace-sdk $("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("pacspace-sdk"))')${NODE:+, node $(node --version)})"
exec "$VENV/bin/python" tests/sdk/differential.py --bin "$BIN" --count "$COUNT" --node "$NODE" \
    ${SDK_DIFF_SEED:+--seed "$SDK_DIFF_SEED"}
