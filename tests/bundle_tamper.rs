//! Changing any field of a bundle is caught, and the failure names that
//! field: every scalar of every kept bundle is changed in turn.
//!
//! With the seal, the field changed is named exactly. Without it (a bundle
//! written by a tool that does not seal), every field the hashes cover is
//! still caught, and the failure names the field or the object holding it.

use pacspace_proof::Level;
use pacspace_proof::bundle::{Bundle, verify};
use serde_json::Value;
use std::path::PathBuf;

fn bundles() -> Vec<(String, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/bundles/v1");
    let mut out: Vec<(String, Value)> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("read");
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                serde_json::from_str(&text).expect("json"),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// A field path in the bundle's notation, written independently of the library.
fn push_key(path: &str, key: &str) -> String {
    let ident = key
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    match (ident, path.is_empty()) {
        (true, true) => key.to_string(),
        (true, false) => format!("{path}.{key}"),
        (false, _) => format!("{path}[{}]", serde_json::to_string(key).unwrap()),
    }
}

/// Every non-null scalar with its path and JSON pointer.
fn leaves(v: &Value, path: String, pointer: String, out: &mut Vec<(String, String)>) {
    match v {
        Value::Null => {}
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                leaves(x, format!("{path}[{i}]"), format!("{pointer}/{i}"), out);
            }
        }
        Value::Object(o) => {
            for (k, x) in o {
                let escaped = k.replace('~', "~0").replace('/', "~1");
                leaves(x, push_key(&path, k), format!("{pointer}/{escaped}"), out);
            }
        }
        _ => out.push((path, pointer)),
    }
}

/// Another valid value of the same kind.
fn mutate(v: &Value) -> Value {
    const SWAPS: [(&str, &str); 12] = [
        ("hex0x", "hex"),
        ("hex", "bytes"),
        ("bytes", "hex0x"),
        ("left", "right"),
        ("right", "left"),
        ("delta", "amount"),
        ("amount", "delta"),
        ("omit", "null"),
        ("null", "omit"),
        ("emit", "batch"),
        ("batch", "webhook"),
        ("mirror", "rpc"),
    ];
    match v {
        Value::Bool(b) => Value::Bool(!b),
        Value::Number(n) if n.is_u64() => Value::from(n.as_u64().unwrap() + 1),
        Value::Number(n) => Value::from(n.as_f64().unwrap() * 2.0 + 1.0),
        Value::String(s) => {
            if let Some((_, to)) = SWAPS.iter().find(|(from, _)| from == s) {
                return Value::from(*to);
            }
            match s.chars().last() {
                Some(c) if c.is_ascii_hexdigit() && c.is_ascii_digit() || ('a'..='f').contains(&c) => {
                    let flipped = if c == '0' { '1' } else { '0' };
                    Value::from(format!("{}{flipped}", &s[..s.len() - 1]))
                }
                _ => Value::from(format!("{s}x")),
            }
        }
        other => other.clone(),
    }
}

fn names(field: &str, path: &str) -> bool {
    field == path
        || path
            .strip_prefix(field)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

/// The fields the service's hashes cover in this bundle: changing one is
/// caught without the seal. The rest (receipt details, ledger metadata,
/// informational fields) only the seal can vouch for.
fn covered(b: &Value, path: &str) -> bool {
    let kind = b["inclusion"]["kind"].as_str().unwrap();
    let n = b["leafCount"].as_u64().unwrap();
    let all_referenced = b["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["delta"]["referenceId"].is_string());
    let id_is_root = b["receipt"]["receiptId"].as_str().is_some_and(|s| s.len() == 66);
    path.starts_with("items[") && (path.contains("].delta.") || path.ends_with("].itemHash"))
        || (path.starts_with("items[") && path.ends_with("].index") && kind != "multiProof")
        || path == "root"
        || (path == "receipt.receiptId" && id_is_root)
        || path.starts_with("inclusion.itemHashes[")
        || (path.starts_with("inclusion.path[") && path.ends_with(".hash"))
        || (path.starts_with("inclusion.path[") && path.ends_with(".position"))
        || path.starts_with("inclusion.siblings[")
        || (path == "nodeEncoding" && n >= 2)
        || path == "itemMapping.amountKey"
        || (path == "itemMapping.absentReferenceId" && !all_referenced)
        || (path == "leafCount" && kind == "itemHashes")
        || (path.starts_with("ledger.answers[") && (path.ends_with(".body") || path.ends_with(".bodySha256")))
}

/// Changes the field at `pointer` and checks how it is reported.
fn check_change(name: &str, original: &Value, path: &str, pointer: &str, exact: bool) -> bool {
    let mut v = original.clone();
    let slot = v.pointer_mut(pointer).unwrap();
    *slot = mutate(slot);
    let text = serde_json::to_string(&v).unwrap();
    let bundle = match Bundle::from_json(&text) {
        Ok(b) => b,
        Err(e) => {
            // Refused as bad input: the error names the field or its object.
            assert!(
                names(e.field(), path),
                "{name}: {path} changed: refused as {e} (field {:?})",
                e.field()
            );
            return true;
        }
    };
    let report = verify(&bundle);
    let fields: Vec<&str> = report.failures().map(|f| f.field()).collect();
    if report.level() != Level::NotVerified {
        return false;
    }
    if exact {
        assert!(
            fields.contains(&path),
            "{name}: {path} changed, failures name {fields:?}\n{report}"
        );
    } else {
        assert!(
            fields.iter().any(|f| names(f, path)),
            "{name}: {path} changed, failures name {fields:?}\n{report}"
        );
    }
    true
}

#[test]
fn every_field_changed_is_named_exactly_by_the_seal() {
    let mut checked = 0;
    for (name, b) in bundles() {
        if b.get("seal").is_none() {
            continue;
        }
        // Anchored when its recorded ledger answers find the root.
        let genuine = match b.get("ledger") {
            Some(_) => Level::Anchored,
            None => Level::Verified,
        };
        assert_eq!(
            verify(&Bundle::from_value(&b).unwrap()).level(),
            genuine,
            "{name}"
        );
        let mut ls = Vec::new();
        leaves(&b, String::new(), String::new(), &mut ls);
        for (path, pointer) in &ls {
            assert!(
                check_change(&name, &b, path, pointer, true),
                "{name}: {path} changed, not caught"
            );
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} fields changed");
}

#[test]
fn without_the_seal_every_hashed_field_is_still_caught_and_named() {
    let mut checked = 0;
    for (name, mut b) in bundles() {
        b.as_object_mut().unwrap().remove("seal");
        let mut ls = Vec::new();
        leaves(&b, String::new(), String::new(), &mut ls);
        for (path, pointer) in ls.iter().filter(|(p, _)| covered(&b, p)) {
            assert!(
                check_change(&name, &b, path, pointer, false),
                "{name}: {path} changed without a seal, not caught"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} fields changed");
}

#[test]
fn removing_or_adding_a_known_field_is_named() {
    let (_, b) = bundles().into_iter().find(|(n, _)| n == "emit-one.json").unwrap();
    let mut removed = b.clone();
    removed["receipt"].as_object_mut().unwrap().remove("anchorId");
    let r = verify(&Bundle::from_value(&removed).unwrap());
    assert!(r.failures().any(|f| f.field() == "receipt.anchorId"), "{r}");
    let mut added = b.clone();
    added["receipt"]["previousProofHash"] = Value::from(format!("0x{}", "ab".repeat(32)));
    let r = verify(&Bundle::from_value(&added).unwrap());
    assert!(
        r.failures().any(|f| f.field() == "receipt.previousProofHash"),
        "{r}"
    );
    // An unknown field added by hand is ignored, and reported.
    let mut unknown = b.clone();
    unknown["note"] = Value::from("paid by card");
    let r = verify(&Bundle::from_value(&unknown).unwrap());
    assert_eq!(r.level(), Level::Verified, "{r}");
    assert!(r.notes.iter().any(|n| n.contains("note")), "{:?}", r.notes);
}

/// What a changed bundle did not check is listed, and only that: the ledger
/// is named when it was not asked, never when it was (passed or failed).
#[test]
fn not_checked_names_the_ledger_only_when_it_was_not_asked() {
    let all = bundles();
    let find = |n: &str| all.iter().find(|(name, _)| name == n).unwrap().1.clone();
    let ledger_named = |r: &pacspace_proof::bundle::BundleReport| {
        r.not_checked()
            .into_iter()
            .filter(|m| m.starts_with("the public ledger") || m.starts_with("ledger anchor"))
            .collect::<Vec<_>>()
    };
    let anchored = find("delta-status-ledger.json");

    // A changed delta: not verified, but the ledger was asked (and found the root).
    let mut item = anchored.clone();
    item["items"][0]["delta"]["reason"] = Value::from("changed");
    let r = verify(&Bundle::from_value(&item).unwrap());
    assert_eq!(r.level(), Level::NotVerified, "{r}");
    assert!(r.anchor.is_some(), "{r}");
    assert_eq!(ledger_named(&r), Vec::<String>::new(), "{r}");

    // An unreadable network: the decision was never made, and the list says so.
    let mut network = anchored.clone();
    network["ledger"]["network"] = Value::from("devnet");
    let r = verify(&Bundle::from_value(&network).unwrap());
    assert_eq!(r.level(), Level::NotVerified, "{r}");
    assert!(r.failures().any(|f| f.field() == "ledger.network"), "{r}");
    let named = ledger_named(&r);
    assert!(
        named.len() == 1
            && named[0].contains("not put to the ledger decision")
            && named[0].contains("ledger.network"),
        "{named:?}"
    );

    // A recorded body changed: the ledger was not asked.
    let mut body = anchored.clone();
    let text = body["ledger"]["answers"][0]["body"]
        .as_str()
        .unwrap()
        .replace("0x1", "0x0");
    body["ledger"]["answers"][0]["body"] = Value::from(text);
    let r = verify(&Bundle::from_value(&body).unwrap());
    assert_eq!(r.level(), Level::NotVerified, "{r}");
    let named = ledger_named(&r);
    assert!(
        named.len() == 1 && named[0].starts_with("ledger anchor: the ledger was not asked"),
        "{named:?}"
    );

    // Answers about another root (digests recomputed, no seal): the ledger
    // was asked and is evidence against the anchor, a failure, not "not checked".
    let mut other = anchored.clone();
    other.as_object_mut().unwrap().remove("seal");
    let root = anchored["root"].as_str().unwrap()[2..].to_string();
    for a in other["ledger"]["answers"].as_array_mut().unwrap() {
        let text = a["body"].as_str().unwrap().replace(&root, &"ab".repeat(32));
        a["bodySha256"] = Value::from(pacspace_proof::ledger::sha256_hex(text.as_bytes()));
        a["body"] = Value::from(text);
    }
    let r = verify(&Bundle::from_value(&other).unwrap());
    assert_eq!(r.level(), Level::NotVerified, "{r}");
    assert!(r.failures().any(|f| f.field() == "ledger"), "{r}");
    assert_eq!(ledger_named(&r), Vec::<String>::new(), "{r}");

    // Without ledger evidence, a changed bundle still names the ledger as not checked.
    let mut plain = find("emit-one.json");
    plain["items"][0]["delta"]["reason"] = Value::from("changed");
    let r = verify(&Bundle::from_value(&plain).unwrap());
    assert_eq!(r.level(), Level::NotVerified, "{r}");
    let named = ledger_named(&r);
    assert!(
        named.len() == 1 && named[0].contains("carries no recorded ledger answers"),
        "{named:?}"
    );
}
