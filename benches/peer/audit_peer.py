#!/usr/bin/env python3
"""The audit written the way an auditor would without pacspace-verify: the
standard library's json and pycryptodome's Keccak, one line at a time.

    audit_peer.py DELTAS.jsonl WEBHOOKS.jsonl        -> JSON summary on stdout
    audit_peer.py --compare OURS.json PEER.json      -> exit 0 when they agree

Same checks as `pacspace-verify audit` on an export of delta.verified
webhooks: each delta's item hash (canonical JSON, keccak256 with the item
prefix), each webhook's root recomputed from its itemHashes (hex0x, the
other node encodings tried if it does not match), contentHash among the
itemHashes, receiptId equal to proofHash, previousProofHash linking to the
line before, sequence numbers without gaps or repeats, every submitted
delta classed (verified: in a recomputed and confirmed root; altered: its
referenceId named with another content hash; missing), and per customer
the net of the verified deltas in exact decimals and in floats summed in
submission order. Like a straightforward script, it recomputes each
webhook's root (no cache).
"""
import json
import sys
from decimal import Decimal

from Crypto.Hash import keccak

ITEM = b"pacspace:item:v1:"
NODE = "pacspace:node:v1:"


def k256(data):
    return keccak.new(digest_bits=256, data=data).digest()


def js_number(x):
    """ECMAScript Number.prototype.toString for a float."""
    if x == 0:
        return "0"
    if x == int(x) and abs(x) < 1e21:
        return str(int(x))
    r = repr(x)
    if "e" in r:
        mant, exp = r.split("e")
        exp = int(exp)
        return f"{mant}e{'+' if exp > 0 else '-'}{abs(exp)}"
    return r


def canonical(v):
    if isinstance(v, dict):
        keys = sorted(v, key=lambda s: s.encode("utf-16-be"))
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + canonical(v[k]) for k in keys) + "}"
    if isinstance(v, list):
        return "[" + ",".join(canonical(x) for x in v) + "]"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    return js_number(float(v))


def item_hash(d):
    item = {"customerId": d["customerId"], "delta": float(d["delta"]), "reason": d["reason"]}
    if d.get("referenceId") is not None:
        item["referenceId"] = d["referenceId"]
    if d.get("metadata") is not None:
        item["metadata"] = d["metadata"]
    return "0x" + k256(ITEM + canonical(item).encode()).hex()


def node(encoding, left, right):
    if encoding == "hex0x":
        return "0x" + k256((NODE + left + right).encode()).hex()
    if encoding == "hex":
        return "0x" + k256((NODE + left[2:] + right[2:]).encode()).hex()
    return "0x" + k256(NODE.encode() + bytes.fromhex(left[2:]) + bytes.fromhex(right[2:])).hex()


def root(items, encoding):
    if not items:
        return "0x" + "00" * 32
    level = list(items)
    while len(level) > 1:
        if len(level) % 2:
            level.append(level[-1])
        level = [node(encoding, level[i], level[i + 1]) for i in range(0, len(level), 2)]
    return level[0]


def audit(deltas_path, webhooks_path):
    deltas = []  # (customer, Decimal, float, hash, referenceId)
    by_hash = {}
    by_ref = {}
    with open(deltas_path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line, parse_float=Decimal, parse_int=Decimal)
            h = item_hash(d)
            i = len(deltas)
            deltas.append((d["customerId"], d["delta"], float(d["delta"]), h, d.get("referenceId")))
            by_hash.setdefault(h, []).append(i)
            if d.get("referenceId") is not None:
                by_ref.setdefault((d["customerId"], d["referenceId"]), i)
    verified = set()
    altered = set()
    problems = 0
    breaks = 0
    previous = None
    receipts = 0
    encoding = "hex0x"
    seqs = []
    with open(webhooks_path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            ev = json.loads(line)
            if ev.get("event") != "delta.verified":
                continue
            data = ev["data"]
            proof = data["proof"]
            items = proof["itemHashes"]
            receipts += 1
            if "deltaIndex" in data:
                seqs.append(int(data["deltaIndex"]))
            r = root(items, encoding)
            if r != proof["proofHash"]:
                for e in ("hex0x", "hex", "bytes"):
                    if root(items, e) == proof["proofHash"]:
                        encoding, r = e, proof["proofHash"]
                        break
            recomputed = r == proof["proofHash"]
            if not recomputed:
                problems += 1
            if proof["contentHash"] not in items:
                problems += 1
            if data.get("receiptId") not in (None, proof["proofHash"]):
                problems += 1
            if receipts > 1 and proof.get("previousProofHash") != previous:
                breaks += 1
            previous = proof["proofHash"]
            if recomputed and proof["contentHash"] in items and data.get("status") != "FAILED":
                for h in items:
                    for i in by_hash.get(h, ()):
                        verified.add(i)
            if proof["contentHash"] not in by_hash:
                echo = data.get("delta") or {}
                i = by_ref.get((echo.get("customerId"), echo.get("referenceId")))
                if i is not None:
                    altered.add(i)
    seqs.sort()
    gaps = sum(max(0, b - a - 1) for a, b in zip(seqs, seqs[1:]))
    repeats = sum(1 for a, b in zip(seqs, seqs[1:]) if a == b)
    classes = {"verified": 0, "altered": 0, "failed": 0, "pending": 0, "missing": 0}
    customers = {}
    for i, (customer, exact, double, _, _) in enumerate(deltas):
        c = customers.setdefault(customer, [Decimal(0), 0.0, 0])
        if i in verified:
            classes["verified"] += 1
            c[0] += exact
            c[1] += double
            c[2] += 1
        elif i in altered:
            classes["altered"] += 1
        else:
            classes["missing"] += 1
    return {
        "deltas": dict(classes, submitted=len(deltas), duplicate=len(deltas) - len(by_hash)),
        "customers": {k: {"netDecimal": format(v[0].normalize(), "f"), "netDouble": v[1], "verifiedDeltas": v[2]}
                      for k, v in customers.items()},
        "chain": {"receipts": receipts, "breaks": breaks},
        "sequence": {"missing": gaps, "repeats": repeats},
        "problems": problems,
        "nodeEncoding": encoding,
    }


def compare(ours_path, peer_path):
    ours = json.load(open(ours_path))
    peer = json.load(open(peer_path))
    diffs = []
    if ours["deltas"] != peer["deltas"]:
        diffs.append(f"deltas: ours {ours['deltas']} peer {peer['deltas']}")
    if len(ours["customers"]) != len(peer["customers"]):
        diffs.append("customer count")
    for c in ours["customers"]:
        p = peer["customers"].get(c["customerId"])
        if p is None or p["netDecimal"] != c["netDecimal"] or p["netDouble"] != c["netDouble"] \
                or p["verifiedDeltas"] != c["verifiedDeltas"]:
            diffs.append(f"customer {c['customerId']}: ours {c} peer {p}")
            break
    chain = ours["chain"]["tenants"][0]
    if (chain["receipts"], chain["breaks"]) != (peer["chain"]["receipts"], peer["chain"]["breaks"]):
        diffs.append(f"chain: ours {chain} peer {peer['chain']}")
    seq = ours["sequence"][0]
    if (seq["missing"], seq["repeatCount"]) != (peer["sequence"]["missing"], peer["sequence"]["repeats"]):
        diffs.append("sequence")
    if ours["errorCount"] != peer["problems"]:
        diffs.append(f"problems: ours {ours['errorCount']} errors, peer {peer['problems']}")
    for d in diffs:
        print("DIFFERENT:", d)
    if not diffs:
        print(f"agree: {ours['deltas']}, {len(ours['customers'])} customers, chain {chain['receipts']} receipts")
    return 1 if diffs else 0


if __name__ == "__main__":
    if sys.argv[1] == "--compare":
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    json.dump(audit(sys.argv[1], sys.argv[2]), sys.stdout)
    print()
