#!/usr/bin/env python3
"""The chain check written the way an auditor would without pacspace-verify:
json and pycryptodome's Keccak, one line at a time, each webhook's root
recomputed (hex0x, the other encodings tried when it does not match),
contentHash among the itemHashes, previousProofHash equal to the proofHash
of the line before.

    chain_peer.py CHAIN.jsonl   -> {"receipts": N, "failures": F} on stdout
"""
import json
import sys

from audit_peer import root


def main(path):
    receipts = failures = 0
    previous = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            ev = json.loads(line)
            proof = ev["data"]["proof"] if "data" in ev else ev.get("proof", ev)
            items = proof["itemHashes"]
            receipts += 1
            if proof["contentHash"] not in items:
                failures += 1
            if all(root(items, e) != proof["proofHash"] for e in ("hex0x", "hex", "bytes")):
                failures += 1
            if receipts > 1 and proof.get("previousProofHash") != previous:
                failures += 1
            previous = proof["proofHash"]
    print(json.dumps({"receipts": receipts, "failures": failures}))


if __name__ == "__main__":
    main(sys.argv[1])
