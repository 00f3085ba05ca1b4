//! One line of the receipts export read into what the audit needs.
//!
//! Webhook events, by far the most numerous lines, are read into borrowed
//! views: `itemHashes` stays raw text (the key of the root cache), nothing
//! else of the batch is decoded twice. Every other line, and any webhook the
//! view does not take, is recognised and parsed by [`Artefact::from_json`],
//! so a line is accepted or refused exactly as the `receipt` verb would.

use crate::chain::cache::{Batch, RootCache};
use crate::chain::line::{ProofFact, ProofView, fact_and_leaves};
use crate::receipt::wire::{ReceiptId, Status, WebhookDelta, WebhookEvent};
use crate::receipt::{Artefact, DELTA_FAILED, DELTA_VERIFIED, WireError};
use crate::{Hash32, NodeEncoding};
use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::boxed::Box;
use std::string::{String, ToString};
use std::sync::Arc;

/// What a webhook event says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EventKind {
    Verified,
    Failed,
    Other(String),
}

/// The delta a webhook echoes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Echo {
    /// The SDK's bare amount.
    Amount(f64),
    /// The documented `{customerId, amount, reason, referenceId, metadata}`, as JSON text.
    Object(String),
}

/// A proof's fact and its item list.
type ProvenList = (ProofFact, Arc<[Hash32]>);

/// What the audit keeps of one webhook event.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WebhookFact {
    pub(crate) event: EventKind,
    pub(crate) tenant: Option<String>,
    /// `deltaIndex`, or the SDK's `sequenceNumber` (text when not a number).
    pub(crate) sequence: Option<Result<u64, String>>,
    pub(crate) status: Option<Status>,
    pub(crate) error: Option<String>,
    pub(crate) receipt_id: Option<ReceiptId>,
    pub(crate) time: Option<String>,
    pub(crate) customer_id: Option<String>,
    pub(crate) reference_id: Option<String>,
    pub(crate) anchor_id: Option<String>,
    pub(crate) echo: Option<Echo>,
    pub(crate) proof: Option<(ProofFact, Arc<[Hash32]>)>,
}

/// One line of the receipts export.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Fact {
    Blank,
    Webhook(Box<WebhookFact>),
    Artefact(Box<Artefact>),
}

#[derive(Deserialize)]
pub(crate) struct EventView<'a> {
    #[serde(borrow)]
    event: Cow<'a, str>,
    /// Read only so that a line the typed event refuses is refused here too.
    #[serde(borrow, default)]
    #[allow(dead_code)]
    id: Option<Cow<'a, str>>,
    #[serde(borrow, default, rename = "tenantId")]
    tenant_id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    timestamp: Option<&'a RawValue>,
    #[serde(borrow, default, rename = "createdAt")]
    created_at: Option<&'a RawValue>,
    #[serde(borrow)]
    data: DataView<'a>,
}

#[derive(Deserialize)]
struct DataView<'a> {
    #[serde(borrow, default, rename = "receiptId")]
    receipt_id: Option<Cow<'a, str>>,
    /// Read only so that a line the typed event refuses is refused here too.
    #[serde(borrow, default, rename = "recordId")]
    #[allow(dead_code)]
    record_id: Option<Cow<'a, str>>,
    #[serde(default, rename = "deltaIndex")]
    delta_index: Option<u64>,
    #[serde(borrow, default, rename = "sequenceNumber")]
    sequence_number: Option<&'a RawValue>,
    #[serde(borrow, default)]
    status: Option<Cow<'a, str>>,
    #[serde(borrow, default, rename = "customerId")]
    customer_id: Option<Cow<'a, str>>,
    #[serde(borrow, default, rename = "referenceId")]
    reference_id: Option<Cow<'a, str>>,
    #[serde(borrow, default, rename = "anchorId")]
    anchor_id: Option<&'a RawValue>,
    #[serde(borrow, default, rename = "verifiedAt")]
    verified_at: Option<&'a RawValue>,
    #[serde(borrow, default)]
    delta: Option<&'a RawValue>,
    #[serde(borrow, default)]
    proof: Option<ProofView<'a>>,
    #[serde(borrow, default)]
    error: Option<&'a RawValue>,
}

/// Text of a JSON value: a string's content, anything else as written.
fn text_of(raw: &RawValue) -> String {
    match serde_json::from_str::<Cow<'_, str>>(raw.get()) {
        Ok(s) => s.into_owned(),
        Err(_) => raw.get().to_string(),
    }
}

fn text_of_value(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn event_kind(name: &str) -> EventKind {
    match name {
        DELTA_VERIFIED => EventKind::Verified,
        DELTA_FAILED => EventKind::Failed,
        other => EventKind::Other(other.into()),
    }
}

fn status_of(s: &str) -> Status {
    serde_json::from_value(Value::String(s.into())).unwrap_or(Status::Other(s.into()))
}

fn sequence_of(raw: &RawValue) -> Option<Result<u64, String>> {
    let text = raw.get();
    if text == "null" {
        return None;
    }
    let inner = text_of(raw);
    Some(inner.parse::<u64>().map_err(|_| inner))
}

impl<'a> EventView<'a> {
    /// The fact, or `None` when the view cannot stand for the typed event
    /// (a `delta` that is neither a number nor an object).
    /// The echoed delta, or `None` when `delta` is neither a number nor an
    /// object (the typed event refuses it: the line takes the slow path).
    fn echo(&self) -> Option<Option<Echo>> {
        Some(match self.data.delta.map(RawValue::get) {
            None | Some("null") => None,
            Some(t) if t.starts_with('{') => Some(Echo::Object(t.into())),
            Some(t) => Some(Echo::Amount(serde_json::from_str::<f64>(t).ok()?)),
        })
    }

    /// The proof's list text and claimed root.
    pub(crate) fn list_key(&self) -> Option<(&str, Option<Hash32>)> {
        self.data.proof.as_ref().map(ProofView::list_key)
    }

    /// The fact, given the echo and the proof's fact (or why its list is unreadable).
    fn into_fact(
        self,
        echo: Option<Echo>,
        proof: Option<Result<ProvenList, String>>,
    ) -> Result<WebhookFact, WireError> {
        let d = self.data;
        let proof = match proof {
            None => None,
            Some(Ok(pair)) => Some(pair),
            Some(Err(message)) => {
                return Err(WireError::Shape {
                    artefact: crate::receipt::ArtefactKind::Webhook,
                    message,
                });
            }
        };
        let time = d.verified_at.or(self.timestamp).or(self.created_at).map(text_of);
        Ok(WebhookFact {
            event: event_kind(&self.event),
            tenant: self.tenant_id.map(Cow::into_owned),
            sequence: match (d.delta_index, d.sequence_number) {
                (Some(k), _) => Some(Ok(k)),
                (None, Some(raw)) => sequence_of(raw),
                (None, None) => None,
            },
            status: d.status.as_deref().map(status_of),
            error: d.error.filter(|e| e.get() != "null").map(text_of),
            receipt_id: d.receipt_id.as_deref().map(crate::chain::hex::parse_receipt_id),
            time,
            customer_id: d.customer_id.map(Cow::into_owned),
            reference_id: d.reference_id.map(Cow::into_owned),
            anchor_id: d.anchor_id.filter(|a| a.get() != "null").map(text_of),
            echo,
            proof,
        })
    }
}

/// The fact of a typed event (the slow path).
fn fact_of_event(ev: &WebhookEvent, cache: &mut RootCache, hint: Option<NodeEncoding>) -> WebhookFact {
    let d = &ev.data;
    let sequence = match (d.delta_index, d.extra.get("sequenceNumber")) {
        (Some(k), _) => Some(Ok(k)),
        (None, None | Some(Value::Null)) => None,
        (None, Some(v)) => {
            let t = text_of_value(v);
            Some(t.parse::<u64>().map_err(|_| t))
        }
    };
    let time = d
        .extra
        .get("verifiedAt")
        .or(ev.timestamp.as_ref())
        .or(ev.created_at.as_ref())
        .map(text_of_value);
    WebhookFact {
        event: event_kind(&ev.event),
        tenant: ev.tenant_id.clone(),
        sequence,
        status: d.status.clone(),
        error: d.error.as_ref().filter(|e| !e.is_null()).map(text_of_value),
        receipt_id: d.receipt_id.clone(),
        time,
        customer_id: d.customer_id.clone(),
        reference_id: d.reference_id.clone(),
        anchor_id: d
            .extra
            .get("anchorId")
            .filter(|a| !a.is_null())
            .map(text_of_value),
        echo: d.delta.as_ref().map(|x| match x {
            WebhookDelta::Amount(a) => Echo::Amount(*a),
            WebhookDelta::Echo(map) => Echo::Object(Value::Object(map.clone()).to_string()),
        }),
        proof: d.proof.as_ref().map(|p| fact_and_leaves(p, cache, hint)),
    }
}

/// A receipts line read, a webhook's item list still text.
pub(crate) enum ReadLine<'a> {
    /// Read to the end.
    Done(Fact),
    /// A webhook in the fast view, with its echo.
    View(Box<EventView<'a>>, Option<Echo>),
}

impl ReadLine<'_> {
    /// The list's text and claimed root, while still text.
    pub(crate) fn list_key(&self) -> Option<(&str, Option<Hash32>)> {
        match self {
            ReadLine::View(v, _) => v.list_key(),
            ReadLine::Done(_) => None,
        }
    }

    /// The fact, the list found by `batch` (the chunk's decoded lists).
    pub(crate) fn finish(
        self,
        batch: Option<&Result<Batch, String>>,
        hint: Option<NodeEncoding>,
    ) -> Result<Fact, WireError> {
        match self {
            ReadLine::Done(f) => Ok(f),
            ReadLine::View(v, echo) => {
                let proof = v.data.proof.as_ref().map(|p| match batch {
                    Some(Ok(b)) => Ok(p.fact_from(b, hint)),
                    Some(Err(m)) => Err(m.clone()),
                    None => Err("item list not decoded".to_string()),
                });
                v.into_fact(echo, proof).map(|f| Fact::Webhook(Box::new(f)))
            }
        }
    }
}

/// Reads one receipts line, leaving a webhook's item list as text. Blank
/// lines are [`Fact::Blank`].
pub(crate) fn read_receipt_line(line: &[u8], hint: Option<NodeEncoding>) -> Result<ReadLine<'_>, WireError> {
    if line.iter().all(u8::is_ascii_whitespace) {
        return Ok(ReadLine::Done(Fact::Blank));
    }
    // One UTF-8 check for the whole line: borrowed strings and raw values
    // are then not checked again one by one.
    let text = core::str::from_utf8(line).map_err(|e| WireError::Json(e.to_string()))?;
    if let Ok(view) = serde_json::from_str::<EventView<'_>>(text)
        && let Some(echo) = view.echo()
    {
        return Ok(ReadLine::View(Box::new(view), echo));
    }
    Ok(ReadLine::Done(match Artefact::from_json(text)? {
        Artefact::Webhook(ev) => {
            Fact::Webhook(Box::new(fact_of_event(&ev, &mut RootCache::with_slots(1), hint)))
        }
        other => Fact::Artefact(Box::new(other)),
    }))
}

/// Reads one receipts line. Blank lines are [`Fact::Blank`].
pub(crate) fn parse_receipt_line(
    line: &[u8],
    cache: &mut RootCache,
    hint: Option<NodeEncoding>,
) -> Result<Fact, WireError> {
    match read_receipt_line(line, hint)? {
        ReadLine::Done(f) => Ok(f),
        ReadLine::View(v, echo) => {
            let proof = v
                .data
                .proof
                .as_ref()
                .map(|p| p.fact(cache, hint).map_err(|e| e.to_string()));
            v.into_fact(echo, proof).map(|f| Fact::Webhook(Box::new(f)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both paths give the same fact for the same event.
    #[test]
    fn view_and_typed_event_agree() {
        let h = Hash32([7; 32]);
        let lines = [
            serde_json::json!({"event":"delta.verified","timestamp":"t0","data":{"receiptId":h,"deltaIndex":4,
                "status":"VERIFIED","verifiedAt":"t1","delta":{"customerId":"c","amount":1.5,"reason":"r","referenceId":"x","metadata":null},
                "proof":{"proofHash":h,"contentHash":h,"itemHashes":[h],"previousProofHash":null}}}),
            serde_json::json!({"id":"e","event":"delta.verified","tenantId":"t","createdAt":"t2","data":{"recordId":"r",
                "receiptId":"rcpt_1","customerId":"c","delta":2.5,"sequenceNumber":"17","referenceId":"x"}}),
            serde_json::json!({"event":"delta.failed","data":{"error":{"code":7},"anchorId":"a1","sequenceNumber":"x9"}}),
        ];
        for v in lines {
            let text = v.to_string();
            let mut cache = RootCache::default();
            let fast = parse_receipt_line(text.as_bytes(), &mut cache, None).unwrap();
            let ev: WebhookEvent = serde_json::from_value(v).unwrap();
            let slow = Fact::Webhook(Box::new(fact_of_event(&ev, &mut cache, None)));
            match (&fast, &slow) {
                (Fact::Webhook(a), Fact::Webhook(b)) => {
                    assert_eq!(a.event, b.event);
                    assert_eq!(a.sequence, b.sequence);
                    assert_eq!(
                        (&a.time, &a.tenant, &a.error, &a.anchor_id),
                        (&b.time, &b.tenant, &b.error, &b.anchor_id)
                    );
                    assert_eq!(
                        (&a.customer_id, &a.reference_id, &a.receipt_id),
                        (&b.customer_id, &b.reference_id, &b.receipt_id)
                    );
                    assert_eq!(a.proof.as_ref().map(|p| &p.0), b.proof.as_ref().map(|p| &p.0));
                    match (&a.echo, &b.echo) {
                        (Some(Echo::Object(x)), Some(Echo::Object(y))) => assert_eq!(
                            serde_json::from_str::<Value>(x).unwrap(),
                            serde_json::from_str::<Value>(y).unwrap()
                        ),
                        (x, y) => assert_eq!(x, y),
                    }
                }
                _ => panic!("{fast:?}"),
            }
        }
    }

    #[test]
    fn other_artefacts_and_bad_lines() {
        let mut cache = RootCache::default();
        let emit = r#"{"receiptId":"rcpt_1","status":"QUEUED"}"#;
        assert!(matches!(
            parse_receipt_line(emit.as_bytes(), &mut cache, None),
            Ok(Fact::Artefact(_))
        ));
        assert!(matches!(
            parse_receipt_line(b"  ", &mut cache, None),
            Ok(Fact::Blank)
        ));
        assert!(matches!(
            parse_receipt_line(b"{", &mut cache, None),
            Err(WireError::Json(_))
        ));
        let bad_delta = r#"{"event":"delta.verified","data":{"delta":"five"}}"#;
        assert!(matches!(
            parse_receipt_line(bad_delta.as_bytes(), &mut cache, None),
            Err(WireError::Shape { .. })
        ));
        let bad_hash = r#"{"event":"delta.verified","data":{"proof":{"proofHash":"p","contentHash":"0x00","itemHashes":[]}}}"#;
        assert!(parse_receipt_line(bad_hash.as_bytes(), &mut cache, None).is_err());
    }
}
