#!/usr/bin/env bash
# What the shipped module's bytes are: builds it as build.sh does (same toolchain, flags and
# wasm-opt passes) but keeping the function names (target/size/named.wasm; build.sh's module
# is the same code with the names stripped), prints its gzip -9 size without the names, then
# `twiggy top` grouped by bench/size-groups.mjs (the table in README.md, "Size").
# Needs twiggy (`cargo install twiggy`) and `npm ci`; its own target dir (target/size).
set -euo pipefail
cd "$(dirname "$0")/.."
nightly=nightly-2026-05-20
export CARGO_TARGET_DIR=target/size CARGO_PROFILE_RELEASE_STRIP=none
RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
    cargo "+$nightly" build --release --target wasm32-unknown-unknown \
    -Z build-std=std,panic_abort -Z build-std-features=optimize_for_size
out=target/size
wasm-bindgen --target web --keep-debug --out-dir "$out/bg" "$out/wasm32-unknown-unknown/release/pacspace_proof_wasm.wasm"
node_modules/.bin/wasm-opt -Oz --converge --zero-filled-memory --debuginfo \
    "$out/bg/pacspace_proof_wasm_bg.wasm" -o "$out/named.wasm"
node_modules/.bin/wasm-opt --strip-debug --strip-producers "$out/named.wasm" -o "$out/stripped.wasm"
echo "$out/stripped.wasm: $(wc -c <"$out/stripped.wasm") B, gzip -9 $(gzip -9 -c "$out/stripped.wasm" | wc -c) B"
twiggy top -n 100000 -f csv "$out/named.wasm" >"$out/top.csv"
node bench/size-groups.mjs "$out/top.csv"
