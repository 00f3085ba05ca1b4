#!/usr/bin/env bash
# Builds the WebAssembly package twice from one compile:
#   pkg/node  wasm-bindgen --target nodejs (Node tests, benchmark)
#   www/pkg   wasm-bindgen --target web    (the demo page; www/ is then a deployable static site)
# then shrinks each .wasm with wasm-opt -Oz (npm binaryen, from `npm ci`) and prints the
# gzip -9 sizes before and after. Installs the rustup target and the wasm-bindgen CLI at
# exactly the version in Cargo.lock when missing.
set -euo pipefail
cd "$(dirname "$0")"

rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || rustup target list --installed | grep -qx wasm32-unknown-unknown

# The CLI must be the wasm-bindgen crate's exact version: its schema is checked at bind time.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$wb_version" ]; then
    echo "build.sh: no wasm-bindgen in Cargo.lock" >&2
    exit 2
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $wb_version" ]; then
    echo "== installing wasm-bindgen-cli $wb_version"
    # --locked first; if the CLI's own lockfile names a crate version the registry no longer
    # offers, resolve its dependencies afresh (the CLI version itself stays exact).
    cargo install wasm-bindgen-cli --version "$wb_version" --locked ||
        cargo install wasm-bindgen-cli --version "$wb_version"
fi

echo "== cargo build (wasm32-unknown-unknown, release)"
cargo build --release --target wasm32-unknown-unknown
raw=target/wasm32-unknown-unknown/release/pacspace_proof_wasm.wasm

gz() { gzip -9 -c "$1" | wc -c; }

wasm_opt=node_modules/.bin/wasm-opt
if [ ! -x "$wasm_opt" ]; then
    echo "build.sh: $wasm_opt missing; run 'npm ci' in wasm/ first" >&2
    exit 2
fi

for spec in nodejs:pkg/node web:www/pkg; do
    target=${spec%%:*}
    out=${spec#*:}
    rm -rf "$out"
    wasm-bindgen --target "$target" --out-dir "$out" "$raw"
    bg="$out/pacspace_proof_wasm_bg.wasm"
    before_raw=$(wc -c <"$bg")
    before_gz=$(gz "$bg")
    "$wasm_opt" -Oz --strip-debug --strip-producers "$bg" -o "$bg.opt"
    mv "$bg.opt" "$bg"
    after_raw=$(wc -c <"$bg")
    after_gz=$(gz "$bg")
    echo "$target: $bg  wasm-bindgen $before_raw B (gzip -9 $before_gz B) -> wasm-opt -Oz $after_raw B (gzip -9 $after_gz B)"
done
