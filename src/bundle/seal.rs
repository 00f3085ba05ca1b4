//! The seal: a digest of every field as the bundle was written, so that a
//! field changed afterwards is named — including fields no hash of the
//! service covers (anchorId, receivedAt, status, the ledger evidence).
//!
//! Each sealed field is a non-null scalar of the bundle (outside `seal`),
//! named by its path (`receipt.anchorId`, `items[0].delta.reason`); its
//! entry is the first 8 bytes, in hex, of the Keccak-256 of its canonical
//! JSON. `seal.root` is the Keccak-256 of the canonical JSON of `fields`.
//! A changed value fails as that field; a changed entry (its value intact,
//! the root no longer matching) fails as `seal.fields[…]`; a changed root
//! alone as `seal.root`. Fields added after sealing are reported, not failed
//! (unknown fields are ignored).
//!
//! The seal is an edit detector, not a signature: whoever changes a field
//! can recompute it. What proves the items is the hashes and the root.

use crate::bundle::{Bundle, BundleFailure, BundleReport, SealFinding, fieldpath};
use crate::receipt::Basis;
use crate::receipt::wire::Extra;
use crate::{Hash32, keccak256};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use serde::Serialize;
use serde_json::Value;

/// Digests of every field as written (see the module documentation).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Seal {
    /// Field path → 16 hex digits (a JSON string).
    pub fields: Extra,
    /// Keccak-256 of the canonical JSON of `fields`.
    pub root: Hash32,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The 16-hex-digit digest of one field's value.
fn digest(value: &Value) -> Value {
    let canonical = crate::canonical_json(value).unwrap_or_default();
    let h = keccak256(canonical.as_bytes());
    Value::String(h.as_bytes().iter().take(8).map(|b| format!("{b:02x}")).collect())
}

fn walk(value: &Value, path: &mut String, out: &mut Extra) {
    match value {
        Value::Null => {}
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let len = path.len();
                fieldpath::push_index(path, i);
                walk(v, path, out);
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                let len = path.len();
                fieldpath::push_key(path, k);
                walk(v, path, out);
                path.truncate(len);
            }
        }
        scalar => {
            out.insert(path.clone(), digest(scalar));
        }
    }
}

/// Every sealed field of the bundle with its digest.
fn fields_of(bundle: &Bundle) -> Extra {
    let mut out = Extra::new();
    if let Value::Object(map) = bundle.to_value() {
        for (k, v) in map.iter().filter(|(k, _)| k.as_str() != "seal") {
            let mut path = String::new();
            fieldpath::push_key(&mut path, k);
            walk(v, &mut path, &mut out);
        }
    }
    out
}

fn root_of(fields: &Extra) -> Hash32 {
    let value = Value::Object(fields.clone());
    keccak256(crate::canonical_json(&value).unwrap_or_default().as_bytes())
}

impl Seal {
    /// The seal of a bundle as it is now (its own `seal` left out).
    ///
    /// ```
    /// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/bundles/v1/emit-one.json")).unwrap();
    /// let b = pacspace_proof::bundle::Bundle::from_json(&text).unwrap();
    /// let s = pacspace_proof::bundle::Seal::of(&b);
    /// assert_eq!(Some(&s), b.seal.as_ref());
    /// assert_eq!(s.fields["receipt.source"].as_str().map(str::len), Some(16));
    /// ```
    pub fn of(bundle: &Bundle) -> Seal {
        let fields = fields_of(bundle);
        Seal {
            root: root_of(&fields),
            fields,
            extra: Extra::new(),
        }
    }
}

impl Bundle {
    /// Seals the bundle as it is now: call after the last change.
    ///
    /// ```
    /// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/bundles/v1/emit-one.json")).unwrap();
    /// let mut b = pacspace_proof::bundle::Bundle::from_json(&text).unwrap();
    /// b.receipt.anchor_id = Some("anc_other".into());
    /// b.seal();
    /// assert!(pacspace_proof::bundle::verify(&b).failures().next().is_none());
    /// ```
    pub fn seal(&mut self) {
        self.seal = None;
        self.seal = Some(Seal::of(self));
    }
}

/// The bundle with every unknown field dropped: what this version knows.
fn known_part(bundle: &Bundle) -> Bundle {
    use crate::bundle::Inclusion;
    let mut b = bundle.clone();
    b.extra.clear();
    b.receipt.extra.clear();
    b.item_mapping.extra.clear();
    for item in &mut b.items {
        item.extra.clear();
    }
    match &mut b.inclusion {
        Inclusion::ItemHashes { extra, .. } | Inclusion::MultiProof { extra, .. } => extra.clear(),
        Inclusion::Path { path, extra } => {
            extra.clear();
            for step in path {
                step.extra.clear();
            }
        }
    }
    if let Some(ledger) = &mut b.ledger {
        ledger.extra.clear();
        for a in &mut ledger.answers {
            a.extra.clear();
        }
    }
    b
}

/// Checks the seal into the report.
pub(crate) fn check(bundle: &Bundle, r: &mut BundleReport) {
    let Some(seal) = &bundle.seal else {
        r.not_checkable(
            "seal",
            "seal",
            "the bundle carries no seal: changes to fields no hash covers (receipt details, ledger evidence) cannot be detected".into(),
        );
        return;
    };
    let now = fields_of(bundle);
    let root_ok = root_of(&seal.fields) == seal.root;
    let mut mismatched: Vec<(&String, SealFinding)> = Vec::new();
    for (field, entry) in &seal.fields {
        match now.get(field) {
            Some(d) if d == entry => {}
            Some(_) => mismatched.push((field, SealFinding::Changed)),
            None => mismatched.push((field, SealFinding::Removed)),
        }
    }
    let unsealed: Vec<&String> = now.keys().filter(|k| !seal.fields.contains_key(*k)).collect();
    let known = if unsealed.is_empty() {
        Extra::new()
    } else {
        fields_of(&known_part(bundle))
    };
    let (added, ignored): (Vec<&String>, Vec<&String>) =
        unsealed.iter().partition(|k| known.contains_key(**k));
    let entry = |field: &str| fieldpath::key("seal.fields", field);
    let mut fail = |field: String, finding: SealFinding| {
        r.fail("seal", BundleFailure::Sealed { field, finding });
    };
    if root_ok {
        for (field, finding) in &mismatched {
            fail((*field).clone(), *finding);
        }
        for field in &added {
            fail((*field).clone(), SealFinding::Added);
        }
    } else if !mismatched.is_empty() {
        for (field, _) in &mismatched {
            fail(entry(field), SealFinding::EntryChanged);
        }
    } else if !unsealed.is_empty() {
        for field in &unsealed {
            fail(entry(field), SealFinding::EntryRemoved);
        }
    } else {
        fail("seal.root".into(), SealFinding::RootChanged);
    }
    if root_ok && mismatched.is_empty() && added.is_empty() {
        r.pass_on(
            Basis::Artefact,
            "seal",
            "seal",
            format!("{} fields as written", seal.fields.len()),
        );
    }
    if root_ok && !ignored.is_empty() {
        let names: Vec<&str> = ignored.iter().take(8).map(|s| s.as_str()).collect();
        r.notes.push(format!(
            "{} unknown field(s) added after the bundle was sealed, ignored: {}{}",
            ignored.len(),
            names.join(", "),
            if ignored.len() > names.len() { ", …" } else { "" }
        ));
    }
}
