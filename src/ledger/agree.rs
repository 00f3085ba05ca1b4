//! Whether two answering sources said the same thing, field by field.

use super::answers::{SourceAnswer, SourceKind};
use super::evidence::{Evidence, Reading, TimeKind};
use super::find::Location;
use super::report::{AnswerRef, Disagreement, DisagreementSide};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// One configured source, its recorded answers and what they say.
pub(crate) struct Source<'a> {
    pub kind: SourceKind,
    pub url: &'a str,
    pub answers: Vec<&'a SourceAnswer>,
    pub reading: Reading,
    /// Where the root's bytes are (empty unless the reading is `Known`).
    pub locations: Vec<Location>,
}

impl Source<'_> {
    pub fn answer_refs(&self) -> Vec<AnswerRef> {
        self.answers
            .iter()
            .map(|a| AnswerRef {
                method: a.method.clone(),
                asked_at: a.asked_at.clone(),
                status: a.status,
                body_sha256: a.body_sha256.clone(),
                error: a.error.clone(),
            })
            .collect()
    }

    fn side(&self, value: String) -> DisagreementSide {
        DisagreementSide {
            kind: self.kind,
            url: self.url.to_string(),
            value,
            answers: self.answer_refs(),
        }
    }
}

pub(crate) fn describe_locations(locations: &[Location]) -> String {
    match locations {
        [] => "root not found".to_string(),
        [one] => format!("root found in {one}"),
        [first, rest @ ..] => format!("root found in {first} and {} more places", rest.len()),
    }
}

fn describe_time(ev: &Evidence) -> String {
    let kind = match ev.time_kind {
        TimeKind::Consensus => "consensus time",
        TimeKind::Block => "block time",
    };
    format!("{kind} {} ({})", ev.time.rfc3339(), ev.time.seconds_nanos())
}

fn success_text(ev: &Evidence) -> String {
    let word = if ev.success { "succeeded" } else { "failed" };
    format!("the transaction {word} ({})", ev.status_text)
}

fn times_agree(a: &Evidence, b: &Evidence, skew: u64) -> bool {
    match (a.time_kind, b.time_kind) {
        (TimeKind::Consensus, TimeKind::Consensus) => a.time == b.time,
        (TimeKind::Block, TimeKind::Block) => a.time == b.time,
        _ => a.time.abs_diff_secs(&b.time) <= skew,
    }
}

fn opt_text<T: core::fmt::Display>(v: Option<T>, none: &str) -> String {
    v.map(|x| x.to_string()).unwrap_or_else(|| none.to_string())
}

/// Every field on which `b` differs from `a` (both answered).
pub(crate) fn compare(a: &Source<'_>, b: &Source<'_>, skew: u64) -> Vec<Disagreement> {
    let mut out = Vec::new();
    let mut differ = |field: &'static str, va: String, vb: String| {
        out.push(Disagreement {
            field,
            sides: [a.side(va), b.side(vb)],
        });
    };
    match (&a.reading, &b.reading) {
        (Reading::Known(ea), Reading::Known(eb)) => {
            if ea.success != eb.success {
                differ("success", success_text(ea), success_text(eb));
            }
            if a.locations != b.locations {
                differ(
                    "found",
                    describe_locations(&a.locations),
                    describe_locations(&b.locations),
                );
            }
            if ea.to != eb.to {
                differ(
                    "to",
                    opt_text(ea.to, "no recipient"),
                    opt_text(eb.to, "no recipient"),
                );
            }
            if let (Some(x), Some(y)) = (ea.block_number, eb.block_number)
                && x != y
            {
                differ("blockNumber", format!("block {x}"), format!("block {y}"));
            }
            if !times_agree(ea, eb, skew) {
                differ("time", describe_time(ea), describe_time(eb));
            }
            if let (Some(x), Some(y)) = (ea.chain_id, eb.chain_id)
                && x != y
            {
                differ("chainId", format!("chain id {x}"), format!("chain id {y}"));
            }
        }
        (Reading::Known(_), Reading::Unknown { why }) => {
            differ("transaction", "the transaction exists".to_string(), why.clone());
        }
        (Reading::Unknown { why }, Reading::Known(_)) => {
            differ("transaction", why.clone(), "the transaction exists".to_string());
        }
        _ => {}
    }
    out
}
