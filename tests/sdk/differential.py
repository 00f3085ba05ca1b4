#!/usr/bin/env python3
"""Differential tests of the verifier against the official Python SDK
(`pacspace-sdk` 0.7.0) and Node's JSON.stringify.

Generates random inputs from a printed seed, asks the SDK (and Node) for the
expected answers, asks the verifier through `examples/differential` (one
process, JSON lines), and compares:

  canonical  canonical JSON under both key orders and both string modes:
             the SDK's canonicaliser (RFC 8785 order, lone surrogates as
             \\udxxx) and Node (JavaScript object order);
  items      item hashes under random mapping variants, with the SDK's own
             Keccak-256 (and pycryptodome's), plus the SHA3-256 near-miss hash;
  webhooks   signature verification against the SDK's `webhooks` module:
             generated secrets, bodies, timestamps (s and ms) and rotations;
  summaries  the wire delta (and so the `sum_` referenceId rule) against the
             SDK's SubmissionCoordinator.

Each family draws `--count` inputs inside the documented domain, where any
difference is a failure, plus a few edge inputs outside it, whose differences
are counted and listed as documented differences (never a failure).

Usage: differential.py --bin PATH [--seed N] [--count N] [--node node]
Exit status: 0 all agreed, 1 a difference inside the domain, 2 setup error.
"""

import argparse
import hashlib
import json
import random
import subprocess
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the repository
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen_inputs as gen  # noqa: E402
from Crypto.Hash import keccak as pycryptodome_keccak  # noqa: E402
from pacspace_sdk import Webhooks  # noqa: E402
from pacspace_sdk.keccak import keccak256 as sdk_keccak256  # noqa: E402
from pacspace_sdk.record_disclosure import _has_lone_surrogate, canonicalize_jcs  # noqa: E402
from pacspace_sdk.submission import SubmissionCoordinator  # noqa: E402
import pacspace_sdk.webhooks.verify as sdk_webhook_module  # noqa: E402

ITEM_PREFIX = b"pacspace:item:v1:"


def run_lines(cmd, requests):
    """Feeds JSON requests to one process, returns its JSON answers in order."""
    data = "".join(json.dumps(r) + "\n" for r in requests)
    done = subprocess.run(cmd, input=data.encode("ascii"), capture_output=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{cmd[0]} failed ({done.returncode}): {done.stderr.decode(errors='replace')[:2000]}")
    # split on "\n" only: JSON.stringify leaves U+2028 raw, which splitlines() would cut at.
    answers = [json.loads(line) for line in done.stdout.decode("utf-8").split("\n") if line]
    if len(answers) != len(requests):
        sys.exit(f"{cmd[0]}: {len(answers)} answers to {len(requests)} requests")
    return answers


class Tally:
    def __init__(self, name):
        self.name = name
        self.inputs = 0
        self.comparisons = 0
        self.mismatches = []
        self.edge_inputs = 0
        self.documented = {}

    def compare(self, expected, got, what):
        self.comparisons += 1
        if expected != got:
            self.mismatches.append((what, expected, got))

    def edge(self, category, expected, got):
        self.edge_inputs += 1
        if expected != got:
            self.documented[category] = self.documented.get(category, 0) + 1

    def report(self):
        line = (f"{self.name}: {self.inputs} inputs, {self.comparisons} comparisons, "
                f"{len(self.mismatches)} differences")
        if self.edge_inputs:
            line += f"; {self.edge_inputs} edge inputs outside the domain"
            if self.documented:
                line += ", documented differences: " + ", ".join(f"{k} x{v}" for k, v in sorted(self.documented.items()))
        print(line)
        for what, expected, got in self.mismatches[:5]:
            print(f"  DIFFERENCE {what}\n    SDK/Node: {expected!r}\n    verifier: {got!r}")


def outcome(answer):
    return ("ok", answer["ok"]) if "ok" in answer else ("refused", None)


def sdk_canonical(value):
    try:
        return ("ok", canonicalize_jcs(value))
    except Exception:  # noqa: BLE001
        return ("refused", None)


KEYS = [(k, m) for k in ("code-units", "js-object") for m in ("refuse", "js")]


def canonical_family(rng, count, bin_cmd, node_cmd):
    t = Tally("canonical JSON")
    texts = [gen.json_text(rng) for _ in range(count)]
    edges = [gen.edge_json_text(rng) for _ in range(max(20, count // 500))]
    every = texts + edges
    requests = [{"op": "canonical", "text": s, "keyOrder": k, "strings": m} for s in every for (k, m) in KEYS]
    ours = run_lines(bin_cmd, requests)
    node = run_lines(node_cmd, [{"text": s} for s in every]) if node_cmd else None
    for i, text in enumerate(every):
        value = json.loads(text)
        lone = _has_lone_surrogate(value)
        sdk = sdk_canonical(value)
        js = None
        if node is not None:
            js = ("ok", node[i]["out"]) if "out" in node[i] else ("refused", None)
        for j, (k, m) in enumerate(KEYS):
            got = outcome(ours[4 * i + j])
            if k == "code-units":
                expected = ("refused", None) if (m == "refuse" and lone) else sdk
            elif js is None:
                continue
            elif sdk[0] == "refused":
                # A number beyond the double range: RFC 8785 and the SDK refuse
                # it, as the verifier does in every mode; JSON.stringify writes null.
                t.edge("number beyond the double range (refused; JSON.stringify writes null)", js, got)
                continue
            else:
                # Under "refuse", a lone surrogate left in the output is refused
                # (one inside a dropped __proto__ member is not written at all).
                written_lone = js[0] == "ok" and _has_lone_surrogate(json.loads(js[1]))
                expected = ("refused", None) if (m == "refuse" and written_lone) else js
            t.compare(expected, got, f"{k} {m} {text}")
        if i < len(texts):
            t.inputs += 1
    return t


def keccak_both(data):
    sdk = sdk_keccak256(data)
    h = pycryptodome_keccak.new(digest_bits=256)
    h.update(data)
    assert h.digest() == sdk, "pycryptodome and the SDK disagree on Keccak-256"
    return "0x" + sdk.hex()


def items_family(rng, count, bin_cmd, node_cmd):
    t = Tally("item hashes (SDK Keccak-256)")
    # As the service reads them: through JSON text (a surrogate pair is one character).
    deltas = [gen.wire(gen.delta(rng)) for _ in range(count)]
    plans = []
    for d in deltas:
        mapping = gen.mapping(rng, d)
        item = gen.item_object(d, mapping)
        plans.append((d, mapping, item))
    need_node = [json.dumps(item) for (_, m, item) in plans if m["keyOrder"] == "js-object"]
    node_out = iter(run_lines(node_cmd, [{"text": s} for s in need_node])) if node_cmd and need_node else iter(())
    requests = [{"op": "itemHash", "delta": json.dumps(d), "mapping": m} for (d, m, _) in plans]
    ours = run_lines(bin_cmd, requests)
    for (d, m, item), answer in zip(plans, ours):
        if m["keyOrder"] == "js-object":
            if node_cmd is None:
                continue
            text = next(node_out).get("out")
        else:
            text = canonicalize_jcs(item)
        if m["strings"] == "refuse" and _has_lone_surrogate(json.loads(text)):
            expected = ("refused", None, None)
        else:
            data = ITEM_PREFIX + text.encode("utf-8")
            expected = ("ok", keccak_both(data), "0x" + hashlib.sha3_256(data).hexdigest())
        got = ("ok", answer["ok"], answer["sha3"]) if "ok" in answer else ("refused", None, None)
        t.inputs += 1
        t.compare(expected, got, f"{m} {json.dumps(d)}")
    return t


NOW = 1_700_000_000


def webhook_family(rng, count, bin_cmd):
    t = Tally("webhook signatures (SDK webhooks module)")
    cases = [gen.webhook_case(rng, NOW) for _ in range(count)]
    edges = [gen.edge_webhook_case(rng, NOW) for _ in range(max(20, count // 100))]
    requests = [{"op": "webhook", "now": NOW, **{k: c[k] for k in ("secret", "signature", "timestamp", "body",
                                                                    "tolerance")}} for c in cases + edges]
    ours = run_lines(bin_cmd, requests)
    real_time = sdk_webhook_module.time.time
    sdk_webhook_module.time.time = lambda: float(NOW)
    try:
        for i, (c, answer) in enumerate(zip(cases + edges, ours)):
            try:
                Webhooks(c["secret"]).verify(c["signature"], c["timestamp"], c["body"], tolerance=c["tolerance"])
                expected = "accepted"
            except Exception:  # noqa: BLE001 - WebhookVerificationError
                expected = "rejected"
            got = "accepted" if "ok" in answer else "rejected"
            if i < len(cases):
                t.inputs += 1
                t.compare(expected, got, json.dumps(c))
            else:
                t.edge(c["category"], expected, got)
    finally:
        sdk_webhook_module.time.time = real_time
    return t


def sdk_wire_delta(summary, profile, default_reason):
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
    except Exception:  # noqa: BLE001 - refused by the SDK
        return ("refused", None)
    (sent,) = captured
    # What the service reads: the JSON text the SDK sends (json.dumps), parsed.
    return ("ok", canonicalize_jcs(gen.wire(sent)))


def summaries_family(rng, count, bin_cmd):
    t = Tally("summary wire deltas and sum_ referenceIds (SDK SubmissionCoordinator)")
    cases = [gen.summary_case(rng) for _ in range(count)]
    edges = [gen.edge_summary_case(rng) for _ in range(max(20, count // 200))]
    requests = [{"op": "wireDelta", "summary": json.dumps(s), "profile": p, "defaultReason": r}
                for (s, p, r, _) in cases + edges]
    ours = run_lines(bin_cmd, requests)
    generated_ids = 0
    for i, ((s, p, r, category), answer) in enumerate(zip(cases + edges, ours)):
        expected = sdk_wire_delta(s, p, r)
        got = outcome(answer)
        if i < len(cases):
            t.inputs += 1
            t.compare(expected, got, json.dumps([s, p, r]))
            if expected[0] == "ok" and '"referenceId":"sum_' in expected[1]:
                generated_ids += 1
        else:
            t.edge(category, expected[0], got[0])
    t.name += f" ({generated_ids} generated referenceIds)"
    return t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True, help="path of the built examples/differential binary")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--node", default="node", help="node executable, or '' to skip the Node comparisons")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2 ** 32)
    print(f"seed {seed} (rerun: --seed {seed}), {args.count} inputs per family")
    bin_cmd = [args.bin]
    node_cmd = [args.node, str(HERE / "js_object.mjs")] if args.node else None
    if node_cmd is None:
        print("SKIPPED: Node comparisons (JavaScript object key order): node not available")
    started = time.monotonic()
    tallies = []
    for family in (canonical_family, items_family):
        tallies.append(family(random.Random(f"{seed}:{family.__name__}"), args.count, bin_cmd, node_cmd))
    for family in (webhook_family, summaries_family):
        tallies.append(family(random.Random(f"{seed}:{family.__name__}"), args.count, bin_cmd))
    for t in tallies:
        t.report()
    failed = sum(len(t.mismatches) for t in tallies)
    print(f"{sum(t.inputs for t in tallies)} inputs, {sum(t.comparisons for t in tallies)} comparisons, "
          f"{failed} differences, {time.monotonic() - started:.1f}s (seed {seed})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
