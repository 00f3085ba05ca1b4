#!/usr/bin/env bash
# The npm package as a user gets it: `npm pack` in pkg/, then in a fresh temporary npm
# project: install the tarball, run the README's Node example as written, and build a
# minimal Vite page that imports the package and verifies a bundle (plus the same README
# example), loaded in headless Chromium. Needs ./build.sh first, network access to the npm
# registry for Vite, and Debian's chromium.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
wasm=$(cd "$here/../.." && pwd)
repo=$(cd "$wasm/.." && pwd)
vite_version=7.3.8

[ -f "$wasm/pkg/package.json" ] || { echo "run.sh: pkg/ missing: run ./build.sh" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== npm pack"
tarball=$(cd "$wasm/pkg" && npm pack --silent --pack-destination "$work")
tarball="$work/$tarball"
echo "$tarball: $(wc -c <"$tarball") B"
tar tzf "$tarball" | sort > "$work/contents"
for f in package/package.json package/node.mjs package/browser.mjs package/index.d.ts package/README.md \
         package/web/pacspace_proof_wasm.js package/web/pacspace_proof_wasm_bg.wasm package/page/index.html; do
    grep -qx "$f" "$work/contents" || { echo "missing from the tarball: $f" >&2; exit 1; }
done

echo "== a fresh project installs the tarball"
mkdir "$work/app"
cd "$work/app"
printf '{ "name": "pacspace-proof-package-check", "private": true, "type": "module" }\n' > package.json
npm install --no-audit --no-fund --silent "$tarball"

echo "== the README's Node example, as written"
# The first ```js block after the <!-- example --> marker in wasm/README.md.
awk '/<!-- example -->/ { on = 1; next } on && /^```js/ { inside = 1; next } inside && /^```/ { exit } inside { print }' \
    "$wasm/README.md" > example.js
[ -s example.js ] || { echo "no example found in wasm/README.md" >&2; exit 1; }
cp example.js example.mjs
node example.mjs | tee node-output.txt
grep -qx 'verified' node-output.txt || { echo "the README example did not print verified" >&2; exit 1; }

echo "== a minimal Vite page importing the package"
npm install --no-audit --no-fund --silent "vite@$vite_version"
cp "$repo/tests/data/bundles/v1/batch-two.json" bundle.json
cat > index.html <<'HTML'
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>pacspace-proof in a Vite page</title></head>
<body><p id="out">checking…</p><script type="module" src="./main.js"></script></body></html>
HTML
cat > main.js <<'JS'
import init, { verifyBundle } from 'pacspace-proof';
import bundleText from './bundle.json?raw';
import './example.js'; // the README's example, as written

await init();
const report = verifyBundle(bundleText);
document.getElementById('out').textContent = `${report.level}: ${report.items.length} items in ${report.root}`;
document.body.dataset.level = report.level;
JS
npx vite build --logLevel warn
ls dist/assets
node "$here/check-page.mjs" "$work/app/dist"
echo "package check: ok"
