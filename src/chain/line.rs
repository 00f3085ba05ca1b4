//! One chain line read into what the chain check needs, without building a
//! JSON tree: the usual line by the hand scanner ([`super::scan`]), which
//! leaves every other line to serde; there the proof's fields are borrowed
//! from the line and `itemHashes` is kept as raw text, the key of the root
//! cache. Lines of an unusual shape go through `serde_json::Value` as
//! before, so all paths accept and refuse exactly the same lines.

use super::cache::{Batch, RootCache, RootEval};
use super::scan::{decode_hashes, scan_line};
use super::verifier::ChainInputError;
use crate::receipt::wire::{ReceiptId, WebhookProof};
use crate::{Hash32, NodeEncoding};
use alloc::borrow::Cow;
use alloc::string::ToString;
use alloc::vec::Vec;
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::Value;
use serde_json::value::RawValue;

/// A field that may be absent; present with any value but the expected
/// shape, deserialisation fails (and the line takes the slow path).
#[derive(Debug, Default)]
pub(crate) enum Slot<T> {
    #[default]
    Absent,
    Present(T),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Slot<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(Slot::Present)
    }
}

fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    IgnoredAny::deserialize(d).map(|_| true)
}

/// `proof` as borrowed text.
#[derive(Debug, Deserialize)]
pub(crate) struct ProofView<'a> {
    #[serde(rename = "proofHash", borrow)]
    pub(crate) proof_hash: Cow<'a, str>,
    #[serde(rename = "contentHash", deserialize_with = "super::hex::hash_field")]
    pub(crate) content_hash: Hash32,
    #[serde(rename = "itemHashes", borrow)]
    pub(crate) item_hashes: &'a RawValue,
    #[serde(rename = "previousProofHash", borrow, default)]
    pub(crate) previous: Option<Cow<'a, str>>,
}

#[derive(Debug, Deserialize)]
struct DataView<'a> {
    #[serde(borrow, default)]
    proof: Slot<ProofView<'a>>,
}

/// The three places a chain line may hold its proof.
#[derive(Debug, Deserialize)]
struct LineView<'a> {
    #[serde(rename = "proofHash", default, deserialize_with = "present")]
    bare: bool,
    #[serde(borrow, default)]
    proof: Slot<ProofView<'a>>,
    #[serde(borrow, default)]
    data: Slot<DataView<'a>>,
}

/// What the chain check keeps of one receipt.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ProofFact {
    pub(crate) proof_hash: ReceiptId,
    pub(crate) previous: Option<ReceiptId>,
    pub(crate) content_hash: Hash32,
    /// Position of contentHash in itemHashes.
    pub(crate) content_at: Option<usize>,
    pub(crate) item_count: usize,
    /// The claimed root against the list (None: opaque proofHash).
    pub(crate) eval: Option<RootEval>,
}

impl ProofView<'_> {
    /// Decodes (or finds in `cache`) the list and compares the root.
    pub(crate) fn fact(
        &self,
        cache: &mut RootCache,
        hint: Option<NodeEncoding>,
    ) -> Result<(ProofFact, alloc::sync::Arc<[Hash32]>), serde_json::Error> {
        let raw = self.item_hashes.get();
        let batch = cache.get_or_insert(raw.as_bytes(), || serde_json::from_str(raw))?;
        let proof_hash = super::hex::parse_receipt_id(&self.proof_hash);
        let eval = proof_hash.root().map(|root| batch.evaluate(&root, hint));
        Ok(self.fact_with(proof_hash, batch.leaves.clone(), eval))
    }

    /// The list's text and the claimed root, for [`super::cache::ChunkLists`].
    #[cfg_attr(not(feature = "std"), allow(dead_code))]
    pub(crate) fn list_key(&self) -> (&str, Option<Hash32>) {
        (
            self.item_hashes.get(),
            super::hex::parse_hash(&self.proof_hash).ok(),
        )
    }

    /// The fact, against a batch decoded for the whole chunk.
    #[cfg_attr(not(feature = "std"), allow(dead_code))]
    pub(crate) fn fact_from(
        &self,
        batch: &Batch,
        hint: Option<NodeEncoding>,
    ) -> (ProofFact, alloc::sync::Arc<[Hash32]>) {
        let proof_hash = super::hex::parse_receipt_id(&self.proof_hash);
        let eval = proof_hash.root().map(|root| batch.evaluate_ref(&root, hint));
        self.fact_with(proof_hash, batch.leaves.clone(), eval)
    }

    fn fact_with(
        &self,
        proof_hash: ReceiptId,
        leaves: alloc::sync::Arc<[Hash32]>,
        eval: Option<RootEval>,
    ) -> (ProofFact, alloc::sync::Arc<[Hash32]>) {
        let fact = ProofFact {
            proof_hash,
            previous: self.previous.as_deref().map(super::hex::parse_receipt_id),
            content_hash: self.content_hash,
            content_at: leaves.iter().position(|h| *h == self.content_hash),
            item_count: leaves.len(),
            eval,
        };
        (fact, leaves)
    }
}

/// The fact of a typed proof (the slow path and [`super::ChainVerifier::push_proof`]).
pub(crate) fn fact_of_proof(
    p: &WebhookProof,
    cache: &mut RootCache,
    hint: Option<NodeEncoding>,
) -> ProofFact {
    fact_and_leaves(p, cache, hint).0
}

/// [`fact_of_proof`] and the list, shared with the cache.
pub(crate) fn fact_and_leaves(
    p: &WebhookProof,
    cache: &mut RootCache,
    hint: Option<NodeEncoding>,
) -> (ProofFact, alloc::sync::Arc<[Hash32]>) {
    let key = super::cache::leaves_key(&p.item_hashes);
    let batch = cache.get_or_insert(&key, || Ok::<_, core::convert::Infallible>(p.item_hashes.clone()));
    let (eval, leaves) = match batch {
        Ok(b) => (
            p.proof_hash.root().map(|root| b.evaluate(&root, hint)),
            b.leaves.clone(),
        ),
        Err(never) => match never {},
    };
    let fact = ProofFact {
        proof_hash: p.proof_hash.clone(),
        previous: p.previous_proof_hash.clone(),
        content_hash: p.content_hash,
        content_at: p.item_hashes.iter().position(|h| *h == p.content_hash),
        item_count: p.item_hashes.len(),
        eval,
    };
    (fact, leaves)
}

/// The proof object in one line, the slow way: a webhook event,
/// `{data: {proof}}`, `{proof}` or the proof itself.
fn proof_value(mut v: Value) -> Option<Value> {
    if v.get("proofHash").is_some() {
        return Some(v);
    }
    if let Some(p) = v.get_mut("proof") {
        return Some(p.take());
    }
    v.get_mut("data")
        .and_then(|d| d.get_mut("proof"))
        .map(Value::take)
}

/// A chain line read without its list decoded.
pub(crate) enum ChainLine<'a> {
    /// The fast view.
    View(ProofView<'a>),
    /// A line of another shape, read the slow way.
    Proof(WebhookProof),
}

/// Reads one non-blank chain line (1-based `line_no`), its list left as text.
pub(crate) fn read_chain_line(line: &[u8], line_no: u64) -> Result<ChainLine<'_>, ChainInputError> {
    let json_err = |e: serde_json::Error| ChainInputError::Json {
        line: line_no,
        message: e.to_string(),
    };
    // One UTF-8 check for the whole line (a line that is not UTF-8 takes the
    // slow path, which reports it).
    let view = core::str::from_utf8(line)
        .ok()
        .and_then(|text| serde_json::from_str::<LineView<'_>>(text).ok());
    if let Some(view) = view {
        let found = match (view.bare, view.proof, view.data) {
            (true, _, _) => None,
            (false, Slot::Present(p), _) => Some(p),
            (
                false,
                Slot::Absent,
                Slot::Present(DataView {
                    proof: Slot::Present(p),
                }),
            ) => Some(p),
            (false, Slot::Absent, _) => return Err(ChainInputError::NoProof { line: line_no }),
        };
        if let Some(p) = found {
            return Ok(ChainLine::View(p));
        }
    }
    let v: Value = serde_json::from_slice(line).map_err(json_err)?;
    let p = proof_value(v).ok_or(ChainInputError::NoProof { line: line_no })?;
    serde_json::from_value(p).map(ChainLine::Proof).map_err(json_err)
}

/// Reads one non-blank chain line (1-based `line_no`) into its fact.
pub(crate) fn parse_chain_line(
    line: &[u8],
    line_no: u64,
    cache: &mut RootCache,
    hint: Option<NodeEncoding>,
) -> Result<ProofFact, ChainInputError> {
    match read_chain_line(line, line_no)? {
        ChainLine::View(p) => p
            .fact(cache, hint)
            .map(|(f, _)| f)
            .map_err(|e| ChainInputError::Json {
                line: line_no,
                message: e.to_string(),
            }),
        ChainLine::Proof(proof) => Ok(fact_of_proof(&proof, cache, hint)),
    }
}

/// Reads chain lines into facts, keeping what helps with the next line: the
/// text and batch of the last list read by the scanner (the webhooks of one
/// batch repeat it line after line), a cache of batches for the others, and
/// the encoding to try first.
#[derive(Debug, Clone, Default)]
pub(crate) struct LineReader {
    /// Batches by their list's text (or bytes, for typed proofs).
    pub(crate) cache: RootCache,
    /// The encoding tried first: the chain's once it is known.
    pub(crate) hint: Option<NodeEncoding>,
    /// The text of the last list the scanner met (a flat array of hashes)...
    last: Vec<u8>,
    /// ...and its batch.
    last_batch: Option<Batch>,
    /// The last ids read (a batch's webhooks share their proofHash and
    /// previousProofHash), with their text.
    ids: [(Vec<u8>, Option<ReceiptId>); 2],
    /// The slot of `ids` replaced next.
    next_id: usize,
}

impl LineReader {
    /// A reader whose cache holds `slots` batches.
    #[cfg_attr(not(feature = "parallel"), allow(dead_code))]
    pub(crate) fn with_slots(slots: usize) -> Self {
        LineReader {
            cache: RootCache::with_slots(slots),
            ..Default::default()
        }
    }

    /// Reads one line (1-based `line_no`) into its fact; `None` for a blank line.
    pub(crate) fn read(&mut self, line: &[u8], line_no: u64) -> Result<Option<ProofFact>, ChainInputError> {
        if line.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        let found = core::str::from_utf8(line)
            .ok()
            .and_then(|text| scan_line(text, &self.last));
        let Some(found) = found else {
            return parse_chain_line(line, line_no, &mut self.cache, self.hint).map(Some);
        };
        if !(found.known_list && self.last_batch.is_some()) {
            self.load(found.item_hashes).map_err(|e| ChainInputError::Json {
                line: line_no,
                message: e.to_string(),
            })?;
        }
        let proof_hash = self.id(found.proof_hash);
        let previous = found.previous.map(|text| self.id(text));
        let Some(batch) = self.last_batch.as_mut() else {
            // Loaded just above: not reached.
            return parse_chain_line(line, line_no, &mut self.cache, self.hint).map(Some);
        };
        let eval = proof_hash.root().map(|root| batch.evaluate(&root, self.hint));
        if let (None, Some(RootEval::Matched(e))) = (self.hint, eval) {
            self.hint = Some(e);
        }
        Ok(Some(ProofFact {
            proof_hash,
            previous,
            content_hash: found.content_hash,
            content_at: batch.leaves.iter().position(|h| *h == found.content_hash),
            item_count: batch.leaves.len(),
            eval,
        }))
    }

    /// The id written `text`: one of the last two, or parsed.
    fn id(&mut self, text: &str) -> ReceiptId {
        if let Some((_, Some(id))) = self.ids.iter().find(|(t, _)| t == text.as_bytes()) {
            return id.clone();
        }
        let id = super::hex::parse_receipt_id(text);
        if let Some(slot) = self.ids.get_mut(self.next_id) {
            slot.0.clear();
            slot.0.extend_from_slice(text.as_bytes());
            slot.1 = Some(id.clone());
        }
        self.next_id = (self.next_id + 1) % 2;
        id
    }

    /// Makes `text` (a valid JSON value) the last list: from the cache, or
    /// decoded (by hand when it has the usual form, else by serde, whose
    /// error names what is wrong).
    fn load(&mut self, text: &str) -> Result<(), serde_json::Error> {
        let batch = self
            .cache
            .get_or_insert(text.as_bytes(), || match decode_hashes(text) {
                Some(leaves) => Ok(leaves),
                None => serde_json::from_str(text),
            })?;
        self.last_batch = Some(batch.clone());
        self.last.clear();
        self.last.extend_from_slice(text.as_bytes());
        Ok(())
    }
}
