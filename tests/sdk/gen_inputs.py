"""Random inputs for the differential tests (tests/sdk/differential.py).

Everything is drawn from the `random.Random` passed in, so a seed reproduces
a run. Inputs stay inside the documented domain unless a function's name
starts with `edge_`.
"""

import hashlib
import hmac
import json
import math
import struct

PY_SPACES = ["\t", "\n", "\x0b", "\x0c", "\r", "\x1c", "\x1f", " ", "\x85", "\xa0", "\u1680", "\u2000",
             "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000"]
SPECIAL_CHARS = ['"', "\\", "/", "\b", "\f", "\n", "\r", "\t", "\x00", "\x1f", "\x7f", "\x80", "é", "\u2028",
                 "\u2029", "\ufeff", "\uffff", "｡", "😀", "\U0010ffff", "\U0001d11e"]
INDEX_KEYS = ["0", "1", "2", "9", "10", "11", "100", "4294967294", "4294967295", "4294967296", "01", "00", "-1",
              "1.0", "1e3", " 1", "", "__proto__", "__proto", "constructor", "length"]


def wire(value):
    """The value as it arrives through JSON text: a high surrogate followed by
    a low one becomes the character they form, as JSON.parse and json.loads read it."""
    return json.loads(json.dumps(value))


def lone(rng):
    return chr(rng.choice([0xD800, 0xDBFF, 0xDC00, 0xDFFF, rng.randint(0xD800, 0xDFFF)]))


def text(rng, allow_lone=True, max_len=8):
    out = []
    for _ in range(rng.randint(0, max_len)):
        r = rng.random()
        if r < 0.55:
            out.append(chr(rng.randint(0x20, 0x7e)))
        elif r < 0.8:
            out.append(rng.choice(SPECIAL_CHARS))
        elif r < 0.9:
            out.append(chr(rng.choice([rng.randint(0xa0, 0xd7ff), rng.randint(0xe000, 0xfffd),
                                       rng.randint(0x10000, 0x10ffff)])))
        elif allow_lone:
            if rng.random() < 0.3:
                out.append("\udc00\ud800")  # a reversed pair: two lone surrogates
            else:
                out.append(lone(rng))
        else:
            out.append("x")
    return "".join(out)


def key(rng, allow_lone=True):
    return rng.choice(INDEX_KEYS) if rng.random() < 0.35 else text(rng, allow_lone, 5)


def number_token(rng, max_exp=300):
    r = rng.random()
    if r < 0.25:
        return str(rng.randint(-1000, 1000))
    if r < 0.35:
        return str(rng.choice([2 ** 53 + 1, 2 ** 63, 10 ** 21, 10 ** 22 + 1, -(2 ** 64) - 1, 123456789012345678901]))
    if r < 0.5:
        return rng.choice(["1.0", "-0", "-0.0", "0.0", "1E5", "1e+5", "1e-7", "0.000001", "123.4500", "5e-324",
                           "1.7976931348623157e308", "0.1", "100e-2", "4.35", "1e21", "1e20", "9.999999999999999e22"])
    if r < 0.75:
        while True:
            v = struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0]
            if math.isfinite(v) and abs(v) < 10.0 ** max_exp:
                return repr(v)
    mantissa = rng.choice(["1", "12", "1.5", "9.87654321", "3.14159"])
    return f"{'-' if rng.random() < 0.3 else ''}{mantissa}{rng.choice('eE')}{rng.choice(['', '+', '-'])}" \
           f"{rng.randint(0, 25)}"


def ws(rng):
    return rng.choice(["", "", "", "", " ", "\n", "\t", "\r\n  "])


def string_token(rng, s):
    """A JSON string literal for s, escaped in varied ways (lone surrogates always as escapes)."""
    out = ['"']
    for ch in s:
        code = ord(ch)
        hexcase = (lambda h: h.upper()) if rng.random() < 0.3 else (lambda h: h)
        if 0xD800 <= code <= 0xDFFF:
            out.append("\\u" + hexcase(f"{code:04x}"))
        elif ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif code < 0x20:
            short = {"\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch)
            out.append(short if short and rng.random() < 0.7 else "\\u" + hexcase(f"{code:04x}"))
        elif rng.random() < 0.1:
            if code >= 0x10000:
                c = code - 0x10000
                out.append("\\u" + hexcase(f"{0xD800 + (c >> 10):04x}") + "\\u" + hexcase(f"{0xDC00 + (c & 0x3ff):04x}"))
            else:
                out.append("\\u" + hexcase(f"{code:04x}"))
        elif ch == "/" and rng.random() < 0.5:
            out.append("\\/")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def value_text(rng, depth, allow_lone=True):
    r = rng.random()
    if depth >= 4 or r < 0.45:
        s = rng.random()
        if s < 0.35:
            return string_token(rng, text(rng, allow_lone))
        if s < 0.8:
            return number_token(rng)
        return rng.choice(["true", "false", "null"])
    if r < 0.65:
        items = [value_text(rng, depth + 1, allow_lone) for _ in range(rng.randint(0, 4))]
        return "[" + ws(rng) + ("," + ws(rng)).join(items) + ws(rng) + "]"
    members = []
    for _ in range(rng.randint(0, 6)):
        k = key(rng, allow_lone)
        members.append(string_token(rng, k) + ws(rng) + ":" + ws(rng) + value_text(rng, depth + 1, allow_lone))
        if rng.random() < 0.08:  # the same key again: the last value wins
            members.append(string_token(rng, k) + ":" + value_text(rng, depth + 1, allow_lone))
    return "{" + ws(rng) + ("," + ws(rng)).join(members) + ws(rng) + "}"


def json_text(rng):
    return ws(rng) + value_text(rng, 0) + ws(rng)


def edge_json_text(rng):
    """Outside RFC 8785's domain: a number beyond the double range."""
    big = rng.choice(["1e400", "-1E309", "2e308", "1" + "0" * 310])
    return rng.choice([f"[{big}]", f'{{"a":{big},"10":1}}', big])


def json_value(rng, depth=0, allow_lone=True):
    return json.loads(value_text(rng, depth, allow_lone))


MAPPING_CHOICES = [
    {"amountKey": a, "absentReferenceId": r, "adjusts": adj, "keyOrder": k, "strings": s}
    for k in ("code-units", "js-object") for s in ("refuse", "js")
    for adj in ("omit", "include") for a in ("delta", "amount") for r in ("omit", "null")
]


def delta(rng):
    d = {"customerId": text(rng) or "c"}
    amount = json.loads(number_token(rng, max_exp=300))
    d["delta" if rng.random() < 0.7 else "amount"] = amount
    d["reason"] = text(rng)
    if rng.random() < 0.6:
        d["referenceId"] = None if rng.random() < 0.2 else text(rng)
    if rng.random() < 0.6:
        d["metadata"] = None if rng.random() < 0.1 else {key(rng): json_value(rng, 1) for _ in range(rng.randint(0, 5))}
    if rng.random() < 0.4:
        d["adjusts"] = rng.choice([None, {"referenceId": text(rng)}, json_value(rng, 1)])
    if rng.random() < 0.1:
        d["sentAt"] = "2025-01-01T00:00:00Z"
    return d


def mapping(rng, _delta):
    return rng.choice(MAPPING_CHOICES)


def item_object(d, m):
    """The hashed item under a mapping (docs/spec.md, sections 4.2 and 4.3)."""
    item = {"customerId": d["customerId"]}
    item[m["amountKey"]] = d["delta"] if "delta" in d else d["amount"]
    item["reason"] = d["reason"]
    if d.get("referenceId") is not None:
        item["referenceId"] = d["referenceId"]
    elif m["absentReferenceId"] == "null":
        item["referenceId"] = None
    if d.get("metadata") is not None:
        item["metadata"] = d["metadata"]
    if m["adjusts"] == "include" and d.get("adjusts") is not None:
        item["adjusts"] = d["adjusts"]
    return item


def sign(secret, timestamp, body):
    return "v1=" + hmac.new(secret.encode("utf-8"), f"{timestamp}.{body}".encode("utf-8"), hashlib.sha256).hexdigest()


def secret(rng):
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
    s = "whsec_" + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
    return s + "é😀" if rng.random() < 0.1 else s


def webhook_case(rng, now):
    key_now, key_old = secret(rng), secret(rng)
    body = json.dumps({"event": rng.choice(["delta.verified", "delta.failed"]),
                       "data": json_value(rng, 1, allow_lone=False), "n": text(rng, allow_lone=False)},
                      ensure_ascii=rng.random() < 0.5, separators=rng.choice([(",", ":"), (", ", ": ")]))
    ts = now + rng.choice([0, rng.randint(-300, 300), rng.randint(-900, 900), 300, -300, 301, -301])
    timestamp = str(ts) if rng.random() < 0.6 else str(ts * 1000 + rng.randint(0, 999))
    tolerance = rng.choice([300, 300, 0, 60, 600, rng.randint(0, 1000)])
    good = sign(key_now, timestamp, body)
    wrong = [sign(key_old, timestamp, body), sign(key_now, timestamp, body + " "),
             sign(key_now, str(int(timestamp) + 1), body), "v1=" + "%064x" % rng.getrandbits(256)]
    sep = rng.choice([",", ", "])
    signature = rng.choice([
        good, good, sep.join([good, rng.choice(wrong)]), sep.join([rng.choice(wrong), good]),
        rng.choice(wrong), sep.join([rng.choice(wrong), rng.choice(wrong)]),
    ])
    return {"secret": key_now, "signature": signature, "timestamp": timestamp, "body": body, "tolerance": tolerance}


def edge_webhook_case(rng, now):
    """Outside the documented header forms; each labelled with what it tests."""
    c = webhook_case(rng, now)
    c["tolerance"] = 300
    ts = str(now)
    body = c["body"]
    k = c["secret"]
    category = rng.choice(["uppercase hex digits", "three signature values", "timestamp with surrounding blanks",
                           "timestamp with a plus sign", "empty body", "body not a JSON object",
                           "malformed hex beside a good value", "non-v1 scheme beside a good value"])
    if category == "uppercase hex digits":
        c.update(timestamp=ts, signature="v1=" + sign(k, ts, body)[3:].upper())
    elif category == "three signature values":
        c.update(timestamp=ts, signature=",".join([sign("x", ts, body), sign("y", ts, body), sign(k, ts, body)]))
    elif category == "timestamp with surrounding blanks":
        padded = " " + ts + " "
        c.update(timestamp=padded, signature=sign(k, padded, body))
    elif category == "timestamp with a plus sign":
        c.update(timestamp="+" + ts, signature=sign(k, "+" + ts, body))
    elif category == "empty body":
        c.update(timestamp=ts, body="", signature=sign(k, ts, ""))
    elif category == "body not a JSON object":
        c.update(timestamp=ts, body="[1,2]", signature=sign(k, ts, "[1,2]"))
    elif category == "malformed hex beside a good value":
        c.update(timestamp=ts, signature="v1=zz," + sign(k, ts, body))
    else:
        c.update(timestamp=ts, signature="v0=abc," + sign(k, ts, body))
    c["category"] = category
    return c


def padded(rng, s):
    if rng.random() < 0.3:
        return "".join(rng.choice(PY_SPACES) for _ in range(rng.randint(0, 2))) + s + \
            "".join(rng.choice(PY_SPACES) for _ in range(rng.randint(0, 2)))
    return s


def timestamp(rng):
    """An ISO-8601 timestamp in the forms reproduced, its fields sometimes out of range."""
    wild = rng.random() < 0.1
    year = rng.choice([1, 2, 1970, 2024, 2025, 2025, 2100, 9998, 9999] + ([0] if wild else []))
    month = rng.randint(0, 13) if wild else rng.randint(1, 12)
    day = rng.randint(0, 32) if wild else rng.randint(1, 28 if month == 2 else 30)
    if not wild and rng.random() < 0.05:
        month, day = 2, 29
    out = f"{year:04d}-{month:02d}-{day:02d}"
    if rng.random() < 0.85:
        out += rng.choice(["T", "T", "T", " ", "x", "é", "_", "5"])
        h = rng.randint(0, 24) if wild else rng.randint(0, 23)
        mi = rng.randint(0, 60) if wild else rng.randint(0, 59)
        s = rng.randint(0, 60) if wild else rng.randint(0, 59)
        form = rng.choice(["H", "HM", "HMS", "HMS", "HMSF"])
        out += f"{h:02d}"
        if form != "H":
            out += f":{mi:02d}"
        if form in ("HMS", "HMSF"):
            out += f":{s:02d}"
        if form == "HMSF":
            out += rng.choice([".", ","]) + "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 9)))
        tz = rng.choice(["", "", "Z", "Z", "+HH:MM", "-HH:MM", "+HH", "-HHMM", "+HH:MM:SS", "-HH:MM:SS.FFFFFF"])
        th = rng.randint(0, 25) if wild else rng.randint(0, 14)
        tm = rng.randint(0, 75) if wild else rng.choice([0, 0, 30, 45, rng.randint(0, 59)])
        tz = (tz.replace("HH", f"{th:02d}").replace("MM", f"{tm:02d}").replace("SS", f"{rng.randint(0, 59):02d}")
              .replace("FFFFFF", f"{rng.randint(0, 999999):06d}"))
        out += tz
    return padded(rng, out)


def summary_case(rng):
    s = {}
    if rng.random() < 0.97:
        s["customerId"] = padded(rng, rng.choice([text(rng) or "c", "cust_" + str(rng.randint(0, 10 ** 6))]))
        if rng.random() < 0.03:
            s["customerId"] = rng.choice(PY_SPACES) * 2
    r = rng.random()
    if r < 0.9:
        s["delta"] = json.loads(number_token(rng))
    else:
        s["delta"] = rng.choice([0, 0.0, -0.0, True, False, 1e308, 5e-324, 10 ** 400])
    s["windowStart"] = timestamp(rng)
    s["windowEnd"] = s["windowStart"] if rng.random() < 0.05 else timestamp(rng)
    if rng.random() < 0.5:
        s["referenceId"] = rng.choice([None, "", "   ", " ref_1 ", text(rng), 123, "\u3000r\u3000"])
    if rng.random() < 0.5:
        s["reason"] = rng.choice([None, "", 0, False, [], {}, text(rng) or "x", " ", "weekly_usage"])
    if rng.random() < 0.5:
        s["metadata"] = rng.choice([
            None, [1], "text", {},
            {key(rng): json_value(rng, 1) for _ in range(rng.randint(0, 4))},
            {"summaryProfile": "override", "submissionType": text(rng), "plan": "pro"},
        ])
    profile = rng.choice(["daily", "sub_daily", "immediate"])
    # A command-line option: text without lone surrogates.
    default_reason = rng.choice(["usage_summary", "usage_summary", "", text(rng, allow_lone=False)])
    return (wire(s), profile, default_reason, None)


def edge_summary_case(rng):
    """Inputs the SDK turns into text with Python's str(), or ISO forms not reproduced."""
    s, profile, default_reason, _ = summary_case(rng)
    s["delta"] = 5
    s["customerId"] = "c"
    s["windowStart"], s["windowEnd"] = "2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z"
    category = rng.choice(["customerId not a string", "reason a truthy non-string", "window not a string",
                           "ISO form not reproduced"])
    if category == "customerId not a string":
        s["customerId"] = rng.choice([None, 123, True])
    elif category == "reason a truthy non-string":
        s["reason"] = rng.choice([5, True, ["x"], {"a": 1}])
    elif category == "window not a string":
        s["windowStart"] = rng.choice([20250101, None])
    else:
        s["windowEnd"] = rng.choice(["2025-W02-1", "20250103T120000", "2025-01-03T12:30.5", "2025-01-03T1230",
                                     "2025-01-03T12:30:45+05:30.5"])
    return (s, profile, default_reason, category)
