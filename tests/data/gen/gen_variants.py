#!/usr/bin/env python3
"""Writes tests/data/variants-v1.json: known answers for every canonical and
item-mapping variant (docs/spec.md, section 4.3), computed without the verifier:

- RFC 8785 order and JavaScript strings: the official SDK's canonicaliser
  (pacspace-sdk 0.7.0, record_disclosure.canonicalize_jcs);
- JavaScript object order: Node's JSON.stringify of the object rebuilt with
  sorted keys (tests/sdk/js_object.mjs);
- Keccak-256: pycryptodome, checked against the SDK's own keccak256;
- SHA3-256 (near-miss diagnostics): Python's hashlib;
- summaries: the SDK's SubmissionCoordinator, its batch call captured.

Run from the repository root, in a virtual environment holding
`pacspace-sdk==0.7.0` and `pycryptodome`, with `node` on the PATH:

    python3 tests/data/gen/gen_variants.py > tests/data/variants-v1.json
"""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from Crypto.Hash import keccak as pycryptodome_keccak
from pacspace_sdk.keccak import keccak256 as sdk_keccak256
from pacspace_sdk.record_disclosure import _has_lone_surrogate, canonicalize_jcs
from pacspace_sdk.submission import SubmissionCoordinator

ROOT = Path(__file__).resolve().parents[3]
NODE_SCRIPT = ROOT / "tests" / "sdk" / "js_object.mjs"
ITEM_PREFIX = b"pacspace:item:v1:"


def keccak(data: bytes) -> str:
    h = pycryptodome_keccak.new(digest_bits=256)
    h.update(data)
    digest = h.digest()
    assert digest == sdk_keccak256(data), "pycryptodome and the SDK disagree on Keccak-256"
    return "0x" + digest.hex()


def sha3(data: bytes) -> str:
    return "0x" + hashlib.sha3_256(data).hexdigest()


def node_js_object(texts):
    """JSON.stringify(rebuilt with sorted keys) of each JSON text, or None when Node refuses it."""
    requests = "".join(json.dumps({"text": t}) + "\n" for t in texts)
    done = subprocess.run(["node", str(NODE_SCRIPT)], input=requests, capture_output=True, text=True, check=True)
    answers = [json.loads(line) for line in done.stdout.split("\n") if line]
    assert len(answers) == len(texts)
    return [a.get("out") for a in answers]


def sdk_canonical(text):
    try:
        return canonicalize_jcs(json.loads(text))
    except Exception:  # noqa: BLE001 - JcsError, ValueError: no canonical form
        return None


# Inputs chosen for what they exercise; every answer below is computed.
CANONICAL_TEXTS = [
    '{"10":1,"9":2,"1":3}',
    '{"b":1,"a":2,"__proto__":{"x":1},"0":0}',
    '{"__proto__":5,"a":1}',
    '{"4294967294":1,"4294967295":2,"01":3,"1":4,"-1":5,"1.0":6,"":7,"00":8}',
    '["\\ud800","\\udfff","a\\ud83d\\ude00b","\\ude00\\ud83d","\\uDBFF\\uDFFF"]',
    '{"\\ud800":1,"\\uffff":2,"\\ud83d\\ude00":3,"\\udc00":4}',
    '{"m":{"2":{"10":[{"1":1,"0":0}],"9":null},"1":"\\ud834"}}',
    '{"a":1,"a":2,"10":1,"10":{"b":0}}',
    '[1.0,1e21,1e-7,-0,9007199254740993,0.1]',
    '[1E400]',
    '"\\u0000\\u001f\\u007f\\u2028/"',
    '{"é":1,"z":2,"😀":3,"｡":4,"Z":5}',
    '{"0":1,"00":2,"a":3,"10":4,"2":5,"__proto__":null}',
    '[]',
    '{}',
]

DELTAS = [
    '{"customerId":"c1","delta":-150,"reason":"api_call"}',
    '{"customerId":"c1","delta":-10,"reason":"adjustment","adjusts":{"referenceId":"inv_001"}}',
    '{"customerId":"c2","delta":5,"reason":"usage","referenceId":"r1",'
    '"metadata":{"10":"a","9":"b","__proto__":{"p":1},"z":[{"1":1,"0":0}]}}',
    '{"customerId":"c3","delta":0.1,"reason":"r\\ud800","metadata":{"k":"\\udfff"}}',
    '{"customerId":"c4\\udbff","amount":1e21,"reason":"x","adjusts":{"2":"\\ud800","10":1},"metadata":{"1":null}}',
    '{"customerId":"c5","delta":1,"reason":"r","referenceId":null,"adjusts":null,"sentAt":"2025-01-01"}',
]

MAPPINGS = [
    {"amountKey": a, "absentReferenceId": r, "adjusts": adj, "keyOrder": k, "strings": s}
    for (k, s) in [("code-units", "refuse"), ("code-units", "js"), ("js-object", "refuse"), ("js-object", "js")]
    for adj in ["omit", "include"]
    for a in ["delta", "amount"]
    for r in ["omit", "null"]
]


def item_object(delta, mapping):
    """The hashed item under a mapping (docs/spec.md, sections 4.2 and 4.3), built from the parsed delta."""
    item = {"customerId": delta["customerId"]}
    amount = delta["delta"] if "delta" in delta else delta["amount"]
    item[mapping["amountKey"]] = amount
    item["reason"] = delta["reason"]
    if delta.get("referenceId") is not None:
        item["referenceId"] = delta["referenceId"]
    elif mapping["absentReferenceId"] == "null":
        item["referenceId"] = None
    if delta.get("metadata") is not None:
        item["metadata"] = delta["metadata"]
    if mapping["adjusts"] == "include" and delta.get("adjusts") is not None:
        item["adjusts"] = delta["adjusts"]
    return item


def canonical_under(text, value, key_order, strings, node_answer):
    out = canonicalize_jcs(value) if key_order == "code-units" else node_answer
    # Under "refuse", a lone surrogate left in the output has no canonical form
    # (one inside a dropped __proto__ member is not written at all).
    if strings == "refuse" and out is not None and _has_lone_surrogate(json.loads(out)):
        return None
    return out


SUMMARIES = [
    ({"customerId": " cust_1 ", "delta": 12, "windowStart": "2025-01-01T00:00:00Z",
      "windowEnd": "2025-01-02T00:00:00+00:00"}, "daily", "usage_summary"),
    ({"customerId": "c\u00e9\ud800", "delta": 1e16, "windowStart": "2025-01-01T00:00:00+01:00",
      "windowEnd": "2025-01-02", "metadata": {"plan": "pro", "summaryProfile": "mine"}}, "sub_daily", "usage_summary"),
    ({"customerId": "c", "delta": 1e-7, "windowStart": "2024-02-29 23:59:59.9999999-05:30",
      "windowEnd": "2024-03-01T12", "referenceId": "  ref_9  ", "reason": ""}, "immediate", "summary"),
    ({"customerId": "c", "delta": -0.5, "windowStart": "2025-01-01T00:00:00.5Z",
      "windowEnd": "2025-01-01T00:00:00Z"}, "daily", "usage_summary"),
    ({"customerId": "c", "delta": True, "windowStart": "2025-06-30T23:00", "windowEnd": "2025-07-01T01:00+00:75",
      "referenceId": "   ", "metadata": [1, 2], "reason": "weekly"}, "daily", "usage_summary"),
    ({"customerId": "\u3000", "delta": 1, "windowStart": "2025-01-01", "windowEnd": "2025-01-02"},
     "daily", "usage_summary"),
    ({"customerId": "c", "delta": 0, "windowStart": "2025-01-01", "windowEnd": "2025-01-02"},
     "daily", "usage_summary"),
    ({"customerId": "c", "delta": 1, "windowStart": "2025-02-30", "windowEnd": "2025-03-02"},
     "daily", "usage_summary"),
    ({"customerId": "c\u007f\"\\\n", "delta": 123456789.125, "windowStart": "2025-01-02", "windowEnd": "2025-01-01"},
     "daily", "usage_summary"),
]

PYTHON_FLOATS = [1.0, 12.0, -150.0, 0.1, 1e-7, 1e-5, 1e-4, 0.0001234, 1e15, 1e16, 1.5e16, 123456789012345678.0,
                 9007199254740993.0, 5e-324, 1.7976931348623157e308, 0.30000000000000004, 2.5e-5, 1e22, 1e21, 100.5]

TIMESTAMPS = ["2025-01-01", "2025-01-01T00:00:00Z", " 2025-01-31T23:30:00-01:00 ", "2025-01-01 12:00:00.5Z",
              "2024-02-29T12", "2023-02-29", "2025-01-01T24:00", "2025-01-01T12:00+00:75", "2025-12-31T23:59:59+23:59",
              "9999-12-31T23:59:59-00:01", "0001-01-01T00:00:00+00:01", "2025-01-01T12:30:45,1234567",
              "2025-01-01T12:30:45+0530", "2025-01-01T12:3", "", "\u3000", "2025-01-01T12:00:00-00:00:00.5",
              "2025-01-01T12:00:00-00:00:01.5", "2025-01-01T12:00:00-23:59:59.999999"]


def wire_delta(summary, profile, default_reason):
    captured = []

    def submit(payload):
        captured.extend(payload)
        return {"results": [{"index": i, "status": "QUEUED"} for i in range(len(payload))]}

    coordinator = SubmissionCoordinator(submit, {
        "profile": profile, "enterprise": True, "autoStart": False, "autoFlushOnShutdown": False,
        "maxRequestsPerMinute": 10 ** 9, "defaultReason": default_reason})
    try:
        coordinator.queue_summary(summary)
        if profile != "immediate":
            coordinator.flush_summaries()
    except Exception:  # noqa: BLE001 - the SDK refuses the summary
        return None
    (sent,) = captured
    return canonicalize_jcs(sent)


def normalized_timestamp(text):
    coordinator = SubmissionCoordinator(lambda p: {}, {"autoStart": False, "autoFlushOnShutdown": False})
    try:
        return coordinator._normalize_iso(text, "windowStart")
    except Exception:  # noqa: BLE001
        return None


def main():
    node = node_js_object(CANONICAL_TEXTS)
    canonical = []
    for text, js_answer in zip(CANONICAL_TEXTS, node):
        value = json.loads(text)
        entry = {"text": text}
        for key_order, name in [("code-units", "codeUnits"), ("js-object", "jsObject")]:
            entry[name] = {}
            for strings in ["refuse", "js"]:
                if sdk_canonical(text) is None:  # no canonical form at all (a number beyond the double range)
                    entry[name][strings] = None
                else:
                    entry[name][strings] = canonical_under(text, value, key_order, strings, js_answer)
        canonical.append(entry)

    items = []
    item_texts = []
    plan = []
    for d in DELTAS:
        delta = json.loads(d)
        for m in MAPPINGS:
            obj = item_object(delta, m)
            plan.append((d, m, obj))
            item_texts.append(json.dumps(obj))
    node_items = node_js_object(item_texts)
    by_delta = {}
    for (d, m, obj), js_answer in zip(plan, node_items):
        text = canonical_under(None, obj, m["keyOrder"], m["strings"], js_answer)
        entry = {"mapping": m, "canonical": text}
        if text is not None:
            entry["itemHash"] = keccak(ITEM_PREFIX + text.encode("utf-8"))
            entry["sha3ItemHash"] = sha3(ITEM_PREFIX + text.encode("utf-8"))
        by_delta.setdefault(d, []).append(entry)
    for d in DELTAS:
        items.append({"delta": d, "hashes": by_delta[d]})

    summaries = [
        {"summary": json.dumps(s), "profile": p, "defaultReason": r, "wireDelta": wire_delta(s, p, r)}
        for (s, p, r) in SUMMARIES
    ]
    floats = [{"value": repr(v), "repr": json.dumps(v)} for v in PYTHON_FLOATS]
    timestamps = [{"text": t, "normalized": normalized_timestamp(t)} for t in TIMESTAMPS]
    sha3_cases = [{"input": s.hex(), "sha3_256": sha3(s)} for s in [b"", b"abc", bytes(range(200))]]

    out = {
        "version": 1,
        "generator": "tests/data/gen/gen_variants.py: pacspace-sdk 0.7.0 canonicalize_jcs and "
                     "SubmissionCoordinator, Node JSON.stringify (tests/sdk/js_object.mjs), "
                     "pycryptodome Keccak-256 (checked against the SDK's keccak256), hashlib SHA3-256",
        "canonical": canonical,
        "items": items,
        "summaries": summaries,
        "pythonFloats": floats,
        "timestamps": timestamps,
        "sha3": sha3_cases,
    }
    json.dump(out, sys.stdout, indent=1, ensure_ascii=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
