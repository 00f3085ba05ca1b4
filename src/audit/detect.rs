//! The delta→item mapping and the node encoding, detected once per export
//! from the first lines of both inputs: each mapping of the first deltas is
//! hashed, and the first receipts say which one their item hashes use.

use super::csv::CsvReader;
use super::deltas::{CsvColumns, DeltaFields, DeltaFormat, jsonl_fields};
use super::engine::MappingChoice;
use super::receipts::{Fact, parse_receipt_line};
use crate::chain::cache::{RootCache, RootEval};
use crate::receipt::Artefact;
use crate::{Hash32, ItemMapping, NodeEncoding};
use serde_json::Value;
use std::collections::HashMap;
use std::vec::Vec;

/// What the first lines of an export decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calibration {
    /// The mapping to hash every delta under.
    pub mapping: ItemMapping,
    /// How it was chosen.
    pub choice: MappingChoice,
    /// The node encoding, when a sampled receipt decided it.
    pub encoding: Option<NodeEncoding>,
    /// The receipts line that decided it.
    pub encoding_line: Option<u64>,
}

impl Calibration {
    /// Audit options with this mapping and encoding (no stored heads).
    ///
    /// ```
    /// use pacspace_proof::audit::{DeltaFormat, calibrate};
    /// let o = calibrate(b"", DeltaFormat::Jsonl, b"").options();
    /// assert_eq!((o.mapping, o.encoding), (Default::default(), None));
    /// ```
    pub fn options(&self) -> super::AuditOptions {
        super::AuditOptions {
            mapping: self.mapping,
            mapping_choice: self.choice,
            encoding: self.encoding,
            encoding_line: self.encoding_line,
            ..super::AuditOptions::default()
        }
    }
}

fn item_hashes_of(fact: &Fact, out: &mut Vec<Hash32>) {
    match fact {
        Fact::Blank => {}
        Fact::Webhook(w) => {
            if let Some((p, leaves)) = &w.proof {
                out.push(p.content_hash);
                out.extend(leaves.iter().copied());
            }
        }
        Fact::Artefact(a) => match &**a {
            Artefact::Emit(e) => out.extend(e.data.item_hashes.iter().copied()),
            Artefact::Batch(b) => out.extend(b.data.results.iter().filter_map(|r| r.item_hash)),
            Artefact::DeltaStatus(s) => out.extend(
                s.data
                    .deltas
                    .iter()
                    .filter_map(|d| d.get("itemHash").and_then(Value::as_str)?.parse::<Hash32>().ok()),
            ),
            Artefact::VerifyAnswer(v) => out.extend(v.content_hash),
            Artefact::Webhook(_) => {}
        },
    }
}

fn encoding_of(fact: &Fact) -> Option<NodeEncoding> {
    match fact {
        Fact::Webhook(w) => match w.proof.as_ref()?.0.eval? {
            RootEval::Matched(e) => Some(e),
            _ => None,
        },
        _ => None,
    }
}

/// Detects the mapping (and, when a sampled webhook decides it, the node
/// encoding) from the first lines of the submitted deltas and of the
/// receipts. Unreadable sample lines are skipped: the full read reports them.
///
/// ```
/// use pacspace_proof::audit::{DeltaFormat, MappingChoice, calibrate};
/// use pacspace_proof::item::AmountKey;
/// use pacspace_proof::receipt::SubmittedDelta;
/// use pacspace_proof::ItemMapping;
/// let delta = r#"{"customerId":"c","delta":5,"reason":"r"}"#;
/// let m = ItemMapping { amount_key: AmountKey::Amount, ..Default::default() };
/// let h = SubmittedDelta::from_json(delta).unwrap().item_hash(m).unwrap();
/// let emit = format!(r#"{{"customerId":"c","delta":5,"status":"QUEUED","receiptId":"{h}","itemsRoot":"{h}","itemHashes":["{h}"]}}"#);
/// let c = calibrate(delta.as_bytes(), DeltaFormat::Jsonl, emit.as_bytes());
/// assert_eq!(c.mapping, m);
/// assert_eq!(c.choice, MappingChoice::Detected { matches: 1, sampled: 1 });
/// ```
pub fn calibrate(deltas: &[u8], format: DeltaFormat, receipts: &[u8]) -> Calibration {
    let fields: Vec<DeltaFields<'_>> = match format {
        DeltaFormat::Jsonl => deltas
            .split(|&b| b == b'\n')
            .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
            .filter_map(|l| jsonl_fields(l).ok())
            .map(owned)
            .collect(),
        DeltaFormat::Csv => csv_fields(deltas),
    };
    let mut by_hash: HashMap<Hash32, usize> = HashMap::new();
    for f in &fields {
        for (k, m) in ItemMapping::ALL.iter().enumerate() {
            if let Ok(p) = f.parse(0, *m) {
                by_hash.entry(p.hash).or_insert(k);
            }
        }
    }
    let mut matches = [0u64; 4];
    let mut encoding = None;
    let mut cache = RootCache::default();
    let mut found = Vec::new();
    for (n, line) in receipts.split(|&b| b == b'\n').enumerate() {
        let Ok(fact) = parse_receipt_line(line, &mut cache, None) else {
            continue;
        };
        if encoding.is_none() {
            encoding = encoding_of(&fact).map(|e| (e, n as u64 + 1));
        }
        found.clear();
        item_hashes_of(&fact, &mut found);
        for h in &found {
            if let Some(slot) = by_hash.get(h).and_then(|&k| matches.get_mut(k)) {
                *slot += 1;
            }
        }
    }
    let sampled = fields.len() as u64;
    let best = (0..4).max_by_key(|&k| (matches.get(k).copied().unwrap_or(0), core::cmp::Reverse(k)));
    let (mapping, choice) = match best.filter(|&k| matches.get(k).is_some_and(|&n| n > 0)) {
        Some(k) => (
            ItemMapping::ALL.get(k).copied().unwrap_or_default(),
            MappingChoice::Detected {
                matches: matches.get(k).copied().unwrap_or(0),
                sampled,
            },
        ),
        None => (ItemMapping::default(), MappingChoice::Assumed { sampled }),
    };
    Calibration {
        mapping,
        choice,
        encoding: encoding.map(|(e, _)| e),
        encoding_line: encoding.map(|(_, l)| l),
    }
}

fn owned(f: DeltaFields<'_>) -> DeltaFields<'static> {
    use std::borrow::Cow;
    let o = |c: Cow<'_, str>| Cow::Owned(c.into_owned());
    DeltaFields {
        customer_id: o(f.customer_id),
        amount: o(f.amount),
        reason: o(f.reason),
        reference_id: f.reference_id.map(o),
        metadata: f.metadata.map(o),
    }
}

fn csv_fields(bytes: &[u8]) -> Vec<DeltaFields<'static>> {
    let mut reader = CsvReader::new(bytes, usize::MAX / 4);
    let Ok(Some((_, header))) = reader.next_record() else {
        return Vec::new();
    };
    let Ok(cols) = CsvColumns::from_header(&header) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    while let Ok(Some((_, cells))) = reader.next_record() {
        if let Ok(f) = cols.fields(&cells) {
            out.push(owned(f));
        }
    }
    out
}
