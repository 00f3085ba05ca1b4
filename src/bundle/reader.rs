//! Reading a bundle from parsed JSON, field by field, so that a malformed
//! field is named exactly (`items[0].itemHash: …`), unknown fields are kept
//! as they were, and no serde visitor is generated per type (which keeps the
//! WebAssembly build small).

use crate::bundle::format::short;
use crate::bundle::wire::{AbsentName, AmountKeyName, WireStep};
use crate::bundle::{
    Bundle, BundleError, BundleItem, BundleMapping, Inclusion, LedgerEvidence, ReceiptFields, RecordedAnswer,
    Seal, SourceKind, fieldpath,
};
use crate::ledger::{SourceAnswer, SourceKind as LedgerSource};
use crate::receipt::wire::{Extra, ReceiptId, Status};
use crate::tree::Side;
use crate::{Hash32, NodeEncoding};
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::{Map, Value};

fn shape(field: &str, message: &str) -> BundleError {
    BundleError::Shape {
        field: field.into(),
        message: message.into(),
    }
}

/// One JSON object being read, with its path.
pub(crate) struct Object<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

impl<'a> Object<'a> {
    /// `v`, which must be an object, at `path`.
    pub(crate) fn at(v: &'a Value, path: String) -> Result<Self, BundleError> {
        match v {
            Value::Object(map) => Ok(Object { map, path }),
            other => Err(shape(
                &path,
                &alloc::format!("expected an object, found {}", crate::tree::json_kind(other)),
            )),
        }
    }

    fn field(&self, key: &str) -> String {
        fieldpath::key(&self.path, key)
    }

    /// The value of `key`; `null` counts as absent.
    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn req(&self, key: &str) -> Result<&'a Value, BundleError> {
        self.get(key).ok_or_else(|| shape(&self.field(key), "missing"))
    }

    fn text_of(&self, key: &str, v: &'a Value) -> Result<&'a str, BundleError> {
        v.as_str()
            .ok_or_else(|| shape(&self.field(key), "expected a string"))
    }

    pub(crate) fn string(&self, key: &str) -> Result<String, BundleError> {
        self.text_of(key, self.req(key)?).map(str::to_string)
    }

    pub(crate) fn opt_string(&self, key: &str) -> Result<Option<String>, BundleError> {
        self.get(key)
            .map(|v| self.text_of(key, v).map(str::to_string))
            .transpose()
    }

    fn hash_of(&self, field: &str, v: &Value) -> Result<Hash32, BundleError> {
        let text = v
            .as_str()
            .ok_or_else(|| shape(field, "expected a 0x-prefixed 64-digit lowercase hex hash"))?;
        Hash32::parse(text).map_err(|e| shape(field, &e.to_string()))
    }

    fn hash(&self, key: &str) -> Result<Hash32, BundleError> {
        self.hash_of(&self.field(key), self.req(key)?)
    }

    fn u64(&self, key: &str) -> Result<u64, BundleError> {
        self.req(key)?
            .as_u64()
            .ok_or_else(|| shape(&self.field(key), "expected a non-negative integer"))
    }

    fn object(&self, key: &str) -> Result<Object<'a>, BundleError> {
        Object::at(self.req(key)?, self.field(key))
    }

    fn array(&self, key: &str) -> Result<&'a [Value], BundleError> {
        self.req(key)?
            .as_array()
            .map(Vec::as_slice)
            .ok_or_else(|| shape(&self.field(key), "expected an array"))
    }

    fn hashes(&self, key: &str) -> Result<Vec<Hash32>, BundleError> {
        let base = self.field(key);
        let list = self.array(key)?;
        let mut out = Vec::with_capacity(list.len());
        for (i, v) in list.iter().enumerate() {
            out.push(self.hash_of(&fieldpath::indexed(&base, i, ""), v)?);
        }
        Ok(out)
    }

    /// One of `names` (its position), for a field with a fixed set of values.
    fn choice(&self, key: &str, names: &[&str]) -> Result<usize, BundleError> {
        let text = self.text_of(key, self.req(key)?)?;
        names.iter().position(|n| *n == text).ok_or_else(|| {
            shape(
                &self.field(key),
                &alloc::format!("{:?} is none of {}", short(text), names.join(", ")),
            )
        })
    }

    /// Every field not in `known`, kept as it was.
    pub(crate) fn extra(&self, known: &[&str]) -> Extra {
        let mut out = Extra::new();
        for (k, v) in self.map {
            if !known.contains(&k.as_str()) {
                out.insert(k.clone(), v.clone());
            }
        }
        out
    }
}

/// Reads a whole bundle (its `format` already checked).
pub(crate) fn bundle(v: &Value) -> Result<Bundle, BundleError> {
    let o = Object::at(v, String::new())?;
    // In the order of the format, so the first malformed field is the one named.
    let format = o.string("format")?;
    let receipt = receipt(&o.object("receipt")?)?;
    let root = o.hash("root")?;
    let leaf_count = o.u64("leafCount")?;
    let node_encoding = o
        .string("nodeEncoding")?
        .parse::<NodeEncoding>()
        .map_err(|e| shape("nodeEncoding", &e.to_string()))?;
    let item_mapping = mapping(&o.object("itemMapping")?)?;
    let list = o.array("items")?;
    let mut items = Vec::with_capacity(list.len());
    for (k, v) in list.iter().enumerate() {
        items.push(item(v, fieldpath::item(k, ""))?);
    }
    Ok(Bundle {
        format,
        receipt,
        root,
        leaf_count,
        node_encoding,
        item_mapping,
        items,
        inclusion: inclusion(&o.object("inclusion")?)?,
        ledger: o
            .get("ledger")
            .map(|l| ledger(&Object::at(l, "ledger".into())?))
            .transpose()?,
        created_by: o.opt_string("createdBy")?,
        seal: o
            .get("seal")
            .map(|s| seal(&Object::at(s, "seal".into())?))
            .transpose()?,
        extra: o.extra(&[
            "format",
            "receipt",
            "root",
            "leafCount",
            "nodeEncoding",
            "itemMapping",
            "items",
            "inclusion",
            "ledger",
            "createdBy",
            "seal",
        ]),
    })
}

fn receipt_id(o: &Object<'_>, key: &str) -> Result<Option<ReceiptId>, BundleError> {
    Ok(o.opt_string(key)?.map(|s| ReceiptId::parse(&s)))
}

fn receipt(o: &Object<'_>) -> Result<ReceiptFields, BundleError> {
    let source = o.string("source")?;
    let status = o
        .opt_string("status")?
        .map(|s| serde_json::from_value::<Status>(Value::String(s)))
        .transpose()
        .map_err(|e| shape(&o.field("status"), &e.to_string()))?;
    Ok(ReceiptFields {
        source: SourceKind::from_name(source),
        receipt_id: receipt_id(o, "receiptId")?.ok_or_else(|| shape(&o.field("receiptId"), "missing"))?,
        anchor_id: o.opt_string("anchorId")?,
        received_at: o.opt_string("receivedAt")?,
        status,
        previous_proof_hash: receipt_id(o, "previousProofHash")?,
        extra: o.extra(&[
            "source",
            "receiptId",
            "anchorId",
            "receivedAt",
            "status",
            "previousProofHash",
        ]),
    })
}

fn item(v: &Value, path: String) -> Result<BundleItem, BundleError> {
    let o = Object::at(v, path)?;
    Ok(BundleItem {
        index: o.u64("index")?,
        item_hash: o.hash("itemHash")?,
        delta: o.req("delta")?.clone(),
        extra: o.extra(&["index", "itemHash", "delta"]),
    })
}

fn mapping(o: &Object<'_>) -> Result<BundleMapping, BundleError> {
    Ok(BundleMapping {
        amount_key: match o.choice("amountKey", &["delta", "amount"])? {
            0 => AmountKeyName::Delta,
            _ => AmountKeyName::Amount,
        },
        absent_reference_id: match o.choice("absentReferenceId", &["omit", "null"])? {
            0 => AbsentName::Omit,
            _ => AbsentName::Null,
        },
        extra: o.extra(&["amountKey", "absentReferenceId"]),
    })
}

fn inclusion(o: &Object<'_>) -> Result<Inclusion, BundleError> {
    let kind = o.choice("kind", &["itemHashes", "path", "multiProof"])?;
    Ok(match kind {
        0 => Inclusion::ItemHashes {
            item_hashes: o.hashes("itemHashes")?,
            extra: o.extra(&["kind", "itemHashes"]),
        },
        1 => {
            let base = o.field("path");
            let list = o.array("path")?;
            let mut path = Vec::with_capacity(list.len());
            for (i, v) in list.iter().enumerate() {
                path.push(step(&Object::at(v, fieldpath::indexed(&base, i, ""))?)?);
            }
            Inclusion::Path {
                path,
                extra: o.extra(&["kind", "path"]),
            }
        }
        _ => Inclusion::MultiProof {
            siblings: o.hashes("siblings")?,
            extra: o.extra(&["kind", "siblings"]),
        },
    })
}

fn step(o: &Object<'_>) -> Result<WireStep, BundleError> {
    Ok(WireStep {
        hash: o.hash("hash")?,
        position: match o.choice("position", &["left", "right"])? {
            0 => Side::Left,
            _ => Side::Right,
        },
        extra: o.extra(&["hash", "position"]),
    })
}

/// Reads ledger evidence (`ledger`).
pub(crate) fn ledger(o: &Object<'_>) -> Result<LedgerEvidence, BundleError> {
    Ok(LedgerEvidence {
        network: o.string("network")?,
        transaction: o.string("transaction")?,
        answers: answers(o)?,
        extra: o.extra(&["network", "transaction", "answers"]),
    })
}

/// Reads `answers[]` of ledger evidence or of a recorded answers file.
pub(crate) fn answers(o: &Object<'_>) -> Result<Vec<RecordedAnswer>, BundleError> {
    let base = o.field("answers");
    let list = o.array("answers")?;
    let mut out = Vec::with_capacity(list.len());
    for (j, v) in list.iter().enumerate() {
        out.push(answer(&Object::at(v, fieldpath::indexed(&base, j, ""))?)?);
    }
    Ok(out)
}

fn answer(o: &Object<'_>) -> Result<RecordedAnswer, BundleError> {
    let status = match o.get("status") {
        None => None,
        Some(v) => Some(
            v.as_u64()
                .and_then(|s| u16::try_from(s).ok())
                .ok_or_else(|| shape(&o.field("status"), "expected an HTTP status or null"))?,
        ),
    };
    let kind = match o.choice("kind", &["mirror", "rpc"])? {
        0 => LedgerSource::Mirror,
        _ => LedgerSource::Rpc,
    };
    Ok(RecordedAnswer {
        answer: SourceAnswer {
            kind,
            url: o.string("url")?,
            method: o.opt_string("method")?,
            asked_at: o.string("askedAt")?,
            status,
            body: o.string("body")?,
            body_sha256: o.string("bodySha256")?,
            error: o.opt_string("error")?,
        },
        extra: o.extra(&[
            "kind",
            "url",
            "method",
            "askedAt",
            "status",
            "body",
            "bodySha256",
            "error",
        ]),
    })
}

fn seal(o: &Object<'_>) -> Result<Seal, BundleError> {
    let fields = o.object("fields")?;
    Ok(Seal {
        fields: fields.extra(&[]),
        root: o.hash("root")?,
        extra: o.extra(&["fields", "root"]),
    })
}
