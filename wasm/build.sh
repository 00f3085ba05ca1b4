#!/usr/bin/env bash
# Builds the npm package `pacspace-proof` in pkg/:
#   pkg/web/   wasm-bindgen --target web output (ES module + init/initSync), the .wasm shrunk
#              with wasm-opt -Oz (npm binaryen, from `npm ci`); gzip -9 sizes printed
#   pkg/       package.json, the Node entry (node.mjs: reads the .wasm with fs, initSync),
#              the browser/bundler entry (browser.mjs), types, README, licences
#   pkg/page/  the invoice page as one HTML file with the .wasm inlined (npm/assemble.mjs)
# `cd pkg && npm pack` then gives the tarball. Installs the rustup target and the
# wasm-bindgen CLI at exactly the version in Cargo.lock when missing.
#
# The release module is built with a pinned nightly toolchain (installed when missing, with
# rust-src): std is rebuilt for size (-Zbuild-std, optimize_for_size) and panics abort at once
# without formatting a message (-Cpanic=immediate-abort), about 22 KB gzipped less than stable
# (README.md, "Size and speed"). PACSPACE_WASM_STABLE=1 builds with the stable toolchain instead
# (a larger module: the CI size gate then fails). Native tests (cargo test) stay on stable.
#
# PACSPACE_WASM_SPEED=1 builds for speed instead of size (opt-level 3, wasm-opt -O3): about
# 3x faster proof verification for about 30% more gzipped bytes (numbers in README.md).
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

opt_flag="-Oz --converge --zero-filled-memory"
if [ "${PACSPACE_WASM_SPEED:-}" = 1 ]; then
    export CARGO_PROFILE_RELEASE_OPT_LEVEL=3
    opt_flag="-O3 --zero-filled-memory"
fi

nightly=nightly-2026-05-20
if [ "${PACSPACE_WASM_STABLE:-}" = 1 ]; then
    echo "== cargo build (stable, wasm32-unknown-unknown, release, opt-level ${CARGO_PROFILE_RELEASE_OPT_LEVEL:-z})"
    cargo build --release --target wasm32-unknown-unknown
else
    if ! rustup run "$nightly" rustc --version >/dev/null 2>&1 ||
        ! rustup component list --toolchain "$nightly" --installed | grep -q '^rust-src'; then
        echo "== installing $nightly with rust-src (for -Zbuild-std)"
        rustup toolchain install "$nightly" --profile minimal --component rust-src
    fi
    echo "== cargo build ($nightly, -Zbuild-std, panic=immediate-abort, wasm32-unknown-unknown, release, opt-level ${CARGO_PROFILE_RELEASE_OPT_LEVEL:-z})"
    RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
        cargo "+$nightly" build --release --target wasm32-unknown-unknown \
        -Z build-std=std,panic_abort -Z build-std-features=optimize_for_size
fi
raw=target/wasm32-unknown-unknown/release/pacspace_proof_wasm.wasm

gz() { gzip -9 -c "$1" | wc -c; }

wasm_opt=node_modules/.bin/wasm-opt
if [ ! -x "$wasm_opt" ]; then
    echo "build.sh: $wasm_opt missing; run 'npm ci' in wasm/ first" >&2
    exit 2
fi

rm -rf pkg
wasm-bindgen --target web --out-dir pkg/web "$raw"
bg=pkg/web/pacspace_proof_wasm_bg.wasm
before_raw=$(wc -c <"$bg")
before_gz=$(gz "$bg")
# shellcheck disable=SC2086 # the flags are words
"$wasm_opt" $opt_flag --strip-debug --strip-producers "$bg" -o "$bg.opt"
mv "$bg.opt" "$bg"
after_raw=$(wc -c <"$bg")
after_gz=$(gz "$bg")
echo "$bg: wasm-bindgen $before_raw B (gzip -9 $before_gz B) -> wasm-opt $opt_flag $after_raw B (gzip -9 $after_gz B)"

node npm/assemble.mjs
