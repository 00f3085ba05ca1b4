#!/usr/bin/env python3
"""Recompute every worked example of docs/spec.md with a second, independent
implementation, after checking that implementation against the known-answer
vectors in tests/data/merkle-v1.json.

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install pycryptodome
    /tmp/venv/bin/python docs/examples.py            # checks, then prints the examples

Exit status 0 when every vector reproduces, 1 otherwise. Needs only the
Python standard library and pycryptodome (for Keccak-256).
"""

import hashlib
import hmac
import json
import sys
from decimal import Decimal
from pathlib import Path

from Crypto.Hash import keccak

ITEM_PREFIX = b"pacspace:item:v1:"
NODE_PREFIX = b"pacspace:node:v1:"
ZERO = bytes(32)
ENCODINGS = ("hex0x", "hex", "bytes")
VECTORS = Path(__file__).resolve().parent.parent / "tests" / "data" / "merkle-v1.json"


def keccak256(data: bytes) -> bytes:
    h = keccak.new(digest_bits=256)
    h.update(data)
    return h.digest()


def hx(b: bytes) -> str:
    return "0x" + b.hex()


# --- canonical JSON ---------------------------------------------------------

class Refused(ValueError):
    """A value canonical JSON cannot represent."""


def es_number(x: float) -> str:
    """ECMAScript Number.prototype.toString of a finite double."""
    if x != x or x in (float("inf"), float("-inf")):
        raise Refused("NaN and infinities have no JSON form")
    if x == 0:
        return "0"  # also -0
    if x < 0:
        return "-" + es_number(-x)
    # repr() gives the shortest digit string that round-trips, as ECMAScript does.
    sign, digits, exp = Decimal(repr(x)).normalize().as_tuple()
    s = "".join(map(str, digits))
    k = len(s)
    n = k + exp  # value = 0.s * 10^n
    if k <= n <= 21:
        return s + "0" * (n - k)
    if 0 < n <= 21:
        return s[:n] + "." + s[n:]
    if -6 < n <= 0:
        return "0." + "0" * (-n) + s
    e = n - 1
    mantissa = s if k == 1 else s[0] + "." + s[1:]
    return mantissa + "e" + ("+" if e >= 0 else "-") + str(abs(e))


SHORT_ESCAPES = {0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r",
                 0x22: '\\"', 0x5C: "\\\\"}


def es_string(s: str) -> str:
    out = ['"']
    for ch in s:
        c = ord(ch)
        if 0xD800 <= c <= 0xDFFF:
            raise Refused("lone surrogate U+%04X" % c)
        if c in SHORT_ESCAPES:
            out.append(SHORT_ESCAPES[c])
        elif c < 0x20:
            out.append("\\u%04x" % c)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def utf16_key(k: str) -> bytes:
    # Big-endian UTF-16 bytes compare exactly as the code-unit sequences do.
    return k.encode("utf-16-be", "surrogatepass")


def canonical(v) -> str:
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, float)):
        return es_number(float(v))  # JSON numbers are doubles, as in JavaScript
    if isinstance(v, str):
        return es_string(v)
    if isinstance(v, list):
        return "[" + ",".join(canonical(x) for x in v) + "]"
    if isinstance(v, dict):
        keys = sorted(v, key=utf16_key)
        return "{" + ",".join(es_string(k) + ":" + canonical(v[k]) for k in keys) + "}"
    raise Refused("not a JSON value: %r" % (v,))


def item_hash(item) -> bytes:
    return keccak256(ITEM_PREFIX + canonical(item).encode("utf-8"))


def delta_to_item(delta: dict, amount_key="delta", absent_reference="omit") -> dict:
    """The object hashed for a submitted delta, under one documented mapping."""
    item = {"customerId": delta["customerId"], amount_key: delta["delta"], "reason": delta["reason"]}
    if delta.get("referenceId") is not None:
        item["referenceId"] = delta["referenceId"]
    elif absent_reference == "null":
        item["referenceId"] = None
    if delta.get("metadata") is not None:
        item["metadata"] = delta["metadata"]
    return item


# --- nodes, roots, proofs ---------------------------------------------------

def node_preimage(encoding: str, left: bytes, right: bytes) -> bytes:
    if encoding == "hex0x":
        return NODE_PREFIX + (hx(left) + hx(right)).encode("ascii")
    if encoding == "hex":
        return NODE_PREFIX + (left.hex() + right.hex()).encode("ascii")
    if encoding == "bytes":
        return NODE_PREFIX + left + right
    raise ValueError(encoding)


def node(encoding, left, right) -> bytes:
    return keccak256(node_preimage(encoding, left, right))


def root(leaves, encoding="hex0x") -> bytes:
    if not leaves:
        return ZERO
    level = list(leaves)
    while len(level) > 1:
        if len(level) % 2:
            level.append(level[-1])
        level = [node(encoding, level[i], level[i + 1]) for i in range(0, len(level), 2)]
    return level[0]


def prove(leaves, index, encoding="hex0x"):
    path, level, i = [], list(leaves), index
    while len(level) > 1:
        if len(level) % 2:
            level.append(level[-1])
        sib = i ^ 1
        path.append((level[sib], "left" if sib < i else "right"))
        level = [node(encoding, level[j], level[j + 1]) for j in range(0, len(level), 2)]
        i //= 2
    return path


def fold(leaf, path, encoding="hex0x") -> bytes:
    acc = leaf
    for h, side in path:
        acc = node(encoding, h, acc) if side == "left" else node(encoding, acc, h)
    return acc


def expected_sides(index, count):
    """The sides, and which steps are padding, that an n-leaf tree gives item `index`."""
    sides, n, i = [], count, index
    while n > 1:
        padded = i == n - 1 and n % 2 == 1
        sides.append(("left" if i % 2 else "right", padded))
        n, i = (n + 1) // 2, i // 2
    return sides


def verify_bound(leaf, index, count, path, trusted_root, encoding="hex0x") -> str:
    """A proof check bound to the leaf count; returns "ok" or why not."""
    if count == 0 or not 0 <= index < count:
        return "index %d out of range for %d leaves" % (index, count)
    sides = expected_sides(index, count)
    if len(path) != len(sides):
        return "path length %d, an %d-leaf tree needs %d" % (len(path), count, len(sides))
    acc = leaf
    for level, ((h, side), (want, padded)) in enumerate(zip(path, sides)):
        if side != want:
            return "step %d on the %s, must be %s" % (level, side, want)
        if padded and h != acc:
            return "step %d is padding: sibling must equal the node itself" % level
        acc = node(encoding, h, acc) if side == "left" else node(encoding, acc, h)
    return "ok" if acc == trusted_root else "root mismatch"


def multiproof_siblings(leaves, indices, encoding="hex0x"):
    """Siblings of a multi-proof, each once, leaf level first, left to right."""
    level, known, out = list(leaves), sorted(set(indices)), []
    while len(level) > 1:
        n = len(level)
        if n % 2:
            level.append(level[-1])
        ks = set(known)
        for i in known:
            if i % 2 == 0 and i + 1 not in ks and i != n - 1:
                out.append(level[i + 1])
            elif i % 2 == 1 and i - 1 not in ks:
                out.append(level[i - 1])
        level = [node(encoding, level[j], level[j + 1]) for j in range(0, len(level), 2)]
        known = sorted({i // 2 for i in known})
    return out


# --- self-check against the vectors ------------------------------------------

def check_vectors() -> int:
    v = json.loads(VECTORS.read_text(encoding="utf-8"))
    bad = 0

    def expect(what, got, want):
        nonlocal bad
        if got != want:
            bad += 1
            print("MISMATCH %s: got %s want %s" % (what, got, want), file=sys.stderr)

    for i, c in enumerate(v["canonical"]):
        expect("canonical[%d]" % i, canonical(c["value"]), c["canonical"])
    for i, c in enumerate(v["items"]):
        expect("items[%d].canonical" % i, canonical(c["item"]), c["canonical"])
        expect("items[%d].itemHash" % i, hx(item_hash(c["item"])), c["itemHash"])
    proofs = 0
    for t in v["trees"]:
        leaves = [bytes.fromhex(h[2:]) for h in t["itemHashes"]]
        if "items" in t and t["items"]:
            expect("tree %d items" % t["count"], [hx(item_hash(x)) for x in t["items"]], t["itemHashes"])
        expect("tree %d root" % t["count"], hx(root(leaves)), t["itemsRoot"])
        for enc, want in t["itemsRootByEncoding"].items():
            expect("tree %d %s root" % (t["count"], enc), hx(root(leaves, enc)), want)
        sets = [("hex0x", t.get("proofs", []))] + list(t.get("proofsByEncoding", {}).items())
        for enc, ps in sets:
            r = root(leaves, enc)
            for p in ps:
                path = [(bytes.fromhex(s["hash"][2:]), s["position"]) for s in p["path"]]
                mine = prove(leaves, p["index"], enc)
                expect("tree %d %s proof %d" % (t["count"], enc, p["index"]), mine, path)
                expect("tree %d %s verify %d" % (t["count"], enc, p["index"]),
                       verify_bound(leaves[p["index"]], p["index"], len(leaves), path, r, enc), "ok")
                proofs += 1
    print("vectors: %d canonical, %d items, %d trees, %d proofs checked, %d mismatches"
          % (len(v["canonical"]), len(v["items"]), len(v["trees"]), proofs, bad))
    return bad


# --- the worked examples -----------------------------------------------------

def examples():
    print("\n## spec section 2: hash function")
    print('keccak256("")  =', hx(keccak256(b"")))
    print('sha3_256("")   =', "0x" + hashlib.sha3_256(b"").hexdigest())
    print('keccak256("abc") =', hx(keccak256(b"abc")))

    print("\n## spec section 3: canonical JSON")
    for value in ({"b": [1.0, 42.50, -0.0], "a": {"é": None, "Z": True}},
                  [1e21, 1e20, 1e-7, 1.5e-6, 123e-20, 0.1 + 0.2, 2 ** 53 + 1],
                  {"｡": 2, "😀": 1},
                  json.loads(r'{"s":"tab\tquote\" slash\/ bell\u0007 del\u007f \u00e9"}')):
        print(canonical(value))
    for bad in (float("nan"), "\ud800"):
        try:
            canonical(bad)
        except Refused as e:
            print("refused:", e)
    # (The JavaScript object order of the same value, {"9":2,"10":1,"a":4,"b":3},
    # comes from a JavaScript engine; see docs/spec.md section 14.)
    print("RFC 8785 order:", canonical({"10": 1, "9": 2, "b": 3, "a": 4}))

    print("\n## spec section 4: item hash under the four mappings")
    delta = {"customerId": "cust_42", "delta": 42.5, "reason": "api_call"}
    for ak in ("delta", "amount"):
        for ar in ("omit", "null"):
            item = delta_to_item(delta, ak, ar)
            pre = ITEM_PREFIX + canonical(item).encode()
            print("%-6s %-4s %3d bytes %s  %s" % (ak, ar, len(pre), canonical(item), hx(keccak256(pre))))

    print("\n## spec sections 5 and 6: node hashes and a three-leaf tree")
    deltas = [
        {"customerId": "cust_42", "delta": 42.5, "reason": "api_call"},
        {"customerId": "cust_42", "delta": -10, "reason": "refund", "referenceId": "inv_7"},
        {"customerId": "cust_7", "delta": 0.1, "reason": "api_call", "metadata": {"units": 3}},
    ]
    leaves = [item_hash(delta_to_item(d)) for d in deltas]
    for i, (d, l) in enumerate(zip(deltas, leaves)):
        print("leaf %d %s  %s" % (i, hx(l), canonical(delta_to_item(d))))
    a, b, c = leaves
    for enc in ENCODINGS:
        pre = node_preimage(enc, a, b)
        n01, n22 = node(enc, a, b), node(enc, c, c)
        print("%-5s preimage %3d bytes  node(0,1) %s  node(2,2) %s  root %s"
              % (enc, len(pre), hx(n01), hx(n22), hx(root(leaves, enc))))
    print("hex0x preimage of node(0,1):", node_preimage("hex0x", a, b).decode())
    print("root of 0 leaves:", hx(root([])), " root of [leaf 0]:", hx(root([a])))
    print("root [a,b,c] == root [a,b,c,c]:", root(leaves) == root(leaves + [c]))

    print("\n## spec section 7: proofs bound to the leaf count")
    path = prove(leaves, 2)
    for h, side in path:
        print("  step", side, hx(h))
    r = root(leaves)
    print("item 2 of 3:", verify_bound(c, 2, 3, path, r))
    forged = [(c, "left"), path[1]]  # the padded copy of c, presented as a fourth item
    print("forged item 3 folds to the root:", fold(c, forged) == r)
    print("forged item 3, count 3 (from the receipt):", verify_bound(c, 3, 3, forged, r))
    print("forged item 3, count 4 (from the prover):", verify_bound(c, 3, 4, forged, r))
    print("honest path with its padding step flipped:", verify_bound(c, 2, 3, [(c, "left"), path[1]], r))

    print("\n## spec section 8: multi-proof of items 0 and 2 of 3")
    sibs = multiproof_siblings(leaves, [0, 2])
    print("siblings:", [hx(s) for s in sibs])
    eight = [bytes([i]) * 32 for i in range(8)]
    print("items 0,1,6 of 8 carry", len(multiproof_siblings(eight, [0, 1, 6])), "siblings")

    print("\n## spec section 10: webhook signatures")
    secret, body = b"whsec_example", b'{"event":"delta.verified"}'
    for ts in ("1767225600", "1767225600000"):
        tag = hmac.new(secret, ts.encode() + b"." + body, hashlib.sha256).hexdigest()
        print("timestamp %s: X-PacSpace-Signature: v1=%s" % (ts, tag))

    print("\n## spec section 14: SDK summary referenceId")
    for amount in (12.5, 100):
        payload = {"customerId": "cust_42", "delta": float(amount),
                   "windowEnd": "2026-02-01T00:00:00Z", "windowStart": "2026-01-01T00:00:00Z"}
        text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
        print(text, "-> sum_" + hashlib.sha256(text.encode()).hexdigest()[:48])

    print("\n## spec section 16.4: balance arithmetic")
    for amounts in ([0.1] * 10, [6578.71, -9271.72, 7761.96], [0.1, 0.2]):
        dbl = 0.0
        for x in amounts:
            dbl += x
        dec = sum((Decimal(repr(x)) for x in amounts), Decimal(0))
        print("%s: double %s, decimal %s" % (amounts if len(amounts) < 5 else "0.1 x 10",
                                              es_number(dbl), dec.normalize()))


if __name__ == "__main__":
    failures = check_vectors()
    if failures:
        sys.exit(1)
    examples()
