#!/usr/bin/env bash
# Writes the starting corpora under fuzz/corpus/<target>/ from the
# known-answer vectors (tests/data/merkle-v1.json), the bundled example batch, the JSON samples in the
# crate's own docs and tests, and proofs printed by the CLI itself.
# Needs python3 and a stable toolchain; safe to re-run (files are named by
# content hash, so nothing is duplicated).
set -euo pipefail
cd "$(dirname "$0")/.."
VECTORS="${VECTORS:-tests/data/merkle-v1.json}"
cargo build --quiet --release -p pacspace-verify
CLI=target/release/pacspace-verify

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in 0 1 2 3 4; do
  for enc in hex0x hex bytes; do
    "$CLI" prove examples/batch.json --index "$i" --node-encoding "$enc" > "$tmp/proof-$i-$enc.json"
  done
done

python3 - "$VECTORS" "$tmp" <<'PY'
import hashlib, hmac, json, os, pathlib, re, struct, sys

vectors = json.load(open(sys.argv[1]))
proofs = sorted(pathlib.Path(sys.argv[2]).glob("proof-*.json"))
corpus = pathlib.Path("fuzz/corpus")

def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = corpus / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)

batch = open("examples/batch.json").read()
json_texts = [batch] + [json.dumps(x, ensure_ascii=False) for x in json.loads(batch)]
for c in vectors["canonical"]:
    json_texts += [json.dumps(c["value"], ensure_ascii=False), json.dumps(c["value"]), c["canonical"]]
for it in vectors["items"]:
    json_texts += [json.dumps(it["item"], ensure_ascii=False), it["canonical"]]
for t in json_texts:
    put("canonical_json", t)
    put("canonical_roundtrip", t)

# JSON samples written in the crate's docs and tests (receipts, webhooks, answers).
samples = []
for path in sorted(pathlib.Path("src").rglob("*.rs")) + sorted(pathlib.Path("tests").glob("*.rs")):
    for m in re.finditer(r'r#"(\{.*?\})"#', path.read_text(), re.S):
        s = m.group(1)
        if "{{" in s:  # a format! string, not JSON
            continue
        try:
            json.loads(s)
        except ValueError:
            continue
        samples.append(s)

# Emit responses built from the vector trees, one per node encoding.
for tree in vectors["trees"]:
    if not tree["itemHashes"] or len(tree["itemHashes"]) > 40:
        continue
    for enc, root in tree["itemsRootByEncoding"].items():
        samples.append(json.dumps({"success": True, "data": {
            "customerId": "c", "delta": 5, "status": "QUEUED",
            "receiptId": root, "itemsRoot": root, "itemHashes": tree["itemHashes"]}}))
        samples.append(json.dumps({"event": "delta.verified", "timestamp": "2025-01-01T00:00:00Z",
            "data": {"status": "VERIFIED", "proof": {"proofHash": root, "previousProofHash": None,
            "contentHash": tree["itemHashes"][0], "itemHashes": tree["itemHashes"]}}}))
for s in samples:
    put("receipts", s)
for it in vectors["items"][:4]:
    item = dict(it["item"])
    for s in samples[:6]:
        put("receipts", s.encode() + b"\xff" + json.dumps(item).encode() + b"\xff" + it["itemHash"].encode()
            if "itemHash" in it else s.encode() + b"\xff" + json.dumps(item).encode())
put("receipts", "\n".join(s for s in samples if "proofHash" in s))

# Chain lines for the scanner-vs-serde target: each proof-carrying sample,
# each pair (the second read with the first one's list remembered), the
# bundled chain export, and its lines with every webhook's list repeated.
chain_lines = [s for s in samples if "proofHash" in s]
for s in chain_lines:
    put("chain_scanner", s)
for a, b in zip(chain_lines, chain_lines[1:]):
    put("chain_scanner", a + "\n" + b)
chain_export = pathlib.Path("examples/receipts/chain.jsonl").read_text()
put("chain_scanner", chain_export)
for line in chain_export.splitlines():
    put("chain_scanner", line + "\n" + line)

# Proofs printed by the CLI, and the structured form (flags, enc, count,
# index, leaf, steps...) of a few small trees.
for p in proofs:
    put("verify_proof", p.read_bytes().strip())
for count in (1, 2, 3, 5, 8, 9):
    for index in (0, count - 1):
        put("verify_proof", bytes([0, 0, count, index]) + bytes(range(32)) + bytes([count.bit_length(), 2, 1, 0]) + bytes(64))

for n in (0, 1, 2, 3, 5, 7, 8, 9, 17, 100):
    for enc in (0, 1, 2):
        put("prove_verify", bytes([0, enc, n]) + bytes(64) + bytes((i * 37) % 256 for i in range(n)) + bytes([1, 2, 3, 4, 5, 6, 7]))

# Signed deliveries: flags, now offset (u16), tolerance (u16), secret.
for body in samples[:8] + [""]:
    secret = b"whsec_test"
    ts = "1700000000"
    tag = hmac.new(secret, ts.encode() + b"." + body.encode(), hashlib.sha256).hexdigest()
    head = bytes([0]) + struct.pack(">H", 32768) + struct.pack(">H", 300) + bytes([len(secret)]) + secret
    put("webhook_signature", head + f"v1={tag}\n{ts}\n{body}".encode())
    put("webhook_signature", head + f"v1={'0'*64}, v1={tag}\n{ts}000\n{body}".encode())
put("webhook_signature", bytes([3]) + bytes(20) + b"v1=zz\n-12\n{}")

argvs = ["canonical", "item-hash\n-", "root\nexamples/batch.json\n--node-encoding\nbytes",
         "prove\n--index\n2\n--node-encoding\nhex", "verify-proof\n--json\n--expect-root\n" + "0x" + "ab" * 32,
         "verify-proof\n--node-encoding\nhex0x", "--help", "--version", "prove\n--index\n-1",
         "fetch\n0x" + "00" * 32 + "\n--timeout\n2.5\n--source\nchain", "root\n--node-encoding\nnope"]
stdins = [batch, json.dumps([it["itemHash"] for it in vectors["items"] if "itemHash" in it])] + [p.read_text() for p in proofs[:3]]
for a in argvs:
    for s in stdins[:2]:
        put("cli_input", a + "\0" + s)
for s in stdins:
    put("cli_input", "verify-proof\0" + s)

# keccak_lanes: flags, states (1600 bytes when bit 0 is set, else 64), batch
# size, prefix length and prefix, cut (u16), message; lengths around the
# lane and block boundaries.
for flags in (0, 1, 6):
    states = bytes((i * 131) % 256 for i in range(1600 if flags & 1 else 64))
    for batch, prefix, cut, msg_len in ((0, 0, 0, 0), (9, 17, 0x40, 64), (19, 135, 0x88, 137), (13, 136, 0x100, 409)):
        put("keccak_lanes", bytes([flags]) + states + bytes([batch, prefix]) + bytes(prefix)
            + cut.to_bytes(2, "big") + bytes((j * 7) % 256 for j in range(msg_len)))
PY
for t in fuzz/corpus/*; do echo "$(basename "$t"): $(ls "$t" | wc -l) files"; done
