//! The verifier's side of the differential tests against the official SDK
//! (`tests/sdk/differential.py`) and Node: one JSON request per line on
//! standard input, one JSON answer per line on standard output, in order.
//!
//! Requests (`op`):
//! - `canonical` `{text, keyOrder, strings}` → `{ok: canonical text}`;
//! - `itemHash` `{delta, mapping}` → `{ok: 0x…, sha3: 0x…}` (the delta's
//!   item hash under the mapping, and the SHA3-256 near-miss hash);
//! - `findMapping` `{delta, hash}` → `{ok: mapping | null}`;
//! - `webhook` `{secret, signature, timestamp, body, now, tolerance}` → `{ok: index}`;
//! - `wireDelta` `{summary, profile, defaultReason}` → `{ok: canonical wire delta}`.
//!
//! Any refusal is `{err: message}`.
//!
//! Run: `cargo run --example differential < requests.jsonl`.

use pacspace_proof::ItemMapping;
use pacspace_proof::canonical::{
    CanonicalOptions, JsonValue, Strings, canonical_json_str_with, canonical_json_with,
};
use pacspace_proof::item::{AdjustsField, AmountKey, ReferenceIdAbsent, SummaryOptions, wire_delta};
use pacspace_proof::receipt::{SubmittedDelta, find_mapping};
use pacspace_proof::signature::verify_webhook_signature;
use serde_json::{Value, json};
use std::io::{BufRead, BufWriter, Write};

fn text<'a>(req: &'a Value, key: &str) -> Result<&'a str, String> {
    req[key]
        .as_str()
        .ok_or_else(|| format!("request needs a string \"{key}\""))
}

fn parsed<T: std::str::FromStr>(req: &Value, key: &str) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    text(req, key)?.parse().map_err(|e: T::Err| format!("{key}: {e}"))
}

fn options(req: &Value) -> Result<CanonicalOptions, String> {
    Ok(CanonicalOptions {
        key_order: parsed(req, "keyOrder")?,
        strings: parsed(req, "strings")?,
    })
}

fn mapping(m: &Value) -> Result<ItemMapping, String> {
    Ok(ItemMapping {
        amount_key: match text(m, "amountKey")? {
            "delta" => AmountKey::Delta,
            "amount" => AmountKey::Amount,
            other => return Err(format!("amountKey {other}")),
        },
        absent_reference: match text(m, "absentReferenceId")? {
            "omit" => ReferenceIdAbsent::Omit,
            "null" => ReferenceIdAbsent::Null,
            other => return Err(format!("absentReferenceId {other}")),
        },
        adjusts: match text(m, "adjusts")? {
            "omit" => AdjustsField::Omit,
            "include" => AdjustsField::Include,
            other => return Err(format!("adjusts {other}")),
        },
        canonical: options(m)?,
    })
}

fn answer(req: &Value) -> Result<Value, String> {
    match text(req, "op")? {
        "canonical" => {
            let out =
                canonical_json_str_with(text(req, "text")?, options(req)?).map_err(|e| e.to_string())?;
            Ok(json!({ "ok": out }))
        }
        "itemHash" => {
            let d = SubmittedDelta::from_json(text(req, "delta")?).map_err(|e| e.to_string())?;
            let m = mapping(&req["mapping"])?;
            let h = d.item_hash(m).map_err(|e| e.to_string())?;
            let sha3 = d.item_hash_sha3(m).map_err(|e| e.to_string())?;
            Ok(json!({ "ok": h, "sha3": sha3 }))
        }
        "findMapping" => {
            let d = SubmittedDelta::from_json(text(req, "delta")?).map_err(|e| e.to_string())?;
            let want: pacspace_proof::Hash32 = parsed(req, "hash")?;
            Ok(json!({ "ok": find_mapping(&d, |h| *h == want).map(|(m, _)| m) }))
        }
        "webhook" => {
            let now = req["now"].as_i64().ok_or("now")?;
            let tolerance = req["tolerance"].as_u64().ok_or("tolerance")?;
            let m = verify_webhook_signature(
                text(req, "secret")?.as_bytes(),
                text(req, "signature")?,
                text(req, "timestamp")?,
                text(req, "body")?.as_bytes(),
                now,
                tolerance,
            )
            .map_err(|e| e.to_string())?;
            Ok(json!({ "ok": m.index }))
        }
        "wireDelta" => {
            let summary = JsonValue::parse(text(req, "summary")?).map_err(|e| e.to_string())?;
            let opts = SummaryOptions {
                profile: text(req, "profile")?,
                default_reason: text(req, "defaultReason")?,
            };
            let sent = wire_delta(&summary, &opts).map_err(|e| e.to_string())?;
            let js = CanonicalOptions {
                strings: Strings::Js,
                ..CanonicalOptions::RFC8785
            };
            Ok(json!({ "ok": canonical_json_with(&sent, js).map_err(|e| e.to_string())? }))
        }
        other => Err(format!("unknown op {other}")),
    }
}

fn main() -> std::io::Result<()> {
    let stdin = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in stdin.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let reply = match serde_json::from_str::<Value>(&line) {
            Ok(req) => answer(&req).unwrap_or_else(|e| json!({ "err": e })),
            Err(e) => json!({ "err": format!("request is not JSON: {e}") }),
        };
        writeln!(out, "{reply}")?;
    }
    out.flush()
}
